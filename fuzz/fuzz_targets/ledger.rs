//! Arbitrary event sequences against one account: `apply` never panics; a rejected event
//! leaves the account byte-identical; open amounts stay between zero and the original; and
//! replaying the accepted events gives the same account as applying them one by one.
#![no_main]

use ar_core::application::{RemittanceLine, ShortPaymentPolicy, Strategy};
use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
use ar_core::fx::RateQuote;
use ar_core::ledger::{Account, AccountConfig, DisputeOutcome, Event, EventBody};
use ar_core::money::Currency;
use ar_core::statement::{statement, StatementOptions};
use ar_core::terms::ScheduleOptions;
use ar_core_fuzz as build;
use arbitrary::{Result, Unstructured};
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

const DOCS: [&str; 5] = ["D0", "D1", "D2", "D3", "D4"];
const PAYS: [&str; 4] = ["P0", "P1", "P2", "P3"];

fn pick<'a>(u: &mut Unstructured, from: &[&'a str]) -> Result<String> {
    Ok(u.choose(from)?.to_string())
}

fn strategy(u: &mut Unstructured) -> Result<Strategy> {
    Ok(match u.int_in_range(0..=4)? {
        0 => Strategy::Remittance,
        1 => Strategy::OldestDueFirst,
        2 => Strategy::ExactAmountFirst,
        3 => Strategy::Proportional,
        _ => Strategy::Statutory,
    })
}

fn policy(u: &mut Unstructured, currency: Currency) -> Result<ShortPaymentPolicy> {
    Ok(match u.int_in_range(0..=2)? {
        0 => ShortPaymentPolicy::LeaveResidual,
        1 => ShortPaymentPolicy::Deduction {
            reason_code: "short".into(),
        },
        _ => ShortPaymentPolicy::WriteOff {
            tolerance: build::amount(u, currency, None)?,
            reason_code: "small".into(),
        },
    })
}

fn body(
    u: &mut Unstructured,
    currency: Currency,
    customer: &str,
    date: NaiveDate,
) -> Result<EventBody> {
    let amount = |u: &mut Unstructured| build::amount(u, currency, None);
    Ok(match u.int_in_range(0..=11)? {
        0 | 1 | 2 => {
            let kind = *u.choose(&[
                DocumentKind::Invoice,
                DocumentKind::CreditNote,
                DocumentKind::DebitNote,
                DocumentKind::FeeCharge,
                DocumentKind::InterestCharge,
            ])?;
            let mut draft = SimpleDraft::new(
                kind,
                &pick(u, &DOCS)?,
                customer,
                date,
                currency,
                amount(u)?.abs(),
            );
            if u.ratio(1, 3)? {
                draft.terms = Some(build::terms(u)?);
            }
            match issue_simple(&draft, &ScheduleOptions::default()) {
                Ok(document) => EventBody::DocumentIssued { document },
                Err(_) => EventBody::InvoiceDelivered {
                    document: pick(u, &DOCS)?,
                },
            }
        }
        3 | 4 => {
            let mut remittance = Vec::new();
            for _ in 0..u.int_in_range(0..=2)? {
                remittance.push(RemittanceLine {
                    document: pick(u, &DOCS)?,
                    installment: if u.arbitrary()? {
                        Some(u.int_in_range(0..=3)?)
                    } else {
                        None
                    },
                    amount: amount(u)?,
                    discount: if u.ratio(1, 4)? {
                        Some(amount(u)?)
                    } else {
                        None
                    },
                });
            }
            EventBody::PaymentReceived {
                payment_id: pick(u, &PAYS)?,
                amount: amount(u)?,
                currency: if u.ratio(1, 16)? {
                    build::currency(u)?
                } else {
                    currency
                },
                rate: if u.ratio(1, 4)? {
                    Some(build::decimal(u)?)
                } else {
                    None
                },
                remittance,
                strategy: if u.arbitrary()? {
                    Some(strategy(u)?)
                } else {
                    None
                },
                short_payment: if u.ratio(1, 3)? {
                    Some(policy(u, currency)?)
                } else {
                    None
                },
            }
        }
        5 => EventBody::PaymentReversed {
            payment_id: pick(u, &PAYS)?,
            reason: "bounced".into(),
        },
        6 => EventBody::CreditApplied {
            credit_document: if u.arbitrary()? {
                pick(u, &DOCS)?
            } else {
                pick(u, &PAYS)?
            },
            target_document: pick(u, &DOCS)?,
            amount: amount(u)?,
        },
        7 => EventBody::WrittenOff {
            document: pick(u, &DOCS)?,
            installment: if u.arbitrary()? {
                Some(u.int_in_range(0..=3)?)
            } else {
                None
            },
            amount: amount(u)?,
            reason_code: "bad debt".into(),
        },
        8 => {
            if u.arbitrary()? {
                EventBody::DisputeOpened {
                    dispute_id: pick(u, &["X0", "X1"])?,
                    document: pick(u, &DOCS)?,
                    amount: if u.arbitrary()? {
                        Some(amount(u)?)
                    } else {
                        None
                    },
                    reason_code: "damaged".into(),
                }
            } else {
                EventBody::DisputeResolved {
                    dispute_id: pick(u, &["X0", "X1"])?,
                    outcome: *u.choose(&[
                        DisputeOutcome::Accepted,
                        DisputeOutcome::Rejected,
                        DisputeOutcome::Withdrawn,
                    ])?,
                }
            }
        }
        9 => EventBody::PromiseToPay {
            promise_id: pick(u, &["Q0", "Q1"])?,
            amount: amount(u)?,
            promised_date: date,
        },
        10 => EventBody::DocumentVoided {
            document: pick(u, &DOCS)?,
        },
        _ => {
            let mut rates = Vec::new();
            for _ in 0..u.int_in_range(0..=3)? {
                let other = build::currency(u)?;
                let (from, to) = if u.arbitrary()? {
                    (currency, other)
                } else {
                    (other, currency)
                };
                rates.push(RateQuote::new(from, to, build::decimal(u)?));
            }
            EventBody::RatesPublished { rates }
        }
    })
}

