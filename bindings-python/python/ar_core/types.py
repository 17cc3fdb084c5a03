"""Typed shapes of the dicts the ledger, discount, plan, interest and fee functions return.

``issue_simple``, ``issue_invoice``, ``Account``, ``statement``, the discount functions
(``early_payment_amounts``, ...), the plan functions (``installment_plan``, ``plan_status``,
``reschedule``, ...), the interest functions (``accrue``, ``accrue_account``, ...) and
``assess_fees`` return plain ``dict`` and ``list`` values of the JSON shape documented in
docs/json.md, with every decimal a ``decimal.Decimal`` (scale kept: ``Decimal('400.00')``),
every date a ``datetime.date`` and every exact fraction of interest (``"31/365"`` in JSON) a
``fractions.Fraction``.
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
import fractions
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
    "AccountInterest",
    "AgingBucket",
    "Allocation",
    "AnnualizedCost",
    "Applied",
    "ChargeFor",
    "ChargeWaiver",
    "DatedInterestRate",
    "DatedRate",
    "Deduction",
    "DiscountOffer",
    "Dispute",
    "Document",
    "DocumentDiscount",
    "DocumentState",
    "DynamicDiscount",
    "EarlyPayment",
    "EarnedDiscount",
    "Event",
    "FeeLevel",
    "FeePolicy",
    "FeeRepeat",
    "FeeRun",
    "HistoryEntry",
    "InstallmentStatus",
    "InterestBreakdown",
    "InterestPeriod",
    "InvoiceTotals",
    "ItemInterest",
    "ItemPrincipal",
    "ItemState",
    "OpenItem",
    "PaymentState",
    "Plan",
    "PlanInstallment",
    "PlanStatus",
    "PrincipalChange",
    "ProRata",
    "Promise",
    "ProposedFee",
    "Rate",
    "Received",
    "ReportingBalance",
    "Rescheduled",
    "RescheduledItem",
    "Resolution",
    "Restored",
    "Reversal",
    "ScheduledItem",
    "SkippedFee",
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
    _PartialDiscount = Literal["none", "pro_rata"]
    _DiscountBase = Literal["gross", "net", "mixed"]
    _YearBasis = Literal["days_360", "days_365"]
    _InstallmentKind = Literal["down_payment", "regular"]
    _PlanState = Literal["current", "in_arrears", "defaulted", "paid_off"]
    _InstallmentState = Literal["paid", "overdue", "upcoming", "accelerated"]
    _RoundingMode = Literal["half_up", "half_even", "down", "up"]
    _FeeScope = Literal["document", "installment"]
    _UnpaidChargesPolicy = Literal["claimable", "waive"]


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


# `from` is a Python keyword: the keys named so sit in a functional base of each class.
_ChargeForFrom = TypedDict("_ChargeForFrom", {"from": datetime.date}, total=False)


class ChargeFor(_ChargeForFrom):
    """What a fee or interest charge is charged for, with its idempotency key
    (``documents::ChargeFor``); interest charges also say the first (``from``) and last
    (``through``) day they cover."""

    document: str
    installment: NotRequired[int]
    key: str
    through: NotRequired[datetime.date]


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
    charge_for: NotRequired[ChargeFor]


class TaxTotal(TypedDict):
    """The total of one tax code on an invoice (``documents::TaxTotal``); ``discount_percent``
    only with ``discount_base: "mixed"``."""

    code: str
    percent: Decimal
    base: Decimal
    amount: Decimal
    discount_percent: NotRequired[Decimal]


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
    partial_discount: NotRequired[_PartialDiscount]


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


class Event(TypedDict):
    """One entry of an account's history (``ledger::Event``); ``body`` is tagged by ``type``."""

    id: str
    date: datetime.date
    body: dict[str, Any]


# ----- early-payment discounts -----


class EarlyPayment(TypedDict):
    """What settles an amount early and late in one tax-base mode (``discounts::EarlyPayment``)."""

    discount_base: _DiscountBase
    net: Decimal
    tax: Decimal
    gross: Decimal
    discount: Decimal
    due_early: Decimal
    due_late: Decimal
    reason: str


