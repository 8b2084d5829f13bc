// Types for @hoth-tees/hoth (index.js): the module's exports, written by hand, over the
// screening contract's types, which are generated from the JSON Schemas into contract.d.ts
// (`node scripts/gen-types.mjs`; CI fails when that file is stale). Indicator and
// descriptor ids are string-literal unions of the Tees ruleset's ids (IndicatorId,
// DescriptorId), in the request and in the outcome alike, so a misspelt id does not compile.

import type { ScreeningRequest, ScreeningOutcome, ErrorList, TriageOutcome } from "./contract.js";

// Every request, outcome, error, triage and ruleset type; none is restated here.
export * from "./contract.js";

/** The outcome of screening one child (the generated ScreeningOutcome). */
export type Outcome = ScreeningOutcome;
/** What every engine function throws on bad input: `{errors: [{pointer, code, message, help}]}` (the generated ErrorList). */
export type ScreeningErrors = ErrorList;

/**
 * Where a WebAssembly module comes from, when not from beside index.js: a URL (as a string
 * or a URL, e.g. what esbuild's `file` loader gives for `@hoth-tees/hoth/hoth_wasm_bg.wasm`),
 * a fetch `Response` (or a promise of one), the module's bytes (node: `readFile`), or a
 * compiled `WebAssembly.Module`.
 */
export type ModuleSource = string | URL | Request | Response | Promise<Response> | BufferSource | WebAssembly.Module;
/**
 * For esbuild, which does not follow `new URL(…, import.meta.url)`, pass the URLs its `file`
 * loader gives for `@hoth-tees/hoth/hoth_wasm_bg.wasm` and `@hoth-tees/hoth/hoth_checker_bg.wasm`;
 * in node, which cannot fetch `file:` URLs, the files' bytes.
 */
export interface InitOptions {
  /** The core module, loaded by init. Default: `new URL("./pkg/hoth_wasm_bg.wasm", import.meta.url)`, which Vite, webpack 5, Rollup and Parcel follow. */
  module_or_path?: ModuleSource;
  /**
   * The checker module (ruleset validator, safety-floor probes, language lint), loaded only
   * on first use of loadRuleset or lintJson. Default: `new URL("./pkg/hoth_checker_bg.wasm", import.meta.url)`.
   */
  checker_module_or_path?: ModuleSource;
}

/**
 * Loads the core module, then the Tees ruleset shipped beside it (not the checker module).
 * Await it once before anything else; later calls return the same promise (a failed load
 * may be retried). Rejects with an `Error` that also carries `errors` (an ErrorList, code
 * `internal`) when a file cannot be loaded. Until it resolves, every engine function throws
 * ScreeningErrors.
 */
export default function init(options?: InitOptions): Promise<unknown>;

/** Request object → outcome object. Throws ScreeningErrors. */
export function screen(request: ScreeningRequest): Outcome;
/** Request JSON text → outcome JSON text, byte-identical to the native engine. Throws ScreeningErrors. */
export function screenJson(request: string): string;
/**
 * Triage (contract §8) of any object, such as an unfinished form: what to do now, from the
 * local authority, the age, the role and the three safety answers only. Never fails on other
 * fields. Run it on every change of a safety answer and show its actions above everything.
 */
export function triage(form: object): TriageOutcome;
/** Triage of JSON text → triage JSON text. Throws ScreeningErrors only when the text is not a JSON object (or over 64 KiB). */
export function triageJson(request: string): string;
/**
 * The referral summary (contract §9, shaped like the Tees SAFER form) of an outcome given as
 * JSON text (from screenJson): plain text, or a printable HTML fragment when `html` is true.
 * Throws ScreeningErrors when the text is not an outcome of the ruleset in use.
 */
export function summary(outcome: string, html: boolean): string;
/** The error list JSON text, `{"errors":[]}` when the request is valid. */
export function validateJson(request: string): string;

/** The names of the contract's JSON Schemas (draft 2020-12), in this order. */
export type SchemaName = "request" | "outcome" | "errors" | "ruleset" | "triage";
export const SCHEMA_NAMES: readonly ["request", "outcome", "errors", "ruleset", "triage"];
/** A JSON Schema document (draft 2020-12), as ajv and form builders take it. */
export interface JsonSchema {
  $schema: string;
  title?: string;
  [keyword: string]: unknown;
}
/**
 * A JSON Schema as an object, loaded from the package on first use (not part of the
 * WebAssembly bundle); needs no init. Rejects with ScreeningErrors for an unknown name.
 */
export function schema(name: SchemaName): Promise<JsonSchema>;

/** The ruleset in use as JSON text: indicators with titles, hints and sections, descriptors, bands, rules, front doors. */
export function rulesetJson(): string;
/** `{"engine": "...", "ruleset": {"id", "version", "sha256"}}` as JSON text. */
export function versions(): string;
/**
 * Checks another ruleset (JSON text, e.g. one of the encoded tools) in full and makes it the
 * one in use; loads the checker module on first use, so it is async. Its requests use its
 * own indicator ids, which IndicatorId does not know: send them with screenJson. Rejects
 * with ScreeningErrors, each at its pointer in the ruleset (the ruleset in use is unchanged).
 */
export function loadRuleset(text: string): Promise<void>;
/** Switches back to the Tees ruleset read at init. */
export function useTeesRuleset(): void;

/** A language-guide finding: wording that blames a child, with what to say instead. */
export interface LintFinding { id: string; start: number; end: number; text: string; use_instead: string; why: string; source: string }
/**
 * Language-guide findings for a text, as JSON text (LintFinding[]); spans are in characters.
 * Loads the checker module on first use, so it is async.
 */
export function lintJson(text: string): Promise<string>;
