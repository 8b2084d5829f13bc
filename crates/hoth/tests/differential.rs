//! Differential check: a deliberately naive evaluator, written straight from the contract
//! (R1–R15) and the Tees ruleset's documented level actions (A1–A5), slow and obvious,
//! against the compiled engine on generated requests. Any difference fails.
//!
//! Cases: 100,000 in release builds (as CI runs it: `cargo test --release --test
//! differential`), 10,000 in debug builds; `HOTH_DIFF_CASES` overrides.

use std::collections::BTreeMap;

use hoth::request::{Child, History, ProfessionalJudgement, Request};
use hoth::vocab::{Category, Direction, Education};
use hoth::{ActionId, Answer, Concern, LocalAuthority, Ruleset, Urgency};
use proptest::prelude::*;

struct Naive {
    concern: Concern,
    threshold: Option<u8>,
    score: i64,
    actions: BTreeMap<ActionId, Urgency>,
    gaps: Vec<String>,
    other_gaps: Vec<String>,
}

/// The contract, read literally. Weights and bands are read from the ruleset file (they are
/// ruleset data); every rule is written out by hand.
fn naive(r: &Request) -> Naive {
    let file = Ruleset::tees().file();
    let yes = |id: &str| r.indicators.get(id) == Some(&Answer::Yes);
    let mut score = 0;
    let mut any_harm = false;
    let mut any_high_harm = false;
    for ind in &file.indicators {
        if yes(&ind.id) {
            score += ind.weight;
            if ind.category == Category::Harm {
                any_harm = true;
                if ind.weight >= 3 {
                    any_high_harm = true;
                }
            }
        }
    }
    let band = file.bands.iter().find(|b| b.min <= score && b.max.is_none_or(|m| score <= m)).unwrap();
    let mut concern = band.concern;
    let mut floor = Concern::NoCurrentIndicators;
    let mut threshold_floor = 1;
    let mut actions: BTreeMap<ActionId, Urgency> = BTreeMap::new();
    let add = |actions: &mut BTreeMap<ActionId, Urgency>, a: ActionId, u: Urgency| {
        let e = actions.entry(a).or_insert(u);
        if u > *e {
            *e = u;
        }
    };
    let at_least = |concern: &mut Concern, floor: &mut Concern, level: Concern| {
        if *concern < level {
            *concern = level;
        }
        if *floor < level {
            *floor = level;
        }
    };
    let age = r.child.age_years;
    // R1
    if r.immediate_danger == Answer::Yes {
        at_least(&mut concern, &mut floor, Concern::Significant);
        threshold_floor = 4;
        add(&mut actions, ActionId::Call999, Urgency::Immediate);
    }
    // R2
    if r.crime_suspected == Answer::Yes {
        if !actions.contains_key(&ActionId::Call999) {
            add(&mut actions, ActionId::Call101, Urgency::SameDay);
        }
        add(&mut actions, ActionId::PoliceInformationSharingForm, Urgency::Within1WorkingDay);
    }
    // R3: a disclosure is significant; refer the same day (a young adult: adult social care).
    if r.disclosure == Answer::Yes {
        at_least(&mut concern, &mut floor, Concern::Significant);
        if age <= 17 {
            add(&mut actions, ActionId::ReferToFrontDoor, Urgency::SameDay);
        } else {
            add(&mut actions, ActionId::ReferAdultSocialCare, Urgency::SameDay);
        }
    }
    // R4
    if age <= 13 && any_high_harm {
        at_least(&mut concern, &mut floor, Concern::Moderate);
        threshold_floor = threshold_floor.max(3);
        add(&mut actions, ActionId::ReferToFrontDoor, Urgency::SameDay);
    }
    // R4: a child under 13 cannot consent.
    if age <= 12 && (yes("sexual_health_concern") || yes("sexual_activity_described_as_consensual")) {
        at_least(&mut concern, &mut floor, Concern::Significant);
        threshold_floor = 4;
        if !actions.contains_key(&ActionId::Call999) {
            add(&mut actions, ActionId::Call101, Urgency::SameDay);
        }
    }
    // R5
    if (age <= 12 || r.child.learning_disability == Answer::Yes) && any_harm {
        at_least(&mut concern, &mut floor, Concern::Moderate);
    }
    // R6
    if any_high_harm {
        at_least(&mut concern, &mut floor, Concern::Moderate);
    }
    // R7
    // Not known counts as none in the rules (and is a gap, R11).
    let episodes = r.history.missing_episodes_last_90_days.unwrap_or(0);
    if episodes >= 3 {
        at_least(&mut concern, &mut floor, Concern::Moderate);
    }
    if age <= 17 && (yes("missing_overnight") || yes("missing_episode") || episodes >= 1) {
        add(&mut actions, ActionId::ReturnHomeInterview, Urgency::Within1WorkingDay);
    }
    // R8
    if r.history.re_referral_within_12_months == Answer::Yes && concern >= Concern::Low {
        concern = concern.raised(1);
        if floor < concern {
            floor = concern;
        }
    }
    // R9
    match r.professional_judgement.as_ref().map(|j| j.direction) {
        Some(Direction::Raise) => concern = concern.raised(1),
        Some(Direction::Lower) => concern = concern.lowered_one().max(floor),
        None => {}
    }
    // R10
    if age >= 17 && concern >= Concern::Moderate {
        add(&mut actions, ActionId::TransitionsPlanning, Urgency::Within1WorkingDay);
    }
    if age >= 18 && concern >= Concern::Moderate {
        add(&mut actions, ActionId::ReferAdultSocialCare, Urgency::Within1WorkingDay);
    }
    if age >= 18 && concern >= Concern::Significant {
        add(&mut actions, ActionId::ReferAdultSocialCare, Urgency::SameDay);
    }
    if age >= 18 && r.child.care_leaver == Answer::Yes {
        add(&mut actions, ActionId::InformPersonalAdviser, Urgency::Within1WorkingDay);
    }
    // R11: indicators not known, and the other questions the Tees rules read (the safety
    // answers, learning disability for R5, missing episodes for R7, re-referral for R8).
    let gaps: Vec<String> =
        file.indicators.iter().filter(|i| r.indicators.get(&i.id).is_none_or(|a| *a == Answer::NotKnown)).map(|i| i.id.clone()).collect();
    let unknown = Answer::NotKnown;
    let mut other_gaps = Vec::new();
    for (pointer, gap) in [
        ("/child/learning_disability", r.child.learning_disability == unknown),
        ("/child/looked_after", r.child.looked_after == unknown),
        // A care leaver is 16 or over: before that the question is not a gap.
        ("/child/care_leaver", age >= 16 && r.child.care_leaver == unknown),
        ("/child/open_case", r.child.open_case == unknown),
        ("/immediate_danger", r.immediate_danger == unknown),
        ("/crime_suspected", r.crime_suspected == unknown),
        ("/disclosure", r.disclosure == unknown),
        ("/history/missing_episodes_last_90_days", r.history.missing_episodes_last_90_days.is_none()),
        ("/history/re_referral_within_12_months", r.history.re_referral_within_12_months == unknown),
    ] {
        if gap {
            other_gaps.push(pointer.to_owned());
        }
    }
    if !gaps.is_empty() || !other_gaps.is_empty() {
        add(&mut actions, ActionId::CompleteScreening, Urgency::Routine);
    }
    // R12: a safety question not answered; immediately when danger now is not known.
    if r.immediate_danger == unknown {
        add(&mut actions, ActionId::AnswerSafetyQuestions, Urgency::Immediate);
    }
    if r.crime_suspected == unknown || r.disclosure == unknown {
        add(&mut actions, ActionId::AnswerSafetyQuestions, Urgency::SameDay);
    }
    // R13: the national routes, as well as the front door for a child.
    let child = age <= 17;
    if yes("trafficking_indicators") || yes("debt_bondage") || yes("found_out_of_area") {
        add(&mut actions, ActionId::ConsiderNrmReferral, Urgency::Within1WorkingDay);
        if child {
            add(&mut actions, ActionId::ReferToFrontDoor, Urgency::Within1WorkingDay);
        }
    }
    if yes("radicalisation_concern") {
        add(&mut actions, ActionId::ConsiderPreventReferral, Urgency::Within1WorkingDay);
        if child {
            add(&mut actions, ActionId::ReferToFrontDoor, Urgency::Within1WorkingDay);
        }
    }
    // A1–A5: what to do at each level (Tees ruleset data, documented in the README).
    if concern == Concern::NoCurrentIndicators {
        add(&mut actions, ActionId::UniversalServices, Urgency::Routine);
    }
    if concern == Concern::Low {
        add(&mut actions, ActionId::ConsultSafeguardingLead, Urgency::Routine);
        if child {
            add(&mut actions, ActionId::EarlyHelpAssessment, Urgency::Routine);
        }
    }
    if concern >= Concern::Moderate {
        add(&mut actions, ActionId::HothMultiAgencyMeeting, Urgency::Within1WorkingDay);
        if child {
            add(&mut actions, ActionId::ReferToFrontDoor, Urgency::Within1WorkingDay);
        }
    }
    if concern >= Concern::Significant {
        add(&mut actions, ActionId::PoliceInformationSharingForm, Urgency::SameDay);
        if child {
            add(&mut actions, ActionId::ReferToFrontDoor, Urgency::SameDay);
            add(&mut actions, ActionId::StrategyDiscussion, Urgency::SameDay);
        }
    }
    // R15: tell the safeguarding lead today at moderate concern, now at significant.
    if concern >= Concern::Moderate {
        add(&mut actions, ActionId::ConsultSafeguardingLead, Urgency::SameDay);
    }
    if concern >= Concern::Significant {
        add(&mut actions, ActionId::ConsultSafeguardingLead, Urgency::Immediate);
    }
    let descriptor_level = r
        .threshold_descriptors
        .iter()
        .filter_map(|d| file.threshold_descriptors.iter().find(|x| &x.id == d))
        .map(|d| d.level)
        .max()
        .unwrap_or(1);
    if child && descriptor_level >= 3 {
        add(&mut actions, ActionId::ReferToFrontDoor, Urgency::Within1WorkingDay);
    }
    if child && descriptor_level >= 4 {
        add(&mut actions, ActionId::ReferToFrontDoor, Urgency::SameDay);
        add(&mut actions, ActionId::StrategyDiscussion, Urgency::SameDay);
    }
    // R14, last: the allocated social worker hears as soon as the front door does.
    if r.child.open_case == Answer::Yes || r.child.looked_after == Answer::Yes {
        let urgency =
            actions.get(&ActionId::ReferToFrontDoor).copied().unwrap_or(Urgency::Within1WorkingDay).max(Urgency::Within1WorkingDay);
        add(&mut actions, ActionId::InformAllocatedSocialWorker, urgency);
    }
    let concern_level = match concern {
        Concern::NoCurrentIndicators => 1,
        Concern::Low => 2,
        Concern::Moderate => 3,
        Concern::Significant => 4,
    };
    let threshold = if age >= 18 { None } else { Some(concern_level.max(descriptor_level).max(threshold_floor)) };
    Naive { concern, threshold, score, actions, gaps, other_gaps }
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![Just(Answer::No), Just(Answer::NotKnown), Just(Answer::Yes)]
}

