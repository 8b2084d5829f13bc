//! Request errors that golden files cannot hold comfortably: size and depth limits, long
//! strings, duplicate keys. Each gets its own code and never a partial outcome.

use hoth::{ErrorCode, Ruleset};

fn codes(bytes: &[u8]) -> Vec<(String, ErrorCode)> {
    match hoth::screen_json(Ruleset::tees(), bytes) {
        Ok(_) => vec![],
        Err(e) => e.errors.into_iter().map(|e| (e.pointer, e.code)).collect(),
    }
}

const BASE: &str =
    r#""local_authority":"hartlepool","child":{"age_years":15},"immediate_danger":"no","crime_suspected":"no","disclosure":"no""#;

#[test]
fn requests_over_64_kib_are_too_large() {
    let padding = "x".repeat(64 * 1024);
    let req = format!(r#"{{{BASE},"professional_judgement":{{"direction":"raise","reason":"{padding}","recorded_by_role":"teacher"}}}}"#);
    assert_eq!(codes(req.as_bytes()), vec![("".into(), ErrorCode::TooLarge)]);
}

/// The limit is 65,536 bytes: a request of exactly that size is read (padded with the
/// whitespace JSON allows), one byte more is refused.
#[test]
fn a_request_of_exactly_64_kib_is_read() {
    let req = format!("{{{BASE}}}");
    let at_limit = format!("{req}{}", " ".repeat(hoth::request::MAX_REQUEST_BYTES - req.len()));
    assert_eq!(at_limit.len(), 65_536);
    assert_eq!(codes(at_limit.as_bytes()), vec![]);
    let over = format!("{at_limit} ");
    assert_eq!(codes(over.as_bytes()), vec![("".into(), ErrorCode::TooLarge)]);
}

/// Who made a judgement: up to 100 characters (counted as characters, not bytes).
#[test]
fn roles_over_100_characters_are_too_long() {
    let with_role = |role: &str| {
        format!(r#"{{{BASE},"professional_judgement":{{"direction":"raise","reason":"seen at the park","recorded_by_role":"{role}"}}}}"#)
    };
    assert_eq!(codes(with_role(&"é".repeat(100)).as_bytes()), vec![]);
    assert_eq!(
        codes(with_role(&"é".repeat(101)).as_bytes()),
        vec![("/professional_judgement/recorded_by_role".into(), ErrorCode::TooLong)]
    );
}

#[test]
fn deep_nesting_is_too_deep_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let req = format!(r#"{{{BASE},"indicators":{{"missing_overnight":{deep}}}}}"#);
    assert_eq!(codes(req.as_bytes()), vec![("".into(), ErrorCode::TooDeep)]);
}

#[test]
fn reasons_over_2000_characters_are_too_long() {
    let reason = "é".repeat(2001);
    let req = format!(r#"{{{BASE},"professional_judgement":{{"direction":"raise","reason":"{reason}","recorded_by_role":"teacher"}}}}"#);
    assert_eq!(codes(req.as_bytes()), vec![("/professional_judgement/reason".into(), ErrorCode::TooLong)]);
    let ok = format!(
        r#"{{{BASE},"professional_judgement":{{"direction":"raise","reason":"{}","recorded_by_role":"teacher"}}}}"#,
        "é".repeat(2000)
    );
    assert_eq!(codes(ok.as_bytes()), vec![]);
}

#[test]
fn duplicate_keys_are_refused_not_silently_collapsed() {
    let req = format!(r#"{{{BASE},"disclosure":"yes"}}"#);
    assert_eq!(codes(req.as_bytes()), vec![("/disclosure".into(), ErrorCode::DuplicateKey)]);
    // An indicator answered twice ("yes", then "no") is ambiguous about a child: refused
    // at its pointer, never resolved by taking the first or the last answer.
    let req = format!(r#"{{{BASE},"indicators":{{"missing_overnight":"yes","missing_episode":"no","missing_overnight":"no"}}}}"#);
    assert_eq!(codes(req.as_bytes()), vec![("/indicators/missing_overnight".into(), ErrorCode::DuplicateKey)]);
}

#[test]
fn pointers_escape_slash_and_tilde() {
    let req = format!(r#"{{{BASE},"indicators":{{"a/b~c":"yes"}}}}"#);
    assert_eq!(codes(req.as_bytes()), vec![("/indicators/a~1b~0c".into(), ErrorCode::UnknownIndicator)]);
}

#[test]
fn non_object_requests_and_empty_input() {
    assert_eq!(
        codes(b"[]"),
        vec![
            ("".into(), ErrorCode::InvalidType),
            ("/local_authority".into(), ErrorCode::MissingField),
            ("/child".into(), ErrorCode::MissingField),
            ("/immediate_danger".into(), ErrorCode::MissingField),
            ("/crime_suspected".into(), ErrorCode::MissingField),
            ("/disclosure".into(), ErrorCode::MissingField)
        ]
    );
    assert_eq!(codes(b""), vec![("".into(), ErrorCode::InvalidJson)]);
}

#[test]
fn did_you_mean_for_fields_and_descriptors() {
    let req = format!(r#"{{{BASE},"indicator":{{}},"threshold_descriptors":["ch4_exploited_by_adult_or_group"]}}"#);
    let e = hoth::screen_json(Ruleset::tees(), req.as_bytes()).unwrap_err();
    let msgs: Vec<&str> = e.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("did you mean 'indicators'?")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("did you mean 'ch4_exploited_by_adults_or_group'?")), "{msgs:?}");
}

/// A missing required field is reported at its pointer with a message that says what it
/// must be (for a developer; `help` is the person's sentence).
#[test]
fn a_missing_field_says_what_it_must_be() {
    let messages = |bytes: &[u8]| -> Vec<(String, String)> {
        hoth::screen_json(Ruleset::tees(), bytes).unwrap_err().errors.into_iter().map(|e| (e.pointer, e.message)).collect()
    };
    let answers = "one of no, not_known, yes";
    assert_eq!(
        messages(b"{}"),
        vec![
            (
                "/local_authority".into(),
                "local_authority is required: one of hartlepool, stockton_on_tees, middlesbrough, redcar_and_cleveland".into()
            ),
            // A missing child is one problem, not also a missing age.
            ("/child".into(), "child is required: an object with at least age_years".into()),
            ("/immediate_danger".into(), format!("immediate_danger is required: {answers}")),
            ("/crime_suspected".into(), format!("crime_suspected is required: {answers}")),
            ("/disclosure".into(), format!("disclosure is required: {answers}")),
        ]
    );
    let no_age = br#"{"local_authority":"hartlepool","child":{},"immediate_danger":"no","crime_suspected":"no","disclosure":"no"}"#;
    assert_eq!(messages(no_age), vec![("/child/age_years".into(), "age_years is required: a whole number".into())]);
}

/// A required field that is given but cannot be read has one error, saying why; it is not
/// also reported missing.
#[test]
fn an_unreadable_required_field_is_not_also_missing() {
    let with = |field: &str, value: &str| {
        let base = BASE.replace(&format!("\"{field}\":"), &format!("\"{field}_was\":"));
        let kept: Vec<&str> = base.split_inclusive(',').filter(|p| !p.contains("_was")).collect();
        format!("{{{},\"{field}\":{value}}}", kept.concat().trim_end_matches(','))
    };
    let cases: [(&str, &str, &str, ErrorCode); 5] = [
        ("local_authority", r#""durham""#, "/local_authority", ErrorCode::InvalidValue),
        ("local_authority", "7", "/local_authority", ErrorCode::InvalidType),
        ("immediate_danger", r#""maybe""#, "/immediate_danger", ErrorCode::InvalidValue),
        ("disclosure", "true", "/disclosure", ErrorCode::InvalidType),
        ("child", r#"{"age_years":"ten"}"#, "/child/age_years", ErrorCode::InvalidType),
    ];
    for (field, value, pointer, code) in cases {
        let req = with(field, value);
        assert_eq!(codes(req.as_bytes()), vec![(pointer.to_owned(), code)], "{req}");
    }
    // A child that is not an object: one error at /child, not also a missing age.
    let req = with("child", "15");
    assert_eq!(codes(req.as_bytes()), vec![("/child".to_owned(), ErrorCode::InvalidType)], "{req}");
}

/// A compact outcome leaves the judgement's reason out (§5: free text does not belong in
/// an analyst's extract), so reading one back takes a missing reason as empty; a form's
/// request without a reason is refused (R9: never applied silently).
#[test]
fn a_compact_record_reads_back_without_the_reason_a_request_does_not() {
    let ruleset = Ruleset::tees();
    let with_reason = format!(
        r#"{{{BASE},"professional_judgement":{{"direction":"raise","reason":"seen with older men at the station","recorded_by_role":"teacher"}}}}"#
    );
    let mut compact = Vec::new();
    hoth::screen::screen_into_with(ruleset, with_reason.as_bytes(), hoth::screen::Detail::Compact, &mut compact).unwrap();
    assert!(!String::from_utf8_lossy(&compact).contains("older men"), "the compact outcome leaves the reason out");
    let reread = hoth::screen::reread_outcome(ruleset, &compact).unwrap();
    let full = hoth::screen_json(ruleset, with_reason.as_bytes()).unwrap();
    // Nothing else is of concern, so raising (R9) gives low, as when it was screened.
    assert_eq!((reread.hoth_concern, full.hoth_concern), (hoth::Concern::Low, hoth::Concern::Low));
    let without = format!(r#"{{{BASE},"professional_judgement":{{"direction":"raise","recorded_by_role":"teacher"}}}}"#);
    assert_eq!(codes(without.as_bytes()), vec![("/professional_judgement/reason".to_owned(), ErrorCode::MissingReason)]);
}
