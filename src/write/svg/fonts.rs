//! Font subsets for the SVG writer: one `@font-face` per face the page draws from.
//!
//! Browsers resolve `font-family` through `@font-face` rules before system fonts, so a page
//! that carries its own subsets looks the same on a machine without its fonts. usvg ignores
//! the rules and draws from its fontdb, so the PNG path is unaffected. Each subset keeps
//! what a browser needs to shape the text again (see `write::subset`), and holds the
//! characters drawn in its face: a roadmap's own face the characters it has, Noto Sans
//! those it lacks.

use super::runs::{css_weight, family, runs};
use crate::scene::{Face, Item};
use crate::write::subset::{subset, Keep};
use base64::Engine as _;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The `<style>` element with one `@font-face` per face the items' text is drawn from,
/// each subset to the characters drawn in it; `None` when the items hold no text.
pub(super) fn style(items: &[Item], faces: &[Face]) -> Option<String> {
    let used = collect(items);
    if used.is_empty() {
        return None;
    }
    let mut out = String::from("<style>");
    for (index, chars) in &used {
        if let Some(face) = faces.get(*index) {
            out.push_str(&font_face(face, chars));
        }
    }
    out.push_str("</style>");
    Some(out)
}

/// One `@font-face` rule: the face under its family and weight, subset to `chars` and
/// embedded in a `data:` URL. The HTML writer embeds a roadmap's faces with it too.
pub(crate) fn font_face(face: &Face, chars: &BTreeSet<char>) -> String {
    // A failed subset still has to look right in a browser: embed the whole face then.
    let data =
        subset(&face.data, face.index, Keep::Chars(chars)).unwrap_or_else(|| face.data.to_vec());
    let mut rule = String::new();
    let _ = write!(
        rule,
        "@font-face{{font-family:\"{}\";font-style:normal;font-weight:{};\
         src:url(data:font/ttf;base64,{}) format(\"truetype\")}}",
        family(face),
        css_weight(face.weight),
        base64::engine::general_purpose::STANDARD.encode(data),
    );
    rule
}

/// The characters each face draws (by its index in the scene), as the SVG will hold them
/// (after the writer's clean-up of control characters), in a stable order.
fn collect(items: &[Item]) -> BTreeMap<usize, BTreeSet<char>> {
    fn walk(items: &[Item], used: &mut BTreeMap<usize, BTreeSet<char>>) {
        for item in items {
            match item {
                Item::Shape(_) | Item::Qr(_) | Item::Image(_) => {}
                Item::Text(text) => {
                    for run in runs(text) {
                        let words = text.text.get(run.range).unwrap_or_default();
                        let chars: BTreeSet<char> =
                            words.chars().filter_map(super::markup::clean).collect();
                        if !chars.is_empty() {
                            used.entry(run.face).or_default().extend(chars);
                        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_has_one_face_per_weight_used() {
        use crate::scene::{Color, Point, Weight};
        use crate::text::{place, shape, Fonts, Style};
        let faces = Fonts::bundled().scene_faces();
        let line = |text: &str, weight| {
            let style = Style::new(Fonts::bundled(), weight, 12.0);
            Item::Text(place(
                shape(text, style),
                style,
                Point::new(0.0, 0.0),
                Color::rgb(0, 0, 0),
            ))
        };
        assert_eq!(style(&[], &faces), None);
        let regular_only = style(&[line("abc", Weight::Regular)], &faces).unwrap();
        assert_eq!(regular_only.matches("@font-face").count(), 1);
        assert!(regular_only.contains("font-weight:400"));
        let both = [
            line("abc", Weight::Regular),
            line("Bold", Weight::Bold),
            line("more", Weight::Regular),
        ];
        let both = style(&both, &faces).unwrap();
        assert_eq!(both.matches("@font-face").count(), 2);
        assert!(both.contains("font-weight:700"));
        assert!(both.contains("font-family:\"Noto Sans\""));
        assert!(both.contains("src:url(data:font/ttf;base64,"));
    }
}