fn request() -> impl Strategy<Value = Request> {
    let file = Ruleset::tees().file();
    let ids: Vec<String> = file.indicators.iter().map(|i| i.id.clone()).collect();
    let descs: Vec<String> = file.threshold_descriptors.iter().map(|d| d.id.clone()).collect();
    let n = ids.len();
    (
        (0..4usize, 0u8..=25, answer(), proptest::option::weighted(0.8, 0u32..5), answer()),
        (answer(), answer(), answer()),
        // Mostly "no", like real screenings, so every band and rule is reached.
        proptest::collection::vec(
            proptest::option::weighted(0.9, prop_oneof![6 => Just(Answer::No), 1 => Just(Answer::NotKnown), 2 => Just(Answer::Yes)]),
            n,
        ),
        proptest::collection::vec(proptest::sample::select(descs), 0..2),
        proptest::option::weighted(0.2, prop_oneof![Just(Direction::Raise), Just(Direction::Lower)]),
    )
        .prop_map(move |((la, age, ld, missing, rerefer), (danger, crime, disclosure), answers, descriptors, judgement)| Request {
            local_authority: LocalAuthority::ALL[la],
            child: Child {
                age_years: age,
                learning_disability: ld,
                looked_after: Answer::NotKnown,
                care_leaver: Answer::NotKnown,
                send: Answer::NotKnown,
                open_case: Answer::NotKnown,
                education: Education::NotKnown,
            },
            immediate_danger: danger,
            crime_suspected: crime,
            disclosure,
            indicators: ids.iter().zip(&answers).filter_map(|(id, a)| a.map(|a| (id.clone(), a))).collect(),
            concern_basis: hoth::request::IdMap::new(),
            history: History { missing_episodes_last_90_days: missing, re_referral_within_12_months: rerefer },
            threshold_descriptors: descriptors,
            professional_judgement: judgement.map(|direction| ProfessionalJudgement {
                direction,
                reason: "r".into(),
                recorded_by_role: "teacher".into(),
            }),
            screened_by: hoth::vocab::ScreenedBy::NotKnown,
        })
}

