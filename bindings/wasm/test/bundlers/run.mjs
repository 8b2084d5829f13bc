// The npm package as a council's web developer meets it: packed (`npm pack` of
// bindings/wasm), installed from the tarball into a minimal app for each bundler, built with
// Vite (and served by Vite's dev server), webpack 5 and esbuild, then loaded in headless
// Chromium. In each app the page screens requests and must show, byte for byte, what the
// native engine (`target/release/hoth screen`) gives for the same request; runs triage
// (byte for byte `hoth triage`, 999 first for danger now); and shows the request schema,
// loaded by `schema()` and imported through the exports map, equal to schemas/. Until then
// the page must have loaded one .wasm, the core (the checker's bytes never come); "Check
// wording" then runs the language guide (byte for byte `hoth lint --json`'s findings), which
// loads the checker, the second .wasm, once. The page must make no request to another
// origin, load each .wasm from its own, and log no error.
// The tarball itself must hold the README, the LICENSE and every file the exports map
// names, and nothing of the tests, the sources or the page.
//
//   node bindings/wasm/test/bundlers/run.mjs      (after build.sh, `npm ci` here and the
//                                                  release CLI; needs no registry)
//
// Apps: apps/shared (index.html, app.js) + apps/<bundler> (main.js and its config), copied to
// target/bundlers/<bundler>/ with a package.json that depends on the tarball. Prints
// "N passed, N failed"; exits 1 on any failure.
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";
import * as esbuild from "esbuild";
import webpack from "webpack";
import { build as viteBuild, createServer as viteServer } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, "..", "..");
const root = join(pkgDir, "..", "..");
const work = join(root, "target", "bundlers");
const native = process.env.HOTH_BIN || join(root, "target", "release", "hoth");
const started = Date.now();

