//! Late fees: fixed, percent of the overdue balance, tiered by amount (brackets or graduated),
//! with a minimum and a cap, after a grace period, once or repeating; idempotent, keyed by
//! (document, level or period), so re-running never charges twice. The statutory fixed
//! compensation sums (EU EUR 40, UK GBP 40 / 70 / 100) are presets.
//!
//! ```
//! use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
//! use ar_core::fees::{assess_fees, FeePolicy};
//! use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
//! use ar_core::money::Currency;
//! use chrono::NaiveDate;
//!
//! let gbp = Currency::from_code("GBP")?;
//! let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
//! let mut account = Account::new(AccountConfig::new("ACME", gbp));
//! let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", d(1, 31), gbp,
//!     "1000.00".parse().unwrap()), &Default::default())?; // due on its date
//! account.apply(&Event::new("e1", d(1, 31), EventBody::DocumentIssued { document: inv }))?;
//!
//! let policy = FeePolicy::uk_late_payment_compensation();
//! let run = assess_fees(&account, &policy, d(2, 1))?;
//! // a debt of 1000.00 is "1000 or more but less than 10000": GBP 70 (1998 Act s.5A(2)(b))
//! assert_eq!(run.charges[0].document.total.to_string(), "70.00");
//! assert_eq!(run.charges[0].document.id, "FEE-INV-1/level-1");
//!
//! // applying the charge and running again charges nothing more
//! let fee = run.charges[0].document.clone();
//! account.apply(&Event::new("e2", d(2, 1), EventBody::DocumentIssued { document: fee }))?;
//! let again = assess_fees(&account, &policy, d(2, 1))?;
//! assert!(again.charges.is_empty());
//! assert_eq!(again.skipped[0].reason,
//!     "INV-1 level 1 (UK 1998 Act s.5A fixed sum): already charged by FEE-INV-1/level-1");
//! # Ok::<(), ar_core::Error>(())
//! ```
//!
//! # When a fee applies
//! A level with `grace_days: g` applies to an installment due on day `D` from day
//! `T = D + g + 1`, when something of it is still unpaid at the end of day `T - 1`: a payment on
//! the last day of grace avoids the fee, a payment on day `T` does not. With `g = 0` the fee
//! applies from the day after the due date, as the statutes' compensation does (the day
//! interest starts to run).
//!
//! The amount the fee is computed on (the *basis*) is the overdue balance on day `T` (what is
//! unpaid at the end of day `T - 1` of the installments due before `T`): for scope
//! [`FeeScope::Document`] (default) all the document's overdue installments, the level applying
//! from the first installment's `T`; for [`FeeScope::Installment`] one installment at a time.
//! Payments come from the account's history as in [`crate::interest::principal_changes`]
//! (a bounced payment counts as never made).
//!
//! A repeating level (`repeat: {"every_days": 30}`) applies again on `T + 30`, `T + 60`, ...
//! up to the as-of date (and `max_charges`), each occurrence on the basis of its own day, while
//! something is unpaid. A run catches up every occurrence not yet charged.
//!
//! # Idempotency
//! Each charge is keyed by (document, installment for scope `installment`, key), with key
//! `level-{level}` or, for a repeating level, `level-{level}/period-{n}` (`n` from 1). The
//! proposal is a `fee_charge` [`Document`] whose [`Document::charge_for`] carries the key and
//! whose id is deterministic: `{id_prefix}{document}/{key}`, or
//! `{id_prefix}{document}/{installment}/{key}`. A run skips every key an existing fee charge of
//! the account already has, voided ones included (a voided fee is forgiven, not charged
//! again), and the ledger itself refuses a second charge with the same key
//! (`duplicate_charge`). So running the policy twice on the same account and level charges
//! once.
//!
//! # Amounts
//! The fee is computed exactly, then raised to the `minimum`, lowered to the `cap`, and rounded
//! once (half up by default) to the currency. A fee that rounds to zero is not charged.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::documents::{
    issue_simple, ChargeFor, Document, DocumentError, DocumentKind, SimpleDraft,
};
use crate::interest::{
    issued_after, item_principal, InterestError, PaymentIndex, UnpaidChargesPolicy,
};
use crate::ledger::{Account, LedgerError};
use crate::money::{Currency, MoneyError, Rounding, RoundingMode};
use crate::terms::Terms;

/// The most fee charges and skipped occurrences one run may report, so that no input (a fee
/// repeating every day for centuries) makes the core loop for hours.
pub const MAX_FEE_CHARGES: usize = 100_000;

