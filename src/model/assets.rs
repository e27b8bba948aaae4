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

/// The most `[[logo]]` tables a roadmap may have: a page has room for a handful.
pub const MAX_LOGOS: usize = 12;

/// The most bytes a roadmap's logos may come to together (10 MB), counting a file once
/// for each `[[logo]]` that names it: every output embeds each logo it draws.
pub const MAX_LOGO_BYTES: usize = 10_000_000;

/// The most bytes the files a roadmap names may come to together (30 MB: two fonts and
/// the logos); a reader stops reading files past it.
pub const MAX_ASSETS_TOTAL: usize = 30_000_000;

/// The files a roadmap names, by the path written in the roadmap (`logos/trust.svg`):
/// their bytes, or why they could not be read. Paths are compared in their plain form, so
/// `./logos/trust.svg` and `logos//trust.svg` name the same file, held once.
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
        self.files
            .insert(plain_path(&path.into()), Asset::Bytes(bytes.into()));
    }

    /// Records that the file a roadmap names as `path` could not be read, and why ("no
    /// such file"): the roadmap's reader reports it at the line that names the file.
    pub fn insert_unreadable(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.files
            .insert(plain_path(&path.into()), Asset::Unreadable(reason.into()));
    }

    /// Whether the bytes of `path` were given.
    pub fn contains(&self, path: &str) -> bool {
        matches!(self.files.get(&plain_path(path)), Some(Asset::Bytes(_)))
    }

    /// The bytes of `path`, or a sentence saying why there are none.
    pub(crate) fn get(&self, path: &str) -> Result<&Arc<[u8]>, String> {
        match self.files.get(&plain_path(path)) {
            Some(Asset::Bytes(bytes)) => Ok(bytes),
            Some(Asset::Unreadable(reason)) => Err(format!("cannot read {path}: {reason}")),
            None => Err(format!(
                "the file {path} was not among the files read with the roadmap"
            )),
        }
    }

    /// The bytes of `path`, when they were read.
    pub fn bytes(&self, path: &str) -> Option<&[u8]> {
        self.get(path).ok().map(|bytes| &bytes[..])
    }

    /// Whether a file was recorded for `path`, read or not.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(&plain_path(path))
    }

    /// The bytes of every file read, together.
    pub fn total_bytes(&self) -> usize {
        (self.files.values())
            .map(|asset| match asset {
                Asset::Bytes(bytes) => bytes.len(),
                Asset::Unreadable(_) => 0,
            })
            .sum()
    }
}

/// A relative path in its plain form: no `.` parts, no empty parts, and each `..` taken
/// with the part before it (`./a//b/../c.svg` is `a/c.svg`). A `..` that would leave the
/// folder is kept, for the reader to refuse.
pub fn plain_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
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
/// gave for it; every problem is reported at the path.
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
    fn spellings_of_one_path_name_one_file() {
        assert_eq!(plain_path("./logos//trust.svg"), "logos/trust.svg");
        assert_eq!(plain_path("a/./b/../c.svg"), "a/c.svg");
        assert_eq!(plain_path("../b.png"), "../b.png");
        let mut assets = Assets::new();
        assets.insert("./logos/trust.svg", b"x".to_vec());
        assets.insert(".//logos/trust.svg", b"x".to_vec());
        assert!(assets.contains("logos/./trust.svg"));
        assert_eq!(assets.total_bytes(), 1);
    }

    #[test]
    fn the_files_a_roadmap_names_are_found_without_parsing_it_whole() {
        let source = "title = 3\n[[logo]]\nfile = \"a.svg\"\n[[logo]]\nfile = \"../b.png\"\n\
                      [fonts]\nregular = \"f/R.ttf\"\nbold = { file = \"f/B.ttc\", index = 1 }\n";
        let paths: Vec<String> = assets_named(source).into_iter().map(|a| a.path).collect();
        assert_eq!(paths, ["a.svg", "f/R.ttf", "f/B.ttc"]);
    }
}
