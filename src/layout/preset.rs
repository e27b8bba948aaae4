//! Layout presets: page grid, type scale, palette and shapes, read from TOML.
//!
//! The built-in presets live in `layouts/` and are compiled in; a user's own preset file
//! has the same form. The layout code reads every size and colour from here.

use crate::model::reader::not_a_colour;
use crate::model::{Colours, Orientation, COLOUR_KEYS};
use crate::scene::Color;
use serde::Deserialize;
use std::fmt;

pub use super::builtin::{BUILTIN, DEFAULT};

/// A complete layout preset.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// A short name.
    pub name: String,
    /// One line saying what the preset looks like.
    pub description: String,
    /// Which layout draws the page.
    pub style: LayoutStyle,
    /// The orientation used when the roadmap does not ask for one.
    pub orientation: PresetOrientation,
    /// Margins and gaps.
    pub grid: Grid,
    /// Type sizes.
    #[serde(rename = "type")]
    pub type_scale: TypeScale,
    /// Colours.
    pub palette: Palette,
    /// Offer cards.
    pub card: Card,
    /// The road and its stage markers.
    pub road: Road,
    /// The shape of the numbered stage markers.
    pub marker: Marker,
    /// Badges and tag chips.
    pub chip: Chips,
    /// Gaps that grow and shrink with the type.
    pub space: Space,
    /// Measures only the columns style uses.
    pub columns: ColumnsStyle,
    /// Measures only the timeline style uses.
    pub timeline: TimelineStyle,
    /// The roadmap's logos (`[logo]` in the file). Default: [`LogoSizes::default`].
    #[serde(default)]
    pub logo: LogoSizes,
    /// Denser arrangements to try, in order, when the comfortable one does not fit at the
    /// preset's own type sizes (`[[density]]` in the file). Default: none.
    #[serde(default, rename = "density")]
    pub densities: Vec<Density>,
    /// How cards pack: set by the density in use, not written in the file.
    #[serde(skip)]
    pub(crate) packing: Packing,
    /// Whether each offer's card carries a QR code of its link: the caller's choice
    /// ([`LayoutOptions::offer_codes`](super::LayoutOptions::offer_codes)), not written in
    /// the file.
    #[serde(skip)]
    pub(crate) offer_codes: bool,
}

