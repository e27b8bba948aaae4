//! Logos in the PDF, read back: the XObjects with lopdf, the structure tree's figures, and
//! the pixels with hayro (an independent PDF renderer).

use super::tests::sample;
use super::write;
use crate::error::{Error, PdfError};
use crate::scene::{Color, Image, ImageFormat, Item, Link, Picture, Rect, Role, Scene};
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::{render, PixmapSettings, RenderCache, RenderSettings};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;
use std::sync::Arc;

const BACKGROUND: Color = Color {
    r: 0xfa,
    g: 0xf7,
    b: 0xf0,
};
const RED_BLUE_JPEG: &[u8] = include_bytes!("testdata/red-blue-16x16.jpg");
const GREY_JPEG: &[u8] = include_bytes!("testdata/grey-8x8.jpg");

fn image(format: ImageFormat, data: &[u8], width: f32, height: f32) -> Image {
    Image {
        format,
        data: Arc::from(data),
        width,
        height,
    }
}

fn picture(image: &Image, rect: Rect, alt: Option<&str>) -> Item {
    Item::Image(Picture {
        rect,
        image: image.clone(),
        alt: alt.map(str::to_string),
        role: Role::Title,
        min_height: 0.0,
    })
}

/// A page of `width` × `height` pt in [`BACKGROUND`] holding only `items`.
fn page(width: f32, height: f32, items: Vec<Item>) -> Scene {
    Scene {
        width,
        height,
        background: BACKGROUND,
        frame: Rect::new(0.0, 0.0, width, height),
        items,
        ..sample()
    }
}

/// A 16 × 8 RGBA PNG: the left half opaque red, the right half fully transparent green.
fn half_transparent_png() -> Vec<u8> {
    let row: Vec<u8> = (0..16)
        .flat_map(|x| {
            if x < 8 {
                [255, 0, 0, 255]
            } else {
                [0, 255, 0, 0]
            }
        })
        .collect();
    super::raster::tests::encode(
        (16, 8),
        png::ColorType::Rgba,
        png::BitDepth::Eight,
        None,
        &row.repeat(8),
    )
}

/// The page's `/XObject` resources: name to object.
fn page_xobjects(doc: &Document) -> BTreeMap<String, ObjectId> {
    let page = *doc.get_pages().values().next().unwrap();
    let resources = doc.get_dictionary(page).unwrap().get(b"Resources").unwrap();
    let resources = doc
        .get_dictionary(resources.as_reference().unwrap())
        .unwrap();
    let xobjects = resources.get(b"XObject").unwrap();
    let xobjects = doc
        .get_dictionary(xobjects.as_reference().unwrap())
        .unwrap();
    (xobjects.iter())
        .map(|(k, v)| {
            let name = String::from_utf8(k.clone()).unwrap();
            (name, v.as_reference().unwrap())
        })
        .collect()
}

fn stream_dict(doc: &Document, id: ObjectId) -> &Dictionary {
    &doc.get_object(id).unwrap().as_stream().unwrap().dict
}

fn name_of<'a>(dict: &'a Dictionary, key: &str) -> &'a [u8] {
    dict.get(key.as_bytes()).unwrap().as_name().unwrap()
}

/// Every image XObject of the document, soft masks included.
fn images(doc: &Document) -> Vec<ObjectId> {
    (doc.objects.iter())
        .filter(|(_, o)| {
            o.as_stream().is_ok_and(|s| {
                s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
            })
        })
        .map(|(id, _)| *id)
        .collect()
}

/// The page's content stream, decompressed.
fn page_content(doc: &Document) -> String {
    let page = *doc.get_pages().values().next().unwrap();
    String::from_utf8_lossy(&doc.get_page_content(page)).into_owned()
}

/// A page drawn by hayro at `scale` px per pt: opaque RGB, rows top to bottom.
struct Raster {
    width: usize,
    scale: f32,
    rgba: Vec<u8>,
}

