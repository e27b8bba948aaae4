//! Subsets of the scene's faces (the bundled Noto Sans, a roadmap's own), for the writers that embed a font: the SVG writer keeps the
//! characters a browser will shape again, the PDF writer the glyphs already shaped.
//!
//! Which subsetter matters: browsers silently reject a font without `cmap`, `OS/2` or `name`,
//! and without GPOS the kerning is lost and browser lines come out wider than the layout
//! measured. skera (the fontations subsetter) keeps all of them. Its 0.4 line is the one built
//! on the same read-fonts as harfrust and skrifa, so the tree holds one font parser, not two.

use skera::{subset_font, Plan, SubsetFlags, DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES};
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{NameId, Tag};
use skrifa::raw::FontRef;
use skrifa::{GlyphId, MetadataProvider};
use std::collections::BTreeSet;

/// What a subset keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Keep<'a> {
    /// The glyphs of these characters and whatever GSUB can reach from them, renumbered,
    /// with the layout tables a browser needs to shape the text again (SVG).
    Chars(&'a BTreeSet<char>),
    /// Exactly these glyphs under their original ids, and no layout tables: the text is
    /// already shaped, and the content stream names glyphs by id (PDF).
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))] // only the PDF writer keeps glyphs
    Glyphs(&'a BTreeSet<u16>),
}

