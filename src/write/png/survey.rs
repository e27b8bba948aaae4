//! What a node does when the page is drawn shifted up by a band's top.
//!
//! The shift is a whole number of pixels and moves most of the drawing exactly: each point
//! is shifted exactly in floating point, and tiny-skia turns points into fixed-point edges.
//! What does not move exactly:
//!
//! - an edge cut at the top or bottom of the pixmap: tiny-skia approximates the pieces
//!   anew (by up to 58 of 255 on the example page). Vertical edges are cut without
//!   arithmetic. The survey lists the rows other edges cross, where no band may start;
//! - a curve tiny-skia cuts where it turns back horizontally, which it does only to paths
//!   reaching past the pixmap (the stroker leaves such turns, a few thousandths of a pixel
//!   deep, where round joins and caps begin). Such a path is kept whole in one band;
//! - a curve tiny-skia cuts where it turns back vertically, which it does wherever it is
//!   drawn, computing the pieces from shifted coordinates. A node with one is drawn in
//!   each band and unshifted, and compared;
//! - hairlines, edges running off the page, translating transforms and tall paths that
//!   cannot be kept whole: such a node is drawn on the whole page, unshifted.

use std::ops::Range;
use tiny_skia::{Path, PathSegment, PathStroker, Point, Transform};

/// The tallest path kept whole in one band, in rows; a taller one is drawn unshifted.
const TALLEST_WHOLE: f32 = 512.0;

/// How a node can be drawn.
pub(super) enum Verdict<'a> {
    /// Only unshifted, on the whole page.
    Unshifted,
    /// In bands that start on none of `blocked`'s rows.
    Shifted {
        /// Row spans `first..end`: no band may start on rows `first + 1 .. end`.
        blocked: Vec<Range<usize>>,
        /// Its paths that must be compared with their unshifted drawing, band by band.
        compare: Vec<Doubt<'a>>,
    },
}

/// A path whose drawing may change with the shift, and where.
pub(super) struct Doubt<'a> {
    pub path: &'a usvg::Node,
    /// Its parent's transform.
    pub transform: Transform,
    /// The rows where it may change: those of its curves that turn back vertically, with
    /// a row to spare either side for anti-aliasing.
    pub rows: Vec<Range<usize>>,
}

/// Surveys a plain node drawn under `transform` (its parent's, to pixels of a page
/// `width` x `height`).
pub(super) fn survey(
    node: &usvg::Node,
    transform: Transform,
    width: u32,
    height: usize,
) -> Verdict<'_> {
    let mut walk = Walk {
        width: width as f32,
        height: height as f32,
        blocked: Vec::new(),
        compare: Vec::new(),
        turns: Vec::new(),
    };
    match walk.node(node, transform) {
        Some(()) => Verdict::Shifted {
            blocked: walk.blocked,
            compare: walk.compare,
        },
        None => Verdict::Unshifted,
    }
}

struct Walk<'a> {
    width: f32,
    height: f32,
    blocked: Vec<Range<usize>>,
    compare: Vec<Doubt<'a>>,
    /// The rows where the path being surveyed turns back vertically.
    turns: Vec<Range<usize>>,
}

impl<'a> Walk<'a> {
    /// Surveys a node, or says `None` when it can only be drawn unshifted.
    fn node(&mut self, node: &'a usvg::Node, transform: Transform) -> Option<()> {
        match node {
            usvg::Node::Group(group) => self.group(group, transform),
            usvg::Node::Text(text) => self.group(text.flattened(), transform),
            usvg::Node::Path(path) => {
                self.path(path, transform)?;
                if !self.turns.is_empty() {
                    self.compare.push(Doubt {
                        path: node,
                        transform,
                        rows: std::mem::take(&mut self.turns),
                    });
                }
                Some(())
            }
            usvg::Node::Image(_) => None,
        }
    }

    fn group(&mut self, group: &'a usvg::Group, transform: Transform) -> Option<()> {
        let own = group.transform();
        // A scale adds nothing to the translation, so the shift stays exact; a translation
        // would be rounded together with the shift.
        if own.has_skew() || own.tx != 0.0 || own.ty != 0.0 {
            return None;
        }
        let transform = transform.pre_concat(own);
        group
            .children()
            .iter()
            .try_for_each(|child| self.node(child, transform))
    }

