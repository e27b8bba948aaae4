//! The files a roadmap names besides itself — logos and fonts — as bytes the caller hands
//! over: the library reads no files, so whoever reads the roadmap reads these too.

use super::reader::{Reader, Table};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};

/// The largest file a roadmap may name, in bytes (10 MB): a logo or a font over it is
/// refused before it is looked at.
pub const MAX_ASSET: usize = 10_000_000;

/// The files a roadmap names, by the path written in the roadmap (`logos/trust.svg`):
/// their bytes, or why they could not be read.
///
/// # Example
///
/// ```
/// let mut assets = waypost::model::Assets::new();
/// assets.insert("logos/trust.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec());
/// assert!(assets.contains("logos/trust.svg"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assets {
    files: BTreeMap<String, Asset>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Asset {
    Bytes(Arc<[u8]>),
    Unreadable(String),
}

impl Assets {
    /// No files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Hands over the bytes of the file a roadmap names as `path`.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Arc<[u8]>>) {
        self.files.insert(path.into(), Asset::Bytes(bytes.into()));
    }

    /// Records that the file a roadmap names as `path` could not be read, and why ("no
    /// such file"): the roadmap's reader reports it at the line that names the file.
    pub fn insert_unreadable(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.files
            .insert(path.into(), Asset::Unreadable(reason.into()));
    }

    /// Whether the bytes of `path` were handed over.
    pub fn contains(&self, path: &str) -> bool {
        matches!(self.files.get(path), Some(Asset::Bytes(_)))
    }

    /// The bytes of `path`, or a sentence saying why there are none.
    pub(crate) fn get(&self, path: &str) -> Result<&Arc<[u8]>, String> {
        match self.files.get(path) {
            Some(Asset::Bytes(bytes)) => Ok(bytes),
            Some(Asset::Unreadable(reason)) => Err(format!("cannot read {path}: {reason}")),
            None => Err(format!(
                "the file {path} was not handed over with the roadmap"
            )),
        }
    }
}

/// A file named in a roadmap: the path as written and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetRef {
    /// The path as written, relative to the roadmap's folder.
    pub path: String,
    /// Where the path stands in the roadmap file, for messages.
    pub span: Range<usize>,
}

/// Every file a roadmap's text names (each `[[logo]]`'s `file`, the `[fonts]`), read on
/// its own, even from a file with other problems, so that a caller can read them before
/// [`parse_with`](super::parse_with). Paths that [`parse_with`](super::parse_with) would
/// refuse for their form (absolute, leaving the folder) are left out: they are reported
/// there, and never read.
pub fn assets_named(source: &str) -> Vec<AssetRef> {
    let (document, _) = DeTable::parse_recoverable(source);
    let mut found = Vec::new();
    let top = document.get_ref();
    if let Some(logos) = top.get("logo") {
        if let DeValue::Array(list) = logos.get_ref() {
            for logo in list.iter() {
                if let DeValue::Table(table) = logo.get_ref() {
                    push_file(&mut found, table, "file");
                }
            }
        }
    }
    if let Some(fonts) = top.get("fonts") {
        if let DeValue::Table(table) = fonts.get_ref() {
            for key in FONT_KEYS {
                // A font of a collection is a table naming its `file`.
                match table.get(key).map(|v| v.get_ref()) {
                    Some(DeValue::Table(font)) => push_file(&mut found, font, "file"),
                    _ => push_file(&mut found, table, key),
                }
            }
        }
    }
    found
}

/// The keys of a `[fonts]` table that name files.
pub(crate) const FONT_KEYS: [&str; 2] = ["regular", "bold"];

fn push_file(found: &mut Vec<AssetRef>, table: &DeTable, key: &str) {
    let Some(value) = table.get(key) else { return };
    if let DeValue::String(path) = value.get_ref() {
        if path_problem(path).is_none() {
            found.push(AssetRef {
                path: path.to_string(),
                span: value.span(),
            });
        }
    }
}

/// Why a path written in a roadmap may not be read, whatever is on the disk: roadmaps are
/// shared, so one may only name files in its own folder or folders inside it.
pub(crate) fn path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("the path is empty");
    }
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return Some("a file named in a roadmap must be a relative path, with / between folders");
    }
    let mut depth = 0_i32;
    for part in path.split('/') {
        match part {
            ".." => depth -= 1,
            "" | "." => {}
            _ => depth += 1,
        }
        if depth < 0 {
            return Some("this path leaves the roadmap's folder, so it was not read");
        }
    }
    None
}

/// Reads a file-naming key of `table`: its path, checked for form, and the bytes the caller
/// handed over for it; every problem is reported at the path.
pub(crate) fn read_asset(
    reader: &mut Reader,
    table: &Table,
    key: &str,
    assets: &Assets,
) -> Option<(String, Arc<[u8]>, Range<usize>)> {
    let (path, span) = reader.text(table, key)?;
    if let Some(problem) = path_problem(&path) {
        reader.error_help(
            span,
            problem,
            "keep the file in this roadmap's folder (or a folder inside it) and write its \
             path from there, such as file = \"logos/trust.svg\"",
        );
        return None;
    }
    match assets.get(&path) {
        Ok(bytes) if bytes.len() > MAX_ASSET => {
            reader.error_help(
                span,
                format!(
                    "{path} is {:.1} MB; a file named in a roadmap may be at most {} MB",
                    bytes.len() as f64 / 1e6,
                    MAX_ASSET / 1_000_000
                ),
                "save a smaller version of it (a logo needs no more than a few hundred KB)",
            );
            None
        }
        Ok(bytes) => Some((path, bytes.clone(), span)),
        Err(reason) => {
            reader.error_help(
                span,
                reason,
                "check the path: it is taken from the roadmap file's folder",
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_folder_are_refused_by_form() {
        assert_eq!(path_problem("logos/trust.svg"), None);
        assert_eq!(path_problem("./a/../b.png"), None);
        assert!(path_problem("../b.png").is_some());
        assert!(path_problem("a/../../b.png").is_some());
        assert!(path_problem("/etc/passwd").is_some());
        assert!(path_problem("C:/x.png").is_some());
        assert!(path_problem("a\\b.png").is_some());
        assert!(path_problem("").is_some());
    }

    #[test]
    fn the_files_a_roadmap_names_are_found_without_parsing_it_whole() {
        let source = "title = 3\n[[logo]]\nfile = \"a.svg\"\n[[logo]]\nfile = \"../b.png\"\n\
                      [fonts]\nregular = \"f/R.ttf\"\nbold = { file = \"f/B.ttc\", index = 1 }\n";
        let paths: Vec<String> = assets_named(source).into_iter().map(|a| a.path).collect();
        assert_eq!(paths, ["a.svg", "f/R.ttf", "f/B.ttc"]);
    }
}
