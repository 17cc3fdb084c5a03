//! The documented JSON shape of the ledger types as native Python values, in both directions.
//!
//! The core serializes decimals and dates as JSON strings, so a generic conversion cannot tell
//! `"400.00"` (an amount) from `"400"` (an id). This module is the ONE place that decides it,
//! by the name of the key a string sits under ([`slot_of`]):
//!
//! - output: a string under a decimal key that reads as a plain decimal (`money::parse_amount`)
//!   becomes a `decimal.Decimal` (scale kept), one under a date key that reads as an ISO date
//!   (`calendar::parse_date`) a `datetime.date`; everything else stays as in the JSON (`str`,
//!   `int`, `bool`, `None`, `list`, `dict` in the JSON's key order). Both checks are needed:
//!   `from` is a date in a statement and a currency code in a rate (and a decimal in a fee
//!   tier: keys of both kinds are listed apart and take whichever the string reads as). A
//!   string under a fraction key (`interest::Fraction`, `"31/365"`) becomes a
//!   `fractions.Fraction`.
//! - input: `decimal.Decimal` and `datetime.date` become their exact strings anywhere (see
//!   `convert::to_json`), a `float` anywhere is a `TypeError`; an `int` under a decimal key
//!   becomes its decimal string and a `bool` there is a `TypeError`. The value is then read by
//!   the core's serde impls; a shape they refuse (unknown or missing field, wrong type, unknown
//!   `type` tag) is an `ArCoreError` with kind `invalid_json`.
//!
//! Serde of the core types does everything else, so new fields flow through unchanged; a new
//! decimal, date or fraction field only needs its key here. Two tests guard the lists:
//! `tests/test_shape_keys.py` reads the core's source and checks that every `Decimal`,
//! `NaiveDate` and `Fraction` field of a `Serialize` type has its key (and no key is stale),
//! and the fixture runners (`tests/test_ledger_fixtures.py`, `tests/test_issue4_fixtures.py`)
//! check that no output string of any fixture still looks like a decimal, a date or a fraction.

use std::fmt;

use ar_core::calendar::parse_date;
use ar_core::interest::Fraction as CoreFraction;
use ar_core::money::parse_amount;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;

use crate::convert::{decimal_type, fraction, iter_arg, to_json, type_name};
use crate::errors::invalid_json;

/// Keys whose string values (or list of string values) are decimals in the JSON shape of any
/// core type that crosses this binding. Both lists must stay sorted (binary search); the debug
/// build that the tests use asserts it in [`slot_of`].
const DECIMAL_KEYS: &[&str] = &[
    "accrued",             // interest::AccountInterest (an object in ItemInterest)
    "already_charged",     // interest::ItemInterest
    "amount",              // money, parts, events, allocations, history, ...
    "amount_due",          // DiscountOffer
    "annual_rate_percent", // installments::AmortizedTerms
    "balance",             // StatementLine, ReportingBalance
    "balance_after",       // installments::PlanInstallment
    "base",                // TaxTotal (a DateBasis tag in Terms: stays a str)
    "basis",               // fees::ProposedFee
    "booked",              // ReportingBalance
    "cap",                 // fees::FeeLevel
    "capitalised",         // interest::InterestBreakdown, InterestPeriod
    "cash_increment",      // ScheduleOptions
    "closing_balance",     // Statement
    "compounded_percent",  // discounts::AnnualCost
    "compounded_rate",     // discounts::AnnualCost
    "credits",             // Statement
    "deducted",            // ItemState, OpenItem
    "discount",            // DiscountOffer, RemittanceLine
    "discount_percent",    // InvoiceLine
    "discount_taken",      // Allocation
    "disputed",            // OpenItem, Statement
    "due_early",           // discounts::EarlyPayment
    "due_late",            // discounts::EarlyPayment
    "gross",               // InvoiceTotals
    "increment",           // Rounding
    "interest",            // installments (amortized)
    "lines",               // InvoiceTotals.lines (a list of decimals; elsewhere a list of objects)
    "margin",              // interest::RateSource (statutory presets)
    "min_overdue",         // fees::FeeLevel
    "minimum",             // fees::FeeLevel
    "net",                 // InvoiceTotals
    "open",                // ItemState, OpenItem
    "opening_balance",     // Statement
    "original",            // OpenItem
    "outstanding",         // installments::PlanStatus
    "overdue",             // installments::PlanStatus
    "paid",                // installments::PlanStatus
    "payment",             // installments (level payment)
    "percent",             // parts, discount values, tax rates
    "principal",           // installments (amortized)
    "quantity",            // InvoiceLine
    "quoted",              // fx::Rate
    "rate",                // RateQuote, DatedRate, payment_received (an fx::Rate object elsewhere)
    "realized_fx",         // Allocation, ReportingBalance
    "residual",            // discounts::ProRata
    "revalued",            // ReportingBalance
    "simple_percent",      // discounts::AnnualCost
    "simple_rate",         // discounts::AnnualCost
    "tax",                 // InvoiceTotals
    "to_charge",           // interest::AccountInterest, ItemInterest
    "tolerance",           // ShortPaymentPolicy::WriteOff
    "total",               // Document, Schedule
    "unapplied",           // PaymentState, account state
    "unapplied_change",    // Applied
    "unapplied_removed",   // Reversal
    "unit_price",          // InvoiceLine
    "unrealized_fx",       // ReportingBalance
    "unused",              // discounts
    "weights",             // installments::PlanTerms (a list of decimals)
    "written_off",         // Allocation
];

