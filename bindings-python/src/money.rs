//! Currencies, rounding and splits: `currency_info`, `round_money`, `split`, `Part`.

use ar_core::allocation::{self, Part, ResidualPolicy, SplitOptions};
use ar_core::money::{Currency, Rounding, RoundingMode};
use pyo3::prelude::*;
use pyo3::types::PyType;
use rust_decimal::Decimal;

use crate::convert::{
    decimal_arg, decimal_repr, enum_tag, from_py_json, opt_decimal_arg, reduce_via_dict,
    to_py_json, wrapped_list,
};
use crate::errors::CoreResultExt;
use crate::macros::wrap;

/// Looks up a currency by ISO code (the core's `Currency::from_code`).
pub(crate) fn currency_arg(py: Python<'_>, code: &str) -> PyResult<Currency> {
    Currency::from_code(code).py(py)
}

wrap!(
    /// An ISO 4217 currency and its minor units.
    PyCurrencyInfo,
    "CurrencyInfo",
    Currency
);

#[pymethods]
impl PyCurrencyInfo {
    /// The three-letter ISO code, e.g. `"EUR"`.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The English name, e.g. `"Euro"`.
    #[getter]
    fn name(&self) -> String {
        self.0.name()
    }

    /// Decimal places of the minor unit (EUR 2, JPY 0, KWD 3); `None` for XAU, XDR, ...
    #[getter]
    fn minor_units(&self) -> Option<u32> {
        self.0.minor_units()
    }

    fn __repr__(&self) -> String {
        let units = self
            .0
            .minor_units()
            .map_or_else(|| "None".to_string(), |u| u.to_string());
        format!(
            "CurrencyInfo(code='{}', name='{}', minor_units={units})",
            self.0.code(),
            self.0.name().replace('\'', "\\'")
        )
    }
}

/// `currency_info(code)`: the currency's ISO code, name and minor units.
#[pyfunction]
pub(crate) fn currency_info(py: Python<'_>, code: String) -> PyResult<PyCurrencyInfo> {
    currency_arg(py, &code).map(PyCurrencyInfo)
}

fn rounding_arg(mode: &str, increment: Option<&Bound<'_, PyAny>>) -> PyResult<Rounding> {
    let mut rounding = Rounding::new(crate::convert::enum_arg::<RoundingMode>(
        mode,
        "rounding mode",
    )?);
    rounding.increment = opt_decimal_arg(increment, "increment")?;
    Ok(rounding)
}

/// `round_money(amount, currency, *, mode="half_up", increment=None)`.
#[pyfunction]
#[pyo3(
    signature = (amount, currency, *, mode = "half_up".to_string(), increment = None),
    text_signature = "(amount, currency, *, mode='half_up', increment=None)"
)]
pub(crate) fn round_money(
    py: Python<'_>,
    amount: &Bound<'_, PyAny>,
    currency: String,
    mode: String,
    increment: Option<&Bound<'_, PyAny>>,
) -> PyResult<Decimal> {
    let amount = decimal_arg(amount, "amount")?;
    let currency = currency_arg(py, &currency)?;
    let rounding = rounding_arg(&mode, increment)?;
    rounding.round(amount, currency).py(py)
}

/// `split(total, currency, parts, *, rounding="half_up", increment=None, residual="last",
/// allow_negative=False)`: the parts' amounts, summing to `total` exactly.
#[pyfunction]
#[pyo3(signature = (
    total, currency, parts, *,
    rounding = "half_up".to_string(), increment = None, residual = "last".to_string(),
    allow_negative = false
), text_signature = "(total, currency, parts, *, rounding='half_up', increment=None, residual='last', allow_negative=False)")]
#[allow(clippy::too_many_arguments)]
pub(crate) fn split(
    py: Python<'_>,
    total: &Bound<'_, PyAny>,
    currency: String,
    parts: &Bound<'_, PyAny>,
    rounding: String,
    increment: Option<&Bound<'_, PyAny>>,
    residual: String,
    allow_negative: bool,
) -> PyResult<Vec<Decimal>> {
    let total = decimal_arg(total, "total")?;
    let currency = currency_arg(py, &currency)?;
    let parts = wrapped_list::<PyPart>(parts, "parts")?;
    let options = SplitOptions {
        rounding: rounding_arg(&rounding, increment)?,
        residual: crate::convert::enum_arg::<ResidualPolicy>(&residual, "residual")?,
        allow_negative,
    };
    allocation::split(total, currency, &parts, &options).py(py)
}

wrap!(
    /// One portion of an amount: a percent of the total or of the remainder, an exact
    /// fraction, a fixed amount, or the balance.
    PyPart,
    "Part",
    Part
);

#[pymethods]
impl PyPart {
    /// A percent of the total: `Part.percent(Decimal("30"))`.
    #[classmethod]
    fn percent(_cls: &Bound<'_, PyType>, percent: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyPart(Part::percent(decimal_arg(percent, "percent")?)))
    }

    /// A percent of what the previous parts leave (Tryton's "percent").
    #[classmethod]
    fn percent_of_remainder(
        _cls: &Bound<'_, PyType>,
        percent: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Ok(PyPart(Part::percent_of_remainder(decimal_arg(
            percent, "percent",
        )?)))
    }

    /// An exact fraction of the total: `Part.fraction(1, 3)`.
    #[classmethod]
    fn fraction(_cls: &Bound<'_, PyType>, numerator: u32, denominator: u32) -> Self {
        PyPart(Part::fraction(numerator, denominator))
    }

    /// A fixed amount; its sign follows the total (credit notes).
    #[classmethod]
    fn fixed(_cls: &Bound<'_, PyType>, amount: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyPart(Part::fixed(decimal_arg(amount, "amount")?)))
    }

    /// Whatever the other parts leave; at most one, and last.
    #[classmethod]
    fn balance(_cls: &Bound<'_, PyType>) -> Self {
        PyPart(Part::Balance)
    }

    /// A part from a dict of its JSON shape: `{"type": "percent", "percent": "30"}`.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py_json(data, "part").map(PyPart)
    }

    /// The JSON shape as Python objects (decimals as `str`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    /// The part's tag: `"percent"`, `"percent_of_remainder"`, `"fraction"`, `"fixed"`,
    /// `"balance"`.
    #[getter(r#type)]
    fn kind(&self) -> String {
        part_tag(&self.0)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce_via_dict(slf)
    }

    fn __repr__(&self) -> String {
        part_repr(&self.0)
    }
}

fn part_tag(part: &Part) -> String {
    match serde_json::to_value(part) {
        Ok(serde_json::Value::Object(m)) => m
            .get("type")
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_string(),
        _ => enum_tag(part),
    }
}

pub(crate) fn part_repr(part: &Part) -> String {
    match part {
        Part::Percent { percent } => format!("Part.percent({})", decimal_repr(percent)),
        Part::PercentOfRemainder { percent } => {
            format!("Part.percent_of_remainder({})", decimal_repr(percent))
        }
        Part::Fraction {
            numerator,
            denominator,
        } => format!("Part.fraction({numerator}, {denominator})"),
        Part::Fixed { amount } => format!("Part.fixed({})", decimal_repr(amount)),
        Part::Balance => "Part.balance()".to_string(),
        other => format!(
            "Part.from_dict({})",
            serde_json::to_string(other).unwrap_or_default()
        ),
    }
}
