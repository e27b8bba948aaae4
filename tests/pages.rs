//! A roadmap over several pages: `pages = N | "auto"` in every preset — every offer on
//! exactly one page, the title block on the first, the running title, page numbers and
//! continuation notes, stage numbers that carry on, one type size, clean pages.

mod support;

use waypost::layout::{layout_fitted, Fitted, LayoutOptions, Preset};
use waypost::model::{self, Pages, Roadmap};
use waypost::scene::{Item, Role, Scene, Text};

const PRESETS: [&str; 3] = ["road", "columns", "timeline"];

fn two_pages() -> Roadmap {
    support::parse_file(&support::root().join("examples/two-pages.toml"))
}

fn fitted(roadmap: &Roadmap, preset: &str, pages: Option<Pages>) -> Fitted {
    let preset = Preset::builtin(preset).unwrap();
    let options = LayoutOptions {
        pages,
        ..Default::default()
    };
    layout_fitted(roadmap, &preset, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn texts(scene: &Scene) -> Vec<&Text> {
    scene
        .flatten()
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn with_role(scene: &Scene, role: Role) -> Vec<String> {
    texts(scene)
        .into_iter()
        .filter(|t| t.role == role)
        .map(|t| t.text.clone())
        .collect()
}

fn stage_numbers(scene: &Scene) -> Vec<usize> {
    let mut numbers: Vec<usize> = texts(scene)
        .into_iter()
        .filter_map(|t| match t.role {
            Role::StageNumber(i) => Some(i + 1),
            _ => None,
        })
        .collect();
    numbers.sort();
    numbers
}

#[test]
fn forty_offers_go_over_two_a4_pages_in_every_preset() {
    let roadmap = two_pages();
    let offers: Vec<(&str, &str)> = (roadmap.stages.iter())
        .flat_map(|s| &s.offers)
        .map(|o| (o.title.as_str(), o.url.as_str()))
        .collect();
    assert_eq!(offers.len(), 40);
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, None);
        assert_eq!(fitted.pages.len(), 2, "{preset}");
        assert_eq!(
            fitted.scene, fitted.pages[0],
            "{preset}: the scene is page 1"
        );
        assert!(
            8.5 * fitted.scale >= 7.0,
            "{preset}: {:.2} pt",
            8.5 * fitted.scale
        );
        // Every offer's card on exactly one page.
        let cards: Vec<(usize, String, String)> = (fitted.pages.iter().enumerate())
            .flat_map(|(i, page)| {
                page.links()
                    .into_iter()
                    .map(move |l| (i, l.label.clone(), l.url.clone()))
            })
            .collect();
        for (title, url) in &offers {
            let on = cards.iter().filter(|(_, t, u)| t == title && u == url);
            assert_eq!(on.count(), 1, "{preset}: offer {title:?}");
        }
        assert!(
            cards.iter().any(|c| c.0 == 0) && cards.iter().any(|c| c.0 == 1),
            "{preset}: both pages hold cards"
        );
        let (one, two) = (&fitted.pages[0], &fitted.pages[1]);
        // The title block and legend on page 1 only; a running title on page 2.
        assert_eq!(with_role(one, Role::Title).join(" "), roadmap.title);
        assert!(with_role(two, Role::Title).is_empty(), "{preset}");
        assert!(with_role(two, Role::Legend(0)).is_empty(), "{preset}");
        let two_furniture = with_role(two, Role::Pagination);
        assert!(
            two_furniture.join(" ").starts_with(&roadmap.title),
            "{preset}: {two_furniture:?}"
        );
        // Page numbers, and where the road goes.
        let one_furniture = with_role(one, Role::Pagination);
        assert!(
            one_furniture.contains(&"Page 1 of 2".to_string()),
            "{preset}"
        );
        assert!(
            one_furniture.contains(&"Continues on page 2".to_string()),
            "{preset}"
        );
        assert!(
            two_furniture.contains(&"Page 2 of 2".to_string()),
            "{preset}"
        );
        assert!(
            two_furniture.contains(&"Continued from page 1".to_string()),
            "{preset}"
        );
        assert!(
            !two_furniture.iter().any(|t| t.starts_with("Continues")),
            "{preset}"
        );
        // Stages keep their numbers: page 2 goes on where page 1 stopped (or repeats the
        // number of a stage it continues).
        let (first, second) = (stage_numbers(one), stage_numbers(two));
        assert_eq!(first[0], 1, "{preset}");
        assert!(second[0] == first[first.len() - 1] || second[0] == first[first.len() - 1] + 1);
        assert_eq!(second[second.len() - 1], 5, "{preset}");
        // Clean pages.
        let report = waypost::preflight::inspect_pages(&roadmap, &fitted.pages);
        assert!(report.is_clean(), "{preset}: {report}");
    }
}

#[test]
fn the_pages_are_about_evenly_full() {
    let roadmap = two_pages();
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, None);
        let cards = |page: &Scene| page.links().len() as f32;
        let (one, two) = (cards(&fitted.pages[0]), cards(&fitted.pages[1]));
        // Page 1 also carries the title block and legend, so it holds fewer.
        assert!(
            two / (one + two) < 0.7 && one / (one + two) > 0.3,
            "{preset}: {one} and {two} cards"
        );
    }
}

