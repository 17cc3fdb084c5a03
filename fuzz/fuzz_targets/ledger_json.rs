//! The ledger's JSON readers on arbitrary text: an event history (replayed into an account with
//! and without a reporting currency), a serialized account state, and the document drafts.
//! No input may panic; whatever parses must round-trip and answer every query.
#![no_main]

use ar_core::documents::{issue_invoice, issue_simple, InvoiceDraft, SimpleDraft};
use ar_core::ledger::{Account, AccountConfig, Event};
use ar_core::money::Currency;
use ar_core::statement::{statement, StatementOptions};
use libfuzzer_sys::fuzz_target;

fn queries(account: &Account) {
    let _ = account.balance();
    let _ = account.open_items();
    let _ = account.open_disputes();
    let _ = account.disputed_total();
    let _ = account.realized_fx();
    if let Some(day) = account.as_of() {
        let _ = account.reporting_balance(day);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(events) = serde_json::from_str::<Vec<Event>>(text) {
        let eur = Currency::from_code("EUR").unwrap();
        let mut reported = AccountConfig::new("ACME", eur);
        reported.reporting_currency = Currency::from_code("USD").ok();
        for config in [AccountConfig::new("ACME", eur), reported] {
            let mut account = Account::new(config.clone());
            for e in &events {
                let before = account.to_json();
                if account.apply(e).is_err() {
                    assert_eq!(
                        account.to_json(),
                        before,
                        "a rejected event changed the state"
                    );
                }
                queries(&account);
            }
            let back = Account::from_json(&account.to_json()).expect("a state reads back");
            assert_eq!(back, account);
            if let (Some(first), Some(last)) = (events.first(), events.last()) {
                let _ = statement(
                    &config,
                    &events,
                    first.date,
                    last.date,
                    &StatementOptions::default(),
                );
            }
        }
    }
    if let Ok(account) = Account::from_json(text) {
        queries(&account);
        let _ = Account::from_json(&account.to_json());
    }
    if let Ok(draft) = serde_json::from_str::<SimpleDraft>(text) {
        let _ = issue_simple(&draft, &Default::default());
    }
    if let Ok(draft) = serde_json::from_str::<InvoiceDraft>(text) {
        let _ = issue_invoice(&draft, &Default::default());
    }
});
