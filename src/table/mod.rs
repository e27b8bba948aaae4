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
//!
//! # Cells a spreadsheet would run
//!
//! A spreadsheet program takes a CSV cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return for a formula, so a link such as `=HYPERLINK(…)` in an offer would run
//! when the file is opened. [`export`] puts an apostrophe before such a cell (as OWASP
//! advises against "CSV injection"), which spreadsheet programs show as text; [`import`]
//! takes that apostrophe away again, so the round trip is exact.
//!
//! # Limits
//!
//! A sheet of offers is small, so [`import`] refuses, naming the limit, a sheet that has
//!
//! - a filled row below row [`MAX_ROWS`],
//! - a filled cell right of column [`MAX_COLUMNS`] (column `BL`),
//! - a cell of more than [`MAX_CELL`] characters,
//!
//! and a roadmap that would come out larger than [`MAX_ROADMAP`] bytes, which the other
//! commands would refuse to read. A reader of files should hold to the first three while it
//! reads, before it builds the rows; the command line does, for CSV files and workbooks
//! alike. It also reports only the first [`MAX_SHOWN`] problems of a sheet, and how many
//! more there are.

mod toml_out;

use crate::error::{printable, short, Error};
use crate::model::reader::nearest;
use crate::model::{self, name_key, Label, Labels, Place, Roadmap, Tag};
use std::collections::HashMap;
use std::fmt;
use toml_out::{Origin, TomlOut, Value};

/// The columns, in the order [`export`] writes them. An import finds them by their
/// header, whatever their order, case or spacing.
pub const COLUMNS: [&str; 15] = [
    "stage",
    "title",
    "provider",
    "url",
    "cost",
    "price",
    "level",
    "tags",
    "description",
    "duration",
    "audience",
    "starts",
    "until",
    "contact",
    "print",
];

/// The lowest row that may hold anything, counted from 1: about twice as many offers as fit
/// in the largest roadmap file ([`MAX_ROADMAP`]).
pub const MAX_ROWS: usize = 20_000;

/// The rightmost column that may hold anything, counted from 1 (column `BL`): the fourteen
/// [`COLUMNS`] with room for a table that does not start in column A.
pub const MAX_COLUMNS: usize = 64;

/// The most characters in one cell: Excel's own limit.
pub const MAX_CELL: usize = 32_767;

/// The largest roadmap an import writes, in bytes: the largest roadmap the library reads
/// ([`model::MAX_SOURCE`], 1 MiB).
pub const MAX_ROADMAP: usize = model::MAX_SOURCE;

/// The most problems an [`ImportError`] shows; it then says how many more there are.
pub const MAX_SHOWN: usize = 20;

/// The columns an import cannot do without.
const REQUIRED: [Column; 5] = [
    Column::Stage,
    Column::Title,
    Column::Provider,
    Column::Url,
    Column::Cost,
];

/// One of [`COLUMNS`], by name in the code, so that a misspelt column does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Stage,
    Title,
    Provider,
    Url,
    Cost,
    Price,
    Level,
    Tags,
    Description,
    Duration,
    Audience,
    Starts,
    Until,
    Contact,
    Print,
}

