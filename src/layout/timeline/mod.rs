//! The timeline layout: a straight road across the page with the numbered stage markers
//! evenly along it. Each stage's title tab and cards hang from its marker on a stem,
//! alternately above the road (stages 1, 3, …) and below it (2, 4, …), so the stages of
//! one side can each spread over two markers' width without meeting their neighbours.
//!
//! When one road cannot hold the stages at as large a type (too many stages for the
//! width, or one stage far fuller than the rest) and the preset's density allows it
//! (`wrap`), the stages wrap onto a second road under the first, as a line of text wraps:
//! stages 1..k along the first, the rest along the second, each road a band with its
//! stages above and below it. The road turns down at the right of the first band, runs
//! back through the gap between the bands and turns down at the left into the second,
//! so it reads on as one road, with its arrowhead only at the very end.

mod band;
mod share;
mod stack;

use super::metrics::Metrics;
use super::paving::{arrowhead, bend, pave};
use super::preset::Preset;
use super::space::{spread, stacked};
use super::{Body, Extent, Flow};
use crate::model::Roadmap;
use crate::scene::{Item, Path, Point, Rect, Segment};
use band::Band;
use share::Axis;
use stack::Stack;

/// The timeline layout's stages, measured for one type scale.
pub struct Timeline<'f> {
    /// The roads, one under the other, each with its stages: one, or two when the stages
    /// wrap.
    bands: Vec<Band<'f>>,
    /// Between one band and the next, pt: room for the road's return, with a gutter
    /// either side of it.
    between: f32,
    /// The index of the first stage in the whole roadmap (on a later page, the stages
    /// before it are on earlier pages): stages keep their numbers and colours.
    offset: usize,
}

impl<'f> Timeline<'f> {
    /// Measures the stages for a body of `area`: along one road across it, or, when the
    /// preset lets them wrap and one road does not fit, along two roads one under the
    /// other. The split nearest the middle that fits is taken (the first road the longer
    /// by a stage, if either), so the two roads look alike; when nothing fits, the
    /// arrangement that misses by least is kept, so that what overflows is told of it.
    /// `first` is the index of the roadmap's first stage in the whole roadmap.
    pub fn measure(
        roadmap: &Roadmap,
        first: usize,
        area: Rect,
        m: &Metrics<'f>,
        preset: &Preset,
    ) -> Timeline<'f> {
        let n = roadmap.stages.len();
        let whole = Axis {
            first: 0,
            count: n,
            width: area.width,
        };
        let one = Timeline {
            bands: vec![Band::measure(roadmap, whole, 0.0, true, m, preset)],
            between: 0.0,
            offset: first,
        };
        if !preset.packing.wrap || n < 2 || one.fits(area.height) {
            return one;
        }
        // The road turns down in a lane at the right of the first band, crosses back in
        // the gap between the bands and comes down a lane at the left of the second:
        // each lane is the road's width with a gutter between it and the cards.
        let lane = m.road.width + m.gutter;
        let width = area.width - lane;
        let between = m.stage_gap.max(m.road.width + 2.0 * m.gutter);
        // Each stage alone across a road's whole width, to pass over the splits that
        // cannot fit however the bands share their width: one road misses in most
        // probes of the fitter, and measuring every split is many times its work.
        let alone: Vec<f32> = (roadmap.stages.iter())
            .map(|stage| Stack::new(roadmap, stage, width, m.card.columns, m, preset).height)
            .collect();
        let mut best = one;
        for k in from_the_middle(n) {
            let axis = Axis {
                first: 0,
                count: k,
                width,
            };
            let rest = Axis {
                first: k,
                count: n - k,
                width,
            };
            let marker = Band::marker(axis, m, preset).min(Band::marker(rest, m, preset));
            let under = between + Band::least(rest, &alone, marker, m);
            if Band::least(axis, &alone, marker, m) + under > area.height {
                continue;
            }
            let upper = Band::measure(roadmap, axis, 0.0, false, m, preset);
            if upper.excess() > 0.0 || upper.height() - upper.marker + marker + under > area.height
            {
                continue;
            }
            let second = Band::measure(roadmap, rest, lane, false, m, preset);
            let two = Timeline::wrapped(upper, second, between, first);
            if two.fits(area.height) {
                return two;
            }
            if two.miss(area.height) < best.miss(area.height) {
                best = two;
            }
        }
        best
    }

    /// Two bands one under the other, `between` pt apart, their markers alike.
    fn wrapped(
        mut first: Band<'f>,
        mut second: Band<'f>,
        between: f32,
        offset: usize,
    ) -> Timeline<'f> {
        let marker = first.marker.min(second.marker);
        (first.marker, second.marker) = (marker, marker);
        Timeline {
            bands: vec![first, second],
            between,
            offset,
        }
    }

    /// The bands' height with the gaps between them, pt.
    fn height(&self) -> f32 {
        stacked(self.bands.iter().map(Band::height), self.between)
    }

    /// Whether the stages fit a body `available` pt tall.
    fn fits(&self, available: f32) -> bool {
        self.miss(available) <= 0.0
    }

    /// How far the stages are from fitting a body `available` pt tall, pt: the height
    /// they need beyond it (negative when they fit), or, too wide, the width they lack
    /// with any height beyond it.
    fn miss(&self, available: f32) -> f32 {
        match self.extent() {
            Extent::Height(height) => height - available,
            Extent::TooWide(by) => by + (self.height() - available).max(0.0),
        }
    }
}

