//! Late-payment interest ([`ar_core::interest`]): day-count conventions, accrual by period,
//! rate tables and the EU / UK statutory presets, interest on an account's overdue items and
//! waivers of charges left unpaid once their principal is paid.
//!
//! Records and enums are the core's, re-declared with `#[uniffi::remote(...)]`. Two core types
//! keep their fields private and cross as custom types instead:
//!
//! | core | crosses as | Swift / Kotlin |
//! |---|---|---|
//! | [`Fraction`] (an exact `i128` ratio, in lowest terms) | the record [`FractionParts`]: `numerator` and `denominator` as base-10 integer strings (128-bit integers fit neither `Int64` nor `Long`) | `typealias Fraction = FractionParts` |
//! | [`InterestRateTable`] (rates by date) | a list of [`DatedInterestRate`], sorted by date | `typealias InterestRateTable = [DatedInterestRate]` / `List<DatedInterestRate>` |
//!
//! A fraction from the core is always reduced with a positive denominator (`31/180`, `0/1`,
//! `-300/73`), exactly the JSON text `"numerator/denominator"` split at the slash. A fraction
//! given to the core may be unreduced; a denominator of zero or text that is not an integer
//! is `Interest` `invalid_fraction_text`. A rate table given to the core may be in any order;
//! a second rate for the same date replaces the first.
//!
//! Errors: `Interest` for the module's own kinds; `Calendar` (`date_out_of_range`), `Money`
//! (`no_minor_unit`, `overflow`), `Document` and `Ledger` (`unknown_document`, ...) for the
//! kinds it passes on.

use std::sync::Arc;

use ar_core::documents::Document;
use ar_core::interest::{
    self, AccountInterest, AccrualInput, ChargeWaiver, Compounding, DatedInterestRate, DayCount,
    Fraction, InterestBreakdown, InterestMethod, InterestPeriod, InterestPolicy, InterestRateTable,
    ItemInterest, ItemPrincipal, PrincipalChange, RateSource, UnpaidChargesPolicy,
};
use ar_core::ledger::EventBody;
use ar_core::money::{Currency, RoundingMode};
use ar_core::terms::Terms;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::account::Account;
use crate::error::ArCoreError;

type Result<T> = std::result::Result<T, ArCoreError>;

// ---- custom types ------------------------------------------------------------------------

/// An exact fraction as it crosses the boundary (Swift/Kotlin `Fraction` is an alias of this
/// record): `numerator / denominator`, each a base-10 integer string. From the core it is
/// reduced with a positive denominator (`"31"` / `"365"`, `"0"` / `"1"`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FractionParts {
    /// The numerator (carries the sign), e.g. `"840"`.
    pub numerator: String,
    /// The denominator (positive, not zero), e.g. `"73"`.
    pub denominator: String,
}

impl From<Fraction> for FractionParts {
    fn from(f: Fraction) -> Self {
        FractionParts {
            numerator: f.numerator().to_string(),
            denominator: f.denominator().to_string(),
        }
    }
}

/// Reads a fraction with the core's own parser of the text `numerator/denominator`.
fn fraction_from_wire(parts: FractionParts) -> uniffi::Result<Fraction> {
    format!("{}/{}", parts.numerator, parts.denominator)
        .parse::<Fraction>()
        .map_err(|e| ArCoreError::from(e).into())
}

uniffi::custom_type!(Fraction, FractionParts, {
    remote,
    lower: |f| FractionParts::from(f),
    try_lift: |parts| fraction_from_wire(parts),
});

fn table_from_wire(rates: Vec<DatedInterestRate>) -> InterestRateTable {
    let mut table = InterestRateTable::new();
    for r in rates {
        table.insert(r.from, r.percent, r.note);
    }
    table
}

uniffi::custom_type!(InterestRateTable, Vec<DatedInterestRate>, {
    remote,
    lower: |table| table.rates().collect(),
    try_lift: |rates| Ok(table_from_wire(rates)),
});

// ---- records and enums -------------------------------------------------------------------

/// A day-count convention (2006 ISDA Definitions, section 4.16): how a period from `D1` to
/// `D2` becomes a fraction of a year. JSON: `actual_365_fixed`, `actual_360`,
/// `actual_actual_isda`, `thirty_360`, `thirty_e_360`.
#[uniffi::remote(Enum)]
pub enum DayCount {
    /// Actual/365 (Fixed), 4.16(d): actual days / 365 (the JSON default).
    Actual365Fixed,
    /// Actual/360, 4.16(e): actual days / 360.
    Actual360,
    /// Actual/Actual (ISDA), 4.16(b): days in leap years / 366 + other days / 365.
    ActualActualIsda,
    /// 30/360 Bond Basis, 4.16(f): `D1` 31 -> 30; `D2` 31 -> 30 only when `D1` is then 30 or
    /// 31; no February rule.
    Thirty360,
    /// 30E/360 Eurobond Basis, 4.16(g): as 30/360, but `D2` 31 -> 30 always (JSON
    /// `thirty_e_360`).
    Thirty360E,
}

