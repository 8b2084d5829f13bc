#!/usr/bin/env bash
# Builds the WASM package's two modules: cargo (Debian rustc-web, std rebuilt for wasm32) →
# wasm-bindgen (web + nodejs glue) → wasm-opt -Oz (npm binaryen).
#   hoth_wasm     (this crate): the core, which every form loads at init: screening, triage,
#                 request validation, the SAFER summary; it reads only rulesets already
#                 checked (the Tees ruleset by the SHA-256 build.rs pins after checking it).
#   hoth_checker  (../wasm-checker): the ruleset validator, the safety-floor probes and the
#                 language lint, loaded by index.js only when loadRuleset or lintJson is called.
# Prints raw and gzip sizes and fails when the bundle a form loads (the core's wasm, its JS
# glue, index.js, guard.js) is over the 100 KB gzip target. README.md's WASM section says
# what is in each module and how the size got here.
# Recipe: ../shared/toolchain.md. Run from anywhere; needs .ci/install.sh done.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
cd "$root"
# One cargo run per module: built together, cargo would give the core the checker's features.
for crate in hoth-wasm hoth-wasm-checker; do
  RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-22 \
  RUSTFLAGS="-Zlocation-detail=none -Zfmt-debug=none -Zunstable-options -Cpanic=immediate-abort" \
    /usr/bin/cargo build -q --locked -p "$crate" --profile wasm-release --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size --target-dir target/wasm
done
for name in hoth_wasm hoth_checker; do
  wasm=target/wasm/wasm32-unknown-unknown/wasm-release/$name.wasm
  wasm-bindgen "$wasm" --target web --out-dir "$here/pkg"
  wasm-bindgen "$wasm" --target nodejs --out-dir "$here/pkg-node"
done
echo '{"type": "commonjs"}' > "$here/pkg-node/package.json"   # the glue is CommonJS; the package is ESM
# The JSON Schemas ship as package files beside the module, loaded only when asked for.
mkdir -p "$here/pkg/schemas" && cp "$root"/schemas/*.schema.json "$here/pkg/schemas/"
# So is the Tees ruleset: data, read once at init (index.js), cached like the schemas.
cp "$root/seeds/tees-hoth.ruleset.json" "$here/pkg/" && cp "$root/seeds/tees-hoth.ruleset.json" "$here/pkg-node/"
# The licence ships in the npm package; the repository's own file is the one copy kept.
cp "$root/LICENSE" "$here/LICENSE"
# And the language guide, which the checker checks a ruleset's wording against.
cp "$root/seeds/language-guide.json" "$here/pkg/" && cp "$root/seeds/language-guide.json" "$here/pkg-node/"
for f in {pkg,pkg-node}/{hoth_wasm,hoth_checker}_bg.wasm; do
  "$here/node_modules/.bin/wasm-opt" -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue --converge --strip-debug --strip-producers "$here/$f" -o "$here/$f"
done
# The bundle a form loads: the core's wasm, wasm-bindgen's glue and our two small wrappers.
gzsize() { cat "$@" | gzip -9 | wc -c; }
measure() { raw=0; gz=0; for f in "$@"; do raw=$(( raw + $(stat -c %s "$f") )); gz=$(( gz + $(gzip -9 -c "$f" | wc -c) )); done; }
measure "$here/pkg/hoth_wasm_bg.wasm" "$here/pkg/hoth_wasm.js" "$here/index.js" "$here/guard.js"
bundle_gz=$gz
echo "wasm bundle (core wasm + JS glue + index.js + guard.js): ${raw} bytes raw, ${gz} bytes gzip -9 (guard and target 100000)"
echo "  read at init beside it: pkg/tees-hoth.ruleset.json $(gzsize "$here/pkg/tees-hoth.ruleset.json") bytes gzip -9"
measure "$here/pkg/hoth_checker_bg.wasm" "$here/pkg/hoth_checker.js"
echo "  loaded on demand (loadRuleset, lintJson): ruleset checker (pkg/hoth_checker_bg.wasm + its JS glue) ${raw} bytes raw, ${gz} bytes gzip -9, with pkg/language-guide.json $(gzsize "$here/pkg/language-guide.json") bytes gzip -9"
echo "  loaded on demand (schema()): pkg/schemas/ $(gzsize "$here"/pkg/schemas/*.json) bytes gzip -9"
if [ "$bundle_gz" -gt 100000 ]; then echo "FAIL: the bundle is over the 100 KB gzip target by $(( bundle_gz - 100000 )) bytes (see the WASM section of README.md)" >&2; exit 1; fi
