//! The contract's error list (`contract.md` §6): every problem at once, each with an
//! RFC 6901 JSON pointer, a stable machine code and a message a person can act on.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Stable error codes. The wire name is the `code` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is larger than the limit for its kind.
    TooLarge,
    /// The input is nested deeper than the limit.
    TooDeep,
    /// The input is not well-formed JSON.
    InvalidJson,
    /// A required field is missing.
    MissingField,
    /// A field that the contract does not define.
    UnknownField,
    /// A value of the wrong JSON type.
    InvalidType,
    /// A value that is not one of the allowed values.
    InvalidValue,
    /// A number outside its allowed range.
    OutOfRange,
    /// A string longer than its limit.
    TooLong,
    /// An indicator id the ruleset does not define.
    UnknownIndicator,
    /// A key given twice in one object: the value is ambiguous, so it is refused.
    DuplicateKey,
    /// A threshold descriptor id the ruleset does not define.
    UnknownDescriptor,
    /// A concern basis given for an indicator not answered `yes`.
    BasisWithoutYes,
    /// Professional judgement without a reason.
    MissingReason,
    /// A ruleset id used twice.
    DuplicateId,
    /// A ruleset reference to an id that is not defined.
    UnknownReference,
    /// Bands that overlap or leave a gap.
    BandGapOrOverlap,
    /// A weight below zero.
    NegativeWeight,
    /// A rule effect that could lower a level.
    LoweringEffect,
    /// The rules do not hold the safety floor (R1–R3, R11, R12) or their profile's rules, checked by probing.
    RequiredRule,
    /// A ruleset value that breaks a rule of the ruleset format.
    InvalidRuleset,
    /// Ruleset wording that the language guide flags (victim-blaming language).
    Language,
    /// A fault inside the engine: please report it. Never a partial outcome.
    Internal,
}

impl ErrorCode {
    /// The wire name, e.g. `out_of_range`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::TooLarge => "too_large",
            ErrorCode::TooDeep => "too_deep",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::UnknownField => "unknown_field",
            ErrorCode::InvalidType => "invalid_type",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::OutOfRange => "out_of_range",
            ErrorCode::TooLong => "too_long",
            ErrorCode::UnknownIndicator => "unknown_indicator",
            ErrorCode::DuplicateKey => "duplicate_key",
            ErrorCode::UnknownDescriptor => "unknown_descriptor",
            ErrorCode::BasisWithoutYes => "basis_without_yes",
            ErrorCode::MissingReason => "missing_reason",
            ErrorCode::DuplicateId => "duplicate_id",
            ErrorCode::UnknownReference => "unknown_reference",
            ErrorCode::BandGapOrOverlap => "band_gap_or_overlap",
            ErrorCode::NegativeWeight => "negative_weight",
            ErrorCode::LoweringEffect => "lowering_effect",
            ErrorCode::RequiredRule => "required_rule",
            ErrorCode::InvalidRuleset => "invalid_ruleset",
            ErrorCode::Language => "language",
            ErrorCode::Internal => "internal",
        }
    }
}

/// One problem, located by a JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldError {
    /// RFC 6901 JSON pointer to the offending value ("" is the whole document).
    pub pointer: String,
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// What is wrong, for a developer, and where possible how to fix it.
    pub message: String,
    /// One sentence for the person filling in the form, in the GOV.UK style, naming the
    /// question by its title where there is one (contract §6).
    pub help: String,
}

impl FieldError {
    /// An error with the help for its code and place (no question title yet: see
    /// [`ErrorList::name_questions`]).
    pub fn new(pointer: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> FieldError {
        let pointer = pointer.into();
        let help = crate::contract::help::help(code, &pointer, None);
        FieldError { pointer, code, message: message.into(), help }
    }
}

/// Every problem found in one input. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, thiserror::Error)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Error list")]
#[error("{}", self.summary())]
pub struct ErrorList {
    /// The problems, ordered by pointer.
    pub errors: Vec<FieldError>,
}

impl ErrorList {
    /// A list with one error.
    pub fn one(pointer: impl Into<String>, code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorList { errors: vec![FieldError::new(pointer, code, message)] }
    }

