//! Paper sizes and orientation.

use crate::units::pt_from_mm;

/// A paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageSize {
    /// 148 × 210 mm.
    A5,
    /// 210 × 297 mm.
    A4,
    /// 297 × 420 mm.
    A3,
    /// 420 × 594 mm.
    A2,
    /// 594 × 841 mm.
    A1,
    /// 841 × 1189 mm.
    A0,
    /// 8.5 × 11 in.
    Letter,
    /// 8.5 × 14 in.
    Legal,
    /// 11 × 17 in.
    Tabloid,
    /// A 16:9 presentation slide, 13.33 × 7.5 in (338.67 × 190.5 mm): the full layout on
    /// a slide. Landscape unless the roadmap or the caller asks for portrait.
    Slide,
}

/// The page a roadmap asks for: a size, or the smallest of a series that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageChoice {
    /// This size.
    Size(PageSize),
    /// The smallest size of the series on which the roadmap fits at its layout's own
    /// type size; if none, the size on which its type is largest (`page = "auto"`).
    Auto(Series),
}

/// A series of paper sizes, smallest first, that `page = "auto"` chooses from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Series {
    /// A5, A4, A3, A2, A1, A0 (`"auto"`).
    A,
    /// Letter, Legal, Tabloid (`"auto-letter"`).
    Letter,
}

impl Series {
    /// The sizes, smallest first.
    pub fn sizes(self) -> &'static [PageSize] {
        // PageSize::ALL lists the A series, then the American sizes, each smallest first,
        // then the slide, which belongs to no series.
        match self {
            Series::A => &PageSize::ALL[..6],
            Series::Letter => &PageSize::ALL[6..9],
        }
    }
}

impl PageChoice {
    /// The names a roadmap file and `--page` take besides the sizes' own.
    pub const AUTO_NAMES: [&'static str; 2] = ["auto", "auto-letter"];

    /// The name as written in a roadmap file: a size's, `auto` or `auto-letter`.
    pub fn name(self) -> &'static str {
        match self {
            PageChoice::Size(size) => size.name(),
            PageChoice::Auto(Series::A) => "auto",
            PageChoice::Auto(Series::Letter) => "auto-letter",
        }
    }

    /// Looks a choice up by name, ignoring case.
    pub fn from_name(name: &str) -> Option<PageChoice> {
        if name.eq_ignore_ascii_case("auto") {
            return Some(PageChoice::Auto(Series::A));
        }
        if name.eq_ignore_ascii_case("auto-letter") {
            return Some(PageChoice::Auto(Series::Letter));
        }
        PageSize::from_name(name).map(PageChoice::Size)
    }

    /// Every name a roadmap's `page` may take, in the order listed to users.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&str> = PageSize::ALL.iter().map(|p| p.name()).collect();
        names.extend(Self::AUTO_NAMES);
        names
    }

    /// The sizes to try, smallest first: one for a size.
    pub fn sizes(&self) -> &[PageSize] {
        match self {
            PageChoice::Size(size) => std::slice::from_ref(size),
            PageChoice::Auto(series) => series.sizes(),
        }
    }
}

/// How many pages a roadmap is laid over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pages {
    /// This many pages, from 1 to [`Pages::MOST`] (`pages = 2`); one is the default.
    Count(usize),
    /// As few pages as hold the roadmap at its layout's own type size; if even
    /// [`Pages::MOST`] do not, the number on which its type is largest (`pages = "auto"`).
    Auto,
}

impl Pages {
    /// The most pages a roadmap may be laid over.
    pub const MOST: usize = 8;

    /// The page counts to try, fewest first (`Count(0)` is taken as one page).
    pub fn counts(self) -> std::ops::RangeInclusive<usize> {
        match self {
            Pages::Count(n) => n.max(1)..=n.max(1),
            Pages::Auto => 1..=Pages::MOST,
        }
    }
}

impl Default for Pages {
    fn default() -> Self {
        Pages::Count(1)
    }
}

impl From<PageSize> for PageChoice {
    fn from(size: PageSize) -> Self {
        PageChoice::Size(size)
    }
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
}

impl PageSize {
    /// Every size, in the order they are listed to users.
    pub const ALL: [PageSize; 10] = [
        PageSize::A5,
        PageSize::A4,
        PageSize::A3,
        PageSize::A2,
        PageSize::A1,
        PageSize::A0,
        PageSize::Letter,
        PageSize::Legal,
        PageSize::Tabloid,
        PageSize::Slide,
    ];

