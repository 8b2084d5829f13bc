//! The safety floor, checked by behaviour: a compiled ruleset is run on probe requests, and
//! what it decides is compared with what the contract demands of every ruleset, whatever its
//! rule ids (R1–R3, R11, R12), and of a ruleset with the `tees-hoth` profile (R4–R10, R13).
//!
//! A probe is a child of some age with every question answered `no` (or every question not
//! known, or every indicator `yes`), and then one or two answers changed. Each contract rule
//! gets at most one error, at `/rules`, naming the first probe that broke it in plain words.

use super::Ruleset;
use super::bitset::BitSet;
use super::eval::{Decision, evaluate};
use super::screening::Screening;
use crate::contract::error::{Collector, ErrorCode};
use crate::contract::vocab::{ActionId, Answer, AnswerField, Category, Concern, Direction, Education, LocalAuthority, ScreenedBy, Urgency};

pub use super::model::TEES_PROFILE;

/// How a probe's questions are answered before its own changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// Every question answered `no`: a complete screening.
    No,
    /// Nothing known.
    NotKnown,
    /// Every indicator `yes`, every other question `no`.
    AllYes,
}

fn base(r: &Ruleset, age: u8, fill: Fill) -> Screening {
    let n = r.file().indicators.len();
    let all = BitSet::first_n(n);
    let answer = if fill == Fill::NotKnown { Answer::NotKnown } else { Answer::No };
    Screening {
        local_authority: LocalAuthority::ALL[0],
        age_years: age,
        education: if fill == Fill::NotKnown { Education::NotKnown } else { Education::InSchool },
        screened_by: ScreenedBy::NotKnown,
        answers: [answer; AnswerField::COUNT],
        missing_episodes: 0,
        missing_known: fill != Fill::NotKnown,
        judgement: None,
        judgement_reason: String::new(),
        judgement_role: String::new(),
        yes: if fill == Fill::AllYes { all } else { BitSet::new() },
        known: if fill == Fill::NotKnown { BitSet::new() } else { all },
        evidenced: BitSet::new(),
        professional_concern: BitSet::new(),
        descriptors: BitSet::new(),
        descriptor_level: 1,
    }
}

fn set(mut s: Screening, field: AnswerField, a: Answer) -> Screening {
    s.answers[field.index()] = a;
    s
}

fn yes(mut s: Screening, i: usize) -> Screening {
    s.yes.insert(i);
    s.known.insert(i);
    s
}

/// A probe in words, for an error message.
fn describe(s: &Screening, r: &Ruleset, what: &str) -> String {
    let rest = if s.known.is_empty() && s.answer(AnswerField::LearningDisability) == Answer::NotKnown {
        "everything else not known"
    } else if s.yes.len() as usize == r.file().indicators.len() {
        "every indicator answered yes"
    } else {
        "every other question answered no"
    };
    format!("for a child aged {} with {what} ({rest})", s.age_years)
}

/// The most urgent action other than `complete_screening` (the contract's response urgency).
fn response(d: &Decision) -> Option<Urgency> {
    d.actions.iter().enumerate().filter(|(i, _)| *i != ActionId::CompleteScreening.index()).filter_map(|(_, u)| *u).max()
}

/// One contract rule's checks: the first failure becomes its error.
struct Check<'a> {
    r: &'a Ruleset,
    rule: &'static str,
    failure: Option<String>,
}

impl Check<'_> {
    fn run(&mut self, s: &Screening, what: &str, test: impl Fn(&Decision) -> Result<(), String>) {
        if self.failure.is_some() {
            return;
        }
        let d = evaluate(self.r, s);
        if let Err(why) = test(&d) {
            self.failure = Some(format!("{}, {why}", describe(s, self.r, what)));
        }
    }
}

fn action_at_least(d: &Decision, id: ActionId, u: Urgency) -> Result<(), String> {
    match d.actions[id.index()] {
        Some(got) if got >= u => Ok(()),
        Some(got) => Err(format!("the rules advise “{id}” at {got}, not at {u} or sooner")),
        None => Err(format!("the rules do not advise “{id}” (at {u} or sooner)")),
    }
}

fn concern_at_least(d: &Decision, c: Concern) -> Result<(), String> {
    if d.concern >= c { Ok(()) } else { Err(format!("the concern is {}, not at least {c}", d.concern)) }
}

fn threshold_at_least(d: &Decision, t: u8) -> Result<(), String> {
    match d.threshold {
        Some(got) if got < t => Err(format!("the threshold is {got}, not at least {t}")),
        _ => Ok(()),
    }
}

const CHILD_AGES: [u8; 5] = [5, 12, 13, 15, 17];
const ALL_AGES: [u8; 7] = [5, 12, 13, 15, 17, 18, 25];
const FILLS: [Fill; 3] = [Fill::No, Fill::NotKnown, Fill::AllYes];

