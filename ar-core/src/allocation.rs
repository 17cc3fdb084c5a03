//! Splitting an amount into parts that always sum back to it exactly.
//!
//! Parts are percents of the total, percents of what remains after the previous parts,
//! exact fractions (1/3), fixed amounts or one balance part. Each part is computed exactly
//! (as a ratio of integers, never a truncated decimal), rounded to the currency's unit with
//! a named [`RoundingMode`], and the rounding residual is placed by an explicit
//! [`ResidualPolicy`]. A balance part always takes the residual.
//!
//! ```
//! use ar_core::allocation::{split, Part, SplitOptions};
//! use ar_core::money::Currency;
//!
//! let eur = Currency::from_code("EUR")?;
//! let thirds = [Part::fraction(1, 3), Part::fraction(1, 3), Part::fraction(1, 3)];
//! let parts = split("5.47".parse().unwrap(), eur, &thirds, &SplitOptions::default())?;
//! let text: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
//! assert_eq!(text, ["1.82", "1.82", "1.83"]);
//! # Ok::<(), ar_core::Error>(())
//! ```

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{with_scale, Currency, MoneyError, Rounding, RoundingMode};

/// Errors of [`split`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AllocationError {
    /// A split needs at least one part.
    #[error("a split needs at least one part")]
    NoParts,
    /// A fraction with a zero denominator (or numerator above denominator is allowed, zero is not).
    #[error("invalid fraction `{numerator}/{denominator}`: the denominator must be positive")]
    InvalidFraction {
        /// Numerator as given.
        numerator: u32,
        /// Denominator as given.
        denominator: u32,
    },
    /// More than one balance part.
    #[error("only one balance part is allowed, found {count}")]
    MultipleBalanceParts {
        /// How many balance parts were given.
        count: usize,
    },
    /// The balance part must be the last part, so that what it takes is well defined.
    #[error("the balance part must be the last part, found it at position {position}")]
    BalanceNotLast {
        /// Zero-based position of the balance part.
        position: usize,
    },
    /// Without a balance part, the parts must add up to the total exactly.
    #[error("parts add up to `{covered}`, not to the total `{total}`; add a balance part or fix the portions")]
    DoesNotCover {
        /// What the unrounded parts add up to (rounded to 10 places for display).
        covered: Decimal,
        /// The total being split.
        total: Decimal,
    },
    /// A part came out negative (or opposite in sign to the total).
    #[error("part {position} would be `{amount}`, opposite in sign to the total `{total}`; opt in with allow_negative")]
    NegativePart {
        /// Zero-based position of the part.
        position: usize,
        /// Its amount.
        amount: Decimal,
        /// The total.
        total: Decimal,
    },
    /// An input amount has more decimals than the rounding unit allows.
    #[error("amount `{amount}` is not a multiple of the rounding unit `{unit}`; round it first")]
    NotRounded {
        /// The offending amount.
        amount: Decimal,
        /// The unit (minor unit or cash increment).
        unit: Decimal,
    },
    /// A currency or rounding problem.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl AllocationError {
    /// The stable machine-readable code of this error.
    pub fn kind(&self) -> &'static str {
        match self {
            AllocationError::NoParts => "no_parts",
            AllocationError::InvalidFraction { .. } => "invalid_fraction",
            AllocationError::MultipleBalanceParts { .. } => "multiple_balance_parts",
            AllocationError::BalanceNotLast { .. } => "balance_not_last",
            AllocationError::DoesNotCover { .. } => "parts_do_not_cover",
            AllocationError::NegativePart { .. } => "negative_part",
            AllocationError::NotRounded { .. } => "amount_not_rounded",
            AllocationError::Money(e) => e.kind(),
        }
    }
}

fn overflow() -> AllocationError {
    AllocationError::Money(MoneyError::Overflow {
        operation: "allocation",
    })
}

/// One part of a split.
///
/// JSON (tagged by `type`): `{"type":"percent","percent":"50"}`,
/// `{"type":"percent_of_remainder","percent":"50"}`,
/// `{"type":"fraction","numerator":1,"denominator":3}`, `{"type":"fixed","amount":"100.00"}`,
/// `{"type":"balance"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Part {
    /// A percent of the total (Odoo, ERPNext, Tryton's "percent on total").
    Percent {
        /// The percent, e.g. `30` for 30 %.
        percent: Decimal,
    },
    /// A percent of what remains after the previous parts' rounded amounts (Tryton's
    /// "percent"): 50 % of remainder after a 40 % part is 30 % of the total.
    PercentOfRemainder {
        /// The percent of the remainder.
        percent: Decimal,
    },
    /// An exact fraction of the total, e.g. 1/3 (Tryton's ratio/divisor).
    Fraction {
        /// Numerator.
        numerator: u32,
        /// Denominator (positive).
        denominator: u32,
    },
    /// A fixed amount. Its sign follows the total: the same part gives `-100.00` of a
    /// credit note of `-300.00`.
    Fixed {
        /// The amount in the document's direction.
        amount: Decimal,
    },
    /// Whatever the other parts leave. At most one, and it must be the last part.
    Balance,
}

