//! hoth as WebAssembly. A thin skin over the engine's JSON layer (`hoth::ffi`): no rule
//! logic here. Strings in, strings out, so the bytes are identical to the native engine;
//! the `*_object` variants wrap them with the browser's own `JSON.parse`/`stringify`.
//!
//! Errors are thrown as a JS object `{ errors: [...] }` (the contract's list). The engine
//! is built with `panic = "abort"` for size; the engine's own code paths return errors
//! rather than panic, and the fuzz targets check that.

use std::cell::RefCell;

use hoth::Ruleset;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The Tees ruleset, read by `setTeesRuleset` from the file shipped beside the module
    /// (index.js does this in `init`): the ruleset is data, not part of the bundle.
    static TEES: RefCell<Option<Ruleset>> = const { RefCell::new(None) };
    /// A ruleset loaded by `loadRuleset`; `None` means the Tees one.
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
                    "no ruleset has been read yet: await init() from index.js (it reads tees-hoth.ruleset.json), or call loadRuleset",
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

/// Screens a request given as JSON text; returns the outcome JSON text. Throws `{errors}`.
#[wasm_bindgen(js_name = screenJson)]
pub fn screen_json(request: &str) -> Result<String, JsValue> {
    match with_ruleset(|r| hoth::ffi::screen(r, request.as_bytes()))? {
        hoth::ffi::JsonResult::Ok(s) => Ok(s),
        hoth::ffi::JsonResult::Err(e) => Err(thrown(&e)),
    }
}

/// Screens a request given as a JS object; returns the outcome as a JS object. Throws `{errors}`.
#[wasm_bindgen(js_name = screen)]
pub fn screen(request: JsValue) -> Result<JsValue, JsValue> {
    let text = json_stringify(&request).map_err(|_| {
        thrown(&hoth::ErrorList::one("", hoth::ErrorCode::InvalidJson, "the request could not be turned into JSON").to_json())
    })?;
    json_parse(&screen_json(&text)?)
}

/// Triage (contract §8): what to do now, from any JSON object (an unfinished form), as the
/// triage JSON text. Throws `{errors}` only when the text is not a JSON object.
#[wasm_bindgen(js_name = triageJson)]
pub fn triage_json(request: &str) -> Result<String, JsValue> {
    match with_ruleset(|r| hoth::ffi::triage(r, request.as_bytes()))? {
        hoth::ffi::JsonResult::Ok(s) => Ok(s),
        hoth::ffi::JsonResult::Err(e) => Err(thrown(&e)),
    }
}

/// The SAFER referral summary (contract §9) of an outcome (JSON text from `screenJson`):
/// plain text, or a printable HTML fragment when `html` is true. Throws `{errors}` when the
/// text is not an outcome of the loaded ruleset.
#[wasm_bindgen(js_name = summary)]
pub fn summary(outcome: &str, html: bool) -> Result<String, JsValue> {
    match with_ruleset(|r| hoth::ffi::summary(r, outcome.as_bytes(), html))? {
        hoth::ffi::JsonResult::Ok(s) => Ok(s),
        hoth::ffi::JsonResult::Err(e) => Err(thrown(&e)),
    }
}

/// Validates a request (JSON text) without screening: the error list, empty when valid.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(request: &str) -> Result<String, JsValue> {
    with_ruleset(|r| hoth::ffi::validate(r, request.as_bytes()))
}

/// The ruleset in use, as JSON: indicators with titles, hints and sections (for building
/// forms), descriptors, bands, rules, front doors.
#[wasm_bindgen(js_name = rulesetJson)]
pub fn ruleset_json() -> Result<String, JsValue> {
    with_ruleset(hoth::ffi::ruleset_json)
}

/// `{"engine": "0.1.0", "ruleset": {"id", "version", "sha256"}}`.
#[wasm_bindgen(js_name = versions)]
pub fn versions() -> Result<String, JsValue> {
    with_ruleset(hoth::ffi::versions)
}

/// Replaces the ruleset in use with another (JSON text), after validating it. Throws `{errors}`.
#[wasm_bindgen(js_name = loadRuleset)]
pub fn load_ruleset(text: &str) -> Result<(), JsValue> {
    let r = hoth::ffi::load_ruleset(text).map_err(|e| thrown(&e.to_json()))?;
    LOADED.with(|cell| *cell.borrow_mut() = Some(r));
    Ok(())
}

/// Reads the Tees ruleset (the text of `tees-hoth.ruleset.json`, shipped beside the module)
/// and makes it the one in use. Throws `{errors}` if the text is not a valid ruleset.
/// Reads the language guide shipped beside the module (`pkg/language-guide.json`): `init`
/// in index.js calls it before the ruleset, whose wording is checked against it. Throws
/// `{errors}` when the text is not a valid guide.
#[wasm_bindgen(js_name = setLanguageGuide)]
pub fn set_language_guide(text: &str) -> Result<(), JsValue> {
    hoth::lint::LanguageGuide::install(text).map_err(|e| thrown(&e.to_json()))
}

#[wasm_bindgen(js_name = setTeesRuleset)]
pub fn set_tees_ruleset(text: &str) -> Result<(), JsValue> {
    let r = hoth::ffi::load_ruleset(text).map_err(|e| thrown(&e.to_json()))?;
    TEES.with(|cell| *cell.borrow_mut() = Some(r));
    LOADED.with(|cell| *cell.borrow_mut() = None);
    Ok(())
}

/// Goes back to the Tees ruleset after `loadRuleset`.
#[wasm_bindgen(js_name = useTeesRuleset)]
pub fn use_tees_ruleset() {
    LOADED.with(|cell| *cell.borrow_mut() = None);
}

/// Checks wording against the language guide, entirely in the browser: findings JSON
/// (`[{id, start, end, text, use_instead, why, source}]`, spans in characters).
#[wasm_bindgen(js_name = lintJson)]
pub fn lint_json(text: &str) -> String {
    hoth::ffi::lint_json(text)
}
