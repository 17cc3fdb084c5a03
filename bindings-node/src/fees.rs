//! Late fees (`ar_core::fees`): assessing a fee policy on an account, idempotently, and the
//! statutory compensation presets.
//!
//! Policies and results cross in the stored JSON shape of docs/json.md ([`JsonArg`] in,
//! [`JsonValue`] out); an account is an `Account` instance, passed by reference. Every export
//! catches a panic of the core and throws it as an `Error`.

use ar_core::fees;
use napi_derive::napi;

use crate::convert::{date, to_js};
use crate::convert::{JsonArg, JsonValue, OrThrow, Result};
use crate::types::Account;

/// Assesses a fee policy on the account as of `asOf`: for each overdue document (or
/// installment, `scope: 'installment'`) and level whose day has come (`grace_days` after the
/// due date, then every `repeat.every_days`), the fee on the overdue balance, rounded once;
/// proposed as `fee_charge` documents keyed by document and level (`level-1`,
/// `level-2/period-3`). A level already charged by a fee of the account is skipped, so
/// running the policy again, after issuing the charges, charges nothing. Pure: issue each
/// proposed `document` in a `document_issued` event dated `asOf`.
///
/// @example
/// const run = assessFees(account, { levels: [{ level: 1, grace_days: 10, fee: { type: 'fixed', amount: '25.00' } }] }, '2024-02-11')
/// run.charges[0].document // { id: 'FEE-INV-1/level-1', kind: 'fee_charge', total: '25.00',
/// //   charge_for: { document: 'INV-1', key: 'level-1' }, ... }
///
/// @throws {Error} code `'duplicate_fee_level'`, `'invalid_fee'`, `'invalid_fee_tiers'`,
/// `'too_many_fee_charges'`, `'currency_mismatch'` (a policy currency other than the
/// account's), `'unknown_document'`, the kinds of issuing a charge (a bad `charge_terms`),
/// `'overflow'`; `'invalid_json'` when `policy` is not a `FeePolicy`, `'invalid_date'`.
#[napi(catch_unwind, ts_return_type = "FeeRun")]
pub fn assess_fees(
    account: &Account,
    #[napi(ts_arg_type = "FeePolicy | string")] policy: JsonArg,
    as_of: String,
) -> Result<JsonValue> {
    let policy: fees::FeePolicy = policy.read("policy")?;
    let as_of = date(&as_of)?;
    to_js(&fees::assess_fees(&account.inner, &policy, as_of).or_throw()?)
}

/// Checks a fee policy as `assessFees` does before using it: level numbers unique, no
/// negative amount, percent, bound, minimum, cap or threshold, a cap not below the minimum,
/// tiers strictly increasing, `repeat.every_days` at least 1. Returns nothing; throws on the
/// first problem.
///
/// @example
/// validateFeePolicy({ levels: [{ level: 1, fee: { type: 'percent', percent: '-1' } }] }) // throws, code 'invalid_fee'
///
/// @throws {Error} code `'duplicate_fee_level'`, `'invalid_fee'`, `'invalid_fee_tiers'`;
/// `'invalid_json'` when `policy` is not a `FeePolicy`.
#[napi(catch_unwind)]
pub fn validate_fee_policy(
    #[napi(ts_arg_type = "FeePolicy | string")] policy: JsonArg,
) -> Result<()> {
    let policy: fees::FeePolicy = policy.read("policy")?;
    policy.validate().or_throw()
}

/// The EU Late Payment Directive 2011/7/EU art. 6 compensation as a fee policy: EUR 40.00
/// per document from the day after its due date (currency `'EUR'`).
///
/// @example
/// euLatePaymentCompensation().levels[0].fee // { type: 'fixed', amount: '40.00' }
#[napi(catch_unwind, ts_return_type = "FeePolicy")]
pub fn eu_late_payment_compensation() -> Result<JsonValue> {
    to_js(&fees::FeePolicy::eu_late_payment_compensation())
}

/// The UK Late Payment of Commercial Debts (Interest) Act 1998 s.5A fixed sum as a fee
/// policy: GBP 40.00 for a debt below 1 000.00, 70.00 from 1 000.00, 100.00 from 10 000.00,
/// per document from the day after its due date (currency `'GBP'`).
///
/// @example
/// ukLatePaymentCompensation().levels[0].fee.tiers.map((t) => [t.from, t.fee.amount])
/// // [['0.00', '40.00'], ['1000.00', '70.00'], ['10000.00', '100.00']]
#[napi(catch_unwind, ts_return_type = "FeePolicy")]
pub fn uk_late_payment_compensation() -> Result<JsonValue> {
    to_js(&fees::FeePolicy::uk_late_payment_compensation())
}
