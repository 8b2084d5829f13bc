// The package's entry point (its API; types/hoth.d.ts documents each export). Every engine
// function is guarded (guard.js): a fault inside the engine arrives as an error list.
// Two modules: the core (pkg/hoth_wasm_bg.wasm, loaded by init) screens with checked rulesets
// only; the checker (pkg/hoth_checker_bg.wasm: validator, safety-floor probes, lint) loads on
// first use of loadRuleset or lintJson. The core takes the Tees ruleset as it is only if its
// SHA-256 is the one pinned after a full check when the core was built; any other ruleset
// only with the SHA-256 the checker gave for that same text. The raw glue is not the API.
// Each file is named by a literal specifier (`new URL("./pkg/….wasm", import.meta.url)`,
// `import("./pkg/….json", …)`), so bundlers emit it; nothing comes from another origin.
import initModule, * as raw from "./pkg/hoth_wasm.js";
import { guard } from "./guard.js";

// One literal import each (an expression defeats webpack and Vite's dev server).
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

// Until init() has read the ruleset, every engine function refuses with an error list.
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
// Loads the core, then the Tees ruleset beside it; not the checker, unless that ruleset is
// not the pinned one. Options: `module_or_path` (the core's .wasm), `checker_module_or_path`;
// a bare URL, string or module is taken as `module_or_path`.
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

// The checker, loaded once on first use, with the language guide read into it.
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

// Checked in full (the checker's errors are the native engine's), then read by the core
// from the same text, with the SHA-256 the checker gave for it.
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

export async function loadRuleset(text) {
  refuseBeforeInit();
  await useChecked(text, false);
}

export async function lintJson(text) {
  refuseBeforeInit();
  return guard((await loadChecker()).lintJson)(text);
}

export const triage = (form) => JSON.parse(triageJson(JSON.stringify(form)));

export const SCHEMA_NAMES = Object.freeze(Object.keys(SCHEMAS));

// The schemas are package files beside the module, loaded on first use, not in the bundle.
export async function schema(name) {
  if (!Object.prototype.hasOwnProperty.call(SCHEMAS, name)) {
    throw { errors: [{ pointer: "", code: "invalid_value", message: `unknown schema '${name}'; the names are ${SCHEMA_NAMES.join(", ")}`,
      help: `Ask for one of the schemas by name: ${SCHEMA_NAMES.join(", ")}` }] };
  }
  return SCHEMAS[name]();
}
