//! `page = "auto"`: the smallest page of a series that holds the roadmap at its layout's
//! own type size, or, when none does, the page where its type is largest.

mod support;

use std::fs;
use waypost::layout::{layout_fitted, LayoutOptions, Preset, FULL_SIZE};
use waypost::model::{self, PageChoice, PageSize, Series};

fn example(name: &str) -> model::Roadmap {
    let path = support::root().join("examples").join(name);
    model::parse(name, &fs::read_to_string(path).unwrap()).unwrap()
}

/// The page chosen, checked against what was tried: the first size at full size, else the
/// size with the largest type (the smaller of equals).
fn chosen(roadmap: &model::Roadmap, preset: &str, series: Series) -> PageSize {
    let options = LayoutOptions {
        auto_page: Some(series),
        ..Default::default()
    };
    let fitted = layout_fitted(roadmap, &Preset::builtin(preset).unwrap(), &options).unwrap();
    let tried = &fitted.tried;
    let sizes: Vec<PageSize> = tried.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        sizes,
        series.sizes()[..sizes.len()],
        "tried in order, smallest first"
    );
    let expected = match tried
        .iter()
        .find(|(_, s)| s.is_some_and(|s| s >= FULL_SIZE))
    {
        Some((size, _)) => {
            assert_eq!(tried.last().unwrap().0, *size, "no larger size is tried");
            *size
        }
        None => {
            let best = tried.iter().filter_map(|(_, s)| *s).fold(0.0, f32::max);
            tried.iter().find(|(_, s)| *s == Some(best)).unwrap().0
        }
    };
    assert_eq!(fitted.page.size, expected, "{preset}: {tried:?}");
    assert_eq!(fitted.scene.width, fitted.page.width);
    expected
}

#[test]
fn the_smallest_page_that_holds_the_roadmap_at_full_size_is_chosen() {
    // 22 offers do not fit the road's A4 page at all; A3 holds them at full size.
    assert_eq!(
        chosen(&example("fullest-a4.toml"), "road", Series::A),
        PageSize::A3
    );
    // Three offers fit A5.
    assert_eq!(
        chosen(&example("sparse.toml"), "road", Series::A),
        PageSize::A5
    );
    assert_eq!(
        chosen(
            &example("link-worker-training.toml"),
            "road",
            Series::Letter
        ),
        PageSize::Letter
    );
    for preset in model::LAYOUTS {
        chosen(&example("dense.toml"), preset, Series::A);
        chosen(&example("fullest-a4.toml"), preset, Series::Letter);
    }
}

#[test]
fn auto_is_a_page_like_the_sizes_in_files_and_messages() {
    let text = fs::read_to_string(support::root().join("examples/sparse.toml")).unwrap();
    let auto = model::parse("r.toml", &format!("page = \"Auto\"\n{text}")).unwrap();
    assert_eq!(auto.page, PageChoice::Auto(Series::A));
    let letter = model::parse("r.toml", &format!("page = \"auto-letter\"\n{text}")).unwrap();
    assert_eq!(letter.page, PageChoice::Auto(Series::Letter));
    let error = model::parse("r.toml", &format!("page = \"autp\"\n{text}"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("did you mean \"auto\"?"), "{error}");
}

#[cfg(feature = "cli")]
#[test]
fn check_says_which_page_auto_chose_and_why() {
    use support::cli::{stderr, stdout, waypost};
    let out = waypost(&[
        "check",
        "examples/fullest-a4.toml",
        "--layout",
        "road",
        "--page",
        "auto",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "fit on A3 portrait (297 x 420 mm) with the road layout (page = auto chose A3, the \
             smallest page that holds it at the layout's own 8.5 pt; A5 does not hold it, A4 \
             does not hold it)"
        ),
        "{}",
        stdout(&out)
    );
    // A page with room grows the type: the reason says so, with the figure the cards get.
    let out = waypost(&["check", "examples/sparse.toml", "--page", "auto"]);
    let said = stdout(&out);
    let grown = said
        .split("where its type grows to ")
        .nth(1)
        .and_then(|rest| rest.split(" pt").next())
        .unwrap_or_else(|| panic!("{said}"));
    assert!(
        said.contains(&format!("the cards' text is {grown} pt")),
        "{said}"
    );
    let out = waypost(&["check", "examples/sparse.toml", "--page", "auto", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["page"]["name"], "A5 portrait");
    assert_eq!(json["page_auto"]["tried"][0]["size"], "A5");
}
