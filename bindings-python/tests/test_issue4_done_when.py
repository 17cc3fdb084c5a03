"""Issue 4's "done when", from Python, and the ledger settings it added (`partial_discount`,
`charge_for`). Expected values are worked by hand in the comments."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import ar_core
from ar_core import Account


def test_2_10_net_30_simple_annual_cost_on_365_days() -> None:
    # giving up 2 % to pay 20 days earlier: 2/98 x 365/20 = 0.372448979591... = 37.24 %
    cost = ar_core.annualized_cost(Decimal("2"), 10, 30, "days_365")
    assert cost["simple_percent"] == Decimal("37.24")
    assert cost["simple_rate"] == Decimal("0.3724489796")
    assert str(cost["simple_percent"]) == "37.24"  # two places, as stated


def test_1000_in_3_monthly_installments_from_31_jan_2024() -> None:
    plan = ar_core.installment_plan(
        Decimal("1000.00"),
        "EUR",
        {"due": {"type": "periodic", "frequency": "monthly", "first_due": date(2024, 1, 31), "count": 3}},
    )
    # every date from the anchor, clamped to the month's end; 1000.00 / 3 = 333.33 with the
    # residual 0.01 on the first installment (the documented default)
    assert [(i["due_date"], i["amount"]) for i in plan["installments"]] == [
        (date(2024, 1, 31), Decimal("333.34")),
        (date(2024, 2, 29), Decimal("333.33")),
        (date(2024, 3, 31), Decimal("333.33")),
    ]
    assert sum(i["amount"] for i in plan["installments"]) == Decimal("1000.00")


def test_running_the_fee_policy_twice_charges_once() -> None:
    account = Account({"customer": "ACME", "currency": "EUR"})
    invoice = ar_core.issue_simple(
        {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": date(2024, 1, 1), "currency": "EUR", "amount": Decimal("1200.00"), "terms": ar_core.Terms.parse("Net 30")}
    )
    account.apply({"id": "e1", "date": date(2024, 1, 1), "body": {"type": "document_issued", "document": invoice}})
    policy = {"levels": [{"level": 1, "grace_days": 10, "fee": {"type": "fixed", "amount": "25.00"}}]}
    as_of = date(2024, 2, 11)  # due 31 Jan + 10 days of grace: the fee applies from 11 Feb

    first = ar_core.assess_fees(account, policy, as_of)
    second = ar_core.assess_fees(account, policy, as_of)
    assert first == second and len(first["charges"]) == 1  # the same proposal, the same id
    fee = first["charges"][0]["document"]
    account.apply({"id": "e2", "date": as_of, "body": {"type": "document_issued", "document": fee}})

    # run again on the same account and level: nothing more, and it says why
    again = ar_core.assess_fees(account, policy, as_of)
    assert again["charges"] == [] and str(again["total"]) == "0.00"
    assert again.get("skipped", [])[0]["reason"].endswith("already charged by FEE-INV-1/level-1")
    # issuing the second run's proposal anyway, or a copy under another id, is refused
    with pytest.raises(ar_core.LedgerError) as dup:
        account.apply({"id": "e3", "date": as_of, "body": {"type": "document_issued", "document": second["charges"][0]["document"]}})
    assert dup.value.kind == "duplicate_document"
    copy: dict[str, Any] = {**fee, "id": "FEE-COPY"}
    with pytest.raises(ar_core.LedgerError) as charged:
        account.apply({"id": "e4", "date": as_of, "body": {"type": "document_issued", "document": copy}})
    assert charged.value.kind == "duplicate_charge"
    # charged once: 1 200.00 + 25.00
    assert account.balance() == Decimal("1225.00")


def test_partial_discount_pro_rata_account_setting() -> None:
    # docs/json.md: 1 000.00 on 2/10 net 30 under "pro_rata": 400.00 on day 4 earns
    # 20.00 x 400.00 / 980.00 = 8.16 (591.84 open); 580.00 on day 10 closes the invoice with
    # 20.00 x 591.84 / 1 000.00 = 11.84 more (8.16 + 11.84 = 20.00)
    config = {"customer": "ACME", "currency": "EUR", "partial_discount": "pro_rata"}
    account = Account(config)
    assert account.config.get("partial_discount") == "pro_rata"
    invoice = ar_core.issue_simple(
        {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": date(2024, 1, 1), "currency": "EUR", "amount": Decimal("1000.00"), "terms": ar_core.Terms.parse("2/10 Net 30")}
    )
    account.apply({"id": "e1", "date": date(2024, 1, 1), "body": {"type": "document_issued", "document": invoice}})

    def pay(n: int, day: date, amount: str) -> dict[str, Any]:
        body = {"type": "payment_received", "payment_id": f"P-{n}", "amount": Decimal(amount), "currency": "EUR"}
        return {"id": f"e{n}", "date": day, "body": body}

    first = account.apply(pay(2, date(2024, 1, 4), "400.00"))
    assert first.get("allocations", [])[0]["discount_taken"] == Decimal("8.16")
    assert account.open_items()[0]["open"] == Decimal("591.84")
    last = account.apply(pay(3, date(2024, 1, 10), "580.00"))
    assert last.get("allocations", [])[0]["discount_taken"] == Decimal("11.84")
    assert account.open_items() == [] and account.balance() == Decimal("0.00")
    # the default, "none", is left out of the config
    assert "partial_discount" not in Account({"customer": "ACME", "currency": "EUR"}).config


def test_charge_for_on_a_simple_draft() -> None:
    fee = ar_core.issue_simple(
        {
            "kind": "fee_charge",
            "id": "FEE-1",
            "customer": "ACME",
            "date": date(2024, 2, 1),
            "currency": "EUR",
            "amount": 40,
            "charge_for": {"document": "INV-1", "installment": 0, "key": "through-2024-01-31", "from": "2024-01-02", "through": date(2024, 1, 31)},
        }
    )
    assert fee.get("charge_for") == {"document": "INV-1", "installment": 0, "key": "through-2024-01-31", "from": date(2024, 1, 2), "through": date(2024, 1, 31)}
    with pytest.raises(ar_core.DocumentError) as e:
        ar_core.issue_simple(
            {"kind": "invoice", "id": "INV-2", "customer": "ACME", "date": date(2024, 2, 1), "currency": "EUR", "amount": 40, "charge_for": {"document": "INV-1", "key": "k"}}
        )
    assert e.value.kind == "invalid_charge_for"
