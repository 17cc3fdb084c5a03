//! Core errors as Python exceptions.
//!
//! `ArCoreError` subclasses `ValueError` and carries the core's stable machine code in `.kind`
//! (`"unknown_currency"`, `"parse_error"`, ...); `str(err)` is the core's message. The subclass
//! names the core module where the error arose: a `TermsError::Allocation(..)` from `schedule`
//! is an `AllocationError`, an unknown currency anywhere is a `MoneyError` (also a currency
//! mismatch rejected by the ledger), a missing exchange rate an `FxError`, an over-allocation a
//! `LedgerError`, a discount rule broken (also inside `issue_invoice` or a ledger event) a
//! `DiscountError`, a plan amount too small a `PlanError`, a missing interest rate an
//! `InterestError`, a duplicate fee level a `FeeError`. A dict that is not the
//! documented JSON shape is a plain `ArCoreError` with kind `invalid_json`. The orphan rule
//! forbids `impl From<ar_core::Error> for PyErr` here, so the mapping is a function.

use ar_core::allocation::AllocationError as CoreAllocationError;
use ar_core::discounts::DiscountError as CoreDiscountError;
use ar_core::documents::DocumentError as CoreDocumentError;
use ar_core::fees::FeeError as CoreFeeError;
use ar_core::fx::FxError as CoreFxError;
use ar_core::installments::PlanError as CorePlanError;
use ar_core::interest::InterestError as CoreInterestError;
use ar_core::ledger::LedgerError as CoreLedgerError;
use ar_core::statement::StatementError as CoreStatementError;
use ar_core::terms::TermsError as CoreTermsError;
use ar_core::Error as CoreError;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;
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
create_exception!(
    ar_core,
    FxError,
    ArCoreError,
    "Exchange rates: missing_rate, invalid_rate."
);
create_exception!(
    ar_core,
    DocumentError,
    ArCoreError,
    "Issuing and validating documents: empty_id, no_invoice_lines, invalid_line_discount, invalid_tax_rate, conflicting_tax_rate, invalid_total, installments_do_not_sum, invalid_installment."
);
create_exception!(
    ar_core,
    LedgerError,
    ArCoreError,
    "An event the account rejects (the account is left unchanged): duplicate_event, unknown_document, unknown_payment, over_allocation, insufficient_credit, same_sign, voided_document, ... (see docs/errors.md)."
);
create_exception!(
    ar_core,
    StatementError,
    ArCoreError,
    "Statements: invalid_period, invalid_buckets."
);
create_exception!(
    ar_core,
    DiscountError,
    ArCoreError,
    "Early-payment discounts: invalid_discount_percent, invalid_tax_percent, invalid_annual_rate, amount_not_positive, discount_out_of_range, inconsistent_offer, invalid_discount_period, mixed_needs_exclusive_tax, mixed_needs_one_percent."
);
create_exception!(
    ar_core,
    PlanError,
    ArCoreError,
    "Installment plans: invalid_plan_amount, invalid_installment_count, invalid_weights, plan_dates_not_increasing, invalid_down_payment, plan_amount_too_small, invalid_plan_rate, invalid_plan, invalid_plan_payment, invalid_default_policy, account_after_as_of, nothing_to_reschedule, invalid_reschedule_item, unsupported_item_selection, plan_starts_before_as_of."
);
create_exception!(
    ar_core,
    InterestError,
    ArCoreError,
    "Late-payment interest: missing_interest_rate, missing_reference_rate, negative_interest_rate, negative_principal, invalid_principal_change, invalid_day_count_period, statutory_interest_is_simple, invalid_fraction_text, too_many_periods."
);
create_exception!(
    ar_core,
    FeeError,
    ArCoreError,
    "Late fees: duplicate_fee_level, invalid_fee, invalid_fee_tiers, too_many_fee_charges."
);

/// The Python exception class for a core error: the module the error arose in. Errors that
/// wrap another module's error (`TermsError::Allocation`, `LedgerError::Document`, ...) are
/// reported by the inner module, as their kind is.
fn class_of<'py>(py: Python<'py>, error: &CoreError) -> Bound<'py, PyType> {
    match error {
        CoreError::Money(_) => MoneyError::type_object(py),
        CoreError::Allocation(e) => allocation_class(py, e),
        CoreError::Calendar(_) => CalendarError::type_object(py),
        CoreError::Terms(e) => terms_class(py, e),
        CoreError::Notation(_) => NotationError::type_object(py),
        CoreError::Fx(e) => fx_class(py, e),
        CoreError::Document(e) => document_class(py, e),
        CoreError::Ledger(e) => ledger_class(py, e),
        CoreError::Statement(e) => statement_class(py, e),
        CoreError::Discount(e) => discount_class(py, e),
        CoreError::Plan(e) => plan_class(py, e),
        CoreError::Interest(e) => interest_class(py, e),
        CoreError::Fee(e) => fee_class(py, e),
        _ => ArCoreError::type_object(py),
    }
}

