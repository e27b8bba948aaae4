//! The road layout: stages down the page, each a band with its marker on alternating
//! sides, joined by a road that bends across the gap between bands.

use super::block::Block;
use super::grid::Cards;
use super::heading;
use super::marker::marker;
use super::metrics::Metrics;
use super::paving::{arrowhead, bend, pave};
use super::preset::Preset;
use super::space::{spread, stacked};
use super::{Body, Extent, Flow};
use crate::model::{Roadmap, Stage};
use crate::scene::{with_role, Item, Path, Point, Rect, Role, Segment};

/// How stages are arranged: how many card columns, and where each stage's heading goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrangement {
    /// The most cards side by side.
    pub columns: usize,
    /// Whether the heading stands in a column beside the cards (true) or above them.
    pub beside: bool,
}

/// One stage measured for an arrangement: heading, cards and the grid they form.
pub struct Band<'f> {
    /// The stage's index in the whole roadmap.
    index: usize,
    geo: Geometry,
    title: Block<'f>,
    summary: Option<Block<'f>>,
    cards: Cards<'f>,
    left_marker: bool,
    /// The band's height, in pt.
    pub height: f32,
    /// Whether some word had to be broken inside.
    broken: bool,
}

impl<'f> Band<'f> {
    /// Whether `other`, the same stage arranged another way, reads better than this one:
    /// a heading above its cards reads more naturally than one squeezed beside them, unless
    /// that breaks a word.
    pub fn prefers(&self, other: &Band) -> bool {
        self.geo.beside && !other.geo.beside && (!other.broken || self.broken)
    }
}

/// Horizontal geometry of one arrangement.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    marker: f32,
    side: f32,
    heading: f32,
    cards: f32,
    card_width: f32,
    beside: bool,
    columns: usize,
}

impl Geometry {
    /// The geometry of `arrangement` within the frame.
    pub fn new(frame: &Rect, arrangement: Arrangement, m: &Metrics) -> Geometry {
        let gutter = m.gutter;
        let (marker, side) = (m.road.marker, m.road.side);
        let (heading, cards) = if arrangement.beside {
            let heading = m.road.heading;
            (heading, frame.width - side - heading - m.road.side_gap)
        } else {
            (frame.width - side, frame.width - side)
        };
        let columns = arrangement.columns.max(1);
        Geometry {
            marker,
            side,
            heading,
            cards,
            card_width: (cards - gutter * (columns - 1) as f32) / columns as f32,
            beside: arrangement.beside,
            columns,
        }
    }
}

/// Measures every stage at the given m in each of the `candidates` arrangements: one
/// list per stage, in the candidates' order. `first` is the index of the roadmap's first
/// stage in the whole roadmap (on a later page, the stages before it are elsewhere).
fn measure_all<'f>(
    roadmap: &Roadmap,
    first: usize,
    frame: &Rect,
    candidates: &[Arrangement],
    m: &Metrics<'f>,
    preset: &Preset,
) -> Vec<Vec<Band<'f>>> {
    let geometries: Vec<Geometry> = candidates
        .iter()
        .map(|&a| Geometry::new(frame, a, m))
        .collect();
    roadmap
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            geometries
                .iter()
                .map(|geo| measure_stage(roadmap, stage, first + i, *geo, m, preset))
                .collect()
        })
        .collect()
}

/// For each stage, the index of its shortest band among those `allowed` (the earlier on a
/// tie); `None` when a stage has none allowed.
fn shortest(
    stages: &[Vec<Band>],
    allowed: impl Fn(&Band) -> bool,
    preset: &Preset,
) -> Option<Vec<usize>> {
    // Breaking a word inside is worse than any height, unless the density in use lets a
    // shorter arrangement break one.
    let unbroken = !preset.packing.break_words;
    let key = |b: &Band, slack: f32| (b.broken && unbroken, b.height - slack);
    stages
        .iter()
        .map(|bands| {
            bands
                .iter()
                .enumerate()
                .filter(|(_, band)| allowed(band))
                .reduce(|best, band| {
                    if key(band.1, 0.0) < key(best.1, 0.01) {
                        band
                    } else {
                        best
                    }
                })
                .map(|(i, _)| i)
        })
        .collect()
}

