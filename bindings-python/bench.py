"""Times ar_core.schedule on the shared 3-line term (benches/three_line_terms.json).

Terms are built once from the file's dict; base date, amount and currency come from the file.
The result is checked against the expected installments first (worked by hand below), then
N calls are timed with time.perf_counter_ns. Prints one JSON line:
{"lang": "python", "ns_per_call": ...}. Build in release mode first (bench.sh does).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import ar_core

BENCH = Path(__file__).resolve().parent.parent / "benches" / "three_line_terms.json"

# From 31 Jan 2024, 1000.00 EUR:
# - 30 % = 300.00 due 31 Jan + 30 days = 1 Mar 2024 (February 2024 has 29 days);
#   2 % of 300.00 = 6.00 until 31 Jan + 10 days = 10 Feb, so 294.00 by then;
# - 30 % = 300.00 at the end of the month one month later: 29 Feb 2024;
# - the balance 1000.00 - 600.00 = 400.00 at the end of the month two months later: 31 Mar.
EXPECTED = [
    ("2024-03-01", "300.00", [("2024-02-10", "6.00", "294.00")]),
    ("2024-02-29", "300.00", []),
    ("2024-03-31", "400.00", []),
]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    case = json.loads(BENCH.read_text(encoding="utf-8"))
    terms = ar_core.Terms.from_dict(case["terms"])
    base_date = date.fromisoformat(case["base_date"])
    amount = Decimal(case["amount"])
    currency = case["currency"]

    s = ar_core.schedule(terms, base_date, amount, currency)
    got = [
        (
            i.due_date.isoformat(),
            str(i.amount),
            [(o.deadline.isoformat(), str(o.discount), str(o.amount_due)) for o in i.discounts],
        )
        for i in s.installments
    ]
    if got != EXPECTED:
        raise SystemExit(f"unexpected schedule: {got}")

    schedule = ar_core.schedule
    for _ in range(min(n, 10_000)):  # warm up
        schedule(terms, base_date, amount, currency)
    start = time.perf_counter_ns()
    for _ in range(n):
        schedule(terms, base_date, amount, currency)
    elapsed = time.perf_counter_ns() - start
    print(json.dumps({"lang": "python", "ns_per_call": round(elapsed / n, 1)}))


if __name__ == "__main__":
    main()
