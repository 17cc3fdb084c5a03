//! Arbitrary amounts, currencies (JPY, KWD and XAU included), split and amortized plan terms
//! into `installment_plan` and `amortized_plan`, then `plan_status` with arbitrary payments,
//! dates and default policies. No input panics. A plan that comes back is one `plan_status`
//! accepts (`Plan::validate`): installments sum exactly to the total, principal parts to the
//! principal, due dates strictly increase, every amount is positive and in whole minor units,
//! the balance runs down to zero; equal shares differ only by the rounding residual; an
//! amortized plan pays its level payment on every installment but the last. A status keeps
//! `paid + outstanding = total`, `paid + unapplied` = the payments up to the date,
//! `overdue <= amount_due <= outstanding`, each installment's `paid + open = amount`, states
//! matching dates, and a default date that later dates keep (default is final).
#![no_main]

use ar_core::allocation::ResidualPolicy;
use ar_core::calendar::Roll;
use ar_core::installments::{
    amortized_plan, installment_plan, plan_status, AmortizedTerms, DefaultPolicy, DownPayment,
    DueDates, Frequency, InstallmentKind, InstallmentState, Plan, PlanPayment, PlanState,
    PlanTerms,
};
use ar_core::money::Currency;
use ar_core_fuzz as build;
use arbitrary::{Result, Unstructured};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fn frequency(u: &mut Unstructured) -> Result<Frequency> {
    u.choose(&[
        Frequency::Weekly,
        Frequency::Biweekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Semiannually,
        Frequency::Annually,
    ])
    .copied()
}

fn count(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.int_in_range(0..=31)? {
        0 => 0,
        1 if u.ratio(1, 8)? => u.int_in_range(0..=10_001)?,
        1 => u.int_in_range(25..=400)?,
        2 => u.arbitrary()?,
        _ => u.int_in_range(1..=24)?,
    })
}

fn anchor(u: &mut Unstructured) -> Result<NaiveDate> {
    if u.ratio(3, 4)? {
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(NaiveDate::MIN);
        build::near_date(u, base, -400, 800)
    } else {
        build::date(u)
    }
}

fn weights(u: &mut Unstructured, n: usize) -> Result<Vec<Decimal>> {
    Ok(match u.int_in_range(0..=3)? {
        0 | 1 => Vec::new(),
        2 => (0..n)
            .map(|_| Ok(Decimal::from(u.int_in_range(1..=5)?)))
            .collect::<Result<_>>()?,
        _ => (0..u.int_in_range(0..=n + 1)?)
            .map(|_| build::decimal(u))
            .collect::<Result<_>>()?,
    })
}

fn plan_terms(u: &mut Unstructured, currency: Currency) -> Result<PlanTerms> {
    let first = anchor(u)?;
    let due = if u.ratio(3, 4)? {
        DueDates::periodic(frequency(u)?, first, count(u)?)
    } else {
        let mut dates = Vec::new();
        let mut d = first;
        for _ in 0..u.int_in_range(0..=12)? {
            let lo = if u.ratio(1, 8)? { -5 } else { 1 };
            d = build::near_date(u, d, lo, 60)?;
            dates.push(d);
        }
        DueDates::custom(dates)
    };
    let n = match &due {
        DueDates::Periodic { count, .. } => (*count).min(32) as usize,
        DueDates::Custom { dates } => dates.len(),
        _ => 0,
    };
    let weights = weights(u, n)?;
    let down_payment = match u.int_in_range(0..=3)? {
        0 | 1 => None,
        2 => Some(DownPayment::Percent {
            percent: Decimal::new(u.int_in_range(-100..=10_100)?, 2),
            due_date: build::near_date(u, first, -60, 2)?,
        }),
        _ => Some(DownPayment::Amount {
            amount: build::amount(u, currency, None)?,
            due_date: build::near_date(u, first, -60, 2)?,
        }),
    };
    let mut terms = PlanTerms::new(due);
    terms.weights = weights;
    terms.down_payment = down_payment;
    terms.rounding = build::rounding_mode(u)?;
    terms.residual = build::residual(u)?;
    terms.roll = build::roll(u)?;
    if u.ratio(1, 3)? {
        terms.calendar = Some(build::calendar(u, first)?);
    }
    Ok(terms)
}