/// One rung of the density ladder: what changes from the rung before it. Values left out
/// stay as they were; every rung builds on all the rungs before it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Density {
    /// A short name for the rung, reported by `check --json`.
    pub name: String,
    /// Inner padding of cards (and timeline tabs), mm.
    pub padding: Option<Mm>,
    /// Between cards, mm.
    pub gutter: Option<Mm>,
    /// Between stages, mm.
    pub stage_gap: Option<Mm>,
    /// Between the header and the stages, mm.
    pub header_gap: Option<Mm>,
    /// The narrowest a card may be, mm: narrower cards put more in a row.
    pub min_width: Option<Mm>,
    /// The most cards side by side.
    pub columns: Option<u8>,
    /// Line spacing as a multiple of the size.
    pub line_height: Option<Scale>,
    /// The road's stage marker diameter, mm.
    pub marker: Option<Mm>,
    /// Width of a road stage's heading when it stands beside its cards, mm.
    pub heading: Option<Mm>,
    /// The road's width, mm: a denser page takes a narrower road, which needs less of
    /// the gap it crosses between stages.
    pub road: Option<Mm>,
    /// Whether each card takes its own height, stacked in columns (in the shortest column
    /// where that makes the stage shorter), instead of the height of the tallest card in
    /// its row.
    pub masonry: Option<bool>,
    /// Whether an arrangement that breaks a long word inside may be chosen when it is
    /// shorter (otherwise an unbroken arrangement is always preferred).
    pub break_words: Option<bool>,
    /// Whether cards are compact: the provider leads the badges' row where it fits on one
    /// line, the badges follow the title, and short facts share a line.
    pub compact: Option<bool>,
    /// A row of badges, in multiples of their type size (`chip.height`).
    pub chip_height: Option<Share>,
    /// Between a card's parts, in multiples of the card text's size (`space.card`).
    pub card_space: Option<Share>,
    /// Between a stage's heading and its cards, in multiples of the card text's size
    /// (`space.heading`).
    pub heading_space: Option<Share>,
    /// Line spacing of stage and card titles (`type.heading_line_height`).
    pub heading_line_height: Option<Scale>,
    /// The page title's type size, pt (`type.title`).
    pub title: Option<Pt>,
    /// Stage titles' type size, pt (`type.stage`).
    pub stage: Option<Pt>,
    /// Card titles' type size, pt (`type.card_title`).
    pub card_title: Option<Pt>,
    /// Timeline style: whether the stages on one side share its width by how many offers
    /// each holds, rather than equally, where that keeps each over its marker.
    pub balance: Option<bool>,
    /// Whether the cards of a stage's part-filled last row share the row's whole width,
    /// where that makes the stage shorter.
    pub fill_rows: Option<bool>,
    /// Timeline and columns styles: whether the stages side by side (on one side of the
    /// road, in a row of columns) share its width so that the tallest is as short as it
    /// can be, a timeline's each staying over its marker; every card of them may then be
    /// equally wide, the fullest stages taking more cards across.
    pub share_by_height: Option<bool>,
    /// Whether the subtitle stands beside a one-line page title, where both fit on one
    /// line.
    pub subtitle_beside: Option<bool>,
    /// Timeline style: whether the stages may take two roads, one under the other (the
    /// first stages along the first, the rest along the second), where one road across
    /// the page cannot hold them at as large a type.
    pub wrap: Option<bool>,
}

/// How cards pack on the page: the choices of the density in use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Packing {
    /// The name of the density in use; empty for the preset's comfortable arrangement.
    pub density: String,
    /// Each card takes its own height, stacked in columns (the shortest, where that makes
    /// the stage shorter).
    pub masonry: bool,
    /// A shorter arrangement may break a long word.
    pub break_words: bool,
    /// Cards are compact: provider and badges share a row, short facts a line, where they
    /// fit.
    pub compact: bool,
    /// Timeline stages on one side share its width by how many offers each holds.
    pub balance: bool,
    /// The cards of a part-filled last row share its whole width.
    pub fill_rows: bool,
    /// Stages side by side (timeline, columns) share their width so that the tallest is
    /// shortest.
    pub share_by_height: bool,
    /// The subtitle stands beside a one-line title.
    pub subtitle_beside: bool,
    /// Timeline stages may take two roads, one under the other.
    pub wrap: bool,
}

/// The layouts waypost can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LayoutStyle {
    /// A road winding down the page through numbered stage markers.
    Road,
    /// One column per stage across the page, arrows between them.
    Columns,
    /// A straight road across the page, stages alternately above and below it.
    Timeline,
}

/// An orientation as written in a preset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PresetOrientation {
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
}

impl From<PresetOrientation> for Orientation {
    fn from(o: PresetOrientation) -> Self {
        match o {
            PresetOrientation::Portrait => Orientation::Portrait,
            PresetOrientation::Landscape => Orientation::Landscape,
        }
    }
}

/// Margins and gaps, in mm.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// From the page edge to the content.
    pub margin: Mm,
    /// Between cards.
    pub gutter: Mm,
    /// Between stages.
    pub stage_gap: Mm,
    /// Between the header and the first stage.
    pub header_gap: Mm,
    /// The line above the footer, pt.
    pub rule: Pt,
    /// Spare height widens each gap between stages by up to this many gaps.
    pub spread: Share,
}

