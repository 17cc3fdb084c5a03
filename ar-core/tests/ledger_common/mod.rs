//! Helpers shared by the `ledger_*` tests.
#![allow(dead_code)]

use ar_core::application::{RemittanceLine, ShortPaymentPolicy, Strategy};
use ar_core::documents::{Document, DocumentKind, ScheduledItem};
use ar_core::ledger::{Account, AccountConfig, Applied, Event, EventBody, LedgerError};
use ar_core::money::Currency;
use ar_core::Decimal;
use chrono::NaiveDate;

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

pub fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

pub fn eur() -> Currency {
    Currency::from_code("EUR").unwrap()
}

/// A one-installment document of `kind`; `amount` is the magnitude.
pub fn doc(
    kind: DocumentKind,
    id: &str,
    date: NaiveDate,
    due: NaiveDate,
    amount: &str,
) -> Document {
    let a = d(amount);
    let total = if kind == DocumentKind::CreditNote {
        -a
    } else {
        a
    };
    Document {
        id: id.into(),
        kind,
        customer: "ACME".into(),
        date,
        currency: eur(),
        total,
        installments: vec![ScheduledItem {
            due_date: due,
            amount: total,
            discounts: vec![],
        }],
        terms: None,
        against: None,
        revision_of: None,
        charge_for: None,
    }
}

pub fn invoice(id: &str, date: NaiveDate, due: NaiveDate, amount: &str) -> Document {
    doc(DocumentKind::Invoice, id, date, due, amount)
}

/// An account plus an event counter, so tests read like the story they tell.
pub struct Book {
    pub account: Account,
    pub events: Vec<Event>,
    n: usize,
}

impl Book {
    pub fn new() -> Self {
        Book::with_config(AccountConfig::new("ACME", eur()))
    }

    pub fn with_config(config: AccountConfig) -> Self {
        Book {
            account: Account::new(config),
            events: Vec::new(),
            n: 0,
        }
    }

    pub fn apply(&mut self, date: NaiveDate, body: EventBody) -> Result<Applied, LedgerError> {
        self.n += 1;
        let e = Event::new(&format!("e{}", self.n), date, body);
        let r = self.account.apply(&e);
        if r.is_ok() {
            self.events.push(e);
        }
        r
    }

    pub fn issue(&mut self, document: Document) -> Applied {
        let date = document.date;
        self.apply(date, EventBody::DocumentIssued { document })
            .unwrap()
    }

    pub fn pay(&mut self, id: &str, date: NaiveDate, amount: &str) -> Applied {
        self.apply(date, EventBody::payment(id, d(amount), eur()))
            .unwrap()
    }

    pub fn pay_with(
        &mut self,
        id: &str,
        date: NaiveDate,
        amount: &str,
        remittance: Vec<RemittanceLine>,
        strategy: Option<Strategy>,
        short_payment: Option<ShortPaymentPolicy>,
    ) -> Result<Applied, LedgerError> {
        self.apply(
            date,
            EventBody::PaymentReceived {
                payment_id: id.into(),
                amount: d(amount),
                currency: eur(),
                rate: None,
                remittance,
                strategy,
                short_payment,
            },
        )
    }

    pub fn reverse(&mut self, id: &str, date: NaiveDate) -> Result<Applied, LedgerError> {
        self.apply(
            date,
            EventBody::PaymentReversed {
                payment_id: id.into(),
                reason: "insufficient funds".into(),
            },
        )
    }

    /// (document, installment, open) of every open item, as strings.
    pub fn open(&self) -> Vec<(String, u32, String)> {
        self.account
            .open_items()
            .into_iter()
            .map(|i| (i.document, i.installment, i.open.to_string()))
            .collect()
    }

    pub fn balance(&self) -> String {
        self.account.balance().unwrap().to_string()
    }

    pub fn json(&self) -> String {
        serde_json::to_string(&self.account).unwrap()
    }
}

pub fn line(document: &str, amount: &str) -> RemittanceLine {
    RemittanceLine {
        document: document.into(),
        installment: None,
        amount: d(amount),
        discount: None,
    }
}

/// (document, installment, amount, discount, written off) of allocations, as strings.
pub fn allocs(a: &Applied) -> Vec<(String, u32, String, String, String)> {
    a.allocations
        .iter()
        .map(|x| {
            (
                x.document.clone(),
                x.installment,
                x.amount.to_string(),
                x.discount_taken.to_string(),
                x.written_off.to_string(),
            )
        })
        .collect()
}

pub fn o(doc: &str, inst: u32, open: &str) -> (String, u32, String) {
    (doc.to_string(), inst, open.to_string())
}

pub fn al(
    doc: &str,
    inst: u32,
    amount: &str,
    discount: &str,
    wo: &str,
) -> (String, u32, String, String, String) {
    (
        doc.to_string(),
        inst,
        amount.to_string(),
        discount.to_string(),
        wo.to_string(),
    )
}
