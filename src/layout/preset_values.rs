//! Every bad value of a preset file at once.
//!
//! serde stops at the first value it cannot take. To report them all, each bad (or missing)
//! value is reported, then replaced by the built-in preset's value at the same place, and
//! the file is read again until it reads. The result is only used to check the rules that
//! span several values; a file with any problem is still refused.

use super::preset::{Preset, BUILTIN};
use crate::error::Diagnostic;
use serde::Deserialize;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// One step from a table into a value: a key, or an index into an array.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Reads a preset whose keys are known to be valid, reporting every value serde refuses.
///
/// Returns the preset as read with bad values replaced by built-in ones (for further
/// checks), and the problems found.
pub(super) fn read(source: &str) -> (Option<Preset>, Vec<Diagnostic>) {
    let Ok(mut doc) = DeTable::parse(source) else {
        // Syntax errors were reported by the key check before this runs.
        return (None, Vec::new());
    };
    let fallback = BUILTIN
        .iter()
        .find_map(|(_, text)| DeTable::parse(text).ok());
    let mut problems: Vec<Diagnostic> = Vec::new();
    // Each round fixes one value, so there can be no more rounds than values.
    for _ in 0..=count_values(doc.get_ref()) + 1 {
        let error = match Preset::deserialize(toml::de::Deserializer::from(doc.clone())) {
            Ok(preset) => return (Some(preset), problems),
            Err(error) => error,
        };
        let span = error.span().unwrap_or(0..0);
        let message = error
            .message()
            .trim()
            .trim_end_matches('.')
            .replace('\n', " ");
        let missing = missing_field(&message);
        problems.push(match &missing {
            Some(key) => Diagnostic::new(span.clone(), format!("`{key}` is missing"))
                .with_help("every layout file needs it: copy it from layouts/road.toml"),
            None => Diagnostic::new(span.clone(), message),
        });
        let Some(mut path) = path_to(doc.get_ref(), &span, &mut Vec::new()) else {
            break;
        };
        if let Some(key) = missing {
            path.push(Step::Key(key));
        }
        let replacement = fallback.as_ref().and_then(|f| value_at(f.get_ref(), &path));
        let Some(replacement) = replacement else {
            break;
        };
        if !replace(doc.get_mut(), &path, replacement.clone()) {
            break;
        }
    }
    (None, problems)
}

/// Where a key stands in the file, by its path of table names (`["type", "minimum"]`).
pub(super) fn span_of(source: &str, path: &[&str]) -> Range<usize> {
    let Ok(doc) = DeTable::parse(source) else {
        return 0..0;
    };
    let mut table = doc.get_ref();
    for (i, key) in path.iter().enumerate() {
        let Some((k, v)) = table.get_key_value(*key) else {
            return 0..0;
        };
        if i + 1 == path.len() {
            return k.span();
        }
        match v.get_ref() {
            DeValue::Table(inner) => table = inner,
            _ => return 0..0,
        }
    }
    0..0
}

/// The key named by serde's "missing field `key`" message.
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_string)
}

fn count_values(table: &DeTable) -> usize {
    table
        .values()
        .map(|v| match v.get_ref() {
            DeValue::Table(inner) => 1 + count_values(inner),
            DeValue::Array(items) => 1 + items.len(),
            _ => 1,
        })
        .sum()
}

/// The path to the innermost value whose span is `span`; the empty path for the whole file.
fn path_to(table: &DeTable, span: &Range<usize>, prefix: &mut Vec<Step>) -> Option<Vec<Step>> {
    for (key, value) in table.iter() {
        prefix.push(Step::Key(key.get_ref().to_string()));
        if let Some(found) = path_in(value, span, prefix) {
            return Some(found);
        }
        prefix.pop();
    }
    prefix.is_empty().then(Vec::new)
}

fn path_in(
    value: &Spanned<DeValue>,
    span: &Range<usize>,
    prefix: &mut Vec<Step>,
) -> Option<Vec<Step>> {
    match value.get_ref() {
        DeValue::Table(inner) => {
            let found = path_to(inner, span, prefix);
            if found.is_some() {
                return found;
            }
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                prefix.push(Step::Index(i));
                if let Some(found) = path_in(item, span, prefix) {
                    return Some(found);
                }
                prefix.pop();
            }
        }
        _ => {}
    }
    (value.span() == *span).then(|| prefix.clone())
}

/// The value at `path`; an index past the end of an array takes its last item.
fn value_at<'a, 'i>(table: &'a DeTable<'i>, path: &[Step]) -> Option<&'a Spanned<DeValue<'i>>> {
    let (Step::Key(first), rest) = path.split_first()? else {
        return None;
    };
    let mut value = table.get(first.as_str())?;
    for step in rest {
        value = match (step, value.get_ref()) {
            (Step::Key(k), DeValue::Table(t)) => t.get(k.as_str())?,
            (Step::Index(i), DeValue::Array(a)) => a.get(*i).or_else(|| a.last())?,
            _ => return None,
        };
    }
    Some(value)
}

/// Puts `value` at `path`, adding the last key when it is missing.
fn replace<'i>(table: &mut DeTable<'i>, path: &[Step], value: Spanned<DeValue<'i>>) -> bool {
    let Some((Step::Key(first), rest)) = path.split_first() else {
        return false;
    };
    if rest.is_empty() {
        let key = Spanned::new(value.span(), std::borrow::Cow::Owned(first.clone()));
        table.insert(key, value);
        return true;
    }
    let Some(mut slot) = table.get_mut(first.as_str()) else {
        return false;
    };
    for (i, step) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        slot = match (step, slot.get_mut()) {
            (Step::Key(k), DeValue::Table(t)) if last => {
                let key = Spanned::new(value.span(), std::borrow::Cow::Owned(k.clone()));
                t.insert(key, value);
                return true;
            }
            (Step::Key(k), DeValue::Table(t)) => match t.get_mut(k.as_str()) {
                Some(next) => next,
                None => return false,
            },
            (Step::Index(i), DeValue::Array(a)) => match a.get_mut(*i) {
                Some(next) if last => {
                    *next = value;
                    return true;
                }
                Some(next) => next,
                None => return false,
            },
            _ => return false,
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROAD: &str = include_str!("../../layouts/road.toml");

    #[test]
    fn every_bad_value_is_reported() {
        let source = ROAD
            .replace("page = \"#f7f9fa\"", "page = \"#zzzzzz\"")
            .replace("gutter = 3.5", "gutter = \"wide\"")
            .replace("max_scale = 1.7", "max_scale = 9");
        let (_, mut problems) = read(&source);
        problems.sort_by_key(|p| p.span.start);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        for (problem, needle) in problems.iter().zip(["\"wide\"", "9", "#zzzzzz"]) {
            assert!(
                source[problem.span.clone()].contains(needle),
                "{problem:?} does not point at {needle}"
            );
        }
    }

    #[test]
    fn missing_values_are_named() {
        let source = ROAD.replace("gutter = 3.5", "");
        let (_, problems) = read(&source);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].message.contains("`gutter`"));
    }

    #[test]
    fn a_bad_colour_in_a_list_is_reported_once() {
        let source = ROAD.replace("\"#00746b\"", "\"green\"");
        let (preset, problems) = read(&source);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(source[problems[0].span.clone()].contains("green"));
        // Read with the built-in colour in its place, so later rules can still be checked.
        assert!(preset.is_some());
    }
}
