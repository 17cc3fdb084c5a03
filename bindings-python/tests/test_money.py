"""currency_info, round_money, split and Part: exact values, worked by hand in comments."""

from decimal import Decimal

import pytest

import ar_core
from ar_core import Part, currency_info, round_money, split


def strs(values: list[Decimal]) -> list[str]:
    return [str(v) for v in values]


def test_currency_info_from_the_iso_table() -> None:
    jpy = currency_info("JPY")
    assert (jpy.code, jpy.minor_units) == ("JPY", 0)
    assert currency_info("KWD").minor_units == 3
    # codes are case-insensitive; the info carries the canonical code
    eur = currency_info("eur")
    assert eur.code == "EUR" and eur.minor_units == 2 and eur.name == "Euro"
    assert currency_info("XAU").minor_units is None  # gold has no minor unit
    assert currency_info("EUR") == eur and hash(currency_info("EUR")) == hash(eur)
    assert repr(jpy).startswith("CurrencyInfo(code='JPY'")


def test_round_money_modes() -> None:
    # 2.345: half up -> 2.35, banker's -> 2.34 (4 is even), down -> 2.34, up -> 2.35
    assert round_money(Decimal("2.345"), "EUR") == Decimal("2.35")
    assert str(round_money(Decimal("2.345"), "EUR", mode="half_even")) == "2.34"
    assert str(round_money(Decimal("2.349"), "EUR", mode="down")) == "2.34"
    assert str(round_money(Decimal("2.341"), "EUR", mode="up")) == "2.35"
    # results carry the currency's scale: 7 -> "7.00"; JPY has none; KWD three
    assert str(round_money(7, "EUR")) == "7.00"
    assert str(round_money(Decimal("1000.5"), "JPY", mode="half_even")) == "1000"
    assert str(round_money(Decimal("1.2345"), "KWD")) == "1.235"


def test_round_money_cash_increment() -> None:
    # CHF to 5 Rappen: 10.03 is 0.03 above 10.00 and 0.02 below 10.05 -> 10.05
    assert str(round_money(Decimal("10.03"), "CHF", increment=Decimal("0.05"))) == "10.05"
    assert str(round_money(Decimal("10.02"), "CHF", increment=Decimal("0.05"))) == "10.00"


def test_split_547_in_thirds() -> None:
    # 5.47 / 3 = 1.8233.. -> 1.82 twice; the last part takes 5.47 - 3.64 = 1.83
    parts = split(Decimal("5.47"), "EUR", [Part.fraction(1, 3)] * 3)
    assert strs(parts) == ["1.82", "1.82", "1.83"]
    assert sum(parts) == Decimal("5.47")


def test_split_1000_jpy_in_thirds_has_no_minor_units() -> None:
    # 1000 / 3 = 333.33.. -> 333 twice, last 1000 - 666 = 334; printed without decimals
    parts = split(Decimal("1000"), "JPY", [Part.fraction(1, 3)] * 3)
    assert strs(parts) == ["333", "333", "334"]
    # an int total is exact too
    assert strs(split(1000, "JPY", [Part.fraction(1, 3)] * 3)) == ["333", "333", "334"]


def test_split_parts_as_dicts_and_options() -> None:
    thirds = [{"type": "fraction", "numerator": 1, "denominator": 3}] * 3
    # residual first: 334, 333, 333
    assert strs(split(1000, "JPY", thirds, residual="first")) == ["334", "333", "333"]
    # 10.00 in thirds, largest remainder: all remainders tie (0.00333..), earlier part wins
    assert strs(split(Decimal("10.00"), "EUR", thirds, residual="largest_remainder")) == [
        "3.34",
        "3.33",
        "3.33",
    ]
    # 40 % of 100 = 40; 50 % of the remaining 60 = 30; balance 30 (Tryton)
    parts = [Part.percent(40), Part.percent_of_remainder(Decimal("50")), Part.balance()]
    assert strs(split(Decimal("100.00"), "EUR", parts)) == ["40.00", "30.00", "30.00"]
    # a fixed part follows the sign of the total (credit note)
    assert strs(split(Decimal("-300.00"), "EUR", [Part.fixed(Decimal("100.00")), Part.balance()])) == [
        "-100.00",
        "-200.00",
    ]
    # CHF cash rounding: 3.333.. -> 3.35 twice, last 10.00 - 6.70 = 3.30
    assert strs(split(Decimal("10.00"), "CHF", thirds, increment=Decimal("0.05"))) == [
        "3.35",
        "3.35",
        "3.30",
    ]
    # 100 split 150 + balance gives a negative balance, accepted only when asked
    assert strs(split(100, "EUR", [Part.fixed(150), Part.balance()], allow_negative=True)) == [
        "150.00",
        "-50.00",
    ]


def test_part_objects() -> None:
    p = Part.percent(Decimal("30"))
    assert p.type == "percent"
    assert p.to_dict() == {"type": "percent", "percent": "30"}
    assert Part.from_dict({"type": "percent", "percent": Decimal("30")}) == p
    assert Part.from_dict({"type": "percent", "percent": "30"}) == p
    assert repr(p) == "Part.percent(Decimal('30'))"
    assert repr(Part.fraction(1, 3)) == "Part.fraction(1, 3)"
    assert repr(Part.balance()) == "Part.balance()"
    assert Part.balance().to_dict() == {"type": "balance"}
    assert Part.fixed(Decimal("100.00")).to_dict() == {"type": "fixed", "amount": "100.00"}
    assert Part.percent_of_remainder(50).type == "percent_of_remainder"
    assert Part.fraction(1, 3) == Part.fraction(1, 3) and Part.fraction(1, 3) != Part.fraction(1, 4)
    assert len({Part.fraction(1, 3), Part.fraction(1, 3), Part.balance()}) == 2


def test_split_errors() -> None:
    with pytest.raises(ar_core.AllocationError) as e:
        split(1, "EUR", [Part.percent(50)])
    assert e.value.kind == "parts_do_not_cover"
    assert str(e.value) == (
        "parts add up to `0.5`, not to the total `1`; add a balance part or fix the portions"
    )
    with pytest.raises(ar_core.AllocationError) as e:
        split(100, "EUR", [Part.fixed(150), Part.balance()])
    assert e.value.kind == "negative_part"
    with pytest.raises(ar_core.AllocationError) as e:
        split(Decimal("1.005"), "EUR", [Part.balance()])
    assert e.value.kind == "amount_not_rounded"
    # an allocation error that is a money error underneath is a MoneyError
    with pytest.raises(ar_core.MoneyError) as m:
        split(Decimal("10.00"), "CHF", [Part.balance()], increment=0)
    assert m.value.kind == "invalid_increment"
    with pytest.raises(ValueError, match="unknown variant `sideways`"):
        split(1, "EUR", [Part.balance()], residual="sideways")  # type: ignore[arg-type]
