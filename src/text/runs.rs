//! Which face draws which part of a line: a roadmap's own face wherever it has the
//! characters, Noto Sans for the clusters it lacks.
//!
//! A cluster is a character with the combining marks and joiners after it: it goes to one
//! face whole, as browsers choose fonts, so that a mark is never set apart from its letter.

use std::ops::Range;

/// Whether a character attaches to the one before it: combining marks of the ranges Latin,
/// Greek and Cyrillic text use, variation selectors and zero-width joiners.
fn attaches(ch: char) -> bool {
    matches!(
        u32::from(ch),
        0x0300..=0x036F
            | 0x0483..=0x0489
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x200C..=0x200D
            | 0x20D0..=0x20FF
            | 0xFE00..=0xFE0F
            | 0xFE20..=0xFE2F
            | 0xE0100..=0xE01EF
    )
}

/// The clusters of `text`, in order.
pub(super) fn clusters(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        chars.next()?;
        let end = chars
            .find(|&(_, c)| !attaches(c))
            .map_or(rest.len(), |(i, _)| i);
        let (cluster, after) = rest.split_at(end);
        rest = after;
        Some(cluster)
    })
}

/// Whether the face (by index) has a glyph for the character.
pub(super) type Covers<'a> = &'a dyn Fn(usize, char) -> bool;

/// The face (by index) that draws `cluster`: `primary` when it has every character of the
/// cluster, else `fallback` when that has them all, else `primary` (whose missing glyph the
/// model has already refused).
pub(super) fn face_for(
    covers: Covers,
    cluster: &str,
    primary: usize,
    fallback: Option<usize>,
) -> usize {
    let has_all = |face: usize| cluster.chars().all(|c| covers(face, c));
    match fallback {
        Some(fallback) if !has_all(primary) && has_all(fallback) => fallback,
        _ => primary,
    }
}

/// `text` cut into runs of clusters drawn by one face each: byte ranges, with the face's
/// index. One run when the primary face draws it all.
pub(super) fn runs(
    covers: Covers,
    text: &str,
    primary: usize,
    fallback: Option<usize>,
) -> Vec<(Range<usize>, usize)> {
    let Some(_) = fallback.filter(|_| !text.chars().all(|c| covers(primary, c))) else {
        return vec![(0..text.len(), primary)];
    };
    let mut runs: Vec<(Range<usize>, usize)> = Vec::new();
    let mut start = 0;
    for cluster in clusters(text) {
        let end = start + cluster.len();
        let face = face_for(covers, cluster, primary, fallback);
        match runs.last_mut() {
            Some((range, last)) if *last == face => range.end = end,
            _ => runs.push((start..end, face)),
        }
        start = end;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Fonts;

    #[test]
    fn marks_stay_with_their_letter() {
        let text = "w\u{0302}a\u{0301}\u{0301}b";
        let found: Vec<&str> = clusters(text).collect();
        assert_eq!(found, ["w\u{0302}", "a\u{0301}\u{0301}", "b"]);
        assert_eq!(clusters("").count(), 0);
        // A mark with nothing before it is a cluster of its own.
        assert_eq!(clusters("\u{0301}x").count(), 2);
    }

    #[test]
    fn the_bundled_faces_draw_a_line_in_one_run() {
        let fonts = Fonts::bundled();
        let (primary, fallback) = fonts.faces_for(crate::scene::Weight::Bold);
        assert_eq!(fallback, None);
        let covers = |face: usize, c: char| fonts.face(face).covers(c);
        assert_eq!(
            runs(&covers, "Gŵr £5 ✓", primary, fallback),
            [(0..12, primary)]
        );
    }
}
