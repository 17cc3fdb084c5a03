//! `BusinessCalendar`: host-supplied weekends and holidays, and roll conventions.

use ar_core::calendar::{BusinessCalendar, Roll};
use chrono::{NaiveDate, Weekday};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::convert::{
    date_arg, date_repr, enum_arg, enum_tag, from_py_json, iter_arg, list_repr, reduce_via_dict,
    str_arg, to_py_json,
};
use crate::errors::CoreResultExt;
use crate::macros::wrap;

wrap!(
    /// A business-day calendar: weekend days plus holiday dates, both supplied by the host.
    PyBusinessCalendar,
    "BusinessCalendar",
    BusinessCalendar
);

#[pymethods]
impl PyBusinessCalendar {
    /// `BusinessCalendar(weekend=["Sat", "Sun"], holidays=[date(2024, 12, 25)])`.
    ///
    /// Weekdays are English names, short or long, any case (the JSON shape's strings).
    /// Without `weekend`, Saturday and Sunday are off.
    #[new]
    #[pyo3(signature = (weekend = None, holidays = None))]
    fn new(
        weekend: Option<&Bound<'_, PyAny>>,
        holidays: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut calendar = BusinessCalendar::weekends_only();
        if let Some(w) = weekend.filter(|w| !w.is_none()) {
            calendar.weekend = iter_arg(w, "weekend")?
                .iter()
                .enumerate()
                .map(|(i, day)| {
                    let what = format!("weekend[{i}]");
                    enum_arg::<Weekday>(&str_arg(day, &what)?, "weekday")
                })
                .collect::<PyResult<_>>()?;
        }
        if let Some(h) = holidays.filter(|h| !h.is_none()) {
            calendar.holidays = iter_arg(h, "holidays")?
                .iter()
                .enumerate()
                .map(|(i, d)| date_arg(d, &format!("holidays[{i}]")))
                .collect::<PyResult<_>>()?;
        }
        Ok(PyBusinessCalendar(calendar))
    }

    /// Saturday and Sunday off, no holidays.
    #[classmethod]
    fn weekends_only(_cls: &Bound<'_, PyType>) -> Self {
        PyBusinessCalendar(BusinessCalendar::weekends_only())
    }

    /// The weekend days as short English names, e.g. `["Sat", "Sun"]`.
    #[getter]
    fn weekend(&self) -> Vec<String> {
        self.0.weekend.iter().map(enum_tag).collect()
    }

    /// The holidays, in date order.
    #[getter]
    fn holidays(&self) -> Vec<NaiveDate> {
        self.0.holidays.iter().copied().collect()
    }

    /// Whether `date` is a business day.
    fn is_business_day(&self, date: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.is_business_day(date_arg(date, "date")?))
    }

    /// Moves `date` to a business day by `roll` (`"none"`, `"following"`,
    /// `"modified_following"`, `"preceding"`, `"modified_preceding"`).
    #[pyo3(signature = (date, roll = "following".to_string()), text_signature = "($self, date, roll='following')")]
    fn roll(&self, py: Python<'_>, date: &Bound<'_, PyAny>, roll: String) -> PyResult<NaiveDate> {
        let date = date_arg(date, "date")?;
        let roll = enum_arg::<Roll>(&roll, "roll")?;
        self.0.roll(date, roll).py(py)
    }

    /// A calendar from a dict of its JSON shape:
    /// `{"weekend": ["Sat", "Sun"], "holidays": ["2024-12-25"]}`.
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py_json(data, "calendar").map(PyBusinessCalendar)
    }

    /// The JSON shape as Python objects (dates as ISO `str`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyAny>,))> {
        reduce_via_dict(slf)
    }

    fn __repr__(&self) -> String {
        format!(
            "BusinessCalendar(weekend={}, holidays={})",
            list_repr(&self.0.weekend, |d| format!("'{}'", enum_tag(d))),
            list_repr(&self.holidays(), date_repr)
        )
    }
}

/// Reads the `calendar=` option: a `BusinessCalendar`, a dict of its JSON shape, or `None`.
pub(crate) fn calendar_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<BusinessCalendar>> {
    match obj {
        Some(o) if !o.is_none() => {
            crate::convert::wrapped_or_dict::<PyBusinessCalendar>(o, "calendar").map(Some)
        }
        _ => Ok(None),
    }
}
