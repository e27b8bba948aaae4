//! Text: shaping, measuring and wrapping with a roadmap's fonts.
//!
//! One shaper (harfrust, the one usvg uses) measures every line, so the widths the layout
//! plans with are the widths resvg draws and the glyph positions the PDF writer emits.
//!
//! # Which fonts
//!
//! A [`Fonts`] set is the faces one roadmap's text is shaped with: the roadmap's own
//! regular and bold faces when its `[fonts]` table names them, with the bundled Noto Sans
//! drawing each cluster they lack, or Noto Sans alone. The model parses a roadmap's faces
//! once, when it reads the roadmap (it needs them to know which characters can be drawn),
//! and the layout shapes with that set; nothing is parsed per measurement.
//!
//! The set is passed explicitly, inside each [`Style`]: a style is a face of a font set at
//! a size, so `Style<'f>` borrows its set, and the layout's measures (which hold styles)
//! carry the same lifetime. A scoped, per-render "current fonts" would have spared those
//! lifetimes, but it would be state that a shaped line silently depends on; a style that
//! names its fonts cannot be measured with the wrong ones.
//!
//! Shaping results are cached per thread by font set, weight and text: a set of a
//! roadmap's own faces has a key no other set in the process has, so two renders with
//! different fonts in one process never share results. The key is only ever looked up.

mod fonts;
mod growth;
mod runs;
mod wrap;

pub use fonts::{Face, Fonts, OwnFile, FAMILY};
#[cfg(any(test, feature = "png"))]
pub use fonts::{BOLD_TTF, REGULAR_TTF};
pub use growth::{overgrown, Overgrowth, MAX_GLYPHS_PER_CHAR};
pub use wrap::wrap;

use crate::scene::{Color, Glyph, Point, Role, Text, Weight};
use harfrust::{ShapeOptions, UnicodeBuffer};
use skrifa::MetadataProvider;
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

/// A weight of a font set at a size.
#[derive(Clone, Copy)]
pub struct Style<'f> {
    /// The faces.
    pub fonts: &'f Fonts,
    /// The weight.
    pub weight: Weight,
    /// The size, in pt.
    pub size: f32,
}

impl std::fmt::Debug for Style<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Style")
            .field("weight", &self.weight)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl<'f> Style<'f> {
    /// Makes a style from a font set, a weight and a size in pt.
    pub const fn new(fonts: &'f Fonts, weight: Weight, size: f32) -> Self {
        Self {
            fonts,
            weight,
            size,
        }
    }

    /// The same fonts and size in another weight.
    pub const fn with_weight(self, weight: Weight) -> Self {
        Self { weight, ..self }
    }

    /// The face that draws this style's text, where it has the characters.
    fn face(&self) -> &'f Face {
        self.fonts.face(self.fonts.faces_for(self.weight).0)
    }

    /// The ascent of the style's face at this size, in pt.
    pub fn ascent(&self) -> f32 {
        self.face().ascent * self.size
    }

    /// The descent of the style's face at this size, in pt (positive).
    pub fn descent(&self) -> f32 {
        self.face().descent * self.size
    }
}

/// A shaped glyph in its face's units, before it is scaled to a size.
#[derive(Debug, Clone, Copy)]
struct UnitGlyph {
    face: u8,
    id: u16,
    advance: i32,
    x_offset: i32,
    y_offset: i32,
    start: usize,
    end: usize,
}

/// How many shaped strings the cache keeps before it starts afresh.
const CACHE_LIMIT: usize = 50_000;

/// Shaped lines by their text.
type Shaped = HashMap<String, Rc<[UnitGlyph]>>;

/// How many font sets and weights the cache keeps results for before it starts afresh: a
/// few, so finding one is a short scan (a page has two weights, a process usually one or
/// two sets), and results of sets no longer used do not pile up.
const CACHE_SETS: usize = 16;

/// Shaping results by font set (its key) and weight, then by text.
#[derive(Default)]
struct Cache {
    sets: Vec<(u64, Weight, Shaped)>,
    len: usize,
}

thread_local! {
    /// Shaping does not depend on the size (the faces are unhinted and have no optical
    /// sizes), so fitting, which tries many sizes, shapes each string once. Only looked
    /// up, never iterated, so it cannot affect any output.
    static SHAPED: RefCell<Cache> = RefCell::default();
}

