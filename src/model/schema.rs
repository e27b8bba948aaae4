//! The roadmap file format as a JSON Schema, so that an editor (Taplo, Even Better TOML)
//! can underline a mistake while it is typed.
//!
//! The validated model ([`Roadmap`](super::Roadmap)) is not the file's shape: tags are
//! indexes there, and the cost and its price are one value. The schema is therefore derived
//! from the types below, which mirror the file key for key. Their doc comments become the
//! hints an editor shows. They cannot drift from the parser unnoticed: every list of
//! choices comes from the parser's own constants, and tests check that each table's keys
//! and required keys are the parser's, that every example validates and that the files of
//! `tests/errors` that are shape mistakes do not.
//!
//! The schema is as strict as the parser where JSON Schema can say it. What it cannot say
//! is left to `waypost check`: tags used but not declared, characters the bundled font
//! cannot draw, a layout file that does not exist. It also takes choices in the case
//! they are documented in ("free", "A4"), where the parser forgives other cases.

// The fields are read by serde and schemars only.
#![allow(dead_code)]

use super::colours::STAGES;
use super::logo::PLACES;
use super::parse::{COSTS, ORIENTATIONS};
use super::{Icon, Label, Level, PageChoice, Url};
use super::{COLOUR_KEYS, LAYOUTS, MAX_LOGO_MM};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A text that is not only spaces.
const TEXT: &str = r"\S";

/// A date to the year, month or day: `2027`, `2027-03` or `2027-03-31`.
const DATE: &str = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$";

/// A language tag such as `en-GB` or `cy`.
const LANGUAGE: &str = "^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$";

/// A colour as the parser reads it: `#rrggbb`, or `#rgb` for short.
const COLOUR: &str = "^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$";

/// A link with a scheme waypost accepts (in any case) and no spaces: `https://` or
/// `http://` followed by a host, `mailto:` or `tel:` followed by something.
const LINK: &str = concat!(
    r"^(?:[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#.][^\s]*",
    r"|[Mm][Aa][Ii][Ll][Tt][Oo]:\S+",
    r"|[Tt][Ee][Ll]:\S+)$"
);

/// A training roadmap for waypost: a title, stages in reading order, and the training
/// offers of each stage.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "waypost roadmap")]
struct RoadmapFile {
    /// The page's title.
    #[schemars(pattern(TEXT))]
    title: String,
    /// A line under the title.
    #[schemars(pattern(TEXT))]
    subtitle: Option<String>,
    /// When the content was last checked, such as "2026-11"; printed in the footer, and a
    /// date also dates the PDF.
    #[schemars(pattern(TEXT))]
    updated: Option<String>,
    /// Small print for the footer: who made the page, who funded it.
    #[schemars(pattern(TEXT))]
    footer: Option<String>,
    /// The PDF's author. Default: the footer.
    #[schemars(pattern(TEXT))]
    author: Option<String>,
    /// Where the roadmap itself lives online: printed in the footer with a QR code.
    #[schemars(pattern(LINK), length(max = Url::MAX_LEN))]
    online: Option<String>,
    /// The language of the text, such as "en-GB" or "cy". Default: "en-GB".
    #[schemars(pattern(LANGUAGE))]
    language: Option<String>,
    /// The words waypost puts on the page (badges, legend, footer), replacing those of the
    /// language's built-in table.
    #[serde(default)]
    #[schemars(schema_with = "labels")]
    labels: Option<BTreeMap<String, String>>,
    /// A built-in layout ("road", "columns", "timeline") or a layout file in this file's
    /// folder, such as "styles/mine.toml". Default: "road".
    #[schemars(schema_with = "layouts")]
    #[serde(default)]
    layout: Option<String>,
    /// Colours in place of the layout's, by the keys of a layout file's [palette], each
    /// "#rrggbb"; `stages` is a list of them, one a stage (at least one).
    #[serde(default)]
    #[schemars(schema_with = "colours")]
    colours: Option<toml::Table>,
    /// The paper size. Default: A4.
    #[schemars(schema_with = "page_sizes")]
    #[serde(default)]
    page: Option<String>,
    /// How many pages the roadmap is laid over: 1 to 8, or "auto" for as few as keep the
    /// layout's own type size. Default: 1.
    #[schemars(schema_with = "pages")]
    #[serde(default)]
    pages: Option<toml::Value>,
    /// The page's orientation. Default: the layout's.
    #[schemars(schema_with = "orientations")]
    #[serde(default)]
    orientation: Option<String>,
    /// Tags of your own, by the name offers use in their `tags`.
    tags: Option<BTreeMap<String, TagFile>>,
    /// The stages, in the order a reader goes through them.
    #[schemars(length(min = 1))]
    stage: Vec<StageFile>,
    /// Your own typeface for every text on the page (TrueType outlines, static, its
    /// licence allowing embedding); characters it lacks are drawn in the bundled Noto Sans.
    #[serde(default)]
    fonts: Option<FontsFile>,
    /// Logos: yours, your funder's, your partners', in the order given.
    #[serde(default)]
    logo: Vec<LogoFile>,
    /// What the printed pages (SVG, PNG, PDF) leave to the web version, and where their
    /// full footer stands.
    #[serde(default)]
    print: Option<PrintFile>,
    /// The smallest card text you accept, such as "8pt" (7 to 14 pt): the layout never
    /// sets the cards' text smaller, and pages = "auto" takes the fewest pages that hold
    /// the roadmap at it. Default: the layout's own minimum, 7 pt.
    #[schemars(schema_with = "min_text")]
    #[serde(default)]
    min_text: Option<toml::Value>,
}

