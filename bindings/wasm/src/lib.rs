//! hoth as WebAssembly: the core module, the one every form loads. A thin skin over the
//! engine's JSON layer (`hoth::ffi`): no rule logic here. Strings in, strings out, so the
//! bytes are identical to the native engine; `screen` wraps them with the browser's own
//! `JSON.parse`/`stringify`.
//!
//! It screens, triages, validates requests and writes the SAFER summary, with a ruleset
//! that has already been checked: it holds no ruleset validator, safety-floor probes or
//! language lint (the crate's `checker` feature is off). Those are in the checker module
//! (`bindings/wasm-checker`, `pkg/hoth_checker_bg.wasm`), which `index.js` loads only when
//! `loadRuleset` or `lintJson` is called. A ruleset reaches this module in one of two ways:
//!
//! - `setTeesRuleset(text)`: the Tees ruleset shipped beside the module. It is compiled only
//!   when the SHA-256 of its canonical JSON is `TEES_SHA256`, pinned by `build.rs`, which
//!   checked that ruleset natively and in full when this module was built. Any other text
//!   is not used: the function returns `false`, and index.js sends the text through the
//!   checker instead.
//! - `loadCheckedRuleset(text, sha256, tees)`: a ruleset the checker module has just
//!   accepted, with the SHA-256 it gave for it. The text is compiled only when its own
//!   canonical SHA-256 is that one, so only the bytes the checker accepted are used.
//!
//! This raw wasm-bindgen glue (`pkg/hoth_wasm.js`) is not the package's API: `index.js` is.
//! It calls `loadCheckedRuleset` only with what the checker accepted; calling it any other
//! way skips the check. The exports are described in plain `//` comments, not doc comments:
//! wasm-bindgen copies doc comments into that glue, which every form loads (0.9 KB gzip).
//! What they do for a page is documented in index.js and types/hoth.d.ts.
//!
//! Errors are thrown as a JS object `{ errors: [...] }` (the contract's list). The engine
//! is built with `panic = "abort"` for size; the engine's own code paths return errors
//! rather than panic, and the fuzz targets check that.

use std::cell::RefCell;

use hoth::Ruleset;
use wasm_bindgen::prelude::*;

include!(concat!(env!("OUT_DIR"), "/tees_sha256.rs"));

/// The allocator: talc, smaller than std's dlmalloc in the module (and no slower); the
/// module is single-threaded.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// The Tees ruleset, read by `setTeesRuleset` from the file shipped beside the module
    /// (index.js does this in `init`): the ruleset is data, not part of the bundle.
    static TEES: RefCell<Option<Ruleset>> = const { RefCell::new(None) };
    /// A ruleset loaded by index.js's `loadRuleset`; `None` means the Tees one.
    static LOADED: RefCell<Option<Ruleset>> = const { RefCell::new(None) };
}

/// Runs `f` with the ruleset in use; throws `{errors}` when none has been read yet.
fn with_ruleset<T>(f: impl FnOnce(&Ruleset) -> T) -> Result<T, JsValue> {
    LOADED.with(|loaded| {
        TEES.with(|tees| match loaded.borrow().as_ref().or(tees.borrow().as_ref()) {
            Some(r) => Ok(f(r)),
            None => Err(thrown(
                &hoth::ErrorList::one(
                    "",
                    hoth::ErrorCode::Internal,
                    "no ruleset has been read yet: await init() from index.js (it reads tees-hoth.ruleset.json), or call its loadRuleset",
                )
                .to_json(),
            )),
        })
    })
}

#[wasm_bindgen]
extern "C" {
    /// The browser's own JSON.parse (smaller than carrying a JS-object serializer).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    /// The browser's own JSON.stringify.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<String, JsValue>;
}

fn thrown(errors_json: &str) -> JsValue {
    json_parse(errors_json).unwrap_or_else(|_| JsValue::from_str(errors_json))
}

// Screens a request given as JSON text; returns the outcome JSON text. Throws `{errors}`.
#[wasm_bindgen(js_name = screenJson)]
pub fn screen_json(request: &str) -> Result<String, JsValue> {
    match with_ruleset(|r| hoth::ffi::screen(r, request.as_bytes()))? {
        hoth::ffi::JsonResult::Ok(s) => Ok(s),
        hoth::ffi::JsonResult::Err(e) => Err(thrown(&e)),
    }
}

// Screens a request given as a JS object; returns the outcome as a JS object. Throws `{errors}`.
#[wasm_bindgen(js_name = screen)]
pub fn screen(request: JsValue) -> Result<JsValue, JsValue> {
    let text = json_stringify(&request).map_err(|_| {
        thrown(&hoth::ErrorList::one("", hoth::ErrorCode::InvalidJson, "the request could not be turned into JSON").to_json())
    })?;
    json_parse(&screen_json(&text)?)
}

// Triage (contract §8): what to do now, from any JSON object (an unfinished form), as the
// triage JSON text. Throws `{errors}` only when the text is not a JSON object.
#[wasm_bindgen(js_name = triageJson)]
pub fn triage_json(request: &str) -> Result<String, JsValue> {
    match with_ruleset(|r| hoth::ffi::triage(r, request.as_bytes()))? {
        hoth::ffi::JsonResult::Ok(s) => Ok(s),
        hoth::ffi::JsonResult::Err(e) => Err(thrown(&e)),
    }
}

