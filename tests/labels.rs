//! The page's own words: the built-in table of the roadmap's language, and `[labels]`.

use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model::{self, Label, Labels};
use waypost::scene::{Item, Scene};

const WELSH: &str = include_str!("../examples/welsh-and-custom-tags.toml");

fn lines(scene: &Scene) -> Vec<String> {
    scene
        .flatten()
        .into_iter()
        .filter_map(|item| match item {
            Item::Text(text) => Some(text.text.clone()),
            _ => None,
        })
        .collect()
}

fn page(source: &str, preset: &str) -> Vec<String> {
    let roadmap = model::parse("roadmap.toml", source).unwrap_or_else(|e| panic!("{e}"));
    let preset = Preset::builtin(preset).unwrap();
    lines(&layout(&roadmap, &preset, &LayoutOptions::default()).unwrap())
}

/// The label's words as they stand on a page (the level badge with its number left out).
fn shown(labels: &Labels, label: Label) -> String {
    match label {
        Label::Level => labels.level("").trim().to_string(),
        _ => labels.get(label).to_string(),
    }
}

#[test]
fn the_welsh_example_is_in_welsh_throughout() {
    let english = Labels::for_language("en");
    let welsh = Labels::for_language("cy");
    // Every word of the legend, the badges, the tags it uses and the footer.
    let expected = [
        "Am ddim",
        "dim tâl",
        "Codir tâl",
        "ffi neu aelodaeth",
        "Lefel N",
        "cymhwyster achrededig",
        "Lefel 4",
        "Ar-lein",
        "Cyfunol",
        "Cenedlaethol",
        "Rhanbarthol",
        "Lleol",
    ];
    for preset in ["road", "columns", "timeline"] {
        let text = page(WELSH, preset).join("\n");
        for words in expected {
            assert!(text.contains(words), "{preset}: no \"{words}\" on the page");
        }
        assert!(
            text.contains(&format!("{}: Tachwedd 2026", welsh.get(Label::Updated))),
            "{preset}: the footer's date is not in Welsh"
        );
        for label in Label::ALL {
            let word = shown(&english, label);
            assert!(
                !text.contains(&word),
                "{preset}: the English \"{word}\" is on the Welsh page"
            );
        }
    }
}

#[test]
fn a_labels_table_replaces_the_built_in_words() {
    let source = r#"
title = "Parcours de formation"
language = "fr"
updated = "novembre 2026"

[labels]
free = "Gratuit"
free-meaning = "sans frais"
chargeable = "Payant"
chargeable-meaning = "frais ou adhésion"
level = "Niveau {n}"
level-meaning = "qualification reconnue"
updated = "Mis à jour"
online = "En ligne"

[[stage]]
title = "Accueil"

[[stage.offer]]
title = "Guide d'accueil"
provider = "Réseau national"
url = "https://example.org/accueil"
cost = "free"
tags = ["online"]

[[stage.offer]]
title = "Certificat"
provider = "Université"
url = "https://example.org/certificat"
cost = "chargeable"
price = "150 €"
level = 4
"#;
    let text = page(source, "road").join("\n");
    for words in [
        "Gratuit",
        "sans frais",
        "Payant · 150 €",
        "frais ou adhésion",
        "Niveau N",
        "Niveau 4",
        "qualification reconnue",
        "Mis à jour: novembre 2026",
        "En ligne",
    ] {
        assert!(text.contains(words), "no \"{words}\" on the page:\n{text}");
    }
    for english in ["Free", "Chargeable", "Level", "Last updated", "Online"] {
        assert!(
            !text.contains(english),
            "\"{english}\" is still on the page"
        );
    }
}

#[test]
fn a_declared_tag_keeps_its_own_label_over_the_table() {
    let source = r#"
title = "Roadmap"
[labels]
online = "On the web"
[tags.online]
label = "Anywhere"
icon = "laptop"
[[stage]]
title = "Induction"
[[stage.offer]]
title = "Guide"
provider = "NHS England"
url = "https://example.org/"
cost = "free"
tags = ["online"]
"#;
    let text = page(source, "road").join("\n");
    assert!(
        text.contains("Anywhere") && !text.contains("On the web"),
        "{text}"
    );
}

#[test]
fn the_qr_caption_is_in_the_pages_language() {
    let online = "online = \"https://example.org/cymru/llwybr\"\n";
    let welsh = format!("{online}{WELSH}");
    let text = page(&welsh, "road").join(" ");
    let caption = Labels::for_language("cy").get(Label::Scan).to_string();
    assert!(text.contains(&caption), "no \"{caption}\" on the page");
    assert!(!text.contains(Labels::default().get(Label::Scan)));
}

/// The footer writes the date it was updated as a reader says it, in the page's language,
/// to the precision given; words that are not a date stay as written.
#[test]
fn the_footer_says_when_it_was_updated_in_words() {
    let footer = |language: &str, updated: &str| {
        let source = format!(
            "title = \"T\"\nlanguage = \"{language}\"\nupdated = \"{updated}\"\n[[stage]]\ntitle = \"S\"\n"
        );
        model::parse("r.toml", &source)
            .unwrap()
            .footer_line()
            .unwrap()
    };
    assert_eq!(footer("en-GB", "2026-12"), "Last updated: December 2026");
    assert_eq!(
        footer("en-GB", "2026-12-07"),
        "Last updated: 7 December 2026"
    );
    assert_eq!(footer("en-GB", "2026"), "Last updated: 2026");
    assert_eq!(footer("en-GB", "Winter 2026"), "Last updated: Winter 2026");
    assert_eq!(
        footer("cy", "2026-12"),
        "Diweddarwyd ddiwethaf: Rhagfyr 2026"
    );
    assert_eq!(
        footer("cy", "2027-03-31"),
        "Diweddarwyd ddiwethaf: 31 Mawrth 2027"
    );
}

/// The legend's level badge shows the levels the roadmap's offers have, never a stand-in.
#[test]
fn the_legend_names_the_levels_in_use() {
    let with_levels = |levels: &[u8]| {
        let mut source = String::from("title = \"T\"\n[[stage]]\ntitle = \"S\"\n");
        for (i, level) in levels.iter().enumerate() {
            source += &format!(
                "[[stage.offer]]\ntitle = \"Course {i}\"\nprovider = \"P\"\n\
                 url = \"https://example.org/{i}\"\ncost = \"free\"\nlevel = {level}\n"
            );
        }
        page(&source, "road")
    };
    let shown = with_levels(&[7, 2, 4]);
    assert!(shown.iter().any(|t| t == "Level 2\u{2013}7"), "{shown:?}");
    assert!(!shown.iter().any(|t| t.contains('N')), "{shown:?}");
    let shown = with_levels(&[3, 3]);
    assert!(shown.iter().any(|t| t == "Level 3"), "{shown:?}");
}