/// The places to split `n` stages into two roads, as how many go on the first: from the
/// middle outwards, the longer first road before the shorter.
fn from_the_middle(n: usize) -> impl Iterator<Item = usize> {
    let middle = n.div_ceil(2);
    (0..n.saturating_sub(1))
        .map(move |i| {
            let step = i.div_ceil(2);
            if i % 2 == 0 {
                middle + step
            } else {
                middle - step
            }
        })
        .filter(move |&k| (1..n).contains(&k))
}

impl Body for Timeline<'_> {
    fn extent(&self) -> Extent {
        // Too little width, or badges that run past a card, are not made good by spare
        // height: the page does not fit (at this type size) however much room is left.
        let excess: f32 = self.bands.iter().map(Band::excess).sum();
        if excess > 0.0 {
            Extent::TooWide(excess)
        } else {
            Extent::Height(self.height())
        }
    }

    fn overflow(&self, available: f32) -> (usize, Option<usize>) {
        // With two roads, the band that is too wide, or else the taller, is to blame,
        // with what the other band and the gap leave of the height.
        let band = (self.bands.iter().find(|b| b.excess() > 0.0))
            .or_else(|| (self.bands.iter()).max_by(|a, b| a.height().total_cmp(&b.height())));
        match band {
            Some(band) => band.overflow(available - (self.height() - band.height())),
            None => (0, None),
        }
    }

    fn place(&self, area: Rect, m: &Metrics, preset: &Preset, _: Flow) -> Vec<Item> {
        // Leftover height lengthens the stems by up to the preset's gap each, then widens
        // the gap between the bands as the preset's `spread` allows; what is still left
        // is shared above and below.
        let slack = (area.height - self.height()).max(0.0);
        let stems: f32 = self.bands.iter().map(Band::stems).sum();
        let gap = self.bands.first().map_or(0.0, |b| b.gap);
        let extra = (slack / stems.max(1.0)).min(gap * preset.timeline.stem_growth.0);
        let count = self.bands.len();
        let (wider, offset) = spread(
            slack - extra * stems,
            count,
            self.between,
            preset.grid.spread.0,
        );
        let mut top = area.y + offset;
        let (mut roads, mut returns) = (Vec::new(), Vec::new());
        let (mut stems, mut markers, mut stages) = (Vec::new(), Vec::new(), Vec::new());
        for band in &self.bands {
            let placed = band.place((area.x, top), extra, self.offset, m, preset);
            roads.push(placed.road_y);
            stems.extend(placed.stems);
            markers.extend(placed.markers);
            stages.extend(placed.stages);
            let bottom = top + band.height() + extra * band.stems();
            returns.push(bottom + (self.between + wider) / 2.0);
            top = bottom + self.between + wider;
        }
        let mut items = road(area, &roads, &returns, m, preset);
        items.extend(stems);
        items.extend(markers);
        items.extend(stages);
        items
    }
}

