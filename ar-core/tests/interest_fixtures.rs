//! Runs the shared interest and fee fixtures in `fixtures/interest/*.json` (format:
//! `fixtures/interest/README.md`).
//!
//! Each case is one call: a function name and its JSON arguments, and either the expected JSON
//! result (matched by subset) or the stable error kind. Every failing case is reported at once,
//! each mismatch with the path of the key, the expected and the actual value.

use std::fs;
use std::path::{Path, PathBuf};

use ar_core::fees::{assess_fees, FeePolicy};
use ar_core::interest::{
    accrue, accrue_account, waive_unpaid_charges, AccrualInput, DayCount, InterestPolicy,
    RateSource, UnpaidChargesPolicy,
};
use ar_core::ledger::{Account, AccountConfig, Event};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
mod fixture_match;
use fixture_match::{match_value, show};
use serde_json::{Map, Value};

/// Fewer cases than this means the folder was not found or was emptied by mistake.
const MIN_CASES: usize = 50;

const CASE_KEYS: &[&str] = &["name", "source", "call", "args", "expect", "error"];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/interest")
}

type Problems = Vec<String>;

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
    v.as_object()
        .ok_or_else(|| format!("{what} must be a JSON object"))
}

fn only_keys(obj: &Map<String, Value>, allowed: &[&str], what: &str) -> Result<(), String> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "{what}: unknown key `{k}` (allowed: {})",
            allowed.join(", ")
        )),
        None => Ok(()),
    }
}

fn arg<T: DeserializeOwned>(args: &Map<String, Value>, key: &str) -> Result<T, String> {
    let v = args
        .get(key)
        .ok_or_else(|| format!("args: missing `{key}`"))?;
    serde_json::from_value(v.clone()).map_err(|e| format!("args: cannot read `{key}`: {e}"))
}

fn to_value<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or_else(|e| Value::String(format!("<not serializable: {e}>")))
}

/// The error kind and message of a failed call.
type Failure = (String, String);

/// The account the `events` build, as of `as_of` (`Account::replay`).
fn account(args: &Map<String, Value>) -> Result<Result<(Account, NaiveDate), Failure>, String> {
    let config: AccountConfig = arg(args, "config")?;
    let events: Vec<Event> = arg(args, "events")?;
    let as_of: NaiveDate = arg(args, "as_of")?;
    Ok(Account::replay(config, &events, as_of)
        .map(|a| (a, as_of))
        .map_err(|e| (e.kind().to_string(), e.to_string())))
}

type Outcome = Result<Value, Failure>;

fn err<E: std::fmt::Display>(kind: &str, e: E) -> Failure {
    (kind.to_string(), e.to_string())
}

