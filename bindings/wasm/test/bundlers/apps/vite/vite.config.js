// Vite: nothing is needed for @hoth-tees/hoth, in a build or in the dev server. Vite emits the
// .wasm that index.js names with `new URL("./pkg/hoth_wasm_bg.wasm", import.meta.url)` and
// each JSON file it imports (the ruleset, the language guide, each schema) as its own chunk.
// Do not add the package to `optimizeDeps.exclude`: served unbundled, its
// `import(…json, {with: {type: "json"}})` gets Vite's JavaScript for the JSON, which the
// browser refuses as a JSON module.
export default {
  build: { outDir: "dist", emptyOutDir: true },
};
