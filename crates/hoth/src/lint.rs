//! The language lint: flags wording that blames children for the harm done to them, and
//! says what to use instead, why, and where the advice comes from.
//!
//! The phrase catalogue is data (`seeds/language-guide.json`). Each `avoid` pattern is a
//! sequence of words matched against the text's words, ignoring the case of ASCII letters
//! (the guide is English; folding only ASCII keeps the Unicode case tables, ~11 KB, out of
//! the WASM bundle, and keeps every span one character per character):
//! - `word*` also matches simple inflections and endings: `put*` matches put, puts, putting,
//!   `prostitut*` matches prostitute and prostitution;
//!   `behaviour*` matches behaviours; `choose*` matches choosing;
//! - `a|b|c` matches any of the alternatives (each may end in `*`);
//! - `{self}` matches himself, herself, themselves, themself, yourself, myself, ourselves.
//!
//! Words are runs of letters, digits and apostrophes, so "risk-taking" is "risk taking".
//! Matching is linear in the length of the text. Spans are in characters (Unicode scalar
//! values) from the start of the text, end exclusive.

use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::contract::error::{Collector, ErrorCode, ErrorList};
use crate::contract::vocab::Provenance;

/// The embedded language guide's JSON text.
#[cfg(feature = "embedded-language-guide")]
pub const LANGUAGE_GUIDE_JSON: &str = include_str!("../../../seeds/language-guide.json");

const REFLEXIVES: [&str; 7] = ["himself", "herself", "themselves", "themself", "yourself", "myself", "ourselves"];

/// The phrase catalogue file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuideFile {
    /// Guide id.
    pub id: String,
    /// Guide version.
    pub version: String,
    /// What the guide is.
    pub title: String,
    /// Where it comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
    /// The entries.
    pub entries: Vec<GuideEntry>,
}

/// One piece of advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuideEntry {
    /// Stable id.
    pub id: String,
    /// The phrase in brief.
    pub title: String,
    /// Patterns to flag (see the module docs for the syntax).
    pub avoid: Vec<String>,
    /// What to say instead.
    pub use_instead: String,
    /// Why it matters.
    pub why: String,
    /// Where the advice comes from.
    pub source: String,
    /// Its provenance.
    pub provenance: Provenance,
}

crate::contract::read::read_struct!(GuideFile {
    id: required,
    version: required,
    title: required,
    source: required,
    provenance: required,
    entries: required
});
crate::contract::read::read_struct!(GuideEntry {
    id: required,
    title: required,
    avoid: required,
    use_instead: required,
    why: required,
    source: required,
    provenance: required,
});

/// One flagged phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The guide entry.
    pub id: String,
    /// First character of the phrase.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The phrase as written.
    pub text: String,
    /// What to say instead.
    pub use_instead: String,
    /// Why it matters.
    pub why: String,
    /// Where the advice comes from, with its provenance.
    pub source: String,
}

crate::json::write::write_struct!(Finding {
    id: required,
    start: required,
    end: required,
    text: required,
    use_instead: required,
    why: required,
    source: required,
});

#[derive(Debug, Clone)]
enum Word {
    Exact(String),
    Stem(String),
    Reflexive,
}

/// A loaded, compiled language guide.
#[derive(Debug, Clone)]
pub struct LanguageGuide {
    file: GuideFile,
    /// (entry index, pattern as alternatives per position)
    patterns: Vec<(usize, Vec<Vec<Word>>)>,
}

fn compile_word(w: &str) -> Vec<Word> {
    w.split('|')
        .map(|alt| {
            if alt == "{self}" {
                Word::Reflexive
            } else if let Some(stem) = alt.strip_suffix('*') {
                Word::Stem(stem.to_ascii_lowercase())
            } else {
                Word::Exact(alt.to_ascii_lowercase())
            }
        })
        .collect()
}

