//! Late fees ([`ar_core::fees`]): fixed, percent, tiered and graduated fees with grace
//! periods, minimums, caps and repeats, charged idempotently (keyed by document and level or
//! period), and the EU / UK statutory compensation presets.
//!
//! Records and enums are the core's, re-declared with `#[uniffi::remote(...)]`. Errors: `Fee`
//! for the module's own kinds; `Money` (`currency_mismatch`), `Document`, `Ledger`,
//! `Interest` and `Calendar` for the kinds it passes on.

use std::sync::Arc;

use ar_core::documents::Document;
use ar_core::fees::{
    self, FeeAmount, FeeLevel, FeePolicy, FeeRepeat, FeeRun, FeeScope, FeeTier, FlatFee,
    GraduatedTier, ProposedFee, SkippedFee,
};
use ar_core::interest::UnpaidChargesPolicy;
use ar_core::money::{Currency, RoundingMode};
use ar_core::terms::Terms;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::account::Account;
use crate::error::ArCoreError;

type Result<T> = std::result::Result<T, ArCoreError>;

// ---- records and enums -------------------------------------------------------------------

/// A fixed amount or a percent of the basis (the fee of a bracket tier).
#[uniffi::remote(Enum)]
pub enum FlatFee {
    /// A fixed amount in the account currency.
    Fixed {
        /// The amount.
        amount: Decimal,
    },
    /// A percent of the basis.
    Percent {
        /// The percent (`5` is 5 %).
        percent: Decimal,
    },
}

/// A bracket: from `from` (inclusive) up to the next tier's `from`, the fee is `fee`,
/// computed on the whole basis.
#[uniffi::remote(Record)]
pub struct FeeTier {
    /// The lowest basis the tier applies to (inclusive).
    pub from: Decimal,
    /// The fee of the tier.
    pub fee: FlatFee,
}

/// A graduated slice: the part of the basis from `from` up to the next tier's `from` is
/// charged `percent`.
#[uniffi::remote(Record)]
pub struct GraduatedTier {
    /// Where the slice starts.
    pub from: Decimal,
    /// The percent charged on the slice.
    pub percent: Decimal,
}

/// How a fee is computed from the basis (the overdue balance on the day the fee applies).
#[uniffi::remote(Enum)]
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
    /// Brackets: the tier with the highest `from` not above the basis applies to all of it;
    /// below the first tier, no fee.
    Tiered {
        /// The tiers, `from` zero or more and strictly increasing.
        tiers: Vec<FeeTier>,
    },
    /// Each tier's percent on its slice of the basis.
    Graduated {
        /// The tiers, `from` zero or more and strictly increasing.
        tiers: Vec<GraduatedTier>,
    },
}

/// A level that repeats; each occurrence is keyed `level-{level}/period-{k}`.
#[uniffi::remote(Record)]
pub struct FeeRepeat {
    /// Days between occurrences (at least 1).
    pub every_days: u32,
    /// The most occurrences charged; unlimited when absent.
    #[uniffi(default = None)]
    pub max_charges: Option<u32>,
}

/// One level of a fee ladder.
#[uniffi::remote(Record)]
pub struct FeeLevel {
    /// The level number, part of the idempotency key `level-{level}`; unique in the policy.
    pub level: u32,
    /// The fee applies from the day `due + graceDays + 1` when something is still unpaid at
    /// the end of the day before.
    #[uniffi(default = 0)]
    pub grace_days: u32,
    /// How the fee is computed.
    pub fee: FeeAmount,
    /// The fee is raised to it.
    #[uniffi(default = None)]
    pub minimum: Option<Decimal>,
    /// The fee is lowered to it (not below `minimum`).
    #[uniffi(default = None)]
    pub cap: Option<Decimal>,
    /// No fee on a smaller basis.
    #[uniffi(default = None)]
    pub min_overdue: Option<Decimal>,
    /// Repeat the level every so many days.
    #[uniffi(default = None)]
    pub repeat: Option<FeeRepeat>,
    /// A name for reasons (e.g. `"reminder fee"`).
    #[uniffi(default = None)]
    pub label: Option<String>,
}

