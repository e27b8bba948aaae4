//! Text: shaping, measuring and wrapping with the bundled fonts.
//!
//! One shaper (harfrust, the one usvg uses) measures every line, so the widths the layout
//! plans with are the widths resvg draws and the glyph positions the PDF writer emits.

mod fonts;
mod wrap;

pub use fonts::{Face, Fonts, BOLD_TTF, FAMILY, REGULAR_TTF};
pub use wrap::wrap;

use crate::scene::{Color, Glyph, Point, Text, Weight};
use harfrust::{ShapeOptions, UnicodeBuffer};

/// A shaped line of text before it is placed on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters of the line.
    pub text: String,
    /// The glyphs, positioned relative to the line's start.
    pub glyphs: Vec<Glyph>,
    /// The advance width, in pt.
    pub width: f32,
}

/// A font face at a size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// The face.
    pub weight: Weight,
    /// The size, in pt.
    pub size: f32,
}

impl Style {
    /// Makes a style from a face and a size in pt.
    pub const fn new(weight: Weight, size: f32) -> Self {
        Self { weight, size }
    }

    /// The ascent at this size, in pt.
    pub fn ascent(&self) -> f32 {
        Fonts::get().face(self.weight).ascent * self.size
    }

    /// The descent at this size, in pt (positive).
    pub fn descent(&self) -> f32 {
        Fonts::get().face(self.weight).descent * self.size
    }
}

/// Shapes one line of text (no wrapping) with the bundled face of the style.
pub fn shape(text: &str, style: Style) -> Line {
    let face = Fonts::get().face(style.weight);
    let shaper = face.shaper_data().shaper(face.font()).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let output = shaper.shape(buffer, ShapeOptions::new());
    let scale = style.size / face.units_per_em;
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut width = 0.0;
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        // A cluster ends where the next different cluster starts (left-to-right text).
        let end = infos[i + 1..]
            .iter()
            .map(|next| next.cluster as usize)
            .find(|&c| c != start)
            .unwrap_or(text.len());
        let advance = pos.x_advance as f32 * scale;
        glyphs.push(Glyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance,
            x_offset: pos.x_offset as f32 * scale,
            y_offset: pos.y_offset as f32 * scale,
            start,
            end,
        });
        width += advance;
    }
    Line {
        text: text.to_string(),
        glyphs,
        width,
    }
}

/// The advance width of `text` in the style, in pt.
pub fn measure(text: &str, style: Style) -> f32 {
    shape(text, style).width
}

/// Places a shaped line with its baseline starting at `origin`.
pub fn place(line: Line, style: Style, origin: Point, color: Color) -> Text {
    Text {
        origin,
        size: style.size,
        weight: style.weight,
        color,
        ascent: style.ascent(),
        descent: style.descent(),
        text: line.text,
        glyphs: line.glyphs,
        width: line.width,
    }
}
