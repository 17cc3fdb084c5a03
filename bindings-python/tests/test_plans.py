"""Installment plans from Python: plan terms, plans, payments and policies as dicts of the JSON
shape; Decimal and date native. Expected values are worked by hand in the comments."""

import copy
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

import pytest
from ledger_support import assert_native

import ar_core
from ar_core import Account, amortized_plan, build_plan, installment_plan, plan_status, reschedule, validate_plan

MONTHLY_3_FROM_31_JAN = {"due": {"type": "periodic", "frequency": "monthly", "first_due": date(2024, 1, 31), "count": 3}}


def rows(plan: ar_core.types.Plan) -> list[tuple[str, str]]:
    return [(i["due_date"].isoformat(), str(i["amount"])) for i in plan["installments"]]


def test_split_plan_month_end_safe_residual_first() -> None:
    # 1 000.00 / 3 = 333.333...: 333.33 each, the residual 0.01 on the first; monthly from
    # 31 Jan 2024, each date from the anchor: 31 Jan, 29 Feb (clamped), 31 Mar
    plan = installment_plan(Decimal("1000.00"), "EUR", MONTHLY_3_FROM_31_JAN)
    assert rows(plan) == [("2024-01-31", "333.34"), ("2024-02-29", "333.33"), ("2024-03-31", "333.33")]
    assert sum(i["amount"] for i in plan["installments"]) == plan["total"] == Decimal("1000.00")
    assert (plan["currency"], plan["principal"], str(plan["interest"])) == ("EUR", Decimal("1000.00"), "0.00")
    assert "payment" not in plan  # split plans have no level payment
    first = plan["installments"][0]
    assert (first["installment"], first["kind"], first["principal"], str(first["interest"])) == (0, "regular", Decimal("333.34"), "0.00")
    assert [str(i["balance_after"]) for i in plan["installments"]] == ["666.66", "333.33", "0.00"]
    assert assert_native(plan) == 3 + 3 * 5  # principal, interest, total; due_date, amount, principal, interest, balance_after


def test_split_plan_options() -> None:
    terms: dict[str, Any] = {**MONTHLY_3_FROM_31_JAN, "residual": "last"}
    # the residual on the last: 333.33, 333.33, 333.34; four months from 31 Jan: 30 Apr
    assert [a for _, a in rows(installment_plan(1000, "EUR", terms))] == ["333.33", "333.33", "333.34"]
    # 20 % of 1 000 JPY down on 15 Jan = 200; 800 split 1:3 = 200 + 600, quarterly from 31 Mar:
    # 31 Mar, 30 Jun (clamped)
    jpy = installment_plan(
        1000,
        "JPY",
        {
            "due": {"type": "periodic", "frequency": "quarterly", "first_due": "2024-03-31", "count": 2},
            "weights": [1, Decimal("3")],
            "down_payment": {"type": "percent", "percent": 20, "due_date": date(2024, 1, 15)},
        },
    )
    assert rows(jpy) == [("2024-01-15", "200"), ("2024-03-31", "200"), ("2024-06-30", "600")]
    assert [i["kind"] for i in jpy["installments"]] == ["down_payment", "regular", "regular"]
    # custom dates on a weekend roll following: Sat 30 Mar 2024 -> Mon 1 Apr
    custom = installment_plan(
        Decimal("100.00"),
        "EUR",
        {"due": {"type": "custom", "dates": [date(2024, 3, 15), date(2024, 3, 30)]}, "roll": "following"},
    )
    assert rows(custom) == [("2024-03-15", "50.00"), ("2024-04-01", "50.00")]


def test_amortized_plan() -> None:
    # 10 000.00 at 12 % a year, 12 monthly: r = 1 %, P = 10 000 x 0.01 / (1 - 1.01^-12)
    with localcontext() as ctx:
        ctx.prec = 50
        p = Decimal("10000.00") * Decimal("0.01") / (1 - Decimal("1.01") ** -12)
    payment = p.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert payment == Decimal("888.49")
    plan = amortized_plan(
        Decimal("10000.00"),
        "USD",
        {"annual_rate_percent": 12, "frequency": "monthly", "first_due": date(2024, 2, 1), "count": 12},
    )
    assert plan["payment"] == payment
    first = plan["installments"][0]
    # interest of the first month: 10 000.00 x 1 % = 100.00; principal 888.49 - 100.00
    assert (first["interest"], first["principal"], first["amount"]) == (Decimal("100.00"), Decimal("788.49"), payment)
    # the last row repays what is left (docs/json.md: 888.47), the principals sum exactly
    assert plan["installments"][-1]["amount"] == Decimal("888.47")
    assert str(plan["installments"][-1]["balance_after"]) == "0.00"
    assert sum(i["principal"] for i in plan["installments"]) == plan["principal"] == Decimal("10000.00")
    assert sum(i["amount"] for i in plan["installments"]) == plan["total"] == plan["principal"] + plan["interest"]
    assert [i["due_date"] for i in plan["installments"][:2]] == [date(2024, 2, 1), date(2024, 3, 1)]