/// How interest is compounded; compounding dates count from the due date (months clamped to
/// the month's end).
#[uniffi::remote(Enum)]
pub enum Compounding {
    /// Simple interest (the JSON default).
    None,
    /// Every day.
    Daily,
    /// Every month.
    Monthly,
    /// Every 3 months.
    Quarterly,
    /// Every 12 months.
    Annually,
}

/// Day count, compounding and rounding of an accrual. The JSON defaults are
/// `ACTUAL365_FIXED`, `NONE` and `HALF_UP`.
#[uniffi::remote(Record)]
pub struct InterestMethod {
    /// The day-count convention.
    pub day_count: DayCount,
    /// The compounding.
    pub compounding: Compounding,
    /// How the exact total is rounded to the currency, once.
    pub rounding: RoundingMode,
}

/// A rate in force from a date, one entry of an `InterestRateTable`.
#[uniffi::remote(Record)]
pub struct DatedInterestRate {
    /// The first day the rate is in force.
    pub from: NaiveDate,
    /// The annual rate in percent; may be negative in a reference-rate table, never on a day
    /// that earns interest.
    pub percent: Decimal,
    /// Where the rate comes from (the statutory presets say how they derived it).
    #[uniffi(default = None)]
    pub note: Option<String>,
}

/// Where the interest rate comes from. `euLatePaymentRates(table)` and
/// `ukLatePaymentRates(table)` build the presets with the statutory margin of 8.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum RateSource {
    /// One rate from the day after the due date.
    Fixed {
        /// The annual percent.
        percent: Decimal,
    },
    /// The host's table; the rate on a day is the latest dated on or before it.
    Table {
        /// The table.
        rates: InterestRateTable,
    },
    /// Directive 2011/7/EU art. 2(6)-(7), 3(2): the reference rate in force on 1 January
    /// (for January-June) and on 1 July (for July-December), plus `margin` points; changes
    /// every half-year of the delay. Simple interest only.
    EuLatePayment {
        /// The reference rates (ECB main refinancing operations, or the national central
        /// bank's).
        reference_rates: InterestRateTable,
        /// The margin in percentage points (the statute's minimum: 8).
        margin: Decimal,
    },
    /// Late Payment of Commercial Debts (Interest) Act 1998 s.6, SI 2002/1675 art. 4: Bank
    /// Rate in force on 30 June or 31 December before interest starts, plus `margin`; fixed
    /// for the whole delay. Simple interest only.
    UkLatePayment {
        /// The Bank Rate table.
        reference_rates: InterestRateTable,
        /// The margin in percentage points (the statute's: 8).
        margin: Decimal,
    },
}

/// A reduction of the principal: lower by `amount` from the day after `date`.
#[uniffi::remote(Record)]
pub struct PrincipalChange {
    /// The day of the payment (or credit, discount, write-off).
    pub date: NaiveDate,
    /// The amount the principal goes down by (positive).
    pub amount: Decimal,
    /// What it was, for reasons.
    #[uniffi(default = "")]
    pub reason: String,
}

/// The input of `accrue`.
#[uniffi::remote(Record)]
pub struct AccrualInput {
    /// The ISO code of the currency (the total is rounded to its minor unit).
    pub currency: Currency,
    /// The amount due on the due date (zero or more).
    pub principal: Decimal,
    /// The due date: it earns no interest; accrual starts the next day.
    pub due_date: NaiveDate,
    /// The last day that earns interest (inclusive).
    pub as_of: NaiveDate,
    /// Reductions of the principal, in any order.
    #[uniffi(default = [])]
    pub changes: Vec<PrincipalChange>,
    /// The rate.
    pub rates: RateSource,
    /// Day count, compounding, rounding.
    pub method: InterestMethod,
}

