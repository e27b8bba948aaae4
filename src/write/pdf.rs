//! PDF writer: one page of vector shapes, shaped text in the subset bundled fonts, and
//! clickable links.
//!
//! printpdf builds the document; this module walks the scene once and emits its operations.
//! Text goes out as glyph ids with kerning offsets, so PDF lines are exactly as wide as the
//! shaped lines, and each cluster's text feeds the ToUnicode map, so copy-paste returns the
//! source string. The output is byte-identical across runs and processes: font resource
//! names come from the glyphs used (not printpdf's process-wide counter), dates stay at
//! printpdf's epoch default, and the random trailer `/ID` is replaced by a hash of the file.

use crate::error::{Error, Result};
use crate::scene::{Color, Item, Link, Point, Scene, Segment, Shape, Stroke, Text, Weight};
use crate::text::{Fonts, BOLD_TTF, REGULAR_TTF};
use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, DictItem, FontId, HighlightingMode, LineCapStyle,
    LineDashPattern, LineJoinStyle, LinePoint, LinkAnnotation, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Polygon,
    PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder,
};
use skrifa::instance::{LocationRef, Size};
use skrifa::{GlyphId, MetadataProvider};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

/// The text each glyph stands for in its font's ToUnicode map, per face and glyph id.
type GlyphTexts = BTreeMap<(Weight, u16), String>;

/// Writes the scene as a one-page PDF of exactly `scene.width` × `scene.height` pt.
///
/// Fonts are subset and embedded; links become URI annotations without a border. The
/// same scene always gives the same bytes.
///
/// # Errors
///
/// [`Error::Output`] when the scene holds a non-finite number or a glyph the bundled
/// fonts lack, or when printpdf reports an error.
pub fn write(scene: &Scene) -> Result<Vec<u8>> {
    check_numbers(scene)?;
    let texts = glyph_texts(scene)?;
    let fonts = font_ids(&texts);
    let mut painter = Painter {
        scene,
        texts: &texts,
        fonts: &fonts,
        ops: Vec::new(),
        state: State::default(),
    };
    painter.background();
    painter.items(&scene.items)?;
    let doc = document(scene, &fonts, painter.ops)?;
    stamp_content_id(save(&doc, scene)?)
}

fn output(reason: impl Into<String>) -> Error {
    Error::Output {
        format: "pdf",
        reason: reason.into(),
    }
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
    });
    if page && items {
        Ok(())
    } else {
        Err(output(
            "the scene holds a number that is not finite (a layout defect)",
        ))
    }
}

/// Maps each glyph to the text of the first cluster it starts, so that every occurrence of
/// a glyph carries the same ToUnicode text: the map is per glyph, not per occurrence.
/// Glyphs that only ever continue a cluster map to nothing.
fn glyph_texts(scene: &Scene) -> Result<GlyphTexts> {
    let mut texts = GlyphTexts::new();
    for item in scene.flatten() {
        let Item::Text(text) = item else { continue };
        for (i, glyph) in text.glyphs.iter().enumerate() {
            let cluster = text.text.get(glyph.start..glyph.end).ok_or_else(|| {
                output(format!(
                    "a glyph of \"{}\" points outside its text",
                    text.text
                ))
            })?;
            if glyph.id == 0 && !cluster.trim().is_empty() {
                return Err(output(format!(
                    "the bundled fonts have no glyph for \"{cluster}\" in \"{}\"",
                    text.text
                )));
            }
            let starts_cluster = i == 0 || text.glyphs[i - 1].start != glyph.start;
            let text_of = if starts_cluster { cluster } else { "" };
            let entry = texts.entry((text.weight, glyph.id)).or_default();
            if entry.is_empty() {
                *entry = text_of.to_string();
            }
        }
    }
    Ok(texts)
}

/// One resource name per face in use. Its first six letters become the font's subset tag,
/// so they are uppercase A–Z and derived from the glyph set: equal subsets get equal tags,
/// different subsets (almost surely) different ones.
fn font_ids(texts: &GlyphTexts) -> BTreeMap<Weight, FontId> {
    let mut ids = BTreeMap::new();
    for weight in [Weight::Regular, Weight::Bold] {
        let gids: Vec<u8> = (texts.keys())
            .filter(|(w, _)| *w == weight)
            .flat_map(|(_, gid)| gid.to_be_bytes())
            .collect();
        if gids.is_empty() {
            continue;
        }
        let mut hash = fnv1a(FNV_BASIS, &gids);
        let mut tag: String = (0..6)
            .map(|_| {
                let letter = char::from(b'A' + (hash % 26) as u8);
                hash /= 26;
                letter
            })
            .collect();
        tag.push_str(match weight {
            Weight::Regular => "NotoSansR",
            Weight::Bold => "NotoSansB",
        });
        ids.insert(weight, FontId(tag));
    }
    ids
}

