//! Exchange rates supplied by the host, and exact conversion between currencies.
//!
//! The core never fetches rates: the host passes quotes, each effective from a date, and the
//! core looks up the quote in force on a given day. A quote `{"from": "USD", "to": "EUR",
//! "rate": "0.92"}` means 1 USD = 0.92 EUR. The rate in force on a day is the latest quote
//! dated on or before that day, for the pair in either direction: the inverse quote
//! `EUR -> USD` is used as `1 / rate` when it is the more recent one (a tie goes to the direct
//! quote). There is no staleness limit: the host decides which quotes to supply.
//!
//! Conversions are exact: `amount × rate` (or `amount / rate` for an inverse quote) is computed
//! as an exact integer ratio and rounded once, half up, to the target currency's minor unit.
//! No intermediate decimal is truncated.
//!
//! ```
//! use ar_core::fx::{RateQuote, RateTable};
//! use ar_core::money::Currency;
//! use chrono::NaiveDate;
//! let (usd, eur) = (Currency::from_code("USD")?, Currency::from_code("EUR")?);
//! let jan = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
//! let mut rates = RateTable::new();
//! rates.insert(jan(1), &RateQuote::new(usd, eur, "0.92".parse().unwrap()))?;
//! assert_eq!(rates.convert("100.00".parse().unwrap(), usd, eur, jan(15))?.to_string(), "92.00");
//! // the inverse direction divides: 100.00 / 0.92 = 108.6956... -> 108.70
//! assert_eq!(rates.convert("100.00".parse().unwrap(), eur, usd, jan(15))?.to_string(), "108.70");
//! assert_eq!(rates.convert("1.00".parse().unwrap(), usd, eur, jan(1).pred_opt().unwrap())
//!     .unwrap_err().kind(), "missing_rate");
//! # Ok::<(), ar_core::Error>(())
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::{Currency, MoneyError, RoundingMode};

/// Errors of rate lookup and conversion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FxError {
    /// No quote for the pair (in either direction) is dated on or before the day.
    #[error("no exchange rate `{from}` -> `{to}` on or before {date}")]
    MissingRate {
        /// The source currency.
        from: String,
        /// The target currency.
        to: String,
        /// The day a rate was needed for.
        date: NaiveDate,
    },
    /// A rate of zero or less, or a quote from a currency to itself.
    #[error("invalid exchange rate `{rate}` for {from} -> {to}: it must be greater than zero, between two different currencies")]
    InvalidRate {
        /// The source currency.
        from: String,
        /// The target currency.
        to: String,
        /// The rate as given.
        rate: Decimal,
    },
    /// A currency without minor unit, or a product too large for exact arithmetic.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl FxError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::fx::FxError::MissingRate { from: "USD".into(), to: "EUR".into(),
    ///     date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() };
    /// assert_eq!(e.kind(), "missing_rate");
    /// assert_eq!(e.to_string(), "no exchange rate `USD` -> `EUR` on or before 2024-01-01");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            FxError::MissingRate { .. } => "missing_rate",
            FxError::InvalidRate { .. } => "invalid_rate",
            FxError::Money(e) => e.kind(),
        }
    }
}

/// One quote: 1 `from` = `rate` `to`. JSON: `{"from": "USD", "to": "EUR", "rate": "0.92"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateQuote {
    /// The currency quoted.
    pub from: Currency,
    /// The currency it is quoted in.
    pub to: Currency,
    /// How many units of `to` one unit of `from` buys (positive).
    pub rate: Decimal,
}

impl RateQuote {
    /// A quote.
    ///
    /// # Example
    /// ```
    /// use ar_core::{fx::RateQuote, money::Currency};
    /// let q = RateQuote::new(Currency::from_code("USD")?, Currency::from_code("EUR")?, "0.92".parse().unwrap());
    /// assert_eq!(serde_json::to_string(&q).unwrap(), r#"{"from":"USD","to":"EUR","rate":"0.92"}"#);
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn new(from: Currency, to: Currency, rate: Decimal) -> Self {
        RateQuote { from, to, rate }
    }

