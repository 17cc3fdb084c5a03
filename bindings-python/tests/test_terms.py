"""Terms and their parts: classes, notation, dict and JSON forms, equality, repr, pickle."""

import json
import pickle
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import ar_core
from ar_core import DateStep, DiscountTier, Part, TermLine, Terms, parse_terms, print_terms

# "1/10 EOM Net 30" as classes (docs/notation.md): 1 % until 10 days after the end of the
# month; with every tier EOM-dated, Net 30 also counts from the end of the month.
EOM_DATING = Terms(
    [
        TermLine(
            Part.balance(),
            [DateStep.end_of_month(), DateStep.days(30)],
            [DiscountTier.percent(1, [DateStep.end_of_month(), DateStep.days(10)])],
        )
    ]
)


def test_eom_dating_parses_and_prints_back() -> None:
    terms = Terms.parse("1/10 EOM Net 30")
    assert str(terms) == "1/10 EOM Net 30"
    assert terms == EOM_DATING
    assert print_terms(EOM_DATING) == "1/10 EOM Net 30"
    assert parse_terms("1/10 EOM Net 30") == terms
    # the accepted, non-canonical spelling is the same terms
    assert Terms.parse("1/10 EOM Net 30 EOM") == terms
    assert print_terms("1/10 eom net 30") == "1/10 EOM Net 30"


@pytest.mark.parametrize(
    "text",
    ["Net 30", "Due on receipt", "2/10 Net 30", "Net 30 EOM", "10th Prox", "30/60/90", "3/10, 2/20 Net 30"],
)
def test_canonical_notation_round_trips(text: str) -> None:
    assert str(Terms.parse(text)) == text


def test_notation_structure() -> None:
    # "30/60/90": three exact thirds due 30, 60 and 90 days after the base date
    t = Terms.parse("30/60/90")
    assert [line.portion for line in t.lines] == [Part.fraction(1, 3)] * 3
    assert [line.due for line in t.lines] == [[DateStep.days(30)], [DateStep.days(60)], [DateStep.days(90)]]
    # "10th Prox cutoff 25": GnuCash proximo
    assert Terms.parse("10th Prox cutoff 25").lines[0].due == [DateStep.proximo(10, cutoff=25)]
    # options in braces
    assert Terms.parse("Net 30 {roll modified_following}").roll == "modified_following"


def test_classes_attributes_and_defaults() -> None:
    t = EOM_DATING
    assert (t.rounding, t.residual, t.roll, t.basis) == ("half_up", "last", "none", "document")
    line = t.lines[0]
    assert line.portion == Part.balance()
    assert line.due == [DateStep.end_of_month(), DateStep.days(30)]
    assert line.discounts[0].deadline == [DateStep.end_of_month(), DateStep.days(10)]
    assert TermLine(Part.balance()).due == [] and TermLine(Part.balance()).discounts == []
    t2 = Terms([TermLine(Part.balance(), [DateStep.days(30)])], rounding="half_even", residual="first",
               roll="following", basis="delivery")
    assert (t2.rounding, t2.residual, t2.roll, t2.basis) == ("half_even", "first", "following", "delivery")
    assert str(t2) == "Net 30 {rounding half_even, residual first, roll following, basis delivery}"


def test_date_step_factories() -> None:
    cases = [
        (DateStep.days(-5), {"type": "days", "days": -5}, "DateStep.days(-5)"),
        (DateStep.months(2), {"type": "months", "months": 2}, "DateStep.months(2)"),
        (DateStep.end_of_month(), {"type": "end_of_month"}, "DateStep.end_of_month()"),
        (DateStep.day_of_month(15), {"type": "day_of_month", "day": 15}, "DateStep.day_of_month(15)"),
        (DateStep.month(3), {"type": "month", "month": 3}, "DateStep.month(3)"),
        (DateStep.next_weekday("friday"), {"type": "next_weekday", "weekday": "Fri"}, "DateStep.next_weekday('Fri')"),
        (DateStep.proximo(10, cutoff=25), {"type": "proximo", "day": 10, "cutoff": 25}, "DateStep.proximo(10, cutoff=25)"),
        (DateStep.proximo(10), {"type": "proximo", "day": 10, "cutoff": 0}, "DateStep.proximo(10, cutoff=0)"),
    ]
    for step, shape, text in cases:
        assert step.to_dict() == shape
        assert DateStep.from_dict(shape) == step
        assert repr(step) == text
        assert step.type == shape["type"]


def test_discount_tiers() -> None:
    tier = DiscountTier.percent_within(Decimal("2"), 10)
    assert tier == DiscountTier.percent(2, [DateStep.days(10)])
    assert tier == DiscountTier([DateStep.days(10)], percent=Decimal("2"))
    assert tier.to_dict() == {"value": {"type": "percent", "percent": "2"}, "deadline": [{"type": "days", "days": 10}]}
    assert repr(tier) == "DiscountTier.percent(Decimal('2'), [DateStep.days(10)])"
    fixed = DiscountTier.fixed(Decimal("5.00"), [{"type": "days", "days": 10}])
    assert fixed.to_dict()["value"] == {"type": "fixed", "amount": "5.00"}
    assert fixed == DiscountTier([DateStep.days(10)], amount=Decimal("5.00"))
    with pytest.raises(TypeError, match="exactly one of `percent` and `amount`"):
        DiscountTier([DateStep.days(10)])
    with pytest.raises(TypeError, match="exactly one of `percent` and `amount`"):
        DiscountTier([DateStep.days(10)], percent=1, amount=1)