def test_build_plan_and_validate_plan() -> None:
    split = build_plan({"type": "split", "terms": MONTHLY_3_FROM_31_JAN}, Decimal("1000.00"), "EUR")
    assert split == installment_plan(Decimal("1000.00"), "EUR", MONTHLY_3_FROM_31_JAN)
    validate_plan(split)
    broken = copy.deepcopy(split)
    broken["total"] = Decimal("1001.00")
    with pytest.raises(ar_core.PlanError) as e:
        validate_plan(broken)
    assert e.value.kind == "invalid_plan"
    assert str(e.value) == "invalid plan: installments add up to `1000.00`, not to the total `1001.00`"


def test_plan_status_in_arrears_then_defaulted() -> None:
    plan = installment_plan(Decimal("1000.00"), "EUR", MONTHLY_3_FROM_31_JAN)
    paid = [{"date": date(2024, 1, 30), "amount": Decimal("333.34")}]
    policy = {"missed_installments": 2, "accelerate": True}
    # 15 Mar: the 29 Feb installment (333.33) is 15 days past due, one missed: in arrears
    s = plan_status(plan, paid, date(2024, 3, 15), policy=policy)
    assert (s["state"], s["overdue"], s["amount_due"], s["missed_installments"], s["days_past_due"]) == (
        "in_arrears",
        Decimal("333.33"),
        Decimal("333.33"),
        1,
        15,
    )
    assert (s["paid"], s["outstanding"], s["oldest_unpaid_due_date"]) == (Decimal("333.34"), Decimal("666.66"), date(2024, 2, 29))
    assert "default_date" not in s and s["accelerated"] is False
    assert [i["state"] for i in s["installments"]] == ["paid", "overdue", "upcoming"]
    assert s["installments"][0]["paid_on"] == date(2024, 1, 30)
    # 1 Apr: 29 Feb and 31 Mar both missed: defaulted on 1 Apr, the rest accelerated
    d = plan_status(plan, paid, date(2024, 4, 1), policy=policy)
    assert (d["state"], d["default_date"], d["amount_due"], d["accelerated"]) == ("defaulted", date(2024, 4, 1), Decimal("666.66"), True)
    # without a policy a plan never defaults
    never = plan_status(plan, paid, date(2024, 4, 1))
    assert (never["state"], never["missed_installments"]) == ("in_arrears", 2)
    # payments as dicts of strings; later payments than as_of are ignored
    done = plan_status(
        plan,
        [{"date": "2024-01-31", "amount": "333.34"}, {"date": "2024-02-29", "amount": "666.66"}, {"date": "2024-05-01", "amount": "5.00"}],
        date(2024, 3, 31),
    )
    assert (done["state"], str(done["outstanding"]), str(done["unapplied"])) == ("paid_off", "0.00", "0.00")


def account_with_invoice() -> Account:
    account = Account({"customer": "ACME", "currency": "EUR"})
    invoice = ar_core.issue_simple(
        {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": date(2024, 1, 10), "currency": "EUR", "amount": Decimal("900.00")}
    )
    account.apply({"id": "e1", "date": date(2024, 1, 10), "body": {"type": "document_issued", "document": invoice}})
    return account


def test_reschedule_into_a_plan() -> None:
    account = account_with_invoice()
    before = account.to_json()
    request = {
        "plan_document": "PLAN-1",
        "credit_note": "RS-1",
        "plan": {"type": "split", "terms": {"due": {"type": "periodic", "frequency": "monthly", "first_due": date(2024, 3, 31), "count": 3}}},
    }
    done = reschedule(account, date(2024, 3, 1), request)
    assert account.to_json() == before  # pure: the account is not changed
    # INV-1 900.00 due 10 Jan, 51 days past due on 1 Mar; 900.00 / 3 = 300.00 on 31 Mar, 30 Apr, 31 May
    assert done["items"] == [{"document": "INV-1", "installment": 0, "due_date": date(2024, 1, 10), "open": Decimal("900.00"), "days_past_due": 51}]
    assert done["total"] == Decimal("900.00")
    assert rows(done["plan"]) == [("2024-03-31", "300.00"), ("2024-04-30", "300.00"), ("2024-05-31", "300.00")]
    assert (done["credit_note"]["total"], done["plan_document"]["kind"]) == (Decimal("-900.00"), "debit_note")
    assert [e["id"] for e in done["events"]] == ["RS-1:issued", "RS-1:applied:INV-1", "PLAN-1:issued"]
    # the events go back into the account as they are
    for event in done["events"]:
        account.apply(event)
    assert account.balance() == Decimal("900.00")
    assert [i["document"] for i in account.open_items()] == ["PLAN-1", "PLAN-1", "PLAN-1"]
    # and the plan into plan_status
    status = plan_status(done["plan"], [], date(2024, 3, 31))
    assert status["state"] == "current"
    assert_native(done)


def test_reschedule_refuses_a_dict_for_the_account() -> None:
    with pytest.raises(TypeError):
        reschedule({"customer": "ACME"}, date(2024, 3, 1), {})  # type: ignore[arg-type]
    with pytest.raises(ar_core.PlanError) as e:
        reschedule(account_with_invoice(), date(2024, 1, 5), {"plan_document": "P", "credit_note": "C", "plan": {"type": "split", "terms": MONTHLY_3_FROM_31_JAN}})
    assert e.value.kind == "account_after_as_of"
