//! What a reader asks of an offer — how long, for whom, when, until when, whom to ask — on
//! the cards, in the HTML version, through a spreadsheet and `diff`; and offers that end.

mod support;

use std::fs;
use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model::{self, Roadmap};
use waypost::scene::{Date, Item, OfferPart, Role, Scene};

const EXAMPLE: &str = "examples/offer-details.toml";

fn example() -> (String, Roadmap) {
    let text = fs::read_to_string(support::root().join(EXAMPLE)).unwrap();
    let roadmap = model::parse(EXAMPLE, &text).unwrap();
    (text, roadmap)
}

/// The lines of each fact on the card of offer `offer` of stage `stage`, joined.
fn facts(scene: &Scene, stage: usize, offer: usize) -> Vec<String> {
    let mut facts: Vec<(usize, String)> = Vec::new();
    for item in scene.flatten() {
        if let Item::Text(t) = item {
            if let Role::Offer(at, OfferPart::Fact(i)) = t.role {
                if (at.stage, at.offer) == (stage, offer) {
                    match facts.iter_mut().find(|(n, _)| *n == i) {
                        Some((_, words)) => {
                            words.push(' ');
                            words.push_str(&t.text);
                        }
                        None => facts.push((i, t.text.clone())),
                    }
                }
            }
        }
    }
    facts.into_iter().map(|(_, words)| words).collect()
}

#[test]
fn each_fact_is_on_its_card_in_every_preset() {
    let (_, roadmap) = example();
    for name in model::LAYOUTS {
        let preset = Preset::builtin(name).unwrap();
        let scene = layout(&roadmap, &preset, &LayoutOptions::default()).unwrap();
        // The Level 5 qualification: every fact, the dates as a reader writes them.
        assert_eq!(
            facts(&scene, 3, 2),
            [
                "18 months, part time",
                "For: Experienced link workers",
                "Starts: 11 January 2027 · Until December 2030",
                "Contact: courses@example.org",
            ],
            "{name}"
        );
        // An offer without facts has none, and takes no room for them.
        assert!(facts(&scene, 0, 1).is_empty(), "{name}");
        let report = waypost::preflight::inspect(&roadmap, &scene);
        assert!(report.is_clean(), "{name}: {report}");
    }
}

#[test]
fn a_welsh_page_says_its_facts_in_welsh() {
    let (text, _) = example();
    let welsh = text.replace("language = \"en-GB\"", "language = \"cy\"");
    let roadmap = model::parse("cy.toml", &welsh).unwrap();
    let scene = layout(
        &roadmap,
        &Preset::builtin("road").unwrap(),
        &LayoutOptions::default(),
    )
    .unwrap();
    assert_eq!(
        facts(&scene, 3, 0)[1..],
        [
            "Ar gyfer: Link workers in post",
            "Yn dechrau: Every September · Tan 31 Gorffennaf 2030"
        ]
    );
    let html = waypost::write::html::write(&roadmap, &scene, &Default::default());
    assert!(
        html.contains("<dt>Hyd</dt>\n<dd>12 months, part time</dd>"),
        "{html}"
    );
}

#[test]
fn the_html_lists_the_facts_and_links_the_contact() {
    let (_, roadmap) = example();
    let scene = layout(
        &roadmap,
        &Preset::builtin("road").unwrap(),
        &LayoutOptions::default(),
    )
    .unwrap();
    let html = waypost::write::html::write(&roadmap, &scene, &Default::default());
    assert!(html.contains(
        "<dl class=\"facts\">\n<dt>Duration</dt>\n<dd>18 months, part time</dd>\n\
         <dt>For</dt>\n<dd>Experienced link workers</dd>\n<dt>Starts</dt>\n<dd>11 January 2027</dd>\n\
         <dt>Until</dt>\n<dd>December 2030</dd>\n\
         <dt>Contact</dt>\n<dd><a href=\"mailto:courses@example.org\">courses@example.org</a></dd>\n</dl>"
    ));
}

