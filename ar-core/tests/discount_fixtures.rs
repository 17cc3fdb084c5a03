//! Runs the shared discount fixtures in `fixtures/discounts/*.json` (format:
//! `fixtures/discounts/README.md`).
//!
//! Each case names a function (`call`) and its arguments (`args`, the JSON shape of the Rust
//! arguments) and expects either a result (`expect`, matched as a subset of the result's JSON)
//! or an error kind (`error.kind`). Every failing case is reported at once, each mismatch with
//! the path of the key, the expected and the actual value. Other languages run the same files
//! through their bindings.

use std::fs;
use std::path::{Path, PathBuf};

use ar_core::discounts::{
    annualized_cost, available_discount, dynamic_discount, early_payment_amounts, earned_discount,
    pro_rata_discount, DiscountBase, DiscountRounding, TaxedAmount, YearBasis,
};
use ar_core::documents::{issue_invoice, InvoiceDraft};
use ar_core::money::{Currency, RoundingMode};
use ar_core::terms::{DiscountOffer, ScheduleOptions};
use ar_core::Decimal;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// Fewer cases than this means the folder was not found or was emptied by mistake.
const MIN_CASES: usize = 15;

const CASE_KEYS: &[&str] = &["name", "source", "call", "args", "expect", "error"];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/discounts")
}

// ----- arguments of each call (the JSON shape of the Rust arguments) -----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EarlyPaymentArgs {
    amount: TaxedAmount,
    currency: Currency,
    percent: Decimal,
    discount_base: DiscountBase,
    #[serde(default)]
    rounding: RoundingMode,
    #[serde(default)]
    discount_rounding: DiscountRounding,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EarnedArgs {
    amount: Decimal,
    offers: Vec<DiscountOffer>,
    date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProRataArgs {
    open: Decimal,
    discount: Decimal,
    payment: Decimal,
    currency: Currency,
    #[serde(default)]
    rounding: RoundingMode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AvailableArgs {
    amount: Decimal,
    offer: Decimal,
    open: Decimal,
    currency: Currency,
    #[serde(default)]
    rounding: RoundingMode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CostArgs {
    percent: Decimal,
    discount_days: u32,
    net_days: u32,
    year: YearBasis,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DynamicArgs {
    amount: Decimal,
    currency: Currency,
    annual_percent: Decimal,
    payment_date: NaiveDate,
    due_date: NaiveDate,
    year: YearBasis,
    #[serde(default)]
    rounding: RoundingMode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IssueInvoiceArgs {
    draft: InvoiceDraft,
    #[serde(default)]
    options: ScheduleOptions,
}

/// What a call gave: its result as JSON, or the error's kind.
type Outcome = Result<Value, String>;

fn args<T: DeserializeOwned>(v: &Value) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("invalid args: {e}"))
}

fn to_json<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Runs `call` with `a`; `Err` in the outer result is a broken case, not an expected error.
fn run(call: &str, a: &Value) -> Result<Outcome, String> {
    let kind = |k: &str| k.to_string();
    Ok(match call {
        "early_payment_amounts" => {
            let x: EarlyPaymentArgs = args(a)?;
            early_payment_amounts(
                &x.amount,
                x.currency,
                x.percent,
                x.discount_base,
                x.rounding,
                x.discount_rounding,
            )
            .map(|r| to_json(&r))
            .map_err(|e| kind(e.kind()))
        }
        "earned_discount" => {
            let x: EarnedArgs = args(a)?;
            earned_discount(x.amount, &x.offers, x.date)
                .map(|r| to_json(&r))
                .map_err(|e| kind(e.kind()))
        }
        "pro_rata_discount" => {
            let x: ProRataArgs = args(a)?;
            pro_rata_discount(x.open, x.discount, x.payment, x.currency, x.rounding)
                .map(|r| to_json(&r))
                .map_err(|e| kind(e.kind()))
        }
        "available_discount" => {
            let x: AvailableArgs = args(a)?;
            available_discount(x.amount, x.offer, x.open, x.currency, x.rounding)
                .map(|r| to_json(&r))
                .map_err(|e| kind(e.kind()))
        }
        "annualized_cost" => {
            let x: CostArgs = args(a)?;
            annualized_cost(x.percent, x.discount_days, x.net_days, x.year)
                .map(|r| to_json(&r))
                .map_err(|e| kind(e.kind()))
        }
        "dynamic_discount" => {
            let x: DynamicArgs = args(a)?;
            dynamic_discount(
                x.amount,
                x.currency,
                x.annual_percent,
                x.payment_date,
                x.due_date,
                x.year,
                x.rounding,
            )
            .map(|r| to_json(&r))
            .map_err(|e| kind(e.kind()))
        }
        "issue_invoice" => {
            let x: IssueInvoiceArgs = args(a)?;
            issue_invoice(&x.draft, &x.options)
                .map(|(document, totals)| json!({"document": document, "totals": totals}))
                .map_err(|e| kind(e.kind()))
        }
        other => return Err(format!("unknown call `{other}`")),
    })
}

// ----- subset matching -----

fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "nothing".to_string(), |v| v.to_string())
}

/// Every key of `want` must be in `got` with a matching value (objects recursively, lists
/// element by element with the same length, scalars exactly; `null` matches an absent key).
fn match_value(path: &str, want: &Value, got: Option<&Value>, out: &mut Vec<String>) {
    let got_or_null = got.unwrap_or(&Value::Null);
    match want {
        Value::Null => {
            if !got_or_null.is_null() {
                out.push(format!("{path}: expected null, got {}", show(got)));
            }
        }
        Value::Object(w) => match got_or_null {
            Value::Object(g) => {
                for (k, wv) in w {
                    match_value(&format!("{path}.{k}"), wv, g.get(k), out);
                }
            }
            _ => out.push(format!(
                "{path}: expected an object {want}, got {}",
                show(got)
            )),
        },
        Value::Array(w) => match got_or_null {
            Value::Array(g) => {
                if w.len() != g.len() {
                    out.push(format!(
                        "{path}: expected {} elements, got {}: {}",
                        w.len(),
                        g.len(),
                        show(got)
                    ));
                }
                for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                    match_value(&format!("{path}[{i}]"), wv, Some(gv), out);
                }
            }
            // an expected `[]` matches a missing list (empty lists are omitted from the JSON)
            Value::Null if w.is_empty() => {}
            _ => out.push(format!("{path}: expected a list {want}, got {}", show(got))),
        },
        scalar => {
            if got != Some(scalar) {
                out.push(format!("{path}: expected {scalar}, got {}", show(got)));
            }
        }
    }
}

