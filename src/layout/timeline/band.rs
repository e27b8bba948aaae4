//! One road and the stages along it: their markers on the road, and each stage's tab and
//! cards on a stem above or below it, the sides taking turns.

use super::share::{by_need, over_markers, Axis, SideOf};
use super::stack::Stack;
use crate::layout::grid::first_spill;
use crate::layout::marker::marker;
use crate::layout::metrics::Metrics;
use crate::layout::preset::Preset;
use crate::layout::space::fit_across;
use crate::layout::widths::{by_columns, row_height, Room, Span, Tall};
use crate::model::Roadmap;
use crate::scene::{Item, Path, Point, Rect, Segment, Shape, Stroke};

/// The stages along one road, measured for one type scale.
pub(super) struct Band<'f> {
    /// The road's stages, in order.
    pub(super) axis: Axis,
    /// Where the stages start, from the body's left edge, pt.
    pub(super) x: f32,
    pub(super) stacks: Vec<Stack<'f>>,
    /// The tallest stack above the road and below it, pt.
    pub(super) above: f32,
    pub(super) below: f32,
    /// Between the stages of one side, pt; also the most a stem may grow.
    pub(super) gap: f32,
    /// Between cards, and the shortest stem, pt.
    pub(super) gutter: f32,
    /// The markers' diameter, pt.
    pub(super) marker: f32,
    /// How far the road's arrowhead reaches either side of the road's centre, pt.
    arrow: f32,
    pad: f32,
    /// How much wider the road would have to be for every card to keep `card.min_width`;
    /// the layout does not fit while this is above zero.
    pub(super) shortfall: f32,
    /// The first stage (an index into the roadmap) that finds no room when `shortfall`
    /// is above zero.
    pub(super) crowded: usize,
}

/// A band's items, in the order they are painted: the stems under the markers, and the
/// stages over both.
pub(super) struct Placed {
    /// Where the road runs, pt from the page's top.
    pub(super) road_y: f32,
    /// The stems from the markers to the tabs.
    pub(super) stems: Vec<Item>,
    /// The numbered markers on the road.
    pub(super) markers: Vec<Item>,
    /// Each stage's tab and cards, in stage order.
    pub(super) stages: Vec<Item>,
}

