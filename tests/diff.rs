//! Two editions of a roadmap: `waypost diff` lists what changed, and `render --new-since`
//! puts a "New" badge on the offers that were not there before.

mod support;

use std::fs;
use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::model::{self, Roadmap};
use waypost::scene::{Item, Scene};

const OLD: &str = "examples/link-worker-training.toml";

/// The example with one offer renamed, one moved to a new address, one removed and a new
/// stage with one offer.
fn new_edition() -> String {
    let old = fs::read_to_string(support::root().join(OLD)).unwrap();
    let mut new = old
        .replace(
            "title = \"Induction pack for new link workers\"",
            "title = \"Induction pack for link workers\"",
        )
        .replace(
            "https://socialprescribingacademy.org.uk/\"\ncost = \"free\"",
            "https://socialprescribingacademy.org.uk/\"\ncost = \"chargeable\"\nprice = \"£10\"",
        )
        .replace(
            "https://www.e-lfh.org.uk/",
            "https://www.e-lfh.org.uk/courses",
        )
        .replace("updated = \"2026-11\"", "updated = \"2027-01\"");
    let gone = "[[stage.offer]]\ntitle = \"Social prescribing community of practice\"";
    let at = new.find(gone).expect("the offer to remove");
    let end = new[at + gone.len()..]
        .find("\n\n")
        .map_or(new.len(), |i| at + gone.len() + i);
    new.replace_range(at..end, "");
    new.push_str(
        "\n[[stage]]\ntitle = \"Leadership\"\n\n[[stage.offer]]\ntitle = \"Leading a team\"\n\
         provider = \"NASP\"\nurl = \"https://example.org/lead\"\ncost = \"free\"\n",
    );
    assert_ne!(new, old);
    new
}

fn parse(name: &str, source: &str) -> Roadmap {
    model::parse(name, source).unwrap_or_else(|e| panic!("{e}"))
}

/// The texts drawn inside the card of the offer titled `title`.
fn card_texts<'a>(scene: &'a Scene, title: &str) -> Vec<&'a str> {
    let link = scene
        .links()
        .into_iter()
        .find(|l| l.label == title)
        .unwrap_or_else(|| panic!("no card for {title}"));
    link.children
        .iter()
        .filter_map(|item| match item {
            Item::Text(text) => Some(text.text.as_str()),
            _ => None,
        })
        .collect()
}

