//! Offers as spreadsheet rows: an export imported again, with the roadmap as its base,
//! gives the same roadmap, for every example.

mod support;

use std::fs;
use waypost::model::{self, Roadmap};
use waypost::table::{self, Sheet, COLUMNS};

/// A roadmap with what cannot differ between equal files evened out: where the layout
/// key stood in its file.
/// The roadmap without where its values stood in its file.
fn comparable(mut roadmap: Roadmap) -> Roadmap {
    if let Some(layout) = &mut roadmap.layout {
        layout.span = 0..0;
    }
    for offer in roadmap.stages.iter_mut().flat_map(|s| &mut s.offers) {
        if let Some(until) = &mut offer.until {
            until.span = 0..0;
        }
    }
    roadmap
}

fn sheet_of(roadmap: &Roadmap) -> Sheet {
    let mut rows = vec![COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>()];
    rows.extend(table::export(roadmap).into_iter().map(Vec::from));
    Sheet {
        file: "export.csv".into(),
        name: None,
        rows,
    }
}

#[test]
fn an_export_imported_with_its_base_is_the_same_roadmap() {
    for path in support::toml_files("examples") {
        let name = path.display().to_string();
        let roadmap = model::parse(&name, &fs::read_to_string(&path).unwrap()).unwrap();
        let text = table::import(&sheet_of(&roadmap), Some(&roadmap))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = model::parse("imported.toml", &text).unwrap();
        assert!(
            comparable(again) == comparable(roadmap.clone()),
            "{name} changed on the way through rows:\n{text}"
        );
    }
}

#[test]
fn without_a_base_the_offers_survive() {
    for path in support::toml_files("examples") {
        let name = path.display().to_string();
        let roadmap = model::parse(&name, &fs::read_to_string(&path).unwrap()).unwrap();
        let text = table::import(&sheet_of(&roadmap), None).unwrap_or_else(|e| panic!("{e}"));
        let again = model::parse("imported.toml", &text).unwrap();
        assert_eq!(table::export(&again), table::export(&roadmap), "{name}");
    }
}

#[test]
fn a_base_with_colours_of_its_own_keeps_them() {
    let path = support::root().join("examples/sparse.toml");
    let source = fs::read_to_string(&path).unwrap()
        + "\n[colours]\nlink = \"#7a1f5c\"\nstages = [\"#005eb8\", \"#a6461e\"]\n";
    let roadmap = model::parse("sparse.toml", &source).unwrap();
    assert!(!roadmap.colours.is_empty());
    let text = table::import(&sheet_of(&roadmap), Some(&roadmap)).unwrap();
    let again = model::parse("imported.toml", &text).unwrap();
    assert_eq!(again.colours, roadmap.colours, "{text}");
}
