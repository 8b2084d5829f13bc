//! Every check of the ruleset validator (`ruleset/validate.rs`), each held by a case.
//!
//! `tests/rulesets.rs` shows the main kinds of broken ruleset; this file goes through the
//! validator check by check, so that deleting or bending any one of them fails a test
//! (`cargo mutants` on `validate.rs` found whole checks that nothing held). Each case breaks
//! the Tees ruleset in exactly one way and names the (pointer, code) pairs it must get; where
//! the validator compares with a limit, the limit is tried on both sides (the last value
//! accepted, the first refused), and where the message is what a person acts on (a "did you
//! mean", the entry it names) a distinctive part of it is checked too. A case that expects
//! acceptance gets no errors at all: the probes that run after validation must pass as well,
//! so those edits keep what the rules do (a clause that never holds, a band split in two).
//! Cases already in `tests/rulesets.rs` are not repeated here.

mod common;

use common::{Case, Edit, broken, check, each_alone, errors};
use hoth::ErrorCode;
use hoth::ruleset::validate::{MAX_CLAUSES, MAX_CONDITION_DEPTH, MAX_WEIGHT};
use serde_json::{Value, json};

/// How many indicators, and how many descriptors, the engine's bit sets hold.
const BITSET_CAPACITY: usize = 512;
/// How many actions a ruleset may declare beyond the contract's (contract: "more than 14").
const MAX_DECLARED_ACTIONS: usize = 14;
/// The Tees ruleset has 20 rules, so a rule added to it is at this pointer.
const ADDED: &str = "/rules/20/clauses/0";

/// The message of the one error `edit` gets at `pointer`.
fn message_at(edit: impl FnOnce(&mut Value), pointer: &str) -> String {
    let all = errors(edit);
    match all.iter().find(|e| e.pointer == pointer) {
        Some(e) => e.message.clone(),
        None => panic!("no error at {pointer}: {:?}", all.iter().map(|e| (&e.pointer, e.code)).collect::<Vec<_>>()),
    }
}

fn list<'a>(v: &'a mut Value, key: &str) -> &'a mut Vec<Value> {
    v[key].as_array_mut().unwrap()
}

/// Adds a rule of one clause, `when` → `then`, and returns its index.
fn add_rule(v: &mut Value, when: Value, then: Value) -> usize {
    let rules = list(v, "rules");
    let id = format!("T{}", rules.len());
    rules.push(json!({
        "id": id, "title": "A rule added by a test", "clauses": [{"when": when, "then": then}],
        "source": "a test", "provenance": "reconstructed",
    }));
    rules.len() - 1
}

/// [`add_rule`], for an edit that does not need the index.
fn add(v: &mut Value, when: Value, then: Value) {
    add_rule(v, when, then);
}

/// A condition that never holds: a clause under it changes nothing the probes see.
fn never() -> Value {
    json!({"always": false})
}

/// Adds a rule whose condition is `when` (changing nothing).
fn when(c: Value) -> Edit {
    Box::new(move |v| {
        assert_eq!(add_rule(v, c, json!({})), 20);
    })
}

/// Adds a rule with effect `then` under a condition that never holds.
fn then(e: Value) -> Edit {
    Box::new(move |v| {
        assert_eq!(add_rule(v, never(), e), 20);
    })
}

/// Declares an action of the ruleset's own, a copy of `call_101`'s entry under `id`.
fn declare(v: &mut Value, id: &str, urgency: Option<&str>) {
    let mut own = v["actions"][1].clone();
    own["id"] = json!(id);
    if let Some(u) = urgency {
        own["urgency"] = json!(u);
    }
    list(v, "actions").push(own);
}

/// Adds a copy of the first indicator (section `context`, weight 1) with another id.
fn add_indicator(v: &mut Value, id: &str) -> usize {
    let mut x = v["indicators"][0].clone();
    x["id"] = json!(id);
    let l = list(v, "indicators");
    l.push(x);
    l.len() - 1
}

/// `n` `all`s around `leaf`.
fn nest(n: usize, leaf: Value) -> Value {
    (0..n).fold(leaf, |inner, _| json!({"all": [inner]}))
}

#[test]
fn the_rulesets_own_id_version_source_and_profile() {
    use ErrorCode::*;
    check(vec![
        ("blank id", Box::new(|v| v["id"] = json!(" ")), vec![("/id", InvalidRuleset)]),
        ("blank version", Box::new(|v| v["version"] = json!("")), vec![("/version", InvalidRuleset)]),
        ("blank source", Box::new(|v| v["source"] = json!("  ")), vec![("/source", InvalidRuleset)]),
        ("the one profile", Box::new(|v| v["profile"] = json!("tees-hoth")), vec![]),
    ]);
    let m = message_at(|v| v["profile"] = json!("durham"), "/profile");
    assert!(m.contains("'durham'") && m.contains("the one profile is 'tees-hoth'"), "{m}");
}

#[test]
fn every_entry_must_say_where_it_comes_from() {
    // The descriptors' case is in tests/rulesets.rs.
    let entries = [
        "/indicators/0",
        "/sections/0",
        "/bands/0",
        "/concern_levels/0",
        "/threshold_levels/0",
        "/actions/0",
        "/front_doors/0",
        "/local_authorities/0",
        "/rules/0",
        "/cin_factors/0",
        "/questions/0",
        "/incomplete",
    ];
    let edits = entries.iter().map(|at| (format!("{at}/source"), json!(" "))).collect();
    each_alone(edits, ErrorCode::InvalidRuleset, "where this entry comes from");
}