    /// Surveys a path's fill and stroke as tiny-skia draws them.
    fn path(&mut self, path: &usvg::Path, transform: Transform) -> Option<()> {
        if !path.is_visible() {
            return Some(());
        }
        if path.fill().is_some() {
            self.filled(path.data(), transform)?;
        }
        if let Some(stroke) = path.stroke() {
            let stroke = stroke.to_tiny_skia();
            let anti_alias = path.rendering_mode().use_shape_antialiasing();
            // tiny-skia's test (for transforms without skew): strokes of a pixel or less
            // are hairlines, whose curves it evaluates at the shifted position.
            let hairline = stroke.width == 0.0
                || anti_alias
                    && (stroke.width * transform.sx).abs() <= 1.0
                    && (stroke.width * transform.sy).abs() <= 1.0;
            if hairline {
                return None;
            }
            // The outline tiny-skia fills, made as it makes it.
            let scale = PathStroker::compute_resolution_scale(&transform);
            let line = match &stroke.dash {
                Some(dash) => path.data().dash(dash, scale),
                None => Some(path.data().clone()),
            };
            if let Some(outline) = line.and_then(|line| line.stroke(&stroke, scale)) {
                self.filled(&outline, transform)?;
            }
        }
        Some(())
    }

    /// Surveys the edges of a path tiny-skia fills, given in user space.
    fn filled(&mut self, path: &Path, transform: Transform) -> Option<()> {
        let mut turns = false;
        let mut start = Point::zero();
        let mut last = Point::zero();
        for segment in path.segments() {
            let mut points = [last; 4];
            let count = match segment {
                PathSegment::MoveTo(p) => {
                    // A fill closes every contour, whether or not it says so.
                    points[1] = start;
                    turns |= self.edge(&mut points[..2], transform)?;
                    start = p;
                    last = p;
                    continue;
                }
                PathSegment::LineTo(p) => {
                    points[1] = p;
                    2
                }
                PathSegment::QuadTo(c, p) => {
                    points[1..3].copy_from_slice(&[c, p]);
                    3
                }
                PathSegment::CubicTo(c1, c2, p) => {
                    points[1..4].copy_from_slice(&[c1, c2, p]);
                    4
                }
                PathSegment::Close => {
                    points[1] = start;
                    2
                }
            };
            last = points[count - 1];
            turns |= self.edge(&mut points[..count], transform)?;
        }
        let mut closing = [last, start];
        turns |= self.edge(&mut closing, transform)?;
        if turns {
            // Kept whole, so tiny-skia never reaches past the pixmap and cuts its turns.
            let bounds = path.bounds().transform(transform)?;
            let (top, bottom) = (bounds.top().floor(), bounds.bottom().ceil());
            let on_page = bounds.left().floor() >= 0.0
                && bounds.right().ceil() <= self.width
                && top >= 0.0
                && bottom <= self.height;
            if !on_page || bottom - top > TALLEST_WHOLE {
                return None;
            }
            self.block(top as usize..bottom as usize);
        }
        Some(())
    }

    /// Adds a blocked row span, merged with the last one when they overlap (edges of a
    /// contour follow each other).
    fn block(&mut self, rows: Range<usize>) {
        match self.blocked.last_mut() {
            Some(last) if rows.start <= last.end && last.start <= rows.end => {
                last.start = last.start.min(rows.start);
                last.end = last.end.max(rows.end);
            }
            _ => self.blocked.push(rows),
        }
    }

    /// Surveys one edge given by its control points in user space: whether it turns back
    /// horizontally, or `None` when the node can only be drawn unshifted.
    fn edge(&mut self, points: &mut [Point], transform: Transform) -> Option<bool> {
        transform.map_points(points);
        let (top, bottom) = span(points.iter().map(|p| p.y));
        let (left, right) = span(points.iter().map(|p| p.x));
        if top >= bottom || points.len() == 2 && left == right {
            // Horizontal edges are no edges to the rasteriser, vertical ones are cut exactly.
            return Some(false);
        }
        if left < 0.0 || right > self.width || top < 0.0 || bottom > self.height {
            // Cut at the page's edges in a single pass too, from other coordinates.
            return None;
        }
        let rows = top.floor() as usize..bottom.ceil() as usize;
        if !uncut(points.iter().map(|p| p.y)) {
            self.turns.push(rows.start.saturating_sub(1)..rows.end + 1);
        }
        self.block(rows);
        Some(!uncut(points.iter().map(|p| p.x)))
    }
}

/// The smallest and largest of some coordinates.
fn span(values: impl Iterator<Item = f32>) -> (f32, f32) {
    values.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// Whether tiny-skia surely leaves a curve uncut at turning points in this coordinate:
/// its control points never turn back, and, for a cubic, none repeats its neighbour
/// unless all do. A cubic that starts or ends on a turning point (as a rounded corner's
/// arcs do) has a turn at t = 0 or 1, which floating point can place just inside.
fn uncut(values: impl Iterator<Item = f32> + Clone) -> bool {
    let steps = values.clone().zip(values.skip(1)).map(|(a, b)| b - a);
    let (rising, falling) = (
        steps.clone().any(|d| d > 0.0),
        steps.clone().any(|d| d < 0.0),
    );
    let cubic = steps.clone().count() == 3;
    !(rising && falling) && !(cubic && (rising || falling) && steps.clone().any(|d| d == 0.0))
}
