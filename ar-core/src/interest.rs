//! Late-payment interest: day-count conventions, simple and compound accrual from the day after
//! the due date, periods split at every payment and rate change, host-supplied rate tables and
//! statutory presets (EU Directive 2011/7/EU, UK Late Payment of Commercial Debts (Interest)
//! Act 1998).
//!
//! ```
//! use ar_core::interest::{accrue, AccrualInput, InterestMethod, PrincipalChange, RateSource};
//! use ar_core::money::Currency;
//! use chrono::NaiveDate;
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
//! let input = AccrualInput {
//!     currency: Currency::from_code("EUR")?,
//!     principal: "1000.00".parse().unwrap(),
//!     due_date: day(1, 31),
//!     as_of: day(3, 31),
//!     changes: vec![PrincipalChange::new(day(2, 15), "400.00".parse().unwrap(), "payment P-1")],
//!     rates: RateSource::Fixed { percent: "10".parse().unwrap() },
//!     method: InterestMethod::default(), // Actual/365 Fixed, simple, half up
//! };
//! let b = accrue(&input)?;
//! // 1 Feb..15 Feb: 15 days on 1000.00; 16 Feb..31 Mar: 45 days on 600.00
//! assert_eq!(b.periods.len(), 2);
//! assert_eq!((b.periods[0].days, b.periods[1].days), (15, 45));
//! // 1000 × 10 % × 15/365 + 600 × 10 % × 45/365 = 11.5068... -> 11.51, rounded once
//! assert_eq!(b.total.to_string(), "11.51");
//! assert_eq!(b.periods[0].interest.to_string(), "4.11");
//! assert_eq!(b.periods[1].interest.to_string(), "7.40");
//! # Ok::<(), ar_core::Error>(())
//! ```
//!
//! # Which days earn interest
//! Interest accrues **from the day after the due date to the as-of date, both inclusive**: the
//! due date itself earns nothing, and the number of days is `as_of - due_date` (due 31 Jan, as
//! of 1 Mar 2024: 30 days, 1 Feb to 1 Mar). Each day earns interest at the rate in force on that
//! day on the principal outstanding at the start of that day:
//! - a payment (or credit, discount taken, write-off) dated day `P` reduces the principal from
//!   day `P + 1`: the day of payment still earns interest on the amount paid, as the statutes
//!   count it ("until the date of payment");
//! - a rate in force from day `R` applies from day `R` on.
//!
//! So a period is split after every day a principal change is dated and before every day a new
//! rate starts. Each [`InterestPeriod`] states its first and last day (`from`, `to`, both
//! inclusive) and the number of days. For the day-count conventions, the period runs from
//! `from - 1` to `to` in the ISDA sense ([`DayCount::year_fraction`]), which has the same
//! number of days.
//!
//! # Exactness and rounding
//! Every period's interest is computed exactly, as a fraction of integers
//! (`balance × rate / 100 × year fraction`, see [`Fraction`]); the total is the exact sum,
//! rounded **once**, half up by default, to the currency's minor unit. Each period also gets a
//! rounded share, `interest`, chosen so the shares sum to the total exactly: every period takes
//! its exact interest rounded down, and the units still missing go one each to the periods with
//! the largest remainders (ties to the earlier period), so no share is more than one minor unit
//! away from its exact value.
//!
//! # Compound interest
//! With [`Compounding`] other than `none`, compounding dates are counted from the due date:
//! the due date plus 1, 2, 3, ... days, months (computed from the due date each time and
//! clamped to the month's end: due 31 Jan 2024 compounds on 29 Feb, 31 Mar, 30 Apr ...),
//! quarters (3 months) or years (12 months). On each compounding date before the as-of date, the
//! interest accrued since the previous one (exact, all its periods together) is **capitalised**:
//! rounded half up to 12 decimal places ([`CAPITALISATION_SCALE`]) and added to the balance
//! that bears interest from the next day. A partial compounding period at the end (the as-of
//! date falls before the next compounding date) earns simple interest on the balance and is not
//! capitalised. Payments reduce the principal only; capitalised interest keeps bearing interest
//! while any principal is outstanding, and accrual stops once the principal is paid.
//!
//! # Statutory presets
//! [`RateSource::EuLatePayment`] and [`RateSource::UkLatePayment`] turn host-supplied reference
//! rates into the statutory rate; both statutes define simple interest, so compounding is
//! refused with them. Their fixed compensation sums are fee presets in [`crate::fees`].
//!
//! **EU, Directive 2011/7/EU on combating late payment in commercial transactions.**
//! Art. 2(6): statutory interest for late payment is *simple* interest at the reference rate
//! plus at least eight percentage points; art. 2(7): the reference rate is, in the euro area, the
//! rate the ECB applies to its most recent main refinancing operations (MRO), elsewhere the
//! national central bank's equivalent; art. 3(2) (art. 4(2) for public authorities): the rate in
//! force on 1 January applies to the first half of the year and the rate in force on 1 July to
//! the second; art. 3(3): interest runs from the day after the payment date. So the statutory
//! rate changes every half-year of the delay, and an MRO change in the middle of a half-year only
//! counts from the next half-year. Member states may set a higher margin (`margin`, default 8);
//! the directive fixes no day count (use the member state's: [`InterestMethod::day_count`]).
//!
//! **UK, Late Payment of Commercial Debts (Interest) Act 1998.** s.1(1): a qualifying debt
//! carries *simple* interest; s.4(2): it runs from the day after the relevant (payment) date;
//! s.6 and the Late Payment of Commercial Debts (Rate of Interest) (No. 3) Order 2002 (SI
//! 2002/1675), art. 4: the rate is 8 % a year over the Bank of England official dealing rate
//! (Bank Rate) in force on 30 June (for interest that starts to run between 1 July and 31
//! December) or 31 December (for interest that starts to run between 1 January and 30 June)
//! immediately before the day interest starts to run. Unlike the EU rule, the rate is fixed for
//! the whole delay. The Act fixes no day count; common UK practice divides the annual interest
//! by 365 for a daily amount, which is Actual/365 Fixed (the default).
//!
//! # Charges on the account
//! [`accrue_account`] accrues interest on every overdue principal installment of an
//! [`Account`] from its payment history and proposes `interest_charge` documents for the
//! interest not yet charged; [`waive_unpaid_charges`] proposes write-offs of fee and interest
//! charges left open once their principal is paid, when the policy is to waive them.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::CalendarError;
use crate::documents::{
    issue_simple, ChargeFor, Document, DocumentError, DocumentKind, SimpleDraft,
};
use crate::ledger::{Account, EventBody, HistoryKind, LedgerError};
use crate::money::{with_scale, Currency, MoneyError, RoundingMode};
use crate::terms::Terms;

/// The number of decimal places capitalised interest is rounded to (half up) before it is
/// added to the balance that bears interest, in compound accrual.
pub const CAPITALISATION_SCALE: u32 = 12;

/// The most periods one accrual may have (a daily-compounded accrual over 270 years), so that
/// no input makes the core loop for hours.
pub const MAX_PERIODS: usize = 100_000;

/// Errors of the `interest` module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InterestError {
    /// No rate of the table is in force on a day that earns interest.
    #[error(
        "no interest rate in force on {date}: the rate table has no rate from that day or earlier"
    )]
    MissingRate {
        /// The first day without a rate.
        date: NaiveDate,
    },
    /// No reference rate in force on the day a statutory preset needs it.
    #[error("no {regime} reference rate in force on {date}")]
    MissingReferenceRate {
        /// `"EU 2011/7/EU (ECB MRO)"` or `"UK 1998 Act (Bank Rate)"`.
        regime: &'static str,
        /// The day the reference rate is read on.
        date: NaiveDate,
    },
    /// A negative interest rate on a day that earns interest.
    #[error("interest rate `{rate}` % in force from {from} is negative")]
    NegativeRate {
        /// The rate, in percent a year.
        rate: Decimal,
        /// The day it takes effect.
        from: NaiveDate,
    },
    /// A negative principal.
    #[error("principal `{amount}` must not be negative")]
    NegativePrincipal {
        /// The principal as given.
        amount: Decimal,
    },
    /// A principal change of zero or less, or changes that reduce the principal below zero.
    #[error("principal change of `{amount}` on {date} is invalid: {detail}")]
    InvalidChange {
        /// The change's date.
        date: NaiveDate,
        /// The change's amount.
        amount: Decimal,
        /// What is wrong.
        detail: String,
    },
    /// A day-count period that ends before it starts.
    #[error("day-count period from {start} to {end} ends before it starts")]
    InvalidDayCountPeriod {
        /// The start date.
        start: NaiveDate,
        /// The end date.
        end: NaiveDate,
    },
    /// Compounding with a statutory preset: both statutes define simple interest.
    #[error("statutory late-payment interest is simple interest; compounding `{compounding}` is not allowed")]
    StatutoryInterestIsSimple {
        /// The compounding asked for.
        compounding: &'static str,
    },
    /// Text that is not a fraction `numerator/denominator` with a non-zero denominator.
    #[error(
        "invalid fraction `{value}`: expected `numerator/denominator` with a non-zero denominator"
    )]
    InvalidFractionText {
        /// The text as given.
        value: String,
    },
    /// More than [`MAX_PERIODS`] periods.
    #[error("interest accrual needs more than {limit} periods; shorten the range or compound less often")]
    TooManyPeriods {
        /// The limit.
        limit: usize,
    },
    /// A date out of range.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A currency without minor unit, or overflow.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// An interest charge that cannot be issued.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// An unknown document or installment of the account.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl InterestError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::interest::InterestError::MissingRate {
    ///     date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() };
    /// assert_eq!(e.kind(), "missing_interest_rate");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            InterestError::MissingRate { .. } => "missing_interest_rate",
            InterestError::MissingReferenceRate { .. } => "missing_reference_rate",
            InterestError::NegativeRate { .. } => "negative_interest_rate",
            InterestError::NegativePrincipal { .. } => "negative_principal",
            InterestError::InvalidChange { .. } => "invalid_principal_change",
            InterestError::InvalidDayCountPeriod { .. } => "invalid_day_count_period",
            InterestError::StatutoryInterestIsSimple { .. } => "statutory_interest_is_simple",
            InterestError::InvalidFractionText { .. } => "invalid_fraction_text",
            InterestError::TooManyPeriods { .. } => "too_many_periods",
            InterestError::Calendar(e) => e.kind(),
            InterestError::Money(e) => e.kind(),
            InterestError::Document(e) => e.kind(),
            InterestError::Ledger(e) => e.kind(),
        }
    }
}

