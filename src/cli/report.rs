//! What `waypost check` reports, for people and as JSON for tools.
//!
//! The JSON is a stable interface: fields are only ever added.

use super::failure::Failure;
use super::Exit;
use serde::Serialize;
use waypost::error::{line_col, Diagnostics};
use waypost::layout::Page;
use waypost::preflight::{Finding, Report};
use waypost::scene::{Item, Scene};
use waypost::{Overflow, Rendered};

const MM_PER_PT: f32 = 25.4 / 72.0;

/// The whole answer of `waypost check --json`.
#[derive(Debug, Serialize)]
pub struct CheckJson {
    /// The roadmap file as given.
    pub file: String,
    /// Whether the page passes every check.
    pub clean: bool,
    /// The page the roadmap was laid out on, when it got that far.
    pub page: Option<PageJson>,
    /// How many pages the roadmap was laid over, when it got that far.
    pub pages: Option<usize>,
    /// With `page = "auto"`, each size tried before the one chosen and that one, smallest
    /// first, with the cards' text size it would have (none where it does not fit), and
    /// why the page was chosen.
    pub page_auto: Option<AutoJson>,
    /// The layout preset used.
    pub layout: Option<String>,
    /// The density rung the page needed: "comfortable", or the name of a `[[density]]`
    /// rung of the layout.
    pub density: Option<String>,
    /// The share of the page's height inside the margins that the content takes, 0 to 1.
    pub fill: Option<f32>,
    /// The smallest text size on the page, in pt.
    pub min_text_pt: Option<f32>,
    /// The size of the cards' text after fitting, in pt.
    pub card_text_pt: Option<f32>,
    /// The type scale's headroom: how far the cards' text is above the smallest size the
    /// layout may use, in pt. Near 0 the page is full, and one more offer may not fit.
    pub type_headroom_pt: Option<f32>,
    /// Text that leaves its card.
    pub overflows: Vec<FindingJson>,
    /// Cards or text lines that overlap.
    pub overlaps: Vec<FindingJson>,
    /// Anything outside the margins.
    pub outside_margins: Vec<FindingJson>,
    /// Text under 4.5:1 contrast.
    pub low_contrast: Vec<FindingJson>,
    /// Offers whose cost is shown by colour alone.
    pub colour_only: Vec<FindingJson>,
    /// Text under 7 pt.
    pub too_small: Vec<FindingJson>,
    /// Logos drawn under the layout's smallest logo height.
    pub small_images: Vec<FindingJson>,
    /// Offers that have ended or end within 60 days, at their `until`.
    pub warnings: Vec<ErrorJson>,
    /// The titles of the offers that had ended and were left off the page.
    pub left_off: Vec<String>,
    /// Why the content does not fit the page, when it does not.
    pub does_not_fit: Option<OverflowJson>,
    /// The smallest module waypost draws a QR code with, in mm.
    pub qr_min_module_mm: f32,
    /// The QR codes on the page: the footer's and, with `--qr offers`, the cards'.
    pub qr_codes: Vec<QrJson>,
    /// Problems in the input files, when there are any.
    pub errors: Vec<ErrorJson>,
}

/// Each diagnostic of `files` as JSON, with its line and column.
fn json_list(files: &[Diagnostics]) -> Vec<ErrorJson> {
    let mut list = Vec::new();
    for diagnostics in files {
        for d in &diagnostics.list {
            let (line, column) = line_col(&diagnostics.source, d.span.start);
            list.push(ErrorJson {
                file: diagnostics.file.clone(),
                line: Some(line),
                column: Some(column),
                message: d.message.clone(),
                help: d.help.clone(),
            });
        }
    }
    list
}

/// How `page = "auto"` chose the page.
#[derive(Debug, Serialize)]
pub struct AutoJson {
    /// Each size tried, smallest first.
    pub tried: Vec<TriedJson>,
    /// Why the chosen page was chosen, in words.
    pub reason: String,
}

/// One size `page = "auto"` tried.
#[derive(Debug, Serialize)]
pub struct TriedJson {
    /// Such as "A4".
    pub size: String,
    /// The cards' text size on it, in pt; none where the roadmap does not fit it.
    pub card_text_pt: Option<f32>,
}

/// A page size.
#[derive(Debug, Serialize)]
pub struct PageJson {
    /// Such as "A4 portrait".
    pub name: String,
    /// Width in mm.
    pub width_mm: f32,
    /// Height in mm.
    pub height_mm: f32,
}

/// One finding, with the stage and offer it concerns.
#[derive(Debug, Serialize)]
pub struct FindingJson {
    /// The stage's title, when the finding lies in an offer's card.
    pub stage: Option<String>,
    /// The offer's title, when the finding lies in its card.
    pub offer: Option<String>,
    /// The text concerned.
    pub text: String,
    /// What is wrong.
    pub message: String,
    /// Where, in mm from the page's top-left corner: [x, y, width, height].
    pub rect_mm: [f32; 4],
    /// The page it is on, from 1.
    pub page: usize,
}

