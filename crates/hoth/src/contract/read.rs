//! Reads typed values (a request on its complete path, a ruleset, a language guide) out of
//! a parsed JSON document, reporting **every** shape problem at once, each at its JSON
//! pointer: a missing field, an unknown field (with "did you mean"), a value of the wrong
//! type, a number out of range, a name that is not in the vocabulary. Messages name the
//! field and say what it must be: "age_years must be a whole number, got \"ten\"".
//!
//! Why not `#[derive(Deserialize)]`? serde stops at the first problem, reports it as a line
//! and column, and its generated code (one visitor per struct, per JSON reader) was the
//! largest single part of the WebAssembly bundle. Here each struct is a list of its fields
//! (`read_struct!`); the work is done by a handful of non-generic functions.
//!
//! Duplicate keys are refused: [`crate::json`] keeps every member of an object, and
//! [`Reader::for_document`] records each key given twice before the walk starts.

use std::collections::BTreeMap;

use crate::contract::error::{Collector, ErrorCode, ErrorList, escape_token};
use crate::json::{Object, Value, Whole};

/// Collects problems while walking a document; knows where it is.
pub struct Reader {
    /// What the whole document is, for messages: "the request", "the ruleset".
    document: &'static str,
    path: String,
    errs: Collector,
}

/// A value that can be read out of JSON by a [`Reader`].
pub trait Read: Sized {
    /// What a valid value looks like, for messages: "a string", "one of no, not_known, yes".
    fn expected() -> String;
    /// Reads `v`, or records why not and returns `None`.
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self>;
}

/// Parses `text` and reads it as a `T` (`document` names it in messages: "the ruleset"):
/// every problem, or the value. (The language guide is read this way; a build without the
/// checker has no guide to read.)
#[cfg_attr(not(feature = "checker"), allow(dead_code))]
pub fn from_json<T: Read>(text: &str, document: &'static str) -> Result<T, ErrorList> {
    from_value(&crate::json::parse(text)?, document)
}

/// Reads a parsed `value` as a `T`, as [`from_json`] does.
pub fn from_value<T: Read>(value: &Value<'_>, document: &'static str) -> Result<T, ErrorList> {
    let mut r = Reader::for_document(value, document);
    let read = T::read(value, &mut r);
    r.errs.finish(())?;
    read.ok_or_else(|| ErrorList::one("", ErrorCode::Internal, "a value was refused without a reason"))
}

impl Reader {
    /// A reader at the top of `document` ("the request", "the ruleset").
    pub fn new(document: &'static str) -> Reader {
        Reader { document, path: String::new(), errs: Collector::default() }
    }

    /// A reader for `value`, with every duplicate key in it already recorded: an
    /// ambiguous document (an indicator answered twice) is refused, never guessed at.
    pub fn for_document(value: &Value<'_>, document: &'static str) -> Reader {
        let mut r = Reader::new(document);
        for pointer in crate::json::duplicate_keys(value) {
            r.error_at(pointer, ErrorCode::DuplicateKey, crate::contract::error::GIVEN_TWICE);
        }
        r
    }

    /// Records a problem at the current place.
    pub fn error(&mut self, code: ErrorCode, message: impl Into<String>) {
        self.errs.push(self.path.clone(), code, message);
    }

    /// Records a problem at `pointer`.
    pub fn error_at(&mut self, pointer: impl Into<String>, code: ErrorCode, message: impl Into<String>) {
        self.errs.push(pointer, code, message);
    }

