//! Payment terms: due-date rules, installment lines, discount tiers, and the schedule they give.
//!
//! A [`Terms`] is a list of [`TermLine`]s. Each line has a [`Part`] (its portion of the
//! amount), a due-date rule written as a chain of [`DateStep`]s applied to the base date in
//! order, and optional early-payment [`DiscountTier`]s whose deadlines are chains of steps
//! from the same base date. Every line's dates are computed from the base date directly,
//! never from the previous line, so month ends never drift (31 Jan + 1 month = 29 Feb 2024,
//! + 2 months = 31 Mar 2024).
//!
//! ```
//! use ar_core::terms::{schedule, DateStep, ScheduleOptions, Terms};
//! use ar_core::money::Currency;
//! use chrono::NaiveDate;
//!
//! // "EOM of the month 1 month later": 11 Jun 2020 -> 31 Jul 2020
//! let terms = Terms::single(vec![DateStep::Months { months: 1 }, DateStep::EndOfMonth]);
//! let base = NaiveDate::from_ymd_opt(2020, 6, 11).unwrap();
//! let eur = Currency::from_code("EUR")?;
//! let s = schedule(&terms, base, "100.00".parse().unwrap(), eur, &ScheduleOptions::default())?;
//! assert_eq!(s.installments[0].due_date.to_string(), "2020-07-31");
//! # Ok::<(), ar_core::Error>(())
//! ```
//!
//! The JSON shape of terms is documented in `docs/json.md`; it is what hosts store and what
//! the bindings accept as dicts and objects.

use std::fmt::Write as _;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocation::{split, AllocationError, Part, ResidualPolicy, SplitOptions};
use crate::calendar::{BusinessCalendar, CalendarError, Roll};
use crate::money::{Currency, MoneyError, Rounding, RoundingMode};

/// Errors of payment terms and schedules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TermsError {
    /// Terms need at least one line.
    #[error("payment terms need at least one line")]
    NoLines,
    /// A day of month outside 0..=31.
    #[error("day of month `{day}` is out of range 0..=31 (0 means the last day)")]
    InvalidDay {
        /// The day as given.
        day: u8,
    },
    /// A month outside 1..=12.
    #[error("month `{month}` is out of range 1..=12")]
    InvalidMonth {
        /// The month as given.
        month: u8,
    },
    /// A proximo cutoff outside -30..=31.
    #[error("proximo cutoff `{cutoff}` is out of range -30..=31")]
    InvalidCutoff {
        /// The cutoff as given.
        cutoff: i8,
    },
    /// A discount deadline falls after the due date of its installment.
    #[error("discount deadline `{deadline}` of line {line} is after its due date `{due_date}`")]
    DiscountAfterDueDate {
        /// Zero-based line index.
        line: usize,
        /// The computed deadline.
        deadline: NaiveDate,
        /// The computed due date.
        due_date: NaiveDate,
    },
    /// A discount larger than the installment, or negative.
    #[error("discount `{discount}` of line {line} is not between zero and the installment amount `{amount}`")]
    InvalidDiscount {
        /// Zero-based line index.
        line: usize,
        /// The computed discount.
        discount: Decimal,
        /// The installment amount.
        amount: Decimal,
    },
    /// Text that is not terms in the documented JSON shape (docs/json.md).
    #[error("invalid terms json: {detail}")]
    InvalidJson {
        /// What serde reported, with line and column.
        detail: String,
    },
    /// A computed date is out of the supported range.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The split of the amount failed.
    #[error(transparent)]
    Allocation(#[from] AllocationError),
    /// A currency or rounding error.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl TermsError {
    /// The stable machine-readable code of this error.
    pub fn kind(&self) -> &'static str {
        match self {
            TermsError::NoLines => "no_lines",
            TermsError::InvalidDay { .. } => "invalid_day",
            TermsError::InvalidMonth { .. } => "invalid_month",
            TermsError::InvalidCutoff { .. } => "invalid_cutoff",
            TermsError::DiscountAfterDueDate { .. } => "discount_after_due_date",
            TermsError::InvalidDiscount { .. } => "invalid_discount",
            TermsError::InvalidJson { .. } => "invalid_json",
            TermsError::Calendar(e) => e.kind(),
            TermsError::Allocation(e) => e.kind(),
            TermsError::Money(e) => e.kind(),
        }
    }
}

