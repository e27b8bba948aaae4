//! The scene: what a page shows, as positioned items in page units.
//!
//! The layout produces a [`Scene`]; every writer consumes it and lays out nothing itself.
//! Units are PostScript points (1/72 in) with the origin at the page's top-left corner and
//! y growing downwards, as in SVG. The PDF writer flips y once, in [`Scene::to_pdf_y`].

mod date;
mod image;
mod qr;
mod role;
mod sheet;
mod snapshot;

pub use date::Date;
pub use image::{Image, ImageFormat, Picture, MAX_SVG_NODES};
pub use qr::Qr;
pub use role::{with_role, OfferAt, OfferPart, Role};
pub use sheet::{mark_shape, Bleed, Sheet, MARK_LENGTH_MM, MARK_WIDTH, MAX_BLEED_MM};
pub use snapshot::snapshot;

use std::fmt;
use std::sync::Arc;

/// A point in page units (pt, top-left origin).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Distance from the left edge of the page, in pt.
    pub x: f32,
    /// Distance from the top edge of the page, in pt.
    pub y: f32,
}

impl Point {
    /// Makes a point from its coordinates in pt.
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

/// An axis-aligned rectangle in page units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge, in pt.
    pub x: f32,
    /// Top edge, in pt.
    pub y: f32,
    /// Width, in pt.
    pub width: f32,
    /// Height, in pt.
    pub height: f32,
}

impl Rect {
    /// Makes a rectangle from its top-left corner and size in pt.
    pub const fn new(x: f32, y: f32, width: f32, height: f32) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// The right edge, in pt.
    pub fn right(&self) -> f32 {
        self.x + self.width
    }

    /// The bottom edge, in pt.
    pub fn bottom(&self) -> f32 {
        self.y + self.height
    }

    /// Whether `other` lies wholly inside this rectangle, allowing `slack` pt of rounding.
    pub fn contains(&self, other: &Rect, slack: f32) -> bool {
        other.x >= self.x - slack
            && other.y >= self.y - slack
            && other.right() <= self.right() + slack
            && other.bottom() <= self.bottom() + slack
    }

    /// Whether the two rectangles share any area larger than `slack` pt in both directions.
    pub fn overlaps(&self, other: &Rect, slack: f32) -> bool {
        let w = self.right().min(other.right()) - self.x.max(other.x);
        let h = self.bottom().min(other.bottom()) - self.y.max(other.y);
        w > slack && h > slack
    }

    /// The smallest rectangle that holds both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }
}

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Color {
    /// Makes a colour from its 8-bit sRGB channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parses `#rrggbb` (or `#rgb`); `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |s: &str| u8::from_str_radix(s, 16).ok();
        match hex.len() {
            6 => Some(Self::rgb(
                channel(&hex[0..2])?,
                channel(&hex[2..4])?,
                channel(&hex[4..6])?,
            )),
            3 => {
                let d = |i: usize| channel(&hex[i..i + 1]).map(|v| v * 17);
                Some(Self::rgb(d(0)?, d(1)?, d(2)?))
            }
            _ => None,
        }
    }

    /// The colour as `#rrggbb`, the form SVG and the snapshot use.
    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance as WCAG 2.2 defines it, from linearised sRGB.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Color) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

/// One step of a path outline.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Segment {
    /// Starts a new subpath at the point.
    MoveTo(Point),
    /// A straight line to the point.
    LineTo(Point),
    /// A cubic Bézier curve through two control points to the last point.
    CubicTo(Point, Point, Point),
    /// Closes the current subpath.
    Close,
}

/// A vector outline made of segments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Path {
    /// The segments in drawing order.
    pub segments: Vec<Segment>,
}

/// The constant that makes four cubic curves approximate a circle (and one a quarter of
/// it): control points this share of the radius along the tangents.
pub(crate) const KAPPA: f32 = 0.552_284_8;

impl Path {
    /// A rectangle with corners rounded by `radius` pt (clamped to half the shorter side).
    pub fn rounded_rect(rect: Rect, radius: f32) -> Self {
        let r = radius.min(rect.width / 2.0).min(rect.height / 2.0).max(0.0);
        let (x0, y0, x1, y1) = (rect.x, rect.y, rect.right(), rect.bottom());
        let k = r * (1.0 - KAPPA);
        let p = Point::new;
        let mut segments = vec![
            Segment::MoveTo(p(x0 + r, y0)),
            Segment::LineTo(p(x1 - r, y0)),
        ];
        if r > 0.0 {
            segments.push(Segment::CubicTo(
                p(x1 - k, y0),
                p(x1, y0 + k),
                p(x1, y0 + r),
            ));
        }
        segments.push(Segment::LineTo(p(x1, y1 - r)));
        if r > 0.0 {
            segments.push(Segment::CubicTo(
                p(x1, y1 - k),
                p(x1 - k, y1),
                p(x1 - r, y1),
            ));
        }
        segments.push(Segment::LineTo(p(x0 + r, y1)));
        if r > 0.0 {
            segments.push(Segment::CubicTo(
                p(x0 + k, y1),
                p(x0, y1 - k),
                p(x0, y1 - r),
            ));
        }
        segments.push(Segment::LineTo(p(x0, y0 + r)));
        if r > 0.0 {
            segments.push(Segment::CubicTo(
                p(x0, y0 + k),
                p(x0 + k, y0),
                p(x0 + r, y0),
            ));
        }
        segments.push(Segment::Close);
        Self { segments }
    }

