//! Tools built on screening: many requests at once, the partnership's report, readable
//! accounts for people, the SAFER referral summary, and the JSON Schemas.
//!
//! Layer: imports [`crate::screen`] and everything below it; nothing below imports these.

pub mod batch;
pub mod diff;
pub mod explain;
pub mod impact;
pub mod report;
pub mod rule_words;
pub mod ruleset_page;
pub mod scaffold;
pub mod schema;
pub mod summary;
