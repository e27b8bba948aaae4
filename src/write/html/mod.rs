//! HTML writer: the roadmap as one self-contained web page, the accessible alternative to
//! the drawn page and the version a screen reader, a phone or a search engine reads best.
//! Void elements are closed (`<meta ... />`), so the document is well-formed XML too and
//! any XML parser can check it.
//!
//! The page is built from the roadmap itself, not from the drawing: the title as `h1`, one
//! `section` per stage under an `h2` with its number, its offers as a list, each with its
//! title as a link (`h3`), provider, description, cost and level and tags in words, and
//! the printed address. Nothing on it depends on colour, images, the stylesheet or the
//! script; the small embedded stylesheet only makes it look like waypost and print
//! cleanly. Nothing is loaded from elsewhere.
//!
//! Readers can filter the offers (the `filters` module): by cost, tag, level and stage,
//! and with a search box. Progressive enhancement: the form is in the page but hidden, and
//! the page's one small script shows it, so without the script every offer is shown and no
//! control that would do nothing appears. Each offer carries its keys as data attributes
//! (`data-cost="free"`, `data-tags="online national"`, `data-level="level-3"`,
//! `data-stage="stage-2"`); none of the roadmap's text goes into the script, which reads
//! the page. A Content-Security-Policy lets the browser run that script and apply that
//! stylesheet, by their hashes, and nothing else: were the roadmap's text ever to escape
//! into markup, it still could not run.
//!
//! The drawn page can follow as a figure: its SVG as an image in a `data:` URI, with the
//! title and the stages in order as its text alternative, and no caption of its own, so the
//! page adds no words that are not in the roadmap's words table. An image rather than inline SVG, because the
//! drawing repeats what the lists already say: inline, a screen reader would read every
//! line twice and every card's link would be a second tab stop, and the drawing's ids and
//! font rules would share the page's. The image is one thing to pass over, and a sighted
//! reader still sees the page as printed.

mod brand;
mod filters;
mod sha256;
mod words;

use crate::model::{Label, Logo, Offer, Place, Roadmap, Stage};
use crate::scene::{Item, Role, Scene};
use crate::write::escape::escape;
use crate::write::svg::{self, SvgOptions};
use base64::Engine as _;
use filters::{cost_key, level_key, stage_key, Filters};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use words::{say, Say};

/// A logo's height when the page drawn holds none to take it from, pt (10 mm).
const DEFAULT_LOGO_PT: f32 = 28.35;

/// The stylesheet, embedded in every page.
const STYLE: &str = include_str!("style.css");

/// The filters' script, embedded in every page. It is marked as character data so that
/// the page stays well-formed XML; to JavaScript the markers are comments.
const SCRIPT: &str = concat!("\n//<![CDATA[\n", include_str!("filters.js"), "//]]>\n");

/// Options for [`write()`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Show the drawn page at the end, as an image with a text alternative (its SVG in a
    /// `data:` URI, about 100 KB for an A4 page). Default: `true`.
    pub figure: bool,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        Self { figure: true }
    }
}

/// Writes the roadmap as an HTML document; `page` is the drawn page, shown as a figure
/// when the options ask for it.
///
/// # Example
///
/// ```
/// use waypost::write::html::{self, HtmlOptions};
///
/// let source = std::fs::read_to_string("examples/sparse.toml")?;
/// let roadmap = waypost::model::parse("sparse.toml", &source)?;
/// let preset = waypost::layout::Preset::builtin("road").expect("built in");
/// let page = waypost::layout::layout(&roadmap, &preset, &Default::default())?;
/// let text_only = html::write(&roadmap, &page, &HtmlOptions { figure: false });
/// assert!(text_only.starts_with("<!DOCTYPE html>") && !text_only.contains("<img"));
/// assert!(text_only.contains(&format!("<h1>{}</h1>", roadmap.title)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(roadmap: &Roadmap, page: &Scene, options: &HtmlOptions) -> String {
    write_pages(roadmap, std::slice::from_ref(page), options)
}