    /// Checks the rate is positive and the currencies differ.
    ///
    /// # Errors
    /// [`FxError::InvalidRate`].
    ///
    /// # Example
    /// ```
    /// use ar_core::{fx::RateQuote, money::Currency};
    /// let eur = Currency::from_code("EUR")?;
    /// assert_eq!(RateQuote::new(eur, eur, "1".parse().unwrap()).validate().unwrap_err().kind(), "invalid_rate");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn validate(&self) -> Result<(), FxError> {
        if self.rate <= Decimal::ZERO || self.from == self.to {
            return Err(FxError::InvalidRate {
                from: self.from.code().to_string(),
                to: self.to.code().to_string(),
                rate: self.rate,
            });
        }
        Ok(())
    }
}

/// A quote with the day it takes effect: `{"date": "2024-01-01", "from": "USD", "to": "EUR",
/// "rate": "0.92"}`. The serialized form of a [`RateTable`] is a list of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedRate {
    /// The first day the quote is in force.
    pub date: NaiveDate,
    /// The currency quoted.
    pub from: Currency,
    /// The currency it is quoted in.
    pub to: Currency,
    /// How many units of `to` one unit of `from` buys.
    pub rate: Decimal,
}

/// The rate found for a pair on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// The quote's value as stored (for an inverse quote, the `to -> from` value).
    pub quoted: Decimal,
    /// `true` when the quote is for the inverse pair, so converting divides by `quoted`.
    pub inverse: bool,
    /// The day the quote took effect.
    pub date: NaiveDate,
}

impl Rate {
    /// The identity rate (same currency): `1`, not inverse.
    fn identity(date: NaiveDate) -> Rate {
        Rate {
            quoted: Decimal::ONE,
            inverse: false,
            date,
        }
    }

    /// Converts `amount` with this rate, rounded half up to `to`'s minor unit, exactly.
    ///
    /// # Errors
    /// [`MoneyError::NoMinorUnit`] for `to`, or [`MoneyError::Overflow`] when the exact
    /// product does not fit in 128 bits.
    ///
    /// # Example
    /// ```
    /// use ar_core::{fx::RateTable, money::Currency};
    /// let (usd, jpy) = (Currency::from_code("USD")?, Currency::from_code("JPY")?);
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// let rate = RateTable::new().rate(usd, usd, day)?;
    /// assert_eq!(rate.convert("12.345".parse().unwrap(), usd)?.to_string(), "12.35");
    /// assert_eq!(rate.convert("12.5".parse().unwrap(), jpy)?.to_string(), "13");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn convert(&self, amount: Decimal, to: Currency) -> Result<Decimal, MoneyError> {
        let dp = to.minor_units().ok_or_else(|| MoneyError::NoMinorUnit {
            code: to.code().to_string(),
        })?;
        let overflow = || MoneyError::Overflow {
            operation: "currency conversion",
        };
        let pow = |e: u32| 10i128.checked_pow(e).ok_or_else(overflow);
        let (ma, sa) = (amount.mantissa(), amount.scale());
        let (mr, sr) = (self.quoted.mantissa(), self.quoted.scale());
        // amount = ma / 10^sa, rate = mr / 10^sr; result in units of 10^-dp.
        let (num, den) = if self.inverse {
            (
                ma.checked_mul(pow(sr + dp)?).ok_or_else(overflow)?,
                mr.checked_mul(pow(sa)?).ok_or_else(overflow)?,
            )
        } else {
            (
                ma.checked_mul(mr)
                    .and_then(|p| p.checked_mul(pow(dp).ok()?))
                    .ok_or_else(overflow)?,
                pow(sa + sr)?,
            )
        };
        if den <= 0 {
            return Err(overflow());
        }
        let units = RoundingMode::HalfUp.round_ratio(num, den);
        Decimal::try_from_i128_with_scale(units, dp).map_err(|_| overflow())
    }
}

/// Quotes by currency pair and effective date. Serializes as a sorted list of [`DatedRate`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RateTable {
    quotes: BTreeMap<(Currency, Currency), BTreeMap<NaiveDate, Decimal>>,
}

impl RateTable {
    /// An empty table.
    ///
    /// # Example
    /// ```
    /// assert!(ar_core::fx::RateTable::new().is_empty());
    /// ```
    pub fn new() -> Self {
        RateTable::default()
    }

