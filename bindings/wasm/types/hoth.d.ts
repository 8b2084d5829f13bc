// Types for the hoth WebAssembly module: the request and outcome of the screening
// contract (contract.md), and the module's exports. Field names are fixed by the contract.

export type Answer = "yes" | "no" | "not_known";
export type LocalAuthority = "hartlepool" | "stockton_on_tees" | "middlesbrough" | "redcar_and_cleveland";
export type Education = "in_school" | "alternative_provision" | "elective_home_education" | "not_in_education" | "excluded" | "post_16_education_or_work" | "not_known";
export type Concern = "no_current_indicators" | "low" | "moderate" | "significant";
export type Urgency = "routine" | "within_1_working_day" | "same_day" | "immediate";
export type ThresholdName = "universal" | "early_help" | "child_in_need" | "child_protection";
export type HarmType = "child_sexual_exploitation" | "child_criminal_exploitation" | "modern_slavery_and_trafficking" | "serious_youth_violence"
  | "online_harm" | "peer_on_peer_abuse" | "teenage_relationship_abuse" | "radicalisation" | "missing";
export type ActionId = "call_999" | "call_101" | "consult_safeguarding_lead" | "refer_to_front_door" | "strategy_discussion" | "hoth_multi_agency_meeting"
  | "early_help_assessment" | "universal_services" | "police_information_sharing_form" | "return_home_interview" | "transitions_planning"
  | "refer_adult_social_care" | "complete_screening";

export interface ScreeningRequest {
  local_authority: LocalAuthority;
  child: { age_years: number; learning_disability?: Answer; looked_after?: Answer; care_leaver?: Answer; send?: Answer; education?: Education };
  immediate_danger: Answer;
  crime_suspected: Answer;
  disclosure: Answer;
  /** Indicator id → answer. Absent means not known, never "no". */
  indicators?: Record<string, Answer>;
  concern_basis?: Record<string, "evidenced" | "professional_concern">;
  history?: { missing_episodes_last_90_days?: number; re_referral_within_12_months?: Answer };
  threshold_descriptors?: string[];
  professional_judgement?: { direction: "raise" | "lower"; reason: string; recorded_by_role: string } | null;
}

export interface Outcome {
  engine: { name: "hoth"; version: string };
  ruleset: { id: string; version: string; sha256: string };
  hoth_concern: Concern;
  threshold: { level: 1 | 2 | 3 | 4; name: ThresholdName; label: string } | null;
  score: number;
  harm_types: HarmType[];
  /** Children in Need census factors at assessment (codes such as "10A"). */
  cin_factors: string[];
  indicators_present: { harm: string[]; vulnerability: string[] };
  evidence: { evidenced: number; professional_concern: number };
  actions: { id: ActionId; urgency: Urgency; text: string }[];
  front_door: { name: string; phone: string; email: string };
  rescreen_within_days: number;
  information_gaps: string[];
  complete: boolean;
  reasons: { rule: string; effect: string; source: string }[];
}

export interface FieldError { pointer: string; code: string; message: string }
/** What the module throws on invalid input. */
export interface ScreeningErrors { errors: FieldError[] }

export default function init(input?: unknown): Promise<unknown>;
/** Request JSON text → outcome JSON text. Throws ScreeningErrors. */
export function screenJson(request: string): string;
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
/** Switches back to the embedded Tees ruleset. */
export function useTeesRuleset(): void;

export interface LintFinding { id: string; start: number; end: number; text: string; use_instead: string; why: string; source: string }
/** Language guide findings for a text, as JSON text (LintFinding[]); spans are in characters. */
export function lintJson(text: string): string;
