//! Property tests of installment plans, amortized plans, plan status and rescheduling.
//!
//! Each property states its invariant in words first. Cases are kept at proptest's default
//! (256 per property) except where a property is slow.

use ar_core::allocation::ResidualPolicy;
use ar_core::calendar::Roll;
use ar_core::documents::{Document, DocumentKind, ScheduledItem};
use ar_core::installments::{
    amortized_plan, installment_plan, plan_status, reschedule, AmortizedTerms, DefaultPolicy,
    DownPayment, DueDates, Frequency, InstallmentKind, InstallmentState, Plan, PlanPayment,
    PlanSpec, PlanState, PlanTerms, RescheduleRequest,
};
use ar_core::ledger::{Account, AccountConfig, Event, EventBody};
use ar_core::money::{Currency, RoundingMode};
use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Strategies and helpers

fn currency() -> impl Strategy<Value = Currency> {
    select(vec!["EUR", "USD", "JPY", "KWD", "BHD", "CHF"])
        .prop_map(|c| Currency::from_code(c).unwrap())
}

fn frequency() -> impl Strategy<Value = Frequency> {
    select(vec![
        Frequency::Weekly,
        Frequency::Biweekly,
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::Semiannually,
        Frequency::Annually,
    ])
}

fn mode() -> impl Strategy<Value = RoundingMode> {
    select(vec![
        RoundingMode::HalfUp,
        RoundingMode::HalfEven,
        RoundingMode::Down,
        RoundingMode::Up,
    ])
}

fn residual() -> impl Strategy<Value = ResidualPolicy> {
    select(vec![
        ResidualPolicy::First,
        ResidualPolicy::Last,
        ResidualPolicy::LargestRemainder,
    ])
}

/// A date between 1990 and 2060, month ends over-represented.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (1990i32..2060, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap()),
        (1990i32..2060, 1u32..=12).prop_map(|(y, m)| last_day(y, m)),
    ]
}

fn last_day(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .unwrap()
        .pred_opt()
        .unwrap()
}

/// An amount in whole minor units of `currency`, from one unit to a billion units.
fn amount_in(currency: Currency, units: i64) -> Decimal {
    Decimal::new(units, currency.minor_units().unwrap())
}

