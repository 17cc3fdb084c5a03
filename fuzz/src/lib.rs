//! Builders of ar-core values from fuzzer bytes, shared by the fuzz targets.
//!
//! ar-core does not depend on `arbitrary`; the values are assembled here by hand from an
//! [`Unstructured`], biased toward valid and interesting shapes (rounded amounts, real
//! currencies, step fields in range) while still reaching invalid ones.

use ar_core::allocation::{Part, ResidualPolicy, SplitOptions};
use ar_core::application::{RemittanceLine, ShortPaymentPolicy, Strategy};
use ar_core::calendar::{BusinessCalendar, Roll};
use ar_core::documents::{issue_simple, DocumentKind, SimpleDraft};
use ar_core::fx::RateQuote;
use ar_core::interest::{Compounding, DayCount, InterestMethod, InterestRateTable, RateSource};
use ar_core::ledger::{DisputeOutcome, EventBody};
use ar_core::money::{Currency, Rounding, RoundingMode};
use ar_core::terms::{
    DateBasis, DateStep, DiscountTier, DiscountValue, ScheduleOptions, TermLine, Terms,
};
use arbitrary::{Result, Unstructured};
use chrono::{Datelike, Days, NaiveDate, Weekday};
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

// ----- ledger events (the `ledger` target's generation, shared with `charges`) -----

/// Document ids the ledger events pick from.
pub const DOCS: [&str; 5] = ["D0", "D1", "D2", "D3", "D4"];
/// Payment ids the ledger events pick from.
pub const PAYS: [&str; 4] = ["P0", "P1", "P2", "P3"];

/// One of `from`, as a `String`.
pub fn pick(u: &mut Unstructured, from: &[&str]) -> Result<String> {
    Ok(u.choose(from)?.to_string())
}

/// An application strategy.
pub fn strategy(u: &mut Unstructured) -> Result<Strategy> {
    Ok(match u.int_in_range(0..=4)? {
        0 => Strategy::Remittance,
        1 => Strategy::OldestDueFirst,
        2 => Strategy::ExactAmountFirst,
        3 => Strategy::Proportional,
        _ => Strategy::Statutory,
    })
}

/// A short-payment policy.
pub fn short_payment_policy(
    u: &mut Unstructured,
    currency: Currency,
) -> Result<ShortPaymentPolicy> {
    Ok(match u.int_in_range(0..=2)? {
        0 => ShortPaymentPolicy::LeaveResidual,
        1 => ShortPaymentPolicy::Deduction {
            reason_code: "short".into(),
        },
        _ => ShortPaymentPolicy::WriteOff {
            tolerance: amount(u, currency, None)?,
            reason_code: "small".into(),
        },
    })
}

/// The body of one ledger event dated `date` in an account of `currency`: documents (issued
/// with [`issue_simple`], maybe with [`terms`]), payments with remittance, reversals, credits,
/// write-offs, disputes, promises, voids and rates, over [`DOCS`] and [`PAYS`].
pub fn event_body(
    u: &mut Unstructured,
    currency: Currency,
    customer: &str,
    date: NaiveDate,
) -> Result<EventBody> {
    let amount = |u: &mut Unstructured| amount(u, currency, None);
    Ok(match u.int_in_range(0..=11)? {
        0..=2 => {
            let kind = *u.choose(&[
                DocumentKind::Invoice,
                DocumentKind::CreditNote,
                DocumentKind::DebitNote,
                DocumentKind::FeeCharge,
                DocumentKind::InterestCharge,
            ])?;
            let mut draft = SimpleDraft::new(
                kind,
                &pick(u, &DOCS)?,
                customer,
                date,
                currency,
                amount(u)?.abs(),
            );
            if u.ratio(1, 3)? {
                draft.terms = Some(terms(u)?);
            }
            match issue_simple(&draft, &ScheduleOptions::default()) {
                Ok(document) => EventBody::DocumentIssued { document },
                Err(_) => EventBody::InvoiceDelivered {
                    document: pick(u, &DOCS)?,
                },
            }
        }
        3 | 4 => {
            let mut remittance = Vec::new();
            for _ in 0..u.int_in_range(0..=2)? {
                remittance.push(RemittanceLine {
                    document: pick(u, &DOCS)?,
                    installment: if u.arbitrary()? {
                        Some(u.int_in_range(0..=3)?)
                    } else {
                        None
                    },
                    amount: amount(u)?,
                    discount: if u.ratio(1, 4)? {
                        Some(amount(u)?)
                    } else {
                        None
                    },
                });
            }
            EventBody::PaymentReceived {
                payment_id: pick(u, &PAYS)?,
                amount: amount(u)?,
                currency: if u.ratio(1, 16)? {
                    self::currency(u)?
                } else {
                    currency
                },
                rate: if u.ratio(1, 4)? {
                    Some(decimal(u)?)
                } else {
                    None
                },
                remittance,
                strategy: if u.arbitrary()? {
                    Some(strategy(u)?)
                } else {
                    None
                },
                short_payment: if u.ratio(1, 3)? {
                    Some(short_payment_policy(u, currency)?)
                } else {
                    None
                },
            }
        }
        5 => EventBody::PaymentReversed {
            payment_id: pick(u, &PAYS)?,
            reason: "bounced".into(),
        },
        6 => EventBody::CreditApplied {
            credit_document: if u.arbitrary()? {
                pick(u, &DOCS)?
            } else {
                pick(u, &PAYS)?
            },
            target_document: pick(u, &DOCS)?,
            amount: amount(u)?,
        },
        7 => EventBody::WrittenOff {
            document: pick(u, &DOCS)?,
            installment: if u.arbitrary()? {
                Some(u.int_in_range(0..=3)?)
            } else {
                None
            },
            amount: amount(u)?,
            reason_code: "bad debt".into(),
        },
        8 => {
            if u.arbitrary()? {
                EventBody::DisputeOpened {
                    dispute_id: pick(u, &["X0", "X1"])?,
                    document: pick(u, &DOCS)?,
                    amount: if u.arbitrary()? {
                        Some(amount(u)?)
                    } else {
                        None
                    },
                    reason_code: "damaged".into(),
                }
            } else {
                EventBody::DisputeResolved {
                    dispute_id: pick(u, &["X0", "X1"])?,
                    outcome: *u.choose(&[
                        DisputeOutcome::Accepted,
                        DisputeOutcome::Rejected,
                        DisputeOutcome::Withdrawn,
                    ])?,
                }
            }
        }
        9 => EventBody::PromiseToPay {
            promise_id: pick(u, &["Q0", "Q1"])?,
            amount: amount(u)?,
            promised_date: date,
        },
        10 => EventBody::DocumentVoided {
            document: pick(u, &DOCS)?,
        },
        _ => {
            let mut rates = Vec::new();
            for _ in 0..u.int_in_range(0..=3)? {
                let other = self::currency(u)?;
                let (from, to) = if u.arbitrary()? {
                    (currency, other)
                } else {
                    (other, currency)
                };
                rates.push(RateQuote::new(from, to, decimal(u)?));
            }
            EventBody::RatesPublished { rates }
        }
    })
}

