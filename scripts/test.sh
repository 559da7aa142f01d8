#!/usr/bin/env bash
# The test command: formatting, module layers, clippy (server and wasm builds, warnings denied), unit and
# integration tests on SQLite, the same integration tests on PostgreSQL when
# MAWAS_TEST_POSTGRES_URL is set, then the end2end suite in the system Chromium against a release build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install-tools.sh
export PATH="$ROOT/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "module layers: no import cycle, no import up a layer"
python3 scripts/module-cycles.py

step "clippy (server, tests)"
cargo clippy --features ssr --all-targets -- -D warnings
step "clippy (browser bundle)"
cargo clippy --lib --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "unit and integration tests on SQLite"
cargo test --features ssr

if [ -n "${MAWAS_TEST_POSTGRES_URL:-}" ]; then
  step "integration tests on PostgreSQL ($MAWAS_TEST_POSTGRES_URL)"
  MAWAS_TEST_BACKEND=postgres cargo test --features ssr --test integration
else
  step "PostgreSQL skipped: set MAWAS_TEST_POSTGRES_URL=postgres://user@host:5432/db to run the database tests there too"
fi

step "end2end (release build, system Chromium, hydrated and JavaScript off)"
cargo leptos build --release
rm -rf "$ROOT/target/e2e" && mkdir -p "$ROOT/target/e2e"
(cd end2end && npx playwright test)
