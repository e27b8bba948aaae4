//! Reading inputs with limits, and writing outputs atomically.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The largest roadmap or layout file read, in bytes.
pub const MAX_INPUT: u64 = 1024 * 1024;

/// A problem with a file, phrased for a person.
#[derive(Debug)]
pub enum FileError {
    /// The file could not be read or written: a usage or system problem (exit 2).
    Io(String),
    /// The file was read but its content is not UTF-8 text: a mistake in the file, with
    /// where the first bad byte is (exit 1).
    NotText(waypost::Diagnostics),
}

/// Reads a UTF-8 text file of at most [`MAX_INPUT`] bytes.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    read_text_upto(path, MAX_INPUT)
}

/// The name an input's outputs get: its file name without the extension, and never a
/// path, so that an output cannot land outside the folder it is written into.
pub fn stem(file: &Path) -> String {
    file.file_stem()
        .map_or_else(|| "roadmap".into(), |s| s.to_string_lossy().into_owned())
}

/// Reads a UTF-8 text file of at most `limit` bytes.
pub fn read_text_upto(path: &Path, limit: u64) -> Result<String, FileError> {
    let shown = path.display();
    let meta = fs::metadata(path)
        .map_err(|e| FileError::Io(format!("cannot read {shown}: {}", reason(&e))))?;
    if !meta.is_file() {
        return Err(FileError::Io(format!("{shown} is not a regular file")));
    }
    if meta.len() > limit {
        return Err(FileError::Io(format!(
            "{shown} is {} KiB; files over {} KiB are not read",
            meta.len() / 1024,
            limit / 1024
        )));
    }
    let bytes = fs::read(path)
        .map_err(|e| FileError::Io(format!("cannot read {shown}: {}", reason(&e))))?;
    String::from_utf8(bytes).map_err(|e| {
        // The valid part is quoted as it is; the rest with the bad bytes replaced, so the
        // message can show the line. Offsets before the first bad byte are the same in both.
        let at = e.utf8_error().valid_up_to();
        let source = String::from_utf8_lossy(e.as_bytes()).into_owned();
        FileError::NotText(waypost::Diagnostics {
            file: shown.to_string(),
            source,
            list: vec![waypost::Diagnostic::new(
                at..at + 1,
                "the file is not UTF-8 text: this character is in another encoding",
            )
            .with_help(
                "save the file as UTF-8 (most editors offer it under \"Save as\") and try again",
            )],
        })
    })
}

/// The roadmaps named on the command line: each file as given, and the `.toml` files of
/// each folder (not its subfolders), sorted by name.
pub fn roadmaps(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            found.push(input.clone());
            continue;
        }
        let shown = input.display();
        let entries =
            fs::read_dir(input).map_err(|e| format!("cannot list {shown}: {}", reason(&e)))?;
        let mut tomls = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {shown}: {}", reason(&e)))?
                .path();
            let is_toml = (path.extension()).is_some_and(|e| e.eq_ignore_ascii_case("toml"));
            if is_toml && path.is_file() {
                tomls.push(path);
            }
        }
        if tomls.is_empty() {
            return Err(format!("the folder {shown} holds no .toml files"));
        }
        tomls.sort();
        found.extend(tomls);
    }
    Ok(found)
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// the previous file stays whole until the new one is complete.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let shown = path.display();
    let fail = |e: io::Error| FileError::Io(format!("cannot write {shown}: {}", reason(&e)));
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

/// Why a layout path written in a roadmap was refused.
#[derive(Debug, PartialEq)]
pub enum Confinement {
    /// The path is absolute or does not end in `.toml`.
    NotRelativeToml,
    /// The path leaves the roadmap's folder through `..`.
    Escapes,
    /// The path leaves the roadmap's folder through a symbolic link.
    LinksOut,
    /// The file does not exist or cannot be resolved.
    Missing(String),
}

/// Resolves a layout path written in a roadmap, which must stay inside `folder`: relative,
/// ending in `.toml`, never above `folder` once `..` and symbolic links are resolved.
/// Nothing outside `folder` is opened, so a shared roadmap cannot make waypost read or
/// reveal other files.
pub fn confined(folder: &Path, value: &str) -> Result<PathBuf, Confinement> {
    let relative = Path::new(value);
    let is_toml = (relative.extension()).is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if !is_toml || !relative.is_relative() || value.contains('\\') {
        return Err(Confinement::NotRelativeToml);
    }
    // Lexically first, so that `../../etc/x.toml` is refused without looking at the disk.
    let mut depth = 0_i32;
    for part in relative.components() {
        match part {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return Err(Confinement::NotRelativeToml),
        }
        if depth < 0 {
            return Err(Confinement::Escapes);
        }
    }
    let folder = folder
        .canonicalize()
        .map_err(|e| Confinement::Missing(reason(&e)))?;
    let resolved = folder
        .join(relative)
        .canonicalize()
        .map_err(|e| Confinement::Missing(reason(&e)))?;
    if resolved.starts_with(&folder) {
        Ok(resolved)
    } else {
        Err(Confinement::LinksOut)
    }
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
