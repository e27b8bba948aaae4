//! The pipeline's stages only look down: no module of the library imports one of a stage
//! above it, and the files of a folder do not import each other in a circle. Read from
//! the source itself, so a new import that breaks the rule fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Each top-level module's stage: a module may use its own stage and those below.
const STAGES: &[(&str, u8)] = &[
    ("format", 0),
    ("units", 0),
    ("error", 1),
    ("scene", 2),
    ("text", 3),
    ("model", 4),
    ("layout", 5),
    ("preflight", 6),
    ("diff", 6),
    ("table", 6),
    ("write", 7),
    ("render", 8),
];

fn stage(module: &str) -> Option<u8> {
    STAGES.iter().find(|(m, _)| *m == module).map(|(_, s)| *s)
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The file's code without comments (doc comments name modules in links, which is no
/// dependency) and without its test modules (tests may use any stage).
fn code(path: &Path) -> String {
    let text = fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    without_tests(&text)
}

/// `text` less every `#[cfg(test)] mod … { … }`, found by matching braces.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        // Only a module with a body: `#[cfg(test)] mod helpers;` is left as it is.
        let body = after
            .find(['{', ';'])
            .filter(|&o| after.as_bytes()[o] == b'{');
        let Some(open) = body.filter(|&o| after[..o].contains("mod ")) else {
            out.push_str("#[cfg(test)]");
            rest = &after["#[cfg(test)]".len()..];
            continue;
        };
        let mut depth = 0;
        let mut end = after.len();
        for (i, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The names that follow `prefix` (`crate::`, `super::`) in `text`, and the names inside
/// a brace right after it (`crate::{a, b::c}`).
fn paths_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in text.match_indices(prefix) {
        let before = text[..at].chars().last();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(inner.len());
            for part in inner[..end].split(',') {
                let name = ident(part.trim());
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

/// The top-level module a file of src/ belongs to.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap();
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

#[test]
fn no_module_imports_a_stage_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut checked = 0;
    for file in sources(&src) {
        let module = module_of(&src, &file);
        let Some(own) = stage(&module) else {
            continue; // lib.rs, main.rs and the command line sit above every stage
        };
        // The layout's test helpers check their pages with pre-flight; they are no part of
        // the library.
        if file.ends_with("layout/testing.rs") {
            continue;
        }
        checked += 1;
        for used in paths_after(&code(&file), "crate::") {
            if let Some(theirs) = stage(&used) {
                if theirs > own {
                    wrong.push(format!("{} uses crate::{used}", file.display()));
                }
            }
        }
    }
    assert!(checked > 60, "only {checked} files read");
    assert!(
        wrong.is_empty(),
        "imports that look up:\n{}",
        wrong.join("\n")
    );
}

/// The sibling files of each folder that one file uses (through `super::` or the folder's
/// full path), without the folder's mod.rs, which declares them all.
fn sibling_graph(folder: &Path, full: &str) -> BTreeMap<String, BTreeSet<String>> {
    let siblings: BTreeSet<String> = fs::read_dir(folder)
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name()?.to_string_lossy().to_string();
            let stem = name.trim_end_matches(".rs").to_string();
            (stem != "mod" && (path.is_dir() || name.ends_with(".rs"))).then_some(stem)
        })
        .collect();
    let mut graph = BTreeMap::new();
    for name in &siblings {
        let file = folder.join(format!("{name}.rs"));
        let files = if file.exists() {
            vec![file]
        } else {
            sources(&folder.join(name))
        };
        let mut uses = BTreeSet::new();
        for file in files {
            let text = code(&file);
            let mut names = paths_after(&text, "super::");
            names.extend(paths_after(&text, full));
            uses.extend(
                names
                    .into_iter()
                    .filter(|n| n != name && siblings.contains(n)),
            );
        }
        graph.insert(name.clone(), uses);
    }
    graph
}

/// A circle in `graph`, if there is one, as the names along it.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_files_of_a_folder_use_each_other_in_one_direction() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for (folder, full) in [
        ("cli", "crate::cli::"),
        ("layout", "crate::layout::"),
        ("model", "crate::model::"),
        ("scene", "crate::scene::"),
        ("text", "crate::text::"),
        ("write", "crate::write::"),
        ("write/pdf", "crate::write::pdf::"),
        ("write/png", "crate::write::png::"),
        ("write/svg", "crate::write::svg::"),
    ] {
        let graph = sibling_graph(&src.join(folder), full);
        assert!(!graph.is_empty(), "{folder} has no files");
        if let Some(circle) = circle(&graph) {
            found.push(format!("{folder}: {}", circle.join(" → ")));
        }
    }
    assert!(
        found.is_empty(),
        "files that use each other:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_see_a_circle_and_an_import_that_looks_up() {
    // The reading itself can fail: a brace list, and a circle of three.
    let names = paths_after("use crate::{layout::Preset, model};", "crate::");
    assert_eq!(names, BTreeSet::from(["layout".into(), "model".into()]));
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert!(circle(&graph).is_some());
    let text = "use crate::model;\n#[cfg(test)]\nmod tests {\n    use crate::write;\n}\n";
    assert_eq!(paths_after(&without_tests(text), "crate::").len(), 1);
}
