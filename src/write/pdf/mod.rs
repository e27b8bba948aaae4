//! PDF writer: a page per scene of vector shapes, shaped text in subsets of the scenes'
//! fonts, logos and clickable links.
//!
//! printpdf builds the document; this module walks each scene once and emits its
//! operations. Text goes out as glyph ids with kerning offsets, so PDF lines are exactly as
//! wide as the shaped lines, and each cluster's text feeds the ToUnicode map, so copy-paste
//! returns the source string. A face is embedded once, as a subset of the glyphs every page
//! shows (`faces.rs` numbers the pages' faces as one list). A logo is an XObject embedded once
//! however often and on however many pages it is drawn: a JPEG as its own bytes, a PNG
//! decoded with its transparency as a soft mask, an SVG as vector paths.
//!
//! The document is tagged: one structure tree reads the pages in order, each page's content
//! in the roadmap's order (`structure.rs`), while page furniture (a running title, "page 1
//! of 2") is marked as a pagination artifact (`marked.rs`). Each page carries its own link
//! annotations and, on a sheet, its own trim and bleed boxes and crop marks (`sheet.rs`).
//!
//! The output is byte-identical across runs and processes: font resource names come from
//! the glyphs used (not printpdf's process-wide counter), the only dates are the roadmap's
//! own, and the random trailer `/ID` is replaced by a hash of the file.

mod catalog;
mod faces;
mod fonts;
mod glyphs;
mod ids;
#[cfg(test)]
mod image_tests;
mod marked;
mod paint;
mod raster;
mod shading;
mod sheet;
mod structure;
mod vector;
mod widths;
mod xmp;
mod xobjects;

use crate::error::{Error, PdfError, Result};
use crate::scene::{Face, Item, Point, Scene, Segment};
use fonts::{embedded_font, font_ids};
use glyphs::{glyph_texts, GlyphTexts};
use ids::content_id;
use lopdf::{Object, StringFormat};
use paint::paint;
use printpdf::{
    FontId, Op, PdfDocument, PdfFont, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect,
};
use std::collections::BTreeMap;
use widths::Widths;

/// Writes the scene as a one-page PDF of exactly `scene.width` × `scene.height` pt: the
/// one-page case of [`write_pages`].
///
/// Each face the text is drawn from is subset and embedded as a font of its own (a
/// roadmap's own face, and Noto Sans where it draws what that face lacks); links become URI
/// annotations without a border; each distinct image is embedded once, an SVG as vector
/// paths. The document is tagged for PDF/UA-1: its structure tree reads the page in the
/// roadmap's order, a logo with alt text as a figure. A scene set on a sheet
/// ([`Scene::with_bleed`]) gets its trim and bleed boxes
/// and crop marks in registration colour. The same scene always gives the same bytes.
///
/// # Errors
///
/// [`Error::Pdf`] when the scene holds a non-finite number, a glyph its fonts lack or an
/// image that cannot be embedded, or when printpdf reports an error.
///
/// # Example
///
/// ```
/// let source = std::fs::read_to_string("examples/welsh-and-custom-tags.toml")?;
/// let roadmap = waypost::model::parse("welsh-and-custom-tags.toml", &source)?;
/// let preset = waypost::layout::Preset::builtin("timeline").expect("built in");
/// let scene = waypost::layout::layout(&roadmap, &preset, &Default::default())?;
/// let pdf = waypost::write::pdf::write(&scene)?;
/// assert!(pdf.starts_with(b"%PDF-1.7"));
/// assert_eq!(pdf, waypost::write::pdf::write(&scene)?); // same scene, same bytes
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(scene: &Scene) -> Result<Vec<u8>> {
    write_pages(std::slice::from_ref(scene))
}

