// webpack 5: nothing is needed for @hoth-tees/hoth. webpack emits the .wasm as an asset (it
// follows `new URL(…, import.meta.url)`) and each JSON file index.js imports (the ruleset,
// the language guide, each schema) as a chunk loaded when asked for. Its size hint (244 KiB,
// for JavaScript that must be parsed before a page works) would flag the .wasm, which is
// about 300 KB raw but streams and compiles as it downloads: the hint is kept for the rest.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export default {
  mode: "production",
  context: here,
  entry: "./main.js",
  output: { path: join(here, "dist"), filename: "main.js", clean: true },
  performance: { assetFilter: (file) => !file.endsWith(".wasm") && !file.endsWith(".map") },
};
