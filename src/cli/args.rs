//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use waypost::model::{PageChoice, Pages};
use waypost::scene::{Bleed, Date, MAX_BLEED_MM};
use waypost::Format;

/// Turns a TOML training roadmap into a one-page infographic (SVG, PNG and PDF).
#[derive(Debug, Parser)]
#[command(name = "waypost", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render roadmaps to SVG, PNG and PDF: files, or every .toml file of a folder.
    Render(RenderArgs),
    /// Check a roadmap and lay it out without writing anything.
    Check(CheckArgs),
    /// Write a commented starter roadmap to edit (never over an existing file).
    Init(InitArgs),
    /// Print the JSON Schema of the roadmap format, for editors that check TOML as you type.
    Schema,
    /// Name the built-in layouts, or print one's file to copy and edit as a layout of your own.
    Layout(LayoutArgs),
    /// List the offers added, removed and changed between two editions of a roadmap.
    Diff(DiffArgs),
    /// Make a roadmap from a spreadsheet of offers (.csv, .xlsx, .xls or .ods), one row each.
    Import(ImportArgs),
    /// Write a roadmap's offers as a spreadsheet (CSV), one row each.
    Export(ExportArgs),
    /// Check every web link of a roadmap; report the broken and the moved ones.
    Links(LinksArgs),
    /// Render a roadmap, then again each time it is saved, until stopped (Ctrl+C).
    Watch(WatchArgs),
    /// Show a roadmap in the browser, updated each time it is saved (on this computer only).
    Serve(ServeArgs),
}

/// Choices shared by `render` and `check`.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Layout preset name (road, columns, timeline) or path to a layout file; overrides the
    /// file's `layout`.
    #[arg(long, value_name = "NAME|PATH")]
    pub layout: Option<String>,
    /// Paper size, overriding the file's `page`: A5, A4, A3, A2, A1, A0, Letter, Legal or
    /// Tabloid; slide (16:9, 13.33 x 7.5 in); or auto (the smallest A size that holds the
    /// roadmap at full size) or auto-letter (Letter, Legal, Tabloid).
    #[arg(long, value_parser = page_size)]
    pub page: Option<PageChoice>,
    /// How many pages, overriding the file's `pages`: 1 to 8, or auto (as few as hold the
    /// roadmap at its layout's own type size).
    #[arg(long, value_name = "N|auto", value_parser = pages)]
    pub pages: Option<Pages>,
    /// The smallest card text you accept, overriding the file's `min_text`: 8pt, 8.5pt
    /// (7pt to 14pt). The layout never sets the cards' text smaller, and --pages auto
    /// takes the fewest pages that hold the roadmap at it.
    #[arg(long, value_name = "SIZE", value_parser = min_text)]
    pub min_text: Option<f32>,
    /// Orientation, overriding the file's and the preset's.
    #[arg(long, value_enum, ignore_case = true)]
    pub orientation: Option<OrientationArg>,
    /// QR codes beyond the footer's: `offers` puts one of its link on every offer's card.
    #[arg(long, value_enum, value_name = "offers", ignore_case = true)]
    pub qr: Option<QrArg>,
    /// The day offers' `until` dates are compared with, as YYYY-MM-DD. Default: today's
    /// date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::today::date_arg)]
    pub today: Option<Date>,
    /// Keep offers that have ended on the page, marked "Ended", instead of leaving them
    /// off.
    #[arg(long)]
    pub keep_ended: bool,
}

