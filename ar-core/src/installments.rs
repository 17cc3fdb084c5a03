//! Installment plans: a balance split into N installments on a schedule, amortized plans with
//! interest, plan status as of a date from the payments made, and rescheduling an account's
//! overdue items into a plan.
//!
//! ```
//! use ar_core::installments::{installment_plan, DueDates, Frequency, PlanTerms};
//! use ar_core::money::Currency;
//! use chrono::NaiveDate;
//!
//! let eur = Currency::from_code("EUR")?;
//! let first_due = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
//! let terms = PlanTerms::new(DueDates::periodic(Frequency::Monthly, first_due, 3));
//! let plan = installment_plan("1000.00".parse().unwrap(), eur, &terms)?;
//! let rows: Vec<String> = plan.installments.iter()
//!     .map(|i| format!("{} {}", i.due_date, i.amount)).collect();
//! assert_eq!(rows, ["2024-01-31 333.34", "2024-02-29 333.33", "2024-03-31 333.33"]);
//! # Ok::<(), ar_core::Error>(())
//! ```
//!
//! ## Split plans ([`installment_plan`])
//! The amount (after an optional down payment) is split with [`crate::allocation::split`]
//! into equal shares (`1/N` each) or shares proportional to weights, each rounded to the
//! currency's minor unit with the plan's [`RoundingMode`] (default half up). **The rounding
//! residual goes to the first installment by default** ([`ResidualPolicy::First`]): the
//! customer pays the odd cents up front and every later installment is the same, so
//! 1 000.00 in 3 is 333.34 + 333.33 + 333.33. `last` and `largest_remainder` are available.
//! Installments always sum exactly to the amount.
//!
//! ## Dates
//! Every periodic date is computed from the anchor (the first due date), never from the
//! previous installment, so month ends never drift: monthly from 31 Jan 2024 gives 31 Jan,
//! 29 Feb, 31 Mar, 30 Apr 2024 (a day that does not exist in a month is clamped to the
//! month's last day; the next month goes back to the 31st). Weekly and biweekly add 7 and 14
//! days per installment; quarterly, semiannually and annually add 3, 6 and 12 months. Custom
//! dates are taken as given. An optional [`Roll`] with a [`BusinessCalendar`] then moves dates
//! that are not business days. Dates must be strictly increasing after the roll, and a down
//! payment is due strictly before the first installment.
//!
//! ## Amortized plans ([`amortized_plan`])
//! A level payment (annuity) with interest, rounded to the currency's minor unit, every
//! rounding half up (away from zero):
//! - periodic rate `r = annual_rate_percent / 100 / periods_per_year`, with 52 (weekly),
//!   26 (biweekly), 12 (monthly), 4 (quarterly), 2 (semiannually) or 1 (annually) periods a
//!   year; interest is per period, not per day, whatever the dates;
//! - level payment `P = B * r / (1 - (1 + r)^-n)`, rounded half up. No floats: `r` is a
//!   `Decimal` quotient (28 significant digits), `(1 + r)^-n` is `(1 / (1 + r))^n` by repeated
//!   squaring with checked multiplication (it shrinks toward zero, so it cannot overflow, even
//!   for 10 000 periods at a high rate), each product keeping 28 significant digits. The
//!   relative error of the unrounded payment is of the order of `n * 10^-27`, so the rounded
//!   payment is the exact one unless the true value lies within that distance of a
//!   half-minor-unit tie (for a rate too small for `1 + r` to differ from 1 in 28 digits, `P`
//!   is `B / n`, the limit as `r` goes to zero);
//! - interest of a period = remaining principal × `r`, computed as an exact ratio of integers
//!   and rounded half up; principal = payment − interest;
//! - the last installment pays the whole remaining principal plus its interest, so the
//!   principal parts sum exactly to the amount financed (the last payment may differ from `P`
//!   by a few minor units).
//!
//! A zero rate degenerates to the equal split with the residual on the last installment (the
//! annuity's own convention): `P = B / n` rounded half up, the last one absorbing the rest.
//!
//! ## Status ([`plan_status`])
//! A pure function of the plan, the payments (date and amount) and the date. Payments dated
//! after `as_of` are ignored; the others are applied to the installments oldest first. An
//! installment is overdue from the day after its due date (paying on the due date is on time).
//! A [`DefaultPolicy`] says after how many missed installments or how many days past due the
//! plan defaults, and whether the whole remaining balance then falls due (acceleration).
//!
//! ## Rescheduling ([`reschedule`])
//! Turns an account's overdue items (or items the host chooses) into a plan and the ledger
//! events that record it: a credit note closing the old items and a debit note carrying the
//! plan's installments. The host appends the events to the account's history and keeps the
//! [`Plan`] for [`plan_status`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::allocation::{split, AllocationError, Part, ResidualPolicy, SplitOptions};
use crate::calendar::{BusinessCalendar, CalendarError, Roll};
use crate::documents::{Document, DocumentError, DocumentKind, ScheduledItem};
use crate::ledger::{Account, Event, EventBody, LedgerError};
use crate::money::{with_scale, Currency, MoneyError, Rounding, RoundingMode};
use crate::terms::{DateStep, TermsError};

/// The most installments a plan may have (weekly for more than 190 years).
pub const MAX_INSTALLMENTS: u32 = 10_000;

/// Errors of the `installments` module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// The amount to split or finance is zero or negative.
    #[error("plan amount `{amount}` must be greater than zero")]
    InvalidAmount {
        /// The amount as given.
        amount: Decimal,
    },
    /// No installments, or more than [`MAX_INSTALLMENTS`].
    #[error("installment count `{count}` is out of range 1..=10000")]
    InvalidCount {
        /// The count as given (custom dates: how many).
        count: u64,
    },
    /// Weights that are not positive, not one per installment, or too fine.
    #[error("invalid weights: {detail}")]
    InvalidWeights {
        /// What is wrong.
        detail: String,
    },
    /// Due dates (after the business-day roll) that are not strictly increasing.
    #[error("due date `{date}` of installment {position} is not after `{previous}`; plan dates must be strictly increasing")]
    DatesNotIncreasing {
        /// Zero-based position of the installment (the down payment, if any, is 0).
        position: usize,
        /// Its due date.
        date: NaiveDate,
        /// The due date before it.
        previous: NaiveDate,
    },
    /// A down payment that is not positive, not below the amount, or not before the first
    /// installment.
    #[error("invalid down payment: {detail}")]
    InvalidDownPayment {
        /// What is wrong.
        detail: String,
    },
    /// An installment would be zero: the amount is too small for the number of installments.
    #[error(
        "`{amount}` is too small for {count} installments: installment {position} would be zero"
    )]
    AmountTooSmall {
        /// The amount being split or financed.
        amount: Decimal,
        /// The number of installments.
        count: usize,
        /// Zero-based position of the first zero installment.
        position: usize,
    },
    /// A negative annual interest rate.
    #[error("annual interest rate `{rate}` % must not be negative")]
    InvalidRate {
        /// The rate as given (percent).
        rate: Decimal,
    },
    /// A plan given to [`plan_status`] that is not consistent.
    #[error("invalid plan: {detail}")]
    InvalidPlan {
        /// What is wrong.
        detail: String,
    },
    /// A negative payment given to [`plan_status`].
    #[error("plan payment {position} of `{amount}` must not be negative")]
    InvalidPayment {
        /// Zero-based position in the payments list.
        position: usize,
        /// The amount as given.
        amount: Decimal,
    },
    /// A default policy threshold of zero.
    #[error("invalid default policy: {detail}")]
    InvalidPolicy {
        /// What is wrong.
        detail: String,
    },
    /// The account given to [`reschedule`] holds events dated after the rescheduling date.
    #[error("the account has events up to `{account_as_of}`, after the rescheduling date `{as_of}`; replay it as of that date")]
    AccountAfterAsOf {
        /// The account's latest event date.
        account_as_of: NaiveDate,
        /// The rescheduling date.
        as_of: NaiveDate,
    },
    /// No item to reschedule.
    #[error("nothing to reschedule as of `{as_of}`: no overdue receivable item outside disputes")]
    NothingToReschedule {
        /// The rescheduling date.
        as_of: NaiveDate,
    },
    /// A chosen item that cannot be rescheduled.
    #[error("item `{document}` installment {installment} cannot be rescheduled: {detail}")]
    InvalidItem {
        /// The document.
        document: String,
        /// The installment (zero-based).
        installment: u32,
        /// Why.
        detail: String,
    },
    /// The chosen items of a document are not its first open installments.
    #[error("the items chosen of `{document}` are not its first open installments; a credit is spread over a document's installments in order")]
    UnsupportedSelection {
        /// The document.
        document: String,
    },
    /// The plan of a rescheduling starts before the rescheduling date.
    #[error("the plan's first due date `{first_due}` is before the rescheduling date `{as_of}`")]
    PlanStartsBeforeAsOf {
        /// The plan's first due date.
        first_due: NaiveDate,
        /// The rescheduling date.
        as_of: NaiveDate,
    },
    /// A currency or rounding problem, or overflow.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The split failed (amount finer than the minor unit, ...).
    #[error(transparent)]
    Allocation(#[from] AllocationError),
    /// A date out of range or a calendar without business days.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// Date arithmetic failed.
    #[error(transparent)]
    Terms(#[from] TermsError),
    /// A rescheduling document is invalid (empty id, ...).
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The account refused a rescheduling event (duplicate id, ...).
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl PlanError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::installments::PlanError::InvalidCount { count: 0 };
    /// assert_eq!(e.kind(), "invalid_installment_count");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            PlanError::InvalidAmount { .. } => "invalid_plan_amount",
            PlanError::InvalidCount { .. } => "invalid_installment_count",
            PlanError::InvalidWeights { .. } => "invalid_weights",
            PlanError::DatesNotIncreasing { .. } => "plan_dates_not_increasing",
            PlanError::InvalidDownPayment { .. } => "invalid_down_payment",
            PlanError::AmountTooSmall { .. } => "plan_amount_too_small",
            PlanError::InvalidRate { .. } => "invalid_plan_rate",
            PlanError::InvalidPlan { .. } => "invalid_plan",
            PlanError::InvalidPayment { .. } => "invalid_plan_payment",
            PlanError::InvalidPolicy { .. } => "invalid_default_policy",
            PlanError::AccountAfterAsOf { .. } => "account_after_as_of",
            PlanError::NothingToReschedule { .. } => "nothing_to_reschedule",
            PlanError::InvalidItem { .. } => "invalid_reschedule_item",
            PlanError::UnsupportedSelection { .. } => "unsupported_item_selection",
            PlanError::PlanStartsBeforeAsOf { .. } => "plan_starts_before_as_of",
            PlanError::Money(e) => e.kind(),
            PlanError::Allocation(e) => e.kind(),
            PlanError::Calendar(e) => e.kind(),
            PlanError::Terms(e) => e.kind(),
            PlanError::Document(e) => e.kind(),
            PlanError::Ledger(e) => e.kind(),
        }
    }
}

fn overflow() -> PlanError {
    PlanError::Money(MoneyError::Overflow {
        operation: "installment plan",
    })
}

// ----- inputs -----

/// How often installments fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Every 7 days from the first due date.
    Weekly,
    /// Every 14 days from the first due date.
    Biweekly,
    /// Every month from the first due date, the day clamped to the month's length.
    Monthly,
    /// Every 3 months.
    Quarterly,
    /// Every 6 months.
    Semiannually,
    /// Every 12 months (29 Feb falls on 28 Feb in other years).
    Annually,
}

