// Vite: nothing is needed for @hoth-tees/hoth, in a build or in the dev server. Vite emits the
// two .wasm files that index.js names with `new URL("./pkg/….wasm", import.meta.url)` (the
// core, and the checker it loads on first use), the checker's glue and each JSON file it
// imports (the ruleset, the language guide, each schema) as their own chunks.
// Do not add the package to `optimizeDeps.exclude`: served unbundled, its
// `import(…json, {with: {type: "json"}})` gets Vite's JavaScript for the JSON, which the
// browser refuses as a JSON module.
export default {
  build: { outDir: "dist", emptyOutDir: true },
};
