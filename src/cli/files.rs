//! Reading inputs with limits, and writing outputs whole, as a set, and never through a
//! link.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The largest roadmap or layout file read, in bytes.
pub const MAX_INPUT: u64 = waypost::model::MAX_SOURCE as u64;

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

/// Files written as a set: each first to a temporary file of its own beside its target,
/// then all renamed into place together, once every one is complete.
///
/// A temporary file gets an unpredictable name and is created exclusively, so a link
/// planted in a shared output folder, at the target or at any name, is never written
/// through; a rename replaces a link at the target instead of following it. Two
/// processes never share a temporary file, so each target is always one whole file, and
/// the renames of a set happen under a lock on the folder, so the set left behind by
/// several processes writing the same names is always one process's whole set.
#[derive(Default)]
pub struct Outputs {
    staged: Vec<(tempfile::NamedTempFile, PathBuf)>,
    record: Option<super::manifest::Record>,
}

impl Outputs {
    /// Writes `bytes` to a new temporary file in `path`'s folder, to become `path` on
    /// [`Outputs::commit`]. Dropped without a commit, the temporary files are removed.
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
        let fail = |e: io::Error| cannot_write(path, &e);
        let mut file = temporary(path).map_err(fail)?;
        file.write_all(bytes).map_err(fail)?;
        file.as_file().sync_all().map_err(fail)?;
        self.staged.push((file, path.to_path_buf()));
        Ok(())
    }

    /// Keeps a record of the files written, so that on [`Outputs::commit`] the files an
    /// earlier render recorded and this one does not write again are removed.
    pub fn record(&mut self, record: super::manifest::Record) {
        self.record = Some(record);
    }

    /// Renames every staged file over its target. A target that is a folder is refused
    /// before anything is renamed, so the old files stay together as a set. With a
    /// record, the stale files of an earlier render are removed in the same locked step;
    /// their paths are returned.
    pub fn commit(self) -> Result<Vec<PathBuf>, FileError> {
        let Some((_, first)) = self.staged.first() else {
            return Ok(Vec::new());
        };
        // Advisory, and only where folders can be locked (not on Windows): without the
        // lock each file is still whole, but renders racing into one folder could leave
        // files of different renders side by side.
        let _lock = fs::File::open(folder(first)).and_then(|f| f.lock().map(|()| f));
        for (_, path) in &self.staged {
            if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
                return Err(FileError::Io(format!(
                    "cannot write {}: a folder of that name is in the way; \
                     move or rename it, and nothing else was changed",
                    path.display()
                )));
            }
        }
        let mut written = Vec::new();
        for (file, path) in self.staged {
            file.persist(&path)
                .map_err(|e| cannot_write(&path, &e.error))?;
            written.push(super::manifest::name_of(&path));
        }
        let Some(record) = &self.record else {
            return Ok(Vec::new());
        };
        let (removed, path, text) = record.update(&written);
        // The record is a convenience: the outputs are already in place if it cannot be
        // written, and the next render then removes nothing.
        let _ = write_unlocked(&path, text.as_bytes());
        Ok(removed)
    }
}

/// Writes `bytes` to `path` whole (a temporary file renamed over it), without taking the
/// folder's lock: for a file written while the lock is held.
fn write_unlocked(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let fail = |e: io::Error| cannot_write(path, &e);
    let mut file = temporary(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` as a set of one: see [`Outputs`].
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let mut outputs = Outputs::default();
    outputs.stage(path, bytes)?;
    outputs.commit().map(drop)
}

/// Creates the folder `folder` where it is missing, then writes `path` in it whole, as
/// [`write_atomic`] does.
pub fn write_into(folder: &Path, path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    std::fs::create_dir_all(folder).map_err(|e| {
        FileError::Io(format!(
            "cannot create the folder {}: {e}",
            folder.display()
        ))
    })?;
    write_atomic(path, bytes)
}

/// Writes `bytes` to `path`, which must not exist: whole or not at all, and never over
/// anything already there — a file, a folder or a link. `Ok(false)` when something is.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<bool, FileError> {
    let fail = |e: io::Error| cannot_write(path, &e);
    let mut file = temporary(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    match file.persist_noclobber(path) {
        Ok(_) => Ok(true),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(fail(e.error)),
    }
}

/// Refuses an output folder that cannot be one: a file, or a path through a file. A
/// folder that does not exist yet is fine; [`create_folder`] makes it.
pub fn usable_folder(dir: &Path) -> Result<(), FileError> {
    use io::ErrorKind::{NotADirectory, NotFound};
    for at in dir.ancestors().filter(|a| !a.as_os_str().is_empty()) {
        match fs::metadata(at) {
            Ok(meta) if meta.is_dir() => return Ok(()),
            Ok(_) => {
                let what = if at == dir {
                    "it is a file, not a folder".to_string()
                } else {
                    format!("{} is a file, not a folder", at.display())
                };
                return Err(FileError::Io(format!(
                    "cannot write into {}: {what}; give a folder with -o \
                     (it is created if missing)",
                    dir.display()
                )));
            }
            // A missing folder, or a path through a file: the file is found further up.
            Err(e) if matches!(e.kind(), NotFound | NotADirectory) => continue,
            Err(e) => {
                return Err(FileError::Io(format!(
                    "cannot write into {}: {}",
                    dir.display(),
                    reason(&e)
                )))
            }
        }
    }
    Ok(())
}

/// Creates an output folder if it is missing, after [`usable_folder`].
pub fn create_folder(dir: &Path) -> Result<(), FileError> {
    usable_folder(dir)?;
    fs::create_dir_all(dir).map_err(|e| {
        FileError::Io(format!(
            "cannot create the folder {}: {}",
            dir.display(),
            reason(&e)
        ))
    })
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
    if !is_toml {
        return Err(Confinement::NotRelativeToml);
    }
    inside(folder, value)
}

/// Resolves a relative path written in a roadmap, which must stay inside `folder` once
/// `..` and symbolic links are resolved; [`confined`] without the `.toml` rule, for the
/// files a roadmap names besides its layout.
pub fn inside(folder: &Path, value: &str) -> Result<PathBuf, Confinement> {
    let relative = Path::new(value);
    if !relative.is_relative() || value.contains('\\') {
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

/// A new temporary file beside `path`, named after it with a random part, created
/// exclusively: never an existing file, nor through a link.
fn temporary(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".waypost-tmp")
        .rand_bytes(12);
    // The permissions a file made with `File::create` gets: 0o666 less the umask, where
    // tempfile would give 0o600, unreadable to a web server serving the folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(folder(path))
}

/// The folder a file is in: `.` for a bare name.
pub(super) fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn cannot_write(path: &Path, e: &io::Error) -> FileError {
    FileError::Io(format!("cannot write {}: {}", path.display(), reason(e)))
}

pub(super) fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}
