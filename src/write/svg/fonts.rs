//! Font subsets for the SVG writer: one `@font-face` per weight the page uses.
//!
//! Browsers resolve `font-family` through `@font-face` rules before system fonts, so a page
//! that carries its own subset of Noto Sans looks the same on a machine without Noto Sans.
//! usvg ignores the rules and draws from its fontdb, so the PNG path is unaffected.
//!
//! Which subsetter matters: browsers silently reject a font without `cmap`, `OS/2` or `name`,
//! and without GPOS the kerning is lost and browser lines come out wider than the layout
//! measured. skera (the fontations subsetter) keeps all of them. Its 0.4 line is the one built
//! on the same read-fonts as harfrust and skrifa, so the tree holds one font parser, not two.

use crate::scene::{Item, Weight};
use crate::text::Fonts;
use base64::Engine as _;
use skera::{subset_font, Plan, SubsetFlags, DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES};
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{NameId, Tag};
use skrifa::raw::FontRef;
use skrifa::MetadataProvider;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The `<style>` element with one `@font-face` per weight used by the items' text, each
/// face subset to the characters drawn in that weight; `None` when the items hold no text.
pub(super) fn style(items: &[Item]) -> Option<String> {
    let used = collect(items);
    if used.is_empty() {
        return None;
    }
    let mut out = String::from("<style>");
    for (weight, chars) in &used {
        let face = Fonts::get().face(*weight);
        // A failed subset still has to look right in a browser: embed the whole face then.
        let data = subset(face.data, chars).unwrap_or_else(|| face.data.to_vec());
        let css_weight = match weight {
            Weight::Regular => 400,
            Weight::Bold => 700,
        };
        let _ = write!(
            out,
            "@font-face{{font-family:\"{}\";font-style:normal;font-weight:{css_weight};\
             src:url(data:font/ttf;base64,{}) format(\"truetype\")}}",
            crate::text::FAMILY,
            base64::engine::general_purpose::STANDARD.encode(data),
        );
    }
    out.push_str("</style>");
    Some(out)
}

/// The characters each weight draws, as the SVG will hold them (after the writer's
/// clean-up of control characters), in a stable order.
fn collect(items: &[Item]) -> BTreeMap<Weight, BTreeSet<char>> {
    fn walk(items: &[Item], used: &mut BTreeMap<Weight, BTreeSet<char>>) {
        for item in items {
            match item {
                Item::Shape(_) => {}
                Item::Text(text) => {
                    let chars: BTreeSet<char> =
                        text.text.chars().filter_map(super::markup::clean).collect();
                    if !chars.is_empty() {
                        used.entry(text.weight).or_default().extend(chars);
                    }
                }
                Item::Link(link) => walk(&link.children, used),
            }
        }
    }
    let mut used = BTreeMap::new();
    walk(items, &mut used);
    used
}

