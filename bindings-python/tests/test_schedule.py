"""schedule(): due dates, amounts and discounts, with expected values worked by hand."""

from datetime import date
from decimal import Decimal

import pytest

import ar_core
from ar_core import BusinessCalendar, DateStep, DiscountTier, Part, Schedule, TermLine, Terms, schedule


def rows(s: Schedule) -> list[tuple[str, str]]:
    return [(i.due_date.isoformat(), str(i.amount)) for i in s.installments]


def test_eom_of_the_month_one_month_later() -> None:
    # 11 Jun 2020 + 1 month = 11 Jul; end of that month = 31 Jul (not 30 Jul)
    terms = Terms([TermLine(Part.balance(), [DateStep.months(1), DateStep.end_of_month()])])
    s = schedule(terms, date(2020, 6, 11), Decimal("100.00"), "EUR")
    assert s.installments[0].due_date == date(2020, 7, 31)
    assert s.installments[0].amount == Decimal("100.00")


def test_2_10_net_30() -> None:
    # 15 Jan 2024 + 30 days = 14 Feb; deadline 15 Jan + 10 = 25 Jan;
    # 2 % of 1234.56 = 24.6912 -> 24.69 (half up); due by the deadline 1234.56 - 24.69 = 1209.87
    s = schedule("2/10 Net 30", date(2024, 1, 15), Decimal("1234.56"), "USD")
    assert (s.total, s.currency) == (Decimal("1234.56"), "USD")
    [inst] = s.installments
    assert inst.due_date == date(2024, 2, 14)
    [offer] = inst.discounts
    assert offer.deadline == date(2024, 1, 25)
    assert str(offer.discount) == "24.69"
    assert str(offer.amount_due) == "1209.87"
    assert inst.reason == "from 2024-01-15, +30 days = 2024-02-14"


def test_eom_dating_schedule() -> None:
    # "1/10 EOM Net 30" from 15 Jan 2024: end of month 31 Jan; +30 days = 1 Mar 2024 (leap
    # February has 29 days); deadline 31 Jan + 10 = 10 Feb; 1 % of 1000.00 = 10.00
    s = schedule(Terms.parse("1/10 EOM Net 30"), date(2024, 1, 15), Decimal("1000.00"), "USD")
    inst = s.installments[0]
    assert inst.due_date == date(2024, 3, 1)
    assert (inst.discounts[0].deadline, str(inst.discounts[0].discount), str(inst.discounts[0].amount_due)) == (
        date(2024, 2, 10),
        "10.00",
        "990.00",
    )


def test_30_60_90_in_thirds() -> None:
    # 1000.00 / 3 = 333.33 twice, last 333.34; 1 Jan 2024 + 30 / 60 / 90 = 31 Jan, 1 Mar, 31 Mar
    s = schedule("30/60/90", date(2024, 1, 1), Decimal("1000.00"), "EUR")
    assert rows(s) == [("2024-01-31", "333.33"), ("2024-03-01", "333.33"), ("2024-03-31", "333.34")]
    assert sum(i.amount for i in s.installments) == s.total


def test_jpy_thirds_have_no_minor_units() -> None:
    s = schedule("30/60/90", date(2024, 1, 1), 1000, "JPY")
    assert [str(i.amount) for i in s.installments] == ["333", "333", "334"]


def test_proximo_cutoff_rolls_late_invoices_one_month_further() -> None:
    # 10th proximo with cutoff 25: an invoice on 25 Mar (on the cutoff) is due 10 Apr;
    # one dated 26 Mar (after the cutoff) is due a month later, 10 May
    terms = Terms([TermLine(Part.balance(), [DateStep.proximo(10, cutoff=25)])])
    on_cutoff = schedule(terms, date(2024, 3, 25), Decimal("50.00"), "GBP")
    after_cutoff = schedule(terms, date(2024, 3, 26), Decimal("50.00"), "GBP")
    assert on_cutoff.installments[0].due_date == date(2024, 4, 10)
    assert after_cutoff.installments[0].due_date == date(2024, 5, 10)
    # the same through the notation
    assert schedule("10th Prox cutoff 25", date(2024, 3, 26), 50, "GBP") == after_cutoff


