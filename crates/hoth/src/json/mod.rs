//! A small JSON reader: text in, a borrowed [`Value`] tree out.
//!
//! Every document the engine reads (a request, a ruleset, the language guide) goes through
//! [`parse`], and then through [`crate::contract::read`] or `crate::screen::fast`, which give each problem a
//! JSON pointer. Why not serde_json's parser? Its deserializer, value tree and float tables
//! were the largest part of the WebAssembly bundle, and the engine needs none of what they
//! add: numbers stay as their text ([`Value::Number`]) because every number in the contract
//! is a whole number, read exactly by [`Value::as_whole`]; strings borrow from the input
//! unless they contain escapes; objects keep their keys in document order, duplicates
//! included, so [`duplicate_keys`] can refuse an ambiguous document instead of silently
//! keeping one of two answers.
//!
//! Writing: [`write_str`] here is the string escaper everything else uses (checked against
//! serde_json's in a test); [`crate::json::write`] writes the engine's own types and
//! [`crate::screen::render`] writes outcomes.

use std::borrow::Cow;
use std::fmt;

pub mod pointer;
pub mod write;

pub use pointer::{escape_token, pointer};
pub use write::write_str;

/// For eight bytes of a string (fewer count as needing a look): the high bit of each that
/// is `"`, `\\` or below 0x20, the bytes a JSON string cannot hold as they are, so the
/// reader and the writer skip whole words of plain text. By the classic "has a zero byte"
/// test, on the word and on it XORed with each of the two. The lowest bit set is always
/// such a byte; a borrow may also set bits above it (never below), so use only the lowest.
pub(crate) fn escape_flags(chunk: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let Ok(bytes) = <[u8; 8]>::try_from(chunk) else { return 1 << 7 };
    let word = u64::from_le_bytes(bytes);
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    below(word, 0x20) | below(word ^ (ONES * u64::from(b'"')), 1) | below(word ^ (ONES * u64::from(b'\\')), 1)
}

/// Why a text is not a JSON document the engine can read. The contract layer turns it
/// into an error list (`invalid_json` or `too_deep`, pointer `""`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What kind of problem it is.
    pub kind: SyntaxKind,
    /// What was wrong and where, for a developer.
    pub message: String,
}

/// The two ways a text can fail to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxKind {
    /// Not well-formed JSON (or not UTF-8).
    Invalid,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// Deepest nesting of lists and objects accepted (serde_json, used before, refused 128).
pub const MAX_DEPTH: usize = 128;

