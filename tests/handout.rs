//! The double-sided handout: the full footer once per sheet, pages filled in reading order,
//! the user's own floor for the cards' text (`min_text`), details and offers left to the
//! web version (`[print]`, `print = false`), stages that start a page (`break_before`),
//! and a message that says by how much a roadmap does not fit, with numbers.

mod support;

use waypost::layout::{layout_fitted, Fitted, LayoutOptions, Preset};
use waypost::model::{self, Pages, Roadmap};
use waypost::scene::{Item, Role, Scene, Text};
use waypost::Error;

const PRESETS: [&str; 3] = ["road", "columns", "timeline"];

fn two_pages_text() -> String {
    std::fs::read_to_string(support::root().join("examples/two-pages.toml")).unwrap()
}

fn parse(text: &str) -> Roadmap {
    model::parse("roadmap.toml", text).unwrap_or_else(|e| panic!("{e}"))
}

fn fitted(roadmap: &Roadmap, preset: &str, options: LayoutOptions) -> Result<Fitted, Error> {
    layout_fitted(roadmap, &Preset::builtin(preset).unwrap(), &options)
}

fn texts(scene: &Scene) -> Vec<&Text> {
    (scene.flatten().into_iter())
        .filter_map(|item| match item {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn words(scene: &Scene) -> String {
    texts(scene)
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The two-page example with `online` set, so that its footer carries a QR code.
fn with_online(extra: &str) -> Roadmap {
    let text = two_pages_text();
    parse(&format!(
        "online = \"https://example.org/roadmap\"\n{text}\n{extra}"
    ))
}

/// The lines of the full footer's text (a running foot's are page furniture).
fn footer_lines(scene: &Scene) -> usize {
    texts(scene)
        .iter()
        .filter(|t| t.role == Role::Footer)
        .count()
}

fn codes(scene: &Scene) -> usize {
    (scene.flatten().into_iter())
        .filter(|item| matches!(item, Item::Qr(_)))
        .count()
}

#[test]
fn the_full_footer_stands_once_on_the_last_page_and_a_running_foot_on_the_others() {
    let roadmap = with_online("");
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, LayoutOptions::default()).unwrap();
        assert_eq!(fitted.pages.len(), 2, "{preset}");
        let (one, two) = (&fitted.pages[0], &fitted.pages[1]);
        assert_eq!(footer_lines(one), 0, "{preset}: footer text on page 1");
        assert!(footer_lines(two) > 0, "{preset}: no footer on page 2");
        assert_eq!(codes(one), 0, "{preset}: the QR code on page 1");
        assert_eq!(codes(two), 1, "{preset}: no QR code on page 2");
        // The running foot: the title and the page number, as page furniture, one line.
        let foot: Vec<&Text> = (texts(one).into_iter())
            .filter(|t| t.role == Role::Pagination && t.origin.y > one.frame.bottom() - 12.0)
            .collect();
        let said: Vec<&str> = foot.iter().map(|t| t.text.as_str()).collect();
        assert!(said.contains(&roadmap.title.as_str()), "{preset}: {said:?}");
        assert!(said.contains(&"Page 1 of 2"), "{preset}: {said:?}");
        let baselines = foot.iter().map(|t| t.origin.y.round() as i32);
        assert_eq!(
            baselines.collect::<std::collections::BTreeSet<_>>().len(),
            1,
            "{preset}: the running foot is one line"
        );
        let report = waypost::preflight::inspect_pages(&roadmap, &fitted.pages);
        assert!(report.is_clean(), "{preset}: {report}");
    }
}

#[test]
fn a_roadmap_may_ask_for_the_full_footer_on_every_page() {
    let roadmap = with_online("[print]\nfooter = \"every-page\"\n");
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, LayoutOptions::default()).unwrap();
        for page in &fitted.pages {
            assert!(footer_lines(page) > 0, "{preset}");
            assert_eq!(codes(page), 1, "{preset}");
        }
    }
}

/// The footer once per sheet leaves page 1 more room: it holds at least as many cards as
/// with the full footer on every page.
#[test]
fn the_footer_once_gives_page_one_more_room() {
    let once = with_online("");
    let every = with_online("[print]\nfooter = \"every-page\"\n");
    let links = |roadmap: &Roadmap, preset: &str| {
        let fitted = fitted(roadmap, preset, LayoutOptions::default()).unwrap();
        (fitted.pages[0].links().len(), fitted.scale)
    };
    for preset in PRESETS {
        let (a, b) = (links(&once, preset), links(&every, preset));
        assert!(a.0 >= b.0 && a.1 >= b.1 - 1e-3, "{preset}: {a:?} and {b:?}");
    }
}

