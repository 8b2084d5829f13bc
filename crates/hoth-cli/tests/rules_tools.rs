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
    assert!(hoth::lint::lint(&t).is_empty(), "the diff passes the language guide: {:?}", hoth::lint::lint(&t));
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

fn request(la: &str, age: u8, indicators: &str) -> String {
    format!(
        r#"{{"local_authority":"{la}","child":{{"age_years":{age}}},"immediate_danger":"no","crime_suspected":"no","disclosure":"no","indicators":{{{indicators}}}}}"#
    )
}

/// Issue 17's "done when": `hoth rules impact` on the Tees ruleset against a copy with the
/// moderate band moved prints the cross-tab.
#[test]
fn impact_of_moving_the_moderate_band_prints_the_cross_tab_by_area() {
    let dir = scratch("impact");
    let moved = write_json(&dir.join("moved.json"), &moderate_band_moved());
    let lines = [
        // Two medium signs of harm (score 4): moderate by the contract's bands, low from 6.
        request("hartlepool", 15, r#""missing_episode":"yes","unexplained_school_absence":"yes""#),
        // The same in another area.
        request("middlesbrough", 14, r#""missing_episode":"yes","unexplained_school_absence":"yes""#),
        // One high-weight sign of harm: R6 keeps it moderate whatever the band.
        request("middlesbrough", 15, r#""carrying_weapon":"yes""#),
        // Nothing answered yes.
        request("redcar_and_cleveland", 15, ""),
        // Not a request: counted as an error, never a stop.
        "{\"local_authority\": \"hartlepool\"".to_owned(),
    ];
    let input = dir.join("past.jsonl");
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let (csv, html) = (dir.join("impact.csv"), dir.join("impact.html"));
    let o = hoth(
        &["rules", "impact", TEES, &moved, input.to_str().unwrap(), "--csv", csv.to_str().unwrap(), "--html", html.to_str().unwrap()],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = text(&o);
    // The cross-tab of concern, all areas: two moderate lines are low after, one stays.
    let cross = t.split("HOTH concern before (rows) and after (columns), all areas\n").nth(1).unwrap();
    let rows: Vec<Vec<&str>> = cross.lines().take(5).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        rows[0],
        ["concern", "before", "after:", "no_current_indicators", "after:", "low", "after:", "moderate", "after:", "significant", "total"]
    );
    assert_eq!(rows[1], ["no_current_indicators", "1", "0", "0", "0", "1"]);
    assert_eq!(rows[2], ["low", "0", "0", "0", "0", "0"]);
    assert_eq!(rows[3], ["moderate", "0", "2", "1", "0", "3"]);
    assert_eq!(rows[4], ["significant", "0", "0", "0", "0", "0"]);
    // By area, and the threshold cross-tab.
    assert!(t.contains("HOTH concern before and after, by local authority\n"), "{t}");
    assert!(t.contains("Threshold of Need level before (rows) and after (columns), all areas\n"), "{t}");
    let by_area: Vec<&str> = t.lines().filter(|l| l.trim_start().starts_with("middlesbrough") && l.contains("moderate")).collect();
    assert_eq!(by_area[0].split_whitespace().collect::<Vec<_>>(), ["middlesbrough", "moderate", "0", "1", "1", "0", "2"], "{t}");
    // The changed lines: line number, before → after, the bands whose firing changed.
    let changed = t.split("Lines whose concern, threshold or actions changed\n").nth(1).unwrap();
    let listed: Vec<String> =
        changed.lines().skip(1).take_while(|l| !l.is_empty()).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(listed.len(), 2, "{changed}");
    assert!(listed[0].starts_with("1 hartlepool moderate low"), "{changed}");
    assert!(listed[1].starts_with("2 middlesbrough moderate low"), "{changed}");
    assert!(listed[0].contains("band_low now holds; band_moderate no longer holds"), "{changed}");
    // The counts.
    assert!(t.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["lines", "5", "100.0"]), "{t}");
    assert!(
        t.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["errors", "(not", "screened", "with", "either)", "1", "20.0"]),
        "{t}"
    );
    assert!(stderr(&o).contains("5 lines, 2 changed, 1 errors"), "{}", stderr(&o));
    // CSV as `hoth report` writes it.
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with("# summary: Screenings compared\nmeasure,count,percent\nlines,5,100.0\n"), "{csv}");
    assert!(csv.contains("\nmoderate,0,2,1,0,3\n"), "{csv}");
    assert!(csv.contains("\n1,hartlepool,moderate,low,"), "{csv}");
    // HTML: one self-contained page, no scripts, nothing from another origin.
    let html = std::fs::read_to_string(&html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h2 id=\"concern_before_after\">"), "{html}");
    assert!(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("href=\"http"));
    assert!(hoth::lint::lint(&html).is_empty(), "the page passes the language guide");
    // Same input, same bytes.
    let again = hoth(&["rules", "impact", TEES, &moved, input.to_str().unwrap()], b"");
    assert_eq!(again.stdout, o.stdout);
}

