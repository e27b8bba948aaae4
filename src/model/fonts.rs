//! A roadmap's own typeface: the `[fonts]` table, naming a regular and a bold face.
//!
//! Each file is checked once, here, and parsed for shaping at the same time: the set of
//! faces the model keeps is the one the layout shapes with, and the one that says which
//! characters the page can draw.

use super::assets::{read_asset, Assets, FONT_KEYS};
use super::reader::{Reader, Table};
use crate::scene::Weight;
use crate::text::{Fonts, OwnFile};
use skrifa::raw::{FileRef, FontRef, TableProvider};
use skrifa::string::StringId;
use skrifa::{MetadataProvider, Tag};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;
use toml::de::DeValue;

/// The keys of a font given as a table, for a font of a collection.
const FILE_KEYS: [&str; 2] = ["file", "index"];

/// A font file a roadmap names, with its bytes, checked: it holds static TrueType
/// outlines, and its licence allows embedding.
#[derive(Clone, PartialEq, Eq)]
pub struct FontFile {
    path: String,
    index: u32,
    collection: bool,
    data: Arc<[u8]>,
    span: Range<usize>,
}

impl FontFile {
    /// The path as written in the roadmap.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which font of a collection file it is; 0 for a file of one font.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Whether the file is a collection of fonts, this one at [`FontFile::index`].
    pub fn in_collection(&self) -> bool {
        self.collection
    }

    /// The file's bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Where the path stands in the roadmap file, for messages.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The file's bytes, shared.
    pub(crate) fn shared(&self) -> Arc<[u8]> {
        self.data.clone()
    }

    fn own(&self) -> OwnFile {
        OwnFile {
            data: self.data.clone(),
            index: self.index,
        }
    }
}

impl fmt::Debug for FontFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontFile")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("bytes", &self.data.len())
            .finish()
    }
}

/// The typeface a roadmap's `[fonts]` table names, used for every text on the page, with
/// the bundled Noto Sans drawing each character it lacks.
#[derive(Clone)]
pub struct FontFiles {
    regular: FontFile,
    bold: Option<FontFile>,
    /// Both faces parsed for shaping, with Noto Sans as their fallback.
    faces: Fonts,
}

impl FontFiles {
    /// The face of running text, and of everything when there is no bold face.
    pub fn regular(&self) -> &FontFile {
        &self.regular
    }

    /// The face of titles, headings and badges; without one they are set in the regular
    /// face.
    pub fn bold(&self) -> Option<&FontFile> {
        self.bold.as_ref()
    }

    /// The faces as the layout shapes with them.
    pub(crate) fn faces(&self) -> &Fonts {
        &self.faces
    }
}

impl PartialEq for FontFiles {
    fn eq(&self, other: &Self) -> bool {
        self.regular == other.regular && self.bold == other.bold
    }
}

impl Eq for FontFiles {}

impl fmt::Debug for FontFiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontFiles")
            .field("regular", &self.regular)
            .field("bold", &self.bold)
            .finish()
    }
}

/// Reads the roadmap's `[fonts]` table, if it has one, checking each file it names.
pub(crate) fn read_fonts(reader: &mut Reader, top: &Table, assets: &Assets) -> Option<FontFiles> {
    let table = reader.table(top, "fonts", "the [fonts] table".to_string())?;
    reader.known_keys(&table, &FONT_KEYS);
    let regular = read_file(reader, &table, "regular", assets);
    let bold = read_file(reader, &table, "bold", assets);
    if reader.value(&table, "regular").is_none() && !reader.misspelt(&table, "regular") {
        reader.error_help(
            table.span.clone(),
            "the [fonts] table names no `regular` font, the face of running text",
            "add a line such as regular = \"fonts/Brand-Regular.ttf\" (and bold = … for \
             titles), or remove [fonts] to use the bundled Noto Sans",
        );
    }
    let regular = regular?;
    let faces = Fonts::own(&regular.own(), bold.as_ref().map(FontFile::own).as_ref());
    let Some(faces) = faces else {
        // Every file was checked to parse; this is only here so that nothing can panic.
        reader.error(regular.span(), "the fonts could not be read together");
        return None;
    };
    // What the faces' substitutions make of their characters is known once they are
    // parsed for shaping.
    let mut grown = false;
    for (file, weight) in [
        (Some(&regular), Weight::Regular),
        (bold.as_ref(), Weight::Bold),
    ] {
        let Some(file) = file else { continue };
        let face = faces.face(faces.faces_for(weight).0);
        if let Err((message, help)) = super::font_limits::check_shaping(face, file.path()) {
            reader.error_help(file.span(), message, help);
            grown = true;
        }
    }
    if grown {
        return None;
    }
    Some(FontFiles {
        regular,
        bold,
        faces,
    })
}

