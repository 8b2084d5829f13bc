//! Screening one child: a request in, a decision out, the decision in words.
//!
//! ```text
//! JSON walk ─┐
//! typed Request ─┼─▶ build (every error, with its pointer) ─▶ Screening ─▶ eval ─▶ Decision ─▶ render ─▶ outcome JSON
//! ```
//!
//! Layer: imports [`crate::ruleset`], [`crate::contract`] and [`crate::json`].

pub mod build;
pub use crate::ruleset::eval;
pub mod input;
pub(crate) mod reasons;
pub mod render;
pub mod triage;
mod typed;
mod walk;

use crate::contract::error::ErrorList;
use crate::contract::outcome::Outcome;
use crate::contract::request::Request;
use crate::ruleset::Ruleset;
use build::{Screening, check_request, parse_request};
use eval::{Decision, evaluate};
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

/// Screens a request read from any [`input::Input`] (a Python dict, an Arrow row) into a
/// typed [`Outcome`]: the same walk, checks and outcome as JSON text gets.
pub fn screen_input<I: input::Input>(ruleset: &Ruleset, request: I) -> Result<Outcome, ErrorList> {
    typed(ruleset, &input::parse_with(ruleset, request)?)
}

/// The typed [`Outcome`] of a screening already evaluated (what [`screen_input`] returns),
/// for a binding that also reads the [`Decision`] itself.
pub fn outcome_of(ruleset: &Ruleset, s: &Screening, d: &Decision) -> Outcome {
    typed::outcome(ruleset, s, d)
}

/// The rules behind a decision, each once, in the order the outcome's `reasons` list
/// them: the band's id, each rule that fired, each threshold descriptor chosen. What an
/// outcome table's `reasons` column holds, without writing the outcome.
pub fn reason_rules<'r>(ruleset: &'r Ruleset, s: &Screening, d: &Decision) -> Vec<&'r str> {
    let w = &ruleset.words;
    let mut out: Vec<&'r str> = Vec::with_capacity(8);
    reasons::abouts(ruleset, s, d, |about| {
        let id = match about {
            reasons::About::Band(b) => w.band[b].0.as_str(),
            reasons::About::Clause(ci) => w.clause[ci].0.as_str(),
            reasons::About::Descriptor(i) => w.descriptor[i].0.as_str(),
        };
        if !out.contains(&id) {
            out.push(id);
        }
    });
    out
}

/// Each reason's plain-words `text` (contract §5), in the outcome's order: the same
/// sentences the full outcome carries.
pub fn reason_texts(ruleset: &Ruleset, s: &Screening, d: &Decision) -> Vec<String> {
    let unanswered = eval::gaps(ruleset, s).len() as usize + d.other_gaps.count_ones() as usize;
    reasons::parts(ruleset, s, d).iter().map(|part| reasons::text(ruleset, s, d, part, unanswered)).collect()
}

/// The outcome's `screening` (the request as the engine read it, every default filled,
/// catalogue order) as JSON text, on its own: what an outcome table's `screening` column
/// holds, and what `hoth summary` and `hoth screen` read back.
pub fn screening_json(ruleset: &Ruleset, s: &Screening) -> String {
    let mut out = Vec::with_capacity(2048);
    render::write_screening(ruleset, s, render::Detail::Full, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Screens a typed request.
pub fn screen(ruleset: &Ruleset, request: &Request) -> Result<Outcome, ErrorList> {
    typed(ruleset, &check_request(ruleset, request)?)
}

/// Reads an outcome back as a typed [`Outcome`]: its `screening` (the request as the engine
/// read it) screened again with `ruleset`, which must be the ruleset that made it (the same
/// SHA-256), so every word is the ruleset's own. A compact outcome (no reasons' texts, no
/// judgement's reason) reads back with the texts, and with the judgement's reason empty.
/// This uses the engine's own JSON reader, not serde (which the WebAssembly bundle leaves out).
pub fn reread_outcome(ruleset: &Ruleset, bytes: &[u8]) -> Result<Outcome, ErrorList> {
    use crate::contract::error::ErrorCode;
    let not_outcome = || {
        ErrorList::one(
            "",
            ErrorCode::InvalidValue,
            "not a screening outcome: it has no ruleset and screening (use the JSON `hoth screen` gives)",
        )
    };
    let value = crate::json::parse_bytes(bytes)?;
    let obj = value.as_object().ok_or_else(not_outcome)?;
    let sha =
        obj.get("ruleset").and_then(|r| r.as_object()).and_then(|r| r.get("sha256")).and_then(|s| s.as_str()).ok_or_else(not_outcome)?;
    if sha != ruleset.sha256() {
        return Err(ErrorList::one(
            "/ruleset/sha256",
            ErrorCode::InvalidValue,
            format!(
                "this outcome was made with another ruleset (sha256 {sha}), not the loaded {} {}: load that ruleset to read it",
                ruleset.id(),
                ruleset.version()
            ),
        ));
    }
    let screening = obj.get("screening").ok_or_else(not_outcome)?;
    let mut b = build::ScreeningBuilder::new(ruleset);
    b.reading_a_record();
    walk::request(screening, &mut b);
    let s = b.finish().map_err(|e| ErrorList {
        errors: e
            .errors
            .into_iter()
            .map(|mut e| {
                e.pointer = format!("/screening{}", e.pointer);
                e
            })
            .collect(),
    })?;
    typed(ruleset, &s)
}

/// Screens request JSON bytes into a typed outcome.
pub fn screen_json(ruleset: &Ruleset, bytes: &[u8]) -> Result<Outcome, ErrorList> {
    typed(ruleset, &parse_request(ruleset, bytes)?)
}
