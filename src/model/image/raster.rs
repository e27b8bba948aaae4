//! PNG and JPEG logos: measured from their headers before any pixel is decoded.

use super::{refuse, Refusal, MAX_PIXELS};
use crate::scene::{Image, ImageFormat};
use std::sync::Arc;

fn too_many_pixels(width: u32, height: u32) -> Result<(), Refusal> {
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

fn raster(format: ImageFormat, bytes: &[u8], width: u32, height: u32) -> Image {
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

/// A JPEG: its markers walked to the frame header, which gives its size and colours.
pub(super) fn jpeg(bytes: &[u8]) -> Result<Image, Refusal> {
    let damaged = || {
        refuse(
            "the JPEG file is damaged: it has no frame header",
            "export the logo again from the program that made it",
        )
    };
    let mut at = 2;
    loop {
        // Fill bytes may stand before a marker.
        while bytes.get(at) == Some(&0xff) && bytes.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        let (Some(&0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(damaged());
        };
        let length = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .ok_or_else(damaged)?;
        // Start-of-frame markers: C0–CF but for C4 (tables), C8 (reserved), CC (arithmetic).
        if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
            let frame = bytes.get(at + 4..at + 10).ok_or_else(damaged)?;
            let height = u32::from(u16::from_be_bytes([frame[1], frame[2]]));
            let width = u32::from(u16::from_be_bytes([frame[3], frame[4]]));
            let components = frame[5];
            too_many_pixels(width, height)?;
            if components != 1 && components != 3 {
                return Err(refuse(
                    "the JPEG is in CMYK colours, which screens and PDF viewers show differently",
                    "save the logo as an RGB JPEG or, better, as a PNG or SVG",
                ));
            }
            return Ok(raster(ImageFormat::Jpeg, bytes, width, height));
        }
        if marker == 0xd9 || marker == 0xda || length < 2 {
            return Err(damaged());
        }
        at += 2 + length;
    }
}
