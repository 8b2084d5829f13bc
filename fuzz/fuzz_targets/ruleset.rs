//! Ruleset loading and validation from raw bytes: never a panic; a ruleset that loads must
//! screen a request (every valid request gets an outcome under every valid ruleset).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match hoth::Ruleset::from_json(text) {
        Ok(r) => {
            let req = br#"{"local_authority":"hartlepool","child":{"age_years":14},"immediate_danger":"yes","crime_suspected":"no","disclosure":"no"}"#;
            let mut out = Vec::new();
            hoth::screen_into(&r, req, &mut out).expect("a valid ruleset screens a valid request");
        }
        Err(e) => assert!(!e.errors.is_empty()),
    }
});
