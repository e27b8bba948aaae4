//! The output formats: the one vocabulary every stage shares, so it sits below them all.

use std::fmt;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Format {
    /// A standalone SVG document with embedded font subsets.
    Svg,
    /// A PNG image (needs the `png` feature).
    Png,
    /// A print PDF with clickable links (needs the `pdf` feature).
    Pdf,
    /// A self-contained web page of the roadmap's text, with the drawn page as a figure.
    Html,
    /// Images for feeds and slides: a summary of the roadmap as three PNGs, square
    /// (1080 × 1080 px), wide (1200 × 675 px, also a 16:9 slide) and tall (1080 × 1350 px),
    /// with alt text for them (needs the `png` feature).
    Social,
    /// The images for feeds and slides as SVG documents, with their alt text.
    SocialSvg,
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 6] = [
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Html,
        Format::Social,
        Format::SocialSvg,
    ];

    /// The formats made when none are named, by the command line and by
    /// [`RenderOptions::default`](crate::RenderOptions::default) (which keeps those this build has): the page itself.
    /// The HTML version, the page's text, is made when asked for.
    pub const DEFAULT: [Format; 3] = [Format::Svg, Format::Png, Format::Pdf];

    /// The extension of the format's files: `svg`, `png`, `pdf` or `html` (the images
    /// for feeds and slides are `png` and `svg` files).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg | Format::SocialSvg => "svg",
            Format::Png | Format::Social => "png",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    /// The format's name, as `--format` takes it: its extension, or `social` and
    /// `social-svg` for the images for feeds and slides.
    pub fn name(self) -> &'static str {
        match self {
            Format::Social => "social",
            Format::SocialSvg => "social-svg",
            other => other.extension(),
        }
    }

    /// Whether the format is one of the images for feeds and slides.
    pub fn is_social(self) -> bool {
        matches!(self, Format::Social | Format::SocialSvg)
    }

    /// Whether this build has the format's writer (the `png` and `pdf` Cargo features).
    pub fn is_available(self) -> bool {
        match self {
            Format::Svg | Format::Html | Format::SocialSvg => true,
            Format::Png | Format::Social => cfg!(feature = "png"),
            Format::Pdf => cfg!(feature = "pdf"),
        }
    }

    /// The formats this build can write, in the order of [`Format::ALL`].
    pub fn available() -> Vec<Format> {
        Format::ALL
            .into_iter()
            .filter(|f| f.is_available())
            .collect()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
