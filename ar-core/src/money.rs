//! Currencies, money amounts and explicit rounding.
//!
//! Every amount in ar-core is a [`Decimal`] paired with a [`Currency`]. Rounding is never
//! implicit: a [`RoundingMode`] is always named, and the unit rounded to is either the
//! currency's minor unit (EUR 0.01, JPY 1, KWD 0.001) or a cash-rounding increment
//! (CHF 0.05).
//!
//! ```
//! use ar_core::money::{Currency, Rounding, RoundingMode};
//! use rust_decimal::Decimal;
//!
//! let chf = Currency::from_code("CHF")?;
//! let cash = Rounding::cash(RoundingMode::HalfUp, "0.05".parse().unwrap());
//! assert_eq!(cash.round("10.03".parse::<Decimal>().unwrap(), chf)?.to_string(), "10.05");
//! # Ok::<(), ar_core::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Errors about currencies, amounts and rounding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The code is not an ISO 4217 currency code.
    #[error("unknown currency `{code}`")]
    UnknownCurrency {
        /// The code as given.
        code: String,
    },
    /// The currency has no minor unit (gold, SDR, testing codes) and cannot be rounded.
    #[error("currency `{code}` has no minor unit; give an explicit rounding increment")]
    NoMinorUnit {
        /// The ISO code.
        code: String,
    },
    /// A cash-rounding increment must be strictly positive.
    #[error("rounding increment `{increment}` must be greater than zero")]
    InvalidIncrement {
        /// The increment as given.
        increment: Decimal,
    },
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: `{left}` and `{right}`")]
    CurrencyMismatch {
        /// The first currency.
        left: String,
        /// The second currency.
        right: String,
    },
    /// Text that is not a plain decimal number.
    #[error("invalid amount `{value}`: expected a decimal number such as `1234.50`")]
    InvalidAmount {
        /// The text as given.
        value: String,
    },
    /// A result does not fit in a decimal (about 7.9e28).
    #[error("arithmetic overflow in {operation}")]
    Overflow {
        /// What was being computed.
        operation: &'static str,
    },
}

impl MoneyError {
    /// The stable machine-readable code of this error.
    pub fn kind(&self) -> &'static str {
        match self {
            MoneyError::UnknownCurrency { .. } => "unknown_currency",
            MoneyError::NoMinorUnit { .. } => "no_minor_unit",
            MoneyError::InvalidIncrement { .. } => "invalid_increment",
            MoneyError::CurrencyMismatch { .. } => "currency_mismatch",
            MoneyError::InvalidAmount { .. } => "invalid_amount",
            MoneyError::Overflow { .. } => "overflow",
        }
    }
}

