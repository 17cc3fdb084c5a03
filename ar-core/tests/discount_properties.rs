//! Property tests of early-payment discounts.
//!
//! Invariants, in words:
//! - a discount never exceeds the amount it is taken from, and is never negative;
//! - in every tax-base mode and rounding, the amount due early is at most the amount due late,
//!   `due_early = gross - discount` and `gross = net + tax`; `mixed` never invoices more tax
//!   than `net`;
//! - a pro-rata discount plus the cash applied never exceeds the open amount, the residual is
//!   exact (`open = cash + discount + residual`), a partial payment always leaves something
//!   open, and the earned discount never exceeds the discount available;
//! - the discount still available never exceeds the offer or the open amount;
//! - the earned offer is eligible on the date and no eligible offer is larger;
//! - a dynamic discount is between zero and the amount and grows with the days paid early;
//! - the annualized cost computes (or fails with a typed error) for any input, and the
//!   compounded cost is at least the simple cost when the period fits in the year;
//! - in the ledger under `pro_rata`, paying an invoice in the window in random parts conserves
//!   every cent (cash + discounts + open = amount), never leaves a negative open amount, and the
//!   discounts add up to the offer within one minor unit per partial payment;
//! - invoices issued in any base mode carry offers between zero and their installment.

mod ledger_common;

use ar_core::discounts::{
    annualized_cost, available_discount, best_offer, dynamic_discount, early_payment_amounts,
    earned_discount, pro_rata_discount, DiscountBase, DiscountRounding, PartialDiscount,
    TaxPortion, TaxedAmount, YearBasis,
};
use ar_core::documents::{issue_invoice, InvoiceDraft, InvoiceLine, TaxMode};
use ar_core::ledger::AccountConfig;
use ar_core::money::RoundingMode;
use ar_core::terms::{DiscountOffer, DiscountTier, Terms};
use ar_core::Decimal;
use chrono::Days;
use ledger_common::*;
use proptest::prelude::*;

fn cents(c: i64) -> Decimal {
    Decimal::new(c, 2)
}

fn mode() -> impl Strategy<Value = RoundingMode> {
    prop_oneof![
        Just(RoundingMode::HalfUp),
        Just(RoundingMode::HalfEven),
        Just(RoundingMode::Down),
        Just(RoundingMode::Up),
    ]
}

fn base() -> impl Strategy<Value = DiscountBase> {
    prop_oneof![
        Just(DiscountBase::Gross),
        Just(DiscountBase::Net),
        Just(DiscountBase::Mixed),
    ]
}

fn target() -> impl Strategy<Value = DiscountRounding> {
    prop_oneof![
        Just(DiscountRounding::Discount),
        Just(DiscountRounding::AmountDue),
    ]
}

