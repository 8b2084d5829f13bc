//! The condition forms a tool needs (issue 17): each holds exactly when its documented
//! example says, names the answers behind it in `because`, and each form the validator
//! cannot prove monotone is refused at its pointer.

use hoth::{ErrorCode, Ruleset};
use serde_json::{Value, json};

fn tees_value() -> Value {
    serde_json::from_str(hoth::ruleset::TEES_RULESET_JSON).unwrap()
}

/// The Tees ruleset with one more rule, `X`, holding `when`.
fn with_rule(when: Value) -> Result<Ruleset, Vec<(String, ErrorCode)>> {
    let mut v = tees_value();
    v["rules"].as_array_mut().unwrap().push(json!({
        "id": "X", "title": "A test rule", "source": "test", "provenance": "reconstructed",
        "clauses": [{"when": when, "then": {"concern_at_least": "low"}}]
    }));
    // The Tees rules do not read education, so it has no question title there yet.
    v["questions"].as_array_mut().unwrap().push(json!({
        "field": "/child/education", "title": "Where is the child in education?", "source": "test", "provenance": "reconstructed"
    }));
    Ruleset::from_json(&v.to_string()).map_err(|e| e.errors.into_iter().map(|e| (e.pointer, e.code)).collect())
}

/// A complete request for a 15-year-old with these indicators `yes` (every other `no`) and
/// these child fields.
fn request(r: &Ruleset, yes: &[&str], child: Value) -> Value {
    let indicators: serde_json::Map<String, Value> =
        r.file().indicators.iter().map(|i| (i.id.clone(), json!(if yes.contains(&i.id.as_str()) { "yes" } else { "no" }))).collect();
    let mut c = json!({"age_years": 15, "learning_disability": "no", "looked_after": "no", "care_leaver": "no", "send": "no",
                       "open_case": "no", "education": "in_school"});
    for (k, v) in child.as_object().unwrap() {
        c[k] = v.clone();
    }
    json!({"local_authority": "hartlepool", "child": c, "immediate_danger": "no", "crime_suspected": "no", "disclosure": "no",
           "indicators": indicators, "history": {"missing_episodes_last_90_days": 0, "re_referral_within_12_months": "no"}})
}

/// The reason for rule X, if it held.
fn x_reason(r: &Ruleset, req: &Value) -> Option<Value> {
    let o = hoth::screen_json(r, req.to_string().as_bytes()).unwrap_or_else(|e| panic!("{}", e.summary()));
    let o = serde_json::to_value(o).unwrap();
    o["reasons"].as_array().unwrap().iter().find(|x| x["rule"] == "X").cloned()
}