fn overflow(operation: &'static str) -> InterestError {
    InterestError::Money(MoneyError::Overflow { operation })
}

fn out_of_range(date: NaiveDate, operation: &str) -> InterestError {
    InterestError::Calendar(CalendarError::DateOutOfRange {
        date,
        operation: operation.to_string(),
    })
}

fn next_day(date: NaiveDate) -> Result<NaiveDate, InterestError> {
    date.checked_add_days(Days::new(1))
        .ok_or_else(|| out_of_range(date, "the next day"))
}

fn prev_day(date: NaiveDate) -> Result<NaiveDate, InterestError> {
    date.checked_sub_days(Days::new(1))
        .ok_or_else(|| out_of_range(date, "the previous day"))
}

// ----- exact fractions -----

fn gcd(a: u128, b: u128) -> u128 {
    let (mut a, mut b) = (a, b);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// An exact rational number: a numerator over a positive denominator, always in lowest terms.
///
/// JSON: the string `"numerator/denominator"`, e.g. `"31/365"`, `"0/1"`, `"300/73"`.
///
/// ```
/// use ar_core::interest::Fraction;
/// let f: Fraction = "62/360".parse()?;
/// assert_eq!(f.to_string(), "31/180");
/// assert_eq!((f.numerator(), f.denominator()), (31, 180));
/// # Ok::<(), ar_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fraction {
    numerator: i128,
    denominator: i128,
}

impl Fraction {
    /// `0/1`.
    pub const ZERO: Fraction = Fraction {
        numerator: 0,
        denominator: 1,
    };

    /// The fraction `numerator / denominator`, reduced.
    ///
    /// # Errors
    /// `invalid_fraction_text` for a zero denominator; `overflow` for a value that cannot be
    /// normalised in 128 bits.
    ///
    /// # Example
    /// ```
    /// let f = ar_core::interest::Fraction::new(150000, -36500)?;
    /// assert_eq!(f.to_string(), "-300/73");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn new(numerator: i128, denominator: i128) -> Result<Fraction, InterestError> {
        if denominator == 0 {
            return Err(InterestError::InvalidFractionText {
                value: format!("{numerator}/0"),
            });
        }
        let g = gcd(numerator.unsigned_abs(), denominator.unsigned_abs());
        let g = i128::try_from(g).map_err(|_| overflow("fraction"))?;
        let (mut n, mut d) = (numerator / g, denominator / g);
        if d < 0 {
            n = n.checked_neg().ok_or_else(|| overflow("fraction"))?;
            d = d.checked_neg().ok_or_else(|| overflow("fraction"))?;
        }
        Ok(Fraction {
            numerator: n,
            denominator: d,
        })
    }

    /// The numerator (in lowest terms; carries the sign).
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::interest::Fraction::new(2, 4)?.numerator(), 1);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn numerator(&self) -> i128 {
        self.numerator
    }

    /// The denominator (positive, in lowest terms).
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::interest::Fraction::new(2, 4)?.denominator(), 2);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn denominator(&self) -> i128 {
        self.denominator
    }

    /// The exact value of a decimal.
    ///
    /// # Errors
    /// `overflow` when the decimal's scale cannot be expressed (never for a valid decimal).
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::Fraction;
    /// assert_eq!(Fraction::from_decimal("12.50".parse().unwrap())?.to_string(), "25/2");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn from_decimal(value: Decimal) -> Result<Fraction, InterestError> {
        let den = 10i128
            .checked_pow(value.scale())
            .ok_or_else(|| overflow("fraction"))?;
        Fraction::new(value.mantissa(), den)
    }

    /// `self + other`, exactly.
    ///
    /// # Errors
    /// `overflow` when the result does not fit in 128 bits.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::Fraction;
    /// let sum = Fraction::new(1, 365)?.checked_add(Fraction::new(1, 366)?)?;
    /// assert_eq!(sum.to_string(), "731/133590");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn checked_add(self, other: Fraction) -> Result<Fraction, InterestError> {
        let err = || overflow("adding fractions");
        let g = i128::try_from(gcd(
            self.denominator.unsigned_abs(),
            other.denominator.unsigned_abs(),
        ))
        .map_err(|_| err())?;
        let left = self.denominator / g;
        let right = other.denominator / g;
        let den = left.checked_mul(other.denominator).ok_or_else(err)?;
        let num = self
            .numerator
            .checked_mul(right)
            .and_then(|a| a.checked_add(other.numerator.checked_mul(left)?))
            .ok_or_else(err)?;
        Fraction::new(num, den)
    }

    /// `self × other`, exactly.
    ///
    /// # Errors
    /// `overflow` when the result does not fit in 128 bits.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::Fraction;
    /// let p = Fraction::new(1000, 1)?.checked_mul(Fraction::new(30, 365)?)?;
    /// assert_eq!(p.to_string(), "6000/73");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn checked_mul(self, other: Fraction) -> Result<Fraction, InterestError> {
        let err = || overflow("multiplying fractions");
        let g1 = i128::try_from(gcd(
            self.numerator.unsigned_abs(),
            other.denominator.unsigned_abs(),
        ))
        .map_err(|_| err())?
        .max(1);
        let g2 = i128::try_from(gcd(
            other.numerator.unsigned_abs(),
            self.denominator.unsigned_abs(),
        ))
        .map_err(|_| err())?
        .max(1);
        let num = (self.numerator / g1)
            .checked_mul(other.numerator / g2)
            .ok_or_else(err)?;
        let den = (self.denominator / g2)
            .checked_mul(other.denominator / g1)
            .ok_or_else(err)?;
        Fraction::new(num, den)
    }

    /// Rounds to a decimal with `scale` places in `mode` (exact: no intermediate
    /// approximation).
    ///
    /// # Errors
    /// `overflow` when the result does not fit a decimal.
    ///
    /// # Example
    /// ```
    /// use ar_core::{interest::Fraction, money::RoundingMode};
    /// let f = Fraction::new(300, 73)?; // 4.10958...
    /// assert_eq!(f.round(2, RoundingMode::HalfUp)?.to_string(), "4.11");
    /// assert_eq!(f.round(2, RoundingMode::Down)?.to_string(), "4.10");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn round(self, scale: u32, mode: RoundingMode) -> Result<Decimal, InterestError> {
        let err = || overflow("rounding a fraction");
        let pow = 10i128.checked_pow(scale).ok_or_else(err)?;
        // integer part first, so that only the remainder is scaled
        let q = self.numerator / self.denominator;
        let r = self.numerator % self.denominator;
        let frac = mode.round_ratio(r.checked_mul(pow).ok_or_else(err)?, self.denominator);
        let units = q
            .checked_mul(pow)
            .and_then(|x| x.checked_add(frac))
            .ok_or_else(err)?;
        Decimal::try_from_i128_with_scale(units, scale).map_err(|_| err())
    }

    /// Whether the fraction is zero.
    ///
    /// # Example
    /// ```
    /// assert!(ar_core::interest::Fraction::ZERO.is_zero());
    /// ```
    pub fn is_zero(&self) -> bool {
        self.numerator == 0
    }

    /// `a - b` for fractions the caller knows to be close; used for remainders.
    fn checked_sub(self, other: Fraction) -> Result<Fraction, InterestError> {
        let neg = Fraction {
            numerator: other
                .numerator
                .checked_neg()
                .ok_or_else(|| overflow("fraction"))?,
            denominator: other.denominator,
        };
        self.checked_add(neg)
    }
}

/// Compares two fractions exactly without multiplying (no overflow): by their continued
/// fraction expansions.
fn cmp_fractions(a: Fraction, b: Fraction) -> Ordering {
    let (mut an, mut ad, mut bn, mut bd) = (a.numerator, a.denominator, b.numerator, b.denominator);
    let mut flip = false;
    // denominators stay positive, so Euclidean division is floor division and cannot overflow
    loop {
        let (qa, ra) = (an.div_euclid(ad), an.rem_euclid(ad));
        let (qb, rb) = (bn.div_euclid(bd), bn.rem_euclid(bd));
        let o = if qa != qb {
            qa.cmp(&qb)
        } else {
            match (ra == 0, rb == 0) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Less,
                (false, true) => Ordering::Greater,
                (false, false) => {
                    // ra/ad against rb/bd, both in (0, 1): their reciprocals compare the other way
                    (an, ad, bn, bd) = (ad, ra, bd, rb);
                    flip = !flip;
                    continue;
                }
            }
        };
        return if flip { o.reverse() } else { o };
    }
}

impl fmt::Display for Fraction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

impl FromStr for Fraction {
    type Err = InterestError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || InterestError::InvalidFractionText {
            value: s.to_string(),
        };
        let (n, d) = s.split_once('/').ok_or_else(bad)?;
        let n: i128 = n.parse().map_err(|_| bad())?;
        let d: i128 = d.parse().map_err(|_| bad())?;
        if d == 0 {
            return Err(bad());
        }
        Fraction::new(n, d)
    }
}

impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

// ----- day counts -----