def test_saturday_rolls_following_to_monday() -> None:
    # Thu 16 May 2024 + 30 days = Sat 15 Jun 2024 -> following business day Mon 17 Jun
    terms = Terms([TermLine(Part.balance(), [DateStep.days(30)])], roll="following")
    s = schedule(terms, date(2024, 5, 16), Decimal("10.00"), "EUR")
    assert s.installments[0].due_date == date(2024, 6, 17)
    assert s.installments[0].reason == (
        "from 2024-05-16, +30 days = 2024-06-15; 2024-06-15 (Sat) is not a business day, "
        "rolled following to 2024-06-17 (Mon)"
    )
    # with Monday 17 Jun a holiday, Tuesday 18 Jun
    cal = BusinessCalendar(holidays=[date(2024, 6, 17)])
    assert schedule(terms, date(2024, 5, 16), Decimal("10.00"), "EUR", calendar=cal).installments[0].due_date == date(
        2024, 6, 18
    )
    # a calendar may also be given as a dict of its JSON shape
    s2 = schedule(terms, date(2024, 5, 16), Decimal("10.00"), "EUR", calendar={"holidays": ["2024-06-17"]})
    assert s2.installments[0].due_date == date(2024, 6, 18)


def test_three_line_bench_term() -> None:
    # benches/three_line_terms.json from 31 Jan 2024, 1000.00 EUR:
    # 30 % = 300.00 due 31 Jan + 30 days = 1 Mar (29-day February), 2 % = 6.00 until 10 Feb;
    # 30 % = 300.00 at the end of the next month: 29 Feb; balance 400.00 at the end of the
    # month after: 31 Mar
    terms = Terms.from_dict(
        {
            "lines": [
                {
                    "portion": {"type": "percent", "percent": "30"},
                    "due": [{"type": "days", "days": 30}],
                    "discounts": [{"value": {"type": "percent", "percent": "2"}, "deadline": [{"type": "days", "days": 10}]}],
                },
                {"portion": {"type": "percent", "percent": "30"}, "due": [{"type": "months", "months": 1}, {"type": "end_of_month"}]},
                {"portion": {"type": "balance"}, "due": [{"type": "months", "months": 2}, {"type": "end_of_month"}]},
            ]
        }
    )
    s = schedule(terms, date(2024, 1, 31), Decimal("1000.00"), "EUR")
    assert rows(s) == [("2024-03-01", "300.00"), ("2024-02-29", "300.00"), ("2024-03-31", "400.00")]
    d = s.installments[0].discounts[0]
    assert (d.deadline, str(d.discount), str(d.amount_due)) == (date(2024, 2, 10), "6.00", "294.00")
    assert s.to_dict()["installments"][0] == {
        "due_date": "2024-03-01",
        "amount": "300.00",
        "discounts": [{"deadline": "2024-02-10", "discount": "6.00", "amount_due": "294.00"}],
        "reason": "from 2024-01-31, +30 days = 2024-03-01",
    }
    assert s.to_dict() == {"currency": "EUR", "total": "1000.00", "installments": s.to_dict()["installments"]}


def test_terms_given_three_ways_agree() -> None:
    t = Terms.parse("2/10 Net 30")
    args = (date(2024, 1, 15), Decimal("1234.56"), "USD")
    assert schedule(t, *args) == schedule("2/10 Net 30", *args) == schedule(t.to_dict(), *args)


def test_options() -> None:
    # cash rounding to 0.05 CHF: 10.00 in thirds -> 3.35, 3.35, 3.30
    s = schedule("30/60/90", date(2024, 1, 1), Decimal("10.00"), "CHF", cash_increment=Decimal("0.05"))
    assert [str(i.amount) for i in s.installments] == ["3.35", "3.35", "3.30"]
    # a fixed first line larger than the amount leaves a negative balance, only when allowed
    terms = Terms([TermLine(Part.fixed(150), [DateStep.days(0)]), TermLine(Part.balance(), [DateStep.days(30)])])
    with pytest.raises(ar_core.AllocationError) as e:
        schedule(terms, date(2024, 1, 1), Decimal("100.00"), "EUR")
    assert e.value.kind == "negative_part"
    s = schedule(terms, date(2024, 1, 1), Decimal("100.00"), "EUR", allow_negative=True)
    assert rows(s) == [("2024-01-01", "150.00"), ("2024-01-31", "-50.00")]


def test_result_objects() -> None:
    s = schedule("2/10 Net 30", date(2024, 1, 15), Decimal("1234.56"), "USD")
    inst = s.installments[0]
    assert repr(inst.discounts[0]) == (
        "DiscountOffer(deadline=datetime.date(2024, 1, 25), discount=Decimal('24.69'), amount_due=Decimal('1209.87'))"
    )
    assert repr(s).startswith("Schedule(total=Decimal('1234.56'), currency='USD', installments=[Installment(")
    assert inst.to_dict()["amount"] == "1234.56"
    assert inst.discounts[0].to_dict() == {"deadline": "2024-01-25", "discount": "24.69", "amount_due": "1209.87"}
    assert s == schedule("2/10 Net 30", date(2024, 1, 15), Decimal("1234.56"), "USD")
    assert hash(s) == hash(schedule("2/10 Net 30", date(2024, 1, 15), Decimal("1234.56"), "USD"))
    assert s.to_json().startswith('{"currency":"USD","total":"1234.56","installments":[')
