//! Structure-aware: requests built from the Tees vocabulary (with the odd unknown id and
//! out-of-range number). Valid ones must screen, and the fast parser must agree with the
//! typed path; invalid ones must list a problem at the pointer of each bad part.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Req {
    area: u8,
    age: u8,
    child: [u8; 4],
    education: u8,
    safety: [u8; 3],
    indicators: Vec<(u8, u8)>,
    basis: Vec<(u8, bool)>,
    missing: u16,
    rereferral: u8,
    descriptors: Vec<u8>,
    judgement: Option<(bool, bool, bool)>,
}

const ANSWERS: [&str; 4] = ["yes", "no", "not_known", "maybe"];
const AREAS: [&str; 5] = ["hartlepool", "stockton_on_tees", "middlesbrough", "redcar_and_cleveland", "durham"];

fuzz_target!(|r: Req| {
    let ruleset = hoth::Ruleset::tees();
    let file = ruleset.file();
    let ans = |b: u8| ANSWERS[usize::from(b) % 4];
    let ind_id = |b: u8| file.indicators.get(usize::from(b)).map_or("not_an_indicator", |i| i.id.as_str());
    let mut indicators = serde_json::Map::new();
    for (i, a) in &r.indicators {
        indicators.insert(ind_id(*i).to_owned(), ans(*a).into());
    }
    let mut basis = serde_json::Map::new();
    for (i, p) in &r.basis {
        basis.insert(ind_id(*i).to_owned(), (if *p { "professional_concern" } else { "evidenced" }).into());
    }
    let descriptors: Vec<&str> = r.descriptors.iter().map(|d| file.threshold_descriptors.get(usize::from(*d)).map_or("nope", |x| x.id.as_str())).collect();
    let mut req = serde_json::json!({
        "local_authority": AREAS[usize::from(r.area) % 5],
        "child": {"age_years": r.age % 32, "learning_disability": ans(r.child[0]), "looked_after": ans(r.child[1]),
                  "care_leaver": ans(r.child[2]), "send": ans(r.child[3])},
        "immediate_danger": ans(r.safety[0]), "crime_suspected": ans(r.safety[1]), "disclosure": ans(r.safety[2]),
        "indicators": indicators, "concern_basis": basis,
        "history": {"missing_episodes_last_90_days": r.missing, "re_referral_within_12_months": ans(r.rereferral)},
        "threshold_descriptors": descriptors,
    });
    if let Some((raise, reason, role)) = r.judgement {
        req["professional_judgement"] = serde_json::json!({"direction": if raise {"raise"} else {"lower"},
            "reason": if reason {"seen with older males"} else {""}, "recorded_by_role": if role {"teacher"} else {""}});
    }
    let bytes = serde_json::to_vec(&req).unwrap();
    match hoth::parse_request(ruleset, &bytes) {
        Ok(s) => {
            let typed: hoth::Request = serde_json::from_slice(&bytes).expect("accepted requests are typed requests");
            assert_eq!(hoth::check_request(ruleset, &typed).expect("typed path must accept too"), s);
            let d = hoth::evaluate(ruleset, &s);
            assert!(d.top_urgency().is_some(), "there is always something to do");
        }
        Err(e) => {
            // Every reported pointer names a part of the request.
            for err in &e.errors {
                assert!(err.pointer.is_empty() || req.pointer(&err.pointer).is_some() || err.code == hoth::ErrorCode::MissingField,
                    "pointer {} is not in the request", err.pointer);
            }
        }
    }
});