impl Part {
    /// A percent of the total.
    pub fn percent(percent: Decimal) -> Self {
        Part::Percent { percent }
    }
    /// A percent of the remainder after the previous parts.
    pub fn percent_of_remainder(percent: Decimal) -> Self {
        Part::PercentOfRemainder { percent }
    }
    /// An exact fraction `numerator / denominator` of the total.
    pub fn fraction(numerator: u32, denominator: u32) -> Self {
        Part::Fraction {
            numerator,
            denominator,
        }
    }
    /// A fixed amount (sign follows the total).
    pub fn fixed(amount: Decimal) -> Self {
        Part::Fixed { amount }
    }
}

/// Which part absorbs the rounding residual when there is no balance part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidualPolicy {
    /// The last part (default; Odoo 17+ "the last line is always the balance", ERPNext).
    #[default]
    Last,
    /// The first part.
    First,
    /// One unit each to the parts with the largest rounding remainders (Hamilton's method;
    /// ties go to the earlier part).
    LargestRemainder,
}

/// Options of [`split`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitOptions {
    /// How each part is rounded, and to which unit (minor unit or cash increment).
    #[serde(default)]
    pub rounding: Rounding,
    /// Where the rounding residual goes when there is no balance part.
    #[serde(default)]
    pub residual: ResidualPolicy,
    /// Accept parts opposite in sign to the total (default: error).
    #[serde(default)]
    pub allow_negative: bool,
}

impl SplitOptions {
    /// Options with the given rounding mode and the defaults otherwise.
    pub fn with_mode(mode: RoundingMode) -> Self {
        SplitOptions {
            rounding: Rounding::new(mode),
            ..Default::default()
        }
    }
}

/// An exact ratio of integers with a positive denominator; used only where exactness matters
/// (coverage, largest remainders), so the hot path stays on plain integer division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    // unsigned: `i128::MIN.abs()` would overflow
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    // callers always pass one positive denominator, so the gcd fits in i128
    i128::try_from(a.max(1)).unwrap_or(1)
}

fn pow10(exp: u32) -> Result<i128, AllocationError> {
    10i128.checked_pow(exp).ok_or_else(overflow)
}

impl Ratio {
    fn add(self, o: Ratio) -> Result<Ratio, AllocationError> {
        if self.den == o.den {
            let num = self.num.checked_add(o.num).ok_or_else(overflow)?;
            return Ok(Ratio { num, den: self.den });
        }
        let g = gcd(self.den, o.den);
        let l = (self.den / g).checked_mul(o.den).ok_or_else(overflow)?;
        let a = self.num.checked_mul(l / self.den).ok_or_else(overflow)?;
        let b = o.num.checked_mul(l / o.den).ok_or_else(overflow)?;
        let num = a.checked_add(b).ok_or_else(overflow)?;
        let g = gcd(num, l);
        Ok(Ratio {
            num: num / g,
            den: l / g,
        })
    }
    fn equals_integer(self, k: i128) -> bool {
        self.num % self.den == 0 && self.num / self.den == k
    }
    /// `self - k` where `k` is an integer.
    fn minus_integer(self, k: i128) -> Result<Ratio, AllocationError> {
        let kd = k.checked_mul(self.den).ok_or_else(overflow)?;
        Ok(Ratio {
            num: self.num.checked_sub(kd).ok_or_else(overflow)?,
            den: self.den,
        })
    }
    fn cmp(self, o: Ratio) -> Result<Ordering, AllocationError> {
        let l = self.num.checked_mul(o.den).ok_or_else(overflow)?;
        let r = o.num.checked_mul(self.den).ok_or_else(overflow)?;
        Ok(l.cmp(&r))
    }
    fn to_decimal_approx(self) -> Decimal {
        let clamp = |x: i128| x.clamp(-(1i128 << 95), 1i128 << 95);
        let n = Decimal::from_i128_with_scale(clamp(self.num), 0);
        let d = Decimal::from_i128_with_scale(clamp(self.den), 0);
        n.checked_div(d).unwrap_or(Decimal::MAX).round_dp(10)
    }
}