/// A day-count convention: how a period between two dates becomes a fraction of a year.
///
/// Definitions from the 2006 ISDA Definitions, Section 4.16. A period runs from a start date
/// `D1` to an end date `D2`; it includes `D1` and excludes `D2` in ISDA's words, and has
/// `D2 - D1` actual days. In accrual, `D1` is the due date (or the last day of the previous
/// period) and `D2` the last day that earns interest, so the days counted are exactly the
/// days that earn interest (see the module docs).
///
/// JSON: `"actual_365_fixed"`, `"actual_360"`, `"actual_actual_isda"`, `"thirty_360"`,
/// `"thirty_e_360"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum DayCount {
    /// Actual/365 (Fixed), ISDA 4.16(d): actual days / 365, also in leap years.
    #[default]
    #[serde(rename = "actual_365_fixed")]
    Actual365Fixed,
    /// Actual/360, ISDA 4.16(e): actual days / 360.
    #[serde(rename = "actual_360")]
    Actual360,
    /// Actual/Actual (ISDA), ISDA 4.16(b): the days of the period falling in a leap year / 366
    /// plus the days falling in a non-leap year / 365. The period is split at year ends; a day
    /// belongs to a year as ISDA counts it, from `D1` included to `D2` excluded (so the period
    /// from 31 Dec 2023 to 31 Dec 2024 is 1/365 + 365/366).
    #[serde(rename = "actual_actual_isda")]
    ActualActualIsda,
    /// 30/360 (360/360, Bond Basis), ISDA 4.16(f), the US bond basis:
    /// `[360 × (Y2 - Y1) + 30 × (M2 - M1) + (D2 - D1)] / 360`, where `D1` = 31 becomes 30, and
    /// `D2` = 31 becomes 30 only when `D1` (after that change) is 30 or 31. This ISDA form has no
    /// February rule: 29 Feb 2024 to 31 Mar 2024 counts 32 days (the SIA "30/360 US" variant,
    /// which treats the last day of February as 30, is not this convention).
    #[serde(rename = "thirty_360")]
    Thirty360,
    /// 30E/360 (Eurobond Basis), ISDA 4.16(g): as 30/360, but `D2` = 31 always becomes 30
    /// (29 Feb 2024 to 31 Mar 2024 counts 31 days). February is not adjusted (that is 30E/360
    /// (ISDA), 4.16(h), not provided).
    #[serde(rename = "thirty_e_360")]
    Thirty360E,
}

impl DayCount {
    /// The name used in reasons, e.g. `"Actual/365 Fixed"`.
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::interest::DayCount::Thirty360E.name(), "30E/360");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            DayCount::Actual365Fixed => "Actual/365 Fixed",
            DayCount::Actual360 => "Actual/360",
            DayCount::ActualActualIsda => "Actual/Actual (ISDA)",
            DayCount::Thirty360 => "30/360",
            DayCount::Thirty360E => "30E/360",
        }
    }

    /// The days the convention counts from `start` to `end`: the actual days for the Actual
    /// conventions, the 30/360 day count for the 30/360 ones.
    ///
    /// # Errors
    /// [`InterestError::InvalidDayCountPeriod`] when `end` is before `start`.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::DayCount;
    /// let d = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// assert_eq!(DayCount::Actual360.days(d(2, 29), d(3, 31))?, 31);
    /// assert_eq!(DayCount::Thirty360.days(d(2, 29), d(3, 31))?, 32);
    /// assert_eq!(DayCount::Thirty360E.days(d(2, 29), d(3, 31))?, 31);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn days(self, start: NaiveDate, end: NaiveDate) -> Result<i64, InterestError> {
        if end < start {
            return Err(InterestError::InvalidDayCountPeriod { start, end });
        }
        Ok(match self {
            DayCount::Actual365Fixed | DayCount::Actual360 | DayCount::ActualActualIsda => {
                (end - start).num_days()
            }
            DayCount::Thirty360 | DayCount::Thirty360E => {
                let mut d1 = i64::from(start.day());
                let mut d2 = i64::from(end.day());
                if d1 == 31 {
                    d1 = 30;
                }
                if d2 == 31 && (self == DayCount::Thirty360E || d1 >= 30) {
                    d2 = 30;
                }
                360 * (i64::from(end.year()) - i64::from(start.year()))
                    + 30 * (i64::from(end.month()) - i64::from(start.month()))
                    + (d2 - d1)
            }
        })
    }

    /// The exact year fraction from `start` to `end` under this convention.
    ///
    /// # Errors
    /// [`InterestError::InvalidDayCountPeriod`] when `end` is before `start`; `overflow`.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::DayCount;
    /// use chrono::NaiveDate;
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// // 15 Dec 2023 to 15 Jan 2024: 17 days in 2023 and 14 in 2024 (leap)
    /// let f = DayCount::ActualActualIsda.year_fraction(d(2023, 12, 15), d(2024, 1, 15))?;
    /// assert_eq!(f.to_string(), "5666/66795"); // 17/365 + 14/366
    /// assert_eq!(DayCount::Actual365Fixed.year_fraction(d(2024, 1, 31), d(2024, 3, 1))?.to_string(), "6/73");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn year_fraction(
        self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Fraction, InterestError> {
        let days = i128::from(self.days(start, end)?);
        match self {
            DayCount::Actual365Fixed => Fraction::new(days, 365),
            DayCount::Actual360 | DayCount::Thirty360 | DayCount::Thirty360E => {
                Fraction::new(days, 360)
            }
            DayCount::ActualActualIsda => {
                let len = |y: i32| {
                    if NaiveDate::from_ymd_opt(y, 2, 29).is_some() {
                        366
                    } else {
                        365
                    }
                };
                let (y1, y2) = (start.year(), end.year());
                if y1 == y2 {
                    return Fraction::new(days, len(y1));
                }
                let jan1 = |y: i32| {
                    NaiveDate::from_ymd_opt(y, 1, 1)
                        .ok_or_else(|| out_of_range(start, "a year start"))
                };
                let first = i128::from((jan1(y1 + 1)? - start).num_days());
                let last = i128::from((end - jan1(y2)?).num_days());
                let middle = i128::from(y2 - y1 - 1);
                Fraction::new(first, len(y1))?
                    .checked_add(Fraction::new(middle, 1)?)?
                    .checked_add(Fraction::new(last, len(y2))?)
            }
        }
    }
}

/// How often interest is capitalised (see the module docs, "Compound interest").
///
/// JSON: `"none"`, `"daily"`, `"monthly"`, `"quarterly"`, `"annually"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compounding {
    /// Simple interest: nothing is capitalised.
    #[default]
    None,
    /// Every day.
    Daily,
    /// Every month from the due date (month-end safe).
    Monthly,
    /// Every three months from the due date.
    Quarterly,
    /// Every twelve months from the due date.
    Annually,
}

impl Compounding {
    /// The snake_case name, as in JSON.
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::interest::Compounding::Quarterly.as_str(), "quarterly");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Compounding::None => "none",
            Compounding::Daily => "daily",
            Compounding::Monthly => "monthly",
            Compounding::Quarterly => "quarterly",
            Compounding::Annually => "annually",
        }
    }

    /// The `k`-th compounding date after `anchor` (`k >= 1`), computed from the anchor.
    fn date(self, anchor: NaiveDate, k: u32) -> Option<NaiveDate> {
        match self {
            Compounding::None => None,
            Compounding::Daily => anchor.checked_add_days(Days::new(u64::from(k))),
            Compounding::Monthly => anchor.checked_add_months(Months::new(k)),
            Compounding::Quarterly => anchor.checked_add_months(Months::new(k.checked_mul(3)?)),
            Compounding::Annually => anchor.checked_add_months(Months::new(k.checked_mul(12)?)),
        }
    }
}

/// How interest is computed: day count, compounding and the rounding of the total.
///
/// JSON: `{"day_count": "actual_365_fixed", "compounding": "none", "rounding": "half_up"}`,
/// every field optional with these defaults.
///
/// ```
/// use ar_core::interest::{DayCount, InterestMethod};
/// let m: InterestMethod = serde_json::from_str(r#"{"day_count": "thirty_360"}"#).unwrap();
/// assert_eq!(m.day_count, DayCount::Thirty360);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestMethod {
    /// The day-count convention (default Actual/365 Fixed).
    #[serde(default)]
    pub day_count: DayCount,
    /// The compounding (default none: simple interest).
    #[serde(default)]
    pub compounding: Compounding,
    /// How the exact total is rounded to the currency (default half up).
    #[serde(default)]
    pub rounding: RoundingMode,
}

// ----- rate tables -----

/// One rate of an [`InterestRateTable`]: an annual rate in percent, in force from a date.
///
/// JSON: `{"from": "2024-01-01", "percent": "8"}` plus an optional `note` used in reasons.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedInterestRate {
    /// The first day the rate is in force.
    pub from: NaiveDate,
    /// The annual rate in percent (`"8"` is 8 % a year); a reference-rate table may hold
    /// negative values, a rate that earns interest may not.
    pub percent: Decimal,
    /// Where the rate comes from, for reasons (e.g. the statutory derivation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Annual interest rates (or reference rates) by the date they take effect, supplied by the
/// host. The rate in force on a day is the latest one dated on or before it (as in
/// [`crate::fx::RateTable`]); there is none before the first.
///
/// Serializes as the list of [`DatedInterestRate`] sorted by date.
///
/// ```
/// use ar_core::interest::InterestRateTable;
/// let d = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let t: InterestRateTable = serde_json::from_str(
///     r#"[{"from": "2024-04-01", "percent": "9"}, {"from": "2024-01-01", "percent": "6"}]"#).unwrap();
/// assert_eq!(t.rate_on(d(3, 31)).unwrap().percent.to_string(), "6");
/// assert_eq!(t.rate_on(d(4, 1)).unwrap().percent.to_string(), "9");
/// assert!(t.rate_on(d(1, 1).pred_opt().unwrap()).is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct InterestRateTable {
    rates: BTreeMap<NaiveDate, (Decimal, Option<String>)>,
}

impl InterestRateTable {
    /// An empty table.
    ///
    /// # Example
    /// ```
    /// assert!(ar_core::interest::InterestRateTable::new().is_empty());
    /// ```
    pub fn new() -> Self {
        InterestRateTable::default()
    }

    /// `true` when the table holds no rate.
    ///
    /// # Example
    /// ```
    /// assert!(ar_core::interest::InterestRateTable::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }

    /// Records `percent` in force from `from` (replacing a rate of the same day).
    ///
    /// # Example
    /// ```
    /// let mut t = ar_core::interest::InterestRateTable::new();
    /// t.insert(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), "4.5".parse().unwrap(), None);
    /// assert_eq!(t.rates().count(), 1);
    /// ```
    pub fn insert(&mut self, from: NaiveDate, percent: Decimal, note: Option<String>) {
        self.rates.insert(from, (percent, note));
    }