/// Writes the roadmap as an HTML document like [`write()`], its drawing being `pages`, a
/// roadmap laid over several pages: each page a figure in turn when the options ask for
/// figures. The logos' sizes are read from the first page.
pub fn write_pages(roadmap: &Roadmap, pages: &[Scene], options: &HtmlOptions) -> String {
    // The body first: the fonts embedded in the head hold the characters it uses.
    let body = write_body(roadmap, pages, options);
    let mut out = Html(String::with_capacity(body.len() + 8 * 1024));
    out.raw("<!DOCTYPE html>\n<html lang=\"");
    out.text(&roadmap.language);
    out.raw("\">\n<head>\n<meta charset=\"utf-8\" />\n");
    let style = format!(
        "\n{STYLE}{}",
        brand::style(roadmap, &characters(roadmap, &body))
    );
    // Fonts only from inside the file, and only when the roadmap brings its own.
    let fonts = if brand::has_fonts(roadmap) {
        " font-src data:;"
    } else {
        ""
    };
    let _ = writeln!(
        out.0,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         img-src data:;{fonts} style-src '{}'; script-src '{}'; base-uri 'none'; \
         form-action 'none'\" />",
        csp_hash(&style),
        csp_hash(SCRIPT)
    );
    out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    out.element("title", &roadmap.title);
    if let Some(subtitle) = &roadmap.subtitle {
        out.raw("<meta name=\"description\" content=\"");
        out.text(subtitle);
        out.raw("\" />\n");
    }
    out.raw("<meta name=\"generator\" content=\"waypost\" />\n<style>");
    out.raw(&style);
    out.raw("</style>\n</head>\n");
    out.raw(&body);
    out.raw("</html>\n");
    out.0
}

/// Every character the page shows: its body's (markup and all, a few more than it
/// shows), its title's, and the digits and brackets the script writes into its counts.
fn characters(roadmap: &Roadmap, body: &str) -> BTreeSet<char> {
    (body.chars().chain(roadmap.title.chars()))
        .chain(('0'..='9').chain(['(', ')']))
        .filter(|c| !c.is_control())
        .collect()
}

/// The body, from `<body>` to `</body>`.
fn write_body(roadmap: &Roadmap, pages: &[Scene], options: &HtmlOptions) -> String {
    let page = pages.first();
    let mut out = Html(String::with_capacity(16 * 1024));
    out.raw("<body>\n");
    if !roadmap.stages.is_empty() {
        // To the first stage's heading: past the title, the logos and the filters.
        out.raw("<a class=\"skip\" href=\"#stage-1\">");
        out.text(&say(roadmap, Say::Filters(Label::SkipToOffers)).unwrap_or_default());
        out.raw("</a>\n");
    }
    out.raw("<header>\n");
    write_logos(&mut out, roadmap, page, Place::Header);
    out.element("h1", &roadmap.title);
    if let Some(subtitle) = &roadmap.subtitle {
        out.element_with("p", "subtitle", subtitle);
    }
    out.raw("</header>\n<main>\n");
    let filters = Filters::new(roadmap);
    let total = roadmap.stages.iter().map(|s| s.offers.len()).sum();
    filters.write_form(&mut out, roadmap, total);
    for (i, stage) in roadmap.stages.iter().enumerate() {
        write_stage(&mut out, roadmap, &filters, i + 1, stage);
    }
    if options.figure {
        for (i, page) in pages.iter().enumerate() {
            write_figure(&mut out, roadmap, page, (i + 1, pages.len()));
        }
    }
    out.raw("</main>\n");
    let footer = say(roadmap, Say::Footer);
    if footer.is_some() || roadmap.logos.iter().any(|l| l.place == Place::Footer) {
        out.raw("<footer>\n");
        write_logos(&mut out, roadmap, page, Place::Footer);
        if let Some(footer) = footer {
            out.element("p", &footer);
        }
        out.raw("</footer>\n");
    }
    out.raw("<script>");
    out.raw(SCRIPT);
    out.raw("</script>\n</body>\n");
    out.0
}