impl Column {
    /// Its header, as [`COLUMNS`] writes it.
    fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

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
    /// its hint; after [`MAX_SHOWN`] problems, how many more there are. Characters that a
    /// terminal would obey or hide, such as ESC, are shown by their code (`<U+001B>`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            if i == MAX_SHOWN {
                let more = self.problems.len() - MAX_SHOWN;
                return write!(
                    f,
                    "{}: and {more} more problem{} like these; fix the ones above and import \
                     again to see the rest",
                    printable(&self.file),
                    if more == 1 { "" } else { "s" }
                );
            }
            write!(f, "{}", printable(&self.file))?;
            if let Some(sheet) = &self.sheet {
                write!(f, ", sheet \"{}\"", printable(sheet))?;
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
            write!(f, ": error: {}", printable(&p.message))?;
            if let Some(help) = &p.help {
                write!(f, "\n  = help: {}", printable(help))?;
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
/// by commas. A cell that a spreadsheet program would take for a formula gets an
/// apostrophe in front (see [the module's notes](self#cells-a-spreadsheet-would-run)).
pub fn export(roadmap: &Roadmap) -> Vec<[String; COLUMNS.len()]> {
    let mut rows = Vec::new();
    for stage in &roadmap.stages {
        for offer in &stage.offers {
            let mut row: [String; COLUMNS.len()] = Default::default();
            row[0] = stage.title.clone();
            for (cell, (_, value)) in row[1..].iter_mut().zip(offer.fields(&roadmap.tags)) {
                *cell = value.unwrap_or_default();
            }
            rows.push(row.map(defuse));
        }
    }
    rows
}

/// The characters that make a spreadsheet program take a cell for a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell needs an apostrophe in front to be read as text: it begins with what
/// starts a formula, or with an apostrophe before such a cell (so that a leading
/// apostrophe of the offer's own survives the round trip).
fn needs_guard(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS) || text.strip_prefix('\'').is_some_and(needs_guard)
}

/// A cell as a spreadsheet program reads it as text.
fn defuse(text: String) -> String {
    if needs_guard(&text) {
        format!("'{text}")
    } else {
        text
    }
}

/// A cell as [`export`] wrote it, without the apostrophe it put in front.
fn restore(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => text,
    }
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
/// Every problem in the sheet, each at its row and column; or the first limit the sheet
/// goes past (see [the module's notes](self#limits)).
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
    if let Some(problem) = over_limits(&sheet.rows) {
        return Err(fail(vec![problem]));
    }
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
    // Every cell is written, so cells alone past the limit mean a roadmap past it: no need
    // to write it to know.
    let cells: usize = (rows.iter())
        .flat_map(|(_, row)| row.cells.iter().flatten())
        .map(|(_, text)| text.len())
        .sum();
    if cells > MAX_ROADMAP {
        return Err(fail(vec![too_large(cells)]));
    }
    let declared = resolve_tags(&mut rows, base);
    let out = write(&rows, &declared, base);
    if out.text.len() > MAX_ROADMAP {
        return Err(fail(vec![too_large(out.text.len())]));
    }
    // The roadmap written keeps the base's fonts and logos, whose bytes the base holds.
    let assets = base.map(base_files).unwrap_or_default();
    match model::parse_with(&sheet.file, &out.text, &assets) {
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

/// The first of the limits that the rows go past, as a problem at its row and column.
fn over_limits(rows: &[Vec<String>]) -> Option<CellProblem> {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Err(problem) = check_cell(r, c, cell) {
                return Some(problem);
            }
        }
    }
    None
}

/// Checks a cell at `row` and `column` (both counted from 0) against the limits of an
/// import (see [the module's notes](self#limits)); a blank cell is within them anywhere.
/// A reader of files calls this for each cell as it reads, to stop at the first cell past
/// a limit before it builds the rows.
///
/// # Errors
///
/// The limit the cell goes past, as a problem at the cell.
pub fn check_cell(row: usize, column: usize, text: &str) -> Result<(), CellProblem> {
    if text.trim().is_empty() {
        return Ok(());
    }
    let problem = |column: Option<usize>, message: String, help: String| CellProblem {
        row: Some(row + 1),
        column,
        header: None,
        message,
        help: Some(help),
    };
    if row >= MAX_ROWS {
        return Err(problem(
            None,
            format!(
                "this row is filled, but an import reads at most {} rows",
                thousands(MAX_ROWS)
            ),
            "a roadmap holds a few thousand offers at most: split the sheet into several \
             roadmaps, or delete what stands below the offers"
                .to_string(),
        ));
    }
    if column >= MAX_COLUMNS {
        return Err(problem(
            Some(column),
            format!(
                "this cell is filled, but an import reads no further right than column {}",
                column_letters(MAX_COLUMNS - 1)
            ),
            format!(
                "an offer needs the {} columns {}: move the table to the left, or delete \
                 what stands right of it",
                COLUMNS.len(),
                COLUMNS.join(", ")
            ),
        ));
    }
    if text.len() > MAX_CELL && text.chars().count() > MAX_CELL {
        return Err(problem(
            Some(column),
            format!(
                "this cell holds {} characters, but a cell may hold at most {}",
                thousands(text.chars().count()),
                thousands(MAX_CELL)
            ),
            "shorten it: a description of a few sentences is plenty".to_string(),
        ));
    }
    Ok(())
}

/// The problem of a roadmap that would be too large to read again.
fn too_large(bytes: usize) -> CellProblem {
    CellProblem {
        row: None,
        column: None,
        header: None,
        message: format!(
            "the roadmap would be {} KiB, but waypost reads roadmap files of at most {} KiB",
            thousands(bytes.div_ceil(1024)),
            thousands(MAX_ROADMAP / 1024)
        ),
        help: Some(
            "split the offers into several sheets, one roadmap each, or shorten the \
             descriptions"
                .to_string(),
        ),
    }
}