#[test]
fn questions_each_name_a_request_field_once_with_a_title_and_ages_to_25() {
    use ErrorCode::*;
    // Question 11 asks for the judgement's direction, which no rule reads as an answer, and
    // question 3 (care leaver) applies from 16.
    check(vec![
        (
            "a field that is not a request's",
            Box::new(|v| v["questions"][11]["field"] = json!("/professional_judgement/directon")),
            vec![("/questions/11/field", UnknownReference)],
        ),
        (
            "a field listed twice",
            Box::new(|v| v["questions"][11]["field"] = json!("/child/age_years")),
            vec![("/questions/11/field", DuplicateId)],
        ),
        ("a blank title", Box::new(|v| v["questions"][0]["title"] = json!(" ")), vec![("/questions/0/title", InvalidRuleset)]),
        ("applies from 25, the oldest age", Box::new(|v| v["questions"][11]["applies_from_age"] = json!(25)), vec![]),
        ("applies from 0", Box::new(|v| v["questions"][11]["applies_from_age"] = json!(0)), vec![]),
        (
            "applies from 26, past the ages",
            Box::new(|v| v["questions"][3]["applies_from_age"] = json!(26)),
            vec![("/questions/3/applies_from_age", OutOfRange)],
        ),
        (
            "a question the rules read, left out",
            Box::new(|v| {
                list(v, "questions").retain(|q| q["field"] != "/immediate_danger");
            }),
            vec![("/questions", UnknownReference)],
        ),
        (
            "a question only a rule reads, left out",
            Box::new(|v| {
                add_rule(v, json!({"all": [never(), {"education_in": ["excluded"]}]}), json!({}));
            }),
            vec![("/questions", UnknownReference)],
        ),
        (
            "the question that rule reads, given",
            Box::new(|v| {
                add_rule(v, json!({"all": [never(), {"education_in": ["excluded"]}]}), json!({}));
                let mut q = v["questions"][0].clone();
                q["field"] = json!("/child/education");
                q["title"] = json!("What education is the child in?");
                list(v, "questions").push(q);
            }),
            vec![],
        ),
    ]);
    let m = message_at(|v| v["questions"][11]["field"] = json!("/professional_judgement/directon"), "/questions/11/field");
    assert!(m.contains("did you mean '/professional_judgement/direction'"), "{m}");
    let m = message_at(|v| v["questions"][11]["field"] = json!("/child/age_years"), "/questions/11/field");
    assert!(m.contains("'/child/age_years' is listed twice"), "{m}");
    let m = message_at(|v| list(v, "questions").retain(|q| q["field"] != "/immediate_danger"), "/questions");
    assert!(m.contains("'/immediate_danger'"), "{m}");
}

#[test]
fn the_incomplete_wording_keeps_its_placeholders() {
    use ErrorCode::*;
    check(vec![
        (
            "one unanswered without the concern",
            Box::new(|v| v["incomplete"]["one_unanswered"] = json!("1 question is not answered yet")),
            vec![("/incomplete/one_unanswered", InvalidRuleset)],
        ),
        (
            "many unanswered without the count",
            Box::new(|v| v["incomplete"]["many_unanswered"] = json!("{concern} – some questions are not answered yet")),
            vec![("/incomplete/many_unanswered", InvalidRuleset)],
        ),
        (
            "many unanswered without the concern",
            Box::new(|v| v["incomplete"]["many_unanswered"] = json!("{count} questions are not answered yet")),
            vec![("/incomplete/many_unanswered", InvalidRuleset)],
        ),
    ]);
    let m = message_at(|v| v["incomplete"]["many_unanswered"] = json!("{concern}: some"), "/incomplete/many_unanswered");
    assert!(m.contains("{count}"), "{m}");
}

#[test]
fn census_factors_are_unique_known_and_not_empty() {
    use ErrorCode::*;
    // Factor 0 (10A) has a harm type and two indicators; factor 1 (11A) a harm type only, and
    // factor 3 (13A) an indicator only: either is enough.
    check(vec![
        ("a code twice", Box::new(|v| v["cin_factors"][1]["code"] = json!("10A")), vec![("/cin_factors/1/code", DuplicateId)]),
        (
            "an indicator not in the catalogue",
            Box::new(|v| v["cin_factors"][0]["indicators"][1] = json!("missing_overnite")),
            vec![("/cin_factors/0/indicators/1", UnknownReference)],
        ),
        (
            "neither harm type nor indicator",
            Box::new(|v| v["cin_factors"][1]["harm_types"] = json!([])),
            vec![("/cin_factors/1", InvalidRuleset)],
        ),
        (
            "neither, the other way round",
            Box::new(|v| v["cin_factors"][3]["indicators"] = json!([])),
            vec![("/cin_factors/3", InvalidRuleset)],
        ),
    ]);
}