impl Frequency {
    /// Interest periods per year for amortized plans: 52, 26, 12, 4, 2 or 1.
    ///
    /// # Example
    /// ```
    /// use ar_core::installments::Frequency;
    /// assert_eq!(Frequency::Biweekly.periods_per_year(), 26);
    /// ```
    pub fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Weekly => 52,
            Frequency::Biweekly => 26,
            Frequency::Monthly => 12,
            Frequency::Quarterly => 4,
            Frequency::Semiannually => 2,
            Frequency::Annually => 1,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Frequency::Weekly => "weekly",
            Frequency::Biweekly => "biweekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Semiannually => "semiannually",
            Frequency::Annually => "annually",
        }
    }

    /// The step from the anchor to installment `k` (zero-based), and how to print it.
    fn step(self, k: u32) -> Result<(DateStep, String, bool), PlanError> {
        let (per, in_months) = match self {
            Frequency::Weekly => (7, false),
            Frequency::Biweekly => (14, false),
            Frequency::Monthly => (1, true),
            Frequency::Quarterly => (3, true),
            Frequency::Semiannually => (6, true),
            Frequency::Annually => (12, true),
        };
        let n = i32::try_from(k)
            .ok()
            .and_then(|k| k.checked_mul(per))
            .ok_or_else(overflow)?;
        let plural = |one: &str, many: &str| if n == 1 { one } else { many }.to_string();
        Ok(if in_months {
            (
                DateStep::Months { months: n },
                format!("+{n} {}", plural("month", "months")),
                true,
            )
        } else {
            let text = if n % 7 == 0 {
                let w = n / 7;
                format!("+{w} {}", if w == 1 { "week" } else { "weeks" })
            } else {
                format!("+{n} days")
            };
            (DateStep::Days { days: n }, text, false)
        })
    }
}

/// When the installments fall due.
///
/// JSON (tagged by `type`):
/// `{"type":"periodic","frequency":"monthly","first_due":"2024-01-31","count":3}` or
/// `{"type":"custom","dates":["2024-01-31","2024-03-15"]}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum DueDates {
    /// `count` installments, the first due on `first_due` (the anchor), the others every
    /// period after it, each computed from the anchor.
    Periodic {
        /// How often.
        frequency: Frequency,
        /// The first due date (the anchor).
        first_due: NaiveDate,
        /// How many installments (1..=10000).
        count: u32,
    },
    /// One installment per date, in order; the dates must be strictly increasing.
    Custom {
        /// The due dates.
        dates: Vec<NaiveDate>,
    },
}

impl DueDates {
    /// `count` installments every `frequency` from `first_due`.
    ///
    /// # Example
    /// ```
    /// use ar_core::installments::{DueDates, Frequency};
    /// let due = DueDates::periodic(Frequency::Quarterly,
    ///     chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap(), 4);
    /// assert_eq!(serde_json::to_string(&due).unwrap(),
    ///     r#"{"type":"periodic","frequency":"quarterly","first_due":"2024-01-31","count":4}"#);
    /// ```
    pub fn periodic(frequency: Frequency, first_due: NaiveDate, count: u32) -> Self {
        DueDates::Periodic {
            frequency,
            first_due,
            count,
        }
    }

    /// One installment on each of `dates` (strictly increasing; checked when the plan is
    /// built).
    ///
    /// # Example
    /// ```
    /// use ar_core::installments::DueDates;
    /// let day = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// let due = DueDates::custom(vec![day(3, 1), day(4, 15)]);
    /// assert_eq!(serde_json::to_string(&due).unwrap(),
    ///     r#"{"type":"custom","dates":["2024-03-01","2024-04-15"]}"#);
    /// ```
    pub fn custom(dates: Vec<NaiveDate>) -> Self {
        DueDates::Custom { dates }
    }
}

/// A down payment: a first installment, due on its own date, before the others.
///
/// JSON (tagged by `type`): `{"type":"amount","amount":"200.00","due_date":"2024-01-15"}` or
/// `{"type":"percent","percent":"10","due_date":"2024-01-15"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum DownPayment {
    /// A fixed amount, greater than zero and less than the plan amount, in whole minor units.
    Amount {
        /// The amount.
        amount: Decimal,
        /// When it is due (strictly before the first installment).
        due_date: NaiveDate,
    },
    /// A percent of the plan amount (strictly between 0 and 100), rounded with the plan's
    /// rounding mode.
    Percent {
        /// The percent, e.g. `10` for 10 %.
        percent: Decimal,
        /// When it is due (strictly before the first installment).
        due_date: NaiveDate,
    },
}

fn default_residual() -> ResidualPolicy {
    ResidualPolicy::First
}

/// How a split plan divides its amount: dates, weights, down payment, rounding.
///
/// JSON:
/// ```json
/// {"due": {"type": "periodic", "frequency": "monthly", "first_due": "2024-01-31", "count": 3},
///  "weights": ["1", "2", "1"],
///  "down_payment": {"type": "percent", "percent": "10", "due_date": "2024-01-15"},
///  "rounding": "half_up", "residual": "first", "roll": "none",
///  "calendar": {"weekend": ["Sat", "Sun"], "holidays": []}}
/// ```
/// Only `due` is required; the others default to equal shares, no down payment, half up,
/// residual on the first installment, no roll, and (for a roll) Saturday and Sunday off.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanTerms {
    /// When the installments fall due.
    pub due: DueDates,
    /// Relative weights, one per installment (not counting the down payment), each greater
    /// than zero; empty: equal shares. Weights `1, 2, 1` give 25 %, 50 %, 25 %.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weights: Vec<Decimal>,
    /// An optional down payment, due before the first installment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub down_payment: Option<DownPayment>,
    /// How each share (and a percent down payment) is rounded to the minor unit.
    #[serde(default)]
    pub rounding: RoundingMode,
    /// Which installment takes the rounding residual (default: the first).
    #[serde(default = "default_residual")]
    pub residual: ResidualPolicy,
    /// How due dates on non-business days move.
    #[serde(default)]
    pub roll: Roll,
    /// The business-day calendar for the roll (default: Saturday and Sunday off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<BusinessCalendar>,
}

impl PlanTerms {
    /// Equal shares on `due`, no down payment, half up, residual on the first installment,
    /// no roll.
    ///
    /// # Example
    /// ```
    /// use ar_core::installments::{DueDates, Frequency, PlanTerms};
    /// let t = PlanTerms::new(DueDates::periodic(Frequency::Monthly,
    ///     chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap(), 3));
    /// assert_eq!(t.residual, ar_core::allocation::ResidualPolicy::First);
    /// ```
    pub fn new(due: DueDates) -> Self {
        PlanTerms {
            due,
            weights: Vec::new(),
            down_payment: None,
            rounding: RoundingMode::HalfUp,
            residual: ResidualPolicy::First,
            roll: Roll::None,
            calendar: None,
        }
    }
}

/// How an amortized plan repays its principal: rate, frequency, dates.
///
/// JSON: `{"annual_rate_percent": "12", "frequency": "monthly", "first_due": "2024-02-01",
/// "count": 12, "roll": "none", "calendar": null}`; `roll` and `calendar` are optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmortizedTerms {
    /// The nominal annual rate in percent (`12` for 12 %), zero or more.
    pub annual_rate_percent: Decimal,
    /// How often installments fall due; it also sets the periodic rate.
    pub frequency: Frequency,
    /// The first due date (the anchor).
    pub first_due: NaiveDate,
    /// How many installments (1..=10000).
    pub count: u32,
    /// How due dates on non-business days move (interest stays per period).
    #[serde(default)]
    pub roll: Roll,
    /// The business-day calendar for the roll (default: Saturday and Sunday off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<BusinessCalendar>,
}

/// A plan of either kind, as [`reschedule`] takes it.
///
/// JSON: `{"type": "split", "terms": {...PlanTerms...}}` or
/// `{"type": "amortized", "terms": {...AmortizedTerms...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum PlanSpec {
    /// See [`installment_plan`].
    Split {
        /// The terms.
        terms: PlanTerms,
    },
    /// See [`amortized_plan`].
    Amortized {
        /// The terms.
        terms: AmortizedTerms,
    },
}

impl PlanSpec {
    /// Builds the plan for `amount` in `currency`.
    ///
    /// # Errors
    /// As [`installment_plan`] or [`amortized_plan`].
    ///
    /// # Example
    /// ```
    /// use ar_core::installments::{DueDates, Frequency, PlanSpec, PlanTerms};
    /// use chrono::NaiveDate;
    /// let spec = PlanSpec::Split { terms: PlanTerms::new(DueDates::periodic(
    ///     Frequency::Weekly, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(), 2)) };
    /// let plan = spec.build("10.00".parse().unwrap(), ar_core::money::Currency::from_code("EUR")?)?;
    /// assert_eq!(plan.installments[1].due_date.to_string(), "2024-03-08");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn build(&self, amount: Decimal, currency: Currency) -> Result<Plan, PlanError> {
        match self {
            PlanSpec::Split { terms } => installment_plan(amount, currency, terms),
            PlanSpec::Amortized { terms } => amortized_plan(amount, currency, terms),
        }
    }
}

// ----- outputs -----

/// What a plan row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstallmentKind {
    /// The down payment.
    DownPayment,
    /// A regular installment.
    Regular,
}

/// One installment of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanInstallment {
    /// Zero-based position in the plan (the down payment, if any, is 0); reasons number
    /// installments from one.
    pub installment: u32,
    /// Down payment or regular.
    pub kind: InstallmentKind,
    /// The due date, after the business-day roll.
    pub due_date: NaiveDate,
    /// What is due: principal plus interest.
    pub amount: Decimal,
    /// The part that repays principal.
    pub principal: Decimal,
    /// The interest part (zero for split plans).
    pub interest: Decimal,
    /// The principal still owed after this installment is paid.
    pub balance_after: Decimal,
    /// How the amount and the date were reached, for people.
    pub reason: String,
}

/// A plan: its installments and totals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The currency of every amount.
    pub currency: Currency,
    /// The amount split or financed; the installments' principal parts sum to it.
    pub principal: Decimal,
    /// The total interest (zero for split plans).
    pub interest: Decimal,
    /// `principal + interest`; the installments' amounts sum to it.
    pub total: Decimal,
    /// For amortized plans: the level payment (every installment but possibly the last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Decimal>,
    /// The installments in due-date order.
    pub installments: Vec<PlanInstallment>,
}

// ----- shared helpers -----

/// Whole minor units of `amount`, or `amount_not_rounded`.
fn to_units(amount: Decimal, currency: Currency) -> Result<i128, PlanError> {
    let unit = currency.minor_unit()?;
    let q = amount.checked_div(unit).ok_or_else(overflow)?;
    if !q.fract().is_zero() {
        return Err(AllocationError::NotRounded { amount, unit }.into());
    }
    q.trunc().to_i128().ok_or_else(overflow)
}

/// `units` minor units as an amount with the currency's decimal places.
fn from_units(units: i128, currency: Currency) -> Result<Decimal, PlanError> {
    let dp = currency
        .minor_units()
        .ok_or_else(|| MoneyError::NoMinorUnit {
            code: currency.code().to_string(),
        })?;
    Decimal::try_from_i128_with_scale(units, dp).map_err(|_| overflow())
}

fn scaled(value: Decimal, currency: Currency) -> Decimal {
    match currency.minor_units() {
        Some(dp) => with_scale(value, dp).unwrap_or(value),
        None => value,
    }
}

fn mode_name(mode: RoundingMode) -> &'static str {
    match mode {
        RoundingMode::HalfUp => "half up",
        RoundingMode::HalfEven => "half even",
        RoundingMode::Down => "down",
        RoundingMode::Up => "up",
    }
}

fn check_count(count: u64) -> Result<usize, PlanError> {
    if count == 0 || count > u64::from(MAX_INSTALLMENTS) {
        return Err(PlanError::InvalidCount { count });
    }
    usize::try_from(count).map_err(|_| PlanError::InvalidCount { count })
}