/// Keys whose string values (or list of string values) are ISO dates.
const DATE_KEYS: &[&str] = &[
    "applies_from",           // fees::ProposedFee, SkippedFee
    "as_of",                  // account state, fixtures
    "base_date",              // InvoiceDraft
    "charged_through",        // interest::ItemInterest
    "date",                   // events, documents, history, payments, rates, ...
    "dates",                  // installments::DueDates::Custom (a list of dates)
    "deadline",               // DiscountOffer
    "default_date",           // installments::PlanStatus
    "delivered_on",           // DocumentState
    "document_date",          // OpenItem
    "due_date",               // ScheduledItem, OpenItem
    "first_due",              // installments::DueDates
    "holidays",               // BusinessCalendar
    "oldest_unpaid_due_date", // installments::PlanStatus
    "opened_on",              // DocumentState
    "paid_on",                // installments::InstallmentState
    "promised_date",          // Promise, promise_to_pay
    "rate_from",              // interest::InterestPeriod
    "through",                // documents::ChargeFor
    "to",                     // Statement, InterestPeriod (a currency code in a rate quote)
];

/// Keys whose string values are a decimal in some types and a date in others: a string that
/// reads as an ISO date becomes a `date`, one that reads as a decimal a `Decimal`.
/// `from` is a date in Statement, ChargeFor, InterestPeriod and DatedInterestRate, a decimal in
/// fees::FeeTier and GraduatedTier, and a currency code in a rate quote (it stays a str).
const DECIMAL_OR_DATE_KEYS: &[&str] = &["from"];

/// Keys whose string values are exact fractions (`interest::Fraction`, `"31/365"`): they
/// become `fractions.Fraction`. Never decimals: `"31/365"` does not read as one.
const FRACTION_KEYS: &[&str] = &[
    "interest_exact", // interest::InterestPeriod
    "total_exact",    // interest::InterestBreakdown
    "year_fraction",  // interest::InterestPeriod
];

/// What the strings under a key are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Slot {
    /// Anything (ids, codes, tags, reasons).
    Plain,
    /// A decimal.
    Decimal,
    /// An ISO date.
    Date,
    /// A decimal or an ISO date, whichever the string reads as.
    DecimalOrDate,
    /// An exact fraction `"numerator/denominator"`.
    Fraction,
}

/// The slot of the values under `key`.
pub(crate) fn slot_of(key: &str) -> Slot {
    debug_assert!(DECIMAL_KEYS.windows(2).all(|w| w[0] < w[1]));
    debug_assert!(DATE_KEYS.windows(2).all(|w| w[0] < w[1]));
    debug_assert!(DECIMAL_OR_DATE_KEYS.windows(2).all(|w| w[0] < w[1]));
    debug_assert!(FRACTION_KEYS.windows(2).all(|w| w[0] < w[1]));
    if DECIMAL_KEYS.binary_search(&key).is_ok() {
        Slot::Decimal
    } else if DATE_KEYS.binary_search(&key).is_ok() {
        Slot::Date
    } else if DECIMAL_OR_DATE_KEYS.binary_search(&key).is_ok() {
        Slot::DecimalOrDate
    } else if FRACTION_KEYS.binary_search(&key).is_ok() {
        Slot::Fraction
    } else {
        Slot::Plain
    }
}

// ----- input: Python values of the JSON shape -> core types -----

/// Reads a core value from a Python value of its JSON shape. `noun` names the type for the
/// message (`"event"`), `path` the place (`"events[3]"`).
///
/// # Errors
/// `TypeError` for an `obj` that is not a dict, a float anywhere, a bool under a decimal key
/// or a value with no JSON form; `ArCoreError` kind `invalid_json` for a shape the core
/// refuses.
pub(crate) fn from_py<T: DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    noun: &str,
    path: &str,
) -> PyResult<T> {
    if !obj.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "`{path}` must be a dict ({noun}), not {}",
            type_name(obj)
        )));
    }
    let mut at = path.to_string();
    let mut value = to_json(obj, &mut at)?;
    decimal_strings(&mut value, Slot::Plain, &mut at)?;
    serde_json::from_value(value)
        .map_err(|e| invalid_json(obj.py(), format!("invalid {noun} json at `{path}`: {e}")))
}

