//! SVG drawings as form XObjects of vector paths, never rasterised.
//!
//! The stored document is parsed by usvg (without a document type, so no entity can
//! expand, and with no way to load a file) and its tree walked once into PDF operators,
//! as resvg walks it into pixels:
//!
//! - a group is `q`, its transform as `cm`, its clip path, its children, `Q`;
//! - a clip path of one shape is that path with `W n` (`W* n` for the even-odd rule); one
//!   of several shapes, or with clipped shapes inside, is a soft mask of those shapes
//!   filled white;
//! - a group's opacity, mask or blend mode makes its children a transparency group (a form
//!   of their own) drawn with that constant alpha (`/ca`, `/CA`), soft mask (`/SMask`,
//!   luminance or alpha) and blend mode (`/BM`), so overlapping children are not darkened
//!   twice;
//! - a path is filled (`f`, `f*`) and stroked (`S`) in the order its paint order gives,
//!   each with its own opacity; a stroke keeps its width, cap, join, miter limit and dashes;
//! - a linear or radial gradient is a PDF shading (axial, type 2, or radial, type 3) of one
//!   function per pair of stops, painted with `sh` inside the path as a clip; stops with
//!   opacity add a soft mask, the same shading in grey.
//!
//! What is approximated: a gradient's `reflect` and `repeat` spreads are drawn as `pad`; a
//! pattern is drawn in the first solid colour found inside it (and not at all when there
//! is none); a `miter-clip` join is drawn as `miter`; the `plus-lighter` blend mode as
//! normal; filters are left out (the group is drawn unfiltered). Images and text inside
//! an SVG are skipped: a checked logo holds neither.

use super::shading::{rgb, Channels, Gradient};
use super::{failed, refused};
use crate::error::Result;
use crate::scene::Image;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};
use std::collections::BTreeMap;
use usvg::tiny_skia_path::{self, PathSegment, PathStroker};
use usvg::{
    BlendMode, ClipPath, FillRule, Group, LineCap, LineJoin, Mask, MaskType, Node, NonZeroRect,
    Paint, Transform,
};

/// How deep elements, and groups, clip paths and masks, may nest: past this the drawing is
/// refused, so that a hostile document cannot exhaust the stack (a roadmap's logos nest
/// at most 64 deep).
const MAX_DEPTH: usize = 256;

/// The drawing `data` (an SVG document) as a form XObject spanning the unit square: its
/// `/Matrix` maps the SVG's user space (y down, `width` × `height`) onto it, y up.
/// Returns the form's object.
pub(super) fn form(pdf: &mut Document, data: &[u8]) -> Result<ObjectId> {
    let tree = parse(data)?;
    let (width, height) = (tree.size().width(), tree.size().height());
    if !(1.0 / width).is_finite() || !(1.0 / height).is_finite() {
        return Err(refused("the SVG is too small to draw"));
    }
    let mut builder = Builder::new(pdf);
    let mut ops = Vec::new();
    builder.group(tree.root(), &mut ops, 0)?;
    let resources = builder.finish();
    let dictionary = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => reals([0.0, 0.0, width, height]),
        "Matrix" => reals([1.0 / width, 0.0, 0.0, -1.0 / height, 0.0, 1.0]),
        "Resources" => resources,
    };
    let content = encode(ops)?;
    Ok(pdf.add_object(Stream::new(dictionary, content)))
}

