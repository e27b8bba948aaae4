//! Raster images as image XObjects.
//!
//! A JPEG is embedded as its own bytes, which PDF readers decode themselves (`/DCTDecode`).
//! A PNG is decoded, its pixels made 8-bit grey or RGB (palettes, 1–4-bit grey and 16-bit
//! channels expanded or narrowed) and compressed with Flate; any transparency becomes a
//! second, grey image that is the first's soft mask (`/SMask`).

use super::{failed, refused};
use crate::error::Result;
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

/// The most pixels a raster may have, as a roadmap's logos may (50 megapixels): decoding
/// stops before a larger image is held in memory.
const MAX_PIXELS: u64 = 50_000_000;

/// The most memory the PNG decoder may use besides the pixels it gives.
const DECODER_BYTES: usize = 64 * 1024 * 1024;

/// An image XObject's dictionary: `width` × `height` pixels of 8 bits a channel.
fn image_dictionary(width: u32, height: u32, colour_space: &str) -> Dictionary {
    dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => i64::from(width),
        "Height" => i64::from(height),
        "ColorSpace" => Object::Name(colour_space.as_bytes().to_vec()),
        "BitsPerComponent" => 8,
    }
}

fn too_many_pixels(width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(refused(format!(
            "the image is {width} × {height} pixels; an image may have at most {} megapixels",
            MAX_PIXELS / 1_000_000
        )));
    }
    Ok(())
}

/// A JPEG's frame header: its size and its number of colour components.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    width: u32,
    height: u32,
    components: u8,
    precision: u8,
}

/// Walks a JPEG's markers to its frame header.
fn frame(bytes: &[u8]) -> Option<Frame> {
    if !bytes.starts_with(&[0xff, 0xd8]) {
        return None;
    }
    let mut at = 2;
    loop {
        // Fill bytes may stand before a marker.
        while bytes.get(at) == Some(&0xff) && bytes.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        let (Some(&0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return None;
        };
        let length = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))?;
        // Start-of-frame markers: C0–CF but for C4 (tables), C8 (reserved), CC (arithmetic).
        if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
            let frame = bytes.get(at + 4..at + 10)?;
            return Some(Frame {
                precision: frame[0],
                height: u32::from(u16::from_be_bytes([frame[1], frame[2]])),
                width: u32::from(u16::from_be_bytes([frame[3], frame[4]])),
                components: frame[5],
            });
        }
        if marker == 0xd9 || marker == 0xda || length < 2 {
            return None;
        }
        at += 2 + length;
    }
}

/// A JPEG as an image XObject holding the file's bytes unchanged: grey or RGB by its
/// number of components.
pub(super) fn jpeg(bytes: &[u8]) -> Result<Stream> {
    let frame = frame(bytes).ok_or_else(|| refused("the JPEG file has no frame header"))?;
    too_many_pixels(frame.width, frame.height)?;
    let colour_space = match frame.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        n => {
            return Err(refused(format!(
                "the JPEG has {n} colour components; only grey (1) and RGB (3) are embedded"
            )))
        }
    };
    if frame.precision != 8 {
        return Err(refused(format!(
            "the JPEG has {} bits a sample; PDF readers decode 8",
            frame.precision
        )));
    }
    let mut dictionary = image_dictionary(frame.width, frame.height, colour_space);
    dictionary.set("Filter", "DCTDecode");
    Ok(Stream::new(dictionary, bytes.to_vec()).with_compression(false))
}

/// A PNG's pixels, 8 bits a channel: grey or RGB, and alpha when it has any.
#[derive(Debug, PartialEq)]
struct Pixels {
    width: u32,
    height: u32,
    grey: bool,
    colour: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

/// Decodes a PNG into [`Pixels`].
fn decode(bytes: &[u8]) -> Result<Pixels> {
    let damaged = |e: png::DecodingError| refused(format!("the PNG file is damaged: {e}"));
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palettes, transparency chunks and grey of fewer than 8 bits become 8-bit channels;
    // 16-bit channels keep their high byte.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    decoder.set_limits(png::Limits {
        bytes: DECODER_BYTES,
    });
    let mut reader = decoder.read_info().map_err(damaged)?;
    let (width, height) = (reader.info().width, reader.info().height);
    too_many_pixels(width, height)?;
    let size =
        (reader.output_buffer_size()).ok_or_else(|| refused("the PNG is too large to decode"))?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(damaged)?;
    buffer.truncate(frame.buffer_size());
    if frame.bit_depth != png::BitDepth::Eight {
        return Err(refused("the PNG did not decode to 8-bit channels"));
    }
    let (grey, channels) = match frame.color_type {
        png::ColorType::Grayscale => (true, 1),
        png::ColorType::GrayscaleAlpha => (true, 2),
        png::ColorType::Rgb => (false, 3),
        png::ColorType::Rgba => (false, 4),
        png::ColorType::Indexed => return Err(refused("the PNG's palette was not expanded")),
    };
    // Rows are packed: 8-bit channels leave no padding at a row's end.
    let pixels = width as usize * height as usize;
    if buffer.len() != pixels * channels {
        return Err(refused("the PNG decoded to an unexpected number of bytes"));
    }
    let (colour, alpha) = if channels % 2 == 0 {
        let colours = channels - 1;
        let mut colour = Vec::with_capacity(pixels * colours);
        let mut alpha = Vec::with_capacity(pixels);
        for pixel in buffer.chunks_exact(channels) {
            colour.extend_from_slice(&pixel[..colours]);
            alpha.push(pixel[colours]);
        }
        // An alpha channel that is opaque everywhere needs no mask.
        let alpha = alpha.iter().any(|&a| a != u8::MAX).then_some(alpha);
        (colour, alpha)
    } else {
        (buffer, None)
    };
    Ok(Pixels {
        width,
        height,
        grey,
        colour,
        alpha,
    })
}

