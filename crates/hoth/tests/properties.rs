//! Properties every ruleset must give (contract §4): determinism, monotonicity, totality,
//! serde round trips, and R1–R11 stated directly as properties over generated requests.

use hoth::request::{Child, History, ProfessionalJudgement, Request};
use hoth::vocab::{AnswerField, Direction, Education, ScreenedBy};
use hoth::{ActionId, Answer, Concern, LocalAuthority, Outcome, Ruleset, Urgency};
use proptest::prelude::*;

fn tees() -> &'static Ruleset {
    Ruleset::tees()
}

fn indicator_ids() -> Vec<String> {
    tees().file().indicators.iter().map(|i| i.id.clone()).collect()
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![Just(Answer::No), Just(Answer::NotKnown), Just(Answer::Yes)]
}

/// A valid request over the Tees vocabulary: any mix of answers, absent indicators,
/// descriptors, history and judgement.
fn request() -> impl Strategy<Value = Request> {
    let n = indicator_ids().len();
    let d = tees().file().threshold_descriptors.len();
    (
        (0..4usize, 0u8..=25, answer(), answer(), answer(), answer(), 0..Education::ALL.len(), answer()),
        (answer(), answer(), answer()),
        proptest::collection::vec(proptest::option::of(answer()), n),
        proptest::collection::vec(any::<bool>(), n),
        (proptest::option::of(0u32..6), answer()),
        proptest::collection::vec(0..d, 0..3),
        proptest::option::of(prop_oneof![Just(Direction::Raise), Just(Direction::Lower)]),
        proptest::sample::select(ScreenedBy::ALL),
    )
        .prop_map(
            move |(
                (la, age, ld, lac, cl, send, edu, open_case),
                (danger, crime, disclosure),
                answers,
                professional,
                (missing, rerefer),
                descs,
                judgement,
                screened_by,
            )| {
                let ids = indicator_ids();
                let mut indicators = hoth::request::IdMap::new();
                let mut concern_basis = hoth::request::IdMap::new();
                for (i, a) in answers.iter().enumerate() {
                    if let Some(a) = a {
                        indicators.insert(ids[i].clone(), *a);
                        if *a == Answer::Yes && professional[i] {
                            concern_basis.insert(ids[i].clone(), hoth::vocab::Basis::ProfessionalConcern);
                        }
                    }
                }
                let descriptors = tees()
                    .file()
                    .threshold_descriptors
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| descs.contains(i))
                    .map(|(_, x)| x.id.clone())
                    .collect();
                Request {
                    local_authority: LocalAuthority::ALL[la],
                    child: Child {
                        age_years: age,
                        learning_disability: ld,
                        looked_after: lac,
                        care_leaver: cl,
                        send,
                        open_case,
                        education: Education::ALL[edu],
                    },
                    immediate_danger: danger,
                    crime_suspected: crime,
                    disclosure,
                    indicators,
                    concern_basis,
                    history: History { missing_episodes_last_90_days: missing, re_referral_within_12_months: rerefer },
                    threshold_descriptors: descriptors,
                    professional_judgement: judgement.map(|direction| ProfessionalJudgement {
                        direction,
                        reason: "recorded reason".into(),
                        recorded_by_role: "social worker".into(),
                    }),
                    screened_by,
                }
            },
        )
}

/// One step "up": an answer raised, a descriptor or a missing episode added.
#[derive(Debug, Clone)]
enum Raise {
    /// Any answer field: safety answers, the child's context, re-referral.
    Answer(AnswerField),
    Indicator(usize),
    Descriptor(usize),
    MissingEpisode,
}

fn raise_step() -> impl Strategy<Value = Raise> {
    let n = indicator_ids().len();
    let d = tees().file().threshold_descriptors.len();
    prop_oneof![
        proptest::sample::select(AnswerField::ALL).prop_map(Raise::Answer),
        (0..n).prop_map(Raise::Indicator),
        (0..d).prop_map(Raise::Descriptor),
        Just(Raise::MissingEpisode),
    ]
}

fn up(a: Answer) -> Answer {
    match a {
        Answer::No => Answer::NotKnown,
        _ => Answer::Yes,
    }
}

