//! Reading spanned TOML tables while collecting every problem found.
//!
//! Shared by the roadmap and the layout-preset parsers, so both report unknown keys, wrong
//! types and missing values the same way, with a position in the file.

pub(crate) use crate::error::short;
use crate::error::Diagnostic;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A table being read: its entries, where it stands, and how to name it in messages.
pub(crate) struct Table<'a, 'i> {
    /// The entries.
    pub entries: &'a DeTable<'i>,
    /// Where the table stands (its header, or the whole inline table).
    pub span: Range<usize>,
    /// How messages name it, such as "stage 2" or "the top level".
    pub name: String,
}

/// Collects diagnostics while values are read.
#[derive(Default)]
pub(crate) struct Reader {
    /// The problems found so far.
    pub diagnostics: Vec<Diagnostic>,
    /// Keys that an unknown key was taken for, by table name: `titel` in stage 2 records
    /// ("stage 2", "title"), so that the missing `title` is not reported a second time.
    suggested: Vec<(String, String)>,
}

impl Reader {
    /// Records a problem.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::new(span, message));
    }

    /// Records a problem with a hint.
    pub fn error_help(
        &mut self,
        span: Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(span, message).with_help(help));
    }

    /// Parses TOML text into a spanned table, recording syntax errors.
    pub fn document<'i>(&mut self, source: &'i str) -> Option<Spanned<DeTable<'i>>> {
        let (table, errors) = DeTable::parse_recoverable(source);
        if errors.is_empty() {
            return Some(table);
        }
        for error in errors {
            let mut span = error.span().unwrap_or(0..0);
            let message = error.message().trim().trim_end_matches('.').to_string();
            let help = if message.contains("duplicate key") {
                "each key may appear once in a table: remove or rename one of the two".to_string()
            } else if let Some((at, quote)) = stray_quote(source, span.start) {
                span = at..at + quote.len_utf8();
                format!(
                    "{quote} is {}, as word processors type them; use a straight \" \
                     instead, like title = \"Induction\"",
                    quote_kind(quote)
                )
            } else {
                "text values need double quotes, like title = \"Induction\"".to_string()
            };
            self.error_help(span, format!("this is not valid TOML: {message}"), help);
        }
        None
    }

    /// Reports every key of the table that is not in `allowed`, naming the nearest one.
    pub fn known_keys(&mut self, table: &Table, allowed: &[&str]) {
        self.known(table, allowed, "key", "the keys allowed here are");
    }

    /// Reports every key of the table that is not in `allowed` as an unknown `what`
    /// ("unknown colour `lnk`"), naming the nearest one, or else listing the allowed ones
    /// after `listed`.
    pub fn known(&mut self, table: &Table, allowed: &[&str], what: &str, listed: &str) {
        for (key, _) in table.entries.iter() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                continue;
            }
            let message = format!("unknown {what} `{}` in {}", short(name), table.name);
            match nearest(name, allowed) {
                Some(near) => {
                    self.suggested.push((table.name.clone(), near.to_string()));
                    self.error_help(key.span(), message, format!("did you mean `{near}`?"))
                }
                None => self.error_help(
                    key.span(),
                    message,
                    format!("{listed}: {}", allowed.join(", ")),
                ),
            }
        }
    }

    /// The value stored under `key`, if any.
    pub fn value<'a, 'i>(
        &self,
        table: &Table<'a, 'i>,
        key: &str,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        table.entries.get(key)
    }

    /// Whether an unknown key of the table was already reported as a misspelling of `key`:
    /// fixing that spelling supplies `key`, so its absence is not a second problem.
    pub fn misspelt(&self, table: &Table, key: &str) -> bool {
        (self.suggested.iter()).any(|(t, k)| *t == table.name && k == key)
    }

    /// Reports a missing required key, unless a misspelling of it was reported already.
    pub fn missing(&mut self, table: &Table, key: &str, example: &str) {
        if self.misspelt(table, key) {
            return;
        }
        self.error_help(
            table.span.clone(),
            format!("{} has no `{key}`, which is required", table.name),
            format!("add a line such as {key} = {example}"),
        );
    }

    /// A text value: trimmed, non-empty. Datetimes are taken as text.
    pub fn text(&mut self, table: &Table, key: &str) -> Option<(String, Range<usize>)> {
        let value = self.value(table, key)?;
        let span = value.span();
        let text = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(d) => d.to_string(),
            other => {
                self.error_help(
                    span,
                    format!(
                        "`{key}` in {} must be text, not {}",
                        table.name,
                        kind(other)
                    ),
                    format!("put the value in double quotes: {key} = \"…\""),
                );
                return None;
            }
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.error(span, format!("`{key}` in {} is empty", table.name));
            return None;
        }
        Some((trimmed.to_string(), span))
    }

    /// A required text value.
    pub fn required_text(
        &mut self,
        table: &Table,
        key: &str,
        example: &str,
    ) -> Option<(String, Range<usize>)> {
        if self.value(table, key).is_none() {
            self.missing(table, key, example);
            return None;
        }
        self.text(table, key)
    }

    /// A text value that must be one of `choices` (compared without case).
    pub fn choice(
        &mut self,
        table: &Table,
        key: &str,
        choices: &[&str],
    ) -> Option<(String, Range<usize>)> {
        let (value, span) = self.text(table, key)?;
        let lower = value.to_ascii_lowercase();
        if let Some(hit) = choices.iter().find(|c| c.eq_ignore_ascii_case(&lower)) {
            return Some((hit.to_string(), span));
        }
        let help = match nearest(&lower, choices) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => format!("use {}", list_or(choices)),
        };
        self.error_help(
            span,
            format!(
                "`{key}` is \"{}\", but it must be {}",
                short(&value),
                list_or(choices)
            ),
            help,
        );
        None
    }

    /// A whole number.
    pub fn integer(&mut self, table: &Table, key: &str) -> Option<(i64, Range<usize>)> {
        let value = self.value(table, key)?;
        let span = value.span();
        match value.get_ref() {
            DeValue::Integer(i) => {
                let digits = i.as_str().replace('_', "");
                let parsed = match i.radix() {
                    10 => digits.parse::<i64>().ok(),
                    radix => i64::from_str_radix(&digits, radix).ok(),
                };
                match parsed {
                    Some(v) => Some((v, span)),
                    None => {
                        self.error(span, format!("`{key}` is too large a number"));
                        None
                    }
                }
            }
            other => {
                self.error(
                    span,
                    format!(
                        "`{key}` in {} must be a whole number, not {}",
                        table.name,
                        kind(other)
                    ),
                );
                None
            }
        }
    }

    /// A number, whole or decimal.
    pub fn number(&mut self, table: &Table, key: &str) -> Option<(f64, Range<usize>)> {
        let value = self.value(table, key)?;
        let span = value.span();
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            other => {
                self.error_help(
                    span,
                    format!(
                        "`{key}` in {} must be a number, not {}",
                        table.name,
                        kind(other)
                    ),
                    format!("write a number without quotes, such as {key} = 12"),
                );
                return None;
            }
        };
        match parsed.filter(|v| v.is_finite()) {
            Some(v) => Some((v, span)),
            None => {
                self.error(span, format!("`{key}` must be an ordinary number"));
                None
            }
        }
    }

    /// A yes-or-no value.
    pub fn flag(&mut self, table: &Table, key: &str) -> Option<(bool, Range<usize>)> {
        let value = self.value(table, key)?;
        let span = value.span();
        match value.get_ref() {
            DeValue::Boolean(b) => Some((*b, span)),
            other => {
                self.error_help(
                    span,
                    format!(
                        "`{key}` in {} must be true or false, not {}",
                        table.name,
                        kind(other)
                    ),
                    format!("write {key} = true or {key} = false, without quotes"),
                );
                None
            }
        }
    }

    /// A list of tag names.
    pub fn text_list(&mut self, table: &Table, key: &str) -> Vec<(String, Range<usize>)> {
        self.list_of_text(table, key, "[\"online\", \"national\"]")
    }

    /// A list of text values; `example` is a list such as the key takes, for the hint
    /// when the value is not a list.
    pub fn list_of_text(
        &mut self,
        table: &Table,
        key: &str,
        example: &str,
    ) -> Vec<(String, Range<usize>)> {
        let Some(value) = self.value(table, key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.error_help(
                value.span(),
                format!("`{key}` in {} must be a list", table.name),
                format!("write it in square brackets: {key} = {example}"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::String(s) => out.push((s.trim().to_string(), item.span())),
                other => self.error(
                    item.span(),
                    format!("each entry of `{key}` must be text, not {}", kind(other)),
                ),
            }
        }
        out
    }

    /// A sub-table (`[name]` or an inline table).
    pub fn table<'a, 'i>(
        &mut self,
        parent: &Table<'a, 'i>,
        key: &str,
        name: String,
    ) -> Option<Table<'a, 'i>> {
        let value = self.value(parent, key)?;
        match value.get_ref() {
            DeValue::Table(entries) => Some(Table {
                entries,
                span: value.span(),
                name,
            }),
            other => {
                self.error(
                    value.span(),
                    format!("`{key}` must be a table, not {}", kind(other)),
                );
                None
            }
        }
    }

    /// An array of tables (`[[key]]`), each named by `name(index)`.
    pub fn tables<'a, 'i>(
        &mut self,
        parent: &Table<'a, 'i>,
        key: &str,
        name: impl Fn(usize) -> String,
    ) -> Vec<Table<'a, 'i>> {
        let Some(value) = self.value(parent, key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.error_help(
                value.span(),
                format!("`{key}` must be a list of tables"),
                format!("start each one with a [[{key}]] line"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(entries) => out.push(Table {
                    entries,
                    span: item.span(),
                    name: name(i),
                }),
                other => self.error(
                    item.span(),
                    format!("each `{key}` must be a table, not {}", kind(other)),
                ),
            }
        }
        out
    }
}

/// Quotation marks that look like TOML's straight quotes but are not: curly quotes pasted
/// from a word processor, and their cousins.
const STRAY_QUOTES: &[char] = &[
    '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', // “ ” „ ‟
    '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', // ‘ ’ ‚ ‛
    '\u{00AB}', '\u{00BB}', '\u{2039}', '\u{203A}', // « » ‹ ›
    '\u{2033}', '\u{2032}', '\u{FF02}', '\u{FF07}', // ″ ′ ＂ ＇
    '\u{301D}', '\u{301E}', '\u{301F}', '\u{0060}', // 〝 〞 〟 `
];

/// What kind of mark a stray quote is, for a person who took it for a straight quote.
fn quote_kind(quote: char) -> &'static str {
    match quote {
        '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}' => "an angle quote",
        '\u{2032}' | '\u{2033}' => "a prime (the sign for feet and inches)",
        '\u{FF02}' | '\u{FF07}' => "a full-width quote",
        '\u{0060}' => "a backtick",
        _ => "a curly quote",
    }
}

