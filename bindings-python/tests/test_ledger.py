"""Documents, the account and statements from Python: dicts in, dicts out, Decimal and date
native. Expected values are worked by hand in the comments."""

import copy
import pickle
from datetime import date, datetime
from decimal import Decimal
from collections.abc import Mapping
from typing import Any

import pytest
from ledger_support import assert_native, jsonish

import ar_core
from ar_core import Account, issue_invoice, issue_simple, statement

EUR_ACME = {"customer": "ACME", "currency": "EUR"}


def invoice(id_: str, day: date, amount: str, terms: Any = None, kind: str = "invoice", **extra: Any) -> ar_core.types.Document:
    draft: dict[str, Any] = {
        "kind": kind,
        "id": id_,
        "customer": "ACME",
        "date": day,
        "currency": "EUR",
        "amount": Decimal(amount),
        **extra,
    }
    if terms is not None:
        draft["terms"] = ar_core.Terms.parse(terms) if isinstance(terms, str) else terms
    return issue_simple(draft)


def issued(event_id: str, document: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": event_id, "date": document["date"], "body": {"type": "document_issued", "document": document}}


def payment(event_id: str, day: date, payment_id: str, amount: str, **extra: Any) -> dict[str, Any]:
    body = {"type": "payment_received", "payment_id": payment_id, "amount": Decimal(amount), "currency": "EUR", **extra}
    return {"id": event_id, "date": day, "body": body}


def event(event_id: str, day: date, type_: str, **fields: Any) -> dict[str, Any]:
    return {"id": event_id, "date": day, "body": {"type": type_, **fields}}


def issue_case() -> tuple[Account, list[dict[str, Any]]]:
    """The issue's case: three invoices of 400.00; INV-1 1 Jan + 60 days = 1 Mar, INV-2 2 Jan
    + 30 days = 1 Feb, INV-3 3 Jan + 43 days = 15 Feb."""
    events = [
        issued("e1", invoice("INV-1", date(2024, 1, 1), "400.00", "Net 60")),
        issued("e2", invoice("INV-2", date(2024, 1, 2), "400.00", "Net 30")),
        issued("e3", invoice("INV-3", date(2024, 1, 3), "400.00", "Net 43")),
    ]
    account = Account(EUR_ACME)
    for e in events:
        account.apply(e)
    return account, events


# ----- documents -----


def test_issue_simple_returns_a_native_document() -> None:
    doc = invoice("INV-1", date(2024, 1, 10), "400.00", "Net 30")
    # 10 Jan + 30 days = 9 Feb
    assert doc["id"] == "INV-1" and doc["kind"] == "invoice" and doc["currency"] == "EUR"
    assert doc["date"] == date(2024, 1, 10)
    assert doc["total"] == Decimal("400.00") and str(doc["total"]) == "400.00"
    assert doc["installments"] == [{"due_date": date(2024, 2, 9), "amount": Decimal("400.00")}]
    assert doc["terms"]["lines"][0]["due"] == [{"type": "days", "days": 30}]
    assert assert_native(doc) == 4


def test_issue_simple_credit_note_is_negative() -> None:
    doc = invoice("CN-1", date(2024, 1, 10), "50.00", kind="credit_note", against="INV-1")
    # a credit note is stored negative, one installment due on its date
    assert doc["total"] == Decimal("-50.00")
    assert doc["installments"] == [{"due_date": date(2024, 1, 10), "amount": Decimal("-50.00")}]
    assert doc["against"] == "INV-1" and "revision_of" not in doc


def test_inputs_accept_decimal_int_str_and_date_or_iso_str() -> None:
    base = {"kind": "fee_charge", "id": "FEE-1", "customer": "ACME", "currency": "EUR"}
    a = issue_simple({**base, "date": date(2024, 1, 5), "amount": Decimal("40.00")})
    b = issue_simple({**base, "date": "2024-01-05", "amount": "40.00"})
    assert a == b
    # an int is exact; the total is written with the currency's places, as for the string "40"
    c = issue_simple({**base, "date": "2024-01-05", "amount": 40})
    assert str(c["total"]) == "40.00" and c == issue_simple({**base, "date": "2024-01-05", "amount": "40"})
    # percents inside terms dicts too: 30 % of 100.00 = 30.00 now, the balance 70.00 in 30 days
    terms = {"lines": [{"portion": {"type": "percent", "percent": 30}}, {"portion": {"type": "balance"}, "due": [{"type": "days", "days": 30}]}]}
    d = issue_simple({**base, "id": "FEE-2", "date": "2024-01-05", "amount": Decimal("100.00"), "terms": terms})
    assert [i["amount"] for i in d["installments"]] == [Decimal("30.00"), Decimal("70.00")]
    assert d["terms"]["lines"][0]["portion"] == {"type": "percent", "percent": Decimal("30")}


def test_issue_simple_schedule_options() -> None:
    # 2 Mar 2024 + 30 days = 1 Apr 2024 (Easter Monday); with it as a holiday and roll
    # following, the due date moves to Tue 2 Apr
    terms = {"lines": [{"portion": {"type": "balance"}, "due": [{"type": "days", "days": 30}]}], "roll": "following"}
    draft = {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": "2024-03-02", "currency": "EUR", "amount": "10.00", "terms": terms}
    assert issue_simple(draft)["installments"][0]["due_date"] == date(2024, 4, 1)
    holidays = ar_core.BusinessCalendar(holidays=[date(2024, 4, 1)])
    assert issue_simple(draft, calendar=holidays)["installments"][0]["due_date"] == date(2024, 4, 2)
    assert issue_simple(draft, calendar={"holidays": ["2024-04-01"]})["installments"][0]["due_date"] == date(2024, 4, 2)
    with pytest.raises(TypeError):
        issue_simple(draft, holidays)  # type: ignore[call-arg]  # options are keyword-only
    with pytest.raises(TypeError, match="`cash_increment` must be"):
        issue_simple(draft, cash_increment=0.05)  # type: ignore[arg-type]


def test_issue_invoice_totals() -> None:
    draft = {
        "id": "INV-7",
        "customer": "ACME",
        "date": date(2024, 1, 10),
        "currency": "EUR",
        "lines": [{"description": "widget", "quantity": 3, "unit_price": "19.99", "tax_rates": [{"code": "VAT19", "percent": 19}]}],
        "terms": ar_core.Terms.parse("Net 30"),
    }
    doc, totals = issue_invoice(draft)
    # 3 x 19.99 = 59.97 net; 19 % of 59.97 = 11.3943 -> 11.39; gross 71.36; 10 Jan + 30 = 9 Feb
    assert totals == {
        "lines": [Decimal("59.97")],
        "taxes": [{"code": "VAT19", "percent": Decimal("19"), "base": Decimal("59.97"), "amount": Decimal("11.39")}],
        "net": Decimal("59.97"),
        "tax": Decimal("11.39"),
        "gross": Decimal("71.36"),
    }
    assert doc["total"] == Decimal("71.36") and doc["kind"] == "invoice"
    assert doc["installments"] == [{"due_date": date(2024, 2, 9), "amount": Decimal("71.36")}]
    assert_native([doc, totals])


def test_issue_invoice_inclusive() -> None:
    draft = {
        "id": "INV-8",
        "customer": "ACME",
        "date": "2024-01-10",
        "currency": "EUR",
        "tax_mode": "inclusive",
        "lines": [{"description": "box", "quantity": "1", "unit_price": Decimal("119.00"), "tax_rates": [{"code": "VAT19", "percent": "19"}]}],
    }
    doc, totals = issue_invoice(draft)
    # 119.00 gross with 19 % included: tax 119 x 19 / 119 = 19.00, net 100.00; no terms: due
    # on the invoice date
    assert (totals["net"], totals["tax"], totals["gross"]) == (Decimal("100.00"), Decimal("19.00"), Decimal("119.00"))
    assert doc["installments"][0]["due_date"] == date(2024, 1, 10)


# ----- the account: the issue's done-when cases -----


def test_oldest_due_first_closes_february_and_leaves_200_on_march() -> None:
    account, _ = issue_case()
    applied = account.apply(payment("e4", date(2024, 1, 20), "P-1", "1000.00"))
    # oldest due first: INV-2 (1 Feb) 400.00, INV-3 (15 Feb) 400.00, INV-1 (1 Mar) the rest,
    # 1000 - 800 = 200.00, leaving 400 - 200 = 200.00 open on March
    assert [(a["document"], a["amount"]) for a in applied["allocations"]] == [
        ("INV-2", Decimal("400.00")),
        ("INV-3", Decimal("400.00")),
        ("INV-1", Decimal("200.00")),
    ]
    assert applied["unapplied_change"] == Decimal("0.00")
    items = account.open_items()
    assert [(i["document"], i["due_date"], i["open"]) for i in items] == [("INV-1", date(2024, 3, 1), Decimal("200.00"))]
    assert items[0]["original"] == Decimal("400.00") and items[0]["installment"] == 0
    assert str(account.balance()) == "200.00"
    assert account.document("INV-2")["items"] == [{"open": Decimal("0.00"), "deducted": Decimal("0")}]  # type: ignore[index]


def test_overpayment_leaves_the_excess_unapplied() -> None:
    account = Account(EUR_ACME)
    account.apply(issued("e1", invoice("INV-1", date(2024, 1, 1), "400.00")))
    account.apply(issued("e2", invoice("INV-2", date(2024, 1, 2), "250.00")))
    applied = account.apply(payment("e3", date(2024, 1, 20), "P-1", "1000.00"))
    # 1000.00 - (400.00 + 250.00) = 350.00 unapplied; balance 650 - 1000 = -350.00
    assert applied["unapplied_change"] == Decimal("350.00")
    assert account.unapplied_cash() == Decimal("350.00")
    assert account.open_items() == []
    assert str(account.balance()) == "-350.00"
    assert account.payment("P-1")["unapplied"] == Decimal("350.00")  # type: ignore[index]


def test_bounced_payment_restores_exactly_what_it_closed() -> None:
    account, _ = issue_case()
    before = {i["document"]: i["open"] for i in account.open_items()}
    account.apply(payment("e4", date(2024, 1, 20), "P-1", "1000.00"))
    applied = account.apply(event("e5", date(2024, 1, 25), "payment_reversed", payment_id="P-1", reason="bounced"))
    # it had closed INV-2 400.00, INV-3 400.00 and 200.00 of INV-1
    assert [(r["document"], r["installment"], r["amount"]) for r in applied["restored"]] == [
        ("INV-2", 0, Decimal("400.00")),
        ("INV-3", 0, Decimal("400.00")),
        ("INV-1", 0, Decimal("200.00")),
    ]
    assert {i["document"]: i["open"] for i in account.open_items()} == before == {d: Decimal("400.00") for d in before}
    assert str(account.balance()) == "1200.00"
    reversed_ = account.payment("P-1")["reversed"]  # type: ignore[index]
    assert reversed_ == {"event": "e5", "date": date(2024, 1, 25), "reason": "bounced", "unapplied_removed": Decimal("0.00")}
    assert [h["kind"] for h in account.history("INV-1") or []] == ["issued", "payment", "reversal"]


def test_bounced_overpayment_removes_its_unapplied_cash() -> None:
    account = Account(EUR_ACME)
    account.apply(issued("e1", invoice("INV-1", date(2024, 1, 1), "400.00")))
    account.apply(payment("e2", date(2024, 1, 20), "P-1", "500.00"))
    applied = account.apply(event("e3", date(2024, 1, 21), "payment_reversed", payment_id="P-1", reason="bounced"))
    # 400.00 reopens on INV-1 and the 100.00 left unapplied goes
    assert applied["unapplied_change"] == Decimal("-100.00")
    assert applied["restored"] == [{"document": "INV-1", "installment": 0, "amount": Decimal("400.00")}]
    assert (account.unapplied_cash(), account.balance()) == (Decimal("0.00"), Decimal("400.00"))


# ----- the account: the other queries -----


def test_every_query_on_a_busy_account() -> None:
    account = Account({**EUR_ACME, "short_payment": {"type": "deduction", "reason_code": "damaged"}})
    account.apply(issued("e1", invoice("INV-1", date(2024, 1, 1), "400.00", "Net 30")))
    account.apply(issued("e2", invoice("INV-2", date(2024, 1, 5), "300.00", "Net 30")))
    account.apply(issued("e3", invoice("CN-1", date(2024, 1, 6), "50.00", kind="credit_note", against="INV-2")))
    account.apply(event("e4", date(2024, 1, 6), "invoice_delivered", document="INV-1"))
    account.apply(event("e5", date(2024, 1, 7), "invoice_opened", document="INV-1"))
    # 390.00 with a remittance line for INV-1: 10.00 short, recorded as a deduction
    applied = account.apply(
        payment("e6", date(2024, 1, 20), "P-1", "390.00", remittance=[{"document": "INV-1", "amount": "390.00"}])
    )
    assert applied["deductions"][0]["amount"] == Decimal("10.00")
    account.apply(event("e7", date(2024, 1, 21), "credit_applied", credit_document="CN-1", target_document="INV-2", amount=Decimal("50.00")))
    account.apply(event("e8", date(2024, 1, 22), "dispute_opened", dispute_id="D-1", document="INV-2", amount=Decimal("100.00"), reason_code="quality"))
    account.apply(event("e9", date(2024, 1, 23), "promise_to_pay", promise_id="PR-1", amount=150, promised_date="2024-02-15"))
    account.apply(event("e10", date(2024, 1, 24), "written_off", document="INV-1", amount="10.00", reason_code="goodwill"))

    # INV-1: 400 - 390 - 10 written off = 0; INV-2: 300 - 50 credit = 250.00, 100.00 disputed
    assert [(i["document"], i["open"], i["disputed"]) for i in account.open_items()] == [("INV-2", Decimal("250.00"), Decimal("100.00"))]
    assert account.balance() == Decimal("250.00") and account.disputed_total() == Decimal("100.00")
    [(dispute_id, dispute, covered)] = account.open_disputes()
    assert (dispute_id, dispute["document"], dispute["amount"], covered) == ("D-1", "INV-2", Decimal("100.00"), Decimal("100.00"))
    assert account.promises() == {"PR-1": {"event": "e9", "date": date(2024, 1, 23), "amount": Decimal("150"), "promised_date": date(2024, 2, 15)}}
    assert [(w["document"], w["amount"], w["reason_code"]) for w in account.write_offs()] == [("INV-1", Decimal("10.00"), "goodwill")]
    inv1 = account.document("INV-1")
    assert inv1 is not None and (inv1["delivered_on"], inv1["opened_on"]) == (date(2024, 1, 6), date(2024, 1, 7))
    cn1 = account.documents()["CN-1"]
    assert [(a["document"], a["amount"]) for a in cn1["applications"]] == [("INV-2", Decimal("50.00"))]
    assert account.payments()["P-1"]["deductions"][0]["reason_code"] == "damaged"
    assert account.document("NOPE") is None and account.history("NOPE") is None and account.payment("NOPE") is None
    assert account.as_of == date(2024, 1, 24)
    assert account.config == {"customer": "ACME", "currency": "EUR", "strategy": "oldest_due_first", "short_payment": {"type": "deduction", "reason_code": "damaged"}}

    account.apply(event("e11", date(2024, 1, 25), "dispute_resolved", dispute_id="D-1", outcome="rejected"))
    assert account.open_disputes() == [] and account.disputed_total() == Decimal("0.00")

    outputs = [
        account.open_items(),
        account.documents(),
        account.payments(),
        account.promises(),
        account.write_offs(),
        account.config,
        account.rates(),
        account.reporting_balance(date(2024, 1, 31)),
        statement(EUR_ACME, [], date(2024, 1, 1), date(2024, 1, 31)),
    ]
    assert assert_native(outputs) > 50


def test_empty_account() -> None:
    account = Account(EUR_ACME)
    assert account.as_of is None
    assert (account.open_items(), account.payments(), account.documents(), account.write_offs()) == ([], {}, {}, [])
    assert (account.balance(), account.unapplied_cash(), account.disputed_total()) == (Decimal("0.00"),) * 3
    assert repr(account) == "<Account customer='ACME' currency='EUR' as_of=None documents=0 payments=0>"


def test_multi_currency_reporting() -> None:
    account = Account({**EUR_ACME, "reporting_currency": "USD"})
    account.apply(event("r1", date(2024, 1, 1), "rates_published", rates=[{"from": "EUR", "to": "USD", "rate": Decimal("1.10")}]))
    account.apply(issued("e1", invoice("INV-1", date(2024, 1, 1), "1000.00")))
    account.apply(event("r2", date(2024, 1, 20), "rates_published", rates=[{"from": "EUR", "to": "USD", "rate": "1.12"}]))
    applied = account.apply(payment("e2", date(2024, 1, 20), "P-1", "600.00"))
    # booked at 1.10, paid at 1.12: 600 x (1.12 - 1.10) = 12.00 realized
    assert applied["allocations"][0]["realized_fx"] == Decimal("12.00")
    assert account.realized_fx() == Decimal("12.00")
    rb = account.reporting_balance(date(2024, 1, 31))
    # 400.00 open: booked 400 x 1.10 = 440.00, revalued at 1.12 = 448.00, unrealized 8.00
    assert (rb["currency"], rb["balance"], rb["booked"], rb["revalued"], rb["unrealized_fx"]) == (
        "USD",
        Decimal("400.00"),
        Decimal("440.00"),
        Decimal("448.00"),
        Decimal("8.00"),
    )
    assert rb["rate"] == {"quoted": Decimal("1.12"), "inverse": False, "date": date(2024, 1, 20)}
    # the rate quotes keep their currency codes as str under `from` / `to`
    assert account.rates() == [
        {"date": date(2024, 1, 1), "from": "EUR", "to": "USD", "rate": Decimal("1.10")},
        {"date": date(2024, 1, 20), "from": "EUR", "to": "USD", "rate": Decimal("1.12")},
    ]
    assert_native([account.rates(), rb, account.payments(), account.documents()])


def test_replay_as_of() -> None:
    _, events = issue_case()
    events.append(payment("e4", date(2024, 1, 20), "P-1", "1000.00"))
    before = Account.replay(EUR_ACME, events, date(2024, 1, 19))
    after = Account.replay(EUR_ACME, iter(events), date(2024, 1, 20))
    assert (before.balance(), after.balance()) == (Decimal("1200.00"), Decimal("200.00"))
    assert before.as_of == date(2024, 1, 3)


def test_state_round_trips() -> None:
    account, _ = issue_case()
    account.apply(payment("e4", date(2024, 1, 20), "P-1", "1000.00"))
    text = account.to_json()
    for other in (Account.from_json(text), pickle.loads(pickle.dumps(account)), copy.deepcopy(account), copy.copy(account)):
        assert isinstance(other, Account) and other.to_json() == text
        assert other.open_items() == account.open_items()
    # copies are independent
    clone = copy.copy(account)
    clone.apply(event("e5", date(2024, 1, 25), "payment_reversed", payment_id="P-1", reason="bounced"))
    assert account.balance() == Decimal("200.00") and clone.balance() == Decimal("1200.00")


# ----- statements -----


def test_statement() -> None:
    events = [
        issued("e1", invoice("INV-1", date(2024, 1, 5), "400.00")),
        payment("e2", date(2024, 2, 10), "P-1", "150.00"),
    ]
    s = statement(EUR_ACME, events, date(2024, 2, 1), date(2024, 2, 29))
    # opening 400.00 (issued 5 Jan); -150.00 on 10 Feb; closing 250.00. Due 5 Jan, on 29 Feb
    # it is 26 + 29 = 55 days past due: the 31-60 bucket
    assert (s["customer"], s["from"], s["to"]) == ("ACME", date(2024, 2, 1), date(2024, 2, 29))
    assert (s["opening_balance"], s["closing_balance"]) == (Decimal("400.00"), Decimal("250.00"))
    assert [(line["event"], line["kind"], line["amount"], line["balance"]) for line in s["lines"]] == [
        ("e2", "payment", Decimal("-150.00"), Decimal("250.00"))
    ]
    assert [(b["label"], str(b["amount"])) for b in s["aging"]] == [
        ("current", "0.00"),
        ("1-30", "0.00"),
        ("31-60", "250.00"),
        ("61-90", "0.00"),
        ("91-120", "0.00"),
        ("over 120", "0.00"),
    ]
    assert (s["credits"], s["disputed"], s["due_soon"]) == (Decimal("0.00"), Decimal("0.00"), [])
    # custom buckets: 55 days is over 45
    s = statement(EUR_ACME, events, date(2024, 2, 1), date(2024, 2, 29), options={"bucket_bounds": [15, 45], "due_soon_days": 30})
    assert [(b["label"], str(b["amount"])) for b in s["aging"]] == [("current", "0.00"), ("1-15", "0.00"), ("16-45", "0.00"), ("over 45", "250.00")]


def test_statement_due_soon() -> None:
    _, events = issue_case()
    s = statement(EUR_ACME, events, date(2024, 1, 1), date(2024, 1, 31))
    # as of 31 Jan, due within 14 days (by 14 Feb): INV-2 (1 Feb); INV-3 (15 Feb) is not
    assert [(i["document"], i["due_date"]) for i in s["due_soon"]] == [("INV-2", date(2024, 2, 1))]
    assert_native(s)


# ----- errors -----


def apply_to_issue_case(e: dict[str, Any]) -> None:
    account, _ = issue_case()
    account.apply(e)


PAY = "payment_received"


@pytest.mark.parametrize(
    ("call", "cls", "kind", "message"),
    [
        (
            lambda: apply_to_issue_case(event("e9", date(2024, 1, 21), "payment_reversed", payment_id="P-9", reason="x")),
            ar_core.LedgerError,
            "unknown_payment",
            "unknown payment `P-9`",
        ),
        (
            lambda: apply_to_issue_case(payment("e1", date(2024, 1, 21), "P-1", "1.00")),
            ar_core.LedgerError,
            "duplicate_event",
            "duplicate event id `e1`",
        ),
        (
            lambda: apply_to_issue_case(
                payment("e9", date(2024, 1, 21), "P-1", "500.00", remittance=[{"document": "INV-1", "installment": 0, "amount": "500.00"}])
            ),
            ar_core.LedgerError,
            "over_allocation",
            "allocating `500.00` to installment 0 of `INV-1` exceeds its open amount `400.00`",
        ),
        (
            lambda: apply_to_issue_case(payment("e9", date(2024, 1, 21), "P-1", "0.00")),
            ar_core.LedgerError,
            "non_positive_amount",
            "amount `0.00` must be greater than zero",
        ),
        (
            lambda: apply_to_issue_case(event("e9", date(2024, 1, 21), "document_voided", document="INV-9")),
            ar_core.LedgerError,
            "unknown_document",
            "unknown document `INV-9`",
        ),
        (
            # a document in another currency than the account's: a money error
            lambda: apply_to_issue_case(issued("e9", {**invoice("INV-9", date(2024, 1, 5), "1.00"), "currency": "USD"})),
            ar_core.MoneyError,
            "currency_mismatch",
            "currency mismatch: `EUR` and `USD`",
        ),
        (
            # a payment in another currency needs a rate
            lambda: apply_to_issue_case({**payment("e9", date(2024, 1, 20), "P-1", "10.00"), "body": {"type": PAY, "payment_id": "P-1", "amount": "10.00", "currency": "USD"}}),
            ar_core.FxError,
            "missing_rate",
            "no exchange rate `USD` -> `EUR` on or before 2024-01-20",
        ),
        (
            lambda: apply_to_issue_case(payment("e9", date(2024, 1, 21), "P-1", "0.001")),
            ar_core.AllocationError,
            "amount_not_rounded",
            "amount `0.001` is not a multiple of the rounding unit `0.01`; round it first",
        ),
        (
            # a document given to the ledger is checked: a document error
            lambda: apply_to_issue_case(
                issued("e9", {**invoice("INV-9", date(2024, 1, 5), "400.00"), "installments": [{"due_date": "2024-01-05", "amount": "300.00"}]})
            ),
            ar_core.DocumentError,
            "installments_do_not_sum",
            "installments of `INV-9` add up to `300.00`, not to the total `400.00`",
        ),
        (
            lambda: invoice("", date(2024, 1, 5), "1.00"),
            ar_core.DocumentError,
            "empty_id",
            "a document id must not be empty",
        ),
        (
            lambda: invoice("INV-1", date(2024, 1, 5), "0.00"),
            ar_core.DocumentError,
            "invalid_total",
            "total `0.00` of invoice `INV-1` must be positive",
        ),
        (
            lambda: issue_invoice({"id": "INV-9", "customer": "ACME", "date": "2024-01-05", "currency": "EUR", "lines": []}),
            ar_core.DocumentError,
            "no_invoice_lines",
            "invoice `INV-9` needs at least one line",
        ),
        (
            # the schedule's own errors keep their module
            lambda: invoice("INV-1", date(2024, 1, 5), "1.00", terms={"lines": []}),
            ar_core.TermsError,
            "no_lines",
            "payment terms need at least one line",
        ),
        (
            lambda: statement(EUR_ACME, [], date(2024, 2, 1), date(2024, 1, 1)),
            ar_core.StatementError,
            "invalid_period",
            "statement period from `2024-02-01` to `2024-01-01` ends before it starts",
        ),
        (
            lambda: statement(EUR_ACME, [], date(2024, 1, 1), date(2024, 1, 31), options={"bucket_bounds": [30, 30]}),
            ar_core.StatementError,
            "invalid_buckets",
            "aging bucket bounds `30,30` must be positive and strictly increasing",
        ),
        (
            # an event of the history rejected while building the statement
            lambda: statement(EUR_ACME, [payment("e1", date(2024, 1, 5), "P-1", "1.00")] * 2, date(2024, 1, 1), date(2024, 1, 31)),
            ar_core.LedgerError,
            "duplicate_event",
            "duplicate event id `e1`",
        ),
        (
            lambda: Account.replay(EUR_ACME, [payment("e1", date(2024, 1, 5), "P-1", "1.00")] * 2, date(2024, 1, 31)),
            ar_core.LedgerError,
            "duplicate_event",
            "duplicate event id `e1`",
        ),
    ],
)
def test_core_errors(call: Any, cls: type, kind: str, message: str) -> None:
    with pytest.raises(cls) as e:
        call()
    err = e.value
    assert isinstance(err, ar_core.ArCoreError) and isinstance(err, ValueError)
    assert (err.kind, str(err)) == (kind, message)


def test_error_hierarchy() -> None:
    for cls in (ar_core.DocumentError, ar_core.LedgerError, ar_core.StatementError, ar_core.FxError):
        assert issubclass(cls, ar_core.ArCoreError) and cls is not ar_core.ArCoreError


def test_rejected_event_leaves_the_account_unchanged() -> None:
    account, _ = issue_case()
    account.apply(payment("e4", date(2024, 1, 20), "P-1", "1000.00"))
    before = account.to_json()
    bad = [
        payment("e5", date(2024, 1, 21), "P-2", "500.00", remittance=[{"document": "INV-1", "installment": 0, "amount": "500.00"}]),
        event("e5", date(2024, 1, 21), "payment_reversed", payment_id="P-9", reason="x"),
        event("e5", date(2024, 1, 21), "payment_received", payment_id="P-2", amout="1.00", currency="EUR"),
    ]
    for e in bad:
        with pytest.raises(ar_core.ArCoreError):
            account.apply(e)
        assert account.to_json() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"type": PAY, "payment_id": "P-1", "amout": "1.00", "currency": "EUR"},
            "invalid event json at `event`: unknown field `amout`, expected one of",
        ),
        ({"type": PAY, "payment_id": "P-1", "currency": "EUR"}, "invalid event json at `event`: missing field `amount`"),
        ({"type": PAY, "payment_id": "P-1", "amount": ["1.00"], "currency": "EUR"}, "invalid event json at `event`: invalid type: sequence"),
        ({"type": PAY, "payment_id": "P-1", "amount": "1,00", "currency": "EUR"}, "invalid event json at `event`: invalid value: string \"1,00\""),
        ({"type": PAY, "payment_id": "P-1", "amount": "1.00", "currency": "XYZ"}, "unknown currency `XYZ`"),
        ({"type": "payment_sent", "payment_id": "P-1"}, "invalid event json at `event`: unknown variant `payment_sent`"),
        ({"payment_id": "P-1"}, "invalid event json at `event`: missing field `type`"),
    ],
)
def test_malformed_shapes_are_invalid_json(body: dict[str, Any], message: str) -> None:
    account = Account(EUR_ACME)
    with pytest.raises(ar_core.ArCoreError) as e:
        account.apply({"id": "e1", "date": "2024-01-01", "body": body})
    assert type(e.value) is ar_core.ArCoreError
    assert e.value.kind == "invalid_json"
    assert message in str(e.value)


