//! Wrapped text blocks.

use crate::scene::{Color, Item, Point, Weight};
use crate::text::{self, Fonts, Line, Style};

/// Text wrapped to a width, ready to be placed.
#[derive(Debug, Clone)]
pub struct Block<'f> {
    /// The wrapped lines.
    pub lines: Vec<Line>,
    /// Face and size.
    pub style: Style<'f>,
    /// Distance from one baseline to the next, in pt.
    pub leading: f32,
    /// Whether a word had to be broken inside to fit the width.
    pub broken: bool,
}

impl<'f> Block<'f> {
    /// Wraps `text` to `width` pt, set in `fonts`.
    pub fn new(
        fonts: &'f Fonts,
        text: &str,
        weight: Weight,
        size: f32,
        line_height: f32,
        width: f32,
    ) -> Self {
        let style = Style::new(fonts, weight, size);
        let lines = text::wrap(text, style, width.max(1.0));
        let words = |s: &str| s.split_whitespace().count();
        let broken = lines.iter().map(|l| words(&l.text)).sum::<usize>() != words(text);
        Block {
            lines,
            style,
            leading: size * line_height,
            broken,
        }
    }

    /// The block's height, in pt: from the first line's ascender to the last line's
    /// descender, so the ink of every line lies inside it.
    pub fn height(&self) -> f32 {
        if self.lines.is_empty() {
            return 0.0;
        }
        self.leading * (self.lines.len() - 1) as f32 + self.style.ascent() + self.style.descent()
    }

    /// The width of the longest line, pt.
    pub fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }

    /// The lines as scene items, the first line box's top at `top`.
    pub fn place(&self, x: f32, top: f32, color: Color) -> Vec<Item> {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let baseline = top + self.style.ascent() + i as f32 * self.leading;
                Item::Text(text::place(
                    line.clone(),
                    self.style,
                    Point::new(x, baseline),
                    color,
                ))
            })
            .collect()
    }
}

/// Where the baseline sits below the top of a line box of height `leading`: the font's
/// ascent-plus-descent box centred in the line box.
pub fn baseline_offset(style: Style, leading: f32) -> f32 {
    (leading - style.ascent() - style.descent()) / 2.0 + style.ascent()
}
