//! Golden cases for the public screening tools encoded in `seeds/rulesets/` (issue 17's proof
//! of range): `tests/golden-rulesets/<ruleset id>/*.json`, each a request and what that
//! tool's own rules say (its `why`), written from the tool, not captured from the engine.
//!
//! `expect` keys: `hoth_concern`, `threshold_level` (`null` for a young adult), `score`,
//! `complete` and `harm_types` compare exactly; `actions_include` lists action ids that must
//! be advised and `actions_exclude` ids that must not; `action_urgencies` maps action ids to
//! the urgency each must have; `rules_fired` lists rule ids that must appear among the
//! reasons, in that order.

use std::path::{Path, PathBuf};

use hoth::Ruleset;
use serde_json::{Value, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sorted(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().ends_with(ext)).collect();
    v.sort();
    v
}

fn check(ruleset: &Ruleset, name: &str, case: &Value) -> Vec<String> {
    let bytes = serde_json::to_vec(&case["request"]).unwrap();
    let outcome = match hoth::screen_json(ruleset, &bytes) {
        Ok(o) => o,
        Err(e) => return vec![format!("{name}: expected an outcome, got errors:\n{}", e.summary())],
    };
    let mut problems = Vec::new();
    // The typed outcome and the written JSON agree byte for byte, as for the Tees ruleset.
    let mut written = Vec::new();
    hoth::screen_into(ruleset, &bytes, &mut written).unwrap();
    if serde_json::to_vec(&outcome).unwrap() != written {
        problems.push(format!("{name}: the typed outcome and the written JSON differ"));
    }
    let o = serde_json::to_value(&outcome).unwrap();
    for (key, want) in case["expect"].as_object().expect("expect is an object") {
        let ok = match key.as_str() {
            "threshold_level" => o["threshold"].get("level").cloned().unwrap_or(Value::Null) == *want,
            "actions_include" => {
                let ids: Vec<&Value> = o["actions"].as_array().unwrap().iter().map(|a| &a["id"]).collect();
                want.as_array().unwrap().iter().all(|w| ids.contains(&w))
            }
            "actions_exclude" => {
                let ids: Vec<&Value> = o["actions"].as_array().unwrap().iter().map(|a| &a["id"]).collect();
                want.as_array().unwrap().iter().all(|w| !ids.contains(&w))
            }
            "action_urgencies" => want
                .as_object()
                .unwrap()
                .iter()
                .all(|(id, u)| o["actions"].as_array().unwrap().iter().any(|a| a["id"] == id.as_str() && a["urgency"] == *u)),
            "rules_fired" => {
                let mut fired = o["reasons"].as_array().unwrap().iter().map(|r| &r["rule"]);
                want.as_array().unwrap().iter().all(|w| fired.any(|f| f == w))
            }
            other => o.get(other).unwrap_or_else(|| panic!("{name}: the outcome has no '{other}'")) == want,
        };
        if !ok {
            let got = match key.as_str() {
                "threshold_level" => o["threshold"].clone(),
                "actions_include" | "actions_exclude" | "action_urgencies" => {
                    json!(o["actions"].as_array().unwrap().iter().map(|a| json!([a["id"], a["urgency"]])).collect::<Vec<_>>())
                }
                "rules_fired" => json!(o["reasons"].as_array().unwrap().iter().map(|r| r["rule"].clone()).collect::<Vec<_>>()),
                other => o[other].clone(),
            };
            problems.push(format!("{name}: {key}\n  expected {want}\n  got      {got}\n  ({})", case["why"]));
        }
    }
    problems
}

#[test]
fn each_encoded_tool_loads_and_gives_its_golden_outcomes() {
    let rulesets = sorted(&root().join("seeds/rulesets"), ".ruleset.json");
    assert!(rulesets.len() >= 3, "expected at least three encoded tools, found {}", rulesets.len());
    let mut problems = Vec::new();
    for path in &rulesets {
        let text = std::fs::read_to_string(path).unwrap();
        let ruleset =
            Ruleset::from_json(&text).unwrap_or_else(|e| panic!("{} does not pass rules check:\n{}", path.display(), e.summary()));
        // Each tool has its own catalogue (not the Tees one), and says where it comes from.
        let tees = Ruleset::tees().file();
        assert!(
            ruleset.file().indicators.iter().any(|i| tees.indicators.iter().all(|t| t.id != i.id)),
            "{}: its own catalogue",
            ruleset.id()
        );
        assert!(ruleset.file().source.contains("https://"), "{}: the tool's source needs its address", ruleset.id());
        let cases = sorted(&root().join("tests/golden-rulesets").join(ruleset.id()), ".json");
        assert!(cases.len() >= 10, "{}: expected at least 10 golden cases, found {}", ruleset.id(), cases.len());
        for c in &cases {
            let case: Value = serde_json::from_str(&std::fs::read_to_string(c).unwrap()).unwrap();
            let name = format!("{}/{}", ruleset.id(), c.file_stem().unwrap().to_string_lossy());
            problems.extend(check(&ruleset, &name, &case));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_golden_directory_has_its_ruleset() {
    for dir in std::fs::read_dir(root().join("tests/golden-rulesets")).unwrap() {
        let dir = dir.unwrap().path();
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(root().join("seeds/rulesets").join(format!("{id}.ruleset.json")).exists(), "no ruleset for tests/golden-rulesets/{id}");
    }
}