SHAPE: dict[str, Any] = {
    "lines": [
        {
            "portion": {"type": "percent", "percent": "30"},
            "due": [{"type": "days", "days": 0}],
        },
        {
            "portion": {"type": "balance"},
            "due": [{"type": "months", "months": 1}, {"type": "end_of_month"}],
            "discounts": [
                {"value": {"type": "percent", "percent": "1.5"}, "deadline": [{"type": "days", "days": 10}]}
            ],
        },
    ],
    "rounding": "half_up",
    "residual": "last",
    "roll": "none",
    "basis": "document",
}


def test_dict_and_json_forms() -> None:
    t = Terms.from_dict(SHAPE)
    assert t.to_dict() == SHAPE
    assert json.loads(t.to_json()) == SHAPE
    assert Terms.from_json(t.to_json()) == t
    # key order follows the JSON shape
    assert list(t.to_dict()) == ["lines", "rounding", "residual", "roll", "basis"]
    # Decimal values are accepted where the shape has decimal strings; defaults may be left out
    with_decimals = {
        "lines": [
            {"portion": {"type": "percent", "percent": Decimal("30")}, "due": [{"type": "days", "days": 0}]},
            SHAPE["lines"][1],
        ]
    }
    assert Terms.from_dict(with_decimals) == t
    # classes and dicts mix
    assert Terms([TermLine.from_dict(SHAPE["lines"][0]), SHAPE["lines"][1]]) == t
    assert Terms.from_dict({"lines": [TermLine(Part.percent(30), [DateStep.days(0)]), SHAPE["lines"][1]]}) == t
    line = t.lines[1]
    assert TermLine.from_dict(line.to_dict()) == line
    assert DiscountTier.from_dict(line.discounts[0].to_dict()) == line.discounts[0]


def test_floats_are_refused_in_dicts() -> None:
    bad = {"lines": [{"portion": {"type": "percent", "percent": 30.0}, "due": []}, {"portion": {"type": "balance"}}]}
    with pytest.raises(TypeError, match=r"`terms.lines\[0\].portion.percent` is a float"):
        Terms.from_dict(bad)
    with pytest.raises(TypeError, match="is a float"):
        Part.from_dict({"type": "fixed", "amount": 1.5})


def test_invalid_shapes() -> None:
    # terms in dicts and JSON are read and checked by the core (kind invalid_json, or the
    # kinds of Terms.validate)
    with pytest.raises(ar_core.TermsError, match="unknown variant `weekly`") as e:
        Terms.from_dict({"lines": [{"portion": {"type": "weekly"}}]})
    assert e.value.kind == "invalid_json"
    with pytest.raises(ar_core.TermsError, match="missing field `lines`") as e:
        Terms.from_dict({})
    assert e.value.kind == "invalid_json"
    with pytest.raises(ar_core.TermsError) as e:
        Terms.from_json("{")
    assert e.value.kind == "invalid_json" and str(e.value).startswith("invalid terms json: ")
    with pytest.raises(ar_core.TermsError) as e:
        Terms.from_dict({"lines": []})
    assert e.value.kind == "no_lines"
    with pytest.raises(ar_core.TermsError) as e:
        ar_core.schedule({"lines": []}, date(2024, 1, 1), 1, "EUR")
    assert e.value.kind == "no_lines"
    # the other classes' dicts are read by serde directly: a plain ValueError
    with pytest.raises(ValueError, match="unknown variant `fortnights`"):
        DateStep.from_dict({"type": "fortnights"})
    with pytest.raises(ValueError, match="unknown variant `sideways`"):
        Terms([TermLine(Part.balance())], roll="sideways")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`lines` must be a list"):
        Terms(TermLine(Part.balance()))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"`lines\[0\]` must be a TermLine or a dict, not str"):
        Terms(["Net 30"])  # type: ignore[list-item]


def test_equality_hash_repr_pickle() -> None:
    a = Terms.parse("2/10 Net 30")
    b = Terms([TermLine(Part.balance(), [DateStep.days(30)], [DiscountTier.percent_within(2, 10)])])
    assert a == b and hash(a) == hash(b)
    assert a != Terms.parse("Net 30")
    assert a != "2/10 Net 30"
    assert repr(a) == "Terms.parse('2/10 Net 30')"
    assert eval(repr(a), {"Terms": Terms}) == a
    assert pickle.loads(pickle.dumps(a)) == a
    assert repr(b.lines[0]) == (
        "TermLine(Part.balance(), [DateStep.days(30)], [DiscountTier.percent(Decimal('2'), [DateStep.days(10)])])"
    )


def test_notation_errors() -> None:
    with pytest.raises(ar_core.NotationError) as e:
        Terms.parse("Net -5")
    assert e.value.kind == "parse_error"
    assert str(e.value) == "at 4: expected a non-negative number of days after `Net`, found `-5`"
    assert isinstance(e.value, ar_core.ArCoreError) and isinstance(e.value, ValueError)
    with pytest.raises(ar_core.NotationError):
        parse_terms("Net thirty")
    with pytest.raises(TypeError, match="`text` must be a str"):
        Terms.parse(30)  # type: ignore[arg-type]


def test_every_input_class_pickles() -> None:
    objects: list[object] = [
        Part.fraction(1, 3),
        DateStep.proximo(10, cutoff=25),
        DiscountTier.fixed(Decimal("5.00"), [DateStep.days(10)]),
        TermLine(Part.balance(), [DateStep.days(30)], [DiscountTier.percent_within(2, 10)]),
        Terms.parse("1/10 EOM Net 30"),
        ar_core.BusinessCalendar(weekend=["Fri", "Sat"]),
    ]
    for obj in objects:
        assert pickle.loads(pickle.dumps(obj)) == obj
