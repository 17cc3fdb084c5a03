//! Invoice totals (exclusive and inclusive tax, several rates), simple documents, and the
//! error table of the documents and ledger modules. Expected values are worked out by hand.

mod ledger_common;

use ar_core::allocation::Part;
use ar_core::documents::{
    issue_invoice, issue_simple, DocumentError, DocumentKind, InvoiceDraft, InvoiceLine,
    SimpleDraft, TaxMode,
};
use ar_core::ledger::LedgerError;
use ar_core::money::{Currency, RoundingMode};
use ar_core::terms::{DateStep, TermLine, Terms};
use ledger_common::*;

fn draft(lines: Vec<InvoiceLine>, mode: TaxMode) -> InvoiceDraft {
    InvoiceDraft {
        id: "INV-1".into(),
        customer: "ACME".into(),
        date: day(2024, 1, 10),
        currency: eur(),
        lines,
        tax_mode: mode,
        terms: None,
        base_date: None,
        rounding: RoundingMode::HalfUp,
        discount_base: Default::default(),
        discount_rounding: Default::default(),
    }
}

#[test]
fn exclusive_totals_with_two_rates() {
    let lines = vec![
        // 3 x 19.99 = 59.97
        InvoiceLine::new("a", d("3"), d("19.99")).with_tax("VAT19", d("19")),
        // 2 x 7.49 = 14.98, less 10 % = 13.482 -> 13.48
        InvoiceLine::new("b", d("2"), d("7.49"))
            .with_discount(d("10"))
            .with_tax("VAT7", d("7")),
        // 100.00
        InvoiceLine::new("c", d("1"), d("100.00")).with_tax("VAT19", d("19")),
        // 5 x 0.333 = 1.665 -> 1.67 (half-up)
        InvoiceLine::new("d", d("5"), d("0.333")).with_tax("VAT7", d("7")),
    ];
    let (doc, t) = issue_invoice(&draft(lines, TaxMode::Exclusive), &Default::default()).unwrap();
    let strs = |v: &[ar_core::Decimal]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(strs(&t.lines), ["59.97", "13.48", "100.00", "1.67"]);
    // VAT19 on 59.97 + 100.00 = 159.97: 30.3943 -> 30.39
    // VAT7 on 13.48 + 1.67 = 15.15: 1.0605 -> 1.06
    assert_eq!(t.taxes[0].code, "VAT19");
    assert_eq!(t.taxes[0].base.to_string(), "159.97");
    assert_eq!(t.taxes[0].amount.to_string(), "30.39");
    assert_eq!(t.taxes[1].code, "VAT7");
    assert_eq!(t.taxes[1].base.to_string(), "15.15");
    assert_eq!(t.taxes[1].amount.to_string(), "1.06");
    // net 175.12 + tax 31.45 = 206.57
    assert_eq!(t.net.to_string(), "175.12");
    assert_eq!(t.tax.to_string(), "31.45");
    assert_eq!(t.gross.to_string(), "206.57");
    assert_eq!(doc.total.to_string(), "206.57");
    // no terms: one installment due on the invoice date
    assert_eq!(doc.installments.len(), 1);
    assert_eq!(doc.installments[0].due_date.to_string(), "2024-01-10");
}

#[test]
fn inclusive_totals_extract_tax_once_per_rate() {
    let lines = vec![
        InvoiceLine::new("a", d("1"), d("119.00")).with_tax("VAT19", d("19")),
        InvoiceLine::new("b", d("2"), d("10.70")).with_tax("VAT7", d("7")),
        InvoiceLine::new("c", d("1"), d("5.00")).with_tax("VAT19", d("19")),
    ];
    let (doc, t) = issue_invoice(&draft(lines, TaxMode::Inclusive), &Default::default()).unwrap();
    // VAT19: 124.00 * 19 / 119 = 19.7983.. -> 19.80; VAT7: 21.40 * 7 / 107 = 1.40
    assert_eq!(t.taxes[0].amount.to_string(), "19.80");
    assert_eq!(t.taxes[1].amount.to_string(), "1.40");
    // gross 145.40, tax 21.20, net 124.20
    assert_eq!(t.gross.to_string(), "145.40");
    assert_eq!(t.tax.to_string(), "21.20");
    assert_eq!(t.net.to_string(), "124.20");
    assert_eq!(doc.total.to_string(), "145.40");
}