#[test]
fn each_form_holds_as_documented() {
    // (condition, indicators yes, child fields, holds?, because pointers when it holds)
    type Case = (Value, Vec<&'static str>, Value, bool, Vec<&'static str>);
    let cases: Vec<Case> = vec![
        (
            json!({"indicator": {"ids": ["sharing_sexual_images"], "at_least": "yes"}}),
            vec!["sharing_sexual_images"],
            json!({}),
            true,
            vec!["/indicators/sharing_sexual_images"],
        ),
        (json!({"indicator": {"ids": ["sharing_sexual_images"], "at_least": "yes"}}), vec!["missing_overnight"], json!({}), false, vec![]),
        (
            json!({"count_yes": {"at_least": 2, "category": "harm", "min_weight": 2}}),
            vec!["missing_episode", "carrying_weapon"],
            json!({}),
            true,
            vec!["/indicators/missing_episode", "/indicators/carrying_weapon"],
        ),
        (
            json!({"count_yes": {"at_least": 2, "category": "harm", "min_weight": 2}}),
            vec!["missing_episode", "change_in_presentation"],
            json!({}),
            false,
            vec![],
        ),
        (
            json!({"count_yes": {"at_least": 2, "section": "missing"}}),
            vec!["missing_overnight", "missing_episode"],
            json!({}),
            true,
            vec!["/indicators/missing_overnight", "/indicators/missing_episode"],
        ),
        (json!({"count_yes": {"at_least": 1, "harm_type": "radicalisation"}}), vec!["carrying_weapon"], json!({}), false, vec![]),
        (
            json!({"section_score": {"section": "missing", "at_least": 5}}),
            vec!["missing_overnight", "missing_episode"],
            json!({}),
            true,
            vec!["/indicators/missing_overnight", "/indicators/missing_episode"],
        ),
        (
            json!({"section_score": {"section": "missing", "at_least": 6}}),
            vec!["missing_overnight", "missing_episode"],
            json!({}),
            false,
            vec![],
        ),
        (
            json!({"score_at_least": 4}),
            vec!["carrying_weapon", "low_self_esteem"],
            json!({}),
            true,
            vec!["/indicators/low_self_esteem", "/indicators/carrying_weapon"],
        ),
        (json!({"score_at_least": 5}), vec!["carrying_weapon", "low_self_esteem"], json!({}), false, vec![]),
        (
            json!({"harm_type": "radicalisation"}),
            vec!["radicalisation_concern"],
            json!({}),
            true,
            vec!["/indicators/radicalisation_concern"],
        ),
        (json!({"harm_type": "radicalisation"}), vec!["carrying_weapon"], json!({}), false, vec![]),
        (
            json!({"education_in": ["excluded", "not_in_education"]}),
            vec![],
            json!({"education": "excluded"}),
            true,
            vec!["/child/education"],
        ),
        (json!({"education_in": ["excluded", "not_in_education"]}), vec![], json!({}), false, vec![]),
        // A setting listed twice is still listed: the set is a union, never a toggle.
        (json!({"education_in": ["excluded", "excluded"]}), vec![], json!({"education": "excluded"}), true, vec!["/child/education"]),
        (json!({"child_context": {"at_least": "yes"}}), vec![], json!({"send": "yes"}), true, vec!["/child/send"]),
        (json!({"child_context": {"fields": ["looked_after"], "at_least": "yes"}}), vec![], json!({"send": "yes"}), false, vec![]),
        (
            json!({"any_indicator_yes": {"section": "online", "harm_type": "online_harm"}}),
            vec!["secretive_online_activity"],
            json!({}),
            true,
            vec!["/indicators/secretive_online_activity"],
        ),
    ];
    let mut problems = Vec::new();
    for (when, yes, child, holds, because) in cases {
        let r = with_rule(when.clone()).unwrap_or_else(|e| panic!("{when}: {e:?}"));
        let got = x_reason(&r, &request(&r, &yes, child.clone()));
        if got.is_some() != holds {
            problems.push(format!("{when} with {yes:?} {child}: expected holds = {holds}"));
        }
        if let Some(reason) = got
            && reason["because"] != json!(because)
        {
            problems.push(format!("{when}: because {} != {because:?}", reason["because"]));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_indicator_at_least_not_known_holds_while_unanswered_and_reads_as_a_gap() {
    let r = with_rule(json!({"indicator": {"ids": ["sharing_sexual_images"], "at_least": "not_known"}})).unwrap();
    let mut req = request(&r, &[], json!({}));
    assert!(x_reason(&r, &req).is_none(), "answered no: does not hold");
    req["indicators"].as_object_mut().unwrap().remove("sharing_sexual_images");
    assert_eq!(x_reason(&r, &req).unwrap()["because"], json!(["/indicators/sharing_sexual_images"]));
}

/// "At least no" asks nothing of the answer: every answer is at least `no`, so it holds for
/// a child whose answer is `no`, `not_known` or `yes`.
#[test]
fn an_indicator_at_least_no_always_holds() {
    let r = with_rule(json!({"indicator": {"ids": ["sharing_sexual_images"], "at_least": "no"}})).unwrap();
    let mut req = request(&r, &[], json!({}));
    assert!(x_reason(&r, &req).is_some(), "answered no: holds");
    req["indicators"]["sharing_sexual_images"] = json!("yes");
    assert!(x_reason(&r, &req).is_some(), "answered yes: holds");
}

#[test]
fn education_read_by_a_rule_is_a_gap_when_not_known() {
    let r = with_rule(json!({"education_in": ["excluded"]})).unwrap();
    let mut req = request(&r, &[], json!({}));
    req["child"].as_object_mut().unwrap().remove("education");
    let o = serde_json::to_value(hoth::screen_json(&r, req.to_string().as_bytes()).unwrap()).unwrap();
    assert_eq!(o["other_gaps"], json!(["/child/education"]));
    // The Tees ruleset reads no education, so it is never a gap there.
    let o = serde_json::to_value(hoth::screen_json(Ruleset::tees(), req.to_string().as_bytes()).unwrap()).unwrap();
    assert_eq!(o["other_gaps"], json!([]));
}

#[test]
fn forms_that_cannot_be_proved_monotone_or_name_nothing_are_refused_at_their_pointer() {
    use ErrorCode::*;
    let at = "/rules/20/clauses/0/when";
    let cases: Vec<(Value, String, ErrorCode)> = vec![
        (json!({"not": {"always": true}}), format!("{at}/not"), LoweringEffect),
        (json!({"score_at_most": 3}), format!("{at}/score_at_most"), LoweringEffect),
        (json!({"all": [{"count_yes_at_most": {"at_least": 1}}]}), format!("{at}/all/0/count_yes_at_most"), LoweringEffect),
        (json!({"count_yes": {"at_least": 0}}), format!("{at}/count_yes/at_least"), OutOfRange),
        (json!({"count_yes": {"at_least": 1, "min_weight": -1}}), format!("{at}/count_yes/min_weight"), NegativeWeight),
        (json!({"count_yes": {"at_least": 1, "section": "helth"}}), format!("{at}/count_yes/section"), UnknownReference),
        (json!({"section_score": {"section": "nowhere", "at_least": 1}}), format!("{at}/section_score/section"), UnknownReference),
        (json!({"indicator": {"ids": ["missing_overnite"], "at_least": "yes"}}), format!("{at}/indicator/ids/0"), UnknownReference),
        (json!({"indicator": {"ids": [], "at_least": "yes"}}), format!("{at}/indicator/ids"), InvalidRuleset),
        (json!({"education_in": []}), format!("{at}/education_in"), InvalidRuleset),
        (json!({"child_context": {"fields": ["disclosure"], "at_least": "yes"}}), format!("{at}/child_context/fields/0"), InvalidValue),
        (json!({"score_at_least": -1}), format!("{at}/score_at_least"), OutOfRange),
    ];
    let mut problems = Vec::new();
    for (when, pointer, code) in cases {
        let got = with_rule(when.clone()).err().unwrap_or_default();
        if got != vec![(pointer.clone(), code)] {
            problems.push(format!("{when}: expected [({pointer}, {code:?})], got {got:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
