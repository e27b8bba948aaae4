//! What PDF text is made of: the text each glyph stands for in the ToUnicode maps, and the
//! `TJ` runs that place each line's glyphs exactly where the shaper put them.
//!
//! A line that continues the text of the line before it in the structure tree (the second
//! line of a wrapped title) starts with a space that takes no room: a reader joining the
//! lines' text then gets words, not "trainingroadmap". The space stands just left of the
//! line, where its box overlaps no glyph.

use super::output;
use super::round;
use super::widths::Widths;
use crate::error::{PdfError, Result};
use crate::scene::{Item, Scene, Text};
use printpdf::{Codepoint, TextItem};
use std::collections::BTreeMap;

/// The text each glyph stands for in its font's ToUnicode map, per face (its index in the
/// scene) and glyph id.
pub(super) type GlyphTexts = BTreeMap<(usize, u16), String>;

/// Maps each glyph to the text of the first cluster it starts, on the first page it is
/// shown on, so that every occurrence of a glyph carries the same ToUnicode text: the map
/// is per glyph, not per occurrence. Glyphs that only ever continue a cluster map to
/// nothing. The pages number their faces alike ([`super::faces::common`]).
pub(super) fn glyph_texts<'s>(
    pages: impl IntoIterator<Item = &'s Scene>,
    widths: &Widths,
) -> Result<GlyphTexts> {
    let mut texts = GlyphTexts::new();
    let items = (pages.into_iter())
        .flat_map(|scene| scene.flatten().into_iter().map(move |item| (scene, item)));
    for (scene, item) in items {
        let Item::Text(text) = item else { continue };
        for (i, glyph) in text.glyphs.iter().enumerate() {
            let cluster = text.text.get(glyph.start..glyph.end).ok_or_else(|| {
                output(PdfError::GlyphOutsideText {
                    text: text.text.clone(),
                })
            })?;
            if usize::from(glyph.face) >= scene.faces.len() {
                return Err(output(PdfError::FontNotRegistered));
            }
            if glyph.id == 0 && !cluster.trim().is_empty() {
                return Err(output(PdfError::MissingGlyph {
                    cluster: cluster.to_string(),
                    text: text.text.clone(),
                }));
            }
            let starts_cluster = i == 0 || text.glyphs[i - 1].start != glyph.start;
            let text_of = if starts_cluster { cluster } else { "" };
            let entry = texts
                .entry((usize::from(glyph.face), glyph.id))
                .or_default();
            if entry.is_empty() {
                *entry = text_of.to_string();
            }
        }
    }
    // Every face in use keeps its space, which lines that continue a text start with.
    let faces: Vec<usize> = texts.keys().map(|(face, _)| *face).collect();
    for face in faces {
        if let Some(space) = widths.space(face) {
            texts.insert((face, space), " ".to_string());
        }
    }
    Ok(texts)
}

/// Glyphs of one line drawn from one face with one vertical offset (text rise, in pt).
pub(super) struct Run {
    pub(super) face: usize,
    pub(super) rise: f32,
    pub(super) items: Vec<TextItem>,
}

