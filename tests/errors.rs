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
