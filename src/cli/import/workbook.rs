//! A workbook's sheet, read within limits.
//!
//! A workbook other than `.xls` is a zip archive of XML parts, and calamine unpacks a part
//! whole before it reads it, builds a sheet's whole declared range, and expands the rows
//! an `.ods` file says are repeated. So every part is looked into first, unpacking it as a
//! stream and keeping nothing: the workbook may hold at most [`MAX_PARTS`] parts, which
//! together unpack to at most [`MAX_UNPACKED`] bytes (a bound on the time unpacking takes,
//! however well they compress); each must unpack to at most [`MAX_PART`] bytes, hold no text
//! or tag longer than [`MAX_RUN`] bytes, name only cells that a spreadsheet has, and (in an
//! `.ods` file, whose sheets calamine reads all at once) fill no cell beyond
//! [`table::MAX_ROWS`] and [`table::MAX_COLUMNS`]. Only then does calamine read it, and
//! the sheet's cells are read one by one where calamine allows it (`.xlsx`, `.xlsb`),
//! each checked with [`table::check_cell`] before it is kept.
//!
//! An `.xlsb` file's binary parts are also walked record by record ([`records`]). An `.xls`
//! file is a compound file, whose chains of sectors are walked before calamine follows them
//! ([`compound`]); calamine opens every workbook as one first, so any file that starts as
//! one is walked. Its workbook stream is then walked as calamine reads it ([`biff`]): every
//! sheet, since calamine builds them all. What is left to calamine can still make it panic
//! on a damaged file: it is read inside [`panics::contain`], and a panic is told as a
//! damaged file.

use super::super::failure::Failure;
use super::{biff, compound, panics, records};
use calamine::{Data, Reader};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{self, BufReader, Cursor, Read};
use waypost::error::printable;
use waypost::table::{self, CellProblem, ImportError, Sheet};

/// The most bytes one part of a workbook may unpack to: a sheet of a few thousand offers
/// is a few megabytes of XML.
pub const MAX_PART: u64 = 64 * 1024 * 1024;

/// The most bytes all the parts of a workbook may unpack to together.
pub const MAX_UNPACKED: u64 = 4 * MAX_PART;

/// The most parts a workbook may hold: one of a few sheets has a few dozen.
pub const MAX_PARTS: usize = 10_000;

/// The longest text between two tags, or tag, in a part's XML: a cell of
/// [`table::MAX_CELL`] characters with every character escaped fits.
pub const MAX_RUN: usize = 256 * 1024;

/// The last row and column a spreadsheet has (`XFD1048576`), counted from 1.
const SHEET_ROWS: u64 = 1_048_576;
const SHEET_COLUMNS: u64 = 16_384;

/// Reads sheet `name` (the first unless named) of the workbook in `bytes`; `extension`
/// is the file's, in lower case.
pub fn read(
    bytes: Vec<u8>,
    extension: &str,
    shown: &str,
    name: Option<&str>,
) -> Result<Sheet, Failure> {
    if bytes.starts_with(b"PK\x03\x04") {
        inspect(&bytes, shown)?;
        if extension == "xlsb" {
            check_records(&bytes, shown)?;
        }
    }
    // calamine opens any workbook as a compound file first, to see if it is encrypted.
    if bytes.starts_with(&compound::MAGIC) {
        let file = compound::open(&bytes).map_err(|flaw| damaged_file(shown, &flaw))?;
        // calamine reads the first of these streams it finds, as an .xls file's workbook.
        let names = ["Workbook", "Book", "WORKBOOK", "BOOK"];
        if extension == "xls" {
            if let Some(stream) = names.iter().find_map(|name| file.stream(name)) {
                biff::check(&stream).map_err(|problem| biff_failure(shown, problem))?;
            }
        }
    }
    panics::contain(|| read_checked(bytes, extension, shown, name)).unwrap_or_else(|| {
        Err(damaged_file(
            shown,
            &"its contents are not laid out the way a workbook's are",
        ))
    })
}

/// Walks the records of an `.xlsb` file's binary parts; an archive that cannot be opened
/// is left to calamine to report.
fn check_records(bytes: &[u8], shown: &str) -> Result<(), Failure> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let targets: Vec<(String, String)> = related(&mut archive, "xl/_rels/workbook.bin.rels")
        .into_iter()
        .map(|(id, _, target)| (id, target))
        .collect();
    records::check(&mut archive, &targets).map_err(|cut| {
        damaged_file(
            &format!("{shown}, part {}", printable(&cut.part)),
            &"a record in it runs past the end of its part",
        )
    })
}

