//! The JSON Schema of the roadmap format: every example and the starter roadmap validate,
//! and every file in tests/errors whose mistake is one of shape fails to.
#![cfg(feature = "schema")]

mod support;

use std::fs;

/// The files of tests/errors whose mistake JSON Schema cannot see, with why. Every other
/// file there that is valid TOML must fail the schema.
const BEYOND_THE_SCHEMA: &[(&str, &str)] = &[
    (
        "missing-glyph.toml",
        "which characters the bundled font has",
    ),
    (
        "undeclared-tag.toml",
        "a tag name must match a declaration elsewhere",
    ),
    (
        "undeclared-tag-with-a-space.toml",
        "a tag name must match a declaration elsewhere",
    ),
    (
        "link-with-user-info.toml",
        "a name before the site is told apart from a site by parsing the link",
    ),
    (
        "look-alike-site.toml",
        "which alphabets a site's letters come from",
    ),
];

/// The schema, compiled.
struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn new() -> Validator {
        let schema: serde_json::Value =
            serde_json::from_str(&waypost::model::schema()).expect("the schema is JSON");
        let mut compiler = boon::Compiler::new();
        compiler
            .add_resource("urn:waypost:roadmap", schema)
            .unwrap();
        let mut schemas = boon::Schemas::new();
        let index = compiler
            .compile("urn:waypost:roadmap", &mut schemas)
            .unwrap_or_else(|e| panic!("the schema does not compile: {e}"));
        Validator { schemas, index }
    }

    /// `None` when the TOML text is valid against the schema, else what is wrong; `Err`
    /// when it is not TOML at all.
    fn check(&self, toml_text: &str) -> Result<Option<String>, String> {
        let value: toml::Value = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let json = to_json(&value);
        Ok(self
            .schemas
            .validate(&json, self.index)
            .err()
            .map(|e| format!("{e:#}")))
    }
}

/// A TOML value as the JSON an editor checks: dates become their text, as Taplo does.
fn to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            J::Object(table.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

#[test]
fn every_example_validates() {
    let validator = Validator::new();
    let mut files = support::toml_files("examples");
    files.push(support::root().join("src/cli/starter.toml"));
    for path in files {
        let text = fs::read_to_string(&path).unwrap();
        if let Some(problem) = validator.check(&text).unwrap() {
            panic!("{} fails the schema: {problem}", path.display());
        }
    }
}

#[test]
fn every_shape_mistake_fails_the_schema() {
    let validator = Validator::new();
    let mut checked = 0;
    for path in support::toml_files("tests/errors") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(&path).unwrap();
        let Ok(verdict) = validator.check(&text) else {
            continue; // not TOML: the editor's TOML parser says so before any schema
        };
        match (BEYOND_THE_SCHEMA.iter().find(|(n, _)| *n == name), verdict) {
            (None, None) => panic!("{name} passes the schema, but its mistake is one of shape"),
            (Some((_, why)), Some(problem)) => {
                panic!("{name} was listed as beyond the schema ({why}), but fails it: {problem}")
            }
            _ => checked += 1,
        }
    }
    assert!(checked >= 15, "only {checked} files checked");
}

#[test]
fn a_few_mistakes_made_here_fail_too() {
    let validator = Validator::new();
    let good = fs::read_to_string(support::root().join("examples/sparse.toml")).unwrap();
    let mistakes = [
        ("page = \"A4\"\n", "page = \"B5\"\n"),
        ("cost = \"free\"", "cost = \"Gratis\""),
        ("level = 3", "level = 9"),
        ("level = 3", "level = \"3\""),
        ("tags = [\"online\", \"national\"]", "tags = \"online\""),
        ("title = \"First month\"", "title = \"  \""),
        (
            "url = \"https://www.e-lfh.org.uk/\"",
            "url = \"www.e-lfh.org.uk\"",
        ),
        (
            "url = \"https://www.e-lfh.org.uk/\"",
            "url = \"https:// e-lfh.org.uk\"",
        ),
        ("cost = \"chargeable\"", "cost = \"free\""),
    ];
    let good = format!("page = \"A4\"\n{good}");
    assert_eq!(validator.check(&good).unwrap(), None);
    for (from, to) in mistakes {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        assert!(
            validator.check(&bad).unwrap().is_some(),
            "{to} passes the schema"
        );
        assert!(
            waypost::model::parse("bad.toml", &bad).is_err(),
            "{to} passes the parser too"
        );
    }
}

#[cfg(feature = "cli")]
#[test]
fn waypost_schema_prints_the_schema() {
    let out = support::cli::waypost(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(support::cli::stdout(&out), waypost::model::schema());
}