/// An ISO 4217 currency, with its minor units.
///
/// Serializes as its three-letter code (`"EUR"`). The table comes from the maintained
/// `iso_currency` crate.
///
/// ```
/// use ar_core::money::Currency;
/// assert_eq!(Currency::from_code("JPY")?.minor_units(), Some(0));
/// assert_eq!(Currency::from_code("KWD")?.minor_units(), Some(3));
/// assert_eq!(Currency::from_code("eur")?.code(), "EUR");
/// assert!(Currency::from_code("XYZ").is_err());
/// # Ok::<(), ar_core::money::MoneyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// Looks up a currency by its ISO 4217 code (case-insensitive, surrounding spaces ignored).
    ///
    /// # Errors
    /// [`MoneyError::UnknownCurrency`] when the code is not in ISO 4217.
    ///
    /// # Example
    /// ```
    /// let eur = ar_core::money::Currency::from_code("EUR")?;
    /// assert_eq!(eur.to_string(), "EUR");
    /// # Ok::<(), ar_core::money::MoneyError>(())
    /// ```
    pub fn from_code(code: &str) -> Result<Self, MoneyError> {
        let upper = code.trim().to_ascii_uppercase();
        iso_currency::Currency::from_code(&upper)
            .map(Currency)
            .ok_or_else(|| MoneyError::UnknownCurrency {
                code: code.to_string(),
            })
    }

    /// The three-letter ISO code, e.g. `"EUR"`.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The English name, e.g. `"Euro"`.
    pub fn name(&self) -> String {
        self.0.name().to_string()
    }

    /// Number of decimal places of the minor unit (EUR 2, JPY 0, KWD 3); `None` for codes
    /// without one (XAU, XDR, ...).
    pub fn minor_units(&self) -> Option<u32> {
        self.0.exponent().map(u32::from)
    }

    /// The smallest unit of the currency as a decimal (EUR `0.01`, JPY `1`, KWD `0.001`).
    ///
    /// # Errors
    /// [`MoneyError::NoMinorUnit`] for codes without a minor unit.
    ///
    /// # Example
    /// ```
    /// let kwd = ar_core::money::Currency::from_code("KWD")?;
    /// assert_eq!(kwd.minor_unit()?.to_string(), "0.001");
    /// # Ok::<(), ar_core::money::MoneyError>(())
    /// ```
    pub fn minor_unit(&self) -> Result<Decimal, MoneyError> {
        let dp = self.minor_units().ok_or_else(|| MoneyError::NoMinorUnit {
            code: self.code().to_string(),
        })?;
        Ok(Decimal::new(1, dp))
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::from_code(&code).map_err(serde::de::Error::custom)
    }
}

/// How a value between two representable amounts is rounded.
///
/// All modes are symmetric around zero, so a credit note rounds like the invoice it mirrors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half away from zero: 2.345 -> 2.35, -2.345 -> -2.35 (commercial rounding; Odoo, most ERPs).
    #[default]
    HalfUp,
    /// Half to even, banker's rounding: 2.345 -> 2.34, 2.355 -> 2.36 (Tryton, some ERPNext sites).
    HalfEven,
    /// Toward zero (truncate): 2.349 -> 2.34.
    Down,
    /// Away from zero: 2.341 -> 2.35.
    Up,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
        }
    }

    /// Rounds the exact quotient `num / den` (with `den > 0`) to an integer in this mode.
    ///
    /// Exact for every `i128` input: no intermediate decimal approximation is made.
    pub(crate) fn round_ratio(self, num: i128, den: i128) -> i128 {
        debug_assert!(den > 0);
        let q = num / den; // truncates toward zero
        let r = num % den; // same sign as num
        if r == 0 {
            return q;
        }
        let away = if num < 0 { q - 1 } else { q + 1 };
        let twice = r.unsigned_abs().saturating_mul(2);
        let den_u = den.unsigned_abs();
        match self {
            RoundingMode::Down => q,
            RoundingMode::Up => away,
            RoundingMode::HalfUp => {
                if twice >= den_u {
                    away
                } else {
                    q
                }
            }
            RoundingMode::HalfEven => match twice.cmp(&den_u) {
                std::cmp::Ordering::Greater => away,
                std::cmp::Ordering::Less => q,
                std::cmp::Ordering::Equal => {
                    if q % 2 == 0 {
                        q
                    } else {
                        away
                    }
                }
            },
        }
    }
}

/// A rounding rule: a mode and the unit to round to.
///
/// With `increment: None` amounts round to the currency's minor unit; with an increment they
/// round to a multiple of it (cash rounding, e.g. CHF `0.05`). Results always carry the
/// currency's number of decimal places (`"10.00"`, not `"10"`), so printed amounts are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// How ties and remainders are resolved.
    #[serde(default)]
    pub mode: RoundingMode,
    /// Round to multiples of this amount instead of the minor unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<Decimal>,
}

impl Rounding {
    /// Rounding to the currency's minor unit with `mode`.
    pub fn new(mode: RoundingMode) -> Self {
        Rounding {
            mode,
            increment: None,
        }
    }

    /// Cash rounding to multiples of `increment` with `mode`.
    pub fn cash(mode: RoundingMode, increment: Decimal) -> Self {
        Rounding {
            mode,
            increment: Some(increment),
        }
    }

