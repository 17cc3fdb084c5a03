//! Builders of ar-core values from fuzzer bytes, shared by the fuzz targets.
//!
//! ar-core does not depend on `arbitrary`; the values are assembled here by hand from an
//! [`Unstructured`], biased toward valid and interesting shapes (rounded amounts, real
//! currencies, step fields in range) while still reaching invalid ones.

use ar_core::allocation::{Part, ResidualPolicy, SplitOptions};
use ar_core::calendar::{BusinessCalendar, Roll};
use ar_core::money::{Currency, Rounding, RoundingMode};
use ar_core::terms::{
    DateBasis, DateStep, DiscountTier, DiscountValue, ScheduleOptions, TermLine, Terms,
};
use arbitrary::{Result, Unstructured};
use chrono::{Datelike, NaiveDate, Weekday};
use rust_decimal::Decimal;

/// Currencies to pick from: 0, 2 and 3 decimals, and one without a minor unit.
pub const CURRENCIES: [&str; 7] = ["EUR", "JPY", "KWD", "CHF", "USD", "BHD", "XAU"];

/// Any decimal, mostly small with few places.
pub fn decimal(u: &mut Unstructured) -> Result<Decimal> {
    if u.ratio(3, 4)? {
        let m: i32 = u.arbitrary()?;
        Ok(Decimal::new(i64::from(m), u.int_in_range(0..=4)?))
    } else {
        let m: i128 = u.arbitrary()?;
        let m = m % (1i128 << 96);
        Ok(Decimal::from_i128_with_scale(m, u.int_in_range(0..=28)?))
    }
}

/// A currency from [`CURRENCIES`].
pub fn currency(u: &mut Unstructured) -> Result<Currency> {
    let code = u.choose(&CURRENCIES)?;
    Ok(Currency::from_code(code).expect("the list holds ISO codes"))
}

/// An optional cash increment: mostly none, sometimes 0.05, sometimes anything.
pub fn increment(u: &mut Unstructured) -> Result<Option<Decimal>> {
    Ok(match u.int_in_range(0..=3)? {
        0 | 1 => None,
        2 => Some(Decimal::new(5, 2)),
        _ => Some(decimal(u)?),
    })
}

/// An amount: mostly a whole number of the rounding unit, sometimes any decimal.
pub fn amount(
    u: &mut Unstructured,
    currency: Currency,
    increment: Option<Decimal>,
) -> Result<Decimal> {
    let unit = increment.or_else(|| currency.minor_unit().ok());
    match unit {
        Some(unit) if u.ratio(7, 8)? => {
            let n: i32 = u.arbitrary()?;
            Ok(unit.checked_mul(Decimal::from(n)).unwrap_or(Decimal::ZERO))
        }
        _ => decimal(u),
    }
}

/// A weekday.
pub fn weekday(u: &mut Unstructured) -> Result<Weekday> {
    let n: u8 = u.int_in_range(0..=6)?;
    Ok(Weekday::try_from(n).unwrap_or(Weekday::Mon))
}

/// A date: mostly 1900..2200, sometimes anywhere in chrono's range.
pub fn date(u: &mut Unstructured) -> Result<NaiveDate> {
    let (lo, hi) = if u.ratio(7, 8)? {
        (
            NaiveDate::from_ymd_opt(1900, 1, 1).map_or(0, |d| d.num_days_from_ce()),
            NaiveDate::from_ymd_opt(2200, 1, 1).map_or(0, |d| d.num_days_from_ce()),
        )
    } else {
        (
            NaiveDate::MIN.num_days_from_ce(),
            NaiveDate::MAX.num_days_from_ce(),
        )
    };
    let days = u.int_in_range(lo..=hi)?;
    Ok(NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN))
}

/// One step; fields mostly in range, sometimes anything.
pub fn step(u: &mut Unstructured) -> Result<DateStep> {
    let wild = u.ratio(1, 16)?;
    Ok(match u.int_in_range(0..=6)? {
        0 => DateStep::Days {
            days: if wild {
                u.arbitrary()?
            } else {
                u.int_in_range(-400..=400)?
            },
        },
        1 => DateStep::Months {
            months: if wild {
                u.arbitrary()?
            } else {
                u.int_in_range(-24..=24)?
            },
        },
        2 => DateStep::EndOfMonth,
        3 => DateStep::DayOfMonth {
            day: if wild {
                u.arbitrary()?
            } else {
                u.int_in_range(0..=31)?
            },
        },
        4 => DateStep::Month {
            month: if wild {
                u.arbitrary()?
            } else {
                u.int_in_range(1..=12)?
            },
        },
        5 => DateStep::NextWeekday {
            weekday: weekday(u)?,
        },
        _ => DateStep::Proximo {
            day: if wild {
                u.arbitrary()?
            } else {
                u.int_in_range(0..=31)?
            },
            cutoff: if wild {
                u.arbitrary()?
            } else {
                u.int_in_range(-30..=31)?
            },
        },
    })
}

/// Up to `max` steps.
pub fn steps(u: &mut Unstructured, max: usize) -> Result<Vec<DateStep>> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| step(u)).collect()
}

