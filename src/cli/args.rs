//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use waypost::model::PageSize;
use waypost::scene::{Bleed, MAX_BLEED_MM};
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
}

/// Choices shared by `render` and `check`.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Layout preset name (road, columns, timeline) or path to a layout file; overrides the
    /// file's `layout`.
    #[arg(long, value_name = "NAME|PATH")]
    pub layout: Option<String>,
    /// Paper size, overriding the file's `page`: A5, A4, A3, A2, A1, A0, Letter, Legal or
    /// Tabloid.
    #[arg(long, value_parser = page_size)]
    pub page: Option<PageSize>,
    /// Orientation, overriding the file's and the preset's.
    #[arg(long, value_enum)]
    pub orientation: Option<OrientationArg>,
    /// QR codes beyond the footer's: `offers` puts one of its link on every offer's card.
    #[arg(long, value_enum, value_name = "offers")]
    pub qr: Option<QrArg>,
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
    /// Folder to write into; created if missing.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "svg,png,pdf")]
    pub format: Vec<FormatArg>,
    /// PNG resolution in dots per inch (150 for screens, 300 for print).
    #[arg(long, default_value_t = 150, value_parser = clap::value_parser!(u16).range(10..=1200))]
    pub dpi: u16,
    /// PNG compression: fast to write, or best for the smallest file (several times slower).
    #[arg(long, value_enum, value_name = "fast|best", default_value = "fast")]
    pub png_compression: CompressionArg,
    /// Print bleed, such as 3mm: every format gets the page on a larger sheet, its
    /// background running this far past the edge, with crop marks beyond; the PDF gets
    /// trim and bleed boxes. More than 0 and at most 50 mm.
    #[arg(long, value_name = "LENGTH", value_parser = bleed)]
    pub bleed: Option<Bleed>,
    /// Write the page even if the pre-flight checks find problems.
    #[arg(long)]
    pub force: bool,
    /// Page, layout and orientation.
    #[command(flatten)]
    pub page: PageArgs,
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
}

impl FormatArg {
    /// The library's name for it.
    pub fn format(self) -> Format {
        match self {
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Html => Format::Html,
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
fn page_size(name: &str) -> Result<PageSize, String> {
    PageSize::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = PageSize::ALL.iter().map(|p| p.name()).collect();
        format!("use one of {}", names.join(", "))
    })
}

/// Reads a bleed in millimetres: `3mm`, `3 mm` or `3`.
fn bleed(text: &str) -> Result<Bleed, String> {
    let number = text.trim();
    let number = (number
        .strip_suffix("mm")
        .or_else(|| number.strip_suffix("MM")))
    .unwrap_or(number)
    .trim();
    (number.parse::<f32>().ok())
        .and_then(Bleed::from_mm)
        .ok_or_else(|| {
            format!("give a length in mm, more than 0 and at most {MAX_BLEED_MM}, such as 3mm")
        })
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
