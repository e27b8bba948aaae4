//! How characters and numbers are spelled in the markup: text cleaned of what XML cannot
//! hold and escaped, numbers short and stable.

/// How a character of the scene's text appears in the SVG: line breaks and tabs become
/// spaces (what `xml:space="preserve"` would make of them anyway); other control characters
/// and U+FFFE and U+FFFF, which XML 1.0 does not allow, are dropped; everything else is kept.
pub(super) fn clean(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        '\u{FFFE}' | '\u{FFFF}' => None,
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Appends `text` escaped for use as XML character data or a quoted attribute value.
pub(super) fn escape(text: &str, out: &mut String) {
    for c in text.chars().filter_map(clean) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

/// A number in at most three decimals (0.001 pt is far below a device pixel even at
/// 1200 dpi), without trailing zeros, never `-0`, and `0` for values that are not finite.
pub(super) fn num(value: f32) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let mut s = format!("{:.3}", f64::from(value));
    if s.contains('.') {
        let trimmed = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(trimmed);
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_compact() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(-1.25), "-1.25");
        assert_eq!(num(595.28), "595.28");
        assert_eq!(num(1.234_56), "1.235");
        assert_eq!(num(100.0), "100");
        assert_eq!(num(f32::NAN), "0");
        assert_eq!(num(f32::INFINITY), "0");
    }
}