/// One part of a split.
pub fn part(u: &mut Unstructured) -> Result<Part> {
    Ok(match u.int_in_range(0..=4)? {
        0 => Part::percent(percent(u)?),
        1 => Part::percent_of_remainder(percent(u)?),
        2 => {
            let d: u32 = if u.ratio(1, 16)? {
                u.arbitrary()?
            } else {
                u.int_in_range(1..=12)?
            };
            let n: u32 = if u.ratio(1, 16)? {
                u.arbitrary()?
            } else {
                u.int_in_range(0..=d)?
            };
            Part::fraction(n, d)
        }
        3 => Part::fixed(decimal(u)?),
        _ => Part::Balance,
    })
}

fn percent(u: &mut Unstructured) -> Result<Decimal> {
    if u.ratio(7, 8)? {
        Ok(Decimal::new(u.int_in_range(0..=10_000)?, 2))
    } else {
        decimal(u)
    }
}

/// A rounding mode.
pub fn rounding_mode(u: &mut Unstructured) -> Result<RoundingMode> {
    u.choose(&[
        RoundingMode::HalfUp,
        RoundingMode::HalfEven,
        RoundingMode::Down,
        RoundingMode::Up,
    ])
    .copied()
}

/// A residual policy.
pub fn residual(u: &mut Unstructured) -> Result<ResidualPolicy> {
    u.choose(&[
        ResidualPolicy::Last,
        ResidualPolicy::First,
        ResidualPolicy::LargestRemainder,
    ])
    .copied()
}

/// Split options.
pub fn split_options(u: &mut Unstructured, increment: Option<Decimal>) -> Result<SplitOptions> {
    Ok(SplitOptions {
        rounding: Rounding {
            mode: rounding_mode(u)?,
            increment,
        },
        residual: residual(u)?,
        allow_negative: u.arbitrary()?,
    })
}

/// Terms with 0..=5 lines, each with a part, a due rule and 0..=2 discount tiers.
pub fn terms(u: &mut Unstructured) -> Result<Terms> {
    let n = u.int_in_range(0..=5)?;
    let mut lines = Vec::with_capacity(n);
    for _ in 0..n {
        let portion = part(u)?;
        let due = steps(u, 4)?;
        let tiers = u.int_in_range(0..=2)?;
        let mut discounts = Vec::with_capacity(tiers);
        for _ in 0..tiers {
            let value = if u.ratio(3, 4)? {
                DiscountValue::Percent {
                    percent: percent(u)?,
                }
            } else {
                DiscountValue::Fixed {
                    amount: decimal(u)?,
                }
            };
            discounts.push(DiscountTier {
                value,
                deadline: steps(u, 3)?,
            });
        }
        lines.push(TermLine {
            portion,
            due,
            discounts,
        });
    }
    let mut terms = Terms::new(lines);
    terms.rounding = rounding_mode(u)?;
    terms.residual = residual(u)?;
    terms.roll = *u.choose(&[
        Roll::None,
        Roll::Following,
        Roll::ModifiedFollowing,
        Roll::Preceding,
        Roll::ModifiedPreceding,
    ])?;
    terms.basis = *u.choose(&[
        DateBasis::Document,
        DateBasis::Delivery,
        DateBasis::Receipt,
        DateBasis::Given,
    ])?;
    Ok(terms)
}

/// Schedule options: maybe a calendar (weekend days and a few holidays), the increment, and
/// whether negative installments are allowed.
pub fn schedule_options(
    u: &mut Unstructured,
    increment: Option<Decimal>,
) -> Result<ScheduleOptions> {
    let calendar = if u.arbitrary()? {
        let weekend = (0..u.int_in_range(0..=7)?)
            .map(|_| weekday(u))
            .collect::<Result<Vec<_>>>()?;
        let holidays = (0..u.int_in_range(0..=4)?)
            .map(|_| date(u))
            .collect::<Result<Vec<_>>>()?;
        Some(BusinessCalendar::new(weekend, holidays))
    } else {
        None
    };
    Ok(ScheduleOptions {
        calendar,
        cash_increment: increment,
        allow_negative: u.arbitrary()?,
    })
}

/// The exact value of `d` as (whole units, units of 1e-28 in 0..1e28), for sums that neither
/// overflow nor round (`Decimal` addition rounds when a result needs more than 28 digits).
pub fn exact(d: Decimal) -> (i128, i128) {
    const ONE: i128 = 10i128.pow(28);
    let int = d.trunc();
    let frac = d.fract();
    let whole = int.mantissa() / 10i128.pow(int.scale());
    let tiny = frac.mantissa() * 10i128.pow(28 - frac.scale());
    (whole + tiny.div_euclid(ONE), tiny.rem_euclid(ONE))
}

/// The exact sum of `values`, in the representation of [`exact`].
pub fn exact_sum(values: impl IntoIterator<Item = Decimal>) -> (i128, i128) {
    const ONE: i128 = 10i128.pow(28);
    let (mut whole, mut tiny) = (0i128, 0i128);
    for v in values {
        let (w, t) = exact(v);
        whole += w;
        tiny += t;
        whole += tiny.div_euclid(ONE);
        tiny = tiny.rem_euclid(ONE);
    }
    (whole, tiny)
}
