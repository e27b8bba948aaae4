//! A roadmap over several pages: where the pages break, and the type size they share.
//!
//! The roadmap is cut into runs that follow each other: page 1 holds the stages (and the
//! offers of a stage, where breaking inside it is what fills the page) up to its break,
//! page 2 takes up from there. Each page is laid out like a one-page roadmap of its run
//! ([`Share`]) with its stages numbered and coloured as in the whole roadmap; page 1
//! carries the title block and legend, later pages a running title; the last page the
//! full footer and the others a running foot with the page number (unless the roadmap
//! asks for the full footer on every page); the road leaves one page with a note saying
//! where it goes on, and comes into the next with a note saying where it came from.
//!
//! The fitter looks for the largest type scale at which the pages, each filled before the
//! next begins, hold the roadmap ([`Packer::breaks`]); a stage marked `break_before`
//! always starts a page.

use super::block::Block;
use super::columns::{arrow, arrow_back};
use super::metrics::Metrics;
use super::preset::LayoutStyle;
use super::road::marker_left;
use super::{largest_fitting, Page, Preset, Trial};
use crate::model::{Label, Roadmap};
use crate::scene::{with_role, Item, OfferAt, Point, Rect, Role};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// A place in the roadmap: before offer `offer` of stage `stage`. `offer = 0` is a break
/// between stages; the end of the roadmap is stage `stages.len()`, offer 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct Mark {
    /// The stage's index in the roadmap.
    pub(crate) stage: usize,
    /// The offer's index in that stage.
    pub(crate) offer: usize,
}

/// One page's share of a roadmap: the run of stages from `start` to `end`, as a roadmap
/// of its own, and the page's place among the pages.
pub(crate) struct Share<'r> {
    /// The stages on the page (the first and last possibly in part).
    pub(crate) roadmap: Cow<'r, Roadmap>,
    /// Where the page's run begins in the whole roadmap.
    pub(crate) start: Mark,
    /// The page's number, from 1.
    pub(crate) number: usize,
    /// How many pages there are.
    pub(crate) pages: usize,
    /// Whether the roadmap goes on past this page.
    pub(crate) onward: bool,
}

impl<'r> Share<'r> {
    /// The whole roadmap on one page.
    pub(crate) fn whole(roadmap: &'r Roadmap) -> Share<'r> {
        Share {
            roadmap: Cow::Borrowed(roadmap),
            start: Mark::default(),
            number: 1,
            pages: 1,
            onward: false,
        }
    }

    /// Page `number` of `pages`: the run of `whole` from `start` to `end`. A stage that
    /// began on an earlier page is titled "… (continued)", without its summary.
    pub(crate) fn new(
        whole: &Roadmap,
        start: Mark,
        end: Mark,
        number: usize,
        pages: usize,
    ) -> Share<'static> {
        let mut roadmap = whole.clone();
        let last = if end.offer > 0 {
            end.stage + 1
        } else {
            end.stage
        };
        roadmap.stages = whole.stages[start.stage..last.min(whole.stages.len())].to_vec();
        if end.offer > 0 {
            if let Some(stage) = roadmap.stages.last_mut() {
                stage.offers.truncate(end.offer);
            }
        }
        if start.offer > 0 {
            if let Some(stage) = roadmap.stages.first_mut() {
                stage.offers.drain(..start.offer.min(stage.offers.len()));
                let continued = whole.labels.get(Label::Continued);
                stage.title = format!("{} ({continued})", stage.title);
                stage.summary = None;
            }
        }
        Share {
            roadmap: Cow::Owned(roadmap),
            start,
            number,
            pages,
            onward: end < end_of(whole),
        }
    }

    /// The page number for the footer of a roadmap over several pages.
    pub(crate) fn folio(&self) -> Option<String> {
        (self.pages > 1).then(|| (self.roadmap.labels).page_of(self.number, self.pages))
    }

    /// The note at the head of a later page: "Continued from page 1".
    pub(crate) fn coming_note(&self) -> Option<String> {
        (self.number > 1)
            .then(|| (self.roadmap.labels).page_note(Label::ContinuedFrom, self.number - 1))
    }

    /// The note at the foot of a page the roadmap goes on from: "Continues on page 2".
    pub(crate) fn onward_note(&self) -> Option<String> {
        self.onward
            .then(|| (self.roadmap.labels).page_note(Label::Continues, self.number + 1))
    }

