//! Early-payment discounts (`ar_core::discounts`): `early_payment_amounts`, `earned_discount`,
//! `document_earned_discount`, `best_offer`, `pro_rata_discount`, `available_discount`,
//! `annualized_cost`, `dynamic_discount`.
//!
//! Scalars cross as everywhere in this binding (money as `Decimal` or `int`, dates as `date`,
//! enums as their JSON tags); structured inputs and results are dicts of the JSON shape of
//! docs/json.md ("Early-payment discounts"), converted by `shape`. Nothing here computes.

use ar_core::discounts::{self, DiscountBase, DiscountRounding, TaxedAmount, YearBasis};
use ar_core::documents::Document;
use ar_core::money::RoundingMode;
use ar_core::terms::DiscountOffer;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use rust_decimal::Decimal;

use crate::convert::{date_arg, decimal_arg, enum_arg, iter_arg, u32_arg, Wrapper};
use crate::errors::CoreResultExt;
use crate::money::currency_arg;
use crate::shape::{from_py, to_py};
use crate::terms::PyDiscountOffer;

/// A rounding mode tag (`"half_up"`, `"half_even"`, `"down"`, `"up"`).
pub(crate) fn mode_arg(mode: &str) -> PyResult<RoundingMode> {
    enum_arg(mode, "rounding mode")
}

/// A list of discount offers: `DiscountOffer` objects (as `schedule` returns them) or dicts
/// `{"deadline", "discount", "amount_due"}`.
fn offers_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<DiscountOffer>> {
    iter_arg(obj, "offers")?
        .iter()
        .enumerate()
        .map(|(i, offer)| match offer.cast::<PyDiscountOffer>() {
            Ok(w) => Ok(w.get().core().clone()),
            Err(_) => from_py(offer, "discount offer", &format!("offers[{i}]")),
        })
        .collect()
}

/// `early_payment_amounts(amount, currency, percent, *, discount_base="gross",
/// rounding="half_up", discount_rounding="discount")`: what settles `amount` (a `TaxedAmount`
/// dict `{"net": ..., "taxes": [{"percent": ..., "base": ...}]}`) early and late with a
/// `percent` % discount in a tax-base mode (`EarlyPayment`).
#[pyfunction]
#[pyo3(signature = (
    amount, currency, percent, *,
    discount_base = "gross".to_string(), rounding = "half_up".to_string(),
    discount_rounding = "discount".to_string()
), text_signature = "(amount, currency, percent, *, discount_base='gross', rounding='half_up', discount_rounding='discount')")]
pub(crate) fn early_payment_amounts<'py>(
    py: Python<'py>,
    amount: &Bound<'py, PyAny>,
    currency: String,
    percent: &Bound<'py, PyAny>,
    discount_base: String,
    rounding: String,
    discount_rounding: String,
) -> PyResult<Bound<'py, PyAny>> {
    let amount: TaxedAmount = from_py(amount, "taxed amount", "amount")?;
    let currency = currency_arg(py, &currency)?;
    let percent = decimal_arg(percent, "percent")?;
    let base: DiscountBase = enum_arg(&discount_base, "discount base")?;
    let target: DiscountRounding = enum_arg(&discount_rounding, "discount rounding")?;
    let out = discounts::early_payment_amounts(
        &amount,
        currency,
        percent,
        base,
        mode_arg(&rounding)?,
        target,
    )
    .py(py)?;
    to_py(py, &out)
}

/// `earned_discount(amount, offers, date)`: the discount a payment on `date` earns on an
/// installment of `amount` with `offers` (`EarnedDiscount`).
#[pyfunction]
pub(crate) fn earned_discount<'py>(
    py: Python<'py>,
    amount: &Bound<'py, PyAny>,
    offers: &Bound<'py, PyAny>,
    date: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let amount = decimal_arg(amount, "amount")?;
    let offers = offers_arg(offers)?;
    let date = date_arg(date, "date")?;
    let out = discounts::earned_discount(amount, &offers, date).py(py)?;
    to_py(py, &out)
}

/// `document_earned_discount(document, date)`: the discount a payment on `date` earns on a
/// whole `Document` dict, installment by installment (`DocumentDiscount`; the core's
/// `Document::earned_discount`).
#[pyfunction]
pub(crate) fn document_earned_discount<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    date: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let document: Document = from_py(document, "document", "document")?;
    let date = date_arg(date, "date")?;
    let out = document.earned_discount(date).py(py)?;
    to_py(py, &out)
}