    /// The rate in force on `date`: the latest dated on or before it.
    ///
    /// # Example
    /// ```
    /// let mut t = ar_core::interest::InterestRateTable::new();
    /// let d = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// t.insert(d(1, 1), "4.5".parse().unwrap(), None);
    /// assert_eq!(t.rate_on(d(6, 30)).unwrap().from, d(1, 1));
    /// ```
    pub fn rate_on(&self, date: NaiveDate) -> Option<DatedInterestRate> {
        self.rates
            .range(..=date)
            .next_back()
            .map(|(from, (percent, note))| DatedInterestRate {
                from: *from,
                percent: *percent,
                note: note.clone(),
            })
    }

    /// Every rate, sorted by date.
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::interest::InterestRateTable::new().rates().count(), 0);
    /// ```
    pub fn rates(&self) -> impl Iterator<Item = DatedInterestRate> + '_ {
        self.rates
            .iter()
            .map(|(from, (percent, note))| DatedInterestRate {
                from: *from,
                percent: *percent,
                note: note.clone(),
            })
    }

    fn dates_in(&self, after: NaiveDate, up_to: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        use std::ops::Bound::{Excluded, Included};
        self.rates
            .range((Excluded(after), Included(up_to)))
            .map(|(d, _)| *d)
    }
}

impl Serialize for InterestRateTable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.rates())
    }
}

impl<'de> Deserialize<'de> for InterestRateTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<DatedInterestRate>::deserialize(d)?;
        let mut table = InterestRateTable::new();
        for r in list {
            table.insert(r.from, r.percent, r.note);
        }
        Ok(table)
    }
}

fn eight() -> Decimal {
    Decimal::from(8)
}

const EU_REGIME: &str = "EU 2011/7/EU (ECB MRO)";
const UK_REGIME: &str = "UK 1998 Act (Bank Rate)";

/// Where the interest rate comes from: a fixed rate, a host table, or a statutory preset over
/// host-supplied reference rates (see the module docs for the statutes).
///
/// JSON, tagged by `type`:
/// `{"type": "fixed", "percent": "8"}`,
/// `{"type": "table", "rates": [{"from": "2024-01-01", "percent": "6"}]}`,
/// `{"type": "eu_late_payment", "reference_rates": [...], "margin": "8"}`,
/// `{"type": "uk_late_payment", "reference_rates": [...], "margin": "8"}` (`margin` optional).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum RateSource {
    /// One rate for every day.
    Fixed {
        /// The annual rate in percent.
        percent: Decimal,
    },
    /// A host table of annual rates by date.
    Table {
        /// The rates.
        rates: InterestRateTable,
    },
    /// Directive 2011/7/EU: the reference rate in force on 1 January (for January to June)
    /// or 1 July (for July to December) plus `margin` points, changing every half-year.
    EuLatePayment {
        /// The reference rate (ECB MRO rate, or the national central bank's) by the date each
        /// value took effect.
        reference_rates: InterestRateTable,
        /// Percentage points over the reference rate (default 8, the directive's minimum).
        #[serde(default = "eight")]
        margin: Decimal,
    },
    /// UK 1998 Act: Bank Rate in force on the 30 June or 31 December immediately before the
    /// day interest starts to run, plus `margin` points, fixed for the whole delay.
    UkLatePayment {
        /// Bank Rate by the date each value took effect.
        reference_rates: InterestRateTable,
        /// Percentage points over Bank Rate (default 8).
        #[serde(default = "eight")]
        margin: Decimal,
    },
}

impl RateSource {
    /// The EU preset with the directive's 8 points.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::{InterestRateTable, RateSource};
    /// let s = RateSource::eu_late_payment(InterestRateTable::new());
    /// assert!(s.is_statutory());
    /// ```
    pub fn eu_late_payment(reference_rates: InterestRateTable) -> Self {
        RateSource::EuLatePayment {
            reference_rates,
            margin: eight(),
        }
    }

    /// The UK preset with the Order's 8 %.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::{InterestRateTable, RateSource};
    /// assert!(RateSource::uk_late_payment(InterestRateTable::new()).is_statutory());
    /// ```
    pub fn uk_late_payment(reference_rates: InterestRateTable) -> Self {
        RateSource::UkLatePayment {
            reference_rates,
            margin: eight(),
        }
    }

    /// Whether this is a statutory preset (simple interest only).
    ///
    /// # Example
    /// ```
    /// let s = ar_core::interest::RateSource::Fixed { percent: "8".parse().unwrap() };
    /// assert!(!s.is_statutory());
    /// ```
    pub fn is_statutory(&self) -> bool {
        matches!(
            self,
            RateSource::EuLatePayment { .. } | RateSource::UkLatePayment { .. }
        )
    }

    /// The annual rates in force for interest on a debt due on `due_date`, for the days up to
    /// `as_of` (an empty table when `as_of` is not after the due date: nothing accrues). A fixed
    /// rate is in force from the day after the due date; a table is returned as it is; the
    /// presets derive one rate per half-year (EU) or one rate for the whole
    /// delay (UK), each with a note saying how.
    ///
    /// # Errors
    /// [`InterestError::MissingReferenceRate`] when a preset needs a reference rate the table
    /// does not have; `overflow`; `date_out_of_range`.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::{InterestRateTable, RateSource};
    /// use chrono::NaiveDate;
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// let mut mro = InterestRateTable::new();
    /// mro.insert(d(2023, 9, 20), "4.50".parse().unwrap(), None);
    /// mro.insert(d(2024, 6, 12), "4.25".parse().unwrap(), None);
    /// let rates = RateSource::eu_late_payment(mro).rates_for(d(2024, 5, 31), d(2024, 8, 31))?;
    /// let r: Vec<_> = rates.rates().map(|r| (r.from.to_string(), r.percent.to_string())).collect();
    /// assert_eq!(r, vec![("2024-01-01".to_string(), "12.50".to_string()),
    ///                    ("2024-07-01".to_string(), "12.25".to_string())]);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn rates_for(
        &self,
        due_date: NaiveDate,
        as_of: NaiveDate,
    ) -> Result<InterestRateTable, InterestError> {
        let mut table = InterestRateTable::new();
        if as_of <= due_date {
            // nothing accrues yet, whatever the source
            return Ok(table);
        }
        let start = next_day(due_date)?;
        let add =
            |a: Decimal, b: Decimal| a.checked_add(b).ok_or_else(|| overflow("statutory rate"));
        match self {
            RateSource::Fixed { percent } => table.insert(start, *percent, None),
            RateSource::Table { rates } => return Ok(rates.clone()),
            RateSource::EuLatePayment {
                reference_rates,
                margin,
            } => {
                let mut half = half_year_start(start)?;
                let halves = (i64::from(as_of.year()) - i64::from(half.year()) + 1) * 2;
                if halves > MAX_PERIODS as i64 {
                    return Err(InterestError::TooManyPeriods { limit: MAX_PERIODS });
                }
                while half <= as_of {
                    let reference = reference_rates.rate_on(half).ok_or(
                        InterestError::MissingReferenceRate {
                            regime: EU_REGIME,
                            date: half,
                        },
                    )?;
                    let note = format!(
                        "Directive 2011/7/EU art. 2(6), 3(2): reference rate {} % in force on {half} + {margin} points",
                        reference.percent
                    );
                    table.insert(half, add(reference.percent, *margin)?, Some(note));
                    half = half
                        .checked_add_months(Months::new(6))
                        .ok_or_else(|| out_of_range(half, "the next half-year"))?;
                }
            }
            RateSource::UkLatePayment {
                reference_rates,
                margin,
            } => {
                // SI 2002/1675 art. 4: 30 June for interest starting 1 Jul..31 Dec,
                // 31 December for interest starting 1 Jan..30 Jun
                let reference_day = if start.month() >= 7 {
                    NaiveDate::from_ymd_opt(start.year(), 6, 30)
                } else {
                    NaiveDate::from_ymd_opt(start.year() - 1, 12, 31)
                }
                .ok_or_else(|| out_of_range(start, "the UK reference day"))?;
                let reference = reference_rates.rate_on(reference_day).ok_or(
                    InterestError::MissingReferenceRate {
                        regime: UK_REGIME,
                        date: reference_day,
                    },
                )?;
                let note = format!(
                    "Late Payment of Commercial Debts (Interest) Act 1998 s.6, SI 2002/1675 art. 4: Bank Rate {} % in force on {reference_day} + {margin} %, fixed for the whole delay",
                    reference.percent
                );
                table.insert(start, add(reference.percent, *margin)?, Some(note));
            }
        }
        Ok(table)
    }
}

/// 1 January or 1 July on or before `date`.
fn half_year_start(date: NaiveDate) -> Result<NaiveDate, InterestError> {
    let month = if date.month() >= 7 { 7 } else { 1 };
    NaiveDate::from_ymd_opt(date.year(), month, 1)
        .ok_or_else(|| out_of_range(date, "the half-year start"))
}

// ----- accrual -----

/// A reduction of the principal on a day: a payment, a credit, a discount taken or a
/// write-off. The principal is lower from the next day on (the day itself still earns
/// interest on it).
///
/// JSON: `{"date": "2024-02-15", "amount": "400.00", "reason": "payment P-1"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipalChange {
    /// The day of the payment (or credit, discount, write-off).
    pub date: NaiveDate,
    /// The amount the principal goes down by (positive).
    pub amount: Decimal,
    /// What it was, for reasons.
    #[serde(default)]
    pub reason: String,
}

impl PrincipalChange {
    /// A reduction of `amount` on `date`.
    ///
    /// # Example
    /// ```
    /// let c = ar_core::interest::PrincipalChange::new(
    ///     chrono::NaiveDate::from_ymd_opt(2024, 2, 15).unwrap(), "400.00".parse().unwrap(), "payment P-1");
    /// assert_eq!(c.reason, "payment P-1");
    /// ```
    pub fn new(date: NaiveDate, amount: Decimal, reason: &str) -> Self {
        PrincipalChange {
            date,
            amount,
            reason: reason.to_string(),
        }
    }
}