/// `amount / unit` as an exact ratio (`unit > 0`).
fn in_units(amount: Decimal, unit: Decimal) -> Result<Ratio, AllocationError> {
    let num = amount
        .mantissa()
        .checked_mul(pow10(unit.scale())?)
        .ok_or_else(overflow)?;
    let den = unit
        .mantissa()
        .checked_mul(pow10(amount.scale())?)
        .ok_or_else(overflow)?;
    Ok(Ratio { num, den })
}

/// `amount / unit` when it is a whole number of units.
fn whole_units(amount: Decimal, unit: Decimal) -> Result<i128, AllocationError> {
    let r = in_units(amount, unit)?;
    if r.num % r.den == 0 {
        Ok(r.num / r.den)
    } else {
        Err(AllocationError::NotRounded { amount, unit })
    }
}

/// `percent` % of `amount`, rounded with `rounding` to the currency's unit (or increment),
/// computed exactly in whole units (no intermediate decimal division). The sign follows
/// `amount`; `amount` must be a whole number of units.
pub(crate) fn percent_of(
    amount: Decimal,
    percent: Decimal,
    currency: Currency,
    rounding: Rounding,
) -> Result<Decimal, AllocationError> {
    let unit = rounding.unit(currency)?;
    let units = whole_units(amount.abs(), unit)?;
    let num = units.checked_mul(percent.mantissa()).ok_or_else(overflow)?;
    let den = pow10(percent.scale())?
        .checked_mul(100)
        .ok_or_else(overflow)?;
    let k = rounding.mode.round_ratio(num, den);
    let signed = if amount < Decimal::ZERO { -k } else { k };
    let mantissa = signed.checked_mul(unit.mantissa()).ok_or_else(overflow)?;
    let value =
        Decimal::try_from_i128_with_scale(mantissa, unit.scale()).map_err(|_| overflow())?;
    with_scale(value, rounding.scale(currency)).ok_or_else(overflow)
}