/// The height of the bands `choice` picks, one per stage, with `gap` between them.
fn height_of(stages: &[Vec<Band>], choice: &[usize], gap: f32) -> f32 {
    stacked(stages.iter().zip(choice).map(|(b, &i)| b[i].height), gap)
}

/// Whether the bands `choice` picks break a word.
fn breaks_words(stages: &[Vec<Band>], choice: &[usize]) -> bool {
    stages.iter().zip(choice).any(|(b, &i)| b[i].broken)
}

fn measure_stage<'f>(
    roadmap: &Roadmap,
    stage: &Stage,
    index: usize,
    geo: Geometry,
    m: &Metrics<'f>,
    preset: &Preset,
) -> Band<'f> {
    let title = heading::title(stage, geo.heading, m);
    let summary = heading::summary(stage, geo.heading, m);
    let cards = Cards::new(roadmap, stage, geo.cards, geo.columns, m, preset);
    let grid = cards.height();
    let heading = title.height() + summary.as_ref().map_or(0.0, Block::height);
    let height = if geo.beside {
        heading.max(geo.marker).max(grid)
    } else if cards.is_empty() {
        heading.max(geo.marker)
    } else {
        heading.max(geo.marker) + m.space.heading + grid
    };
    let broken = title.broken || summary.as_ref().is_some_and(|s| s.broken) || cards.broken();
    Band {
        index,
        broken,
        geo,
        title,
        summary,
        cards,
        left_marker: marker_left(index),
        height,
    }
}

/// Whether the stage with index `stage` in the whole roadmap has its marker, and the
/// road, at the left edge: stages 1, 3, … do, 2, 4, … at the right.
pub(super) fn marker_left(stage: usize) -> bool {
    stage.is_multiple_of(2)
}

/// The road layout's stages, measured for one type scale.
pub struct Road<'f> {
    bands: Vec<Band<'f>>,
    gap: f32,
}

impl<'f> Road<'f> {
    /// Measures every stage for a body of `area`. One rule for the whole page reads
    /// best: every heading above its cards where they all fit so, else every heading
    /// beside its cards (on its marker's side of the road), whichever is shorter when
    /// neither fits. The type gives way before the rule does: only at the smallest type
    /// may each stage take its own shortest arrangement, and then, where `area` leaves
    /// room, headings move above their cards stage by stage. A rule never breaks a word
    /// the shortest arrangements keep whole.
    /// `first` is the index of the roadmap's first stage in the whole roadmap.
    pub fn measure(
        roadmap: &Roadmap,
        first: usize,
        area: Rect,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Road<'f> {
        let candidates = arrangements(roadmap, m, &area);
        // The road crosses the gap between two bands: it keeps at least a gutter clear of
        // the cards above and below it.
        let gap = m.stage_gap.max(m.road.width + 2.0 * m.gutter);
        let stages = measure_all(roadmap, first, &area, &candidates, m, preset);
        let mixed = shortest(&stages, |_| true, preset).unwrap_or_default();
        let broken = breaks_words(&stages, &mixed);
        let rules: Vec<Vec<usize>> = [false, true]
            .into_iter()
            .filter_map(|beside| shortest(&stages, |b| b.geo.beside == beside, preset))
            .filter(|choice| broken || !breaks_words(&stages, choice))
            .collect();
        let fits = |choice: &&Vec<usize>| height_of(&stages, choice, gap) <= area.height;
        let smallest_type = m.scale <= super::scale_range(preset, roadmap).0 + 1e-4;
        let uniform = match rules.iter().find(fits) {
            Some(choice) => Some(choice.clone()),
            None if smallest_type => None,
            None => rules
                .iter()
                .min_by(|a, b| height_of(&stages, a, gap).total_cmp(&height_of(&stages, b, gap)))
                .cloned(),
        };
        let choice = match uniform {
            Some(choice) => choice,
            None => {
                let mut choice = mixed;
                let above = shortest(&stages, |b| !b.geo.beside, preset);
                let mut spare = area.height - height_of(&stages, &choice, gap);
                if let Some(above) = above.filter(|_| spare > 0.0) {
                    for (i, bands) in stages.iter().enumerate() {
                        let (band, alternative) = (&bands[choice[i]], &bands[above[i]]);
                        let cost = alternative.height - band.height;
                        if band.prefers(alternative) && cost <= spare {
                            spare -= cost;
                            choice[i] = above[i];
                        }
                    }
                }
                choice
            }
        };
        let bands = stages
            .into_iter()
            .zip(choice)
            .filter_map(|(bands, i)| bands.into_iter().nth(i))
            .collect();
        Road { bands, gap }
    }
}

