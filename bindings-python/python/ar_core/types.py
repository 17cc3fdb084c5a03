"""Typed shapes of the dicts the ledger functions return.

``issue_simple``, ``issue_invoice``, ``Account`` and ``statement`` return plain ``dict`` and
``list`` values of the JSON shape documented in docs/json.md, with every decimal a
``decimal.Decimal`` (scale kept: ``Decimal('400.00')``) and every date a ``datetime.date``.
These ``TypedDict`` classes describe them for type checkers; at run time they are ordinary
dicts. Each is named after the Rust type it mirrors (``ar_core::ledger::OpenItem`` ->
``OpenItem``), which is why a few names (``DiscountOffer``) repeat a class of ``ar_core``.

Keys marked ``NotRequired`` are left out when empty or absent, as in the JSON. Fields the
core adds later (within shape version 1) appear in the dicts before they appear here.

    from ar_core.types import OpenItem

    def overdue(items: list[OpenItem], today: datetime.date) -> list[str]:
        return [i["document"] for i in items if i["due_date"] < today]
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TypedDict

if TYPE_CHECKING:
    from typing_extensions import NotRequired
else:  # pragma: no cover - only for typing.get_type_hints() at run time
    try:
        from typing import NotRequired
    except ImportError:
        try:
            from typing_extensions import NotRequired
        except ImportError:
            pass

__all__ = [
    "AccountConfig",
    "AgingBucket",
    "Allocation",
    "Applied",
    "DatedRate",
    "Deduction",
    "DiscountOffer",
    "Dispute",
    "Document",
    "DocumentState",
    "HistoryEntry",
    "InvoiceTotals",
    "ItemState",
    "OpenItem",
    "PaymentState",
    "Promise",
    "Rate",
    "Received",
    "ReportingBalance",
    "Resolution",
    "Restored",
    "Reversal",
    "ScheduledItem",
    "Statement",
    "StatementLine",
    "TaxTotal",
    "WriteOff",
]

# Tag values. Only for type checkers (stubtest cannot compare a Literal alias with its run-time
# object); the annotations below are strings (`from __future__ import annotations`).
if TYPE_CHECKING:
    _DocumentKind = Literal["invoice", "credit_note", "debit_note", "fee_charge", "interest_charge"]
    _Strategy = Literal["remittance", "oldest_due_first", "exact_amount_first", "proportional", "statutory"]
    _HistoryKind = Literal[
        "issued",
        "payment",
        "credit",
        "discount_taken",
        "write_off",
        "deduction",
        "reversal",
        "dispute_opened",
        "dispute_resolved",
        "delivered",
        "opened",
        "voided",
    ]
    _LineKind = Literal["document", "payment", "reversal", "write_off", "void", "other"]
    _DisputeOutcome = Literal["accepted", "rejected", "withdrawn"]


class DiscountOffer(TypedDict):
    """An early-payment offer on one installment (``terms::DiscountOffer``)."""

    deadline: datetime.date
    discount: Decimal
    amount_due: Decimal


class ScheduledItem(TypedDict):
    """One installment of a document (``documents::ScheduledItem``)."""

    due_date: datetime.date
    amount: Decimal
    discounts: NotRequired[list[DiscountOffer]]


class Document(TypedDict):
    """A receivable document as the ledger stores it (``documents::Document``)."""

    id: str
    kind: _DocumentKind
    customer: str
    date: datetime.date
    currency: str
    total: Decimal
    installments: list[ScheduledItem]
    terms: NotRequired[dict[str, Any]]
    against: NotRequired[str]
    revision_of: NotRequired[str]


class TaxTotal(TypedDict):
    """The total of one tax code on an invoice (``documents::TaxTotal``)."""

    code: str
    percent: Decimal
    base: Decimal
    amount: Decimal


class InvoiceTotals(TypedDict):
    """The exact totals of an invoice: ``net + tax == gross`` (``documents::InvoiceTotals``)."""

    lines: list[Decimal]
    taxes: list[TaxTotal]
    net: Decimal
    tax: Decimal
    gross: Decimal


class AccountConfig(TypedDict):
    """The account's settings (``ledger::AccountConfig``); ``short_payment`` is tagged by
    ``type``: ``{"type": "leave_residual"}``, ``{"type": "deduction", "reason_code": ...}``,
    ``{"type": "write_off", "tolerance": Decimal, "reason_code": ...}``."""

    customer: str
    currency: str
    strategy: _Strategy
    short_payment: dict[str, Any]
    reporting_currency: NotRequired[str]


class Rate(TypedDict):
    """The rate found for a currency pair on a day (``fx::Rate``): ``quoted`` as stored; for an
    inverse quote (``inverse``) converting divides by it."""

    quoted: Decimal
    inverse: bool
    date: datetime.date


class Received(TypedDict):
    """What a payment in another currency was, and the rate it was converted at
    (``ledger::Received``)."""

    amount: Decimal
    currency: str
    rate: Rate


class ReportingBalance(TypedDict):
    """The balance in the reporting currency (``ledger::ReportingBalance``)."""

    currency: str
    date: datetime.date
    balance: Decimal
    rate: Rate
    booked: Decimal
    revalued: Decimal
    unrealized_fx: Decimal
    realized_fx: Decimal


class Allocation(TypedDict):
    """Money of a payment or credit applied to one installment (``application::Allocation``)."""

    event: str
    source: str
    document: str
    installment: int
    amount: Decimal
    discount_taken: Decimal
    written_off: Decimal
    reason: str
    realized_fx: NotRequired[Decimal]


class Deduction(TypedDict):
    """A short-payment residual recorded as a deduction (``application::Deduction``)."""

    event: str
    payment_id: str
    document: str
    installment: int
    amount: Decimal
    reason_code: str


class Restored(TypedDict):
    """An amount a reversal reopened (``ledger::Restored``)."""

    document: str
    installment: int
    amount: Decimal


class Applied(TypedDict):
    """What an accepted event did (``ledger::Applied``)."""

    event: str
    allocations: NotRequired[list[Allocation]]
    deductions: NotRequired[list[Deduction]]
    restored: NotRequired[list[Restored]]
    unapplied_change: Decimal


class OpenItem(TypedDict):
    """One installment with a non-zero open amount (``ledger::OpenItem``)."""

    document: str
    kind: _DocumentKind
    installment: int
    document_date: datetime.date
    due_date: datetime.date
    original: Decimal
    open: Decimal
    disputed: Decimal
    deducted: Decimal


class ItemState(TypedDict):
    """The state of one installment (``ledger::ItemState``)."""

    open: Decimal
    deducted: Decimal


class HistoryEntry(TypedDict):
    """One line of a document's history (``ledger::HistoryEntry``)."""

    event: str
    date: datetime.date
    kind: _HistoryKind
    installment: NotRequired[int]
    amount: Decimal
    reason: str