    /// The name as written in a roadmap file.
    pub fn name(self) -> &'static str {
        match self {
            PageSize::A5 => "A5",
            PageSize::A4 => "A4",
            PageSize::A3 => "A3",
            PageSize::A2 => "A2",
            PageSize::A1 => "A1",
            PageSize::A0 => "A0",
            PageSize::Letter => "Letter",
            PageSize::Legal => "Legal",
            PageSize::Tabloid => "Tabloid",
            PageSize::Slide => "slide",
        }
    }

    /// Looks a size up by name, ignoring case.
    pub fn from_name(name: &str) -> Option<PageSize> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// Portrait width and height in pt.
    pub fn portrait_pt(self) -> (f32, f32) {
        match self {
            PageSize::A5 => (pt_from_mm(148.0), pt_from_mm(210.0)),
            PageSize::A4 => (pt_from_mm(210.0), pt_from_mm(297.0)),
            PageSize::A3 => (pt_from_mm(297.0), pt_from_mm(420.0)),
            PageSize::A2 => (pt_from_mm(420.0), pt_from_mm(594.0)),
            PageSize::A1 => (pt_from_mm(594.0), pt_from_mm(841.0)),
            PageSize::A0 => (pt_from_mm(841.0), pt_from_mm(1189.0)),
            PageSize::Letter => (612.0, 792.0),
            PageSize::Legal => (612.0, 1008.0),
            PageSize::Tabloid => (792.0, 1224.0),
            // 7.5 × 13.333 in: the 16:9 slide of presentation programs, 960 × 540 pt.
            PageSize::Slide => (540.0, 960.0),
        }
    }

    /// The orientation a page of this size takes when neither the roadmap nor the caller
    /// names one: landscape for a slide; `None` (the layout's own) for paper.
    pub fn natural_orientation(self) -> Option<Orientation> {
        match self {
            PageSize::Slide => Some(Orientation::Landscape),
            _ => None,
        }
    }

    /// Width and height in pt for the orientation.
    pub fn size_pt(self, orientation: Orientation) -> (f32, f32) {
        let (w, h) = self.portrait_pt();
        match orientation {
            Orientation::Portrait => (w, h),
            Orientation::Landscape => (h, w),
        }
    }

    /// The next larger size of the same series, to suggest when content does not fit.
    pub fn larger(self) -> Option<PageSize> {
        match self {
            PageSize::A5 => Some(PageSize::A4),
            PageSize::A4 => Some(PageSize::A3),
            PageSize::A3 => Some(PageSize::A2),
            PageSize::A2 => Some(PageSize::A1),
            PageSize::A1 => Some(PageSize::A0),
            PageSize::Letter | PageSize::Legal => Some(PageSize::Tabloid),
            PageSize::A0 | PageSize::Tabloid | PageSize::Slide => None,
        }
    }
}

impl Orientation {
    /// The name as written in a roadmap file.
    pub fn name(self) -> &'static str {
        match self {
            Orientation::Portrait => "portrait",
            Orientation::Landscape => "landscape",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_is_595_by_842_pt() {
        let (w, h) = PageSize::A4.size_pt(Orientation::Portrait);
        assert!((w - 595.276).abs() < 0.01 && (h - 841.89).abs() < 0.01);
        let (w, h) = PageSize::A4.size_pt(Orientation::Landscape);
        assert!(w > h);
    }

    #[test]
    fn a_slide_is_16_by_9_and_in_no_series() {
        let (w, h) = PageSize::Slide.size_pt(Orientation::Landscape);
        assert_eq!((w, h), (960.0, 540.0));
        assert!((crate::units::mm_from_pt(w) - 338.67).abs() < 0.01);
        assert!((crate::units::mm_from_pt(h) - 190.5).abs() < 0.01);
        assert_eq!(PageSize::from_name("Slide"), Some(PageSize::Slide));
        let a = [
            PageSize::A5,
            PageSize::A4,
            PageSize::A3,
            PageSize::A2,
            PageSize::A1,
            PageSize::A0,
        ];
        assert_eq!(Series::A.sizes(), a);
        let letter = [PageSize::Letter, PageSize::Legal, PageSize::Tabloid];
        assert_eq!(Series::Letter.sizes(), letter);
    }
}
