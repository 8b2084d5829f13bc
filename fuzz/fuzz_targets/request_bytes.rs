//! Raw bytes as a request: never a panic; either a complete outcome that parses back as
//! the contract's Outcome, or a non-empty error list with a code and message each.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ruleset = hoth::Ruleset::tees();
    let mut out = Vec::new();
    match hoth::screen_into(ruleset, data, &mut out) {
        Ok(()) => {
            let o: hoth::Outcome = serde_json::from_slice(&out).expect("outcome JSON must parse as an Outcome");
            assert_eq!(serde_json::to_vec(&o).unwrap(), out, "outcome bytes must be canonical");
        }
        Err(e) => {
            assert!(out.is_empty(), "no partial outcome on error");
            assert!(!e.errors.is_empty());
            assert!(e.errors.iter().all(|x| !x.message.is_empty() && (x.pointer.is_empty() || x.pointer.starts_with('/'))));
        }
    }
});
