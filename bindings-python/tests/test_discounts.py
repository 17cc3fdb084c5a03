"""Early-payment discounts from Python: dicts of the JSON shape in and out, Decimal and date
native. Expected values are worked by hand in the comments."""

from datetime import date
from decimal import Decimal, localcontext

import pytest
from ledger_support import assert_native

import ar_core
from ar_core import (
    DateStep,
    DiscountTier,
    Part,
    TermLine,
    Terms,
    annualized_cost,
    available_discount,
    best_offer,
    document_earned_discount,
    dynamic_discount,
    early_payment_amounts,
    earned_discount,
    pro_rata_discount,
)

VAT21 = {"net": Decimal("1000.00"), "taxes": [{"percent": Decimal("21"), "base": Decimal("1000.00")}]}


def test_early_payment_amounts_in_the_three_tax_base_modes() -> None:
    # 1 000.00 net, 21 % VAT = 210.00, gross 1 210.00; a 2 % discount
    gross = early_payment_amounts(VAT21, "EUR", 2)
    # gross: 2 % of 1 210.00 = 24.20; 1 210.00 - 24.20 = 1 185.80
    assert (gross["discount"], gross["due_early"], gross["due_late"]) == (Decimal("24.20"), Decimal("1185.80"), Decimal("1210.00"))
    assert gross["discount_base"] == "gross" and gross["reason"]
    net = early_payment_amounts(VAT21, "EUR", 2, discount_base="net")
    # net: 2 % of 1 000.00 = 20.00; 1 210.00 - 20.00 = 1 190.00
    assert (net["tax"], net["discount"], net["due_early"]) == (Decimal("210.00"), Decimal("20.00"), Decimal("1190.00"))
    mixed = early_payment_amounts(VAT21, "EUR", 2, discount_base="mixed")
    # mixed: tax 21 % of 980.00 = 205.80, gross 1 205.80; discount 20.00; early 1 185.80
    assert (mixed["tax"], mixed["gross"], mixed["discount"], mixed["due_early"], mixed["due_late"]) == (
        Decimal("205.80"),
        Decimal("1205.80"),
        Decimal("20.00"),
        Decimal("1185.80"),
        Decimal("1205.80"),
    )
    assert assert_native(mixed) == 6


def test_early_payment_amounts_discount_rounding_on_a_half_cent_tie() -> None:
    # 2 % of 100.25 = 2.005: rounding the discount half up gives 2.01 (98.24 due); rounding
    # the amount due, 98.245 -> 98.25, leaves a discount of 2.00
    amount = {"net": "100.25"}
    d = early_payment_amounts(amount, "EUR", Decimal("2"))
    assert (str(d["discount"]), str(d["due_early"])) == ("2.01", "98.24")
    a = early_payment_amounts(amount, "EUR", Decimal("2"), discount_rounding="amount_due")
    assert (str(a["discount"]), str(a["due_early"])) == ("2.00", "98.25")
    # half even on the discount: 2.005 -> 2.00
    e = early_payment_amounts(amount, "EUR", Decimal("2"), rounding="half_even")
    assert str(e["discount"]) == "2.00"


