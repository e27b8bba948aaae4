//! Text: shaping, measuring and wrapping with the bundled fonts.
//!
//! One shaper (harfrust, the one usvg uses) measures every line, so the widths the layout
//! plans with are the widths resvg draws and the glyph positions the PDF writer emits.

mod fonts;
mod wrap;

pub use fonts::{Face, Fonts, BOLD_TTF, FAMILY, REGULAR_TTF};
pub use wrap::wrap;

use crate::scene::{Color, Glyph, Point, Role, Text, Weight};
use harfrust::{ShapeOptions, UnicodeBuffer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A shaped line of text before it is placed on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The characters of the line.
    pub text: String,
    /// The glyphs, positioned relative to the line's start.
    pub glyphs: Vec<Glyph>,
    /// The advance width, in pt.
    pub width: f32,
    /// Whether the line goes on with a word broken at the end of the line before, rather
    /// than starting a new word: a reader joins the two without a space.
    pub continues_word: bool,
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

/// A shaped glyph in font units, before it is scaled to a size.
#[derive(Debug, Clone, Copy)]
struct UnitGlyph {
    id: u16,
    advance: i32,
    x_offset: i32,
    y_offset: i32,
    start: usize,
    end: usize,
}

/// How many shaped strings the cache keeps before it starts afresh.
const CACHE_LIMIT: usize = 50_000;

thread_local! {
    /// Shaping results by face and text. Shaping does not depend on the size (the faces
    /// are unhinted and have no optical sizes), so fitting, which tries many sizes, shapes
    /// each string once. Only looked up, never iterated, so it cannot affect any output.
    static SHAPED: RefCell<[HashMap<String, Rc<[UnitGlyph]>>; 2]> = RefCell::default();
}

/// Shapes one line of text (no wrapping) with the bundled face of the style.
pub fn shape(text: &str, style: Style) -> Line {
    let face = Fonts::get().face(style.weight);
    let units = SHAPED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let map = &mut cache[style.weight as usize];
        if let Some(hit) = map.get(text) {
            return hit.clone();
        }
        if map.len() >= CACHE_LIMIT {
            map.clear();
        }
        let shaped: Rc<[UnitGlyph]> = shape_units(text, face).into();
        map.insert(text.to_string(), shaped.clone());
        shaped
    });
    let scale = style.size / face.units_per_em;
    let glyphs: Vec<Glyph> = units
        .iter()
        .map(|g| Glyph {
            id: g.id,
            advance: g.advance as f32 * scale,
            x_offset: g.x_offset as f32 * scale,
            y_offset: g.y_offset as f32 * scale,
            start: g.start,
            end: g.end,
        })
        .collect();
    // Summed in font units, then scaled once, so a line's width does not depend on how
    // rounding errors of its glyphs add up.
    let width = units.iter().map(|g| i64::from(g.advance)).sum::<i64>() as f32 * scale;
    Line {
        text: text.to_string(),
        glyphs,
        width,
        continues_word: false,
    }
}

fn shape_units(text: &str, face: &Face) -> Vec<UnitGlyph> {
    let shaper = face.shaper_data().shaper(face.font()).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let latin = buffer.direction() == harfrust::Direction::LeftToRight
        && buffer.script() == harfrust::script::LATIN
        && buffer.language().is_none();
    let plan = latin.then(|| face.latin_plan(&shaper));
    let output = shaper.shape(buffer, ShapeOptions::new().plan(plan));
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        // A cluster ends where the next different cluster starts (left-to-right text).
        let end = infos[i + 1..]
            .iter()
            .map(|next| next.cluster as usize)
            .find(|&c| c != start)
            .unwrap_or(text.len());
        glyphs.push(UnitGlyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            start,
            end,
        });
    }
    glyphs
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
        continues_word: line.continues_word,
        role: Role::default(),
    }
}