/// Checks the safety floor (and the `tees-hoth` profile when declared) by probing.
pub(crate) fn check(r: &Ruleset, errs: &mut Collector) {
    let mut failures: Vec<(&'static str, &'static str, String)> = Vec::new();
    let mut report = |c: Check<'_>, says: &'static str| {
        if let Some(f) = c.failure {
            failures.push((c.rule, says, f));
        }
    };
    let bases = || ALL_AGES.iter().flat_map(|a| FILLS.iter().map(move |f| (*a, *f)));

    let mut c = Check { r, rule: "R1", failure: None };
    for (age, fill) in bases() {
        let s = set(base(r, age, fill), AnswerField::ImmediateDanger, Answer::Yes);
        c.run(&s, "“immediate danger” answered yes", |d| {
            action_at_least(d, ActionId::Call999, Urgency::Immediate)?;
            concern_at_least(d, Concern::Significant)?;
            threshold_at_least(d, 4)
        });
    }
    report(c, "a child in immediate danger gets “call_999” at immediate, significant concern and threshold 4");

    let mut c = Check { r, rule: "R2", failure: None };
    for (age, fill) in bases() {
        for danger in [Answer::No, Answer::NotKnown] {
            let s = set(set(base(r, age, fill), AnswerField::ImmediateDanger, danger), AnswerField::CrimeSuspected, Answer::Yes);
            c.run(&s, "a crime suspected", |d| action_at_least(d, ActionId::Call101, Urgency::SameDay));
        }
    }
    report(c, "a suspected crime gets “call_101” the same day (unless 999 is advised)");

    let mut c = Check { r, rule: "R3", failure: None };
    for (age, fill) in bases() {
        let s = set(base(r, age, fill), AnswerField::Disclosure, Answer::Yes);
        c.run(&s, "a disclosure", |d| concern_at_least(d, Concern::Significant));
    }
    report(c, "a disclosure makes the concern significant");

    let mut c = Check { r, rule: "R11", failure: None };
    for (age, fill) in bases() {
        let mut s = base(r, age, fill);
        if fill != Fill::NotKnown {
            // One indicator left unanswered is enough to make a screening incomplete.
            s.known = BitSet::first_n(r.file().indicators.len().saturating_sub(1));
            s.yes = s.yes.and(&s.known);
        }
        c.run(&s, "a question not answered", |d| {
            if d.has_gaps { action_at_least(d, ActionId::CompleteScreening, Urgency::Routine) } else { Ok(()) }
        });
    }
    report(c, "an incomplete screening gets “complete_screening”, with its gaps listed");

    let mut c = Check { r, rule: "R12", failure: None };
    for (age, fill) in bases() {
        let answered = set(
            set(set(base(r, age, fill), AnswerField::ImmediateDanger, Answer::No), AnswerField::CrimeSuspected, Answer::No),
            AnswerField::Disclosure,
            Answer::No,
        );
        let s = set(answered.clone(), AnswerField::ImmediateDanger, Answer::NotKnown);
        c.run(&s, "“immediate danger” not known", |d| action_at_least(d, ActionId::AnswerSafetyQuestions, Urgency::Immediate));
        for field in [AnswerField::CrimeSuspected, AnswerField::Disclosure] {
            let s = set(answered.clone(), field, Answer::NotKnown);
            c.run(&s, &format!("“{field}” not known"), |d| action_at_least(d, ActionId::AnswerSafetyQuestions, Urgency::SameDay));
        }
    }
    report(
        c,
        "an unanswered safety question gets “answer_safety_questions” (now when immediate danger is not known, otherwise the same day)",
    );

    // Raising a safety answer never lowers the concern, the threshold or the response.
    let mut c = Check { r, rule: "monotone", failure: None };
    for (age, fill) in bases() {
        for field in crate::ruleset::templates::SAFETY {
            for (lo, hi) in [(Answer::No, Answer::NotKnown), (Answer::NotKnown, Answer::Yes), (Answer::No, Answer::Yes)] {
                let low = evaluate(r, &set(base(r, age, fill), field, lo));
                let s = set(base(r, age, fill), field, hi);
                c.run(&s, &format!("“{field}” raised from {lo} to {hi}"), |d| {
                    if d.concern < low.concern || d.threshold.unwrap_or(0) < low.threshold.unwrap_or(0) || response(d) < response(&low) {
                        Err("the concern, threshold or response urgency went down".to_owned())
                    } else {
                        Ok(())
                    }
                });
            }
        }
    }
    report(c, "raising a safety answer never lowers the concern, the threshold or the response urgency");

    if r.file().profile.as_deref() == Some(TEES_PROFILE) || (r.file().profile.is_none() && r.id() == TEES_PROFILE) {
        tees_profile(r, errs, &mut failures);
    }
    // One error at `/rules` (one error per pointer), each broken rule in its own sentence.
    let sentences: Vec<String> = failures
        .into_iter()
        .map(|(rule, says, failure)| {
            let what = if rule == "monotone" { "what every ruleset must do".to_owned() } else { format!("contract {rule}") };
            format!("the rules break {what}: {says}; but {failure}.")
        })
        .collect();
    if !sentences.is_empty() {
        errs.push("/rules", ErrorCode::RequiredRule, sentences.join(" And "));
    }
}

