//! Customer statements: opening balance, what happened in the period with a running balance,
//! closing balance, aging as of the period's end, and what falls due soon.
//!
//! A statement is computed from the event history, so it is as-of reproducible: events dated
//! after `to` are ignored, events dated before `from` make the opening balance.
//!
//! ```
//! use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
//! use ar_core::ledger::{AccountConfig, Event, EventBody};
//! use ar_core::money::Currency;
//! use ar_core::statement::{statement, StatementOptions};
//! use chrono::NaiveDate;
//!
//! let eur = Currency::from_code("EUR")?;
//! let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
//! let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", day(1, 5),
//!     eur, "400.00".parse().unwrap()), &Default::default())?;
//! let events = vec![
//!     Event::new("e1", day(1, 5), EventBody::DocumentIssued { document: inv }),
//!     Event::new("e2", day(2, 10), EventBody::payment("P-1", "150.00".parse().unwrap(), eur)),
//! ];
//! let s = statement(&AccountConfig::new("ACME", eur), &events, day(2, 1), day(2, 29),
//!     &StatementOptions::default())?;
//! assert_eq!(s.opening_balance.to_string(), "400.00");
//! assert_eq!(s.lines[0].amount.to_string(), "-150.00");
//! assert_eq!(s.closing_balance.to_string(), "250.00");
//! // due 2024-01-05, 55 days past due on 2024-02-29: the 31-60 bucket
//! assert_eq!(s.aging[2].label, "31-60");
//! assert_eq!(s.aging[2].amount.to_string(), "250.00");
//! # Ok::<(), ar_core::Error>(())
//! ```

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::documents::DocumentKind;
use crate::ledger::{Account, AccountConfig, Event, EventBody, LedgerError, OpenItem};
use crate::money::MoneyError;

/// Errors of statements.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatementError {
    /// The period ends before it starts.
    #[error("statement period from `{from}` to `{to}` ends before it starts")]
    InvalidPeriod {
        /// The first day.
        from: NaiveDate,
        /// The last day.
        to: NaiveDate,
    },
    /// Aging bucket bounds must be positive and strictly increasing.
    #[error("aging bucket bounds `{bounds}` must be positive and strictly increasing")]
    InvalidBuckets {
        /// The bounds as given, comma separated.
        bounds: String,
    },
    /// An event of the history was rejected.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
}

impl StatementError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// use ar_core::statement::StatementError;
    /// let e = StatementError::InvalidBuckets { bounds: "30,30".into() };
    /// assert_eq!(e.kind(), "invalid_buckets");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            StatementError::InvalidPeriod { .. } => "invalid_period",
            StatementError::InvalidBuckets { .. } => "invalid_buckets",
            StatementError::Ledger(e) => e.kind(),
        }
    }
}

/// Options of [`statement`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementOptions {
    /// Items due within this many days after `to` are listed as due soon (default 14).
    #[serde(default = "default_due_soon")]
    pub due_soon_days: u32,
    /// Upper bounds (inclusive) of the past-due buckets in days (default `[30, 60, 90, 120]`,
    /// giving current / 1-30 / 31-60 / 61-90 / 91-120 / over 120).
    #[serde(default = "default_bounds")]
    pub bucket_bounds: Vec<u32>,
}

fn default_due_soon() -> u32 {
    14
}

fn default_bounds() -> Vec<u32> {
    vec![30, 60, 90, 120]
}

impl Default for StatementOptions {
    fn default() -> Self {
        StatementOptions {
            due_soon_days: default_due_soon(),
            bucket_bounds: default_bounds(),
        }
    }
}

/// What a statement line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementLine {
    /// The event date.
    pub date: NaiveDate,
    /// The event id.
    pub event: String,
    /// What it is.
    pub kind: LineKind,
    /// For documents, their kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgingBucket {
    /// `"current"`, `"1-30"`, ..., `"over 120"`.
    pub label: String,
    /// Open receivable amount whose days past due fall in the bucket.
    pub amount: Decimal,
}

/// A statement for a period.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// Receivable items due after `to` and within `due_soon_days` of it.
    pub due_soon: Vec<OpenItem>,
}