    /// One line per error: `pointer: code: message`.
    pub fn summary(&self) -> String {
        self.errors
            .iter()
            .map(|e| format!("{}: {}: {}", if e.pointer.is_empty() { "/" } else { &e.pointer }, e.code.as_str(), e.message))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Rewords each error's help with the title of the question at its pointer, where
    /// `title` knows one.
    pub fn name_questions(mut self, title: impl Fn(&str) -> Option<String>) -> ErrorList {
        for e in &mut self.errors {
            if let Some(t) = title(&e.pointer) {
                e.help = crate::contract::help::help(e.code, &e.pointer, Some(&t));
            }
        }
        self
    }

    /// The contract's JSON: `{"errors":[...]}`.
    pub fn to_json(&self) -> String {
        crate::json::write::to_json(self)
    }
}

impl crate::json::write::Write for ErrorCode {
    fn write(&self, out: &mut String) {
        crate::json::write_str(out, self.as_str());
    }
}
crate::json::write::write_struct!(FieldError { pointer: required, code: required, message: required, help: required });
crate::json::write::write_struct!(ErrorList { errors: required });

/// The message for a key given twice in one object (code `duplicate_key`), in a request or
/// a ruleset alike.
pub(crate) const GIVEN_TWICE: &str = "given more than once: keep one, so the value is not ambiguous";

/// Collects errors while walking an input; sorted and de-duplicated on finish so the
/// order never depends on which path found a problem first.
#[derive(Debug, Default)]
pub struct Collector {
    errors: Vec<FieldError>,
    /// Positions (in `errors`) of problems that take precedence at their pointer.
    overriding: Vec<usize>,
}

impl Collector {
    /// Records one problem.
    pub fn push(&mut self, pointer: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(pointer, code, message));
    }
    /// Records a problem that is reported instead of any other at the same pointer, even
    /// one recorded before it (a key given twice: what its value says does not matter).
    pub fn push_overriding(&mut self, pointer: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        // In recording order, so sorted: `finish_in` finds each by binary search (a request
        // may repeat one key thousands of times).
        self.overriding.push(self.errors.len());
        self.push(pointer, code, message);
    }
    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
    /// Sorted by pointer, one error per pointer (an overriding one, else the first
    /// recorded, which is the most basic problem there); `Ok(value)` when nothing was recorded.
    pub fn finish<T>(self, value: T) -> Result<T, ErrorList> {
        self.finish_in(value, |_| ())
    }

    /// Like [`Collector::finish`], then in the order `rank` gives each pointer (pointer order
    /// among equal ranks): for a request, contract order (§0).
    pub fn finish_in<T, K: Ord>(self, value: T, rank: impl Fn(&str) -> K) -> Result<T, ErrorList> {
        if self.errors.is_empty() {
            return Ok(value);
        }
        let mut ranked: Vec<(bool, usize, FieldError)> =
            self.errors.into_iter().enumerate().map(|(i, e)| (self.overriding.binary_search(&i).is_err(), i, e)).collect();
        ranked.sort_by(|a, b| a.2.pointer.cmp(&b.2.pointer).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
        ranked.dedup_by(|later, first| later.2.pointer == first.2.pointer);
        let mut errors: Vec<FieldError> = ranked.into_iter().map(|(_, _, e)| e).collect();
        errors.sort_by_cached_key(|e| rank(&e.pointer));
        Err(ErrorList { errors })
    }
}

/// Runs `f`, turning a panic into the contract's `internal` error.
pub fn guard<T>(f: impl FnOnce() -> Result<T, ErrorList>) -> Result<T, ErrorList> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(ErrorList::one(
            "",
            ErrorCode::Internal,
            "internal error in the screening engine; no outcome was produced. Please report it (see SECURITY.md)",
        ))
    })
}

impl From<crate::json::SyntaxError> for ErrorList {
    fn from(e: crate::json::SyntaxError) -> Self {
        let code = match e.kind {
            crate::json::SyntaxKind::Invalid => ErrorCode::InvalidJson,
            crate::json::SyntaxKind::TooDeep => ErrorCode::TooDeep,
        };
        ErrorList::one("", code, e.message)
    }
}

pub use crate::json::pointer::{escape_token, pointer};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_json_is_what_serde_writes() {
        let mut c = Collector::default();
        c.push("/indicators/a~1b", ErrorCode::UnknownIndicator, "unknown indicator 'a/b' — \"quoted\"\n");
        c.push("", ErrorCode::InvalidJson, "not valid JSON");
        let e = c.finish(()).unwrap_err();
        assert_eq!(e.to_json(), serde_json::to_string(&e).unwrap());
        assert_eq!(ErrorList { errors: vec![] }.to_json(), r#"{"errors":[]}"#);
    }

    #[test]
    fn pointer_tokens_are_escaped_per_rfc_6901() {
        assert_eq!(pointer("/indicators", "a/b~c"), "/indicators/a~1b~0c");
    }

    #[test]
    fn codes_serialize_to_their_wire_names() {
        for code in [ErrorCode::TooLarge, ErrorCode::UnknownIndicator, ErrorCode::BandGapOrOverlap] {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::String(code.as_str().into()));
        }
    }

    #[test]
    fn collector_sorts_and_reports_everything() {
        let mut c = Collector::default();
        c.push("/b", ErrorCode::InvalidType, "b");
        c.push("/a", ErrorCode::OutOfRange, "a");
        let err = c.finish(()).unwrap_err();
        assert_eq!(err.errors.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(), ["/a", "/b"]);
    }
}
