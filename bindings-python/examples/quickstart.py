"""ar_core quickstart: the schedule of "2/10 Net 30" and of a three-installment term."""

from datetime import date
from decimal import Decimal

import ar_core

# Terms from the text notation: 2 % off if paid within 10 days, else due in 30 days.
terms = ar_core.Terms.parse("2/10 Net 30")
s = ar_core.schedule(terms, date(2024, 1, 15), Decimal("1234.56"), "USD")
for inst in s.installments:
    print(f"{terms}: {inst.amount} {s.currency} due {inst.due_date}")
    for offer in inst.discounts:
        print(f"  or {offer.amount_due} if paid by {offer.deadline} (discount {offer.discount})")

# Terms from classes: 30 % now, the rest at the end of next month, rolled to a business day.
terms = ar_core.Terms(
    [
        ar_core.TermLine(ar_core.Part.percent(Decimal("30")), [ar_core.DateStep.days(0)]),
        ar_core.TermLine(ar_core.Part.balance(), [ar_core.DateStep.months(1), ar_core.DateStep.end_of_month()]),
    ],
    roll="following",
)
s = ar_core.schedule(terms, date(2024, 7, 10), Decimal("999.99"), "EUR")
for inst in s.installments:
    print(f"{inst.due_date}  {inst.amount:>8} {s.currency}  ({inst.reason})")

# Money is never a float.
try:
    ar_core.schedule("Net 30", date(2024, 1, 15), 19.99, "EUR")  # type: ignore[arg-type]
except TypeError as e:
    print("TypeError:", e)