/// What one fee is charged on.
#[uniffi::remote(Enum)]
pub enum FeeScope {
    /// One fee per document and level (the JSON default; the statutes' compensation).
    Document,
    /// One fee per installment and level.
    Installment,
}

/// A late-fee policy: a ladder of levels (`assessFees`). `newFeePolicy(levels)` gives every
/// JSON default; `euLatePaymentCompensation()` and `ukLatePaymentCompensation()` are the
/// statutory presets.
#[uniffi::remote(Record)]
pub struct FeePolicy {
    /// The levels, each charged at most once per document (or installment) and period.
    pub levels: Vec<FeeLevel>,
    /// Per document (the JSON default) or per installment.
    pub scope: FeeScope,
    /// The ISO code of the currency the amounts are in; must be the account's
    /// (`currency_mismatch`). Absent: the account's.
    #[uniffi(default = None)]
    pub currency: Option<Currency>,
    /// How fees are rounded to the currency, once (the JSON default is half up).
    pub rounding: RoundingMode,
    /// Fee document ids are `{idPrefix}{document}/{key}` (scope installment:
    /// `{idPrefix}{document}/{installment}/{key}`).
    #[uniffi(default = "FEE-")]
    pub id_prefix: String,
    /// Terms of the fee documents; absent: due on the as-of date.
    #[uniffi(default = None)]
    pub charge_terms: Option<Terms>,
    /// Whether a fee whose day has come is still charged when its principal is paid by the
    /// as-of date (the JSON default is `CLAIMABLE`: yes).
    pub after_principal_paid: UnpaidChargesPolicy,
}

