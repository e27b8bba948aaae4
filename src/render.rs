//! The whole pipeline in one call: a roadmap in, the bytes of each format and the
//! pre-flight report out.
//!
//! [`render`] is what the `waypost render` and `waypost check` commands run; the stage
//! functions it calls ([`model::parse`](crate::model::parse),
//! [`layout::layout`](crate::layout::layout), [`preflight::inspect`](crate::preflight::inspect)
//! and the writers) stay public for callers that need one stage alone.

use crate::error::{Error, Result};
use crate::format::Format;
use crate::layout::social::{self, SocialSize};
use crate::layout::{self, LayoutOptions, Page, Preset};
use crate::model::{self, ending, Assets, PageSize, Roadmap};
use crate::preflight::{self, Report};
use crate::scene::{Bleed, Date, Scene};
use crate::write::html::{self, HtmlOptions};
#[cfg(feature = "pdf")]
use crate::write::pdf;
#[cfg(feature = "png")]
use crate::write::png::{self, PngOptions};
use crate::write::svg::{self, SvgOptions};
use std::borrow::Cow;

/// What [`render`] makes and how.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// The layout preset. `None` takes the built-in preset the roadmap's `layout` names,
    /// or [`layout::preset::DEFAULT`] when it names none; a roadmap that names a layout
    /// *file* needs the file read by the caller ([`Preset::parse`]) and passed here, since
    /// the library reads no files. Default: `None`.
    pub preset: Option<Preset>,
    /// Paper size and orientation instead of the roadmap's, and QR codes on the cards.
    /// Default: none (the roadmap's page, no codes on cards).
    pub layout: LayoutOptions,
    /// The formats to produce; repeats are produced once. An empty list lays the page out
    /// and checks it without writing anything. Default: [`Format::DEFAULT`], the formats
    /// `waypost render` writes, as far as this build has them: SVG, PNG and PDF with the
    /// default features, SVG alone without them. HTML is made when asked for.
    pub formats: Vec<Format>,
    /// How the SVG is written. Default: [`SvgOptions::default`] (fonts embedded).
    pub svg: SvgOptions,
    /// How the HTML version is written. Default: [`HtmlOptions::default`] (with the drawn
    /// page as a figure).
    pub html: HtmlOptions,
    /// How the PNG is made, including its resolution (`png.dpi`). Default:
    /// [`PngOptions::default`] (150 dpi).
    #[cfg(feature = "png")]
    pub png: PngOptions,
    /// Print bleed: every format gets the page set on a larger sheet, its background
    /// running this far past the page's edge on every side, with crop marks beyond
    /// ([`Scene::with_bleed`]); the PDF says where to trim. The pre-flight checks look at
    /// the page itself. Default: `None` (the page is the sheet).
    pub bleed: Option<Bleed>,
    /// The files the roadmap names (logos, fonts), by the path written in it, for
    /// [`render_str`], which parses the roadmap with them ([`model::parse_with`]); a
    /// roadmap already parsed holds its files. Default: none.
    pub assets: Assets,
    /// The day offers' `until` dates are compared with: offers that have ended by then
    /// are left off the page ([`Rendered::left_off`] names them), or kept and marked
    /// "Ended" with [`RenderOptions::keep_ended`]. The library reads no clock: `None`, the
    /// default, draws every offer whatever its `until`.
    pub today: Option<Date>,
    /// Keep offers that have ended by [`RenderOptions::today`] on the page, with an
    /// "Ended" badge. Default: `false`.
    pub keep_ended: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            preset: None,
            layout: LayoutOptions::default(),
            formats: (Format::DEFAULT.into_iter())
                .filter(|f| f.is_available())
                .collect(),
            svg: SvgOptions::default(),
            html: HtmlOptions::default(),
            #[cfg(feature = "png")]
            png: PngOptions::default(),
            bleed: None,
            assets: Assets::default(),
            today: None,
            keep_ended: false,
        }
    }
}