#[test]
fn a_stage_continued_on_the_next_page_says_so_and_keeps_its_offers_numbered() {
    // One stage of 30 offers cannot stay whole on either page.
    let mut source =
        String::from("title = \"One long stage\"\npages = 2\n\n[[stage]]\ntitle = \"Long\"\n");
    for i in 0..30 {
        source.push_str(&format!(
            "\n[[stage.offer]]\ntitle = \"Offer {i}\"\nprovider = \"P\"\nurl = \"https://example.org/{i}\"\ncost = \"free\"\n"
        ));
    }
    let roadmap = model::parse("long.toml", &source).unwrap();
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, None);
        assert_eq!(fitted.pages.len(), 2, "{preset}");
        let titles = with_role(&fitted.pages[1], Role::StageTitle(0));
        assert!(
            titles.join(" ").contains("Long (continued)"),
            "{preset}: {titles:?}"
        );
        // The offers of page 2 keep their place in the stage (in the structure tree).
        let offers: Vec<usize> = texts(&fitted.pages[1])
            .into_iter()
            .filter_map(|t| match t.role {
                Role::Offer(at, _) => Some(at.offer),
                _ => None,
            })
            .collect();
        let first = fitted.pages[0].links().len();
        assert_eq!(offers.iter().min(), Some(&first), "{preset}");
        assert_eq!(offers.iter().max(), Some(&29), "{preset}");
    }
}

#[test]
fn welsh_pages_speak_welsh() {
    let source = std::fs::read_to_string(support::root().join("examples/two-pages.toml"))
        .unwrap()
        .replace("pages = 2\n", "pages = 2\nlanguage = \"cy\"\n");
    let roadmap = model::parse("cy.toml", &source).unwrap();
    let fitted = fitted(&roadmap, "columns", None);
    let one = with_role(&fitted.pages[0], Role::Pagination);
    let two = with_role(&fitted.pages[1], Role::Pagination);
    assert!(one.contains(&"Tudalen 1 o 2".to_string()), "{one:?}");
    assert!(
        one.contains(&"Yn parhau ar dudalen 2".to_string()),
        "{one:?}"
    );
    assert!(
        two.contains(&"Yn parhau o dudalen 1".to_string()),
        "{two:?}"
    );
}

#[test]
fn pages_auto_takes_as_few_pages_as_keep_full_size() {
    let small = support::parse_file(&support::root().join("examples/sparse.toml"));
    let large = two_pages();
    for preset in PRESETS {
        let one = fitted(&small, preset, Some(Pages::Auto));
        assert_eq!(
            one.pages.len(),
            1,
            "{preset}: a sparse roadmap keeps one page"
        );
        let auto = fitted(&large, preset, Some(Pages::Auto));
        assert!(auto.pages.len() >= 2, "{preset}");
        assert!(
            auto.scale >= waypost::layout::FULL_SIZE,
            "{preset}: {}",
            auto.scale
        );
        // One page fewer would not hold it at full size.
        let fewer = Pages::Count(auto.pages.len() - 1);
        let preset_ = Preset::builtin(preset).unwrap();
        let options = LayoutOptions {
            pages: Some(fewer),
            ..Default::default()
        };
        if let Ok(f) = layout_fitted(&large, &preset_, &options) {
            assert!(
                f.scale < waypost::layout::FULL_SIZE,
                "{preset}: {}",
                f.scale
            );
        }
    }
}

#[test]
fn one_page_roadmaps_draw_no_page_furniture() {
    let roadmap = support::parse_file(&support::root().join("examples/link-worker-training.toml"));
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, None);
        assert_eq!(fitted.pages.len(), 1);
        assert!(
            with_role(&fitted.scene, Role::Pagination).is_empty(),
            "{preset}"
        );
    }
}

