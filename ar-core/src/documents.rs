//! Receivable documents: invoices (with exact line, tax and schedule totals), credit notes,
//! debit notes, fee and interest charges.
//!
//! A [`Document`] is what the ledger stores: its signed total and a snapshot of its schedule,
//! one [`ScheduledItem`] per installment. Each installment becomes its own open item in the
//! [`crate::ledger`]. Invoices are built from an [`InvoiceDraft`] with [`issue_invoice`];
//! the other kinds from a [`SimpleDraft`] with [`issue_simple`].
//!
//! ```
//! use ar_core::documents::{issue_invoice, InvoiceDraft, InvoiceLine, TaxMode, TaxRate};
//! use ar_core::terms::{ScheduleOptions, Terms};
//! use ar_core::money::Currency;
//! use chrono::NaiveDate;
//!
//! let draft = InvoiceDraft {
//!     id: "INV-1".into(),
//!     customer: "ACME".into(),
//!     date: NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
//!     currency: Currency::from_code("EUR")?,
//!     lines: vec![InvoiceLine::new("widget", "3".parse().unwrap(), "19.99".parse().unwrap())
//!         .with_tax("VAT19", "19".parse().unwrap())],
//!     tax_mode: TaxMode::Exclusive,
//!     terms: Some(Terms::net(30)),
//!     base_date: None,
//!     rounding: Default::default(),
//!     discount_base: Default::default(),
//!     discount_rounding: Default::default(),
//! };
//! let (doc, totals) = issue_invoice(&draft, &ScheduleOptions::default())?;
//! assert_eq!(totals.net.to_string(), "59.97");
//! assert_eq!(totals.tax.to_string(), "11.39");
//! assert_eq!(doc.total.to_string(), "71.36");
//! assert_eq!(doc.installments[0].due_date.to_string(), "2024-02-09");
//! # Ok::<(), ar_core::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::discounts::{
    self, DiscountBase, DiscountError, DiscountRounding, DocumentDiscount, EarnedDiscount,
};
use crate::money::{Currency, MoneyError, Rounding, RoundingMode};
use crate::terms::{schedule, DiscountOffer, DiscountValue, ScheduleOptions, Terms, TermsError};

/// Errors of building and validating documents.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// A document id must not be empty.
    #[error("a document id must not be empty")]
    EmptyId,
    /// An invoice needs at least one line.
    #[error("invoice `{document}` needs at least one line")]
    NoInvoiceLines {
        /// The document id.
        document: String,
    },
    /// A line discount outside 0..=100 percent.
    #[error("discount `{percent}` % of line {line} is not between 0 and 100")]
    InvalidLineDiscount {
        /// Zero-based line index.
        line: usize,
        /// The percent as given.
        percent: Decimal,
    },
    /// A negative tax rate.
    #[error("tax rate `{code}` of `{percent}` % must not be negative")]
    InvalidTaxRate {
        /// The tax code.
        code: String,
        /// The percent as given.
        percent: Decimal,
    },
    /// The same tax code used with two different percents.
    #[error("tax code `{code}` is used with two rates, `{first}` and `{second}`")]
    ConflictingTaxRate {
        /// The tax code.
        code: String,
        /// The first percent seen.
        first: Decimal,
        /// The conflicting percent.
        second: Decimal,
    },
    /// A total of zero, or of the wrong sign for the document kind.
    #[error("total `{total}` of {kind} `{document}` must be {expected}")]
    InvalidTotal {
        /// The document id.
        document: String,
        /// The document kind (`invoice`, `credit_note`, ...).
        kind: &'static str,
        /// The total.
        total: Decimal,
        /// `"positive"` or `"negative"`.
        expected: &'static str,
    },
    /// The installments of a document do not add up to its total.
    #[error("installments of `{document}` add up to `{sum}`, not to the total `{total}`")]
    InstallmentsDoNotSum {
        /// The document id.
        document: String,
        /// What the installments add up to.
        sum: Decimal,
        /// The total.
        total: Decimal,
    },
    /// An installment opposite in sign to the total, finer than the currency's unit, or with
    /// an inconsistent discount offer.
    #[error("installment {installment} of `{document}` is invalid: {detail}")]
    InvalidInstallment {
        /// The document id.
        document: String,
        /// Zero-based installment index.
        installment: usize,
        /// What is wrong.
        detail: String,
    },
    /// A `charge_for` on a document that is not a fee or interest charge, or with an empty
    /// document id or key.
    #[error("charge reference of `{document}` is invalid: {detail}")]
    InvalidChargeFor {
        /// The document id.
        document: String,
        /// What is wrong.
        detail: String,
    },
    /// A payment-terms or schedule error.
    #[error(transparent)]
    Terms(#[from] TermsError),
    /// An early-payment discount error (tax-base modes).
    #[error(transparent)]
    Discount(#[from] DiscountError),
    /// A currency, rounding or overflow error.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl DocumentError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::documents::DocumentError::EmptyId;
    /// assert_eq!((e.kind(), e.to_string().as_str()), ("empty_id", "a document id must not be empty"));
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            DocumentError::EmptyId => "empty_id",
            DocumentError::NoInvoiceLines { .. } => "no_invoice_lines",
            DocumentError::InvalidLineDiscount { .. } => "invalid_line_discount",
            DocumentError::InvalidTaxRate { .. } => "invalid_tax_rate",
            DocumentError::ConflictingTaxRate { .. } => "conflicting_tax_rate",
            DocumentError::InvalidTotal { .. } => "invalid_total",
            DocumentError::InstallmentsDoNotSum { .. } => "installments_do_not_sum",
            DocumentError::InvalidInstallment { .. } => "invalid_installment",
            DocumentError::InvalidChargeFor { .. } => "invalid_charge_for",
            DocumentError::Terms(e) => e.kind(),
            DocumentError::Discount(e) => e.kind(),
            DocumentError::Money(e) => e.kind(),
        }
    }
}

