//! The timeline layout: a straight road across the page with the numbered stage markers
//! evenly along it. Each stage's title tab and cards hang from its marker on a stem,
//! alternately above the road (stages 1, 3, …) and below it (2, 4, …), so the stages of
//! one side can each spread over two markers' width without meeting their neighbours.

use std::collections::HashMap;

use super::block::Block;
use super::grid::{first_spill, Cards};
use super::heading;
use super::marker::marker;
use super::metrics::Metrics;
use super::paving::pave;
use super::preset::Preset;
use super::space::fit_across;
use super::{Body, Extent, Flow};
use crate::model::{Roadmap, Stage};
use crate::scene::{with_role, Color, Item, Path, Point, Rect, Role, Segment, Shape, Stroke};

/// A stage's title and summary, set on a tab in the stage's colour: side by side when
/// the title is short, which saves a line on every stage of a wide side.
struct Tab<'f> {
    title: Block<'f>,
    summary: Option<Block<'f>>,
    /// Where the summary's first line box starts, from the title's.
    summary_at: Point,
    /// The text's height, pt.
    height: f32,
}

impl<'f> Tab<'f> {
    fn new(stage: &Stage, width: f32, m: &Metrics<'f>, preset: &Preset) -> Tab<'f> {
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
    fn place(&self, x: f32, top: f32, color: Color, stage: usize) -> Vec<Item> {
        let mut items = with_role(self.title.place(x, top, color), Role::StageTitle(stage));
        if let Some(s) = &self.summary {
            let summary = s.place(x + self.summary_at.x, top + self.summary_at.y, color);
            items.extend(with_role(summary, Role::StageSummary(stage)));
        }
        items
    }
}

/// One stage: a tab with its title and summary, and its cards.
struct Stack<'f> {
    tab: Tab<'f>,
    /// The tab's height with its padding, pt.
    head: f32,
    cards: Cards<'f>,
    above: bool,
    /// Left edge, from the body's left edge, pt.
    x: f32,
    width: f32,
    /// Tab and cards, pt.
    height: f32,
    /// Its height in an equal share of its side's width, pt: the stage that needs most
    /// room then is the one to blame when the page overflows, however the side's width
    /// was shared in the end.
    need: f32,
}

/// Where a stage stands across the body: its left edge, from the body's left edge, and
/// its width, pt.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    x: f32,
    width: f32,
}

impl Span {
    fn right(self) -> f32 {
        self.x + self.width
    }
}

/// The timeline layout's stages, measured for one type scale.
pub struct Timeline<'f> {
    /// The index of the first stack's stage in the whole roadmap.
    first: usize,
    stacks: Vec<Stack<'f>>,
    /// The tallest stack above the road and below it, pt.
    above: f32,
    below: f32,
    /// Between the stages of one side, pt; also the most a stem may grow.
    gap: f32,
    /// Between cards, and the shortest stem, pt.
    gutter: f32,
    marker: f32,
    pad: f32,
    /// How much wider the body would have to be for every card to keep `card.min_width`;
    /// the layout does not fit while this is above zero.
    shortfall: f32,
    /// The first stage that finds no room when `shortfall` is above zero.
    crowded: usize,
}