/// Everything needed to accrue interest on one overdue amount.
///
/// JSON: `{"currency": "EUR", "principal": "1000.00", "due_date": "2024-01-31",
/// "as_of": "2024-03-31", "changes": [...], "rates": {"type": "fixed", "percent": "10"},
/// "method": {...}}` (`changes` and `method` optional).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccrualInput {
    /// The currency (the total is rounded to its minor unit).
    pub currency: Currency,
    /// The amount due on the due date (zero or more).
    pub principal: Decimal,
    /// The due date: it earns no interest; accrual starts the next day.
    pub due_date: NaiveDate,
    /// The last day that earns interest (inclusive).
    pub as_of: NaiveDate,
    /// Reductions of the principal, in any order; those dated on or before the due date reduce
    /// the principal before accrual starts, those after `as_of` are ignored.
    #[serde(default)]
    pub changes: Vec<PrincipalChange>,
    /// The rate.
    pub rates: RateSource,
    /// Day count, compounding, rounding.
    #[serde(default)]
    pub method: InterestMethod,
}

/// One period of constant principal, balance and rate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestPeriod {
    /// The first day that earns interest in the period (inclusive).
    pub from: NaiveDate,
    /// The last day that earns interest in the period (inclusive).
    pub to: NaiveDate,
    /// The actual number of days, `to - from + 1`.
    pub days: i64,
    /// The days the day-count convention counts (30/360 day count; the actual days for the
    /// Actual conventions).
    pub basis_days: i64,
    /// The principal outstanding during the period.
    pub principal: Decimal,
    /// Interest capitalised before the period and bearing interest in it (compound interest
    /// only; to [`CAPITALISATION_SCALE`] places, trailing zeros dropped; omitted when zero).
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub capitalised: Decimal,
    /// The annual rate in percent.
    pub rate: Decimal,
    /// The day the rate took effect.
    pub rate_from: NaiveDate,
    /// The exact year fraction of the period.
    pub year_fraction: Fraction,
    /// The exact interest of the period: `(principal + capitalised) × rate / 100 × year_fraction`.
    pub interest_exact: Fraction,
    /// The period's rounded share of the total (the shares sum to the total exactly).
    pub interest: Decimal,
    /// Why the period is what it is, for people.
    pub reason: String,
}

/// The interest on one overdue amount, period by period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestBreakdown {
    /// The currency.
    pub currency: Currency,
    /// The due date (earns nothing).
    pub due_date: NaiveDate,
    /// The last day accrued.
    pub as_of: NaiveDate,
    /// The exact total, the sum of the periods' exact interest.
    pub total_exact: Fraction,
    /// The total rounded once to the currency.
    pub total: Decimal,
    /// Interest capitalised on compounding dates up to `as_of` (compound interest only;
    /// omitted when zero).
    #[serde(default, skip_serializing_if = "Decimal::is_zero")]
    pub capitalised: Decimal,
    /// The periods, in date order; empty when nothing accrued.
    pub periods: Vec<InterestPeriod>,
}

/// Accrues interest on one amount from the day after `due_date` to `as_of` inclusive.
///
/// The period is split after every day a principal change is dated, before every day a new
/// rate takes effect and after every compounding date (see the module docs for the
/// conventions, exactness, rounding and compounding). Nothing accrues when `as_of` is on or
/// before the due date, or once the principal is paid.
///
/// # Errors
/// `negative_principal`; `invalid_principal_change` (an amount of zero or less, or changes
/// adding up to more than the principal); `statutory_interest_is_simple` (compounding with a
/// statutory preset); `missing_interest_rate` (a day without a rate), `negative_interest_rate`,
/// `missing_reference_rate`; `too_many_periods`; `no_minor_unit`, `overflow`,
/// `date_out_of_range`.
///
/// # Example
/// ```
/// use ar_core::interest::{accrue, AccrualInput, InterestRateTable, RateSource};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
/// let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
/// let mut rates = InterestRateTable::new();
/// rates.insert(d(1, 1), "6".parse().unwrap(), None);
/// rates.insert(d(4, 1), "9".parse().unwrap(), None);
/// let input = AccrualInput {
///     currency: Currency::from_code("EUR")?, principal: "2000.00".parse().unwrap(),
///     due_date: d(3, 15), as_of: d(4, 30), changes: vec![],
///     rates: RateSource::Table { rates },
///     method: serde_json::from_str(r#"{"day_count": "actual_360"}"#).unwrap(),
/// };
/// let b = accrue(&input)?;
/// // 16..31 Mar: 2000 × 6 % × 16/360 = 5.333...; 1..30 Apr: 2000 × 9 % × 30/360 = 15
/// assert_eq!(b.total_exact.to_string(), "61/3");
/// assert_eq!(b.total.to_string(), "20.33");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn accrue(input: &AccrualInput) -> Result<InterestBreakdown, InterestError> {
    let currency = input.currency;
    let dp = currency
        .minor_units()
        .ok_or_else(|| MoneyError::NoMinorUnit {
            code: currency.code().to_string(),
        })?;
    if input.principal < Decimal::ZERO {
        return Err(InterestError::NegativePrincipal {
            amount: input.principal,
        });
    }
    if input.rates.is_statutory() && input.method.compounding != Compounding::None {
        return Err(InterestError::StatutoryInterestIsSimple {
            compounding: input.method.compounding.as_str(),
        });
    }
    let mut changes: Vec<&PrincipalChange> = input.changes.iter().collect();
    changes.sort_by_key(|c| c.date);
    let mut left = input.principal;
    for c in &changes {
        if c.amount <= Decimal::ZERO {
            return Err(InterestError::InvalidChange {
                date: c.date,
                amount: c.amount,
                detail: "it must be greater than zero".into(),
            });
        }
        left = left
            .checked_sub(c.amount)
            .ok_or_else(|| overflow("principal"))?;
        if left < Decimal::ZERO {
            return Err(InterestError::InvalidChange {
                date: c.date,
                amount: c.amount,
                detail: format!(
                    "the changes up to that day add up to more than the principal `{}`",
                    input.principal
                ),
            });
        }
    }
    let zero = with_scale(Decimal::ZERO, dp).unwrap_or(Decimal::ZERO);
    let mut breakdown = InterestBreakdown {
        currency,
        due_date: input.due_date,
        as_of: input.as_of,
        total_exact: Fraction::ZERO,
        total: zero,
        capitalised: Decimal::ZERO,
        periods: Vec::new(),
    };
    let (due, as_of) = (input.due_date, input.as_of);
    if as_of <= due {
        return Ok(breakdown);
    }
    let rates = input.rates.rates_for(due, as_of)?;

    // Period ends (inclusive last days), each with why it ends there.
    let mut ends: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    ends.entry(as_of).or_default().push("the as-of date".into());
    for c in &changes {
        if c.date > due && c.date < as_of {
            let what = if c.reason.is_empty() {
                "principal reduced"
            } else {
                &c.reason
            };
            ends.entry(c.date)
                .or_default()
                .push(format!("{what}: {} paid down on {}", c.amount, c.date));
        }
    }
    let first_day = next_day(due)?;
    for r in rates.dates_in(first_day, as_of) {
        let percent = rates.rate_on(r).map(|x| x.percent).unwrap_or_default();
        ends.entry(prev_day(r)?)
            .or_default()
            .push(format!("the rate changes to {percent} % on {r}"));
    }
    let mut compounding_dates = BTreeSet::new();
    if input.method.compounding != Compounding::None {
        let mut k = 1u32;
        while let Some(c) = input.method.compounding.date(due, k) {
            if c >= as_of {
                break;
            }
            if compounding_dates.len() >= MAX_PERIODS {
                return Err(InterestError::TooManyPeriods { limit: MAX_PERIODS });
            }
            compounding_dates.insert(c);
            ends.entry(c)
                .or_default()
                .push("compounding date: the interest since the last one is capitalised".into());
            k = k
                .checked_add(1)
                .ok_or(InterestError::TooManyPeriods { limit: MAX_PERIODS })?;
        }
    }
    if ends.len() > MAX_PERIODS {
        return Err(InterestError::TooManyPeriods { limit: MAX_PERIODS });
    }

    let method = input.method;
    let hundred = Fraction::new(1, 100)?;
    let mut d1 = due;
    let mut change_idx = 0;
    let mut principal = input.principal;
    let mut capitalised = Decimal::ZERO;
    let mut pending = Fraction::ZERO;
    let mut exacts = Vec::new();
    for (d2, why) in &ends {
        // the principal at the start of day d1 + 1: every change dated d1 or earlier applied
        while change_idx < changes.len() && changes[change_idx].date <= d1 {
            principal = principal
                .checked_sub(changes[change_idx].amount)
                .ok_or_else(|| overflow("principal"))?;
            change_idx += 1;
        }
        if principal <= Decimal::ZERO {
            break;
        }
        let from = next_day(d1)?;
        let rate = rates
            .rate_on(from)
            .ok_or(InterestError::MissingRate { date: from })?;
        if rate.percent < Decimal::ZERO {
            return Err(InterestError::NegativeRate {
                rate: rate.percent,
                from: rate.from,
            });
        }
        let balance = principal
            .checked_add(capitalised)
            .ok_or_else(|| overflow("balance"))?;
        let year_fraction = method.day_count.year_fraction(d1, *d2)?;
        let exact = Fraction::from_decimal(balance)?
            .checked_mul(Fraction::from_decimal(rate.percent)?)?
            .checked_mul(hundred)?
            .checked_mul(year_fraction)?;
        breakdown.total_exact = breakdown.total_exact.checked_add(exact)?;
        pending = pending.checked_add(exact)?;
        let days = (*d2 - d1).num_days();
        let basis_days = method.day_count.days(d1, *d2)?;
        let on = if capitalised.is_zero() {
            principal.to_string()
        } else {
            format!("{principal} + {} capitalised", capitalised.normalize())
        };
        let note = rate
            .note
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let unit = if days == 1 { "day" } else { "days" };
        let reason = format!(
            "{from} to {d2}, {days} {unit} on {on} at {} % a year{note}, {} {year_fraction}; ends: {}",
            rate.percent,
            method.day_count.name(),
            why.join("; ")
        );
        breakdown.periods.push(InterestPeriod {
            from,
            to: *d2,
            days,
            basis_days,
            principal,
            capitalised: capitalised.normalize(),
            rate: rate.percent,
            rate_from: rate.from,
            year_fraction,
            interest_exact: exact,
            interest: zero,
            reason,
        });
        exacts.push(exact);
        if compounding_dates.contains(d2) {
            let amount = pending.round(CAPITALISATION_SCALE, RoundingMode::HalfUp)?;
            capitalised = capitalised
                .checked_add(amount)
                .ok_or_else(|| overflow("capitalised interest"))?;
            pending = Fraction::ZERO;
        }
        d1 = *d2;
    }
    breakdown.capitalised = capitalised.normalize();
    breakdown.total = breakdown.total_exact.round(dp, method.rounding)?;
    let shares = allocate(&exacts, breakdown.total, dp)?;
    for (p, s) in breakdown.periods.iter_mut().zip(shares) {
        p.interest = s;
    }
    Ok(breakdown)
}

