//! The fitter is monotone: taking an offer away from a roadmap never makes its type
//! smaller on the same page with the same preset, whichever density rung each page uses —
//! by no more than the margin a denser rung must beat an airier one by (0.03 of the
//! scale, a quarter point on 8.5 pt text), which keeps pages with room airy.

mod support;

use support::generate;
use waypost::layout::{layout_fitted, LayoutOptions, Preset};
use waypost::model::{self, Orientation, PageSize};

/// The fitter's margin for "visibly larger" type, and what the scale may lose to it.
const MARGIN: f32 = 0.03 + 1e-4;

/// The type scale each roadmap of `seed` with 1..=`most` offers in five stages is set at
/// on A4, `None` where it does not fit.
fn scales(preset: &Preset, orientation: Orientation, seed: u64, most: usize) -> Vec<Option<f32>> {
    let options = LayoutOptions {
        page: Some(PageSize::A4),
        orientation: Some(orientation),
        brief: true,
        ..Default::default()
    };
    (1..=most)
        .map(|offers| {
            let source = generate::roadmap(seed, 5, offers);
            let roadmap = model::parse("generated.toml", &source).expect("valid");
            layout_fitted(&roadmap, preset, &options)
                .ok()
                .map(|fitted| fitted.scale)
        })
        .collect()
}

#[test]
fn removing_an_offer_never_makes_the_type_smaller() {
    let mut found = Vec::new();
    for (name, orientation) in [
        ("road", Orientation::Portrait),
        ("columns", Orientation::Landscape),
        ("timeline", Orientation::Landscape),
    ] {
        let preset = Preset::builtin(name).expect("built in");
        for seed in [7, 11] {
            let scales = scales(&preset, orientation, seed, 26);
            for (i, pair) in scales.windows(2).enumerate() {
                // The roadmap with one offer fewer is pair[0]: the generator makes the
                // same offers in the same order, so it is pair[1] less its last offer.
                if let [Some(fewer), Some(more)] = *pair {
                    if fewer < more - MARGIN {
                        found.push(format!(
                            "{name}, seed {seed}: {} offers at scale {more:.3}, {} at {fewer:.3}",
                            i + 2,
                            i + 1
                        ));
                    }
                }
                if let [None, Some(_)] = *pair {
                    found.push(format!(
                        "{name}, seed {seed}: {} offers fit, {} do not",
                        i + 2,
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "type grew as offers were added:\n{}",
        found.join("\n")
    );
}