/// One QR code on the page.
#[derive(Debug, Serialize)]
pub struct QrJson {
    /// The address it holds.
    pub url: String,
    /// Modules per side, without the quiet zone.
    pub modules: usize,
    /// The side of one module, in mm.
    pub module_mm: f32,
    /// Where, in mm from the page's top-left corner, quiet zone included:
    /// [x, y, width, height].
    pub rect_mm: [f32; 4],
}

/// The does-not-fit verdict.
#[derive(Debug, Serialize)]
pub struct OverflowJson {
    /// The part that does not fit: `title`, `footer`, `stage` or `offer`.
    pub part: &'static str,
    /// The stage that does not fit (empty for the title block and the footer).
    pub stage: String,
    /// The offer that does not fit, when one card is to blame.
    pub offer: Option<String>,
    /// How much space is missing, in mm.
    pub excess_mm: f32,
    /// What to try instead.
    pub suggestion: String,
    /// When the pages as a whole are too full: how many of the offers they hold at the
    /// smallest card text (`at_pt`); `null` when one part is to blame.
    pub holds: Option<u32>,
    /// How many offers the roadmap has.
    pub offers: u32,
    /// The smallest card text tried, pt: the layout's minimum or the roadmap's `min_text`.
    pub at_pt: f32,
    /// How many pages the roadmap was fitted to.
    pub pages: u8,
}

/// A problem in an input file.
#[derive(Debug, Serialize)]
pub struct ErrorJson {
    /// The file.
    pub file: String,
    /// One-based line; `null` for a problem with the file as a whole (it cannot be read)
    /// or with the command line.
    pub line: Option<usize>,
    /// One-based column, in characters; `null` when the line is.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl CheckJson {
    /// An answer with nothing filled in yet.
    pub fn new(file: &str) -> Self {
        CheckJson {
            file: file.to_string(),
            clean: false,
            page: None,
            pages: None,
            page_auto: None,
            layout: None,
            density: None,
            fill: None,
            min_text_pt: None,
            card_text_pt: None,
            type_headroom_pt: None,
            overflows: Vec::new(),
            overlaps: Vec::new(),
            outside_margins: Vec::new(),
            low_contrast: Vec::new(),
            colour_only: Vec::new(),
            too_small: Vec::new(),
            small_images: Vec::new(),
            warnings: Vec::new(),
            left_off: Vec::new(),
            does_not_fit: None,
            qr_min_module_mm: waypost::layout::qr::MIN_MODULE_MM,
            qr_codes: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Fills in the QR codes drawn on the page.
    pub fn codes(&mut self, scene: &Scene) {
        let mm = |pt: f32| (pt * MM_PER_PT * 1000.0).round() / 1000.0;
        for item in scene.flatten() {
            if let Item::Qr(qr) = item {
                let r = qr.bounds();
                self.qr_codes.push(QrJson {
                    url: qr.data.clone(),
                    modules: qr.size,
                    module_mm: mm(qr.module),
                    rect_mm: [mm(r.x), mm(r.y), mm(r.width), mm(r.height)],
                });
            }
        }
    }

    /// Fills in the page and the pre-flight report.
    pub fn laid_out(&mut self, page: &Page, layout: &str, report: &Report) {
        self.page = Some(page_json(page));
        self.layout = Some(layout.to_string());
        self.min_text_pt = Some((report.min_text_pt * 100.0).round() / 100.0);
        let list = |findings: &[Finding]| -> Vec<FindingJson> {
            findings.iter().map(finding_json).collect()
        };
        self.overflows = list(&report.overflows);
        self.overlaps = list(&report.overlaps);
        self.outside_margins = list(&report.outside_margins);
        self.low_contrast = list(&report.low_contrast);
        self.colour_only = list(&report.colour_only);
        self.too_small = list(&report.too_small);
        self.small_images = list(&report.small_images);
        self.clean = report.is_clean();
    }

    /// Fills in how the page was fitted.
    pub fn fitted(&mut self, rendered: &Rendered) {
        if !rendered.tried.is_empty() {
            let pt = |scale: f32| (card_pt(rendered, scale) * 100.0).round() / 100.0;
            let reason = auto_page(rendered);
            self.page_auto = Some(AutoJson {
                tried: (rendered.tried.iter())
                    .map(|(size, scale)| TriedJson {
                        size: size.name().to_string(),
                        card_text_pt: scale.map(pt),
                    })
                    .collect(),
                reason: reason
                    .trim_start_matches(" (")
                    .trim_end_matches(')')
                    .to_string(),
            });
        }
        self.pages = Some(rendered.pages.len());
        self.density = Some(rendered.density.clone());
        self.fill = Some((rendered.fill * 1000.0).round() / 1000.0);
        let pt = |size: f32| (size * 100.0).round() / 100.0;
        self.card_text_pt = Some(pt(rendered.card_text_pt));
        self.type_headroom_pt = Some(pt(rendered.headroom_pt()));
    }

    /// Fills in a does-not-fit verdict.
    pub fn overflow(&mut self, page: &Page, layout: &str, overflow: &Overflow) {
        self.page = Some(page_json(page));
        self.layout = Some(layout.to_string());
        self.does_not_fit = Some(OverflowJson {
            part: overflow.part.name(),
            stage: overflow.stage.clone(),
            offer: overflow.offer.clone(),
            excess_mm: (overflow.excess_mm * 10.0).round() / 10.0,
            suggestion: overflow.suggestion.clone(),
            holds: overflow.holds,
            offers: overflow.offers,
            at_pt: (overflow.smallest_pt * 10.0).round() / 10.0,
            pages: overflow.pages,
        });
    }

    /// Fills in the offers that end: the warnings, and those left off the page.
    pub fn ending(&mut self, warnings: Option<&Diagnostics>, left_off: &[String]) {
        self.warnings = warnings.map_or_else(Vec::new, |w| json_list(std::slice::from_ref(w)));
        self.left_off = left_off.to_vec();
    }

    /// Fills in problems found in input files.
    pub fn invalid(&mut self, files: &[Diagnostics]) {
        self.errors.extend(json_list(files));
    }
    /// Fills in why the check could not be made, and returns the exit code it means.
    pub fn failed(&mut self, failure: Failure) -> Exit {
        let (exit, message) = match failure {
            Failure::Invalid(files) => {
                self.invalid(&files);
                return Exit::Invalid;
            }
            Failure::Quiet => return Exit::Invalid,
            Failure::Input(message) => (Exit::Invalid, message),
            Failure::Usage(message) => (Exit::Usage, message),
        };
        self.errors.push(ErrorJson {
            file: self.file.clone(),
            line: None,
            column: None,
            message,
            help: None,
        });
        exit
    }

    /// The answer as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain strings, numbers and lists: serde_json has nothing here it cannot write.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| {
            let message = format!("cannot write the report: {e}");
            serde_json::json!({ "errors": [{ "message": message }] }).to_string()
        })
    }
}

