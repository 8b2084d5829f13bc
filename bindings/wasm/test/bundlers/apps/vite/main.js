// Vite (build and dev server): nothing to configure for the .wasm, which Vite emits from
// index.js's `new URL("./pkg/hoth_wasm_bg.wasm", import.meta.url)`. See vite.config.js.
import { start } from "./app.js";

start();
