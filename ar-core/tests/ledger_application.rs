//! Payment application, reversals, credits, discounts, short payments and as-of replay.
//! Every expected value is worked out by hand in the comment above it.

mod ledger_common;

use ar_core::application::{RemittanceLine, ShortPaymentPolicy, Strategy};
use ar_core::documents::{issue_invoice, DocumentKind, InvoiceDraft, InvoiceLine};
use ar_core::ledger::{Account, AccountConfig, DisputeOutcome, EventBody, HistoryKind};
use ar_core::terms::{DiscountTier, Terms};
use ledger_common::*;

/// The issue's three invoices of 400.00, all dated 2024-01-01: INV-1 due 1 Mar, INV-2 due
/// 1 Feb, INV-3 due 15 Feb.
fn three_invoices() -> Book {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 3, 1), "400.00"));
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.issue(invoice(
        "INV-3",
        day(2024, 1, 1),
        day(2024, 2, 15),
        "400.00",
    ));
    b
}

#[test]
fn done_when_oldest_due_first_closes_the_february_invoices() {
    let mut b = three_invoices();
    // 1000.00 oldest due first: INV-2 (1 Feb) 400.00, INV-3 (15 Feb) 400.00, INV-1 (1 Mar)
    // gets the remaining 200.00 and keeps 200.00 open.
    let a = b.pay("P-1", day(2024, 1, 20), "1000.00");
    assert_eq!(
        allocs(&a),
        vec![
            al("INV-2", 0, "400.00", "0.00", "0.00"),
            al("INV-3", 0, "400.00", "0.00", "0.00"),
            al("INV-1", 0, "200.00", "0.00", "0.00"),
        ]
    );
    assert_eq!(
        a.allocations[0].reason,
        "oldest due first: INV-2 #1 due 2024-02-01 (open 400.00)"
    );
    assert_eq!(
        a.allocations[2].reason,
        "oldest due first: INV-1 #1 due 2024-03-01 (open 400.00)"
    );
    assert_eq!(b.open(), vec![o("INV-1", 0, "200.00")]);
    assert_eq!(b.balance(), "200.00");
    assert_eq!(b.account.unapplied_cash().to_string(), "0.00");
}

#[test]
fn done_when_overpayment_becomes_unapplied_cash() {
    let mut b = three_invoices();
    // 1500.00 against 1200.00 open: 300.00 unapplied, balance -300.00
    let a = b.pay("P-1", day(2024, 1, 20), "1500.00");
    assert_eq!(a.unapplied_change.to_string(), "300.00");
    assert_eq!(b.account.unapplied_cash().to_string(), "300.00");
    assert!(b.open().is_empty());
    assert_eq!(b.balance(), "-300.00");
}

#[test]
fn done_when_a_bounced_payment_restores_exactly_what_it_closed() {
    let mut b = three_invoices();
    b.pay("P-1", day(2024, 1, 20), "1000.00");
    let before_second = b.open();
    b.pay("P-2", day(2024, 1, 21), "250.00"); // 200.00 to INV-1, 50.00 unapplied
    assert_eq!(b.account.unapplied_cash().to_string(), "50.00");
    // P-2 bounces: INV-1 back to 200.00 open, its 50.00 unapplied removed
    let r = b.reverse("P-2", day(2024, 1, 25)).unwrap();
    assert_eq!(r.restored.len(), 1);
    assert_eq!(
        (
            r.restored[0].document.as_str(),
            r.restored[0].installment,
            r.restored[0].amount.to_string()
        ),
        ("INV-1", 0, "200.00".to_string())
    );
    assert_eq!(r.unapplied_change.to_string(), "-50.00");
    assert_eq!(b.open(), before_second);
    assert_eq!(b.account.unapplied_cash().to_string(), "0.00");
    // P-1 bounces too: every invoice back to 400.00
    b.reverse("P-1", day(2024, 1, 26)).unwrap();
    assert_eq!(
        b.open(),
        vec![
            o("INV-2", 0, "400.00"),
            o("INV-3", 0, "400.00"),
            o("INV-1", 0, "400.00")
        ]
    );
    assert_eq!(b.balance(), "1200.00");
    let h = b.account.history("INV-1").unwrap();
    let kinds: Vec<HistoryKind> = h.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            HistoryKind::Issued,
            HistoryKind::Payment,
            HistoryKind::Payment,
            HistoryKind::Reversal,
            HistoryKind::Reversal
        ]
    );
    assert_eq!(
        h[3].reason,
        "payment P-2 reversed (insufficient funds): 200.00 reopened"
    );
    // reversing twice is refused
    assert_eq!(
        b.reverse("P-1", day(2024, 1, 27)).unwrap_err().kind(),
        "payment_already_reversed"
    );
}

