// The package's entry point: the engine's exports, each guarded so that a fault inside
// the engine arrives as `{errors: [{code: "internal", ...}]}` like any other error.
//
// Two WebAssembly modules. The core (pkg/hoth_wasm_bg.wasm), loaded by init(), screens,
// triages and writes the summary, with rulesets already checked: the Tees ruleset beside it
// is used only if it is the one pinned (by SHA-256) when the core was built, after a full
// check. The checker (pkg/hoth_checker_bg.wasm: the ruleset validator, the safety-floor
// probes, the language lint) is loaded on first use of loadRuleset or lintJson. A ruleset
// it accepts reaches the core as the same text with the SHA-256 the checker gave, which the
// core compiles only if it is that text's. The raw glue (pkg/*.js) is not the API: this is.
//
// Every file this module loads is named by a literal specifier relative to this file, so
// bundlers see it and emit it: each `.wasm` as `new URL("./pkg/…", import.meta.url)` (Vite,
// webpack 5, Parcel and Rollup detect exactly that shape), the JSON data as static
// `import("./pkg/….json", {with: {type: "json"}})` (every bundler, node and browsers). The
// same file runs unbundled in a browser (the page in www/ imports it directly) and in node.
// Nothing is fetched from any other origin, and nothing is stored.
import initModule, * as raw from "./pkg/hoth_wasm.js";
import { guard } from "./guard.js";

// The JSON files beside the module, one literal import each (never an expression, which
// bundlers cannot follow: webpack's "Critical dependency", Vite's dev server).
const json = (load) => async () => (await load()).default;
const LANGUAGE_GUIDE = json(() => import("./pkg/language-guide.json", { with: { type: "json" } }));
const TEES_RULESET = json(() => import("./pkg/tees-hoth.ruleset.json", { with: { type: "json" } }));
const SCHEMAS = Object.freeze({
  request: json(() => import("./pkg/schemas/request.schema.json", { with: { type: "json" } })),
  outcome: json(() => import("./pkg/schemas/outcome.schema.json", { with: { type: "json" } })),
  errors: json(() => import("./pkg/schemas/errors.schema.json", { with: { type: "json" } })),
  ruleset: json(() => import("./pkg/schemas/ruleset.schema.json", { with: { type: "json" } })),
  triage: json(() => import("./pkg/schemas/triage.schema.json", { with: { type: "json" } })),
});

const loadError = (what, cause) => {
  const message = `the screening engine could not load ${what}: ${cause && cause.message ? cause.message : String(cause)}`;
  const error = new Error(message, { cause });
  error.errors = [{ pointer: "", code: "internal", message,
    help: "The screening tool did not start: if a child may be in danger, call 999; otherwise call the front door" }];
  return error;
};

// Each engine function, guarded (guard.js), and refused with a clear error list until
// init() has read the ruleset: before that the module is not there to call.
let loaded = false;
const NOT_LOADED = Object.freeze({
  pointer: "",
  code: "internal",
  message: "the screening engine is not loaded yet: await init() once before calling it",
  help: "The screening tool has not started yet: wait a moment and try again; if a child may be in danger, call 999",
});
const refuseBeforeInit = () => { if (!loaded) throw { errors: [NOT_LOADED] }; };
const engine = (fn) => {
  const guarded = guard(fn);
  return (...args) => { refuseBeforeInit(); return guarded(...args); };
};

let ready, checkerSource, checker;
/**
 * Loads the core module, then the Tees ruleset shipped beside it (`pkg/tees-hoth.ruleset.json`:
 * data, not part of the bundle, cached by the browser like any file). Await it once before
 * anything else; later calls return the same promise. Everything it loads is on the page's
 * own origin. It does not load the checker module (unless the ruleset beside the core is not
 * the one pinned when it was built: then the checker checks it first).
 *
 * `options.module_or_path` (wasm-bindgen's own option) overrides where the core `.wasm` comes
 * from, and `options.checker_module_or_path` where the checker's does: a URL or string, a
 * `Response`, its bytes or a `WebAssembly.Module`. For esbuild, which does not follow
 * `new URL(…, import.meta.url)`, pass the URLs its `file` loader gives for
 * `@hoth-tees/hoth/hoth_wasm_bg.wasm` and `@hoth-tees/hoth/hoth_checker_bg.wasm`; in node,
 * the files' bytes. A bare URL, string or module (the older positional form) is taken as
 * `module_or_path`.
 */