impl<'f> Timeline<'f> {
    /// Measures the stages for a body of `area`: each side's stages share its width
    /// equally, and a stage's cards sit side by side where they stay wide enough.
    ///
    /// `first` is the index of the roadmap's first stage in the whole roadmap: stages
    /// keep the side their index gives them on every page.
    pub fn measure(
        roadmap: &Roadmap,
        first: usize,
        area: Rect,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Timeline<'f> {
        let n = roadmap.stages.len();
        let gap = m.stage_gap;
        let gutter = m.gutter;
        let min_width = m.card.min_width;
        // A single stage hangs below the road, so the page reads from the top.
        let above = |i: usize| n > 1 && (first + i).is_multiple_of(2);
        let mut shortfall = 0.0;
        let mut crowded = 0;
        let mut stacks: Vec<Stack> = Vec::with_capacity(n);
        for side in [true, false] {
            let members: Vec<usize> = (0..n).filter(|&i| above(i) == side).collect();
            let count = members.len() as f32;
            let need = count * min_width + (count - 1.0) * gap;
            if need - area.width > shortfall {
                shortfall = need - area.width;
                let fit = fit_across(area.width, min_width, gap);
                // The first stage past the last that fits across, or the side's last.
                crowded = members.get(fit).or(members.last()).copied().unwrap_or(0);
            }
            // Each stage's span on this side: its left edge and width.
            let measure_side = |spans: &[Span]| {
                members
                    .iter()
                    .zip(spans)
                    .map(|(&i, span)| {
                        let stage = &roadmap.stages[i];
                        let mut stack = Stack::new(roadmap, stage, span.width, m, preset);
                        stack.above = side;
                        stack.x = span.x;
                        stack
                    })
                    .collect::<Vec<Stack>>()
            };
            let width = (area.width - gap * (count - 1.0)) / count;
            let equal: Vec<Span> = (0..members.len())
                .map(|k| Span {
                    x: k as f32 * (width + gap),
                    width,
                })
                .collect();
            let tallest = |s: &[Stack]| s.iter().map(|s| s.height).fold(0.0, f32::max);
            let mut best = measure_side(&equal);
            let alone: Vec<f32> = best.iter().map(|s| s.height).collect();
            let mut spans = equal;
            if preset.packing.balance {
                if let Some(need) = by_need(roadmap, &members, area.width, gap, m) {
                    let balanced = measure_side(&need);
                    if tallest(&balanced) < tallest(&best) {
                        best = balanced;
                        spans = need;
                    }
                }
            }
            if preset.packing.share_by_height {
                let heads: Vec<f32> = best.iter().map(|s| s.head).collect();
                let side = SideOf {
                    roadmap,
                    members: &members,
                    width: area.width,
                    m,
                    preset,
                };
                spans = side.share_by_height(spans, &heads);
                best = measure_side(&spans);
            }
            for (stack, need) in best.iter_mut().zip(alone) {
                stack.need = need;
            }
            stacks.extend(best);
        }
        // Back in stage order: the sides were measured one after the other.
        let mut order: Vec<usize> = (0..n).filter(|&i| above(i)).collect();
        order.extend((0..n).filter(|&i| !above(i)));
        let mut indexed: Vec<(usize, Stack)> = order.into_iter().zip(stacks).collect();
        indexed.sort_by_key(|(i, _)| *i);
        let mut stacks: Vec<Stack> = indexed.into_iter().map(|(_, s)| s).collect();
        // Every tab of a side is as tall as its tallest, so the cards of a side stand (or
        // hang) at one height from the road.
        for side in [true, false] {
            let head = (stacks.iter())
                .filter(|s| s.above == side)
                .map(|s| s.head)
                .fold(0.0, f32::max);
            for stack in stacks.iter_mut().filter(|s| s.above == side) {
                stack.height += head - stack.head;
                stack.head = head;
            }
        }
        let tallest = |side: bool| {
            stacks
                .iter()
                .filter(|s| s.above == side)
                .map(|s| s.height)
                .fold(0.0, f32::max)
        };
        Timeline {
            first,
            above: tallest(true),
            below: tallest(false),
            marker: m
                .road
                .marker
                .min(area.width / n.max(1) as f32 * preset.timeline.marker_share.0),
            stacks,
            gap,
            gutter,
            pad: m.card.padding,
            shortfall,
            crowded,
        }
    }

    /// The first stage holding a card whose badges do not fit even one to a row, that
    /// card, and how far they run past it, pt.
    fn spill(&self) -> Option<(usize, usize, f32)> {
        first_spill(self.stacks.iter().map(|s| &s.cards))
    }

    /// The height of each side with its stem, pt: zero for a side without stages.
    fn sides(&self) -> (f32, f32) {
        let side = |h: f32| if h > 0.0 { h + self.gutter } else { 0.0 };
        (side(self.above), side(self.below))
    }
}

