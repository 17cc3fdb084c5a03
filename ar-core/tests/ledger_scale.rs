//! Scale check (ignored by default): 100k payments applied oldest-first to an account with
//! 1M open items. Run with
//! `cargo test -p ar-core --release --test ledger_scale -- --ignored --nocapture`.

mod ledger_common;

use std::time::Instant;

use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
use chrono::Days;
use ledger_common::*;

#[test]
#[ignore]
fn hundred_thousand_payments_on_a_million_open_items() {
    // AR_SCALE_ITEMS / AR_SCALE_PAYMENTS shrink the run (e.g. for profiling)
    let env = |k: &str, d: u64| {
        std::env::var(k)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let items: u64 = env("AR_SCALE_ITEMS", 1_000_000);
    let payments: u64 = env("AR_SCALE_PAYMENTS", 100_000);
    let start = day(2024, 1, 1);
    let mut account = Account::new(AccountConfig::new("ACME", eur()));
    let t = Instant::now();
    for i in 0..items {
        let date = start + Days::new(i % 365);
        let due = date + Days::new(30 + (i * 7919) % 60);
        let e = Event::new(
            &format!("i{i}"),
            date,
            EventBody::DocumentIssued {
                document: invoice(&format!("INV-{i:07}"), date, due, "100.00"),
            },
        );
        account.apply(&e).unwrap();
    }
    let issued = t.elapsed();
    let t = Instant::now();
    let pay_date = day(2025, 6, 1);
    for p in 0..payments {
        let e = Event::new(
            &format!("p{p}"),
            pay_date,
            EventBody::payment(&format!("P-{p}"), d("1000.00"), eur()),
        );
        let a = account.apply(&e).unwrap();
        assert_eq!(a.allocations.len(), 10);
    }
    let paid = t.elapsed();
    if payments * 10 == items {
        assert_eq!(account.balance().unwrap().to_string(), "0.00");
    }
    println!(
        "issued {items} invoices in {:.2?}; applied {payments} payments ({} allocations) in {:.2?} ({:.1} us per payment)",
        issued,
        payments * 10,
        paid,
        paid.as_secs_f64() * 1e6 / payments as f64
    );
}