#[test]
fn inclusive_line_with_two_rates_splits_by_the_line_rate() {
    // 123.00 gross with 20 % and 3 %: R = 23, taxes 123 * 20/123 = 20.00 and 123 * 3/123 = 3.00
    let lines = vec![InvoiceLine::new("a", d("1"), d("123.00"))
        .with_tax("A", d("20"))
        .with_tax("B", d("3"))];
    let (_, t) = issue_invoice(&draft(lines, TaxMode::Inclusive), &Default::default()).unwrap();
    assert_eq!(t.taxes[0].amount.to_string(), "20.00");
    assert_eq!(t.taxes[1].amount.to_string(), "3.00");
    assert_eq!(t.net.to_string(), "100.00");
}

#[test]
fn yen_rounds_to_whole_units() {
    // 3 x 333.5 = 1000.5 -> 1001; tax 10 % = 100.1 -> 100; gross 1101
    let mut dr = draft(
        vec![InvoiceLine::new("a", d("3"), d("333.5")).with_tax("CT", d("10"))],
        TaxMode::Exclusive,
    );
    dr.currency = Currency::from_code("JPY").unwrap();
    let (_, t) = issue_invoice(&dr, &Default::default()).unwrap();
    assert_eq!(
        (t.net.to_string(), t.tax.to_string(), t.gross.to_string()),
        ("1001".into(), "100".into(), "1101".into())
    );
}

#[test]
fn schedule_snapshot_from_the_base_date() {
    let mut dr = draft(
        vec![InvoiceLine::new("a", d("1"), d("206.57"))],
        TaxMode::Exclusive,
    );
    dr.terms = Some(Terms::new(vec![
        TermLine::new(Part::percent(d("50")), vec![DateStep::Days { days: 30 }]),
        TermLine::new(Part::Balance, vec![DateStep::Days { days: 60 }]),
    ]));
    // 50 % of 206.57 = 103.285 -> 103.29, balance 103.28; from 2024-01-10: +30 = 2024-02-09,
    // +60 = 2024-03-10
    let (doc, _) = issue_invoice(&dr, &Default::default()).unwrap();
    let got: Vec<(String, String)> = doc
        .installments
        .iter()
        .map(|i| (i.due_date.to_string(), i.amount.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("2024-02-09".to_string(), "103.29".to_string()),
            ("2024-03-10".to_string(), "103.28".to_string())
        ]
    );
    // a delivery date as base date moves the due dates: 2024-01-20 + 30 = 2024-02-19
    dr.base_date = Some(day(2024, 1, 20));
    let (doc, _) = issue_invoice(&dr, &Default::default()).unwrap();
    assert_eq!(doc.installments[0].due_date.to_string(), "2024-02-19");
    assert_eq!(doc.date.to_string(), "2024-01-10");
}

