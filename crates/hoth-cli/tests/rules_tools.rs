//! `hoth rules diff`, `impact`, `explain --html` and `new` as an author or an analyst runs
//! them (issue 17: what a revision changes, and authoring). Expectations come from the
//! issue and the contract: rulesets here are the Tees ruleset with one thing changed.

use std::io::Write;
use std::path::{Path, PathBuf};
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
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const TEES: &str = "seeds/tees-hoth.ruleset.json";

fn tees_json() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(TEES)).unwrap()).unwrap()
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hoth-rules-tools-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_json(path: &Path, v: &Value) -> String {
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The Tees ruleset with the moderate band starting at 6 instead of 4 (the low band
/// widened to meet it), as an analyst's what-if revision.
fn moderate_band_moved() -> Value {
    let mut v = tees_json();
    v["version"] = "2026.2-moderate-from-6".into();
    let bands = v["bands"].as_array_mut().unwrap();
    let moderate = bands.iter().position(|b| b["concern"] == "moderate").unwrap();
    assert_eq!(bands[moderate]["min"], 4, "the contract's default bands: moderate is 4–8");
    bands[moderate]["min"] = 6.into();
    bands[moderate]["title"] = "Score 6 to 8".into();
    bands[moderate - 1]["max"] = 5.into();
    bands[moderate - 1]["title"] = "Score 1 to 5".into();
    v
}

#[test]
fn diff_says_what_a_revision_changes_in_plain_words() {
    let dir = scratch("diff");
    let mut v = moderate_band_moved();
    // A weight and a rule's reason change too.
    let weapon = v["indicators"].as_array().unwrap().iter().position(|i| i["id"] == "carrying_weapon").unwrap();
    v["indicators"][weapon]["weight"] = 2.into();
    let weapon_title = v["indicators"][weapon]["title"].as_str().unwrap().to_owned();
    let new = write_json(&dir.join("new.json"), &v);
    let o = hoth(&["rules", "diff", TEES, &new], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = text(&o);
    assert!(t.contains("Score bands\n"), "{t}");
    assert!(t.contains("    - lowest score: 4 → 6\n"), "{t}");
    assert!(t.contains("    - highest score: 3 → 5\n"), "{t}");
    assert!(t.contains(&format!("  Changed: “{weapon_title}”\n    - weight: 3 → 2\n")), "{t}");
    // For people: titles, not ids.
    for id in ["carrying_weapon", "band_moderate", "band_low"] {
        assert!(!t.contains(id), "an id in the text for people: {id}\n{t}");
    }
    // JSON: the same changes, sections in the file's order, stable bytes.
    let o = hoth(&["rules", "diff", TEES, &new, "--json"], b"");
    assert_eq!(o.status.code(), Some(0));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let sections: Vec<&str> = j["sections"].as_array().unwrap().iter().map(|s| s["section"].as_str().unwrap()).collect();
    assert_eq!(sections, ["", "indicators", "bands"]);
    let bands = &j["sections"][2]["changed"];
    assert_eq!(bands[0]["key"], "band_low");
    assert_eq!(bands[1]["key"], "band_moderate");
    assert!(bands[1]["fields"].as_array().unwrap().iter().any(|f| f["field"] == "min" && f["before"] == 4 && f["after"] == 6));
    let again = hoth(&["rules", "diff", TEES, &new, "--json"], b"");
    assert_eq!(o.stdout, again.stdout, "same input, same bytes");
    // Nothing changes between a file and itself, however it is laid out.
    let respaced = write_json(&dir.join("respaced.json"), &tees_json());
    let o = hoth(&["rules", "diff", TEES, &respaced], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).contains("nothing changes"), "{}", text(&o));
}

#[test]
fn diff_lists_added_and_removed_questions_and_rules() {
    let dir = scratch("diff-added");
    let mut v = tees_json();
    let removed = v["indicators"].as_array_mut().unwrap().remove(0);
    let mut added = removed.clone();
    added["id"] = "new_question".into();
    added["title"] = "Has anyone offered the child a lift home from school?".into();
    v["indicators"].as_array_mut().unwrap().push(added);
    // The removed question's census mapping goes with it.
    for f in v["cin_factors"].as_array_mut().unwrap() {
        if let Some(list) = f["indicators"].as_array_mut() {
            list.retain(|i| *i != removed["id"]);
        }
    }
    let new = write_json(&dir.join("new.json"), &v);
    let o = hoth(&["rules", "diff", TEES, &new], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = text(&o);
    assert!(t.contains("  Added: “Has anyone offered the child a lift home from school?”"), "{t}");
    assert!(t.contains(&format!("  Removed: “{}”", removed["title"].as_str().unwrap())), "{t}");
}

#[test]
fn diff_refuses_an_invalid_ruleset_with_its_error_list_and_exit_2() {
    let dir = scratch("diff-invalid");
    let mut v = tees_json();
    v["bands"][1]["min"] = 2.into(); // a gap between the first two bands
    let broken = write_json(&dir.join("broken.json"), &v);
    let o = hoth(&["rules", "diff", TEES, &broken], b"");
    assert_eq!(o.status.code(), Some(2));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["errors"][0]["code"], "band_gap_or_overlap");
    assert!(stderr(&o).contains("broken.json"), "{}", stderr(&o));
    let o = hoth(&["rules", "diff", TEES, "no-such-file.json"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no-such-file.json"));
}
