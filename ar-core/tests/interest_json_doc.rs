//! The interest and fee JSON examples of docs/json.md are real: the inputs deserialize and the
//! results printed there are exactly what the engine returns.

use ar_core::fees::{assess_fees, FeePolicy};
use ar_core::interest::{accrue, AccrualInput};
use ar_core::ledger::{Account, AccountConfig, Event};
use chrono::NaiveDate;
use serde_json::Value;

fn block<'a>(doc: &'a str, marker: &str) -> &'a str {
    let marker = format!("<!-- {marker} -->\n```json\n");
    let start = doc.find(&marker).expect("the marked example exists") + marker.len();
    let end = start + doc[start..].find("```").expect("the block is closed");
    &doc[start..end]
}

#[test]
fn docs_json_accrual_example() {
    let doc = include_str!("../../docs/json.md");
    let input: AccrualInput =
        serde_json::from_str(block(doc, "interest-example")).expect("the input parses");
    let want: Value =
        serde_json::from_str(block(doc, "interest-example-result")).expect("the result parses");
    let got = serde_json::to_value(accrue(&input).unwrap()).unwrap();
    if std::env::var_os("PRINT_DOC_EXAMPLES").is_some() {
        println!("{}", serde_json::to_string_pretty(&got).unwrap());
    }
    assert_eq!(got, want);
}

#[test]
fn docs_json_fee_example() {
    let doc = include_str!("../../docs/json.md");
    let policy: FeePolicy =
        serde_json::from_str(block(doc, "fee-example-policy")).expect("the policy parses");
    let events: Vec<Event> =
        serde_json::from_str(block(doc, "fee-example-events")).expect("the events parse");
    let want: Value =
        serde_json::from_str(block(doc, "fee-example-result")).expect("the result parses");
    let config: AccountConfig =
        serde_json::from_str(r#"{"customer": "ACME", "currency": "EUR"}"#).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2024, 2, 11).unwrap();
    let account = Account::replay(config, &events, as_of).unwrap();
    let got = serde_json::to_value(assess_fees(&account, &policy, as_of).unwrap()).unwrap();
    if std::env::var_os("PRINT_DOC_EXAMPLES").is_some() {
        println!("{}", serde_json::to_string_pretty(&got).unwrap());
    }
    assert_eq!(got, want);
}
