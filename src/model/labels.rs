//! The words waypost itself puts on the page — the legend, the badges, the built-in tags,
//! "Last updated", the QR code's caption and the HTML version's filters — in the
//! roadmap's language.
//!
//! English and Welsh are built in, one table each; the roadmap's `language` picks one
//! (`cy`, `cy-GB` or any `cy-…` is Welsh, anything else English), and a `[labels]` table in
//! the roadmap replaces any entry, which is how other languages are served.

/// One word or phrase waypost puts on the page, named as in a roadmap's `[labels]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// The badge of a free offer: "Free".
    Free,
    /// What the free badge means, in the legend: "no charge".
    FreeMeaning,
    /// The badge of an offer that costs money: "Chargeable".
    Chargeable,
    /// What the chargeable badge means, in the legend: "fee or membership".
    ChargeableMeaning,
    /// The level badge, `{n}` standing for the number: "Level {n}".
    Level,
    /// What the level badge means, in the legend: "accredited qualification".
    LevelMeaning,
    /// The badge of an offer new since an earlier edition: "New".
    New,
    /// How many offers are new, in the legend, `{n}` standing for the number:
    /// "new offers: {n}".
    NewMeaning,
    /// Before the date in the footer: "Last updated".
    Updated,
    /// Beside the footer's QR code: "Scan for the clickable version".
    Scan,
    /// The built-in tag `online`.
    Online,
    /// The built-in tag `in-person`.
    InPerson,
    /// The built-in tag `blended`.
    Blended,
    /// The built-in tag `national`.
    National,
    /// The built-in tag `regional`.
    Regional,
    /// The built-in tag `local`.
    Local,
    /// The badge of an offer kept on the page after it ended: "Ended".
    Ended,
    /// Before how long an offer takes, in the HTML version: "Duration".
    Duration,
    /// Before who may take an offer: "For".
    Audience,
    /// Before when an offer starts: "Starts".
    Starts,
    /// Before an offer's last day: "Until".
    Until,
    /// Before whom to ask about an offer: "Contact".
    Contact,
    /// The heading of the HTML version's filters: "Filter offers".
    Filter,
    /// How the filters combine, under their heading: "An offer is shown when it matches a
    /// ticked box in every group you use."
    FilterHint,
    /// The label of the HTML version's search box: "Search offers".
    Search,
    /// The group of cost filters: "Cost".
    FilterCost,
    /// The group of tag filters: "Tags".
    FilterTags,
    /// The group of level filters: "Qualification level".
    FilterLevel,
    /// The group of stage filters: "Stage".
    FilterStage,
    /// How many offers the filters show, `{n}` standing for that number and `{total}`
    /// for all the offers: "Showing {n} of {total} offers".
    Showing,
    /// The button that shows every offer again: "Clear filters".
    ClearFilters,
    /// What the page says when the filters leave no offer: "No offers match these
    /// filters."
    NoMatch,
    /// After the filters' heading, how many filters are in use, `{n}` standing for that
    /// number: "{n} active" (the page puts it in brackets: "Filter offers (3 active)").
    FiltersActive,
    /// Near the filters, when the page's address names filters the page does not have, `{n}`
    /// standing for how many: "Filters in the address not recognised: {n}".
    FiltersUnknown,
    /// The link at the top of the HTML version that passes over the title and the filters:
    /// "Skip to the offers".
    SkipToOffers,
    /// The page number in the footer of a roadmap laid over several pages, `{n}` standing
    /// for this page's number and `{total}` for the number of pages: "Page {n} of {total}".
    PageOf,
    /// Where the road goes on at the foot of a page, `{n}` standing for the next page's
    /// number: "Continues on page {n}".
    Continues,
    /// Where the road comes from at the head of a later page, `{n}` standing for the
    /// previous page's number: "Continued from page {n}".
    ContinuedFrom,
    /// After the title of a stage that began on an earlier page: "continued".
    Continued,
    /// In the printed footer, how many offers are left to the web version with
    /// `print = false`, `{n}` standing for that number: "More offers online: {n}".
    OnlineOnly,
    /// How many offers a stage has, on the images for feeds and slides and in their alt
    /// text, `{n}` standing for the number: "{n} offers".
    Offers,
    /// What a stage of one offer says instead: "1 offer".
    OneOffer,
    /// How many of a stage's offers are free, after its count of offers on the images
    /// for feeds and slides, `{n}` standing for the number: "{n} free".
    FreeOffers,
    /// In place of the stages an image for feeds and slides has no room for, and at the
    /// end of a shortened alt text, `{n}` standing for how many: "and {n} more stages".
    MoreStages,
    /// How many stages the roadmap has, in the images' alt text, `{n}` standing for the
    /// number: "in {n} stages".
    InStages,
    /// What the alt text of a roadmap of one stage says instead: "in one stage".
    InOneStage,
    /// Before the roadmap's own address, in the images' alt text: "the full roadmap is
    /// at".
    FullRoadmap,
}

