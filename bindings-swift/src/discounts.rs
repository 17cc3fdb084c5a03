//! Early-payment discounts ([`ar_core::discounts`]): tax-base modes, the discount a payment
//! date earns, pro-rata discounts for partial payments, the annualized cost of a discount and
//! dynamic (APR-based) discounts.
//!
//! Records and enums are the core's, re-declared with `#[uniffi::remote(...)]`; the one tuple
//! result (`best_offer`) becomes the record [`BestOffer`]. Every function converts its
//! arguments, calls the core and maps the error: `Discount` for the module's own kinds,
//! `Allocation` (`amount_not_rounded`) and `Money` (`unknown_currency`, `no_minor_unit`,
//! `overflow`) for the kinds it passes on.

use ar_core::discounts::{
    self, AnnualizedCost, DiscountBase, DiscountRounding, DocumentDiscount, DynamicDiscount,
    EarlyPayment, EarnedDiscount, PartialDiscount, ProRata, TaxPortion, TaxedAmount, YearBasis,
};
use ar_core::documents::Document;
use ar_core::money::{Currency, RoundingMode};
use ar_core::terms::DiscountOffer;
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::ArCoreError;

type Result<T> = std::result::Result<T, ArCoreError>;

// ---- records and enums -------------------------------------------------------------------

/// What a percent early-payment discount is computed on (the tax-base mode).
///
/// | mode | discount | tax on the invoice | due early | due late |
/// |---|---|---|---|---|
/// | `GROSS` | P % of the gross | on the net | gross - discount | gross |
/// | `NET` | P % of the net | on the net | gross - discount | gross |
/// | `MIXED` | P % of the net | on the net less P % | gross' - discount | gross' |
#[uniffi::remote(Enum)]
pub enum DiscountBase {
    /// The discount is a percent of the gross (tax-included) amount (the JSON default; Odoo's
    /// `included`).
    Gross,
    /// The discount is a percent of the untaxed amount only; the tax stays as invoiced (Odoo's
    /// `excluded`, the Dutch default).
    Net,
    /// The discount is a percent of the untaxed amount, and the invoice's tax is computed on
    /// the untaxed amount less the discount (Odoo's `mixed`, the Belgian default).
    Mixed,
}

/// Which amount a percent discount rounds to the currency. They differ on exact half-unit
/// ties only: 2 % of 100.25 EUR is 2.01 off with `DISCOUNT`, 2.00 off with `AMOUNT_DUE`.
#[uniffi::remote(Enum)]
pub enum DiscountRounding {
    /// The discount is rounded; the amount due is the amount less it (the JSON default).
    Discount,
    /// The amount due is rounded; the discount is the rest (Odoo 16-18).
    AmountDue,
}

/// What a payment inside a discount window that does not cover the discounted amount earns
/// (the account setting `AccountConfig.partialDiscount`).
#[uniffi::remote(Enum)]
pub enum PartialDiscount {
    /// Nothing; a later payment in the window that covers what is open less the whole offer
    /// takes the whole offer (the JSON default).
    None,
    /// A pro-rata share of the discount still available (`proRataDiscount`).
    ProRata,
}

/// One tax of an amount: its percent and the untaxed base it applies to.
#[uniffi::remote(Record)]
pub struct TaxPortion {
    /// The tax percent, e.g. `21`; not negative (`invalid_tax_percent`).
    pub percent: Decimal,
    /// The untaxed amount the tax applies to, in whole minor units.
    pub base: Decimal,
}

/// An untaxed amount and its taxes, the input of `earlyPaymentAmounts`.
#[uniffi::remote(Record)]
pub struct TaxedAmount {
    /// The untaxed total (taxed and untaxed lines), greater than zero, in whole minor units.
    pub net: Decimal,
    /// One entry per tax; each is rounded once, like an invoice's tax per code.
    #[uniffi(default = [])]
    pub taxes: Vec<TaxPortion>,
}

