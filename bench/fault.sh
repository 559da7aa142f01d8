#!/usr/bin/env bash
# Write fault under load (issue 17): respondents submit at concurrency 8 while the database stops
# taking writes for a few seconds, then takes them again. Afterwards the server is killed with
# SIGKILL and restarted, and every submission that was answered 200 must be stored (25 answers,
# scores, sums agreeing); every other one was answered with an error. /readyz must say 503 during
# the fault and 200 again after it, without a restart.
#
#   SQLite (default): the database lives on a small tmpfs that is filled to the last byte (a full
#     disk: SQLite answers SQLITE_FULL in the middle of transactions and commits). Needs root to mount.
#   PostgreSQL (a URL naming an empty database): the database turns read-only, as after a failover to
#     a replica: every connection of the app is terminated and the new ones can read but not write.
#     The URL's user must be allowed to ALTER DATABASE and terminate backends (a superuser).
#
# Usage: bench/fault.sh [runs=3] [database-url]. Needs `cargo leptos build --release` and
# `cargo build --release --features ssr --bin mawas-loadgen`. Results go in docs/PERFORMANCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
WORK="$(mktemp -d)"
DISK="$WORK/disk"
export LEPTOS_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn MAWAS_SUBMIT_PER_MINUTE=0
ADDR="${MAWAS_FAULT_ADDR:-127.0.0.1:3902}"
BIN="$ROOT/target/release/mawas"
LOADGEN="$ROOT/target/release/mawas-loadgen"
SERVER=""
cleanup() {
  [ -n "$SERVER" ] && kill -9 "$SERVER" 2>/dev/null
  mountpoint -q "$DISK" 2>/dev/null && umount "$DISK"
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${2:-}" ]; then
  export DATABASE_URL="$2"
  BACKEND=postgres
  DBNAME="${DATABASE_URL##*/}"
  ADMIN_URL="${DATABASE_URL%/*}/postgres"
else
  BACKEND=sqlite
  mkdir -p "$DISK"
  mount -t tmpfs -o size=256m tmpfs "$DISK" || { echo "fault.sh needs root to mount a tmpfs"; exit 1; }
  export DATABASE_URL="sqlite://$DISK/fault.db?mode=rwc"
fi

start_server() {
  "$BIN" serve --addr "$ADDR" >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do curl -sf "http://$ADDR/readyz" >/dev/null && return 0; sleep 0.1; done
  echo "the server did not come up"; tail -n 20 "$WORK/server.log"; exit 1
}

ready_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 15 "http://$ADDR/readyz" || true; }

break_database() {
  if [ "$BACKEND" = sqlite ]; then
    # Fill the disk to the last byte; SQLite's next page or WAL frame has nowhere to go.
    dd if=/dev/zero of="$DISK/filler" bs=64k 2>/dev/null || true
  else
    psql -q "$ADMIN_URL" -c "ALTER DATABASE $DBNAME SET default_transaction_read_only = on" \
      -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DBNAME'" >/dev/null
  fi
}

mend_database() {
  if [ "$BACKEND" = sqlite ]; then
    rm -f "$DISK/filler"
  else
    psql -q "$ADMIN_URL" -c "ALTER DATABASE $DBNAME RESET default_transaction_read_only" \
      -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DBNAME'" >/dev/null
  fi
}

"$BIN" seed-demo --scale 1 >"$WORK/seed.log"
TOKEN=$("$BIN" create-api-token --email hr@mawas.local --name fault)
start_server
TODAY=$(date -u +%F); LATER=$(date -u -d '+30 days' +%F)
read -r WAVE SLUG < <(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Fault\",\"instrument\":\"lo-25\",\"root_unit\":\"KAB\",\"opens_on\":\"$TODAY\",\"closes_on\":\"$LATER\"}" \
  "http://$ADDR/api/v1/waves" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["slug"])')
ACKS="$WORK/acknowledged.txt"
: >"$ACKS"
for run in $(seq 1 "$RUNS"); do
  "$LOADGEN" --base "http://$ADDR" --path "/s/$SLUG?u=DINKES" --concurrency 8 --seconds 10 \
    --crash-acknowledged "$ACKS" >"$WORK/load.log" 2>&1 &
  LOAD=$!
  sleep 2
  break_database
  sleep 0.5
  during=$(ready_status)
  sleep 2.5
  mend_database
  # The server recovers by itself: ready again within a few seconds, no restart.
  after=000
  for _ in $(seq 1 50); do after=$(ready_status); [ "$after" = 200 ] && break; sleep 0.2; done
  wait "$LOAD"
  printf 'run %d: %s; /readyz during the fault %s, after it %s\n' "$run" "$(cat "$WORK/load.log")" "$during" "$after"
  if [ "$during" != 503 ] || [ "$after" != 200 ]; then
    echo "readiness did not follow the fault"; tail -n 20 "$WORK/server.log"; exit 1
  fi
  # Submissions after the fault are stored too: a short clean run, then SIGKILL and a restart.
  "$LOADGEN" --base "http://$ADDR" --path "/s/$SLUG?u=DINKES" --concurrency 8 --seconds 2 \
    --crash-acknowledged "$ACKS" >"$WORK/load.log" 2>&1
  printf '        after the fault: %s\n' "$(cat "$WORK/load.log")"
  grep -q "failed 0" "$WORK/load.log" || { echo "submissions still fail after the fault"; tail -n 20 "$WORK/server.log"; exit 1; }
  kill -9 "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
  start_server
  "$LOADGEN" --base "http://$ADDR" --path / --verify-database "$DATABASE_URL" --wave-id "$WAVE" \
    --crash-acknowledged "$ACKS"
done
echo "all $RUNS runs ($BACKEND): acknowledged responses lost: 0 of $(wc -l <"$ACKS")"