class EarnedDiscount(TypedDict):
    """The discount a payment date earns on one installment (``discounts::EarnedDiscount``);
    ``tier`` and ``deadline`` only when an offer is earned."""

    date: datetime.date
    tier: NotRequired[int]
    deadline: NotRequired[datetime.date]
    discount: Decimal
    amount_due: Decimal
    reason: str


class DocumentDiscount(TypedDict):
    """The discount a payment date earns on a whole document (``discounts::DocumentDiscount``)."""

    date: datetime.date
    installments: list[EarnedDiscount]
    discount: Decimal
    amount_due: Decimal


class ProRata(TypedDict):
    """What a payment inside the discount window earns (``discounts::ProRata``)."""

    amount: Decimal
    discount: Decimal
    residual: Decimal
    unused: Decimal
    reason: str


class AnnualizedCost(TypedDict):
    """The annual cost of a discount, simple and compounded (``discounts::AnnualizedCost``)."""

    year: _YearBasis
    simple_rate: Decimal
    simple_percent: Decimal
    compounded_rate: Decimal
    compounded_percent: Decimal
    reason: str


class DynamicDiscount(TypedDict):
    """A sliding-scale discount at an annual rate (``discounts::DynamicDiscount``)."""

    days_early: int
    discount: Decimal
    amount_due: Decimal
    capped: bool
    reason: str


# ----- installment plans -----


class PlanInstallment(TypedDict):
    """One installment of a plan (``installments::PlanInstallment``)."""

    installment: int
    kind: _InstallmentKind
    due_date: datetime.date
    amount: Decimal
    principal: Decimal
    interest: Decimal
    balance_after: Decimal
    reason: str


class Plan(TypedDict):
    """A plan (``installments::Plan``); ``payment`` only for amortized plans. ``plan_status``
    takes it back as it is."""

    currency: str
    principal: Decimal
    interest: Decimal
    total: Decimal
    payment: NotRequired[Decimal]
    installments: list[PlanInstallment]


class InstallmentStatus(TypedDict):
    """Where one installment of a plan stands (``installments::InstallmentStatus``)."""

    installment: int
    due_date: datetime.date
    amount: Decimal
    paid: Decimal
    open: Decimal
    state: _InstallmentState
    paid_on: NotRequired[datetime.date]
    days_late: int


class PlanStatus(TypedDict):
    """A plan's status as of a date (``installments::PlanStatus``)."""

    as_of: datetime.date
    state: _PlanState
    paid: Decimal
    unapplied: Decimal
    outstanding: Decimal
    overdue: Decimal
    amount_due: Decimal
    missed_installments: int
    oldest_unpaid_due_date: NotRequired[datetime.date]
    days_past_due: int
    default_date: NotRequired[datetime.date]
    accelerated: bool
    installments: list[InstallmentStatus]
    reason: str


class RescheduledItem(TypedDict):
    """An item taken into a rescheduling plan (``installments::RescheduledItem``)."""

    document: str
    installment: int
    due_date: datetime.date
    open: Decimal
    days_past_due: int


class Rescheduled(TypedDict):
    """A rescheduling: the plan, its documents and the events to append
    (``installments::Rescheduled``)."""

    as_of: datetime.date
    items: list[RescheduledItem]
    total: Decimal
    plan: Plan
    credit_note: Document
    plan_document: Document
    events: list[Event]
    reason: str


# ----- interest -----

_DatedInterestRateFrom = TypedDict("_DatedInterestRateFrom", {"from": datetime.date})


class DatedInterestRate(_DatedInterestRateFrom):
    """An annual rate in percent in force from ``from`` (``interest::DatedInterestRate``)."""

    percent: Decimal
    note: NotRequired[str]


class PrincipalChange(TypedDict):
    """A reduction of a principal on a day (``interest::PrincipalChange``)."""

    date: datetime.date
    amount: Decimal
    reason: str


_InterestPeriodDays = TypedDict("_InterestPeriodDays", {"from": datetime.date, "to": datetime.date})


