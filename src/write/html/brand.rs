//! The roadmap's brand on the web: its `[colours]` over the stylesheet's own, and its
//! `[fonts]` as `@font-face` subsets, so that the web page and the printed one match.
//!
//! The stylesheet names its colours as custom properties (`--stage`, `--link` …); the
//! roadmap's colours set them again after it, each stage's on its own section. A colour
//! that stands behind or in front of words must reach 4.5:1 against them, as on paper
//! (the pre-flight's [`MIN_CONTRAST`]): one that does not is darkened, or lightened, step
//! by step until it does, so the brand's hue stays and the words stay readable.
//!
//! A roadmap without `[fonts]` keeps the system's fonts and embeds none. With them, each
//! of its faces is embedded, subset to the characters the page holds (and the digits and
//! brackets the script writes); what its regular face lacks (a Welsh ŵ, an arrow) is
//! drawn by Noto Sans, embedded too for those characters alone.

use crate::model::Roadmap;
use crate::preflight::MIN_CONTRAST;
use crate::scene::{Color, Face};
use crate::write::svg::font_face;
use skrifa::raw::FontRef;
use skrifa::MetadataProvider;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// White: what the stylesheet's badges and stage numbers are written in.
const WHITE: Color = Color::rgb(0xff, 0xff, 0xff);

/// How many steps darkening or lightening a colour may take, all the way to black or
/// white: 5 % of the way each.
const STEPS: u16 = 20;

/// The rules that put the roadmap's brand on the page, to follow the stylesheet; empty
/// for a roadmap with neither `[colours]` nor `[fonts]`. `text` is every character the
/// page shows.
pub(super) fn style(roadmap: &Roadmap, text: &BTreeSet<char>) -> String {
    let mut css = colours(roadmap);
    css.push_str(&fonts(roadmap, text));
    css
}

/// Whether the roadmap brings fonts of its own, which the page then embeds.
pub(super) fn has_fonts(roadmap: &Roadmap) -> bool {
    roadmap.fonts.is_some()
}

/// The custom properties for the roadmap's colours, each readable where the page uses it.
fn colours(roadmap: &Roadmap) -> String {
    let colours = &roadmap.colours;
    let get = |key: &str| colours.get(key);
    let stage_text = get("stage_text").unwrap_or(WHITE);
    let mut root = String::new();
    let mut set = |name: &str, colour: Color| {
        let _ = write!(root, " --{name}: {};", colour.to_hex());
    };
    if let Some(link) = get("link") {
        set("link", readable(link, WHITE));
    }
    if get("stage_text").is_some() {
        set("stage-text", stage_text);
    }
    for (key, text_key, name) in [
        ("free", "free_text", "free"),
        ("chargeable", "chargeable_text", "chargeable"),
    ] {
        let text = get(text_key);
        if let Some(text) = text {
            set(&format!("{name}-text"), text);
        }
        if let Some(badge) = get(key) {
            set(name, readable(badge, text.unwrap_or(WHITE)));
        } else if text.is_some() {
            // The stylesheet's own badge colour, checked against the roadmap's words.
            let own = if key == "free" { FREE } else { CHARGEABLE };
            set(name, readable(own, text.unwrap_or(WHITE)));
        }
    }
    if let Some(level) = get("level") {
        set("level", readable(level, WHITE));
    }
    let mut css = String::new();
    if !root.is_empty() {
        let _ = writeln!(css, ":root {{{root} }}");
    }
    if let Some(stages) = colours.stages() {
        for number in 1..=roadmap.stages.len() {
            let colour = stages[(number - 1) % stages.len()];
            let _ = writeln!(
                css,
                "section[aria-labelledby=\"stage-{number}\"] {{ --stage: {}; }}",
                readable(colour, stage_text).to_hex()
            );
        }
    }
    css
}

/// The stylesheet's own free and chargeable badge colours (`style.css`).
const FREE: Color = Color::rgb(0x00, 0x67, 0x47);
const CHARGEABLE: Color = Color::rgb(0x8a, 0x15, 0x38);

/// `colour`, or the nearest colour towards black (or white, when `against` is the
/// darker) that stands at least 4.5:1 against `against`.
pub(super) fn readable(colour: Color, against: Color) -> Color {
    let towards_black = against.luminance() >= colour.luminance();
    let mix = |c: u8, step: u16| -> u8 {
        let c = u16::from(c);
        let mixed = if towards_black {
            c * (STEPS - step) / STEPS
        } else {
            c + (255 - c) * step / STEPS
        };
        u8::try_from(mixed).unwrap_or(u8::MAX)
    };
    (0..=STEPS)
        .map(|step| {
            Color::rgb(
                mix(colour.r, step),
                mix(colour.g, step),
                mix(colour.b, step),
            )
        })
        .find(|c| c.contrast(against) >= MIN_CONTRAST)
        .unwrap_or(if towards_black {
            Color::rgb(0, 0, 0)
        } else {
            WHITE
        })
}

/// The `@font-face` rules of the roadmap's own faces and of the Noto Sans that draws what
/// they lack, and the page's font in them; empty without `[fonts]`.
fn fonts(roadmap: &Roadmap, text: &BTreeSet<char>) -> String {
    if !has_fonts(roadmap) {
        return String::new();
    }
    let faces = roadmap.text_fonts().scene_faces();
    let (own, noto): (Vec<&Face>, Vec<&Face>) = faces.iter().partition(|f| !f.bundled);
    let Some(regular) = own.first() else {
        return String::new();
    };
    let mut css = String::new();
    for face in &own {
        css.push_str(&font_face(face, text));
        css.push('\n');
    }
    let lacking: BTreeSet<char> = text
        .iter()
        .copied()
        .filter(|&c| !c.is_whitespace() && !covers(regular, c))
        .collect();
    let noto_family = crate::text::FAMILY;
    if !lacking.is_empty() {
        for face in noto {
            css.push_str(&font_face(face, &lacking));
            css.push('\n');
        }
    }
    let _ = writeln!(
        css,
        "body {{ font-family: \"{}\", \"{noto_family}\", system-ui, sans-serif; }}",
        crate::write::svg::family(regular)
    );
    css
}

/// Whether the face has a glyph for the character.
fn covers(face: &Face, c: char) -> bool {
    FontRef::from_index(&face.data, face.index).is_ok_and(|font| font.charmap().map(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_colours_keep_what_passes_and_darken_what_does_not() {
        let blue = Color::rgb(0x00, 0x5e, 0xb8);
        assert_eq!(readable(blue, WHITE), blue);
        let yellow = Color::rgb(0xff, 0xb8, 0x1c);
        let darker = readable(yellow, WHITE);
        assert!(darker.contrast(WHITE) >= MIN_CONTRAST);
        assert!(darker.r < yellow.r && darker.r > 0x40, "{darker:?}");
        // Against dark words, a dark colour is lightened.
        let ink = Color::rgb(0x21, 0x2b, 0x32);
        let lighter = readable(Color::rgb(0x33, 0x33, 0x66), ink);
        assert!(lighter.contrast(ink) >= MIN_CONTRAST && lighter.b > 0x66);
    }
}
