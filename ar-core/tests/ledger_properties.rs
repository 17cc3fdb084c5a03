//! Property tests of the ledger over random documents and random event sequences.
//!
//! Invariants, in words:
//! - every payment is conserved: cash applied + cash left unapplied == amount paid;
//! - the whole account is conserved: balance == documents issued (not void) - live payments
//!   - discounts taken - amounts written off (credit applications only move money);
//! - open amounts never cross zero and never exceed the original installment;
//! - rejecting an invalid event leaves the account byte-identical (serde_json);
//! - replaying the history as of the date of event k gives the state after event k;
//! - the account round-trips through JSON.

mod ledger_common;

use ar_core::application::{RemittanceLine, ShortPaymentPolicy, Strategy as Apply};
use ar_core::documents::{Document, DocumentKind, ScheduledItem};
use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
use ar_core::terms::DiscountOffer;
use ar_core::Decimal;
use chrono::{Days, NaiveDate};
use ledger_common::*;
use proptest::prelude::*;

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

#[derive(Debug, Clone)]
struct DocSpec {
    kind: u8,
    cents: i64,
    installments: u8,
    due_days: u8,
    discount: bool,
}

#[derive(Debug, Clone)]
enum Op {
    Pay {
        cents: i64,
        strategy: u8,
        policy: u8,
        remit: Option<(usize, i64)>,
    },
    Reverse(usize),
    Credit {
        source: usize,
        from_payment: bool,
        target: usize,
        cents: i64,
    },
    WriteOff(usize, i64),
    Void(usize),
    Dispute(usize, i64),
    Duplicate(usize),
}

fn doc_spec() -> impl Strategy<Value = DocSpec> {
    (0u8..6, 1i64..50_000, 1u8..4, 0u8..60, any::<bool>()).prop_map(
        |(kind, cents, installments, due_days, discount)| DocSpec {
            kind,
            cents,
            installments,
            due_days,
            discount,
        },
    )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (1i64..120_000, 0u8..5, 0u8..3, proptest::option::of((0usize..8, 1i64..60_000)))
            .prop_map(|(cents, strategy, policy, remit)| Op::Pay { cents, strategy, policy, remit }),
        1 => (0usize..10).prop_map(Op::Reverse),
        2 => (0usize..8, any::<bool>(), 0usize..8, 1i64..5_000)
            .prop_map(|(source, from_payment, target, cents)| Op::Credit { source, from_payment, target, cents }),
        1 => (0usize..8, 1i64..20_000).prop_map(|(d, c)| Op::WriteOff(d, c)),
        1 => (0usize..8).prop_map(Op::Void),
        1 => (0usize..8, 0i64..20_000).prop_map(|(d, c)| Op::Dispute(d, c)),
        1 => (0usize..30).prop_map(Op::Duplicate),
    ]
}

fn kind_of(k: u8) -> DocumentKind {
    match k {
        0 | 1 => DocumentKind::Invoice,
        2 => DocumentKind::CreditNote,
        3 => DocumentKind::DebitNote,
        4 => DocumentKind::FeeCharge,
        _ => DocumentKind::InterestCharge,
    }
}

fn build_doc(i: usize, spec: &DocSpec, date: NaiveDate) -> Document {
    let kind = kind_of(spec.kind);
    let sign = if kind == DocumentKind::CreditNote {
        -1
    } else {
        1
    };
    let n = i64::from(spec.installments);
    let each = spec.cents / n;
    let mut installments = Vec::new();
    for k in 0..n {
        let c = if k == n - 1 {
            spec.cents - each * (n - 1)
        } else {
            each
        };
        let due = date + Days::new(u64::from(spec.due_days) + 30 * k as u64);
        let mut discounts = vec![];
        let disc = c * 2 / 100;
        if spec.discount && k == 0 && sign > 0 && disc > 0 {
            discounts.push(DiscountOffer {
                deadline: date + Days::new(u64::from(spec.due_days).min(10)),
                discount: cents(disc),
                amount_due: cents(c - disc),
            });
        }
        installments.push(ScheduledItem {
            due_date: due,
            amount: cents(sign * c),
            discounts,
        });
    }
    Document {
        id: format!("D{i}"),
        kind,
        customer: "ACME".into(),
        date,
        currency: eur(),
        total: cents(sign * spec.cents),
        installments,
        terms: None,
        against: None,
        revision_of: None,
        charge_for: None,
    }
}