/// Errors of the `fees` module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeeError {
    /// Two levels with the same number.
    #[error("fee level {level} appears twice")]
    DuplicateLevel {
        /// The level.
        level: u32,
    },
    /// A negative amount or percent, a cap below the minimum, or a repeat every zero days.
    #[error("fee level {level} is invalid: {detail}")]
    InvalidFee {
        /// The level.
        level: u32,
        /// What is wrong.
        detail: String,
    },
    /// Tiers that are empty, not strictly increasing, or with a negative bound.
    #[error("fee tiers of level {level} are invalid: {detail}")]
    InvalidTiers {
        /// The level.
        level: u32,
        /// What is wrong.
        detail: String,
    },
    /// More than [`MAX_FEE_CHARGES`] charges and skipped occurrences in one run.
    #[error(
        "the fee run has more than {limit} occurrences; charge more often or repeat less often"
    )]
    TooManyCharges {
        /// The limit.
        limit: usize,
    },
    /// A policy currency other than the account's, a currency without minor unit, overflow.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// A fee document that cannot be issued (e.g. bad `charge_terms`).
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// An unknown document or installment.
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    /// Dates out of range, or a history that cannot be read.
    #[error(transparent)]
    Interest(#[from] InterestError),
}

impl FeeError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::fees::FeeError::DuplicateLevel { level: 2 };
    /// assert_eq!((e.kind(), e.to_string().as_str()), ("duplicate_fee_level", "fee level 2 appears twice"));
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            FeeError::DuplicateLevel { .. } => "duplicate_fee_level",
            FeeError::InvalidFee { .. } => "invalid_fee",
            FeeError::InvalidTiers { .. } => "invalid_fee_tiers",
            FeeError::TooManyCharges { .. } => "too_many_fee_charges",
            FeeError::Money(e) => e.kind(),
            FeeError::Document(e) => e.kind(),
            FeeError::Ledger(e) => e.kind(),
            FeeError::Interest(e) => e.kind(),
        }
    }
}

fn overflow(operation: &'static str) -> FeeError {
    FeeError::Money(MoneyError::Overflow { operation })
}

/// A fixed amount or a percent of the basis (the amount of a bracket tier).
///
/// JSON: `{"type": "fixed", "amount": "40.00"}` or `{"type": "percent", "percent": "5"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FlatFee {
    /// A fixed amount in the account currency.
    Fixed {
        /// The amount.
        amount: Decimal,
    },
    /// A percent of the basis.
    Percent {
        /// The percent (`"5"` is 5 %).
        percent: Decimal,
    },
}

/// A bracket: from `from` (inclusive) up to the next tier's `from` (exclusive), the fee is
/// `fee`, computed on the whole basis.
///
/// JSON: `{"from": "1000.00", "fee": {"type": "fixed", "amount": "70.00"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeTier {
    /// The lowest basis the tier applies to (inclusive).
    pub from: Decimal,
    /// The fee of the tier.
    pub fee: FlatFee,
}

/// A graduated slice: the part of the basis from `from` up to the next tier's `from` is charged
/// `percent`.
///
/// JSON: `{"from": "1000.00", "percent": "1"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GraduatedTier {
    /// Where the slice starts.
    pub from: Decimal,
    /// The percent charged on the slice.
    pub percent: Decimal,
}

/// How a fee is computed from the basis (the overdue balance).
///
/// JSON, tagged by `type`: `{"type": "fixed", "amount": "25.00"}`,
/// `{"type": "percent", "percent": "1.5"}`, `{"type": "tiered", "tiers": [FeeTier, ...]}`
/// (brackets: the tier with the highest `from` not above the basis applies to all of it),
/// `{"type": "graduated", "tiers": [GraduatedTier, ...]}` (each tier's percent on its slice).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum FeeAmount {
    /// A fixed amount.
    Fixed {
        /// The amount.
        amount: Decimal,
    },
    /// A percent of the basis.
    Percent {
        /// The percent.
        percent: Decimal,
    },
    /// Brackets by the basis; a basis below the first tier's `from` has no fee.
    Tiered {
        /// The tiers, `from` strictly increasing.
        tiers: Vec<FeeTier>,
    },
    /// Marginal percents by slice of the basis.
    Graduated {
        /// The tiers, `from` strictly increasing.
        tiers: Vec<GraduatedTier>,
    },
}

/// A level that repeats.
///
/// JSON: `{"every_days": 30, "max_charges": 3}` (`max_charges` optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeRepeat {
    /// Days between occurrences (at least 1).
    pub every_days: u32,
    /// The most occurrences charged; unlimited when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_charges: Option<u32>,
}

