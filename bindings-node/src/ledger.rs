//! The ledger surface: issuing documents, the `Account` class and statements.
//!
//! Every object crosses in the stored JSON shape of docs/json.md (snake_case keys, decimals
//! and dates as strings, enums tagged by `type`), read and written by the core's serde:
//! arguments through [`JsonArg`] (an object, or its JSON text), results through
//! [`JsonValue`] (the core's JSON parsed by JS's `JSON.parse`). So a stored history is passed
//! as it is, and every field the core adds flows through with no change here. Options of a
//! call (`ScheduleOptions`, `StatementOptions`) are camelCase option objects, as everywhere
//! else in the Node API.
//!
//! Every export catches a panic of the core (`catch_unwind`) and throws it as an `Error`, so
//! a bug, or a hand-edited account state the core never made, cannot abort the process.

use ar_core::{documents, ledger, statement};
use napi_derive::napi;
use serde::Serialize;

use crate::convert::{self, date, date_string, from_json, or_default, to_js};
use crate::convert::{JsonArg, JsonValue, OrThrow, Result};
use crate::types::{Account, ScheduleOptions, StatementOptions};

/// Issues a credit note, debit note, fee or interest charge (or a simple invoice) from a
/// positive amount: the document the ledger stores (`document_issued`), with its schedule
/// (one installment due on the document date without terms). Credit notes are stored with a
/// negative total.
///
/// @example
/// issueSimple({ kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-01',
///   currency: 'EUR', amount: '400.00', terms: new Terms('Net 30') }).installments
/// // [{ due_date: '2024-01-31', amount: '400.00' }]
///
/// @throws {Error} code `'invalid_json'` (not a `SimpleDraft`: unknown field, a number for a
/// decimal, ...), `'empty_id'`, `'invalid_total'`, `'invalid_installment'`, the schedule's
/// kinds (`'discount_after_due_date'`, ...).
#[napi(catch_unwind, ts_return_type = "Document")]
pub fn issue_simple(
    #[napi(ts_arg_type = "SimpleDraft | string")] draft: JsonArg,
    options: Option<ScheduleOptions>,
) -> Result<JsonValue> {
    let draft: documents::SimpleDraft = draft.read("draft")?;
    let options = or_default(options)?;
    to_js(&documents::issue_simple(&draft, &options).or_throw()?)
}

/// Issues an invoice: exact line and tax totals (`net + tax = gross`) and the document the
/// ledger stores, scheduled on the gross total from `base_date` (default the invoice date).
///
/// @example
/// issueInvoice({ id: 'INV-2', customer: 'ACME', date: '2024-01-10', currency: 'EUR',
///   tax_mode: 'inclusive',
///   lines: [{ description: 'box', quantity: '1', unit_price: '119.00', tax_rates: [{ code: 'VAT19', percent: '19' }] }] }).totals
/// // { lines: ['119.00'], taxes: [{ code: 'VAT19', percent: '19', base: '119.00', amount: '19.00' }],
/// //   net: '100.00', tax: '19.00', gross: '119.00' }
///
/// @throws {Error} code `'invalid_json'`, `'empty_id'`, `'no_invoice_lines'`,
/// `'invalid_line_discount'`, `'invalid_tax_rate'`, `'conflicting_tax_rate'`,
/// `'invalid_total'`, the schedule's kinds.
#[napi(catch_unwind, ts_return_type = "IssuedInvoice")]
pub fn issue_invoice(
    #[napi(ts_arg_type = "InvoiceDraft | string")] draft: JsonArg,
    options: Option<ScheduleOptions>,
) -> Result<JsonValue> {
    let draft: documents::InvoiceDraft = draft.read("draft")?;
    let options = or_default(options)?;
    let (document, totals) = documents::issue_invoice(&draft, &options).or_throw()?;
    to_js(&IssuedInvoice {
        document: &document,
        totals: &totals,
    })
}

/// `issueInvoice`'s result: the core returns a pair.
#[derive(Serialize)]
struct IssuedInvoice<'a> {
    document: &'a documents::Document,
    totals: &'a documents::InvoiceTotals,
}

/// One entry of `Account::open_disputes` (a tuple in the core).
#[derive(Serialize)]
struct OpenDispute<'a> {
    dispute_id: &'a str,
    dispute: &'a ledger::Dispute,
    amount: rust_decimal::Decimal,
}

