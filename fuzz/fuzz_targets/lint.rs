//! The language lint on any text: never a panic, and every finding's span is inside the
//! text and names exactly the characters it reports.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let n = text.chars().count();
    for f in hoth::lint::lint(text) {
        assert!(f.start < f.end && f.end <= n, "span {}..{} outside {n} characters", f.start, f.end);
        let span: String = text.chars().skip(f.start).take(f.end - f.start).collect();
        assert_eq!(span, f.text);
    }
});