/// The first stray quote outside a string on the line holding byte `offset`, and where
/// it is: TOML's syntax error is usually at the mark itself, but may be later in the line.
fn stray_quote(source: &str, offset: usize) -> Option<(usize, char)> {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let mut open: Option<char> = None;
    let mut escaped = false;
    for (i, c) in source[start..end].char_indices() {
        match open {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(quote) if c == quote => open = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => open = Some(c),
            None if c == '#' => return None,
            None if STRAY_QUOTES.contains(&c) => return Some((start + i, c)),
            None => {}
        }
    }
    None
}

/// Names a TOML value's kind for messages.
fn kind(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Why a text is not a colour, as messages say it: the one wording for a roadmap's
/// `[colours]` and a layout file's `[palette]` alike.
pub(crate) fn not_a_colour(text: &str) -> String {
    format!(
        "\"{}\" is not a colour: write it as \"#rrggbb\"",
        short(text)
    )
}

/// "`a`, `b` or `c`".
pub(crate) fn list_or(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub(crate) fn nearest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    // No candidate is near a word this long, and the distance would cost its length.
    if word.chars().count() > 64 {
        return None;
    }
    let word = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (distance(&word, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        assert_eq!(
            nearest("titel", &["title", "subtitle", "url"]),
            Some("title")
        );
        assert_eq!(nearest("cheap", &["free", "chargeable"]), None);
        assert_eq!(nearest("fre", &["free", "chargeable"]), Some("free"));
    }

    #[test]
    fn choices_read_as_a_sentence() {
        assert_eq!(
            list_or(&["free", "chargeable"]),
            "\"free\" or \"chargeable\""
        );
        assert_eq!(list_or(&["a", "b", "c"]), "\"a\", \"b\" or \"c\"");
    }
}
