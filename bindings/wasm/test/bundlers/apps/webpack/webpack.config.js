// webpack 5: nothing is needed for @hoth-tees/hoth. webpack emits the two .wasm files as
// assets (it follows `new URL(…, import.meta.url)`), and the checker's glue and each JSON
// file index.js imports (the ruleset, the language guide, each schema) as chunks loaded
// when asked for. Its size hint (244 KiB, for JavaScript that must be parsed before a page
// works) would flag a .wasm, which streams and compiles as it downloads: the hint is kept
// for the rest.
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
