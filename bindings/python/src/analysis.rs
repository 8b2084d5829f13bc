//! Reports and before/after comparisons for analysts, over the engine's own tools
//! (`hoth::report::Report`, `hoth::tools::impact::Impact`): the tables come back as JSON
//! for the Python face to turn into frames, and as the CLI's CSV and HTML, byte for byte.

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatchReader};
use arrow_schema::DataType;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use hoth::Ruleset;
use hoth::report::Report;
use hoth::tools::impact::Impact;

use crate::table;

/// `(tables_json, csv, html)` of a report.
pub type Written = (String, String, String);

fn written(rep: &Report) -> Written {
    (serde_json::to_string(&rep.tables()).unwrap_or_default(), rep.to_csv(), rep.to_html())
}

/// A report of outcome texts (error lists count as errors).
pub fn report_outcomes(py: Python<'_>, outcomes: Vec<String>, suppress_under: u64) -> Written {
    py.detach(|| {
        let mut rep = Report::new();
        rep.suppress_under(suppress_under);
        for text in &outcomes {
            match serde_json::from_str::<hoth::Outcome>(text) {
                Ok(o) => rep.add(&o),
                Err(_) => rep.add_error(),
            }
        }
        written(&rep)
    })
}

/// A report of a `screen_table` output: each row's outcome read back from its `screening`
/// column with the ruleset that made it; a row with an `errors` cell counts as an error.
///
/// `period`: a column (a date, or text starting `YYYY-MM-DD`) whose first `period_chars`
/// characters label each row's period (7: the month, 4: the year) in `concern_by_period`.
pub fn report_table(
    py: Python<'_>,
    ruleset: &Ruleset,
    data: &Bound<'_, PyAny>,
    suppress_under: u64,
    period: Option<&str>,
    period_chars: usize,
) -> PyResult<Written> {
    let input = table::reader(data)?;
    let schema = input.schema();
    let find = |name: &str| schema.index_of(name).ok();
    let period = match period {
        None => None,
        Some(name) => Some(find(name).ok_or_else(|| {
            PyValueError::new_err(format!(
                "there is no column '{name}' to take periods from: the table's columns are {:?}",
                schema.fields().iter().map(|f| f.name()).collect::<Vec<_>>()
            ))
        })?),
    };
    let (Some(screening), errors, sha) = (find("screening"), find("errors"), find("ruleset_sha256")) else {
        return Err(PyValueError::new_err(
            "this table has no screening column: report on the output of hoth.screen_table(..., screening=True), or on a list of outcomes",
        ));
    };
    py.detach(|| {
        let mut rep = Report::new();
        rep.suppress_under(suppress_under);
        for batch in input {
            let batch = batch.map_err(|e| e.to_string())?;
            let text = |i: usize| arrow_cast::cast(batch.column(i), &DataType::Utf8).map_err(|e| e.to_string());
            let screening = text(screening)?;
            let screening = screening.as_string::<i32>();
            let errors = errors.map(text).transpose()?;
            let sha = sha.map(text).transpose()?;
            let periods = period.map(text).transpose()?;
            for row in 0..batch.num_rows() {
                let failed = errors.as_ref().is_some_and(|e| !e.is_null(row));
                if failed || screening.is_null(row) {
                    rep.add_error();
                    continue;
                }
                if let Some(s) = &sha {
                    let s = s.as_string::<i32>();
                    if !s.is_null(row) && s.value(row) != ruleset.sha256() {
                        return Err(format!(
                            "row {} was screened with another ruleset (sha256 {}): pass that ruleset (ruleset=...)",
                            row + 1,
                            s.value(row)
                        ));
                    }
                }
                let label = periods.as_ref().map(|p| {
                    let p = p.as_string::<i32>();
                    if p.is_null(row) { "unknown".to_owned() } else { p.value(row).chars().take(period_chars).collect::<String>() }
                });
                match (hoth::ffi::guard(|| hoth::screen_json(ruleset, screening.value(row).as_bytes())), label) {
                    (Ok(o), Some(label)) => rep.add_in_period(&o, &label),
                    (Ok(o), None) => rep.add(&o),
                    (Err(_), _) => rep.add_error(),
                }
            }
        }
        Ok(written(&rep))
    })
    .map_err(PyValueError::new_err)
}

/// What `compare` returns: `(tables_json, changed_rows_json, csv, html, text)`.
pub type Compared = (String, String, String, String, String);

/// Screens every request row of a table with both rulesets: the before/after cross-tabs,
/// the rows that changed (by row number, from 1) and the rules whose firing changed.
pub fn compare_table(py: Python<'_>, old: &Ruleset, new: &Ruleset, data: &Bound<'_, PyAny>) -> PyResult<Compared> {
    let input = table::reader(data)?;
    let mut warnings = Vec::new();
    let layout =
        table::Layout::new(old, &input.schema(), table::Options::default(), &mut warnings).map_err(|e| crate::screening_error(py, e))?;
    py.detach(|| {
        let mut impact = Impact::new(old, new);
        for batch in input {
            let batch = batch.map_err(|e| e.to_string())?;
            table::for_each_row(&layout, &batch, |node| impact.add_input(node)).map_err(|e| e.to_string())?;
        }
        let changed: Vec<serde_json::Value> = impact
            .changed()
            .iter()
            .map(|c| {
                let side = |s: &Option<hoth::tools::impact::Side>| {
                    s.as_ref().map(|s| {
                        serde_json::json!({"concern": s.concern.as_str(), "threshold": s.threshold, "score": s.score,
                            "actions": s.actions.iter().map(|(a, _)| a.as_str()).collect::<Vec<_>>()})
                    })
                };
                serde_json::json!({
                    "row": c.line,
                    "local_authority": c.local_authority.map(|a| a.as_str()),
                    "before": side(&c.before),
                    "after": side(&c.after),
                    "rules_now_holding": c.rules.iter().filter(|r| r.now_holds).map(|r| r.rule.as_str()).collect::<Vec<_>>(),
                    "rules_no_longer_holding": c.rules.iter().filter(|r| !r.now_holds).map(|r| r.rule.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect();
        Ok((
            serde_json::to_string(&impact.tables()).unwrap_or_default(),
            serde_json::to_string(&changed).unwrap_or_default(),
            impact.to_csv(),
            impact.to_html(),
            impact.to_text(),
        ))
    })
    .map_err(|e: String| PyValueError::new_err(e))
}
