//! The card grid every style shares: a stage's offer cards in balanced rows, each card of
//! a stage equally wide (but for a part-filled last row that may share the whole width),
//! with the row heights and the badge spill that decide whether it fits.

use super::card::Card;
use super::metrics::Metrics;
use super::preset::Preset;
use super::space::fit_across;
use crate::model::{Detail, Offer, Roadmap, Stage};
use crate::scene::{Color, Item, OfferAt, Rect};

/// A stage's offer cards in rows as even as possible, every card of a stage equally wide
/// but for a stretched last row: a column's stack, a road band's grid, a timeline stage's
/// grid.
pub(super) struct Cards<'f> {
    cards: Vec<Card<'f>>,
    per_row: usize,
    width: f32,
    /// The width of the cards of a stretched last row, pt.
    last_width: f32,
    gutter: f32,
    plan: Plan,
    /// The first offer whose badges run past its card, and by how much, pt.
    spill: Option<(usize, f32)>,
}

/// Where a stage's cards stand, worked out from their heights alone, so that several
/// arrangements can be weighed without setting the cards' text again.
struct Plan {
    rows: Vec<f32>,
    /// With masonry, each card's top from the grid's top, pt; empty otherwise.
    tops: Vec<f32>,
    /// With masonry, the column each card stands in.
    column: Vec<usize>,
    /// With masonry, the height of each column of cards, pt.
    stacks: Vec<f32>,
    /// How many cards, at the end, stand in a last row of their own that they share
    /// whole (`fill_rows`); zero when the last row is full or is not stretched.
    last: usize,
    /// That row's height, pt.
    last_height: f32,
}

impl Plan {
    /// Rows of `per_row` cards of these `heights`, the last `last` of them in a stretched
    /// row of their own. Masonry: card i stands in column i % per_row, under the card
    /// before it there, so reading order stays row by row while each card keeps its own
    /// height; or, when `shortest`, in the shortest column so far (the leftmost of
    /// equals). A stretched last row stands under the tallest column.
    fn new(
        heights: &[f32],
        per_row: usize,
        last: usize,
        shortest: bool,
        masonry: bool,
        gutter: f32,
    ) -> Plan {
        let n = heights.len();
        let tallest = |h: &[f32]| h.iter().copied().fold(0.0, f32::max);
        let rows = heights.chunks(per_row).map(tallest).collect();
        let (mut tops, mut stacks, mut column) = (Vec::new(), Vec::new(), Vec::new());
        if masonry {
            stacks = vec![0.0_f32; per_row];
            for (i, &height) in heights[..n - last].iter().enumerate() {
                let c = match shortest {
                    true => (0..per_row)
                        .min_by(|&a, &b| stacks[a].total_cmp(&stacks[b]).then(a.cmp(&b)))
                        .unwrap_or(0),
                    false => i % per_row,
                };
                let stack = &mut stacks[c];
                if *stack > 0.0 {
                    *stack += gutter;
                }
                tops.push(*stack);
                column.push(c);
                *stack += height;
            }
        }
        Plan {
            rows,
            tops,
            column,
            stacks,
            last,
            last_height: tallest(&heights[n - last..]),
        }
    }

    /// The tallest column of masonry cards, pt.
    fn columns(&self) -> f32 {
        self.stacks.iter().copied().fold(0.0, f32::max)
    }

    /// With masonry, what a stretched last row adds under the columns, pt.
    fn under(&self, gutter: f32) -> f32 {
        if self.last > 0 {
            gutter + self.last_height
        } else {
            0.0
        }
    }

    /// The grid's height, pt; zero without cards.
    fn height(&self, gutter: f32) -> f32 {
        if !self.tops.is_empty() {
            return self.columns() + self.under(gutter);
        }
        let gaps = gutter * self.rows.len().saturating_sub(1) as f32;
        self.rows.iter().sum::<f32>() + gaps
    }
}

impl<'f> Cards<'f> {
    /// Measures `stage`'s cards within `width` pt: up to `most` side by side, as many as
    /// stay `card.min_width` wide and hold their badges (always at least one).
    pub(super) fn new(
        roadmap: &Roadmap,
        stage: &Stage,
        width: f32,
        most: usize,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Cards<'f> {
        let gutter = m.gutter;
        let min_width = m.card.min_width;
        let fit = fit_across(width, min_width, gutter);
        let mut across = fit.clamp(1, most.max(1));
        loop {
            let cards = Cards::arrange(roadmap, stage, width, across, m, preset);
            if cards.spill.is_none() || cards.per_row == 1 {
                return cards;
            }
            across = cards.per_row - 1;
        }
    }

