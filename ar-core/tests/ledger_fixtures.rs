//! Runs the shared ledger fixtures in `fixtures/ledger/*.json` (format: `fixtures/README.md`,
//! section "`ledger/*.json`: one account history per file").
//!
//! Each case replays its events into one account through the public API only, checks the
//! per-event expectations (`expect_applied`, `expect_error`) and then the account as of
//! `as_of` against `expect` by subset matching. Every failing case is reported at once, each
//! mismatch with the path of the key, the expected and the actual value. The same files are
//! loaded by the Python, Node and Kotlin test suites.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use ar_core::documents::{issue_invoice, issue_simple, InvoiceDraft, SimpleDraft};
use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
use ar_core::statement::{statement, StatementOptions};
use ar_core::terms::ScheduleOptions;
use chrono::NaiveDate;
use serde::Serialize;
mod fixture_match;
use fixture_match::{match_value, show};
use serde_json::{Map, Value};

/// Fewer cases than this means the folder was not found or was emptied by mistake.
const MIN_CASES: usize = 34;

const CASE_KEYS: &[&str] = &[
    "name", "kind", "source", "config", "events", "as_of", "expect",
];
const EVENT_KEYS: &[&str] = &[
    "id",
    "date",
    "body",
    "issue_simple",
    "issue_invoice",
    "expect_applied",
    "expect_error",
];
const EXPECT_KEYS: &[&str] = &[
    "open_items",
    "balance",
    "unapplied_cash",
    "disputed_total",
    "payments",
    "documents",
    "history",
    "reporting_balance",
    "realized_fx",
    "statement",
];
const STATEMENT_KEYS: &[&str] = &["from", "to", "options", "expect"];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/ledger")
}

/// Everything wrong with one case, in the order found.
type Problems = Vec<String>;

fn field<'a>(obj: &'a Map<String, Value>, key: &str, what: &str) -> Result<&'a Value, String> {
    obj.get(key)
        .ok_or_else(|| format!("{what}: missing field `{key}`"))
}

fn str_field<'a>(obj: &'a Map<String, Value>, key: &str, what: &str) -> Result<&'a str, String> {
    field(obj, key, what)?
        .as_str()
        .ok_or_else(|| format!("{what}: field `{key}` must be a string"))
}

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

fn date(s: &str, what: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("{what}: bad date `{s}`: {e}"))
}

fn from_value<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("cannot read {what}: {e}"))
}

fn to_value<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or_else(|e| Value::String(format!("<not serializable: {e}>")))
}

/// One element of `events`, read and (for drafts) issued.
struct CaseEvent {
    id: String,
    date: NaiveDate,
    /// The event, or the error kind and message of issuing its draft.
    event: Result<Event, (String, String)>,
    expect_applied: Option<Value>,
    expect_error: Option<String>,
}

fn read_event(n: usize, v: &Value) -> Result<CaseEvent, String> {
    let what = format!("events[{n}]");
    let obj = object(v, &what)?;
    only_keys(obj, EVENT_KEYS, &what)?;
    let id = str_field(obj, "id", &what)?.to_string();
    let what = format!("event `{id}`");
    let day = date(str_field(obj, "date", &what)?, &what)?;
    let given: Vec<&str> = ["body", "issue_simple", "issue_invoice"]
        .into_iter()
        .filter(|k| obj.contains_key(*k))
        .collect();
    if given.len() != 1 {
        return Err(format!(
            "{what}: give exactly one of `body`, `issue_simple`, `issue_invoice` (got {given:?})"
        ));
    }
    let options = ScheduleOptions::default();
    let body: Result<EventBody, (String, String)> = match given[0] {
        "body" => Ok(from_value(&obj["body"], &format!("{what} `body`"))?),
        "issue_simple" => {
            let draft: SimpleDraft = from_value(&obj["issue_simple"], &format!("{what} draft"))?;
            issue_simple(&draft, &options)
                .map(|document| EventBody::DocumentIssued { document })
                .map_err(|e| (e.kind().to_string(), e.to_string()))
        }
        _ => {
            let draft: InvoiceDraft = from_value(&obj["issue_invoice"], &format!("{what} draft"))?;
            issue_invoice(&draft, &options)
                .map(|(document, _)| EventBody::DocumentIssued { document })
                .map_err(|e| (e.kind().to_string(), e.to_string()))
        }
    };
    let expect_error = match obj.get("expect_error") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(format!(
                "{what}: `expect_error` must be a string (an error kind)"
            ))
        }
    };
    let expect_applied = obj.get("expect_applied").cloned();
    if expect_error.is_some() && expect_applied.is_some() {
        return Err(format!(
            "{what}: give at most one of `expect_applied` and `expect_error`"
        ));
    }
    Ok(CaseEvent {
        event: body.map(|body| Event {
            id: id.clone(),
            date: day,
            body,
        }),
        id,
        date: day,
        expect_applied,
        expect_error,
    })
}

