//! Payment terms, the text notation and schedules: `DateStep`, `DiscountTier`, `TermLine`,
//! `Terms`, `parse_terms`, `print_terms`, `schedule` and its result classes.

use std::ops::Deref;

use ar_core::allocation::ResidualPolicy;
use ar_core::calendar::Roll;
use ar_core::money::RoundingMode;
use ar_core::notation;
use ar_core::terms::{
    DateBasis, DateStep, DiscountOffer, DiscountTier, DiscountValue, Installment, Schedule,
    ScheduleOptions, TermLine, Terms,
};
use chrono::{NaiveDate, Weekday};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};
use rust_decimal::Decimal;

use crate::calendar::calendar_arg;
use crate::convert::{
    date_arg, date_repr, decimal_arg, decimal_repr, enum_arg, enum_tag, from_py_json, list_repr,
    opt_decimal_arg, py_json_text, reduce_via_dict, str_arg, str_repr, to_json_str, to_py_json,
    type_name, wrapped_list, wrapped_or_dict, Wrapper,
};
use crate::errors::CoreResultExt;
use crate::macros::wrap;
use crate::money::{currency_arg, part_repr, PyPart};

/// The `type` tag of a value whose JSON shape is an internally tagged object.
fn type_tag<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Object(m)) => m
            .get("type")
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_string(),
        _ => enum_tag(value),
    }
}

wrap!(
    /// One step of a due-date rule; a rule is a list of steps applied to the base date in order.
    PyDateStep,
    "DateStep",
    DateStep
);

#[pymethods]
impl PyDateStep {
    /// Add (or, negative, subtract) calendar days.
    #[classmethod]
    fn days(_cls: &Bound<'_, PyType>, days: i32) -> Self {
        PyDateStep(DateStep::Days { days })
    }

    /// Add (or subtract) calendar months, clamping the day to the month's length.
    #[classmethod]
    fn months(_cls: &Bound<'_, PyType>, months: i32) -> Self {
        PyDateStep(DateStep::Months { months })
    }

    /// Move to the last day of the month.
    #[classmethod]
    fn end_of_month(_cls: &Bound<'_, PyType>) -> Self {
        PyDateStep(DateStep::EndOfMonth)
    }

    /// Move to day `day` of the month (clamped; 0 = last day).
    #[classmethod]
    fn day_of_month(_cls: &Bound<'_, PyType>, day: u8) -> Self {
        PyDateStep(DateStep::DayOfMonth { day })
    }

    /// Move to month `month` (1..=12) of the same year, clamping the day.
    #[classmethod]
    fn month(_cls: &Bound<'_, PyType>, month: u8) -> Self {
        PyDateStep(DateStep::Month { month })
    }

    /// Move forward to `weekday` (`"Mon"`..`"Sun"`, or full English names); a date already
    /// on it stays.
    #[classmethod]
    fn next_weekday(_cls: &Bound<'_, PyType>, weekday: &Bound<'_, PyAny>) -> PyResult<Self> {
        let weekday = enum_arg::<Weekday>(&str_arg(weekday, "weekday")?, "weekday")?;
        Ok(PyDateStep(DateStep::NextWeekday { weekday }))
    }

    /// GnuCash's proximo: day `day` of the next month, or of the month after for dates after
    /// `cutoff` (0 = month end).
    #[classmethod]
    #[pyo3(signature = (day, cutoff = 0))]
    fn proximo(_cls: &Bound<'_, PyType>, day: u8, cutoff: i8) -> Self {
        PyDateStep(DateStep::Proximo { day, cutoff })
    }

    /// A step from a dict of its JSON shape: `{"type": "days", "days": 30}`.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py_json(data, "date step").map(PyDateStep)
    }

    /// The JSON shape as Python objects.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    /// The step's tag: `"days"`, `"months"`, `"end_of_month"`, `"day_of_month"`, `"month"`,
    /// `"next_weekday"`, `"proximo"`.
    #[getter(r#type)]
    fn kind(&self) -> String {
        type_tag(&self.0)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce_via_dict(slf)
    }

    fn __repr__(&self) -> String {
        step_repr(&self.0)
    }
}