/// Type sizes in pt, before fitting scales them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeScale {
    /// The page title.
    pub title: Pt,
    /// The subtitle.
    pub subtitle: Pt,
    /// Stage titles.
    pub stage: Pt,
    /// Card titles.
    pub card_title: Pt,
    /// Card text.
    pub card_body: Pt,
    /// Legend, footer, links and badges.
    pub small: Pt,
    /// The smallest size fitting may use; at least 7 pt.
    pub minimum: Pt,
    /// How much fitting may enlarge every size on a sparse page.
    pub max_scale: Scale,
    /// Line spacing as a multiple of the size.
    pub line_height: Scale,
    /// Line spacing of the page title.
    pub title_line_height: Scale,
    /// Line spacing of stage and card titles.
    pub heading_line_height: Scale,
    /// Line spacing of the subtitle and the footer.
    pub subtitle_line_height: Scale,
    /// Line spacing of printed links.
    pub link_line_height: Scale,
}

/// Colours.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Palette {
    /// The page background.
    pub page: Hex,
    /// Body text.
    pub text: Hex,
    /// Secondary text (providers, footer).
    pub muted: Hex,
    /// Card background.
    pub card: Hex,
    /// Card outline.
    pub card_border: Hex,
    /// Printed links.
    pub link: Hex,
    /// The road surface.
    pub road: Hex,
    /// The road's centre line.
    pub road_line: Hex,
    /// The "Free" badge.
    pub free: Hex,
    /// Text on the "Free" badge.
    pub free_text: Hex,
    /// The "Chargeable" badge.
    pub chargeable: Hex,
    /// Text on the "Chargeable" badge.
    pub chargeable_text: Hex,
    /// The accredited-level badge.
    pub level: Hex,
    /// The "New" badge: a highlight. Default: `#ffb81c`, a warm yellow.
    #[serde(default = "Palette::default_new")]
    pub new: Hex,
    /// Words on the "New" badge. Default: `#212b32`, near-black.
    #[serde(default = "Palette::default_new_text")]
    pub new_text: Hex,
    /// Numbers on stage markers.
    pub stage_text: Hex,
    /// One accent colour per stage, reused in order when there are more stages.
    pub stages: Vec<Hex>,
}

/// One colour of a palette, or its list of stage colours, to set in place.
enum Slot<'a> {
    One(&'a mut Hex),
    Stages(&'a mut Vec<Hex>),
}

impl Palette {
    /// Every colour of the palette by its key in a layout file. Taken apart whole, so that
    /// a colour added to the palette and forgotten here does not compile; a test checks
    /// the keys against the roadmap format's [`COLOUR_KEYS`].
    fn slots(&mut self) -> [(&'static str, Slot<'_>); COLOUR_KEYS.len()] {
        let Palette {
            page,
            text,
            muted,
            card,
            card_border,
            link,
            road,
            road_line,
            free,
            free_text,
            chargeable,
            chargeable_text,
            level,
            new,
            new_text,
            stage_text,
            stages,
        } = self;
        [
            ("page", Slot::One(page)),
            ("text", Slot::One(text)),
            ("muted", Slot::One(muted)),
            ("card", Slot::One(card)),
            ("card_border", Slot::One(card_border)),
            ("link", Slot::One(link)),
            ("road", Slot::One(road)),
            ("road_line", Slot::One(road_line)),
            ("free", Slot::One(free)),
            ("free_text", Slot::One(free_text)),
            ("chargeable", Slot::One(chargeable)),
            ("chargeable_text", Slot::One(chargeable_text)),
            ("level", Slot::One(level)),
            ("new", Slot::One(new)),
            ("new_text", Slot::One(new_text)),
            ("stage_text", Slot::One(stage_text)),
            ("stages", Slot::Stages(stages)),
        ]
    }

    /// Puts a roadmap's own colours (its `[colours]`) in place of the palette's: each one
    /// it sets, and the whole list of stage colours when it sets that.
    pub(crate) fn set(&mut self, colours: &Colours) {
        for (key, slot) in self.slots() {
            match slot {
                Slot::One(hex) => {
                    if let Some(colour) = colours.get(key) {
                        *hex = Hex(colour);
                    }
                }
                Slot::Stages(list) => {
                    if let Some(stages) = colours.stages() {
                        *list = stages.iter().copied().map(Hex).collect();
                    }
                }
            }
        }
    }

    fn default_new() -> Hex {
        Hex(Color::rgb(0xff, 0xb8, 0x1c))
    }

    fn default_new_text() -> Hex {
        Hex(Color::rgb(0x21, 0x2b, 0x32))
    }

    /// The accent colour of stage `index` (counted from zero), the list reused in order.
    pub fn stage(&self, index: usize) -> Color {
        // A preset always has at least one stage colour (checked when it is read).
        self.stages
            .get(index % self.stages.len().max(1))
            .map_or(self.text.0, |h| h.0)
    }
}

/// Offer cards.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    /// Corner radius, mm.
    pub radius: Mm,
    /// Inner padding, mm.
    pub padding: Mm,
    /// Outline width, pt.
    pub border: Pt,
    /// Width of the stage-coloured edge, mm.
    pub accent: Mm,
    /// The most cards side by side.
    pub columns: u8,
    /// The narrowest a card may be, mm.
    pub min_width: Mm,
}

