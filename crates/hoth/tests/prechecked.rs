//! `Ruleset::from_json_prechecked`, the WebAssembly core's only loader (feature `prechecked`;
//! `cargo test --workspace` turns it on through bindings/wasm, or run
//! `cargo test -p hoth --features prechecked --test prechecked`).
//!
//! The core compiles a ruleset without checking it when the SHA-256 of its canonical JSON is
//! one a full check accepted. That is sound when equal canonical JSON means an equal ruleset,
//! and when the ruleset compiled that way behaves exactly as the checked one: both are
//! tested here, on the Tees ruleset and every encoded tool.
#![cfg(feature = "prechecked")]

use hoth::Ruleset;

fn rulesets() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut out = vec![("tees-hoth".to_owned(), std::fs::read_to_string(format!("{root}/seeds/tees-hoth.ruleset.json")).unwrap())];
    let mut files: Vec<_> = std::fs::read_dir(format!("{root}/seeds/rulesets")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files.into_iter().filter(|f| f.to_string_lossy().ends_with(".ruleset.json")) {
        out.push((f.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&f).unwrap()));
    }
    assert!(out.len() >= 4, "the Tees ruleset and at least three encoded tools");
    out
}

#[test]
fn a_checked_ruleset_read_by_its_sha256_is_the_same_ruleset() {
    for (name, text) in rulesets() {
        let checked = Ruleset::from_json(&text).unwrap_or_else(|e| panic!("{name}: {}", e.summary()));
        let again = Ruleset::from_json_prechecked(&text, checked.sha256()).unwrap();
        assert_eq!(again.file(), checked.file(), "{name}");
        assert_eq!(again.sha256(), checked.sha256(), "{name}");
        // Its canonical JSON reads back as the same file: the SHA-256 of canonical JSON names
        // one ruleset, whatever the formatting of the text it came from.
        let canonical = hoth::ffi::ruleset_json(&checked);
        let back = Ruleset::from_json_prechecked(&canonical, checked.sha256()).unwrap();
        assert_eq!(back.file(), checked.file(), "{name}");
        assert_eq!(hoth::ffi::ruleset_json(&back), canonical, "{name}");
    }
}

#[test]
fn a_ruleset_read_by_its_sha256_screens_byte_for_byte_as_the_checked_one() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut requests: Vec<String> = Vec::new();
    for dir in ["seeds/examples", "tests/golden"] {
        let mut files: Vec<_> = std::fs::read_dir(format!("{root}/{dir}")).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
            let text = std::fs::read_to_string(&f).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            requests.push(match v.get("request") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(r) => r.to_string(),
                None => text,
            });
        }
    }
    assert!(requests.len() > 20);
    for (name, text) in rulesets() {
        let checked = Ruleset::from_json(&text).unwrap();
        let again = Ruleset::from_json_prechecked(&text, checked.sha256()).unwrap();
        for request in &requests {
            let a = hoth::ffi::screen(&checked, request.as_bytes());
            assert_eq!(hoth::ffi::screen(&again, request.as_bytes()), a, "{name}: {request:.80}");
            if let hoth::ffi::JsonResult::Ok(outcome) = &a {
                for html in [false, true] {
                    assert_eq!(
                        hoth::ffi::summary(&again, outcome.as_bytes(), html),
                        hoth::ffi::summary(&checked, outcome.as_bytes(), html)
                    );
                }
            }
            assert_eq!(hoth::ffi::triage(&again, request.as_bytes()), hoth::ffi::triage(&checked, request.as_bytes()), "{name}");
        }
        assert_eq!(hoth::ffi::versions(&again), hoth::ffi::versions(&checked), "{name}");
    }
}

#[test]
fn any_other_text_is_refused_and_nothing_is_compiled() {
    let (_, text) = rulesets().remove(0);
    let sha = Ruleset::from_json(&text).unwrap().sha256().to_owned();
    let changed = text.replacen("\"title\": \"", "\"title\": \"X", 1);
    let broken_bands = text.replacen("\"min\": 0", "\"min\": 1", 1);
    for other in [changed.as_str(), broken_bands.as_str(), "", "{}", "[", &text[..text.len() / 2]] {
        let e = Ruleset::from_json_prechecked(other, &sha).map(|_| ()).unwrap_err();
        assert!(
            e.errors.iter().all(|x| x.code != hoth::ErrorCode::Internal),
            "refused as a ruleset that was not checked, or as unreadable: {}",
            e.summary()
        );
    }
    let e = Ruleset::from_json_prechecked(&changed, &sha).map(|_| ()).unwrap_err();
    assert!(e.errors[0].message.contains("not the one that was checked"), "{}", e.summary());
    // A SHA-256 that is not even one: refused the same way.
    assert!(Ruleset::from_json_prechecked(&text, "not a sha").is_err());
}