/// One period of constant principal, balance and rate (`from` and `to` both earn interest).
#[uniffi::remote(Record)]
pub struct InterestPeriod {
    /// The first day that earns interest in the period.
    pub from: NaiveDate,
    /// The last day that earns interest in the period.
    pub to: NaiveDate,
    /// The actual number of days, `to - from + 1`.
    pub days: i64,
    /// The days the convention counts (the 30/360 count; the actual days otherwise).
    pub basis_days: i64,
    /// The principal outstanding during the period.
    pub principal: Decimal,
    /// Compound interest only: interest capitalised before the period and bearing interest
    /// in it (12 decimal places, trailing zeros dropped; zero for simple interest).
    pub capitalised: Decimal,
    /// The annual rate in percent.
    pub rate: Decimal,
    /// The day the rate took effect.
    pub rate_from: NaiveDate,
    /// The exact year fraction of the period (`from - 1` to `to`).
    pub year_fraction: Fraction,
    /// The exact interest: `(principal + capitalised) * rate / 100 * yearFraction`.
    pub interest_exact: Fraction,
    /// The period's rounded share of the total (the shares sum to the total exactly).
    pub interest: Decimal,
    /// Why the period is what it is, for people.
    pub reason: String,
}

/// The interest on one overdue amount, period by period (`accrue`).
#[uniffi::remote(Record)]
pub struct InterestBreakdown {
    /// The ISO code of the currency.
    pub currency: Currency,
    /// The due date (earns nothing).
    pub due_date: NaiveDate,
    /// The last day accrued.
    pub as_of: NaiveDate,
    /// The exact total, the sum of the periods' exact interest.
    pub total_exact: Fraction,
    /// The total rounded once to the currency.
    pub total: Decimal,
    /// Compound interest only: interest capitalised up to `asOf` (zero otherwise).
    pub capitalised: Decimal,
    /// The periods, in date order; empty when nothing accrued.
    pub periods: Vec<InterestPeriod>,
}

/// What happens to fees and interest still unpaid once their principal is paid.
#[uniffi::remote(Enum)]
pub enum UnpaidChargesPolicy {
    /// They stay owed (the JSON default, as under the statutes).
    Claimable,
    /// Nothing new is charged for a paid principal, and `waiveUnpaidCharges` proposes a
    /// write-off of each charge still open.
    Waive,
}

/// The history of one installment's principal, as interest sees it (`principalChanges`).
#[uniffi::remote(Record)]
pub struct ItemPrincipal {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// Its due date.
    pub due_date: NaiveDate,
    /// Its amount as issued.
    pub original: Decimal,
    /// What reduced it (cash, credits, discounts taken, write-offs), in date order; reversed
    /// payments left out.
    pub changes: Vec<PrincipalChange>,
    /// What is outstanding at the end of the as-of date.
    pub outstanding: Decimal,
}

/// How interest is charged on an account's overdue items (`accrueAccount`);
/// `newInterestPolicy(rates)` gives every JSON default.
#[uniffi::remote(Record)]
pub struct InterestPolicy {
    /// Where the rate comes from.
    pub rates: RateSource,
    /// Day count, compounding and rounding.
    pub method: InterestMethod,
    /// Interest on a principal paid by the as-of date: still charged or waived.
    pub after_principal_paid: UnpaidChargesPolicy,
    /// Charge ids are `{idPrefix}{document}/{installment}/{asOf}`.
    #[uniffi(default = "INT-")]
    pub id_prefix: String,
    /// Terms of the charge documents; absent: due on the as-of date.
    #[uniffi(default = None)]
    pub charge_terms: Option<Terms>,
}

/// The interest on one overdue installment of the account.
#[uniffi::remote(Record)]
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
    /// The interest charges already issued for it (voided ones included).
    pub charged_by: Vec<String>,
    /// Their total.
    pub already_charged: Decimal,
    /// The last day they cover.
    pub charged_through: Option<NaiveDate>,
    /// What the new charge is for (zero when nothing is to be charged).
    pub to_charge: Decimal,
    /// The id of the proposed charge document, if any.
    pub charge_id: Option<String>,
    /// Why, for people.
    pub reason: String,
}

/// Interest on an account as of a date (`accrueAccount`).
#[uniffi::remote(Record)]
pub struct AccountInterest {
    /// The last day accrued.
    pub as_of: NaiveDate,
    /// The ISO code of the account currency.
    pub currency: Currency,
    /// Every principal installment overdue at some time up to `asOf`, by due date.
    pub items: Vec<ItemInterest>,
    /// The sum of the items' accrued totals.
    pub accrued: Decimal,
    /// The sum of what is to be charged now.
    pub to_charge: Decimal,
    /// The `INTEREST_CHARGE` documents to issue, each in a `DocumentIssued` event dated
    /// `asOf`; once applied, running again proposes nothing.
    pub charges: Vec<Document>,
}

/// A write-off of a fee or interest charge proposed because its principal is paid.
#[uniffi::remote(Record)]
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
    /// The `WrittenOff` event body to apply (reason code `waived_principal_paid`).
    pub event: EventBody,
}

