//! The pre-flight checks can fail: a real, clean page with exactly one defect put in by
//! hand must be reported by exactly the check meant for it, naming the stage and the offer.

use waypost::layout::{layout, Preset};
use waypost::model::{self, Roadmap};
use waypost::preflight::{inspect, inspect_scene, Finding, Report};
use waypost::scene::{Item, Link, Scene, Text};

/// Two stages that both list "Induction guide" (same title, same link), so a finding must
/// name the stage of the card it was found in, not the first stage with that title.
const ROADMAP: &str = r#"
title = "Practice nurse roadmap"

[[stage]]
title = "Getting started"

[[stage.offer]]
title = "Induction guide"
provider = "NHS England"
url = "https://www.england.nhs.uk/"
cost = "free"

[[stage.offer]]
title = "Clinical skills refresher"
provider = "Royal College of Nursing"
url = "https://www.rcn.org.uk/"
cost = "chargeable"
price = "£40"

[[stage]]
title = "Growing"

[[stage.offer]]
title = "Mentoring network"
provider = "Queen's Nursing Institute"
url = "https://qni.org.uk/"
cost = "free"

[[stage.offer]]
title = "Induction guide"
provider = "NHS England"
url = "https://www.england.nhs.uk/"
cost = "free"
"#;

/// The preset every case starts from.
const PRESET: &str = "columns";

fn clean() -> (Roadmap, Scene, Preset) {
    let roadmap = model::parse("roadmap.toml", ROADMAP).unwrap_or_else(|e| panic!("{e}"));
    let preset = Preset::builtin(PRESET).expect("a built-in preset");
    let scene = layout(&roadmap, &preset, &Default::default()).expect("the roadmap fits");
    (roadmap, scene, preset)
}

/// The `nth` card (0 = first in painting order) whose offer is `title`.
fn card<'a>(scene: &'a mut Scene, title: &str, nth: usize) -> &'a mut Link {
    scene
        .items
        .iter_mut()
        .filter_map(|item| match item {
            Item::Link(link) if link.label == title => Some(link),
            _ => None,
        })
        .nth(nth)
        .unwrap_or_else(|| panic!("no card {nth} for {title:?}"))
}

/// The text line `text` of a card.
fn line<'a>(card: &'a mut Link, text: &str) -> &'a mut Text {
    card.children
        .iter_mut()
        .find_map(|item| match item {
            Item::Text(t) if t.text == text => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no line {text:?} in card {:?}", card.label))
}

/// Moves a card and everything drawn in it by `dx`, `dy` pt.
fn shift(card: &mut Link, dx: f32, dy: f32) {
    card.rect.x += dx;
    card.rect.y += dy;
    for item in &mut card.children {
        match item {
            Item::Shape(shape) => shape.path = shape.path.transformed(1.0, dx, dy),
            Item::Text(text) => {
                text.origin.x += dx;
                text.origin.y += dy;
            }
            Item::Qr(qr) => {
                qr.origin.x += dx;
                qr.origin.y += dy;
            }
            Item::Link(_) => panic!("cards do not nest"),
            _ => panic!("an item this test does not know"),
        }
    }
}

/// The one check that found something, and what it found; fails unless exactly one did.
fn only(report: &Report) -> (&'static str, &[Finding]) {
    let checks: [(&'static str, &[Finding]); 6] = [
        ("overflows", &report.overflows),
        ("overlaps", &report.overlaps),
        ("outside_margins", &report.outside_margins),
        ("low_contrast", &report.low_contrast),
        ("too_small", &report.too_small),
        ("colour_only", &report.colour_only),
    ];
    let found: Vec<_> = checks.into_iter().filter(|(_, f)| !f.is_empty()).collect();
    assert_eq!(found.len(), 1, "exactly one check should fail: {report:#?}");
    assert!(!report.is_clean());
    found[0]
}

/// Every finding lies in the named card of the named stage.
fn all_in(findings: &[Finding], stage: &str, offer: &str) {
    for f in findings {
        assert_eq!(f.stage.as_deref(), Some(stage), "{f:#?}");
        assert_eq!(f.card.as_deref(), Some(offer), "{f:#?}");
    }
}

#[test]
fn the_clean_page_reports_nothing() {
    let (roadmap, scene, _) = clean();
    let report = inspect(&roadmap, &scene);
    assert!(report.is_clean(), "{report:#?}");
    assert_eq!(
        report,
        Report {
            min_text_pt: report.min_text_pt,
            ..Report::default()
        }
    );
    assert!(report.min_text_pt >= 7.0, "{}", report.min_text_pt);
}

#[test]
fn a_line_moved_out_of_its_card_overflows() {
    let (roadmap, mut scene, _) = clean();
    let card = card(&mut scene, "Clinical skills refresher", 0);
    let right = card.rect.right();
    let text = line(card, "Royal College of Nursing");
    // Just past the card's right edge, into the gutter between the columns.
    text.origin.x += right + 4.0 - text.bounds().right();
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "overflows");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].subject, "Royal College of Nursing");
    all_in(findings, "Getting started", "Clinical skills refresher");
}