    /// Gives the offers of a stage continued from an earlier page their index in the
    /// whole stage (the page's run numbers them from its own start).
    pub(crate) fn renumber(&self, items: &mut [Item]) {
        if self.start.offer == 0 {
            return;
        }
        for item in items {
            match item {
                Item::Text(text) => {
                    if let Role::Offer(at, part) = text.role {
                        if at.stage == self.start.stage {
                            let offer = at.offer + self.start.offer;
                            text.role = Role::Offer(OfferAt { offer, ..at }, part);
                        }
                    }
                }
                Item::Link(link) => self.renumber(&mut link.children),
                Item::Shape(_) | Item::Qr(_) | Item::Image(_) => {}
            }
        }
    }
}

/// The end of the roadmap as a [`Mark`].
fn end_of(roadmap: &Roadmap) -> Mark {
    Mark {
        stage: roadmap.stages.len(),
        offer: 0,
    }
}

/// The places a page may end, in order: between stages, and between the offers of a
/// stage too, leaving at least two of its offers on each side (one offer
/// alone at the foot or the head of a page reads as a mistake). The end of the roadmap is
/// the last.
fn breaks(roadmap: &Roadmap) -> Vec<Mark> {
    let mut marks = Vec::new();
    for (stage, s) in roadmap.stages.iter().enumerate() {
        let within = 2..s.offers.len().saturating_sub(1);
        marks.extend(within.map(|offer| Mark { stage, offer }));
        marks.push(Mark {
            stage: stage + 1,
            offer: 0,
        });
    }
    marks
}

/// Finds, for one preset (one rung of its density ladder), where `pages` pages of a
/// roadmap break and the type scale they share. Each page measured at a scale is
/// remembered: the searches ask for the same pages again and again.
pub(crate) struct Packer<'a, 'f> {
    whole: &'f Roadmap,
    preset: &'a Preset,
    page: &'a Page,
    pages: usize,
    /// (start, end, page number, scale's bits) → the room left, pt.
    measured: RefCell<HashMap<Measured, f32>>,
}

/// A page measured: where its run starts and ends, its number, and the scale's bits.
type Measured = (Mark, Mark, usize, u32);

/// Where pages break and at what scale: the starts of pages 2, 3, ….
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Breaks {
    /// The type scale every page holds.
    pub(crate) scale: f32,
    /// Where each page after the first begins.
    pub(crate) starts: Vec<Mark>,
}

impl<'a, 'f> Packer<'a, 'f> {
    pub(crate) fn new(
        whole: &'f Roadmap,
        preset: &'a Preset,
        page: &'a Page,
        pages: usize,
    ) -> Packer<'a, 'f> {
        Packer {
            whole,
            preset,
            page,
            pages,
            measured: RefCell::new(HashMap::new()),
        }
    }

    /// The largest scale (at most `most`) at which the roadmap fits the pages, and where
    /// they break at it; `None` when it fits at no scale. Each page is filled before the
    /// next begins, breaking inside a stage when that is what fills it.
    pub(crate) fn breaks(&self, most: Option<f32>) -> Option<Breaks> {
        let scale = largest_fitting(self.preset, self.whole, most, |scale| {
            self.pack(scale).is_some()
        })?;
        let starts = self.pack(scale)?;
        Some(Breaks { scale, starts })
    }

    /// Whether the pages hold the whole roadmap at `scale`.
    pub(crate) fn holds_at(&self, scale: f32) -> bool {
        self.pack(scale).is_some()
    }

    /// Fills the pages in order, each with as much as it holds at `scale`; the starts of
    /// pages 2, 3, … when the roadmap ends by the last page.
    fn pack(&self, scale: f32) -> Option<Vec<Mark>> {
        let marks = breaks(self.whole);
        let end = end_of(self.whole);
        let mut start = Mark::default();
        let mut starts = Vec::new();
        for number in 1..=self.pages {
            // A stage that starts a new page ends the page before it.
            let limit = (self.whole.stages.iter().enumerate())
                .skip(start.stage + 1)
                .find(|(_, stage)| stage.break_before)
                .map_or(end, |(stage, _)| Mark { stage, offer: 0 });
            let ahead: Vec<Mark> = (marks.iter().copied())
                .filter(|&m| m > start && m <= limit)
                .collect();
            let holds = |m: Mark| self.holds(start, m, number, scale);
            // The furthest end the page holds: pages hold less as they hold more.
            let reached = if number == self.pages {
                (limit == end && holds(end)).then_some(end)?
            } else {
                let count = leading(&ahead, holds);
                *ahead.get(count.checked_sub(1)?)?
            };
            if reached == end {
                return Some(starts);
            }
            starts.push(reached);
            start = reached;
        }
        None
    }