#[test]
fn simple_documents_and_their_signs() {
    let base = SimpleDraft::new(
        DocumentKind::CreditNote,
        "CN-1",
        "ACME",
        day(2024, 1, 10),
        eur(),
        d("50.00"),
    );
    let cn = issue_simple(&base, &Default::default()).unwrap();
    assert_eq!(cn.total.to_string(), "-50.00");
    assert_eq!(cn.installments[0].amount.to_string(), "-50.00");
    let fee = issue_simple(
        &SimpleDraft {
            kind: DocumentKind::FeeCharge,
            id: "FEE-1".into(),
            terms: Some(Terms::net(14)),
            ..base.clone()
        },
        &Default::default(),
    )
    .unwrap();
    // net 14 from 2024-01-10 = 2024-01-24
    assert_eq!(fee.total.to_string(), "50.00");
    assert_eq!(fee.installments[0].due_date.to_string(), "2024-01-24");
    let err = issue_simple(
        &SimpleDraft {
            amount: d("0"),
            ..base.clone()
        },
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid_total");
    let err = issue_simple(
        &SimpleDraft {
            amount: d("1.005"),
            ..base
        },
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid_installment");
    assert_eq!(
        err.to_string(),
        "installment 0 of `CN-1` is invalid: amount `-1.005` is not a multiple of the minor unit `0.01`"
    );
}

#[test]
fn invoice_errors() {
    let ok_line = || InvoiceLine::new("a", d("1"), d("10.00"));
    let cases: Vec<(InvoiceDraft, &str)> = vec![
        (draft(vec![], TaxMode::Exclusive), "no_invoice_lines"),
        (
            draft(vec![ok_line().with_discount(d("120"))], TaxMode::Exclusive),
            "invalid_line_discount",
        ),
        (
            draft(vec![ok_line().with_tax("X", d("-1"))], TaxMode::Exclusive),
            "invalid_tax_rate",
        ),
        (
            draft(
                vec![
                    ok_line().with_tax("X", d("7")),
                    ok_line().with_tax("X", d("19")),
                ],
                TaxMode::Exclusive,
            ),
            "conflicting_tax_rate",
        ),
        (
            draft(
                vec![InvoiceLine::new("a", d("0"), d("10.00"))],
                TaxMode::Exclusive,
            ),
            "invalid_total",
        ),
        (
            InvoiceDraft {
                id: String::new(),
                ..draft(vec![ok_line()], TaxMode::Exclusive)
            },
            "empty_id",
        ),
    ];
    for (dr, kind) in cases {
        assert_eq!(
            issue_invoice(&dr, &Default::default()).unwrap_err().kind(),
            kind
        );
    }
}

#[test]
fn document_json_shape() {
    let doc = invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00");
    let json = serde_json::to_string(&doc).unwrap();
    assert_eq!(
        json,
        r#"{"id":"INV-1","kind":"invoice","customer":"ACME","date":"2024-01-01","currency":"EUR","total":"400.00","installments":[{"due_date":"2024-02-01","amount":"400.00"}]}"#
    );
    assert_eq!(
        serde_json::from_str::<ar_core::documents::Document>(&json).unwrap(),
        doc
    );
}

/// Every error variant of the documents and ledger modules with its kind and message.
#[test]
fn error_table() {
    let s = |x: &str| x.to_string();
    let doc_cases: Vec<(DocumentError, &str, &str)> = vec![
        (
            DocumentError::EmptyId,
            "empty_id",
            "a document id must not be empty",
        ),
        (
            DocumentError::NoInvoiceLines {
                document: s("INV-1"),
            },
            "no_invoice_lines",
            "invoice `INV-1` needs at least one line",
        ),
        (
            DocumentError::InvalidLineDiscount {
                line: 0,
                percent: d("120"),
            },
            "invalid_line_discount",
            "discount `120` % of line 0 is not between 0 and 100",
        ),
        (
            DocumentError::InvalidTaxRate {
                code: s("X"),
                percent: d("-1"),
            },
            "invalid_tax_rate",
            "tax rate `X` of `-1` % must not be negative",
        ),
        (
            DocumentError::ConflictingTaxRate {
                code: s("X"),
                first: d("7"),
                second: d("19"),
            },
            "conflicting_tax_rate",
            "tax code `X` is used with two rates, `7` and `19`",
        ),
        (
            DocumentError::InvalidTotal {
                document: s("CN-1"),
                kind: "credit_note",
                total: d("5.00"),
                expected: "negative",
            },
            "invalid_total",
            "total `5.00` of credit_note `CN-1` must be negative",
        ),
        (
            DocumentError::InstallmentsDoNotSum {
                document: s("INV-7"),
                sum: d("1.00"),
                total: d("2.00"),
            },
            "installments_do_not_sum",
            "installments of `INV-7` add up to `1.00`, not to the total `2.00`",
        ),
        (
            DocumentError::InvalidInstallment {
                document: s("INV-1"),
                installment: 1,
                detail: s("x"),
            },
            "invalid_installment",
            "installment 1 of `INV-1` is invalid: x",
        ),
        (
            DocumentError::InvalidChargeFor {
                document: s("FEE-1"),
                detail: s("x"),
            },
            "invalid_charge_for",
            "charge reference of `FEE-1` is invalid: x",
        ),
    ];
    for (e, kind, msg) in doc_cases {
        assert_eq!(e.kind(), kind);
        assert_eq!(e.to_string(), msg);
        assert_eq!(ar_core::Error::from(e).kind(), kind);
    }
    let ledger_cases: Vec<(LedgerError, &str, &str)> = vec![
        (LedgerError::DuplicateEvent { event: s("e1") }, "duplicate_event", "duplicate event id `e1`"),
        (LedgerError::DuplicateDocument { document: s("INV-1") }, "duplicate_document", "duplicate document id `INV-1`"),
        (LedgerError::DuplicatePayment { payment_id: s("P-1") }, "duplicate_payment", "duplicate payment id `P-1`"),
        (LedgerError::DuplicateDispute { dispute_id: s("D-1") }, "duplicate_dispute", "duplicate dispute id `D-1`"),
        (LedgerError::DuplicatePromise { promise_id: s("PR-1") }, "duplicate_promise", "duplicate promise id `PR-1`"),
        (LedgerError::UnknownDocument { document: s("X") }, "unknown_document", "unknown document `X`"),
        (
            LedgerError::UnknownInstallment { document: s("INV-1"), installment: 3 },
            "unknown_installment",
            "document `INV-1` has no installment 3",
        ),
        (LedgerError::UnknownPayment { payment_id: s("P-9") }, "unknown_payment", "unknown payment `P-9`"),
        (LedgerError::UnknownDispute { dispute_id: s("D-9") }, "unknown_dispute", "unknown dispute `D-9`"),
        (
            LedgerError::WrongCustomer { document: s("INV-9"), customer: s("OTHER"), expected: s("ACME") },
            "wrong_customer",
            "document `INV-9` belongs to customer `OTHER`, not to `ACME`",
        ),
        (LedgerError::VoidedDocument { document: s("V") }, "voided_document", "document `V` is void"),
        (
            LedgerError::DocumentHasAllocations { document: s("INV-1") },
            "document_has_allocations",
            "document `INV-1` has allocations or write-offs and cannot be voided",
        ),
        (
            LedgerError::SameSign { origin: s("P-1"), target: s("CN-1") },
            "same_sign",
            "cannot apply `P-1` to `CN-1`: both have the same sign",
        ),
        (LedgerError::NotAReceivable { document: s("CN-1") }, "not_a_receivable", "document `CN-1` is not a receivable"),
        (LedgerError::NonPositiveAmount { amount: d("0") }, "non_positive_amount", "amount `0` must be greater than zero"),
        (
            LedgerError::OverAllocation { document: s("INV-1"), installment: 0, amount: d("450.00"), open: d("400.00") },
            "over_allocation",
            "allocating `450.00` to installment 0 of `INV-1` exceeds its open amount `400.00`",
        ),
        (
            LedgerError::InsufficientCredit { credit: s("CN-1"), amount: d("1.00"), available: d("0.00") },
            "insufficient_credit",
            "`CN-1` has `0.00` of credit left, not `1.00`",
        ),
        (
            LedgerError::RemittanceExceedsPayment { payment_id: s("P-9"), remitted: d("100.00"), amount: d("50.00") },
            "remittance_exceeds_payment",
            "remittance lines of payment `P-9` add up to `100.00`, more than its amount `50.00`",
        ),
        (
            LedgerError::AmbiguousDiscount { document: s("INV-1") },
            "ambiguous_discount",
            "a remittance discount on `INV-1` needs an installment: the document has several",
        ),
        (
            LedgerError::DiscountNotAvailable { document: s("INV-1"), installment: 0, discount: d("25.00"), eligible: d("20.00") },
            "discount_not_available",
            "discount `25.00` on installment 0 of `INV-1` is not available; eligible on the payment date: `20.00`",
        ),
        (
            LedgerError::PaymentAlreadyReversed { payment_id: s("P-1") },
            "payment_already_reversed",
            "payment `P-1` is already reversed",
        ),
        (
            LedgerError::DisputeAlreadyResolved { dispute_id: s("D-1") },
            "dispute_already_resolved",
            "dispute `D-1` is already resolved",
        ),
        (
            LedgerError::DisputeExceedsOpen { document: s("INV-1"), amount: d("300.01"), open: d("300.00") },
            "dispute_exceeds_open",
            "disputed amount `300.01` exceeds the open amount `300.00` of `INV-1`",
        ),
        (
            LedgerError::DuplicateCharge { document: s("FEE-2"), charged_for: s("INV-1"), key: s("level-1"), existing: s("FEE-1") },
            "duplicate_charge",
            "`FEE-2` is a second charge for `INV-1` with key `level-1`: `FEE-1` already charged it",
        ),
    ];
    for (e, kind, msg) in ledger_cases {
        assert_eq!(e.kind(), kind);
        assert_eq!(e.to_string(), msg);
        assert_eq!(ar_core::Error::from(e).kind(), kind);
    }
}