#[test]
fn every_text_the_engine_prints_is_checked_against_the_language_guide() {
    // The action text's case is in tests/rulesets.rs. Each text keeps the placeholders its
    // own check asks for.
    let blame = "She keeps putting herself at risk.";
    let texts = [
        ("/title", blame.to_owned()),
        ("/indicators/0/title", blame.to_owned()),
        ("/indicators/0/hint", blame.to_owned()),
        ("/bands/0/title", blame.to_owned()),
        ("/bands/0/reason", blame.to_owned()),
        ("/sections/0/title", blame.to_owned()),
        ("/concern_levels/0/title", blame.to_owned()),
        ("/threshold_levels/0/title", blame.to_owned()),
        ("/threshold_descriptors/0/title", blame.to_owned()),
        ("/actions/0/title", blame.to_owned()),
        ("/actions/0/young_adult_text", blame.to_owned()),
        ("/actions/3/lead_text", blame.to_owned()),
        ("/screened_by/0/lead", blame.to_owned()),
        ("/descriptor_reason/text", blame.to_owned()),
        ("/local_authorities/0/threshold_labels/1", blame.to_owned()),
        ("/rules/0/title", blame.to_owned()),
        ("/rules/0/reason", blame.to_owned()),
        ("/rules/2/clauses/0/reason", blame.to_owned()),
        ("/questions/0/title", blame.to_owned()),
        ("/incomplete/one_unanswered", format!("{{concern}}: {blame}")),
        ("/incomplete/many_unanswered", format!("{{concern}}, {{count}}: {blame}")),
        ("/out_of_hours_note/text", blame.to_owned()),
    ];
    let edits = texts.into_iter().map(|(pointer, text)| (pointer.to_owned(), json!(text))).collect();
    each_alone(edits, ErrorCode::Language, "the guide advises against");
}

#[test]
fn ids_are_unique_in_each_list() {
    use ErrorCode::*;
    // The indicators' case is in tests/rulesets.rs.
    check(vec![
        (
            "a section heading twice",
            Box::new(|v| {
                let s = v["sections"][0].clone();
                list(v, "sections").push(s);
            }),
            vec![("/sections/8/id", DuplicateId)],
        ),
        ("a band id twice", Box::new(|v| v["bands"][1]["id"] = json!("band_none")), vec![("/bands/1/id", DuplicateId)]),
        (
            "a descriptor id twice",
            Box::new(|v| v["threshold_descriptors"][1]["id"] = v["threshold_descriptors"][0]["id"].clone()),
            vec![("/threshold_descriptors/1/id", DuplicateId)],
        ),
        (
            "a front door twice",
            Box::new(|v| {
                let d = v["front_doors"][0].clone();
                list(v, "front_doors").push(d);
            }),
            vec![("/front_doors/8/id", DuplicateId)],
        ),
        ("a rule id twice", Box::new(|v| v["rules"][1]["id"] = json!("R1")), vec![("/rules/1/id", DuplicateId)]),
        ("an action twice", Box::new(|v| declare(v, "call_101", None)), vec![("/actions/18/id", DuplicateId)]),
        (
            "a local authority twice",
            Box::new(|v| v["local_authorities"][1]["id"] = json!("hartlepool")),
            // and so the one it replaced has no entry
            vec![("/local_authorities", UnknownReference), ("/local_authorities/1/id", DuplicateId)],
        ),
    ]);
    let m = message_at(|v| v["rules"][1]["id"] = json!("R1"), "/rules/1/id");
    assert!(m.contains("duplicate id 'R1' in rules"), "{m}");
}

#[test]
fn plain_ids_are_1_to_64_letters_digits_underscores_and_hyphens() {
    use ErrorCode::*;
    // Band ids are plain ids and nothing else reads them.
    let id = |id: String| -> Edit { Box::new(move |v| v["bands"][1]["id"] = json!(id)) };
    check(vec![
        ("letters of both cases, digits, _ and -", id("Band-Low_2".into()), vec![]),
        ("64 characters", id("b".repeat(64)), vec![]),
        ("65 characters", id("b".repeat(65)), vec![("/bands/1/id", InvalidValue)]),
        ("empty", id(String::new()), vec![("/bands/1/id", InvalidValue)]),
        ("a space", id("band low".into()), vec![("/bands/1/id", InvalidValue)]),
        ("a dot", id("band.low".into()), vec![("/bands/1/id", InvalidValue)]),
        ("a letter that is not ASCII", id("bänd".into()), vec![("/bands/1/id", InvalidValue)]),
    ]);
    let m = message_at(|v| v["bands"][1]["id"] = json!("band\u{1}low"), "/bands/1/id");
    assert!(m.contains(r"band\u{1}low") && m.contains("1–64 letters, digits, _ or -"), "{m}");
}

#[test]
fn indicator_and_descriptor_ids_are_1_to_64_of_a_to_z_digits_and_underscores() {
    use ErrorCode::*;
    let ind = |id: String| -> Edit {
        Box::new(move |v| {
            add_indicator(v, &id);
        })
    };
    let desc = |id: &'static str| -> Edit {
        Box::new(move |v| {
            let mut d = v["threshold_descriptors"][0].clone();
            d["id"] = json!(id);
            list(v, "threshold_descriptors").push(d);
        })
    };
    check(vec![
        ("lowercase, digits and _", ind("extra_sign_2".into()), vec![]),
        ("64 characters", ind("x".repeat(64)), vec![]),
        ("65 characters", ind("x".repeat(65)), vec![("/indicators/37/id", InvalidValue)]),
        ("empty", ind(String::new()), vec![("/indicators/37/id", InvalidValue)]),
        ("an uppercase letter", ind("Extra".into()), vec![("/indicators/37/id", InvalidValue)]),
        ("a hyphen", ind("extra-sign".into()), vec![("/indicators/37/id", InvalidValue)]),
        ("a descriptor: lowercase, digits and _", desc("cd3_extra_need"), vec![]),
        ("a descriptor: an uppercase letter", desc("CD3_extra"), vec![("/threshold_descriptors/36/id", InvalidValue)]),
        ("a descriptor: a hyphen", desc("cd3-extra"), vec![("/threshold_descriptors/36/id", InvalidValue)]),
    ]);
    // A plain id that is not a request key gets this check's own message.
    let m = message_at(
        |v| {
            add_indicator(v, "Extra");
        },
        "/indicators/37/id",
    );
    assert!(m.contains("indicator id 'Extra'") && m.contains("a–z, 0–9 and _"), "{m}");
    let m = message_at(
        |v| {
            let mut d = v["threshold_descriptors"][0].clone();
            d["id"] = json!("cd3-extra");
            list(v, "threshold_descriptors").push(d);
        },
        "/threshold_descriptors/36/id",
    );
    assert!(m.contains("descriptor id 'cd3-extra'") && m.contains("a–z, 0–9 and _"), "{m}");
}

