//! `waypost import`: offers from a CSV file or a workbook's sheet into a roadmap file.

mod biff;
mod compound;
mod panics;
mod records;
mod workbook;

use super::args::ImportArgs;
use super::failure::Failure;
use super::files::{self, FileError};
use std::fs;
use std::path::Path;
use waypost::error::printable;
use waypost::model;
use waypost::table::{self, ImportError, Sheet};

/// The largest sheet read, in bytes: a spreadsheet of offers is far smaller.
const MAX_SHEET: u64 = 16 * 1024 * 1024;

/// Reads the sheet, turns it into a roadmap and writes `DIR/STEM.toml`.
pub fn run(args: &ImportArgs) -> Result<String, Failure> {
    let sheet = read_sheet(&args.file, args.sheet.as_deref())?;
    let base = match &args.base {
        Some(path) => {
            let source = files::read_text(path)?;
            let assets = super::assets::read_assets(path, &source);
            let roadmap = model::parse_with(&path.display().to_string(), &source, &assets)?;
            Some((roadmap, source))
        }
        None => None,
    };
    let text = table::import(&sheet, base.as_ref().map(|(roadmap, _)| roadmap))
        .map_err(|e| Failure::Input(e.to_string()))?;
    let text = match &base {
        Some((_, source)) => format!("{}{text}", head_comments(source)),
        None => text,
    };
    // The new edition of a roadmap keeps the roadmap's name, so that it renders to the
    // same files; a roadmap made from the sheet alone is named after the sheet.
    let stem = files::stem(args.base.as_deref().unwrap_or(&args.file));
    let path = args.output.join(format!("{stem}.toml"));
    if path.exists() && !args.force {
        return Err(Failure::Usage(format!(
            "{} already exists; import writes over it only with --force \
             (or choose another folder with -o)",
            path.display()
        )));
    }
    let copied = match &args.base {
        Some(base) => beside(base, &args.output)?,
        None => Vec::new(),
    };
    files::write_into(&args.output, &path, text.as_bytes())?;
    let copied = match copied.len() {
        0 => String::new(),
        n => format!(
            " and copied the {n} files it names (logos, fonts) beside it: {}",
            copied.join(", ")
        ),
    };
    let offers = sheet.rows.len().saturating_sub(1);
    Ok(format!(
        "wrote {} from {} ({} rows){copied}; see the page with: waypost render {}",
        path.display(),
        args.file.display(),
        offers,
        path.display()
    ))
}

/// Copies the files the base roadmap names (logos, fonts) from its folder into `output`,
/// at the same paths, so that the new edition written there finds them: a roadmap names
/// files only inside its own folder. A file already there with the same bytes is left
/// alone; one with other bytes is never written over. Returns the paths copied.
fn beside(base: &Path, output: &Path) -> Result<Vec<String>, Failure> {
    let from = base.parent().filter(|p| !p.as_os_str().is_empty());
    let from = from.unwrap_or(Path::new("."));
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(from, output) {
        return Ok(Vec::new());
    }
    let source = files::read_text(base)?;
    let assets = super::assets::read_assets(base, &source);
    let mut copied = Vec::new();
    for named in model::assets_named(&source) {
        let Some(bytes) = assets.bytes(&named.path) else {
            continue;
        };
        let plain = model::plain_path(&named.path);
        let target = output.join(&plain);
        match fs::read(&target) {
            Ok(there) if there == bytes[..] => continue,
            Ok(_) => {
                return Err(Failure::Usage(format!(
                    "{} already exists and is not the file {} names as {}: nothing was \
                     written; move it away, or import into another folder with -o",
                    target.display(),
                    base.display(),
                    printable(&named.path)
                )))
            }
            Err(_) => {}
        }
        let folder = target.parent().unwrap_or(output);
        files::create_folder(folder)?;
        if !files::write_new(&target, bytes)? {
            return Err(Failure::Usage(format!(
                "cannot copy {} beside the new roadmap: {} appeared meanwhile",
                printable(&named.path),
                target.display()
            )));
        }
        copied.push(plain);
    }
    Ok(copied)
}

/// The comment lines at the head of a roadmap file, before its first line of content,
/// such as the `#:schema` line that editors read: the import writes the rest of the file
/// afresh, but these belong to the file rather than to any key.
fn head_comments(source: &str) -> String {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let head: Vec<&str> = source
        .lines()
        .take_while(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
        .collect();
    let head = head.join("\n");
    match head.trim_end() {
        "" => String::new(),
        comments => format!("{}\n\n", comments.trim_start_matches('\n')),
    }
}

/// The rows of a CSV file, or of a workbook's sheet (the first one unless named).
fn read_sheet(path: &Path, name: Option<&str>) -> Result<Sheet, Failure> {
    let shown = path.display().to_string();
    let size = fs::metadata(path)
        .map_err(|e| Failure::Usage(format!("cannot read {shown}: {e}")))?
        .len();
    if size > MAX_SHEET {
        return Err(Failure::Usage(format!(
            "{shown} is {} MiB; sheets over {} MiB are not read",
            size / (1024 * 1024),
            MAX_SHEET / (1024 * 1024)
        )));
    }
    let extension = (path.extension())
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "tsv" | "txt" => {
            if name.is_some() {
                return Err(Failure::Usage(format!(
                    "{shown} is a CSV file, which has no sheets: leave out --sheet"
                )));
            }
            read_csv(path, &shown)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            let bytes =
                fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {shown}: {e}")))?;
            workbook::read(bytes, &extension, &shown, name)
        }
        _ => Err(Failure::Usage(format!(
            "{shown} is neither a CSV file nor a workbook: import reads .csv, .xlsx, .xls \
             and .ods files"
        ))),
    }
}

fn read_csv(path: &Path, shown: &str) -> Result<Sheet, Failure> {
    let text = files::read_text_upto(path, MAX_SHEET).map_err(|e| match e {
        FileError::NotText(_) => Failure::Input(format!(
            "{shown}: error: the file is not UTF-8 text\n  = help: in Excel, save it with \
             \"Save As\" and the type \"CSV UTF-8\"; in LibreOffice, choose the character \
             set \"Unicode (UTF-8)\""
        )),
        other => Failure::from(other),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    for index in 0.. {
        let more = reader.read_record(&mut record).map_err(|e| {
            Failure::Input(format!(
                "{shown}, row {}: error: this row is not valid CSV: {}",
                index + 1,
                printable(&e.to_string())
            ))
        })?;
        if !more {
            break;
        }
        // Each cell is checked before the row is kept, so that a row of a million cells or
        // a million rows is refused at the first cell past a limit.
        let mut filled = 0;
        for (column, cell) in record.iter().enumerate() {
            table::check_cell(index, column, cell).map_err(|problem| {
                Failure::Input(
                    ImportError {
                        file: shown.to_string(),
                        sheet: None,
                        problems: vec![problem],
                    }
                    .to_string(),
                )
            })?;
            if !cell.trim().is_empty() {
                filled = column + 1;
            }
        }
        if index < table::MAX_ROWS {
            rows.push(record.iter().take(filled).map(str::to_string).collect());
        }
    }
    Ok(Sheet {
        file: shown.to_string(),
        name: None,
        rows,
    })
}

/// The separator of the header line: a comma, or the semicolon or tab some spreadsheet
/// programs write instead.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (count(char::from(d)), d == b','))
        .unwrap_or(b',')
}