#[test]
fn a_card_moved_onto_another_overlaps() {
    let (roadmap, mut scene, _) = clean();
    let under = card(&mut scene, "Induction guide", 0).rect;
    let moved = card(&mut scene, "Mentoring network", 0);
    // Over the right half of the first card, where that card has no text.
    let (dx, dy) = (
        under.x + under.width / 2.0 - moved.rect.x,
        under.y - moved.rect.y,
    );
    shift(moved, dx, dy);
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "overlaps");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    // The finding belongs to the card painted first and names the other.
    all_in(findings, "Getting started", "Induction guide");
    assert!(
        findings[0].message.contains("\"Mentoring network\""),
        "{}",
        findings[0].message
    );
}

#[test]
fn a_line_moved_onto_another_overlaps() {
    let (roadmap, mut scene, _) = clean();
    let card = card(&mut scene, "Mentoring network", 0);
    let title = line(card, "Mentoring network").origin;
    line(card, "Queen's Nursing Institute").origin = title;
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "overlaps");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    all_in(findings, "Growing", "Mentoring network");
    let f = &findings[0];
    let pair = [f.subject.as_str(), f.message.as_str()].join(" ");
    assert!(
        pair.contains("Mentoring network") && pair.contains("Queen's Nursing Institute"),
        "{f:#?}"
    );
}

#[test]
fn a_card_moved_past_the_frame_is_outside_the_margins() {
    let (roadmap, mut scene, _) = clean();
    let frame = scene.frame;
    let card = card(&mut scene, "Mentoring network", 0);
    let dx = frame.right() + 6.0 - card.rect.right();
    assert!(dx > 0.0);
    shift(card, dx, 0.0);
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "outside_margins");
    all_in(findings, "Growing", "Mentoring network");
}

#[test]
fn text_under_seven_points_is_too_small() {
    let (roadmap, mut scene, _) = clean();
    line(
        card(&mut scene, "Mentoring network", 0),
        "Queen's Nursing Institute",
    )
    .size = 6.5;
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "too_small");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].subject, "Queen's Nursing Institute");
    all_in(findings, "Growing", "Mentoring network");
    assert_eq!(report.min_text_pt, 6.5);
}

#[test]
fn text_in_the_card_colour_has_low_contrast() {
    let (roadmap, mut scene, preset) = clean();
    line(card(&mut scene, "Induction guide", 0), "NHS England").color = preset.palette.card.get();
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "low_contrast");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].subject, "NHS England");
    assert!(
        findings[0].message.contains("contrast 1.00:1"),
        "{}",
        findings[0].message
    );
    all_in(findings, "Getting started", "Induction guide");
}

#[test]
fn a_card_without_its_cost_words_shows_cost_by_colour_alone() {
    let (roadmap, mut scene, _) = clean();
    card(&mut scene, "Clinical skills refresher", 0)
        .children
        .retain(|item| !matches!(item, Item::Text(t) if t.text == "Chargeable · £40"));
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "colour_only");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert!(findings[0].message.contains("\"Chargeable · £40\""));
    all_in(findings, "Getting started", "Clinical skills refresher");
}

/// The same offer listed in two stages: a defect in the second card is the second stage's,
/// and the first card saying its cost does not excuse the second.
#[test]
fn findings_name_the_stage_of_the_card_not_of_the_title() {
    let (roadmap, mut scene, _) = clean();
    let second = card(&mut scene, "Induction guide", 1);
    line(second, "NHS England").size = 6.0;
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "too_small");
    all_in(findings, "Growing", "Induction guide");

    let (roadmap, mut scene, _) = clean();
    card(&mut scene, "Induction guide", 1)
        .children
        .retain(|item| !matches!(item, Item::Text(t) if t.text == "Free"));
    let report = inspect(&roadmap, &scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "colour_only");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    all_in(findings, "Growing", "Induction guide");
}

