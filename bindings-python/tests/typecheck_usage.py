"""Exercises the typed surface of ar_core: `mypy --strict` checks this file against the stubs,
and test_quickstart.py runs it, so the stubs and the runtime cannot drift apart unnoticed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from typing_extensions import assert_type

import ar_core
from ar_core import (
    BusinessCalendar,
    CurrencyInfo,
    DateStep,
    DiscountOffer,
    DiscountTier,
    Installment,
    Part,
    Schedule,
    TermLine,
    Terms,
)


def money_and_splits() -> None:
    info = ar_core.currency_info("JPY")
    assert_type(info, CurrencyInfo)
    assert_type(info.minor_units, "int | None")
    assert_type(info.code, str)
    rounded = ar_core.round_money(Decimal("2.345"), "EUR", mode="half_even", increment=None)
    assert_type(rounded, Decimal)
    parts = ar_core.split(
        Decimal("5.47"),
        "EUR",
        [Part.fraction(1, 3), {"type": "fraction", "numerator": 1, "denominator": 3}, Part.balance()],
        rounding="half_up",
        residual="last",
        allow_negative=False,
    )
    assert_type(parts, "list[Decimal]")
    assert [str(p) for p in parts] == ["1.82", "1.82", "1.83"]
    kind: str = Part.percent(30).type
    assert kind == "percent"


def calendars() -> None:
    cal = BusinessCalendar(weekend=["Sat", "Sun"], holidays=[date(2024, 12, 25)])
    assert_type(cal.roll(date(2024, 6, 15), "modified_following"), date)
    assert_type(cal.is_business_day(date(2024, 6, 15)), bool)
    assert_type(cal.holidays, "list[date]")
    assert_type(BusinessCalendar.from_dict(cal.to_dict()), BusinessCalendar)


def terms() -> Terms:
    t = Terms(
        [
            TermLine(Part.percent(Decimal("30")), [DateStep.days(30)], [DiscountTier.percent_within(2, 10)]),
            TermLine(
                Part.balance(),
                [DateStep.months(1), DateStep.end_of_month()],
                [DiscountTier([DateStep.days(5)], amount=Decimal("1.00"))],
            ),
        ],
        rounding="half_up",
        residual="last",
        roll="following",
        basis="document",
    )
    assert_type(t.lines, "list[TermLine]")
    assert_type(t.lines[0].due, "list[DateStep]")
    assert_type(t.lines[0].discounts[0].deadline, "list[DateStep]")
    assert_type(t.roll, "ar_core._ar_core._Roll")
    shape: dict[str, Any] = t.to_dict()
    assert Terms.from_dict(shape) == t
    assert Terms.from_json(t.to_json()) == t
    assert_type(str(Terms.parse("1/10 EOM Net 30")), str)
    assert_type(ar_core.parse_terms("Net 30"), Terms)
    assert_type(ar_core.print_terms("net 30"), str)
    steps = [
        DateStep.day_of_month(0),
        DateStep.month(3),
        DateStep.next_weekday("Fri"),
        DateStep.proximo(10, cutoff=25),
        DateStep.from_dict({"type": "days", "days": 1}),
    ]
    assert len(steps) == 5
    assert TermLine.from_dict(t.lines[0].to_dict()) == t.lines[0]
    return t


def schedules(t: Terms) -> None:
    s = ar_core.schedule(t, date(2024, 1, 31), Decimal("1000.00"), "EUR")
    assert_type(s, Schedule)
    assert_type(s.total, Decimal)
    assert_type(s.currency, str)
    inst = s.installments[0]
    assert_type(inst, Installment)
    assert_type(inst.due_date, date)
    assert_type(inst.amount, Decimal)
    assert_type(inst.reason, str)
    offer = inst.discounts[0]
    assert_type(offer, DiscountOffer)
    assert_type(offer.deadline, date)
    assert_type(offer.amount_due, Decimal)
    as_dict: dict[str, Any] = s.to_dict()
    assert as_dict["total"] == "1000.00"
    ar_core.schedule(
        "2/10 Net 30",
        date(2024, 1, 15),
        1000,
        "USD",
        calendar=BusinessCalendar(),
        cash_increment=Decimal("0.05"),
        allow_negative=True,
    )
    ar_core.schedule({"lines": [{"portion": {"type": "balance"}}]}, date(2024, 1, 15), 1, "JPY", calendar={"holidays": []})


def errors() -> None:
    try:
        Terms.parse("Net -5")
    except ar_core.NotationError as e:
        assert_type(e.kind, str)
        assert e.kind == "parse_error"
    try:
        ar_core.currency_info("XYZ")
    except ar_core.ArCoreError as e:
        assert isinstance(e, ar_core.MoneyError) and isinstance(e, ValueError)
        assert e.kind == "unknown_currency"


def ledger() -> None:
    from ar_core import Account, types

    doc = ar_core.issue_simple(
        {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": date(2024, 1, 1), "currency": "EUR", "amount": Decimal("400.00")},
        calendar=BusinessCalendar(),
        cash_increment=None,
    )
    assert_type(doc, types.Document)
    assert_type(doc["total"], Decimal)
    assert_type(doc["installments"][0]["due_date"], date)
    invoice, totals = ar_core.issue_invoice(
        {
            "id": "INV-2",
            "customer": "ACME",
            "date": "2024-01-02",
            "currency": "EUR",
            "lines": [{"description": "box", "quantity": 2, "unit_price": "10.00"}],
        }
    )
    assert_type(invoice, types.Document)
    assert_type(totals["gross"], Decimal)
    assert totals["gross"] == Decimal("20.00")

    account = Account({"customer": "ACME", "currency": "EUR"})
    for n, d in enumerate((doc, invoice)):
        applied = account.apply({"id": f"e{n}", "date": d["date"], "body": {"type": "document_issued", "document": d}})
        assert_type(applied, types.Applied)
    applied = account.apply(
        {"id": "e9", "date": "2024-01-20", "body": {"type": "payment_received", "payment_id": "P-1", "amount": 100, "currency": "EUR"}}
    )
    assert_type(applied["unapplied_change"], Decimal)
    for allocation in applied.get("allocations", []):
        assert_type(allocation, types.Allocation)
        assert_type(allocation["amount"], Decimal)
    items = account.open_items()
    assert_type(items, "list[types.OpenItem]")
    assert_type(items[0]["due_date"], date)
    assert_type(account.balance(), Decimal)
    assert_type(account.unapplied_cash(), Decimal)
    assert_type(account.disputed_total(), Decimal)
    assert_type(account.realized_fx(), Decimal)
    assert_type(account.open_disputes(), "list[tuple[str, types.Dispute, Decimal]]")
    assert_type(account.document("INV-1"), "types.DocumentState | None")
    assert_type(account.history("INV-1"), "list[types.HistoryEntry] | None")
    payment = account.payment("P-1")
    assert payment is not None
    assert_type(payment["amount"], Decimal)
    assert_type(account.payments(), "dict[str, types.PaymentState]")
    assert_type(account.documents(), "dict[str, types.DocumentState]")
    assert_type(account.write_offs(), "list[types.WriteOff]")
    assert_type(account.promises(), "dict[str, types.Promise]")
    assert_type(account.rates(), "list[types.DatedRate]")
    assert_type(account.reporting_balance(date(2024, 1, 31)), types.ReportingBalance)
    assert_type(account.as_of, "date | None")
    assert_type(account.config, types.AccountConfig)
    restored = Account.from_json(account.to_json())
    assert_type(restored, Account)
    replayed = Account.replay({"customer": "ACME", "currency": "EUR"}, [], date(2024, 1, 31))
    assert_type(replayed, Account)
    s = ar_core.statement({"customer": "ACME", "currency": "EUR"}, [], date(2024, 1, 1), date(2024, 1, 31), options={"due_soon_days": 7})
    assert_type(s, types.Statement)
    assert_type(s["closing_balance"], Decimal)
    assert_type(s["from"], date)
    try:
        account.apply({"id": "e9", "date": "2024-01-21", "body": {"type": "invoice_opened", "document": "INV-1"}})
    except ar_core.LedgerError as e:
        assert_type(e.kind, str)
        assert e.kind == "duplicate_event"


if __name__ == "__main__":
    money_and_splits()
    calendars()
    schedules(terms())
    errors()
    ledger()
    print("ok", ar_core.__version__)
