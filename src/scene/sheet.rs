//! Print production: the page set on a larger sheet, its background running past the
//! page's edge into the bleed, with crop marks that show the printer where to cut.
//!
//! A press cannot print to the very edge of the paper, and a guillotine does not cut to
//! the hundredth of a millimetre: a page whose background stops at the trim line shows a
//! white sliver where the cut strays. So the background runs on past the trim by the
//! bleed, and the crop marks stand in the margin beyond that, in line with the trim edges
//! and the bleed away from the trim corners, so no stray cut shows them.

use super::{Color, Item, Link, Path, Picture, Point, Rect, Scene, Segment, Shape, Stroke};
use crate::units::pt_from_mm;

/// The largest bleed accepted, in mm: far beyond the 2–5 mm presses ask for, and small
/// enough that a mistyped unit (a bleed of 3 m) is caught.
pub const MAX_BLEED_MM: f32 = 50.0;

/// How long each crop mark is, in mm.
pub const MARK_LENGTH_MM: f32 = 5.0;

/// The width of a crop mark's line, in pt: a hairline, as printers draw them.
pub const MARK_WIDTH: f32 = 0.25;

/// A print bleed: how far the background runs past the page's edge on every side.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Bleed(f32);

impl Bleed {
    /// Accepts more than 0 and at most [`MAX_BLEED_MM`] millimetres.
    pub fn from_mm(mm: f32) -> Option<Bleed> {
        (mm.is_finite() && mm > 0.0 && mm <= MAX_BLEED_MM).then_some(Bleed(mm))
    }

    /// The bleed in millimetres.
    pub fn mm(self) -> f32 {
        self.0
    }

    /// The bleed in points.
    pub fn pt(self) -> f32 {
        pt_from_mm(self.0)
    }
}

/// The sheet a page is set on for print.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The finished page after cutting (the trim box), in the scene's coordinates.
    pub trim: Rect,
    /// How far the background runs past the trim on every side, in pt.
    pub bleed: f32,
    /// The crop marks, one subpath each, drawn [`MARK_WIDTH`] pt wide in the colour that
    /// prints on every plate (registration).
    pub marks: Path,
}

impl Sheet {
    /// The area that is printed: the trim with the bleed around it (the bleed box).
    pub fn bleed_box(&self) -> Rect {
        let b = self.bleed;
        let t = self.trim;
        Rect::new(t.x - b, t.y - b, t.width + 2.0 * b, t.height + 2.0 * b)
    }
}

impl Scene {
    /// The page set on a sheet for print: larger by the bleed and the crop marks on every
    /// side, the page's background running into the bleed, everything else moved to stay
    /// where it was on the page, and white paper around for the marks.
    pub fn with_bleed(&self, bleed: Bleed) -> Scene {
        let b = bleed.pt();
        let margin = b + pt_from_mm(MARK_LENGTH_MM);
        let trim = Rect::new(margin, margin, self.width, self.height);
        let sheet = Sheet {
            trim,
            bleed: b,
            marks: crop_marks(trim, b, pt_from_mm(MARK_LENGTH_MM)),
        };
        let mut items = vec![Item::Shape(Shape {
            path: Path::rect(sheet.bleed_box()),
            fill: Some(self.background),
            stroke: None,
        })];
        items.extend(self.items.iter().map(|item| moved(item, margin)));
        let frame = self.frame;
        Scene {
            width: self.width + 2.0 * margin,
            height: self.height + 2.0 * margin,
            background: Color::rgb(0xff, 0xff, 0xff),
            frame: Rect::new(
                frame.x + margin,
                frame.y + margin,
                frame.width,
                frame.height,
            ),
            items,
            metadata: self.metadata.clone(),
            sheet: Some(sheet),
            faces: self.faces.clone(),
        }
    }
}

/// Two marks at each corner of `trim`, in line with its edges, from `offset` to
/// `offset + length` away from the corner.
fn crop_marks(trim: Rect, offset: f32, length: f32) -> Path {
    let mut segments = Vec::new();
    let mut line = |from: Point, to: Point| {
        segments.push(Segment::MoveTo(from));
        segments.push(Segment::LineTo(to));
    };
    for (x, outward_x) in [(trim.x, -1.0), (trim.right(), 1.0)] {
        for (y, outward_y) in [(trim.y, -1.0), (trim.bottom(), 1.0)] {
            let (near, far) = (offset, offset + length);
            line(
                Point::new(x + outward_x * near, y),
                Point::new(x + outward_x * far, y),
            );
            line(
                Point::new(x, y + outward_y * near),
                Point::new(x, y + outward_y * far),
            );
        }
    }
    Path { segments }
}

