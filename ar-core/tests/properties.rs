//! Property tests of the notation, the allocation and the schedule.
//!
//! Each property states its invariant in words first. Cases are kept at proptest's default
//! (256 per property) so the whole file runs in a few seconds.

use ar_core::allocation::{split, Part, ResidualPolicy, SplitOptions};
use ar_core::calendar::{BusinessCalendar, Roll};
use ar_core::money::{Currency, Rounding, RoundingMode};
use ar_core::notation::{parse, print};
use ar_core::terms::{
    schedule, DateBasis, DateStep, DiscountTier, DiscountValue, ScheduleOptions, TermLine, Terms,
};
use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

// ---------------------------------------------------------------------------------------------
// Strategies

const MAX_MANTISSA: i128 = (1i128 << 96) - 1;

/// Any decimal: mostly small amounts with 0..=4 places, sometimes the full 96-bit range and
/// 0..=28 places (negative zero included).
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => (-1_000_000i64..1_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => (-MAX_MANTISSA..=MAX_MANTISSA, 0u32..=28, any::<bool>()).prop_map(|(m, s, neg)| {
            let mut d = Decimal::from_i128_with_scale(m, s);
            if neg && d.is_zero() {
                d.set_sign_negative(true);
            }
            d
        }),
    ]
}

fn weekday() -> impl Strategy<Value = Weekday> {
    select(vec![
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ])
}

/// Every kind of step, with valid fields (day 0..=31, month 1..=12, cutoff -30..=31).
fn valid_step() -> impl Strategy<Value = DateStep> {
    prop_oneof![
        any::<i32>().prop_map(|days| DateStep::Days { days }),
        any::<i32>().prop_map(|months| DateStep::Months { months }),
        Just(DateStep::EndOfMonth),
        (0u8..=31).prop_map(|day| DateStep::DayOfMonth { day }),
        (1u8..=12).prop_map(|month| DateStep::Month { month }),
        weekday().prop_map(|weekday| DateStep::NextWeekday { weekday }),
        (0u8..=31, -30i8..=31).prop_map(|(day, cutoff)| DateStep::Proximo { day, cutoff }),
    ]
}

fn valid_steps() -> impl Strategy<Value = Vec<DateStep>> {
    prop::collection::vec(valid_step(), 0..4)
}

/// Step lists, biased toward the shapes that have friendly forms.
fn due_steps() -> impl Strategy<Value = Vec<DateStep>> {
    prop_oneof![
        Just(vec![]),
        (0i32..=i32::MAX).prop_map(|days| vec![DateStep::Days { days }]),
        any::<i32>().prop_map(|days| vec![DateStep::EndOfMonth, DateStep::Days { days }]),
        Just(vec![DateStep::EndOfMonth]),
        (0u8..=31, -30i8..=31).prop_map(|(day, cutoff)| vec![DateStep::Proximo { day, cutoff }]),
        valid_steps(),
    ]
}

fn tier() -> impl Strategy<Value = DiscountTier> {
    let value = prop_oneof![
        3 => any_decimal().prop_map(|percent| DiscountValue::Percent { percent }),
        1 => any_decimal().prop_map(|amount| DiscountValue::Fixed { amount }),
    ];
    let deadline = prop_oneof![
        (0i32..=i32::MAX).prop_map(|days| vec![DateStep::Days { days }]),
        (0i32..=i32::MAX).prop_map(|days| vec![DateStep::EndOfMonth, DateStep::Days { days }]),
        valid_steps(),
    ];
    (value, deadline).prop_map(|(value, deadline)| DiscountTier { value, deadline })
}

/// Every kind of part, with a positive denominator for fractions.
fn part() -> impl Strategy<Value = Part> {
    prop_oneof![
        any_decimal().prop_map(Part::percent),
        any_decimal().prop_map(Part::percent_of_remainder),
        (any::<u32>(), 1u32..=u32::MAX).prop_map(|(n, d)| Part::fraction(n, d)),
        (1u32..=4, 1u32..=4).prop_map(|(n, d)| Part::fraction(n, d)),
        any_decimal().prop_map(Part::fixed),
        Just(Part::Balance),
    ]
}

