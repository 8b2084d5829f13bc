// The package's entry point: the engine's exports, each guarded so that a fault inside
// the engine arrives as `{errors: [{code: "internal", ...}]}` like any other error.
import initModule, * as raw from "./pkg/hoth_wasm.js";
import { guard } from "./guard.js";

/**
 * Loads the module, then the language guide and the Tees ruleset shipped beside it
 * (`pkg/language-guide.json`, `pkg/tees-hoth.ruleset.json`: data, not part of the bundle,
 * cached by the browser like any file). Await it
 * once before anything else. Everything it fetches is on the page's own origin.
 */
export default async function init(moduleOrPath) {
  const out = await initModule(moduleOrPath);
  // The language guide first: the ruleset's wording is checked against it as it is read.
  const [guide, ruleset] = await Promise.all(["language-guide.json", "tees-hoth.ruleset.json"].map((f) => fetch(new URL(`./pkg/${f}`, import.meta.url))));
  raw.setLanguageGuide(await guide.text());
  raw.setTeesRuleset(await ruleset.text());
  return out;
}
export const screen = guard(raw.screen);
export const screenJson = guard(raw.screenJson);
export const triageJson = guard(raw.triageJson);
export const summary = guard(raw.summary);
export const validateJson = guard(raw.validateJson);
export const rulesetJson = guard(raw.rulesetJson);
export const versions = guard(raw.versions);
export const loadRuleset = guard(raw.loadRuleset);
export const useTeesRuleset = guard(raw.useTeesRuleset);
export const lintJson = guard(raw.lintJson);

/** The contract's JSON Schemas (draft 2020-12), by name. */
export const SCHEMA_NAMES = Object.freeze(["request", "outcome", "errors", "ruleset", "triage"]);

/**
 * A JSON Schema as an object, loaded from `pkg/schemas/` beside this module on first use.
 * The schemas (~13 KB gzip) are package files, not part of the WebAssembly bundle a form
 * loads; bundlers can also import them directly (`@hoth-tees/hoth/schemas/request.schema.json`).
 */
export async function schema(name) {
  if (!SCHEMA_NAMES.includes(name)) {
    throw { errors: [{ pointer: "", code: "invalid_value", message: `unknown schema '${name}'; the names are ${SCHEMA_NAMES.join(", ")}` }] };
  }
  const url = new URL(`./pkg/schemas/${name}.schema.json`, import.meta.url);
  return (await import(url.href, { with: { type: "json" } })).default;
}