/// Writes the scenes as one PDF, a page per scene in order, each page the size of its
/// scene.
///
/// Everything [`write()`] does for one page it does for each: every page's links are
/// clickable annotations on that page, and every page set on a sheet gets its boxes and
/// crop marks. A face is embedded once, as a subset of the glyphs all the pages show, and
/// an image drawn on several pages once. One structure tree reads the pages in order, the
/// first page's content, then the second's, …; text of the role
/// [`Role::Pagination`](crate::scene::Role::Pagination) (a running title, "page 1 of 2")
/// is page furniture, marked as a pagination artifact and left out of the tree. With more
/// than one page, viewers label the pages 1, 2, …. The title, language and dates are the
/// first scene's. The same scenes always give the same bytes, and one scene gives exactly
/// the bytes [`write()`] gives.
///
/// # Errors
///
/// [`Error::Pdf`] with [`PdfError::NoPage`] for no scenes at all, and for any scene
/// what [`write()`] fails on.
///
/// # Example
///
/// ```
/// use waypost::layout::{layout, Preset};
/// use waypost::write::pdf::write_pages;
///
/// let source = std::fs::read_to_string("examples/link-worker-training.toml")?;
/// let roadmap = waypost::model::parse("link-worker-training.toml", &source)?;
/// let preset = |name| Preset::builtin(name).expect("built in");
/// let road = layout(&roadmap, &preset("road"), &Default::default())?;
/// let columns = layout(&roadmap, &preset("columns"), &Default::default())?;
/// let pages = [road, columns];
/// let pdf = write_pages(&pages)?;
/// assert!(pdf.starts_with(b"%PDF-1.7"));
/// // Each page object starts `<</Type/Page/`; the page tree's is `/Type/Pages`.
/// assert_eq!(pdf.windows(11).filter(|w| w == b"/Type/Page/").count(), 2);
/// assert_eq!(pdf, write_pages(&pages)?); // same scenes, same bytes
/// assert!(write_pages(&[]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_pages(pages: &[Scene]) -> Result<Vec<u8>> {
    if pages.is_empty() {
        return Err(output(PdfError::NoPage));
    }
    for scene in pages {
        check_numbers(scene)?;
    }
    let pages = faces::common(pages)?;
    let scenes: Vec<&Scene> = pages.iter().map(|page| page.as_ref()).collect();
    let faces = faces::of(&pages);
    let widths = Widths::new(faces);
    let texts = glyph_texts(scenes.iter().copied(), &widths)?;
    let fonts = font_ids(faces, &texts);
    let mut images = xobjects::Images::default();
    let mut contents = Vec::with_capacity(scenes.len());
    let mut marks = Vec::with_capacity(scenes.len());
    for scene in &scenes {
        let painted = paint(scene, &texts, &fonts, &widths, images)?;
        images = painted.images;
        contents.push(painted.ops);
        marks.push(painted.marks);
    }
    let doc = document(&scenes, faces, &texts, &fonts, contents)?;
    save(&doc, &scenes, &marks, &images)
}

fn output(error: PdfError) -> Error {
    Error::Pdf(error)
}

/// `v` rounded to `1 / per_unit`: short numbers in the file, far below what a print shows.
fn round(v: f32, per_unit: f32) -> f32 {
    (v * per_unit).round() / per_unit
}

/// An error from the document model printpdf hands over, as the writer's own.
fn failed(e: lopdf::Error) -> Error {
    output(PdfError::Printpdf {
        detail: e.to_string(),
    })
}

/// An image that cannot be embedded, and why.
fn refused(detail: impl Into<String>) -> Error {
    output(PdfError::Image {
        detail: detail.into(),
    })
}

/// A PDF text string object: ASCII as a literal, anything else as UTF-16BE with a BOM.
fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let units = text.encode_utf16().flat_map(u16::to_be_bytes);
    let data = [0xFE, 0xFF].into_iter().chain(units).collect();
    Object::String(data, StringFormat::Hexadecimal)
}

/// Rejects numbers that would print as `NaN` or `inf`, which no PDF reader accepts.
fn check_numbers(scene: &Scene) -> Result<()> {
    let ok = |v: f32| v.is_finite();
    let point = |p: &Point| ok(p.x) && ok(p.y);
    let page = ok(scene.width) && ok(scene.height) && scene.width > 0.0 && scene.height > 0.0;
    let items = scene.flatten().into_iter().all(|item| match item {
        Item::Shape(shape) => {
            shape.path.segments.iter().all(|s| match s {
                Segment::MoveTo(p) | Segment::LineTo(p) => point(p),
                Segment::CubicTo(a, b, c) => point(a) && point(b) && point(c),
                Segment::Close => true,
            }) && shape
                .stroke
                .is_none_or(|s| ok(s.width) && s.dash.is_none_or(|(on, off)| ok(on) && ok(off)))
        }
        Item::Text(text) => {
            point(&text.origin)
                && ok(text.size)
                && text.size > 0.0
                && (text.glyphs.iter()).all(|g| ok(g.advance) && ok(g.x_offset) && ok(g.y_offset))
        }
        Item::Link(link) => [link.rect.x, link.rect.y, link.rect.width, link.rect.height]
            .into_iter()
            .all(ok),
        Item::Qr(qr) => point(&qr.origin) && ok(qr.module),
        Item::Image(picture) => {
            let r = picture.rect;
            [r.x, r.y, r.width, r.height].into_iter().all(ok)
        }
    });
    if page && items {
        Ok(())
    } else {
        Err(output(PdfError::NotFinite))
    }
}