/// A parsed JSON value, borrowing from the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, exactly as written (it matched JSON's number grammar).
    Number(&'a str),
    /// A string, with its escapes decoded.
    String(Cow<'a, str>),
    /// A list.
    Array(Vec<Value<'a>>),
    /// An object, keys in document order (duplicates kept).
    Object(Object<'a>),
}

/// An object's members in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Object<'a>(pub Vec<(Cow<'a, str>, Value<'a>)>);

impl<'a> Object<'a> {
    /// The value of `key` (the last one, if it was given twice: the reader refuses that).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Members in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// Keys in document order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_ref())
    }
}

/// What a whole-number reading found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whole {
    /// A whole number that fits in an `i64`.
    Fits(i64),
    /// A whole number too large (or too small) for an `i64`.
    TooBig,
    /// Not a whole number: a fraction or an exponent (`1.5`, `2.0`, `1e3`), or not a number.
    No,
}

impl<'a> Value<'a> {
    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Reads a number as a whole number. A number written with a fraction or an exponent
    /// is not one, even `2.0`: the contract's numbers are counts and ages, written plainly.
    pub fn as_whole(&self) -> Whole {
        match self {
            // `14.0` (as numpy and spreadsheets write a count) is 14; `14.5` and exponents are not whole.
            Value::Number(text) if !text.bytes().any(|b| matches!(b, b'e' | b'E')) => {
                let (int, fraction) = text.split_once('.').unwrap_or((text, ""));
                if fraction.bytes().any(|b| b != b'0') {
                    return Whole::No;
                }
                int.parse().map_or(Whole::TooBig, Whole::Fits)
            }
            _ => Whole::No,
        }
    }
}

/// Compact JSON, as serde_json writes it (used to echo input in messages).
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => f.write_str(n),
            Value::String(s) => {
                let mut out = String::new();
                write_str(&mut out, s);
                f.write_str(&out)
            }
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Object(obj) => {
                f.write_str("{")?;
                for (i, (k, v)) in obj.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{}:{v}", Value::String(Cow::Borrowed(k)))?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Parses one JSON document (surrounding whitespace allowed). Errors: `invalid_json` with
/// what was wrong and where (line and column), or `too_deep` past [`MAX_DEPTH`] levels.
pub fn parse(text: &str) -> Result<Value<'_>, SyntaxError> {
    // Sized for a typical request (its indicators object is the largest), so the scratch
    // space is allocated once per document rather than grown by doubling.
    let mut p = Parser { text, bytes: text.as_bytes(), pos: 0, members: Vec::with_capacity(64), items: Vec::with_capacity(16) };
    let value = p.value(0).map_err(|e| p.error(e))?;
    p.skip_space();
    if p.pos < p.bytes.len() {
        return Err(p.error(Problem::Trailing));
    }
    Ok(value)
}

/// Parses bytes that should be UTF-8 JSON text.
pub fn parse_bytes(bytes: &[u8]) -> Result<Value<'_>, SyntaxError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text),
        Err(e) => Err(SyntaxError {
            kind: SyntaxKind::Invalid,
            message: format!("not valid JSON: the text is not UTF-8 (byte {})", e.valid_up_to() + 1),
        }),
    }
}

/// The pointer of every key given a second time in the same object, in document order.
pub fn duplicate_keys(v: &Value<'_>) -> Vec<String> {
    fn walk(v: &Value<'_>, path: &mut String, found: &mut Vec<String>) {
        // Only lists and objects can hold a duplicate, so scalars are not visited.
        let at = |path: &mut String, token: &str, found: &mut Vec<String>, v: &Value<'_>| {
            if matches!(v, Value::Array(_) | Value::Object(_)) {
                let len = path.len();
                path.push('/');
                path.push_str(&escape_token(token));
                walk(v, path, found);
                path.truncate(len);
            }
        };
        match v {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    at(path, &i.to_string(), found, item);
                }
            }
            Value::Object(obj) => {
                let again = repeated(obj);
                for (i, (key, item)) in obj.0.iter().enumerate() {
                    if again.binary_search(&i).is_ok() {
                        found.push(pointer(path, key));
                    }
                    at(path, key, found, item);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(v, &mut String::new(), &mut found);
    found
}

/// The positions of members whose key appeared earlier in `obj`, in order. Sorting keeps
/// a large object (a ruleset's, or a hostile request's) from costing n² comparisons.
fn repeated(obj: &Object<'_>) -> Vec<usize> {
    if obj.0.len() < 2 {
        return Vec::new();
    }
    let mut keys: Vec<(&str, usize)> = obj.0.iter().enumerate().map(|(i, (k, _))| (k.as_ref(), i)).collect();
    keys.sort_unstable();
    let mut again: Vec<usize> = keys.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[1].1).collect();
    again.sort_unstable();
    again
}

