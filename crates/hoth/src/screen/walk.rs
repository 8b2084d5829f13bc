//! Reads a request into a [`ScreeningBuilder`], field by field, from any [`Input`]: a
//! parsed JSON value, a Python dict, an Arrow row.
//!
//! This module knows the request's *shape*: which keys each object may have, and which
//! JSON type each value must be. What a value means (an age in range, an indicator id the
//! ruleset knows) is the builder's business. Every shape problem is recorded with its
//! pointer and the walk goes on, so one pass reports everything: an unknown key (with
//! "did you mean"), a key given twice, a missing field (at the end, by the builder), a
//! value of the wrong type or outside the vocabulary.
//!
//! Where a value is, is carried as an [`At`]: a few borrowed words, turned into a JSON
//! pointer and a name for the message only when there is a problem to report.

use crate::contract::error::{ErrorCode, escape_token};
use crate::contract::read::truncate;
use crate::contract::request::{field, members};
use crate::contract::suggest;
use crate::contract::vocab::{Answer, AnswerField, Basis, Direction, Education, LocalAuthority, ScreenedBy};
use crate::json::Whole;
use crate::screen::build::ScreeningBuilder;
use crate::screen::input::Input;

/// Where a value sits in a request (at most two levels down).
#[derive(Debug, Clone, Copy)]
enum At<'k> {
    /// The whole request.
    Root,
    /// A top-level field.
    Key(&'k str),
    /// A field of a top-level object: `/child/age_years`, `/indicators/<id>`.
    Sub(&'static str, &'k str),
    /// An item of a top-level list: `/threshold_descriptors/2`.
    Item(&'static str, usize),
}

impl At<'_> {
    fn pointer(self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(k) => format!("/{}", escape_token(k)),
            At::Sub(parent, k) => format!("/{parent}/{}", escape_token(k)),
            At::Item(list, i) => format!("/{list}/{i}"),
        }
    }
    /// The name a message uses: the key, `list[2]`, or "the request".
    fn name(self) -> String {
        match self {
            At::Root => "the request".to_owned(),
            At::Key(k) | At::Sub(_, k) => k.to_owned(),
            At::Item(list, i) => format!("{list}[{i}]"),
        }
    }
}

fn wrong_type(b: &mut ScreeningBuilder<'_>, at: At<'_>, expected: &str, got: &impl Input) {
    b.error(at.pointer(), ErrorCode::InvalidType, format!("{} must be {expected}, got {}", at.name(), got.snippet()));
}

/// A vocabulary value (`Answer`, `LocalAuthority`, …) by its position in `names`.
fn name_in(b: &mut ScreeningBuilder<'_>, at: At<'_>, v: &impl Input, names: &[&str]) -> Option<usize> {
    let one_of = || format!("one of {}", names.join(", "));
    let Some(s) = v.as_str() else {
        wrong_type(b, at, &one_of(), v);
        return None;
    };
    let found = names.iter().position(|n| *n == s);
    if found.is_none() {
        let message = format!("{} must be {}, got {}{}", at.name(), one_of(), v.snippet(), suggest::hint(&s, names.iter().copied()));
        b.error(at.pointer(), ErrorCode::InvalidValue, message);
    }
    found
}

fn answer(b: &mut ScreeningBuilder<'_>, at: At<'_>, v: &impl Input) -> Option<Answer> {
    v.as_answer().or_else(|| name_in(b, at, v, Answer::WIRE).map(|i| Answer::ALL[i]))
}

/// A whole number of any size that fits 64 bits; the builder checks the contract's range.
fn whole(b: &mut ScreeningBuilder<'_>, at: At<'_>, v: &impl Input, range: Option<(i64, i64)>) -> Option<i64> {
    match v.as_whole() {
        Whole::Fits(n) => Some(n),
        Whole::TooBig => {
            let (min, max) = range.unwrap_or((i64::MIN, i64::MAX));
            b.error(
                at.pointer(),
                ErrorCode::OutOfRange,
                format!("{} must be a whole number from {min} to {max}, got {}", at.name(), v.snippet()),
            );
            None
        }
        Whole::No => {
            wrong_type(b, at, "a whole number", v);
            None
        }
    }
}