fn overflow(operation: &'static str) -> DocumentError {
    DocumentError::Money(MoneyError::Overflow { operation })
}

/// What a document is. Invoices, debit notes and charges are receivables (positive totals);
/// credit notes are credits (negative totals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl DocumentKind {
    /// The snake_case name used in JSON and messages.
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::documents::DocumentKind::CreditNote.as_str(), "credit_note");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Invoice => "invoice",
            DocumentKind::CreditNote => "credit_note",
            DocumentKind::DebitNote => "debit_note",
            DocumentKind::FeeCharge => "fee_charge",
            DocumentKind::InterestCharge => "interest_charge",
        }
    }

    /// Whether documents of this kind are credits (negative totals).
    ///
    /// # Example
    /// ```
    /// use ar_core::documents::DocumentKind;
    /// assert!(DocumentKind::CreditNote.is_credit() && !DocumentKind::FeeCharge.is_credit());
    /// ```
    pub fn is_credit(self) -> bool {
        matches!(self, DocumentKind::CreditNote)
    }
}

/// One installment of a document: its due date, amount and early-payment offers (a
/// snapshot of the schedule at issue).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduledItem {
    /// The due date.
    pub due_date: NaiveDate,
    /// The amount (same sign as the document's total).
    pub amount: Decimal,
    /// Early-payment discount offers, each with its inclusive deadline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discounts: Vec<DiscountOffer>,
}

/// What a fee or interest charge is charged for: the principal document (and installment) and
/// the idempotency key of the charge.
///
/// The ledger refuses a second charge document (not voided) with the same `document`,
/// `installment` and `key` (`duplicate_charge`), so a fee or interest run that is applied twice
/// charges once, whatever ids the host gives its documents. [`crate::fees`] and
/// [`crate::interest`] write the keys (`level-1`, `level-2/period-3`, `through-2024-03-31`).
///
/// JSON: `{"document": "INV-1", "installment": 0, "key": "through-2024-03-31",
/// "from": "2024-02-01", "through": "2024-03-31"}` (`installment`, `from` and `through`
/// optional).
///
/// # Example
/// ```
/// use ar_core::documents::ChargeFor;
/// let c = ChargeFor::new("INV-1", "level-1");
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"document":"INV-1","key":"level-1"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargeFor {
    /// The principal document the charge is for.
    pub document: String,
    /// The installment (zero-based) when the charge is for one installment only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment: Option<u32>,
    /// The idempotency key, unique per `document` and `installment` among charges.
    pub key: String,
    /// For interest: the first day the charge covers (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// For interest: the last day the charge covers (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<NaiveDate>,
}

impl ChargeFor {
    /// A reference to a whole document with `key`, without installment or dates.
    ///
    /// # Example
    /// ```
    /// let c = ar_core::documents::ChargeFor::new("INV-1", "level-2");
    /// assert!(c.installment.is_none() && c.through.is_none());
    /// ```
    pub fn new(document: &str, key: &str) -> Self {
        ChargeFor {
            document: document.to_string(),
            installment: None,
            key: key.to_string(),
            from: None,
            through: None,
        }
    }
}