/// One font: a path (`regular = "fonts/Brand.ttf"`) or, for a collection, a table that
/// says which of its fonts (`regular = { file = "fonts/Brand.ttc", index = 1 }`).
fn read_file(reader: &mut Reader, table: &Table, key: &str, assets: &Assets) -> Option<FontFile> {
    let value = reader.value(table, key)?;
    let (asset, index) = match value.get_ref() {
        DeValue::Table(entries) => {
            let inner = Table {
                entries,
                span: value.span(),
                name: format!("`{key}` in [fonts]"),
            };
            reader.known_keys(&inner, &FILE_KEYS);
            if reader.value(&inner, "file").is_none() {
                reader.missing(&inner, "file", "\"fonts/Brand.ttc\"");
            }
            let index = match reader.integer(&inner, "index") {
                Some((n, span)) => match u32::try_from(n) {
                    Ok(n) => Some(n),
                    Err(_) => {
                        reader.error_help(
                            span,
                            format!("`index` is {n}, but fonts in a collection count from 0"),
                            "use 0 for the first font of the file, 1 for the second, …",
                        );
                        return None;
                    }
                },
                None => None,
            };
            (read_asset(reader, &inner, "file", assets)?, index)
        }
        _ => (read_asset(reader, table, key, assets)?, None),
    };
    let (path, data, span) = asset;
    match check(&data, index, &path) {
        Ok(index) => Some(FontFile {
            path,
            index,
            collection: data.starts_with(b"ttcf"),
            data,
            span,
        }),
        Err((message, help)) => {
            reader.error_help(span, message, help);
            None
        }
    }
}

/// Why a font file cannot be used, as a message and a hint; or the index of the font to
/// use in it.
fn check(data: &[u8], index: Option<u32>, path: &str) -> Result<u32, (String, String)> {
    let file = FileRef::new(data).map_err(|_| not_a_font(data, path))?;
    let index = match (file, index) {
        (FileRef::Font(_), None | Some(0)) => 0,
        (FileRef::Font(_), Some(n)) => {
            return Err((
                format!("{path} holds one font, not a collection, so it has no font {n}"),
                format!("write the path alone: \"{path}\""),
            ))
        }
        (FileRef::Collection(collection), index) => {
            let count = collection.len();
            let names: Vec<String> = (0..count.min(12))
                .map(|i| {
                    let name = (collection.get(i).ok())
                        .and_then(|font| full_name(&font))
                        .unwrap_or_else(|| "(no name)".to_string());
                    format!("{i}: {name}")
                })
                .collect();
            let listed = names.join(", ");
            match index {
                None => {
                    return Err((
                        format!(
                            "{path} is a font collection of {count} fonts; say which one to use"
                        ),
                        format!(
                            "write it as {{ file = \"{path}\", index = 0 }}, with the number \
                             of the font: {listed}"
                        ),
                    ))
                }
                Some(n) if n >= count => {
                    return Err((
                        format!(
                            "{path} holds {count} fonts, numbered 0 to {}; it has no font {n}",
                            count.saturating_sub(1)
                        ),
                        format!("its fonts are {listed}"),
                    ))
                }
                Some(n) => n,
            }
        }
    };
    let font = FontRef::from_index(data, index).map_err(|_| not_a_font(data, path))?;
    let has = |tag: &[u8; 4]| font.table_data(Tag::new(tag)).is_some();
    if has(b"fvar") {
        return Err((
            format!(
                "{path} is a variable font; waypost draws with static fonts, one file for \
                 each weight"
            ),
            "use the family's static Regular and Bold .ttf files (often in a folder named \
             \"static\")"
                .to_string(),
        ));
    }
    if !has(b"glyf") {
        let (message, help) = if has(b"CFF ") || has(b"CFF2") {
            (
                format!(
                    "{path} has PostScript (CFF) outlines, which waypost cannot embed: it \
                     embeds fonts with TrueType outlines only"
                ),
                "use the TrueType version of the font (a .ttf file); most families publish both",
            )
        } else {
            (
                format!("{path} has no outlines waypost can draw (TrueType `glyf`)"),
                "use the TrueType version of the font (a .ttf file)",
            )
        };
        return Err((message, help.to_string()));
    }
    if font.charmap().mappings().next().is_none() {
        return Err((
            format!("{path} maps no characters to its glyphs (it has no usable `cmap`)"),
            "use another file of the font: this one cannot set text".to_string(),
        ));
    }
    if let Ok(os2) = font.os2() {
        licence(os2.fs_type(), path)?;
    }
    if !has(b"hmtx") || font.head().is_err() || font.maxp().is_err() {
        return Err(not_a_font(data, path));
    }
    super::font_limits::check_tables(&font, path)?;
    Ok(index)
}