/// How many labels there are.
const COUNT: usize = 47;

impl Label {
    /// Every label, in the order of the tables below.
    pub const ALL: [Label; COUNT] = [
        Label::Free,
        Label::FreeMeaning,
        Label::Chargeable,
        Label::ChargeableMeaning,
        Label::Level,
        Label::LevelMeaning,
        Label::New,
        Label::NewMeaning,
        Label::Updated,
        Label::Scan,
        Label::Online,
        Label::InPerson,
        Label::Blended,
        Label::National,
        Label::Regional,
        Label::Local,
        Label::Ended,
        Label::Duration,
        Label::Audience,
        Label::Starts,
        Label::Until,
        Label::Contact,
        Label::Filter,
        Label::FilterHint,
        Label::Search,
        Label::FilterCost,
        Label::FilterTags,
        Label::FilterLevel,
        Label::FilterStage,
        Label::Showing,
        Label::ClearFilters,
        Label::NoMatch,
        Label::FiltersActive,
        Label::FiltersUnknown,
        Label::SkipToOffers,
        Label::PageOf,
        Label::Continues,
        Label::ContinuedFrom,
        Label::Continued,
        Label::OnlineOnly,
        Label::Offers,
        Label::OneOffer,
        Label::FreeOffers,
        Label::MoreStages,
        Label::InStages,
        Label::InOneStage,
        Label::FullRoadmap,
    ];

    /// The keys of a roadmap's `[labels]` table, in the order of [`Label::ALL`]. The
    /// built-in tags' labels are keyed by the tags' own names.
    pub const KEYS: [&'static str; COUNT] = [
        "free",
        "free-meaning",
        "chargeable",
        "chargeable-meaning",
        "level",
        "level-meaning",
        "new",
        "new-meaning",
        "updated",
        "scan",
        "online",
        "in-person",
        "blended",
        "national",
        "regional",
        "local",
        "ended",
        "duration",
        "audience",
        "starts",
        "until",
        "contact",
        "filter",
        "filter-hint",
        "search",
        "filter-cost",
        "filter-tags",
        "filter-level",
        "filter-stage",
        "showing",
        "clear-filters",
        "no-match",
        "filters-active",
        "filters-unknown",
        "skip-to-offers",
        "page-of",
        "continues",
        "continued-from",
        "continued",
        "online-only",
        "offers",
        "one-offer",
        "free-offers",
        "more-stages",
        "in-stages",
        "in-one-stage",
        "full-roadmap",
    ];

    /// The label's key in `[labels]`.
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }

    /// The label with this key in `[labels]`, if any.
    pub fn from_key(key: &str) -> Option<Label> {
        Self::KEYS
            .iter()
            .position(|k| *k == key)
            .map(|i| Self::ALL[i])
    }
}

/// What stands for the number in the `level`, `new-meaning`, `showing`, `filters-active`,
/// `filters-unknown`, `page-of`, `continues` and `continued-from` labels.
pub const NUMBER: &str = "{n}";

/// What stands for the number of all the offers in the `showing` label, and for the
/// number of pages in the `page-of` label.
pub const TOTAL: &str = "{total}";

/// English, in the order of [`Label::ALL`].
const ENGLISH: [&str; COUNT] = [
    "Free",
    "no charge",
    "Chargeable",
    "fee or membership",
    "Level {n}",
    "accredited qualification",
    "New",
    "new offers: {n}",
    "Last updated",
    "Scan for the clickable version",
    "Online",
    "In person",
    "Blended",
    "National",
    "Regional",
    "Local",
    "Ended",
    "Duration",
    "For",
    "Starts",
    "Until",
    "Contact",
    "Filter offers",
    "An offer is shown when it matches a ticked box in every group you use.",
    "Search offers",
    "Cost",
    "Tags",
    "Qualification level",
    "Stage",
    "Showing {n} of {total} offers",
    "Clear filters",
    "No offers match these filters.",
    "{n} active",
    "Filters in the address not recognised: {n}",
    "Skip to the offers",
    "Page {n} of {total}",
    "Continues on page {n}",
    "Continued from page {n}",
    "continued",
    "More offers online: {n}",
    "{n} offers",
    "1 offer",
    "{n} free",
    "and {n} more stages",
    "in {n} stages",
    "in one stage",
    "the full roadmap is at",
];

