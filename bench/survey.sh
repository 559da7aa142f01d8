#!/usr/bin/env bash
# Respondent flows against a release build on SQLite (issue 3): GET the survey page + POST a complete
# response on a fresh connection each, at concurrency 1, 8 and 32; then POST-only submissions; then
# direct single-transaction inserts into the same database file and raw SQLite
# (bench/raw_sqlite.py) for comparison.
# Usage: bench/survey.sh [seconds-per-level=10] [database-url]   (a fresh SQLite file by default; a
# PostgreSQL URL must name an empty database)
# Needs a release build (scripts/run.sh or `cargo leptos build --release`) and the load generator
# (`cargo build --release --features ssr --bin mawas-loadgen`). Results go in docs/PERFORMANCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER_LEVEL="${1:-10}"
WORK="$(mktemp -d)"
export DATABASE_URL="${2:-sqlite://$WORK/bench.db?mode=rwc}"
export LEPTOS_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn
# The benchmark is one client address: switch the per-address submission limit off.
export MAWAS_SUBMIT_PER_MINUTE=0
ADDR=127.0.0.1:3900
BIN="$ROOT/target/release/mawas"
LOADGEN="$ROOT/target/release/mawas-loadgen"
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

# Into a file first: `| head` would close the pipe while seed-demo still prints the logins.
"$BIN" seed-demo --scale 1 >"$WORK/seed.log"
head -n1 "$WORK/seed.log"
TOKEN=$("$BIN" create-api-token --email hr@mawas.local --name bench)
"$BIN" serve --addr "$ADDR" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://$ADDR/healthz" >/dev/null && break; sleep 0.2; done

# A wave open today, so the benchmark does not depend on the demo's dates.
TODAY=$(date -u +%F); LATER=$(date -u -d '+30 days' +%F)
SLUG=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Bench\",\"instrument\":\"lo-25\",\"root_unit\":\"KAB\",\"opens_on\":\"$TODAY\",\"closes_on\":\"$LATER\"}" \
  "http://$ADDR/api/v1/waves" | python3 -c 'import json,sys; print(json.load(sys.stdin)["slug"])')
echo "survey page: $(curl -s -o /dev/null -H 'Accept-Encoding: br' -w '%{size_download} B brotli' "http://$ADDR/s/$SLUG?u=DINKES")"
echo "cpu: $(nproc) cores; $(date -u)"
"$LOADGEN" --base "http://$ADDR" --path "/s/$SLUG?u=DINKES" --seconds "$SECONDS_PER_LEVEL" --post-only \
  --direct-database "$DATABASE_URL"
echo "server RSS after the run: $(ps -o rss= -p "$SERVER") KiB"
# The issue's yardstick, on the same disk in the same run (the server is idle by now).
python3 "$ROOT/bench/raw_sqlite.py" "$WORK/raw.db" "$SECONDS_PER_LEVEL"
