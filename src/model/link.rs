//! Links in a roadmap file: an offer's `url`, the roadmap's `online`, a logo's `link`, an
//! offer's `contact`, each checked for a scheme waypost accepts, with a message that says
//! how to fix one that is not.

use super::reader::{short, Reader, Table};
use super::Url;

/// A link under `key`: required on offers, optional elsewhere.
pub(super) fn read_url(
    reader: &mut Reader,
    table: &Table,
    key: &str,
    required: bool,
) -> Option<Url> {
    let (text, span) = if required {
        reader.required_text(table, key, "\"https://example.org/course\"")?
    } else {
        reader.text(table, key)?
    };
    let url = Url::new(&text);
    if url.is_none() {
        let lower = text.to_ascii_lowercase();
        if text.len() > Url::MAX_LEN {
            reader.error_help(
                span,
                format!("this link is {} bytes long, too long to print", text.len()),
                format!(
                    "links may be at most {} bytes, so that a QR code can hold them: use a shorter address",
                    Url::MAX_LEN
                ),
            );
            return None;
        }
        let hidden: Vec<String> = (text.chars())
            .filter(|&c| crate::error::hidden(c) && !c.is_whitespace())
            .map(|c| format!("U+{:04X}", u32::from(c)))
            .collect();
        let authority = (lower.split_once("://").map(|(_, r)| r))
            .and_then(|r| r.split(['/', '?', '#']).next())
            .filter(|_| lower.starts_with("http"));
        let help = if authority.is_some_and(|a| a.contains('@')) {
            "the link has a name and an @ before its site, which makes it read as one site \
             while it goes to the one after the @: write the address without them"
                .to_string()
        } else if !hidden.is_empty() {
            format!(
                "the link holds invisible characters ({}) that make the address read \
                 differently from where it goes: type the address again",
                hidden.join(", ")
            )
        } else if !lower.contains(':') && lower.contains('@') {
            format!(
                "an email address is written as a link with mailto: \"mailto:{}\"",
                short(&text)
            )
        } else if lower.starts_with("www.") || (!lower.contains(':') && lower.contains('.')) {
            format!("add the scheme: \"https://{}\"", short(&text))
        } else {
            "links must start with https://, http://, mailto: or tel: and contain no spaces"
                .to_string()
        };
        reader.error_help(
            span.clone(),
            format!("\"{}\" is not a link waypost can use", short(&text)),
            help,
        );
    }
    if let Some((host, first, second)) = url.as_ref().and_then(mixed_scripts) {
        reader.error_help(
            span,
            format!(
                "the site {} mixes {first} and {second} letters, as addresses made to look \
                 like another site's do",
                short(host)
            ),
            "type the address again from the site itself: an address in one alphabet \
             throughout is accepted",
        );
        return None;
    }
    url
}

/// The alphabets whose letters look alike: a site name mixing them is a look-alike.
fn script(c: char) -> Option<&'static str> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Some("Latin"),
        '\u{0370}'..='\u{03FF}' => Some("Greek"),
        '\u{0400}'..='\u{052F}' => Some("Cyrillic"),
        '\u{0530}'..='\u{058F}' => Some("Armenian"),
        _ => None,
    }
}

/// The site of a web link and two alphabets one of its names mixes, if it mixes any.
fn mixed_scripts(url: &Url) -> Option<(&str, &'static str, &'static str)> {
    let site = url.site()?;
    site.split('.').find_map(|label| {
        let mut scripts = label.chars().filter_map(script);
        let first = scripts.next()?;
        scripts
            .find(|s| *s != first)
            .map(|second| (site, first, second))
    })
}
