//! Business-day calendars supplied by the host, and roll conventions.
//!
//! The core ships no holiday data: the host passes weekend days and holiday dates (its
//! jurisdiction, its business). A [`Roll`] convention moves a date that is not a business day.
//!
//! ```
//! use ar_core::calendar::{BusinessCalendar, Roll};
//! use chrono::NaiveDate;
//!
//! let cal = BusinessCalendar::weekends_only();
//! let saturday = NaiveDate::from_ymd_opt(2024, 6, 15).unwrap();
//! assert_eq!(cal.roll(saturday, Roll::Following)?, NaiveDate::from_ymd_opt(2024, 6, 17).unwrap());
//! # Ok::<(), ar_core::calendar::CalendarError>(())
//! ```

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Errors of calendars and date arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// Every day of the week is a weekend day, so no date is a business day.
    #[error("the calendar has no business days: all seven weekdays are weekend days")]
    NoBusinessDays,
    /// Text that is not an ISO calendar date.
    #[error("invalid date `{value}`: expected an ISO date `YYYY-MM-DD`")]
    InvalidDate {
        /// The text as given.
        value: String,
    },
    /// A computed date falls outside the supported range.
    #[error("date out of range: {operation} from `{date}`")]
    DateOutOfRange {
        /// The last valid date reached.
        date: NaiveDate,
        /// What was being computed.
        operation: String,
    },
}

impl CalendarError {
    /// The stable machine-readable code of this error.
    pub fn kind(&self) -> &'static str {
        match self {
            CalendarError::NoBusinessDays => "no_business_days",
            CalendarError::DateOutOfRange { .. } => "date_out_of_range",
            CalendarError::InvalidDate { .. } => "invalid_date",
        }
    }
}

/// Parses an ISO calendar date `YYYY-MM-DD` (four-digit year, real month and day).
///
/// Bindings use this for dates that arrive as strings; a JS `Date` or a timestamp is never
/// accepted, so no time zone can shift a due date.
///
/// # Errors
/// [`CalendarError::InvalidDate`] for anything else, including `2024-02-30`.
///
/// # Example
/// ```
/// use ar_core::calendar::parse_date;
/// assert_eq!(parse_date("2024-02-29")?.to_string(), "2024-02-29");
/// assert_eq!(parse_date("2023-02-29").unwrap_err().kind(), "invalid_date");
/// # Ok::<(), ar_core::calendar::CalendarError>(())
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, CalendarError> {
    let b = text.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(CalendarError::InvalidDate {
            value: text.to_string(),
        });
    }
    // digits checked above; building the date directly is cheaper than `parse_from_str`,
    // with the same result on this shape (chrono checks that the day exists)
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'))
    };
    NaiveDate::from_ymd_opt(number(0, 4) as i32, number(5, 7), number(8, 10)).ok_or_else(|| {
        CalendarError::InvalidDate {
            value: text.to_string(),
        }
    })
}

/// How a date that is not a business day is moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Roll {
    /// Keep the date as it is.
    #[default]
    None,
    /// The next business day.
    Following,
    /// The next business day, unless it is in the next month: then the previous one.
    ModifiedFollowing,
    /// The previous business day.
    Preceding,
    /// The previous business day, unless it is in the previous month: then the next one.
    ModifiedPreceding,
}

/// A business-day calendar: weekend days plus holiday dates, both supplied by the host.
///
/// JSON: `{"weekend": ["Sat", "Sun"], "holidays": ["2024-12-25", "2024-12-26"]}`.
/// Weekdays are read case-insensitively in short or long English form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessCalendar {
    /// Days of the week that are never business days.
    #[serde(default = "default_weekend")]
    pub weekend: Vec<Weekday>,
    /// Dates that are not business days.
    #[serde(default)]
    pub holidays: BTreeSet<NaiveDate>,
}

fn default_weekend() -> Vec<Weekday> {
    vec![Weekday::Sat, Weekday::Sun]
}

impl Default for BusinessCalendar {
    fn default() -> Self {
        BusinessCalendar::weekends_only()
    }
}

impl BusinessCalendar {
    /// A calendar with the given weekend days and holidays.
    pub fn new(weekend: Vec<Weekday>, holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        BusinessCalendar {
            weekend,
            holidays: holidays.into_iter().collect(),
        }
    }

    /// Saturday and Sunday off, no holidays.
    pub fn weekends_only() -> Self {
        BusinessCalendar::new(default_weekend(), [])
    }

