//! The ruleset file format: what a council edits, reviews and versions.
//!
//! A ruleset is plain JSON (see `seeds/tees-hoth.ruleset.json`). Every entry carries an
//! `id`, a human `title`, a `source` and a `provenance`, so a practitioner can see where
//! each rule, weight, band, descriptor and contact comes from. Rules are conditions and
//! effects written as data; the effect vocabulary is **raise-only**, so any ruleset that
//! passes [`super::validate`] is monotone by construction.
//!
//! These types only describe the file. [`super::validate`] checks meaning (ids, bands,
//! references), and `super::compile` turns a valid file into the dense form the
//! evaluator uses.

use std::collections::BTreeMap;

use schemars::JsonSchema;
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

use crate::contract::read::{Given, Read, Reader, json_struct};
use crate::contract::vocab::{
    ActionKey, Answer, Category, Concern, DescriptorDomain, Direction, Education, HarmType, LocalAuthority, Provenance, ScreenedBy,
    ThresholdName, Urgency,
};
use crate::json::Value;
use crate::json::write::{ObjectWriter, Write};

/// The one profile a ruleset may declare today (`profile`).
pub const TEES_PROFILE: &str = "tees-hoth";

/// A complete ruleset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
#[schemars(title = "Screening ruleset")]
pub struct RulesetFile {
    /// Ruleset id, e.g. "tees-hoth".
    pub id: String,
    /// Ruleset version, e.g. "2025.1".
    pub version: String,
    /// What the ruleset is.
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// Its overall provenance.
    pub provenance: Provenance,
    /// Indicator catalogue, in the order forms ask and outcomes list them.
    pub indicators: Vec<Indicator>,
    /// The catalogue's sections with the headings forms show, in the order forms show them
    /// (e.g. `{"id": "missing", "title": "Going missing"}`). Optional; when given, every
    /// section an indicator names needs an entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<SectionEntry>,
    /// Score bands, lowest first, covering 0 upwards with no gap or overlap.
    pub bands: Vec<Band>,
    /// What each concern level means: wording, Threshold of Need level, re-screen interval.
    pub concern_levels: Vec<ConcernLevel>,
    /// The four Threshold of Need levels.
    pub threshold_levels: Vec<ThresholdLevel>,
    /// Threshold of Need descriptors a practitioner may select.
    pub threshold_descriptors: Vec<Descriptor>,
    /// Action texts.
    pub actions: Vec<ActionText>,
    /// Front doors with their contacts.
    pub front_doors: Vec<FrontDoorEntry>,
    /// Per local authority: its front door and its wording for each level.
    pub local_authorities: Vec<LocalAuthorityEntry>,
    /// Policy rules, evaluated in order. Whatever their ids, they must hold the safety floor
    /// (and the profile's rules), which the validator checks by probing.
    pub rules: Vec<Rule>,
    /// Children in Need census factors at assessment, mapped from harm types and indicators.
    #[serde(default)]
    pub cin_factors: Vec<CinFactor>,
    /// The request's own questions (safety answers, the child's context, history) by
    /// pointer, with their titles: how outcomes and errors name them, and from what age
    /// each applies. Every question the rules read needs one.
    pub questions: Vec<Question>,
    /// How an incomplete screening reads and how soon it is re-screened (R11).
    pub incomplete: IncompleteScreening,
    /// How texts name the front door when the child's local authority is not known yet
    /// (triage, §8): `{front_door}` becomes these words, `{phone}` and `{email}` every area's.
    pub unknown_area: UnknownArea,
    /// Added to the text of every `immediate` and `same_day` action: `{name}`, `{phone}` and
    /// `{hours}` are the child's area's out-of-hours contact (contract §5), e.g. "Outside
    /// office hours, call the {name} on {phone} ({hours})."
    pub out_of_hours_note: Wording,
    /// Who "your safeguarding lead" is for each kind of person screening (`{lead}` in action
    /// texts); a role not listed reads "your safeguarding lead".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub screened_by: Vec<ScreenedByEntry>,
    /// How a selected Threshold of Need descriptor's reason reads: `{title}` and `{level}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor_reason: Option<Wording>,
    /// The profile the ruleset is held to beyond the safety floor every ruleset holds (R1–R3,
    /// R11, R12, checked by probing its behaviour): `"tees-hoth"` also holds it to R4–R10
    /// and R13. A ruleset whose id is `tees-hoth` has that profile when it names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

/// A sentence the engine says, with where its wording comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Wording {
    /// The sentence.
    pub text: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// Who the safeguarding lead is for one kind of person screening (contract §1 `screened_by`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ScreenedByEntry {
    /// The `screened_by` value.
    pub id: ScreenedBy,
    /// What `{lead}` becomes, e.g. "your designated safeguarding lead (DSL)".
    pub lead: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// Words for a front door when the child's area is not known yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct UnknownArea {
    /// What `{front_door}` becomes, e.g. "the front door for the child's area".
    pub front_door: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// One of the request's own questions (not an indicator), as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The request field, as a JSON pointer, e.g. "/immediate_danger".
    pub field: String,
    /// The question as a form asks it.
    pub title: String,
    /// The youngest age it applies to (a care leaver is 16 or over); before that an
    /// unanswered question is not a gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_from_age: Option<u8>,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// How an incomplete screening (any gap, R11) reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct IncompleteScreening {
    /// Re-screen within this many days when that is sooner than the concern's interval.
    pub rescreen_within_days: u32,
    /// The concern text when one question is unanswered; `{concern}` is the level's title.
    pub one_unanswered: String,
    /// The concern text when several are; `{concern}`, and `{count}` for how many.
    pub many_unanswered: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A Children in Need census factor at assessment, and what points to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct CinFactor {
    /// The census code, e.g. "10A".
    pub code: String,
    /// The factor's name.
    pub title: String,
    /// Harm types that point to it.
    #[serde(default)]
    pub harm_types: Vec<HarmType>,
    /// Indicator ids that point to it when answered `yes`.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Where the code comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// One indicator (a question on the form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable id, as used in requests.
    pub id: String,
    /// The question as a form shows it.
    pub title: String,
    /// Hint text for the form.
    pub hint: String,
    /// Form section the question belongs to.
    pub section: String,
    /// Vulnerability (context) or harm (a sign harm may be happening).
    pub category: Category,
    /// Weight added to the score when answered `yes` (0 or more).
    pub weight: i64,
    /// Kinds of harm a `yes` points to.
    pub harm_types: Vec<HarmType>,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A section of the indicator catalogue, as a form heads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct SectionEntry {
    /// The section id the indicators name.
    pub id: String,
    /// The heading, e.g. "Going missing".
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A score band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Band id.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Lowest score in the band.
    pub min: i64,
    /// Highest score in the band; null for the open top band.
    pub max: Option<i64>,
    /// The concern a score in this band gives.
    pub concern: Concern,
    /// Why, in plain words, for `reasons[].text`: `{score}` is the child's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// What a concern level means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ConcernLevel {
    /// The concern level.
    pub id: Concern,
    /// How it reads to a person.
    pub title: String,
    /// The Threshold of Need level (1–4) it maps to.
    pub threshold_level: u8,
    /// Re-screen within this many days.
    pub rescreen_within_days: u32,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A Threshold of Need level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ThresholdLevel {
    /// The level's name.
    pub id: ThresholdName,
    /// 1–4.
    pub level: u8,
    /// Default wording.
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A Threshold of Need descriptor: a situation that on its own places a child at a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Descriptor {
    /// Stable id, as used in requests.
    pub id: String,
    /// The descriptor as a form shows it.
    pub title: String,
    /// Assessment Framework domain.
    pub domain: DescriptorDomain,
    /// Threshold of Need level 2–4.
    pub level: u8,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// The words for an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ActionText {
    /// Action id: one of the contract's, or one this ruleset declares (contract §10), such
    /// as a tool's own `refer_to_exploitation_panel`. Every contract action needs an entry;
    /// a declared one also needs `urgency`.
    pub id: ActionKey,
    /// Short title.
    pub title: String,
    /// What to do, in plain words. `{front_door}`, `{phone}` and `{email}` are filled in
    /// from the child's front door; `{unanswered_safety_questions}` with the titles of the
    /// safety questions not answered yet (R12).
    pub text: String,
    /// The text for a young adult (18–25), when it differs: speaks of a young person and
    /// adult services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub young_adult_text: Option<String>,
    /// The text when the person screening is the safeguarding lead, when it differs (a lead
    /// records and refers rather than consults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_text: Option<String>,
    /// How quickly, when a rule that adds the action does not say: required for an action
    /// the ruleset declares, optional for the contract's (whose rules usually say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A front door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct FrontDoorEntry {
    /// Stable id.
    pub id: String,
    /// Name, e.g. "Middlesbrough Multi-Agency Children's Hub".
    pub title: String,
    /// Telephone number.
    pub phone: String,
    /// Email address.
    pub email: String,
    /// Who to call outside office hours for this area.
    pub out_of_hours: OutOfHoursEntry,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// An out-of-hours contact (the Emergency Duty Team) with its hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct OutOfHoursEntry {
    /// Its name, e.g. "Emergency Duty Team".
    pub name: String,
    /// Telephone number.
    pub phone: String,
    /// When it answers, in plain words.
    pub hours: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A local authority's routing and wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct LocalAuthorityEntry {
    /// The local authority.
    pub id: LocalAuthority,
    /// Its name.
    pub title: String,
    /// Id of its front door.
    pub front_door: String,
    /// The front door for young adults (18–25): the area's adult social care contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adult_front_door: Option<String>,
    /// Its wording for each Threshold of Need level, keyed "1"–"4".
    pub threshold_labels: BTreeMap<String, String>,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// A policy rule: clauses of `when` → `then`, every clause that holds applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Rule id, e.g. "R4".
    pub id: String,
    /// What the rule says, in plain words.
    pub title: String,
    /// The clauses, applied in order.
    pub clauses: Vec<Clause>,
    /// Why, in plain words, for `reasons[].text` (a clause may say it its own way).
    /// `{answers}` names the answers behind it by their questions' titles; `{age}` is the
    /// child's age, `{count}` the number of unanswered questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

/// One `when` → `then` clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The condition.
    pub when: Condition,
    /// The effects when it holds.
    pub then: Effect,
    /// Why, in plain words, when it differs from its rule's `reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A request field holding an answer, for [`Condition::Answer`] (declared with the
/// vocabulary, so its names, order and reading live in one place).
pub use crate::contract::vocab::AnswerField;

/// An answer field compared with "at least" (so the condition is monotone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct AnswerAtLeast {
    /// Which field.
    pub field: AnswerField,
    /// Holds when the answer is at least this (`no < not_known < yes`).
    pub at_least: Answer,
}

/// Which indicators count for [`Condition::AnyIndicatorYes`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct IndicatorFilter {
    /// Only indicators of this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Only indicators with at least this weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_weight: Option<i64>,
    /// Only these indicators (ids from the catalogue).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Only indicators in this form section (a `section` of the catalogue), e.g. "health".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Only indicators that point to this kind of harm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harm_type: Option<HarmType>,
}

/// Named indicators compared with "at least", for [`Condition::Indicator`]: holds when any
/// of them is answered at least `at_least` (`no < not_known < yes`), so raising an answer
/// can only make it hold. Example: `{"indicator": {"ids": ["sharing_sexual_images"],
/// "at_least": "yes"}}`; with `"at_least": "not_known"` it also holds while the question
/// is unanswered (a tool that acts on a suspicion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct IndicatorAtLeast {
    /// The indicators (ids from the catalogue), one or more.
    pub ids: Vec<String>,
    /// Holds when any of them is answered at least this.
    pub at_least: Answer,
}

/// A count of `yes` answers among a filter, for [`Condition::CountYes`]: holds when at least
/// `at_least` of the indicators the filter picks are answered `yes` (a count-banded tool:
/// "two or more medium indicators"). Example: `{"count_yes": {"at_least": 2, "category":
/// "harm", "min_weight": 2}}`. The filter's fields are those of `any_indicator_yes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct CountYes {
    /// Holds when at least this many (1 or more) of the picked indicators are `yes`.
    pub at_least: u32,
    /// Only indicators of this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Only indicators with at least this weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_weight: Option<i64>,
    /// Only these indicators (ids from the catalogue).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Only indicators in this form section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Only indicators that point to this kind of harm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harm_type: Option<HarmType>,
}

impl CountYes {
    /// The filter part.
    pub fn filter(&self) -> IndicatorFilter {
        IndicatorFilter {
            category: self.category,
            min_weight: self.min_weight,
            ids: self.ids.clone(),
            section: self.section.clone(),
            harm_type: self.harm_type,
        }
    }
}

/// A section's subtotal, for [`Condition::SectionScore`]: the sum of the weights of the
/// `yes` answers in one form section (a domain-scored tool's "total health risk") is at
/// least `at_least`. Weights are never negative, so this is monotone. Example:
/// `{"section_score": {"section": "health", "at_least": 6}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct SectionScore {
    /// The section (a `section` of the catalogue).
    pub section: String,
    /// Holds when the section's subtotal is at least this.
    pub at_least: u32,
}

