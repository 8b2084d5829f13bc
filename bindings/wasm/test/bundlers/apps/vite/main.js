// Vite (build and dev server): nothing to configure for the two .wasm files, which Vite
// emits from index.js's `new URL("./pkg/….wasm", import.meta.url)`. See vite.config.js.
import { start } from "./app.js";

start();