/// printpdf's document: the fonts, and a page per scene with its operations.
fn document(
    pages: &[&Scene],
    faces: &[Face],
    texts: &GlyphTexts,
    fonts: &BTreeMap<usize, FontId>,
    contents: Vec<Vec<Op>>,
) -> Result<PdfDocument> {
    let first = pages.first().ok_or_else(|| output(PdfError::NoPage))?;
    let mut doc = PdfDocument::new(&first.metadata.title);
    let info = &mut doc.metadata.info;
    info.subject = first.metadata.subject.clone();
    info.author = first.metadata.author.clone();
    info.creator = "waypost".to_string();
    info.producer = "waypost".to_string();
    for (face, id) in fonts {
        let font = PdfFont::new(embedded_font(faces, *face, texts, id)?);
        doc.resources.fonts.map.insert(id.clone(), font);
    }
    for (scene, ops) in pages.iter().zip(contents) {
        // A sheet's trim box is set later (`sheet::add`): printpdf writes a box at an
        // origin other than 0 0 as x, y, width, height where PDF wants two corners.
        let page = Rect::from_wh(Pt(scene.width), Pt(scene.height));
        doc.pages.push(PdfPage {
            media_box: page.clone(),
            trim_box: page.clone(),
            crop_box: page,
            ops,
        });
    }
    Ok(doc)
}

/// Serialises the document, after adding the images ([`xobjects::embed`]) and what
/// printpdf has no field for ([`catalog::complete`]).
fn save(
    doc: &PdfDocument,
    pages: &[&Scene],
    marks: &[structure::Marks],
    images: &xobjects::Images<'_>,
) -> Result<Vec<u8>> {
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&opts, &mut warnings);
    if let Some(w) = (warnings.iter()).find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(output(PdfError::Printpdf {
            detail: w.msg.clone(),
        }));
    }
    if !images.is_empty() {
        // Every page's resources share one `/XObject` dictionary: naming the images
        // through the first page names them for all.
        let page =
            (pdf.get_pages().into_values().next()).ok_or_else(|| output(PdfError::NoPage))?;
        xobjects::embed(&mut pdf, page, images)?;
    }
    catalog::complete(&mut pdf, pages, marks)?;
    pdf.compress();
    // The trailer's /ID is a hash of the file itself, written with the ids blank, so that
    // equal scenes give equal bytes: the document is written twice, which costs far less
    // than a page (printpdf gives a random id of its own).
    let id = |pdf: &mut lopdf::Document, id: [u8; 32]| {
        let string = lopdf::Object::String(id.to_vec(), lopdf::StringFormat::Literal);
        pdf.trailer.set("ID", vec![string.clone(), string]);
    };
    id(&mut pdf, [b'0'; 32]);
    let blank = serialise(&mut pdf)?;
    id(&mut pdf, content_id(&blank));
    serialise(&mut pdf)
}

