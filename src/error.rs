//! Errors and diagnostics.
//!
//! Problems in a roadmap or layout file are [`Diagnostic`]s: a byte span in the file, a
//! sentence a person can act on, and an optional hint. All problems found in one pass are
//! returned together in [`Error::Invalid`].

use crate::format::Format;
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
    /// Whether it stops the file being used, or only deserves a look.
    pub severity: Severity,
}

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Severity {
    /// The file cannot be used as it is.
    #[default]
    Error,
    /// The file can be used, but something in it is probably out of date or wrong, such
    /// as an offer that has ended.
    Warning,
}

impl Diagnostic {
    /// An error without a hint.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            help: None,
            severity: Severity::Error,
        }
    }

    /// A warning without a hint.
    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::new(span, message)
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

/// The most characters of a source line quoted in a message: about a terminal's width.
const QUOTE_WIDTH: usize = 76;

impl fmt::Display for Diagnostics {
    /// Each problem as `FILE:LINE:COL: error: message` (or `warning:`), the line quoted (a window of it
    /// around the column when it is long) and the span marked, then the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diag) in self.list.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let (line, col) = self.line_col(diag.span.start);
            let severity = match diag.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            writeln!(
                f,
                "{}:{line}:{col}: {severity}: {}",
                self.file,
                shown(&diag.message)
            )?;
            let text = self.source.lines().nth(line - 1).unwrap_or("");
            let start = diag.span.start.min(self.source.len());
            let end = diag.span.end.clamp(start, self.source.len());
            let span_chars = (self.source.get(start..end))
                .and_then(|s| s.lines().next())
                .map_or(1, |s| s.chars().count().max(1));
            let quote = Quote::new(text, col - 1, span_chars);
            let gutter = line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {}", quote.text)?;
            write!(
                f,
                "{:gutter$} | {}{}",
                "",
                " ".repeat(quote.caret),
                "^".repeat(quote.marks)
            )?;
            if let Some(help) = &diag.help {
                write!(f, "\n{:gutter$} = help: {}", "", shown(help))?;
            }
        }
        Ok(())
    }
}

/// The part of a source line shown under a message, and where its marks go.
struct Quote {
    /// The characters shown, control characters as spaces, `…` where the line was cut.
    text: String,
    /// Characters before the first mark.
    caret: usize,
    /// How many characters are marked.
    marks: usize,
}

impl Quote {
    /// A window of at most [`QUOTE_WIDTH`] characters of `line` around character `column`
    /// (zero-based), marking `span` characters from it.
    fn new(line: &str, column: usize, span: usize) -> Quote {
        let chars: Vec<char> = line
            .chars()
            .map(|c| if hidden(c) { ' ' } else { c })
            .collect();
        let column = column.min(chars.len());
        let (from, to) = if chars.len() <= QUOTE_WIDTH {
            (0, chars.len())
        } else {
            // A third of the window before the column, the rest after it.
            let from = column.saturating_sub(QUOTE_WIDTH / 3);
            let to = (from + QUOTE_WIDTH).min(chars.len());
            (to.saturating_sub(QUOTE_WIDTH).min(from), to)
        };
        let mut text = String::new();
        if from > 0 {
            text.push('…');
        }
        text.extend(&chars[from..to]);
        if to < chars.len() {
            text.push('…');
        }
        let caret = column - from + usize::from(from > 0);
        let marks = span.min(to.saturating_sub(column)).max(1);
        Quote { text, caret, marks }
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
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
    /// The roadmap names a layout file, which the library does not read: read it with
    /// [`Preset::parse`](crate::layout::Preset::parse) and pass it in
    /// [`RenderOptions::preset`](crate::RenderOptions::preset).
    LayoutFile {
        /// The path as written in the roadmap.
        path: String,
    },
    /// A format was asked for whose writer this build lacks (its Cargo feature is off).
    Unavailable(Format),
    /// The PNG writer could not produce the image.
    Png(PngError),
    /// The PDF writer could not produce the document.
    Pdf(PdfError),
}

/// Why the PNG writer failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PngError {
    /// usvg could not read the SVG document to draw.
    Svg {
        /// usvg's own words.
        detail: String,
    },
    /// The PNG encoder failed.
    Encode {
        /// The encoder's own words.
        detail: String,
    },
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PngError::Svg { detail } => write!(f, "the SVG could not be read: {detail}"),
            PngError::Encode { detail } => write!(f, "the PNG encoder failed: {detail}"),
        }
    }
}

