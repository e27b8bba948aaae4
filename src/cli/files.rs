//! Reading inputs with limits, and writing outputs atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The largest roadmap or layout file read, in bytes.
pub const MAX_INPUT: u64 = 1024 * 1024;

/// A problem with a file, phrased for a person.
#[derive(Debug)]
pub struct FileError(pub String);

/// Reads a UTF-8 text file of at most [`MAX_INPUT`] bytes.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let shown = path.display();
    let meta = fs::metadata(path)
        .map_err(|e| FileError(format!("cannot read {shown}: {}", reason(&e))))?;
    if !meta.is_file() {
        return Err(FileError(format!("{shown} is not a regular file")));
    }
    if meta.len() > MAX_INPUT {
        return Err(FileError(format!(
            "{shown} is {} KiB; files over {} KiB are not read",
            meta.len() / 1024,
            MAX_INPUT / 1024
        )));
    }
    let bytes =
        fs::read(path).map_err(|e| FileError(format!("cannot read {shown}: {}", reason(&e))))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..at]);
        let line = text.matches('\n').count() + 1;
        let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        FileError(format!(
            "{shown}:{line}:{col}: error: the file is not UTF-8 text; save it as UTF-8 and try again"
        ))
    })
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// the previous file stays whole until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let shown = path.display();
    let fail = |e: io::Error| FileError(format!("cannot write {shown}: {}", reason(&e)));
    let tmp = temporary(path);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.waypost-tmp"))
}

fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