/// Spans (left edge, width) for one side's stages (`members`, in order) sharing its width
/// by how many offers each holds, each at least a card wide; `None` when that would move
/// a stage's span off its marker (markers stand evenly along the road) or change nothing.
fn by_need(
    roadmap: &Roadmap,
    members: &[usize],
    width: f32,
    gap: f32,
    m: &Metrics,
) -> Option<Vec<Span>> {
    let n = roadmap.stages.len();
    let free = width - gap * (members.len() as f32 - 1.0);
    let weights: Vec<f32> = members
        .iter()
        .map(|&i| roadmap.stages[i].offers.len().max(1) as f32)
        .collect();
    let total: f32 = weights.iter().sum();
    let widths: Vec<f32> = weights.iter().map(|w| free * w / total).collect();
    if widths.windows(2).all(|w| w[0] == w[1]) {
        return None;
    }
    let mut x = 0.0;
    let spans: Vec<Span> = widths
        .iter()
        .map(|&width| {
            let span = Span { x, width };
            x += width + gap;
            span
        })
        .collect();
    over_markers(n, members, &spans, width, m).then_some(spans)
}

/// One side of the road, for sharing its width: its stages (indices into the roadmap, in
/// order) and what they are measured with.
struct SideOf<'a> {
    roadmap: &'a Roadmap,
    members: &'a [usize],
    /// The body's width, pt.
    width: f32,
    m: &'a Metrics<'a>,
    preset: &'a Preset,
}

impl SideOf<'_> {
    /// The side's spans with their shared edges moved so that its tallest stage is as
    /// short as it can be, each span staying over its marker. Each stage's height at each
    /// width tried is measured once; a width at which its tab (`heads`, as measured in the
    /// spans given) would take another line is not taken, so the side's tabs stay as even
    /// as they were.
    fn share_by_height(&self, spans: Vec<Span>, heads: &[f32]) -> Vec<Span> {
        let (roadmap, m, preset) = (self.roadmap, self.m, self.preset);
        let n = roadmap.stages.len();
        let on_markers = |s: &[Span]| over_markers(n, self.members, s, self.width, m);
        let mut seen: HashMap<(usize, u32), f32> = HashMap::new();
        let height = |k: usize, width: f32| {
            *seen.entry((k, width.to_bits())).or_insert_with(|| {
                let stage = &roadmap.stages[self.members[k]];
                let stack = Stack::new(roadmap, stage, width, m, preset);
                if stack.head > heads[k] + 0.01 {
                    f32::INFINITY
                } else {
                    stack.height
                }
            })
        };
        shorten(spans, m.card.min_width, on_markers, height)
    }
}

/// One side's spans (left edge, width) with their shared edges moved, a quarter, an
/// eighth and then a sixteenth of a card at a time, for as long as that makes its tallest
/// stage shorter. `on_markers` says which spans may be tried; `height(k, width)` is the
/// height of the side's stage `k` in a span `width` wide.
fn shorten(
    mut spans: Vec<Span>,
    card: f32,
    on_markers: impl Fn(&[Span]) -> bool,
    mut height: impl FnMut(usize, f32) -> f32,
) -> Vec<Span> {
    let mut heights: Vec<f32> = (spans.iter().enumerate())
        .map(|(k, span)| height(k, span.width))
        .collect();
    let tallest = |h: &[f32]| h.iter().copied().fold(0.0, f32::max);
    for step in [card / 4.0, card / 8.0, card / 16.0] {
        let mut improved = true;
        while improved {
            improved = false;
            for edge in 1..spans.len() {
                for by in [-step, step] {
                    let mut trial = spans.clone();
                    trial[edge - 1].width += by;
                    trial[edge].x += by;
                    trial[edge].width -= by;
                    if !on_markers(&trial) {
                        continue;
                    }
                    // Only the two stages beside the edge change.
                    let mut tried = heights.clone();
                    tried[edge - 1] = height(edge - 1, trial[edge - 1].width);
                    tried[edge] = height(edge, trial[edge].width);
                    // Shorter by more than rounding, so that the search ends.
                    if tallest(&tried) < tallest(&heights) - 0.01 {
                        (spans, heights, improved) = (trial, tried, true);
                    }
                }
            }
        }
    }
    spans
}

/// Whether each span is a card wide and keeps its marker's stem on its flat edge.
fn over_markers(n: usize, members: &[usize], spans: &[Span], width: f32, m: &Metrics) -> bool {
    let slot = width / n.max(1) as f32;
    let inset = m.road.marker / 2.0 + m.card.radius;
    members.iter().zip(spans).all(|(&i, span)| {
        let center = (i as f32 + 0.5) * slot;
        span.width >= m.card.min_width && center >= span.x + inset && center <= span.right() - inset
    })
}

