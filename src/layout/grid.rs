//! The card grid every style shares: a stage's offer cards in balanced rows, each card of
//! a stage equally wide, with the row heights and the badge spill that decide whether it
//! fits.

use super::card::Card;
use super::metrics::Metrics;
use super::preset::Preset;
use crate::model::{Roadmap, Stage};
use crate::scene::{Color, Item, OfferAt, Rect};

/// A stage's offer cards in rows as even as possible, every card of a stage equally wide:
/// a column's stack, a road band's grid, a timeline stage's grid.
pub(super) struct Cards {
    cards: Vec<Card>,
    per_row: usize,
    width: f32,
    rows: Vec<f32>,
    /// With masonry, each card's top from the grid's top, pt; empty otherwise.
    tops: Vec<f32>,
    /// With masonry, the height of each column of cards, pt.
    stacks: Vec<f32>,
    gutter: f32,
    /// The first offer whose badges run past its card, and by how much, pt.
    spill: Option<(usize, f32)>,
}

impl Cards {
    /// Measures `stage`'s cards within `width` pt: up to `most` side by side, as many as
    /// stay `card.min_width` wide and hold their badges (always at least one).
    pub(super) fn new(
        roadmap: &Roadmap,
        stage: &Stage,
        width: f32,
        most: usize,
        m: &Metrics,
        preset: &Preset,
    ) -> Cards {
        let gutter = m.gutter;
        let min_width = m.card.min_width;
        let fit = ((width + gutter) / (min_width + gutter)).floor() as usize;
        let mut across = fit.clamp(1, most.max(1));
        loop {
            let cards = Cards::arrange(roadmap, stage, width, across, m, preset);
            if cards.spill.is_none() || cards.per_row == 1 {
                return cards;
            }
            across = cards.per_row - 1;
        }
    }

    fn arrange(
        roadmap: &Roadmap,
        stage: &Stage,
        width: f32,
        across: usize,
        m: &Metrics,
        preset: &Preset,
    ) -> Cards {
        let gutter = m.gutter;
        let n = stage.offers.len();
        // Five cards in four places go three and two, not four and one.
        let per_row = n.div_ceil(n.div_ceil(across).max(1)).max(1);
        let card_width = (width - gutter * (per_row - 1) as f32) / per_row as f32;
        let cards: Vec<Card> = stage
            .offers
            .iter()
            .map(|o| Card::new(o, &roadmap.tags, &roadmap.labels, card_width, m, preset))
            .collect();
        let rows = cards
            .chunks(per_row)
            .map(|row| row.iter().map(|c| c.height).fold(0.0, f32::max))
            .collect();
        // Masonry: card i stands in column i % per_row, under the card before it there,
        // so reading order stays row by row while each card keeps its own height.
        let (mut tops, mut stacks) = (Vec::new(), Vec::new());
        if preset.packing.masonry {
            stacks = vec![0.0_f32; per_row];
            for (i, card) in cards.iter().enumerate() {
                let column = &mut stacks[i % per_row];
                if *column > 0.0 {
                    *column += gutter;
                }
                tops.push(*column);
                *column += card.height;
            }
        }
        let spill = cards
            .iter()
            .map(|c| spill(c, card_width, preset))
            .enumerate()
            .find(|&(_, s)| s > 0.0);
        Cards {
            cards,
            per_row,
            width: card_width,
            rows,
            tops,
            stacks,
            gutter,
            spill,
        }
    }

    /// The first offer whose badges run past its card even one to a row, and by how
    /// much, pt: the type must shrink until they fit.
    pub(super) fn spill(&self) -> Option<(usize, f32)> {
        self.spill
    }

    /// Whether a word of some card had to be broken inside.
    pub(super) fn broken(&self) -> bool {
        self.cards.iter().any(|c| c.broken)
    }

    /// Whether the stage has no offers.
    pub(super) fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// The grid's height, pt; zero without cards.
    pub(super) fn height(&self) -> f32 {
        if !self.tops.is_empty() {
            return self.stacks.iter().copied().fold(0.0, f32::max);
        }
        let gaps = self.gutter * self.rows.len().saturating_sub(1) as f32;
        self.rows.iter().sum::<f32>() + gaps
    }

    /// The first offer of the first row (counted from the top, or from the bottom when
    /// `from_bottom`) that ends more than `budget` pt from that edge of the grid.
    pub(super) fn first_past(&self, budget: f32, from_bottom: bool) -> Option<usize> {
        if !self.tops.is_empty() {
            // The card nearest that edge among those that end past the budget; counted
            // from the bottom, the columns stand on it (see `place`).
            let reach = |i: usize| {
                let h = self.cards[i].height;
                if from_bottom {
                    self.stacks[i % self.per_row] - self.tops[i]
                } else {
                    self.tops[i] + h
                }
            };
            return (0..self.cards.len())
                .filter(|&i| reach(i) > budget)
                .min_by(|&a, &b| reach(a).total_cmp(&reach(b)).then(a.cmp(&b)));
        }
        let order: Vec<usize> = if from_bottom {
            (0..self.rows.len()).rev().collect()
        } else {
            (0..self.rows.len()).collect()
        };
        let mut reach = 0.0;
        for r in order {
            reach += self.rows[r];
            if reach > budget {
                return Some(r * self.per_row);
            }
            reach += self.gutter;
        }
        None
    }

    /// The cards of the stage with index `stage` as link items, the grid's top-left corner
    /// at `x`, `top`. With masonry, `to_bottom` sets each column's cards down against the
    /// grid's bottom edge (for a grid that stands on what follows it) instead of hanging
    /// from its top.
    pub(super) fn place(
        &self,
        x: f32,
        top: f32,
        to_bottom: bool,
        accent: Color,
        stage: usize,
        preset: &Preset,
    ) -> Vec<Item> {
        let at = |offer| OfferAt { stage, offer };
        let mut items = Vec::with_capacity(self.cards.len());
        if !self.tops.is_empty() {
            let height = self.height();
            for (i, (card, card_top)) in self.cards.iter().zip(&self.tops).enumerate() {
                let column = i % self.per_row;
                let left = x + column as f32 * (self.width + self.gutter);
                let drop = if to_bottom {
                    height - self.stacks[column]
                } else {
                    0.0
                };
                let rect = Rect::new(left, top + drop + card_top, self.width, card.height);
                items.push(card.place(rect, accent, at(i), preset));
            }
            return items;
        }
        let mut y = top;
        for (r, (row, &h)) in self.cards.chunks(self.per_row).zip(&self.rows).enumerate() {
            for (c, card) in row.iter().enumerate() {
                let left = x + c as f32 * (self.width + self.gutter);
                let rect = Rect::new(left, y, self.width, h);
                items.push(card.place(rect, accent, at(r * self.per_row + c), preset));
            }
            y += h + self.gutter;
        }
        items
    }
}

/// How far a card's text and badges run past its right edge, pt: a badge or a tag
/// cannot wrap inside, so a narrow card may not hold one.
fn spill(card: &Card, width: f32, preset: &Preset) -> f32 {
    let Item::Link(link) = card.place(
        Rect::new(0.0, 0.0, width, card.height),
        Color::default(),
        OfferAt::default(),
        preset,
    ) else {
        return 0.0;
    };
    link.children
        .iter()
        .filter_map(|item| match item {
            Item::Text(text) => Some(text.bounds().right() - width),
            Item::Shape(shape) => Some(shape.path.bounds().right() - width),
            Item::Qr(qr) => Some(qr.bounds().right() - width),
            Item::Link(_) => None,
        })
        .fold(0.0, f32::max)
}
