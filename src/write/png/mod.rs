//! PNG writer: the SVG of the scene rendered by resvg with the scene's fonts only: the
//! bundled Noto Sans and a roadmap's own faces, never the system's.
//!
//! Going through the SVG writer keeps the image and the SVG the same drawing; usvg shapes
//! text with harfrust, the shaper the layout measured with, so lines keep their widths.

mod bands;
mod encode;
mod paint;
mod plan;
mod resample;
mod survey;

use super::svg::{self, SvgOptions};
use crate::error::{Error, PngError, Result};
use crate::scene::{Face, Scene, Weight};
use crate::text::{BOLD_TTF, FAMILY, REGULAR_TTF};
use std::sync::{Arc, OnceLock};

/// The largest image side, in pixels; larger requests are refused before any allocation.
pub const MAX_SIDE: u32 = 20_000;
/// The largest image area, in pixels (about 600 MB of memory while rendering).
pub const MAX_PIXELS: u64 = 150_000_000;

/// How the image is made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PngOptions {
    /// Resolution in dots per inch: 150 suits screens, 300 print. Default: 150.
    pub dpi: f32,
    /// Whether to write the smallest file (zlib's best level; an A4 page at 300 dpi is about
    /// 0.36 MB) rather than the quickest (fdeflate; about 1.5 MB, several times faster).
    /// The pixels are the same. Default: false.
    pub small: bool,
    /// How many threads draw the image, in bands: 0 takes every core the machine has. A
    /// caller that renders several pages at once (the command line's batches) sets 1, so
    /// that pages, not bands, share the cores. The pixels are the same. Default: 0.
    pub threads: usize,
}

impl Default for PngOptions {
    fn default() -> Self {
        Self {
            dpi: 150.0,
            small: false,
            threads: 0,
        }
    }
}

/// The bundled fonts as a font database, built once per process.
fn bundled_fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(REGULAR_TTF.to_vec());
        db.load_font_data(BOLD_TTF.to_vec());
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// The fonts of a scene as a font database: the bundled faces, and a roadmap's own faces
/// under the family and weight the SVG writer names them by. Only the faces' bytes are
/// shared, not copied.
fn fontdb(scene: &Scene) -> Arc<usvg::fontdb::Database> {
    let bundled = bundled_fontdb();
    let own: Vec<&Face> = scene.faces.iter().filter(|f| !f.bundled).collect();
    if own.is_empty() {
        return bundled;
    }
    let mut db = (*bundled).clone();
    for face in own {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(face.data.clone());
        db.push_face_info(usvg::fontdb::FaceInfo {
            id: usvg::fontdb::ID::dummy(),
            source: usvg::fontdb::Source::Binary(data),
            index: face.index,
            families: vec![(
                svg::family(face),
                usvg::fontdb::Language::English_UnitedStates,
            )],
            post_script_name: String::new(),
            style: usvg::fontdb::Style::Normal,
            weight: usvg::fontdb::Weight(match face.weight {
                Weight::Bold => 700,
                _ => 400,
            }),
            stretch: usvg::fontdb::Stretch::Normal,
            monospaced: false,
        });
    }
    Arc::new(db)
}

/// The pixel size of the scene at `dpi`.
pub fn pixel_size(scene: &Scene, dpi: f32) -> (u64, u64) {
    let px = |pt: f32| (f64::from(pt) * f64::from(dpi) / 72.0).round().max(1.0) as u64;
    (px(scene.width), px(scene.height))
}

/// Renders the scene to an opaque RGB PNG at the requested resolution, with the
/// resolution recorded in the file so print software sizes it right.
///
/// # Example
///
/// ```
/// use waypost::write::png::{self, PngOptions};
///
/// let source = std::fs::read_to_string("examples/sparse.toml")?;
/// let roadmap = waypost::model::parse("sparse.toml", &source)?;
/// let preset = waypost::layout::Preset::builtin("road").expect("built in");
/// let scene = waypost::layout::layout(&roadmap, &preset, &Default::default())?;
/// let options = PngOptions { dpi: 72.0, ..Default::default() };
/// let bytes = png::write(&scene, &options)?;
/// assert!(bytes.starts_with(b"\x89PNG"));
/// assert_eq!(png::pixel_size(&scene, 72.0), (595, 842)); // A4 at 72 dpi
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(scene: &Scene, options: &PngOptions) -> Result<Vec<u8>> {
    encode(draw(scene, options.dpi, options.threads)?, options)
}

