//! The input model: a roadmap read from TOML and validated once.
//!
//! [`parse`] turns the text of a roadmap file into a [`Roadmap`] whose values can no longer
//! be wrong: URLs have a safe scheme, levels are 1–8, every tag used is known, the font
//! files it names can be embedded, and every character can be drawn with its fonts (its
//! own, or the bundled Noto Sans). Later stages take these types and do not
//! check again.

mod assets;
mod colours;
pub mod ending;
pub mod fallback;
mod font_limits;
mod fonts;
mod image;
mod labels;
mod link;
mod logo;
mod page;
mod parse;
mod print;
pub(crate) mod reader;
#[cfg(feature = "schema")]
mod schema;
mod tags;
pub(crate) mod toml_text;

pub use crate::text::MAX_GLYPHS_PER_CHAR;
pub use assets::{
    assets_named, plain_path, AssetRef, Assets, MAX_ASSET, MAX_ASSETS_TOTAL, MAX_LOGOS,
    MAX_LOGO_BYTES,
};
pub use colours::{Colours, COLOUR_KEYS};
pub use font_limits::{MAX_COMPONENT_DEPTH, MAX_GLYPH_PARTS, MAX_GLYPH_POINTS, MAX_METRIC_EMS};
pub use fonts::{FontFile, FontFiles};
pub use image::{MAX_PIXELS, MAX_SVG_DEPTH, MAX_SVG_UNITS};
pub use labels::{Label, Labels};
pub use logo::{Logo, Place, MAX_LOGO_MM};
pub use page::{Orientation, PageChoice, PageSize, Pages, Series};
pub use parse::{layout_named, parse, parse_with, title_span};
pub use print::{points, Detail, FooterPages, Print, MIN_TEXT_RANGE};
#[cfg(feature = "schema")]
pub use schema::schema;
pub(crate) use tags::builtin as builtin_tags;
pub use tags::{Icon, Tag};

use crate::error::hidden;
use crate::scene::Date;
use qrcode::{EcLevel, QrCode};
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// The largest roadmap source [`parse`] reads, in bytes (1 MiB): the one input limit of
/// the library, which bounds the number of stages and offers (about 7,500 realistic offers)
/// and so the time and memory of every later stage. The command line reads no larger
/// file, and an import writes none.
pub const MAX_SOURCE: usize = 1024 * 1024;

/// The most stages a roadmap may have: a path of more is read as a list, not a path.
pub const MAX_STAGES: usize = 20;

/// The most offers a roadmap may have, in all its stages: eight pages hold about 120
/// realistic offers at readable type. Fitting time grows with the offers, so this bounds
/// it (`check` answers any roadmap within these caps in about two seconds).
pub const MAX_OFFERS: usize = 150;

/// A name (a stage's or offer's title, a tag's label) as names are compared when editions
/// and sheets are matched: without case, and with runs of spaces as one.
pub(crate) fn name_key(name: &str) -> String {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    words.join(" ")
}

/// The names of the built-in layout presets, which a roadmap's `layout` may give: the
/// vocabulary of the format, whose files the layout stage holds.
pub const LAYOUTS: [&str; 3] = ["road", "columns", "timeline"];

