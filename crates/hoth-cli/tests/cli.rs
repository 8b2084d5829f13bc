//! The `hoth` binary as a user runs it: exit codes, stdout/stderr, batch order.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn hoth(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hoth"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before reading stdin closes the pipe; that is not a test failure.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn stdout_json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)))
}

const CONTRACT_EXAMPLE: &str = "seeds/examples/contract_example.json";

#[test]
fn screen_prints_the_outcome_and_exits_0() {
    let o = hoth(&["screen", CONTRACT_EXAMPLE], b"");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v = stdout_json(&o);
    assert_eq!(v["hoth_concern"], "moderate");
    assert_eq!(v["front_door"]["phone"], "01642 726004");
    assert!(o.stderr.is_empty(), "nothing about the child on stderr");
}

#[test]
fn triage_puts_999_first_on_an_unfinished_form_and_refuses_only_what_is_not_an_object() {
    let o = hoth(&["triage"], br#"{"immediate_danger":"yes"}"#);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v = stdout_json(&o);
    assert_eq!(v["actions"][0]["id"], "call_999");
    assert_eq!(v["actions"][0]["urgency"], "immediate");
    assert_eq!(v["front_door"], Value::Null);
    let o = hoth(&["triage", "-"], b"[1, 2]");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout_json(&o)["errors"][0]["code"], "invalid_type");
}

#[test]
fn screen_reads_stdin_and_reports_every_error_with_exit_2() {
    let bad = br#"{"local_authority":"middlesbrough","child":{"age_years":31},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{"missing_overnite":"yes"}}"#;
    let o = hoth(&["screen", "-"], bad);
    assert_eq!(o.status.code(), Some(2));
    let v = stdout_json(&o);
    let pointers: Vec<&str> = v["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
    assert_eq!(pointers, ["/child/age_years", "/indicators/missing_overnite"]);
}

#[test]
fn explain_is_for_people() {
    let o = hoth(&["screen", "--explain", CONTRACT_EXAMPLE], b"");
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Concern:       Moderate concern – 36 questions are not answered yet"), "{text}");
    // Urgencies in words, the child's context, answers by their questions' titles, no rule ids.
    assert!(text.contains("1. Today: Answer the safety questions"), "{text}");
    assert!(text.contains("Is the child looked after (in the care of the local authority)? yes"), "{text}");
    assert!(text.contains("“Has the child been missing overnight?” (yes)"), "{text}");
    assert!(text.contains("Not answered yet (36)"), "{text}");
    for id in ["R6", "R7:", "band_moderate", "same_day", "within_1_working_day"] {
        assert!(!text.contains(id), "an id in the account for people: {id}\n{text}");
    }
    // Each reason once.
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  - The ")).collect();
    let mut unique = lines.clone();
    unique.dedup();
    assert_eq!(lines, unique);
}

#[test]
fn batch_keeps_order_and_survives_bad_lines() {
    let good = std::fs::read_to_string(root().join(CONTRACT_EXAMPLE)).unwrap().replace('\n', "");
    let long = format!("\"{}\"", "x".repeat(70_000));
    let input = format!("{good}\nnot json\n\n{long}\n{good}\n");
    let o = hoth(&["batch", "-"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["hoth_concern"], "moderate");
    assert_eq!(lines[1]["errors"][0]["code"], "invalid_json");
    // Each error line names the input line it answers (counted from 1).
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[3]["line"], 4);
    assert_eq!(lines[2]["errors"][0]["code"], "invalid_json");
    assert_eq!(lines[3]["errors"][0]["code"], "too_large");
    assert_eq!(lines[4], lines[0]);
    let summary = String::from_utf8(o.stderr).unwrap();
    assert!(summary.contains("5 lines: 2 outcomes") && summary.contains("3 errors"), "{summary}");
}

#[test]
fn batch_writes_to_a_file() {
    let dir = std::env::temp_dir().join(format!("hoth-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("out.jsonl");
    let good = std::fs::read_to_string(root().join(CONTRACT_EXAMPLE)).unwrap().replace('\n', "");
    let o = hoth(&["batch", "-", "-o", out.to_str().unwrap()], format!("{good}\n{good}\n").as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn schema_and_rules_commands() {
    for name in ["request", "outcome", "ruleset", "errors"] {
        let o = hoth(&["schema", name], b"");
        assert_eq!(o.status.code(), Some(0));
        let committed = std::fs::read(root().join(format!("schemas/{name}.schema.json"))).unwrap();
        assert_eq!(o.stdout, committed, "hoth schema {name} differs from schemas/");
    }
    let o = hoth(&["rules", "check", "seeds/tees-hoth.ruleset.json"], b"");
    assert_eq!(o.status.code(), Some(0));
    let o = hoth(&["rules", "explain"], b"");
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("R11") && text.contains("missing_overnight") && text.contains("01642 130700"));
}

#[test]
fn rules_check_points_at_the_problem_and_what_if_rulesets_work() {
    let dir = std::env::temp_dir().join(format!("hoth-cli-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(root().join("seeds/tees-hoth.ruleset.json")).unwrap()).unwrap();
    // What-if: the moderate band starts at 3 instead of 4.
    v["bands"][1]["max"] = 2.into();
    v["bands"][2]["min"] = 3.into();
    let what_if = dir.join("what-if.json");
    std::fs::write(&what_if, v.to_string()).unwrap();
    let req = br#"{"local_authority":"hartlepool","child":{"age_years":15},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{"missing_episode":"yes","change_in_presentation":"yes"}}"#;
    assert_eq!(stdout_json(&hoth(&["screen", "-"], req))["hoth_concern"], "low");
    let o = hoth(&["screen", "-", "--ruleset", what_if.to_str().unwrap()], req);
    assert_eq!(stdout_json(&o)["hoth_concern"], "moderate");
    // A gap between bands.
    v["bands"][2]["min"] = 5.into();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, v.to_string()).unwrap();
    let o = hoth(&["rules", "check", broken.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout_json(&o)["errors"][0]["pointer"], "/bands/2/min");
    let o = hoth(&["screen", "-", "--ruleset", broken.to_str().unwrap()], req);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().contains("band_gap_or_overlap"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_directory_is_named_and_ruleset_is_refused_where_it_does_not_apply() {
    let o = hoth(&["screen", "seeds"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read seeds"));
    let o = hoth(&["--ruleset", "seeds/tees-hoth.ruleset.json", "lint", "-"], b"ok");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--ruleset does not apply"));
}

#[test]
fn a_judgement_reason_is_linted_on_stderr_and_the_screening_goes_on() {
    let mut r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join(CONTRACT_EXAMPLE)).unwrap()).unwrap();
    r["professional_judgement"] =
        serde_json::json!({"direction": "raise", "reason": "She is choosing this lifestyle", "recorded_by_role": "teacher"});
    let o = hoth(&["screen", "-"], r.to_string().as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning: the judgement's reason says"));
}

#[test]
fn summary_gives_the_five_safer_sections_and_every_help_has_an_example() {
    let outcome = hoth(&["screen", CONTRACT_EXAMPLE], b"").stdout;
    let o = hoth(&["summary", "-"], &outcome);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    for h in ["S – Situation", "A – Assessment", "F – Family", "E – Expected response", "R – Recording"] {
        assert!(text.contains(h), "{h}");
    }
    for cmd in ["screen", "triage", "summary", "batch", "lint", "report", "schema"] {
        let help = String::from_utf8(hoth(&[cmd, "--help"], b"").stdout).unwrap();
        assert!(help.contains("Example:") && help.contains("Exit"), "{cmd} --help:\n{help}");
    }
}
