//! Late-payment interest (`ar_core::interest`): day-count conventions, accrual with its
//! breakdown per period, rate tables and the statutory presets, interest charges on an
//! account and waivers of charges left unpaid.
//!
//! Exact fractions cross as the strings of the stored JSON (`'31/365'`); inputs and results
//! cross in the stored JSON shape of docs/json.md ([`JsonArg`] in, [`JsonValue`] out); an
//! account is an `Account` instance, passed by reference. Every export catches a panic of the
//! core and throws it as an `Error`.

use ar_core::interest;
use napi_derive::napi;

use crate::convert::{date, to_js, whole};
use crate::convert::{JsonArg, JsonValue, OrThrow, Result};
use crate::types::{Account, DayCount, RoundingMode, UnpaidChargesPolicy};

/// The days a day-count convention counts from `start` to `end` (ISDA 2006, 4.16): the actual
/// days for the Actual conventions, `360 × (Y2 - Y1) + 30 × (M2 - M1) + (D2 - D1)` with the
/// day adjustments of 30/360 (bond basis) or 30E/360.
///
/// @example
/// dayCountDays('thirty_360', '2024-02-28', '2024-03-31') // 33 (D2 31 kept: D1 is 28)
/// dayCountDays('thirty_e_360', '2024-02-28', '2024-03-31') // 32 (D2 31 -> 30)
/// dayCountDays('actual_360', '2024-02-28', '2024-03-31') // 32
///
/// @throws {Error} code `'invalid_day_count_period'` (`end` before `start`),
/// `'invalid_date'`.
#[napi(catch_unwind)]
pub fn day_count_days(day_count: DayCount, start: String, end: String) -> Result<i64> {
    let (start, end) = (date(&start)?, date(&end)?);
    interest::DayCount::from(day_count)
        .days(start, end)
        .or_throw()
}

/// The year fraction of a day-count convention from `start` to `end`, exact, as the string
/// `'numerator/denominator'` in lowest terms (Actual/365 Fixed: days / 365; Actual/360 and
/// the 30/360 family: days / 360; Actual/Actual (ISDA): days in leap years / 366 + days in
/// other years / 365).
///
/// @example
/// yearFraction('actual_365_fixed', '2024-01-31', '2024-03-02') // '31/365'
/// yearFraction('actual_actual_isda', '2023-12-01', '2024-01-31') // 31/365 + 30/366 = '3716/22265'
///
/// @throws {Error} code `'invalid_day_count_period'` (`end` before `start`), `'overflow'`,
/// `'date_out_of_range'`, `'invalid_date'`.
#[napi(catch_unwind, ts_return_type = "FractionString")]
pub fn year_fraction(day_count: DayCount, start: String, end: String) -> Result<String> {
    let (start, end) = (date(&start)?, date(&end)?);
    let fraction = interest::DayCount::from(day_count)
        .year_fraction(start, end)
        .or_throw()?;
    Ok(fraction.to_string())
}

/// Rounds an exact fraction (`'840/73'`, as interest results write them) once to `scale`
/// decimal places with a named mode (default `'half_up'`).
///
/// @example
/// roundFraction('840/73', 2) // '11.51'
/// roundFraction('1/8', 2, 'half_even') // '0.12'
///
/// @throws {Error} code `'invalid_fraction_text'` (not `numerator/denominator` with a non-zero
/// denominator), `'overflow'` (a scale above 28 or a value that does not fit a decimal);
/// `'InvalidArg'` for a scale that is not a whole number from 0 to 4294967295.
#[napi(catch_unwind)]
pub fn round_fraction(
    #[napi(ts_arg_type = "FractionString")] fraction: String,
    scale: f64,
    mode: Option<RoundingMode>,
) -> Result<String> {
    let fraction: interest::Fraction = fraction.parse().or_throw()?;
    let scale = whole(scale, "scale")?;
    let mode = mode.map(Into::into).unwrap_or_default();
    Ok(fraction.round(scale, mode).or_throw()?.to_string())
}

