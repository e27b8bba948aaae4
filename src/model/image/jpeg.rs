//! JPEG logos: what every writer can carry, decoded once when the roadmap is read.
//!
//! The PDF embeds a JPEG's own bytes for its reader to decode (`/DCTDecode`), the SVG and
//! HTML hand them to a browser, and the PNG writer decodes them with zune-jpeg. What all of
//! them show is a JPEG of one frame, coded with Huffman tables, baseline, extended or
//! progressive (SOF0, SOF1, SOF2), 8 bits a sample, grey or RGB. Lossless, hierarchical and
//! arithmetic coding, 12-bit samples and CMYK are refused from the markers; what is left
//! is decoded, strictly, so that a damaged or truncated file is refused here rather than
//! drawn blank in the PNG and as broken data in the PDF.

use super::raster::{raster, too_many_pixels};
use super::{refuse, Refusal, MAX_PIXELS};
use crate::scene::{Image, ImageFormat};
use zune_jpeg::zune_core::bytestream::ZCursor;
use zune_jpeg::zune_core::colorspace::ColorSpace;
use zune_jpeg::zune_core::options::DecoderOptions;

/// The longest side the PNG writer's decoder takes, in pixels (zune-jpeg's default limit).
const MAX_SIDE: u32 = 1 << 14;
/// The most samples (pixels times colour components, each at its sampling) of a
/// progressive JPEG: its decoder holds two bytes of every one until the last scan, so
/// 100 million take 200 MB. That is 50 megapixels in grey or with colour at half
/// resolution (4:2:0), 33 in full colour.
const MAX_PROGRESSIVE_SAMPLES: u64 = 2 * MAX_PIXELS;

const AGAIN: &str = "open the logo in an image editor and save it again as an ordinary JPEG, \
                     or as a PNG";

fn damaged(why: impl std::fmt::Display) -> Refusal {
    refuse(
        format!("the JPEG file is damaged: {why}"),
        "export the logo again from the program that made it",
    )
}

/// A start-of-frame segment: how the image is coded, and its size and colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    /// The marker's second byte, C0–CF.
    marker: u8,
    precision: u8,
    width: u32,
    height: u32,
    components: u8,
    /// How many samples its components hold together, each at its own sampling.
    samples: u64,
    /// How many 8 × 8 blocks they make: each takes at least one bit of coded data.
    blocks: u64,
}

impl Frame {
    /// Reads a frame header: `segment` is what follows the marker's length.
    fn read(marker: u8, segment: &[u8]) -> Result<Frame, Refusal> {
        let header = segment.get(..6).ok_or_else(ends_early)?;
        let components = header[5];
        let specs = (segment.get(6..6 + 3 * usize::from(components))).ok_or_else(ends_early)?;
        // Each component's horizontal and vertical sampling factors, 1 to 4.
        let factors: Vec<(u64, u64)> = (specs.chunks_exact(3))
            .map(|spec| (u64::from(spec[1] >> 4), u64::from(spec[1] & 0x0f)))
            .collect();
        if (factors.iter()).any(|&(h, v)| !(1..=4).contains(&h) || !(1..=4).contains(&v)) {
            return Err(damaged("a colour component's sampling is wrong"));
        }
        let height = u32::from(u16::from_be_bytes([header[1], header[2]]));
        let width = u32::from(u16::from_be_bytes([header[3], header[4]]));
        let h_max = factors.iter().map(|f| f.0).max().unwrap_or(1);
        let v_max = factors.iter().map(|f| f.1).max().unwrap_or(1);
        let (mut samples, mut blocks) = (0, 0);
        for (h, v) in factors {
            let across = (u64::from(width) * h).div_ceil(h_max);
            let down = (u64::from(height) * v).div_ceil(v_max);
            samples += across * down;
            blocks += across.div_ceil(8) * down.div_ceil(8);
        }
        Ok(Frame {
            marker,
            precision: header[0],
            width,
            height,
            components,
            samples,
            blocks,
        })
    }
}

fn ends_early() -> Refusal {
    damaged("it ends early")
}

/// What a JPEG's markers say: its frame headers, and how many bytes of coded image data
/// its scans hold.
struct Markers {
    frames: Vec<Frame>,
    coded: u64,
}

