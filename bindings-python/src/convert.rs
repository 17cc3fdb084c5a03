//! Conversions between Python values and core values. Nothing here decides a business rule.
//!
//! - money and percents: `decimal.Decimal` or `int` only. pyo3's own `rust_decimal` conversion
//!   accepts floats (and strings) silently, so it is never used for input here.
//! - dates: `datetime.date` only (a `datetime.datetime` is refused).
//! - counts of days: `int` only (a `bool` is refused).
//! - exact fractions (`interest::Fraction`) go out as `fractions.Fraction`; none come in.
//! - dicts: Python values are turned into the documented JSON shape (a `serde_json::Value`)
//!   and deserialized by the core's serde impls; `Decimal` becomes its exact string, `date`
//!   its ISO string, and a float anywhere is a `TypeError`.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType,
};
use pyo3::PyClass;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// A frozen newtype pyclass over a core type (see `macros::wrap!`).
pub(crate) trait Wrapper:
    PyClass<Frozen = pyo3::pyclass::boolean_struct::True> + Sync
{
    /// The wrapped core type.
    type Core: Clone + Serialize + DeserializeOwned;
    /// The Python class name.
    const PY_NAME: &'static str;
    /// The wrapped core value.
    fn core(&self) -> &Self::Core;
}

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FRACTION: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

fn fraction_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    FRACTION.import(py, "fractions", "Fraction")
}

/// An exact fraction (`interest::Fraction`) as a `fractions.Fraction`.
pub(crate) fn fraction(
    py: Python<'_>,
    numerator: i128,
    denominator: i128,
) -> PyResult<Bound<'_, PyAny>> {
    fraction_type(py)?.call1((numerator, denominator))
}

/// Reads a count of days (or an index): an `int` of `u32` range, not a `bool`.
pub(crate) fn u32_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<u32> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "`{what}` must be an int, not {}",
            type_name(obj)
        )));
    }
    obj.extract::<u32>().map_err(|_| {
        PyValueError::new_err(format!(
            "`{what}` `{}` is out of range 0..=4294967295",
            obj.str().map(|s| s.to_string()).unwrap_or_default()
        ))
    })
}

/// The Python type name of `obj`, for error messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// Exact text of a `decimal.Decimal` in fixed-point form (`Decimal('1E+3')` -> `"1000"`).
///
/// `str()` is fixed-point for the usual amounts and much cheaper than `format(d, "f")`, which
/// is only needed for exponent forms. Non-finite values (`NaN`, `Infinity`) fail to parse later.
fn decimal_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = obj.str()?.to_cow()?.into_owned();
    if text.bytes().any(|b| b == b'E' || b == b'e') {
        let fixed = obj.call_method1("__format__", ("f",))?;
        return Ok(fixed.str()?.to_cow()?.into_owned());
    }
    Ok(text)
}

/// Reads a money amount (or a percent): `decimal.Decimal` or `int`, exactly.
///
/// A `float` or `bool` is a `TypeError`; a non-finite Decimal or one with more than 28
/// significant digits (rust_decimal's limit) is a `ValueError`, never a rounded value.
pub(crate) fn decimal_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Decimal> {
    let py = obj.py();
    if obj.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "`{what}` must be a decimal.Decimal or an int, not a float: a float cannot hold \
             an amount exactly; write Decimal(\"{}\") instead",
            obj.str().map(|s| s.to_string()).unwrap_or_default()
        )));
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!(
            "`{what}` must be a decimal.Decimal or an int, not a bool"
        )));
    }
    let text = if obj.is_instance_of::<PyInt>() {
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Decimal::from(v));
        }
        obj.str()?.to_cow()?.into_owned()
    } else if obj.is_instance(decimal_type(py)?)? {
        decimal_text(obj)?
    } else {
        return Err(PyTypeError::new_err(format!(
            "`{what}` must be a decimal.Decimal or an int, not {}",
            type_name(obj)
        )));
    };
    parse_decimal(&text, what)
}