#[test]
fn oldest_first_ties_by_document_date_then_id_then_installment() {
    let mut b = Book::new();
    // all due 2024-02-01; B-2 and A-9 dated 1 Jan, C-1 dated 31 Dec: C-1 first (older date),
    // then A-9 before B-2 (id order).
    b.issue(invoice("B-2", day(2024, 1, 1), day(2024, 2, 1), "10.00"));
    b.issue(invoice("A-9", day(2024, 1, 1), day(2024, 2, 1), "10.00"));
    b.issue(invoice("C-1", day(2023, 12, 31), day(2024, 2, 1), "10.00"));
    let a = b.pay("P-1", day(2024, 1, 5), "25.00");
    assert_eq!(
        allocs(&a),
        vec![
            al("C-1", 0, "10.00", "0.00", "0.00"),
            al("A-9", 0, "10.00", "0.00", "0.00"),
            al("B-2", 0, "5.00", "0.00", "0.00"),
        ]
    );
}

#[test]
fn installments_are_separate_open_items() {
    let mut b = Book::new();
    // 100.00 on "30/60/90"-like terms from 2024-01-10: 33.33, 33.33, 33.34 due 2/9, 3/10, 4/9
    let draft = InvoiceDraft {
        id: "INV-1".into(),
        customer: "ACME".into(),
        date: day(2024, 1, 10),
        currency: eur(),
        lines: vec![InvoiceLine::new("x", d("1"), d("100.00"))],
        tax_mode: Default::default(),
        terms: Some(ar_core::notation::parse("30/60/90").unwrap()),
        base_date: None,
        rounding: Default::default(),
        discount_base: Default::default(),
        discount_rounding: Default::default(),
    };
    let (doc, _) = issue_invoice(&draft, &Default::default()).unwrap();
    b.issue(doc);
    // 50.00: #1 33.33 closes, #2 gets 16.67 (33.33 - 16.67 = 16.66 open)
    let a = b.pay("P-1", day(2024, 2, 1), "50.00");
    assert_eq!(
        allocs(&a),
        vec![
            al("INV-1", 0, "33.33", "0.00", "0.00"),
            al("INV-1", 1, "16.67", "0.00", "0.00"),
        ]
    );
    assert_eq!(
        b.open(),
        vec![o("INV-1", 1, "16.66"), o("INV-1", 2, "33.34")]
    );
    let items = b.account.open_items();
    assert_eq!(items[0].due_date.to_string(), "2024-03-10");
    assert_eq!(items[0].original.to_string(), "33.33");
}

fn three_amounts() -> Book {
    let mut b = Book::new();
    b.issue(invoice(
        "INV-A",
        day(2024, 1, 1),
        day(2024, 1, 10),
        "100.00",
    ));
    b.issue(invoice(
        "INV-B",
        day(2024, 1, 1),
        day(2024, 2, 10),
        "250.00",
    ));
    b.issue(invoice(
        "INV-C",
        day(2024, 1, 1),
        day(2024, 3, 10),
        "300.00",
    ));
    b
}

#[test]
fn exact_amount_first_then_oldest() {
    let mut b = three_amounts();
    // 250.00 matches INV-B exactly although INV-A is older
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 5),
            "250.00",
            vec![],
            Some(Strategy::ExactAmountFirst),
            None,
        )
        .unwrap();
    assert_eq!(allocs(&a), vec![al("INV-B", 0, "250.00", "0.00", "0.00")]);
    assert_eq!(
        a.allocations[0].reason,
        "exact amount: INV-B #1 due 2024-02-10 is open for exactly 250.00"
    );
    // 120.00 matches nothing: oldest first, INV-A 100.00 then INV-C 20.00
    let a = b
        .pay_with(
            "P-2",
            day(2024, 1, 6),
            "120.00",
            vec![],
            Some(Strategy::ExactAmountFirst),
            None,
        )
        .unwrap();
    assert_eq!(
        allocs(&a),
        vec![
            al("INV-A", 0, "100.00", "0.00", "0.00"),
            al("INV-C", 0, "20.00", "0.00", "0.00")
        ]
    );
    // 280.00 now matches INV-C's open amount (300.00 - 20.00)
    let a = b
        .pay_with(
            "P-3",
            day(2024, 1, 7),
            "280",
            vec![],
            Some(Strategy::ExactAmountFirst),
            None,
        )
        .unwrap();
    assert_eq!(allocs(&a), vec![al("INV-C", 0, "280.00", "0.00", "0.00")]);
    assert!(b.open().is_empty());
}

