//! Comparing rendered pages pixel by pixel, and drawing what differs.

use std::io::Cursor;

/// An opaque RGB image.
#[derive(Clone, PartialEq)]
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// RGB bytes, row by row.
    pub rgb: Vec<u8>,
}

impl Image {
    /// From a tiny-skia pixmap of an opaque page (premultiplied equals straight there).
    pub fn from_pixmap(pixmap: &waypost::tiny_skia::Pixmap) -> Image {
        Image {
            width: pixmap.width(),
            height: pixmap.height(),
            rgb: pixmap
                .data()
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect(),
        }
    }

    /// Decodes an 8-bit RGB or RGBA PNG (alpha dropped).
    pub fn decode(bytes: &[u8]) -> Result<Image, String> {
        let decoder = png::Decoder::new(Cursor::new(bytes));
        let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
        let mut buf = vec![0; reader.output_buffer_size().ok_or("image too large")?];
        let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
        let channels = match info.color_type {
            png::ColorType::Rgb => 3,
            png::ColorType::Rgba => 4,
            other => return Err(format!("unexpected colour type {other:?}")),
        };
        if info.bit_depth != png::BitDepth::Eight {
            return Err("not an 8-bit image".to_string());
        }
        let rgb = buf[..info.buffer_size()]
            .chunks_exact(channels)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        Ok(Image {
            width: info.width,
            height: info.height,
            rgb,
        })
    }

    /// Encodes as PNG.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&self.rgb).unwrap();
        writer.finish().unwrap();
        out
    }

    fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * self.width + x) * 3) as usize;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }
}

/// How two images differ.
pub struct Difference {
    /// Pixels whose channels differ by more than the threshold.
    pub pixels: usize,
    /// The largest channel difference seen, 0–255.
    pub max_delta: u8,
    /// Where they differ: a mask, one entry a pixel.
    mask: Vec<bool>,
}

/// Compares two images of the same size: a pixel differs when any channel is more than
/// `threshold` apart. `None` when the sizes differ.
pub fn compare(expected: &Image, actual: &Image, threshold: u8) -> Option<Difference> {
    if (expected.width, expected.height) != (actual.width, actual.height) {
        return None;
    }
    let mut mask = Vec::with_capacity(expected.rgb.len() / 3);
    let mut max_delta = 0;
    for (a, b) in expected.rgb.chunks_exact(3).zip(actual.rgb.chunks_exact(3)) {
        let delta = a
            .iter()
            .zip(b)
            .map(|(x, y)| x.abs_diff(*y))
            .max()
            .unwrap_or(0);
        max_delta = max_delta.max(delta);
        mask.push(delta > threshold);
    }
    Some(Difference {
        pixels: mask.iter().filter(|d| **d).count(),
        max_delta,
        mask,
    })
}

impl Difference {
    /// The expected image faded towards white, with differing pixels in solid red.
    pub fn picture(&self, expected: &Image) -> Image {
        let mut out = expected.clone();
        for y in 0..expected.height {
            for x in 0..expected.width {
                let i = (y * expected.width + x) as usize;
                let px = expected.pixel(x, y);
                let shown = if self.mask[i] {
                    [255, 0, 0]
                } else {
                    px.map(|c| 255 - (255 - c) / 4)
                };
                out.rgb[i * 3..i * 3 + 3].copy_from_slice(&shown);
            }
        }
        out
    }
}
