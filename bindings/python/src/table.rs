//! Arrow in, Arrow out: `screen_table` without a Python object per row.
//!
//! Input columns are flat (see [`input_columns`]): the request fields, `ind_<id>` and
//! `basis_<id>` per indicator, `threshold_descriptors` as `;`-separated ids, and
//! `judgement_direction` / `judgement_reason` / `judgement_recorded_by_role`. A null cell
//! means the field is absent (so an absent indicator is `not_known`).
//!
//! Each row is written as request JSON into one reused buffer and screened by the same
//! parse → evaluate path as every other binding, so a row gets exactly the validation and
//! the outcome a JSON request would: no second set of rules. A bad row gets an `errors`
//! cell and nulls elsewhere; it never stops the table.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, ListBuilder, StringBuilder, UInt8Builder, UInt32Builder};
use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use hoth::{ErrorCode, ErrorList, Ruleset};

/// Where a column's value goes in the request JSON.
#[derive(Clone, Debug)]
enum Target {
    Top(&'static str),
    Child(&'static str),
    History(&'static str),
    Indicator(String),
    Basis(String),
    Descriptors,
    Judgement(&'static str),
}

/// Flat columns for the request's own scalar fields, from the contract's one list of
/// fields (`hoth::request::FIELDS`): the keys of the request, child and history objects.
fn scalar_fields(parent: &'static str) -> impl Iterator<Item = &'static str> {
    const OBJECTS: [&str; 6] = ["child", "indicators", "concern_basis", "history", "threshold_descriptors", "professional_judgement"];
    hoth::request::members(parent).iter().map(|(_, k)| *k).filter(|k| !OBJECTS.contains(k))
}
const JUDGEMENT: [(&str, &str); 3] =
    [("judgement_direction", "direction"), ("judgement_reason", "reason"), ("judgement_recorded_by_role", "recorded_by_role")];

/// The flat column names `screen_table` understands, in a stable order.
pub fn input_columns(ruleset: &Ruleset) -> Vec<String> {
    let mut cols: Vec<String> =
        scalar_fields("").chain(scalar_fields("/child")).chain(scalar_fields("/history")).map(|s| s.to_string()).collect();
    for i in &ruleset.file().indicators {
        cols.push(format!("ind_{}", i.id));
    }
    for i in &ruleset.file().indicators {
        cols.push(format!("basis_{}", i.id));
    }
    cols.push("threshold_descriptors".into());
    cols.extend(JUDGEMENT.iter().map(|(c, _)| c.to_string()));
    cols
}

fn target(ruleset: &Ruleset, name: &str) -> Option<Target> {
    if let Some(t) = scalar_fields("").find(|t| *t == name) {
        return Some(Target::Top(t));
    }
    if let Some(t) = scalar_fields("/child").find(|t| *t == name) {
        return Some(Target::Child(t));
    }
    if let Some(t) = scalar_fields("/history").find(|t| *t == name) {
        return Some(Target::History(t));
    }
    if let Some((_, field)) = JUDGEMENT.iter().find(|(c, _)| *c == name) {
        return Some(Target::Judgement(field));
    }
    if name == "threshold_descriptors" {
        return Some(Target::Descriptors);
    }
    // Unknown ids are kept: the request path reports them per row with "did you mean".
    if let Some(id) = name.strip_prefix("ind_") {
        return Some(Target::Indicator(id.to_owned()));
    }
    if let Some(id) = name.strip_prefix("basis_") {
        return Some(Target::Basis(id.to_owned()));
    }
    let _ = ruleset;
    None
}

/// A column read as text or as a number.
enum Col {
    Text(ArrayRef),
    Int(ArrayRef),
    Float(ArrayRef),
}

fn column(a: &ArrayRef) -> Result<Col, String> {
    match a.data_type() {
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => arrow_cast::cast(a, &DataType::Int64).map(Col::Int).map_err(|e| e.to_string()),
        DataType::Float16 | DataType::Float32 | DataType::Float64 => {
            arrow_cast::cast(a, &DataType::Float64).map(Col::Float).map_err(|e| e.to_string())
        }
        DataType::Null => arrow_cast::cast(a, &DataType::Utf8).map(Col::Text).map_err(|e| e.to_string()),
        _ => arrow_cast::cast(a, &DataType::Utf8).map(Col::Text).map_err(|e| e.to_string()),
    }
}

/// Writes one cell as a JSON value; `false` when the cell is null (field absent).
fn write_value(col: &Col, row: usize, out: &mut Vec<u8>) -> bool {
    match col {
        Col::Text(a) => {
            let s = a.as_string::<i32>();
            if s.is_null(row) {
                return false;
            }
            let _ = serde_json::to_writer(&mut *out, s.value(row));
        }
        Col::Int(a) => {
            let v = a.as_primitive::<Int64Type>();
            if v.is_null(row) {
                return false;
            }
            out.extend_from_slice(v.value(row).to_string().as_bytes());
        }
        Col::Float(a) => {
            let v = a.as_primitive::<Float64Type>();
            if v.is_null(row) || v.value(row).is_nan() {
                return false;
            }
            let x = v.value(row);
            // pandas stores integer columns with nulls as floats: 14.0 is the integer 14;
            // anything fractional is written as is, and the request path rejects it.
            if x.fract() == 0.0 && x.abs() < 1e15 {
                out.extend_from_slice((x as i64).to_string().as_bytes());
            } else {
                let _ = serde_json::to_writer(&mut *out, &x);
            }
        }
    }
    true
}

/// Builds the request JSON for one row.
fn row_json(cols: &[(Target, Col)], row: usize, out: &mut Vec<u8>, scratch: &mut Vec<u8>) {
    out.clear();
    out.push(b'{');
    let mut first = true;
    let mut key = |out: &mut Vec<u8>, k: &str| {
        if !first {
            out.push(b',');
        }
        first = false;
        let _ = serde_json::to_writer(&mut *out, k);
        out.push(b':');
    };
    // Top-level scalar fields.
    for (t, c) in cols {
        if let Target::Top(name) = t {
            scratch.clear();
            if write_value(c, row, scratch) {
                key(out, name);
                out.extend_from_slice(scratch);
            }
        }
    }
    // Nested objects, each written only when at least one of its cells is present.
    let mut group = |out: &mut Vec<u8>, name: &str, select: &dyn Fn(&Target) -> Option<String>, always: bool| {
        let mut body = Vec::new();
        for (t, c) in cols {
            if let Some(field) = select(t) {
                scratch.clear();
                if write_value(c, row, scratch) {
                    if !body.is_empty() {
                        body.push(b',');
                    }
                    let _ = serde_json::to_writer(&mut body, &field);
                    body.push(b':');
                    body.extend_from_slice(scratch);
                }
            }
        }
        if always || !body.is_empty() {
            key(out, name);
            out.push(b'{');
            out.extend_from_slice(&body);
            out.push(b'}');
        }
    };
    group(out, "child", &|t| if let Target::Child(f) = t { Some((*f).to_owned()) } else { None }, true);
    group(out, "history", &|t| if let Target::History(f) = t { Some((*f).to_owned()) } else { None }, false);
    group(out, "indicators", &|t| if let Target::Indicator(id) = t { Some(id.clone()) } else { None }, false);
    group(out, "concern_basis", &|t| if let Target::Basis(id) = t { Some(id.clone()) } else { None }, false);
    group(out, "professional_judgement", &|t| if let Target::Judgement(f) = t { Some((*f).to_owned()) } else { None }, false);
    for (t, c) in cols {
        if let (Target::Descriptors, Col::Text(a)) = (t, c) {
            let s = a.as_string::<i32>();
            if !s.is_null(row) {
                key(out, "threshold_descriptors");
                let ids: Vec<&str> = s.value(row).split(';').map(str::trim).filter(|x| !x.is_empty()).collect();
                let _ = serde_json::to_writer(&mut *out, &ids);
            }
        }
    }
    out.push(b'}');
}

fn output_schema() -> SchemaRef {
    let list = |name: &str| Field::new(name, DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), true);
    Arc::new(Schema::new(vec![
        Field::new("hoth_concern", DataType::Utf8, true),
        Field::new("threshold_level", DataType::UInt8, true),
        Field::new("threshold_name", DataType::Utf8, true),
        Field::new("score", DataType::UInt32, true),
        list("harm_types"),
        list("cin_factors"),
        Field::new("top_action", DataType::Utf8, true),
        Field::new("top_urgency", DataType::Utf8, true),
        list("actions"),
        Field::new("complete", DataType::Boolean, true),
        Field::new("gap_count", DataType::UInt32, true),
        list("information_gaps"),
        Field::new("ruleset_sha256", DataType::Utf8, true),
        Field::new("errors", DataType::Utf8, true),
    ]))
}

/// Screens one input batch into one output batch.
fn screen_batch(ruleset: &Ruleset, batch: &RecordBatch, targets: &[Target]) -> Result<RecordBatch, String> {
    let cols: Vec<(Target, Col)> =
        targets.iter().cloned().zip(batch.columns().iter().map(column).collect::<Result<Vec<_>, _>>()?).collect();
    let n = batch.num_rows();
    let mut concern = StringBuilder::new();
    let mut level = UInt8Builder::new();
    let mut level_name = StringBuilder::new();
    let mut score = UInt32Builder::new();
    let mut harm = ListBuilder::new(StringBuilder::new());
    let mut cin = ListBuilder::new(StringBuilder::new());
    let mut top_action = StringBuilder::new();
    let mut top_urgency = StringBuilder::new();
    let mut actions = ListBuilder::new(StringBuilder::new());
    let mut complete = BooleanBuilder::new();
    let mut gap_count = UInt32Builder::new();
    let mut gaps = ListBuilder::new(StringBuilder::new());
    let mut sha = StringBuilder::new();
    let mut errors = StringBuilder::new();
    let (mut json, mut scratch) = (Vec::with_capacity(2048), Vec::with_capacity(256));
    let ids = &ruleset.file().indicators;
    for row in 0..n {
        row_json(&cols, row, &mut json, &mut scratch);
        match hoth::ffi::guard(|| hoth::parse_request(ruleset, &json)) {
            Ok(s) => {
                let d = hoth::evaluate(ruleset, &s);
                concern.append_value(d.concern.as_str());
                level.append_option(d.threshold);
                level_name.append_option(d.threshold.and_then(hoth::vocab::ThresholdName::for_level).map(|t| t.as_str()));
                score.append_value(d.score);
                for h in hoth::eval::harm_types(ruleset, &s) {
                    harm.values().append_value(h.as_str());
                }
                harm.append(true);
                for code in hoth::eval::cin_factors(ruleset, &s, &d) {
                    cin.values().append_value(code);
                }
                cin.append(true);
                let mut ordered = d.actions_in_order().peekable();
                let top = ordered.peek().copied();
                top_action.append_option(top.map(|(a, _)| a.as_str()));
                top_urgency.append_option(top.map(|(_, u)| u.as_str()));
                for (a, _) in ordered {
                    actions.values().append_value(a.as_str());
                }
                actions.append(true);
                let g = hoth::eval::gaps(ruleset, &s);
                complete.append_value(g.is_empty());
                gap_count.append_value(g.len());
                for i in g.iter() {
                    gaps.values().append_value(&ids[i].id);
                }
                gaps.append(true);
                sha.append_value(ruleset.sha256());
                errors.append_null();
            }
            Err(e) => {
                concern.append_null();
                level.append_null();
                level_name.append_null();
                score.append_null();
                harm.append(false);
                cin.append(false);
                top_action.append_null();
                top_urgency.append_null();
                actions.append(false);
                complete.append_null();
                gap_count.append_null();
                gaps.append(false);
                sha.append_value(ruleset.sha256());
                errors.append_value(e.to_json());
            }
        }
    }
    let arrays: Vec<ArrayRef> = vec![
        Arc::new(concern.finish()),
        Arc::new(level.finish()),
        Arc::new(level_name.finish()),
        Arc::new(score.finish()),
        Arc::new(harm.finish()),
        Arc::new(cin.finish()),
        Arc::new(top_action.finish()),
        Arc::new(top_urgency.finish()),
        Arc::new(actions.finish()),
        Arc::new(complete.finish()),
        Arc::new(gap_count.finish()),
        Arc::new(gaps.finish()),
        Arc::new(sha.finish()),
        Arc::new(errors.finish()),
    ];
    RecordBatch::try_new(output_schema(), arrays).map_err(|e| e.to_string())
}

/// An Arrow stream of outcome batches; hand it to `pyarrow.table()` or any Arrow consumer.
#[pyclass(module = "hoth._native")]
pub struct OutcomeStream {
    batches: Option<Vec<RecordBatch>>,
}

#[pymethods]
impl OutcomeStream {
    /// The Arrow PyCapsule stream interface (consumed once).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(&mut self, py: Python<'py>, requested_schema: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let batches =
            self.batches.take().ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("this outcome stream was already consumed"))?;
        let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), output_schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }
}

/// See [`crate::PyRuleset::screen_table`].
pub fn screen_table(py: Python<'_>, ruleset: &Ruleset, data: &Bound<'_, PyAny>) -> PyResult<(Option<OutcomeStream>, Option<String>)> {
    let capsule = data.call_method0("__arrow_c_stream__")?;
    let capsule =
        capsule.cast::<PyCapsule>().map_err(|_| pyo3::exceptions::PyTypeError::new_err("__arrow_c_stream__ did not return a capsule"))?;
    let ptr = capsule.pointer_checked(Some(c"arrow_array_stream"))?.as_ptr() as *mut FFI_ArrowArrayStream;
    // SAFETY: the capsule holds a valid ArrowArrayStream by the PyCapsule interface;
    // `from_raw` moves it out and leaves a released stream for the capsule's destructor.
    let reader = unsafe { RecordBatchStreamReader::from_raw(ptr) }.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let schema = reader.schema();
    let mut bad = Vec::new();
    let targets: Vec<Target> = schema
        .fields()
        .iter()
        .filter_map(|f| {
            let t = target(ruleset, f.name());
            if t.is_none() {
                bad.push(f.name().clone());
            }
            t
        })
        .collect();
    if !bad.is_empty() {
        let columns = input_columns(ruleset);
        let errors = ErrorList {
            errors: bad
                .iter()
                .map(|b| {
                    hoth::FieldError::new(
                        format!("/columns/{}", hoth::error::escape_token(b)),
                        ErrorCode::UnknownField,
                        format!("unknown column '{b}'{}", hoth::suggest::hint(b, columns.iter().map(String::as_str))),
                    )
                })
                .collect(),
        };
        return Ok((None, Some(errors.to_json())));
    }
    let batches = py.detach(|| -> Result<Vec<RecordBatch>, String> {
        let mut out = Vec::new();
        for batch in reader {
            out.push(screen_batch(ruleset, &batch.map_err(|e| e.to_string())?, &targets)?);
        }
        Ok(out)
    });
    match batches {
        Ok(b) => Ok((Some(OutcomeStream { batches: Some(b) }), None)),
        Err(e) => Ok((None, Some(ErrorList::one("", ErrorCode::InvalidType, e).to_json()))),
    }
}