/// The road across the body at each of `levels` (pt from the page's top), ending in an
/// arrowhead at the right of the last. From the end of one level it turns down at the
/// body's right edge, crosses back at the level given in `returns` and turns down again
/// at the left edge into the next, with bends of a road's width: one road that reads on,
/// like a line of text, from the end of one to the start of the next.
fn road(area: Rect, levels: &[f32], returns: &[f32], m: &Metrics, preset: &Preset) -> Vec<Item> {
    let width = m.road.width;
    let head = m.road.arrowhead;
    let tip = area.right();
    let Some(&last) = levels.last() else {
        return Vec::new();
    };
    // The round cap at the left reaches half the road's width beyond the path's start.
    let (left, right) = (area.x + width / 2.0, tip - width / 2.0);
    let mut segments = vec![Segment::MoveTo(Point::new(left, levels[0]))];
    for (pair, &back) in levels.windows(2).zip(returns) {
        let (y, next) = (pair[0], pair[1]);
        let r = width.min((back - y) / 2.0).min((next - back) / 2.0);
        let at = Point::new;
        bend(
            &mut segments,
            at(right - r, y),
            at(right, y),
            at(right, y + r),
        );
        bend(
            &mut segments,
            at(right, back - r),
            at(right, back),
            at(right - r, back),
        );
        bend(
            &mut segments,
            at(left + r, back),
            at(left, back),
            at(left, back + r),
        );
        bend(
            &mut segments,
            at(left, next - r),
            at(left, next),
            at(left + r, next),
        );
    }
    segments.push(Segment::LineTo(Point::new(tip - head, last)));
    let mut items = pave(Path { segments }, m, preset);
    items.push(arrowhead(Point::new(tip, last), (1.0, 0.0), m, preset));
    items
}

#[cfg(test)]
mod tests {
    use super::band::spaced;
    use super::share::shorten;
    use super::*;
    use crate::error::Error;
    use crate::layout::testing::{example_is_clean, lay_out, stages};
    use crate::layout::widths::Span;
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
        let source = include_str!("../../../examples/link-worker-training.toml");
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

    /// A4 portrait, where a road across the page holds about eight stages.
    fn portrait() -> LayoutOptions {
        LayoutOptions {
            page: Some(PageSize::A4),
            orientation: Some(Orientation::Portrait),
            ..Default::default()
        }
    }

    /// The road: the shape in the road colour drawn as a wide stroke.
    fn road_of(scene: &crate::scene::Scene) -> &Path {
        let road = Some(preset().palette.road.0);
        (scene.items.iter())
            .find_map(|item| match item {
                Item::Shape(s) if s.stroke.is_some_and(|k| Some(k.color) == road) => Some(&s.path),
                _ => None,
            })
            .expect("the page has a road")
    }