/// The rate table a `RateSource` gives for an amount due on `dueDate`, accruing to `asOf`:
/// a fixed rate from the day after the due date, the host's table as it is, or the statutory
/// rate (EU 2011/7/EU: the reference rate in force on 1 January / 1 July of each half-year of
/// the delay plus the margin; UK 1998 Act: Bank Rate in force on 30 June / 31 December before
/// interest starts plus the margin, fixed for the whole delay), each with a `note` saying
/// how it was derived.
///
/// @example
/// ratesFor({ type: 'uk_late_payment', reference_rates: [{ from: '2023-08-03', percent: '5.25' }] },
///   '2024-01-31', '2024-03-31')
/// // [{ from: '2024-02-01', percent: '13.25', note: 'Late Payment of Commercial Debts ...' }]
///
/// @throws {Error} code `'missing_reference_rate'`, `'too_many_periods'`, `'overflow'`,
/// `'date_out_of_range'`, `'invalid_date'`; `'invalid_json'` when `rates` is not a
/// `RateSource`.
#[napi(catch_unwind, ts_return_type = "InterestRateTable")]
pub fn rates_for(
    #[napi(ts_arg_type = "RateSource | string")] rates: JsonArg,
    due_date: String,
    as_of: String,
) -> Result<JsonValue> {
    let rates: interest::RateSource = rates.read("rates")?;
    let (due_date, as_of) = (date(&due_date)?, date(&as_of)?);
    to_js(&rates.rates_for(due_date, as_of).or_throw()?)
}

/// The `RateSource` of the EU Late Payment Directive 2011/7/EU over the host's reference rates
/// (the ECB main refinancing rate, or the national central bank's), with the directive's 8
/// points: `{ type: 'eu_late_payment', reference_rates, margin: '8' }`.
///
/// @example
/// euLatePaymentRates([{ from: '2023-09-20', percent: '4.50' }])
/// // { type: 'eu_late_payment', reference_rates: [{ from: '2023-09-20', percent: '4.50' }], margin: '8' }
///
/// @throws {Error} code `'invalid_json'` when `referenceRates` is not a list of dated rates.
#[napi(catch_unwind, ts_return_type = "RateSource")]
pub fn eu_late_payment_rates(
    #[napi(ts_arg_type = "InterestRateTable | string")] reference_rates: JsonArg,
) -> Result<JsonValue> {
    let table: interest::InterestRateTable = reference_rates.read("referenceRates")?;
    to_js(&interest::RateSource::eu_late_payment(table))
}

/// The `RateSource` of the UK Late Payment of Commercial Debts (Interest) Act 1998 over the
/// host's Bank Rate history, with the Order's 8 %:
/// `{ type: 'uk_late_payment', reference_rates, margin: '8' }`.
///
/// @example
/// ukLatePaymentRates([{ from: '2023-08-03', percent: '5.25' }]).margin // '8'
///
/// @throws {Error} code `'invalid_json'` when `referenceRates` is not a list of dated rates.
#[napi(catch_unwind, ts_return_type = "RateSource")]
pub fn uk_late_payment_rates(
    #[napi(ts_arg_type = "InterestRateTable | string")] reference_rates: JsonArg,
) -> Result<JsonValue> {
    let table: interest::InterestRateTable = reference_rates.read("referenceRates")?;
    to_js(&interest::RateSource::uk_late_payment(table))
}

/// The rate of a table in force on `date`: the latest dated on or before it, or `null`.
///
/// @example
/// rateOn([{ from: '2024-01-01', percent: '6' }, { from: '2024-04-01', percent: '9' }], '2024-03-31')
/// // { from: '2024-01-01', percent: '6' }
///
/// @throws {Error} code `'invalid_json'` when `rates` is not a list of dated rates,
/// `'invalid_date'`.
#[napi(catch_unwind, ts_return_type = "DatedInterestRate | null")]
pub fn rate_on(
    #[napi(ts_arg_type = "InterestRateTable | string")] rates: JsonArg,
    date: String,
) -> Result<Option<JsonValue>> {
    let rates: interest::InterestRateTable = rates.read("rates")?;
    let date = crate::convert::date(&date)?;
    rates.rate_on(date).map(|rate| to_js(&rate)).transpose()
}

/// Accrues interest on an amount due on `input.due_date` from the day after it to
/// `input.as_of`, both inclusive: periods split after every principal change (a payment on
/// day P lowers the principal from P + 1) and before every rate change, each period's
/// interest exact (a fraction), the total rounded once (`method.rounding`, default half up),
/// the periods' rounded shares summing to it exactly. Simple or compound, with the day count
/// of `input.method`.
///
/// @example
/// accrue({ currency: 'EUR', principal: '1000.00', due_date: '2024-01-31', as_of: '2024-03-31',
///   changes: [{ date: '2024-02-15', amount: '400.00', reason: 'payment P-1' }],
///   rates: { type: 'fixed', percent: '10' } })
/// // { total_exact: '840/73', total: '11.51', periods: [{ from: '2024-02-01', to: '2024-02-15', interest: '4.11', ... },
/// //   { from: '2024-02-16', to: '2024-03-31', interest: '7.40', ... }], ... }
///
/// @throws {Error} code `'missing_interest_rate'`, `'missing_reference_rate'`,
/// `'negative_interest_rate'`, `'negative_principal'`, `'invalid_principal_change'`,
/// `'statutory_interest_is_simple'`, `'too_many_periods'`, `'no_minor_unit'`, `'overflow'`,
/// `'date_out_of_range'`; `'invalid_json'` when `input` is not an `AccrualInput`.
#[napi(catch_unwind, ts_return_type = "InterestBreakdown")]
pub fn accrue(#[napi(ts_arg_type = "AccrualInput | string")] input: JsonArg) -> Result<JsonValue> {
    let input: interest::AccrualInput = input.read("input")?;
    to_js(&interest::accrue(&input).or_throw()?)
}

