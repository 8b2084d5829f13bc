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
