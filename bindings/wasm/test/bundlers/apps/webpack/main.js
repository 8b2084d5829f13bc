// webpack 5: nothing to configure for the .wasm, which webpack emits as an asset from
// index.js's `new URL("./pkg/hoth_wasm_bg.wasm", import.meta.url)`. See webpack.config.js.
import { start } from "./app.js";

start();
