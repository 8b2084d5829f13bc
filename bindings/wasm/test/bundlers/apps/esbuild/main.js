// esbuild does not follow `new URL(…, import.meta.url)`, so the app imports both .wasm
// files through the package's exports map and its `file` loader (build.config.mjs) emits
// them and gives their URLs: init takes the core's as wasm-bindgen's `module_or_path` and
// the checker's (loaded only when first needed) as `checker_module_or_path`.
import wasmUrl from "@hoth-tees/hoth/hoth_wasm_bg.wasm";
import checkerUrl from "@hoth-tees/hoth/hoth_checker_bg.wasm";
import { start } from "./app.js";

start({ module_or_path: new URL(wasmUrl, import.meta.url), checker_module_or_path: new URL(checkerUrl, import.meta.url) });
