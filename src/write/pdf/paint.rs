//! Page content: the painter that walks the scene and turns each item into PDF operations,
//! the graphics state it keeps so unchanged values are not repeated, and the rounding of
//! coordinates and colours.
//!
//! Every shape and decorative picture is marked as an artifact, every line of text and
//! every picture with alt text as tagged content ([`super::marked`]). A picture is drawn by
//! name; [`Images`] notes each distinct image, which [`super::xobjects`] embeds once.

use super::glyphs::{glyph_runs, GlyphTexts};
use super::marked::{held_back, Sequences};
use super::structure::{Figure, Marks};
use super::widths::Widths;
use super::xobjects::Images;
use super::{output, round};
use crate::error::{PdfError, Result};
use crate::scene::{
    Color, Item, Link, Path, Picture, Point, Qr, Role, Scene, Segment, Shape, Stroke, Text,
};
use printpdf::{
    Actions, BorderArray, ColorArray, FontId, HighlightingMode, LineCapStyle, LineDashPattern,
    LineJoinStyle, LinePoint, LinkAnnotation, Op, PaintMode, PdfFontHandle, Polygon, PolygonRing,
    Pt, Rect, Rgb, WindingOrder, XObjectId, XObjectTransform,
};
use std::collections::BTreeMap;

/// What painting a page gives: its operations, what the marked content ids and link
/// annotations stand for, and the images the operations draw by name.
pub(super) struct Painted<'a> {
    /// The background, then every item in painting order.
    pub(super) ops: Vec<Op>,
    /// What each marked-content sequence and link annotation stands for.
    pub(super) marks: Marks,
    /// The distinct images drawn on this page and the pages painted before it.
    pub(super) images: Images<'a>,
}

/// Paints a page, naming its images among `images`, those of the pages painted before
/// it: an image drawn on several pages keeps one name.
pub(super) fn paint<'a>(
    scene: &'a Scene,
    texts: &'a GlyphTexts,
    fonts: &'a BTreeMap<usize, FontId>,
    widths: &'a Widths<'a>,
    images: Images<'a>,
) -> Result<Painted<'a>> {
    let mut painter = Painter {
        scene,
        texts,
        fonts,
        widths,
        ops: Vec::new(),
        state: State::default(),
        sequences: Sequences::new(),
        held: Vec::new(),
        images,
    };
    painter.background();
    painter.items(&scene.items)?;
    let marks = painter.sequences.finish(&mut painter.ops);
    Ok(Painted {
        ops: painter.ops,
        marks,
        images: painter.images,
    })
}

/// The graphics state already set in the content stream, so that unchanged values are not
/// repeated. `None` means not set yet. The writer saves and restores state only around a
/// picture, which changes none of these, so this stays true for the whole page.
#[derive(Default)]
struct State {
    fill: Option<Color>,
    stroke: Option<Color>,
    width: Option<f32>,
    dash: Option<Option<(f32, f32)>>,
    round: Option<bool>,
    /// The face (by index in the scene) and size.
    font: Option<(usize, f32)>,
}

/// Walks the scene and collects page operations.
struct Painter<'a> {
    scene: &'a Scene,
    texts: &'a GlyphTexts,
    fonts: &'a BTreeMap<usize, FontId>,
    widths: &'a Widths<'a>,
    ops: Vec<Op>,
    state: State,
    sequences: Sequences,
    /// Stage numbers waiting for their stage's title ([`held_back`]).
    held: Vec<&'a Text>,
    /// The images drawn so far.
    images: Images<'a>,
}