fn step_repr(step: &DateStep) -> String {
    match step {
        DateStep::Days { days } => format!("DateStep.days({days})"),
        DateStep::Months { months } => format!("DateStep.months({months})"),
        DateStep::EndOfMonth => "DateStep.end_of_month()".to_string(),
        DateStep::DayOfMonth { day } => format!("DateStep.day_of_month({day})"),
        DateStep::Month { month } => format!("DateStep.month({month})"),
        DateStep::NextWeekday { weekday } => {
            format!("DateStep.next_weekday('{}')", enum_tag(weekday))
        }
        DateStep::Proximo { day, cutoff } => format!("DateStep.proximo({day}, cutoff={cutoff})"),
        other => format!(
            "DateStep.from_dict({})",
            serde_json::to_string(other).unwrap_or_default()
        ),
    }
}

fn steps_repr(steps: &[DateStep]) -> String {
    list_repr(steps, step_repr)
}

wrap!(
    /// An early-payment discount tier: a percent or fixed amount, earned until a deadline
    /// (inclusive) given as steps from the base date.
    PyDiscountTier,
    "DiscountTier",
    DiscountTier
);

#[pymethods]
impl PyDiscountTier {
    /// `DiscountTier([DateStep.days(10)], percent=Decimal("2"))` or `amount=Decimal("5.00")`:
    /// exactly one of `percent` and `amount`.
    #[new]
    #[pyo3(signature = (deadline, *, percent = None, amount = None))]
    fn new(
        deadline: &Bound<'_, PyAny>,
        percent: Option<&Bound<'_, PyAny>>,
        amount: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let value = match (
            opt_decimal_arg(percent, "percent")?,
            opt_decimal_arg(amount, "amount")?,
        ) {
            (Some(percent), None) => DiscountValue::Percent { percent },
            (None, Some(amount)) => DiscountValue::Fixed { amount },
            _ => {
                return Err(PyTypeError::new_err(
                    "DiscountTier takes exactly one of `percent` and `amount`",
                ))
            }
        };
        Ok(PyDiscountTier(DiscountTier {
            value,
            deadline: wrapped_list::<PyDateStep>(deadline, "deadline")?,
        }))
    }

    /// `percent` % if paid by `deadline` (steps from the base date).
    #[classmethod]
    fn percent(
        _cls: &Bound<'_, PyType>,
        percent: &Bound<'_, PyAny>,
        deadline: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Ok(PyDiscountTier(DiscountTier {
            value: DiscountValue::Percent {
                percent: decimal_arg(percent, "percent")?,
            },
            deadline: wrapped_list::<PyDateStep>(deadline, "deadline")?,
        }))
    }

    /// A fixed `amount` off if paid by `deadline` (sign follows the document).
    #[classmethod]
    fn fixed(
        _cls: &Bound<'_, PyType>,
        amount: &Bound<'_, PyAny>,
        deadline: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Ok(PyDiscountTier(DiscountTier {
            value: DiscountValue::Fixed {
                amount: decimal_arg(amount, "amount")?,
            },
            deadline: wrapped_list::<PyDateStep>(deadline, "deadline")?,
        }))
    }

    /// `percent` % if paid within `days` days of the base date ("2/10").
    #[classmethod]
    fn percent_within(
        _cls: &Bound<'_, PyType>,
        percent: &Bound<'_, PyAny>,
        days: i32,
    ) -> PyResult<Self> {
        Ok(PyDiscountTier(DiscountTier::percent_within(
            decimal_arg(percent, "percent")?,
            days,
        )))
    }

    /// The deadline as steps from the base date.
    #[getter]
    fn deadline(&self) -> Vec<PyDateStep> {
        self.0.deadline.iter().cloned().map(PyDateStep).collect()
    }

    /// A tier from a dict of its JSON shape.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py_json(data, "discount tier").map(PyDiscountTier)
    }

    /// The JSON shape as Python objects (decimals as `str`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce_via_dict(slf)
    }

    fn __repr__(&self) -> String {
        tier_repr(&self.0)
    }
}