/// What the printed pages leave to the web version, and where their footer stands.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PrintFile {
    /// Where the full footer (logos, small print, the QR code) stands on a roadmap over
    /// several pages: "last-page" (the others carry a running foot) or "every-page".
    /// Default: "last-page".
    #[schemars(schema_with = "footer_pages")]
    #[serde(default)]
    footer: Option<String>,
    /// Details of every offer left off the paper and kept on the web: any of
    /// "description", "duration", "audience", "starts", "until", "contact", "address".
    #[schemars(schema_with = "details")]
    #[serde(default)]
    hide: Option<Vec<String>>,
}

/// Your own typeface: font files in this file's folder or a folder inside it.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FontsFile {
    /// The face of running text, such as "fonts/Brand-Regular.ttf".
    regular: FontFileRef,
    /// The face of titles, headings and badges, such as "fonts/Brand-Bold.ttf". Without
    /// it they are set in the regular face.
    #[serde(default)]
    bold: Option<FontFileRef>,
}

/// A font file: its path, or for a font collection (.ttc) a table naming the file and
/// which of its fonts to use.
#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum FontFileRef {
    /// The path of a .ttf or .otf file.
    Path(#[schemars(pattern(TEXT))] String),
    /// One font of a collection.
    InCollection(FontInCollection),
}

/// One font of a collection file.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct FontInCollection {
    /// The collection's path, such as "fonts/Brand.ttc".
    #[schemars(pattern(TEXT))]
    file: String,
    /// Which of its fonts, counting from 0.
    #[serde(default)]
    #[schemars(range(min = 0))]
    index: Option<u32>,
}

/// A tag of your own: the label the page shows, and an icon if you like.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TagFile {
    /// The words shown on the cards and in the legend.
    #[schemars(pattern(TEXT))]
    label: String,
    /// An icon drawn before the label; without one the label is drawn in an outline.
    #[schemars(schema_with = "icons")]
    #[serde(default)]
    icon: Option<String>,
}

/// One stage of the roadmap.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct StageFile {
    /// The stage's name, such as "Induction".
    #[schemars(pattern(TEXT))]
    title: String,
    /// One or two sentences about the stage.
    #[schemars(pattern(TEXT))]
    summary: Option<String>,
    /// The offers open at this stage.
    offer: Option<Vec<OfferFile>>,
    /// Whether the stage starts a new page on a roadmap over several pages. Default:
    /// false.
    break_before: Option<bool>,
}

/// One training offer.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend(
    "if" = { "properties": { "cost": { "const": "free" } }, "required": ["cost"] },
    "then" = { "not": { "required": ["price"] } }
))]
struct OfferFile {
    /// What the offer is.
    #[schemars(pattern(TEXT))]
    title: String,
    /// Who provides it.
    #[schemars(pattern(TEXT))]
    provider: String,
    /// Where it lives: a link starting with https://, http://, mailto: or tel:.
    #[schemars(pattern(LINK), length(max = Url::MAX_LEN))]
    url: String,
    /// Whether it costs money.
    #[schemars(schema_with = "costs")]
    cost: String,
    /// The price, as text ("£150", "membership"); only with cost = "chargeable".
    #[schemars(pattern(TEXT))]
    price: Option<String>,
    /// The accredited qualification level it leads to, 1 to 8.
    #[schemars(range(min = Level::LOWEST, max = Level::HIGHEST))]
    level: Option<u8>,
    /// Tags: built-in ones (online, in-person, blended, national, regional, local) and
    /// those declared under [tags].
    tags: Option<Vec<String>>,
    /// A short description.
    #[schemars(pattern(TEXT))]
    description: Option<String>,
    /// How long it takes, such as "2 days".
    #[schemars(pattern(TEXT))]
    duration: Option<String>,
    /// Who may take it, such as "Bands 2–4; new starters".
    #[schemars(pattern(TEXT))]
    audience: Option<String>,
    /// When it starts, such as "Every September", or a date.
    #[schemars(pattern(TEXT))]
    starts: Option<String>,
    /// The last day it runs: a date such as 2027-03-31, or a month such as "2027-03".
    #[schemars(pattern(DATE))]
    until: Option<String>,
    /// Whom to ask: mailto:, tel: or a web page.
    #[schemars(pattern(LINK), length(max = Url::MAX_LEN))]
    contact: Option<String>,
    /// Whether the offer is on the printed pages; false keeps it on the web version only.
    /// Default: true.
    print: Option<bool>,
}