/// The due dates of `due` after the roll, each with how it was reached.
fn plan_dates(
    due: &DueDates,
    roll: Roll,
    calendar: Option<&BusinessCalendar>,
) -> Result<Vec<(NaiveDate, String)>, PlanError> {
    let mut raw: Vec<(NaiveDate, String)> = Vec::new();
    match due {
        DueDates::Periodic {
            frequency,
            first_due,
            count,
        } => {
            let n = check_count(u64::from(*count))?;
            raw.reserve(n);
            for k in 0..*count {
                if k == 0 {
                    raw.push((*first_due, format!("first due date {first_due}")));
                    continue;
                }
                let (step, text, in_months) = frequency.step(k)?;
                let date = step.apply(*first_due)?;
                let mut reason = format!(
                    "{} from the first due date {first_due} {text} = {date}",
                    frequency.as_str()
                );
                if in_months && date.day() != first_due.day() {
                    let _ = write!(
                        reason,
                        " (day {} clamped to the month's last day)",
                        first_due.day()
                    );
                }
                raw.push((date, reason));
            }
        }
        DueDates::Custom { dates } => {
            check_count(u64::try_from(dates.len()).unwrap_or(u64::MAX))?;
            for (i, d) in dates.iter().enumerate() {
                if i > 0 && *d <= dates[i - 1] {
                    return Err(PlanError::DatesNotIncreasing {
                        position: i,
                        date: *d,
                        previous: dates[i - 1],
                    });
                }
                raw.push((*d, format!("custom due date {d}")));
            }
        }
    }
    let default_calendar;
    let calendar = match calendar {
        Some(c) => c,
        None => {
            default_calendar = BusinessCalendar::weekends_only();
            &default_calendar
        }
    };
    let mut out = Vec::with_capacity(raw.len());
    for (i, (date, mut reason)) in raw.into_iter().enumerate() {
        let rolled = calendar.roll(date, roll)?;
        if rolled != date {
            let _ = write!(
                reason,
                "; {date} ({}) is not a business day, rolled {} to {rolled} ({})",
                date.weekday(),
                roll_name(roll),
                rolled.weekday()
            );
        }
        if let Some((previous, _)) = out.last() {
            if rolled <= *previous {
                return Err(PlanError::DatesNotIncreasing {
                    position: i,
                    date: rolled,
                    previous: *previous,
                });
            }
        }
        out.push((rolled, reason));
    }
    Ok(out)
}

fn roll_name(roll: Roll) -> &'static str {
    match roll {
        Roll::None => "none",
        Roll::Following => "following",
        Roll::ModifiedFollowing => "modified following",
        Roll::Preceding => "preceding",
        Roll::ModifiedPreceding => "modified preceding",
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// Weights as exact fractions `w_i / W` with 32-bit numerators and denominator.
fn weight_fractions(weights: &[Decimal], count: usize) -> Result<Vec<(u32, u32)>, PlanError> {
    let invalid = |detail: String| PlanError::InvalidWeights { detail };
    if weights.is_empty() {
        let n = u32::try_from(count).map_err(|_| overflow())?;
        return Ok(vec![(1, n); count]);
    }
    if weights.len() != count {
        return Err(invalid(format!(
            "{} weights for {count} installments; give one per installment (the down payment has none)",
            weights.len()
        )));
    }
    let mut scale = 0;
    for (i, w) in weights.iter().enumerate() {
        if *w <= Decimal::ZERO {
            return Err(invalid(format!(
                "weight {i} is `{w}`; every weight must be greater than zero"
            )));
        }
        scale = scale.max(w.normalize().scale());
    }
    let too_fine = || {
        invalid("the weights need more precision than supported: in steps of their finest decimal, their sum must fit in 32 bits".to_string())
    };
    let mut ints = Vec::with_capacity(count);
    for w in weights {
        let n = w.normalize();
        let factor = 10u128.checked_pow(scale - n.scale()).ok_or_else(too_fine)?;
        let m = u128::try_from(n.mantissa()).map_err(|_| too_fine())?;
        ints.push(m.checked_mul(factor).ok_or_else(too_fine)?);
    }
    let g = ints.iter().fold(0u128, |g, &x| gcd(g, x)).max(1);
    let mut sum: u128 = 0;
    for x in &mut ints {
        *x /= g;
        sum = sum.checked_add(*x).ok_or_else(too_fine)?;
    }
    let den = u32::try_from(sum).map_err(|_| too_fine())?;
    ints.iter()
        .map(|&x| Ok((u32::try_from(x).map_err(|_| too_fine())?, den)))
        .collect()
}

// ----- split plans -----

/// Splits `amount` into installments on `terms.due`, equal or weighted, with an optional down
/// payment; the installments sum exactly to `amount`.
///
/// The down payment (if any) comes first: a fixed amount, or a percent of `amount` rounded
/// with `terms.rounding`. What remains is split with [`split`] into fractions `1/N` (or
/// `w_i / sum(w)`), each rounded with `terms.rounding`, the residual placed by
/// `terms.residual` (default: the first regular installment). Dates: see the module docs
/// (every periodic date from the anchor; month ends clamped; optional roll).
///
/// # Errors
/// [`PlanError`]: `invalid_plan_amount` (zero or negative), `amount_not_rounded` (finer than
/// the minor unit), `invalid_installment_count` (0 or above 10 000), `invalid_weights`,
/// `invalid_down_payment`, `plan_dates_not_increasing` (custom dates, or dates after the
/// roll), `plan_amount_too_small` (an installment would be zero), `no_minor_unit`,
/// `date_out_of_range`, `no_business_days`, `overflow`.
///
/// # Example
/// ```
/// use ar_core::installments::{installment_plan, DownPayment, DueDates, Frequency, PlanTerms};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let mut terms = PlanTerms::new(DueDates::periodic(Frequency::Quarterly, day(3, 31), 2));
/// terms.down_payment = Some(DownPayment::Percent { percent: "20".parse().unwrap(), due_date: day(1, 15) });
/// terms.weights = vec!["1".parse().unwrap(), "3".parse().unwrap()];
/// let plan = installment_plan("1000".parse().unwrap(), Currency::from_code("JPY")?, &terms)?;
/// let rows: Vec<String> = plan.installments.iter()
///     .map(|i| format!("{} {}", i.due_date, i.amount)).collect();
/// // 20 % down = 200; 800 split 1:3 = 200 + 600; quarterly from 31 Mar: 30 Jun (clamped)
/// assert_eq!(rows, ["2024-01-15 200", "2024-03-31 200", "2024-06-30 600"]);
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn installment_plan(
    amount: Decimal,
    currency: Currency,
    terms: &PlanTerms,
) -> Result<Plan, PlanError> {
    if amount <= Decimal::ZERO {
        return Err(PlanError::InvalidAmount { amount });
    }
    let amount = scaled(amount, currency);
    let total_units = to_units(amount, currency)?;
    let dates = plan_dates(&terms.due, terms.roll, terms.calendar.as_ref())?;
    let fractions = weight_fractions(&terms.weights, dates.len())?;
    let mode = terms.rounding;

    let mut rows: Vec<PlanInstallment> = Vec::with_capacity(dates.len() + 1);
    let mut rest = amount;
    let mut rest_units = total_units;
    if let Some(dp) = &terms.down_payment {
        let invalid = |detail: String| PlanError::InvalidDownPayment { detail };
        let (dp_amount, due_date, how) = match dp {
            DownPayment::Amount {
                amount: a,
                due_date,
            } => {
                if *a <= Decimal::ZERO || *a >= amount {
                    return Err(invalid(format!(
                        "`{a}` must be greater than zero and less than the plan amount `{amount}`"
                    )));
                }
                let a = scaled(*a, currency);
                to_units(a, currency)?;
                (a, *due_date, format!("down payment of {a}"))
            }
            DownPayment::Percent { percent, due_date } => {
                if *percent <= Decimal::ZERO || *percent >= Decimal::ONE_HUNDRED {
                    return Err(invalid(format!(
                        "`{percent}` % must be between 0 and 100, both excluded"
                    )));
                }
                let parts = [Part::percent(*percent), Part::Balance];
                let opts = SplitOptions::with_mode(mode);
                let got = split(amount, currency, &parts, &opts)?;
                let a = got[0];
                if a.is_zero() {
                    return Err(invalid(format!(
                        "`{percent}` % of `{amount}` rounds to zero"
                    )));
                }
                (
                    a,
                    *due_date,
                    format!(
                        "down payment: {percent} % of {amount} = {a} (rounded {})",
                        mode_name(mode)
                    ),
                )
            }
        };
        if due_date >= dates[0].0 {
            return Err(invalid(format!(
                "due {due_date}, not before the first installment due {}",
                dates[0].0
            )));
        }
        rest = amount.checked_sub(dp_amount).ok_or_else(overflow)?;
        rest_units = to_units(rest, currency)?;
        rows.push(PlanInstallment {
            installment: 0,
            kind: InstallmentKind::DownPayment,
            due_date,
            amount: dp_amount,
            principal: dp_amount,
            interest: zero(currency),
            balance_after: rest,
            reason: format!("{how}; due {due_date}"),
        });
    }

    let parts: Vec<Part> = fractions
        .iter()
        .map(|&(n, d)| Part::fraction(n, d))
        .collect();
    let opts = SplitOptions {
        rounding: Rounding::new(mode),
        residual: terms.residual,
        allow_negative: false,
    };
    let amounts = split(rest, currency, &parts, &opts)?;
    let count = amounts.len();
    let offset = rows.len();
    let mut balance_units = rest_units;
    let weighted = !terms.weights.is_empty();
    let weight_total: Decimal = if weighted {
        terms
            .weights
            .iter()
            .try_fold(Decimal::ZERO, |s, w| s.checked_add(*w))
            .ok_or_else(overflow)?
    } else {
        Decimal::ZERO
    };
    let after_dp = if offset > 0 {
        " (what the down payment leaves)".to_string()
    } else {
        String::new()
    };
    for (i, ((value, (date, date_reason)), &(num, den))) in
        amounts.iter().zip(dates).zip(&fractions).enumerate()
    {
        if value.is_zero() {
            return Err(PlanError::AmountTooSmall {
                amount: rest,
                count,
                position: i + offset,
            });
        }
        let units = to_units(*value, currency)?;
        let exact_num = rest_units
            .checked_mul(i128::from(num))
            .ok_or_else(overflow)?;
        let base_units = mode.round_ratio(exact_num, i128::from(den));
        let base = from_units(base_units, currency)?;
        balance_units = balance_units.checked_sub(units).ok_or_else(overflow)?;
        let share = if weighted {
            format!(
                "weight {} of {} of {rest}{after_dp}",
                terms.weights[i].normalize(),
                weight_total.normalize()
            )
        } else {
            format!("1/{count} of {rest}{after_dp}")
        };
        let mut reason = format!(
            "installment {} of {count}: {share} = {base} (rounded {})",
            i + 1,
            mode_name(mode)
        );
        let residual = units.checked_sub(base_units).ok_or_else(overflow)?;
        if residual != 0 {
            let r = from_units(residual.abs(), currency)?;
            let sign = if residual > 0 { '+' } else { '-' };
            let _ = write!(reason, " {sign} {r} rounding residual = {value}");
        }
        let _ = write!(reason, "; due {date}: {date_reason}");
        rows.push(PlanInstallment {
            installment: u32::try_from(i + offset).map_err(|_| overflow())?,
            kind: InstallmentKind::Regular,
            due_date: date,
            amount: *value,
            principal: *value,
            interest: zero(currency),
            balance_after: from_units(balance_units, currency)?,
            reason,
        });
    }
    Ok(Plan {
        currency,
        principal: amount,
        interest: zero(currency),
        total: amount,
        payment: None,
        installments: rows,
    })
}

fn zero(currency: Currency) -> Decimal {
    scaled(Decimal::ZERO, currency)
}

// ----- amortized plans -----

/// `base^exp` by repeated squaring with checked multiplication (28 significant digits kept
/// by each product).
fn checked_powu(base: Decimal, mut exp: u32) -> Option<Decimal> {
    let mut result = Decimal::ONE;
    let mut b = base;
    while exp > 0 {
        if exp & 1 == 1 {
            result = result.checked_mul(b)?;
        }
        exp >>= 1;
        if exp > 0 {
            b = b.checked_mul(b)?;
        }
    }
    Some(result)
}

/// Finances `principal` in `terms.count` level payments with interest (an annuity).
///
/// The periodic rate is `annual_rate_percent / 100 / periods_per_year`; the level payment
/// `P = B r / (1 - (1+r)^-n)` is rounded half up to the minor unit; each period's
/// interest is the remaining principal times `r`, exact, rounded half up; the principal part
/// is `P - interest`; the last installment repays the whole remaining principal plus its
/// interest, so the principal parts sum exactly to `principal`. A zero rate gives
/// `P = principal / n` rounded half up with the residual on the last installment. Interest
/// is per period whatever the dates (a roll does not change it). See the module docs for
/// the precision of `(1+r)^-n`.
///
/// # Errors
/// [`PlanError`]: `invalid_plan_amount` (zero or negative principal), `amount_not_rounded`,
/// `invalid_plan_rate` (negative), `invalid_installment_count`, `plan_dates_not_increasing`
/// (after the roll), `plan_amount_too_small` (a payment would be zero, or the principal is
/// too small to amortize in that many payments), `no_minor_unit`, `date_out_of_range`,
/// `no_business_days`, `overflow` (a principal times a rate that does not fit a decimal).
///
/// # Example
/// ```
/// use ar_core::installments::{amortized_plan, AmortizedTerms, Frequency};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
///
/// // 10 000 at 12 % a year, 12 monthly payments: r = 1 %, P = 888.49
/// let terms = AmortizedTerms {
///     annual_rate_percent: "12".parse().unwrap(),
///     frequency: Frequency::Monthly,
///     first_due: NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(),
///     count: 12,
///     roll: Default::default(),
///     calendar: None,
/// };
/// let plan = amortized_plan("10000.00".parse().unwrap(), Currency::from_code("USD")?, &terms)?;
/// assert_eq!(plan.payment.unwrap().to_string(), "888.49");
/// let first = &plan.installments[0];
/// assert_eq!((first.interest.to_string(), first.principal.to_string()), ("100.00".into(), "788.49".into()));
/// assert_eq!(plan.installments[11].balance_after.to_string(), "0.00");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn amortized_plan(
    principal: Decimal,
    currency: Currency,
    terms: &AmortizedTerms,
) -> Result<Plan, PlanError> {
    if principal <= Decimal::ZERO {
        return Err(PlanError::InvalidAmount { amount: principal });
    }
    let rate = terms.annual_rate_percent;
    if rate < Decimal::ZERO {
        return Err(PlanError::InvalidRate { rate });
    }
    let principal = scaled(principal, currency);
    let b_units = to_units(principal, currency)?;
    let due = DueDates::periodic(terms.frequency, terms.first_due, terms.count);
    let dates = plan_dates(&due, terms.roll, terms.calendar.as_ref())?;
    let n = dates.len();
    let ppy = terms.frequency.periods_per_year();
    let rate_text = format!("{} %/{ppy}", rate.normalize());

    if rate.is_zero() {
        let parts = vec![Part::fraction(1, terms.count); n];
        let opts = SplitOptions::with_mode(RoundingMode::HalfUp);
        let amounts = split(principal, currency, &parts, &opts)?;
        let mut balance = b_units;
        let mut rows = Vec::with_capacity(n);
        for (i, (value, (date, date_reason))) in amounts.iter().zip(dates).enumerate() {
            if value.is_zero() {
                return Err(PlanError::AmountTooSmall {
                    amount: principal,
                    count: n,
                    position: i,
                });
            }
            balance = balance
                .checked_sub(to_units(*value, currency)?)
                .ok_or_else(overflow)?;
            let what = if i + 1 == n {
                format!("the remaining principal {value}")
            } else {
                format!("1/{n} of {principal} = {value} (rounded half up)")
            };
            rows.push(PlanInstallment {
                installment: u32::try_from(i).map_err(|_| overflow())?,
                kind: InstallmentKind::Regular,
                due_date: date,
                amount: *value,
                principal: *value,
                interest: zero(currency),
                balance_after: from_units(balance, currency)?,
                reason: format!(
                    "installment {} of {n} at 0 %: {what}; due {date}: {date_reason}",
                    i + 1
                ),
            });
        }
        return Ok(Plan {
            currency,
            principal,
            interest: zero(currency),
            total: principal,
            payment: Some(amounts[0]),
            installments: rows,
        });
    }

    // periodic rate as a decimal (for the level payment) and as an exact ratio (interest)
    let rate_n = rate.normalize();
    let periods = Decimal::from(ppy)
        .checked_mul(Decimal::ONE_HUNDRED)
        .ok_or_else(overflow)?;
    let r = rate_n.checked_div(periods).ok_or_else(overflow)?;
    let (rate_num, rate_den) = {
        let num = rate_n.mantissa();
        let den = 10i128
            .checked_pow(rate_n.scale())
            .and_then(|p| p.checked_mul(100))
            .and_then(|p| p.checked_mul(i128::from(ppy)))
            .ok_or_else(overflow)?;
        let g = i128::try_from(gcd(num.unsigned_abs(), den.unsigned_abs()).max(1))
            .map_err(|_| overflow())?;
        (num / g, den / g)
    };
    let exp = u32::try_from(n).map_err(|_| overflow())?;
    // (1 + r)^-n as (1 / (1 + r))^n: at most 1, so it cannot overflow
    let v = Decimal::ONE
        .checked_add(r)
        .and_then(|x| Decimal::ONE.checked_div(x))
        .and_then(|x| checked_powu(x, exp))
        .ok_or_else(overflow)?;
    let denom = Decimal::ONE.checked_sub(v).ok_or_else(overflow)?;
    let exact_payment = if denom > Decimal::ZERO {
        principal
            .checked_mul(r)
            .and_then(|x| x.checked_div(denom))
            .ok_or_else(overflow)?
    } else {
        // r too small for 1 + r to differ from 1 in 28 digits: the limit B / n
        principal
            .checked_div(Decimal::from(exp))
            .ok_or_else(overflow)?
    };
    let payment = Rounding::new(RoundingMode::HalfUp).round(exact_payment, currency)?;
    let p_units = to_units(payment, currency)?;
    if p_units <= 0 {
        return Err(PlanError::AmountTooSmall {
            amount: principal,
            count: n,
            position: 0,
        });
    }

    let mut balance = b_units;
    let mut interest_total: i128 = 0;
    let mut rows = Vec::with_capacity(n);
    for (i, (date, date_reason)) in dates.into_iter().enumerate() {
        let last = i + 1 == n;
        let num = balance.checked_mul(rate_num).ok_or_else(overflow)?;
        let interest = RoundingMode::HalfUp.round_ratio(num, rate_den);
        let before = from_units(balance, currency)?;
        let interest_d = from_units(interest, currency)?;
        let (princ, pay) = if last {
            (balance, balance.checked_add(interest).ok_or_else(overflow)?)
        } else {
            (p_units.checked_sub(interest).ok_or_else(overflow)?, p_units)
        };
        if princ < 0 || princ > balance || pay <= 0 {
            return Err(PlanError::AmountTooSmall {
                amount: principal,
                count: n,
                position: i,
            });
        }
        balance -= princ;
        interest_total = interest_total.checked_add(interest).ok_or_else(overflow)?;
        let princ_d = from_units(princ, currency)?;
        let pay_d = from_units(pay, currency)?;
        let how = if last {
            format!(
                "interest {rate_text} of {before} = {interest_d} (rounded half up); the last installment repays the remaining principal {princ_d}: {princ_d} + {interest_d} = {pay_d}"
            )
        } else {
            format!(
                "interest {rate_text} of {before} = {interest_d} (rounded half up); principal {payment} - {interest_d} = {princ_d}"
            )
        };
        rows.push(PlanInstallment {
            installment: u32::try_from(i).map_err(|_| overflow())?,
            kind: InstallmentKind::Regular,
            due_date: date,
            amount: pay_d,
            principal: princ_d,
            interest: interest_d,
            balance_after: from_units(balance, currency)?,
            reason: format!(
                "installment {} of {n}: {how}; due {date}: {date_reason}",
                i + 1
            ),
        });
    }
    let interest = from_units(interest_total, currency)?;
    Ok(Plan {
        currency,
        principal,
        interest,
        total: principal.checked_add(interest).ok_or_else(overflow)?,
        payment: Some(payment),
        installments: rows,
    })
}