/// One step of a due-date rule. A rule is a chain of steps applied in order to the base date.
///
/// JSON (tagged by `type`): `{"type":"days","days":30}`, `{"type":"months","months":1}`,
/// `{"type":"end_of_month"}`, `{"type":"day_of_month","day":15}`, `{"type":"month","month":3}`,
/// `{"type":"next_weekday","weekday":"Fri"}`, `{"type":"proximo","day":10,"cutoff":25}`.
///
/// Common rules as chains:
///
/// | rule | steps |
/// |---|---|
/// | net 30 | `Days(30)` |
/// | EOM then +30 | `EndOfMonth, Days(30)` |
/// | +30 then EOM | `Days(30), EndOfMonth` |
/// | EOM of the month 2 months later | `Months(2), EndOfMonth` |
/// | day 10 of the next month | `Months(1), DayOfMonth(10)` |
/// | 5 days before EOM | `EndOfMonth, Days(-5)` |
/// | 10th proximo, cutoff 25 | `Proximo { day: 10, cutoff: 25 }` |
/// | next Friday on or after +7 | `Days(7), NextWeekday(Fri)` |
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum DateStep {
    /// Add (or, negative, subtract) calendar days.
    Days {
        /// Number of days.
        days: i32,
    },
    /// Add (or subtract) calendar months, keeping the day of month and clamping it to the
    /// month's length (31 Jan + 1 month = 28/29 Feb).
    Months {
        /// Number of months.
        months: i32,
    },
    /// Move to the last day of the current month.
    EndOfMonth,
    /// Move to day `day` of the current month, clamped to its length (31 in February gives
    /// 28 or 29); `0` means the last day of the month.
    DayOfMonth {
        /// Day 0..=31.
        day: u8,
    },
    /// Move to month `month` of the current year, clamping the day (like dateutil's
    /// `relativedelta(month=m)`, used by Tryton).
    Month {
        /// Month 1..=12.
        month: u8,
    },
    /// Move forward to the given weekday; a date already on it stays.
    NextWeekday {
        /// The weekday.
        weekday: Weekday,
    },
    /// GnuCash's proximo: day `day` of the next month, or of the month after when the date's
    /// day of month is after `cutoff` (inclusive cutoff). A cutoff of 0 or less counts back
    /// from the month's last day (0 = last day, so every date goes to the next month).
    /// `day` is clamped to the month's length; `0` means the last day.
    Proximo {
        /// Due day 0..=31.
        day: u8,
        /// Cutoff day -30..=31.
        cutoff: i8,
    },
}

fn out_of_range(date: NaiveDate, step: &DateStep) -> TermsError {
    TermsError::Calendar(CalendarError::DateOutOfRange {
        date,
        operation: format!("{step:?}"),
    })
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn with_clamped_day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let last = last_day_of_month(year, month)?;
    let d = if day == 0 {
        last.day()
    } else {
        day.min(last.day())
    };
    NaiveDate::from_ymd_opt(year, month, d)
}

fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        date.checked_add_months(Months::new(months as u32))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

impl DateStep {
    /// Checks the step's own fields.
    ///
    /// # Errors
    /// [`TermsError::InvalidDay`], [`TermsError::InvalidMonth`] or [`TermsError::InvalidCutoff`].
    pub fn validate(&self) -> Result<(), TermsError> {
        match *self {
            DateStep::DayOfMonth { day } | DateStep::Proximo { day, .. } if day > 31 => {
                Err(TermsError::InvalidDay { day })
            }
            DateStep::Month { month } if !(1..=12).contains(&month) => {
                Err(TermsError::InvalidMonth { month })
            }
            DateStep::Proximo { cutoff, .. } if !(-30..=31).contains(&cutoff) => {
                Err(TermsError::InvalidCutoff { cutoff })
            }
            _ => Ok(()),
        }
    }

