//! A collections day over the bundled sample ledger.
//!
//! Reads `examples/data/sample_ledger.json` (or the path given as the first argument), and
//! prints what the engine decides for every invoice: the payment schedule under the terms the
//! customer negotiated, with due dates, installment amounts, early-payment discounts and the
//! reason for each due date; then the inputs the engine refuses, with their error kinds.
//!
//! The example does the I/O (reading the file, printing); the core stays pure.
//!
//! Run: `cargo run -p ar-examples --bin collections-day`

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::path::PathBuf;

use ar_core::calendar::{BusinessCalendar, Roll};
use ar_core::money::Currency;
use ar_core::notation;
use ar_core::terms::{schedule, ScheduleOptions, Terms};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;

fn str_field<'a>(v: &'a Value, key: &str) -> Result<&'a str, Box<dyn StdError>> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("field `{key}` missing or not a string in {v}").into())
}

fn terms_of(v: &Value) -> Result<Result<Terms, ar_core::Error>, Box<dyn StdError>> {
    let t = v.get("terms").ok_or("invoice without terms")?;
    Ok(match t {
        Value::String(s) => notation::parse(s).map_err(ar_core::Error::from),
        other => Ok(serde_json::from_value::<Terms>(other.clone())?),
    })
}

fn run() -> Result<(), Box<dyn StdError>> {
    let path = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sample_ledger.json")
        });
    let ledger: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    let calendar: BusinessCalendar = serde_json::from_value(ledger["calendar"].clone())?;
    let customers: BTreeMap<&str, &str> = ledger["customers"]
        .as_array()
        .ok_or("customers must be a list")?
        .iter()
        .map(|c| Ok((str_field(c, "id")?, str_field(c, "name")?)))
        .collect::<Result<_, Box<dyn StdError>>>()?;

    println!("ar-core collections day — {}", path.display());
    println!("{}", "=".repeat(78));
    println!("\nPayment schedules\n");
    let mut due_by_currency: BTreeMap<String, Decimal> = BTreeMap::new();
    for inv in ledger["invoices"]
        .as_array()
        .ok_or("invoices must be a list")?
    {
        let id = str_field(inv, "id")?;
        let customer = customers
            .get(str_field(inv, "customer")?)
            .copied()
            .unwrap_or("?");
        let date: NaiveDate = str_field(inv, "date")?.parse()?;
        let amount: Decimal = str_field(inv, "amount")?.parse()?;
        let currency = Currency::from_code(str_field(inv, "currency")?)?;
        let mut terms = terms_of(inv)??;
        if let Some(roll) = inv.get("roll") {
            terms.roll = serde_json::from_value::<Roll>(roll.clone())?;
        }
        let options = ScheduleOptions {
            calendar: Some(calendar.clone()),
            cash_increment: inv
                .get("cash_increment")
                .and_then(Value::as_str)
                .map(str::parse)
                .transpose()?,
            allow_negative: false,
        };
        println!(
            "{id}  {customer}  dated {date}  {amount} {currency}  terms: {}",
            notation::print(&terms)
        );
        if let Some(note) = inv.get("note").and_then(Value::as_str) {
            println!("    ({note})");
        }
        let s = schedule(&terms, date, amount, currency, &options)?;
        for (n, i) in s.installments.iter().enumerate() {
            println!(
                "    #{}  due {}  {:>14} {}    {}",
                n + 1,
                i.due_date,
                i.amount,
                s.currency,
                i.reason
            );
            for d in &i.discounts {
                println!(
                    "          pay by {} (inclusive): discount {} -> {} settles it",
                    d.deadline, d.discount, d.amount_due
                );
            }
            let total = due_by_currency
                .entry(s.currency.code().to_string())
                .or_default();
            *total = total.checked_add(i.amount).ok_or("overflow")?;
        }
    }

    println!("\nScheduled receivables by currency\n");
    for (code, total) in &due_by_currency {
        println!("    {code}  {total:>16}");
    }

    println!("\nInputs the engine refuses (typed errors, never a crash)\n");
    for bad in ledger["rejected_inputs"].as_array().into_iter().flatten() {
        let what = str_field(bad, "what")?;
        let outcome = (|| -> Result<(), ar_core::Error> {
            let terms = notation::parse(str_field(bad, "terms").unwrap_or_default())?;
            let currency = Currency::from_code(str_field(bad, "currency").unwrap_or_default())?;
            let amount: Decimal = str_field(bad, "amount")
                .unwrap_or_default()
                .parse()
                .unwrap_or_default();
            let date: NaiveDate = str_field(bad, "date")
                .unwrap_or_default()
                .parse()
                .unwrap_or_default();
            schedule(&terms, date, amount, currency, &ScheduleOptions::default())?;
            Ok(())
        })();
        match outcome {
            Ok(()) => println!("    {what}: accepted (unexpected)"),
            Err(e) => println!("    {what}: [{}] {e}", e.kind()),
        }
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
