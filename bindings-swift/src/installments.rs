//! Installment plans ([`ar_core::installments`]): a balance split into installments, amortized
//! plans with interest, a plan's status as of a date, and rescheduling an account's overdue
//! items into a plan.
//!
//! Most records and enums are the core's, re-declared with `#[uniffi::remote(...)]`. The
//! terms hold a `BusinessCalendar`, which cannot cross as it is (see [`crate::types`]), so
//! [`PlanTerms`], [`AmortizedTerms`], [`PlanSpec`] and [`RescheduleRequest`] are binding-side
//! twins converted into the core types by the macros of [`crate::macros`]. Errors: `Plan` for
//! the module's own kinds; the kinds it passes on land in their own module's case
//! (`Allocation` `amount_not_rounded`, `Calendar` `date_out_of_range`, `Ledger`
//! `duplicate_document`, ...).

use std::convert::identity;
use std::sync::Arc;

use ar_core::allocation::ResidualPolicy;
use ar_core::calendar::{self, Roll};
use ar_core::documents::Document;
use ar_core::installments::{
    self, DefaultPolicy, DownPayment, DueDates, Frequency, InstallmentKind, InstallmentState,
    InstallmentStatus, ItemRef, Plan, PlanInstallment, PlanPayment, PlanState, PlanStatus,
    Rescheduled, RescheduledItem,
};
use ar_core::ledger::Event;
use ar_core::money::{Currency, RoundingMode};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::account::Account;
use crate::error::ArCoreError;
use crate::macros::{impl_twin_conversions, impl_twin_enum_conversion};
use crate::types::BusinessCalendar;

type Result<T> = std::result::Result<T, ArCoreError>;

// ---- inputs ------------------------------------------------------------------------------

/// How often installments fall due; for amortized plans also the periods per year (52, 26,
/// 12, 4, 2, 1).
#[uniffi::remote(Enum)]
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

/// When the installments fall due.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DueDates {
    /// `count` installments, the first due on `firstDue` (the anchor), installment `k` due
    /// `firstDue` + `k` periods, each computed from the anchor (31 Jan monthly: 31 Jan, 29 Feb,
    /// 31 Mar, 30 Apr).
    Periodic {
        /// How often.
        frequency: Frequency,
        /// The first due date (the anchor).
        first_due: NaiveDate,
        /// How many installments (1..=10000).
        count: u32,
    },
    /// One installment per date; the dates must be strictly increasing.
    Custom {
        /// The due dates.
        dates: Vec<NaiveDate>,
    },
}

/// A down payment: a first installment, due before the others.
#[uniffi::remote(Enum)]
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

/// How a split plan divides its amount (`installmentPlan`). The JSON defaults are
/// `HALF_UP`, residual `FIRST` (not `LAST` as in terms) and roll `NONE`; `newPlanTerms(due)`
/// builds terms with them.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlanTerms {
    /// When the regular installments fall due.
    pub due: DueDates,
    /// One weight per regular installment, each greater than zero (`1, 2, 1` = 25 %, 50 %,
    /// 25 %); empty: equal shares.
    #[uniffi(default = [])]
    pub weights: Vec<Decimal>,
    /// An optional down payment, due before the first installment.
    #[uniffi(default = None)]
    pub down_payment: Option<DownPayment>,
    /// How each share (and a percent down payment) is rounded to the minor unit.
    pub rounding: RoundingMode,
    /// Which regular installment takes the rounding residual.
    pub residual: ResidualPolicy,
    /// How due dates on non-business days move.
    pub roll: Roll,
    /// The calendar of the roll (absent: Saturday and Sunday off).
    #[uniffi(default = None)]
    pub calendar: Option<BusinessCalendar>,
}

impl_twin_conversions!(PlanTerms <=> installments::PlanTerms {
    due: identity, identity;
    weights: identity, identity;
    down_payment: identity, identity;
    rounding: identity, identity;
    residual: identity, identity;
    roll: identity, identity;
    calendar: |c: Option<BusinessCalendar>| c.map(Into::into), |c: Option<calendar::BusinessCalendar>| c.map(Into::into);
});