/// Parses the drawing without a document type and with no resolver for images.
fn parse(data: &[u8]) -> Result<usvg::Tree> {
    let text = std::str::from_utf8(data).map_err(|_| refused("the SVG is not UTF-8 text"))?;
    let document =
        Image::svg_xml(text).map_err(|e| refused(format!("the SVG cannot be read: {e}")))?;
    // Depth first with a stack of its own, before usvg's recursive walk meets the nesting.
    let mut stack = vec![(document.root(), 0_usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        stack.extend(node.children().map(|child| (child, depth + 1)));
    }
    usvg::Tree::from_xmltree(&document, &Image::usvg_options())
        .map_err(|e| refused(format!("the SVG cannot be read: {e}")))
}

fn too_deep() -> crate::error::Error {
    refused(format!(
        "the SVG nests elements, clip paths or masks more than {MAX_DEPTH} deep"
    ))
}

/// The operators as a content stream; a number too large for a 32-bit float (which would
/// be written `inf`) is refused.
fn encode(operations: Vec<Operation>) -> Result<Vec<u8>> {
    let finite = |o: &Object| !matches!(o, Object::Real(v) if !v.is_finite());
    if !(operations.iter()).all(|op| op.operands.iter().all(finite)) {
        return Err(refused("the SVG holds a number too large to draw"));
    }
    Content { operations }.encode().map_err(failed)
}

fn op(operator: &str, operands: Vec<Object>) -> Operation {
    Operation::new(operator, operands)
}

fn name(name: &str) -> Object {
    Object::Name(name.as_bytes().to_vec())
}

fn reals<const N: usize>(values: [f32; N]) -> Vec<Object> {
    values.into_iter().map(Object::Real).collect()
}

/// `[left top right bottom]` of a rectangle, grown on every side by 2 % of its larger side
/// so that anti-aliased edges inside it are not cut.
fn bbox(rect: NonZeroRect) -> Vec<Object> {
    let margin = rect.width().max(rect.height()) * 0.02;
    reals([
        rect.left() - margin,
        rect.top() - margin,
        rect.right() + margin,
        rect.bottom() + margin,
    ])
}

fn transform(ts: Transform) -> Operation {
    op("cm", reals([ts.sx, ts.ky, ts.kx, ts.sy, ts.tx, ts.ty]))
}

/// A path's segments as path construction operators; quadratic curves become cubic ones.
fn path(data: &tiny_skia_path::Path, ops: &mut Vec<Operation>) {
    let mut last = tiny_skia_path::Point::zero();
    let mut start = last;
    for segment in data.segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                ops.push(op("m", reals([p.x, p.y])));
                (last, start) = (p, p);
            }
            PathSegment::LineTo(p) => {
                ops.push(op("l", reals([p.x, p.y])));
                last = p;
            }
            PathSegment::QuadTo(q, p) => {
                // The cubic's control points lie two thirds of the way to the quadratic's.
                let toward = |from: tiny_skia_path::Point| {
                    [
                        from.x + (q.x - from.x) * 2.0 / 3.0,
                        from.y + (q.y - from.y) * 2.0 / 3.0,
                    ]
                };
                let ([ax, ay], [bx, by]) = (toward(last), toward(p));
                ops.push(op("c", reals([ax, ay, bx, by, p.x, p.y])));
                last = p;
            }
            PathSegment::CubicTo(a, b, p) => {
                ops.push(op("c", reals([a.x, a.y, b.x, b.y, p.x, p.y])));
                last = p;
            }
            PathSegment::Close => {
                ops.push(op("h", vec![]));
                last = start;
            }
        }
    }
}

/// The PDF name of a blend mode, or `None` for normal (and for `plus-lighter`, which PDF
/// does not have).
fn blend_mode(mode: BlendMode) -> Option<&'static str> {
    Some(match mode {
        BlendMode::Normal | BlendMode::PlusLighter => return None,
        BlendMode::Multiply => "Multiply",
        BlendMode::Screen => "Screen",
        BlendMode::Overlay => "Overlay",
        BlendMode::Darken => "Darken",
        BlendMode::Lighten => "Lighten",
        BlendMode::ColorDodge => "ColorDodge",
        BlendMode::ColorBurn => "ColorBurn",
        BlendMode::HardLight => "HardLight",
        BlendMode::SoftLight => "SoftLight",
        BlendMode::Difference => "Difference",
        BlendMode::Exclusion => "Exclusion",
        BlendMode::Hue => "Hue",
        BlendMode::Saturation => "Saturation",
        BlendMode::Color => "Color",
        BlendMode::Luminosity => "Luminosity",
    })
}