    /// The name of the current place, for messages: its key, `list[2]` for an item of a
    /// list, or the document's name at the top.
    pub(crate) fn name(&self) -> String {
        match self.path.rsplit_once('/') {
            None => self.document.to_owned(),
            Some((parent, last)) if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) => {
                let list = parent.rsplit('/').next().filter(|p| !p.is_empty()).unwrap_or(self.document);
                format!("{list}[{last}]")
            }
            Some((_, last)) => last.to_owned(),
        }
    }

    /// Runs `f` one step deeper, at `token` (a key or an index).
    pub fn at<T>(&mut self, token: &str, f: impl FnOnce(&mut Reader) -> T) -> T {
        let len = self.enter(token);
        let out = f(self);
        self.path.truncate(len);
        out
    }

    /// Steps into `token`, giving the path's length to go back to. Generic code (`at`, which
    /// is made once per place it is called from) stays small by calling out for the rest;
    /// so do the error paths below (`wrong_type`, `missing`): the reader is most of the
    /// WebAssembly core's code, and each copy of their bodies would be another.
    #[inline(never)]
    fn enter(&mut self, token: &str) -> usize {
        let len = self.path.len();
        self.path.push('/');
        self.path.push_str(&escape_token(token));
        len
    }

    /// Records that `got` is not what was `expected` (e.g. "a string").
    pub fn wrong_type<T>(&mut self, expected: &str, got: &Value<'_>) -> Option<T> {
        self.record_wrong_type(expected, got);
        None
    }

    #[inline(never)]
    fn record_wrong_type(&mut self, expected: &str, got: &Value<'_>) {
        let message = format!("{} must be {expected}, got {}", self.name(), snippet(got));
        self.error(ErrorCode::InvalidType, message);
    }

    /// Records that `key` is missing; `expected` says what it should have been.
    #[inline(never)]
    fn missing(&mut self, key: &str, expected: fn() -> String) {
        self.at(key, |r| r.error(ErrorCode::MissingField, format!("{key} is required: {}", expected())));
    }

    /// `v` as an object whose keys are all in `fields` (each stranger is reported).
    pub fn object<'v, 'a>(&mut self, v: &'v Value<'a>, fields: &[&str]) -> Option<&'v Object<'a>> {
        let Some(obj) = v.as_object() else { return self.wrong_type("an object", v) };
        for key in obj.keys().filter(|k| !fields.contains(k)) {
            let message = format!(
                "unknown field '{}' in {}{}",
                truncate(key),
                self.name(),
                crate::contract::suggest::hint(key, fields.iter().copied())
            );
            self.at(key, |r| r.error(ErrorCode::UnknownField, message));
        }
        Some(obj)
    }

    /// A field that must be present.
    pub fn required<T: Read>(&mut self, obj: &Object<'_>, key: &str) -> Option<T> {
        match obj.get(key) {
            Some(v) => self.at(key, |r| T::read(v, r)),
            None => {
                self.missing(key, T::expected);
                None
            }
        }
    }

    /// A field that may be left out (or be `null` where its type allows it).
    pub fn optional<T: Read + Default>(&mut self, obj: &Object<'_>, key: &str) -> Option<T> {
        match obj.get(key) {
            Some(v) => self.at(key, |r| T::read(v, r)),
            None => Some(T::default()),
        }
    }
}

/// Declares how to read a struct: its fields, each `required` or `optional` (or
/// `omit_empty`, which [`crate::json::write`] leaves out when empty and reads as `optional`).
/// The field names are the JSON names, and unknown keys are refused.
macro_rules! read_struct {
    (@field $r:ident, $obj:ident, required, $key:expr) => { $r.required($obj, $key) };
    (@field $r:ident, $obj:ident, optional, $key:expr) => { $r.optional($obj, $key) };
    (@field $r:ident, $obj:ident, omit_empty, $key:expr) => { $r.optional($obj, $key) };
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl $crate::contract::read::Read for $ty {
            fn expected() -> String {
                "an object".to_owned()
            }
            fn read(v: &$crate::json::Value<'_>, r: &mut $crate::contract::read::Reader) -> Option<Self> {
                let obj = r.object(v, &[$(stringify!($field)),*])?;
                $(let $field = $crate::contract::read::read_struct!(@field r, obj, $how, stringify!($field));)*
                // One match over every field, not `?` on each: with `?`, each field that
                // could be missing needs its own code to drop the fields read before it.
                match ($($field,)*) {
                    ($(Some($field),)*) => Some($ty { $($field,)* }),
                    _ => None,
                }
            }
        }
    };
}
pub(crate) use read_struct;

