//! Multi-currency: payments in another currency, booking rates, realized and unrealized FX.
//! Every expected figure is worked by hand in the comment beside it.

mod ledger_common;

use ar_core::documents::DocumentKind;
use ar_core::fx::{RateQuote, RateTable};
use ar_core::ledger::{Account, AccountConfig, EventBody};
use ar_core::money::Currency;
use ar_core::Decimal;
use ledger_common::*;
use proptest::prelude::*;

fn c(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}

fn rates(from: &str, to: &str, rate: &str) -> EventBody {
    EventBody::RatesPublished {
        rates: vec![RateQuote::new(c(from), c(to), d(rate))],
    }
}

/// A EUR account reported in USD.
fn usd_reported() -> Book {
    let mut config = AccountConfig::new("ACME", eur());
    config.reporting_currency = Some(c("USD"));
    Book::with_config(config)
}

fn foreign_payment(id: &str, amount: &str, currency: &str, rate: Option<&str>) -> EventBody {
    EventBody::PaymentReceived {
        payment_id: id.into(),
        amount: d(amount),
        currency: c(currency),
        rate: rate.map(d),
        remittance: vec![],
        strategy: None,
        short_payment: None,
    }
}

#[test]
fn foreign_payment_is_converted_at_the_table_rate() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.apply(day(2024, 1, 1), rates("USD", "EUR", "0.9234"))
        .unwrap();
    // 200.00 USD × 0.9234 = 184.68 EUR exactly
    let a = b
        .apply(
            day(2024, 1, 10),
            foreign_payment("P-1", "200.00", "USD", None),
        )
        .unwrap();
    assert_eq!(a.allocations[0].amount.to_string(), "184.68");
    assert_eq!(a.allocations[0].realized_fx, None);
    let p = b.account.payment("P-1").unwrap();
    assert_eq!(p.amount.to_string(), "184.68");
    let r = p.received.as_ref().unwrap();
    assert_eq!(
        (r.amount.to_string(), r.currency.code()),
        ("200.00".into(), "USD")
    );
    assert_eq!(
        (r.rate.quoted.to_string(), r.rate.inverse),
        ("0.9234".into(), false)
    );
    // 400.00 - 184.68 = 215.32
    assert_eq!(b.account.balance().unwrap().to_string(), "215.32");
}

#[test]
fn foreign_payment_uses_an_inverse_quote_and_an_explicit_rate() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    // EUR -> GBP quoted only: 100.00 GBP / 0.8571 = 116.672502... -> 116.67 EUR
    b.apply(day(2024, 1, 1), rates("EUR", "GBP", "0.8571"))
        .unwrap();
    let a = b
        .apply(
            day(2024, 1, 10),
            foreign_payment("P-1", "100.00", "GBP", None),
        )
        .unwrap();
    assert_eq!(a.allocations[0].amount.to_string(), "116.67");
    // the bank's own rate wins over the table: 10 000 JPY × 0.0061 = 61.00 EUR
    let a = b
        .apply(
            day(2024, 1, 11),
            foreign_payment("P-2", "10000", "JPY", Some("0.0061")),
        )
        .unwrap();
    assert_eq!(a.allocations[0].amount.to_string(), "61.00");
    // 400.00 - 116.67 - 61.00 = 222.33
    assert_eq!(b.account.open_items()[0].open.to_string(), "222.33");
}