/// The child's context answers compared with "at least", for [`Condition::ChildContext`]:
/// holds when any of `fields` (the child's learning disability, looked-after, care-leaver,
/// SEND and open-case answers; all five when left out) is at least `at_least`. Example:
/// `{"child_context": {"fields": ["looked_after", "care_leaver"], "at_least": "yes"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ChildContext {
    /// Which of the child's answers (all five when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<AnswerField>,
    /// Holds when any of them is at least this.
    pub at_least: Answer,
}

impl ChildContext {
    /// The child's context answers.
    pub const ALL: [AnswerField; 5] =
        [AnswerField::LearningDisability, AnswerField::LookedAfter, AnswerField::CareLeaver, AnswerField::Send, AnswerField::OpenCase];
    /// The fields it reads: those given, or all five.
    pub fn read_fields(&self) -> &[AnswerField] {
        if self.fields.is_empty() { &Self::ALL } else { &self.fields }
    }
}

/// Declares the condition vocabulary once: each variant with its JSON name and the type of
/// its value. The enum (with serde's and schemars' derives), the list of names, the reader
/// and the writer all come from this one list.
macro_rules! conditions {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident($ty:ty) = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
        #[cfg_attr(test, derive(Deserialize))]
        #[serde(deny_unknown_fields)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $wire)] $variant($ty),)+ }

        impl $name {
            /// The JSON names of the conditions, each the one key of its object.
            pub const WIRE: &'static [&'static str] = &[$($wire,)+];
        }

        impl Read for $name {
            fn expected() -> String {
                format!("an object with exactly one of: {}", Self::WIRE.join(", "))
            }
            fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
                let obj = r.object(v, Self::WIRE)?;
                let mut entries = obj.iter();
                let (Some((key, value)), None) = (entries.next(), entries.next()) else {
                    r.error(crate::contract::error::ErrorCode::InvalidType, format!("a condition is {}", Self::expected()));
                    return None;
                };
                r.at(key, |r| match key {
                    $($wire => Some($name::$variant(Read::read(value, r)?)),)+
                    _ => None, // refused by `object` above
                })
            }
        }

        impl Write for $name {
            /// `{"name": value}`, as serde writes an externally tagged enum.
            fn write(&self, out: &mut String) {
                let (name, value): (&str, &dyn Write) = match self { $($name::$variant(v) => ($wire, v),)+ };
                let mut w = ObjectWriter::new(out);
                w.always(name, value);
                w.end();
            }
        }
    };
}

