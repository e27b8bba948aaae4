//! The timeline layout: a straight road across the page with the numbered stage markers
//! evenly along it. Each stage's title tab and cards hang from its marker on a stem,
//! alternately above the road (stages 1, 3, …) and below it (2, 4, …), so the stages of
//! one side can each spread over two markers' width without meeting their neighbours.

mod band;
mod share;
mod stack;

use super::metrics::Metrics;
use super::paving::pave;
use super::preset::Preset;
use super::{Body, Extent};
use crate::model::Roadmap;
use crate::scene::{Item, Path, Point, Rect, Segment, Shape};
use band::Band;
use share::Axis;

/// The timeline layout's stages, measured for one type scale.
pub struct Timeline {
    /// The roads, one under the other, each with its stages.
    bands: Vec<Band>,
}

impl Timeline {
    /// Measures the stages for a body of `area`, along one road across it.
    pub fn measure(roadmap: &Roadmap, area: Rect, m: &Metrics, preset: &Preset) -> Timeline {
        let axis = Axis {
            first: 0,
            count: roadmap.stages.len(),
            width: area.width,
        };
        Timeline {
            bands: vec![Band::measure(roadmap, axis, 0.0, true, m, preset)],
        }
    }

    /// The bands' height, pt.
    fn height(&self) -> f32 {
        self.bands.iter().map(Band::height).sum()
    }
}

impl Body for Timeline {
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
        match self.bands.first() {
            Some(band) => band.overflow(available),
            None => (0, None),
        }
    }

    fn place(&self, area: Rect, m: &Metrics, preset: &Preset) -> Vec<Item> {
        let Some(band) = self.bands.first() else {
            return Vec::new();
        };
        // Leftover height lengthens the stems by up to the preset's gap each, and what
        // is still left is shared above and below.
        let slack = (area.height - self.height()).max(0.0);
        let stems = band.stems();
        let extra = (slack / stems.max(1.0)).min(band.gap * preset.timeline.stem_growth.0);
        let top = area.y + (slack - extra * stems) / 2.0;
        let placed = band.place(area.x, top, extra, m, preset);
        let mut items = road(area, placed.road_y, m, preset);
        items.extend(placed.stems);
        items.extend(placed.markers);
        items.extend(placed.stages);
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
    use super::band::spaced;
    use super::share::{shorten, Span};
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
