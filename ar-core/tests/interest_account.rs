//! Interest and fees on a ledger account: the must-have (running the fee policy twice charges
//! once), multi-installment documents, fee scopes, charge terms, waivers applied to the
//! account, and payments applied in the statutory order. Expected values are worked out by hand
//! in the comments.

mod ledger_common;

use ar_core::application::Strategy;
use ar_core::documents::{Document, ScheduledItem};
use ar_core::fees::{assess_fees, FeeAmount, FeeLevel, FeePolicy, FeeScope};
use ar_core::interest::{
    accrue_account, principal_changes, waive_unpaid_charges, InterestPolicy, InterestRateTable,
    RateSource, UnpaidChargesPolicy,
};
use ar_core::ledger::{AccountConfig, EventBody};
use ar_core::terms::Terms;
use ledger_common::*;

fn two_installments(id: &str) -> Document {
    // 1000.00 in two halves due 31 Jan and 29 Feb 2024
    let mut doc = invoice(id, day(2024, 1, 1), day(2024, 1, 31), "1000.00");
    doc.installments = vec![
        ScheduledItem {
            due_date: day(2024, 1, 31),
            amount: d("500.00"),
            discounts: vec![],
        },
        ScheduledItem {
            due_date: day(2024, 2, 29),
            amount: d("500.00"),
            discounts: vec![],
        },
    ];
    doc
}

fn fixed(percent: &str) -> InterestPolicy {
    InterestPolicy::new(RateSource::Fixed {
        percent: d(percent),
    })
}

#[test]
fn running_the_fee_policy_twice_on_the_same_account_and_level_charges_once() {
    let mut book = Book::new();
    book.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "1200.00",
    ));
    let policy = FeePolicy::new(vec![
        FeeLevel::new(1, 10, FeeAmount::Fixed { amount: d("25.00") }),
        FeeLevel::new(2, 30, FeeAmount::Percent { percent: d("2") }),
    ]);
    // 11 Feb: level 1 only (level 2 from 31 Jan + 30 + 1 = 2 Mar, February having 29 days)
    let first = assess_fees(&book.account, &policy, day(2024, 2, 11)).unwrap();
    assert_eq!(first.charges.len(), 1);
    for c in &first.charges {
        book.apply(
            day(2024, 2, 11),
            EventBody::DocumentIssued {
                document: c.document.clone(),
            },
        )
        .unwrap();
    }
    // the same day again, and a week later: nothing new
    for run_day in [day(2024, 2, 11), day(2024, 2, 18)] {
        let again = assess_fees(&book.account, &policy, run_day).unwrap();
        assert!(again.charges.is_empty(), "{:?}", again.charges);
    }
    // the host applying the first run twice: the ledger refuses the copy
    let err = book
        .apply(
            day(2024, 2, 12),
            EventBody::DocumentIssued {
                document: first.charges[0].document.clone(),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "duplicate_document");
    // ... and a copy under another id
    let mut copy = first.charges[0].document.clone();
    copy.id = "HOST-42".into();
    let err = book
        .apply(
            day(2024, 2, 12),
            EventBody::DocumentIssued { document: copy },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "duplicate_charge");
    // 1 Mar is level 2's last day of grace; on 2 Mar it comes: 2 % of 1200.00 = 24.00, once
    assert!(assess_fees(&book.account, &policy, day(2024, 3, 1))
        .unwrap()
        .charges
        .is_empty());
    let later = assess_fees(&book.account, &policy, day(2024, 3, 2)).unwrap();
    assert_eq!(later.charges.len(), 1);
    assert_eq!(later.charges[0].key, "level-2");
    assert_eq!(later.charges[0].document.total.to_string(), "24.00");
    assert_eq!(book.account.balance().unwrap().to_string(), "1225.00");
}

