//! Roadmap files: TOML text to a validated [`Roadmap`], with every problem reported at once.

use super::assets::Assets;
use super::fonts;
use super::labels::{self, Label, Labels};
use super::link::read_url;
use super::logo;
use super::reader::{short, Reader, Table};
use super::tags::{self, Icon, Tag};
use super::toml_text::bare_or_quoted;
use super::MAX_SOURCE;
use super::{
    Cost, LayoutRef, Level, Offer, Orientation, PageChoice, PageSize, Pages, Roadmap, Stage, Until,
};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::scene::Date;
use crate::text::Fonts;
use std::ops::Range;

pub(crate) const TOP_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "updated",
    "footer",
    "author",
    "online",
    "language",
    "labels",
    "layout",
    "colours",
    "page",
    "pages",
    "orientation",
    "stage",
    "tags",
    "fonts",
    "logo",
    "print",
    "min_text",
];
pub(crate) const STAGE_KEYS: &[&str] = &["title", "summary", "offer", "break_before"];
pub(crate) const OFFER_KEYS: &[&str] = &[
    "title",
    "provider",
    "url",
    "cost",
    "price",
    "level",
    "tags",
    "description",
    "duration",
    "audience",
    "starts",
    "until",
    "contact",
    "print",
];
pub(crate) const TAG_KEYS: &[&str] = &["label", "icon"];
/// The values of an offer's `cost`.
pub(crate) const COSTS: &[&str] = &["free", "chargeable"];
/// The values of the roadmap's `orientation`.
pub(crate) const ORIENTATIONS: &[&str] = &["portrait", "landscape"];

/// Parses and validates the text of a roadmap file.
///
/// A source over [`MAX_SOURCE`] bytes (1 MiB) is refused before it is read: that bounds
/// every later stage (about 7,500 offers at the most, far more than any page holds; the
/// layout then says how many fit).
///
/// `file` names the file in messages. On failure every problem found is in
/// [`Error::Invalid`], each with its position.
///
/// # Example
///
/// ```
/// let roadmap = waypost::model::parse(
///     "roadmap.toml",
///     r#"
///     title = "Training roadmap"
///     [[stage]]
///     title = "Induction"
///     [[stage.offer]]
///     title = "Induction guide"
///     provider = "NHS England"
///     url = "https://www.england.nhs.uk/"
///     cost = "free"
///     "#,
/// )?;
/// assert_eq!(roadmap.stages[0].offers[0].provider, "NHS England");
///
/// let mistake = waypost::model::parse("typo.toml", "titel = \"Roadmap\"\n").unwrap_err();
/// // typo.toml:1:1: error: unknown key `titel` …
/// assert!(mistake.to_string().starts_with("typo.toml:1:1: error:"));
/// # Ok::<(), waypost::Error>(())
/// ```
pub fn parse(file: &str, source: &str) -> Result<Roadmap> {
    parse_with(file, source, &Assets::new())
}

/// [`parse`] for a roadmap that names files of its own (logos, fonts): `assets` holds their
/// bytes, by the path written in the roadmap ([`assets_named`](super::assets_named) lists
/// them). Each file is checked here, and a bad one is reported at the line that names it.
///
/// # Errors
///
/// As [`parse`]; also every file the roadmap names that `assets` does not hold, or holds
/// unreadable, too large or not of the kind its name says.
pub fn parse_with(file: &str, source: &str, assets: &Assets) -> Result<Roadmap> {
    if source.len() > MAX_SOURCE {
        let size = source.len().div_ceil(1024);
        return Err(Error::Invalid(Diagnostics {
            file: file.to_string(),
            source: String::new(),
            list: vec![Diagnostic::new(
                0..0,
                format!(
                    "this roadmap is {size} KiB; a roadmap file may be at most {} KiB",
                    MAX_SOURCE / 1024
                ),
            )
            .with_help("split it into roadmaps of their own, or shorten its descriptions")],
        }));
    }
    let mut reader = Reader::default();
    let roadmap = reader
        .document(source)
        .and_then(|doc| read_roadmap(&mut reader, doc.get_ref(), source, assets));
    let mut list = reader.diagnostics;
    match roadmap {
        Some(roadmap) if list.is_empty() => Ok(roadmap),
        _ => {
            list.sort_by_key(|d| (d.span.start, d.span.end));
            list.dedup();
            Err(Error::Invalid(Diagnostics {
                file: file.to_string(),
                source: source.to_string(),
                list,
            }))
        }
    }
}

