//! Runs the shared installment-plan fixtures in `fixtures/plans/*.json` (format:
//! `fixtures/plans/README.md`).
//!
//! Each case is one call: a function name and its JSON arguments, and either the expected
//! result (matched by subset) or the expected error kind. Arguments written as
//! `{"$call": name, "args": {...}}` are replaced by the result of that call first. Every
//! failing case is reported at once, each mismatch with the path of the key, the expected and
//! the actual value. Other languages run the same files through their bindings.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use ar_core::installments::{
    amortized_plan, installment_plan, plan_status, reschedule, AmortizedTerms, DefaultPolicy, Plan,
    PlanPayment, PlanTerms, RescheduleRequest,
};
use ar_core::ledger::{Account, AccountConfig, Event};
use ar_core::money::Currency;
use ar_core::Decimal;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
mod fixture_match;
use fixture_match::{match_value, show};
use serde_json::{Map, Value};

/// Fewer cases than this means the folder was not found or was emptied by mistake.
const MIN_CASES: usize = 15;

const CASE_KEYS: &[&str] = &["name", "source", "call", "args", "expect", "error"];

/// Each function's parameters, in order.
const FUNCTIONS: &[(&str, &[&str])] = &[
    ("installment_plan", &["amount", "currency", "terms"]),
    ("amortized_plan", &["principal", "currency", "terms"]),
    ("plan_status", &["plan", "payments", "as_of", "policy"]),
    ("reschedule", &["account", "as_of", "request"]),
    ("replay", &["config", "events", "as_of"]),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/plans")
}

type Problems = Vec<String>;

/// The outcome of a call: the result as JSON, or the error's kind and message.
type Outcome = Result<Value, (String, String)>;

fn arg<T: DeserializeOwned>(args: &Map<String, Value>, key: &str, what: &str) -> Result<T, String> {
    let v = args
        .get(key)
        .ok_or_else(|| format!("{what}: missing argument `{key}`"))?;
    serde_json::from_value(v.clone()).map_err(|e| format!("{what}: cannot read `{key}`: {e}"))
}

fn to_value<T: Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or_else(|e| Value::String(format!("<not serializable: {e}>")))
}

fn err<E: std::fmt::Display>(kind: &str, e: E) -> (String, String) {
    (kind.to_string(), e.to_string())
}