// ----- dates, calendars, interest -----

/// A date `anchor + offset` with `offset` in `lo..=hi` days (clamped to chrono's range).
pub fn near_date(u: &mut Unstructured, anchor: NaiveDate, lo: i64, hi: i64) -> Result<NaiveDate> {
    let offset = u.int_in_range(lo..=hi)?;
    let moved = if offset >= 0 {
        anchor.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        anchor.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    Ok(moved.unwrap_or(if offset >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    }))
}

/// A roll convention.
pub fn roll(u: &mut Unstructured) -> Result<Roll> {
    u.choose(&[
        Roll::None,
        Roll::Following,
        Roll::ModifiedFollowing,
        Roll::Preceding,
        Roll::ModifiedPreceding,
    ])
    .copied()
}

/// A business calendar: some weekend days (maybe all seven) and a few holidays near `anchor`.
pub fn calendar(u: &mut Unstructured, anchor: NaiveDate) -> Result<BusinessCalendar> {
    let weekend = (0..u.int_in_range(0..=7)?)
        .map(|_| weekday(u))
        .collect::<Result<Vec<_>>>()?;
    let holidays = (0..u.int_in_range(0..=4)?)
        .map(|_| near_date(u, anchor, -10, 400))
        .collect::<Result<Vec<_>>>()?;
    Ok(BusinessCalendar::new(weekend, holidays))
}

/// An annual rate in percent: mostly 0..=30 with two places, sometimes any decimal.
pub fn rate_percent(u: &mut Unstructured) -> Result<Decimal> {
    Ok(match u.int_in_range(0..=7)? {
        0..=5 => Decimal::new(u.int_in_range(0..=3_000)?, 2),
        6 => Decimal::new(u.int_in_range(-500..=500)?, u.int_in_range(0..=6)?),
        _ => decimal(u)?,
    })
}

/// A table of up to `max` rates dated near `anchor` (sometimes anywhere).
pub fn rate_table(
    u: &mut Unstructured,
    anchor: NaiveDate,
    max: usize,
) -> Result<InterestRateTable> {
    let mut table = InterestRateTable::new();
    for _ in 0..u.int_in_range(0..=max)? {
        let from = if u.ratio(1, 8)? {
            date(u)?
        } else {
            near_date(u, anchor, -800, 800)?
        };
        let note = if u.ratio(1, 8)? {
            Some("note".to_string())
        } else {
            None
        };
        table.insert(from, rate_percent(u)?, note);
    }
    Ok(table)
}

/// Any rate source: fixed, a table of up to 8 rates, or a statutory preset over a reference
/// table, with rates dated near `anchor`.
pub fn rate_source(u: &mut Unstructured, anchor: NaiveDate) -> Result<RateSource> {
    Ok(match u.int_in_range(0..=3)? {
        0 => RateSource::Fixed {
            percent: rate_percent(u)?,
        },
        1 => RateSource::Table {
            rates: rate_table(u, anchor, 8)?,
        },
        2 => RateSource::EuLatePayment {
            reference_rates: rate_table(u, anchor, 8)?,
            margin: if u.arbitrary()? {
                Decimal::from(8)
            } else {
                rate_percent(u)?
            },
        },
        _ => RateSource::UkLatePayment {
            reference_rates: rate_table(u, anchor, 8)?,
            margin: if u.arbitrary()? {
                Decimal::from(8)
            } else {
                rate_percent(u)?
            },
        },
    })
}