fn read_roadmap(
    reader: &mut Reader,
    entries: &toml::de::DeTable,
    source: &str,
    assets: &Assets,
) -> Option<Roadmap> {
    let top = Table {
        entries,
        span: 0..source.find('\n').unwrap_or(source.len()),
        name: "the roadmap".to_string(),
    };
    reader.known_keys(&top, TOP_KEYS);
    // The fonts first: they say which characters every text may hold. When they are named
    // but cannot be used, that is not known, and only their own problems are reported.
    let fonts = fonts::read_fonts(reader, &top, assets);
    let faces = match &fonts {
        Some(fonts) => Some(fonts.faces()),
        None if reader.value(&top, "fonts").is_some() => None,
        None => Some(Fonts::bundled()),
    };
    let title = required(reader, faces, &top, "title", "\"Training roadmap\"");
    let subtitle = text(reader, faces, &top, "subtitle");
    let updated = text(reader, faces, &top, "updated");
    let footer = text(reader, faces, &top, "footer");
    let author = reader.text(&top, "author").map(|(t, _)| t);
    let online = read_url(reader, &top, "online", false);
    let language = read_language(reader, &top);
    let labels = read_labels(reader, faces, &top, &language);
    let layout = reader
        .text(&top, "layout")
        .and_then(|(value, span)| read_layout(reader, value, span));
    let colours = super::colours::read_colours(reader, &top);
    let page = reader
        .choice(&top, "page", &PageChoice::names())
        .and_then(|(name, _)| PageChoice::from_name(&name))
        .unwrap_or(PageChoice::Size(PageSize::A4));
    let pages = read_pages(reader, &top);
    let orientation = reader
        .choice(&top, "orientation", ORIENTATIONS)
        .map(|(o, _)| match o.as_str() {
            "landscape" => Orientation::Landscape,
            _ => Orientation::Portrait,
        });
    let logos = logo::read_logos(reader, &top, assets);
    let print = super::print::read_print(reader, &top);
    let min_text = super::print::read_min_text(reader, &top);
    let (tags, tags_complete) = read_tags(reader, faces, &top, &labels);
    let stage_tables = reader.tables(&top, "stage", |i| format!("stage {}", i + 1));
    if stage_tables.is_empty()
        && reader.value(&top, "stage").is_none()
        && !reader.misspelt(&top, "stage")
    {
        reader.error_help(
            top.span.clone(),
            "the roadmap has no stages",
            "add at least one stage: a line [[stage]] followed by title = \"Induction\"",
        );
    }
    if let Some(extra) = stage_tables.get(super::MAX_STAGES) {
        reader.error_help(
            extra.span.clone(),
            format!(
                "this roadmap has {} stages; a roadmap may have at most {}",
                stage_tables.len(),
                super::MAX_STAGES
            ),
            "join stages that belong together, or make several roadmaps, one for each \
             audience or area",
        );
    }
    let mut offers_seen = 0;
    let stages: Vec<Stage> = (stage_tables.iter().take(super::MAX_STAGES))
        .filter_map(|table| {
            read_stage(reader, faces, table, &tags, tags_complete, &mut offers_seen)
        })
        .collect();
    Some(Roadmap {
        title: title?,
        subtitle,
        updated,
        footer,
        author,
        online,
        language,
        labels,
        layout,
        colours,
        page,
        pages,
        orientation,
        stages,
        tags,
        fonts,
        logos,
        print,
        min_text,
    })
}

