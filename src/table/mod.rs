//! Offers as rows of a spreadsheet: one row per offer, in the columns [`COLUMNS`].
//!
//! [`import`] turns the rows of a sheet into the text of a roadmap file; [`export`] turns
//! a roadmap into rows. Reading and writing CSV or XLSX files is the caller's part (the
//! command line does it); here there are only rows of text, so an embedder can bring its
//! own reader.
//!
//! An import is checked by the roadmap parser itself, so a mistake in a cell gets the same
//! words as the same mistake in a roadmap file; it is then told by its row and column
//! instead of a line. Importing an export, with the roadmap exported as `base`, gives the
//! same roadmap back.

mod toml_out;

use crate::error::{short, Error};
use crate::model::reader::nearest;
use crate::model::{self, Cost, Label, Labels, Roadmap, Tag};
use std::fmt;
use toml_out::{Origin, TomlOut, Value};

/// The columns, in the order [`export`] writes them. An import finds them by their
/// header, whatever their order, case or spacing.
pub const COLUMNS: [&str; 9] = [
    "stage",
    "title",
    "provider",
    "url",
    "cost",
    "price",
    "level",
    "tags",
    "description",
];

/// The columns an import cannot do without.
const REQUIRED: [&str; 5] = ["stage", "title", "provider", "url", "cost"];

/// The rows of one sheet (or CSV file), the first of them its header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    /// The file, as messages name it.
    pub file: String,
    /// The sheet's name, for a workbook; `None` for a CSV file.
    pub name: Option<String>,
    /// The cells, row by row, as text. Rows may be of different lengths.
    pub rows: Vec<Vec<String>>,
}

/// One problem in a sheet, at a row and usually a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// The row, counted from 1 as spreadsheets do; `None` when no row is to blame.
    pub row: Option<usize>,
    /// The column, counted from 0, when one cell is to blame.
    pub column: Option<usize>,
    /// The column's header, when one cell is to blame.
    pub header: Option<String>,
    /// What is wrong, in the words a roadmap file's message would use.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// Every problem found in a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file, as messages name it.
    pub file: String,
    /// The sheet's name, for a workbook.
    pub sheet: Option<String>,
    /// The problems, by row.
    pub problems: Vec<CellProblem>,
}

impl std::error::Error for ImportError {}

impl fmt::Display for ImportError {
    /// Each problem as `FILE, sheet "S", row R, column C (header): error: message`, then
    /// its hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", self.file)?;
            if let Some(sheet) = &self.sheet {
                write!(f, ", sheet \"{sheet}\"")?;
            }
            if let Some(row) = p.row {
                write!(f, ", row {row}")?;
            }
            if let Some(column) = p.column {
                write!(f, ", column {}", column_letters(column))?;
                if let Some(header) = &p.header {
                    write!(f, " ({})", short(header))?;
                }
            }
            write!(f, ": error: {}", p.message)?;
            if let Some(help) = &p.help {
                write!(f, "\n  = help: {help}")?;
            }
        }
        Ok(())
    }
}

/// A column's letters as spreadsheets name it: 0 is A, 25 is Z, 26 is AA.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One row per offer, in [`COLUMNS`] order, stage by stage; tags by their keys, separated
/// by commas.
pub fn export(roadmap: &Roadmap) -> Vec<[String; 9]> {
    let mut rows = Vec::new();
    for stage in &roadmap.stages {
        for offer in &stage.offers {
            let (cost, price) = match &offer.cost {
                Cost::Free => ("free", String::new()),
                Cost::Chargeable { price } => ("chargeable", price.clone().unwrap_or_default()),
            };
            let tags: Vec<&str> = (offer.tags.iter())
                .filter_map(|&i| roadmap.tags.get(i).map(|t| t.key.as_str()))
                .collect();
            rows.push([
                stage.title.clone(),
                offer.title.clone(),
                offer.provider.clone(),
                offer.url.as_str().to_string(),
                cost.to_string(),
                price,
                offer.level.map_or(String::new(), |l| l.get().to_string()),
                tags.join(", "),
                offer.description.clone().unwrap_or_default(),
            ]);
        }
    }
    rows
}

