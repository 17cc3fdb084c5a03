//! Records and enums of the surface.
//!
//! Core types are re-declared here with `#[uniffi::remote(...)]`: the declaration must match
//! the core's field for field, and uniffi generates the FFI code for the core type itself, so
//! no conversion code exists for them. Doc comments here become the Swift and Kotlin docs.
//!
//! Two types cannot cross as they are: [`BusinessCalendar`] (its holidays are a `BTreeSet`,
//! which uniffi does not carry) and [`ScheduleOptions`], which holds one (the plan terms that
//! hold one are twins too, in [`crate::installments`]). They are
//! binding-side twins converted by [`impl_twin_conversions!`](crate::macros). [`CurrencyInfo`]
//! and [`IssuedInvoice`] (the core's `(Document, InvoiceTotals)` tuple) are plain result
//! records.
//!
//! Adding a field to a core record makes its declaration here fail to compile (uniffi builds
//! the core struct field by field), and so does a variant added to a core enum that is not
//! `#[non_exhaustive]`. A variant added to a `#[non_exhaustive]` core enum (`EventBody`,
//! `ShortPaymentPolicy`, `Part`, `DateStep`, `DiscountValue`) does not: add it here by hand
//! (until then the foreign side cannot build it, and lowering it panics, which uniffi reports
//! as an internal error).

use std::convert::identity;

use ar_core::allocation::{Part, ResidualPolicy, SplitOptions};
use ar_core::application::{Allocation, Deduction, RemittanceLine, ShortPaymentPolicy, Strategy};
use ar_core::calendar::{self, Roll};
use ar_core::discounts::{DiscountBase, DiscountRounding, PartialDiscount};
use ar_core::documents::{
    ChargeFor, Document, DocumentKind, InvoiceDraft, InvoiceLine, InvoiceTotals, ScheduledItem,
    SimpleDraft, TaxMode, TaxRate, TaxTotal,
};
use ar_core::fx::{DatedRate, Rate, RateQuote};
use ar_core::ledger::{
    AccountConfig, Applied, Dispute, DisputeOutcome, DocumentState, Event, EventBody, HistoryEntry,
    HistoryKind, ItemState, OpenItem, PaymentState, Promise, Received, ReportingBalance,
    Resolution, Restored, Reversal, WriteOff,
};
use ar_core::money::{Currency, Rounding, RoundingMode};
use ar_core::statement::{AgingBucket, LineKind, Statement, StatementLine, StatementOptions};
use ar_core::terms::{
    self, DateBasis, DateStep, DiscountOffer, DiscountTier, DiscountValue, Installment, Schedule,
    TermLine, Terms,
};
use chrono::{NaiveDate, Weekday};
use rust_decimal::Decimal;

use crate::macros::impl_twin_conversions;

// ---- money -------------------------------------------------------------------------------

/// How a value between two representable amounts is rounded (symmetric around zero).
#[uniffi::remote(Enum)]
pub enum RoundingMode {
    /// Half away from zero: 2.345 -> 2.35 (commercial rounding; the default).
    HalfUp,
    /// Half to even, banker's rounding: 2.345 -> 2.34, 2.355 -> 2.36.
    HalfEven,
    /// Toward zero (truncate): 2.349 -> 2.34.
    Down,
    /// Away from zero: 2.341 -> 2.35.
    Up,
}

/// A rounding rule: a mode, and the unit to round to (the currency's minor unit, or a
/// cash-rounding increment such as CHF 0.05).
#[uniffi::remote(Record)]
pub struct Rounding {
    /// How ties and remainders are resolved.
    pub mode: RoundingMode,
    /// Round to multiples of this amount instead of the currency's minor unit.
    #[uniffi(default = None)]
    pub increment: Option<Decimal>,
}

/// What ar-core knows about an ISO 4217 currency.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CurrencyInfo {
    /// The three-letter ISO code, e.g. `"EUR"`.
    pub code: String,
    /// The English name, e.g. `"Euro"`.
    pub name: String,
    /// Decimal places of the minor unit (EUR 2, JPY 0, KWD 3); absent for codes without one
    /// (XAU, XDR).
    pub minor_units: Option<u32>,
}

impl From<Currency> for CurrencyInfo {
    fn from(c: Currency) -> Self {
        CurrencyInfo {
            code: c.code().to_string(),
            name: c.name(),
            minor_units: c.minor_units(),
        }
    }
}

// ---- allocation --------------------------------------------------------------------------

