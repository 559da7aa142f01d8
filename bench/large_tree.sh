#!/usr/bin/env bash
# The largest organisation Mawas accepts (issue 17): the demo plus a province of about 19,000 units
# under it (40 OPD × 24 bidang × 19 seksi), close to the 20,000-unit limit. Measures the survey's unit
# picker (top level, one level down, a search, a deep unit's form), the HR heatmap and its CSV, and the
# server's memory. First, on the fresh server, it uploads an XLSX zip bomb (256 MB unpacked) and measures memory.
# Usage: bench/large_tree.sh. Needs `cargo leptos build --release`. Results go in docs/PERFORMANCE.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
export DATABASE_URL="sqlite://$WORK/large.db?mode=rwc"
export LEPTOS_SITE_ROOT="$ROOT/target/site" RUST_LOG=warn MAWAS_SUBMIT_PER_MINUTE=0
ADDR="${MAWAS_LARGE_ADDR:-127.0.0.1:3903}"
BIN="$ROOT/target/release/mawas"
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT

"$BIN" seed-demo --scale 1 >"$WORK/seed.log"
TOKEN=$("$BIN" create-api-token --email admin@mawas.local --name large)
"$BIN" serve --addr "$ADDR" >>"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 150); do curl -sf "http://$ADDR/readyz" >/dev/null && break; sleep 0.1; done

COOKIE="$WORK/cookies"
curl -sf -c "$COOKIE" -H 'Origin: http://'"$ADDR" -d 'email=admin@mawas.local&password=admin-mawas-2026' \
  "http://$ADDR/api/login" -o /dev/null || true
rss() { printf 'server RSS: %d MB\n' $(( $(grep VmRSS /proc/$SERVER/status | awk '{print $2}') / 1024 )); }
rss
python3 - "$WORK/bomb.xlsx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("xl/sharedStrings.xml", "w") as f:
        chunk = b"\0" * (1 << 20)
        for _ in range(256):
            f.write(chunk)
EOF
printf 'zip bomb: %d bytes packed\n' "$(stat -c %s "$WORK/bomb.xlsx")"
out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$COOKIE" -H 'Origin: http://'"$ADDR" \
  -F "file=@$WORK/bomb.xlsx" "http://$ADDR/hr/units/import")
printf 'unit import of the bomb: status %s in %.0f ms\n' "${out% *}" "$(echo "${out#* } * 1000" | bc)"
rss

python3 - "$WORK/units.json" <<'EOF'
import json, sys
rows = [{"code": "PROV", "name": "Provinsi Contoh", "parent_code": "KAB", "kind": "other"}]
for o in range(40):
    rows.append({"code": f"O{o}", "name": f"Dinas Contoh {o}", "parent_code": "PROV", "kind": "opd"})
    for b in range(24):
        rows.append({"code": f"O{o}B{b}", "name": f"Bidang {o}-{b}", "parent_code": f"O{o}", "kind": "bidang"})
        for s in range(19):
            rows.append({"code": f"O{o}B{b}S{s}", "name": f"Seksi {o}-{b}-{s}", "parent_code": f"O{o}B{b}", "kind": "seksi", "headcount": 12})
json.dump(rows, open(sys.argv[1], "w"))
print(f"{len(rows)} units to import")
EOF
start=$(date +%s.%N)
curl -sf -X PUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary "@$WORK/units.json" "http://$ADDR/api/v1/units" >/dev/null
printf 'import: %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
TODAY=$(date -u +%F); LATER=$(date -u -d '+30 days' +%F)
read -r WAVE SLUG < <(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Besar\",\"instrument\":\"lo-25\",\"root_unit\":\"KAB\",\"opens_on\":\"$TODAY\",\"closes_on\":\"$LATER\"}" \
  "http://$ADDR/api/v1/waves" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"], d["slug"])')

measure() { # name path [cookie]
  local out
  for _ in 1 2; do curl -s -o /dev/null ${3:+-b "$COOKIE"} "http://$ADDR$2"; done # warm
  out=$(curl -s -o "$WORK/body" -w '%{http_code} %{time_total}' ${3:+-b "$COOKIE"} "http://$ADDR$2")
  printf '%-34s status %s, %6.1f ms, %8d bytes\n' "$1" "${out% *}" "$(echo "${out#* } * 1000" | bc)" "$(stat -c %s "$WORK/body")"
}

rss
measure "survey picker, top level" "/s/$SLUG"
measure "survey picker, one OPD" "/s/$SLUG?in=O17"
measure "survey picker, a bidang" "/s/$SLUG?in=O17B3"
measure "survey picker, search" "/s/$SLUG?q=seksi+17-3"
measure "survey form of a seksi" "/s/$SLUG?u=O17B3S2"
measure "heatmap page (top levels)" "/hr/waves/$WAVE" cookie
measure "heatmap page, every unit open" "/hr/waves/$WAVE?open=all" cookie
measure "heatmap.csv" "/hr/waves/$WAVE/heatmap.csv" cookie
measure "units page" "/hr/units" cookie
rss

