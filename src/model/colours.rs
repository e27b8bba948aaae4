//! A roadmap's `[colours]`: colours of its own in place of those of its layout's palette.

use super::reader::{not_a_colour, Reader, Table};
use crate::scene::Color;
use toml::de::DeValue;

/// The colours of a layout's palette, by the keys a layout file's `[palette]` gives them:
/// what a roadmap's `[colours]` table may set. `stages` is a list, one colour per stage;
/// every other key is one colour. The vocabulary of the format, whose palettes the layout
/// stage holds.
pub const COLOUR_KEYS: [&str; 17] = [
    "page",
    "text",
    "muted",
    "card",
    "card_border",
    "link",
    "road",
    "road_line",
    "free",
    "free_text",
    "chargeable",
    "chargeable_text",
    "level",
    "new",
    "new_text",
    "stage_text",
    "stages",
];

/// The one key of [`COLOUR_KEYS`] that holds a list.
pub(crate) const STAGES: &str = "stages";

/// The colours a roadmap sets in place of its layout's (its `[colours]` table), by the
/// keys of [`COLOUR_KEYS`]; the layout puts them into whichever preset draws the page.
///
/// Made only by [`parse`](super::parse), so every key is one the palette has and a list
/// of stage colours is never empty.
///
/// # Example
///
/// ```
/// let roadmap = waypost::model::parse(
///     "roadmap.toml",
///     r##"
///     title = "Training roadmap"
///     [colours]
///     link = "#7a1f5c"
///     stages = ["#005eb8", "#00746b"]
///     [[stage]]
///     title = "Induction"
///     "##,
/// )?;
/// let colours = &roadmap.colours;
/// assert_eq!(colours.get("link").map(|c| c.to_hex()), Some("#7a1f5c".to_string()));
/// assert_eq!(colours.get("page"), None); // the layout's own
/// assert_eq!(colours.stages().map(<[_]>::len), Some(2));
/// # Ok::<(), waypost::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Colours {
    /// Each single colour set, in the order of [`COLOUR_KEYS`].
    single: Vec<(&'static str, Color)>,
    /// The stage colours, when set: at least one.
    stages: Option<Vec<Color>>,
}

impl Colours {
    /// The colour set for `key` (one of [`COLOUR_KEYS`], other than `stages`), if the
    /// roadmap sets it.
    pub fn get(&self, key: &str) -> Option<Color> {
        (self.single.iter()).find_map(|(k, colour)| (*k == key).then_some(*colour))
    }

    /// The stage colours, when the roadmap sets them: they replace the layout's whole
    /// list, reused in order when there are more stages. Never empty.
    pub fn stages(&self) -> Option<&[Color]> {
        self.stages.as_deref()
    }

    /// Whether the roadmap sets no colour.
    pub fn is_empty(&self) -> bool {
        self.single.is_empty() && self.stages.is_none()
    }
}

/// The roadmap's `[colours]`, each a colour written `#rrggbb`: an unknown key is reported
/// with the nearest palette key, a bad colour where it stands.
pub(crate) fn read_colours(reader: &mut Reader, top: &Table) -> Colours {
    let mut colours = Colours::default();
    let Some(table) = reader.table(top, "colours", "[colours]".to_string()) else {
        return colours;
    };
    reader.known(
        &table,
        &COLOUR_KEYS,
        "colour",
        "the colours a layout has are",
    );
    for key in COLOUR_KEYS {
        if key == STAGES {
            colours.stages = read_stages(reader, &table);
        } else if let Some((text, span)) = reader.text(&table, key) {
            match Color::from_hex(&text) {
                Some(colour) => colours.single.push((key, colour)),
                None => reader.error_help(span, not_a_colour(&text), help(key)),
            }
        }
    }
    colours
}

/// The list of stage colours, if given and every one of them is a colour.
fn read_stages(reader: &mut Reader, table: &Table) -> Option<Vec<Color>> {
    let value = reader.value(table, STAGES)?;
    let written = match value.get_ref() {
        DeValue::Array(items) => items.len(),
        _ => 0,
    };
    let example = "[\"#005eb8\", \"#00746b\"]";
    // A value that is not a list, and items that are not text, are reported here.
    let items = reader.list_of_text(table, STAGES, example);
    if written == 0 && matches!(value.get_ref(), DeValue::Array(_)) {
        reader.error_help(
            value.span(),
            "`stages` in [colours] has no colours",
            format!("list at least one, such as stages = {example}"),
        );
    }
    let mut stages = Vec::with_capacity(items.len());
    for (text, span) in items {
        match Color::from_hex(&text) {
            Some(colour) => stages.push(colour),
            None => reader.error_help(span, not_a_colour(&text), help(STAGES)),
        }
    }
    (written > 0 && stages.len() == written).then_some(stages)
}

/// How to write a colour under `key`.
fn help(key: &str) -> String {
    let example = if key == STAGES {
        format!("{STAGES} = [\"#005eb8\", \"#00746b\"]")
    } else {
        format!("{key} = \"#005eb8\"")
    };
    format!(
        "a colour is # and six digits or letters a to f, two each for red, green and \
         blue, such as {example}"
    )
}