/// One part of a split.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum Part {
    /// A percent of the total, e.g. `30` for 30 %.
    Percent {
        /// The percent.
        percent: Decimal,
    },
    /// A percent of what remains after the previous parts' rounded amounts (Tryton).
    PercentOfRemainder {
        /// The percent of the remainder.
        percent: Decimal,
    },
    /// An exact fraction of the total, e.g. 1/3.
    Fraction {
        /// Numerator.
        numerator: u32,
        /// Denominator (positive).
        denominator: u32,
    },
    /// A fixed amount; its sign follows the total (credit notes work).
    Fixed {
        /// The amount in the document's direction.
        amount: Decimal,
    },
    /// Whatever the other parts leave. At most one, and it must be the last part.
    Balance,
}

/// Which part absorbs the rounding residual when there is no balance part.
#[uniffi::remote(Enum)]
pub enum ResidualPolicy {
    /// The last part (default).
    Last,
    /// The first part.
    First,
    /// One unit each to the parts with the largest rounding remainders (ties: earlier part).
    LargestRemainder,
}

/// Options of `split`.
#[uniffi::remote(Record)]
pub struct SplitOptions {
    /// How each part is rounded, and to which unit.
    pub rounding: Rounding,
    /// Where the rounding residual goes when there is no balance part.
    pub residual: ResidualPolicy,
    /// Accept parts opposite in sign to the total (default: error `negative_part`).
    #[uniffi(default = false)]
    pub allow_negative: bool,
}

// ---- calendar ----------------------------------------------------------------------------

/// A day of the week.
#[uniffi::remote(Enum)]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// How a date that is not a business day is moved.
#[uniffi::remote(Enum)]
pub enum Roll {
    /// Keep the date as it is (default).
    None,
    /// The next business day.
    Following,
    /// The next business day, unless it is in the next month: then the previous one.
    ModifiedFollowing,
    /// The previous business day.
    Preceding,
    /// The previous business day, unless it is in the previous month: then the next one.
    ModifiedPreceding,
}

/// A business-day calendar supplied by the host: weekend days plus holiday dates.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BusinessCalendar {
    /// Days of the week that are never business days (usually Saturday and Sunday).
    pub weekend: Vec<Weekday>,
    /// Dates that are not business days (order and repeats do not matter).
    #[uniffi(default = [])]
    pub holidays: Vec<NaiveDate>,
}

impl_twin_conversions!(BusinessCalendar <=> calendar::BusinessCalendar {
    weekend: identity, identity;
    holidays: |h: Vec<NaiveDate>| h.into_iter().collect(), |h: std::collections::BTreeSet<NaiveDate>| h.into_iter().collect();
});

// ---- terms -------------------------------------------------------------------------------

/// One step of a due-date rule; a rule is a chain of steps applied in order to the base date.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DateStep {
    /// Add (or, negative, subtract) calendar days.
    Days {
        /// Number of days.
        days: i32,
    },
    /// Add (or subtract) calendar months, clamping the day to the month's length
    /// (31 Jan + 1 month = 28/29 Feb).
    Months {
        /// Number of months.
        months: i32,
    },
    /// Move to the last day of the current month.
    EndOfMonth,
    /// Move to day `day` of the current month, clamped to its length; `0` = last day.
    DayOfMonth {
        /// Day 0..=31.
        day: u8,
    },
    /// Move to month `month` of the current year, clamping the day.
    Month {
        /// Month 1..=12.
        month: u8,
    },
    /// Move forward to the given weekday; a date already on it stays.
    NextWeekday {
        /// The weekday.
        weekday: Weekday,
    },
    /// Proximo (GnuCash): day `day` of the next month, or of the month after when the date's
    /// day of month is after `cutoff` (inclusive; 0 or less counts back from month end).
    Proximo {
        /// Due day 0..=31 (0 = last day).
        day: u8,
        /// Cutoff day -30..=31.
        cutoff: i8,
    },
}

/// What an early-payment discount takes off.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum DiscountValue {
    /// A percent of the installment amount, rounded to the currency.
    Percent {
        /// The percent, e.g. `2` for 2 %.
        percent: Decimal,
    },
    /// A fixed amount (sign follows the document).
    Fixed {
        /// The amount.
        amount: Decimal,
    },
}

/// An early-payment discount tier; the deadline day (steps from the base date) is inclusive.
#[uniffi::remote(Record)]
pub struct DiscountTier {
    /// What the discount takes off.
    pub value: DiscountValue,
    /// The last day (inclusive) the discount is earned, as steps from the base date.
    pub deadline: Vec<DateStep>,
}