/// A validated roadmap.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Roadmap {
    /// The page title.
    pub title: String,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// When the content was last checked, as free text ("2026-11"), printed in the footer.
    pub updated: Option<String>,
    /// Small print for the footer: who made it, who funded it.
    pub footer: Option<String>,
    /// Author recorded in the document metadata.
    pub author: Option<String>,
    /// Where the roadmap itself lives online; the footer shows it as a QR code.
    pub online: Option<Url>,
    /// BCP 47 language tag of the text. Default: `en-GB`.
    pub language: String,
    /// The words waypost puts on the page, in the roadmap's language: the built-in table
    /// for [`Roadmap::language`] with the roadmap's `[labels]` entries in place.
    pub labels: Labels,
    /// The layout preset asked for, if any.
    pub layout: Option<LayoutRef>,
    /// Colours in place of the layout's own, from the roadmap's `[colours]` table.
    /// Default: none (the layout's palette as it is).
    pub colours: Colours,
    /// The paper size, or `auto` to have the smallest that holds the roadmap chosen.
    /// Default: A4.
    pub page: PageChoice,
    /// How many pages the roadmap is laid over, each of [`Roadmap::page`]'s size.
    /// Default: one.
    pub pages: Pages,
    /// The page orientation, if given; otherwise the preset decides.
    pub orientation: Option<Orientation>,
    /// The stages, in the order a reader goes through them (at least one).
    pub stages: Vec<Stage>,
    /// Every tag the roadmap may use: the built-in ones and those it declares.
    pub tags: Vec<Tag>,
    /// The roadmap's own typeface, from its `[fonts]` table, with the bundled Noto Sans
    /// drawing each character it lacks; `None` draws every text in Noto Sans. The roadmap
    /// is laid out with the fonts it was parsed with.
    pub fonts: Option<FontFiles>,
    /// The publisher's, funder's and partners' logos, in the order given.
    pub logos: Vec<Logo>,
    /// What the printed pages leave to the web version, and where their footer stands,
    /// from the roadmap's `[print]` table. Default: everything printed, the full footer
    /// once, on the last page.
    pub print: Print,
    /// The smallest card text the roadmap accepts, pt (`min_text = "8pt"`): the fitter
    /// never sets the cards' text smaller, and `pages = "auto"` takes the fewest pages
    /// that hold the roadmap at it. Default: none (the layout's own minimum, 7 pt).
    pub min_text: Option<f32>,
}

impl Roadmap {
    /// The footer's words: when the roadmap was last updated ("December 2026", a date in
    /// the page's language) and its small print, in the page's words, or nothing when it gives neither. Every output that shows a footer
    /// takes it from here.
    pub fn footer_line(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(updated) = &self.updated {
            let words = self.labels.get(Label::Updated);
            parts.push(format!("{words}: {}", self.labels.when(updated)));
        }
        if let Some(footer) = &self.footer {
            parts.push(footer.clone());
        }
        if self.print.online_only > 0 {
            parts.push(self.labels.online_only(self.print.online_only));
        }
        (!parts.is_empty()).then(|| parts.join("  ·  "))
    }

    /// The faces the roadmap's text is set in: its own, with Noto Sans drawing what they
    /// lack, or Noto Sans alone.
    pub(crate) fn text_fonts(&self) -> &crate::text::Fonts {
        match &self.fonts {
            Some(fonts) => fonts.faces(),
            None => crate::text::Fonts::bundled(),
        }
    }
}

/// A layout named in a roadmap file: a preset name or a path relative to that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutRef {
    /// A built-in preset's name, in lower case whatever the case written; or a layout
    /// file's path, as written.
    pub value: String,
    /// Where it stands in the roadmap file, for error messages.
    pub span: Range<usize>,
}

impl LayoutRef {
    /// Whether a layout value is a file's path rather than a preset's name: it ends in
    /// `.toml` (in any case) or holds a `/` or `\`.
    pub fn names_file(value: &str) -> bool {
        let lower = value.to_ascii_lowercase();
        lower.ends_with(".toml") || value.contains(['/', '\\'])
    }

    /// Whether this layout is a file's path rather than a built-in preset's name.
    pub fn is_file(&self) -> bool {
        Self::names_file(&self.value)
    }

    /// The built-in preset a value names, written in any case: its name, in lower case.
    pub fn builtin(value: &str) -> Option<&'static str> {
        LAYOUTS
            .into_iter()
            .find(|name| name.eq_ignore_ascii_case(value))
    }

    /// Why a value is neither a built-in preset's name nor a file's path, as a sentence
    /// and a hint that names the nearest preset: what [`parse`] reports at a roadmap's
    /// `layout`, for callers that take a layout from elsewhere, such as a command line.
    pub fn unknown(value: &str) -> (String, String) {
        let names = LAYOUTS;
        let message = format!(
            "unknown layout `{}`; the built-in layouts are {}",
            crate::error::short(value),
            names.join(", ")
        );
        let own = "a layout file of your own is named by its path, ending in .toml, \
                   such as \"mine.toml\"";
        let help = match Self::nearest(value) {
            Some(near) => format!("did you mean `{near}`? ({own})"),
            None => own.to_string(),
        };
        (message, help)
    }

    /// The built-in preset whose name is nearest a value, if the value looks like a
    /// misspelling of it: `raod` gives `road`.
    pub fn nearest(value: &str) -> Option<&'static str> {
        reader::nearest(value, &LAYOUTS)
    }
}