/// How an amortized plan (an annuity) repays its principal (`amortizedPlan`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AmortizedTerms {
    /// The nominal annual rate in percent (`12` for 12 %), zero or more; the periodic rate
    /// is `annualRatePercent / 100 / periods per year`.
    pub annual_rate_percent: Decimal,
    /// How often payments fall due, and the periods per year.
    pub frequency: Frequency,
    /// The first due date (the anchor).
    pub first_due: NaiveDate,
    /// The number of payments (1..=10000).
    pub count: u32,
    /// How due dates on non-business days move (the JSON default is `NONE`; interest stays
    /// per period).
    pub roll: Roll,
    /// The calendar of the roll (absent: Saturday and Sunday off).
    #[uniffi(default = None)]
    pub calendar: Option<BusinessCalendar>,
}

impl_twin_conversions!(AmortizedTerms <=> installments::AmortizedTerms {
    annual_rate_percent: identity, identity;
    frequency: identity, identity;
    first_due: identity, identity;
    count: identity, identity;
    roll: identity, identity;
    calendar: |c: Option<BusinessCalendar>| c.map(Into::into), |c: Option<calendar::BusinessCalendar>| c.map(Into::into);
});

/// A plan of either kind, as `reschedule` and `buildPlan` take it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum PlanSpec {
    /// A split plan (`installmentPlan`).
    Split {
        /// The terms.
        terms: PlanTerms,
    },
    /// An amortized plan (`amortizedPlan`).
    Amortized {
        /// The terms.
        terms: AmortizedTerms,
    },
}

impl_twin_enum_conversion!(PlanSpec => installments::PlanSpec {
    Split { terms: installments::PlanTerms::from };
    Amortized { terms: installments::AmortizedTerms::from };
});

/// One installment of a document, named by the host.
#[uniffi::remote(Record)]
pub struct ItemRef {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
}

/// What to reschedule, into which plan, under which document ids (`reschedule`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RescheduleRequest {
    /// The id of the debit note that will carry the plan's installments.
    pub plan_document: String,
    /// The id of the credit note that will close the rescheduled items.
    pub credit_note: String,
    /// The items to reschedule (per document, its first open installments); absent: every
    /// receivable item due before the rescheduling date with a positive open amount and
    /// nothing under an open dispute.
    #[uniffi(default = None)]
    pub items: Option<Vec<ItemRef>>,
    /// The plan; its amount is the items' open amounts' sum, its first due date not before
    /// the rescheduling date.
    pub plan: PlanSpec,
}

impl_twin_conversions!(RescheduleRequest => installments::RescheduleRequest {
    plan_document: identity;
    credit_note: identity;
    items: identity;
    plan: installments::PlanSpec::from;
});

/// Money received toward a plan.
#[uniffi::remote(Record)]
pub struct PlanPayment {
    /// When it arrived; payments after the status date are ignored.
    pub date: NaiveDate,
    /// Zero or more, in whole minor units of the plan's currency.
    pub amount: Decimal,
}

/// When a plan defaults, and what follows. `DefaultPolicy()` never defaults.
#[uniffi::remote(Record)]
pub struct DefaultPolicy {
    /// Default once this many installments (1 or more) are past due and not fully paid.
    #[uniffi(default = None)]
    pub missed_installments: Option<u32>,
    /// Default once the oldest installment not fully paid is this many days (1 or more) past
    /// its due date.
    #[uniffi(default = None)]
    pub days_past_due: Option<u32>,
    /// On default, every open installment not yet past due falls due on the default date.
    #[uniffi(default = false)]
    pub accelerate: bool,
}

// ---- results -----------------------------------------------------------------------------

/// What a plan row is.
#[uniffi::remote(Enum)]
pub enum InstallmentKind {
    /// The down payment.
    DownPayment,
    /// A regular installment.
    Regular,
}