/// The document's bytes.
fn serialise(pdf: &mut lopdf::Document) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|e| {
        output(PdfError::Printpdf {
            detail: e.to_string(),
        })
    })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Color, Date, Link, Metadata, Path, Shape, Stroke, Text, Weight};
    use crate::text::{place, shape, Style};
    use std::ops::Range;

    const URL: &str = "https://example.org/courses?id=7&lang=cy";

    pub(super) fn line(text: &str, weight: Weight, size: f32, x: f32, y: f32) -> Text {
        let style = Style::new(crate::text::Fonts::bundled(), weight, size);
        place(
            shape(text, style),
            style,
            Point::new(x, y),
            Color::rgb(0x1a, 0x1a, 0x2e),
        )
    }

    pub(super) fn sample() -> Scene {
        let card = crate::scene::Rect::new(20.0, 20.0, 260.0, 90.0);
        let button = crate::scene::Rect::new(20.0, 130.0, 160.0, 32.0);
        let solid = Stroke {
            color: Color::rgb(0x1f, 0x4e, 0x79),
            width: 1.5,
            dash: None,
            round: false,
        };
        let dashed = Stroke {
            dash: Some((4.0, 2.0)),
            round: true,
            ..solid
        };
        let arrow = Path {
            segments: vec![
                Segment::MoveTo(Point::new(300.0, 120.0)),
                Segment::LineTo(Point::new(380.0, 120.0)),
                Segment::LineTo(Point::new(380.0, 170.0)),
            ],
        };
        Scene {
            width: 420.0,
            height: 200.0,
            background: Color::rgb(0xfa, 0xf7, 0xf0),
            frame: crate::scene::Rect::new(0.0, 0.0, 420.0, 200.0),
            items: vec![
                Item::Shape(Shape {
                    path: Path::rounded_rect(card, 10.0),
                    fill: Some(Color::rgb(0xdd, 0xea, 0xf6)),
                    stroke: Some(solid),
                }),
                Item::Shape(Shape {
                    path: Path::circle(Point::new(340.0, 60.0), 30.0),
                    fill: Some(Color::rgb(0xf4, 0xa2, 0x61)),
                    stroke: Some(dashed),
                }),
                Item::Shape(Shape {
                    path: arrow,
                    fill: None,
                    stroke: Some(dashed),
                }),
                Item::Text(line(
                    "Training roadmap AVAVA Ty",
                    Weight::Bold,
                    16.0,
                    30.0,
                    50.0,
                )),
                Item::Text(line(
                    "£25 – Llanfair ŵ ŷ é",
                    Weight::Regular,
                    10.0,
                    30.0,
                    80.0,
                )),
                Item::Text(line(
                    "Office hours fi fl",
                    Weight::Regular,
                    10.0,
                    30.0,
                    96.0,
                )),
                Item::Link(Link {
                    rect: button,
                    url: URL.to_string(),
                    label: "Book Cwrs Cymraeg ŵ".to_string(),
                    children: vec![
                        Item::Shape(Shape {
                            path: Path::rounded_rect(button, 6.0),
                            fill: Some(Color::rgb(0x1f, 0x4e, 0x79)),
                            stroke: None,
                        }),
                        Item::Text(Text {
                            color: Color::rgb(0xff, 0xff, 0xff),
                            ..line("Book a place", Weight::Bold, 12.0, 32.0, 151.0)
                        }),
                    ],
                }),
            ],
            metadata: Metadata {
                title: "Roadmap & test".to_string(),
                subject: "Llwybr ŵ".to_string(),
                author: "waypost tests".to_string(),
                language: "en-GB".to_string(),
                date: Date::parse("2026-11"),
            },
            sheet: None,
            faces: crate::text::Fonts::bundled().scene_faces(),
        }
    }

    pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn writes_identical_bytes_twice_with_a_content_id() {
        let scene = sample();
        let first = write(&scene).unwrap();
        let second = write(&scene).unwrap();
        assert!(first == second, "two writes of one scene differ");
        assert!(first.starts_with(b"%PDF-1.7"));
        assert!(contains(&first, b"/URI"));
        assert!(contains(&first, URL.as_bytes()));
        assert!(contains(&first, b"/Lang(en-GB)"));
        assert!(contains(&first, b"/CreationDate(D:202611)"));
        assert!(contains(&first, b"/ModDate(D:202611)"));
        let spans = id_spans_hex(&first);
        assert_eq!(first[spans[0].clone()], first[spans[1].clone()]);
        // The id is the hash of the file written with both ids blank.
        let mut blank = first.clone();
        for span in spans.clone() {
            blank[span].fill(b'0');
        }
        assert_eq!(first[spans[0].clone()], ids::content_id(&blank));
    }

    /// The `/ID` string spans, whatever characters they hold.
    fn id_spans_hex(bytes: &[u8]) -> [Range<usize>; 2] {
        let id = (bytes.windows(5)).rposition(|w| w == b"/ID[(").unwrap() + 5;
        [id..id + 32, id + 34..id + 66]
    }

    #[test]
    fn pdf_dates_have_the_precision_given() {
        let date = |text| catalog::pdf_date(Date::parse(text).unwrap());
        assert_eq!(date("2026"), "D:2026");
        assert_eq!(date("2026-11"), "D:202611");
        assert_eq!(date("2026-01-05"), "D:20260105");
    }

    #[test]
    fn a_scene_without_a_date_gives_a_pdf_without_dates() {
        let mut scene = sample();
        scene.metadata.date = None;
        let pdf = write(&scene).unwrap();
        assert!(!contains(&pdf, b"Date"));
        assert!(!contains(&pdf, b"1970"));
    }

    /// Each font's `/W` widths by glyph id, read back from the file, by `/BaseFont`.
    fn widths(pdf: &[u8]) -> BTreeMap<String, BTreeMap<u16, f64>> {
        let doc = lopdf::Document::load_mem(pdf).unwrap();
        let mut fonts = BTreeMap::new();
        for object in doc.objects.values() {
            let Ok(font) = object.as_dict() else { continue };
            if font.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Type0") {
                continue;
            }
            let name = font.get(b"BaseFont").unwrap().as_name().unwrap();
            let descendant = font.get(b"DescendantFonts").unwrap().as_array().unwrap();
            let w = descendant[0].as_dict().unwrap().get(b"W").unwrap();
            let mut widths = BTreeMap::new();
            for pair in w.as_array().unwrap().chunks(2) {
                let first = pair[0].as_i64().unwrap();
                for (i, width) in pair[1].as_array().unwrap().iter().enumerate() {
                    let gid = u16::try_from(first + i as i64).unwrap();
                    widths.insert(gid, f64::from(width.as_float().unwrap()));
                }
            }
            fonts.insert(String::from_utf8_lossy(name).into_owned(), widths);
        }
        fonts
    }

    #[test]
    fn the_pdf_widths_are_the_ones_the_text_runs_assume() {
        let scene = sample();
        let fonts = widths(&write(&scene).unwrap());
        assert_eq!(fonts.len(), 2);
        let expected = Widths::new(&scene.faces);
        let texts = glyph_texts([&scene], &expected).unwrap();
        for (name, widths) in fonts {
            let face = match name.split_once('+').map(|(_, rest)| rest) {
                Some("NotoSans-Regular") => 0,
                Some("NotoSans-Bold") => 1,
                _ => panic!("unexpected font {name}"),
            };
            let used: Vec<u16> = (texts.keys())
                .filter(|(f, _)| *f == face)
                .map(|(_, gid)| *gid)
                .collect();
            assert_eq!(widths.keys().copied().collect::<Vec<_>>(), used, "{name}");
            for (gid, width) in widths {
                assert_eq!(width, expected.width(face, gid), "glyph {gid} of {name}");
            }
        }
    }

    #[test]
    fn rejects_glyphs_the_fonts_lack_and_non_finite_numbers() {
        let mut scene = sample();
        scene.items = vec![Item::Text(line("done ✓", Weight::Regular, 10.0, 0.0, 10.0))];
        let missing = write(&scene).unwrap_err();
        assert_eq!(
            missing.to_string(),
            "could not produce the pdf output: the fonts have no glyph for \"✓\" in \"done ✓\""
        );
        assert!(matches!(missing, Error::Pdf(PdfError::MissingGlyph { .. })));
        scene.items = vec![Item::Text(line("ok", Weight::Regular, f32::NAN, 0.0, 10.0))];
        assert!(matches!(
            write(&scene),
            Err(Error::Pdf(PdfError::NotFinite))
        ));
    }

    #[test]
    fn writes_a_page_without_text_or_links() {
        let scene = Scene {
            items: vec![Item::Shape(Shape {
                path: Path::circle(Point::new(50.0, 50.0), 10.0),
                fill: Some(Color::rgb(0, 0, 0)),
                stroke: None,
            })],
            ..sample()
        };
        let pdf = write(&scene).unwrap();
        assert!(pdf.starts_with(b"%PDF-1.7") && !contains(&pdf, b"/FontFile2"));
    }
}
