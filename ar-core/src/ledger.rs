//! The customer account: state built from an ordered event history.
//!
//! The host stores [`Event`]s; the core folds them into an [`Account`] with
//! [`Account::apply`] (one event) or [`Account::replay`] (a history, as of a date). Every event
//! is validated and planned first and committed only when it is valid, so a rejected event
//! returns a typed [`LedgerError`] and leaves the account exactly as it was.
//!
//! Each installment of a document is its own open item. Receivable items (invoices, debit
//! notes, fee and interest charges) are kept in an ordered index by (due date, document date,
//! document id, installment), so the oldest open item is found in O(log n).
//!
//! Installment indexes are zero-based in data (`installment: 0`); reasons written for people
//! number them from one (`INV-7 #1`).
//!
//! ```
//! use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
//! use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
//! use ar_core::money::Currency;
//! use chrono::NaiveDate;
//!
//! let eur = Currency::from_code("EUR")?;
//! let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
//! let mut account = Account::new(AccountConfig::new("ACME", eur));
//! let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1), eur,
//!     "400.00".parse().unwrap()), &Default::default())?;
//! account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
//! let applied = account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
//! assert_eq!(applied.allocations[0].amount.to_string(), "400.00");
//! assert_eq!(applied.allocations[0].reason, "oldest due first: INV-1 #1 due 2024-01-01 (open 400.00)");
//! assert_eq!(account.unapplied_cash().to_string(), "100.00");
//! assert_eq!(account.balance()?.to_string(), "-100.00");
//! # Ok::<(), ar_core::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::allocation::AllocationError;
use crate::application::{
    Allocation, Deduction, Planner, RemittanceLine, ShortPaymentPolicy, Strategy,
};
use crate::discounts::{DiscountError, PartialDiscount};
use crate::documents::{ChargeFor, Document, DocumentError, DocumentKind, ScheduledItem};
use crate::fx::{FxError, Rate, RateQuote, RateTable};
use crate::money::{Currency, MoneyError};

/// Errors of the ledger: events that are invalid in the account's current state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// An event id seen before.
    #[error("duplicate event id `{event}`")]
    DuplicateEvent {
        /// The event id.
        event: String,
    },
    /// A document id issued before.
    #[error("duplicate document id `{document}`")]
    DuplicateDocument {
        /// The document id.
        document: String,
    },
    /// A payment id received before.
    #[error("duplicate payment id `{payment_id}`")]
    DuplicatePayment {
        /// The payment id.
        payment_id: String,
    },
    /// A dispute id opened before.
    #[error("duplicate dispute id `{dispute_id}`")]
    DuplicateDispute {
        /// The dispute id.
        dispute_id: String,
    },
    /// A promise id made before.
    #[error("duplicate promise id `{promise_id}`")]
    DuplicatePromise {
        /// The promise id.
        promise_id: String,
    },
    /// A document that was never issued in this account.
    #[error("unknown document `{document}`")]
    UnknownDocument {
        /// The document id.
        document: String,
    },
    /// An installment index past the document's last installment (zero-based).
    #[error("document `{document}` has no installment {installment}")]
    UnknownInstallment {
        /// The document id.
        document: String,
        /// The zero-based installment index.
        installment: u32,
    },
    /// A payment that was never received in this account.
    #[error("unknown payment `{payment_id}`")]
    UnknownPayment {
        /// The payment id.
        payment_id: String,
    },
    /// A dispute that was never opened.
    #[error("unknown dispute `{dispute_id}`")]
    UnknownDispute {
        /// The dispute id.
        dispute_id: String,
    },
    /// A document of another customer.
    #[error("document `{document}` belongs to customer `{customer}`, not to `{expected}`")]
    WrongCustomer {
        /// The document id.
        document: String,
        /// The document's customer.
        customer: String,
        /// The account's customer.
        expected: String,
    },
    /// Paying, crediting, writing off or disputing a voided document, or voiding it twice.
    #[error("document `{document}` is void")]
    VoidedDocument {
        /// The document id.
        document: String,
    },
    /// Voiding a document that was already paid, credited or written off (reverse first).
    #[error("document `{document}` has allocations or write-offs and cannot be voided")]
    DocumentHasAllocations {
        /// The document id.
        document: String,
    },
    /// Applying money to a document of the same sign (a payment or credit note to a credit
    /// note, an invoice as a credit).
    #[error("cannot apply `{origin}` to `{target}`: both have the same sign")]
    SameSign {
        /// The payment or document whose money was to be applied.
        origin: String,
        /// The document it was to be applied to.
        target: String,
    },
    /// Writing off a credit note.
    #[error("document `{document}` is not a receivable")]
    NotAReceivable {
        /// The document id.
        document: String,
    },
    /// An amount of zero or less where a positive one is needed.
    #[error("amount `{amount}` must be greater than zero")]
    NonPositiveAmount {
        /// The amount.
        amount: Decimal,
    },
    /// Allocating more than an installment has open.
    #[error("allocating `{amount}` to installment {installment} of `{document}` exceeds its open amount `{open}`")]
    OverAllocation {
        /// The document id.
        document: String,
        /// The zero-based installment index.
        installment: u32,
        /// What was to be allocated (cash + discount + write-off).
        amount: Decimal,
        /// What is open.
        open: Decimal,
    },
    /// Applying more credit than a credit note or a payment's unapplied cash has left.
    #[error("`{credit}` has `{available}` of credit left, not `{amount}`")]
    InsufficientCredit {
        /// The credit note or payment id.
        credit: String,
        /// The amount asked for.
        amount: Decimal,
        /// What is left.
        available: Decimal,
    },
    /// Remittance lines that add up to more than the payment.
    #[error("remittance lines of payment `{payment_id}` add up to `{remitted}`, more than its amount `{amount}`")]
    RemittanceExceedsPayment {
        /// The payment id.
        payment_id: String,
        /// The sum of the lines.
        remitted: Decimal,
        /// The payment amount.
        amount: Decimal,
    },
    /// A remittance discount on a line that spans several installments.
    #[error(
        "a remittance discount on `{document}` needs an installment: the document has several"
    )]
    AmbiguousDiscount {
        /// The document id.
        document: String,
    },
    /// A remittance discount larger than the offer eligible on the payment date.
    #[error("discount `{discount}` on installment {installment} of `{document}` is not available; eligible on the payment date: `{eligible}`")]
    DiscountNotAvailable {
        /// The document id.
        document: String,
        /// The zero-based installment index.
        installment: u32,
        /// The discount claimed.
        discount: Decimal,
        /// The largest discount eligible.
        eligible: Decimal,
    },
    /// Reversing a payment twice.
    #[error("payment `{payment_id}` is already reversed")]
    PaymentAlreadyReversed {
        /// The payment id.
        payment_id: String,
    },
    /// Resolving a dispute twice.
    #[error("dispute `{dispute_id}` is already resolved")]
    DisputeAlreadyResolved {
        /// The dispute id.
        dispute_id: String,
    },
    /// Disputing more than a document has open.
    #[error("disputed amount `{amount}` exceeds the open amount `{open}` of `{document}`")]
    DisputeExceedsOpen {
        /// The document id.
        document: String,
        /// The amount disputed.
        amount: Decimal,
        /// What is open.
        open: Decimal,
    },
    /// A fee or interest charge with the same `charge_for` document, installment and key as
    /// a charge already issued (and not voided): the charge was already made.
    #[error("`{document}` is a second charge for `{charged_for}` with key `{key}`: `{existing}` already charged it")]
    DuplicateCharge {
        /// The new charge document.
        document: String,
        /// The principal document it is charged for.
        charged_for: String,
        /// The idempotency key.
        key: String,
        /// The charge document already issued with that key.
        existing: String,
    },
    /// An invalid document.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// A currency mismatch, a currency without minor unit, or overflow.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// An amount finer than the currency's minor unit.
    #[error(transparent)]
    Allocation(#[from] AllocationError),
    /// Account JSON that is not the serialized state (see [`Account::from_json`]).
    #[error("invalid account json: {detail}")]
    InvalidJson {
        /// What serde reported.
        detail: String,
    },
    /// A `rate` on a payment in the account's own currency (there is nothing to convert).
    #[error("payment `{payment_id}` is in the account currency {currency}; it takes no rate")]
    UnexpectedRate {
        /// The payment id.
        payment_id: String,
        /// The account currency.
        currency: String,
    },
    /// A missing or invalid exchange rate.
    #[error(transparent)]
    Fx(#[from] FxError),
    /// An early-payment discount error (a pro-rata discount that overflows).
    #[error(transparent)]
    Discount(#[from] DiscountError),
}

impl LedgerError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::ledger::LedgerError::UnknownPayment { payment_id: "P-9".into() };
    /// assert_eq!((e.kind(), e.to_string().as_str()), ("unknown_payment", "unknown payment `P-9`"));
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            LedgerError::DuplicateEvent { .. } => "duplicate_event",
            LedgerError::DuplicateDocument { .. } => "duplicate_document",
            LedgerError::DuplicatePayment { .. } => "duplicate_payment",
            LedgerError::DuplicateDispute { .. } => "duplicate_dispute",
            LedgerError::DuplicatePromise { .. } => "duplicate_promise",
            LedgerError::UnknownDocument { .. } => "unknown_document",
            LedgerError::UnknownInstallment { .. } => "unknown_installment",
            LedgerError::UnknownPayment { .. } => "unknown_payment",
            LedgerError::UnknownDispute { .. } => "unknown_dispute",
            LedgerError::WrongCustomer { .. } => "wrong_customer",
            LedgerError::VoidedDocument { .. } => "voided_document",
            LedgerError::DocumentHasAllocations { .. } => "document_has_allocations",
            LedgerError::SameSign { .. } => "same_sign",
            LedgerError::NotAReceivable { .. } => "not_a_receivable",
            LedgerError::NonPositiveAmount { .. } => "non_positive_amount",
            LedgerError::OverAllocation { .. } => "over_allocation",
            LedgerError::InsufficientCredit { .. } => "insufficient_credit",
            LedgerError::RemittanceExceedsPayment { .. } => "remittance_exceeds_payment",
            LedgerError::AmbiguousDiscount { .. } => "ambiguous_discount",
            LedgerError::DiscountNotAvailable { .. } => "discount_not_available",
            LedgerError::PaymentAlreadyReversed { .. } => "payment_already_reversed",
            LedgerError::DisputeAlreadyResolved { .. } => "dispute_already_resolved",
            LedgerError::DisputeExceedsOpen { .. } => "dispute_exceeds_open",
            LedgerError::DuplicateCharge { .. } => "duplicate_charge",
            LedgerError::Document(e) => e.kind(),
            LedgerError::Money(e) => e.kind(),
            LedgerError::Allocation(e) => e.kind(),
            LedgerError::UnexpectedRate { .. } => "unexpected_rate",
            LedgerError::InvalidJson { .. } => "invalid_json",
            LedgerError::Fx(e) => e.kind(),
            LedgerError::Discount(e) => e.kind(),
        }
    }
}

