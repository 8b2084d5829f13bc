//! A [`Decision`]'s accessors, read directly: the actions in the contract's order (§5:
//! most urgent first, then by id) and the most urgent one, the information gaps, the harm
//! types and the Children in Need census factors. The outcome writer, the Arrow table and
//! the reports read these; golden cases see them only through whole outcomes, and
//! `cargo mutants` found that the rule path's own suites did not hold them (see
//! docs/mutants.md). Expected values come from the contract and the Tees ruleset's data
//! (each indicator's harm types, each census factor's indicators and harm types).

use hoth::vocab::HarmType;
use hoth::{Decision, Ruleset, Screening, Urgency, eval};

/// A request for a child of `age` in Hartlepool with these safety answers and indicators.
fn screening(age: u8, danger: &str, indicators: &[(&str, &str)]) -> Screening {
    let answers: Vec<String> = indicators.iter().map(|(id, a)| format!("\"{id}\":\"{a}\"")).collect();
    let request = format!(
        r#"{{"local_authority":"hartlepool","child":{{"age_years":{age}}},"immediate_danger":"{danger}","crime_suspected":"no","disclosure":"no","indicators":{{{}}}}}"#,
        answers.join(",")
    );
    hoth::parse_request(Ruleset::tees(), request.as_bytes()).unwrap()
}

fn decide(s: &Screening) -> Decision {
    hoth::evaluate(Ruleset::tees(), s)
}

fn ordered(d: &Decision) -> Vec<(String, Urgency)> {
    d.actions_in_order(Ruleset::tees()).map(|(a, u)| (a.as_str().to_owned(), u)).collect()
}

/// §5: "Actions are sorted by urgency, most urgent first, then by id."
fn assert_contract_order(list: &[(String, Urgency)]) {
    for pair in list.windows(2) {
        let ((a, ua), (b, ub)) = (&pair[0], &pair[1]);
        assert!(ua > ub || (ua == ub && a < b), "{a} ({ua:?}) is listed before {b} ({ub:?}): {list:?}");
    }
}

#[test]
fn immediate_danger_puts_999_first_and_most_urgent() {
    let d = decide(&screening(15, "yes", &[("found_out_of_area", "yes"), ("found_with_drugs_or_cash", "yes")]));
    let list = ordered(&d);
    assert_eq!(list.first(), Some(&("call_999".to_owned(), Urgency::Immediate)), "{list:?}");
    assert_eq!(d.top_urgency(), Some(Urgency::Immediate));
    assert!(list.len() >= 3, "county lines signs in danger advise more than one step: {list:?}");
    assert_contract_order(&list);
}

#[test]
fn every_action_advised_is_listed_once_in_contract_order() {
    // Several routes at once (a child of 12 with signs of exploitation and gaps), so some
    // urgencies are shared and the order by id is exercised.
    let s =
        screening(12, "no", &[("controlling_older_person", "yes"), ("missing_overnight", "yes"), ("sharing_sexual_images", "not_known")]);
    let d = decide(&s);
    let list = ordered(&d);
    assert_contract_order(&list);
    let advised = d.actions.iter().filter(|u| u.is_some()).count();
    assert_eq!(list.len(), advised, "each advised action once: {list:?}");
    assert!(
        list.iter().any(|(a, _)| a == "complete_screening"),
        "an unanswered indicator asks for the screening to be completed: {list:?}"
    );
    assert_eq!(d.top_urgency(), list.first().map(|(_, u)| *u));
    assert!(list.windows(2).any(|p| p[0].1 == p[1].1), "two actions share an urgency, so the id order is tested: {list:?}");
}

#[test]
fn the_most_urgent_action_of_a_child_with_no_signs_is_routine() {
    // Every indicator answered no: signposting only, nothing urgent.
    let ids: Vec<String> = Ruleset::tees().file().indicators.iter().map(|i| i.id.clone()).collect();
    let answers: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), "no")).collect();
    let d = decide(&screening(14, "no", &answers));
    assert_eq!(d.top_urgency(), Some(Urgency::Routine), "{:?}", ordered(&d));
}

