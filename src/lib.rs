//! waypost turns a short TOML description of a training roadmap into a one-page infographic.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod error;
pub mod scene;
pub mod text;
pub mod write;

pub use resvg;
pub use tiny_skia;
pub use usvg;
pub use error::{Diagnostic, Diagnostics, Error, Overflow, Result};
