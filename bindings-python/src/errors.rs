//! Core errors as Python exceptions.
//!
//! `ArCoreError` subclasses `ValueError` and carries the core's stable machine code in `.kind`
//! (`"unknown_currency"`, `"parse_error"`, ...); `str(err)` is the core's message. The subclass
//! names the core module where the error arose: a `TermsError::Allocation(..)` from `schedule`
//! is an `AllocationError`, an unknown currency anywhere is a `MoneyError`. The orphan rule
//! forbids `impl From<ar_core::Error> for PyErr` here, so the mapping is a function.

use ar_core::allocation::AllocationError as CoreAllocationError;
use ar_core::terms::TermsError as CoreTermsError;
use ar_core::Error as CoreError;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::PyTypeInfo;

create_exception!(
    ar_core,
    ArCoreError,
    PyValueError,
    "Any error of ar-core. `.kind` is the stable machine code of the error."
);
create_exception!(
    ar_core,
    MoneyError,
    ArCoreError,
    "Currencies, amounts and rounding: unknown_currency, no_minor_unit, invalid_increment, currency_mismatch, overflow."
);
create_exception!(
    ar_core,
    AllocationError,
    ArCoreError,
    "Splitting an amount: no_parts, invalid_fraction, multiple_balance_parts, balance_not_last, parts_do_not_cover, negative_part, amount_not_rounded."
);
create_exception!(
    ar_core,
    CalendarError,
    ArCoreError,
    "Calendars and date arithmetic: no_business_days, date_out_of_range."
);
create_exception!(
    ar_core,
    TermsError,
    ArCoreError,
    "Payment terms and schedules: no_lines, invalid_day, invalid_month, invalid_cutoff, discount_after_due_date, invalid_discount."
);
create_exception!(
    ar_core,
    NotationError,
    ArCoreError,
    "The text notation of payment terms: parse_error."
);

/// The Python exception class for a core error: the module the error arose in.
fn class_of<'py>(py: Python<'py>, error: &CoreError) -> Bound<'py, pyo3::types::PyType> {
    fn allocation<'py>(
        py: Python<'py>,
        e: &CoreAllocationError,
    ) -> Bound<'py, pyo3::types::PyType> {
        match e {
            CoreAllocationError::Money(_) => MoneyError::type_object(py),
            _ => AllocationError::type_object(py),
        }
    }
    match error {
        CoreError::Money(_) => MoneyError::type_object(py),
        CoreError::Allocation(e) => allocation(py, e),
        CoreError::Calendar(_) => CalendarError::type_object(py),
        CoreError::Terms(CoreTermsError::Money(_)) => MoneyError::type_object(py),
        CoreError::Terms(CoreTermsError::Allocation(e)) => allocation(py, e),
        CoreError::Terms(CoreTermsError::Calendar(_)) => CalendarError::type_object(py),
        CoreError::Terms(_) => TermsError::type_object(py),
        CoreError::Notation(_) => NotationError::type_object(py),
        _ => ArCoreError::type_object(py),
    }
}

/// Maps any core error to its Python exception, with `.kind` set.
pub(crate) fn core_err(py: Python<'_>, error: impl Into<CoreError>) -> PyErr {
    let error = error.into();
    let class = class_of(py, &error);
    let raised = class.call1((error.to_string(),)).and_then(|value| {
        value.setattr("kind", error.kind())?;
        Ok(PyErr::from_value(value))
    });
    raised.unwrap_or_else(|e| e)
}

/// `Result<T, E: Into<ar_core::Error>>` to `PyResult<T>`.
pub(crate) trait CoreResultExt<T> {
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T, E: Into<CoreError>> CoreResultExt<T> for Result<T, E> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| core_err(py, e))
    }
}
