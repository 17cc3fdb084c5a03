//! Installment plans (`ar_core::installments`): split and amortized plans, a plan's status
//! from the payments made, and rescheduling an account's overdue items into a plan.
//!
//! Plans, their terms, payments, policies and results cross in the stored JSON shape of
//! docs/json.md ([`JsonArg`] in, [`JsonValue`] out), so a plan stored as returned is passed
//! back as it is; an account is an `Account` instance, passed by reference. Every export
//! catches a panic of the core and throws it as an `Error`.

use ar_core::installments;
use napi_derive::napi;

use crate::convert::{self, date, decimal, to_js};
use crate::convert::{JsonArg, JsonValue, OrThrow, Result};
use crate::types::Account;

/// Splits `amount` into installments (`terms`: `PlanTerms`): `count` periodic dates
/// (weekly, biweekly, monthly, quarterly, semiannually, annually) or custom dates, equal or
/// weighted shares as exact fractions, an optional down payment, business-day rolls. Every
/// date is computed from the first due date (the anchor), the day clamped to the month's
/// length; the installments sum exactly to the amount, the rounding residual on the first
/// regular installment unless `terms.residual` says otherwise.
///
/// @example
/// installmentPlan('1000.00', 'EUR', { due: { type: 'periodic', frequency: 'monthly', first_due: '2024-01-31', count: 3 } })
///   .installments.map((i) => [i.due_date, i.amount])
/// // [['2024-01-31', '333.34'], ['2024-02-29', '333.33'], ['2024-03-31', '333.33']]
///
/// @throws {Error} code `'invalid_plan_amount'`, `'invalid_installment_count'`,
/// `'invalid_weights'`, `'plan_dates_not_increasing'`, `'invalid_down_payment'`,
/// `'plan_amount_too_small'`, `'amount_not_rounded'`, `'date_out_of_range'`,
/// `'no_business_days'`, `'unknown_currency'`, `'invalid_amount'`; `'invalid_json'` when
/// `terms` is not a `PlanTerms`.
#[napi(catch_unwind, ts_return_type = "Plan")]
pub fn installment_plan(
    amount: String,
    currency: String,
    #[napi(ts_arg_type = "PlanTerms | string")] terms: JsonArg,
) -> Result<JsonValue> {
    let amount = decimal(&amount)?;
    let currency = convert::currency(&currency)?;
    let terms: installments::PlanTerms = terms.read("terms")?;
    to_js(&installments::installment_plan(amount, currency, &terms).or_throw()?)
}

/// An amortized plan (annuity) for `principal` at `terms.annual_rate_percent`: a level
/// payment `P = B r / (1 - (1 + r)^-n)` rounded half up, each period's interest
/// `balance × r` rounded half up, the principal part `P - interest`; the last payment repays
/// the remaining principal plus its interest, so principals sum to `principal` exactly.
///
/// @example
/// const plan = amortizedPlan('10000.00', 'USD',
///   { annual_rate_percent: '12', frequency: 'monthly', first_due: '2024-02-01', count: 12 })
/// plan.payment // '888.49'
/// plan.installments[0] // { interest: '100.00', principal: '788.49', ... }
///
/// @throws {Error} code `'invalid_plan_amount'`, `'invalid_plan_rate'`,
/// `'invalid_installment_count'`, `'plan_amount_too_small'`, `'plan_dates_not_increasing'`,
/// `'amount_not_rounded'`, `'overflow'`, `'unknown_currency'`, `'invalid_amount'`;
/// `'invalid_json'` when `terms` is not an `AmortizedTerms`.
#[napi(catch_unwind, ts_return_type = "Plan")]
pub fn amortized_plan(
    principal: String,
    currency: String,
    #[napi(ts_arg_type = "AmortizedTerms | string")] terms: JsonArg,
) -> Result<JsonValue> {
    let principal = decimal(&principal)?;
    let currency = convert::currency(&currency)?;
    let terms: installments::AmortizedTerms = terms.read("terms")?;
    to_js(&installments::amortized_plan(principal, currency, &terms).or_throw()?)
}

/// The plan a `PlanSpec` describes for `amount`: `installmentPlan` for
/// `{ type: 'split', terms }`, `amortizedPlan` for `{ type: 'amortized', terms }`.
///
/// @example
/// buildPlan({ type: 'split', terms: { due: { type: 'custom', dates: ['2024-05-01', '2024-06-01'] } } }, '100.00', 'EUR')
///   .installments.map((i) => i.amount) // ['50.00', '50.00']
///
/// @throws {Error} the kinds of `installmentPlan` and `amortizedPlan`; `'invalid_json'` when
/// `spec` is not a `PlanSpec`.
#[napi(catch_unwind, ts_return_type = "Plan")]
pub fn build_plan(
    #[napi(ts_arg_type = "PlanSpec | string")] spec: JsonArg,
    amount: String,
    currency: String,
) -> Result<JsonValue> {
    let spec: installments::PlanSpec = spec.read("spec")?;
    let amount = decimal(&amount)?;
    let currency = convert::currency(&currency)?;
    to_js(&spec.build(amount, currency).or_throw()?)
}

