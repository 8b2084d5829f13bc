//! Triage (contract §8): what to do now, before the form is finished.
//!
//! A person who has just learnt that a child is in danger must not be stopped by form
//! errors. Triage takes **any** JSON object, reads only the local authority, the child's
//! age, who is screening and the three safety answers, ignores every other field, valid or
//! not, and never fails on them. A field it reads but cannot understand is listed in `unreadable` and
//! counts as not given; a key given twice counts as its most concerning value (a full
//! screening refuses it). Without an age the children's route applies; without a local
//! authority there is no front door, and texts name all four.
//!
//! The actions come from the same ruleset as a full screening, by the same evaluator: the
//! *triage clauses* are the clauses whose conditions read nothing but the safety answers
//! and the age (R1, R2, R3, R10's adult route and R12 in the Tees ruleset), marked when
//! the ruleset is compiled. So the ids, urgencies and texts are the full screening's; a
//! property test checks each triage action against the full screening of the same answers.

use crate::contract::error::{ErrorCode, ErrorList};
use crate::contract::outcome::{Action, EngineInfo, FrontDoor, RulesetInfo};
use crate::contract::request::MAX_REQUEST_BYTES;
use crate::contract::vocab::{Answer, LocalAuthority, ScreenedBy};
use crate::json::Whole;
use crate::ruleset::Ruleset;
use crate::ruleset::templates::{SAFETY, safety_gaps};
use crate::ruleset::texts::Voice;
use crate::screen::build::ScreeningBuilder;
use crate::screen::eval::evaluate_triage;

/// What triage says: the actions to take now, and what it could not read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Triage outcome")]
pub struct Triage {
    /// The engine that produced it.
    pub engine: EngineInfo,
    /// The exact ruleset that produced it.
    pub ruleset: RulesetInfo,
    /// What to do now, most urgent first, then by id: the same ids, urgencies and texts as
    /// a full screening of the same answers.
    pub actions: Vec<Action>,
    /// The child's front door, or null when the local authority is not given (the texts
    /// then name all four).
    pub front_door: Option<FrontDoor>,
    /// Safety questions not answered yet, as JSON pointers in contract order.
    pub other_gaps: Vec<String>,
    /// Fields triage reads but could not understand (counted as not given), as JSON pointers.
    pub unreadable: Vec<String>,
}

/// Triage of request bytes: fails only when the bytes are not a JSON object, or are over
/// 64 KiB.
pub fn triage(ruleset: &Ruleset, bytes: &[u8]) -> Result<Triage, ErrorList> {
    if bytes.len() > MAX_REQUEST_BYTES {
        return Err(ErrorList::one("", ErrorCode::TooLarge, crate::contract::request::TOO_LARGE));
    }
    let value = crate::json::parse_bytes(bytes)?;
    let Some(obj) = value.as_object() else {
        return Err(ErrorList::one("", ErrorCode::InvalidType, "triage needs a JSON object (a request, finished or not)"));
    };
    let mut unreadable: Vec<&'static str> = Vec::new();
    let mut local_authority: Option<LocalAuthority> = None;
    let mut la_conflict = false;
    let mut age: Option<i64> = None;
    let mut age_conflict = false;
    let mut answers = [None::<Answer>; SAFETY.len()];
    let mut screened_by: Option<ScreenedBy> = None;
    let mut by_conflict = false;
    for (key, v) in obj.iter() {
        if key == "screened_by" {
            match v.as_str().and_then(ScreenedBy::from_wire) {
                Some(by) if screened_by.is_some_and(|x| x != by) => by_conflict = true,
                Some(by) => screened_by = Some(by),
                None => by_conflict = true,
            }
        } else if key == "local_authority" {
            match v.as_str().and_then(LocalAuthority::from_wire) {
                Some(la) if local_authority.is_some_and(|x| x != la) => la_conflict = true,
                Some(la) => local_authority = Some(la),
                None => la_conflict = true,
            }
        } else if key == "child" {
            let Some(child) = v.as_object() else {
                unreadable.push("/child/age_years");
                continue;
            };
            for (_, a) in child.iter().filter(|(k, _)| *k == "age_years") {
                match a.as_whole() {
                    Whole::Fits(n) if (0..=i64::from(crate::contract::request::MAX_AGE)).contains(&n) => {
                        age_conflict |= age.is_some_and(|x| x != n);
                        age = Some(n);
                    }
                    _ => age_conflict = true,
                }
            }
        } else if let Some(i) = SAFETY.iter().position(|f| f.as_str() == key) {
            match v.as_str().and_then(Answer::from_wire) {
                // A key given twice counts as its most concerning value.
                Some(a) => answers[i] = Some(answers[i].map_or(a, |b| b.max(a))),
                None => unreadable.push(SAFETY[i].pointer()),
            }
        }
    }
    if la_conflict {
        local_authority = None;
        unreadable.push("/local_authority");
    }
    if by_conflict {
        screened_by = None;
        unreadable.push("/screened_by");
    }
    if age_conflict {
        age = None;
        unreadable.push("/child/age_years");
    }
    let mut b = ScreeningBuilder::new(ruleset);
    b.local_authority(local_authority.unwrap_or(LocalAuthority::ALL[0]));
    b.screened_by(screened_by.unwrap_or_default());
    // Without an age, the children's route: the youngest age, so no clause for older
    // children or young adults replaces a child's.
    b.age_years(age.unwrap_or(0));
    for (field, answer) in SAFETY.iter().zip(answers) {
        b.answer(*field, answer.unwrap_or(Answer::NotKnown));
    }
    let s = b.finish()?;
    let d = evaluate_triage(ruleset, &s);
    let w = &ruleset.words;
    let safety = safety_gaps(|f| s.answer(f));
    let voice = Voice::new(local_authority, s.screened_by, s.age_years);
    let texts = ruleset.action_texts(voice);
    let actions = d
        .action_slots_in_order(&ruleset.compiled)
        .map(|(slot, urgency)| Action {
            id: ruleset.compiled.action_ids[slot].clone(),
            urgency,
            text: texts.text(slot, urgency, safety).to_owned(),
        })
        .collect();
    let mut unreadable: Vec<String> = unreadable.into_iter().map(str::to_owned).collect();
    unreadable.sort_by_key(|p| crate::contract::request::FIELDS.iter().position(|f| f == p));
    unreadable.dedup();
    let file = ruleset.file();
    Ok(Triage {
        engine: EngineInfo {
            name: crate::contract::outcome::ENGINE_NAME.to_owned(),
            version: crate::contract::outcome::ENGINE_VERSION.to_owned(),
        },
        ruleset: RulesetInfo { id: file.id.clone(), version: file.version.clone(), sha256: ruleset.sha256().to_owned() },
        actions,
        front_door: local_authority.map(|la| w.front_door[la.index()][usize::from(voice.young_adult)].clone()),
        other_gaps: SAFETY.iter().filter(|f| s.answer(**f) == Answer::NotKnown).map(|f| f.pointer().to_owned()).collect(),
        unreadable,
    })
}

