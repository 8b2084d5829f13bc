//! A [`Screening`]: one request, checked against a ruleset and compiled to dense sets.
//!
//! This is what the evaluator reads. Indicator and descriptor answers are bit sets over
//! the ruleset's catalogue indices, so evaluating is a handful of word operations. A
//! `Screening` is made by `screen::build`, which holds every rule about
//! what a valid request is; so a `Screening` is always valid for its ruleset.

use crate::contract::vocab::{Answer, AnswerField, Direction, Education, LocalAuthority, ScreenedBy};
use crate::ruleset::bitset::BitSet;

/// A request checked against a ruleset and compiled to dense sets: what the evaluator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    /// The child's local authority.
    pub local_authority: LocalAuthority,
    /// Age in years.
    pub age_years: u8,
    /// Education setting.
    pub education: Education,
    /// Who is screening (changes only the wording of actions).
    pub screened_by: ScreenedBy,
    /// Each answer field's answer, by [`AnswerField::index`] (see [`Screening::answer`]).
    pub(crate) answers: [Answer; AnswerField::COUNT],
    /// Missing episodes in the last 90 days (0 when not known: see `missing_known`).
    pub missing_episodes: u32,
    /// Whether the number of missing episodes was given (absent or `null`: not known).
    pub missing_known: bool,
    /// Professional judgement direction, if any.
    pub judgement: Option<Direction>,
    /// The judgement's reason and the role that recorded it, as given (empty without a
    /// judgement): echoed in the outcome's `screening`, never read by a rule.
    pub(crate) judgement_reason: String,
    pub(crate) judgement_role: String,
    pub(crate) yes: BitSet,
    pub(crate) known: BitSet,
    /// Indicators whose `yes` is given as evidenced, and as a professional concern; any other
    /// `yes` is not stated.
    pub(crate) evidenced: BitSet,
    pub(crate) professional_concern: BitSet,
    pub(crate) descriptors: BitSet,
    /// Highest level of any selected descriptor (1 when none).
    pub(crate) descriptor_level: u8,
}

impl Screening {
    /// How the `yes` answers are known: evidenced, professional concern, not stated.
    pub(crate) fn evidence(&self) -> (u32, u32, u32) {
        let evidenced = self.yes.and(&self.evidenced).len();
        let professional = self.yes.and(&self.professional_concern).len();
        (evidenced, professional, self.yes.len() - evidenced - professional)
    }

    /// How the `yes` for an indicator index is known.
    pub(crate) fn basis(&self, index: usize) -> crate::contract::vocab::Basis {
        use crate::contract::vocab::Basis;
        if self.evidenced.contains(index) {
            Basis::Evidenced
        } else if self.professional_concern.contains(index) {
            Basis::ProfessionalConcern
        } else {
            Basis::NotStated
        }
    }

    /// The answer to an answer field (safety answers, the child's context, re-referral).
    pub fn answer(&self, field: AnswerField) -> Answer {
        self.answers[field.index()]
    }

    /// The answer given for an indicator index (absent means `not_known`).
    pub fn indicator(&self, index: usize) -> Answer {
        if self.yes.contains(index) {
            Answer::Yes
        } else if self.known.contains(index) {
            Answer::No
        } else {
            Answer::NotKnown
        }
    }
}
