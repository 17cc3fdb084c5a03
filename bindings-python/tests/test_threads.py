"""Objects are shared safely between threads: value classes are immutable, an Account locks
itself; schedule keeps the GIL, replay and statement release it."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

from ar_core import BusinessCalendar, Schedule, Terms, schedule


def test_shared_objects_across_threads() -> None:
    terms = Terms.parse("30/60/90 {roll following}")
    cal = BusinessCalendar(holidays=[date(2024, 3, 1)])
    expected = schedule(terms, date(2024, 1, 1), Decimal("1000.00"), "EUR", calendar=cal)
    # Fri 1 Mar 2024 is a holiday here, so the second installment rolls to Mon 4 Mar
    assert expected.installments[1].due_date == date(2024, 3, 4)

    def work(_: int) -> list[Schedule]:
        return [schedule(terms, date(2024, 1, 1), Decimal("1000.00"), "EUR", calendar=cal) for _ in range(200)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        for results in pool.map(work, range(8)):
            assert all(r == expected for r in results)


def test_account_shared_across_threads() -> None:
    """One Account applied to and read from several threads: every payment lands exactly once
    and every call sees a whole state, never half an event."""
    import threading

    from ar_core import Account, ArCoreError, LedgerError, issue_simple

    account = Account({"customer": "ACME", "currency": "EUR"})
    doc = issue_simple(
        {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": "2024-01-01", "currency": "EUR", "amount": "1000.00"}
    )
    account.apply({"id": "e0", "date": "2024-01-01", "body": {"type": "document_issued", "document": doc}})
    workers, per_worker = 4, 50
    stop = threading.Event()
    seen: list[Decimal] = []
    errors: list[BaseException] = []

    def pay(w: int) -> int:
        for i in range(per_worker):
            body = {"type": "payment_received", "payment_id": f"P-{w}-{i}", "amount": Decimal("1.00"), "currency": "EUR"}
            applied = account.apply({"id": f"e-{w}-{i}", "date": "2024-01-02", "body": body})
            assert applied["allocations"][0]["amount"] == Decimal("1.00")
        # every worker also races for the same event id: exactly one wins
        try:
            account.apply({"id": "same", "date": "2024-01-03", "body": {"type": "invoice_opened", "document": "INV-1"}})
            return 1
        except LedgerError as e:
            assert e.kind == "duplicate_event"
            return 0

    def read() -> None:
        try:
            while not stop.is_set():
                # each call sees one state; a snapshot gives several queries over the same one
                snapshot = Account.from_json(account.to_json())
                items = snapshot.open_items()
                balance = snapshot.balance()
                assert balance == sum((i["open"] for i in items), Decimal("0")) - snapshot.unapplied_cash()
                assert len(snapshot.payments()) == (Decimal("1000.00") - balance) / Decimal("1.00")
                seen.append(account.balance())
        except (AssertionError, ArCoreError) as e:  # pragma: no cover - reported below
            errors.append(e)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for r in readers:
        r.start()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        winners = sum(pool.map(pay, range(workers)))
    stop.set()
    for r in readers:
        r.join()
    assert not errors, errors
    assert winners == 1
    # 1000.00 - 4 x 50 x 1.00 = 800.00
    assert account.balance() == Decimal("800.00")
    assert len(account.payments()) == workers * per_worker
    assert seen and all(Decimal("800.00") <= b <= Decimal("1000.00") for b in seen)


def test_replay_and_statement_in_threads() -> None:
    from ar_core import Account, issue_simple, statement

    config = {"customer": "ACME", "currency": "EUR"}
    events = []
    for n in range(1, 31):
        doc = issue_simple(
            {"kind": "invoice", "id": f"INV-{n}", "customer": "ACME", "date": date(2024, 1, n), "currency": "EUR", "amount": Decimal("10.00")}
        )
        events.append({"id": f"e{n}", "date": doc["date"], "body": {"type": "document_issued", "document": doc}})
    expected = (Account.replay(config, events, date(2024, 1, 31)).to_json(), statement(config, events, date(2024, 1, 1), date(2024, 1, 31)))
    # 30 invoices of 10.00
    assert expected[1]["closing_balance"] == Decimal("300.00")

    def work(_: int) -> tuple[str, object]:
        return Account.replay(config, events, date(2024, 1, 31)).to_json(), statement(config, events, date(2024, 1, 1), date(2024, 1, 31))

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(r == expected for r in pool.map(work, range(16)))


def test_interest_fees_and_plans_on_a_shared_account() -> None:
    """accrue_account, assess_fees and reschedule release the GIL and lock the account for the
    call: from several threads at once, each sees the same account and proposes the same."""
    from ar_core import Account, accrue_account, assess_fees, issue_simple, reschedule

    account = Account({"customer": "ACME", "currency": "EUR"})
    for n in range(1, 21):
        doc = issue_simple(
            {"kind": "invoice", "id": f"INV-{n}", "customer": "ACME", "date": date(2024, 1, n), "currency": "EUR", "amount": Decimal("100.00")}
        )
        account.apply({"id": f"e{n}", "date": date(2024, 1, n), "body": {"type": "document_issued", "document": doc}})
    as_of = date(2024, 3, 31)
    interest = {"rates": {"type": "fixed", "percent": 8}}
    fees = {"levels": [{"level": 1, "grace_days": 10, "fee": {"type": "fixed", "amount": "5.00"}}]}
    request = {
        "plan_document": "PLAN-1",
        "credit_note": "RS-1",
        "plan": {"type": "split", "terms": {"due": {"type": "periodic", "frequency": "monthly", "first_due": as_of, "count": 4}}},
    }
    expected = (accrue_account(account, interest, as_of), assess_fees(account, fees, as_of), reschedule(account, as_of, request))
    # 20 invoices of 100.00 are all due by 20 Jan: 20 fees of 5.00, 2 000.00 rescheduled
    assert expected[1]["total"] == Decimal("100.00") and expected[2]["total"] == Decimal("2000.00")

    def work(_: int) -> bool:
        return all(
            (accrue_account(account, interest, as_of), assess_fees(account, fees, as_of), reschedule(account, as_of, request)) == expected
            for _ in range(3)
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(pool.map(work, range(4)))