/// One level of a fee ladder.
///
/// JSON: `{"level": 1, "grace_days": 10, "fee": {"type": "fixed", "amount": "25.00"}}` plus the
/// optional `minimum`, `cap`, `min_overdue`, `repeat` and `label`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeLevel {
    /// The level number, part of the idempotency key; unique in the policy.
    pub level: u32,
    /// Days after the due date before the fee applies (default 0: from the day after).
    #[serde(default)]
    pub grace_days: u32,
    /// How the fee is computed.
    pub fee: FeeAmount,
    /// The smallest fee charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Decimal>,
    /// The largest fee charged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Decimal>,
    /// No fee when the basis is below this amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_overdue: Option<Decimal>,
    /// Repeat the level every so many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<FeeRepeat>,
    /// A name for reasons (e.g. `"reminder fee"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl FeeLevel {
    /// A one-time level with no minimum, cap, threshold or label.
    ///
    /// # Example
    /// ```
    /// use ar_core::fees::{FeeAmount, FeeLevel};
    /// let l = FeeLevel::new(1, 10, FeeAmount::Fixed { amount: "25.00".parse().unwrap() });
    /// assert_eq!(l.grace_days, 10);
    /// ```
    pub fn new(level: u32, grace_days: u32, fee: FeeAmount) -> Self {
        FeeLevel {
            level,
            grace_days,
            fee,
            minimum: None,
            cap: None,
            min_overdue: None,
            repeat: None,
            label: None,
        }
    }
}

/// What one fee is charged on.
///
/// JSON: `"document"` (default) or `"installment"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeScope {
    /// One fee per document and level (per invoice, as the statutes' compensation).
    #[default]
    Document,
    /// One fee per installment and level.
    Installment,
}

fn default_fee_prefix() -> String {
    "FEE-".to_string()
}

/// A late-fee policy: a ladder of levels.
///
/// JSON: `{"levels": [FeeLevel, ...], "scope": "document", "currency": "EUR",
/// "rounding": "half_up", "id_prefix": "FEE-", "charge_terms": {...},
/// "after_principal_paid": "claimable"}`, all but `levels` optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeePolicy {
    /// The levels, each charged at most once per document (or installment) and period.
    pub levels: Vec<FeeLevel>,
    /// Per document (default) or per installment.
    #[serde(default)]
    pub scope: FeeScope,
    /// The currency the amounts are in; the account's must match (`currency_mismatch`).
    /// `None`: the account's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// How fees are rounded to the currency (default half up).
    #[serde(default)]
    pub rounding: RoundingMode,
    /// Fee document ids start with this (default `FEE-`).
    #[serde(default = "default_fee_prefix")]
    pub id_prefix: String,
    /// Payment terms of the fee documents (default: due on the as-of date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_terms: Option<Terms>,
    /// Whether a fee whose day has come is still charged when its principal is paid by the
    /// as-of date (default claimable: yes).
    #[serde(default)]
    pub after_principal_paid: UnpaidChargesPolicy,
}

impl FeePolicy {
    /// A policy with `levels` and every default.
    ///
    /// # Example
    /// ```
    /// use ar_core::fees::{FeeAmount, FeeLevel, FeePolicy};
    /// let p = FeePolicy::new(vec![FeeLevel::new(1, 0, FeeAmount::Fixed { amount: "5.00".parse().unwrap() })]);
    /// assert!(p.validate().is_ok());
    /// ```
    pub fn new(levels: Vec<FeeLevel>) -> Self {
        FeePolicy {
            levels,
            scope: FeeScope::default(),
            currency: None,
            rounding: RoundingMode::default(),
            id_prefix: default_fee_prefix(),
            charge_terms: None,
            after_principal_paid: UnpaidChargesPolicy::default(),
        }
    }

    /// Directive 2011/7/EU art. 6(1): where interest for late payment becomes payable, the
    /// creditor is entitled to a fixed sum of at least EUR 40 as compensation for recovery
    /// costs, without a reminder (art. 6(2)). One level, from the day after the due date, EUR 40
    /// per document. For a member state outside the euro, use its national equivalent instead.
    ///
    /// # Example
    /// ```
    /// let p = ar_core::fees::FeePolicy::eu_late_payment_compensation();
    /// assert_eq!(p.currency.unwrap().code(), "EUR");
    /// ```
    pub fn eu_late_payment_compensation() -> Self {
        let mut level = FeeLevel::new(
            1,
            0,
            FeeAmount::Fixed {
                amount: Decimal::new(4000, 2),
            },
        );
        level.label = Some("EU 2011/7/EU art. 6 compensation".into());
        let mut p = FeePolicy::new(vec![level]);
        p.currency = Currency::from_code("EUR").ok();
        p
    }