fn tier_repr(tier: &DiscountTier) -> String {
    let deadline = steps_repr(&tier.deadline);
    match &tier.value {
        DiscountValue::Percent { percent } => {
            format!(
                "DiscountTier.percent({}, {deadline})",
                decimal_repr(percent)
            )
        }
        DiscountValue::Fixed { amount } => {
            format!("DiscountTier.fixed({}, {deadline})", decimal_repr(amount))
        }
        _ => format!(
            "DiscountTier.from_dict({})",
            serde_json::to_string(tier).unwrap_or_default()
        ),
    }
}

wrap!(
    /// One installment line: its portion, due-date rule and discount tiers.
    PyTermLine,
    "TermLine",
    TermLine
);

#[pymethods]
impl PyTermLine {
    /// `TermLine(Part.balance(), [DateStep.days(30)], [DiscountTier.percent_within(2, 10)])`.
    /// Each item may also be a dict of its JSON shape.
    #[new]
    #[pyo3(signature = (portion, due = None, discounts = None))]
    fn new(
        portion: &Bound<'_, PyAny>,
        due: Option<&Bound<'_, PyAny>>,
        discounts: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let portion = wrapped_or_dict::<PyPart>(portion, "portion")?;
        let due = match due {
            Some(d) if !d.is_none() => wrapped_list::<PyDateStep>(d, "due")?,
            _ => Vec::new(),
        };
        let discounts = match discounts {
            Some(d) if !d.is_none() => wrapped_list::<PyDiscountTier>(d, "discounts")?,
            _ => Vec::new(),
        };
        let mut line = TermLine::new(portion, due);
        line.discounts = discounts;
        Ok(PyTermLine(line))
    }

    /// The share of the amount this line carries.
    #[getter]
    fn portion(&self) -> PyPart {
        PyPart(self.0.portion.clone())
    }

    /// The due-date rule (empty: due on the base date).
    #[getter]
    fn due(&self) -> Vec<PyDateStep> {
        self.0.due.iter().cloned().map(PyDateStep).collect()
    }

    /// The discount tiers.
    #[getter]
    fn discounts(&self) -> Vec<PyDiscountTier> {
        self.0
            .discounts
            .iter()
            .cloned()
            .map(PyDiscountTier)
            .collect()
    }

    /// A line from a dict of its JSON shape.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py_json(data, "term line").map(PyTermLine)
    }

    /// The JSON shape as Python objects (decimals as `str`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce_via_dict(slf)
    }

    fn __repr__(&self) -> String {
        line_repr(&self.0)
    }
}

fn line_repr(line: &TermLine) -> String {
    let mut s = format!(
        "TermLine({}, {}",
        part_repr(&line.portion),
        steps_repr(&line.due)
    );
    if !line.discounts.is_empty() {
        s.push_str(", ");
        s.push_str(&list_repr(&line.discounts, tier_repr));
    }
    s.push(')');
    s
}

wrap!(
    /// Payment terms: installment lines plus how amounts are rounded and dates rolled.
    /// `str(terms)` is the text notation.
    PyTerms,
    "Terms",
    Terms
);

