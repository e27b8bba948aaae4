//! Logos in the PDF, read back: the XObjects with lopdf, the structure tree's figures, and
//! the pixels with hayro (an independent PDF renderer), against resvg for SVG drawings.

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

#[test]
fn an_image_drawn_on_two_pages_is_embedded_once_under_one_name() {
    let png = image(ImageFormat::Png, &half_transparent_png(), 16.0, 8.0);
    let jpeg = image(ImageFormat::Jpeg, GREY_JPEG, 8.0, 8.0);
    let rect = Rect::new(0.0, 0.0, 40.0, 20.0);
    let first = page(100.0, 100.0, vec![picture(&png, rect, Some("One"))]);
    let second = page(
        100.0,
        100.0,
        vec![
            picture(&jpeg, rect, None),
            picture(&png.clone(), rect, Some("One")),
        ],
    );
    let pdf = super::write_pages(&[first, second]).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    assert_eq!(
        images(&doc).len(),
        3,
        "the PNG, its soft mask and the JPEG, once"
    );
    // The names are the document's: Im1 is the PNG on both pages, Im2 the JPEG.
    let named = page_xobjects(&doc);
    assert_eq!(named.len(), 2);
    assert!(stream_dict(&doc, named["Im1"]).has(b"SMask"));
    assert_eq!(
        name_of(stream_dict(&doc, named["Im2"]), "Filter"),
        b"DCTDecode"
    );
    let contents: Vec<String> = (doc.get_pages().into_values())
        .map(|page| String::from_utf8_lossy(&doc.get_page_content(page)).into_owned())
        .collect();
    assert_eq!(contents.len(), 2);
    assert!(contents[0].contains("/Im1 Do") && !contents[0].contains("/Im2 Do"));
    assert!(contents[1].contains("/Im1 Do") && contents[1].contains("/Im2 Do"));
}