    /// A plain rectangle.
    pub fn rect(rect: Rect) -> Self {
        Self::rounded_rect(rect, 0.0)
    }

    /// A circle of `radius` pt around `center`.
    pub fn circle(center: Point, radius: f32) -> Self {
        let (cx, cy, r) = (center.x, center.y, radius);
        let k = r * KAPPA;
        let p = Point::new;
        Self {
            segments: vec![
                Segment::MoveTo(p(cx + r, cy)),
                Segment::CubicTo(p(cx + r, cy + k), p(cx + k, cy + r), p(cx, cy + r)),
                Segment::CubicTo(p(cx - k, cy + r), p(cx - r, cy + k), p(cx - r, cy)),
                Segment::CubicTo(p(cx - r, cy - k), p(cx - k, cy - r), p(cx, cy - r)),
                Segment::CubicTo(p(cx + k, cy - r), p(cx + r, cy - k), p(cx + r, cy)),
                Segment::Close,
            ],
        }
    }

    /// The smallest rectangle holding every point of the path, control points included.
    pub fn bounds(&self) -> Rect {
        let mut points = self.segments.iter().flat_map(|s| match *s {
            Segment::MoveTo(p) | Segment::LineTo(p) => vec![p],
            Segment::CubicTo(a, b, c) => vec![a, b, c],
            Segment::Close => vec![],
        });
        let Some(first) = points.next() else {
            return Rect::default();
        };
        let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
        for p in points {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// The path moved by `dx`, `dy` and scaled by `scale` about the origin first.
    pub fn transformed(&self, scale: f32, dx: f32, dy: f32) -> Path {
        let t = |p: Point| Point::new(p.x * scale + dx, p.y * scale + dy);
        Path {
            segments: self
                .segments
                .iter()
                .map(|s| match *s {
                    Segment::MoveTo(p) => Segment::MoveTo(t(p)),
                    Segment::LineTo(p) => Segment::LineTo(t(p)),
                    Segment::CubicTo(a, b, c) => Segment::CubicTo(t(a), t(b), t(c)),
                    Segment::Close => Segment::Close,
                })
                .collect(),
        }
    }
}

/// How a path's outline is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    /// The line colour.
    pub color: Color,
    /// The line width, in pt.
    pub width: f32,
    /// Dash and gap lengths in pt, or `None` for a solid line.
    pub dash: Option<(f32, f32)>,
    /// Whether line ends and joins are round (true) or butt and miter (false).
    pub round: bool,
}

/// A filled and/or stroked vector shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The outline.
    pub path: Path,
    /// The fill colour, or `None` for no fill.
    pub fill: Option<Color>,
    /// The outline stroke, or `None` for no stroke.
    pub stroke: Option<Stroke>,
}

/// The weight of a text, or of a font face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Weight {
    /// Regular (CSS 400): running text.
    Regular,
    /// Bold (CSS 700): titles, headings and badges.
    Bold,
}

/// A font face the page's text is drawn from: the bundled Noto Sans, or one of the faces a
/// roadmap's `[fonts]` table names. Writers embed or load exactly these bytes.
#[derive(Clone, PartialEq)]
pub struct Face {
    /// The family name the SVG's `font-family` and the PNG renderer's font database know
    /// the face by: "Noto Sans" for the bundled faces, the font's own family name (kept
    /// to letters, digits, spaces and `-`) for a roadmap's.
    pub family: String,
    /// The weight the face is declared with in that family.
    pub weight: Weight,
    /// The font file: TrueType outlines, a single font or a collection.
    pub data: Arc<[u8]>,
    /// Which font of a collection file the face is; 0 for a file of one font.
    pub index: u32,
    /// Whether this is a bundled Noto Sans face: the fallback that draws what a roadmap's
    /// own faces lack (and every character, when the roadmap names no fonts).
    pub bundled: bool,
}

impl fmt::Debug for Face {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Face")
            .field("family", &self.family)
            .field("weight", &self.weight)
            .field("bytes", &self.data.len())
            .field("index", &self.index)
            .field("bundled", &self.bundled)
            .finish()
    }
}

