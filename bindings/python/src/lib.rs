//! `hoth._native`: the compiled half of the Python package. No rule logic lives here:
//! every function calls the engine (its one request walk, `hoth::ffi`, its report and
//! explain tools) and hands back dicts (`dicts`), Arrow data (`table`) or text. The typed
//! Python face is `python/hoth/__init__.py`.

mod analysis;
mod dicts;
mod table;
mod todict;

/// The contract's error list as a `ValueError` whose message lists every problem (the
/// Python face turns the JSON into a `ScreeningError`).
pub(crate) fn screening_error(_py: Python<'_>, e: hoth::ErrorList) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(e.to_json())
}

use pyo3::prelude::*;

use hoth::Ruleset;

/// A compiled ruleset handle: parse and compile once, screen many times.
#[pyclass(name = "Ruleset", module = "hoth._native", frozen)]
pub struct PyRuleset {
    pub(crate) inner: Ruleset,
}

#[pymethods]
impl PyRuleset {
    /// The embedded Tees ruleset.
    #[staticmethod]
    fn default() -> Self {
        PyRuleset { inner: Ruleset::tees().clone() }
    }

    /// Loads and validates ruleset JSON text: `(ruleset, None)` or `(None, errors_json)`.
    #[staticmethod]
    fn from_json(text: &str) -> (Option<PyRuleset>, Option<String>) {
        match hoth::ffi::load_ruleset(text) {
            Ok(r) => (Some(PyRuleset { inner: r }), None),
            Err(e) => (None, Some(e.to_json())),
        }
    }

    /// A copy with other bands: JSON list of `[min, max_or_null, concern]`.
    fn with_bands(&self, bands_json: &str) -> (Option<PyRuleset>, Option<String>) {
        let parsed: Result<Vec<(i64, Option<i64>, hoth::Concern)>, _> = serde_json::from_str(bands_json);
        let result = match parsed {
            Ok(bands) => hoth::ffi::guard(|| self.inner.with_bands(&bands)),
            Err(e) => Err(hoth::ErrorList::one(
                "/bands",
                hoth::ErrorCode::InvalidType,
                format!("bands must be a list of (min, max or None, concern): {e}"),
            )),
        };
        match result {
            Ok(r) => (Some(PyRuleset { inner: r }), None),
            Err(e) => (None, Some(e.to_json())),
        }
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }
    #[getter]
    fn sha256(&self) -> &str {
        self.inner.sha256()
    }

    /// The ruleset file as JSON (indicators with titles, bands, rules…).
    fn to_json(&self) -> String {
        hoth::ffi::ruleset_json(&self.inner)
    }

    /// The ruleset as readable tables.
    fn explain(&self) -> String {
        hoth::explain::explain_ruleset(&self.inner)
    }

    /// Screens one request (JSON text): `(ok, outcome_or_errors_json)`.
    fn screen_json(&self, py: Python<'_>, request: &str) -> (bool, String) {
        let r = py.detach(|| hoth::ffi::screen(&self.inner, request.as_bytes()));
        (r.is_ok(), r.into_string())
    }

    /// Triage (contract §8) of any JSON object (an unfinished form): `(ok, triage_or_errors_json)`.
    fn triage_json(&self, request: &str) -> (bool, String) {
        let r = hoth::ffi::triage(&self.inner, request.as_bytes());
        (r.is_ok(), r.into_string())
    }

    /// The SAFER referral summary (contract §9) of outcome JSON text: `(ok, text_or_errors_json)`.
    fn summary_json(&self, outcome: &str, html: bool) -> (bool, String) {
        let r = hoth::ffi::summary(&self.inner, outcome.as_bytes(), html);
        (r.is_ok(), r.into_string())
    }

