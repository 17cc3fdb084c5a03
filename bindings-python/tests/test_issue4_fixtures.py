"""The shared fixtures of issue 4 (fixtures/discounts, fixtures/plans, fixtures/interest)
through the Python API, every case, as their READMEs say.

Each case is one call: `call` names the function (the Python function of the same name),
`args` its arguments by parameter name. Scalar arguments are converted the usual way (decimal
strings to Decimal, ISO dates to date, by the parameter's name); dicts and lists of the JSON
shape are passed as they are (the binding reads strings there). Nested
`{"$call": name, "args": {...}}` arguments are replaced, depth first, by the Python result of
that call (so a plan goes back into `plan_status` as the dict `installment_plan` returned, and
`replay` gives an `Account` for `reschedule`). Three calls are assembled as the READMEs say:
`year_fraction` gives `{"days": day_count_days(...), "year_fraction": year_fraction(...)}`,
`accrue` takes the `args` object itself as its input, and the account calls (`accrue_account`,
`assess_fees`, `waive_unpaid_charges`) run on `Account.replay(config, events, as_of)`, a replay
that fails counting as the call failing. `issue_invoice` returns `{"document", "totals"}`.

Results are matched by subset in their JSON form (Decimal as its exact string, date ISO,
Fraction as `"n/d"`); an `error` case must raise the `ArCoreError` subclass that
docs/errors.md gives for the kind (the core enum's name) with that `.kind`. Every result is
also checked for strings that still look like decimals, dates or fractions (a key missing
from src/shape.rs).
"""

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ledger_support import assert_native, jsonish, mismatches

import ar_core

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("discounts", "plans", "interest")
CASES = [path for folder in FOLDERS for path in sorted((ROOT / "fixtures" / folder).glob("*.json"))]
CASE_KEYS = {"name", "source", "call", "args", "expect", "error"}

# Scalar parameters by name: their JSON strings become Decimal or date.
DECIMAL_PARAMS = {"amount", "percent", "open", "discount", "payment", "offer", "annual_percent", "principal"}
DATE_PARAMS = {"date", "payment_date", "due_date", "as_of", "start", "end"}


def load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return case


def scalar(name: str, value: Any) -> Any:
    if isinstance(value, str) and name in DECIMAL_PARAMS:
        return Decimal(value)
    if isinstance(value, str) and name in DATE_PARAMS:
        return date.fromisoformat(value)
    return value


def resolve(value: Any) -> Any:
    """Replaces every nested `{"$call": ..., "args": ...}` by its result, depth first."""
    if isinstance(value, dict):
        if "$call" in value:
            assert set(value) == {"$call", "args"}, f"a nested call has exactly $call and args: {sorted(value)}"
            return call(value["$call"], value["args"])
        return {k: resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v) for v in value]
    return value


def replayed(args: dict[str, Any]) -> tuple[ar_core.Account, dict[str, Any]]:
    """The account of an account call and the remaining arguments."""
    rest = dict(args)
    as_of = date.fromisoformat(rest["as_of"])
    account = ar_core.Account.replay(rest.pop("config"), rest.pop("events"), as_of)
    rest["as_of"] = as_of
    return account, rest


def issue_invoice(draft: dict[str, Any], options: dict[str, Any] | None = None) -> dict[str, Any]:
    document, totals = ar_core.issue_invoice(draft, **(options or {}))
    return {"document": document, "totals": totals}


def year_fraction(day_count: Any, start: date, end: date) -> dict[str, Any]:
    return {
        "days": ar_core.day_count_days(day_count, start, end),
        "year_fraction": ar_core.year_fraction(day_count, start, end),
    }


# `call` -> the function; keyword arguments by the fixtures' names
CALLS: dict[str, Callable[..., Any]] = {
    # discounts
    "early_payment_amounts": ar_core.early_payment_amounts,
    "earned_discount": ar_core.earned_discount,
    "pro_rata_discount": ar_core.pro_rata_discount,
    "available_discount": ar_core.available_discount,
    "annualized_cost": ar_core.annualized_cost,
    "dynamic_discount": ar_core.dynamic_discount,
    "issue_invoice": issue_invoice,
    # plans
    "installment_plan": ar_core.installment_plan,
    "amortized_plan": ar_core.amortized_plan,
    "plan_status": ar_core.plan_status,
    "reschedule": ar_core.reschedule,
    "replay": ar_core.Account.replay,
    # interest and fees
    "year_fraction": year_fraction,
    "rates_for": ar_core.rates_for,
}
ACCOUNT_CALLS: dict[str, Callable[..., Any]] = {
    "accrue_account": ar_core.accrue_account,
    "assess_fees": ar_core.assess_fees,
    "waive_unpaid_charges": ar_core.waive_unpaid_charges,
}


def call(name: str, raw_args: dict[str, Any]) -> Any:
    args = resolve(raw_args)
    if name == "accrue":
        return ar_core.accrue(args)
    if name in ACCOUNT_CALLS:
        assert set(args) == {"config", "events", "as_of", "policy"}, f"{name}: arguments {sorted(args)}"
        account, rest = replayed(args)
        return ACCOUNT_CALLS[name](account, rest["policy"], rest["as_of"])
    assert name in CALLS, f"unknown call `{name}`"
    return CALLS[name](**{k: scalar(k, v) for k, v in args.items()})


def error_classes() -> dict[str, str]:
    """kind -> the core enum that defines it (its Python class has the same name), from the
    tables of docs/errors.md; kinds defined by two enums (`invalid_json`) are left out."""
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    found: dict[str, set[str]] = {}
    for kind, enum in re.findall(r"^\| `(\w+)` \| \w+ \(`(\w+)::\w+`\)", text, re.M):
        found.setdefault(kind, set()).add(enum)
    return {kind: enums.pop() for kind, enums in found.items() if len(enums) == 1}


ERROR_CLASSES = error_classes()


def test_fixtures_are_there() -> None:
    counts = {folder: len(list((ROOT / "fixtures" / folder).glob("*.json"))) for folder in FOLDERS}
    assert all(counts.values()), counts
    assert len(CASES) == sum(counts.values()) >= 40
    # the table of docs/errors.md was read (a few kinds of each new module)
    for kind, cls in [
        ("invalid_discount_period", "DiscountError"),
        ("invalid_installment_count", "PlanError"),
        ("missing_interest_rate", "InterestError"),
        ("duplicate_fee_level", "FeeError"),
        ("amount_not_rounded", "AllocationError"),
    ]:
        assert ERROR_CLASSES[kind] == cls


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_issue4_fixture(path: Path) -> None:
    case = load(path)
    assert set(case) <= CASE_KEYS, f"unknown case keys {set(case) - CASE_KEYS}"
    assert case["name"] == path.stem
    assert case["source"].strip(), "every case says where its expectation comes from"
    assert ("expect" in case) != ("error" in case), "a case has exactly one of expect and error"
    if "error" in case:
        kind = case["error"]["kind"]
        with pytest.raises(ar_core.ArCoreError) as e:
            call(case["call"], case["args"])
        assert e.value.kind == kind, f"expected {kind}, got {e.value.kind}: {e.value}"
        if kind in ERROR_CLASSES:
            assert type(e.value).__name__ == ERROR_CLASSES[kind], f"{kind}: {type(e.value).__name__}"
        return
    result = call(case["call"], case["args"])
    assert_native(result, "result")
    problems = mismatches(case["expect"], jsonish(result), "result")
    assert not problems, "\n".join(problems)