#[test]
fn indicators_are_given_weighed_0_to_1000_and_headed() {
    use ErrorCode::*;
    let weight = |w: i64| -> Edit {
        Box::new(move |v| {
            let i = add_indicator(v, "extra_sign");
            v["indicators"][i]["weight"] = json!(w);
        })
    };
    check(vec![
        ("weight 0", weight(0), vec![]),
        ("weight -1", weight(-1), vec![("/indicators/37/weight", NegativeWeight)]),
        ("the largest weight", weight(MAX_WEIGHT), vec![]),
        ("sections may be left out", Box::new(|v| v["sections"] = json!([])), vec![]),
    ]);
    // An empty catalogue: every reference to an indicator fails too, so only this one is checked.
    let got = broken(|v| v["indicators"] = json!([]));
    assert!(got.contains(&("/indicators".to_owned(), InvalidRuleset)), "{got:?}");
    // The catalogue may fill the bit sets, and no more.
    let many = |n: usize| -> Edit {
        Box::new(move |v| {
            for i in 37..n {
                add_indicator(v, &format!("extra_{i}"));
            }
        })
    };
    check(vec![
        ("as many indicators as the bit sets hold", many(BITSET_CAPACITY), vec![]),
        ("one more", many(BITSET_CAPACITY + 1), vec![("/indicators", TooLarge)]),
    ]);
    let m = message_at(|v| v["indicators"][4]["weight"] = json!(-2), "/indicators/4/weight");
    assert!(m.contains("must be 0 or more, got -2"), "{m}");
    let m = message_at(|v| v["indicators"][7]["section"] = json!("mising"), "/indicators/7/section");
    assert!(m.contains("'mising'") && m.contains("did you mean 'missing'"), "{m}");
}

#[test]
fn bands_cover_every_score_once_and_never_lower_the_concern() {
    use ErrorCode::*;
    check(vec![
        ("no bands", Box::new(|v| v["bands"] = json!([])), vec![("/bands", BandGapOrOverlap)]),
        (
            "a band after the open-ended one",
            Box::new(|v| {
                let mut b = v["bands"][3].clone();
                b["id"] = json!("band_beyond");
                b["min"] = json!(20);
                list(v, "bands").push(b);
            }),
            vec![("/bands/4/min", BandGapOrOverlap)],
        ),
        (
            "a band that ends before it starts",
            Box::new(|v| {
                v["bands"][1]["max"] = json!(0);
                v["bands"][2]["min"] = json!(1);
            }),
            vec![("/bands/1/max", BandGapOrOverlap)],
        ),
        (
            "a band of one score, split in two with the same concern",
            Box::new(|v| {
                let mut b = v["bands"][1].clone();
                v["bands"][1]["max"] = json!(2);
                b["id"] = json!("band_low_3");
                b["min"] = json!(3);
                list(v, "bands").insert(2, b);
            }),
            vec![],
        ),
        (
            "a band lower than one before the one before it",
            Box::new(|v| {
                v["bands"][1]["concern"] = json!("significant");
                v["bands"][2]["concern"] = json!("low");
                v["bands"][3]["concern"] = json!("moderate");
            }),
            vec![("/bands/2/concern", LoweringEffect), ("/bands/3/concern", LoweringEffect)],
        ),
    ]);
    let m = message_at(|v| v["bands"][2]["min"] = json!(6), "/bands/2/min");
    assert!(m.contains("gap: scores 4–5"), "{m}");
    let m = message_at(|v| v["bands"][2]["min"] = json!(2), "/bands/2/min");
    assert!(m.contains("starts at 2 but scores up to 3 are already banded"), "{m}");
}

#[test]
fn concern_levels_are_the_four_in_order_with_rising_thresholds_1_to_4() {
    use ErrorCode::*;
    let threshold = |i: usize, t: i64| -> Edit { Box::new(move |v| v["concern_levels"][i]["threshold_level"] = json!(t)) };
    check(vec![
        ("one left out", Box::new(|v| drop(list(v, "concern_levels").pop())), vec![("/concern_levels", InvalidRuleset)]),
        (
            "one too many",
            Box::new(|v| {
                let c = v["concern_levels"][3].clone();
                list(v, "concern_levels").push(c);
            }),
            vec![("/concern_levels", InvalidRuleset)],
        ),
        (
            "two swapped",
            Box::new(|v| {
                v["concern_levels"][1]["id"] = json!("moderate");
                v["concern_levels"][2]["id"] = json!("low");
            }),
            vec![("/concern_levels/1/id", InvalidRuleset), ("/concern_levels/2/id", InvalidRuleset)],
        ),
        ("threshold 0", threshold(0, 0), vec![("/concern_levels/0/threshold_level", OutOfRange)]),
        ("threshold 5", threshold(3, 5), vec![("/concern_levels/3/threshold_level", OutOfRange)]),
        ("a lower threshold for a higher concern", threshold(2, 1), vec![("/concern_levels/2/threshold_level", LoweringEffect)]),
        ("the same threshold for a higher concern", threshold(3, 3), vec![]),
    ]);
    let m = message_at(
        |v| {
            v["concern_levels"][1]["id"] = json!("moderate");
            v["concern_levels"][2]["id"] = json!("low");
        },
        "/concern_levels/1/id",
    );
    assert!(m.contains("must be 'low', got 'moderate'"), "{m}");
}