/// One installment line of a term: its portion, due-date rule and discount tiers.
#[uniffi::remote(Record)]
pub struct TermLine {
    /// The share of the amount this line carries.
    pub portion: Part,
    /// The due-date rule: steps applied to the base date (empty: due on the base date).
    #[uniffi(default = [])]
    pub due: Vec<DateStep>,
    /// Early-payment discount tiers, each with its own deadline.
    #[uniffi(default = [])]
    pub discounts: Vec<DiscountTier>,
}

/// Which date of the document the schedule counts from (stored with the terms).
#[uniffi::remote(Enum)]
pub enum DateBasis {
    /// The invoice (document) date (default).
    Document,
    /// The delivery date.
    Delivery,
    /// The date the customer received the invoice.
    Receipt,
    /// A date the host chooses.
    Given,
}

/// Payment terms: installment lines plus how amounts are rounded and dates rolled.
/// Defaults (as in the JSON shape): `HALF_UP`, `LAST`, `NONE`, `DOCUMENT`.
#[uniffi::remote(Record)]
pub struct Terms {
    /// Installment lines, in order.
    pub lines: Vec<TermLine>,
    /// How each installment and discount is rounded.
    pub rounding: RoundingMode,
    /// Which line takes the rounding residual when no line is a balance.
    pub residual: ResidualPolicy,
    /// How due dates that fall on non-business days move.
    pub roll: Roll,
    /// Which document date the base date is.
    pub basis: DateBasis,
}

/// Options of `schedule` that belong to the host rather than to the terms.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct ScheduleOptions {
    /// The business-day calendar for the terms' roll (absent: Saturday and Sunday off).
    #[uniffi(default = None)]
    pub calendar: Option<BusinessCalendar>,
    /// Round installments to multiples of this amount (cash rounding, e.g. CHF 0.05).
    #[uniffi(default = None)]
    pub cash_increment: Option<Decimal>,
    /// Accept installments opposite in sign to the amount.
    #[uniffi(default = false)]
    pub allow_negative: bool,
}

impl_twin_conversions!(ScheduleOptions <=> terms::ScheduleOptions {
    calendar: |c: Option<BusinessCalendar>| c.map(Into::into), |c: Option<calendar::BusinessCalendar>| c.map(Into::into);
    cash_increment: identity, identity;
    allow_negative: identity, identity;
});

/// An early-payment discount offered on one installment.
#[uniffi::remote(Record)]
pub struct DiscountOffer {
    /// The last day (inclusive) the discount is earned.
    pub deadline: NaiveDate,
    /// The discount, rounded to the currency.
    pub discount: Decimal,
    /// What settles the installment by the deadline: amount minus discount.
    pub amount_due: Decimal,
}

/// One installment of a schedule.
#[uniffi::remote(Record)]
pub struct Installment {
    /// The due date, after the business-day roll.
    pub due_date: NaiveDate,
    /// The amount due.
    pub amount: Decimal,
    /// Early-payment discounts, one per tier, in the terms' order.
    pub discounts: Vec<DiscountOffer>,
    /// How the due date was reached, for people.
    pub reason: String,
}

/// The full schedule of a term for an amount and a base date.
#[uniffi::remote(Record)]
pub struct Schedule {
    /// The ISO code of the currency of all amounts.
    pub currency: Currency,
    /// The amount scheduled; the installments sum to it exactly.
    pub total: Decimal,
    /// The installments, in the terms' line order.
    pub installments: Vec<Installment>,
}

// ---- documents ---------------------------------------------------------------------------

/// What a document is. Invoices, debit notes and charges are receivables (positive totals);
/// credit notes are credits (negative totals).
#[uniffi::remote(Enum)]
pub enum DocumentKind {
    /// A sales invoice (principal).
    Invoice,
    /// A credit note (negative), optionally against an invoice.
    CreditNote,
    /// A debit note (principal, positive).
    DebitNote,
    /// A late fee or other cost charged to the customer ("costs" in the statutory order).
    FeeCharge,
    /// Interest charged on overdue amounts.
    InterestCharge,
}

/// One installment of a document: its due date, amount and early-payment offers (a
/// snapshot of the schedule at issue).
#[uniffi::remote(Record)]
pub struct ScheduledItem {
    /// The due date.
    pub due_date: NaiveDate,
    /// The amount (same sign as the document's total).
    pub amount: Decimal,
    /// Early-payment discount offers, each with its inclusive deadline.
    #[uniffi(default = [])]
    pub discounts: Vec<DiscountOffer>,
}