/// The bundled face as printpdf sees it, parsed once per process.
fn parsed_font(weight: Weight) -> Result<&'static ParsedFont> {
    static REGULAR: OnceLock<Option<ParsedFont>> = OnceLock::new();
    static BOLD: OnceLock<Option<ParsedFont>> = OnceLock::new();
    let (cell, data) = match weight {
        Weight::Regular => (&REGULAR, REGULAR_TTF),
        Weight::Bold => (&BOLD, BOLD_TTF),
    };
    cell.get_or_init(|| ParsedFont::from_bytes(data, 0, &mut Vec::new()))
        .as_ref()
        .ok_or_else(|| output("printpdf could not parse a bundled font"))
}

/// The graphics state already set in the content stream, so that unchanged values are not
/// repeated. `None` means not set yet. The writer never saves or restores state, so this
/// stays true for the whole page.
#[derive(Default)]
struct State {
    fill: Option<Color>,
    stroke: Option<Color>,
    width: Option<f32>,
    dash: Option<Option<(f32, f32)>>,
    round: Option<bool>,
    font: Option<(Weight, f32)>,
}

/// Walks the scene and collects page operations.
struct Painter<'a> {
    scene: &'a Scene,
    texts: &'a GlyphTexts,
    fonts: &'a BTreeMap<Weight, FontId>,
    ops: Vec<Op>,
    state: State,
}