#[test]
fn threshold_levels_are_the_four_in_order() {
    use ErrorCode::*;
    check(vec![
        ("one left out", Box::new(|v| drop(list(v, "threshold_levels").pop())), vec![("/threshold_levels", InvalidRuleset)]),
        ("the wrong level", Box::new(|v| v["threshold_levels"][1]["level"] = json!(3)), vec![("/threshold_levels/1", InvalidRuleset)]),
        (
            "the wrong name at the right level",
            Box::new(|v| v["threshold_levels"][1]["id"] = json!("child_in_need")),
            vec![("/threshold_levels/1", InvalidRuleset)],
        ),
        (
            "a fifth",
            Box::new(|v| {
                let t = v["threshold_levels"][3].clone();
                list(v, "threshold_levels").push(t);
            }),
            vec![("/threshold_levels", InvalidRuleset), ("/threshold_levels/4", InvalidRuleset)],
        ),
    ]);
    let m = message_at(|v| v["threshold_levels"][1]["level"] = json!(3), "/threshold_levels/1");
    assert!(m.contains("must be level 2 (early_help)"), "{m}");
}

#[test]
fn descriptors_are_at_levels_2_to_4_and_fit_the_bit_sets() {
    use ErrorCode::*;
    let level = |l: i64| -> Edit {
        Box::new(move |v| {
            let mut d = v["threshold_descriptors"][0].clone();
            d["id"] = json!("cd_extra");
            d["level"] = json!(l);
            list(v, "threshold_descriptors").push(d);
        })
    };
    let many = |n: usize| -> Edit {
        Box::new(move |v| {
            for i in 36..n {
                let mut d = v["threshold_descriptors"][0].clone();
                d["id"] = json!(format!("cd_extra_{i}"));
                list(v, "threshold_descriptors").push(d);
            }
        })
    };
    check(vec![
        ("level 2", level(2), vec![]),
        ("level 4", level(4), vec![]),
        ("level 5", level(5), vec![("/threshold_descriptors/36/level", OutOfRange)]),
        ("as many as the bit sets hold", many(BITSET_CAPACITY), vec![]),
        ("one more", many(BITSET_CAPACITY + 1), vec![("/threshold_descriptors", TooLarge)]),
    ]);
}

#[test]
fn actions_are_declared_once_within_the_limit_with_known_placeholders() {
    use ErrorCode::*;
    let text = |i: usize, key: &'static str, t: &'static str| -> Edit { Box::new(move |v| v["actions"][i][key] = json!(t)) };
    let declared = |n: usize| -> Edit {
        Box::new(move |v| {
            for i in 0..n {
                declare(v, &format!("own_route_{i}"), Some("routine"));
            }
        })
    };
    check(vec![
        ("as many declared actions as a decision holds", declared(MAX_DECLARED_ACTIONS), vec![]),
        ("two more than that: only the first over is reported", declared(MAX_DECLARED_ACTIONS + 2), vec![("/actions/32/id", TooLarge)]),
        // Contract: an id one or two letters from a contract id reads as a misspelling.
        ("two letters from call_999", Box::new(|v| declare(v, "cal_99", Some("routine"))), vec![("/actions/18/id", InvalidValue)]),
        ("three letters from call_999", Box::new(|v| declare(v, "ca_99", Some("routine"))), vec![]),
        (
            "a contract action with no text",
            Box::new(|v| list(v, "actions").retain(|a| a["id"] != "universal_services")),
            vec![("/actions", UnknownReference)],
        ),
        (
            "every placeholder an action text may use",
            text(4, "text", "Refer to {front_door} on {phone} ({email}); tell {lead}; ask {unanswered_safety_questions}."),
            vec![],
        ),
        (
            "an unknown placeholder after known ones",
            text(4, "text", "Call {front_door} on {phone} or {fax}."),
            vec![("/actions/4/text", InvalidRuleset)],
        ),
        (
            "an unknown placeholder in the young adult's text",
            text(0, "young_adult_text", "Call 999 {now}."),
            vec![("/actions/0/young_adult_text", InvalidRuleset)],
        ),
        (
            "a placeholder left open in the lead's text",
            text(3, "lead_text", "Record it, {lead"),
            vec![("/actions/3/lead_text", InvalidRuleset)],
        ),
        ("an empty placeholder", text(4, "text", "Refer to {}."), vec![("/actions/4/text", InvalidRuleset)]),
    ]);
    let m = message_at(|v| declare(v, "cal_99", Some("routine")), "/actions/18/id");
    assert!(m.contains("'cal_99'") && m.contains("the contract's 'call_999'"), "{m}");
    let m = message_at(|v| list(v, "actions").retain(|a| a["id"] != "universal_services"), "/actions");
    assert!(m.contains("no text for action 'universal_services'"), "{m}");
}

