//! Offer cards: what a reader needs to choose an offer, inside one rounded box.

use super::badge::{Chip, ChipStyle, Flow};
use super::block::{Block, Sizes};
use super::preset::Preset;
use super::qr::Code;
use crate::model::{Cost, Labels, Offer, Tag};
use crate::scene::{Color, Item, Link, Path, Point, Rect, Shape, Stroke, Weight};

/// A card measured for a width, ready to be placed.
pub struct Card {
    title: Block,
    provider: Block,
    description: Option<Block>,
    chips: Flow,
    chip_style: ChipStyle,
    url: Block,
    url_target: String,
    label: String,
    code: Option<Slot>,
    gap: f32,
    padding: f32,
    accent: f32,
    /// The height the content needs, in pt.
    pub height: f32,
    /// Whether a word of the title, provider or description had to be broken.
    pub broken: bool,
}

/// A card's QR code and where it stands: beside the card's words when the card is wide
/// enough to leave them at least the code's width, otherwise under them.
struct Slot {
    code: Code,
    beside: bool,
}

/// The badge for a cost, in the page's words and the preset's fixed pair of colours.
pub fn cost_chip(cost: &Cost, labels: &Labels, style: ChipStyle, preset: &Preset) -> Chip {
    let p = &preset.palette;
    let (fill, color) = match cost {
        Cost::Free => (p.free.0, p.free_text.0),
        Cost::Chargeable { .. } => (p.chargeable.0, p.chargeable_text.0),
    };
    Chip::pill(&cost.label(labels), style, fill, color)
}

impl Card {
    /// Measures the card for an outer width of `width` pt, its badges in the words of
    /// `labels`.
    pub fn new(
        offer: &Offer,
        tags: &[Tag],
        labels: &Labels,
        width: f32,
        sizes: &Sizes,
        preset: &Preset,
    ) -> Card {
        let padding = preset.card.padding.0 * super::MM * sizes.scale.min(1.0);
        let accent = preset.card.accent.0 * super::MM;
        let inner = (width - 2.0 * padding - accent).max(1.0);
        let gap = sizes.body * 0.4;
        let code = (preset.offer_codes)
            .then(|| Code::new(&offer.url))
            .flatten()
            .map(|code| Slot {
                beside: inner >= 2.0 * code.side() + gap,
                code,
            });
        let inner = match &code {
            Some(slot) if slot.beside => inner - slot.code.side() - gap,
            _ => inner,
        };
        let lh = sizes.line_height;
        let p = &preset.palette;
        let title = Block::new(&offer.title, Weight::Bold, sizes.card_title, 1.2, inner);
        let provider = Block::new(&offer.provider, Weight::Regular, sizes.body, lh, inner);
        let description = offer
            .description
            .as_deref()
            .map(|d| Block::new(d, Weight::Regular, sizes.body, lh, inner));
        let chip_style = ChipStyle::new(sizes.small);
        let mut chips = vec![cost_chip(&offer.cost, labels, chip_style, preset)];
        if let Some(level) = offer.level {
            chips.push(Chip::pill(
                &labels.level(&level.get().to_string()),
                chip_style,
                p.level.0,
                p.free_text.0,
            ));
        }
        for &i in &offer.tags {
            if let Some(tag) = tags.get(i) {
                chips.push(Chip::tag(tag.icon, &tag.label, chip_style, p.muted.0));
            }
        }
        let chips = Flow::new(
            chips.into_iter().map(|c| vec![c]).collect(),
            chip_style,
            inner,
        );
        let url = Block::new(
            offer.url.display(),
            Weight::Regular,
            sizes.small,
            1.25,
            inner,
        );
        let mut height = 2.0 * padding + title.height() + provider.height() + gap;
        if let Some(d) = &description {
            height += gap + d.height();
        }
        height += 2.0 * gap + chips.height + url.height();
        match &code {
            Some(slot) if slot.beside => height = height.max(2.0 * padding + slot.code.side()),
            Some(slot) => height += gap + slot.code.side(),
            None => {}
        }
        let broken =
            title.broken || provider.broken || description.as_ref().is_some_and(|d| d.broken);
        Card {
            broken,
            title,
            provider,
            description,
            chips,
            chip_style,
            url,
            url_target: offer.url.as_str().to_string(),
            label: offer.title.clone(),
            code,
            gap,
            padding,
            accent,
            height,
        }
    }

    /// The card as one link item filling `rect`, drawn in the stage's `accent` colour.
    pub fn place(&self, rect: Rect, accent: Color, preset: &Preset) -> Item {
        let p = &preset.palette;
        let radius = preset.card.radius.0 * super::MM;
        let mut items = vec![
            Item::Shape(Shape {
                path: Path::rounded_rect(rect, radius),
                fill: Some(accent),
                stroke: None,
            }),
            Item::Shape(Shape {
                path: Path::rounded_rect(
                    Rect::new(
                        rect.x + self.accent,
                        rect.y,
                        rect.width - self.accent,
                        rect.height,
                    ),
                    radius,
                ),
                fill: Some(p.card.0),
                stroke: None,
            }),
            Item::Shape(Shape {
                path: Path::rounded_rect(rect, radius),
                fill: None,
                stroke: Some(Stroke {
                    color: p.card_border.0,
                    width: preset.card.border.0,
                    dash: None,
                    round: false,
                }),
            }),
        ];
        let x = rect.x + self.accent + self.padding;
        let mut y = rect.y + self.padding;
        items.extend(self.title.place(x, y, p.text.0));
        y += self.title.height();
        items.extend(self.provider.place(x, y, p.muted.0));
        y += self.provider.height() + self.gap;
        if let Some(d) = &self.description {
            items.extend(d.place(x, y, p.text.0));
        }
        // Badges and the link sit at the bottom, so cards of a row line them up; a code
        // takes the bottom right-hand corner, or the bottom under them.
        let mut bottom = rect.bottom() - self.padding;
        if let Some(slot) = &self.code {
            let side = slot.code.side();
            let left = if slot.beside {
                rect.right() - self.padding - side
            } else {
                bottom -= side + self.gap;
                x
            };
            let at = Point::new(left, rect.bottom() - self.padding - side);
            items.push(slot.code.place(at, p.text.0, p.card.0));
        }
        let url_top = bottom - self.url.height();
        let chips_top = url_top - self.gap - self.chips.height;
        items.extend(self.chips.place(Point::new(x, chips_top), self.chip_style));
        items.extend(self.url.place(x, url_top, p.link.0));
        Item::Link(Link {
            rect,
            url: self.url_target.clone(),
            label: self.label.clone(),
            children: items,
        })
    }
}