/// A day-count convention.
pub fn day_count(u: &mut Unstructured) -> Result<DayCount> {
    u.choose(&[
        DayCount::Actual365Fixed,
        DayCount::Actual360,
        DayCount::ActualActualIsda,
        DayCount::Thirty360,
        DayCount::Thirty360E,
    ])
    .copied()
}

/// Day count, compounding and rounding.
pub fn interest_method(u: &mut Unstructured) -> Result<InterestMethod> {
    Ok(InterestMethod {
        day_count: day_count(u)?,
        compounding: *u.choose(&[
            Compounding::None,
            Compounding::None,
            Compounding::Daily,
            Compounding::Monthly,
            Compounding::Quarterly,
            Compounding::Annually,
        ])?,
        rounding: rounding_mode(u)?,
    })
}

/// Whether `amount` is a whole number of `currency`'s minor unit (false without one).
pub fn whole_units(amount: Decimal, currency: Currency) -> bool {
    currency
        .minor_unit()
        .ok()
        .and_then(|unit| amount.checked_rem(unit))
        .is_some_and(|r| r.is_zero())
}

/// An exact decimal `m / 10^s` in 128 bits, for checking bounds without `Decimal`'s rounding:
/// every operation is checked and gives `None` when it does not fit.
#[derive(Debug, Clone, Copy)]
pub struct Exact {
    m: i128,
    s: u32,
}

impl Exact {
    /// The exact value of `d`.
    pub fn of(d: Decimal) -> Exact {
        Exact {
            m: d.mantissa(),
            s: d.scale(),
        }
    }

    /// An integer.
    pub fn int(n: i128) -> Exact {
        Exact { m: n, s: 0 }
    }

    fn align(self, o: Exact) -> Option<(i128, i128, u32)> {
        let s = self.s.max(o.s);
        let a = self.m.checked_mul(10i128.checked_pow(s - self.s)?)?;
        let b = o.m.checked_mul(10i128.checked_pow(s - o.s)?)?;
        Some((a, b, s))
    }

    /// `self + o`.
    pub fn checked_add(self, o: Exact) -> Option<Exact> {
        let (a, b, s) = self.align(o)?;
        Some(Exact {
            m: a.checked_add(b)?,
            s,
        })
    }

    /// `self - o`.
    pub fn checked_sub(self, o: Exact) -> Option<Exact> {
        let (a, b, s) = self.align(o)?;
        Some(Exact {
            m: a.checked_sub(b)?,
            s,
        })
    }

    /// `self * o`.
    pub fn checked_mul(self, o: Exact) -> Option<Exact> {
        Some(Exact {
            m: self.m.checked_mul(o.m)?,
            s: self.s.checked_add(o.s)?,
        })
    }

    /// `|self|`.
    pub fn abs(self) -> Option<Exact> {
        Some(Exact {
            m: self.m.checked_abs()?,
            s: self.s,
        })
    }

    /// `self <= o`, or `None` when the comparison does not fit.
    pub fn le(self, o: Exact) -> Option<bool> {
        let (a, b, _) = self.align(o)?;
        Some(a <= b)
    }
}

/// `|a - b| <= tolerance` exactly, or `None` when it cannot be decided in 128 bits.
pub fn within(a: Option<Exact>, b: Option<Exact>, tolerance: Option<Exact>) -> Option<bool> {
    a?.checked_sub(b?)?.abs()?.le(tolerance?)
}

/// A context message for assertions, formatted only when it is printed (so a failing
/// assertion says everything, and a passing one costs nothing).
pub struct Lazy<F: Fn() -> String>(pub F);

impl<F: Fn() -> String> std::fmt::Display for Lazy<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&(self.0)())
    }
}

/// Whether `AR_FUZZ_DEBUG` is set: targets then print what they built from an input (as JSON
/// where they can), to turn a crash into a reproducer.
pub fn debug() -> bool {
    static DEBUG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *DEBUG.get_or_init(|| std::env::var_os("AR_FUZZ_DEBUG").is_some())
}

/// Below 10^25 in magnitude: a Decimal then has room for 3 decimals, so sums of such amounts
/// in a currency's minor units are exact (beyond, `Decimal` addition rounds).
pub fn small(d: Decimal) -> bool {
    d.abs() < Decimal::from_i128_with_scale(10i128.pow(25), 0)
}

/// True once in `n` (`n >= 1`), and false when the data is exhausted (unlike
/// `Unstructured::ratio`, which is then true): for rare, costly or failing choices.
pub fn one_in(u: &mut Unstructured, n: u32) -> Result<bool> {
    if u.is_empty() {
        return Ok(false);
    }
    let n = n.max(1);
    Ok(u.int_in_range(1..=n)? == n)
}
