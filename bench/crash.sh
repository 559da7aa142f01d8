#!/usr/bin/env bash
# Crash under load (hardening issue): a release server takes POST submissions at concurrency 32, is
# killed with SIGKILL at a random moment, and restarted; then every submission that got a success
# answer must be in the database with its 25 answers and scores, nothing half-written, and the
# heatmap's per-unit sums must count exactly the stored responses. Repeated RUNS times.
# Usage: bench/crash.sh [runs=20] [database-url]   (a fresh SQLite file by default; a PostgreSQL URL
# must name an empty database). Needs `cargo leptos build --release` and
# `cargo build --release --features ssr --bin mawas-loadgen`. Results go in docs/PERFORMANCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-20}"
WORK="$(mktemp -d)"
export DATABASE_URL="${2:-sqlite://$WORK/crash.db?mode=rwc}"
export LEPTOS_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn MAWAS_SUBMIT_PER_MINUTE=0
ADDR="${MAWAS_CRASH_ADDR:-127.0.0.1:3901}"
BIN="$ROOT/target/release/mawas"
LOADGEN="$ROOT/target/release/mawas-loadgen"
SERVER=""
trap '[ -n "$SERVER" ] && kill -9 $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

start_server() {
  "$BIN" serve --addr "$ADDR" >>"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 150); do curl -sf "http://$ADDR/readyz" >/dev/null && return 0; sleep 0.1; done
  echo "the server did not come up"; tail -n 20 "$WORK/server.log"; exit 1
}

"$BIN" seed-demo --scale 1 >"$WORK/seed.log"
TOKEN=$("$BIN" create-api-token --email hr@mawas.local --name crash)
start_server
TODAY=$(date -u +%F); LATER=$(date -u -d '+30 days' +%F)
read -r WAVE SLUG < <(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Crash\",\"instrument\":\"lo-25\",\"root_unit\":\"KAB\",\"opens_on\":\"$TODAY\",\"closes_on\":\"$LATER\"}" \
  "http://$ADDR/api/v1/waves" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["slug"])')
ACKS="$WORK/acknowledged.txt"
: >"$ACKS"
for run in $(seq 1 "$RUNS"); do
  "$LOADGEN" --base "http://$ADDR" --path "/s/$SLUG?u=DINKES" --concurrency 32 --seconds 4 \
    --crash-acknowledged "$ACKS" >"$WORK/load.log" 2>&1 &
  LOAD=$!
  # A random moment between 0.5 and 3 s into the load.
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.5, 3.0), 2))')"
  kill -9 "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  wait "$LOAD"
  start_server
  printf 'run %2d: %s; ' "$run" "$(cat "$WORK/load.log")"
  "$LOADGEN" --base "http://$ADDR" --path / --verify-database "$DATABASE_URL" --wave-id "$WAVE" \
    --crash-acknowledged "$ACKS"
done
echo "all $RUNS runs: acknowledged responses lost: 0 of $(wc -l <"$ACKS")"
