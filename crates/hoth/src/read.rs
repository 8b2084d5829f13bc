//! Reads typed values (a request on its complete path, a ruleset, a language guide) out of
//! a parsed JSON document, reporting **every** shape problem at once, each at its JSON
//! pointer: a missing field, an unknown field (with "did you mean"), a value of the wrong
//! type, a number out of range, a name that is not in the vocabulary. Messages name the
//! field and say what it must be: "age_years must be a whole number, got \"ten\"".
//!
//! Why not `#[derive(Deserialize)]`? serde stops at the first problem, reports it as a line
//! and column, and its generated code (one visitor per struct, per JSON reader) was the
//! largest single part of the WebAssembly bundle. Here each struct is a list of its fields
//! ([`read_struct!`]); the work is done by a handful of non-generic functions.
//!
//! Duplicate keys, which a parsed JSON value silently collapses, are caught first on the
//! text by [`duplicate_keys`].

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{Collector, ErrorCode, ErrorList, escape_token};

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
    fn read(v: &Value, r: &mut Reader) -> Option<Self>;
}

/// Parses `text` and reads it as a `T` (`document` names it in messages: "the ruleset"):
/// every problem, or the value.
pub fn from_json<T: Read>(text: &str, document: &'static str) -> Result<T, ErrorList> {
    let value: Value = serde_json::from_str(text).map_err(|e| crate::parse::json_syntax_error(&e))?;
    let mut r = Reader::for_text(text, document);
    let read = T::read(&value, &mut r);
    r.errs.finish(())?;
    read.ok_or_else(|| ErrorList::one("", ErrorCode::Internal, "a value was refused without a reason"))
}

impl Reader {
    /// A reader at the top of `document` ("the request", "the ruleset").
    pub fn new(document: &'static str) -> Reader {
        Reader { document, path: String::new(), errs: Collector::default() }
    }

    /// A reader for the value parsed from `text`, with every duplicate key in `text`
    /// already recorded: a parsed value keeps only the last of two equal keys, and an
    /// ambiguous document (an indicator answered twice) is refused, never guessed at.
    pub fn for_text(text: &str, document: &'static str) -> Reader {
        let mut r = Reader::new(document);
        for pointer in duplicate_keys(text) {
            r.error_at(pointer, ErrorCode::InvalidType, "given more than once: keep one, so the value is not ambiguous");
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

    /// Everything recorded so far.
    pub fn into_errors(self) -> Collector {
        self.errs
    }

    /// The name of the current place, for messages: its key, `list[2]` for an item of a
    /// list, or the document's name at the top.
    fn name(&self) -> String {
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
        let len = self.path.len();
        self.path.push('/');
        self.path.push_str(&escape_token(token));
        let out = f(self);
        self.path.truncate(len);
        out
    }

    /// Records that `got` is not what was `expected` (e.g. "a string").
    pub fn wrong_type<T>(&mut self, expected: &str, got: &Value) -> Option<T> {
        let message = format!("{} must be {expected}, got {}", self.name(), snippet(got));
        self.error(ErrorCode::InvalidType, message);
        None
    }

    /// `v` as an object whose keys are all in `fields` (each stranger is reported).
    pub fn object<'v>(&mut self, v: &'v Value, fields: &[&str]) -> Option<&'v Map<String, Value>> {
        let Some(obj) = v.as_object() else { return self.wrong_type("an object", v) };
        for key in obj.keys().filter(|k| !fields.contains(&k.as_str())) {
            let message =
                format!("unknown field '{}' in {}{}", truncate(key), self.name(), crate::suggest::hint(key, fields.iter().copied()));
            self.at(key, |r| r.error(ErrorCode::UnknownField, message));
        }
        Some(obj)
    }

    /// A field that must be present.
    pub fn required<T: Read>(&mut self, obj: &Map<String, Value>, key: &str) -> Option<T> {
        match obj.get(key) {
            Some(v) => self.at(key, |r| T::read(v, r)),
            None => self.at(key, |r| {
                r.error(ErrorCode::MissingField, format!("{key} is required: {}", T::expected()));
                None
            }),
        }
    }