/// Runs `each` on every member of an object with the key, when the key is one the request's
/// shape ([`FIELDS`](crate::request::FIELDS)) gives the object at `parent` (`""` for the request itself, else
/// `"/child"` and so on). Strangers and keys given twice are recorded instead.
fn fields<I: Input>(
    b: &mut ScreeningBuilder<'_>,
    parent: &'static str,
    obj: &I,
    mut each: impl FnMut(&mut ScreeningBuilder<'_>, usize, &str, I),
) -> bool {
    fn at<'k>(parent: &'static str, k: &'k str) -> At<'k> {
        if parent.is_empty() { At::Key(k) } else { At::Sub(&parent[1..], k) }
    }
    let mut seen = 0u32;
    let known = members(parent);
    obj.members(|key, value| match known.iter().find(|(_, k)| *k == key) {
        None => {
            let within = if parent.is_empty() { At::Root.name() } else { parent[1..].to_owned() };
            let hint = suggest::hint(key, known.iter().map(|(_, k)| *k));
            b.error(at(parent, key).pointer(), ErrorCode::UnknownField, format!("unknown field '{}' in {within}{hint}", truncate(key)));
        }
        Some(&(i, _)) if seen & (1 << i) != 0 => b.given_twice(at(parent, key).pointer()),
        Some(&(i, _)) => {
            seen |= 1 << i;
            each(b, i, key, value);
        }
    })
}

/// An answer field's answer, or records why it cannot be read.
fn answer_field(b: &mut ScreeningBuilder<'_>, at: At<'_>, field: AnswerField, v: &impl Input) {
    match answer(b, at, v) {
        Some(a) => b.answer(field, a),
        None => b.given(field.pointer()),
    }
}

/// Reads a whole request into `b`.
pub(crate) fn request<I: Input>(v: I, b: &mut ScreeningBuilder<'_>) {
    const LOCAL_AUTHORITY: usize = field("/local_authority");
    const CHILD: usize = field("/child");
    const INDICATORS: usize = field("/indicators");
    const CONCERN_BASIS: usize = field("/concern_basis");
    const HISTORY: usize = field("/history");
    const DESCRIPTORS: usize = field("/threshold_descriptors");
    const JUDGEMENT: usize = field("/professional_judgement");
    const SCREENED_BY: usize = field("/screened_by");
    let is_object = fields(b, "", &v, |b, i, key, value| {
        let at = At::Key(key);
        match i {
            LOCAL_AUTHORITY => match name_in(b, at, &value, LocalAuthority::WIRE) {
                Some(i) => b.local_authority(LocalAuthority::ALL[i]),
                None => b.given("/local_authority"),
            },
            CHILD => child(&value, b),
            INDICATORS => indicators(&value, b),
            CONCERN_BASIS => concern_basis(&value, b),
            HISTORY => history(&value, b),
            DESCRIPTORS => descriptors(&value, b),
            JUDGEMENT => judgement(&value, b),
            SCREENED_BY => {
                if let Some(i) = name_in(b, at, &value, ScreenedBy::WIRE) {
                    b.screened_by(ScreenedBy::ALL[i]);
                }
            }
            _ => match AnswerField::from_wire(key) {
                Some(field) => answer_field(b, at, field, &value),
                None => unreachable_shape(b, at),
            },
        }
    });
    if !is_object {
        // Reported as not an object, and each required field as missing.
        wrong_type(b, At::Root, "an object", &v);
    }
}

/// A field [`FIELDS`](crate::request::FIELDS) declares that this walk does not read: a request field was added to
/// the contract without telling the walk what its value is. Reported, never ignored.
fn unreachable_shape(b: &mut ScreeningBuilder<'_>, at: At<'_>) {
    b.error(at.pointer(), ErrorCode::Internal, format!("the engine does not know how to read {}: please report it", at.name()));
}

fn child<I: Input>(v: &I, b: &mut ScreeningBuilder<'_>) {
    b.child();
    const AGE_YEARS: usize = field("/child/age_years");
    const EDUCATION: usize = field("/child/education");
    let is_object = fields(b, "/child", v, |b, i, key, value| {
        let at = At::Sub("child", key);
        match i {
            AGE_YEARS => match whole(b, at, &value, None) {
                Some(age) => b.age_years(age),
                None => b.given("/child/age_years"),
            },
            EDUCATION => {
                if let Some(i) = name_in(b, at, &value, Education::WIRE) {
                    b.education(Education::ALL[i]);
                }
            }
            _ => match AnswerField::from_wire(key) {
                Some(field) => answer_field(b, at, field, &value),
                None => unreachable_shape(b, at),
            },
        }
    });
    if !is_object {
        wrong_type(b, At::Key("child"), "an object", v);
        b.given("/child/age_years");
    }
}

fn indicators<I: Input>(v: &I, b: &mut ScreeningBuilder<'_>) {
    let is_object = v.members(|id, value| match answer(b, At::Sub("indicators", id), &value) {
        Some(a) => b.indicator_at_index(id, value.indicator_index(), a),
        None => {
            b.indicator_id(id, value.indicator_index());
        }
    });
    if !is_object {
        wrong_type(b, At::Key("indicators"), "an object of indicator id → answer", v);
    }
}

fn concern_basis<I: Input>(v: &I, b: &mut ScreeningBuilder<'_>) {
    let is_object = v.members(|id, value| match name_in(b, At::Sub("concern_basis", id), &value, Basis::WIRE) {
        Some(i) => b.concern_basis_at_index(id, value.indicator_index(), Basis::ALL[i]),
        None => {
            b.basis_id(id, value.indicator_index());
        }
    });
    if !is_object {
        wrong_type(b, At::Key("concern_basis"), "an object of indicator id → basis", v);
    }
}

fn history<I: Input>(v: &I, b: &mut ScreeningBuilder<'_>) {
    const MISSING_EPISODES: usize = field("/history/missing_episodes_last_90_days");
    let is_object = fields(b, "/history", v, |b, i, key, value| {
        let at = At::Sub("history", key);
        match i {
            MISSING_EPISODES if value.is_null() => {} // not known
            MISSING_EPISODES => {
                if let Some(count) = whole(b, at, &value, Some((0, u32::MAX.into()))) {
                    b.missing_episodes(count);
                }
            }
            _ => match AnswerField::from_wire(key) {
                Some(field) => answer_field(b, at, field, &value),
                None => unreachable_shape(b, at),
            },
        }
    });
    if !is_object {
        wrong_type(b, At::Key("history"), "an object", v);
    }
}

fn descriptors<I: Input>(v: &I, b: &mut ScreeningBuilder<'_>) {
    let is_list = v.items(|n, item| match item.as_str() {
        Some(id) => b.descriptor(n, &id),
        None => wrong_type(b, At::Item("threshold_descriptors", n), "a string", &item),
    });
    if !is_list {
        wrong_type(b, At::Key("threshold_descriptors"), "a list of descriptor ids", v);
    }
}

fn judgement<I: Input>(v: &I, b: &mut ScreeningBuilder<'_>) {
    const KEY: &str = "professional_judgement";
    if v.is_null() {
        return;
    }
    let (mut direction, mut reason, mut role) = (false, false, false);
    const DIRECTION: usize = field("/professional_judgement/direction");
    const REASON: usize = field("/professional_judgement/reason");
    let is_object = fields(b, "/professional_judgement", v, |b, i, key, value| {
        let at = At::Sub(KEY, key);
        match i {
            DIRECTION => {
                direction = true;
                if let Some(i) = name_in(b, at, &value, Direction::WIRE) {
                    b.judgement_direction(Direction::ALL[i]);
                }
            }
            REASON => {
                reason = true;
                if value.is_null() {
                    b.judgement_reason(None);
                } else {
                    match value.as_str() {
                        Some(s) => b.judgement_reason(Some(&s)),
                        None => wrong_type(b, at, "a string", &value),
                    }
                }
            }
            _ => {
                role = true;
                match value.as_str() {
                    Some(s) => b.judgement_role(&s),
                    None => wrong_type(b, at, "a string", &value),
                }
            }
        }
    });
    if !is_object {
        return wrong_type(b, At::Key(KEY), "an object", v);
    }
    if !direction {
        let message = format!("direction is required: one of {}", Direction::WIRE.join(", "));
        b.error(At::Sub(KEY, "direction").pointer(), ErrorCode::MissingField, message);
    }
    if !reason {
        b.judgement_reason(None);
    }
    if !role {
        b.error(At::Sub(KEY, "recorded_by_role").pointer(), ErrorCode::MissingField, "recorded_by_role is required: a string");
    }
}