#[test]
fn actions_a_rule_adds_are_known_and_have_an_urgency() {
    use ErrorCode::*;
    let adds = |action: Value| then(json!({"actions": [action]}));
    check(vec![
        ("a contract action with its urgency", adds(json!({"id": "call_101", "urgency": "same_day"})), vec![]),
        (
            "a contract action, no urgency anywhere",
            adds(json!({"id": "call_101"})),
            vec![("/rules/20/clauses/0/then/actions/0/urgency", MissingField)],
        ),
        (
            "a declared action with its own urgency",
            Box::new(|v| {
                declare(v, "refer_to_exploitation_panel", Some("routine"));
                add_rule(v, never(), json!({"actions": [{"id": "refer_to_exploitation_panel"}]}));
            }),
            vec![],
        ),
        (
            "unless an action nobody declared",
            adds(json!({"id": "call_101", "urgency": "same_day", "unless": "own_route"})),
            vec![("/rules/20/clauses/0/then/actions/0/unless", UnknownReference)],
        ),
        (
            "as urgent as an action nobody declared",
            adds(json!({"id": "call_101", "urgency": "same_day", "as_urgent_as": "own_route"})),
            vec![("/rules/20/clauses/0/then/actions/0/as_urgent_as", UnknownReference)],
        ),
        (
            "unless and as urgent as actions that are known",
            adds(json!({"id": "call_101", "urgency": "same_day", "unless": "call_999", "as_urgent_as": "refer_to_front_door"})),
            vec![],
        ),
    ]);
    let m = message_at(
        |v| {
            declare(v, "refer_to_exploitation_panel", Some("routine"));
            add_rule(v, never(), json!({"actions": [{"id": "refer_to_exploitation_panl"}]}));
        },
        "/rules/20/clauses/0/then/actions/0/id",
    );
    assert!(m.contains("did you mean 'refer_to_exploitation_panel'"), "{m}");
    let m = message_at(|v| add(v, never(), json!({"actions": [{"id": "call_101"}]})), &format!("{ADDED}/then/actions/0/urgency"));
    assert!(m.contains("'call_101' has no urgency of its own"), "{m}");
}

#[test]
fn front_doors_have_phones_and_every_area_its_doors_and_labels() {
    use ErrorCode::*;
    check(vec![
        (
            "a front door with no phone",
            Box::new(|v| v["front_doors"][0]["phone"] = json!(" ")),
            vec![("/front_doors/0/phone", InvalidRuleset)],
        ),
        (
            "an adult front door nobody lists",
            Box::new(|v| v["local_authorities"][0]["adult_front_door"] = json!("nowhere")),
            vec![("/local_authorities/0/adult_front_door", UnknownReference)],
        ),
        ("an area left out", Box::new(|v| drop(list(v, "local_authorities").pop())), vec![("/local_authorities", UnknownReference)]),
        (
            "a threshold label missing",
            Box::new(|v| drop(v["local_authorities"][0]["threshold_labels"].as_object_mut().unwrap().remove("4"))),
            vec![("/local_authorities/0/threshold_labels", InvalidRuleset)],
        ),
        (
            "a fifth threshold label",
            Box::new(|v| v["local_authorities"][0]["threshold_labels"]["5"] = json!("Level 5")),
            vec![("/local_authorities/0/threshold_labels", InvalidRuleset)],
        ),
    ]);
    let m = message_at(|v| drop(list(v, "local_authorities").pop()), "/local_authorities");
    assert!(m.contains("'redcar_and_cleveland'"), "{m}");
}

#[test]
fn rules_are_given_each_with_clauses_and_128_clauses_at_most() {
    use ErrorCode::*;
    // The Tees ruleset has 37 clauses; each added rule has one that never holds.
    let clauses = |n: usize| -> Edit {
        Box::new(move |v| {
            for _ in 37..n {
                add_rule(v, never(), json!({}));
            }
        })
    };
    check(vec![
        ("no rules", Box::new(|v| v["rules"] = json!([])), vec![("/rules", RequiredRule)]),
        ("a rule with no clauses", Box::new(|v| v["rules"][5]["clauses"] = json!([])), vec![("/rules/5/clauses", InvalidRuleset)]),
        ("as many clauses as the engine tracks", clauses(MAX_CLAUSES), vec![]),
        ("one more", clauses(MAX_CLAUSES + 1), vec![("/rules", TooLarge)]),
    ]);
}

#[test]
fn conditions_name_only_indicators_and_sections_in_the_catalogue() {
    use ErrorCode::*;
    check(vec![
        (
            "any_indicator_yes: an unknown id",
            when(json!({"any_indicator_yes": {"ids": ["missing_overnight", "missing_overnite"]}})),
            vec![("/rules/20/clauses/0/when/any_indicator_yes/ids/1", UnknownReference)],
        ),
        (
            "any_indicator_yes: an unknown section",
            when(json!({"any_indicator_yes": {"section": "onlin"}})),
            vec![("/rules/20/clauses/0/when/any_indicator_yes/section", UnknownReference)],
        ),
        (
            "indicator: an unknown id",
            when(json!({"indicator": {"ids": ["nowhere_sign"], "at_least": "yes"}})),
            vec![("/rules/20/clauses/0/when/indicator/ids/0", UnknownReference)],
        ),
        (
            "count_yes: an unknown id",
            when(json!({"count_yes": {"at_least": 1, "ids": ["nowhere_sign"]}})),
            vec![("/rules/20/clauses/0/when/count_yes/ids/0", UnknownReference)],
        ),
        (
            "count_yes: an unknown section",
            when(json!({"count_yes": {"at_least": 1, "section": "nowhere"}})),
            vec![("/rules/20/clauses/0/when/count_yes/section", UnknownReference)],
        ),
        (
            "section_score: an unknown section",
            when(json!({"section_score": {"section": "nowhere", "at_least": 1}})),
            vec![("/rules/20/clauses/0/when/section_score/section", UnknownReference)],
        ),
        (
            "inside any and all",
            when(json!({"any": [never(), {"all": [{"indicator": {"ids": ["nowhere_sign"], "at_least": "yes"}}]}]})),
            vec![("/rules/20/clauses/0/when/any/1/all/0/indicator/ids/0", UnknownReference)],
        ),
        (
            "every form naming ids and sections that are there",
            when(json!({"all": [
                never(),
                {"any_indicator_yes": {"ids": ["missing_overnight"], "section": "missing"}},
                {"indicator": {"ids": ["missing_overnight"], "at_least": "yes"}},
                {"count_yes": {"at_least": 1, "ids": ["missing_overnight"], "section": "missing"}},
                {"section_score": {"section": "missing", "at_least": 1}},
            ]})),
            vec![],
        ),
    ]);
    let m = message_at(
        |v| add(v, json!({"indicator": {"ids": ["missing_overnite"], "at_least": "yes"}}), json!({})),
        &format!("{ADDED}/when/indicator/ids/0"),
    );
    assert!(m.contains("unknown indicator 'missing_overnite'") && m.contains("did you mean 'missing_overnight'"), "{m}");
    let m = message_at(
        |v| add(v, json!({"any_indicator_yes": {"section": "onlin"}}), json!({})),
        &format!("{ADDED}/when/any_indicator_yes/section"),
    );
    assert!(m.contains("'onlin'") && m.contains("did you mean 'online'"), "{m}");
}