#[test]
fn proportional_sums_exactly_by_largest_remainder() {
    let mut b = Book::new();
    b.issue(invoice(
        "INV-A",
        day(2024, 1, 1),
        day(2024, 1, 10),
        "100.00",
    ));
    b.issue(invoice(
        "INV-B",
        day(2024, 1, 1),
        day(2024, 2, 10),
        "200.00",
    ));
    b.issue(invoice(
        "INV-C",
        day(2024, 1, 1),
        day(2024, 3, 10),
        "300.00",
    ));
    // 100.00 over 600.00 open: exact shares 16.666.., 33.333.., 50; floors 16.66 + 33.33 +
    // 50.00 = 99.99; the one cent left goes to the largest remainder (INV-A: .666 > .333).
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 5),
            "100.00",
            vec![],
            Some(Strategy::Proportional),
            None,
        )
        .unwrap();
    assert_eq!(
        allocs(&a),
        vec![
            al("INV-A", 0, "16.67", "0.00", "0.00"),
            al("INV-B", 0, "33.33", "0.00", "0.00"),
            al("INV-C", 0, "50.00", "0.00", "0.00"),
        ]
    );
    assert_eq!(b.balance(), "500.00");
    // paying more than everything closes all and leaves the excess unapplied
    let a = b
        .pay_with(
            "P-2",
            day(2024, 1, 6),
            "600.00",
            vec![],
            Some(Strategy::Proportional),
            None,
        )
        .unwrap();
    assert_eq!(a.unapplied_change.to_string(), "100.00");
    assert!(b.open().is_empty());
}

#[test]
fn statutory_order_pays_costs_then_interest_then_principal() {
    let mut b = Book::new();
    b.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "500.00",
    ));
    b.issue(doc(
        DocumentKind::FeeCharge,
        "FEE-1",
        day(2024, 3, 1),
        day(2024, 3, 1),
        "40.00",
    ));
    b.issue(doc(
        DocumentKind::InterestCharge,
        "INT-1",
        day(2024, 3, 1),
        day(2024, 3, 1),
        "12.50",
    ));
    // 100.00: fee 40.00, interest 12.50, principal 47.50 (oldest first would give all 100.00
    // to INV-1, due first)
    let a = b
        .pay_with(
            "P-1",
            day(2024, 3, 5),
            "100.00",
            vec![],
            Some(Strategy::Statutory),
            None,
        )
        .unwrap();
    assert_eq!(
        allocs(&a),
        vec![
            al("FEE-1", 0, "40.00", "0.00", "0.00"),
            al("INT-1", 0, "12.50", "0.00", "0.00"),
            al("INV-1", 0, "47.50", "0.00", "0.00"),
        ]
    );
    assert_eq!(
        a.allocations[0].reason,
        "statutory order: FEE-1 #1 due 2024-03-01 (open 40.00)"
    );
    assert_eq!(b.open(), vec![o("INV-1", 0, "452.50")]);
}

fn discounted_invoice() -> Book {
    // 1000.00 on 2/10 net 30 from 2024-01-01: due 2024-01-31, 20.00 off until 2024-01-11
    let mut terms = Terms::net(30);
    terms.lines[0]
        .discounts
        .push(DiscountTier::percent_within(d("2"), 10));
    let draft = InvoiceDraft {
        id: "INV-1".into(),
        customer: "ACME".into(),
        date: day(2024, 1, 1),
        currency: eur(),
        lines: vec![InvoiceLine::new("x", d("1"), d("1000.00"))],
        tax_mode: Default::default(),
        terms: Some(terms),
        base_date: None,
        rounding: Default::default(),
        discount_base: Default::default(),
        discount_rounding: Default::default(),
    };
    let (doc, _) = issue_invoice(&draft, &Default::default()).unwrap();
    assert_eq!(
        doc.installments[0].discounts[0].amount_due.to_string(),
        "980.00"
    );
    let mut b = Book::new();
    b.issue(doc);
    b
}

#[test]
fn discount_taken_on_the_deadline_closes_the_invoice() {
    let mut b = discounted_invoice();
    // 980.00 on the deadline (inclusive): closes, 20.00 discount taken
    let a = b.pay("P-1", day(2024, 1, 11), "980.00");
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "980.00", "20.00", "0.00")]);
    assert_eq!(
        a.allocations[0].reason,
        "oldest due first: INV-1 #1 due 2024-01-31 (open 1000.00); paid by the discount deadline, 20.00 discount taken"
    );
    assert!(b.open().is_empty());
    assert_eq!(b.balance(), "0.00");
    let kinds: Vec<HistoryKind> = b
        .account
        .history("INV-1")
        .unwrap()
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            HistoryKind::Issued,
            HistoryKind::Payment,
            HistoryKind::DiscountTaken
        ]
    );
    // the bounce restores the full 1000.00, discount included
    b.reverse("P-1", day(2024, 1, 20)).unwrap();
    assert_eq!(b.open(), vec![o("INV-1", 0, "1000.00")]);
}