#[test]
fn a_picture_of_page_furniture_is_a_pagination_artifact_whatever_its_alt_text() {
    let png = image(ImageFormat::Png, &half_transparent_png(), 16.0, 8.0);
    let mut furniture = picture(&png, Rect::new(10.0, 20.0, 40.0, 20.0), Some("Northfield"));
    if let Item::Image(picture) = &mut furniture {
        picture.role = Role::Pagination;
    }
    let pdf = write(&page(100.0, 100.0, vec![furniture])).unwrap();
    let doc = Document::load_mem(&pdf).unwrap();
    assert!(figures(&doc).is_empty());
    let content = page_content(&doc);
    let artifact = content
        .find("/Artifact <</Type/Pagination>> BDC")
        .unwrap_or_else(|| panic!("no pagination artifact in {content}"));
    let drawn = content.find("/Im1 Do").unwrap();
    assert!(
        artifact < drawn && content[drawn..].contains("EMC"),
        "{content}"
    );
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

/// A drawing with a gradient, a clip and a transform: a red square top left, a gradient
/// from red through green to blue below it (moved there by a transform), and a blue square
/// clipped to a circle on the right.
const DRAWING: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#ff0000"/>
      <stop offset="0.5" stop-color="#00ff00"/>
      <stop offset="1" stop-color="#0000ff"/>
    </linearGradient>
    <clipPath id="c"><circle cx="150" cy="50" r="40"/></clipPath>
  </defs>
  <rect width="40" height="40" fill="#ff0000"/>
  <g transform="translate(0 50)"><rect width="100" height="50" fill="url(#g)"/></g>
  <g clip-path="url(#c)"><rect x="100" width="100" height="100" fill="#0000ff"/></g>
</svg>"##;

#[test]
fn an_svg_logo_is_vector_paths_with_no_image() {
    let svg = image(ImageFormat::Svg, DRAWING.as_bytes(), 200.0, 100.0);
    let scene = page(
        300.0,
        150.0,
        vec![picture(
            &svg,
            Rect::new(50.0, 25.0, 200.0, 100.0),
            Some("A drawing"),
        )],
    );
    let pdf = write(&scene).unwrap();
    assert_eq!(
        pdf,
        write(&scene).unwrap(),
        "the same scene gives the same bytes"
    );
    let doc = Document::load_mem(&pdf).unwrap();
    assert!(images(&doc).is_empty(), "nothing is rasterised");
    let xobjects = page_xobjects(&doc);
    let form = doc
        .get_object(xobjects["Fm1"])
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(name_of(&form.dict, "Subtype"), b"Form");
    let ops: Vec<String> = (lopdf::content::Content::decode(&form.decompressed_content().unwrap()))
        .unwrap()
        .operations
        .into_iter()
        .map(|op| op.operator)
        .collect();
    for operator in ["m", "l", "c", "h", "f", "W", "n", "cm", "sh", "rg"] {
        assert!(
            ops.iter().any(|o| o == operator),
            "no {operator} in {ops:?}"
        );
    }
    let resources = form.dict.get(b"Resources").unwrap().as_reference().unwrap();
    let resources = doc.get_dictionary(resources).unwrap();
    let shadings = resources.get(b"Shading").unwrap().as_dict().unwrap();
    let shading = shadings.get(b"Sh1").unwrap().as_dict().unwrap();
    assert_eq!(shading.get(b"ShadingType").unwrap().as_i64().unwrap(), 2);
    let function = shading.get(b"Function").unwrap().as_dict().unwrap();
    assert_eq!(
        function.get(b"FunctionType").unwrap().as_i64().unwrap(),
        3,
        "stitched"
    );

    let raster = Raster::of(&pdf, 2.0);
    let at = |x: f32, y: f32| (50.0 + x, 25.0 + y);
    assert_colour(&raster, at(20.0, 20.0), [255, 0, 0], "the red square");
    assert_colour(&raster, at(1.0, 75.0), [255, 0, 0], "the gradient's start");
    assert_colour(
        &raster,
        at(50.0, 75.0),
        [0, 255, 0],
        "the gradient's middle",
    );
    assert_colour(&raster, at(99.0, 75.0), [0, 0, 255], "the gradient's end");
    assert_colour(&raster, at(150.0, 50.0), [0, 0, 255], "inside the clip");
    assert_colour(&raster, at(104.0, 4.0), PAPER, "clipped away");
    assert_colour(&raster, at(60.0, 20.0), PAPER, "between the shapes");
    assert_colour(&raster, (10.0, 10.0), PAPER, "outside the logo");
}

#[test]
fn a_damaged_or_hostile_svg_is_an_error_not_a_panic() {
    let deep = format!(
        "<svg xmlns='http://www.w3.org/2000/svg'>{}<rect width='1' height='1'/>{}</svg>",
        "<g>".repeat(300),
        "</g>".repeat(300)
    );
    let entity = "<!DOCTYPE svg [<!ENTITY a 'a'>]><svg xmlns='http://www.w3.org/2000/svg'/>";
    for data in [
        &b"<svg"[..],
        b"\xff\xfe",
        entity.as_bytes(),
        deep.as_bytes(),
    ] {
        assert_refused(&image(ImageFormat::Svg, data, 1.0, 1.0));
    }
}

/// SVG drawings that use what the PDF draws exactly, each 100 × 100 user units.
const FEATURES: &[(&str, &str)] = &[
    (
        "group opacity: overlapping shapes are not darkened twice",
        r##"<g opacity="0.5"><circle cx="35" cy="50" r="30" fill="#c00"/>
        <circle cx="65" cy="50" r="30" fill="#c00"/></g>"##,
    ),
    (
        "a luminance mask with a hole",
        r##"<mask id="m"><rect width="100" height="100" fill="white"/>
        <circle cx="50" cy="50" r="25" fill="black"/></mask>
        <rect width="100" height="100" fill="#036" mask="url(#m)"/>"##,
    ),
    (
        "a radial gradient with a focus and a transparent stop, over a stripe",
        r##"<radialGradient id="r" cx="0.5" cy="0.5" r="0.5" fx="0.35" fy="0.35">
        <stop offset="0.2" stop-color="#ff0"/><stop offset="0.6" stop-color="#f0f"/>
        <stop offset="1" stop-color="#00f" stop-opacity="0"/></radialGradient>
        <rect x="40" width="20" height="100" fill="#333"/>
        <rect width="100" height="100" fill="url(#r)" fill-opacity="0.8"/>"##,
    ),
    (
        "strokes: dashes, round caps, bevel joins, opacity, a gradient",
        r##"<linearGradient id="l" x1="10" x2="90" gradientUnits="userSpaceOnUse">
        <stop offset="0" stop-color="#0a0"/><stop offset="1" stop-color="#00a"/></linearGradient>
        <polyline points="10,90 50,10 90,90" fill="none" stroke="#080" stroke-width="8"
          stroke-dasharray="12 6" stroke-linecap="round" stroke-linejoin="bevel"/>
        <path d="M10 55 H90" stroke="url(#l)" stroke-width="10"/>
        <path d="M10 75 Q 50 20 90 75" fill="none" stroke="#c00" stroke-width="4"
          stroke-opacity="0.6" stroke-linecap="square"/>"##,
    ),
    (
        "a clip of two shapes, the even-odd rule, skew and rotation",
        r##"<clipPath id="c"><rect width="45" height="100"/><rect x="55" width="45" height="100"/></clipPath>
        <g clip-path="url(#c)"><path d="M50 5 L79 95 L2 39 H98 L21 95 Z" fill="#a0f"
          fill-rule="evenodd"/></g>
        <g transform="skewX(20) rotate(-10 20 85)"><rect x="10" y="80" width="30" height="15"
          fill="#f60" stroke="#000" stroke-width="2"/></g>"##,
    ),
    (
        "a clip path clipped in turn, a mask of alpha, a viewBox",
        r##"<svg viewBox="0 0 50 50" width="100" height="100">
        <clipPath id="a"><circle cx="25" cy="25" r="20"/></clipPath>
        <clipPath id="b" clip-path="url(#a)"><rect x="5" y="5" width="30" height="40"/></clipPath>
        <mask id="m" mask-type="alpha"><rect x="0" y="0" width="50" height="25" fill="#000"
          fill-opacity="0.5"/></mask>
        <rect width="50" height="50" fill="#084" clip-path="url(#b)"/>
        <rect width="50" height="50" fill="#f00" mask="url(#m)"/></svg>"##,
    ),
];

/// An opaque RGB raster compared with another: how many pixels have no pixel within 1 px
/// in the other raster that is within `threshold` in every channel, both ways.
fn differing(a: &[[u8; 3]], b: &[[u8; 3]], side: usize, threshold: u8) -> usize {
    let one_way = |a: &[[u8; 3]], b: &[[u8; 3]]| {
        (0..side * side)
            .filter(|&i| {
                let (x, y) = (i % side, i / side);
                let near_one = (y.saturating_sub(1)..=(y + 1).min(side - 1)).any(|ny| {
                    (x.saturating_sub(1)..=(x + 1).min(side - 1))
                        .any(|nx| near(a[i], b[ny * side + nx], threshold))
                });
                !near_one
            })
            .count()
    };
    one_way(a, b) + one_way(b, a)
}

/// Composites premultiplied RGBA onto white.
fn on_white(rgba: &[u8]) -> Vec<[u8; 3]> {
    (rgba.chunks_exact(4))
        .map(|p| {
            let under = 255 - p[3];
            [
                p[0].saturating_add(under),
                p[1].saturating_add(under),
                p[2].saturating_add(under),
            ]
        })
        .collect()
}

/// How many of a drawing's 40,000 pixels may differ (0.25 %). Measured: at most 40, on the
/// edges of soft masks, which the two renderers anti-alias differently.
const MAX_DIFFERING: usize = 100;

#[test]
fn svg_logos_draw_in_the_pdf_as_resvg_draws_them() {
    const SCALE: f32 = 2.0;
    const SIDE: usize = 200;
    let mut failures = Vec::new();
    for (what, body) in FEATURES {
        let svg = if body.starts_with("<svg") {
            body.replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ")
        } else {
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">{body}</svg>"
            )
        };
        let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).unwrap();
        let mut pixmap = tiny_skia::Pixmap::new(SIDE as u32, SIDE as u32).unwrap();
        pixmap.fill(tiny_skia::Color::WHITE);
        let scale = tiny_skia::Transform::from_scale(SCALE, SCALE);
        resvg::render(&tree, scale, &mut pixmap.as_mut());
        let expected = on_white(pixmap.data());

        let logo = image(ImageFormat::Svg, svg.as_bytes(), 100.0, 100.0);
        let scene = Scene {
            background: Color::rgb(255, 255, 255),
            ..page(
                100.0,
                100.0,
                vec![picture(&logo, Rect::new(0.0, 0.0, 100.0, 100.0), None)],
            )
        };
        let pdf = write(&scene).unwrap();
        let drawn = Raster::of(&pdf, SCALE);
        assert_eq!(drawn.rgba.len(), SIDE * SIDE * 4, "{what}");
        let drawn = on_white(&drawn.rgba);
        let count = differing(&drawn, &expected, SIDE, 40);
        if count > MAX_DIFFERING {
            failures.push(format!("{what}: {count} px differ"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
