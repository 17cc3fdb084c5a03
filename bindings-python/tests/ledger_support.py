"""Helpers shared by the ledger tests (and the discount, plan and interest fixtures): JSON-ish
views of outputs, subset matching, and the check that no decimal, date or fraction was left
behind as a str."""

import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

# A str value that looks like a decimal number or an ISO date: the output conversion missed
# the key it sits under (src/shape.rs). Ids in fixtures and tests are never numeric.
DECIMAL_LIKE = re.compile(r"-?[0-9]+(\.[0-9]+)?")
DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FRACTION_LIKE = re.compile(r"-?[0-9]+/[0-9]+")


def assert_native(value: object, path: str = "$") -> int:
    """Asserts that no str in `value` looks like a decimal, a date or a fraction, that no float
    appears, and returns how many Decimal, date and Fraction values it holds (so callers can
    check it saw some)."""
    if isinstance(value, str):
        assert not DECIMAL_LIKE.fullmatch(value), f"{path} = {value!r} is a str, expected a Decimal"
        assert not DATE_LIKE.fullmatch(value), f"{path} = {value!r} is a str, expected a date"
        assert not FRACTION_LIKE.fullmatch(value), f"{path} = {value!r} is a str, expected a Fraction"
        return 0
    assert not isinstance(value, float), f"{path} = {value!r} is a float"
    if isinstance(value, (Decimal, date, Fraction)):
        return 1
    if isinstance(value, dict):
        return sum(assert_native(v, f"{path}.{k}") for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return sum(assert_native(v, f"{path}[{i}]") for i, v in enumerate(value))
    assert value is None or isinstance(value, (bool, int)), f"{path} = {value!r} ({type(value).__name__})"
    return 0


def jsonish(value: object) -> Any:
    """An output in its JSON form: Decimal as its fixed-point string (scale kept), date ISO,
    Fraction as the core writes it (`"numerator/denominator"`, `"2/1"`, `"0/1"`)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonish(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonish(v) for v in value]
    return value


_MISSING = object()


def mismatches(want: Any, got: Any, path: str = "$") -> list[str]:
    """Subset matching of fixtures/README.md: an expected object names the keys it compares,
    an expected list has the actual length and matches element by element, scalars compare
    as JSON values (decimals as exact strings), an expected null matches a missing or null
    value and an expected [] a missing one (empty lists are left out of the JSON)."""
    actual = None if got is _MISSING else got
    if want is None:
        return [] if actual is None else [f"{path}: expected null, got {actual!r}"]
    if isinstance(want, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object {want!r}, got {actual!r}"]
        out: list[str] = []
        for k, w in want.items():
            out += mismatches(w, actual.get(k, _MISSING), f"{path}.{k}")
        return out
    if isinstance(want, list):
        if actual is None and not want:
            return []
        if not isinstance(actual, list):
            return [f"{path}: expected a list {want!r}, got {actual!r}"]
        out = [] if len(want) == len(actual) else [f"{path}: expected {len(want)} elements, got {len(actual)}: {actual!r}"]
        for i, (w, g) in enumerate(zip(want, actual)):
            out += mismatches(w, g, f"{path}[{i}]")
        return out
    if got is _MISSING or want != actual or type(want) is not type(actual):
        return [f"{path}: expected {want!r}, got {'<missing>' if got is _MISSING else repr(actual)}"]
    return []
