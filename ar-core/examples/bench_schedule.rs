//! Times N schedule calls of the shared 3-line term (`benches/three_line_terms.json`) and
//! prints one JSON line, `{"lang":"rust","ns_per_call":...}`, the same shape the Python and
//! Node benches print, so one script can compare them.
//!
//! Run: `cargo run --release -p ar-core --example bench_schedule [N]` (default N = 200000).

use std::hint::black_box;
use std::time::Instant;

use ar_core::money::Currency;
use ar_core::terms::{schedule, ScheduleOptions, Terms};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("N is a positive whole number"))
        .unwrap_or(200_000)
        .max(1);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../benches/three_line_terms.json"
    );
    let text = std::fs::read_to_string(path).expect("benches/three_line_terms.json is readable");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let field = |name: &str| json[name].as_str().expect("a string field");
    let terms: Terms = serde_json::from_value(json["terms"].clone()).expect("terms");
    let base: NaiveDate = field("base_date").parse().expect("ISO date");
    let amount: Decimal = field("amount").parse().expect("decimal");
    let currency = Currency::from_code(field("currency")).expect("currency");
    let options = ScheduleOptions::default();

    // the output is checked once before timing (worked out by hand in benches/schedule.rs)
    let s = schedule(&terms, base, amount, currency, &options).expect("schedules");
    let amounts: Vec<String> = s
        .installments
        .iter()
        .map(|i| i.amount.to_string())
        .collect();
    assert_eq!(amounts, ["300.00", "300.00", "400.00"]);

    // warm-up
    for _ in 0..n.min(10_000) {
        black_box(schedule(black_box(&terms), base, amount, currency, &options).ok());
    }
    let start = Instant::now();
    for _ in 0..n {
        black_box(
            schedule(
                black_box(&terms),
                black_box(base),
                black_box(amount),
                currency,
                &options,
            )
            .ok(),
        );
    }
    let ns = start.elapsed().as_nanos() as f64 / f64::from(n);
    println!("{{\"lang\":\"rust\",\"ns_per_call\":{ns:.1}}}");
}
