#!/usr/bin/env bash
# Server CPU time per GET + POST survey flow at concurrency 32 (`perf stat` on the server process while
# the load generator runs 10 s), so builds can be compared on a noisy machine: throughput of one run
# swings ±25 % with the machine, CPU per flow much less. Usage: bench/cpu_per_flow.sh [BIN_DIR]
# (default target/release; BIN_DIR holds `mawas`; the load generator is always target/release's).
# Needs perf (linux-perf). Results go in docs/PERFORMANCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${1:-$ROOT/target/release}/mawas"; LOADGEN="$ROOT/target/release/mawas-loadgen"
WORK="$(mktemp -d)"
export DATABASE_URL="sqlite://$WORK/bench.db?mode=rwc" RUST_LOG=warn MAWAS_SUBMIT_PER_MINUTE=0
ADDR=127.0.0.1:3901
"$BIN" seed-demo --scale 1 >"$WORK/seed.log"
TOKEN=$("$BIN" create-api-token --email hr@mawas.local --name bench)
"$BIN" serve --addr "$ADDR" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do curl -sf "http://$ADDR/healthz" >/dev/null && break; sleep 0.2; done
TODAY=$(date -u +%F); LATER=$(date -u -d '+30 days' +%F)
SLUG=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Bench\",\"instrument\":\"lo-25\",\"root_unit\":\"KAB\",\"opens_on\":\"$TODAY\",\"closes_on\":\"$LATER\"}" \
  "http://$ADDR/api/v1/waves" | python3 -c 'import json,sys; print(json.load(sys.stdin)["slug"])')
perf stat -e task-clock -x, -o "$WORK/perf.txt" -p "$SERVER" -- sleep 12 &
PERF=$!
"$LOADGEN" --base "http://$ADDR" --path "/s/$SLUG?u=DINKES" --seconds 10 --concurrency 32 > "$WORK/load.txt"
wait $PERF || true
FLOWS=$(grep "GET + POST | 32" "$WORK/load.txt" | awk -F'|' '{gsub(/ /,"",$4); print $4}')
MS=$(grep task-clock "$WORK/perf.txt" | cut -d, -f1)
python3 -c "f=$FLOWS*10; print(f'flows/s {$FLOWS}, server CPU {float($MS):.0f} ms, per flow {float($MS)/f:.3f} ms')"
