//! Wrapped text blocks and the type sizes they use at a given fitting scale.

use super::preset::Preset;
use crate::preflight::MIN_TEXT_PT;
use crate::scene::{Color, Item, Point, Weight};
use crate::text::{self, Line, Style};

/// The preset's type sizes at one fitting scale, never below the preset's minimum.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Page title.
    pub title: f32,
    /// Subtitle.
    pub subtitle: f32,
    /// Stage titles.
    pub stage: f32,
    /// Card titles.
    pub card_title: f32,
    /// Card body text.
    pub body: f32,
    /// Badges, legend, links, footer.
    pub small: f32,
    /// Line spacing multiple.
    pub line_height: f32,
    /// The scale these sizes were made with.
    pub scale: f32,
}

impl Sizes {
    /// The sizes at `scale`.
    pub fn new(preset: &Preset, scale: f32) -> Self {
        let t = &preset.type_scale;
        let min = t.minimum.0.max(MIN_TEXT_PT);
        let at = |size: f32| (size * scale).max(min);
        Sizes {
            title: at(t.title.0),
            subtitle: at(t.subtitle.0),
            stage: at(t.stage.0),
            card_title: at(t.card_title.0),
            body: at(t.card_body.0),
            small: at(t.small.0),
            line_height: t.line_height.0,
            scale,
        }
    }
}

/// Text wrapped to a width, ready to be placed.
#[derive(Debug, Clone)]
pub struct Block {
    /// The wrapped lines.
    pub lines: Vec<Line>,
    /// Face and size.
    pub style: Style,
    /// Distance from one baseline to the next, in pt.
    pub leading: f32,
    /// Whether a word had to be broken inside to fit the width.
    pub broken: bool,
}

impl Block {
    /// Wraps `text` to `width` pt.
    pub fn new(text: &str, weight: Weight, size: f32, line_height: f32, width: f32) -> Self {
        let style = Style::new(weight, size);
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