#[test]
fn discount_after_the_deadline_or_too_short_is_not_taken() {
    let mut b = discounted_invoice();
    // one day late: 980.00 leaves 20.00 open
    let a = b.pay("P-1", day(2024, 1, 12), "980.00");
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "980.00", "0.00", "0.00")]);
    assert_eq!(b.open(), vec![o("INV-1", 0, "20.00")]);

    let mut b = discounted_invoice();
    // in time but 979.99 does not cover the discounted 980.00: no discount, 20.01 open
    b.pay("P-1", day(2024, 1, 5), "979.99");
    assert_eq!(b.open(), vec![o("INV-1", 0, "20.01")]);

    let mut b = discounted_invoice();
    // in time, 1000.00 paid: the discount is still earned, the 20.00 left is unapplied
    let a = b.pay("P-1", day(2024, 1, 5), "1000.00");
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "980.00", "20.00", "0.00")]);
    assert_eq!(b.account.unapplied_cash().to_string(), "20.00");
}

#[test]
fn remittance_lines_with_and_without_a_follow_up_strategy() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 3, 1), "400.00"));
    // remittance only: INV-2 400.00 as the customer says, 100.00 unapplied
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 10),
            "500.00",
            vec![line("INV-2", "400.00")],
            None,
            None,
        )
        .unwrap();
    assert_eq!(allocs(&a), vec![al("INV-2", 0, "400.00", "0.00", "0.00")]);
    assert_eq!(
        a.allocations[0].reason,
        "remittance line 1: INV-2 #1 (open 400.00)"
    );
    assert_eq!(b.account.unapplied_cash().to_string(), "100.00");

    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 3, 1), "400.00"));
    // remittance then oldest first for the rest: INV-2 400.00, then INV-1 100.00
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 10),
            "500.00",
            vec![line("INV-2", "400.00")],
            Some(Strategy::OldestDueFirst),
            None,
        )
        .unwrap();
    assert_eq!(
        allocs(&a),
        vec![
            al("INV-2", 0, "400.00", "0.00", "0.00"),
            al("INV-1", 0, "100.00", "0.00", "0.00")
        ]
    );
    assert_eq!(b.open(), vec![o("INV-1", 0, "300.00")]);
}

#[test]
fn remittance_discounts_are_checked_against_the_offer() {
    let mut b = discounted_invoice();
    let with_discount = |amount: &str, discount: &str| RemittanceLine {
        document: "INV-1".into(),
        installment: Some(0),
        amount: d(amount),
        discount: Some(d(discount)),
    };
    // 25.00 claimed, 20.00 eligible: refused
    let err = b
        .pay_with(
            "P-1",
            day(2024, 1, 5),
            "975.00",
            vec![with_discount("975.00", "25.00")],
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), "discount_not_available");
    assert_eq!(
        err.to_string(),
        "discount `25.00` on installment 0 of `INV-1` is not available; eligible on the payment date: `20.00`"
    );
    // 20.00 claimed in time: accepted, closes
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 5),
            "980.00",
            vec![with_discount("980.00", "20.00")],
            None,
            None,
        )
        .unwrap();
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "980.00", "20.00", "0.00")]);

    // without the field, a line paying exactly the discounted amount in time takes the offer
    let mut b = discounted_invoice();
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 5),
            "980.00",
            vec![line("INV-1", "980.00")],
            None,
            None,
        )
        .unwrap();
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "980.00", "20.00", "0.00")]);
}

#[test]
fn short_payment_as_deduction_keeps_the_residual_open_and_flags_it() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    let policy = ShortPaymentPolicy::Deduction {
        reason_code: "damaged".into(),
    };
    // 350.00 for INV-1: 50.00 stays open as a deduction "damaged"
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 10),
            "350.00",
            vec![line("INV-1", "350.00")],
            None,
            Some(policy),
        )
        .unwrap();
    assert_eq!(a.deductions.len(), 1);
    assert_eq!(a.deductions[0].amount.to_string(), "50.00");
    assert_eq!(a.deductions[0].reason_code, "damaged");
    let items = b.account.open_items();
    assert_eq!(items[0].open.to_string(), "50.00");
    assert_eq!(items[0].deducted.to_string(), "50.00");
    assert_eq!(b.balance(), "50.00");
    // the bounce removes the deduction with the payment
    b.reverse("P-1", day(2024, 1, 11)).unwrap();
    assert_eq!(b.account.open_items()[0].deducted.to_string(), "0.00");
}

