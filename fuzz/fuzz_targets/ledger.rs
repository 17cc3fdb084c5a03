//! Arbitrary event sequences against one account: `apply` never panics; a rejected event
//! leaves the account byte-identical; open amounts stay between zero and the original; and
//! replaying the accepted events gives the same account as applying them one by one.
#![no_main]

use ar_core::ledger::{Account, AccountConfig, Event};
use ar_core::money::Currency;
use ar_core::statement::{statement, StatementOptions};
use ar_core_fuzz as build;
use arbitrary::Unstructured;
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

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
    if let (Ok(s), Ok(p)) = (
        build::strategy(&mut u),
        build::short_payment_policy(&mut u, currency),
    ) {
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
        let Ok(body) = build::event_body(&mut u, currency, customer, date) else {
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