/// A receivable document as the ledger stores it: its signed total and a snapshot of its
/// schedule, one `ScheduledItem` per installment (each its own open item in the account).
#[uniffi::remote(Record)]
pub struct Document {
    /// The document id, unique in the account.
    pub id: String,
    /// What the document is.
    pub kind: DocumentKind,
    /// The customer (account) id.
    pub customer: String,
    /// The document date.
    pub date: NaiveDate,
    /// The ISO code of the currency of every amount.
    pub currency: Currency,
    /// The signed total: positive for receivables, negative for credit notes.
    pub total: Decimal,
    /// The schedule snapshot; sums to `total` exactly.
    pub installments: Vec<ScheduledItem>,
    /// The payment terms in force at issue (a snapshot, never updated).
    #[uniffi(default = None)]
    pub terms: Option<Terms>,
    /// For a credit note: the invoice it credits.
    #[uniffi(default = None)]
    pub against: Option<String>,
    /// For a revised invoice: the id of the document it revises.
    #[uniffi(default = None)]
    pub revision_of: Option<String>,
    /// Only on a fee or interest charge: the principal it is charged for and the charge's
    /// idempotency key; the ledger refuses a second charge with the same reference
    /// (`duplicate_charge`).
    #[uniffi(default = None)]
    pub charge_for: Option<ChargeFor>,
}

/// On a fee or interest charge: what it is charged for, and its idempotency key.
#[uniffi::remote(Record)]
pub struct ChargeFor {
    /// The principal document; must be issued in the account (`unknown_document`).
    pub document: String,
    /// The principal's installment (zero-based) when the charge is for one; absent: the
    /// whole document.
    #[uniffi(default = None)]
    pub installment: Option<u32>,
    /// The idempotency key: `level-1`, `level-2/period-3` (fees), `through-2024-03-31`
    /// (interest). Not empty.
    pub key: String,
    /// Interest: the first day the charge covers (inclusive).
    #[uniffi(default = None)]
    pub from: Option<NaiveDate>,
    /// Interest: the last day the charge covers (inclusive; not before `from`).
    #[uniffi(default = None)]
    pub through: Option<NaiveDate>,
}

/// A tax applied to a line: a code and a percent (`19` for 19 %).
#[uniffi::remote(Record)]
pub struct TaxRate {
    /// The tax code, e.g. `"VAT19"`; one code always has one percent within an invoice.
    pub code: String,
    /// The percent, e.g. `19`.
    pub percent: Decimal,
}

/// One invoice line.
#[uniffi::remote(Record)]
pub struct InvoiceLine {
    /// What is sold.
    pub description: String,
    /// The quantity (may be fractional or negative, e.g. a returned item).
    pub quantity: Decimal,
    /// The unit price: net in exclusive mode, gross (tax included) in inclusive mode.
    pub unit_price: Decimal,
    /// A line discount in percent, 0..=100 (`0` for none).
    pub discount_percent: Decimal,
    /// The taxes on this line (each computed on the line amount, not compounded).
    #[uniffi(default = [])]
    pub tax_rates: Vec<TaxRate>,
}

/// Whether line prices exclude or include tax.
#[uniffi::remote(Enum)]
pub enum TaxMode {
    /// Prices are net; tax is added (B2B; the JSON default).
    Exclusive,
    /// Prices are gross; tax is extracted from them (retail).
    Inclusive,
}

/// Everything needed to issue an invoice with `issueInvoice`.
#[uniffi::remote(Record)]
pub struct InvoiceDraft {
    /// The invoice id.
    pub id: String,
    /// The customer id.
    pub customer: String,
    /// The invoice date.
    pub date: NaiveDate,
    /// The ISO code of the currency.
    pub currency: Currency,
    /// The lines.
    pub lines: Vec<InvoiceLine>,
    /// Exclusive or inclusive prices (the JSON default is exclusive).
    pub tax_mode: TaxMode,
    /// Payment terms; absent: due on the base date.
    #[uniffi(default = None)]
    pub terms: Option<Terms>,
    /// The date the terms count from; absent: the invoice date.
    #[uniffi(default = None)]
    pub base_date: Option<NaiveDate>,
    /// How line amounts and taxes are rounded to the currency (the JSON default is half-up).
    pub rounding: RoundingMode,
    /// What percent early-payment discounts are taken on (the JSON default is `GROSS`);
    /// `MIXED` also reduces each tax code at invoicing (exclusive prices and one discount
    /// percent only).
    pub discount_base: DiscountBase,
    /// Which amount a percent discount rounds: the discount (the JSON default) or the amount
    /// due (as Odoo).
    pub discount_rounding: DiscountRounding,
}

