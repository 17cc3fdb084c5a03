"""The shared fixtures (fixtures/terms/*.json) through the Python API.

Each case is rebuilt with Python values, not passed through as JSON: terms with
Terms.parse / Terms.from_dict, dates with datetime.date, amounts with Decimal, calendars with
BusinessCalendar(...). Amounts are compared as exact strings, scale included.
"""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest

import ar_core
from ar_core import BusinessCalendar, Part, Terms

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "terms"
CASES = sorted(FIXTURES.glob("*.json"))


def load(path: Path) -> dict[str, Any]:
    # parse_float=Decimal: should a fixture ever hold a JSON number with a fraction, it stays
    # exact (and is then refused where the shape wants a string)
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return case


def calendar(shape: dict[str, Any] | None) -> BusinessCalendar | None:
    if shape is None:
        return None
    return BusinessCalendar(
        weekend=shape.get("weekend"),
        holidays=[date.fromisoformat(h) for h in shape.get("holidays", [])],
    )


def money(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def run_schedule(case: dict[str, Any]) -> Any:
    if "notation" in case:
        assert "terms" not in case, "a case gives notation or terms, never both"
        terms = Terms.parse(case["notation"])
    else:
        terms = Terms.from_dict(case["terms"])
    options = case.get("options") or {}
    s = ar_core.schedule(
        terms,
        date.fromisoformat(case["base_date"]),
        Decimal(case["amount"]),
        case["currency"],
        calendar=calendar(options.get("calendar")),
        cash_increment=money(options.get("cash_increment")),
        allow_negative=options.get("allow_negative", False),
    )
    assert s.currency == ar_core.currency_info(case["currency"]).code
    assert sum(i.amount for i in s.installments) == s.total
    return {
        "installments": [
            {
                "due_date": i.due_date.isoformat(),
                "amount": str(i.amount),
                "discounts": [
                    {"deadline": o.deadline.isoformat(), "discount": str(o.discount), "amount_due": str(o.amount_due)}
                    for o in i.discounts
                ],
            }
            for i in s.installments
        ]
    }


def expected_schedule(expect: dict[str, Any]) -> Any:
    return {
        "installments": [
            {
                "due_date": i["due_date"],
                "amount": i["amount"],
                "discounts": [
                    {"deadline": o["deadline"], "discount": o["discount"], "amount_due": o["amount_due"]}
                    for o in i.get("discounts", [])
                ],
            }
            for i in expect["installments"]
        ]
    }


def run_split(case: dict[str, Any]) -> Any:
    options = case.get("options") or {}
    rounding = options.get("rounding") or {}
    parts = [Part.from_dict(p) for p in case["parts"]]
    result = ar_core.split(
        Decimal(case["total"]),
        case["currency"],
        parts,
        rounding=rounding.get("mode", "half_up"),
        increment=money(rounding.get("increment")),
        residual=options.get("residual", "last"),
        allow_negative=options.get("allow_negative", False),
    )
    assert sum(result) == Decimal(case["total"])
    return [str(x) for x in result]


def run_notation(case: dict[str, Any]) -> Any:
    terms = Terms.parse(case["input"])
    printed = str(terms)
    assert ar_core.print_terms(terms) == printed
    # print is total and parse(print(t)) == t
    assert Terms.parse(printed) == terms
    if "expect" in case and "terms" in case["expect"]:
        assert terms == Terms.from_dict(case["expect"]["terms"])
    return {"printed": printed}


def run_roll(case: dict[str, Any]) -> Any:
    cal = calendar(case["calendar"]) or BusinessCalendar()
    return cal.roll(date.fromisoformat(case["date"]), case["roll"]).isoformat()


RUNNERS: dict[str, tuple[Callable[[dict[str, Any]], Any], Callable[[Any], Any]]] = {
    "schedule": (run_schedule, expected_schedule),
    "split": (run_split, lambda e: e),
    "notation": (run_notation, lambda e: {"printed": e["printed"]}),
    "roll": (run_roll, lambda e: e),
}


def test_fixtures_are_there() -> None:
    assert CASES, f"no fixtures found in {FIXTURES}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture(path: Path) -> None:
    case = load(path)
    assert case["name"] == path.stem
    assert case.get("source"), "every case says where its expectation comes from"
    assert ("expect" in case) != ("error" in case), "a case has expect or error, not both"
    run, expected = RUNNERS[case["kind"]]
    if "error" in case:
        with pytest.raises(ar_core.ArCoreError) as e:
            run(case)
        assert e.value.kind == case["error"]["kind"], str(e.value)
        assert isinstance(e.value, ValueError)
    else:
        assert run(case) == expected(case["expect"])