/// Calls the function a case names; `Err(String)` for a case that cannot be read.
fn call(name: &str, args: &Value) -> Result<Outcome, String> {
    let obj = object(args, "`args`")?;
    let out = match name {
        "year_fraction" => {
            only_keys(obj, &["day_count", "start", "end"], "args")?;
            let dc: DayCount = arg(obj, "day_count")?;
            let start: NaiveDate = arg(obj, "start")?;
            let end: NaiveDate = arg(obj, "end")?;
            match (dc.days(start, end), dc.year_fraction(start, end)) {
                (Ok(days), Ok(f)) => {
                    Ok(serde_json::json!({"days": days, "year_fraction": f.to_string()}))
                }
                (Err(e), _) | (_, Err(e)) => Err(err(e.kind(), e)),
            }
        }
        "accrue" => {
            let input: AccrualInput = serde_json::from_value(args.clone())
                .map_err(|e| format!("cannot read `args` as an AccrualInput: {e}"))?;
            accrue(&input)
                .map(|b| to_value(&b))
                .map_err(|e| err(e.kind(), e))
        }
        "rates_for" => {
            only_keys(obj, &["rates", "due_date", "as_of"], "args")?;
            let rates: RateSource = arg(obj, "rates")?;
            rates
                .rates_for(arg(obj, "due_date")?, arg(obj, "as_of")?)
                .map(|t| to_value(&t))
                .map_err(|e| err(e.kind(), e))
        }
        "accrue_account" => {
            only_keys(obj, &["config", "events", "as_of", "policy"], "args")?;
            let policy: InterestPolicy = arg(obj, "policy")?;
            match account(obj)? {
                Ok((a, as_of)) => accrue_account(&a, &policy, as_of)
                    .map(|r| to_value(&r))
                    .map_err(|e| err(e.kind(), e)),
                Err(e) => Err(e),
            }
        }
        "assess_fees" => {
            only_keys(obj, &["config", "events", "as_of", "policy"], "args")?;
            let policy: FeePolicy = arg(obj, "policy")?;
            match account(obj)? {
                Ok((a, as_of)) => assess_fees(&a, &policy, as_of)
                    .map(|r| to_value(&r))
                    .map_err(|e| err(e.kind(), e)),
                Err(e) => Err(e),
            }
        }
        "waive_unpaid_charges" => {
            only_keys(obj, &["config", "events", "as_of", "policy"], "args")?;
            let policy: UnpaidChargesPolicy = arg(obj, "policy")?;
            match account(obj)? {
                Ok((a, as_of)) => waive_unpaid_charges(&a, policy, as_of)
                    .map(|r| to_value(&r))
                    .map_err(|e| err(e.kind(), e)),
                Err(e) => Err(e),
            }
        }
        other => return Err(format!("unknown `call` `{other}`")),
    };
    Ok(out)
}

fn run_case(path: &Path) -> Result<(), Problems> {
    let text = fs::read_to_string(path).map_err(|e| vec![format!("cannot read: {e}")])?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| vec![format!("invalid JSON: {e}")])?;
    let mut out = Problems::new();
    run(path, &value, &mut out).map_err(|e| vec![e])?;
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

fn run(path: &Path, value: &Value, out: &mut Problems) -> Result<(), String> {
    let case = object(value, "a case")?;
    only_keys(case, CASE_KEYS, "case")?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let name = case
        .get("name")
        .and_then(Value::as_str)
        .ok_or("case: missing `name`")?;
    if name != stem {
        return Err(format!("`name` is `{name}` but the file is `{stem}.json`"));
    }
    let source = case.get("source").and_then(Value::as_str).unwrap_or("");
    if source.trim().is_empty() {
        return Err("`source` must say how the expectation was derived".into());
    }
    let function = case
        .get("call")
        .and_then(Value::as_str)
        .ok_or("case: missing `call`")?;
    let args = case.get("args").ok_or("case: missing `args`")?;
    let outcome = call(function, args)?;
    match (case.get("expect"), case.get("error"), outcome) {
        (Some(_), Some(_), _) | (None, None, _) => {
            return Err("give exactly one of `expect` and `error`".into())
        }
        (Some(want), None, Ok(got)) => match_value("result", want, Some(&got), out),
        (Some(_), None, Err((kind, msg))) => {
            out.push(format!("{function}: failed with `{kind}`: {msg}"))
        }
        (None, Some(e), Ok(got)) => out.push(format!(
            "{function}: expected error {}, but it returned {}",
            show(Some(e)),
            show(Some(&got))
        )),
        (None, Some(e), Err((kind, msg))) => {
            let want = object(e, "`error`")?;
            only_keys(want, &["kind"], "`error`")?;
            let want_kind = want
                .get("kind")
                .and_then(Value::as_str)
                .ok_or("`error.kind` must be a string")?;
            if want_kind != kind {
                out.push(format!(
                    "{function}: expected error `{want_kind}`, got `{kind}`: {msg}"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn interest_fixtures() {
    let dir = fixtures_dir();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= MIN_CASES,
        "only {} interest fixtures in {} (expected at least {MIN_CASES})",
        paths.len(),
        dir.display()
    );
    let mut failures = Vec::new();
    for p in &paths {
        if let Err(problems) = run_case(p) {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("?");
            failures.push(format!("{name}:\n  {}", problems.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} interest fixtures failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
