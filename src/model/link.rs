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
        let help = if !hidden.is_empty() {
            format!(
                "the link holds invisible characters ({}) that make the address read \
                 differently from where it goes: type the address again",
                hidden.join(", ")
            )
        } else if lower.starts_with("www.") || (!lower.contains(':') && lower.contains('.')) {
            format!("add the scheme: \"https://{}\"", short(&text))
        } else {
            "links must start with https://, http://, mailto: or tel: and contain no spaces"
                .to_string()
        };
        reader.error_help(
            span,
            format!("\"{}\" is not a link waypost can use", short(&text)),
            help,
        );
    }
    url
}
