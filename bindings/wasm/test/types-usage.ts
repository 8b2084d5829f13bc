// Uses the package's types the way a form or service would, checked by
// `tsc -p test/tsconfig.json --strict --noEmit` in CI (never run). The types come from the
// package by name, so package.json's "exports" → types/hoth.d.ts → types/contract.d.ts
// (generated from the schemas) is what is checked. Each @ts-expect-error must stay an error.
import {
  screen,
  type Answer,
  type Concern,
  type DescriptorId,
  type ErrorCode,
  type IndicatorId,
  type Outcome,
  type ScreeningErrors,
  type ScreeningRequest,
} from "@hoth-tees/hoth";

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
  const gaps: string[] = outcome.information_gaps;
  const sources = outcome.reasons.map((r) => `${r.rule}: ${r.effect} (${r.source ?? "see the ruleset"})`);
  // @ts-expect-error: a misspelt outcome key
  const misspelt = outcome.hoth_concren;
  return [concern, String(level), ...urgent, ...gaps, ...sources, String(misspelt), outcome.front_door.phone];
}

export function use(): string[] {
  try {
    return [...read(screen({ ...request, indicators: answers, threshold_descriptors: descriptors })), String(wrong.length), String(incomplete)];
  } catch (e) {
    const code: ErrorCode = (e as ScreeningErrors).errors[0].code;
    return [code];
  }
}
