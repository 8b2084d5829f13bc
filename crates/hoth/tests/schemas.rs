//! The committed JSON Schemas in `schemas/` are current, and the example requests and
//! generated outcomes validate against them with an independent validator (`jsonschema`,
//! not schemars). Refresh the files with `HOTH_BLESS=1 cargo test -p hoth --test schemas`.

use std::path::PathBuf;

use hoth::Ruleset;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn committed(name: &str) -> String {
    std::fs::read_to_string(root().join(format!("schemas/{name}.schema.json"))).unwrap_or_default()
}

#[test]
fn committed_schemas_are_current() {
    let bless = std::env::var_os("HOTH_BLESS").is_some();
    let mut stale = Vec::new();
    for name in hoth::schema::NAMES {
        let fresh = hoth::schema::schema_text(name, Ruleset::tees()).unwrap();
        if committed(name) != fresh {
            if bless {
                std::fs::create_dir_all(root().join("schemas")).unwrap();
                std::fs::write(root().join(format!("schemas/{name}.schema.json")), &fresh).unwrap();
            } else {
                stale.push(name);
            }
        }
    }
    assert!(stale.is_empty(), "stale schemas {stale:?}: run `HOTH_BLESS=1 cargo test -p hoth --test schemas` and commit schemas/");
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&hoth::schema::schema_text(name, Ruleset::tees()).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name} schema does not compile: {e}"))
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn examples_and_their_outcomes_validate() {
    let request = validator("request");
    let outcome = validator("outcome");
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("seeds/examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(errors(&request, &value), Vec::<String>::new(), "{} does not match the request schema", path.display());
        let o = serde_json::to_value(hoth::screen_json(Ruleset::tees(), text.as_bytes()).unwrap()).unwrap();
        assert_eq!(errors(&outcome, &o), Vec::<String>::new(), "outcome of {} does not match the outcome schema", path.display());
        n += 1;
    }
    assert!(n >= 5, "expected at least 5 example requests, found {n}");
}

#[test]
fn schemas_reject_what_the_engine_rejects() {
    let request = validator("request");
    let bad: Value = serde_json::json!({"local_authority": "middlesbrough", "child": {"age_years": 31}, "immediate_danger": "maybe",
        "crime_suspected": "no", "disclosure": "no", "indicators": {"missing_overnite": "yes"}});
    assert!(!request.is_valid(&bad));
    let errs = validator("errors");
    let e = serde_json::to_value(hoth::screen_json(Ruleset::tees(), &serde_json::to_vec(&bad).unwrap()).unwrap_err()).unwrap();
    assert!(errs.is_valid(&e));
    let ruleset = validator("ruleset");
    let file: Value = serde_json::from_str(hoth::ruleset::TEES_RULESET_JSON).unwrap();
    assert_eq!(errors(&ruleset, &file), Vec::<String>::new());
}

#[test]
fn schemas_follow_the_contract_conventions() {
    for name in hoth::schema::NAMES {
        let text = hoth::schema::schema_text(name, Ruleset::tees()).unwrap();
        assert!(text.contains("https://json-schema.org/draft/2020-12/schema"), "{name}: not draft 2020-12");
        for fmt in ["\"uint8\"", "\"uint32\"", "\"int64\"", "\"uint\"", "\"int32\""] {
            assert!(!text.contains(fmt), "{name}: non-standard format {fmt}");
        }
        assert!(!text.contains("\"enum\""), "{name}: enums must be oneOf of const + title");
    }
    let request: Value = serde_json::from_str(&hoth::schema::schema_text("request", Ruleset::tees()).unwrap()).unwrap();
    let answer = &request["$defs"]["Answer"]["oneOf"];
    assert_eq!(answer[0]["const"], "no");
    assert_eq!(answer[0]["title"], "No");
    assert_eq!(request["properties"]["indicators"]["properties"].as_object().unwrap().len(), 37);
}
