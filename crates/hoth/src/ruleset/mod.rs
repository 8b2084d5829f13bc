//! Rulesets: the Tees rules as data, loaded, validated and compiled once.
//!
//! ```text
//! JSON text ──parse──▶ RulesetFile ──validate──▶ (errors with pointers) ──compile──▶ Ruleset
//! ```
//!
//! The default Tees ruleset (`seeds/tees-hoth.ruleset.json`) is embedded in the crate, so
//! every binding works with no files; [`Ruleset::from_json`] loads any other file at run
//! time. A [`Ruleset`] is immutable and cheap to share; evaluate many requests with one.
//!
//! Checking is the expensive half, in code size more than in time: the validator, the
//! safety-floor probes and the language lint of the wording (feature `checker`, on by
//! default). The WebAssembly core module is built without them and reads rulesets with
//! `Ruleset::from_json_prechecked` (feature `prechecked`) instead: it compiles a file only
//! when the SHA-256 of its canonical JSON is one that a full check has already accepted,
//! either the Tees ruleset's (checked natively when the module is built) or the one the
//! checker module returned for that same text.
//!
//! ```text
//! JSON text ──read_file──▶ RulesetFile ──canonical SHA-256 == the checked one?──▶ build ──▶ Ruleset
//! ```

pub(crate) mod bitset;
pub(crate) mod compile;
pub mod eval;
pub mod model;
#[cfg(feature = "checker")]
pub(crate) mod probe;
pub(crate) mod screening;
pub(crate) mod templates;
pub(crate) mod texts;
#[cfg(feature = "checker")]
pub mod validate;

use sha2::{Digest, Sha256};

#[cfg(feature = "checker")]
use crate::contract::error::Collector;
use crate::contract::error::{ErrorCode, ErrorList};
pub use model::RulesetFile;

/// The embedded Tees ruleset's JSON text (feature `embedded-tees`, on by default; the
/// WebAssembly build leaves it out and ships the file beside the module instead).
#[cfg(feature = "embedded-tees")]
pub const TEES_RULESET_JSON: &str = include_str!("../../../../seeds/tees-hoth.ruleset.json");

/// The key an editor reads for a file's JSON Schema; a ruleset may have it at the top, and
/// the reader skips it (`hoth rules new` writes it).
pub const SCHEMA_KEY: &str = "$schema";

/// Largest ruleset file accepted, in bytes.
pub const MAX_RULESET_BYTES: usize = 4 * 1024 * 1024;

/// A validated, compiled ruleset.
#[derive(Debug, Clone)]
pub struct Ruleset {
    file: RulesetFile,
    sha256: String,
    pub(crate) compiled: compile::Compiled,
    pub(crate) words: templates::Words,
    pub(crate) fragments: templates::Fragments,
    texts: texts::TextCache,
}