#[pymethods]
impl PyTerms {
    /// `Terms([TermLine(...), ...], rounding="half_up", residual="last", roll="none",
    /// basis="document")`. Lines may also be dicts of their JSON shape.
    #[new]
    #[pyo3(signature = (
        lines, *, rounding = "half_up".to_string(), residual = "last".to_string(),
        roll = "none".to_string(), basis = "document".to_string()
    ), text_signature = "(lines, *, rounding='half_up', residual='last', roll='none', basis='document')")]
    fn new(
        lines: &Bound<'_, PyAny>,
        rounding: String,
        residual: String,
        roll: String,
        basis: String,
    ) -> PyResult<Self> {
        let mut terms = Terms::new(wrapped_list::<PyTermLine>(lines, "lines")?);
        terms.rounding = enum_arg::<RoundingMode>(&rounding, "rounding mode")?;
        terms.residual = enum_arg::<ResidualPolicy>(&residual, "residual")?;
        terms.roll = enum_arg::<Roll>(&roll, "roll")?;
        terms.basis = enum_arg::<DateBasis>(&basis, "basis")?;
        Ok(PyTerms(terms))
    }

    /// Parses the text notation: `Terms.parse("2/10 Net 30")`.
    #[classmethod]
    fn parse(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = str_arg(text, "text")?;
        notation::parse(&text).py(py).map(PyTerms)
    }

    /// Terms from a dict of the JSON shape (decimals as `str` or `Decimal`, never `float`),
    /// read and checked by the core's `Terms::from_json`.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        terms_from_py_dict(data).map(PyTerms)
    }

    /// Terms from their JSON text (the core's `Terms::from_json`).
    #[classmethod]
    fn from_json(cls: &Bound<'_, PyType>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = str_arg(text, "text")?;
        Terms::from_json(&text).py(cls.py()).map(PyTerms)
    }

    /// The JSON shape as Python objects (decimals as `str`): `json.loads(terms.to_json())`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    /// The JSON text (compact, every field present): the core's `Terms::to_json`.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The installment lines.
    #[getter]
    fn lines(&self) -> Vec<PyTermLine> {
        self.0.lines.iter().cloned().map(PyTermLine).collect()
    }

    /// The rounding mode tag, e.g. `"half_up"`.
    #[getter]
    fn rounding(&self) -> String {
        enum_tag(&self.0.rounding)
    }

    /// Which line takes the rounding residual: `"last"`, `"first"`, `"largest_remainder"`.
    #[getter]
    fn residual(&self) -> String {
        enum_tag(&self.0.residual)
    }

    /// The roll convention tag, e.g. `"following"`.
    #[getter]
    fn roll(&self) -> String {
        enum_tag(&self.0.roll)
    }

    /// Which document date the base date is: `"document"`, `"delivery"`, `"receipt"`,
    /// `"given"`.
    #[getter]
    fn basis(&self) -> String {
        enum_tag(&self.0.basis)
    }

    fn __str__(&self) -> String {
        notation::print(&self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Terms.parse({})", str_repr(py, &notation::print(&self.0)))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.get_type().getattr("from_json")?;
        Ok((from_json, (slf.get().0.to_json(),)))
    }
}

/// Terms from a dict of the JSON shape, through the core's `Terms::from_json` so that every
/// binding reads (and checks) terms the same way.
fn terms_from_py_dict(data: &Bound<'_, PyAny>) -> PyResult<Terms> {
    let text = py_json_text(data, "terms")?;
    Terms::from_json(&text).py(data.py())
}

/// Terms borrowed from a `Terms` object, or made from a notation string or a dict.
enum TermsArg<'a> {
    Borrowed(&'a Terms),
    Owned(Terms),
}

impl Deref for TermsArg<'_> {
    type Target = Terms;
    fn deref(&self) -> &Terms {
        match self {
            TermsArg::Borrowed(t) => t,
            TermsArg::Owned(t) => t,
        }
    }
}

