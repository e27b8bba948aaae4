//! Raster logos: their size in pixels checked before any pixel is decoded, and PNGs read
//! through.

use super::{refuse, Refusal, MAX_PIXELS};
use crate::scene::{Image, ImageFormat};
use std::sync::Arc;

/// Refuses an image of no pixels or of more than [`MAX_PIXELS`].
pub(super) fn too_many_pixels(width: u32, height: u32) -> Result<(), Refusal> {
    if width == 0 || height == 0 {
        return Err(refuse(
            "the image has no pixels",
            "export the logo again from the program that made it",
        ));
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PIXELS {
        return Err(refuse(
            format!(
                "the image is {width} × {height} pixels ({:.0} megapixels); a logo may have at \
                 most {} megapixels",
                pixels as f64 / 1e6,
                MAX_PIXELS / 1_000_000
            ),
            "save a smaller version: 2000 pixels across prints a 15 cm logo sharply",
        ));
    }
    Ok(())
}

/// A raster image of its file's own bytes.
pub(super) fn raster(format: ImageFormat, bytes: &[u8], width: u32, height: u32) -> Image {
    Image {
        format,
        data: Arc::from(bytes),
        width: width as f32,
        height: height as f32,
    }
}

/// A PNG: measured from its header, then read row by row (one row in memory at a time), so
/// that a damaged file is refused here rather than drawn broken.
pub(super) fn png(bytes: &[u8]) -> Result<Image, Refusal> {
    let damaged = |why: String| {
        refuse(
            format!("the PNG file is damaged: {why}"),
            "export the logo again from the program that made it",
        )
    };
    // The header: signature, then the IHDR chunk's length, its name, width and height.
    let header = bytes
        .get(8..24)
        .ok_or_else(|| damaged("it ends early".into()))?;
    if &header[4..8] != b"IHDR" {
        return Err(damaged("it has no header".into()));
    }
    let number = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (width, height) = (number(8), number(12));
    too_many_pixels(width, height)?;
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_limits(png::Limits {
        bytes: 64 * 1024 * 1024,
    });
    let mut reader = decoder.read_info().map_err(|e| damaged(e.to_string()))?;
    while reader
        .next_row()
        .map_err(|e| damaged(e.to_string()))?
        .is_some()
    {}
    Ok(raster(ImageFormat::Png, bytes, width, height))
}