/// Renders the scene into a pixmap at `dpi`, on every core.
pub fn render(scene: &Scene, dpi: f32) -> Result<tiny_skia::Pixmap> {
    draw(scene, dpi, 0)
}

/// Renders the scene into a pixmap at `dpi` with `threads` threads (0: every core).
fn draw(scene: &Scene, dpi: f32, threads: usize) -> Result<tiny_skia::Pixmap> {
    let (width, height) = pixel_size(scene, dpi);
    check_size(width, height, dpi)?;
    // Large raster logos are scaled to the pixels they cover first, with an area filter.
    let resampled = resample::resampled(scene, dpi);
    let scene = resampled.as_ref().unwrap_or(scene);
    let svg = svg::write(scene, &SvgOptions { embed_fonts: false });
    let (width, height) = (width as u32, height as u32);
    render_tree(
        &parse_svg_with(&svg, fontdb(scene))?,
        width,
        height,
        threads,
    )
}

/// Encodes a pixmap from [`render`] as an RGB PNG, dropping the alpha channel (the page is
/// opaque) and recording `options.dpi` in the file. The pixmap's memory is reused.
pub fn encode(pixmap: tiny_skia::Pixmap, options: &PngOptions) -> Result<Vec<u8>> {
    let (width, height) = (pixmap.width(), pixmap.height());
    encode::rgb(pixmap.take(), width, height, options)
}

/// Refuses sizes the renderer should not try to allocate.
fn check_size(width: u64, height: u64, dpi: f32) -> Result<()> {
    let fits = dpi.is_finite()
        && dpi > 0.0
        && width <= u64::from(MAX_SIDE)
        && height <= u64::from(MAX_SIDE)
        && width * height <= MAX_PIXELS;
    if fits {
        Ok(())
    } else {
        Err(Error::ImageTooLarge { width, height })
    }
}

/// Parses an SVG document (such as the SVG writer's output) with the bundled fonts only.
#[cfg(any(test, feature = "internals"))]
pub(crate) fn parse_svg(svg: &str) -> Result<usvg::Tree> {
    parse_svg_with(svg, bundled_fontdb())
}

/// Parses an SVG document with the fonts of `fontdb` only.
fn parse_svg_with(svg: &str, fontdb: Arc<usvg::fontdb::Database>) -> Result<usvg::Tree> {
    let options = usvg::Options {
        fontdb,
        font_family: FAMILY.to_string(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| {
        Error::Png(PngError::Svg {
            detail: e.to_string(),
        })
    })
}

/// Renders a parsed document into a pixmap of the given size, stretching its page to fill
/// it: in bands on `threads` threads (0: every core), with the pixels resvg draws in one
/// pass.
pub(crate) fn render_tree(
    tree: &usvg::Tree,
    width: u32,
    height: u32,
    threads: usize,
) -> Result<tiny_skia::Pixmap> {
    check_size(u64::from(width), u64::from(height), 1.0)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(Error::ImageTooLarge {
        width: u64::from(width),
        height: u64::from(height),
    })?;
    let transform = page_transform(tree, width, height);
    bands::draw(tree, transform, width, pixmap.data_mut(), threads);
    Ok(pixmap)
}

/// The transform that stretches the document's page over `width` x `height` pixels.
fn page_transform(tree: &usvg::Tree, width: u32, height: u32) -> tiny_skia::Transform {
    let sx = width as f32 / tree.size().width();
    let sy = height as f32 / tree.size().height();
    tiny_skia::Transform::from_scale(sx, sy)
}