/// The layout a roadmap file's text names, read on its own, even from a file with other
/// problems: a caller that reads layout files can then report a layout path's problems
/// together with the rest of [`parse`]'s, in one pass. `None` when the file names no
/// layout, or names one that [`parse`] reports as unknown.
///
/// # Example
///
/// ```
/// let source = "title = 3\nlayout = \"styles/mine.toml\"\n";
/// assert!(waypost::model::parse("roadmap.toml", source).is_err());
/// let layout = waypost::model::layout_named(source).expect("a layout path");
/// assert_eq!(layout.value, "styles/mine.toml");
/// assert!(layout.is_file());
/// ```
pub fn layout_named(source: &str) -> Option<LayoutRef> {
    let (document, _) = toml::de::DeTable::parse_recoverable(source);
    let top = Table {
        entries: document.get_ref(),
        span: 0..0,
        name: "the roadmap".to_string(),
    };
    let mut reader = Reader::default();
    let (value, span) = reader.text(&top, "layout")?;
    read_layout(&mut reader, value, span)
}

/// Where a roadmap file's text gives its `title`, read on its own, for messages about the
/// title that come after parsing (such as its fit on the images for feeds and slides);
/// `None` when it gives none.
///
/// # Example
///
/// ```
/// let source = "# A roadmap\ntitle = \"Training roadmap\"\n";
/// let span = waypost::model::title_span(source).expect("a title");
/// assert_eq!(&source[span], "\"Training roadmap\"");
/// ```
pub fn title_span(source: &str) -> Option<Range<usize>> {
    let (document, _) = toml::de::DeTable::parse_recoverable(source);
    let top = Table {
        entries: document.get_ref(),
        span: 0..0,
        name: "the roadmap".to_string(),
    };
    Reader::default().text(&top, "title").map(|(_, span)| span)
}

/// A layout named in the roadmap: a file's path as written, or a built-in preset's name
/// in any case (kept in lower case); an unknown name is reported with the nearest one.
fn read_layout(reader: &mut Reader, value: String, span: Range<usize>) -> Option<LayoutRef> {
    if LayoutRef::names_file(&value) {
        return Some(LayoutRef { value, span });
    }
    if let Some(name) = LayoutRef::builtin(&value) {
        return Some(LayoutRef {
            value: name.to_string(),
            span,
        });
    }
    let (message, help) = LayoutRef::unknown(&value);
    reader.error_help(span, message, help);
    None
}

/// An optional text value that the roadmap's fonts can draw.
fn text(reader: &mut Reader, fonts: Option<&Fonts>, table: &Table, key: &str) -> Option<String> {
    let value = reader.text(table, key);
    drawable(reader, fonts, value)
}

/// A required text value that the roadmap's fonts can draw.
fn required(
    reader: &mut Reader,
    fonts: Option<&Fonts>,
    table: &Table,
    key: &str,
    example: &str,
) -> Option<String> {
    let value = reader.required_text(table, key, example);
    drawable(reader, fonts, value)
}

/// Keeps a text only if the roadmap's fonts (its own and the bundled Noto Sans together)
/// can draw all of it; reports what they cannot. `None` for fonts named but unusable: what
/// they could draw is not known, so only control characters are refused.
fn drawable(
    reader: &mut Reader,
    fonts: Option<&Fonts>,
    text: Option<(String, Range<usize>)>,
) -> Option<String> {
    let (text, span) = text?;
    let mut missing = fonts.map(|fonts| fonts.missing(&text)).unwrap_or_default();
    // A control character is refused even where the font has a glyph for it (NUL): the
    // writers would drop it, or a terminal obey it.
    for c in text
        .chars()
        .filter(|&c| c.is_control() && !c.is_whitespace())
    {
        if !missing.contains(&c) {
            missing.push(c);
        }
    }
    if missing.is_empty() {
        return Some(text);
    }
    let named: Vec<String> = missing
        .iter()
        .map(|c| {
            if c.is_control() {
                format!("an invisible control character (U+{:04X})", *c as u32)
            } else {
                format!("'{c}' (U+{:04X})", *c as u32)
            }
        })
        .collect();
    let (message, help) = if fonts.is_some_and(Fonts::has_own) {
        (
            format!(
                "this text has {} that neither the roadmap's fonts nor the bundled Noto Sans \
                 can draw",
                named.join(", ")
            ),
            "remove or replace those characters, or name fonts in [fonts] that have them",
        )
    } else {
        (
            format!(
                "this text has {} that the bundled font cannot draw",
                named.join(", ")
            ),
            "remove or replace those characters; symbols such as ✓ and → are not in the font",
        )
    };
    reader.error_help(span, message, help);
    None
}