    /// Whether page `number`, running from `start` to `end`, holds its run at `scale`.
    fn holds(&self, start: Mark, end: Mark, number: usize, scale: f32) -> bool {
        let key = (start, end, number, scale.to_bits());
        let known = self.measured.borrow().get(&key).copied();
        let slack = known.unwrap_or_else(|| {
            let share = Share::new(self.whole, start, end, number, self.pages);
            let m = Metrics::new(self.preset, scale, self.whole.text_fonts());
            let trial = Trial::on(self.whole, &share, self.preset, self.page, &m);
            let slack = trial.slack();
            self.measured.borrow_mut().insert(key, slack);
            slack
        });
        slack >= 0.0
    }
}

/// How many of `ahead`'s marks, from the first, `holds` says a page holds (pages hold
/// less as they hold more), as a bisection finds them; but probed from the nearest mark
/// outwards, a step twice as long each time, so that the runs measured are about as long
/// as the page holds, never half a long roadmap.
fn leading(ahead: &[Mark], holds: impl Fn(Mark) -> bool) -> usize {
    let (mut held, mut step) = (0, 1);
    let failed = loop {
        let probe = held + step - 1;
        match ahead.get(probe) {
            Some(&mark) if holds(mark) => {
                held = probe + 1;
                step *= 2;
            }
            Some(_) => break probe,
            None => break ahead.len(),
        }
    };
    held + ahead[held..failed].partition_point(|&m| holds(m))
}

/// Every page's share of `whole` for breaks at `starts` (where pages 2, 3, … begin).
pub(crate) fn shares(whole: &Roadmap, starts: &[Mark]) -> Vec<Share<'static>> {
    let pages = starts.len() + 1;
    let begins = std::iter::once(Mark::default()).chain(starts.iter().copied());
    let ends = (starts.iter().copied()).chain(std::iter::once(end_of(whole)));
    begins
        .zip(ends)
        .enumerate()
        .map(|(i, (start, end))| Share::new(whole, start, end, i + 1, pages))
        .collect()
}

/// The notes where the road comes from and goes on to: the road layout's beside its road
/// (which runs into them), on the side of the page the road runs down; the others'
/// right-aligned, with an arrow pointing on, at the right of the running title's and the
/// page number's lines (or, beside a QR code, of a strip at the body's foot).
pub(super) fn notes(
    share: &Share,
    trial: &Trial,
    frame: Rect,
    m: &Metrics,
    preset: &Preset,
) -> Vec<Item> {
    let p = &preset.palette;
    let road = preset.style == LayoutStyle::Road;
    let clear = m.road.marker / 2.0 + m.road.width + m.gutter;
    let arrow_size = m.small;
    let mut items = Vec::new();
    // `stage`: the stage whose marker side the road layout's road runs down there; `back`:
    // the note says where the roadmap came from, and its arrow points back, before it.
    let mut note = |block: &Block, top: f32, stage: usize, back: bool| {
        let width = block.width();
        let (text_x, arrow_x) = match (road, marker_left(stage), back) {
            (true, true, _) => (frame.x + clear, None),
            (true, false, _) => (frame.right() - clear - width, None),
            (false, _, true) => (
                frame.right() - width,
                Some(frame.right() - width - arrow_size / 2.0),
            ),
            (false, _, false) => (
                frame.right() - arrow_size - width,
                Some(frame.right() - arrow_size / 2.0),
            ),
        };
        items.extend(with_role(
            block.place(text_x, top, p.muted.0),
            Role::Pagination,
        ));
        if let Some(x) = arrow_x {
            let center = Point::new(x, top + block.height() / 2.0);
            let draw = if back { arrow_back } else { arrow };
            items.push(draw(center, arrow_size * 0.8, p.muted.0, preset));
        }
    };
    if let Some((block, top)) = &trial.from {
        note(block, *top, share.start.stage, true);
    }
    if let Some((block, top)) = &trial.onward {
        let last = share.start.stage + share.roadmap.stages.len().saturating_sub(1);
        note(block, *top, last, false);
    }
    items
}
