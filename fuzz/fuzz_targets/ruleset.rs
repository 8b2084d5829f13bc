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
            // And with its first indicators answered yes, so the indicator forms (counts,
            // section subtotals, harm types) are evaluated on something.
            let ids: Vec<String> = r.file().indicators.iter().take(4).map(|i| format!("\"{}\":\"yes\"", i.id)).collect();
            let req = format!(
                r#"{{"local_authority":"middlesbrough","child":{{"age_years":12,"education":"excluded","send":"yes"}},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{{{}}}}}"#,
                ids.join(",")
            );
            out.clear();
            hoth::screen_into(&r, req.as_bytes(), &mut out).expect("a valid ruleset screens a valid request");
        }
        Err(e) => assert!(!e.errors.is_empty()),
    }
});