def test_invalid_json_elsewhere() -> None:
    with pytest.raises(ar_core.ArCoreError, match=r"invalid account config json at `config`: unknown field `customr`") as e:
        Account({"customr": "ACME", "currency": "EUR"})
    assert e.value.kind == "invalid_json"
    with pytest.raises(ar_core.ArCoreError, match=r"invalid event json at `events\[1\]`: missing field `date`") as e:
        Account.replay(EUR_ACME, [event("e1", date(2024, 1, 1), "invoice_opened", document="X"), {"id": "e2", "body": {"type": "invoice_opened", "document": "X"}}], date(2024, 1, 1))
    assert e.value.kind == "invalid_json"
    with pytest.raises(ar_core.ArCoreError, match=r"invalid event json at `event`: unknown field `extra`") as e:
        Account(EUR_ACME).apply(event("e1", date(2024, 1, 1), "invoice_opened", document="X", extra=1))
    with pytest.raises(ar_core.ArCoreError, match="invalid statement options json at `options`") as e:
        statement(EUR_ACME, [], date(2024, 1, 1), date(2024, 1, 2), options={"bucket_bounds": "30"})
    assert e.value.kind == "invalid_json"
    with pytest.raises(ar_core.ArCoreError, match="invalid simple draft json at `draft`: missing field `kind`") as e:
        issue_simple({"id": "X"})
    assert e.value.kind == "invalid_json"
    for text in ("{", "[]", '{"config": 1}'):
        with pytest.raises(ar_core.ArCoreError, match="invalid account json") as e:
            Account.from_json(text)
        assert e.value.kind == "invalid_json"


