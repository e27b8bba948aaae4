//! The title block with its legend, and the footer.

use super::badge::{Chip, ChipStyle, Flow};
use super::block::Block;
use super::card::cost_chip;
use super::metrics::Metrics;
use super::preset::Preset;
use crate::model::{Cost, Roadmap};
use crate::scene::{with_role, Item, Path, Point, Rect, Role, Shape, Weight};

/// The title, subtitle and legend, measured for the content width.
pub struct Header {
    title: Block,
    subtitle: Option<Block>,
    legend: Flow,
    chip_style: ChipStyle,
    gap: f32,
    above_subtitle: f32,
    /// Height of the whole header, in pt.
    pub height: f32,
}

impl Header {
    /// Measures the header for `width` pt.
    pub fn new(roadmap: &Roadmap, width: f32, m: &Metrics, preset: &Preset) -> Header {
        let title = Block::new(&roadmap.title, Weight::Bold, m.title, m.lines.title, width);
        let subtitle = roadmap
            .subtitle
            .as_deref()
            .map(|s| Block::new(s, Weight::Regular, m.subtitle, m.lines.subtitle, width));
        let chip_style = m.chip;
        let legend = Flow::new(legend_chips(roadmap, chip_style, preset), chip_style, width);
        let (gap, above_subtitle) = (m.space.legend, m.space.subtitle);
        let mut height = title.height() + gap + legend.height;
        if let Some(s) = &subtitle {
            height += s.height() + above_subtitle;
        }
        Header {
            title,
            subtitle,
            legend,
            chip_style,
            gap,
            above_subtitle,
            height,
        }
    }

    /// The header as items, its top-left corner at `at`.
    pub fn place(&self, at: Point, preset: &Preset) -> Vec<Item> {
        let p = &preset.palette;
        let mut items = with_role(self.title.place(at.x, at.y, p.text.0), Role::Title);
        let mut y = at.y + self.title.height();
        if let Some(s) = &self.subtitle {
            y += self.above_subtitle;
            items.extend(with_role(s.place(at.x, y, p.muted.0), Role::Subtitle));
            y += s.height();
        }
        y += self.gap;
        let legend = self.legend.place(Point::new(at.x, y), self.chip_style);
        for (entry, chips) in legend.into_iter().enumerate() {
            items.extend(with_role(chips, Role::Legend(entry)));
        }
        items
    }
}

/// The legend: what each badge and icon on the page means; only what the page uses.
fn legend_chips(roadmap: &Roadmap, style: ChipStyle, preset: &Preset) -> Vec<Vec<Chip>> {
    let offers = || roadmap.stages.iter().flat_map(|s| &s.offers);
    let p = &preset.palette;
    let explain = |text: &str| Chip::tag_text(text, style, p.muted.0);
    let mut groups = Vec::new();
    if offers().any(|o| o.cost == Cost::Free) {
        groups.push(vec![
            cost_chip(&Cost::Free, style, preset),
            explain("no charge"),
        ]);
    }
    if offers().any(|o| matches!(o.cost, Cost::Chargeable { .. })) {
        groups.push(vec![
            cost_chip(&Cost::Chargeable { price: None }, style, preset),
            explain("fee or membership"),
        ]);
    }
    if offers().any(|o| o.level.is_some()) {
        groups.push(vec![
            Chip::pill("Level N", style, p.level.0, p.free_text.0),
            explain("accredited qualification"),
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
    rule: f32,
    /// Height including the rule above it, in pt (0 when there is no footer).
    pub height: f32,
}

impl Footer {
    /// Measures the footer for `width` pt.
    pub fn new(roadmap: &Roadmap, width: f32, m: &Metrics) -> Footer {
        let Some(text) = footer_text(roadmap) else {
            return Footer {
                block: None,
                rule: m.rule,
                height: 0.0,
            };
        };
        let block = Block::new(&text, Weight::Regular, m.small, m.lines.subtitle, width);
        let height = block.height() + m.space.footer;
        Footer {
            block: Some(block),
            rule: m.rule,
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
            path: Path::rect(Rect::new(x, top, width, self.rule)),
            fill: Some(p.card_border.0),
            stroke: None,
        })];
        let lines = block.place(x, top + self.height - block.height(), p.muted.0);
        items.extend(with_role(lines, Role::Footer));
        items
    }
}

/// The footer's words: when the roadmap was last updated and its small print, or nothing
/// when it gives neither. Other outputs that show a footer take it from here.
pub(crate) fn footer_text(roadmap: &Roadmap) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(updated) = &roadmap.updated {
        parts.push(format!("Last updated: {updated}"));
    }
    if let Some(footer) = &roadmap.footer {
        parts.push(footer.clone());
    }
    (!parts.is_empty()).then(|| parts.join("  ·  "))
}
