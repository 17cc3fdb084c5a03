//! Statements: opening and closing balance, lines with running balance, aging and due soon.
//! Expected values are worked out by hand in the comments.

mod ledger_common;

use ar_core::documents::DocumentKind;
use ar_core::ledger::{AccountConfig, EventBody};
use ar_core::statement::{statement, LineKind, StatementOptions};
use ledger_common::*;

fn history() -> Book {
    let mut b = Book::new();
    // due 2023-10-31: 121 days past due on 2024-02-29 (over 120)
    b.issue(invoice(
        "INV-1",
        day(2023, 10, 1),
        day(2023, 10, 31),
        "100.00",
    ));
    // due 2023-12-01: 31 + 31 + 28 = 90 days past due (61-90, bound inclusive)
    b.issue(invoice(
        "INV-2",
        day(2023, 11, 15),
        day(2023, 12, 1),
        "200.00",
    ));
    // due 2024-01-30: 30 days past due (1-30)
    b.issue(invoice(
        "INV-3",
        day(2024, 1, 5),
        day(2024, 1, 30),
        "300.00",
    ));
    b.pay_with(
        "P-1",
        day(2024, 1, 20),
        "20.00",
        vec![line("INV-1", "20.00")],
        None,
        None,
    )
    .unwrap();
    // in the period
    b.issue(invoice(
        "INV-4",
        day(2024, 2, 10),
        day(2024, 3, 10),
        "400.00",
    ));
    b.pay("P-2", day(2024, 2, 12), "50.00"); // INV-1: 80.00 -> 30.00
    b.issue(doc(
        DocumentKind::CreditNote,
        "CN-1",
        day(2024, 2, 15),
        day(2024, 2, 15),
        "30.00",
    ));
    b.issue(invoice(
        "INV-5",
        day(2024, 2, 20),
        day(2024, 3, 31),
        "50.00",
    ));
    b.apply(
        day(2024, 2, 25),
        EventBody::WrittenOff {
            document: "INV-3".into(),
            installment: None,
            amount: d("10.00"),
            reason_code: "goodwill".into(),
        },
    )
    .unwrap();
    b.apply(
        day(2024, 2, 26),
        EventBody::DisputeOpened {
            dispute_id: "D-1".into(),
            document: "INV-4".into(),
            amount: Some(d("40.00")),
            reason_code: "quantity".into(),
        },
    )
    .unwrap();
    // 60.00 for INV-5 (50.00): 10.00 unapplied
    b.pay_with(
        "P-4",
        day(2024, 2, 28),
        "60.00",
        vec![line("INV-5", "50.00")],
        None,
        None,
    )
    .unwrap();
    // after the period: ignored
    b.pay("P-3", day(2024, 3, 5), "999.00");
    b
}

#[test]
fn february_statement() {
    let b = history();
    let config = AccountConfig::new("ACME", eur());
    let s = statement(
        &config,
        &b.events,
        day(2024, 2, 1),
        day(2024, 2, 29),
        &StatementOptions::default(),
    )
    .unwrap();
    // opening: 100.00 + 200.00 + 300.00 - 20.00
    assert_eq!(s.opening_balance.to_string(), "580.00");
    let lines: Vec<(String, String, String)> = s
        .lines
        .iter()
        .map(|l| {
            (
                l.reference.clone(),
                l.amount.to_string(),
                l.balance.to_string(),
            )
        })
        .collect();
    let l = |r: &str, a: &str, bal: &str| (r.to_string(), a.to_string(), bal.to_string());
    assert_eq!(
        lines,
        vec![
            l("INV-4", "400.00", "980.00"),
            l("P-2", "-50.00", "930.00"),
            l("CN-1", "-30.00", "900.00"),
            l("INV-5", "50.00", "950.00"),
            l("INV-3", "-10.00", "940.00"),
            l("P-4", "-60.00", "880.00"),
        ]
    );
    assert_eq!(s.lines[4].kind, LineKind::WriteOff);
    assert_eq!(s.lines[4].description, "INV-3 written off (goodwill)");
    assert_eq!(s.closing_balance.to_string(), "880.00");
    let aging: Vec<(String, String)> = s
        .aging
        .iter()
        .map(|a| (a.label.clone(), a.amount.to_string()))
        .collect();
    let a = |x: &str, y: &str| (x.to_string(), y.to_string());
    assert_eq!(
        aging,
        vec![
            a("current", "400.00"),
            a("1-30", "290.00"),
            a("31-60", "0.00"),
            a("61-90", "200.00"),
            a("91-120", "0.00"),
            a("over 120", "30.00"),
        ]
    );
    // credits column: CN-1 -30.00 and 10.00 unapplied; buckets 920.00 - 40.00 = closing 880.00
    assert_eq!(s.credits.to_string(), "-40.00");
    assert_eq!(s.disputed.to_string(), "40.00");
    // due within 14 days after 2024-02-29 (until 2024-03-14): INV-4 (10 Mar), not INV-5 (31 Mar)
    assert_eq!(s.due_soon.len(), 1);
    assert_eq!(s.due_soon[0].document, "INV-4");
}

#[test]
fn statement_lines_explain_discounts_and_reversals() {
    let mut b = Book::new();
    let mut inv = invoice("INV-1", day(2024, 1, 1), day(2024, 1, 31), "1000.00");
    inv.installments[0]
        .discounts
        .push(ar_core::terms::DiscountOffer {
            deadline: day(2024, 1, 11),
            discount: d("20.00"),
            amount_due: d("980.00"),
        });
    b.issue(inv);
    b.pay("P-1", day(2024, 1, 10), "980.00");
    b.reverse("P-1", day(2024, 1, 15)).unwrap();
    let s = statement(
        &AccountConfig::new("ACME", eur()),
        &b.events,
        day(2024, 1, 1),
        day(2024, 1, 31),
        &StatementOptions::default(),
    )
    .unwrap();
    // +1000.00, -1000.00 (980.00 cash + 20.00 discount), +1000.00 on the bounce
    let amounts: Vec<String> = s.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, ["1000.00", "-1000.00", "1000.00"]);
    assert_eq!(s.lines[1].description, "payment P-1, discount taken 20.00");
    assert_eq!(s.lines[2].kind, LineKind::Reversal);
    assert_eq!(
        s.lines[2].description,
        "payment P-1 reversed: insufficient funds"
    );
    assert_eq!(s.opening_balance.to_string(), "0.00");
    assert_eq!(s.closing_balance.to_string(), "1000.00");
    // due 2024-01-31 on 2024-01-31: 0 days past due, current
    assert_eq!(s.aging[0].amount.to_string(), "1000.00");
}

#[test]
fn statement_errors() {
    let config = AccountConfig::new("ACME", eur());
    let err = statement(
        &config,
        &[],
        day(2024, 2, 1),
        day(2024, 1, 1),
        &StatementOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), "invalid_period");
    assert_eq!(
        err.to_string(),
        "statement period from `2024-02-01` to `2024-01-01` ends before it starts"
    );
    let bad = StatementOptions {
        bucket_bounds: vec![30, 30, 90],
        ..Default::default()
    };
    let err = statement(&config, &[], day(2024, 1, 1), day(2024, 1, 1), &bad).unwrap_err();
    assert_eq!(err.kind(), "invalid_buckets");
    assert_eq!(
        err.to_string(),
        "aging bucket bounds `30,30,90` must be positive and strictly increasing"
    );
    assert_eq!(ar_core::Error::from(err).kind(), "invalid_buckets");
}
