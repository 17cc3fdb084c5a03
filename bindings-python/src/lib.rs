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
//! - errors: `ArCoreError(ValueError)` with the core's stable `.kind`, subclassed by the core
//!   module the error comes from.
//!
//! The Python package lives in `python/ar_core/`; this native module is `ar_core._ar_core`.

use pyo3::prelude::*;

mod calendar;
mod convert;
mod errors;
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
    Ok(())
}
