//! The publisher's logos: the `[[logo]]` tables of a roadmap, each an image file checked
//! when the roadmap is read.

use super::assets::{read_asset, Assets, MAX_LOGOS, MAX_LOGO_BYTES};
use super::image;
use super::reader::{Reader, Table};
use super::Url;
use crate::scene::Image;
use std::ops::Range;

/// The keys of a `[[logo]]` table.
pub(crate) const LOGO_KEYS: &[&str] = &["file", "alt", "place", "height", "link", "decorative"];
/// The values of a logo's `place`.
pub(crate) const PLACES: &[&str] = &["header", "footer"];
/// The tallest logo a roadmap may ask for, in mm.
pub const MAX_LOGO_MM: f32 = 60.0;

/// Where a logo stands on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Place {
    /// In the title's band: beside the title when there is room, else in a row above it.
    Header,
    /// In a strip along the footer.
    Footer,
}

/// A logo: a publisher's, a funder's, a partner's.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Logo {
    /// The image, checked: an SVG re-written from its parsed tree, a PNG or JPEG as given.
    pub image: Image,
    /// The path the roadmap names it by.
    pub file: String,
    /// What it shows, for readers who cannot see it; `None` when it is decorative.
    pub alt: Option<String>,
    /// Where it stands.
    pub place: Place,
    /// Its height in mm, when the roadmap gives one; otherwise the layout's for its place.
    pub height: Option<f32>,
    /// Where it leads when clicked.
    pub link: Option<Url>,
    /// Where the `[[logo]]` table stands in the roadmap file, for messages.
    pub span: Range<usize>,
}

/// Reads every `[[logo]]` of the roadmap, in the order given: at most [`MAX_LOGOS`] of
/// them, coming to at most [`MAX_LOGO_BYTES`] together (a file counted once for each
/// logo that names it, as the outputs embed it).
pub(crate) fn read_logos(reader: &mut Reader, top: &Table, assets: &Assets) -> Vec<Logo> {
    let tables = reader.tables(top, "logo", |i| format!("logo {}", i + 1));
    if let Some(extra) = tables.get(MAX_LOGOS) {
        reader.error_help(
            extra.span.clone(),
            format!(
                "this roadmap has {} logos; a roadmap may have at most {MAX_LOGOS}",
                tables.len()
            ),
            "keep the logos a reader needs (whose page this is, who funded it) and remove \
             the rest; a page has room for a handful",
        );
        return Vec::new();
    }
    let mut bytes = 0;
    let mut logos = Vec::new();
    for (i, table) in tables.iter().enumerate() {
        let Some(logo) = read_logo(reader, table, i, assets) else {
            continue;
        };
        bytes += logo.image.data.len();
        if bytes > MAX_LOGO_BYTES {
            let span = reader
                .value(table, "file")
                .map_or(table.span.clone(), |v| v.span());
            reader.error_help(
                span,
                format!(
                    "the logos come to {:.1} MB with this one; together they may be at most {} MB",
                    bytes as f64 / 1e6,
                    MAX_LOGO_BYTES / 1_000_000
                ),
                "save smaller versions of the logos (a logo needs no more than a few hundred \
                 KB), or name each file once",
            );
            return Vec::new();
        }
        logos.push(logo);
    }
    logos
}

fn read_logo(reader: &mut Reader, table: &Table, index: usize, assets: &Assets) -> Option<Logo> {
    reader.known_keys(table, LOGO_KEYS);
    let decorative = reader.flag(table, "decorative").is_some_and(|(d, _)| d);
    let alt = reader.text(table, "alt");
    let alt = match (alt, decorative) {
        (Some((text, _)), false) => Some(Some(text)),
        (None, true) => Some(None),
        (Some((_, span)), true) => {
            reader.error_help(
                span,
                "a decorative logo has no alt text: screen readers skip it",
                "remove `alt`, or remove `decorative = true` if the logo says something a \
                 reader needs (whose page this is, who funded it)",
            );
            None
        }
        (None, false) => {
            if !reader.misspelt(table, "alt") {
                reader.error_help(
                    table.span.clone(),
                    format!(
                        "{} has no `alt`: the words a screen reader says instead of it",
                        table.name
                    ),
                    "add a line such as alt = \"Northfield Health Partnership\", \
                     or decorative = true if it says nothing a reader needs",
                );
            }
            None
        }
    };
    let place = reader
        .choice(table, "place", PLACES)
        .map(|(p, _)| match p.as_str() {
            "header" => Place::Header,
            _ => Place::Footer,
        });
    let height = match reader.number(table, "height") {
        Some((mm, span)) if !(1.0..=f64::from(MAX_LOGO_MM)).contains(&mm) => {
            reader.error_help(
                span,
                format!("a logo's height is in millimetres, from 1 to {MAX_LOGO_MM}"),
                "write a height such as height = 14 (mm), or leave it out for the layout's own",
            );
            None
        }
        other => Some(other.map(|(mm, _)| mm as f32)),
    };
    let link = match reader.text(table, "link") {
        Some(_) => super::link::read_url(reader, table, "link", false).map(Some),
        None => Some(None),
    };
    let file = match read_asset(reader, table, "file", assets) {
        Some((path, bytes, span)) => {
            match image::check(&path, &bytes, &format!("logo{}-", index + 1)) {
                Ok(image) => Some((path, image)),
                Err(refusal) => {
                    reader.error_help(span, refusal.message, refusal.help);
                    None
                }
            }
        }
        None => {
            if reader.value(table, "file").is_none() {
                reader.missing(table, "file", "\"logos/trust.svg\"");
            }
            None
        }
    };
    if let (Some(None), Some(Some(_))) = (&alt, &link) {
        if let Some(value) = reader.value(table, "link") {
            reader.error_help(
                value.span(),
                "a logo that is a link needs alt text: it tells a screen reader where the link goes",
                "add alt = \"…\" naming the organisation, and remove decorative = true",
            );
            return None;
        }
    }
    let (file, image) = file?;
    Some(Logo {
        image,
        file,
        alt: alt?,
        place: place.unwrap_or(Place::Footer),
        height: height?,
        link: link?,
        span: table.span.clone(),
    })
}