/// Why the PDF writer failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfError {
    /// The scene holds a number that is not finite (a layout defect).
    NotFinite,
    /// A glyph's cluster lies outside its line's text (a layout defect).
    GlyphOutsideText {
        /// The line.
        text: String,
    },
    /// The fonts have no glyph for some text.
    MissingGlyph {
        /// The characters without a glyph.
        cluster: String,
        /// The line they are in.
        text: String,
    },
    /// A font could not be subset.
    Subset,
    /// printpdf could not parse a font subset.
    SubsetUnreadable,
    /// A font has no PostScript name usable in a PDF, and no family name to make one of.
    PostScriptName,
    /// A font resource name is shorter than its six-letter subset tag (a writer defect).
    FontIdTooShort,
    /// A text line's face was not registered with the document (a writer defect).
    FontNotRegistered,
    /// There is no page to write: no scene was given, or printpdf wrote none.
    NoPage,
    /// printpdf wrote a different number of link annotations than the scene has links.
    LinkCount,
    /// printpdf wrote no trailer `/ID` to replace with the content hash.
    NoTrailerId,
    /// A line of text or a link is missing from the structure tree (a writer defect).
    Untagged,
    /// An image cannot be embedded: its file is damaged or of a kind the PDF cannot hold
    /// (images a roadmap names are checked when it is read, so only a scene built by hand
    /// can hold one).
    Image {
        /// What is wrong with it.
        detail: String,
    },
    /// printpdf, or the lopdf document it hands over, reported an error.
    Printpdf {
        /// The library's own words.
        detail: String,
    },
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NotFinite => {
                f.write_str("the scene holds a number that is not finite (a layout defect)")
            }
            PdfError::GlyphOutsideText { text } => {
                write!(f, "a glyph of \"{text}\" points outside its text")
            }
            PdfError::MissingGlyph { cluster, text } => {
                write!(f, "the fonts have no glyph for \"{cluster}\" in \"{text}\"")
            }
            PdfError::Subset => f.write_str("a font could not be subset"),
            PdfError::SubsetUnreadable => f.write_str("printpdf could not parse a font subset"),
            PdfError::PostScriptName => f.write_str("a font has no usable PostScript name"),
            PdfError::FontIdTooShort => f.write_str("a font id is too short"),
            PdfError::FontNotRegistered => f.write_str("a text line's font was not registered"),
            PdfError::NoPage => f.write_str("there is no page to write"),
            PdfError::LinkCount => {
                f.write_str("printpdf wrote a different number of link annotations")
            }
            PdfError::NoTrailerId => f.write_str("printpdf wrote no trailer /ID"),
            PdfError::Untagged => {
                f.write_str("a line of text or a link is missing from the structure tree")
            }
            PdfError::Image { detail } => write!(f, "an image cannot be embedded: {detail}"),
            PdfError::Printpdf { detail } => f.write_str(detail),
        }
    }
}

/// Which part of the page does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// The title block: title, subtitle and legend.
    Title,
    /// The footer.
    Footer,
    /// A stage's heading or summary.
    Stage,
    /// An offer's card.
    Offer,
}

impl Part {
    /// The part's name in `check --json`: `title`, `footer`, `stage` or `offer`.
    pub fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Footer => "footer",
            Part::Stage => "stage",
            Part::Offer => "offer",
        }
    }
}

