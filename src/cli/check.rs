//! `waypost check`: the layout and the pre-flight checks, in words or as one JSON object.

use super::args::CheckArgs;
use super::failure::Failure;
use super::load::{load, offer_count, Loaded};
use super::output::{indented, say};
use super::report::CheckJson;
use super::Exit;
use waypost::{Error, RenderOptions, Rendered, Severity};

/// The layout and the pre-flight checks, without writing anything.
fn inspect(loaded: &Loaded) -> waypost::Result<Rendered> {
    let options = RenderOptions {
        formats: Vec::new(),
        ..loaded.options()
    };
    waypost::render(&loaded.roadmap, &options)
}

pub(super) fn check(args: &CheckArgs) -> Result<String, Failure> {
    let loaded = load(&args.file, &args.page)?;
    loaded.warn();
    let rendered = inspect(&loaded).map_err(|e| loaded.failed(&args.file, e))?;
    // `check` does not know which formats will be made: a title too long for the images
    // for feeds and slides is worth knowing once the page itself is laid out, but only
    // `render --format social` refuses it.
    if let Some(warning) = loaded.social_title(Severity::Warning) {
        super::output::complain(&warning.to_string());
    }
    let ending = loaded.ending(&rendered.left_off);
    let file = args.file.display();
    for note in rendered.report.notes() {
        super::output::complain(&format!("{}: {note}", args.file.display()));
    }
    if !rendered.report.is_clean() {
        return Err(Failure::Input(format!(
            "{file}: the page fails the pre-flight checks:\n  {}",
            indented(&rendered.report)
        )));
    }
    let page = &rendered.page;
    let fit = format!(
        "{} stages and {} offers fit on {}{} ({:.0} x {:.0} mm) with the {} layout{}",
        loaded.roadmap.stages.len(),
        offer_count(&loaded.roadmap) - rendered.left_off.len(),
        match rendered.pages.len() {
            1 => String::new(),
            n => format!("{n} pages of "),
        },
        page.name(),
        rendered.scene.width * 25.4 / 72.0,
        rendered.scene.height * 25.4 / 72.0,
        loaded.layout,
        super::report::auto_page(&rendered),
    );
    // Nearly full: the type was shrunk to fit and sits within half a point (as printed,
    // to a tenth) of the smallest allowed. A page at its layout's own size is not full,
    // however close its own size is to the minimum.
    let headroom = (rendered.headroom_pt() * 10.0).round() / 10.0;
    let shrunk = rendered.scale < waypost::layout::FULL_SIZE;
    if shrunk && headroom < NEARLY_FULL_PT {
        let instead = match page.size.larger() {
            Some(larger) => format!("try {} or another layout", larger.name()),
            None => "try another layout, or fewer offers".to_string(),
        };
        return Ok(format!(
            "{file}: fits at {:.1} pt, {:.1} pt above the {:.1} pt minimum: one more offer \
             may not fit ({instead}); {fit}{ending}",
            rendered.card_text_pt,
            rendered.headroom_pt(),
            rendered.minimum_pt
        ));
    }
    Ok(format!(
        "{file}: fine: {fit}; the cards' text is {:.1} pt, {:.1} pt above the {:.1} pt minimum; \
         smallest text {:.1} pt{ending}",
        rendered.card_text_pt,
        rendered.headroom_pt(),
        rendered.minimum_pt,
        rendered.report.min_text_pt,
    ))
}

/// Below this much headroom, in pt, the page is nearly full: `check` says how close the
/// cards' text is to the minimum rather than "fine".
const NEARLY_FULL_PT: f32 = 0.5;

/// `check --json`: the same checks, every outcome answered as one JSON object on
/// standard output — problems in files, a file that cannot be read, a page that does not
/// fit — and the exit code still saying how it went.
pub(super) fn check_json(args: &CheckArgs) -> Exit {
    let mut answer = CheckJson::new(&args.file.display().to_string());
    let exit = match load(&args.file, &args.page) {
        Err(failure) => answer.failed(failure),
        Ok(loaded) => {
            answer.ending(loaded.warnings.as_ref(), &[]);
            match inspect(&loaded) {
                Ok(rendered) => {
                    answer.ending(loaded.warnings.as_ref(), &rendered.left_off);
                    let report = &rendered.report;
                    answer.fitted(&rendered);
                    answer.codes(&rendered.scene);
                    answer.laid_out(&rendered.page, &loaded.layout, report);
                    if report.is_clean() {
                        Exit::Success
                    } else {
                        Exit::Invalid
                    }
                }
                Err(Error::DoesNotFit(overflow)) => {
                    answer.overflow(&loaded.page(), &loaded.layout, &overflow);
                    Exit::Invalid
                }
                Err(other) => answer.failed(Failure::from(other)),
            }
        }
    };
    say(&answer.to_json());
    exit
}
