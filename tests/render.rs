//! The one-call API: `waypost::render` gives what the stages give, picks the preset the
//! roadmap names, and renders the same bytes from any thread at any time.

use waypost::layout::{layout, LayoutOptions, Preset};
use waypost::{model, Error, Format, RenderOptions, Rendered};

const EXAMPLE: &str = include_str!("../examples/link-worker-training.toml");

/// Every public type can be shared with and sent to other threads: a service may render
/// on a pool, and a `Preset` or `Roadmap` read once may be used from many threads. The
/// types asserted are the roots that hold all the others (a scene holds every item, a
/// roadmap every offer, an error every diagnostic): if any part stops being `Send` or
/// `Sync`, its root does too, and this stops compiling.
#[test]
fn every_public_type_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    shared::<waypost::Error>();
    shared::<RenderOptions>();
    shared::<Rendered>();
    shared::<model::Roadmap>();
    shared::<Preset>();
    shared::<LayoutOptions>();
    shared::<waypost::layout::Fitted>();
    shared::<waypost::layout::Page>();
    shared::<waypost::scene::Scene>();
    shared::<waypost::preflight::Report>();
    shared::<waypost::diff::Diff>();
}

#[test]
fn render_gives_what_the_stages_give() {
    let roadmap = model::parse("example.toml", EXAMPLE).unwrap();
    let options = RenderOptions {
        formats: vec![Format::Svg],
        ..Default::default()
    };
    let rendered = waypost::render(&roadmap, &options).unwrap();
    let preset = Preset::builtin("road").unwrap();
    let scene = layout(&roadmap, &preset, &LayoutOptions::default()).unwrap();
    assert_eq!(rendered.scene, scene);
    assert_eq!(
        rendered.report,
        waypost::preflight::inspect(&roadmap, &scene)
    );
    let svg = waypost::write::svg::write(&scene, &Default::default());
    assert_eq!(rendered.svg.as_deref(), Some(svg.as_str()));
    assert_eq!(rendered.bytes(Format::Svg), Some(svg.as_bytes()));
    assert_eq!((rendered.png, rendered.pdf), (None, None));
}

#[test]
fn render_str_reports_every_problem_in_the_text() {
    let broken = EXAMPLE.replacen("cost = \"free\"", "cost = \"gratis\"", 2);
    match waypost::render_str("broken.toml", &broken, &RenderOptions::default()) {
        Err(Error::Invalid(d)) => assert_eq!(d.list.len(), 2, "{d}"),
        other => panic!("expected two problems, got {other:?}"),
    }
}

#[test]
fn no_formats_lays_out_and_checks_only() {
    let options = RenderOptions {
        formats: Vec::new(),
        ..Default::default()
    };
    let rendered = waypost::render_str("example.toml", EXAMPLE, &options).unwrap();
    assert!(rendered.report.is_clean(), "{:#?}", rendered.report);
    assert!(Format::ALL.iter().all(|&f| rendered.bytes(f).is_none()));
}

#[test]
fn the_preset_the_roadmap_names_is_used_unless_one_is_given() {
    let columns = format!("layout = \"columns\"\n{EXAMPLE}");
    let options = RenderOptions {
        formats: Vec::new(),
        ..Default::default()
    };
    let named = waypost::render_str("columns.toml", &columns, &options).unwrap();
    let roadmap = model::parse("columns.toml", &columns).unwrap();
    let expected = layout(
        &roadmap,
        &Preset::builtin("columns").unwrap(),
        &LayoutOptions::default(),
    )
    .unwrap();
    assert_eq!(named.scene, expected);
    let given = RenderOptions {
        preset: Preset::builtin("road"),
        ..options.clone()
    };
    let road = waypost::render(&roadmap, &given).unwrap();
    assert_ne!(road.scene, expected);

    let file = format!("layout = \"styles/mine.toml\"\n{EXAMPLE}");
    let err = waypost::render_str("mine.toml", &file, &options).unwrap_err();
    assert_eq!(
        err,
        Error::LayoutFile {
            path: "styles/mine.toml".to_string()
        }
    );
    assert!(err.to_string().contains("Preset::parse"), "{err}");
}

#[cfg(not(all(feature = "png", feature = "pdf")))]
#[test]
fn a_format_this_build_lacks_is_an_error() {
    let missing = Format::ALL.into_iter().find(|f| !f.is_available()).unwrap();
    let options = RenderOptions {
        formats: vec![Format::Svg, missing],
        ..Default::default()
    };
    let err = waypost::render_str("example.toml", EXAMPLE, &options).unwrap_err();
    assert_eq!(err, Error::Unavailable(missing));
    assert!(!Format::available().contains(&missing));
}

/// Renders every example in every format at a small resolution.
#[cfg(all(feature = "png", feature = "pdf"))]
fn render_examples(examples: &[(String, String)]) -> Vec<Rendered> {
    let options = RenderOptions {
        png: waypost::write::png::PngOptions {
            dpi: 48.0,
            ..Default::default()
        },
        ..Default::default()
    };
    (examples.iter())
        .map(|(name, source)| waypost::render_str(name, source, &options).unwrap())
        .collect()
}