#[test]
fn gaps_are_the_indicators_not_answered_yes_or_no_in_catalogue_order() {
    let ruleset = Ruleset::tees();
    let ids: Vec<&str> = ruleset.file().indicators.iter().map(|i| i.id.as_str()).collect();
    // Every indicator answered except two: one not known, one left out. Given in reverse
    // catalogue order, so the gaps' order is the catalogue's, not the request's.
    let (left_out, unknown) = (ids[3], ids[20]);
    let answers: Vec<(&str, &str)> =
        ids.iter().rev().filter(|id| **id != left_out).map(|id| (*id, if *id == unknown { "not_known" } else { "no" })).collect();
    let s = screening(14, "no", &answers);
    let gaps: Vec<&str> = eval::gaps(ruleset, &s).iter().map(|i| ids[i]).collect();
    assert_eq!(gaps, vec![left_out, unknown]);
    assert!(decide(&s).has_gaps);
    // Every indicator answered: no indicator gaps (the child's context questions, left
    // out here, are still other gaps: R11).
    let all: Vec<(&str, &str)> = ids.iter().map(|id| (*id, "no")).collect();
    let s = screening(14, "no", &all);
    assert!(eval::gaps(ruleset, &s).is_empty());
    assert_ne!(decide(&s).other_gaps, 0);
}

#[test]
fn harm_types_are_those_of_the_yes_indicators_in_contract_order() {
    let ruleset = Ruleset::tees();
    // The ruleset gives missing_overnight: missing, sexual and criminal exploitation;
    // carrying_weapon: serious youth violence; found_with_drugs_or_cash: criminal
    // exploitation again (a type two signs share is listed once). A "not known" sign adds
    // nothing.
    let s = screening(
        15,
        "no",
        &[
            ("carrying_weapon", "yes"),
            ("missing_overnight", "yes"),
            ("found_with_drugs_or_cash", "yes"),
            ("radicalisation_concern", "not_known"),
        ],
    );
    let got: Vec<HarmType> = eval::harm_types(ruleset, &s).collect();
    assert_eq!(
        got,
        vec![HarmType::ChildSexualExploitation, HarmType::ChildCriminalExploitation, HarmType::SeriousYouthViolence, HarmType::Missing]
    );
    // A vulnerability has no harm type.
    let s = screening(15, "no", &[("isolated_from_peers", "yes")]);
    assert_eq!(eval::harm_types(ruleset, &s).count(), 0);
}

#[test]
fn census_factors_follow_the_yes_indicators_for_children_only() {
    let ruleset = Ruleset::tees();
    // missing_overnight is listed under 10A (missing) and carries sexual (11A) and
    // criminal (24A) exploitation; in the ruleset's order.
    let s = screening(15, "no", &[("missing_overnight", "yes")]);
    let d = decide(&s);
    let got: Vec<&str> = eval::cin_factors(ruleset, &s, &d).collect();
    assert_eq!(got, vec!["10A", "11A", "24A"]);
    // substance_misuse is 2A by name, and exploitation by its harm types.
    let s = screening(15, "no", &[("substance_misuse", "yes")]);
    let got: Vec<&str> = eval::cin_factors(ruleset, &s, &decide(&s)).collect();
    assert_eq!(got, vec!["11A", "24A", "2A"]);
    // R10: the census is children's; a young adult of 19 has none.
    let s = screening(19, "no", &[("missing_overnight", "yes")]);
    let d = decide(&s);
    assert_eq!(d.threshold, None);
    assert_eq!(eval::cin_factors(ruleset, &s, &d).count(), 0);
    // No yes answer, no factor.
    let s = screening(15, "no", &[("missing_overnight", "no")]);
    assert_eq!(eval::cin_factors(ruleset, &s, &decide(&s)).count(), 0);
}
