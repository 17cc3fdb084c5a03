//! Property tests of interest accrual and late fees.
//!
//! Invariants, in words:
//! - for Actual/365 Fixed, Actual/360 and Actual/Actual (ISDA), simple interest over a period
//!   split at arbitrary days (no payment, no change of rate) equals the unsplit interest exactly,
//!   before rounding; and the year fractions of adjacent periods add up to the whole one's
//!   (30/360 is not additive across month ends: it is tested on worked examples in the unit
//!   tests and the fixtures instead);
//! - interest is never negative for a positive balance and rate, the periods are contiguous
//!   from the day after the due date to the as-of date, and the periods' rounded shares add up
//!   to the total exactly;
//! - a fee run is idempotent: applying its charges and running again proposes nothing new;
//!   the same holds for the interest charges of `accrue_account`.

use ar_core::documents::{Document, DocumentKind, ScheduledItem};
use ar_core::fees::{
    assess_fees, FeeAmount, FeeLevel, FeePolicy, FeeRepeat, FeeScope, FeeTier, FlatFee,
};
use ar_core::interest::{
    accrue, accrue_account, AccrualInput, Compounding, DayCount, Fraction, InterestMethod,
    InterestPolicy, InterestRateTable, PrincipalChange, RateSource,
};
use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
use ar_core::money::Currency;
use ar_core::Decimal;
use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

fn eur() -> Currency {
    Currency::from_code("EUR").unwrap()
}

fn day(offset: u32) -> NaiveDate {
    // 1 Jan 1996, a leap year, so offsets cross leap and non-leap years
    NaiveDate::from_ymd_opt(1996, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(u64::from(offset)))
        .unwrap()
}

fn actual_convention() -> impl Strategy<Value = DayCount> {
    prop_oneof![
        Just(DayCount::Actual365Fixed),
        Just(DayCount::Actual360),
        Just(DayCount::ActualActualIsda),
    ]
}

fn any_convention() -> impl Strategy<Value = DayCount> {
    prop_oneof![
        Just(DayCount::Actual365Fixed),
        Just(DayCount::Actual360),
        Just(DayCount::ActualActualIsda),
        Just(DayCount::Thirty360),
        Just(DayCount::Thirty360E),
    ]
}