/// Shapes one line of text (no wrapping) with the faces of the style.
pub fn shape(text: &str, style: Style) -> Line {
    let fonts = style.fonts;
    let units = SHAPED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let (key, weight) = (fonts.key(), style.weight);
        let find = |cache: &Cache| (cache.sets.iter()).position(|s| s.0 == key && s.1 == weight);
        if let Some(hit) = find(&cache).and_then(|i| cache.sets[i].2.get(text)) {
            return hit.clone();
        }
        if cache.len >= CACHE_LIMIT || (find(&cache).is_none() && cache.sets.len() >= CACHE_SETS) {
            *cache = Cache::default();
        }
        let shaped: Rc<[UnitGlyph]> = shape_line(text, style).into();
        cache.len += 1;
        let index = find(&cache).unwrap_or_else(|| {
            cache.sets.push((key, weight, Shaped::new()));
            cache.sets.len() - 1
        });
        cache.sets[index].2.insert(text.to_string(), shaped.clone());
        shaped
    });
    // A line is drawn from its style's face and, where that lacks characters, one other.
    let (primary, fallback) = fonts.faces_for(style.weight);
    let scale_of = |face: usize| style.size / fonts.face(face).units_per_em;
    let scales = (scale_of(primary), fallback.map_or(0.0, scale_of));
    let is_primary = |face: u8| usize::from(face) == primary;
    let glyphs: Vec<Glyph> = units
        .iter()
        .map(|g| {
            let scale = if is_primary(g.face) {
                scales.0
            } else {
                scales.1
            };
            Glyph {
                face: u16::from(g.face),
                id: g.id,
                advance: g.advance as f32 * scale,
                x_offset: g.x_offset as f32 * scale,
                y_offset: g.y_offset as f32 * scale,
                start: g.start,
                end: g.end,
            }
        })
        .collect();
    // Summed in font units per face, then scaled once per face, so a line's width does not
    // depend on how rounding errors of its glyphs add up.
    let (mut own, mut other) = (0_i64, 0_i64);
    for g in units.iter() {
        if is_primary(g.face) {
            own += i64::from(g.advance);
        } else {
            other += i64::from(g.advance);
        }
    }
    let mut width = own as f32 * scales.0;
    if other != 0 {
        width += other as f32 * scales.1;
    }
    Line {
        text: text.to_string(),
        glyphs,
        width,
        continues_word: false,
    }
}

/// Shapes a line run by run, each with the face that draws it.
fn shape_line(text: &str, style: Style) -> Vec<UnitGlyph> {
    let fonts = style.fonts;
    let (primary, fallback) = fonts.faces_for(style.weight);
    let mut glyphs = Vec::new();
    let covers = |face: usize, c: char| fonts.face(face).covers(c);
    for (range, face) in runs::runs(&covers, text, primary, fallback) {
        shape_run(text, range, fonts.face(face), face, &mut glyphs);
    }
    glyphs
}

/// Shapes `text[range]` on its own with `face` (the face at `index`), adding its glyphs
/// with clusters counted from the start of `text`.
///
/// A run shaped into more than [`growth::glyph_cap`] glyphs is set from the face's plain
/// glyphs instead ([`set_plainly`]): the model refuses a font whose characters grow so, but
/// a font can make a sequence grow that no character does alone, and a layout must stay
/// bounded whatever the font.
fn shape_run(
    text: &str,
    range: std::ops::Range<usize>,
    face: &Face,
    index: usize,
    glyphs: &mut Vec<UnitGlyph>,
) {
    let Some(font) = face.font() else { return };
    let run = &text[range.clone()];
    let shaper = face.shaper_data().shaper(&font).build();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(run);
    buffer.guess_segment_properties();
    let latin = buffer.direction() == harfrust::Direction::LeftToRight
        && buffer.script() == harfrust::script::LATIN
        && buffer.language().is_none();
    let plan = latin.then(|| face.latin_plan(&shaper));
    let output = shaper.shape(buffer, ShapeOptions::new().plan(plan));
    let face_index = u8::try_from(index).unwrap_or(0);
    if output.len() > growth::glyph_cap(run.chars().count()) {
        set_plainly(&font, range, text, face_index, glyphs);
        return;
    }
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    // A cluster ends where the next different cluster starts (left-to-right text): found
    // from the end of the run back, so the work grows with the glyphs, not their square.
    let mut ends = vec![run.len(); infos.len()];
    for i in (0..infos.len().saturating_sub(1)).rev() {
        ends[i] = if infos[i + 1].cluster != infos[i].cluster {
            infos[i + 1].cluster as usize
        } else {
            ends[i + 1]
        };
    }
    glyphs.reserve(infos.len());
    for ((info, pos), end) in infos.iter().zip(positions).zip(ends) {
        glyphs.push(UnitGlyph {
            face: face_index,
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance,
            x_offset: pos.x_offset,
            y_offset: pos.y_offset,
            start: range.start + info.cluster as usize,
            end: range.start + end,
        });
    }
}

/// Sets `text[range]` one glyph a character, each the glyph the face's `cmap` gives it at
/// its own advance: no substitutions, no kerning, so nothing can grow.
fn set_plainly(
    font: &harfrust::FontRef,
    range: std::ops::Range<usize>,
    text: &str,
    face: u8,
    glyphs: &mut Vec<UnitGlyph>,
) {
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(
        skrifa::instance::Size::unscaled(),
        skrifa::instance::LocationRef::default(),
    );
    for (at, ch) in text[range.clone()].char_indices() {
        let gid = charmap.map(ch).unwrap_or_default();
        let advance = metrics.advance_width(gid).unwrap_or(0.0);
        glyphs.push(UnitGlyph {
            face,
            id: u16::try_from(gid.to_u32()).unwrap_or(0),
            advance: advance.round() as i32,
            x_offset: 0,
            y_offset: 0,
            start: range.start + at,
            end: range.start + at + ch.len_utf8(),
        });
    }
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
