//! How many glyphs a face's substitutions (`GSUB`) make of its characters.
//!
//! Real fonts make one glyph of a character, sometimes two or three (a letter and a
//! combining mark, a vowel written in two parts), and fewer of several (a ligature). A
//! hostile font can double a glyph at each of forty substitutions: one character becomes
//! the shaper's own ceiling of 65,536 glyphs, and every word of a page as many, which takes
//! minutes and gigabytes to lay out. Two limits stop it: the model shapes every character
//! a roadmap's font maps when it reads the font ([`overgrown`]), and refuses the font if
//! one grows too much; and the shaper sets any run that grows past [`glyph_cap`] anyway (a
//! font can make some sequences grow and not their characters alone) from the font's plain
//! glyphs, one a character, without substitutions, so that no font can blow up a layout.

use super::Face;
use harfrust::{BufferClusterLevel, Script, ShapeOptions, Shaper, UnicodeBuffer};
use skrifa::MetadataProvider;
use std::collections::BTreeMap;

/// The most glyphs a run of text may be shaped into for each of its characters, with 16
/// to spare: a run of n characters into 4 n + 16, a character alone into 20. Real fonts
/// make one or two of a character. A roadmap's font with a character that grows more is
/// refused when the roadmap is read; a run that grows more all the same (a font can make a
/// sequence grow that no character does alone) is set one glyph a character, without the
/// font's substitutions or kerning.
pub const MAX_GLYPHS_PER_CHAR: usize = 4;

/// Glyphs a run may have beyond [`MAX_GLYPHS_PER_CHAR`] for each character, so that a
/// short run with a mark or a split vowel is never cut short.
const SLACK: usize = 16;

/// The most glyphs a run of `chars` characters may be shaped into.
pub fn glyph_cap(chars: usize) -> usize {
    chars
        .saturating_mul(MAX_GLYPHS_PER_CHAR)
        .saturating_add(SLACK)
}

/// How many characters are shaped at once to find one that grows too much: few enough
/// that one shaping stays short, enough that the fonts of large scripts (tens of
/// thousands of glyphs) are shaped in a thousand calls or so.
const CHUNK: usize = 64;

/// A character its face shapes into too many glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overgrowth {
    /// The character.
    pub ch: char,
    /// How many glyphs it became: at least this many, as the shaper stops at its own
    /// ceiling.
    pub glyphs: usize,
}

/// The first character the face maps that shapes into more than [`glyph_cap`]`(1)` glyphs,
/// or that is in a run of characters that shape into more than their cap together: `None`
/// when every character stays within.
///
/// One character of each glyph the face maps is shaped (substitutions act on glyphs, so
/// another character of the same glyph would shape the same), with the characters of its
/// script, [`CHUNK`] at a time: the work grows with the face's glyphs, not with the
/// characters its `cmap` maps (up to all of Unicode).
pub fn overgrown(face: &Face) -> Option<Overgrowth> {
    let font = face.font()?;
    let shaper = face.shaper_data().shaper(&font).build();
    let mut reached = vec![false; usize::from(u16::MAX) + 1];
    let mut scripts: BTreeMap<Script, Vec<char>> = BTreeMap::new();
    for (code, gid) in font.charmap().mappings() {
        let (Some(ch), Some(seen)) = (char::from_u32(code), reached.get_mut(gid.to_u32() as usize))
        else {
            continue;
        };
        if std::mem::replace(seen, true) {
            continue;
        }
        let mut one = UnicodeBuffer::new();
        one.add(ch, 0);
        one.guess_segment_properties();
        scripts.entry(one.script()).or_default().push(ch);
    }
    (scripts.values())
        .flat_map(|chars| chars.chunks(CHUNK))
        .find_map(|chunk| grown(&shaper, chunk))
}

/// The character of `chunk` that grows most, if one grows past [`glyph_cap`]`(1)` or the
/// chunk past its cap, when shaped together as one run.
fn grown(shaper: &Shaper, chunk: &[char]) -> Option<Overgrowth> {
    let text: String = chunk.iter().collect();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(&text);
    buffer.guess_segment_properties();
    // Each character keeps its own glyphs, rather than a run of marks counting as the one
    // cluster of the letter before them.
    buffer.set_cluster_level(BufferClusterLevel::Characters);
    let output = shaper.shape(buffer, ShapeOptions::new());
    // Glyphs by the byte offset of the character they came from.
    let mut per_char = vec![0_usize; text.len()];
    for info in output.glyph_infos() {
        if let Some(count) = per_char.get_mut(info.cluster as usize) {
            *count += 1;
        }
    }
    let (at, most) = (per_char.iter().enumerate())
        .max_by_key(|&(at, &count)| (count, std::cmp::Reverse(at)))
        .map(|(at, &count)| (at, count))?;
    if most <= glyph_cap(1) && output.len() <= glyph_cap(chunk.len()) {
        return None;
    }
    let ch = text[at..].chars().next()?;
    Some(Overgrowth { ch, glyphs: most })
}