/// A receivable document as the ledger stores it.
///
/// JSON: `{"id":"INV-1","kind":"invoice","customer":"ACME","date":"2024-01-10",
/// "currency":"EUR","total":"71.36","installments":[{"due_date":"2024-02-09","amount":"71.36"}]}`
/// plus the optional `terms`, `against`, `revision_of` and `charge_for`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The document id, unique in the account.
    pub id: String,
    /// What the document is.
    pub kind: DocumentKind,
    /// The customer (account) id.
    pub customer: String,
    /// The document date.
    pub date: NaiveDate,
    /// The currency of every amount.
    pub currency: Currency,
    /// The signed total: positive for receivables, negative for credit notes.
    pub total: Decimal,
    /// The schedule snapshot; sums to `total` exactly.
    pub installments: Vec<ScheduledItem>,
    /// The payment terms in force at issue (a snapshot, never updated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
    /// For a credit note: the invoice it credits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against: Option<String>,
    /// For a revised invoice: the id of the document it revises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_of: Option<String>,
    /// For a fee or interest charge: what it is charged for, with its idempotency key
    /// (optional; absent in JSON written before it existed, which reads the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_for: Option<ChargeFor>,
}

impl Document {
    /// Checks the document's own consistency: a non-empty id, a non-zero total of the sign
    /// its kind requires, installments of that sign (or zero) rounded to the currency's minor
    /// unit and summing to the total, and discount offers with
    /// `amount_due = amount - discount` and the discount between zero and the amount.
    ///
    /// # Errors
    /// [`DocumentError`]: `empty_id`, `invalid_total`, `installments_do_not_sum`,
    /// `invalid_installment`, `invalid_charge_for` (a `charge_for` on a document that is not a
    /// fee or interest charge, with an empty document id or key, or a period ending before it
    /// starts), `no_minor_unit`, `overflow`.
    ///
    /// # Example
    /// ```
    /// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
    /// use ar_core::money::Currency;
    /// use chrono::NaiveDate;
    /// let draft = SimpleDraft::new(DocumentKind::CreditNote, "CN-1", "ACME",
    ///     NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(), Currency::from_code("EUR")?,
    ///     "50.00".parse().unwrap());
    /// let mut doc = issue_simple(&draft, &Default::default())?;
    /// assert!(doc.validate().is_ok());
    /// doc.total = "50.00".parse().unwrap();
    /// assert_eq!(doc.validate().unwrap_err().kind(), "invalid_total");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), DocumentError> {
        if self.id.is_empty() {
            return Err(DocumentError::EmptyId);
        }
        let negative = self.kind.is_credit();
        if self.total.is_zero() || self.total.is_sign_negative() != negative {
            return Err(DocumentError::InvalidTotal {
                document: self.id.clone(),
                kind: self.kind.as_str(),
                total: self.total,
                expected: if negative { "negative" } else { "positive" },
            });
        }
        if let Some(c) = &self.charge_for {
            let bad = |detail: String| DocumentError::InvalidChargeFor {
                document: self.id.clone(),
                detail,
            };
            if !matches!(
                self.kind,
                DocumentKind::FeeCharge | DocumentKind::InterestCharge
            ) {
                return Err(bad(format!(
                    "only a fee or interest charge is charged for a document, not a {}",
                    self.kind.as_str().replace('_', " ")
                )));
            }
            if c.document.is_empty() || c.key.is_empty() {
                return Err(bad("the document id and the key must not be empty".into()));
            }
            if let (Some(from), Some(through)) = (c.from, c.through) {
                if through < from {
                    return Err(bad(format!(
                        "the period ends on {through}, before it starts on {from}"
                    )));
                }
            }
        }
        let unit = self.currency.minor_unit()?;
        let mut sum = Decimal::ZERO;
        for (i, item) in self.installments.iter().enumerate() {
            let bad = |detail: String| DocumentError::InvalidInstallment {
                document: self.id.clone(),
                installment: i,
                detail,
            };
            let amount = item.amount;
            if !amount.is_zero() && amount.is_sign_negative() != negative {
                return Err(bad(format!(
                    "amount `{amount}` is opposite in sign to the total `{}`",
                    self.total
                )));
            }
            if !amount.checked_rem(unit).is_some_and(|r| r.is_zero()) {
                return Err(bad(format!(
                    "amount `{amount}` is not a multiple of the minor unit `{unit}`"
                )));
            }
            for offer in &item.discounts {
                let d = offer.discount;
                let ok_sign = d.is_zero() || d.is_sign_negative() == negative;
                let due = amount.checked_sub(d).ok_or_else(|| overflow("discount"))?;
                if !ok_sign || d.abs() > amount.abs() || due != offer.amount_due {
                    return Err(bad(format!(
                        "discount `{d}` with amount due `{}` does not fit the amount `{amount}`",
                        offer.amount_due
                    )));
                }
            }
            sum = sum
                .checked_add(amount)
                .ok_or_else(|| overflow("installment sum"))?;
        }
        if sum != self.total || self.installments.is_empty() {
            return Err(DocumentError::InstallmentsDoNotSum {
                document: self.id.clone(),
                sum,
                total: self.total,
            });
        }
        Ok(())
    }
}