fn cases() -> u32 {
    std::env::var("HOTH_DIFF_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(if cfg!(debug_assertions) { 10_000 } else { 100_000 })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn compiled_engine_agrees_with_the_naive_reading_of_the_contract(r in request()) {
        let want = naive(&r);
        let s = hoth::check_request(Ruleset::tees(), &r).unwrap();
        let d = hoth::evaluate(Ruleset::tees(), &s);
        prop_assert_eq!(d.concern, want.concern);
        prop_assert_eq!(d.threshold, want.threshold);
        prop_assert_eq!(i64::from(d.score), want.score);
        let got: BTreeMap<ActionId, Urgency> =
            d.actions_in_order(Ruleset::tees()).map(|(id, u)| (id.contract().expect("the Tees ruleset declares no actions of its own"), u)).collect();
        prop_assert_eq!(got, want.actions);
        let gaps: Vec<String> = hoth::eval::gaps(Ruleset::tees(), &s).iter().map(|i| Ruleset::tees().file().indicators[i].id.clone()).collect();
        prop_assert_eq!(&gaps, &want.gaps);
        let o = hoth::screen(Ruleset::tees(), &r).unwrap();
        prop_assert_eq!(&o.other_gaps, &want.other_gaps);
        prop_assert_eq!(o.complete, want.gaps.is_empty() && want.other_gaps.is_empty());
        prop_assert_eq!(o.threshold.map(|t| t.provisional), want.threshold.map(|_| !o.complete));
    }
}