// ----- status -----

/// A payment toward a plan: its date and amount (in the plan's currency, zero or more).
///
/// JSON: `{"date": "2024-02-03", "amount": "333.34"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPayment {
    /// The day the money arrived.
    pub date: NaiveDate,
    /// The amount.
    pub amount: Decimal,
}

impl PlanPayment {
    /// A payment of `amount` received on `date`.
    ///
    /// # Example
    /// ```
    /// use ar_core::installments::PlanPayment;
    /// let p = PlanPayment::new(chrono::NaiveDate::from_ymd_opt(2024, 2, 3).unwrap(), "50.00".parse().unwrap());
    /// assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"date":"2024-02-03","amount":"50.00"}"#);
    /// ```
    pub fn new(date: NaiveDate, amount: Decimal) -> Self {
        PlanPayment { date, amount }
    }
}

/// When a plan defaults, and what follows.
///
/// JSON: `{"missed_installments": 2, "days_past_due": 60, "accelerate": true}`; every field is
/// optional (the default policy never defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultPolicy {
    /// Default once this many installments (1 or more) are past due and not fully paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missed_installments: Option<u32>,
    /// Default once the oldest unpaid installment is this many days (1 or more) past due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_past_due: Option<u32>,
    /// On default, the whole remaining balance falls due on the default date.
    #[serde(default)]
    pub accelerate: bool,
}

/// Where a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// Nothing past due.
    Current,
    /// Something past due, not (yet) in default.
    InArrears,
    /// The default policy was met on `default_date` (a later cure does not undo it).
    Defaulted,
    /// Everything paid.
    PaidOff,
}

/// Where one installment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstallmentState {
    /// Fully paid.
    Paid,
    /// Past its due date and not fully paid.
    Overdue,
    /// Not yet due (due on `as_of` or later).
    Upcoming,
    /// Not yet due by its own date, but due now: the plan defaulted with acceleration.
    Accelerated,
}

/// The status of one installment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstallmentStatus {
    /// Zero-based position in the plan.
    pub installment: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its amount.
    pub amount: Decimal,
    /// How much of it the payments cover.
    pub paid: Decimal,
    /// What is left.
    pub open: Decimal,
    /// Where it stands.
    pub state: InstallmentState,
    /// The day the payments covered it fully.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    /// Days late: paid late by this many days, or this many days past due and still open;
    /// zero otherwise.
    pub days_late: u32,
}

/// A plan's status as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanStatus {
    /// The date of the status.
    pub as_of: NaiveDate,
    /// Where the plan stands.
    pub state: PlanState,
    /// Payments (dated on or before `as_of`) applied to the installments.
    pub paid: Decimal,
    /// Payments beyond the plan's total (not applied).
    pub unapplied: Decimal,
    /// What is left of the plan's total.
    pub outstanding: Decimal,
    /// The open amount of installments past their due date.
    pub overdue: Decimal,
    /// What is due now: `overdue`, plus with acceleration every other open amount.
    pub amount_due: Decimal,
    /// Installments past their due date and not fully paid.
    pub missed_installments: u32,
    /// The due date of the oldest installment past due and not fully paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oldest_unpaid_due_date: Option<NaiveDate>,
    /// `as_of` minus that date, in days (zero when nothing is past due).
    pub days_past_due: u32,
    /// The first day the default policy was met, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_date: Option<NaiveDate>,
    /// Whether the remaining balance fell due on `default_date`.
    pub accelerated: bool,
    /// Each installment.
    pub installments: Vec<InstallmentStatus>,
    /// The decision, for people.
    pub reason: String,
}

