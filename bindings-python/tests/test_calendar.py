"""BusinessCalendar: weekends, holidays, roll conventions."""

import pickle
from datetime import date

import pytest

import ar_core
from ar_core import BusinessCalendar


def test_saturday_rolls_to_monday() -> None:
    cal = BusinessCalendar()  # Saturday and Sunday off
    saturday = date(2024, 6, 15)
    assert not cal.is_business_day(saturday)
    assert cal.roll(saturday, "following") == date(2024, 6, 17)  # Monday
    assert cal.roll(saturday) == date(2024, 6, 17)  # following is the default
    assert cal.roll(saturday, "preceding") == date(2024, 6, 14)  # Friday
    assert cal.roll(saturday, "none") == saturday


def test_modified_conventions_stay_in_the_month() -> None:
    cal = BusinessCalendar.weekends_only()
    # Sat 30 Nov 2024: following would be Mon 2 Dec, so modified following goes back to Fri 29
    assert cal.roll(date(2024, 11, 30), "modified_following") == date(2024, 11, 29)
    # Sun 1 Dec 2024: preceding would be Fri 29 Nov, so modified preceding goes on to Mon 2 Dec
    assert cal.roll(date(2024, 12, 1), "modified_preceding") == date(2024, 12, 2)


def test_holidays_and_custom_weekend() -> None:
    # 25, 26 and Fri 27 Dec 2024 off; following from the 25th skips the weekend too: Mon 30
    xmas = [date(2024, 12, 25), date(2024, 12, 26), date(2024, 12, 27)]
    cal = BusinessCalendar(weekend=["Sat", "Sun"], holidays=xmas)
    assert cal.roll(date(2024, 12, 25), "following") == date(2024, 12, 30)
    assert cal.holidays == xmas
    # a Friday-Saturday weekend, names in any case and length
    gulf = BusinessCalendar(weekend=["friday", "SAT"])
    assert gulf.weekend == ["Fri", "Sat"]
    assert gulf.is_business_day(date(2024, 6, 16))  # a Sunday
    assert not gulf.is_business_day(date(2024, 6, 14))  # a Friday


def test_dict_repr_eq_pickle() -> None:
    cal = BusinessCalendar(holidays=[date(2024, 12, 25)])
    assert cal.to_dict() == {"weekend": ["Sat", "Sun"], "holidays": ["2024-12-25"]}
    assert BusinessCalendar.from_dict(cal.to_dict()) == cal
    assert BusinessCalendar.from_dict({"holidays": [date(2024, 12, 25)]}) == cal
    assert repr(cal) == "BusinessCalendar(weekend=['Sat', 'Sun'], holidays=[datetime.date(2024, 12, 25)])"
    assert pickle.loads(pickle.dumps(cal)) == cal
    assert hash(cal) == hash(BusinessCalendar(holidays=[date(2024, 12, 25)]))


def test_errors() -> None:
    every_day = BusinessCalendar(weekend=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    with pytest.raises(ar_core.CalendarError) as e:
        every_day.roll(date(2024, 1, 1), "following")
    assert e.value.kind == "no_business_days"
    assert str(e.value) == "the calendar has no business days: all seven weekdays are weekend days"
    assert isinstance(e.value, ValueError)
    with pytest.raises(ValueError, match="invalid weekday `Caturday`"):
        BusinessCalendar(weekend=["Caturday"])
    with pytest.raises(TypeError, match="`weekend` must be a list"):
        BusinessCalendar(weekend="Sat")
    with pytest.raises(ValueError, match="invalid roll"):
        BusinessCalendar().roll(date(2024, 1, 1), "sideways")  # type: ignore[arg-type]