fn line() -> impl Strategy<Value = TermLine> {
    (part(), due_steps(), prop::collection::vec(tier(), 0..3)).prop_map(
        |(portion, due, discounts)| TermLine {
            portion,
            due,
            discounts,
        },
    )
}

fn rounding_mode() -> impl Strategy<Value = RoundingMode> {
    select(vec![
        RoundingMode::HalfUp,
        RoundingMode::HalfEven,
        RoundingMode::Down,
        RoundingMode::Up,
    ])
}

fn residual_policy() -> impl Strategy<Value = ResidualPolicy> {
    select(vec![
        ResidualPolicy::Last,
        ResidualPolicy::First,
        ResidualPolicy::LargestRemainder,
    ])
}

fn roll() -> impl Strategy<Value = Roll> {
    select(vec![
        Roll::None,
        Roll::Following,
        Roll::ModifiedFollowing,
        Roll::Preceding,
        Roll::ModifiedPreceding,
    ])
}

fn basis() -> impl Strategy<Value = DateBasis> {
    select(vec![
        DateBasis::Document,
        DateBasis::Delivery,
        DateBasis::Receipt,
        DateBasis::Given,
    ])
}

fn with_options(lines: impl Strategy<Value = Vec<TermLine>>) -> impl Strategy<Value = Terms> {
    (lines, rounding_mode(), residual_policy(), roll(), basis()).prop_map(
        |(lines, rounding, residual, roll, basis)| Terms {
            lines,
            rounding,
            residual,
            roll,
            basis,
        },
    )
}

/// Any valid terms: general lines, single balance lines, and installment lists.
fn valid_terms() -> impl Strategy<Value = Terms> {
    let installments = prop::collection::vec(0i32..=i32::MAX, 2..6).prop_map(|days| {
        let n = days.len() as u32;
        days.into_iter()
            .map(|d| TermLine::new(Part::fraction(1, n), vec![DateStep::Days { days: d }]))
            .collect::<Vec<_>>()
    });
    let single = (due_steps(), prop::collection::vec(tier(), 0..3)).prop_map(|(due, discounts)| {
        vec![TermLine {
            portion: Part::Balance,
            due,
            discounts,
        }]
    });
    with_options(prop_oneof![
        installments,
        single,
        prop::collection::vec(line(), 1..5),
    ])
}

// ---------------------------------------------------------------------------------------------
// Canonical friendly strings, written from docs/notation.md independently of the printer

fn ordinal(day: u8) -> String {
    let suffix = match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    format!("{day}{suffix}")
}

/// A canonical decimal: no leading zeros, optional places (trailing zeros kept: `1.50`).
fn decimal_text(signed: bool) -> impl Strategy<Value = String> {
    (any::<bool>(), 0u64..1000, prop::option::of("[0-9]{1,3}")).prop_map(move |(neg, int, frac)| {
        let sign = if signed && neg { "-" } else { "" };
        match frac {
            Some(f) => format!("{sign}{int}.{f}"),
            None => format!("{sign}{int}"),
        }
    })
}

fn days_text() -> impl Strategy<Value = String> {
    prop_oneof![0u32..400, 0u32..=(i32::MAX as u32)].prop_map(|d| d.to_string())
}

/// `P/N` or `P/N EOM`, with whether it is EOM-dated.
fn friendly_tier_text() -> impl Strategy<Value = (String, bool)> {
    (decimal_text(false), days_text(), any::<bool>()).prop_map(|(p, n, eom)| {
        if eom {
            (format!("{p}/{n} EOM"), true)
        } else {
            (format!("{p}/{n}"), false)
        }
    })
}

