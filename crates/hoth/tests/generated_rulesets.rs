//! Properties over **generated rulesets**, not only the Tees one (issue 17): take a shipped
//! ruleset (Tees or an encoded public tool), give it random weights and extra rules built
//! from random trees of every condition form and raise-only effects, then for random
//! requests check that raising one answer never lowers the concern, the threshold or the
//! response urgency, and that the safety floor holds.

use hoth::Ruleset;
use proptest::prelude::*;
use serde_json::{Value, json};

fn bases() -> Vec<Value> {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut v = vec![serde_json::from_str(hoth::ruleset::TEES_RULESET_JSON).unwrap()];
    let mut files: Vec<_> = std::fs::read_dir(root.join("seeds/rulesets")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        v.push(serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap());
    }
    v
}

const ANSWERS: [&str; 3] = ["no", "not_known", "yes"];
const CONCERNS: [&str; 4] = ["no_current_indicators", "low", "moderate", "significant"];
const FIELDS: [&str; 9] = [
    "immediate_danger",
    "crime_suspected",
    "disclosure",
    "learning_disability",
    "looked_after",
    "care_leaver",
    "send",
    "open_case",
    "re_referral_within_12_months",
];
const CONTEXT: [&str; 5] = ["learning_disability", "looked_after", "care_leaver", "send", "open_case"];
const EDUCATION: [&str; 7] = [
    "in_school",
    "alternative_provision",
    "elective_home_education",
    "not_in_education",
    "excluded",
    "post_16_education_or_work",
    "not_known",
];
const HARM: [&str; 9] = [
    "child_sexual_exploitation",
    "child_criminal_exploitation",
    "modern_slavery_and_trafficking",
    "serious_youth_violence",
    "online_harm",
    "peer_on_peer_abuse",
    "teenage_relationship_abuse",
    "radicalisation",
    "missing",
];
/// Actions an extra rule may add: none of them is for children only or adults only, so the
/// Tees profile's R10 probes still hold.
/// Actions the generated rules add: the contract's, and one every generated ruleset declares
/// as its own ([`OWN_ACTION`]), which a rule may add without an urgency (its declared one).
const EXTRA_ACTIONS: [&str; 5] =
    ["hoth_multi_agency_meeting", "police_information_sharing_form", "consult_safeguarding_lead", "consider_prevent_referral", OWN_ACTION];
const OWN_ACTION: &str = "refer_to_generated_panel";
const URGENCIES: [&str; 4] = ["routine", "within_1_working_day", "same_day", "immediate"];

/// A condition over a catalogue of `n` indicators in these sections: every "at least" form.
fn condition(n: usize, sections: Vec<String>) -> impl Strategy<Value = Value> {
    let s1 = sections.clone();
    let s2 = sections.clone();
    let s3 = sections;
    let leaf = prop_oneof![
        (proptest::collection::btree_set(0..n, 1..3), 0..3usize)
            .prop_map(|(ids, a)| json!({"indicator": {"ids": ids.into_iter().collect::<Vec<_>>(), "at_least": ANSWERS[a]}})),
        (1u32..4, proptest::option::of(proptest::sample::select(s1)), proptest::option::of(0i64..4)).prop_map(|(k, s, w)| {
            let mut c = json!({"at_least": k});
            if let Some(s) = s {
                c["section"] = json!(s);
            }
            if let Some(w) = w {
                c["min_weight"] = json!(w);
            }
            json!({"count_yes": c})
        }),
        (proptest::sample::select(s2), 1u32..9).prop_map(|(s, k)| json!({"section_score": {"section": s, "at_least": k}})),
        (1u32..12).prop_map(|k| json!({"score_at_least": k})),
        proptest::sample::select(&HARM[..]).prop_map(|h| json!({"harm_type": h})),
        proptest::collection::btree_set(0..7usize, 1..3)
            .prop_map(|s| json!({"education_in": s.into_iter().map(|i| EDUCATION[i]).collect::<Vec<_>>()})),
        (proptest::collection::btree_set(0..5usize, 0..3), 0..3usize).prop_map(|(f, a)| {
            let fields: Vec<&str> = f.into_iter().map(|i| CONTEXT[i]).collect();
            if fields.is_empty() {
                json!({"child_context": {"at_least": ANSWERS[a]}})
            } else {
                json!({"child_context": {"fields": fields, "at_least": ANSWERS[a]}})
            }
        }),
        proptest::option::of(proptest::sample::select(s3)).prop_map(|s| match s {
            Some(s) => json!({"any_indicator_yes": {"section": s}}),
            None => json!({"any_indicator_yes": {"category": "harm"}}),
        }),
        (0..9usize, 0..3usize).prop_map(|(f, a)| json!({"answer": {"field": FIELDS[f], "at_least": ANSWERS[a]}})),
        (0u8..=25).prop_map(|a| json!({"age_at_most": a})),
        (0u8..=25).prop_map(|a| json!({"age_at_least": a})),
        (1u32..4).prop_map(|k| json!({"missing_episodes_at_least": k})),
        (0..4usize).prop_map(|c| json!({"concern_at_least": CONCERNS[c]})),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..3).prop_map(|v| json!({"all": v})),
            proptest::collection::vec(inner, 1..3).prop_map(|v| json!({"any": v})),
        ]
    })
}