fn overflow() -> LedgerError {
    LedgerError::Money(MoneyError::Overflow {
        operation: "ledger",
    })
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, LedgerError> {
    a.checked_add(b).ok_or_else(overflow)
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal, LedgerError> {
    a.checked_sub(b).ok_or_else(overflow)
}

/// The account's fixed settings.
///
/// JSON: `{"customer":"ACME","currency":"EUR","strategy":"oldest_due_first",
/// "short_payment":{"type":"leave_residual"},"reporting_currency":"USD",
/// "partial_discount":"pro_rata"}` (the last four optional).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountConfig {
    /// The customer id; documents of other customers are refused.
    pub customer: String,
    /// The account currency: every document of the account is in it (as a party account
    /// currency in ERPNext). Payments may arrive in another currency and are converted at the
    /// payment's rate (see [`EventBody::PaymentReceived`]).
    pub currency: Currency,
    /// The default application strategy.
    #[serde(default)]
    pub strategy: Strategy,
    /// The default short-payment policy.
    #[serde(default)]
    pub short_payment: ShortPaymentPolicy,
    /// The company's reporting (functional) currency, when it is not the account currency.
    /// Every document and payment is then booked at the rate in force on its date, each
    /// allocation reports its realized FX difference, and
    /// [`Account::reporting_balance`] states the balance in it. `None`: no reporting
    /// conversion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_currency: Option<Currency>,
    /// What a payment inside a discount window that does not cover the discounted amount
    /// earns: nothing (`none`, the default) or a pro-rata discount (`pro_rata`, see
    /// [`PartialDiscount`] and [`crate::application`]). Omitted from JSON when `none`.
    #[serde(default, skip_serializing_if = "is_no_partial_discount")]
    pub partial_discount: PartialDiscount,
}

fn is_no_partial_discount(p: &PartialDiscount) -> bool {
    *p == PartialDiscount::None
}

impl AccountConfig {
    /// A config with the default strategy (oldest due first) and policy (leave residual).
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::AccountConfig;
    /// let c = AccountConfig::new("ACME", ar_core::money::Currency::from_code("EUR")?);
    /// assert_eq!(c.strategy, ar_core::application::Strategy::OldestDueFirst);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn new(customer: &str, currency: Currency) -> Self {
        AccountConfig {
            customer: customer.to_string(),
            currency,
            strategy: Strategy::default(),
            short_payment: ShortPaymentPolicy::default(),
            reporting_currency: None,
            partial_discount: PartialDiscount::None,
        }
    }
}

/// How a dispute ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisputeOutcome {
    /// The customer was right (the host issues a credit note separately).
    Accepted,
    /// The claim was rejected; the amount is owed.
    Rejected,
    /// The customer withdrew the claim.
    Withdrawn,
}

impl DisputeOutcome {
    /// The snake_case name, as in JSON.
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::ledger::DisputeOutcome::Withdrawn.as_str(), "withdrawn");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DisputeOutcome::Accepted => "accepted",
            DisputeOutcome::Rejected => "rejected",
            DisputeOutcome::Withdrawn => "withdrawn",
        }
    }
}

/// What happened. JSON: tagged by `"type"`, e.g.
/// `{"type":"payment_received","payment_id":"P-1","amount":"100.00","currency":"EUR"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum EventBody {
    /// A document was issued.
    DocumentIssued {
        /// The document.
        document: Document,
    },
    /// A payment arrived. Remittance lines are applied first; the rest goes by `strategy`
    /// (default: the account's strategy without lines, `remittance` with lines, which leaves
    /// the rest unapplied).
    ///
    /// A payment in another currency than the account's is converted first, at `rate` when
    /// given, else at the account's rate table on the payment date (refused with
    /// `missing_rate` when there is none), rounded half up to the account currency; remittance
    /// amounts are in the account currency.
    PaymentReceived {
        /// The payment id, unique in the account.
        payment_id: String,
        /// The amount received (positive), in `currency`.
        amount: Decimal,
        /// The currency received.
        currency: Currency,
        /// The rate `currency -> account currency` the bank applied (1 `currency` = `rate`
        /// account currency); only for a payment in another currency.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rate: Option<Decimal>,
        /// What the customer says the money is for.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        remittance: Vec<RemittanceLine>,
        /// How to apply it; default as above.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        strategy: Option<Strategy>,
        /// What to do with residuals; default the account's policy.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        short_payment: Option<ShortPaymentPolicy>,
    },
    /// A payment bounced: everything it closed reopens, its unapplied cash goes.
    PaymentReversed {
        /// The payment id.
        payment_id: String,
        /// Why (e.g. `"insufficient funds"`).
        reason: String,
    },
    /// A credit note, or a payment's unapplied cash, is applied to a receivable.
    CreditApplied {
        /// The credit note id or payment id.
        credit_document: String,
        /// The receivable document.
        target_document: String,
        /// The amount (positive).
        amount: Decimal,
    },
    /// Part of a receivable is written off.
    WrittenOff {
        /// The document.
        document: String,
        /// The installment (zero-based); `None`: the installments in order.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        installment: Option<u32>,
        /// The amount (positive).
        amount: Decimal,
        /// Why.
        reason_code: String,
    },
    /// The customer disputes a document (all of it, or an amount).
    DisputeOpened {
        /// The dispute id.
        dispute_id: String,
        /// The document.
        document: String,
        /// The amount disputed; `None`: the whole open amount.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Decimal>,
        /// Why.
        reason_code: String,
    },
    /// A dispute ended.
    DisputeResolved {
        /// The dispute id.
        dispute_id: String,
        /// How.
        outcome: DisputeOutcome,
    },
    /// The customer promised to pay.
    PromiseToPay {
        /// The promise id.
        promise_id: String,
        /// The amount promised (positive).
        amount: Decimal,
        /// When.
        promised_date: NaiveDate,
    },
    /// The invoice reached the customer.
    InvoiceDelivered {
        /// The document.
        document: String,
    },
    /// The customer opened the invoice.
    InvoiceOpened {
        /// The document.
        document: String,
    },
    /// The document is cancelled (only while nothing was applied to it).
    DocumentVoided {
        /// The document.
        document: String,
    },
    /// Exchange-rate quotes in force from the event's date (the host's rate table, fed as
    /// events so that every replay sees exactly the rates known at the time).
    RatesPublished {
        /// The quotes.
        rates: Vec<RateQuote>,
    },
}

impl EventBody {
    /// A payment without remittance, strategy or policy (the account defaults apply).
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::EventBody;
    /// let body = EventBody::payment("P-1", "10.00".parse().unwrap(), ar_core::money::Currency::from_code("EUR")?);
    /// assert!(serde_json::to_string(&body).unwrap().starts_with(r#"{"type":"payment_received""#));
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn payment(payment_id: &str, amount: Decimal, currency: Currency) -> Self {
        EventBody::PaymentReceived {
            payment_id: payment_id.to_string(),
            amount,
            currency,
            rate: None,
            remittance: Vec::new(),
            strategy: None,
            short_payment: None,
        }
    }
}

/// One event of the history: an id unique in the account, the business date, what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The event id.
    pub id: String,
    /// The business date (payment date, issue date, ...).
    pub date: NaiveDate,
    /// What happened.
    pub body: EventBody,
}

impl Event {
    /// An event.
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::{Event, EventBody};
    /// let e = Event::new("e1", chrono::NaiveDate::from_ymd_opt(2024, 1, 2).unwrap(),
    ///     EventBody::InvoiceOpened { document: "INV-1".into() });
    /// assert_eq!(serde_json::to_string(&e).unwrap(),
    ///     r#"{"id":"e1","date":"2024-01-02","body":{"type":"invoice_opened","document":"INV-1"}}"#);
    /// ```
    pub fn new(id: &str, date: NaiveDate, body: EventBody) -> Self {
        Event {
            id: id.to_string(),
            date,
            body,
        }
    }
}

/// What a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    /// The document was issued (amount: its total).
    Issued,
    /// Cash applied.
    Payment,
    /// Credit applied to this document (or, on a credit note, credit used).
    Credit,
    /// An early-payment discount taken.
    DiscountTaken,
    /// An amount written off.
    WriteOff,
    /// A residual recorded as a deduction (still open).
    Deduction,
    /// A reversal reopened an amount.
    Reversal,
    /// A dispute was opened.
    DisputeOpened,
    /// A dispute was resolved.
    DisputeResolved,
    /// The invoice was delivered.
    Delivered,
    /// The invoice was opened.
    Opened,
    /// The document was voided.
    Voided,
}

