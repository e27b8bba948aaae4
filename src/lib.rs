//! waypost turns a short TOML description of a training roadmap into a one-page
//! infographic: an SVG for the web, a PNG, and a print-ready, tagged PDF whose links can
//! be clicked; and into an HTML page of the same content, the accessible alternative.
//!
//! # One call
//!
//! [`render`] lays a roadmap out, runs the pre-flight checks and writes the formats asked
//! for in [`RenderOptions`]; [`render_str`] does the same from the text of a roadmap file.
//!
//! ```
//! # #[cfg(feature = "pdf")] {
//! let source = std::fs::read_to_string("examples/link-worker-training.toml")?;
//! let options = waypost::RenderOptions {
//!     formats: vec![waypost::Format::Svg, waypost::Format::Pdf],
//!     ..Default::default()
//! };
//! let rendered = waypost::render_str("link-worker-training.toml", &source, &options)?;
//! if !rendered.report.is_clean() {
//!     eprintln!("the page has problems: {:#?}", rendered.report);
//! }
//! let svg: &str = rendered.svg.as_deref().expect("asked for");
//! assert!(svg.contains("Link worker induction guide"));
//! assert!(rendered.pdf.expect("asked for").starts_with(b"%PDF"));
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The pipeline
//!
//! Every page goes through the same four stages, each a module whose entry function is
//! public for callers that need one stage alone:
//!
//! 1. **model** — [`model::parse`] reads a roadmap file and validates it once, reporting
//!    every problem with its line and column. The [`model::Roadmap`] it returns cannot hold
//!    a bad value.
//! 2. **layout** — [`layout::layout`] measures every text with the roadmap's fonts (its
//!    own `[fonts]`, with the bundled Noto Sans drawing what they lack, or Noto Sans alone;
//!    the `text` module, crate-private), chooses type sizes and card columns that fit the page described by a
//!    [`layout::Preset`], and produces a scene.
//! 3. **scene** — a [`scene::Scene`] is a flat list of positioned shapes, text lines, QR
//!    codes and links in points, top-left origin. It is the only thing writers see, and
//!    what [`preflight::inspect`] checks.
//! 4. **write** — [`write::svg::write`], `write::png::write` and `write::pdf::write` each
//!    turn the scene into bytes. None of them lays anything out. [`write::html::write`]
//!    writes the roadmap itself as a web page, with the scene as a figure.
//!
//! Beside the pipeline, [`diff::diff`] compares two editions of a roadmap offer by offer,
//! and [`diff::mark_new`] marks the offers a new edition adds, so that their cards carry a
//! "New" badge. [`table`] turns rows of a spreadsheet into a roadmap file and back.
//!
//! # Cargo features
//!
//! - `png` (default): the PNG writer, drawn by resvg; re-exports `resvg`, `usvg` and
//!   `tiny_skia`, which appear in its API.
//! - `pdf` (default): the PDF writer, built with printpdf.
//! - `schema` (default through `cli`): [`model::schema`], the JSON Schema of the roadmap
//!   format, derived with schemars.
//! - `cli` (default): the `waypost` command; implies `png`, `pdf` and `schema`.
//!
//! With `default-features = false` the crate parses, lays out, checks and writes SVG, and
//! depends on neither resvg, printpdf nor the command line's crates.
//!
//! # Guarantees
//!
//! The library does no file or terminal I/O and reads no clock: the same input gives the
//! same bytes, in one process or many, on one thread or several at once. Only the bundled
//! fonts and those a roadmap names (handed over as bytes, [`model::parse_with`]) are used,
//! never the system's. Every public type is `Send` and `Sync`.
//!
//! # Limits
//!
//! Hostile or mistaken input is capped before work grows with it, each cap a public
//! constant: a roadmap source of at most [`model::MAX_SOURCE`] bytes (1 MiB), with at most
//! [`model::MAX_STAGES`] stages and [`model::MAX_OFFERS`] offers (which bound the time a
//! fit takes); at most [`model::MAX_LOGOS`] logos coming to [`model::MAX_LOGO_BYTES`] bytes
//! together, each named file at most [`model::MAX_ASSET`] bytes; each link at most [`model::Url::MAX_LEN`] characters, a PNG at
//! most [`write::png::MAX_SIDE`] pixels a side and [`write::png::MAX_PIXELS`] in all, a
//! bleed of at most [`scene::MAX_BLEED_MM`] mm; an import at most [`table::MAX_ROWS`] rows,
//! [`table::MAX_COLUMNS`] columns and [`table::MAX_CELL`] characters a cell. A roadmap's
//! own font is refused when its composite glyphs nest deeper than
//! [`model::MAX_COMPONENT_DEPTH`] or come to more than [`model::MAX_GLYPH_PARTS`] pieces or
//! [`model::MAX_GLYPH_POINTS`] points, when its metrics reach past [`model::MAX_METRIC_EMS`]
//! ems, or when its substitutions make more than [`model::MAX_GLYPHS_PER_CHAR`] glyphs a
//! character; the shaper holds every run of text to that too.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod diff;
pub mod error;
mod format;
pub mod layout;
pub mod model;
pub mod preflight;
mod render;
pub mod scene;
pub mod table;
pub(crate) mod text;
pub mod units;
pub mod write;

pub use error::{
    Diagnostic, Diagnostics, Error, Overflow, Part, PdfError, PngError, Result, Severity,
};
pub use format::Format;

/// Not part of the API and not covered by semver: steps of the PNG writer, for the
/// benchmarks to time one by one (the `internals` feature).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    use crate::Result;

    /// Parses an SVG document with the bundled fonts only.
    pub fn parse_svg(svg: &str) -> Result<usvg::Tree> {
        crate::write::png::parse_svg(svg)
    }

    /// Draws a parsed document into a pixmap of the given size, in bands on `threads`
    /// threads (0: every core).
    pub fn render_tree(
        tree: &usvg::Tree,
        width: u32,
        height: u32,
        threads: usize,
    ) -> Result<tiny_skia::Pixmap> {
        crate::write::png::render_tree(tree, width, height, threads)
    }
}
pub use render::{render, render_str, RenderOptions, Rendered, SocialImage};
#[cfg(feature = "png")]
pub use resvg;
#[cfg(feature = "png")]
pub use tiny_skia;
#[cfg(feature = "png")]
pub use usvg;