/// The failure of an `.xls` file whose workbook stream holds `problem`.
fn biff_failure(shown: &str, problem: biff::Problem) -> Failure {
    let sheet = |name: &str| format!("{shown}, sheet \"{}\"", printable(name));
    match problem {
        biff::Problem::Dimensions(name) => damaged_file(
            &sheet(&name),
            &"the sheet claims more rows or columns than a sheet of its kind has",
        ),
        biff::Problem::Sheets => damaged_file(shown, &"its sheets overlap one another"),
        biff::Problem::Cells {
            sheet: name,
            rows,
            columns,
        } => Failure::Input(format!(
            "{}: error: the filled cells of this sheet span {} rows and {} columns, which with \
             the sheets before it come to more than {} cells, and an import reads every sheet \
             of an .xls file\n  = help: delete what stands far below or right of the offers, \
             or save the offers in a workbook of their own, or as \"CSV UTF-8\"",
            sheet(&name),
            table::thousands(rows as usize),
            table::thousands(columns as usize),
            table::thousands(biff::MAX_CELLS as usize)
        )),
    }
}

/// The failure of a file that is damaged, or not a workbook, for the reason `why`; `at`
/// names the file, and the part of it to blame if there is one.
fn damaged_file(at: &str, why: &dyn std::fmt::Display) -> Failure {
    Failure::Input(format!(
        "{at}: error: this file is damaged, or is not a workbook waypost can read: {why}\n  \
         = help: open it in your spreadsheet program and save it again as .xlsx (Excel \
         Workbook); if it will not open, ask whoever sent it for a new copy"
    ))
}

/// [`read`], once the workbook has been looked into.
fn read_checked(
    bytes: Vec<u8>,
    extension: &str,
    shown: &str,
    name: Option<&str>,
) -> Result<Sheet, Failure> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Failure::Input(format!(
            "{shown}: error: the workbook cannot be read: {}\n  = help: save it again from \
             your spreadsheet program as .xlsx, or as \"CSV UTF-8\"",
            printable(&e.to_string())
        ))
    };
    let data = Cursor::new(bytes);
    // calamine's Xlsx and Xlsb read a sheet cell by cell with the same methods but share
    // no trait for it.
    macro_rules! cell_by_cell {
        ($open:expr) => {{
            let mut book = $open.map_err(|e| unreadable(&e))?;
            let chosen = choose(&book.sheet_names(), name, shown)?;
            let mut cells = (book.worksheet_cells_reader(&chosen)).map_err(|e| unreadable(&e))?;
            let next = || {
                cells
                    .next_cell()
                    .map(|c| c.map(|c| (c.get_position(), c.get_value().clone())))
            };
            sparse(Rows::new(shown, &chosen), next, &unreadable)
        }};
    }
    match extension {
        // Cell by cell, so that a far cell does not make calamine build the range up to it.
        "xlsx" | "xlsm" => cell_by_cell!(calamine::Xlsx::new(data)),
        "xlsb" => cell_by_cell!(calamine::Xlsb::new(data)),
        "ods" => {
            let mut book = calamine::Ods::new(data).map_err(|e| unreadable(&e))?;
            let chosen = choose(&book.sheet_names(), name, shown)?;
            let range = book.worksheet_range(&chosen).map_err(|e| unreadable(&e))?;
            from_range(&range, shown, &chosen)
        }
        _ => {
            let mut book = calamine::Xls::new(data).map_err(|e| unreadable(&e))?;
            let chosen = choose(&book.sheet_names(), name, shown)?;
            let range = book.worksheet_range(&chosen).map_err(|e| unreadable(&e))?;
            from_range(&range, shown, &chosen)
        }
    }
}

/// Puts the cells `next` gives, one at a time, into `rows`.
fn sparse<V, E: std::fmt::Display>(
    mut rows: Rows,
    mut next: impl FnMut() -> Result<Option<((u32, u32), V)>, E>,
    unreadable: &dyn Fn(&dyn std::fmt::Display) -> Failure,
) -> Result<Sheet, Failure>
where
    Data: From<V>,
{
    while let Some(((row, column), value)) = next().map_err(|e| unreadable(&e))? {
        rows.put(row, column, &Data::from(value))?;
    }
    rows.finish()
}