def test_wrong_python_types_are_type_errors() -> None:
    good = payment("e1", date(2024, 1, 5), "P-1", "1.00")
    account = Account(EUR_ACME)
    for amount in (1.0, 0.1, True):
        with pytest.raises(TypeError, match=r"`event\.body\.amount`"):
            account.apply({**good, "body": {**good["body"], "amount": amount}})
    with pytest.raises(TypeError, match="never float"):
        issue_simple({"kind": "invoice", "id": "I", "customer": "ACME", "date": "2024-01-01", "currency": "EUR", "amount": 400.0})
    with pytest.raises(TypeError, match=r"`event.date` is a datetime.datetime"):
        account.apply({**good, "date": datetime(2024, 1, 5, 12, 0)})
    with pytest.raises(TypeError, match="`config` must be a dict"):
        Account("ACME")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"`events\[0\]` must be a dict"):
        Account.replay(EUR_ACME, ["e1"], date(2024, 1, 1))  # type: ignore[list-item]
    with pytest.raises(TypeError, match="`events` must be a list"):
        statement(EUR_ACME, good, date(2024, 1, 1), date(2024, 1, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`as_of` must be a datetime.date, not str"):
        Account.replay(EUR_ACME, [], "2024-01-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`from_` must be a datetime.date"):
        statement(EUR_ACME, [], datetime(2024, 1, 1), date(2024, 1, 2))
    with pytest.raises(TypeError, match="`text` must be a str"):
        Account.from_json(b"{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        account.document(1)  # type: ignore[arg-type]
    assert account.to_json() == Account(EUR_ACME).to_json()


def test_outputs_round_trip_as_inputs() -> None:
    # what comes out (Decimal, date) goes back in unchanged, and JSON-ish dicts too
    doc = invoice("INV-1", date(2024, 1, 1), "400.00", "2/10 Net 30")
    a, b = Account(EUR_ACME), Account(EUR_ACME)
    a.apply(issued("e1", doc))
    b.apply(issued("e1", jsonish(doc)))
    assert a.to_json() == b.to_json()
    assert jsonish(doc)["installments"][0]["discounts"] == [{"deadline": "2024-01-11", "discount": "8.00", "amount_due": "392.00"}]


def test_the_safety_net_catches_a_missed_key() -> None:
    # what test_ledger_fixtures.py relies on: a decimal or date left as a str is reported
    for leftover in ({"x": "12.30"}, {"x": ["-5"]}, {"x": {"y": "2024-01-31"}}):
        with pytest.raises(AssertionError, match="is a str"):
            assert_native(leftover)
    assert assert_native({"id": "INV-1", "label": "1-30", "rate": {"from": "EUR"}, "n": 3, "ok": True}) == 0