fn input(
    principal_cents: i64,
    due: NaiveDate,
    as_of: NaiveDate,
    rates: RateSource,
    method: InterestMethod,
) -> AccrualInput {
    AccrualInput {
        currency: eur(),
        principal: Decimal::new(principal_cents, 2),
        due_date: due,
        as_of,
        changes: Vec::new(),
        rates,
        method,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    // simple interest split at arbitrary days equals the unsplit interest, before rounding
    #[test]
    fn actual_conventions_are_additive(
        dc in actual_convention(),
        principal in 1i64..1_000_000_000,
        bp in 0i64..5_000,
        start in 0u32..20_000,
        len in 1u32..3_000,
        cuts in proptest::collection::vec(0u32..3_000, 0..6),
    ) {
        let due = day(start);
        let as_of = day(start + len);
        let percent = Decimal::new(bp, 2);
        let method = InterestMethod { day_count: dc, ..InterestMethod::default() };
        let whole = accrue(&input(principal, due, as_of, RateSource::Fixed { percent }, method)).unwrap();
        // the same rate restated on arbitrary days splits the period there
        let mut table = InterestRateTable::new();
        table.insert(day(start), percent, None);
        for c in &cuts {
            table.insert(day(start + 1 + c % len), percent, None);
        }
        let split = accrue(&input(principal, due, as_of, RateSource::Table { rates: table }, method)).unwrap();
        prop_assert_eq!(split.total_exact, whole.total_exact);
        prop_assert_eq!(split.total, whole.total);
        let days: i64 = split.periods.iter().map(|p| p.days).sum();
        prop_assert_eq!(days, i64::from(len));

        // and the year fractions of adjacent periods add up
        let mid = day(start + 1 + cuts.first().copied().unwrap_or(0) % len);
        let sum = dc.year_fraction(due, mid).unwrap().checked_add(dc.year_fraction(mid, as_of).unwrap()).unwrap();
        prop_assert_eq!(sum, dc.year_fraction(due, as_of).unwrap());
    }

    // interest >= 0 for a positive balance and rate; contiguous periods; shares sum to the total
    #[test]
    fn interest_is_never_negative_and_shares_sum(
        dc in any_convention(),
        compounding in prop_oneof![Just(Compounding::None), Just(Compounding::Daily), Just(Compounding::Monthly),
                                   Just(Compounding::Quarterly), Just(Compounding::Annually)],
        principal in 1i64..100_000_000,
        bps in proptest::collection::vec(0i64..3_000, 1..4),
        start in 0u32..20_000,
        len in 1u32..800,
        payments in proptest::collection::vec((0u32..800, 1i64..1_000), 0..4),
    ) {
        let due = day(start);
        let as_of = day(start + len);
        let mut rates = InterestRateTable::new();
        for (i, bp) in bps.iter().enumerate() {
            rates.insert(day(start + (i as u32) * len / 3), Decimal::new(*bp, 2), None);
        }
        // payments never exceed the principal
        let mut left = principal;
        let mut changes = Vec::new();
        for (offset, c) in payments {
            let c = c.min(left);
            if c > 0 {
                changes.push(PrincipalChange::new(day(start + offset), Decimal::new(c, 2), "payment"));
                left -= c;
            }
        }
        let b = accrue(&AccrualInput {
            currency: eur(),
            principal: Decimal::new(principal, 2),
            due_date: due,
            as_of,
            changes,
            rates: RateSource::Table { rates },
            method: InterestMethod { day_count: dc, compounding, ..InterestMethod::default() },
        }).unwrap();
        prop_assert!(b.total >= Decimal::ZERO);
        prop_assert!(b.total_exact.numerator() >= 0);
        let shares: Decimal = b.periods.iter().map(|p| p.interest).sum();
        prop_assert_eq!(shares, b.total);
        let mut next = due.succ_opt().unwrap();
        let mut exact = Fraction::ZERO;
        for p in &b.periods {
            prop_assert_eq!(p.from, next);
            prop_assert!(p.to >= p.from && p.to <= as_of);
            prop_assert!(p.interest >= Decimal::ZERO);
            exact = exact.checked_add(p.interest_exact).unwrap();
            next = p.to.succ_opt().unwrap();
        }
        prop_assert_eq!(exact, b.total_exact);
    }
}

// ----- fee and interest idempotency over random accounts -----

#[derive(Debug, Clone)]
struct Inv {
    cents: i64,
    due_offsets: Vec<u32>,
}

fn invoices() -> impl Strategy<Value = Vec<Inv>> {
    proptest::collection::vec(
        (1i64..5_000_000, proptest::collection::vec(0u32..90, 1..3))
            .prop_map(|(cents, due_offsets)| Inv { cents, due_offsets }),
        1..4,
    )
}

fn fee_amount() -> impl Strategy<Value = FeeAmount> {
    prop_oneof![
        (0i64..10_000).prop_map(|c| FeeAmount::Fixed {
            amount: Decimal::new(c, 2)
        }),
        (0i64..1_000).prop_map(|bp| FeeAmount::Percent {
            percent: Decimal::new(bp, 2)
        }),
        (1i64..5_000, 1i64..500_000).prop_map(|(c, step)| FeeAmount::Tiered {
            tiers: vec![
                FeeTier {
                    from: Decimal::ZERO,
                    fee: FlatFee::Fixed {
                        amount: Decimal::new(c, 2)
                    }
                },
                FeeTier {
                    from: Decimal::new(step, 2),
                    fee: FlatFee::Percent {
                        percent: Decimal::new(150, 2)
                    }
                },
            ],
        }),
    ]
}

fn fee_policy() -> impl Strategy<Value = FeePolicy> {
    (
        proptest::collection::vec(
            (
                0u32..40,
                fee_amount(),
                proptest::option::of(1i64..5_000),
                proptest::option::of((1u32..40, 1u32..5)),
            ),
            1..4,
        ),
        any::<bool>(),
    )
        .prop_map(|(levels, per_installment)| {
            let levels = levels
                .into_iter()
                .enumerate()
                .map(|(i, (grace, fee, cap, repeat))| {
                    let mut l = FeeLevel::new(i as u32 + 1, grace, fee);
                    l.cap = cap.map(|c| Decimal::new(c, 2));
                    l.repeat = repeat.map(|(every_days, max)| FeeRepeat {
                        every_days,
                        max_charges: Some(max),
                    });
                    l
                })
                .collect();
            let mut p = FeePolicy::new(levels);
            if per_installment {
                p.scope = FeeScope::Installment;
            }
            p
        })
}

fn build(invs: &[Inv], payments: &[(u32, i64)]) -> (Account, Vec<Event>) {
    let mut events = Vec::new();
    for (n, inv) in invs.iter().enumerate() {
        let parts = inv.due_offsets.len() as i64;
        let mut installments = Vec::new();
        let mut left = inv.cents;
        for (k, off) in inv.due_offsets.iter().enumerate() {
            let amount = if k as i64 == parts - 1 {
                left
            } else {
                inv.cents / parts
            };
            left -= amount;
            installments.push(ScheduledItem {
                due_date: day(10_000 + off),
                amount: Decimal::new(amount, 2),
                discounts: vec![],
            });
        }
        let document = Document {
            id: format!("INV-{n}"),
            kind: DocumentKind::Invoice,
            customer: "ACME".into(),
            date: day(10_000),
            currency: eur(),
            total: Decimal::new(inv.cents, 2),
            installments,
            terms: None,
            against: None,
            revision_of: None,
            charge_for: None,
        };
        events.push(Event::new(
            &format!("d{n}"),
            day(10_000),
            EventBody::DocumentIssued { document },
        ));
    }
    let mut pays: Vec<(u32, i64)> = payments.to_vec();
    pays.sort();
    for (n, (off, c)) in pays.iter().enumerate() {
        events.push(Event::new(
            &format!("p{n}"),
            day(10_000 + off),
            EventBody::payment(&format!("P-{n}"), Decimal::new(*c, 2), eur()),
        ));
    }
    let account = Account::replay(AccountConfig::new("ACME", eur()), &events, day(40_000)).unwrap();
    (account, events)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    // running the fee policy, applying its charges and running again charges nothing more
    #[test]
    fn fees_are_idempotent(
        invs in invoices(),
        payments in proptest::collection::vec((0u32..200, 1i64..3_000_000), 0..4),
        policy in fee_policy(),
        as_of in 0u32..250,
    ) {
        let (mut account, _) = build(&invs, &payments);
        let as_of = day(10_000 + as_of);
        let first = assess_fees(&account, &policy, as_of).unwrap();
        for (n, c) in first.charges.iter().enumerate() {
            prop_assert!(c.document.total > Decimal::ZERO);
            account.apply(&Event::new(&format!("f{n}"), as_of, EventBody::DocumentIssued { document: c.document.clone() })).unwrap();
        }
        let second = assess_fees(&account, &policy, as_of).unwrap();
        prop_assert!(second.charges.is_empty(), "charged again: {:?}", second.charges);
        // every occurrence of the first run is now reported as already charged
        let already = second.skipped.iter().filter(|s| s.reason.contains("already charged")).count();
        prop_assert_eq!(already, first.charges.len() + first.skipped.iter().filter(|s| s.reason.contains("already charged")).count());
        // and applying the first run's charges again is refused by the ledger
        for c in &first.charges {
            let again = account.apply(&Event::new("again", as_of, EventBody::DocumentIssued { document: c.document.clone() }));
            prop_assert!(again.is_err());
        }
    }

    // the same for interest charges
    #[test]
    fn interest_charges_are_idempotent(
        invs in invoices(),
        payments in proptest::collection::vec((0u32..200, 1i64..3_000_000), 0..4),
        bp in 1i64..2_000,
        first_run in 1u32..150,
        second_run in 0u32..150,
    ) {
        let (mut account, _) = build(&invs, &payments);
        let policy = InterestPolicy::new(RateSource::Fixed { percent: Decimal::new(bp, 2) });
        let mut charged = Decimal::ZERO;
        let mut n = 0;
        for run in [first_run, first_run + second_run] {
            let as_of = day(10_000 + run);
            let r = accrue_account(&account, &policy, as_of).unwrap();
            for c in &r.charges {
                charged += c.total;
                n += 1;
                account.apply(&Event::new(&format!("i{n}"), as_of, EventBody::DocumentIssued { document: c.clone() })).unwrap();
            }
            let again = accrue_account(&account, &policy, as_of).unwrap();
            prop_assert!(again.charges.is_empty());
            // what was charged adds up to what accrued
            prop_assert_eq!(charged, again.accrued);
        }
    }
}

// ----- total functions: no input panics -----

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // chrono's whole range, with weight on ordinary years
    prop_oneof![
        (0u32..40_000).prop_map(day),
        (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
            .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap()),
    ]
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..29).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    // any dates, amounts and rates give a result or a typed error, never a panic
    #[test]
    fn accrual_never_panics(
        dc in any_convention(),
        compounding in prop_oneof![Just(Compounding::None), Just(Compounding::Daily), Just(Compounding::Monthly), Just(Compounding::Annually)],
        principal in any_decimal(),
        rate in any_decimal(),
        due in any_date(),
        as_of in any_date(),
        changes in proptest::collection::vec((any_date(), any_decimal()), 0..3),
        statutory in 0u8..3,
    ) {
        let mut table = InterestRateTable::new();
        table.insert(due, rate, None);
        let rates = match statutory {
            0 => RateSource::Table { rates: table },
            1 => RateSource::eu_late_payment(table),
            _ => RateSource::uk_late_payment(table),
        };
        let input = AccrualInput {
            currency: eur(),
            principal,
            due_date: due,
            as_of,
            changes: changes.into_iter().map(|(d, a)| PrincipalChange::new(d, a, "x")).collect(),
            rates,
            method: InterestMethod { day_count: dc, compounding, ..InterestMethod::default() },
        };
        if let Ok(b) = accrue(&input) {
            prop_assert!(b.total >= Decimal::ZERO);
        }
        let _ = dc.year_fraction(due, as_of);
    }
}