    /// Applies this step to `date`.
    ///
    /// # Errors
    /// Invalid fields (see [`DateStep::validate`]) or a date out of range.
    ///
    /// # Example
    /// ```
    /// use ar_core::terms::DateStep;
    /// use chrono::NaiveDate;
    /// let jan31 = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    /// let step = DateStep::DayOfMonth { day: 31 };
    /// let feb = DateStep::Months { months: 1 }.apply(jan31)?;
    /// assert_eq!(feb.to_string(), "2024-02-29");
    /// assert_eq!(step.apply(feb)?.to_string(), "2024-02-29");
    /// # Ok::<(), ar_core::terms::TermsError>(())
    /// ```
    pub fn apply(&self, date: NaiveDate) -> Result<NaiveDate, TermsError> {
        self.validate()?;
        let oor = || out_of_range(date, self);
        match *self {
            DateStep::Days { days } => {
                let n = Days::new(u64::from(days.unsigned_abs()));
                if days >= 0 {
                    date.checked_add_days(n)
                } else {
                    date.checked_sub_days(n)
                }
                .ok_or_else(oor)
            }
            DateStep::Months { months } => add_months(date, months).ok_or_else(oor),
            DateStep::EndOfMonth => last_day_of_month(date.year(), date.month()).ok_or_else(oor),
            DateStep::DayOfMonth { day } => {
                with_clamped_day(date.year(), date.month(), day.into()).ok_or_else(oor)
            }
            DateStep::Month { month } => {
                with_clamped_day(date.year(), month.into(), date.day()).ok_or_else(oor)
            }
            DateStep::NextWeekday { weekday } => {
                let ahead = (7 + weekday.num_days_from_monday()
                    - date.weekday().num_days_from_monday())
                    % 7;
                date.checked_add_days(Days::new(ahead.into()))
                    .ok_or_else(oor)
            }
            DateStep::Proximo { day, cutoff } => {
                let last = last_day_of_month(date.year(), date.month()).ok_or_else(oor)?;
                let effective = if cutoff <= 0 {
                    i64::from(last.day()) + i64::from(cutoff)
                } else {
                    i64::from(cutoff)
                };
                let ahead = if i64::from(date.day()) <= effective {
                    1
                } else {
                    2
                };
                let first =
                    NaiveDate::from_ymd_opt(date.year(), date.month(), 1).ok_or_else(oor)?;
                let target = add_months(first, ahead).ok_or_else(oor)?;
                with_clamped_day(target.year(), target.month(), day.into()).ok_or_else(oor)
            }
        }
    }

    fn describe(&self, out: &mut String) {
        let _ = match *self {
            DateStep::Days { days } => {
                let unit = if days.abs() == 1 { "day" } else { "days" };
                write!(out, "{days:+} {unit}")
            }
            DateStep::Months { months } => {
                let unit = if months.abs() == 1 { "month" } else { "months" };
                write!(out, "{months:+} {unit}")
            }
            DateStep::EndOfMonth => write!(out, "end of month"),
            DateStep::DayOfMonth { day: 0 } => write!(out, "last day of month"),
            DateStep::DayOfMonth { day } => write!(out, "day {day} of month"),
            DateStep::Month { month } => write!(out, "month {month}"),
            DateStep::NextWeekday { weekday } => write!(out, "next {weekday}"),
            DateStep::Proximo { day, cutoff } => write!(out, "proximo day {day} cutoff {cutoff}"),
        };
    }
}

/// Applies a chain of steps to `base` in order.
///
/// # Errors
/// As [`DateStep::apply`].
///
/// # Example
/// ```
/// use ar_core::terms::{apply_steps, DateStep};
/// use chrono::NaiveDate;
/// // 5 days before the end of the month
/// let d = apply_steps(NaiveDate::from_ymd_opt(2024, 2, 10).unwrap(),
///                     &[DateStep::EndOfMonth, DateStep::Days { days: -5 }])?;
/// assert_eq!(d.to_string(), "2024-02-24");
/// # Ok::<(), ar_core::terms::TermsError>(())
/// ```
pub fn apply_steps(base: NaiveDate, steps: &[DateStep]) -> Result<NaiveDate, TermsError> {
    steps.iter().try_fold(base, |d, s| s.apply(d))
}

/// What an early-payment discount takes off.
///
/// JSON: `{"type":"percent","percent":"2"}` or `{"type":"fixed","amount":"5.00"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum DiscountValue {
    /// A percent of the installment amount, rounded to the currency.
    Percent {
        /// The percent, e.g. `2` for 2 %.
        percent: Decimal,
    },
    /// A fixed amount (sign follows the document).
    Fixed {
        /// The amount.
        amount: Decimal,
    },
}

/// An early-payment discount tier: a value and a deadline (a step chain from the base date).
/// The deadline day is inclusive: paying on it still earns the discount.
///
/// JSON: `{"value":{"type":"percent","percent":"2"},"deadline":[{"type":"days","days":10}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscountTier {
    /// What the discount takes off.
    pub value: DiscountValue,
    /// The last day (inclusive) the discount is earned, as steps from the base date.
    pub deadline: Vec<DateStep>,
}