/// Turns the rows of a sheet into the text of a roadmap file that parses.
///
/// The stages are the sheet's, in the order each first appears. Everything else — the
/// title, the footer, tags' labels and icons, stages' summaries (and stages that have no
/// offer in the sheet) — comes from `base` when one is given; without it the roadmap gets a
/// placeholder title, and a tag that is neither built in nor a misspelling of one is
/// declared with its name as its label.
///
/// # Errors
///
/// Every problem in the sheet, each at its row and column.
///
/// # Example
///
/// ```
/// use waypost::table::{import, Sheet};
/// let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect();
/// let sheet = Sheet {
///     file: "offers.csv".into(),
///     name: None,
///     rows: vec![
///         row(&["Stage", "Title", "Provider", "URL", "Cost"]),
///         row(&["Induction", "Guide", "NHS England", "https://example.org/", "free"]),
///         row(&["Induction", "Course", "A college", "https://example.org/c", "paid"]),
///     ],
/// };
/// let problem = import(&sheet, None).unwrap_err().to_string();
/// assert!(problem.starts_with(
///     "offers.csv, row 3, column E (Cost): error: `cost` is \"paid\", but it must be"
/// ));
/// ```
pub fn import(sheet: &Sheet, base: Option<&Roadmap>) -> Result<String, ImportError> {
    let fail = |problems| ImportError {
        file: sheet.file.clone(),
        sheet: sheet.name.clone(),
        problems,
    };
    let filled = |row: &Vec<String>| row.iter().any(|c| !c.trim().is_empty());
    let Some(header_row) = sheet.rows.iter().position(filled) else {
        return Err(fail(vec![CellProblem {
            row: None,
            column: None,
            header: None,
            message: "the sheet is empty".to_string(),
            help: Some(format!(
                "put the headers {} in the first row and one offer in each row below",
                COLUMNS.join(", ")
            )),
        }]));
    };
    let columns = read_header(&sheet.rows[header_row], header_row).map_err(fail)?;
    let mut rows: Vec<(usize, Row)> = (sheet.rows.iter().enumerate())
        .skip(header_row + 1)
        .filter(|(_, row)| filled(row))
        .map(|(index, row)| (index, Row::new(row, &columns)))
        .collect();
    let declared = resolve_tags(&mut rows, base);
    let out = write(&rows, &declared, base);
    match model::parse(&sheet.file, &out.text) {
        Ok(_) => Ok(out.text),
        Err(Error::Invalid(diagnostics)) => {
            let headers = &sheet.rows[header_row];
            let problems = (diagnostics.list.into_iter())
                .map(|d| {
                    let origin = out.origin_of(d.span.start);
                    let column = origin.and_then(|o| o.column);
                    CellProblem {
                        row: origin.map(|o| o.row + 1),
                        column,
                        header: column.and_then(|c| headers.get(c)).map(|h| h.trim().into()),
                        message: d.message,
                        help: d.help,
                    }
                })
                .collect();
            Err(fail(problems))
        }
        // Parsing does nothing else that can fail.
        Err(other) => Err(fail(vec![CellProblem {
            row: None,
            column: None,
            header: None,
            message: other.to_string(),
            help: None,
        }])),
    }
}

/// Which column holds each of [`COLUMNS`], if any.
type Columns = [Option<usize>; 9];

