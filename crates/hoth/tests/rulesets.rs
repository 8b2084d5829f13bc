//! The ruleset validator: the embedded Tees ruleset is valid and matches the contract's
//! vocabulary, and each kind of broken ruleset gets a precise error at the right pointer.

mod common;

use common::{Case, broken, check, tees_value};
use hoth::{ErrorCode, Ruleset};
use serde_json::{Value, json};

fn rule_index(v: &Value, id: &str) -> usize {
    v["rules"].as_array().unwrap().iter().position(|r| r["id"] == id).unwrap()
}

#[test]
fn embedded_tees_ruleset_is_valid_and_matches_the_contract() {
    let r = Ruleset::tees();
    assert_eq!((r.id(), r.version()), ("tees-hoth", "2026.2"));
    assert_eq!(r.sha256().len(), 64);
    let contract: &[(&str, &str, i64)] = &[
        ("family_history_of_abuse_or_offending", "vulnerability", 1),
        ("missing_overnight", "harm", 3),
        ("missing_episode", "harm", 2),
        ("change_in_presentation", "harm", 1),
        ("sharing_sexual_images", "harm", 3),
        ("radicalisation_concern", "harm", 3),
    ];
    let file = r.file();
    assert_eq!(file.indicators.len(), 37);
    for (id, category, weight) in contract {
        let i = file.indicators.iter().find(|i| i.id == *id).unwrap();
        assert_eq!((i.category.as_str(), i.weight), (*category, *weight), "{id}");
    }
    assert!(file.threshold_descriptors.len() >= 30);
    for d in hoth::vocab::DescriptorDomain::ALL {
        for level in 2..=4 {
            assert!(file.threshold_descriptors.iter().any(|x| x.domain == *d && x.level == level), "no level {level} descriptor for {d}");
        }
    }
}

