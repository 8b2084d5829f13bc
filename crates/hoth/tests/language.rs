//! The engine's own words pass its language guide: every text in the Tees ruleset, every
//! explanation and error message the engine prints for the golden cases, the report page,
//! and the project's docs and screening page. Zero findings.

use std::path::PathBuf;

use hoth::Ruleset;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Markdown with inline `code` spans removed (the docs quote wording to avoid as code);
/// fenced code blocks are kept and linted like any other text.
fn without_code_spans(markdown: &str) -> String {
    let mut fenced = false;
    let mut out = String::new();
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if fenced {
            out.push_str(line);
        } else {
            out.push_str(&line.split('`').step_by(2).collect::<Vec<_>>().join(" "));
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_engine_and_its_docs_use_no_language_the_guide_flags() {
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut ruleset_strings = Vec::new();
    strings(&serde_json::from_str(hoth::ruleset::TEES_RULESET_JSON).unwrap(), &mut ruleset_strings);
    texts.extend(ruleset_strings.into_iter().map(|s| ("seeds/tees-hoth.ruleset.json".to_owned(), s)));
    texts.push(("hoth rules explain".into(), hoth::explain::explain_ruleset(Ruleset::tees())));
    let mut report = hoth::report::Report::new();
    for entry in std::fs::read_dir(root().join("tests/golden")).unwrap() {
        let path = entry.unwrap().path();
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let bytes = match &case["request"] {
            Value::String(s) => s.clone().into_bytes(),
            other => serde_json::to_vec(other).unwrap(),
        };
        let name = path.display().to_string();
        match hoth::screen_json(Ruleset::tees(), &bytes) {
            Ok(o) => {
                texts.push((format!("{name} (outcome)"), serde_json::to_string(&o).unwrap()));
                texts.push((format!("{name} (explain)"), hoth::explain::explain_outcome(Ruleset::tees(), &o)));
                report.add(&o);
            }
            Err(e) => texts.push((format!("{name} (errors)"), e.summary())),
        }
    }
    texts.push(("hoth report (HTML)".into(), report.to_html()));
    for doc in ["README.md", "ARCHITECTURE.md", "SECURITY.md", "BENCHMARKS.md", "docs/analyst-guide.md"] {
        texts.push((doc.to_owned(), without_code_spans(&std::fs::read_to_string(root().join(doc)).unwrap())));
    }
    for page in ["bindings/wasm/www/index.html", "bindings/wasm/www/app.js"] {
        texts.push((page.to_owned(), std::fs::read_to_string(root().join(page)).unwrap()));
    }
    let mut problems = Vec::new();
    for (place, text) in &texts {
        for f in hoth::lint::lint(text) {
            problems.push(format!("{place}: \"{}\" ({}): {}", f.text, f.id, f.use_instead));
        }
    }
    assert!(texts.len() > 800, "expected every ruleset string and golden output, got {}", texts.len());
    assert!(problems.is_empty(), "{} finding(s):\n{}", problems.len(), problems.join("\n"));
}