/// Walks the file's markers from start to end, through the coded data of each scan, up to
/// the end-of-image marker, checking each frame header as it comes.
fn markers(bytes: &[u8]) -> Result<Markers, Refusal> {
    let mut found = Markers {
        frames: Vec::new(),
        coded: 0,
    };
    let mut at = 2;
    loop {
        // Fill bytes may stand before a marker.
        while bytes.get(at) == Some(&0xff) && bytes.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        let (Some(&0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return Err(ends_early());
        };
        match marker {
            0xd9 => return Ok(found),
            // Restart markers and TEM stand alone, without a length.
            0x01 | 0xd0..=0xd7 => {
                at += 2;
                continue;
            }
            _ => {}
        }
        let length = bytes
            .get(at + 2..at + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
            .ok_or_else(ends_early)?;
        if length < 2 {
            return Err(damaged("a marker's length is wrong"));
        }
        // Start-of-frame markers: C0–CF but for C4 (Huffman tables), C8 (reserved) and
        // CC (arithmetic conditioning).
        if (0xc0..=0xcf).contains(&marker) && ![0xc4, 0xc8, 0xcc].contains(&marker) {
            let segment = bytes.get(at + 4..at + 2 + length).ok_or_else(ends_early)?;
            // Checked as soon as read: a size or coding refused says so, whatever follows.
            let frame = Frame::read(marker, segment)?;
            check_frame(frame)?;
            found.frames.push(frame);
        }
        at += 2 + length;
        if marker == 0xda {
            // A scan's coded data runs to the next marker: 0xFF not followed by 0 (a
            // stuffed byte) or a restart marker.
            let coded = (bytes.get(at..).unwrap_or_default().windows(2))
                .position(|w| w[0] == 0xff && w[1] != 0 && !(0xd0..=0xd7).contains(&w[1]))
                .ok_or_else(ends_early)?;
            found.coded += coded as u64;
            at += coded;
        }
    }
}

/// What coding a start-of-frame marker other than SOF0–SOF2 says, for a person.
fn coding(marker: u8) -> &'static str {
    match marker {
        0xc3 => "lossless coding",
        0xc5..=0xc7 => "hierarchical coding",
        0xc9..=0xcb => "arithmetic coding",
        _ => "hierarchical arithmetic coding",
    }
}

/// Refuses a frame that not every writer can show.
fn check_frame(frame: Frame) -> Result<(), Refusal> {
    if !(0xc0..=0xc2).contains(&frame.marker) {
        return Err(refuse(
            format!(
                "the JPEG is stored with {} (SOF{}), which many programs and PDF readers \
                 cannot show",
                coding(frame.marker),
                frame.marker - 0xc0
            ),
            AGAIN,
        ));
    }
    if frame.precision != 8 {
        return Err(refuse(
            format!(
                "the JPEG has {} bits a sample; browsers and PDF readers show 8",
                frame.precision
            ),
            AGAIN,
        ));
    }
    match frame.components {
        1 | 3 => {}
        4 => {
            return Err(refuse(
                "the JPEG is in CMYK colours, which screens and PDF viewers show differently",
                "save the logo as an RGB JPEG or, better, as a PNG or SVG",
            ))
        }
        n => {
            return Err(refuse(
                format!("the JPEG has {n} colour components; a logo's JPEG is grey (1) or RGB (3)"),
                AGAIN,
            ))
        }
    }
    too_many_pixels(frame.width, frame.height)?;
    if frame.width.max(frame.height) > MAX_SIDE {
        return Err(refuse(
            format!(
                "the image is {} × {} pixels; a JPEG logo may be at most {MAX_SIDE} pixels on \
                 a side",
                frame.width, frame.height
            ),
            "save a smaller version: 2000 pixels across prints a 15 cm logo sharply",
        ));
    }
    if frame.marker == 0xc2 && frame.samples > MAX_PROGRESSIVE_SAMPLES {
        return Err(refuse(
            format!(
                "the JPEG is {} × {} pixels stored progressively in full colour, which takes \
                 too much memory to read ({} million samples; at most {} million)",
                frame.width,
                frame.height,
                frame.samples / 1_000_000,
                MAX_PROGRESSIVE_SAMPLES / 1_000_000
            ),
            "save a smaller version (2000 pixels across prints a 15 cm logo sharply), or \
             save it as a baseline, not progressive, JPEG",
        ));
    }
    Ok(())
}

/// A JPEG: its one frame header checked, then the whole image decoded, strictly, as grey
/// (which reads every component's data with a byte a pixel of memory).
pub(super) fn jpeg(bytes: &[u8]) -> Result<Image, Refusal> {
    let markers = markers(bytes)?;
    let frame = match markers.frames[..] {
        [] => return Err(damaged("it has no frame header")),
        [frame] => frame,
        ref several => {
            return Err(damaged(format!(
                "it has {} frame headers, where a JPEG has one",
                several.len()
            )))
        }
    };
    // The decoder reads zeros where coded data stops early, and draws them as an image.
    if markers.coded * 8 < frame.blocks {
        return Err(damaged(format!(
            "it holds too little image data for {} × {} pixels",
            frame.width, frame.height
        )));
    }
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::Luma);
    zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options)
        .decode()
        .map_err(damaged)?;
    Ok(raster(ImageFormat::Jpeg, bytes, frame.width, frame.height))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A baseline RGB JPEG of 16 × 16 pixels made by Pillow; its frame header (SOF0) starts
    /// at byte 158.
    const JPEG: &[u8] = include_bytes!("../../write/pdf/testdata/red-blue-16x16.jpg");
    const SOF: usize = 158;

    fn refusal(bytes: &[u8]) -> String {
        jpeg(bytes).expect_err("refused").message
    }

    fn with(at: usize, replaced: &[u8]) -> Vec<u8> {
        let mut bytes = JPEG.to_vec();
        bytes[at..at + replaced.len()].copy_from_slice(replaced);
        bytes
    }

    #[test]
    fn a_whole_baseline_or_progressive_jpeg_is_read_with_its_size() {
        let progressive = include_bytes!("../../write/pdf/testdata/red-blue-progressive-16x16.jpg");
        for bytes in [JPEG, progressive] {
            let image = jpeg(bytes).expect("a good JPEG");
            assert_eq!((image.width, image.height), (16.0, 16.0));
            assert_eq!(&image.data[..], bytes);
        }
    }

    #[test]
    fn a_jpeg_that_stops_early_is_damaged() {
        for end in [3, 100, 200, JPEG.len() - 20, JPEG.len() - 2] {
            let message = refusal(&JPEG[..end]);
            assert!(
                message.contains("damaged: it ends early"),
                "{end}: {message}"
            );
        }
    }

    #[test]
    fn codings_other_than_huffman_sequential_and_progressive_are_refused() {
        for (marker, coding) in [
            (0xc3, "lossless coding (SOF3)"),
            (0xc5, "hierarchical coding (SOF5)"),
            (0xc9, "arithmetic coding (SOF9)"),
            (0xcf, "hierarchical arithmetic coding (SOF15)"),
        ] {
            let message = refusal(&with(SOF + 1, &[marker]));
            assert!(message.contains(coding), "{message}");
        }
        // SOF1 is SOF0's extension: the same file reads the same.
        assert!(jpeg(&with(SOF + 1, &[0xc1])).is_ok());
    }

    #[test]
    fn one_frame_of_8_bit_grey_or_rgb_samples() {
        let header = &JPEG[SOF..SOF + 19];
        let twice = [&JPEG[..SOF], header, &JPEG[SOF..]].concat();
        assert!(refusal(&twice).contains("2 frame headers"));
        assert!(refusal(&with(SOF + 4, &[12])).contains("12 bits a sample"));
        // Four components: the segment 3 bytes longer, the fourth like the third.
        let four = [
            &JPEG[..SOF + 2],
            &[0, 20, 8, 0, 16, 0, 16, 4],
            &JPEG[SOF + 10..SOF + 19],
            &JPEG[SOF + 16..],
        ]
        .concat();
        assert!(refusal(&four).contains("CMYK"));
    }

    #[test]
    fn a_size_the_data_cannot_hold_is_refused_before_decoding() {
        // 7000 × 7000 pixels claimed, 16 × 16 pixels' worth of data.
        let message = refusal(&with(SOF + 5, &[0x1b, 0x58, 0x1b, 0x58]));
        assert!(
            message.contains("too little image data for 7000 × 7000 pixels"),
            "{message}"
        );
        let message = refusal(&with(SOF + 5, &[0x00, 0x10, 0x4e, 0x20]));
        assert!(
            message.contains("at most 16384 pixels on a side"),
            "{message}"
        );
        let message = refusal(&with(SOF + 5, &[0x27, 0x10, 0x27, 0x10]));
        assert!(message.contains("100 megapixels"), "{message}");
        // Progressive, 6000 × 6000 in full colour: 108 million samples.
        let message = refusal(&with(SOF + 1, &[0xc2, 0, 17, 8, 0x17, 0x70, 0x17, 0x70]));
        assert!(message.contains("108 million samples"), "{message}");
    }
}