fn parse_decimal(text: &str, what: &str) -> PyResult<Decimal> {
    Decimal::from_str_exact(text).map_err(|_| {
        PyValueError::new_err(format!(
            "`{what}` `{text}` is not a finite decimal of at most 28 significant digits"
        ))
    })
}

/// `Option` version of [`decimal_arg`]: `None` stays `None`.
pub(crate) fn opt_decimal_arg(
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<Decimal>> {
    match obj {
        Some(o) if !o.is_none() => decimal_arg(o, what).map(Some),
        _ => Ok(None),
    }
}

/// Reads a calendar date: a `datetime.date`, not a `datetime.datetime`.
pub(crate) fn date_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDate> {
    if obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "`{what}` must be a datetime.date, not a datetime.datetime: pass .date() taken \
             in your business time zone"
        )));
    }
    if !obj.is_instance_of::<PyDate>() {
        return Err(PyTypeError::new_err(format!(
            "`{what}` must be a datetime.date, not {}",
            type_name(obj)
        )));
    }
    obj.extract::<NaiveDate>()
}

/// Reads a `str` argument (not any object with a `__str__`).
pub(crate) fn str_arg(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "`{what}` must be a str, not {}",
            type_name(obj)
        ))),
    }
}

/// Iterates a list-like argument (any iterable but a `str`, `bytes` or dict).
pub(crate) fn iter_arg<'py>(
    obj: &Bound<'py, PyAny>,
    what: &str,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<pyo3::types::PyBytes>()
    {
        return Err(PyTypeError::new_err(format!(
            "`{what}` must be a list, not {}",
            type_name(obj)
        )));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!("`{what}` must be a list, not {}", type_name(obj)))
    })?;
    iter.collect()
}

/// A core enum from its stored tag (`"half_up"`, `"following"`, `"Sat"`), via serde so the
/// accepted strings are exactly those of the JSON shape.
pub(crate) fn enum_arg<T: DeserializeOwned>(value: &str, what: &str) -> PyResult<T> {
    serde_json::from_value(Value::String(value.to_string()))
        .map_err(|e| PyValueError::new_err(format!("invalid {what} `{value}`: {e}")))
}

/// The stored tag of a core enum (`RoundingMode::HalfUp` -> `"half_up"`).
pub(crate) fn enum_tag<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

/// A wrapped core value, or the core value deserialized from a dict of its JSON shape.
pub(crate) fn wrapped_or_dict<W: Wrapper>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<W::Core> {
    if let Ok(w) = obj.cast::<W>() {
        return Ok(w.get().core().clone());
    }
    if obj.is_instance_of::<PyDict>() {
        return from_py_json(obj, what);
    }
    Err(PyTypeError::new_err(format!(
        "`{what}` must be a {} or a dict, not {}",
        W::PY_NAME,
        type_name(obj)
    )))
}

/// A list of wrapped values or dicts.
pub(crate) fn wrapped_list<W: Wrapper>(
    obj: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<Vec<W::Core>> {
    iter_arg(obj, what)?
        .iter()
        .enumerate()
        .map(|(i, item)| wrapped_or_dict::<W>(item, &format!("{what}[{i}]")))
        .collect()
}

/// Deserializes a core value from a Python value of its JSON shape.
pub(crate) fn from_py_json<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let mut path = what.to_string();
    let value = to_json(obj, &mut path)?;
    serde_json::from_value(value).map_err(|e| PyValueError::new_err(format!("invalid {what}: {e}")))
}

/// A Python value of a JSON shape as JSON text (floats refused, `Decimal` and `date` as strings).
pub(crate) fn py_json_text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let mut path = what.to_string();
    let value = to_json(obj, &mut path)?;
    to_json_str(&value)
}

/// Serializes a core value to its JSON text.
pub(crate) fn to_json_str<T: Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A core value as Python objects of its JSON shape (`dict`, `list`, `str`, `int`, `bool`,
/// `None`, keys in the JSON order): exactly `json.loads(value.to_json())`.
pub(crate) fn to_py_json<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = to_json_str(value)?;
    let loads = JSON_LOADS.get_or_try_init(py, || {
        py.import("json")?.getattr("loads").map(Bound::unbind)
    })?;
    loads.bind(py).call1((text,))
}

