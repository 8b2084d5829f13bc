// esbuild: the `file` loader for .wasm (esbuild does not follow `new URL(…, import.meta.url)`,
// so main.js imports both .wasm files and passes their URLs to init), ES modules with code
// splitting so the checker's glue, the ruleset, the language guide and each schema stay
// separate chunks loaded when asked for instead of growing the entry file.
export default {
  entryPoints: ["main.js"],
  bundle: true,
  format: "esm",
  splitting: true,
  outdir: "dist",
  loader: { ".wasm": "file" },
  target: "es2022",
  minify: true,
};