#[test]
fn extreme_inputs_are_typed_errors() {
    let fixed = |p: &str| RateSource::Fixed {
        percent: p.parse().unwrap(),
    };
    let base = AccrualInput {
        currency: eur(),
        principal: Decimal::MAX,
        due_date: day(0),
        as_of: day(36_500),
        changes: Vec::new(),
        rates: fixed("1000"),
        method: InterestMethod::default(),
    };
    assert_eq!(accrue(&base).unwrap_err().kind(), "overflow");
    let mut daily = base.clone();
    daily.principal = "100.00".parse().unwrap();
    daily.as_of = NaiveDate::MAX;
    daily.method.compounding = Compounding::Daily;
    assert_eq!(accrue(&daily).unwrap_err().kind(), "too_many_periods");
    let mut end = daily.clone();
    end.method.compounding = Compounding::None;
    end.due_date = NaiveDate::MAX.pred_opt().unwrap();
    end.rates = fixed("8");
    // one day at the very end of the calendar
    assert_eq!(accrue(&end).unwrap().periods.len(), 1);
    let mut eu = end.clone();
    eu.due_date = NaiveDate::MIN;
    eu.rates = RateSource::eu_late_payment(InterestRateTable::new());
    assert_eq!(accrue(&eu).unwrap_err().kind(), "too_many_periods");
    let mut negative = end.clone();
    negative.rates = fixed("-1");
    assert_eq!(
        accrue(&negative).unwrap_err().kind(),
        "negative_interest_rate"
    );
    let mut kwd = end.clone();
    kwd.currency = Currency::from_code("XAU").unwrap();
    assert_eq!(accrue(&kwd).unwrap_err().kind(), "no_minor_unit");
}
