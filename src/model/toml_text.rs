//! Text as TOML writes it: a key bare where TOML allows it, otherwise quoted, and a basic
//! string with what must be escaped escaped. One place for both, for the hints the reader
//! gives and the roadmaps an import writes.

use std::fmt::Write;

/// A key as written: bare when TOML allows, otherwise quoted.
pub(crate) fn bare_or_quoted(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        key.to_string()
    } else {
        quote(key)
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