/// What a customer owes when paying early and late, in one tax-base mode.
#[uniffi::remote(Record)]
pub struct EarlyPayment {
    /// The mode used.
    pub discount_base: DiscountBase,
    /// The untaxed amount.
    pub net: Decimal,
    /// The tax as invoiced (reduced by the discount percent in `MIXED` mode).
    pub tax: Decimal,
    /// The invoice total, `net + tax`.
    pub gross: Decimal,
    /// The early-payment discount, rounded to the currency.
    pub discount: Decimal,
    /// What settles the invoice by the discount deadline: `gross - discount`.
    pub due_early: Decimal,
    /// What is due after the deadline: `gross`.
    pub due_late: Decimal,
    /// How the amounts were found, for people.
    pub reason: String,
}

/// The discount a payment on a date earns on one installment.
#[uniffi::remote(Record)]
pub struct EarnedDiscount {
    /// The payment date asked about.
    pub date: NaiveDate,
    /// The offer earned (zero-based, in the terms' tier order); absent when none is.
    pub tier: Option<u32>,
    /// The earned offer's deadline (inclusive); absent when none is.
    pub deadline: Option<NaiveDate>,
    /// The discount earned (zero when none).
    pub discount: Decimal,
    /// What settles the installment on that date: the amount less the discount.
    pub amount_due: Decimal,
    /// Why, for people.
    pub reason: String,
}

/// The discount a payment on a date earns on a whole document, installment by installment.
#[uniffi::remote(Record)]
pub struct DocumentDiscount {
    /// The payment date asked about.
    pub date: NaiveDate,
    /// One entry per installment, in order.
    pub installments: Vec<EarnedDiscount>,
    /// The sum of the installments' discounts.
    pub discount: Decimal,
    /// What settles the whole document on that date.
    pub amount_due: Decimal,
}

/// The best offer on a date (`bestOffer`): its position among the offers and the offer.
/// (The core returns the pair as a tuple, which cannot cross uniffi.)
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BestOffer {
    /// The offer's position (zero-based, in the terms' tier order).
    pub tier: u32,
    /// The offer.
    pub offer: DiscountOffer,
}

/// What a payment earns inside the discount window (`proRataDiscount`).
#[uniffi::remote(Record)]
pub struct ProRata {
    /// The cash applied to the installment.
    pub amount: Decimal,
    /// The discount earned.
    pub discount: Decimal,
    /// What stays open: `open - amount - discount`, exact.
    pub residual: Decimal,
    /// The cash beyond what closes the installment (zero for a partial payment).
    pub unused: Decimal,
    /// How the discount was found, for people.
    pub reason: String,
}

/// The length of a year for annualized rates, named explicitly.
#[uniffi::remote(Enum)]
pub enum YearBasis {
    /// A 360-day year (banker's year, common in US trade-credit textbooks); JSON `days_360`.
    Days360,
    /// A 365-day year; JSON `days_365`.
    Days365,
}

/// The annualized cost of not taking (or the return of taking) an early-payment discount.
#[uniffi::remote(Record)]
pub struct AnnualizedCost {
    /// The year used.
    pub year: YearBasis,
    /// `d / (1 - d) * Y / (N - T)`, exact, rounded half up to 10 places.
    pub simple_rate: Decimal,
    /// The same as a percent, rounded half up from the exact value to 2 places (`37.24`).
    pub simple_percent: Decimal,
    /// `(1 + d / (1 - d))^(Y / (N - T)) - 1`, rounded half up to 10 places.
    pub compounded_rate: Decimal,
    /// The same as a percent, rounded half up to 2 places (`44.59`).
    pub compounded_percent: Decimal,
    /// The formulas with the numbers, for people.
    pub reason: String,
}

/// A dynamic (sliding, APR-based) discount offer for paying on a chosen date.
#[uniffi::remote(Record)]
pub struct DynamicDiscount {
    /// Days between the payment date and the due date (zero when paid on or after it).
    pub days_early: u32,
    /// The discount, rounded to the currency and capped at the amount.
    pub discount: Decimal,
    /// What settles the invoice on the payment date: the amount less the discount.
    pub amount_due: Decimal,
    /// Whether the discount was capped at the amount.
    pub capped: bool,
    /// How the discount was found, for people.
    pub reason: String,
}

// ---- functions ---------------------------------------------------------------------------