/// The total of one tax code on an invoice.
#[uniffi::remote(Record)]
pub struct TaxTotal {
    /// The tax code.
    pub code: String,
    /// Its percent.
    pub percent: Decimal,
    /// The sum of the rounded amounts of the lines carrying it (net in exclusive mode, gross
    /// in inclusive mode).
    pub base: Decimal,
    /// The tax, rounded once for the code.
    pub amount: Decimal,
    /// Only with the `MIXED` discount base and a discount: the percent the base was reduced
    /// by before the tax was computed.
    #[uniffi(default = None)]
    pub discount_percent: Option<Decimal>,
}

/// The exact totals of an invoice: `net + tax = gross`, and `gross` is the document total.
#[uniffi::remote(Record)]
pub struct InvoiceTotals {
    /// Each line's rounded amount (net in exclusive mode, gross in inclusive mode).
    pub lines: Vec<Decimal>,
    /// One total per tax code, in order of first appearance.
    pub taxes: Vec<TaxTotal>,
    /// The net (untaxed) total.
    pub net: Decimal,
    /// The tax total.
    pub tax: Decimal,
    /// The gross total, `net + tax`.
    pub gross: Decimal,
}

/// What `issueInvoice` returns: the document to put in a `DocumentIssued` event, and the
/// invoice's totals. (The core returns the pair as a tuple, which cannot cross uniffi.)
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IssuedInvoice {
    /// The document, with its schedule snapshot.
    pub document: Document,
    /// The line, tax, net and gross totals.
    pub totals: InvoiceTotals,
}

impl From<(Document, InvoiceTotals)> for IssuedInvoice {
    fn from((document, totals): (Document, InvoiceTotals)) -> Self {
        IssuedInvoice { document, totals }
    }
}

/// A credit note, debit note, fee or interest charge: one amount, optional terms
/// (`issueSimple`).
#[uniffi::remote(Record)]
pub struct SimpleDraft {
    /// What the document is (any kind but `INVOICE` is typical; an invoice works too).
    pub kind: DocumentKind,
    /// The document id.
    pub id: String,
    /// The customer id.
    pub customer: String,
    /// The document date.
    pub date: NaiveDate,
    /// The ISO code of the currency.
    pub currency: Currency,
    /// The amount as a positive magnitude; credit notes are stored negative.
    pub amount: Decimal,
    /// Payment terms; absent: one installment due on the document date.
    #[uniffi(default = None)]
    pub terms: Option<Terms>,
    /// For a credit note: the invoice it credits.
    #[uniffi(default = None)]
    pub against: Option<String>,
    /// For a revision: the document it revises.
    #[uniffi(default = None)]
    pub revision_of: Option<String>,
    /// For a fee or interest charge: what it is charged for (copied to the document).
    #[uniffi(default = None)]
    pub charge_for: Option<ChargeFor>,
}

// ---- application -------------------------------------------------------------------------

/// How a payment is spread over open items.
#[uniffi::remote(Enum)]
pub enum Strategy {
    /// Only the remittance lines; what they leave stays unapplied.
    Remittance,
    /// Oldest due first (the default): due date, document date, document id, installment.
    OldestDueFirst,
    /// An open item whose open amount equals the payment exactly, else oldest due first.
    ExactAmountFirst,
    /// Every open item in proportion to its open amount, summing exactly.
    Proportional,
    /// Costs (fee charges), then interest charges, then principal, each oldest due first
    /// (BGB section 367).
    Statutory,
}

/// What happens to the residual of an item a payment reached but did not close.
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum ShortPaymentPolicy {
    /// The residual stays open (the default).
    LeaveResidual,
    /// The residual stays open and is recorded as a deduction with a reason code (the
    /// customer's claim, to be investigated); it does not change the balance.
    Deduction {
        /// Why the customer short-paid.
        reason_code: String,
    },
    /// A residual at or under `tolerance` is written off; a larger one stays open.
    WriteOff {
        /// The largest residual written off.
        tolerance: Decimal,
        /// The write-off's reason code.
        reason_code: String,
    },
}