impl Document {
    /// The discount a payment dated `date` earns on each installment (the best offer whose
    /// inclusive deadline is on or after `date`, see [`discounts::earned_discount`]), with the
    /// totals for the whole document.
    ///
    /// # Errors
    /// [`DiscountError`]: `discount_out_of_range` or `inconsistent_offer` for stored offers that
    /// do not fit their installment; `overflow`.
    ///
    /// # Example
    /// ```
    /// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
    /// use ar_core::money::Currency;
    /// use chrono::NaiveDate;
    /// let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
    /// let mut draft = SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1),
    ///     Currency::from_code("EUR")?, "500.00".parse().unwrap());
    /// draft.terms = Some(ar_core::notation::parse("2/10 Net 30")?);
    /// let doc = issue_simple(&draft, &Default::default())?;
    /// let earned = doc.earned_discount(day(11))?;
    /// assert_eq!((earned.discount.to_string(), earned.amount_due.to_string()), ("10.00".into(), "490.00".into()));
    /// assert_eq!(doc.earned_discount(day(12))?.amount_due.to_string(), "500.00");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn earned_discount(&self, date: NaiveDate) -> Result<DocumentDiscount, DiscountError> {
        let mut installments: Vec<EarnedDiscount> = Vec::with_capacity(self.installments.len());
        let (mut discount, mut amount_due) = (Decimal::ZERO, Decimal::ZERO);
        let ov = || {
            DiscountError::Money(MoneyError::Overflow {
                operation: "earned discount",
            })
        };
        for item in &self.installments {
            let e = discounts::earned_discount(item.amount, &item.discounts, date)?;
            discount = discount.checked_add(e.discount).ok_or_else(ov)?;
            amount_due = amount_due.checked_add(e.amount_due).ok_or_else(ov)?;
            installments.push(e);
        }
        let scale = self.currency.minor_units().unwrap_or(0);
        Ok(DocumentDiscount {
            date,
            installments,
            discount: rescaled(discount, scale),
            amount_due: rescaled(amount_due, scale),
        })
    }
}

/// A tax applied to a line: a code and a percent (`19` for 19 %).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxRate {
    /// The tax code, e.g. `"VAT19"`; one code always has one percent within an invoice.
    pub code: String,
    /// The percent, e.g. `19`.
    pub percent: Decimal,
}

/// One invoice line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceLine {
    /// What is sold.
    pub description: String,
    /// The quantity (may be fractional or negative, e.g. a returned item).
    pub quantity: Decimal,
    /// The unit price: net in exclusive mode, gross (tax included) in inclusive mode.
    pub unit_price: Decimal,
    /// A line discount in percent, 0..=100 (default 0).
    #[serde(default)]
    pub discount_percent: Decimal,
    /// The taxes on this line (each computed on the line amount, not compounded).
    #[serde(default)]
    pub tax_rates: Vec<TaxRate>,
}

impl InvoiceLine {
    /// A line without discount or tax.
    ///
    /// # Example
    /// ```
    /// let l = ar_core::documents::InvoiceLine::new("box", "2".parse().unwrap(), "9.99".parse().unwrap());
    /// assert!(l.tax_rates.is_empty() && l.discount_percent.is_zero());
    /// ```
    pub fn new(description: &str, quantity: Decimal, unit_price: Decimal) -> Self {
        InvoiceLine {
            description: description.to_string(),
            quantity,
            unit_price,
            discount_percent: Decimal::ZERO,
            tax_rates: Vec::new(),
        }
    }