/// The sheet asked for: by its name, exactly or in any case; else the first.
fn choose(names: &[String], name: Option<&str>, shown: &str) -> Result<String, Failure> {
    let chosen = match name {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "{shown} has no sheet \"{}\"; its sheets are: {}",
                    printable(wanted),
                    printable(&names.join(", "))
                ))
            })?,
        None => names
            .first()
            .ok_or_else(|| Failure::Input(format!("{shown}: error: the workbook has no sheets")))?,
    };
    Ok(chosen.clone())
}

/// A sheet's rows as its cells arrive, each checked against the limits first.
struct Rows<'a> {
    shown: &'a str,
    sheet: &'a str,
    rows: Vec<Vec<String>>,
    /// Cells holding a spreadsheet error, which are all reported.
    errors: Vec<CellProblem>,
}

impl<'a> Rows<'a> {
    fn new(shown: &'a str, sheet: &'a str) -> Rows<'a> {
        Rows {
            shown,
            sheet,
            rows: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Keeps a cell at `row` and `column` (from 0); blank cells are not kept.
    fn put(&mut self, row: u32, column: u32, cell: &Data) -> Result<(), Failure> {
        let (row, column) = (row as usize, column as usize);
        let text = match cell {
            Data::Empty => return Ok(()),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Int(i) => i.to_string(),
            // Spreadsheets store every number as a decimal: a level of 3 arrives as 3.0.
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(d) => d.to_string(),
            Data::Error(e) => {
                // Past the limits an error is not worth keeping either.
                table::check_cell(row, column, "#").map_err(|p| self.fail(p))?;
                self.errors.push(CellProblem {
                    row: Some(row + 1),
                    column: Some(column),
                    header: None,
                    message: format!("the cell holds the spreadsheet error {e}"),
                    help: None,
                });
                return Ok(());
            }
        };
        table::check_cell(row, column, &text).map_err(|p| self.fail(p))?;
        if text.trim().is_empty() {
            return Ok(());
        }
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
        Ok(())
    }

    fn fail(&self, problem: CellProblem) -> Failure {
        self.fail_all(vec![problem])
    }

    fn fail_all(&self, problems: Vec<CellProblem>) -> Failure {
        Failure::Input(
            ImportError {
                file: self.shown.to_string(),
                sheet: Some(self.sheet.to_string()),
                problems,
            }
            .to_string(),
        )
    }

    fn finish(self) -> Result<Sheet, Failure> {
        if !self.errors.is_empty() {
            return Err(self.fail_all(self.errors.clone()));
        }
        Ok(Sheet {
            file: self.shown.to_string(),
            name: Some(self.sheet.to_string()),
            rows: self.rows,
        })
    }
}

/// The cells of a range that calamine built whole, numbered from the sheet's corner, not
/// from its first used cell, so that messages name the cells a person sees.
fn from_range(range: &calamine::Range<Data>, shown: &str, sheet: &str) -> Result<Sheet, Failure> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Rows::new(shown, sheet);
    for (r, cells) in range.rows().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            rows.put(top + r as u32, left + c as u32, cell)?;
        }
    }
    rows.finish()
}

/// Why a part was refused, found while it was unpacked.
#[derive(Debug, Clone)]
enum Refusal {
    /// It unpacks to more than [`MAX_PART`] bytes.
    Part,
    /// It and the parts before it unpack to more than [`MAX_UNPACKED`] bytes.
    Workbook,
    /// It holds a text or tag longer than [`MAX_RUN`] bytes.
    Run,
}

/// A part being unpacked, counted as it goes: it fails, and says why, once the part
/// passes [`MAX_PART`] bytes, or what is left of [`MAX_UNPACKED`], or (for XML) a run of
/// [`MAX_RUN`] bytes without a tag.
struct Guard<R> {
    inner: R,
    xml: bool,
    /// What is left of [`MAX_UNPACKED`] when the part starts.
    left: u64,
    total: u64,
    run: usize,
    refused: Option<Refusal>,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.total += n as u64;
        if self.total > MAX_PART {
            self.refused = Some(Refusal::Part);
        } else if self.total > self.left {
            self.refused = Some(Refusal::Workbook);
        } else if self.xml {
            for &b in &buf[..n] {
                self.run = if matches!(b, b'<' | b'>') {
                    0
                } else {
                    self.run + 1
                };
                if self.run > MAX_RUN {
                    self.refused = Some(Refusal::Run);
                    break;
                }
            }
        }
        match self.refused {
            Some(_) => Err(io::Error::other("over a limit")),
            None => Ok(n),
        }
    }
}

