//! Drawing parts of a page one at a time, exactly as resvg draws the whole.
//!
//! resvg renders a whole tree; bands need to draw some of its nodes in a band and others
//! on the whole page, in the tree's order. For plain content — groups without layers,
//! text, and paths painted in solid colours, which is all waypost's pages hold — this
//! draws a node with the same tiny-skia calls resvg makes, so the pixels are the same.

use tiny_skia::{FillRule, Paint, PixmapMut, Transform};

/// Whether every node under `group` is plain enough for [`node`] to draw as resvg does.
pub(super) fn plain(group: &usvg::Group) -> bool {
    group.children().iter().all(|child| match child {
        usvg::Node::Group(inner) => !inner.should_isolate() && plain(inner),
        usvg::Node::Text(text) => plain(text.flattened()),
        usvg::Node::Path(path) => {
            path.fill().is_none_or(|fill| solid(fill.paint()))
                && path.stroke().is_none_or(|stroke| solid(stroke.paint()))
        }
        usvg::Node::Image(_) => false,
    })
}

fn solid(paint: &usvg::Paint) -> bool {
    matches!(paint, usvg::Paint::Color(_))
}

/// Draws a plain node under `transform` (its parent's, to page pixels).
pub(super) fn node(node: &usvg::Node, transform: Transform, pixmap: &mut PixmapMut) {
    match node {
        usvg::Node::Group(group) => self::group(group, transform, pixmap),
        usvg::Node::Text(text) => self::group(text.flattened(), transform, pixmap),
        usvg::Node::Path(path) => self::path(path, transform, pixmap),
        usvg::Node::Image(_) => {}
    }
}

/// Draws a plain group's children under its transform.
pub(super) fn group(group: &usvg::Group, transform: Transform, pixmap: &mut PixmapMut) {
    let transform = transform.pre_concat(group.transform());
    for child in group.children() {
        node(child, transform, pixmap);
    }
}

fn path(path: &usvg::Path, transform: Transform, pixmap: &mut PixmapMut) {
    if !path.is_visible() {
        return;
    }
    if path.paint_order() == usvg::PaintOrder::FillAndStroke {
        fill(path, transform, pixmap);
        stroke(path, transform, pixmap);
    } else {
        stroke(path, transform, pixmap);
        fill(path, transform, pixmap);
    }
}

fn fill(path: &usvg::Path, transform: Transform, pixmap: &mut PixmapMut) {
    let Some(fill) = path.fill() else { return };
    let bounds = path.data().bounds();
    // resvg leaves out fills of no area.
    if bounds.width() == 0.0 || bounds.height() == 0.0 {
        return;
    }
    let usvg::Paint::Color(colour) = fill.paint() else {
        return;
    };
    let rule = match fill.rule() {
        usvg::FillRule::NonZero => FillRule::Winding,
        usvg::FillRule::EvenOdd => FillRule::EvenOdd,
    };
    let paint = solid_paint(path, *colour, fill.opacity());
    pixmap.fill_path(path.data(), &paint, rule, transform, None);
}

fn stroke(path: &usvg::Path, transform: Transform, pixmap: &mut PixmapMut) {
    let Some(stroke) = path.stroke() else { return };
    let usvg::Paint::Color(colour) = stroke.paint() else {
        return;
    };
    let paint = solid_paint(path, *colour, stroke.opacity());
    pixmap.stroke_path(path.data(), &paint, &stroke.to_tiny_skia(), transform, None);
}

fn solid_paint(path: &usvg::Path, colour: usvg::Color, opacity: usvg::Opacity) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(colour.red, colour.green, colour.blue, opacity.to_u8());
    paint.anti_alias = path.rendering_mode().use_shape_antialiasing();
    paint
}
