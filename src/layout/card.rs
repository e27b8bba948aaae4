//! Offer cards: what a reader needs to choose an offer, inside one rounded box.

use super::badge::{cost_chip, new_chip, Chip, ChipStyle, Flow};
use super::block::Block;
use super::facts::Facts;
use super::metrics::Metrics;
use super::preset::Preset;
use super::qr::Code;
use crate::model::{Label, Labels, Offer, Tag};
use crate::scene::{
    with_role, Color, Item, Link, OfferAt, OfferPart, Path, Point, Rect, Role, Shape, Stroke,
    Weight,
};

/// A card measured for a width, ready to be placed.
pub struct Card<'f> {
    title: Block<'f>,
    provider: Block<'f>,
    description: Option<Block<'f>>,
    facts: Facts<'f>,
    chips: Flow,
    chip_style: ChipStyle<'f>,
    url: Block<'f>,
    /// Whether the badges follow the provider, before the description (every card of a
    /// compact page), rather than standing above the link at the card's foot.
    compact: bool,
    /// Whether the provider, in the badges' size, leads the badges' row (a compact card
    /// whose provider fits on one line), rather than standing on its own line above it.
    lead: bool,
    url_target: String,
    label: String,
    code: Option<Slot>,
    gap: f32,
    padding: f32,
    accent: f32,
    radius: f32,
    border: f32,
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

impl<'f> Card<'f> {
    /// Measures the card for an outer width of `width` pt, its badges in the words of
    /// `labels`; without `address`, the offer's address in words is left off (the card
    /// is still its link).
    pub fn new(
        offer: &Offer,
        tags: &[Tag],
        labels: &Labels,
        address: bool,
        width: f32,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Card<'f> {
        let padding = m.card.padding;
        let accent = m.card.accent;
        let inner = (width - 2.0 * padding - accent).max(1.0);
        let gap = m.space.card;
        let p = &preset.palette;
        let chip_style = m.chip;
        let mut chips = Vec::new();
        if offer.new {
            chips.push(new_chip(labels, chip_style, preset));
        }
        if offer.ended {
            let words = labels.get(Label::Ended);
            chips.push(Chip::pill(words, chip_style, p.muted.0, p.card.0));
        }
        chips.push(cost_chip(&offer.cost, labels, chip_style, preset));
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
        // A code stands beside the words only where that leaves them at least the code's
        // width and every badge (which cannot wrap) still fits beside it; otherwise it
        // goes under them, where nothing else is drawn.
        let widest = chips
            .iter()
            .map(|chip| chip.width(chip_style))
            .fold(0.0, f32::max);
        let code = (preset.offer_codes)
            .then(|| Code::new(&offer.url))
            .flatten()
            .map(|code| {
                let rest = inner - code.side() - gap;
                Slot {
                    beside: rest >= code.side() && rest >= widest,
                    code,
                }
            });
        let inner = match &code {
            Some(slot) if slot.beside => inner - slot.code.side() - gap,
            _ => inner,
        };
        let lh = m.lines.body;
        let title = Block::new(
            m.fonts,
            &offer.title,
            Weight::Bold,
            m.card_title,
            m.lines.heading,
            inner,
        );
        let mut provider = Block::new(m.fonts, &offer.provider, Weight::Regular, m.body, lh, inner);
        let description = offer
            .description
            .as_deref()
            .map(|d| Block::new(m.fonts, d, Weight::Regular, m.body, lh, inner));
        let mut groups: Vec<Vec<Chip>> = chips.into_iter().map(|c| vec![c]).collect();
        // On a compact page every card's badges follow its provider, and a provider that
        // fits on one line leads the badges' row, in their size, saving a line.
        let compact = preset.packing.compact;
        let leader = Chip::tag_text(&offer.provider, chip_style, p.muted.0);
        let lead = compact && leader.width(chip_style) <= inner;
        if lead {
            groups.insert(0, vec![leader]);
            provider.lines.clear();
        }
        let chips = Flow::new(groups, chip_style, inner);
        let mut url = Block::new(
            m.fonts,
            offer.url.display(),
            Weight::Regular,
            m.small,
            m.lines.link,
            inner,
        );
        if !address {
            url.lines.clear();
        }
        let facts = Facts::new(offer, labels, inner, preset.packing.compact, m);
        let mut height = 2.0 * padding + title.height() + provider.height() + gap;
        if let Some(d) = &description {
            height += gap + d.height();
        }
        if facts.height > 0.0 {
            height += gap + facts.height;
        }
        // A compact card's badges follow the provider, so one gap fewer.
        let gaps = if compact { 1.0 } else { 2.0 };
        height += gaps * gap + chips.height + url.height();
        if !address {
            // No gap before an address that is not there.
            height -= gap;
        }
        match &code {
            Some(slot) if slot.beside => height = height.max(2.0 * padding + slot.code.side()),
            Some(slot) => height += gap + slot.code.side(),
            None => {}
        }
        let broken = title.broken
            || provider.broken
            || description.as_ref().is_some_and(|d| d.broken)
            || facts.broken();
        Card {
            broken,
            title,
            provider,
            description,
            facts,
            chips,
            chip_style,
            url,
            compact,
            lead,
            url_target: offer.url.as_str().to_string(),
            label: offer.title.clone(),
            code,
            gap,
            padding,
            accent,
            radius: m.card.radius,
            border: m.card.border,
            height,
        }
    }