#[test]
fn a_bad_page_count_is_refused_at_its_line() {
    for (value, words) in [
        ("0", "`pages` is 0, but a roadmap is laid over 1 to 8 pages"),
        ("9", "`pages` is 9, but a roadmap is laid over 1 to 8 pages"),
        ("\"two\"", "`pages` is \"two\", but it must be"),
        ("2.5", "`pages` in the roadmap must be a whole number"),
    ] {
        let source = format!("title = \"T\"\npages = {value}\n\n[[stage]]\ntitle = \"S\"\n");
        let error = model::parse("r.toml", &source).unwrap_err().to_string();
        assert!(error.contains("r.toml:2:9"), "{value}: {error}");
        assert!(error.contains(words), "{value}: {error}");
    }
}

#[test]
fn the_html_version_shows_every_page_and_the_files_are_one_a_page() {
    let path = support::root().join("examples/two-pages.toml");
    let source = std::fs::read_to_string(&path).unwrap();
    let options = waypost::RenderOptions {
        formats: vec![waypost::Format::Html, waypost::Format::Svg],
        ..Default::default()
    };
    let rendered = waypost::render_str("two-pages.toml", &source, &options).unwrap();
    let html = rendered.html.as_deref().unwrap();
    assert_eq!(html.matches("<figure>").count(), 2);
    assert!(html.contains("(Page 1 of 2): 1 Induction, 2 Core and mandatory training"));
    assert!(html.contains(
        "alt=\"Training roadmap for link workers: an illustration over two pages (Page 2 of 2)\""
    ));
    assert_eq!(rendered.pages.len(), 2);
    assert_eq!(rendered.files(waypost::Format::Svg).len(), 2);
    assert_eq!(rendered.svg.as_ref(), rendered.svg_pages.first());
    assert_ne!(rendered.svg_pages[0], rendered.svg_pages[1]);
    assert_eq!(rendered.files(waypost::Format::Html).len(), 1);
}

#[test]
fn a_page_count_of_zero_from_a_program_is_one_page() {
    // The file format refuses `pages = 0`; a program may still build `Count(0)`.
    let roadmap = support::parse_file(&support::root().join("examples/sparse.toml"));
    for preset in PRESETS {
        let zero = fitted(&roadmap, preset, Some(Pages::Count(0)));
        let one = fitted(&roadmap, preset, Some(Pages::Count(1)));
        assert_eq!(zero.pages, one.pages, "{preset}");
    }
}

/// The page number stands on the footer text's last line, at its right: at the page's
/// right edge, or just short of the note saying where the roadmap goes on when that
/// stands there too. It takes no line of its own.
#[test]
fn the_page_number_shares_the_footers_last_line() {
    let roadmap = two_pages();
    for preset in PRESETS {
        let fitted = fitted(&roadmap, preset, None);
        for (i, page) in fitted.pages.iter().enumerate() {
            let all = texts(page);
            // The full footer on the last page; a running foot, the title as page
            // furniture, on the others.
            let foot = if i == 0 {
                Role::Pagination
            } else {
                Role::Footer
            };
            let footer = (all.iter())
                .filter(|t| t.role == foot && t.origin.x < fitted.page.frame.x + 1.0)
                .max_by(|a, b| a.origin.y.total_cmp(&b.origin.y))
                .expect("a footer");
            let number = format!("Page {} of 2", i + 1);
            let folio = (all.iter())
                .find(|t| t.text == number)
                .unwrap_or_else(|| panic!("{preset}: {number}"));
            let at = format!("{preset}, page {}", i + 1);
            assert!(
                (folio.origin.y - footer.origin.y).abs() < 0.5,
                "{at}: the page number's baseline {} is not the footer's last, {}",
                folio.origin.y,
                footer.origin.y
            );
            assert!(
                folio.origin.x > footer.origin.x + footer.width,
                "{at}: the page number overlaps the footer's text"
            );
            let right = folio.origin.x + folio.width;
            let frame = fitted.page.frame;
            match all.iter().find(|t| t.text.starts_with("Continues on page")) {
                Some(note) if (note.origin.y - folio.origin.y).abs() < 0.5 => {
                    assert!(right < note.origin.x, "{at}: it runs into the note")
                }
                _ => assert!((right - frame.right()).abs() < 0.5, "{at}: ends at {right}"),
            }
        }
    }
}