/// Whether paths are drawn as they are, or filled white as the shapes of a clip path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Draw,
    Clip,
}

/// Walks a tree into operators, collecting the resources its forms share.
struct Builder<'d> {
    pdf: &'d mut Document,
    /// The one resource dictionary of the drawing and all its inner forms, written last.
    resources: ObjectId,
    states: Dictionary,
    shadings: Dictionary,
    forms: Dictionary,
    /// Graphics states of constant alpha already named, by their fill and stroke alpha.
    alphas: BTreeMap<(u32, u32), String>,
    mode: Mode,
}

impl<'d> Builder<'d> {
    fn new(pdf: &'d mut Document) -> Builder<'d> {
        let resources = pdf.new_object_id();
        Builder {
            pdf,
            resources,
            states: Dictionary::new(),
            shadings: Dictionary::new(),
            forms: Dictionary::new(),
            alphas: BTreeMap::new(),
            mode: Mode::Draw,
        }
    }

    /// Writes the shared resource dictionary and returns it.
    fn finish(self) -> ObjectId {
        let mut resources = Dictionary::new();
        for (key, entries) in [
            ("ExtGState", self.states),
            ("Shading", self.shadings),
            ("XObject", self.forms),
        ] {
            if !entries.is_empty() {
                resources.set(key, entries);
            }
        }
        self.pdf
            .objects
            .insert(self.resources, Object::Dictionary(resources));
        self.resources
    }

    /// Names an ExtGState; `Type` is added.
    fn state(&mut self, mut state: Dictionary) -> String {
        state.set("Type", "ExtGState");
        let key = format!("Gs{}", self.states.len() + 1);
        self.states.set(key.clone(), state);
        key
    }

    /// The ExtGState of constant `fill` and `stroke` alpha, named once.
    fn alpha(&mut self, fill: f32, stroke: f32) -> String {
        let key = (fill.to_bits(), stroke.to_bits());
        if let Some(name) = self.alphas.get(&key) {
            return name.clone();
        }
        let name = self.state(dictionary! { "ca" => fill, "CA" => stroke });
        self.alphas.insert(key, name.clone());
        name
    }

    fn shading(&mut self, shading: Dictionary) -> String {
        let key = format!("Sh{}", self.shadings.len() + 1);
        self.shadings.set(key.clone(), shading);
        key
    }

    /// A transparency group form of `content` within `rect`, blended in `colour_space`
    /// when given (a luminosity soft mask needs one). Returns its object.
    fn group_form(
        &mut self,
        content: Vec<Operation>,
        rect: NonZeroRect,
        colour_space: Option<&str>,
    ) -> Result<ObjectId> {
        let mut group = dictionary! { "S" => "Transparency", "I" => true };
        if let Some(space) = colour_space {
            group.set("CS", name(space));
        }
        let dictionary = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => bbox(rect),
            "Group" => group,
            "Resources" => self.resources,
        };
        let stream = Stream::new(dictionary, encode(content)?);
        Ok(self.pdf.add_object(stream))
    }

    /// Names a form for `Do`.
    fn form_name(&mut self, form: ObjectId) -> String {
        let key = format!("Fx{}", self.forms.len() + 1);
        self.forms.set(key.clone(), form);
        key
    }

    fn nodes(&mut self, parent: &Group, ops: &mut Vec<Operation>, depth: usize) -> Result<()> {
        for node in parent.children() {
            match node {
                Node::Group(group) => self.group(group, ops, depth + 1)?,
                Node::Path(path) => self.path(path, ops)?,
                // A checked logo holds neither.
                Node::Image(_) | Node::Text(_) => {}
            }
        }
        Ok(())
    }