/// Every page but the last is filled before the next begins; the last keeps its content
/// at the top (nothing of the body in the lower part of its spare room).
#[test]
fn pages_are_filled_in_reading_order_and_the_last_stands_at_the_top() {
    let roadmap = parse(&two_pages_text().replace("pages = 2", "pages = 3"));
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, LayoutOptions::default()).unwrap();
        assert_eq!(fitted.pages.len(), 3, "{preset}");
        let lowest = |scene: &Scene| {
            (scene.links().iter())
                .map(|l| l.rect.bottom())
                .fold(0.0_f32, f32::max)
        };
        let frame = fitted.page.frame;
        for page in &fitted.pages[..2] {
            // A page that goes on is full to within a card or two of its foot.
            let empty = (frame.bottom() - lowest(page)) / frame.height;
            assert!(empty < 0.2, "{preset}: {:.0} % empty", empty * 100.0);
        }
        let last = &fitted.pages[2];
        let first_card = (last.links().iter())
            .map(|l| l.rect.y)
            .fold(f32::MAX, f32::min);
        assert!(
            first_card < frame.y + frame.height * 0.25,
            "{preset}: the last page's first card stands at {first_card}"
        );
    }
}

#[test]
fn min_text_keeps_the_cards_text_at_or_above_the_users_floor() {
    let text = two_pages_text();
    for preset in PRESETS {
        let floor = 8.0;
        let roadmap = parse(&text.replace("pages = 2", "pages = \"auto\"\nmin_text = \"8pt\""));
        assert_eq!(roadmap.min_text, Some(floor));
        let fitted = fitted(&roadmap, preset, LayoutOptions::default()).unwrap();
        let body = Preset::builtin(preset).unwrap().type_scale.card_body.get();
        assert!(body * fitted.scale >= floor - 0.01, "{preset}");
        // The fewest pages that hold it at the floor: one fewer does not.
        let pages = fitted.pages.len();
        let fewer = LayoutOptions {
            pages: Some(Pages::Count(pages - 1)),
            ..Default::default()
        };
        let fewer = fitted_or_none(&roadmap, preset, fewer);
        assert!(fewer.is_none(), "{preset}: {} pages hold it too", pages - 1);
        // The option overrides the file.
        let options = LayoutOptions {
            min_text: Some(9.0),
            ..Default::default()
        };
        if let Some(larger) = fitted_or_none(&roadmap, preset, options) {
            assert!(body * larger.scale >= 9.0 - 0.01, "{preset}");
        }
    }
}

fn fitted_or_none(roadmap: &Roadmap, preset: &str, options: LayoutOptions) -> Option<Fitted> {
    match fitted(roadmap, preset, options) {
        Ok(fitted) => Some(fitted),
        Err(Error::DoesNotFit(_)) => None,
        Err(other) => panic!("{other}"),
    }
}

#[test]
fn print_hide_leaves_details_to_the_web_version() {
    let source = std::fs::read_to_string(support::root().join("examples/offer-details.toml"))
        .unwrap()
        .replacen(
            "language = \"en-GB\"",
            "language = \"en-GB\"\n[print]\nhide = [\"contact\", \"audience\", \"address\"]",
            1,
        );
    let roadmap = parse(&source);
    assert_eq!(
        roadmap.print.hide,
        [
            model::Detail::Audience,
            model::Detail::Contact,
            model::Detail::Address
        ]
    );
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, LayoutOptions::default()).unwrap();
        let said = words(&fitted.scene);
        assert!(!said.contains("For: "), "{preset}: an audience on paper");
        assert!(!said.contains("Contact: "), "{preset}: a contact on paper");
        assert!(
            said.contains("About 2 hours"),
            "{preset}: a duration is kept"
        );
        assert!(
            !said.contains("e-lfh.org.uk"),
            "{preset}: an address on paper"
        );
        // Each card is still its link.
        assert_eq!(fitted.scene.links().len(), 12, "{preset}");
    }
    // The web version keeps them.
    let html = waypost::write::html::write_pages(&roadmap, &[], &Default::default());
    assert!(html.contains("Link workers in their first month"));
    assert!(html.contains("training-hub@example.org"));
}