/// Splits `total` (rounded to `dp` places) over `exacts` by largest remainder: each takes its
/// exact value rounded down; the missing units go to the largest remainders, ties to the
/// earlier one.
fn allocate(exacts: &[Fraction], total: Decimal, dp: u32) -> Result<Vec<Decimal>, InterestError> {
    let pow = Fraction::new(
        10i128
            .checked_pow(dp)
            .ok_or_else(|| overflow("allocation"))?,
        1,
    )?;
    let mut floors = Vec::with_capacity(exacts.len());
    let mut rems = Vec::with_capacity(exacts.len());
    let mut sum: i128 = 0;
    for e in exacts {
        let scaled = e.checked_mul(pow)?;
        let floor = scaled.numerator.div_euclid(scaled.denominator);
        rems.push(scaled.checked_sub(Fraction::new(floor, 1)?)?);
        floors.push(floor);
        sum = sum
            .checked_add(floor)
            .ok_or_else(|| overflow("allocation"))?;
    }
    let total_units = Fraction::from_decimal(total)?.checked_mul(pow)?.numerator;
    let missing = total_units
        .checked_sub(sum)
        .ok_or_else(|| overflow("allocation"))?;
    let mut order: Vec<usize> = (0..exacts.len()).collect();
    // largest remainder first; the sort is stable, so ties keep the earlier period first
    order.sort_by(|&a, &b| cmp_fractions(rems[b], rems[a]));
    let missing = usize::try_from(missing.max(0)).unwrap_or(usize::MAX);
    for &i in order.iter().take(missing) {
        floors[i] += 1;
    }
    floors
        .into_iter()
        .map(|u| Decimal::try_from_i128_with_scale(u, dp).map_err(|_| overflow("allocation")))
        .collect()
}

// ----- the account -----

/// What happens to fees and interest still unpaid once their principal is paid.
///
/// JSON: `"claimable"` (default) or `"waive"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnpaidChargesPolicy {
    /// They stay owed: open charges stay open, and interest that accrued until the principal
    /// was paid is still charged (the statutes' default: the UK fixed sum and interest are
    /// owed for a debt paid late even after it is paid).
    #[default]
    Claimable,
    /// Once the principal is paid they are waived: no new fee or interest charge for it, and
    /// [`waive_unpaid_charges`] proposes a write-off of each charge still open.
    Waive,
}

/// The history of one installment's principal, as interest sees it (see
/// [`principal_changes`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemPrincipal {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its amount as issued.
    pub original: Decimal,
    /// What reduced it, in date order.
    pub changes: Vec<PrincipalChange>,
    /// What is outstanding at the end of the as-of date.
    pub outstanding: Decimal,
}

/// The reductions of one installment's principal up to `as_of`, from the account's history:
/// cash applied, credits applied, discounts taken and write-offs, each on the day of its
/// event. A payment that was reversed (bounced) on or before `as_of` counts as never made, so
/// interest runs as if it had never arrived; a reversal after `as_of` is not known yet.
///
/// # Errors
/// `unknown_document`, `unknown_installment`; `overflow`.
///
/// # Example
/// ```
/// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
/// use ar_core::interest::principal_changes;
/// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
/// let eur = Currency::from_code("EUR")?;
/// let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
/// let mut a = Account::new(AccountConfig::new("ACME", eur));
/// let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", d(1, 1), eur,
///     "1000.00".parse().unwrap()), &Default::default())?;
/// a.apply(&Event::new("e1", d(1, 1), EventBody::DocumentIssued { document: inv }))?;
/// a.apply(&Event::new("e2", d(2, 15), EventBody::payment("P-1", "400.00".parse().unwrap(), eur)))?;
/// let p = principal_changes(&a, "INV-1", 0, d(3, 31))?;
/// assert_eq!(p.changes[0].reason, "payment P-1");
/// assert_eq!(p.outstanding.to_string(), "600.00");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn principal_changes(
    account: &Account,
    document: &str,
    installment: u32,
    as_of: NaiveDate,
) -> Result<ItemPrincipal, InterestError> {
    item_principal(
        account,
        &PaymentIndex::new(account, as_of),
        document,
        installment,
        as_of,
    )
}

/// The account's payments as the principal history needs them, built once per run.
pub(crate) struct PaymentIndex<'a> {
    /// Events whose allocations a reversal known by the as-of date undid.
    reversed: BTreeSet<&'a str>,
    /// Payment ids by their receiving event.
    payment_of: BTreeMap<&'a str, &'a str>,
}

impl<'a> PaymentIndex<'a> {
    pub(crate) fn new(account: &'a Account, as_of: NaiveDate) -> Self {
        let mut reversed = BTreeSet::new();
        let mut payment_of = BTreeMap::new();
        for (id, p) in account.payments() {
            payment_of.insert(p.event.as_str(), id);
            if p.reversed.as_ref().is_some_and(|r| r.date <= as_of) {
                reversed.insert(p.event.as_str());
                for a in &p.allocations {
                    reversed.insert(a.event.as_str());
                }
            }
        }
        PaymentIndex {
            reversed,
            payment_of,
        }
    }
}

/// [`principal_changes`] with the payment index built once.
pub(crate) fn item_principal(
    account: &Account,
    payments: &PaymentIndex<'_>,
    document: &str,
    installment: u32,
    as_of: NaiveDate,
) -> Result<ItemPrincipal, InterestError> {
    let ds = account
        .document(document)
        .ok_or_else(|| LedgerError::UnknownDocument {
            document: document.to_string(),
        })?;
    let sched = ds
        .document
        .installments
        .get(installment as usize)
        .ok_or_else(|| LedgerError::UnknownInstallment {
            document: document.to_string(),
            installment,
        })?;
    let mut changes = Vec::new();
    let mut outstanding = sched.amount;
    for h in &ds.history {
        if h.date > as_of
            || h.installment != Some(installment)
            || payments.reversed.contains(h.event.as_str())
        {
            continue;
        }
        let what = match h.kind {
            HistoryKind::Payment => match payments.payment_of.get(h.event.as_str()) {
                Some(p) => format!("payment {p}"),
                None => format!("payment (event {})", h.event),
            },
            HistoryKind::Credit => format!("credit applied (event {})", h.event),
            HistoryKind::DiscountTaken => format!("discount taken (event {})", h.event),
            HistoryKind::WriteOff => format!("write-off (event {})", h.event),
            _ => continue,
        };
        outstanding = outstanding
            .checked_sub(h.amount)
            .ok_or_else(|| overflow("principal"))?;
        changes.push(PrincipalChange::new(h.date, h.amount, &what));
    }
    changes.sort_by_key(|c| c.date);
    Ok(ItemPrincipal {
        document: document.to_string(),
        installment,
        due_date: sched.due_date,
        original: sched.amount,
        changes,
        outstanding,
    })
}

fn default_interest_prefix() -> String {
    "INT-".to_string()
}

/// How interest is charged on an account's overdue items.
///
/// JSON: `{"rates": {"type": "fixed", "percent": "8"}, "method": {...},
/// "after_principal_paid": "claimable", "id_prefix": "INT-", "charge_terms": {...}}`, all but
/// `rates` optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InterestPolicy {
    /// Where the rate comes from.
    pub rates: RateSource,
    /// Day count, compounding and rounding (default Actual/365 Fixed, simple, half up).
    #[serde(default)]
    pub method: InterestMethod,
    /// Interest on a principal that is paid by the as-of date: still charged (default) or
    /// waived.
    #[serde(default)]
    pub after_principal_paid: UnpaidChargesPolicy,
    /// Charge document ids are `{id_prefix}{document}/{installment}/{as_of}` (default `INT-`).
    #[serde(default = "default_interest_prefix")]
    pub id_prefix: String,
    /// Payment terms of the charge documents (default: due on the as-of date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_terms: Option<Terms>,
}

impl InterestPolicy {
    /// A policy with `rates` and every default.
    ///
    /// # Example
    /// ```
    /// use ar_core::interest::{InterestPolicy, RateSource};
    /// let p = InterestPolicy::new(RateSource::Fixed { percent: "8".parse().unwrap() });
    /// assert_eq!(p.id_prefix, "INT-");
    /// ```
    pub fn new(rates: RateSource) -> Self {
        InterestPolicy {
            rates,
            method: InterestMethod::default(),
            after_principal_paid: UnpaidChargesPolicy::default(),
            id_prefix: default_interest_prefix(),
            charge_terms: None,
        }
    }
}

/// The interest on one overdue installment of the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemInterest {
    /// The principal document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// What is outstanding at the end of the as-of date.
    pub outstanding: Decimal,
    /// Everything accrued from the day after the due date to the as-of date.
    pub accrued: InterestBreakdown,
    /// The interest charge documents already issued for it (voided ones included: a voided
    /// charge is forgiven, not charged again).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charged_by: Vec<String>,
    /// Their total.
    pub already_charged: Decimal,
    /// The last day they cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charged_through: Option<NaiveDate>,
    /// What the new charge is for: `accrued.total - already_charged` (zero when nothing is to
    /// be charged).
    pub to_charge: Decimal,
    /// The id of the proposed charge document, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_id: Option<String>,
    /// Why, for people.
    pub reason: String,
}