#[test]
fn conditions_nest_at_most_8_deep() {
    let at = |n: usize| format!("{ADDED}/when{}", "/all/0".repeat(n));
    assert_eq!(MAX_CONDITION_DEPTH, 8);
    // A condition at the deepest level allowed is read, and checked.
    assert_eq!(broken(|v| add(v, nest(MAX_CONDITION_DEPTH, never()), json!({}))), vec![]);
    let unknown = json!({"indicator": {"ids": ["nowhere_sign"], "at_least": "yes"}});
    assert_eq!(
        broken(|v| add(v, nest(MAX_CONDITION_DEPTH, unknown), json!({}))),
        vec![(format!("{}/indicator/ids/0", at(MAX_CONDITION_DEPTH)), ErrorCode::UnknownReference)]
    );
    // One level deeper is refused, at the condition too deep.
    let e = errors(|v| add(v, nest(MAX_CONDITION_DEPTH + 1, never()), json!({})));
    let got: Vec<(&str, ErrorCode)> = e.iter().map(|e| (e.pointer.as_str(), e.code)).collect();
    assert_eq!(got, vec![(at(MAX_CONDITION_DEPTH + 1).as_str(), ErrorCode::TooDeep)]);
    assert!(e[0].message.contains("at most 8 deep"), "{}", e[0].message);
    // What lies below a condition too deep is not read: an unknown sign further down adds no
    // error of its own (the list of errors stays about the one thing to fix).
    let deeper = json!({"indicator": {"ids": ["nowhere_sign"], "at_least": "yes"}});
    assert_eq!(
        broken(|v| add(v, nest(MAX_CONDITION_DEPTH + 2, deeper), json!({}))),
        vec![(at(MAX_CONDITION_DEPTH + 1), ErrorCode::TooDeep)]
    );
}

#[test]
fn each_condition_form_keeps_to_its_range() {
    use ErrorCode::*;
    check(vec![
        ("all of nothing", when(json!({"all": []})), vec![("/rules/20/clauses/0/when/all", InvalidRuleset)]),
        ("any of nothing", when(json!({"any": []})), vec![("/rules/20/clauses/0/when/any", InvalidRuleset)]),
        ("age at most 25", when(json!({"all": [never(), {"age_at_most": 25}]})), vec![]),
        ("age at least 25", when(json!({"all": [never(), {"age_at_least": 25}]})), vec![]),
        // At the condition, whose one value is the age.
        ("age at most 26", when(json!({"age_at_most": 26})), vec![("/rules/20/clauses/0/when", OutOfRange)]),
        ("age at least 26", when(json!({"age_at_least": 26})), vec![("/rules/20/clauses/0/when", OutOfRange)]),
        ("any_indicator_yes: min_weight 0", when(json!({"all": [never(), {"any_indicator_yes": {"min_weight": 0}}]})), vec![]),
        (
            "any_indicator_yes: min_weight -1",
            when(json!({"any_indicator_yes": {"min_weight": -1}})),
            vec![("/rules/20/clauses/0/when/any_indicator_yes/min_weight", NegativeWeight)],
        ),
        ("descriptor level at least 2", when(json!({"all": [never(), {"descriptor_level_at_least": 2}]})), vec![]),
        ("descriptor level at least 4", when(json!({"all": [never(), {"descriptor_level_at_least": 4}]})), vec![]),
        (
            "descriptor level at least 1",
            when(json!({"descriptor_level_at_least": 1})),
            vec![("/rules/20/clauses/0/when/descriptor_level_at_least", OutOfRange)],
        ),
        (
            "descriptor level at least 5",
            when(json!({"descriptor_level_at_least": 5})),
            vec![("/rules/20/clauses/0/when/descriptor_level_at_least", OutOfRange)],
        ),
        (
            "indicator: no ids",
            when(json!({"indicator": {"ids": [], "at_least": "yes"}})),
            vec![("/rules/20/clauses/0/when/indicator/ids", InvalidRuleset)],
        ),
        ("count_yes: at least 1", when(json!({"all": [never(), {"count_yes": {"at_least": 1, "min_weight": 0}}]})), vec![]),
        (
            "count_yes: at least 0",
            when(json!({"count_yes": {"at_least": 0}})),
            vec![("/rules/20/clauses/0/when/count_yes/at_least", OutOfRange)],
        ),
        (
            "count_yes: min_weight -1",
            when(json!({"count_yes": {"at_least": 1, "min_weight": -1}})),
            vec![("/rules/20/clauses/0/when/count_yes/min_weight", NegativeWeight)],
        ),
        (
            "education in nothing",
            Box::new(|v| {
                let mut q = v["questions"][0].clone();
                q["field"] = json!("/child/education");
                list(v, "questions").push(q);
                add_rule(v, json!({"education_in": []}), json!({}));
            }),
            vec![("/rules/20/clauses/0/when/education_in", InvalidRuleset)],
        ),
        (
            "the child's five context answers",
            when(json!({"all": [never(), {"child_context": {
                "fields": ["learning_disability", "looked_after", "care_leaver", "send", "open_case"], "at_least": "yes"}}]})),
            vec![],
        ),
        (
            "a safety answer as the child's context",
            when(json!({"child_context": {"fields": ["looked_after", "immediate_danger"], "at_least": "yes"}})),
            vec![("/rules/20/clauses/0/when/child_context/fields/1", InvalidValue)],
        ),
    ]);
    let m = message_at(|v| add(v, json!({"age_at_least": 26}), json!({})), &format!("{ADDED}/when"));
    assert!(m.contains("ages run 0–25, got 26"), "{m}");
    let m = message_at(
        |v| add(v, json!({"child_context": {"fields": ["disclosure"], "at_least": "yes"}}), json!({})),
        &format!("{ADDED}/when/child_context/fields/0"),
    );
    assert!(m.contains("'disclosure' is not one of the child's context answers") && m.contains("use 'answer'"), "{m}");
}

