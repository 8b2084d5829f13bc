#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (idempotent). The machine
# already has rustup's stable Rust, Node.js and npm; everything else comes from the
# registries (crates.io, npm).
set -euo pipefail
cd "$(dirname "$0")/.."
t() { local s=$SECONDS; "$@"; echo "[install] $(( SECONDS - s ))s: $*" >&2; }

command -v cargo >/dev/null || { echo "cargo not found: install Rust (https://rustup.rs) first" >&2; exit 1; }
command -v node >/dev/null || { export DEBIAN_FRONTEND=noninteractive; t apt-get update -qq; t apt-get install -y -qq nodejs npm >/dev/null; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || t rustup component add clippy rustfmt 2>/dev/null || true

t cargo fetch --locked
( cd tests/js && t npm ci --no-audit --no-fund --loglevel=error )