/// A friendly due part. `Net N EOM` is not canonical after tiers that are all EOM-dated
/// (there `Net N` already means end of month + N).
fn friendly_due_text(all_eom_tiers: bool) -> BoxedStrategy<String> {
    let mut forms: Vec<BoxedStrategy<String>> = vec![
        Just("Due on receipt".to_string()).boxed(),
        days_text().prop_map(|n| format!("Net {n}")).boxed(),
        Just("EOM".to_string()).boxed(),
        (1u8..=31)
            .prop_map(|d| format!("{} Prox", ordinal(d)))
            .boxed(),
        (1u8..=31, -30i8..=31)
            .prop_filter("cutoff 0 is not printed", |(_, c)| *c != 0)
            .prop_map(|(d, c)| format!("{} Prox cutoff {c}", ordinal(d)))
            .boxed(),
    ];
    if !all_eom_tiers {
        forms.push(days_text().prop_map(|n| format!("Net {n} EOM")).boxed());
    }
    proptest::strategy::Union::new(forms).boxed()
}

fn friendly_body_text() -> impl Strategy<Value = String> {
    prop::collection::vec(friendly_tier_text(), 0..3).prop_flat_map(|tiers| {
        let all_eom = !tiers.is_empty() && tiers.iter().all(|(_, eom)| *eom);
        let prefix = if tiers.is_empty() {
            String::new()
        } else {
            let joined: Vec<String> = tiers.into_iter().map(|(t, _)| t).collect();
            format!("{} ", joined.join(", "))
        };
        friendly_due_text(all_eom).prop_map(move |due| format!("{prefix}{due}"))
    })
}

fn portion_text() -> impl Strategy<Value = String> {
    prop_oneof![
        decimal_text(true).prop_map(|p| format!("{p}%")),
        decimal_text(true).prop_map(|p| format!("{p}% of remainder")),
        (0u32..10, 1u32..10).prop_map(|(n, d)| format!("{n}/{d}")),
        decimal_text(true),
        Just("balance".to_string()),
    ]
}

fn options_text() -> impl Strategy<Value = String> {
    // only non-default values, in the order rounding, residual, roll, basis
    (
        prop::option::of(select(vec!["half_even", "down", "up"])),
        prop::option::of(select(vec!["first", "largest_remainder"])),
        prop::option::of(select(vec![
            "following",
            "modified_following",
            "preceding",
            "modified_preceding",
        ])),
        prop::option::of(select(vec!["delivery", "receipt", "given"])),
    )
        .prop_map(|(rounding, residual, roll, basis)| {
            let mut parts = Vec::new();
            for (key, value) in [
                ("rounding", rounding),
                ("residual", residual),
                ("roll", roll),
                ("basis", basis),
            ] {
                if let Some(v) = value {
                    parts.push(format!("{key} {v}"));
                }
            }
            if parts.is_empty() {
                String::new()
            } else {
                format!(" {{{}}}", parts.join(", "))
            }
        })
}

/// Canonical strings: a friendly single line, an installment list, or lines with portions
/// (a single line only when its portion is not `balance`; never all `1/N: Net D` lines,
/// which print as an installment list).
fn canonical_text() -> impl Strategy<Value = String> {
    let single = friendly_body_text();
    let installments = prop::collection::vec(days_text(), 2..5).prop_map(|d| d.join("/"));
    let general = prop::collection::vec((portion_text(), friendly_body_text()), 1..4)
        .prop_filter("a lone balance line prints without its portion", |lines| {
            !(lines.len() == 1 && lines[0].0 == "balance")
        })
        .prop_filter(
            "1/N lines due Net D print as an installment list",
            |lines| {
                let n = format!("1/{}", lines.len());
                !(lines.len() >= 2
                    && lines.iter().all(|(p, body)| {
                        *p == n
                            && body
                                .strip_prefix("Net ")
                                .is_some_and(|d| d.bytes().all(|b| b.is_ascii_digit()))
                    }))
            },
        )
        .prop_map(|lines| {
            lines
                .into_iter()
                .map(|(p, body)| format!("{p}: {body}"))
                .collect::<Vec<_>>()
                .join("; ")
        });
    (prop_oneof![single, installments, general], options_text())
        .prop_map(|(body, options)| format!("{body}{options}"))
}