/// A CSP source for an inline element's text: `sha256-` and its digest in base64.
fn csp_hash(text: &str) -> String {
    let digest = sha256::sha256(text.as_bytes());
    let base64 = base64::engine::general_purpose::STANDARD.encode(digest);
    format!("sha256-{base64}")
}

fn write_stage(out: &mut Html, roadmap: &Roadmap, filters: &Filters, number: usize, stage: &Stage) {
    let _ = write!(
        out.0,
        "<section class=\"stage\" aria-labelledby=\"stage-{number}\">\n\
         <h2 id=\"stage-{number}\"><span class=\"number\">{number}</span> "
    );
    out.text(&stage.title);
    out.raw("</h2>\n");
    if let Some(summary) = &stage.summary {
        out.element_with("p", "summary", summary);
    }
    if !stage.offers.is_empty() {
        out.raw("<ul class=\"offers\">\n");
        for offer in &stage.offers {
            write_offer(out, roadmap, filters, number, offer);
        }
        out.raw("</ul>\n");
    }
    out.raw("</section>\n");
}

fn write_offer(out: &mut Html, roadmap: &Roadmap, filters: &Filters, stage: usize, offer: &Offer) {
    // The keys are made by the filters module, letters, digits and hyphens alone; they
    // are escaped all the same, like everything else put in an attribute.
    let tags: Vec<&str> = (offer.tags.iter())
        .filter_map(|&i| filters.tag_keys.get(i).map(String::as_str))
        .collect();
    out.raw("<li class=\"offer\" data-cost=\"");
    out.text(cost_key(&offer.cost));
    out.raw("\" data-tags=\"");
    out.text(&tags.join(" "));
    out.raw("\" data-level=\"");
    out.text(&offer.level.map(|l| level_key(l.get())).unwrap_or_default());
    out.raw("\" data-stage=\"");
    out.text(&stage_key(stage));
    out.raw("\">\n<h3><a href=\"");
    out.text(offer.url.as_str());
    out.raw("\">");
    out.text(&offer.title);
    out.raw("</a></h3>\n");
    out.element_with("p", "provider", &offer.provider);
    if let Some(description) = &offer.description {
        out.element_with("p", "description", description);
    }
    write_facts(out, roadmap, offer);
    out.raw("<ul class=\"badges\">\n");
    let cost_class = cost_key(&offer.cost);
    if offer.ended {
        out.element_with("li", "ended", roadmap.labels.get(Label::Ended));
    }
    if let Some(cost) = say(roadmap, Say::Cost(&offer.cost)) {
        out.element_with("li", cost_class, &cost);
    }
    if let Some(level) = offer.level.and_then(|l| say(roadmap, Say::Level(l))) {
        out.element_with("li", "level", &level);
    }
    for tag in offer.tags.iter().filter_map(|&i| roadmap.tags.get(i)) {
        out.element_with("li", "tag", &tag.label);
    }
    out.raw("</ul>\n");
    out.element_with("p", "address", offer.url.display());
    out.raw("</li>\n");
}

/// An offer's facts as a description list: how long, for whom, when, until when, whom to
/// ask; nothing for an offer without them.
fn write_facts(out: &mut Html, roadmap: &Roadmap, offer: &Offer) {
    let labels = &roadmap.labels;
    let mut facts: Vec<(Label, String)> = Vec::new();
    if let Some(duration) = &offer.duration {
        facts.push((Label::Duration, duration.clone()));
    }
    if let Some(audience) = &offer.audience {
        facts.push((Label::Audience, audience.clone()));
    }
    if let Some(starts) = &offer.starts {
        facts.push((Label::Starts, labels.when(starts)));
    }
    if let Some(until) = &offer.until {
        facts.push((Label::Until, labels.date(&until.date)));
    }
    if facts.is_empty() && offer.contact.is_none() {
        return;
    }
    out.raw("<dl class=\"facts\">\n");
    for (label, words) in facts {
        out.element("dt", labels.get(label));
        out.element("dd", &words);
    }
    if let Some(contact) = &offer.contact {
        out.element("dt", labels.get(Label::Contact));
        out.raw("<dd><a href=\"");
        out.text(contact.as_str());
        out.raw("\">");
        out.text(contact.display());
        out.raw("</a></dd>\n");
    }
    out.raw("</dl>\n");
}

