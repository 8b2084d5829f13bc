//! The screening outcome, field for field as in `contract.md` §5.
//!
//! An [`Outcome`] is rendered from a compact [`crate::screen::eval::Decision`] by
//! [`crate::screen::render`]; it owns its strings so callers can keep, compare and serialize it.
//! Field order here is the byte order of the JSON, which must be identical in every
//! binding, so do not reorder fields.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::contract::vocab::{ActionKey, Concern, HarmType, ThresholdName, Urgency};

/// The engine's name in every outcome.
pub const ENGINE_NAME: &str = "hoth";
/// The engine's version in every outcome.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The result of screening one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Screening outcome")]
pub struct Outcome {
    /// The engine that produced this outcome.
    pub engine: EngineInfo,
    /// The exact ruleset that produced this outcome.
    pub ruleset: RulesetInfo,
    /// The level of concern about Harm Outside the Home.
    pub hoth_concern: Concern,
    /// The concern as a person reads it, from the ruleset; for an incomplete screening it
    /// says how many questions are unanswered (R11).
    pub concern_text: String,
    /// The Threshold of Need level; null for young adults (18–25), where children's levels do not apply.
    pub threshold: Option<Threshold>,
    /// Sum of the weights of indicators answered `yes`. Never read alone: see `reasons`.
    pub score: u32,
    /// Kinds of harm the `yes` harm indicators point to, in catalogue order.
    pub harm_types: Vec<HarmType>,
    /// Children in Need census factors at assessment the `yes` indicators point to (codes, in
    /// ruleset order). Absent in outcomes from engines before 0.1 had census factors.
    #[serde(default)]
    pub cin_factors: Vec<String>,
    /// Indicators answered `yes`, harm signs kept apart from vulnerabilities.
    pub indicators_present: IndicatorsPresent,
    /// How the `yes` indicators are known.
    pub evidence: Evidence,
    /// What to do, most urgent first, then by id.
    pub actions: Vec<Action>,
    /// The front door for the child's local authority.
    pub front_door: FrontDoor,
    /// Re-screen within this many days, or sooner on new information.
    pub rescreen_within_days: u32,
    /// Indicators not known (or not asked), in catalogue order.
    pub information_gaps: Vec<String>,
    /// Other questions the rules read that are not known (safety answers, the child's
    /// context, history), as JSON pointers in contract order (R11).
    pub other_gaps: Vec<String>,
    /// True when nothing the rules read is a gap: no indicator and no other question.
    pub complete: bool,
    /// The request as the engine read it, every default filled, in contract order (every
    /// indicator in catalogue order, a basis for each `yes`): the outcome is a complete
    /// record. `reasons[].because` points into it. A compact outcome leaves out the
    /// judgement's `reason`.
    pub screening: crate::contract::request::Request,
    /// Why: the score's band, every rule that held in evaluation order, and each selected
    /// descriptor, with the answers behind each and its source.
    pub reasons: Vec<Reason>,
}

/// Engine name and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EngineInfo {
    /// Always "hoth".
    pub name: String,
    /// The engine's semantic version.
    pub version: String,
}

/// Which ruleset produced the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesetInfo {
    /// Ruleset id.
    pub id: String,
    /// Ruleset version.
    pub version: String,
    /// SHA-256 (lowercase hex) of the ruleset's canonical serialization.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
}

/// A Threshold of Need level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// 1 universal · 2 early help · 3 child in need · 4 child protection.
    #[schemars(range(min = 1, max = 4))]
    pub level: u8,
    /// The level's name.
    pub name: ThresholdName,
    /// The local authority's own wording for the level.
    pub label: String,
    /// True while the screening is incomplete: the level may rise when the gaps are answered.
    pub provisional: bool,
}

/// Indicators answered `yes`, by category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsPresent {
    /// Signs that harm may already be happening.
    pub harm: Vec<String>,
    /// Context that makes the child more vulnerable.
    pub vulnerability: Vec<String>,
}

/// Counts of `yes` indicators by how they are known.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Indicators with evidence.
    pub evidenced: u32,
    /// Indicators that are a professional concern ("gut feeling").
    pub professional_concern: u32,
    /// Indicators whose basis the form did not state (contract v1.1).
    pub not_stated: u32,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Action id: one of the contract's, or one the ruleset declares (contract §10).
    pub id: ActionKey,
    /// How quickly.
    pub urgency: Urgency,
    /// What to do, in plain words.
    pub text: String,
}

/// A front door's contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontDoor {
    /// Name of the front door.
    pub name: String,
    /// Telephone number.
    pub phone: String,
    /// Email address.
    pub email: String,
    /// Who to call outside office hours, and when they answer (the engine has no clock,
    /// so both numbers are always given).
    pub out_of_hours: OutOfHours,
}

/// An out-of-hours contact: the Emergency Duty Team, for what cannot wait for the next
/// working day. It is not a second front door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutOfHours {
    /// Its name.
    pub name: String,
    /// Telephone number.
    pub phone: String,
    /// When to call it.
    pub hours: String,
}

/// Why a level or action changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// The rule, band or descriptor id that made the change.
    pub rule: String,
    /// What it changed, e.g. "concern >= moderate".
    pub effect: String,
    /// Whether it changed the concern, the threshold or an action (a rule that held but
    /// changed nothing, like R6 after the band, is listed with `false`).
    pub changed: bool,
    /// The answers that made it hold, as JSON pointers into `screening`, in contract order.
    pub because: Vec<String>,
    /// One sentence for a person, from the ruleset's wording, naming those answers by their
    /// questions' titles. Left out of compact outcomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Its provenance and source, e.g. "regional: <url>". Left out of compact outcomes
    /// (contract §5): the ruleset's id, version and hash recover it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

// How the parts a triage shares with an outcome are written (`json::write`); the whole
// outcome is written by `screen::render`, from pre-escaped pieces.
crate::json::write::write_struct!(EngineInfo { name: required, version: required });
crate::json::write::write_struct!(RulesetInfo { id: required, version: required, sha256: required });
crate::json::write::write_struct!(Action { id: required, urgency: required, text: required });
crate::json::write::write_struct!(FrontDoor { name: required, phone: required, email: required, out_of_hours: required });
crate::json::write::write_struct!(OutOfHours { name: required, phone: required, hours: required });
