//! The exported functions (`docs/bindings.md`): each converts its arguments, calls the core
//! and maps the error. Every one returns `Result`, so a value that does not convert is a
//! typed `ArCoreError` rather than a crash (see [`crate::custom`]). The ledger's account is an
//! object, [`crate::Account`].

use ar_core::allocation::{self, Part, SplitOptions};
use ar_core::calendar::Roll;
use ar_core::documents::{self, Document, InvoiceDraft, SimpleDraft};
use ar_core::ledger::{AccountConfig, Event};
use ar_core::money::{Currency, Rounding};
use ar_core::notation;
use ar_core::statement::{self, Statement, StatementOptions};
use ar_core::terms::{self, Schedule, Terms};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::ArCoreError;
use crate::types::{BusinessCalendar, CurrencyInfo, IssuedInvoice, ScheduleOptions};

type Result<T> = std::result::Result<T, ArCoreError>;

/// Looks up an ISO 4217 currency (case-insensitive): its code, name and minor units.
///
/// Throws `Money` `unknown_currency` for a code that is not in ISO 4217.
#[uniffi::export]
pub fn currency_info(code: String) -> Result<CurrencyInfo> {
    Ok(Currency::from_code(&code)?.into())
}

/// Rounds `amount` to the minor unit of `currency` (or to `rounding.increment`) with
/// `rounding.mode`. The result carries the currency's decimal places (`7` EUR -> `7.00`).
///
/// Throws `Money` errors: `unknown_currency`, `invalid_increment`, `no_minor_unit`, `overflow`.
#[uniffi::export]
pub fn round_money(amount: Decimal, currency: String, rounding: Rounding) -> Result<Decimal> {
    let currency = Currency::from_code(&currency)?;
    Ok(rounding.round(amount, currency)?)
}

/// Splits `total` into `parts` that sum back to it exactly; the rounding residual goes
/// where `options.residual` says (a balance part always takes it).
///
/// Throws `Allocation` errors (`parts_do_not_cover`, `negative_part`, `amount_not_rounded`,
/// `balance_not_last`, ...) and `Money` errors.
#[uniffi::export]
pub fn split(
    total: Decimal,
    currency: String,
    parts: Vec<Part>,
    options: SplitOptions,
) -> Result<Vec<Decimal>> {
    let currency = Currency::from_code(&currency)?;
    Ok(allocation::split(total, currency, &parts, &options)?)
}

/// Whether `date` is a business day of `calendar` (not a weekend day, not a holiday).
#[uniffi::export]
pub fn is_business_day(calendar: BusinessCalendar, date: NaiveDate) -> Result<bool> {
    Ok(ar_core::calendar::BusinessCalendar::from(calendar).is_business_day(date))
}

/// Moves `date` to a business day of `calendar` by `roll`; business days stay.
///
/// Throws `Calendar` errors: `no_business_days`, `date_out_of_range`.
#[uniffi::export]
pub fn roll_date(calendar: BusinessCalendar, date: NaiveDate, roll: Roll) -> Result<NaiveDate> {
    Ok(ar_core::calendar::BusinessCalendar::from(calendar).roll(date, roll)?)
}

/// Parses the text notation of terms (`"2/10 Net 30"`, `"10th Prox"`, `"30/60/90"`).
///
/// Throws `Notation` `parse_error`, whose detail says where and what was expected.
#[uniffi::export]
pub fn parse_terms(notation: String) -> Result<Terms> {
    Ok(notation::parse(&notation)?)
}

/// Prints terms in the canonical text notation; `parseTerms(printTerms(t)) == t`.
#[uniffi::export]
pub fn print_terms(terms: Terms) -> Result<String> {
    Ok(notation::print(&terms))
}

/// Reads terms from their stored JSON shape (`docs/json.md`; decimals as strings).
///
/// Throws `Terms` `invalid_json` when the text is not that shape, or the errors of
/// validating the terms (`no_lines`, `invalid_day`, ...).
#[uniffi::export]
pub fn terms_from_json(json: String) -> Result<Terms> {
    Ok(Terms::from_json(&json)?)
}

/// Writes terms in their stored JSON shape (compact; decimals as strings).
#[uniffi::export]
pub fn terms_to_json(terms: Terms) -> Result<String> {
    Ok(terms.to_json())
}

/// Computes the schedule of `terms` for `amount` in `currency` from `base_date`: every
/// installment's due date (rolled per the terms), amount (summing to `amount` exactly) and
/// discount offers.
///
/// Throws `Terms` errors (`discount_after_due_date`, `invalid_discount`, `no_lines`, ...),
/// and the `Allocation`, `Calendar` and `Money` errors of the computation.
#[uniffi::export]
pub fn schedule(
    terms: Terms,
    base_date: NaiveDate,
    amount: Decimal,
    currency: String,
    options: ScheduleOptions,
) -> Result<Schedule> {
    let currency = Currency::from_code(&currency)?;
    let options = terms::ScheduleOptions::from(options);
    Ok(terms::schedule(
        &terms, base_date, amount, currency, &options,
    )?)
}

/// Issues a credit note, debit note, fee or interest charge (or a one-amount invoice) from
/// a positive amount: the total is `-amount` for credit notes and `amount` otherwise; without
/// terms, one installment due on the document date. `options` carries the calendar for the
/// terms' roll (default: Saturday and Sunday off).
///
/// Throws `Document` errors (`empty_id`, `invalid_total`, `invalid_installment`), the
/// schedule's `Terms`, `Allocation` and `Calendar` errors, and `Money` errors.
#[uniffi::export(default(options))]
pub fn issue_simple(draft: SimpleDraft, options: ScheduleOptions) -> Result<Document> {
    let options = terms::ScheduleOptions::from(options);
    Ok(documents::issue_simple(&draft, &options)?)
}

/// Issues an invoice: exact line, tax, net and gross totals (each line rounded once, each
/// tax code rounded once, `net + tax = gross`), and the schedule snapshot of the gross total
/// from `draft.baseDate` (default the invoice date).
///
/// Throws `Document` errors (`empty_id`, `no_invoice_lines`, `invalid_line_discount`,
/// `invalid_tax_rate`, `conflicting_tax_rate`, `invalid_total`), the schedule's `Terms`,
/// `Allocation` and `Calendar` errors, and `Money` errors.
#[uniffi::export(default(options))]
pub fn issue_invoice(draft: InvoiceDraft, options: ScheduleOptions) -> Result<IssuedInvoice> {
    let options = terms::ScheduleOptions::from(options);
    Ok(documents::issue_invoice(&draft, &options)?.into())
}

/// The statement of the account built from `events` for the period `from..=to`: opening
/// balance (events before `from`), one line per event in the period that changed the
/// balance, closing balance, aging as of `to` (days past due = `to - dueDate`; bucket bounds
/// inclusive), credits, disputed amount and items due soon. Events after `to` are ignored.
/// `options` absent: the core's defaults (due soon within 14 days; buckets 30/60/90/120).
///
/// Throws `Statement` errors (`invalid_period`, `invalid_buckets`) and the error of the first
/// event the account rejects (`Ledger`, `Document`, `Fx`, `Money`, `Allocation`).
#[uniffi::export(default(options = None))]
pub fn statement(
    config: AccountConfig,
    events: Vec<Event>,
    from: NaiveDate,
    to: NaiveDate,
    options: Option<StatementOptions>,
) -> Result<Statement> {
    let options = options.unwrap_or_default();
    Ok(statement::statement(&config, &events, from, to, &options)?)
}