#[test]
fn short_payment_write_off_under_tolerance_only() {
    let config = AccountConfig {
        short_payment: ShortPaymentPolicy::WriteOff {
            tolerance: d("1.00"),
            reason_code: "small_balance".into(),
        },
        ..AccountConfig::new("ACME", eur())
    };
    let mut b = Book::with_config(config);
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 2, 2), "400.00"));
    // 399.95 for INV-1 (account policy): residual 0.05 <= 1.00 is written off
    let a = b.pay("P-1", day(2024, 1, 10), "399.95");
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "399.95", "0.00", "0.05")]);
    assert_eq!(
        a.allocations[0].reason,
        "oldest due first: INV-1 #1 due 2024-02-01 (open 400.00); residual 0.05 written off (tolerance 1.00, small_balance)"
    );
    // 398.00 for INV-2: residual 2.00 > 1.00 stays open
    b.pay("P-2", day(2024, 1, 10), "398.00");
    assert_eq!(b.open(), vec![o("INV-2", 0, "2.00")]);
    // reversing P-1 restores the write-off too
    b.reverse("P-1", day(2024, 1, 12)).unwrap();
    assert_eq!(
        b.open(),
        vec![o("INV-1", 0, "400.00"), o("INV-2", 0, "2.00")]
    );
}

#[test]
fn credit_notes_are_never_paid_and_are_applied_explicitly() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    let mut cn = doc(
        DocumentKind::CreditNote,
        "CN-1",
        day(2024, 1, 5),
        day(2024, 1, 5),
        "100.00",
    );
    cn.against = Some("INV-1".into());
    b.issue(cn);
    // balance 400.00 - 100.00
    assert_eq!(b.balance(), "300.00");
    // paying a credit note is refused (same sign)
    let err = b
        .pay_with(
            "P-0",
            day(2024, 1, 6),
            "10.00",
            vec![line("CN-1", "10.00")],
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), "same_sign");
    assert_eq!(
        err.to_string(),
        "cannot apply `P-0` to `CN-1`: both have the same sign"
    );
    // apply 100.00 of CN-1 to INV-1: INV-1 300.00 open, CN-1 used up
    let a = b
        .apply(
            day(2024, 1, 6),
            EventBody::CreditApplied {
                credit_document: "CN-1".into(),
                target_document: "INV-1".into(),
                amount: d("100.00"),
            },
        )
        .unwrap();
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "100.00", "0.00", "0.00")]);
    assert_eq!(
        a.allocations[0].reason,
        "credit CN-1 applied: INV-1 #1 (open 400.00)"
    );
    assert_eq!(b.open(), vec![o("INV-1", 0, "300.00")]);
    assert_eq!(b.balance(), "300.00");
    // applying it again: nothing left
    let err = b
        .apply(
            day(2024, 1, 7),
            EventBody::CreditApplied {
                credit_document: "CN-1".into(),
                target_document: "INV-1".into(),
                amount: d("1.00"),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "insufficient_credit");
    assert_eq!(
        err.to_string(),
        "`CN-1` has `0.00` of credit left, not `1.00`"
    );
    // an invoice is not a credit
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 2, 1), "50.00"));
    let err = b
        .apply(
            day(2024, 1, 7),
            EventBody::CreditApplied {
                credit_document: "INV-2".into(),
                target_document: "INV-1".into(),
                amount: d("1.00"),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "same_sign");
    // a payment of 400.00 oldest first never touches a credit note
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.issue(doc(
        DocumentKind::CreditNote,
        "CN-1",
        day(2024, 1, 5),
        day(2024, 1, 5),
        "100.00",
    ));
    let a = b.pay("P-1", day(2024, 1, 10), "400.00");
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "400.00", "0.00", "0.00")]);
    assert_eq!(b.open(), vec![o("CN-1", 0, "-100.00")]);
    assert_eq!(b.balance(), "-100.00");
}

#[test]
fn unapplied_cash_applied_later_is_undone_by_the_reversal() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.pay("P-1", day(2024, 1, 10), "500.00"); // 100.00 unapplied
    b.issue(invoice(
        "INV-2",
        day(2024, 1, 15),
        day(2024, 2, 15),
        "300.00",
    ));
    let a = b
        .apply(
            day(2024, 1, 16),
            EventBody::CreditApplied {
                credit_document: "P-1".into(),
                target_document: "INV-2".into(),
                amount: d("100.00"),
            },
        )
        .unwrap();
    assert_eq!(a.unapplied_change.to_string(), "-100.00");
    assert_eq!(b.open(), vec![o("INV-2", 0, "200.00")]);
    assert_eq!(b.account.unapplied_cash().to_string(), "0.00");
    // P-1 bounces: both invoices reopen in full, nothing unapplied
    b.reverse("P-1", day(2024, 1, 20)).unwrap();
    assert_eq!(
        b.open(),
        vec![o("INV-1", 0, "400.00"), o("INV-2", 0, "300.00")]
    );
    assert_eq!(b.account.unapplied_cash().to_string(), "0.00");
    assert_eq!(b.balance(), "700.00");
}

