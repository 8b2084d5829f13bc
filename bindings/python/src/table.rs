//! Arrow in, Arrow out: `screen_table` with no JSON and no Python object per row.
//!
//! A table's columns are laid out once per schema ([`Layout`]) into the request's shape:
//!
//! - **flat** columns (see [`input_columns`]): the request's own fields (`local_authority`,
//!   `immediate_danger`…), the child's and history's (`age_years`, `looked_after`…),
//!   `ind_<id>` and `basis_<id>` per indicator, `threshold_descriptors` as `;`-separated
//!   ids, `judgement_direction` / `judgement_reason` / `judgement_recorded_by_role`;
//! - **nested** columns, as `duckdb.read_json` or a struct-typed frame gives them: `child`,
//!   `history`, `indicators`, `concern_basis`, `professional_judgement` as structs,
//!   `threshold_descriptors` as a list of strings;
//! - every **other** column (a key such as `case_id`, a `referral_date`) is passed through
//!   unchanged beside the outcome, so rows never have to be joined back by position.
//!
//! Each row is then read by the engine's one request walk through [`Node`] (an `Input`:
//! a row is an object whose members are its non-null cells), so a row gets exactly the
//! checks, pointers and outcome a JSON request would. A bad row gets an `errors` cell and
//! nulls elsewhere; it never stops the table. Batches stream: each output batch is made
//! when its input batch is read.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, ListBuilder, StringBuilder, UInt8Builder, UInt32Builder};
use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::types::{Float64Type, Int64Type};
use arrow_array::{Array, ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, RecordBatchReader, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

use hoth::json::Whole;
use hoth::screen::input::{Input, shorten};
use hoth::vocab::Answer;
use hoth::{ErrorCode, ErrorList, FieldError, Ruleset};

/// What `screen_table` adds beyond the outcome's headline columns.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A `reason_texts` column: each reason's plain-words sentence (contract §5).
    pub reason_texts: bool,
    /// A `screening` column: the request as the engine read it, as JSON text, which
    /// `hoth.explain` and `hoth.summary` read back.
    pub screening: bool,
    /// Worker threads per batch (1: this thread only).
    pub jobs: usize,
}

/// The objects of the request a flat column can belong to.
const OBJECTS: [&str; 6] = ["child", "indicators", "concern_basis", "history", "threshold_descriptors", "professional_judgement"];
const JUDGEMENT: [(&str, &str); 3] =
    [("judgement_direction", "direction"), ("judgement_reason", "reason"), ("judgement_recorded_by_role", "recorded_by_role")];

/// Flat columns for an object's own scalar fields, from the contract's one list of fields
/// (`hoth::request::FIELDS`): the keys of the request, child and history objects.
fn scalar_fields(parent: &'static str) -> impl Iterator<Item = &'static str> {
    hoth::request::members(parent).iter().map(|(_, k)| *k).filter(|k| !OBJECTS.contains(k))
}

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

/// The outcome columns, in order, after the passed-through ones.
const OUTCOME_COLUMNS: [&str; 18] = [
    "local_authority",
    "hoth_concern",
    "threshold_level",
    "threshold_name",
    "score",
    "harm_types",
    "cin_factors",
    "top_action",
    "top_urgency",
    "actions",
    "complete",
    "gap_count",
    "information_gaps",
    "reasons",
    "reason_texts",
    "screening",
    "ruleset_sha256",
    "errors",
];

/// Where a member of the request comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// An input column (by index): its cell is the member's value.
    Column(usize),
    /// An `ind_<id>` or `basis_<id>` column (by index) and the indicator's catalogue index,
    /// looked up once for the whole table (`None`: not in the ruleset, reported per row).
    Indicator(usize, Option<usize>),
    /// A text column of `;`-separated ids read as a list (flat `threshold_descriptors`).
    Split(usize),
    /// An object made of flat columns; `always`: present even when all its cells are null
    /// (the child, so a missing age is reported at `/child/age_years`).
    Group(Vec<(String, Source)>, bool),
}

/// How one input schema maps onto the request and the output.
pub struct Layout {
    root: Vec<(String, Source)>,
    /// Input columns the request reads.
    reads: Vec<usize>,
    /// Input columns passed through, in input order.
    pass: Vec<usize>,
    options: Options,
    schema: SchemaRef,
}