    /// The unit amounts are rounded to for `currency`.
    ///
    /// # Errors
    /// [`MoneyError::InvalidIncrement`] for an increment of zero or less;
    /// [`MoneyError::NoMinorUnit`] when no increment is given and the currency has no minor unit.
    ///
    /// # Example
    /// ```
    /// use ar_core::money::{Currency, Rounding, RoundingMode};
    /// let jpy = Currency::from_code("JPY")?;
    /// assert_eq!(Rounding::new(RoundingMode::HalfUp).unit(jpy)?.to_string(), "1");
    /// # Ok::<(), ar_core::money::MoneyError>(())
    /// ```
    pub fn unit(&self, currency: Currency) -> Result<Decimal, MoneyError> {
        match self.increment {
            Some(inc) if inc <= Decimal::ZERO => {
                Err(MoneyError::InvalidIncrement { increment: inc })
            }
            Some(inc) => Ok(inc),
            None => currency.minor_unit(),
        }
    }

    /// The number of decimal places results are printed with for `currency`.
    pub(crate) fn scale(&self, currency: Currency) -> u32 {
        let minor = currency.minor_units().unwrap_or(0);
        match self.increment {
            Some(inc) => minor.max(inc.normalize().scale()),
            None => minor,
        }
    }

    /// Rounds `amount` to the unit of `currency` (or the increment) with this mode.
    ///
    /// # Errors
    /// As [`Rounding::unit`], and [`MoneyError::Overflow`] when the result does not fit.
    ///
    /// # Example
    /// ```
    /// use ar_core::money::{Currency, Rounding, RoundingMode};
    /// let eur = Currency::from_code("EUR")?;
    /// let x: rust_decimal::Decimal = "2.345".parse().unwrap();
    /// assert_eq!(Rounding::new(RoundingMode::HalfUp).round(x, eur)?.to_string(), "2.35");
    /// assert_eq!(Rounding::new(RoundingMode::HalfEven).round(x, eur)?.to_string(), "2.34");
    /// # Ok::<(), ar_core::money::MoneyError>(())
    /// ```
    pub fn round(&self, amount: Decimal, currency: Currency) -> Result<Decimal, MoneyError> {
        let unit = self.unit(currency)?;
        let scale = self.scale(currency);
        let overflow = MoneyError::Overflow {
            operation: "rounding",
        };
        let rounded = if self.increment.is_none() {
            amount.round_dp_with_strategy(scale, self.mode.strategy())
        } else {
            let steps = amount
                .checked_div(unit)
                .ok_or(overflow.clone())?
                .round_dp_with_strategy(0, self.mode.strategy());
            steps.checked_mul(unit).ok_or(overflow.clone())?
        };
        with_scale(rounded, scale).ok_or(overflow)
    }

    /// Whether `amount` is already a whole multiple of the rounding unit.
    ///
    /// # Errors
    /// As [`Rounding::unit`].
    ///
    /// # Example
    /// ```
    /// use ar_core::money::{Currency, Rounding};
    /// let chf = Currency::from_code("CHF")?;
    /// let cash = Rounding::cash(Default::default(), "0.05".parse().unwrap());
    /// assert!(cash.is_rounded("10.05".parse().unwrap(), chf)?);
    /// assert!(!cash.is_rounded("10.02".parse().unwrap(), chf)?);
    /// # Ok::<(), ar_core::money::MoneyError>(())
    /// ```
    pub fn is_rounded(&self, amount: Decimal, currency: Currency) -> Result<bool, MoneyError> {
        let unit = self.unit(currency)?;
        Ok(amount
            .checked_rem(unit)
            .map(|r| r.is_zero())
            .unwrap_or(false))
    }
}

