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

    /// The last day the date covers: itself when it gives a day, else the last day of its
    /// month or year. An offer that runs "until 2027-03" runs to 31 March.
    pub fn last_day(&self) -> Date {
        let month = self.month.unwrap_or(12);
        Date {
            year: self.year,
            month: Some(month),
            day: Some(self.day.unwrap_or(days_in_month(self.year, month))),
        }
    }

    /// How many days [`Date::last_day`] lies after `earlier`'s last day: negative when
    /// before it.
    pub fn days_after(&self, earlier: &Date) -> i64 {
        self.last_day().day_number() - earlier.last_day().day_number()
    }

    /// Days since 1 March of year 0 of a full date (the month and day filled as
    /// [`Date::last_day`] fills them): whole years of 365 days and the leap days before.
    fn day_number(&self) -> i64 {
        let month = i64::from(self.month.unwrap_or(12));
        let day = i64::from(self.day.unwrap_or(1));
        // Counting from March puts the leap day at the end of the counting year.
        let (year, month) = if month < 3 {
            (i64::from(self.year) - 1, month + 9)
        } else {
            (i64::from(self.year), month - 3)
        };
        let leap_days = year / 4 - year / 100 + year / 400;
        let day_of_year = (153 * month + 2) / 5 + day - 1;
        year * 365 + leap_days + day_of_year
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
    fn days_between_dates_count_leap_days_and_whole_periods() {
        let day = |t: &str| Date::parse(t).unwrap();
        assert_eq!(day("2026-03-01").days_after(&day("2026-02-28")), 1);
        assert_eq!(day("2024-03-01").days_after(&day("2024-02-28")), 2);
        assert_eq!(day("2027-01-01").days_after(&day("2026-12-31")), 1);
        assert_eq!(day("2026-12-02").days_after(&day("2027-01-31")), -60);
        // A month or a year runs to its last day.
        assert_eq!(day("2027-03").days_after(&day("2027-03-30")), 1);
        assert_eq!(day("2027").days_after(&day("2027-12-31")), 0);
        // 100 years of 365 days and 25 leap days (1904 … 1996, and 2000, not 1900).
        assert_eq!(day("2000-03-01").days_after(&day("1900-03-01")), 36525);
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
