// The package's entry point: the engine's exports, each guarded so that a fault inside
// the engine arrives as `{errors: [{code: "internal", ...}]}` like any other error.
import init, * as raw from "./pkg/hoth_wasm.js";
import { guard } from "./guard.js";

export default init;
export const screen = guard(raw.screen);
export const screenJson = guard(raw.screenJson);
export const validateJson = guard(raw.validateJson);
export const schema = guard(raw.schema);
export const rulesetJson = guard(raw.rulesetJson);
export const versions = guard(raw.versions);
export const loadRuleset = guard(raw.loadRuleset);
export const useTeesRuleset = guard(raw.useTeesRuleset);
export const lintJson = guard(raw.lintJson);