/// The reductions of one installment's principal up to `asOf`, from the account's history:
/// cash applied, credits, discounts taken and write-offs, each on its event's date; a payment
/// reversed by `asOf` counts as never made. What interest accrues on.
///
/// @example
/// principalChanges(account, 'INV-1', 0, '2024-03-31')
/// // { document: 'INV-1', installment: 0, original: '1000.00',
/// //   changes: [{ date: '2024-02-15', amount: '400.00', reason: 'payment P-1' }], outstanding: '600.00', ... }
///
/// @throws {Error} code `'unknown_document'`, `'unknown_installment'`, `'overflow'`,
/// `'invalid_date'`; `'InvalidArg'` for an installment that is not a whole number from 0 to
/// 4294967295.
#[napi(catch_unwind, ts_return_type = "ItemPrincipal")]
pub fn principal_changes(
    account: &Account,
    document: String,
    installment: f64,
    as_of: String,
) -> Result<JsonValue> {
    let installment = whole(installment, "installment")?;
    let as_of = date(&as_of)?;
    let result = interest::principal_changes(&account.inner, &document, installment, as_of);
    to_js(&result.or_throw()?)
}

/// Accrues interest on every overdue invoice or debit-note installment of the account, from
/// its payment history, up to `asOf`, and proposes the `interest_charge` documents for the
/// interest not charged yet (each with its `charge_for`, keyed by the last day it covers, so
/// running it again after issuing them charges nothing). Pure: issue each of `charges` in a
/// `document_issued` event dated `asOf`.
///
/// @example
/// const run = accrueAccount(account, { rates: { type: 'fixed', percent: '8' } }, '2024-03-31')
/// for (const document of run.charges) account.apply({ id: `${document.id}:issued`, date: '2024-03-31',
///   body: { type: 'document_issued', document } })
///
/// @throws {Error} code `'missing_interest_rate'`, `'missing_reference_rate'`,
/// `'negative_interest_rate'`, `'statutory_interest_is_simple'`, `'too_many_periods'`,
/// `'unknown_document'`, `'unknown_installment'`, the kinds of issuing a charge (a bad
/// `charge_terms`), `'overflow'`; `'invalid_json'` when `policy` is not an `InterestPolicy`,
/// `'invalid_date'`.
#[napi(catch_unwind, ts_return_type = "AccountInterest")]
pub fn accrue_account(
    account: &Account,
    #[napi(ts_arg_type = "InterestPolicy | string")] policy: JsonArg,
    as_of: String,
) -> Result<JsonValue> {
    let policy: interest::InterestPolicy = policy.read("policy")?;
    let as_of = date(&as_of)?;
    to_js(&interest::accrue_account(&account.inner, &policy, as_of).or_throw()?)
}

/// With `'waive'`, proposes writing off every fee and interest charge of the account still
/// open at `asOf` whose principal is paid (or voided) by then: one `ChargeWaiver` each, with
/// the `written_off` event body to apply (reason code `waived_principal_paid`). With
/// `'claimable'`, proposes nothing. Pure.
///
/// @example
/// waiveUnpaidCharges(account, 'waive', '2024-02-10')
/// // [{ document: 'FEE-1', charged_for: 'INV-1', installment: 0, amount: '40.00',
/// //    event: { type: 'written_off', ... }, reason: '...' }]
///
/// @throws {Error} code `'overflow'`, `'invalid_date'`; napi's `'InvalidArg'` for a policy
/// other than `'claimable'` or `'waive'`.
#[napi(catch_unwind, ts_return_type = "ChargeWaiver[]")]
pub fn waive_unpaid_charges(
    account: &Account,
    policy: UnpaidChargesPolicy,
    as_of: String,
) -> Result<JsonValue> {
    let as_of = date(&as_of)?;
    let result = interest::waive_unpaid_charges(&account.inner, policy.into(), as_of);
    to_js(&result.or_throw()?)
}