/// The road and its markers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Road {
    /// Road width, mm.
    pub width: Mm,
    /// Marker diameter, mm.
    pub marker: Mm,
    /// Width of a stage's heading when it stands beside the cards, mm.
    pub heading: Mm,
    /// Centre-line dash and gap, mm.
    pub dash: [Mm; 2],
    /// The centre line's width, as a share of the road's.
    pub line: Share,
    /// Room between the road's marker and what stands beside it, in gutters.
    pub side: Share,
    /// A timeline stem's width, as a share of the road's.
    pub stem: Share,
    /// The timeline's arrowhead: its length, in road widths.
    pub arrowhead: Share,
}

/// The numbered stage markers, in shares of their diameter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marker {
    /// The coloured disc's radius.
    pub radius: Share,
    /// The page-coloured ring round the disc.
    pub ring: Share,
    /// The number's type size.
    pub number: Share,
    /// How far the number is raised from the disc's centre, as a share of its size.
    pub lift: Share,
}

/// Badges and tag chips, in multiples of their type size (`type.small`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chips {
    /// A row of chips.
    pub height: Share,
    /// Between one chip (or a badge with its explanation) and the next.
    pub gap: Share,
    /// Between a badge and the words explaining it, in the legend.
    pub pair_gap: Share,
    /// Between rows of chips.
    pub row_gap: Share,
    /// Inside a pill, left and right.
    pub padding: Share,
    /// A tag's icon.
    pub icon: Share,
    /// Between a tag's icon and its label.
    pub icon_gap: Share,
    /// Inside a tag drawn as an outline (a tag without an icon), left and right.
    pub outline_padding: Share,
    /// The outline's line width.
    pub outline: Share,
}

/// Gaps that follow the type: each a multiple of the type size it sits by.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Space {
    /// Between a card's title, text, badges and link (× card body).
    pub card: Share,
    /// Between a stage's heading and its cards (× card body).
    pub heading: Share,
    /// Between a column's marker, title and summary (× card body).
    pub marker: Share,
    /// Between a timeline tab's title and its summary below it (× card body).
    pub tab: Share,
    /// Between the title and the subtitle (× subtitle).
    pub subtitle: Share,
    /// Between the subtitle (or the title) and the legend (× subtitle).
    pub legend: Share,
    /// Between the footer's rule and its text (× small).
    pub footer: Share,
    /// Between a title and the words set beside it on its line: a tab's summary, the
    /// page's subtitle (× that title's size).
    pub beside: Share,
}

/// Measures of the columns style.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnsStyle {
    /// Cards stand side by side only in a column wider than this many narrowest cards.
    pub side_by_side: Share,
    /// A marker is at most this share of its column's width.
    pub marker_share: Share,
    /// The arrow between columns: its height, as a share of the marker's diameter.
    pub arrow: Share,
    /// The arrow's depth, as a share of half its height.
    pub arrow_depth: Share,
    /// The arrow's line width, as a share of its height.
    pub arrow_line: Share,
}

