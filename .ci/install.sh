#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (idempotent). The machine
# already has rustup's stable Rust, Python 3, Node.js and npm; everything else comes from
# the registries (crates.io, PyPI, npm).
set -euo pipefail
cd "$(dirname "$0")/.."
t() { local s=$SECONDS; "$@"; echo "[install] $(( SECONDS - s ))s: $*" >&2; }

command -v cargo >/dev/null || { echo "cargo not found: install Rust (https://rustup.rs) first" >&2; exit 1; }
# Debian: Rust 1.96 + its std source (to build std for wasm32), lld (wasm-ld), Chromium for
# the page test; Node.js and the venv module only where the machine lacks them.
APT_PKGS=(rustc-web cargo-web rust-web-src lld-22 chromium openjdk-17-jre-headless)   # Java 17: Spark (hoth.spark tests)
command -v node >/dev/null || APT_PKGS+=(nodejs npm)
python3 -m venv --help >/dev/null 2>&1 || APT_PKGS+=(python3-venv)
missing=(); for p in "${APT_PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  t apt-get update -qq
  t apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || t rustup component add clippy rustfmt 2>/dev/null || true

t cargo fetch --locked
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock (not --locked: a
# transitive dependency in this registry snapshot is older than its lock file wants).
WB_VER=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VER" ]; then
  t cargo install -q wasm-bindgen-cli --version "$WB_VER" --force
fi

command -v cargo-fuzz >/dev/null || t cargo install -q cargo-fuzz --version 0.13.2

( cd tests/js && t npm ci --no-audit --no-fund --loglevel=error )
( cd bindings/wasm && t npm ci --no-audit --no-fund --loglevel=error )
( cd bindings/wasm/test/bundlers && t npm ci --no-audit --no-fund --loglevel=error )   # Vite, webpack, esbuild for the package test
[ -x .venv/bin/python ] || t python3 -m venv .venv
t .venv/bin/pip install -q --disable-pip-version-check maturin==1.16.0 pytest mypy "pyarrow>=14" pandas matplotlib \
  zen-engine==2.1.3 json-logic-qubit==0.9.1 \
  orjson==3.13.0 polars==1.36.1 duckdb==1.4.2 pyspark==4.3.0 \
  ziglang==0.15.2 auditwheel==6.8.2
# peers for benches/ (ZEN, JsonLogic, orjson); the tables analysts have (polars, DuckDB, Spark);
# zig links the wheel against glibc 2.17 (manylinux2014), auditwheel checks that it did
# the peers lock cannot list other platforms' optional binaries here, so install (pinned in package.json)
( cd benches/peers && t npm install --no-audit --no-fund --no-save --loglevel=error )
