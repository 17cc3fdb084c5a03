//! Documents, the customer account and statements: `issue_simple`, `issue_invoice`,
//! `Account`, `statement`.
//!
//! Inputs are dicts of the documented JSON shape and outputs are dicts of that shape with
//! decimals as `decimal.Decimal` and dates as `datetime.date` (see `shape`). The core types
//! cross through their serde impls, so fields added to them flow through unchanged.
//!
//! `Account` is the one mutable class of the binding. It is `frozen` (no pyo3 borrow flag,
//! so no "already borrowed" errors across threads) and holds the core account in a
//! `std::sync::Mutex`. The lock is only ever held around pure Rust work (the core call and
//! serializing its result to JSON text), never while touching Python objects, so a thread
//! that waits for it while holding the GIL cannot deadlock with the holder.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use ar_core::documents::{Document, InvoiceDraft, InvoiceTotals, SimpleDraft};
use ar_core::ledger::{Account, AccountConfig, Event};
use ar_core::statement::StatementOptions;
use ar_core::terms::ScheduleOptions;
use chrono::NaiveDate;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};
use rust_decimal::Decimal;

use crate::calendar::calendar_arg;
use crate::convert::{date_arg, iter_arg, opt_decimal_arg, str_arg, str_repr};
use crate::errors::CoreResultExt;
use crate::shape::{from_py, from_text, text_to_py, to_py, to_text};

/// The options of `terms::schedule` that belong to the host, as `schedule()` takes them.
fn schedule_options(
    calendar: Option<&Bound<'_, PyAny>>,
    cash_increment: Option<&Bound<'_, PyAny>>,
    allow_negative: bool,
) -> PyResult<ScheduleOptions> {
    Ok(ScheduleOptions {
        calendar: calendar_arg(calendar)?,
        cash_increment: opt_decimal_arg(cash_increment, "cash_increment")?,
        allow_negative,
    })
}

/// A list of event dicts, each `{"id", "date", "body"}`.
fn events_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Event>> {
    iter_arg(obj, "events")?
        .iter()
        .enumerate()
        .map(|(i, e)| from_py(e, "event", &format!("events[{i}]")))
        .collect()
}

/// `issue_simple(draft, *, calendar=None, cash_increment=None, allow_negative=False)`: a
/// credit note, debit note, fee or interest charge (or a one-amount invoice) from a
/// `SimpleDraft` dict; returns the `Document` dict to put in a `document_issued` event.
#[pyfunction]
#[pyo3(signature = (draft, *, calendar = None, cash_increment = None, allow_negative = false))]
pub(crate) fn issue_simple<'py>(
    py: Python<'py>,
    draft: &Bound<'py, PyAny>,
    calendar: Option<&Bound<'py, PyAny>>,
    cash_increment: Option<&Bound<'py, PyAny>>,
    allow_negative: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let draft: SimpleDraft = from_py(draft, "simple draft", "draft")?;
    let options = schedule_options(calendar, cash_increment, allow_negative)?;
    let document: Document = ar_core::documents::issue_simple(&draft, &options).py(py)?;
    to_py(py, &document)
}

/// `issue_invoice(draft, *, calendar=None, cash_increment=None, allow_negative=False)`: an
/// invoice from an `InvoiceDraft` dict; returns `(Document, InvoiceTotals)` dicts.
#[pyfunction]
#[pyo3(signature = (draft, *, calendar = None, cash_increment = None, allow_negative = false))]
pub(crate) fn issue_invoice<'py>(
    py: Python<'py>,
    draft: &Bound<'py, PyAny>,
    calendar: Option<&Bound<'py, PyAny>>,
    cash_increment: Option<&Bound<'py, PyAny>>,
    allow_negative: bool,
) -> PyResult<Bound<'py, PyTuple>> {
    let draft: InvoiceDraft = from_py(draft, "invoice draft", "draft")?;
    let options = schedule_options(calendar, cash_increment, allow_negative)?;
    let (document, totals): (Document, InvoiceTotals) =
        ar_core::documents::issue_invoice(&draft, &options).py(py)?;
    PyTuple::new(py, [to_py(py, &document)?, to_py(py, &totals)?])
}

