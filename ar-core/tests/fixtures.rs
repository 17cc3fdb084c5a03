//! Runs the shared golden fixtures in `fixtures/terms/*.json` (format: `fixtures/README.md`).
//!
//! Every case is run through the public API only, expected values are compared as exact
//! strings (scale included), and every failing case is reported at once, by name, with the
//! reason. The same files are loaded by the Python, Node and Kotlin test suites.

use std::fs;
use std::path::{Path, PathBuf};

use ar_core::allocation::{split, Part, SplitOptions};
use ar_core::calendar::{BusinessCalendar, Roll};
use ar_core::money::Currency;
use ar_core::terms::{schedule, ScheduleOptions, Terms};
use ar_core::{notation, Decimal, Error};
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// Fewer cases than this means the folder was not found or was emptied by mistake.
const MIN_CASES: usize = 40;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/terms")
}

type Outcome = Result<(), String>;

fn field<'a>(case: &'a Map<String, Value>, key: &str) -> Result<&'a Value, String> {
    case.get(key)
        .ok_or_else(|| format!("missing field `{key}`"))
}

fn str_field<'a>(case: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    field(case, key)?
        .as_str()
        .ok_or_else(|| format!("field `{key}` must be a string"))
}

fn date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("bad date `{s}`: {e}"))
}

fn decimal(s: &str) -> Result<Decimal, String> {
    s.parse::<Decimal>()
        .map_err(|e| format!("bad decimal `{s}`: {e}"))
}

fn from_value<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> Result<T, String> {
    serde_json::from_value(v.clone()).map_err(|e| format!("cannot read {what}: {e}"))
}

/// The stable error kind the case expects, if it expects an error.
fn expected_error(case: &Map<String, Value>) -> Result<Option<String>, String> {
    match case.get("error") {
        None => Ok(None),
        Some(e) => e
            .get("kind")
            .and_then(Value::as_str)
            .map(|k| Some(k.to_string()))
            .ok_or_else(|| "`error` must be an object with a string `kind`".to_string()),
    }
}

/// Compares a call's result with the case: either the expected error kind, or `check` on the
/// successful value.
fn judge<T>(
    result: Result<T, Error>,
    want_error: Option<String>,
    check: impl FnOnce(T) -> Outcome,
) -> Outcome {
    match (result, want_error) {
        (Ok(v), None) => check(v),
        (Ok(_), Some(kind)) => Err(format!("expected error `{kind}`, but the call succeeded")),
        (Err(e), None) => Err(format!("unexpected error `{}`: {e}", e.kind())),
        (Err(e), Some(kind)) if e.kind() == kind => Ok(()),
        (Err(e), Some(kind)) => Err(format!("expected error `{kind}`, got `{}`: {e}", e.kind())),
    }
}

