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

/// The road's arrowhead: a triangle in the road colour, its point at `tip`, pointing
/// along the unit vector `(dx, dy)`, as wide as twice the road and `m.road.arrowhead` long.
pub(super) fn arrowhead(tip: Point, (dx, dy): (f32, f32), m: &Metrics, preset: &Preset) -> Item {
    let (width, head) = (m.road.width, m.road.arrowhead);
    let base = Point::new(tip.x - dx * head, tip.y - dy * head);
    // Across the road: a quarter turn from its direction.
    let (ax, ay) = (dy * width, -dx * width);
    Item::Shape(Shape {
        path: Path {
            segments: vec![
                Segment::MoveTo(Point::new(base.x + ax, base.y + ay)),
                Segment::LineTo(tip),
                Segment::LineTo(Point::new(base.x - ax, base.y - ay)),
                Segment::Close,
            ],
        },
        fill: Some(preset.palette.road.0),
        stroke: None,
    })
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