/// `waypost render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Roadmap files (TOML), or folders whose .toml files are all rendered; several are
    /// rendered in parallel.
    #[arg(required = true, value_name = "FILE|FOLDER")]
    pub files: Vec<PathBuf>,
    /// How many roadmaps to render at once. Default: one per core.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// What to write, and where.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// What `render` and `watch` write, and where.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Folder to write into; created if missing.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "svg,png,pdf",
        ignore_case = true
    )]
    pub format: Vec<FormatArg>,
    /// PNG resolution in dots per inch (150 for screens, 300 for print).
    #[arg(long, default_value_t = 150, value_parser = clap::value_parser!(u16).range(10..=1200))]
    pub dpi: u16,
    /// PNG compression: fast to write, or best for the smallest file (several times slower).
    #[arg(
        long,
        value_enum,
        value_name = "fast|best",
        default_value = "fast",
        ignore_case = true
    )]
    pub png_compression: CompressionArg,
    /// Print bleed, such as 3mm or 0.125in (mm, cm, in or pt): every format gets the page
    /// on a larger sheet, its background running this far past the edge, with crop marks
    /// beyond; the PDF gets trim and bleed boxes. More than 0 and at most 50 mm.
    #[arg(long, value_name = "LENGTH", value_parser = bleed)]
    pub bleed: Option<Bleed>,
    /// Write the page even if the pre-flight checks find problems.
    #[arg(long)]
    pub force: bool,
    /// Mark the offers that are not in this earlier edition with a "New" badge, and count
    /// them in the legend.
    #[arg(long, value_name = "OLD.toml")]
    pub new_since: Option<PathBuf>,
    /// Page, layout and orientation.
    #[command(flatten)]
    pub page: PageArgs,
}

/// `waypost watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The roadmap file (TOML).
    pub file: PathBuf,
    /// What to write, and where.
    #[command(flatten)]
    pub out: OutputArgs,
}

/// `waypost check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The roadmap file (TOML).
    pub file: PathBuf,
    /// Print the report as JSON, for other tools.
    #[arg(long)]
    pub json: bool,
    /// Page, layout and orientation.
    #[command(flatten)]
    pub page: PageArgs,
}

/// `waypost init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The file to create.
    #[arg(default_value = "roadmap.toml")]
    pub file: PathBuf,
}

/// `waypost layout`.
#[derive(Debug, Args)]
pub struct LayoutArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: LayoutCommand,
}

/// What `waypost layout` does.
#[derive(Debug, Subcommand)]
pub enum LayoutCommand {
    /// Name each built-in layout, with a line on what it draws.
    List,
    /// Print a built-in layout's file as it is, to copy: waypost layout show road > mine.toml
    Show {
        /// The built-in layout: road, columns or timeline.
        name: String,
    },
}

/// `waypost diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier edition.
    pub old: PathBuf,
    /// The later edition.
    pub new: PathBuf,
    /// Print the changes as JSON, for other tools.
    #[arg(long)]
    pub json: bool,
}

/// `waypost import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The spreadsheet: a .csv file or a workbook (.xlsx, .xls, .ods) with the columns
    /// stage, title, provider, url, cost, price, level, tags and description.
    pub file: PathBuf,
    /// The sheet of a workbook to read. Default: the first.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A roadmap to take everything but the offers from: title, footer, tags' labels and
    /// icons, stages' summaries.
    #[arg(long, value_name = "ROADMAP.toml")]
    pub base: Option<PathBuf>,
    /// Folder to write the roadmap into, named as the base roadmap when one is given,
    /// otherwise as the spreadsheet, with .toml.
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    pub output: PathBuf,
    /// Write over a roadmap file that already exists.
    #[arg(long)]
    pub force: bool,
}

/// `waypost export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The roadmap file (TOML).
    pub file: PathBuf,
    /// Write CSV, readable by any spreadsheet program. CSV is the one format export
    /// writes, so this may be left out.
    #[arg(long)]
    pub csv: bool,
    /// Folder to write into, as the roadmap's name with .csv; `-` writes the CSV to
    /// standard output instead.
    #[arg(short, long, value_name = "DIR|-", default_value = ".")]
    pub output: PathBuf,
    /// Write over a CSV file that already exists (it may hold edits).
    #[arg(long)]
    pub force: bool,
}

/// `waypost links`.
#[derive(Debug, Args)]
pub struct LinksArgs {
    /// The roadmap file (TOML).
    pub file: PathBuf,
    /// Print the results as JSON, for other tools.
    #[arg(long)]
    pub json: bool,
    /// How long to wait for each answer, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 15,
          value_parser = clap::value_parser!(u16).range(1..=300))]
    pub timeout: u16,
    /// How long the whole check may take, in seconds; the links not checked by then are
    /// listed as such.
    #[arg(long, value_name = "SECONDS", default_value_t = 300,
          value_parser = clap::value_parser!(u32).range(1..=86_400))]
    pub deadline: u32,
}