/// A fee charge to issue.
#[uniffi::remote(Record)]
pub struct ProposedFee {
    /// The `FEE_CHARGE` document (dated the as-of date, with its `chargeFor`) to issue in a
    /// `DocumentIssued` event.
    pub document: Document,
    /// The principal document.
    pub charged_for: String,
    /// The installment (scope installment only).
    pub installment: Option<u32>,
    /// The level.
    pub level: u32,
    /// The occurrence of a repeating level (1, 2, ...); absent for a one-time level.
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

/// An occurrence whose day has come but that is not charged, with why (already charged by
/// which document, waived, below the threshold or the first tier, rounds to zero).
#[uniffi::remote(Record)]
pub struct SkippedFee {
    /// The principal document.
    pub charged_for: String,
    /// The installment (scope installment only).
    pub installment: Option<u32>,
    /// The level.
    pub level: u32,
    /// The occurrence of a repeating level.
    pub period: Option<u32>,
    /// The idempotency key.
    pub key: String,
    /// The day the fee applied from.
    pub applies_from: NaiveDate,
    /// Why it is not charged.
    pub reason: String,
}

/// The result of a fee run (`assessFees`).
#[uniffi::remote(Record)]
pub struct FeeRun {
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The ISO code of the account currency.
    pub currency: Currency,
    /// The fees to charge, by document, installment, level and period.
    pub charges: Vec<ProposedFee>,
    /// Occurrences not charged, with why.
    pub skipped: Vec<SkippedFee>,
    /// The sum of the charges.
    pub total: Decimal,
}

// ---- functions ---------------------------------------------------------------------------

/// A fee policy with `levels` and every JSON default (`FeePolicy::new`): per document, the
/// account's currency, half up, ids `FEE-...`, fees due on the as-of date, claimable.
#[uniffi::export]
pub fn new_fee_policy(levels: Vec<FeeLevel>) -> Result<FeePolicy> {
    Ok(FeePolicy::new(levels))
}

/// Directive 2011/7/EU art. 6: EUR 40 per document from the day after the due date
/// (`FeePolicy::eu_late_payment_compensation`).
#[uniffi::export]
pub fn eu_late_payment_compensation() -> FeePolicy {
    FeePolicy::eu_late_payment_compensation()
}

/// Late Payment of Commercial Debts (Interest) Act 1998 s.5A: GBP 40 for a debt under
/// 1 000, 70 under 10 000, 100 from 10 000, per document from the day after the due date
/// (`FeePolicy::uk_late_payment_compensation`).
#[uniffi::export]
pub fn uk_late_payment_compensation() -> FeePolicy {
    FeePolicy::uk_late_payment_compensation()
}

/// Checks a fee policy (`FeePolicy::validate`): unique level numbers, nothing negative, a
/// cap not below the minimum, tiers non-empty and strictly increasing, repeats of at least
/// one day.
///
/// Throws `Fee` `duplicate_fee_level`, `invalid_fee`, `invalid_fee_tiers`.
#[uniffi::export]
pub fn validate_fee_policy(policy: FeePolicy) -> Result<()> {
    Ok(policy.validate()?)
}

/// The late fees due on `account` as of `asOf` under `policy` (`assess_fees`): for every
/// level (and period of a repeating level) whose day has come on a document (or installment)
/// still unpaid, the `FEE_CHARGE` document to issue, keyed by document and level. Pure: the
/// account is not changed. An occurrence already charged (its key is on an issued charge) is
/// reported in `skipped`, so running the policy twice charges once, and the ledger refuses
/// a second copy (`duplicate_charge`).
///
/// Throws `Fee` (`duplicate_fee_level`, `invalid_fee`, `invalid_fee_tiers`,
/// `too_many_fee_charges`), `Money` `currency_mismatch` (a policy currency other than the
/// account's), and the `Document` errors of a bad `chargeTerms`.
#[uniffi::export]
pub fn assess_fees(account: Arc<Account>, policy: FeePolicy, as_of: NaiveDate) -> Result<FeeRun> {
    Ok(fees::assess_fees(&account.lock(), &policy, as_of)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
    use ar_core::ledger::{AccountConfig, Event, EventBody};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    // the must-have: running the fee policy twice on the same account and level charges once
    #[test]
    fn the_fee_policy_run_twice_charges_once() {
        let eur = Currency::from_code("EUR").unwrap();
        let account = Account::new(AccountConfig::new("ACME", eur)).unwrap();
        let inv = issue_simple(
            &SimpleDraft::new(
                DocumentKind::Invoice,
                "INV-1",
                "ACME",
                day(1, 31),
                eur,
                "1200.00".parse().unwrap(),
            ),
            &Default::default(),
        )
        .unwrap();
        account
            .apply(Event::new(
                "e1",
                day(1, 31),
                EventBody::DocumentIssued { document: inv },
            ))
            .unwrap();
        let policy = new_fee_policy(vec![FeeLevel::new(
            1,
            10,
            FeeAmount::Fixed {
                amount: "25.00".parse().unwrap(),
            },
        )])
        .unwrap();
        let first = assess_fees(account.clone(), policy.clone(), day(2, 11)).unwrap();
        assert_eq!(first.charges.len(), 1);
        let fee = first.charges[0].document.clone();
        account
            .apply(Event::new(
                "e2",
                day(2, 11),
                EventBody::DocumentIssued {
                    document: fee.clone(),
                },
            ))
            .unwrap();
        let second = assess_fees(account.clone(), policy, day(2, 11)).unwrap();
        assert!(second.charges.is_empty());
        assert_eq!(second.skipped.len(), 1);
        // and the ledger refuses the same charge under another id
        let mut copy = fee;
        copy.id = "FEE-COPY".into();
        let e = account
            .apply(Event::new(
                "e3",
                day(2, 11),
                EventBody::DocumentIssued { document: copy },
            ))
            .unwrap_err();
        assert!(
            matches!(&e, ArCoreError::Ledger { kind, .. } if kind == "duplicate_charge"),
            "{e:?}"
        );
    }

    #[test]
    fn fee_errors_are_typed() {
        let level = FeeLevel::new(
            1,
            0,
            FeeAmount::Fixed {
                amount: "1.00".parse().unwrap(),
            },
        );
        let e =
            validate_fee_policy(new_fee_policy(vec![level.clone(), level]).unwrap()).unwrap_err();
        assert!(
            matches!(&e, ArCoreError::Fee { kind, .. } if kind == "duplicate_fee_level"),
            "{e:?}"
        );
        assert_eq!(
            uk_late_payment_compensation().currency.map(|c| c.code()),
            Some("GBP")
        );
    }
}