impl Ruleset {
    /// The embedded Tees ruleset, compiled once per process.
    #[cfg(feature = "embedded-tees")]
    pub fn tees() -> &'static Ruleset {
        static TEES: std::sync::OnceLock<Ruleset> = std::sync::OnceLock::new();
        TEES.get_or_init(|| match Ruleset::from_json(TEES_RULESET_JSON) {
            Ok(r) => r,
            // A test (`embedded_tees_ruleset_is_valid`) keeps this unreachable.
            Err(e) => panic!("the embedded Tees ruleset is invalid:\n{}", e.summary()),
        })
    }

    /// Parses, validates and compiles a ruleset from JSON text, reporting every problem.
    #[cfg(feature = "checker")]
    pub fn from_json(text: &str) -> Result<Ruleset, ErrorList> {
        Ruleset::from_file(Ruleset::read_file(text)?)
    }

    /// Reads a ruleset that a full check has already accepted, without checking it again:
    /// `sha256` is what that check gave as the ruleset's [`Ruleset::sha256`] (the SHA-256
    /// of its canonical JSON). The text is parsed and read as [`Ruleset::from_json`] reads
    /// it; when its canonical SHA-256 is not `sha256`, nothing is compiled and the error
    /// says to check it first. So a ruleset that differs in any way from the checked one,
    /// by even one character of content, is never used unchecked (a change of formatting
    /// or key order only, which gives the same file, is the same ruleset).
    ///
    /// Feature `prechecked`, for the WebAssembly core module, which has no validator; any
    /// build with the checker should use [`Ruleset::from_json`].
    #[cfg(feature = "prechecked")]
    pub fn from_json_prechecked(text: &str, sha256: &str) -> Result<Ruleset, ErrorList> {
        let file = Ruleset::read_file(text)?;
        let canonical = crate::json::write::to_json(&file);
        let found = hex_sha256(canonical.as_bytes());
        if found != sha256 {
            return Err(ErrorList::one(
                "",
                ErrorCode::InvalidRuleset,
                format!(
                    "this ruleset is not the one that was checked (its SHA-256 is {found}, the checked one's is {}): load it with loadRuleset, which checks it in full first",
                    crate::contract::read::truncate(sha256)
                ),
            ));
        }
        Ok(Ruleset::build(file, found))
    }

    /// JSON text → the ruleset file as written: size limit, syntax, shape; nothing checked
    /// about its meaning yet.
    fn read_file(text: &str) -> Result<RulesetFile, ErrorList> {
        if text.len() > MAX_RULESET_BYTES {
            return Err(ErrorList::one(
                "",
                ErrorCode::TooLarge,
                format!("a ruleset may be at most {MAX_RULESET_BYTES} bytes, got {}", text.len()),
            ));
        }
        let mut value = crate::json::parse(text)?;
        // A top-level `$schema` (a string) only points an editor at the ruleset schema for
        // completion: it is not part of the ruleset, so it is not read and not hashed.
        if let crate::json::Value::Object(members) = &mut value {
            members.0.retain(|(k, v)| !(k == SCHEMA_KEY && matches!(v, crate::json::Value::String(_))));
        }
        crate::contract::read::from_value(&value, "the ruleset")
    }

    /// Validates and compiles an already-parsed ruleset file.
    #[cfg(feature = "checker")]
    pub fn from_file(file: RulesetFile) -> Result<Ruleset, ErrorList> {
        let mut errs = Collector::default();
        validate::validate(&file, &mut errs);
        errs.finish(())?;
        let canonical = crate::json::write::to_json(&file);
        let sha256 = hex_sha256(canonical.as_bytes());
        let ruleset = Ruleset::build(file, sha256);
        // What the rules do: the safety floor (and the profile's rules), by probing.
        let mut errs = Collector::default();
        probe::check(&ruleset, &mut errs);
        errs.finish(ruleset)
    }

    /// Compiles a file whose meaning has been checked (here, or by the check whose SHA-256
    /// `from_json_prechecked` compared): the dense form, the words and the fragments.
    fn build(file: RulesetFile, sha256: String) -> Ruleset {
        let compiled = compile::compile(&file);
        let words = templates::words(&file, &compiled);
        let fragments = templates::fragments(&file, &words, &sha256);
        Ruleset { file, sha256, compiled, words, fragments, texts: texts::TextCache::default() }
    }

    /// The action texts in one voice (area, who is screening, young adult or not).
    pub(crate) fn action_texts(&self, voice: texts::Voice) -> &texts::ActionTexts {
        self.texts.get(&self.file, &self.compiled, voice)
    }

    /// The ruleset as written.
    pub fn file(&self) -> &RulesetFile {
        &self.file
    }
    /// Ruleset id.
    pub fn id(&self) -> &str {
        &self.file.id
    }
    /// Ruleset version.
    pub fn version(&self) -> &str {
        &self.file.version
    }
    /// SHA-256 (lowercase hex) of the canonical serialization: compact JSON of the parsed
    /// file, fields in declaration order, so formatting and key order in the source file
    /// do not change it but any change of content does.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }
    /// A copy with different score bands, for what-if runs ("what if moderate started at
    /// 5?"). Each band is (min, max or `None` for the open top band, concern); the copy is
    /// validated like any ruleset, so gaps and overlaps are reported, and its SHA-256 differs.
    #[cfg(feature = "checker")]
    pub fn with_bands(&self, bands: &[(i64, Option<i64>, crate::contract::vocab::Concern)]) -> Result<Ruleset, ErrorList> {
        let mut file = self.file.clone();
        file.bands = bands
            .iter()
            .enumerate()
            .map(|(i, (min, max, concern))| model::Band {
                id: format!("what_if_band_{i}"),
                title: format!("What-if band {i}: {min}–{}", max.map_or("∞".to_owned(), |m| m.to_string())),
                min: *min,
                max: *max,
                concern: *concern,
                reason: Some(format!("A score of {{score}} is in the analyst's what-if band {i}, which gives {concern} concern.")),
                source: "what-if run: bands set by the analyst".to_owned(),
                provenance: crate::contract::vocab::Provenance::Reconstructed,
            })
            .collect();
        file.version = format!("{}+what-if", file.version);
        Ruleset::from_file(file)
    }

    /// An indicator's question, as the form asks it, by id.
    pub(crate) fn indicator_title(&self, id: &str) -> Option<&str> {
        self.indicator_index(id).map(|i| self.file.indicators[i].title.as_str())
    }
    /// One of the request's own questions (not an indicator), as the form asks it, by pointer.
    pub(crate) fn question_title(&self, pointer: &str) -> Option<&str> {
        self.file.questions.iter().find(|q| q.field == pointer).map(|q| q.title.as_str())
    }
    /// The title of the question at a request pointer: an indicator's (also for its concern
    /// basis), or one of the request's own questions.
    pub(crate) fn title_at(&self, pointer: &str) -> Option<String> {
        for list in ["/indicators/", "/concern_basis/"] {
            if let Some(token) = pointer.strip_prefix(list) {
                return self.indicator_title(&token.replace("~1", "/").replace("~0", "~")).map(str::to_owned);
            }
        }
        self.question_title(pointer).map(str::to_owned)
    }

    /// Index of an indicator id.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        compile::lookup(&self.compiled.indicator_lookup, id)
    }
    /// The highest level among selected descriptors (1 when none is selected).
    pub(crate) fn descriptor_level(&self, descriptors: &crate::ruleset::bitset::BitSet) -> u8 {
        descriptors.iter().filter_map(|i| self.file.threshold_descriptors.get(i).map(|d| d.level)).max().unwrap_or(1)
    }

    /// Index of a threshold descriptor id.
    pub fn descriptor_index(&self, id: &str) -> Option<usize> {
        compile::lookup(&self.compiled.descriptor_lookup, id)
    }
}

/// Lowercase hex SHA-256 of `bytes`.
fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
