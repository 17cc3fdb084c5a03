"""Late-payment interest from Python: day counts as exact fractions.Fraction, accrual inputs
and policies as dicts of the JSON shape, results with Decimal, date and Fraction native.
Expected values are worked by hand in the comments."""

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from ledger_support import assert_native, jsonish

import ar_core
from ar_core import (
    Account,
    accrue,
    accrue_account,
    day_count_days,
    eu_late_payment_rates,
    principal_changes,
    rates_for,
    uk_late_payment_rates,
    waive_unpaid_charges,
    year_fraction,
)


@pytest.mark.parametrize(
    ("day_count", "start", "end", "days", "fraction"),
    [
        # 29 Feb -> 31 Mar 2024: 31 actual days
        ("actual_365_fixed", date(2024, 2, 29), date(2024, 3, 31), 31, Fraction(31, 365)),
        ("actual_360", date(2024, 2, 29), date(2024, 3, 31), 31, Fraction(31, 360)),
        # 30/360: D1 = 29 stays, so D2 = 31 stays: 30 x 1 + (31 - 29) = 32 -> 32/360 = 4/45
        ("thirty_360", date(2024, 2, 29), date(2024, 3, 31), 32, Fraction(4, 45)),
        # 30E/360: D2 = 31 becomes 30: 30 + 1 = 31
        ("thirty_e_360", date(2024, 2, 29), date(2024, 3, 31), 31, Fraction(31, 360)),
        # Actual/Actual (ISDA): 15 Dec 2023 -> 15 Jan 2024 = 17/365 + 14/366 = 11332/133590
        ("actual_actual_isda", date(2023, 12, 15), date(2024, 1, 15), 31, Fraction(17, 365) + Fraction(14, 366)),
        # 31 Jan -> 1 Mar 2024: 30 days / 365 = 6/73
        ("actual_365_fixed", date(2024, 1, 31), date(2024, 3, 1), 30, Fraction(6, 73)),
    ],
)
def test_day_counts(day_count: Any, start: date, end: date, days: int, fraction: Fraction) -> None:
    assert day_count_days(day_count, start, end) == days
    got = year_fraction(day_count, start, end)
    assert isinstance(got, Fraction) and got == fraction