fn run_schedule(case: &Map<String, Value>) -> Outcome {
    let want_error = expected_error(case)?;
    let result = (|| -> Result<Result<_, Error>, String> {
        let terms: Result<Terms, Error> = match (case.get("notation"), case.get("terms")) {
            (Some(n), None) => {
                let text = n.as_str().ok_or("`notation` must be a string")?;
                notation::parse(text).map_err(Error::from)
            }
            (None, Some(t)) => Ok(from_value::<Terms>(t, "`terms`")?),
            _ => return Err("give exactly one of `notation` and `terms`".into()),
        };
        let base = date(str_field(case, "base_date")?)?;
        let amount = decimal(str_field(case, "amount")?)?;
        let options: ScheduleOptions = match case.get("options") {
            Some(o) => from_value(o, "`options`")?,
            None => ScheduleOptions::default(),
        };
        let currency = str_field(case, "currency")?;
        Ok((|| {
            let terms = terms?;
            let currency = Currency::from_code(currency)?;
            Ok(schedule(&terms, base, amount, currency, &options)?)
        })())
    })()?;
    judge(result, want_error, |s| {
        let expect = field(case, "expect")?;
        let want = expect
            .get("installments")
            .and_then(Value::as_array)
            .ok_or("`expect.installments` must be a list")?;
        let mut problems = Vec::new();
        if want.len() != s.installments.len() {
            problems.push(format!(
                "expected {} installments, got {}",
                want.len(),
                s.installments.len()
            ));
        }
        for (i, (w, got)) in want.iter().zip(&s.installments).enumerate() {
            let w_due = w
                .get("due_date")
                .and_then(Value::as_str)
                .unwrap_or("<missing>");
            let w_amount = w
                .get("amount")
                .and_then(Value::as_str)
                .unwrap_or("<missing>");
            if w_due != got.due_date.to_string() {
                problems.push(format!(
                    "#{i} due_date: expected {w_due}, got {}",
                    got.due_date
                ));
            }
            if w_amount != got.amount.to_string() {
                problems.push(format!(
                    "#{i} amount: expected {w_amount}, got {}",
                    got.amount
                ));
            }
            let w_disc: Vec<Value> = w
                .get("discounts")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if w_disc.len() != got.discounts.len() {
                problems.push(format!(
                    "#{i}: expected {} discounts, got {}",
                    w_disc.len(),
                    got.discounts.len()
                ));
            }
            for (j, (wd, gd)) in w_disc.iter().zip(&got.discounts).enumerate() {
                for (key, got_value) in [
                    ("deadline", gd.deadline.to_string()),
                    ("discount", gd.discount.to_string()),
                    ("amount_due", gd.amount_due.to_string()),
                ] {
                    let want_value = wd.get(key).and_then(Value::as_str).unwrap_or("<missing>");
                    if want_value != got_value {
                        problems.push(format!(
                            "#{i} discount {j} {key}: expected {want_value}, got {got_value}"
                        ));
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("; "))
        }
    })
}

fn run_split(case: &Map<String, Value>) -> Outcome {
    let want_error = expected_error(case)?;
    let total = decimal(str_field(case, "total")?)?;
    let parts: Vec<Part> = from_value(field(case, "parts")?, "`parts`")?;
    let options: SplitOptions = match case.get("options") {
        Some(o) => from_value(o, "`options`")?,
        None => SplitOptions::default(),
    };
    let currency = str_field(case, "currency")?;
    let result = (|| -> Result<Vec<Decimal>, Error> {
        let currency = Currency::from_code(currency)?;
        Ok(split(total, currency, &parts, &options)?)
    })();
    judge(result, want_error, |got| {
        let want: Vec<String> = from_value(field(case, "expect")?, "`expect`")?;
        let got: Vec<String> = got.iter().map(|d| d.to_string()).collect();
        if want == got {
            Ok(())
        } else {
            Err(format!("expected {want:?}, got {got:?}"))
        }
    })
}

fn run_notation(case: &Map<String, Value>) -> Outcome {
    let want_error = expected_error(case)?;
    let input = str_field(case, "input")?;
    judge(
        notation::parse(input).map_err(Error::from),
        want_error,
        |terms| {
            let expect = field(case, "expect")?;
            let mut problems = Vec::new();
            let printed = notation::print(&terms);
            match expect.get("printed").and_then(Value::as_str) {
                Some(want) if want == printed => {}
                Some(want) => problems.push(format!("printed: expected `{want}`, got `{printed}`")),
                None => problems.push("`expect.printed` must be a string".into()),
            }
            if let Some(t) = expect.get("terms") {
                let want: Terms = from_value(t, "`expect.terms`")?;
                if want != terms {
                    problems.push(format!(
                        "terms: expected {}, got {}",
                        serde_json::to_string(&want).unwrap_or_default(),
                        serde_json::to_string(&terms).unwrap_or_default()
                    ));
                }
            }
            // docs/notation.md: parse(print(t)) == t for every terms value
            match notation::parse(&printed) {
                Ok(again) if again == terms => {}
                Ok(_) => problems.push(format!("parse(print(t)) != t for printed `{printed}`")),
                Err(e) => problems.push(format!("printed form `{printed}` does not parse: {e}")),
            }
            if problems.is_empty() {
                Ok(())
            } else {
                Err(problems.join("; "))
            }
        },
    )
}

fn run_roll(case: &Map<String, Value>) -> Outcome {
    let want_error = expected_error(case)?;
    let day = date(str_field(case, "date")?)?;
    let roll: Roll = from_value(field(case, "roll")?, "`roll`")?;
    let calendar: BusinessCalendar = match case.get("calendar") {
        Some(c) => from_value(c, "`calendar`")?,
        None => BusinessCalendar::default(),
    };
    judge(
        calendar.roll(day, roll).map_err(Error::from),
        want_error,
        |got| {
            let want = str_field(case, "expect")?;
            if want == got.to_string() {
                Ok(())
            } else {
                Err(format!("expected {want}, got {got}"))
            }
        },
    )
}

fn run_case(path: &Path) -> Outcome {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("invalid JSON: {e}"))?;
    let case = value.as_object().ok_or("a case must be a JSON object")?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let name = str_field(case, "name")?;
    if name != stem {
        return Err(format!("`name` is `{name}` but the file is `{stem}.json`"));
    }
    let source = str_field(case, "source")?;
    if source.trim().is_empty() {
        return Err("`source` must say where the expectation comes from".into());
    }
    if case.contains_key("expect") == case.contains_key("error") {
        return Err("give exactly one of `expect` and `error`".into());
    }
    match str_field(case, "kind")? {
        "schedule" => run_schedule(case),
        "split" => run_split(case),
        "notation" => run_notation(case),
        "roll" => run_roll(case),
        other => Err(format!("unknown kind `{other}`")),
    }
}

#[test]
fn shared_fixtures() {
    let dir = fixtures_dir();
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    paths.sort();

    let mut failures = Vec::new();
    for path in &paths {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        // a panic in one case must not hide the others
        let outcome = std::panic::catch_unwind(|| run_case(path))
            .unwrap_or_else(|_| Err("panicked".to_string()));
        if let Err(why) = outcome {
            failures.push(format!("{name}: {why}"));
        }
    }

    println!(
        "{} fixture cases loaded from {}",
        paths.len(),
        dir.display()
    );
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        paths.len() >= MIN_CASES,
        "expected at least {MIN_CASES} fixture cases, found {}",
        paths.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} fixture cases failed:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}