#[test]
fn missing_and_invalid_rates_are_refused_and_change_nothing() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "400.00"));
    b.apply(day(2024, 1, 5), rates("USD", "EUR", "0.92"))
        .unwrap();
    let cases = [
        // the quote starts on 5 Jan; nothing is in force on 4 Jan
        (
            day(2024, 1, 4),
            foreign_payment("P-1", "10.00", "USD", None),
            "missing_rate",
        ),
        (
            day(2024, 1, 6),
            foreign_payment("P-1", "10.00", "CHF", None),
            "missing_rate",
        ),
        (
            day(2024, 1, 6),
            foreign_payment("P-1", "10.00", "USD", Some("0")),
            "invalid_rate",
        ),
        (
            day(2024, 1, 6),
            foreign_payment("P-1", "10.00", "EUR", Some("1.1")),
            "unexpected_rate",
        ),
        (
            day(2024, 1, 6),
            foreign_payment("P-1", "10.001", "USD", None),
            "amount_not_rounded",
        ),
        (
            day(2024, 1, 6),
            foreign_payment("P-1", "-5.00", "USD", None),
            "non_positive_amount",
        ),
        // 0.01 USD × 0.0001 = 0.000001 EUR -> 0.00: nothing arrives in the account currency
        (
            day(2024, 1, 6),
            foreign_payment("P-1", "0.01", "USD", Some("0.0001")),
            "non_positive_amount",
        ),
        (day(2024, 1, 6), rates("USD", "EUR", "-1"), "invalid_rate"),
        (day(2024, 1, 6), rates("EUR", "EUR", "1"), "invalid_rate"),
    ];
    for (date, body, kind) in cases {
        let before = b.json();
        let err = b.apply(date, body.clone()).unwrap_err();
        assert_eq!(err.kind(), kind, "{body:?}");
        assert_eq!(b.json(), before, "state changed by {body:?}");
    }
}

#[test]
fn documents_need_a_booking_rate_when_reporting_in_another_currency() {
    let mut b = usd_reported();
    let err = b
        .apply(
            day(2024, 1, 1),
            EventBody::DocumentIssued {
                document: invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "100.00"),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "missing_rate");
    b.apply(day(2024, 1, 1), rates("EUR", "USD", "1.0950"))
        .unwrap();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "100.00"));
    let rate = b.account.document("INV-1").unwrap().reporting_rate.unwrap();
    assert_eq!(rate.quoted.to_string(), "1.0950");
}

