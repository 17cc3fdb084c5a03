"""Exercises the typed surface of ar_core: `mypy --strict` checks this file against the stubs,
and test_quickstart.py runs it, so the stubs and the runtime cannot drift apart unnoticed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from typing_extensions import assert_type

import ar_core
from ar_core import (
    BusinessCalendar,
    CurrencyInfo,
    DateStep,
    DiscountOffer,
    DiscountTier,
    Installment,
    Part,
    Schedule,
    TermLine,
    Terms,
)


def money_and_splits() -> None:
    info = ar_core.currency_info("JPY")
    assert_type(info, CurrencyInfo)
    assert_type(info.minor_units, "int | None")
    assert_type(info.code, str)
    rounded = ar_core.round_money(Decimal("2.345"), "EUR", mode="half_even", increment=None)
    assert_type(rounded, Decimal)
    parts = ar_core.split(
        Decimal("5.47"),
        "EUR",
        [Part.fraction(1, 3), {"type": "fraction", "numerator": 1, "denominator": 3}, Part.balance()],
        rounding="half_up",
        residual="last",
        allow_negative=False,
    )
    assert_type(parts, "list[Decimal]")
    assert [str(p) for p in parts] == ["1.82", "1.82", "1.83"]
    kind: str = Part.percent(30).type
    assert kind == "percent"


def calendars() -> None:
    cal = BusinessCalendar(weekend=["Sat", "Sun"], holidays=[date(2024, 12, 25)])
    assert_type(cal.roll(date(2024, 6, 15), "modified_following"), date)
    assert_type(cal.is_business_day(date(2024, 6, 15)), bool)
    assert_type(cal.holidays, "list[date]")
    assert_type(BusinessCalendar.from_dict(cal.to_dict()), BusinessCalendar)


def terms() -> Terms:
    t = Terms(
        [
            TermLine(Part.percent(Decimal("30")), [DateStep.days(30)], [DiscountTier.percent_within(2, 10)]),
            TermLine(
                Part.balance(),
                [DateStep.months(1), DateStep.end_of_month()],
                [DiscountTier([DateStep.days(5)], amount=Decimal("1.00"))],
            ),
        ],
        rounding="half_up",
        residual="last",
        roll="following",
        basis="document",
    )
    assert_type(t.lines, "list[TermLine]")
    assert_type(t.lines[0].due, "list[DateStep]")
    assert_type(t.lines[0].discounts[0].deadline, "list[DateStep]")
    assert_type(t.roll, "ar_core._ar_core._Roll")
    shape: dict[str, Any] = t.to_dict()
    assert Terms.from_dict(shape) == t
    assert Terms.from_json(t.to_json()) == t
    assert_type(str(Terms.parse("1/10 EOM Net 30")), str)
    assert_type(ar_core.parse_terms("Net 30"), Terms)
    assert_type(ar_core.print_terms("net 30"), str)
    steps = [
        DateStep.day_of_month(0),
        DateStep.month(3),
        DateStep.next_weekday("Fri"),
        DateStep.proximo(10, cutoff=25),
        DateStep.from_dict({"type": "days", "days": 1}),
    ]
    assert len(steps) == 5
    assert TermLine.from_dict(t.lines[0].to_dict()) == t.lines[0]
    return t


def schedules(t: Terms) -> None:
    s = ar_core.schedule(t, date(2024, 1, 31), Decimal("1000.00"), "EUR")
    assert_type(s, Schedule)
    assert_type(s.total, Decimal)
    assert_type(s.currency, str)
    inst = s.installments[0]
    assert_type(inst, Installment)
    assert_type(inst.due_date, date)
    assert_type(inst.amount, Decimal)
    assert_type(inst.reason, str)
    offer = inst.discounts[0]
    assert_type(offer, DiscountOffer)
    assert_type(offer.deadline, date)
    assert_type(offer.amount_due, Decimal)
    as_dict: dict[str, Any] = s.to_dict()
    assert as_dict["total"] == "1000.00"
    ar_core.schedule(
        "2/10 Net 30",
        date(2024, 1, 15),
        1000,
        "USD",
        calendar=BusinessCalendar(),
        cash_increment=Decimal("0.05"),
        allow_negative=True,
    )
    ar_core.schedule({"lines": [{"portion": {"type": "balance"}}]}, date(2024, 1, 15), 1, "JPY", calendar={"holidays": []})


def errors() -> None:
    try:
        Terms.parse("Net -5")
    except ar_core.NotationError as e:
        assert_type(e.kind, str)
        assert e.kind == "parse_error"
    try:
        ar_core.currency_info("XYZ")
    except ar_core.ArCoreError as e:
        assert isinstance(e, ar_core.MoneyError) and isinstance(e, ValueError)
        assert e.kind == "unknown_currency"


if __name__ == "__main__":
    money_and_splits()
    calendars()
    schedules(terms())
    errors()
    print("ok", ar_core.__version__)