/// The amounts due early and late for `amount` with a `percent` % early-payment discount in
/// the tax-base mode `discountBase`: each tax (reduced by `percent` in `MIXED` mode), the
/// gross, the discount and what is due by the deadline and after it, each an exact ratio
/// rounded once with `rounding` (the discount or the amount due, per `discountRounding`).
///
/// Throws `Discount` (`invalid_discount_percent` outside 0..=100, `invalid_tax_percent`,
/// `amount_not_positive`, `discount_out_of_range`), `Allocation` `amount_not_rounded` and
/// `Money` errors.
#[uniffi::export]
pub fn early_payment_amounts(
    amount: TaxedAmount,
    currency: String,
    percent: Decimal,
    discount_base: DiscountBase,
    rounding: RoundingMode,
    discount_rounding: DiscountRounding,
) -> Result<EarlyPayment> {
    let currency = Currency::from_code(&currency)?;
    Ok(discounts::early_payment_amounts(
        &amount,
        currency,
        percent,
        discount_base,
        rounding,
        discount_rounding,
    )?)
}

/// The best offer on `date`: among the offers whose deadline (inclusive) is on or after
/// `date` and whose discount is not zero, the largest; on a tie the first listed. Absent when
/// none is eligible.
#[uniffi::export]
pub fn best_offer(offers: Vec<DiscountOffer>, date: NaiveDate) -> Result<Option<BestOffer>> {
    discounts::best_offer(&offers, date)
        .map(|(i, offer)| {
            Ok(BestOffer {
                tier: u32::try_from(i).map_err(|_| overflow("tier index"))?,
                offer: offer.clone(),
            })
        })
        .transpose()
}

/// The discount a payment dated `date` earns on an installment of `amount` with `offers` (the
/// installment's stored offers, e.g. `ScheduledItem.discounts`): the best offer whose
/// inclusive deadline is on or after `date`, or none.
///
/// Throws `Discount` `discount_out_of_range` or `inconsistent_offer` for offers that do not
/// fit `amount`; `Money` `overflow`.
#[uniffi::export]
pub fn earned_discount(
    amount: Decimal,
    offers: Vec<DiscountOffer>,
    date: NaiveDate,
) -> Result<EarnedDiscount> {
    Ok(discounts::earned_discount(amount, &offers, date)?)
}

/// The discount a payment dated `date` earns on a whole document, installment by installment
/// (`Document::earned_discount`), with the sums.
///
/// Throws the errors of `earnedDiscount` for any installment.
#[uniffi::export]
pub fn document_earned_discount(document: Document, date: NaiveDate) -> Result<DocumentDiscount> {
    Ok(document.earned_discount(date)?)
}

/// The discount a payment of `payment` earns on an installment with `open` still open and
/// `discount` still available on it, inside the discount window: a payment that settles
/// (`payment >= open - discount`) takes the whole discount; a smaller one earns
/// `discount * payment / (open - discount)`, rounded once with `rounding`, and leaves
/// `open - payment - earned` open exactly.
///
/// Throws `Discount` (`amount_not_positive`, `discount_out_of_range`), `Allocation`
/// `amount_not_rounded` and `Money` errors.
#[uniffi::export]
pub fn pro_rata_discount(
    open: Decimal,
    discount: Decimal,
    payment: Decimal,
    currency: String,
    rounding: RoundingMode,
) -> Result<ProRata> {
    let currency = Currency::from_code(&currency)?;
    Ok(discounts::pro_rata_discount(
        open, discount, payment, currency, rounding,
    )?)
}

/// The discount still available on an installment of `amount` whose offer is `offer` when
/// `open` is still open: `offer * open / amount`, rounded once with `rounding` (the whole
/// offer when nothing was paid, zero when nothing is open).
///
/// Throws `Discount` (`amount_not_positive`, `discount_out_of_range`) and `Money` errors.
#[uniffi::export]
pub fn available_discount(
    amount: Decimal,
    offer: Decimal,
    open: Decimal,
    currency: String,
    rounding: RoundingMode,
) -> Result<Decimal> {
    let currency = Currency::from_code(&currency)?;
    Ok(discounts::available_discount(
        amount, offer, open, currency, rounding,
    )?)
}