/// A stream of `bytes` compressed with Flate.
fn compressed(dictionary: Dictionary, bytes: Vec<u8>) -> Result<Stream> {
    let mut stream = Stream::new(dictionary, bytes);
    stream.compress().map_err(failed)?;
    Ok(stream)
}

/// A PNG as an image XObject, with its soft mask when it is not opaque everywhere. Returns
/// the image's object.
pub(super) fn png(pdf: &mut Document, bytes: &[u8]) -> Result<ObjectId> {
    let pixels = decode(bytes)?;
    let mask = match pixels.alpha {
        Some(alpha) => {
            let dictionary = image_dictionary(pixels.width, pixels.height, "DeviceGray");
            Some(pdf.add_object(compressed(dictionary, alpha)?))
        }
        None => None,
    };
    let colour_space = if pixels.grey {
        "DeviceGray"
    } else {
        "DeviceRGB"
    };
    let mut dictionary = image_dictionary(pixels.width, pixels.height, colour_space);
    if let Some(mask) = mask {
        dictionary.set("SMask", mask);
    }
    Ok(pdf.add_object(compressed(dictionary, pixels.colour)?))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A PNG of `width` × `height` pixels in `color` at `depth`, its samples `data` as
    /// packed bytes, and a palette and transparency chunk when given.
    pub(in crate::write::pdf) fn encode(
        (width, height): (u32, u32),
        color: png::ColorType,
        depth: png::BitDepth,
        palette: Option<(&[u8], &[u8])>,
        data: &[u8],
    ) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(color);
        encoder.set_depth(depth);
        if let Some((palette, transparency)) = palette {
            encoder.set_palette(palette.to_vec());
            encoder.set_trns(transparency.to_vec());
        }
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(data).unwrap();
        writer.finish().unwrap();
        out
    }

    #[test]
    fn every_kind_of_png_decodes_to_8_bit_channels() {
        use png::{BitDepth, ColorType};
        // 16-bit RGB: the high bytes.
        let rgb16 = encode(
            (1, 1),
            ColorType::Rgb,
            BitDepth::Sixteen,
            None,
            &[0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc],
        );
        let pixels = decode(&rgb16).unwrap();
        assert_eq!(
            (pixels.grey, pixels.colour, pixels.alpha),
            (false, vec![0x12, 0x56, 0x9a], None)
        );
        // 1-bit grey: 0 and 255.
        let grey1 = encode(
            (2, 1),
            ColorType::Grayscale,
            BitDepth::One,
            None,
            &[0b1000_0000],
        );
        let pixels = decode(&grey1).unwrap();
        assert_eq!(
            (pixels.grey, pixels.colour, pixels.alpha),
            (true, vec![255, 0], None)
        );
        // Grey and alpha: the alpha becomes a mask.
        let grey_alpha = encode(
            (2, 1),
            ColorType::GrayscaleAlpha,
            BitDepth::Eight,
            None,
            &[10, 255, 20, 0],
        );
        let pixels = decode(&grey_alpha).unwrap();
        assert_eq!(
            (pixels.grey, pixels.colour, pixels.alpha),
            (true, vec![10, 20], Some(vec![255, 0]))
        );
        // A palette with a transparent entry: RGB and a mask.
        let palette = encode(
            (2, 1),
            ColorType::Indexed,
            BitDepth::Eight,
            Some((&[255, 0, 0, 0, 0, 255], &[255, 0])),
            &[0, 1],
        );
        let pixels = decode(&palette).unwrap();
        assert_eq!(
            (pixels.colour, pixels.alpha),
            (vec![255, 0, 0, 0, 0, 255], Some(vec![255, 0]))
        );
        // RGBA opaque everywhere: no mask.
        let opaque = encode(
            (1, 1),
            ColorType::Rgba,
            BitDepth::Eight,
            None,
            &[1, 2, 3, 255],
        );
        assert_eq!(decode(&opaque).unwrap().alpha, None);
    }

    #[test]
    fn damaged_or_unusual_files_are_refused_not_panicked_on() {
        assert!(decode(b"\x89PNG\r\n\x1a\n").is_err());
        let good = encode(
            (1, 1),
            png::ColorType::Rgb,
            png::BitDepth::Eight,
            None,
            &[1, 2, 3],
        );
        assert!(decode(&good[..good.len() - 20]).is_err());
        assert!(jpeg(b"\xff\xd8\xff\xd9").is_err());
        assert!(jpeg(b"GIF89a").is_err());
        // A CMYK frame header.
        let cmyk = [
            0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x01, 0x00, 0x01, 0x04,
        ];
        let error = jpeg(&cmyk).unwrap_err().to_string();
        assert!(error.contains("4 colour components"), "{error}");
    }
}
