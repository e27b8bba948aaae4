//! Text in XML and HTML markup (the SVG, the HTML version, the PDF's XMP packet): cleaned
//! of what XML cannot hold, and escaped.

/// How a character of text appears in markup: line breaks and tabs become
/// spaces (what `xml:space="preserve"` would make of them anyway); other control characters
/// and U+FFFE and U+FFFF, which XML 1.0 does not allow, are dropped; everything else is kept.
pub(crate) fn clean(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        '\u{FFFE}' | '\u{FFFF}' => None,
        c if c.is_control() => None,
        c => Some(c),
    }
}

/// Appends `text` escaped for use as XML character data or a quoted attribute value.
pub(crate) fn escape(text: &str, out: &mut String) {
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
