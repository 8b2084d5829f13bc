//! RFC 6901 JSON pointers: how every error names the value it is about.
//!
//! A pointer is built only when a problem is recorded, never for a value that is fine.

/// Escapes one reference token for an RFC 6901 pointer (`~` → `~0`, `/` → `~1`).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends an escaped token to a pointer.
pub fn pointer(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}