/// A logo on the page.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct LogoFile {
    /// An SVG, PNG or JPEG file in this file's folder or a folder inside it.
    #[schemars(pattern(TEXT))]
    file: String,
    /// What a screen reader says instead of the logo; required unless decorative.
    #[schemars(pattern(TEXT))]
    alt: Option<String>,
    /// Where it stands: "header" (beside or above the title) or "footer" (the default).
    #[schemars(schema_with = "places")]
    #[serde(default)]
    place: Option<String>,
    /// Its height in mm. Default: the layout's for its place.
    #[schemars(range(min = 1.0, max = MAX_LOGO_MM))]
    height: Option<f32>,
    /// Where it leads when clicked.
    #[schemars(pattern(LINK), length(max = Url::MAX_LEN))]
    link: Option<String>,
    /// Whether it says nothing a reader needs, so that screen readers skip it.
    decorative: Option<bool>,
}

fn footer_pages(_: &mut SchemaGenerator) -> Schema {
    choice(&super::FooterPages::NAMES)
}

fn details(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "enum": super::Detail::NAMES },
        "uniqueItems": true
    })
}

fn min_text(_: &mut SchemaGenerator) -> Schema {
    let (least, most) = super::MIN_TEXT_RANGE;
    json_schema!({
        "oneOf": [
            { "type": "number", "minimum": least, "maximum": most },
            { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*(pt)?\\s*$" }
        ]
    })
}

fn places(_: &mut SchemaGenerator) -> Schema {
    choice(PLACES)
}

/// One of `names`, in the case they are documented in.
fn choice(names: &[&str]) -> Schema {
    json_schema!({ "type": "string", "enum": names })
}

fn page_sizes(_: &mut SchemaGenerator) -> Schema {
    choice(&PageChoice::names())
}

fn pages(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "oneOf": [
            { "type": "integer", "minimum": 1, "maximum": crate::model::Pages::MOST },
            { "type": "string", "enum": ["auto"] }
        ]
    })
}

/// A built-in preset's name, or a path: what ends in `.toml` or holds a slash.
fn layouts(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = LAYOUTS.to_vec();
    json_schema!({
        "type": "string",
        "anyOf": [
            { "enum": names },
            { "pattern": r"\.[Tt][Oo][Mm][Ll]$|[/\\]" }
        ]
    })
}

fn orientations(_: &mut SchemaGenerator) -> Schema {
    choice(ORIENTATIONS)
}

fn costs(_: &mut SchemaGenerator) -> Schema {
    choice(COSTS)
}

/// The `[labels]` table: each key of the parser's list, as text; those with a number in
/// them hold its mark, `{n}` (and no other brace, which a JSON Schema pattern could not
/// tell from a second mark).
fn labels(_: &mut SchemaGenerator) -> Schema {
    let properties: serde_json::Map<String, serde_json::Value> = (Label::ALL.iter())
        .map(|&l| {
            let pattern = match l {
                Label::Level
                | Label::NewMeaning
                | Label::Continues
                | Label::ContinuedFrom
                | Label::Offers
                | Label::FreeOffers
                | Label::MoreStages
                | Label::InStages => r"^[^{}]*\{n\}[^{}]*$",
                Label::Showing | Label::PageOf => {
                    r"^[^{}]*(\{n\}[^{}]*\{total\}|\{total\}[^{}]*\{n\})[^{}]*$"
                }
                _ => TEXT,
            };
            let schema = json_schema!({ "type": "string", "pattern": pattern });
            (l.key().to_string(), schema.into())
        })
        .collect();
    json_schema!({ "type": "object", "properties": properties, "additionalProperties": false })
}

