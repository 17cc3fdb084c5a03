//! Records and enums of the surface.
//!
//! Core types are re-declared here with `#[uniffi::remote(...)]`: the declaration must match
//! the core's field for field, and uniffi generates the FFI code for the core type itself, so
//! no conversion code exists for them. Doc comments here become the Swift and Kotlin docs.
//!
//! Two types cannot cross as they are: [`BusinessCalendar`] (its holidays are a `BTreeSet`,
//! which uniffi does not carry) and [`ScheduleOptions`], which holds one. They are
//! binding-side twins converted by [`impl_twin_conversions!`](crate::macros). [`CurrencyInfo`]
//! is a plain result record.

use std::convert::identity;

use ar_core::allocation::{Part, ResidualPolicy, SplitOptions};
use ar_core::calendar::{self, Roll};
use ar_core::money::{Currency, Rounding, RoundingMode};
use ar_core::terms::{
    self, DateBasis, DateStep, DiscountOffer, DiscountTier, DiscountValue, Installment, Schedule,
    TermLine, Terms,
};
use chrono::{NaiveDate, Weekday};
use rust_decimal::Decimal;

use crate::macros::impl_twin_conversions;

// ---- money -------------------------------------------------------------------------------

/// How a value between two representable amounts is rounded (symmetric around zero).
#[uniffi::remote(Enum)]
pub enum RoundingMode {
    /// Half away from zero: 2.345 -> 2.35 (commercial rounding; the default).
    HalfUp,
    /// Half to even, banker's rounding: 2.345 -> 2.34, 2.355 -> 2.36.
    HalfEven,
    /// Toward zero (truncate): 2.349 -> 2.34.
    Down,
    /// Away from zero: 2.341 -> 2.35.
    Up,
}

/// A rounding rule: a mode, and the unit to round to (the currency's minor unit, or a
/// cash-rounding increment such as CHF 0.05).
#[uniffi::remote(Record)]
pub struct Rounding {
    /// How ties and remainders are resolved.
    pub mode: RoundingMode,
    /// Round to multiples of this amount instead of the currency's minor unit.
    #[uniffi(default = None)]
    pub increment: Option<Decimal>,
}

/// What ar-core knows about an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CurrencyInfo {
    /// The three-letter ISO code, e.g. `"EUR"`.
    pub code: String,
    /// The English name, e.g. `"Euro"`.
    pub name: String,
    /// Decimal places of the minor unit (EUR 2, JPY 0, KWD 3); absent for codes without one
    /// (XAU, XDR).
    pub minor_units: Option<u32>,
}

impl From<Currency> for CurrencyInfo {
    fn from(c: Currency) -> Self {
        CurrencyInfo {
            code: c.code().to_string(),
            name: c.name(),
            minor_units: c.minor_units(),
        }
    }
}

// ---- allocation --------------------------------------------------------------------------

/// One part of a split.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Part {
    /// A percent of the total, e.g. `30` for 30 %.
    Percent {
        /// The percent.
        percent: Decimal,
    },
    /// A percent of what remains after the previous parts' rounded amounts (Tryton).
    PercentOfRemainder {
        /// The percent of the remainder.
        percent: Decimal,
    },
    /// An exact fraction of the total, e.g. 1/3.
    Fraction {
        /// Numerator.
        numerator: u32,
        /// Denominator (positive).
        denominator: u32,
    },
    /// A fixed amount; its sign follows the total (credit notes work).
    Fixed {
        /// The amount in the document's direction.
        amount: Decimal,
    },
    /// Whatever the other parts leave. At most one, and it must be the last part.
    Balance,
}

/// Which part absorbs the rounding residual when there is no balance part.
#[uniffi::remote(Enum)]
pub enum ResidualPolicy {
    /// The last part (default).
    Last,
    /// The first part.
    First,
    /// One unit each to the parts with the largest rounding remainders (ties: earlier part).
    LargestRemainder,
}

/// Options of `split`.
#[uniffi::remote(Record)]
pub struct SplitOptions {
    /// How each part is rounded, and to which unit.
    pub rounding: Rounding,
    /// Where the rounding residual goes when there is no balance part.
    pub residual: ResidualPolicy,
    /// Accept parts opposite in sign to the total (default: error `negative_part`).
    #[uniffi(default = false)]
    pub allow_negative: bool,
}

// ---- calendar ----------------------------------------------------------------------------

/// A day of the week.
#[uniffi::remote(Enum)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// How a date that is not a business day is moved.
#[uniffi::remote(Enum)]
pub enum Roll {
    /// Keep the date as it is (default).
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

/// A business-day calendar supplied by the host: weekend days plus holiday dates.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BusinessCalendar {
    /// Days of the week that are never business days (usually Saturday and Sunday).
    pub weekend: Vec<Weekday>,
    /// Dates that are not business days (order and repeats do not matter).
    #[uniffi(default = [])]
    pub holidays: Vec<NaiveDate>,
}

impl_twin_conversions!(BusinessCalendar <=> calendar::BusinessCalendar {
    weekend: identity, identity;
    holidays: |h: Vec<NaiveDate>| h.into_iter().collect(), |h: std::collections::BTreeSet<NaiveDate>| h.into_iter().collect();
});