impl<'f> Band<'f> {
    /// Measures the stages of `axis`, starting `x` pt from the body's left edge: each
    /// side's stages share its width equally, and a stage's cards sit side by side where
    /// they stay wide enough. The first stage stands above the road, the next below it,
    /// and so on; with `lone_below`, a road of one stage has it below, so that a page of
    /// one stage reads from the top.
    pub(super) fn measure(
        roadmap: &Roadmap,
        axis: Axis,
        x: f32,
        lone_below: bool,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Band<'f> {
        let (first, n) = (axis.first, axis.count);
        let gap = m.stage_gap;
        let gutter = m.gutter;
        let min_width = m.card.min_width;
        let above = |i: usize| !(lone_below && n == 1) && (i - first).is_multiple_of(2);
        let mut shortfall = 0.0;
        let mut crowded = first;
        let mut stacks: Vec<Stack<'f>> = Vec::with_capacity(n);
        for side in [true, false] {
            let members: Vec<usize> = axis.stages().filter(|&i| above(i) == side).collect();
            let count = members.len() as f32;
            let need = count * min_width + (count - 1.0) * gap;
            if need - axis.width > shortfall {
                shortfall = need - axis.width;
                let fit = fit_across(axis.width, min_width, gap);
                // The first stage past the last that fits across, or the side's last.
                crowded = members
                    .get(fit)
                    .or(members.last())
                    .copied()
                    .unwrap_or(first);
            }
            // Each stage's span on this side: its left edge and width; with `across`, each
            // stage's cards across, otherwise as many as fit.
            let measure_side = |spans: &[Span], across: Option<&[usize]>| {
                members
                    .iter()
                    .zip(spans)
                    .enumerate()
                    .map(|(k, (&i, span))| {
                        let stage = &roadmap.stages[i];
                        let most = across.map_or(m.card.columns, |a| a[k]);
                        let mut stack = Stack::new(roadmap, stage, span.width, most, m, preset);
                        stack.above = side;
                        stack.x = span.x;
                        stack
                    })
                    .collect::<Vec<Stack<'f>>>()
            };
            let width = (axis.width - gap * (count - 1.0)) / count;
            let equal: Vec<Span> = (0..members.len())
                .map(|k| Span {
                    x: k as f32 * (width + gap),
                    width,
                })
                .collect();
            let tallest = |s: &[Stack]| s.iter().map(|s| s.height).fold(0.0, f32::max);
            let mut best = measure_side(&equal, None);
            let alone: Vec<f32> = best.iter().map(|s| s.height).collect();
            let mut spans = equal;
            if preset.packing.balance {
                if let Some(need) = by_need(roadmap, axis, &members, gap, m) {
                    let balanced = measure_side(&need, None);
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
                    axis,
                    m,
                    preset,
                };
                spans = side.share_by_height(spans, &heads);
                best = measure_side(&spans, None);
                // Or every card of the side equally wide, the fullest stages taking more
                // of them across, when that is shorter.
                let room = Room {
                    width: axis.width,
                    gap,
                    gutter,
                    min_card: min_width,
                };
                let most: Vec<usize> = (members.iter())
                    .map(|&i| roadmap.stages[i].offers.len().clamp(1, m.card.columns))
                    .collect();
                let on_markers = |s: &[Span]| over_markers(axis, &members, s, m);
                let talls = |stacks: &Vec<Stack>| stacks.iter().map(Stack::tall).collect();
                // As above, no tab may take a line more than it does now.
                let even_talls = |stacks: &Vec<Stack>| {
                    let even = stacks.iter().zip(&heads).all(|(s, &h)| s.tab_within(h));
                    let mut talls: Vec<Tall> = talls(stacks);
                    if !even {
                        talls.iter_mut().for_each(|t| t.head = f32::INFINITY);
                    }
                    talls
                };
                let measure = |spans: &[Span], across: &[usize]| measure_side(spans, Some(across));
                if let Some(shared) = by_columns(room, &most, on_markers, measure, even_talls) {
                    if shared.height < row_height(&talls(&best)) {
                        best = shared.measured;
                    }
                }
            }
            for (stack, need) in best.iter_mut().zip(alone) {
                stack.need = need;
            }
            stacks.extend(best);
        }
        // Back in stage order: the sides were measured one after the other.
        let mut order: Vec<usize> = axis.stages().filter(|&i| above(i)).collect();
        order.extend(axis.stages().filter(|&i| !above(i)));
        let mut indexed: Vec<(usize, Stack)> = order.into_iter().zip(stacks).collect();
        indexed.sort_by_key(|(i, _)| *i);
        let mut stacks: Vec<Stack<'f>> = indexed.into_iter().map(|(_, s)| s).collect();
        // Every stage of a side keeps room for its tallest tab, so the cards of a side
        // stand (or hang) at one height from the road.
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
        Band {
            axis,
            x,
            above: tallest(true),
            below: tallest(false),
            marker: Band::marker(axis, m, preset),
            arrow: m.road.width,
            stacks,
            gap,
            gutter,
            pad: m.card.padding,
            shortfall,
            crowded,
        }
    }

    /// The markers' diameter along the road of `axis`: the preset's, or less where the
    /// road is short for its stages.
    pub(super) fn marker(axis: Axis, m: &Metrics, preset: &Preset) -> f32 {
        let n = axis.count.max(1) as f32;
        m.road
            .marker
            .min(axis.width / n * preset.timeline.marker_share.0)
    }