def test_early_payment_amounts_takes_ints_and_strs_in_the_dict_and_refuses_floats() -> None:
    out = early_payment_amounts({"net": 1000, "taxes": [{"percent": 21, "base": "1000.00"}]}, "EUR", 2)
    # the core writes amounts with the currency's scale
    assert str(out["net"]) == "1000.00" and str(out["gross"]) == "1210.00"
    with pytest.raises(TypeError, match="float"):
        early_payment_amounts({"net": 1000.0}, "EUR", 2)
    with pytest.raises(TypeError, match="`percent` must be a decimal.Decimal or an int, not a float"):
        early_payment_amounts(VAT21, "EUR", 2.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`amount` must be a dict"):
        early_payment_amounts(Decimal("1000.00"), "EUR", 2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="invalid discount base `gros`"):
        early_payment_amounts(VAT21, "EUR", 2, discount_base="gros")  # type: ignore[arg-type]
    with pytest.raises(ar_core.ArCoreError) as e:
        early_payment_amounts({"net": "1000.00", "tax": []}, "EUR", 2)
    assert e.value.kind == "invalid_json" and "`amount`" in str(e.value)
    with pytest.raises(TypeError):
        early_payment_amounts(VAT21, "EUR", 2, "net")  # type: ignore[call-arg]  # options are keyword-only


def two_tier_offers() -> list[dict[str, object]]:
    # 1 000.00 with 3 % by 11 Jan and 2 % by 21 Jan
    return [
        {"deadline": date(2024, 1, 11), "discount": Decimal("30.00"), "amount_due": Decimal("970.00")},
        {"deadline": "2024-01-21", "discount": "20.00", "amount_due": "980.00"},
    ]


def test_earned_discount_by_payment_date() -> None:
    amount = Decimal("1000.00")
    on_deadline = earned_discount(amount, two_tier_offers(), date(2024, 1, 11))
    # the deadline day counts: 3 % = 30.00, 970.00 settles
    assert on_deadline == {
        "date": date(2024, 1, 11),
        "tier": 0,
        "deadline": date(2024, 1, 11),
        "discount": Decimal("30.00"),
        "amount_due": Decimal("970.00"),
        "reason": on_deadline["reason"],
    }
    later = earned_discount(amount, two_tier_offers(), date(2024, 1, 12))
    assert (later["tier"], later["discount"], later["amount_due"]) == (1, Decimal("20.00"), Decimal("980.00"))
    late = earned_discount(amount, two_tier_offers(), date(2024, 1, 22))
    # no tier and no deadline: the keys are left out, as in the JSON
    assert "tier" not in late and "deadline" not in late
    assert (str(late["discount"]), late["amount_due"]) == ("0.00", amount)
    assert late["reason"] == "paid 2024-01-22, after the last discount deadline 2024-01-21: no discount"


def test_earned_discount_takes_the_offers_schedule_returns() -> None:
    # 2/10 Net 30 on 500.00 from 1 Mar 2024: 2 % = 10.00 by 11 Mar
    s = ar_core.schedule("2/10 Net 30", date(2024, 3, 1), Decimal("500.00"), "USD")
    offers = s.installments[0].discounts
    e = earned_discount(s.installments[0].amount, offers, date(2024, 3, 11))
    assert (e["discount"], e["amount_due"]) == (Decimal("10.00"), Decimal("490.00"))
    found = best_offer(offers, date(2024, 3, 11))
    assert found == (0, {"deadline": date(2024, 3, 11), "discount": Decimal("10.00"), "amount_due": Decimal("490.00")})


def test_best_offer() -> None:
    offers = two_tier_offers()
    assert best_offer(offers, date(2024, 1, 11)) == (0, {"deadline": date(2024, 1, 11), "discount": Decimal("30.00"), "amount_due": Decimal("970.00")})
    hit = best_offer(offers, date(2024, 1, 12))
    assert hit is not None and hit[0] == 1
    assert best_offer(offers, date(2024, 1, 22)) is None
    assert best_offer([], date(2024, 1, 1)) is None


def test_document_earned_discount() -> None:
    doc = ar_core.issue_simple(
        {
            "kind": "invoice",
            "id": "INV-1",
            "customer": "ACME",
            "date": date(2024, 1, 1),
            "currency": "EUR",
            "amount": Decimal("500.00"),
            "terms": Terms.parse("2/10 Net 30"),
        }
    )
    # 2 % of 500.00 = 10.00 by 11 Jan
    on_time = document_earned_discount(doc, date(2024, 1, 11))
    assert (on_time["discount"], on_time["amount_due"]) == (Decimal("10.00"), Decimal("490.00"))
    assert len(on_time["installments"]) == 1 and on_time["installments"][0]["tier"] == 0
    late = document_earned_discount(doc, date(2024, 1, 12))
    assert (str(late["discount"]), late["amount_due"]) == ("0.00", Decimal("500.00"))


def test_pro_rata_discount() -> None:
    # 1 000.00 at 2/10 net 30, 400.00 paid in the window: 20.00 x 400 / 980 = 8.163... -> 8.16,
    # 1000.00 - 400.00 - 8.16 = 591.84 open
    p = pro_rata_discount(Decimal("1000.00"), Decimal("20.00"), Decimal("400.00"), "USD")
    assert p == {
        "amount": Decimal("400.00"),
        "discount": Decimal("8.16"),
        "residual": Decimal("591.84"),
        "unused": Decimal("0.00"),
        "reason": p["reason"],
    }
    # paying the discounted 980.00 takes the whole 20.00; 1 000.00 leaves 20.00 unused
    full = pro_rata_discount(Decimal("1000.00"), Decimal("20.00"), Decimal("980.00"), "USD")
    assert (full["discount"], str(full["residual"]), str(full["unused"])) == (Decimal("20.00"), "0.00", "0.00")
    over = pro_rata_discount(Decimal("1000.00"), Decimal("20.00"), Decimal("1000.00"), "USD")
    assert (over["amount"], over["unused"]) == (Decimal("980.00"), Decimal("20.00"))
    # rounding down: 8.163... -> 8.16 too, but 20.00 x 410 / 980 = 8.367... -> 8.36 (half up 8.37)
    assert pro_rata_discount(1000, 20, 410, "USD", rounding="down")["discount"] == Decimal("8.36")
    assert pro_rata_discount(1000, 20, 410, "USD")["discount"] == Decimal("8.37")


def test_available_discount() -> None:
    # 20.00 x 591.84 / 1000.00 = 11.8368 -> 11.84
    assert available_discount(Decimal("1000.00"), Decimal("20.00"), Decimal("591.84"), "USD") == Decimal("11.84")
    # nothing paid: the whole offer; nothing open: zero
    assert str(available_discount(Decimal("1000.00"), Decimal("20.00"), Decimal("1000.00"), "USD")) == "20.00"
    assert str(available_discount(Decimal("1000.00"), Decimal("20.00"), 0, "USD")) == "0.00"
    # 11.8368 rounded up is 11.84, down 11.83
    assert available_discount(1000, 20, Decimal("591.84"), "USD", rounding="down") == Decimal("11.83")


def compounded(percent: int, days: int, year: int) -> Decimal:
    """(100 / (100 - P))^(Y / days) - 1 with 50 digits, independently of the core."""
    with localcontext() as ctx:
        ctx.prec = 50
        base = Decimal(100) / (Decimal(100) - percent)
        return (base.ln() * year / days).exp() - 1


def test_annualized_cost() -> None:
    # 2/10 net 30 on 365 days: 0.02 / 0.98 x 365 / 20 = 0.37244897959... -> 37.24 %
    c = annualized_cost(Decimal("2"), 10, 30, "days_365")
    assert (c["year"], c["simple_rate"], c["simple_percent"]) == ("days_365", Decimal("0.3724489796"), Decimal("37.24"))
    assert c["compounded_rate"] == round(compounded(2, 20, 365), 10)
    assert c["compounded_percent"] == round(compounded(2, 20, 365) * 100, 2) == Decimal("44.59")
    # on 360 days: 0.02 / 0.98 x 360 / 20 = 0.367346938775... -> 36.73 %
    c360 = annualized_cost(2, 10, 30, "days_360")
    assert (str(c360["simple_rate"]), str(c360["simple_percent"])) == ("0.3673469388", "36.73")
    # 1/10 net 30: 0.01 / 0.99 x 365 / 20 = 0.18434... -> 18.43 %
    assert annualized_cost(1, 10, 30, "days_365")["simple_percent"] == Decimal("18.43")
    with pytest.raises(ValueError, match="invalid year basis `365`"):
        annualized_cost(2, 10, 30, "365")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="`discount_days` must be an int"):
        annualized_cost(2, True, 30, "days_365")
    with pytest.raises(TypeError, match="`net_days` must be an int"):
        annualized_cost(2, 10, 30.0, "days_365")  # type: ignore[arg-type]


