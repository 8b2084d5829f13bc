#!/usr/bin/env bash
# One run, one machine: throughput of every interface of this engine on the same synthetic
# requests, as a ratio to the native engine on one core, with peak memory; then how cost
# grows with batch size and with ruleset size. Needs the README's setup (.ci/install.sh)
# and the builds from .ci/test (release CLI, Python wheel in .venv, WASM pkg-node).
# Usage: bash benches/compare.sh [LINES] [--with-rust-peer]
#   LINES defaults to 200000; the run takes a few minutes on 2 cores. --with-rust-peer also
#   builds and runs the zen-engine crate comparison (benches/peers/rust): its first build
#   takes about 8 minutes on 2 cores, so it is not part of the default run.
set -euo pipefail
cd "$(dirname "$0")/.."
n=200000; rust_peer=0
for a in "$@"; do case "$a" in --with-rust-peer) rust_peer=1 ;; *) n=$a ;; esac; done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
hoth=target/release/hoth
[ -x "$hoth" ] || cargo build -q --release --locked -p hoth-cli
python3 benches/synth_requests.py "$n" > "$work/in.jsonl"

# seconds and peak RSS (KB) of a command
measure() { /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1; cat "$work/t"; }
rate() { python3 -c "import sys; n,s=float(sys.argv[1]),float(sys.argv[2]); print(int(n/max(s,1e-9)))" "$1" "$2"; }

# The anchor (design.md): read lines, parse each into a typed request with sonic-rs, write
# 1 KB per line to a file, on one core. `hoth batch --compact` to a file is measured beside it.
( cd benches/anchor && cargo build -q --release )
best() { # fastest of three runs: seconds
  local b=""; for _ in 1 2 3; do read -r s _ < <(measure "$@"); b=$(python3 -c "print(min(float('$s'), float('${b:-1e9}')))"); done; echo "$b"
}
sa1=$(best benches/anchor/target/release/hoth-anchor "$work/in.jsonl" "$work/anchor.out")
sc1=$(best "$hoth" batch "$work/in.jsonl" -o "$work/out.jsonl" --quiet --jobs 1 --compact)
sc2=$(best "$hoth" batch "$work/in.jsonl" -o "$work/out.jsonl" --quiet --jobs 2 --compact)
sn1=$(best "$hoth" batch "$work/in.jsonl" -o /dev/null --quiet --jobs 1 --compact)
sn2=$(best "$hoth" batch "$work/in.jsonl" -o /dev/null --quiet --jobs 2 --compact)
echo "batch against its anchors ($n lines, fastest of 3 runs each; targets in design.md)"
ratio() { python3 -c "print(f'{float(\"$1\")/float(\"$2\"):.2f}')"; }
printf '  %-58s %10s lines/s\n' "anchor: sonic-rs typed parse, 1 KB per line to a file" "$(rate "$n" "$sa1")"
printf '  %-58s %10s lines/s  %sx the anchor (target >= 0.8)\n' "hoth batch --compact --jobs 1 to a file" "$(rate "$n" "$sc1")" "$(ratio "$sa1" "$sc1")"
printf '  %-58s %10s lines/s  %sx --jobs 1 (target >= 1.8)\n' "hoth batch --compact --jobs 2 to a file" "$(rate "$n" "$sc2")" "$(ratio "$sc1" "$sc2")"
printf '  %-58s %10s lines/s\n' "hoth batch --compact --jobs 1 to /dev/null" "$(rate "$n" "$sn1")"
printf '  %-58s %10s lines/s  %sx --jobs 1\n' "hoth batch --compact --jobs 2 to /dev/null" "$(rate "$n" "$sn2")" "$(ratio "$sn1" "$sn2")"
printf '  %-58s %10s bytes\n' "compact outcome, mean size" "$(( $(stat -c %s "$work/out.jsonl") / n ))"
rm -f "$work/anchor.out" "$work/out.jsonl"
echo

read -r s1 m1 < <(measure "$hoth" batch "$work/in.jsonl" -o /dev/null --quiet --jobs 1)
base=$(rate "$n" "$s1")
read -r sa ma < <(measure "$hoth" batch "$work/in.jsonl" -o /dev/null --quiet --jobs "$(nproc)")
printf '%-44s %12s %8s %10s\n' "interface" "rows/s" "ratio" "peak MB"
row() { printf '%-44s %12s %7sx %10s\n' "$1" "$2" "$(python3 -c "print(f'{int(\"$2\")/$base:.2f}')")" "$(( $3 / 1024 ))"; }
row "native CLI batch, 1 core (JSONL end to end)" "$base" "$m1"
row "native CLI batch, $(nproc) cores" "$(rate "$n" "$sa")" "$ma"
if [ -x .venv/bin/python ] && .venv/bin/python -c "import hoth, pyarrow" 2>/dev/null; then
  .venv/bin/python - "$n" "$work" <<'PY' > "$work/py"
