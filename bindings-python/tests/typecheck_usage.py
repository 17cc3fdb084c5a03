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


def discounts_plans_interest_fees() -> None:
    from fractions import Fraction

    from ar_core import Account, types

    early = ar_core.early_payment_amounts({"net": Decimal("100.00")}, "EUR", 2, discount_base="mixed", rounding="half_up", discount_rounding="amount_due")
    assert_type(early, types.EarlyPayment)
    assert_type(early["due_early"], Decimal)
    offers = [{"deadline": date(2024, 1, 11), "discount": Decimal("2.00"), "amount_due": Decimal("98.00")}]
    earned = ar_core.earned_discount(Decimal("100.00"), offers, date(2024, 1, 11))
    assert_type(earned, types.EarnedDiscount)
    assert_type(earned.get("tier"), "int | None")
    best = ar_core.best_offer(offers, date(2024, 1, 11))
    assert_type(best, "tuple[int, types.DiscountOffer] | None")
    assert_type(ar_core.pro_rata_discount(100, 2, 50, "EUR", rounding="down"), types.ProRata)
    assert_type(ar_core.available_discount(100, 2, 50, "EUR"), Decimal)
    cost = ar_core.annualized_cost(2, 10, 30, "days_365")
    assert_type(cost["simple_percent"], Decimal)
    dyn = ar_core.dynamic_discount(Decimal("100.00"), "EUR", 12, date(2024, 1, 1), date(2024, 1, 31), "days_360", rounding="up")
    assert_type(dyn["days_early"], int)

    terms = {"due": {"type": "periodic", "frequency": "monthly", "first_due": date(2024, 1, 31), "count": 3}}
    plan = ar_core.installment_plan(Decimal("1000.00"), "EUR", terms)
    assert_type(plan, types.Plan)
    assert_type(plan["installments"][0]["due_date"], date)
    amortized = ar_core.amortized_plan(1000, "EUR", {"annual_rate_percent": 12, "frequency": "monthly", "first_due": "2024-02-01", "count": 12})
    assert_type(amortized.get("payment"), "Decimal | None")
    assert_type(ar_core.build_plan({"type": "split", "terms": terms}, 1000, "EUR"), types.Plan)
    ar_core.validate_plan(plan)
    status = ar_core.plan_status(plan, [{"date": date(2024, 1, 31), "amount": 100}], date(2024, 2, 1), policy={"missed_installments": 2})
    assert_type(status, types.PlanStatus)
    state: str = status["installments"][0]["state"]
    assert state == "overdue"

    fraction = ar_core.year_fraction("thirty_e_360", date(2024, 2, 29), date(2024, 3, 31))
    assert_type(fraction, Fraction)
    assert_type(ar_core.day_count_days("actual_actual_isda", date(2024, 1, 1), date(2024, 2, 1)), int)
    breakdown = ar_core.accrue(
        {"currency": "EUR", "principal": 1000, "due_date": "2024-01-31", "as_of": "2024-03-31", "rates": {"type": "fixed", "percent": 8}}
    )
    assert_type(breakdown, types.InterestBreakdown)
    assert_type(breakdown["total_exact"], Fraction)
    assert_type(breakdown["periods"][0]["from"], date)
    eu = ar_core.eu_late_payment_rates([{"from": date(2023, 9, 20), "percent": Decimal("4.50")}])
    table = ar_core.rates_for(eu, date(2024, 5, 31), date(2024, 8, 31))
    assert_type(table, "list[types.DatedInterestRate]")
    assert_type(table[0]["percent"], Decimal)
    assert_type(ar_core.uk_late_payment_rates([]), "dict[str, Any]")

    account = Account({"customer": "ACME", "currency": "EUR"})
    doc = ar_core.issue_simple({"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": date(2024, 1, 31), "currency": "EUR", "amount": 1000})
    account.apply({"id": "e1", "date": date(2024, 1, 31), "body": {"type": "document_issued", "document": doc}})
    run = ar_core.accrue_account(account, {"rates": {"type": "fixed", "percent": 8}}, date(2024, 3, 1))
    assert_type(run, types.AccountInterest)
    assert_type(run["charges"][0].get("charge_for"), "types.ChargeFor | None")
    assert_type(ar_core.principal_changes(account, "INV-1", 0, date(2024, 3, 1)), types.ItemPrincipal)
    assert_type(ar_core.waive_unpaid_charges(account, "waive", date(2024, 3, 1)), "list[types.ChargeWaiver]")
    fees = ar_core.assess_fees(account, ar_core.eu_late_payment_compensation(), date(2024, 2, 1))
    assert_type(fees, types.FeeRun)
    assert_type(fees["charges"][0]["applies_from"], date)
    uk = ar_core.uk_late_payment_compensation()
    assert_type(uk, types.FeePolicy)
    ar_core.validate_fee_policy(uk)
    done = ar_core.reschedule(
        account,
        date(2024, 3, 1),
        {"plan_document": "PLAN-1", "credit_note": "RS-1", "plan": {"type": "split", "terms": {"due": {"type": "periodic", "frequency": "monthly", "first_due": "2024-03-31", "count": 2}}}},
    )
    assert_type(done, types.Rescheduled)
    assert_type(done["events"][0]["date"], date)
    try:
        ar_core.annualized_cost(2, 30, 30, "days_365")
    except ar_core.DiscountError as e:
        assert_type(e.kind, str)
        assert e.kind == "invalid_discount_period"
    for cls in (ar_core.PlanError, ar_core.InterestError, ar_core.FeeError):
        assert issubclass(cls, ar_core.ArCoreError)


if __name__ == "__main__":
    money_and_splits()
    calendars()
    schedules(terms())
    errors()
    ledger()
    discounts_plans_interest_fees()
    print("ok", ar_core.__version__)