/// `waypost serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The roadmap file (TOML).
    pub file: PathBuf,
    /// The port to serve on, at 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
    /// Mark the offers that are not in this earlier edition with a "New" badge.
    #[arg(long, value_name = "OLD.toml")]
    pub new_since: Option<PathBuf>,
    /// Page, layout and orientation.
    #[command(flatten)]
    pub page: PageArgs,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Scalable vector graphics with embedded font subsets.
    Svg,
    /// A raster image at --dpi.
    Png,
    /// A print PDF with clickable links.
    Pdf,
    /// A web page of the roadmap's text, the accessible alternative, with the page as a figure.
    Html,
    /// Images for feeds and slides: NAME.square.png (1080 x 1080), NAME.wide.png
    /// (1200 x 675, also a 16:9 slide) and NAME.tall.png (1080 x 1350), with their alt
    /// text in NAME.social.txt.
    Social,
    /// The same images as SVG (NAME.square.svg, …), with their alt text.
    SocialSvg,
}

impl FormatArg {
    /// The library's name for it.
    pub fn format(self) -> Format {
        match self {
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Html => Format::Html,
            FormatArg::Social => Format::Social,
            FormatArg::SocialSvg => Format::SocialSvg,
        }
    }
}

/// How hard the PNG encoder works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompressionArg {
    /// Quick to write, larger file.
    Fast,
    /// Smallest file, several times slower.
    Best,
}

/// Reads a paper size name, ignoring case.
fn pages(text: &str) -> Result<Pages, String> {
    if text.trim().eq_ignore_ascii_case("auto") {
        return Ok(Pages::Auto);
    }
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=Pages::MOST).contains(&n) => Ok(Pages::Count(n)),
        _ => Err(format!("use a number from 1 to {}, or auto", Pages::MOST)),
    }
}

/// Reads a card text size in points: `8pt`, `8.5 pt` or `8`.
fn min_text(text: &str) -> Result<f32, String> {
    let (least, most) = waypost::model::MIN_TEXT_RANGE;
    match waypost::model::points(text) {
        Some(size) if (least..=most).contains(&size) => Ok(size),
        _ => Err(format!(
            "use a size from {least}pt to {most}pt, such as 8pt"
        )),
    }
}

fn page_size(name: &str) -> Result<PageChoice, String> {
    PageChoice::from_name(name)
        .ok_or_else(|| format!("use one of {}", PageChoice::names().join(", ")))
}

/// Reads a bleed with its unit, in any case: `3mm`, `0.3 cm`, `0.125in` or `9pt`. A bare
/// number is refused: printers speak in millimetres and in inches, and a guess would be
/// wrong for half of them.
fn bleed(text: &str) -> Result<Bleed, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+')))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let mm_per_unit = match unit.trim().to_ascii_lowercase().as_str() {
        "mm" => 1.0,
        "cm" => 10.0,
        "in" => 25.4,
        "pt" => 25.4 / 72.0,
        "" => {
            return Err(format!(
                "give the length with its unit: write {number}mm (or cm, in or pt)"
            ))
        }
        _ => return Err("give a length in mm, cm, in or pt, such as 3mm or 0.125in".to_string()),
    };
    let range = format!("more than 0 and at most {MAX_BLEED_MM} mm, such as 3mm or 0.125in");
    let value: f32 = number
        .parse()
        .map_err(|_| format!("give a length in mm, cm, in or pt, {range}"))?;
    Bleed::from_mm(value * mm_per_unit).ok_or_else(|| format!("give a bleed of {range}"))
}

/// Which QR codes to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QrArg {
    /// A QR code of its link on every offer's card.
    Offers,
}

/// An orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum OrientationArg {
    Portrait,
    Landscape,
}