/// Splits `total` into `parts`, each rounded to the currency's unit, summing to `total` exactly.
///
/// Semantics, in order:
/// 1. Each non-balance part's exact value is computed: a percent of the total, a percent of
///    what the previous parts (rounded) leave, an exact fraction, or a fixed amount whose sign
///    follows the total.
/// 2. Each value is rounded with `options.rounding` (mode, and minor unit or cash increment).
/// 3. A balance part (at most one, last) takes `total - sum(others)`. Without one, the exact
///    values must add up to the total (else [`AllocationError::DoesNotCover`]) and the rounding
///    residual goes where `options.residual` says.
/// 4. Unless `options.allow_negative`, a part opposite in sign to the total is an error.
///
/// Results carry the currency's decimal places (`"1.80"`, JPY `"333"`).
///
/// # Errors
/// [`AllocationError`] for no parts, a zero denominator, misplaced or repeated balance parts,
/// parts that do not cover the total, negative parts, a total or fixed amount finer than the
/// rounding unit, an unknown minor unit, or overflow.
///
/// # Example
/// ```
/// use ar_core::allocation::{split, Part, SplitOptions, ResidualPolicy};
/// use ar_core::money::Currency;
///
/// let jpy = Currency::from_code("JPY")?;
/// let thirds = vec![Part::fraction(1, 3); 3];
/// let parts = split("1000".parse().unwrap(), jpy, &thirds, &SplitOptions::default())?;
/// assert_eq!(parts.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["333", "333", "334"]);
///
/// let first = SplitOptions { residual: ResidualPolicy::First, ..Default::default() };
/// let parts = split("1000".parse().unwrap(), jpy, &thirds, &first)?;
/// assert_eq!(parts.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["334", "333", "333"]);
/// # Ok::<(), ar_core::Error>(())
/// ```
pub fn split(
    total: Decimal,
    currency: Currency,
    parts: &[Part],
    options: &SplitOptions,
) -> Result<Vec<Decimal>, AllocationError> {
    if parts.is_empty() {
        return Err(AllocationError::NoParts);
    }
    let balance_positions: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p, Part::Balance))
        .map(|(i, _)| i)
        .collect();
    if balance_positions.len() > 1 {
        return Err(AllocationError::MultipleBalanceParts {
            count: balance_positions.len(),
        });
    }
    if let Some(&pos) = balance_positions.first() {
        if pos != parts.len() - 1 {
            return Err(AllocationError::BalanceNotLast { position: pos });
        }
    }
    for p in parts {
        if let Part::Fraction {
            numerator,
            denominator,
        } = *p
        {
            if denominator == 0 {
                return Err(AllocationError::InvalidFraction {
                    numerator,
                    denominator,
                });
            }
        }
    }

    let rounding = options.rounding;
    let unit = rounding.unit(currency)?;
    let scale = rounding.scale(currency);

    // Work on the magnitude in whole units of `unit`; every mode is symmetric, so
    // split(-t) == -split(t).
    let negative = total < Decimal::ZERO;
    let total_units = whole_units(total.abs(), unit)?;

    // exact[i]: the part's exact value in units; units[i]: rounded to a whole number.
    let n = parts.len();
    let mut exact: Vec<Ratio> = Vec::with_capacity(n);
    let mut units: Vec<i128> = Vec::with_capacity(n);
    let mut allocated: i128 = 0;
    let percent_of = |base: i128, percent: Decimal| -> Result<Ratio, AllocationError> {
        Ok(Ratio {
            num: base.checked_mul(percent.mantissa()).ok_or_else(overflow)?,
            den: pow10(percent.scale())?
                .checked_mul(100)
                .ok_or_else(overflow)?,
        })
    };
    for part in parts {
        let value = match *part {
            Part::Balance => break,
            Part::Percent { percent } => percent_of(total_units, percent)?,
            Part::PercentOfRemainder { percent } => {
                let remainder = total_units.checked_sub(allocated).ok_or_else(overflow)?;
                percent_of(remainder, percent)?
            }
            Part::Fraction {
                numerator,
                denominator,
            } => Ratio {
                num: total_units
                    .checked_mul(numerator.into())
                    .ok_or_else(overflow)?,
                den: denominator.into(),
            },
            Part::Fixed { amount } => Ratio {
                num: whole_units(amount, unit)?,
                den: 1,
            },
        };
        let k = rounding.mode.round_ratio(value.num, value.den);
        allocated = allocated.checked_add(k).ok_or_else(overflow)?;
        exact.push(value);
        units.push(k);
    }
    let residual = total_units.checked_sub(allocated).ok_or_else(overflow)?;

    if units.len() < n {
        // the balance part takes the rest
        units.push(residual);
    } else {
        let mut covered = Ratio { num: 0, den: 1 };
        for q in &exact {
            covered = covered.add(*q)?;
        }
        if !covered.equals_integer(total_units) {
            let in_money = Ratio {
                num: covered
                    .num
                    .checked_mul(unit.mantissa())
                    .ok_or_else(overflow)?,
                den: covered
                    .den
                    .checked_mul(pow10(unit.scale())?)
                    .ok_or_else(overflow)?,
            };
            let sign = if negative {
                -Decimal::ONE
            } else {
                Decimal::ONE
            };
            return Err(AllocationError::DoesNotCover {
                covered: (in_money.to_decimal_approx() * sign).normalize(),
                total,
            });
        }
        match options.residual {
            ResidualPolicy::Last => units[n - 1] += residual,
            ResidualPolicy::First => units[0] += residual,
            ResidualPolicy::LargestRemainder if residual != 0 => {
                // remainder of part i: exact - rounded, in units
                let mut order: Vec<(usize, Ratio)> = Vec::with_capacity(n);
                for (i, q) in exact.iter().enumerate() {
                    order.push((i, q.minus_integer(units[i])?));
                }
                let mut err = None;
                order.sort_by(|a, b| {
                    let c = b.1.cmp(a.1).unwrap_or_else(|e| {
                        err = Some(e);
                        Ordering::Equal
                    });
                    // Equivalent to Hamilton's method (floor, then one unit each to the
                    // largest remainders, ties to the earlier part): units are added to the
                    // largest remainders first, earlier parts winning ties, and taken back
                    // from the smallest remainders first, later parts losing ties.
                    if residual > 0 {
                        c.then(a.0.cmp(&b.0))
                    } else {
                        c.reverse().then(b.0.cmp(&a.0))
                    }
                });
                if let Some(e) = err {
                    return Err(e);
                }
                let step = residual.signum();
                let count = residual.unsigned_abs();
                for k in 0..count {
                    // `count` is below the number of parts unless rounding was far off;
                    // cycling keeps the sum exact either way
                    let (i, _) = order[(k % n as u128) as usize];
                    units[i] += step;
                }
            }
            ResidualPolicy::LargestRemainder => {}
        }
    }

    let mut out = Vec::with_capacity(n);
    for (position, &k) in units.iter().enumerate() {
        let signed = if negative { -k } else { k };
        let mantissa = signed.checked_mul(unit.mantissa()).ok_or_else(overflow)?;
        let value =
            Decimal::try_from_i128_with_scale(mantissa, unit.scale()).map_err(|_| overflow())?;
        let value = with_scale(value, scale).ok_or_else(overflow)?;
        if k < 0 && !options.allow_negative {
            return Err(AllocationError::NegativePart {
                position,
                amount: value,
                total,
            });
        }
        out.push(value);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn eur() -> Currency {
        Currency::from_code("EUR").unwrap()
    }
    fn strs(v: &[Decimal]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn percents_with_residual_on_last() {
        // 100.00 at 33.33/33.33/33.34 percent is exact
        let parts = [
            Part::percent(d("33.33")),
            Part::percent(d("33.33")),
            Part::percent(d("33.34")),
        ];
        let got = split(d("100"), eur(), &parts, &SplitOptions::default()).unwrap();
        assert_eq!(strs(&got), ["33.33", "33.33", "33.34"]);
        // 10.01 split 50/50: 5.005 rounds half-up to 5.01 twice, last absorbs -0.01
        let halves = [Part::percent(d("50")), Part::percent(d("50"))];
        let got = split(d("10.01"), eur(), &halves, &SplitOptions::default()).unwrap();
        assert_eq!(strs(&got), ["5.01", "5.00"]);
        // half-even: 5.005 -> 5.00, last gets 5.01
        let got = split(
            d("10.01"),
            eur(),
            &halves,
            &SplitOptions::with_mode(RoundingMode::HalfEven),
        )
        .unwrap();
        assert_eq!(strs(&got), ["5.00", "5.01"]);
    }

    #[test]
    fn percent_of_remainder_like_tryton() {
        // 40 % of 100 = 40; 50 % of remaining 60 = 30; balance 30
        let parts = [
            Part::percent(d("40")),
            Part::percent_of_remainder(d("50")),
            Part::Balance,
        ];
        let got = split(d("100.00"), eur(), &parts, &SplitOptions::default()).unwrap();
        assert_eq!(strs(&got), ["40.00", "30.00", "30.00"]);
    }

    #[test]
    fn fixed_follows_the_sign_of_the_total() {
        let parts = [Part::fixed(d("100.00")), Part::Balance];
        let got = split(d("-300.00"), eur(), &parts, &SplitOptions::default()).unwrap();
        assert_eq!(strs(&got), ["-100.00", "-200.00"]);
    }

    #[test]
    fn largest_remainder() {
        // 10.00 in 3 parts: 3.333.. each; one extra cent to the first (ties -> earlier)
        let parts = vec![Part::fraction(1, 3); 3];
        let opts = SplitOptions {
            residual: ResidualPolicy::LargestRemainder,
            ..Default::default()
        };
        let got = split(d("10.00"), eur(), &parts, &opts).unwrap();
        assert_eq!(strs(&got), ["3.34", "3.33", "3.33"]);
        // 1/6, 1/3, 1/2 of 0.10: 0.01666 -> 0.02, 0.0333 -> 0.03, 0.05 => sum 0.10 exact
        let parts = [
            Part::fraction(1, 6),
            Part::fraction(1, 3),
            Part::fraction(1, 2),
        ];
        let got = split(d("0.10"), eur(), &parts, &opts).unwrap();
        assert_eq!(strs(&got), ["0.02", "0.03", "0.05"]);
    }

    #[test]
    fn errors() {
        let o = SplitOptions::default();
        assert_eq!(
            split(d("1"), eur(), &[], &o).unwrap_err().kind(),
            "no_parts"
        );
        assert_eq!(
            split(d("1"), eur(), &[Part::fraction(1, 0)], &o)
                .unwrap_err()
                .kind(),
            "invalid_fraction"
        );
        assert_eq!(
            split(d("1"), eur(), &[Part::Balance, Part::percent(d("1"))], &o)
                .unwrap_err()
                .kind(),
            "balance_not_last"
        );
        assert_eq!(
            split(d("1"), eur(), &[Part::percent(d("50"))], &o)
                .unwrap_err()
                .to_string(),
            "parts add up to `0.5`, not to the total `1`; add a balance part or fix the portions"
        );
        assert_eq!(
            split(d("100"), eur(), &[Part::fixed(d("150")), Part::Balance], &o)
                .unwrap_err()
                .to_string(),
            "part 1 would be `-50.00`, opposite in sign to the total `100`; opt in with allow_negative"
        );
        assert_eq!(
            split(d("1.005"), eur(), &[Part::Balance], &o)
                .unwrap_err()
                .kind(),
            "amount_not_rounded"
        );
        let ok = SplitOptions {
            allow_negative: true,
            ..Default::default()
        };
        assert_eq!(
            strs(
                &split(
                    d("100"),
                    eur(),
                    &[Part::fixed(d("150")), Part::Balance],
                    &ok
                )
                .unwrap()
            ),
            ["150.00", "-50.00"]
        );
    }
}