/// One line of a document's history.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// The event.
    pub event: String,
    /// Its date.
    pub date: NaiveDate,
    /// What happened.
    pub kind: HistoryKind,
    /// The installment concerned (zero-based), if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment: Option<u32>,
    /// The amount concerned (zero when none).
    pub amount: Decimal,
    /// For people.
    pub reason: String,
}

/// The state of one installment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemState {
    /// What is open (signed like the document).
    pub open: Decimal,
    /// Residuals recorded as deductions (still part of `open`).
    pub deducted: Decimal,
}

/// A document in the account, with its installments' state and history.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentState {
    /// The document as issued.
    pub document: Document,
    /// Whether it was voided.
    pub voided: bool,
    /// One state per installment.
    pub items: Vec<ItemState>,
    /// For a credit note: where its credit went.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applications: Vec<Allocation>,
    /// The first delivery date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_on: Option<NaiveDate>,
    /// The first date the customer opened it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_on: Option<NaiveDate>,
    /// Everything that happened to it, in order.
    pub history: Vec<HistoryEntry>,
    /// With a reporting currency: the rate account currency -> reporting currency in force on
    /// the document date, at which the document is booked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_rate: Option<Rate>,
}

/// A payment's reversal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reversal {
    /// The reversing event.
    pub event: String,
    /// Its date.
    pub date: NaiveDate,
    /// Why.
    pub reason: String,
    /// The unapplied cash removed.
    pub unapplied_removed: Decimal,
}

/// A payment in the account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentState {
    /// The receiving event.
    pub event: String,
    /// The payment date.
    pub date: NaiveDate,
    /// The amount received, in the account currency (converted when it arrived in another).
    pub amount: Decimal,
    /// For a payment in another currency: what arrived and the rate used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<Received>,
    /// With a reporting currency: the rate account currency -> reporting currency in force on
    /// the payment date, at which its cash is valued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporting_rate: Option<Rate>,
    /// Where it went, including later applications of its unapplied cash.
    pub allocations: Vec<Allocation>,
    /// Residuals it left as deductions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<Deduction>,
    /// What is still unapplied (zero once reversed).
    pub unapplied: Decimal,
    /// Set when the payment bounced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversed: Option<Reversal>,
}

/// A payment received in another currency than the account's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Received {
    /// The amount that arrived.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
    /// The rate used to convert it into the account currency.
    pub rate: Rate,
}

/// The account's balance stated in its reporting currency (see
/// [`Account::reporting_balance`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportingBalance {
    /// The reporting currency (the account currency when none is configured).
    pub currency: Currency,
    /// The day the balance is revalued on.
    pub date: NaiveDate,
    /// The balance in the account currency.
    pub balance: Decimal,
    /// The rate account currency -> reporting currency in force on `date`.
    pub rate: Rate,
    /// The open items and unapplied cash at the rates they were booked at, each converted
    /// and rounded on its own.
    pub booked: Decimal,
    /// `balance` converted at `rate`.
    pub revalued: Decimal,
    /// `revalued - booked`: the FX gain (positive) or loss not yet realized.
    pub unrealized_fx: Decimal,
    /// The FX differences realized so far by allocations (reversed payments excluded).
    pub realized_fx: Decimal,
}

/// A dispute.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    /// The opening event.
    pub event: String,
    /// Opened on.
    pub date: NaiveDate,
    /// The document.
    pub document: String,
    /// The amount; `None`: the whole open amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// Why.
    pub reason_code: String,
    /// How and when it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolution>,
}

/// How and when a dispute ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// The resolving event's date.
    pub date: NaiveDate,
    /// The outcome.
    pub outcome: DisputeOutcome,
}

/// An amount a reversal reopened.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Restored {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// The amount reopened (cash, discount and write-off of the reversed allocations).
    pub amount: Decimal,
}

/// A promise to pay.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    /// The event.
    pub event: String,
    /// Made on.
    pub date: NaiveDate,
    /// The amount.
    pub amount: Decimal,
    /// Promised for.
    pub promised_date: NaiveDate,
}

/// A write-off event's effect on one installment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WriteOff {
    /// The event.
    pub event: String,
    /// Its date.
    pub date: NaiveDate,
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// The amount.
    pub amount: Decimal,
    /// Why.
    pub reason_code: String,
}

/// An open item as reported: one installment with a non-zero open amount.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenItem {
    /// The document.
    pub document: String,
    /// Its kind.
    pub kind: DocumentKind,
    /// The installment (zero-based).
    pub installment: u32,
    /// The document date.
    pub document_date: NaiveDate,
    /// The due date.
    pub due_date: NaiveDate,
    /// The installment's original amount.
    pub original: Decimal,
    /// What is open (negative for credit notes).
    pub open: Decimal,
    /// How much of `open` is under open disputes.
    pub disputed: Decimal,
    /// How much of `open` was recorded as a deduction.
    pub deducted: Decimal,
}

/// What an accepted event did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applied {
    /// The event id.
    pub event: String,
    /// New allocations (payments, credits, write-offs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocations: Vec<Allocation>,
    /// New deductions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<Deduction>,
    /// Amounts reopened by a reversal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restored: Vec<Restored>,
    /// The change in unapplied cash (positive: added; negative: used or removed).
    pub unapplied_change: Decimal,
}

/// Key of a receivable open item in the oldest-first order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ItemKey {
    pub due_date: NaiveDate,
    pub document_date: NaiveDate,
    pub document: String,
    pub installment: u32,
}

/// Indexes of receivable items with a positive open amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Index {
    /// By class: fee charges, interest charges, principal; each in oldest-first order.
    pub classes: [BTreeSet<ItemKey>; 3],
    /// By open amount (for exact-amount matching).
    pub by_amount: BTreeMap<Decimal, BTreeSet<ItemKey>>,
    /// The sum of every open amount of documents not voided (credit notes negative), kept as
    /// items change so the balance is O(1); `None` once it overflowed (the balance is then
    /// summed again and reports the overflow).
    pub open_total: Option<Decimal>,
    /// Charges not voided by what they charge for: (document, installment, key) -> charge id,
    /// so a duplicate charge is found in O(log n).
    pub charges: BTreeMap<(String, Option<u32>, String), String>,
}

impl Default for Index {
    fn default() -> Self {
        Index {
            classes: Default::default(),
            by_amount: BTreeMap::new(),
            open_total: Some(Decimal::ZERO),
            charges: BTreeMap::new(),
        }
    }
}

