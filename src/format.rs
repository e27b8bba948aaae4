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
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 4] = [Format::Svg, Format::Png, Format::Pdf, Format::Html];

    /// The formats made when none are named, by the command line and by
    /// [`RenderOptions::default`](crate::RenderOptions::default) (which keeps those this build has): the page itself.
    /// The HTML version, the page's text, is made when asked for.
    pub const DEFAULT: [Format; 3] = [Format::Svg, Format::Png, Format::Pdf];

    /// The file extension, which is also the format's name: `svg`, `png`, `pdf` or `html`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }

    /// Whether this build has the format's writer (the `png` and `pdf` Cargo features).
    pub fn is_available(self) -> bool {
        match self {
            Format::Svg | Format::Html => true,
            Format::Png => cfg!(feature = "png"),
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
        f.write_str(self.extension())
    }
}