    /// `true` when the table holds no quote.
    ///
    /// # Example
    /// ```
    /// assert!(ar_core::fx::RateTable::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty()
    }

    /// Records `quote` as in force from `date` (replacing a quote for the same pair and day).
    ///
    /// # Errors
    /// [`FxError::InvalidRate`] for a rate of zero or less or a pair of one currency; the table
    /// is then unchanged.
    ///
    /// # Example
    /// ```
    /// use ar_core::{fx::{RateQuote, RateTable}, money::Currency};
    /// let mut t = RateTable::new();
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// let bad = RateQuote::new(Currency::from_code("USD")?, Currency::from_code("EUR")?, "0".parse().unwrap());
    /// assert_eq!(t.insert(day, &bad).unwrap_err().kind(), "invalid_rate");
    /// assert!(t.is_empty());
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn insert(&mut self, date: NaiveDate, quote: &RateQuote) -> Result<(), FxError> {
        quote.validate()?;
        self.quotes
            .entry((quote.from, quote.to))
            .or_default()
            .insert(date, quote.rate);
        Ok(())
    }

    fn latest(
        &self,
        from: Currency,
        to: Currency,
        date: NaiveDate,
    ) -> Option<(NaiveDate, Decimal)> {
        self.quotes
            .get(&(from, to))
            .and_then(|m| m.range(..=date).next_back())
            .map(|(d, r)| (*d, *r))
    }

    /// The rate in force for `from -> to` on `date` (identity for one currency).
    ///
    /// # Errors
    /// [`FxError::MissingRate`] when no quote for the pair, in either direction, is dated on or
    /// before `date`.
    ///
    /// # Example
    /// ```
    /// use ar_core::{fx::{RateQuote, RateTable}, money::Currency};
    /// let (usd, eur) = (Currency::from_code("USD")?, Currency::from_code("EUR")?);
    /// let d = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// let mut t = RateTable::new();
    /// t.insert(d(1, 1), &RateQuote::new(usd, eur, "0.90".parse().unwrap()))?;
    /// t.insert(d(2, 1), &RateQuote::new(eur, usd, "1.25".parse().unwrap()))?;
    /// let r = t.rate(usd, eur, d(1, 31))?;
    /// assert_eq!((r.quoted.to_string(), r.inverse), ("0.90".to_string(), false));
    /// let r = t.rate(usd, eur, d(2, 1))?; // the more recent inverse quote wins
    /// assert_eq!((r.quoted.to_string(), r.inverse), ("1.25".to_string(), true));
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn rate(&self, from: Currency, to: Currency, date: NaiveDate) -> Result<Rate, FxError> {
        if from == to {
            return Ok(Rate::identity(date));
        }
        let direct = self.latest(from, to, date);
        let inverse = self.latest(to, from, date);
        let pick = match (direct, inverse) {
            (Some(d), Some(i)) if i.0 > d.0 => Some((i, true)),
            (Some(d), _) => Some((d, false)),
            (None, Some(i)) => Some((i, true)),
            (None, None) => None,
        };
        pick.map(|((day, quoted), inverse)| Rate {
            quoted,
            inverse,
            date: day,
        })
        .ok_or_else(|| FxError::MissingRate {
            from: from.code().to_string(),
            to: to.code().to_string(),
            date,
        })
    }

    /// Converts `amount` from `from` to `to` at the rate in force on `date`, rounded half up to
    /// `to`'s minor unit, exactly (see [`Rate::convert`]).
    ///
    /// # Errors
    /// [`FxError::MissingRate`], or [`FxError::Money`] for a currency without minor unit or
    /// overflow.
    ///
    /// # Example
    /// ```
    /// use ar_core::{fx::{RateQuote, RateTable}, money::Currency};
    /// let (usd, kwd) = (Currency::from_code("USD")?, Currency::from_code("KWD")?);
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    /// let mut t = RateTable::new();
    /// t.insert(day, &RateQuote::new(kwd, usd, "3.2515".parse().unwrap()))?;
    /// // 100.00 USD / 3.2515 = 30.75503... KWD -> 30.755
    /// assert_eq!(t.convert("100.00".parse().unwrap(), usd, kwd, day)?.to_string(), "30.755");
    /// # Ok::<(), ar_core::Error>(())
    /// ```
    pub fn convert(
        &self,
        amount: Decimal,
        from: Currency,
        to: Currency,
        date: NaiveDate,
    ) -> Result<Decimal, FxError> {
        Ok(self.rate(from, to, date)?.convert(amount, to)?)
    }

    /// Every quote, sorted by pair then date.
    ///
    /// # Example
    /// ```
    /// assert_eq!(ar_core::fx::RateTable::new().quotes().count(), 0);
    /// ```
    pub fn quotes(&self) -> impl Iterator<Item = DatedRate> + '_ {
        self.quotes.iter().flat_map(|((from, to), by_date)| {
            by_date.iter().map(move |(date, rate)| DatedRate {
                date: *date,
                from: *from,
                to: *to,
                rate: *rate,
            })
        })
    }
}