/// Welsh, in the order of [`Label::ALL`]. The wording follows what Welsh public bodies
/// publish in Welsh for the same things:
/// - "Diweddarwyd ddiwethaf" heads every page of the Welsh Government's site, llyw.cymru
///   (for example "Creu a defnyddio codau QR", November 2024, which also says "sganio" for
///   scanning a code);
/// - "am ddim" and "codi tâl" are how llyw.cymru announces free entry and charges
///   ("tocynnau mynediad am ddim");
/// - "Lefel 3", "cymhwyster" are Careers Wales's words for qualification levels
///   (gyrfacymru.llyw.cymru, "Cael gwybodaeth am gymwysterau"), and "achredu" a
///   qualification is the Welsh Government's law site's word (cyfraith.llyw.cymru,
///   "Cymwysterau");
/// - "ar-lein", "wyneb yn wyneb" and "dysgu cyfunol" (blended learning) are the Education
///   Workforce Council's (cga.cymru) words for how training is delivered;
/// - the filters speak as Welsh web forms do: "hidlo" and "hidlydd" for filtering,
///   "chwilio" for searching, "ticio" for ticking a box (forms ask "Ticiwch bob un
///   sy'n berthnasol"), "clirio" for clearing, and a count with the noun in the singular after
///   the number, as Welsh counts are ("Yn dangos 5 o 13 cynnig");
/// - the link past the page's top is GOV.UK's Welsh skip link, "Neidio i’r prif gynnwys"
///   (GOV.UK Frontend's Welsh translation, used across gov.uk and llyw.cymru), with the
///   offers in place of the main content: "Neidio i’r cynigion";
/// - how many filters are in use and how many of the address's were not recognised are
///   plain Welsh in the filters' style, not taken from a published form: "ar waith" (in
///   effect) and "heb eu hadnabod" (not recognised), a count after a colon as in
///   "cynigion newydd: {n}", so that no noun has to agree with the number;
/// - pages as Welsh documents number them, "Tudalen 1 o 2", with the soft mutation after
///   "ar" and "o" ("ar dudalen 2", "o dudalen 1"), and "parhad" (continuation) after the
///   title of a stage carried over;
/// - counts of offers and stages as the filters count them, the noun in the singular after
///   the number and unmutated after a figure ("6 cynnig", "mewn 6 cam", "a 3 cam arall"),
///   and "ar gael yn" (available at) for where the full roadmap lives.
const WELSH: [&str; COUNT] = [
    "Am ddim",
    "dim tâl",
    "Codir tâl",
    "ffi neu aelodaeth",
    "Lefel {n}",
    "cymhwyster achrededig",
    "Newydd",
    "cynigion newydd: {n}",
    "Diweddarwyd ddiwethaf",
    "Sganiwch i gael y fersiwn y gellir clicio arni",
    "Ar-lein",
    "Wyneb yn wyneb",
    "Cyfunol",
    "Cenedlaethol",
    "Rhanbarthol",
    "Lleol",
    "Wedi dod i ben",
    "Hyd",
    "Ar gyfer",
    "Yn dechrau",
    "Tan",
    "Cyswllt",
    "Hidlo’r cynigion",
    "Dangosir cynnig os yw’n cyfateb i flwch wedi’i dicio ym mhob grŵp a ddefnyddiwch.",
    "Chwilio’r cynigion",
    "Cost",
    "Tagiau",
    "Lefel cymhwyster",
    "Cam",
    "Yn dangos {n} o {total} cynnig",
    "Clirio’r hidlyddion",
    "Does dim cynigion yn cyfateb i’r hidlyddion hyn.",
    "{n} ar waith",
    "Hidlyddion yn y cyfeiriad heb eu hadnabod: {n}",
    "Neidio i’r cynigion",
    "Tudalen {n} o {total}",
    "Yn parhau ar dudalen {n}",
    "Yn parhau o dudalen {n}",
    "parhad",
    "Rhagor o gynigion ar-lein: {n}",
    "{n} cynnig",
    "1 cynnig",
    "{n} am ddim",
    "a {n} cam arall",
    "mewn {n} cam",
    "mewn un cam",
    "mae’r map llawn ar gael yn",
];

/// The months, in English and in Welsh, for the dates on the page.
const MONTHS: [[&str; 12]; 2] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ],
];

/// The words of one page: a built-in table, with any entries the roadmap replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    words: Vec<String>,
    /// The months' names: English, or Welsh for a Welsh page.
    months: &'static [&'static str; 12],
}

impl Labels {
    /// The built-in table for a BCP 47 language tag: Welsh for `cy` and `cy-…` (any case),
    /// English for everything else.
    pub fn for_language(language: &str) -> Labels {
        let primary = language.split('-').next().unwrap_or("");
        let welsh = primary.eq_ignore_ascii_case("cy");
        let table = if welsh { &WELSH } else { &ENGLISH };
        Labels {
            words: table.iter().map(|w| w.to_string()).collect(),
            months: &MONTHS[usize::from(welsh)],
        }
    }