fn account_json(account: &Account) -> String {
    serde_json::to_string(account).unwrap_or_else(|e| format!("<not serializable: {e}>"))
}

/// Applies one event (as of `as_of`) and checks its own expectations.
fn step(account: &mut Account, ev: &CaseEvent, out: &mut Problems) {
    let before = account_json(account);
    let result = match &ev.event {
        Ok(event) => account
            .apply(event)
            .map_err(|e| (e.kind().to_string(), e.to_string())),
        Err(issue_error) => Err(issue_error.clone()),
    };
    let what = format!("event `{}`", ev.id);
    match (result, &ev.expect_error) {
        (Ok(applied), None) => {
            if let Some(want) = &ev.expect_applied {
                match_value(
                    &format!("{what} expect_applied"),
                    want,
                    Some(&to_value(&applied)),
                    out,
                );
            }
        }
        (Ok(applied), Some(kind)) => out.push(format!(
            "{what}: expected error `{kind}`, but it was accepted: {}",
            show(Some(&to_value(&applied)))
        )),
        (Err((kind, message)), None) => {
            out.push(format!("{what}: rejected with `{kind}`: {message}"));
        }
        (Err((kind, message)), Some(want)) => {
            if &kind != want {
                out.push(format!(
                    "{what}: expected error `{want}`, got `{kind}`: {message}"
                ));
            }
            let after = account_json(account);
            if after != before {
                let at = before
                    .bytes()
                    .zip(after.bytes())
                    .position(|(a, b)| a != b)
                    .unwrap_or(before.len().min(after.len()));
                out.push(format!(
                    "{what}: rejected, but the account JSON changed (first difference at byte {at})"
                ));
            }
        }
    }
}

fn decimal_check(path: &str, want: &Value, got: String, out: &mut Problems) {
    match_value(path, want, Some(&Value::String(got)), out);
}

