//! Alt text for the images: what a post can give as the image's description, in the
//! roadmap's language, within the limit platforms set.

use crate::model::{Label, Roadmap};

/// The most characters of alt text: the common limit of platforms.
pub const MAX_ALT: usize = 1000;

/// The images' alt text: the title, how many offers in how many stages, each stage with
/// its number of offers, and where the full roadmap lives, such as "Link worker training:
/// 12 offers in 4 stages — Induction (3), Supervision (2), …; the full roadmap is at
/// example.org/roadmap". The fixed words are the roadmap's labels. At most [`MAX_ALT`]
/// characters: when the stages make it longer, the last are left out and counted ("and 3
/// more stages").
///
/// # Example
///
/// ```
/// let source = std::fs::read_to_string("examples/sparse.toml")?;
/// let roadmap = waypost::model::parse("sparse.toml", &source)?;
/// assert_eq!(
///     waypost::layout::social::alt_text(&roadmap),
///     "Volunteer coordinator roadmap: 3 offers in 2 stages — First month (2), \
///      After three months (1)."
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn alt_text(roadmap: &Roadmap) -> String {
    let labels = &roadmap.labels;
    let offers: usize = roadmap.stages.iter().map(|s| s.offers.len()).sum();
    let offers = match offers {
        1 => labels.get(Label::OneOffer).to_string(),
        n => labels.count(Label::Offers, n),
    };
    let stages = match roadmap.stages.len() {
        1 => labels.get(Label::InOneStage).to_string(),
        n => labels.count(Label::InStages, n),
    };
    let end = match &roadmap.online {
        Some(url) => format!("; {} {}", labels.get(Label::FullRoadmap), url.display()),
        None => ".".to_string(),
    };
    let named: Vec<String> = (roadmap.stages.iter())
        .map(|s| format!("{} ({})", s.title, s.offers.len()))
        .collect();
    let total = named.len();
    let mut title = roadmap.title.clone();
    loop {
        let head = format!("{title}: {offers} {stages}");
        // The most stages that keep it within the limit, the rest counted.
        for shown in (0..=total).rev() {
            let mut list = named[..shown].join(", ");
            if shown < total && shown > 0 {
                list += &format!(", {}", labels.count(Label::MoreStages, total - shown));
            }
            let text = if list.is_empty() {
                format!("{head}{end}")
            } else {
                format!("{head} — {list}{end}")
            };
            if text.chars().count() <= MAX_ALT {
                return text;
            }
        }
        // Only a title (or address) near the limit on its own leaves no room even for the
        // counts: the title is shortened, a word at a time, and at the last the whole cut.
        if title.chars().count() <= 1 {
            let cut: String = format!("{head}{end}").chars().take(MAX_ALT - 1).collect();
            return format!("{cut}…");
        }
        title = shorter(&title);
    }
}

/// `text` without its last word, ending in "…"; at least one character shorter.
fn shorter(text: &str) -> String {
    let text = text.trim_end_matches('…');
    let cut = match text.trim_end().rfind(char::is_whitespace) {
        Some(i) if i > 0 => &text[..i],
        _ => {
            let mut chars = text.chars();
            chars.next_back();
            chars.as_str()
        }
    };
    format!("{}…", cut.trim_end())
}