/// One application of a payment or a credit to one installment.
///
/// `amount` is cash (or credit) applied; the installment's open amount went down by
/// `amount + discountTaken + writtenOff`.
#[uniffi::remote(Record)]
pub struct Allocation {
    /// The event that made the allocation.
    pub event: String,
    /// The payment id or credit document id whose money was applied.
    pub source: String,
    /// The document paid.
    pub document: String,
    /// The installment paid (zero-based; reasons print it one-based, `#1`).
    pub installment: u32,
    /// The cash or credit applied.
    pub amount: Decimal,
    /// An early-payment discount taken on this installment.
    pub discount_taken: Decimal,
    /// A residual written off under the short-payment tolerance.
    pub written_off: Decimal,
    /// Why, for people.
    pub reason: String,
    /// With a reporting currency: the FX difference realized on `amount`, in the reporting
    /// currency: `amount` valued at the source's rate (the payment's, or the credit note's)
    /// minus `amount` valued at the document's booking rate, each rounded half up. Positive is
    /// a gain. Discounts and write-offs are valued at the document's rate and realize none.
    #[uniffi(default = None)]
    pub realized_fx: Option<Decimal>,
}

/// A short payment recorded as a deduction: the residual stays open, flagged with a reason.
#[uniffi::remote(Record)]
pub struct Deduction {
    /// The payment event.
    pub event: String,
    /// The payment id.
    pub payment_id: String,
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// The residual left open.
    pub amount: Decimal,
    /// Why the customer short-paid.
    pub reason_code: String,
}

/// One remittance line: which document (and installment) the customer says the money is for.
#[uniffi::remote(Record)]
pub struct RemittanceLine {
    /// The document paid.
    pub document: String,
    /// The installment (zero-based); absent: the document's installments in order.
    #[uniffi(default = None)]
    pub installment: Option<u32>,
    /// The cash for this line.
    pub amount: Decimal,
    /// A discount the customer took; must not exceed the offer eligible on the payment date.
    /// Without it, a line paying exactly the discounted amount in the window takes the offer.
    #[uniffi(default = None)]
    pub discount: Option<Decimal>,
}

// ---- fx ----------------------------------------------------------------------------------

/// One exchange-rate quote: 1 `from` = `rate` `to` (published with a `RatesPublished` event,
/// in force from the event's date).
#[uniffi::remote(Record)]
pub struct RateQuote {
    /// The ISO code of the currency quoted.
    pub from: Currency,
    /// The ISO code of the currency it is quoted in.
    pub to: Currency,
    /// How many units of `to` one unit of `from` buys (positive).
    pub rate: Decimal,
}

/// A quote with the day it takes effect (an entry of the account's rate table).
#[uniffi::remote(Record)]
pub struct DatedRate {
    /// The first day the quote is in force.
    pub date: NaiveDate,
    /// The ISO code of the currency quoted.
    pub from: Currency,
    /// The ISO code of the currency it is quoted in.
    pub to: Currency,
    /// How many units of `to` one unit of `from` buys.
    pub rate: Decimal,
}

/// The rate found for a pair on a day.
#[uniffi::remote(Record)]
pub struct Rate {
    /// The quote's value as stored (for an inverse quote, the `to -> from` value).
    pub quoted: Decimal,
    /// `true` when the quote is for the inverse pair, so converting divides by `quoted`.
    pub inverse: bool,
    /// The day the quote took effect.
    pub date: NaiveDate,
}

// ---- ledger ------------------------------------------------------------------------------

/// The account's fixed settings (`strategy` and `shortPayment` are `OLDEST_DUE_FIRST` and
/// `LeaveResidual` in the JSON default).
#[uniffi::remote(Record)]
pub struct AccountConfig {
    /// The customer id; documents of other customers are refused.
    pub customer: String,
    /// The ISO code of the account currency: every document of the account is in it.
    /// Payments may arrive in another currency and are converted at the payment's rate.
    pub currency: Currency,
    /// The default application strategy.
    pub strategy: Strategy,
    /// The default short-payment policy.
    pub short_payment: ShortPaymentPolicy,
    /// The ISO code of the company's reporting (functional) currency, when it is not the
    /// account currency: every document and payment is then booked at the rate in force on
    /// its date, each allocation reports its realized FX, and `Account.reportingBalance`
    /// states the balance in it. Absent: no reporting conversion.
    #[uniffi(default = None)]
    pub reporting_currency: Option<Currency>,
    /// What a payment inside a discount window that does not cover the discounted amount
    /// earns: nothing (`NONE`, the JSON default) or a pro-rata discount (`PRO_RATA`).
    pub partial_discount: PartialDiscount,
}

/// How a dispute ended.
#[uniffi::remote(Enum)]
pub enum DisputeOutcome {
    /// The customer was right (the host issues a credit note separately).
    Accepted,
    /// The claim was rejected; the amount is owed.
    Rejected,
    /// The customer withdrew the claim.
    Withdrawn,
}

