//! Every unknown key of a preset file at once, each with the nearest known key.
//!
//! The keys a preset may hold are those of the built-in presets, so this list can never
//! fall out of step with them.

use super::builtin::BUILTIN;
use crate::error::Diagnostic;
use crate::model::reader::{nearest, Reader, Table};
use toml::de::{DeTable, DeValue};

/// Syntax errors and unknown keys in a preset's text.
pub(super) fn check(source: &str) -> Vec<Diagnostic> {
    let mut reader = Reader::default();
    let Some(doc) = reader.document(source) else {
        return reader.diagnostics;
    };
    let known: Vec<DeTable<'static>> = BUILTIN
        .iter()
        .filter_map(|(_, text)| DeTable::parse(text).ok().map(|t| t.into_inner()))
        .collect();
    let known: Vec<&DeTable> = known.iter().collect();
    let top = Table {
        entries: doc.get_ref(),
        span: 0..0,
        name: "the layout file".to_string(),
    };
    walk(&mut reader, &top, &known);
    let mut list = reader.diagnostics;
    list.sort_by_key(|d| d.span.start);
    list
}

/// Reports keys of `table` that none of the `known` tables has, then looks inside
/// sub-tables.
fn walk(reader: &mut Reader, table: &Table, known: &[&DeTable]) {
    let mut names: Vec<&str> = known
        .iter()
        .flat_map(|t| t.keys().map(|k| k.get_ref().as_ref()))
        .collect();
    names.sort_unstable();
    names.dedup();
    for (key, value) in table.entries.iter() {
        let name: &str = key.get_ref();
        if !names.contains(&name) {
            let help = match nearest(name, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys allowed here are: {}", names.join(", ")),
            };
            reader.error_help(
                key.span(),
                format!("unknown key `{name}` in {}", table.name),
                help,
            );
            continue;
        }
        // The known tables under this key: a table's, or every item of an array of tables.
        let inner: Vec<&DeTable> = known
            .iter()
            .flat_map(|t| match t.get(name).map(|v| v.get_ref()) {
                Some(DeValue::Table(sub)) => vec![sub],
                Some(DeValue::Array(items)) => (items.iter())
                    .filter_map(|i| match i.get_ref() {
                        DeValue::Table(sub) => Some(sub),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
        let tables: Vec<(&DeTable, std::ops::Range<usize>)> = match value.get_ref() {
            DeValue::Table(entries) => vec![(entries, value.span())],
            DeValue::Array(items) => (items.iter())
                .filter_map(|i| match i.get_ref() {
                    DeValue::Table(entries) => Some((entries, i.span())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for (entries, span) in tables {
            let sub = Table {
                entries,
                span,
                name: format!("[{name}]"),
            };
            walk(reader, &sub, &inner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_misspelt_key_is_reported_with_its_nearest() {
        let source = include_str!("../../layouts/road.toml")
            .replacen("gutter =", "gutterr =", 1)
            .replacen("radius =", "radios =", 1)
            .replace("[palette]", "[pallete]")
            .replace("masonry =", "masonary =");
        let found = check(&source);
        let messages: Vec<String> = found
            .iter()
            .map(|d| format!("{} / {}", d.message, d.help.clone().unwrap_or_default()))
            .collect();
        assert_eq!(found.len(), 4, "{messages:?}");
        assert!(messages[0].contains("`gutterr` in [grid]") && messages[0].contains("`gutter`"));
        assert!(messages[1].contains("`pallete`") && messages[1].contains("`palette`"));
        assert!(messages[2].contains("`radios` in [card]") && messages[2].contains("`radius`"));
        // Inside an array of tables too.
        assert!(
            messages[3].contains("`masonary` in [density]") && messages[3].contains("`masonry`")
        );
        assert!(check(include_str!("../../layouts/road.toml")).is_empty());
    }
}
