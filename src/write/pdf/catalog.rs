//! What printpdf has no field for, added to the lopdf document it hands over: the tagged
//! PDF's catalog entries (`/StructTreeRoot`, `/MarkInfo`, `/Lang`, `/ViewerPreferences`,
//! the XMP `/Metadata`, and `/PageLabels` for several pages), each link annotation's
//! accessible name and print flag, each sheet's boxes and marks, and a document
//! information dictionary holding only what is true.

use super::structure::{self, Marks, Page};
use super::xmp;
use super::{failed, output, text_string};
use crate::error::{PdfError, Result};
use crate::scene::{Date, Scene};
use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// The PDF version: PDF/UA-1 is built on ISO 32000-1, which is PDF 1.7, and the page's
/// tab order (`/Tabs`) came with 1.5.
const VERSION: &str = "1.7";

/// Turns printpdf's document into a tagged one that says what it is. `pages` are the
/// scenes of its pages and `marks` what each page's marked content stands for, in page
/// order; the document's title, language and dates are the first page's.
pub(super) fn complete(pdf: &mut Document, pages: &[&Scene], marks: &[Marks]) -> Result<()> {
    let scene = *pages.first().ok_or_else(|| output(PdfError::NoPage))?;
    pdf.version = VERSION.to_string();
    info(pdf, scene)?;
    let ids: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    if ids.len() != pages.len() || marks.len() != pages.len() {
        return Err(output(PdfError::Printpdf {
            detail: format!(
                "printpdf wrote {} pages for {} scenes",
                ids.len(),
                pages.len()
            ),
        }));
    }
    let annotations = (ids.iter().zip(pages))
        .map(|(&page, scene)| annotations(pdf, scene, page))
        .collect::<Result<Vec<_>>>()?;
    let tagged: Vec<Page<'_>> = (ids.iter().zip(&annotations).zip(marks))
        .map(|((&id, annotations), marks)| Page {
            id,
            annotations,
            marks,
        })
        .collect();
    let tree = structure::write(pdf, &tagged)?;
    for (&page, scene) in ids.iter().zip(pages) {
        if let Some(sheet) = &scene.sheet {
            super::sheet::add(pdf, page, scene, sheet)?;
        }
    }
    let metadata = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp::packet(&scene.metadata).into_bytes(),
    )
    // Left readable, as XMP is meant to be found by tools that do not parse PDF.
    .with_compression(false);
    let metadata = pdf.add_object(metadata);
    let catalog = pdf.catalog_mut().map_err(failed)?;
    if !scene.metadata.language.is_empty() {
        catalog.set("Lang", text_string(&scene.metadata.language));
    }
    catalog.set("StructTreeRoot", tree);
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    // Viewers show the title, not the file name, in their window and tab.
    catalog.set(
        "ViewerPreferences",
        dictionary! { "DisplayDocTitle" => true },
    );
    catalog.set("Metadata", metadata);
    if pages.len() > 1 {
        // Viewers then number the pages 1, 2, … in decimal, as the pages' own furniture
        // does ("page 1 of 2").
        let decimal = dictionary! { "S" => "D" };
        catalog.set(
            "PageLabels",
            dictionary! { "Nums" => vec![0.into(), decimal.into()] },
        );
    }
    Ok(())
}

/// printpdf writes an empty `/GTS_PDFXVersion`, which readers take for a PDF/X claim,
/// empty keys of its own, and dates at the Unix epoch unless given a clock reading; drop
/// them all. The page's only date is the roadmap's own, when it gives one.
fn info(pdf: &mut Document, scene: &Scene) -> Result<()> {
    let info = (pdf.trailer.get(b"Info").and_then(|i| i.as_reference())).map_err(failed)?;
    let info = pdf.get_dictionary_mut(info).map_err(failed)?;
    for key in [
        "GTS_PDFXVersion",
        "Identifier",
        "Keywords",
        "CreationDate",
        "ModDate",
    ] {
        info.remove(key.as_bytes());
    }
    if let Some(date) = scene.metadata.date {
        let date = pdf_date(date);
        info.set("CreationDate", text_string(&date));
        info.set("ModDate", text_string(&date));
    }
    Ok(())
}

/// Moves each link annotation into an object of its own, which the structure tree can
/// point at, with its accessible name (`/Contents`) and print flag. Returns the objects in
/// page order.
fn annotations(pdf: &mut Document, scene: &Scene, page: ObjectId) -> Result<Vec<ObjectId>> {
    let links = scene.links();
    let page_dict = pdf.get_dictionary_mut(page).map_err(failed)?;
    let annots = match page_dict.get(b"Annots") {
        Ok(annots) => annots.as_array().map_err(failed)?.clone(),
        Err(_) => Vec::new(),
    };
    if annots.len() != links.len() {
        return Err(output(PdfError::LinkCount));
    }
    let mut ids = Vec::with_capacity(annots.len());
    for (annot, link) in annots.into_iter().zip(links) {
        let mut annot = annot.as_dict().map_err(failed)?.clone();
        annot.set("F", 4_i64);
        if !link.label.is_empty() {
            annot.set("Contents", text_string(&link.label));
        }
        ids.push(pdf.add_object(annot));
    }
    let refs: Vec<Object> = ids.iter().map(|&id| Object::Reference(id)).collect();
    let page_dict = pdf.get_dictionary_mut(page).map_err(failed)?;
    page_dict.set("Annots", refs);
    Ok(ids)
}

/// A PDF date string with only the precision the date has: `D:2026`, `D:202611` or
/// `D:20261130`. PDF readers take the missing parts as the earliest possible.
pub(super) fn pdf_date(date: Date) -> String {
    let mut out = format!("D:{:04}", date.year());
    for part in [date.month(), date.day()].into_iter().flatten() {
        out.push_str(&format!("{part:02}"));
    }
    out
}