    /// Replaces one entry.
    pub fn set(&mut self, label: Label, words: String) {
        self.words[label as usize] = words;
    }

    /// The words for a label, as the table holds them (`level` with its `{n}`).
    pub fn get(&self, label: Label) -> &str {
        &self.words[label as usize]
    }

    /// The level badge for level `n`, such as "Level 4"; the legend passes "N".
    pub fn level(&self, n: &str) -> String {
        self.get(Label::Level).replace(NUMBER, n)
    }

    /// A date as the page writes it, to the precision it was given: "31 March 2027",
    /// "March 2027" or "2027" (in Welsh, "31 Mawrth 2027").
    pub fn date(&self, date: &crate::scene::Date) -> String {
        let month = date.month().map(|m| self.months[usize::from(m - 1)]);
        match (date.day(), month) {
            (Some(day), Some(month)) => format!("{day} {month} {}", date.year()),
            (None, Some(month)) => format!("{month} {}", date.year()),
            _ => date.year().to_string(),
        }
    }

    /// Words that may be a date (an offer's `starts`): the date as [`Labels::date`] writes
    /// it, anything else as written ("Every September").
    pub fn when(&self, text: &str) -> String {
        crate::scene::Date::parse(text).map_or_else(|| text.to_string(), |d| self.date(&d))
    }

    /// How many offers are new, for the legend, such as "new offers: 3".
    pub fn new_count(&self, n: usize) -> String {
        self.get(Label::NewMeaning).replace(NUMBER, &n.to_string())
    }

    /// How many offers only the web version shows, for the printed footer, such as "More
    /// offers online: 3".
    pub fn online_only(&self, n: usize) -> String {
        self.get(Label::OnlineOnly).replace(NUMBER, &n.to_string())
    }

    /// How many offers the HTML version's filters show, such as "Showing 5 of 12 offers".
    pub fn showing(&self, n: usize, total: usize) -> String {
        (self.get(Label::Showing))
            .replace(NUMBER, &n.to_string())
            .replace(TOTAL, &total.to_string())
    }
}

impl Labels {
    /// A count with the number in its label's place: "6 offers" for [`Label::Offers`].
    pub fn count(&self, label: Label, n: usize) -> String {
        self.get(label).replace(NUMBER, &n.to_string())
    }

    /// The footer's page number, such as "Page 1 of 2".
    pub fn page_of(&self, page: usize, pages: usize) -> String {
        (self.get(Label::PageOf))
            .replace(NUMBER, &page.to_string())
            .replace(TOTAL, &pages.to_string())
    }

    /// The words of `label` (`continues` or `continued-from`) with page `page`'s number.
    pub fn page_note(&self, label: Label, page: usize) -> String {
        self.get(label).replace(NUMBER, &page.to_string())
    }
}

impl Default for Labels {
    /// English.
    fn default() -> Self {
        Labels::for_language("en-GB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welsh_for_every_welsh_tag_and_english_otherwise() {
        for tag in ["cy", "cy-GB", "CY-gb", "cy-Latn"] {
            assert_eq!(
                Labels::for_language(tag).get(Label::Free),
                "Am ddim",
                "{tag}"
            );
        }
        for tag in ["en-GB", "en", "fr", "cym", "", "gd-GB"] {
            assert_eq!(Labels::for_language(tag).get(Label::Free), "Free", "{tag}");
        }
    }

    #[test]
    fn keys_and_labels_correspond() {
        for label in Label::ALL {
            assert_eq!(Label::from_key(label.key()), Some(label));
        }
        assert_eq!(Label::from_key("titel"), None);
    }

    #[test]
    fn both_tables_number_the_level() {
        for language in ["en", "cy"] {
            let labels = Labels::for_language(language);
            assert!(labels.get(Label::Level).contains(NUMBER), "{language}");
            assert!(labels.level("4").ends_with('4'), "{language}");
        }
        assert_eq!(Labels::for_language("cy").level("N"), "Lefel N");
    }

    #[test]
    fn both_tables_count_offers_and_stages() {
        let english = Labels::for_language("en");
        assert_eq!(english.count(Label::Offers, 6), "6 offers");
        assert_eq!(english.count(Label::MoreStages, 3), "and 3 more stages");
        let welsh = Labels::for_language("cy");
        assert_eq!(welsh.count(Label::Offers, 6), "6 cynnig");
        assert_eq!(welsh.count(Label::FreeOffers, 4), "4 am ddim");
    }

    #[test]
    fn both_tables_count_the_offers_shown() {
        assert_eq!(
            Labels::for_language("en").showing(5, 12),
            "Showing 5 of 12 offers"
        );
        assert_eq!(
            Labels::for_language("cy").showing(5, 12),
            "Yn dangos 5 o 12 cynnig"
        );
    }
}