/// Where the content overflows the page, and by how much.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Overflow {
    /// The part that does not fit.
    pub part: Part,
    /// The stage that does not fit (its title); empty for the title block and footer.
    pub stage: String,
    /// The offer that does not fit (its title), when one card is to blame.
    pub offer: Option<String>,
    /// How much space is missing, in millimetres.
    pub excess_mm: f32,
    /// The page name, such as `A4 portrait`.
    pub page: String,
    /// What to try instead.
    pub suggestion: String,
    /// When the page as a whole is too full: about how many of the roadmap's offers it
    /// holds at the smallest type. `None` when one part is to blame.
    pub holds: Option<u32>,
    /// How many offers the roadmap has.
    pub offers: u32,
    /// The cards' text size at the smallest the fitter tried, pt: the layout's minimum,
    /// or the roadmap's own `min_text`.
    pub smallest_pt: f32,
    /// How many pages it was fitted to.
    pub pages: u8,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => diags.fmt(f),
            Error::DoesNotFit(o) => {
                write!(f, "the roadmap does not fit on {}: ", o.page)?;
                let stage = short(&o.stage);
                match (o.part, &o.offer, o.holds) {
                    (Part::Title, _, _) => {
                        f.write_str("the title block (title, subtitle and legend)")?
                    }
                    (Part::Footer, _, _) => f.write_str("the footer")?,
                    (_, Some(offer), _) => {
                        write!(
                            f,
                            "the badges of offer \"{}\" in stage \"{stage}\" are wider than \
                             its card",
                            short(offer)
                        )?;
                        return write!(
                            f,
                            " by {:.1} mm even at the smallest text size; {}",
                            o.excess_mm, o.suggestion
                        );
                    }
                    (_, None, Some(holds)) => {
                        let hold = if o.pages > 1 { "hold" } else { "holds" };
                        let them = if o.pages > 1 { "they" } else { "it" };
                        return write!(
                            f,
                            "{them} {hold} {holds} of its {} offers at {} pt with this layout \
                             (stage \"{stage}\" has the most); {}",
                            o.offers,
                            points(o.smallest_pt),
                            o.suggestion
                        );
                    }
                    (_, None, None) => write!(f, "stage \"{stage}\"")?,
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
            Error::LayoutFile { path } => write!(
                f,
                "the roadmap names the layout file \"{}\", which the library does not read: \
                 read it with Preset::parse and pass it in RenderOptions::preset",
                short(path)
            ),
            Error::Unavailable(format) => write!(
                f,
                "this build of waypost cannot write {}: it was compiled without the \"{}\" feature",
                format.extension().to_uppercase(),
                format.extension()
            ),
            Error::Png(e) => write!(f, "could not produce the png output: {e}"),
            Error::Pdf(e) => write!(f, "could not produce the pdf output: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// At most the first 60 characters of a value quoted in a message, with `…` when cut, so
/// a pasted blob does not fill the terminal.
pub(crate) fn short(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", printable(&text[..at])).into(),
        None => printable(text),
    }
}

/// A message or hint as a terminal shows it: any character of the file it quotes that the
/// terminal would obey shown by its code, as [`printable`] does, line by line.
fn shown(text: &str) -> String {
    (text.split('\n'))
        .map(printable)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text from a file as a message may quote it: each character that a terminal would obey
/// (ESC, NUL …) or that hides itself (a bidirectional control, a zero-width space) shown
/// by its code, as `<U+001B>`.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(hidden) {
        return text.into();
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            shown.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            shown.push(c);
        }
    }
    shown.into()
}

/// Whether a character is a control character, or one that changes how the text around it
/// reads without being seen: the bidirectional controls and the zero-width characters.
pub(crate) fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// A type size for a message: "7", "8.5".
fn points(size: f32) -> String {
    let tenths = (size * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_quoted_around_the_column() {
        let line = format!("title = \"{}\" x = 1", "a".repeat(100_000));
        let source = format!("{line}\n");
        let at = source.find("x =").unwrap();
        let diags = Diagnostics {
            file: "long.toml".to_string(),
            source,
            list: vec![Diagnostic::new(at..at + 1, "unknown key `x`").with_help("remove it")],
        };
        let shown = diags.to_string();
        assert!(shown.len() < 600, "{} bytes: {shown}", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[0].starts_with("long.toml:1:100012: error: unknown key `x`"),
            "{shown}"
        );
        assert!(
            lines[2].starts_with("1 | …aaa") && lines[2].ends_with("x = 1"),
            "{shown}"
        );
        // The mark stands under the `x`.
        let mark = lines[3].chars().position(|c| c == '^').unwrap();
        assert_eq!(lines[2].chars().nth(mark), Some('x'), "{shown}");
    }

    #[test]
    fn a_short_line_is_quoted_whole() {
        let quote = Quote::new("cost = \"paid\"", 7, 6);
        assert_eq!(quote.text, "cost = \"paid\"");
        assert_eq!((quote.caret, quote.marks), (7, 6));
    }

    #[test]
    fn a_mark_near_the_start_of_a_long_line_cuts_the_end() {
        let line = "b".repeat(500);
        let quote = Quote::new(&line, 3, 1000);
        assert!(!quote.text.starts_with('…') && quote.text.ends_with('…'));
        assert_eq!(quote.text.chars().count(), QUOTE_WIDTH + 1);
        assert_eq!((quote.caret, quote.marks), (3, QUOTE_WIDTH - 3));
    }
}