/// One installment of a plan.
#[uniffi::remote(Record)]
pub struct PlanInstallment {
    /// Zero-based position (a down payment is 0); reasons number installments from one.
    pub installment: u32,
    /// Down payment or regular.
    pub kind: InstallmentKind,
    /// The due date, after the business-day roll.
    pub due_date: NaiveDate,
    /// What is due: `principal + interest`.
    pub amount: Decimal,
    /// The part that repays principal.
    pub principal: Decimal,
    /// The interest part (zero for split plans).
    pub interest: Decimal,
    /// The principal still owed once this installment is paid.
    pub balance_after: Decimal,
    /// How the amount and the date were reached, for people.
    pub reason: String,
}

/// A plan: what `installmentPlan` and `amortizedPlan` return and `planStatus` takes (the host
/// stores it as returned). The installments' amounts sum exactly to `total`, their
/// principals to `principal`.
#[uniffi::remote(Record)]
pub struct Plan {
    /// The ISO code of the currency of every amount.
    pub currency: Currency,
    /// The amount split or financed.
    pub principal: Decimal,
    /// The total interest (zero for split plans).
    pub interest: Decimal,
    /// `principal + interest`.
    pub total: Decimal,
    /// Amortized plans: the level payment (every installment but possibly the last).
    #[uniffi(default = None)]
    pub payment: Option<Decimal>,
    /// The installments in due-date order.
    pub installments: Vec<PlanInstallment>,
}

/// Where a plan stands.
#[uniffi::remote(Enum)]
pub enum PlanState {
    /// Nothing past due.
    Current,
    /// Something past due, no default.
    InArrears,
    /// The default policy was met on `defaultDate` (a later cure does not undo it).
    Defaulted,
    /// Nothing outstanding (wins over the others).
    PaidOff,
}

/// Where one installment stands.
#[uniffi::remote(Enum)]
pub enum InstallmentState {
    /// Fully paid.
    Paid,
    /// Past its due date and not fully paid.
    Overdue,
    /// Due on the status date or later.
    Upcoming,
    /// Not yet due by its own date, but due now: the plan defaulted with acceleration.
    Accelerated,
}

/// The status of one installment.
#[uniffi::remote(Record)]
pub struct InstallmentStatus {
    /// Zero-based position.
    pub installment: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its amount.
    pub amount: Decimal,
    /// How much of it the payments cover.
    pub paid: Decimal,
    /// `amount - paid`.
    pub open: Decimal,
    /// Where it stands.
    pub state: InstallmentState,
    /// The day the payments covered it fully; absent while open.
    pub paid_on: Option<NaiveDate>,
    /// Days from the due date to `paidOn` when paid late, or to the status date when past due
    /// and open; 0 otherwise.
    pub days_late: u32,
}

/// A plan's status as of a date (`planStatus`).
#[uniffi::remote(Record)]
pub struct PlanStatus {
    /// The date of the status.
    pub as_of: NaiveDate,
    /// Where the plan stands.
    pub state: PlanState,
    /// Payments (dated on or before `asOf`) applied to the installments.
    pub paid: Decimal,
    /// Payments beyond the plan's total.
    pub unapplied: Decimal,
    /// `total - paid`.
    pub outstanding: Decimal,
    /// The open amount of installments past their due date.
    pub overdue: Decimal,
    /// What is due now: `overdue`, plus with acceleration every other open amount.
    pub amount_due: Decimal,
    /// Installments past due and not fully paid.
    pub missed_installments: u32,
    /// The due date of the oldest of them.
    pub oldest_unpaid_due_date: Option<NaiveDate>,
    /// `asOf` minus that date, in days; 0 when nothing is past due.
    pub days_past_due: u32,
    /// The first day the default policy was met, if it was.
    pub default_date: Option<NaiveDate>,
    /// Whether the remaining balance fell due on `defaultDate`.
    pub accelerated: bool,
    /// Each installment.
    pub installments: Vec<InstallmentStatus>,
    /// The decision in words.
    pub reason: String,
}