fn effect() -> impl Strategy<Value = Value> {
    (
        proptest::option::of(0..4usize),
        proptest::option::of(1i64..3),
        proptest::option::of(1u8..=4),
        proptest::collection::vec((0..EXTRA_ACTIONS.len(), 0..=URGENCIES.len()), 0..2),
    )
        .prop_map(|(c, steps, t, actions)| {
            let mut e = json!({});
            if let Some(c) = c {
                e["concern_at_least"] = json!(CONCERNS[c]);
            }
            if let Some(s) = steps {
                e["raise_concern_steps"] = json!(s);
            }
            if let Some(t) = t {
                e["threshold_at_least"] = json!(t);
            }
            let mut seen = Vec::new();
            let list: Vec<Value> = actions
                .into_iter()
                .filter(|(a, _)| {
                    if seen.contains(a) {
                        false
                    } else {
                        seen.push(*a);
                        true
                    }
                })
                .map(|(a, u)| match URGENCIES.get(u) {
                    Some(u) => json!({"id": EXTRA_ACTIONS[a], "urgency": u}),
                    // No urgency: only the declared action has one of its own to fall back on.
                    None if EXTRA_ACTIONS[a] == OWN_ACTION => json!({"id": OWN_ACTION}),
                    None => json!({"id": EXTRA_ACTIONS[a], "urgency": URGENCIES[0]}),
                })
                .collect();
            if !list.is_empty() {
                e["actions"] = json!(list);
            }
            e
        })
}

/// A generated ruleset's JSON: a base with random weights and 1–4 extra rules at the front.
fn ruleset() -> impl Strategy<Value = Value> {
    (0..bases().len()).prop_flat_map(|b| {
        let base = bases().swap_remove(b);
        let n = base["indicators"].as_array().unwrap().len();
        let mut sections: Vec<String> = base["indicators"].as_array().unwrap().iter().map(|i| i["section"].as_str().unwrap().to_owned()).collect();
        sections.dedup();
        (
            Just(base),
            proptest::collection::vec(0i64..4, n),
            proptest::collection::vec(proptest::collection::vec((condition(n, sections.clone()), effect()), 1..3), 1..4),
        )
            .prop_map(|(mut base, weights, rules)| {
                let ids: Vec<String> = base["indicators"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_owned()).collect();
                for (i, w) in weights.into_iter().enumerate() {
                    base["indicators"][i]["weight"] = json!(w);
                }
                // Ids stand in for the indicator indices the generator drew.
                let fix = |c: &mut Value| fix_ids(c, &ids);
                let extra: Vec<Value> = rules
                    .into_iter()
                    .enumerate()
                    .map(|(k, clauses)| {
                        let clauses: Vec<Value> = clauses
                            .into_iter()
                            .map(|(mut when, then)| {
                                fix(&mut when);
                                json!({"when": when, "then": then})
                            })
                            .collect();
                        json!({"id": format!("G{k}"), "title": "A generated rule", "clauses": clauses, "source": "generated", "provenance": "reconstructed"})
                    })
                    .collect();
                let rules = base["rules"].as_array_mut().unwrap();
                for (k, r) in extra.into_iter().enumerate() {
                    rules.insert(k, r);
                }
                base["actions"].as_array_mut().unwrap().push(json!({
                    "id": OWN_ACTION, "title": "Refer to the generated panel", "urgency": "within_1_working_day",
                    "text": "Refer the child to the panel, and tell {lead}.", "source": "generated", "provenance": "reconstructed"
                }));
                base["questions"].as_array_mut().unwrap().push(json!({
                    "field": "/child/education", "title": "Where is the child in education?", "source": "generated", "provenance": "reconstructed"
                }));
                base
            })
    })
}

