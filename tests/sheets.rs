//! `waypost import` and `waypost export` as a user runs them: CSV files and workbooks in,
//! roadmap files out, and every problem at its row, column and sheet.
#![cfg(feature = "cli")]

mod support;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;
use support::cli::{names, scratch, stderr, stdout, waypost, waypost_within};
use support::compound::{self, compound, directory_entry, get32, put32, set_next};
use waypost::model::{self, Roadmap};

fn parse(path: &Path) -> Roadmap {
    let text = fs::read_to_string(path).unwrap();
    let mut roadmap = model::parse("x.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    if let Some(layout) = &mut roadmap.layout {
        layout.span = 0..0;
    }
    for offer in roadmap.stages.iter_mut().flat_map(|s| &mut s.offers) {
        if let Some(until) = &mut offer.until {
            until.span = 0..0;
        }
    }
    roadmap
}

#[test]
fn every_example_comes_back_from_a_csv_export() {
    let dir = scratch("sheets-round-trip");
    let d = dir.to_str().unwrap();
    for example in support::toml_files("examples") {
        let e = example.to_str().unwrap();
        let out = waypost(&["export", e, "--csv", "-o", d]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let stem = example.file_stem().unwrap().to_str().unwrap();
        let csv = dir.join(format!("{stem}.csv"));
        let back = dir.join("back");
        let out = waypost(&[
            "import",
            csv.to_str().unwrap(),
            "--base",
            e,
            "-o",
            back.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            parse(&back.join(format!("{stem}.toml"))) == parse(&example),
            "{stem} changed on its way through CSV"
        );
    }
}

#[test]
fn a_mistake_in_a_cell_gets_the_words_of_the_same_mistake_in_a_roadmap() {
    let dir = scratch("sheets-wording");
    let csv = dir.join("offers.csv");
    fs::write(
        &csv,
        "Stage;Title;Provider;URL;Cost;Price\n\
         Induction;Guide;NHS England;https://example.org/guide;free;\n\
         Induction;Course;A college;https://example.org/course;paid;£150\n",
    )
    .unwrap();
    let out = waypost(&["import", csv.to_str().unwrap(), "-o", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let from_sheet = stderr(&out);
    let toml = dir.join("same.toml");
    fs::write(
        &toml,
        "title = \"R\"\n[[stage]]\ntitle = \"Induction\"\n[[stage.offer]]\ntitle = \"Course\"\n\
         provider = \"A college\"\nurl = \"https://example.org/course\"\ncost = \"paid\"\n",
    )
    .unwrap();
    let from_file = stderr(&waypost(&["check", toml.to_str().unwrap()]));
    let words = |text: &str| -> String {
        let line = text
            .lines()
            .find(|l| l.contains("error:"))
            .unwrap_or("")
            .to_string();
        line[line.find("error:").unwrap_or(0)..].to_string()
    };
    assert_eq!(
        words(&from_sheet),
        words(&from_file),
        "{from_sheet}\n{from_file}"
    );
    assert!(
        from_sheet.starts_with(&format!(
            "{}, row 3, column E (Cost): error:",
            csv.display()
        )),
        "{from_sheet}"
    );
    assert_eq!(names(&dir), ["offers.csv", "same.toml"], "nothing written");
}

#[test]
fn import_never_writes_over_a_file_unless_forced() {
    let dir = scratch("sheets-force");
    let csv = dir.join("offers.csv");
    fs::write(
        &csv,
        "stage,title,provider,url,cost\nStart,Guide,NHS,https://example.org,free\n",
    )
    .unwrap();
    fs::write(dir.join("offers.toml"), "mine").unwrap();
    let args = ["import", csv.to_str().unwrap(), "-o", dir.to_str().unwrap()];
    let out = waypost(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(dir.join("offers.toml")).unwrap(), "mine");
    let out = waypost(&[&args[..], &["--force"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("offers.toml"));
    parse(&dir.join("offers.toml"));
}

#[test]
fn a_csv_in_another_encoding_is_refused_with_a_way_out() {
    let dir = scratch("sheets-latin1");
    let csv = dir.join("offers.csv");
    // "£150" in Windows-1252, as Excel's plain "CSV" writes it.
    fs::write(
        &csv,
        b"stage,title,provider,url,cost,price\nA,B,C,https://example.org,chargeable,\xa3150\n",
    )
    .unwrap();
    let out = waypost(&["import", csv.to_str().unwrap(), "-o", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("CSV UTF-8"), "{}", stderr(&out));
}

/// A workbook with a first sheet of notes and a sheet "Offers" whose table starts at B2.
fn workbook(path: &Path, offers: &[&[&str]]) {
    let cell = |row: usize, col: usize, value: &str| {
        let r = format!("{}{}", waypost::table::column_letters(col), row + 1);
        match value.parse::<f64>() {
            Ok(n) => format!("<c r=\"{r}\"><v>{n}</v></c>"),
            Err(_) if value.starts_with('#') => format!("<c r=\"{r}\" t=\"e\"><v>{value}</v></c>"),
            Err(_) => format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{value}</t></is></c>"),
        }
    };
    let sheet = |rows: &[&[&str]], top: usize, left: usize| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
        );
        for (i, row) in rows.iter().enumerate() {
            xml.push_str(&format!("<row r=\"{}\">", top + i + 1));
            for (j, value) in row.iter().enumerate() {
                xml.push_str(&cell(top + i, left + j, value));
            }
            xml.push_str("</row>");
        }
        xml.push_str("</sheetData></worksheet>");
        xml
    };
    let files = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Notes\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Offers\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>".to_string()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/></Relationships>".to_string()),
        ("xl/worksheets/sheet1.xml", sheet(&[&["Offers are on the next sheet"]], 0, 0)),
        ("xl/worksheets/sheet2.xml", sheet(offers, 1, 1)),
    ];
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_named_sheet_of_a_workbook_is_read_with_its_numbers() {
    let dir = scratch("sheets-xlsx");
    let book = dir.join("offers.xlsx");
    workbook(
        &book,
        &[
            &["Stage", "Title", "Provider", "URL", "Cost", "Level", "Tags"],
            &[
                "Start",
                "Guide",
                "NHS",
                "https://example.org/a",
                "free",
                "3",
                "online",
            ],
            &[
                "Later",
                "Course",
                "College",
                "https://example.org/b",
                "chargeable",
                "",
                "",
            ],
        ],
    );
    let b = book.to_str().unwrap();
    let d = dir.to_str().unwrap();
    let out = waypost(&["import", b, "--sheet", "Offers", "-o", d]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let roadmap = parse(&dir.join("offers.toml"));
    let offers: Vec<(&str, &str, Option<u8>)> = (roadmap.stages.iter())
        .flat_map(|s| {
            s.offers
                .iter()
                .map(move |o| (s.title.as_str(), o.title.as_str(), o.level.map(|l| l.get())))
        })
        .collect();
    assert_eq!(
        offers,
        [("Start", "Guide", Some(3)), ("Later", "Course", None)]
    );
    // The first sheet holds no table: its header is reported there.
    let out = waypost(&["import", b, "-o", d, "--force"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{b}, sheet \"Notes\", row 1, column A (Offers are on the next sheet): error: unknown column")),
        "{}",
        stderr(&out)
    );
    let out = waypost(&["import", b, "--sheet", "Missing", "-o", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("its sheets are: Notes, Offers"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_workbook_cell_problem_names_the_sheet_row_and_column() {
    let dir = scratch("sheets-xlsx-bad");
    let book = dir.join("offers.xlsx");
    workbook(
        &book,
        &[
            &["Stage", "Title", "Provider", "URL", "Cost", "Level"],
            &[
                "Start",
                "Guide",
                "NHS",
                "https://example.org/a",
                "free",
                "12",
            ],
            &[
                "Start",
                "Course",
                "College",
                "https://example.org/b",
                "#N/A",
                "",
            ],
        ],
    );
    let b = book.to_str().unwrap();
    let out = waypost(&[
        "import",
        b,
        "--sheet",
        "offers",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{b}, sheet \"Offers\", row 4, column F: error: the cell holds the spreadsheet error #N/A")),
        "{}",
        stderr(&out)
    );
    workbook(
        &book,
        &[
            &["Stage", "Title", "Provider", "URL", "Cost", "Level"],
            &[
                "Start",
                "Guide",
                "NHS",
                "https://example.org/a",
                "free",
                "12",
            ],
        ],
    );
    let out = waypost(&[
        "import",
        b,
        "--sheet",
        "Offers",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(
        stderr(&out).contains(&format!("{b}, sheet \"Offers\", row 3, column G (Level): error: level 12 is not a qualification level\n  = help: accredited levels run from 1 to 8")),
        "{}",
        stderr(&out)
    );
}

/// A CSV is exported to be edited: a second export does not wipe out the edits unless
/// told to, `-o -` prints the same bytes instead, and `--csv` may be left out.
#[test]
fn export_never_writes_over_a_csv_unless_forced() {
    let dir = scratch("sheets-export-force");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sparse.toml");
    let example = example.to_str().unwrap();
    let d = dir.to_str().unwrap();
    let out = waypost(&["export", example, "-o", d]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = dir.join("sparse.csv");
    let exported = fs::read(&csv).unwrap();
    fs::write(&csv, "edited in a spreadsheet").unwrap();
    let out = waypost(&["export", example, "--csv", "-o", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&csv).unwrap(), "edited in a spreadsheet");
    let out = waypost(&["export", example, "--csv", "-o", d, "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fs::read(&csv).unwrap(), exported);
    // To standard output: the file's bytes, and nothing written anywhere.
    let out = support::cli::waypost_in(&dir, &["export", example, "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(out.stdout, exported);
    assert_eq!(names(&dir), ["sparse.csv"]);
}

/// The new edition of a roadmap made with `--base` is named after the roadmap, and keeps
/// the comments at its head, such as the line that points editors to the schema.
#[test]
fn import_with_a_base_is_named_after_it_and_keeps_its_head() {
    let dir = scratch("sheets-base-name");
    let head = "#:schema ./roadmap.schema.json\n# Our training roadmap; the offers come from offers.csv.\n";
    fs::write(
        dir.join("roadmap.toml"),
        format!(
            "{head}\ntitle = \"Our roadmap\"\n# A comment further down is not kept.\n\
             [[stage]]\ntitle = \"Start\"\nsummary = \"Where it begins.\"\n"
        ),
    )
    .unwrap();
    fs::write(
        dir.join("offers.csv"),
        "stage,title,provider,url,cost\nStart,Guide,NHS,https://example.org,free\n",
    )
    .unwrap();
    let out = support::cli::waypost_in(
        &dir,
        &[
            "import",
            "offers.csv",
            "--base",
            "roadmap.toml",
            "-o",
            "new",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(names(&dir.join("new")), ["roadmap.toml"]);
    let text = fs::read_to_string(dir.join("new/roadmap.toml")).unwrap();
    assert!(
        text.starts_with(&format!("{head}\ntitle = \"Our roadmap\"\n")),
        "{text}"
    );
    assert!(!text.contains("further down"), "{text}");
    let roadmap = parse(&dir.join("new/roadmap.toml"));
    assert_eq!(
        roadmap.stages[0].summary.as_deref(),
        Some("Where it begins.")
    );
    assert_eq!(roadmap.stages[0].offers[0].title, "Guide");
}

/// Writes a zip archive of the given parts.
fn archive<C: AsRef<[u8]>>(path: &Path, parts: &[(&str, C)]) {
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content.as_ref()).unwrap();
    }
    zip.finish().unwrap();
}

/// An .xlsx workbook of one sheet "Offers" with the given XML inside its `<worksheet>`.
fn xlsx(path: &Path, sheet: &str) {
    archive(path, &xlsx_parts(sheet));
}

fn xlsx_parts(sheet: &str) -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_string()),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Offers\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string()),
        ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{sheet}</worksheet>")),
    ]
}

/// A header row of the required columns, as .xlsx XML.
const HEADER: &str = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>stage</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>title</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>provider</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>url</t></is></c><c r=\"E1\" t=\"inlineStr\"><is><t>cost</t></is></c></row>";

/// Imports a hostile file, which must fail with exit 1 within seconds, a message naming
/// the sheet and the place, no panic, and nothing written.
fn refused(dir: &Path, file: &Path, expected: &[&str]) {
    let out = waypost_within(
        Duration::from_secs(30),
        &[
            "import",
            file.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
        ],
    );
    let shown = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    for words in expected {
        assert!(shown.contains(words), "{words:?} not in:\n{shown}");
    }
    assert!(
        !shown.contains("panicked") && !shown.contains("RUST_BACKTRACE"),
        "{shown}"
    );
    assert!(shown.len() < 2000, "{} bytes:\n{shown}", shown.len());
    assert!(
        !names(dir).iter().any(|n| n.ends_with(".toml")),
        "nothing written"
    );
}

#[test]
fn a_cell_far_from_the_others_is_refused_without_building_the_range_between() {
    let dir = scratch("sheets-far-cell");
    let book = dir.join("far.xlsx");
    let far = |r: &str| {
        format!(
            "<sheetData>{HEADER}<row r=\"{}\"><c r=\"{r}\"><v>1</v></c></row></sheetData>",
            &r[3..]
        )
    };
    xlsx(&book, &far("XFD1048576"));
    refused(
        &dir,
        &book,
        &["sheet \"Offers\", row 1048576: error: this row is filled, but an import reads at most 20,000 rows"],
    );
    xlsx(&book, &far("XFD6000"));
    refused(
        &dir,
        &book,
        &["sheet \"Offers\", row 6000, column XFD: error: this cell is filled, but an import reads no further right than column BL"],
    );
}

#[test]
fn a_cell_reference_no_spreadsheet_has_is_refused() {
    let dir = scratch("sheets-bad-reference");
    let book = dir.join("bad.xlsx");
    xlsx(
        &book,
        &format!("<sheetData>{HEADER}<row r=\"2\"><c r=\"ZZZZZZZZ99999999999999\"><v>1</v></c></row></sheetData>"),
    );
    refused(&dir, &book, &["sheet \"Offers\": error: the cell reference \"ZZZZZZZZ99999999999999\" is not a cell of a spreadsheet"]);
    xlsx(
        &book,
        &format!("<dimension ref=\"A1:ZZZZZZZZ1\"/><sheetData>{HEADER}</sheetData>"),
    );
    refused(
        &dir,
        &book,
        &["sheet \"Offers\": error: the range \"A1:ZZZZZZZZ1\""],
    );
    let mut parts = xlsx_parts(&format!("<sheetData>{HEADER}</sheetData>"));
    parts.push((
        "xl/sharedStrings.xml",
        "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" uniqueCount=\"4000000000000\"><si><t>a</t></si></sst>".to_string(),
    ));
    archive(&book, &parts);
    refused(&dir, &book, &["part xl/sharedStrings.xml: error: the workbook says it holds 4000000000000 different texts"]);
}

#[test]
fn a_workbook_that_unpacks_to_gigabytes_is_refused_as_it_unpacks() {
    let dir = scratch("sheets-zip-bomb");
    let book = dir.join("bomb.xlsx");
    // Empty elements after the rows, then one enormous cell: each past a limit on its own.
    let filler = "<b/>".repeat(18 * 1024 * 1024);
    xlsx(&book, &format!("<sheetData>{HEADER}{filler}</sheetData>"));
    drop(filler);
    assert!(fs::metadata(&book).unwrap().len() < 1024 * 1024);
    refused(&dir, &book, &["sheet \"Offers\": error: this part of the workbook unpacks to 72 MiB, but an import unpacks at most 64 MiB of each"]);
    let cell = "a".repeat(300 * 1024);
    xlsx(&book, &format!("<sheetData>{HEADER}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{cell}</t></is></c></row></sheetData>"));
    refused(
        &dir,
        &book,
        &["sheet \"Offers\": error: this part of the workbook holds a text of more than 256 KiB"],
    );
    let cell = "a".repeat(40_000);
    xlsx(&book, &format!("<sheetData>{HEADER}<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{cell}</t></is></c></row></sheetData>"));
    refused(&dir, &book, &["sheet \"Offers\", row 2, column A: error: this cell holds 40,000 characters, but a cell may hold at most 32,767"]);
}

/// An .ods file whose one sheet has the given rows.
fn ods(path: &Path, rows: &str) {
    archive(
        path,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet".to_string()),
            ("META-INF/manifest.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>".to_string()),
            ("content.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"Offers\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>")),
        ],
    );
}

fn ods_row(cells: &[&str], repeat: usize) -> String {
    let cells: String = (cells.iter())
        .map(|c| format!("<table:table-cell office:value-type=\"string\"><text:p>{c}</text:p></table:table-cell>"))
        .collect();
    format!("<table:table-row table:number-rows-repeated=\"{repeat}\">{cells}<table:table-cell table:number-columns-repeated=\"1000\"/></table:table-row>")
}

#[test]
fn rows_an_ods_file_repeats_are_counted_before_they_are_made() {
    let dir = scratch("sheets-ods-repeats");
    let book = dir.join("repeats.ods");
    let header = ods_row(&["stage", "title", "provider", "url", "cost"], 1);
    // A sheet of offers that ends the way LibreOffice ends every sheet: with a million
    // blank rows.
    let offer = ods_row(&["Start", "Guide", "NHS", "https://example.org", "free"], 1);
    let blank = "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>";
    ods(&book, &format!("{header}{offer}{blank}"));
    let out = waypost(&[
        "import",
        book.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        parse(&dir.join("repeats.toml")).stages[0].offers[0].title,
        "Guide"
    );
    fs::remove_file(dir.join("repeats.toml")).unwrap();
    let offers = ods_row(
        &["Start", "Guide", "NHS", "https://example.org", "free"],
        1_048_575,
    );
    ods(&book, &format!("{header}{offers}"));
    refused(&dir, &book, &["sheet \"Offers\", row 1048576: error: this sheet holds a cell here, once its repeated rows and cells are counted, but an import reads at most 20,000 rows"]);
    let wide = "<table:table-row><table:table-cell table:number-columns-repeated=\"16000\"/><table:table-cell/></table:table-row>";
    ods(&book, &format!("{header}{}", wide.repeat(3)));
    refused(
        &dir,
        &book,
        &["sheet \"Offers\", row 2, column WQK: error: this sheet holds a cell here"],
    );
}

#[test]
fn a_million_rows_are_refused_at_the_first_row_past_the_limit() {
    let dir = scratch("sheets-million-rows");
    let csv = dir.join("offers.csv");
    let mut text = String::from("stage,title,provider,url,cost\n");
    text.push_str(&"Start,Guide,NHS,https://example.org,free\n".repeat(30_000));
    fs::write(&csv, &text).unwrap();
    refused(&dir, &csv, &["offers.csv, row 20001: error: this row is filled, but an import reads at most 20,000 rows"]);
    // Fewer rows, but more than the other commands would read.
    let mut text = String::from("stage,title,provider,url,cost,description\n");
    let line = format!(
        "Start,Guide,NHS,https://example.org,free,{}\n",
        "words ".repeat(200)
    );
    text.push_str(&line.repeat(1_000));
    fs::write(&csv, &text).unwrap();
    refused(
        &dir,
        &csv,
        &[
            "offers.csv: error: the roadmap would be",
            "KiB, but waypost reads roadmap files of at most 1,024 KiB",
        ],
    );
    // A header of a million unknown columns.
    fs::write(
        &csv,
        format!("stage,title,provider,url,cost{}\n", ",x".repeat(1_000_000)),
    )
    .unwrap();
    refused(&dir, &csv, &["offers.csv, row 1, column BM: error: this cell is filled, but an import reads no further right than column BL"]);
}

/// A cell that a spreadsheet program would run as a formula leaves the export with an
/// apostrophe in front, and comes back from an import without it.
#[test]
fn cells_a_spreadsheet_would_run_are_exported_as_text_and_come_back_exactly() {
    let dir = scratch("sheets-formulas");
    let roadmap = dir.join("formulas.toml");
    let titles = [
        "=HYPERLINK(\"https://evil.example\",\"Click\")",
        "+1 course",
        "-5% off",
        "@home",
        "'=already quoted",
        "'Tis the season",
    ];
    let mut source = String::from("title = \"R\"\n[[stage]]\ntitle = \"=cmd|' /C calc'!A0\"\n");
    for (i, title) in titles.iter().enumerate() {
        source.push_str(&format!(
            "[[stage.offer]]\ntitle = {title:?}\nprovider = \"P\"\nurl = \"https://example.org/{i}\"\ncost = \"free\"\n"
        ));
    }
    fs::write(&roadmap, &source).unwrap();
    let r = roadmap.to_str().unwrap();
    let out = waypost(&["export", r, "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    let mut cells = Vec::new();
    let mut reader =
        csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        cells.push((record[0].to_string(), record[1].to_string()));
    }
    assert_eq!(cells[0].0, "'=cmd|' /C calc'!A0");
    let exported: Vec<&str> = cells.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        exported,
        [
            "'=HYPERLINK(\"https://evil.example\",\"Click\")",
            "'+1 course",
            "'-5% off",
            "'@home",
            "''=already quoted",
            "'Tis the season",
        ]
    );
    let file = dir.join("formulas.csv");
    fs::write(&file, &csv).unwrap();
    let back = dir.join("back");
    let out = waypost(&[
        "import",
        file.to_str().unwrap(),
        "--base",
        r,
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(parse(&back.join("formulas.toml")) == parse(&roadmap));
}

/// Text from a sheet is quoted with its control characters shown by their codes, and a
/// sheet with many problems shows the first of them and counts the rest.
#[test]
fn a_sheet_cannot_write_to_the_terminal_or_flood_it() {
    let dir = scratch("sheets-escape");
    let csv = dir.join("offers.csv");
    let mut text = String::from("stage,title,provider,url,cost,\u{1b}[2J\u{0}bad\n");
    text.push_str(&"Start,Guide,NHS,https://example.org,paid,\n".repeat(30));
    fs::write(&csv, &text).unwrap();
    let out = waypost(&["import", csv.to_str().unwrap(), "-o", dir.to_str().unwrap()]);
    let shown = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(!shown.contains(['\u{1b}', '\u{0}']), "{shown:?}");
    assert!(
        shown.contains("unknown column `<U+001B>[2J<U+0000>bad`"),
        "{shown}"
    );
    fs::write(&csv, text.replace(",\u{1b}[2J\u{0}bad", "")).unwrap();
    let out = waypost(&["import", csv.to_str().unwrap(), "-o", dir.to_str().unwrap()]);
    let shown = stderr(&out);
    assert_eq!(
        shown.matches("error: `cost` is \"paid\"").count(),
        20,
        "{shown}"
    );
    assert!(shown.contains("and 10 more problems like these"), "{shown}");
}

/// A sheet of one offer, as the .xls and .xlsb tests write it.
const ONE_OFFER: &[&[&str]] = &[
    &["stage", "title", "provider", "url", "cost"],
    &["Start", "Guide", "NHS", "https://example.org", "free"],
];

/// An .xls workbook's stream, padded as Excel pads it so that it leaves the mini stream.
fn workbook_stream() -> Vec<u8> {
    let mut stream = compound::biff8("Offers", ONE_OFFER);
    stream.resize(5000, 0);
    stream
}

#[test]
fn an_xls_workbook_is_read_from_its_compound_file() {
    let dir = scratch("sheets-xls");
    let summary = ("\u{5}SummaryInformation", vec![7; 200]);
    let small = compound::biff8("Offers", ONE_OFFER);
    assert!(small.len() < 4096);
    let files = [
        // The workbook in sectors of its own, a small stream in the mini stream.
        (
            "sectors",
            compound(512, &[("Workbook", workbook_stream()), summary.clone()]),
        ),
        // A workbook small enough for the mini stream.
        ("mini", compound(512, &[("Workbook", small.clone())])),
        // Sectors of 4096 bytes, as version 4 files have them.
        (
            "large",
            compound(4096, &[("Workbook", workbook_stream()), summary]),
        ),
    ];
    for (name, bytes) in files {
        let book = dir.join(format!("{name}.xls"));
        fs::write(&book, bytes).unwrap();
        let out = waypost(&[
            "import",
            book.to_str().unwrap(),
            "-o",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let roadmap = parse(&dir.join(format!("{name}.toml")));
        assert_eq!(roadmap.stages[0].offers[0].title, "Guide", "{name}");
    }
}

/// An .xls file damaged in one place by `damage`, from one that imports.
fn damaged_xls(damage: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let summary = ("\u{5}SummaryInformation", vec![7; 200]);
    let mut file = compound(512, &[("Workbook", workbook_stream()), summary]);
    damage(&mut file);
    file
}

#[test]
fn a_damaged_xls_compound_file_is_refused_before_it_is_read() {
    let dir = scratch("sheets-xls-damaged");
    let book = dir.join("damaged.xls");
    // The workbook stream is directory entry 1; its 10 sectors follow one another.
    let workbook = directory_entry(&damaged_xls(|_| {}), 1);
    let first = get32(&damaged_xls(|_| {}), workbook + 116);
    let circle = "a chain of its blocks runs in a circle";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            // A DIFAT sector that names itself as the next: calamine reads it forever.
            "DIFAT loop",
            damaged_xls(|file| {
                let id = (file.len() / 512 - 1) as u32;
                let mut sector = vec![0xFF; 512];
                sector[508..].copy_from_slice(&id.to_le_bytes());
                file.extend(sector);
                put32(file, 68, id);
                put32(file, 72, 1);
                set_next(file, id, compound::DIFSECT);
            }),
            circle,
        ),
        (
            // The workbook's last sector leads back to its first, and it claims 4 GiB:
            // calamine reads round the circle until it holds that much.
            "chain loop",
            damaged_xls(|file| {
                set_next(file, first + 9, first);
                put32(file, workbook + 120, 0xFFFF_FF00);
            }),
            circle,
        ),
        (
            // The directory's sector leads to itself: calamine reads it forever.
            "directory loop",
            damaged_xls(|file| set_next(file, 1, 1)),
            circle,
        ),
        (
            // A FAT of 2^31 sectors, which calamine makes room for: 8 GiB.
            "FAT length",
            damaged_xls(|file| put32(file, 44, 0x8000_0000)),
            "the sizes its header states do not match what it holds",
        ),
        (
            "sector past the end",
            damaged_xls(|file| set_next(file, first, 60_000)),
            "it points to places beyond its own end",
        ),
        (
            // The small stream's chain in the mini FAT (sector 2) leaves the mini stream.
            "mini sector past the end",
            damaged_xls(|file| put32(file, 3 * 512, 500)),
            "it points to places beyond its own end",
        ),
        (
            "shared sector",
            damaged_xls(|file| set_next(file, first, 3)),
            "two of its parts claim the same block",
        ),
        (
            "stream longer than its chain",
            damaged_xls(|file| put32(file, workbook + 120, 20_000)),
            "one of its parts ends before the size it states",
        ),
        (
            // calamine reserves room by a number read across the mini FAT's start and
            // count: a count of 32,768 sectors would make it reserve 8 GiB.
            "mini FAT longer than its stream needs",
            damaged_xls(|file| {
                let id = (file.len() / 512 - 1) as u32;
                file.extend([0xFF; 512]);
                set_next(file, 2, id);
                set_next(file, id, compound::ENDOFCHAIN);
                put32(file, 64, 2);
            }),
            "the sizes its header states do not match what it holds",
        ),
        (
            "sectors of 1024 bytes",
            damaged_xls(|file| file[30] = 10),
            "it does not begin the way a workbook does",
        ),
    ];
    for (name, bytes, words) in cases {
        fs::write(&book, bytes).unwrap();
        let shown = book.display().to_string();
        let expected = format!("{shown}: error: this file is damaged, or is not a workbook waypost can read: {words}\n  = help: open it in your spreadsheet program and save it again as .xlsx");
        eprintln!("{name}");
        refused(&dir, &book, &[&expected]);
    }
}

#[test]
fn an_xls_sheet_whose_cells_lie_far_apart_is_refused_before_the_range_between_is_built() {
    let dir = scratch("sheets-xls-far");
    let book = dir.join("far.xls");
    let shown = book.display().to_string();
    let offers = |cells: Vec<(u16, u16, &'static str)>, dimensions, listed| {
        let mut cells_with_header = vec![(0, 0, "stage")];
        cells_with_header.extend(cells);
        let stream = compound::Biff8 {
            sheet: "Offers",
            cells: cells_with_header,
            dimensions,
            listed,
        }
        .stream();
        compound(512, &[("Workbook", stream)])
    };
    let damaged = format!("{shown}, sheet \"Offers\": error: this file is damaged, or is not a workbook waypost can read: the sheet claims more rows or columns than a sheet of its kind has");
    let cases: Vec<(&str, Vec<u8>, String)> = vec![
        (
            // calamine built the 65,536 by 256 cells between: 1 GB.
            "far corner",
            offers(vec![(65_535, 255, "x")], None, 1),
            format!("{shown}, sheet \"Offers\": error: the filled cells of this sheet span 65,536 rows and 256 columns, which with the sheets before it come to more than 1,280,000 cells"),
        ),
        (
            // A column no sheet of Excel 97 to 2003 has: 2^32 cells, which calamine
            // could not make room for.
            "far column",
            offers(vec![(65_535, 65_535, "x")], None, 1),
            format!("{shown}, sheet \"Offers\": error: the filled cells of this sheet span 65,536 rows and 65,536 columns"),
        ),
        (
            // Two billion rows claimed, which calamine made room for.
            "dimensions",
            offers(
                vec![],
                Some([&0_u32.to_le_bytes()[..], &0x7FFF_FFFF_u32.to_le_bytes(), &[0, 0, 5, 0, 0, 0]].concat()),
                1,
            ),
            damaged.clone(),
        ),
        (
            // Fewer than no rows: calamine's count of rows runs below zero.
            "dimensions upside down",
            offers(
                vec![],
                Some([&9_u32.to_le_bytes()[..], &2_u32.to_le_bytes(), &[0, 0, 5, 0, 0, 0]].concat()),
                1,
            ),
            damaged,
        ),
        (
            // The same sheet listed a hundred times: calamine reads it a hundred times.
            "sheets overlap",
            offers(vec![], None, 100),
            format!("{shown}: error: this file is damaged, or is not a workbook waypost can read: its sheets overlap one another"),
        ),
    ];
    for (name, bytes, expected) in cases {
        eprintln!("{name}");
        fs::write(&book, bytes).unwrap();
        refused(&dir, &book, &[&expected]);
    }
}

/// A record of an .xlsb part: its type and length as .xlsb writes them, then `data`.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = match kind {
        0..0x80 => vec![kind as u8],
        _ => vec![0x80 | (kind & 0x7F) as u8, (kind >> 7) as u8],
    };
    let mut len = data.len();
    loop {
        let low = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(low);
            break;
        }
        out.push(low | 0x80);
    }
    out.extend_from_slice(data);
    out
}

/// A text as .xlsb writes it: its length in UTF-16 units, then the units.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    out.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    out
}

/// The record that lists the sheet "Offers" under the relationship `id`.
fn listed_sheet(id: &str) -> Vec<u8> {
    let data = [
        &[0; 4][..],
        &1_u32.to_le_bytes(),
        &wide(id),
        &wide("Offers"),
    ]
    .concat();
    record(0x9C, &data)
}

/// An .xlsb workbook whose workbook part holds `workbook` and whose one sheet part, the
/// target of relationship `rId1`, holds `sheet`.
fn xlsb(path: &Path, workbook: &[u8], sheet: &[u8]) {
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.bin\"/></Relationships>";
    archive(
        path,
        &[
            ("xl/_rels/workbook.bin.rels", rels.as_bytes()),
            ("xl/workbook.bin", workbook),
            ("xl/worksheets/sheet1.bin", sheet),
        ],
    );
}

/// A sheet part of `rows` of text, each cell a record of its own.
fn xlsb_sheet(rows: &[&[&str]]) -> Vec<u8> {
    let mut sheet = [record(0x81, &[]), record(0x94, &[0; 16]), record(0x91, &[])].concat();
    for (r, row) in rows.iter().enumerate() {
        sheet.extend(record(
            0x00,
            &[&(r as u32).to_le_bytes()[..], &[0; 8]].concat(),
        ));
        for (c, text) in row.iter().enumerate() {
            let data = [&(c as u32).to_le_bytes()[..], &[0; 4], &wide(text)].concat();
            sheet.extend(record(0x06, &data));
        }
    }
    sheet.extend(record(0x92, &[]));
    sheet
}

#[test]
fn a_damaged_xlsb_workbook_is_refused_without_a_panic() {
    let dir = scratch("sheets-xlsb");
    let book = dir.join("offers.xlsb");
    let end = [record(0x90, &[]), record(0x9D, &[])].concat();
    let workbook = [listed_sheet("rId1"), end.clone()].concat();
    let sheet = xlsb_sheet(ONE_OFFER);
    xlsb(&book, &workbook, &sheet);
    let out = waypost(&[
        "import",
        book.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        parse(&dir.join("offers.toml")).stages[0].offers[0].title,
        "Guide"
    );
    fs::remove_file(dir.join("offers.toml")).unwrap();

    // A record of a few bytes that states a length of 256 MiB.
    let claims_256_mib = [&[0x99, 0x01, 0xFF, 0xFF, 0xFF, 0x7F][..], &[0; 16]].concat();
    let shared_text_99 = [&0_u32.to_le_bytes()[..], &[0; 4], &99_u32.to_le_bytes()].concat();
    let cases: Vec<(&str, Vec<u8>, Vec<u8>, &str)> = vec![
        // Each of these made calamine panic.
        (
            "empty workbook properties",
            record(0x99, &[]),
            sheet.clone(),
            "",
        ),
        ("empty sheet entry", record(0x9C, &[]), sheet.clone(), ""),
        (
            "unknown relationship",
            [listed_sheet("rId9"), end.clone()].concat(),
            sheet.clone(),
            "",
        ),
        (
            "short dimensions",
            workbook.clone(),
            [record(0x81, &[]), record(0x94, &[0; 2])].concat(),
            "",
        ),
        (
            "shared text that is not there",
            workbook.clone(),
            [
                record(0x81, &[]),
                record(0x94, &[0; 16]),
                record(0x91, &[]),
                record(0x07, &shared_text_99),
            ]
            .concat(),
            "",
        ),
        // These made calamine take 256 MiB before it found the part too short.
        (
            "huge record in the workbook",
            claims_256_mib.clone(),
            sheet.clone(),
            "xl/workbook.bin",
        ),
        (
            "huge record in a sheet",
            workbook.clone(),
            [&sheet[..], &claims_256_mib].concat(),
            "xl/worksheets/sheet1.bin",
        ),
    ];
    let shown = book.display().to_string();
    for (name, workbook, sheet, part) in cases {
        eprintln!("{name}");
        xlsb(&book, &workbook, &sheet);
        let (at, why) = match part {
            "" => (
                shown.clone(),
                "its contents are not laid out the way a workbook's are",
            ),
            part => (
                format!("{shown}, part {part}"),
                "a record in it runs past the end of its part",
            ),
        };
        refused(
            &dir,
            &book,
            &[&format!("{at}: error: this file is damaged, or is not a workbook waypost can read: {why}\n  = help: open it in your spreadsheet program and save it again as .xlsx")],
        );
    }
}

#[test]
fn an_xlsb_workbook_is_unpacked_within_the_limits_of_any_workbook() {
    let dir = scratch("sheets-xlsb-unpacked");
    let book = dir.join("offers.xlsb");
    let zeros = vec![0_u8; 1024 * 1024];
    let write = |parts: &[(&str, usize)]| {
        let mut zip = zip::ZipWriter::new(fs::File::create(&book).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, mib) in parts {
            zip.start_file(*name, options).unwrap();
            for _ in 0..*mib {
                zip.write_all(&zeros).unwrap();
            }
        }
        zip.finish().unwrap();
    };
    write(&[("xl/worksheets/sheet1.bin", 65)]);
    refused(
        &dir,
        &book,
        &["offers.xlsb, part xl/worksheets/sheet1.bin: error: this part of the workbook unpacks to 65 MiB, but an import unpacks at most 64 MiB of each"],
    );
    // Five parts of 60 MiB, each within the limit: 300 MiB to unpack in all.
    let names = ["xl/a.bin", "xl/b.bin", "xl/c.bin", "xl/d.bin", "xl/e.bin"];
    write(&names.map(|name| (name, 60)));
    assert!(fs::metadata(&book).unwrap().len() < 2 * 1024 * 1024);
    refused(
        &dir,
        &book,
        &["offers.xlsb: error: the parts of this workbook unpack to more than 256 MiB together, but an import unpacks at most that much of a workbook"],
    );
    let names: Vec<String> = (0..10_001).map(|i| format!("xl/{i}.bin")).collect();
    let parts: Vec<(&str, usize)> = names.iter().map(|n| (n.as_str(), 0)).collect();
    write(&parts);
    refused(
        &dir,
        &book,
        &["offers.xlsb: error: the workbook holds 10,001 parts, but an import reads workbooks of at most 10,000 parts"],
    );
}

/// The round trip a user makes with a branded roadmap: export its offers, change a cell,
/// import the sheet with the roadmap as the base into another folder, from another
/// working directory, and render it. The logos and fonts the base names come along.
#[test]
fn a_branded_roadmap_comes_back_from_its_sheet_with_its_logos_and_fonts() {
    let dir = scratch("sheets-branded");
    let base = support::root().join("examples/branded/branded.toml");
    let base = base.to_str().unwrap();
    let out = support::cli::waypost_in(&dir, &["export", base, "-o", "sheet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = fs::read_to_string(dir.join("sheet/branded.csv")).unwrap();
    let read = |path: &Path| support::parse_file(path);
    let first = read(&support::root().join("examples/branded/branded.toml"));
    let title = &first.stages[0].offers[0].title;
    assert!(csv.contains(title.as_str()));
    fs::write(
        dir.join("sheet/branded.csv"),
        csv.replacen(title.as_str(), "A title changed in the sheet", 1),
    )
    .unwrap();
    let elsewhere = dir.join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let sheet = dir.join("sheet/branded.csv");
    let args = [
        "import",
        sheet.to_str().unwrap(),
        "--base",
        base,
        "-o",
        "../new",
    ];
    let out = support::cli::waypost_in(&elsewhere, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = support::cli::stdout(&out);
    assert!(said.contains("copied the 5 files"), "{said}");
    let new = dir.join("new/branded.toml");
    let roadmap = read(&new);
    assert_eq!(
        roadmap.stages[0].offers[0].title,
        "A title changed in the sheet"
    );
    assert_eq!(roadmap.logos.len(), first.logos.len());
    assert!(roadmap.fonts.is_some());
    let out = support::cli::waypost_in(
        &elsewhere,
        &[
            "render",
            new.to_str().unwrap(),
            "-o",
            "out",
            "--format",
            "svg",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Again into the same folder: the files there are the same, so nothing is copied.
    let args = [
        "import",
        sheet.to_str().unwrap(),
        "--base",
        base,
        "-o",
        "../new",
        "--force",
    ];
    let out = support::cli::waypost_in(&elsewhere, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!support::cli::stdout(&out).contains("copied"));
    // A different file in the way is never written over.
    fs::write(dir.join("new/logos/network.png"), b"mine").unwrap();
    let out = support::cli::waypost_in(&elsewhere, &args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already exists and is not the file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read(dir.join("new/logos/network.png")).unwrap(),
        b"mine"
    );
}