/// One stage of the roadmap.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Stage {
    /// The stage's name, such as "Induction".
    pub title: String,
    /// One or two sentences about the stage.
    pub summary: Option<String>,
    /// The offers open at this stage (may be empty).
    pub offers: Vec<Offer>,
    /// Whether the stage starts a new page on a roadmap laid over several pages
    /// (`break_before = true`). Default: false.
    pub break_before: bool,
}

/// One training offer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Offer {
    /// What the offer is.
    pub title: String,
    /// Who provides it.
    pub provider: String,
    /// Where it lives.
    pub url: Url,
    /// Whether it costs money.
    pub cost: Cost,
    /// The accredited qualification level, if it leads to one.
    pub level: Option<Level>,
    /// Indexes into [`Roadmap::tags`], in the order written.
    pub tags: Vec<usize>,
    /// A short description.
    pub description: Option<String>,
    /// How long it takes, as written ("2 days").
    pub duration: Option<String>,
    /// Who may take it, as written ("Bands 2–4; new starters").
    pub audience: Option<String>,
    /// When it starts, as written ("Every September", or a date).
    pub starts: Option<String>,
    /// The last day it runs.
    pub until: Option<Until>,
    /// Whom to ask about it: an email address (`mailto:`), a phone number (`tel:`) or a
    /// web page.
    pub contact: Option<Url>,
    /// Whether the offer is new since an earlier edition of the roadmap, which puts a
    /// "New" badge on its card and counts it in the legend. A file never sets it:
    /// [`diff::mark_new`](crate::diff::mark_new) does, from the earlier edition.
    pub new: bool,
    /// Whether the offer has ended and is kept on the page with an "Ended" badge. A file
    /// never sets it: [`ending::mark_ended`] does, for a given day.
    pub ended: bool,
    /// Whether the offer is on the printed pages; `print = false` keeps it on the web
    /// version only, and the printed footer counts it ("1 more offer online").
    /// Default: true.
    pub print: bool,
}

/// The last day an offer runs, as its `until` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Until {
    /// The date; a month or a year runs to its last day ([`Date::last_day`]).
    pub date: Date,
    /// The date as written in the file, for the page and exports.
    pub written: String,
    /// Where it stands in the roadmap file, for messages.
    pub span: Range<usize>,
}

impl Offer {
    /// The offer's fields as a roadmap file and a spreadsheet row write them, in that
    /// order, each as text (`None` when left out); tags by their keys, comma separated,
    /// from the roadmap's `tags`. Comparing editions and exporting rows both read offers
    /// through here, and the offer is taken apart whole, so a new field cannot be missed
    /// by one of them.
    pub(crate) fn fields(&self, tags: &[Tag]) -> [(&'static str, Option<String>); 14] {
        let Offer {
            title,
            provider,
            url,
            cost,
            level,
            tags: indices,
            description,
            duration,
            audience,
            starts,
            until,
            contact,
            new: _,
            ended: _,
            print,
        } = self;
        let (cost, price) = match cost {
            Cost::Free => ("free", None),
            Cost::Chargeable { price } => ("chargeable", price.clone()),
        };
        let keys: Vec<&str> = (indices.iter())
            .filter_map(|&i| tags.get(i).map(|t| t.key.as_str()))
            .collect();
        [
            ("title", Some(title.clone())),
            ("provider", Some(provider.clone())),
            ("url", Some(url.as_str().to_string())),
            ("cost", Some(cost.to_string())),
            ("price", price),
            ("level", level.map(|l| l.get().to_string())),
            ("tags", (!keys.is_empty()).then(|| keys.join(", "))),
            ("description", description.clone()),
            ("duration", duration.clone()),
            ("audience", audience.clone()),
            ("starts", starts.clone()),
            ("until", until.as_ref().map(|u| u.written.clone())),
            ("contact", contact.as_ref().map(|c| c.as_str().to_string())),
            ("print", (!print).then(|| "no".to_string())),
        ]
    }
}

/// Whether an offer is free.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cost {
    /// No charge.
    Free,
    /// There is a charge, optionally described ("£150", "membership").
    Chargeable {
        /// The price as free text.
        price: Option<String>,
    },
}