impl Layout {
    /// Lays out a schema, or every problem with it (an output column name taken by an input
    /// column, one object given both nested and flat). `warnings` gets a line for each
    /// passed-through column that looks like a misspelt request column.
    pub fn new(ruleset: &Ruleset, input: &Schema, options: Options, warnings: &mut Vec<String>) -> Result<Layout, ErrorList> {
        let mut errors = Vec::new();
        let mut root: Vec<(String, Source)> = Vec::new();
        let mut groups: [Vec<(String, Source)>; 5] = Default::default(); // child, history, indicators, concern_basis, judgement
        const GROUP_KEYS: [&str; 5] = ["child", "history", "indicators", "concern_basis", "professional_judgement"];
        let mut flat_for: [Option<String>; 5] = Default::default();
        let (mut reads, mut pass) = (Vec::new(), Vec::new());
        let known = input_columns(ruleset);
        let top: Vec<&str> = hoth::request::members("").iter().map(|(_, k)| *k).collect();
        for (i, f) in input.fields().iter().enumerate() {
            let name = f.name().as_str();
            let mut flat = |g: usize, key: &str, src: Source, groups: &mut [Vec<(String, Source)>; 5]| {
                groups[g].push((key.to_owned(), src));
                flat_for[g].get_or_insert_with(|| name.to_owned());
            };
            if name == "threshold_descriptors" {
                let src = if matches!(f.data_type(), DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(..)) {
                    Source::Column(i)
                } else {
                    Source::Split(i)
                };
                root.push((name.to_owned(), src));
            } else if top.contains(&name) {
                root.push((name.to_owned(), Source::Column(i)));
            } else if scalar_fields("/child").any(|k| k == name) {
                flat(0, name, Source::Column(i), &mut groups);
            } else if scalar_fields("/history").any(|k| k == name) {
                flat(1, name, Source::Column(i), &mut groups);
            } else if let Some(id) = name.strip_prefix("ind_") {
                // An id the ruleset does not know is still the request's: reported per row
                // at /indicators/<id>, with "did you mean".
                flat(2, id, Source::Indicator(i, ruleset.indicator_index(id)), &mut groups);
            } else if let Some(id) = name.strip_prefix("basis_") {
                flat(3, id, Source::Indicator(i, ruleset.indicator_index(id)), &mut groups);
            } else if let Some((_, key)) = JUDGEMENT.iter().find(|(c, _)| *c == name) {
                flat(4, key, Source::Column(i), &mut groups);
            } else {
                if OUTCOME_COLUMNS.contains(&name) {
                    errors.push(FieldError::new(
                        format!("/columns/{}", hoth::error::escape_token(name)),
                        ErrorCode::InvalidValue,
                        format!("the input has a column named '{name}', which the outcome table uses: rename it (it would be overwritten)"),
                    ));
                }
                let hint = hoth::suggest::hint(name, known.iter().map(String::as_str));
                if !hint.is_empty() {
                    warnings.push(format!("column '{name}' is kept beside the outcome, not read as part of the request{hint}"));
                }
                pass.push(i);
                continue;
            }
            reads.push(i);
        }
        for (g, members) in groups.into_iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let key = GROUP_KEYS[g];
            if root.iter().any(|(k, _)| k == key) {
                errors.push(FieldError::new(
                    format!("/columns/{key}"),
                    ErrorCode::DuplicateKey,
                    format!(
                        "the table gives {key} twice: as a '{key}' column and as flat columns such as '{}'; use one shape or the other",
                        flat_for[g].as_deref().unwrap_or(key)
                    ),
                ));
                continue;
            }
            root.push((key.to_owned(), Source::Group(members, g == 0)));
        }
        if !root.iter().any(|(k, _)| k == "child") {
            // No child columns at all: every row is told its age is missing, at its pointer.
            root.push(("child".to_owned(), Source::Group(Vec::new(), true)));
        }
        if !errors.is_empty() {
            return Err(ErrorList { errors });
        }
        let mut fields: Vec<Field> = pass.iter().map(|&i| input.field(i).clone()).collect();
        fields.extend(output_fields(options));
        let schema = Arc::new(Schema::new_with_metadata(fields, input.metadata().clone()));
        Ok(Layout { root, reads, pass, options, schema })
    }

    /// The output schema: passed-through columns, then the outcome's.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