/// The statement of the account built from `events`, for the period `from..=to`: opening
/// balance (events before `from`), one line per event in the period that changed the
/// balance, closing balance, aging as of `to` (days past due = `to - due_date`, bucket bounds
/// inclusive) and items due within `options.dueSoonDays` after `to`. Events after `to` are
/// ignored.
///
/// @example
/// statement({ customer: 'ACME', currency: 'EUR' }, events, '2024-02-01', '2024-02-29').closing_balance
///
/// @throws {Error} code `'invalid_period'` (`to` before `from`), `'invalid_buckets'`, the
/// ledger kind of the first event the account rejects, `'invalid_json'`, `'invalid_date'`;
/// `'InvalidArg'` for an option that is not a whole number.
#[napi(catch_unwind, ts_return_type = "Statement")]
pub fn statement(
    #[napi(ts_arg_type = "AccountConfig | string")] config: JsonArg,
    #[napi(ts_arg_type = "Event[] | string")] events: JsonArg,
    from: String,
    to: String,
    options: Option<StatementOptions>,
) -> Result<JsonValue> {
    let config: ledger::AccountConfig = config.read("config")?;
    let events: Vec<ledger::Event> = events.read("events")?;
    let (from, to) = (date(&from)?, date(&to)?);
    let options = or_default(options)?;
    to_js(&statement::statement(&config, &events, from, to, &options).or_throw()?)
}

#[napi]
impl Account {
    /// An empty account for one customer in one currency.
    ///
    /// @example
    /// new Account({ customer: 'ACME', currency: 'EUR', strategy: 'oldest_due_first',
    ///   short_payment: { type: 'write_off', tolerance: '1.00', reason_code: 'small_balance' } })
    ///
    /// @throws {Error} code `'invalid_json'` when `config` is not an `AccountConfig`.
    #[napi(constructor, catch_unwind)]
    pub fn new(#[napi(ts_arg_type = "AccountConfig | string")] config: JsonArg) -> Result<Self> {
        Ok(Account {
            inner: ledger::Account::new(config.read("config")?),
        })
    }

    /// The account built from `events` in their order, ignoring events dated after `asOf`
    /// (`'YYYY-MM-DD'`): the state at the end of that day.
    ///
    /// @example
    /// const history = JSON.parse(stored) // a list of {id, date, body}
    /// Account.replay({ customer: 'ACME', currency: 'EUR' }, history, '2024-03-31').balance()
    ///
    /// @throws {Error} the ledger kind of the first event the account rejects
    /// (`'duplicate_event'`, `'unknown_payment'`, ...), `'invalid_json'`, `'invalid_date'`.
    #[napi(factory, catch_unwind)]
    pub fn replay(
        #[napi(ts_arg_type = "AccountConfig | string")] config: JsonArg,
        #[napi(ts_arg_type = "Event[] | string")] events: JsonArg,
        as_of: String,
    ) -> Result<Self> {
        let config: ledger::AccountConfig = config.read("config")?;
        let events: Vec<ledger::Event> = events.read("events")?;
        let as_of = date(&as_of)?;
        Ok(Account {
            inner: ledger::Account::replay(config, &events, as_of).or_throw()?,
        })
    }

    /// Applies one event and returns what it did. The core checks and plans the event first:
    /// a rejected event throws and leaves the account exactly as it was.
    ///
    /// @example
    /// account.apply({ id: 'e4', date: '2024-01-20',
    ///   body: { type: 'payment_received', payment_id: 'P-1', amount: '1000.00', currency: 'EUR' } })
    /// // { event: 'e4', allocations: [{ document: 'INV-2', amount: '400.00', ... }, ...], unapplied_change: '0.00' }
    ///
    /// @throws {Error} code = the core's kind (`'duplicate_event'`, `'unknown_document'`,
    /// `'over_allocation'`, `'currency_mismatch'`, ...), `'invalid_json'` when `event` is not
    /// an `Event`.
    #[napi(catch_unwind, ts_return_type = "Applied")]
    pub fn apply(
        &mut self,
        #[napi(ts_arg_type = "Event | string")] event: JsonArg,
    ) -> Result<JsonValue> {
        let event: ledger::Event = event.read("event")?;
        to_js(&self.inner.apply(&event).or_throw()?)
    }

    /// Every installment with a non-zero open amount (receivables positive, credit notes
    /// negative), by due date, document date, document id and installment.
    #[napi(catch_unwind, ts_return_type = "OpenItem[]")]
    pub fn open_items(&self) -> Result<JsonValue> {
        to_js(&self.inner.open_items())
    }

    /// The balance: open amounts (credit notes negative) minus unapplied cash, with the
    /// currency's decimal places (`'200.00'`).
    ///
    /// @throws {Error} code `'overflow'` when the sum does not fit a decimal.
    #[napi(catch_unwind)]
    pub fn balance(&self) -> Result<String> {
        Ok(self.inner.balance().or_throw()?.to_string())
    }

    /// Cash received and not applied to any document (a credit on account).
    #[napi(catch_unwind)]
    pub fn unapplied_cash(&self) -> String {
        self.inner.unapplied_cash().to_string()
    }

    /// The balance stated in the reporting currency on `date` (`'YYYY-MM-DD'`): at the rates
    /// each open item and each payment's unapplied cash were booked at, revalued at the rate
    /// in force on `date`, the unrealized difference, and the FX realized so far. Without a
    /// reporting currency every rate is 1.
    ///
    /// @throws {Error} code `'missing_rate'` when no rate is in force on `date`,
    /// `'invalid_date'`, `'overflow'`.
    #[napi(catch_unwind, ts_return_type = "ReportingBalance")]
    pub fn reporting_balance(&self, date: String) -> Result<JsonValue> {
        to_js(
            &self
                .inner
                .reporting_balance(convert::date(&date)?)
                .or_throw()?,
        )
    }

