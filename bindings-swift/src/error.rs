//! The one error type of the binding.
//!
//! [`ArCoreError`] has one case per core module (`Money`, `Allocation`, `Calendar`, `Terms`,
//! `Notation`, `Fx`, `Document`, `Ledger`, `Statement`, `Discount`, `Plan`, `Interest`, `Fee`). Each case carries the core's stable `kind`
//! (`unknown_currency`, `parse_error`, `discount_after_due_date`, ...) and the core's message
//! as `detail`. (Never a field named `message`: Kotlin exceptions already have one, and uniffi
//! would drop ours.)
//!
//! Each kind belongs to exactly one case: an error a module passes on from a lower module
//! (a `TermsError::Allocation(..)` from [`ar_core::terms::schedule`]) is reported in the case
//! of the module that defines it (`Allocation`), so a host can match on the case alone.
//!
//! In Swift it is `ArCoreError` (`catch ArCoreError.Terms(let kind, let detail)`); in Kotlin
//! uniffi names it `ArCoreException` (`catch (e: ArCoreException.Terms)`).

use ar_core::allocation::AllocationError;
use ar_core::calendar::CalendarError;
use ar_core::discounts::DiscountError;
use ar_core::documents::DocumentError;
use ar_core::fees::FeeError;
use ar_core::fx::FxError;
use ar_core::installments::PlanError;
use ar_core::interest::InterestError;
use ar_core::ledger::LedgerError;
use ar_core::money::MoneyError;
use ar_core::notation::NotationError;
use ar_core::statement::StatementError;
use ar_core::terms::TermsError;

