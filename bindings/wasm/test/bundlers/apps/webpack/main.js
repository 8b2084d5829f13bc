// webpack 5: nothing to configure for the two .wasm files, which webpack emits as assets
// from index.js's `new URL("./pkg/….wasm", import.meta.url)`. See webpack.config.js.
import { start } from "./app.js";

start();