import json, sys, time, resource
import pyarrow as pa
import hoth
n = int(sys.argv[1]); lines = open(sys.argv[2] + "/in.jsonl").read().splitlines()
dicts = [json.loads(l) for l in lines[: min(n, 100000)]]
t = time.perf_counter(); hoth.screen_many(dicts); many = len(dicts) / (time.perf_counter() - t)
ids = [i["id"] for i in hoth.Ruleset.default().indicators]
cols = {"local_authority": [d["local_authority"] for d in dicts], "age_years": [d["child"]["age_years"] for d in dicts],
        "immediate_danger": [d["immediate_danger"] for d in dicts], "crime_suspected": [d["crime_suspected"] for d in dicts],
        "disclosure": [d["disclosure"] for d in dicts]}
for i in ids:
    cols["ind_" + i] = [d["indicators"].get(i) for d in dicts]
table = pa.table(cols)
t = time.perf_counter(); hoth.screen_table(table); arrow = len(dicts) / (time.perf_counter() - t)
print(int(arrow), int(many), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
PY
  read -r arrow many pyrss < "$work/py"
  row "Python screen_table (Arrow columns)" "$arrow" "$pyrss"
  row "Python screen_many (dicts)" "$many" "$pyrss"
fi
if [ -f bindings/wasm/pkg-node/hoth_wasm.js ]; then
  node --input-type=module -e '
    import { createRequire } from "node:module"; import { readFileSync } from "node:fs";
    const hoth = createRequire(import.meta.url)(process.cwd() + "/bindings/wasm/pkg-node/hoth_wasm.js");
    hoth.setTeesRuleset(readFileSync(process.cwd() + "/bindings/wasm/pkg-node/tees-hoth.ruleset.json", "utf8"));
    const lines = readFileSync(process.argv[1], "utf8").trimEnd().split("\n");
    const t = process.hrtime.bigint(); for (const l of lines) { try { hoth.screenJson(l); } catch {} }
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    console.log(Math.round(lines.length / s), Math.round(process.memoryUsage().rss / 1024));' "$work/in.jsonl" > "$work/js"
  read -r js jsrss < "$work/js"
  row "WASM in node (screenJson)" "$js" "$jsrss"
fi
echo
echo "peers, Python interface (benches/peers/agree_and_time.py: agreement first, then timing)"
.venv/bin/python benches/peers/agree_and_time.py 20000 || echo "(a peer disagreed and was not timed)"
echo
echo "peers, node interface (benches/peers/node-peers.mjs)"
( cd benches/peers && [ -d node_modules ] || npm install --no-audit --no-fund --no-save --loglevel=error )
node benches/peers/node-peers.mjs 10000 || echo "(a peer disagreed and was not timed)"
if [ "$rust_peer" = 1 ]; then
  echo
  echo "peers, Rust interface (benches/peers/rust: the hoth crate vs the zen-engine crate)"
  ( cd benches/peers/rust && cargo build -q --release )
  head -n 20000 "$work/in.jsonl" > "$work/rust.jsonl"
  benches/peers/rust/target/release/hoth-peer-zen-rust "$work/rust.jsonl" || echo "(the peer disagreed and was not timed)"
fi

echo
echo "batch size (native, 1 core)"
for size in 10000 100000 1000000; do
  python3 benches/synth_requests.py "$size" 11 > "$work/s.jsonl"
  read -r s m < <(measure "$hoth" batch "$work/s.jsonl" -o /dev/null --quiet --jobs 1)
  printf '  %8d lines: %8.2f s  %10s lines/s  peak %5d MB\n' "$size" "$s" "$(rate "$size" "$s")" "$(( m / 1024 ))"
done
rm -f "$work/s.jsonl"

echo
echo "ruleset size (native, 1 core, $n lines)"
python3 benches/big_ruleset.py > "$work/big.json"
read -r sb mb < <(measure "$hoth" --ruleset "$work/big.json" batch "$work/in.jsonl" -o /dev/null --quiet --jobs 1)
printf '  %-36s %10s lines/s\n' "Tees ruleset (37 indicators)" "$base"
printf '  %-36s %10s lines/s  (%.2fx the time)\n' "synthetic 10x (370 indicators)" "$(rate "$n" "$sb")" "$(python3 -c "print($sb/$s1)")"
