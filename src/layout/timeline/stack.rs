//! A timeline stage as it stands on the page: its tab in the stage's colour, with the
//! stage's title and summary, and its offer cards.

use crate::layout::block::Block;
use crate::layout::grid::Cards;
use crate::layout::heading;
use crate::layout::metrics::Metrics;
use crate::layout::preset::Preset;
use crate::layout::widths::Tall;
use crate::model::{Roadmap, Stage};
use crate::scene::{with_role, Color, Item, Point, Role};

/// A stage's title and summary, set on a tab in the stage's colour: side by side when
/// the title is short, which saves a line on every stage of a wide side.
pub(super) struct Tab<'f> {
    title: Block<'f>,
    summary: Option<Block<'f>>,
    /// Where the summary's first line box starts, from the title's.
    summary_at: Point,
    /// The text's height, pt.
    pub(super) height: f32,
}

impl<'f> Tab<'f> {
    pub(super) fn new(stage: &Stage, width: f32, m: &Metrics<'f>, preset: &Preset) -> Tab<'f> {
        let title = heading::title(stage, width, m);
        let title_width = match title.lines.as_slice() {
            [line] => line.width,
            _ => width,
        };
        let space = m.space.tab_beside;
        let beside = width - title_width - space;
        let summary_block = |w: f32| heading::summary(stage, w, m);
        // A short title takes its summary beside it; in a compact tab any title does, when
        // the summary then fits on one line.
        let short = title_width <= width * preset.timeline.beside.0;
        let one_line = |s: &Block| s.lines.len() == 1 && !s.broken;
        if short || preset.packing.compact {
            if let Some(summary) =
                summary_block(beside).filter(|s| short || (beside > 0.0 && one_line(s)))
            {
                // First baselines level.
                let dy = title.style.ascent() - summary.style.ascent();
                return Tab {
                    height: title.height().max(dy + summary.height()),
                    summary_at: Point::new(title_width + space, dy),
                    title,
                    summary: Some(summary),
                };
            }
        }
        let summary = summary_block(width);
        let dy = title.height() + m.space.tab;
        Tab {
            height: summary.as_ref().map_or(title.height(), |s| dy + s.height()),
            summary_at: Point::new(0.0, dy),
            title,
            summary,
        }
    }

    /// The tab of the stage with index `stage`, its top-left corner at `x`, `top`.
    pub(super) fn place(&self, x: f32, top: f32, color: Color, stage: usize) -> Vec<Item> {
        let mut items = with_role(self.title.place(x, top, color), Role::StageTitle(stage));
        if let Some(s) = &self.summary {
            let summary = s.place(x + self.summary_at.x, top + self.summary_at.y, color);
            items.extend(with_role(summary, Role::StageSummary(stage)));
        }
        items
    }
}

/// One stage: a tab with its title and summary, and its cards.
pub(super) struct Stack<'f> {
    pub(super) tab: Tab<'f>,
    /// The room for its tab, pt: the tab's own height with its padding, and, once its
    /// side is measured, its side's tallest tab's (a shorter tab is drawn at its own).
    pub(super) head: f32,
    pub(super) cards: Cards<'f>,
    pub(super) above: bool,
    /// Left edge, from the body's left edge, pt.
    pub(super) x: f32,
    pub(super) width: f32,
    /// Tab and cards, pt.
    pub(super) height: f32,
    /// Its height in an equal share of its side's width, pt: the stage that needs most
    /// room then is the one to blame when the page overflows, however the side's width
    /// was shared in the end.
    pub(super) need: f32,
}

impl<'f> Stack<'f> {
    /// Whether its tab is no taller than `head` pt: a share of a side's width that gives
    /// a tab a line more moves every card of the side that line further from the road,
    /// and leaves the side's tabs more uneven than they were.
    pub(super) fn tab_within(&self, head: f32) -> bool {
        self.head <= head + 0.01
    }

    /// Its tab and its cards, as stages side by side line them up.
    pub(super) fn tall(&self) -> Tall {
        Tall {
            head: self.head,
            cards: self.height - self.head,
        }
    }

    /// Measures `stage` for a span `width` pt wide, with at most `most` cards across; it
    /// starts below the road, at the body's left edge.
    pub(super) fn new(
        roadmap: &Roadmap,
        stage: &Stage,
        width: f32,
        most: usize,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Stack<'f> {
        let pad = m.card.padding;
        let tab = Tab::new(stage, width - 2.0 * pad, m, preset);
        let cards = Cards::new(roadmap, stage, width, most, m, preset);
        let gutter = m.gutter;
        let head = 2.0 * pad + tab.height;
        let height = if cards.is_empty() {
            head
        } else {
            head + gutter + cards.height()
        };
        Stack {
            tab,
            head,
            cards,
            above: false,
            x: 0.0,
            width,
            height,
            need: height,
        }
    }
}