class InterestPeriod(_InterestPeriodDays):
    """A stretch of constant principal and rate, ``from`` and ``to`` inclusive
    (``interest::InterestPeriod``); ``year_fraction`` and ``interest_exact`` are exact."""

    days: int
    basis_days: int
    principal: Decimal
    capitalised: NotRequired[Decimal]
    rate: Decimal
    rate_from: datetime.date
    year_fraction: fractions.Fraction
    interest_exact: fractions.Fraction
    interest: Decimal
    reason: str


class InterestBreakdown(TypedDict):
    """The interest on one overdue amount, period by period (``interest::InterestBreakdown``)."""

    currency: str
    due_date: datetime.date
    as_of: datetime.date
    total_exact: fractions.Fraction
    total: Decimal
    capitalised: NotRequired[Decimal]
    periods: list[InterestPeriod]


class ItemPrincipal(TypedDict):
    """One installment's principal history (``interest::ItemPrincipal``)."""

    document: str
    installment: int
    due_date: datetime.date
    original: Decimal
    changes: list[PrincipalChange]
    outstanding: Decimal


class ItemInterest(TypedDict):
    """The interest on one overdue installment of an account (``interest::ItemInterest``)."""

    document: str
    installment: int
    due_date: datetime.date
    outstanding: Decimal
    accrued: InterestBreakdown
    charged_by: NotRequired[list[str]]
    already_charged: Decimal
    charged_through: NotRequired[datetime.date]
    to_charge: Decimal
    charge_id: NotRequired[str]
    reason: str


class AccountInterest(TypedDict):
    """Interest on an account as of a date and the charges to issue
    (``interest::AccountInterest``)."""

    as_of: datetime.date
    currency: str
    items: list[ItemInterest]
    accrued: Decimal
    to_charge: Decimal
    charges: list[Document]


class ChargeWaiver(TypedDict):
    """A proposed write-off of a charge whose principal is paid (``interest::ChargeWaiver``);
    ``event`` is the ``written_off`` event body to apply."""

    document: str
    charged_for: str
    installment: int
    amount: Decimal
    reason: str
    event: dict[str, Any]


# ----- fees -----


class FeeRepeat(TypedDict):
    """A level that repeats (``fees::FeeRepeat``)."""

    every_days: int
    max_charges: NotRequired[int]


class FeeLevel(TypedDict):
    """One level of a fee ladder (``fees::FeeLevel``); ``fee`` is a ``FeeAmount`` tagged by
    ``type`` (``fixed``, ``percent``, ``tiered``, ``graduated``)."""

    level: int
    grace_days: int
    fee: dict[str, Any]
    minimum: NotRequired[Decimal]
    cap: NotRequired[Decimal]
    min_overdue: NotRequired[Decimal]
    repeat: NotRequired[FeeRepeat]
    label: NotRequired[str]


class FeePolicy(TypedDict):
    """A late-fee policy (``fees::FeePolicy``), as the statutory presets return it."""

    levels: list[FeeLevel]
    scope: _FeeScope
    currency: NotRequired[str]
    rounding: _RoundingMode
    id_prefix: str
    charge_terms: NotRequired[dict[str, Any]]
    after_principal_paid: _UnpaidChargesPolicy


class ProposedFee(TypedDict):
    """A fee charge to issue (``fees::ProposedFee``); ``installment`` only for scope
    ``installment``, ``period`` only for a repeating level."""

    document: Document
    charged_for: str
    installment: NotRequired[int]
    level: int
    period: NotRequired[int]
    key: str
    applies_from: datetime.date
    basis: Decimal
    reason: str


class SkippedFee(TypedDict):
    """A fee occurrence not charged, with why (``fees::SkippedFee``)."""

    charged_for: str
    installment: NotRequired[int]
    level: int
    period: NotRequired[int]
    key: str
    applies_from: datetime.date
    reason: str


class FeeRun(TypedDict):
    """The result of a fee run (``fees::FeeRun``)."""

    as_of: datetime.date
    currency: str
    charges: list[ProposedFee]
    skipped: NotRequired[list[SkippedFee]]
    total: Decimal