    /// Late Payment of Commercial Debts (Interest) Act 1998 s.5A(1)-(2): once statutory
    /// interest begins to run on a qualifying debt, the supplier is entitled to a fixed sum of
    /// GBP 40 for a debt under 1 000, GBP 70 for 1 000 or more but under 10 000, and GBP 100 for
    /// 10 000 or more. One level, from the day after the due date, per document; the debt is
    /// what is unpaid when interest starts to run.
    ///
    /// # Example
    /// ```
    /// let p = ar_core::fees::FeePolicy::uk_late_payment_compensation();
    /// assert_eq!(p.currency.unwrap().code(), "GBP");
    /// ```
    pub fn uk_late_payment_compensation() -> Self {
        let tier = |from: i64, amount: i64| FeeTier {
            from: Decimal::new(from, 2),
            fee: FlatFee::Fixed {
                amount: Decimal::new(amount, 2),
            },
        };
        let mut level = FeeLevel::new(
            1,
            0,
            FeeAmount::Tiered {
                tiers: vec![tier(0, 4000), tier(100_000, 7000), tier(1_000_000, 10_000)],
            },
        );
        level.label = Some("UK 1998 Act s.5A fixed sum".into());
        let mut p = FeePolicy::new(vec![level]);
        p.currency = Currency::from_code("GBP").ok();
        p
    }

    /// Checks the policy: unique level numbers; no negative amount, percent, minimum, cap or
    /// threshold; a cap not below the minimum; tiers non-empty with `from` zero or more and
    /// strictly increasing; a repeat of at least one day.
    ///
    /// # Errors
    /// `duplicate_fee_level`, `invalid_fee`, `invalid_fee_tiers`.
    ///
    /// # Example
    /// ```
    /// use ar_core::fees::{FeeAmount, FeeLevel, FeePolicy};
    /// let neg = FeeLevel::new(1, 0, FeeAmount::Percent { percent: "-1".parse().unwrap() });
    /// assert_eq!(FeePolicy::new(vec![neg]).validate().unwrap_err().kind(), "invalid_fee");
    /// ```
    pub fn validate(&self) -> Result<(), FeeError> {
        let mut seen = std::collections::BTreeSet::new();
        for l in &self.levels {
            let level = l.level;
            if !seen.insert(level) {
                return Err(FeeError::DuplicateLevel { level });
            }
            let bad = |detail: String| FeeError::InvalidFee { level, detail };
            let tiers_bad = |detail: String| FeeError::InvalidTiers { level, detail };
            let negative = |what: &str, v: Decimal| -> Result<(), FeeError> {
                if v < Decimal::ZERO {
                    Err(bad(format!("{what} `{v}` is negative")))
                } else {
                    Ok(())
                }
            };
            match &l.fee {
                FeeAmount::Fixed { amount } => negative("amount", *amount)?,
                FeeAmount::Percent { percent } => negative("percent", *percent)?,
                FeeAmount::Tiered { tiers } => {
                    increasing(tiers.iter().map(|t| t.from)).map_err(tiers_bad)?;
                    for t in tiers {
                        match t.fee {
                            FlatFee::Fixed { amount } => negative("amount", amount)?,
                            FlatFee::Percent { percent } => negative("percent", percent)?,
                        }
                    }
                }
                FeeAmount::Graduated { tiers } => {
                    increasing(tiers.iter().map(|t| t.from)).map_err(tiers_bad)?;
                    for t in tiers {
                        negative("percent", t.percent)?;
                    }
                }
            }
            for (what, v) in [
                ("minimum", l.minimum),
                ("cap", l.cap),
                ("min_overdue", l.min_overdue),
            ] {
                if let Some(v) = v {
                    negative(what, v)?;
                }
            }
            if let (Some(min), Some(cap)) = (l.minimum, l.cap) {
                if cap < min {
                    return Err(bad(format!("cap `{cap}` is below the minimum `{min}`")));
                }
            }
            if l.repeat.is_some_and(|r| r.every_days == 0) {
                return Err(bad("a repeat needs `every_days` of at least 1".into()));
            }
        }
        Ok(())
    }
}

fn increasing(bounds: impl Iterator<Item = Decimal>) -> Result<(), String> {
    let mut last: Option<Decimal> = None;
    for b in bounds {
        if b < Decimal::ZERO {
            return Err(format!("bound `{b}` is negative"));
        }
        if let Some(l) = last {
            if b <= l {
                return Err(format!("bound `{b}` is not above the previous `{l}`"));
            }
        }
        last = Some(b);
    }
    if last.is_none() {
        return Err("there must be at least one tier".into());
    }
    Ok(())
}

