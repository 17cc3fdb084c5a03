//! Python binding of ar-core: `import ar_core`.
//!
//! This crate only converts types and maps errors (ADR "bindings only convert"): every rule
//! lives in the `ar-core` crate. Conversions:
//!
//! - money: `decimal.Decimal` or `int` in, `decimal.Decimal` out; a `float` (or `bool`) is a
//!   `TypeError`, because a float cannot hold an amount exactly;
//! - dates: `datetime.date` in and out; a `datetime.datetime` is a `TypeError` (the host picks
//!   the calendar date in its business time zone);
//! - terms: `Terms` objects, notation strings, or dicts of the documented JSON shape (decimals
//!   as `str` or `Decimal`, dates as ISO `str` or `date`);
//! - ledger: documents, events, the account and statements as dicts of the documented JSON
//!   shape, decimals as `Decimal` (or `int`, `str` on input) and dates as `date` (or ISO `str`
//!   on input); which JSON strings are decimals and dates is decided in `shape` alone;
//! - discounts, installment plans, interest and fees: the same dicts of the JSON shape in and
//!   out (exact fractions of interest as `fractions.Fraction`); account functions take an
//!   `Account`;
//! - errors: `ArCoreError(ValueError)` with the core's stable `.kind`, subclassed by the core
//!   module the error comes from.
//!
//! The Python package lives in `python/ar_core/`; this native module is `ar_core._ar_core`.

use pyo3::prelude::*;

mod calendar;
mod convert;
mod discounts;
mod errors;
mod fees;
mod installments;
mod interest;
mod ledger;
mod macros;
mod money;
mod shape;
mod terms;

/// The native module `ar_core._ar_core`; the package `ar_core` re-exports everything.
#[pymodule]
fn _ar_core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;

    m.add("ArCoreError", py.get_type::<errors::ArCoreError>())?;
    m.add("MoneyError", py.get_type::<errors::MoneyError>())?;
    m.add("AllocationError", py.get_type::<errors::AllocationError>())?;
    m.add("CalendarError", py.get_type::<errors::CalendarError>())?;
    m.add("TermsError", py.get_type::<errors::TermsError>())?;
    m.add("NotationError", py.get_type::<errors::NotationError>())?;
    m.add("FxError", py.get_type::<errors::FxError>())?;
    m.add("DocumentError", py.get_type::<errors::DocumentError>())?;
    m.add("LedgerError", py.get_type::<errors::LedgerError>())?;
    m.add("StatementError", py.get_type::<errors::StatementError>())?;
    m.add("DiscountError", py.get_type::<errors::DiscountError>())?;
    m.add("PlanError", py.get_type::<errors::PlanError>())?;
    m.add("InterestError", py.get_type::<errors::InterestError>())?;
    m.add("FeeError", py.get_type::<errors::FeeError>())?;

    m.add_class::<money::PyCurrencyInfo>()?;
    m.add_class::<money::PyPart>()?;
    m.add_function(wrap_pyfunction!(money::currency_info, m)?)?;
    m.add_function(wrap_pyfunction!(money::round_money, m)?)?;
    m.add_function(wrap_pyfunction!(money::split, m)?)?;

    m.add_class::<calendar::PyBusinessCalendar>()?;

    m.add_class::<terms::PyDateStep>()?;
    m.add_class::<terms::PyDiscountTier>()?;
    m.add_class::<terms::PyTermLine>()?;
    m.add_class::<terms::PyTerms>()?;
    m.add_class::<terms::PyDiscountOffer>()?;
    m.add_class::<terms::PyInstallment>()?;
    m.add_class::<terms::PySchedule>()?;
    m.add_function(wrap_pyfunction!(terms::parse_terms, m)?)?;
    m.add_function(wrap_pyfunction!(terms::print_terms, m)?)?;
    m.add_function(wrap_pyfunction!(terms::schedule, m)?)?;

    m.add_function(wrap_pyfunction!(ledger::issue_simple, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::issue_invoice, m)?)?;
    m.add_class::<ledger::PyAccount>()?;
    m.add_function(wrap_pyfunction!(ledger::statement, m)?)?;

    m.add_function(wrap_pyfunction!(discounts::early_payment_amounts, m)?)?;
    m.add_function(wrap_pyfunction!(discounts::earned_discount, m)?)?;
    m.add_function(wrap_pyfunction!(discounts::document_earned_discount, m)?)?;
    m.add_function(wrap_pyfunction!(discounts::best_offer, m)?)?;
    m.add_function(wrap_pyfunction!(discounts::pro_rata_discount, m)?)?;
    m.add_function(wrap_pyfunction!(discounts::available_discount, m)?)?;
    m.add_function(wrap_pyfunction!(discounts::annualized_cost, m)?)?;
    m.add_function(wrap_pyfunction!(discounts::dynamic_discount, m)?)?;

    m.add_function(wrap_pyfunction!(installments::installment_plan, m)?)?;
    m.add_function(wrap_pyfunction!(installments::amortized_plan, m)?)?;
    m.add_function(wrap_pyfunction!(installments::build_plan, m)?)?;
    m.add_function(wrap_pyfunction!(installments::validate_plan, m)?)?;
    m.add_function(wrap_pyfunction!(installments::plan_status, m)?)?;
    m.add_function(wrap_pyfunction!(installments::reschedule, m)?)?;

    m.add_function(wrap_pyfunction!(interest::day_count_days, m)?)?;
    m.add_function(wrap_pyfunction!(interest::year_fraction, m)?)?;
    m.add_function(wrap_pyfunction!(interest::accrue, m)?)?;
    m.add_function(wrap_pyfunction!(interest::rates_for, m)?)?;
    m.add_function(wrap_pyfunction!(interest::eu_late_payment_rates, m)?)?;
    m.add_function(wrap_pyfunction!(interest::uk_late_payment_rates, m)?)?;
    m.add_function(wrap_pyfunction!(interest::principal_changes, m)?)?;
    m.add_function(wrap_pyfunction!(interest::accrue_account, m)?)?;
    m.add_function(wrap_pyfunction!(interest::waive_unpaid_charges, m)?)?;

    m.add_function(wrap_pyfunction!(fees::assess_fees, m)?)?;
    m.add_function(wrap_pyfunction!(fees::validate_fee_policy, m)?)?;
    m.add_function(wrap_pyfunction!(fees::eu_late_payment_compensation, m)?)?;
    m.add_function(wrap_pyfunction!(fees::uk_late_payment_compensation, m)?)?;
    Ok(())
}