/// What [`render`] made: the page, its pre-flight report and the requested outputs.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Rendered {
    /// The laid-out page every output was drawn from (on its sheet, with a bleed); for a
    /// roadmap over several pages, the first.
    pub scene: Scene,
    /// Every page (on its sheet, with a bleed), the first being [`Rendered::scene`]: one
    /// for a roadmap on one page.
    pub pages: Vec<Scene>,
    /// The density the page needed: [`Rendered::COMFORTABLE`] for the preset as written, otherwise
    /// the name of the last `[[density]]` rung applied.
    pub density: String,
    /// The type scale chosen: 1 is the preset's own sizes.
    pub scale: f32,
    /// The size of the cards' text, in pt: the preset's `card_body` at [`Rendered::scale`],
    /// never under [`Rendered::minimum_pt`].
    pub card_text_pt: f32,
    /// The smallest size fitting may give the cards' text, in pt: the roadmap's own
    /// `min_text` (or [`LayoutOptions::min_text`](crate::layout::LayoutOptions::min_text))
    /// when it gives one, else the preset's `minimum`, and never under
    /// [`MIN_TEXT_PT`](crate::preflight::MIN_TEXT_PT). When the cards' text is at it, the
    /// page has no room left for more content.
    pub minimum_pt: f32,
    /// The share of the page's height inside the margins that the content needs: 0 to 1.
    pub fill: f32,
    /// What the pre-flight checks found. The outputs are made whatever it says: whether a
    /// page that fails the checks may be published is the caller's decision.
    pub report: Report,
    /// The SVG document, when [`Format::Svg`] was asked for; of the first page, for a
    /// roadmap over several pages.
    pub svg: Option<String>,
    /// The PNG file, when [`Format::Png`] was asked for; of the first page, for a roadmap
    /// over several pages.
    pub png: Option<Vec<u8>>,
    /// Every page's SVG document, when [`Format::Svg`] was asked for (the first is
    /// [`Rendered::svg`]); empty otherwise.
    pub svg_pages: Vec<String>,
    /// Every page's PNG file, when [`Format::Png`] was asked for (the first is
    /// [`Rendered::png`]); empty otherwise.
    pub png_pages: Vec<Vec<u8>>,
    /// The PDF file, when [`Format::Pdf`] was asked for: every page in one document.
    pub pdf: Option<Vec<u8>>,
    /// The HTML document, when [`Format::Html`] was asked for.
    pub html: Option<String>,
    /// The images for feeds and slides, one a size in the order of [`SocialSize::ALL`],
    /// when [`Format::Social`] or [`Format::SocialSvg`] was asked for; empty otherwise.
    pub social: Vec<SocialImage>,
    /// The images' alt text ([`social::alt_text`]), when [`Format::Social`] or
    /// [`Format::SocialSvg`] was asked for.
    pub alt_text: Option<String>,
    /// The page the roadmap was laid out on: for `page = "auto"`, the size chosen.
    pub page: Page,
    /// For `page = "auto"`, each size tried, smallest first, with the type scale the
    /// roadmap fits it at (`None`: it does not fit); empty for a given size.
    pub tried: Vec<(PageSize, Option<f32>)>,
    /// The titles of the offers left off the page because they had ended by
    /// [`RenderOptions::today`], in the roadmap's order.
    pub left_off: Vec<String>,
}

/// One image for feeds and slides: its scene, what the pre-flight checks found on it,
/// and its files.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SocialImage {
    /// Its size.
    pub size: SocialSize,
    /// The laid-out image, in pt; [`social::DPI`] gives its pixels.
    pub scene: Scene,
    /// What the pre-flight checks found on it: the page's checks, on the image.
    pub report: Report,
    /// The PNG file, when [`Format::Social`] was asked for.
    pub png: Option<Vec<u8>>,
    /// The SVG document, when [`Format::SocialSvg`] was asked for.
    pub svg: Option<String>,
}

impl Rendered {
    /// The name [`Rendered::density`] gives the preset's own arrangement, before any
    /// `[[density]]` rung.
    pub const COMFORTABLE: &'static str = "comfortable";

    /// How far the cards' text is above the smallest size fitting may use, in pt: the type
    /// scale's headroom. Near 0, the page is full: one more offer may not fit.
    pub fn headroom_pt(&self) -> f32 {
        (self.card_text_pt - self.minimum_pt).max(0.0)
    }