/// The `[colours]` table: each key of the palette, a colour; `stages`, a list of them.
fn colours(_: &mut SchemaGenerator) -> Schema {
    let colour = json_schema!({ "type": "string", "pattern": COLOUR });
    let properties: serde_json::Map<String, serde_json::Value> = (COLOUR_KEYS.iter())
        .map(|&key| {
            let schema = if key == STAGES {
                json_schema!({ "type": "array", "items": colour, "minItems": 1 })
            } else {
                colour.clone()
            };
            (key.to_string(), schema.into())
        })
        .collect();
    json_schema!({ "type": "object", "properties": properties, "additionalProperties": false })
}

fn icons(_: &mut SchemaGenerator) -> Schema {
    choice(&Icon::ALL.map(|(_, name)| name))
}

/// Drops the `null` type and default that schemars gives a key that may be left out: TOML
/// has no null, so the key's absence is all it means.
fn no_null(schema: &mut Schema) {
    if schema
        .get("default")
        .is_some_and(serde_json::Value::is_null)
    {
        schema.remove("default");
    }
    // An optional table is "this table, or null": the table alone is left.
    if let Some(serde_json::Value::Array(choices)) = schema.get_mut("anyOf") {
        choices.retain(|c| c.get("type").is_none_or(|t| t != "null"));
        if let [serde_json::Value::Object(only)] = choices.as_slice() {
            let only = only.clone();
            schema.remove("anyOf");
            for (key, value) in only {
                schema.insert(key, value);
            }
        }
    }
    let Some(serde_json::Value::Array(types)) = schema.get_mut("type") else {
        return;
    };
    types.retain(|t| t != "null");
    if let [only] = types.as_slice() {
        let only = only.clone();
        schema.insert("type".to_string(), only);
    }
}

/// The JSON Schema (draft 7, which editors' TOML extensions read) of a roadmap file, as
/// pretty-printed JSON. The same build always gives the same text.
///
/// # Example
///
/// ```
/// let schema = waypost::model::schema();
/// assert!(schema.contains("\"title\": \"waypost roadmap\""));
/// ```
pub fn schema() -> String {
    let mut settings = schemars::generate::SchemaSettings::draft07();
    settings
        .transforms
        .push(Box::new(schemars::transform::RecursiveTransform(no_null)));
    let generator = settings.into_generator();
    let schema = generator.into_root_schema_for::<RoadmapFile>();
    // A schema holds only strings, numbers and maps with string keys, which always print.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::super::assets::FONT_KEYS;
    use super::super::logo::LOGO_KEYS;
    use super::super::parse::{OFFER_KEYS, STAGE_KEYS, TAG_KEYS, TOP_KEYS};
    use super::super::print::PRINT_KEYS;
    use super::COLOUR_KEYS;
    use serde_json::Value;

    fn schema() -> Value {
        serde_json::from_str(&super::schema()).expect("the schema is JSON")
    }

    /// The keys of an object schema and its required keys, sorted.
    fn keys(object: &Value) -> (Vec<String>, Vec<String>) {
        let mut properties: Vec<String> = object["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect();
        // A table with no required key has no `required` list.
        let mut required: Vec<String> = (object["required"].as_array().into_iter().flatten())
            .map(|k| k.as_str().expect("a key").to_string())
            .collect();
        properties.sort();
        required.sort();
        (properties, required)
    }

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut list: Vec<String> = list.iter().map(|k| k.to_string()).collect();
        list.sort();
        list
    }

    #[test]
    fn every_table_has_the_parsers_keys_and_required_keys() {
        let schema = schema();
        let definitions = &schema["definitions"];
        let tables = [
            (&schema, TOP_KEYS, &["title", "stage"][..]),
            (&definitions["StageFile"], STAGE_KEYS, &["title"][..]),
            (
                &definitions["OfferFile"],
                OFFER_KEYS,
                &["title", "provider", "url", "cost"][..],
            ),
            (&definitions["TagFile"], TAG_KEYS, &["label"][..]),
            (&definitions["LogoFile"], LOGO_KEYS, &["file"][..]),
            (&definitions["FontsFile"], &FONT_KEYS[..], &["regular"][..]),
            (&schema["properties"]["colours"], &COLOUR_KEYS[..], &[][..]),
            (&definitions["PrintFile"], &PRINT_KEYS[..], &[][..]),
        ];
        for (object, parser_keys, required) in tables {
            assert_eq!(keys(object), (sorted(parser_keys), sorted(required)));
            assert_eq!(object["additionalProperties"], Value::Bool(false));
        }
    }

    #[test]
    fn the_schema_says_nothing_of_null() {
        let text = super::schema();
        assert!(!text.contains("null"), "{text}");
        assert_eq!(text, super::schema(), "the same text every time");
    }
}
