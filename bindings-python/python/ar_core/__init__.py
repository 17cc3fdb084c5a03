"""ar_core: exact, embeddable accounts-receivable rules.

Money is ``decimal.Decimal`` (a ``float`` raises ``TypeError``), dates are ``datetime.date``,
and every error is an ``ArCoreError`` (a ``ValueError``) with a stable ``.kind``.

The ledger (``issue_simple``, ``issue_invoice``, ``Account``, ``statement``) takes and returns
dicts of the JSON shape of docs/json.md: decimals as ``Decimal`` (``int`` or ``str`` accepted
on input), dates as ``datetime.date`` (ISO ``str`` accepted on input). ``ar_core.types`` has
``TypedDict`` descriptions of the returned dicts.

>>> from datetime import date
>>> from decimal import Decimal
>>> import ar_core
>>> s = ar_core.schedule("2/10 Net 30", date(2024, 3, 1), Decimal("500.00"), "USD")
>>> s.installments[0].due_date, s.installments[0].discounts[0].amount_due
(datetime.date(2024, 3, 31), Decimal('490.00'))
"""

from ar_core._ar_core import (
    Account,
    AllocationError,
    ArCoreError,
    BusinessCalendar,
    CalendarError,
    CurrencyInfo,
    DateStep,
    DiscountOffer,
    DiscountTier,
    DocumentError,
    FxError,
    Installment,
    LedgerError,
    MoneyError,
    NotationError,
    Part,
    Schedule,
    StatementError,
    TermLine,
    Terms,
    TermsError,
    __version__,
    currency_info,
    issue_invoice,
    issue_simple,
    parse_terms,
    print_terms,
    round_money,
    schedule,
    split,
    statement,
)
from ar_core import types as types  # TypedDicts of the ledger's dicts: ar_core.types.OpenItem, ...

__all__ = [
    "Account",
    "AllocationError",
    "ArCoreError",
    "BusinessCalendar",
    "CalendarError",
    "CurrencyInfo",
    "DateStep",
    "DiscountOffer",
    "DiscountTier",
    "DocumentError",
    "FxError",
    "Installment",
    "LedgerError",
    "MoneyError",
    "NotationError",
    "Part",
    "Schedule",
    "StatementError",
    "TermLine",
    "Terms",
    "TermsError",
    "__version__",
    "currency_info",
    "issue_invoice",
    "issue_simple",
    "parse_terms",
    "print_terms",
    "round_money",
    "schedule",
    "split",
    "statement",
]
