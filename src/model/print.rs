//! A roadmap's `[print]`: what the paper leaves to the web version, and where the full
//! footer stands when the roadmap is laid over several pages.

use super::reader::{list_or, nearest, short, Reader, Table};
use super::{Offer, Roadmap};
use std::ops::Range;
use toml::de::DeValue;

/// Where the full footer (footer logos, small print, the roadmap's address and its QR
/// code) stands on a roadmap laid over several pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum FooterPages {
    /// Once, on the last page, as a sheet printed on both sides carries it; the other
    /// pages have a one-line running foot with the title and the page number. Default.
    #[default]
    Last,
    /// On every page, for pages handed out as loose sheets.
    Every,
}

impl FooterPages {
    /// The words a roadmap file uses: `"last-page"`, `"every-page"`.
    pub const NAMES: [&'static str; 2] = ["last-page", "every-page"];
}

/// A detail of an offer that the printed page may leave to the web version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Detail {
    /// The offer's description.
    Description,
    /// How long it takes.
    Duration,
    /// Whom it is for.
    Audience,
    /// When it starts.
    Starts,
    /// Until when it runs.
    Until,
    /// Whom to ask.
    Contact,
    /// The offer's address in words under its card (the card stays a link, and a QR code
    /// asked for with `--qr offers` stays).
    Address,
}

impl Detail {
    /// Every detail, in the order of [`Detail::NAMES`].
    pub const ALL: [Detail; 7] = [
        Detail::Description,
        Detail::Duration,
        Detail::Audience,
        Detail::Starts,
        Detail::Until,
        Detail::Contact,
        Detail::Address,
    ];

    /// The words a roadmap file's `hide` uses, one for each of [`Detail::ALL`].
    pub const NAMES: [&'static str; 7] = [
        "description",
        "duration",
        "audience",
        "starts",
        "until",
        "contact",
        "address",
    ];

    /// The detail a word of `hide` names.
    pub fn from_name(name: &str) -> Option<Detail> {
        let at = Detail::NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(name))?;
        Some(Detail::ALL[at])
    }
}

/// The keys of a roadmap's `[print]` table.
pub(crate) const PRINT_KEYS: [&str; 2] = ["footer", "hide"];

/// What a roadmap asks of its printed pages: the SVG, PNG and PDF. The HTML version
/// always shows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Print {
    /// Where the full footer stands on a roadmap over several pages. Default: the last
    /// page.
    pub footer: FooterPages,
    /// The offers' details left off the paper, each once, in the order of
    /// [`Detail::ALL`]. Default: none.
    pub hide: Vec<Detail>,
    /// How many offers the printed pages leave off with `print = false`, for the footer
    /// to say: set by [`Roadmap::on_paper`], 0 on the roadmap as read.
    pub online_only: usize,
}

impl Print {
    /// Whether the paper leaves `detail` off.
    pub fn hides(&self, detail: Detail) -> bool {
        self.hide.contains(&detail)
    }
}

impl Roadmap {
    /// The roadmap as its printed pages show it: without the details `[print]` hides and
    /// without the offers marked `print = false` (stages keep their place, even when that
    /// leaves one empty). Every other output shows the roadmap as it is.
    pub fn on_paper(&self) -> Roadmap {
        let mut paper = self.clone();
        paper.print.online_only = self.offers_online_only();
        for stage in &mut paper.stages {
            stage.offers.retain(|offer| offer.print);
            for offer in &mut stage.offers {
                self.print.strip(offer);
            }
        }
        paper
    }

    /// How many offers are left off the paper with `print = false`.
    pub fn offers_online_only(&self) -> usize {
        let offers = self.stages.iter().flat_map(|s| &s.offers);
        offers.filter(|offer| !offer.print).count()
    }
}

impl Print {
    /// Takes off `offer` the details this leaves to the web.
    fn strip(&self, offer: &mut Offer) {
        for detail in &self.hide {
            match detail {
                Detail::Description => offer.description = None,
                Detail::Duration => offer.duration = None,
                Detail::Audience => offer.audience = None,
                Detail::Starts => offer.starts = None,
                Detail::Until => offer.until = None,
                Detail::Contact => offer.contact = None,
                // The card's layout reads it from the roadmap's `print`.
                Detail::Address => {}
            }
        }
    }
}

/// The roadmap's `[print]` table: `footer` and `hide`, each checked where it stands.
pub(crate) fn read_print(reader: &mut Reader, top: &Table) -> Print {
    let mut print = Print::default();
    let Some(table) = reader.table(top, "print", "[print]".to_string()) else {
        return print;
    };
    reader.known(&table, &PRINT_KEYS, "key", "[print] takes");
    if let Some((name, _)) = reader.choice(&table, "footer", &FooterPages::NAMES) {
        if name == FooterPages::NAMES[1] {
            print.footer = FooterPages::Every;
        }
    }
    let example = "[\"contact\", \"audience\"]";
    for (name, span) in reader.list_of_text(&table, "hide", example) {
        match Detail::from_name(&name) {
            Some(detail) if !print.hide.contains(&detail) => print.hide.push(detail),
            Some(_) => {}
            None => {
                let help = match nearest(&name.to_ascii_lowercase(), &Detail::NAMES) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None => format!("use {}", list_or(&Detail::NAMES)),
                };
                reader.error_help(
                    span,
                    format!("`hide` names \"{name}\", which is not a detail of an offer"),
                    help,
                );
            }
        }
    }
    print.hide.sort();
    print
}

/// The card text sizes a roadmap's `min_text` may ask for, pt: from the smallest text
/// waypost draws anywhere to a size past which no preset's cards go.
pub const MIN_TEXT_RANGE: (f32, f32) = (7.0, 14.0);

/// The roadmap's `min_text`: a size in points, written `"8pt"`, `"8.5 pt"` or `8`.
pub(crate) fn read_min_text(reader: &mut Reader, top: &Table) -> Option<f32> {
    let value = reader.value(top, "min_text")?;
    let span = value.span();
    let DeValue::String(written) = value.get_ref() else {
        let (size, span) = reader.number(top, "min_text")?;
        return within_range(reader, size as f32, span);
    };
    match points(written) {
        Some(size) => within_range(reader, size, span),
        None => {
            reader.error_help(
                span,
                format!("`min_text` is \"{}\", which is not a size", short(written)),
                "write the smallest card text you accept in points, such as min_text = \"8pt\"",
            );
            None
        }
    }
}

/// A type size written in points, as `min_text` and `--min-text` take it: `"8pt"`,
/// `"8.5 pt"` or `"8"`; `None` for anything else.
pub fn points(text: &str) -> Option<f32> {
    let number = text.trim().trim_end_matches("pt").trim_end();
    number.parse::<f32>().ok().filter(|size| size.is_finite())
}

/// `size`, when within [`MIN_TEXT_RANGE`]; otherwise an error at `span`.
fn within_range(reader: &mut Reader, size: f32, span: Range<usize>) -> Option<f32> {
    let (least, most) = MIN_TEXT_RANGE;
    if (least..=most).contains(&size) {
        return Some(size);
    }
    reader.error_help(
        span,
        format!("`min_text` is {size} pt, but it must be from {least} to {most} pt"),
        format!("nothing is drawn under {least} pt; min_text = \"8pt\" suits a printed handout"),
    );
    None
}