/// Parses a decimal amount from text, exactly: `"1234.50"`, `"-0.5"`, `"1000"`.
///
/// Only a plain decimal is accepted (optional `-`, digits, optional fraction); no `+`, no exponent,
/// no thousands separators, no surrounding spaces, at most 28 significant digits. The scale is
/// kept (`"1.50"` stays `1.50`). Bindings use this for amounts that arrive as strings.
///
/// # Errors
/// [`MoneyError::InvalidAmount`] for anything else.
///
/// # Example
/// ```
/// use ar_core::money::parse_amount;
/// assert_eq!(parse_amount("1234.50")?.to_string(), "1234.50");
/// assert_eq!(parse_amount("1e3").unwrap_err().kind(), "invalid_amount");
/// # Ok::<(), ar_core::money::MoneyError>(())
/// ```
pub fn parse_amount(text: &str) -> Result<Decimal, MoneyError> {
    let invalid = || MoneyError::InvalidAmount {
        value: text.to_string(),
    };
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty()
        || !digits_ok(int)
        || !digits_ok(frac)
        || (body.contains('.') && frac.is_empty())
    {
        return Err(invalid());
    }
    Decimal::from_str_exact(text).map_err(|_| invalid())
}

/// Returns `value` printed with exactly `scale` decimal places when that is lossless.
pub(crate) fn with_scale(value: Decimal, scale: u32) -> Option<Decimal> {
    let mut v = value;
    if v.scale() > scale {
        v = v.normalize();
        if v.scale() > scale {
            return Some(value);
        }
    }
    v.rescale(scale);
    if v == value {
        Some(v)
    } else {
        None
    }
}

