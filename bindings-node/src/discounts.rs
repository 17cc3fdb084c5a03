//! Early-payment discounts (`ar_core::discounts`): the amounts due early and late in each
//! tax-base mode, the discount a payment date earns, pro-rata discounts for partial payments,
//! the annualized cost of a discount and dynamic (APR) discounts.
//!
//! Scalars are the usual strings (decimals, dates, currency codes) and checked whole numbers;
//! the core's structures (`TaxedAmount`, offers, documents, results) cross in the stored JSON
//! shape of docs/json.md, as the ledger's do ([`JsonArg`] in, [`JsonValue`] out). Every
//! export catches a panic of the core and throws it as an `Error`.

use ar_core::{discounts, documents, terms};
use napi_derive::napi;
use serde::Serialize;

use crate::convert::{self, date, decimal, or_default, to_js, whole};
use crate::convert::{JsonArg, JsonValue, OrThrow, Result};
use crate::types::{DiscountBase, DiscountRoundingOptions, EarlyPaymentOptions, YearBasis};

/// What a customer owes when paying early and late with a `percent` % early-payment discount,
/// in one tax-base mode: `'gross'` (the discount is a percent of the tax-included total),
/// `'net'` (of the untaxed amount only) or `'mixed'` (of the untaxed amount, with each tax
/// computed on the untaxed base less the discount). Each tax and the discount are exact ratios
/// rounded once (`options.rounding`, default `'half_up'`); `options.discountRounding`
/// (`'discount'`, default, or `'amount_due'`) says which of the two is rounded.
///
/// @example
/// const amount = { net: '1000.00', taxes: [{ percent: '21', base: '1000.00' }] }
/// earlyPaymentAmounts(amount, 'EUR', '2', 'gross') // { due_early: '1185.80', due_late: '1210.00', ... }
/// earlyPaymentAmounts(amount, 'EUR', '2', 'net')   // { due_early: '1190.00', due_late: '1210.00', ... }
/// earlyPaymentAmounts(amount, 'EUR', '2', 'mixed') // { tax: '205.80', due_early: '1185.80', due_late: '1205.80', ... }
///
/// @throws {Error} code `'invalid_discount_percent'` (outside 0..=100),
/// `'invalid_tax_percent'`, `'amount_not_positive'`, `'amount_not_rounded'`,
/// `'discount_out_of_range'`, `'no_minor_unit'`, `'overflow'`, `'unknown_currency'`,
/// `'invalid_amount'`; `'invalid_json'` when `amount` is not a `TaxedAmount`.
#[napi(catch_unwind, ts_return_type = "EarlyPayment")]
pub fn early_payment_amounts(
    #[napi(ts_arg_type = "TaxedAmount | string")] amount: JsonArg,
    currency: String,
    percent: String,
    discount_base: DiscountBase,
    options: Option<EarlyPaymentOptions>,
) -> Result<JsonValue> {
    let amount: discounts::TaxedAmount = amount.read("amount")?;
    let currency = convert::currency(&currency)?;
    let percent = decimal(&percent)?;
    let (rounding, target) = or_default(options)?;
    let result = discounts::early_payment_amounts(
        &amount,
        currency,
        percent,
        discount_base.into(),
        rounding,
        target,
    );
    to_js(&result.or_throw()?)
}

/// `bestOffer`'s result: the core returns the offer's position and the offer.
#[derive(Serialize)]
struct BestOffer<'a> {
    tier: usize,
    offer: &'a terms::DiscountOffer,
}

/// The best of an installment's stored offers for a payment dated `date`: the largest
/// discount among the offers whose deadline (inclusive) is on or after `date` (on a tie the
/// first listed), with its zero-based position, or `null` when none is. The offers are not
/// checked against an amount: `earnedDiscount` checks them.
///
/// @example
/// const offers = [{ deadline: '2024-01-11', discount: '3.00', amount_due: '97.00' },
///                 { deadline: '2024-01-21', discount: '2.00', amount_due: '98.00' }]
/// bestOffer(offers, '2024-01-11') // { tier: 0, offer: { deadline: '2024-01-11', ... } }
/// bestOffer(offers, '2024-01-22') // null
///
/// @throws {Error} code `'invalid_json'` when `offers` is not a list of offers,
/// `'invalid_date'`.
#[napi(catch_unwind, ts_return_type = "BestOffer | null")]
pub fn best_offer(
    #[napi(ts_arg_type = "ScheduledDiscount[] | string")] offers: JsonArg,
    date: String,
) -> Result<Option<JsonValue>> {
    let offers: Vec<terms::DiscountOffer> = offers.read("offers")?;
    let date = convert::date(&date)?;
    discounts::best_offer(&offers, date)
        .map(|(tier, offer)| to_js(&BestOffer { tier, offer }))
        .transpose()
}

