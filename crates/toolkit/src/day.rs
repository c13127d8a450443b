//! Calendar days as member companies write them in their sheets: `2026-12-01`,
//! `2026/12/1`, `2026.12.1`, `2026年12月1日`, in half- or full-width digits,
//! optionally followed by a time. Only what is needed to tell whether a date
//! someone typed is a real day and whether it is still to come; no time
//! zones, no eras.

use std::fmt;

/// A day of the Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    year: u16,
    month: u8,
    day: u8,
}

impl Day {
    /// The day, if it exists (1 ≤ month ≤ 12, the month has that day; years
    /// 1900 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Day> {
        ((1900..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Day { year, month, day })
    }

    /// Reads a date as people write one in a cell: year, month and day
    /// separated by `-`, `/` or `.`, or written `Y年M月D日`, with full-width
    /// digits and separators too, optionally followed by a time after white
    /// space or `T`. `None` for anything else (`済`, `12/1`, `2026-02-30`).
    pub fn parse(text: &str) -> Option<Day> {
        let half: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '－' | '‐' | '−' => '-',
                '／' => '/',
                '．' => '.',
                '　' => ' ',
                c => c,
            })
            .collect();
        // The date is what comes before a time, if any.
        let date = half
            .split([' ', 'T'])
            .next()
            .unwrap_or("")
            .trim_end_matches('日');
        let parts: Vec<&str> = date.split(['-', '/', '.', '年', '月']).collect();
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        let digits = |s: &str, max: usize| {
            (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        if y.len() != 4 {
            return None;
        }
        Day::new(
            digits(y, 4)?,
            u8::try_from(digits(m, 2)?).ok()?,
            u8::try_from(digits(d, 2)?).ok()?,
        )
    }

    /// The day `days` after 1970-01-01 (negative: before).
    pub fn from_unix_days(days: i64) -> Option<Day> {
        // Count from 0000-03-01 in 400-year cycles of 146,097 days, with the
        // year starting in March so that a leap day is the year's last.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let of_era = z.rem_euclid(146_097);
        let year_of_era = (of_era - of_era / 1_460 + of_era / 36_524 - of_era / 146_096) / 365;
        let day_of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153; // 0 = March
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Day::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The next day.
    pub fn next(self) -> Option<Day> {
        Day::new(self.year, self.month, self.day + 1)
            .or_else(|| Day::new(self.year, self.month + 1, 1))
            .or_else(|| Day::new(self.year + 1, 1, 1))
    }
}

impl fmt::Display for Day {
    /// ISO 8601: `2026-12-01`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Day {
        Day::new(y, m, d).unwrap()
    }

    #[test]
    fn dates_as_people_type_them() {
        for text in [
            "2026-12-01",
            "2026/12/1",
            "2026.12.01",
            "2026年12月1日",
            "２０２６／１２／１",
            "２０２６年１２月１日",
            " 2026-12-01 09:30 ",
            "2026-12-01T09:30:00",
            "2026/12/1　10:00",
        ] {
            assert_eq!(Day::parse(text), Some(day(2026, 12, 1)), "{text}");
        }
        assert_eq!(Day::parse("2028-02-29"), Some(day(2028, 2, 29)));
    }

    #[test]
    fn what_is_not_a_day_is_none() {
        for text in [
            "",
            "済",
            "完了",
            "12/1",
            "26/12/1",
            "2026-02-29",
            "2026-13-01",
            "2026-12-32",
            "2026-12",
            "2026-1-1-1",
            "46357",
            "2026/12/1日x",
            "R8.12.1",
            "2026-+1-01",
        ] {
            assert_eq!(Day::parse(text), None, "{text}");
        }
    }

    #[test]
    fn unix_days_agree_with_counting_day_by_day() {
        assert_eq!(Day::from_unix_days(0), Some(day(1970, 1, 1)));
        assert_eq!(Day::from_unix_days(-1), Some(day(1969, 12, 31)));
        // Every day from 1900 to 2101, counted one by one with `next`.
        let mut d = day(1900, 1, 1);
        for n in -25_567..47_847 {
            assert_eq!(Day::from_unix_days(n), Some(d), "{n}");
            d = d.next().unwrap();
        }
        assert_eq!(d, day(2101, 1, 1));
    }

    #[test]
    fn days_order_and_print_as_iso() {
        assert!(day(2026, 12, 1) < day(2026, 12, 2));
        assert!(day(2026, 11, 30) < day(2026, 12, 1));
        assert!(day(2025, 12, 31) < day(2026, 1, 1));
        assert_eq!(day(2026, 3, 5).to_string(), "2026-03-05");
        assert_eq!(day(2028, 2, 28).next(), Some(day(2028, 2, 29)));
        assert_eq!(day(2027, 2, 28).next(), Some(day(2027, 3, 1)));
    }
}