#[test]
fn realized_fx_on_payment_credit_note_and_unapplied_cash() {
    let mut b = usd_reported();
    b.apply(day(2024, 1, 1), rates("EUR", "USD", "1.10"))
        .unwrap();
    b.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 2, 1),
        "1000.00",
    ));
    b.apply(day(2024, 1, 5), rates("EUR", "USD", "1.05"))
        .unwrap();
    b.issue(doc(
        DocumentKind::CreditNote,
        "CN-1",
        day(2024, 1, 5),
        day(2024, 1, 5),
        "100.00",
    ));
    b.apply(day(2024, 1, 20), rates("EUR", "USD", "1.1234"))
        .unwrap();
    // 600.00 paid at 1.1234: 674.04 USD received for 660.00 USD booked (600 × 1.10) -> +14.04
    let a = b.pay("P-1", day(2024, 1, 20), "600.00");
    assert_eq!(a.allocations[0].realized_fx.unwrap().to_string(), "14.04");
    // the credit note, booked at 1.05, settles 100.00 booked at 1.10: 105.00 - 110.00 = -5.00
    let a = b
        .apply(
            day(2024, 1, 21),
            EventBody::CreditApplied {
                credit_document: "CN-1".into(),
                target_document: "INV-1".into(),
                amount: d("100.00"),
            },
        )
        .unwrap();
    assert_eq!(a.allocations[0].realized_fx.unwrap().to_string(), "-5.00");
    // 1000 - 600 - 100 = 300.00 left open; 350.00 arrives at 1.08 leaving 50.00 unapplied:
    // 300 × 1.08 = 324.00 against 330.00 booked -> -6.00
    b.apply(day(2024, 1, 25), rates("EUR", "USD", "1.08"))
        .unwrap();
    let a = b.pay("P-2", day(2024, 1, 25), "350.00");
    assert_eq!(a.allocations[0].realized_fx.unwrap().to_string(), "-6.00");
    assert_eq!(b.account.unapplied_cash().to_string(), "50.00");
    // a second invoice booked at 1.12 takes P-2's 50.00 (valued at 1.08):
    // 54.00 - 56.00 = -2.00
    b.apply(day(2024, 2, 1), rates("EUR", "USD", "1.12"))
        .unwrap();
    b.issue(invoice("INV-2", day(2024, 2, 1), day(2024, 3, 1), "80.00"));
    let a = b
        .apply(
            day(2024, 2, 2),
            EventBody::CreditApplied {
                credit_document: "P-2".into(),
                target_document: "INV-2".into(),
                amount: d("50.00"),
            },
        )
        .unwrap();
    assert_eq!(a.allocations[0].realized_fx.unwrap().to_string(), "-2.00");
    // 14.04 - 5.00 - 6.00 - 2.00 = 1.04
    assert_eq!(b.account.realized_fx().unwrap().to_string(), "1.04");
    // 30.00 open on INV-2 booked at 1.12 = 33.60; revalued at 1.12 on 2 Feb = 33.60
    let r = b.account.reporting_balance(day(2024, 2, 2)).unwrap();
    assert_eq!(
        (
            r.balance.to_string(),
            r.booked.to_string(),
            r.revalued.to_string(),
            r.unrealized_fx.to_string()
        ),
        (
            "30.00".into(),
            "33.60".into(),
            "33.60".into(),
            "0.00".into()
        )
    );
    // P-2 bounces: its 300.00 + 50.00 reopen, its -6.00 and -2.00 are no longer realized
    b.reverse("P-2", day(2024, 2, 3)).unwrap();
    assert_eq!(b.account.realized_fx().unwrap().to_string(), "9.04");
    // open: INV-1 300.00 booked at 1.10 = 330.00, INV-2 80.00 at 1.12 = 89.60 -> 419.60;
    // revalued at 1.12: 380.00 × 1.12 = 425.60; unrealized 6.00
    let r = b.account.reporting_balance(day(2024, 2, 3)).unwrap();
    assert_eq!(
        (
            r.balance.to_string(),
            r.booked.to_string(),
            r.revalued.to_string(),
            r.unrealized_fx.to_string()
        ),
        (
            "380.00".into(),
            "419.60".into(),
            "425.60".into(),
            "6.00".into()
        )
    );
}

#[test]
fn unapplied_cash_is_booked_at_the_payment_rate() {
    let mut b = usd_reported();
    b.apply(day(2024, 1, 1), rates("EUR", "USD", "1.10"))
        .unwrap();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "100.00"));
    b.apply(day(2024, 1, 10), rates("EUR", "USD", "1.20"))
        .unwrap();
    // 150.00 at 1.20: 100.00 closes INV-1 (120.00 - 110.00 = +10.00), 50.00 unapplied
    b.pay("P-1", day(2024, 1, 10), "150.00");
    b.apply(day(2024, 1, 31), rates("EUR", "USD", "1.00"))
        .unwrap();
    // balance -50.00: booked -60.00 (at 1.20), revalued -50.00, unrealized +10.00
    let r = b.account.reporting_balance(day(2024, 1, 31)).unwrap();
    assert_eq!(
        (
            r.booked.to_string(),
            r.revalued.to_string(),
            r.unrealized_fx.to_string(),
            r.realized_fx.to_string()
        ),
        (
            "-60.00".into(),
            "-50.00".into(),
            "10.00".into(),
            "10.00".into()
        )
    );
    assert_eq!(
        b.account
            .reporting_balance(day(2023, 12, 31))
            .unwrap_err()
            .kind(),
        "missing_rate"
    );
}

#[test]
fn without_a_reporting_currency_every_rate_is_one() {
    let mut b = Book::new();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "100.00"));
    let r = b.account.reporting_balance(day(2024, 1, 1)).unwrap();
    assert_eq!(r.currency.code(), "EUR");
    assert_eq!(
        (r.booked.to_string(), r.revalued.to_string()),
        ("100.00".into(), "100.00".into())
    );
    assert_eq!(
        (r.unrealized_fx.to_string(), r.realized_fx.to_string()),
        ("0.00".into(), "0.00".into())
    );
}