/// A short rendering of a value for messages.
pub(crate) fn snippet(v: &Value<'_>) -> String {
    let s = v.to_string();
    if s.chars().count() <= 40 { s } else { format!("{}…", s.chars().take(40).collect::<String>()) }
}

/// Keeps echoed input short in messages.
pub(crate) fn truncate(s: &str) -> String {
    if s.chars().count() <= 80 { s.to_owned() } else { format!("{}…", s.chars().take(80).collect::<String>()) }
}

impl Read for String {
    fn expected() -> String {
        "a string".to_owned()
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        match v {
            Value::String(s) => Some(s.as_ref().to_owned()),
            _ => r.wrong_type(&Self::expected(), v),
        }
    }
}

impl Read for bool {
    fn expected() -> String {
        "true or false".to_owned()
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => r.wrong_type(&Self::expected(), v),
        }
    }
}

/// Reads a whole number in `min..=max`.
fn whole(v: &Value<'_>, r: &mut Reader, min: i64, max: i64) -> Option<i64> {
    match v.as_whole() {
        Whole::Fits(i) if (min..=max).contains(&i) => Some(i),
        Whole::Fits(_) | Whole::TooBig => {
            let message = format!("{} must be a whole number from {min} to {max}, got {v}", r.name());
            r.error(ErrorCode::OutOfRange, message);
            None
        }
        Whole::No => r.wrong_type("a whole number", v),
    }
}

impl Read for i64 {
    fn expected() -> String {
        "a whole number".to_owned()
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        whole(v, r, i64::MIN, i64::MAX)
    }
}

impl Read for u8 {
    fn expected() -> String {
        "a whole number from 0 to 255".to_owned()
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        whole(v, r, 0, u8::MAX.into()).and_then(|i| u8::try_from(i).ok())
    }
}

impl Read for u32 {
    fn expected() -> String {
        "a whole number, 0 or more".to_owned()
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        whole(v, r, 0, u32::MAX.into()).and_then(|i| u32::try_from(i).ok())
    }
}

/// A field a document must not have, kept only as the fact that it was given, so a
/// checker can say precisely what is wrong (a rule that tries to lower concern, R3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Given;

impl Read for Given {
    fn expected() -> String {
        "any JSON value".to_owned()
    }
    fn read(_: &Value<'_>, _: &mut Reader) -> Option<Self> {
        Some(Given)
    }
}

impl crate::json::write::Write for Given {
    fn write(&self, out: &mut String) {
        out.push_str("null");
    }
}

impl serde::Serialize for Given {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

impl<'de> serde::Deserialize<'de> for Given {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| Given)
    }
}

impl<T: Read> Read for Option<T> {
    fn expected() -> String {
        format!("{} or null", T::expected())
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        if v.is_null() { Some(None) } else { T::read(v, r).map(Some) }
    }
}

impl<T: Read> Read for Vec<T> {
    fn expected() -> String {
        format!("a list, each {}", T::expected())
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        let Some(items) = v.as_array() else { return r.wrong_type(&Self::expected(), v) };
        let read: Vec<Option<T>> = items.iter().enumerate().map(|(i, item)| r.at(&i.to_string(), |r| T::read(item, r))).collect();
        read.into_iter().collect()
    }
}

impl<T: Read> Read for BTreeMap<String, T> {
    fn expected() -> String {
        format!("an object, each value {}", T::expected())
    }
    fn read(v: &Value<'_>, r: &mut Reader) -> Option<Self> {
        let Some(obj) = v.as_object() else { return r.wrong_type(&Self::expected(), v) };
        let read: Vec<Option<(String, T)>> = obj.iter().map(|(k, item)| r.at(k, |r| T::read(item, r)).map(|t| (k.to_owned(), t))).collect();
        read.into_iter().collect()
    }
}

/// "one of a, b, c": what a vocabulary value must be.
pub(crate) fn one_of(names: &[&str]) -> String {
    format!("one of {}", names.join(", "))
}

