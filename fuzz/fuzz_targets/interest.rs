//! `interest::accrue` on inputs built from bytes (currencies with 0, 2 and 3 decimals and
//! without minor unit, any principal including negative ones, dates across chrono's range, up
//! to 8 principal changes and 8 table rates, every rate source, day count, compounding and
//! rounding) and on any JSON text that reads as an `AccrualInput`; `DayCount::days` and
//! `year_fraction` on random date pairs. No input panics. When accrual succeeds: the total is
//! not negative and is the exact total rounded once; the periods' rounded shares sum to the
//! total exactly, each within one minor unit of its exact interest, and their exact interests
//! sum to the exact total; the periods are contiguous from the day after the due date, each
//! with its day count, year fraction and exact interest as documented, and run to the as-of
//! date unless the principal is paid before; accruing to an earlier date never gives more.
//! JSON inputs and breakdowns round-trip.
#![no_main]

use ar_core::interest::{
    accrue, AccrualInput, Compounding, DayCount, Fraction, InterestBreakdown, PrincipalChange,
    RateSource,
};
use ar_core::money::Rounding;
use ar_core::money::RoundingMode;
use ar_core_fuzz::{self as build, Lazy};
use arbitrary::{Result, Unstructured};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use std::cmp::Ordering;

fn neg(f: Fraction) -> Option<Fraction> {
    f.checked_mul(Fraction::new(-1, 1).ok()?).ok()
}

/// `a` compared with `b`, or `None` when the difference does not fit.
fn cmp(a: Fraction, b: Fraction) -> Option<Ordering> {
    let d = a.checked_add(neg(b)?).ok()?;
    Some(d.numerator().cmp(&0))
}

/// `|a - b| <= 10^-dp`, or `None` when it does not fit.
fn within_unit(a: Fraction, b: Fraction, dp: u32) -> Option<bool> {
    let d = a.checked_add(neg(b)?).ok()?;
    let scaled = d
        .numerator()
        .checked_abs()?
        .checked_mul(10i128.checked_pow(dp)?)?;
    Some(scaled <= d.denominator())
}

fn check(input: &AccrualInput, b: &InterestBreakdown) {
    let ctx = Lazy(|| format!("{input:?}: {b:?}"));
    let dp = input
        .currency
        .minor_units()
        .unwrap_or_else(|| panic!("accrued without a minor unit: {ctx}"));
    assert!(input.principal >= Decimal::ZERO, "{ctx}");
    assert!(
        !(input.rates.is_statutory() && input.method.compounding != Compounding::None),
        "{ctx}"
    );
    assert_eq!(b.currency, input.currency, "{ctx}");
    assert_eq!(
        (b.due_date, b.as_of),
        (input.due_date, input.as_of),
        "{ctx}"
    );
    assert!(b.total >= Decimal::ZERO, "{ctx}");
    assert_eq!(b.total.scale(), dp, "{ctx}");
    assert_eq!(
        b.total_exact.round(dp, input.method.rounding).ok(),
        Some(b.total),
        "the total is not the exact total rounded once: {ctx}"
    );
    assert!(b.total_exact.numerator() >= 0, "{ctx}");
    assert!(b.capitalised >= Decimal::ZERO, "{ctx}");
    assert_eq!(
        build::exact_sum(b.periods.iter().map(|p| p.interest)),
        build::exact(b.total),
        "shares do not sum to the total: {ctx}"
    );
    let mut exact_sum = Some(Fraction::ZERO);
    let hundredth = Fraction::new(1, 100).ok();
    let mut expected_from = input.due_date.succ_opt();
    for p in &b.periods {
        assert_eq!(Some(p.from), expected_from, "periods not contiguous: {ctx}");
        assert!(p.from <= p.to && p.to <= input.as_of, "{ctx}");
        assert_eq!(p.days, (p.to - p.from).num_days() + 1, "{ctx}");
        let start = p.from.pred_opt().unwrap_or(NaiveDate::MIN);
        let dc = input.method.day_count;
        assert_eq!(dc.days(start, p.to).ok(), Some(p.basis_days), "{ctx}");
        assert_eq!(
            dc.year_fraction(start, p.to).ok(),
            Some(p.year_fraction),
            "{ctx}"
        );
        assert!(p.principal > Decimal::ZERO, "{ctx}");
        assert!(p.rate >= Decimal::ZERO && p.rate_from <= p.from, "{ctx}");
        assert!(p.capitalised >= Decimal::ZERO, "{ctx}");
        if input.method.compounding == Compounding::None {
            assert!(p.capitalised.is_zero(), "{ctx}");
        }
        if let RateSource::Fixed { percent } = input.rates {
            assert_eq!(p.rate, percent, "{ctx}");
        }
        assert!(p.interest >= Decimal::ZERO, "{ctx}");
        assert!(p.interest_exact.numerator() >= 0, "{ctx}");
        // (principal + capitalised) x rate / 100 x year fraction, exactly
        let recomputed = p
            .principal
            .checked_add(p.capitalised)
            .and_then(|x| Fraction::from_decimal(x).ok())
            .and_then(|x| x.checked_mul(Fraction::from_decimal(p.rate).ok()?).ok())
            .and_then(|x| x.checked_mul(hundredth?).ok())
            .and_then(|x| x.checked_mul(p.year_fraction).ok());
        if let Some(r) = recomputed {
            assert_eq!(r, p.interest_exact, "{p:?}: {ctx}");
        }
        if let Some(ok) = Fraction::from_decimal(p.interest)
            .ok()
            .and_then(|i| within_unit(i, p.interest_exact, dp))
        {
            assert!(
                ok,
                "a share more than one unit from its exact value: {p:?}: {ctx}"
            );
        }
        exact_sum = exact_sum.and_then(|s| s.checked_add(p.interest_exact).ok());
        expected_from = p.to.succ_opt();
    }
    if let Some(s) = exact_sum {
        assert_eq!(s, b.total_exact, "{ctx}");
    }
    // the periods run to the as-of date unless the principal is paid before it
    let mut left = Some(input.principal);
    for c in &input.changes {
        if c.date < input.as_of {
            left = left.and_then(|l| l.checked_sub(c.amount));
        }
    }
    if let Some(left) = left {
        let reaches = b.periods.last().is_some_and(|p| p.to == input.as_of);
        let expected = input.as_of > input.due_date && left > Decimal::ZERO;
        assert_eq!(reaches, expected, "left {left}: {ctx}");
    }
}