impl Plan {
    /// Checks that the plan can be tracked: a currency with a minor unit, 1..=10000
    /// installments with positive amounts in whole minor units, strictly increasing due
    /// dates, amounts summing to `total`.
    ///
    /// # Errors
    /// `invalid_plan` with what is wrong; `no_minor_unit`; `overflow`.
    ///
    /// # Example
    /// ```
    /// use ar_core::installments::{installment_plan, DueDates, Frequency, PlanTerms};
    /// use chrono::NaiveDate;
    /// let terms = PlanTerms::new(DueDates::periodic(Frequency::Monthly,
    ///     NaiveDate::from_ymd_opt(2024, 1, 31).unwrap(), 3));
    /// let mut plan = installment_plan("90.00".parse().unwrap(),
    ///     ar_core::money::Currency::from_code("EUR")?, &terms)?;
    /// assert!(plan.validate().is_ok());
    /// plan.total = "91.00".parse().unwrap();
    /// assert_eq!(plan.validate().unwrap_err().kind(), "invalid_plan");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), PlanError> {
        let invalid = |detail: String| PlanError::InvalidPlan { detail };
        let n = self.installments.len();
        if n == 0 || n > MAX_INSTALLMENTS as usize {
            return Err(invalid(format!(
                "{n} installments; a plan has 1 to {MAX_INSTALLMENTS}"
            )));
        }
        let unit = self.currency.minor_unit()?;
        let mut sum = Decimal::ZERO;
        for (i, inst) in self.installments.iter().enumerate() {
            if inst.amount <= Decimal::ZERO
                || !inst.amount.checked_rem(unit).is_some_and(|r| r.is_zero())
            {
                return Err(invalid(format!(
                    "installment {i} amount `{}` must be positive, in whole units of `{unit}`",
                    inst.amount
                )));
            }
            if i > 0 && inst.due_date <= self.installments[i - 1].due_date {
                return Err(invalid(format!(
                    "installment {i} is due `{}`, not after `{}`",
                    inst.due_date,
                    self.installments[i - 1].due_date
                )));
            }
            sum = sum.checked_add(inst.amount).ok_or_else(overflow)?;
        }
        if sum != self.total {
            return Err(invalid(format!(
                "installments add up to `{sum}`, not to the total `{}`",
                self.total
            )));
        }
        Ok(())
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    // dates are within chrono's range (about 1.9e8 days apart at most): fits u32
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

/// The status of `plan` as of `as_of`, from `payments`.
///
/// Payments dated after `as_of` are ignored; the others are applied in date order (ties in
/// list order) to the installments oldest first, so installment `i` is covered once the
/// payments add up to the sum of installments `0..=i`; anything beyond the total is
/// `unapplied`. An installment is past due from the day after its due date.
///
/// Default: the first day `d <= as_of` on which, counting only payments dated on or before
/// `d`, at least `policy.missed_installments` installments were past due and not fully paid,
/// or the oldest of them was at least `policy.days_past_due` days past due. Default is final
/// (paying the arrears later does not reinstate the plan; the host may reschedule); with
/// `policy.accelerate`, every open installment not yet past due falls due on the default
/// date. The plan is `paid_off` once nothing is outstanding, whatever happened before.
///
/// # Errors
/// `invalid_plan` (see [`Plan::validate`]), `invalid_plan_payment` (a negative amount),
/// `amount_not_rounded` (a payment finer than the minor unit), `invalid_default_policy`
/// (a threshold of zero), `overflow`.
///
/// # Example
/// ```
/// use ar_core::installments::*;
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let terms = PlanTerms::new(DueDates::periodic(Frequency::Monthly, day(1, 31), 3));
/// let plan = installment_plan("1000.00".parse().unwrap(), Currency::from_code("EUR")?, &terms)?;
/// let paid = [PlanPayment::new(day(1, 30), "333.34".parse().unwrap())];
/// let policy = DefaultPolicy { missed_installments: Some(2), days_past_due: None, accelerate: true };
///
/// let s = plan_status(&plan, &paid, day(3, 15), &policy)?;
/// assert_eq!(s.state, PlanState::InArrears);
/// assert_eq!((s.overdue.to_string(), s.days_past_due), ("333.33".to_string(), 15));
///
/// // 1 Apr: 29 Feb and 31 Mar both missed -> defaulted, the rest accelerated
/// let s = plan_status(&plan, &paid, day(4, 1), &policy)?;
/// assert_eq!(s.state, PlanState::Defaulted);
/// assert_eq!(s.default_date, Some(day(4, 1)));
/// assert_eq!(s.amount_due.to_string(), "666.66");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn plan_status(
    plan: &Plan,
    payments: &[PlanPayment],
    as_of: NaiveDate,
    policy: &DefaultPolicy,
) -> Result<PlanStatus, PlanError> {
    plan.validate()?;
    if policy.missed_installments == Some(0) || policy.days_past_due == Some(0) {
        return Err(PlanError::InvalidPolicy {
            detail: "`missed_installments` and `days_past_due` must be 1 or more when given"
                .to_string(),
        });
    }
    let currency = plan.currency;
    // payments in date order (stable: ties keep list order), in units, up to as_of
    let mut flows: Vec<(NaiveDate, i128)> = Vec::with_capacity(payments.len());
    for (position, p) in payments.iter().enumerate() {
        if p.amount < Decimal::ZERO {
            return Err(PlanError::InvalidPayment {
                position,
                amount: p.amount,
            });
        }
        let u = to_units(p.amount, currency)?;
        if p.date <= as_of && u > 0 {
            flows.push((p.date, u));
        }
    }
    flows.sort_by_key(|f| f.0);
    // cumulative paid after each flow
    let mut cum_paid: Vec<(NaiveDate, i128)> = Vec::with_capacity(flows.len());
    let mut running: i128 = 0;
    for (d, u) in &flows {
        running = running.checked_add(*u).ok_or_else(overflow)?;
        match cum_paid.last_mut() {
            Some(last) if last.0 == *d => last.1 = running,
            _ => cum_paid.push((*d, running)),
        }
    }
    let paid_by = |d: NaiveDate| -> i128 {
        let k = cum_paid.partition_point(|(pd, _)| *pd <= d);
        if k == 0 {
            0
        } else {
            cum_paid[k - 1].1
        }
    };
    // installments in units, cumulative
    let n = plan.installments.len();
    let mut amounts = Vec::with_capacity(n);
    let mut cum = Vec::with_capacity(n);
    let mut acc: i128 = 0;
    for inst in &plan.installments {
        let u = to_units(inst.amount, currency)?;
        acc = acc.checked_add(u).ok_or_else(overflow)?;
        amounts.push(u);
        cum.push(acc);
    }
    let total = acc;
    let dues: Vec<NaiveDate> = plan.installments.iter().map(|i| i.due_date).collect();
    // (missed count, index of the first installment not fully paid) on day d
    let state_on = |d: NaiveDate| -> (usize, usize) {
        let paid = paid_by(d);
        let first_unpaid = cum.partition_point(|c| *c <= paid);
        let due_before = dues.partition_point(|x| *x < d);
        (due_before.saturating_sub(first_unpaid), first_unpaid)
    };

    // the first day the policy was met: conditions only become true the day after a due date
    // or `days_past_due` days after one (payments only make them false)
    let mut default: Option<(NaiveDate, String)> = None;
    if policy.missed_installments.is_some() || policy.days_past_due.is_some() {
        let mut candidates: Vec<NaiveDate> = Vec::new();
        for d in &dues {
            if let Some(next) = d.succ_opt() {
                candidates.push(next);
            }
            if let Some(m) = policy.days_past_due {
                if let Some(x) = d.checked_add_days(chrono::Days::new(u64::from(m))) {
                    candidates.push(x);
                }
            }
        }
        candidates.sort();
        candidates.dedup();
        for d in candidates.into_iter().take_while(|d| *d <= as_of) {
            let (missed, first_unpaid) = state_on(d);
            if missed == 0 {
                continue;
            }
            if let Some(k) = policy.missed_installments {
                if missed >= k as usize {
                    default = Some((
                        d,
                        format!(
                            "{missed} missed installment{} on {d} >= {k}",
                            if missed == 1 { "" } else { "s" }
                        ),
                    ));
                    break;
                }
            }
            if let Some(m) = policy.days_past_due {
                let oldest = dues[first_unpaid];
                let days = days_between(oldest, d);
                if days >= m {
                    default = Some((
                        d,
                        format!(
                            "installment {} due {oldest} was {days} days past due on {d} >= {m}",
                            first_unpaid + 1
                        ),
                    ));
                    break;
                }
            }
        }
    }

    let paid_total = paid_by(as_of);
    let applied = paid_total.min(total);
    let unapplied = paid_total - applied;
    let outstanding = total - applied;
    let (missed, first_unpaid) = state_on(as_of);
    let accelerated = policy.accelerate && default.is_some() && outstanding > 0;
    let default_date = default.as_ref().map(|(d, _)| *d);

    let mut overdue: i128 = 0;
    let mut amount_due: i128 = 0;
    let mut rows = Vec::with_capacity(n);
    let mut prev_cum: i128 = 0;
    for (i, inst) in plan.installments.iter().enumerate() {
        let paid_i = (applied - prev_cum).clamp(0, amounts[i]);
        let open_i = amounts[i] - paid_i;
        let paid_on = if open_i == 0 {
            cum_paid.iter().find(|(_, c)| *c >= cum[i]).map(|(d, _)| *d)
        } else {
            None
        };
        prev_cum = cum[i];
        let past_due = inst.due_date < as_of;
        let state = if open_i == 0 {
            InstallmentState::Paid
        } else if past_due {
            overdue += open_i;
            amount_due += open_i;
            InstallmentState::Overdue
        } else if accelerated {
            amount_due += open_i;
            InstallmentState::Accelerated
        } else {
            InstallmentState::Upcoming
        };
        let days_late = match (paid_on, state) {
            (Some(p), _) => days_between(inst.due_date, p),
            (None, InstallmentState::Overdue) => days_between(inst.due_date, as_of),
            _ => 0,
        };
        rows.push(InstallmentStatus {
            installment: inst.installment,
            due_date: inst.due_date,
            amount: inst.amount,
            paid: from_units(paid_i, currency)?,
            open: from_units(open_i, currency)?,
            state,
            paid_on,
            days_late,
        });
    }
    let oldest = if missed > 0 {
        Some(dues[first_unpaid])
    } else {
        None
    };
    let days_past_due = oldest.map(|o| days_between(o, as_of)).unwrap_or(0);
    let m = |u: i128| from_units(u, currency);
    let state = if outstanding == 0 {
        PlanState::PaidOff
    } else if default.is_some() {
        PlanState::Defaulted
    } else if missed > 0 {
        PlanState::InArrears
    } else {
        PlanState::Current
    };
    let paid_count = rows
        .iter()
        .filter(|r| r.state == InstallmentState::Paid)
        .count();
    let mut reason = match state {
        PlanState::PaidOff => {
            let on = rows.last().and_then(|r| r.paid_on);
            match on {
                Some(d) => format!("paid off on {d}: {} paid", m(applied)?),
                None => format!("paid off: {} paid", m(applied)?),
            }
        }
        PlanState::Current => {
            let next = rows.iter().find(|r| r.open > Decimal::ZERO);
            let mut s = format!(
                "current: {paid_count} of {n} installments paid ({} of {})",
                m(applied)?,
                plan.total
            );
            if let Some(r) = next {
                let _ = write!(s, "; next {} due {}", r.open, r.due_date);
            }
            s
        }
        PlanState::InArrears | PlanState::Defaulted => {
            let mut s = String::new();
            if let Some((d, why)) = &default {
                let _ = write!(s, "defaulted on {d}: {why}");
                if accelerated {
                    let _ = write!(
                        s,
                        "; the remaining {} was accelerated, due {d}",
                        m(outstanding)?
                    );
                }
                let _ = write!(s, "; as of {as_of}: ");
            } else {
                s.push_str("in arrears: ");
            }
            if missed > 0 {
                let _ = write!(
                    s,
                    "{} overdue, {missed} missed installment{}, the oldest (installment {} due {}) {days_past_due} days past due",
                    m(overdue)?,
                    if missed == 1 { "" } else { "s" },
                    first_unpaid + 1,
                    dues[first_unpaid]
                );
            } else {
                s.push_str("nothing past its own due date");
            }
            if default.is_none() {
                let _ = write!(s, "; {}", describe_policy(policy));
            }
            s
        }
    };
    if unapplied > 0 {
        let _ = write!(reason, "; {} paid beyond the plan", m(unapplied)?);
    }
    Ok(PlanStatus {
        as_of,
        state,
        paid: m(applied)?,
        unapplied: m(unapplied)?,
        outstanding: m(outstanding)?,
        overdue: m(overdue)?,
        amount_due: m(amount_due)?,
        missed_installments: u32::try_from(missed).map_err(|_| overflow())?,
        oldest_unpaid_due_date: oldest,
        days_past_due,
        default_date,
        accelerated,
        installments: rows,
        reason,
    })
}

fn describe_policy(policy: &DefaultPolicy) -> String {
    match (policy.missed_installments, policy.days_past_due) {
        (None, None) => "the policy never defaults".to_string(),
        (Some(k), None) => format!("default after {k} missed installments"),
        (None, Some(m)) => format!("default after {m} days past due"),
        (Some(k), Some(m)) => format!("default after {k} missed installments or {m} days past due"),
    }
}