/// Reads one of a fixed list of names; the vocabulary enums use this.
pub(crate) fn name_in(v: &Value<'_>, r: &mut Reader, names: &'static [&'static str]) -> Option<usize> {
    let Some(s) = v.as_str() else { return r.wrong_type(&one_of(names), v) };
    let found = names.iter().position(|n| *n == s);
    if found.is_none() {
        let message = format!(
            "{} must be {}, got {}{}",
            r.name(),
            one_of(names),
            snippet(v),
            crate::contract::suggest::hint(s, names.iter().copied())
        );
        r.error(ErrorCode::InvalidValue, message);
    }
    found
}

/// Declares how a struct is read ([`crate::contract::read`]) and written: one list of its fields in
/// order, each `required`, `optional` or `omit_empty` (read as optional, left out when empty).
macro_rules! json_struct {
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        $crate::contract::read::read_struct!($ty { $($field: $how),* });
        $crate::json::write::write_struct!($ty { $($field: $how),* });
    };
}
pub(crate) use json_struct;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Default)]
    struct Inner {
        n: u8,
        tags: Vec<String>,
    }
    read_struct!(Inner { n: required, tags: optional });

    #[derive(Debug, PartialEq)]
    struct Outer {
        name: String,
        inner: Vec<Inner>,
        note: Option<String>,
    }
    read_struct!(Outer { name: required, inner: required, note: optional });

    fn problems(text: &str) -> Vec<(String, ErrorCode)> {
        match from_json::<Outer>(text, "the test document") {
            Ok(_) => vec![],
            Err(e) => e.errors.into_iter().map(|e| (e.pointer, e.code)).collect(),
        }
    }

    #[test]
    fn reads_a_valid_document() {
        let o = from_json::<Outer>(r#"{"name": "a", "inner": [{"n": 3}, {"n": 4, "tags": ["x"]}]}"#, "the test document").unwrap();
        assert_eq!(o.inner, [Inner { n: 3, tags: vec![] }, Inner { n: 4, tags: vec!["x".into()] }]);
        assert_eq!(o.note, None);
    }

    #[test]
    fn reports_every_problem_at_its_pointer() {
        let got = problems(r#"{"nme": "a", "inner": [{"n": 300}, {"n": "4", "tag": []}, {"n": 1.5}]}"#);
        use ErrorCode::*;
        assert_eq!(
            got,
            // In pointer order, as every error list is.
            [
                ("/inner/0/n".into(), OutOfRange),
                ("/inner/1/n".into(), InvalidType),
                ("/inner/1/tag".into(), UnknownField),
                ("/inner/2/n".into(), InvalidType),
                ("/name".into(), MissingField),
                ("/nme".into(), UnknownField),
            ]
        );
    }

    #[test]
    fn messages_name_the_field_and_say_what_it_must_be() {
        let messages: Vec<String> = from_json::<Outer>(r#"{"name": 1, "inner": [{"n": -1}], "x": 0}"#, "the test document")
            .unwrap_err()
            .errors
            .into_iter()
            .map(|e| e.message)
            .collect();
        assert_eq!(
            messages,
            ["n must be a whole number from 0 to 255, got -1", "name must be a string, got 1", "unknown field 'x' in the test document",]
        );
        let mut r = Reader::new("the request");
        r.at("threshold_descriptors", |r| r.at("2", |r| String::read(&Value::Null, r)));
        assert_eq!(r.errs.finish(()).unwrap_err().errors[0].message, "threshold_descriptors[2] must be a string, got null");
    }

    #[test]
    fn duplicate_keys_are_refused_with_their_pointer() {
        assert!(problems(r#"{"name": "a", "name": "b", "inner": []}"#).contains(&("/name".into(), ErrorCode::DuplicateKey)));
        assert!(problems(r#"{"name": "a", "inner": [{"n": 1, "n": 1}]}"#).contains(&("/inner/0/n".into(), ErrorCode::DuplicateKey)));
    }
}
