//! Tags and the built-in icon set they draw with.

use super::labels::{Label, Labels};

/// An icon from the built-in set, drawn as vector paths (see `layout::icons`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Icon {
    /// A laptop: online offers.
    Laptop,
    /// A person: in-person offers.
    Person,
    /// A laptop and a person: blended offers.
    Blended,
    /// A globe: national reach.
    Globe,
    /// A folded map: regional reach.
    Map,
    /// A map pin: local offers.
    Pin,
    /// A rosette: accreditation.
    Award,
    /// An open book: reading, guidance.
    Book,
    /// Two speech bubbles: peer support, networks.
    Chat,
    /// A calendar: scheduled sessions.
    Calendar,
    /// A clock: time-limited or self-paced.
    Clock,
    /// A star: recommended.
    Star,
    /// A house: a base or hub.
    Home,
    /// Two people: groups, communities.
    People,
}

impl Icon {
    /// Every icon with the name used in files.
    pub const ALL: [(Icon, &'static str); 14] = [
        (Icon::Laptop, "laptop"),
        (Icon::Person, "person"),
        (Icon::Blended, "blended"),
        (Icon::Globe, "globe"),
        (Icon::Map, "map"),
        (Icon::Pin, "pin"),
        (Icon::Award, "award"),
        (Icon::Book, "book"),
        (Icon::Chat, "chat"),
        (Icon::Calendar, "calendar"),
        (Icon::Clock, "clock"),
        (Icon::Star, "star"),
        (Icon::Home, "home"),
        (Icon::People, "people"),
    ];

    /// Looks an icon up by its file name.
    pub fn from_name(name: &str) -> Option<Icon> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(i, _)| *i)
    }

    /// The name used in files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(i, _)| *i == self)
            .map_or("", |(_, n)| n)
    }
}

/// A tag an offer can carry: a short label, usually with an icon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The key used in `tags = [...]`.
    pub key: String,
    /// The label printed in the legend (and beside the icon on cards).
    pub label: String,
    /// The icon; a tag without one is drawn as its label alone.
    pub icon: Option<Icon>,
}

/// The tags every roadmap has without declaring them, labelled in the page's words.
pub fn builtin(labels: &Labels) -> Vec<Tag> {
    [
        (Label::Online, Icon::Laptop),
        (Label::InPerson, Icon::Person),
        (Label::Blended, Icon::Blended),
        (Label::National, Icon::Globe),
        (Label::Regional, Icon::Map),
        (Label::Local, Icon::Pin),
    ]
    .into_iter()
    .map(|(label, icon)| Tag {
        // A built-in tag's `[labels]` key is its own name.
        key: label.key().to_string(),
        label: labels.get(label).to_string(),
        icon: Some(icon),
    })
    .collect()
}