    fn group(&mut self, group: &Group, ops: &mut Vec<Operation>, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        if !group.transform().is_valid() {
            // A zero scale: nothing of it shows.
            return Ok(());
        }
        let mut inner = vec![op("q", vec![])];
        if !group.transform().is_identity() {
            inner.push(transform(group.transform()));
        }
        // Soft masks the children are drawn through, innermost first.
        let mut masks = Vec::new();
        if let Some(clip) = group.clip_path() {
            if !self.clip(clip, &mut inner, &mut masks, depth)? {
                return Ok(());
            }
        }
        let drawing = self.mode == Mode::Draw;
        let mut mask = group.mask().filter(|_| drawing);
        while let Some(m) = mask {
            masks.push(self.mask(m, depth)?);
            mask = m.mask();
        }
        let opacity = if drawing { group.opacity().get() } else { 1.0 };
        let blend = blend_mode(group.blend_mode()).filter(|_| drawing);
        let mut content = Vec::new();
        self.nodes(group, &mut content, depth)?;
        if masks.is_empty() && opacity >= 1.0 && blend.is_none() && !group.isolate() {
            inner.extend(content);
        } else {
            if masks.is_empty() {
                masks.push(Dictionary::new());
            }
            let last = masks.len() - 1;
            for (i, mut state) in masks.into_iter().enumerate() {
                if i == last {
                    if opacity < 1.0 {
                        state.set("ca", opacity);
                        state.set("CA", opacity);
                    }
                    if let Some(blend) = blend {
                        state.set("BM", name(blend));
                    }
                }
                let form = self.group_form(content, group.layer_bounding_box(), None)?;
                let form = self.form_name(form);
                let state = self.state(state);
                content = vec![op("gs", vec![name(&state)]), op("Do", vec![name(&form)])];
            }
            inner.extend(content);
        }
        inner.push(op("Q", vec![]));
        ops.extend(inner);
        Ok(())
    }

