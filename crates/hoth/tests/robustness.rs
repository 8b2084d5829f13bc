//! Properties for hostile and broken input (beyond the core ones): every independent bad
//! field is reported at once, outcomes always validate against the committed outcome
//! schema. (Work against input size: `work.rs`.)

use hoth::Ruleset;
use proptest::prelude::*;
use serde_json::{Value, json};

fn valid_request(age: u8, yes: Vec<usize>) -> Value {
    let ids: Vec<String> = Ruleset::tees().file().indicators.iter().map(|i| i.id.clone()).collect();
    let indicators: serde_json::Map<String, Value> = yes.iter().map(|i| (ids[i % ids.len()].clone(), json!("yes"))).collect();
    json!({"local_authority": "middlesbrough", "child": {"age_years": age}, "immediate_danger": "no", "crime_suspected": "no",
           "disclosure": "no", "indicators": indicators, "history": {"missing_episodes_last_90_days": 1}, "threshold_descriptors": []})
}

/// Independent corruptions: each breaks one field and names the pointer it must be reported at.
fn corrupt(req: &mut Value, which: usize) -> &'static str {
    match which {
        0 => {
            req["child"]["age_years"] = json!(99);
            "/child/age_years"
        }
        1 => {
            req["local_authority"] = json!("durham");
            "/local_authority"
        }
        2 => {
            req["immediate_danger"] = json!("maybe");
            "/immediate_danger"
        }
        3 => {
            req["indicators"]["zzz_not_an_indicator"] = json!("yes");
            "/indicators/zzz_not_an_indicator"
        }
        4 => {
            req["threshold_descriptors"] = json!(["nope"]);
            "/threshold_descriptors/0"
        }
        5 => {
            req["history"]["missing_episodes_last_90_days"] = json!(-1);
            "/history/missing_episodes_last_90_days"
        }
        6 => {
            req["extra_field"] = json!(1);
            "/extra_field"
        }
        7 => {
            req["professional_judgement"] = json!({"direction": "raise", "recorded_by_role": "teacher"});
            "/professional_judgement/reason"
        }
        8 => {
            req.as_object_mut().unwrap().remove("disclosure");
            "/disclosure"
        }
        _ => {
            req["child"]["education"] = json!(3);
            "/child/education"
        }
    }
}

fn outcome_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schemas/outcome.schema.json")).unwrap();
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn every_independent_bad_field_is_reported_at_once(age in 0u8..=25, yes in proptest::collection::vec(0usize..37, 0..5),
                                                      which in proptest::sample::subsequence((0..10usize).collect::<Vec<_>>(), 1..=10)) {
        let mut req = valid_request(age, yes);
        let mut want: Vec<&str> = which.iter().map(|w| corrupt(&mut req, *w)).collect();
        // Reported in contract order (§0), whichever order the problems were found in.
        want.sort_by_key(|p| hoth::request::contract_order(p, |id| Ruleset::tees().indicator_index(id)));
        let errors = hoth::screen_json(Ruleset::tees(), &serde_json::to_vec(&req).unwrap()).unwrap_err();
        let got: Vec<&str> = errors.errors.iter().map(|e| e.pointer.as_str()).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn outcomes_always_validate_against_the_outcome_schema(age in 0u8..=25, yes in proptest::collection::vec(0usize..37, 0..12),
                                                          danger in prop_oneof![Just("no"), Just("yes"), Just("not_known")]) {
        let mut req = valid_request(age, yes);
        req["immediate_danger"] = json!(danger);
        let o = serde_json::to_value(hoth::screen_json(Ruleset::tees(), &serde_json::to_vec(&req).unwrap()).unwrap()).unwrap();
        let v = outcome_validator();
        let errors: Vec<String> = v.iter_errors(&o).map(|e| e.to_string()).collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }
}