/// Finds each known column by its header; reports unknown, repeated and missing ones.
fn read_header(header: &[String], row: usize) -> Result<Columns, Vec<CellProblem>> {
    let mut columns: Columns = [None; 9];
    let mut problems = Vec::new();
    // A misspelt header already says which column it was meant to be.
    let mut suggested = Vec::new();
    let problem = |column: Option<usize>, message: String, help: String| CellProblem {
        row: Some(row + 1),
        column,
        header: column
            .and_then(|c| header.get(c))
            .map(|h| h.trim().to_string()),
        message,
        help: Some(help),
    };
    for (index, cell) in header.iter().enumerate() {
        let name: String = cell.split_whitespace().collect::<String>().to_lowercase();
        if name.is_empty() {
            continue;
        }
        match COLUMNS.iter().position(|c| *c == name) {
            Some(known) if columns[known].is_some() => problems.push(problem(
                Some(index),
                format!("there are two `{}` columns", COLUMNS[known]),
                "keep one of them".to_string(),
            )),
            Some(known) => columns[known] = Some(index),
            None => {
                let near = nearest(&name, &COLUMNS);
                suggested.extend(near);
                problems.push(problem(
                    Some(index),
                    format!("unknown column `{}`", short(cell.trim())),
                    match near {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!(
                            "the columns waypost reads are: {}; remove or rename this one",
                            COLUMNS.join(", ")
                        ),
                    },
                ))
            }
        }
    }
    for required in REQUIRED {
        let known = COLUMNS.iter().position(|c| *c == required).unwrap_or(0);
        if columns[known].is_none() && !suggested.contains(&required) {
            problems.push(problem(
                None,
                format!("there is no `{required}` column, which every offer needs"),
                format!("add a column headed {required} to the first row"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// One offer's cells, by column.
struct Row {
    cells: [Option<(usize, String)>; 9],
    /// The keys of its tags, once resolved.
    tags: Vec<String>,
}

impl Row {
    fn new(row: &[String], columns: &Columns) -> Row {
        Row {
            cells: columns.map(|c| c.map(|c| (c, row.get(c).map_or("", |v| v.trim()).to_string()))),
            tags: Vec::new(),
        }
    }

    /// A cell's text (empty when the column is missing or the cell blank) and column.
    fn get(&self, column: &str) -> (&str, Option<usize>) {
        let known = COLUMNS.iter().position(|c| *c == column);
        match known.and_then(|k| self.cells[k].as_ref()) {
            Some((c, text)) => (text.as_str(), Some(*c)),
            None => ("", None),
        }
    }
}

/// Stages in the order of first appearance, each with its rows.
fn stages(rows: &[(usize, Row)]) -> Vec<(String, Vec<&(usize, Row)>)> {
    let mut stages: Vec<(String, Vec<&(usize, Row)>)> = Vec::new();
    for row in rows {
        let title = row.1.get("stage").0;
        match stages.iter_mut().find(|(t, _)| same_name(t, title)) {
            Some((_, rows)) => rows.push(row),
            None => stages.push((title.to_string(), vec![row])),
        }
    }
    stages
}

/// Names compared without case and with runs of spaces as one.
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// Resolves each row's tags to keys: a tag is found by its key or its label, in any case;
/// a new name is declared with itself as its label, unless it looks like a misspelling of
/// a known tag, which the parser then reports. Returns the tags the file must declare.
fn resolve_tags(rows: &mut [(usize, Row)], base: Option<&Roadmap>) -> Vec<Tag> {
    let english = Labels::default();
    let builtin = model::builtin_tags(base.map_or(&english, |b| &b.labels));
    let mut tags: Vec<Tag> = base.map_or_else(|| builtin.clone(), |b| b.tags.clone());
    let mut declared: Vec<Tag> = (tags.iter())
        .filter(|t| !builtin.contains(t))
        .cloned()
        .collect();
    for (_, row) in rows.iter_mut() {
        let mut keys = Vec::new();
        for name in split_tags(row.get("tags").0) {
            let found = (tags.iter())
                .find(|t| t.key.eq_ignore_ascii_case(&name) || same_name(&t.label, &name));
            if let Some(tag) = found {
                keys.push(tag.key.clone());
                continue;
            }
            let known: Vec<&str> = tags.iter().map(|t| t.key.as_str()).collect();
            if nearest(&name, &known).is_none() {
                let tag = Tag {
                    key: name.clone(),
                    label: name.clone(),
                    icon: None,
                };
                tags.push(tag.clone());
                declared.push(tag);
            }
            keys.push(name);
        }
        row.tags = keys;
    }
    declared
}

/// The roadmap file for the rows.
fn write(rows: &[(usize, Row)], declared: &[Tag], base: Option<&Roadmap>) -> TomlOut {
    let mut out = TomlOut::default();
    let stages = stages(rows);
    match base {
        Some(base) => write_top(&mut out, base),
        None => {
            out.comment("A roadmap imported by waypost. Change the title below, and import again");
            out.comment(
                "with --base this file to keep the title, tags and summaries written here.",
            );
            out.entry("title", Value::Text("Training roadmap"), None);
        }
    }
    for tag in declared {
        out.header(
            &format!("[tags.{}]", toml_out::bare_or_quoted(&tag.key)),
            None,
        );
        out.entry("label", Value::Text(&tag.label), None);
        if let Some(icon) = tag.icon {
            out.entry("icon", Value::Text(icon.name()), None);
        }
    }
    let order = stage_order(&stages, base);
    for item in order {
        match item {
            StageItem::Base(stage) => {
                out.header("[[stage]]", None);
                out.entry("title", Value::Text(&stage.title), None);
                if let Some(summary) = &stage.summary {
                    out.entry("summary", Value::Text(summary), None);
                }
            }
            StageItem::Sheet(i) => {
                let (title, rows_of_stage) = &stages[i];
                let first = rows_of_stage[0];
                out.header("[[stage]]", None);
                let (_, column) = first.1.get("stage");
                out.entry("title", Value::Text(title), cell(first.0, column));
                let summary = base
                    .and_then(|b| b.stages.iter().find(|s| same_name(&s.title, title)))
                    .and_then(|s| s.summary.as_deref());
                if let Some(summary) = summary {
                    out.entry("summary", Value::Text(summary), None);
                }
                for (index, row) in rows_of_stage.iter().copied() {
                    write_offer(&mut out, *index, row);
                }
            }
        }
    }
    out
}

/// A cell's origin, when the column exists.
fn cell(row: usize, column: Option<usize>) -> Option<Origin> {
    column.map(|c| Origin {
        row,
        column: Some(c),
    })
}

/// Tag names in a cell, separated by commas or semicolons.
fn split_tags(cell: &str) -> Vec<String> {
    cell.split([',', ';'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The roadmap's own fields, from the base.
fn write_top(out: &mut TomlOut, base: &Roadmap) {
    let Roadmap {
        title,
        subtitle,
        updated,
        footer,
        author,
        online,
        language,
        labels,
        layout,
        page,
        orientation,
        stages: _,
        tags: _,
    } = base;
    out.entry("title", Value::Text(title), None);
    let optional = [
        ("subtitle", subtitle),
        ("updated", updated),
        ("footer", footer),
        ("author", author),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            out.entry(key, Value::Text(value), None);
        }
    }
    if let Some(online) = online {
        out.entry("online", Value::Text(online.as_str()), None);
    }
    out.entry("language", Value::Text(language), None);
    if let Some(layout) = layout {
        out.entry("layout", Value::Text(&layout.value), None);
    }
    out.entry("page", Value::Text(page.name()), None);
    if let Some(orientation) = orientation {
        out.entry("orientation", Value::Text(orientation.name()), None);
    }
    // Only the words the base replaced: the rest follow the language.
    let defaults = Labels::for_language(language);
    let replaced: Vec<Label> = (Label::ALL.into_iter())
        .filter(|&l| labels.get(l) != defaults.get(l))
        .collect();
    if !replaced.is_empty() {
        out.header("[labels]", None);
        for label in replaced {
            out.entry(label.key(), Value::Text(labels.get(label)), None);
        }
    }
}

/// A stage to write: one of the sheet's (by index), or one of the base's that the sheet
/// has no offer in.
enum StageItem<'a> {
    Sheet(usize),
    Base(&'a model::Stage),
}

/// The sheet's stages in order of appearance; each stage of the base that the sheet lacks
/// follows the stage it followed in the base, so that its place is kept.
fn stage_order<'a>(
    stages: &[(String, Vec<&(usize, Row)>)],
    base: Option<&'a Roadmap>,
) -> Vec<StageItem<'a>> {
    let mut order: Vec<StageItem> = (0..stages.len()).map(StageItem::Sheet).collect();
    let Some(base) = base else {
        return order;
    };
    let in_sheet = |title: &str| stages.iter().position(|(t, _)| same_name(t, title));
    let mut at = 0;
    for stage in &base.stages {
        match in_sheet(&stage.title) {
            Some(i) => {
                at = order
                    .iter()
                    .position(|s| matches!(s, StageItem::Sheet(j) if *j == i))
                    .map_or(at, |p| p + 1);
            }
            None => {
                order.insert(at, StageItem::Base(stage));
                at += 1;
            }
        }
    }
    order
}

/// One offer from its row.
fn write_offer(out: &mut TomlOut, index: usize, row: &Row) {
    out.header(
        "[[stage.offer]]",
        Some(Origin {
            row: index,
            column: None,
        }),
    );
    for key in ["title", "provider", "url", "cost"] {
        let (text, column) = row.get(key);
        // A blank required cell is written empty, so the parser names the cell.
        out.entry(key, Value::Text(text), cell(index, column));
    }
    for key in ["price", "level", "tags", "description"] {
        let (text, column) = row.get(key);
        if text.is_empty() {
            continue;
        }
        let value = match key {
            "level" => match text.parse::<i64>() {
                Ok(n) => Value::Integer(n),
                Err(_) => Value::Text(text),
            },
            "tags" => Value::List(&row.tags),
            _ => Value::Text(text),
        };
        out.entry(key, value, cell(index, column));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        let letters: Vec<String> = [0, 4, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            letters,
            ["A", "E", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            file: "offers.csv".into(),
            name: None,
            rows: (rows.iter())
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn headers_are_found_whatever_their_case_spacing_or_order() {
        let text = import(
            &sheet(&[
                &[
                    "  U R L ", "Title", "PROVIDER", "cost", "Stage", "Tags", "Level",
                ],
                &[
                    "https://example.org",
                    "Guide",
                    "NHS",
                    "Free",
                    "Start",
                    "online; Peer",
                    "3",
                ],
                &[],
                &[
                    "https://example.org/b",
                    "Course",
                    "College",
                    "free",
                    "Later",
                    "",
                    "",
                ],
                &[
                    "https://example.org/c",
                    "Group",
                    "Network",
                    "free",
                    "start",
                    "peer",
                    "",
                ],
            ]),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let roadmap = model::parse("x.toml", &text).unwrap();
        let titles: Vec<(&str, usize)> = (roadmap.stages.iter())
            .map(|s| (s.title.as_str(), s.offers.len()))
            .collect();
        assert_eq!(titles, [("Start", 2), ("Later", 1)]);
        let peer = roadmap.tags.iter().position(|t| t.key == "Peer").unwrap();
        assert_eq!(roadmap.stages[0].offers[1].tags, [peer]);
        assert_eq!(roadmap.stages[0].offers[0].level.map(|l| l.get()), Some(3));
    }

    #[test]
    fn each_problem_names_its_row_and_column() {
        let error = import(
            &sheet(&[
                &["stage", "title", "provider", "url", "cost", "level", "tags"],
                &[
                    "Start",
                    "Guide",
                    "NHS",
                    "www.example.org",
                    "free",
                    "three",
                    "",
                ],
                &[
                    "Start",
                    "",
                    "NHS",
                    "https://example.org",
                    "paid",
                    "",
                    "onlin",
                ],
            ]),
            None,
        )
        .unwrap_err();
        let places: Vec<(Option<usize>, Option<String>)> = (error.problems.iter())
            .map(|p| (p.row, p.column.map(column_letters)))
            .collect();
        let cell = |row, column: &str| (Some(row), Some(column.to_string()));
        assert_eq!(
            places,
            [
                cell(2, "D"),
                cell(2, "F"),
                cell(3, "B"),
                cell(3, "E"),
                cell(3, "G")
            ],
            "{error}"
        );
        let shown = error.to_string();
        assert!(shown.contains(
            "offers.csv, row 2, column D (url): error: \"www.example.org\" is not a link waypost can use\n  = help: add the scheme: \"https://www.example.org\""
        ), "{shown}");
        assert!(
            shown.contains("row 3, column G (tags): error: tag \"onlin\" is not declared"),
            "{shown}"
        );
    }

    #[test]
    fn a_header_without_a_required_column_is_refused() {
        let error = import(
            &sheet(&[
                &["stage", "titel", "provider", "cost", "notes"],
                &["a", "b", "c", "free", "d"],
            ]),
            None,
        )
        .unwrap_err();
        let shown = error.to_string();
        for line in [
            "offers.csv, row 1, column B (titel): error: unknown column `titel`\n  = help: did you mean `title`?",
            "offers.csv, row 1, column E (notes): error: unknown column `notes`",
            "offers.csv, row 1: error: there is no `url` column, which every offer needs",
        ] {
            assert!(shown.contains(line), "{line:?} not in:\n{shown}");
        }
        assert!(!shown.contains("no `title` column"), "{shown}");
    }
}