/// A copy of the font that holds only the glyphs for `chars` (plus what GSUB can reach from
/// them) with the tables browsers need; `None` if the font cannot be read or subset.
fn subset(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let font = FontRef::new(data).ok()?;
    let charmap = font.charmap();
    // Characters the face lacks have no glyph to keep; leaving them out keeps the plan to
    // inputs the subsetter has been exercised with.
    let mut unicodes = IntSet::<u32>::empty();
    unicodes.extend(
        chars
            .iter()
            .filter(|&&c| charmap.map(c).is_some())
            .map(|&c| u32::from(c)),
    );
    let drop_tables: IntSet<Tag> = DEFAULT_DROP_TABLES.iter().copied().collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    // Family, subfamily, full and PostScript names: OTS wants a usable `name` table.
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::new(0)..=NameId::new(6));
    let mut name_languages = IntSet::<u16>::empty();
    name_languages.insert(0x0409);
    // resvg draws unhinted outlines; dropping the hinting keeps browsers closer to it and
    // the file smaller.
    let plan = Plan::new(
        &IntSet::empty(),
        &unicodes,
        &font,
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
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
    use skrifa::raw::TableProvider;

    const SAMPLE: &str = "£25 – Llanfair ŵ ŷ é AVATAR To Wa fi ffi “quoted” 1/2";

    /// (glyph advance, x offset) per glyph, in font units, and the total advance.
    fn shape(data: &[u8], text: &str) -> (Vec<(i32, i32)>, i32) {
        let font = FontRef::new(data).unwrap();
        let shaper_data = ShaperData::new(&font);
        let shaper = shaper_data.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let output = shaper.shape(buffer, ShapeOptions::new());
        let positions: Vec<(i32, i32)> = output
            .glyph_positions()
            .iter()
            .map(|p| (p.x_advance, p.x_offset))
            .collect();
        let total = positions.iter().map(|p| p.0).sum();
        (positions, total)
    }

    #[test]
    fn subset_keeps_the_tables_browsers_need_and_is_small() {
        let chars: BTreeSet<char> = SAMPLE.chars().collect();
        for data in [REGULAR_TTF, BOLD_TTF] {
            let out = subset(data, &chars).expect("subset");
            let font = FontRef::new(&out).unwrap();
            for tag in [
                b"cmap", b"OS/2", b"name", b"GPOS", b"GSUB", b"glyf", b"hmtx",
            ] {
                assert!(
                    font.table_data(Tag::new(tag)).is_some(),
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
    fn subset_shapes_like_the_full_font() {
        // Same advances and kerning as the full face: browsers then break nothing the layout
        // measured.
        let chars: BTreeSet<char> = SAMPLE.chars().collect();
        for data in [REGULAR_TTF, BOLD_TTF] {
            let out = subset(data, &chars).unwrap();
            let (full, full_total) = shape(data, SAMPLE);
            let (sub, sub_total) = shape(&out, SAMPLE);
            assert_eq!(full, sub);
            assert_eq!(full_total, sub_total);
            // Kerning is really there: "AV" is tighter than "A" plus "V".
            let (av, _) = shape(&out, "AV");
            let (a, _) = shape(&out, "A");
            let (v, _) = shape(&out, "V");
            assert!(av[0].0 + av[1].0 < a[0].0 + v[0].0, "no kerning in subset");
        }
    }

    #[test]
    fn subset_is_deterministic() {
        let chars: BTreeSet<char> = SAMPLE.chars().collect();
        assert_eq!(subset(REGULAR_TTF, &chars), subset(REGULAR_TTF, &chars));
    }

    #[test]
    fn subset_accepts_any_characters() {
        // Characters the face lacks, controls and the empty set must not break it.
        let odd: BTreeSet<char> = ['\0', '\u{7}', '✓', '→', '\u{10FFFF}', '中', '\u{FFFD}']
            .into_iter()
            .collect();
        assert!(subset(REGULAR_TTF, &odd).is_some());
        assert!(subset(BOLD_TTF, &BTreeSet::new()).is_some());
        // Every character the face covers at once.
        let font = FontRef::new(REGULAR_TTF).unwrap();
        let all: BTreeSet<char> = font
            .charmap()
            .mappings()
            .filter_map(|(c, _)| char::from_u32(c))
            .collect();
        assert!(all.len() > 1000);
        assert!(subset(REGULAR_TTF, &all).is_some());
    }

    #[test]
    fn style_has_one_face_per_weight_used() {
        use crate::scene::{Color, Point};
        use crate::text::{place, shape, Style};
        let line = |text: &str, weight| {
            let style = Style::new(weight, 12.0);
            Item::Text(place(
                shape(text, style),
                style,
                Point::new(0.0, 0.0),
                Color::rgb(0, 0, 0),
            ))
        };
        assert_eq!(style(&[]), None);
        let regular_only = style(&[line("abc", Weight::Regular)]).unwrap();
        assert_eq!(regular_only.matches("@font-face").count(), 1);
        assert!(regular_only.contains("font-weight:400"));
        let both = style(&[
            line("abc", Weight::Regular),
            line("Bold", Weight::Bold),
            line("more", Weight::Regular),
        ])
        .unwrap();
        assert_eq!(both.matches("@font-face").count(), 2);
        assert!(both.contains("font-weight:700"));
        assert!(both.contains("font-family:\"Noto Sans\""));
        assert!(both.contains("src:url(data:font/ttf;base64,"));
    }
}
