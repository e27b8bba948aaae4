//! What drawing an SVG logo takes in pixels, measured from its parsed tree.
//!
//! resvg draws a see-through group, a clipped or masked one, into a picture of its own the
//! size of all it holds, with a clip or mask picture as large, and a pattern into a tile of
//! its size; each lives while what is inside it is drawn. A 250-byte logo with one shape
//! of 2 × 10⁵ units under a mask took the PNG writer 23 seconds and 1.9 GB at 300 dpi, and
//! a pattern tile as large could not be allocated at all. So these pictures are added up
//! down each chain of nesting, in areas of the logo itself, and a logo whose chain takes
//! more than [`MAX_LAYERS`] is refused: whatever the resolution, drawing it then takes a
//! bounded multiple of the memory its own box takes.

use super::{refuse, Refusal};
use usvg::tiny_skia_path::{NonZeroRect, Transform};

/// The most pictures the size of the logo that drawing it may hold at once, down any
/// chain of see-through, clipped or masked groups and patterns: as many as a logo nesting
/// see-through groups of its own size as deep as it may ([`MAX_SVG_DEPTH`]) needs. At
/// 300 dpi a logo 60 mm high and 180 mm wide takes 6 MB.
///
/// [`MAX_SVG_DEPTH`]: super::MAX_SVG_DEPTH
pub(super) const MAX_LAYERS: f64 = 64.0;

/// How many of the logo's own areas `rect` covers once `transform` places it on the
/// logo's canvas.
fn areas(rect: NonZeroRect, transform: Transform, canvas: f64) -> f64 {
    rect.transform(transform).map_or(0.0, |r| {
        f64::from(r.width()) * f64::from(r.height()) / canvas
    })
}

/// Refuses a logo whose pictures, down some chain of nesting, cover more than
/// [`MAX_LAYERS`] times its own area.
pub(super) fn check(tree: &usvg::Tree) -> Result<(), Refusal> {
    let canvas = f64::from(tree.size().width()) * f64::from(tree.size().height());
    // Groups still to walk: each with the transform resvg draws it under and what the
    // pictures it is drawn inside take.
    let mut stack = vec![(tree.root(), Transform::identity(), 0.0)];
    let mut most: f64 = 0.0;
    while let Some((group, transform, taken)) = stack.pop() {
        most = most.max(taken);
        if most > MAX_LAYERS {
            break;
        }
        for child in group.children() {
            match child {
                usvg::Node::Group(inner) => {
                    let transform = transform.pre_concat(inner.transform());
                    let mut taken = taken;
                    if inner.should_isolate() {
                        // The group's picture, a clip's as large (and its clip's), a mask's
                        // with its alpha (and its mask's).
                        let clips = inner.clip_path().map_or(0.0, |c| match c.clip_path() {
                            Some(_) => 2.0,
                            None => 1.0,
                        });
                        let masks = inner.mask().map_or(0.0, |m| match m.mask() {
                            Some(_) => 4.0,
                            None => 2.0,
                        });
                        let pictures = 1.0 + clips + masks;
                        taken += pictures * areas(inner.layer_bounding_box(), transform, canvas);
                    }
                    if let Some(clip) = inner.clip_path() {
                        let clip_transform = transform.pre_concat(clip.transform());
                        stack.push((clip.root(), clip_transform, taken));
                        if let Some(clip) = clip.clip_path() {
                            stack.push((
                                clip.root(),
                                transform.pre_concat(clip.transform()),
                                taken,
                            ));
                        }
                    }
                    if let Some(mask) = inner.mask() {
                        stack.push((mask.root(), transform, taken));
                        if let Some(mask) = mask.mask() {
                            stack.push((mask.root(), transform, taken));
                        }
                    }
                    stack.push((inner, transform, taken));
                }
                usvg::Node::Path(path) => {
                    let paints = [
                        path.fill().map(|f| f.paint()),
                        path.stroke().map(|s| s.paint()),
                    ];
                    for paint in paints.into_iter().flatten() {
                        let usvg::Paint::Pattern(pattern) = paint else {
                            continue;
                        };
                        // The tile is drawn at the scale the pattern is shown at.
                        let (sx, sy) = transform.pre_concat(pattern.transform()).get_scale();
                        let tile = Transform::from_scale(sx, sy);
                        let taken = taken + areas(pattern.rect(), tile, canvas);
                        stack.push((pattern.root(), tile, taken));
                    }
                }
                usvg::Node::Image(_) | usvg::Node::Text(_) => {}
            }
        }
    }
    if most > MAX_LAYERS {
        return Err(refuse(
            format!(
                "the SVG draws far outside its own frame inside see-through, clipped or masked \
                 groups or patterns: drawing it would take more than {MAX_LAYERS} times the \
                 memory of the logo itself"
            ),
            "crop the drawing to its page (release clipping masks and delete what lies \
             outside, or fit the page to the drawing), or export the logo as plain shapes",
        ));
    }
    Ok(())
}