impl<'f> Stack<'f> {
    /// Measures `stage` for a span `width` pt wide; it starts below the road, at the
    /// body's left edge.
    fn new(
        roadmap: &Roadmap,
        stage: &Stage,
        width: f32,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Stack<'f> {
        let pad = m.card.padding;
        let tab = Tab::new(stage, width - 2.0 * pad, m, preset);
        let cards = Cards::new(roadmap, stage, width, m.card.columns, m, preset);
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

impl<'f> Timeline<'f> {
    /// Both sides with their stems and the road between them, pt.
    fn height(&self) -> f32 {
        let (above, below) = self.sides();
        above + self.marker + below
    }
}

impl<'f> Timeline<'f> {
    /// Where each stage's marker stands along the road: as near the middle of its stage's
    /// span as markers a marker and a gutter apart, in order, allow (least squares), so
    /// each band reads as hanging from its marker; evenly along the road, where every
    /// span was measured to keep its marker, if that would put a marker off its span or
    /// a band spans the road.
    fn marker_centers(&self, area: Rect) -> Vec<f32> {
        let apart = self.marker + self.gutter;
        let middles: Vec<f32> = (self.stacks.iter())
            .map(|s| area.x + s.x + s.width / 2.0)
            .collect();
        let centers = spaced(&middles, apart);
        let inset = self.marker / 2.0;
        let on_spans = self
            .stacks
            .iter()
            .zip(&centers)
            .all(|(s, &c)| c >= area.x + s.x + inset && c <= area.x + s.x + s.width - inset);
        // A band nearly as wide as the road has no middle to mark: its neighbours' markers
        // would crowd to the page's centre, and the road would stop reading as a sequence.
        let narrow = self.stacks.iter().all(|s| s.width < 0.9 * area.width);
        if on_spans && narrow {
            return centers;
        }
        let slot = area.width / self.stacks.len().max(1) as f32;
        (0..self.stacks.len())
            .map(|i| area.x + (i as f32 + 0.5) * slot)
            .collect()
    }
}

/// The points nearest `wanted` (least squares) that rise by at least `apart` from each to
/// the next: with `x[i] = y[i] + i * apart` the `y` must not fall, which pooling adjacent
/// violators solves exactly.
fn spaced(wanted: &[f32], apart: f32) -> Vec<f32> {
    // Blocks of pooled points: (sum of shifted targets, count).
    let mut blocks: Vec<(f32, usize)> = Vec::new();
    for (i, &w) in wanted.iter().enumerate() {
        blocks.push((w - i as f32 * apart, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f32 <= s2 / n2 as f32 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, n1 + n2);
        }
    }
    blocks
        .iter()
        .flat_map(|&(sum, n)| std::iter::repeat_n(sum / n as f32, n))
        .enumerate()
        .map(|(i, y)| y + i as f32 * apart)
        .collect()
}

impl Body for Timeline<'_> {
    fn extent(&self) -> Extent {
        // Too little width, or badges that run past a card, are not made good by spare
        // height: the page does not fit (at this type size) however much room is left.
        let excess = self.shortfall + self.spill().map_or(0.0, |(_, _, by)| by);
        if excess > 0.0 {
            Extent::TooWide(excess)
        } else {
            Extent::Height(self.height())
        }
    }

    fn overflow(&self, available: f32) -> (usize, Option<usize>) {
        if self.shortfall > 0.0 {
            return (self.crowded, None);
        }
        if let Some((stage, offer, _)) = self.spill() {
            return (stage, Some(offer));
        }
        // The taller side is to blame, and on it the stage that needed most room.
        let side = self.above >= self.below;
        let (above, below) = self.sides();
        let others = self.marker + if side { below } else { above } + self.gutter;
        let Some((i, stack)) = self
            .stacks
            .iter()
            .enumerate()
            .filter(|(_, s)| s.above == side)
            .max_by(|(_, a), (_, b)| a.need.total_cmp(&b.need))
        else {
            return (0, None);
        };
        let budget = available - others - stack.head - self.gutter;
        // Above the road the cards grow upwards from the tab: the bottom row is nearest.
        (i, stack.cards.first_past(budget, side))
    }

    fn place(&self, area: Rect, m: &Metrics, preset: &Preset, _: Flow) -> Vec<Item> {
        let p = &preset.palette;
        let (above, below) = self.sides();
        // Leftover height lengthens the stems by up to the preset's gap each, and what
        // is still left is shared above and below.
        let slack = (area.height - self.height()).max(0.0);
        let stems = (above > 0.0) as usize as f32 + (below > 0.0) as usize as f32;
        let extra = (slack / stems.max(1.0)).min(self.gap * preset.timeline.stem_growth.0);
        let top = area.y + (slack - extra * stems) / 2.0;
        let road_y = top + if above > 0.0 { above + extra } else { 0.0 } + self.marker / 2.0;
        let mut items = road(area, road_y, m, preset);
        let mut markers = Vec::new();
        let mut stages = Vec::new();
        let reach = self.marker / 2.0 + self.gutter + extra;
        let centers = self.marker_centers(area);
        for (k, stack) in self.stacks.iter().enumerate() {
            let i = self.first + k;
            let accent = p.stage(i);
            let x = area.x + stack.x;
            let center = Point::new(centers[k], road_y);
            let (tab_top, cards_top, stem_end) = if stack.above {
                let tab_top = road_y - reach - stack.head;
                let cards_top = tab_top - self.gutter - stack.cards.height();
                (tab_top, cards_top, road_y - reach)
            } else {
                let tab_top = road_y + reach;
                (tab_top, tab_top + stack.head + self.gutter, tab_top)
            };
            items.push(Item::Shape(Shape {
                path: Path {
                    segments: vec![
                        Segment::MoveTo(center),
                        Segment::LineTo(Point::new(center.x, stem_end)),
                    ],
                },
                fill: None,
                stroke: Some(Stroke {
                    color: accent,
                    width: m.road.stem,
                    dash: None,
                    round: false,
                }),
            }));
            markers.extend(marker(m.fonts, i + 1, center, self.marker, accent, preset));
            stages.push(Item::Shape(Shape {
                path: Path::rounded_rect(
                    Rect::new(x, tab_top, stack.width, stack.head),
                    m.card.radius,
                ),
                fill: Some(accent),
                stroke: None,
            }));
            stages.extend(
                stack
                    .tab
                    .place(x + self.pad, tab_top + self.pad, p.stage_text.0, i),
            );
            stages.extend(
                stack
                    .cards
                    .place(x, cards_top, stack.above, accent, i, preset),
            );
        }
        items.extend(markers);
        items.extend(stages);
        items
    }
}

/// The road straight across the body at `y`, ending in an arrowhead at the right.
fn road(area: Rect, y: f32, m: &Metrics, preset: &Preset) -> Vec<Item> {
    let width = m.road.width;
    let head = m.road.arrowhead;
    let tip = area.right();
    // The round cap at the left reaches half the road's width beyond the path's start.
    let path = Path {
        segments: vec![
            Segment::MoveTo(Point::new(area.x + width / 2.0, y)),
            Segment::LineTo(Point::new(tip - head, y)),
        ],
    };
    let mut items = pave(path, m, preset);
    items.push(Item::Shape(Shape {
        path: Path {
            segments: vec![
                Segment::MoveTo(Point::new(tip - head, y - width)),
                Segment::LineTo(Point::new(tip, y)),
                Segment::LineTo(Point::new(tip - head, y + width)),
                Segment::Close,
            ],
        },
        fill: Some(preset.palette.road.0),
        stroke: None,
    }));
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::layout::testing::{example_is_clean, lay_out, stages};
    use crate::layout::{layout, LayoutOptions};
    use crate::model::{self, Orientation, PageSize};

    fn preset() -> Preset {
        Preset::builtin("timeline").expect("the timeline preset is built in")
    }

    #[test]
    fn the_example_lays_out_cleanly_with_one_link_per_offer() {
        example_is_clean(&preset());
    }

    #[test]
    fn an_empty_stage_and_a_single_stage_lay_out_cleanly() {
        let empty = stages(3, 0) + &stages(1, 1).replace("title = \"Stages\"\n", "");
        for (source, offers) in [(empty, 1), (stages(1, 2), 2)] {
            assert_eq!(lay_out(&source, &preset()).links().len(), offers);
        }
    }

    /// The stage tabs: shapes in a stage colour outside the cards, unlike markers wide.
    fn tabs(scene: &crate::scene::Scene) -> Vec<Rect> {
        let accents: Vec<_> = preset().palette.stages.iter().map(|h| Some(h.0)).collect();
        scene
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Shape(s) if accents.contains(&s.fill) => Some(s.path.bounds()),
                _ => None,
            })
            .filter(|r| r.width > 2.0 * r.height)
            .collect()
    }

    #[test]
    fn tabs_keep_clear_of_the_cards_and_of_each_other() {
        let source = include_str!("../../examples/link-worker-training.toml");
        for source in [source.to_string(), stages(6, 2), stages(3, 0)] {
            let scene = lay_out(&source, &preset());
            let tabs = tabs(&scene);
            let count = model::parse("count", &source).unwrap().stages.len();
            assert_eq!(tabs.len(), count);
            for (i, tab) in tabs.iter().enumerate() {
                for link in scene.links() {
                    assert!(!tab.overlaps(&link.rect, 0.05), "tab {i} overlaps a card");
                }
                for other in &tabs[i + 1..] {
                    assert!(!tab.overlaps(other, 0.05), "tab {i} overlaps a tab");
                }
            }
        }
    }

    #[test]
    fn stages_alternate_above_and_below_the_road() {
        let scene = lay_out(&stages(4, 1), &preset());
        let tops: Vec<f32> = scene.links().iter().map(|l| l.rect.y).collect();
        assert!(tops[0] < tops[1] && tops[2] < tops[1] && tops[2] < tops[3]);
    }

    #[test]
    fn shared_edges_move_towards_the_stage_that_needs_room_while_markers_allow() {
        // Two spans of 100 pt; a stage's height falls as its span widens, the first
        // stage needing twice the room of the second.
        let spans = vec![
            Span {
                x: 0.0,
                width: 100.0,
            },
            Span {
                x: 110.0,
                width: 100.0,
            },
        ];
        let height = |k: usize, w: f32| [2000.0, 1000.0][k] / w;
        let anywhere = |_: &[Span]| true;
        let moved = shorten(spans.clone(), 40.0, anywhere, height);
        assert!(
            moved[0].width > 125.0 && moved[0].width < 140.0,
            "{moved:?}"
        );
        assert!((moved[0].width + moved[1].width - 200.0).abs() < 0.01);
        assert!(
            (moved[1].x - (moved[0].width + 10.0)).abs() < 0.01,
            "the gap is kept"
        );
        // A marker that holds the edge where it is stops the search.
        let held = |s: &[Span]| s[0].width <= 100.0;
        assert_eq!(shorten(spans.clone(), 40.0, held, height), spans);
    }

    #[test]
    fn too_many_stages_for_the_width_do_not_fit() {
        let roadmap = model::parse("many", &stages(14, 1)).unwrap();
        let options = LayoutOptions {
            page: Some(PageSize::A4),
            orientation: Some(Orientation::Portrait),
            ..Default::default()
        };
        let result = layout(&roadmap, &preset(), &options);
        assert!(matches!(result, Err(Error::DoesNotFit(_))), "{result:?}");
    }

    #[test]
    fn spaced_points_keep_their_distance_and_stay_near() {
        // Already apart: unchanged.
        assert_eq!(spaced(&[0.0, 10.0, 30.0], 5.0), vec![0.0, 10.0, 30.0]);
        // Two wanting the same place share it, half the distance either side.
        assert_eq!(spaced(&[20.0, 20.0], 10.0), vec![15.0, 25.0]);
        // Out of order: pooled, then spread.
        let got = spaced(&[40.0, 10.0, 50.0], 10.0);
        assert!(
            got.windows(2).all(|p| p[1] - p[0] >= 10.0 - 1e-4),
            "{got:?}"
        );
        assert!((got.iter().sum::<f32>() - 100.0).abs() < 1e-3, "{got:?}");
    }
}