impl DiscountTier {
    /// `percent` % if paid within `days` days of the base date.
    pub fn percent_within(percent: Decimal, days: i32) -> Self {
        DiscountTier {
            value: DiscountValue::Percent { percent },
            deadline: vec![DateStep::Days { days }],
        }
    }
}

/// One installment line of a term: its portion, due-date rule and discount tiers.
///
/// JSON: `{"portion":{"type":"balance"},"due":[{"type":"days","days":30}],"discounts":[]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermLine {
    /// The share of the amount this line carries.
    pub portion: Part,
    /// The due-date rule: steps applied to the base date (empty: due on the base date).
    #[serde(default)]
    pub due: Vec<DateStep>,
    /// Early-payment discount tiers, each with its own deadline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<DiscountTier>,
}

impl TermLine {
    /// A line with a portion and a due rule, without discounts.
    pub fn new(portion: Part, due: Vec<DateStep>) -> Self {
        TermLine {
            portion,
            due,
            discounts: Vec::new(),
        }
    }
}

/// Which date of the document the schedule counts from. The host passes that date as the
/// base date of [`schedule`]; the basis is stored with the terms so it is not lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The invoice (document) date (default).
    #[default]
    Document,
    /// The delivery date.
    Delivery,
    /// The date the customer received the invoice.
    Receipt,
    /// A date the host chooses.
    Given,
}

/// Payment terms: installment lines plus how amounts are rounded and dates rolled.
///
/// JSON:
/// ```json
/// {"lines": [{"portion": {"type": "balance"}, "due": [{"type": "days", "days": 30}],
///             "discounts": [{"value": {"type": "percent", "percent": "2"},
///                            "deadline": [{"type": "days", "days": 10}]}]}],
///  "rounding": "half_up", "residual": "last", "roll": "none", "basis": "document"}
/// ```
/// All fields but `lines` are optional with the defaults shown.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// Installment lines, in order.
    pub lines: Vec<TermLine>,
    /// How each installment and discount is rounded.
    #[serde(default)]
    pub rounding: RoundingMode,
    /// Which line takes the rounding residual when no line is a balance.
    #[serde(default)]
    pub residual: ResidualPolicy,
    /// How due dates that fall on non-business days move.
    #[serde(default)]
    pub roll: Roll,
    /// Which document date the base date is.
    #[serde(default)]
    pub basis: DateBasis,
}

impl Terms {
    /// Terms with the given lines and default options.
    pub fn new(lines: Vec<TermLine>) -> Self {
        Terms {
            lines,
            rounding: RoundingMode::default(),
            residual: ResidualPolicy::default(),
            roll: Roll::default(),
            basis: DateBasis::default(),
        }
    }

    /// One line taking the whole amount, due by `due`.
    pub fn single(due: Vec<DateStep>) -> Self {
        Terms::new(vec![TermLine::new(Part::Balance, due)])
    }

    /// "Net N": the whole amount due N days after the base date.
    ///
    /// # Example
    /// ```
    /// let t = ar_core::terms::Terms::net(30);
    /// assert_eq!(t.lines.len(), 1);
    /// ```
    pub fn net(days: i32) -> Self {
        Terms::single(vec![DateStep::Days { days }])
    }

    /// Reads terms from the documented JSON shape (docs/json.md). Decimals must be strings;
    /// unknown fields are refused.
    ///
    /// # Errors
    /// [`TermsError::InvalidJson`] (kind `invalid_json`) with serde's description, or the
    /// errors of [`Terms::validate`].
    ///
    /// # Example
    /// ```
    /// use ar_core::terms::Terms;
    /// let t = Terms::from_json(r#"{"lines":[{"portion":{"type":"balance"},"due":[{"type":"days","days":30}]}]}"#)?;
    /// assert_eq!(t, Terms::net(30));
    /// assert_eq!(Terms::from_json("{}").unwrap_err().kind(), "invalid_json");
    /// # Ok::<(), ar_core::terms::TermsError>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self, TermsError> {
        let terms: Terms = serde_json::from_str(text).map_err(|e| TermsError::InvalidJson {
            detail: e.to_string(),
        })?;
        terms.validate()?;
        Ok(terms)
    }

    /// Writes terms in the documented JSON shape, every option spelled out.
    ///
    /// # Example
    /// ```
    /// use ar_core::terms::Terms;
    /// let json = Terms::net(30).to_json();
    /// assert_eq!(Terms::from_json(&json)?, Terms::net(30));
    /// # Ok::<(), ar_core::terms::TermsError>(())
    /// ```
    pub fn to_json(&self) -> String {
        // serializing these plain data types cannot fail: no maps with non-string keys
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks everything that does not depend on the amount or the date.
    ///
    /// # Errors
    /// [`TermsError::NoLines`], invalid step fields, or allocation errors (misplaced or repeated
    /// balance lines, zero denominators).
    pub fn validate(&self) -> Result<(), TermsError> {
        if self.lines.is_empty() {
            return Err(TermsError::NoLines);
        }
        for line in &self.lines {
            for s in line
                .due
                .iter()
                .chain(line.discounts.iter().flat_map(|t| &t.deadline))
            {
                s.validate()?;
            }
        }
        Ok(())
    }
}