/// What the look into a workbook found wrong, and where.
struct Finding {
    /// The sheet, when the part is one.
    sheet: Option<String>,
    /// The row and column (from 0), when a cell is to blame.
    cell: Option<(u64, Option<u64>)>,
    message: String,
    help: String,
}

/// Looks into every part of a zip workbook before calamine reads it.
fn inspect(bytes: &[u8], shown: &str) -> Result<(), Failure> {
    // An archive that zip cannot open is calamine's to report.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let size_help = "a sheet of offers is far smaller: save the offers again from your \
                     spreadsheet program, in a workbook of their own, or as \"CSV UTF-8\"";
    if archive.len() > MAX_PARTS {
        return Err(Failure::Input(format!(
            "{shown}: error: the workbook holds {} parts, but an import reads workbooks of at \
             most {} parts\n  = help: {size_help}",
            table::thousands(archive.len()),
            table::thousands(MAX_PARTS)
        )));
    }
    let too_large = || {
        Failure::Input(format!(
            "{shown}: error: the parts of this workbook unpack to more than {} MiB together, \
             but an import unpacks at most that much of a workbook\n  = help: {size_help}",
            MAX_UNPACKED / (1024 * 1024)
        ))
    };
    let sheets = sheet_names(&mut archive);
    let mut unpacked = 0_u64;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index(i) else {
            continue;
        };
        let path = part.name().to_string();
        let sheet = sheets.get(&path).cloned();
        let refuse = |finding: Finding| {
            let mut at = shown.to_string();
            if let Some(sheet) = finding.sheet.or_else(|| sheet.clone()) {
                at.push_str(&format!(", sheet \"{}\"", printable(&sheet)));
            } else {
                at.push_str(&format!(", part {}", printable(&path)));
            }
            if let Some((row, column)) = finding.cell {
                at.push_str(&format!(", row {}", row + 1));
                if let Some(column) = column {
                    let letters = usize::try_from(column)
                        .map_or_else(|_| column.to_string(), table::column_letters);
                    at.push_str(&format!(", column {letters}"));
                }
            }
            Failure::Input(format!(
                "{at}: error: {}\n  = help: {}",
                finding.message, finding.help
            ))
        };
        if part.size() > MAX_PART {
            return Err(refuse(Finding {
                sheet: None,
                cell: None,
                message: format!(
                    "this part of the workbook unpacks to {} MiB, but an import unpacks at most \
                     {} MiB of each",
                    part.size() / (1024 * 1024),
                    MAX_PART / (1024 * 1024)
                ),
                help: size_help.to_string(),
            }));
        }
        if unpacked + part.size() > MAX_UNPACKED {
            return Err(too_large());
        }
        let lower = path.to_ascii_lowercase();
        let xml = lower.ends_with(".xml") || lower.ends_with(".rels");
        let mut guard = Guard {
            inner: part,
            xml,
            left: MAX_UNPACKED - unpacked,
            total: 0,
            run: 0,
            refused: None,
        };
        let found = if lower == "content.xml" {
            scan(&mut guard, &mut Ods::default())
        } else if lower.starts_with("xl/worksheets/") && xml {
            scan(&mut guard, &mut Worksheet)
        } else if lower == "xl/sharedstrings.xml" {
            scan(&mut guard, &mut SharedStrings::default())
        } else {
            io::copy(&mut guard, &mut io::sink())
                .map(|_| None)
                .map_err(|_| ())
        };
        unpacked += guard.total;
        let finding = match (found, guard.refused) {
            (_, Some(Refusal::Workbook)) => return Err(too_large()),
            (_, Some(Refusal::Part)) => Some(Finding {
                sheet: None,
                cell: None,
                message: format!(
                    "this part of the workbook unpacks to more than {} MiB, but an import \
                     unpacks at most that much of each",
                    MAX_PART / (1024 * 1024)
                ),
                help: size_help.to_string(),
            }),
            (_, Some(Refusal::Run)) => Some(Finding {
                sheet: None,
                cell: None,
                message: format!(
                    "this part of the workbook holds a text of more than {} KiB without a \
                     break, but a cell may hold at most {} characters",
                    MAX_RUN / 1024,
                    table::thousands(table::MAX_CELL)
                ),
                help: size_help.to_string(),
            }),
            (Ok(finding), None) => finding,
            // What calamine cannot read, it reports in its own words.
            (Err(()), None) => None,
        };
        if let Some(finding) = finding {
            return Err(refuse(finding));
        }
    }
    Ok(())
}

