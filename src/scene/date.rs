//! A calendar date known to a year, a month or a day, as a roadmap's `updated` value may
//! give it.

/// A valid Gregorian date to the precision it was written with: a year, a year and month,
/// or a full day. Only [`Date::parse`] makes one, so its month and day are always real.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl Date {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ISO 8601 calendar dates, surrounding
    /// spaces allowed) with a month of 01–12 and a day that exists in that month.
    /// Anything else, such as "autumn 2026" or "2026-02-30", is not a date: `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let number = |part: &str, digits: usize| {
            let ok = part.len() == digits && part.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| part.parse::<u16>().ok()).flatten()
        };
        let year = number(parts.next()?, 4)?;
        let month = match parts.next() {
            None => None,
            Some(part) => Some(number(part, 2).filter(|m| (1..=12).contains(m))? as u8),
        };
        let day = match (month, parts.next()) {
            (_, None) => None,
            (Some(month), Some(part)) => {
                let last = days_in_month(year, month);
                Some(number(part, 2).filter(|d| (1..=u16::from(last)).contains(d))? as u8)
            }
            (None, Some(_)) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The year, 0000–9999.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1–12, if the date gives one.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if the date gives one (then it also gives the month).
    pub fn day(&self) -> Option<u8> {
        self.day
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Option<(u16, Option<u8>, Option<u8>)> {
        Date::parse(text).map(|d| (d.year(), d.month(), d.day()))
    }

    #[test]
    fn reads_a_year_a_month_or_a_day() {
        assert_eq!(parts("2026"), Some((2026, None, None)));
        assert_eq!(parts("2026-11"), Some((2026, Some(11), None)));
        assert_eq!(parts(" 2026-11-30 "), Some((2026, Some(11), Some(30))));
        assert_eq!(parts("2024-02-29"), Some((2024, Some(2), Some(29))));
        assert_eq!(parts("2000-02-29"), Some((2000, Some(2), Some(29))));
        assert_eq!(parts("2026-01-31"), Some((2026, Some(1), Some(31))));
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for text in [
            "",
            "autumn 2026",
            "Tachwedd 2026",
            "26",
            "20261",
            "202611",
            "2026-",
            "2026-1",
            "2026-00",
            "2026-13",
            "2026-11-",
            "2026-11-00",
            "2026-11-31",
            "2026-02-29",
            "1900-02-29",
            "2026-11-30-01",
            "2026-11-3O",
            "+026-11",
            "2026/11",
            "２０２６",
        ] {
            assert_eq!(Date::parse(text), None, "{text:?}");
        }
    }
}
