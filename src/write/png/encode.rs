//! PNG encoding of a rendered page.

use super::PngOptions;
use crate::error::{Error, Result};

/// Encodes premultiplied RGBA rows of an opaque page, `width` pixels wide, as an RGB PNG
/// with `options.dpi` recorded. The RGB rows are packed into the front of `rgba` itself:
/// a fresh 26 MB buffer for an A4 page at 300 dpi costs more in page faults than the
/// packing does.
pub(super) fn rgb(
    mut rgba: Vec<u8>,
    width: u32,
    height: u32,
    options: &PngOptions,
) -> Result<Vec<u8>> {
    let row = width as usize * 4;
    let mut scratch = vec![0; row];
    for y in 0..height as usize {
        // Row y's RGB lands on bytes the first y rows' RGBA held, so copy it out first.
        scratch.copy_from_slice(&rgba[y * row..(y + 1) * row]);
        let packed = &mut rgba[y * width as usize * 3..(y + 1) * width as usize * 3];
        for (rgb, rgba) in packed.chunks_exact_mut(3).zip(scratch.chunks_exact(4)) {
            rgb.copy_from_slice(&rgba[..3]);
        }
    }
    rgba.truncate(width as usize * height as usize * 3);
    let fail = |e: png::EncodingError| Error::Output {
        format: "png",
        reason: e.to_string(),
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Measured on the example at 300 dpi (see benches/render.rs): fdeflate with the Up
    // filter is the fastest encoder png has and still makes a reasonable file; for the
    // smallest file, zlib's best level does better on this flat artwork without a filter
    // than with png's adaptive choice.
    let (deflate, filter) = if options.small {
        (png::DeflateCompression::Level(9), png::Filter::NoFilter)
    } else {
        (png::DeflateCompression::FdeflateUltraFast, png::Filter::Up)
    };
    encoder.set_deflate_compression(deflate);
    encoder.set_filter(filter);
    let per_metre = (f64::from(options.dpi) / 0.0254).round() as u32;
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(fail)?;
    writer.write_image_data(&rgba).map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(out)
}