impl Triage {
    /// The contract's compact JSON (field order as declared).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        crate::json::write::Write::write(self, &mut out);
        out
    }
}

crate::json::write::write_struct!(Triage {
    engine: required,
    ruleset: required,
    actions: required,
    front_door: required,
    other_gaps: required,
    unreadable: required,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::vocab::{ActionId, Urgency};

    fn run(text: &str) -> Triage {
        triage(Ruleset::tees(), text.as_bytes()).unwrap()
    }
    fn actions(t: &Triage) -> Vec<(ActionId, Urgency)> {
        t.actions.iter().map(|a| (a.id.contract().expect("the Tees ruleset declares no actions of its own"), a.urgency)).collect()
    }

    #[test]
    fn danger_now_puts_999_first_whatever_else_the_form_holds() {
        let t = run(r#"{"immediate_danger":"yes","child":{"age_years":"fourteen"},"indicators":{"nonsense":1},"colour":"blue"}"#);
        assert_eq!(t.actions[0].id, ActionId::Call999);
        assert_eq!(t.actions[0].urgency, Urgency::Immediate);
        assert_eq!(t.unreadable, ["/child/age_years"]);
        assert_eq!(t.other_gaps, ["/crime_suspected", "/disclosure"]);
        assert!(t.front_door.is_none());
    }

    #[test]
    fn an_empty_object_asks_for_the_safety_answers_now() {
        let t = run("{}");
        assert_eq!(actions(&t), [(ActionId::AnswerSafetyQuestions, Urgency::Immediate)]);
        let text = &t.actions[0].text;
        for title in ["Is the child in immediate danger now?", "Is a crime suspected?", "Has the child told you about harm (a disclosure)?"]
        {
            assert!(text.contains(title), "{text}");
        }
    }

    #[test]
    fn a_key_given_twice_counts_as_its_most_concerning_value() {
        let t = run(r#"{"immediate_danger":"no","immediate_danger":"yes","crime_suspected":"no","disclosure":"no"}"#);
        assert_eq!(actions(&t), [(ActionId::Call999, Urgency::Immediate)]);
    }

    #[test]
    fn without_an_area_texts_name_every_front_door() {
        let t = run(r#"{"immediate_danger":"no","crime_suspected":"no","disclosure":"yes"}"#);
        let refer = t.actions.iter().find(|a| a.id == ActionId::ReferToFrontDoor).expect("R3: refer the same day");
        assert_eq!(refer.urgency, Urgency::SameDay);
        let file = Ruleset::tees().file();
        for la in &file.local_authorities {
            let d = file.front_doors.iter().find(|d| d.id == la.front_door).unwrap();
            assert!(refer.text.contains(&d.phone), "{} missing from {}", d.phone, refer.text);
        }
    }

    #[test]
    fn a_young_adult_disclosure_goes_to_adult_social_care() {
        let t = run(
            r#"{"local_authority":"redcar_and_cleveland","child":{"age_years":20},"immediate_danger":"no","crime_suspected":"no","disclosure":"yes"}"#,
        );
        assert_eq!(actions(&t), [(ActionId::ReferAdultSocialCare, Urgency::SameDay)]);
    }

    #[test]
    fn only_bytes_that_are_not_an_object_are_refused() {
        for bad in ["[]", "3", "not json", "\"text\""] {
            assert!(triage(Ruleset::tees(), bad.as_bytes()).is_err(), "{bad}");
        }
        let big = format!(r#"{{"x":"{}"}}"#, "a".repeat(MAX_REQUEST_BYTES));
        let e = triage(Ruleset::tees(), big.as_bytes()).unwrap_err();
        assert_eq!(e.errors[0].message, "more than 65,536 bytes");
    }

    #[test]
    fn its_json_is_serdes() {
        let t = run(r#"{"local_authority":"stockton_on_tees","immediate_danger":"not_known","crime_suspected":"yes"}"#);
        assert_eq!(t.to_json(), serde_json::to_string(&t).unwrap());
    }
}