    /// Each page's bytes of one format, when it was asked for: one file for a roadmap on
    /// one page, and for the PDF and HTML, which hold every page; one file a page for SVG
    /// and PNG.
    pub fn files(&self, format: Format) -> Vec<&[u8]> {
        match format {
            Format::Svg => self.svg_pages.iter().map(|s| s.as_bytes()).collect(),
            Format::Png => self.png_pages.iter().map(Vec::as_slice).collect(),
            Format::Pdf | Format::Html => self.bytes(format).into_iter().collect(),
            Format::Social => (self.social.iter())
                .filter_map(|image| image.png.as_deref())
                .collect(),
            Format::SocialSvg => (self.social.iter())
                .filter_map(|image| image.svg.as_ref().map(|s| s.as_bytes()))
                .collect(),
        }
    }

    /// The bytes of one format, when it was asked for: of the first page, for SVG and PNG
    /// of a roadmap over several pages ([`Rendered::files`] has every page).
    pub fn bytes(&self, format: Format) -> Option<&[u8]> {
        match format {
            Format::Svg => self.svg.as_ref().map(|s| s.as_bytes()),
            Format::Png => self.png.as_deref(),
            Format::Pdf => self.pdf.as_deref(),
            Format::Html => self.html.as_ref().map(|s| s.as_bytes()),
            Format::Social | Format::SocialSvg => self.files(format).first().copied(),
        }
    }
}

/// Lays a roadmap out, runs the pre-flight checks and writes each requested format.
///
/// # Errors
///
/// [`Error::DoesNotFit`] when the content does not fit the page; [`Error::LayoutFile`]
/// when the roadmap names a layout file and no preset was given;
/// [`Error::Unavailable`] when a format's writer is not in this build; the writers'
/// own errors otherwise.
///
/// # Example
///
/// ```
/// let source = std::fs::read_to_string("examples/link-worker-training.toml")?;
/// let roadmap = waypost::model::parse("link-worker-training.toml", &source)?;
/// let rendered = waypost::render(&roadmap, &waypost::RenderOptions::default())?;
/// assert!(rendered.report.is_clean());
/// assert!(rendered.svg.unwrap().contains("<svg"));
/// # #[cfg(all(feature = "png", feature = "pdf"))] {
/// assert!(rendered.png.unwrap().starts_with(b"\x89PNG"));
/// assert!(rendered.pdf.unwrap().starts_with(b"%PDF"));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render(roadmap: &Roadmap, options: &RenderOptions) -> Result<Rendered> {
    let (current, left_off) = match &options.today {
        Some(today) if options.keep_ended => {
            let mut marked = roadmap.clone();
            ending::mark_ended(&mut marked, today);
            (Cow::Owned(marked), Vec::new())
        }
        Some(today) => {
            let (kept, left_off) = ending::without_ended(roadmap, today);
            (Cow::Owned(kept), left_off)
        }
        None => (Cow::Borrowed(roadmap), Vec::new()),
    };
    let roadmap = current.as_ref();
    let preset = preset_for(roadmap, options)?;
    let fitted = layout::layout_fitted(roadmap, &preset, &options.layout)?;
    let report = preflight::inspect_pages(roadmap, &fitted.pages);
    // The same sizes as the layout's metrics; no density rung changes the cards' text.
    let sizes = &preset.type_scale;
    let floor = options.layout.min_text.or(roadmap.min_text);
    let minimum_pt = sizes
        .minimum
        .0
        .max(preflight::MIN_TEXT_PT)
        .max(floor.unwrap_or(0.0));
    let card_text_pt = (sizes.card_body.0 * fitted.scale).max(minimum_pt);
    let density = if fitted.density.is_empty() {
        Rendered::COMFORTABLE.to_string()
    } else {
        fitted.density
    };
    // The pages before they are set on sheets, for the HTML version's figures.
    let (scene, pages, unsheeted) = match options.bleed {
        Some(bleed) => (
            fitted.scene.with_bleed(bleed),
            fitted.pages.iter().map(|p| p.with_bleed(bleed)).collect(),
            Some(fitted.pages),
        ),
        None => (fitted.scene, fitted.pages, None),
    };
    let mut rendered = Rendered {
        scene,
        pages,
        density,
        scale: fitted.scale,
        card_text_pt,
        minimum_pt,
        fill: fitted.fill,
        report,
        svg: None,
        png: None,
        svg_pages: Vec::new(),
        png_pages: Vec::new(),
        pdf: None,
        html: None,
        page: fitted.page,
        tried: fitted.tried,
        left_off,
        social: Vec::new(),
        alt_text: None,
    };
    if options.formats.iter().any(|f| f.is_social()) {
        rendered.social = (SocialSize::ALL.into_iter())
            .map(|size| {
                let scene = social::layout(roadmap, &preset, size)?;
                Ok(SocialImage {
                    size,
                    report: preflight::inspect_scene(&scene),
                    scene,
                    png: None,
                    svg: None,
                })
            })
            .collect::<Result<_>>()?;
        rendered.alt_text = Some(social::alt_text(roadmap));
    }
    for &format in &options.formats {
        if rendered.bytes(format).is_none() {
            write(
                format,
                &mut rendered,
                roadmap,
                unsheeted.as_deref(),
                options,
            )?;
        }
    }
    Ok(rendered)
}