/// The texts outside every card: title block, legend, stage headings, footer.
fn page_texts(scene: &Scene) -> Vec<&str> {
    (scene.items.iter())
        .filter_map(|item| match item {
            Item::Text(text) => Some(text.text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn new_offers_get_a_badge_and_a_count_in_the_legend() {
    let old = parse(
        "old.toml",
        &fs::read_to_string(support::root().join(OLD)).unwrap(),
    );
    let mut new = parse("new.toml", &new_edition());
    assert_eq!(waypost::diff::mark_new(&old, &mut new), 1);
    for name in ["road", "columns", "timeline"] {
        let preset = Preset::builtin(name).unwrap();
        let scene = layout(&new, &preset, &LayoutOptions::default()).unwrap();
        assert!(
            waypost::preflight::inspect(&new, &scene).is_clean(),
            "{name}: the page with a badge fails the pre-flight checks"
        );
        assert!(
            card_texts(&scene, "Leading a team").contains(&"New"),
            "{name}"
        );
        // A renamed offer and one at a new address are not new.
        for title in [
            "Induction pack for link workers",
            "Statutory and mandatory training",
        ] {
            assert!(
                !card_texts(&scene, title).contains(&"New"),
                "{name}: {title}"
            );
        }
        let legend = page_texts(&scene);
        assert!(legend.contains(&"New"), "{name}: {legend:?}");
        assert!(legend.contains(&"new offers: 1"), "{name}: {legend:?}");
    }
    // Without an earlier edition there is no badge and no count.
    let plain = parse("new.toml", &new_edition());
    let scene = layout(
        &plain,
        &Preset::builtin("road").unwrap(),
        &LayoutOptions::default(),
    )
    .unwrap();
    assert!(!card_texts(&scene, "Leading a team").contains(&"New"));
    assert!(!page_texts(&scene).iter().any(|t| t.contains("new offers")));
}

#[test]
fn the_badge_speaks_the_pages_language() {
    let welsh =
        fs::read_to_string(support::root().join("examples/welsh-and-custom-tags.toml")).unwrap();
    let added = format!(
        "{welsh}\n[[stage.offer]]\ntitle = \"Cwrs newydd\"\nprovider = \"Coleg\"\n\
         url = \"https://example.org/newydd\"\ncost = \"free\"\n"
    );
    let mut new = parse("new.toml", &added);
    waypost::diff::mark_new(&parse("old.toml", &welsh), &mut new);
    let scene = layout(
        &new,
        &Preset::builtin("road").unwrap(),
        &LayoutOptions::default(),
    )
    .unwrap();
    assert!(card_texts(&scene, "Cwrs newydd").contains(&"Newydd"));
    assert!(page_texts(&scene).contains(&"cynigion newydd: 1"));
    // A roadmap's own [labels] replace the words, as for every other badge.
    let relabelled = added.replacen("[tags.peer]", "[labels]\nnew = \"Ffres\"\n\n[tags.peer]", 1);
    let mut new = parse("new.toml", &relabelled);
    waypost::diff::mark_new(&parse("old.toml", &welsh), &mut new);
    let scene = layout(
        &new,
        &Preset::builtin("road").unwrap(),
        &LayoutOptions::default(),
    )
    .unwrap();
    assert!(card_texts(&scene, "Cwrs newydd").contains(&"Ffres"));
}

#[cfg(feature = "cli")]
mod cli {
    use super::*;
    use support::cli::{scratch, stderr, stdout, waypost};

    /// Writes the new edition into a scratch folder and returns its path.
    fn new_file(test: &str) -> String {
        let dir = scratch(test);
        let path = dir.join("new.toml");
        fs::write(&path, new_edition()).unwrap();
        path.display().to_string()
    }

    #[test]
    fn diff_lists_changes_stage_by_stage() {
        let new = new_file("diff-human");
        let out = waypost(&["diff", OLD, &new]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        for line in [
            "the roadmap:\n  ~ updated: \"2026-11\" → \"2027-01\"",
            "stage \"Induction\":",
            "  ~ changed \"Induction pack for link workers\":\n      title: \"Induction pack for new link workers\" → \"Induction pack for link workers\"",
            "      cost: \"free\" → \"chargeable\"\n      price: (none) → \"£10\"",
            "      url: \"https://www.e-lfh.org.uk/\" → \"https://www.e-lfh.org.uk/courses\"",
            "  - removed \"Social prescribing community of practice\" (NHS Futures,",
            "stage \"Leadership\" (new stage):\n  + added \"Leading a team\" (NASP, https://example.org/lead)",
            "1 offer added, 1 removed, 2 changed",
        ] {
            assert!(text.contains(line), "{line:?} not in:\n{text}");
        }
        let same = waypost(&["diff", OLD, OLD]);
        assert_eq!(stdout(&same).trim(), "no changes");
    }

    #[test]
    fn diff_json_holds_the_same() {
        let new = new_file("diff-json");
        let out = waypost(&["diff", OLD, &new, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            (&json["added"], &json["removed"], &json["changed"]),
            (&1.into(), &1.into(), &2.into())
        );
        let leadership = &json["stages"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(leadership["status"], "added");
        assert_eq!(leadership["added"][0]["url"], "https://example.org/lead");
    }

    #[test]
    fn diff_reports_a_broken_edition_like_check() {
        let dir = scratch("diff-broken");
        let bad = dir.join("bad.toml");
        fs::write(&bad, "title = \"Roadmap\"\n[[stage]]\ntitel = \"x\"\n").unwrap();
        let out = waypost(&["diff", OLD, bad.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains(&format!(
                "{}:3:1: error: unknown key `titel`",
                bad.display()
            )),
            "{}",
            stderr(&out)
        );
    }

    #[test]
    fn render_new_since_marks_the_new_offer() {
        let new = new_file("render-new-since");
        let out_dir = scratch("render-new-since-out");
        let out = waypost(&[
            "render",
            &new,
            "--new-since",
            OLD,
            "--format",
            "svg",
            "-o",
            out_dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stdout(&out).contains("1 marked new"), "{}", stdout(&out));
        let svg = fs::read_to_string(out_dir.join("new.svg")).unwrap();
        assert!(svg.contains(">new offers: 1<"), "no count in the legend");
        let plain = waypost(&[
            "render",
            &new,
            "--format",
            "svg",
            "-o",
            out_dir.to_str().unwrap(),
        ]);
        assert_eq!(plain.status.code(), Some(0));
        let svg = fs::read_to_string(out_dir.join("new.svg")).unwrap();
        assert!(!svg.contains("new offers"));
        // A batch has no single earlier edition.
        let out = waypost(&[
            "render",
            "examples",
            "--new-since",
            OLD,
            "-o",
            out_dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("--new-since"), "{}", stderr(&out));
    }
}

/// A changed logo or colour is a change to the roadmap's own fields.
#[test]
fn logos_and_colours_are_compared_too() {
    let path = support::root().join("examples/branded/branded.toml");
    let old = support::parse_file(&path);
    let mut new = old.clone();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("link = \"#0a5a9c\"", "link = \"#7a1f5c\"");
    new.colours = support::parse_file_text(&path, &text).colours;
    new.logos.truncate(2);
    let diff = waypost::diff::diff(&old, &new);
    let fields: Vec<&str> = diff.roadmap.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["logo", "colours.link"]);
    assert_eq!(diff.roadmap[1].new.as_deref(), Some("#7a1f5c"));
    assert!(diff.roadmap[0]
        .old
        .as_deref()
        .unwrap()
        .ends_with("logos/network.png (footer, \"Link Worker Network\")"));
}