#[test]
fn interest_per_installment_and_fees_per_installment() {
    let mut book = Book::new();
    book.issue(two_installments("INV-1"));
    let run = accrue_account(&book.account, &fixed("10"), day(2024, 3, 31)).unwrap();
    // #1: 1 Feb..31 Mar = 60 days on 500: 500*10*60/36500 = 8.219... -> 8.22
    // #2: 1..31 Mar = 31 days on 500: 500*10*31/36500 = 4.246... -> 4.25
    let totals: Vec<String> = run.charges.iter().map(|c| c.total.to_string()).collect();
    assert_eq!(totals, ["8.22", "4.25"]);
    assert_eq!(run.charges[1].id, "INT-INV-1/1/2024-03-31");
    assert_eq!(run.to_charge.to_string(), "12.47");

    let mut policy = FeePolicy::new(vec![FeeLevel::new(
        1,
        0,
        FeeAmount::Fixed { amount: d("5.00") },
    )]);
    policy.scope = FeeScope::Installment;
    let fees = assess_fees(&book.account, &policy, day(2024, 3, 31)).unwrap();
    let ids: Vec<&str> = fees
        .charges
        .iter()
        .map(|c| c.document.id.as_str())
        .collect();
    assert_eq!(ids, ["FEE-INV-1/0/level-1", "FEE-INV-1/1/level-1"]);
    assert_eq!(fees.charges[1].applies_from, day(2024, 3, 1));
}

#[test]
fn document_scope_starts_from_the_first_installment_paid_late() {
    let mut book = Book::new();
    book.issue(two_installments("INV-1"));
    // the first half is paid on time, the second is late
    book.pay("P-1", day(2024, 1, 31), "500.00");
    let policy = FeePolicy::new(vec![FeeLevel::new(
        1,
        5,
        FeeAmount::Percent { percent: d("10") },
    )]);
    let run = assess_fees(&book.account, &policy, day(2024, 3, 31)).unwrap();
    assert_eq!(run.charges.len(), 1);
    // 29 Feb + 5 days grace + 1 = 6 Mar; basis 500.00; 10 % = 50.00
    assert_eq!(run.charges[0].applies_from, day(2024, 3, 6));
    assert_eq!(run.charges[0].basis.to_string(), "500.00");
    assert_eq!(run.charges[0].document.total.to_string(), "50.00");
    assert_eq!(
        run.charges[0].reason,
        "INV-1 level 1: unpaid 6 days after its due date (grace 5 days), from 2024-03-06: 10 % of 500.00; fee 50.00"
    );
}

#[test]
fn charge_terms_schedule_the_charge() {
    let mut book = Book::new();
    book.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "1000.00",
    ));
    let mut policy = fixed("8");
    policy.charge_terms = Some(Terms::net(14));
    let run = accrue_account(&book.account, &policy, day(2024, 3, 1)).unwrap();
    // as of 1 Mar + 14 days
    assert_eq!(run.charges[0].installments[0].due_date, day(2024, 3, 15));
}

#[test]
fn waivers_apply_to_the_account_and_close_the_charges() {
    let mut book = Book::new();
    book.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "1000.00",
    ));
    for c in assess_fees(
        &book.account,
        &FeePolicy::eu_late_payment_compensation(),
        day(2024, 2, 1),
    )
    .unwrap()
    .charges
    {
        book.apply(
            day(2024, 2, 1),
            EventBody::DocumentIssued {
                document: c.document,
            },
        )
        .unwrap();
    }
    for c in accrue_account(&book.account, &fixed("8"), day(2024, 2, 29))
        .unwrap()
        .charges
    {
        book.apply(day(2024, 2, 29), EventBody::DocumentIssued { document: c })
            .unwrap();
    }
    // the customer pays the invoice only (remittance), on 10 Mar
    book.pay_with(
        "P-1",
        day(2024, 3, 10),
        "1000.00",
        serde_json::from_str(r#"[{"document": "INV-1", "amount": "1000.00"}]"#).unwrap(),
        None,
        None,
    )
    .unwrap();
    // 40.00 fee + 1000 * 8 % * 29/365 = 6.356... -> 6.36 interest stay open
    assert_eq!(book.account.balance().unwrap().to_string(), "46.36");
    assert!(waive_unpaid_charges(
        &book.account,
        UnpaidChargesPolicy::Claimable,
        day(2024, 3, 10)
    )
    .unwrap()
    .is_empty());
    let waivers =
        waive_unpaid_charges(&book.account, UnpaidChargesPolicy::Waive, day(2024, 3, 10)).unwrap();
    assert_eq!(waivers.len(), 2);
    for w in waivers {
        book.apply(day(2024, 3, 10), w.event).unwrap();
    }
    assert_eq!(book.account.balance().unwrap().to_string(), "0.00");
    // and then nothing more to waive or charge
    assert!(
        waive_unpaid_charges(&book.account, UnpaidChargesPolicy::Waive, day(2024, 3, 10))
            .unwrap()
            .is_empty()
    );
    let mut policy = fixed("8");
    policy.after_principal_paid = UnpaidChargesPolicy::Waive;
    assert!(accrue_account(&book.account, &policy, day(2024, 3, 31))
        .unwrap()
        .charges
        .is_empty());
}

