//! A collections day over the bundled sample ledger.
//!
//! Reads `examples/data/sample_ledger.json` (or the path given as the first argument), and
//! prints what the engine decides:
//! 1. every invoice's payment schedule under the terms the customer negotiated (due dates,
//!    installments, early-payment discounts, and the reason for each due date);
//! 2. each customer's account, kept in its invoice currency and reported in EUR: documents
//!    issued, payments applied (with the reason for every allocation, discounts taken, realized
//!    FX, unapplied cash), a payment in another currency converted at the bank's rate, and
//!    bounced payments reversed; then the balance booked and revalued in EUR;
//! 3. each customer's statement for the period, with aging and what falls due soon;
//! 4. late charges for the EUR accounts under the EU Late Payment Directive (statutory interest
//!    on the host's reference rates, EUR 40 compensation per invoice), charged once: a second
//!    run proposes nothing; what a 2/10 net 30 discount costs a customer who skips it; an
//!    overdue balance offered as three monthly installments;
//! 5. the inputs the engine refuses, with their error kinds.
//!
//! The example does the I/O (reading the file, printing); the core stays pure.
//!
//! Run: `cargo run -p ar-examples --bin collections-day`

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::path::PathBuf;

use ar_core::application::RemittanceLine;
use ar_core::calendar::{BusinessCalendar, Roll};
use ar_core::discounts::{annualized_cost, YearBasis};
use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
use ar_core::fees::{assess_fees, FeePolicy};
use ar_core::fx::{DatedRate, RateQuote};
use ar_core::installments::{installment_plan, DueDates, Frequency, PlanTerms};
use ar_core::interest::{accrue_account, InterestPolicy, InterestRateTable, RateSource};
use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
use ar_core::money::Currency;
use ar_core::notation;
use ar_core::statement::{statement, StatementOptions};
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
    // per customer: its currency and its events (documents, payments, reversals)
    let mut accounts: BTreeMap<String, (Currency, Vec<Event>)> = BTreeMap::new();
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
        let customer_id = str_field(inv, "customer")?;
        let kind = if amount < Decimal::ZERO {
            DocumentKind::CreditNote
        } else {
            DocumentKind::Invoice
        };
        let mut draft = SimpleDraft::new(kind, id, customer_id, date, currency, amount.abs());
        draft.terms = Some(terms.clone());
        let document = issue_simple(&draft, &options)?;
        let events = &mut accounts
            .entry(customer_id.to_string())
            .or_insert_with(|| (currency, Vec::new()))
            .1;
        events.push(Event::new(
            &format!("issue {id}"),
            date,
            EventBody::DocumentIssued { document },
        ));
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

    for pay in ledger["payments"].as_array().into_iter().flatten() {
        let id = str_field(pay, "id")?;
        let currency = Currency::from_code(str_field(pay, "currency")?)?;
        let mut body = EventBody::payment(id, str_field(pay, "amount")?.parse()?, currency);
        if let (Some(lines), EventBody::PaymentReceived { remittance, .. }) =
            (pay.get("remittance"), &mut body)
        {
            *remittance = serde_json::from_value::<Vec<RemittanceLine>>(lines.clone())?;
        }
        if let (Some(rate), EventBody::PaymentReceived { rate: r, .. }) =
            (pay.get("rate"), &mut body)
        {
            *r = Some(serde_json::from_value(rate.clone())?);
        }
        let date: NaiveDate = str_field(pay, "date")?.parse()?;
        let events = &mut accounts
            .get_mut(str_field(pay, "customer")?)
            .ok_or("payment from a customer without documents")?
            .1;
        events.push(Event::new(&format!("receive {id}"), date, body));
    }
    for rev in ledger["reversals"].as_array().into_iter().flatten() {
        let payment_id = str_field(rev, "payment")?.to_string();
        let date: NaiveDate = str_field(rev, "date")?.parse()?;
        let body = EventBody::PaymentReversed {
            payment_id: payment_id.clone(),
            reason: str_field(rev, "reason")?.to_string(),
        };
        let events = &mut accounts
            .get_mut(str_field(rev, "customer")?)
            .ok_or("reversal for an unknown customer")?
            .1;
        events.push(Event::new(&format!("reverse {payment_id}"), date, body));
    }

    // the host's rate table, fed to every account as dated events
    let reporting = Currency::from_code(str_field(&ledger, "reporting_currency")?)?;
    let rates: Vec<DatedRate> = serde_json::from_value(ledger["rates"].clone())?;
    let mut by_date: BTreeMap<NaiveDate, Vec<RateQuote>> = BTreeMap::new();
    for r in &rates {
        by_date
            .entry(r.date)
            .or_default()
            .push(RateQuote::new(r.from, r.to, r.rate));
    }
    for (_, events) in accounts.values_mut() {
        for (date, quotes) in &by_date {
            events.push(Event::new(
                &format!("rates {date}"),
                *date,
                EventBody::RatesPublished {
                    rates: quotes.clone(),
                },
            ));
        }
    }
    let config_of = |customer: &str, currency: Currency| AccountConfig {
        reporting_currency: Some(reporting),
        ..AccountConfig::new(customer, currency)
    };

    let as_of: NaiveDate = str_field(&ledger, "as_of")?.parse()?;
    let from: NaiveDate = str_field(&ledger, "statement_from")?.parse()?;
    let notes: BTreeMap<&str, &str> = ledger["payments"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p["note"].as_str()?)))
        .collect();
    println!("\nCash application (events in date order; every allocation says why)\n");
    for (customer_id, (currency, events)) in &mut accounts {
        // the host's history is in business-date order; on one day rates come first, then
        // documents, then cash
        events.sort_by_key(|e| {
            let rank = match e.body {
                EventBody::RatesPublished { .. } => 0,
                EventBody::DocumentIssued { .. } => 1,
                _ => 2,
            };
            (e.date, rank)
        });
        let name = customers.get(customer_id.as_str()).copied().unwrap_or("?");
        println!("{customer_id}  {name}  ({currency}, reported in {reporting})");
        let mut account = Account::new(config_of(customer_id, *currency));
        for event in events.iter() {
            let applied = account.apply(event)?;
            if matches!(
                event.body,
                EventBody::DocumentIssued { .. } | EventBody::RatesPublished { .. }
            ) {
                continue;
            }
            let what = match &event.body {
                EventBody::PaymentReceived {
                    payment_id,
                    amount,
                    currency: paid_in,
                    ..
                } => {
                    let note = notes
                        .get(payment_id.as_str())
                        .map(|n| format!(" — {n}"))
                        .unwrap_or_default();
                    let converted = account
                        .payment(payment_id)
                        .filter(|_| paid_in != currency)
                        .map(|p| format!(" = {} {currency}", p.amount))
                        .unwrap_or_default();
                    format!("payment {payment_id} of {amount} {paid_in}{converted}{note}")
                }
                EventBody::PaymentReversed { payment_id, reason } => {
                    format!("payment {payment_id} reversed: {reason}")
                }
                _ => event.id.clone(),
            };
            println!("  {}  {what}", event.date);
            for a in &applied.allocations {
                let discount = if a.discount_taken.is_zero() {
                    String::new()
                } else {
                    format!(" + discount {}", a.discount_taken)
                };
                let fx = a
                    .realized_fx
                    .filter(|f| !f.is_zero())
                    .map(|f| format!(", realized FX {f:+} {reporting}"))
                    .unwrap_or_default();
                println!(
                    "      {} to {} #{}{discount}  ({}{fx})",
                    a.amount,
                    a.document,
                    a.installment + 1,
                    a.reason
                );
            }
            for r in &applied.restored {
                println!(
                    "      reopened {} on {} #{}",
                    r.amount,
                    r.document,
                    r.installment + 1
                );
            }
            if !applied.unapplied_change.is_zero() {
                println!("      unapplied cash {:+}", applied.unapplied_change);
            }
        }
        let account = Account::replay(config_of(customer_id, *currency), events, as_of)?;
        println!(
            "  as of {as_of}: balance {} {currency}, unapplied cash {}",
            account.balance()?,
            account.unapplied_cash()
        );
        let r = account.reporting_balance(as_of)?;
        println!(
            "  in {}: booked {}, revalued {} at {}{}, unrealized FX {:+}, realized FX {:+}",
            r.currency,
            r.booked,
            r.revalued,
            r.rate.quoted,
            if r.rate.inverse {
                " (inverse quote)"
            } else {
                ""
            },
            r.unrealized_fx,
            r.realized_fx
        );
    }

    println!("\nStatements {from} to {as_of}\n");
    for (customer_id, (currency, events)) in &accounts {
        let name = customers.get(customer_id.as_str()).copied().unwrap_or("?");
        let config = config_of(customer_id, *currency);
        let st = statement(&config, events, from, as_of, &StatementOptions::default())?;
        println!("{customer_id}  {name}  ({currency})");
        println!("  opening balance {:>40}", st.opening_balance);
        for line in &st.lines {
            println!(
                "  {}  {:<48} {:>14} {:>14}",
                line.date, line.description, line.amount, line.balance
            );
        }
        println!("  closing balance {:>40}", st.closing_balance);
        let aging: Vec<String> = st
            .aging
            .iter()
            .map(|b| format!("{} {}", b.label, b.amount))
            .collect();
        println!(
            "  aging: {}; credits {}; disputed {}",
            aging.join(" | "),
            st.credits,
            st.disputed
        );
        for item in &st.due_soon {
            println!(
                "  due soon: {} #{} on {}: {}",
                item.document,
                item.installment + 1,
                item.due_date,
                item.open
            );
        }
        println!();
    }

    println!("Late charges as of {as_of} (EU Late Payment Directive 2011/7/EU)\n");
    // the host supplies the reference rate in force on the first day of each half-year
    let mut reference = InterestRateTable::new();
    for r in ledger["eu_reference_rates"]
        .as_array()
        .into_iter()
        .flatten()
    {
        reference.insert(
            str_field(r, "from")?.parse()?,
            str_field(r, "percent")?.parse()?,
            r.get("note").and_then(Value::as_str).map(String::from),
        );
    }
    let interest = InterestPolicy::new(RateSource::eu_late_payment(reference));
    let compensation = FeePolicy::eu_late_payment_compensation();
    for (customer_id, (currency, events)) in &accounts {
        if currency.code() != "EUR" {
            continue;
        }
        let name = customers.get(customer_id.as_str()).copied().unwrap_or("?");
        let mut account = Account::replay(config_of(customer_id, *currency), events, as_of)?;
        println!("{customer_id}  {name}");
        let accrued = accrue_account(&account, &interest, as_of)?;
        for item in accrued.items.iter().filter(|i| !i.to_charge.is_zero()) {
            println!("    {}", item.reason);
            for p in &item.accrued.periods {
                println!("      {}", p.reason);
            }
        }
        let fees = assess_fees(&account, &compensation, as_of)?;
        let mut charges = accrued.charges.clone();
        charges.extend(fees.charges.iter().map(|f| f.document.clone()));
        for (n, document) in charges.into_iter().enumerate() {
            println!(
                "    charge {} for {}: {} {currency}",
                document.id,
                document
                    .charge_for
                    .as_ref()
                    .map(|c| c.document.as_str())
                    .unwrap_or("?"),
                document.total
            );
            let event = Event::new(
                &format!("charge {as_of} {n}"),
                as_of,
                EventBody::DocumentIssued { document },
            );
            account.apply(&event)?;
        }
        let again = assess_fees(&account, &compensation, as_of)?.charges.len()
            + accrue_account(&account, &interest, as_of)?.charges.len();
        println!(
            "    balance with charges {} {currency}; running both policies again proposes {again} new charges",
            account.balance()?
        );
        let overdue: Decimal = account
            .open_items()
            .iter()
            .filter(|i| i.due_date < as_of && i.open > Decimal::ZERO)
            .try_fold(Decimal::ZERO, |t, i| t.checked_add(i.open))
            .ok_or("overflow")?;
        if overdue > Decimal::ZERO {
            let first = as_of
                .checked_add_months(chrono::Months::new(1))
                .ok_or("date out of range")?;
            let terms = PlanTerms::new(DueDates::periodic(Frequency::Monthly, first, 3));
            let plan = installment_plan(overdue, *currency, &terms)?;
            println!("    offered plan for the overdue {overdue} {currency}:");
            for i in &plan.installments {
                println!("      {}  {:>10}  ({})", i.due_date, i.amount, i.reason);
            }
        }
    }
    let cost = annualized_cost(Decimal::new(2, 0), 10, 30, YearBasis::Days365)?;
    println!(
        "\nSkipping 2/10 net 30 costs the customer {} % a year simple, {} % compounded ({})\n",
        cost.simple_percent, cost.compounded_percent, cost.reason
    );

    println!("Inputs the engine refuses (typed errors, never a crash)\n");
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