#[test]
fn write_offs_disputes_promises_and_receipts() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.apply(
        day(2024, 1, 2),
        EventBody::InvoiceDelivered {
            document: "INV-1".into(),
        },
    )
    .unwrap();
    b.apply(
        day(2024, 1, 3),
        EventBody::InvoiceOpened {
            document: "INV-1".into(),
        },
    )
    .unwrap();
    let ds = b.account.document("INV-1").unwrap();
    assert_eq!(ds.delivered_on, Some(day(2024, 1, 2)));
    assert_eq!(ds.opened_on, Some(day(2024, 1, 3)));
    // dispute 150.00 of 400.00
    b.apply(
        day(2024, 1, 4),
        EventBody::DisputeOpened {
            dispute_id: "D-1".into(),
            document: "INV-1".into(),
            amount: Some(d("150.00")),
            reason_code: "pricing".into(),
        },
    )
    .unwrap();
    assert_eq!(b.account.open_items()[0].disputed.to_string(), "150.00");
    // pay 300.00: 100.00 open, the disputed amount is capped at it
    b.pay("P-1", day(2024, 1, 10), "300.00");
    assert_eq!(b.account.open_items()[0].disputed.to_string(), "100.00");
    assert_eq!(b.account.disputed_total().unwrap().to_string(), "100.00");
    b.apply(
        day(2024, 1, 11),
        EventBody::DisputeResolved {
            dispute_id: "D-1".into(),
            outcome: DisputeOutcome::Rejected,
        },
    )
    .unwrap();
    assert_eq!(b.account.disputed_total().unwrap().to_string(), "0.00");
    // write off 30.00 of the 100.00: 70.00 open
    let a = b
        .apply(
            day(2024, 1, 12),
            EventBody::WrittenOff {
                document: "INV-1".into(),
                installment: None,
                amount: d("30.00"),
                reason_code: "goodwill".into(),
            },
        )
        .unwrap();
    assert_eq!(allocs(&a), vec![al("INV-1", 0, "0.00", "0.00", "30.00")]);
    assert_eq!(b.open(), vec![o("INV-1", 0, "70.00")]);
    assert_eq!(b.account.write_offs()[0].amount.to_string(), "30.00");
    b.apply(
        day(2024, 1, 13),
        EventBody::PromiseToPay {
            promise_id: "PR-1".into(),
            amount: d("70.00"),
            promised_date: day(2024, 1, 31),
        },
    )
    .unwrap();
    assert_eq!(b.account.promises().count(), 1);
    let kinds: Vec<HistoryKind> = b
        .account
        .history("INV-1")
        .unwrap()
        .iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            HistoryKind::Issued,
            HistoryKind::Delivered,
            HistoryKind::Opened,
            HistoryKind::DisputeOpened,
            HistoryKind::Payment,
            HistoryKind::DisputeResolved,
            HistoryKind::WriteOff
        ]
    );
}

#[test]
fn voiding_removes_the_document_from_application() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 3, 1), "100.00"));
    b.apply(
        day(2024, 1, 2),
        EventBody::DocumentVoided {
            document: "INV-1".into(),
        },
    )
    .unwrap();
    assert_eq!(b.balance(), "100.00");
    // oldest first skips the void INV-1
    let a = b.pay("P-1", day(2024, 1, 5), "100.00");
    assert_eq!(allocs(&a), vec![al("INV-2", 0, "100.00", "0.00", "0.00")]);
    // paying it explicitly is refused
    let err = b
        .pay_with(
            "P-2",
            day(2024, 1, 6),
            "10.00",
            vec![line("INV-1", "10.00")],
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), "voided_document");
    // a paid document cannot be voided
    let err = b
        .apply(
            day(2024, 1, 7),
            EventBody::DocumentVoided {
                document: "INV-2".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "document_has_allocations");
}