/// Measures of the timeline style.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineStyle {
    /// A marker is at most this share of the road's length per stage.
    pub marker_share: Share,
    /// A tab sets its summary beside a title no wider than this share of the tab.
    pub beside: Share,
    /// Spare height lengthens the stems by up to this many stage gaps.
    pub stem_growth: Share,
}

/// How large the roadmap's logos are drawn, in mm.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogoSizes {
    /// A header logo's height, when the roadmap gives none. Default: 14.
    pub header: Mm,
    /// A footer logo's height, when the roadmap gives none. Default: 10.
    pub footer: Mm,
    /// The smallest height a logo may be drawn at; the pre-flight checks report a smaller
    /// one. Default: 10.
    pub minimum: Mm,
    /// Between two logos, and between the logos and the title or footer text. Default: 4.
    pub gap: Mm,
}

impl Default for LogoSizes {
    fn default() -> Self {
        Self {
            header: Mm(14.0),
            footer: Mm(10.0),
            minimum: Mm(10.0),
            gap: Mm(4.0),
        }
    }
}

/// A length in millimetres, 0 to 1000.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "f64")]
pub struct Mm(pub(crate) f32);

/// A length in points, 0 to 500.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "f64")]
pub struct Pt(pub(crate) f32);

/// A multiplier, 0.5 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "f64")]
pub struct Scale(pub(crate) f32);

/// A proportion of another measure, 0 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "f64")]
pub struct Share(pub(crate) f32);

/// A colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct Hex(pub(crate) Color);

// The values of a preset's measures are read through `get`; they are made only by reading a
// layout file (or `TryFrom`), which checks their range, so no caller can set one unchecked.
impl Mm {
    /// The length, mm.
    pub fn get(self) -> f32 {
        self.0
    }
}

impl Pt {
    /// The size, pt.
    pub fn get(self) -> f32 {
        self.0
    }
}

impl Scale {
    /// The multiplier.
    pub fn get(self) -> f32 {
        self.0
    }
}

impl Share {
    /// The proportion.
    pub fn get(self) -> f32 {
        self.0
    }
}

impl Hex {
    /// The colour.
    pub fn get(self) -> Color {
        self.0
    }
}

/// Why a number or colour in a layout file was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueError {
    /// A number outside the range its kind allows, or not a number at all.
    OutOfRange {
        /// The number as read.
        value: f64,
        /// The smallest allowed.
        min: f64,
        /// The largest allowed.
        max: f64,
        /// The unit the range is in: `mm`, `pt` or `times`.
        unit: &'static str,
    },
    /// Text that is not a colour written `#rrggbb`.
    NotAColour(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::OutOfRange {
                value,
                min,
                max,
                unit,
            } => write!(f, "{value} is out of range: use {min} to {max} {unit}"),
            ValueError::NotAColour(text) => f.write_str(&not_a_colour(text)),
        }
    }
}

impl std::error::Error for ValueError {}

fn ranged(
    value: f64,
    min: f64,
    max: f64,
    unit: &'static str,
) -> std::result::Result<f32, ValueError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(value as f32)
    } else {
        Err(ValueError::OutOfRange {
            value,
            min,
            max,
            unit,
        })
    }
}

impl TryFrom<f64> for Mm {
    type Error = ValueError;
    fn try_from(v: f64) -> std::result::Result<Self, ValueError> {
        ranged(v, 0.0, 1000.0, "mm").map(Mm)
    }
}

impl TryFrom<f64> for Pt {
    type Error = ValueError;
    fn try_from(v: f64) -> std::result::Result<Self, ValueError> {
        ranged(v, 0.0, 500.0, "pt").map(Pt)
    }
}