/// Options of [`schedule`] that belong to the host rather than to the terms.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleOptions {
    /// The business-day calendar for the terms' roll (default: Saturday and Sunday off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<BusinessCalendar>,
    /// Round installments to multiples of this amount (cash rounding, e.g. CHF `0.05`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_increment: Option<Decimal>,
    /// Accept installments opposite in sign to the amount.
    #[serde(default)]
    pub allow_negative: bool,
}

/// An early-payment discount offered on one installment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscountOffer {
    /// The last day (inclusive) the discount is earned.
    pub deadline: NaiveDate,
    /// The discount, rounded to the currency.
    pub discount: Decimal,
    /// What settles the installment by the deadline: amount minus discount.
    pub amount_due: Decimal,
}

/// One installment of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Installment {
    /// The due date, after the business-day roll.
    pub due_date: NaiveDate,
    /// The amount due.
    pub amount: Decimal,
    /// Early-payment discounts, one per tier, in the terms' order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<DiscountOffer>,
    /// How the due date was reached, for people.
    pub reason: String,
}

/// The full schedule of a term for an amount and a base date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The currency of all amounts.
    pub currency: Currency,
    /// The amount scheduled; the installments sum to it exactly.
    pub total: Decimal,
    /// The installments, in the terms' line order.
    pub installments: Vec<Installment>,
}

