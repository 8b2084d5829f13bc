#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (idempotent). The machine
# already has rustup's stable Rust, Python 3, Node.js and npm; everything else comes from
# the registries (crates.io, PyPI, npm).
set -euo pipefail
cd "$(dirname "$0")/.."
t() { local s=$SECONDS; "$@"; echo "[install] $(( SECONDS - s ))s: $*" >&2; }

command -v cargo >/dev/null || { echo "cargo not found: install Rust (https://rustup.rs) first" >&2; exit 1; }
if ! command -v node >/dev/null || ! python3 -m venv --help >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  t apt-get update -qq
  t apt-get install -y -qq --no-install-recommends nodejs npm python3-venv >/dev/null
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || t rustup component add clippy rustfmt 2>/dev/null || true

t cargo fetch --locked
( cd tests/js && t npm ci --no-audit --no-fund --loglevel=error )
[ -x .venv/bin/python ] || t python3 -m venv .venv
t .venv/bin/pip install -q --disable-pip-version-check maturin==1.16.0 pytest mypy "pyarrow>=14" pandas matplotlib
