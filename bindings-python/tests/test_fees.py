"""Late fees from Python: fee policies as dicts of the JSON shape, an Account to run them on,
Decimal and date native. Expected values are worked by hand in the comments."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from ledger_support import assert_native

import ar_core
from ar_core import Account, assess_fees, eu_late_payment_compensation, uk_late_payment_compensation, validate_fee_policy


def account_with(currency: str, amount: str, issued: date) -> Account:
    """One invoice of `amount`, due on its date `issued`."""
    account = Account({"customer": "ACME", "currency": currency})
    invoice = ar_core.issue_simple(
        {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": issued, "currency": currency, "amount": Decimal(amount)}
    )
    account.apply({"id": "e1", "date": issued, "body": {"type": "document_issued", "document": invoice}})
    return account


def issue(account: Account, event_id: str, document: ar_core.types.Document) -> None:
    account.apply({"id": event_id, "date": document["date"], "body": {"type": "document_issued", "document": document}})


LATE_FEE = {"levels": [{"level": 1, "grace_days": 10, "fee": {"type": "fixed", "amount": Decimal("25.00")}, "label": "late fee"}]}


def test_fee_after_grace() -> None:
    account = account_with("EUR", "1200.00", date(2024, 1, 31))
    # due 31 Jan + 10 days of grace: nothing on 10 Feb, the fee applies from 11 Feb
    quiet = assess_fees(account, LATE_FEE, date(2024, 2, 10))
    assert quiet["charges"] == [] and str(quiet["total"]) == "0.00" and "skipped" not in quiet
    run = assess_fees(account, LATE_FEE, date(2024, 2, 11))
    fee = run["charges"][0]
    assert (fee["charged_for"], fee["level"], fee["key"], fee["applies_from"], fee["basis"]) == (
        "INV-1",
        1,
        "level-1",
        date(2024, 2, 11),
        Decimal("1200.00"),
    )
    doc = fee["document"]
    assert (doc["id"], doc["kind"], doc["total"], doc["date"]) == ("FEE-INV-1/level-1", "fee_charge", Decimal("25.00"), date(2024, 2, 11))
    assert doc.get("charge_for") == {"document": "INV-1", "key": "level-1"}
    assert run["total"] == Decimal("25.00") and run["currency"] == "EUR" and run["as_of"] == date(2024, 2, 11)
    assert "installment" not in fee and "period" not in fee
    assert assert_native(run) > 5


def test_percent_fee_with_a_cap() -> None:
    account = account_with("EUR", "1200.00", date(2024, 1, 31))
    policy: dict[str, Any] = {"levels": [{"level": 1, "grace_days": 10, "fee": {"type": "percent", "percent": 5}, "cap": 50}]}
    # 5 % of 1 200.00 = 60.00, capped at 50.00
    assert assess_fees(account, policy, date(2024, 2, 11))["charges"][0]["document"]["total"] == Decimal("50.00")


def test_statutory_presets() -> None:
    eu = eu_late_payment_compensation()
    assert (eu["currency"], eu["scope"], eu["levels"][0]["grace_days"]) == ("EUR", "document", 0)
    assert eu["levels"][0]["fee"] == {"type": "fixed", "amount": Decimal("40.00")}
    uk = uk_late_payment_compensation()
    # 1998 Act s.5A(2): GBP 40 under 1 000, 70 from 1 000, 100 from 10 000; `from` is a decimal here
    tiers = uk["levels"][0]["fee"]["tiers"]
    assert [(t["from"], t["fee"]["amount"]) for t in tiers] == [
        (Decimal("0.00"), Decimal("40.00")),
        (Decimal("1000.00"), Decimal("70.00")),
        (Decimal("10000.00"), Decimal("100.00")),
    ]
    assert assert_native(uk) == 6
    # a debt of exactly 1 000.00 is "1 000 or more": GBP 70, from the day after the due date
    account = account_with("GBP", "1000.00", date(2024, 1, 31))
    run = assess_fees(account, uk, date(2024, 2, 1))
    assert run["charges"][0]["document"]["total"] == Decimal("70.00")
    # the EUR preset on a GBP account: currency_mismatch
    with pytest.raises(ar_core.MoneyError) as e:
        assess_fees(account, eu, date(2024, 2, 1))
    assert e.value.kind == "currency_mismatch"
    assert str(e.value) == "currency mismatch: `EUR` and `GBP`"


def test_validate_fee_policy() -> None:
    validate_fee_policy(LATE_FEE)
    validate_fee_policy(uk_late_payment_compensation())
    with pytest.raises(ar_core.FeeError) as e:
        validate_fee_policy({"levels": [LATE_FEE["levels"][0], LATE_FEE["levels"][0]]})
    assert (e.value.kind, str(e.value)) == ("duplicate_fee_level", "fee level 1 appears twice")
    with pytest.raises(ar_core.ArCoreError) as j:
        validate_fee_policy({"levels": [{"level": 1, "fee": {"type": "flat", "amount": "5.00"}}]})
    assert j.value.kind == "invalid_json"
    with pytest.raises(TypeError, match="float"):
        validate_fee_policy({"levels": [{"level": 1, "fee": {"type": "fixed", "amount": 5.0}}]})


def test_repeating_fee_catches_up_by_period() -> None:
    account = account_with("EUR", "100.00", date(2024, 1, 31))
    policy = {"levels": [{"level": 1, "fee": {"type": "fixed", "amount": "5.00"}, "repeat": {"every_days": 30, "max_charges": 3}}]}
    # from 1 Feb, then 2 Mar and 1 Apr (every 30 days), at most 3: on 15 Apr all three are due
    run = assess_fees(account, policy, date(2024, 4, 15))
    assert [(c["period"], c["key"], c["applies_from"]) for c in run["charges"]] == [
        (1, "level-1/period-1", date(2024, 2, 1)),
        (2, "level-1/period-2", date(2024, 3, 2)),
        (3, "level-1/period-3", date(2024, 4, 1)),
    ]
    assert run["total"] == Decimal("15.00")
