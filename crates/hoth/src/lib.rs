//! # hoth: screening for Harm Outside the Home, the Tees way
//!
//! `hoth` screens a child for Harm Outside the Home (exploitation, county lines,
//! trafficking, serious youth violence, online harm, going missing) and places them on
//! the Tees Threshold of Need. It is **deterministic** (same input, same bytes),
//! **explainable** (every outcome lists the rules that shaped it, with their sources),
//! **monotone** (more concern never lowers the result) and **honest about gaps** (an
//! unanswered question is listed as a gap, never read as "no").
//!
//! ```
//! let outcome = hoth::screen_json(hoth::Ruleset::tees(), br#"{
//!     "local_authority": "middlesbrough",
//!     "child": { "age_years": 14 },
//!     "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no",
//!     "indicators": { "missing_overnight": "yes" }
//! }"#).unwrap();
//! assert_eq!(outcome.hoth_concern, hoth::Concern::Moderate);   // R6: one high-weight harm indicator
//! assert!(!outcome.complete);                                    // 36 questions not answered: gaps
//! ```
//!
//! The flow is `bytes → parse (all errors, with JSON pointers) → Screening → evaluate →
//! Decision → render → Outcome`. See `ARCHITECTURE.md` for the map of modules.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
pub mod bitset;
pub mod error;
pub mod eval;
pub mod explain;
mod fast;
pub mod ffi;
pub mod json;
pub mod lint;
pub mod outcome;
pub mod parse;
pub mod read;
pub mod render;
pub mod report;
pub mod request;
pub mod ruleset;
pub mod schema;
pub mod suggest;
pub mod vocab;
pub mod write;

pub use error::{ErrorCode, ErrorList, FieldError};
pub use eval::{Decision, evaluate};
pub use outcome::Outcome;
pub use parse::{Screening, check_request, parse_request};
pub use request::Request;
pub use ruleset::Ruleset;
pub use vocab::{ActionId, Answer, Concern, HarmType, LocalAuthority, Urgency};

/// Screens request JSON bytes, appending the outcome JSON to `out`. This is the fast
/// path every binding and the CLI use; on error nothing is appended.
pub fn screen_into(ruleset: &Ruleset, bytes: &[u8], out: &mut Vec<u8>) -> Result<(), ErrorList> {
    let s = parse_request(ruleset, bytes)?;
    ruleset.write_outcome(&s, &evaluate(ruleset, &s), out);
    Ok(())
}

/// The typed outcome for a checked screening: rendered to JSON once, then read back, so
/// the typed value and the JSON can never disagree.
fn typed(ruleset: &Ruleset, s: &Screening) -> Result<Outcome, ErrorList> {
    let mut out = Vec::with_capacity(4096);
    ruleset.write_outcome(s, &evaluate(ruleset, s), &mut out);
    serde_json::from_slice(&out).map_err(|e| ErrorList::one("", ErrorCode::Internal, format!("rendered outcome did not parse: {e}")))
}

/// Screens a typed request.
pub fn screen(ruleset: &Ruleset, request: &Request) -> Result<Outcome, ErrorList> {
    typed(ruleset, &check_request(ruleset, request)?)
}

/// Screens request JSON bytes into a typed outcome.
pub fn screen_json(ruleset: &Ruleset, bytes: &[u8]) -> Result<Outcome, ErrorList> {
    typed(ruleset, &parse_request(ruleset, bytes)?)
}