/// The expected date of installment `k` from `anchor`, computed here independently of the
/// crate: whole weeks, or months with the day clamped to the month's length.
fn expected_date(anchor: NaiveDate, frequency: Frequency, k: u32) -> NaiveDate {
    let months = match frequency {
        Frequency::Weekly => return anchor + Days::new(7 * u64::from(k)),
        Frequency::Biweekly => return anchor + Days::new(14 * u64::from(k)),
        Frequency::Monthly => k,
        Frequency::Quarterly => 3 * k,
        Frequency::Semiannually => 6 * k,
        Frequency::Annually => 12 * k,
    };
    let index = anchor.year() * 12 + anchor.month0() as i32 + months as i32;
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    let day = anchor.day().min(last_day(y, m).day());
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn is_rounded(x: Decimal, currency: Currency) -> bool {
    let unit = currency.minor_unit().unwrap();
    (x % unit).is_zero() && x.scale() == currency.minor_units().unwrap()
}

/// Checks what every plan must satisfy; returns a description of the first violation.
fn check_plan(plan: &Plan, financed: Decimal) -> Result<(), String> {
    let c = plan.currency;
    let sum_amount: Decimal = plan.installments.iter().map(|i| i.amount).sum();
    let sum_principal: Decimal = plan.installments.iter().map(|i| i.principal).sum();
    let sum_interest: Decimal = plan.installments.iter().map(|i| i.interest).sum();
    if sum_principal != financed || plan.principal != financed {
        return Err(format!(
            "principal parts sum to {sum_principal}, not {financed}"
        ));
    }
    if sum_amount != plan.total || plan.total != plan.principal + plan.interest {
        return Err(format!("amounts sum to {sum_amount}, total {}", plan.total));
    }
    if sum_interest != plan.interest {
        return Err("interest parts do not sum to the interest".into());
    }
    let mut balance = financed;
    for (k, i) in plan.installments.iter().enumerate() {
        if i.installment as usize != k {
            return Err(format!("row {k} numbered {}", i.installment));
        }
        if i.amount <= Decimal::ZERO || i.interest < Decimal::ZERO || i.principal < Decimal::ZERO {
            return Err(format!("row {k}: non-positive amount or negative part"));
        }
        if i.amount != i.principal + i.interest {
            return Err(format!("row {k}: amount is not principal + interest"));
        }
        for x in [i.amount, i.principal, i.interest, i.balance_after] {
            if !is_rounded(x, c) {
                return Err(format!("row {k}: `{x}` not in the currency's minor units"));
            }
        }
        balance -= i.principal;
        if i.balance_after != balance {
            return Err(format!(
                "row {k}: balance_after {} != {balance}",
                i.balance_after
            ));
        }
        if k > 0 && i.due_date <= plan.installments[k - 1].due_date {
            return Err(format!("row {k}: date not after the previous one"));
        }
    }
    if !balance.is_zero() {
        return Err(format!("the last balance is {balance}"));
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum DownChoice {
    None,
    Amount(i64),
    Percent(Decimal),
}

fn down_choice() -> impl Strategy<Value = DownChoice> {
    prop_oneof![
        2 => Just(DownChoice::None),
        1 => (1i64..1_000_000).prop_map(DownChoice::Amount),
        1 => (1i64..10_000, 0u32..=2).prop_map(|(m, s)| DownChoice::Percent(Decimal::new(m, s) % Decimal::ONE_HUNDRED)),
    ]
}

fn weights(n: usize) -> impl Strategy<Value = Vec<Decimal>> {
    prop_oneof![
        Just(Vec::new()),
        prop::collection::vec(
            (1i64..1000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
            n..=n
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Split plans

proptest! {
    // installments always sum exactly to the amount (every frequency, weights, down payment,
    // rounding mode, residual policy and currency); each is positive, in minor units; dates
    // strictly increase and every periodic date equals anchor + k periods, month-end clamped
    #[test]
    fn split_plans_sum_exactly_and_dates_come_from_the_anchor(
        c in currency(),
        units in 1i64..1_000_000_000,
        f in frequency(),
        anchor in date(),
        (n, w) in (1usize..=40).prop_flat_map(|n| (Just(n), weights(n))),
        down in down_choice(),
        m in mode(),
        r in residual(),
    ) {
        let amount = amount_in(c, units);
        let mut terms = PlanTerms::new(DueDates::periodic(f, anchor, n as u32));
        terms.weights = w;
        terms.rounding = m;
        terms.residual = r;
        let dp_date = anchor.pred_opt().unwrap();
        terms.down_payment = match down {
            DownChoice::None => None,
            DownChoice::Amount(u) => Some(DownPayment::Amount { amount: amount_in(c, u), due_date: dp_date }),
            DownChoice::Percent(p) => Some(DownPayment::Percent { percent: p, due_date: dp_date }),
        };
        match installment_plan(amount, c, &terms) {
            Ok(plan) => {
                prop_assert_eq!(check_plan(&plan, amount), Ok(()));
                let regular: Vec<_> = plan.installments.iter().filter(|i| i.kind == InstallmentKind::Regular).collect();
                prop_assert_eq!(regular.len(), n);
                for (k, i) in regular.iter().enumerate() {
                    prop_assert_eq!(i.due_date, expected_date(anchor, f, k as u32));
                }
                prop_assert_eq!(plan.installments.len() - n, usize::from(terms.down_payment.is_some()));
            }
            Err(e) => {
                // only inputs that cannot give a valid plan are refused
                prop_assert!(
                    ["plan_amount_too_small", "invalid_down_payment"].contains(&e.kind()),
                    "unexpected {}: {}", e.kind(), e
                );
            }
        }
    }

    // custom dates are kept (and rolled dates never collide silently): the plan either has
    // exactly the given (rolled) dates in order, or is refused with a typed error
    #[test]
    fn custom_dates_sum_exactly(
        c in currency(),
        units in 1i64..1_000_000_000,
        start in date(),
        gaps in prop::collection::vec(1u64..60, 1..20),
        roll in select(vec![Roll::None, Roll::Following, Roll::ModifiedFollowing, Roll::Preceding]),
    ) {
        let mut dates = vec![start];
        for g in &gaps[1..] {
            let next = *dates.last().unwrap() + Days::new(*g);
            dates.push(next);
        }
        let mut terms = PlanTerms::new(DueDates::custom(dates.clone()));
        terms.roll = roll;
        let amount = amount_in(c, units);
        match installment_plan(amount, c, &terms) {
            Ok(plan) => {
                prop_assert_eq!(check_plan(&plan, amount), Ok(()));
                if roll == Roll::None {
                    let got: Vec<NaiveDate> = plan.installments.iter().map(|i| i.due_date).collect();
                    prop_assert_eq!(got, dates);
                }
            }
            Err(e) => prop_assert!(
                ["plan_amount_too_small", "plan_dates_not_increasing"].contains(&e.kind()),
                "unexpected {}: {}", e.kind(), e
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Amortized plans

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    // the principal parts sum exactly to the principal, interest is never negative, every
    // installment but the last is the level payment, and the dates come from the anchor
    #[test]
    fn amortized_principal_parts_sum_to_the_principal(
        c in currency(),
        units in 1i64..10_000_000_000,
        rate in (0i64..=30_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s) % Decimal::from(40)),
        f in frequency(),
        anchor in date(),
        n in 1u32..=360,
    ) {
        let principal = amount_in(c, units);
        let terms = AmortizedTerms {
            annual_rate_percent: rate,
            frequency: f,
            first_due: anchor,
            count: n,
            roll: Roll::None,
            calendar: None,
        };
        match amortized_plan(principal, c, &terms) {
            Ok(plan) => {
                prop_assert_eq!(check_plan(&plan, principal), Ok(()));
                let payment = plan.payment.unwrap();
                let rows = &plan.installments;
                prop_assert_eq!(rows.len(), n as usize);
                for (k, i) in rows.iter().enumerate() {
                    prop_assert_eq!(i.due_date, expected_date(anchor, f, k as u32));
                    if k + 1 < rows.len() {
                        prop_assert_eq!(i.amount, payment);
                    }
                }
                // interest falls as the balance falls
                for pair in rows.windows(2) {
                    prop_assert!(pair[1].interest <= pair[0].interest);
                }
                if rate.is_zero() {
                    prop_assert!(plan.interest.is_zero());
                }
            }
            Err(e) => prop_assert!(
                ["plan_amount_too_small"].contains(&e.kind()),
                "unexpected {}: {}", e.kind(), e
            ),
        }
    }

    // at a zero rate, the annuity is the equal split with the residual on the last installment
    #[test]
    fn zero_rate_is_the_equal_split(
        c in currency(),
        units in 1i64..1_000_000_000,
        f in frequency(),
        anchor in date(),
        n in 1u32..=60,
    ) {
        let amount = amount_in(c, units);
        let a = amortized_plan(amount, c, &AmortizedTerms {
            annual_rate_percent: Decimal::ZERO, frequency: f, first_due: anchor, count: n,
            roll: Roll::None, calendar: None,
        });
        let mut t = PlanTerms::new(DueDates::periodic(f, anchor, n));
        t.residual = ResidualPolicy::Last;
        let s = installment_plan(amount, c, &t);
        match (a, s) {
            (Ok(a), Ok(s)) => {
                let amounts = |p: &Plan| p.installments.iter().map(|i| (i.due_date, i.amount)).collect::<Vec<_>>();
                prop_assert_eq!(amounts(&a), amounts(&s));
            }
            (Err(a), Err(s)) => prop_assert_eq!(a.kind(), s.kind()),
            (a, s) => prop_assert!(false, "one failed: {:?} / {:?}", a.err(), s.err()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// No panics

proptest! {
    // no input makes plan generation panic: it returns a plan or a typed error
    #[test]
    fn plan_generation_never_panics(
        amount in prop_oneof![
            (-1_000_000i64..1_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
            Just(Decimal::MAX), Just(Decimal::MIN),
            (1i128..(1i128 << 95), 0u32..=3).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s)),
        ],
        code in select(vec!["EUR", "JPY", "KWD", "XAU"]),
        count in prop_oneof![0u32..=30, Just(10_000u32), Just(10_001u32), Just(u32::MAX)],
        f in frequency(),
        first in prop_oneof![date(), Just(NaiveDate::MAX), Just(NaiveDate::MIN)],
        rate in prop_oneof![
            (-100i64..100_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
            Just(Decimal::MAX),
        ],
        w in prop::collection::vec((-5i64..1_000_000_000_000, 0u32..=12).prop_map(|(m, s)| Decimal::new(m, s)), 0..4),
        pct in (-200i64..20_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
    ) {
        let c = Currency::from_code(code).unwrap();
        let count = if count > 60 && count != 10_000 { count } else { count.min(60) };
        let mut terms = PlanTerms::new(DueDates::periodic(f, first, count));
        terms.weights = w;
        terms.down_payment = Some(DownPayment::Percent { percent: pct, due_date: first });
        let _ = installment_plan(amount, c, &terms);
        terms.down_payment = None;
        let _ = installment_plan(amount, c, &terms);
        let _ = amortized_plan(amount, c, &AmortizedTerms {
            annual_rate_percent: rate, frequency: f, first_due: first, count: count.min(400),
            roll: Roll::Following, calendar: None,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Status

/// The first day on which the policy was met, by scanning every day (the reference for the
/// candidate-day search of `plan_status`).
fn brute_force_default(
    plan: &Plan,
    payments: &[PlanPayment],
    as_of: NaiveDate,
    policy: &DefaultPolicy,
) -> Option<NaiveDate> {
    let first = plan.installments[0].due_date;
    let mut d = first.succ_opt()?;
    while d <= as_of {
        let paid: Decimal = payments
            .iter()
            .filter(|p| p.date <= d)
            .map(|p| p.amount)
            .sum();
        let mut cum = Decimal::ZERO;
        let mut missed = 0u32;
        let mut oldest = None;
        for i in &plan.installments {
            cum += i.amount;
            if i.due_date < d && cum > paid {
                missed += 1;
                oldest.get_or_insert(i.due_date);
            }
        }
        let by_count = policy.missed_installments.is_some_and(|k| missed >= k);
        let by_days = match (policy.days_past_due, oldest) {
            (Some(m), Some(o)) => (d - o).num_days() >= i64::from(m),
            _ => false,
        };
        if by_count || by_days {
            return Some(d);
        }
        d = d.succ_opt()?;
    }
    None
}

fn payments_strategy(start: NaiveDate) -> impl Strategy<Value = Vec<PlanPayment>> {
    prop::collection::vec(
        (0u64..400, 0i64..40_000).prop_map(move |(off, cents)| {
            PlanPayment::new(start + Days::new(off), Decimal::new(cents, 2))
        }),
        0..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    // payments are applied oldest first and add up: paid + outstanding = total, paid +
    // unapplied = the payments up to as_of, each installment's paid + open = its amount; the
    // default date is the first day the policy is met, as a day-by-day scan finds it
    #[test]
    fn status_is_consistent_and_default_date_matches_a_daily_scan(
        (anchor, payments) in date().prop_flat_map(|a| (Just(a), payments_strategy(a - Days::new(20)))),
        n in 1u32..=8,
        f in select(vec![Frequency::Weekly, Frequency::Monthly, Frequency::Biweekly]),
        units in 100i64..500_000,
        as_of_offset in 0u64..420,
        k in prop::option::of(1u32..4),
        m in prop::option::of(1u32..90),
        accelerate in any::<bool>(),
    ) {
        let eur = Currency::from_code("EUR").unwrap();
        let plan = installment_plan(Decimal::new(units, 2), eur,
            &PlanTerms::new(DueDates::periodic(f, anchor, n))).unwrap();
        let as_of = anchor - Days::new(10) + Days::new(as_of_offset);
        let policy = DefaultPolicy { missed_installments: k, days_past_due: m, accelerate };
        let s = plan_status(&plan, &payments, as_of, &policy).unwrap();

        let received: Decimal = payments.iter().filter(|p| p.date <= as_of).map(|p| p.amount).sum();
        prop_assert_eq!(s.paid + s.outstanding, plan.total);
        prop_assert_eq!(s.paid + s.unapplied, received);
        let paid_rows: Decimal = s.installments.iter().map(|i| i.paid).sum();
        prop_assert_eq!(paid_rows, s.paid);
        for (row, inst) in s.installments.iter().zip(&plan.installments) {
            prop_assert_eq!(row.paid + row.open, inst.amount);
            prop_assert_eq!(row.state == InstallmentState::Paid, row.open.is_zero());
        }
        // oldest first: no row is paid (even partly) while an earlier one is open
        let first_open = s.installments.iter().position(|r| !r.open.is_zero());
        if let Some(i) = first_open {
            prop_assert!(s.installments[i + 1..].iter().all(|r| r.paid.is_zero()));
        }
        let expected_default = brute_force_default(&plan, &payments, as_of, &policy);
        prop_assert_eq!(s.default_date, expected_default);
        let overdue: Decimal = s.installments.iter().filter(|r| r.due_date < as_of).map(|r| r.open).sum();
        prop_assert_eq!(s.overdue, overdue);
        if s.accelerated {
            prop_assert_eq!(s.amount_due, s.outstanding);
        } else {
            prop_assert_eq!(s.amount_due, s.overdue);
        }
        let expected_state = if s.outstanding.is_zero() {
            PlanState::PaidOff
        } else if expected_default.is_some() {
            PlanState::Defaulted
        } else if s.overdue > Decimal::ZERO {
            PlanState::InArrears
        } else {
            PlanState::Current
        };
        prop_assert_eq!(s.state, expected_state);
    }
}

// ---------------------------------------------------------------------------------------------
// Rescheduling

fn invoice(id: &str, date: NaiveDate, due: NaiveDate, cents: i64) -> Document {
    let amount = Decimal::new(cents, 2);
    Document {
        id: id.into(),
        kind: DocumentKind::Invoice,
        customer: "ACME".into(),
        date,
        currency: Currency::from_code("EUR").unwrap(),
        total: amount,
        installments: vec![ScheduledItem {
            due_date: due,
            amount,
            discounts: Vec::new(),
        }],
        terms: None,
        against: None,
        revision_of: None,
        charge_for: None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    // rescheduling into a split plan leaves the balance unchanged, closes exactly the overdue
    // items, and the plan document's open items are the plan's installments
    #[test]
    fn rescheduling_keeps_the_balance_and_closes_the_overdue_items(
        docs in prop::collection::vec((0u64..120, 0u64..90, 1i64..100_000), 1..8),
        paid in 0i64..200_000,
        as_of_offset in 0u64..240,
        n in 1u32..=6,
    ) {
        let eur = Currency::from_code("EUR").unwrap();
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut events = Vec::new();
        for (i, (issued, terms, cents)) in docs.iter().enumerate() {
            let date = start + Days::new(*issued);
            let doc = invoice(&format!("INV-{i}"), date, date + Days::new(*terms), *cents);
            events.push(Event::new(&format!("e{i}"), date, EventBody::DocumentIssued { document: doc }));
        }
        events.sort_by_key(|e| e.date);
        let as_of = start + Days::new(as_of_offset);
        if paid > 0 {
            events.push(Event::new("pay", as_of, EventBody::payment("P-1", Decimal::new(paid, 2), eur)));
        }
        let account = Account::replay(AccountConfig::new("ACME", eur), &events, as_of).unwrap();
        let request = RescheduleRequest {
            plan_document: "PLAN".into(),
            credit_note: "RS".into(),
            items: None,
            plan: PlanSpec::Split { terms: PlanTerms::new(DueDates::periodic(Frequency::Monthly, as_of, n)) },
        };
        match reschedule(&account, as_of, &request) {
            Ok(done) => {
                let overdue: Decimal = account.open_items().iter()
                    .filter(|i| i.due_date < as_of && i.open > Decimal::ZERO)
                    .map(|i| i.open).sum();
                prop_assert_eq!(done.total, overdue);
                prop_assert_eq!(done.plan.total, overdue);
                let mut after = account.clone();
                for e in &done.events {
                    after.apply(e).unwrap();
                }
                prop_assert_eq!(after.balance().unwrap(), account.balance().unwrap());
                let still_overdue = after.open_items().iter()
                    .any(|i| i.due_date < as_of && i.open > Decimal::ZERO);
                prop_assert!(!still_overdue);
                let plan_items: Vec<(NaiveDate, Decimal)> = after.open_items().iter()
                    .filter(|i| i.document == "PLAN").map(|i| (i.due_date, i.open)).collect();
                let expected: Vec<(NaiveDate, Decimal)> = done.plan.installments.iter()
                    .map(|i| (i.due_date, i.amount)).collect();
                prop_assert_eq!(plan_items, expected);
            }
            Err(e) => prop_assert!(
                ["nothing_to_reschedule", "plan_amount_too_small"].contains(&e.kind()),
                "unexpected {}: {}", e.kind(), e
            ),
        }
    }
}
