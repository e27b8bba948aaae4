//! Font subsets for the SVG writer: one `@font-face` per weight the page uses.
//!
//! Browsers resolve `font-family` through `@font-face` rules before system fonts, so a page
//! that carries its own subset of Noto Sans looks the same on a machine without Noto Sans.
//! usvg ignores the rules and draws from its fontdb, so the PNG path is unaffected. Each
//! subset keeps what a browser needs to shape the text again (see `write::subset`).

use crate::scene::{Item, Weight};
use crate::text::Fonts;
use crate::write::subset::{subset, Keep};
use base64::Engine as _;
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
        let data = subset(face.data, Keep::Chars(chars)).unwrap_or_else(|| face.data.to_vec());
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
                Item::Shape(_) | Item::Qr(_) | Item::Image(_) => {}
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

#[cfg(test)]
mod tests {
    use super::*;

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
