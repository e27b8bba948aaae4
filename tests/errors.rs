//! One roadmap file per kind of mistake in tests/errors/, each stating the messages it
//! must produce in `# expect:` lines (file, line, column and wording), and optionally in a
//! `# count:` line how many problems exactly, so that one mistake cannot hide behind
//! follow-on messages. Adding a file adds a case.

mod support;

use std::fs;
use waypost::{model, Error};

#[test]
fn every_mistake_gets_its_message() {
    let files = support::toml_files("tests/errors");
    assert!(files.len() >= 10, "only {} error cases", files.len());
    let mut failures = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = fs::read_to_string(&path).unwrap();
        let expected: Vec<&str> = source
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        assert!(!expected.is_empty(), "{name} has no `# expect:` line");
        let count: Option<usize> = source
            .lines()
            .find_map(|l| l.strip_prefix("# count: "))
            .map(|n| n.trim().parse().expect("`# count:` takes a number"));
        let (shown, found) = match model::parse(&name, &source) {
            Err(Error::Invalid(diagnostics)) => (diagnostics.to_string(), diagnostics.list.len()),
            Err(other) => (format!("unexpected error: {other}"), 0),
            Ok(_) => ("accepted".to_string(), 0),
        };
        if let Some(count) = count.filter(|&c| c != found) {
            failures.push(format!(
                "{name}: expected {count} problems, found {found}:\n{shown}"
            ));
        }
        for line in expected {
            if !shown.contains(line) {
                failures.push(format!("{name}: expected {line:?} in:\n{shown}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The TOML a hint suggests: each table header in it (`[tags."in person"]`) and each
/// `key = value` whose value is a quoted string, a number or true/false.
fn snippets(help: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<char> = help.chars().collect();
    // Table headers: from a `[` followed by a letter to the `]` that closes it, skipping
    // `]` inside quotes.
    for (i, &c) in chars.iter().enumerate() {
        if c != '[' || !chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()) {
            continue;
        }
        let mut quoted = false;
        for (j, &d) in chars.iter().enumerate().skip(i + 1) {
            match d {
                '"' => quoted = !quoted,
                ']' if !quoted => {
                    found.push(chars[i..=j].iter().collect());
                    break;
                }
                _ => {}
            }
        }
    }
    // Assignments: a bare key, " = ", then a string, a number or a truth value.
    let words: Vec<&str> = help.split(' ').collect();
    for (i, window) in words.windows(3).enumerate() {
        let key = window[0].trim_start_matches(['(', ',']);
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !is_key || window[1] != "=" {
            continue;
        }
        let rest = words[i + 2..].join(" ");
        let value = if let Some(body) = rest.strip_prefix('"') {
            body.find('"').map(|end| format!("\"{}\"", &body[..end]))
        } else {
            let word = rest.split([' ', ',', ')', ';']).next().unwrap_or("");
            let number = !word.is_empty() && word.parse::<f64>().is_ok();
            (number || word == "true" || word == "false").then(|| word.to_string())
        };
        if let Some(value) = value {
            found.push(format!("{key} = {value}"));
        }
    }
    found
}

/// Every TOML snippet a hint of the error cases suggests parses as TOML, so that a user
/// can paste it.
#[test]
fn every_suggested_snippet_parses() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in support::toml_files("tests/errors") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = fs::read_to_string(&path).unwrap();
        let Err(Error::Invalid(diagnostics)) = model::parse(&name, &source) else {
            continue;
        };
        for help in diagnostics.list.iter().filter_map(|d| d.help.as_deref()) {
            for snippet in snippets(help) {
                checked += 1;
                if let Err(e) = toml::from_str::<toml::Table>(&format!("{snippet}\n")) {
                    failures.push(format!("{name}: {snippet:?} from {help:?}: {e}"));
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} snippets found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