    /// The least height a band of the stages of `axis` can take, pt, when `alone[i]` is
    /// the height of stage `i` (an index into the roadmap) alone across the road's whole
    /// width and `marker` the markers' diameter: a stage grows as its span narrows (its
    /// text takes more lines, its cards more rows), and a side is as tall as its tallest
    /// stage. Near enough, not exactly: a span just wide enough for one more card a row
    /// sets its cards narrower, and a card may then take a line more than the fewer rows
    /// save, so a split passed over could have fitted by about such a line.
    pub(super) fn least(axis: Axis, alone: &[f32], marker: f32, m: &Metrics) -> f32 {
        let side = |above: bool| {
            let tallest = (axis.stages())
                .filter(|&i| (i - axis.first).is_multiple_of(2) == above)
                .map(|i| alone[i])
                .fold(0.0, f32::max);
            if tallest > 0.0 {
                tallest + m.gutter
            } else {
                0.0
            }
        };
        side(true) + marker + side(false)
    }

    /// The first stage (an index into the roadmap) holding a card whose badges do not fit
    /// even one to a row, that card, and how far they run past it, pt.
    pub(super) fn spill(&self) -> Option<(usize, usize, f32)> {
        first_spill(self.stacks.iter().map(|s| &s.cards))
            .map(|(k, offer, by)| (self.axis.first + k, offer, by))
    }

    /// How much too wide the band is at this type size, pt: zero when it fits across.
    pub(super) fn excess(&self) -> f32 {
        self.shortfall + self.spill().map_or(0.0, |(_, _, by)| by)
    }

    /// The height of each side with its stem, pt: zero for a side without stages.
    pub(super) fn sides(&self) -> (f32, f32) {
        let side = |h: f32| if h > 0.0 { h + self.gutter } else { 0.0 };
        (side(self.above), side(self.below))
    }

    /// Both sides with their stems and the road between them, pt: on a side without
    /// stages, the marker's half or the arrowhead's reach, whichever is more.
    pub(super) fn height(&self) -> f32 {
        let (above, below) = self.sides();
        self.reach(above) + self.reach(below)
    }

    /// From the road's centre to the band's edge on a side with `side` pt of stages (with
    /// their stem): the top with the side above, the bottom with the side below.
    fn reach(&self, side: f32) -> f32 {
        let half = self.marker / 2.0;
        if side > 0.0 {
            side + half
        } else {
            half.max(self.arrow)
        }
    }

    /// How many stems spare height lengthens: one for each side with stages.
    pub(super) fn stems(&self) -> f32 {
        let (above, below) = self.sides();
        (above > 0.0) as usize as f32 + (below > 0.0) as usize as f32
    }

    /// The stage (an index into the roadmap) and offer that cross a band `available` pt
    /// tall: on the taller side, the stage that needed most room.
    pub(super) fn overflow(&self, available: f32) -> (usize, Option<usize>) {
        if self.shortfall > 0.0 {
            return (self.crowded, None);
        }
        if let Some((stage, offer, _)) = self.spill() {
            return (stage, Some(offer));
        }
        let side = self.above >= self.below;
        let (above, below) = self.sides();
        let others = self.marker + if side { below } else { above } + self.gutter;
        let Some((k, stack)) = self
            .stacks
            .iter()
            .enumerate()
            .filter(|(_, s)| s.above == side)
            .max_by(|(_, a), (_, b)| a.need.total_cmp(&b.need))
        else {
            return (self.axis.first, None);
        };
        let budget = available - others - stack.head - self.gutter;
        // Above the road the cards grow upwards from the tab: the bottom row is nearest.
        (self.axis.first + k, stack.cards.first_past(budget, side))
    }