impl TryFrom<f64> for Scale {
    type Error = ValueError;
    fn try_from(v: f64) -> std::result::Result<Self, ValueError> {
        ranged(v, 0.5, 4.0, "times").map(Scale)
    }
}

impl TryFrom<f64> for Share {
    type Error = ValueError;
    fn try_from(v: f64) -> std::result::Result<Self, ValueError> {
        ranged(v, 0.0, 10.0, "times").map(Share)
    }
}

impl TryFrom<String> for Hex {
    type Error = ValueError;
    fn try_from(v: String) -> std::result::Result<Self, ValueError> {
        match Color::from_hex(&v) {
            Some(color) => Ok(Hex(color)),
            None => Err(ValueError::NotAColour(v)),
        }
    }
}

impl Preset {
    /// The preset as the density ladder's rung `rung` makes it: 0 is the preset itself,
    /// `k` applies the first `k` densities in order. `None` past the last rung.
    pub fn at_density(&self, rung: usize) -> Option<Preset> {
        if rung > self.densities.len() {
            return None;
        }
        let mut preset = self.clone();
        for density in &self.densities[..rung] {
            preset.apply(density);
        }
        Some(preset)
    }

    fn apply(&mut self, d: &Density) {
        // Destructured whole, so a key added to Density and forgotten here does not
        // compile, instead of being silently ignored.
        let Density {
            name,
            padding,
            gutter,
            stage_gap,
            header_gap,
            min_width,
            columns,
            line_height,
            marker,
            heading,
            road,
            masonry,
            break_words,
            compact,
            chip_height,
            card_space,
            heading_space,
            heading_line_height,
            title,
            stage,
            card_title,
            balance,
            fill_rows,
            share_by_height,
            subtitle_beside,
            wrap,
        } = d;
        fn set<T: Copy>(slot: &mut T, value: &Option<T>) {
            if let Some(value) = value {
                *slot = *value;
            }
        }
        set(&mut self.card.padding, padding);
        set(&mut self.grid.gutter, gutter);
        set(&mut self.grid.stage_gap, stage_gap);
        set(&mut self.grid.header_gap, header_gap);
        set(&mut self.card.min_width, min_width);
        set(&mut self.road.marker, marker);
        set(&mut self.road.heading, heading);
        set(&mut self.road.width, road);
        set(&mut self.card.columns, columns);
        set(&mut self.type_scale.line_height, line_height);
        set(&mut self.packing.masonry, masonry);
        set(&mut self.packing.break_words, break_words);
        set(&mut self.packing.compact, compact);
        set(&mut self.packing.balance, balance);
        set(&mut self.packing.fill_rows, fill_rows);
        set(&mut self.packing.share_by_height, share_by_height);
        set(&mut self.packing.subtitle_beside, subtitle_beside);
        set(&mut self.packing.wrap, wrap);
        set(&mut self.type_scale.title, title);
        set(&mut self.type_scale.stage, stage);
        set(&mut self.type_scale.card_title, card_title);
        set(&mut self.chip.height, chip_height);
        set(&mut self.space.card, card_space);
        set(&mut self.space.heading, heading_space);
        set(
            &mut self.type_scale.heading_line_height,
            heading_line_height,
        );
        self.packing.density = name.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn every_builtin_preset_parses() {
        for (name, _) in BUILTIN {
            assert!(Preset::builtin(name).is_some(), "{name} does not parse");
        }
    }

    #[test]
    fn the_palette_has_exactly_the_colours_a_roadmap_may_set() {
        let mut palette = Preset::builtin("road").unwrap().palette;
        let keys: Vec<&str> = palette.slots().iter().map(|(key, _)| *key).collect();
        assert_eq!(keys, COLOUR_KEYS);
        // The slots' keys are the file's: every built-in palette writes each of them.
        for (name, text) in BUILTIN {
            let file: toml::Table = toml::from_str(text).unwrap();
            let mut written: Vec<&str> = file["palette"]
                .as_table()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let mut expected = COLOUR_KEYS.to_vec();
            written.sort_unstable();
            expected.sort_unstable();
            assert_eq!(written, expected, "{name}");
        }
    }

    #[test]
    fn a_roadmaps_colours_replace_the_palettes_own() {
        let source = r##"
            title = "Roadmap"
            [colours]
            link = "#7a1f5c"
            new_text = "#000000"
            stages = ["#3d6b1f"]
            [[stage]]
            title = "Induction"
        "##;
        let roadmap = crate::model::parse("roadmap.toml", source).unwrap();
        let before = Preset::builtin("timeline").unwrap().palette;
        let mut after = before.clone();
        after.set(&roadmap.colours);
        assert_eq!(after.link.get().to_hex(), "#7a1f5c");
        assert_eq!(after.new_text.get().to_hex(), "#000000");
        assert_eq!(after.stages, [Hex(Color::rgb(0x3d, 0x6b, 0x1f))]);
        assert_eq!(
            after.stage(5).to_hex(),
            "#3d6b1f",
            "one colour for every stage"
        );
        let unset = Palette {
            link: before.link,
            new_text: before.new_text,
            stages: before.stages.clone(),
            ..after.clone()
        };
        assert_eq!(unset, before, "nothing else changed");
    }

    #[test]
    fn unknown_keys_are_errors_with_a_position() {
        let source = include_str!("../../layouts/road.toml").replace("gutter =", "gutterr =");
        let Err(Error::Invalid(d)) = Preset::parse("mine.toml", &source) else {
            panic!("accepted a misspelt key");
        };
        let (line, _) = d.line_col(d.list[0].span.start);
        assert_eq!(
            d.source
                .lines()
                .nth(line - 1)
                .map(str::trim_start)
                .map(|l| l.starts_with("gutterr")),
            Some(true)
        );
    }

    #[test]
    fn bad_colours_and_tiny_type_are_refused() {
        let base = include_str!("../../layouts/road.toml");
        let bad_colour = base.replace("page = \"#f7f9fa\"", "page = \"blue\"");
        assert!(Preset::parse("x", &bad_colour).is_err());
        let tiny = base.replace("minimum = 7 ", "minimum = 5 ");
        assert!(Preset::parse("x", &tiny).is_err());
    }

    #[test]
    fn two_bad_values_give_two_errors() {
        let source = include_str!("../../layouts/road.toml")
            .replace("page = \"#f7f9fa\"", "page = \"#zzzzzz\"")
            .replace("minimum = 7 ", "minimum = 5 ");
        let Err(Error::Invalid(d)) = Preset::parse("mine.toml", &source) else {
            panic!("accepted two bad values");
        };
        let lines: Vec<usize> = d.list.iter().map(|p| d.line_col(p.span.start).0).collect();
        assert_eq!(d.list.len(), 2, "{d}");
        assert!(d
            .source
            .lines()
            .nth(lines[0] - 1)
            .unwrap()
            .contains("minimum = 5"));
        assert!(d
            .source
            .lines()
            .nth(lines[1] - 1)
            .unwrap()
            .contains("#zzzzzz"));
    }

    #[test]
    fn bad_values_say_what_is_allowed() {
        let source = include_str!("../../layouts/road.toml")
            .replace("page = \"#f7f9fa\"", "page = \"blue\"")
            .replace("margin = 12", "margin = -3");
        let Err(Error::Invalid(d)) = Preset::parse("mine.toml", &source) else {
            panic!("accepted two bad values");
        };
        let messages: Vec<&str> = d.list.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "-3 is out of range: use 0 to 1000 mm",
                "\"blue\" is not a colour: write it as \"#rrggbb\""
            ],
            "{d}"
        );
        assert_eq!(
            Scale::try_from(9.0),
            Err(ValueError::OutOfRange {
                value: 9.0,
                min: 0.5,
                max: 4.0,
                unit: "times"
            })
        );
    }
}
