//! The embedded faces: each bundled face cut down to the glyphs the page shows, under their
//! original glyph ids, and named with a subset tag derived from those glyphs.
//!
//! printpdf subsets fonts only with its `text_layout` feature, which brings a layout engine
//! and system-font code along. Subsetting here instead, with the same subsetter the SVG
//! writer uses, and keeping the glyph ids, lets the shaped ids go into the content stream
//! unchanged while printpdf embeds the bytes as they are.

use super::glyphs::GlyphTexts;
use super::ids::{fnv1a, FNV_BASIS};
use super::output;
use crate::error::{PdfError, Result};
use crate::scene::Weight;
use crate::text::Fonts;
use crate::write::subset::{subset, Keep};
use printpdf::{FontId, ParsedFont};
use skrifa::instance::{LocationRef, Size};
use skrifa::string::StringId;
use skrifa::{GlyphId, MetadataProvider};
use std::collections::{BTreeMap, BTreeSet};

/// The glyphs the page shows in one face.
fn glyphs_of(texts: &GlyphTexts, weight: Weight) -> BTreeSet<u16> {
    (texts.keys())
        .filter(|(w, _)| *w == weight)
        .map(|(_, gid)| *gid)
        .collect()
}

/// One resource name per face in use. Its first six letters become the font's subset tag,
/// so they are uppercase A–Z and derived from the glyph set: equal subsets get equal tags,
/// different subsets (almost surely) different ones.
pub(super) fn font_ids(texts: &GlyphTexts) -> BTreeMap<Weight, FontId> {
    let mut ids = BTreeMap::new();
    for weight in [Weight::Regular, Weight::Bold] {
        let gids: Vec<u8> = (glyphs_of(texts, weight).into_iter())
            .flat_map(u16::to_be_bytes)
            .collect();
        if gids.is_empty() {
            continue;
        }
        let mut hash = fnv1a(FNV_BASIS, &gids);
        let mut tag: String = (0..6)
            .map(|_| {
                let letter = char::from(b'A' + (hash % 26) as u8);
                hash /= 26;
                letter
            })
            .collect();
        tag.push_str(match weight {
            Weight::Regular => "NotoSansR",
            Weight::Bold => "NotoSansB",
        });
        ids.insert(weight, FontId(tag));
    }
    ids
}

/// The face of `weight` cut down to the glyphs `texts` holds for it, named
/// `TAG+PostScriptName` with the first six letters of `id` as the tag.
pub(super) fn embedded_font(weight: Weight, texts: &GlyphTexts, id: &FontId) -> Result<ParsedFont> {
    let face = Fonts::get().face(weight);
    let data = subset(face.data, Keep::Glyphs(&glyphs_of(texts, weight)))
        .ok_or_else(|| output(PdfError::Subset))?;
    // printpdf's warnings concern mapping characters to glyphs, which this writer never
    // asks it to do: the text arrives as glyph ids.
    let mut font = ParsedFont::from_bytes(&data, 0, &mut Vec::new())
        .ok_or_else(|| output(PdfError::SubsetUnreadable))?;
    let name = (face.font().localized_strings(StringId::POSTSCRIPT_NAME))
        .english_or_first()
        .map(|name| name.to_string())
        .filter(|name| !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| output(PdfError::PostScriptName))?;
    let tag =
        id.0.get(..6)
            .ok_or_else(|| output(PdfError::FontIdTooShort))?;
    // printpdf tags only the fonts it subsets itself; this one arrives subset.
    font.font_name = Some(format!("{tag}+{name}"));
    Ok(font)
}

/// The width a viewer advances by after each glyph of the face, in thousandths of an em:
/// the `/W` entry printpdf writes, which is the advance truncated. The `TJ` runs are
/// computed against these widths.
pub(super) fn pdf_widths(weight: Weight) -> impl Fn(u16) -> f64 {
    let face = Fonts::get().face(weight);
    let metrics = (face.font()).glyph_metrics(Size::unscaled(), LocationRef::default());
    move |gid| {
        let advance = metrics.advance_width(GlyphId::new(u32::from(gid)));
        f64::from((advance.unwrap_or(0.0) * (1000.0 / face.units_per_em)).trunc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::pdf::glyphs::glyph_texts;
    use crate::write::pdf::tests::sample;

    #[test]
    fn fonts_are_tagged_subsets_of_the_glyphs_shown() {
        let texts = glyph_texts(&sample()).unwrap();
        let ids = font_ids(&texts);
        assert_eq!(ids.len(), 2);
        for (weight, id) in &ids {
            let font = embedded_font(*weight, &texts, id).unwrap();
            let name = font.font_name.clone().unwrap();
            let (tag, rest) = name.split_once('+').unwrap();
            assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(id.0.starts_with(tag));
            let expected = match weight {
                Weight::Regular => "NotoSans-Regular",
                Weight::Bold => "NotoSans-Bold",
            };
            assert_eq!(rest, expected);
            // printpdf writes `/W` from these widths; the painter assumes the face's own.
            let face = Fonts::get().face(*weight);
            let metrics = (face.font()).glyph_metrics(Size::unscaled(), LocationRef::default());
            for gid in glyphs_of(&texts, *weight) {
                let advance = metrics.advance_width(GlyphId::new(u32::from(gid)));
                let width = font.get_glyph_width(gid).map(f32::from);
                assert_eq!(width, advance, "advance of glyph {gid}");
            }
            assert!(font.original_bytes.len() < 30_000);
        }
    }

    #[test]
    fn equal_glyph_sets_get_equal_tags_and_others_differ() {
        let texts = glyph_texts(&sample()).unwrap();
        let mut fewer = texts.clone();
        let bold = *texts.keys().find(|(w, _)| *w == Weight::Bold).unwrap();
        fewer.remove(&bold);
        assert_eq!(font_ids(&texts), font_ids(&texts.clone()));
        assert_ne!(
            font_ids(&texts)[&Weight::Bold],
            font_ids(&fewer)[&Weight::Bold]
        );
    }
}
