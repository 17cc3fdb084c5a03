//! Late fees (`ar_core::fees`): `assess_fees`, `validate_fee_policy` and the statutory
//! compensation presets.
//!
//! Policies and results are dicts of the JSON shape of docs/json.md ("Interest and fees").
//! Nothing here computes; `assess_fees` releases the GIL while the core works.

use ar_core::fees::{self, FeePolicy};
use pyo3::prelude::*;

use crate::convert::date_arg;
use crate::errors::CoreResultExt;
use crate::ledger::PyAccount;
use crate::shape::{from_py, to_py};

/// `assess_fees(account, policy, as_of)`: runs a `FeePolicy` dict over the account and
/// proposes the `fee_charge` documents not charged yet, with what was skipped and why
/// (`FeeRun`). The account is not changed; issuing the proposals and running again charges
/// nothing more.
#[pyfunction]
pub(crate) fn assess_fees<'py>(
    py: Python<'py>,
    account: &Bound<'py, PyAccount>,
    policy: &Bound<'py, PyAny>,
    as_of: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let policy: FeePolicy = from_py(policy, "fee policy", "policy")?;
    let as_of = date_arg(as_of, "as_of")?;
    let run = account
        .get()
        .run(py, |a| fees::assess_fees(a, &policy, as_of))?
        .py(py)?;
    to_py(py, &run)
}

/// `validate_fee_policy(policy)`: checks a `FeePolicy` dict (the core's `FeePolicy::validate`);
/// raises `FeeError` (`duplicate_fee_level`, `invalid_fee`, `invalid_fee_tiers`) if invalid.
#[pyfunction]
pub(crate) fn validate_fee_policy(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<()> {
    let policy: FeePolicy = from_py(policy, "fee policy", "policy")?;
    policy.validate().py(py)
}

/// `eu_late_payment_compensation()`: the `FeePolicy` dict of Directive 2011/7/EU art. 6
/// (EUR 40 per document from the day after the due date).
#[pyfunction]
pub(crate) fn eu_late_payment_compensation(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &FeePolicy::eu_late_payment_compensation())
}

/// `uk_late_payment_compensation()`: the `FeePolicy` dict of the UK 1998 Act s.5A (GBP 40 /
/// 70 / 100 by debt size, per document, from the day after the due date).
#[pyfunction]
pub(crate) fn uk_late_payment_compensation(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &FeePolicy::uk_late_payment_compensation())
}