/// An item taken into a rescheduling plan.
#[uniffi::remote(Record)]
pub struct RescheduledItem {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its open amount, now in the plan.
    pub open: Decimal,
    /// Days past due on the rescheduling date (0 if not yet due).
    pub days_past_due: u32,
}

/// A rescheduling (`reschedule`): the plan, the documents and the events that record it.
/// Nothing is changed: the host applies `events` to the account in order and keeps `plan`
/// for `planStatus`.
#[uniffi::remote(Record)]
pub struct Rescheduled {
    /// The rescheduling date; every event and document is dated on it.
    pub as_of: NaiveDate,
    /// The items taken, oldest due first.
    pub items: Vec<RescheduledItem>,
    /// Their open amounts' sum: the plan's principal.
    pub total: Decimal,
    /// The plan.
    pub plan: Plan,
    /// The credit note (total `-total`) that closes the items.
    pub credit_note: Document,
    /// The debit note whose installments are the plan's.
    pub plan_document: Document,
    /// The events to append to the account's history, in order: the credit note issued, one
    /// `CreditApplied` per document, the debit note issued.
    pub events: Vec<Event>,
    /// What was done, for people.
    pub reason: String,
}

// ---- functions ---------------------------------------------------------------------------

/// Plan terms for `due` with the JSON defaults (`PlanTerms::new`): equal shares, no down
/// payment, `HALF_UP`, residual `FIRST`, roll `NONE`, no calendar.
#[uniffi::export]
pub fn new_plan_terms(due: DueDates) -> Result<PlanTerms> {
    Ok(installments::PlanTerms::new(due).into())
}

/// Splits `amount` into installments on `terms.due`, equal or weighted, after an optional
/// down payment; the installments sum exactly to `amount`, the rounding residual on the first
/// regular installment unless `terms.residual` says otherwise (1 000.00 in 3: 333.34 + 333.33
/// + 333.33). Every periodic date is computed from the anchor, month ends clamped.
///
/// Throws `Plan` (`invalid_plan_amount`, `invalid_installment_count`, `invalid_weights`,
/// `invalid_down_payment`, `plan_dates_not_increasing`, `plan_amount_too_small`),
/// `Allocation` `amount_not_rounded`, `Calendar` and `Money` errors.
#[uniffi::export]
pub fn installment_plan(amount: Decimal, currency: String, terms: PlanTerms) -> Result<Plan> {
    let currency = Currency::from_code(&currency)?;
    Ok(installments::installment_plan(
        amount,
        currency,
        &terms.into(),
    )?)
}

/// An amortized plan (annuity) for `principal`: level payment `P = B r / (1 - (1 + r)^-n)`
/// rounded half up, each period's interest rounded half up, the last installment repaying
/// the remaining principal plus its interest, so principals sum exactly to `principal`.
///
/// Throws `Plan` (`invalid_plan_amount`, `invalid_plan_rate`, `invalid_installment_count`,
/// `plan_amount_too_small`), `Allocation` `amount_not_rounded`, `Calendar` and `Money`
/// errors.
#[uniffi::export]
pub fn amortized_plan(principal: Decimal, currency: String, terms: AmortizedTerms) -> Result<Plan> {
    let currency = Currency::from_code(&currency)?;
    Ok(installments::amortized_plan(
        principal,
        currency,
        &terms.into(),
    )?)
}

/// Builds the plan of `spec` for `amount` (`PlanSpec::build`): `installmentPlan` or
/// `amortizedPlan`, with their errors.
#[uniffi::export]
pub fn build_plan(spec: PlanSpec, amount: Decimal, currency: String) -> Result<Plan> {
    let currency = Currency::from_code(&currency)?;
    Ok(installments::PlanSpec::from(spec).build(amount, currency)?)
}

/// Checks that `plan` can be tracked (`Plan::validate`): 1..=10000 installments with
/// positive amounts in whole minor units, strictly increasing due dates, amounts summing to
/// `total`.
///
/// Throws `Plan` `invalid_plan`; `Money` errors.
#[uniffi::export]
pub fn validate_plan(plan: Plan) -> Result<()> {
    Ok(plan.validate()?)
}