/// The discount a payment dated `date` earns on an installment of `amount` with its stored
/// `offers` (each `{ deadline, discount, amount_due }`, deadlines inclusive): the best offer
/// whose deadline is on or after `date`, or none. The offers are checked first: each discount
/// between zero and the amount, `amount_due = amount - discount`.
///
/// @example
/// const offers = [{ deadline: '2024-01-25', discount: '24.69', amount_due: '1209.87' }]
/// earnedDiscount('1234.56', offers, '2024-01-25') // { tier: 0, discount: '24.69', amount_due: '1209.87', ... }
/// earnedDiscount('1234.56', offers, '2024-01-26') // { discount: '0.00', amount_due: '1234.56', ... }
///
/// @throws {Error} code `'discount_out_of_range'`, `'inconsistent_offer'`, `'overflow'`,
/// `'invalid_amount'`, `'invalid_date'`; `'invalid_json'` when `offers` is not a list of
/// offers.
#[napi(catch_unwind, ts_return_type = "EarnedDiscount")]
pub fn earned_discount(
    amount: String,
    #[napi(ts_arg_type = "ScheduledDiscount[] | string")] offers: JsonArg,
    date: String,
) -> Result<JsonValue> {
    let amount = decimal(&amount)?;
    let offers: Vec<terms::DiscountOffer> = offers.read("offers")?;
    let date = convert::date(&date)?;
    to_js(&discounts::earned_discount(amount, &offers, date).or_throw()?)
}

/// The discount a payment dated `date` earns on a whole document, installment by
/// installment (`earnedDiscount` on each), with the sums `discount` and `amount_due`.
///
/// @example
/// const doc = issueSimple({ kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-01',
///   currency: 'EUR', amount: '500.00', terms: new Terms('2/10 Net 30') })
/// documentEarnedDiscount(doc, '2024-01-11') // { discount: '10.00', amount_due: '490.00', ... }
///
/// @throws {Error} code `'discount_out_of_range'`, `'inconsistent_offer'` (stored offers
/// that do not fit their installment), `'overflow'`, `'invalid_date'`; `'invalid_json'` when
/// `document` is not a `Document`.
#[napi(catch_unwind, ts_return_type = "DocumentDiscount")]
pub fn document_earned_discount(
    #[napi(ts_arg_type = "Document | string")] document: JsonArg,
    date: String,
) -> Result<JsonValue> {
    let document: documents::Document = document.read("document")?;
    let date = convert::date(&date)?;
    to_js(&document.earned_discount(date).or_throw()?)
}

/// The discount a payment of `payment` earns on an installment with `open` still open and
/// `discount` still available on it, inside the discount window: a payment that covers
/// `open - discount` takes the whole discount (the rest of the cash is `unused`); a smaller
/// payment `P` earns `discount × P / (open - discount)`, rounded once (`options.rounding`,
/// default `'half_up'`), and leaves `open - P - earned` open, exactly.
///
/// @example
/// // 1 000.00 on 2/10 net 30, 400.00 paid in the window: 400 / 0.98 = 408.16 credited
/// proRataDiscount('1000.00', '20.00', '400.00', 'USD')
/// // { amount: '400.00', discount: '8.16', residual: '591.84', unused: '0.00', reason: '...' }
///
/// @throws {Error} code `'amount_not_positive'`, `'discount_out_of_range'`,
/// `'amount_not_rounded'`, `'no_minor_unit'`, `'overflow'`, `'unknown_currency'`,
/// `'invalid_amount'`.
#[napi(catch_unwind, ts_return_type = "ProRata")]
pub fn pro_rata_discount(
    open: String,
    discount: String,
    payment: String,
    currency: String,
    options: Option<DiscountRoundingOptions>,
) -> Result<JsonValue> {
    let (open, discount, payment) = (decimal(&open)?, decimal(&discount)?, decimal(&payment)?);
    let currency = convert::currency(&currency)?;
    let rounding = or_default(options)?;
    let result = discounts::pro_rata_discount(open, discount, payment, currency, rounding);
    to_js(&result.or_throw()?)
}