    /// The FX differences realized so far by allocations, in the reporting currency (zero
    /// without one; reversed payments excluded).
    ///
    /// @throws {Error} code `'overflow'`.
    #[napi(catch_unwind)]
    pub fn realized_fx(&self) -> Result<String> {
        Ok(self.inner.realized_fx().or_throw()?.to_string())
    }

    /// The exchange-rate quotes received through `rates_published` events, each with the
    /// day it took effect, sorted.
    #[napi(catch_unwind, ts_return_type = "DatedRate[]")]
    pub fn rates(&self) -> Result<JsonValue> {
        to_js(self.inner.rates())
    }

    /// The total under open disputes (per installment, never more than what is open).
    ///
    /// @throws {Error} code `'overflow'` when the sum does not fit a decimal.
    #[napi(catch_unwind)]
    pub fn disputed_total(&self) -> Result<String> {
        Ok(self.inner.disputed_total().or_throw()?.to_string())
    }

    /// Open disputes in id order, each with the amount it covers now (capped at what is open).
    #[napi(catch_unwind, ts_return_type = "OpenDispute[]")]
    pub fn open_disputes(&self) -> Result<JsonValue> {
        let disputes: Vec<OpenDispute> = self
            .inner
            .open_disputes()
            .into_iter()
            .map(|(dispute_id, dispute, amount)| OpenDispute {
                dispute_id,
                dispute,
                amount,
            })
            .collect();
        to_js(&disputes)
    }

    /// A document's state (the document as issued, each installment's open amount, its
    /// history), or `null` when no document of that id was issued in the account.
    #[napi(catch_unwind, ts_return_type = "DocumentState | null")]
    pub fn document(&self, id: String) -> Result<Option<JsonValue>> {
        self.inner.document(&id).map(to_js).transpose()
    }

    /// A document's history (issued, payments, credits, discounts, write-offs, reversals,
    /// disputes, ...), or `null` for an unknown document.
    #[napi(catch_unwind, ts_return_type = "HistoryEntry[] | null")]
    pub fn history(&self, id: String) -> Result<Option<JsonValue>> {
        self.inner.history(&id).map(to_js).transpose()
    }

    /// A payment's state (allocations, deductions, unapplied cash, reversal), or `null`.
    #[napi(catch_unwind, ts_return_type = "PaymentState | null")]
    pub fn payment(&self, id: String) -> Result<Option<JsonValue>> {
        self.inner.payment(&id).map(to_js).transpose()
    }

    /// All payments, keyed by payment id.
    #[napi(catch_unwind, ts_return_type = "Record<string, PaymentState>")]
    pub fn payments(&self) -> Result<JsonValue> {
        to_js(&self.inner.payments().collect::<Map<_>>())
    }

    /// All documents, keyed by document id.
    #[napi(catch_unwind, ts_return_type = "Record<string, DocumentState>")]
    pub fn documents(&self) -> Result<JsonValue> {
        to_js(&self.inner.documents().collect::<Map<_>>())
    }

    /// Write-offs made by `written_off` events (short-payment write-offs are in the payments'
    /// allocations).
    #[napi(catch_unwind, ts_return_type = "WriteOff[]")]
    pub fn write_offs(&self) -> Result<JsonValue> {
        to_js(self.inner.write_offs())
    }

    /// Promises to pay, keyed by promise id.
    #[napi(catch_unwind, ts_return_type = "Record<string, PromiseToPay>")]
    pub fn promises(&self) -> Result<JsonValue> {
        to_js(&self.inner.promises().collect::<Map<_>>())
    }

    /// The latest event date applied (`'YYYY-MM-DD'`), `null` for an empty account.
    #[napi(getter, catch_unwind)]
    pub fn as_of(&self) -> Option<String> {
        self.inner.as_of().map(date_string)
    }

    /// The account's settings, every field written out.
    #[napi(getter, catch_unwind, ts_return_type = "AccountConfig")]
    pub fn config(&self) -> Result<JsonValue> {
        to_js(self.inner.config())
    }

    /// The account's full state as JSON text, for the host to store;
    /// `Account.fromJSON(text)` gives the same account back. (So `JSON.stringify(account)`
    /// writes that text as a JSON string.)
    #[napi(js_name = "toJSON", catch_unwind)]
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(&self.inner).map_err(convert::internal)
    }

    /// The account from the text of `toJSON()`.
    ///
    /// @throws {Error} code `'invalid_json'` when the text is not an account's state.
    #[napi(factory, js_name = "fromJSON", catch_unwind)]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Account {
            inner: from_json(&json, "state", false)?,
        })
    }
}

/// A JSON object keyed by id, in id order (the core's maps are ordered by id).
type Map<'a, V> = std::collections::BTreeMap<&'a str, V>;
