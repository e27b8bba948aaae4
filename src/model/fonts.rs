//! A roadmap's own typeface: the `[fonts]` table, naming a regular and a bold face.

use super::assets::{read_asset, Assets, FONT_KEYS};
use super::reader::{Reader, Table};
use std::ops::Range;
use std::sync::Arc;

/// A font file a roadmap names, with its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile {
    /// The path as written in the roadmap.
    pub path: String,
    /// The file's bytes.
    pub data: Arc<[u8]>,
    /// Where the path stands in the roadmap file, for messages.
    pub span: Range<usize>,
}

/// The typeface a roadmap's `[fonts]` table names, used for every text on the page, with
/// the bundled Noto Sans drawing the characters it lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FontFiles {
    /// The face of running text.
    pub regular: Option<FontFile>,
    /// The face of titles and headings.
    pub bold: Option<FontFile>,
}

/// Reads the roadmap's `[fonts]` table, if it has one.
pub(crate) fn read_fonts(reader: &mut Reader, top: &Table, assets: &Assets) -> Option<FontFiles> {
    let table = reader.table(top, "fonts", "the [fonts] table".to_string())?;
    reader.known_keys(&table, &FONT_KEYS);
    let mut file = |key: &str| {
        read_asset(reader, &table, key, assets).map(|(path, data, span)| FontFile {
            path,
            data,
            span,
        })
    };
    let regular = file("regular");
    let bold = file("bold");
    Some(FontFiles { regular, bold })
}