// ----- one case -----

fn check_case(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return vec![format!("cannot read: {e}")],
    };
    let case: Map<String, Value> = match serde_json::from_str(&text) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return vec!["a case must be a JSON object".into()],
        Err(e) => return vec![format!("invalid JSON: {e}")],
    };
    if let Some(k) = case.keys().find(|k| !CASE_KEYS.contains(&k.as_str())) {
        out.push(format!(
            "unknown key `{k}` (allowed: {})",
            CASE_KEYS.join(", ")
        ));
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if case.get("name").and_then(Value::as_str) != Some(stem) {
        out.push(format!("`name` must be the file stem `{stem}`"));
    }
    if case
        .get("source")
        .and_then(Value::as_str)
        .is_none_or_empty()
    {
        out.push("`source` must say where the expected numbers come from".into());
    }
    let Some(call) = case.get("call").and_then(Value::as_str) else {
        out.push("missing `call`".into());
        return out;
    };
    let Some(a) = case.get("args") else {
        out.push("missing `args`".into());
        return out;
    };
    let outcome = match run(call, a) {
        Ok(o) => o,
        Err(e) => {
            out.push(e);
            return out;
        }
    };
    match (case.get("expect"), case.get("error"), outcome) {
        (Some(want), None, Ok(got)) => match_value("result", want, Some(&got), &mut out),
        (Some(_), None, Err(kind)) => {
            out.push(format!("expected a result, got error kind `{kind}`"));
        }
        (None, Some(err), outcome) => {
            let want = err.get("kind").and_then(Value::as_str).unwrap_or("");
            match outcome {
                Err(kind) if kind == want => {}
                Err(kind) => out.push(format!("expected error kind `{want}`, got `{kind}`")),
                Ok(got) => out.push(format!("expected error kind `{want}`, got result {got}")),
            }
        }
        _ => out.push("a case needs exactly one of `expect` and `error`".into()),
    }
    out
}

trait NoneOrEmpty {
    fn is_none_or_empty(&self) -> bool;
}

impl NoneOrEmpty for Option<&str> {
    fn is_none_or_empty(&self) -> bool {
        self.map_or(true, |s| s.trim().is_empty())
    }
}

#[test]
fn discount_fixtures() {
    let mut paths: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("fixtures/discounts exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= MIN_CASES,
        "only {} discount fixtures found in {}",
        paths.len(),
        fixtures_dir().display()
    );
    let mut report = Vec::new();
    for p in &paths {
        let problems = check_case(p);
        if !problems.is_empty() {
            let name = p.file_name().and_then(|s| s.to_str()).unwrap_or("?");
            report.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        report.is_empty(),
        "{} of {} discount fixtures failed:\n{}",
        report.len(),
        paths.len(),
        report.join("\n")
    );
}

#[test]
fn subset_matching_reports_paths() {
    let got = json!({"discount": "8.16", "items": [{"a": "1"}], "tier": null});
    let mut out = Vec::new();
    match_value(
        "r",
        &json!({"discount": "8.16", "items": [{"a": "1"}], "deadline": null}),
        Some(&got),
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
    match_value(
        "r",
        &json!({"discount": "8.2", "items": [{}, {}]}),
        Some(&got),
        &mut out,
    );
    out.sort();
    assert_eq!(
        out,
        [
            r#"r.discount: expected "8.2", got "8.16""#,
            r#"r.items: expected 2 elements, got 1: [{"a":"1"}]"#
        ]
    );
}