conditions! {
    /// A condition. Every form but one is monotone in the answers: raising an answer can
    /// only make it true, never false. `concern_is` looks at the level reached so far and is
    /// only for choosing actions; `not_known` holds only while a question is unanswered, for
    /// the actions that ask for it (R12), and the validator checks that answering it never
    /// lowers the response's urgency.
    Condition {
        /// Always holds.
        Always(bool) = "always",
        /// All of these hold.
        All(Vec<Condition>) = "all",
        /// At least one of these holds.
        Any(Vec<Condition>) = "any",
        /// An answer field is at least a value.
        Answer(AnswerAtLeast) = "answer",
        /// An answer field is not known (not answered yet).
        NotKnown(AnswerField) = "not_known",
        /// The child's age is at most this.
        AgeAtMost(u8) = "age_at_most",
        /// The child's age is at least this.
        AgeAtLeast(u8) = "age_at_least",
        /// At least one indicator matching the filter is answered `yes`.
        AnyIndicatorYes(IndicatorFilter) = "any_indicator_yes",
        /// Missing episodes in the last 90 days are at least this.
        MissingEpisodesAtLeast(u32) = "missing_episodes_at_least",
        /// The concern reached so far is at least this.
        ConcernAtLeast(Concern) = "concern_at_least",
        /// A selected Threshold of Need descriptor has at least this level (2–4).
        DescriptorLevelAtLeast(u8) = "descriptor_level_at_least",
        /// The concern reached so far is exactly this (for choosing actions only).
        ConcernIs(Concern) = "concern_is",
        /// A professional judgement in this direction was recorded.
        Judgement(Direction) = "judgement",
        /// At least one question the rules read is not known (an indicator, a safety answer,
        /// the child's context, history): the screening is incomplete (R11).
        InformationGaps(bool) = "information_gaps",
        /// Any of the named indicators is answered at least a value, e.g.
        /// `{"indicator": {"ids": ["sharing_sexual_images"], "at_least": "yes"}}`.
        Indicator(IndicatorAtLeast) = "indicator",
        /// At least N of the indicators a filter picks are `yes`, e.g.
        /// `{"count_yes": {"at_least": 2, "category": "harm", "min_weight": 2}}`.
        CountYes(CountYes) = "count_yes",
        /// A section's subtotal (the sum of the weights of its `yes` answers) is at least N,
        /// e.g. `{"section_score": {"section": "health", "at_least": 6}}`.
        SectionScore(SectionScore) = "section_score",
        /// The score (the sum of the weights of all `yes` answers) is at least N, e.g.
        /// `{"score_at_least": 9}`: for a rule beside the bands (the bands already place it).
        ScoreAtLeast(u32) = "score_at_least",
        /// Some `yes` indicator points to this kind of harm, e.g. `{"harm_type": "radicalisation"}`.
        HarmType(HarmType) = "harm_type",
        /// The child's education is one of these, e.g. `{"education_in": ["excluded",
        /// "not_in_education"]}`. Education has no order, so no answer can be raised
        /// past it; `not_known` is a gap (R11) like any question the rules read.
        EducationIn(Vec<Education>) = "education_in",
        /// Any of the child's context answers is at least a value, e.g.
        /// `{"child_context": {"fields": ["looked_after"], "at_least": "yes"}}`.
        ChildContext(ChildContext) = "child_context",
        /// Not allowed: a negation cannot be proved monotone. Present so a ruleset that
        /// tries gets a precise error.
        #[schemars(skip)]
        Not(Given) = "not",
        /// Not allowed: "at most" turns false as answers rise.
        #[schemars(skip)]
        ScoreAtMost(Given) = "score_at_most",
        /// Not allowed: "at most" turns false as answers rise.
        #[schemars(skip)]
        CountYesAtMost(Given) = "count_yes_at_most",
    }
}

