//! What a roadmap's own typeface lacks: the characters its text uses that the bundled Noto
//! Sans draws instead, said as a note at the `[fonts]` line so that a brand review is not
//! surprised by a pound sign in another face.

use super::{Label, Roadmap};
use crate::error::Diagnostic;
use crate::scene::Weight;

/// The roadmap's texts with the weight each is set in: titles bold, the rest regular.
fn texts(roadmap: &Roadmap) -> Vec<(&str, Weight)> {
    let mut texts = vec![(roadmap.title.as_str(), Weight::Bold)];
    let regular = [&roadmap.subtitle, &roadmap.footer, &roadmap.updated];
    texts.extend(
        regular
            .into_iter()
            .flatten()
            .map(|t| (t.as_str(), Weight::Regular)),
    );
    for stage in &roadmap.stages {
        texts.push((stage.title.as_str(), Weight::Bold));
        texts.extend(stage.summary.as_deref().map(|s| (s, Weight::Regular)));
        for offer in &stage.offers {
            texts.push((offer.title.as_str(), Weight::Bold));
            texts.push((offer.provider.as_str(), Weight::Regular));
            let details = [
                &offer.description,
                &offer.duration,
                &offer.audience,
                &offer.starts,
            ];
            texts.extend(
                details
                    .into_iter()
                    .flatten()
                    .map(|t| (t.as_str(), Weight::Regular)),
            );
            if let super::Cost::Chargeable { price: Some(price) } = &offer.cost {
                texts.push((price.as_str(), Weight::Bold));
            }
        }
    }
    texts.extend(
        roadmap
            .tags
            .iter()
            .map(|t| (t.label.as_str(), Weight::Regular)),
    );
    texts.extend(
        Label::ALL
            .iter()
            .map(|&l| (roadmap.labels.get(l), Weight::Regular)),
    );
    texts
}

/// The characters the roadmap's own faces lack and the bundled face draws, each with the
/// number of texts it appears in, in order of first appearance. Empty for a roadmap
/// without faces of its own.
pub fn fallback_chars(roadmap: &Roadmap) -> Vec<(char, usize)> {
    let fonts = roadmap.text_fonts();
    if !fonts.has_own() {
        return Vec::new();
    }
    let mut found: Vec<(char, usize)> = Vec::new();
    for (text, weight) in texts(roadmap) {
        let (own, other) = fonts.faces_for(weight);
        let Some(other) = other else { continue };
        let mut here: Vec<char> = Vec::new();
        for c in text
            .chars()
            .filter(|c| !c.is_whitespace() && !c.is_control())
        {
            let lacking = !fonts.face(own).covers(c) && fonts.face(other).covers(c);
            if lacking && !here.contains(&c) {
                here.push(c);
            }
        }
        for c in here {
            match found.iter_mut().find(|(f, _)| *f == c) {
                Some((_, places)) => *places += 1,
                None => found.push((c, 1)),
            }
        }
    }
    found
}

/// A note at the `[fonts]` regular face's line naming the characters drawn in the bundled
/// face instead of the roadmap's own ("£ (8 places) and ŵ (1 place) are not in Lato: drawn
/// in Noto Sans"); none when the roadmap's faces draw everything.
pub fn fallback_note(roadmap: &Roadmap) -> Option<Diagnostic> {
    let fonts = roadmap.fonts.as_ref()?;
    let found = fallback_chars(roadmap);
    if found.is_empty() {
        return None;
    }
    let named: Vec<String> = (found.iter())
        .map(|(c, n)| {
            let places = if *n == 1 { "place" } else { "places" };
            format!("{c} ({n} {places})")
        })
        .collect();
    let list = match named.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => return None,
    };
    let family = roadmap
        .text_fonts()
        .scene_faces()
        .get(2)
        .map(|f| f.family.clone());
    let family = family.unwrap_or_else(|| "the roadmap's typeface".to_string());
    let verb = if found.len() == 1 { "is" } else { "are" };
    Some(
        Diagnostic::warning(
            fonts.regular().span(),
            format!(
                "{list} {verb} not in {family}: drawn in {}",
                crate::text::FAMILY
            ),
        )
        .with_help(format!(
            "the page is complete; for one typeface throughout, use a version of {family} \
             that has these characters"
        )),
    )
}