fn amortized_terms(u: &mut Unstructured) -> Result<AmortizedTerms> {
    let first_due = anchor(u)?;
    Ok(AmortizedTerms {
        annual_rate_percent: match u.int_in_range(0..=7)? {
            0 => Decimal::ZERO,
            1..=5 => Decimal::new(u.int_in_range(0..=3_000)?, 2),
            6 => Decimal::new(u.int_in_range(0..=100_000_000)?, u.int_in_range(0..=10)?),
            _ => build::decimal(u)?,
        },
        frequency: frequency(u)?,
        first_due,
        count: count(u)?,
        roll: build::roll(u)?,
        calendar: if u.ratio(1, 3)? {
            Some(build::calendar(u, first_due)?)
        } else {
            None
        },
    })
}

/// What every plan keeps, split or amortized.
fn check_plan(plan: &Plan, amount: Decimal, currency: Currency, ctx: &dyn std::fmt::Display) {
    if let Err(e) = plan.validate() {
        panic!("a built plan does not validate: {e}: {ctx}");
    }
    assert_eq!(plan.currency, currency, "{ctx}");
    assert_eq!(plan.principal, amount, "{ctx}");
    assert_eq!(plan.total, plan.principal + plan.interest, "{ctx}");
    let rows = &plan.installments;
    assert!(!rows.is_empty(), "{ctx}");
    assert_eq!(
        build::exact_sum(rows.iter().map(|i| i.amount)),
        build::exact(plan.total),
        "installments do not sum to the total: {ctx}"
    );
    assert_eq!(
        build::exact_sum(rows.iter().map(|i| i.principal)),
        build::exact(plan.principal),
        "principal parts do not sum to the principal: {ctx}"
    );
    assert_eq!(
        build::exact_sum(rows.iter().map(|i| i.interest)),
        build::exact(plan.interest),
        "{ctx}"
    );
    let mut balance = plan.principal;
    for (k, row) in rows.iter().enumerate() {
        assert_eq!(row.installment as usize, k, "{ctx}");
        if k > 0 {
            assert!(
                row.due_date > rows[k - 1].due_date,
                "dates not increasing: {ctx}"
            );
        }
        assert_eq!(row.amount, row.principal + row.interest, "{ctx}");
        assert!(row.amount > Decimal::ZERO, "{ctx}");
        assert!(
            row.principal >= Decimal::ZERO && row.interest >= Decimal::ZERO,
            "{ctx}"
        );
        for v in [row.amount, row.principal, row.interest, row.balance_after] {
            assert!(
                build::whole_units(v, currency),
                "{v} not in whole units: {ctx}"
            );
        }
        balance -= row.principal;
        assert_eq!(row.balance_after, balance, "{ctx}");
        assert!(!row.reason.is_empty(), "{ctx}");
    }
    assert!(balance.is_zero(), "{ctx}");
}

fn check_split(plan: &Plan, terms: &PlanTerms, ctx: &dyn std::fmt::Display) {
    assert!(plan.interest.is_zero() && plan.payment.is_none(), "{ctx}");
    let rows = &plan.installments;
    let offset = usize::from(terms.down_payment.is_some());
    if offset == 1 {
        assert_eq!(rows[0].kind, InstallmentKind::DownPayment, "{ctx}");
    }
    let regular = &rows[offset..];
    assert!(
        regular.iter().all(|r| r.kind == InstallmentKind::Regular),
        "{ctx}"
    );
    match &terms.due {
        DueDates::Periodic {
            count, first_due, ..
        } => {
            assert_eq!(regular.len(), *count as usize, "{ctx}");
            if terms.roll == Roll::None {
                assert_eq!(regular[0].due_date, *first_due, "{ctx}");
            }
        }
        DueDates::Custom { dates } => {
            assert_eq!(regular.len(), dates.len(), "{ctx}");
            if terms.roll == Roll::None {
                assert!(
                    regular.iter().zip(dates).all(|(r, d)| r.due_date == *d),
                    "{ctx}"
                );
            }
        }
        _ => {}
    }
    if terms.weights.is_empty() {
        // equal shares: the same rounded share, the residual on one (first, last) or a unit
        // each (largest remainder)
        let mut values: Vec<Decimal> = regular.iter().map(|r| r.amount).collect();
        values.sort();
        values.dedup();
        assert!(values.len() <= 2, "equal shares differ: {ctx}");
        if terms.residual != ResidualPolicy::LargestRemainder && values.len() == 2 {
            let base = if terms.residual == ResidualPolicy::First {
                regular[regular.len() - 1].amount
            } else {
                regular[0].amount
            };
            let odd = regular.iter().filter(|r| r.amount != base).count();
            assert_eq!(odd, 1, "{ctx}");
        }
    }
}