fn output_fields(options: Options) -> Vec<Field> {
    let list = |name: &str| Field::new(name, DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), true);
    let mut v = vec![
        // The area whose front door the outcome names: read from the request, kept for cross-tabs.
        Field::new("local_authority", DataType::Utf8, true),
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
        list("reasons"),
    ];
    if options.reason_texts {
        v.push(list("reason_texts"));
    }
    if options.screening {
        v.push(Field::new("screening", DataType::Utf8, true));
    }
    v.push(Field::new("ruleset_sha256", DataType::Utf8, true));
    v.push(Field::new("errors", DataType::Utf8, true));
    v
}

/// An input column, read once per batch into the few shapes the request walk needs.
pub enum Col {
    /// Text, with each cell read once as an answer (see [`answer_codes`]).
    Text(StringArray, Vec<u8>),
    Int(Int64Array),
    Float(Float64Array),
    Bool(BooleanArray),
    Struct(Vec<(String, Col)>, ArrayRef),
    List(Vec<usize>, Box<Col>, ArrayRef),
    /// An all-null column (polars' `Null` type).
    Null,
}

fn col(a: &ArrayRef) -> Result<Col, ArrowError> {
    Ok(match a.data_type() {
        DataType::Null => Col::Null,
        DataType::Boolean => Col::Bool(a.as_boolean().clone()),
        DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64 => Col::Int(arrow_cast::cast(a, &DataType::Int64)?.as_primitive::<Int64Type>().clone()),
        DataType::Float16 | DataType::Float32 | DataType::Float64 => {
            Col::Float(arrow_cast::cast(a, &DataType::Float64)?.as_primitive::<Float64Type>().clone())
        }
        DataType::Struct(fields) => {
            let s = a.as_struct();
            let children =
                fields.iter().zip(s.columns()).map(|(f, c)| Ok((f.name().clone(), col(c)?))).collect::<Result<_, ArrowError>>()?;
            Col::Struct(children, a.clone())
        }
        DataType::List(_) => {
            let l = a.as_list::<i32>();
            Col::List(l.offsets().iter().map(|&o| o as usize).collect(), Box::new(col(l.values())?), a.clone())
        }
        DataType::LargeList(_) => {
            let l = a.as_list::<i64>();
            Col::List(l.offsets().iter().map(|&o| o as usize).collect(), Box::new(col(l.values())?), a.clone())
        }
        DataType::FixedSizeList(..) => {
            let l = a.as_fixed_size_list();
            let n = l.value_length() as usize;
            Col::List((0..=l.len()).map(|i| i * n).collect(), Box::new(col(l.values())?), a.clone())
        }
        // Text of any kind (large, view, dictionary), and anything else (a date) as its text.
        _ => {
            let text = arrow_cast::cast(a, &DataType::Utf8)?.as_string::<i32>().clone();
            let codes = answer_codes(&text);
            Col::Text(text, codes)
        }
    })
}

/// Each cell of a text column as an answer, looked up once for the whole column: `0` for
/// a null or a text that is not an answer (the walk reads that cell's text and says why),
/// else `1 +` the answer's index. Most of a table's cells are answers, and a byte per cell
/// read in row order is far cheaper than comparing each cell's text as its row is read.
fn answer_codes(text: &StringArray) -> Vec<u8> {
    let mut codes: Vec<u8> =
        (0..text.len()).map(|row| Answer::from_wire_fast(text.value(row)).map_or(0, |a| 1 + a.index() as u8)).collect();
    if let Some(nulls) = text.nulls() {
        for row in nulls.iter().enumerate().filter(|(_, valid)| !valid).map(|(row, _)| row) {
            codes[row] = 0;
        }
    }
    codes
}

impl Col {
    /// Absent: a null cell, a NaN.
    fn missing(&self, row: usize) -> bool {
        match self {
            Col::Null => true,
            Col::Text(a, _) => a.is_null(row),
            Col::Int(a) => a.is_null(row),
            Col::Float(a) => a.is_null(row) || a.value(row).is_nan(),
            Col::Bool(a) => a.is_null(row),
            Col::Struct(_, a) | Col::List(_, _, a) => a.is_null(row),
        }
    }
}