/// An action a rule adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct ActionEffect {
    /// Which action: the contract's or one the ruleset declares in `actions`.
    pub id: ActionKey,
    /// How quickly; when left out, the urgency the action's entry in `actions` gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Not added when this action is already present (e.g. no 101 when 999 applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<ActionKey>,
    /// At least as urgent as this action is when the clause applies (R14: the allocated
    /// social worker is told as soon as the front door is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_urgent_as: Option<ActionKey>,
}

/// What a clause does. Every effect only raises: there is no way to write "lower".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// Concern becomes at least this (and never falls below it later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concern_at_least: Option<Concern>,
    /// Concern is raised this many steps (1 or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raise_concern_steps: Option<i64>,
    /// Threshold of Need level becomes at least this (1–4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_at_least: Option<u8>,
    /// Apply the recorded professional judgement: one step, never below the floor.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub apply_professional_judgement: bool,
    /// Children's threshold levels do not apply (young adults): threshold is null.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub children_threshold_not_applicable: bool,
    /// Actions to add.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionEffect>,
    /// Not allowed: rules may only raise. Present so a ruleset that tries gets a precise error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(skip)]
    pub concern_at_most: Option<Given>,
    /// Not allowed: rules may only raise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(skip)]
    pub threshold_at_most: Option<Given>,
    /// Not allowed: rules may only raise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(skip)]
    pub lower_concern_steps: Option<Given>,
}