impl Cost {
    /// The words that say the cost on the page, so it never rests on colour alone:
    /// "Free", "Chargeable", or "Chargeable · £150" (in the words of `labels`).
    pub fn label(&self, labels: &Labels) -> String {
        match self {
            Cost::Free => labels.get(Label::Free).to_string(),
            Cost::Chargeable { price: None } => labels.get(Label::Chargeable).to_string(),
            Cost::Chargeable { price: Some(p) } => {
                format!("{} · {p}", labels.get(Label::Chargeable))
            }
        }
    }
}

/// A link target with a scheme waypost accepts: `https`, `http`, `mailto` or `tel`.
#[derive(Clone)]
pub struct Url {
    text: String,
    /// The link's QR code, encoded the first time it is asked for: the layout measures
    /// every card many times while fitting, and encoding costs far more than measuring.
    symbol: OnceLock<Option<Symbol>>,
}

/// A link as a QR code at error correction level M, quiet zone left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// Modules per side.
    pub size: usize,
    /// Whether each module is dark, row by row from the top-left corner.
    pub dark: Vec<bool>,
}

impl PartialEq for Url {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Url {}

impl fmt::Debug for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Url").field(&self.text).finish()
    }
}

impl Url {
    /// The longest link accepted, in bytes of UTF-8: any link up to this length fits in a
    /// QR code at error correction level M (which holds 2,331 bytes at most), and no real
    /// address comes near it.
    pub const MAX_LEN: usize = 2048;

    /// Accepts a URL whose scheme is `https`, `http`, `mailto` or `tel`, which has no
    /// spaces, control characters or invisible ones (bidirectional controls such as U+202E,
    /// zero-width spaces: the address printed would read differently from where it goes),
    /// whose `https` or `http` address names a host, and which is at most [`Url::MAX_LEN`]
    /// bytes long; `None` otherwise.
    pub fn new(text: &str) -> Option<Url> {
        if text.len() > Self::MAX_LEN {
            return None;
        }
        let (scheme, rest) = text.split_once(':')?;
        let scheme_ok = ["https", "http", "mailto", "tel"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme));
        let chars_ok = !text.chars().any(|c| c.is_whitespace() || hidden(c));
        let rest_ok = match scheme.to_ascii_lowercase().as_str() {
            "https" | "http" => (rest.strip_prefix("//"))
                .and_then(|r| r.split(['/', '?', '#']).next())
                .is_some_and(|authority| {
                    // A name before an `@` makes the link read as one site while it goes
                    // to another (`https://www.nhs.uk@evil.example/`): never accepted.
                    let host = host(authority);
                    !authority.contains('@') && !host.is_empty() && !host.starts_with('.')
                }),
            _ => !rest.is_empty(),
        };
        (scheme_ok && chars_ok && rest_ok).then(|| Url {
            text: text.to_string(),
            symbol: OnceLock::new(),
        })
    }

    /// The site of a web link (`www.nhs.uk` of `https://www.nhs.uk/course`); `None` for
    /// other links.
    pub(crate) fn site(&self) -> Option<&str> {
        let (scheme, rest) = self.text.split_once(':')?;
        if !["http", "https"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme))
        {
            return None;
        }
        let authority = rest.strip_prefix("//")?.split(['/', '?', '#']).next()?;
        Some(host(authority))
    }

    /// The URL exactly as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The link as a QR code at error correction level M. Every link waypost accepts fits
    /// ([`Url::MAX_LEN`]), so this is always `Some`; it is encoded once and kept.
    pub fn symbol(&self) -> Option<&Symbol> {
        self.symbol
            .get_or_init(|| {
                let code = QrCode::with_error_correction_level(&self.text, EcLevel::M).ok()?;
                Some(Symbol {
                    size: code.width(),
                    dark: (code.to_colors().into_iter())
                        .map(|m| m == qrcode::Color::Dark)
                        .collect(),
                })
            })
            .as_ref()
    }

    /// The URL as a reader types it from paper: without `https://`, `www.`, `mailto:` or
    /// `tel:` and without a trailing `/`.
    pub fn display(&self) -> &str {
        let s = self.text.as_str();
        let s = ["https://", "http://", "mailto:", "tel:"]
            .iter()
            .find_map(|p| {
                (s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p)).then(|| &s[p.len()..])
            })
            .unwrap_or(s);
        let s = s.strip_prefix("www.").unwrap_or(s);
        s.strip_suffix('/').unwrap_or(s)
    }
}