/// The exact fee on `basis` (before minimum, cap and rounding) and how it was found; `None`
/// when a bracket basis is below the first tier.
fn exact_fee(fee: &FeeAmount, basis: Decimal) -> Result<Option<(Decimal, String)>, FeeError> {
    let pct = |p: Decimal| -> Result<Decimal, FeeError> {
        basis
            .checked_mul(p)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .ok_or_else(|| overflow("percent fee"))
    };
    Ok(Some(match fee {
        FeeAmount::Fixed { amount } => (*amount, format!("fixed {amount}")),
        FeeAmount::Percent { percent } => (pct(*percent)?, format!("{percent} % of {basis}")),
        FeeAmount::Tiered { tiers } => {
            let Some(t) = tiers.iter().rev().find(|t| t.from <= basis) else {
                return Ok(None);
            };
            match t.fee {
                FlatFee::Fixed { amount } => (
                    amount,
                    format!("{basis} is in the tier from {}: fixed {amount}", t.from),
                ),
                FlatFee::Percent { percent } => (
                    pct(percent)?,
                    format!(
                        "{basis} is in the tier from {}: {percent} % of {basis}",
                        t.from
                    ),
                ),
            }
        }
        FeeAmount::Graduated { tiers } => {
            let mut total = Decimal::ZERO;
            let mut parts = Vec::new();
            for (i, t) in tiers.iter().enumerate() {
                if basis <= t.from {
                    break;
                }
                let top = tiers.get(i + 1).map_or(basis, |n| n.from.min(basis));
                let slice = top
                    .checked_sub(t.from)
                    .ok_or_else(|| overflow("graduated fee"))?;
                let part = slice
                    .checked_mul(t.percent)
                    .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
                    .ok_or_else(|| overflow("graduated fee"))?;
                total = total
                    .checked_add(part)
                    .ok_or_else(|| overflow("graduated fee"))?;
                parts.push(format!("{} % of {slice}", t.percent));
            }
            (total, format!("graduated: {}", parts.join(" + ")))
        }
    }))
}

/// A fee charge to issue.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposedFee {
    /// The `fee_charge` document (dated the as-of date) to issue in a `document_issued` event.
    pub document: Document,
    /// The principal document.
    pub charged_for: String,
    /// The installment (scope `installment` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment: Option<u32>,
    /// The level.
    pub level: u32,
    /// The occurrence of a repeating level (1, 2, ...); absent for a one-time level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<u32>,
    /// The idempotency key.
    pub key: String,
    /// The day the fee applied from.
    pub applies_from: NaiveDate,
    /// The overdue balance it was computed on.
    pub basis: Decimal,
    /// How it was computed, for people.
    pub reason: String,
}

/// An occurrence whose day has come but that is not charged, with why.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SkippedFee {
    /// The principal document.
    pub charged_for: String,
    /// The installment (scope `installment` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment: Option<u32>,
    /// The level.
    pub level: u32,
    /// The occurrence of a repeating level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<u32>,
    /// The idempotency key.
    pub key: String,
    /// The day the fee applied from.
    pub applies_from: NaiveDate,
    /// Why it is not charged (already charged, waived, below the threshold, zero).
    pub reason: String,
}

/// The result of a fee run (see [`assess_fees`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeRun {
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The account currency.
    pub currency: Currency,
    /// The fees to charge, by document, installment, level and period.
    pub charges: Vec<ProposedFee>,
    /// Occurrences not charged, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedFee>,
    /// The sum of the charges.
    pub total: Decimal,
}

/// One installment of a debt: due date, original amount, reductions by date.
type DebtItem = (NaiveDate, Decimal, Vec<(NaiveDate, Decimal)>);

/// One debt a fee is charged on: a document, or one installment of it.
struct Debt {
    document: String,
    installment: Option<u32>,
    /// (due date, original, changes by date) per installment of the debt.
    items: Vec<DebtItem>,
    outstanding_now: Decimal,
}

impl Debt {
    /// What of item `i` is unpaid at the end of `day`.
    fn open(&self, i: usize, day: NaiveDate) -> Result<Decimal, FeeError> {
        let Some((_, original, changes)) = self.items.get(i) else {
            return Ok(Decimal::ZERO);
        };
        let mut open = *original;
        for (date, amount) in changes {
            if *date <= day {
                open = open
                    .checked_sub(*amount)
                    .ok_or_else(|| overflow("overdue balance"))?;
            }
        }
        Ok(open)
    }

    /// What is unpaid at the end of `day` of the installments due before `before`.
    fn overdue(&self, day: NaiveDate, before: NaiveDate) -> Result<Decimal, FeeError> {
        let mut total = Decimal::ZERO;
        for (i, (due, _, _)) in self.items.iter().enumerate() {
            if *due < before {
                total = total
                    .checked_add(self.open(i, day)?)
                    .ok_or_else(|| overflow("overdue balance"))?;
            }
        }
        Ok(total)
    }
}

fn add_days(date: NaiveDate, days: u64) -> Result<NaiveDate, FeeError> {
    date.checked_add_days(Days::new(days)).ok_or_else(|| {
        FeeError::Interest(InterestError::Calendar(
            crate::calendar::CalendarError::DateOutOfRange {
                date,
                operation: format!("adding {days} days"),
            },
        ))
    })
}