// ---------------------------------------------------------------------------------------------
// Money strategies

/// A currency with its cash increment (only CHF has one here, 0.05).
fn currency() -> impl Strategy<Value = (Currency, Option<Decimal>)> {
    select(vec![
        ("EUR", None),
        ("JPY", None),
        ("KWD", None),
        ("CHF", None),
        ("CHF", Some("0.05")),
    ])
    .prop_map(|(code, inc)| {
        (
            Currency::from_code(code).unwrap(),
            inc.map(|i| i.parse().unwrap()),
        )
    })
}

/// The rounding unit of a currency (the increment if there is one).
fn unit(currency: Currency, increment: Option<Decimal>) -> Decimal {
    increment.unwrap_or_else(|| currency.minor_unit().unwrap())
}

/// Positive percents with two places summing to exactly 100. (Zero parts are left out: with
/// residual `first` or `last`, a negative residual on a zero part is a negative part, which
/// split refuses unless allowed.)
fn percents_to_100() -> impl Strategy<Value = Vec<Part>> {
    prop::collection::vec(0u32..10_000, 0..6).prop_map(|mut cuts| {
        cuts.sort_unstable();
        cuts.dedup();
        cuts.retain(|c| *c > 0);
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(10_000);
        bounds
            .windows(2)
            .map(|w| Part::percent(Decimal::new(i64::from(w[1] - w[0]), 2)))
            .collect()
    })
}

/// Positive fractions k_i/n with the k_i summing to n.
fn fractions_to_1() -> impl Strategy<Value = Vec<Part>> {
    (1u32..=12).prop_flat_map(|n| {
        prop::collection::vec(0u32..n, 0..5).prop_map(move |mut cuts| {
            cuts.sort_unstable();
            cuts.dedup();
            cuts.retain(|c| *c > 0);
            let mut bounds = vec![0];
            bounds.extend(cuts);
            bounds.push(n);
            bounds
                .windows(2)
                .map(|w| Part::fraction(w[1] - w[0], n))
                .collect::<Vec<_>>()
        })
    })
}

/// Percents (of total or of remainder) and fixed amounts in units, then a balance part.
fn with_balance() -> impl Strategy<Value = Vec<(u8, u32)>> {
    prop::collection::vec((0u8..3, 0u32..5_000), 0..5)
}

fn to_parts(raw: &[(u8, u32)], unit: Decimal) -> Vec<Part> {
    let mut parts: Vec<Part> = raw
        .iter()
        .map(|&(kind, x)| match kind {
            0 => Part::percent(Decimal::new(i64::from(x), 2)),
            1 => Part::percent_of_remainder(Decimal::new(i64::from(x), 2)),
            _ => Part::fixed(unit * Decimal::from(x)),
        })
        .collect();
    parts.push(Part::Balance);
    parts
}

fn split_parts() -> impl Strategy<Value = (Vec<Part>, bool)> {
    // (parts, needs the balance part to take a possibly negative rest)
    prop_oneof![
        percents_to_100().prop_map(|p| (p, false)),
        fractions_to_1().prop_map(|p| (p, false)),
        with_balance().prop_map(|raw| (to_parts(&raw, Decimal::ONE), true)),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2200, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d)
            .or_else(|| NaiveDate::from_ymd_opt(y, m, 28))
            .unwrap()
    })
}

fn calendar() -> impl Strategy<Value = BusinessCalendar> {
    (
        prop::collection::vec(weekday(), 0..3),
        prop::collection::vec(date(), 0..5),
    )
        .prop_map(|(weekend, holidays)| BusinessCalendar::new(weekend, holidays))
}

/// A total that is a multiple of `unit`, up to a million units, either sign.
fn total_in_units() -> impl Strategy<Value = i64> {
    prop_oneof![-20i64..=20, -1_000_000i64..=1_000_000]
}

// ---------------------------------------------------------------------------------------------
// (a) notation