impl Serialize for RateTable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.quotes())
    }
}

impl<'de> Deserialize<'de> for RateTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<DatedRate>::deserialize(d)?;
        let mut table = RateTable::new();
        for r in list {
            table
                .insert(r.date, &RateQuote::new(r.from, r.to, r.rate))
                .map_err(serde::de::Error::custom)?;
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(code: &str) -> Currency {
        Currency::from_code(code).unwrap()
    }
    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn day(m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, dd).unwrap()
    }

    #[test]
    fn half_up_ties_are_exact() {
        let mut t = RateTable::new();
        t.insert(day(1, 1), &RateQuote::new(c("USD"), c("EUR"), d("0.5")))
            .unwrap();
        // 0.01 × 0.5 = 0.005 -> 0.01 (half up); 0.03 × 0.5 = 0.015 -> 0.02
        assert_eq!(
            t.convert(d("0.01"), c("USD"), c("EUR"), day(1, 1)).unwrap(),
            d("0.01")
        );
        assert_eq!(
            t.convert(d("0.03"), c("USD"), c("EUR"), day(1, 1)).unwrap(),
            d("0.02")
        );
        // inverse: 0.01 EUR / 0.5 = 0.02 USD exactly
        assert_eq!(
            t.convert(d("0.01"), c("EUR"), c("USD"), day(1, 1))
                .unwrap()
                .to_string(),
            "0.02"
        );
        // a third: 1.00 / 3 = 0.333.. -> 0.33
        t.insert(day(1, 1), &RateQuote::new(c("GBP"), c("EUR"), d("3")))
            .unwrap();
        assert_eq!(
            t.convert(d("1.00"), c("EUR"), c("GBP"), day(1, 1))
                .unwrap()
                .to_string(),
            "0.33"
        );
        // negative amounts round away from zero on ties too
        assert_eq!(
            t.convert(d("-0.01"), c("USD"), c("EUR"), day(1, 1))
                .unwrap()
                .to_string(),
            "-0.01"
        );
    }

    #[test]
    fn lookup_takes_latest_on_or_before() {
        let mut t = RateTable::new();
        t.insert(day(1, 1), &RateQuote::new(c("USD"), c("EUR"), d("0.90")))
            .unwrap();
        t.insert(day(1, 10), &RateQuote::new(c("USD"), c("EUR"), d("0.95")))
            .unwrap();
        assert_eq!(
            t.rate(c("USD"), c("EUR"), day(1, 9)).unwrap().quoted,
            d("0.90")
        );
        assert_eq!(
            t.rate(c("USD"), c("EUR"), day(1, 10)).unwrap().quoted,
            d("0.95")
        );
        let e = t.rate(c("USD"), c("GBP"), day(1, 10)).unwrap_err();
        assert_eq!(e.kind(), "missing_rate");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"[{"date":"2024-01-01","from":"USD","to":"EUR","rate":"0.90"},{"date":"2024-01-10","from":"USD","to":"EUR","rate":"0.95"}]"#
        );
        assert_eq!(serde_json::from_str::<RateTable>(&json).unwrap(), t);
    }

    #[test]
    fn overflow_is_an_error() {
        let mut t = RateTable::new();
        t.insert(day(1, 1), &RateQuote::new(c("USD"), c("EUR"), Decimal::MAX))
            .unwrap();
        let e = t
            .convert(Decimal::MAX, c("USD"), c("EUR"), day(1, 1))
            .unwrap_err();
        assert_eq!(e.kind(), "overflow");
    }
}
