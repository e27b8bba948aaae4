//! Writers: each turns a [`Scene`](crate::scene::Scene) into one output format.
//!
//! None of them lays anything out; they walk the scene and emit each item.

pub mod html;
#[cfg(feature = "pdf")]
pub mod pdf;
#[cfg(feature = "png")]
pub mod png;
pub mod svg;

mod escape;
mod subset;

pub use crate::format::Format;
