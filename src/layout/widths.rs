//! Stages side by side sharing one width — the stages on one side of a timeline's road, a
//! row of columns — and how many cards across each takes.

/// Where a stage stands across the width it shares: its left edge, from the left edge of
/// that width, and its width, pt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    pub(super) x: f32,
    pub(super) width: f32,
}

impl Span {
    pub(super) fn right(self) -> f32 {
        self.x + self.width
    }
}

/// A stage measured in its span: its heading, and its cards with the space above them,
/// pt. Stages side by side line their cards up under the tallest heading, so a row is as
/// tall as its tallest heading and its tallest cards together.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Tall {
    pub(super) head: f32,
    pub(super) cards: f32,
}

/// The height of stages side by side, pt: the tallest heading and the tallest cards.
pub(super) fn row_height(stages: &[Tall]) -> f32 {
    let head = stages.iter().map(|t| t.head).fold(0.0, f32::max);
    head + stages.iter().map(|t| t.cards).fold(0.0, f32::max)
}

/// Stages sharing a width, each with a number of cards across and every card of them
/// equally wide, and what measuring them so gave.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Shared<T> {
    pub(super) spans: Vec<Span>,
    /// How many cards across each stage takes.
    pub(super) across: Vec<usize>,
    /// The row's height ([`row_height`]), pt.
    pub(super) height: f32,
    /// The stages as measured in their spans.
    pub(super) measured: T,
}

/// The stages' room: the width they share, the gap between stages and the gutter between
/// the cards of a stage, and the narrowest a card may be, pt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Room {
    pub(super) width: f32,
    pub(super) gap: f32,
    pub(super) gutter: f32,
    pub(super) min_card: f32,
}

impl Room {
    /// The spans of stages `across` cards wide, every card equally wide and the stages
    /// together as wide as the room; `None` when the cards would be narrower than a card
    /// may be.
    fn spans(&self, across: &[usize]) -> Option<Vec<Span>> {
        let cards: usize = across.iter().sum();
        let gaps = self.gap * across.len().saturating_sub(1) as f32;
        let gutters = self.gutter * (cards - across.len()) as f32;
        let card = (self.width - gaps - gutters) / cards.max(1) as f32;
        if card < self.min_card {
            return None;
        }
        let mut x = 0.0;
        let spans = across.iter().map(|&n| {
            let width = n as f32 * card + (n - 1) as f32 * self.gutter;
            let span = Span { x, width };
            x += width + self.gap;
            span
        });
        Some(spans.collect())
    }
}

/// Shares `room` between stages so that the row is as short as it can be, every card in
/// it equally wide. From one card across each stage, the stage whose cards stand tallest
/// takes one card more across, for as long as it may (`most[k]`: the most stage `k` may
/// take; its offers, at least) and the cards stay wide enough. Each arrangement that
/// `allowed` admits is measured by `measure(spans, across)`, whose stages `talls` gives;
/// the shortest is returned, `None` when none was admitted.
pub(super) fn by_columns<T>(
    room: Room,
    most: &[usize],
    allowed: impl Fn(&[Span]) -> bool,
    mut measure: impl FnMut(&[Span], &[usize]) -> T,
    talls: impl Fn(&T) -> Vec<Tall>,
) -> Option<Shared<T>> {
    let mut across = vec![1; most.len()];
    let mut best: Option<Shared<T>> = None;
    while let Some(spans) = room.spans(&across) {
        let talls = if allowed(&spans) {
            let measured = measure(&spans, &across);
            let talls = talls(&measured);
            let height = row_height(&talls);
            if best.as_ref().is_none_or(|b| height < b.height) {
                best = Some(Shared {
                    spans,
                    across: across.clone(),
                    height,
                    measured,
                });
            }
            Some(talls)
        } else {
            None
        };
        // The stage to widen: the tallest that may take another card; when the spans
        // were not allowed, the one with the most cards a row by its limit.
        let widen = (0..across.len()).filter(|&k| across[k] < most[k].max(1));
        let rows = |k: usize| most[k] as f32 / across[k] as f32;
        let next = match &talls {
            Some(t) => widen.max_by(|&a, &b| t[a].cards.total_cmp(&t[b].cards)),
            None => widen.max_by(|&a, &b| rows(a).total_cmp(&rows(b)).then(b.cmp(&a))),
        };
        let Some(k) = next else { break };
        across[k] += 1;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: Room = Room {
        width: 300.0,
        gap: 20.0,
        gutter: 10.0,
        min_card: 50.0,
    };

    /// Stages of `offers` cards 50 pt tall, stacked in rows `across` wide.
    fn measure(offers: &[usize]) -> impl FnMut(&[Span], &[usize]) -> Vec<Tall> + '_ {
        move |_, across| {
            (offers.iter().zip(across))
                .map(|(&n, &a)| Tall {
                    head: 10.0,
                    cards: n.div_ceil(a) as f32 * 50.0,
                })
                .collect()
        }
    }

    #[test]
    fn the_fuller_stage_takes_more_cards_across() {
        let offers = [9, 2];
        let shared =
            by_columns(ROOM, &offers, |_| true, measure(&offers), Vec::clone).expect("fits");
        // 3 + 1 cards of 65 pt: 9 cards in three rows, 2 in two (four across, also
        // three rows, is no shorter).
        assert_eq!(shared.across, vec![3, 1]);
        assert_eq!(shared.height, 10.0 + 150.0);
        let [a, b] = shared.spans[..] else {
            panic!("two spans")
        };
        assert_eq!(a.width, 3.0 * 65.0 + 2.0 * 10.0);
        assert_eq!(b.x, a.right() + 20.0);
        assert_eq!(b.right(), 300.0);
    }

    #[test]
    fn cards_stay_as_wide_as_a_card_may_be() {
        let offers = [30, 3];
        let shared =
            by_columns(ROOM, &offers, |_| true, measure(&offers), Vec::clone).expect("fits");
        // Five cards across and one would be 40 pt wide, too narrow; four and one are 50.
        assert_eq!(shared.across, vec![4, 1]);
        assert_eq!(shared.spans[1].width, 50.0);
    }

    #[test]
    fn only_allowed_spans_are_taken() {
        let offers = [9, 2];
        let narrow_second = |s: &[Span]| s[1].width <= 70.0;
        let shared =
            by_columns(ROOM, &offers, narrow_second, measure(&offers), Vec::clone).expect("fits");
        assert!(shared.spans[1].width <= 70.0);
        assert!(by_columns(ROOM, &offers, |_| false, measure(&offers), Vec::clone).is_none());
    }
}