impl<'a> Painter<'a> {
    fn background(&mut self) {
        self.sequences.artifact(&mut self.ops);
        self.set_fill(self.scene.background);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Fill),
                ..Rect::from_wh(Pt(self.scene.width), Pt(self.scene.height))
            },
        });
    }

    fn items(&mut self, items: &'a [Item]) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Shape(shape) => self.shape(shape),
                Item::Qr(qr) => self.qr(qr),
                Item::Image(picture) => self.picture(picture),
                Item::Text(text) if held_back(items, i) => self.held.push(text),
                Item::Text(text) => {
                    if let Role::StageTitle(stage) = text.role {
                        let number = |t: &&Text| t.role == Role::StageNumber(stage);
                        if let Some(at) = self.held.iter().position(number) {
                            let number = self.held.remove(at);
                            self.text(number)?;
                        }
                    }
                    self.text(text)?;
                }
                Item::Link(link) => {
                    // The annotation goes first so annotations appear in the same
                    // pre-order as `Scene::links`, which `save` relies on.
                    self.link(link);
                    let outer = self.sequences.enter_link();
                    self.items(&link.children)?;
                    self.sequences.leave_link(outer);
                }
            }
        }
        Ok(())
    }

    /// A scene point in PDF coordinates: the one place the y axis flips.
    fn pdf_point(&self, p: Point) -> printpdf::Point {
        printpdf::Point {
            x: Pt(round(p.x, 1000.0)),
            y: Pt(round(self.scene.to_pdf_y(p.y), 1000.0)),
        }
    }

    /// A path point in PDF coordinates; `bezier` marks a control point.
    fn point(&self, p: Point, bezier: bool) -> LinePoint {
        LinePoint {
            p: self.pdf_point(p),
            bezier,
        }
    }

    fn shape(&mut self, shape: &Shape) {
        let subpaths = self.subpaths(shape);
        let stroke = shape.stroke.filter(|s| s.width > 0.0);
        if subpaths.is_empty() || (shape.fill.is_none() && stroke.is_none()) {
            return;
        }
        self.sequences.artifact(&mut self.ops);
        if let Some(fill) = shape.fill {
            self.set_fill(fill);
        }
        if let Some(stroke) = &stroke {
            self.set_stroke(stroke);
        }
        let polygon = |rings: Vec<PolygonRing>, mode| Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode,
                winding_order: WindingOrder::NonZero,
            },
        };
        // printpdf closes a polygon's last ring only, so open or multiple subpaths are
        // stroked one line each; the common card or dot is a single closed ring.
        if let [(ring, true)] = subpaths.as_slice() {
            let mode = match (shape.fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Fill,
                _ => PaintMode::Stroke,
            };
            self.ops.push(polygon(vec![ring.clone()], mode));
            return;
        }
        if shape.fill.is_some() {
            let rings = subpaths.iter().map(|(ring, _)| ring.clone()).collect();
            self.ops.push(polygon(rings, PaintMode::Fill));
        }
        if stroke.is_some() {
            for (ring, closed) in subpaths {
                let line = printpdf::Line {
                    points: ring.points,
                    is_closed: closed,
                };
                self.ops.push(Op::DrawLine { line });
            }
        }
    }

    /// A picture: its image, by name, scaled into its box (`q w 0 0 h x y cm /Name Do Q`),
    /// inside a Figure sequence of its own when it has alt text, an artifact otherwise. An
    /// empty alt text is taken as decorative, as HTML's `alt=""` is; a picture of page
    /// furniture ([`Role::Pagination`]) is a pagination artifact whatever its alt text.
    fn picture(&mut self, picture: &'a Picture) {
        let r = picture.rect;
        if !(r.width > 0.0 && r.height > 0.0) {
            return;
        }
        let name = self.images.name(&picture.image);
        let lower_left = self.pdf_point(Point::new(r.x, r.bottom()));
        let upper_right = self.pdf_point(Point::new(r.right(), r.y));
        let alt = picture.alt.as_deref().filter(|alt| !alt.trim().is_empty());
        match alt {
            _ if picture.role == Role::Pagination => self.sequences.pagination(&mut self.ops),
            Some(alt) => {
                let figure = Figure {
                    alt: alt.to_string(),
                    role: picture.role,
                    bbox: [
                        lower_left.x.0,
                        lower_left.y.0,
                        upper_right.x.0,
                        upper_right.y.0,
                    ],
                };
                self.sequences.figure(figure, &mut self.ops);
            }
            None => self.sequences.artifact(&mut self.ops),
        }
        // The image spans the unit square: scaled to the box, then moved to its corner.
        let transform = XObjectTransform {
            translate_x: Some(lower_left.x),
            translate_y: Some(lower_left.y),
            scale_x: Some(round(r.width, 1000.0)),
            scale_y: Some(round(r.height, 1000.0)),
            no_auto_scale: true,
            ..XObjectTransform::default()
        };
        let id = XObjectId(name);
        self.ops.push(Op::UseXobject { id, transform });
    }

    /// A QR code as two fills: the light square, then every dark module in one path.
    fn qr(&mut self, qr: &Qr) {
        let fill = |path: Path, color: Color| Shape {
            path,
            fill: Some(color),
            stroke: None,
        };
        self.shape(&fill(Path::rect(qr.bounds()), qr.background));
        self.shape(&fill(qr.path(), qr.color));
    }

    /// The path's subpaths in PDF coordinates, each with whether it was closed.
    fn subpaths(&self, shape: &Shape) -> Vec<(PolygonRing, bool)> {
        let mut out: Vec<(PolygonRing, bool)> = Vec::new();
        let mut current: Vec<LinePoint> = Vec::new();
        let mut start = None;
        let mut finish = |points: &mut Vec<LinePoint>, closed: bool| {
            let points = std::mem::take(points);
            if points.len() > 1 {
                out.push((PolygonRing { points }, closed));
            }
        };
        for segment in &shape.path.segments {
            match *segment {
                Segment::MoveTo(p) => {
                    finish(&mut current, false);
                    start = Some(p);
                    current.push(self.point(p, false));
                }
                Segment::LineTo(p) | Segment::CubicTo(_, _, p) if current.is_empty() => {
                    // A segment after `Close` continues from the closed subpath's start.
                    let from = start.unwrap_or(p);
                    current.push(self.point(from, false));
                    self.push_segment(&mut current, segment);
                }
                Segment::LineTo(_) | Segment::CubicTo(..) => {
                    self.push_segment(&mut current, segment);
                }
                Segment::Close => finish(&mut current, true),
            }
        }
        finish(&mut current, false);
        out
    }

    fn push_segment(&self, points: &mut Vec<LinePoint>, segment: &Segment) {
        match *segment {
            Segment::LineTo(p) => points.push(self.point(p, false)),
            Segment::CubicTo(a, b, p) => {
                points.extend([
                    self.point(a, true),
                    self.point(b, true),
                    self.point(p, false),
                ]);
            }
            Segment::MoveTo(_) | Segment::Close => {}
        }
    }

    fn text(&mut self, text: &Text) -> Result<()> {
        if text.glyphs.is_empty() {
            return Ok(());
        }
        let joins = self.sequences.text(text.role, &mut self.ops);
        let new_word = joins && !text.continues_word;
        let runs = glyph_runs(text, self.texts, self.widths, new_word);
        self.set_fill(text.color);
        self.ops.push(Op::StartTextSection);
        if let Some(first) = runs.first() {
            self.set_font(first.face, text.size)?;
        }
        // In a fresh text object `Td` starts from the origin, so it places the baseline.
        let pos = self.pdf_point(text.origin);
        self.ops.push(Op::SetTextCursor { pos });
        let mut rise = 0.0;
        for run in runs {
            // A line switches faces where a roadmap's own face lacks a character.
            self.set_font(run.face, text.size)?;
            if run.rise != rise {
                rise = run.rise;
                self.ops.push(Op::SetLineOffset { multiplier: rise });
            }
            self.ops.push(Op::ShowText { items: run.items });
        }
        if rise != 0.0 {
            self.ops.push(Op::SetLineOffset { multiplier: 0.0 });
        }
        self.ops.push(Op::EndTextSection);
        Ok(())
    }

    /// Selects the face (by its index in the scene) at `size`, unless it is selected.
    fn set_font(&mut self, face: usize, size: f32) -> Result<()> {
        if self.state.font != Some((face, size)) {
            let font = (self.fonts.get(&face))
                .ok_or_else(|| output(PdfError::FontNotRegistered))?
                .clone();
            self.state.font = Some((face, size));
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            });
        }
        Ok(())
    }

    fn link(&mut self, link: &Link) {
        let r = link.rect;
        let lower_left = self.pdf_point(Point::new(r.x, r.bottom()));
        let (width, height) = (Pt(round(r.width, 1000.0)), Pt(round(r.height, 1000.0)));
        let rect = Rect::from_xywh(lower_left.x, lower_left.y, width, height);
        // An all-zero border: printpdf's default draws a visible cyan box.
        let link = LinkAnnotation::new(
            rect,
            Actions::Uri(link.url.clone()),
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            Some(HighlightingMode::Invert),
        );
        self.ops.push(Op::LinkAnnotation { link });
    }

    fn set_fill(&mut self, color: Color) {
        if self.state.fill != Some(color) {
            self.state.fill = Some(color);
            self.ops.push(Op::SetFillColor {
                col: pdf_color(color),
            });
        }
    }

    fn set_stroke(&mut self, stroke: &Stroke) {
        if self.state.stroke != Some(stroke.color) {
            self.state.stroke = Some(stroke.color);
            let col = pdf_color(stroke.color);
            self.ops.push(Op::SetOutlineColor { col });
        }
        if self.state.width != Some(stroke.width) {
            self.state.width = Some(stroke.width);
            let pt = Pt(round(stroke.width, 1000.0));
            self.ops.push(Op::SetOutlineThickness { pt });
        }
        // An all-zero dash array is an error in PDF: such a dash is drawn solid.
        let dash = stroke
            .dash
            .filter(|(on, off)| *on >= 0.0 && *off >= 0.0 && on + off > 0.0);
        if self.state.dash != Some(dash) {
            self.state.dash = Some(dash);
            let dash = match dash {
                Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
                None => LineDashPattern::solid(),
            };
            self.ops.push(Op::SetLineDashPattern { dash });
        }
        if self.state.round != Some(stroke.round) {
            self.state.round = Some(stroke.round);
            let (cap, join) = if stroke.round {
                (LineCapStyle::Round, LineJoinStyle::Round)
            } else {
                (LineCapStyle::Butt, LineJoinStyle::Miter)
            };
            self.ops.push(Op::SetLineCapStyle { cap });
            self.ops.push(Op::SetLineJoinStyle { join });
        }
    }
}

fn pdf_color(color: Color) -> printpdf::Color {
    let channel = |c: u8| round(f32::from(c) / 255.0, 10_000.0);
    printpdf::Color::Rgb(Rgb {
        r: channel(color.r),
        g: channel(color.g),
        b: channel(color.b),
        icc_profile: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::pdf::tests::sample;

    #[test]
    fn flips_y_at_the_page_top() {
        let scene = sample();
        let texts = GlyphTexts::new();
        let fonts = BTreeMap::new();
        let widths = Widths::new(&scene.faces);
        let painter = Painter {
            scene: &scene,
            texts: &texts,
            fonts: &fonts,
            widths: &widths,
            ops: Vec::new(),
            state: State::default(),
            sequences: Sequences::new(),
            held: Vec::new(),
            images: Images::default(),
        };
        let top = painter.point(Point::new(12.5, 0.0), false).p;
        let low = painter.point(Point::new(0.0, 150.0), false).p;
        assert_eq!((top.x.0, top.y.0), (12.5, 200.0));
        assert_eq!(low.y.0, 50.0);
    }
}