fn read_language(reader: &mut Reader, top: &Table) -> String {
    let Some((lang, span)) = reader.text(top, "language") else {
        return "en-GB".to_string();
    };
    let valid = lang.split('-').all(|part| {
        (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
    });
    if !valid {
        reader.error_help(
            span,
            format!("\"{}\" is not a language tag", short(&lang)),
            "use a tag such as \"en-GB\" or \"cy\"",
        );
    }
    lang
}

/// The built-in tags and those the roadmap declares. A declaration with problems still
/// declares its tag (the problems are reported once, at the declaration), so offers that use
/// it are not told the tag is unknown. The flag says whether every declaration could be
/// read: when `[tags]` itself is broken, no tag name can be called undeclared.
fn read_tags(
    reader: &mut Reader,
    fonts: Option<&Fonts>,
    top: &Table,
    labels: &Labels,
) -> (Vec<Tag>, bool) {
    let mut tags = tags::builtin(labels);
    if reader.value(top, "tags").is_none() {
        return (tags, true);
    }
    let Some(table) = reader.table(top, "tags", "[tags]".to_string()) else {
        return (tags, false);
    };
    let icon_names: Vec<&str> = Icon::ALL.iter().map(|(_, n)| *n).collect();
    for (key, value) in table.entries.iter() {
        let name = key.get_ref().to_string();
        let shown = short(&name);
        let tag = match value.get_ref() {
            toml::de::DeValue::Table(entries) => {
                let tag_table = Table {
                    entries,
                    span: key.span(),
                    name: format!("[tags.{}]", bare_or_quoted(&shown)),
                };
                reader.known_keys(&tag_table, TAG_KEYS);
                let label = required(reader, fonts, &tag_table, "label", "\"Peer support\"");
                let icon = reader
                    .choice(&tag_table, "icon", &icon_names)
                    .and_then(|(n, _)| Icon::from_name(&n));
                Tag {
                    key: name.clone(),
                    // A label that could not be read leaves the roadmap invalid, so the
                    // key standing in for it is never drawn.
                    label: label.unwrap_or_else(|| name.clone()),
                    icon,
                }
            }
            _ => {
                reader.error_help(
                    value.span(),
                    format!("tag `{shown}` must be a table"),
                    format!(
                        "declare it as [tags.{}] with label = \"…\" (and icon = \"…\" if you like)",
                        bare_or_quoted(&shown)
                    ),
                );
                Tag {
                    key: name.clone(),
                    label: name.clone(),
                    icon: None,
                }
            }
        };
        match tags.iter_mut().find(|t| t.key == name) {
            Some(existing) => *existing = tag,
            None => tags.push(tag),
        }
    }
    (tags, true)
}

fn read_stage(
    reader: &mut Reader,
    fonts: Option<&Fonts>,
    table: &Table,
    tags: &[Tag],
    tags_complete: bool,
    offers_seen: &mut usize,
) -> Option<Stage> {
    reader.known_keys(table, STAGE_KEYS);
    let title = required(reader, fonts, table, "title", "\"Induction\"");
    let summary = text(reader, fonts, table, "summary");
    let break_before = reader.flag(table, "break_before").is_some_and(|(b, _)| b);
    let stage_number = table.name.clone();
    let tables = reader.tables(table, "offer", |i| {
        format!("offer {} of {stage_number}", i + 1)
    });
    let before = *offers_seen;
    *offers_seen += tables.len();
    let room = super::MAX_OFFERS.saturating_sub(before);
    let first_past = (before <= super::MAX_OFFERS)
        .then(|| tables.get(room))
        .flatten();
    if let Some(extra) = first_past {
        reader.error_help(
            extra.span.clone(),
            format!(
                "this is the roadmap's offer number {}; a roadmap may have at most {}",
                super::MAX_OFFERS + 1,
                super::MAX_OFFERS
            ),
            "make several roadmaps, one for each audience or area: a reader finds an \
             offer among a few dozen, not among hundreds",
        );
    }
    let offers: Vec<Option<Offer>> = (tables.iter().take(room))
        .map(|offer| read_offer(reader, fonts, offer, tags, tags_complete))
        .collect();
    Some(Stage {
        title: title?,
        summary,
        offers: offers.into_iter().collect::<Option<Vec<_>>>()?,
        break_before,
    })
}

fn read_offer(
    reader: &mut Reader,
    fonts: Option<&Fonts>,
    table: &Table,
    tags: &[Tag],
    tags_complete: bool,
) -> Option<Offer> {
    reader.known_keys(table, OFFER_KEYS);
    let title = required(reader, fonts, table, "title", "\"Induction guide\"");
    let provider = required(reader, fonts, table, "provider", "\"NHS England\"");
    let url = read_url(reader, table, "url", true);
    let cost = if reader.value(table, "cost").is_none() {
        reader.missing(table, "cost", "\"free\" (or \"chargeable\")");
        None
    } else {
        reader.choice(table, "cost", COSTS)
    };
    let price = text(reader, fonts, table, "price");
    let cost = match (cost, price) {
        (Some((c, _)), price) if c == "chargeable" => Some(Cost::Chargeable { price }),
        (Some(_), Some(_)) => {
            let span = reader.value(table, "price").map_or(0..0, |v| v.span());
            reader.error_help(
                span,
                "a free offer cannot have a `price`",
                "remove the price, or set cost = \"chargeable\"",
            );
            None
        }
        (Some(_), None) => Some(Cost::Free),
        (None, _) => None,
    };
    let level = reader.integer(table, "level").and_then(|(n, span)| {
        let level = Level::new(n);
        if level.is_none() {
            reader.error_help(
                span,
                format!("level {n} is not a qualification level"),
                "accredited levels run from 1 to 8",
            );
        }
        level
    });
    let mut tag_indexes = Vec::new();
    let mut tags_ok = true;
    for (name, span) in reader.text_list(table, "tags") {
        // A tag's name is a fixed word too: `Online` is the built-in `online`, unless a
        // tag is declared under that very spelling.
        let known = (tags.iter().position(|t| t.key == name))
            .or_else(|| (tags.iter()).position(|t| t.key.to_lowercase() == name.to_lowercase()));
        match known {
            Some(i) if !tag_indexes.contains(&i) => tag_indexes.push(i),
            Some(_) => {}
            None if !tags_complete => tags_ok = false,
            None => {
                tags_ok = false;
                let name = short(&name);
                let key = bare_or_quoted(&name);
                let keys: Vec<&str> = tags.iter().map(|t| t.key.as_str()).collect();
                let help = match super::reader::nearest(&name, &keys) {
                    Some(near) => {
                        format!("did you mean \"{near}\"? Or declare it with [tags.{key}]")
                    }
                    None => format!(
                        "declare it as [tags.{key}] with label = \"…\"; known tags: {}",
                        keys.join(", ")
                    ),
                };
                reader.error_help(span, format!("tag \"{name}\" is not declared"), help);
            }
        }
    }
    let description = text(reader, fonts, table, "description");
    let duration = text(reader, fonts, table, "duration");
    let audience = text(reader, fonts, table, "audience");
    let starts = text(reader, fonts, table, "starts");
    let until = match reader.text(table, "until") {
        None => Some(None),
        Some((written, span)) => match Date::parse(&written) {
            Some(date) => Some(Some(Until {
                date,
                written,
                span,
            })),
            None => {
                reader.error_help(
                    span,
                    format!("`until` must be a date, not \"{}\"", short(&written)),
                    "write the last day the offer runs as until = 2027-03-31, or a month \
                     as until = \"2027-03\"",
                );
                None
            }
        },
    };
    let contact = match reader.value(table, "contact") {
        None => Some(None),
        Some(_) => read_url(reader, table, "contact", false).map(Some),
    };
    Some(Offer {
        title: title?,
        provider: provider?,
        url: url?,
        cost: cost?,
        level,
        tags: tags_ok.then_some(tag_indexes)?,
        description,
        duration,
        audience,
        starts,
        until: until?,
        contact: contact?,
        new: false,
        ended: false,
        print: reader.flag(table, "print").is_none_or(|(b, _)| b),
    })
}

/// `pages`: a whole number from 1 to [`Pages::MOST`], or `"auto"`.
fn read_pages(reader: &mut Reader, top: &Table) -> Pages {
    let help = format!(
        "write pages = 2 (any number from 1 to {}), or pages = \"auto\" for as few as keep \
         the layout's own type size",
        Pages::MOST
    );
    let Some(value) = reader.value(top, "pages") else {
        return Pages::default();
    };
    if let toml::de::DeValue::String(_) = value.get_ref() {
        return match reader.choice(top, "pages", &["auto"]) {
            Some(_) => Pages::Auto,
            None => Pages::default(),
        };
    }
    match reader.integer(top, "pages") {
        Some((n, _)) if (1..=Pages::MOST as i64).contains(&n) => Pages::Count(n as usize),
        Some((n, span)) => {
            reader.error_help(
                span,
                format!(
                    "`pages` is {n}, but a roadmap is laid over 1 to {} pages",
                    Pages::MOST
                ),
                help,
            );
            Pages::default()
        }
        None => Pages::default(),
    }
}

/// The built-in words for the language, with the roadmap's `[labels]` entries in place.
/// Each entry must be text the fonts can draw; `level` must say where its number goes.
fn read_labels(reader: &mut Reader, fonts: Option<&Fonts>, top: &Table, language: &str) -> Labels {
    let mut words = Labels::for_language(language);
    let Some(table) = reader.table(top, "labels", "[labels]".to_string()) else {
        return words;
    };
    reader.known_keys(&table, &Label::KEYS);
    for label in Label::ALL {
        let value = reader.text(&table, label.key());
        if let Some((text, span)) = &value {
            let example = match label {
                Label::Level => Some("Level"),
                Label::NewMeaning => Some("new offers:"),
                Label::Showing => Some("Showing"),
                Label::FiltersActive => Some("active:"),
                Label::FiltersUnknown => Some("Filters not recognised:"),
                Label::PageOf => Some("Page"),
                Label::Continues => Some("Continues on page"),
                Label::ContinuedFrom => Some("Continued from page"),
                Label::Offers => Some("offers:"),
                Label::FreeOffers => Some("free:"),
                Label::MoreStages => Some("more stages:"),
                Label::InStages => Some("stages:"),
                _ => None,
            };
            if let Some(example) = example {
                if text.matches(labels::NUMBER).count() != 1 {
                    reader.error_help(
                        span.clone(),
                        format!(
                            "the `{}` label must hold {} once, where the number goes",
                            label.key(),
                            labels::NUMBER
                        ),
                        format!("such as {} = \"{example} {}\"", label.key(), labels::NUMBER),
                    );
                    continue;
                }
            }
            let total = match label {
                Label::Showing => Some((
                    "the number of all the offers",
                    "Showing {n} of {total} offers",
                )),
                Label::PageOf => Some(("the number of pages", "Page {n} of {total}")),
                _ => None,
            };
            if let Some((what, example)) = total {
                if text.matches(labels::TOTAL).count() != 1 {
                    reader.error_help(
                        span.clone(),
                        format!(
                            "the `{}` label must hold {} once, where {what} goes",
                            label.key(),
                            labels::TOTAL
                        ),
                        format!("such as {} = \"{example}\"", label.key()),
                    );
                    continue;
                }
            }
        }
        if let Some(text) = drawable(reader, fonts, value) {
            words.set(label, text);
        }
    }
    words
}