    /// Applies a clip path in the current user space: a single shape as a clipping path
    /// (`W n`), anything else as a soft mask pushed onto `masks`. Returns `false` when the
    /// clip leaves nothing to draw.
    fn clip(
        &mut self,
        clip: &ClipPath,
        ops: &mut Vec<Operation>,
        masks: &mut Vec<Dictionary>,
        depth: usize,
    ) -> Result<bool> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        if let Some(inner) = clip.clip_path() {
            if !self.clip(inner, ops, masks, depth + 1)? {
                return Ok(false);
            }
        }
        let base = clip.transform().pre_concat(clip.root().transform());
        let mut shapes = Vec::new();
        let simple = shapes_of(clip.root(), base, &mut shapes, 0);
        let Some(bounds) = shapes
            .iter()
            .map(|(shape, _)| shape.bounds())
            .reduce(|a, b| {
                let (l, t) = (a.left().min(b.left()), a.top().min(b.top()));
                let (r, bt) = (a.right().max(b.right()), a.bottom().max(b.bottom()));
                tiny_skia_path::Rect::from_ltrb(l, t, r, bt).unwrap_or(a)
            })
        else {
            return Ok(false);
        };
        if let (true, [(shape, rule)]) = (simple, shapes.as_slice()) {
            path(shape, ops);
            let clip = if *rule == FillRule::EvenOdd {
                "W*"
            } else {
                "W"
            };
            ops.extend([op(clip, vec![]), op("n", vec![])]);
            return Ok(true);
        }
        // A shape of no width or height still gets a box, which its (empty) fill leaves black.
        let Some(rect) = NonZeroRect::from_xywh(
            bounds.left(),
            bounds.top(),
            bounds.width().max(1e-3),
            bounds.height().max(1e-3),
        ) else {
            return Ok(false);
        };
        // The shapes filled white on black: white shows, black hides.
        let mode = std::mem::replace(&mut self.mode, Mode::Clip);
        let mut content = vec![op("q", vec![]), op("g", vec![Object::Real(1.0)])];
        if !base.is_identity() {
            content.push(transform(base));
        }
        let drawn = self.nodes(clip.root(), &mut content, depth + 1);
        self.mode = mode;
        drawn?;
        content.push(op("Q", vec![]));
        let form = self.group_form(content, rect, Some("DeviceRGB"))?;
        masks.push(soft_mask("Luminosity", form));
        Ok(true)
    }

    /// A mask as the ExtGState entries of a soft mask: its content inside its rectangle,
    /// by luminance or by alpha.
    fn mask(&mut self, mask: &Mask, depth: usize) -> Result<Dictionary> {
        let rect = mask.rect();
        let mut content = vec![
            op(
                "re",
                reals([rect.x(), rect.y(), rect.width(), rect.height()]),
            ),
            op("W", vec![]),
            op("n", vec![]),
        ];
        let mut group = Vec::new();
        self.group(mask.root(), &mut group, depth + 1)?;
        content.extend(group);
        let form = self.group_form(content, rect, Some("DeviceRGB"))?;
        let kind = match mask.kind() {
            MaskType::Luminance => "Luminosity",
            MaskType::Alpha => "Alpha",
        };
        Ok(soft_mask(kind, form))
    }

    fn path(&mut self, path: &usvg::Path, ops: &mut Vec<Operation>) -> Result<()> {
        if !path.is_visible() {
            return Ok(());
        }
        if self.mode == Mode::Clip {
            // A clip path's shapes are filled by their clip rule, whatever their paint.
            if let Some(fill) = path.fill() {
                self::path(path.data(), ops);
                let fill = if fill.rule() == FillRule::EvenOdd {
                    "f*"
                } else {
                    "f"
                };
                ops.push(op(fill, vec![]));
            }
            return Ok(());
        }
        let fill = |builder: &mut Self, ops: &mut Vec<Operation>| match path.fill() {
            Some(fill) => builder.fill(path.data(), fill, ops),
            None => Ok(()),
        };
        let stroke = |builder: &mut Self, ops: &mut Vec<Operation>| match path.stroke() {
            Some(stroke) => builder.stroke(path, stroke, ops),
            None => Ok(()),
        };
        match path.paint_order() {
            usvg::PaintOrder::FillAndStroke => {
                fill(self, ops)?;
                stroke(self, ops)
            }
            usvg::PaintOrder::StrokeAndFill => {
                stroke(self, ops)?;
                fill(self, ops)
            }
        }
    }

    fn fill(
        &mut self,
        data: &tiny_skia_path::Path,
        fill: &usvg::Fill,
        ops: &mut Vec<Operation>,
    ) -> Result<()> {
        // As resvg: a straight line encloses nothing.
        let bounds = data.bounds();
        if bounds.width() == 0.0 || bounds.height() == 0.0 {
            return Ok(());
        }
        let opacity = fill.opacity().get();
        match solid(fill.paint()) {
            Some(color) => {
                let mut out = vec![op("q", vec![])];
                if opacity < 1.0 {
                    out.push(op("gs", vec![name(&self.alpha(opacity, 1.0))]));
                }
                out.push(op("rg", reals(rgb(color))));
                path(data, &mut out);
                let paint = if fill.rule() == FillRule::EvenOdd {
                    "f*"
                } else {
                    "f"
                };
                out.extend([op(paint, vec![]), op("Q", vec![])]);
                ops.extend(out);
                Ok(())
            }
            None => self.gradient(data, fill.rule(), fill.paint(), opacity, ops),
        }
    }

    fn stroke(
        &mut self,
        path: &usvg::Path,
        stroke: &usvg::Stroke,
        ops: &mut Vec<Operation>,
    ) -> Result<()> {
        let opacity = stroke.opacity().get();
        let Some(color) = solid(stroke.paint()) else {
            // A gradient stroke: its outline filled with the gradient.
            return match outline(path, stroke) {
                Some(outline) => {
                    self.gradient(&outline, FillRule::NonZero, stroke.paint(), opacity, ops)
                }
                None => Ok(()),
            };
        };
        let mut out = vec![op("q", vec![])];
        if opacity < 1.0 {
            out.push(op("gs", vec![name(&self.alpha(1.0, opacity))]));
        }
        let cap = match stroke.linecap() {
            LineCap::Butt => 0,
            LineCap::Round => 1,
            LineCap::Square => 2,
        };
        let join = match stroke.linejoin() {
            LineJoin::Miter | LineJoin::MiterClip => 0,
            LineJoin::Round => 1,
            LineJoin::Bevel => 2,
        };
        let (dashes, offset) = match stroke.dasharray() {
            Some(dashes) => (dashes, stroke.dashoffset()),
            None => (&[][..], 0.0),
        };
        // Everything a stroke uses is set, whatever the page set before the form is drawn.
        out.extend([
            op("RG", reals(rgb(color))),
            op("w", vec![Object::Real(stroke.width().get())]),
            op("J", vec![Object::Integer(cap)]),
            op("j", vec![Object::Integer(join)]),
            op("M", vec![Object::Real(stroke.miterlimit().get().max(1.0))]),
            op(
                "d",
                vec![
                    Object::Array(dashes.iter().copied().map(Object::Real).collect()),
                    Object::Real(offset),
                ],
            ),
        ]);
        self::path(path.data(), &mut out);
        out.extend([op("S", vec![]), op("Q", vec![])]);
        ops.extend(out);
        Ok(())
    }

    /// Fills `data` by `rule` with a gradient: the path as a clip, then the shading painted
    /// in the gradient's own space; stops with opacity as a soft mask of the same shading
    /// in grey. A pattern, which has no solid colour here, draws nothing.
    fn gradient(
        &mut self,
        data: &tiny_skia_path::Path,
        rule: FillRule,
        paint: &Paint,
        opacity: f32,
        ops: &mut Vec<Operation>,
    ) -> Result<()> {
        let Some(gradient) = Gradient::of(paint) else {
            return Ok(());
        };
        if !gradient.transform.is_valid() {
            return Ok(());
        }
        let clip = if rule == FillRule::EvenOdd { "W*" } else { "W" };
        let clipped = |ops: &mut Vec<Operation>| {
            path(data, ops);
            ops.extend([op(clip, vec![]), op("n", vec![])]);
            if !gradient.transform.is_identity() {
                ops.push(transform(gradient.transform));
            }
        };
        let mut out = vec![op("q", vec![])];
        let mut state = Dictionary::new();
        if opacity < 1.0 {
            state.set("ca", opacity);
        }
        if let Some(alpha) = gradient.shading(Channels::Alpha) {
            let alpha = self.shading(alpha);
            let mut content = Vec::new();
            clipped(&mut content);
            content.push(op("sh", vec![name(&alpha)]));
            let bounds = data.bounds();
            let (x, y) = (bounds.x(), bounds.y());
            // A path of no width or height encloses nothing; its outline still gets a box.
            let (width, height) = (bounds.width().max(1e-3), bounds.height().max(1e-3));
            if let Some(rect) = NonZeroRect::from_xywh(x, y, width, height) {
                let form = self.group_form(content, rect, Some("DeviceGray"))?;
                state.extend(&soft_mask("Luminosity", form));
            }
        }
        if !state.is_empty() {
            out.push(op("gs", vec![name(&self.state(state))]));
        }
        clipped(&mut out);
        if let Some(colour) = gradient.shading(Channels::Colour) {
            out.push(op("sh", vec![name(&self.shading(colour))]));
        }
        out.push(op("Q", vec![]));
        ops.extend(out);
        Ok(())
    }
}