#[test]
fn an_offer_kept_off_the_paper_is_counted_in_the_footer_and_kept_on_the_web() {
    let source =
        std::fs::read_to_string(support::root().join("examples/link-worker-training.toml"))
            .unwrap()
            .replacen(
                "title = \"Induction pack for new link workers\"",
                "title = \"Induction pack for new link workers\"\nprint = false",
                1,
            );
    let roadmap = parse(&source);
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, LayoutOptions::default()).unwrap();
        let links = fitted.scene.links();
        assert_eq!(links.len(), 11, "{preset}");
        assert!(!links.iter().any(|l| l.label.starts_with("Induction pack")));
        assert!(
            words(&fitted.scene).contains("More offers online: 1"),
            "{preset}"
        );
        let report = waypost::preflight::inspect(&roadmap, &fitted.scene);
        assert!(report.is_clean(), "{preset}: {report}");
    }
    let html = waypost::write::html::write_pages(&roadmap, &[], &Default::default());
    assert!(html.contains("Induction pack for new link workers"));
}

#[test]
fn a_stage_may_start_a_new_page() {
    let text = two_pages_text();
    // The two-page example's third stage, which page 1 otherwise begins, starts page 2.
    let roadmap = parse(&text.replacen(
        "title = \"Supervision and peer support\"",
        "title = \"Supervision and peer support\"\nbreak_before = true",
        1,
    ));
    let last = 2;
    assert!(roadmap.stages[last].break_before);
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, LayoutOptions::default()).unwrap();
        let on = |page: &Scene| {
            texts(page)
                .iter()
                .filter_map(|t| match t.role {
                    Role::StageNumber(i) => Some(i),
                    _ => None,
                })
                .collect::<Vec<usize>>()
        };
        let two = on(&fitted.pages[1]);
        assert_eq!(
            two.first(),
            Some(&last),
            "{preset}: page 2 starts with {two:?}"
        );
        assert!(!on(&fitted.pages[0]).contains(&last), "{preset}");
    }
}

#[test]
fn a_roadmap_that_does_not_fit_says_by_how_much_with_numbers() {
    let text = two_pages_text().replace("pages = 2", "pages = 1");
    let roadmap = parse(&text);
    for preset in PRESETS {
        let Err(Error::DoesNotFit(o)) = fitted(&roadmap, preset, LayoutOptions::default()) else {
            panic!("{preset}: 40 offers fit one A4 page");
        };
        let holds = o.holds.expect("the page as a whole is too full");
        assert!(holds > 10 && holds < 40, "{preset}: {holds}");
        let message = Error::DoesNotFit(o.clone()).to_string();
        assert!(
            message.contains(&format!("it holds {holds} of its 40 offers at 7 pt")),
            "{preset}: {message}"
        );
        // Each way out measured: the type size two pages give, and A3's.
        let two = fitted(
            &roadmap,
            preset,
            LayoutOptions {
                pages: Some(Pages::Count(2)),
                ..Default::default()
            },
        )
        .unwrap();
        let body = Preset::builtin(preset).unwrap().type_scale.card_body.get();
        let said = format!("pages = 2 fits at {:.1} pt", body * two.scale);
        assert!(message.contains(&said), "{preset}: {message} (not {said})");
        assert!(
            message.contains("page = \"A3\" fits at "),
            "{preset}: {message}"
        );
        assert!(!message.contains("mm past"), "{preset}: {message}");
    }
}

#[test]
fn bad_print_settings_are_refused_at_their_line() {
    let text =
        "title = \"T\"\nmin_text = \"6pt\"\n[print]\nfooter = \"both\"\nhide = [\"phone\"]\n\
                [[stage]]\ntitle = \"S\"\nbreak_before = \"yes\"\n";
    let message = model::parse("r.toml", text).unwrap_err().to_string();
    assert!(
        message.contains("r.toml:2:12: error: `min_text` is 6 pt"),
        "{message}"
    );
    assert!(
        message.contains("r.toml:4:10: error: `footer` is \"both\""),
        "{message}"
    );
    assert!(
        message.contains("r.toml:5:9: error: `hide` names \"phone\""),
        "{message}"
    );
    assert!(
        message.contains("r.toml:8:16: error: `break_before`"),
        "{message}"
    );
    let roadmap = parse("title = \"T\"\nmin_text = 8.5\n[[stage]]\ntitle = \"S\"\n");
    assert_eq!(roadmap.min_text, Some(8.5));
}
