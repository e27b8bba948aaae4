//! PNG encoding of RGB rows.

use super::PngOptions;
use crate::error::{Error, Result};

/// Encodes `rgb`, rows of `width` RGB pixels, as a PNG with `options.dpi` recorded.
pub(super) fn rgb(rgb: &[u8], width: u32, height: u32, options: &PngOptions) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let fail = |e: png::EncodingError| Error::Output {
        format: "png",
        reason: e.to_string(),
    };
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(if options.small {
            png::Compression::High
        } else {
            png::Compression::Fast
        });
        let per_metre = (f64::from(options.dpi) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
        let mut writer = encoder.write_header().map_err(fail)?;
        writer.write_image_data(rgb).map_err(fail)?;
        writer.finish().map_err(fail)?;
    }
    Ok(out)
}