proptest! {
    #[test]
    fn early_is_never_more_than_late_in_any_mode(
        net in 1i64..100_000_000,
        taxes in prop::collection::vec((0i64..3000, 0u32..=100), 0..4),
        percent in 0i64..=10_000,
        base in base(),
        mode in mode(),
        target in target(),
    ) {
        let amount = TaxedAmount {
            net: cents(net),
            taxes: taxes
                .iter()
                .map(|&(p, share)| TaxPortion {
                    percent: Decimal::new(p, 2),
                    base: cents(net * i64::from(share) / 100),
                })
                .collect(),
        };
        let percent = Decimal::new(percent, 2);
        let e = early_payment_amounts(&amount, eur(), percent, base, mode, target).unwrap();
        prop_assert!(e.discount >= Decimal::ZERO);
        prop_assert!(e.discount <= e.gross);
        prop_assert!(e.due_early <= e.due_late);
        prop_assert_eq!(e.due_late, e.gross);
        prop_assert_eq!(e.due_early, e.gross - e.discount);
        prop_assert_eq!(e.gross, e.net + e.tax);
        if base == DiscountBase::Mixed {
            let net_mode = early_payment_amounts(&amount, eur(), percent, DiscountBase::Net, mode, target).unwrap();
            prop_assert!(e.tax <= net_mode.tax);
            prop_assert_eq!(e.discount, net_mode.discount);
        }
    }

    #[test]
    fn pro_rata_never_exceeds_the_open_amount_and_the_residual_is_exact(
        open in 1i64..100_000_000,
        offer_share in 0u32..=10_000,
        pay in 1i64..200_000_000,
        mode in mode(),
    ) {
        let open_d = cents(open);
        let discount = cents(open * i64::from(offer_share) / 10_000);
        let payment = cents(pay);
        let p = pro_rata_discount(open_d, discount, payment, eur(), mode).unwrap();
        prop_assert!(p.discount >= Decimal::ZERO && p.discount <= discount);
        prop_assert!(p.amount + p.discount <= open_d);
        prop_assert_eq!(p.amount + p.discount + p.residual, open_d);
        prop_assert!(p.residual >= Decimal::ZERO);
        prop_assert_eq!(p.amount + p.unused, payment);
        if payment < open_d - discount {
            prop_assert!(p.residual > Decimal::ZERO);
            prop_assert!(p.unused.is_zero());
        } else {
            prop_assert!(p.residual.is_zero());
            prop_assert_eq!(p.discount, discount);
        }
    }

    #[test]
    fn available_discount_is_within_the_offer_and_the_open_amount(
        amount in 1i64..100_000_000,
        offer_share in 0u32..=10_000,
        open_share in 0u32..=10_000,
        mode in mode(),
    ) {
        let offer = cents(amount * i64::from(offer_share) / 10_000);
        let open = cents(amount * i64::from(open_share) / 10_000);
        let a = available_discount(cents(amount), offer, open, eur(), mode).unwrap();
        prop_assert!(a >= Decimal::ZERO && a <= offer && a <= open.max(Decimal::ZERO));
    }

    #[test]
    fn the_earned_offer_is_the_best_eligible_one(
        amount in 1i64..10_000_000,
        offers in prop::collection::vec((0u32..=10_000, 0u64..40), 0..4),
        pay_day in 0u64..45,
    ) {
        let start = day(2024, 1, 1);
        let offers: Vec<DiscountOffer> = offers
            .iter()
            .map(|&(share, days)| {
                let discount = cents(amount * i64::from(share) / 10_000);
                DiscountOffer {
                    deadline: start.checked_add_days(Days::new(days)).unwrap(),
                    discount,
                    amount_due: cents(amount) - discount,
                }
            })
            .collect();
        let date = start.checked_add_days(Days::new(pay_day)).unwrap();
        let e = earned_discount(cents(amount), &offers, date).unwrap();
        prop_assert!(e.discount >= Decimal::ZERO && e.discount <= cents(amount));
        prop_assert_eq!(e.amount_due, cents(amount) - e.discount);
        let best = offers
            .iter()
            .filter(|o| date <= o.deadline)
            .map(|o| o.discount)
            .max()
            .unwrap_or(Decimal::ZERO);
        prop_assert_eq!(e.discount, best);
        if let Some((i, o)) = best_offer(&offers, date) {
            prop_assert!(date <= o.deadline);
            prop_assert_eq!(e.tier, Some(i as u32));
        }
    }

    #[test]
    fn dynamic_discount_is_capped_and_grows_with_days_early(
        amount in 1i64..100_000_000,
        apr in 0i64..100_000,
        early in 0u64..800,
        mode in mode(),
        year in prop_oneof![Just(YearBasis::Days360), Just(YearBasis::Days365)],
    ) {
        let due = day(2026, 12, 31);
        let pay = due.checked_sub_days(Days::new(early)).unwrap();
        let later = due.checked_sub_days(Days::new(early / 2)).unwrap();
        let apr = Decimal::new(apr, 2);
        let a = dynamic_discount(cents(amount), eur(), apr, pay, due, year, mode).unwrap();
        let b = dynamic_discount(cents(amount), eur(), apr, later, due, year, mode).unwrap();
        prop_assert!(a.discount >= Decimal::ZERO && a.discount <= cents(amount));
        prop_assert_eq!(a.amount_due, cents(amount) - a.discount);
        prop_assert!(b.discount <= a.discount);
        prop_assert_eq!(u64::from(a.days_early), early);
    }

    #[test]
    fn annualized_cost_never_panics(
        percent in 0i64..20_000,
        discount_days in 0u32..400,
        net_days in 0u32..400,
        year in prop_oneof![Just(YearBasis::Days360), Just(YearBasis::Days365)],
    ) {
        let percent = Decimal::new(percent, 2);
        match annualized_cost(percent, discount_days, net_days, year) {
            Ok(c) => {
                prop_assert!(c.simple_rate >= Decimal::ZERO);
                prop_assert!(c.compounded_rate >= Decimal::ZERO);
                if net_days - discount_days <= year.days() {
                    // (1 + x)^n >= 1 + n x for n >= 1 (Bernoulli)
                    prop_assert!(c.compounded_rate + Decimal::new(1, 10) >= c.simple_rate);
                }
            }
            Err(e) => prop_assert!(
                ["invalid_discount_percent", "invalid_discount_period", "overflow"].contains(&e.kind()),
                "{}", e.kind()
            ),
        }
    }

    #[test]
    fn pro_rata_in_the_ledger_conserves_every_cent(
        amount in 100i64..10_000_000,
        percent in 1i64..1000,
        parts in prop::collection::vec(1u32..=100, 1..5),
    ) {
        let config = AccountConfig {
            partial_discount: PartialDiscount::ProRata,
            ..AccountConfig::new("ACME", eur())
        };
        let mut b = Book::with_config(config);
        let mut terms = Terms::net(30);
        terms.lines[0].discounts.push(DiscountTier::percent_within(Decimal::new(percent, 2), 10));
        let draft = InvoiceDraft {
            id: "INV-1".into(),
            customer: "ACME".into(),
            date: day(2024, 1, 1),
            currency: eur(),
            lines: vec![InvoiceLine::new("x", Decimal::ONE, cents(amount))],
            tax_mode: TaxMode::Exclusive,
            terms: Some(terms),
            base_date: None,
            rounding: RoundingMode::HalfUp,
            discount_base: DiscountBase::Gross,
            discount_rounding: DiscountRounding::Discount,
        };
        let (doc, _) = issue_invoice(&draft, &Default::default()).unwrap();
        let offer = doc.installments[0].discounts[0].discount;
        b.issue(doc);
        let (mut cash, mut discount, mut partials) = (Decimal::ZERO, Decimal::ZERO, 0i64);
        for (k, share) in parts.iter().enumerate() {
            let open = b.account.balance().unwrap();
            if open <= Decimal::ZERO {
                break;
            }
            // pay a share of what is open (at least one cent), on day k + 2 (inside the window)
            let pay = (open * Decimal::from(*share) / Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero)
                .max(cents(1));
            let a = b.pay(&format!("P-{k}"), day(2024, 1, 2 + k as u32), &pay.to_string());
            for al in &a.allocations {
                prop_assert!(al.discount_taken >= Decimal::ZERO);
                cash += al.amount;
                discount += al.discount_taken;
            }
            let after = b.account.balance().unwrap();
            prop_assert!(after >= Decimal::ZERO - b.account.unapplied_cash());
            if b.account.open_items().is_empty() {
                break;
            }
            partials += 1;
        }
        let open: Decimal = b.account.open_items().iter().map(|i| i.open).sum();
        prop_assert!(open >= Decimal::ZERO);
        prop_assert_eq!(cash + discount + open, cents(amount));
        prop_assert!(discount <= cents(amount));
        if open.is_zero() {
            // closed inside the window: the discounts add up to the offer within one cent per
            // partial payment
            prop_assert!((discount - offer).abs() <= cents(partials), "{} vs {}", discount, offer);
        }
    }

    #[test]
    fn invoices_carry_offers_within_their_installments(
        net in 1i64..10_000_000,
        tax in 0i64..3000,
        percent in 0i64..=10_000,
        base in base(),
        target in target(),
        mode in mode(),
    ) {
        let mut terms = ar_core::notation::parse("30/60/90").unwrap();
        terms.rounding = mode;
        for line in &mut terms.lines {
            line.discounts.push(DiscountTier::percent_within(Decimal::new(percent, 2), 10));
        }
        let draft = InvoiceDraft {
            id: "INV-1".into(),
            customer: "ACME".into(),
            date: day(2024, 1, 1),
            currency: eur(),
            lines: vec![InvoiceLine::new("x", Decimal::ONE, cents(net)).with_tax("T", Decimal::new(tax, 2))],
            tax_mode: TaxMode::Exclusive,
            terms: Some(terms),
            base_date: None,
            rounding: mode,
            discount_base: base,
            discount_rounding: target,
        };
        let (doc, totals) = issue_invoice(&draft, &Default::default()).unwrap();
        prop_assert_eq!(totals.net + totals.tax, doc.total);
        for item in &doc.installments {
            for o in &item.discounts {
                prop_assert!(o.discount >= Decimal::ZERO && o.discount <= item.amount);
                prop_assert_eq!(o.amount_due, item.amount - o.discount);
            }
        }
    }
}