/// The item moved right and down by `by` pt.
fn moved(item: &Item, by: f32) -> Item {
    let at = |r: Rect| Rect::new(r.x + by, r.y + by, r.width, r.height);
    match item {
        Item::Shape(shape) => Item::Shape(Shape {
            path: shape.path.transformed(1.0, by, by),
            ..shape.clone()
        }),
        Item::Text(text) => {
            let mut text = text.clone();
            text.origin = Point::new(text.origin.x + by, text.origin.y + by);
            Item::Text(text)
        }
        Item::Link(link) => Item::Link(Link {
            rect: at(link.rect),
            children: link.children.iter().map(|c| moved(c, by)).collect(),
            ..link.clone()
        }),
        Item::Image(picture) => Item::Image(Picture {
            rect: at(picture.rect),
            ..picture.clone()
        }),
        Item::Qr(qr) => {
            let mut qr = qr.clone();
            qr.origin = Point::new(qr.origin.x + by, qr.origin.y + by);
            Item::Qr(qr)
        }
    }
}

/// The crop marks as a shape, for writers that draw them like any other line.
pub fn mark_shape(sheet: &Sheet) -> Shape {
    Shape {
        path: sheet.marks.clone(),
        fill: None,
        stroke: Some(Stroke {
            color: Color::rgb(0, 0, 0),
            width: MARK_WIDTH,
            dash: None,
            round: false,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{snapshot, Metadata};

    fn page() -> Scene {
        Scene {
            width: 200.0,
            height: 100.0,
            background: Color::rgb(0xfa, 0xf7, 0xf0),
            frame: Rect::new(10.0, 10.0, 180.0, 80.0),
            items: vec![Item::Shape(Shape {
                path: Path::rect(Rect::new(10.0, 20.0, 30.0, 40.0)),
                fill: Some(Color::rgb(1, 2, 3)),
                stroke: None,
            })],
            metadata: Metadata::default(),
            sheet: None,
            faces: Vec::new(),
        }
    }

    #[test]
    fn the_sheet_grows_by_bleed_and_marks_and_the_page_keeps_its_place() {
        let bleed = Bleed::from_mm(3.0).unwrap();
        let sheet = page().with_bleed(bleed);
        let margin = pt_from_mm(3.0 + MARK_LENGTH_MM);
        assert!((sheet.width - (200.0 + 2.0 * margin)).abs() < 1e-3);
        assert!((sheet.height - (100.0 + 2.0 * margin)).abs() < 1e-3);
        let s = sheet.sheet.as_ref().unwrap();
        assert_eq!(s.trim, Rect::new(margin, margin, 200.0, 100.0));
        // The background runs into the bleed, not under the marks.
        let Item::Shape(background) = &sheet.items[0] else {
            panic!("the bleed box comes first")
        };
        assert_eq!(background.fill, Some(page().background));
        assert_eq!(background.path.bounds(), s.bleed_box());
        let Item::Shape(moved) = &sheet.items[1] else {
            panic!()
        };
        let b = moved.path.bounds();
        let want = [10.0 + margin, 20.0 + margin, 30.0, 40.0];
        let got = [b.x, b.y, b.width, b.height];
        assert!(
            got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-3),
            "{b:?}"
        );
        assert!(snapshot(&sheet).contains("sheet trim"));
    }

    #[test]
    fn crop_marks_stay_outside_the_bleed_box_and_point_at_the_trim() {
        let sheet = page().with_bleed(Bleed::from_mm(3.0).unwrap());
        let s = sheet.sheet.unwrap();
        let bleed_box = s.bleed_box();
        let ends: Vec<Point> = (s.marks.segments.iter())
            .filter_map(|seg| match *seg {
                Segment::MoveTo(p) | Segment::LineTo(p) => Some(p),
                _ => None,
            })
            .collect();
        assert_eq!(ends.len(), 16, "two marks at each of four corners");
        let inside = |p: &Point| {
            p.x > bleed_box.x
                && p.x < bleed_box.right()
                && p.y > bleed_box.y
                && p.y < bleed_box.bottom()
        };
        for pair in ends.chunks(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                !inside(&a) && !inside(&b),
                "{a:?}–{b:?} enters the bleed box"
            );
            // Each mark continues a trim edge.
            let on_edge = |v: f32, edges: [f32; 2]| edges.iter().any(|e| (v - e).abs() < 1e-3);
            let horizontal = a.y == b.y && on_edge(a.y, [s.trim.y, s.trim.bottom()]);
            let vertical = a.x == b.x && on_edge(a.x, [s.trim.x, s.trim.right()]);
            assert!(horizontal || vertical, "{a:?}–{b:?}");
            // The marks reach the sheet's edge and no further.
            for p in [a, b] {
                assert!(p.x >= -1e-3 && p.y >= -1e-3);
                assert!(p.x <= sheet.width + 1e-3 && p.y <= sheet.height + 1e-3);
            }
        }
    }

    #[test]
    fn bleeds_outside_the_range_are_refused() {
        assert!(Bleed::from_mm(0.0).is_none());
        assert!(Bleed::from_mm(-3.0).is_none());
        assert!(Bleed::from_mm(f32::NAN).is_none());
        assert!(Bleed::from_mm(MAX_BLEED_MM + 0.1).is_none());
        assert_eq!(Bleed::from_mm(3.0).map(Bleed::mm), Some(3.0));
    }
}