/// [`render`] for the text of a roadmap file: parses it (`file` names it in messages) with
/// the files in [`RenderOptions::assets`], then renders it.
///
/// # Errors
///
/// [`Error::Invalid`] with every problem in the text, then as [`render`].
///
/// # Example
///
/// ```
/// let source = r#"
///     title = "Training roadmap"
///     [[stage]]
///     title = "Induction"
///     [[stage.offer]]
///     title = "Induction guide"
///     provider = "NHS England"
///     url = "https://www.england.nhs.uk/"
///     cost = "free"
/// "#;
/// let options = waypost::RenderOptions {
///     formats: vec![waypost::Format::Svg],
///     ..Default::default()
/// };
/// let rendered = waypost::render_str("roadmap.toml", source, &options)?;
/// assert!(rendered.svg.unwrap().contains("Induction guide"));
/// assert!(rendered.pdf.is_none());
/// # Ok::<(), waypost::Error>(())
/// ```
pub fn render_str(file: &str, source: &str, options: &RenderOptions) -> Result<Rendered> {
    let roadmap = model::parse_with(file, source, &options.assets)?;
    render(&roadmap, options)
}

/// The preset given, else the built-in one the roadmap names, else the default.
fn preset_for<'a>(roadmap: &Roadmap, options: &'a RenderOptions) -> Result<Cow<'a, Preset>> {
    if let Some(preset) = &options.preset {
        return Ok(Cow::Borrowed(preset));
    }
    let name = roadmap
        .layout
        .as_ref()
        .map_or(layout::preset::DEFAULT, |key| key.value.as_str());
    match Preset::builtin(name) {
        Some(preset) => Ok(Cow::Owned(preset)),
        None => Err(Error::LayoutFile {
            path: name.to_string(),
        }),
    }
}

/// Writes one format into `rendered`. `unsheeted` are the pages before they were set on
/// sheets, if they were.
fn write(
    format: Format,
    rendered: &mut Rendered,
    roadmap: &Roadmap,
    unsheeted: Option<&[Scene]>,
    options: &RenderOptions,
) -> Result<()> {
    let pages = &rendered.pages;
    match format {
        Format::Svg => {
            rendered.svg_pages = pages.iter().map(|p| svg::write(p, &options.svg)).collect();
            rendered.svg = rendered.svg_pages.first().cloned();
        }
        #[cfg(feature = "png")]
        Format::Png => {
            rendered.png_pages = (pages.iter())
                .map(|p| png::write(p, &options.png))
                .collect::<Result<_>>()?;
            rendered.png = rendered.png_pages.first().cloned();
        }
        #[cfg(feature = "pdf")]
        Format::Pdf => rendered.pdf = Some(pdf::write_pages(pages)?),
        Format::Html => {
            let drawn = unsheeted.unwrap_or(pages);
            rendered.html = Some(html::write_pages(roadmap, drawn, &options.html));
        }
        #[cfg(feature = "png")]
        Format::Social => {
            // Flat artwork at the best compression stays far under the 1 MB feeds take.
            let png_options = PngOptions {
                dpi: social::DPI,
                small: true,
                ..options.png
            };
            for image in &mut rendered.social {
                image.png = Some(png::write(&image.scene, &png_options)?);
            }
        }
        Format::SocialSvg => {
            for image in &mut rendered.social {
                image.svg = Some(svg::write(&image.scene, &options.svg));
            }
        }
        #[allow(unreachable_patterns)] // reached only in builds without a writer
        unavailable => return Err(Error::Unavailable(unavailable)),
    }
    Ok(())
}