/// One value of a row, as the request walk sees it.
#[derive(Clone, Copy)]
pub enum Node<'b> {
    /// The row itself, or an object made of flat columns.
    Group(&'b [(String, Source)], &'b [Option<Col>], usize),
    /// A cell.
    Cell(&'b Col, usize),
    /// A cell of an indicator's column, with the indicator's catalogue index.
    Answer(&'b Col, usize, usize),
    /// A `;`-separated text read as a list of ids.
    Split(&'b str),
    /// One id of such a list.
    Piece(&'b str),
}

fn present(members: &[(String, Source)], cols: &[Option<Col>], row: usize) -> bool {
    members.iter().any(|(_, src)| match src {
        Source::Column(i) | Source::Split(i) | Source::Indicator(i, _) => cols[*i].as_ref().is_some_and(|c| !c.missing(row)),
        Source::Group(g, always) => *always || present(g, cols, row),
    })
}

impl<'b> Node<'b> {
    /// An indicator's cell as a plain cell.
    fn plain(self) -> Self {
        match self {
            Node::Answer(c, row, _) => Node::Cell(c, row),
            other => other,
        }
    }
}

impl<'b> Input for Node<'b> {
    fn is_null(&self) -> bool {
        matches!(self.plain(), Node::Cell(c, row) if c.missing(row))
    }

    fn indicator_index(&self) -> Option<usize> {
        match *self {
            Node::Answer(_, _, i) => Some(i),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        match self.plain() {
            Node::Cell(Col::Text(a, _), row) if !a.is_null(row) => Some(Cow::Borrowed(a.value(row))),
            Node::Piece(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }

    fn as_answer(&self) -> Option<Answer> {
        match self.plain() {
            Node::Cell(Col::Text(_, codes), row) => codes[row].checked_sub(1).map(|i| Answer::ALL[usize::from(i)]),
            Node::Piece(s) => Answer::from_wire_fast(s),
            _ => None,
        }
    }

    fn as_whole(&self) -> Whole {
        match self.plain() {
            Node::Cell(Col::Int(a), row) => Whole::Fits(a.value(row)),
            Node::Cell(Col::Float(a), row) => {
                let x = a.value(row);
                if x.is_finite() && x.fract() == 0.0 {
                    if x.abs() < 9.2e18 { Whole::Fits(x as i64) } else { Whole::TooBig }
                } else {
                    Whole::No
                }
            }
            _ => Whole::No,
        }
    }

    fn members(&self, mut each: impl FnMut(&str, Self)) -> bool {
        match *self {
            Node::Group(members, cols, row) => {
                for (key, src) in members {
                    match src {
                        Source::Column(i) => {
                            if let Some(c) = cols[*i].as_ref().filter(|c| !c.missing(row)) {
                                each(key, Node::Cell(c, row));
                            }
                        }
                        Source::Indicator(i, index) => {
                            if let Some(c) = cols[*i].as_ref().filter(|c| !c.missing(row)) {
                                each(key, index.map_or(Node::Cell(c, row), |x| Node::Answer(c, row, x)));
                            }
                        }
                        Source::Split(i) => {
                            if let Some(Col::Text(a, _)) = cols[*i].as_ref().filter(|c| !c.missing(row)) {
                                each(key, Node::Split(a.value(row)));
                            }
                        }
                        Source::Group(g, always) => {
                            if *always || present(g, cols, row) {
                                each(key, Node::Group(g, cols, row));
                            }
                        }
                    }
                }
                true
            }
            Node::Cell(Col::Struct(fields, _), row) => {
                for (name, c) in fields {
                    if !c.missing(row) {
                        each(name, Node::Cell(c, row));
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn items(&self, mut each: impl FnMut(usize, Self)) -> bool {
        match *self {
            Node::Cell(Col::List(offsets, values, _), row) => {
                for (n, j) in (offsets[row]..offsets[row + 1]).enumerate() {
                    each(n, Node::Cell(values, j));
                }
                true
            }
            Node::Split(text) => {
                for (n, id) in text.split(';').map(str::trim).filter(|x| !x.is_empty()).enumerate() {
                    each(n, Node::Piece(id));
                }
                true
            }
            _ => false,
        }
    }

    fn snippet(&self) -> String {
        let mut out = String::new();
        match self.plain() {
            Node::Answer(..) => {}
            Node::Piece(s) | Node::Split(s) => hoth::json::write_str(&mut out, s),
            Node::Group(..) | Node::Cell(Col::Struct(..), _) => out.push_str("{…}"),
            Node::Cell(c, row) if c.missing(row) => out.push_str("null"),
            Node::Cell(Col::Text(a, _), row) => hoth::json::write_str(&mut out, a.value(row)),
            Node::Cell(Col::Int(a), row) => out = a.value(row).to_string(),
            Node::Cell(Col::Float(a), row) => out = a.value(row).to_string(),
            Node::Cell(Col::Bool(a), row) => out = a.value(row).to_string(),
            Node::Cell(Col::List(..), _) => out.push_str("[…]"),
            Node::Cell(Col::Null, _) => out.push_str("null"),
        }
        shorten(out)
    }
}

/// The outcome columns of some rows, built row by row.
struct Columns {
    area: StringBuilder,
    concern: StringBuilder,
    level: UInt8Builder,
    level_name: StringBuilder,
    score: UInt32Builder,
    harm: ListBuilder<StringBuilder>,
    cin: ListBuilder<StringBuilder>,
    top_action: StringBuilder,
    top_urgency: StringBuilder,
    actions: ListBuilder<StringBuilder>,
    complete: BooleanBuilder,
    gap_count: UInt32Builder,
    gaps: ListBuilder<StringBuilder>,
    reasons: ListBuilder<StringBuilder>,
    reason_texts: ListBuilder<StringBuilder>,
    screening: StringBuilder,
    sha: StringBuilder,
    errors: StringBuilder,
}

impl Columns {
    /// Builders sized for `rows` outcomes of typical length, so a batch's columns are
    /// allocated once instead of grown by copying (growing them had been a quarter of the
    /// time: the copies and the fresh pages each doubling touches).
    fn new(rows: usize) -> Self {
        let text = |bytes: usize| StringBuilder::with_capacity(rows, rows * bytes);
        let list =
            |items: usize, bytes: usize| ListBuilder::with_capacity(StringBuilder::with_capacity(rows * items, rows * items * bytes), rows);
        Columns {
            area: text(16),
            concern: text(8),
            level: UInt8Builder::with_capacity(rows),
            level_name: text(16),
            score: UInt32Builder::with_capacity(rows),
            harm: list(2, 20),
            cin: list(2, 4),
            top_action: text(32),
            top_urgency: text(12),
            actions: list(4, 32),
            complete: BooleanBuilder::with_capacity(rows),
            gap_count: UInt32Builder::with_capacity(rows),
            gaps: list(4, 24),
            reasons: list(6, 4),
            reason_texts: ListBuilder::new(StringBuilder::new()),
            screening: StringBuilder::new(),
            sha: text(64),
            errors: StringBuilder::new(),
        }
    }

    fn outcome(&mut self, ruleset: &Ruleset, s: &hoth::Screening, options: Options) {
        let d = hoth::evaluate(ruleset, s);
        self.area.append_value(s.local_authority.as_str());
        self.concern.append_value(d.concern.as_str());
        self.level.append_option(d.threshold);
        self.level_name.append_option(d.threshold.and_then(hoth::vocab::ThresholdName::for_level).map(|t| t.as_str()));
        self.score.append_value(d.score);
        for h in hoth::eval::harm_types(ruleset, s) {
            self.harm.values().append_value(h.as_str());
        }
        self.harm.append(true);
        for code in hoth::eval::cin_factors(ruleset, s, &d) {
            self.cin.values().append_value(code);
        }
        self.cin.append(true);
        let mut ordered = d.actions_in_order(ruleset).peekable();
        let top = ordered.peek().copied();
        self.top_action.append_option(top.map(|(a, _)| a.as_str()));
        self.top_urgency.append_option(top.map(|(_, u)| u.as_str()));
        for (a, _) in ordered {
            self.actions.values().append_value(a.as_str());
        }
        self.actions.append(true);
        let g = hoth::eval::gaps(ruleset, s);
        self.complete.append_value(!d.has_gaps);
        self.gap_count.append_value(g.len());
        let ids = &ruleset.file().indicators;
        for i in g.iter() {
            self.gaps.values().append_value(&ids[i].id);
        }
        self.gaps.append(true);
        for id in hoth::screen::reason_rules(ruleset, s, &d) {
            self.reasons.values().append_value(id);
        }
        self.reasons.append(true);
        if options.reason_texts {
            for text in hoth::screen::reason_texts(ruleset, s, &d) {
                self.reason_texts.values().append_value(text);
            }
            self.reason_texts.append(true);
        }
        if options.screening {
            self.screening.append_value(hoth::screen::screening_json(ruleset, s));
        }
        self.sha.append_value(ruleset.sha256());
        self.errors.append_null();
    }

    fn error(&mut self, ruleset: &Ruleset, e: &ErrorList, options: Options) {
        self.area.append_null();
        self.concern.append_null();
        self.level.append_null();
        self.level_name.append_null();
        self.score.append_null();
        self.harm.append(false);
        self.cin.append(false);
        self.top_action.append_null();
        self.top_urgency.append_null();
        self.actions.append(false);
        self.complete.append_null();
        self.gap_count.append_null();
        self.gaps.append(false);
        self.reasons.append(false);
        if options.reason_texts {
            self.reason_texts.append(false);
        }
        if options.screening {
            self.screening.append_null();
        }
        self.sha.append_value(ruleset.sha256());
        self.errors.append_value(e.to_json());
    }

    fn finish(mut self, options: Options) -> Vec<ArrayRef> {
        let mut v: Vec<ArrayRef> = vec![
            Arc::new(self.area.finish()),
            Arc::new(self.concern.finish()),
            Arc::new(self.level.finish()),
            Arc::new(self.level_name.finish()),
            Arc::new(self.score.finish()),
            Arc::new(self.harm.finish()),
            Arc::new(self.cin.finish()),
            Arc::new(self.top_action.finish()),
            Arc::new(self.top_urgency.finish()),
            Arc::new(self.actions.finish()),
            Arc::new(self.complete.finish()),
            Arc::new(self.gap_count.finish()),
            Arc::new(self.gaps.finish()),
            Arc::new(self.reasons.finish()),
        ];
        if options.reason_texts {
            v.push(Arc::new(self.reason_texts.finish()));
        }
        if options.screening {
            v.push(Arc::new(self.screening.finish()));
        }
        v.push(Arc::new(self.sha.finish()));
        v.push(Arc::new(self.errors.finish()));
        v
    }
}

/// Screens rows `from..to` of a batch whose request columns are read into `cols`.
fn screen_rows(
    ruleset: &Ruleset,
    layout: &Layout,
    batch: &RecordBatch,
    cols: &[Option<Col>],
    from: usize,
    to: usize,
) -> Result<RecordBatch, ArrowError> {
    let mut out = Columns::new(to - from);
    for row in from..to {
        let node = Node::Group(&layout.root, cols, row);
        match hoth::ffi::guard(|| hoth::screen::input::parse_with(ruleset, node)) {
            Ok(s) => out.outcome(ruleset, &s, layout.options),
            Err(e) => out.error(ruleset, &e, layout.options),
        }
    }
    let mut arrays: Vec<ArrayRef> = layout.pass.iter().map(|&i| batch.column(i).slice(from, to - from)).collect();
    arrays.extend(out.finish(layout.options));
    RecordBatch::try_new(layout.schema.clone(), arrays)
}

/// Calls `each` with every row of a batch as a request (for tools that screen a row more
/// than once, such as a before/after comparison).
pub fn for_each_row(layout: &Layout, batch: &RecordBatch, mut each: impl FnMut(Node<'_>)) -> Result<(), ArrowError> {
    let mut cols: Vec<Option<Col>> = (0..batch.num_columns()).map(|_| None).collect();
    for &i in &layout.reads {
        cols[i] = Some(col(batch.column(i))?);
    }
    for row in 0..batch.num_rows() {
        each(Node::Group(&layout.root, &cols, row));
    }
    Ok(())
}

/// Screens one input batch into output batches (one per worker).
pub fn screen_batch(ruleset: &Ruleset, layout: &Layout, batch: &RecordBatch) -> Result<Vec<RecordBatch>, ArrowError> {
    let mut cols: Vec<Option<Col>> = (0..batch.num_columns()).map(|_| None).collect();
    for &i in &layout.reads {
        cols[i] = Some(col(batch.column(i))?);
    }
    let n = batch.num_rows();
    let jobs = layout.options.jobs.clamp(1, 64).min(n.div_ceil(1024).max(1));
    if jobs == 1 {
        return Ok(vec![screen_rows(ruleset, layout, batch, &cols, 0, n)?]);
    }
    let per = n.div_ceil(jobs);
    let cols = &cols;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs)
            .map(|j| {
                let (from, to) = ((j * per).min(n), ((j + 1) * per).min(n));
                scope.spawn(move || screen_rows(ruleset, layout, batch, cols, from, to))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err(ArrowError::ComputeError("a worker stopped".into())))).collect()
    })
}

/// The output stream: each output batch is made when the consumer asks for it.
struct Outcomes {
    ruleset: Ruleset,
    layout: Layout,
    input: Box<dyn RecordBatchReader + Send>,
    ready: std::collections::VecDeque<RecordBatch>,
}

impl Iterator for Outcomes {
    type Item = Result<RecordBatch, ArrowError>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(b) = self.ready.pop_front() {
                return Some(Ok(b));
            }
            let batch = match self.input.next()? {
                Ok(b) => b,
                Err(e) => return Some(Err(e)),
            };
            match screen_batch(&self.ruleset, &self.layout, &batch) {
                Ok(out) => self.ready.extend(out),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl RecordBatchReader for Outcomes {
    fn schema(&self) -> SchemaRef {
        self.layout.schema()
    }
}

/// An Arrow stream of outcome batches; hand it to `pyarrow.table()`,
/// `pyarrow.RecordBatchReader.from_stream()` or any Arrow consumer.
#[pyclass(module = "hoth._native")]
pub struct OutcomeStream {
    reader: std::sync::Mutex<Option<Box<dyn RecordBatchReader + Send>>>,
}

impl OutcomeStream {
    fn new(reader: Box<dyn RecordBatchReader + Send>) -> Self {
        OutcomeStream { reader: std::sync::Mutex::new(Some(reader)) }
    }
}

#[pymethods]
impl OutcomeStream {
    /// The Arrow PyCapsule stream interface (consumed once).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(&self, py: Python<'py>, requested_schema: Option<Bound<'py, PyAny>>) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = self
            .reader
            .lock()
            .map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("this outcome stream failed"))?
            .take()
            .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("this outcome stream was already consumed"))?;
        let stream = FFI_ArrowArrayStream::new(reader);
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }
}

/// Reads the Arrow stream of any object with `__arrow_c_stream__`.
pub(crate) fn reader(data: &Bound<'_, PyAny>) -> PyResult<RecordBatchStreamReader> {
    let capsule = data.call_method0("__arrow_c_stream__")?;
    let capsule =
        capsule.cast::<PyCapsule>().map_err(|_| pyo3::exceptions::PyTypeError::new_err("__arrow_c_stream__ did not return a capsule"))?;
    let ptr = capsule.pointer_checked(Some(c"arrow_array_stream"))?.as_ptr() as *mut FFI_ArrowArrayStream;
    // SAFETY: the capsule holds a valid ArrowArrayStream by the PyCapsule interface;
    // `from_raw` moves it out and leaves a released stream for the capsule's destructor.
    unsafe { RecordBatchStreamReader::from_raw(ptr) }.map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}

/// What `screen_table` returns to Python: the stream, or the schema's problems as error
/// JSON, and the warnings to show.
pub type Screened = (Option<OutcomeStream>, Option<String>, Vec<String>);

/// See [`crate::PyRuleset::screen_table`]. `lazy`: screen each batch when it is read
/// (a reader in, a reader out); otherwise screen everything now, with the GIL released.
pub fn screen_table(py: Python<'_>, ruleset: &Ruleset, data: &Bound<'_, PyAny>, options: Options, lazy: bool) -> PyResult<Screened> {
    let input = reader(data)?;
    let mut warnings = Vec::new();
    let layout = match Layout::new(ruleset, &input.schema(), options, &mut warnings) {
        Ok(l) => l,
        Err(e) => return Ok((None, Some(e.to_json()), warnings)),
    };
    let mut outcomes = Outcomes { ruleset: ruleset.clone(), layout, input: Box::new(input), ready: Default::default() };
    if lazy {
        return Ok((Some(OutcomeStream::new(Box::new(outcomes))), None, warnings));
    }
    let schema = outcomes.layout.schema();
    let batches = py.detach(|| outcomes.by_ref().collect::<Result<Vec<RecordBatch>, ArrowError>>());
    match batches {
        Ok(b) => {
            let reader = arrow_array::RecordBatchIterator::new(b.into_iter().map(Ok), schema);
            Ok((Some(OutcomeStream::new(Box::new(reader))), None, warnings))
        }
        Err(e) => Ok((None, Some(ErrorList::one("", ErrorCode::InvalidType, e.to_string()).to_json()), warnings)),
    }
}