#[test]
fn cash_in_the_reporting_currency_is_worth_what_arrived() {
    let mut b = usd_reported();
    b.apply(day(2024, 1, 1), rates("EUR", "USD", "1.10"))
        .unwrap();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "200.00"));
    b.apply(day(2024, 1, 10), rates("EUR", "USD", "1.12"))
        .unwrap();
    // 110.00 USD at the bank's 0.90 = 99.00 EUR; valued at what arrived, 110.00 USD, not at
    // the table's 1.12 (110.88); booked 99 × 1.10 = 108.90 -> +1.10
    let a = b
        .apply(
            day(2024, 1, 10),
            foreign_payment("P-1", "110.00", "USD", Some("0.90")),
        )
        .unwrap();
    assert_eq!(a.allocations[0].amount.to_string(), "99.00");
    assert_eq!(a.allocations[0].realized_fx.unwrap().to_string(), "1.10");
}

#[test]
fn an_unchanged_rate_leaves_no_unrealized_difference() {
    let mut b = usd_reported();
    b.apply(day(2024, 1, 1), rates("EUR", "USD", "1.115"))
        .unwrap();
    // each 1.00 books at 1.115 -> 1.12; revalued item by item, also 1.12 each
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "1.00"));
    b.issue(invoice("INV-2", day(2024, 1, 1), day(2024, 2, 1), "1.00"));
    let r = b.account.reporting_balance(day(2024, 1, 31)).unwrap();
    assert_eq!(
        (
            r.booked.to_string(),
            r.revalued.to_string(),
            r.unrealized_fx.to_string()
        ),
        ("2.24".into(), "2.24".into(), "0.00".into())
    );
}

#[test]
fn replay_and_json_keep_the_rates() {
    let mut b = usd_reported();
    b.apply(day(2024, 1, 1), rates("EUR", "USD", "1.10"))
        .unwrap();
    b.issue(invoice("INV-1", day(2024, 1, 1), day(2024, 2, 1), "100.00"));
    b.apply(day(2024, 1, 10), rates("EUR", "USD", "1.20"))
        .unwrap();
    b.pay("P-1", day(2024, 1, 10), "40.00");
    let json = b.json();
    let back: Account = serde_json::from_str(&json).unwrap();
    assert_eq!(back, b.account);
    // as of 9 Jan the second quote is unknown: the revaluation uses 1.10
    let early = Account::replay(b.account.config().clone(), &b.events, day(2024, 1, 9)).unwrap();
    let r = early.reporting_balance(day(2024, 1, 31)).unwrap();
    assert_eq!(r.revalued.to_string(), "110.00");
    assert_eq!(early.rates().quotes().count(), 1);
}

proptest! {
    /// Conversion is the exact product rounded half up once: it never differs from the exact
    /// value by more than half a minor unit, and an inverse quote gives the exact quotient.
    #[test]
    fn conversion_is_exact_half_up(cents in -10_000_000_000i64..10_000_000_000, rate_units in 1i64..10_000_000, scale in 0u32..7) {
        let amount = Decimal::new(cents, 2);
        let rate = Decimal::new(rate_units, scale);
        let day = day(2024, 1, 1);
        let mut t = RateTable::new();
        t.insert(day, &RateQuote::new(c("USD"), c("EUR"), rate)).unwrap();
        let direct = t.convert(amount, c("USD"), c("EUR"), day).unwrap();
        let exact = amount * rate; // exact: at most 19 significant digits
        prop_assert_eq!(direct, exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero));
        prop_assert_eq!(direct.scale(), 2);
        let back = t.convert(amount, c("EUR"), c("USD"), day).unwrap();
        // |back - amount / rate| <= 0.005, checked without dividing: |back × rate - amount| <= 0.005 × rate
        let err = (back * rate - amount).abs();
        prop_assert!(err <= Decimal::new(5, 3) * rate, "{} / {} -> {}", amount, rate, back);
    }
}