/// `statement(config, events, from_, to, *, options=None)`: the statement of the account
/// built from `events` for `from_..=to`. The GIL is released while the core replays.
#[pyfunction]
#[pyo3(signature = (config, events, from_, to, *, options = None))]
pub(crate) fn statement<'py>(
    py: Python<'py>,
    config: &Bound<'py, PyAny>,
    events: &Bound<'py, PyAny>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let config: AccountConfig = from_py(config, "account config", "config")?;
    let events = events_arg(events)?;
    let from = date_arg(from_, "from_")?;
    let to = date_arg(to, "to")?;
    let options: StatementOptions = match options {
        Some(o) if !o.is_none() => from_py(o, "statement options", "options")?,
        _ => StatementOptions::default(),
    };
    let statement = py
        .detach(|| ar_core::statement::statement(&config, &events, from, to, &options))
        .py(py)?;
    to_py(py, &statement)
}

/// A customer account folded from an event history (the core's `ledger::Account`).
#[pyclass(frozen, module = "ar_core", name = "Account")]
pub struct PyAccount {
    account: Mutex<Account>,
}

impl PyAccount {
    fn wrap(account: Account) -> Self {
        PyAccount {
            account: Mutex::new(account),
        }
    }

    /// The account, locked. Callers must not touch Python objects while holding the guard.
    fn lock(&self) -> PyResult<MutexGuard<'_, Account>> {
        self.account.lock().map_err(|_| {
            PyRuntimeError::new_err(
                "the account is unusable: an earlier call panicked while changing it",
            )
        })
    }

    /// Runs a pure core function on the account (interest, fees, rescheduling) with the GIL
    /// released and the account locked for the call only; `f` must not touch Python objects.
    pub(crate) fn run<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&Account) -> R + Send,
    ) -> PyResult<R> {
        py.detach(|| self.lock().map(|account| f(&account)))
    }
}

#[pymethods]
impl PyAccount {
    /// `Account(config)`: an empty account; `config` is an `AccountConfig` dict
    /// (`{"customer": "ACME", "currency": "EUR"}`, strategy and short-payment policy optional).
    #[new]
    fn new(config: &Bound<'_, PyAny>) -> PyResult<Self> {
        let config: AccountConfig = from_py(config, "account config", "config")?;
        Ok(PyAccount::wrap(Account::new(config)))
    }

    /// `Account.replay(config, events, as_of)`: the account built from `events` in order,
    /// ignoring events dated after `as_of`. The GIL is released while the core replays.
    #[classmethod]
    fn replay(
        cls: &Bound<'_, PyType>,
        config: &Bound<'_, PyAny>,
        events: &Bound<'_, PyAny>,
        as_of: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let py = cls.py();
        let config: AccountConfig = from_py(config, "account config", "config")?;
        let events = events_arg(events)?;
        let as_of = date_arg(as_of, "as_of")?;
        let account = py
            .detach(|| Account::replay(config, &events, as_of))
            .py(py)?;
        Ok(PyAccount::wrap(account))
    }