// ---- functions ---------------------------------------------------------------------------

/// The days `dayCount` counts from `start` to `end` (`DayCount::days`): actual days, or the
/// 30/360 count.
///
/// Throws `Interest` `invalid_day_count_period` when `end` is before `start`.
#[uniffi::export]
pub fn day_count_days(day_count: DayCount, start: NaiveDate, end: NaiveDate) -> Result<i64> {
    Ok(day_count.days(start, end)?)
}

/// The exact year fraction of `dayCount` from `start` to `end` (`DayCount::year_fraction`):
/// Actual/360 from 31 Jan to 1 Mar 2024 is 30/360 = `1/12`.
///
/// Throws `Interest` `invalid_day_count_period`; `Calendar` `date_out_of_range`.
#[uniffi::export]
pub fn year_fraction(day_count: DayCount, start: NaiveDate, end: NaiveDate) -> Result<Fraction> {
    Ok(day_count.year_fraction(start, end)?)
}

/// `fraction` as a decimal with `scale` places, rounded once with `mode` (`Fraction::round`):
/// 300/73 to 2 places half up is 4.11.
///
/// Throws `Money` `overflow`; `Interest` `invalid_fraction_text` for a fraction that does not
/// convert.
#[uniffi::export]
pub fn round_fraction(fraction: Fraction, scale: u32, mode: RoundingMode) -> Result<Decimal> {
    Ok(fraction.round(scale, mode)?)
}

/// The EU Late Payment Directive preset over `referenceRates` with the statutory margin of 8
/// points (`RateSource::eu_late_payment`).
#[uniffi::export]
pub fn eu_late_payment_rates(reference_rates: InterestRateTable) -> Result<RateSource> {
    Ok(RateSource::eu_late_payment(reference_rates))
}

/// The UK Late Payment Act preset over the Bank Rate table `referenceRates` with the
/// statutory 8 % (`RateSource::uk_late_payment`).
#[uniffi::export]
pub fn uk_late_payment_rates(reference_rates: InterestRateTable) -> Result<RateSource> {
    Ok(RateSource::uk_late_payment(reference_rates))
}

/// The rates `rates` applies to a debt due on `dueDate` up to `asOf`
/// (`RateSource::rates_for`): a fixed rate from the day after the due date, the host's table
/// as it is, or the statutory rate of each half-year (EU) or of the whole delay (UK) with
/// notes saying how it was derived.
///
/// Throws `Interest` `missing_reference_rate`, `too_many_periods`; `Money` and `Calendar`
/// errors.
#[uniffi::export]
pub fn rates_for(
    rates: RateSource,
    due_date: NaiveDate,
    as_of: NaiveDate,
) -> Result<InterestRateTable> {
    Ok(rates.rates_for(due_date, as_of)?)
}

/// Accrues interest on `input.principal` from the day after the due date to `input.asOf`
/// (both inclusive), in periods split after every principal change and before every rate
/// change; the exact total is rounded once, and each period's share is chosen so the shares
/// sum to the total exactly.
///
/// Throws `Interest` (`missing_interest_rate`, `missing_reference_rate`,
/// `negative_interest_rate`, `negative_principal`, `invalid_principal_change`,
/// `statutory_interest_is_simple`, `too_many_periods`), `Money` and `Calendar` errors.
#[uniffi::export]
pub fn accrue(input: AccrualInput) -> Result<InterestBreakdown> {
    Ok(interest::accrue(&input)?)
}

/// The reductions of one installment's principal up to `asOf` from the account's history
/// (`principal_changes`): cash, credits, discounts taken and write-offs, each on its event's
/// date; a payment reversed by `asOf` counts as never made.
///
/// Throws `Ledger` `unknown_document` / `unknown_installment`; `Money` `overflow`.
#[uniffi::export]
pub fn principal_changes(
    account: Arc<Account>,
    document: String,
    installment: u32,
    as_of: NaiveDate,
) -> Result<ItemPrincipal> {
    Ok(interest::principal_changes(
        &account.lock(),
        &document,
        installment,
        as_of,
    )?)
}

/// An interest policy with `rates` and every JSON default (`InterestPolicy::new`):
/// Actual/365 Fixed, simple, half up, claimable, ids `INT-...`, charges due on the as-of
/// date.
#[uniffi::export]
pub fn new_interest_policy(rates: RateSource) -> Result<InterestPolicy> {
    Ok(InterestPolicy::new(rates))
}

