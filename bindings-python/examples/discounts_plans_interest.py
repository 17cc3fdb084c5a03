"""ar_core quickstart for discounts, installment plans, late interest and fees.

Inputs are plain dicts of the JSON shape of docs/json.md (amounts as Decimal, int or str;
dates as datetime.date or ISO str); results are dicts with Decimal amounts, date dates and,
for exact interest, fractions.Fraction. Functions on an account take an ar_core.Account and
never change it: they propose documents and events for the host to apply.
"""

from datetime import date
from decimal import Decimal

import ar_core

# What does 2/10 net 30 cost the customer who does not take the discount?
cost = ar_core.annualized_cost(Decimal("2"), 10, 30, "days_365")
print(f"2/10 net 30: {cost['simple_percent']} % simple, {cost['compounded_percent']} % compounded a year")

# What settles 1 000.00 + 21 % VAT early with 2 % off the net only?
early = ar_core.early_payment_amounts(
    {"net": Decimal("1000.00"), "taxes": [{"percent": 21, "base": Decimal("1000.00")}]},
    "EUR",
    2,
    discount_base="net",
)
print(f"early {early['due_early']}, late {early['due_late']}")

# 1 000.00 in 3 monthly installments from 31 Jan 2024: month ends stay month ends.
plan = ar_core.installment_plan(
    Decimal("1000.00"),
    "EUR",
    {"due": {"type": "periodic", "frequency": "monthly", "first_due": date(2024, 1, 31), "count": 3}},
)
print("plan:", ", ".join(f"{i['due_date']} {i['amount']}" for i in plan["installments"]))

# One payment arrived; on 15 Mar the second installment is overdue.
status = ar_core.plan_status(
    plan, [{"date": date(2024, 1, 31), "amount": Decimal("333.34")}], date(2024, 3, 15), policy={"missed_installments": 2}
)
print(f"status: {status['state']}, {status['overdue']} overdue, {status['days_past_due']} days")

# Interest at 10 % on 1 000.00 due 31 Jan, 400.00 paid on 15 Feb: split at the payment.
interest = ar_core.accrue(
    {
        "currency": "EUR",
        "principal": Decimal("1000.00"),
        "due_date": date(2024, 1, 31),
        "as_of": date(2024, 3, 31),
        "changes": [{"date": date(2024, 2, 15), "amount": Decimal("400.00"), "reason": "payment P-1"}],
        "rates": {"type": "fixed", "percent": 10},
    }
)
for p in interest["periods"]:
    print(f"  {p['from']}..{p['to']}: {p['principal']} x {p['rate']} % x {p['year_fraction']} = {p['interest']}")
print(f"interest {interest['total']} (exactly {interest['total_exact']})")

# A late fee of 25.00 after 10 days of grace, charged once however often the job runs.
account = ar_core.Account({"customer": "ACME", "currency": "EUR"})
invoice = ar_core.issue_simple(
    {"kind": "invoice", "id": "INV-1", "customer": "ACME", "date": date(2024, 1, 1), "currency": "EUR",
     "amount": Decimal("1200.00"), "terms": ar_core.Terms.parse("Net 30")}
)
account.apply({"id": "e1", "date": date(2024, 1, 1), "body": {"type": "document_issued", "document": invoice}})
policy = {"levels": [{"level": 1, "grace_days": 10, "fee": {"type": "fixed", "amount": "25.00"}}]}
for run in range(2):
    fees = ar_core.assess_fees(account, policy, date(2024, 2, 11))
    for fee in fees["charges"]:
        account.apply({"id": f"fee-{run}", "date": date(2024, 2, 11), "body": {"type": "document_issued", "document": fee["document"]}})
    print(f"run {run + 1}: charged {fees['total']}")
print("balance:", account.balance())
