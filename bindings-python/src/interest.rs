//! Late-payment interest (`ar_core::interest`): `day_count_days`, `year_fraction`, `accrue`,
//! `rates_for`, the statutory rate presets, `principal_changes`, `accrue_account`,
//! `waive_unpaid_charges`.
//!
//! Inputs and results are dicts of the JSON shape of docs/json.md ("Interest and fees") with
//! `Decimal`, `date` and, for the exact fractions (`"31/365"` in JSON), `fractions.Fraction`.
//! Account functions take an `Account`; the GIL is released while the core works.

use ar_core::interest::{
    self, AccrualInput, DayCount, InterestPolicy, InterestRateTable, RateSource,
    UnpaidChargesPolicy,
};
use pyo3::prelude::*;

use crate::convert::{date_arg, enum_arg, fraction, str_arg, u32_arg};
use crate::errors::CoreResultExt;
use crate::ledger::PyAccount;
use crate::shape::{from_py, from_py_list, to_py};

/// `day_count_days(day_count, start, end)`: the days the convention counts from `start` to
/// `end` (actual days, or the 30/360 count); the core's `DayCount::days`.
#[pyfunction]
pub(crate) fn day_count_days(
    py: Python<'_>,
    day_count: String,
    start: &Bound<'_, PyAny>,
    end: &Bound<'_, PyAny>,
) -> PyResult<i64> {
    let day_count: DayCount = enum_arg(&day_count, "day count")?;
    let (start, end) = (date_arg(start, "start")?, date_arg(end, "end")?);
    day_count.days(start, end).py(py)
}

/// `year_fraction(day_count, start, end)`: the exact year fraction from `start` to `end` as a
/// `fractions.Fraction` (the core's `DayCount::year_fraction`).
#[pyfunction]
pub(crate) fn year_fraction<'py>(
    py: Python<'py>,
    day_count: String,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let day_count: DayCount = enum_arg(&day_count, "day count")?;
    let (start, end) = (date_arg(start, "start")?, date_arg(end, "end")?);
    let f = day_count.year_fraction(start, end).py(py)?;
    fraction(py, f.numerator(), f.denominator())
}

/// `accrue(input)`: interest on one overdue amount from an `AccrualInput` dict
/// (`currency`, `principal`, `due_date`, `as_of`, `changes`, `rates`, `method`), period by
/// period (`InterestBreakdown`).
#[pyfunction]
pub(crate) fn accrue<'py>(
    py: Python<'py>,
    input: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let input: AccrualInput = from_py(input, "accrual input", "input")?;
    let breakdown = py.detach(|| interest::accrue(&input)).py(py)?;
    to_py(py, &breakdown)
}

/// `rates_for(rates, due_date, as_of)`: the annual rates a `RateSource` dict puts in force for
/// a debt due on `due_date`, up to `as_of`, as a list of `DatedInterestRate` dicts (the core's
/// `RateSource::rates_for`).
#[pyfunction]
pub(crate) fn rates_for<'py>(
    py: Python<'py>,
    rates: &Bound<'py, PyAny>,
    due_date: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let rates: RateSource = from_py(rates, "rate source", "rates")?;
    let (due_date, as_of) = (date_arg(due_date, "due_date")?, date_arg(as_of, "as_of")?);
    let table = rates.rates_for(due_date, as_of).py(py)?;
    to_py(py, &table)
}

/// `eu_late_payment_rates(reference_rates)`: the `RateSource` dict of Directive 2011/7/EU over
/// a list of reference-rate dicts (`{"from", "percent"}`), with the directive's 8 points.
#[pyfunction]
pub(crate) fn eu_late_payment_rates<'py>(
    py: Python<'py>,
    reference_rates: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let table: InterestRateTable =
        from_py_list(reference_rates, "interest rate table", "reference_rates")?;
    to_py(py, &RateSource::eu_late_payment(table))
}

/// `uk_late_payment_rates(reference_rates)`: the `RateSource` dict of the UK Late Payment of
/// Commercial Debts (Interest) Act 1998 over a list of Bank Rate dicts, with the Order's 8 %.
#[pyfunction]
pub(crate) fn uk_late_payment_rates<'py>(
    py: Python<'py>,
    reference_rates: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let table: InterestRateTable =
        from_py_list(reference_rates, "interest rate table", "reference_rates")?;
    to_py(py, &RateSource::uk_late_payment(table))
}

/// `principal_changes(account, document, installment, as_of)`: what reduced one installment's
/// principal up to `as_of`, from the account's history (`ItemPrincipal`).
#[pyfunction]
pub(crate) fn principal_changes<'py>(
    py: Python<'py>,
    account: &Bound<'py, PyAccount>,
    document: &Bound<'py, PyAny>,
    installment: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let document = str_arg(document, "document")?;
    let installment = u32_arg(installment, "installment")?;
    let as_of = date_arg(as_of, "as_of")?;
    let out = account
        .get()
        .run(py, |a| {
            interest::principal_changes(a, &document, installment, as_of)
        })?
        .py(py)?;
    to_py(py, &out)
}

/// `accrue_account(account, policy, as_of)`: interest on every overdue installment of the
/// account by an `InterestPolicy` dict, and the `interest_charge` documents not charged yet
/// (`AccountInterest`). The account is not changed.
#[pyfunction]
pub(crate) fn accrue_account<'py>(
    py: Python<'py>,
    account: &Bound<'py, PyAccount>,
    policy: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let policy: InterestPolicy = from_py(policy, "interest policy", "policy")?;
    let as_of = date_arg(as_of, "as_of")?;
    let out = account
        .get()
        .run(py, |a| interest::accrue_account(a, &policy, as_of))?
        .py(py)?;
    to_py(py, &out)
}

/// `waive_unpaid_charges(account, policy, as_of)`: with `policy="waive"`, a `ChargeWaiver`
/// dict (with the `written_off` event body to apply) for every fee or interest charge still
/// open whose principal is paid; with `"claimable"`, an empty list.
#[pyfunction]
pub(crate) fn waive_unpaid_charges<'py>(
    py: Python<'py>,
    account: &Bound<'py, PyAccount>,
    policy: String,
    as_of: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let policy: UnpaidChargesPolicy = enum_arg(&policy, "unpaid charges policy")?;
    let as_of = date_arg(as_of, "as_of")?;
    let out = account
        .get()
        .run(py, |a| interest::waive_unpaid_charges(a, policy, as_of))?
        .py(py)?;
    to_py(py, &out)
}