/// Pattern words, split the same way the text is (so "risk-taking" in a pattern is two words).
fn pattern_words(p: &str) -> Vec<String> {
    p.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

fn inflects(stem: &str, word: &str) -> bool {
    let Some(rest) = word.strip_prefix(stem) else {
        // e-drop and y→i: choose → choosing, carry → carried.
        if let Some(base) = stem.strip_suffix('e') {
            return word.strip_prefix(base).is_some_and(|r| matches!(r, "ing" | "ed" | "er" | "ers"));
        }
        if let Some(base) = stem.strip_suffix('y') {
            return word.strip_prefix(base).is_some_and(|r| matches!(r, "ies" | "ied" | "ier"));
        }
        return false;
    };
    if matches!(
        rest,
        "" | "s" | "es" | "ed" | "d" | "ing" | "er" | "ers" | "'s" | "s'" | "e" | "ion" | "ions" | "ous" | "ity" | "ly" | "ive"
    ) {
        return true;
    }
    // Doubled final consonant: put → putting, stop → stopped.
    let last = stem.chars().last();
    last.is_some_and(|c| rest.starts_with(c) && matches!(&rest[c.len_utf8()..], "ing" | "ed" | "er" | "ers"))
}

fn matches(alts: &[Word], word: &str) -> bool {
    alts.iter().any(|a| match a {
        Word::Exact(e) => e == word,
        Word::Stem(s) => inflects(s, word),
        Word::Reflexive => REFLEXIVES.contains(&word),
    })
}

/// Splits text into lowercase words with their character spans.
fn words(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut n = 0;
    for (i, ch) in text.chars().enumerate() {
        n = i + 1;
        if ch.is_alphanumeric() || ch == '\'' || ch == '’' {
            if current.is_empty() {
                start = i;
            }
            current.push(if ch == '’' { '\'' } else { ch.to_ascii_lowercase() });
        } else if !current.is_empty() {
            out.push((std::mem::take(&mut current), start, i));
        }
    }
    if !current.is_empty() {
        out.push((current, start, n));
    }
    out
}

/// The guide read at run time where none is compiled in (the WebAssembly build).
static INSTALLED: OnceLock<LanguageGuide> = OnceLock::new();

impl LanguageGuide {
    /// The guide this process lints with: the embedded one, or the one installed with
    /// [`LanguageGuide::install`] (`None` until then, in a build without the embedded guide).
    pub fn current() -> Option<&'static LanguageGuide> {
        #[cfg(feature = "embedded-language-guide")]
        return Some(LanguageGuide::embedded());
        #[cfg(not(feature = "embedded-language-guide"))]
        INSTALLED.get()
    }

    /// Reads and checks a guide and makes it the current one, once per process (a build
    /// without the embedded guide calls this before loading any ruleset, whose texts are
    /// linted). A second call keeps the first guide.
    pub fn install(text: &str) -> Result<(), ErrorList> {
        let guide = LanguageGuide::from_json(text)?;
        let _ = INSTALLED.set(guide);
        Ok(())
    }

    /// The embedded guide, compiled once per process.
    #[cfg(feature = "embedded-language-guide")]
    pub fn embedded() -> &'static LanguageGuide {
        static GUIDE: OnceLock<LanguageGuide> = OnceLock::new();
        GUIDE.get_or_init(|| match LanguageGuide::from_json(LANGUAGE_GUIDE_JSON) {
            Ok(g) => g,
            // A test (`embedded_guide_is_valid`) keeps this unreachable.
            Err(e) => panic!("the embedded language guide is invalid:\n{}", e.summary()),
        })
    }

    /// Loads and checks a guide file.
    pub fn from_json(text: &str) -> Result<LanguageGuide, ErrorList> {
        let file: GuideFile = crate::contract::read::from_json(text, "the language guide")?;
        let mut errs = Collector::default();
        let mut seen = std::collections::BTreeSet::new();
        let mut patterns = Vec::new();
        for (i, entry) in file.entries.iter().enumerate() {
            if !seen.insert(entry.id.as_str()) {
                errs.push(format!("/entries/{i}/id"), ErrorCode::DuplicateId, format!("duplicate id '{}'", entry.id));
            }
            if entry.source.trim().is_empty() {
                errs.push(format!("/entries/{i}/source"), ErrorCode::InvalidRuleset, "source must say where the advice comes from");
            }
            if entry.avoid.is_empty() {
                errs.push(format!("/entries/{i}/avoid"), ErrorCode::InvalidRuleset, "an entry needs at least one phrase to avoid");
            }
            for (j, p) in entry.avoid.iter().enumerate() {
                let words = pattern_words(p);
                if words.is_empty() || words.iter().any(|w| w.split('|').any(|a| a.is_empty() || a == "*")) {
                    errs.push(format!("/entries/{i}/avoid/{j}"), ErrorCode::InvalidValue, format!("pattern '{p}' has an empty word"));
                    continue;
                }
                patterns.push((i, words.iter().map(|w| compile_word(w)).collect()));
            }
        }
        errs.finish(())?;
        Ok(LanguageGuide { file, patterns })
    }

    /// The guide as written.
    pub fn file(&self) -> &GuideFile {
        &self.file
    }

    /// Every flagged phrase in `text`, by start position then entry.
    pub fn lint(&self, text: &str) -> Vec<Finding> {
        let words = words(text);
        let chars: Vec<char> = if self.patterns.is_empty() { Vec::new() } else { text.chars().collect() };
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for (entry, pattern) in &self.patterns {
            if pattern.len() > words.len() {
                continue;
            }
            for start in 0..=words.len() - pattern.len() {
                if pattern.iter().zip(&words[start..]).all(|(alts, (w, _, _))| matches(alts, w)) {
                    found.push((words[start].1, words[start + pattern.len() - 1].2, *entry));
                }
            }
        }
        found.sort();
        found.dedup();
        // One finding per entry per place: drop a match contained in another of the same entry.
        let kept: Vec<(usize, usize, usize)> = found
            .iter()
            .copied()
            .filter(|(s, e, id)| !found.iter().any(|(s2, e2, id2)| id2 == id && s2 <= s && e <= e2 && (s2, e2) != (s, e)))
            .collect();
        kept.into_iter()
            .map(|(start, end, i)| {
                let entry = &self.file.entries[i];
                Finding {
                    id: entry.id.clone(),
                    start,
                    end,
                    text: chars[start..end].iter().collect(),
                    use_instead: entry.use_instead.clone(),
                    why: entry.why.clone(),
                    source: format!("{}: {}", entry.provenance, entry.source),
                }
            })
            .collect()
    }
}

