//! The screening request, field for field as in `contract.md` §1.
//!
//! These types are what a form sends. They carry no names, addresses, dates of birth or
//! free text about the child. Parsing them from bytes, with every problem reported at
//! once, is [`crate::screen::build`]'s job; checking ids against a ruleset happens there too,
//! because indicator and descriptor ids are ruleset data.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::contract::vocab::{Answer, Basis, Direction, Education, LocalAuthority};

/// Largest request accepted, in bytes (contract §6).
pub const MAX_REQUEST_BYTES: usize = 64 * 1024;
/// Longest professional judgement reason, in characters (contract §1).
pub const MAX_REASON_CHARS: usize = 2000;
/// Longest `recorded_by_role`, in characters.
pub const MAX_ROLE_CHARS: usize = 200;
/// Oldest age accepted (18–25: transitional safeguarding).
pub const MAX_AGE: u8 = 25;

/// A request to screen one child for Harm Outside the Home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Screening request")]
pub struct Request {
    /// The local authority the child lives in; picks the front door.
    pub local_authority: LocalAuthority,
    /// What is known about the child (no identifying details).
    pub child: Child,
    /// Is the child in immediate danger now? (asked every time)
    pub immediate_danger: Answer,
    /// Is a crime suspected? (asked every time)
    pub crime_suspected: Answer,
    /// Has the child disclosed harm? (asked every time)
    pub disclosure: Answer,
    /// Indicator id → answer. An indicator that is absent is `not_known`, never `no`.
    #[serde(default)]
    pub indicators: BTreeMap<String, Answer>,
    /// Indicator id → how a `yes` is known; default `evidenced`. Only for indicators answered `yes`.
    #[serde(default)]
    pub concern_basis: BTreeMap<String, Basis>,
    /// Recent history.
    #[serde(default)]
    pub history: History,
    /// Threshold of Need descriptor ids from the ruleset that describe the child's situation.
    #[serde(default)]
    pub threshold_descriptors: Vec<String>,
    /// A practitioner's recorded professional judgement, or null.
    #[serde(default)]
    pub professional_judgement: Option<ProfessionalJudgement>,
}

impl Request {
    /// A request with the three safety answers a form must always ask, and nothing else
    /// answered yet: every indicator not known, no descriptors, no judgement.
    ///
    /// A Rust service screening a typed request:
    ///
    /// ```
    /// use hoth::request::{Child, Request};
    /// use hoth::{Answer, Concern, LocalAuthority, Ruleset};
    ///
    /// let mut request = Request::new(LocalAuthority::Middlesbrough, Child::aged(14), Answer::No, Answer::No, Answer::No);
    /// request.indicators.insert("missing_overnight".into(), Answer::Yes);
    /// request.child.looked_after = Answer::Yes;
    ///
    /// let outcome = hoth::screen(Ruleset::tees(), &request).expect("a valid request");
    /// assert_eq!(outcome.hoth_concern, Concern::Moderate);      // R6: one high-weight harm sign
    /// assert!(outcome.actions.iter().any(|a| a.id == hoth::ActionId::ReferToFrontDoor));
    /// assert!(!outcome.complete);                                // the other indicators are gaps
    /// ```
    pub fn new(
        local_authority: LocalAuthority,
        child: Child,
        immediate_danger: Answer,
        crime_suspected: Answer,
        disclosure: Answer,
    ) -> Self {
        Request {
            local_authority,
            child,
            immediate_danger,
            crime_suspected,
            disclosure,
            indicators: BTreeMap::new(),
            concern_basis: BTreeMap::new(),
            history: History::default(),
            threshold_descriptors: Vec::new(),
            professional_judgement: None,
        }
    }
}

/// What is known about the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// Age in whole years, 0–25 (18–25: transitional safeguarding).
    #[schemars(range(min = 0, max = 25))]
    pub age_years: u8,
    /// Does the child have a learning disability?
    #[serde(default)]
    pub learning_disability: Answer,
    /// Is the child looked after?
    #[serde(default)]
    pub looked_after: Answer,
    /// Is the young person a care leaver?
    #[serde(default)]
    pub care_leaver: Answer,
    /// Does the child have special educational needs or disabilities?
    #[serde(default)]
    pub send: Answer,
    /// The child's education setting.
    #[serde(default)]
    pub education: Education,
}

impl Child {
    /// A child of `age_years` about whom nothing else is known yet (every answer `not_known`).
    pub fn aged(age_years: u8) -> Self {
        Child {
            age_years,
            learning_disability: Answer::NotKnown,
            looked_after: Answer::NotKnown,
            care_leaver: Answer::NotKnown,
            send: Answer::NotKnown,
            education: Education::NotKnown,
        }
    }
}

/// Recent history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// Missing episodes in the last 90 days.
    #[serde(default)]
    pub missing_episodes_last_90_days: u32,
    /// Was the child referred before within the last 12 months?
    #[serde(default)]
    pub re_referral_within_12_months: Answer,
}

/// A practitioner's professional judgement: moves the concern one step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfessionalJudgement {
    /// Raise or lower the concern by one step.
    pub direction: Direction,
    /// Why (required, 1–2,000 characters).
    #[schemars(length(min = 1, max = 2000))]
    pub reason: String,
    /// The role of the person recording it (e.g. "designated safeguarding lead").
    pub recorded_by_role: String,
}