#[test]
fn facts_survive_a_spreadsheet_and_diff_names_a_changed_one() {
    let (text, roadmap) = example();
    let rows = waypost::table::export(&roadmap);
    let columns = waypost::table::COLUMNS;
    let at = |name: &str| columns.iter().position(|h| *h == name).unwrap();
    let level5 = rows.iter().find(|r| r[1].starts_with("Level 5")).unwrap();
    assert_eq!(level5[at("duration")], "18 months, part time");
    assert_eq!(level5[at("until")], "2030-12");
    assert_eq!(level5[at("starts")], "2027-01-11");
    assert_eq!(level5[at("contact")], "mailto:courses@example.org");
    let sheet = waypost::table::Sheet {
        file: "offers.csv".to_string(),
        name: None,
        rows: std::iter::once(columns.map(str::to_string).to_vec())
            .chain(rows.iter().map(|r| r.to_vec()))
            .collect(),
    };
    let back = waypost::table::import(&sheet, Some(&roadmap)).unwrap();
    let again = model::parse("back.toml", &back).unwrap();
    assert_eq!(waypost::table::export(&again), rows);

    let edited = text.replace(
        "duration = \"1 hour a month\"",
        "duration = \"90 minutes a month\"",
    );
    let changed = waypost::diff::diff(&roadmap, &model::parse("new.toml", &edited).unwrap());
    assert_eq!(changed.stages.len(), 1);
    let offer = &changed.stages[0].changed[0];
    assert_eq!(offer.title, "Clinical supervision with a named GP");
    let change = &offer.changes[0];
    assert_eq!(change.field, "duration");
    assert_eq!(change.old.as_deref(), Some("1 hour a month"));
    assert_eq!(change.new.as_deref(), Some("90 minutes a month"));
}

#[test]
fn a_bad_until_or_contact_is_refused_at_its_line() {
    let (text, _) = example();
    let bad = text
        .replace("until = 2030-07-31", "until = \"next summer\"")
        .replace(
            "contact = \"tel:+441234567890\"",
            "contact = \"01234 567890\"",
        );
    let error = model::parse("r.toml", &bad).unwrap_err().to_string();
    let line = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        error.contains(&format!(
            "r.toml:{}:9: error: `until` must be a date",
            line("next summer")
        )),
        "{error}"
    );
    assert!(
        error.contains(&format!("r.toml:{}:11: error:", line("01234 567890"))),
        "{error}"
    );
}

#[test]
fn the_library_leaves_ended_offers_off_or_marks_them_for_the_day_it_is_given() {
    let (_, roadmap) = example();
    let options = |today: &str, keep_ended: bool| waypost::RenderOptions {
        formats: vec![waypost::Format::Svg],
        today: Some(Date::parse(today).unwrap()),
        keep_ended,
        ..Default::default()
    };
    // Before the Level 3 qualification's last day, every offer is drawn.
    let before = waypost::render(&roadmap, &options("2030-07-31", false)).unwrap();
    assert!(before.left_off.is_empty());
    // The day after it, it is left off; the Level 5 (until December 2030) stays.
    let after = waypost::render(&roadmap, &options("2030-08-01", false)).unwrap();
    assert_eq!(
        after.left_off,
        ["Level 3 qualification in social prescribing"]
    );
    let svg = after.svg.unwrap();
    assert!(!svg.contains("Level 3 qualification") && svg.contains("Level 5 qualification"));
    // Kept, it carries the "Ended" badge; without a day, nothing is judged.
    let kept = waypost::render(&roadmap, &options("2030-08-01", true)).unwrap();
    assert!(kept.left_off.is_empty() && kept.svg.unwrap().contains(">Ended</text>"));
    let timeless = waypost::render(&roadmap, &waypost::RenderOptions::default()).unwrap();
    assert!(!timeless.svg.unwrap().contains(">Ended</text>"));
}

#[cfg(feature = "cli")]
#[test]
fn check_warns_at_until_and_render_says_what_it_left_off() {
    use support::cli::{scratch, stderr, stdout, waypost_in};
    let dir = scratch("offer-details-ending");
    let (text, _) = example();
    fs::write(dir.join("roadmap.toml"), &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("until = 2030-07-31"))
        .unwrap()
        + 1;
    let out = waypost_in(&dir, &["check", "roadmap.toml", "--today", "2030-06-15"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "roadmap.toml:{line}:9: warning: offer \"Level 3 qualification in social prescribing\" ends in 46 days, on 2030-07-31"
        )),
        "{}",
        stderr(&out)
    );
    let out = waypost_in(
        &dir,
        &[
            "render",
            "roadmap.toml",
            "--today",
            "2030-08-01",
            "--format",
            "svg",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("roadmap.toml:{line}:9: warning: offer \"Level 3 qualification in social prescribing\" ended on 2030-07-31")));
    assert!(
        stdout(&out).contains("(4 stages, 11 offers)")
            && stdout(&out).contains(
                "left off 1 offer that has ended: \"Level 3 qualification in social prescribing\" (--keep-ended keeps it)"
            ),
        "{}",
        stdout(&out)
    );
    let out = waypost_in(&dir, &["check", "roadmap.toml", "--today", "1 Aug 2030"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("write it as YYYY-MM-DD"));
}