/// The host of a URL's authority (`user@host:port`): without the user before an `@` or
/// the port after a `:`; an IPv6 address in brackets is kept whole.
fn host(authority: &str) -> &str {
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.starts_with('[') {
        return host;
    }
    host.split(':').next().unwrap_or(host)
}

/// An accredited qualification level, 1 to 8 (the English framework's levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level(u8);

impl Level {
    /// The lowest level.
    pub const LOWEST: u8 = 1;
    /// The highest level.
    pub const HIGHEST: u8 = 8;

    /// Accepts 1 to 8.
    pub fn new(level: i64) -> Option<Level> {
        u8::try_from(level)
            .ok()
            .filter(|l| (Self::LOWEST..=Self::HIGHEST).contains(l))
            .map(Level)
    }

    /// The level's number.
    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_unsafe_schemes_are_refused() {
        assert!(Url::new("https://example.org/a").is_some());
        assert!(Url::new("mailto:team@example.org").is_some());
        assert!(Url::new("https://www.nhs.uk@evil.example/course").is_none());
        assert!(Url::new("https://user:pass@example.org/").is_none());
        assert!(Url::new("tel:+441234567890").is_some());
        assert!(Url::new("https://example.org:8443/a").is_some());
        assert!(Url::new("http://[::1]:8080/").is_some());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,hi",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "example.org",
            "ftp://example.org",
            "http://@",
            "https://user@/path",
            "https://:443/",
            "https://example.org/\u{202E}fdp.exe",
            "https://exam\u{200B}ple.org",
        ] {
            assert!(Url::new(bad).is_none(), "{bad} was accepted");
        }
        let longest = format!("https://example.org/{}", "a".repeat(Url::MAX_LEN - 20));
        assert!(Url::new(&longest).is_some());
        assert!(Url::new(&format!("{longest}a")).is_none());
    }

    #[test]
    fn a_link_is_encoded_once_and_stays_equal_to_its_twin() {
        let (a, b) = (
            Url::new("https://example.org/a").unwrap(),
            Url::new("https://example.org/a").unwrap(),
        );
        let symbol = a.symbol().expect("fits");
        assert_eq!(symbol.dark.len(), symbol.size * symbol.size);
        assert!(
            std::ptr::eq(symbol, a.symbol().unwrap()),
            "kept, not encoded again"
        );
        assert_eq!(a, b, "equality is the text's alone");
    }

    #[test]
    fn urls_display_without_scheme() {
        let url = Url::new("https://www.england.nhs.uk/personalisedcare/").unwrap();
        assert_eq!(url.display(), "england.nhs.uk/personalisedcare");
        assert_eq!(Url::new("mailto:a@b.org").unwrap().display(), "a@b.org");
    }

    #[test]
    fn levels_are_one_to_eight() {
        assert!(Level::new(0).is_none());
        assert_eq!(Level::new(3).map(Level::get), Some(3));
        assert!(Level::new(9).is_none());
    }
}