    /// Adds a tax rate to the line.
    ///
    /// # Example
    /// ```
    /// let l = ar_core::documents::InvoiceLine::new("box", "1".parse().unwrap(), "10.00".parse().unwrap())
    ///     .with_tax("VAT19", "19".parse().unwrap());
    /// assert_eq!(l.tax_rates[0].code, "VAT19");
    /// ```
    pub fn with_tax(mut self, code: &str, percent: Decimal) -> Self {
        self.tax_rates.push(TaxRate {
            code: code.to_string(),
            percent,
        });
        self
    }

    /// Sets the line discount percent.
    ///
    /// # Example
    /// ```
    /// let l = ar_core::documents::InvoiceLine::new("box", "1".parse().unwrap(), "10.00".parse().unwrap())
    ///     .with_discount("10".parse().unwrap());
    /// assert_eq!(l.discount_percent.to_string(), "10");
    /// ```
    pub fn with_discount(mut self, percent: Decimal) -> Self {
        self.discount_percent = percent;
        self
    }
}

/// Whether line prices exclude or include tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxMode {
    /// Prices are net; tax is added (B2B default).
    #[default]
    Exclusive,
    /// Prices are gross; tax is extracted from them (retail).
    Inclusive,
}

/// Everything needed to issue an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceDraft {
    /// The invoice id.
    pub id: String,
    /// The customer id.
    pub customer: String,
    /// The invoice date.
    pub date: NaiveDate,
    /// The currency.
    pub currency: Currency,
    /// The lines.
    pub lines: Vec<InvoiceLine>,
    /// Exclusive (default) or inclusive prices.
    #[serde(default)]
    pub tax_mode: TaxMode,
    /// Payment terms; `None` means due on the base date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
    /// The date the terms count from; default the invoice date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_date: Option<NaiveDate>,
    /// How line amounts and taxes are rounded to the currency (default half-up).
    #[serde(default)]
    pub rounding: RoundingMode,
    /// What percent early-payment discounts are taken on: the gross total (default), the net
    /// amount only, or the net amount with the tax reduced at invoicing (`mixed`). See
    /// [`DiscountBase`] and [`issue_invoice`]. Omitted from JSON when `gross`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub discount_base: DiscountBase,
    /// Which amount a percent discount rounds: the discount (default) or the amount due (as
    /// Odoo). See [`DiscountRounding`]. Omitted from JSON when `discount`.
    #[serde(default, skip_serializing_if = "is_default")]
    pub discount_rounding: DiscountRounding,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The total of one tax code on an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// With the `mixed` discount base: the early-payment discount percent the base was reduced
    /// by before the tax was computed (`amount = base * (100 - discount_percent) / 100 *
    /// percent / 100`, rounded once). Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_percent: Option<Decimal>,
}