/// Runs a fee policy over `account` as of `as_of` and proposes the `fee_charge` documents the
/// host can issue, each with its idempotency key and reason; occurrences not charged are listed
/// with why. Pure: the account is not changed. See the module docs for when a fee applies, the
/// basis, the keys and the amounts.
///
/// Fees are charged on invoices and debit notes (not voided, issued by `as_of`); fee and
/// interest charges carry no fees.
///
/// # Errors
/// The [`FeePolicy::validate`] errors; `currency_mismatch` when the policy's currency is not
/// the account's; `no_minor_unit`, `overflow`, `date_out_of_range`; `too_many_fee_charges`;
/// the [`issue_simple`] errors for a bad `charge_terms`.
///
/// # Example
/// ```
/// use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
/// use ar_core::fees::{assess_fees, FeeAmount, FeeLevel, FeePolicy};
/// use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
/// use ar_core::money::Currency;
/// use chrono::NaiveDate;
/// let eur = Currency::from_code("EUR")?;
/// let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).unwrap();
/// let mut a = Account::new(AccountConfig::new("ACME", eur));
/// let inv = issue_simple(&SimpleDraft::new(DocumentKind::Invoice, "INV-1", "ACME", d(1, 31), eur,
///     "1200.00".parse().unwrap()), &Default::default())?;
/// a.apply(&Event::new("e1", d(1, 31), EventBody::DocumentIssued { document: inv }))?;
/// let mut level = FeeLevel::new(1, 10, FeeAmount::Percent { percent: "5".parse().unwrap() });
/// level.cap = Some("50.00".parse().unwrap());
/// let policy = FeePolicy::new(vec![level]);
/// assert!(assess_fees(&a, &policy, d(2, 10))?.charges.is_empty()); // still in grace
/// let run = assess_fees(&a, &policy, d(2, 11))?;
/// // 5 % of 1200.00 = 60.00, capped at 50.00
/// assert_eq!(run.charges[0].document.total.to_string(), "50.00");
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn assess_fees(
    account: &Account,
    policy: &FeePolicy,
    as_of: NaiveDate,
) -> Result<FeeRun, FeeError> {
    policy.validate()?;
    let config = account.config();
    let currency = config.currency;
    if let Some(c) = policy.currency {
        if c != currency {
            return Err(MoneyError::CurrencyMismatch {
                left: c.code().to_string(),
                right: currency.code().to_string(),
            }
            .into());
        }
    }
    let rounding = Rounding::new(policy.rounding);
    let zero = rounding.round(Decimal::ZERO, currency)?;
    // keys already charged: (document, installment, key) -> fee document id
    let mut taken: BTreeMap<(String, Option<u32>, String), String> = BTreeMap::new();
    for (id, ds) in account.documents() {
        if ds.document.kind != DocumentKind::FeeCharge || issued_after(ds, as_of) {
            continue;
        }
        if let Some(c) = &ds.document.charge_for {
            taken
                .entry((c.document.clone(), c.installment, c.key.clone()))
                .or_insert_with(|| id.to_string());
        }
    }
    let payments = PaymentIndex::new(account, as_of);
    let mut levels: Vec<&FeeLevel> = policy.levels.iter().collect();
    levels.sort_by_key(|l| l.level);
    let mut run = FeeRun {
        as_of,
        currency,
        charges: Vec::new(),
        skipped: Vec::new(),
        total: zero,
    };
    for (id, ds) in account.documents() {
        let doc = &ds.document;
        if ds.voided
            || !matches!(doc.kind, DocumentKind::Invoice | DocumentKind::DebitNote)
            || issued_after(ds, as_of)
        {
            continue;
        }
        let mut items = Vec::new();
        for i in 0..doc.installments.len() {
            let inst = u32::try_from(i).map_err(|_| overflow("installment index"))?;
            let p = item_principal(account, &payments, id, inst, as_of)?;
            items.push((
                inst,
                p.due_date,
                p.original,
                p.changes
                    .iter()
                    .map(|c| (c.date, c.amount))
                    .collect::<Vec<_>>(),
                p.outstanding,
            ));
        }
        let debts: Vec<Debt> = match policy.scope {
            FeeScope::Document => {
                let mut outstanding = Decimal::ZERO;
                for it in &items {
                    outstanding = outstanding
                        .checked_add(it.4)
                        .ok_or_else(|| overflow("outstanding"))?;
                }
                vec![Debt {
                    document: id.to_string(),
                    installment: None,
                    items: items.iter().map(|it| (it.1, it.2, it.3.clone())).collect(),
                    outstanding_now: outstanding,
                }]
            }
            FeeScope::Installment => items
                .iter()
                .map(|it| Debt {
                    document: id.to_string(),
                    installment: Some(it.0),
                    items: vec![(it.1, it.2, it.3.clone())],
                    outstanding_now: it.4,
                })
                .collect(),
        };
        for debt in &debts {
            for level in &levels {
                assess_level(account, policy, level, debt, as_of, &taken, &mut run, zero)?;
            }
        }
    }
    for c in &run.charges {
        run.total = run
            .total
            .checked_add(c.document.total)
            .ok_or_else(|| overflow("fee total"))?;
    }
    Ok(run)
}