/// Without the roadmap the card is still named, the stage cannot be.
#[test]
fn the_scene_alone_names_the_card_but_no_stage() {
    let (_, mut scene, _) = clean();
    line(
        card(&mut scene, "Mentoring network", 0),
        "Queen's Nursing Institute",
    )
    .size = 6.5;
    let report = inspect_scene(&scene);
    let (check, findings) = only(&report);
    assert_eq!(check, "too_small");
    assert_eq!(findings[0].card.as_deref(), Some("Mentoring network"));
    assert_eq!(findings[0].stage, None);
}

/// A report reads as the command line prints it: one line a finding, its kind, its text,
/// its card and what is wrong.
#[test]
fn a_report_reads_one_line_a_finding() {
    let (roadmap, scene, _) = clean();
    let report = inspect(&roadmap, &scene);
    assert_eq!(report.to_string(), "the pre-flight checks pass");
    let finding = |subject: &str, card: Option<&str>, message: &str| Finding {
        subject: subject.to_string(),
        stage: Some("Growing".to_string()),
        card: card.map(str::to_string),
        rect: Default::default(),
        message: message.to_string(),
        page: 1,
    };
    let report = Report {
        low_contrast: vec![finding(
            "NHS England",
            Some("Induction guide"),
            "contrast 2.1:1, under 4.5:1",
        )],
        overlaps: vec![finding("Growing", None, "overlaps \"Getting started\"")],
        ..report
    };
    assert_eq!(
        report.to_string(),
        "overlap: \"Growing\": overlaps \"Getting started\"\n\
         low contrast: \"NHS England\" (card \"Induction guide\"): contrast 2.1:1, under 4.5:1"
    );
}

/// A finding quotes its text as a parse error does: cut to a line's width, whatever the
/// length of the label or title it found.
#[test]
fn findings_quote_long_texts_cut() {
    let (roadmap, mut scene, _) = clean();
    let long = "Chargeable ".repeat(10_000);
    card(&mut scene, "Clinical skills refresher", 0)
        .children
        .retain(|item| !matches!(item, Item::Text(t) if t.text == "Chargeable · £40"));
    let mut report = inspect(&roadmap, &scene);
    report.colour_only[0].subject = long.clone();
    report.colour_only[0].card = Some(long.clone());
    let shown = report.to_string();
    assert!(shown.len() < 400, "{} bytes: {shown}", shown.len());
    assert!(
        shown.starts_with("cost shown by colour alone: \"Chargeable Chargeable"),
        "{shown}"
    );
}

/// The clean roadmap with a `[colours]` table of its own.
fn coloured(colours: &str) -> (Roadmap, Report) {
    let source = format!("{ROADMAP}\n[colours]\n{colours}\n");
    let roadmap = model::parse("roadmap.toml", &source).unwrap_or_else(|e| panic!("{e}"));
    let preset = Preset::builtin(PRESET).expect("a built-in preset");
    let scene = layout(&roadmap, &preset, &Default::default()).expect("the roadmap fits");
    let report = inspect(&roadmap, &scene);
    (roadmap, report)
}

#[test]
fn a_roadmaps_own_colours_are_checked_for_contrast() {
    let (_, report) = coloured("page = \"#ffffff\"\ntext = \"#cccccc\"");
    let (check, findings) = only(&report);
    assert_eq!(check, "low_contrast");
    let subjects: Vec<&str> = findings.iter().map(|f| f.subject.as_str()).collect();
    assert!(subjects.contains(&"Practice nurse roadmap"), "{subjects:?}");
    assert!(subjects.contains(&"Induction guide"), "{subjects:?}");
    assert!(
        findings[0].message.contains("1.6"),
        "{}",
        findings[0].message
    );
    // The words of a badge, on the badge's own colour.
    let (_, report) = coloured("free_text = \"#e6f2ee\"\nfree = \"#ffffff\"");
    let (check, findings) = only(&report);
    assert_eq!(check, "low_contrast");
    assert!(
        findings.iter().all(|f| f.subject == "Free"),
        "{findings:#?}"
    );
    let cards: Vec<Option<&str>> = findings.iter().map(|f| f.card.as_deref()).collect();
    let (free, mentoring) = (Some("Induction guide"), Some("Mentoring network"));
    // The legend's badge, then the free offers' cards.
    assert_eq!(cards, [None, free, mentoring, free], "{findings:#?}");
}