fn check_items(account: &Account) {
    for item in account.open_items() {
        assert!(
            item.open >= Decimal::ZERO || item.original < Decimal::ZERO,
            "{item:?}"
        );
        assert!(item.open.abs() <= item.original.abs(), "{item:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(currency) = u
        .choose(&["EUR", "JPY", "KWD"])
        .map(|c| Currency::from_code(c).unwrap())
    else {
        return;
    };
    let mut config = AccountConfig::new("ACME", currency);
    if let (Ok(s), Ok(p)) = (strategy(&mut u), policy(&mut u, currency)) {
        config.strategy = s;
        config.short_payment = p;
    }
    if u.ratio(1, 2).unwrap_or(false) {
        config.reporting_currency = build::currency(&mut u).ok();
    }
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut account = Account::new(config.clone());
    let mut accepted: Vec<Event> = Vec::new();
    let mut day = 0u64;
    for n in 0..24 {
        let Ok(step) = u.int_in_range(0..=20u64) else {
            break;
        };
        day += step;
        let date = start.checked_add_days(Days::new(day)).unwrap();
        let customer = if u.ratio(1, 32).unwrap_or(false) {
            "OTHER"
        } else {
            "ACME"
        };
        let Ok(body) = body(&mut u, currency, customer, date) else {
            break;
        };
        let event = Event::new(&format!("e{n}"), date, body);
        let before = serde_json::to_string(&account).unwrap();
        match account.apply(&event) {
            Ok(_) => accepted.push(event),
            Err(e) => {
                assert!(!e.kind().is_empty());
                assert_eq!(
                    serde_json::to_string(&account).unwrap(),
                    before,
                    "rejected {event:?}: {e}"
                );
            }
        }
        check_items(&account);
        let _ = account.balance();
        let _ = account.realized_fx();
        let _ = account.reporting_balance(date);
    }
    if let Some(last) = accepted.last().map(|e| e.date) {
        let replayed =
            Account::replay(config.clone(), &accepted, last).expect("accepted events replay");
        assert_eq!(
            serde_json::to_string(&replayed).unwrap(),
            serde_json::to_string(&account).unwrap()
        );
        let _ = statement(
            &config,
            &accepted,
            start,
            last,
            &StatementOptions::default(),
        );
    }
});