/// A count with commas between thousands, as people write it: 20,000.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Which column holds each of [`COLUMNS`], if any.
type Columns = [Option<usize>; COLUMNS.len()];

/// Finds each known column by its header; reports unknown, repeated and missing ones.
fn read_header(header: &[String], row: usize) -> Result<Columns, Vec<CellProblem>> {
    let mut columns: Columns = [None; COLUMNS.len()];
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
        let name = required.name();
        if columns[required as usize].is_none() && !suggested.contains(&name) {
            problems.push(problem(
                None,
                format!("there is no `{name}` column, which every offer needs"),
                format!("add a column headed {name} to the first row"),
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
    cells: [Option<(usize, String)>; COLUMNS.len()],
    /// The keys of its tags, once resolved.
    tags: Vec<String>,
}

impl Row {
    fn new(row: &[String], columns: &Columns) -> Row {
        Row {
            cells: columns.map(|c| {
                c.map(|c| {
                    (
                        c,
                        restore(row.get(c).map_or("", |v| v.trim())).trim().into(),
                    )
                })
            }),
            tags: Vec::new(),
        }
    }

    /// A cell's text (empty when the column is missing or the cell blank) and column.
    fn get(&self, column: Column) -> (&str, Option<usize>) {
        match self.cells[column as usize].as_ref() {
            Some((c, text)) => (text.as_str(), Some(*c)),
            None => ("", None),
        }
    }
}

/// Stages in the order of first appearance, each with its rows.
fn stages(rows: &[(usize, Row)]) -> Vec<(String, Vec<&(usize, Row)>)> {
    let mut stages: Vec<(String, Vec<&(usize, Row)>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let title = row.1.get(Column::Stage).0;
        let next = stages.len();
        let at = *index.entry(name_key(title)).or_insert(next);
        if at == next {
            stages.push((title.to_string(), Vec::new()));
        }
        stages[at].1.push(row);
    }
    stages
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
        for name in split_tags(row.get(Column::Tags).0) {
            let found = (tags.iter()).find(|t| {
                t.key.eq_ignore_ascii_case(&name) || name_key(&t.label) == name_key(&name)
            });
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
    // The first of the base's stages of each name, as a search through them would find.
    let mut summaries: HashMap<String, &str> = HashMap::new();
    for stage in base.map_or(&[][..], |b| &b.stages) {
        let key = name_key(&stage.title);
        summaries
            .entry(key)
            .or_insert_with(|| stage.summary.as_deref().unwrap_or(""));
    }
    summaries.retain(|_, summary| !summary.is_empty());
    // The base's stages that start a page, by name, as their summaries.
    let breaking: Vec<String> = (base.map_or(&[][..], |b| &b.stages).iter())
        .filter(|stage| stage.break_before)
        .map(|stage| name_key(&stage.title))
        .collect();
    for item in order {
        match item {
            StageItem::Base(stage) => {
                out.header("[[stage]]", None);
                out.entry("title", Value::Text(&stage.title), None);
                if let Some(summary) = &stage.summary {
                    out.entry("summary", Value::Text(summary), None);
                }
                if stage.break_before {
                    out.entry("break_before", Value::Bool(true), None);
                }
            }
            StageItem::Sheet(i) => {
                let (title, rows_of_stage) = &stages[i];
                let first = rows_of_stage[0];
                out.header("[[stage]]", None);
                let (_, column) = first.1.get(Column::Stage);
                out.entry("title", Value::Text(title), cell(first.0, column));
                let summary = summaries.get(&name_key(title)).copied();
                if let Some(summary) = summary {
                    out.entry("summary", Value::Text(summary), None);
                }
                if breaking.contains(&name_key(title)) {
                    out.entry("break_before", Value::Bool(true), None);
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
        colours,
        page,
        pages,
        orientation,
        stages: _,
        tags: _,
        fonts,
        logos,
        print,
        min_text,
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
    match pages {
        model::Pages::Count(1) => {}
        model::Pages::Count(n) => out.entry("pages", Value::Integer(*n as i64), None),
        _ => out.entry("pages", Value::Text("auto"), None),
    }
    if let Some(orientation) = orientation {
        out.entry("orientation", Value::Text(orientation.name()), None);
    }
    if let Some(size) = min_text {
        out.entry("min_text", Value::Text(&format!("{size}pt")), None);
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
    if !colours.is_empty() {
        out.header("[colours]", None);
        for key in model::COLOUR_KEYS {
            if let Some(colour) = colours.get(key) {
                out.entry(key, Value::Text(&colour.to_hex()), None);
            }
        }
        if let Some(stages) = colours.stages() {
            let hex: Vec<String> = stages.iter().map(|c| c.to_hex()).collect();
            out.entry("stages", Value::List(&hex), None);
        }
    }
    if let Some(fonts) = fonts {
        // A font of a collection is a table of its own, written after the plain paths.
        let files = [("regular", Some(fonts.regular())), ("bold", fonts.bold())];
        out.header("[fonts]", None);
        for (key, file) in files {
            if let Some(file) = file.filter(|f| !f.in_collection()) {
                out.entry(key, Value::Text(file.path()), None);
            }
        }
        for (key, file) in files {
            if let Some(file) = file.filter(|f| f.in_collection()) {
                out.header(&format!("[fonts.{key}]"), None);
                out.entry("file", Value::Text(file.path()), None);
                out.entry("index", Value::Integer(i64::from(file.index())), None);
            }
        }
    }
    if print != &model::Print::default() {
        out.header("[print]", None);
        if print.footer == model::FooterPages::Every {
            out.entry("footer", Value::Text(model::FooterPages::NAMES[1]), None);
        }
        if !print.hide.is_empty() {
            let names: Vec<String> = (model::Detail::ALL.iter().zip(model::Detail::NAMES))
                .filter(|(detail, _)| print.hides(**detail))
                .map(|(_, name)| name.to_string())
                .collect();
            out.entry("hide", Value::List(&names), None);
        }
    }
    for logo in logos {
        out.header("[[logo]]", None);
        out.entry("file", Value::Text(&logo.file), None);
        match &logo.alt {
            Some(alt) => out.entry("alt", Value::Text(alt), None),
            None => out.entry("decorative", Value::Bool(true), None),
        }
        let place = match logo.place {
            Place::Header => "header",
            _ => "footer",
        };
        out.entry("place", Value::Text(place), None);
        if let Some(height) = logo.height {
            out.entry("height", Value::Number(f64::from(height)), None);
        }
        if let Some(link) = &logo.link {
            out.entry("link", Value::Text(link.as_str()), None);
        }
    }
}

/// The files the base roadmap names, as the roadmap written from it names them: its
/// fonts, and its logos as they were checked (an SVG as re-written, which reads the same).
fn base_files(base: &Roadmap) -> model::Assets {
    let mut assets = model::Assets::new();
    if let Some(fonts) = &base.fonts {
        for file in [Some(fonts.regular()), fonts.bold()].into_iter().flatten() {
            assets.insert(file.path(), file.shared());
        }
    }
    for logo in &base.logos {
        assets.insert(logo.file.as_str(), logo.image.data.clone());
    }
    assets
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
    let Some(base) = base else {
        return (0..stages.len()).map(StageItem::Sheet).collect();
    };
    let mut in_sheet: HashMap<String, usize> = HashMap::new();
    for (i, (title, _)) in stages.iter().enumerate().rev() {
        in_sheet.insert(name_key(title), i);
    }
    // The base's stages that the sheet lacks, each after the sheet's stage that the base
    // put before it (`None`: before all of them), in the base's order.
    let mut before: Vec<Vec<&model::Stage>> = vec![Vec::new(); stages.len() + 1];
    let mut after: Option<usize> = None;
    for stage in &base.stages {
        match in_sheet.get(&name_key(&stage.title)) {
            Some(&i) => after = Some(i),
            None => before[after.map_or(0, |i| i + 1)].push(stage),
        }
    }
    let mut order = Vec::with_capacity(stages.len() + base.stages.len());
    for (i, lacking) in before.into_iter().enumerate() {
        if i > 0 {
            order.push(StageItem::Sheet(i - 1));
        }
        order.extend(lacking.into_iter().map(StageItem::Base));
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
    for key in [Column::Title, Column::Provider, Column::Url, Column::Cost] {
        let (text, column) = row.get(key);
        // A blank required cell is written empty, so the parser names the cell.
        out.entry(key.name(), Value::Text(text), cell(index, column));
    }
    for key in [
        Column::Price,
        Column::Level,
        Column::Tags,
        Column::Description,
        Column::Duration,
        Column::Audience,
        Column::Starts,
        Column::Until,
        Column::Contact,
        Column::Print,
    ] {
        let (text, column) = row.get(key);
        if text.is_empty() {
            continue;
        }
        let value = match key {
            // "no" leaves the offer off the paper; "yes" is what an empty cell says.
            Column::Print => match text.to_ascii_lowercase().as_str() {
                "yes" | "true" => continue,
                "no" | "false" => Value::Bool(false),
                _ => Value::Text(text),
            },
            Column::Level => match text.parse::<i64>() {
                Ok(n) => Value::Integer(n),
                Err(_) => Value::Text(text),
            },
            Column::Tags => Value::List(&row.tags),
            _ => Value::Text(text),
        };
        out.entry(key.name(), value, cell(index, column));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_is_named_by_its_header() {
        let all = [
            Column::Stage,
            Column::Title,
            Column::Provider,
            Column::Url,
            Column::Cost,
            Column::Price,
            Column::Level,
            Column::Tags,
            Column::Description,
            Column::Duration,
            Column::Audience,
            Column::Starts,
            Column::Until,
            Column::Contact,
            Column::Print,
        ];
        for column in all {
            assert_eq!(format!("{column:?}").to_lowercase(), column.name());
        }
        assert_eq!(all.len(), COLUMNS.len());
    }

    #[test]
    fn the_columns_after_the_stage_are_an_offers_fields_in_order() {
        let source = include_str!("../../examples/link-worker-training.toml");
        let roadmap = model::parse("example.toml", source).unwrap();
        let offer = &roadmap.stages[0].offers[0];
        let names: Vec<&str> = offer.fields(&roadmap.tags).map(|(name, _)| name).to_vec();
        assert_eq!(names, COLUMNS[1..]);
    }

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
    fn an_import_keeps_the_bases_fonts() {
        let base = "title = \"T\"\n[fonts]\nregular = \"f/R.ttf\"\n\
                    bold = { file = \"f/B.ttc\", index = 0 }\n[[stage]]\ntitle = \"S\"\n";
        // A collection of one font is still a collection: build one around Noto Sans Bold.
        let bold = crate::text::BOLD_TTF;
        let mut ttc = b"ttcf\0\x01\0\0\0\0\0\x01\0\0\0\x10".to_vec();
        let tables = usize::from(u16::from_be_bytes([bold[4], bold[5]]));
        let mut font = bold.to_vec();
        // Table offsets in a collection count from the start of the collection.
        for i in 0..tables {
            let at = 12 + 16 * i + 8;
            let offset = u32::from_be_bytes(font[at..at + 4].try_into().unwrap()) + 16;
            font[at..at + 4].copy_from_slice(&offset.to_be_bytes());
        }
        ttc.extend(font);
        let mut assets = model::Assets::new();
        assets.insert("f/R.ttf", crate::text::REGULAR_TTF.to_vec());
        assets.insert("f/B.ttc", ttc);
        let base = model::parse_with("base.toml", base, &assets).unwrap();
        let rows: &[&[&str]] = &[
            &["stage", "title", "provider", "url", "cost"],
            &["S", "Guide", "NHS", "https://example.org", "free"],
        ];
        let text = import(&sheet(rows), Some(&base)).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains("[fonts]\nregular = \"f/R.ttf\"\n"), "{text}");
        assert!(
            text.contains("[fonts.bold]\nfile = \"f/B.ttc\"\nindex = 0\n"),
            "{text}"
        );
        let again = model::parse_with("x.toml", &text, &assets).unwrap();
        let bold = again.fonts.as_ref().and_then(|f| f.bold()).unwrap();
        assert!(bold.in_collection() && bold.data() == base.fonts.unwrap().bold().unwrap().data());
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
    fn a_guarded_cell_comes_back_as_it_was() {
        for text in [
            "=1+1", "+44", "-", "@x", "\tx", "\rx", "'=x", "''+x", "'x", "'", "plain", "",
        ] {
            let exported = defuse(text.to_string());
            assert!(!exported.starts_with(FORMULA_STARTS), "{exported:?}");
            assert_eq!(restore(&exported), text, "{exported:?}");
        }
        assert_eq!(defuse("'Tis".into()), "'Tis");
        assert_eq!(defuse("=x".into()), "'=x");
    }

    #[test]
    fn problems_are_counted_past_the_first_twenty() {
        let offer: &[&str] = &["a", "b", "c", "https://example.org", "paid"];
        let mut rows: Vec<&[&str]> = vec![&["stage", "title", "provider", "url", "cost"]];
        rows.extend(std::iter::repeat_n(offer, 21));
        let shown = import(&sheet(&rows), None).unwrap_err().to_string();
        assert_eq!(shown.matches("error:").count(), MAX_SHOWN, "{shown}");
        assert!(
            shown.ends_with("offers.csv: and 1 more problem like these; fix the ones above and import again to see the rest"),
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