fn page_json(page: &Page) -> PageJson {
    let mm = |pt: f32| (pt * MM_PER_PT * 10.0).round() / 10.0;
    PageJson {
        name: page.name(),
        width_mm: mm(page.width),
        height_mm: mm(page.height),
    }
}

fn finding_json(finding: &Finding) -> FindingJson {
    let r = finding.rect;
    let mm = |pt: f32| (pt * MM_PER_PT * 10.0).round() / 10.0;
    FindingJson {
        stage: finding.stage.clone(),
        offer: finding.card.clone(),
        text: finding.subject.clone(),
        message: finding.message.clone(),
        rect_mm: [mm(r.x), mm(r.y), mm(r.width), mm(r.height)],
        page: finding.page,
    }
}

/// Why `page = "auto"` chose the page it did, as words after the page's name: the sizes
/// tried before it and the type each would have had. Empty for a page of a given size.
pub(super) fn auto_page(rendered: &Rendered) -> String {
    let Some((_, last)) = rendered.tried.last() else {
        return String::new();
    };
    let pt = |scale: f32| card_pt(rendered, scale);
    let others: Vec<String> = (rendered.tried.iter())
        .filter(|(size, _)| *size != rendered.page.size)
        .map(|(size, scale)| match scale {
            Some(scale) => format!("{} sets it at {:.1} pt", size.name(), pt(*scale)),
            None => format!("{} does not hold it", size.name()),
        })
        .collect();
    let full = pt(1.0);
    let why = if last.is_some_and(|s| s >= waypost::layout::FULL_SIZE) {
        // Held "at full size" to a hundredth of the scale, or grown past it: the figure
        // said agrees with the one the cards get.
        let set = pt(rendered.scale);
        let own = if format!("{set:.1}") == format!("{full:.1}") {
            format!("the layout's own {full:.1} pt")
        } else if rendered.scale > 1.0 {
            format!("the layout's own {full:.1} pt, where its type grows to {set:.1} pt")
        } else {
            format!("{set:.1} pt, within a hundredth of the layout's own {full:.1} pt")
        };
        format!(
            "page = auto chose {}, the smallest page that holds it at {own}",
            rendered.page.size.name()
        )
    } else {
        format!(
            "page = auto chose {}, where its type is largest: no page holds it at the layout's own {full:.1} pt",
            rendered.page.size.name()
        )
    };
    if others.is_empty() {
        format!(" ({why})")
    } else {
        format!(" ({why}; {})", others.join(", "))
    }
}

/// The size the cards' text would have at type scale `scale`, pt: the page's own size in
/// proportion to its scale.
fn card_pt(rendered: &Rendered, scale: f32) -> f32 {
    rendered.card_text_pt / rendered.scale.max(0.01) * scale
}