/// Nothing process-wide (font caches, shaping caches, printpdf's id counter) may leak
/// into the output: two threads rendering different roadmaps at the same time, again and
/// again, give the bytes a single thread gives.
#[cfg(all(feature = "png", feature = "pdf"))]
#[test]
fn concurrent_renders_give_the_bytes_of_sequential_ones() {
    use std::fs;
    let mut examples: Vec<(String, String)> = fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| (p.display().to_string(), fs::read_to_string(&p).unwrap()))
        .collect();
    examples.sort();
    assert!(examples.len() >= 2, "the test needs two different roadmaps");
    let sequential = render_examples(&examples);
    // Each thread starts at a different roadmap, so different roadmaps are always being
    // rendered at the same moment.
    let (first, second) = examples.split_at(examples.len() / 2);
    let orders = [[first, second].concat(), [second, first].concat()];
    let rounds = 2;
    let results: Vec<Vec<Vec<Rendered>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (orders.iter())
            .map(|order| scope.spawn(|| (0..rounds).map(|_| render_examples(order)).collect()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (order, runs) in orders.iter().zip(results) {
        for run in runs {
            for ((name, _), rendered) in order.iter().zip(run) {
                let i = examples.iter().position(|(n, _)| n == name).unwrap();
                let alone = &sequential[i];
                for format in Format::ALL {
                    assert!(
                        rendered.bytes(format) == alone.bytes(format),
                        "{name}: the {format} made beside another render differs"
                    );
                }
            }
        }
    }
}

/// Without formats named, the library makes what `waypost render` writes: the page as
/// SVG, PNG and PDF, as far as this build has their writers. HTML is asked for by name.
#[test]
fn the_default_formats_are_the_command_lines() {
    let formats = RenderOptions::default().formats;
    #[cfg(all(feature = "png", feature = "pdf"))]
    assert_eq!(formats, [Format::Svg, Format::Png, Format::Pdf]);
    #[cfg(not(any(feature = "png", feature = "pdf")))]
    assert_eq!(formats, [Format::Svg]);
    assert!(!formats.contains(&Format::Html));
}

/// `Rendered` names the comfortable arrangement, and says how large the cards' text came
/// out and how far above the minimum: the page's room for more.
#[test]
fn rendered_says_how_much_room_the_type_has_left() {
    let options = RenderOptions {
        formats: Vec::new(),
        ..Default::default()
    };
    let read = |name: &str| std::fs::read_to_string(format!("examples/{name}.toml")).unwrap();
    let fitted = |name: &str| {
        let roadmap = model::parse(name, &read(name)).unwrap();
        let rendered = waypost::render(&roadmap, &options).unwrap();
        (roadmap, rendered)
    };
    let (sparse_map, sparse) = fitted("sparse");
    assert_eq!(sparse.density, "comfortable");
    assert!(sparse.headroom_pt() > 1.0, "{}", sparse.card_text_pt);
    // The full example with one more offer is laid out with its cards' text at the road's
    // 7 pt minimum.
    let example = read("full-a4");
    let last = example.rfind("[[stage.offer]]").unwrap();
    let another = example[last..].replacen("title = \"", "title = \"Another ", 1);
    let full_map = model::parse("full.toml", &format!("{example}\n{another}")).unwrap();
    let full = waypost::render(&full_map, &options).unwrap();
    assert_eq!(full.density, "fullest");
    assert_eq!(full.minimum_pt, 7.0);
    assert!(full.headroom_pt() < 0.1, "{}", full.card_text_pt);
    // The size reported is the size drawn: every line of every description.
    for (roadmap, rendered) in [(&sparse_map, &sparse), (&full_map, &full)] {
        let mut sizes = Vec::new();
        for link in rendered.scene.links() {
            let offer = (roadmap.stages.iter())
                .flat_map(|s| &s.offers)
                .find(|o| o.title == link.label)
                .unwrap();
            let Some(description) = &offer.description else {
                continue;
            };
            for item in &link.children {
                match item {
                    waypost::scene::Item::Text(t) if description.contains(t.text.trim()) => {
                        sizes.push(t.size)
                    }
                    _ => {}
                }
            }
        }
        assert!(!sizes.is_empty(), "no description drawn");
        for size in sizes {
            assert!(
                (size - rendered.card_text_pt).abs() < 0.01,
                "{size} against {}",
                rendered.card_text_pt
            );
        }
    }
}

#[test]
fn a_roadmaps_colours_are_drawn_in_place_of_its_layouts() {
    let svg = |source: &str, preset: Option<Preset>| {
        let options = RenderOptions {
            formats: vec![Format::Svg],
            preset,
            ..Default::default()
        };
        waypost::render_str("example.toml", source, &options)
            .unwrap()
            .svg
            .unwrap()
    };
    let fills = |svg: &str, colour: &str| svg.matches(&format!("fill=\"{colour}\"")).count();
    let coloured = format!("{EXAMPLE}\n[colours]\nlink = \"#7a1f5c\"\nfree = \"#0b5d3b\"\n");
    // A built-in preset, and a layout file read by the caller.
    let file = Preset::parse("mine.toml", include_str!("../layouts/columns.toml")).unwrap();
    for preset in [None, Some(file)] {
        let (before, after) = (svg(EXAMPLE, preset.clone()), svg(&coloured, preset));
        let free = fills(&before, "#006747");
        assert!(free > 0);
        assert_eq!(fills(&after, "#0b5d3b"), free, "every free badge");
        assert_eq!(fills(&after, "#006747"), 0);
        assert_eq!(fills(&before, "#7a1f5c"), 0);
        assert!(fills(&after, "#7a1f5c") >= 12, "a link on every card");
    }
}