/// Whether the font's licence, as its OS/2 `fsType` records it, lets waypost embed the
/// subsets it embeds in the SVG and the PDF.
///
/// Bits 0–3 say how the font may be embedded; of several, the least restrictive counts.
/// "Restricted licence" (bit 1, 0x0002) forbids embedding unless "preview & print"
/// (0x0004) or "editable" (0x0008) is set too; with none of them the font is
/// "installable", which allows it. Bits 0 and 4–7 are reserved and say nothing, so each
/// bit is tested on its own, never the value. Bit 8 (0x0100) allows only the whole font to
/// be embedded, bit 9 (0x0200) only its bitmaps: waypost embeds subsets of the outlines,
/// so both are refused too.
fn licence(fs_type: u16, path: &str) -> Result<(), (String, String)> {
    let ask = "ask the font's maker for a licence that allows embedding, or choose another \
               font; waypost embeds the fonts it draws with in the SVG and the PDF";
    if fs_type & 0x0002 != 0 && fs_type & (0x0004 | 0x0008) == 0 {
        return Err((
            format!(
                "{path}'s licence forbids embedding it in documents: the font marks itself \
                 \"restricted licence embedding\" (OpenType OS/2 fsType 0x0002)"
            ),
            ask.to_string(),
        ));
    }
    if fs_type & 0x0200 != 0 {
        return Err((
            format!(
                "{path}'s licence allows embedding only its bitmaps, not its outlines \
                 (OpenType OS/2 fsType bit 9)"
            ),
            ask.to_string(),
        ));
    }
    if fs_type & 0x0100 != 0 {
        return Err((
            format!(
                "{path}'s licence allows embedding only the whole font, and waypost embeds \
                 the part of it the page uses (OpenType OS/2 fsType bit 8, no subsetting)"
            ),
            ask.to_string(),
        ));
    }
    Ok(())
}

/// The message for a file that is not a TrueType or OpenType font, naming the web fonts
/// people are most likely to have.
fn not_a_font(data: &[u8], path: &str) -> (String, String) {
    if data.starts_with(b"wOFF") || data.starts_with(b"wOF2") {
        return (
            format!("{path} is a web font (WOFF); waypost reads .ttf font files"),
            "use the font's .ttf file, which its maker publishes beside the web fonts".to_string(),
        );
    }
    (
        format!("{path} is not a font file that waypost can read (TrueType .ttf or OpenType .otf)"),
        "check that the path names the font itself (not a .zip or a folder) and that the \
         file is whole"
            .to_string(),
    )
}

/// The font's full name, for listing the fonts of a collection.
fn full_name(font: &FontRef) -> Option<String> {
    let name = font
        .localized_strings(StringId::FULL_NAME)
        .english_or_first()?
        .to_string();
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    (!name.trim().is_empty()).then(|| crate::error::short(&name).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_bits_are_read_as_the_opentype_spec_says() {
        for allowed in [
            0x0000, 0x0004, 0x0008, 0x000C, 0x0006, 0x000A, 0x0001, 0x000B, 0x00F4,
        ] {
            assert!(licence(allowed, "f.ttf").is_ok(), "{allowed:#06x}");
        }
        // Restricted, whatever reserved bits (0, 4–7) come with it.
        for restricted in [0x0002, 0x0003, 0x0012, 0x00F3] {
            let (message, _) = licence(restricted, "f.ttf").unwrap_err();
            assert!(
                message.contains("forbids embedding"),
                "{restricted:#06x}: {message}"
            );
        }
        assert!(licence(0x0104, "f.ttf").is_err());
        assert!(licence(0x0200, "f.ttf").is_err());
    }

    #[test]
    fn the_bundled_faces_pass_every_check() {
        for data in [crate::text::REGULAR_TTF, crate::text::BOLD_TTF] {
            assert_eq!(check(data, None, "noto.ttf"), Ok(0));
            assert!(check(data, Some(1), "noto.ttf").is_err());
        }
        let (message, _) = check(b"not a font at all", None, "x.ttf").unwrap_err();
        assert!(message.contains("not a font file"), "{message}");
        let (message, _) = check(b"wOF2\0\0\0\0rest", None, "x.woff2").unwrap_err();
        assert!(message.contains("web font"), "{message}");
    }
}