/// A copy of the font (the one at `index` of a collection) that holds only what `keep`
/// asks for, plus `.notdef`, as a font file of its own; `None` if the font cannot be read
/// or subset. The same input always gives the same bytes.
pub(crate) fn subset(data: &[u8], index: u32, keep: Keep) -> Option<Vec<u8>> {
    let font = FontRef::from_index(data, index).ok()?;
    let mut unicodes = IntSet::<u32>::empty();
    let mut glyphs = IntSet::<GlyphId>::empty();
    let mut drop_tables: IntSet<Tag> = DEFAULT_DROP_TABLES.iter().copied().collect();
    // resvg draws unhinted outlines; dropping the hinting keeps browsers closer to it, and
    // both files smaller.
    let mut flags = SubsetFlags::SUBSET_FLAGS_NO_HINTING;
    match keep {
        Keep::Chars(chars) => {
            // Characters the face lacks have no glyph to keep; leaving them out keeps the
            // plan to inputs the subsetter has been exercised with.
            let charmap = font.charmap();
            let covered = chars.iter().filter(|&&c| charmap.map(c).is_some());
            unicodes.extend(covered.map(|&c| u32::from(c)));
        }
        Keep::Glyphs(gids) => {
            glyphs.extend(gids.iter().map(|&gid| GlyphId::new(u32::from(gid))));
            // Without GSUB and GPOS no other glyph is pulled in, and the PDF reads
            // neither.
            drop_tables.extend([b"GSUB", b"GPOS", b"GDEF"].map(Tag::new));
            flags |= SubsetFlags::SUBSET_FLAGS_RETAIN_GIDS;
        }
    }
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    // Family, subfamily, full and PostScript names: OTS wants a usable `name` table.
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::new(0)..=NameId::new(6));
    let mut name_languages = IntSet::<u16>::empty();
    name_languages.insert(0x0409);
    let plan = Plan::new(
        &glyphs,
        &unicodes,
        &font,
        flags,
        &drop_tables,
        &scripts,
        &features,
        &name_ids,
        &name_languages,
    );
    subset_font(&font, &plan).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BOLD_TTF, REGULAR_TTF};
    use harfrust::{ShapeOptions, ShaperData, UnicodeBuffer};
    use skrifa::instance::{LocationRef, Size};
    use skrifa::outline::DrawSettings;
    use skrifa::raw::tables::glyf::Glyph;
    use skrifa::raw::TableProvider;

    const SAMPLE: &str = "£25 – Llanfair ŵ ŷ é AVATAR To Wa fi ffi “quoted” 1/2";

    /// (glyph id, advance, x offset) per glyph, in font units, and the total advance.
    fn shape(data: &[u8], text: &str) -> (Vec<(u32, i32, i32)>, i32) {
        let font = FontRef::new(data).unwrap();
        let shaper_data = ShaperData::new(&font);
        let shaper = shaper_data.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let output = shaper.shape(buffer, ShapeOptions::new());
        let glyphs: Vec<(u32, i32, i32)> = (output.glyph_infos().iter())
            .zip(output.glyph_positions())
            .map(|(i, p)| (i.glyph_id, p.x_advance, p.x_offset))
            .collect();
        let total = glyphs.iter().map(|g| g.1).sum();
        (glyphs, total)
    }

    fn has_table(font: &FontRef, tag: &[u8; 4]) -> bool {
        font.table_data(Tag::new(tag)).is_some()
    }

    #[test]
    fn char_subsets_keep_the_tables_browsers_need_and_are_small() {
        let chars: BTreeSet<char> = SAMPLE.chars().collect();
        for data in [REGULAR_TTF, BOLD_TTF] {
            let out = subset(data, 0, Keep::Chars(&chars)).expect("subset");
            let font = FontRef::new(&out).unwrap();
            for tag in [
                b"cmap", b"OS/2", b"name", b"GPOS", b"GSUB", b"glyf", b"hmtx",
            ] {
                assert!(
                    has_table(&font, tag),
                    "{} missing",
                    String::from_utf8_lossy(tag)
                );
            }
            let family = font
                .localized_strings(skrifa::string::StringId::FAMILY_NAME)
                .english_or_first()
                .map(|s| s.to_string());
            assert_eq!(family.as_deref(), Some("Noto Sans"));
            let charmap = font.charmap();
            for c in SAMPLE.chars() {
                assert!(charmap.map(c).is_some(), "{c:?} lost from cmap");
            }
            assert!(charmap.map('Q').is_none(), "unused character kept");
            assert!(out.len() < 40_000, "subset is {} bytes", out.len());
            assert!(font.maxp().unwrap().num_glyphs() < 80);
        }
    }

    #[test]
    fn char_subsets_shape_like_the_full_font() {
        // Same advances and kerning as the full face: browsers then break nothing the layout
        // measured.
        let chars: BTreeSet<char> = SAMPLE.chars().collect();
        let without_ids = |glyphs: Vec<(u32, i32, i32)>| -> Vec<(i32, i32)> {
            glyphs.into_iter().map(|g| (g.1, g.2)).collect()
        };
        for data in [REGULAR_TTF, BOLD_TTF] {
            let out = subset(data, 0, Keep::Chars(&chars)).unwrap();
            let (full, full_total) = shape(data, SAMPLE);
            let (sub, sub_total) = shape(&out, SAMPLE);
            assert_eq!(without_ids(full), without_ids(sub));
            assert_eq!(full_total, sub_total);
            // Kerning is really there: "AV" is tighter than "A" plus "V".
            let (av, _) = shape(&out, "AV");
            let (a, _) = shape(&out, "A");
            let (v, _) = shape(&out, "V");
            assert!(av[0].1 + av[1].1 < a[0].1 + v[0].1, "no kerning in subset");
        }
    }

    /// Every point of the glyph's unhinted outline, in font units; empty for no outline.
    fn outline(font: &FontRef, gid: u16) -> Vec<f32> {
        #[derive(Default)]
        struct Points(Vec<f32>);
        impl skrifa::outline::OutlinePen for Points {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.extend([x, y]);
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.extend([x, y]);
            }
            fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
                self.0.extend([cx0, cy0, x, y]);
            }
            fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
                self.0.extend([cx0, cy0, cx1, cy1, x, y]);
            }
            fn close(&mut self) {}
        }
        let mut pen = Points::default();
        let settings = DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
        if let Some(glyph) = font.outline_glyphs().get(GlyphId::new(u32::from(gid))) {
            glyph.draw(settings, &mut pen).unwrap();
        }
        pen.0
    }

    /// The glyphs and, recursively, the components of those that are composites (such as
    /// `ŵ`, drawn as `w` and a circumflex), which the subset must keep too.
    fn with_components(font: &FontRef, gids: &BTreeSet<u16>) -> BTreeSet<u16> {
        let (loca, glyf) = (font.loca(None).unwrap(), font.glyf().unwrap());
        let mut all = BTreeSet::new();
        let mut todo: Vec<u16> = gids.iter().copied().collect();
        while let Some(gid) = todo.pop() {
            if !all.insert(gid) {
                continue;
            }
            if let Ok(Some(Glyph::Composite(composite))) =
                loca.get_glyf(GlyphId::new(u32::from(gid)), &glyf)
            {
                todo.extend(composite.components().map(|c| c.glyph.to_u16()));
            }
        }
        all
    }

    #[test]
    fn glyph_subsets_keep_ids_advances_and_outlines_of_exactly_those_glyphs() {
        for data in [REGULAR_TTF, BOLD_TTF] {
            let (shaped, _) = shape(data, SAMPLE);
            let shaped: BTreeSet<u16> = shaped.iter().map(|g| g.0 as u16).collect();
            let out = subset(data, 0, Keep::Glyphs(&shaped)).expect("subset");
            let full = FontRef::new(data).unwrap();
            let font = FontRef::new(&out).unwrap();
            let gids = with_components(&full, &shaped);
            assert!(
                gids.len() > shaped.len(),
                "the sample has no composite glyph"
            );
            for tag in [b"GSUB", b"GPOS", b"GDEF", b"fpgm", b"prep"] {
                assert!(!has_table(&font, tag), "{tag:?} kept");
            }
            let max = *gids.last().unwrap();
            assert_eq!(font.maxp().unwrap().num_glyphs(), max + 1);
            let full_metrics = full.glyph_metrics(Size::unscaled(), LocationRef::default());
            let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
            let mut drawn = 0;
            for gid in 1..=max {
                let kept = outline(&font, gid);
                if gids.contains(&gid) {
                    let id = GlyphId::new(u32::from(gid));
                    let advance = metrics.advance_width(id);
                    assert_eq!(advance, full_metrics.advance_width(id), "advance of {gid}");
                    assert_eq!(kept, outline(&full, gid), "outline of {gid}");
                    drawn += usize::from(!kept.is_empty());
                } else {
                    assert!(kept.is_empty(), "glyph {gid} kept an outline");
                }
            }
            assert!(drawn > 20, "only {drawn} outlines compared");
            assert!(out.len() < 30_000, "subset is {} bytes", out.len());
        }
    }

    #[test]
    fn subsets_are_deterministic() {
        let chars: BTreeSet<char> = SAMPLE.chars().collect();
        let gids: BTreeSet<u16> = [3, 36, 37, 500].into();
        for keep in [Keep::Chars(&chars), Keep::Glyphs(&gids)] {
            assert_eq!(subset(REGULAR_TTF, 0, keep), subset(REGULAR_TTF, 0, keep));
        }
    }

    #[test]
    fn subsets_accept_any_characters_and_glyphs() {
        // Characters the face lacks, controls and the empty set must not break it.
        let odd: BTreeSet<char> = ['\0', '\u{7}', '✓', '→', '\u{10FFFF}', '中', '\u{FFFD}']
            .into_iter()
            .collect();
        assert!(subset(REGULAR_TTF, 0, Keep::Chars(&odd)).is_some());
        assert!(subset(BOLD_TTF, 0, Keep::Chars(&BTreeSet::new())).is_some());
        assert!(subset(BOLD_TTF, 0, Keep::Glyphs(&BTreeSet::new())).is_some());
        assert!(subset(BOLD_TTF, 0, Keep::Glyphs(&[0, u16::MAX].into())).is_some());
        // Every character the face covers at once.
        let font = FontRef::new(REGULAR_TTF).unwrap();
        let all: BTreeSet<char> = font
            .charmap()
            .mappings()
            .filter_map(|(c, _)| char::from_u32(c))
            .collect();
        assert!(all.len() > 1000);
        assert!(subset(REGULAR_TTF, 0, Keep::Chars(&all)).is_some());
    }
}