/// `best_offer(offers, date)`: `(index, offer)` of the largest offer whose deadline is on or
/// after `date` (the first on a tie), or `None`.
#[pyfunction]
pub(crate) fn best_offer<'py>(
    py: Python<'py>,
    offers: &Bound<'py, PyAny>,
    date: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyTuple>>> {
    let offers = offers_arg(offers)?;
    let date = date_arg(date, "date")?;
    discounts::best_offer(&offers, date)
        .map(|(i, offer)| PyTuple::new(py, [i.into_pyobject(py)?.into_any(), to_py(py, offer)?]))
        .transpose()
}

/// `pro_rata_discount(open, discount, payment, currency, *, rounding="half_up")`: what a
/// payment inside the window earns on an installment with `open` open and `discount` still
/// available (`ProRata`).
#[pyfunction]
#[pyo3(signature = (open, discount, payment, currency, *, rounding = "half_up".to_string()),
       text_signature = "(open, discount, payment, currency, *, rounding='half_up')")]
pub(crate) fn pro_rata_discount<'py>(
    py: Python<'py>,
    open: &Bound<'py, PyAny>,
    discount: &Bound<'py, PyAny>,
    payment: &Bound<'py, PyAny>,
    currency: String,
    rounding: String,
) -> PyResult<Bound<'py, PyAny>> {
    let out = discounts::pro_rata_discount(
        decimal_arg(open, "open")?,
        decimal_arg(discount, "discount")?,
        decimal_arg(payment, "payment")?,
        currency_arg(py, &currency)?,
        mode_arg(&rounding)?,
    )
    .py(py)?;
    to_py(py, &out)
}

/// `available_discount(amount, offer, open, currency, *, rounding="half_up")`: the discount
/// still available on an installment of `amount` with offer `offer` when `open` is open.
#[pyfunction]
#[pyo3(signature = (amount, offer, open, currency, *, rounding = "half_up".to_string()),
       text_signature = "(amount, offer, open, currency, *, rounding='half_up')")]
pub(crate) fn available_discount(
    py: Python<'_>,
    amount: &Bound<'_, PyAny>,
    offer: &Bound<'_, PyAny>,
    open: &Bound<'_, PyAny>,
    currency: String,
    rounding: String,
) -> PyResult<Decimal> {
    discounts::available_discount(
        decimal_arg(amount, "amount")?,
        decimal_arg(offer, "offer")?,
        decimal_arg(open, "open")?,
        currency_arg(py, &currency)?,
        mode_arg(&rounding)?,
    )
    .py(py)
}

/// `annualized_cost(percent, discount_days, net_days, year)`: the simple and compounded annual
/// cost of a `percent` % discount for paying in `discount_days` instead of `net_days`, on a
/// `"days_360"` or `"days_365"` year (`AnnualizedCost`).
#[pyfunction]
pub(crate) fn annualized_cost<'py>(
    py: Python<'py>,
    percent: &Bound<'py, PyAny>,
    discount_days: &Bound<'py, PyAny>,
    net_days: &Bound<'py, PyAny>,
    year: String,
) -> PyResult<Bound<'py, PyAny>> {
    let year: YearBasis = enum_arg(&year, "year basis")?;
    let out = discounts::annualized_cost(
        decimal_arg(percent, "percent")?,
        u32_arg(discount_days, "discount_days")?,
        u32_arg(net_days, "net_days")?,
        year,
    )
    .py(py)?;
    to_py(py, &out)
}

/// `dynamic_discount(amount, currency, annual_percent, payment_date, due_date, year, *,
/// rounding="half_up")`: the sliding-scale discount for paying `amount` on `payment_date`
/// instead of `due_date` at `annual_percent` a year, simple (`DynamicDiscount`).
#[pyfunction]
#[pyo3(signature = (
    amount, currency, annual_percent, payment_date, due_date, year, *,
    rounding = "half_up".to_string()
), text_signature = "(amount, currency, annual_percent, payment_date, due_date, year, *, rounding='half_up')")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn dynamic_discount<'py>(
    py: Python<'py>,
    amount: &Bound<'py, PyAny>,
    currency: String,
    annual_percent: &Bound<'py, PyAny>,
    payment_date: &Bound<'py, PyAny>,
    due_date: &Bound<'py, PyAny>,
    year: String,
    rounding: String,
) -> PyResult<Bound<'py, PyAny>> {
    let out = discounts::dynamic_discount(
        decimal_arg(amount, "amount")?,
        currency_arg(py, &currency)?,
        decimal_arg(annual_percent, "annual_percent")?,
        date_arg(payment_date, "payment_date")?,
        date_arg(due_date, "due_date")?,
        enum_arg(&year, "year basis")?,
        mode_arg(&rounding)?,
    )
    .py(py)?;
    to_py(py, &out)
}
