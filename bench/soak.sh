#!/usr/bin/env bash
# Soak (hardening issue): a release server on SQLite (or the PostgreSQL URL given, an empty
# database) takes respondents submitting at concurrency 8, spread over every unit of the wave as a
# real survey is, and two HR officers opening the heatmap page, its XLSX and CSV exports and a unit
# page, for MINUTES minutes. Reports errors (must be 0) and
# the server's resident memory every minute (must stay flat).
# Usage: bench/soak.sh [minutes=15] [database-url]
# Needs `cargo leptos build --release` and `cargo build --release --features ssr --bin mawas-loadgen`.
# Results go in docs/PERFORMANCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MINUTES="${1:-15}"
WORK="$(mktemp -d)"
export DATABASE_URL="${2:-sqlite://$WORK/soak.db?mode=rwc}"
export LEPTOS_SITE_ROOT="$ROOT/target/site" RUST_LOG="${RUST_LOG:-warn}" MAWAS_SUBMIT_PER_MINUTE=0
# As the systemd unit in docs/OPERATIONS.md runs it: glibc otherwise keeps freed memory in one arena
# per thread and the resident size creeps up (drop this line to compare without the cap).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# Kept after the run when set, e.g. RUST_LOG=info MAWAS_SOAK_SERVER_LOG=/tmp/soak-server.log
SERVER_LOG="${MAWAS_SOAK_SERVER_LOG:-$WORK/server.log}"
ADDR="${MAWAS_SOAK_ADDR:-127.0.0.1:3902}"
BIN="$ROOT/target/release/mawas"
LOADGEN="$ROOT/target/release/mawas-loadgen"
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

"$BIN" seed-demo --scale 1 >"$WORK/seed.log"
TOKEN=$("$BIN" create-api-token --email hr@mawas.local --name soak)
"$BIN" serve --addr "$ADDR" >"$SERVER_LOG" 2>&1 &
SERVER=$!
for _ in $(seq 1 150); do curl -sf "http://$ADDR/readyz" >/dev/null && break; sleep 0.1; done
TODAY=$(date -u +%F); LATER=$(date -u -d '+30 days' +%F)
read -r WAVE SLUG < <(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Soak\",\"instrument\":\"lo-25\",\"root_unit\":\"KAB\",\"opens_on\":\"$TODAY\",\"closes_on\":\"$LATER\"}" \
  "http://$ADDR/api/v1/waves" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["slug"])')
COOKIE=$(curl -s -o /dev/null -D - -H 'Accept: text/html' -H "Origin: http://$ADDR" \
  --data 'email=hr%40mawas.local&password=hr-mawas-2026' "http://$ADDR/api/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: \(mawas_session=[^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "HR login failed"; exit 1; }
UNITS=$(curl -sf -H "Authorization: Bearer $TOKEN" "http://$ADDR/api/v1/units" \
  | python3 -c 'import json,sys; print(",".join(u["code"] for u in json.load(sys.stdin)))')
PATHS="/hr/waves/$WAVE,/hr/waves/$WAVE/heatmap.xlsx,/hr/waves/$WAVE/heatmap.csv,/hr/units/DINKES"
echo "cpu: $(nproc) cores; $(date -u); database: ${DATABASE_URL%%://*}"
echo "server RSS at start: $(ps -o rss= -p "$SERVER") KiB"
"$LOADGEN" --base "http://$ADDR" --path "/s/$SLUG?u=DINKES" --concurrency 8 --seconds $((MINUTES * 60)) \
  --units "$UNITS" --soak-hr-cookie "$COOKIE" --hr-paths "$PATHS" &
LOAD=$!
while kill -0 "$LOAD" 2>/dev/null; do
  sleep 60
  kill -0 "$LOAD" 2>/dev/null && echo "server RSS: $(ps -o rss= -p "$SERVER") KiB"
done
STATUS=0
wait "$LOAD" || STATUS=$?
echo "server RSS at the end: $(ps -o rss= -p "$SERVER") KiB"
exit "$STATUS"