/// The ExtGState entry of a soft mask of `kind` (`Luminosity` or `Alpha`) drawn by `form`.
fn soft_mask(kind: &str, form: ObjectId) -> Dictionary {
    dictionary! {
        "SMask" => dictionary! { "Type" => "Mask", "S" => name(kind), "G" => form },
    }
}

/// Collects a clip path's shapes in the clip's user space, each with its clip rule.
/// Returns whether a plain clipping path can stand for them: no shape inside a group with
/// a clip path of its own.
fn shapes_of(
    group: &Group,
    ts: Transform,
    shapes: &mut Vec<(tiny_skia_path::Path, FillRule)>,
    depth: usize,
) -> bool {
    let mut simple = depth <= MAX_DEPTH;
    for node in group.children() {
        match node {
            Node::Path(path) if path.is_visible() => {
                let Some(fill) = path.fill() else { continue };
                if let Some(shape) = path.data().clone().transform(ts) {
                    shapes.push((shape, fill.rule()));
                }
            }
            Node::Group(inner) if depth <= MAX_DEPTH => {
                simple &= inner.clip_path().is_none();
                let ts = ts.pre_concat(inner.transform());
                simple &= shapes_of(inner, ts, shapes, depth + 1);
            }
            _ => {}
        }
    }
    simple
}

