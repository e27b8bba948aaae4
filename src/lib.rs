//! waypost turns a short TOML description of a training roadmap into a one-page
//! infographic: an SVG for the web, a PNG, and a print-ready PDF whose links can be clicked.
//!
//! # The pipeline
//!
//! Every page goes through the same four stages, each a module:
//!
//! 1. **model** — [`model::parse`] reads a roadmap file and validates it once, reporting
//!    every problem with its line and column. The [`model::Roadmap`] it returns cannot hold
//!    a bad value.
//! 2. **layout** — [`layout::layout`] measures every text with the bundled fonts
//!    ([`text`]), chooses type sizes and card columns that fit the page described by a
//!    [`layout::Preset`], and produces a scene.
//! 3. **scene** — a [`scene::Scene`] is a flat list of positioned shapes, text lines and
//!    links in points, top-left origin. It is the only thing writers see.
//! 4. **write** — [`write::svg`], [`write::png`] and [`write::pdf`] each turn the scene
//!    into bytes. None of them lays anything out.
//!
//! ```
//! let source = r#"
//!     title = "Training roadmap"
//!     [[stage]]
//!     title = "Induction"
//!     [[stage.offer]]
//!     title = "Induction guide"
//!     provider = "NHS England"
//!     url = "https://www.england.nhs.uk/"
//!     cost = "free"
//! "#;
//! let roadmap = waypost::model::parse("roadmap.toml", source)?;
//! let preset = waypost::layout::Preset::builtin("road").expect("built in");
//! let scene = waypost::layout::layout(&roadmap, &preset, &Default::default())?;
//! let svg = waypost::write::svg::write(&scene, &Default::default());
//! assert!(svg.contains("Induction guide"));
//! # #[cfg(feature = "pdf")] {
//! let pdf = waypost::write::pdf::write(&scene)?;
//! assert!(pdf.starts_with(b"%PDF"));
//! # }
//! # Ok::<(), waypost::Error>(())
//! ```
//!
//! The library does no file or terminal I/O and reads no clock: the same input gives the
//! same bytes, in one process or many. Only the bundled fonts are used, never the system's.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod layout;
pub mod model;
pub mod preflight;
mod render;
pub mod scene;
pub mod text;
pub mod write;

pub use error::{Diagnostic, Diagnostics, Error, Overflow, Part, Result};
pub use render::{render, render_str, Format, RenderOptions, Rendered};
#[cfg(feature = "png")]
pub use resvg;
#[cfg(feature = "png")]
pub use tiny_skia;
#[cfg(feature = "png")]
pub use usvg;