/// Accrues interest on every overdue principal installment of `account` as of `asOf` and
/// proposes the `INTEREST_CHARGE` documents not charged yet (`accrue_account`). Pure: the
/// account is not changed. Each charge carries its `chargeFor` (key `through-{asOf}`), so
/// once issued, running again proposes nothing, and the ledger refuses a second copy
/// (`duplicate_charge`).
///
/// Throws the `accrue` errors of any item and the `Document` errors of issuing a charge (a
/// bad `chargeTerms`).
#[uniffi::export]
pub fn accrue_account(
    account: Arc<Account>,
    policy: InterestPolicy,
    as_of: NaiveDate,
) -> Result<AccountInterest> {
    Ok(interest::accrue_account(&account.lock(), &policy, as_of)?)
}

/// With `WAIVE`, proposes writing off every fee and interest charge still open at `asOf`
/// whose principal is paid by then or voided; with `CLAIMABLE`, nothing
/// (`waive_unpaid_charges`). Pure: the host applies each `event`.
///
/// Throws `Money` `overflow`.
#[uniffi::export]
pub fn waive_unpaid_charges(
    account: Arc<Account>,
    policy: UnpaidChargesPolicy,
    as_of: NaiveDate,
) -> Result<Vec<ChargeWaiver>> {
    Ok(interest::waive_unpaid_charges(
        &account.lock(),
        policy,
        as_of,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uniffi::{Lift, Lower};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    // ISDA 4.16(e): 30 actual days from 31 Jan to 1 Mar 2024, / 360 = 1/12
    #[test]
    fn fractions_cross_as_reduced_parts() {
        let f = year_fraction(DayCount::Actual360, day(1, 31), day(3, 1)).unwrap();
        assert_eq!(
            FractionParts::from(f),
            FractionParts {
                numerator: "1".into(),
                denominator: "12".into()
            }
        );
        // an unreduced fraction from the foreign side reads reduced: 62/360 = 31/180
        let read = fraction_from_wire(FractionParts {
            numerator: "62".into(),
            denominator: "360".into(),
        })
        .unwrap();
        assert_eq!(read.to_string(), "31/180");
        // through the real FFI converters, both ways
        let lowered = <Fraction as Lower<crate::UniFfiTag>>::lower(read);
        let lifted = <Fraction as Lift<crate::UniFfiTag>>::try_lift(lowered).unwrap();
        assert_eq!(lifted, read);
    }

    #[test]
    fn a_zero_denominator_is_a_typed_error() {
        let e = fraction_from_wire(FractionParts {
            numerator: "1".into(),
            denominator: "0".into(),
        })
        .unwrap_err();
        match e.downcast::<ArCoreError>().unwrap() {
            ArCoreError::Interest { kind, detail } => {
                assert_eq!(kind, "invalid_fraction_text");
                assert_eq!(
                    detail,
                    "invalid fraction `1/0`: expected `numerator/denominator` with a non-zero denominator"
                );
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    // a table crosses as a list sorted by date; a repeated date keeps the last rate
    #[test]
    fn rate_tables_cross_as_sorted_lists() {
        let rate = |m, d, p: &str| DatedInterestRate {
            from: day(m, d),
            percent: p.parse().unwrap(),
            note: None,
        };
        let table = table_from_wire(vec![rate(7, 1, "4"), rate(1, 1, "5"), rate(7, 1, "3")]);
        let back: Vec<DatedInterestRate> = table.rates().collect();
        assert_eq!(back, vec![rate(1, 1, "5"), rate(7, 1, "3")]);
    }

    // 1000.00 due 31 Jan 2024 at 10 %, 400.00 paid 15 Feb: 300/73 + 540/73 = 840/73 = 11.51
    #[test]
    fn accrual_of_the_json_example() {
        let b = accrue(AccrualInput {
            currency: Currency::from_code("EUR").unwrap(),
            principal: "1000.00".parse().unwrap(),
            due_date: day(1, 31),
            as_of: day(3, 31),
            changes: vec![PrincipalChange::new(
                day(2, 15),
                "400.00".parse().unwrap(),
                "payment P-1",
            )],
            rates: RateSource::Fixed {
                percent: "10".parse().unwrap(),
            },
            method: InterestMethod::default(),
        })
        .unwrap();
        assert_eq!(b.total.to_string(), "11.51");
        assert_eq!(b.total_exact.to_string(), "840/73");
        let e = rates_for(
            eu_late_payment_rates(InterestRateTable::new()).unwrap(),
            day(1, 31),
            day(3, 31),
        )
        .unwrap_err();
        assert!(
            matches!(&e, ArCoreError::Interest { kind, .. } if kind == "missing_reference_rate"),
            "{e:?}"
        );
    }
}
