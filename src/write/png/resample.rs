//! Raster logos made the size they are drawn at before the page is rasterised: each PNG or
//! JPEG far larger than the pixels it covers is scaled down with an area filter (every
//! source pixel counted by how much of it a target pixel covers), where the renderer
//! would sample it and leave moiré in fine patterns. The PDF and SVG keep the original.

use crate::scene::{Image, ImageFormat, Item, Scene};
use std::sync::Arc;

/// How much larger than its drawn size an image must be to be scaled down first.
const LARGER: f32 = 1.25;

/// The scene with its large raster images scaled down to the pixels they cover at `dpi`;
/// `None` when none needs it.
pub(super) fn resampled(scene: &Scene, dpi: f32) -> Option<Scene> {
    let mut scene = scene.clone();
    let changed = shrink(&mut scene.items, dpi / 72.0);
    changed.then_some(scene)
}

/// Shrinks the images among `items`, returning whether any was.
fn shrink(items: &mut [Item], px_per_pt: f32) -> bool {
    let mut changed = false;
    for item in items {
        match item {
            Item::Image(picture) => {
                let target = (
                    (picture.rect.width * px_per_pt).round().max(1.0),
                    (picture.rect.height * px_per_pt).round().max(1.0),
                );
                let image = &picture.image;
                let raster = matches!(image.format, ImageFormat::Png | ImageFormat::Jpeg);
                let large = image.width > target.0 * LARGER || image.height > target.1 * LARGER;
                if raster && large {
                    if let Some(smaller) = scaled(image, target.0 as u32, target.1 as u32) {
                        picture.image = smaller;
                        changed = true;
                    }
                }
            }
            Item::Link(link) => changed |= shrink(&mut link.children, px_per_pt),
            _ => {}
        }
    }
    changed
}

/// The image as a PNG of `width` × `height` pixels; `None` when it cannot be decoded (it
/// is then drawn as it is).
fn scaled(image: &Image, width: u32, height: u32) -> Option<Image> {
    let (pixels, w, h) = match image.format {
        ImageFormat::Png => decode_png(&image.data)?,
        ImageFormat::Jpeg => decode_jpeg(&image.data)?,
        ImageFormat::Svg => return None,
    };
    let premultiplied: Vec<f32> = (pixels.chunks_exact(4))
        .flat_map(|p| {
            let a = f32::from(p[3]) / 255.0;
            [
                f32::from(p[0]) * a,
                f32::from(p[1]) * a,
                f32::from(p[2]) * a,
                a * 255.0,
            ]
        })
        .collect();
    let across = area_resample(&premultiplied, (w, h), width, Axis::X);
    let both = area_resample(&across, (width, h), height, Axis::Y);
    let rgba: Vec<u8> = (both.chunks_exact(4))
        .flat_map(|p| {
            let a = p[3];
            let un = |c: f32| if a > 0.0 { c * 255.0 / a } else { 0.0 };
            let byte = |v: f32| v.round().clamp(0.0, 255.0) as u8;
            [byte(un(p[0])), byte(un(p[1])), byte(un(p[2])), byte(a)]
        })
        .collect();
    let mut data = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut data, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&rgba).ok()?;
    }
    Some(Image {
        format: ImageFormat::Png,
        data: Arc::from(data),
        width: image.width,
        height: image.height,
    })
}

/// The axis a pass resamples along.
#[derive(Clone, Copy)]
enum Axis {
    X,
    Y,
}

/// RGBA pixels (`size` = width × height, four values each) resampled along `axis` to
/// `to` pixels: each output pixel the mean of the input it covers, input pixels cut by
/// its edges counted by the part inside.
fn area_resample(pixels: &[f32], (width, height): (u32, u32), to: u32, axis: Axis) -> Vec<f32> {
    let (from, lines) = match axis {
        Axis::X => (width as usize, height as usize),
        Axis::Y => (height as usize, width as usize),
    };
    let to = to as usize;
    let (out_w, out_h) = match axis {
        Axis::X => (to, height as usize),
        Axis::Y => (width as usize, to),
    };
    let mut out = vec![0.0; out_w * out_h * 4];
    let scale = from as f32 / to as f32;
    let at = |line: usize, i: usize| match axis {
        Axis::X => (line * from + i) * 4,
        Axis::Y => (i * lines + line) * 4,
    };
    let out_at = |line: usize, i: usize| match axis {
        Axis::X => (line * to + i) * 4,
        Axis::Y => (i * lines + line) * 4,
    };
    for line in 0..lines {
        for o in 0..to {
            let (start, end) = (o as f32 * scale, (o + 1) as f32 * scale);
            let mut sum = [0.0_f32; 4];
            let mut weight = 0.0;
            let first = start.floor() as usize;
            let last = (end.ceil() as usize).min(from);
            for i in first..last {
                let cover = (end.min(i as f32 + 1.0) - start.max(i as f32)).max(0.0);
                let p = at(line, i);
                for (s, v) in sum.iter_mut().zip(&pixels[p..p + 4]) {
                    *s += v * cover;
                }
                weight += cover;
            }
            let q = out_at(line, o);
            for (c, s) in out[q..q + 4].iter_mut().zip(sum) {
                *c = if weight > 0.0 { s / weight } else { 0.0 };
            }
        }
    }
    out
}

/// A PNG's pixels as 8-bit RGBA, with its size.
fn decode_png(data: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(data));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let mut buffer = vec![0; reader.output_buffer_size()?];
    let frame = reader.next_frame(&mut buffer).ok()?;
    let (w, h) = (frame.width, frame.height);
    let pixels = &buffer[..frame.buffer_size()];
    let rgba: Vec<u8> = match frame.color_type {
        png::ColorType::Rgba => pixels.to_vec(),
        png::ColorType::Rgb => (pixels.chunks_exact(3))
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => (pixels.chunks_exact(2))
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => pixels.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => return None,
    };
    Some((rgba, w, h))
}

/// A JPEG's pixels as 8-bit RGBA, with its size.
fn decode_jpeg(data: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGBA);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(data), options);
    let pixels = decoder.decode().ok()?;
    let (w, h) = decoder.dimensions()?;
    let (w, h) = (u32::try_from(w).ok()?, u32::try_from(h).ok()?);
    (pixels.len() == (w * h * 4) as usize).then_some((pixels, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_area_filter_averages_what_each_pixel_covers() {
        // Four pixels, black, white, black, white, to two: each the mean of two.
        let row: Vec<f32> = [0.0, 255.0, 0.0, 255.0]
            .iter()
            .flat_map(|&v| [v, v, v, 255.0])
            .collect();
        let out = area_resample(&row, (4, 1), 2, Axis::X);
        assert_eq!(
            out,
            [127.5, 127.5, 127.5, 255.0, 127.5, 127.5, 127.5, 255.0]
        );
        // Three to two: the middle pixel is shared half and half.
        let row: Vec<f32> = [0.0, 90.0, 180.0]
            .iter()
            .flat_map(|&v| [v, v, v, 255.0])
            .collect();
        let out = area_resample(&row, (3, 1), 2, Axis::X);
        assert!(
            (out[0] - 30.0).abs() < 1e-3 && (out[4] - 150.0).abs() < 1e-3,
            "{out:?}"
        );
        // Along the other axis, a column.
        let column: Vec<f32> = [0.0, 255.0]
            .iter()
            .flat_map(|&v| [v, v, v, 255.0])
            .collect();
        let out = area_resample(&column, (1, 2), 1, Axis::Y);
        assert_eq!(out, [127.5, 127.5, 127.5, 255.0]);
    }
}
