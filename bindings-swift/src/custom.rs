//! Custom types: core values that cross the boundary as strings.
//!
//! | Rust | wire | Swift | Kotlin |
//! |---|---|---|---|
//! | `rust_decimal::Decimal` | `"12.30"` | `Foundation.Decimal` | `java.math.BigDecimal` |
//! | `chrono::NaiveDate` | `"2024-01-15"` | `String` | `java.time.LocalDate` |
//! | `ar_core::money::Currency` | `"EUR"` | `String` | `String` |
//!
//! The foreign-side mappings are in `uniffi.toml`. Money never crosses as a float.
//!
//! A value that does not convert (a Kotlin `BigDecimal` beyond the 28 digits of a
//! `rust_decimal`, a Swift `Decimal.nan`, a date beyond chrono's range) fails with an
//! [`ArCoreError`] carrying a core kind (`overflow`, `date_out_of_range`, `unknown_currency`):
//! uniffi hands a lift error of the function's own error type back as that typed error, so it
//! is thrown as `ArCoreError` / `ArCoreException`, not as an internal error.

use ar_core::calendar::CalendarError;
use ar_core::money::{Currency, MoneyError};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::ArCoreError;

/// Reads a decimal as the foreign side writes it (`"12.30"`, `"-5"`; scientific notation
/// too, which neither `toPlainString()` nor Swift's `description` produce).
fn decimal_from_wire(text: String) -> uniffi::Result<Decimal> {
    ar_core::money::parse_amount(&text)
        .or_else(|e| Decimal::from_scientific(&text).map_err(|_| e))
        .map_err(|e| {
            // A plain number that does not parse is one a 96-bit decimal cannot hold (more
            // than 28 significant digits); anything else (NaN) is not an amount at all.
            let plain = !text.is_empty()
                && text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"+-.".contains(&b));
            let err = if plain {
                MoneyError::Overflow {
                    operation: "decimal conversion (at most 28 significant digits)",
                }
            } else {
                e
            };
            ArCoreError::from(err).into()
        })
}

/// Reads an ISO date `YYYY-MM-DD` with the core's strict parser.
fn date_from_wire(text: String) -> uniffi::Result<NaiveDate> {
    ar_core::calendar::parse_date(&text).map_err(|e| {
        // Kotlin writes years beyond 9999 as `+300000-01-01`: a real date, out of range here.
        let year_digits = text
            .trim_start_matches(['+', '-'])
            .split('-')
            .next()
            .map_or(0, str::len);
        let err = if year_digits > 4 && text.bytes().filter(|b| *b == b'-').count() >= 2 {
            CalendarError::DateOutOfRange {
                date: if text.starts_with('-') {
                    NaiveDate::MIN
                } else {
                    NaiveDate::MAX
                },
                operation: format!("reading `{text}` as a date (YYYY-MM-DD)"),
            }
        } else {
            e
        };
        ArCoreError::from(err).into()
    })
}

fn currency_from_wire(code: String) -> uniffi::Result<Currency> {
    Currency::from_code(&code).map_err(|e| ArCoreError::from(e).into())
}

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |d| d.to_string(),
    try_lift: |text| decimal_from_wire(text),
});

uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |text| date_from_wire(text),
});

uniffi::custom_type!(Currency, String, {
    remote,
    lower: |c| c.code().to_string(),
    try_lift: |text| currency_from_wire(text),
});

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(e: uniffi::deps::anyhow::Error) -> String {
        match e.downcast::<ArCoreError>().unwrap() {
            ArCoreError::Money { kind, .. } | ArCoreError::Calendar { kind, .. } => kind,
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn strings_in_and_out() {
        assert_eq!(
            decimal_from_wire("1.80".into()).unwrap().to_string(),
            "1.80"
        );
        assert_eq!(
            decimal_from_wire("1E+3".into()).unwrap().to_string(),
            "1000"
        );
        assert_eq!(
            date_from_wire("2024-02-29".into()).unwrap().to_string(),
            "2024-02-29"
        );
        assert_eq!(currency_from_wire("jpy".into()).unwrap().code(), "JPY");
    }

    #[test]
    fn unconvertible_values_are_typed_errors() {
        let too_big = "1".repeat(40);
        assert_eq!(kind_of(decimal_from_wire(too_big).unwrap_err()), "overflow");
        assert_eq!(
            kind_of(decimal_from_wire("NaN".into()).unwrap_err()),
            "invalid_amount"
        );
        assert_eq!(
            kind_of(date_from_wire("+300000-01-01".into()).unwrap_err()),
            "date_out_of_range"
        );
        assert_eq!(
            kind_of(date_from_wire("2024-13-01".into()).unwrap_err()),
            "invalid_date"
        );
        assert_eq!(
            kind_of(currency_from_wire("XYZ".into()).unwrap_err()),
            "unknown_currency"
        );
    }
}