fn check_amortized(plan: &Plan, terms: &AmortizedTerms, ctx: &dyn std::fmt::Display) {
    let rows = &plan.installments;
    assert_eq!(rows.len(), terms.count as usize, "{ctx}");
    let payment = plan
        .payment
        .unwrap_or_else(|| panic!("no level payment: {ctx}"));
    for r in &rows[..rows.len() - 1] {
        assert_eq!(r.amount, payment, "{ctx}");
    }
    assert!(
        rows.iter().all(|r| r.kind == InstallmentKind::Regular),
        "{ctx}"
    );
    if terms.annual_rate_percent.is_zero() {
        assert!(plan.interest.is_zero(), "{ctx}");
    }
    if terms.roll == Roll::None {
        assert_eq!(rows[0].due_date, terms.first_due, "{ctx}");
    }
}

fn payments(u: &mut Unstructured, plan: &Plan) -> Result<Vec<PlanPayment>> {
    let first = plan.installments[0].due_date;
    let last = plan.installments[plan.installments.len() - 1].due_date;
    let span = (last - first).num_days().clamp(0, 4000);
    let mut out = Vec::new();
    for _ in 0..u.int_in_range(0..=6)? {
        let date = build::near_date(u, first, -30, span + 60)?;
        let amount = match u.int_in_range(0..=7)? {
            0 => build::amount(u, plan.currency, None)?,
            1 => build::decimal(u)?,
            2 => plan.total,
            _ => {
                let k = u.int_in_range(0..=plan.installments.len() - 1)?;
                plan.installments[k].amount
            }
        };
        out.push(PlanPayment::new(date, amount));
    }
    Ok(out)
}

fn policy(u: &mut Unstructured) -> Result<DefaultPolicy> {
    Ok(DefaultPolicy {
        missed_installments: if u.arbitrary()? {
            Some(u.int_in_range(0..=4)?)
        } else {
            None
        },
        days_past_due: if u.arbitrary()? {
            Some(u.int_in_range(0..=120)?)
        } else {
            None
        },
        accelerate: u.arbitrary()?,
    })
}