    /// Screens one request (a dict, or JSON text) into `(ok, outcome_dict_or_errors_dict)`,
    /// reading the dict directly (no JSON text in between).
    fn screen_obj<'py>(&self, py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<(bool, Bound<'py, PyAny>)> {
        dicts::screen(py, &self.inner, request)
    }

    /// Screens every request of an iterable (dicts or JSON texts): a list of outcome dicts
    /// and `{"errors": [...]}` dicts, one per request, in order.
    fn screen_many_obj<'py>(&self, py: Python<'py>, requests: &Bound<'py, PyAny>) -> PyResult<Bound<'py, pyo3::types::PyList>> {
        dicts::screen_many(py, &self.inner, requests)
    }

    /// Screens many requests (JSON texts) with the GIL released: one JSON text each.
    fn screen_many_json(&self, py: Python<'_>, requests: Vec<String>) -> Vec<String> {
        py.detach(|| requests.iter().map(|r| hoth::ffi::screen(&self.inner, r.as_bytes()).into_string()).collect())
    }

    /// Validates one request (JSON text): the error list JSON, empty when valid.
    fn validate_json(&self, request: &str) -> String {
        hoth::ffi::validate(&self.inner, request.as_bytes())
    }

    /// A readable account of an outcome (JSON text).
    fn explain_outcome(&self, outcome: &str) -> PyResult<String> {
        let o: hoth::Outcome =
            serde_json::from_str(outcome).map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("not an outcome: {e}")))?;
        Ok(hoth::explain::explain_outcome(&self.inner, &o))
    }

    /// A JSON Schema by name (request, outcome, errors, ruleset).
    fn schema(&self, name: &str) -> Option<String> {
        hoth::schema::schema_text(name, &self.inner)
    }

    /// A report of outcomes (JSON texts; error lists count as errors): `(tables_json, csv, html)`.
    #[pyo3(signature = (outcomes, suppress_under=0))]
    fn report_json(&self, py: Python<'_>, outcomes: Vec<String>, suppress_under: u64) -> analysis::Written {
        analysis::report_outcomes(py, outcomes, suppress_under)
    }

    /// A report of a `screen_table` output (read back from its `screening` column).
    #[pyo3(signature = (data, suppress_under=0, period=None, period_chars=7))]
    fn report_table(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        suppress_under: u64,
        period: Option<&str>,
        period_chars: usize,
    ) -> PyResult<analysis::Written> {
        analysis::report_table(py, &self.inner, data, suppress_under, period, period_chars)
    }

    /// Before/after: every request row of a table screened with this ruleset and `new`.
    fn compare_table(&self, py: Python<'_>, new: &PyRuleset, data: &Bound<'_, PyAny>) -> PyResult<analysis::Compared> {
        analysis::compare_table(py, &self.inner, &new.inner, data)
    }

    /// Screens an Arrow stream (any object with `__arrow_c_stream__`) into an Arrow stream:
    /// the input's other columns passed through, then the outcome's, one row per input row.
    /// Returns `(stream_or_None, errors_json_or_None, warnings)`. `lazy`: each batch is
    /// screened when it is read; otherwise all of it now, with the GIL released.
    #[pyo3(signature = (data, reason_texts=false, screening=false, jobs=1, lazy=false))]
    fn screen_table(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        reason_texts: bool,
        screening: bool,
        jobs: usize,
        lazy: bool,
    ) -> PyResult<table::Screened> {
        table::screen_table(py, &self.inner, data, table::Options { reason_texts, screening, jobs }, lazy)
    }

    /// The flat column names `screen_table` reads, in order.
    fn table_columns(&self) -> Vec<String> {
        table::input_columns(&self.inner)
    }
}

/// Language guide findings for each text (JSON list per text), with the GIL released.
#[pyfunction]
fn lint_json(py: Python<'_>, texts: Vec<String>) -> Vec<String> {
    py.detach(|| texts.iter().map(|t| hoth::ffi::lint_json(t)).collect())
}

/// The engine version.
#[pyfunction]
fn engine_version() -> &'static str {
    hoth::ENGINE_VERSION
}

/// Test hook: an internal fault inside the engine, returned as the contract's error JSON
/// (the same `hoth::ffi::guard` every call goes through). Not part of the public API.
#[pyfunction]
fn _provoke_internal_error() -> String {
    match hoth::ffi::guard(|| -> Result<(), hoth::ErrorList> {
        let v: Vec<u8> = Vec::new();
        let _ = v[std::hint::black_box(3)];
        Ok(())
    }) {
        Ok(()) => String::new(),
        Err(e) => e.to_json(),
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRuleset>()?;
    m.add_class::<table::OutcomeStream>()?;
    m.add_function(wrap_pyfunction!(engine_version, m)?)?;
    m.add_function(wrap_pyfunction!(lint_json, m)?)?;
    m.add_function(wrap_pyfunction!(_provoke_internal_error, m)?)?;
    Ok(())
}
