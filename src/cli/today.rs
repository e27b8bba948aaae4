//! The day offers' `until` dates are compared with: `--today`, or the system's date. The
//! command line is the one place that reads the clock; the library is given the day.

use waypost::scene::Date;

/// Reads `--today`: a full date, `YYYY-MM-DD`.
pub fn date_arg(text: &str) -> Result<Date, String> {
    Date::parse(text)
        .filter(|d| d.day().is_some())
        .ok_or_else(|| format!("`{text}` is not a day: write it as YYYY-MM-DD, such as 2026-12-02"))
}

/// Today in UTC, from the system clock.
pub fn system_today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let (year, month, day) = civil_from_days(days);
    Date::parse(&format!("{year:04}-{month:02}-{day:02}"))
        .unwrap_or_else(|| Date::parse("1970-01-01").expect("a valid date"))
}

/// The calendar date `days` after 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Counted in 400-year eras from 1 March of year 0, whose leap day ends each year.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_are_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        // 2000 was a leap year: 29 February is day 11,016.
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_789), (2026, 12, 2));
    }

    #[test]
    fn today_must_be_a_whole_day() {
        assert!(date_arg("2026-12-02").is_ok());
        assert!(date_arg("2026-12").is_err());
        assert!(date_arg("2/12/2026").is_err());
    }
}
