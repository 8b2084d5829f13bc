//! The one JSON-in, JSON-out layer every binding calls (WASM, Python, the CLI).
//!
//! Each function returns either the contract's outcome JSON or its `{"errors": [...]}`
//! JSON, produced by the same serializer, so the bytes are identical in every binding.
//! Panics are caught here and turned into an `internal` error: none crosses a boundary.

use crate::contract::error::{ErrorCode, ErrorList};
use crate::ruleset::Ruleset;

/// Outcome JSON, or the error list JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonResult {
    /// The outcome, as compact JSON.
    Ok(String),
    /// The error list, as compact JSON.
    Err(String),
}

impl JsonResult {
    /// The JSON text either way.
    pub fn into_string(self) -> String {
        match self {
            JsonResult::Ok(s) | JsonResult::Err(s) => s,
        }
    }
    /// True for an outcome.
    pub fn is_ok(&self) -> bool {
        matches!(self, JsonResult::Ok(_))
    }
}

pub use crate::contract::error::guard;

fn to_pretty_json<T: serde::Serialize>(value: &T) -> Result<String, ErrorList> {
    serde_json::to_string_pretty(value).map_err(|e| ErrorList::one("", ErrorCode::Internal, format!("could not serialize: {e}")))
}

/// Screens request bytes: outcome JSON or error JSON.
pub fn screen(ruleset: &Ruleset, request: &[u8]) -> JsonResult {
    let result = guard(|| {
        // A full outcome is 7–12 KB: room for one from the start, so it is never copied
        // while it grows.
        let mut out = Vec::with_capacity(16 * 1024);
        crate::screen::screen_into(ruleset, request, &mut out)?;
        String::from_utf8(out).map_err(|e| ErrorList::one("", ErrorCode::Internal, e.to_string()))
    });
    match result {
        Ok(s) => JsonResult::Ok(s),
        Err(e) => JsonResult::Err(e.to_json()),
    }
}

/// Like [`screen`], indented for people to read.
pub fn screen_pretty(ruleset: &Ruleset, request: &[u8]) -> JsonResult {
    match guard(|| crate::screen::screen_json(ruleset, request).and_then(|o| to_pretty_json(&o))) {
        Ok(s) => JsonResult::Ok(s),
        Err(e) => JsonResult::Err(to_pretty_json(&e).unwrap_or_else(|_| e.to_json())),
    }
}

/// Triage (contract §8): the actions to take now for any JSON object, finished or not.
/// Errors only when the bytes are not a JSON object, or are over 64 KiB.
pub fn triage(ruleset: &Ruleset, request: &[u8]) -> JsonResult {
    match guard(|| crate::screen::triage::triage(ruleset, request)) {
        Ok(t) => JsonResult::Ok(t.to_json()),
        Err(e) => JsonResult::Err(e.to_json()),
    }
}

/// The SAFER referral summary (contract §9) of outcome JSON bytes made with `ruleset`:
/// plain text, or a printable HTML fragment. The same bytes in every binding.
pub fn summary(ruleset: &Ruleset, outcome: &[u8], html: bool) -> JsonResult {
    match guard(|| crate::tools::summary::summary_json(ruleset, outcome, html)) {
        Ok(s) => JsonResult::Ok(s),
        Err(e) => JsonResult::Err(e.to_json()),
    }
}

/// Validates request bytes only: `{"errors":[]}` when valid, else the error list.
pub fn validate(ruleset: &Ruleset, request: &[u8]) -> String {
    match guard(|| crate::screen::build::parse_request(ruleset, request).map(|_| ())) {
        Ok(()) => r#"{"errors":[]}"#.to_owned(),
        Err(e) => e.to_json(),
    }
}

/// Loads and validates a ruleset from JSON text.
#[cfg(feature = "checker")]
pub fn load_ruleset(text: &str) -> Result<Ruleset, ErrorList> {
    guard(|| Ruleset::from_json(text))
}

/// Loads a ruleset that a full check has already accepted, by the SHA-256 that check gave
/// (see [`Ruleset::from_json_prechecked`]): the WebAssembly core module's only loader.
#[cfg(feature = "prechecked")]
pub fn load_prechecked_ruleset(text: &str, sha256: &str) -> Result<Ruleset, ErrorList> {
    guard(|| Ruleset::from_json_prechecked(text, sha256))
}

/// The ruleset in use as compact JSON, exactly as it was hashed for its `sha256`: what a
/// form builder reads (indicators with titles, hints and sections; descriptors; actions).
pub fn ruleset_json(ruleset: &Ruleset) -> String {
    crate::json::write::to_json(ruleset.file())
}

/// Language-guide findings for `text` as JSON: `[{id, start, end, text, use_instead, why,
/// source}]`, spans in characters.
#[cfg(feature = "checker")]
pub fn lint_json(text: &str) -> String {
    crate::lint::findings_json(&crate::lint::lint(text))
}

/// `{"engine":"0.1.0","ruleset":{"id":…,"version":…,"sha256":…}}`: what produced an outcome.
pub fn versions(ruleset: &Ruleset) -> String {
    let mut out = String::new();
    for (before, value) in [
        ("{\"engine\":", crate::contract::outcome::ENGINE_VERSION),
        (",\"ruleset\":{\"id\":", ruleset.id()),
        (",\"version\":", ruleset.version()),
        (",\"sha256\":", ruleset.sha256()),
    ] {
        out.push_str(before);
        crate::json::write_str(&mut out, value);
    }
    out.push_str("}}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error() {
        let r: Result<(), ErrorList> = guard(|| panic!("boom"));
        let e = r.unwrap_err();
        assert_eq!(e.errors[0].code, ErrorCode::Internal);
    }

    #[test]
    fn versions_name_the_engine_and_the_ruleset() {
        let r = Ruleset::tees();
        let v: serde_json::Value = serde_json::from_str(&versions(r)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"engine": crate::contract::outcome::ENGINE_VERSION,
                "ruleset": {"id": r.id(), "version": r.version(), "sha256": r.sha256()}})
        );
    }
}
