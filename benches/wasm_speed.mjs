// Node (WASM) against native on one core (`--jobs 1`: node screens on one thread) on the
// same synthetic requests in the same run: prints the time ratio. A benchmark, not a test.
// Usage: node benches/wasm_speed.mjs [N] (after bindings/wasm/build.sh and a release build
// of the CLI).
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const pkg = join(root, "bindings", "wasm", "pkg-node");
const hoth = createRequire(import.meta.url)(join(pkg, "hoth_wasm.js"));
// The core module takes the shipped Tees ruleset as it is (it is the one pinned at build time).
if (!hoth.setTeesRuleset(readFileSync(join(pkg, "tees-hoth.ruleset.json"), "utf8"))) throw new Error("the shipped Tees ruleset is not the pinned one: run build.sh");
const native = process.env.HOTH_BIN || join(root, "target", "release", "hoth");
const n = Number(process.argv[2] || 100000);
const lines = execFileSync("python3", [join(root, "benches", "synth_requests.py"), String(n)], { maxBuffer: 1 << 30 }).toString().trimEnd().split("\n");
const file = join(mkdtempSync(join(tmpdir(), "hoth-speed-")), "in.jsonl");
writeFileSync(file, lines.join("\n") + "\n");

let t = process.hrtime.bigint();
let bytes = 0;
for (const l of lines) { try { bytes += hoth.screenJson(l).length; } catch (e) { bytes += 1; } }
const wasmSec = Number(process.hrtime.bigint() - t) / 1e9;
t = process.hrtime.bigint();
execFileSync(native, ["batch", file, "-o", "/dev/null", "--quiet", "--jobs", "1"], { stdio: ["ignore", "ignore", "ignore"] });
const nativeSec = Number(process.hrtime.bigint() - t) / 1e9;
console.log(`${n} requests: wasm in node ${wasmSec.toFixed(2)} s (${Math.round(n / wasmSec)}/s), native batch ${nativeSec.toFixed(2)} s (${Math.round(n / nativeSec)}/s): wasm/native = ${(wasmSec / nativeSec).toFixed(2)}×`);
