//! Each reason's `changed` (contract §5): whether the rule changed the concern, the
//! threshold or an action. A rule that held but changed nothing is listed with `false`,
//! "like R6 after the band". Golden cases check which rules are listed; these check what
//! each listing says it did, on the project's example requests.

use hoth::Ruleset;
use serde_json::Value;

fn reasons(example: &str) -> Vec<(String, bool)> {
    let path = format!("{}/../../seeds/examples/{example}.json", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    let outcome = serde_json::to_value(hoth::screen_json(Ruleset::tees(), &bytes).unwrap()).unwrap();
    outcome["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["rule"].as_str().unwrap().to_owned(), r["changed"] == Value::Bool(true)))
        .collect()
}

fn changed(list: &[(String, bool)], rule: &str) -> bool {
    // A rule with several clauses may be listed more than once: its first listing.
    list.iter().find(|(r, _)| r == rule).unwrap_or_else(|| panic!("{rule} is not among the reasons {list:?}")).1
}

#[test]
fn a_serious_sign_after_the_band_changed_nothing() {
    // The contract's own example: the band already gives moderate, so R6 (a serious sign
    // on its own is at least moderate) held and changed nothing.
    let list = reasons("contract_example");
    assert!(changed(&list, "band_moderate"), "{list:?}");
    assert!(!changed(&list, "R6"), "{list:?}");
    // Unanswered questions add "complete the screening" (R11): a change.
    assert!(changed(&list, "R11"), "{list:?}");
}

#[test]
fn immediate_danger_changes_what_to_do() {
    // R1 adds "call 999 now": nothing else in the ruleset does, so it changed an action.
    let list = reasons("immediate_danger_county_lines");
    assert!(changed(&list, "R1"), "{list:?}");
    assert!(changed(&list, "band_significant"), "{list:?}");
    assert!(!changed(&list, "R6"), "significant already, so R6 changed nothing: {list:?}");
}

#[test]
fn a_child_with_no_signs_is_recorded_as_such() {
    // No indicator answered yes: the "none" band is where the concern starts, so it changed
    // nothing; signposting to universal services is an action it adds.
    let list = reasons("complete_no_current_indicators");
    assert!(!changed(&list, "band_none"), "{list:?}");
    assert!(changed(&list, "A1"), "{list:?}");
}