    /// Where each stage's marker stands along the road, from the page's left edge, for a
    /// band whose stages start at `left`: as near the middle of its stage's span as
    /// markers a marker and a gutter apart, in order, allow (least squares), so each stage
    /// reads as hanging from its marker; evenly along the road, where every span was
    /// measured to keep its marker, if that would put a marker off its span or a stage
    /// spans the road.
    fn marker_centers(&self, left: f32) -> Vec<f32> {
        let apart = self.marker + self.gutter;
        let middles: Vec<f32> = (self.stacks.iter())
            .map(|s| left + s.x + s.width / 2.0)
            .collect();
        let centers = spaced(&middles, apart);
        let inset = self.marker / 2.0;
        let on_spans = self
            .stacks
            .iter()
            .zip(&centers)
            .all(|(s, &c)| c >= left + s.x + inset && c <= left + s.x + s.width - inset);
        // A stage nearly as wide as the road has no middle to mark: its neighbours'
        // markers would crowd to the page's centre, and the road would stop reading as a
        // sequence.
        let narrow = self.stacks.iter().all(|s| s.width < 0.9 * self.axis.width);
        if on_spans && narrow {
            return centers;
        }
        self.axis
            .stages()
            .map(|i| left + self.axis.even(i))
            .collect()
    }

    /// The band's stems, markers and stages, its top at `top` in a body whose left edge
    /// is at `body_x`, each stem `extra` pt longer than the shortest; its stages numbered,
    /// coloured and named as the stages `offset` places on in the whole roadmap.
    pub(super) fn place(
        &self,
        (body_x, top): (f32, f32),
        extra: f32,
        offset: usize,
        m: &Metrics,
        preset: &Preset,
    ) -> Placed {
        let p = &preset.palette;
        let (above, _) = self.sides();
        let road_y = top + self.reach(above) + if above > 0.0 { extra } else { 0.0 };
        let mut placed = Placed {
            road_y,
            stems: Vec::new(),
            markers: Vec::new(),
            stages: Vec::new(),
        };
        let reach = self.marker / 2.0 + self.gutter + extra;
        let left = body_x + self.x;
        let centers = self.marker_centers(left);
        for ((i, stack), &center) in self.axis.stages().zip(&self.stacks).zip(&centers) {
            let i = offset + i;
            let accent = p.stage(i);
            let x = left + stack.x;
            let center = Point::new(center, road_y);
            // The cards of a side stand (or hang) at one height from the road, under (or
            // over) the side's tallest tab; a shorter tab keeps its own height against its
            // cards, and its stem reaches it.
            let tab = (2.0 * self.pad + stack.tab.height).min(stack.head);
            let (tab_top, cards_top, stem_end) = if stack.above {
                let tab_top = road_y - reach - tab;
                let cards_top = road_y - reach - stack.head - self.gutter - stack.cards.height();
                (
                    tab_top - (stack.head - tab),
                    cards_top,
                    road_y - reach - (stack.head - tab),
                )
            } else {
                let cards_top = road_y + reach + stack.head + self.gutter;
                let tab_top = road_y + reach + (stack.head - tab);
                (tab_top, cards_top, tab_top)
            };
            placed.stems.push(Item::Shape(Shape {
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
            (placed.markers).extend(marker(m.fonts, i + 1, center, self.marker, accent, preset));
            placed.stages.push(Item::Shape(Shape {
                path: Path::rounded_rect(Rect::new(x, tab_top, stack.width, tab), m.card.radius),
                fill: Some(accent),
                stroke: None,
            }));
            placed.stages.extend(stack.tab.place(
                x + self.pad,
                tab_top + self.pad,
                p.stage_text.0,
                i,
            ));
            placed.stages.extend(
                stack
                    .cards
                    .place(x, cards_top, stack.above, accent, i, preset),
            );
        }
        placed
    }
}

/// The points nearest `wanted` (least squares) that rise by at least `apart` from each to
/// the next: with `x[i] = y[i] + i * apart` the `y` must not fall, which pooling adjacent
/// violators solves exactly.
pub(super) fn spaced(wanted: &[f32], apart: f32) -> Vec<f32> {
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