fn strategy_of(s: u8) -> Option<Apply> {
    match s {
        0 => None,
        1 => Some(Apply::ExactAmountFirst),
        2 => Some(Apply::Proportional),
        3 => Some(Apply::Statutory),
        _ => Some(Apply::OldestDueFirst),
    }
}

fn policy_of(p: u8) -> Option<ShortPaymentPolicy> {
    match p {
        0 => None,
        1 => Some(ShortPaymentPolicy::Deduction {
            reason_code: "short".into(),
        }),
        _ => Some(ShortPaymentPolicy::WriteOff {
            tolerance: cents(500),
            reason_code: "small".into(),
        }),
    }
}

/// balance == issued (not void) - live payments - their discounts and write-offs - write-offs
fn expected_balance(a: &Account) -> Decimal {
    let mut total = Decimal::ZERO;
    for (_, ds) in a.documents() {
        if !ds.voided {
            total += ds.document.total;
        }
    }
    for (_, p) in a.payments() {
        if p.reversed.is_none() {
            total -= p.amount;
            for al in &p.allocations {
                total -= al.discount_taken + al.written_off;
            }
        }
    }
    for w in a.write_offs() {
        total -= w.amount;
    }
    total
}

fn check_items(a: &Account) -> Result<(), TestCaseError> {
    for (id, ds) in a.documents() {
        for (item, s) in ds.items.iter().zip(&ds.document.installments) {
            if ds.document.kind.is_credit() {
                prop_assert!(item.open <= Decimal::ZERO && item.open >= s.amount, "{id}");
            } else {
                prop_assert!(item.open >= Decimal::ZERO && item.open <= s.amount, "{id}");
            }
        }
    }
    for i in a.open_items() {
        prop_assert!(i.disputed >= Decimal::ZERO && i.disputed <= i.open.abs());
    }
    prop_assert!(a.unapplied_cash() >= Decimal::ZERO);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn ledger_invariants(docs in proptest::collection::vec(doc_spec(), 1..8),
                         ops in proptest::collection::vec(op(), 0..25)) {
        let start = day(2024, 1, 1);
        let config = AccountConfig::new("ACME", eur());
        let mut account = Account::new(config.clone());
        let mut accepted: Vec<Event> = Vec::new();
        let mut snapshots: Vec<String> = Vec::new();
        let mut all_events: Vec<Event> = Vec::new();
        let mut n_payments = 0usize;
        let mut date = start;
        let mut bodies: Vec<EventBody> = docs
            .iter()
            .enumerate()
            .map(|(i, s)| EventBody::DocumentIssued { document: build_doc(i, s, start) })
            .collect();
        let nd = docs.len();
        let credit_notes: Vec<usize> = (0..nd).filter(|&i| kind_of(docs[i].kind) == DocumentKind::CreditNote).collect();
        for o in &ops {
            let body = match o {
                Op::Pay { cents: c, strategy, policy, remit } => {
                    n_payments += 1;
                    EventBody::PaymentReceived {
                        payment_id: format!("P{n_payments}"),
                        amount: cents(*c),
                        currency: eur(),
                        rate: None,
                        remittance: remit
                            .iter()
                            .map(|(doc, rc)| RemittanceLine {
                                document: format!("D{}", doc % nd),
                                installment: None,
                                amount: cents(*rc),
                                discount: None,
                            })
                            .collect(),
                        strategy: strategy_of(*strategy),
                        short_payment: policy_of(*policy),
                    }
                }
                Op::Reverse(p) => EventBody::PaymentReversed {
                    payment_id: format!("P{}", p % (n_payments + 1)),
                    reason: "bounced".into(),
                },
                Op::Credit { source, from_payment, target, cents: c } => EventBody::CreditApplied {
                    credit_document: if *from_payment {
                        format!("P{}", source % (n_payments + 1))
                    } else if credit_notes.is_empty() {
                        format!("D{}", source % nd)
                    } else {
                        format!("D{}", credit_notes[source % credit_notes.len()])
                    },
                    target_document: format!("D{}", target % nd),
                    amount: cents(*c),
                },
                Op::WriteOff(doc, c) => EventBody::WrittenOff {
                    document: format!("D{}", doc % nd),
                    installment: None,
                    amount: cents(*c),
                    reason_code: "bad_debt".into(),
                },
                Op::Void(doc) => EventBody::DocumentVoided { document: format!("D{}", doc % nd) },
                Op::Dispute(doc, c) => EventBody::DisputeOpened {
                    dispute_id: format!("X{}", all_events.len() + bodies.len()),
                    document: format!("D{}", doc % nd),
                    amount: if *c == 0 { None } else { Some(cents(*c)) },
                    reason_code: "quality".into(),
                },
                Op::Duplicate(k) => {
                    // re-send an earlier body under a new id: duplicate payment/document ids
                    bodies.get(*k % bodies.len()).cloned().unwrap_or(EventBody::InvoiceOpened { document: "D0".into() })
                }
            };
            bodies.push(body);
        }
        for (k, body) in bodies.into_iter().enumerate() {
            date = date + Days::new(1);
            let event = Event::new(&format!("e{k}"), date, body);
            all_events.push(event.clone());
            let before = serde_json::to_string(&account).unwrap();
            match account.apply(&event) {
                Ok(applied) => {
                    if let EventBody::PaymentReceived { amount, .. } = &event.body {
                        // cash applied + unapplied == paid
                        let applied_cash: Decimal = applied.allocations.iter().map(|a| a.amount).sum();
                        prop_assert_eq!(applied_cash + applied.unapplied_change, *amount);
                        for a in &applied.allocations {
                            prop_assert!(a.amount >= Decimal::ZERO && a.discount_taken >= Decimal::ZERO && a.written_off >= Decimal::ZERO);
                        }
                    }
                    accepted.push(event.clone());
                    snapshots.push(serde_json::to_string(&account).unwrap());
                }
                Err(_) => {
                    prop_assert_eq!(serde_json::to_string(&account).unwrap(), before);
                }
            }
            check_items(&account)?;
            prop_assert_eq!(account.balance().unwrap(), expected_balance(&account));
            // a duplicate event id is always refused and changes nothing
            let again = serde_json::to_string(&account).unwrap();
            prop_assert!(account.apply(&event).is_err());
            prop_assert_eq!(serde_json::to_string(&account).unwrap(), again);
        }
        // replaying the full history as of each accepted event's date gives its snapshot
        for (event, snap) in accepted.iter().zip(&snapshots) {
            let replayed = Account::replay(config.clone(), &accepted, event.date).unwrap();
            prop_assert_eq!(&serde_json::to_string(&replayed).unwrap(), snap);
        }
        // the statement over the whole history: aging buckets + credits == closing balance
        if let (Some(first), Some(last)) = (all_events.first(), all_events.last()) {
            let st = ar_core::statement::statement(&config, &accepted, first.date, last.date, &Default::default()).unwrap();
            let buckets: Decimal = st.aging.iter().map(|b| b.amount).sum();
            prop_assert_eq!(buckets + st.credits, st.closing_balance);
            prop_assert_eq!(st.closing_balance, account.balance().unwrap());
            let lines: Decimal = st.lines.iter().map(|l| l.amount).sum();
            prop_assert_eq!(st.opening_balance + lines, st.closing_balance);
        }
        // JSON round trip
        let json = serde_json::to_string(&account).unwrap();
        let back: Account = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, account);
    }
}