/// An amount in a currency.
///
/// JSON: `{"amount": "12.30", "currency": "EUR"}` (the amount is always a string).
///
/// ```
/// use ar_core::money::{Currency, Money};
/// let m = Money::new("12.30".parse().unwrap(), Currency::from_code("EUR")?);
/// assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"amount":"12.30","currency":"EUR"}"#);
/// # Ok::<(), ar_core::money::MoneyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The exact amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// Pairs an amount with a currency.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Adds two amounts of the same currency.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] for different currencies; [`MoneyError::Overflow`].
    ///
    /// # Example
    /// ```
    /// use ar_core::money::{Currency, Money};
    /// let eur = Currency::from_code("EUR")?;
    /// let a = Money::new("1.10".parse().unwrap(), eur);
    /// assert_eq!(a.checked_add(a)?.amount.to_string(), "2.20");
    /// # Ok::<(), ar_core::money::MoneyError>(())
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch {
                left: self.currency.code().into(),
                right: other.currency.code().into(),
            });
        }
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow {
                operation: "addition",
            })?;
        Ok(Money::new(amount, self.currency))
    }

    /// Rounds the amount with `rounding` in its own currency.
    ///
    /// # Errors
    /// As [`Rounding::round`].
    ///
    /// # Example
    /// ```
    /// use ar_core::money::{Currency, Money, Rounding, RoundingMode};
    /// let m = Money::new("1000.5".parse().unwrap(), Currency::from_code("JPY")?);
    /// assert_eq!(m.round(Rounding::new(RoundingMode::HalfEven))?.amount.to_string(), "1000");
    /// # Ok::<(), ar_core::money::MoneyError>(())
    /// ```
    pub fn round(self, rounding: Rounding) -> Result<Money, MoneyError> {
        Ok(Money::new(
            rounding.round(self.amount, self.currency)?,
            self.currency,
        ))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn minor_units_from_the_iso_table() {
        for (code, units) in [("EUR", 2), ("JPY", 0), ("KWD", 3), ("BHD", 3), ("CHF", 2)] {
            assert_eq!(
                Currency::from_code(code).unwrap().minor_units(),
                Some(units)
            );
        }
        assert_eq!(Currency::from_code("XAU").unwrap().minor_units(), None);
    }

    #[test]
    fn every_mode_on_ties_and_negatives() {
        let eur = Currency::from_code("EUR").unwrap();
        let cases = [
            (RoundingMode::HalfUp, "2.345", "2.35"),
            (RoundingMode::HalfUp, "-2.345", "-2.35"),
            (RoundingMode::HalfEven, "2.345", "2.34"),
            (RoundingMode::HalfEven, "2.355", "2.36"),
            (RoundingMode::Down, "2.349", "2.34"),
            (RoundingMode::Down, "-2.349", "-2.34"),
            (RoundingMode::Up, "2.341", "2.35"),
            (RoundingMode::Up, "-2.341", "-2.35"),
            (RoundingMode::HalfUp, "7", "7.00"),
        ];
        for (mode, input, expected) in cases {
            let got = Rounding::new(mode).round(d(input), eur).unwrap();
            assert_eq!(got.to_string(), expected, "{mode:?} {input}");
        }
    }

    #[test]
    fn cash_rounding_to_five_rappen() {
        let chf = Currency::from_code("CHF").unwrap();
        let r = Rounding::cash(RoundingMode::HalfUp, d("0.05"));
        for (input, expected) in [
            ("10.02", "10.00"),
            ("10.025", "10.05"),
            ("10.03", "10.05"),
            ("10.07", "10.05"),
            ("10.075", "10.10"),
        ] {
            assert_eq!(r.round(d(input), chf).unwrap().to_string(), expected);
        }
        assert_eq!(
            Rounding::cash(RoundingMode::HalfUp, d("0"))
                .round(d("1"), chf)
                .unwrap_err()
                .kind(),
            "invalid_increment"
        );
    }

    #[test]
    fn parse_amount_is_strict_and_keeps_scale() {
        for ok in ["0", "1.50", "-12.345", "79228162514264337593543950335"] {
            assert_eq!(parse_amount(ok).unwrap().to_string(), ok);
        }
        for bad in [
            "",
            "-",
            "+7",
            "1.",
            ".5",
            "1e3",
            " 1",
            "1,000.00",
            "NaN",
            "0x10",
            "1.2.3",
            "79228162514264337593543950336",
        ] {
            assert_eq!(
                parse_amount(bad).unwrap_err().kind(),
                "invalid_amount",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn round_ratio_is_exact() {
        use RoundingMode::*;
        assert_eq!(HalfUp.round_ratio(5, 2), 3);
        assert_eq!(HalfUp.round_ratio(-5, 2), -3);
        assert_eq!(HalfEven.round_ratio(5, 2), 2);
        assert_eq!(HalfEven.round_ratio(7, 2), 4);
        assert_eq!(HalfEven.round_ratio(-7, 2), -4);
        assert_eq!(Down.round_ratio(-7, 3), -2);
        assert_eq!(Up.round_ratio(-7, 3), -3);
        assert_eq!(Up.round_ratio(6, 3), 2);
        assert_eq!(HalfUp.round_ratio(1000, 3), 333);
    }

    #[test]
    fn error_messages() {
        let cases: Vec<(MoneyError, &str, &str)> = vec![
            (
                MoneyError::UnknownCurrency { code: "XYZ".into() },
                "unknown_currency",
                "unknown currency `XYZ`",
            ),
            (
                MoneyError::NoMinorUnit { code: "XAU".into() },
                "no_minor_unit",
                "currency `XAU` has no minor unit; give an explicit rounding increment",
            ),
            (
                MoneyError::InvalidIncrement { increment: d("0") },
                "invalid_increment",
                "rounding increment `0` must be greater than zero",
            ),
            (
                MoneyError::CurrencyMismatch {
                    left: "EUR".into(),
                    right: "USD".into(),
                },
                "currency_mismatch",
                "currency mismatch: `EUR` and `USD`",
            ),
            (
                MoneyError::InvalidAmount {
                    value: "1e3".into(),
                },
                "invalid_amount",
                "invalid amount `1e3`: expected a decimal number such as `1234.50`",
            ),
            (
                MoneyError::Overflow {
                    operation: "rounding",
                },
                "overflow",
                "arithmetic overflow in rounding",
            ),
        ];
        for (err, kind, msg) in cases {
            assert_eq!(err.kind(), kind);
            assert_eq!(err.to_string(), msg);
        }
    }
}