/// Every invalid event is refused with its kind and leaves the account byte-identical.
#[test]
fn rejected_events_leave_the_state_unchanged() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 3, 1), "400.00"));
    b.issue(doc(
        DocumentKind::CreditNote,
        "CN-1",
        day(2024, 1, 2),
        day(2024, 1, 2),
        "50.00",
    ));
    b.issue(invoice("VOID", day(2024, 1, 1), day(2024, 3, 1), "10.00"));
    b.apply(
        day(2024, 1, 2),
        EventBody::DocumentVoided {
            document: "VOID".into(),
        },
    )
    .unwrap();
    b.pay("P-1", day(2024, 1, 5), "100.00");
    b.apply(
        day(2024, 1, 6),
        EventBody::DisputeOpened {
            dispute_id: "D-1".into(),
            document: "INV-2".into(),
            amount: None,
            reason_code: "x".into(),
        },
    )
    .unwrap();
    let usd = ar_core::money::Currency::from_code("USD").unwrap();
    let pay = |id: &str, amount: &str| EventBody::payment(id, d(amount), eur());
    let remit = |lines: Vec<RemittanceLine>, amount: &str| EventBody::PaymentReceived {
        payment_id: "P-9".into(),
        amount: d(amount),
        currency: eur(),
        rate: None,
        remittance: lines,
        strategy: None,
        short_payment: None,
    };
    let mut other = invoice("INV-9", day(2024, 1, 1), day(2024, 2, 1), "1.00");
    other.customer = "OTHER".into();
    let mut usd_doc = invoice("INV-8", day(2024, 1, 1), day(2024, 2, 1), "1.00");
    usd_doc.currency = usd;
    let mut bad_sum = invoice("INV-7", day(2024, 1, 1), day(2024, 2, 1), "1.00");
    bad_sum.total = d("2.00");
    let cases: Vec<(EventBody, &str)> = vec![
        (pay("P-1", "1.00"), "duplicate_payment"),
        (EventBody::payment("P-9", d("1.00"), usd), "missing_rate"),
        (pay("P-9", "0"), "non_positive_amount"),
        (pay("P-9", "10.005"), "amount_not_rounded"),
        (
            remit(vec![line("NOPE", "1.00")], "1.00"),
            "unknown_document",
        ),
        (remit(vec![line("VOID", "1.00")], "1.00"), "voided_document"),
        (remit(vec![line("CN-1", "1.00")], "1.00"), "same_sign"),
        (
            remit(vec![line("INV-2", "500.00")], "500.00"),
            "over_allocation",
        ),
        // the first line is fine, the second fails: nothing of the first may stick
        (
            remit(
                vec![line("INV-2", "100.00"), line("INV-1", "400.00")],
                "500.00",
            ),
            "over_allocation",
        ),
        (
            remit(vec![line("INV-2", "100.00")], "50.00"),
            "remittance_exceeds_payment",
        ),
        (
            remit(
                vec![RemittanceLine {
                    installment: Some(3),
                    ..line("INV-2", "1.00")
                }],
                "1.00",
            ),
            "unknown_installment",
        ),
        (
            EventBody::PaymentReversed {
                payment_id: "P-8".into(),
                reason: "x".into(),
            },
            "unknown_payment",
        ),
        (
            EventBody::DocumentIssued {
                document: invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "1.00"),
            },
            "duplicate_document",
        ),
        (
            EventBody::DocumentIssued { document: other },
            "wrong_customer",
        ),
        (
            EventBody::DocumentIssued { document: usd_doc },
            "currency_mismatch",
        ),
        (
            EventBody::DocumentIssued { document: bad_sum },
            "installments_do_not_sum",
        ),
        (
            EventBody::CreditApplied {
                credit_document: "CN-1".into(),
                target_document: "INV-2".into(),
                amount: d("60.00"),
            },
            "insufficient_credit",
        ),
        (
            EventBody::CreditApplied {
                credit_document: "CN-1".into(),
                target_document: "CN-1".into(),
                amount: d("1.00"),
            },
            "same_sign",
        ),
        (
            EventBody::WrittenOff {
                document: "INV-1".into(),
                installment: Some(0),
                amount: d("300.01"),
                reason_code: "x".into(),
            },
            "over_allocation",
        ),
        (
            EventBody::WrittenOff {
                document: "CN-1".into(),
                installment: None,
                amount: d("1.00"),
                reason_code: "x".into(),
            },
            "not_a_receivable",
        ),
        (
            EventBody::DisputeOpened {
                dispute_id: "D-1".into(),
                document: "INV-1".into(),
                amount: None,
                reason_code: "x".into(),
            },
            "duplicate_dispute",
        ),
        (
            EventBody::DisputeOpened {
                dispute_id: "D-2".into(),
                document: "INV-1".into(),
                amount: Some(d("300.01")),
                reason_code: "x".into(),
            },
            "dispute_exceeds_open",
        ),
        (
            EventBody::DisputeResolved {
                dispute_id: "D-9".into(),
                outcome: DisputeOutcome::Withdrawn,
            },
            "unknown_dispute",
        ),
        (
            EventBody::DocumentVoided {
                document: "VOID".into(),
            },
            "voided_document",
        ),
        (
            EventBody::DocumentVoided {
                document: "INV-1".into(),
            },
            "document_has_allocations",
        ),
        (
            EventBody::InvoiceOpened {
                document: "NOPE".into(),
            },
            "unknown_document",
        ),
    ];
    for (body, kind) in cases {
        let before = b.json();
        let err = b.apply(day(2024, 1, 20), body.clone()).unwrap_err();
        assert_eq!(err.kind(), kind, "{body:?}");
        assert_eq!(b.json(), before, "state changed by {body:?}");
    }
    // a duplicate event id
    let before = b.json();
    let first = b.events[0].clone();
    assert_eq!(
        b.account.apply(&first).unwrap_err().kind(),
        "duplicate_event"
    );
    assert_eq!(b.json(), before);
}