/// What a part's XML is looked into for.
trait Scan {
    /// Looks at one element's start; a finding stops the scan.
    fn start(&mut self, element: &BytesStart, empty: bool) -> Option<Finding>;
    /// Looks at one element's end.
    fn end(&mut self, _name: &[u8]) -> Option<Finding> {
        None
    }
    /// Looks at the whole part, once read.
    fn finish(&mut self) -> Option<Finding> {
        None
    }
}

/// Reads a part's XML event by event; `Err` when it is not XML that can be read.
fn scan<R: Read>(part: &mut R, scan: &mut dyn Scan) -> Result<Option<Finding>, ()> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let found = match reader.read_event_into(&mut buf).map_err(|_| ())? {
            Event::Start(e) => scan.start(&e, false),
            Event::Empty(e) => scan.start(&e, true),
            Event::End(e) => scan.end(e.local_name().as_ref()),
            Event::Eof => return Ok(scan.finish()),
            _ => None,
        };
        if found.is_some() {
            return Ok(found);
        }
    }
}

/// An attribute's value by its name, with its prefix (`table:name`) or without.
fn attribute(element: &BytesStart, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name || a.key.local_name().as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A cell reference such as `B7` as a zero-based row and column, if it names a cell that a
/// spreadsheet has (`A1` to `XFD1048576`).
fn cell_reference(reference: &str) -> Option<(u64, u64)> {
    let digits_at = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(digits_at);
    let letters = letters.trim_start_matches('$');
    let letters = letters.strip_suffix('$').unwrap_or(letters);
    if letters.is_empty() || letters.len() > 3 || digits.len() > 7 {
        return None;
    }
    let mut column = 0_u64;
    for c in letters.chars() {
        if !c.is_ascii_uppercase() {
            return None;
        }
        column = column * 26 + u64::from(c as u8 - b'A') + 1;
    }
    let row: u64 = digits.parse().ok()?;
    ((1..=SHEET_ROWS).contains(&row) && column <= SHEET_COLUMNS).then(|| (row - 1, column - 1))
}

/// The problem of a reference that names no cell, which would otherwise make calamine
/// compute with it.
fn not_a_cell(what: &str, reference: &str) -> Finding {
    damaged(format!(
        "the {what} \"{}\" is not a cell of a spreadsheet, which run from A1 to XFD1048576",
        printable(&cut(reference))
    ))
}

/// A finding that the workbook itself is damaged, whatever its sheets hold.
fn damaged(message: String) -> Finding {
    Finding {
        sheet: None,
        cell: None,
        message,
        help: "the file is damaged or was not written by a spreadsheet program: save the \
               offers again from one"
            .to_string(),
    }
}

/// A quoted text cut to a message's width.
fn cut(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// An `.xlsx` sheet: every cell, row and range it names must be one a spreadsheet has,
/// since calamine computes with them unchecked.
struct Worksheet;

impl Scan for Worksheet {
    fn start(&mut self, element: &BytesStart, _empty: bool) -> Option<Finding> {
        match element.local_name().as_ref() {
            b"c" => {
                let reference = attribute(element, b"r")?;
                cell_reference(&reference)
                    .is_none()
                    .then(|| not_a_cell("cell reference", &reference))
            }
            b"row" => {
                let number = attribute(element, b"r")?;
                let fine = (number.len() <= 7)
                    .then(|| number.parse::<u64>().ok())
                    .flatten()
                    .is_some_and(|n| (1..=SHEET_ROWS).contains(&n));
                (!fine).then(|| not_a_cell("row number", &number))
            }
            b"dimension" => {
                let range = attribute(element, b"ref")?;
                let fine = range.split(':').all(|r| cell_reference(r).is_some());
                (!fine).then(|| not_a_cell("range", &range))
            }
            _ => None,
        }
    }
}

/// An `.xlsx` file's shared texts: calamine makes room for as many as the file says there
/// are before it reads them, so the count said must not exceed the count there is.
#[derive(Default)]
struct SharedStrings {
    said: Option<u64>,
    counted: u64,
}

impl Scan for SharedStrings {
    fn start(&mut self, element: &BytesStart, _empty: bool) -> Option<Finding> {
        match element.local_name().as_ref() {
            b"sst" => {
                let said = attribute(element, b"uniqueCount")?;
                match said.trim().parse::<u64>() {
                    Ok(n) => self.said = Some(n),
                    Err(_) => return Some(not_a_count(&said)),
                }
            }
            b"si" => self.counted += 1,
            _ => {}
        }
        None
    }

    fn finish(&mut self) -> Option<Finding> {
        // Writers may count loosely; what matters is that the room made stays small.
        let said = self.said?;
        (said > self.counted.max(65_536)).then(|| not_a_count(&said.to_string()))
    }
}

fn not_a_count(said: &str) -> Finding {
    damaged(format!(
        "the workbook says it holds {} different texts, far more than it does",
        printable(&cut(said))
    ))
}

/// The most cells calamine may build for an `.ods` file, over all its sheets: as many as
/// one sheet within the limits has.
const MAX_ODS_CELLS: u64 = (table::MAX_ROWS * table::MAX_COLUMNS) as u64;

/// An `.ods` file's sheets, all in one part: calamine builds every sheet, and repeats each
/// row and cell as often as the file says, so no sheet may fill a cell beyond the limits
/// once the repeats are counted, and all of them together may make only so many cells.
#[derive(Default)]
struct Ods {
    sheet: Option<String>,
    /// The next row, counted from 0, and how often the row being read repeats.
    row: u64,
    repeats: u64,
    /// The next column in the row being read, counted from 0.
    column: u64,
    /// Whether the row being read holds a value.
    filled: bool,
    /// Blank cells not yet made: calamine makes them when another cell follows.
    blank: u64,
    /// The cells calamine makes while it reads the file, one sheet after another.
    made: u64,
    /// The rows and columns that the sheet being read fills, first and last.
    rows: Option<(u64, u64)>,
    columns: Option<(u64, u64)>,
    /// The cells of the sheets read so far, each as large as what it fills.
    kept: u64,
}

/// The problem of a repeat count that is not a number.
fn not_a_repeat(n: &str) -> Finding {
    Finding {
        sheet: None,
        cell: None,
        message: format!(
            "the repeat count \"{}\" is not a number",
            printable(&cut(n))
        ),
        help: "the file is damaged: save the offers again from your spreadsheet program"
            .to_string(),
    }
}

impl Ods {
    fn repeat(element: &BytesStart, name: &[u8]) -> Result<u64, Finding> {
        match attribute(element, name) {
            None => Ok(1),
            Some(n) => n.trim().parse::<u64>().map_err(|_| not_a_repeat(&n)),
        }
    }

    /// The problem of a value beyond the limits at the given row and column (from 0).
    fn beyond(&self, row: u64, column: Option<u64>) -> Finding {
        Finding {
            sheet: self.sheet.clone(),
            cell: Some((row, column)),
            message: format!(
                "this sheet holds a cell here, once its repeated rows and cells are counted, \
                 but an import reads at most {} rows and {} columns (to column {}), and it \
                 reads every sheet of an .ods file",
                table::thousands(table::MAX_ROWS),
                table::MAX_COLUMNS,
                table::column_letters(table::MAX_COLUMNS - 1)
            ),
            help: "delete what stands below or right of the offers, or save the offers in a \
                   workbook of their own, or as \"CSV UTF-8\""
                .to_string(),
        }
    }

    /// The problem of too many cells over all sheets.
    fn too_many(&self) -> Finding {
        Finding {
            sheet: self.sheet.clone(),
            cell: None,
            message: format!(
                "the sheets of this .ods file make more than {} cells once their repeated rows \
                 and cells are counted, which is more than an import reads",
                table::thousands(MAX_ODS_CELLS as usize)
            ),
            help: "save the offers in a workbook of their own, or as \"CSV UTF-8\"".to_string(),
        }
    }

    /// A cell starts at the current column, repeated `repeats` times; `valued` when it
    /// may hold a value (calamine keeps those, and the blank ones before them).
    fn cell(&mut self, repeats: u64, valued: bool) -> Option<Finding> {
        if self.column >= table::MAX_COLUMNS as u64 {
            return Some(self.beyond(self.row, Some(self.column)));
        }
        self.made = self.made.saturating_add(self.blank);
        self.blank = 0;
        let last = self.column.saturating_add(repeats);
        if valued {
            if last > table::MAX_COLUMNS as u64 || self.row >= table::MAX_ROWS as u64 {
                let column = last.saturating_sub(1).min(SHEET_COLUMNS);
                return Some(self.beyond(self.row, Some(column)));
            }
            self.made = self.made.saturating_add(repeats);
            self.filled = true;
            let (first, end) = self.columns.unwrap_or((self.column, last));
            self.columns = Some((first.min(self.column), end.max(last)));
        } else {
            self.blank = repeats;
        }
        self.column = last;
        (self.made > MAX_ODS_CELLS).then(|| self.too_many())
    }
}

impl Scan for Ods {
    fn start(&mut self, element: &BytesStart, empty: bool) -> Option<Finding> {
        match element.name().as_ref() {
            b"table:table" => {
                self.sheet = attribute(element, b"name");
                self.row = 0;
                self.rows = None;
                self.columns = None;
            }
            b"table:table-row" => {
                self.repeats = match Ods::repeat(element, b"table:number-rows-repeated") {
                    Ok(n) => n,
                    Err(finding) => return Some(finding),
                };
                self.column = 0;
                self.blank = 0;
                self.filled = false;
                if empty {
                    return self.end(b"table-row");
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let repeats = match Ods::repeat(element, b"table:number-columns-repeated") {
                    Ok(n) => n,
                    Err(finding) => return Some(finding),
                };
                // A cell with content may hold a value even without a type: counted as one.
                let valued = !empty
                    || (element.attributes().flatten())
                        .any(|a| a.key.as_ref() == b"office:value-type");
                return self.cell(repeats, valued);
            }
            _ => {}
        }
        None
    }

    fn end(&mut self, name: &[u8]) -> Option<Finding> {
        match name {
            b"table-row" => {
                let last = self.row.saturating_add(self.repeats);
                if self.filled {
                    if last > table::MAX_ROWS as u64 {
                        return Some(self.beyond(last - 1, None));
                    }
                    let (first, _) = self.rows.unwrap_or((self.row, last));
                    self.rows = Some((first, last));
                }
                self.row = last;
            }
            b"table" => {
                // calamine keeps the sheet as a block from its first filled cell to its last.
                if let (Some((top, bottom)), Some((left, right))) = (self.rows, self.columns) {
                    let area = (bottom - top).saturating_mul(right - left);
                    self.kept = self.kept.saturating_add(area);
                    if self.kept > MAX_ODS_CELLS {
                        return Some(self.too_many());
                    }
                }
            }
            _ => {}
        }
        None
    }
}

/// The sheet each worksheet part of an `.xlsx` file holds, by the part's path: messages
/// name sheets, not parts.
fn sheet_names<R: Read + io::Seek>(archive: &mut zip::ZipArchive<R>) -> HashMap<String, String> {
    let sheets = related(archive, "xl/workbook.xml");
    let targets: HashMap<String, String> = (related(archive, "xl/_rels/workbook.xml.rels")
        .into_iter())
    .map(|(id, _, target)| {
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        (id, path)
    })
    .collect();
    (sheets.into_iter())
        .filter_map(|(id, name, _)| Some((targets.get(&id)?.clone(), name)))
        .collect()
}

/// The sheets (id and name) and relationships (id and target) that the XML part at `path`
/// lists, each as (id, name, target); none when there is no such part.
fn related<R: Read + io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    path: &str,
) -> Vec<(String, String, String)> {
    let Ok(part) = archive.by_name(path) else {
        return Vec::new();
    };
    // Small parts, so a limit on what is kept is enough.
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part.take(MAX_RUN as u64 * 16)));
    let mut found = Vec::new();
    let mut buf = Vec::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let get = |n: &[u8]| attribute(&e, n).unwrap_or_default();
                match e.local_name().as_ref() {
                    b"sheet" => found.push((get(b"id"), get(b"name"), String::new())),
                    b"Relationship" => found.push((get(b"Id"), String::new(), get(b"Target"))),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    found
}
