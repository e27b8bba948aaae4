//! A page set on a sheet for print: the bleed box that tells the printer how far the
//! background runs past the trim, and the crop marks in registration colour.
//!
//! The marks are their own content stream, added after printpdf's: printpdf knows no
//! Separation colour space, and registration (100 % on every plate, the colour space named
//! `/All`) is what printers expect marks in, so that every plate shows where to cut. The
//! stream saves and restores the graphics state and sets all it uses, so it draws the same
//! whatever the page's content left behind; the marks are artifacts of type `/Page`
//! (production aids, in ISO 32000-1's words).

use super::failed;
use super::round;
use crate::error::Result;
use crate::scene::{Scene, Segment, Sheet, MARK_WIDTH};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// The colour space resource name the marks are drawn in.
const REGISTRATION: &str = "Registration";

/// `[x0 y0 x1 y1]` of a scene rectangle in PDF coordinates.
pub(super) fn pdf_box(scene: &Scene, rect: crate::scene::Rect) -> Object {
    let r = |v: f32| Object::Real(round(v, 1000.0));
    Object::Array(vec![
        r(rect.x),
        r(scene.to_pdf_y(rect.bottom())),
        r(rect.right()),
        r(scene.to_pdf_y(rect.y)),
    ])
}

/// Sets the page's `/TrimBox` and `/BleedBox` and adds the crop marks with their colour
/// space.
pub(super) fn add(pdf: &mut Document, page: ObjectId, scene: &Scene, sheet: &Sheet) -> Result<()> {
    let marks = Content {
        operations: operations(scene, sheet),
    };
    let marks = marks.encode().map_err(failed)?;
    let marks = pdf.add_object(Stream::new(dictionary! {}, marks));
    let page_dict = pdf.get_dictionary_mut(page).map_err(failed)?;
    page_dict.set("TrimBox", pdf_box(scene, sheet.trim));
    page_dict.set("BleedBox", pdf_box(scene, sheet.bleed_box()));
    let contents = match page_dict.get(b"Contents").map_err(failed)? {
        Object::Array(streams) => streams.clone(),
        single => vec![single.clone()],
    };
    let contents: Vec<Object> = contents
        .into_iter()
        .chain([Object::Reference(marks)])
        .collect();
    page_dict.set("Contents", contents);
    let resources = page_dict.get(b"Resources").and_then(Object::as_reference);
    let resources = pdf
        .get_dictionary_mut(resources.map_err(failed)?)
        .map_err(failed)?;
    let registration = Object::Array(vec![
        Object::Name(b"Separation".to_vec()),
        Object::Name(b"All".to_vec()),
        Object::Name(b"DeviceCMYK".to_vec()),
        // Full tint is full cyan, magenta, yellow and black.
        Object::Dictionary(dictionary! {
            "FunctionType" => 2,
            "Domain" => vec![0.into(), 1.into()],
            "C0" => vec![0.into(), 0.into(), 0.into(), 0.into()],
            "C1" => vec![1.into(), 1.into(), 1.into(), 1.into()],
            "N" => 1,
        }),
    ]);
    resources.set("ColorSpace", dictionary! { REGISTRATION => registration });
    Ok(())
}

fn operations(scene: &Scene, sheet: &Sheet) -> Vec<Operation> {
    let op = Operation::new;
    let name = |n: &str| Object::Name(n.as_bytes().to_vec());
    let real = |v: f32| Object::Real(round(v, 1000.0));
    let mut ops = vec![
        op(
            "BDC",
            vec![name("Artifact"), dictionary! { "Type" => "Page" }.into()],
        ),
        op("q", vec![]),
        op("CS", vec![name(REGISTRATION)]),
        op("SCN", vec![1.into()]),
        op("w", vec![real(MARK_WIDTH)]),
        op("J", vec![0.into()]),
        op("d", vec![Object::Array(vec![]), 0.into()]),
    ];
    for segment in &sheet.marks.segments {
        match *segment {
            Segment::MoveTo(p) => ops.push(op("m", vec![real(p.x), real(scene.to_pdf_y(p.y))])),
            Segment::LineTo(p) => ops.push(op("l", vec![real(p.x), real(scene.to_pdf_y(p.y))])),
            // Marks are straight lines; nothing else is ever in them.
            Segment::CubicTo(..) | Segment::Close => {}
        }
    }
    ops.extend([op("S", vec![]), op("Q", vec![]), op("EMC", vec![])]);
    ops
}
