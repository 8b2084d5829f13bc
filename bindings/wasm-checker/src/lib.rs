//! hoth's ruleset checker as WebAssembly: the second module, loaded on demand.
//!
//! The core module (`bindings/wasm`, `pkg/hoth_wasm_bg.wasm`) screens with rulesets that
//! have already been checked, and holds no checker, so every form loads less. This module
//! is the checker: the ruleset validator (`hoth::ruleset::validate`), the safety-floor
//! probes (`ruleset/probe.rs`: the ruleset is compiled and run on probe requests), the
//! language lint and its guide. `index.js` loads it the first time a page calls
//! `loadRuleset(text)` or `lintJson(text)`, never at init (unless the Tees ruleset shipped
//! beside the core is not the one pinned when the core was built, when init checks it here).
//!
//! `checkRuleset(text)` runs exactly the check the native engine runs (`hoth rules check`,
//! `Ruleset::from_json`): the same errors, in the same order, with the same bytes. When the
//! ruleset passes, it returns the SHA-256 of its canonical JSON, which index.js hands to the
//! core with the same text (`loadCheckedRuleset`); the core compiles the text only if its
//! own SHA-256 of it is that one. Nothing is kept here between calls but the language guide.
//!
//! Like the core's, this raw wasm-bindgen glue (`pkg/hoth_checker.js`) is not the package's
//! API: `index.js` is. Errors are thrown as a JS object `{ errors: [...] }`.

use wasm_bindgen::prelude::*;

/// The allocator: talc, as in the core module (smaller than std's dlmalloc).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen]
extern "C" {
    /// The browser's own JSON.parse, to throw the error list as an object.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

fn thrown(errors_json: &str) -> JsValue {
    json_parse(errors_json).unwrap_or_else(|_| JsValue::from_str(errors_json))
}

/// Reads the language guide shipped beside the module (`pkg/language-guide.json`): index.js
/// calls it once, right after loading this module, before any ruleset is checked (a
/// ruleset's wording is checked against it). Throws `{errors}` when the text is not a valid
/// guide.
#[wasm_bindgen(js_name = setLanguageGuide)]
pub fn set_language_guide(text: &str) -> Result<(), JsValue> {
    hoth::lint::LanguageGuide::install(text).map_err(|e| thrown(&e.to_json()))
}

/// Checks a ruleset (JSON text) in full: its shape, every semantic problem (the validator),
/// its wording (the language guide) and the safety floor (the probes). Returns the SHA-256
/// of its canonical JSON, the ruleset's `sha256`; throws `{errors}`, each at its pointer,
/// when it does not pass.
#[wasm_bindgen(js_name = checkRuleset)]
pub fn check_ruleset(text: &str) -> Result<String, JsValue> {
    checked_sha256(text).map_err(|e| thrown(&e))
}

/// The check, with the error list as JSON text (on the host too, for tests).
fn checked_sha256(text: &str) -> Result<String, String> {
    hoth::ffi::load_ruleset(text).map(|r| r.sha256().to_owned()).map_err(|e| e.to_json())
}

/// Checks wording against the language guide, entirely in the browser: findings JSON
/// (`[{id, start, end, text, use_instead, why, source}]`, spans in characters).
#[wasm_bindgen(js_name = lintJson)]
pub fn lint_json(text: &str) -> String {
    hoth::ffi::lint_json(text)
}

#[cfg(test)]
mod tests {
    //! On the host: the very check the browser runs, with the guide the browser reads.
    use super::*;

    #[test]
    fn a_valid_ruleset_gives_its_sha256_and_a_broken_one_every_error() {
        // As index.js does (where the guide is compiled in, as in the workspace's native
        // builds, that one is used: it is the same file).
        hoth::lint::LanguageGuide::install(include_str!("../../../seeds/language-guide.json")).unwrap();
        let text = include_str!("../../../seeds/tees-hoth.ruleset.json");
        let tees = hoth::Ruleset::from_json(text).unwrap();
        assert_eq!(checked_sha256(text).unwrap(), tees.sha256());
        let broken = text.replacen("\"min\": 0", "\"min\": 1", 1);
        assert_ne!(broken, text);
        let errors = checked_sha256(&broken).unwrap_err();
        assert_eq!(errors, hoth::Ruleset::from_json(&broken).unwrap_err().to_json());
        assert!(errors.contains("band"), "{errors}");
    }
}
