//! Rust interface: the hoth crate against the zen-engine crate (the Tees ruleset as
//! `tees.jdm.json`), on the same synthetic requests in one process. Agreement on concern,
//! threshold and actions with urgencies is checked on every request before timing.
//! Usage: hoth-peer-zen-rust REQUESTS.jsonl

use std::time::Instant;

use serde_json::{Value, json};
use zen_engine::model::GraphContent;
use zen_engine::{Decision, EvaluationOptions};

const ACTIONS: [&str; 18] = [
    "call_999", "call_101", "answer_safety_questions", "consult_safeguarding_lead", "refer_to_front_door", "strategy_discussion",
    "hoth_multi_agency_meeting", "early_help_assessment", "universal_services", "police_information_sharing_form", "return_home_interview",
    "inform_allocated_social_worker", "transitions_planning", "refer_adult_social_care", "inform_personal_adviser", "consider_nrm_referral",
    "consider_prevent_referral", "complete_screening",
];

fn flatten(r: &Value) -> Value {
    let answer = |field: &str| r["child"].get(field).cloned().unwrap_or(json!("not_known"));
    json!({"age": r["child"]["age_years"], "ld": answer("learning_disability"), "looked_after": answer("looked_after"),
           "care_leaver": answer("care_leaver"), "open_case": answer("open_case"),
           "danger": r["immediate_danger"], "crime": r["crime_suspected"], "disclosure": r["disclosure"],
           "indicators": r.get("indicators").cloned().unwrap_or(json!({})),
           "missing": r.pointer("/history/missing_episodes_last_90_days").cloned().unwrap_or(Value::Null),
           "rerefer": r.pointer("/history/re_referral_within_12_months").cloned().unwrap_or(json!("not_known")),
           "descriptors": r.get("threshold_descriptors").cloned().unwrap_or(json!([])),
           "jdir": r.pointer("/professional_judgement/direction").cloned().unwrap_or(json!(""))})
}

fn view_hoth(o: &Value) -> (i64, Option<i64>, Vec<(String, i64)>) {
    let level = ["no_current_indicators", "low", "moderate", "significant"].iter().position(|c| o["hoth_concern"] == *c).unwrap() as i64;
    let urg = |u: &Value| ["routine", "within_1_working_day", "same_day", "immediate"].iter().position(|x| u == *x).unwrap() as i64;
    let mut actions: Vec<(String, i64)> = o["actions"].as_array().unwrap().iter().map(|a| (a["id"].as_str().unwrap().to_owned(), urg(&a["urgency"]))).collect();
    actions.sort();
    (level, o["threshold"]["level"].as_i64(), actions)
}

fn view_zen(r: &Value) -> (i64, Option<i64>, Vec<(String, i64)>) {
    let num = |v: &Value| v.as_f64().map(|f| f as i64);
    let mut actions: Vec<(String, i64)> =
        ACTIONS.iter().filter_map(|a| num(&r[format!("u_{a}")]).filter(|u| *u >= 0).map(|u| ((*a).to_owned(), u))).collect();
    actions.sort();
    (num(&r["concern"]).unwrap(), num(&r["threshold"]), actions)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: hoth-peer-zen-rust REQUESTS.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let requests: Vec<Value> = lines.iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    let flat: Vec<Value> = requests.iter().map(flatten).collect();
    let jdm: GraphContent = serde_json::from_str(include_str!("../../tees.jdm.json")).unwrap();
    let mut decision = Decision::from(jdm);
    decision.compile();
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let ruleset = hoth::Ruleset::tees();

    let mut agree = 0;
    for (line, f) in lines.iter().zip(&flat) {
        let want = view_hoth(&serde_json::to_value(hoth::screen_json(ruleset, line.as_bytes()).unwrap()).unwrap());
        let got = rt.block_on(decision.evaluate(f.clone().into())).unwrap().result.to_value();
        if view_zen(&got) == want {
            agree += 1;
        }
    }
    println!("agreement: ZEN crate {agree}/{}", lines.len());
    if agree != lines.len() {
        std::process::exit(1);
    }
    let n = lines.len() as f64;
    let mut rows: Vec<(&str, f64)> = Vec::new();
    let mut out = Vec::with_capacity(4096);
    let t = Instant::now();
    for line in &lines {
        out.clear();
        hoth::screen_into(ruleset, line.as_bytes(), &mut out).unwrap();
    }
    rows.push(("hoth crate: parse + evaluate + outcome JSON", n / t.elapsed().as_secs_f64()));
    let screenings: Vec<hoth::Screening> = lines.iter().map(|l| hoth::parse_request(ruleset, l.as_bytes()).unwrap()).collect();
    let t = Instant::now();
    for s in &screenings {
        std::hint::black_box(hoth::evaluate(ruleset, s));
    }
    rows.push(("hoth crate: evaluate a parsed request", n / t.elapsed().as_secs_f64()));
    let vars: Vec<zen_engine::Variable> = flat.iter().map(|f| f.clone().into()).collect();
    for (label, trace) in [("zen-engine crate: evaluate, trace off", false), ("zen-engine crate: evaluate, trace on", true)] {
        let t = Instant::now();
        for v in &vars {
            std::hint::black_box(rt.block_on(decision.evaluate_with_opts(v.clone(), EvaluationOptions { trace, max_depth: 5 })).unwrap());
        }
        rows.push((label, n / t.elapsed().as_secs_f64()));
    }
    println!("{:<46} {:>12}  hoth (end to end) is", "Rust interface", "rows/s");
    for (label, r) in &rows {
        // Only the peer's rows are a comparison; hoth's evaluate-only row is one of its stages.
        let ratio = if label.starts_with("zen") { format!("{:.1}x", rows[0].1 / r) } else if *label == rows[0].0 { "1.0x".into() } else { "-".into() };
        println!("{label:<46} {:>12.0}  {ratio}", r);
    }
}