def test_dynamic_discount() -> None:
    due, paid = date(2024, 3, 31), date(2024, 3, 1)
    # 10 000.00 x 12 % x 30 / 365 = 98.630... -> 98.63
    d = dynamic_discount(Decimal("10000.00"), "USD", Decimal("12"), paid, due, "days_365")
    assert (d["days_early"], d["discount"], d["amount_due"], d["capped"]) == (30, Decimal("98.63"), Decimal("9901.37"), False)
    # 360 days: 10 000.00 x 0.12 x 30 / 360 = 100.00
    assert dynamic_discount(Decimal("10000.00"), "USD", 12, paid, due, "days_360")["discount"] == Decimal("100.00")
    # rounded down: 98.630... -> 98.63 as well; up: 98.64
    assert dynamic_discount(Decimal("10000.00"), "USD", 12, paid, due, "days_365", rounding="up")["discount"] == Decimal("98.64")
    on_due = dynamic_discount(Decimal("10000.00"), "USD", 12, due, due, "days_365")
    assert (on_due["days_early"], str(on_due["discount"]), on_due["amount_due"]) == (0, "0.00", Decimal("10000.00"))
    # 100.00 x 5000 % x 30 / 365 = 410.96 > 100.00: capped
    capped = dynamic_discount(Decimal("100.00"), "USD", 5000, paid, due, "days_365")
    assert (capped["discount"], str(capped["amount_due"]), capped["capped"]) == (Decimal("100.00"), "0.00", True)
    with pytest.raises(TypeError, match="`payment_date` must be a datetime.date"):
        dynamic_discount(Decimal("100.00"), "USD", 12, "2024-03-01", due, "days_365")  # type: ignore[arg-type]


def test_invoice_discount_base_and_tax_discount_percent() -> None:
    # 1 000.00 + 21 % VAT, 2/10 net 30, mixed base: the VAT is 21 % of 1 000.00 less 2 % =
    # 205.80, gross 1 205.80; the offer is 2 % of the net, 20.00, so 1 185.80 settles early
    draft = {
        "id": "INV-1",
        "customer": "ACME",
        "date": date(2024, 1, 1),
        "currency": "EUR",
        "lines": [{"description": "consulting", "quantity": 1, "unit_price": Decimal("1000.00"), "tax_rates": [{"code": "VAT21", "percent": 21}]}],
        "terms": Terms([TermLine(Part.balance(), [DateStep.days(30)], [DiscountTier.percent_within(2, 10)])]),
        "discount_base": "mixed",
    }
    document, totals = ar_core.issue_invoice(draft)
    assert totals["taxes"][0]["discount_percent"] == Decimal("2")
    assert (totals["tax"], totals["gross"]) == (Decimal("205.80"), Decimal("1205.80"))
    offer = document["installments"][0]["discounts"][0]
    assert (offer["discount"], offer["amount_due"]) == (Decimal("20.00"), Decimal("1185.80"))
    with pytest.raises(ar_core.DiscountError) as e:
        ar_core.issue_invoice({**draft, "tax_mode": "inclusive"})
    assert e.value.kind == "mixed_needs_exclusive_tax"
