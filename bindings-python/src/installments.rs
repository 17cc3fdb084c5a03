//! Installment plans (`ar_core::installments`): `installment_plan`, `amortized_plan`,
//! `build_plan`, `validate_plan`, `plan_status`, `reschedule`.
//!
//! Terms, plans, payments, policies and requests are dicts of the JSON shape of docs/json.md
//! ("Installment plans"); results are dicts of that shape with `Decimal` and `date` values.
//! The plan a function returns goes back into `plan_status` as it is. Nothing here computes;
//! the GIL is released while the core works.

use ar_core::installments::{
    self, AmortizedTerms, DefaultPolicy, Plan, PlanPayment, PlanSpec, PlanTerms, RescheduleRequest,
};
use pyo3::prelude::*;

use crate::convert::{date_arg, decimal_arg};
use crate::errors::CoreResultExt;
use crate::ledger::PyAccount;
use crate::money::currency_arg;
use crate::shape::{from_py, list_from_py, to_py};

/// `installment_plan(amount, currency, terms)`: `amount` split into installments by a
/// `PlanTerms` dict (equal or weighted, periodic or custom dates, optional down payment);
/// returns the `Plan` dict, whose installments sum to `amount` exactly.
#[pyfunction]
pub(crate) fn installment_plan<'py>(
    py: Python<'py>,
    amount: &Bound<'py, PyAny>,
    currency: String,
    terms: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let amount = decimal_arg(amount, "amount")?;
    let currency = currency_arg(py, &currency)?;
    let terms: PlanTerms = from_py(terms, "plan terms", "terms")?;
    let plan = py
        .detach(|| installments::installment_plan(amount, currency, &terms))
        .py(py)?;
    to_py(py, &plan)
}

/// `amortized_plan(principal, currency, terms)`: an annuity repaying `principal` with interest
/// by an `AmortizedTerms` dict; returns the `Plan` dict (principal and interest per row).
#[pyfunction]
pub(crate) fn amortized_plan<'py>(
    py: Python<'py>,
    principal: &Bound<'py, PyAny>,
    currency: String,
    terms: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let principal = decimal_arg(principal, "principal")?;
    let currency = currency_arg(py, &currency)?;
    let terms: AmortizedTerms = from_py(terms, "amortized terms", "terms")?;
    let plan = py
        .detach(|| installments::amortized_plan(principal, currency, &terms))
        .py(py)?;
    to_py(py, &plan)
}

/// `build_plan(spec, amount, currency)`: the plan of a `PlanSpec` dict
/// (`{"type": "split" | "amortized", "terms": ...}`) for `amount` (the core's
/// `PlanSpec::build`).
#[pyfunction]
pub(crate) fn build_plan<'py>(
    py: Python<'py>,
    spec: &Bound<'py, PyAny>,
    amount: &Bound<'py, PyAny>,
    currency: String,
) -> PyResult<Bound<'py, PyAny>> {
    let spec: PlanSpec = from_py(spec, "plan spec", "spec")?;
    let amount = decimal_arg(amount, "amount")?;
    let currency = currency_arg(py, &currency)?;
    let plan = py.detach(|| spec.build(amount, currency)).py(py)?;
    to_py(py, &plan)
}

/// `validate_plan(plan)`: checks that a stored `Plan` dict can be tracked (the core's
/// `Plan::validate`); raises `PlanError` (`invalid_plan`) if not.
#[pyfunction]
pub(crate) fn validate_plan(py: Python<'_>, plan: &Bound<'_, PyAny>) -> PyResult<()> {
    let plan: Plan = from_py(plan, "plan", "plan")?;
    plan.validate().py(py)
}

/// `plan_status(plan, payments, as_of, *, policy=None)`: where a `Plan` stands on `as_of`
/// given the `PlanPayment` dicts received (`{"date", "amount"}`) and a `DefaultPolicy` dict
/// (`None`: never defaults); returns the `PlanStatus` dict.
#[pyfunction]
#[pyo3(signature = (plan, payments, as_of, *, policy = None),
       text_signature = "(plan, payments, as_of, *, policy=None)")]
pub(crate) fn plan_status<'py>(
    py: Python<'py>,
    plan: &Bound<'py, PyAny>,
    payments: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
    policy: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let plan: Plan = from_py(plan, "plan", "plan")?;
    let payments: Vec<PlanPayment> = list_from_py(payments, "plan payment", "payments")?;
    let as_of = date_arg(as_of, "as_of")?;
    let policy: DefaultPolicy = match policy {
        Some(p) if !p.is_none() => from_py(p, "default policy", "policy")?,
        _ => DefaultPolicy::default(),
    };
    let status = py
        .detach(|| installments::plan_status(&plan, &payments, as_of, &policy))
        .py(py)?;
    to_py(py, &status)
}

/// `reschedule(account, as_of, request)`: the account's overdue items (or the chosen ones)
/// rescheduled into a plan by a `RescheduleRequest` dict; returns the `Rescheduled` dict with
/// the plan, the credit and debit notes and the events to append. The account is not changed.
#[pyfunction]
pub(crate) fn reschedule<'py>(
    py: Python<'py>,
    account: &Bound<'py, PyAccount>,
    as_of: &Bound<'py, PyAny>,
    request: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let as_of = date_arg(as_of, "as_of")?;
    let request: RescheduleRequest = from_py(request, "reschedule request", "request")?;
    let done = account
        .get()
        .run(py, |a| installments::reschedule(a, as_of, &request))?
        .py(py)?;
    to_py(py, &done)
}
