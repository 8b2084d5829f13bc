//! The batch line reader and runner: one output line per input line, always, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let summary = hoth::batch::run(hoth::Ruleset::tees(), data, &mut out, |_, _| {}).unwrap();
    let expected_lines = data.split(|b| *b == b'\n').count() - usize::from(data.is_empty() || data.ends_with(b"\n"));
    assert_eq!(summary.lines as usize, expected_lines);
    assert_eq!(out.iter().filter(|b| **b == b'\n').count(), expected_lines);
    assert_eq!(summary.outcomes + summary.errors, summary.lines);
});
