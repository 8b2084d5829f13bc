//! Writes compact JSON for the engine's own types: the ruleset (its SHA-256 is taken over
//! these bytes, so they are the ruleset's canonical form), error lists and lint findings.
//! The mirror of the contract layer's field reader (`contract::read`): each struct is a list of its fields (`json_struct!` for
//! types read and written, `write_struct!` for types only written), and the work is done
//! by one non-generic object writer.
//!
//! Why not serde_json? Its serializer, instantiated for every type, was most of what
//! serde_json still put in the WebAssembly bundle. The bytes are the same as serde_json's
//! `to_string` of the same value (field order, escaping, `null`s, left-out empties): tests
//! compare them for the Tees ruleset, for rulesets that use every optional field, and for
//! error lists and findings. The public types keep their serde derives for Rust users.

use super::escape_flags;
use std::collections::BTreeMap;

/// Appends `s` as a JSON string literal, escaped exactly as serde_json escapes it: `"`, `\`
/// and control characters only (`\b \f \n \r \t`, else `\u00XX`); everything else as is.
pub fn write_str(out: &mut String, s: &str) {
    escape_into(out, s);
}

/// [`write_str`] into bytes: how outcomes are written, with no text copied twice.
pub(crate) fn write_str_bytes(out: &mut Vec<u8>, s: &str) {
    escape_into(out, s);
}

/// Appends a whole number in decimal, with no formatting machinery (outcomes hold a few).
pub(crate) fn push_uint(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(decimal(n, &mut [0; 20]).as_bytes());
}

/// A whole number in decimal, written into `digits` (20 hold any `u64`).
pub(crate) fn decimal(mut n: u64, digits: &mut [u8; 20]) -> &str {
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&digits[at..]).unwrap_or_default()
}

/// Where the escaper writes: text or bytes.
trait Sink {
    fn put(&mut self, s: &str);
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

impl Sink for Vec<u8> {
    fn put(&mut self, s: &str) {
        self.extend_from_slice(s.as_bytes());
    }
}

fn escape_into(out: &mut impl Sink, s: &str) {
    out.put("\"");
    let bytes = s.as_bytes();
    // `start`: the first byte not yet copied; `i`: the next to look at.
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        // Most text needs no escape at all: skip eight bytes at a time, and from a word
        // that has one, go straight to it.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let flags = escape_flags(chunk);
            if flags == 0 {
                i += 8;
                continue;
            }
            i += (flags.trailing_zeros() / 8) as usize;
        }
        let b = bytes[i];
        i += 1;
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // An escaped byte is ASCII, so both ends of the copied run are character boundaries.
        out.put(&s[start..i - 1]);
        if short.is_empty() {
            const HEX: &str = "0123456789abcdef";
            let (high, low) = (usize::from(b >> 4), usize::from(b & 0xf));
            out.put("\\u00");
            out.put(&HEX[high..=high]);
            out.put(&HEX[low..=low]);
        } else {
            out.put(short);
        }
        start = i;
    }
    out.put(&s[start..]);
    out.put("\"");
}

/// A value that can write itself as compact JSON.
pub trait Write {
    /// Appends the JSON.
    fn write(&self, out: &mut String);
    /// Whether a field declared `omit_empty` is left out: `None`, `false`, an empty list.
    fn is_empty_value(&self) -> bool {
        false
    }
}

/// The compact JSON of `value`.
pub fn to_json(value: &dyn Write) -> String {
    let mut out = String::new();
    value.write(&mut out);
    out
}

/// Writes one object, member by member.
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    /// Starts an object.
    pub fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// A member that is always written.
    pub fn always(&mut self, key: &str, value: &dyn Write) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(':');
        value.write(self.out);
    }

    /// A member left out when it is empty (`None`, `false`, `[]`).
    pub fn omit_empty(&mut self, key: &str, value: &dyn Write) {
        if !value.is_empty_value() {
            self.always(key, value);
        }
    }

    /// Ends the object.
    pub fn end(self) {
        self.out.push('}');
    }
}

