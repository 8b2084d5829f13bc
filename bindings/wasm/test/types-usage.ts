// Uses the package's types the way a form or service would, checked by
// `tsc -p test/tsconfig.json --strict --noEmit` in CI (never run). The types come from the
// package by name, so package.json's "exports" → types/hoth.d.ts → types/contract.d.ts
// (generated from the schemas) is what is checked. Each @ts-expect-error must stay an error.
import init, {
  lintJson,
  loadRuleset,
  schema,
  screen,
  summary,
  triage,
  SCHEMA_NAMES,
  type Answer,
  type Concern,
  type DescriptorId,
  type ErrorCode,
  type IndicatorId,
  type LintFinding,
  type Outcome,
  type ScreeningErrors,
  type ScreeningRequest,
  type TriageOutcome,
} from "@hoth-tees/hoth";

// init takes wasm-bindgen's option, or nothing (the .wasm beside the module).
export async function start(wasmUrl: string, checkerUrl: string): Promise<void> {
  await init();
  await init({ module_or_path: wasmUrl });
  await init({ module_or_path: new URL(wasmUrl), checker_module_or_path: new URL(checkerUrl) });
  // @ts-expect-error: the option is wasm-bindgen's snake_case name
  await init({ moduleOrPath: wasmUrl });
}

const request: ScreeningRequest = {
  local_authority: "middlesbrough",
  child: { age_years: 14, looked_after: "yes", education: "alternative_provision" },
  immediate_danger: "no",
  crime_suspected: "not_known",
  disclosure: "no",
  indicators: { missing_overnight: "yes", found_out_of_area: "not_known" },
  concern_basis: { missing_overnight: "professional_concern" },
  history: { missing_episodes_last_90_days: 2 },
  threshold_descriptors: ["ch2_unsafe_peer_group_emerging"],
  professional_judgement: { direction: "raise", reason: "Seen with older males at the station.", recorded_by_role: "teacher" },
};

// A form that builds the indicator answers from its own list of ids.
const asked: IndicatorId[] = ["missing_overnight", "carrying_weapon"];
const answers: Partial<Record<IndicatorId, Answer>> = {};
for (const id of asked) answers[id] = "not_known";
const descriptors: DescriptorId[] = ["cd4_disclosure_of_abuse"];

const wrong: ScreeningRequest[] = [
  // @ts-expect-error: a misspelt indicator id is not one of the Tees ruleset's
  { ...request, indicators: { missing_overnite: "yes" } },
  // @ts-expect-error: the basis of a yes is keyed by indicator id too
  { ...request, concern_basis: { unexplained_money: "evidenced" } },
  // @ts-expect-error: a misspelt threshold descriptor id
  { ...request, threshold_descriptors: ["cd4_disclosure_of_abuze"] },
  // @ts-expect-error: "maybe" is not an answer
  { ...request, immediate_danger: "maybe" },
  // @ts-expect-error: the request has no free text about the child
  { ...request, child: { age_years: 14, name: "A" } },
];

// @ts-expect-error: local_authority, child and the three questions asked every time are required
const incomplete: ScreeningRequest = { local_authority: "hartlepool" };

function read(outcome: Outcome): string[] {
  const concern: Concern = outcome.hoth_concern;
  const level: number | undefined = outcome.threshold?.level;
  const urgent = outcome.actions.filter((a) => a.urgency === "immediate").map((a) => a.id);
  // The outcome's indicator lists carry the same ids as the request's maps.
  const gaps: IndicatorId[] = outcome.information_gaps;
  const harm: IndicatorId[] = outcome.indicators_present.harm;
  const missingOvernight = outcome.indicators_present.harm.includes("missing_overnight");
  // @ts-expect-error: a misspelt indicator id, looked for in the outcome
  const misspeltGap = outcome.information_gaps.includes("missing_overnite");
  const askedAgain: Partial<Record<IndicatorId, Answer>> = {};
  for (const id of outcome.information_gaps) askedAgain[id] = "not_known";
  const sources = outcome.reasons.map((r) => `${r.rule}: ${r.effect} (${r.source ?? "see the ruleset"})`);
  // @ts-expect-error: a misspelt outcome key
  const misspelt = outcome.hoth_concren;
  return [concern, String(level), ...urgent, ...gaps, ...harm, String(missingOvernight), String(misspeltGap),
    ...Object.keys(askedAgain), ...sources, String(misspelt), outcome.front_door.phone];
}

// Triage takes any object (an unfinished form) and gives what to do now.
function now(form: Partial<ScreeningRequest>): string[] {
  const t: TriageOutcome = triage(form);
  return [...t.actions.map((a) => `${a.urgency}: ${a.text}`), ...t.other_gaps, ...t.unreadable];
}

export async function schemas(): Promise<string[]> {
  const request = await schema("request");
  // @ts-expect-error: not one of the schema names
  await schema("requests");
  const names: readonly string[] = SCHEMA_NAMES;
  return [request.$schema, String(request.title), ...names];
}

// The checker's functions are async: they load it on first use.
export async function check(rulesetText: string, reason: string): Promise<LintFinding[]> {
  await loadRuleset(rulesetText);
  const findings: LintFinding[] = JSON.parse(await lintJson(reason));
  // @ts-expect-error: lintJson gives a promise, not the text
  const text: string = lintJson(reason);
  return [...findings, ...JSON.parse(String(text))];
}

export function referral(outcomeJson: string): string {
  return summary(outcomeJson, false) + summary(outcomeJson, true);
}

export function use(): string[] {
  try {
    return [...read(screen({ ...request, indicators: answers, threshold_descriptors: descriptors })), ...now({ immediate_danger: "yes" }),
      String(wrong.length), String(incomplete)];
  } catch (e) {
    const code: ErrorCode = (e as ScreeningErrors).errors[0].code;
    return [code];
  }
}