fn check_status(u: &mut Unstructured, plan: &Plan) -> Result<()> {
    let payments = payments(u, plan)?;
    let policy = policy(u)?;
    let first = plan.installments[0].due_date;
    let as_of = build::near_date(u, first, -30, 800)?;
    let later = build::near_date(u, as_of, 0, 400)?;
    let Ok(s) = plan_status(plan, &payments, as_of, &policy) else {
        return Ok(());
    };
    let ctx = build::Lazy(|| format!("{plan:?} {payments:?} {as_of} {policy:?}: {s:?}"));
    let total = plan.total;
    assert_eq!(s.as_of, as_of, "{ctx}");
    assert_eq!(
        s.paid + s.outstanding,
        total,
        "paid + outstanding != total: {ctx}"
    );
    let received = payments
        .iter()
        .filter(|p| p.date <= as_of)
        .try_fold(Decimal::ZERO, |sum, p| sum.checked_add(p.amount));
    if let Some(received) = received {
        assert_eq!(s.paid + s.unapplied, received, "{ctx}");
    }
    assert!(
        s.paid >= Decimal::ZERO && s.unapplied >= Decimal::ZERO,
        "{ctx}"
    );
    assert!(s.outstanding >= Decimal::ZERO, "{ctx}");
    assert!(s.unapplied.is_zero() || s.outstanding.is_zero(), "{ctx}");
    assert!(Decimal::ZERO <= s.overdue, "{ctx}");
    assert!(
        s.overdue <= s.amount_due && s.amount_due <= s.outstanding,
        "{ctx}"
    );
    assert_eq!(s.installments.len(), plan.installments.len(), "{ctx}");
    let (mut paid, mut open, mut overdue, mut due, mut missed) = (
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        Decimal::ZERO,
        0u32,
    );
    let mut oldest = None;
    for (row, inst) in s.installments.iter().zip(&plan.installments) {
        assert_eq!(row.amount, inst.amount, "{ctx}");
        assert_eq!(row.due_date, inst.due_date, "{ctx}");
        assert_eq!(row.paid + row.open, row.amount, "{ctx}");
        assert!(
            row.paid >= Decimal::ZERO && row.open >= Decimal::ZERO,
            "{ctx}"
        );
        paid += row.paid;
        open += row.open;
        match row.state {
            InstallmentState::Paid => {
                assert!(row.open.is_zero(), "{ctx}");
                let on = row
                    .paid_on
                    .unwrap_or_else(|| panic!("paid, but when? {ctx}"));
                assert!(on <= as_of, "{ctx}");
                assert_eq!(
                    i64::from(row.days_late),
                    (on - row.due_date).num_days().max(0),
                    "{ctx}"
                );
            }
            InstallmentState::Overdue => {
                assert!(row.open > Decimal::ZERO && row.due_date < as_of, "{ctx}");
                overdue += row.open;
                due += row.open;
                missed += 1;
                oldest.get_or_insert(row.due_date);
                assert_eq!(
                    i64::from(row.days_late),
                    (as_of - row.due_date).num_days(),
                    "{ctx}"
                );
            }
            InstallmentState::Upcoming => {
                assert!(row.open > Decimal::ZERO && row.due_date >= as_of, "{ctx}");
                assert!(!s.accelerated, "{ctx}");
            }
            InstallmentState::Accelerated => {
                assert!(row.open > Decimal::ZERO && row.due_date >= as_of, "{ctx}");
                assert!(s.accelerated, "{ctx}");
                due += row.open;
            }
        }
    }
    assert_eq!(paid, s.paid, "{ctx}");
    assert_eq!(open, s.outstanding, "{ctx}");
    assert_eq!(overdue, s.overdue, "{ctx}");
    assert_eq!(due, s.amount_due, "{ctx}");
    assert_eq!(missed, s.missed_installments, "{ctx}");
    assert_eq!(oldest, s.oldest_unpaid_due_date, "{ctx}");
    let days = oldest.map_or(0, |o| (as_of - o).num_days());
    assert_eq!(i64::from(s.days_past_due), days, "{ctx}");
    match s.state {
        PlanState::PaidOff => assert!(s.outstanding.is_zero(), "{ctx}"),
        PlanState::Defaulted => assert!(s.default_date.is_some(), "{ctx}"),
        PlanState::InArrears => assert!(missed > 0 && s.default_date.is_none(), "{ctx}"),
        PlanState::Current => assert!(missed == 0 && s.default_date.is_none(), "{ctx}"),
    }
    if s.outstanding.is_zero() {
        assert_eq!(s.state, PlanState::PaidOff, "{ctx}");
    }
    if let Some(d) = s.default_date {
        assert!(d <= as_of, "{ctx}");
        assert!(
            policy.missed_installments.is_some() || policy.days_past_due.is_some(),
            "{ctx}"
        );
    }
    assert_eq!(
        s.accelerated,
        policy.accelerate && s.default_date.is_some() && !s.outstanding.is_zero(),
        "{ctx}"
    );
    // default is final: a later date keeps the same default date
    if let Ok(t) = plan_status(plan, &payments, later, &policy) {
        if s.default_date.is_some() {
            assert_eq!(t.default_date, s.default_date, "{later}: {t:?}; {ctx}");
        }
        assert!(t.paid >= s.paid, "{later}: {t:?}; {ctx}");
    }
    Ok(())
}

fn run(u: &mut Unstructured) -> Result<()> {
    let currency = build::currency(u)?;
    let amount = match u.int_in_range(0..=7)? {
        0 => build::decimal(u)?,
        1 => Decimal::from(u.int_in_range(0..=30)?),
        _ => build::amount(u, currency, None)?.abs(),
    };
    let plan = if u.arbitrary()? {
        let terms = plan_terms(u, currency)?;
        let Ok(plan) = installment_plan(amount, currency, &terms) else {
            return Ok(());
        };
        let ctx = build::Lazy(|| format!("{amount} {currency} {terms:?}: {plan:?}"));
        check_plan(&plan, amount, currency, &ctx);
        check_split(&plan, &terms, &ctx);
        plan
    } else {
        let terms = amortized_terms(u)?;
        let Ok(plan) = amortized_plan(amount, currency, &terms) else {
            return Ok(());
        };
        let ctx = build::Lazy(|| format!("{amount} {currency} {terms:?}: {plan:?}"));
        check_plan(&plan, amount, currency, &ctx);
        check_amortized(&plan, &terms, &ctx);
        plan
    };
    for _ in 0..3 {
        check_status(u, &plan)?;
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = run(&mut u);
});
