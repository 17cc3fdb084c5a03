"""Every error kind of the discount, plan, interest and fee modules from Python: the exception
class (the core module's: `DiscountError`, `PlanError`, `InterestError`, `FeeError`, or the
module of a wrapped error), the stable `.kind` and the message of docs/errors.md's template.
Where a template ends in a `{detail}` the core words, the message is checked up to it.

Not reachable from Python: `invalid_fraction_text` (no input of this binding holds a
`Fraction`; fractions only come out, as `fractions.Fraction`)."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import ar_core
from ar_core import Account, DateStep, DiscountTier, Part, TermLine, Terms

D = Decimal
MONTHLY_3 = {"due": {"type": "periodic", "frequency": "monthly", "first_due": "2024-01-31", "count": 3}}
PLAN_1000 = ar_core.installment_plan(D("1000.00"), "EUR", MONTHLY_3)


def account(*amounts: str) -> Account:
    """Invoices INV-1, INV-2, ... issued and due on 10 Jan 2024; an amount "a+b" has two
    installments, due 10 Jan and 10 Feb."""
    acc = Account({"customer": "ACME", "currency": "EUR"})
    for n, amount in enumerate(amounts, 1):
        parts = [D(p) for p in amount.split("+")]
        due = [date(2024, 1, 10), date(2024, 2, 10)][: len(parts)]
        document = {
            "id": f"INV-{n}",
            "kind": "invoice",
            "customer": "ACME",
            "date": date(2024, 1, 10),
            "currency": "EUR",
            "total": sum(parts),
            "installments": [{"due_date": d, "amount": p} for d, p in zip(due, parts)],
        }
        acc.apply({"id": f"e{n}", "date": date(2024, 1, 10), "body": {"type": "document_issued", "document": document}})
    return acc


def request(**changes: Any) -> dict[str, Any]:
    plan = {"type": "split", "terms": {"due": {"type": "periodic", "frequency": "monthly", "first_due": "2024-03-31", "count": 3}}}
    return {"plan_document": "PLAN-1", "credit_note": "RS-1", "plan": plan, **changes}


def mixed_draft(**changes: Any) -> dict[str, Any]:
    return {
        "id": "INV-1",
        "customer": "ACME",
        "date": date(2024, 1, 1),
        "currency": "EUR",
        "lines": [{"description": "x", "quantity": 1, "unit_price": "100.00", "tax_rates": [{"code": "VAT21", "percent": 21}]}],
        "terms": Terms([TermLine(Part.balance(), [DateStep.days(30)], [DiscountTier.percent_within(2, 10)])]),
        "discount_base": "mixed",
        **changes,
    }


def accrual(**changes: Any) -> dict[str, Any]:
    return {
        "currency": "EUR",
        "principal": "1000.00",
        "due_date": "2024-01-31",
        "as_of": "2024-03-31",
        "rates": {"type": "fixed", "percent": "8"},
        **changes,
    }


def fees(level: dict[str, Any], as_of: date = date(2024, 2, 11)) -> Any:
    return ar_core.assess_fees(account("100.00"), {"levels": [{"level": 1, **level}]}, as_of)


JAN = date(2024, 1, 1)
CASES: list[tuple[str, Callable[[], Any], type, str, str]] = [
    # ----- discounts -----
    ("invalid_discount_percent", lambda: ar_core.early_payment_amounts({"net": "100.00"}, "EUR", 101), ar_core.DiscountError, "discount percent `101` is out of range 0..=100", ""),
    ("invalid_discount_percent", lambda: ar_core.annualized_cost(100, 10, 30, "days_365"), ar_core.DiscountError, "discount percent `100` is out of range 0..100", ""),
    ("invalid_tax_percent", lambda: ar_core.early_payment_amounts({"net": "100.00", "taxes": [{"percent": "-1", "base": "100.00"}]}, "EUR", 2), ar_core.DiscountError, "tax percent `-1` must not be negative", ""),
    ("invalid_annual_rate", lambda: ar_core.dynamic_discount(D("100.00"), "USD", -1, JAN, date(2024, 1, 31), "days_365"), ar_core.DiscountError, "annual rate `-1` % must not be negative", ""),
    ("amount_not_positive", lambda: ar_core.pro_rata_discount(D("100.00"), D("2.00"), D("0.00"), "EUR"), ar_core.DiscountError, "payment `0.00` must be greater than zero", ""),
    ("discount_out_of_range", lambda: ar_core.available_discount(D("100.00"), D("100.01"), D("50.00"), "EUR"), ar_core.DiscountError, "discount `100.01` is not between zero and the amount `100.00`", ""),
    (
        "inconsistent_offer",
        lambda: ar_core.earned_discount(D("100.00"), [{"deadline": "2024-01-11", "discount": "2.00", "amount_due": "97.00"}], JAN),
        ar_core.DiscountError,
        "offer with deadline `2024-01-11`: amount due `97.00` is not the amount `100.00` less the discount `2.00`",
        "",
    ),
    ("invalid_discount_period", lambda: ar_core.annualized_cost(2, 30, 30, "days_360"), ar_core.DiscountError, "a discount period of 30 days must be shorter than the net period of 30 days", ""),
    ("mixed_needs_exclusive_tax", lambda: ar_core.issue_invoice(mixed_draft(tax_mode="inclusive")), ar_core.DiscountError, "the mixed discount base needs tax-exclusive prices", ""),
    (
        "mixed_needs_one_percent",
        lambda: ar_core.issue_invoice(
            mixed_draft(terms=Terms([TermLine(Part.balance(), [DateStep.days(30)], [DiscountTier.percent_within(3, 10), DiscountTier.percent_within(2, 20)])]))
        ),
        ar_core.DiscountError,
        "the mixed discount base needs every discount tier to be the same percent, found `3` % and `2` %",
        "",
    ),
    ("amount_not_rounded", lambda: ar_core.pro_rata_discount(D("100.001"), D("2.00"), D("50.00"), "EUR"), ar_core.AllocationError, "amount `100.001` is not a multiple of the rounding unit `0.01`; round it first", ""),
    # ----- plans -----
    ("invalid_plan_amount", lambda: ar_core.installment_plan(0, "EUR", MONTHLY_3), ar_core.PlanError, "plan amount `0` must be greater than zero", ""),
    (
        "invalid_installment_count",
        lambda: ar_core.installment_plan(100, "EUR", {"due": {"type": "periodic", "frequency": "monthly", "first_due": "2024-01-31", "count": 0}}),
        ar_core.PlanError,
        "installment count `0` is out of range 1..=10000",
        "",
    ),
    ("invalid_weights", lambda: ar_core.installment_plan(100, "EUR", {**MONTHLY_3, "weights": [1, 2]}), ar_core.PlanError, "invalid weights: ", "prefix"),
    (
        "plan_dates_not_increasing",
        lambda: ar_core.installment_plan(100, "EUR", {"due": {"type": "custom", "dates": ["2024-03-01", "2024-02-01"]}}),
        ar_core.PlanError,
        "due date `2024-02-01` of installment 1 is not after `2024-03-01`; plan dates must be strictly increasing",
        "",
    ),
    (
        "invalid_down_payment",
        lambda: ar_core.installment_plan(100, "EUR", {**MONTHLY_3, "down_payment": {"type": "amount", "amount": 10, "due_date": "2024-01-31"}}),
        ar_core.PlanError,
        "invalid down payment: ",
        "prefix",
    ),
    ("plan_amount_too_small", lambda: ar_core.installment_plan(D("0.02"), "EUR", MONTHLY_3), ar_core.PlanError, "`0.02` is too small for 3 installments: installment 0 would be zero", ""),
    (
        "invalid_plan_rate",
        lambda: ar_core.amortized_plan(100, "EUR", {"annual_rate_percent": -1, "frequency": "monthly", "first_due": "2024-01-31", "count": 3}),
        ar_core.PlanError,
        "annual interest rate `-1` % must not be negative",
        "",
    ),
    ("invalid_plan", lambda: ar_core.plan_status({**PLAN_1000, "total": D("1001.00")}, [], JAN), ar_core.PlanError, "invalid plan: installments add up to `1000.00`, not to the total `1001.00`", ""),
    ("invalid_plan_payment", lambda: ar_core.plan_status(PLAN_1000, [{"date": JAN, "amount": "-1.00"}], JAN), ar_core.PlanError, "plan payment 0 of `-1.00` must not be negative", ""),
    (
        "invalid_default_policy",
        lambda: ar_core.plan_status(PLAN_1000, [], JAN, policy={"missed_installments": 0}),
        ar_core.PlanError,
        "invalid default policy: `missed_installments` and `days_past_due` must be 1 or more when given",
        "",
    ),
    (
        "account_after_as_of",
        lambda: ar_core.reschedule(account("100.00"), date(2024, 1, 5), request()),
        ar_core.PlanError,
        "the account has events up to `2024-01-10`, after the rescheduling date `2024-01-05`; replay it as of that date",
        "",
    ),
    (
        "nothing_to_reschedule",
        lambda: ar_core.reschedule(account("100.00"), date(2024, 1, 10), request()),
        ar_core.PlanError,
        "nothing to reschedule as of `2024-01-10`: no overdue receivable item outside disputes",
        "",
    ),
    (
        "invalid_reschedule_item",
        lambda: ar_core.reschedule(account("100.00"), date(2024, 3, 1), request(items=[{"document": "INV-9", "installment": 0}])),
        ar_core.PlanError,
        "item `INV-9` installment 0 cannot be rescheduled: ",
        "prefix",
    ),
    (
        "unsupported_item_selection",
        lambda: ar_core.reschedule(account("50.00+50.00"), date(2024, 3, 1), request(items=[{"document": "INV-1", "installment": 1}])),
        ar_core.PlanError,
        "the items chosen of `INV-1` are not its first open installments; a credit is spread over a document's installments in order",
        "",
    ),
    (
        "plan_starts_before_as_of",
        lambda: ar_core.reschedule(account("100.00"), date(2024, 4, 15), request()),
        ar_core.PlanError,
        "the plan's first due date `2024-03-31` is before the rescheduling date `2024-04-15`",
        "",
    ),
    # wrapped errors report their own module
    ("amount_not_rounded", lambda: ar_core.installment_plan(D("100.001"), "EUR", MONTHLY_3), ar_core.AllocationError, "amount `100.001` is not a multiple of the rounding unit `0.01`; round it first", ""),
    ("duplicate_document", lambda: ar_core.reschedule(account("100.00"), date(2024, 3, 1), request(plan_document="INV-1")), ar_core.LedgerError, "duplicate document id `INV-1`", ""),
    ("empty_id", lambda: ar_core.reschedule(account("100.00"), date(2024, 3, 1), request(credit_note="")), ar_core.DocumentError, "a document id must not be empty", ""),
    # ----- interest -----
    (
        "missing_interest_rate",
        lambda: ar_core.accrue(accrual(rates={"type": "table", "rates": [{"from": "2024-03-01", "percent": "8"}]})),
        ar_core.InterestError,
        "no interest rate in force on 2024-02-01: the rate table has no rate from that day or earlier",
        "",
    ),
    (
        "missing_reference_rate",
        lambda: ar_core.accrue(accrual(due_date="2024-03-15", rates=ar_core.uk_late_payment_rates([]))),
        ar_core.InterestError,
        "no UK 1998 Act (Bank Rate) reference rate in force on 2023-12-31",
        "",
    ),
    ("negative_interest_rate", lambda: ar_core.accrue(accrual(rates={"type": "fixed", "percent": "-1"})), ar_core.InterestError, "interest rate `-1` % in force from 2024-02-01 is negative", ""),
    ("negative_principal", lambda: ar_core.accrue(accrual(principal="-1.00")), ar_core.InterestError, "principal `-1.00` must not be negative", ""),
    (
        "invalid_principal_change",
        lambda: ar_core.accrue(accrual(changes=[{"date": "2024-02-15", "amount": "0"}])),
        ar_core.InterestError,
        "principal change of `0` on 2024-02-15 is invalid: ",
        "prefix",
    ),
    ("invalid_day_count_period", lambda: ar_core.day_count_days("thirty_360", date(2024, 3, 1), date(2024, 2, 1)), ar_core.InterestError, "day-count period from 2024-03-01 to 2024-02-01 ends before it starts", ""),
    (
        "statutory_interest_is_simple",
        lambda: ar_core.accrue(accrual(rates=ar_core.eu_late_payment_rates([{"from": "2023-09-20", "percent": "4.5"}]), method={"compounding": "monthly"})),
        ar_core.InterestError,
        "statutory late-payment interest is simple interest; compounding `monthly` is not allowed",
        "",
    ),
    (
        "too_many_periods",
        lambda: ar_core.accrue(accrual(as_of="2400-01-01", method={"compounding": "daily"})),
        ar_core.InterestError,
        "interest accrual needs more than 100000 periods; shorten the range or compound less often",
        "",
    ),
    ("no_minor_unit", lambda: ar_core.accrue(accrual(currency="XAU", principal="1")), ar_core.MoneyError, "currency `XAU` has no minor unit; give an explicit rounding increment", ""),
    ("unknown_installment", lambda: ar_core.principal_changes(account("100.00"), "INV-1", 3, JAN), ar_core.LedgerError, "document `INV-1` has no installment 3", ""),
    # ----- fees -----
    (
        "duplicate_fee_level",
        lambda: ar_core.validate_fee_policy({"levels": [{"level": 2, "fee": {"type": "fixed", "amount": "5.00"}}] * 2}),
        ar_core.FeeError,
        "fee level 2 appears twice",
        "",
    ),
    ("invalid_fee", lambda: fees({"fee": {"type": "fixed", "amount": "-1"}}), ar_core.FeeError, "fee level 1 is invalid: ", "prefix"),
    ("invalid_fee_tiers", lambda: fees({"fee": {"type": "tiered", "tiers": []}}), ar_core.FeeError, "fee tiers of level 1 are invalid: ", "prefix"),
    (
        "too_many_fee_charges",
        lambda: fees({"fee": {"type": "fixed", "amount": "1.00"}, "repeat": {"every_days": 1}}, as_of=date(2400, 1, 1)),
        ar_core.FeeError,
        "the fee run has more than 100000 occurrences; charge more often or repeat less often",
        "",
    ),
]


@pytest.mark.parametrize(("kind", "call", "cls", "message", "how"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_error(kind: str, call: Callable[[], Any], cls: type, message: str, how: str) -> None:
    with pytest.raises(ar_core.ArCoreError) as e:
        call()
    err = e.value
    assert type(err) is cls, f"{kind}: {type(err).__name__}: {err}"
    assert isinstance(err, ValueError)
    assert err.kind == kind
    if how == "prefix":
        assert str(err).startswith(message) and len(str(err)) > len(message), str(err)
    else:
        assert str(err) == message


def test_the_new_classes() -> None:
    for cls in (ar_core.DiscountError, ar_core.PlanError, ar_core.InterestError, ar_core.FeeError):
        assert issubclass(cls, ar_core.ArCoreError) and cls.__module__ == "ar_core"


def test_every_own_kind_of_the_four_modules_is_covered() -> None:
    # the kinds docs/errors.md gives the four enums, less the unreachable one
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = {
        kind
        for kind, enum in re.findall(r"^\| `(\w+)` \| \w+ \(`(\w+)::\w+`\)", text, re.M)
        if enum in {"DiscountError", "PlanError", "InterestError", "FeeError"}
    }
    covered = {c[0] for c in CASES if c[2] in (ar_core.DiscountError, ar_core.PlanError, ar_core.InterestError, ar_core.FeeError)}
    assert documented - covered == {"invalid_fraction_text"}
    assert covered <= documented
