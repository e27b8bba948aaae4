//! A text line cut where its glyphs' face changes: a roadmap's own face, and Noto Sans for
//! the characters that face lacks. Each run is written with its own family, and each run
//! after the first at its own x, so that viewers shape each run on its own with its own
//! face, as the layout did.

use crate::scene::{Face, Text, Weight};
use std::ops::Range;

/// Part of a line drawn from one face.
pub(super) struct Run {
    /// The face's index in the scene.
    pub face: usize,
    /// The run's bytes of the line's text.
    pub range: Range<usize>,
    /// Where the run starts, from the line's origin, pt.
    pub x: f32,
}

/// The runs of a line: one for a line drawn from a single face (every line of a page
/// without fonts of its own).
pub(super) fn runs(text: &Text) -> Vec<Run> {
    let first = text
        .glyphs
        .first()
        .map_or_else(|| bundled_face(text.weight), |g| usize::from(g.face));
    let mut runs = vec![Run {
        face: first,
        range: 0..text.text.len(),
        x: 0.0,
    }];
    let mut pen = 0.0;
    for glyph in &text.glyphs {
        let start = glyph.start.min(text.text.len());
        if let Some(last) = runs.last_mut() {
            if last.face != usize::from(glyph.face) && start > last.range.start {
                last.range.end = start;
                runs.push(Run {
                    face: usize::from(glyph.face),
                    range: start..text.text.len(),
                    x: pen,
                });
            }
        }
        pen += glyph.advance;
    }
    runs
}

/// The bundled face of a weight: what a line without glyphs names.
fn bundled_face(weight: Weight) -> usize {
    match weight {
        Weight::Bold => 1,
        _ => 0,
    }
}

/// The family a face is known by, kept to characters that need no quoting in CSS or XML
/// (the text stage names faces so; a scene built by hand might not).
pub(crate) fn family(face: &Face) -> String {
    (face.family.chars())
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
        .collect()
}

/// The `font-family` list of a run in `face`: the face's family, then Noto Sans for the
/// characters a roadmap's own face lacks, then the generic family for viewers that ignore
/// the embedded fonts. Families are spelled exactly as their `@font-face` rules and usvg's
/// fontdb spell them: usvg drops text whose family it cannot find.
pub(super) fn family_list(face: Option<&Face>) -> String {
    let noto = crate::text::FAMILY;
    match face {
        Some(face) if !face.bundled => format!("'{}', '{noto}', sans-serif", family(face)),
        _ => format!("'{noto}', sans-serif"),
    }
}

/// The CSS weight a face is declared with.
pub(super) fn css_weight(weight: Weight) -> &'static str {
    match weight {
        Weight::Bold => "700",
        _ => "400",
    }
}
