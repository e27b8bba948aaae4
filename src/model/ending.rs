//! Offers that end: which have ended on a given day, which end soon, and a roadmap without
//! the ended ones or with them marked. The day is always the caller's: the library reads
//! no clock, so the same roadmap and day give the same page.

use super::{Offer, Roadmap};
use crate::error::Diagnostic;
use crate::scene::Date;

/// How many days ahead an offer's end is warned about.
pub const ENDING_SOON_DAYS: i64 = 60;

/// Whether the offer's last day is before `today`.
pub fn has_ended(offer: &Offer, today: &Date) -> bool {
    offer
        .until
        .as_ref()
        .is_some_and(|until| until.date.days_after(today) < 0)
}

/// A warning at the `until` of every offer that has ended by `today` or ends within
/// [`ENDING_SOON_DAYS`] days of it, in the roadmap's order.
pub fn ending_warnings(roadmap: &Roadmap, today: &Date) -> Vec<Diagnostic> {
    let offers = roadmap.stages.iter().flat_map(|s| &s.offers);
    offers
        .filter_map(|offer| {
            let until = offer.until.as_ref()?;
            let left = until.date.days_after(today);
            let title = crate::error::short(&offer.title);
            let last = &until.written;
            let (message, help) = if left < 0 {
                (
                    format!("offer \"{title}\" ended on {last}"),
                    "remove the offer, or give its new last day; `waypost render` leaves it \
                     off the page (--keep-ended keeps it, marked as ended)",
                )
            } else if left <= ENDING_SOON_DAYS {
                let days = match left {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    n => format!("in {n} days"),
                };
                (
                    format!("offer \"{title}\" ends {days}, on {last}"),
                    "check whether it runs again, and give its new last day if it does",
                )
            } else {
                return None;
            };
            Some(Diagnostic::warning(until.span.clone(), message).with_help(help))
        })
        .collect()
}

/// The roadmap without the offers that have ended by `today`, and the titles of those
/// left off, in order.
pub fn without_ended(roadmap: &Roadmap, today: &Date) -> (Roadmap, Vec<String>) {
    let mut kept = roadmap.clone();
    let mut dropped = Vec::new();
    for stage in &mut kept.stages {
        stage.offers.retain(|offer| {
            let ended = has_ended(offer, today);
            if ended {
                dropped.push(offer.title.clone());
            }
            !ended
        });
    }
    (kept, dropped)
}

/// Marks every offer that has ended by `today`, so that its card carries an "Ended"
/// badge; returns how many were marked.
pub fn mark_ended(roadmap: &mut Roadmap, today: &Date) -> usize {
    let mut marked = 0;
    for offer in roadmap.stages.iter_mut().flat_map(|s| &mut s.offers) {
        offer.ended = has_ended(offer, today);
        marked += usize::from(offer.ended);
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROADMAP: &str = r#"title = "T"
[[stage]]
title = "S"
[[stage.offer]]
title = "Gone"
provider = "P"
url = "https://example.org/a"
cost = "free"
until = 2026-03-31
[[stage.offer]]
title = "Soon"
provider = "P"
url = "https://example.org/b"
cost = "free"
until = "2027-01"
[[stage.offer]]
title = "Later"
provider = "P"
url = "https://example.org/c"
cost = "free"
until = "2027"
"#;

    #[test]
    fn ended_and_ending_offers_are_warned_about_at_their_until() {
        let roadmap = crate::model::parse("r.toml", ROADMAP).unwrap();
        let today = Date::parse("2026-12-02").unwrap();
        let warnings = ending_warnings(&roadmap, &today);
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        // "2027-01" runs to 31 January: 60 days after 2 December.
        assert_eq!(
            messages,
            [
                "offer \"Gone\" ended on 2026-03-31",
                "offer \"Soon\" ends in 60 days, on 2027-01"
            ]
        );
        assert_eq!(&ROADMAP[warnings[0].span.clone()], "2026-03-31");
        let (kept, dropped) = without_ended(&roadmap, &today);
        assert_eq!(dropped, ["Gone"]);
        assert_eq!(kept.stages[0].offers.len(), 2);
        let mut marked = roadmap.clone();
        assert_eq!(mark_ended(&mut marked, &today), 1);
        assert!(marked.stages[0].offers[0].ended && !marked.stages[0].offers[1].ended);
        // The day after "Soon" ends, it has ended too.
        let later = Date::parse("2027-02-01").unwrap();
        assert_eq!(without_ended(&roadmap, &later).1, ["Gone", "Soon"]);
    }
}