fn allocation_class<'py>(py: Python<'py>, e: &CoreAllocationError) -> Bound<'py, PyType> {
    match e {
        CoreAllocationError::Money(_) => MoneyError::type_object(py),
        _ => AllocationError::type_object(py),
    }
}

fn terms_class<'py>(py: Python<'py>, e: &CoreTermsError) -> Bound<'py, PyType> {
    match e {
        CoreTermsError::Money(_) => MoneyError::type_object(py),
        CoreTermsError::Allocation(e) => allocation_class(py, e),
        CoreTermsError::Calendar(_) => CalendarError::type_object(py),
        _ => TermsError::type_object(py),
    }
}

fn fx_class<'py>(py: Python<'py>, e: &CoreFxError) -> Bound<'py, PyType> {
    match e {
        CoreFxError::Money(_) => MoneyError::type_object(py),
        _ => FxError::type_object(py),
    }
}

fn document_class<'py>(py: Python<'py>, e: &CoreDocumentError) -> Bound<'py, PyType> {
    match e {
        CoreDocumentError::Terms(e) => terms_class(py, e),
        CoreDocumentError::Money(_) => MoneyError::type_object(py),
        CoreDocumentError::Discount(e) => discount_class(py, e),
        _ => DocumentError::type_object(py),
    }
}

fn ledger_class<'py>(py: Python<'py>, e: &CoreLedgerError) -> Bound<'py, PyType> {
    match e {
        CoreLedgerError::Document(e) => document_class(py, e),
        CoreLedgerError::Money(_) => MoneyError::type_object(py),
        CoreLedgerError::Allocation(e) => allocation_class(py, e),
        CoreLedgerError::Fx(e) => fx_class(py, e),
        CoreLedgerError::Discount(e) => discount_class(py, e),
        _ => LedgerError::type_object(py),
    }
}

fn statement_class<'py>(py: Python<'py>, e: &CoreStatementError) -> Bound<'py, PyType> {
    match e {
        CoreStatementError::Ledger(e) => ledger_class(py, e),
        _ => StatementError::type_object(py),
    }
}

fn discount_class<'py>(py: Python<'py>, e: &CoreDiscountError) -> Bound<'py, PyType> {
    match e {
        CoreDiscountError::Allocation(e) => allocation_class(py, e),
        CoreDiscountError::Money(_) => MoneyError::type_object(py),
        _ => DiscountError::type_object(py),
    }
}

fn plan_class<'py>(py: Python<'py>, e: &CorePlanError) -> Bound<'py, PyType> {
    match e {
        CorePlanError::Money(_) => MoneyError::type_object(py),
        CorePlanError::Allocation(e) => allocation_class(py, e),
        CorePlanError::Calendar(_) => CalendarError::type_object(py),
        CorePlanError::Terms(e) => terms_class(py, e),
        CorePlanError::Document(e) => document_class(py, e),
        CorePlanError::Ledger(e) => ledger_class(py, e),
        _ => PlanError::type_object(py),
    }
}

fn interest_class<'py>(py: Python<'py>, e: &CoreInterestError) -> Bound<'py, PyType> {
    match e {
        CoreInterestError::Calendar(_) => CalendarError::type_object(py),
        CoreInterestError::Money(_) => MoneyError::type_object(py),
        CoreInterestError::Document(e) => document_class(py, e),
        CoreInterestError::Ledger(e) => ledger_class(py, e),
        _ => InterestError::type_object(py),
    }
}

fn fee_class<'py>(py: Python<'py>, e: &CoreFeeError) -> Bound<'py, PyType> {
    match e {
        CoreFeeError::Money(_) => MoneyError::type_object(py),
        CoreFeeError::Document(e) => document_class(py, e),
        CoreFeeError::Ledger(e) => ledger_class(py, e),
        CoreFeeError::Interest(e) => interest_class(py, e),
        _ => FeeError::type_object(py),
    }
}

/// An exception of `class` with `.kind` set.
fn raise(class: Bound<'_, PyType>, kind: &str, message: String) -> PyErr {
    let raised = class.call1((message,)).and_then(|value| {
        value.setattr("kind", kind)?;
        Ok(PyErr::from_value(value))
    });
    raised.unwrap_or_else(|e| e)
}

/// A dict (or JSON text) that is not the documented JSON shape of a ledger type: an
/// `ArCoreError` with kind `invalid_json`, the kind `Terms.from_json` reports. serde's
/// errors are not core errors, so no module subclass applies.
pub(crate) fn invalid_json(py: Python<'_>, message: String) -> PyErr {
    raise(ArCoreError::type_object(py), "invalid_json", message)
}

/// Maps any core error to its Python exception, with `.kind` set.
pub(crate) fn core_err(py: Python<'_>, error: impl Into<CoreError>) -> PyErr {
    let error = error.into();
    raise(class_of(py, &error), error.kind(), error.to_string())
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