fn fix_ids(c: &mut Value, ids: &[String]) {
    match c {
        Value::Object(m) => {
            if let Some(Value::Object(x)) = m.get_mut("indicator")
                && let Some(Value::Array(list)) = x.get_mut("ids")
            {
                for v in list.iter_mut() {
                    if let Some(i) = v.as_u64() {
                        *v = json!(ids[i as usize]);
                    }
                }
            }
            for v in m.values_mut() {
                fix_ids(v, ids);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|v| fix_ids(v, ids)),
        _ => {}
    }
}

/// A random request over a catalogue of `n` ids: (answers per indicator, fields, age, missing, education).
type Draw = (Vec<Option<usize>>, Vec<usize>, u8, Option<u32>, usize, usize);

fn draw(n: usize) -> impl Strategy<Value = Draw> {
    (
        proptest::collection::vec(proptest::option::of(0..3usize), n),
        proptest::collection::vec(0..3usize, FIELDS.len()),
        0u8..=25,
        proptest::option::of(0u32..5),
        0..7usize,
        0..4usize,
    )
}

fn request(ids: &[String], d: &Draw) -> Value {
    let (answers, fields, age, missing, education, la) = d;
    let indicators: serde_json::Map<String, Value> =
        ids.iter().zip(answers).filter_map(|(id, a)| a.map(|a| (id.clone(), json!(ANSWERS[a])))).collect();
    const AREAS: [&str; 4] = ["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland"];
    let f = |name: &str| json!(ANSWERS[fields[FIELDS.iter().position(|x| *x == name).unwrap()]]);
    json!({
        "local_authority": AREAS[*la],
        "child": {"age_years": age, "learning_disability": f("learning_disability"), "looked_after": f("looked_after"),
                  "care_leaver": f("care_leaver"), "send": f("send"), "open_case": f("open_case"), "education": EDUCATION[*education]},
        "immediate_danger": f("immediate_danger"), "crime_suspected": f("crime_suspected"), "disclosure": f("disclosure"),
        "indicators": indicators,
        "history": {"missing_episodes_last_90_days": missing, "re_referral_within_12_months": f("re_referral_within_12_months")},
    })
}

/// Every upward move of one answer from this draw: each indicator, each answer field, and
/// one more missing episode.
fn raised(d: &Draw) -> Vec<Draw> {
    let mut out = Vec::new();
    for i in 0..d.0.len() {
        // Absent is not known, so no → not known → yes.
        let now = d.0[i].unwrap_or(1);
        for up in now + 1..3 {
            let mut x = d.clone();
            x.0[i] = Some(up);
            out.push(x);
        }
    }
    for f in 0..FIELDS.len() {
        for up in d.1[f] + 1..3 {
            let mut x = d.clone();
            x.1[f] = up;
            out.push(x);
        }
    }
    if let Some(m) = d.3 {
        let mut x = d.clone();
        x.3 = Some(m + 1);
        out.push(x);
    }
    out
}

/// (concern rank, threshold level, response urgency rank) of an outcome.
fn levels(o: &Value) -> (usize, i64, usize) {
    let concern = CONCERNS.iter().position(|c| o["hoth_concern"] == *c).unwrap();
    let threshold = o["threshold"].get("level").and_then(Value::as_i64).unwrap_or(0);
    let urgency = o["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["id"] != "complete_screening")
        .map(|a| URGENCIES.iter().position(|u| a["urgency"] == *u).unwrap() + 1)
        .max()
        .unwrap_or(0);
    (concern, threshold, urgency)
}

fn screen(r: &Ruleset, req: &Value) -> Value {
    serde_json::to_value(hoth::screen_json(r, req.to_string().as_bytes()).unwrap_or_else(|e| panic!("{req}: {}", e.summary()))).unwrap()
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn raising_an_answer_never_lowers_anything_in_a_generated_ruleset(
        (file, draws) in ruleset().prop_flat_map(|f| {
            let n = f["indicators"].as_array().unwrap().len();
            (Just(f), proptest::collection::vec(draw(n), 1..4))
        })
    ) {
        let r = match Ruleset::from_json(&file.to_string()) {
            Ok(r) => r,
            // Raise-only rules added to a ruleset that holds the floor still hold it: a refusal
            // here is a validator bug, and says which probe it was.
            Err(e) => return Err(TestCaseError::fail(format!("a generated ruleset was refused:\n{}", e.summary()))),
        };
        let ids: Vec<String> = r.file().indicators.iter().map(|i| i.id.clone()).collect();
        for d in &draws {
            let before = screen(&r, &request(&ids, d));
            let low = levels(&before);
            // The safety floor, on this request.
            let answer = |name: &str| ANSWERS[d.1[FIELDS.iter().position(|x| *x == name).unwrap()]];
            let has = |id: &str, at_least: usize| before["actions"].as_array().unwrap().iter()
                .any(|a| a["id"] == id && URGENCIES.iter().position(|u| a["urgency"] == *u).unwrap() >= at_least);
            if answer("immediate_danger") == "yes" {
                prop_assert!(has("call_999", 3) && before["hoth_concern"] == "significant", "R1: {}", before["actions"]);
            } else if answer("crime_suspected") == "yes" {
                prop_assert!(has("call_101", 2), "R2: {}", before["actions"]);
            }
            if answer("disclosure") == "yes" {
                prop_assert_eq!(&before["hoth_concern"], "significant");
            }
            if before["complete"] == false {
                prop_assert!(has("complete_screening", 0));
            }
            if answer("immediate_danger") == "not_known" {
                prop_assert!(has("answer_safety_questions", 3));
            }
            for up in raised(d) {
                let after = screen(&r, &request(&ids, &up));
                let high = levels(&after);
                prop_assert!(high.0 >= low.0 && high.1 >= low.1 && high.2 >= low.2,
                    "raising one answer lowered (concern, threshold, urgency) from {:?} to {:?}\nruleset rules: {}\nbefore: {}\nafter: {}",
                    low, high, json!(file["rules"].as_array().unwrap()[..4]), request(&ids, d), request(&ids, &up));
            }
        }
    }
}