let passed = 0, failed = 0;
const check = (name, ok, detail = "") => {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.error(`FAIL ${name}${detail ? `\n     ${String(detail).slice(0, 2000).replace(/\n/g, "\n     ")}` : ""}`); }
};
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stderr || r.stdout}`);
  return r.stdout;
};

// ---- What the pages must show: the native engine's bytes, the committed schema. --------
const requests = [
  ["the contract's example", readFileSync(join(root, "seeds", "examples", "contract_example.json"), "utf8")],
  ...["r1_immediate_danger", "r13_young_adult_nrm_needs_consent", "e_everything_at_once"].map((name) => {
    const { request } = JSON.parse(readFileSync(join(root, "tests", "golden", `${name}.json`), "utf8"));
    return [`golden ${name}`, typeof request === "string" ? request : JSON.stringify(request)];
  }),
];
function nativeScreen(text) {
  const r = spawnSync(native, ["screen", "-"], { input: text, encoding: "utf8" });
  if (r.status !== 0 && r.status !== 2) throw new Error(`hoth screen exited ${r.status}: ${r.stderr}`);
  return r.stdout.replace(/\n$/, "");
}
const expected = requests.map(([name, text]) => ({ name, text, outcome: nativeScreen(text) }));
const triageForm = '{"local_authority":"hartlepool","child":{"age_years":14},"immediate_danger":"yes","indicators":{"not_an_indicator":1}}';
const expectedTriage = execFileSync(native, ["triage", "-"], { input: triageForm }).toString().replace(/\n$/, "");
const expectedSchema = JSON.stringify(JSON.parse(readFileSync(join(root, "schemas", "request.schema.json"), "utf8")));
const lintSample = "He chose to go with an older boyfriend and is putting himself at risk.";
const expectedFindings = JSON.stringify(JSON.parse(spawnSync(native, ["lint", "--json", "-"], { input: lintSample, encoding: "utf8" }).stdout).findings);
// Which module a fetched .wasm is, by its bytes (bundlers rename the files).
const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
const MODULES = { [sha(readFileSync(join(pkgDir, "pkg", "hoth_wasm_bg.wasm")))]: "core", [sha(readFileSync(join(pkgDir, "pkg", "hoth_checker_bg.wasm")))]: "checker" };

// ---- The tarball: what a council installs. ---------------------------------------------
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work, "--loglevel=error"], { cwd: pkgDir }));
const tarball = join(work, packed[0].filename);
const files = packed[0].files.map((f) => f.path).sort();
const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
check("the tarball holds README.md and LICENSE", files.includes("README.md") && files.includes("LICENSE"), files.join(", "));
const exportTargets = Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))
  .map((t) => t.replace(/^\.\//, ""));
const missing = exportTargets.filter((t) => (t.includes("*") ? !files.some((f) => f.startsWith(t.slice(0, t.indexOf("*")))) : !files.includes(t)));
check("every file the exports map names is in the tarball", missing.length === 0, `missing: ${missing.join(", ")}`);
const stray = files.filter((f) => /^(test|src|www|node_modules|pkg-node)\//.test(f) || /(^|\/)(Cargo\.toml|build\.sh|prepare-www\.sh|package-lock\.json)$/.test(f));
check("nothing of the tests, the Rust sources or the page is packed", stray.length === 0, stray.join(", "));
const glue = readFileSync(join(pkgDir, "pkg", "hoth_wasm.js"), "utf8");
check("no test hook ships (the glue exports only the engine)", !/__provoke|provoke_internal|__test/i.test(glue + readFileSync(join(pkgDir, "index.js"), "utf8")));

// ---- The apps: copy, install the tarball, build. ---------------------------------------
const APPS = ["vite", "webpack", "esbuild"];
for (const app of APPS) {
  const dir = join(work, app);
  cpSync(join(here, "apps", "shared"), dir, { recursive: true });
  cpSync(join(here, "apps", app), dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({
    name: `hoth-${app}-app`, private: true, type: "module", dependencies: { "@hoth-tees/hoth": `file:${tarball}` },
  }, null, 2));
}
// Three installs at once; each needs only the tarball (the package has no dependencies).
await Promise.all(APPS.map((app) => new Promise((resolve) => execFile("npm",
  ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", "--loglevel=error"],
  { cwd: join(work, app) }, (err, _out, stderr) => { if (err) console.error(`npm install in ${app}: ${stderr}`); resolve(); }))));
for (const app of APPS) {
  const installed = join(work, app, "node_modules", "@hoth-tees", "hoth");
  check(`${app}: the tarball installs`, existsSync(join(installed, "index.js")) && existsSync(join(installed, "pkg", "hoth_wasm_bg.wasm"))
    && existsSync(join(installed, "pkg", "hoth_checker_bg.wasm")));
}

// The package in node, as the README says: the .wasm files' bytes through the exports map.
{
  const probe = join(work, "webpack", "node-probe.mjs");
  writeFileSync(probe, [
    'import { readFileSync } from "node:fs";',
    'import { createRequire } from "node:module";',
    'import init, { lintJson, screenJson, schema } from "@hoth-tees/hoth";',
    'const require = createRequire(import.meta.url);',
    'await init({ module_or_path: readFileSync(require.resolve("@hoth-tees/hoth/hoth_wasm_bg.wasm")),',
    '  checker_module_or_path: readFileSync(require.resolve("@hoth-tees/hoth/hoth_checker_bg.wasm")) });',
    'process.stdout.write(JSON.stringify([screenJson(process.argv[2]), (await schema("request")).title,',
    '  require("@hoth-tees/hoth/package.json").name, await lintJson(process.argv[3])]));',
  ].join("\n"));
  let got;
  try { got = JSON.parse(run(process.execPath, [probe, expected[0].text, lintSample])); } catch (e) { got = [String(e)]; }
  check("node: the installed package screens byte for byte as native", got[0] === expected[0].outcome, got[0]);
  check("node: schemas and package.json resolve through the exports map", got[1] === JSON.parse(expectedSchema).title && got[2] === manifest.name, JSON.stringify(got.slice(1)));
  check("node: lintJson, with the checker's bytes through the exports map, gives native's findings", got[3] === expectedFindings, String(got[3]).slice(0, 300));
}

const builds = {};
async function timed(name, fn) { const s = Date.now(); try { return await fn(); } finally { console.log(`     ${name}: ${((Date.now() - s) / 1000).toFixed(1)} s`); } }
try {
  const dir = join(work, "vite");
  const warnings = [];
  await timed("vite build", () => viteBuild({
    root: dir, configFile: join(dir, "vite.config.js"), logLevel: "silent",
    customLogger: { info() {}, warn: (m) => warnings.push(m), warnOnce: (m) => warnings.push(m), error: (m) => warnings.push(m), clearScreen() {}, hasWarned: false, hasErrorLogged: () => false },
  }));
  check("vite build: no warnings", warnings.length === 0, warnings.join("\n"));
  builds["vite build"] = join(dir, "dist");
} catch (e) { check("vite build", false, e.stack || e); }
try {
  const dir = join(work, "webpack");
  const config = (await import(pathToFileURL(join(dir, "webpack.config.js")))).default;
  const stats = await timed("webpack", () => new Promise((resolve, reject) => webpack(config, (err, s) => (err ? reject(err) : resolve(s)))));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  check("webpack: no errors or warnings (no 'Critical dependency')", !stats.hasErrors() && !stats.hasWarnings(),
    [...info.errors, ...info.warnings].map((w) => w.message).join("\n"));
  cpSync(join(dir, "index.html"), join(dir, "dist", "index.html"));
  builds.webpack = join(dir, "dist");
} catch (e) { check("webpack build", false, e.stack || e); }
try {
  const dir = join(work, "esbuild");
  const options = (await import(pathToFileURL(join(dir, "build.config.mjs")))).default;
  const result = await timed("esbuild", () => esbuild.build({ ...options, absWorkingDir: dir, logLevel: "silent" }));
  check("esbuild: no errors or warnings", !result.errors.length && !result.warnings.length, JSON.stringify([...result.errors, ...result.warnings]));
  const emitted = readdirSync(join(dir, "dist"));
  check("esbuild: the file loader emitted both .wasm files", emitted.filter((f) => f.endsWith(".wasm")).length === 2, emitted.join(", "));
  cpSync(join(dir, "index.html"), join(dir, "dist", "index.html"));
  builds.esbuild = join(dir, "dist");
} catch (e) { check("esbuild build", false, e.stack || e); }

// ---- Serving: built apps from a static server (strict CSP), Vite's own dev server. -----
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data:; style-src 'self'";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm", ".css": "text/css" };
function serveStatic(dir) {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    let file = path.endsWith(sep) ? join(path, "index.html") : path;
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "content-security-policy": CSP });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, userDataDir: mkdtempSync(join(tmpdir(), "hoth-bundlers-")),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function inChromium(name, url) {
  const origin = new URL(url).origin;
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const elsewhere = [], broken = [], errors = [], wasm = [], modules = [];
  page.on("request", (r) => { const u = r.url(); if (!/^(data|blob):/.test(u) && new URL(u).origin !== origin) elsewhere.push(u); });
  page.on("requestfailed", (r) => broken.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) broken.push(`${r.url()}: ${r.status()}`);
    if (new URL(r.url()).pathname.endsWith(".wasm")) {
      wasm.push(`${r.status()} ${r.headers()["content-type"]}`);
      modules.push(r.buffer().then((b) => MODULES[sha(b)] ?? `unknown ${r.url()}`, (e) => `unreadable ${r.url()}: ${e.message}`));
    }
  });
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warn") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  try {
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction(() => document.title !== "loading", { timeout: 20000 });
    const title = await page.title();
    check(`${name}: the app starts (init resolves)`, title === "ready", title);
    if (title !== "ready") return;
    for (const { name: what, text, outcome } of expected) {
      await page.$eval("#request", (el, t) => { el.value = t; }, text);
      await page.$eval("#outcome", (el) => { el.textContent = ""; });
      await page.click("#screen");
      const shown = await page.$eval("#outcome", (el) => el.textContent);
      check(`${name}: screens ${what}, byte for byte as native`, shown === outcome, `page:   ${shown.slice(0, 300)}\nnative: ${outcome.slice(0, 300)}`);
    }
    await page.$eval("#request", (el, t) => { el.value = t; }, triageForm);
    await page.click("#triage");
    const now = await page.$eval("#now", (el) => el.textContent);
    check(`${name}: triage byte for byte as native, 999 first for danger now`, now === expectedTriage && JSON.parse(now).actions[0].id === "call_999",
      `page:   ${now.slice(0, 300)}\nnative: ${expectedTriage.slice(0, 300)}`);
    const [loaded, imported] = await Promise.all(["#schema", "#schema-static"].map((s) => page.$eval(s, (el) => el.textContent)));
    check(`${name}: schema("request") equals schemas/request.schema.json`, loaded === expectedSchema, loaded.slice(0, 200));
    check(`${name}: the schema imported through the exports map equals it too`, imported === expectedSchema, imported.slice(0, 200));
    const before = await Promise.all(modules);
    check(`${name}: screening, triage and schemas load the core .wasm only (not the checker)`, JSON.stringify(before) === '["core"]', JSON.stringify(before));
    await page.$eval("#request", (el, t) => { el.value = t; }, lintSample);
    await page.click("#lint");
    await page.waitForFunction(() => document.querySelector("#findings").textContent !== "", { timeout: 20000 });
    const findings = await page.$eval("#findings", (el) => el.textContent);
    check(`${name}: "Check wording" (lintJson, the checker) gives native's findings`, findings === expectedFindings, `page:   ${findings.slice(0, 300)}\nnative: ${expectedFindings.slice(0, 300)}`);
    const after = await Promise.all(modules);
    check(`${name}: lintJson loads the checker .wasm, once`, JSON.stringify(after) === '["core","checker"]', JSON.stringify(after));
    check(`${name}: each .wasm comes from the page's origin as application/wasm`, wasm.length === 2 && wasm.every((w) => w === "200 application/wasm"), wasm.join(", "));
    check(`${name}: no request to another origin`, elsewhere.length === 0, elsewhere.join("\n"));
    check(`${name}: no failed request, no console error or warning`, broken.length === 0 && errors.length === 0, [...broken, ...errors].join("\n"));
  } catch (e) {
    check(`${name}: runs in Chromium`, false, e.stack || e);
  } finally {
    await context.close();
  }
}

try {
  for (const [name, dir] of Object.entries(builds)) {
    const server = await serveStatic(dir);
    try { await timed(`${name} in Chromium`, () => inChromium(name, server.url)); } finally { server.close(); }
  }
  // Vite's dev server serves the app from source, the way a developer works on it.
  const dir = join(work, "vite");
  let dev;
  try {
    dev = await viteServer({ root: dir, configFile: join(dir, "vite.config.js"), logLevel: "silent", server: { host: "127.0.0.1", port: 0, strictPort: false, headers: { "content-security-policy": CSP } } });
    await dev.listen();
    const url = dev.resolvedUrls.local[0];
    await timed("vite dev server in Chromium", () => inChromium("vite dev server", url));
  } catch (e) { check("vite dev server", false, e.stack || e); }
  finally { await dev?.close(); }
} finally {
  await browser.close();
}

console.log(`bundler apps in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