class DocumentState(TypedDict):
    """A document in the account (``ledger::DocumentState``)."""

    document: Document
    voided: bool
    items: list[ItemState]
    applications: NotRequired[list[Allocation]]
    delivered_on: NotRequired[datetime.date]
    opened_on: NotRequired[datetime.date]
    history: list[HistoryEntry]
    reporting_rate: NotRequired[Rate]


class Reversal(TypedDict):
    """A payment's reversal (``ledger::Reversal``)."""

    event: str
    date: datetime.date
    reason: str
    unapplied_removed: Decimal


class PaymentState(TypedDict):
    """A payment in the account (``ledger::PaymentState``)."""

    event: str
    date: datetime.date
    amount: Decimal
    received: NotRequired[Received]
    reporting_rate: NotRequired[Rate]
    allocations: list[Allocation]
    deductions: NotRequired[list[Deduction]]
    unapplied: Decimal
    reversed: NotRequired[Reversal]


class Resolution(TypedDict):
    """How and when a dispute ended (``ledger::Resolution``)."""

    date: datetime.date
    outcome: _DisputeOutcome


class Dispute(TypedDict):
    """A dispute (``ledger::Dispute``); without ``amount`` it covers the whole open amount."""

    event: str
    date: datetime.date
    document: str
    amount: NotRequired[Decimal]
    reason_code: str
    resolved: NotRequired[Resolution]


class Promise(TypedDict):
    """A promise to pay (``ledger::Promise``)."""

    event: str
    date: datetime.date
    amount: Decimal
    promised_date: datetime.date


class WriteOff(TypedDict):
    """A ``written_off`` event's effect on one installment (``ledger::WriteOff``)."""

    event: str
    date: datetime.date
    document: str
    installment: int
    amount: Decimal
    reason_code: str


class StatementLine(TypedDict):
    """One line of a statement (``statement::StatementLine``)."""

    date: datetime.date
    event: str
    kind: _LineKind
    document_kind: NotRequired[_DocumentKind]
    reference: str
    amount: Decimal
    balance: Decimal
    description: str


class AgingBucket(TypedDict):
    """One aging bucket (``statement::AgingBucket``)."""

    label: str
    amount: Decimal


# `from` is a Python keyword, so these two are written in the functional form.
DatedRate = TypedDict("DatedRate", {"date": datetime.date, "from": str, "to": str, "rate": Decimal})
DatedRate.__doc__ = """A published quote with the day it takes effect (``fx::DatedRate``): 1 ``from`` = ``rate`` ``to``."""

Statement = TypedDict(
    "Statement",
    {
        "customer": str,
        "from": datetime.date,
        "to": datetime.date,
        "opening_balance": Decimal,
        "lines": list[StatementLine],
        "closing_balance": Decimal,
        "aging": list[AgingBucket],
        "credits": Decimal,
        "disputed": Decimal,
        "due_soon": list[OpenItem],
    },
)
Statement.__doc__ = """A statement for a period (``statement::Statement``)."""