#[test]
fn statutory_order_payments_reduce_the_principal_later() {
    // statutory order applies a payment to costs, then interest, then principal
    let mut config = AccountConfig::new("ACME", eur());
    config.strategy = Strategy::Statutory;
    let mut book = Book::with_config(config);
    book.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "1000.00",
    ));
    for c in assess_fees(
        &book.account,
        &FeePolicy::eu_late_payment_compensation(),
        day(2024, 2, 1),
    )
    .unwrap()
    .charges
    {
        book.apply(
            day(2024, 2, 1),
            EventBody::DocumentIssued {
                document: c.document,
            },
        )
        .unwrap();
    }
    // 540.00 on 15 Feb: 40.00 to the fee, 500.00 to INV-1
    book.pay("P-1", day(2024, 2, 15), "540.00");
    let p = principal_changes(&book.account, "INV-1", 0, day(2024, 3, 31)).unwrap();
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].amount.to_string(), "500.00");
    assert_eq!(p.outstanding.to_string(), "500.00");
    // 1..15 Feb on 1000, 16 Feb..31 Mar on 500, 10 %:
    // (1000*15 + 500*45) * 10 / 36500 = 375000/36500 = 10.273... -> 10.27
    let run = accrue_account(&book.account, &fixed("10"), day(2024, 3, 31)).unwrap();
    assert_eq!(run.accrued.to_string(), "10.27");
}

#[test]
fn eu_preset_on_an_account() {
    let mut config = AccountConfig::new("ACME", eur());
    config.strategy = Strategy::OldestDueFirst;
    let mut book = Book::with_config(config);
    book.issue(invoice(
        "INV-1",
        day(2024, 5, 1),
        day(2024, 5, 31),
        "10000.00",
    ));
    let mut mro = InterestRateTable::new();
    mro.insert(day(2023, 9, 20), d("4.50"), None);
    mro.insert(day(2024, 6, 12), d("4.25"), None);
    let policy = InterestPolicy::new(RateSource::eu_late_payment(mro));
    let run = accrue_account(&book.account, &policy, day(2024, 8, 31)).unwrap();
    // as the fixture statutory_eu_interest_across_half_years: 310.82
    assert_eq!(run.charges[0].total.to_string(), "310.82");
    let periods = &run.items[0].accrued.periods;
    assert!(periods[0]
        .reason
        .contains("reference rate 4.50 % in force on 2024-01-01 + 8 points"));
    assert!(periods[1]
        .reason
        .contains("reference rate 4.25 % in force on 2024-07-01 + 8 points"));
    // and the compensation: EUR 40
    let fees = assess_fees(
        &book.account,
        &FeePolicy::eu_late_payment_compensation(),
        day(2024, 8, 31),
    )
    .unwrap();
    assert_eq!(fees.total.to_string(), "40.00");
}

#[test]
fn as_of_ignores_what_came_later() {
    let mut book = Book::new();
    book.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "1000.00",
    ));
    book.pay("P-1", day(2024, 3, 1), "1000.00");
    // as of 15 Feb the payment of 1 Mar is not known: 15 days on 1000 at 10 % = 4.11
    let run = accrue_account(&book.account, &fixed("10"), day(2024, 2, 15)).unwrap();
    assert_eq!(run.accrued.to_string(), "4.11");
    assert_eq!(run.items[0].outstanding.to_string(), "1000.00");
    // a fee of 11 Feb (grace 10) still applies as of 15 Feb
    let policy = FeePolicy::new(vec![FeeLevel::new(
        1,
        10,
        FeeAmount::Fixed { amount: d("5.00") },
    )]);
    assert_eq!(
        assess_fees(&book.account, &policy, day(2024, 2, 15))
            .unwrap()
            .charges
            .len(),
        1
    );
}
