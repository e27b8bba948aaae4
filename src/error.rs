//! Errors and diagnostics.
//!
//! Problems in a roadmap or layout file are [`Diagnostic`]s: a byte span in the file, a
//! sentence a person can act on, and an optional hint. All problems found in one pass are
//! returned together in [`Error::Invalid`].

use std::fmt;
use std::ops::Range;

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Byte range in the file that the problem concerns.
    pub span: Range<usize>,
    /// What is wrong, as a sentence without a trailing full stop.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic without a hint.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// An input file with the problems found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    /// The file's name as the user gave it (or a label such as `<input>`).
    pub file: String,
    /// The file's text, to quote the lines concerned.
    pub source: String,
    /// The problems, in order of position in the file.
    pub list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// One-based line and column (in characters) of a byte offset in the source.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source, offset)
    }
}

/// One-based line and column (in characters) of a byte offset in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = source[line_start..offset].chars().count() + 1;
    (line, col)
}

impl fmt::Display for Diagnostics {
    /// Each problem as `FILE:LINE:COL: error: message`, the line quoted and the column
    /// marked, then the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diag) in self.list.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let (line, col) = self.line_col(diag.span.start);
            writeln!(f, "{}:{line}:{col}: error: {}", self.file, diag.message)?;
            let text = self.source.lines().nth(line - 1).unwrap_or("");
            let shown: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let gutter = line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {shown}")?;
            let span_chars = self.source[diag.span.start.min(self.source.len())
                ..diag
                    .span
                    .end
                    .min(self.source.len())
                    .max(diag.span.start.min(self.source.len()))]
                .lines()
                .next()
                .map_or(1, |s| s.chars().count().max(1));
            write!(
                f,
                "{:gutter$} | {}{}",
                "",
                " ".repeat(col - 1),
                "^".repeat(span_chars)
            )?;
            if let Some(help) = &diag.help {
                write!(f, "\n{:gutter$} = help: {help}", "")?;
            }
        }
        Ok(())
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The roadmap or layout file has problems; all of them are listed.
    Invalid(Diagnostics),
    /// The content does not fit on the page even at the smallest type size.
    DoesNotFit(Overflow),
    /// The raster image would be larger than the renderer can hold.
    ImageTooLarge {
        /// Requested width in pixels.
        width: u64,
        /// Requested height in pixels.
        height: u64,
    },
    /// An output could not be produced; the reason is the encoder's own.
    Output {
        /// The output format: `svg`, `png` or `pdf`.
        format: &'static str,
        /// What the encoder reported.
        reason: String,
    },
}

/// Where the content overflows the page, and by how much.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// The stage that does not fit (its title).
    pub stage: String,
    /// The offer that does not fit (its title), when one card is to blame.
    pub offer: Option<String>,
    /// How much space is missing, in millimetres.
    pub excess_mm: f32,
    /// The page name, such as `A4 portrait`.
    pub page: String,
    /// What to try instead.
    pub suggestion: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => diags.fmt(f),
            Error::DoesNotFit(o) => {
                write!(f, "the roadmap does not fit on {}: ", o.page)?;
                match &o.offer {
                    Some(offer) => write!(f, "offer \"{offer}\" in stage \"{}\"", o.stage)?,
                    None => write!(f, "stage \"{}\"", o.stage)?,
                }
                write!(
                    f,
                    " runs {:.1} mm past the available space even at the smallest text size; {}",
                    o.excess_mm, o.suggestion
                )
            }
            Error::ImageTooLarge { width, height } => write!(
                f,
                "a {width} x {height} pixel image is too large to render; lower the --dpi"
            ),
            Error::Output { format, reason } => {
                write!(f, "could not produce the {format} output: {reason}")
            }
        }
    }
}

impl std::error::Error for Error {}