/// What went wrong, before it is placed at a line and column.
enum Problem {
    Expected(&'static str),
    Trailing,
    BadEscape,
    ControlInString,
    LoneSurrogate,
    TooDeep,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Members of the objects being read, innermost last: each object is moved out into
    /// a vector of exactly its size when it closes, so no vector grows by doubling.
    members: Vec<(Cow<'a, str>, Value<'a>)>,
    /// The same for lists.
    items: Vec<Value<'a>>,
}

impl<'a> Parser<'a> {
    fn error(&self, problem: Problem) -> SyntaxError {
        let before = &self.text[..floor_char_boundary(self.text, self.pos)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let what = match problem {
            Problem::Expected(what) if self.pos >= self.bytes.len() => format!("the text ends where {what} was expected"),
            Problem::Expected(what) => format!("expected {what}"),
            Problem::Trailing => "more text after the end of the JSON value".to_owned(),
            Problem::BadEscape => "a string has an invalid escape".to_owned(),
            Problem::ControlInString => "a string has a control character (write it as an escape)".to_owned(),
            Problem::LoneSurrogate => "a string has half of a \\u surrogate pair".to_owned(),
            Problem::TooDeep => {
                return SyntaxError {
                    kind: SyntaxKind::TooDeep,
                    message: format!("the JSON nests more than {MAX_DEPTH} levels deep (line {line}, column {column})"),
                };
            }
        };
        SyntaxError { kind: SyntaxKind::Invalid, message: format!("not valid JSON: {what} at line {line}, column {column}") }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.bytes.get(self.pos) == Some(&b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, Problem> {
        self.skip_space();
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            _ => Err(Problem::Expected("a value")),
        }
    }

    /// `true`, `false` or `null`.
    fn word(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, Problem> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(Problem::Expected("a value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, Problem> {
        if depth > MAX_DEPTH {
            return Err(Problem::TooDeep);
        }
        self.pos += 1; // {
        let base = self.members.len();
        self.skip_space();
        if !self.eat(b'}') {
            loop {
                self.skip_space();
                if self.bytes.get(self.pos) != Some(&b'"') {
                    return Err(Problem::Expected("a key in double quotes"));
                }
                let key = self.string()?;
                self.skip_space();
                if !self.eat(b':') {
                    return Err(Problem::Expected("':' after a key"));
                }
                self.skip_space();
                // Most members of a request are short strings: read them without the
                // round trip through `value`.
                let value = if self.bytes.get(self.pos) == Some(&b'"') { Value::String(self.string()?) } else { self.value(depth)? };
                self.members.push((key, value));
                self.skip_space();
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return Err(Problem::Expected("',' or '}'"));
                }
            }
        }
        Ok(Value::Object(Object(self.members.drain(base..).collect())))
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, Problem> {
        if depth > MAX_DEPTH {
            return Err(Problem::TooDeep);
        }
        self.pos += 1; // [
        let base = self.items.len();
        self.skip_space();
        if !self.eat(b']') {
            loop {
                let item = self.value(depth)?;
                self.items.push(item);
                self.skip_space();
                if self.eat(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return Err(Problem::Expected("',' or ']'"));
                }
            }
        }
        Ok(Value::Array(self.items.drain(base..).collect()))
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value<'a>, Problem> {
        let start = self.pos;
        self.eat(b'-');
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Problem::Expected("a digit")),
        }
        if self.eat(b'.') && self.digits() == 0 {
            return Err(Problem::Expected("a digit after '.'"));
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            if self.digits() == 0 {
                return Err(Problem::Expected("a digit in the exponent"));
            }
        }
        Ok(Value::Number(&self.text[start..self.pos]))
    }

    /// A string starting at the opening quote; borrowed when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Problem> {
        self.pos += 1; // "
        let start = self.pos;
        loop {
            // Skip whole words of plain text, and from a word that has a quote, a backslash
            // or a control byte, go straight to it.
            if let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
                let flags = escape_flags(chunk);
                if flags == 0 {
                    self.pos += 8;
                    continue;
                }
                self.pos += (flags.trailing_zeros() / 8) as usize;
            }
            match self.bytes.get(self.pos) {
                None => return Err(Problem::Expected("'\"' to close a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err(Problem::ControlInString),
                Some(_) => self.pos += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            match self.bytes.get(self.pos) {
                None => return Err(Problem::Expected("'\"' to close a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let decoded = match self.bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => self.unicode_escape()?,
                        _ => return Err(Problem::BadEscape),
                    };
                    self.pos += 1;
                    out.push(decoded);
                }
                Some(0..=0x1f) => return Err(Problem::ControlInString),
                Some(_) => {
                    // Copy up to the next quote or backslash in one go (UTF-8 safe: both are ASCII).
                    let run = self.bytes[self.pos..]
                        .iter()
                        .position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f))
                        .unwrap_or(self.bytes.len() - self.pos);
                    out.push_str(&self.text[self.pos..self.pos + run]);
                    self.pos += run;
                }
            }
        }
    }

    /// At the `u` of `\uXXXX`: decodes it (and the low half of a surrogate pair), leaving
    /// `pos` on the last hex digit read.
    fn unicode_escape(&mut self) -> Result<char, Problem> {
        let high = self.hex4()?;
        if !(0xD800..0xE000).contains(&high) {
            return char::from_u32(high).ok_or(Problem::BadEscape);
        }
        if high >= 0xDC00 || !self.bytes[self.pos + 1..].starts_with(b"\\u") {
            return Err(Problem::LoneSurrogate);
        }
        self.pos += 2;
        let low = self.hex4()?;
        if !(0xDC00..0xE000).contains(&low) {
            return Err(Problem::LoneSurrogate);
        }
        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).ok_or(Problem::BadEscape)
    }