/// The logos of one place as images in a row, each a link when it has one; a decorative
/// logo has an empty `alt`, which tells assistive technology to skip it. Each is as high
/// as on the drawn page: the page's pictures of the place, in the roadmap's order.
fn write_logos(out: &mut Html, roadmap: &Roadmap, page: Option<&Scene>, place: Place) {
    let logos: Vec<&Logo> = (roadmap.logos.iter())
        .filter(|l| l.place == place)
        .collect();
    if logos.is_empty() {
        return;
    }
    let role = match place {
        Place::Header => Role::Title,
        _ => Role::Footer,
    };
    let heights: Vec<f32> = (page.into_iter().flat_map(Scene::flatten))
        .filter_map(|item| match item {
            Item::Image(picture) if picture.role == role => Some(picture.rect.height),
            _ => None,
        })
        .collect();
    out.raw("<div class=\"logos\">\n");
    for (i, logo) in logos.into_iter().enumerate() {
        let image = &logo.image;
        // CSS pixels, 96 to the inch, from pt, 72 to the inch.
        let height = heights.get(i).copied().unwrap_or(DEFAULT_LOGO_PT) * 96.0 / 72.0;
        let width = height * image.aspect();
        if let Some(link) = &logo.link {
            out.raw("<a href=\"");
            out.text(link.as_str());
            out.raw("\">");
        }
        let data = base64::engine::general_purpose::STANDARD.encode(&image.data);
        let _ = write!(
            out.0,
            "<img src=\"data:{};base64,{data}\" alt=\"",
            image.format.media_type()
        );
        out.text(logo.alt.as_deref().unwrap_or(""));
        let _ = write!(
            out.0,
            "\" width=\"{}\" height=\"{}\" />",
            width.round(),
            height.round()
        );
        if logo.link.is_some() {
            out.raw("</a>");
        }
        out.raw("\n");
    }
    out.raw("</div>\n");
}

/// The drawn page as an image, its text alternative the stages in order: what the
/// drawing shows at a glance, while the lists above hold the detail. Page `number` of
/// `pages`: the first names every stage, a later page says which page of the drawing it is.
fn write_figure(out: &mut Html, roadmap: &Roadmap, page: &Scene, (number, pages): (usize, usize)) {
    let svg = svg::write(page, &SvgOptions::default());
    let data = base64::engine::general_purpose::STANDARD.encode(svg);
    let stages: Vec<String> = (roadmap.stages.iter().enumerate())
        .map(|(i, stage)| format!("{} {}", i + 1, stage.title))
        .collect();
    let folio = roadmap.labels.page_of(number, pages);
    let alt = match (number, pages) {
        (_, 1) => format!("{}: {}", roadmap.title, stages.join(", ")),
        (1, _) => format!("{} ({folio}): {}", roadmap.title, stages.join(", ")),
        _ => format!("{} ({folio})", roadmap.title),
    };
    let _ = write!(
        out.0,
        "<figure>\n<img src=\"data:image/svg+xml;base64,{data}\" alt=\""
    );
    out.text(&alt);
    let _ = writeln!(
        out.0,
        "\" width=\"{}\" height=\"{}\" />",
        page.width.round(),
        page.height.round()
    );
    out.raw("</figure>\n");
}

/// The document being written, with helpers that escape the roadmap's text.
struct Html(String);

impl Html {
    fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    fn text(&mut self, text: &str) {
        escape(text, &mut self.0);
    }

    /// `<name>text</name>` on a line of its own.
    fn element(&mut self, name: &str, text: &str) {
        let _ = write!(self.0, "<{name}>");
        self.text(text);
        let _ = writeln!(self.0, "</{name}>");
    }

    /// `<name class="class">text</name>` on a line of its own.
    fn element_with(&mut self, name: &str, class: &str, text: &str) {
        let _ = write!(self.0, "<{name} class=\"{class}\">");
        self.text(text);
        let _ = writeln!(self.0, "</{name}>");
    }
}