    /// A field that may be left out (or be `null` where its type allows it).
    pub fn optional<T: Read + Default>(&mut self, obj: &Map<String, Value>, key: &str) -> Option<T> {
        match obj.get(key) {
            Some(v) => self.at(key, |r| T::read(v, r)),
            None => Some(T::default()),
        }
    }
}

/// Declares how to read a struct: its fields, each `required` or `optional`. The field
/// names are the JSON names, and unknown keys are refused.
macro_rules! read_struct {
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl $crate::read::Read for $ty {
            fn expected() -> String {
                "an object".to_owned()
            }
            fn read(v: &serde_json::Value, r: &mut $crate::read::Reader) -> Option<Self> {
                let obj = r.object(v, &[$(stringify!($field)),*])?;
                $(let $field = r.$how(obj, stringify!($field));)*
                Some($ty { $($field: $field?,)* })
            }
        }
    };
}
pub(crate) use read_struct;

/// A short rendering of a value for messages.
pub(crate) fn snippet(v: &Value) -> String {
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
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => r.wrong_type(&Self::expected(), v),
        }
    }
}

impl Read for bool {
    fn expected() -> String {
        "true or false".to_owned()
    }
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => r.wrong_type(&Self::expected(), v),
        }
    }
}

/// Reads a whole number in `min..=max`.
fn whole(v: &Value, r: &mut Reader, min: i64, max: i64) -> Option<i64> {
    match v {
        Value::Number(n) => match n.as_i64() {
            Some(i) if (min..=max).contains(&i) => Some(i),
            _ if n.is_f64() => r.wrong_type("a whole number", v),
            _ => {
                let message = format!("{} must be a whole number from {min} to {max}, got {n}", r.name());
                r.error(ErrorCode::OutOfRange, message);
                None
            }
        },
        _ => r.wrong_type("a whole number", v),
    }
}

impl Read for i64 {
    fn expected() -> String {
        "a whole number".to_owned()
    }
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        whole(v, r, i64::MIN, i64::MAX)
    }
}

impl Read for u8 {
    fn expected() -> String {
        "a whole number from 0 to 255".to_owned()
    }
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        whole(v, r, 0, u8::MAX.into()).and_then(|i| u8::try_from(i).ok())
    }
}

impl Read for u32 {
    fn expected() -> String {
        "a whole number, 0 or more".to_owned()
    }
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        whole(v, r, 0, u32::MAX.into()).and_then(|i| u32::try_from(i).ok())
    }
}

impl Read for Value {
    fn expected() -> String {
        "any JSON value".to_owned()
    }
    fn read(v: &Value, _: &mut Reader) -> Option<Self> {
        Some(v.clone())
    }
}

impl<T: Read> Read for Option<T> {
    fn expected() -> String {
        format!("{} or null", T::expected())
    }
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        if v.is_null() { Some(None) } else { T::read(v, r).map(Some) }
    }
}

impl<T: Read> Read for Vec<T> {
    fn expected() -> String {
        format!("a list, each {}", T::expected())
    }
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        let Some(items) = v.as_array() else { return r.wrong_type(&Self::expected(), v) };
        let read: Vec<Option<T>> = items.iter().enumerate().map(|(i, item)| r.at(&i.to_string(), |r| T::read(item, r))).collect();
        read.into_iter().collect()
    }
}

impl<T: Read> Read for BTreeMap<String, T> {
    fn expected() -> String {
        format!("an object, each value {}", T::expected())
    }
    fn read(v: &Value, r: &mut Reader) -> Option<Self> {
        let Some(obj) = v.as_object() else { return r.wrong_type(&Self::expected(), v) };
        let read: Vec<Option<(String, T)>> = obj.iter().map(|(k, item)| r.at(k, |r| T::read(item, r)).map(|t| (k.clone(), t))).collect();
        read.into_iter().collect()
    }
}

/// "one of a, b, c": what a vocabulary value must be.
pub(crate) fn one_of(names: &[&str]) -> String {
    format!("one of {}", names.join(", "))
}