    #[test]
    fn too_many_stages_for_one_road_wrap_onto_a_second() {
        // Fourteen stages are seven a side, too many for A4 portrait's width on one road.
        let roadmap = model::parse("many", &stages(14, 1)).unwrap();
        let fitted = crate::layout::layout_fitted(&roadmap, &preset(), &portrait()).unwrap();
        assert_eq!(fitted.density, "wrapped");
        let scene = &fitted.scene;
        crate::layout::testing::clean(&roadmap, scene);
        // The markers keep their numbers and colours: in order along the first road, then
        // along the second, lower one.
        let numbers: Vec<(usize, Point)> = (scene.items.iter())
            .filter_map(|item| match item {
                Item::Text(t) => match t.role {
                    crate::scene::Role::StageNumber(i) => Some((i, t.origin)),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            (0..14).collect::<Vec<_>>()
        );
        let k = (1..14)
            .find(|&k| numbers[k].1.y > numbers[k - 1].1.y + 1.0)
            .expect("a second road");
        assert!((4..=10).contains(&k), "split after stage {k}");
        for road in [&numbers[..k], &numbers[k..]] {
            assert!(road.windows(2).all(|p| p[1].1.x > p[0].1.x));
            assert!(road.iter().all(|(_, at)| (at.y - road[0].1.y).abs() < 0.5));
        }
        // Every card of the second road's stages stands below every card of the first's.
        let links = scene.links();
        let lowest = (links[..k].iter())
            .map(|l| l.rect.bottom())
            .fold(0.0, f32::max);
        assert!(links[k..].iter().all(|l| l.rect.y > lowest));
        // One road, turning down at the right, back across and down at the left: four
        // bends, and nowhere on it over a card.
        let road = road_of(scene);
        let bends = (road.segments.iter())
            .filter(|s| matches!(s, Segment::CubicTo(..)))
            .count();
        assert_eq!(bends, 4);
        let half = fitted_road_width(&fitted) / 2.0;
        for point in along(road) {
            for link in &links {
                let r = link.rect;
                let clear = point.x < r.x - half
                    || point.x > r.right() + half
                    || point.y < r.y - half
                    || point.y > r.bottom() + half;
                assert!(clear, "the road at {point:?} runs over {:?}", link.label);
            }
        }
        // Without the wrapped rung the same roadmap does not fit at all.
        let mut one_road = preset();
        one_road.densities.retain(|d| d.wrap.is_none());
        let result = layout(&roadmap, &one_road, &portrait());
        assert!(matches!(result, Err(Error::DoesNotFit(_))), "{result:?}");
    }

    /// The road's width on a fitted page of the timeline preset.
    fn fitted_road_width(fitted: &crate::layout::Fitted) -> f32 {
        let road = Some(preset().palette.road.0);
        (fitted.scene.items.iter())
            .find_map(|item| match item {
                Item::Shape(s) => s.stroke.filter(|k| Some(k.color) == road).map(|k| k.width),
                _ => None,
            })
            .expect("the page has a road")
    }

    /// Points every half point along a path's lines and curves (a curve taken as the line
    /// between its ends, which its bend never leaves by more than a road's width).
    fn along(path: &Path) -> Vec<Point> {
        let mut points = Vec::new();
        let mut at = Point::new(0.0, 0.0);
        for segment in &path.segments {
            let to = match *segment {
                Segment::MoveTo(p) => {
                    at = p;
                    continue;
                }
                Segment::LineTo(p) | Segment::CubicTo(_, _, p) => p,
                Segment::Close => continue,
            };
            let steps = ((to.x - at.x).hypot(to.y - at.y) / 0.5).ceil().max(1.0) as usize;
            for i in 0..=steps {
                let t = i as f32 / steps as f32;
                points.push(Point::new(
                    at.x + (to.x - at.x) * t,
                    at.y + (to.y - at.y) * t,
                ));
            }
            at = to;
        }
        points
    }

    #[test]
    fn splits_are_tried_from_the_middle_out_each_once() {
        let order = |n: usize| from_the_middle(n).collect::<Vec<_>>();
        assert_eq!(order(1), Vec::<usize>::new());
        assert_eq!(order(2), [1]);
        assert_eq!(order(5), [3, 2, 4, 1]);
        assert_eq!(order(6), [3, 2, 4, 1, 5]);
        for n in 1..20 {
            let mut all = order(n);
            all.sort_unstable();
            assert_eq!(all, (1..n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn too_many_stages_for_the_width_do_not_fit() {
        // Twenty stages, the most a roadmap may have, are too many for A4 portrait on one
        // road and on two.
        let roadmap = model::parse("many", &stages(20, 1)).unwrap();
        let result = layout(&roadmap, &preset(), &portrait());
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
