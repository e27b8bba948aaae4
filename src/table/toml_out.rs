//! Writing a roadmap file, remembering which cell of a sheet each value came from, so
//! that the parser's messages about the file can be told about the cells instead.

use std::fmt::Write;
use std::ops::Range;

pub(crate) use crate::model::toml_text::{bare_or_quoted, quote};

/// A cell or row of the sheet a value came from: a zero-based row index and, for a value,
/// its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Origin {
    /// The row, counted from 0 in the sheet.
    pub row: usize,
    /// The column, counted from 0; `None` for a whole row (an offer's table header).
    pub column: Option<usize>,
}

/// A value to write.
pub(crate) enum Value<'a> {
    /// Text, in a basic string.
    Text(&'a str),
    /// A whole number.
    Integer(i64),
    /// A number that may have decimals.
    Number(f64),
    /// True or false.
    Bool(bool),
    /// A list of text.
    List(&'a [String]),
}

/// A roadmap file being written.
#[derive(Default)]
pub(crate) struct TomlOut {
    /// The text so far.
    pub text: String,
    /// Where each value or offer header came from, in the order written.
    pub origins: Vec<(Range<usize>, Origin)>,
}

impl TomlOut {
    /// A comment line.
    pub fn comment(&mut self, line: &str) {
        let _ = writeln!(self.text, "# {line}");
    }

    /// A table header such as `[[stage]]`, after a blank line.
    pub fn header(&mut self, header: &str, origin: Option<Origin>) {
        self.text.push('\n');
        let start = self.text.len();
        self.text.push_str(header);
        if let Some(origin) = origin {
            self.origins.push((start..self.text.len(), origin));
        }
        self.text.push('\n');
    }

    /// `key = value`.
    pub fn entry(&mut self, key: &str, value: Value, origin: Option<Origin>) {
        let _ = write!(self.text, "{} = ", bare_or_quoted(key));
        let start = self.text.len();
        match value {
            Value::Text(text) => self.text.push_str(&quote(text)),
            Value::Integer(n) => {
                let _ = write!(self.text, "{n}");
            }
            Value::Number(n) => {
                let _ = write!(self.text, "{n}");
            }
            Value::Bool(b) => {
                let _ = write!(self.text, "{b}");
            }
            Value::List(items) => {
                let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
                let _ = write!(self.text, "[{}]", quoted.join(", "));
            }
        }
        if let Some(origin) = origin {
            self.origins.push((start..self.text.len(), origin));
        }
        self.text.push('\n');
    }

    /// The cell or row that the byte at `offset` of the text came from: the value holding
    /// it, else the last offer header before it.
    pub fn origin_of(&self, offset: usize) -> Option<Origin> {
        // Origins are recorded in the order written, so by where they start: a search,
        // not a scan, keeps a sheet with a problem in every row linear.
        let after = self.origins.partition_point(|(r, _)| r.start <= offset);
        let (range, origin) = self.origins.get(after.checked_sub(1)?)?;
        if range.contains(&offset) {
            return Some(*origin);
        }
        (self.origins[..after].iter().rev())
            .find(|(_, o)| o.column.is_none())
            .map(|(_, o)| *o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_survive_a_round_trip_through_toml() {
        let nasty = "a \"quoted\" back\\slash\nnew line\ttab \u{1} £ ŵ";
        let mut out = TomlOut::default();
        out.entry("odd key", Value::Text(nasty), None);
        out.entry("plain", Value::List(&[nasty.to_string()]), None);
        let table: toml::Table = toml::from_str(&out.text).unwrap();
        assert_eq!(table["odd key"].as_str(), Some(nasty));
        assert_eq!(table["plain"][0].as_str(), Some(nasty));
    }

    #[test]
    fn an_offset_finds_its_cell_or_else_its_row() {
        let mut out = TomlOut::default();
        out.header(
            "[[stage.offer]]",
            Some(Origin {
                row: 4,
                column: None,
            }),
        );
        out.entry(
            "title",
            Value::Text("A"),
            Some(Origin {
                row: 4,
                column: Some(1),
            }),
        );
        let inside = out.text.find("\"A\"").unwrap() + 1;
        assert_eq!(
            out.origin_of(inside),
            Some(Origin {
                row: 4,
                column: Some(1)
            })
        );
        let key = out.text.find("title").unwrap();
        assert_eq!(
            out.origin_of(key),
            Some(Origin {
                row: 4,
                column: None
            })
        );
        assert_eq!(out.origin_of(0), None);
    }
}
