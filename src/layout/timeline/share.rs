//! Sharing one side of the road between its stages: equally, by their offers, or so that
//! the tallest is as short as it can be, each stage staying over its marker.

use std::collections::HashMap;

use super::stack::Stack;
use crate::layout::metrics::Metrics;
use crate::layout::preset::Preset;
use crate::layout::widths::Span;
use crate::model::Roadmap;

/// One road and the stages along it: the first stage's index in the roadmap, how many
/// follow it, and the width they share, pt. Their markers stand evenly along that width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Axis {
    pub(super) first: usize,
    pub(super) count: usize,
    pub(super) width: f32,
}

impl Axis {
    /// The stages along the road, as indices into the roadmap.
    pub(super) fn stages(self) -> std::ops::Range<usize> {
        self.first..self.first + self.count
    }

    /// Where the marker of stage `i` (an index into the roadmap) stands when the markers
    /// are spaced evenly, from the left edge of the stages, pt.
    pub(super) fn even(self, i: usize) -> f32 {
        let slot = self.width / self.count.max(1) as f32;
        ((i - self.first) as f32 + 0.5) * slot
    }
}

/// Spans (left edge, width) for one side's stages (`members`, in order) sharing its width
/// by how many offers each holds, each at least a card wide; `None` when that would move
/// a stage's span off its marker (markers stand evenly along the road) or change nothing.
pub(super) fn by_need(
    roadmap: &Roadmap,
    axis: Axis,
    members: &[usize],
    gap: f32,
    m: &Metrics,
) -> Option<Vec<Span>> {
    let width = axis.width;
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
    over_markers(axis, members, &spans, m).then_some(spans)
}

/// One side of a road, for sharing its width: its stages (indices into the roadmap, in
/// order) and what they are measured with.
pub(super) struct SideOf<'a> {
    pub(super) roadmap: &'a Roadmap,
    pub(super) members: &'a [usize],
    /// The road the side stands on.
    pub(super) axis: Axis,
    pub(super) m: &'a Metrics<'a>,
    pub(super) preset: &'a Preset,
}

impl SideOf<'_> {
    /// The side's spans with their shared edges moved so that its tallest stage is as
    /// short as it can be, each span staying over its marker. Each stage's height at each
    /// width tried is measured once; a width at which its tab (`heads`, as measured in the
    /// spans given) would take another line is not taken, so the side's tabs stay as even
    /// as they were.
    pub(super) fn share_by_height(&self, spans: Vec<Span>, heads: &[f32]) -> Vec<Span> {
        let (roadmap, m, preset) = (self.roadmap, self.m, self.preset);
        let on_markers = |s: &[Span]| over_markers(self.axis, self.members, s, m);
        let mut seen: HashMap<(usize, u32), f32> = HashMap::new();
        let height = |k: usize, width: f32| {
            *seen.entry((k, width.to_bits())).or_insert_with(|| {
                let stage = &roadmap.stages[self.members[k]];
                let stack = Stack::new(roadmap, stage, width, m.card.columns, m, preset);
                if stack.tab_within(heads[k]) {
                    stack.height
                } else {
                    f32::INFINITY
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
pub(super) fn shorten(
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

/// Whether each span is a card wide and keeps its marker's stem on its flat edge, the
/// markers standing evenly along the road.
pub(super) fn over_markers(axis: Axis, members: &[usize], spans: &[Span], m: &Metrics) -> bool {
    let inset = m.road.marker / 2.0 + m.card.radius;
    members.iter().zip(spans).all(|(&i, span)| {
        let center = axis.even(i);
        span.width >= m.card.min_width && center >= span.x + inset && center <= span.right() - inset
    })
}
