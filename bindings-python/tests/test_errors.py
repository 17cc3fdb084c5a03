"""Exceptions: class by core module, stable .kind, the core's message; wrong types are TypeError."""

from datetime import date, datetime
from decimal import Decimal

import pytest

import ar_core
from ar_core import DateStep, DiscountTier, Part, TermLine, Terms, schedule


def test_hierarchy() -> None:
    for cls in (ar_core.MoneyError, ar_core.AllocationError, ar_core.CalendarError, ar_core.TermsError, ar_core.NotationError):
        assert issubclass(cls, ar_core.ArCoreError)
    assert issubclass(ar_core.ArCoreError, ValueError)


@pytest.mark.parametrize(
    ("call", "cls", "kind", "message"),
    [
        (
            lambda: Terms.parse("Net -5"),
            ar_core.NotationError,
            "parse_error",
            "at 4: expected a non-negative number of days after `Net`, found `-5`",
        ),
        (
            lambda: schedule("Net 30", date(2024, 1, 15), Decimal("100.00"), "XYZ"),
            ar_core.MoneyError,
            "unknown_currency",
            "unknown currency `XYZ`",
        ),
        (
            lambda: ar_core.currency_info("XYZ"),
            ar_core.MoneyError,
            "unknown_currency",
            "unknown currency `XYZ`",
        ),
        (
            # Net 10 from 1 Jan 2024 is due 11 Jan; a 2 % tier within 20 days ends 21 Jan
            lambda: schedule(
                Terms([TermLine(Part.balance(), [DateStep.days(10)], [DiscountTier.percent_within(2, 20)])]),
                date(2024, 1, 1),
                Decimal("100.00"),
                "EUR",
            ),
            ar_core.TermsError,
            "discount_after_due_date",
            "discount deadline `2024-01-21` of line 0 is after its due date `2024-01-11`",
        ),
        (
            lambda: schedule(Terms([]), date(2024, 1, 1), Decimal("1.00"), "EUR"),
            ar_core.TermsError,
            "no_lines",
            "payment terms need at least one line",
        ),
        (
            lambda: schedule(
                Terms([TermLine(Part.balance(), [DateStep.day_of_month(40)])]), date(2024, 1, 1), Decimal("1.00"), "EUR"
            ),
            ar_core.TermsError,
            "invalid_day",
            "day of month `40` is out of range 0..=31 (0 means the last day)",
        ),
        (
            # an allocation error raised inside schedule is reported by its own module
            lambda: schedule(
                Terms([TermLine(Part.balance(), [DateStep.days(1)]), TermLine(Part.percent(10), [])]),
                date(2024, 1, 1),
                Decimal("1.00"),
                "EUR",
            ),
            ar_core.AllocationError,
            "balance_not_last",
            "the balance part must be the last part, found it at position 0",
        ),
        (
            lambda: ar_core.BusinessCalendar(weekend=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]).roll(
                date(2024, 1, 1), "following"
            ),
            ar_core.CalendarError,
            "no_business_days",
            "the calendar has no business days: all seven weekdays are weekend days",
        ),
    ],
)
def test_core_errors(call: object, cls: type, kind: str, message: str) -> None:
    with pytest.raises(cls) as e:
        call()  # type: ignore[operator]
    err = e.value
    assert isinstance(err, ar_core.ArCoreError)
    assert isinstance(err, ValueError)
    assert err.kind == kind
    assert str(err) == message


@pytest.mark.parametrize("amount", [100.0, 1e2, True])
def test_float_or_bool_amount_is_a_type_error(amount: object) -> None:
    with pytest.raises(TypeError, match="`amount` must be a decimal.Decimal or an int"):
        schedule("Net 30", date(2024, 1, 15), amount, "EUR")  # type: ignore[arg-type]


def test_float_message_shows_the_fix() -> None:
    with pytest.raises(TypeError) as e:
        schedule("Net 30", date(2024, 1, 15), 0.1, "EUR")  # type: ignore[arg-type]
    assert 'write Decimal("0.1") instead' in str(e.value)


def test_other_wrong_types() -> None:
    d = date(2024, 1, 15)
    with pytest.raises(TypeError, match="not str"):
        schedule("Net 30", d, "100.00", "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a float"):
        ar_core.round_money(2.5, "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`total` must be"):
        ar_core.split(10.0, "EUR", [Part.balance()])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`percent` must be"):
        Part.percent(2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`cash_increment` must be"):
        schedule("Net 30", d, Decimal("1.00"), "CHF", cash_increment=0.05)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a datetime.datetime"):
        schedule("Net 30", datetime(2024, 1, 15, 23, 30), Decimal("1.00"), "EUR")
    with pytest.raises(TypeError, match="`base_date` must be a datetime.date, not str"):
        schedule("Net 30", "2024-01-15", Decimal("1.00"), "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`terms` must be a Terms, a notation str or a dict"):
        schedule(30, d, Decimal("1.00"), "EUR")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        schedule("Net 30", d, Decimal("1.00"), "EUR", None)  # type: ignore[call-arg]  # options are keyword-only


def test_decimals_are_exact_or_refused() -> None:
    # Decimal('1E+3') is exactly 1000; scale is kept from the fixed-point form
    assert str(ar_core.round_money(Decimal("1E+3"), "JPY")) == "1000"
    for bad in (Decimal("NaN"), Decimal("Infinity"), Decimal("1.00000000000000000000000000001")):
        with pytest.raises(ValueError, match="is not a finite decimal of at most 28 significant digits"):
            ar_core.round_money(bad, "EUR")
    # a big int beyond rust_decimal's range is refused, not rounded
    with pytest.raises(ValueError):
        ar_core.round_money(10**30, "EUR")