/// Interest on an account as of a date (see [`accrue_account`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountInterest {
    /// The last day accrued.
    pub as_of: NaiveDate,
    /// The account currency.
    pub currency: Currency,
    /// Every principal installment overdue at some time up to `as_of`, in due date order.
    pub items: Vec<ItemInterest>,
    /// The sum of the items' accrued totals.
    pub accrued: Decimal,
    /// The sum of what is to be charged now.
    pub to_charge: Decimal,
    /// The `interest_charge` documents to issue (in a `document_issued` event each, dated
    /// `as_of`), one per item with something to charge.
    pub charges: Vec<Document>,
}

/// Accrues interest on every overdue principal installment (invoices and debit notes, not
/// voided) of `account` as of `as_of`, and proposes the `interest_charge` documents the host
/// can issue. Pure: the account is not changed.
///
/// For each installment, interest accrues from the day after its due date on the principal
/// outstanding each day, from the account's history up to `as_of` (see [`principal_changes`]),
/// with `policy.rates` and `policy.method` (see [`accrue`]). Fee and interest charges earn no
/// interest. Disputed and deducted amounts still do.
///
/// Idempotent charging: each charge document says what it covers in
/// [`Document::charge_for`] (the installment, key `through-{as_of}`, the first and last day).
/// For an installment already charged through `as_of` or later nothing is proposed; otherwise
/// the new charge is the accrued total minus every charge already issued for it, so the charges
/// always add up to the total accrued through the last one, rounded once. Running twice with
/// the same account and date proposes the same documents, and once they are applied, nothing.
/// With [`UnpaidChargesPolicy::Waive`], nothing is charged for a principal paid by `as_of`.
///
/// # Errors
/// The [`accrue`] errors of any item; `unknown_currency`-free but `invalid_installment` and
/// the like from issuing the charge with [`issue_simple`] (e.g. a bad `charge_terms`).
///
/// # Example
/// ```
/// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
/// use ar_core::interest::{accrue_account, InterestPolicy, RateSource};
/// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
/// let eur = Currency::from_code("EUR")?;
/// let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
/// let mut a = Account::new(AccountConfig::new("ACME", eur));
/// let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", d(1, 31), eur,
///     "1000.00".parse().unwrap()), &Default::default())?; // due on its date
/// a.apply(&Event::new("e1", d(1, 31), EventBody::DocumentIssued { document: inv }))?;
/// let policy = InterestPolicy::new(RateSource::Fixed { percent: "8".parse().unwrap() });
/// let run = accrue_account(&a, &policy, d(3, 1))?;
/// // 1000 × 8 % × 30/365 = 6.575... -> 6.58
/// assert_eq!(run.charges[0].total.to_string(), "6.58");
/// assert_eq!(run.charges[0].id, "INT-INV-1/0/2024-03-01");
/// a.apply(&Event::new("e2", d(3, 1), EventBody::DocumentIssued { document: run.charges[0].clone() }))?;
/// assert!(accrue_account(&a, &policy, d(3, 1))?.charges.is_empty()); // charged once
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn accrue_account(
    account: &Account,
    policy: &InterestPolicy,
    as_of: NaiveDate,
) -> Result<AccountInterest, InterestError> {
    let config = account.config();
    let currency = config.currency;
    let dp = currency
        .minor_units()
        .ok_or_else(|| MoneyError::NoMinorUnit {
            code: currency.code().to_string(),
        })?;
    let zero = with_scale(Decimal::ZERO, dp).unwrap_or(Decimal::ZERO);
    let payments = PaymentIndex::new(account, as_of);
    // existing interest charges by (document, installment)
    let mut charged: BTreeMap<(&str, u32), Vec<&Document>> = BTreeMap::new();
    for (_, ds) in account.documents() {
        let doc = &ds.document;
        if doc.kind != DocumentKind::InterestCharge || issued_after(ds, as_of) {
            continue;
        }
        if let Some(c) = &doc.charge_for {
            if let Some(inst) = c.installment {
                charged
                    .entry((c.document.as_str(), inst))
                    .or_default()
                    .push(doc);
            }
        }
    }
    let mut out = AccountInterest {
        as_of,
        currency,
        items: Vec::new(),
        accrued: zero,
        to_charge: zero,
        charges: Vec::new(),
    };
    for (id, ds) in account.documents() {
        let doc = &ds.document;
        if ds.voided
            || !matches!(doc.kind, DocumentKind::Invoice | DocumentKind::DebitNote)
            || issued_after(ds, as_of)
        {
            continue;
        }
        for (i, sched) in doc.installments.iter().enumerate() {
            let inst = u32::try_from(i).map_err(|_| overflow("installment index"))?;
            if sched.due_date >= as_of {
                continue;
            }
            let item = item_principal(account, &payments, id, inst, as_of)?;
            let accrued = accrue(&AccrualInput {
                currency,
                principal: item.original,
                due_date: item.due_date,
                as_of,
                changes: item.changes.clone(),
                rates: policy.rates.clone(),
                method: policy.method,
            })?;
            let existing = charged.get(&(id, inst)).cloned().unwrap_or_default();
            if accrued.periods.is_empty() && existing.is_empty() {
                continue; // never overdue
            }
            let mut already = zero;
            let mut through: Option<NaiveDate> = None;
            for c in &existing {
                already = already
                    .checked_add(c.total)
                    .ok_or_else(|| overflow("interest charged"))?;
                if let Some(t) = c.charge_for.as_ref().and_then(|c| c.through) {
                    through = Some(through.map_or(t, |x| x.max(t)));
                }
            }
            let label = format!("{id} #{}", inst + 1);
            let mut to_charge = zero;
            let mut charge_id = None;
            let reason;
            if through.is_some_and(|t| t >= as_of) {
                reason = format!(
                    "{label}: already charged through {} by {}",
                    through.unwrap_or(as_of),
                    existing
                        .iter()
                        .map(|d| d.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            } else if policy.after_principal_paid == UnpaidChargesPolicy::Waive
                && item.outstanding <= Decimal::ZERO
            {
                reason = format!(
                    "{label}: principal paid by {as_of}; interest not yet charged ({} accrued, {already} charged) is waived by policy",
                    accrued.total
                );
            } else {
                let diff = accrued
                    .total
                    .checked_sub(already)
                    .ok_or_else(|| overflow("interest to charge"))?;
                if diff > Decimal::ZERO {
                    to_charge = diff;
                    let from = match through {
                        Some(t) => next_day(t)?,
                        None => next_day(item.due_date)?,
                    };
                    let charge_id_text = format!("{}{id}/{inst}/{as_of}", policy.id_prefix);
                    let mut draft = SimpleDraft::new(
                        DocumentKind::InterestCharge,
                        &charge_id_text,
                        &config.customer,
                        as_of,
                        currency,
                        diff,
                    );
                    draft.terms = policy.charge_terms.clone();
                    draft.charge_for = Some(ChargeFor {
                        document: id.to_string(),
                        installment: Some(inst),
                        key: format!("through-{as_of}"),
                        from: Some(from),
                        through: Some(as_of),
                    });
                    let document = issue_simple(&draft, &Default::default())?;
                    reason = format!(
                        "{label}: interest from {from} to {as_of}: {} accrued since the due date {} minus {already} already charged = {diff}",
                        accrued.total, item.due_date
                    );
                    charge_id = Some(charge_id_text);
                    out.charges.push(document);
                } else {
                    reason = format!(
                        "{label}: nothing to charge: {} accrued, {already} already charged",
                        accrued.total
                    );
                }
            }
            out.accrued = out
                .accrued
                .checked_add(accrued.total)
                .ok_or_else(|| overflow("interest accrued"))?;
            out.to_charge = out
                .to_charge
                .checked_add(to_charge)
                .ok_or_else(|| overflow("interest to charge"))?;
            out.items.push(ItemInterest {
                document: id.to_string(),
                installment: inst,
                due_date: item.due_date,
                outstanding: item.outstanding,
                accrued,
                charged_by: existing.iter().map(|d| d.id.clone()).collect(),
                already_charged: already,
                charged_through: through,
                to_charge,
                charge_id,
                reason,
            });
        }
    }
    out.items.sort_by(|a, b| {
        (a.due_date, &a.document, a.installment).cmp(&(b.due_date, &b.document, b.installment))
    });
    let order: BTreeMap<&str, usize> = out
        .items
        .iter()
        .enumerate()
        .filter_map(|(n, it)| it.charge_id.as_deref().map(|c| (c, n)))
        .collect();
    let mut charges = std::mem::take(&mut out.charges);
    charges.sort_by_key(|d| order.get(d.id.as_str()).copied().unwrap_or(usize::MAX));
    out.charges = charges;
    Ok(out)
}

/// Whether the document was issued after `as_of` (by its issue event's date).
pub(crate) fn issued_after(ds: &crate::ledger::DocumentState, as_of: NaiveDate) -> bool {
    ds.history
        .iter()
        .find(|h| h.kind == HistoryKind::Issued)
        .is_some_and(|h| h.date > as_of)
}

/// A write-off of a fee or interest charge proposed because its principal is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargeWaiver {
    /// The charge document.
    pub document: String,
    /// The principal document it was charged for.
    pub charged_for: String,
    /// The charge's installment written off (zero-based).
    pub installment: u32,
    /// The amount written off: what is open on it.
    pub amount: Decimal,
    /// Why, for people.
    pub reason: String,
    /// The `written_off` event body to apply (reason code `waived_principal_paid`).
    pub event: EventBody,
}

/// With [`UnpaidChargesPolicy::Waive`], proposes writing off every fee and interest charge
/// (with a [`Document::charge_for`]) still open at `as_of` whose principal is paid by then (its
/// installment, or the whole document when the charge names none) or voided. With
/// `Claimable`, proposes nothing: the charges stay owed. Pure; the host applies the events.
///
/// # Errors
/// `overflow`.
///
/// # Example
/// ```
/// use ar_core::documents::{issue_simple, ChargeFor, DocumentKind, SimpleDraft};
/// use ar_core::interest::{waive_unpaid_charges, UnpaidChargesPolicy};
/// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
/// let eur = Currency::from_code("EUR")?;
/// let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
/// let mut a = Account::new(AccountConfig::new("ACME", eur));
/// let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", d(1, 1), eur,
///     "100.00".parse().unwrap()), &Default::default())?;
/// let mut fee = SimpleDraft::new(DocumentKind::FeeCharge, "FEE-1", "ACME", d(2, 1), eur, "40.00".parse().unwrap());
/// fee.charge_for = Some(ChargeFor::new("INV-1", "level-1"));
/// a.apply(&Event::new("e1", d(1, 1), EventBody::DocumentIssued { document: inv }))?;
/// a.apply(&Event::new("e2", d(2, 1), EventBody::DocumentIssued { document: issue_simple(&fee, &Default::default())? }))?;
/// let remit = serde_json::from_str(r#"[{"document": "INV-1", "amount": "100.00"}]"#).unwrap();
/// a.apply(&Event::new("e3", d(2, 10), EventBody::PaymentReceived { payment_id: "P-1".into(),
///     amount: "100.00".parse().unwrap(), currency: eur, rate: None, remittance: remit,
///     strategy: None, short_payment: None }))?;
/// let w = waive_unpaid_charges(&a, UnpaidChargesPolicy::Waive, d(2, 10))?;
/// assert_eq!((w[0].document.as_str(), w[0].amount.to_string()), ("FEE-1", "40.00".to_string()));
/// assert!(waive_unpaid_charges(&a, UnpaidChargesPolicy::Claimable, d(2, 10))?.is_empty());
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn waive_unpaid_charges(
    account: &Account,
    policy: UnpaidChargesPolicy,
    as_of: NaiveDate,
) -> Result<Vec<ChargeWaiver>, InterestError> {
    let mut out = Vec::new();
    if policy == UnpaidChargesPolicy::Claimable {
        return Ok(out);
    }
    let payments = PaymentIndex::new(account, as_of);
    for (id, ds) in account.documents() {
        let doc = &ds.document;
        let Some(charge) = &doc.charge_for else {
            continue;
        };
        if ds.voided
            || !matches!(
                doc.kind,
                DocumentKind::FeeCharge | DocumentKind::InterestCharge
            )
            || issued_after(ds, as_of)
        {
            continue;
        }
        let Some(principal) = account.document(&charge.document) else {
            continue;
        };
        let settled = if principal.voided {
            Some("voided".to_string())
        } else {
            let insts: Vec<u32> = match charge.installment {
                Some(i) => vec![i],
                None => (0..principal.document.installments.len())
                    .filter_map(|i| u32::try_from(i).ok())
                    .collect(),
            };
            let mut paid = true;
            for i in insts {
                if item_principal(account, &payments, &charge.document, i, as_of)?.outstanding
                    > Decimal::ZERO
                {
                    paid = false;
                }
            }
            paid.then(|| format!("paid by {as_of}"))
        };
        let Some(how) = settled else {
            continue;
        };
        for (i, _) in doc.installments.iter().enumerate() {
            let inst = u32::try_from(i).map_err(|_| overflow("installment index"))?;
            let open = item_principal(account, &payments, id, inst, as_of)?.outstanding;
            if open <= Decimal::ZERO {
                continue;
            }
            let what = if doc.kind == DocumentKind::FeeCharge {
                "fee"
            } else {
                "interest"
            };
            let target = match charge.installment {
                Some(p) => format!("{} #{}", charge.document, p + 1),
                None => charge.document.clone(),
            };
            out.push(ChargeWaiver {
                document: id.to_string(),
                charged_for: charge.document.clone(),
                installment: inst,
                amount: open,
                reason: format!(
                    "{what} {id} ({}) left unpaid: its principal {target} is {how}; waived by policy",
                    charge.key
                ),
                event: EventBody::WrittenOff {
                    document: id.to_string(),
                    installment: Some(inst),
                    amount: open,
                    reason_code: "waived_principal_paid".into(),
                },
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn ymd(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }
    fn f(s: &str) -> Fraction {
        s.parse().unwrap()
    }

    #[test]
    fn fractions_reduce_add_and_compare() {
        assert_eq!(Fraction::new(4, -8).unwrap().to_string(), "-1/2");
        assert_eq!(f("1/3").checked_add(f("1/6")).unwrap(), f("1/2"));
        assert_eq!(cmp_fractions(f("1/3"), f("333/1000")), Ordering::Greater);
        assert_eq!(cmp_fractions(f("2/7"), f("4/14")), Ordering::Equal);
        assert_eq!(cmp_fractions(f("-1/3"), f("-1/4")), Ordering::Less);
        assert_eq!(cmp_fractions(f("5/2"), f("7/3")), Ordering::Greater);
        let min = Fraction::new(i128::MIN + 1, 3).unwrap();
        assert_eq!(cmp_fractions(min, f("-1/1")), Ordering::Less);
        assert_eq!(cmp_fractions(f("1/3"), f("1/3")), Ordering::Equal);
        assert!(Fraction::new(1, 0).is_err());
        assert_eq!(
            Fraction::new(i128::MAX, 1)
                .unwrap()
                .checked_add(f("1/1"))
                .unwrap_err()
                .kind(),
            "overflow"
        );
        assert_eq!(f("1/2").round(0, RoundingMode::HalfEven).unwrap(), d("0"));
        assert_eq!(f("3/2").round(0, RoundingMode::HalfUp).unwrap(), d("2"));
    }

    #[test]
    fn thirty_360_rules() {
        use DayCount::*;
        // (start, end, 30/360, 30E/360) worked from ISDA 4.16(f) and (g)
        let cases = [
            (ymd(2024, 2, 29), ymd(2024, 3, 31), 32, 31),
            (ymd(2024, 1, 31), ymd(2024, 2, 29), 29, 29),
            (ymd(2024, 1, 30), ymd(2024, 3, 31), 60, 60),
            (ymd(2024, 1, 29), ymd(2024, 3, 31), 62, 61),
            (ymd(2023, 2, 28), ymd(2023, 3, 1), 3, 3),
            (ymd(2024, 1, 30), ymd(2024, 1, 31), 0, 0),
            (ymd(2024, 12, 31), ymd(2025, 1, 31), 30, 30),
        ];
        for (s, e, us, eu) in cases {
            assert_eq!(Thirty360.days(s, e).unwrap(), us, "{s} {e}");
            assert_eq!(Thirty360E.days(s, e).unwrap(), eu, "{s} {e}");
        }
        assert_eq!(
            Actual360
                .days(ymd(2024, 1, 2), ymd(2024, 1, 1))
                .unwrap_err()
                .kind(),
            "invalid_day_count_period"
        );
    }

    #[test]
    fn actual_actual_splits_at_year_ends() {
        let y = DayCount::ActualActualIsda;
        assert_eq!(
            y.year_fraction(ymd(2023, 12, 31), ymd(2024, 12, 31))
                .unwrap(),
            f("133591/133590")
        );
        assert_eq!(
            y.year_fraction(ymd(2023, 1, 1), ymd(2025, 1, 1)).unwrap(),
            f("2/1")
        );
        assert_eq!(
            y.year_fraction(ymd(2024, 3, 1), ymd(2024, 3, 1)).unwrap(),
            Fraction::ZERO
        );
    }

    #[test]
    fn allocation_sums_to_the_total() {
        // 300/73 = 4.1095..., 540/73 = 7.3972...; total 840/73 = 11.5068 -> 11.51
        let shares = allocate(&[f("300/73"), f("540/73")], d("11.51"), 2).unwrap();
        assert_eq!(shares, vec![d("4.11"), d("7.40")]);
        // three equal thirds of 1.00: 0.34 to the first (ties go to the earlier)
        let shares = allocate(&[f("1/3"), f("1/3"), f("1/3")], d("1.00"), 2).unwrap();
        assert_eq!(shares, vec![d("0.34"), d("0.33"), d("0.33")]);
    }

    #[test]
    fn error_messages() {
        let day = ymd(2024, 1, 1);
        let cases: Vec<(InterestError, &str, &str)> = vec![
            (
                InterestError::MissingRate { date: day },
                "missing_interest_rate",
                "no interest rate in force on 2024-01-01: the rate table has no rate from that day or earlier",
            ),
            (
                InterestError::MissingReferenceRate { regime: EU_REGIME, date: day },
                "missing_reference_rate",
                "no EU 2011/7/EU (ECB MRO) reference rate in force on 2024-01-01",
            ),
            (
                InterestError::NegativeRate { rate: d("-0.5"), from: day },
                "negative_interest_rate",
                "interest rate `-0.5` % in force from 2024-01-01 is negative",
            ),
            (
                InterestError::NegativePrincipal { amount: d("-1.00") },
                "negative_principal",
                "principal `-1.00` must not be negative",
            ),
            (
                InterestError::InvalidChange { date: day, amount: d("0"), detail: "x".into() },
                "invalid_principal_change",
                "principal change of `0` on 2024-01-01 is invalid: x",
            ),
            (
                InterestError::InvalidDayCountPeriod { start: day, end: day.pred_opt().unwrap() },
                "invalid_day_count_period",
                "day-count period from 2024-01-01 to 2023-12-31 ends before it starts",
            ),
            (
                InterestError::StatutoryInterestIsSimple { compounding: "monthly" },
                "statutory_interest_is_simple",
                "statutory late-payment interest is simple interest; compounding `monthly` is not allowed",
            ),
            (
                InterestError::InvalidFractionText { value: "1/0".into() },
                "invalid_fraction_text",
                "invalid fraction `1/0`: expected `numerator/denominator` with a non-zero denominator",
            ),
            (
                InterestError::TooManyPeriods { limit: MAX_PERIODS },
                "too_many_periods",
                "interest accrual needs more than 100000 periods; shorten the range or compound less often",
            ),
        ];
        for (e, kind, msg) in cases {
            assert_eq!(e.kind(), kind);
            assert_eq!(e.to_string(), msg);
            assert_eq!(crate::Error::from(e).kind(), kind);
        }
    }
}