/// Computes the statement of the account built from `events` for the period `from..=to`.
///
/// The opening balance comes from the events dated before `from`; each event dated in the
/// period that changes the balance gives a line (documents issued, payments with the
/// discounts and write-offs they settled, reversals, write-offs, voids); credit
/// applications, disputes and receipts do not change the balance and give no line. Aging is
/// as of `to` by due date: days past due = `to - due_date`; zero or less is current; bucket
/// upper bounds are inclusive.
///
/// # Errors
/// [`StatementError::InvalidPeriod`] when `to < from`, [`StatementError::InvalidBuckets`]
/// for bounds that are zero or not strictly increasing, and the [`LedgerError`] of the first
/// rejected event.
///
/// # Example
/// ```
/// use ar_core::ledger::AccountConfig;
/// use ar_core::statement::{statement, StatementOptions};
/// use chrono::NaiveDate;
/// let config = AccountConfig::new("ACME", ar_core::money::Currency::from_code("EUR")?);
/// let d = |m| NaiveDate::from_ymd_opt(2024, m, 1).unwrap();
/// let err = statement(&config, &[], d(2), d(1), &StatementOptions::default()).unwrap_err();
/// assert_eq!(err.kind(), "invalid_period");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn statement(
    config: &AccountConfig,
    events: &[Event],
    from: NaiveDate,
    to: NaiveDate,
    options: &StatementOptions,
) -> Result<Statement, StatementError> {
    if to < from {
        return Err(StatementError::InvalidPeriod { from, to });
    }
    let bounds = &options.bucket_bounds;
    if bounds.first() == Some(&0) || bounds.windows(2).any(|w| w[0] >= w[1]) {
        return Err(StatementError::InvalidBuckets {
            bounds: bounds
                .iter()
                .map(|b| b.to_string())
                .collect::<Vec<_>>()
                .join(","),
        });
    }
    let mut account = Account::new(config.clone());
    for e in events.iter().filter(|e| e.date < from) {
        account.apply(e)?;
    }
    let opening_balance = account.balance()?;
    let mut balance = opening_balance;
    let mut lines = Vec::new();
    for e in events.iter().filter(|e| e.date >= from && e.date <= to) {
        let applied = account.apply(e)?;
        let after = account.balance()?;
        let amount = after
            .checked_sub(balance)
            .ok_or(MoneyError::Overflow {
                operation: "statement",
            })
            .map_err(LedgerError::from)?;
        balance = after;
        if amount.is_zero() {
            continue;
        }
        let (kind, document_kind, reference, description) = match &e.body {
            EventBody::DocumentIssued { document } => (
                LineKind::Document,
                Some(document.kind),
                document.id.clone(),
                format!(
                    "{} {}",
                    document.kind.as_str().replace('_', " "),
                    document.id
                ),
            ),
            EventBody::PaymentReceived { payment_id, .. } => {
                let discount = applied
                    .allocations
                    .iter()
                    .fold(Decimal::ZERO, |t, a| t.saturating_add(a.discount_taken));
                let written = applied
                    .allocations
                    .iter()
                    .fold(Decimal::ZERO, |t, a| t.saturating_add(a.written_off));
                let mut text = format!("payment {payment_id}");
                if !discount.is_zero() {
                    text.push_str(&format!(", discount taken {discount}"));
                }
                if !written.is_zero() {
                    text.push_str(&format!(", written off {written}"));
                }
                (LineKind::Payment, None, payment_id.clone(), text)
            }
            EventBody::PaymentReversed { payment_id, reason } => (
                LineKind::Reversal,
                None,
                payment_id.clone(),
                format!("payment {payment_id} reversed: {reason}"),
            ),
            EventBody::WrittenOff {
                document,
                reason_code,
                ..
            } => (
                LineKind::WriteOff,
                None,
                document.clone(),
                format!("{document} written off ({reason_code})"),
            ),
            EventBody::DocumentVoided { document } => (
                LineKind::Void,
                None,
                document.clone(),
                format!("{document} voided"),
            ),
            _ => (
                LineKind::Other,
                None,
                e.id.clone(),
                format!("event {}", e.id),
            ),
        };
        lines.push(StatementLine {
            date: e.date,
            event: e.id.clone(),
            kind,
            document_kind,
            reference,
            amount,
            balance: after,
            description,
        });
    }
    let closing_balance = account.balance()?;

    let zero = account.scaled(Decimal::ZERO);
    let mut aging: Vec<AgingBucket> = Vec::with_capacity(bounds.len() + 2);
    aging.push(AgingBucket {
        label: "current".into(),
        amount: zero,
    });
    let mut lower = 1u32;
    for &b in bounds {
        aging.push(AgingBucket {
            label: format!("{lower}-{b}"),
            amount: zero,
        });
        lower = b.saturating_add(1);
    }
    aging.push(AgingBucket {
        label: format!("over {}", bounds.last().copied().unwrap_or(0)),
        amount: zero,
    });
    let mut credits = Decimal::ZERO;
    let soon_until = to
        .checked_add_days(Days::new(u64::from(options.due_soon_days)))
        .unwrap_or(NaiveDate::MAX);
    let mut due_soon = Vec::new();
    let overflow = || {
        StatementError::Ledger(LedgerError::Money(MoneyError::Overflow {
            operation: "aging",
        }))
    };
    for item in account.open_items() {
        if item.kind.is_credit() {
            credits = credits.checked_add(item.open).ok_or_else(overflow)?;
            continue;
        }
        let days = (to - item.due_date).num_days();
        let slot = if days <= 0 {
            0
        } else {
            1 + bounds
                .iter()
                .position(|&b| days <= i64::from(b))
                .unwrap_or(bounds.len())
        };
        if let Some(bucket) = aging.get_mut(slot) {
            bucket.amount = bucket.amount.checked_add(item.open).ok_or_else(overflow)?;
        }
        if item.due_date > to && item.due_date <= soon_until {
            due_soon.push(item);
        }
    }
    credits = credits
        .checked_sub(account.unapplied_cash())
        .ok_or_else(overflow)?;
    Ok(Statement {
        customer: config.customer.clone(),
        from,
        to,
        opening_balance,
        lines,
        closing_balance,
        aging,
        credits: account.scaled(credits),
        disputed: account.disputed_total()?,
        due_soon,
    })
}