    /// The card of the offer `at` as one link item filling `rect`, drawn in the stage's
    /// `accent` colour.
    pub fn place(&self, rect: Rect, accent: Color, at: OfferAt, preset: &Preset) -> Item {
        let role = |part| Role::Offer(at, part);
        let p = &preset.palette;
        let radius = self.radius;
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
                    width: self.border,
                    dash: None,
                    round: false,
                }),
            }),
        ];
        let x = rect.x + self.accent + self.padding;
        let mut y = rect.y + self.padding;
        let title = self.title.place(x, y, p.text.0);
        items.extend(with_role(title, role(OfferPart::Title)));
        y += self.title.height();
        // The link sits at the bottom, and the badges above it unless the card is compact,
        // so cards of a row line them up; a code takes the bottom right-hand corner, or
        // the bottom under them.
        let mut bottom = rect.bottom() - self.padding;
        if let Some(slot) = &self.code {
            let side = slot.code.side();
            let left = if slot.beside {
                rect.right() - self.padding - side
            } else {
                bottom -= side + self.gap;
                x
            };
            let corner = Point::new(left, rect.bottom() - self.padding - side);
            items.push(slot.code.place(corner, p.text.0, p.card.0));
        }
        let url_top = bottom - self.url.height();
        let provider = self.provider.place(x, y, p.muted.0);
        items.extend(with_role(provider, role(OfferPart::Provider)));
        y += self.provider.height() + self.gap;
        if self.compact {
            let chips = self.chips.place(Point::new(x, y), self.chip_style);
            items.extend(self.badges(chips, at));
            y += self.chips.height + self.gap;
        }
        if let Some(d) = &self.description {
            let description = d.place(x, y, p.text.0);
            items.extend(with_role(description, role(OfferPart::Description)));
            y += d.height() + self.gap;
        }
        let facts = self.facts.place(Point::new(x, y), p.muted.0, p.text.0);
        for (i, fact) in facts.into_iter().enumerate() {
            items.extend(with_role(fact, role(OfferPart::Fact(i))));
        }
        if !self.compact {
            // Badges and the link sit at the bottom, so cards of a row line them up.
            let above_url = if self.url.lines.is_empty() {
                0.0
            } else {
                self.gap
            };
            let chips_top = url_top - above_url - self.chips.height;
            let chips = self.chips.place(Point::new(x, chips_top), self.chip_style);
            items.extend(self.badges(chips, at));
        }
        let url = self.url.place(x, url_top, p.link.0);
        items.extend(with_role(url, role(OfferPart::Address)));
        Item::Link(Link {
            rect,
            url: self.url_target.clone(),
            label: self.label.clone(),
            children: items,
        })
    }

    /// The badges' rows with their roles: each badge its own, and the provider when a
    /// compact card sets it at the head of the row.
    fn badges(&self, groups: Vec<Vec<Item>>, at: OfferAt) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, group) in groups.into_iter().enumerate() {
            let part = match (self.lead, i) {
                (true, 0) => OfferPart::Provider,
                (true, i) => OfferPart::Badge(i - 1),
                (false, i) => OfferPart::Badge(i),
            };
            items.extend(with_role(group, Role::Offer(at, part)));
        }
        items
    }
}