#[test]
fn the_hash_ignores_formatting_but_not_content() {
    let v = tees_value();
    let pretty = Ruleset::from_json(&serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let compact = Ruleset::from_json(&v.to_string()).unwrap();
    assert_eq!(pretty.sha256(), compact.sha256());
    let mut changed = v.clone();
    changed["indicators"][0]["weight"] = json!(2);
    assert_ne!(Ruleset::from_json(&changed.to_string()).unwrap().sha256(), compact.sha256());
}

#[test]
fn each_broken_ruleset_gets_a_precise_error() {
    use ErrorCode::*;
    let cases: Vec<Case> = vec![
        ("gapped bands", Box::new(|v| v["bands"][2]["min"] = json!(5)), vec![("/bands/2/min", BandGapOrOverlap)]),
        ("overlapping bands", Box::new(|v| v["bands"][2]["min"] = json!(3)), vec![("/bands/2/min", BandGapOrOverlap)]),
        ("closed top band", Box::new(|v| v["bands"][3]["max"] = json!(40)), vec![("/bands/3/max", BandGapOrOverlap)]),
        ("bands that lower concern", Box::new(|v| v["bands"][3]["concern"] = json!("low")), vec![("/bands/3/concern", LoweringEffect)]),
        ("negative weight", Box::new(|v| v["indicators"][4]["weight"] = json!(-2)), vec![("/indicators/4/weight", NegativeWeight)]),
        (
            "duplicate indicator",
            Box::new(|v| v["indicators"][1]["id"] = v["indicators"][0]["id"].clone()),
            vec![("/indicators/1/id", DuplicateId)],
        ),
        (
            "unknown front door",
            Box::new(|v| v["local_authorities"][0]["front_door"] = json!("nowhere")),
            vec![("/local_authorities/0/front_door", UnknownReference)],
        ),
        (
            "missing provenance",
            Box::new(|v| {
                v["indicators"][3].as_object_mut().unwrap().remove("provenance");
            }),
            vec![("/indicators/3/provenance", MissingField)], // at the missing field, as in request errors
        ),
        (
            "empty source",
            Box::new(|v| v["threshold_descriptors"][0]["source"] = json!(" ")),
            vec![("/threshold_descriptors/0/source", InvalidRuleset)],
        ),
        (
            "descriptor level out of range",
            Box::new(|v| v["threshold_descriptors"][0]["level"] = json!(1)),
            vec![("/threshold_descriptors/0/level", OutOfRange)],
        ),
        (
            "unknown effect",
            Box::new(|v| {
                let i = rule_index(v, "R6");
                v["rules"][i]["clauses"][0]["then"]["set_concern"] = json!("low");
            }),
            vec![("/rules/5/clauses/0/then/set_concern", UnknownField)],
        ),
        (
            "lowering effect",
            Box::new(|v| {
                let i = rule_index(v, "R6");
                v["rules"][i]["clauses"][0]["then"]["concern_at_most"] = json!("low");
            }),
            vec![("/rules/5/clauses/0/then/concern_at_most", LoweringEffect)],
        ),
        (
            "negative steps",
            Box::new(|v| {
                let i = rule_index(v, "R8");
                v["rules"][i]["clauses"][0]["then"]["raise_concern_steps"] = json!(-1);
            }),
            vec![("/rules/7/clauses/0/then/raise_concern_steps", LoweringEffect)],
        ),
        (
            "missing R7",
            Box::new(|v| {
                let i = rule_index(v, "R7");
                v["rules"].as_array_mut().unwrap().remove(i);
            }),
            vec![("/rules", RequiredRule)],
        ),
        // Rule ids and their order no longer matter, only what the rules do (probed).
        ("R3 before R2", Box::new(|v| v["rules"].as_array_mut().unwrap().swap(1, 2)), vec![]),
        (
            "R1 renamed",
            Box::new(|v| {
                v["rules"][0]["id"] = json!("DANGER");
            }),
            vec![],
        ),
        (
            "no 999 for danger now",
            Box::new(|v| {
                v["rules"][0]["clauses"][0]["then"]["actions"] = json!([]);
            }),
            vec![("/rules", RequiredRule)],
        ),
        (
            "999 only the same day",
            Box::new(|v| {
                v["rules"][0]["clauses"][0]["then"]["actions"][0]["urgency"] = json!("same_day");
            }),
            vec![("/rules", RequiredRule)],
        ),
        (
            "another tool may leave out the Tees rules",
            Box::new(|v| {
                v["id"] = json!("another-tool");
                let i = rule_index(v, "R4");
                v["rules"].as_array_mut().unwrap().remove(i);
            }),
            vec![],
        ),
        (
            "a tool with the tees-hoth profile may not",
            Box::new(|v| {
                v["id"] = json!("another-tool");
                v["profile"] = json!("tees-hoth");
                let i = rule_index(v, "R4");
                v["rules"].as_array_mut().unwrap().remove(i);
            }),
            vec![("/rules", RequiredRule)],
        ),
        ("unknown profile", Box::new(|v| v["profile"] = json!("durham")), vec![("/profile", InvalidValue)]),
        (
            "the profile's indicators",
            Box::new(|v| {
                let list = v["indicators"].as_array_mut().unwrap();
                list.retain(|i| i["id"] != "debt_bondage");
                for rule in v["rules"].as_array_mut().unwrap() {
                    for c in rule["clauses"].as_array_mut().unwrap() {
                        let when = c["when"].to_string().replace("\"debt_bondage\",", "");
                        c["when"] = serde_json::from_str(&when).unwrap();
                    }
                }
            }),
            vec![("/indicators", RequiredRule)],
        ),
        // A contract id one letter off reads as a misspelling, not as the ruleset's own
        // action; the contract action it replaced then has no words.
        (
            "misspelt contract action",
            Box::new(|v| v["actions"][0]["id"] = json!("call_998")),
            vec![("/actions", UnknownReference), ("/actions/0/id", InvalidValue)],
        ),
        (
            "indicator in a section with no heading",
            Box::new(|v| v["indicators"][7]["section"] = json!("mising")),
            // Two more indicators are in `missing`, so its heading is still used.
            vec![("/indicators/7/section", UnknownReference)],
        ),
        (
            "heading for a section no indicator is in",
            Box::new(|v| {
                v["sections"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id": "school", "title": "School", "source": "s", "provenance": "reconstructed"}))
            }),
            vec![("/sections/8/id", UnknownReference)],
        ),
        ("action id that is not an id", Box::new(|v| v["actions"][0]["id"] = json!("Call 999!")), vec![("/actions/0/id", InvalidValue)]),
        (
            "declared action without an urgency",
            Box::new(|v| {
                let mut own = v["actions"][0].clone();
                own["id"] = json!("refer_to_exploitation_panel");
                v["actions"].as_array_mut().unwrap().push(own);
            }),
            vec![("/actions/18/urgency", MissingField)],
        ),
        (
            "rule adding an action nobody declared",
            Box::new(|v| v["rules"][0]["clauses"][0]["then"]["actions"][0]["id"] = json!("refer_to_exploitation_panel")),
            vec![("/rules/0/clauses/0/then/actions/0/id", UnknownReference)],
        ),
        (
            "more declared actions than a decision holds",
            Box::new(|v| {
                for n in 0..15 {
                    let mut own = v["actions"][0].clone();
                    own["id"] = json!(format!("own_route_{n}"));
                    own["urgency"] = json!("routine");
                    v["actions"].as_array_mut().unwrap().push(own);
                }
            }),
            vec![("/actions/32/id", TooLarge)],
        ),
        ("not JSON", Box::new(|v| *v = json!("{")), vec![("", InvalidType)]),
        (
            "victim-blaming action text",
            Box::new(|v| v["actions"][2]["text"] = json!("Talk to your lead: the child keeps putting herself at risk.")),
            vec![("/actions/2/text", Language)],
        ),
    ];
    check(cases);
}

#[test]
fn every_problem_is_reported_at_once() {
    let got = broken(|v| {
        v["bands"][2]["min"] = json!(5);
        v["indicators"][4]["weight"] = json!(-2);
        v["local_authorities"][0]["front_door"] = json!("nowhere");
    });
    assert_eq!(got.len(), 3, "{got:?}");
}

#[test]
fn syntax_errors_say_where() {
    let e = Ruleset::from_json("{\n  \"id\": \"x\",\n  oops\n}").unwrap_err();
    assert_eq!(e.errors[0].code, ErrorCode::InvalidJson);
    assert!(e.errors[0].message.contains("line 3"), "{}", e.errors[0].message);
}

#[test]
fn ruleset_limits_each_have_their_own_error() {
    // Over 4 MiB: refused before parsing.
    let huge = format!("{{\"id\": \"{}\"}}", "x".repeat(hoth::ruleset::MAX_RULESET_BYTES));
    assert_eq!(Ruleset::from_json(&huge).unwrap_err().errors[0].code, ErrorCode::TooLarge);
    // More indicators than the engine's bit sets hold.
    let got = broken(|v| {
        let first = v["indicators"][0].clone();
        let list = v["indicators"].as_array_mut().unwrap();
        for i in 0..500 {
            let mut x = first.clone();
            x["id"] = json!(format!("extra_{i}"));
            list.push(x);
        }
    });
    assert_eq!(got, vec![("/indicators".to_owned(), ErrorCode::TooLarge)]);
    // More clauses than the engine tracks.
    let got = broken(|v| {
        let extra = v["rules"][5].clone();
        let list = v["rules"].as_array_mut().unwrap();
        for i in 0..120 {
            let mut r = extra.clone();
            r["id"] = json!(format!("X{i}"));
            list.push(r);
        }
    });
    assert_eq!(got, vec![("/rules".to_owned(), ErrorCode::TooLarge)]);
    // Weights and ages out of range.
    assert_eq!(broken(|v| v["indicators"][0]["weight"] = json!(1001)), vec![("/indicators/0/weight".to_owned(), ErrorCode::OutOfRange)]);
    let deep = (0..12).fold(json!({"age_at_most": 12}), |inner, _| json!({"all": [inner]}));
    let got = broken(move |v| v["rules"][5]["clauses"][0]["when"] = deep);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1, ErrorCode::TooDeep);
}

#[test]
fn every_id_is_plain_not_only_indicator_ids() {
    let e = broken(|v| v["bands"][1]["id"] = json!("band\u{0}low"));
    assert!(e.contains(&("/bands/1/id".to_owned(), ErrorCode::InvalidValue)), "{e:?}");
    let e = broken(|v| v["front_doors"][0]["id"] = json!("door one"));
    assert!(e.iter().any(|(p, c)| p == "/front_doors/0/id" && *c == ErrorCode::InvalidValue), "{e:?}");
    let e = broken(|v| v["rules"][0]["id"] = json!(""));
    assert!(e.iter().any(|(p, c)| p == "/rules/0/id" && *c == ErrorCode::InvalidValue), "{e:?}");
}

#[test]
fn a_broken_safety_floor_is_said_in_plain_words() {
    let mut v = tees_value();
    v["rules"][0]["clauses"][0]["then"]["actions"] = json!([]);
    let e = Ruleset::from_json(&v.to_string()).unwrap_err();
    assert_eq!(e.errors.len(), 1, "{}", e.summary());
    let m = &e.errors[0].message;
    assert!(m.contains("contract R1") && m.contains("immediate danger") && m.contains("call_999"), "{m}");
    // A rule that lowers the response when a safety answer rises is caught too: 999 only
    // while the danger is not known.
    let mut v = tees_value();
    v["rules"][0]["clauses"][0]["when"] = json!({"not_known": "immediate_danger"});
    v["rules"][0]["clauses"][0]["then"] = json!({"actions": [{"id": "call_999", "urgency": "immediate"}]});
    let e = Ruleset::from_json(&v.to_string()).unwrap_err();
    assert!(e.errors.iter().any(|e| e.message.contains("contract R1")), "{}", e.summary());
    assert!(e.errors.iter().any(|e| e.message.contains("never lowers")), "{}", e.summary());
}