/// An error of ar-core, by the core module that defines it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ArCoreError {
    /// Currencies, amounts and rounding (`ar_core::money`).
    #[error("{detail}")]
    Money {
        /// The stable machine-readable code, e.g. `unknown_currency`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Splitting amounts (`ar_core::allocation`).
    #[error("{detail}")]
    Allocation {
        /// The stable machine-readable code, e.g. `parts_do_not_cover`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Business calendars and date arithmetic (`ar_core::calendar`).
    #[error("{detail}")]
    Calendar {
        /// The stable machine-readable code, e.g. `date_out_of_range`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Payment terms and schedules (`ar_core::terms`).
    #[error("{detail}")]
    Terms {
        /// The stable machine-readable code, e.g. `discount_after_due_date`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// The text notation of terms (`ar_core::notation`).
    #[error("{detail}")]
    Notation {
        /// The stable machine-readable code, e.g. `parse_error`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Exchange rates and conversion (`ar_core::fx`).
    #[error("{detail}")]
    Fx {
        /// The stable machine-readable code, e.g. `missing_rate`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Invoices, credit notes and other documents (`ar_core::documents`).
    #[error("{detail}")]
    Document {
        /// The stable machine-readable code, e.g. `no_invoice_lines`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// The customer account and its events (`ar_core::ledger`); also `invalid_json` for an
    /// account JSON that `Account.fromJson` cannot read.
    #[error("{detail}")]
    Ledger {
        /// The stable machine-readable code, e.g. `over_allocation`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Customer statements (`ar_core::statement`).
    #[error("{detail}")]
    Statement {
        /// The stable machine-readable code, e.g. `invalid_period`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Early-payment discounts: tax-base modes, earned and pro-rata discounts, annual cost
    /// (`ar_core::discounts`).
    #[error("{detail}")]
    Discount {
        /// The stable machine-readable code, e.g. `invalid_discount_period`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Installment plans, their status and rescheduling (`ar_core::installments`).
    #[error("{detail}")]
    Plan {
        /// The stable machine-readable code, e.g. `invalid_installment_count`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Late-payment interest, day counts and rate tables (`ar_core::interest`).
    #[error("{detail}")]
    Interest {
        /// The stable machine-readable code, e.g. `missing_interest_rate`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
    /// Late fees (`ar_core::fees`).
    #[error("{detail}")]
    Fee {
        /// The stable machine-readable code, e.g. `duplicate_fee_level`.
        kind: String,
        /// What went wrong, for people.
        detail: String,
    },
}

impl ArCoreError {
    /// The stable machine-readable code.
    pub fn kind(&self) -> &str {
        match self {
            ArCoreError::Money { kind, .. }
            | ArCoreError::Allocation { kind, .. }
            | ArCoreError::Calendar { kind, .. }
            | ArCoreError::Terms { kind, .. }
            | ArCoreError::Notation { kind, .. }
            | ArCoreError::Fx { kind, .. }
            | ArCoreError::Document { kind, .. }
            | ArCoreError::Ledger { kind, .. }
            | ArCoreError::Statement { kind, .. }
            | ArCoreError::Discount { kind, .. }
            | ArCoreError::Plan { kind, .. }
            | ArCoreError::Interest { kind, .. }
            | ArCoreError::Fee { kind, .. } => kind,
        }
    }
}

impl From<MoneyError> for ArCoreError {
    fn from(e: MoneyError) -> Self {
        ArCoreError::Money {
            kind: e.kind().into(),
            detail: e.to_string(),
        }
    }
}

impl From<CalendarError> for ArCoreError {
    fn from(e: CalendarError) -> Self {
        ArCoreError::Calendar {
            kind: e.kind().into(),
            detail: e.to_string(),
        }
    }
}

impl From<AllocationError> for ArCoreError {
    fn from(e: AllocationError) -> Self {
        match e {
            AllocationError::Money(inner) => inner.into(),
            other => ArCoreError::Allocation {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<TermsError> for ArCoreError {
    fn from(e: TermsError) -> Self {
        match e {
            TermsError::Money(inner) => inner.into(),
            TermsError::Allocation(inner) => inner.into(),
            TermsError::Calendar(inner) => inner.into(),
            other => ArCoreError::Terms {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<NotationError> for ArCoreError {
    fn from(e: NotationError) -> Self {
        ArCoreError::Notation {
            kind: e.kind().into(),
            detail: e.to_string(),
        }
    }
}

impl From<FxError> for ArCoreError {
    fn from(e: FxError) -> Self {
        match e {
            FxError::Money(inner) => inner.into(),
            other => ArCoreError::Fx {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<DocumentError> for ArCoreError {
    fn from(e: DocumentError) -> Self {
        match e {
            DocumentError::Terms(inner) => inner.into(),
            DocumentError::Discount(inner) => inner.into(),
            DocumentError::Money(inner) => inner.into(),
            other => ArCoreError::Document {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<LedgerError> for ArCoreError {
    fn from(e: LedgerError) -> Self {
        match e {
            LedgerError::Document(inner) => inner.into(),
            LedgerError::Money(inner) => inner.into(),
            LedgerError::Allocation(inner) => inner.into(),
            LedgerError::Fx(inner) => inner.into(),
            LedgerError::Discount(inner) => inner.into(),
            other => ArCoreError::Ledger {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<StatementError> for ArCoreError {
    fn from(e: StatementError) -> Self {
        match e {
            StatementError::Ledger(inner) => inner.into(),
            other => ArCoreError::Statement {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<DiscountError> for ArCoreError {
    fn from(e: DiscountError) -> Self {
        match e {
            DiscountError::Allocation(inner) => inner.into(),
            DiscountError::Money(inner) => inner.into(),
            other => ArCoreError::Discount {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<PlanError> for ArCoreError {
    fn from(e: PlanError) -> Self {
        match e {
            PlanError::Money(inner) => inner.into(),
            PlanError::Allocation(inner) => inner.into(),
            PlanError::Calendar(inner) => inner.into(),
            PlanError::Terms(inner) => inner.into(),
            PlanError::Document(inner) => inner.into(),
            PlanError::Ledger(inner) => inner.into(),
            other => ArCoreError::Plan {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<InterestError> for ArCoreError {
    fn from(e: InterestError) -> Self {
        match e {
            InterestError::Calendar(inner) => inner.into(),
            InterestError::Money(inner) => inner.into(),
            InterestError::Document(inner) => inner.into(),
            InterestError::Ledger(inner) => inner.into(),
            other => ArCoreError::Interest {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl From<FeeError> for ArCoreError {
    fn from(e: FeeError) -> Self {
        match e {
            FeeError::Money(inner) => inner.into(),
            FeeError::Document(inner) => inner.into(),
            FeeError::Ledger(inner) => inner.into(),
            FeeError::Interest(inner) => inner.into(),
            other => ArCoreError::Fee {
                kind: other.kind().into(),
                detail: other.to_string(),
            },
        }
    }
}

impl ArCoreError {
    /// `Ledger` `invalid_json`: text that is not an account's JSON (`Account.fromJson`). The
    /// core reports serde's own error there, which has no kind; the message follows the
    /// core's `invalid terms json: ...`.
    pub(crate) fn invalid_account_json(e: &serde_json::Error) -> Self {
        ArCoreError::Ledger {
            kind: "invalid_json".into(),
            detail: format!("invalid account json: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    // every case, with its kind and message, as the foreign side receives it
    #[test]
    fn errors_land_in_the_case_of_the_module_that_defines_them() {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let cases: Vec<(ArCoreError, &str, &str, &str)> = vec![
            (
                MoneyError::UnknownCurrency { code: "XYZ".into() }.into(),
                "Money",
                "unknown_currency",
                "unknown currency `XYZ`",
            ),
            (
                AllocationError::NoParts.into(),
                "Allocation",
                "no_parts",
                "a split needs at least one part",
            ),
            (
                AllocationError::Money(MoneyError::InvalidIncrement {
                    increment: Decimal::ZERO,
                })
                .into(),
                "Money",
                "invalid_increment",
                "rounding increment `0` must be greater than zero",
            ),
            (
                CalendarError::NoBusinessDays.into(),
                "Calendar",
                "no_business_days",
                "the calendar has no business days: all seven weekdays are weekend days",
            ),
            (
                TermsError::NoLines.into(),
                "Terms",
                "no_lines",
                "payment terms need at least one line",
            ),
            (
                TermsError::DiscountAfterDueDate {
                    line: 0,
                    deadline: date,
                    due_date: date,
                }
                .into(),
                "Terms",
                "discount_after_due_date",
                "discount deadline `2024-01-01` of line 0 is after its due date `2024-01-01`",
            ),
            (
                TermsError::Allocation(AllocationError::NoParts).into(),
                "Allocation",
                "no_parts",
                "a split needs at least one part",
            ),
            (
                TermsError::Calendar(CalendarError::NoBusinessDays).into(),
                "Calendar",
                "no_business_days",
                "the calendar has no business days: all seven weekdays are weekend days",
            ),
            (
                DocumentError::NoInvoiceLines {
                    document: "INV-1".into(),
                }
                .into(),
                "Document",
                "no_invoice_lines",
                "invoice `INV-1` needs at least one line",
            ),
            (
                DocumentError::Terms(TermsError::NoLines).into(),
                "Terms",
                "no_lines",
                "payment terms need at least one line",
            ),
            (
                DocumentError::Money(MoneyError::NoMinorUnit { code: "XAU".into() }).into(),
                "Money",
                "no_minor_unit",
                "currency `XAU` has no minor unit; give an explicit rounding increment",
            ),
            (
                LedgerError::UnknownPayment {
                    payment_id: "P-9".into(),
                }
                .into(),
                "Ledger",
                "unknown_payment",
                "unknown payment `P-9`",
            ),
            (
                LedgerError::Document(DocumentError::EmptyId).into(),
                "Document",
                "empty_id",
                "a document id must not be empty",
            ),
            (
                LedgerError::Money(MoneyError::CurrencyMismatch {
                    left: "EUR".into(),
                    right: "USD".into(),
                })
                .into(),
                "Money",
                "currency_mismatch",
                "currency mismatch: `EUR` and `USD`",
            ),
            (
                LedgerError::Allocation(AllocationError::NotRounded {
                    amount: Decimal::new(1005, 3),
                    unit: Decimal::new(1, 2),
                })
                .into(),
                "Allocation",
                "amount_not_rounded",
                "amount `1.005` is not a multiple of the rounding unit `0.01`; round it first",
            ),
            (
                LedgerError::Fx(FxError::MissingRate {
                    from: "USD".into(),
                    to: "EUR".into(),
                    date,
                })
                .into(),
                "Fx",
                "missing_rate",
                "no exchange rate `USD` -> `EUR` on or before 2024-01-01",
            ),
            (
                LedgerError::Fx(FxError::Money(MoneyError::NoMinorUnit {
                    code: "XAU".into(),
                }))
                .into(),
                "Money",
                "no_minor_unit",
                "currency `XAU` has no minor unit; give an explicit rounding increment",
            ),
            (
                StatementError::InvalidPeriod {
                    from: date,
                    to: date.pred_opt().unwrap(),
                }
                .into(),
                "Statement",
                "invalid_period",
                "statement period from `2024-01-01` to `2023-12-31` ends before it starts",
            ),
            (
                StatementError::Ledger(LedgerError::Document(DocumentError::EmptyId)).into(),
                "Document",
                "empty_id",
                "a document id must not be empty",
            ),
            (
                ArCoreError::invalid_account_json(
                    &serde_json::from_str::<ar_core::ledger::Account>("{").unwrap_err(),
                ),
                "Ledger",
                "invalid_json",
                "invalid account json: EOF while parsing an object at line 1 column 1",
            ),
            (
                DiscountError::InvalidPeriod {
                    discount_days: 30,
                    net_days: 30,
                }
                .into(),
                "Discount",
                "invalid_discount_period",
                "a discount period of 30 days must be shorter than the net period of 30 days",
            ),
            (
                DiscountError::Allocation(AllocationError::NotRounded {
                    amount: Decimal::new(1005, 3),
                    unit: Decimal::new(1, 2),
                })
                .into(),
                "Allocation",
                "amount_not_rounded",
                "amount `1.005` is not a multiple of the rounding unit `0.01`; round it first",
            ),
            (
                DocumentError::Discount(DiscountError::MixedNeedsExclusiveTax).into(),
                "Discount",
                "mixed_needs_exclusive_tax",
                "the mixed discount base needs tax-exclusive prices",
            ),
            (
                LedgerError::Discount(DiscountError::Money(MoneyError::Overflow {
                    operation: "discount",
                }))
                .into(),
                "Money",
                "overflow",
                "arithmetic overflow in discount",
            ),
            (
                LedgerError::DuplicateCharge {
                    document: "FEE-2".into(),
                    charged_for: "INV-1".into(),
                    key: "level-1".into(),
                    existing: "FEE-1".into(),
                }
                .into(),
                "Ledger",
                "duplicate_charge",
                "`FEE-2` is a second charge for `INV-1` with key `level-1`: `FEE-1` already charged it",
            ),
            (
                PlanError::InvalidCount { count: 0 }.into(),
                "Plan",
                "invalid_installment_count",
                "installment count `0` is out of range 1..=10000",
            ),
            (
                PlanError::Ledger(LedgerError::DuplicateDocument {
                    document: "PLAN-1".into(),
                })
                .into(),
                "Ledger",
                "duplicate_document",
                "duplicate document id `PLAN-1`",
            ),
            (
                PlanError::Calendar(CalendarError::NoBusinessDays).into(),
                "Calendar",
                "no_business_days",
                "the calendar has no business days: all seven weekdays are weekend days",
            ),
            (
                InterestError::MissingRate { date }.into(),
                "Interest",
                "missing_interest_rate",
                "no interest rate in force on 2024-01-01: the rate table has no rate from that day or earlier",
            ),
            (
                InterestError::Ledger(LedgerError::UnknownDocument {
                    document: "INV-9".into(),
                })
                .into(),
                "Ledger",
                "unknown_document",
                "unknown document `INV-9`",
            ),
            (
                FeeError::DuplicateLevel { level: 2 }.into(),
                "Fee",
                "duplicate_fee_level",
                "fee level 2 appears twice",
            ),
            (
                FeeError::Interest(InterestError::InvalidDayCountPeriod {
                    start: date,
                    end: date.pred_opt().unwrap(),
                })
                .into(),
                "Interest",
                "invalid_day_count_period",
                "day-count period from 2024-01-01 to 2023-12-31 ends before it starts",
            ),
            (
                FeeError::Money(MoneyError::CurrencyMismatch {
                    left: "GBP".into(),
                    right: "EUR".into(),
                })
                .into(),
                "Money",
                "currency_mismatch",
                "currency mismatch: `GBP` and `EUR`",
            ),
        ];
        for (err, case, kind, detail) in cases {
            let got_case = match &err {
                ArCoreError::Money { .. } => "Money",
                ArCoreError::Allocation { .. } => "Allocation",
                ArCoreError::Calendar { .. } => "Calendar",
                ArCoreError::Terms { .. } => "Terms",
                ArCoreError::Notation { .. } => "Notation",
                ArCoreError::Fx { .. } => "Fx",
                ArCoreError::Document { .. } => "Document",
                ArCoreError::Ledger { .. } => "Ledger",
                ArCoreError::Statement { .. } => "Statement",
                ArCoreError::Discount { .. } => "Discount",
                ArCoreError::Plan { .. } => "Plan",
                ArCoreError::Interest { .. } => "Interest",
                ArCoreError::Fee { .. } => "Fee",
            };
            assert_eq!(got_case, case, "{err:?}");
            assert_eq!(err.kind(), kind);
            assert_eq!(err.to_string(), detail);
        }
        // the notation's own error type is being extended; its kind is stable
        let err = ArCoreError::from(ar_core::notation::parse("Net -5").unwrap_err());
        assert!(
            matches!(&err, ArCoreError::Notation { kind, .. } if kind == "parse_error"),
            "{err:?}"
        );
    }
}