fn accrue_and_check(input: &AccrualInput) -> Option<InterestBreakdown> {
    if build::debug() {
        eprintln!(
            "input: {}",
            serde_json::to_string(input).unwrap_or_default()
        );
    }
    let b = accrue(input).ok()?;
    check(input, &b);
    Some(b)
}

/// Accrual to `earlier` (between the due date and the as-of date) never gives more.
fn check_earlier(input: &AccrualInput, b: &InterestBreakdown, earlier: NaiveDate) {
    let mut shorter = input.clone();
    shorter.as_of = earlier;
    if let Some(a) = accrue_and_check(&shorter) {
        if let Some(o) = cmp(a.total_exact, b.total_exact) {
            assert!(
                o != Ordering::Greater,
                "accrued more to {earlier} ({}) than to {} ({}): {input:?}",
                a.total_exact,
                input.as_of,
                b.total_exact
            );
        }
    }
}

fn principal(u: &mut Unstructured, input_currency: ar_core::money::Currency) -> Result<Decimal> {
    Ok(match u.int_in_range(0..=7)? {
        0 => build::decimal(u)?,
        1 => Decimal::ZERO,
        _ => build::amount(u, input_currency, None)?.abs(),
    })
}

fn structured(u: &mut Unstructured) -> Result<()> {
    let currency = build::currency(u)?;
    let principal = principal(u, currency)?;
    let due_date = build::date(u)?;
    // mostly a few years; sometimes anywhere (tens of thousands of periods: slow, so rare)
    let as_of = if u.ratio(31, 32)? {
        build::near_date(u, due_date, -30, 1500)?
    } else {
        build::date(u)?
    };
    let span = (as_of - due_date).num_days().clamp(0, 3000);
    let mut changes = Vec::new();
    for _ in 0..u.int_in_range(0..=8)? {
        let date = build::near_date(u, due_date, -60, span + 60)?;
        let amount = match u.int_in_range(0..=7)? {
            0 => build::decimal(u)?,
            1 => principal,
            _ => {
                let k = Decimal::new(u.int_in_range(1..=100)?, 0);
                let x = principal
                    .checked_mul(k)
                    .and_then(|x| x.checked_div(Decimal::from(400)))
                    .unwrap_or(Decimal::ONE);
                Rounding::new(RoundingMode::Up)
                    .round(x, currency)
                    .unwrap_or(x)
            }
        };
        let reason = if u.arbitrary()? { "payment" } else { "" };
        changes.push(PrincipalChange::new(date, amount, reason));
    }
    let input = AccrualInput {
        currency,
        principal,
        due_date,
        as_of,
        changes,
        rates: build::rate_source(u, due_date)?,
        method: build::interest_method(u)?,
    };
    let earlier = build::near_date(u, due_date, 0, span)?;
    if let Some(b) = accrue_and_check(&input) {
        check_earlier(&input, &b, earlier.min(as_of));
    }
    Ok(())
}