/// Replaces every `{"$call": ..., "args": ...}` inside `v` by the call's result.
fn resolve(v: &Value, what: &str) -> Result<Value, String> {
    match v {
        Value::Object(obj) if obj.contains_key("$call") => {
            let name = obj
                .get("$call")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{what}: `$call` must be a function name"))?;
            if obj.keys().any(|k| k != "$call" && k != "args") {
                return Err(format!("{what}: a nested call has only `$call` and `args`"));
            }
            let args = obj.get("args").cloned().unwrap_or(Value::Null);
            match call(name, &args, &format!("{what} ($call {name})"))? {
                Ok(v) => Ok(v),
                Err((kind, msg)) => Err(format!(
                    "{what}: nested call `{name}` failed with `{kind}`: {msg}"
                )),
            }
        }
        Value::Object(obj) => {
            let mut out = Map::new();
            for (k, x) in obj {
                out.insert(k.clone(), resolve(x, &format!("{what}.{k}"))?);
            }
            Ok(Value::Object(out))
        }
        Value::Array(xs) => xs
            .iter()
            .enumerate()
            .map(|(i, x)| resolve(x, &format!("{what}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        other => Ok(other.clone()),
    }
}

/// Calls `name` with `args` (after resolving nested calls). `Err` is a problem with the case
/// itself; `Ok(Err(..))` is the function's own error.
fn call(name: &str, args: &Value, what: &str) -> Result<Outcome, String> {
    let args = resolve(args, what)?;
    let args = args
        .as_object()
        .ok_or_else(|| format!("{what}: `args` must be an object"))?;
    let params = FUNCTIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| *p)
        .ok_or_else(|| format!("{what}: unknown function `{name}`"))?;
    if let Some(k) = args.keys().find(|k| !params.contains(&k.as_str())) {
        return Err(format!(
            "{what}: `{name}` takes no argument `{k}` (it takes {})",
            params.join(", ")
        ));
    }
    Ok(match name {
        "installment_plan" => {
            let amount: Decimal = arg(args, "amount", what)?;
            let currency: Currency = arg(args, "currency", what)?;
            let terms: PlanTerms = arg(args, "terms", what)?;
            installment_plan(amount, currency, &terms)
                .map(|p| to_value(&p))
                .map_err(|e| err(e.kind(), e))
        }
        "amortized_plan" => {
            let principal: Decimal = arg(args, "principal", what)?;
            let currency: Currency = arg(args, "currency", what)?;
            let terms: AmortizedTerms = arg(args, "terms", what)?;
            amortized_plan(principal, currency, &terms)
                .map(|p| to_value(&p))
                .map_err(|e| err(e.kind(), e))
        }
        "plan_status" => {
            let plan: Plan = arg(args, "plan", what)?;
            let payments: Vec<PlanPayment> = arg(args, "payments", what)?;
            let as_of: NaiveDate = arg(args, "as_of", what)?;
            let policy: DefaultPolicy = arg(args, "policy", what)?;
            plan_status(&plan, &payments, as_of, &policy)
                .map(|s| to_value(&s))
                .map_err(|e| err(e.kind(), e))
        }
        "reschedule" => {
            let account: Account = arg(args, "account", what)?;
            let as_of: NaiveDate = arg(args, "as_of", what)?;
            let request: RescheduleRequest = arg(args, "request", what)?;
            reschedule(&account, as_of, &request)
                .map(|r| to_value(&r))
                .map_err(|e| err(e.kind(), e))
        }
        _ => {
            let config: AccountConfig = arg(args, "config", what)?;
            let events: Vec<Event> = arg(args, "events", what)?;
            let as_of: NaiveDate = arg(args, "as_of", what)?;
            Account::replay(config, &events, as_of)
                .map(|a| to_value(&a))
                .map_err(|e| err(e.kind(), e))
        }
    })
}

fn run_case(path: &Path) -> Result<(), Problems> {
    let one = |m: String| vec![m];
    let text = fs::read_to_string(path).map_err(|e| one(format!("cannot read: {e}")))?;
    let case: Value = serde_json::from_str(&text).map_err(|e| one(format!("invalid JSON: {e}")))?;
    let obj = case
        .as_object()
        .ok_or_else(|| one("a case must be a JSON object".into()))?;
    if let Some(k) = obj.keys().find(|k| !CASE_KEYS.contains(&k.as_str())) {
        return Err(one(format!(
            "unknown key `{k}` (allowed: {})",
            CASE_KEYS.join(", ")
        )));
    }
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let name = obj.get("name").and_then(Value::as_str).unwrap_or("");
    if name != stem {
        return Err(one(format!(
            "`name` is `{name}`, not the file stem `{stem}`"
        )));
    }
    match obj.get("source").and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => {}
        _ => {
            return Err(one(
                "`source` must say where the expectation comes from".into()
            ))
        }
    }
    let function = obj
        .get("call")
        .and_then(Value::as_str)
        .ok_or_else(|| one("missing `function`".into()))?;
    let args = obj
        .get("args")
        .ok_or_else(|| one("missing `args`".into()))?;
    let outcome = call(function, args, "args").map_err(one)?;
    let mut problems = Problems::new();
    match (obj.get("expect"), obj.get("error"), outcome) {
        (Some(want), None, Ok(got)) => match_value("result", want, Some(&got), &mut problems),
        (Some(_), None, Err((kind, msg))) => {
            problems.push(format!("expected a result, got error `{kind}`: {msg}"))
        }
        (None, Some(want), Ok(got)) => problems.push(format!(
            "expected error {}, got the result {}",
            show(Some(want)),
            show(Some(&got))
        )),
        (None, Some(want), Err((kind, msg))) => match want.get("kind").and_then(Value::as_str) {
            Some(k) if k == kind => {}
            Some(k) => problems.push(format!("error.kind: expected `{k}`, got `{kind}`: {msg}")),
            None => problems.push("`error` must be {\"kind\": \"...\"}".into()),
        },
        _ => problems.push("give exactly one of `expect` and `error`".into()),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[test]
fn plan_fixtures() {
    let dir = fixtures_dir();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();

    let mut failures = Vec::new();
    let mut functions = BTreeSet::new();
    for path in &paths {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        if let Some(f) = fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .and_then(|v| v.get("call").and_then(Value::as_str).map(String::from))
        {
            functions.insert(f);
        }
        // a panic in one case must not hide the others
        let outcome = std::panic::catch_unwind(|| run_case(path))
            .unwrap_or_else(|_| Err(vec!["panicked".to_string()]));
        if let Err(problems) = outcome {
            failures.push(format!("{name}:\n    {}", problems.join("\n    ")));
        }
    }
    println!(
        "{} plan fixture cases loaded from {}",
        paths.len(),
        dir.display()
    );
    assert!(
        paths.len() >= MIN_CASES,
        "expected at least {MIN_CASES} cases in {}, found {}",
        dir.display(),
        paths.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} plan fixture cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
    for f in [
        "installment_plan",
        "amortized_plan",
        "plan_status",
        "reschedule",
    ] {
        assert!(functions.contains(f), "no case calls `{f}`");
    }
}

#[test]
fn subset_matching() {
    let got: Value = serde_json::json!({
        "amount": "333.34", "rows": [{"a": "1.00", "b": "2.00"}], "payment": null
    });
    let mut out = Problems::new();
    match_value(
        "x",
        &serde_json::json!({"amount": "333.34", "rows": [{"a": "1.00"}], "payment": null,
                            "missing": null, "absent_list": []}),
        Some(&got),
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
    match_value(
        "x",
        &serde_json::json!({"amount": "333.340", "rows": [{"a": "1.00"}, {}]}),
        Some(&got),
        &mut out,
    );
    out.sort();
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0], r#"x.amount: expected "333.340", got "333.34""#);
    assert!(out[1].starts_with("x.rows: expected 2 elements, got 1: "));
}

#[test]
fn nested_calls_resolve() {
    let args = serde_json::json!({
        "plan": {"$call": "installment_plan", "args": {"amount": "10.00", "currency": "EUR",
            "terms": {"due": {"type": "custom", "dates": ["2024-01-31"]}}}},
        "payments": [], "as_of": "2024-01-31", "policy": {}
    });
    let got = call("plan_status", &args, "args").unwrap().unwrap();
    assert_eq!(got["state"], "current");
    let bad = serde_json::json!({"amount": "10.00"});
    assert!(call("installment_plan", &bad, "args")
        .unwrap_err()
        .contains("missing argument `currency`"));
}
