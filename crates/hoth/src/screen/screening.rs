//! A [`Screening`]: one request, checked against a ruleset and compiled to dense sets.
//!
//! This is what the evaluator reads. Indicator and descriptor answers are bit sets over
//! the ruleset's catalogue indices, so evaluating is a handful of word operations. A
//! `Screening` can only be made by [`crate::screen::build`], which holds every rule about
//! what a valid request is; so a `Screening` is always valid for its ruleset.

use crate::contract::vocab::{Answer, Direction, Education, LocalAuthority};
use crate::ruleset::bitset::BitSet;

/// A request checked against a ruleset and compiled to dense sets: what the evaluator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    /// The child's local authority.
    pub local_authority: LocalAuthority,
    /// Age in years.
    pub age_years: u8,
    /// Learning disability.
    pub learning_disability: Answer,
    /// Looked after.
    pub looked_after: Answer,
    /// Care leaver.
    pub care_leaver: Answer,
    /// SEND.
    pub send: Answer,
    /// Education setting.
    pub education: Education,
    /// Immediate danger.
    pub immediate_danger: Answer,
    /// Crime suspected.
    pub crime_suspected: Answer,
    /// Disclosure.
    pub disclosure: Answer,
    /// Missing episodes in the last 90 days.
    pub missing_episodes: u32,
    /// Re-referral within 12 months.
    pub re_referral: Answer,
    /// Professional judgement direction, if any.
    pub judgement: Option<Direction>,
    pub(crate) yes: BitSet,
    pub(crate) known: BitSet,
    pub(crate) professional_concern: BitSet,
    pub(crate) descriptors: BitSet,
    /// Highest level of any selected descriptor (1 when none).
    pub(crate) descriptor_level: u8,
}

impl Screening {
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
