// esbuild does not follow `new URL(…, import.meta.url)`, so the app imports the .wasm
// through the package's exports map and its `file` loader (build.config.mjs) emits the file
// and gives its URL, which init takes as wasm-bindgen's `module_or_path`.
import wasmUrl from "@hoth-tees/hoth/hoth_wasm_bg.wasm";
import { start } from "./app.js";

start({ module_or_path: new URL(wasmUrl, import.meta.url) });