    /// The cards at most `across` a row. With `fill_rows`, a part-filled last row shares
    /// the whole width, and masonry cards may take the shortest column, where that makes
    /// the stage shorter.
    fn arrange(
        roadmap: &Roadmap,
        stage: &Stage,
        width: f32,
        across: usize,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Cards<'f> {
        let gutter = m.gutter;
        let n = stage.offers.len();
        // Five cards in four places go three and two, not four and one.
        let per_row = n.div_ceil(n.div_ceil(across).max(1)).max(1);
        let share = |k: usize| (width - gutter * (k - 1) as f32) / k as f32;
        // Each card set once at a width, with how far its badges run past it.
        let set = |offers: &[Offer], w: f32| -> Vec<(Card, f32)> {
            (offers.iter())
                .map(|o| {
                    let address = !roadmap.print.hides(Detail::Address);
                    Card::new(o, &roadmap.tags, &roadmap.labels, address, w, m, preset)
                })
                .map(|c| {
                    let by = spill(&c, w, preset);
                    (c, by)
                })
                .collect()
        };
        let card_width = share(per_row);
        let mut cards = set(&stage.offers, card_width);
        let heights: Vec<f32> = cards.iter().map(|(c, _)| c.height).collect();
        let masonry = preset.packing.masonry;
        let mut plan = Plan::new(&heights, per_row, 0, false, masonry, gutter);
        // Masonry cards may take the shortest column, where that makes the stage shorter.
        if masonry {
            let shortest = Plan::new(&heights, per_row, 0, true, masonry, gutter);
            if shortest.height(gutter) < plan.height(gutter) {
                plan = shortest;
            }
        }
        // A part-filled last row (rows are balanced, so a single row is always full).
        let rest = n % per_row;
        let last_width = share(rest.max(1));
        let spills = |c: &[(Card, f32)]| c.iter().any(|&(_, by)| by > 0.0);
        if preset.packing.fill_rows && !spills(&cards) {
            let stretched = set(&stage.offers[n - rest..], last_width);
            let mut wide = heights.clone();
            for (h, (c, _)) in wide[n - rest..].iter_mut().zip(&stretched) {
                *h = c.height;
            }
            let fill = rest > 0 && !spills(&stretched);
            let tried = [(&wide, rest, false), (&wide, rest, true)];
            let tried = tried.into_iter().filter(|&(_, last, _)| fill || last == 0);
            for (heights, last, shortest) in tried {
                let other = Plan::new(heights, per_row, last, shortest, masonry, gutter);
                if other.height(gutter) < plan.height(gutter) {
                    plan = other;
                }
            }
            if plan.last > 0 {
                cards.truncate(n - rest);
                cards.extend(stretched);
            }
        }
        let spill =
            (cards.iter().enumerate()).find_map(|(i, &(_, by))| (by > 0.0).then_some((i, by)));
        Cards {
            cards: cards.into_iter().map(|(c, _)| c).collect(),
            per_row,
            width: card_width,
            last_width,
            gutter,
            plan,
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
        self.plan.height(self.gutter)
    }

    /// The first offer of the first row (counted from the top, or from the bottom when
    /// `from_bottom`) that ends more than `budget` pt from that edge of the grid.
    pub(super) fn first_past(&self, budget: f32, from_bottom: bool) -> Option<usize> {
        if !self.plan.tops.is_empty() {
            // The card nearest that edge among those that end past the budget; counted
            // from the bottom, the columns stand on it (see `place`).
            let columned = self.plan.tops.len();
            let reach = |i: usize| {
                let h = self.cards[i].height;
                match (i < columned, from_bottom) {
                    (true, true) => {
                        self.plan.stacks[self.plan.column[i]] - self.plan.tops[i]
                            + self.plan.under(self.gutter)
                    }
                    (true, false) => self.plan.tops[i] + h,
                    (false, true) => self.plan.last_height,
                    (false, false) => self.plan.columns() + self.gutter + h,
                }
            };
            return (0..self.cards.len())
                .filter(|&i| reach(i) > budget)
                .min_by(|&a, &b| reach(a).total_cmp(&reach(b)).then(a.cmp(&b)));
        }
        let order: Vec<usize> = if from_bottom {
            (0..self.plan.rows.len()).rev().collect()
        } else {
            (0..self.plan.rows.len()).collect()
        };
        let mut reach = 0.0;
        for r in order {
            reach += self.plan.rows[r];
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
        let n = self.cards.len();
        // The stretched last row's card `k` of `last`, its top at `y`, `h` tall.
        let stretched = |k: usize, y: f32, h: f32| {
            let left = x + k as f32 * (self.last_width + self.gutter);
            Rect::new(left, y, self.last_width, h)
        };
        if !self.plan.tops.is_empty() {
            let columns = self.plan.columns();
            for (i, (card, card_top)) in self.cards.iter().zip(&self.plan.tops).enumerate() {
                let column = self.plan.column[i];
                let left = x + column as f32 * (self.width + self.gutter);
                let drop = if to_bottom {
                    columns - self.plan.stacks[column]
                } else {
                    0.0
                };
                let rect = Rect::new(left, top + drop + card_top, self.width, card.height);
                items.push(card.place(rect, accent, at(i), preset));
            }
            let y = top + columns + self.gutter;
            for (k, card) in self.cards[self.plan.tops.len()..].iter().enumerate() {
                let rect = stretched(k, y, card.height);
                items.push(card.place(rect, accent, at(n - self.plan.last + k), preset));
            }
            return items;
        }
        let mut y = top;
        for (r, (row, &h)) in self
            .cards
            .chunks(self.per_row)
            .zip(&self.plan.rows)
            .enumerate()
        {
            let first = r * self.per_row;
            for (c, card) in row.iter().enumerate() {
                let rect = if first + c + self.plan.last >= n && self.plan.last > 0 {
                    stretched(c, y, h)
                } else {
                    let left = x + c as f32 * (self.width + self.gutter);
                    Rect::new(left, y, self.width, h)
                };
                items.push(card.place(rect, accent, at(first + c), preset));
            }
            y += h + self.gutter;
        }
        items
    }
}

/// The first of the stages' `grids` holding a card whose badges do not fit: the stage's
/// index, the card's, and how far the badges run past it, pt.
pub(super) fn first_spill<'a, 'f: 'a>(
    grids: impl Iterator<Item = &'a Cards<'f>>,
) -> Option<(usize, usize, f32)> {
    grids
        .enumerate()
        .find_map(|(stage, cards)| cards.spill().map(|(offer, by)| (stage, offer, by)))
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
            Item::Image(picture) => Some(picture.rect.right() - width),
            Item::Link(_) => None,
        })
        .fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    /// A stage of five offers with long titles and links, which wrap in a narrow card.
    fn five() -> Roadmap {
        let mut source = String::from("title = \"Five\"\n\n[[stage]]\ntitle = \"Stage\"\n");
        for i in 1..=5 {
            source.push_str(&format!(
                "\n[[stage.offer]]\ntitle = \"Practical motivational interviewing for link \
                 workers, part {i}\"\nprovider = \"Local training hub\"\n\
                 url = \"https://example.org/programmes/motivational-interviewing/{i}\"\n\
                 cost = \"free\"\n"
            ));
        }
        model::parse("five.toml", &source).unwrap()
    }

    /// The timeline preset at its rung named `name`.
    fn rung(name: &str) -> Preset {
        let preset = Preset::builtin("timeline").unwrap();
        let k = preset
            .densities
            .iter()
            .position(|d| d.name == name)
            .unwrap();
        preset.at_density(k + 1).unwrap()
    }

    /// The cards' rectangles, laid out `width` pt wide.
    fn rects(cards: &Cards, to_bottom: bool, preset: &Preset) -> Vec<Rect> {
        cards
            .place(0.0, 0.0, to_bottom, Color::default(), 0, preset)
            .iter()
            .map(|item| match item {
                Item::Link(link) => link.rect,
                _ => panic!("a card is one link"),
            })
            .collect()
    }

    #[test]
    fn a_part_filled_last_row_shares_the_whole_width_and_the_stage_is_shorter() {
        let roadmap = five();
        let stage = &roadmap.stages[0];
        let width = 250.0;
        let full = rung("fullest");
        let mut plain = full.clone();
        plain.packing.fill_rows = false;
        let m = Metrics::new(&full, 1.0, crate::text::Fonts::bundled());
        for masonry in [true, false] {
            let (mut full, mut plain) = (full.clone(), plain.clone());
            full.packing.masonry = masonry;
            plain.packing.masonry = masonry;
            let filled = Cards::new(&roadmap, stage, width, 2, &m, &full);
            let unfilled = Cards::new(&roadmap, stage, width, 2, &m, &plain);
            assert_eq!(
                (filled.per_row, filled.plan.last),
                (2, 1),
                "masonry {masonry}"
            );
            assert_eq!(unfilled.plan.last, 0);
            assert!(filled.height() < unfilled.height(), "masonry {masonry}");
            for to_bottom in [false, true] {
                let rects = rects(&filled, to_bottom, &full);
                let last = rects[4];
                assert!((last.width - width).abs() < 0.01, "{last:?}");
                for (i, r) in rects.iter().enumerate() {
                    assert!(r.y >= -0.01 && r.bottom() <= filled.height() + 0.01, "{i}");
                    assert!(r.right() <= width + 0.01, "card {i} runs past the grid");
                    for other in &rects[i + 1..] {
                        assert!(!r.overlaps(other, 0.01), "cards overlap: {r:?} {other:?}");
                    }
                }
                // The stretched row is the grid's last, under every other card.
                assert!(rects[..4].iter().all(|r| r.bottom() < last.y));
            }
        }
    }

    #[test]
    fn masonry_cards_may_take_the_shortest_column() {
        // The first card is long; in turn, the third would stand under it.
        let long = "A long description that wraps onto many lines in a narrow card. ".repeat(6);
        let mut source = String::from("title = \"Four\"\n\n[[stage]]\ntitle = \"Stage\"\n");
        for i in 1..=4 {
            let description = if i == 1 { long.as_str() } else { "Short." };
            source.push_str(&format!(
                "\n[[stage.offer]]\ntitle = \"Offer {i}\"\nprovider = \"P\"\n\
                 url = \"https://example.org/{i}\"\ncost = \"free\"\n\
                 description = \"{description}\"\n"
            ));
        }
        let roadmap = model::parse("four.toml", &source).unwrap();
        let stage = &roadmap.stages[0];
        let preset = rung("fullest");
        let m = Metrics::new(&preset, 1.0, crate::text::Fonts::bundled());
        let cards = Cards::new(&roadmap, stage, 250.0, 2, &m, &preset);
        let heights: Vec<f32> = cards.cards.iter().map(|c| c.height).collect();
        let in_turn = Plan::new(&heights, 2, 0, false, true, m.gutter);
        let shortest = Plan::new(&heights, 2, 0, true, true, m.gutter);
        assert_eq!(in_turn.column, [0, 1, 0, 1]);
        assert_eq!(shortest.column, [0, 1, 1, 1]);
        assert!(shortest.height(m.gutter) < in_turn.height(m.gutter));
        // The shorter is taken on any rung with masonry, whether its last rows stretch or not.
        for fill_rows in [false, true] {
            let mut rung = preset.clone();
            rung.packing.fill_rows = fill_rows;
            let chosen = Cards::new(&roadmap, stage, 250.0, 2, &m, &rung);
            assert_eq!(chosen.plan.column, shortest.column, "fill_rows {fill_rows}");
            let rects = rects(&chosen, false, &rung);
            for (i, r) in rects.iter().enumerate() {
                for other in &rects[i + 1..] {
                    assert!(!r.overlaps(other, 0.01), "cards overlap: {r:?} {other:?}");
                }
            }
        }
    }

    #[test]
    fn a_last_row_is_stretched_only_when_that_is_shorter() {
        // Short titles take one line however wide the card: stretching saves nothing.
        let roadmap = model::parse("five.toml", &crate::layout::testing::stages(1, 5)).unwrap();
        let preset = rung("fullest");
        let m = Metrics::new(&preset, 1.0, crate::text::Fonts::bundled());
        let cards = Cards::new(&roadmap, &roadmap.stages[0], 250.0, 2, &m, &preset);
        assert_eq!((cards.per_row, cards.plan.last), (2, 0));
    }
}