fn day_counts(u: &mut Unstructured) -> Result<()> {
    for _ in 0..4 {
        let dc = build::day_count(u)?;
        let start = build::date(u)?;
        let end = if u.ratio(3, 4)? {
            build::near_date(u, start, -10, 3000)?
        } else {
            build::date(u)?
        };
        let days_r = dc.days(start, end);
        let yf_r = dc.year_fraction(start, end);
        let ctx = Lazy(|| format!("{dc:?} {start} {end}: {days_r:?} {yf_r:?}"));
        if end < start {
            assert_eq!(
                days_r.as_ref().map_err(|e| e.kind()).err(),
                Some("invalid_day_count_period"),
                "{ctx}"
            );
            assert_eq!(
                yf_r.as_ref().map_err(|e| e.kind()).err(),
                Some("invalid_day_count_period"),
                "{ctx}"
            );
            continue;
        }
        let days = *days_r.as_ref().unwrap_or_else(|e| panic!("{e}: {ctx}"));
        let yf = *yf_r.as_ref().unwrap_or_else(|e| panic!("{e}: {ctx}"));
        let actual = (end - start).num_days();
        assert!(days >= 0 && yf.numerator() >= 0, "{ctx}");
        let f = |n: i64, d: i128| Fraction::new(i128::from(n), d).ok();
        match dc {
            DayCount::Actual365Fixed => {
                assert_eq!(days, actual, "{ctx}");
                assert_eq!(Some(yf), f(days, 365), "{ctx}");
            }
            DayCount::Actual360 => {
                assert_eq!(days, actual, "{ctx}");
                assert_eq!(Some(yf), f(days, 360), "{ctx}");
            }
            DayCount::ActualActualIsda => {
                assert_eq!(days, actual, "{ctx}");
                let lo = f(days, 366).and_then(|lo| cmp(lo, yf));
                let hi = f(days, 365).and_then(|hi| cmp(yf, hi));
                assert!(lo != Some(Ordering::Greater), "{ctx}");
                assert!(hi != Some(Ordering::Greater), "{ctx}");
            }
            _ => assert_eq!(Some(yf), f(days, 360), "{ctx}"),
        }
        // the Actual conventions add up over a split period
        if matches!(
            dc,
            DayCount::Actual365Fixed | DayCount::Actual360 | DayCount::ActualActualIsda
        ) {
            let mid = build::near_date(u, start, 0, actual)?.min(end);
            let (a, b) = (dc.year_fraction(start, mid), dc.year_fraction(mid, end));
            let (a, b) = (
                a.unwrap_or_else(|e| panic!("{e}: {mid} {ctx}")),
                b.unwrap_or_else(|e| panic!("{e}: {mid} {ctx}")),
            );
            if let Ok(sum) = a.checked_add(b) {
                assert_eq!(sum, yf, "split at {mid}: {ctx}");
            }
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    if data.trim_ascii_start().first() == Some(&b'{') {
        let Ok(input) = serde_json::from_slice::<AccrualInput>(data) else {
            return;
        };
        let text = serde_json::to_string(&input).expect("an input serializes");
        let back: AccrualInput = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{text} does not read back: {e}"));
        assert_eq!(back, input, "{text}");
        if let Some(b) = accrue_and_check(&input) {
            let text = serde_json::to_string(&b).expect("a breakdown serializes");
            let back: InterestBreakdown = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{text} does not read back: {e}"));
            assert_eq!(back, b, "{text}");
            let mid = input.due_date + (input.as_of - input.due_date) / 2;
            check_earlier(&input, &b, mid);
        }
        return;
    }
    let mut u = Unstructured::new(data);
    let _ = if u.ratio(3, 4).unwrap_or(true) {
        structured(&mut u)
    } else {
        day_counts(&mut u)
    };
});