/// What happened (the body of an `Event`).
#[uniffi::remote(Enum)]
#[non_exhaustive]
pub enum EventBody {
    /// A document was issued.
    DocumentIssued {
        /// The document (from `issueSimple` or `issueInvoice`).
        document: Document,
    },
    /// A payment arrived. Remittance lines are applied first; the rest goes by `strategy`
    /// (absent: the account's strategy without lines, `REMITTANCE` with lines, which leaves
    /// the rest unapplied).
    ///
    /// A payment in another currency than the account's is converted first, at `rate` when
    /// given, else at the account's rate table on the payment date (refused with
    /// `missing_rate` when there is none), rounded half up to the account currency;
    /// remittance amounts are in the account currency.
    PaymentReceived {
        /// The payment id, unique in the account.
        payment_id: String,
        /// The amount received (positive), in `currency`.
        amount: Decimal,
        /// The ISO code of the currency received.
        currency: Currency,
        /// The rate `currency -> account currency` the bank applied (1 `currency` = `rate`
        /// account currency); only for a payment in another currency.
        #[uniffi(default = None)]
        rate: Option<Decimal>,
        /// What the customer says the money is for.
        #[uniffi(default = [])]
        remittance: Vec<RemittanceLine>,
        /// How to apply it; absent: as above.
        #[uniffi(default = None)]
        strategy: Option<Strategy>,
        /// What to do with residuals; absent: the account's policy.
        #[uniffi(default = None)]
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
        /// The installment (zero-based); absent: the installments in order.
        #[uniffi(default = None)]
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
        /// The amount disputed; absent: the whole open amount.
        #[uniffi(default = None)]
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

/// One event of the history: an id unique in the account, the business date, what happened.
#[uniffi::remote(Record)]
pub struct Event {
    /// The event id.
    pub id: String,
    /// The business date (payment date, issue date, ...).
    pub date: NaiveDate,
    /// What happened.
    pub body: EventBody,
}

/// What a history entry records.
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Record)]
pub struct HistoryEntry {
    /// The event.
    pub event: String,
    /// Its date.
    pub date: NaiveDate,
    /// What happened.
    pub kind: HistoryKind,
    /// The installment concerned (zero-based), if one.
    pub installment: Option<u32>,
    /// The amount concerned (zero when none).
    pub amount: Decimal,
    /// For people.
    pub reason: String,
}

/// The state of one installment.
#[uniffi::remote(Record)]
pub struct ItemState {
    /// What is open (signed like the document).
    pub open: Decimal,
    /// Residuals recorded as deductions (still part of `open`).
    pub deducted: Decimal,
}

/// A document in the account, with its installments' state and history.
#[uniffi::remote(Record)]
pub struct DocumentState {
    /// The document as issued.
    pub document: Document,
    /// Whether it was voided.
    pub voided: bool,
    /// One state per installment.
    pub items: Vec<ItemState>,
    /// For a credit note: where its credit went.
    pub applications: Vec<Allocation>,
    /// The first delivery date.
    pub delivered_on: Option<NaiveDate>,
    /// The first date the customer opened it.
    pub opened_on: Option<NaiveDate>,
    /// Everything that happened to it, in order.
    pub history: Vec<HistoryEntry>,
    /// With a reporting currency: the rate account currency -> reporting currency in force on
    /// the document date, at which the document is booked.
    pub reporting_rate: Option<Rate>,
}

/// A payment's reversal.
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
pub struct PaymentState {
    /// The receiving event.
    pub event: String,
    /// The payment date.
    pub date: NaiveDate,
    /// The amount received, in the account currency (converted when it arrived in another).
    pub amount: Decimal,
    /// For a payment in another currency: what arrived and the rate used.
    pub received: Option<Received>,
    /// With a reporting currency: the rate account currency -> reporting currency in force on
    /// the payment date, at which its cash is valued.
    pub reporting_rate: Option<Rate>,
    /// Where it went, including later applications of its unapplied cash.
    pub allocations: Vec<Allocation>,
    /// Residuals it left as deductions.
    pub deductions: Vec<Deduction>,
    /// What is still unapplied (zero once reversed).
    pub unapplied: Decimal,
    /// Set when the payment bounced.
    pub reversed: Option<Reversal>,
}

/// A payment received in another currency than the account's.
#[uniffi::remote(Record)]
pub struct Received {
    /// The amount that arrived.
    pub amount: Decimal,
    /// The ISO code of its currency.
    pub currency: Currency,
    /// The rate used to convert it into the account currency.
    pub rate: Rate,
}

