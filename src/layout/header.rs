//! The title block with its legend, and the footer.

use super::badge::{Chip, ChipStyle, Flow};
use super::block::{Block, Sizes};
use super::card::cost_chip;
use super::preset::Preset;
use crate::model::{Cost, Label, Roadmap};
use crate::scene::{Item, Path, Point, Rect, Shape, Weight};

/// The title, subtitle and legend, measured for the content width.
pub struct Header {
    title: Block,
    subtitle: Option<Block>,
    legend: Flow,
    chip_style: ChipStyle,
    gap: f32,
    /// Height of the whole header, in pt.
    pub height: f32,
}

impl Header {
    /// Measures the header for `width` pt.
    pub fn new(roadmap: &Roadmap, width: f32, sizes: &Sizes, preset: &Preset) -> Header {
        let title = Block::new(&roadmap.title, Weight::Bold, sizes.title, 1.15, width);
        let subtitle = roadmap
            .subtitle
            .as_deref()
            .map(|s| Block::new(s, Weight::Regular, sizes.subtitle, 1.3, width));
        let chip_style = ChipStyle::new(sizes.small);
        let legend = Flow::new(legend_chips(roadmap, chip_style, preset), chip_style, width);
        let gap = sizes.subtitle * 0.6;
        let mut height = title.height() + gap + legend.height;
        if let Some(s) = &subtitle {
            height += s.height() + gap * 0.5;
        }
        Header {
            title,
            subtitle,
            legend,
            chip_style,
            gap,
            height,
        }
    }

    /// The header as items, its top-left corner at `at`.
    pub fn place(&self, at: Point, preset: &Preset) -> Vec<Item> {
        let p = &preset.palette;
        let mut items = self.title.place(at.x, at.y, p.text.0);
        let mut y = at.y + self.title.height();
        if let Some(s) = &self.subtitle {
            y += self.gap * 0.5;
            items.extend(s.place(at.x, y, p.muted.0));
            y += s.height();
        }
        y += self.gap;
        items.extend(self.legend.place(Point::new(at.x, y), self.chip_style));
        items
    }
}

/// The legend: what each badge and icon on the page means; only what the page uses.
fn legend_chips(roadmap: &Roadmap, style: ChipStyle, preset: &Preset) -> Vec<Vec<Chip>> {
    let offers = || roadmap.stages.iter().flat_map(|s| &s.offers);
    let p = &preset.palette;
    let explain = |text: &str| Chip::tag_text(text, style, p.muted.0);
    let words = &roadmap.labels;
    let mut groups = Vec::new();
    if offers().any(|o| o.cost == Cost::Free) {
        groups.push(vec![
            cost_chip(&Cost::Free, words, style, preset),
            explain(words.get(Label::FreeMeaning)),
        ]);
    }
    if offers().any(|o| matches!(o.cost, Cost::Chargeable { .. })) {
        groups.push(vec![
            cost_chip(&Cost::Chargeable { price: None }, words, style, preset),
            explain(words.get(Label::ChargeableMeaning)),
        ]);
    }
    if offers().any(|o| o.level.is_some()) {
        groups.push(vec![
            Chip::pill(&words.level("N"), style, p.level.0, p.free_text.0),
            explain(words.get(Label::LevelMeaning)),
        ]);
    }
    for (i, tag) in roadmap.tags.iter().enumerate() {
        if offers().any(|o| o.tags.contains(&i)) {
            groups.push(vec![Chip::tag(tag.icon, &tag.label, style, p.muted.0)]);
        }
    }
    groups
}

/// The footer: when the page was updated and who made it.
pub struct Footer {
    block: Option<Block>,
    /// Height including the rule above it, in pt (0 when there is no footer).
    pub height: f32,
}

impl Footer {
    /// Measures the footer for `width` pt.
    pub fn new(roadmap: &Roadmap, width: f32, sizes: &Sizes) -> Footer {
        let mut parts = Vec::new();
        if let Some(updated) = &roadmap.updated {
            let words = roadmap.labels.get(Label::Updated);
            parts.push(format!("{words}: {updated}"));
        }
        if let Some(footer) = &roadmap.footer {
            parts.push(footer.clone());
        }
        if parts.is_empty() {
            return Footer {
                block: None,
                height: 0.0,
            };
        }
        let block = Block::new(
            &parts.join("  ·  "),
            Weight::Regular,
            sizes.small,
            1.3,
            width,
        );
        let height = block.height() + sizes.small;
        Footer {
            block: Some(block),
            height,
        }
    }

    /// The footer as items, the rule at `top`, `width` pt wide.
    pub fn place(&self, x: f32, top: f32, width: f32, preset: &Preset) -> Vec<Item> {
        let Some(block) = &self.block else {
            return Vec::new();
        };
        let p = &preset.palette;
        let mut items = vec![Item::Shape(Shape {
            path: Path::rect(Rect::new(x, top, width, 0.5)),
            fill: Some(p.card_border.0),
            stroke: None,
        })];
        items.extend(block.place(x, top + self.height - block.height(), p.muted.0));
        items
    }
}