#[test]
fn impact_reads_stdin_and_refuses_an_invalid_ruleset() {
    let dir = scratch("impact-invalid");
    let line = request("stockton_on_tees", 16, r#""carrying_weapon":"yes""#) + "\n";
    let o = hoth(&["rules", "impact", TEES, TEES, "-"], line.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(text(&o).contains("Lines whose concern, threshold or actions changed\n  (none)\n"), "{}", text(&o));
    let mut v = tees_json();
    v["indicators"][0]["weight"] = (-1).into();
    let broken = write_json(&dir.join("broken.json"), &v);
    let o = hoth(&["rules", "impact", TEES, &broken, "-"], line.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap()["errors"][0]["code"], "negative_weight");
}

#[test]
fn explain_html_is_a_page_a_safeguarding_lead_can_read() {
    let o = hoth(&["rules", "explain", "--html"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = text(&o);
    assert!(page.starts_with("<!DOCTYPE html>"));
    // Self-contained: inline CSS only, no scripts, nothing from another origin.
    assert!(page.contains("<style>") && page.contains("default-src 'none'"));
    for bad in ["<script", "<link", "src=", "href=\"http", "@import", "url("] {
        assert!(!page.contains(bad), "{bad} in the page");
    }
    // Every question with its weight and section, every band, every rule with its source.
    let v = tees_json();
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    for i in v["indicators"].as_array().unwrap() {
        let title = esc(i["title"].as_str().unwrap());
        let row = page.split(&format!("<tr><td>{title}<br>")).nth(1).unwrap_or_else(|| panic!("no row for {title}"));
        let row = row.split("</tr>").next().unwrap();
        assert!(row.contains(&format!("<td class=\"n\">{}</td>", i["weight"])), "{title}: weight\n{row}");
    }
    for section in v["sections"].as_array().unwrap() {
        let title = esc(section["title"].as_str().unwrap());
        assert!(page.contains(&format!("<h3>Section: {title}</h3>")), "section {title}");
    }
    for b in v["bands"].as_array().unwrap() {
        assert!(page.contains(&esc(b["title"].as_str().unwrap())));
    }
    for r in v["rules"].as_array().unwrap() {
        assert!(page.contains(&esc(r["title"].as_str().unwrap())), "{}", r["title"]);
        assert!(page.contains(&esc(r["source"].as_str().unwrap())), "the source of {}", r["id"]);
    }
    // Rules in plain words, with questions by their titles.
    assert!(
        page.contains("<li>When “Is the child in immediate danger now?” is answered yes, the concern is at least significant"),
        "R1 in words"
    );
    assert!(hoth::lint::lint(&page).is_empty(), "{:?}", hoth::lint::lint(&page));
    // A ruleset file, given as RULESET.
    let dir = scratch("explain");
    let moved = write_json(&dir.join("moved.json"), &moderate_band_moved());
    let o = hoth(&["rules", "explain", "--html", &moved], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).contains("<td>Score 6 to 8<br>"), "the file's bands");
    assert!(text(&o).contains("<td>6 to 8</td>"));
    // The text tables are unchanged, and RULESET works there too.
    let o = hoth(&["rules", "explain", &moved], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(text(&o).contains("2026.2-moderate-from-6"));
    let o = hoth(&["--ruleset", TEES, "rules", "explain", &moved], b"");
    assert_eq!(o.status.code(), Some(1), "the ruleset given twice is refused");
}

#[test]
fn new_drafts_a_ruleset_from_tees_that_passes_check_with_its_schema_for_editors() {
    let dir = scratch("new");
    let draft = dir.join("hartlepool-draft.ruleset.json");
    let o = hoth(&["rules", "new", "hartlepool-draft", "-o", draft.to_str().unwrap(), "--schema", "../schemas/ruleset.schema.json"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&draft).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["$schema"], "../schemas/ruleset.schema.json");
    assert_eq!(v["id"], "hartlepool-draft");
    assert_ne!(v["version"], tees_json()["version"], "a new version");
    // Provenance marked to be filled in, everywhere: the ruleset's and each entry's.
    assert!(v["source"].as_str().unwrap().starts_with("TO FILL IN"), "{}", v["source"]);
    for list in ["indicators", "bands", "rules", "actions", "front_doors", "questions"] {
        for e in v[list].as_array().unwrap() {
            assert!(e["source"].as_str().unwrap().starts_with("TO FILL IN"), "{list}: {}", e["source"]);
            assert_eq!(e["provenance"], "reconstructed", "{list}");
        }
    }
    // The same questions and rules as the Tees ruleset, in its order.
    let ids = |v: &Value, list: &str| v[list].as_array().unwrap().iter().map(|e| e["id"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(&v, "indicators"), ids(&tees_json(), "indicators"));
    assert_eq!(ids(&v, "rules"), ids(&tees_json(), "rules"));
    // It passes `hoth rules check`, "$schema" and all, and screens.
    let o = hoth(&["rules", "check", draft.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = hoth(&["--ruleset", draft.to_str().unwrap(), "screen", "seeds/examples/contract_example.json"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap()["ruleset"]["id"], "hartlepool-draft");
    // A file that exists is never overwritten.
    let o = hoth(&["rules", "new", "other", "-o", draft.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"));
    // A name that is not an id: the error list, exit 2.
    let o = hoth(&["rules", "new", "My Ruleset"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(serde_json::from_slice::<Value>(&o.stdout).unwrap()["errors"][0]["pointer"], "/id");
}

#[test]
fn new_points_its_schema_at_the_checkout_it_is_written_in() {
    // Written on stdout from the checkout's root: the schema is at schemas/.
    let o = hoth(&["rules", "new", "stdout-draft"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["$schema"], "schemas/ruleset.schema.json");
    // That schema allows "$schema" at the top, so an editor does not flag it.
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(root().join("schemas/ruleset.schema.json")).unwrap()).unwrap();
    assert!(schema["patternProperties"].as_object().unwrap().keys().any(|k| k == "^\\$schema$"), "{}", schema["patternProperties"]);
    // A $schema changes nothing about the ruleset: the same SHA-256 as without it.
    let dir = scratch("new-sha");
    let mut with = tees_json();
    with.as_object_mut().unwrap().insert("$schema".into(), "../schemas/ruleset.schema.json".into());
    let with = write_json(&dir.join("with.json"), &with);
    let sha = |p: &str| {
        let o = hoth(&["rules", "check", p], b"");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stderr(&o).rsplit("sha256 ").next().unwrap().trim().trim_end_matches(')').to_owned()
    };
    assert_eq!(sha(&with), sha(TEES));
}