impl Painter<'_> {
    fn background(&mut self) {
        self.set_fill(self.scene.background);
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                mode: Some(PaintMode::Fill),
                ..Rect::from_wh(Pt(self.scene.width), Pt(self.scene.height))
            },
        });
    }

    fn items(&mut self, items: &[Item]) -> Result<()> {
        for item in items {
            match item {
                Item::Shape(shape) => self.shape(shape),
                Item::Text(text) => self.text(text)?,
                Item::Link(link) => {
                    // The annotation goes first so annotations appear in the same
                    // pre-order as `Scene::links`, which `save` relies on.
                    self.link(link);
                    self.items(&link.children)?;
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
        let font = (self.fonts.get(&text.weight))
            .ok_or_else(|| output("a text line's font was not registered"))?
            .clone();
        let face = Fonts::get().face(text.weight);
        let metrics = face
            .font()
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        // The width the viewer advances by: the `/W` entry printpdf writes, which is the
        // font's advance in thousandths of an em, truncated.
        let pdf_width = |gid: u16| {
            let advance = metrics.advance_width(GlyphId::new(u32::from(gid)));
            f64::from((advance.unwrap_or(0.0) * (1000.0 / face.units_per_em)).trunc())
        };
        let runs = glyph_runs(text, self.texts, pdf_width);
        self.set_fill(text.color);
        self.ops.push(Op::StartTextSection);
        if self.state.font != Some((text.weight, text.size)) {
            self.state.font = Some((text.weight, text.size));
            let font = PdfFontHandle::External(font);
            self.ops.push(Op::SetFont {
                font,
                size: Pt(text.size),
            });
        }
        // In a fresh text object `Td` starts from the origin, so it places the baseline.
        let pos = self.pdf_point(text.origin);
        self.ops.push(Op::SetTextCursor { pos });
        let mut rise = 0.0;
        for run in runs {
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

/// `v` rounded to `1 / per_unit`: short numbers in the file, far below what a print shows.
fn round(v: f32, per_unit: f32) -> f32 {
    (v * per_unit).round() / per_unit
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

/// Glyphs of one line that share a vertical offset (text rise, in pt).
struct Run {
    rise: f32,
    items: Vec<TextItem>,
}

/// The `TJ` arrays of a line. After each glyph the viewer advances by `pdf_width(gid)`
/// thousandths of an em; a number `n` after it moves the pen back by `n` thousandths, as
/// `TJ` defines. Each number is computed from the absolute shaped position, so rounding
/// never accumulates, and the line ends exactly at the shaped width.
fn glyph_runs(text: &Text, texts: &GlyphTexts, pdf_width: impl Fn(u16) -> f64) -> Vec<Run> {
    let size = f64::from(text.size);
    let mut runs: Vec<Run> = Vec::new();
    let mut pdf_pen = 0.0_f64; // where the viewer's pen is, in pt from the origin
    let mut shaped_pen = 0.0_f64; // where the shaper's pen is
    let kern_to = |run: &mut Run, pdf_pen: &mut f64, target: f64| {
        let kern = round(((*pdf_pen - target) * 1000.0 / size) as f32, 100.0);
        *pdf_pen -= f64::from(kern) * size / 1000.0;
        if kern == 0.0 {
            return;
        }
        match run.items.last_mut() {
            Some(TextItem::GlyphIds(glyphs)) if !glyphs.is_empty() => {
                let last = glyphs.len() - 1;
                glyphs[last].offset += kern;
            }
            _ => run.items.push(TextItem::Offset(kern)),
        }
    };
    for glyph in &text.glyphs {
        if runs.last().is_none_or(|run| run.rise != glyph.y_offset) {
            let items = Vec::new();
            runs.push(Run {
                rise: glyph.y_offset,
                items,
            });
        }
        let Some(run) = runs.last_mut() else { break };
        kern_to(run, &mut pdf_pen, shaped_pen + f64::from(glyph.x_offset));
        let cid = texts
            .get(&(text.weight, glyph.id))
            .cloned()
            .unwrap_or_default();
        let codepoint = Codepoint::with_cid(glyph.id, 0.0, cid);
        match run.items.last_mut() {
            Some(TextItem::GlyphIds(glyphs)) => glyphs.push(codepoint),
            _ => run.items.push(TextItem::GlyphIds(vec![codepoint])),
        }
        pdf_pen += pdf_width(glyph.id) * size / 1000.0;
        shaped_pen += f64::from(glyph.advance);
    }
    if let Some(run) = runs.last_mut() {
        kern_to(run, &mut pdf_pen, shaped_pen);
    }
    runs
}

fn document(scene: &Scene, fonts: &BTreeMap<Weight, FontId>, ops: Vec<Op>) -> Result<PdfDocument> {
    let mut doc = PdfDocument::new(&scene.metadata.title);
    let info = &mut doc.metadata.info;
    info.subject = scene.metadata.subject.clone();
    info.author = scene.metadata.author.clone();
    info.creator = "waypost".to_string();
    info.producer = "waypost".to_string();
    for (weight, id) in fonts {
        let font = PdfFont::new(parsed_font(*weight)?.clone());
        doc.resources.fonts.map.insert(id.clone(), font);
    }
    let page = Rect::from_wh(Pt(scene.width), Pt(scene.height));
    doc.pages.push(PdfPage {
        media_box: page.clone(),
        trim_box: page.clone(),
        crop_box: page,
        ops,
    });
    Ok(doc)
}

/// Serialises the document, adding what printpdf has no field for: the catalog's `/Lang`
/// and each link's `/Contents` (its accessible name) and print flag. printpdf hands over
/// its lopdf document for this, so no dependency on lopdf is needed to name its types.
fn save(doc: &PdfDocument, scene: &Scene) -> Result<Vec<u8>> {
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc.to_lopdf_document(&opts, &mut warnings);
    if let Some(w) = (warnings.iter()).find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(output(w.msg.clone()));
    }
    let failed = |e: &dyn std::fmt::Display| output(e.to_string());
    // `/Lang` came with PDF 1.4; printpdf declares 1.3.
    pdf.version = "1.4".to_string();
    if !scene.metadata.language.is_empty() {
        let lang = text_string(&scene.metadata.language).to_lopdf();
        pdf.catalog_mut().map_err(|e| failed(&e))?.set("Lang", lang);
    }
    // printpdf writes an empty `/GTS_PDFXVersion`, which readers take for a PDF/X claim,
    // and empty keys of its own; drop them.
    let info = (pdf.trailer.get(b"Info").and_then(|i| i.as_reference())).map_err(|e| failed(&e))?;
    let info = pdf.get_dictionary_mut(info).map_err(|e| failed(&e))?;
    for key in ["GTS_PDFXVersion", "Identifier", "Keywords"] {
        info.remove(key.as_bytes());
    }
    let links = scene.links();
    let page_id =
        (pdf.get_pages().into_values().next()).ok_or_else(|| output("printpdf wrote no page"))?;
    let page = pdf.get_dictionary_mut(page_id).map_err(|e| failed(&e))?;
    let annots =
        (page.get_mut(b"Annots").and_then(|a| a.as_array_mut())).map_err(|e| failed(&e))?;
    if annots.len() != links.len() {
        return Err(output(
            "printpdf wrote a different number of link annotations",
        ));
    }
    for (annot, link) in annots.iter_mut().zip(links) {
        let annot = annot.as_dict_mut().map_err(|e| failed(&e))?;
        annot.set("F", 4_i64);
        if !link.label.is_empty() {
            annot.set("Contents", text_string(&link.label).to_lopdf());
        }
    }
    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes).map_err(|e| failed(&e))?;
    Ok(bytes)
}

/// A PDF text string object: ASCII as a literal, anything else as UTF-16BE with a BOM.
fn text_string(text: &str) -> DictItem {
    let data: Vec<u8> = if text.is_ascii() {
        text.as_bytes().to_vec()
    } else {
        let units = text.encode_utf16().flat_map(u16::to_be_bytes);
        [0xFE, 0xFF].into_iter().chain(units).collect()
    };
    let literal = text.is_ascii();
    DictItem::String { data, literal }
}

/// Replaces the two random trailer `/ID` strings with a hash of the file (computed with
/// the strings blanked), so equal scenes give equal bytes. The strings keep their length,
/// so the cross-reference offsets stay valid.
fn stamp_content_id(mut bytes: Vec<u8>) -> Result<Vec<u8>> {
    let spans = id_spans(&bytes).ok_or_else(|| output("printpdf wrote no trailer /ID"))?;
    for span in &spans {
        bytes[span.clone()].fill(b'0');
    }
    let id = content_hash(&bytes);
    for span in spans {
        bytes[span].copy_from_slice(&id);
    }
    Ok(bytes)
}

/// Where the contents of the two `/ID` strings are: printpdf writes 32 capital letters
/// in parentheses for each, in the trailer at the end of the file.
fn id_spans(bytes: &[u8]) -> Option<[Range<usize>; 2]> {
    let find = |from: usize, needle: &[u8]| {
        (bytes.get(from..)?.windows(needle.len()))
            .position(|w| w == needle)
            .map(|i| from + i)
    };
    let trailer = (bytes.windows(7)).rposition(|w| w == b"trailer")?;
    let mut at = find(trailer, b"/ID")? + 3;
    let mut string = || {
        let open = find(at, b"(")?;
        let between = bytes.get(at..open)?;
        if !between
            .iter()
            .all(|&b| b == b'[' || b.is_ascii_whitespace())
        {
            return None;
        }
        let span = open + 1..open + 33;
        let letters = bytes.get(span.clone())?.iter().all(u8::is_ascii_uppercase);
        (letters && bytes.get(span.end) == Some(&b')')).then(|| {
            at = span.end + 1;
            span
        })
    };
    Some([string()?, string()?])
}

const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits: small, stable across platforms and Rust versions (unlike `Hasher`).
fn fnv1a(basis: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(basis, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// 128 bits of content hash as 32 uppercase hex digits, the length of printpdf's ids.
fn content_hash(bytes: &[u8]) -> [u8; 32] {
    let first = fnv1a(FNV_BASIS, bytes);
    let second = fnv1a(first ^ 0x9e37_79b9_7f4a_7c15, bytes);
    let mut out = [0; 32];
    let hex = format!("{first:016X}{second:016X}");
    out.copy_from_slice(hex.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Metadata, Path};
    use crate::text::{place, shape, Style};

    const URL: &str = "https://example.org/courses?id=7&lang=cy";

    fn line(text: &str, weight: Weight, size: f32, x: f32, y: f32) -> Text {
        let style = Style::new(weight, size);
        place(
            shape(text, style),
            style,
            Point::new(x, y),
            Color::rgb(0x1a, 0x1a, 0x2e),
        )
    }

    fn sample() -> Scene {
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
            },
        }
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn writes_identical_bytes_twice_with_a_content_id() {
        let scene = sample();
        let first = write(&scene).unwrap();
        let second = write(&scene).unwrap();
        assert!(first == second, "two writes of one scene differ");
        assert!(first.starts_with(b"%PDF-1.4"));
        assert!(contains(&first, b"/URI"));
        assert!(contains(&first, URL.as_bytes()));
        assert!(contains(&first, b"/Lang(en-GB)"));
        let spans = id_spans_hex(&first);
        assert_eq!(first[spans[0].clone()], first[spans[1].clone()]);
        // printpdf's own ids are capital letters only; a stamped one is hex with digits.
        assert!(first[spans[0].clone()].iter().any(u8::is_ascii_digit));
    }

    /// The `/ID` string spans, whatever characters they hold.
    fn id_spans_hex(bytes: &[u8]) -> [Range<usize>; 2] {
        let id = (bytes.windows(5)).rposition(|w| w == b"/ID[(").unwrap() + 5;
        [id..id + 32, id + 34..id + 66]
    }

    #[test]
    fn finds_and_replaces_only_printpdf_ids() {
        let ids = b"trailer\n<</Root 1 0 R/ID[(ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB)(BBCDEFGHIJABCDEFGHIJABCDEFGHIJAB)]>>";
        let spans = id_spans(ids).unwrap();
        assert_eq!(&ids[spans[0].clone()], b"ABCDEFGHIJABCDEFGHIJABCDEFGHIJAB");
        assert_eq!(&ids[spans[1].clone()], b"BBCDEFGHIJABCDEFGHIJABCDEFGHIJAB");
        assert!(id_spans(b"trailer\n<</ID[(short)(short)]>>").is_none());
        let stamped = stamp_content_id(ids.to_vec()).unwrap();
        assert_eq!(stamped.len(), ids.len());
        assert!(!contains(&stamped, b"ABCDEFGHIJ"));
    }

    fn runs_of(text: &Text) -> Vec<Run> {
        let scene = Scene {
            items: vec![Item::Text(text.clone())],
            ..sample()
        };
        let texts = glyph_texts(&scene).unwrap();
        let face = Fonts::get().face(text.weight);
        let metrics = face
            .font()
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        glyph_runs(text, &texts, |gid| {
            let advance = metrics.advance_width(GlyphId::new(u32::from(gid))).unwrap();
            f64::from((advance * 1000.0 / face.units_per_em).trunc())
        })
    }

    #[test]
    fn pdf_lines_are_as_wide_as_shaped_lines() {
        let text = line("AVAVA Ty Wo, LT", Weight::Regular, 13.0, 0.0, 0.0);
        let face = Fonts::get().face(text.weight);
        let metrics = face
            .font()
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut pen = 0.0_f64;
        let mut kerns = 0;
        for item in runs_of(&text).iter().flat_map(|r| &r.items) {
            let kern = |n: f32| -f64::from(n) * 13.0 / 1000.0;
            match item {
                TextItem::Offset(n) => pen += kern(*n),
                TextItem::GlyphIds(glyphs) => {
                    for g in glyphs {
                        let w = metrics
                            .advance_width(GlyphId::new(u32::from(g.gid)))
                            .unwrap();
                        pen += f64::from(w) * 13.0 / 1000.0 + kern(g.offset);
                        kerns += usize::from(g.offset != 0.0);
                    }
                }
                TextItem::Text(_) => panic!("text must go out as glyph ids"),
            }
        }
        assert!(kerns > 0, "the kerning of AV and Ty is missing");
        assert!(
            (pen - f64::from(text.width)).abs() < 1e-3,
            "{pen} vs {}",
            text.width
        );
    }

    #[test]
    fn cluster_texts_spell_the_line() {
        let text = line("£25 – Llanfair ŵ ŷ é fi", Weight::Regular, 10.0, 0.0, 0.0);
        let spelled: String = runs_of(&text)
            .iter()
            .flat_map(|r| &r.items)
            .filter_map(|item| match item {
                TextItem::GlyphIds(glyphs) => Some(glyphs),
                _ => None,
            })
            .flatten()
            .filter_map(|g| g.cid.clone())
            .collect();
        assert_eq!(spelled, text.text);
    }

    #[test]
    fn flips_y_at_the_page_top() {
        let scene = sample();
        let texts = GlyphTexts::new();
        let fonts = BTreeMap::new();
        let painter = Painter {
            scene: &scene,
            texts: &texts,
            fonts: &fonts,
            ops: Vec::new(),
            state: State::default(),
        };
        let top = painter.point(Point::new(12.5, 0.0), false).p;
        let low = painter.point(Point::new(0.0, 150.0), false).p;
        assert_eq!((top.x.0, top.y.0), (12.5, 200.0));
        assert_eq!(low.y.0, 50.0);
    }

    #[test]
    fn rejects_glyphs_the_fonts_lack_and_non_finite_numbers() {
        let mut scene = sample();
        scene.items = vec![Item::Text(line("done ✓", Weight::Regular, 10.0, 0.0, 10.0))];
        assert!(matches!(
            write(&scene),
            Err(Error::Output { format: "pdf", .. })
        ));
        scene.items = vec![Item::Text(line("ok", Weight::Regular, f32::NAN, 0.0, 10.0))];
        assert!(matches!(
            write(&scene),
            Err(Error::Output { format: "pdf", .. })
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
        assert!(pdf.starts_with(b"%PDF-1.4") && !contains(&pdf, b"/FontFile2"));
    }

    #[test]
    fn vertical_offsets_become_text_rise() {
        let mut text = line("ab c", Weight::Regular, 10.0, 0.0, 0.0);
        text.glyphs[1].y_offset = 2.0;
        let runs = runs_of(&text);
        let rises: Vec<f32> = runs.iter().map(|r| r.rise).collect();
        assert_eq!(rises, [0.0, 2.0, 0.0]);
    }
}
