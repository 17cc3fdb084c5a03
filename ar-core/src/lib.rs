//! # ar-core
//!
//! An embeddable, exact accounts-receivable rules engine. The core is pure: no I/O, no clock,
//! no randomness, no global state. "Today" is always an argument, amounts are
//! [`rust_decimal::Decimal`] with a [`money::Currency`], dates are [`chrono::NaiveDate`], and
//! every split sums back exactly.
//!
//! ```
//! use ar_core::{notation, terms::{schedule, ScheduleOptions}, money::Currency};
//! use chrono::NaiveDate;
//!
//! let terms = notation::parse("2/10 Net 30")?;
//! let invoice_date = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
//! let usd = Currency::from_code("USD")?;
//! let s = schedule(&terms, invoice_date, "500.00".parse().unwrap(), usd, &ScheduleOptions::default())?;
//! assert_eq!(s.installments[0].due_date.to_string(), "2024-03-31");
//! assert_eq!(s.installments[0].discounts[0].amount_due.to_string(), "490.00");
//! assert_eq!(notation::print(&terms), "2/10 Net 30");
//! # Ok::<(), ar_core::Error>(())
//! ```
//!
//! ## Concepts
//! - [`money`]: currencies (ISO 4217 minor units), rounding modes, cash rounding.
//! - [`allocation`]: exact splits by percent, fraction, fixed amount and balance, with an
//!   explicit residual policy.
//! - [`calendar`]: host-supplied business-day calendars and roll conventions.
//! - [`terms`]: the due-date rule algebra, installment lines, discount tiers, [`terms::schedule`].
//! - [`notation`]: the compact text notation ("2/10 Net 30", "10th Prox", "30/60/90").
//! - [`discounts`]: early-payment discounts: tax-base modes (gross, net, mixed), the discount a
//!   payment date earns, pro-rata discounts for partial payments, the annualized cost of a
//!   discount, dynamic APR-based offers.
//! - [`documents`]: invoices with exact line and tax totals, credit and debit notes, charges.
//! - [`ledger`]: the customer account folded from an event history, as of any date.
//! - [`application`]: payment application strategies, discounts taken, short payments.
//! - [`statement`]: period statements with running balance, aging and items due soon.
//! - [`installments`]: installment plans (split or amortized), plan status as of a date,
//!   rescheduling overdue items into a plan.
//! - [`interest`]: day counts, simple and compound late-payment interest by period, host rate
//!   tables, EU and UK statutory presets, interest charges on an account.
//! - [`fees`]: late fees (fixed, percent, tiered, capped, with grace), charged once per key.
//!
//! ## Errors
//! Each module has its own `#[non_exhaustive]` error enum with a stable `kind()` code;
//! [`Error`] gathers them for callers that do not care which module failed.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod allocation;
pub mod application;
pub mod calendar;
pub mod discounts;
pub mod documents;
pub mod fees;
pub mod fx;
pub mod installments;
pub mod interest;
pub mod ledger;
pub mod money;
pub mod notation;
pub mod statement;
pub mod terms;

pub use rust_decimal::Decimal;

/// Any error of ar-core, with a stable [`Error::kind`] code for bindings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// See [`money::MoneyError`].
    #[error(transparent)]
    Money(#[from] money::MoneyError),
    /// See [`allocation::AllocationError`].
    #[error(transparent)]
    Allocation(#[from] allocation::AllocationError),
    /// See [`calendar::CalendarError`].
    #[error(transparent)]
    Calendar(#[from] calendar::CalendarError),
    /// See [`terms::TermsError`].
    #[error(transparent)]
    Terms(#[from] terms::TermsError),
    /// See [`notation::NotationError`].
    #[error(transparent)]
    Notation(#[from] notation::NotationError),
    /// See [`fx::FxError`].
    #[error(transparent)]
    Fx(#[from] fx::FxError),
    /// See [`discounts::DiscountError`].
    #[error(transparent)]
    Discount(#[from] discounts::DiscountError),
    /// See [`installments::PlanError`].
    #[error(transparent)]
    Plan(#[from] installments::PlanError),
    /// See [`interest::InterestError`].
    #[error(transparent)]
    Interest(#[from] interest::InterestError),
    /// See [`fees::FeeError`].
    #[error(transparent)]
    Fee(#[from] fees::FeeError),
    /// See [`documents::DocumentError`].
    #[error(transparent)]
    Document(#[from] documents::DocumentError),
    /// See [`ledger::LedgerError`].
    #[error(transparent)]
    Ledger(#[from] ledger::LedgerError),
    /// See [`statement::StatementError`].
    #[error(transparent)]
    Statement(#[from] statement::StatementError),
}

impl Error {
    /// The stable machine-readable code (`"unknown_currency"`, `"parse_error"`, ...).
    ///
    /// # Example
    /// ```
    /// let err = ar_core::money::Currency::from_code("XYZ").map_err(ar_core::Error::from).unwrap_err();
    /// assert_eq!(err.kind(), "unknown_currency");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Money(e) => e.kind(),
            Error::Allocation(e) => e.kind(),
            Error::Calendar(e) => e.kind(),
            Error::Terms(e) => e.kind(),
            Error::Notation(e) => e.kind(),
            Error::Fx(e) => e.kind(),
            Error::Discount(e) => e.kind(),
            Error::Plan(e) => e.kind(),
            Error::Interest(e) => e.kind(),
            Error::Fee(e) => e.kind(),
            Error::Document(e) => e.kind(),
            Error::Ledger(e) => e.kind(),
            Error::Statement(e) => e.kind(),
        }
    }
}

/// The README's Rust quick start, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
