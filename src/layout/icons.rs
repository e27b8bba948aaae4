//! The built-in icon set: outline drawings on a 16 × 16 grid with one stroke weight.
//!
//! Icons are paths in the scene, so they look the same in SVG, PNG and PDF and need no
//! glyph from any font.

use crate::model::Icon;
use crate::scene::{Color, Item, Path, Point, Segment, Shape, Stroke};

/// The grid an icon is drawn on.
const GRID: f32 = 16.0;
/// The stroke weight in grid units.
const WEIGHT: f32 = 1.5;

/// The icon scaled to `size` pt with its top-left corner at `at`, stroked in `color`.
pub fn draw(icon: Icon, at: Point, size: f32, color: Color) -> Vec<Item> {
    let scale = size / GRID;
    outline(icon)
        .into_iter()
        .map(|path| {
            Item::Shape(Shape {
                path: path.transformed(scale, at.x, at.y),
                fill: None,
                stroke: Some(Stroke {
                    color,
                    width: WEIGHT * scale,
                    dash: None,
                    round: true,
                }),
            })
        })
        .collect()
}

fn p(x: f32, y: f32) -> Point {
    Point::new(x, y)
}

/// An open or closed polyline through grid points.
fn poly(points: &[(f32, f32)], closed: bool) -> Path {
    let mut segments: Vec<Segment> = points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            if i == 0 {
                Segment::MoveTo(p(x, y))
            } else {
                Segment::LineTo(p(x, y))
            }
        })
        .collect();
    if closed {
        segments.push(Segment::Close);
    }
    Path { segments }
}

/// A path from a start point and cubic curves given as (c1, c2, end) triples.
fn curves(start: (f32, f32), parts: &[[(f32, f32); 3]], closed: bool) -> Path {
    let mut segments = vec![Segment::MoveTo(p(start.0, start.1))];
    for [a, b, c] in parts {
        segments.push(Segment::CubicTo(p(a.0, a.1), p(b.0, b.1), p(c.0, c.1)));
    }
    if closed {
        segments.push(Segment::Close);
    }
    Path { segments }
}

fn rounded(x0: f32, y0: f32, x1: f32, y1: f32, r: f32) -> Path {
    Path::rounded_rect(crate::scene::Rect::new(x0, y0, x1 - x0, y1 - y0), r)
}

fn shoulders(x0: f32, x1: f32, top: f32, bottom: f32) -> Path {
    let mid = (x0 + x1) / 2.0;
    curves(
        (x0, bottom),
        &[
            [(x0, top + 1.0), (mid - 2.0, top), (mid, top)],
            [(mid + 2.0, top), (x1, top + 1.0), (x1, bottom)],
        ],
        false,
    )
}