/// The status of `plan` as of `asOf` from `payments`: applied in date order to the
/// installments oldest first; an installment is past due from the day after its due date;
/// `policy` says when the plan defaults and whether the rest then falls due.
///
/// Throws `Plan` (`invalid_plan`, `invalid_plan_payment`, `invalid_default_policy`) and
/// `Money` errors.
#[uniffi::export]
pub fn plan_status(
    plan: Plan,
    payments: Vec<PlanPayment>,
    as_of: NaiveDate,
    policy: DefaultPolicy,
) -> Result<PlanStatus> {
    Ok(installments::plan_status(&plan, &payments, as_of, &policy)?)
}

/// Reschedules the account's overdue items (or `request.items`) into a plan: the plan, a
/// credit note closing the items, a debit note carrying the plan's installments and the
/// events that record them, all dated `asOf` (checked on a copy; the account is not
/// changed). The account must hold no event after `asOf` (replay it as of that date).
///
/// Throws `Plan` (`account_after_as_of`, `nothing_to_reschedule`, `invalid_reschedule_item`,
/// `unsupported_item_selection`, `plan_starts_before_as_of`, and the plan's kinds),
/// `Document`, `Ledger` and `Money` errors.
#[uniffi::export]
pub fn reschedule(
    account: Arc<Account>,
    as_of: NaiveDate,
    request: RescheduleRequest,
) -> Result<Rescheduled> {
    let request = installments::RescheduleRequest::from(request);
    Ok(installments::reschedule(&account.lock(), as_of, &request)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    // the must-have: 1 000.00 in 3 monthly from 31 Jan 2024 is due 31 Jan, 29 Feb, 31 Mar as
    // 333.34 + 333.33 + 333.33 (1000 / 3 = 333.33 half up; the 0.01 residual to the first)
    #[test]
    fn thousand_in_three_monthly() {
        let terms = new_plan_terms(DueDates::Periodic {
            frequency: Frequency::Monthly,
            first_due: day(1, 31),
            count: 3,
        })
        .unwrap();
        assert_eq!(terms.residual, ResidualPolicy::First);
        let plan = installment_plan("1000.00".parse().unwrap(), "EUR".into(), terms).unwrap();
        let rows: Vec<String> = plan
            .installments
            .iter()
            .map(|i| format!("{} {}", i.due_date, i.amount))
            .collect();
        assert_eq!(
            rows,
            [
                "2024-01-31 333.34",
                "2024-02-29 333.33",
                "2024-03-31 333.33"
            ]
        );
    }

    // a calendar crosses as the binding's twin and rolls the dates
    #[test]
    fn twins_carry_the_calendar() {
        let mut terms = new_plan_terms(DueDates::Custom {
            dates: vec![day(6, 15)],
        })
        .unwrap();
        terms.roll = Roll::Following;
        terms.calendar = Some(BusinessCalendar {
            weekend: vec![chrono::Weekday::Sat, chrono::Weekday::Sun],
            holidays: vec![day(6, 17)],
        });
        // Sat 15 Jun -> Mon 17 Jun is a holiday -> Tue 18 Jun
        let plan = installment_plan("10.00".parse().unwrap(), "EUR".into(), terms.clone()).unwrap();
        assert_eq!(plan.installments[0].due_date, day(6, 18));
        let spec = PlanSpec::Split { terms };
        assert_eq!(
            build_plan(spec, "10.00".parse().unwrap(), "EUR".into()).unwrap(),
            plan
        );
    }

    #[test]
    fn plan_errors_are_typed() {
        let terms = new_plan_terms(DueDates::Periodic {
            frequency: Frequency::Monthly,
            first_due: day(1, 31),
            count: 0,
        })
        .unwrap();
        let e = installment_plan("10.00".parse().unwrap(), "EUR".into(), terms).unwrap_err();
        assert!(
            matches!(&e, ArCoreError::Plan { kind, .. } if kind == "invalid_installment_count"),
            "{e:?}"
        );
    }
}
