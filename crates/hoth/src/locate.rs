//! Turns a line and column in JSON text into an RFC 6901 pointer: the value being read
//! at that spot. Used to point at the problem when a typed parse of a ruleset fails, so
//! the error says `/bands/2/min` rather than "line 40, column 12".

use crate::error::escape_token;

enum Frame {
    Object(Option<String>),
    Array(usize),
}

/// The pointer of the innermost value open at (`line`, `column`) (1-based; columns in
/// bytes, as serde_json reports them).
pub fn pointer_at(text: &str, line: usize, column: usize) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let (mut l, mut c) = (1usize, 0usize);
    let mut chars = text.char_indices().peekable();
    let mut expecting_key = false;
    while let Some((_, ch)) = chars.next() {
        // serde_json counts columns in bytes.
        if ch == '\n' {
            l += 1;
            c = 0;
        } else {
            c += ch.len_utf8();
        }
        match ch {
            '{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            '[' => stack.push(Frame::Array(0)),
            '}' | ']' => {
                stack.pop();
            }
            ',' => match stack.last_mut() {
                Some(Frame::Array(i)) => *i += 1,
                Some(Frame::Object(k)) => {
                    *k = None;
                    expecting_key = true;
                }
                None => {}
            },
            '"' => {
                let mut s = String::new();
                while let Some((_, x)) = chars.next() {
                    c += x.len_utf8();
                    match x {
                        '\\' => {
                            if let Some((_, esc)) = chars.next() {
                                c += esc.len_utf8();
                                s.push(esc);
                            }
                        }
                        '"' => break,
                        _ => s.push(x),
                    }
                }
                if expecting_key {
                    if let Some(Frame::Object(k)) = stack.last_mut() {
                        *k = Some(s);
                    }
                    expecting_key = false;
                }
            }
            _ => {}
        }
        if l > line || (l == line && c >= column) {
            break;
        }
    }
    let mut out = String::new();
    for f in &stack {
        match f {
            Frame::Object(Some(k)) => {
                out.push('/');
                out.push_str(&escape_token(k));
            }
            Frame::Object(None) => {}
            Frame::Array(i) => out.push_str(&format!("/{i}")),
        }
    }
    out
}

/// Reads `text` as a `T` (a ruleset, a language guide): a syntax error says where, a
/// shape error points at the value with a JSON pointer.
pub fn from_json_located<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, crate::ErrorList> {
    serde_json::from_slice(text.as_bytes()).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            return crate::parse::json_syntax_error(&e);
        }
        crate::ErrorList::one(pointer_at(text, e.line(), e.column()), crate::parse::classify_serde_error(&e), e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_value_being_read() {
        let text = "{\n  \"bands\": [\n    {\"min\": 0},\n    {\"min\": \"x\"}\n  ]\n}";
        assert_eq!(pointer_at(text, 4, 15), "/bands/1/min");
        assert_eq!(pointer_at("{\"é\": [1, {\"x\": 2}]}", 1, 17), "/é/1/x");
        assert_eq!(pointer_at(text, 3, 5), "/bands/0");
        assert_eq!(pointer_at("{\"a/b\": 1}", 1, 8), "/a~1b");
    }
}