/// The exact totals of an invoice: `net + tax = gross`, and `gross` is the document total.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// Issues an invoice: computes exact totals and the schedule snapshot.
///
/// Rounding rule (mode `draft.rounding`, half-up by default, to the currency's minor unit):
/// 1. Each line amount is `quantity * unit_price * (100 - discount_percent) / 100`, rounded
///    once per line.
/// 2. Exclusive mode: for each tax code, the tax is `percent / 100` of the sum of the rounded
///    line amounts carrying that code, rounded once per code. `net` is the sum of the line
///    amounts, `gross = net + tax`.
/// 3. Inclusive mode: line amounts are gross. For each tax code, the tax is the sum over its
///    lines of `line * percent / (100 + R)`, where `R` is the sum of that line's rates,
///    rounded once per code (computed with 28 significant digits before the rounding).
///    `gross` is the sum of the line amounts, `net = gross - tax`.
/// 4. The gross total is scheduled with [`schedule`] from `base_date` (default the invoice
///    date); without terms, one installment due on the base date.
///
/// So `net + tax = gross` exactly and the installments sum to `gross` exactly.
///
/// Early-payment discounts follow `draft.discount_base` ([`DiscountBase`]) and
/// `draft.discount_rounding` ([`DiscountRounding`]); with the defaults (`gross`, `discount`)
/// the offers are the schedule's, as before these fields existed. Otherwise each percent tier
/// of `P` % on an installment of amount `A` is recomputed as the exact
/// `A * P / 100 * (net / gross)` (the factor only for `net` and `mixed`, so a single
/// installment's discount is `P` % of the net), rounded once per `discount_rounding` with the
/// terms' rounding mode (and the schedule's cash increment); `amount_due = A - discount`.
/// Fixed tiers keep their amounts. With `mixed`, step 2 computes each code's tax on its base
/// reduced by the terms' discount percent (`base * (100 - P) / 100 * percent / 100`, rounded
/// once per code, recorded in [`TaxTotal::discount_percent`]); every tier of the terms must then
/// be the same percent, and prices must be tax-exclusive.
///
/// # Errors
/// [`DocumentError`]: `empty_id`, `no_invoice_lines`, `invalid_line_discount`,
/// `invalid_tax_rate`, `conflicting_tax_rate`, `invalid_total` (a gross total of zero or less),
/// the schedule's [`TermsError`]s, `mixed_needs_exclusive_tax`, `mixed_needs_one_percent`,
/// `discount_out_of_range` (a net-based discount above its installment, possible only with
/// negative tax), `no_minor_unit`, `overflow`.
///
/// # Example
/// ```
/// use ar_core::documents::{issue_invoice, InvoiceDraft, InvoiceLine, TaxMode};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
/// let draft = InvoiceDraft {
///     id: "INV-2".into(), customer: "ACME".into(),
///     date: NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
///     currency: Currency::from_code("EUR")?,
///     lines: vec![InvoiceLine::new("box", "1".parse().unwrap(), "119.00".parse().unwrap())
///         .with_tax("VAT19", "19".parse().unwrap())],
///     tax_mode: TaxMode::Inclusive, terms: None, base_date: None, rounding: Default::default(),
///     discount_base: Default::default(), discount_rounding: Default::default(),
/// };
/// let (doc, totals) = issue_invoice(&draft, &Default::default())?;
/// assert_eq!((totals.net.to_string(), totals.tax.to_string()), ("100.00".into(), "19.00".into()));
/// assert_eq!(doc.installments[0].due_date.to_string(), "2024-01-10");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn issue_invoice(
    draft: &InvoiceDraft,
    options: &ScheduleOptions,
) -> Result<(Document, InvoiceTotals), DocumentError> {
    if draft.id.is_empty() {
        return Err(DocumentError::EmptyId);
    }
    if draft.lines.is_empty() {
        return Err(DocumentError::NoInvoiceLines {
            document: draft.id.clone(),
        });
    }
    let rounding = Rounding::new(draft.rounding);
    let cur = draft.currency;
    let mixed = if draft.discount_base == DiscountBase::Mixed {
        if draft.tax_mode == TaxMode::Inclusive {
            return Err(DiscountError::MixedNeedsExclusiveTax.into());
        }
        let p = discounts::mixed_percent(draft.terms.as_ref())?;
        (!p.is_zero()).then_some(p)
    } else {
        None
    };
    // code -> (percent, base, exact tax accumulated)
    let mut order: Vec<String> = Vec::new();
    let mut by_code: BTreeMap<String, (Decimal, Decimal, Decimal)> = BTreeMap::new();
    let mut line_amounts = Vec::with_capacity(draft.lines.len());
    let mut lines_sum = Decimal::ZERO;
    for (i, line) in draft.lines.iter().enumerate() {
        let d = line.discount_percent;
        if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
            return Err(DocumentError::InvalidLineDiscount {
                line: i,
                percent: d,
            });
        }
        let raw = line
            .quantity
            .checked_mul(line.unit_price)
            .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED - d))
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or_else(|| overflow("line amount"))?;
        let amount = rounding.round(raw, cur)?;
        line_amounts.push(amount);
        lines_sum = lines_sum
            .checked_add(amount)
            .ok_or_else(|| overflow("line sum"))?;
        let mut line_rate = Decimal::ZERO;
        for t in &line.tax_rates {
            if t.percent < Decimal::ZERO {
                return Err(DocumentError::InvalidTaxRate {
                    code: t.code.clone(),
                    percent: t.percent,
                });
            }
            line_rate = line_rate
                .checked_add(t.percent)
                .ok_or_else(|| overflow("tax rate"))?;
        }
        for t in &line.tax_rates {
            let entry = match by_code.get_mut(&t.code) {
                Some(e) => e,
                None => {
                    order.push(t.code.clone());
                    by_code.entry(t.code.clone()).or_insert((
                        t.percent,
                        Decimal::ZERO,
                        Decimal::ZERO,
                    ))
                }
            };
            if entry.0 != t.percent {
                return Err(DocumentError::ConflictingTaxRate {
                    code: t.code.clone(),
                    first: entry.0,
                    second: t.percent,
                });
            }
            entry.1 = entry
                .1
                .checked_add(amount)
                .ok_or_else(|| overflow("tax base"))?;
            if draft.tax_mode == TaxMode::Inclusive {
                let part = Decimal::ONE_HUNDRED
                    .checked_add(line_rate)
                    .and_then(|den| amount.checked_mul(t.percent)?.checked_div(den))
                    .ok_or_else(|| overflow("inclusive tax"))?;
                entry.2 = entry
                    .2
                    .checked_add(part)
                    .ok_or_else(|| overflow("inclusive tax"))?;
            }
        }
    }
    let mut taxes = Vec::with_capacity(order.len());
    let mut tax = Decimal::ZERO;
    for code in order {
        let Some(&(percent, base, exact)) = by_code.get(&code) else {
            continue;
        };
        let amount = match (draft.tax_mode, mixed) {
            (TaxMode::Exclusive, Some(p)) => {
                discounts::reduced_tax(base, percent, p, cur, draft.rounding)?
            }
            (TaxMode::Exclusive, None) => rounding.round(
                base.checked_mul(percent)
                    .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                    .ok_or_else(|| overflow("tax"))?,
                cur,
            )?,
            (TaxMode::Inclusive, _) => rounding.round(exact, cur)?,
        };
        tax = tax.checked_add(amount).ok_or_else(|| overflow("tax"))?;
        taxes.push(TaxTotal {
            code,
            percent,
            base,
            amount,
            discount_percent: mixed,
        });
    }
    let scale = cur.minor_units().unwrap_or(0);
    let (net, gross) = match draft.tax_mode {
        TaxMode::Exclusive => (
            lines_sum,
            lines_sum
                .checked_add(tax)
                .ok_or_else(|| overflow("gross"))?,
        ),
        TaxMode::Inclusive => (
            lines_sum.checked_sub(tax).ok_or_else(|| overflow("net"))?,
            lines_sum,
        ),
    };
    let (net, tax, gross) = (
        rescaled(net, scale),
        rescaled(tax, scale),
        rescaled(gross, scale),
    );
    if gross <= Decimal::ZERO {
        return Err(DocumentError::InvalidTotal {
            document: draft.id.clone(),
            kind: "invoice",
            total: gross,
            expected: "positive",
        });
    }
    let base = draft.base_date.unwrap_or(draft.date);
    let mut installments = scheduled(draft.terms.as_ref(), base, gross, cur, options)?;
    if let Some(terms) = &draft.terms {
        if draft.discount_base != DiscountBase::Gross
            || draft.discount_rounding != DiscountRounding::Discount
        {
            let share = (draft.discount_base != DiscountBase::Gross).then_some((net, gross));
            let offer_rounding = Rounding {
                mode: terms.rounding,
                increment: options.cash_increment,
            };
            for (line, item) in terms.lines.iter().zip(installments.iter_mut()) {
                for (tier, offer) in line.discounts.iter().zip(item.discounts.iter_mut()) {
                    if let DiscountValue::Percent { percent } = tier.value {
                        let discount = discounts::offer_discount(
                            item.amount,
                            percent,
                            share,
                            draft.discount_rounding,
                            cur,
                            offer_rounding,
                        )?;
                        offer.discount = discount;
                        offer.amount_due = item
                            .amount
                            .checked_sub(discount)
                            .ok_or_else(|| overflow("discount"))?;
                    }
                }
            }
        }
    }
    let doc = Document {
        id: draft.id.clone(),
        kind: DocumentKind::Invoice,
        customer: draft.customer.clone(),
        date: draft.date,
        currency: cur,
        total: gross,
        installments,
        terms: draft.terms.clone(),
        against: None,
        revision_of: None,
        charge_for: None,
    };
    doc.validate()?;
    Ok((
        doc,
        InvoiceTotals {
            lines: line_amounts,
            taxes,
            net,
            tax,
            gross,
        },
    ))
}

