// Types for the hoth WebAssembly module: the module's exports, written by hand, over the
// screening contract's types (contract.md), generated into contract.d.ts from the schemas.

import type { ScreeningRequest, ScreeningOutcome, ErrorList } from "./contract.js";

// Every request, outcome, error and ruleset type is generated from the committed JSON
// Schemas into contract.d.ts (`node scripts/gen-types.mjs`); none is restated here.
export * from "./contract.js";

/** The outcome of screening one child (the generated ScreeningOutcome). */
export type Outcome = ScreeningOutcome;
/** What the module throws on invalid input (the generated ErrorList). */
export type ScreeningErrors = ErrorList;

/** Loads the module, then the Tees ruleset shipped beside it (pkg/tees-hoth.ruleset.json). Await it first. */
export default function init(input?: unknown): Promise<unknown>;
/** Request JSON text → outcome JSON text. Throws ScreeningErrors. */
export function screenJson(request: string): string;
/** Any JSON object (an unfinished form) → triage JSON text: what to do now (contract §8). Throws ScreeningErrors only when the text is not a JSON object. */
export function triageJson(request: string): string;
/** Request object → outcome object. Throws ScreeningErrors. */
export function screen(request: ScreeningRequest): Outcome;
/** The error list JSON text, `{"errors":[]}` when the request is valid. */
export function validateJson(request: string): string;
/** The schema names. */
export const SCHEMA_NAMES: readonly ["request", "outcome", "errors", "ruleset"];
/**
 * A JSON Schema (draft 2020-12) as an object, loaded from `pkg/schemas/` beside the module
 * on first use (not part of the WebAssembly bundle). Rejects with ScreeningErrors for an unknown name.
 */
export function schema(name: "request" | "outcome" | "errors" | "ruleset"): Promise<Record<string, unknown>>;
/** The ruleset in use as JSON text: indicators with titles, hints and sections, descriptors, bands, rules. */
export function rulesetJson(): string;
/** `{"engine": "...", "ruleset": {"id", "version", "sha256"}}` as JSON text. */
export function versions(): string;
/** Validates and switches to another ruleset (JSON text). Throws ScreeningErrors. */
export function loadRuleset(text: string): void;
/** Switches back to the Tees ruleset read at init. */
export function useTeesRuleset(): void;

export interface LintFinding { id: string; start: number; end: number; text: string; use_instead: string; why: string; source: string }
/** Language guide findings for a text, as JSON text (LintFinding[]); spans are in characters. */
export function lintJson(text: string): string;