// How each type is read from and written to JSON (`crate::contract::read`, `crate::json::write`): its
// fields in order, each `required`, `optional`, or `omit_empty` (optional, and left out
// when empty, as the serde attributes above say).

json_struct!(RulesetFile {
    id: required,
    version: required,
    title: required,
    source: required,
    provenance: required,
    indicators: required,
    sections: omit_empty,
    bands: required,
    concern_levels: required,
    threshold_levels: required,
    threshold_descriptors: required,
    actions: required,
    front_doors: required,
    local_authorities: required,
    rules: required,
    cin_factors: optional,
    questions: required,
    incomplete: required,
    unknown_area: required,
    out_of_hours_note: required,
    screened_by: omit_empty,
    descriptor_reason: omit_empty,
    profile: omit_empty,
});
json_struct!(Wording { text: required, source: required, provenance: required });
json_struct!(ScreenedByEntry { id: required, lead: required, source: required, provenance: required });
json_struct!(UnknownArea { front_door: required, source: required, provenance: required });
json_struct!(Question { field: required, title: required, applies_from_age: omit_empty, source: required, provenance: required });
json_struct!(IncompleteScreening {
    rescreen_within_days: required,
    one_unanswered: required,
    many_unanswered: required,
    source: required,
    provenance: required,
});
json_struct!(CinFactor {
    code: required,
    title: required,
    harm_types: optional,
    indicators: optional,
    source: required,
    provenance: required,
});
json_struct!(Indicator {
    id: required,
    title: required,
    hint: required,
    section: required,
    category: required,
    weight: required,
    harm_types: required,
    source: required,
    provenance: required,
});
json_struct!(SectionEntry { id: required, title: required, source: required, provenance: required });
json_struct!(Band {
    id: required,
    title: required,
    min: required,
    max: optional,
    concern: required,
    reason: omit_empty,
    source: required,
    provenance: required,
});
json_struct!(ConcernLevel {
    id: required,
    title: required,
    threshold_level: required,
    rescreen_within_days: required,
    source: required,
    provenance: required,
});
json_struct!(ThresholdLevel { id: required, level: required, title: required, source: required, provenance: required });
json_struct!(Descriptor { id: required, title: required, domain: required, level: required, source: required, provenance: required });
json_struct!(ActionText {
    id: required,
    title: required,
    text: required,
    young_adult_text: omit_empty,
    lead_text: omit_empty,
    urgency: omit_empty,
    source: required,
    provenance: required,
});
json_struct!(FrontDoorEntry {
    id: required,
    title: required,
    phone: required,
    email: required,
    out_of_hours: required,
    source: required,
    provenance: required,
});
json_struct!(OutOfHoursEntry { name: required, phone: required, hours: required, source: required, provenance: required });
json_struct!(LocalAuthorityEntry {
    id: required,
    title: required,
    front_door: required,
    adult_front_door: omit_empty,
    threshold_labels: required,
    source: required,
    provenance: required,
});
json_struct!(Rule { id: required, title: required, clauses: required, reason: omit_empty, source: required, provenance: required });
json_struct!(Clause { when: required, then: required, reason: omit_empty });
json_struct!(AnswerAtLeast { field: required, at_least: required });
json_struct!(IndicatorFilter { category: omit_empty, min_weight: omit_empty, ids: omit_empty, section: omit_empty, harm_type: omit_empty });
json_struct!(IndicatorAtLeast { ids: required, at_least: required });
json_struct!(CountYes {
    at_least: required,
    category: omit_empty,
    min_weight: omit_empty,
    ids: omit_empty,
    section: omit_empty,
    harm_type: omit_empty,
});
json_struct!(SectionScore { section: required, at_least: required });
json_struct!(ChildContext { fields: omit_empty, at_least: required });
json_struct!(ActionEffect { id: required, urgency: omit_empty, unless: omit_empty, as_urgent_as: omit_empty });
json_struct!(Effect {
    concern_at_least: omit_empty,
    raise_concern_steps: omit_empty,
    threshold_at_least: omit_empty,
    apply_professional_judgement: omit_empty,
    children_threshold_not_applicable: omit_empty,
    actions: omit_empty,
    concern_at_most: omit_empty,
    threshold_at_most: omit_empty,
    lower_concern_steps: omit_empty,
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-listed fields read exactly what serde's derive (kept for this test only)
    /// reads and write exactly what serde writes, field for field, for the Tees ruleset
    /// and for edits that use every optional.
    #[test]
    fn the_reader_and_writer_agree_with_serde_on_real_rulesets() {
        let mut texts = vec![crate::ruleset::TEES_RULESET_JSON.to_owned()];
        let mut v: serde_json::Value = serde_json::from_str(crate::ruleset::TEES_RULESET_JSON).unwrap();
        v.as_object_mut().unwrap().remove("cin_factors");
        v["bands"][0]["max"] = serde_json::Value::Null;
        v["rules"][0]["clauses"][0]["then"] =
            serde_json::json!({"concern_at_most": "low", "actions": [{"id": "call_999", "urgency": "immediate", "unless": "call_101"}]});
        // Every kind of condition, so each name in `Condition::WIRE` is checked against serde's.
        v["rules"][0]["clauses"][0]["when"] = serde_json::json!({"all": [
            {"always": true},
            {"any": [{"any_indicator_yes": {}}, {"answer": {"field": "re_referral_within_12_months", "at_least": "yes"}}]},
            {"age_at_most": 17}, {"age_at_least": 10},
            {"any_indicator_yes": {"category": "harm", "min_weight": 2}},
            {"missing_episodes_at_least": 2}, {"concern_at_least": "low"}, {"descriptor_level_at_least": 3},
            {"concern_is": "moderate"}, {"judgement": "raise"}, {"information_gaps": true},
            {"indicator": {"ids": ["missing_overnight"], "at_least": "not_known"}},
            {"count_yes": {"at_least": 2, "category": "harm", "section": "missing", "harm_type": "missing"}},
            {"any_indicator_yes": {"section": "online", "harm_type": "online_harm"}},
            {"section_score": {"section": "health", "at_least": 4}}, {"score_at_least": 9},
            {"harm_type": "radicalisation"}, {"education_in": ["excluded", "not_in_education"]},
            {"child_context": {"at_least": "yes"}}, {"child_context": {"fields": ["send"], "at_least": "not_known"}},
            {"not": {"always": true}}, {"score_at_most": 3}, {"count_yes_at_most": {}},
        ]});
        texts.push(v.to_string());
        for text in texts {
            let by_serde: RulesetFile = serde_json::from_str(&text).unwrap();
            let by_reader: RulesetFile = crate::contract::read::from_json(&text, "the ruleset").unwrap();
            assert_eq!(by_reader, by_serde);
            // And the writer writes what serde writes: the canonical bytes the SHA-256 is of.
            assert_eq!(crate::json::write::to_json(&by_reader), serde_json::to_string(&by_serde).unwrap());
        }
    }
}