fn rescaled(mut value: Decimal, scale: u32) -> Decimal {
    if value.scale() < scale {
        value.rescale(scale);
    }
    value
}

fn scheduled(
    terms: Option<&Terms>,
    base: NaiveDate,
    total: Decimal,
    currency: Currency,
    options: &ScheduleOptions,
) -> Result<Vec<ScheduledItem>, DocumentError> {
    match terms {
        None => Ok(vec![ScheduledItem {
            due_date: base,
            amount: total,
            discounts: Vec::new(),
        }]),
        Some(t) => Ok(schedule(t, base, total, currency, options)?
            .installments
            .into_iter()
            .map(|i| ScheduledItem {
                due_date: i.due_date,
                amount: i.amount,
                discounts: i.discounts,
            })
            .collect()),
    }
}

/// A credit note, debit note, fee or interest charge: one amount, optional terms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimpleDraft {
    /// What the document is (any kind but `invoice` is typical; an invoice works too).
    pub kind: DocumentKind,
    /// The document id.
    pub id: String,
    /// The customer id.
    pub customer: String,
    /// The document date.
    pub date: NaiveDate,
    /// The currency.
    pub currency: Currency,
    /// The amount as a positive magnitude; credit notes are stored negative.
    pub amount: Decimal,
    /// Payment terms; `None`: one installment due on the document date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
    /// For a credit note: the invoice it credits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against: Option<String>,
    /// For a revision: the document it revises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_of: Option<String>,
    /// For a fee or interest charge: what it is charged for (see [`ChargeFor`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_for: Option<ChargeFor>,
}

