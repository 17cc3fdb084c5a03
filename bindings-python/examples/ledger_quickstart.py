"""ar_core ledger quickstart: issue invoices, apply a payment, bounce it, print a statement.

Documents and events are plain dicts of the JSON shape of docs/json.md; amounts are Decimal
(int and str work too), dates are datetime.date (ISO str works too). Results come back as
dicts with Decimal amounts and date dates.
"""

from datetime import date
from decimal import Decimal

import ar_core

config = {"customer": "ACME", "currency": "EUR"}
account = ar_core.Account(config)
history: list[dict[str, object]] = []  # the host stores the events; the core folds them


def record(event: dict[str, object]) -> ar_core.types.Applied:
    applied = account.apply(event)  # raises (and changes nothing) if the event is invalid
    history.append(event)
    return applied


# Three invoices of 400.00, due 1 Mar, 1 Feb and 15 Feb.
for n, (issued, days) in enumerate([(date(2024, 1, 1), 60), (date(2024, 1, 2), 30), (date(2024, 1, 3), 43)], 1):
    invoice = ar_core.issue_simple(
        {
            "kind": "invoice",
            "id": f"INV-{n}",
            "customer": "ACME",
            "date": issued,
            "currency": "EUR",
            "amount": Decimal("400.00"),
            "terms": ar_core.Terms.parse(f"Net {days}"),
        }
    )
    record({"id": f"e{n}", "date": issued, "body": {"type": "document_issued", "document": invoice}})

# 1000.00 arrives; the default strategy pays the oldest due first.
applied = record(
    {
        "id": "e4",
        "date": date(2024, 1, 20),
        "body": {"type": "payment_received", "payment_id": "P-1", "amount": Decimal("1000.00"), "currency": "EUR"},
    }
)
for a in applied.get("allocations", []):
    print(f"{a['document']}: {a['amount']}")
for item in account.open_items():
    print(f"open: {item['document']} due {item['due_date']}: {item['open']}")
print("balance:", account.balance())

# The payment bounces: everything it closed reopens.
applied = record(
    {"id": "e5", "date": date(2024, 1, 25), "body": {"type": "payment_reversed", "payment_id": "P-1", "reason": "bounced"}}
)
print("restored:", ", ".join(f"{r['document']} {r['amount']}" for r in applied.get("restored", [])))
print("balance:", account.balance())

# A rejected event raises a typed error and leaves the account unchanged.
try:
    record(
        {"id": "e6", "date": date(2024, 1, 26), "body": {"type": "payment_reversed", "payment_id": "P-9", "reason": "?"}}
    )
except ar_core.LedgerError as e:
    print(f"rejected ({e.kind}): {e}")

# A statement for January, computed from the stored history.
s = ar_core.statement(config, history, date(2024, 1, 1), date(2024, 1, 31))
for line in s["lines"]:
    print(f"{line['date']}  {line['description']:<28} {line['amount']:>9} {line['balance']:>9}")
print("aging:", ", ".join(f"{b['label']} {b['amount']}" for b in s["aging"] if b["amount"]))
print("due soon:", ", ".join(f"{i['document']} {i['due_date']} {i['open']}" for i in s["due_soon"]))

# The account's state is JSON text the host may store instead of replaying the history.
assert ar_core.Account.from_json(account.to_json()).balance() == account.balance()
assert ar_core.Account.replay(config, history, date(2024, 1, 31)).to_json() == account.to_json()
