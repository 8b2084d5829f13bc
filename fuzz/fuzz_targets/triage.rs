//! Triage (contract §8) on arbitrary bytes: never a panic, and never an error for a JSON
//! object within the size limit, whatever its fields say. Its actions are always in the
//! contract's order, and its JSON is the same bytes as serde's.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ruleset = hoth::Ruleset::tees();
    let is_object = data.len() <= hoth::request::MAX_REQUEST_BYTES
        && matches!(serde_json::from_slice::<serde_json::Value>(data), Ok(serde_json::Value::Object(_)));
    match hoth::screen::triage::triage(ruleset, data) {
        Ok(t) => {
            assert_eq!(serde_json::to_string(&t).unwrap(), t.to_json(), "triage bytes must be serde's");
            let order: Vec<_> = t.actions.iter().map(|a| (std::cmp::Reverse(a.urgency), a.id.as_str())).collect();
            assert!(order.windows(2).all(|w| w[0] <= w[1]), "actions most urgent first, then by id");
        }
        // serde_json refuses nesting one level sooner than the engine, so only a document
        // both read as an object must never be refused.
        Err(e) => assert!(!is_object, "triage refused a JSON object: {}", e.summary()),
    }
});