/// A shaped glyph of a text line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The face the glyph is from: an index into [`Scene::faces`] (16 bits, which keeps a
    /// glyph as small as it was before it named its face).
    pub face: u16,
    /// The glyph's id in that face.
    pub id: u16,
    /// How far the pen moves after this glyph, in pt.
    pub advance: f32,
    /// Horizontal shift of this glyph from the pen position, in pt.
    pub x_offset: f32,
    /// Vertical shift of this glyph (up is positive, as in fonts), in pt.
    pub y_offset: f32,
    /// Byte range of the line's text that this glyph draws (its cluster).
    pub start: usize,
    /// End of that byte range.
    pub end: usize,
}

/// One line of text, shaped, at a baseline position.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The start of the baseline (left end), in pt.
    pub origin: Point,
    /// The font size, in pt.
    pub size: f32,
    /// The weight the layout set the line in. The faces its glyphs are drawn from are
    /// each glyph's [`Glyph::face`]: a roadmap's own face of this weight (its regular face,
    /// when it names no bold one), and Noto Sans for the characters that face lacks.
    pub weight: Weight,
    /// The text colour.
    pub color: Color,
    /// The characters of the line, exactly as the reader should get them back.
    pub text: String,
    /// The shaped glyphs, in visual order.
    pub glyphs: Vec<Glyph>,
    /// The advance width of the whole line, in pt.
    pub width: f32,
    /// Distance from the baseline up to the top of the ascender of the line's face (a
    /// roadmap's own, when it has one), in pt.
    pub ascent: f32,
    /// Distance from the baseline down to the bottom of the descender, in pt (positive).
    pub descent: f32,
    /// Whether the line goes on with a word broken at the end of the line before, so
    /// that a reader joins the two without a space (a long address, a long compound).
    pub continues_word: bool,
    /// What the line is part of, for the page's reading order. Default: [`Role::Other`].
    pub role: Role,
}

impl Text {
    /// The box the line occupies: its advance width by the font's ascent plus descent.
    pub fn bounds(&self) -> Rect {
        Rect::new(
            self.origin.x,
            self.origin.y - self.ascent,
            self.width,
            self.ascent + self.descent,
        )
    }
}

/// A clickable area whose children are what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The clickable area.
    pub rect: Rect,
    /// Where the link leads (already validated: https, http, mailto or tel).
    pub url: String,
    /// A short accessible name for the link, such as the offer's title.
    pub label: String,
    /// The items drawn inside the link's area.
    pub children: Vec<Item>,
}

/// One thing drawn on the page.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Item {
    /// A vector shape.
    Shape(Shape),
    /// A line of text.
    Text(Text),
    /// A link area and the items it holds.
    Link(Link),
    /// A QR code.
    Qr(Qr),
    /// An image: a logo.
    Image(Picture),
}

/// Document information carried into each output's metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// The roadmap's title.
    pub title: String,
    /// A one-line description (the subtitle, or a generated line).
    pub subject: String,
    /// Who made the document (the footer or the tool's name).
    pub author: String,
    /// BCP 47 language tag of the text, such as `en-GB`.
    pub language: String,
    /// When the content was last updated, if the roadmap gives that as a date; the PDF
    /// records it as its creation and modification date.
    pub date: Option<Date>,
}

/// A laid-out page, ready for any writer.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Page width, in pt.
    pub width: f32,
    /// Page height, in pt.
    pub height: f32,
    /// The page's background colour.
    pub background: Color,
    /// The area inside the page margins, which all content stays within.
    pub frame: Rect,
    /// Items in painting order (later items are drawn over earlier ones).
    pub items: Vec<Item>,
    /// The font faces the text is drawn from, which [`Glyph::face`] indexes: the bundled
    /// Noto Sans Regular and Bold first, then a roadmap's own faces. A writer embeds only
    /// the faces some glyph is drawn from.
    pub faces: Vec<Face>,
    /// Document information.
    pub metadata: Metadata,
    /// The sheet the page is set on for print, with bleed and crop marks; `None` for a
    /// page that is its own sheet ([`Scene::with_bleed`] sets it).
    pub sheet: Option<Sheet>,
}

impl Scene {
    /// Converts a top-left-origin y coordinate to PDF's bottom-left origin.
    pub fn to_pdf_y(&self, y: f32) -> f32 {
        self.height - y
    }

    /// Every item, with the children of links, in painting order.
    pub fn flatten(&self) -> Vec<&Item> {
        fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a Item>) {
            for item in items {
                out.push(item);
                if let Item::Link(link) = item {
                    walk(&link.children, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut out);
        out
    }

    /// Every link on the page, in painting order.
    pub fn links(&self) -> Vec<&Link> {
        self.flatten()
            .into_iter()
            .filter_map(|item| match item {
                Item::Link(link) => Some(link),
                _ => None,
            })
            .collect()
    }
}