    /// `apply(event)`: applies one event dict (`{"id", "date", "body"}`) and returns what it
    /// did (`Applied`). A rejected event raises and leaves the account unchanged.
    fn apply<'py>(&self, event: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = event.py();
        let event: Event = from_py(event, "event", "event")?;
        let text = {
            let mut account = self.lock()?;
            let applied = account.apply(&event).py(py)?;
            to_text(&applied)?
        };
        text_to_py(py, &text)
    }

    /// Every installment with a non-zero open amount, oldest due first.
    fn open_items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(&self.lock()?.open_items())?;
        text_to_py(py, &text)
    }

    /// The balance: open amounts (credit notes negative) minus unapplied cash.
    fn balance(&self, py: Python<'_>) -> PyResult<Decimal> {
        self.lock()?.balance().py(py)
    }

    /// Cash received and not applied to any document.
    fn unapplied_cash(&self) -> PyResult<Decimal> {
        Ok(self.lock()?.unapplied_cash())
    }

    /// The total under open disputes.
    fn disputed_total(&self, py: Python<'_>) -> PyResult<Decimal> {
        self.lock()?.disputed_total().py(py)
    }

    /// Open disputes as `(dispute_id, Dispute, amount covered now)` tuples.
    fn open_disputes<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyTuple>>> {
        let rows: Vec<(String, String, Decimal)> = {
            let account = self.lock()?;
            account
                .open_disputes()
                .into_iter()
                .map(|(id, dispute, amount)| Ok((id.to_string(), to_text(dispute)?, amount)))
                .collect::<PyResult<_>>()?
        };
        rows.into_iter()
            .map(|(id, dispute, amount)| {
                PyTuple::new(
                    py,
                    [
                        id.into_pyobject(py)?.into_any(),
                        text_to_py(py, &dispute)?,
                        amount.into_pyobject(py)?,
                    ],
                )
            })
            .collect()
    }

    /// A document's state (`DocumentState`), or `None` if never issued here.
    fn document<'py>(&self, py: Python<'py>, id: String) -> PyResult<Option<Bound<'py, PyAny>>> {
        let text = self.lock()?.document(&id).map(to_text).transpose()?;
        text.map(|t| text_to_py(py, &t)).transpose()
    }

    /// A document's history entries, or `None` if never issued here.
    fn history<'py>(&self, py: Python<'py>, id: String) -> PyResult<Option<Bound<'py, PyAny>>> {
        let text = self.lock()?.history(&id).map(to_text).transpose()?;
        text.map(|t| text_to_py(py, &t)).transpose()
    }

    /// A payment's state (`PaymentState`), or `None` if never received here.
    fn payment<'py>(&self, py: Python<'py>, id: String) -> PyResult<Option<Bound<'py, PyAny>>> {
        let text = self.lock()?.payment(&id).map(to_text).transpose()?;
        text.map(|t| text_to_py(py, &t)).transpose()
    }

    /// All payments, `{payment_id: PaymentState}` in id order.
    fn payments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(&self.lock()?.payments().collect::<BTreeMap<_, _>>())?;
        text_to_py(py, &text)
    }

    /// All documents, `{document_id: DocumentState}` in id order.
    fn documents<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(&self.lock()?.documents().collect::<BTreeMap<_, _>>())?;
        text_to_py(py, &text)
    }

    /// Write-offs made by `written_off` events.
    fn write_offs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(self.lock()?.write_offs())?;
        text_to_py(py, &text)
    }

    /// Promises to pay, `{promise_id: Promise}` in id order.
    fn promises<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(&self.lock()?.promises().collect::<BTreeMap<_, _>>())?;
        text_to_py(py, &text)
    }

    /// The balance in the reporting currency, revalued with the rate in force on `as_of`
    /// (`ReportingBalance`): booked at the documents' and payments' own rates, revalued,
    /// unrealized and realized FX. Without a reporting currency it is the account currency.
    fn reporting_balance<'py>(&self, as_of: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = as_of.py();
        let as_of = date_arg(as_of, "as_of")?;
        let text = {
            let account = self.lock()?;
            to_text(&account.reporting_balance(as_of).py(py)?)?
        };
        text_to_py(py, &text)
    }

    /// Realized exchange gains (positive) and losses in the reporting currency, over the
    /// allocations of payments not reversed and of credits.
    fn realized_fx(&self, py: Python<'_>) -> PyResult<Decimal> {
        self.lock()?.realized_fx().py(py)
    }

    /// The exchange rates published to the account (`rates_published` events), as
    /// `DatedRate` dicts in (date, from, to) order.
    fn rates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(self.lock()?.rates())?;
        text_to_py(py, &text)
    }

    /// The latest event date applied (`None` for an empty account).
    #[getter]
    fn as_of(&self) -> PyResult<Option<NaiveDate>> {
        Ok(self.lock()?.as_of())
    }

    /// The account's settings (`AccountConfig` dict, every field present).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text = to_text(self.lock()?.config())?;
        text_to_py(py, &text)
    }

    /// The account's full state as JSON text (the core's serde form); read it back with
    /// `Account.from_json`.
    fn to_json(&self) -> PyResult<String> {
        to_text(&*self.lock()?)
    }

    /// An account from the JSON text written by `to_json`.
    #[classmethod]
    fn from_json(cls: &Bound<'_, PyType>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = str_arg(text, "text")?;
        let account: Account = from_text(cls.py(), &text, "account")?;
        Ok(PyAccount::wrap(account))
    }

    /// Pickling (and `copy`) goes through `to_json` / `from_json`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (slf.get().to_json()?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let (customer, currency, as_of, documents, payments) = {
            let a = self.lock()?;
            (
                a.config().customer.clone(),
                a.config().currency.code(),
                a.as_of(),
                a.documents().count(),
                a.payments().count(),
            )
        };
        let as_of = as_of.map_or_else(|| "None".to_string(), |d| crate::convert::date_repr(&d));
        Ok(format!(
            "<Account customer={} currency='{currency}' as_of={as_of} documents={documents} \
             payments={payments}>",
            str_repr(py, &customer)
        ))
    }
}