    /// Whether `date` is a business day.
    ///
    /// # Example
    /// ```
    /// use ar_core::calendar::BusinessCalendar;
    /// use chrono::NaiveDate;
    /// let xmas = NaiveDate::from_ymd_opt(2024, 12, 25).unwrap();
    /// let cal = BusinessCalendar::new(vec![chrono::Weekday::Sat, chrono::Weekday::Sun], [xmas]);
    /// assert!(!cal.is_business_day(xmas));
    /// assert!(cal.is_business_day(xmas.succ_opt().unwrap().succ_opt().unwrap()));
    /// ```
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        !self.weekend.contains(&date.weekday()) && !self.holidays.contains(&date)
    }

    fn step(&self, mut date: NaiveDate, forward: bool) -> Result<NaiveDate, CalendarError> {
        // terminates: at least one weekday is a business day, and holidays are finite
        while !self.is_business_day(date) {
            let next = if forward {
                date.checked_add_days(Days::new(1))
            } else {
                date.checked_sub_days(Days::new(1))
            };
            date = next.ok_or_else(|| CalendarError::DateOutOfRange {
                date,
                operation: "rolling to a business day".into(),
            })?;
        }
        Ok(date)
    }

    /// Moves `date` to a business day by `roll`; business days stay where they are.
    ///
    /// # Errors
    /// [`CalendarError::NoBusinessDays`] when all seven days are weekend days;
    /// [`CalendarError::DateOutOfRange`] at the ends of the date range.
    ///
    /// # Example
    /// ```
    /// use ar_core::calendar::{BusinessCalendar, Roll};
    /// use chrono::NaiveDate;
    /// let cal = BusinessCalendar::weekends_only();
    /// // Saturday 30 Nov 2024: following would leave the month, so modified following goes back
    /// let sat = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
    /// assert_eq!(cal.roll(sat, Roll::ModifiedFollowing)?.to_string(), "2024-11-29");
    /// assert_eq!(cal.roll(sat, Roll::Following)?.to_string(), "2024-12-02");
    /// # Ok::<(), ar_core::calendar::CalendarError>(())
    /// ```
    pub fn roll(&self, date: NaiveDate, roll: Roll) -> Result<NaiveDate, CalendarError> {
        if roll == Roll::None {
            return Ok(date);
        }
        let mut days = self.weekend.clone();
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        if days.len() >= 7 {
            return Err(CalendarError::NoBusinessDays);
        }
        match roll {
            Roll::None => Ok(date),
            Roll::Following => self.step(date, true),
            Roll::Preceding => self.step(date, false),
            Roll::ModifiedFollowing => {
                let d = self.step(date, true)?;
                if d.month() != date.month() {
                    self.step(date, false)
                } else {
                    Ok(d)
                }
            }
            Roll::ModifiedPreceding => {
                let d = self.step(date, false)?;
                if d.month() != date.month() {
                    self.step(date, true)
                } else {
                    Ok(d)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn rolls_over_weekends_and_holidays() {
        // Fri 27 Dec 2024 is a holiday in this calendar; Wed 25 and Thu 26 too
        let cal = BusinessCalendar::new(
            default_weekend(),
            [ymd(2024, 12, 25), ymd(2024, 12, 26), ymd(2024, 12, 27)],
        );
        assert_eq!(
            cal.roll(ymd(2024, 12, 25), Roll::Following).unwrap(),
            ymd(2024, 12, 30)
        );
        assert_eq!(
            cal.roll(ymd(2024, 12, 25), Roll::Preceding).unwrap(),
            ymd(2024, 12, 24)
        );
        // Sun 1 Dec 2024 preceding would be Nov: modified preceding goes forward to Mon 2 Dec
        assert_eq!(
            cal.roll(ymd(2024, 12, 1), Roll::ModifiedPreceding).unwrap(),
            ymd(2024, 12, 2)
        );
        assert_eq!(
            cal.roll(ymd(2024, 12, 1), Roll::None).unwrap(),
            ymd(2024, 12, 1)
        );
    }

    #[test]
    fn all_weekend_is_an_error() {
        use Weekday::*;
        let cal = BusinessCalendar::new(vec![Mon, Tue, Wed, Thu, Fri, Sat, Sun], []);
        let err = cal.roll(ymd(2024, 1, 1), Roll::Following).unwrap_err();
        assert_eq!(err.kind(), "no_business_days");
        assert_eq!(
            err.to_string(),
            "the calendar has no business days: all seven weekdays are weekend days"
        );
    }

    #[test]
    fn parse_date_is_strict() {
        assert_eq!(parse_date("2024-02-29").unwrap(), ymd(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "20240101",
            "2024-01-01T00:00",
            "+12024-01-01",
            "",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert_eq!(err.kind(), "invalid_date");
            assert_eq!(
                err.to_string(),
                format!("invalid date `{bad}`: expected an ISO date `YYYY-MM-DD`")
            );
        }
    }

    #[test]
    fn json_shape() {
        let cal: BusinessCalendar =
            serde_json::from_str(r#"{"weekend":["fri","Saturday"],"holidays":["2024-04-10"]}"#)
                .unwrap();
        assert_eq!(cal.weekend, vec![Weekday::Fri, Weekday::Sat]);
        assert_eq!(
            serde_json::to_string(&cal).unwrap(),
            r#"{"weekend":["Fri","Sat"],"holidays":["2024-04-10"]}"#
        );
    }
}
