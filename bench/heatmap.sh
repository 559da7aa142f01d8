#!/usr/bin/env bash
# Heatmap latency of the REST API on a release build: seeds a fresh database at the given scale,
# starts the server, and times GET /api/v1/waves/{id}/heatmap (wall time seen by curl over loopback).
# Usage: bench/heatmap.sh [scale=20] [requests=50] [database-url]
# Needs a release build (scripts/run.sh or `cargo leptos build --release`). Results go in docs/PERFORMANCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE="${1:-20}"
REQUESTS="${2:-50}"
WORK="$(mktemp -d)"
export DATABASE_URL="${3:-sqlite://$WORK/bench.db?mode=rwc}"
export LEPTOS_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn
ADDR=127.0.0.1:3900
BIN="$ROOT/target/release/mawas"
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

echo "seeding scale $SCALE into $DATABASE_URL"
# Into a file first: `| head` would close the pipe while seed-demo still prints the logins.
/usr/bin/time -f "seed: %e s" "$BIN" seed-demo --scale "$SCALE" >"$WORK/seed.log"
head -n1 "$WORK/seed.log"
TOKEN=$("$BIN" create-api-token --email hr@mawas.local --name bench)
"$BIN" serve --addr "$ADDR" >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://$ADDR/healthz" >/dev/null && break; sleep 0.2; done

WAVE=1
URL="http://$ADDR/api/v1/waves/$WAVE/heatmap"
curl -sf -H "Authorization: Bearer $TOKEN" "$URL" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("rows:", len(d["rows"]), "responses in wave:", d["rows"][0]["n"])'
for _ in 1 2 3; do curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL"; done
for _ in $(seq 1 "$REQUESTS"); do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -w '%{time_total}\n' "$URL"
done | sort -n | awk '{ t[NR] = $1 * 1000 } END { printf "heatmap over %d requests: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", NR, t[int(NR*0.5)+1], t[int(NR*0.95)], t[NR] }'