/// `{id: value}` expectations against a lookup by id (`None` compares as null).
fn by_id(
    key: &str,
    want: &Value,
    lookup: impl Fn(&str) -> Option<Value>,
    out: &mut Problems,
) -> Result<(), String> {
    for (id, w) in object(want, &format!("`expect.{key}`"))? {
        let got = lookup(id);
        match_value(&format!("{key}.{id}"), w, got.as_ref(), out);
    }
    Ok(())
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

/// Runs a case; `Err` for a case that cannot be read, mismatches go to `out`.
fn run(path: &Path, value: &Value, out: &mut Problems) -> Result<(), String> {
    let case = object(value, "a case")?;
    only_keys(case, CASE_KEYS, "case")?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let name = str_field(case, "name", "case")?;
    if name != stem {
        return Err(format!("`name` is `{name}` but the file is `{stem}.json`"));
    }
    if str_field(case, "kind", "case")? != "ledger" {
        return Err("`kind` must be `ledger`".into());
    }
    if str_field(case, "source", "case")?.trim().is_empty() {
        return Err("`source` must say how the expectation was derived".into());
    }
    let config: AccountConfig = from_value(field(case, "config", "case")?, "`config`")?;
    let as_of = date(str_field(case, "as_of", "case")?, "`as_of`")?;
    let events: Vec<CaseEvent> = field(case, "events", "case")?
        .as_array()
        .ok_or("`events` must be a list")?
        .iter()
        .enumerate()
        .map(|(n, v)| read_event(n, v))
        .collect::<Result<_, _>>()?;
    let expect = object(field(case, "expect", "case")?, "`expect`")?;
    only_keys(expect, EXPECT_KEYS, "`expect`")?;

    // Account::replay semantics: events dated after as_of are skipped, checks included.
    let mut account = Account::new(config.clone());
    for ev in events.iter().filter(|e| e.date <= as_of) {
        step(&mut account, ev, out);
    }

    if let Some(w) = expect.get("open_items") {
        match_value("open_items", w, Some(&to_value(&account.open_items())), out);
    }
    if let Some(w) = expect.get("balance") {
        match account.balance() {
            Ok(b) => decimal_check("balance", w, b.to_string(), out),
            Err(e) => out.push(format!("balance: error `{}`: {e}", e.kind())),
        }
    }
    if let Some(w) = expect.get("unapplied_cash") {
        decimal_check(
            "unapplied_cash",
            w,
            account.unapplied_cash().to_string(),
            out,
        );
    }
    if let Some(w) = expect.get("disputed_total") {
        match account.disputed_total() {
            Ok(t) => decimal_check("disputed_total", w, t.to_string(), out),
            Err(e) => out.push(format!("disputed_total: error `{}`: {e}", e.kind())),
        }
    }
    if let Some(w) = expect.get("payments") {
        by_id("payments", w, |id| account.payment(id).map(to_value), out)?;
    }
    if let Some(w) = expect.get("documents") {
        by_id("documents", w, |id| account.document(id).map(to_value), out)?;
    }
    if let Some(w) = expect.get("history") {
        by_id("history", w, |id| account.history(id).map(to_value), out)?;
    }
    if let Some(w) = expect.get("reporting_balance") {
        match account.reporting_balance(as_of) {
            Ok(r) => match_value("reporting_balance", w, Some(&to_value(&r)), out),
            Err(e) => out.push(format!("reporting_balance: error `{}`: {e}", e.kind())),
        }
    }
    if let Some(w) = expect.get("realized_fx") {
        match account.realized_fx() {
            Ok(r) => decimal_check("realized_fx", w, r.to_string(), out),
            Err(e) => out.push(format!("realized_fx: error `{}`: {e}", e.kind())),
        }
    }
    if let Some(s) = expect.get("statement") {
        let s = object(s, "`expect.statement`")?;
        only_keys(s, STATEMENT_KEYS, "`expect.statement`")?;
        let from = date(
            str_field(s, "from", "`expect.statement`")?,
            "statement `from`",
        )?;
        let to = date(str_field(s, "to", "`expect.statement`")?, "statement `to`")?;
        let options: StatementOptions = match s.get("options") {
            Some(o) => from_value(o, "statement `options`")?,
            None => StatementOptions::default(),
        };
        let want = field(s, "expect", "`expect.statement`")?;
        // the same events, drafts issued the same way, events expecting an error left out
        let history: Vec<Event> = events
            .iter()
            .filter(|e| e.expect_error.is_none())
            .filter_map(|e| e.event.as_ref().ok().cloned())
            .collect();
        match statement(&config, &history, from, to, &options) {
            Ok(st) => match_value("statement", want, Some(&to_value(&st)), out),
            Err(e) => out.push(format!("statement: error `{}`: {e}", e.kind())),
        }
    }
    Ok(())
}

#[test]
fn ledger_fixtures() {
    let dir = fixtures_dir();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    paths.sort();

    let mut failures = Vec::new();
    let mut names = BTreeSet::new();
    for path in &paths {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        names.insert(name.clone());
        // a panic in one case must not hide the others
        let outcome = std::panic::catch_unwind(|| run_case(path))
            .unwrap_or_else(|_| Err(vec!["panicked".to_string()]));
        if let Err(problems) = outcome {
            failures.push(format!("{name}:\n    {}", problems.join("\n    ")));
        }
    }

    println!(
        "{} ledger fixture cases loaded from {}",
        paths.len(),
        dir.display()
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        paths.len() >= MIN_CASES,
        "expected at least {MIN_CASES} ledger fixture cases, found {}",
        paths.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} ledger fixture cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

/// The matcher itself: subset semantics, exact decimal strings, paths in the report.
#[test]
fn subset_matching() {
    let got: Value = serde_json::json!({
        "open": "200.00", "items": [{"open": "1.00", "deducted": "0.00"}], "reversed": null
    });
    let mut out = Problems::new();
    match_value(
        "x",
        &serde_json::json!({"open": "200.00", "items": [{"open": "1.00"}], "reversed": null,
                            "missing": null, "absent_list": []}),
        Some(&got),
        &mut out,
    );
    assert!(out.is_empty(), "{out:?}");
    match_value(
        "x",
        &serde_json::json!({"open": "200.0", "items": [{"open": "1.00"}, {}]}),
        Some(&got),
        &mut out,
    );
    out.sort();
    assert_eq!(out.len(), 2, "{out:?}");
    assert!(out[0].starts_with("x.items: expected 2 elements, got 1: "));
    assert_eq!(out[1], r#"x.open: expected "200.0", got "200.00""#);
}
