//! Images as XObjects: each distinct image the pages draw is embedded once, under a name the
//! pages' content uses, after printpdf has handed over the document.
//!
//! A JPEG goes in as its own bytes, a PNG as its pixels decoded and compressed again with
//! its transparency as a soft mask ([`super::raster`]), an SVG as a form of vector paths
//! ([`super::vector`]). Every XObject spans the unit square, so the page draws each the same
//! way, `q w 0 0 h x y cm /Name Do Q`, and two pictures of one image share its XObject.
//! The names follow the order images are first drawn in, so the same scene always gives
//! the same names.

use super::{failed, output, raster, vector};
use crate::error::{PdfError, Result};
use crate::scene::{Image, ImageFormat};
use lopdf::{Document, Object, ObjectId};
use std::sync::Arc;

/// The distinct images the pages draw, in the order they are first drawn.
#[derive(Debug, Default)]
pub(super) struct Images<'a> {
    images: Vec<&'a Image>,
}

impl<'a> Images<'a> {
    /// The resource name `image` is drawn by, noting it when it is new: `/Im1` for a
    /// raster, `/Fm2` for a drawing, numbered in the order first drawn.
    pub(super) fn name(&mut self, image: &'a Image) -> String {
        let index = match self.images.iter().position(|known| same(known, image)) {
            Some(index) => index,
            None => {
                self.images.push(image);
                self.images.len() - 1
            }
        };
        name(index, image.format)
    }

    /// Whether no image is drawn.
    pub(super) fn is_empty(&self) -> bool {
        self.images.is_empty()
    }
}

/// Whether two images draw the same: the same kind of file with the same bytes.
fn same(a: &Image, b: &Image) -> bool {
    a.format == b.format && (Arc::ptr_eq(&a.data, &b.data) || a.data == b.data)
}

fn name(index: usize, format: ImageFormat) -> String {
    let prefix = match format {
        ImageFormat::Svg => "Fm",
        ImageFormat::Png | ImageFormat::Jpeg => "Im",
    };
    format!("{prefix}{}", index + 1)
}

/// Adds every image of `images` to `pdf` and names it in the `/XObject` resources of
/// `page`, which printpdf writes (empty) as one dictionary that every page's resources
/// refer to: each image is one object, whichever pages draw it.
pub(super) fn embed(pdf: &mut Document, page: ObjectId, images: &Images<'_>) -> Result<()> {
    if images.is_empty() {
        return Ok(());
    }
    let mut named = Vec::with_capacity(images.images.len());
    for (index, image) in images.images.iter().enumerate() {
        let id = match image.format {
            ImageFormat::Jpeg => {
                let stream = raster::jpeg(&image.data)?;
                pdf.add_object(stream)
            }
            ImageFormat::Png => raster::png(pdf, &image.data)?,
            ImageFormat::Svg => vector::form(pdf, &image.data)?,
        };
        named.push((name(index, image.format), id));
    }
    let resources = (pdf.get_dictionary(page))
        .and_then(|page| page.get(b"Resources"))
        .and_then(Object::as_reference)
        .map_err(failed)?;
    let xobjects = (pdf.get_dictionary(resources))
        .and_then(|resources| resources.get(b"XObject"))
        .and_then(Object::as_reference)
        .map_err(failed)?;
    let xobjects = pdf.get_dictionary_mut(xobjects).map_err(failed)?;
    for (name, id) in named {
        if xobjects.has(name.as_bytes()) {
            return Err(output(PdfError::Printpdf {
                detail: format!("the page already has an XObject named {name}"),
            }));
        }
        xobjects.set(name, Object::Reference(id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(format: ImageFormat, data: &[u8]) -> Image {
        Image {
            format,
            data: Arc::from(data),
            width: 1.0,
            height: 1.0,
        }
    }

    #[test]
    fn equal_images_share_a_name_in_the_order_first_drawn() {
        let svg = image(ImageFormat::Svg, b"<svg/>");
        let png = image(ImageFormat::Png, b"png");
        let copy = image(ImageFormat::Png, b"png");
        let mut images = Images::default();
        assert_eq!(images.name(&svg), "Fm1");
        assert_eq!(images.name(&png), "Im2");
        assert_eq!(images.name(&copy), "Im2");
        assert_eq!(images.name(&svg), "Fm1");
        assert_eq!(images.images.len(), 2);
    }
}
