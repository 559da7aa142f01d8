#!/usr/bin/env bash
# Installs what building and testing Mawas needs on a fresh machine of this kind, skipping what is
# already there. Each tool needs a workaround here (see docs/OPERATIONS.md "Build tools"):
# the published lock files of cargo-leptos and wasm-bindgen-cli pin crates that do not build with
# rustc 1.95 or are missing from the registry, so we unpack the crate, re-pin and install from path.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen pin in Cargo.toml
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m[install]\033[0m %s\n' "$*"; }

need_apt_update=1
apt_install() {
  if [ "$need_apt_update" = 1 ]; then apt-get update -qq; need_apt_update=0; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Unpacks a crate from the registry cache, re-pins one dependency and installs it from that path.
install_repinned_crate() {
  local name=$1 version=$2 pin_pkg=$3 pin_version=$4; shift 4
  local work; work=$(mktemp -d)
  cargo info "$name@$version" >/dev/null 2>&1
  local crate; crate=$(ls "$HOME"/.cargo/registry/cache/*/"$name-$version.crate" | head -n1)
  tar -xzf "$crate" -C "$work"
  (cd "$work/$name-$version" &&
    cargo update -p "$pin_pkg" --precise "$pin_version" &&
    cargo install --path . --locked "$@")
  rm -rf "$work"
}

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "building cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes on 2 cores)"
  install_repinned_crate cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1 --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  install_repinned_crate wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10
fi

if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium"
  apt_install chromium
fi

# Playwright and binaryen's wasm-opt (Debian's binaryen 108 breaks hydration silently) come from npm.
if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] || [ ! -d "$ROOT/end2end/node_modules/@axe-core/playwright" ]; then
  log "installing end2end npm packages (Playwright without its browser download, binaryen)"
  (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

log "tools ready"