/// The account's balance stated in its reporting currency (`Account.reportingBalance`).
#[uniffi::remote(Record)]
pub struct ReportingBalance {
    /// The ISO code of the reporting currency (the account currency when none is configured).
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
#[uniffi::remote(Record)]
pub struct Dispute {
    /// The opening event.
    pub event: String,
    /// Opened on.
    pub date: NaiveDate,
    /// The document.
    pub document: String,
    /// The amount; absent: the whole open amount.
    pub amount: Option<Decimal>,
    /// Why.
    pub reason_code: String,
    /// How and when it ended.
    pub resolved: Option<Resolution>,
}

/// How and when a dispute ended.
#[uniffi::remote(Record)]
pub struct Resolution {
    /// The resolving event's date.
    pub date: NaiveDate,
    /// The outcome.
    pub outcome: DisputeOutcome,
}

/// An amount a reversal reopened.
#[uniffi::remote(Record)]
pub struct Restored {
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// The amount reopened (cash, discount and write-off of the reversed allocations).
    pub amount: Decimal,
}

/// A promise to pay.
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
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
#[uniffi::remote(Record)]
pub struct Applied {
    /// The event id.
    pub event: String,
    /// New allocations (payments, credits, write-offs).
    pub allocations: Vec<Allocation>,
    /// New deductions.
    pub deductions: Vec<Deduction>,
    /// Amounts reopened by a reversal.
    pub restored: Vec<Restored>,
    /// The change in unapplied cash (positive: added; negative: used or removed).
    pub unapplied_change: Decimal,
}

// ---- statement ---------------------------------------------------------------------------

/// Options of `statement` (absent altogether: 14 days, bounds 30/60/90/120).
#[uniffi::remote(Record)]
pub struct StatementOptions {
    /// Items due within this many days after `to` are listed as due soon (core default 14).
    pub due_soon_days: u32,
    /// Upper bounds (inclusive) of the past-due buckets in days (core default
    /// `[30, 60, 90, 120]`, giving current / 1-30 / 31-60 / 61-90 / 91-120 / over 120).
    pub bucket_bounds: Vec<u32>,
}

/// What a statement line is.
#[uniffi::remote(Enum)]
pub enum LineKind {
    /// A document issued (its kind says which).
    Document,
    /// A payment received (cash, plus discounts and write-offs it settled).
    Payment,
    /// A payment reversed (bounced).
    Reversal,
    /// An amount written off.
    WriteOff,
    /// A document voided.
    Void,
    /// Any other event that changed the balance.
    Other,
}

/// One line of a statement: an event that changed the balance.
#[uniffi::remote(Record)]
pub struct StatementLine {
    /// The event date.
    pub date: NaiveDate,
    /// The event id.
    pub event: String,
    /// What it is.
    pub kind: LineKind,
    /// For documents, their kind.
    pub document_kind: Option<DocumentKind>,
    /// The document or payment id.
    pub reference: String,
    /// The change in balance (positive: owed more).
    pub amount: Decimal,
    /// The balance after this line.
    pub balance: Decimal,
    /// For people.
    pub description: String,
}

/// One aging bucket.
#[uniffi::remote(Record)]
pub struct AgingBucket {
    /// `"current"`, `"1-30"`, ..., `"over 120"`.
    pub label: String,
    /// Open receivable amount whose days past due fall in the bucket.
    pub amount: Decimal,
}

/// A statement for a period.
#[uniffi::remote(Record)]
pub struct Statement {
    /// The customer.
    pub customer: String,
    /// The first day of the period.
    pub from: NaiveDate,
    /// The last day of the period (the aging date).
    pub to: NaiveDate,
    /// The balance at the end of the day before `from`.
    pub opening_balance: Decimal,
    /// Events in the period that changed the balance, in history order.
    pub lines: Vec<StatementLine>,
    /// The balance at the end of `to`.
    pub closing_balance: Decimal,
    /// Open receivables by days past due on `to` (not yet due: current). They sum to the
    /// receivables open; with `credits` they sum to the closing balance.
    pub aging: Vec<AgingBucket>,
    /// Open credit notes and unapplied cash (zero or negative), in their own column.
    pub credits: Decimal,
    /// The amount under open disputes.
    pub disputed: Decimal,
    /// Receivable items due after `to` and within `dueSoonDays` of it.
    pub due_soon: Vec<OpenItem>,
}