/// Reads a core value whose JSON shape is a list (a rate table) from a Python list of values
/// of that shape; errors as [`from_py`].
pub(crate) fn from_py_list<T: DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    noun: &str,
    path: &str,
) -> PyResult<T> {
    let mut items = Vec::new();
    for (i, item) in iter_arg(obj, path)?.iter().enumerate() {
        let mut at = format!("{path}[{i}]");
        let mut value = to_json(item, &mut at)?;
        decimal_strings(&mut value, Slot::Plain, &mut at)?;
        items.push(value);
    }
    serde_json::from_value(Value::Array(items))
        .map_err(|e| invalid_json(obj.py(), format!("invalid {noun} json at `{path}`: {e}")))
}

/// Reads a list of core values, each from a Python value of its JSON shape (`events`,
/// `payments`); errors as [`from_py`], naming the element (`payments[2]`).
pub(crate) fn list_from_py<T: DeserializeOwned>(
    obj: &Bound<'_, PyAny>,
    noun: &str,
    path: &str,
) -> PyResult<Vec<T>> {
    iter_arg(obj, path)?
        .iter()
        .enumerate()
        .map(|(i, item)| from_py(item, noun, &format!("{path}[{i}]")))
        .collect()
}

/// Reads a core value from JSON text (`Account.from_json`).
pub(crate) fn from_text<T: DeserializeOwned>(
    py: Python<'_>,
    text: &str,
    noun: &str,
) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| invalid_json(py, format!("invalid {noun} json: {e}")))
}

/// Ints under decimal keys become decimal strings (the shape wants `"400"`, Python users
/// write `400`); a bool there is a `TypeError`, as for every money argument.
fn decimal_strings(value: &mut Value, slot: Slot, path: &mut String) -> PyResult<()> {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                let len = path.len();
                path.push('.');
                path.push_str(key);
                decimal_strings(v, slot_of(key), path)?;
                path.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                decimal_strings(v, slot, path)?;
                path.truncate(len);
            }
        }
        Value::Number(n) if matches!(slot, Slot::Decimal | Slot::DecimalOrDate) => {
            let text = n.to_string();
            *value = Value::String(text);
        }
        Value::Bool(_) if matches!(slot, Slot::Decimal | Slot::DecimalOrDate) => {
            return Err(PyTypeError::new_err(format!(
                "`{path}` must be a decimal.Decimal, an int or a str, not a bool"
            )));
        }
        _ => {}
    }
    Ok(())
}

// ----- output: core types -> Python values of the JSON shape -----

/// The JSON text of a core value. Pure Rust: safe to call while holding an account's lock.
pub(crate) fn to_text<T: Serialize + ?Sized>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A core value as Python objects of its JSON shape, decimals and dates native.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    text_to_py(py, &to_text(value)?)
}

/// JSON text (as written by [`to_text`]) as Python objects, decimals and dates native.
pub(crate) fn text_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let out = Build {
        py,
        slot: Slot::Plain,
    }
    .deserialize(&mut de)
    .map_err(|e| PyValueError::new_err(format!("cannot convert a core value: {e}")))?;
    de.end()
        .map_err(|e| PyValueError::new_err(format!("cannot convert a core value: {e}")))?;
    Ok(out)
}

/// Builds Python objects while serde_json reads the text, so keys keep the JSON order and
/// each string knows the key it sits under.
struct Build<'py> {
    py: Python<'py>,
    slot: Slot,
}

fn py_err<E: de::Error>(e: PyErr) -> E {
    E::custom(e)
}

impl<'de, 'py> DeserializeSeed<'de> for Build<'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for Build<'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(PyInt::new(self.py, v).into_any())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(PyInt::new(self.py, v).into_any())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // the core writes decimals as strings; a float here would be a core bug
        Err(E::custom(format!("unexpected float `{v}` in a core value")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let py = self.py;
        let date = || {
            parse_date(v)
                .ok()
                .map(|d| d.into_pyobject(py).map(Bound::into_any).map_err(py_err))
        };
        let decimal = || {
            parse_amount(v)
                .is_ok()
                .then(|| decimal_type(py).and_then(|t| t.call1((v,))).map_err(py_err))
        };
        let native = match self.slot {
            Slot::Plain => None,
            Slot::Decimal => decimal(),
            Slot::Date => date(),
            Slot::DecimalOrDate => date().or_else(decimal),
            Slot::Fraction => v
                .parse::<CoreFraction>()
                .ok()
                .map(|f| fraction(py, f.numerator(), f.denominator()).map_err(py_err)),
        };
        native.unwrap_or_else(|| Ok(PyString::new(py, v).into_any()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.py);
        while let Some(item) = seq.next_element_seed(Build {
            py: self.py,
            slot: self.slot,
        })? {
            list.append(item).map_err(py_err)?;
        }
        Ok(list.into_any())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.py);
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Build {
                py: self.py,
                slot: slot_of(&key),
            })?;
            dict.set_item(key, value).map_err(py_err)?;
        }
        Ok(dict.into_any())
    }
}