// ----- rescheduling -----

/// One installment of a document, named by the host.
///
/// JSON: `{"document": "INV-1", "installment": 0}` (zero-based).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
}

/// What to reschedule, into which plan, under which document ids.
///
/// JSON: `{"plan_document": "PLAN-1", "credit_note": "RS-1", "items": null,
/// "plan": {"type": "split", "terms": {...}}}`; `items` is optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    /// The id of the debit note that carries the plan's installments.
    pub plan_document: String,
    /// The id of the credit note that closes the rescheduled items.
    pub credit_note: String,
    /// The items to reschedule; `None`: every receivable item past due on `as_of` (due date
    /// before it) with nothing under an open dispute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemRef>>,
    /// The plan; its amount is the sum of the items' open amounts.
    pub plan: PlanSpec,
}

/// An item taken into the plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RescheduledItem {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its open amount, now in the plan.
    pub open: Decimal,
    /// Days past due on the rescheduling date (zero if not yet due).
    pub days_past_due: u32,
}

/// A rescheduling: the plan, the documents and the events that record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rescheduled {
    /// The rescheduling date.
    pub as_of: NaiveDate,
    /// The items taken into the plan, oldest due first.
    pub items: Vec<RescheduledItem>,
    /// Their open amounts' sum: the plan's principal.
    pub total: Decimal,
    /// The plan.
    pub plan: Plan,
    /// The credit note (total `-total`, dated `as_of`) that closes the items.
    pub credit_note: Document,
    /// The debit note (dated `as_of`) whose installments are the plan's.
    pub plan_document: Document,
    /// The events to append to the account's history, in order: the credit note issued, one
    /// `credit_applied` per document (closing its items), the debit note issued. Ids:
    /// `{credit_note}:issued`, `{credit_note}:applied:{document}`, `{plan_document}:issued`.
    pub events: Vec<Event>,
    /// What was done, for people.
    pub reason: String,
}