/// Reads one of a fixed list of names; the vocabulary enums use this.
pub(crate) fn name_in(v: &Value, r: &mut Reader, names: &'static [&'static str]) -> Option<usize> {
    let Some(s) = v.as_str() else { return r.wrong_type(&one_of(names), v) };
    let found = names.iter().position(|n| *n == s);
    if found.is_none() {
        let message =
            format!("{} must be {}, got {}{}", r.name(), one_of(names), snippet(v), crate::suggest::hint(s, names.iter().copied()));
        r.error(ErrorCode::InvalidValue, message);
    }
    found
}

/// Decodes the `XXXX` of a `\\uXXXX` escape (and the low half of a surrogate pair), as the
/// JSON parser does, so keys compare as the parsed value sees them.
fn unicode_escape(chars: &mut std::str::Chars<'_>) -> char {
    let hex = |chars: &mut std::str::Chars<'_>| u32::from_str_radix(&chars.by_ref().take(4).collect::<String>(), 16).unwrap_or(0xFFFD);
    let high = hex(chars);
    if (0xD800..0xDC00).contains(&high) {
        let mut ahead = chars.clone();
        if ahead.next() == Some('\\') && ahead.next() == Some('u') {
            let low = hex(&mut ahead);
            if (0xDC00..0xE000).contains(&low) {
                *chars = ahead;
                return char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).unwrap_or('\u{FFFD}');
            }
        }
    }
    char::from_u32(high).unwrap_or('\u{FFFD}')
}

/// The pointer of every key that appears a second time in the same object of `text`
/// (well-formed JSON: call it after parsing succeeded).
pub fn duplicate_keys(text: &str) -> Vec<String> {
    enum Frame {
        Object { path: String, keys: Vec<String>, expecting_key: bool },
        Array { path: String, index: usize },
    }
    fn child_path(stack: &[Frame]) -> String {
        match stack.last() {
            Some(Frame::Object { path, keys, .. }) => format!("{path}/{}", escape_token(keys.last().map_or("", String::as_str))),
            Some(Frame::Array { path, index }) => format!("{path}/{index}"),
            None => String::new(),
        }
    }
    let mut found = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '{' => stack.push(Frame::Object { path: child_path(&stack), keys: Vec::new(), expecting_key: true }),
            '[' => stack.push(Frame::Array { path: child_path(&stack), index: 0 }),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array { index, .. }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            '"' => {
                let mut s = String::new();
                while let Some(x) = chars.next() {
                    match x {
                        '\\' => match chars.next() {
                            Some('u') => s.push(unicode_escape(&mut chars)),
                            Some('n') => s.push('\n'),
                            Some('t') => s.push('\t'),
                            Some('r') => s.push('\r'),
                            Some('b') => s.push('\u{8}'),
                            Some('f') => s.push('\u{c}'),
                            Some(esc) => s.push(esc), // \" \\ \/
                            None => {}
                        },
                        '"' => break,
                        _ => s.push(x),
                    }
                }
                if let Some(Frame::Object { path, keys, expecting_key }) = stack.last_mut()
                    && *expecting_key
                {
                    *expecting_key = false;
                    if keys.contains(&s) {
                        found.push(format!("{path}/{}", escape_token(&s)));
                    }
                    keys.push(s);
                }
            }
            _ => {}
        }
    }
    found
}

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
        assert_eq!(r.into_errors().finish(()).unwrap_err().errors[0].message, "threshold_descriptors[2] must be a string, got null");
    }

    #[test]
    fn duplicate_keys_are_refused_with_their_pointer() {
        assert_eq!(duplicate_keys(r#"{"a": {"b": 1, "b": 2}, "c": [{"d": 1, "d": 1}], "a": 0}"#), ["/a/b", "/c/0/d", "/a"]);
        assert_eq!(duplicate_keys(r#"{"a": "{\"a\": 1, \"a\": 2}", "b": ["a", "a"]}"#), Vec::<String>::new());
        // Escapes are decoded before keys are compared, as the parser decodes them.
        assert_eq!(
            duplicate_keys(r#"{"disclosure": 1, "disclos\u0075re": 2, "\ud83d\ude00": 3, "😀": 4, "a\nb": 5, "a\u000ab": 6}"#),
            ["/disclosure", "/😀", "/a\nb"]
        );
        assert!(problems(r#"{"name": "a", "name": "b", "inner": []}"#).contains(&("/name".into(), ErrorCode::InvalidType)));
    }
}