/// R4–R10 and R13, for a ruleset with the `tees-hoth` profile: it must ask the contract's
/// indicators that these rules name.
fn tees_profile(r: &Ruleset, errs: &mut Collector, failures: &mut Vec<(&'static str, &'static str, String)>) {
    let file = r.file();
    let named = [
        "sexual_health_concern",
        "sexual_activity_described_as_consensual",
        "missing_overnight",
        "missing_episode",
        "trafficking_indicators",
        "debt_bondage",
        "found_out_of_area",
        "radicalisation_concern",
    ];
    let missing: Vec<&str> = named.iter().copied().filter(|id| r.indicator_index(id).is_none()).collect();
    if !missing.is_empty() {
        errs.push(
            "/indicators",
            ErrorCode::RequiredRule,
            format!("the tees-hoth profile asks the contract's indicators (§2), and this ruleset does not have: {}", missing.join(", ")),
        );
        return;
    }
    let idx = |id: &str| r.indicator_index(id).unwrap_or(0);
    let harm: Vec<usize> = (0..file.indicators.len()).filter(|i| file.indicators[*i].category == Category::Harm).collect();
    let high: Vec<usize> = harm.iter().copied().filter(|i| file.indicators[*i].weight >= 3).collect();
    let title = |i: usize| format!("“{}” answered yes", file.indicators[i].id);
    let mut push = |c: Check<'_>, says: &'static str| {
        if let Some(f) = c.failure {
            failures.push((c.rule, says, f));
        }
    };

    let mut c = Check { r, rule: "R4", failure: None };
    for age in [8, 12, 13] {
        for &i in &high {
            c.run(&yes(base(r, age, Fill::No), i), &title(i), |d| {
                concern_at_least(d, Concern::Moderate)?;
                threshold_at_least(d, 3)?;
                action_at_least(d, ActionId::ReferToFrontDoor, Urgency::Routine)
            });
        }
    }
    for age in [8, 12] {
        for id in ["sexual_health_concern", "sexual_activity_described_as_consensual"] {
            c.run(&yes(base(r, age, Fill::No), idx(id)), &title(idx(id)), |d| {
                concern_at_least(d, Concern::Significant)?;
                threshold_at_least(d, 4)?;
                action_at_least(d, ActionId::Call101, Urgency::SameDay)
            });
        }
    }
    push(
        c,
        "13 or under with a high-weight sign of harm is at least moderate, threshold 3 and referred; 12 or under with sexual activity is significant, threshold 4, and 101 the same day",
    );

    let mut c = Check { r, rule: "R5", failure: None };
    for &i in &harm {
        c.run(&yes(base(r, 12, Fill::No), i), &title(i), |d| concern_at_least(d, Concern::Moderate));
        let ld = set(yes(base(r, 15, Fill::No), i), AnswerField::LearningDisability, Answer::Yes);
        c.run(&ld, &format!("{} and a learning disability", title(i)), |d| concern_at_least(d, Concern::Moderate));
    }
    push(c, "a child 12 or under, or with a learning disability, with any sign of harm is never below moderate");

    let mut c = Check { r, rule: "R6", failure: None };
    for &age in &ALL_AGES {
        for &i in &high {
            c.run(&yes(base(r, age, Fill::No), i), &title(i), |d| concern_at_least(d, Concern::Moderate));
        }
    }
    push(c, "any one high-weight sign of harm is at least moderate");

    let mut c = Check { r, rule: "R7", failure: None };
    for &age in &ALL_AGES {
        let mut s = base(r, age, Fill::No);
        s.missing_episodes = 3;
        c.run(&s, "3 missing episodes in 90 days", |d| concern_at_least(d, Concern::Moderate));
    }
    for &age in &CHILD_AGES {
        let mut once = base(r, age, Fill::No);
        once.missing_episodes = 1;
        c.run(&once, "1 missing episode", |d| action_at_least(d, ActionId::ReturnHomeInterview, Urgency::Routine));
        for id in ["missing_overnight", "missing_episode"] {
            c.run(&yes(base(r, age, Fill::No), idx(id)), &title(idx(id)), |d| {
                action_at_least(d, ActionId::ReturnHomeInterview, Urgency::Routine)
            });
        }
    }
    push(c, "3 or more missing episodes is at least moderate, and any missing episode under 18 gets “return_home_interview”");

    let mut c = Check { r, rule: "R8", failure: None };
    let mut c9 = Check { r, rule: "R9", failure: None };
    for &age in &ALL_AGES {
        for i in 0..file.indicators.len() {
            let s = yes(base(r, age, Fill::No), i);
            let before = evaluate(r, &s).concern;
            if before >= Concern::Low {
                let again = set(s.clone(), AnswerField::ReReferralWithin12Months, Answer::Yes);
                c.run(&again, &format!("{} and a re-referral", title(i)), |d| concern_at_least(d, before.raised(1)));
            }
            let mut raise = s.clone();
            raise.judgement = Some(Direction::Raise);
            c9.run(&raise, &format!("{} and a judgement to raise", title(i)), |d| concern_at_least(d, before.raised(1)));
            if high.contains(&i) {
                let mut lower = s.clone();
                lower.judgement = Some(Direction::Lower);
                c9.run(&lower, &format!("{} and a judgement to lower", title(i)), |d| concern_at_least(d, Concern::Moderate));
            }
        }
        let mut lower = set(base(r, age, Fill::No), AnswerField::Disclosure, Answer::Yes);
        lower.judgement = Some(Direction::Lower);
        c9.run(&lower, "a disclosure and a judgement to lower", |d| concern_at_least(d, Concern::Significant));
    }
    push(c, "a re-referral raises a concern of low or more one step");
    push(c9, "a professional judgement raises one step, and lowering never goes below what the safety rules set");

    let mut c = Check { r, rule: "R10", failure: None };
    for &i in &high {
        c.run(&yes(base(r, 17, Fill::No), i), &title(i), |d| action_at_least(d, ActionId::TransitionsPlanning, Urgency::Routine));
    }
    for age in [18, 25] {
        for fill in FILLS {
            let mut probes = vec![(base(r, age, fill), "no other change".to_owned())];
            probes.push((set(base(r, age, fill), AnswerField::Disclosure, Answer::Yes), "a disclosure".to_owned()));
            probes.push((set(base(r, age, fill), AnswerField::ImmediateDanger, Answer::Yes), "immediate danger".to_owned()));
            for &i in &high {
                probes.push((yes(base(r, age, fill), i), title(i)));
            }
            let mut missing = base(r, age, fill);
            missing.missing_episodes = 2;
            probes.push((missing, "2 missing episodes".to_owned()));
            for (s, what) in probes {
                c.run(&s, &what, |d| {
                    if let Some(t) = d.threshold {
                        return Err(format!("the threshold is {t}, not null (children's levels do not apply to a young adult)"));
                    }
                    for id in [
                        ActionId::ReturnHomeInterview,
                        ActionId::EarlyHelpAssessment,
                        ActionId::StrategyDiscussion,
                        ActionId::ReferToFrontDoor,
                    ] {
                        if d.actions[id.index()].is_some() {
                            return Err(format!("the rules advise “{id}”, which is for children"));
                        }
                    }
                    if d.concern >= Concern::Significant {
                        action_at_least(d, ActionId::ReferAdultSocialCare, Urgency::SameDay)
                    } else if d.concern >= Concern::Moderate {
                        action_at_least(d, ActionId::ReferAdultSocialCare, Urgency::Routine)
                    } else {
                        Ok(())
                    }
                });
            }
        }
        let s = set(base(r, age, Fill::No), AnswerField::CareLeaver, Answer::Yes);
        c.run(&s, "a care leaver", |d| action_at_least(d, ActionId::InformPersonalAdviser, Urgency::Routine));
    }
    push(
        c,
        "17 or over at moderate plans transitions; 18–25 has no children's threshold or children's actions, adult social care at moderate (the same day when significant), and a care leaver's personal adviser is told",
    );

    let mut c = Check { r, rule: "R13", failure: None };
    for &age in &ALL_AGES {
        for (ids, action) in [
            (&["trafficking_indicators", "debt_bondage", "found_out_of_area"][..], ActionId::ConsiderNrmReferral),
            (&["radicalisation_concern"][..], ActionId::ConsiderPreventReferral),
        ] {
            for id in ids {
                c.run(&yes(base(r, age, Fill::No), idx(id)), &title(idx(id)), |d| {
                    action_at_least(d, action, Urgency::Within1WorkingDay)?;
                    if age <= 17 { action_at_least(d, ActionId::ReferToFrontDoor, Urgency::Within1WorkingDay) } else { Ok(()) }
                });
            }
        }
    }
    push(
        c,
        "trafficking signs get “consider_nrm_referral” and radicalisation “consider_prevent_referral”, within one working day, with a front-door referral for a child",
    );
}