/// Computes the schedule of `terms` for `amount` in `currency` from `base_date`.
///
/// For each line: the portion is split off with [`split`] (rounding mode and residual policy
/// from the terms; cash increment from the options), the due date is the line's step chain
/// applied to `base_date` and then rolled to a business day per the terms' [`Roll`], and each
/// discount tier gives a deadline (its own chain from `base_date`, not rolled, inclusive) and
/// the discounted amount.
///
/// # Errors
/// [`TermsError`]: no lines, invalid steps, a discount deadline after the installment's due
/// date, a discount larger than the installment, allocation errors (portions that do not
/// cover the amount, negative installments, an amount finer than the currency's unit),
/// calendar errors and overflow.
///
/// # Example
/// ```
/// use ar_core::terms::{schedule, DiscountTier, ScheduleOptions, Terms};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
///
/// let mut terms = Terms::net(30); // 2/10 net 30
/// terms.lines[0].discounts.push(DiscountTier::percent_within("2".parse().unwrap(), 10));
/// let base = NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
/// let usd = Currency::from_code("USD")?;
/// let s = schedule(&terms, base, "1234.56".parse().unwrap(), usd, &ScheduleOptions::default())?;
/// let i = &s.installments[0];
/// assert_eq!(i.due_date.to_string(), "2024-02-14");
/// assert_eq!(i.discounts[0].deadline.to_string(), "2024-01-25");
/// assert_eq!(i.discounts[0].discount.to_string(), "24.69");
/// assert_eq!(i.discounts[0].amount_due.to_string(), "1209.87");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn schedule(
    terms: &Terms,
    base_date: NaiveDate,
    amount: Decimal,
    currency: Currency,
    options: &ScheduleOptions,
) -> Result<Schedule, TermsError> {
    terms.validate()?;
    let rounding = Rounding {
        mode: terms.rounding,
        increment: options.cash_increment,
    };
    let split_options = SplitOptions {
        rounding,
        residual: terms.residual,
        allow_negative: options.allow_negative,
    };
    let portions: Vec<Part> = terms.lines.iter().map(|l| l.portion.clone()).collect();
    let amounts = split(amount, currency, &portions, &split_options)?;
    let default_calendar;
    let calendar = match &options.calendar {
        Some(c) => c,
        None => {
            default_calendar = BusinessCalendar::weekends_only();
            &default_calendar
        }
    };
    let negative = amount < Decimal::ZERO;
    let mut installments = Vec::with_capacity(terms.lines.len());
    for (index, (line, &line_amount)) in terms.lines.iter().zip(&amounts).enumerate() {
        let unrolled = apply_steps(base_date, &line.due)?;
        let due_date = calendar.roll(unrolled, terms.roll)?;
        let mut reason = if line.due.is_empty() {
            format!("due on the base date {base_date}")
        } else {
            format!("from {base_date}")
        };
        for s in &line.due {
            reason.push_str(", ");
            s.describe(&mut reason);
        }
        if !line.due.is_empty() {
            let _ = write!(reason, " = {unrolled}");
        }
        if due_date != unrolled {
            let _ = write!(
                reason,
                "; {} ({}) is not a business day, rolled {} to {} ({})",
                unrolled,
                unrolled.weekday(),
                serde_plain_roll(terms.roll),
                due_date,
                due_date.weekday()
            );
        }
        let mut discounts = Vec::with_capacity(line.discounts.len());
        for tier in &line.discounts {
            let deadline = apply_steps(base_date, &tier.deadline)?;
            if deadline > due_date {
                return Err(TermsError::DiscountAfterDueDate {
                    line: index,
                    deadline,
                    due_date,
                });
            }
            let discount = match &tier.value {
                DiscountValue::Percent { percent } => {
                    crate::allocation::percent_of(line_amount, *percent, currency, rounding)?
                }
                DiscountValue::Fixed { amount } => {
                    let signed = if negative { -*amount } else { *amount };
                    rounding.round(signed, currency)?
                }
            };
            if discount.abs() > line_amount.abs()
                || (!discount.is_zero()
                    && discount.is_sign_negative() != line_amount.is_sign_negative())
            {
                return Err(TermsError::InvalidDiscount {
                    line: index,
                    discount,
                    amount: line_amount,
                });
            }
            let amount_due = line_amount
                .checked_sub(discount)
                .ok_or(MoneyError::Overflow {
                    operation: "discount",
                })?;
            discounts.push(DiscountOffer {
                deadline,
                discount,
                amount_due,
            });
        }
        installments.push(Installment {
            due_date,
            amount: line_amount,
            discounts,
            reason,
        });
    }
    Ok(Schedule {
        currency,
        total: amount,
        installments,
    })
}