    /// At the `u`: the four hex digits after it.
    fn hex4(&mut self) -> Result<u32, Problem> {
        let digits = self.bytes.get(self.pos + 1..self.pos + 5).ok_or(Problem::BadEscape)?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + (d as char).to_digit(16).ok_or(Problem::BadEscape)?;
        }
        self.pos += 4;
        Ok(n)
    }
}

/// The largest char boundary at or before `i`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings are read in words of eight bytes: an escape, a closing quote or a control
    /// byte is found wherever it falls, alone, two in a word, or after text that is not ASCII.
    #[test]
    fn strings_read_the_same_wherever_an_escape_falls() {
        let pieces = ["\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "“", "é"];
        for first in pieces {
            for second in pieces {
                for (at, gap) in (0..12).flat_map(|a| (0..10).map(move |g| (a, g))) {
                    let doc = format!("\"{}{first}{}{second}{}\"", "a".repeat(at), "b".repeat(gap), "c".repeat(at % 5));
                    let theirs: serde_json::Value = serde_json::from_str(&doc).unwrap();
                    assert_eq!(same(&parse(&doc).unwrap(), &theirs), Ok(()), "{doc}");
                }
            }
        }
        for at in 0..12 {
            let raw = format!("\"{}\u{1}{}\"", "a".repeat(at), "b".repeat(9));
            assert!(parse(&raw).is_err(), "a raw control byte is refused: {raw:?}");
            let open = format!("\"{}", "a".repeat(at));
            assert!(parse(&open).is_err(), "a string that does not close is refused: {open:?}");
        }
    }

    /// Agrees with serde_json on what is JSON and on what it means.
    #[test]
    fn reads_what_serde_json_reads() {
        let docs = [
            r#"{"a": [1, -2, 3.5, 1e3, -0, 0.25E-2, true, false, null], "b": {"c": "x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00"}}"#,
            " [] ",
            "{}",
            r#""plain""#,
            "12345678901234567890123",
            r#"{"é": "ünïcödé", "": ""}"#,
        ];
        for doc in docs {
            let ours = parse(doc).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(doc).unwrap();
            assert_eq!(same(&ours, &theirs), Ok(()), "{doc}");
        }
    }

    fn same(ours: &Value<'_>, theirs: &serde_json::Value) -> Result<(), String> {
        use serde_json::Value as S;
        let ok = match (ours, theirs) {
            (Value::Null, S::Null) => true,
            (Value::Bool(a), S::Bool(b)) => a == b,
            (Value::Number(a), S::Number(b)) => a.parse::<f64>().ok() == b.as_f64(),
            (Value::String(a), S::String(b)) => a == b,
            (Value::Array(a), S::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).map(|(x, y)| same(x, y)).collect::<Result<Vec<_>, _>>().is_ok()
            }
            (Value::Object(a), S::Object(b)) => a.0.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w).is_ok())),
            _ => false,
        };
        if ok { Ok(()) } else { Err(format!("{ours} vs {theirs}")) }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        for doc in [
            "",
            " ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{'a': 1}",
            "01",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "tru",
            "nul",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1} x",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a\u{1}b\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"open",
            "NaN",
            "[1] [2]",
        ] {
            assert!(serde_json::from_str::<serde_json::Value>(doc).is_err(), "serde_json takes {doc:?}");
            let e = parse(doc).unwrap_err();
            assert_eq!(e.kind, SyntaxKind::Invalid, "{doc:?}");
            assert!(e.message.starts_with("not valid JSON: "), "{}", e.message);
        }
    }

    #[test]
    fn says_where_the_text_went_wrong() {
        let e = parse("{\n  \"a\": 1,\n  \"b\" 2\n}").unwrap_err();
        assert_eq!(e.message, "not valid JSON: expected ':' after a key at line 3, column 7");
        let e = parse("{\"a\": ").unwrap_err();
        assert_eq!(e.message, "not valid JSON: the text ends where a value was expected at line 1, column 7");
        let e = parse_bytes(b"{\"a\": \"\xff\"}").unwrap_err();
        assert_eq!(e.message, "not valid JSON: the text is not UTF-8 (byte 8)");
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(parse(&deep).unwrap_err().kind, SyntaxKind::TooDeep);
        assert!(serde_json::from_str::<serde_json::Value>(&deep).is_err());
        let deep_objects = "{\"a\":".repeat(MAX_DEPTH + 1) + "1" + &"}".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&deep_objects).unwrap_err().kind, SyntaxKind::TooDeep);
    }

    #[test]
    fn strings_borrow_unless_escaped() {
        let v = parse(r#"["plain", "esc\naped"]"#).unwrap();
        let items = v.as_array().unwrap();
        assert!(matches!(&items[0], Value::String(Cow::Borrowed("plain"))));
        assert!(matches!(&items[1], Value::String(Cow::Owned(s)) if s == "esc\naped"));
    }

    #[test]
    fn whole_numbers_are_read_exactly() {
        let whole = |t: &str| parse(t).unwrap().as_whole();
        assert_eq!(whole("25"), Whole::Fits(25));
        assert_eq!(whole("-0"), Whole::Fits(0));
        assert_eq!(whole("-9223372036854775808"), Whole::Fits(i64::MIN));
        assert_eq!(whole("9223372036854775808"), Whole::TooBig);
        assert_eq!(whole("2.0"), Whole::Fits(2));
        assert_eq!(whole("14.000"), Whole::Fits(14));
        assert_eq!(whole("2.5"), Whole::No);
        assert_eq!(whole("2.05"), Whole::No);
        assert_eq!(whole("1e2"), Whole::No);
        assert_eq!(whole("\"3\""), Whole::No);
    }

    #[test]
    fn writes_strings_as_serde_json_does() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é😀\u{2028}\u{7f}");
        for s in [all.as_str(), "", "plain", "a\"b\\c"] {
            let mut ours = String::new();
            write_str(&mut ours, s);
            assert_eq!(ours, serde_json::to_string(s).unwrap());
        }
        let v = parse(r#"{"k": ["a\u0001", 1.50, {"x": null}]}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"k":["a\u0001",1.50,{"x":null}]}"#);
    }

    #[test]
    fn duplicate_keys_are_found_with_their_pointer() {
        let v = parse(r#"{"a": {"b": 1, "b": 2}, "c": [{"d": 1, "d": 1}], "a": 0}"#).unwrap();
        assert_eq!(duplicate_keys(&v), ["/a/b", "/c/0/d", "/a"]);
        let v = parse(r#"{"a": "{\"a\": 1, \"a\": 2}", "b": ["a", "a"]}"#).unwrap();
        assert!(duplicate_keys(&v).is_empty());
        // Escapes are decoded before keys are compared.
        let v = parse(r#"{"disclosure": 1, "disclos\u0075re": 2, "\ud83d\ude00": 3, "😀": 4, "a/b": 5, "a\/b": 6}"#).unwrap();
        assert_eq!(duplicate_keys(&v), ["/disclosure", "/😀", "/a~1b"]);
    }
}