#[test]
fn replay_as_of_ignores_later_events() {
    let mut b = three_invoices();
    b.pay("P-1", day(2024, 1, 20), "1000.00");
    b.issue(invoice(
        "INV-4",
        day(2024, 2, 10),
        day(2024, 3, 10),
        "50.00",
    ));
    b.reverse("P-1", day(2024, 2, 20)).unwrap();
    let config = AccountConfig::new("ACME", eur());
    let at = |date| Account::replay(config.clone(), &b.events, date).unwrap();
    // before the payment: 1200.00; after it: 200.00; with INV-4: 250.00; after the bounce: 1250.00
    assert_eq!(
        at(day(2024, 1, 19)).balance().unwrap().to_string(),
        "1200.00"
    );
    assert_eq!(
        at(day(2024, 1, 20)).balance().unwrap().to_string(),
        "200.00"
    );
    assert_eq!(
        at(day(2024, 2, 19)).balance().unwrap().to_string(),
        "250.00"
    );
    assert_eq!(
        at(day(2024, 2, 20)).balance().unwrap().to_string(),
        "1250.00"
    );
    assert_eq!(at(day(2024, 2, 20)), b.account);
    assert_eq!(at(day(2024, 1, 19)).as_of(), Some(day(2024, 1, 1)));
}

#[test]
fn the_account_round_trips_through_json_and_keeps_working() {
    let mut b = three_invoices();
    b.pay("P-1", day(2024, 1, 20), "500.00");
    let json = b.json();
    let mut back: Account = serde_json::from_str(&json).unwrap();
    assert_eq!(back, b.account);
    // the rebuilt index applies the next payment exactly as the original does
    let e = ar_core::ledger::Event::new(
        "x",
        day(2024, 1, 21),
        EventBody::payment("P-2", d("500.00"), eur()),
    );
    let a1 = b.account.apply(&e).unwrap();
    let a2 = back.apply(&e).unwrap();
    assert_eq!(a1, a2);
    assert_eq!(back, b.account);
}

#[test]
fn event_json_shape() {
    let e = ar_core::ledger::Event::new(
        "e1",
        day(2024, 1, 20),
        EventBody::payment("P-1", d("1000.00"), eur()),
    );
    let json = serde_json::to_string(&e).unwrap();
    assert_eq!(
        json,
        r#"{"id":"e1","date":"2024-01-20","body":{"type":"payment_received","payment_id":"P-1","amount":"1000.00","currency":"EUR"}}"#
    );
    let back: ar_core::ledger::Event = serde_json::from_str(&json).unwrap();
    assert_eq!(back, e);
    // decimals must be strings, unknown fields are refused
    assert!(serde_json::from_str::<ar_core::ledger::Event>(
        r#"{"id":"e1","date":"2024-01-20","body":{"type":"payment_received","payment_id":"P-1","amount":1000,"currency":"EUR"}}"#
    )
    .is_err());
    assert!(serde_json::from_str::<ar_core::ledger::Event>(
        r#"{"id":"e1","date":"2024-01-20","body":{"type":"payment_received","payment_id":"P-1","amount":"1","currency":"EUR","x":1}}"#
    )
    .is_err());
}

#[test]
fn remittance_as_account_strategy_leaves_unremitted_cash_unapplied() {
    let config = AccountConfig {
        strategy: Strategy::Remittance,
        ..AccountConfig::new("ACME", eur())
    };
    let mut b = Book::with_config(config);
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    // no lines and the account applies only remittance: all 100.00 stays unapplied
    let a = b.pay("P-1", day(2024, 1, 10), "100.00");
    assert!(a.allocations.is_empty());
    assert_eq!(b.account.unapplied_cash().to_string(), "100.00");
    assert_eq!(b.balance(), "300.00");
}

#[test]
fn a_remittance_discount_needs_an_installment_on_multi_installment_documents() {
    let mut b = Book::new();
    let mut inv = invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "100.00");
    inv.installments = vec![
        ar_core::documents::ScheduledItem {
            due_date: day(2024, 2, 1),
            amount: d("50.00"),
            discounts: vec![],
        },
        ar_core::documents::ScheduledItem {
            due_date: day(2024, 3, 1),
            amount: d("50.00"),
            discounts: vec![],
        },
    ];
    b.issue(inv);
    let before = b.json();
    let err = b
        .pay_with(
            "P-1",
            day(2024, 1, 5),
            "49.00",
            vec![RemittanceLine {
                discount: Some(d("1.00")),
                ..line("INV-1", "49.00")
            }],
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), "ambiguous_discount");
    assert_eq!(b.json(), before);
    // without a discount, a line spreads over the installments in order: 50.00 + 20.00
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 5),
            "70.00",
            vec![line("INV-1", "70.00")],
            None,
            None,
        )
        .unwrap();
    assert_eq!(
        allocs(&a),
        vec![
            al("INV-1", 0, "50.00", "0.00", "0.00"),
            al("INV-1", 1, "20.00", "0.00", "0.00")
        ]
    );
}