fn wrapped_json<W: Wrapper>(obj: &Bound<'_, PyAny>) -> Option<PyResult<Value>> {
    obj.cast::<W>().ok().map(|w| {
        serde_json::to_value(w.get().core()).map_err(|e| PyValueError::new_err(e.to_string()))
    })
}

/// A Python value as JSON. `path` names the place for error messages (`terms.lines[0]...`).
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, path: &mut String) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyFloat>() {
        return Err(PyTypeError::new_err(format!(
            "`{path}` is a float ({}); write decimals as Decimal or str, never float",
            obj.str().map(|s| s.to_string()).unwrap_or_default()
        )));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(PyValueError::new_err(format!(
            "`{path}` is an integer out of range"
        )));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if obj.is_instance(decimal_type(py)?)? {
        let text = decimal_text(obj)?;
        // check it fits a core decimal here, so the message names the place
        parse_decimal(&text, path)?;
        return Ok(Value::String(text));
    }
    if obj.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(format!(
            "`{path}` is a datetime.datetime; give a datetime.date or an ISO date string"
        )));
    }
    if obj.is_instance_of::<PyDate>() {
        let d: NaiveDate = obj.extract()?;
        let mut s = String::with_capacity(10);
        let _ = write!(s, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
        return Ok(Value::String(s));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (k, v) in dict.iter() {
            let key = match k.cast::<PyString>() {
                Ok(s) => s.to_cow()?.into_owned(),
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "`{path}` has a key of type {}; keys must be str",
                        type_name(&k)
                    )))
                }
            };
            let len = path.len();
            let _ = write!(path, ".{key}");
            let value = to_json(&v, path)?;
            path.truncate(len);
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            let len = path.len();
            let _ = write!(path, "[{i}]");
            items.push(to_json(&item?, path)?);
            path.truncate(len);
        }
        return Ok(Value::Array(items));
    }
    // the binding's own objects may appear inside dicts: {"lines": [TermLine(...)]}
    let wrapped = wrapped_json::<crate::terms::PyTerms>(obj)
        .or_else(|| wrapped_json::<crate::terms::PyTermLine>(obj))
        .or_else(|| wrapped_json::<crate::terms::PyDateStep>(obj))
        .or_else(|| wrapped_json::<crate::terms::PyDiscountTier>(obj))
        .or_else(|| wrapped_json::<crate::terms::PyDiscountOffer>(obj))
        .or_else(|| wrapped_json::<crate::money::PyPart>(obj))
        .or_else(|| wrapped_json::<crate::calendar::PyBusinessCalendar>(obj));
    if let Some(v) = wrapped {
        return v;
    }
    Err(PyTypeError::new_err(format!(
        "`{path}` has a value of type {} that has no JSON form",
        type_name(obj)
    )))
}

/// `__reduce__` through the class's `from_dict`: pickling (and copying) sends the JSON shape.
pub(crate) fn reduce_via_dict<'py, W: Wrapper>(
    slf: &Bound<'py, W>,
) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
    let from_dict = slf.as_any().get_type().getattr("from_dict")?;
    Ok((from_dict, (to_py_json(slf.py(), slf.get().core())?,)))
}

/// Python `repr` of a Decimal: `Decimal('12.30')`.
pub(crate) fn decimal_repr(d: &Decimal) -> String {
    format!("Decimal('{d}')")
}

/// Python `repr` of a date: `datetime.date(2024, 3, 1)`.
pub(crate) fn date_repr(d: &NaiveDate) -> String {
    format!("datetime.date({}, {}, {})", d.year(), d.month(), d.day())
}

/// Python `repr` of a str.
pub(crate) fn str_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| format!("{s:?}"))
}

/// `", ".join(reprs)` in brackets.
pub(crate) fn list_repr<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    let parts: Vec<String> = items.iter().map(f).collect();
    format!("[{}]", parts.join(", "))
}