/// Reschedules an account's overdue items (or the items the host chooses) into a plan.
///
/// Pure: nothing is changed. The result holds the plan (principal = the items' open amounts'
/// sum), a credit note for that sum and a debit note with the plan's installments, and the
/// events that record them (dated `as_of`); they were applied to a copy of the account to
/// check them. The host appends `events` to the account's history and stores `plan` to
/// follow it with [`plan_status`] (the plan's payments are the ones applied to the debit
/// note). The balance is unchanged for split plans; an amortized plan adds its interest.
///
/// Default selection: receivable items with a positive open amount, due before `as_of`, with
/// nothing under an open dispute. Credit notes and unapplied cash are not netted (apply them
/// first). A credit is spread over a document's installments in order, so the chosen items of
/// a document must be its first open installments.
///
/// # Errors
/// `account_after_as_of` (the account holds later events: replay it as of the date),
/// `nothing_to_reschedule`, `invalid_reschedule_item` (unknown, voided, a credit note, or
/// nothing open; or named twice), `unsupported_item_selection`, `plan_starts_before_as_of`,
/// the plan's errors ([`installment_plan`], [`amortized_plan`]), document errors (an empty id)
/// and ledger errors (a document or event id already used).
///
/// # Example
/// ```
/// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
/// use ar_core::installments::*;
/// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
///
/// let eur = Currency::from_code("EUR")?;
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
/// let mut account = Account::new(AccountConfig::new("ACME", eur));
/// let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1, 10),
///     eur, "900.00".parse().unwrap()), &Default::default())?;
/// account.apply(&Event::new("e1", day(1, 10), EventBody::DocumentIssued { document: inv }))?;
///
/// let request = RescheduleRequest {
///     plan_document: "PLAN-1".into(),
///     credit_note: "RS-1".into(),
///     items: None,
///     plan: PlanSpec::Split { terms: PlanTerms::new(DueDates::periodic(Frequency::Monthly, day(3, 31), 3)) },
/// };
/// let done = reschedule(&account, day(3, 1), &request)?;
/// assert_eq!(done.total.to_string(), "900.00");
/// for e in &done.events { account.apply(e)?; }
/// assert_eq!(account.balance()?.to_string(), "900.00");
/// assert_eq!(account.open_items()[0].document, "PLAN-1");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn reschedule(
    account: &Account,
    as_of: NaiveDate,
    request: &RescheduleRequest,
) -> Result<Rescheduled, PlanError> {
    if let Some(latest) = account.as_of() {
        if latest > as_of {
            return Err(PlanError::AccountAfterAsOf {
                account_as_of: latest,
                as_of,
            });
        }
    }
    let config = account.config();
    let currency = config.currency;
    let open_items = account.open_items();

    let chosen: Vec<(ItemRef, NaiveDate, Decimal)> = match &request.items {
        None => open_items
            .iter()
            .filter(|i| {
                !i.kind.is_credit()
                    && i.open > Decimal::ZERO
                    && i.due_date < as_of
                    && i.disputed.is_zero()
            })
            .map(|i| {
                (
                    ItemRef {
                        document: i.document.clone(),
                        installment: i.installment,
                    },
                    i.due_date,
                    i.open,
                )
            })
            .collect(),
        Some(refs) => {
            let mut seen = std::collections::BTreeSet::new();
            let mut out = Vec::with_capacity(refs.len());
            for r in refs {
                let bad = |detail: &str| PlanError::InvalidItem {
                    document: r.document.clone(),
                    installment: r.installment,
                    detail: detail.to_string(),
                };
                if !seen.insert(r.clone()) {
                    return Err(bad("named twice"));
                }
                let Some(ds) = account.document(&r.document) else {
                    return Err(bad("unknown document"));
                };
                if ds.voided {
                    return Err(bad("the document is void"));
                }
                if ds.document.kind.is_credit() {
                    return Err(bad("a credit note is not a receivable"));
                }
                let idx = usize::try_from(r.installment).map_err(|_| overflow())?;
                let (Some(item), Some(sched)) =
                    (ds.items.get(idx), ds.document.installments.get(idx))
                else {
                    return Err(bad("no such installment"));
                };
                if item.open <= Decimal::ZERO {
                    return Err(bad("nothing is open"));
                }
                out.push((r.clone(), sched.due_date, item.open));
            }
            // oldest due first, as open_items orders them
            out.sort_by(|a, b| {
                (a.1, &a.0.document, a.0.installment).cmp(&(b.1, &b.0.document, b.0.installment))
            });
            out
        }
    };
    if chosen.is_empty() {
        return Err(PlanError::NothingToReschedule { as_of });
    }

    // per document, the chosen installments must be its first open ones (credit spreads in order)
    let mut by_doc: BTreeMap<&str, (Vec<u32>, Decimal)> = BTreeMap::new();
    let mut doc_order: Vec<&str> = Vec::new();
    let mut total = Decimal::ZERO;
    for (r, _, open) in &chosen {
        let e = by_doc.entry(r.document.as_str()).or_insert_with(|| {
            doc_order.push(r.document.as_str());
            (Vec::new(), Decimal::ZERO)
        });
        e.0.push(r.installment);
        e.1 = e.1.checked_add(*open).ok_or_else(overflow)?;
        total = total.checked_add(*open).ok_or_else(overflow)?;
    }
    for (doc, (insts, _)) in &by_doc {
        let Some(ds) = account.document(doc) else {
            continue;
        };
        let mut wanted: Vec<u32> = insts.clone();
        wanted.sort_unstable();
        let open_in_order: Vec<u32> = ds
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.open > Decimal::ZERO)
            .filter_map(|(i, _)| u32::try_from(i).ok())
            .take(wanted.len())
            .collect();
        if open_in_order != wanted {
            return Err(PlanError::UnsupportedSelection {
                document: doc.to_string(),
            });
        }
    }
    let total = scaled(total, currency);

    let plan = request.plan.build(total, currency)?;
    let first_due = plan.installments[0].due_date;
    if first_due < as_of {
        return Err(PlanError::PlanStartsBeforeAsOf { first_due, as_of });
    }

    let credit_note = Document {
        id: request.credit_note.clone(),
        kind: DocumentKind::CreditNote,
        customer: config.customer.clone(),
        date: as_of,
        currency,
        total: -total,
        installments: vec![ScheduledItem {
            due_date: as_of,
            amount: -total,
            discounts: Vec::new(),
        }],
        terms: None,
        against: None,
        revision_of: None,
        charge_for: None,
    };
    credit_note.validate()?;
    let plan_document = Document {
        id: request.plan_document.clone(),
        kind: DocumentKind::DebitNote,
        customer: config.customer.clone(),
        date: as_of,
        currency,
        total: plan.total,
        installments: plan
            .installments
            .iter()
            .map(|i| ScheduledItem {
                due_date: i.due_date,
                amount: i.amount,
                discounts: Vec::new(),
            })
            .collect(),
        terms: None,
        against: None,
        revision_of: None,
        charge_for: None,
    };
    plan_document.validate()?;

    let mut events = Vec::with_capacity(doc_order.len() + 2);
    events.push(Event::new(
        &format!("{}:issued", credit_note.id),
        as_of,
        EventBody::DocumentIssued {
            document: credit_note.clone(),
        },
    ));
    for doc in &doc_order {
        let amount = by_doc.get(doc).map(|e| e.1).unwrap_or_default();
        events.push(Event::new(
            &format!("{}:applied:{doc}", credit_note.id),
            as_of,
            EventBody::CreditApplied {
                credit_document: credit_note.id.clone(),
                target_document: doc.to_string(),
                amount: scaled(amount, currency),
            },
        ));
    }
    events.push(Event::new(
        &format!("{}:issued", plan_document.id),
        as_of,
        EventBody::DocumentIssued {
            document: plan_document.clone(),
        },
    ));
    // check the events against a copy of the account
    let mut copy = account.clone();
    for e in &events {
        copy.apply(e)?;
    }

    let items: Vec<RescheduledItem> = chosen
        .iter()
        .map(|(r, due, open)| RescheduledItem {
            document: r.document.clone(),
            installment: r.installment,
            due_date: *due,
            open: *open,
            days_past_due: days_between(*due, as_of),
        })
        .collect();
    let listed: Vec<String> = items
        .iter()
        .map(|i| {
            format!(
                "{} #{} due {} (open {})",
                i.document,
                u64::from(i.installment) + 1,
                i.due_date,
                i.open
            )
        })
        .collect();
    let mut reason = format!(
        "rescheduled {} item{} totalling {total} on {as_of}: {}; credit note {} closes them, debit note {} carries the plan's {} installment{}",
        items.len(),
        if items.len() == 1 { "" } else { "s" },
        listed.join(", "),
        credit_note.id,
        plan_document.id,
        plan.installments.len(),
        if plan.installments.len() == 1 { "" } else { "s" },
    );
    if !plan.interest.is_zero() {
        let _ = write!(reason, " (with {} interest)", plan.interest);
    }
    Ok(Rescheduled {
        as_of,
        items,
        total,
        plan,
        credit_note,
        plan_document,
        events,
        reason,
    })
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
    fn cur(code: &str) -> Currency {
        Currency::from_code(code).unwrap()
    }
    fn amounts(p: &Plan) -> Vec<String> {
        p.installments
            .iter()
            .map(|i| i.amount.to_string())
            .collect()
    }
    fn dates(p: &Plan) -> Vec<String> {
        p.installments
            .iter()
            .map(|i| i.due_date.to_string())
            .collect()
    }
    fn monthly(first: NaiveDate, n: u32) -> PlanTerms {
        PlanTerms::new(DueDates::periodic(Frequency::Monthly, first, n))
    }
    fn amortized(rate: &str, f: Frequency, n: u32) -> AmortizedTerms {
        AmortizedTerms {
            annual_rate_percent: d(rate),
            frequency: f,
            first_due: ymd(2024, 2, 1),
            count: n,
            roll: Roll::None,
            calendar: None,
        }
    }

    #[test]
    fn must_have_1000_in_3_monthly_from_31_jan() {
        let p = installment_plan(d("1000.00"), cur("EUR"), &monthly(ymd(2024, 1, 31), 3)).unwrap();
        assert_eq!(dates(&p), ["2024-01-31", "2024-02-29", "2024-03-31"]);
        assert_eq!(amounts(&p), ["333.34", "333.33", "333.33"]);
        assert_eq!(p.installments[0].reason, "installment 1 of 3: 1/3 of 1000.00 = 333.33 (rounded half up) + 0.01 rounding residual = 333.34; due 2024-01-31: first due date 2024-01-31");
        assert_eq!(p.installments[1].reason, "installment 2 of 3: 1/3 of 1000.00 = 333.33 (rounded half up); due 2024-02-29: monthly from the first due date 2024-01-31 +1 month = 2024-02-29 (day 31 clamped to the month's last day)");
        assert_eq!(p.installments[2].balance_after.to_string(), "0.00");
    }

    #[test]
    fn month_end_never_drifts() {
        let p = installment_plan(d("400.00"), cur("EUR"), &monthly(ymd(2024, 1, 31), 4)).unwrap();
        assert_eq!(
            dates(&p),
            ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]
        );
    }

    #[test]
    fn jpy_and_kwd() {
        let p = installment_plan(d("100000"), cur("JPY"), &monthly(ymd(2024, 1, 31), 3)).unwrap();
        assert_eq!(amounts(&p), ["33334", "33333", "33333"]);
        let p = installment_plan(d("1"), cur("KWD"), &monthly(ymd(2024, 1, 31), 3)).unwrap();
        assert_eq!(amounts(&p), ["0.334", "0.333", "0.333"]);
        assert_eq!(p.principal.to_string(), "1.000");
    }

    #[test]
    fn residual_policies() {
        let mut t = monthly(ymd(2024, 1, 31), 3);
        t.residual = ResidualPolicy::Last;
        let p = installment_plan(d("1000.00"), cur("EUR"), &t).unwrap();
        assert_eq!(amounts(&p), ["333.33", "333.33", "333.34"]);
        // 2000 / 3 = 666.666..: half up gives 666.67 each (2000.01), the first gives back 0.01
        let p = installment_plan(d("2000.00"), cur("EUR"), &monthly(ymd(2024, 1, 31), 3)).unwrap();
        assert_eq!(amounts(&p), ["666.66", "666.67", "666.67"]);
        assert!(p.installments[0]
            .reason
            .contains("666.67 (rounded half up) - 0.01 rounding residual = 666.66"));
        // rounding down: every regular installment 666.66, the first takes 0.02
        t.residual = ResidualPolicy::First;
        t.rounding = RoundingMode::Down;
        let p = installment_plan(d("2000.00"), cur("EUR"), &t).unwrap();
        assert_eq!(amounts(&p), ["666.68", "666.66", "666.66"]);
    }

    #[test]
    fn frequencies() {
        let eur = cur("EUR");
        let f = |freq, first| {
            let t = PlanTerms::new(DueDates::periodic(freq, first, 3));
            dates(&installment_plan(d("3.00"), eur, &t).unwrap())
        };
        assert_eq!(
            f(Frequency::Weekly, ymd(2024, 2, 26)),
            ["2024-02-26", "2024-03-04", "2024-03-11"]
        );
        assert_eq!(
            f(Frequency::Biweekly, ymd(2024, 12, 23)),
            ["2024-12-23", "2025-01-06", "2025-01-20"]
        );
        assert_eq!(
            f(Frequency::Quarterly, ymd(2023, 11, 30)),
            ["2023-11-30", "2024-02-29", "2024-05-30"]
        );
        assert_eq!(
            f(Frequency::Semiannually, ymd(2024, 8, 31)),
            ["2024-08-31", "2025-02-28", "2025-08-31"]
        );
        assert_eq!(
            f(Frequency::Annually, ymd(2024, 2, 29)),
            ["2024-02-29", "2025-02-28", "2026-02-28"]
        );
    }

    #[test]
    fn weights_and_down_payment() {
        let mut t = monthly(ymd(2024, 3, 15), 3);
        t.weights = vec![d("0.5"), d("0.25"), d("0.25")];
        t.down_payment = Some(DownPayment::Amount {
            amount: d("100"),
            due_date: ymd(2024, 3, 1),
        });
        let p = installment_plan(d("1000.00"), cur("EUR"), &t).unwrap();
        assert_eq!(amounts(&p), ["100.00", "450.00", "225.00", "225.00"]);
        assert_eq!(p.installments[0].kind, InstallmentKind::DownPayment);
        assert_eq!(p.installments[0].balance_after.to_string(), "900.00");
        assert_eq!(
            p.installments[1].reason,
            "installment 1 of 3: weight 0.5 of 1 of 900.00 (what the down payment leaves) = 450.00 (rounded half up); due 2024-03-15: first due date 2024-03-15"
        );
        // 1:1:1 weights are equal shares
        t.weights = vec![d("2"), d("2"), d("2")];
        t.down_payment = None;
        let p = installment_plan(d("1000.00"), cur("EUR"), &t).unwrap();
        assert_eq!(amounts(&p), ["333.34", "333.33", "333.33"]);
    }

    #[test]
    fn roll_to_business_days() {
        // monthly from Fri 31 May 2024: 30 Jun is a Sunday, 31 Aug a Saturday
        let mut t = monthly(ymd(2024, 5, 31), 4);
        t.roll = Roll::ModifiedFollowing;
        let p = installment_plan(d("4.00"), cur("EUR"), &t).unwrap();
        assert_eq!(
            dates(&p),
            ["2024-05-31", "2024-06-28", "2024-07-31", "2024-08-30"]
        );
        assert!(p.installments[1].reason.ends_with(
            "2024-06-30 (Sun) is not a business day, rolled modified following to 2024-06-28 (Fri)"
        ));
        // custom dates that roll onto the same day are refused
        let mut t = PlanTerms::new(DueDates::custom(vec![ymd(2024, 6, 15), ymd(2024, 6, 16)]));
        t.roll = Roll::Following;
        assert_eq!(
            installment_plan(d("4.00"), cur("EUR"), &t)
                .unwrap_err()
                .kind(),
            "plan_dates_not_increasing"
        );
    }

    #[test]
    fn split_errors() {
        let eur = cur("EUR");
        let t = monthly(ymd(2024, 1, 31), 3);
        let kind =
            |amount: &str, t: &PlanTerms| installment_plan(d(amount), eur, t).unwrap_err().kind();
        assert_eq!(kind("0", &t), "invalid_plan_amount");
        assert_eq!(kind("-5.00", &t), "invalid_plan_amount");
        assert_eq!(kind("1.005", &t), "amount_not_rounded");
        assert_eq!(kind("0.02", &t), "plan_amount_too_small");
        assert_eq!(
            kind("1.00", &monthly(ymd(2024, 1, 31), 0)),
            "invalid_installment_count"
        );
        assert_eq!(
            kind("1.00", &monthly(ymd(2024, 1, 31), u32::MAX)),
            "invalid_installment_count"
        );
        assert_eq!(
            kind("1.00", &monthly(NaiveDate::MAX, 2)),
            "date_out_of_range"
        );
        let mut w = t.clone();
        w.weights = vec![d("1"), d("0"), d("1")];
        assert_eq!(kind("1.00", &w), "invalid_weights");
        w.weights = vec![d("1"), d("1")];
        assert_eq!(kind("1.00", &w), "invalid_weights");
        w.weights = vec![d("1"), d("0.0000000001"), d("1")];
        assert_eq!(kind("1.00", &w), "invalid_weights");
        let mut dp = t.clone();
        dp.down_payment = Some(DownPayment::Amount {
            amount: d("10.00"),
            due_date: ymd(2024, 1, 31),
        });
        assert_eq!(kind("100.00", &dp), "invalid_down_payment");
        dp.down_payment = Some(DownPayment::Percent {
            percent: d("100"),
            due_date: ymd(2024, 1, 1),
        });
        assert_eq!(kind("100.00", &dp), "invalid_down_payment");
        dp.down_payment = Some(DownPayment::Amount {
            amount: d("100.00"),
            due_date: ymd(2024, 1, 1),
        });
        assert_eq!(kind("100.00", &dp), "invalid_down_payment");
        let xau = installment_plan(d("1"), cur("XAU"), &t).unwrap_err();
        assert_eq!(xau.kind(), "no_minor_unit");
    }

    #[test]
    fn amortized_textbook_10000_at_12_percent() {
        let p = amortized_plan(
            d("10000.00"),
            cur("USD"),
            &amortized("12", Frequency::Monthly, 12),
        )
        .unwrap();
        assert_eq!(p.payment.unwrap().to_string(), "888.49");
        let i = &p.installments;
        assert_eq!(
            (
                i[1].interest.to_string(),
                i[1].principal.to_string(),
                i[1].balance_after.to_string()
            ),
            ("92.12".into(), "796.37".into(), "8415.14".into())
        );
        let sum: Decimal = i.iter().map(|x| x.principal).sum();
        assert_eq!(sum, d("10000.00"));
        assert_eq!(p.total, p.principal + p.interest);
        assert_eq!(i[11].balance_after.to_string(), "0.00");
    }

    #[test]
    fn amortized_zero_rate_is_the_equal_split_residual_last() {
        let p = amortized_plan(
            d("1000.00"),
            cur("EUR"),
            &amortized("0", Frequency::Monthly, 3),
        )
        .unwrap();
        assert_eq!(amounts(&p), ["333.33", "333.33", "333.34"]);
        assert_eq!(p.interest.to_string(), "0.00");
        assert_eq!(p.payment.unwrap().to_string(), "333.33");
    }

    #[test]
    fn amortized_errors() {
        let usd = cur("USD");
        let k = |amount: &str, t: &AmortizedTerms| {
            amortized_plan(d(amount), usd, t).unwrap_err().kind()
        };
        assert_eq!(
            k("100.00", &amortized("-1", Frequency::Monthly, 12)),
            "invalid_plan_rate"
        );
        assert_eq!(
            k("-100.00", &amortized("5", Frequency::Monthly, 12)),
            "invalid_plan_amount"
        );
        assert_eq!(
            k("100.00", &amortized("5", Frequency::Monthly, 0)),
            "invalid_installment_count"
        );
        assert_eq!(
            k("0.05", &amortized("5", Frequency::Monthly, 12)),
            "plan_amount_too_small"
        );
        assert_eq!(
            k(
                "700000000000000000000000000.00",
                &amortized("1000", Frequency::Annually, 12)
            ),
            "overflow"
        );
        // a high rate over many periods does not overflow: (1 + r)^-n shrinks toward zero
        let t = amortized("100000000", Frequency::Annually, 400);
        let p = amortized_plan(d("100.00"), usd, &t).unwrap();
        assert_eq!(p.payment.unwrap().to_string(), "100000000.00");
        // a rate too small to show in 28 digits: the limit B / n; interest rounds to zero
        let t = amortized("0.000000000000000000000000001", Frequency::Monthly, 3);
        let p = amortized_plan(d("100.00"), usd, &t).unwrap();
        assert_eq!(amounts(&p), ["33.33", "33.33", "33.34"]);
    }

    #[test]
    fn decimal_products_round_instead_of_failing() {
        // the annuity factor relies on checked_mul keeping 28 digits rather than failing
        let x = d("1.0041666666666666666666666667");
        let y = checked_powu(x, 360).unwrap();
        assert!(y > d("4.46") && y < d("4.47"), "{y}");
        let v = checked_powu(Decimal::ONE / x, 360).unwrap();
        assert!(v > d("0.2238") && v < d("0.2239"), "{v}");
    }

    #[test]
    fn status_states() {
        let eur = cur("EUR");
        let p = installment_plan(d("1000.00"), eur, &monthly(ymd(2024, 1, 31), 3)).unwrap();
        let pol = DefaultPolicy {
            missed_installments: None,
            days_past_due: Some(30),
            accelerate: false,
        };
        // paid on the due date: on time
        let pays = [PlanPayment::new(ymd(2024, 1, 31), d("333.34"))];
        let s = plan_status(&p, &pays, ymd(2024, 2, 29), &pol).unwrap();
        assert_eq!(s.state, PlanState::Current);
        assert_eq!(
            s.reason,
            "current: 1 of 3 installments paid (333.34 of 1000.00); next 333.33 due 2024-02-29"
        );
        // 1 Mar: one day past due
        let s = plan_status(&p, &pays, ymd(2024, 3, 1), &pol).unwrap();
        assert_eq!(s.state, PlanState::InArrears);
        assert_eq!(s.days_past_due, 1);
        assert_eq!(s.reason, "in arrears: 333.33 overdue, 1 missed installment, the oldest (installment 2 due 2024-02-29) 1 days past due; default after 30 days past due");
        // 30 days after 29 Feb is 30 Mar: defaulted, not accelerated
        let s = plan_status(&p, &pays, ymd(2024, 3, 30), &pol).unwrap();
        assert_eq!(s.state, PlanState::Defaulted);
        assert_eq!(s.default_date, Some(ymd(2024, 3, 30)));
        assert_eq!(s.amount_due.to_string(), "333.33");
        // a payment after as_of is ignored; an overpayment is unapplied
        let pays = [
            PlanPayment::new(ymd(2024, 1, 5), d("1100.00")),
            PlanPayment::new(ymd(2024, 9, 1), d("5.00")),
        ];
        let s = plan_status(&p, &pays, ymd(2024, 6, 1), &pol).unwrap();
        assert_eq!(s.state, PlanState::PaidOff);
        assert_eq!(s.unapplied.to_string(), "100.00");
        assert_eq!(
            s.reason,
            "paid off on 2024-01-05: 1000.00 paid; 100.00 paid beyond the plan"
        );
    }

    #[test]
    fn status_errors() {
        let p = installment_plan(d("10.00"), cur("EUR"), &monthly(ymd(2024, 1, 31), 2)).unwrap();
        let day = ymd(2024, 3, 1);
        let pol = DefaultPolicy::default();
        let neg = [PlanPayment::new(day, d("-1.00"))];
        assert_eq!(
            plan_status(&p, &neg, day, &pol).unwrap_err().kind(),
            "invalid_plan_payment"
        );
        let fine = [PlanPayment::new(day, d("1.001"))];
        assert_eq!(
            plan_status(&p, &fine, day, &pol).unwrap_err().kind(),
            "amount_not_rounded"
        );
        let zero = DefaultPolicy {
            missed_installments: Some(0),
            ..Default::default()
        };
        assert_eq!(
            plan_status(&p, &[], day, &zero).unwrap_err().kind(),
            "invalid_default_policy"
        );
        let mut bad = p.clone();
        bad.installments.swap(0, 1);
        assert_eq!(
            plan_status(&bad, &[], day, &pol).unwrap_err().kind(),
            "invalid_plan"
        );
    }

    /// (document id, date, [(due date, amount)])
    type Draft<'a> = (&'a str, NaiveDate, &'a [(NaiveDate, &'a str)]);

    fn account_with(docs: &[Draft]) -> Account {
        use crate::ledger::AccountConfig;
        let eur = cur("EUR");
        let mut a = Account::new(AccountConfig::new("ACME", eur));
        for (i, (id, date, items)) in docs.iter().enumerate() {
            let installments: Vec<ScheduledItem> = items
                .iter()
                .map(|(due, amount)| ScheduledItem {
                    due_date: *due,
                    amount: d(amount),
                    discounts: Vec::new(),
                })
                .collect();
            let total = installments.iter().map(|x| x.amount).sum();
            let doc = Document {
                id: id.to_string(),
                kind: DocumentKind::Invoice,
                customer: "ACME".into(),
                date: *date,
                currency: eur,
                total,
                installments,
                terms: None,
                against: None,
                revision_of: None,
                charge_for: None,
            };
            a.apply(&Event::new(
                &format!("e{i}"),
                *date,
                EventBody::DocumentIssued { document: doc },
            ))
            .unwrap();
        }
        a
    }

    fn request(items: Option<Vec<(&str, u32)>>, first_due: NaiveDate) -> RescheduleRequest {
        RescheduleRequest {
            plan_document: "PLAN-1".into(),
            credit_note: "RS-1".into(),
            items: items.map(|v| {
                v.into_iter()
                    .map(|(document, installment)| ItemRef {
                        document: document.into(),
                        installment,
                    })
                    .collect()
            }),
            plan: PlanSpec::Split {
                terms: monthly(first_due, 2),
            },
        }
    }

    #[test]
    fn reschedule_records_the_plan_in_the_ledger() {
        let jan = |dd| ymd(2024, 1, dd);
        let mut a = account_with(&[
            (
                "INV-1",
                jan(1),
                &[
                    (jan(10), "100.00"),
                    (jan(20), "100.00"),
                    (ymd(2024, 3, 1), "100.00"),
                ],
            ),
            ("INV-2", jan(2), &[(jan(15), "50.01")]),
        ]);
        let as_of = ymd(2024, 2, 1);
        let before = a.balance().unwrap();
        let done = reschedule(&a, as_of, &request(None, ymd(2024, 2, 15))).unwrap();
        // INV-1 #1 and #2 and INV-2 are overdue; INV-1 #3 is not
        assert_eq!(done.total.to_string(), "250.01");
        // 250.01 / 2 = 125.005 -> 125.01 each (half up) = 250.02: the first gives back 0.01
        assert_eq!(amounts(&done.plan), ["125.00", "125.01"]);
        let ids: Vec<&str> = done.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "RS-1:issued",
                "RS-1:applied:INV-1",
                "RS-1:applied:INV-2",
                "PLAN-1:issued"
            ]
        );
        for e in &done.events {
            a.apply(e).unwrap();
        }
        assert_eq!(a.balance().unwrap(), before);
        // by due date: PLAN-1 #1 15 Feb, INV-1 #3 1 Mar, PLAN-1 #2 15 Mar
        let open: Vec<(String, u32, String)> = a
            .open_items()
            .iter()
            .map(|i| (i.document.clone(), i.installment, i.open.to_string()))
            .collect();
        assert_eq!(
            open,
            [
                ("PLAN-1".to_string(), 0, "125.00".to_string()),
                ("INV-1".to_string(), 2, "100.00".to_string()),
                ("PLAN-1".to_string(), 1, "125.01".to_string()),
            ]
        );
        // the same ids again: the copy of the account refuses the first event
        let again = reschedule(
            &a,
            as_of,
            &request(Some(vec![("INV-1", 2)]), ymd(2024, 3, 1)),
        );
        assert_eq!(again.unwrap_err().kind(), "duplicate_event");
    }

    #[test]
    fn reschedule_errors() {
        let jan = |dd| ymd(2024, 1, dd);
        let a = account_with(&[
            ("INV-1", jan(1), &[(jan(10), "100.00"), (jan(20), "100.00")]),
            ("INV-2", jan(2), &[(jan(15), "50.00")]),
        ]);
        let as_of = ymd(2024, 2, 1);
        let feb15 = ymd(2024, 2, 15);
        let kind = |r: RescheduleRequest, as_of| reschedule(&a, as_of, &r).unwrap_err().kind();
        assert_eq!(
            kind(request(Some(vec![("INV-9", 0)]), feb15), as_of),
            "invalid_reschedule_item"
        );
        assert_eq!(
            kind(request(Some(vec![("INV-1", 5)]), feb15), as_of),
            "invalid_reschedule_item"
        );
        assert_eq!(
            kind(
                request(Some(vec![("INV-2", 0), ("INV-2", 0)]), feb15),
                as_of
            ),
            "invalid_reschedule_item"
        );
        assert_eq!(
            kind(request(Some(vec![("INV-1", 1)]), feb15), as_of),
            "unsupported_item_selection"
        );
        assert_eq!(
            kind(request(Some(vec![]), feb15), as_of),
            "nothing_to_reschedule"
        );
        assert_eq!(
            kind(request(None, ymd(2024, 1, 31)), as_of),
            "plan_starts_before_as_of"
        );
        assert_eq!(kind(request(None, feb15), jan(1)), "account_after_as_of");
        let mut r = request(None, feb15);
        r.credit_note = String::new();
        assert_eq!(kind(r, as_of), "empty_id");
        let mut r = request(None, feb15);
        r.plan_document = "INV-2".into();
        assert_eq!(kind(r, as_of), "duplicate_document");
    }

    #[test]
    fn error_messages() {
        let cases: Vec<(PlanError, &str, &str)> = vec![
            (PlanError::InvalidAmount { amount: d("-1") }, "invalid_plan_amount", "plan amount `-1` must be greater than zero"),
            (PlanError::InvalidCount { count: 0 }, "invalid_installment_count", "installment count `0` is out of range 1..=10000"),
            (PlanError::InvalidWeights { detail: "x".into() }, "invalid_weights", "invalid weights: x"),
            (PlanError::DatesNotIncreasing { position: 1, date: ymd(2024, 1, 1), previous: ymd(2024, 1, 1) }, "plan_dates_not_increasing", "due date `2024-01-01` of installment 1 is not after `2024-01-01`; plan dates must be strictly increasing"),
            (PlanError::InvalidDownPayment { detail: "x".into() }, "invalid_down_payment", "invalid down payment: x"),
            (PlanError::AmountTooSmall { amount: d("0.02"), count: 3, position: 0 }, "plan_amount_too_small", "`0.02` is too small for 3 installments: installment 0 would be zero"),
            (PlanError::InvalidRate { rate: d("-1") }, "invalid_plan_rate", "annual interest rate `-1` % must not be negative"),
            (PlanError::InvalidPlan { detail: "x".into() }, "invalid_plan", "invalid plan: x"),
            (PlanError::InvalidPayment { position: 2, amount: d("-1") }, "invalid_plan_payment", "plan payment 2 of `-1` must not be negative"),
            (PlanError::InvalidPolicy { detail: "x".into() }, "invalid_default_policy", "invalid default policy: x"),
            (PlanError::AccountAfterAsOf { account_as_of: ymd(2024, 2, 1), as_of: ymd(2024, 1, 1) }, "account_after_as_of", "the account has events up to `2024-02-01`, after the rescheduling date `2024-01-01`; replay it as of that date"),
            (PlanError::NothingToReschedule { as_of: ymd(2024, 1, 1) }, "nothing_to_reschedule", "nothing to reschedule as of `2024-01-01`: no overdue receivable item outside disputes"),
            (PlanError::InvalidItem { document: "INV-1".into(), installment: 0, detail: "x".into() }, "invalid_reschedule_item", "item `INV-1` installment 0 cannot be rescheduled: x"),
            (PlanError::UnsupportedSelection { document: "INV-1".into() }, "unsupported_item_selection", "the items chosen of `INV-1` are not its first open installments; a credit is spread over a document's installments in order"),
            (PlanError::PlanStartsBeforeAsOf { first_due: ymd(2024, 1, 1), as_of: ymd(2024, 2, 1) }, "plan_starts_before_as_of", "the plan's first due date `2024-01-01` is before the rescheduling date `2024-02-01`"),
        ];
        for (err, kind, msg) in cases {
            assert_eq!(err.kind(), kind);
            assert_eq!(err.to_string(), msg);
        }
    }

    #[test]
    fn json_shapes() {
        let t: PlanTerms = serde_json::from_str(
            r#"{"due":{"type":"periodic","frequency":"monthly","first_due":"2024-01-31","count":3}}"#,
        )
        .unwrap();
        assert_eq!(t, monthly(ymd(2024, 1, 31), 3));
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"due":{"type":"periodic","frequency":"monthly","first_due":"2024-01-31","count":3},"rounding":"half_up","residual":"first","roll":"none"}"#
        );
        assert!(serde_json::from_str::<PlanTerms>(
            r#"{"due":{"type":"custom","dates":[]},"typo":1}"#
        )
        .is_err());
        let spec: PlanSpec = serde_json::from_str(
            r#"{"type":"amortized","terms":{"annual_rate_percent":"12","frequency":"monthly","first_due":"2024-02-01","count":12}}"#,
        )
        .unwrap();
        assert!(matches!(spec, PlanSpec::Amortized { .. }));
        let p = installment_plan(d("10.00"), cur("EUR"), &monthly(ymd(2024, 1, 31), 1)).unwrap();
        let json = serde_json::to_string(&p).unwrap();
        assert!(json.starts_with(r#"{"currency":"EUR","principal":"10.00","interest":"0.00","total":"10.00","installments":[{"installment":0,"kind":"regular","due_date":"2024-01-31","amount":"10.00""#), "{json}");
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
    }
}
