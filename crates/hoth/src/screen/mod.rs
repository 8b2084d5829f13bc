//! Screening one child: a request in, a decision out, the decision in words.
//!
//! ```text
//! JSON walk ─┐
//! typed Request ─┼─▶ build (every error, with its pointer) ─▶ Screening ─▶ eval ─▶ Decision ─▶ render ─▶ outcome JSON
//! ```
//!
//! Layer: imports [`crate::ruleset`], [`crate::contract`] and [`crate::json`].

pub mod build;
pub mod eval;
mod reasons;
pub mod render;
mod screening;
pub mod triage;
mod typed;
mod walk;

use crate::contract::error::ErrorList;
use crate::contract::outcome::Outcome;
use crate::contract::request::Request;
use crate::ruleset::Ruleset;
use build::{Screening, check_request, parse_request};
use eval::evaluate;
pub use render::Detail;

/// Screens request JSON bytes, appending the outcome JSON to `out`. This is the fast
/// path every binding and the CLI use; on error nothing is appended.
pub fn screen_into(ruleset: &Ruleset, bytes: &[u8], out: &mut Vec<u8>) -> Result<(), ErrorList> {
    screen_into_with(ruleset, bytes, Detail::Full, out)
}

/// Like [`screen_into`], writing the full or the compact outcome (contract §5).
pub fn screen_into_with(ruleset: &Ruleset, bytes: &[u8], detail: Detail, out: &mut Vec<u8>) -> Result<(), ErrorList> {
    let s = parse_request(ruleset, bytes)?;
    render::write_outcome(ruleset, &s, &evaluate(ruleset, &s), detail, out);
    Ok(())
}

/// The typed outcome for a checked screening, built straight from its decision.
fn typed(ruleset: &Ruleset, s: &Screening) -> Result<Outcome, ErrorList> {
    Ok(typed::outcome(ruleset, s, &evaluate(ruleset, s)))
}

/// Screens a typed request.
pub fn screen(ruleset: &Ruleset, request: &Request) -> Result<Outcome, ErrorList> {
    typed(ruleset, &check_request(ruleset, request)?)
}

/// Screens request JSON bytes into a typed outcome.
pub fn screen_json(ruleset: &Ruleset, bytes: &[u8]) -> Result<Outcome, ErrorList> {
    typed(ruleset, &parse_request(ruleset, bytes)?)
}