def test_day_count_errors() -> None:
    with pytest.raises(ar_core.InterestError) as e:
        year_fraction("actual_360", date(2024, 3, 1), date(2024, 2, 1))
    assert e.value.kind == "invalid_day_count_period"
    with pytest.raises(ValueError, match="invalid day count `act/360`"):
        day_count_days("act/360", date(2024, 1, 1), date(2024, 2, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`start` must be a datetime.date"):
        year_fraction("actual_360", "2024-01-01", date(2024, 2, 1))  # type: ignore[arg-type]


ACCRUAL = {
    "currency": "EUR",
    "principal": Decimal("1000.00"),
    "due_date": date(2024, 1, 31),
    "as_of": date(2024, 3, 31),
    "changes": [{"date": date(2024, 2, 15), "amount": Decimal("400.00"), "reason": "payment P-1"}],
    "rates": {"type": "fixed", "percent": 10},
}


def test_accrue_splits_at_a_payment() -> None:
    b = accrue(ACCRUAL)
    # 1 Feb..15 Feb: 1 000.00 x 10 % x 15/365 = 300/73; 16 Feb..31 Mar: 600.00 x 10 % x 45/365
    # = 540/73; total 840/73 = 11.5068... -> 11.51, shares 4.11 + 7.40
    assert (b["total_exact"], b["total"]) == (Fraction(840, 73), Decimal("11.51"))
    first, second = b["periods"]
    assert (first["from"], first["to"], first["days"], first["principal"]) == (date(2024, 2, 1), date(2024, 2, 15), 15, Decimal("1000.00"))
    assert (first["year_fraction"], first["interest_exact"], first["interest"]) == (Fraction(3, 73), Fraction(300, 73), Decimal("4.11"))
    assert (second["from"], second["to"], second["interest"]) == (date(2024, 2, 16), date(2024, 3, 31), Decimal("7.40"))
    assert (second["rate"], second["rate_from"]) == (Decimal("10"), date(2024, 2, 1))
    assert "capitalised" not in b
    # due_date, as_of, total_exact, total; per period from, to, principal, rate, rate_from,
    # year_fraction, interest_exact, interest
    assert assert_native(b) == 4 + 2 * 8
    # the JSON form of the fractions is the core's text
    assert jsonish(b)["total_exact"] == "840/73"
    # the same input as strings gives the same breakdown
    strings = {**ACCRUAL, "principal": "1000.00", "due_date": "2024-01-31", "as_of": "2024-03-31",
               "changes": [{"date": "2024-02-15", "amount": "400.00", "reason": "payment P-1"}]}
    assert accrue(strings) == b


def test_accrue_with_a_rate_table_and_a_day_count() -> None:
    # 16..31 Mar: 2 000.00 x 6 % x 16/360 = 16/3; 1..30 Apr: 2 000.00 x 9 % x 30/360 = 15;
    # 16/3 + 15 = 61/3 = 20.333... -> 20.33
    b = accrue(
        {
            "currency": "EUR",
            "principal": Decimal("2000.00"),
            "due_date": date(2024, 3, 15),
            "as_of": date(2024, 4, 30),
            "rates": {"type": "table", "rates": [{"from": date(2024, 1, 1), "percent": 6}, {"from": date(2024, 4, 1), "percent": 9}]},
            "method": {"day_count": "actual_360"},
        }
    )
    assert (b["total_exact"], b["total"]) == (Fraction(61, 3), Decimal("20.33"))
    assert [p["rate"] for p in b["periods"]] == [Decimal("6"), Decimal("9")]


def test_accrue_compound_capitalises() -> None:
    # 1 200.00 due 15 Jan 2024 at 12 % compounded monthly on 30/360 (every month from the
    # 15th is 30/360 = 1/12): 1 200 x (1.01^12 - 1) = 152.1900361... -> 152.19; capitalised on
    # the 11 compounding dates before the as-of date: 1 200 x (1.01^11 - 1) = 138.8020159983798...,
    # each month's interest rounded to 12 places as it is capitalised, so within a few 1e-12
    b = accrue(
        {
            "currency": "EUR",
            "principal": Decimal("1200.00"),
            "due_date": date(2024, 1, 15),
            "as_of": date(2025, 1, 15),
            "rates": {"type": "fixed", "percent": 12},
            "method": {"day_count": "thirty_360", "compounding": "monthly"},
        }
    )
    assert b["total"] == Decimal("152.19")
    capitalised = b.get("capitalised")
    assert isinstance(capitalised, Decimal) and capitalised.as_tuple().exponent == -12
    assert abs(capitalised - 1200 * (Decimal("1.01") ** 11 - 1)) < Decimal("1E-11")
    assert len(b["periods"]) == 12 and b["periods"][0]["interest_exact"] == Fraction(12)


def test_rates_for_and_the_statutory_presets() -> None:
    eu = eu_late_payment_rates([{"from": date(2023, 9, 20), "percent": Decimal("4.50")}, {"from": "2024-06-12", "percent": "4.25"}])
    assert eu["type"] == "eu_late_payment" and eu["margin"] == Decimal("8")
    assert eu["reference_rates"][0]["from"] == date(2023, 9, 20)
    # due 31 May 2024, as of 31 Aug: the rate in force on 1 Jan (4.50) + 8 for Jan-Jun, on
    # 1 Jul (4.25, since 12 Jun) + 8 for Jul-Dec
    table = rates_for(eu, date(2024, 5, 31), date(2024, 8, 31))
    assert [(r["from"], r["percent"]) for r in table] == [(date(2024, 1, 1), Decimal("12.50")), (date(2024, 7, 1), Decimal("12.25"))]
    assert all("2011/7/EU" in r["note"] for r in table)
    # UK: interest from 16 Mar 2024 takes Bank Rate on 31 Dec 2023 (5.25) + 8, for the whole delay
    uk = uk_late_payment_rates([{"from": date(2023, 8, 3), "percent": Decimal("5.25")}])
    assert rates_for(uk, date(2024, 3, 15), date(2024, 9, 30))[0] == {
        "from": date(2024, 3, 16),
        "percent": Decimal("13.25"),
        "note": rates_for(uk, date(2024, 3, 15), date(2024, 9, 30))[0]["note"],
    }
    # a fixed rate is in force from the day after the due date
    assert rates_for({"type": "fixed", "percent": 8}, date(2024, 1, 31), date(2024, 3, 1)) == [{"from": date(2024, 2, 1), "percent": Decimal("8")}]
    with pytest.raises(ar_core.InterestError) as e:
        rates_for(eu_late_payment_rates([]), date(2024, 5, 31), date(2024, 8, 31))
    assert e.value.kind == "missing_reference_rate"
    assert str(e.value) == "no EU 2011/7/EU (ECB MRO) reference rate in force on 2024-01-01"


def invoice_event(event_id: str, id_: str, day: date, amount: str, kind: str = "invoice", **extra: Any) -> dict[str, Any]:
    document = ar_core.issue_simple(
        {"kind": kind, "id": id_, "customer": "ACME", "date": day, "currency": "EUR", "amount": Decimal(amount), **extra}
    )
    return {"id": event_id, "date": day, "body": {"type": "document_issued", "document": document}}


def test_accrue_account_charges_once() -> None:
    account = Account({"customer": "ACME", "currency": "EUR"})
    account.apply(invoice_event("e1", "INV-1", date(2024, 1, 31), "1000.00"))  # due on its date
    policy = {"rates": {"type": "fixed", "percent": 8}}
    run = accrue_account(account, policy, date(2024, 3, 1))
    # 1 Feb..1 Mar: 1 000.00 x 8 % x 30/365 = 6.575... -> 6.58
    assert (run["accrued"], run["to_charge"]) == (Decimal("6.58"), Decimal("6.58"))
    charge = run["charges"][0]
    assert (charge["id"], charge["kind"], charge["total"], charge["date"]) == ("INT-INV-1/0/2024-03-01", "interest_charge", Decimal("6.58"), date(2024, 3, 1))
    assert charge.get("charge_for") == {
        "document": "INV-1",
        "installment": 0,
        "key": "through-2024-03-01",
        "from": date(2024, 2, 1),
        "through": date(2024, 3, 1),
    }
    item = run["items"][0]
    assert (item["due_date"], item["outstanding"], item["charge_id"]) == (date(2024, 1, 31), Decimal("1000.00"), "INT-INV-1/0/2024-03-01")
    assert item["accrued"]["total_exact"] == Fraction(1000 * 8 * 30, 100 * 365)
    assert assert_native(run) > 20
    # the charge goes into the account as it is; running again charges nothing
    account.apply({"id": "e2", "date": date(2024, 3, 1), "body": {"type": "document_issued", "document": charge}})
    again = accrue_account(account, policy, date(2024, 3, 1))
    assert again["charges"] == [] and str(again["to_charge"]) == "0.00"
    assert (again["items"][0].get("charged_by"), again["items"][0]["already_charged"]) == (["INT-INV-1/0/2024-03-01"], Decimal("6.58"))
    assert again["items"][0].get("charged_through") == date(2024, 3, 1)


def test_principal_changes() -> None:
    account = Account({"customer": "ACME", "currency": "EUR"})
    account.apply(invoice_event("e1", "INV-1", date(2024, 1, 1), "1000.00"))
    account.apply({"id": "e2", "date": date(2024, 2, 15), "body": {"type": "payment_received", "payment_id": "P-1", "amount": 400, "currency": "EUR"}})
    p = principal_changes(account, "INV-1", 0, date(2024, 3, 31))
    assert p["changes"] == [{"date": date(2024, 2, 15), "amount": Decimal("400.00"), "reason": "payment P-1"}]
    assert (p["original"], p["outstanding"]) == (Decimal("1000.00"), Decimal("600.00"))
    with pytest.raises(ar_core.LedgerError) as e:
        principal_changes(account, "INV-9", 0, date(2024, 3, 31))
    assert e.value.kind == "unknown_document"
    with pytest.raises(TypeError, match="`installment` must be an int"):
        principal_changes(account, "INV-1", False, date(2024, 3, 31))


def test_waive_unpaid_charges() -> None:
    account = Account({"customer": "ACME", "currency": "EUR"})
    account.apply(invoice_event("e1", "INV-1", date(2024, 1, 1), "100.00"))
    account.apply(invoice_event("e2", "FEE-1", date(2024, 2, 1), "40.00", kind="fee_charge", charge_for={"document": "INV-1", "key": "level-1"}))
    account.apply(
        {
            "id": "e3",
            "date": date(2024, 2, 10),
            "body": {"type": "payment_received", "payment_id": "P-1", "amount": Decimal("100.00"), "currency": "EUR", "remittance": [{"document": "INV-1", "amount": "100.00"}]},
        }
    )
    # INV-1 is paid; the fee charged for it is still open: waived, a write-off of 40.00
    waivers = waive_unpaid_charges(account, "waive", date(2024, 2, 10))
    assert [(w["document"], w["charged_for"], w["installment"], w["amount"]) for w in waivers] == [("FEE-1", "INV-1", 0, Decimal("40.00"))]
    body = waivers[0]["event"]
    assert (body["type"], body["document"], body["amount"], body["reason_code"]) == ("written_off", "FEE-1", Decimal("40.00"), "waived_principal_paid")
    account.apply({"id": "e4", "date": date(2024, 2, 10), "body": body})
    assert account.balance() == Decimal("0.00")
    assert waive_unpaid_charges(account, "claimable", date(2024, 2, 10)) == []
    with pytest.raises(ValueError, match="invalid unpaid charges policy `forgive`"):
        waive_unpaid_charges(account, "forgive", date(2024, 2, 10))  # type: ignore[arg-type]