proptest! {
    // Printing any valid terms and parsing the text gives back the same terms, field for
    // field, decimals with the same scale (compared through Debug, which shows the scale).
    #[test]
    fn parse_of_print_is_identity(t in valid_terms()) {
        let text = print(&t);
        let back = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(&back, &t, "{}", text);
        prop_assert_eq!(format!("{back:?}"), format!("{t:?}"), "{}", text);
    }

    // A canonical string (friendly forms, installment lists, lines with portions, options in
    // canonical order) prints back exactly as written.
    #[test]
    fn print_of_parse_is_identity(s in canonical_text()) {
        let t = parse(&s).map_err(|e| TestCaseError::fail(format!("{s}: {e}")))?;
        prop_assert_eq!(print(&t), s);
    }

    // Parsing never panics, whatever the text; an error always points inside the input
    // (or at its end).
    #[test]
    fn parse_never_panics(s in "\\PC{0,40}", t in valid_terms()) {
        if let Err(ar_core::notation::NotationError::Syntax { position, .. }) = parse(&s) {
            prop_assert!(position <= s.len());
            prop_assert!(s.is_char_boundary(position));
        }
        // mangled printed terms: cut the canonical text at every char boundary
        let text = print(&t);
        for (i, _) in text.char_indices().step_by(3) {
            let _ = parse(&text[..i]);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// (b) allocation

proptest! {
    // The parts of a split always sum exactly to the total, and each part is a whole multiple
    // of the rounding unit (minor unit, or the 0.05 cash increment for CHF), for every
    // residual policy and rounding mode. The only refusal of these covering parts is a
    // negative part when negatives are not allowed (rounding up small parts of a small total
    // can leave the residual part below zero).
    #[test]
    fn split_sums_to_total(
        (currency, increment) in currency(),
        units in total_in_units(),
        (parts, needs_negative) in split_parts(),
        mode in rounding_mode(),
        residual in residual_policy(),
        allow_negative in any::<bool>(),
    ) {
        let unit = unit(currency, increment);
        let total = unit * Decimal::from(units);
        let parts = if needs_negative {
            // fixed parts were generated in whole numbers: bring them to this unit
            parts
                .into_iter()
                .map(|p| match p {
                    Part::Fixed { amount } => Part::fixed(amount * unit),
                    other => other,
                })
                .collect()
        } else {
            parts
        };
        let options = SplitOptions {
            rounding: Rounding { mode, increment },
            residual,
            allow_negative: allow_negative || needs_negative,
        };
        let got = match split(total, currency, &parts, &options) {
            Ok(got) => got,
            Err(e) if e.kind() == "negative_part" && !options.allow_negative => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("{total} {currency} {parts:?}: {e}"))),
        };
        prop_assert_eq!(got.len(), parts.len());
        let sum: Decimal = got.iter().copied().sum();
        prop_assert_eq!(sum, total);
        for p in &got {
            prop_assert!((*p % unit).is_zero(), "{} is not a multiple of {}", p, unit);
        }

        // A negative total gives the mirror image of the positive one. (Not for a zero total:
        // zero has no sign for fixed parts to follow, so -0 splits like 0.)
        if total.is_zero() {
            return Ok(());
        }
        let mirrored = split(-total, currency, &parts, &options)
            .map_err(|e| TestCaseError::fail(format!("-{total} {currency}: {e}")))?;
        let negated: Vec<Decimal> = got.iter().map(|p| -*p).collect();
        prop_assert_eq!(mirrored, negated);
    }
}

// ---------------------------------------------------------------------------------------------
// (c), (d), (e) schedule

/// Portions that cover the amount (percents to 100, fractions to 1, or a balance part).
fn covering_portions() -> impl Strategy<Value = Vec<Part>> {
    prop_oneof![
        percents_to_100(),
        fractions_to_1(),
        with_balance().prop_map(|raw| to_parts(&raw, Decimal::ONE)),
    ]
}

/// Schedulable terms: covering portions, modest steps, small discount tiers.
fn schedulable_terms() -> impl Strategy<Value = Terms> {
    let step = prop_oneof![
        (-400i32..=400).prop_map(|days| DateStep::Days { days }),
        (-24i32..=24).prop_map(|months| DateStep::Months { months }),
        Just(DateStep::EndOfMonth),
        (0u8..=31).prop_map(|day| DateStep::DayOfMonth { day }),
        (1u8..=12).prop_map(|month| DateStep::Month { month }),
        weekday().prop_map(|weekday| DateStep::NextWeekday { weekday }),
        (0u8..=31, -30i8..=31).prop_map(|(day, cutoff)| DateStep::Proximo { day, cutoff }),
    ];
    let due = prop_oneof![
        (0i32..=120).prop_map(|days| vec![DateStep::Days { days }]),
        prop::collection::vec(step, 0..4),
    ];
    let tier = (0u32..=1000, 0i32..=30, any::<bool>()).prop_map(|(bp, days, fixed)| DiscountTier {
        value: if fixed {
            DiscountValue::Fixed {
                amount: Decimal::from(bp / 100),
            }
        } else {
            DiscountValue::Percent {
                percent: Decimal::new(i64::from(bp), 2),
            }
        },
        deadline: vec![DateStep::Days { days }],
    });
    let lines = covering_portions().prop_flat_map(move |portions| {
        let n = portions.len();
        (
            Just(portions),
            prop::collection::vec((due.clone(), prop::collection::vec(tier.clone(), 0..3)), n),
        )
            .prop_map(|(portions, rest)| {
                portions
                    .into_iter()
                    .zip(rest)
                    .map(|(portion, (due, discounts))| TermLine {
                        portion,
                        due,
                        discounts,
                    })
                    .collect::<Vec<_>>()
            })
    });
    with_options(lines)
}

fn schedule_options() -> impl Strategy<Value = (Option<BusinessCalendar>, bool)> {
    (prop::option::of(calendar()), any::<bool>())
}

proptest! {
    // Whenever schedule succeeds, the installment amounts sum exactly to the amount, and for
    // every discount offer, amount due + discount == the installment amount.
    #[test]
    fn schedule_sums_to_amount(
        terms in schedulable_terms(),
        base in date(),
        (currency, increment) in currency(),
        units in total_in_units(),
        (calendar, allow_negative) in schedule_options(),
    ) {
        let amount = unit(currency, increment) * Decimal::from(units);
        let options = ScheduleOptions { calendar, cash_increment: increment, allow_negative };
        if let Ok(s) = schedule(&terms, base, amount, currency, &options) {
            let sum: Decimal = s.installments.iter().map(|i| i.amount).sum();
            prop_assert_eq!(sum, amount);
            prop_assert_eq!(s.installments.len(), terms.lines.len());
            for (i, line) in s.installments.iter().zip(&terms.lines) {
                prop_assert_eq!(i.discounts.len(), line.discounts.len());
                for offer in &i.discounts {
                    prop_assert_eq!(offer.amount_due + offer.discount, i.amount);
                }
            }
        }
    }
}

/// Forward steps: days and months >= 0, end of month, next weekday, proximo, and a day of
/// month only once an earlier step has moved into a later month (months >= 1 or proximo).
fn forward_steps() -> impl Strategy<Value = Vec<DateStep>> {
    let step = prop_oneof![
        (0i32..=400).prop_map(|days| DateStep::Days { days }),
        (0i32..=24).prop_map(|months| DateStep::Months { months }),
        Just(DateStep::EndOfMonth),
        (0u8..=31).prop_map(|day| DateStep::DayOfMonth { day }),
        weekday().prop_map(|weekday| DateStep::NextWeekday { weekday }),
        (0u8..=31, -30i8..=31).prop_map(|(day, cutoff)| DateStep::Proximo { day, cutoff }),
    ];
    prop::collection::vec(step, 0..5).prop_map(|steps| {
        let mut later_month = false;
        steps
            .into_iter()
            .filter(|s| {
                let keep = !matches!(s, DateStep::DayOfMonth { .. }) || later_month;
                if matches!(s, DateStep::Months { months } if *months >= 1)
                    || matches!(s, DateStep::Proximo { .. })
                {
                    later_month = true;
                }
                keep
            })
            .collect()
    })
}

proptest! {
    // With only forward steps (days and months >= 0, no `month M` step, a `day D` step only
    // after a step into a later month) and a roll of none or following, no due date is
    // before the base date.
    #[test]
    fn due_dates_never_before_base(
        dues in prop::collection::vec(forward_steps(), 1..4),
        base in date(),
        following in any::<bool>(),
        calendar in prop::option::of(calendar()),
    ) {
        let n = dues.len() as u32;
        let mut terms = Terms::new(
            dues.into_iter().map(|due| TermLine::new(Part::fraction(1, n), due)).collect(),
        );
        terms.roll = if following { Roll::Following } else { Roll::None };
        let eur = Currency::from_code("EUR").unwrap();
        let options = ScheduleOptions { calendar, ..Default::default() };
        let s = schedule(&terms, base, Decimal::new(100_000, 2), eur, &options)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for i in &s.installments {
            prop_assert!(i.due_date >= base, "{} before {}: {}", i.due_date, base, i.reason);
        }
    }
}

/// Arbitrary, possibly invalid, terms: any step fields, zero denominators, no lines.
fn arbitrary_terms() -> impl Strategy<Value = Terms> {
    let step = prop_oneof![
        any::<i32>().prop_map(|days| DateStep::Days { days }),
        any::<i32>().prop_map(|months| DateStep::Months { months }),
        Just(DateStep::EndOfMonth),
        any::<u8>().prop_map(|day| DateStep::DayOfMonth { day }),
        any::<u8>().prop_map(|month| DateStep::Month { month }),
        weekday().prop_map(|weekday| DateStep::NextWeekday { weekday }),
        (any::<u8>(), any::<i8>()).prop_map(|(day, cutoff)| DateStep::Proximo { day, cutoff }),
    ];
    let steps = prop::collection::vec(step, 0..4);
    let part = prop_oneof![
        part(),
        (any::<u32>(), any::<u32>()).prop_map(|(n, d)| Part::fraction(n, d)),
    ];
    let tier = (
        prop_oneof![
            any_decimal().prop_map(|percent| DiscountValue::Percent { percent }),
            any_decimal().prop_map(|amount| DiscountValue::Fixed { amount }),
        ],
        steps.clone(),
    )
        .prop_map(|(value, deadline)| DiscountTier { value, deadline });
    let line =
        (part, steps, prop::collection::vec(tier, 0..3)).prop_map(|(portion, due, discounts)| {
            TermLine {
                portion,
                due,
                discounts,
            }
        });
    with_options(prop::collection::vec(line, 0..5))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let min = NaiveDate::MIN.num_days_from_ce();
    let max = NaiveDate::MAX.num_days_from_ce();
    prop_oneof![
        date(),
        (min..=max).prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap()),
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
    ]
}

proptest! {
    // schedule never panics, whatever the terms, amount, date, currency and options: invalid
    // input gives an error. Printing such terms never panics either.
    #[test]
    fn schedule_never_panics(
        terms in prop_oneof![arbitrary_terms(), valid_terms(), schedulable_terms()],
        base in any_date(),
        amount in prop_oneof![any_decimal(), total_in_units().prop_map(Decimal::from)],
        code in select(vec!["EUR", "JPY", "KWD", "CHF", "XAU", "USD"]),
        calendar in prop::option::of((prop::collection::vec(weekday(), 0..8), prop::collection::vec(any_date(), 0..4))
            .prop_map(|(w, h)| BusinessCalendar::new(w, h))),
        cash_increment in prop::option::of(any_decimal()),
        allow_negative in any::<bool>(),
    ) {
        let currency = Currency::from_code(code).unwrap();
        let options = ScheduleOptions { calendar, cash_increment, allow_negative };
        let _ = schedule(&terms, base, amount, currency, &options);
        let _ = parse(&print(&terms));
    }
}