export default function init(options) {
  if (!ready) {
    ready = start(options);
    ready.catch(() => { ready = undefined; });
  }
  return ready;
}

async function start(options) {
  const plain = options !== undefined && options !== null && Object.getPrototypeOf(options) === Object.prototype;
  checkerSource = plain ? options.checker_module_or_path : undefined;
  const wasm = (plain ? options.module_or_path : options) ?? new URL("./pkg/hoth_wasm_bg.wasm", import.meta.url);
  let exports, ruleset;
  try { exports = await initModule({ module_or_path: wasm }); }
  catch (e) { throw loadError("its WebAssembly module (hoth_wasm_bg.wasm)", e); }
  try { ruleset = JSON.stringify(await TEES_RULESET()); }
  catch (e) { throw loadError("the Tees ruleset (pkg/tees-hoth.ruleset.json)", e); }
  if (!guard(raw.setTeesRuleset)(ruleset)) await useChecked(ruleset, true);
  loaded = true;
  return exports;
}

// The checker module, loaded once on first use, with the language guide read into it.
function loadChecker() {
  if (!checker) {
    checker = (async () => {
      let glue, guide;
      try {
        glue = await import("./pkg/hoth_checker.js");
        await glue.default({ module_or_path: checkerSource ?? new URL("./pkg/hoth_checker_bg.wasm", import.meta.url) });
      } catch (e) { throw loadError("its ruleset checker (hoth_checker_bg.wasm)", e); }
      try { guide = JSON.stringify(await LANGUAGE_GUIDE()); }
      catch (e) { throw loadError("the language guide (pkg/language-guide.json)", e); }
      guard(glue.setLanguageGuide)(guide);
      return glue;
    })();
    checker.catch(() => { checker = undefined; });
  }
  return checker;
}

// A ruleset checked in full (the checker's errors, exactly the native engine's), then read
// by the core from the same text, with the SHA-256 the checker gave for it.
async function useChecked(text, tees) {
  const glue = await loadChecker();
  guard(raw.loadCheckedRuleset)(text, guard(glue.checkRuleset)(text), tees);
}

export const screen = engine(raw.screen);
export const screenJson = engine(raw.screenJson);
export const triageJson = engine(raw.triageJson);
export const summary = engine(raw.summary);
export const validateJson = engine(raw.validateJson);
export const rulesetJson = engine(raw.rulesetJson);
export const versions = engine(raw.versions);
export const useTeesRuleset = engine(raw.useTeesRuleset);

/** Checks another ruleset (JSON text) in full, then makes it the one in use. Loads the checker on first use. */
export async function loadRuleset(text) {
  refuseBeforeInit();
  await useChecked(text, false);
}

/** Language-guide findings for a text, as JSON text. Loads the checker on first use. */
export async function lintJson(text) {
  refuseBeforeInit();
  return guard((await loadChecker()).lintJson)(text);
}

/** Triage of an unfinished form given as an object (contract §8): what to do now, as an object. */
export const triage = (form) => JSON.parse(triageJson(JSON.stringify(form)));

/** The contract's JSON Schemas (draft 2020-12), by name. */
export const SCHEMA_NAMES = Object.freeze(Object.keys(SCHEMAS));

/**
 * A JSON Schema as an object, loaded from `pkg/schemas/` beside this module on first use.
 * The schemas (~13 KB gzip) are package files, not part of the WebAssembly bundle a form
 * loads; bundlers can also import them directly (`@hoth-tees/hoth/schemas/request.schema.json`).
 */
export async function schema(name) {
  if (!Object.prototype.hasOwnProperty.call(SCHEMAS, name)) {
    throw { errors: [{ pointer: "", code: "invalid_value", message: `unknown schema '${name}'; the names are ${SCHEMA_NAMES.join(", ")}`,
      help: `Ask for one of the schemas by name: ${SCHEMA_NAMES.join(", ")}` }] };
  }
  return SCHEMAS[name]();
}