fn apply(mut r: Request, step: &Raise) -> Request {
    match step {
        Raise::Answer(field) => *r.answer_mut(*field) = up(r.answer(*field)),
        Raise::Indicator(i) => {
            let id = indicator_ids()[*i].clone();
            let now = r.indicators.get(&id).copied().unwrap_or(Answer::NotKnown);
            r.indicators.insert(id, up(now));
        }
        Raise::Descriptor(i) => {
            let id = tees().file().threshold_descriptors[*i].id.clone();
            if !r.threshold_descriptors.contains(&id) {
                r.threshold_descriptors.push(id);
            }
        }
        // Not known counts as none: one more episode than that.
        Raise::MissingEpisode => r.history.missing_episodes_last_90_days = Some(r.history.missing_episodes_last_90_days.unwrap_or(0) + 1),
    }
    r
}

fn screen(r: &Request) -> Outcome {
    hoth::screen(tees(), r).expect("a valid request must always get an outcome")
}

fn top_urgency(o: &Outcome) -> Option<Urgency> {
    o.actions.iter().map(|a| a.urgency).max()
}

fn has(o: &Outcome, id: ActionId) -> bool {
    o.actions.iter().any(|a| a.id == id)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn totality_and_determinism(r in request()) {
        let a = serde_json::to_vec(&screen(&r)).unwrap();
        let b = serde_json::to_vec(&screen(&r)).unwrap();
        prop_assert_eq!(&a, &b);
        // The same request as JSON bytes gives the same bytes out.
        let via_json = hoth::ffi::screen(tees(), &serde_json::to_vec(&r).unwrap());
        prop_assert!(via_json.is_ok());
        prop_assert_eq!(via_json.into_string().into_bytes(), a);
        // The fast byte parser and the typed path agree on every valid request.
        let bytes = serde_json::to_vec(&r).unwrap();
        prop_assert_eq!(hoth::parse_request(tees(), &bytes).unwrap(), hoth::check_request(tees(), &r).unwrap());
    }

    /// Triage (contract §8) of a finished, valid request says what the full screening says
    /// about what to do now: each triage action is in the full outcome, at least as urgent
    /// (other rules may raise it) and with the same text at the same urgency, and every
    /// immediate action the full screening takes from the safety answers is in triage.
    #[test]
    fn triage_agrees_with_the_full_screening(r in request()) {
        let full = screen(&r);
        let t = hoth::screen::triage::triage(tees(), &serde_json::to_vec(&r).unwrap()).unwrap();
        prop_assert!(t.unreadable.is_empty(), "{:?}", t.unreadable);
        for a in &t.actions {
            let f = full.actions.iter().find(|f| f.id == a.id);
            prop_assert!(f.is_some(), "triage's {} is not in the full screening", a.id);
            let f = f.unwrap();
            prop_assert!(f.urgency >= a.urgency, "{}: full {:?} < triage {:?}", a.id, f.urgency, a.urgency);
            // The text depends on the urgency (the out-of-hours note), so it is the same at the same urgency.
            if f.urgency == a.urgency {
                prop_assert_eq!(&f.text, &a.text);
            }
        }
        // What to do now from the safety answers (R1's 999, R12's questions) is never missing
        // from triage. R15's "tell your safeguarding lead now" follows the concern, which needs
        // the whole form, and §8 leaves it to the full screening.
        for f in full.actions.iter().filter(|f| f.urgency == Urgency::Immediate && f.id != ActionId::ConsultSafeguardingLead) {
            prop_assert!(t.actions.iter().any(|a| a.id == f.id && a.urgency == f.urgency), "immediate {} missing from triage", f.id);
        }
        let safety_gaps: Vec<&String> = full.other_gaps.iter().filter(|p| t.other_gaps.contains(p)).collect();
        prop_assert_eq!(safety_gaps.len(), t.other_gaps.len());
    }

    #[test]
    fn monotone_in_every_answer(r in request(), step in raise_step()) {
        let before = screen(&r);
        let after = screen(&apply(r.clone(), &step));
        prop_assert!(after.hoth_concern >= before.hoth_concern, "concern fell: {:?} -> {:?}", before.hoth_concern, after.hoth_concern);
        prop_assert!(after.threshold.as_ref().map(|t| t.level) >= before.threshold.as_ref().map(|t| t.level), "threshold fell");
        prop_assert!(top_urgency(&after) >= top_urgency(&before), "urgency fell: {:?} -> {:?}", top_urgency(&before), top_urgency(&after));
    }

    #[test]
    fn serde_round_trips(r in request()) {
        let text = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Request>(&text).unwrap(), &r);
        let o = screen(&r);
        let text = serde_json::to_string(&o).unwrap();
        prop_assert_eq!(serde_json::from_str::<Outcome>(&text).unwrap(), o);
    }

    #[test]
    fn contract_rules_hold(r in request()) {
        let o = screen(&r);
        let age = r.child.age_years;
        let yes = |id: &str| r.indicators.get(id) == Some(&Answer::Yes);
        let file = tees().file();
        let harm_yes = file.indicators.iter().any(|i| i.category == hoth::vocab::Category::Harm && yes(&i.id));
        let high_harm_yes = file.indicators.iter().any(|i| i.category == hoth::vocab::Category::Harm && i.weight >= 3 && yes(&i.id));
        let adult = age >= 18;
        // R1
        if r.immediate_danger == Answer::Yes {
            prop_assert_eq!(o.hoth_concern, Concern::Significant);
            prop_assert!(has(&o, ActionId::Call999));
            prop_assert_eq!(top_urgency(&o), Some(Urgency::Immediate));
            if !adult { prop_assert_eq!(o.threshold.as_ref().map(|t| t.level), Some(4)); }
        }
        // R2
        if r.crime_suspected == Answer::Yes {
            prop_assert!(has(&o, ActionId::Call999) || has(&o, ActionId::Call101));
            prop_assert!(!(has(&o, ActionId::Call999) && has(&o, ActionId::Call101)));
        }
        // R3
        if r.disclosure == Answer::Yes { prop_assert_eq!(o.hoth_concern, Concern::Significant); }
        // R4
        if age <= 13 && high_harm_yes {
            prop_assert!(o.hoth_concern >= Concern::Moderate);
            prop_assert!(o.threshold.as_ref().unwrap().level >= 3);
            prop_assert!(has(&o, ActionId::ReferToFrontDoor));
        }
        // R5, R6, R7 (the floor holds even after a 'lower' judgement)
        if (age <= 12 || r.child.learning_disability == Answer::Yes) && harm_yes { prop_assert!(o.hoth_concern >= Concern::Moderate); }
        if high_harm_yes { prop_assert!(o.hoth_concern >= Concern::Moderate); }
        if r.history.missing_episodes_last_90_days.unwrap_or(0) >= 3 {
            prop_assert!(o.hoth_concern >= Concern::Moderate);
        }
        // R4, under 13: sexual harm is significant, threshold 4, police told today.
        if age <= 12 && (yes("sexual_health_concern") || yes("sexual_activity_described_as_consensual")) {
            prop_assert_eq!(o.hoth_concern, Concern::Significant);
            prop_assert_eq!(o.threshold.as_ref().map(|t| t.level), Some(4));
            prop_assert!(has(&o, ActionId::Call999) || o.actions.iter().any(|a| a.id == ActionId::Call101 && a.urgency >= Urgency::SameDay));
        }
        // R7: any missing episode under 18 → check a return interview was offered; never for adults.
        let went_missing = yes("missing_overnight") || yes("missing_episode") || r.history.missing_episodes_last_90_days.unwrap_or(0) >= 1;
        prop_assert_eq!(has(&o, ActionId::ReturnHomeInterview), age <= 17 && went_missing);
        // R13: national routes, never instead of the front door for a child.
        let trafficking = yes("trafficking_indicators") || yes("debt_bondage") || yes("found_out_of_area");
        prop_assert_eq!(has(&o, ActionId::ConsiderNrmReferral), trafficking);
        prop_assert_eq!(has(&o, ActionId::ConsiderPreventReferral), yes("radicalisation_concern"));
        if (trafficking || yes("radicalisation_concern")) && !adult { prop_assert!(has(&o, ActionId::ReferToFrontDoor)); }
        // R14: the allocated social worker is told as soon as the front door is.
        let allocated = r.child.open_case == Answer::Yes || r.child.looked_after == Answer::Yes;
        prop_assert_eq!(has(&o, ActionId::InformAllocatedSocialWorker), allocated);
        if let (Some(sw), Some(fd)) = (
            o.actions.iter().find(|a| a.id == ActionId::InformAllocatedSocialWorker),
            o.actions.iter().find(|a| a.id == ActionId::ReferToFrontDoor),
        ) {
            prop_assert!(sw.urgency >= fd.urgency);
        }
        // R10
        if age >= 17 && o.hoth_concern >= Concern::Moderate { prop_assert!(has(&o, ActionId::TransitionsPlanning)); }
        if adult {
            prop_assert!(o.threshold.is_none());
            prop_assert!(o.cin_factors.is_empty(), "children's census factors for a young adult");
            prop_assert_eq!(o.hoth_concern >= Concern::Moderate || r.disclosure == Answer::Yes, has(&o, ActionId::ReferAdultSocialCare));
            for child_only in [ActionId::ReferToFrontDoor, ActionId::StrategyDiscussion, ActionId::EarlyHelpAssessment, ActionId::ReturnHomeInterview] {
                prop_assert!(!has(&o, child_only), "{} for a young adult", child_only);
            }
            prop_assert_eq!(has(&o, ActionId::InformPersonalAdviser), r.child.care_leaver == Answer::Yes);
        } else {
            prop_assert!(o.threshold.is_some());
        }
        // R11: gaps are exactly the not-known or absent indicators, in catalogue order.
        let gaps: Vec<String> = file.indicators.iter().filter(|i| r.indicators.get(&i.id).is_none_or(|a| *a == Answer::NotKnown)).map(|i| i.id.clone()).collect();
        prop_assert_eq!(&o.information_gaps, &gaps);
        prop_assert_eq!(o.complete, gaps.is_empty());
        prop_assert_eq!(has(&o, ActionId::CompleteScreening), !gaps.is_empty());
        // Actions sorted by urgency (most urgent first), then id.
        for w in o.actions.windows(2) {
            prop_assert!(w[0].urgency > w[1].urgency || (w[0].urgency == w[1].urgency && w[0].id.as_str() < w[1].id.as_str()));
        }
        // Census factors: going missing (10A) exactly when a yes indicator points to harm type "missing".
        let missing_yes = file.indicators.iter().any(|i| yes(&i.id) && i.harm_types.contains(&hoth::HarmType::Missing));
        prop_assert_eq!(o.cin_factors.contains(&"10A".to_string()), missing_yes && !adult);
        // Never "no risk".
        prop_assert!(!serde_json::to_string(&o).unwrap().to_lowercase().contains("no risk"));
    }

    /// Who is screening changes the words of actions and nothing else (contract §1).
    #[test]
    fn screened_by_changes_only_texts(r in request(), by in proptest::sample::select(ScreenedBy::ALL)) {
        let mut other = r.clone();
        other.screened_by = by;
        let (a, b) = (screen(&r), screen(&other));
        prop_assert_eq!(a.hoth_concern, b.hoth_concern);
        prop_assert_eq!(&a.threshold, &b.threshold);
        let ids = |o: &Outcome| o.actions.iter().map(|a| (a.id.clone(), a.urgency)).collect::<Vec<_>>();
        prop_assert_eq!(ids(&a), ids(&b));
        prop_assert_eq!(&a.reasons.iter().map(|r| &r.rule).collect::<Vec<_>>(), &b.reasons.iter().map(|r| &r.rule).collect::<Vec<_>>());
    }

    #[test]
    fn professional_judgement_moves_one_step_within_the_floor(r in request()) {
        let mut without = r.clone();
        without.professional_judgement = None;
        let base = screen(&without).hoth_concern;
        let judged = screen(&r).hoth_concern;
        match r.professional_judgement.as_ref().map(|j| j.direction) {
            None => prop_assert_eq!(judged, base),
            Some(Direction::Raise) => prop_assert!(judged >= base && judged.index() <= base.index() + 1),
            Some(Direction::Lower) => prop_assert!(judged <= base && judged.index() + 1 >= base.index()),
        }
    }
}
