//! The embedded faces: each face the pages draw from (a bundled Noto Sans face, a
//! roadmap's own) cut down to the glyphs all the pages show, under their original glyph
//! ids, and named with a subset tag derived from those glyphs.
//!
//! printpdf subsets fonts only with its `text_layout` feature, which brings a layout engine
//! and system-font code along. Subsetting here instead, with the same subsetter the SVG
//! writer uses, and keeping the glyph ids, lets the shaped ids go into the content stream
//! unchanged while printpdf embeds the bytes as they are.

use super::glyphs::GlyphTexts;
use super::ids::{fnv1a, FNV_BASIS};
use super::output;
use crate::error::{PdfError, Result};
use crate::scene::{Face, Weight};
use crate::write::subset::{subset, Keep};
use printpdf::{FontId, ParsedFont};
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};
use std::collections::{BTreeMap, BTreeSet};

/// The glyphs the pages show in one face.
fn glyphs_of(texts: &GlyphTexts, face: usize) -> BTreeSet<u16> {
    (texts.keys())
        .filter(|(f, _)| *f == face)
        .map(|(_, gid)| *gid)
        .collect()
}

/// One resource name per face in use, by the face's index in `faces`. Its first six
/// letters become the font's subset tag, so they are uppercase A–Z and derived from the
/// glyph set: equal subsets get equal tags, different subsets (almost surely) different
/// ones. The rest names the face, so that two faces never share a name.
pub(super) fn font_ids(faces: &[Face], texts: &GlyphTexts) -> BTreeMap<usize, FontId> {
    let mut ids = BTreeMap::new();
    let used: BTreeSet<usize> = texts.keys().map(|(face, _)| *face).collect();
    for index in used {
        let Some(face) = faces.get(index) else {
            continue;
        };
        let gids: Vec<u8> = (glyphs_of(texts, index).into_iter())
            .flat_map(u16::to_be_bytes)
            .collect();
        let mut hash = fnv1a(FNV_BASIS, &gids);
        let mut tag: String = (0..6)
            .map(|_| {
                let letter = char::from(b'A' + (hash % 26) as u8);
                hash /= 26;
                letter
            })
            .collect();
        let weight = match face.weight {
            Weight::Bold => 'B',
            _ => 'R',
        };
        if face.bundled {
            tag.push_str("NotoSans");
        } else {
            tag.push_str(&format!("Own{index}"));
        }
        tag.push(weight);
        ids.insert(index, FontId(tag));
    }
    ids
}

/// The face at `index` of `faces` cut down to the glyphs `texts` holds for it, named
/// `TAG+PostScriptName` with the first six letters of `id` as the tag.
pub(super) fn embedded_font(
    faces: &[Face],
    index: usize,
    texts: &GlyphTexts,
    id: &FontId,
) -> Result<ParsedFont> {
    let face = (faces.get(index)).ok_or_else(|| output(PdfError::FontNotRegistered))?;
    let data = subset(
        &face.data,
        face.index,
        Keep::Glyphs(&glyphs_of(texts, index)),
    )
    .ok_or_else(|| output(PdfError::Subset))?;
    // printpdf's warnings concern mapping characters to glyphs, which this writer never
    // asks it to do: the text arrives as glyph ids.
    let mut font = ParsedFont::from_bytes(&data, 0, &mut Vec::new())
        .ok_or_else(|| output(PdfError::SubsetUnreadable))?;
    let name = postscript_name(face).ok_or_else(|| output(PdfError::PostScriptName))?;
    let tag =
        id.0.get(..6)
            .ok_or_else(|| output(PdfError::FontIdTooShort))?;
    // printpdf tags only the fonts it subsets itself; this one arrives subset.
    font.font_name = Some(format!("{tag}+{name}"));
    Ok(font)
}

/// The face's PostScript name, or for a face without a usable one, a name made from its
/// family and weight (`BrandSans-Bold`): a PDF names a font by it, so it must be printable
/// ASCII without the characters PDF names and PostScript reserve.
fn postscript_name(face: &Face) -> Option<String> {
    let usable = |name: &str| {
        !name.is_empty()
            && name.len() <= 63
            && (name.bytes()).all(|b| b.is_ascii_graphic() && !b"[](){}<>/%#".contains(&b))
    };
    let font = FontRef::from_index(&face.data, face.index).ok()?;
    let named = (font.localized_strings(StringId::POSTSCRIPT_NAME))
        .english_or_first()
        .map(|name| name.to_string())
        .filter(|name| usable(name));
    named.or_else(|| {
        let family: String = (face.family.chars())
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let weight = match face.weight {
            Weight::Bold => "Bold",
            _ => "Regular",
        };
        let made = format!(
            "{}-{weight}",
            if family.is_empty() { "Font" } else { &family }
        );
        usable(&made).then_some(made)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Scene;
    use crate::write::pdf::glyphs::glyph_texts;
    use crate::write::pdf::tests::sample;
    use crate::write::pdf::widths::Widths;
    use skrifa::instance::{LocationRef, Size};
    use skrifa::GlyphId;

    fn texts(scene: &Scene) -> GlyphTexts {
        glyph_texts([scene], &Widths::new(&scene.faces)).unwrap()
    }

    #[test]
    fn fonts_are_tagged_subsets_of_the_glyphs_shown() {
        let scene = sample();
        let texts = texts(&scene);
        let ids = font_ids(&scene.faces, &texts);
        assert_eq!(ids.len(), 2);
        for (index, id) in &ids {
            let font = embedded_font(&scene.faces, *index, &texts, id).unwrap();
            let name = font.font_name.clone().unwrap();
            let (tag, rest) = name.split_once('+').unwrap();
            assert!(tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(id.0.starts_with(tag));
            let face = &scene.faces[*index];
            let expected = match face.weight {
                Weight::Regular => "NotoSans-Regular",
                _ => "NotoSans-Bold",
            };
            assert_eq!(rest, expected);
            // printpdf writes `/W` from these widths; the painter assumes the face's own.
            let original = FontRef::new(&face.data).unwrap();
            let metrics = original.glyph_metrics(Size::unscaled(), LocationRef::default());
            for gid in glyphs_of(&texts, *index) {
                let advance = metrics.advance_width(GlyphId::new(u32::from(gid)));
                let width = font.get_glyph_width(gid).map(f32::from);
                assert_eq!(width, advance, "advance of glyph {gid}");
            }
            assert!(font.original_bytes.len() < 30_000);
        }
    }

    #[test]
    fn equal_glyph_sets_get_equal_tags_and_others_differ() {
        let scene = sample();
        let texts = texts(&scene);
        let mut fewer = texts.clone();
        let bold = *texts.keys().find(|(face, _)| *face == 1).unwrap();
        fewer.remove(&bold);
        let faces = &scene.faces;
        assert_eq!(font_ids(faces, &texts), font_ids(faces, &texts.clone()));
        assert_ne!(font_ids(faces, &texts)[&1], font_ids(faces, &fewer)[&1]);
    }
}