/// Declares how to write a struct: its fields in order, each written always (`required`,
/// `optional`) or left out when empty (`omit_empty`: serde's `skip_serializing_if` on the
/// same field). The modes are the field reader's (`contract::read`), so `json_struct!` can give one field
/// list to both.
macro_rules! write_struct {
    (@field $w:ident, required, $key:expr, $value:expr) => { $w.always($key, $value) };
    (@field $w:ident, optional, $key:expr, $value:expr) => { $w.always($key, $value) };
    (@field $w:ident, omit_empty, $key:expr, $value:expr) => { $w.omit_empty($key, $value) };
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl $crate::json::write::Write for $ty {
            fn write(&self, out: &mut String) {
                let mut w = $crate::json::write::ObjectWriter::new(out);
                $($crate::json::write::write_struct!(@field w, $how, stringify!($field), &self.$field);)*
                w.end();
            }
        }
    };
}
pub(crate) use write_struct;

impl Write for str {
    fn write(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl Write for String {
    fn write(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl Write for bool {
    fn write(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
    fn is_empty_value(&self) -> bool {
        !*self
    }
}

macro_rules! write_integer {
    ($($t:ty),*) => {$(
        impl Write for $t {
            fn write(&self, out: &mut String) {
                out.push_str(&self.to_string());
            }
        }
    )*};
}
write_integer!(i64, u8, u32, usize);

impl<T: Write> Write for Option<T> {
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
    fn is_empty_value(&self) -> bool {
        self.is_none()
    }
}

impl<T: Write> Write for [T] {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write(out);
        }
        out.push(']');
    }
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Write> Write for Vec<T> {
    fn write(&self, out: &mut String) {
        self.as_slice().write(out);
    }
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Write> Write for BTreeMap<String, T> {
    fn write(&self, out: &mut String) {
        let mut w = ObjectWriter::new(out);
        for (k, v) in self {
            w.always(k, v);
        }
        w.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Inner {
        n: Option<u8>,
        flag: bool,
    }
    write_struct!(Inner { n: omit_empty, flag: omit_empty });

    struct Outer {
        name: String,
        inner: Vec<Inner>,
        max: Option<i64>,
        labels: BTreeMap<String, String>,
    }
    write_struct!(Outer { name: required, inner: required, max: optional, labels: required });

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them_wherever_the_character_falls() {
        // Every ASCII character, and some that are not, at each place in and around the
        // eight-byte chunks the writer skips through.
        let specials: Vec<String> =
            (0u8..0x80).map(|b| char::from(b).to_string()).chain(["–", "“", "é", "\u{1F600}"].map(String::from)).collect();
        let check = |text: String| {
            let mut ours = String::new();
            write_str(&mut ours, &text);
            let want = serde_json::to_string(&text).unwrap();
            assert_eq!(ours, want, "{text:?}");
            let mut bytes = Vec::new();
            write_str_bytes(&mut bytes, &text);
            assert_eq!(bytes, want.as_bytes(), "{text:?}");
        };
        for special in &specials {
            for at in 0..20 {
                check(format!("{}{special}{}", "a".repeat(at), "b".repeat(20 - at)));
                // Two in one word, and one after a character that is not ASCII.
                for other in ["\"", "\\", "\n", "\u{1}", "“"] {
                    for gap in 0..9 {
                        check(format!("{}{special}{}{other}{}", "a".repeat(at), "c".repeat(gap), "b".repeat(20 - at)));
                    }
                }
            }
        }
    }

    #[test]
    fn whole_numbers_are_written_as_rust_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX - 1, u64::MAX] {
            let mut out = b"x".to_vec();
            push_uint(&mut out, n);
            assert_eq!(out, format!("x{n}").as_bytes());
        }
    }

    #[test]
    fn writes_compact_json_in_field_order() {
        let o = Outer {
            name: "a \"b\"\n".into(),
            inner: vec![Inner { n: Some(3), flag: false }, Inner { n: None, flag: true }, Inner { n: None, flag: false }],
            max: None,
            labels: [("z".to_owned(), "1".to_owned()), ("a".to_owned(), "2".to_owned())].into(),
        };
        assert_eq!(to_json(&o), r#"{"name":"a \"b\"\n","inner":[{"n":3},{"flag":true},{}],"max":null,"labels":{"a":"2","z":"1"}}"#);
    }
}