/// The discount still available on an installment of `amount` whose offer is `offer` when
/// `open` is still open: `offer × open / amount`, rounded once (`options.rounding`, default
/// `'half_up'`); the whole offer when nothing was paid, zero when nothing is open, never more
/// than `offer` or `open`. A decimal string with the currency's scale.
///
/// @example
/// availableDiscount('1000.00', '20.00', '591.84', 'USD') // '11.84'
///
/// @throws {Error} code `'discount_out_of_range'`, `'amount_not_positive'`, `'overflow'`,
/// `'unknown_currency'`, `'invalid_amount'`.
#[napi(catch_unwind)]
pub fn available_discount(
    amount: String,
    offer: String,
    open: String,
    currency: String,
    options: Option<DiscountRoundingOptions>,
) -> Result<String> {
    let (amount, offer, open) = (decimal(&amount)?, decimal(&offer)?, decimal(&open)?);
    let currency = convert::currency(&currency)?;
    let rounding = or_default(options)?;
    let result = discounts::available_discount(amount, offer, open, currency, rounding);
    Ok(result.or_throw()?.to_string())
}

/// The annualized cost of a `percent` % discount for paying within `discountDays` instead of
/// `netDays`, on a year of 360 or 365 days (`year`, named explicitly): simple
/// `d / (1 - d) × Y / (N - T)` (exact, rounded half up to 10 places, and to 2 for the
/// percent) and compounded `(1 + d / (1 - d))^(Y / (N - T)) - 1`.
///
/// @example
/// annualizedCost('2', 10, 30, 'days_365')
/// // { year: 'days_365', simple_rate: '0.3724489796', simple_percent: '37.24',
/// //   compounded_rate: '0.4458529273', compounded_percent: '44.59', reason: '...' }
///
/// @throws {Error} code `'invalid_discount_percent'` (outside 0..100),
/// `'invalid_discount_period'` (`discountDays >= netDays`), `'overflow'`, `'invalid_amount'`;
/// `'InvalidArg'` for days that are not whole numbers from 0 to 4294967295.
#[napi(catch_unwind, ts_return_type = "AnnualizedCost")]
pub fn annualized_cost(
    percent: String,
    discount_days: f64,
    net_days: f64,
    year: YearBasis,
) -> Result<JsonValue> {
    let percent = decimal(&percent)?;
    let discount_days = whole(discount_days, "discountDays")?;
    let net_days = whole(net_days, "netDays")?;
    let result = discounts::annualized_cost(percent, discount_days, net_days, year.into());
    to_js(&result.or_throw()?)
}

/// The dynamic (sliding-scale) discount offered on `amount` for paying on `paymentDate`
/// instead of `dueDate`, at the annual rate `annualPercent` on a year of 360 or 365 days,
/// simple: `amount × annualPercent / 100 × daysEarly / yearDays`, rounded once
/// (`options.rounding`, default `'half_up'`) and capped at the amount. Paying on or after the
/// due date earns nothing.
///
/// @example
/// dynamicDiscount('10000.00', 'USD', '12', '2024-03-01', '2024-03-31', 'days_365')
/// // { days_early: 30, discount: '98.63', amount_due: '9901.37', capped: false, reason: '...' }
///
/// @throws {Error} code `'amount_not_positive'`, `'invalid_annual_rate'`,
/// `'amount_not_rounded'`, `'no_minor_unit'`, `'overflow'`, `'unknown_currency'`,
/// `'invalid_amount'`, `'invalid_date'`.
#[napi(catch_unwind, ts_return_type = "DynamicDiscount")]
pub fn dynamic_discount(
    amount: String,
    currency: String,
    annual_percent: String,
    payment_date: String,
    due_date: String,
    year: YearBasis,
    options: Option<DiscountRoundingOptions>,
) -> Result<JsonValue> {
    let amount = decimal(&amount)?;
    let currency = convert::currency(&currency)?;
    let annual_percent = decimal(&annual_percent)?;
    let (payment_date, due_date) = (date(&payment_date)?, date(&due_date)?);
    let rounding = or_default(options)?;
    let result = discounts::dynamic_discount(
        amount,
        currency,
        annual_percent,
        payment_date,
        due_date,
        year.into(),
        rounding,
    );
    to_js(&result.or_throw()?)
}
