//! What the ruleset validator's tests share (`rulesets.rs`, `ruleset_checks.rs`): break the
//! Tees ruleset by an edit to its JSON, and compare the errors it gets with the ones a case
//! names, reporting every case that differs at once.
// Each test file compiles this module on its own and uses only part of it.
#![allow(dead_code)]

use hoth::{ErrorCode, FieldError, Ruleset};
use serde_json::Value;

pub fn tees_value() -> Value {
    serde_json::from_str(hoth::ruleset::TEES_RULESET_JSON).unwrap()
}

/// Applies `edit` to the Tees ruleset and returns every error reported (none when accepted).
pub fn errors(edit: impl FnOnce(&mut Value)) -> Vec<FieldError> {
    let mut v = tees_value();
    edit(&mut v);
    match Ruleset::from_json(&v.to_string()) {
        Ok(_) => vec![],
        Err(e) => e.errors,
    }
}

/// Applies `edit` to the Tees ruleset and returns the (pointer, code) pairs reported.
pub fn broken(edit: impl FnOnce(&mut Value)) -> Vec<(String, ErrorCode)> {
    errors(edit).into_iter().map(|e| (e.pointer, e.code)).collect()
}

pub type Edit = Box<dyn FnOnce(&mut Value)>;
/// A case: name, the edit, the (pointer, code) pairs it must get (none: accepted).
pub type Case = (&'static str, Edit, Vec<(&'static str, ErrorCode)>);

/// Runs every case and reports all that fail at once.
pub fn check(cases: Vec<Case>) {
    let mut problems = Vec::new();
    for (name, edit, want) in cases {
        let got = broken(edit);
        let want: Vec<(String, ErrorCode)> = want.into_iter().map(|(p, c)| (p.to_owned(), c)).collect();
        if got != want {
            problems.push(format!("{name}:\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Sets each pointer's value in turn: each edit must get exactly one error, `code` at that
/// pointer, whose message says `says`.
pub fn each_alone(edits: Vec<(String, Value)>, code: ErrorCode, says: &str) {
    let mut problems = Vec::new();
    for (pointer, value) in edits {
        let all = errors(|v| *v.pointer_mut(&pointer).unwrap() = value);
        let got: Vec<(&str, ErrorCode)> = all.iter().map(|e| (e.pointer.as_str(), e.code)).collect();
        if got != [(pointer.as_str(), code)] {
            problems.push(format!("{pointer}: got {got:?}"));
        } else if !all[0].message.contains(says) {
            problems.push(format!("{pointer}: {}", all[0].message));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
