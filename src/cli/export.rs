//! `waypost export`: a roadmap's offers as CSV, one row per offer, in the columns that
//! `waypost import` reads.

use super::args::ExportArgs;
use super::diff;
use super::failure::Failure;
use super::files;
use std::io::Write;
use waypost::table::{self, COLUMNS};

/// Writes `DIR/STEM.csv`, never over an existing file without `--force`; or, with
/// `-o -`, the same bytes to standard output.
pub fn run(args: &ExportArgs) -> Result<String, Failure> {
    let roadmap = diff::read(&args.file)?;
    let rows = table::export(&roadmap);
    // A byte-order mark first, so that Excel reads £ and ŵ as UTF-8; import skips it.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut bytes);
        let fail = |e: csv::Error| Failure::Usage(format!("cannot write the CSV: {e}"));
        writer.write_record(COLUMNS).map_err(fail)?;
        for row in &rows {
            writer.write_record(row).map_err(fail)?;
        }
        writer
            .flush()
            .map_err(|e| Failure::Usage(format!("cannot write the CSV: {e}")))?;
    }
    if args.output.as_os_str() == "-" {
        std::io::stdout()
            .write_all(&bytes)
            .and_then(|()| std::io::stdout().flush())
            .map_err(|e| Failure::Usage(format!("cannot write the CSV: {e}")))?;
        return Ok(String::new());
    }
    let path = args.output.join(format!("{}.csv", files::stem(&args.file)));
    // The CSV is there to be edited: a second export must not wipe out those edits.
    if path.exists() && !args.force {
        return Err(Failure::Usage(format!(
            "{} already exists and may hold edits; export writes over it only with --force \
             (or choose another folder with -o, or print the CSV with -o -)",
            path.display()
        )));
    }
    files::write_into(&args.output, &path, &bytes)?;
    Ok(format!("wrote {} ({} offers)", path.display(), rows.len()))
}
