"""Objects are immutable and shared safely between threads; schedule releases the GIL."""

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
