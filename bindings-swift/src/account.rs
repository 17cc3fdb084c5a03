//! The customer account ([`ar_core::ledger::Account`]) as a uniffi object.
//!
//! The core account is a value that `apply` changes in place; here it sits behind a
//! [`Mutex`], so the object is `Send + Sync` and one account can be shared between threads
//! (calls on it are serialized). Every method converts and delegates: the core validates and
//! plans an event before it commits it, so a rejected event leaves the account unchanged.
//!
//! Constructors and `apply` throw (their arguments may fail to convert, and the core may
//! reject them), as do `balance`, `disputedTotal`, `realizedFx` (overflow),
//! `reportingBalance` (`missing_rate`) and `toJson`; the other queries take nothing that can
//! fail to convert and cannot fail in the core, so they do not throw.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ar_core::fx::DatedRate;
use ar_core::ledger::{
    self, AccountConfig, Applied, DocumentState, Event, HistoryEntry, OpenItem, PaymentState,
    Promise, ReportingBalance, WriteOff,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::ArCoreError;

type Result<T> = std::result::Result<T, ArCoreError>;

/// A customer account: documents, payments and everything that happened to them, folded
/// from events.
///
/// Build one empty (`Account(config)`), from a stored history as of a date
/// (`Account.replay`), or from its stored JSON (`Account.fromJson`); feed it events with
/// `apply`. Safe to share between threads.
#[derive(Debug, uniffi::Object)]
pub struct Account {
    inner: Mutex<ledger::Account>,
}

impl Account {
    fn wrap(account: ledger::Account) -> Arc<Self> {
        Arc::new(Account {
            inner: Mutex::new(account),
        })
    }

    /// The core account. A panic while the lock was held (none is known: the core's apply is
    /// fuzzed for atomicity) would poison it; the account is still the last committed state
    /// or one the core was committing, and is used as it is.
    pub(crate) fn lock(&self) -> MutexGuard<'_, ledger::Account> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Account {
    /// An empty account.
    #[uniffi::constructor]
    pub fn new(config: AccountConfig) -> Result<Arc<Self>> {
        Ok(Account::wrap(ledger::Account::new(config)))
    }

    /// Builds an account from `events` in the order given, ignoring events dated after
    /// `asOf`; a history kept in date order gives, for every `asOf`, exactly the state the
    /// account had at the end of that day.
    ///
    /// Throws the error of the first event the account rejects (`Ledger`, `Document`, `Fx`,
    /// `Money`, `Allocation`).
    #[uniffi::constructor]
    pub fn replay(
        config: AccountConfig,
        events: Vec<Event>,
        as_of: NaiveDate,
    ) -> Result<Arc<Self>> {
        Ok(Account::wrap(ledger::Account::replay(
            config, &events, as_of,
        )?))
    }

    /// Reads an account from the JSON that `toJson` wrote (its full state; the open-item
    /// index is rebuilt).
    ///
    /// Throws `Ledger` `invalid_json` when the text is not that JSON.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Self>> {
        let account: ledger::Account =
            serde_json::from_str(&json).map_err(|e| ArCoreError::invalid_account_json(&e))?;
        Ok(Account::wrap(account))
    }

    /// The account's full state as compact JSON (decimals as strings), for the host to
    /// store; `Account.fromJson` reads it back.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(&*self.lock()).map_err(|e| ArCoreError::invalid_account_json(&e))
    }

    /// Applies one event and says what it did (allocations, deductions, amounts reopened,
    /// the change in unapplied cash). The event is checked and planned first; a rejected
    /// event throws and leaves the account unchanged.
    ///
    /// Throws `Ledger` errors (`duplicate_event`, `unknown_document`, `over_allocation`,
    /// `same_sign`, ...), `Document` errors of an issued document, `Fx` (`missing_rate`,
    /// `invalid_rate`), `Money` (`currency_mismatch`) and `Allocation` (`amount_not_rounded`).
    pub fn apply(&self, event: Event) -> Result<Applied> {
        Ok(self.lock().apply(&event)?)
    }

    /// The latest event date applied (absent for an empty account).
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.lock().as_of()
    }

    /// Every installment with a non-zero open amount (receivables positive, credit notes
    /// negative), ordered by due date, document date, document id and installment.
    pub fn open_items(&self) -> Vec<OpenItem> {
        self.lock().open_items()
    }

    /// The balance: the sum of open amounts (credit notes negative) minus unapplied cash.
    ///
    /// Throws `Money` `overflow` when the sum does not fit a decimal.
    pub fn balance(&self) -> Result<Decimal> {
        Ok(self.lock().balance()?)
    }

    /// Cash received and not applied to any document (a credit on account).
    pub fn unapplied_cash(&self) -> Decimal {
        self.lock().unapplied_cash()
    }

    /// The total under open disputes (per item, never more than what is open).
    ///
    /// Throws `Money` `overflow` when the sum does not fit a decimal.
    pub fn disputed_total(&self) -> Result<Decimal> {
        Ok(self.lock().disputed_total()?)
    }

    /// A document's state and history, if issued in this account.
    pub fn document(&self, id: String) -> Option<DocumentState> {
        self.lock().document(&id).cloned()
    }

    /// A document's history (issued, allocations, discounts, write-offs, reversals, ...), if
    /// issued in this account.
    pub fn history(&self, id: String) -> Option<Vec<HistoryEntry>> {
        self.lock().history(&id).map(<[HistoryEntry]>::to_vec)
    }

    /// A payment's state, if received in this account.
    pub fn payment(&self, id: String) -> Option<PaymentState> {
        self.lock().payment(&id).cloned()
    }

    /// All payments, by payment id.
    pub fn payments(&self) -> HashMap<String, PaymentState> {
        self.lock()
            .payments()
            .map(|(id, p)| (id.to_string(), p.clone()))
            .collect()
    }

    /// Write-offs made by `WrittenOff` events (short-payment write-offs are in the payments'
    /// allocations).
    pub fn write_offs(&self) -> Vec<WriteOff> {
        self.lock().write_offs().to_vec()
    }

    /// The balance stated in the reporting currency on `date`: at the rates each open item
    /// and each payment's unapplied cash were booked at, revalued at the rate in force on
    /// `date`, the unrealized difference between the two, and the FX realized so far.
    /// Without a reporting currency (or with the account's own) every rate is 1.
    ///
    /// Throws `Fx` `missing_rate` when no rate is in force on `date`; `Money` `overflow`.
    pub fn reporting_balance(&self, date: NaiveDate) -> Result<ReportingBalance> {
        Ok(self.lock().reporting_balance(date)?)
    }

    /// The FX differences realized so far, in the reporting currency (zero without one): every
    /// allocation of a payment that was not reversed, and of every credit note.
    ///
    /// Throws `Money` `overflow` when the sum does not fit a decimal.
    pub fn realized_fx(&self) -> Result<Decimal> {
        Ok(self.lock().realized_fx()?)
    }

    /// The exchange-rate quotes the account received through `RatesPublished` events, sorted
    /// by pair, then date.
    pub fn rates(&self) -> Vec<DatedRate> {
        self.lock().rates().quotes().collect()
    }

    /// Promises to pay, by promise id.
    pub fn promises(&self) -> HashMap<String, Promise> {
        self.lock()
            .promises()
            .map(|(id, p)| (id.to_string(), p.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
    use ar_core::ledger::EventBody;
    use ar_core::money::Currency;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    fn invoice(id: &str, date: NaiveDate, amount: &str) -> Event {
        let eur = Currency::from_code("EUR").unwrap();
        let draft = SimpleDraft::new(
            DocumentKind::Invoice,
            id,
            "ACME",
            date,
            eur,
            amount.parse().unwrap(),
        );
        let document = issue_simple(&draft, &Default::default()).unwrap();
        Event::new(
            &format!("issue {id}"),
            date,
            EventBody::DocumentIssued { document },
        )
    }

    fn config() -> AccountConfig {
        AccountConfig::new("ACME", Currency::from_code("EUR").unwrap())
    }

    // the object only delegates: after the same events it answers as the core account does
    #[test]
    fn delegates_to_the_core_account() {
        let eur = Currency::from_code("EUR").unwrap();
        let events = vec![
            invoice("INV-1", day(1, 1), "400.00"),
            Event::new(
                "pay",
                day(1, 5),
                EventBody::payment("P-1", "500.00".parse().unwrap(), eur),
            ),
        ];
        let core = ledger::Account::replay(config(), &events, day(12, 31)).unwrap();
        let account = Account::new(config()).unwrap();
        for e in &events {
            account.apply(e.clone()).unwrap();
        }
        assert_eq!(
            account.to_json().unwrap(),
            serde_json::to_string(&core).unwrap()
        );
        // 500.00 on 400.00 open: 100.00 unapplied, balance -100.00
        assert_eq!(account.unapplied_cash().to_string(), "100.00");
        assert_eq!(account.balance().unwrap().to_string(), "-100.00");
        assert_eq!(account.as_of(), Some(day(1, 5)));
        assert_eq!(account.payments().len(), 1);
        assert!(account.document("nope".into()).is_none());
        let replayed = Account::replay(config(), events, day(1, 4)).unwrap();
        assert_eq!(replayed.balance().unwrap().to_string(), "400.00");
    }

    #[test]
    fn json_round_trip_and_bad_json() {
        let account = Account::new(config()).unwrap();
        account.apply(invoice("INV-1", day(1, 1), "10.00")).unwrap();
        let json = account.to_json().unwrap();
        assert_eq!(
            Account::from_json(json.clone()).unwrap().to_json().unwrap(),
            json
        );
        let err = Account::from_json("{\"config\":1}".into()).unwrap_err();
        assert_eq!(err.kind(), "invalid_json");
        assert!(matches!(err, ArCoreError::Ledger { .. }), "{err:?}");
    }

    // a rejected event maps to its module's case and changes nothing
    #[test]
    fn rejected_event_is_typed_and_atomic() {
        let account = Account::new(config()).unwrap();
        account.apply(invoice("INV-1", day(1, 1), "10.00")).unwrap();
        let before = account.to_json().unwrap();
        let err = account
            .apply(Event::new(
                "rev",
                day(1, 2),
                EventBody::PaymentReversed {
                    payment_id: "P-9".into(),
                    reason: "bounced".into(),
                },
            ))
            .unwrap_err();
        assert_eq!(
            err,
            ArCoreError::Ledger {
                kind: "unknown_payment".into(),
                detail: "unknown payment `P-9`".into()
            }
        );
        assert_eq!(account.to_json().unwrap(), before);
    }

    #[test]
    fn account_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Account>();
    }
}