fn outline(icon: Icon) -> Vec<Path> {
    match icon {
        Icon::Laptop => vec![
            rounded(3.0, 3.0, 13.0, 10.5, 1.0),
            poly(&[(1.0, 13.0), (15.0, 13.0)], false),
        ],
        Icon::Person => vec![
            Path::circle(p(8.0, 5.0), 2.75),
            shoulders(3.0, 13.0, 9.75, 14.5),
        ],
        Icon::Blended => vec![
            rounded(1.0, 3.5, 8.0, 8.5, 0.8),
            poly(&[(0.5, 10.5), (8.5, 10.5)], false),
            Path::circle(p(12.25, 5.0), 2.0),
            shoulders(9.5, 15.0, 8.75, 13.5),
        ],
        Icon::Globe => vec![
            Path::circle(p(8.0, 8.0), 6.25),
            curves(
                (8.0, 1.75),
                &[
                    [(5.0, 4.5), (5.0, 11.5), (8.0, 14.25)],
                    [(11.0, 11.5), (11.0, 4.5), (8.0, 1.75)],
                ],
                true,
            ),
            poly(&[(1.75, 8.0), (14.25, 8.0)], false),
        ],
        Icon::Map => vec![
            poly(
                &[
                    (1.5, 4.0),
                    (5.5, 2.5),
                    (10.5, 4.0),
                    (14.5, 2.5),
                    (14.5, 12.0),
                    (10.5, 13.5),
                    (5.5, 12.0),
                    (1.5, 13.5),
                ],
                true,
            ),
            poly(&[(5.5, 2.5), (5.5, 12.0)], false),
            poly(&[(10.5, 4.0), (10.5, 13.5)], false),
        ],
        Icon::Pin => vec![
            curves(
                (8.0, 14.75),
                &[
                    [(5.0, 11.25), (3.0, 9.0), (3.0, 6.5)],
                    [(3.0, 3.75), (5.25, 1.5), (8.0, 1.5)],
                    [(10.75, 1.5), (13.0, 3.75), (13.0, 6.5)],
                    [(13.0, 9.0), (11.0, 11.25), (8.0, 14.75)],
                ],
                true,
            ),
            Path::circle(p(8.0, 6.5), 1.75),
        ],
        Icon::Award => vec![
            Path::circle(p(8.0, 6.0), 4.5),
            poly(
                &[
                    (5.25, 9.75),
                    (4.5, 14.75),
                    (8.0, 13.0),
                    (11.5, 14.75),
                    (10.75, 9.75),
                ],
                false,
            ),
        ],
        Icon::Book => vec![
            curves((8.0, 4.0), &[[(6.0, 2.75), (3.5, 2.5), (1.5, 3.0)]], false),
            poly(&[(1.5, 3.0), (1.5, 13.0)], false),
            curves(
                (1.5, 13.0),
                &[[(3.5, 12.5), (6.0, 12.75), (8.0, 14.0)]],
                false,
            ),
            curves(
                (8.0, 4.0),
                &[[(10.0, 2.75), (12.5, 2.5), (14.5, 3.0)]],
                false,
            ),
            poly(&[(14.5, 3.0), (14.5, 13.0)], false),
            curves(
                (14.5, 13.0),
                &[[(12.5, 12.5), (10.0, 12.75), (8.0, 14.0)]],
                false,
            ),
            poly(&[(8.0, 4.0), (8.0, 14.0)], false),
        ],
        Icon::Chat => vec![
            poly(
                &[
                    (3.5, 2.5),
                    (12.5, 2.5),
                    (14.5, 4.5),
                    (14.5, 9.0),
                    (12.5, 11.0),
                    (8.5, 11.0),
                    (4.5, 14.0),
                    (5.0, 11.0),
                    (3.5, 11.0),
                    (1.5, 9.0),
                    (1.5, 4.5),
                ],
                true,
            ),
            poly(&[(5.0, 6.75), (11.0, 6.75)], false),
        ],
        Icon::Calendar => vec![
            rounded(2.0, 3.5, 14.0, 14.0, 1.5),
            poly(&[(2.0, 7.0), (14.0, 7.0)], false),
            poly(&[(5.5, 1.75), (5.5, 5.0)], false),
            poly(&[(10.5, 1.75), (10.5, 5.0)], false),
        ],
        Icon::Clock => vec![
            Path::circle(p(8.0, 8.0), 6.25),
            poly(&[(8.0, 4.25), (8.0, 8.0), (10.75, 9.75)], false),
        ],
        Icon::Star => vec![poly(&star_points(), true)],
        Icon::Home => vec![
            poly(&[(1.5, 8.0), (8.0, 2.0), (14.5, 8.0)], false),
            poly(&[(3.5, 6.5), (3.5, 14.0), (12.5, 14.0), (12.5, 6.5)], false),
            poly(&[(6.5, 14.0), (6.5, 10.0), (9.5, 10.0), (9.5, 14.0)], false),
        ],
        Icon::People => vec![
            Path::circle(p(5.5, 5.25), 2.25),
            shoulders(1.25, 9.75, 9.5, 14.0),
            Path::circle(p(11.25, 4.75), 2.0),
            curves(
                (10.5, 8.75),
                &[[(13.0, 8.5), (14.75, 9.75), (14.75, 12.5)]],
                false,
            ),
        ],
    }
}

/// A five-pointed star, computed once from fixed trigonometry-free coordinates.
fn star_points() -> [(f32, f32); 10] {
    // Outer radius 6.75 and inner radius 2.9 about (8, 8.5); angles every 36°, the cosines
    // and sines written out so the drawing never depends on a platform's libm.
    const COS: [f32; 10] = [
        0.0, 0.587_785, 0.951_057, 0.951_057, 0.587_785, 0.0, -0.587_785, -0.951_057, -0.951_057,
        -0.587_785,
    ];
    const SIN: [f32; 10] = [
        -1.0, -0.809_017, -0.309_017, 0.309_017, 0.809_017, 1.0, 0.809_017, 0.309_017, -0.309_017,
        -0.809_017,
    ];
    let mut points = [(0.0, 0.0); 10];
    for (i, point) in points.iter_mut().enumerate() {
        let r = if i % 2 == 0 { 6.75 } else { 2.9 };
        *point = (8.0 + r * COS[i], 8.5 + r * SIN[i]);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_stays_on_its_grid() {
        for (icon, name) in Icon::ALL {
            for path in outline(icon) {
                let b = path.bounds();
                assert!(
                    b.x >= 0.0 && b.y >= 0.0 && b.right() <= GRID && b.bottom() <= GRID,
                    "{name} leaves the grid: {b:?}"
                );
            }
        }
    }
}