fn terms_arg<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<TermsArg<'a>> {
    let py = obj.py();
    if let Ok(t) = obj.cast::<PyTerms>() {
        return Ok(TermsArg::Borrowed(t.get().core()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return notation::parse(&s.to_cow()?).py(py).map(TermsArg::Owned);
    }
    if obj.is_instance_of::<PyDict>() {
        return terms_from_py_dict(obj).map(TermsArg::Owned);
    }
    Err(PyTypeError::new_err(format!(
        "`terms` must be a Terms, a notation str or a dict, not {}",
        type_name(obj)
    )))
}

/// `parse_terms(text)`: the same as `Terms.parse(text)`.
#[pyfunction]
pub(crate) fn parse_terms(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyTerms> {
    let text = str_arg(text, "text")?;
    notation::parse(&text).py(py).map(PyTerms)
}

/// `print_terms(terms)`: the canonical text notation (the same as `str(terms)`).
#[pyfunction]
pub(crate) fn print_terms(terms: &Bound<'_, PyAny>) -> PyResult<String> {
    let terms = terms_arg(terms)?;
    Ok(notation::print(&terms))
}

/// `schedule(terms, base_date, amount, currency, *, calendar=None, cash_increment=None,
/// allow_negative=False)`: the full schedule. The GIL is released while the core computes.
#[pyfunction]
#[pyo3(signature = (
    terms, base_date, amount, currency, *, calendar = None, cash_increment = None,
    allow_negative = false
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn schedule(
    py: Python<'_>,
    terms: &Bound<'_, PyAny>,
    base_date: &Bound<'_, PyAny>,
    amount: &Bound<'_, PyAny>,
    currency: &Bound<'_, PyAny>,
    calendar: Option<&Bound<'_, PyAny>>,
    cash_increment: Option<&Bound<'_, PyAny>>,
    allow_negative: bool,
) -> PyResult<PySchedule> {
    let terms = terms_arg(terms)?;
    let base_date = date_arg(base_date, "base_date")?;
    let amount = decimal_arg(amount, "amount")?;
    let currency = currency_arg(py, &str_arg(currency, "currency")?)?;
    let options = ScheduleOptions {
        calendar: calendar_arg(calendar)?,
        cash_increment: opt_decimal_arg(cash_increment, "cash_increment")?,
        allow_negative,
    };
    // A schedule takes microseconds: releasing and re-taking the GIL would cost a sizeable
    // share of that, so this call keeps it (bulk functions over whole ledgers release it).
    ar_core::terms::schedule(&terms, base_date, amount, currency, &options)
        .py(py)
        .map(PySchedule)
}

wrap!(
    /// An early-payment discount offered on one installment.
    PyDiscountOffer,
    "DiscountOffer",
    DiscountOffer
);

#[pymethods]
impl PyDiscountOffer {
    /// The last day (inclusive) the discount is earned.
    #[getter]
    fn deadline(&self) -> NaiveDate {
        self.0.deadline
    }

    /// The discount, rounded to the currency.
    #[getter]
    fn discount(&self) -> Decimal {
        self.0.discount
    }

    /// What settles the installment by the deadline: amount minus discount.
    #[getter]
    fn amount_due(&self) -> Decimal {
        self.0.amount_due
    }

    /// The JSON shape as Python objects (decimals and dates as `str`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    fn __repr__(&self) -> String {
        offer_repr(&self.0)
    }
}

fn offer_repr(o: &DiscountOffer) -> String {
    format!(
        "DiscountOffer(deadline={}, discount={}, amount_due={})",
        date_repr(&o.deadline),
        decimal_repr(&o.discount),
        decimal_repr(&o.amount_due)
    )
}

wrap!(
    /// One installment of a schedule.
    PyInstallment,
    "Installment",
    Installment
);

#[pymethods]
impl PyInstallment {
    /// The due date, after the business-day roll.
    #[getter]
    fn due_date(&self) -> NaiveDate {
        self.0.due_date
    }

    /// The amount due.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount
    }

    /// Early-payment discounts, one per tier.
    #[getter]
    fn discounts(&self) -> Vec<PyDiscountOffer> {
        self.0
            .discounts
            .iter()
            .cloned()
            .map(PyDiscountOffer)
            .collect()
    }

    /// How the due date was reached, for people.
    #[getter]
    fn reason(&self) -> &str {
        &self.0.reason
    }

    /// The JSON shape as Python objects (decimals and dates as `str`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    fn __repr__(&self) -> String {
        installment_repr(&self.0)
    }
}

fn installment_repr(i: &Installment) -> String {
    format!(
        "Installment(due_date={}, amount={}, discounts={})",
        date_repr(&i.due_date),
        decimal_repr(&i.amount),
        list_repr(&i.discounts, offer_repr)
    )
}

wrap!(
    /// The schedule of a term for an amount and a base date; installments sum to `total`.
    PySchedule,
    "Schedule",
    Schedule
);

#[pymethods]
impl PySchedule {
    /// The amount scheduled.
    #[getter]
    fn total(&self) -> Decimal {
        self.0.total
    }

    /// The ISO code of the currency.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.currency.code()
    }

    /// The installments, in the terms' line order.
    #[getter]
    fn installments(&self) -> Vec<PyInstallment> {
        self.0
            .installments
            .iter()
            .cloned()
            .map(PyInstallment)
            .collect()
    }

    /// The JSON shape as Python objects (decimals and dates as `str`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    /// The JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json_str(&self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "Schedule(total={}, currency='{}', installments={})",
            decimal_repr(&self.0.total),
            self.0.currency.code(),
            list_repr(&self.0.installments, installment_repr)
        )
    }
}
