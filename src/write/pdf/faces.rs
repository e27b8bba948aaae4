//! The faces of several pages as one list, so that a face drawn on several pages is
//! embedded once, as one subset of the glyphs every page shows.
//!
//! Each scene numbers its own faces ([`Glyph::face`](crate::scene::Glyph::face) indexes
//! [`Scene::faces`]). Pages laid out from one roadmap share their list; pages of
//! different roadmaps need not. The document's list starts as the first page's, as it is
//! (so a one-page document is written exactly as it was before there were several), and
//! takes every face of a later page that it lacks at its end. A page whose faces are
//! numbered differently from the document's is copied with its glyphs renumbered.

use super::output;
use crate::error::{PdfError, Result};
use crate::scene::{Face, Item, Scene};
use std::borrow::Cow;

/// The pages with their faces numbered as in one list, which every returned scene holds
/// as its [`Scene::faces`].
///
/// # Errors
///
/// [`PdfError::FontNotRegistered`] for a glyph of a face its scene lacks, or when the
/// pages have more distinct faces than a glyph can number.
pub(super) fn common(pages: &[Scene]) -> Result<Vec<Cow<'_, Scene>>> {
    let Some(first) = pages.first() else {
        return Ok(Vec::new());
    };
    let mut faces = first.faces.clone();
    let numbering: Vec<Vec<u16>> = (pages.iter().enumerate())
        .map(|(page, scene)| {
            (scene.faces.iter().enumerate())
                .map(|(index, face)| {
                    // The first page keeps its numbering, twins included.
                    let at = match page {
                        0 => index,
                        _ => faces
                            .iter()
                            .position(|known| known == face)
                            .unwrap_or_else(|| {
                                faces.push(face.clone());
                                faces.len() - 1
                            }),
                    };
                    u16::try_from(at).map_err(|_| output(PdfError::FontNotRegistered))
                })
                .collect()
        })
        .collect::<Result<_>>()?;
    (pages.iter().zip(numbering))
        .map(|(scene, numbering)| {
            let same = scene.faces.len() == faces.len()
                && (numbering.iter().enumerate()).all(|(i, &at)| usize::from(at) == i);
            if same {
                return Ok(Cow::Borrowed(scene));
            }
            let mut copy = scene.clone();
            renumber(&mut copy.items, &numbering)?;
            copy.faces = faces.clone();
            Ok(Cow::Owned(copy))
        })
        .collect()
}

/// Gives every glyph among `items`, inside links too, its face's number in the
/// document's list.
fn renumber(items: &mut [Item], numbering: &[u16]) -> Result<()> {
    for item in items {
        match item {
            Item::Text(text) => {
                for glyph in &mut text.glyphs {
                    glyph.face = *numbering
                        .get(usize::from(glyph.face))
                        .ok_or_else(|| output(PdfError::FontNotRegistered))?;
                }
            }
            Item::Link(link) => renumber(&mut link.children, numbering)?,
            Item::Shape(_) | Item::Qr(_) | Item::Image(_) => {}
        }
    }
    Ok(())
}

/// The faces every page of `pages` (as [`common`] returns them) numbers its glyphs by.
pub(super) fn of<'a>(pages: &'a [Cow<'_, Scene>]) -> &'a [Face] {
    pages.first().map_or(&[], |page| page.faces.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::pdf::tests::sample;

    #[test]
    fn pages_with_the_same_faces_are_not_copied() {
        let pages = [sample(), sample()];
        let common = common(&pages).unwrap();
        assert!(common.iter().all(|page| matches!(page, Cow::Borrowed(_))));
        assert_eq!(of(&common), pages[0].faces.as_slice());
    }

    #[test]
    fn a_later_page_with_other_faces_is_renumbered_into_one_list() {
        let first = sample();
        let mut second = sample();
        // The second page knows only the bold face, as its face 0.
        let bold = second.faces[1].clone();
        second.faces = vec![bold.clone()];
        second.items.retain(|item| match item {
            Item::Text(text) => text.glyphs.iter().all(|g| g.face == 1),
            _ => false,
        });
        let mut bold_glyphs = 0;
        for item in &mut second.items {
            if let Item::Text(text) = item {
                for glyph in &mut text.glyphs {
                    glyph.face = 0;
                    bold_glyphs += 1;
                }
            }
        }
        assert!(bold_glyphs > 0);
        let pages = [first.clone(), second];
        let common = common(&pages).unwrap();
        assert!(matches!(common[0], Cow::Borrowed(_)));
        assert_eq!(of(&common), first.faces.as_slice());
        assert_eq!(common[1].faces, first.faces);
        let faces: Vec<u16> = (common[1].flatten().into_iter())
            .filter_map(|item| match item {
                Item::Text(text) => Some(text.glyphs.iter().map(|g| g.face)),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(faces.len(), bold_glyphs);
        assert!(faces
            .iter()
            .all(|&face| first.faces[usize::from(face)] == bold));
    }

    #[test]
    fn a_glyph_of_a_face_its_page_lacks_is_refused() {
        let mut second = sample();
        second.faces.truncate(1);
        let pages = [sample(), second];
        assert!(matches!(
            common(&pages),
            Err(crate::Error::Pdf(PdfError::FontNotRegistered))
        ));
    }
}
