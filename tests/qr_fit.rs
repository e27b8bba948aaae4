//! QR codes on cards stand where nothing else goes: generated roadmaps whose price badges
//! are long ("Chargeable · £7,000 (levy funded)") either fit with a code on every card and
//! pass pre-flight, or are refused; and one that fits A4 without codes fits A3 with them.

mod support;

use support::generate;
use waypost::layout::LayoutOptions;
use waypost::model::{Orientation, PageSize};
use waypost::{Error, RenderOptions};

const PRESETS: [(&str, Orientation); 3] = [
    ("road", Orientation::Portrait),
    ("columns", Orientation::Landscape),
    ("timeline", Orientation::Landscape),
];

/// A generated roadmap whose chargeable offers carry a long price, and whose first offer
/// is chargeable.
fn long_badges(seed: u64, offers: usize) -> String {
    let source = generate::roadmap(seed, 5, offers).replacen(
        "cost = \"free\"\n",
        "cost = \"chargeable\"\n",
        1,
    );
    source.replace(
        "cost = \"chargeable\"\n",
        "cost = \"chargeable\"\nprice = \"£7,000 (levy funded)\"\n",
    )
}

/// Lays the roadmap out; `Ok(true)` when it fits and pre-flight finds nothing, `Ok(false)`
/// when it does not fit, an error message when it fits but pre-flight finds a problem.
fn clean(
    source: &str,
    preset: &str,
    page: PageSize,
    orientation: Orientation,
    codes: bool,
) -> Result<bool, String> {
    let options = RenderOptions {
        preset: Some(waypost::layout::Preset::builtin(preset).unwrap()),
        layout: LayoutOptions {
            page: Some(page),
            orientation: Some(orientation),
            offer_codes: codes,
            ..Default::default()
        },
        formats: Vec::new(),
        ..Default::default()
    };
    match waypost::render_str("generated.toml", source, &options) {
        Ok(rendered) if rendered.report.is_clean() => Ok(true),
        Ok(rendered) => Err(format!("{:#?}", rendered.report)),
        Err(Error::DoesNotFit(_)) => Ok(false),
        Err(other) => Err(other.to_string()),
    }
}

#[test]
fn fifteen_offers_with_long_badges_take_codes_on_a3_in_every_preset() {
    let source = long_badges(7, 15);
    for (preset, orientation) in PRESETS {
        assert_eq!(
            clean(&source, preset, PageSize::A3, orientation, true),
            Ok(true),
            "{preset}"
        );
    }
}

#[test]
fn a_roadmap_that_fits_a4_without_codes_fits_a3_with_them() {
    let mut tried = 0;
    for seed in 1..=4 {
        for offers in [6, 12, 18] {
            let source = long_badges(seed, offers);
            for (preset, orientation) in PRESETS {
                let a4 = clean(&source, preset, PageSize::A4, orientation, false);
                if a4 != Ok(true) {
                    continue;
                }
                tried += 1;
                let a3 = clean(&source, preset, PageSize::A3, orientation, true);
                assert_eq!(a3, Ok(true), "seed {seed}, {offers} offers, {preset}");
            }
        }
    }
    // Most of them fit A4 without codes: the property was tested, not skipped.
    assert!(tried >= 24, "only {tried} roadmaps fitted A4");
}
