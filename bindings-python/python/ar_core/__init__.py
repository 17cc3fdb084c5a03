"""ar_core: exact, embeddable accounts-receivable rules.

Money is ``decimal.Decimal`` (a ``float`` raises ``TypeError``), dates are ``datetime.date``,
and every error is an ``ArCoreError`` (a ``ValueError``) with a stable ``.kind``.

>>> from datetime import date
>>> from decimal import Decimal
>>> import ar_core
>>> s = ar_core.schedule("2/10 Net 30", date(2024, 3, 1), Decimal("500.00"), "USD")
>>> s.installments[0].due_date, s.installments[0].discounts[0].amount_due
(datetime.date(2024, 3, 31), Decimal('490.00'))
"""

from ar_core._ar_core import (
    AllocationError,
    ArCoreError,
    BusinessCalendar,
    CalendarError,
    CurrencyInfo,
    DateStep,
    DiscountOffer,
    DiscountTier,
    Installment,
    MoneyError,
    NotationError,
    Part,
    Schedule,
    TermLine,
    Terms,
    TermsError,
    __version__,
    currency_info,
    parse_terms,
    print_terms,
    round_money,
    schedule,
    split,
)

__all__ = [
    "AllocationError",
    "ArCoreError",
    "BusinessCalendar",
    "CalendarError",
    "CurrencyInfo",
    "DateStep",
    "DiscountOffer",
    "DiscountTier",
    "Installment",
    "MoneyError",
    "NotationError",
    "Part",
    "Schedule",
    "TermLine",
    "Terms",
    "TermsError",
    "__version__",
    "currency_info",
    "parse_terms",
    "print_terms",
    "round_money",
    "schedule",
    "split",
]
