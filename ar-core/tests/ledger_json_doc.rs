//! The ledger JSON example of docs/json.md is real: it deserializes and replays as documented.

use ar_core::ledger::{Account, AccountConfig, Event};
use chrono::NaiveDate;

#[test]
fn docs_json_ledger_example_replays() {
    let doc = include_str!("../../docs/json.md");
    let start = doc
        .find("<!-- ledger-example -->\n```json\n")
        .expect("the marked example exists")
        + "<!-- ledger-example -->\n```json\n".len();
    let end = start + doc[start..].find("```").expect("the block is closed");
    let events: Vec<Event> = serde_json::from_str(&doc[start..end]).expect("the example parses");
    let config: AccountConfig =
        serde_json::from_str(r#"{"customer": "ACME", "currency": "EUR"}"#).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    let account = Account::replay(config, &events, as_of).expect("the history is valid");
    // 1000.00 oldest due first: INV-2 (1 Feb) 400.00, INV-3 (15 Feb) 400.00, then 200.00 of
    // INV-1 (1 Mar), which keeps 200.00 open
    let open: Vec<(String, String)> = account
        .open_items()
        .into_iter()
        .map(|i| (i.document, i.open.to_string()))
        .collect();
    assert_eq!(open, [("INV-1".to_string(), "200.00".to_string())]);
    assert_eq!(account.balance().unwrap().to_string(), "200.00");
    assert_eq!(account.unapplied_cash().to_string(), "0.00");
}

#[test]
fn docs_json_fx_example_replays() {
    let doc = include_str!("../../docs/json.md");
    let marker = "<!-- ledger-fx-example -->\n```json\n";
    let start = doc.find(marker).expect("the marked example exists") + marker.len();
    let end = start + doc[start..].find("```").expect("the block is closed");
    let events: Vec<Event> = serde_json::from_str(&doc[start..end]).expect("the example parses");
    let config: AccountConfig = serde_json::from_str(
        r#"{"customer": "ACME", "currency": "EUR", "reporting_currency": "USD"}"#,
    )
    .unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
    let account = Account::replay(config, &events, day).expect("the history is valid");
    // e2: 560.00 USD / 1.12 = 500.00 EUR, +10.00 USD; e3: 110.00 × 0.90 = 99.00 EUR, +1.10 USD
    let fx: Vec<String> = ["P-1", "P-2"]
        .iter()
        .map(|p| {
            account.payment(p).unwrap().allocations[0]
                .realized_fx
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(fx, ["10.00", "1.10"]);
    let r = account.reporting_balance(day).unwrap();
    let got = serde_json::to_value(&r).unwrap();
    let want: serde_json::Value = serde_json::from_str(
        r#"{"currency": "USD", "date": "2024-01-31", "balance": "401.00",
            "rate": {"quoted": "1.08", "inverse": false, "date": "2024-01-31"},
            "booked": "441.10", "revalued": "433.08", "unrealized_fx": "-8.02", "realized_fx": "11.10"}"#,
    )
    .unwrap();
    assert_eq!(got, want);
}