impl SimpleDraft {
    /// A draft without terms, `against`, `revision_of` or `charge_for`.
    ///
    /// # Example
    /// ```
    /// use ar_core::documents::{DocumentKind, SimpleDraft};
    /// let d = SimpleDraft::new(DocumentKind::FeeCharge, "FEE-1", "ACME",
    ///     chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    ///     ar_core::money::Currency::from_code("EUR")?, "40.00".parse().unwrap());
    /// assert!(d.terms.is_none());
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn new(
        kind: DocumentKind,
        id: &str,
        customer: &str,
        date: NaiveDate,
        currency: Currency,
        amount: Decimal,
    ) -> Self {
        SimpleDraft {
            kind,
            id: id.to_string(),
            customer: customer.to_string(),
            date,
            currency,
            amount,
            terms: None,
            against: None,
            revision_of: None,
            charge_for: None,
        }
    }
}

/// Issues a credit note, debit note, fee or interest charge from a positive amount.
///
/// The total is `-amount` for credit notes and `amount` otherwise. Without terms the document
/// has one installment due on its date; with terms the schedule is computed from the date.
///
/// # Errors
/// [`DocumentError`]: `empty_id`, `invalid_total` (an amount of zero or less), the amount not
/// rounded to the currency (`invalid_installment`), the schedule's [`TermsError`]s.
///
/// # Example
/// ```
/// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
/// let mut draft = SimpleDraft::new(DocumentKind::CreditNote, "CN-1", "ACME",
///     NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(), Currency::from_code("EUR")?,
///     "50.00".parse().unwrap());
/// draft.against = Some("INV-1".into());
/// let doc = issue_simple(&draft, &Default::default())?;
/// assert_eq!(doc.total.to_string(), "-50.00");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn issue_simple(
    draft: &SimpleDraft,
    options: &ScheduleOptions,
) -> Result<Document, DocumentError> {
    if draft.id.is_empty() {
        return Err(DocumentError::EmptyId);
    }
    let credit = draft.kind.is_credit();
    if draft.amount <= Decimal::ZERO {
        return Err(DocumentError::InvalidTotal {
            document: draft.id.clone(),
            kind: draft.kind.as_str(),
            total: draft.amount,
            expected: "positive",
        });
    }
    let mut total = if credit { -draft.amount } else { draft.amount };
    // written with the currency's decimal places ("400" -> "400.00") when that is lossless;
    // an amount finer than the minor unit is refused by the schedule below
    if let Some(dp) = draft.currency.minor_units() {
        total = crate::money::with_scale(total, dp).unwrap_or(total);
    }
    let installments = scheduled(
        draft.terms.as_ref(),
        draft.date,
        total,
        draft.currency,
        options,
    )?;
    let doc = Document {
        id: draft.id.clone(),
        kind: draft.kind,
        customer: draft.customer.clone(),
        date: draft.date,
        currency: draft.currency,
        total,
        installments,
        terms: draft.terms.clone(),
        against: draft.against.clone(),
        revision_of: draft.revision_of.clone(),
        charge_for: draft.charge_for.clone(),
    };
    doc.validate()?;
    Ok(doc)
}