// ---- terms -------------------------------------------------------------------------------

/// One step of a due-date rule; a rule is a chain of steps applied in order to the base date.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DateStep {
    /// Add (or, negative, subtract) calendar days.
    Days {
        /// Number of days.
        days: i32,
    },
    /// Add (or subtract) calendar months, clamping the day to the month's length
    /// (31 Jan + 1 month = 28/29 Feb).
    Months {
        /// Number of months.
        months: i32,
    },
    /// Move to the last day of the current month.
    EndOfMonth,
    /// Move to day `day` of the current month, clamped to its length; `0` = last day.
    DayOfMonth {
        /// Day 0..=31.
        day: u8,
    },
    /// Move to month `month` of the current year, clamping the day.
    Month {
        /// Month 1..=12.
        month: u8,
    },
    /// Move forward to the given weekday; a date already on it stays.
    NextWeekday {
        /// The weekday.
        weekday: Weekday,
    },
    /// Proximo (GnuCash): day `day` of the next month, or of the month after when the date's
    /// day of month is after `cutoff` (inclusive; 0 or less counts back from month end).
    Proximo {
        /// Due day 0..=31 (0 = last day).
        day: u8,
        /// Cutoff day -30..=31.
        cutoff: i8,
    },
}

/// What an early-payment discount takes off.
#[uniffi::remote(Enum)]
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

/// An early-payment discount tier; the deadline day (steps from the base date) is inclusive.
#[uniffi::remote(Record)]
pub struct DiscountTier {
    /// What the discount takes off.
    pub value: DiscountValue,
    /// The last day (inclusive) the discount is earned, as steps from the base date.
    pub deadline: Vec<DateStep>,
}

/// One installment line of a term: its portion, due-date rule and discount tiers.
#[uniffi::remote(Record)]
pub struct TermLine {
    /// The share of the amount this line carries.
    pub portion: Part,
    /// The due-date rule: steps applied to the base date (empty: due on the base date).
    #[uniffi(default = [])]
    pub due: Vec<DateStep>,
    /// Early-payment discount tiers, each with its own deadline.
    #[uniffi(default = [])]
    pub discounts: Vec<DiscountTier>,
}

/// Which date of the document the schedule counts from (stored with the terms).
#[uniffi::remote(Enum)]
pub enum DateBasis {
    /// The invoice (document) date (default).
    Document,
    /// The delivery date.
    Delivery,
    /// The date the customer received the invoice.
    Receipt,
    /// A date the host chooses.
    Given,
}

/// Payment terms: installment lines plus how amounts are rounded and dates rolled.
/// Defaults (as in the JSON shape): `HALF_UP`, `LAST`, `NONE`, `DOCUMENT`.
#[uniffi::remote(Record)]
pub struct Terms {
    /// Installment lines, in order.
    pub lines: Vec<TermLine>,
    /// How each installment and discount is rounded.
    pub rounding: RoundingMode,
    /// Which line takes the rounding residual when no line is a balance.
    pub residual: ResidualPolicy,
    /// How due dates that fall on non-business days move.
    pub roll: Roll,
    /// Which document date the base date is.
    pub basis: DateBasis,
}

/// Options of `schedule` that belong to the host rather than to the terms.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct ScheduleOptions {
    /// The business-day calendar for the terms' roll (absent: Saturday and Sunday off).
    #[uniffi(default = None)]
    pub calendar: Option<BusinessCalendar>,
    /// Round installments to multiples of this amount (cash rounding, e.g. CHF 0.05).
    #[uniffi(default = None)]
    pub cash_increment: Option<Decimal>,
    /// Accept installments opposite in sign to the amount.
    #[uniffi(default = false)]
    pub allow_negative: bool,
}

impl_twin_conversions!(ScheduleOptions <=> terms::ScheduleOptions {
    calendar: |c: Option<BusinessCalendar>| c.map(Into::into), |c: Option<calendar::BusinessCalendar>| c.map(Into::into);
    cash_increment: identity, identity;
    allow_negative: identity, identity;
});

/// An early-payment discount offered on one installment.
#[uniffi::remote(Record)]
pub struct DiscountOffer {
    /// The last day (inclusive) the discount is earned.
    pub deadline: NaiveDate,
    /// The discount, rounded to the currency.
    pub discount: Decimal,
    /// What settles the installment by the deadline: amount minus discount.
    pub amount_due: Decimal,
}

/// One installment of a schedule.
#[uniffi::remote(Record)]
pub struct Installment {
    /// The due date, after the business-day roll.
    pub due_date: NaiveDate,
    /// The amount due.
    pub amount: Decimal,
    /// Early-payment discounts, one per tier, in the terms' order.
    pub discounts: Vec<DiscountOffer>,
    /// How the due date was reached, for people.
    pub reason: String,
}

/// The full schedule of a term for an amount and a base date.
#[uniffi::remote(Record)]
pub struct Schedule {
    /// The ISO code of the currency of all amounts.
    pub currency: Currency,
    /// The amount scheduled; the installments sum to it exactly.
    pub total: Decimal,
    /// The installments, in the terms' line order.
    pub installments: Vec<Installment>,
}