#[test]
fn conditions_that_could_stop_holding_as_answers_rise_are_refused() {
    use ErrorCode::*;
    check(vec![
        ("not", when(json!({"not": {"always": true}})), vec![("/rules/20/clauses/0/when/not", LoweringEffect)]),
        ("score at most", when(json!({"score_at_most": 3})), vec![("/rules/20/clauses/0/when/score_at_most", LoweringEffect)]),
        ("count yes at most", when(json!({"count_yes_at_most": 1})), vec![("/rules/20/clauses/0/when/count_yes_at_most", LoweringEffect)]),
    ]);
    let m = message_at(|v| add(v, json!({"score_at_most": 3}), json!({})), &format!("{ADDED}/when/score_at_most"));
    assert!(m.contains("'score_at_most' cannot be proved monotone"), "{m}");
}

#[test]
fn effects_only_raise_within_their_ranges() {
    use ErrorCode::*;
    check(vec![
        ("threshold at most", then(json!({"threshold_at_most": 2})), vec![("/rules/20/clauses/0/then/threshold_at_most", LoweringEffect)]),
        (
            "lower concern steps",
            then(json!({"lower_concern_steps": 1})),
            vec![("/rules/20/clauses/0/then/lower_concern_steps", LoweringEffect)],
        ),
        ("raise 0 steps", then(json!({"raise_concern_steps": 0})), vec![("/rules/20/clauses/0/then/raise_concern_steps", LoweringEffect)]),
        ("raise 1 step", then(json!({"raise_concern_steps": 1})), vec![]),
        ("raise 3 steps", then(json!({"raise_concern_steps": 3})), vec![]),
        ("raise 4 steps", then(json!({"raise_concern_steps": 4})), vec![("/rules/20/clauses/0/then/raise_concern_steps", OutOfRange)]),
        ("threshold at least 0", then(json!({"threshold_at_least": 0})), vec![("/rules/20/clauses/0/then/threshold_at_least", OutOfRange)]),
        ("threshold at least 1", then(json!({"threshold_at_least": 1})), vec![]),
        ("threshold at least 4", then(json!({"threshold_at_least": 4})), vec![]),
        ("threshold at least 5", then(json!({"threshold_at_least": 5})), vec![("/rules/20/clauses/0/then/threshold_at_least", OutOfRange)]),
    ]);
    let m = message_at(|v| add(v, never(), json!({"raise_concern_steps": 4})), &format!("{ADDED}/then/raise_concern_steps"));
    assert!(m.contains("must be 1–3, got 4"), "{m}");
}

#[test]
fn a_clause_keyed_to_an_exact_level_or_a_missing_answer_only_adds_actions() {
    use ErrorCode::*;
    fn exact() -> Value {
        json!({"all": [never(), {"concern_is": "low"}]})
    }
    let changes = [
        json!({"concern_at_least": "moderate"}),
        json!({"raise_concern_steps": 1}),
        json!({"threshold_at_least": 2}),
        json!({"apply_professional_judgement": true}),
        json!({"children_threshold_not_applicable": true}),
    ];
    let mut cases: Vec<Case> = changes
        .into_iter()
        .map(|e| -> Case {
            ("concern_is with a level change", Box::new(move |v| add(v, exact(), e)), vec![("/rules/20/clauses/0/then", LoweringEffect)])
        })
        .collect();
    cases.extend([
        (
            "not_known with a level change",
            Box::new(|v: &mut Value| add(v, json!({"all": [never(), {"not_known": "disclosure"}]}), json!({"concern_at_least": "low"})))
                as Edit,
            vec![("/rules/20/clauses/0/then", LoweringEffect)],
        ),
        (
            "concern_is adding an action",
            Box::new(|v: &mut Value| add(v, exact(), json!({"actions": [{"id": "consult_safeguarding_lead", "urgency": "routine"}]}))),
            vec![],
        ),
        (
            "a level change keyed to 'at least' forms",
            Box::new(|v: &mut Value| {
                add(v, json!({"all": [never(), {"concern_at_least": "low"}]}), json!({"concern_at_least": "moderate"}))
            }),
            vec![],
        ),
    ]);
    check(cases);
}