impl<'f> Road<'f> {
    /// The bands with the gaps between them, pt.
    fn height(&self) -> f32 {
        stacked(self.bands.iter().map(|b| b.height), self.gap)
    }
}

impl Body for Road<'_> {
    fn extent(&self) -> Extent {
        Extent::Height(self.height())
    }

    fn overflow(&self, available: f32) -> (usize, Option<usize>) {
        let mut y = 0.0;
        for (i, band) in self.bands.iter().enumerate() {
            if y + band.height > available {
                // The first card row that crosses the limit names the offer.
                let grid_top = y + band.height - band.cards.height();
                return (i, band.cards.first_past(available - grid_top, false));
            }
            y += band.height + self.gap;
        }
        (self.bands.len().saturating_sub(1), None)
    }

    fn place(&self, area: Rect, m: &Metrics, preset: &Preset, flow: Flow) -> Vec<Item> {
        let slack = (area.height - self.height()).max(0.0);
        let (extra, offset) = spread(slack, self.bands.len(), self.gap, preset.grid.spread.0);
        let top = area.y + offset;
        place(&self.bands, &area, m, (top, self.gap + extra), preset, flow)
    }
}

/// The arrangements a page allows: headings beside the cards or above them, with as many
/// card columns as keep cards at the preset's minimum width. The most generous come first.
fn arrangements(roadmap: &Roadmap, m: &Metrics, frame: &Rect) -> Vec<Arrangement> {
    let min_width = m.card.min_width;
    let most = roadmap
        .stages
        .iter()
        .map(|s| s.offers.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let max_cols = m.card.columns.min(most).max(1);
    [true, false]
        .into_iter()
        .flat_map(|beside| (1..=max_cols).map(move |columns| Arrangement { columns, beside }))
        .filter(|&a| {
            let geo = Geometry::new(frame, a, m);
            geo.card_width >= min_width || (a.columns == 1 && !a.beside)
        })
        .collect()
}

/// Places the bands from `top` with `gap` pt between them, and the road that joins them
/// (coming from and going on to other pages as `flow` says).
fn place(
    bands: &[Band],
    frame: &Rect,
    m: &Metrics,
    (top, gap): (f32, f32),
    preset: &Preset,
    flow: Flow,
) -> Vec<Item> {
    let p = &preset.palette;
    let mut items = Vec::new();
    let mut markers = Vec::new();
    let mut y = top;
    let mut stops = Vec::new();
    for band in bands {
        let i = band.index;
        let accent = preset.palette.stage(i);
        let geo = &band.geo;
        let (marker_x, heading_x, cards_x) = match (band.left_marker, geo.beside) {
            (true, true) => {
                let heading_x = frame.x + geo.side;
                (
                    frame.x + geo.marker / 2.0,
                    heading_x,
                    frame.right() - geo.cards,
                )
            }
            (false, true) => {
                let heading_x = frame.right() - geo.side - geo.heading;
                (frame.right() - geo.marker / 2.0, heading_x, frame.x)
            }
            (true, false) => (
                frame.x + geo.marker / 2.0,
                frame.x + geo.side,
                frame.x + geo.side,
            ),
            (false, false) => (frame.right() - geo.marker / 2.0, frame.x, frame.x),
        };
        let marker_y = y + geo.marker / 2.0;
        stops.push((marker_x, y + band.height, marker_y));
        let heading = band.title.height() + band.summary.as_ref().map_or(0.0, Block::height);
        // A short heading is centred on the marker; a long one starts level with its top.
        let heading_top = y + ((geo.marker - heading) / 2.0).max(0.0);
        let title = band.title.place(heading_x, heading_top, accent);
        items.extend(with_role(title, Role::StageTitle(i)));
        if let Some(s) = &band.summary {
            let summary = s.place(heading_x, heading_top + band.title.height(), p.muted.0);
            items.extend(with_role(summary, Role::StageSummary(i)));
        }
        let cards_top = if geo.beside {
            y
        } else {
            y + heading.max(geo.marker) + m.space.heading
        };
        items.extend(
            band.cards
                .place(cards_x, cards_top, false, accent, i, preset),
        );
        markers.extend(marker(
            m.fonts,
            i + 1,
            Point::new(marker_x, marker_y),
            geo.marker,
            accent,
            preset,
        ));
        y += band.height + gap;
    }
    let mut all = road(&stops, gap, m, preset, flow);
    all.extend(markers);
    all.extend(items);
    all
}

/// The road: down each band's marker side, across the gap below it to the next marker's
/// side, with rounded bends; drawn as a wide band with a dashed centre line. On a page of a
/// roadmap over several pages it comes down from `flow.from` and runs on to `flow.onward`,
/// ending there in an arrowhead.
fn road(
    stops: &[(f32, f32, f32)],
    gap: f32,
    m: &Metrics,
    preset: &Preset,
    flow: Flow,
) -> Vec<Item> {
    let Some(&(x0, _, y0)) = stops.first() else {
        return Vec::new();
    };
    // The round cap reaches half the road's width above its start.
    let start = flow.from.map_or(y0, |y| y + m.road.width / 2.0);
    let mut segments = vec![Segment::MoveTo(Point::new(x0, start))];
    for pair in stops.windows(2) {
        let (xa, bottom, _) = pair[0];
        let (xb, _, _) = pair[1];
        let mid = bottom + gap / 2.0;
        let r = (gap / 2.0).min((xb - xa).abs() / 2.0);
        let dir = if xb > xa { 1.0 } else { -1.0 };
        bend(
            &mut segments,
            Point::new(xa, mid - r),
            Point::new(xa, mid),
            Point::new(xa + dir * r, mid),
        );
        segments.push(Segment::LineTo(Point::new(xb - dir * r, mid)));
        bend(
            &mut segments,
            Point::new(xb - dir * r, mid),
            Point::new(xb, mid),
            Point::new(xb, mid + r),
        );
    }
    // The road's round cap reaches half its width past its end: stop short of the band's
    // bottom so the cap stays inside it.
    let Some(&(x, bottom, marker_y)) = stops.last() else {
        return Vec::new();
    };
    let Some(onward) = flow.onward else {
        let end = (bottom - m.road.width / 2.0).max(marker_y);
        segments.push(Segment::LineTo(Point::new(x, end)));
        return pave(Path { segments }, m, preset);
    };
    segments.push(Segment::LineTo(Point::new(x, onward - m.road.arrowhead)));
    let mut items = pave(Path { segments }, m, preset);
    items.push(arrowhead(Point::new(x, onward), (0.0, 1.0), m, preset));
    items
}