fn serde_plain_roll(roll: Roll) -> &'static str {
    match roll {
        Roll::None => "none",
        Roll::Following => "following",
        Roll::ModifiedFollowing => "modified following",
        Roll::Preceding => "preceding",
        Roll::ModifiedPreceding => "modified preceding",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn eur() -> Currency {
        Currency::from_code("EUR").unwrap()
    }
    fn due(steps: &[DateStep], base: NaiveDate) -> NaiveDate {
        apply_steps(base, steps).unwrap()
    }

    #[test]
    fn step_rules() {
        use DateStep::*;
        // EOM of the month one month later: 11 Jun 2020 -> 31 Jul 2020 (not 30 Jul)
        assert_eq!(
            due(&[Months { months: 1 }, EndOfMonth], ymd(2020, 6, 11)),
            ymd(2020, 7, 31)
        );
        // N months without day drift, each from the anchor
        assert_eq!(
            due(&[Months { months: 1 }], ymd(2024, 1, 31)),
            ymd(2024, 2, 29)
        );
        assert_eq!(
            due(&[Months { months: 2 }], ymd(2024, 1, 31)),
            ymd(2024, 3, 31)
        );
        // day 31 of next month clamps to February's length; day 0 = month end
        assert_eq!(
            due(
                &[Months { months: 1 }, DayOfMonth { day: 31 }],
                ymd(2023, 1, 15)
            ),
            ymd(2023, 2, 28)
        );
        assert_eq!(
            due(
                &[Months { months: 1 }, DayOfMonth { day: 0 }],
                ymd(2024, 1, 15)
            ),
            ymd(2024, 2, 29)
        );
        // EOM then +30, +30 then EOM
        assert_eq!(
            due(&[EndOfMonth, Days { days: 30 }], ymd(2024, 1, 10)),
            ymd(2024, 3, 1)
        );
        assert_eq!(
            due(&[Days { days: 30 }, EndOfMonth], ymd(2024, 1, 10)),
            ymd(2024, 2, 29)
        );
        // next Friday on or after: Fri 7 Jun 2024 stays, Sat 8 Jun -> Fri 14 Jun
        assert_eq!(
            due(
                &[NextWeekday {
                    weekday: Weekday::Fri
                }],
                ymd(2024, 6, 7)
            ),
            ymd(2024, 6, 7)
        );
        assert_eq!(
            due(
                &[NextWeekday {
                    weekday: Weekday::Fri
                }],
                ymd(2024, 6, 8)
            ),
            ymd(2024, 6, 14)
        );
        // month 2 (Tryton's month=) clamps 31 Jan -> 29 Feb in 2024? no: from 31 Mar
        assert_eq!(
            due(&[Month { month: 2 }], ymd(2024, 3, 31)),
            ymd(2024, 2, 29)
        );
    }

    #[test]
    fn proximo_with_cutoff() {
        let p = |day, cutoff| [DateStep::Proximo { day, cutoff }];
        // on or before cutoff 25: 10th of next month
        assert_eq!(due(&p(10, 25), ymd(2024, 3, 25)), ymd(2024, 4, 10));
        // after cutoff: one month further
        assert_eq!(due(&p(10, 25), ymd(2024, 3, 26)), ymd(2024, 5, 10));
        // cutoff 0 = last day: always next month; day 31 clamps
        assert_eq!(due(&p(31, 0), ymd(2024, 1, 31)), ymd(2024, 2, 29));
        // cutoff -5 in a 30-day month is day 25
        assert_eq!(due(&p(15, -5), ymd(2024, 4, 26)), ymd(2024, 6, 15));
        // December rolls into the next year
        assert_eq!(due(&p(10, 20), ymd(2024, 12, 21)), ymd(2025, 2, 10));
    }

    #[test]
    fn rolled_due_date_and_reason() {
        // Net 30 from Thu 2024-05-16 is Sat 2024-06-15 -> following Monday 2024-06-17
        let mut t = Terms::net(30);
        t.roll = Roll::Following;
        let s = schedule(
            &t,
            ymd(2024, 5, 16),
            dec("10.00"),
            eur(),
            &ScheduleOptions::default(),
        )
        .unwrap();
        assert_eq!(s.installments[0].due_date, ymd(2024, 6, 17));
        assert_eq!(
            s.installments[0].reason,
            "from 2024-05-16, +30 days = 2024-06-15; 2024-06-15 (Sat) is not a business day, rolled following to 2024-06-17 (Mon)"
        );
    }

    #[test]
    fn discount_after_due_date_is_an_error() {
        let mut t = Terms::net(10);
        t.lines[0]
            .discounts
            .push(DiscountTier::percent_within(dec("2"), 20));
        let err = schedule(
            &t,
            ymd(2024, 1, 1),
            dec("100"),
            eur(),
            &ScheduleOptions::default(),
        )
        .unwrap_err();
        assert_eq!(err.kind(), "discount_after_due_date");
        assert_eq!(
            err.to_string(),
            "discount deadline `2024-01-21` of line 0 is after its due date `2024-01-11`"
        );
    }

    #[test]
    fn json_round_trip() {
        let mut t = Terms::new(vec![
            TermLine::new(Part::percent(dec("30")), vec![DateStep::Days { days: 0 }]),
            TermLine::new(
                Part::Balance,
                vec![DateStep::Months { months: 1 }, DateStep::EndOfMonth],
            ),
        ]);
        t.lines[1]
            .discounts
            .push(DiscountTier::percent_within(dec("1.5"), 10));
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"{"lines":[{"portion":{"type":"percent","percent":"30"},"due":[{"type":"days","days":0}]},{"portion":{"type":"balance"},"due":[{"type":"months","months":1},{"type":"end_of_month"}],"discounts":[{"value":{"type":"percent","percent":"1.5"},"deadline":[{"type":"days","days":10}]}]}],"rounding":"half_up","residual":"last","roll":"none","basis":"document"}"#
        );
        let back: Terms = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        // decimals must be strings: a JSON number is refused
        assert!(serde_json::from_str::<Part>(r#"{"type":"percent","percent":30}"#).is_err());
    }
}