/// The `TJ` arrays of a line, a new one wherever the face or the rise changes. After each
/// glyph the viewer advances by its face's width of it (`widths`), in thousandths of an
/// em; a number `n` after it moves the pen back by `n` thousandths, as `TJ` defines. Each
/// number is computed from the absolute shaped position, so rounding never accumulates,
/// across runs and faces too, and the line ends exactly at the shaped width. With
/// `lead_space` the line starts with a space that takes no room (see the module's doc).
pub(super) fn glyph_runs(
    text: &Text,
    texts: &GlyphTexts,
    widths: &Widths,
    lead_space: bool,
) -> Vec<Run> {
    let size = f64::from(text.size);
    let mut runs: Vec<Run> = Vec::new();
    let mut pdf_pen = 0.0_f64; // where the viewer's pen is, in pt from the origin
    let mut shaped_pen = 0.0_f64; // where the shaper's pen is
    let kern_to = |run: &mut Run, pdf_pen: &mut f64, target: f64| {
        let kern = round(((*pdf_pen - target) * 1000.0 / size) as f32, 100.0);
        *pdf_pen -= f64::from(kern) * size / 1000.0;
        if kern == 0.0 {
            return;
        }
        match run.items.last_mut() {
            Some(TextItem::GlyphIds(glyphs)) if !glyphs.is_empty() => {
                let last = glyphs.len() - 1;
                glyphs[last].offset += kern;
            }
            _ => run.items.push(TextItem::Offset(kern)),
        }
    };
    let first_face = text.glyphs.first().map_or(0, |g| usize::from(g.face));
    let space = lead_space
        .then(|| widths.space(first_face))
        .flatten()
        .filter(|gid| texts.contains_key(&(first_face, *gid)));
    for glyph in &text.glyphs {
        let face = usize::from(glyph.face);
        let same = |run: &Run| run.rise == glyph.y_offset && run.face == face;
        if runs.last().is_none_or(|run| !same(run)) {
            let mut items = Vec::new();
            if let Some(gid) = space.filter(|_| runs.is_empty()) {
                // Back by the space's width, then the space brings the pen to the origin.
                let width = widths.width(first_face, gid) as f32;
                items.push(TextItem::Offset(width));
                let space = Codepoint::with_cid(gid, 0.0, " ".to_string());
                items.push(TextItem::GlyphIds(vec![space]));
            }
            runs.push(Run {
                face,
                rise: glyph.y_offset,
                items,
            });
        }
        let Some(run) = runs.last_mut() else { break };
        kern_to(run, &mut pdf_pen, shaped_pen + f64::from(glyph.x_offset));
        let cid = texts.get(&(face, glyph.id)).cloned().unwrap_or_default();
        let codepoint = Codepoint::with_cid(glyph.id, 0.0, cid);
        match run.items.last_mut() {
            Some(TextItem::GlyphIds(glyphs)) => glyphs.push(codepoint),
            _ => run.items.push(TextItem::GlyphIds(vec![codepoint])),
        }
        pdf_pen += widths.width(face, glyph.id) * size / 1000.0;
        shaped_pen += f64::from(glyph.advance);
    }
    if let Some(run) = runs.last_mut() {
        kern_to(run, &mut pdf_pen, shaped_pen);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::Weight;
    use crate::text::REGULAR_TTF;
    use crate::write::pdf::tests::{line, sample};
    use skrifa::instance::{LocationRef, Size};
    use skrifa::{FontRef, GlyphId, MetadataProvider};

    fn runs_of(text: &Text) -> Vec<Run> {
        let scene = Scene {
            items: vec![Item::Text(text.clone())],
            ..sample()
        };
        let widths = Widths::new(&scene.faces);
        let texts = glyph_texts([&scene], &widths).unwrap();
        glyph_runs(text, &texts, &widths, false)
    }

    #[test]
    fn pdf_lines_are_as_wide_as_shaped_lines() {
        let text = line("AVAVA Ty Wo, LT", Weight::Regular, 13.0, 0.0, 0.0);
        let font = FontRef::new(REGULAR_TTF).unwrap();
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut pen = 0.0_f64;
        let mut kerns = 0;
        for item in runs_of(&text).iter().flat_map(|r| &r.items) {
            let kern = |n: f32| -f64::from(n) * 13.0 / 1000.0;
            match item {
                TextItem::Offset(n) => pen += kern(*n),
                TextItem::GlyphIds(glyphs) => {
                    for g in glyphs {
                        let w = metrics
                            .advance_width(GlyphId::new(u32::from(g.gid)))
                            .unwrap();
                        pen += f64::from(w) * 13.0 / 1000.0 + kern(g.offset);
                        kerns += usize::from(g.offset != 0.0);
                    }
                }
                TextItem::Text(_) => panic!("text must go out as glyph ids"),
            }
        }
        assert!(kerns > 0, "the kerning of AV and Ty is missing");
        assert!(
            (pen - f64::from(text.width)).abs() < 1e-3,
            "{pen} vs {}",
            text.width
        );
    }

    #[test]
    fn cluster_texts_spell_the_line() {
        let text = line("£25 – Llanfair ŵ ŷ é fi", Weight::Regular, 10.0, 0.0, 0.0);
        let spelled: String = runs_of(&text)
            .iter()
            .flat_map(|r| &r.items)
            .filter_map(|item| match item {
                TextItem::GlyphIds(glyphs) => Some(glyphs),
                _ => None,
            })
            .flatten()
            .filter_map(|g| g.cid.clone())
            .collect();
        assert_eq!(spelled, text.text);
    }

    #[test]
    fn vertical_offsets_become_text_rise() {
        let mut text = line("ab c", Weight::Regular, 10.0, 0.0, 0.0);
        text.glyphs[1].y_offset = 2.0;
        let runs = runs_of(&text);
        let rises: Vec<f32> = runs.iter().map(|r| r.rise).collect();
        assert_eq!(rises, [0.0, 2.0, 0.0]);
    }
}