/// A paint's solid colour: its own, or for a pattern the first solid colour inside it.
/// `None` for a gradient.
fn solid(paint: &Paint) -> Option<usvg::Color> {
    match paint {
        Paint::Color(color) => Some(*color),
        Paint::LinearGradient(_) | Paint::RadialGradient(_) => None,
        Paint::Pattern(pattern) => {
            // Depth first, in document order, with a stack of its own.
            let mut stack: Vec<&Node> = pattern.root().children().iter().rev().collect();
            while let Some(node) = stack.pop() {
                match node {
                    Node::Group(group) => stack.extend(group.children().iter().rev()),
                    Node::Path(path) => {
                        let paints = [
                            path.fill().map(|f| f.paint()),
                            path.stroke().map(|s| s.paint()),
                        ];
                        let colour = paints.into_iter().flatten().find_map(|paint| match paint {
                            Paint::Color(color) => Some(*color),
                            _ => None,
                        });
                        if colour.is_some() {
                            return colour;
                        }
                    }
                    Node::Image(_) | Node::Text(_) => {}
                }
            }
            None
        }
    }
}

/// A stroke's outline, dashes and all, as a path to fill.
fn outline(path: &usvg::Path, stroke: &usvg::Stroke) -> Option<tiny_skia_path::Path> {
    let stroke = stroke.to_tiny_skia();
    // Curves are flattened finely enough for the logo drawn 8 times its user size.
    let scale = PathStroker::compute_resolution_scale(&path.abs_transform()) * 8.0;
    let dashed = match &stroke.dash {
        Some(dash) => path.data().dash(dash, scale)?,
        None => path.data().clone(),
    };
    dashed.stroke(&stroke, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(body: &str, size: &str) -> String {
        format!("<svg xmlns='http://www.w3.org/2000/svg' {size}>{body}</svg>")
    }

    #[test]
    fn the_form_maps_the_drawing_onto_the_unit_square() {
        let mut pdf = Document::with_version("1.7");
        let data = svg(
            "<rect width='2' height='1'/>",
            "width='20' height='10' viewBox='0 0 2 1'",
        );
        let form = form(&mut pdf, data.as_bytes()).unwrap();
        let dict = &pdf.get_object(form).unwrap().as_stream().unwrap().dict;
        let numbers = |key: &[u8]| -> Vec<f32> {
            let array = dict.get(key).unwrap().as_array().unwrap();
            array.iter().map(|v| v.as_float().unwrap()).collect()
        };
        assert_eq!(numbers(b"BBox"), [0.0, 0.0, 20.0, 10.0]);
        assert_eq!(numbers(b"Matrix"), [0.05, 0.0, 0.0, -0.1, 0.0, 1.0]);
    }

    #[test]
    fn a_pattern_is_drawn_in_the_first_colour_inside_it() {
        let body = "<pattern id='p' width='4' height='4' patternUnits='userSpaceOnUse'>\
                    <g><rect width='2' height='2' fill='#123456'/></g>\
                    <rect x='2' width='2' height='2' fill='#abcdef'/></pattern>\
                    <rect width='10' height='10' fill='url(#p)'/>";
        let data = svg(body, "width='10' height='10'");
        let tree = parse(data.as_bytes()).unwrap();
        let Node::Path(path) = &tree.root().children()[0] else {
            panic!("a path")
        };
        let colour = solid(path.fill().unwrap().paint()).unwrap();
        assert_eq!(colour, usvg::Color::new_rgb(0x12, 0x34, 0x56));
    }
}