/// Lints with the embedded guide.
pub fn lint(text: &str) -> Vec<Finding> {
    LanguageGuide::current().map(|g| g.lint(text)).unwrap_or_default()
}

/// Findings as compact JSON: `[{id, start, end, text, use_instead, why, source}]`.
pub fn findings_json(findings: &[Finding]) -> String {
    let mut out = String::new();
    crate::json::write::Write::write(findings, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        lint(text).into_iter().map(|f| f.id).collect()
    }

    #[test]
    fn embedded_guide_is_valid_and_large_enough() {
        assert!(LanguageGuide::embedded().file().entries.len() >= 40);
    }

    #[test]
    fn catches_the_domain_examples_with_inflections() {
        assert_eq!(ids("She keeps putting herself at risk."), ["putting_self_at_risk"]);
        assert_eq!(ids("He puts himself in danger"), ["putting_self_at_risk"]);
        assert_eq!(ids("Risky behaviours were noted"), ["risky_behaviour"]);
        assert_eq!(ids("risk-taking behaviour"), ["risky_behaviour"]);
        assert_eq!(ids("she CHOSE TO GO with them"), ["chose_to_go"]);
        assert_eq!(ids("choosing to stay out"), ["chose_to_go"]);
        assert_eq!(ids("a lifestyle choice"), ["lifestyle_choice"]);
        assert_eq!(ids("is sexually active"), ["sexually_active"]);
        assert_eq!(ids("with her older boyfriend"), ["older_boyfriend"]);
        assert_eq!(ids("used as a drug runner"), ["drug_runner"]);
        assert_eq!(ids("child prostitution"), ["child_prostitute"]);
        assert_eq!(ids("child pornography"), ["child_pornography"]);
        assert_eq!(ids("there is no risk"), ["no_risk"]);
    }

    #[test]
    fn does_not_flag_the_right_words() {
        assert!(lint("Adults are putting her at risk. She is being exploited by an older man.").is_empty());
        assert!(lint("No current indicators – re-screen on new information").is_empty());
        assert!(lint("The parent is willing to work with us.").is_empty());
    }

    #[test]
    fn findings_json_is_what_serde_writes() {
        let findings = lint("She was “promiscuous” and put herself at risk. Ça va.");
        assert!(findings.len() >= 2);
        assert_eq!(findings_json(&findings), serde_json::to_string(&findings).unwrap());
    }

    #[test]
    fn spans_are_characters() {
        let text = "Café: she was “putting herself at risk”.";
        let f = &lint(text)[0];
        let span: String = text.chars().skip(f.start).take(f.end - f.start).collect();
        assert_eq!(span, "putting herself at risk");
        assert_eq!(f.text, span);
        // Non-ASCII letters before the phrase do not shift its span.
        let f = &lint("ÉÉÉ İ putting herself at risk")[0];
        assert_eq!((f.start, f.end), (6, 29));
    }
}