// The SAFER referral summary (contract §9) of an outcome (JSON text from `screenJson`):
// plain text, or a printable HTML fragment when `html` is true. Throws `{errors}` when the
// text is not an outcome of the loaded ruleset.
#[wasm_bindgen(js_name = summary)]
pub fn summary(outcome: &str, html: bool) -> Result<String, JsValue> {
    match with_ruleset(|r| hoth::ffi::summary(r, outcome.as_bytes(), html))? {
        hoth::ffi::JsonResult::Ok(s) => Ok(s),
        hoth::ffi::JsonResult::Err(e) => Err(thrown(&e)),
    }
}

// Validates a request (JSON text) without screening: the error list, empty when valid.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(request: &str) -> Result<String, JsValue> {
    with_ruleset(|r| hoth::ffi::validate(r, request.as_bytes()))
}

// The ruleset in use, as JSON: indicators with titles, hints and sections (for building
// forms), descriptors, bands, rules, front doors.
#[wasm_bindgen(js_name = rulesetJson)]
pub fn ruleset_json() -> Result<String, JsValue> {
    with_ruleset(hoth::ffi::ruleset_json)
}

// `{"engine": "0.1.0", "ruleset": {"id", "version", "sha256"}}`.
#[wasm_bindgen(js_name = versions)]
pub fn versions() -> Result<String, JsValue> {
    with_ruleset(hoth::ffi::versions)
}

// Reads the Tees ruleset (the text of `tees-hoth.ruleset.json`, shipped beside the module)
// and makes it the one in use, when it is the ruleset pinned at build time (its canonical
// JSON's SHA-256 is `TEES_SHA256`): returns `true`. Any other text, valid or not, is not
// used and nothing changes: returns `false` (index.js then checks it with the checker
// module and calls `loadCheckedRuleset`).
#[wasm_bindgen(js_name = setTeesRuleset)]
pub fn set_tees_ruleset(text: &str) -> bool {
    match pinned_tees(text) {
        Some(r) => {
            install(r, true);
            true
        }
        None => false,
    }
}

// Makes a ruleset the checker module has accepted the one in use: `sha256` is what the
// checker's `checkRuleset` returned for this same `text`. `tees`: it is the Tees ruleset
// read at init (what `useTeesRuleset` goes back to), not one loaded later. Throws `{errors}`
// when the text's canonical SHA-256 is not `sha256` (nothing changes then). Only for
// index.js, after the checker accepted the text: see the module docs.
#[wasm_bindgen(js_name = loadCheckedRuleset)]
pub fn load_checked_ruleset(text: &str, sha256: &str, tees: bool) -> Result<(), JsValue> {
    let r = hoth::ffi::load_prechecked_ruleset(text, sha256).map_err(|e| thrown(&e.to_json()))?;
    install(r, tees);
    Ok(())
}

/// The Tees ruleset from `text`, when it is the one checked when this module was built.
fn pinned_tees(text: &str) -> Option<Ruleset> {
    hoth::ffi::load_prechecked_ruleset(text, TEES_SHA256).ok()
}

/// Puts a ruleset in use: as the Tees ruleset (and back to it), or as a loaded one.
fn install(r: Ruleset, tees: bool) {
    if tees {
        TEES.with(|cell| *cell.borrow_mut() = Some(r));
        LOADED.with(|cell| *cell.borrow_mut() = None);
    } else {
        LOADED.with(|cell| *cell.borrow_mut() = Some(r));
    }
}

// Goes back to the Tees ruleset after index.js's `loadRuleset`.
#[wasm_bindgen(js_name = useTeesRuleset)]
pub fn use_tees_ruleset() {
    LOADED.with(|cell| *cell.borrow_mut() = None);
}

#[cfg(test)]
mod tests {
    //! On the host: the pin holds exactly the shipped Tees ruleset.
    use super::*;

    const SHIPPED: &str = include_str!("../../../seeds/tees-hoth.ruleset.json");

    #[test]
    fn the_shipped_tees_ruleset_is_the_pinned_one() {
        let r = pinned_tees(SHIPPED).expect("the shipped ruleset matches the pin");
        assert_eq!(r.sha256(), TEES_SHA256);
        assert_eq!(r.id(), "tees-hoth");
    }

    #[test]
    fn formatting_is_not_content_but_one_changed_character_is() {
        // The same file written compactly (as index.js passes it, JSON.stringify of the
        // parsed file) is the same ruleset; one character more in a title is not.
        let compact = hoth::ffi::ruleset_json(&pinned_tees(SHIPPED).unwrap());
        assert!(pinned_tees(&compact).is_some());
        let changed = SHIPPED.replacen("\"title\": \"", "\"title\": \"X", 1);
        assert_ne!(changed, SHIPPED);
        assert!(pinned_tees(&changed).is_none());
        for other in ["", "{}", "not json", &SHIPPED[..SHIPPED.len() / 2]] {
            assert!(pinned_tees(other).is_none(), "{other:.40}");
        }
    }

    #[test]
    fn a_checked_load_refuses_text_that_is_not_what_was_checked() {
        let changed = SHIPPED.replacen("\"title\": \"", "\"title\": \"X", 1);
        let e = hoth::ffi::load_prechecked_ruleset(&changed, TEES_SHA256).unwrap_err();
        assert_eq!(e.errors[0].code, hoth::ErrorCode::InvalidRuleset);
        assert!(e.errors[0].message.contains("not the one that was checked"), "{}", e.errors[0].message);
    }
}
