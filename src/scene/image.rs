//! Images as the scene holds them: logos, each the bytes of a checked file and the box it
//! is drawn in.

use super::{Rect, Role};
use std::fmt;
use std::sync::Arc;

/// The kind of an image file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageFormat {
    /// A vector drawing: [`Image::data`] is an SVG document re-written from its parsed tree,
    /// holding only shapes, gradients, patterns, clips and masks (no scripts, no text, no
    /// filters, no references outside itself), so that every writer can embed it as it is.
    Svg,
    /// A PNG file, as given.
    Png,
    /// A JPEG file, as given.
    Jpeg,
}

impl ImageFormat {
    /// The file's media type, as a data URL or an HTML page names it.
    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Svg => "image/svg+xml",
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// A checked image file.
#[derive(Clone, PartialEq)]
pub struct Image {
    /// What kind of file it is.
    pub format: ImageFormat,
    /// The file's bytes: the re-written document for an SVG, the file as given otherwise.
    pub data: Arc<[u8]>,
    /// Its width: pixels for a raster, user units (the view box's) for an SVG.
    pub width: f32,
    /// Its height, in the same units as [`Image::width`].
    pub height: f32,
}

impl Image {
    /// Width over height.
    pub fn aspect(&self) -> f32 {
        self.width / self.height
    }

    /// Reads SVG text as every stage reads a logo: without a document type, so that no
    /// entity can expand, and with at most [`MAX_SVG_NODES`] nodes.
    pub(crate) fn svg_xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
        let options = roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: MAX_SVG_NODES,
            ..roxmltree::ParsingOptions::default()
        };
        roxmltree::Document::parse_with_options(text, options)
    }

    /// What usvg is told when it reads a logo: to load nothing from outside the document.
    pub(crate) fn usvg_options() -> usvg::Options<'static> {
        usvg::Options {
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: Box::new(|_, _, _| None),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        }
    }
}

/// How many XML nodes an SVG logo may hold.
pub const MAX_SVG_NODES: u32 = 200_000;

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Image")
            .field("format", &self.format)
            .field("bytes", &self.data.len())
            .field("width", &self.width)
            .field("height", &self.height)
            .finish()
    }
}

/// An image drawn on the page: a logo.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// The box the image fills, in pt; its aspect is the image's.
    pub rect: Rect,
    /// The image.
    pub image: Image,
    /// What it shows, for readers who cannot see it; `None` for a decorative image, which
    /// assistive technology skips.
    pub alt: Option<String>,
    /// What it belongs with, for the reading order: [`Role::Title`] for a logo of the title
    /// block, read before the title; [`Role::Footer`] for one of the footer, read with it.
    pub role: Role,
    /// The smallest height the layout allows it, in pt: the pre-flight checks report a
    /// logo drawn smaller, which would be hard to recognise.
    pub min_height: f32,
}