impl Raster {
    fn of(pdf: &[u8], scale: f32) -> Raster {
        let pdf = Pdf::new(pdf.to_vec()).expect("hayro reads the PDF");
        let pages = pdf.pages();
        let settings = PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            ..PixmapSettings::default()
        };
        let interpreter = InterpreterSettings::default();
        let pixmap = render(
            &pages[0],
            &RenderCache::new(),
            &interpreter,
            &RenderSettings::default(),
            &settings,
        );
        Raster {
            width: usize::from(pixmap.width()),
            scale,
            rgba: pixmap.data_as_u8_slice().to_vec(),
        }
    }

    /// The colour at a point of the page, in pt from its top-left corner.
    fn at(&self, x: f32, y: f32) -> [u8; 3] {
        let (x, y) = ((x * self.scale) as usize, (y * self.scale) as usize);
        let i = (y * self.width + x) * 4;
        assert_eq!(self.rgba[i + 3], 255, "the page is opaque at {x}, {y}");
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]]
    }
}

/// Whether two colours are within `tolerance` in every channel.
fn near(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

#[track_caller]
fn assert_colour(raster: &Raster, (x, y): (f32, f32), expected: [u8; 3], what: &str) {
    let found = raster.at(x, y);
    assert!(
        near(found, expected, 12),
        "{what} at {x}, {y}: {found:?}, expected {expected:?}"
    );
}

const PAPER: [u8; 3] = [BACKGROUND.r, BACKGROUND.g, BACKGROUND.b];

#[test]
fn a_png_with_alpha_is_an_rgb_image_with_a_grey_soft_mask() {
    let png = image(ImageFormat::Png, &half_transparent_png(), 16.0, 8.0);
    let scene = page(
        100.0,
        60.0,
        vec![picture(&png, Rect::new(10.0, 10.0, 80.0, 40.0), None)],
    );
    let pdf = write(&scene).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let xobjects = page_xobjects(&doc);
    assert_eq!(xobjects.keys().collect::<Vec<_>>(), ["Im1"]);
    let stream = doc
        .get_object(xobjects["Im1"])
        .unwrap()
        .as_stream()
        .unwrap();
    let dict = &stream.dict;
    assert_eq!(name_of(dict, "Subtype"), b"Image");
    assert_eq!(name_of(dict, "Filter"), b"FlateDecode");
    assert_eq!(name_of(dict, "ColorSpace"), b"DeviceRGB");
    assert_eq!(dict.get(b"Width").unwrap().as_i64().unwrap(), 16);
    assert_eq!(dict.get(b"Height").unwrap().as_i64().unwrap(), 8);
    assert_eq!(dict.get(b"BitsPerComponent").unwrap().as_i64().unwrap(), 8);
    let half = |left: &[u8], right: &[u8]| [left.repeat(8), right.repeat(8)].concat().repeat(8);
    let pixels = stream.decompressed_content().unwrap();
    assert_eq!(pixels, half(&[255, 0, 0], &[0, 255, 0]));
    let mask = dict.get(b"SMask").unwrap().as_reference().unwrap();
    let mask = doc.get_object(mask).unwrap().as_stream().unwrap();
    assert_eq!(name_of(&mask.dict, "ColorSpace"), b"DeviceGray");
    assert_eq!(name_of(&mask.dict, "Filter"), b"FlateDecode");
    assert_eq!(mask.decompressed_content().unwrap(), half(&[255], &[0]));
    // Drawn in its box: red on the left; the page shows through on the right.
    let raster = Raster::of(&pdf, 2.0);
    assert_colour(&raster, (20.0, 30.0), [255, 0, 0], "the opaque half");
    assert_colour(&raster, (80.0, 30.0), PAPER, "the transparent half");
    assert_colour(&raster, (5.0, 5.0), PAPER, "outside the picture");
    let content = page_content(&doc);
    assert!(
        content.contains("q\n80 0 0 40 10 10 cm\n/Im1 Do\nQ"),
        "{content}"
    );
}

#[test]
fn an_opaque_png_has_no_soft_mask() {
    let data = super::raster::tests::encode(
        (1, 1),
        png::ColorType::Rgba,
        png::BitDepth::Eight,
        None,
        &[0, 0, 255, 255],
    );
    let png = image(ImageFormat::Png, &data, 1.0, 1.0);
    let scene = page(
        20.0,
        20.0,
        vec![picture(&png, Rect::new(0.0, 0.0, 20.0, 20.0), None)],
    );
    let doc = Document::load_mem(&write(&scene).unwrap()).unwrap();
    assert_eq!(images(&doc).len(), 1);
    assert!(stream_dict(&doc, page_xobjects(&doc)["Im1"])
        .get(b"SMask")
        .is_err());
}

#[test]
fn a_jpeg_is_embedded_as_its_own_bytes() {
    let colour = image(ImageFormat::Jpeg, RED_BLUE_JPEG, 16.0, 16.0);
    let grey = image(ImageFormat::Jpeg, GREY_JPEG, 8.0, 8.0);
    let scene = page(
        120.0,
        60.0,
        vec![
            picture(
                &colour,
                Rect::new(10.0, 10.0, 40.0, 40.0),
                Some("Red and blue"),
            ),
            picture(&grey, Rect::new(70.0, 10.0, 40.0, 40.0), None),
        ],
    );
    let pdf = write(&scene).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    let xobjects = page_xobjects(&doc);
    for (name, bytes, space, side) in [
        ("Im1", RED_BLUE_JPEG, &b"DeviceRGB"[..], 16),
        ("Im2", GREY_JPEG, &b"DeviceGray"[..], 8),
    ] {
        let stream = doc.get_object(xobjects[name]).unwrap().as_stream().unwrap();
        assert_eq!(stream.content, bytes, "{name} holds the file's bytes");
        assert_eq!(name_of(&stream.dict, "Filter"), b"DCTDecode");
        assert_eq!(name_of(&stream.dict, "ColorSpace"), space);
        assert_eq!(stream.dict.get(b"Width").unwrap().as_i64().unwrap(), side);
        assert_eq!(stream.dict.get(b"Height").unwrap().as_i64().unwrap(), side);
        assert_eq!(
            stream
                .dict
                .get(b"BitsPerComponent")
                .unwrap()
                .as_i64()
                .unwrap(),
            8
        );
    }
    let raster = Raster::of(&pdf, 2.0);
    assert_colour(&raster, (20.0, 30.0), [254, 0, 0], "the JPEG's red half");
    assert_colour(&raster, (40.0, 30.0), [0, 0, 254], "the JPEG's blue half");
    assert_colour(&raster, (90.0, 30.0), [128, 128, 128], "the grey JPEG");
}

#[test]
fn an_image_drawn_twice_is_embedded_once() {
    // Two images with equal bytes but each its own allocation, and a third picture of the
    // first.
    let png = half_transparent_png();
    let first = image(ImageFormat::Png, &png, 16.0, 8.0);
    let second = image(ImageFormat::Png, &png, 16.0, 8.0);
    let scene = page(
        100.0,
        100.0,
        vec![
            picture(&first, Rect::new(0.0, 0.0, 40.0, 20.0), Some("One")),
            picture(&second, Rect::new(0.0, 30.0, 40.0, 20.0), None),
            picture(&first, Rect::new(0.0, 60.0, 80.0, 40.0), Some("One")),
        ],
    );
    let pdf = write(&scene).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    assert_eq!(page_xobjects(&doc).len(), 1);
    assert_eq!(images(&doc).len(), 2, "the image and its soft mask, once");
    assert_eq!(page_content(&doc).matches("/Im1 Do").count(), 3);
}

/// Every Figure element of the structure tree: its alt text, bounding box and MCID.
fn figures(doc: &Document) -> Vec<(String, Vec<f32>, i64)> {
    (doc.objects.values())
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure"))
        .map(|d| {
            let alt = d.get(b"Alt").unwrap().as_str().unwrap();
            let attributes = d.get(b"A").unwrap().as_dict().unwrap();
            assert_eq!(name_of(attributes, "O"), b"Layout");
            let bbox = attributes.get(b"BBox").unwrap().as_array().unwrap();
            let bbox = bbox.iter().map(|v| v.as_float().unwrap()).collect();
            let mcid = d.get(b"K").unwrap().as_i64().unwrap();
            (String::from_utf8_lossy(alt).into_owned(), bbox, mcid)
        })
        .collect()
}

#[test]
fn a_logo_with_alt_text_is_a_figure_and_a_decorative_one_an_artifact() {
    let png = image(ImageFormat::Png, &half_transparent_png(), 16.0, 8.0);
    let jpeg = image(ImageFormat::Jpeg, GREY_JPEG, 8.0, 8.0);
    let scene = page(
        300.0,
        200.0,
        vec![
            picture(
                &png,
                Rect::new(10.0, 20.0, 100.0, 50.0),
                Some("Northfield Trust"),
            ),
            picture(&jpeg, Rect::new(150.0, 20.0, 20.0, 20.0), None),
        ],
    );
    let pdf = write(&scene).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    assert_eq!(
        figures(&doc),
        [(
            "Northfield Trust".to_string(),
            vec![10.0, 130.0, 110.0, 180.0],
            0
        )]
    );
    let content = page_content(&doc);
    let figure = content
        .find("/Figure <</MCID 0>> BDC")
        .expect("a figure sequence");
    let first = content.find("/Im1 Do").unwrap();
    let artifact = content[first..].find("/Artifact BMC").unwrap() + first;
    let second = content.find("/Im2 Do").unwrap();
    assert!(
        figure < first && first < artifact && artifact < second,
        "{content}"
    );
    assert!(content[first..artifact].contains("EMC"));
}

#[test]
fn a_linked_logo_is_a_link_holding_its_figure_named_by_its_alt_text() {
    let png = image(ImageFormat::Png, &half_transparent_png(), 16.0, 8.0);
    let rect = Rect::new(10.0, 20.0, 100.0, 50.0);
    let scene = page(
        300.0,
        200.0,
        vec![Item::Link(Link {
            rect,
            url: "https://example.org/trust".to_string(),
            label: "Northfield Trust".to_string(),
            children: vec![picture(&png, rect, Some("Northfield Trust"))],
        })],
    );
    let doc = Document::load_mem(&write(&scene).unwrap()).unwrap();
    let link = (doc.objects.values())
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(b"Link"))
        .expect("a Link element");
    let kids = link.get(b"K").unwrap().as_array().unwrap();
    let figure = doc.get_dictionary(kids[0].as_reference().unwrap()).unwrap();
    assert_eq!(name_of(figure, "S"), b"Figure");
    let objr = kids[1].as_dict().unwrap();
    assert_eq!(name_of(objr, "Type"), b"OBJR");
    let annotation = doc.get_dictionary(objr.get(b"Obj").unwrap().as_reference().unwrap());
    let contents = annotation
        .unwrap()
        .get(b"Contents")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(contents, b"Northfield Trust");
}

/// Writes a page with `image` on it, which must be refused.
#[track_caller]
fn assert_refused(image: &Image) {
    let scene = page(
        20.0,
        20.0,
        vec![picture(image, Rect::new(0.0, 0.0, 10.0, 10.0), None)],
    );
    let error = write(&scene).unwrap_err();
    assert!(
        matches!(error, Error::Pdf(PdfError::Image { .. })),
        "{error}"
    );
}

#[test]
fn a_damaged_raster_is_an_error_not_a_panic() {
    assert_refused(&image(
        ImageFormat::Png,
        b"\x89PNG\r\n\x1a\nnothing",
        1.0,
        1.0,
    ));
    assert_refused(&image(ImageFormat::Jpeg, b"\xff\xd8\xff\xd9", 1.0, 1.0));
}
