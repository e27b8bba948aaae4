//! Shared by the integration tests: finding cases, comparing images, reading PDFs back.

#![allow(dead_code)] // each test file uses a different part

pub mod bad_fonts;
#[cfg(feature = "cli")]
pub mod cdp;
#[cfg(feature = "cli")]
pub mod cli;
pub mod compound;
pub mod generate;
#[cfg(feature = "png")]
pub mod image;
pub mod pdf;
pub mod svg_fonts;
pub mod tagged;

use std::fs;
use std::path::{Path, PathBuf};
use waypost::layout::{layout_fitted, LayoutOptions, Preset};
use waypost::model::{self, Roadmap};
use waypost::scene::Scene;

/// One example rendered with one preset.
pub struct Case {
    /// `EXAMPLE.PRESET`, the stem of its reference files.
    pub name: String,
    /// The validated roadmap.
    pub roadmap: Roadmap,
    /// The scene, or why the layout failed.
    pub scene: waypost::Result<Scene>,
    /// For a page of a roadmap over several pages, its number and how many there are.
    pub page: Option<(usize, usize)>,
}

/// The crate's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `.toml` files of a folder under the root, sorted by name.
pub fn toml_files(folder: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join(folder))
        .unwrap_or_else(|e| panic!("cannot list {folder}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Every example: the roadmaps in examples/ and in its folders (an example with files of
/// its own, such as logos, has a folder), sorted.
pub fn example_files() -> Vec<PathBuf> {
    let mut files = toml_files("examples");
    for entry in fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let folder = path.strip_prefix(root()).unwrap().display().to_string();
            files.extend(toml_files(&folder));
        }
    }
    files.sort();
    files
}

/// Reads and validates a roadmap file with the files it names (logos, fonts), read from
/// its folder as the command line reads them.
pub fn parse_file(path: &Path) -> Roadmap {
    parse_file_text(path, &fs::read_to_string(path).unwrap())
}

/// [`parse_file`] for `text` as if it were the file at `path`.
pub fn parse_file_text(path: &Path, text: &str) -> Roadmap {
    model::parse_with(&path.display().to_string(), text, &assets_for(path, text))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Every example in examples/ with every preset in layouts/, found at run time.
pub fn cases() -> Vec<Case> {
    let presets: Vec<(String, Preset)> = toml_files("layouts")
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).unwrap();
            let preset =
                Preset::parse(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e}"));
            (stem(path), preset)
        })
        .collect();
    let mut cases = Vec::new();
    assert!(!presets.is_empty(), "no presets in layouts/");
    for example in example_files() {
        let roadmap = parse_file(&example);
        for (preset_name, preset) in &presets {
            let name = format!("{}.{preset_name}", stem(&example));
            let pages = match layout_fitted(&roadmap, preset, &LayoutOptions::default()) {
                Ok(fitted) => fitted.pages,
                Err(error) => {
                    let (roadmap, scene) = (roadmap.clone(), Err(error));
                    cases.push(Case {
                        name,
                        roadmap,
                        scene,
                        page: None,
                    });
                    continue;
                }
            };
            let count = pages.len();
            for (i, scene) in pages.into_iter().enumerate() {
                // A page of several: the offers on it, each in its stage.
                let (name, roadmap) = if count == 1 {
                    (name.clone(), roadmap.clone())
                } else {
                    (format!("{name}-{}", i + 1), on_page(&roadmap, &scene))
                };
                cases.push(Case {
                    name,
                    roadmap,
                    scene: Ok(scene),
                    page: (count > 1).then_some((i + 1, count)),
                });
            }
        }
    }
    cases
}

/// The part of `roadmap` drawn on `page`: the offers whose cards it holds, in the stages
/// that hold them.
fn on_page(roadmap: &Roadmap, page: &Scene) -> Roadmap {
    let links = page.links();
    let here = |o: &model::Offer| {
        links
            .iter()
            .any(|l| l.label == o.title && l.url == o.url.as_str())
    };
    let mut part = roadmap.clone();
    for stage in &mut part.stages {
        stage.offers.retain(|o| here(o));
    }
    part.stages.retain(|s| !s.offers.is_empty());
    part
}

/// The files a roadmap names (its logos, its fonts), read from its folder as the command
/// line reads them.
pub fn assets(roadmap: &Path) -> model::Assets {
    assets_for(roadmap, &fs::read_to_string(roadmap).unwrap())
}

/// The files `text` names, read from the folder of `roadmap`.
fn assets_for(roadmap: &Path, text: &str) -> model::Assets {
    let folder = roadmap.parent().unwrap();
    let mut assets = model::Assets::new();
    for named in model::assets_named(text) {
        match fs::read(folder.join(&named.path)) {
            Ok(bytes) => assets.insert(named.path, bytes),
            Err(e) => assets.insert_unreadable(named.path, e.to_string()),
        }
    }
    assets
}

/// Where failing tests leave images for a person to look at: target/golden/.
pub fn output_dir() -> PathBuf {
    let dir = root().join("target").join("golden");
    fs::create_dir_all(&dir).unwrap();
    dir
}
