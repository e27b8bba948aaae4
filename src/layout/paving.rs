//! Roads: a wide band in the road colour with a dashed centre line, along straight runs
//! and rounded bends. The road and timeline styles pave with it.

use super::metrics::Metrics;
use super::preset::Preset;
use crate::scene::{Item, Path, Point, Segment, Shape, Stroke, KAPPA};

/// A road along `path`: a wide band in the road colour with a dashed centre line.
pub(super) fn pave(path: Path, m: &Metrics, preset: &Preset) -> Vec<Item> {
    let p = &preset.palette;
    vec![
        Item::Shape(Shape {
            path: path.clone(),
            fill: None,
            stroke: Some(Stroke {
                color: p.road.0,
                width: m.road.width,
                dash: None,
                round: true,
            }),
        }),
        Item::Shape(Shape {
            path,
            fill: None,
            stroke: Some(Stroke {
                color: p.road_line.0,
                width: m.road.line,
                dash: Some(m.road.dash),
                round: false,
            }),
        }),
    ]
}

/// A line to `from`, then a quarter bend through the corner `corner` to `to`.
pub(super) fn bend(segments: &mut Vec<Segment>, from: Point, corner: Point, to: Point) {
    segments.push(Segment::LineTo(from));
    let c1 = Point::new(
        from.x + (corner.x - from.x) * KAPPA,
        from.y + (corner.y - from.y) * KAPPA,
    );
    let c2 = Point::new(
        to.x + (corner.x - to.x) * KAPPA,
        to.y + (corner.y - to.y) * KAPPA,
    );
    segments.push(Segment::CubicTo(c1, c2, to));
}
