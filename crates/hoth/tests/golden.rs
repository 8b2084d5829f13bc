//! Golden cases: `tests/golden/*.json`, each a request and what the contract says the
//! outcome must be (written from the contract and the domain, not captured from the code).
//!
//! `expect` keys are compared exactly against the outcome's fields, except:
//! `actions` compares ids and urgencies (texts are ruleset data), `texts_contain` asks that
//! named actions' texts contain some words, `reason_rules` is the
//! sequence of `reasons[].rule`, and `front_door_name` / `front_door_phone` pick fields.
//! `expect_errors` is the exact list of (pointer, code) pairs.

use std::path::PathBuf;

use serde_json::{Value, json};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn request_bytes(case: &Value) -> Vec<u8> {
    match &case["request"] {
        Value::String(raw) => raw.as_bytes().to_vec(),
        other => serde_json::to_vec(other).unwrap(),
    }
}

fn check_case(name: &str, case: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let result = hoth::screen_json(hoth::Ruleset::tees(), &request_bytes(case));
    if let Some(expected) = case.get("expect_errors") {
        match result {
            Ok(_) => problems.push(format!("{name}: expected errors, got an outcome")),
            Err(e) => {
                let got: Vec<Value> = e.errors.iter().map(|e| json!({"pointer": e.pointer, "code": e.code})).collect();
                if &Value::Array(got.clone()) != expected {
                    problems.push(format!("{name}: errors\n  expected {expected}\n  got      {}", Value::Array(got)));
                }
                let file = hoth::Ruleset::tees().file();
                for e in &e.errors {
                    if e.message.trim().is_empty() || e.help.trim().is_empty() {
                        problems.push(format!("{name}: empty message or help at {}", e.pointer));
                    }
                    // Help for a person names the question by its title (contract §6).
                    let title = file
                        .indicators
                        .iter()
                        .find(|i| e.pointer == format!("/indicators/{}", i.id) || e.pointer == format!("/concern_basis/{}", i.id))
                        .map(|i| i.title.as_str())
                        .or_else(|| file.questions.iter().find(|q| q.field == e.pointer).map(|q| q.title.as_str()));
                    if let Some(title) = title
                        && e.code != hoth::ErrorCode::MissingField
                        // The contract's own example: "Enter the child's age in whole years, from 0 to 25".
                        && e.pointer != "/child/age_years"
                        && !e.help.contains(title)
                    {
                        problems.push(format!("{name}: help at {} does not name “{title}”: {}", e.pointer, e.help));
                    }
                }
            }
        }
        return problems;
    }
    let outcome = match result {
        Ok(o) => o,
        Err(e) => return vec![format!("{name}: expected an outcome, got errors:\n{}", e.summary())],
    };
    // The typed outcome and the JSON writer are built separately from the same decision:
    // serde's bytes for the one must be the other's, byte for byte.
    let mut written = Vec::new();
    hoth::screen_into(hoth::Ruleset::tees(), &request_bytes(case), &mut written).unwrap();
    if serde_json::to_vec(&outcome).unwrap() != written {
        problems.push(format!("{name}: the typed outcome and the written JSON differ"));
    }
    // The compact outcome is the full one without the reasons' texts and sources and the
    // judgement's reason (contract §5), every other byte the same.
    let mut compact = Vec::new();
    hoth::screen::screen_into_with(hoth::Ruleset::tees(), &request_bytes(case), hoth::screen::Detail::Compact, &mut compact).unwrap();
    let mut stripped = outcome.clone();
    stripped.reasons.iter_mut().for_each(|r| {
        r.source = None;
        r.text = None;
    });
    if let Some(j) = stripped.screening.professional_judgement.as_mut() {
        j.reason.clear();
    }
    if serde_json::to_vec(&stripped).unwrap() != compact || compact.len() >= written.len() {
        problems.push(format!("{name}: the compact outcome is not the full one without sources"));
    }
    let outcome = serde_json::to_value(outcome).unwrap();
    for (key, want) in case["expect"].as_object().expect("expect must be an object") {
        let got = match key.as_str() {
            "actions" => Value::Array(
                outcome["actions"].as_array().unwrap().iter().map(|a| json!({"id": a["id"], "urgency": a["urgency"]})).collect(),
            ),
            "reason_rules" => Value::Array(outcome["reasons"].as_array().unwrap().iter().map(|r| r["rule"].clone()).collect()),
            "front_door_name" => outcome["front_door"]["name"].clone(),
            "front_door_phone" => outcome["front_door"]["phone"].clone(),
            // Each named action's text contains the given words (who the lead is, a phone).
            "texts_contain" => {
                let mut problems_here = Vec::new();
                for (id, words) in want.as_object().expect("texts_contain maps action ids to words") {
                    let text =
                        outcome["actions"].as_array().unwrap().iter().find(|a| &a["id"] == id).map(|a| a["text"].as_str().unwrap_or(""));
                    match text {
                        Some(t) if t.contains(words.as_str().unwrap()) => {}
                        other => problems_here.push(format!("{name}: {id}'s text {other:?} does not say {words}")),
                    }
                }
                problems.extend(problems_here);
                continue;
            }
            other => outcome.get(other).cloned().unwrap_or_else(|| panic!("{name}: the outcome has no field '{other}'")),
        };
        if &got != want {
            problems.push(format!("{name}: {key}\n  expected {want}\n  got      {got}"));
        }
    }
    problems
}

#[test]
fn golden_cases_match_the_contract() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "expected the golden suite, found {} files", files.len());
    let mut problems = Vec::new();
    for f in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        problems.extend(check_case(&f.file_stem().unwrap().to_string_lossy(), &case));
    }
    assert!(problems.is_empty(), "{} golden problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn golden_cases_cover_every_rule_error_code_and_area() {
    let mut text = String::new();
    for e in std::fs::read_dir(golden_dir()).unwrap() {
        text.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for rule in ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15"] {
        assert!(text.contains(&format!("\"{rule}\"")), "no golden case shows {rule} in its reasons");
    }
    for la in hoth::LocalAuthority::ALL {
        assert!(text.contains(&format!("\"local_authority\": \"{la}\"")), "no golden case for {la}");
    }
    for code in [
        "invalid_json",
        "missing_field",
        "unknown_field",
        "invalid_type",
        "invalid_value",
        "out_of_range",
        "unknown_indicator",
        "unknown_descriptor",
        "basis_without_yes",
        "missing_reason",
    ] {
        assert!(text.contains(&format!("\"code\": \"{code}\"")), "no golden case for error code {code}");
    }
}