#[allow(clippy::too_many_arguments)]
fn assess_level(
    account: &Account,
    policy: &FeePolicy,
    level: &FeeLevel,
    debt: &Debt,
    as_of: NaiveDate,
    taken: &BTreeMap<(String, Option<u32>, String), String>,
    run: &mut FeeRun,
    zero: Decimal,
) -> Result<(), FeeError> {
    let currency = run.currency;
    let grace = u64::from(level.grace_days);
    // the first day the level applies: the earliest installment still unpaid after its grace
    let mut order: Vec<usize> = (0..debt.items.len()).collect();
    order.sort_by_key(|&i| debt.items[i].0);
    let mut first = None;
    for i in order {
        let due = debt.items[i].0;
        let t = add_days(due, grace + 1)?;
        if t > as_of {
            break;
        }
        if debt.open(i, add_days(due, grace)?)? > Decimal::ZERO {
            first = Some(t);
            break;
        }
    }
    let Some(first) = first else {
        return Ok(());
    };
    let target = match debt.installment {
        Some(i) => format!("{} #{}", debt.document, i + 1),
        None => debt.document.clone(),
    };
    let name = match &level.label {
        Some(l) => format!("level {} ({l})", level.level),
        None => format!("level {}", level.level),
    };
    let mut k: u32 = 0;
    loop {
        let period = level.repeat.map(|_| k + 1);
        if level
            .repeat
            .and_then(|r| r.max_charges)
            .is_some_and(|max| k >= max)
        {
            break;
        }
        let applies_from = match level.repeat {
            None => first,
            Some(r) => add_days(first, u64::from(r.every_days).saturating_mul(u64::from(k)))?,
        };
        if applies_from > as_of {
            break;
        }
        let day_before = applies_from.pred_opt().ok_or_else(|| overflow("date"))?;
        let basis = debt.overdue(day_before, applies_from)?;
        if basis <= Decimal::ZERO {
            break; // paid: no later occurrence either
        }
        if run.charges.len() + run.skipped.len() >= MAX_FEE_CHARGES {
            return Err(FeeError::TooManyCharges {
                limit: MAX_FEE_CHARGES,
            });
        }
        let key = match period {
            None => format!("level-{}", level.level),
            Some(n) => format!("level-{}/period-{n}", level.level),
        };
        let occurrence = match period {
            None => format!("{target} {name}"),
            Some(n) => format!("{target} {name} period {n}"),
        };
        let skip = |reason: String| SkippedFee {
            charged_for: debt.document.clone(),
            installment: debt.installment,
            level: level.level,
            period,
            key: key.clone(),
            applies_from,
            reason,
        };
        if let Some(existing) = taken.get(&(debt.document.clone(), debt.installment, key.clone())) {
            run.skipped
                .push(skip(format!("{occurrence}: already charged by {existing}")));
        } else if policy.after_principal_paid == UnpaidChargesPolicy::Waive
            && debt.outstanding_now <= Decimal::ZERO
        {
            run.skipped.push(skip(format!(
                "{occurrence}: principal paid by {as_of}; the fee is waived by policy"
            )));
        } else if level.min_overdue.is_some_and(|m| basis < m) {
            run.skipped.push(skip(format!(
                "{occurrence}: overdue {basis} is below the threshold {}",
                level.min_overdue.unwrap_or_default()
            )));
        } else {
            match exact_fee(&level.fee, basis)? {
                None => run.skipped.push(skip(format!(
                    "{occurrence}: overdue {basis} is below the first tier"
                ))),
                Some((exact, how)) => {
                    let mut fee = exact;
                    let mut how = how;
                    if let Some(min) = level.minimum {
                        if fee < min {
                            how = format!("{how} = {fee}, raised to the minimum {min}");
                            fee = min;
                        }
                    }
                    if let Some(cap) = level.cap {
                        if fee > cap {
                            how = format!("{how} = {fee}, capped at {cap}");
                            fee = cap;
                        }
                    }
                    let amount = Rounding::new(policy.rounding).round(fee, currency)?;
                    if amount <= zero {
                        run.skipped.push(skip(format!(
                            "{occurrence}: the fee ({how}) rounds to zero"
                        )));
                    } else {
                        let id = match debt.installment {
                            Some(i) => format!("{}{}/{i}/{key}", policy.id_prefix, debt.document),
                            None => format!("{}{}/{key}", policy.id_prefix, debt.document),
                        };
                        let mut draft = SimpleDraft::new(
                            DocumentKind::FeeCharge,
                            &id,
                            &account.config().customer,
                            as_of,
                            currency,
                            amount,
                        );
                        draft.terms = policy.charge_terms.clone();
                        draft.charge_for = Some(ChargeFor {
                            document: debt.document.clone(),
                            installment: debt.installment,
                            key: key.clone(),
                            from: None,
                            through: None,
                        });
                        let document = issue_simple(&draft, &Default::default())?;
                        let late =
                            (applies_from - first).num_days() + i64::from(level.grace_days) + 1;
                        run.charges.push(ProposedFee {
                            document,
                            charged_for: debt.document.clone(),
                            installment: debt.installment,
                            level: level.level,
                            period,
                            key: key.clone(),
                            applies_from,
                            basis,
                            reason: format!(
                                "{occurrence}: unpaid {late} days after its due date (grace {} days), from {applies_from}: {how}; fee {amount}",
                                level.grace_days
                            ),
                        });
                    }
                }
            }
        }
        if level.repeat.is_none() {
            break;
        }
        k = match k.checked_add(1) {
            Some(n) => n,
            None => break,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn fee_amounts() {
        let tiers = FeePolicy::uk_late_payment_compensation().levels[0]
            .fee
            .clone();
        for (basis, fee) in [
            ("999.99", "40.00"),
            ("1000.00", "70.00"),
            ("9999.99", "70.00"),
            ("10000.00", "100.00"),
        ] {
            assert_eq!(
                exact_fee(&tiers, d(basis)).unwrap().unwrap().0,
                d(fee),
                "{basis}"
            );
        }
        let graduated = FeeAmount::Graduated {
            tiers: vec![
                GraduatedTier {
                    from: d("0"),
                    percent: d("2"),
                },
                GraduatedTier {
                    from: d("1000"),
                    percent: d("1"),
                },
            ],
        };
        // 2 % of 1000 + 1 % of 500 = 25
        assert_eq!(
            exact_fee(&graduated, d("1500.00")).unwrap().unwrap().0,
            d("25")
        );
        let from_100 = FeeAmount::Tiered {
            tiers: vec![FeeTier {
                from: d("100"),
                fee: FlatFee::Percent { percent: d("10") },
            }],
        };
        assert!(exact_fee(&from_100, d("99.99")).unwrap().is_none());
    }

    #[test]
    fn validation() {
        let fixed = |a: &str| FeeAmount::Fixed { amount: d(a) };
        let p = FeePolicy::new(vec![
            FeeLevel::new(1, 0, fixed("1")),
            FeeLevel::new(1, 5, fixed("2")),
        ]);
        assert_eq!(p.validate().unwrap_err().kind(), "duplicate_fee_level");
        let mut l = FeeLevel::new(2, 0, fixed("1"));
        l.minimum = Some(d("10"));
        l.cap = Some(d("5"));
        let e = FeePolicy::new(vec![l]).validate().unwrap_err();
        assert_eq!(
            e.to_string(),
            "fee level 2 is invalid: cap `5` is below the minimum `10`"
        );
        let t = FeeAmount::Tiered {
            tiers: vec![
                FeeTier {
                    from: d("0"),
                    fee: FlatFee::Fixed { amount: d("1") },
                },
                FeeTier {
                    from: d("0"),
                    fee: FlatFee::Fixed { amount: d("2") },
                },
            ],
        };
        let e = FeePolicy::new(vec![FeeLevel::new(3, 0, t)])
            .validate()
            .unwrap_err();
        assert_eq!(e.kind(), "invalid_fee_tiers");
        assert_eq!(
            e.to_string(),
            "fee tiers of level 3 are invalid: bound `0` is not above the previous `0`"
        );
        let mut r = FeeLevel::new(4, 0, fixed("1"));
        r.repeat = Some(FeeRepeat {
            every_days: 0,
            max_charges: None,
        });
        assert_eq!(
            FeePolicy::new(vec![r]).validate().unwrap_err().kind(),
            "invalid_fee"
        );
    }

    #[test]
    fn error_messages() {
        let cases: Vec<(FeeError, &str, &str)> = vec![
            (FeeError::DuplicateLevel { level: 1 }, "duplicate_fee_level", "fee level 1 appears twice"),
            (
                FeeError::InvalidFee { level: 1, detail: "x".into() },
                "invalid_fee",
                "fee level 1 is invalid: x",
            ),
            (
                FeeError::InvalidTiers { level: 1, detail: "x".into() },
                "invalid_fee_tiers",
                "fee tiers of level 1 are invalid: x",
            ),
            (
                FeeError::TooManyCharges { limit: MAX_FEE_CHARGES },
                "too_many_fee_charges",
                "the fee run has more than 100000 occurrences; charge more often or repeat less often",
            ),
        ];
        for (e, kind, msg) in cases {
            assert_eq!(e.kind(), kind);
            assert_eq!(e.to_string(), msg);
            assert_eq!(crate::Error::from(e).kind(), kind);
        }
    }
}
