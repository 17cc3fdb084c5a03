//! Cash application at scale: 100 000 payments applied oldest due first to an account with
//! 1 000 000 open items (each payment closes ten 100.00 invoices), and issuing 100 000
//! invoices.
//!
//! Run: `cargo bench -p ar-core --bench ledger` (about 5 minutes: building the 1M-item account
//! takes ~15 s and each sample of the big case applies all 100k payments to a fresh clone).
//! Before timing, the run is checked: every payment makes ten allocations and the balance ends
//! at 0.00, so the figures are for correct output.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ar_core::documents::{Document, DocumentKind, ScheduledItem};
use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
use ar_core::money::Currency;
use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rust_decimal::Decimal;

const ITEMS: u64 = 1_000_000;
const PAYMENTS: u64 = 100_000;

fn eur() -> Currency {
    Currency::from_code("EUR").expect("EUR is ISO 4217")
}

fn invoice_event(i: u64) -> Event {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
    let date = start + Days::new(i % 365);
    let due = date + Days::new(30 + (i * 7919) % 60);
    let amount = Decimal::new(10_000, 2);
    Event::new(
        &format!("i{i}"),
        date,
        EventBody::DocumentIssued {
            document: Document {
                id: format!("INV-{i:07}"),
                kind: DocumentKind::Invoice,
                customer: "ACME".into(),
                date,
                currency: eur(),
                total: amount,
                installments: vec![ScheduledItem {
                    due_date: due,
                    amount,
                    discounts: vec![],
                }],
                terms: None,
                against: None,
                revision_of: None,
                charge_for: None,
            },
        },
    )
}

fn payment_events() -> Vec<Event> {
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).expect("valid date");
    (0..PAYMENTS)
        .map(|p| {
            Event::new(
                &format!("p{p}"),
                date,
                EventBody::payment(&format!("P-{p}"), Decimal::new(100_000, 2), eur()),
            )
        })
        .collect()
}

fn million_items() -> Account {
    let mut account = Account::new(AccountConfig::new("ACME", eur()));
    for i in 0..ITEMS {
        account.apply(&invoice_event(i)).expect("valid invoice");
    }
    account
}

fn apply_all(account: &mut Account, payments: &[Event]) {
    for e in payments {
        black_box(account.apply(e).expect("valid payment"));
    }
}

fn bench(c: &mut Criterion) {
    let t = Instant::now();
    let base = million_items();
    eprintln!("built the 1M-item account in {:.1?}", t.elapsed());
    let payments = payment_events();

    // correctness first: ten allocations per payment, nothing left open
    let mut check = base.clone();
    for e in &payments {
        let applied = check.apply(e).expect("valid payment");
        assert_eq!(applied.allocations.len(), 10);
    }
    assert_eq!(check.balance().expect("no overflow").to_string(), "0.00");
    drop(check);

    let mut g = c.benchmark_group("ledger");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(60));
    g.throughput(Throughput::Elements(PAYMENTS));
    g.bench_function("100k payments onto 1M open items", |b| {
        b.iter_batched_ref(
            || base.clone(),
            |account| apply_all(account, &payments),
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("ledger issue");
    g.sample_size(10);
    g.throughput(Throughput::Elements(100_000));
    g.bench_function("issue 100k invoices", |b| {
        let events: Vec<Event> = (0..100_000).map(invoice_event).collect();
        b.iter_batched_ref(
            || Account::new(AccountConfig::new("ACME", eur())),
            |account| {
                for e in &events {
                    black_box(account.apply(e).expect("valid invoice"));
                }
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