fn class_of(kind: DocumentKind) -> usize {
    match kind {
        DocumentKind::FeeCharge => 0,
        DocumentKind::InterestCharge => 1,
        _ => 2,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountState {
    config: AccountConfig,
    as_of: Option<NaiveDate>,
    event_ids: BTreeSet<String>,
    documents: BTreeMap<String, DocumentState>,
    payments: BTreeMap<String, PaymentState>,
    disputes: BTreeMap<String, Dispute>,
    promises: BTreeMap<String, Promise>,
    write_offs: Vec<WriteOff>,
    unapplied: Decimal,
    #[serde(default, skip_serializing_if = "RateTable::is_empty")]
    rates: RateTable,
}

/// A customer account: documents, payments and everything that happened to them.
///
/// Serializes as its full state (JSON object with `config`, `as_of`, `event_ids`,
/// `documents`, `payments`, `disputes`, `promises`, `write_offs`, `unapplied` and, once quotes
/// arrived, `rates`); the open-item index and the running open total are rebuilt on
/// deserialization ([`Account::from_json`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    state: AccountState,
    index: Index,
}

impl Serialize for Account {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.state.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Account {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let state = AccountState::deserialize(d)?;
        let mut account = Account {
            state,
            index: Index::default(),
        };
        let mut total = Some(Decimal::ZERO);
        for ds in account.state.documents.values().filter(|d| !d.voided) {
            for item in &ds.items {
                total = total.and_then(|t| t.checked_add(item.open));
            }
        }
        account.index.open_total = total;
        for (id, ds) in account.state.documents.iter().filter(|(_, d)| !d.voided) {
            if let Some(c) = &ds.document.charge_for {
                account
                    .index
                    .charges
                    .entry((c.document.clone(), c.installment, c.key.clone()))
                    .or_insert_with(|| id.clone());
            }
        }
        let mut keys = Vec::new();
        for (id, ds) in &account.state.documents {
            if ds.voided || ds.document.kind.is_credit() {
                continue;
            }
            for (i, item) in ds.items.iter().enumerate() {
                if let (Some(s), Ok(inst)) = (ds.document.installments.get(i), u32::try_from(i)) {
                    if item.open > Decimal::ZERO {
                        keys.push((id.clone(), inst, s.due_date, item.open));
                    }
                }
            }
        }
        for (id, inst, due, open) in keys {
            let kind = account
                .state
                .documents
                .get(&id)
                .map(|d| (d.document.kind, d.document.date));
            if let Some((kind, date)) = kind {
                let key = ItemKey {
                    due_date: due,
                    document_date: date,
                    document: id,
                    installment: inst,
                };
                account.index.classes[class_of(kind)].insert(key.clone());
                account.index.by_amount.entry(open).or_default().insert(key);
            }
        }
        Ok(account)
    }
}

/// A planned change, committed only after every check passed.
enum Change {
    Document(Box<DocumentState>),
    Payment {
        payment_id: String,
        state: Box<PaymentState>,
        deducted: Vec<(String, u32, Decimal)>,
    },
    Reverse {
        payment_id: String,
        reversal: Reversal,
        deducted: Vec<(String, u32, Decimal)>,
    },
    Credit {
        source: String,
        from_payment: bool,
        credit_open: Vec<(u32, Decimal)>,
    },
    WriteOffs(Vec<WriteOff>),
    Dispute(String, Dispute),
    Resolve(String, DisputeOutcome),
    Promise(String, Promise),
    Delivered(String, bool),
    Void(String),
    Rates(Vec<RateQuote>),
}

impl Account {
    /// An empty account.
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::{Account, AccountConfig};
    /// let a = Account::new(AccountConfig::new("ACME", ar_core::money::Currency::from_code("EUR")?));
    /// assert!(a.open_items().is_empty());
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn new(config: AccountConfig) -> Self {
        let mut unapplied = Decimal::ZERO;
        if let Some(dp) = config.currency.minor_units() {
            unapplied.rescale(dp);
        }
        Account {
            state: AccountState {
                config,
                as_of: None,
                event_ids: BTreeSet::new(),
                documents: BTreeMap::new(),
                payments: BTreeMap::new(),
                disputes: BTreeMap::new(),
                promises: BTreeMap::new(),
                write_offs: Vec::new(),
                unapplied,
                rates: RateTable::new(),
            },
            index: Index::default(),
        }
    }

    /// Builds an account from `events` in order, ignoring events dated after `as_of`.
    ///
    /// Events are applied in the order given (a back-dated event applies where it appears),
    /// so a history kept in date order gives, for every `as_of`, exactly the state the
    /// account had at the end of that day.
    ///
    /// # Errors
    /// The first event's [`LedgerError`] that [`Account::apply`] rejects.
    ///
    /// # Example
    /// ```
    /// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
    /// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
    /// use ar_core::money::Currency;
    /// use chrono::NaiveDate;
    /// let eur = Currency::from_code("EUR")?;
    /// let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    ///     eur, "100.00".parse().unwrap()), &Default::default())?;
    /// let events = vec![
    ///     Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }),
    ///     Event::new("e2", day(20), EventBody::payment("P-1", "100.00".parse().unwrap(), eur)),
    /// ];
    /// let before = Account::replay(AccountConfig::new("ACME", eur), &events, day(10))?;
    /// assert_eq!(before.balance()?.to_string(), "100.00");
    /// let after = Account::replay(AccountConfig::new("ACME", eur), &events, day(20))?;
    /// assert_eq!(after.balance()?.to_string(), "0.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn replay(
        config: AccountConfig,
        events: &[Event],
        as_of: NaiveDate,
    ) -> Result<Account, LedgerError> {
        let mut account = Account::new(config);
        for e in events.iter().filter(|e| e.date <= as_of) {
            account.apply(e)?;
        }
        Ok(account)
    }

    /// Applies one event. The event is checked and planned first; only a valid event
    /// changes the account.
    ///
    /// # Errors
    /// [`LedgerError`] when the event is invalid in the current state (duplicate ids, unknown
    /// or void documents, over-allocation, a currency other than the account's, an amount
    /// finer than the currency's minor unit, same-sign application, ...). The account is then
    /// unchanged.
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
    /// use ar_core::money::Currency;
    /// use chrono::NaiveDate;
    /// let eur = Currency::from_code("EUR")?;
    /// let mut a = Account::new(AccountConfig::new("ACME", eur));
    /// let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// let err = a.apply(&Event::new("e1", day, EventBody::PaymentReversed {
    ///     payment_id: "P-9".into(), reason: "bounced".into() })).unwrap_err();
    /// assert_eq!(err.kind(), "unknown_payment");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn apply(&mut self, event: &Event) -> Result<Applied, LedgerError> {
        if self.state.event_ids.contains(&event.id) {
            return Err(LedgerError::DuplicateEvent {
                event: event.id.clone(),
            });
        }
        let (change, plan_new_open, mut applied) = self.plan(event)?;
        applied.unapplied_change = self.scaled(applied.unapplied_change);
        self.commit(event, change, plan_new_open, &applied);
        Ok(applied)
    }

    /// Reads a state written by [`Account::to_json`] (or `serde_json::to_string`).
    ///
    /// The history stays the record: a state is a cache the host may keep to avoid replaying.
    /// Its shape is checked, not its bookkeeping.
    ///
    /// # Errors
    /// [`LedgerError::InvalidJson`] (`invalid_json`) naming what is wrong.
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::{Account, AccountConfig};
    /// let a = Account::new(AccountConfig::new("ACME", ar_core::money::Currency::from_code("EUR")?));
    /// assert_eq!(Account::from_json(&a.to_json())?, a);
    /// assert_eq!(Account::from_json("{}").unwrap_err().kind(), "invalid_json");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Account, LedgerError> {
        serde_json::from_str(text).map_err(|e| LedgerError::InvalidJson {
            detail: e.to_string(),
        })
    }

    /// The state as JSON text (see [`Account::from_json`]).
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::{Account, AccountConfig};
    /// let a = Account::new(AccountConfig::new("ACME", ar_core::money::Currency::from_code("EUR")?));
    /// assert!(a.to_json().starts_with(r#"{"config":{"customer":"ACME""#));
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        // serializing plain data with string keys cannot fail
        serde_json::to_string(self).unwrap_or_default()
    }

    // ----- queries -----

    /// The account's settings.
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.config().customer, "ACME");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn config(&self) -> &AccountConfig {
        &self.state.config
    }

    /// The latest event date applied (`None` for an empty account).
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.as_of(), Some(day(5)));
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.state.as_of
    }

    /// Every installment with a non-zero open amount (receivables positive, credit notes
    /// negative), ordered by due date, document date, document id and installment.
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::{Account, AccountConfig};
    /// let a = Account::new(AccountConfig::new("ACME", ar_core::money::Currency::from_code("EUR")?));
    /// assert_eq!(a.open_items().len(), 0);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn open_items(&self) -> Vec<OpenItem> {
        let disputed = self.disputed_by_item();
        let mut out = Vec::new();
        for (id, ds) in &self.state.documents {
            if ds.voided {
                continue;
            }
            for (i, (item, sched)) in ds.items.iter().zip(&ds.document.installments).enumerate() {
                if item.open.is_zero() {
                    continue;
                }
                let inst = u32::try_from(i).unwrap_or(u32::MAX);
                out.push(OpenItem {
                    document: id.clone(),
                    kind: ds.document.kind,
                    installment: inst,
                    document_date: ds.document.date,
                    due_date: sched.due_date,
                    original: sched.amount,
                    open: item.open,
                    disputed: self.scaled(
                        disputed
                            .get(&(id.clone(), inst))
                            .copied()
                            .unwrap_or(Decimal::ZERO),
                    ),
                    deducted: self.scaled(item.deducted.min(item.open.max(Decimal::ZERO))),
                });
            }
        }
        out.sort_by(|a, b| {
            (a.due_date, a.document_date, &a.document, a.installment).cmp(&(
                b.due_date,
                b.document_date,
                &b.document,
                b.installment,
            ))
        });
        out
    }

    fn disputed_by_item(&self) -> BTreeMap<(String, u32), Decimal> {
        let mut out: BTreeMap<(String, u32), Decimal> = BTreeMap::new();
        for d in self.state.disputes.values() {
            if d.resolved.is_some() {
                continue;
            }
            let Some(ds) = self.state.documents.get(&d.document) else {
                continue;
            };
            if ds.voided {
                continue;
            }
            let mut left = d.amount;
            for (i, item) in ds.items.iter().enumerate() {
                let inst = u32::try_from(i).unwrap_or(u32::MAX);
                let already = out
                    .get(&(d.document.clone(), inst))
                    .copied()
                    .unwrap_or(Decimal::ZERO);
                let room = (item.open.abs() - already).max(Decimal::ZERO);
                let take = match left {
                    None => room,
                    Some(l) => l.min(room),
                };
                if take > Decimal::ZERO {
                    out.insert((d.document.clone(), inst), already + take);
                    left = left.map(|l| l - take);
                }
            }
        }
        out
    }

    /// The balance: the sum of open amounts (credit notes negative) minus unapplied cash.
    ///
    /// # Errors
    /// `overflow` when the sum does not fit a decimal.
    ///
    /// # Example
    /// ```
    /// use ar_core::ledger::{Account, AccountConfig};
    /// let a = Account::new(AccountConfig::new("ACME", ar_core::money::Currency::from_code("EUR")?));
    /// assert_eq!(a.balance()?.to_string(), "0.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn balance(&self) -> Result<Decimal, LedgerError> {
        if let Some(total) = self.index.open_total {
            return Ok(self.scaled(sub(total, self.state.unapplied)?));
        }
        let mut total = Decimal::ZERO;
        for ds in self.state.documents.values().filter(|d| !d.voided) {
            for item in &ds.items {
                total = add(total, item.open)?;
            }
        }
        Ok(self.scaled(sub(total, self.state.unapplied)?))
    }

    /// Cash received and not applied to any document (a credit on account).
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// // 500.00 paid on 400.00 open
    /// assert_eq!(account.unapplied_cash().to_string(), "100.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn unapplied_cash(&self) -> Decimal {
        self.scaled(self.state.unapplied)
    }

    /// The exchange-rate quotes the account received through `rates_published` events.
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::money::Currency;
    /// let account = Account::new(AccountConfig::new("ACME", Currency::from_code("EUR")?));
    /// assert!(account.rates().is_empty());
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn rates(&self) -> &RateTable {
        &self.state.rates
    }

    /// The FX differences realized so far, in the reporting currency (zero without one):
    /// every allocation of a payment that was not reversed, and of every credit note.
    ///
    /// # Errors
    /// [`LedgerError::Money`] on overflow.
    ///
    /// # Example
    /// See [`Account::reporting_balance`].
    pub fn realized_fx(&self) -> Result<Decimal, LedgerError> {
        let mut total = Decimal::ZERO;
        let payments = self
            .state
            .payments
            .values()
            .filter(|p| p.reversed.is_none())
            .flat_map(|p| &p.allocations);
        let credits = self
            .state
            .documents
            .values()
            .filter(|d| !d.voided)
            .flat_map(|d| &d.applications);
        for a in payments.chain(credits) {
            total = add(total, a.realized_fx.unwrap_or_default())?;
        }
        let currency = self
            .state
            .config
            .reporting_currency
            .unwrap_or(self.state.config.currency);
        let scale = currency.minor_units().unwrap_or(0);
        Ok(crate::money::with_scale(total, scale).unwrap_or(total))
    }

    /// The balance stated in the reporting currency on `date`: at the rates each open item
    /// and each payment's unapplied cash were booked at, revalued at the rate in force on
    /// `date`, the unrealized difference between the two, and the FX realized so far.
    /// Without a reporting currency (or with the account's own) every rate is 1.
    ///
    /// # Errors
    /// [`LedgerError::Fx`] (`missing_rate`) when no rate is in force on `date`; overflow.
    ///
    /// # Example
    /// ```
    /// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
    /// use ar_core::fx::RateQuote;
    /// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
    /// use ar_core::money::Currency;
    /// let (eur, usd) = (Currency::from_code("EUR")?, Currency::from_code("USD")?);
    /// let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// let mut config = AccountConfig::new("ACME", eur);
    /// config.reporting_currency = Some(usd);
    /// let mut a = Account::new(config);
    /// let rate = |id, d, r: &str| Event::new(id, day(d), EventBody::RatesPublished {
    ///     rates: vec![RateQuote::new(eur, usd, r.parse().unwrap())] });
    /// a.apply(&rate("r1", 1, "1.10"))?;
    /// let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    ///     eur, "1000.00".parse().unwrap()), &Default::default())?;
    /// a.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// a.apply(&rate("r2", 20, "1.12"))?;
    /// // half paid when EUR is worth 1.12: 500 × (1.12 - 1.10) = 10.00 USD gained
    /// let applied = a.apply(&Event::new("e2", day(20),
    ///     EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(applied.allocations[0].realized_fx.unwrap().to_string(), "10.00");
    /// a.apply(&rate("r3", 31, "1.08"))?;
    /// let r = a.reporting_balance(day(31))?;
    /// // 500 open, booked at 1.10 = 550.00, revalued at 1.08 = 540.00
    /// assert_eq!((r.booked.to_string(), r.revalued.to_string(), r.unrealized_fx.to_string()),
    ///     ("550.00".into(), "540.00".into(), "-10.00".into()));
    /// assert_eq!(r.realized_fx.to_string(), "10.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn reporting_balance(&self, date: NaiveDate) -> Result<ReportingBalance, LedgerError> {
        let config = &self.state.config;
        let currency = config.reporting_currency.unwrap_or(config.currency);
        let rate = self.state.rates.rate(config.currency, currency, date)?;
        let balance = self.balance()?;
        // every open item and every payment's unapplied cash, converted on its own at its
        // booking rate and at the day's rate, so an unchanged rate shows no difference
        let (mut booked, mut revalued) = (Decimal::ZERO, Decimal::ZERO);
        for ds in self.state.documents.values().filter(|d| !d.voided) {
            let at = ds.reporting_rate.unwrap_or(rate);
            for item in ds.items.iter().filter(|i| !i.open.is_zero()) {
                booked = add(booked, at.convert(item.open, currency)?)?;
                revalued = add(revalued, rate.convert(item.open, currency)?)?;
            }
        }
        for p in self
            .state
            .payments
            .values()
            .filter(|p| !p.unapplied.is_zero())
        {
            let at = p.reporting_rate.unwrap_or(rate);
            booked = sub(booked, at.convert(p.unapplied, currency)?)?;
            revalued = sub(revalued, rate.convert(p.unapplied, currency)?)?;
        }
        let scale = currency.minor_units().unwrap_or(0);
        let booked = crate::money::with_scale(booked, scale).unwrap_or(booked);
        let revalued = crate::money::with_scale(revalued, scale).unwrap_or(revalued);
        Ok(ReportingBalance {
            currency,
            date,
            balance,
            rate,
            booked,
            revalued,
            unrealized_fx: sub(revalued, booked)?,
            realized_fx: self.realized_fx()?,
        })
    }

    /// `value` printed with at least the account currency's decimal places.
    pub(crate) fn scaled(&self, mut value: Decimal) -> Decimal {
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        if let Some(dp) = self.state.config.currency.minor_units() {
            if value.scale() < dp {
                value.rescale(dp);
            }
        }
        value
    }

    /// Open disputes with the amount each covers now (capped at the document's open amount):
    /// (dispute id, dispute, amount).
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert!(account.open_disputes().is_empty());
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn open_disputes(&self) -> Vec<(&str, &Dispute, Decimal)> {
        let mut out = Vec::new();
        for (id, d) in &self.state.disputes {
            if d.resolved.is_some() {
                continue;
            }
            let open = self
                .state
                .documents
                .get(&d.document)
                .filter(|ds| !ds.voided)
                .map(|ds| {
                    // saturating: a hand-edited state must not panic a query
                    ds.items
                        .iter()
                        .fold(Decimal::ZERO, |t, i| t.saturating_add(i.open.abs()))
                })
                .unwrap_or(Decimal::ZERO);
            let amount = d.amount.map_or(open, |a| a.min(open));
            out.push((id.as_str(), d, amount));
        }
        out
    }

    /// The total under open disputes (per item, never more than what is open).
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.disputed_total()?.to_string(), "0.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// `overflow` when the sum does not fit a decimal.
    pub fn disputed_total(&self) -> Result<Decimal, LedgerError> {
        let mut total = Decimal::ZERO;
        for v in self.disputed_by_item().values() {
            total = add(total, *v)?;
        }
        Ok(self.scaled(total))
    }

    /// A document's state and history, if issued in this account.
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.document("INV-1").unwrap().items[0].open.to_string(), "0.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn document(&self, id: &str) -> Option<&DocumentState> {
        self.state.documents.get(id)
    }

    /// A document's history: issued, allocations, discounts, write-offs, reversals, ...
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// let h = account.history("INV-1").unwrap();
    /// assert_eq!((h[0].kind, h[1].kind), (HistoryKind::Issued, HistoryKind::Payment));
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn history(&self, document: &str) -> Option<&[HistoryEntry]> {
        self.state
            .documents
            .get(document)
            .map(|d| d.history.as_slice())
    }

    /// A payment's state, if received in this account.
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.payment("P-1").unwrap().unapplied.to_string(), "100.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn payment(&self, id: &str) -> Option<&PaymentState> {
        self.state.payments.get(id)
    }

    /// All payments by id.
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.payments().count(), 1);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn payments(&self) -> impl Iterator<Item = (&str, &PaymentState)> {
        self.state.payments.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// All documents by id.
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.documents().map(|(id, _)| id).collect::<Vec<_>>(), ["INV-1"]);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn documents(&self) -> impl Iterator<Item = (&str, &DocumentState)> {
        self.state.documents.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Write-offs made by `written_off` events (short-payment write-offs are in the
    /// payments' allocations).
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert!(account.write_offs().is_empty());
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn write_offs(&self) -> &[WriteOff] {
        &self.state.write_offs
    }

    /// Promises to pay by id.
    ///
    /// # Example
    /// ```
    /// # use ar_core::ledger::*; use ar_core::documents::*; use ar_core::money::Currency;
    /// # let eur = Currency::from_code("EUR")?;
    /// # let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// # let mut account = Account::new(AccountConfig::new("ACME", eur));
    /// # let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    /// #     eur, "400.00".parse().unwrap()), &Default::default())?;
    /// # account.apply(&Event::new("e1", day(1), EventBody::DocumentIssued { document: inv }))?;
    /// # account.apply(&Event::new("e2", day(5), EventBody::payment("P-1", "500.00".parse().unwrap(), eur)))?;
    /// assert_eq!(account.promises().count(), 0);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn promises(&self) -> impl Iterator<Item = (&str, &Promise)> {
        self.state.promises.iter().map(|(k, v)| (k.as_str(), v))
    }

    // ----- helpers used by the application planner -----

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    pub(crate) fn item_open(
        &self,
        document: &str,
        installment: u32,
    ) -> Result<Decimal, LedgerError> {
        let ds = self.doc(document)?;
        ds.items
            .get(installment as usize)
            .map(|i| i.open)
            .ok_or_else(|| LedgerError::UnknownInstallment {
                document: document.to_string(),
                installment,
            })
    }

    pub(crate) fn scheduled_item(
        &self,
        document: &str,
        installment: u32,
    ) -> Option<&ScheduledItem> {
        self.state
            .documents
            .get(document)?
            .document
            .installments
            .get(installment as usize)
    }

    pub(crate) fn installment_count(&self, document: &str) -> Result<u32, LedgerError> {
        let n = self.doc(document)?.items.len();
        u32::try_from(n).map_err(|_| overflow())
    }

    fn doc(&self, document: &str) -> Result<&DocumentState, LedgerError> {
        self.state
            .documents
            .get(document)
            .ok_or_else(|| LedgerError::UnknownDocument {
                document: document.to_string(),
            })
    }

    /// A charge's reference: the principal document (and installment) exist, and no charge
    /// that is not voided has the same document, installment and key. Scans the account's
    /// charges only when a charge document is issued.
    fn check_charge(&self, id: &str, charge: &ChargeFor) -> Result<(), LedgerError> {
        let principal = self.doc(&charge.document)?;
        if let Some(inst) = charge.installment {
            if inst as usize >= principal.document.installments.len() {
                return Err(LedgerError::UnknownInstallment {
                    document: charge.document.clone(),
                    installment: inst,
                });
            }
        }
        let key = (
            charge.document.clone(),
            charge.installment,
            charge.key.clone(),
        );
        match self.index.charges.get(&key) {
            Some(existing) => Err(LedgerError::DuplicateCharge {
                document: id.to_string(),
                charged_for: charge.document.clone(),
                key: charge.key.clone(),
                existing: existing.clone(),
            }),
            None => Ok(()),
        }
    }

    /// A document money may be applied to: known, not void, a receivable.
    pub(crate) fn check_receivable(&self, document: &str, source: &str) -> Result<(), LedgerError> {
        let ds = self.doc(document)?;
        if ds.voided {
            return Err(LedgerError::VoidedDocument {
                document: document.to_string(),
            });
        }
        if ds.document.kind.is_credit() {
            return Err(LedgerError::SameSign {
                origin: source.to_string(),
                target: document.to_string(),
            });
        }
        Ok(())
    }

    /// A positive amount in whole minor units of the account currency.
    pub(crate) fn check_amount(&self, amount: Decimal) -> Result<(), LedgerError> {
        if amount <= Decimal::ZERO {
            return Err(LedgerError::NonPositiveAmount { amount });
        }
        let unit = self.state.config.currency.minor_unit()?;
        if !amount.checked_rem(unit).is_some_and(|r| r.is_zero()) {
            return Err(LedgerError::Allocation(AllocationError::NotRounded {
                amount,
                unit,
            }));
        }
        Ok(())
    }

    fn check_currency(&self, currency: Currency) -> Result<(), LedgerError> {
        let expected = self.state.config.currency;
        if currency != expected {
            return Err(LedgerError::Money(MoneyError::CurrencyMismatch {
                left: expected.code().to_string(),
                right: currency.code().to_string(),
            }));
        }
        Ok(())
    }

    /// The rate account currency -> reporting currency on `date`, when a reporting currency
    /// other than the account's is configured.
    fn reporting_rate(&self, date: NaiveDate) -> Result<Option<Rate>, LedgerError> {
        let config = &self.state.config;
        match config.reporting_currency {
            Some(r) if r != config.currency => {
                Ok(Some(self.state.rates.rate(config.currency, r, date)?))
            }
            _ => Ok(None),
        }
    }

    /// A payment's amount in the account currency, and what arrived when it was converted.
    fn convert_payment(
        &self,
        payment_id: &str,
        amount: Decimal,
        currency: Currency,
        rate: Option<Decimal>,
        date: NaiveDate,
    ) -> Result<(Decimal, Option<Received>), LedgerError> {
        let account = self.state.config.currency;
        if currency == account {
            if rate.is_some() {
                return Err(LedgerError::UnexpectedRate {
                    payment_id: payment_id.to_string(),
                    currency: currency.code().to_string(),
                });
            }
            return Ok((amount, None));
        }
        if amount <= Decimal::ZERO {
            return Err(LedgerError::NonPositiveAmount { amount });
        }
        let unit = currency.minor_unit()?;
        if !amount.checked_rem(unit).is_some_and(|r| r.is_zero()) {
            return Err(AllocationError::NotRounded { amount, unit }.into());
        }
        let used = match rate {
            Some(quoted) => {
                RateQuote::new(currency, account, quoted).validate()?;
                Rate {
                    quoted,
                    inverse: false,
                    date,
                }
            }
            None => self.state.rates.rate(currency, account, date)?,
        };
        let converted = used.convert(amount, account)?;
        Ok((
            converted,
            Some(Received {
                amount,
                currency,
                rate: used,
            }),
        ))
    }

    /// Sets each allocation's realized FX difference: its cash valued at the source's rate
    /// minus at the document's booking rate (no reporting currency: nothing to do).
    fn realize(
        &self,
        allocations: &mut [Allocation],
        source_rate: Option<Rate>,
    ) -> Result<(), LedgerError> {
        let (Some(source), Some(reporting)) = (source_rate, self.state.config.reporting_currency)
        else {
            return Ok(());
        };
        for a in allocations {
            let booked = self.doc(&a.document)?.reporting_rate.unwrap_or(source);
            let fx = sub(
                source.convert(a.amount, reporting)?,
                booked.convert(a.amount, reporting)?,
            )?;
            a.realized_fx = Some(fx);
        }
        Ok(())
    }

    // ----- planning -----

    #[allow(clippy::type_complexity)]
    fn plan(
        &self,
        event: &Event,
    ) -> Result<(Change, BTreeMap<(String, u32), Decimal>, Applied), LedgerError> {
        let mut applied = Applied {
            event: event.id.clone(),
            ..Applied::default()
        };
        let no_open = BTreeMap::new();
        match &event.body {
            EventBody::DocumentIssued { document } => {
                document.validate()?;
                if document.customer != self.state.config.customer {
                    return Err(LedgerError::WrongCustomer {
                        document: document.id.clone(),
                        customer: document.customer.clone(),
                        expected: self.state.config.customer.clone(),
                    });
                }
                self.check_currency(document.currency)?;
                if self.state.documents.contains_key(&document.id) {
                    return Err(LedgerError::DuplicateDocument {
                        document: document.id.clone(),
                    });
                }
                for reference in [&document.against, &document.revision_of]
                    .into_iter()
                    .flatten()
                {
                    self.doc(reference)?;
                }
                if let Some(charge) = &document.charge_for {
                    self.check_charge(&document.id, charge)?;
                }
                let reporting_rate = self.reporting_rate(document.date)?;
                let ds = DocumentState {
                    document: document.clone(),
                    voided: false,
                    items: document
                        .installments
                        .iter()
                        .map(|i| ItemState {
                            open: i.amount,
                            deducted: self.scaled(Decimal::ZERO),
                        })
                        .collect(),
                    applications: Vec::new(),
                    delivered_on: None,
                    opened_on: None,
                    history: vec![HistoryEntry {
                        event: event.id.clone(),
                        date: event.date,
                        kind: HistoryKind::Issued,
                        installment: None,
                        amount: document.total,
                        reason: format!(
                            "{} {} issued for {} {}",
                            document.kind.as_str().replace('_', " "),
                            document.id,
                            document.total,
                            document.currency
                        ),
                    }],
                    reporting_rate,
                };
                Ok((Change::Document(Box::new(ds)), no_open, applied))
            }
            EventBody::PaymentReceived {
                payment_id,
                amount,
                currency,
                rate,
                remittance,
                strategy,
                short_payment,
            } => {
                if self.state.payments.contains_key(payment_id) {
                    return Err(LedgerError::DuplicatePayment {
                        payment_id: payment_id.clone(),
                    });
                }
                let (amount, received) =
                    self.convert_payment(payment_id, *amount, *currency, *rate, event.date)?;
                self.check_amount(amount)?;
                let reporting_rate = match (&received, self.reporting_rate(event.date)?) {
                    // cash that arrived in the reporting currency is worth what arrived: the
                    // rate it was converted at, inverted
                    (Some(r), Some(_))
                        if Some(r.currency) == self.state.config.reporting_currency =>
                    {
                        Some(Rate {
                            inverse: !r.rate.inverse,
                            ..r.rate
                        })
                    }
                    (_, table) => table,
                };
                let mut planner = Planner::new(self, &event.id, payment_id, event.date);
                let mut left = amount;
                if !remittance.is_empty() {
                    left = planner.remittance(remittance, left)?;
                }
                let strategy = strategy.unwrap_or(if remittance.is_empty() {
                    self.state.config.strategy
                } else {
                    Strategy::Remittance
                });
                left = planner.auto(strategy, left, self.state.config.currency)?;
                let policy = short_payment
                    .as_ref()
                    .unwrap_or(&self.state.config.short_payment);
                planner.short_payment(policy, payment_id)?;
                add(self.state.unapplied, left)?;
                let plan = planner.plan;
                let mut deducted = Vec::new();
                for d in &plan.deductions {
                    let cur = self
                        .state
                        .documents
                        .get(&d.document)
                        .and_then(|ds| ds.items.get(d.installment as usize))
                        .map(|i| i.deducted)
                        .unwrap_or(Decimal::ZERO);
                    deducted.push((d.document.clone(), d.installment, add(cur, d.amount)?));
                }
                let mut allocations = plan.allocations;
                self.realize(&mut allocations, reporting_rate)?;
                applied.allocations = allocations.clone();
                applied.deductions = plan.deductions.clone();
                applied.unapplied_change = left;
                let state = PaymentState {
                    event: event.id.clone(),
                    date: event.date,
                    amount,
                    received,
                    reporting_rate,
                    allocations,
                    deductions: plan.deductions,
                    unapplied: self.scaled(left),
                    reversed: None,
                };
                Ok((
                    Change::Payment {
                        payment_id: payment_id.clone(),
                        state: Box::new(state),
                        deducted,
                    },
                    plan.new_open,
                    applied,
                ))
            }
            EventBody::PaymentReversed { payment_id, reason } => {
                let p = self.state.payments.get(payment_id).ok_or_else(|| {
                    LedgerError::UnknownPayment {
                        payment_id: payment_id.clone(),
                    }
                })?;
                if p.reversed.is_some() {
                    return Err(LedgerError::PaymentAlreadyReversed {
                        payment_id: payment_id.clone(),
                    });
                }
                let mut new_open: BTreeMap<(String, u32), Decimal> = BTreeMap::new();
                for a in &p.allocations {
                    let key = (a.document.clone(), a.installment);
                    let cur = match new_open.get(&key) {
                        Some(v) => *v,
                        None => self.item_open(&a.document, a.installment)?,
                    };
                    let back = add(add(a.amount, a.discount_taken)?, a.written_off)?;
                    new_open.insert(key, add(cur, back)?);
                    applied.restored.push(Restored {
                        document: a.document.clone(),
                        installment: a.installment,
                        amount: back,
                    });
                }
                let mut deducted = Vec::new();
                for d in &p.deductions {
                    let cur = self
                        .state
                        .documents
                        .get(&d.document)
                        .and_then(|ds| ds.items.get(d.installment as usize))
                        .map(|i| i.deducted)
                        .unwrap_or(Decimal::ZERO);
                    deducted.push((
                        d.document.clone(),
                        d.installment,
                        self.scaled(sub(cur, d.amount)?.max(Decimal::ZERO)),
                    ));
                }
                sub(self.state.unapplied, p.unapplied)?;
                applied.unapplied_change = -p.unapplied;
                let reversal = Reversal {
                    event: event.id.clone(),
                    date: event.date,
                    reason: reason.clone(),
                    unapplied_removed: self.scaled(p.unapplied),
                };
                Ok((
                    Change::Reverse {
                        payment_id: payment_id.clone(),
                        reversal,
                        deducted,
                    },
                    new_open,
                    applied,
                ))
            }
            EventBody::CreditApplied {
                credit_document,
                target_document,
                amount,
            } => {
                self.check_amount(*amount)?;
                self.check_receivable(target_document, credit_document)?;
                let (from_payment, available, source_rate) =
                    if let Some(ds) = self.state.documents.get(credit_document) {
                        if !ds.document.kind.is_credit() {
                            return Err(LedgerError::SameSign {
                                origin: credit_document.clone(),
                                target: target_document.clone(),
                            });
                        }
                        if ds.voided {
                            return Err(LedgerError::VoidedDocument {
                                document: credit_document.clone(),
                            });
                        }
                        let mut open = Decimal::ZERO;
                        for i in &ds.items {
                            open = sub(open, i.open)?;
                        }
                        (false, open, ds.reporting_rate)
                    } else if let Some(p) = self.state.payments.get(credit_document) {
                        (true, p.unapplied, p.reporting_rate)
                    } else {
                        return Err(LedgerError::UnknownDocument {
                            document: credit_document.clone(),
                        });
                    };
                if *amount > available {
                    return Err(LedgerError::InsufficientCredit {
                        credit: credit_document.clone(),
                        amount: *amount,
                        available,
                    });
                }
                let mut planner = Planner::new(self, &event.id, credit_document, event.date);
                let label = if from_payment {
                    format!("unapplied cash of {credit_document} applied")
                } else {
                    format!("credit {credit_document} applied")
                };
                planner.spread(target_document, None, *amount, false, &label)?;
                let mut plan = planner.plan;
                self.realize(&mut plan.allocations, source_rate)?;
                // the credit note's own items move toward zero, in installment order
                let mut credit_open = Vec::new();
                if !from_payment {
                    let ds = self.doc(credit_document)?;
                    let mut left = *amount;
                    for (i, item) in ds.items.iter().enumerate() {
                        if left <= Decimal::ZERO {
                            break;
                        }
                        let take = left.min(-item.open);
                        if take > Decimal::ZERO {
                            let inst = u32::try_from(i).map_err(|_| overflow())?;
                            credit_open.push((inst, add(item.open, take)?));
                            left = sub(left, take)?;
                        }
                    }
                } else {
                    applied.unapplied_change = -*amount;
                    sub(self.state.unapplied, *amount)?;
                }
                applied.allocations = plan.allocations;
                Ok((
                    Change::Credit {
                        source: credit_document.clone(),
                        from_payment,
                        credit_open,
                    },
                    plan.new_open,
                    applied,
                ))
            }
            EventBody::WrittenOff {
                document,
                installment,
                amount,
                reason_code,
            } => {
                self.check_amount(*amount)?;
                let ds = self.doc(document)?;
                if ds.voided {
                    return Err(LedgerError::VoidedDocument {
                        document: document.clone(),
                    });
                }
                if ds.document.kind.is_credit() {
                    return Err(LedgerError::NotAReceivable {
                        document: document.clone(),
                    });
                }
                let mut planner = Planner::new(self, &event.id, &event.id, event.date);
                planner.spread(
                    document,
                    *installment,
                    *amount,
                    true,
                    &format!("written off ({reason_code})"),
                )?;
                let plan = planner.plan;
                let records = plan
                    .allocations
                    .iter()
                    .map(|a| WriteOff {
                        event: event.id.clone(),
                        date: event.date,
                        document: a.document.clone(),
                        installment: a.installment,
                        amount: a.written_off,
                        reason_code: reason_code.clone(),
                    })
                    .collect();
                applied.allocations = plan.allocations;
                Ok((Change::WriteOffs(records), plan.new_open, applied))
            }
            EventBody::DisputeOpened {
                dispute_id,
                document,
                amount,
                reason_code,
            } => {
                if self.state.disputes.contains_key(dispute_id) {
                    return Err(LedgerError::DuplicateDispute {
                        dispute_id: dispute_id.clone(),
                    });
                }
                let ds = self.doc(document)?;
                if ds.voided {
                    return Err(LedgerError::VoidedDocument {
                        document: document.clone(),
                    });
                }
                if let Some(a) = amount {
                    self.check_amount(*a)?;
                    let mut open = Decimal::ZERO;
                    for i in &ds.items {
                        open = add(open, i.open.abs())?;
                    }
                    if *a > open {
                        return Err(LedgerError::DisputeExceedsOpen {
                            document: document.clone(),
                            amount: *a,
                            open,
                        });
                    }
                }
                let d = Dispute {
                    event: event.id.clone(),
                    date: event.date,
                    document: document.clone(),
                    amount: *amount,
                    reason_code: reason_code.clone(),
                    resolved: None,
                };
                Ok((Change::Dispute(dispute_id.clone(), d), no_open, applied))
            }
            EventBody::DisputeResolved {
                dispute_id,
                outcome,
            } => {
                let d = self.state.disputes.get(dispute_id).ok_or_else(|| {
                    LedgerError::UnknownDispute {
                        dispute_id: dispute_id.clone(),
                    }
                })?;
                if d.resolved.is_some() {
                    return Err(LedgerError::DisputeAlreadyResolved {
                        dispute_id: dispute_id.clone(),
                    });
                }
                Ok((
                    Change::Resolve(dispute_id.clone(), *outcome),
                    no_open,
                    applied,
                ))
            }
            EventBody::PromiseToPay {
                promise_id,
                amount,
                promised_date,
            } => {
                if self.state.promises.contains_key(promise_id) {
                    return Err(LedgerError::DuplicatePromise {
                        promise_id: promise_id.clone(),
                    });
                }
                self.check_amount(*amount)?;
                let p = Promise {
                    event: event.id.clone(),
                    date: event.date,
                    amount: *amount,
                    promised_date: *promised_date,
                };
                Ok((Change::Promise(promise_id.clone(), p), no_open, applied))
            }
            EventBody::InvoiceDelivered { document } | EventBody::InvoiceOpened { document } => {
                self.doc(document)?;
                let delivered = matches!(event.body, EventBody::InvoiceDelivered { .. });
                Ok((
                    Change::Delivered(document.clone(), delivered),
                    no_open,
                    applied,
                ))
            }
            EventBody::DocumentVoided { document } => {
                let ds = self.doc(document)?;
                if ds.voided {
                    return Err(LedgerError::VoidedDocument {
                        document: document.clone(),
                    });
                }
                let untouched = ds.applications.is_empty()
                    && ds
                        .items
                        .iter()
                        .zip(&ds.document.installments)
                        .all(|(i, s)| i.open == s.amount);
                if !untouched {
                    return Err(LedgerError::DocumentHasAllocations {
                        document: document.clone(),
                    });
                }
                Ok((Change::Void(document.clone()), no_open, applied))
            }
            EventBody::RatesPublished { rates } => {
                for q in rates {
                    q.validate()?;
                }
                Ok((Change::Rates(rates.clone()), no_open, applied))
            }
        }
    }

    // ----- committing (infallible: every value was computed and checked by `plan`) -----

    fn commit(
        &mut self,
        event: &Event,
        change: Change,
        new_open: BTreeMap<(String, u32), Decimal>,
        applied: &Applied,
    ) {
        let zero = self.scaled(Decimal::ZERO);
        self.state.event_ids.insert(event.id.clone());
        self.state.as_of = Some(self.state.as_of.map_or(event.date, |d| d.max(event.date)));
        for ((doc, inst), open) in &new_open {
            self.set_open(doc, *inst, *open);
        }
        let date = event.date;
        let push = |state: &mut AccountState, doc: &str, entry: HistoryEntry| {
            if let Some(ds) = state.documents.get_mut(doc) {
                ds.history.push(entry);
            }
        };
        let entry = |kind, installment, amount, reason: String| HistoryEntry {
            event: event.id.clone(),
            date,
            kind,
            installment,
            amount,
            reason,
        };
        let allocation_history = |state: &mut AccountState, kind: HistoryKind, a: &Allocation| {
            let mut out = Vec::new();
            if !a.amount.is_zero() {
                out.push(entry(kind, Some(a.installment), a.amount, a.reason.clone()));
            }
            if !a.discount_taken.is_zero() {
                out.push(entry(
                    HistoryKind::DiscountTaken,
                    Some(a.installment),
                    a.discount_taken,
                    a.reason.clone(),
                ));
            }
            if !a.written_off.is_zero() {
                out.push(entry(
                    HistoryKind::WriteOff,
                    Some(a.installment),
                    a.written_off,
                    a.reason.clone(),
                ));
            }
            if let Some(ds) = state.documents.get_mut(&a.document) {
                ds.history.extend(out);
            }
        };
        match change {
            Change::Document(ds) => {
                let id = ds.document.id.clone();
                let kind = ds.document.kind;
                for item in &ds.items {
                    self.shift_total(item.open, Decimal::ZERO);
                }
                if let Some(c) = &ds.document.charge_for {
                    self.index
                        .charges
                        .entry((c.document.clone(), c.installment, c.key.clone()))
                        .or_insert_with(|| id.clone());
                }
                self.state.documents.insert(id.clone(), *ds);
                if !kind.is_credit() {
                    let opens: Vec<(u32, Decimal)> = self
                        .state
                        .documents
                        .get(&id)
                        .map(|ds| {
                            ds.items
                                .iter()
                                .enumerate()
                                .map(|(i, it)| (u32::try_from(i).unwrap_or(u32::MAX), it.open))
                                .collect()
                        })
                        .unwrap_or_default();
                    for (inst, open) in opens {
                        self.index_insert(&id, inst, open);
                    }
                }
            }
            Change::Payment {
                payment_id,
                state,
                deducted,
            } => {
                for a in &state.allocations {
                    allocation_history(&mut self.state, HistoryKind::Payment, a);
                }
                for d in &state.deductions {
                    push(
                        &mut self.state,
                        &d.document,
                        entry(
                            HistoryKind::Deduction,
                            Some(d.installment),
                            d.amount,
                            format!("short payment by {payment_id}: residual {} recorded as a deduction ({})", d.amount, d.reason_code),
                        ),
                    );
                }
                for (doc, inst, value) in deducted {
                    self.set_deducted(&doc, inst, value);
                }
                self.state.unapplied += state.unapplied;
                self.state.payments.insert(payment_id, *state);
            }
            Change::Reverse {
                payment_id,
                reversal,
                deducted,
            } => {
                for r in &applied.restored {
                    let (doc, inst, amount) = (&r.document, &r.installment, &r.amount);
                    push(
                        &mut self.state,
                        doc,
                        entry(
                            HistoryKind::Reversal,
                            Some(*inst),
                            *amount,
                            format!(
                                "payment {payment_id} reversed ({}): {amount} reopened",
                                reversal.reason
                            ),
                        ),
                    );
                }
                for (doc, inst, value) in deducted {
                    self.set_deducted(&doc, inst, value);
                }
                self.state.unapplied -= reversal.unapplied_removed;
                if let Some(p) = self.state.payments.get_mut(&payment_id) {
                    p.unapplied = zero;
                    p.reversed = Some(reversal);
                }
            }
            Change::Credit {
                source,
                from_payment,
                credit_open,
            } => {
                for a in &applied.allocations {
                    allocation_history(&mut self.state, HistoryKind::Credit, a);
                }
                if from_payment {
                    let used = applied
                        .allocations
                        .iter()
                        .fold(Decimal::ZERO, |t, a| t.saturating_add(a.amount));
                    self.state.unapplied -= used;
                    if let Some(p) = self.state.payments.get_mut(&source) {
                        p.unapplied -= used;
                        p.allocations.extend(applied.allocations.iter().cloned());
                    }
                } else {
                    for (inst, open) in credit_open {
                        if let Some(item) = self
                            .state
                            .documents
                            .get_mut(&source)
                            .and_then(|ds| ds.items.get_mut(inst as usize))
                        {
                            let old = std::mem::replace(&mut item.open, open);
                            self.shift_total(open, old);
                        }
                    }
                    if let Some(ds) = self.state.documents.get_mut(&source) {
                        for a in &applied.allocations {
                            ds.history.push(HistoryEntry {
                                event: event.id.clone(),
                                date,
                                kind: HistoryKind::Credit,
                                installment: None,
                                amount: a.amount,
                                reason: a.reason.clone(),
                            });
                        }
                        ds.applications.extend(applied.allocations.iter().cloned());
                    }
                }
            }
            Change::WriteOffs(records) => {
                for a in &applied.allocations {
                    allocation_history(&mut self.state, HistoryKind::WriteOff, a);
                }
                self.state.write_offs.extend(records);
            }
            Change::Dispute(id, d) => {
                let doc = d.document.clone();
                let reason = format!(
                    "dispute {id} opened ({}){}",
                    d.reason_code,
                    d.amount.map(|a| format!(" for {a}")).unwrap_or_default()
                );
                push(
                    &mut self.state,
                    &doc,
                    entry(
                        HistoryKind::DisputeOpened,
                        None,
                        d.amount.unwrap_or(zero),
                        reason,
                    ),
                );
                self.state.disputes.insert(id, d);
            }
            Change::Resolve(id, outcome) => {
                let mut doc = None;
                if let Some(d) = self.state.disputes.get_mut(&id) {
                    d.resolved = Some(Resolution { date, outcome });
                    doc = Some(d.document.clone());
                }
                if let Some(doc) = doc {
                    push(
                        &mut self.state,
                        &doc,
                        entry(
                            HistoryKind::DisputeResolved,
                            None,
                            zero,
                            format!("dispute {id} resolved: {}", outcome.as_str()),
                        ),
                    );
                }
            }
            Change::Promise(id, p) => {
                self.state.promises.insert(id, p);
            }
            Change::Delivered(doc, delivered) => {
                if let Some(ds) = self.state.documents.get_mut(&doc) {
                    let (slot, kind, word) = if delivered {
                        (&mut ds.delivered_on, HistoryKind::Delivered, "delivered")
                    } else {
                        (&mut ds.opened_on, HistoryKind::Opened, "opened")
                    };
                    if slot.is_none() {
                        *slot = Some(date);
                    }
                    ds.history
                        .push(entry(kind, None, zero, format!("{doc} {word}")));
                }
            }
            Change::Rates(quotes) => {
                for q in &quotes {
                    // validated while planning, so this cannot fail
                    let _ = self.state.rates.insert(date, q);
                }
            }
            Change::Void(doc) => {
                let opens: Vec<(u32, Decimal)> = self
                    .state
                    .documents
                    .get(&doc)
                    .map(|ds| {
                        ds.items
                            .iter()
                            .enumerate()
                            .map(|(i, it)| (u32::try_from(i).unwrap_or(u32::MAX), it.open))
                            .collect()
                    })
                    .unwrap_or_default();
                for (inst, open) in opens {
                    self.shift_total(Decimal::ZERO, open);
                    self.index_remove(&doc, inst, open);
                }
                if let Some(ds) = self.state.documents.get_mut(&doc) {
                    ds.voided = true;
                    if let Some(c) = &ds.document.charge_for {
                        let key = (c.document.clone(), c.installment, c.key.clone());
                        if self.index.charges.get(&key) == Some(&doc) {
                            self.index.charges.remove(&key);
                        }
                    }
                    ds.history.push(entry(
                        HistoryKind::Voided,
                        None,
                        zero,
                        format!("{doc} voided"),
                    ));
                }
            }
        }
    }

    fn key_of(&self, document: &str, installment: u32) -> Option<(ItemKey, usize)> {
        let ds = self.state.documents.get(document)?;
        if ds.voided || ds.document.kind.is_credit() {
            return None;
        }
        let s = ds.document.installments.get(installment as usize)?;
        Some((
            ItemKey {
                due_date: s.due_date,
                document_date: ds.document.date,
                document: document.to_string(),
                installment,
            },
            class_of(ds.document.kind),
        ))
    }

    fn index_insert(&mut self, document: &str, installment: u32, open: Decimal) {
        if open <= Decimal::ZERO {
            return;
        }
        if let Some((key, class)) = self.key_of(document, installment) {
            self.index.classes[class].insert(key.clone());
            self.index.by_amount.entry(open).or_default().insert(key);
        }
    }

    fn index_remove(&mut self, document: &str, installment: u32, open: Decimal) {
        if let Some((key, class)) = self.key_of(document, installment) {
            self.index.classes[class].remove(&key);
            if let Some(set) = self.index.by_amount.get_mut(&open) {
                set.remove(&key);
                if set.is_empty() {
                    self.index.by_amount.remove(&open);
                }
            }
        }
    }

    fn set_open(&mut self, document: &str, installment: u32, open: Decimal) {
        let old = match self
            .state
            .documents
            .get_mut(document)
            .and_then(|ds| ds.items.get_mut(installment as usize))
        {
            Some(item) => std::mem::replace(&mut item.open, open),
            None => return,
        };
        self.shift_total(open, old);
        self.index_remove(document, installment, old);
        self.index_insert(document, installment, open);
    }

    /// Moves the running open total from `old` to `new` for one item.
    fn shift_total(&mut self, new: Decimal, old: Decimal) {
        self.index.open_total = self
            .index
            .open_total
            .and_then(|t| t.checked_sub(old))
            .and_then(|t| t.checked_add(new));
    }

    fn set_deducted(&mut self, document: &str, installment: u32, value: Decimal) {
        if let Some(item) = self
            .state
            .documents
            .get_mut(document)
            .and_then(|ds| ds.items.get_mut(installment as usize))
        {
            item.deducted = value;
        }
    }
}
