//! PNG encoding of a rendered page.

use super::PngOptions;
use crate::error::{Error, PngError, Result};

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
    let (width, pixels) = (width as usize, width as usize * height as usize);
    let mut row = vec![0; width * 4];
    for y in 0..height as usize {
        // Row y's RGB lands on bytes the first rows' RGBA held, so copy it out first.
        row.copy_from_slice(&rgba[y * width * 4..(y + 1) * width * 4]);
        // Whole pixels are copied, each alpha byte landing where the next red goes; the
        // last one lands on the next row's first byte, or past the RGB of the last row.
        let packed = &mut rgba[y * width * 3..(y + 1) * width * 3 + 1];
        for (x, pixel) in row.chunks_exact(4).enumerate() {
            packed[x * 3..x * 3 + 4].copy_from_slice(pixel);
        }
    }
    rgba.truncate(pixels * 3);
    let fail = |e: png::EncodingError| {
        Error::Png(PngError::Encode {
            detail: e.to_string(),
        })
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width as u32, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // The scene's colours are sRGB: saying so keeps colour-managed viewers from guessing.
    encoder.set_source_srgb(png::SrgbRenderingIntent::Perceptual);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_holds_the_pixels_without_alpha_in_both_modes() {
        let (width, height) = (7, 5);
        let rgba: Vec<u8> = (0..width * height * 4)
            .map(|i| {
                if i % 4 == 3 {
                    255
                } else {
                    (i * 37 % 251) as u8
                }
            })
            .collect();
        let expected: Vec<u8> = rgba
            .chunks_exact(4)
            .flat_map(|px| [px[0], px[1], px[2]])
            .collect();
        for small in [false, true] {
            let options = PngOptions {
                dpi: 72.0,
                small,
                ..Default::default()
            };
            let bytes = self::rgb(rgba.clone(), width as u32, height as u32, &options).unwrap();
            let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
                .read_info()
                .unwrap();
            let mut decoded = vec![0; reader.output_buffer_size().unwrap()];
            reader.next_frame(&mut decoded).unwrap();
            assert_eq!(decoded, expected, "small: {small}");
        }
    }
}
