#!/usr/bin/env bash
# The run command: installs what is missing, builds a release, and serves Mawas on
# http://127.0.0.1:3000 with a SQLite file (data/mawas.db) and demo data on first start.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install-tools.sh
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
cargo leptos build --release
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export LEPTOS_SITE_ADDR="${MAWAS_ADDR:-127.0.0.1:3000}"
export MAWAS_DEMO="${MAWAS_DEMO:-1}"
exec "$ROOT/target/release/mawas" serve