/// The annualized cost of a `percent` % discount for paying within `discountDays` instead of
/// `netDays`, on the year `year`: simple `d / (1 - d) * Y / (N - T)` (2/10 net 30 on 365 days:
/// 37.24 %) and compounded `(1 + d / (1 - d))^(Y / (N - T)) - 1` (44.59 %).
///
/// Throws `Discount` `invalid_discount_percent` (outside 0..100), `invalid_discount_period`
/// (`discountDays >= netDays`); `Money` `overflow`.
#[uniffi::export]
pub fn annualized_cost(
    percent: Decimal,
    discount_days: u32,
    net_days: u32,
    year: YearBasis,
) -> Result<AnnualizedCost> {
    Ok(discounts::annualized_cost(
        percent,
        discount_days,
        net_days,
        year,
    )?)
}

/// The dynamic (sliding-scale) discount on `amount` for paying on `paymentDate` instead of
/// `dueDate` at `annualPercent` a year, simple interest on the year `year`:
/// `amount * annualPercent / 100 * daysEarly / yearDays`, rounded once with `rounding`,
/// capped at the amount; nothing on or after the due date.
///
/// Throws `Discount` (`amount_not_positive`, `invalid_annual_rate`), `Allocation`
/// `amount_not_rounded` and `Money` errors.
#[uniffi::export]
pub fn dynamic_discount(
    amount: Decimal,
    currency: String,
    annual_percent: Decimal,
    payment_date: NaiveDate,
    due_date: NaiveDate,
    year: YearBasis,
    rounding: RoundingMode,
) -> Result<DynamicDiscount> {
    let currency = Currency::from_code(&currency)?;
    Ok(discounts::dynamic_discount(
        amount,
        currency,
        annual_percent,
        payment_date,
        due_date,
        year,
        rounding,
    )?)
}

fn overflow(operation: &'static str) -> ArCoreError {
    ar_core::money::MoneyError::Overflow { operation }.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    // 2/10 net 30 on a 365-day year: 0.02 / 0.98 * 365 / 20 = 0.372448979... -> 37.24 %
    #[test]
    fn the_cost_of_2_10_net_30() {
        let c = annualized_cost(d("2"), 10, 30, YearBasis::Days365).unwrap();
        assert_eq!(c.simple_percent.to_string(), "37.24");
        let e = annualized_cost(d("2"), 30, 30, YearBasis::Days365).unwrap_err();
        assert!(
            matches!(&e, ArCoreError::Discount { kind, .. } if kind == "invalid_discount_period"),
            "{e:?}"
        );
    }

    // an amount finer than the cent is the allocation's error, an unknown code the money's
    #[test]
    fn passed_on_kinds_land_in_their_modules_case() {
        let e = pro_rata_discount(
            d("1000.005"),
            d("0"),
            d("1"),
            "EUR".into(),
            RoundingMode::HalfUp,
        )
        .unwrap_err();
        assert!(matches!(e, ArCoreError::Allocation { .. }), "{e:?}");
        let e = dynamic_discount(
            d("1"),
            "XYZ".into(),
            d("1"),
            NaiveDate::MIN,
            NaiveDate::MAX,
            YearBasis::Days360,
            RoundingMode::HalfUp,
        )
        .unwrap_err();
        assert_eq!(e.kind(), "unknown_currency");
    }

    #[test]
    fn best_offer_is_a_record() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
        let offers = vec![
            DiscountOffer {
                deadline: day(11),
                discount: d("3.00"),
                amount_due: d("97.00"),
            },
            DiscountOffer {
                deadline: day(21),
                discount: d("2.00"),
                amount_due: d("98.00"),
            },
        ];
        // the deadline day still counts; the day after it, the next tier
        assert_eq!(
            best_offer(offers.clone(), day(11)).unwrap().unwrap().tier,
            0
        );
        assert_eq!(
            best_offer(offers.clone(), day(12)).unwrap().unwrap().tier,
            1
        );
        assert_eq!(best_offer(offers, day(22)).unwrap(), None);
    }
}
