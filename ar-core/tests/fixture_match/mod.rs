//! Subset matching shared by the JSON fixture runners (`ledger`, `plan` and `interest`
//! fixtures; each folder's README describes it).
#![allow(dead_code)]

use serde_json::Value;

pub fn show(v: Option<&Value>) -> String {
    let text = match v {
        None => "<missing>".to_string(),
        Some(v) => serde_json::to_string(v).unwrap_or_default(),
    };
    if text.chars().count() > 300 {
        let cut: String = text.chars().take(300).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// Subset matching (each fixture README, "Matching"): an expected object names the keys
/// it compares; an expected array has the same length as the actual one and matches element
/// by element; scalars compare as JSON values (decimals as exact strings); an expected `null`
/// matches a missing or null value, and an expected `[]` matches a missing value.
pub fn match_value(path: &str, want: &Value, got: Option<&Value>, out: &mut Vec<String>) {
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
                "{path}: expected an object {}, got {}",
                show(Some(want)),
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
            Value::Null if w.is_empty() => {}
            _ => out.push(format!(
                "{path}: expected a list {}, got {}",
                show(Some(want)),
                show(got)
            )),
        },
        scalar => {
            if got != Some(scalar) {
                out.push(format!(
                    "{path}: expected {}, got {}",
                    show(Some(scalar)),
                    show(got)
                ));
            }
        }
    }
}