/// Checks a plan (as stored by the host) the way `planStatus` does before using it: 1 to
/// 10 000 installments, each positive and in whole minor units, due dates strictly
/// increasing, amounts summing to `total`. Returns nothing; throws on the first problem.
///
/// @example
/// const plan = installmentPlan('90.00', 'EUR', { due: { type: 'custom', dates: ['2024-05-01', '2024-06-01'] } })
/// validatePlan(plan) // undefined
/// validatePlan({ ...plan, total: '90.01' }) // throws, code 'invalid_plan'
///
/// @throws {Error} code `'invalid_plan'` (with what is wrong), `'no_minor_unit'`;
/// `'invalid_json'` when `plan` is not a `Plan`.
#[napi(catch_unwind)]
pub fn validate_plan(#[napi(ts_arg_type = "Plan | string")] plan: JsonArg) -> Result<()> {
    let plan: installments::Plan = plan.read("plan")?;
    plan.validate().or_throw()
}

/// The plan's status as of `asOf` from the payments made (a waterfall, oldest installment
/// first; payments after `asOf` ignored; an installment is past due from the day after its due
/// date): `current`, `in_arrears` (with the amount and days), `defaulted` (once `policy` was
/// met: `missed_installments` or `days_past_due`; `accelerate` makes the rest due) or
/// `paid_off`. `policy` `{}` never defaults.
///
/// @example
/// planStatus(plan, [{ date: '2024-01-31', amount: '333.34' }, { date: '2024-03-05', amount: '200.00' }],
///   '2024-03-15', { missed_installments: 2, days_past_due: 60 })
/// // { state: 'in_arrears', overdue: '133.33', days_past_due: 15, ... }
///
/// @throws {Error} code `'invalid_plan'`, `'invalid_plan_payment'`,
/// `'invalid_default_policy'`, `'amount_not_rounded'`, `'invalid_date'`; `'invalid_json'`
/// when an argument is not its shape.
#[napi(catch_unwind, ts_return_type = "PlanStatus")]
pub fn plan_status(
    #[napi(ts_arg_type = "Plan | string")] plan: JsonArg,
    #[napi(ts_arg_type = "PlanPayment[] | string")] payments: JsonArg,
    as_of: String,
    #[napi(ts_arg_type = "DefaultPolicy | string")] policy: JsonArg,
) -> Result<JsonValue> {
    let plan: installments::Plan = plan.read("plan")?;
    let payments: Vec<installments::PlanPayment> = payments.read("payments")?;
    let as_of = date(&as_of)?;
    let policy: installments::DefaultPolicy = policy.read("policy")?;
    to_js(&installments::plan_status(&plan, &payments, as_of, &policy).or_throw()?)
}

/// Reschedules the account's overdue items (every receivable item due before `asOf` with a
/// positive open amount and nothing under an open dispute, or `request.items`) into a plan.
/// Pure: the account is not changed. The result holds the plan, a credit note closing the
/// items, a debit note carrying the plan's installments, and the events recording them
/// (dated `asOf`), checked on a copy of the account: apply `events` in order and store `plan`
/// to follow it with `planStatus`. The account must be the state as of `asOf`
/// (`Account.replay(config, events, asOf)`).
///
/// @example
/// const done = reschedule(account, '2024-03-01', { plan_document: 'PLAN-1', credit_note: 'RS-1',
///   plan: { type: 'split', terms: { due: { type: 'periodic', frequency: 'monthly', first_due: '2024-03-31', count: 3 } } } })
/// for (const event of done.events) account.apply(event)
///
/// @throws {Error} code `'account_after_as_of'`, `'nothing_to_reschedule'`,
/// `'invalid_reschedule_item'`, `'unsupported_item_selection'`, `'plan_starts_before_as_of'`,
/// the plan's kinds, `'empty_id'`, `'duplicate_event'`, `'duplicate_document'`, ...;
/// `'invalid_json'` when `request` is not a `RescheduleRequest`, `'invalid_date'`.
#[napi(catch_unwind, ts_return_type = "Rescheduled")]
pub fn reschedule(
    account: &Account,
    as_of: String,
    #[napi(ts_arg_type = "RescheduleRequest | string")] request: JsonArg,
) -> Result<JsonValue> {
    let as_of = date(&as_of)?;
    let request: installments::RescheduleRequest = request.read("request")?;
    to_js(&installments::reschedule(&account.inner, as_of, &request).or_throw()?)
}