#[cfg(test)]
#[path = "../../tests/support/bad_fonts.rs"]
mod bad_fonts;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Weight;
    use crate::text::{shape, Fonts, OwnFile, Style};

    fn file(path: &str) -> Vec<u8> {
        std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// A roadmap's own regular face made of `data`, as the model would parse it.
    fn own(data: Vec<u8>) -> Fonts {
        let file = OwnFile {
            data: data.into(),
            index: 0,
        };
        Fonts::own(&file, None).unwrap()
    }

    fn regular(fonts: &Fonts) -> &Face {
        fonts.face(fonts.faces_for(Weight::Regular).0)
    }

    #[test]
    fn real_fonts_never_grow_past_the_cap() {
        for path in [
            "fonts/NotoSans-Regular.ttf",
            "fonts/NotoSans-Bold.ttf",
            "examples/handout/fonts/DejaVuSerif.ttf",
            "examples/branded/fonts/Lato-Regular.ttf",
            "tests/fonts/WaypostTest-Regular.ttf",
        ] {
            assert_eq!(overgrown(regular(&own(file(path)))), None, "{path}");
        }
    }

    #[test]
    fn a_real_font_is_shaped_not_set_plainly() {
        let fonts = own(file("fonts/NotoSans-Regular.ttf"));
        let style = Style::new(&fonts, Weight::Regular, 10.0);
        let font = regular(&fonts).font().unwrap();
        let gid = |c: char| font.charmap().map(c).unwrap().to_u32() as u16;
        // w and a combining circumflex become the one glyph of ŵ: shaped, not one glyph a
        // character.
        let line = shape("Gw\u{302}r", style);
        let ids: Vec<u16> = line.glyphs.iter().map(|g| g.id).collect();
        assert_eq!(ids, [gid('G'), gid('ŵ'), gid('r')]);
        // A letter under many marks is many glyphs, and still within the cap.
        let stacked = format!("a{}", "\u{301}\u{302}\u{303}".repeat(6));
        let line = shape(&stacked, style);
        // (a and the first acute compose to á.)
        assert_eq!(line.glyphs.len(), 18);
        assert!(
            line.glyphs.iter().any(|g| g.y_offset != 0.0),
            "marks placed"
        );
    }

    #[test]
    fn marks_count_as_their_own_characters() {
        let fonts = own(file("fonts/NotoSans-Regular.ttf"));
        let face = regular(&fonts);
        let font = face.font().unwrap();
        let shaper = face.shaper_data().shaper(&font).build();
        // A letter under 30 marks is 31 glyphs, one a character.
        let stacked: Vec<char> = std::iter::once('a')
            .chain((0x0300..0x031E).filter_map(char::from_u32))
            .collect();
        assert_eq!(stacked.len(), 31);
        assert_eq!(grown(&shaper, &stacked), None);
    }

    #[test]
    fn a_run_that_grows_past_its_cap_is_set_plainly() {
        let base = file("tests/fonts/WaypostTest-Regular.ttf");
        let fonts = own(bad_fonts::shaping_bomb(&base, 40));
        // The model would refuse this font: the probe finds it.
        let grown = overgrown(regular(&fonts)).unwrap();
        assert_eq!(grown.ch, 'A');
        assert!(grown.glyphs > glyph_cap(1), "{grown:?}");
        // The shaper, handed it all the same, sets one glyph a character.
        let style = Style::new(&fonts, Weight::Regular, 10.0);
        let line = shape("Ab c", style);
        let font = regular(&fonts).font().unwrap();
        let ids: Vec<u16> = line.glyphs.iter().map(|g| g.id).collect();
        let plain: Vec<u16> = "Ab c"
            .chars()
            .map(|c| font.charmap().map(c).unwrap().to_u32() as u16)
            .collect();
        assert_eq!(ids, plain);
        let clusters: Vec<(usize, usize)> = line.glyphs.iter().map(|g| (g.start, g.end)).collect();
        assert_eq!(clusters, [(0, 1), (1, 2), (2, 3), (3, 4)]);
        // At the plain glyphs' own advances: the same width as in the font before its GSUB
        // was replaced.
        let before = own(base);
        let width = shape("Ab c", Style::new(&before, Weight::Regular, 10.0)).width;
        assert!(
            (line.width - width).abs() < 0.01,
            "{} against {width}",
            line.width
        );
    }
}
