//! The JavaScript-facing types: two classes holding core values, plain objects and string
//! unions mirroring the core types.
//!
//! Field names are the core's names in camelCase; enum tags are the same snake_case strings
//! as the stored JSON, so a `TermsObject` has exactly the shape of `termsToJson`'s output.
//! Decimals are strings (`"12.30"`), dates are `'YYYY-MM-DD'` strings, whole numbers are JS
//! numbers checked to be whole. No behaviour lives here; conversions are in `convert.rs`,
//! the exported functions and class methods in `lib.rs`.
//!
//! Why classes: converting a plain object crosses the boundary once per property (a 3-line
//! `TermsObject` costs more than the schedule itself), so `Terms` and `BusinessCalendar` hold
//! the converted core value and are passed back by reference, converted once.

use ar_core::{calendar, ledger, terms};
use napi::bindgen_prelude::{FromNapiRef, FromNapiValue, TypeName};
use napi::{sys, ValueType};
use napi_derive::napi;

/// How a value between two representable amounts is rounded (symmetric around zero).
///
/// - `half_up`: half away from zero, 2.345 -> 2.35 (commercial rounding, the default)
/// - `half_even`: banker's rounding, 2.345 -> 2.34, 2.355 -> 2.36
/// - `down`: toward zero, 2.349 -> 2.34
/// - `up`: away from zero, 2.341 -> 2.35
#[napi(string_enum = "snake_case")]
pub enum RoundingMode {
    HalfUp,
    HalfEven,
    Down,
    Up,
}

/// Which part absorbs the rounding residual when there is no balance part:
/// `last` (default), `first`, or `largest_remainder` (one unit each to the parts with the
/// largest rounding remainders, ties to the earlier part).
#[napi(string_enum = "snake_case")]
pub enum ResidualPolicy {
    Last,
    First,
    LargestRemainder,
}

/// How a date that is not a business day is moved: `none` (default), `following`,
/// `modified_following` (following unless that leaves the month), `preceding`,
/// `modified_preceding` (preceding unless that leaves the month).
#[napi(string_enum = "snake_case")]
pub enum Roll {
    None,
    Following,
    ModifiedFollowing,
    Preceding,
    ModifiedPreceding,
}

/// Which document date the base date of a schedule is: `document` (invoice date, default),
/// `delivery`, `receipt` or `given` (a date the host chooses). Stored with the terms; the
/// host passes that date as `baseDate`.
#[napi(string_enum = "snake_case")]
pub enum DateBasis {
    Document,
    Delivery,
    Receipt,
    Given,
}

/// A day of the week, in its short English form.
#[napi(string_enum)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// What percent an early-payment discount is taken on (`discounts::DiscountBase`):
/// `gross` (default; the tax-included total), `net` (the untaxed amount only) or `mixed` (the
/// untaxed amount, with the invoice's tax computed on the untaxed amount less the discount).
#[napi(string_enum = "snake_case")]
pub enum DiscountBase {
    Gross,
    Net,
    Mixed,
}

/// Which amount a percent discount rounds (`discounts::DiscountRounding`): `discount`
/// (default; the amount due is the amount less the rounded discount) or `amount_due` (the
/// amount due is rounded and the discount is the rest, as Odoo books it).
#[napi(string_enum = "snake_case")]
pub enum DiscountRounding {
    Discount,
    AmountDue,
}

/// The length of a year for annualized rates, named explicitly (`discounts::YearBasis`):
/// `days_360` or `days_365`.
#[napi(string_enum)]
pub enum YearBasis {
    #[napi(value = "days_360")]
    Days360,
    #[napi(value = "days_365")]
    Days365,
}

/// A day-count convention of the 2006 ISDA Definitions, section 4.16
/// (`interest::DayCount`): `actual_365_fixed` (default), `actual_360`,
/// `actual_actual_isda`, `thirty_360` (bond basis) or `thirty_e_360` (Eurobond basis).
#[napi(string_enum)]
pub enum DayCount {
    #[napi(value = "actual_365_fixed")]
    Actual365Fixed,
    #[napi(value = "actual_360")]
    Actual360,
    #[napi(value = "actual_actual_isda")]
    ActualActualIsda,
    #[napi(value = "thirty_360")]
    Thirty360,
    #[napi(value = "thirty_e_360")]
    Thirty360E,
}

/// What happens to fees and interest still unpaid once their principal is paid
/// (`interest::UnpaidChargesPolicy`): `claimable` (default; they stay owed) or `waive`.
#[napi(string_enum = "snake_case")]
pub enum UnpaidChargesPolicy {
    Claimable,
    Waive,
}

/// A rounding rule: a mode and the unit to round to. Without `increment`, amounts round to
/// the currency's minor unit (EUR 0.01, JPY 1, KWD 0.001); with it, to multiples of the
/// increment (cash rounding, e.g. CHF `'0.05'`).
#[napi(object)]
pub struct Rounding {
    /// Default `'half_up'`.
    pub mode: Option<RoundingMode>,
    /// A decimal string greater than zero, e.g. `'0.05'`.
    pub increment: Option<String>,
}

/// An ISO 4217 currency.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct CurrencyInfo {
    /// The three-letter code, e.g. `'EUR'`.
    pub code: String,
    /// The English name, e.g. `'Euro'`.
    pub name: String,
    /// Decimal places of the minor unit (EUR 2, JPY 0, KWD 3); `null` for codes without one
    /// (XAU, XDR, ...).
    pub minor_units: Option<u32>,
}

/// One part of a split, tagged by `type`:
/// `{ type: 'percent', percent: '30' }` (percent of the total),
/// `{ type: 'percent_of_remainder', percent: '50' }` (of what the previous parts leave),
/// `{ type: 'fraction', numerator: 1, denominator: 3 }` (exact fraction),
/// `{ type: 'fixed', amount: '100.00' }` (sign follows the total),
/// `{ type: 'balance' }` (whatever is left; at most one, and last).
/// Percents and amounts are decimal strings; numerator and denominator are whole numbers
/// (checked: `1.5` throws).
#[napi(discriminant = "type", discriminant_case = "snake_case")]
pub enum Part {
    Percent { percent: String },
    PercentOfRemainder { percent: String },
    Fraction { numerator: f64, denominator: f64 },
    Fixed { amount: String },
    Balance,
}

/// Options of `split`.
#[napi(object)]
pub struct SplitOptions {
    /// How each part is rounded (default: `half_up` to the currency's minor unit).
    pub rounding: Option<Rounding>,
    /// Where the rounding residual goes when no part is a balance (default `'last'`).
    pub residual: Option<ResidualPolicy>,
    /// Accept parts opposite in sign to the total (default `false`: an error).
    pub allow_negative: Option<bool>,
}

/// A business-day calendar as a plain object: weekend days plus holiday dates. Wherever a
/// calendar is taken, a `BusinessCalendar` (built once from this object) is taken too.
#[napi(object, object_to_js = false)]
pub struct BusinessCalendarObject {
    /// Days that are never business days (default `['Sat', 'Sun']`).
    pub weekend: Option<Vec<Weekday>>,
    /// Dates (`'YYYY-MM-DD'`) that are not business days (default none).
    pub holidays: Option<Vec<String>>,
}

/// One step of a due-date rule; a rule is a chain of steps applied in order to the base
/// date. Tagged by `type`:
/// `{ type: 'days', days: 30 }` (negative subtracts),
/// `{ type: 'months', months: 1 }` (keeps the day, clamped to the month's length),
/// `{ type: 'end_of_month' }`,
/// `{ type: 'day_of_month', day: 15 }` (clamped; 0 = last day),
/// `{ type: 'month', month: 3 }` (month of the same year, day clamped),
/// `{ type: 'next_weekday', weekday: 'Fri' }` (on or after),
/// `{ type: 'proximo', day: 10, cutoff: 25 }` (day of the next month, or of the month after
/// for dates after the cutoff day; cutoff 0 or less counts back from the month end).
/// All numbers are whole (checked: `2.7` throws); `day` is 0..=31, `month` 1..=12, `cutoff`
/// -30..=31 (the core checks the ranges).
#[napi(discriminant = "type", discriminant_case = "snake_case")]
pub enum DateStep {
    Days { days: f64 },
    Months { months: f64 },
    EndOfMonth,
    DayOfMonth { day: f64 },
    Month { month: f64 },
    NextWeekday { weekday: Weekday },
    Proximo { day: f64, cutoff: f64 },
}

/// What an early-payment discount takes off: `{ type: 'percent', percent: '2' }` (of the
/// installment, rounded to the currency) or `{ type: 'fixed', amount: '5.00' }`.
#[napi(discriminant = "type", discriminant_case = "snake_case")]
pub enum DiscountValue {
    Percent { percent: String },
    Fixed { amount: String },
}

/// An early-payment discount tier: a value and a deadline (steps from the base date; the
/// deadline day is inclusive).
#[napi(object, object_to_js = false)]
pub struct DiscountTier {
    /// What the discount takes off.
    pub value: DiscountValue,
    /// The last day the discount is earned, as steps from the base date.
    pub deadline: Vec<DateStep>,
}

/// One installment line of a term.
#[napi(object, object_to_js = false)]
pub struct TermLine {
    /// The share of the amount this line carries.
    pub portion: Part,
    /// The due-date rule: steps applied to the base date (missing or empty: due on the base
    /// date).
    pub due: Option<Vec<DateStep>>,
    /// Early-payment discount tiers (omitted when there are none).
    pub discounts: Option<Vec<DiscountTier>>,
}

/// Payment terms as a plain object: installment lines plus how amounts are rounded and dates
/// rolled. Same shape as the stored JSON (`termsToJson`); all fields but `lines` are
/// optional. `new Terms(object)` converts it once; `terms.toObject()` gives it back.
#[napi(object, object_to_js = false)]
pub struct TermsObject {
    /// Installment lines, in order.
    pub lines: Vec<TermLine>,
    /// How each installment and discount is rounded (default `'half_up'`).
    pub rounding: Option<RoundingMode>,
    /// Which line takes the rounding residual when no line is a balance (default `'last'`).
    pub residual: Option<ResidualPolicy>,
    /// How due dates on non-business days move (default `'none'`).
    pub roll: Option<Roll>,
    /// Which document date the base date is (default `'document'`).
    pub basis: Option<DateBasis>,
}

/// Payment terms, converted once and held by the core: what `parseTerms` and
/// `termsFromJson` return, and what `new Terms(...)` builds from a `TermsObject` or a
/// notation string. Pass it to `schedule`, `printTerms` and `termsToJson` as often as
/// needed: it crosses by reference, with no conversion per call.
///
/// @example
/// const terms = new Terms({ lines: [{ portion: { type: 'balance' }, due: [{ type: 'days', days: 30 }] }] })
/// String(terms) // 'Net 30'
/// terms.toObject() // { lines: [...], rounding: 'half_up', residual: 'last', roll: 'none', basis: 'document' }
#[napi]
pub struct Terms {
    pub(crate) inner: terms::Terms,
}

/// A business-day calendar, converted once and held by the core (holiday strings parsed
/// once): `new BusinessCalendar({ weekend: ['Sat', 'Sun'], holidays: ['2024-12-25'] })`.
/// Taken wherever a calendar is, like the plain `BusinessCalendarObject`.
#[napi]
pub struct BusinessCalendar {
    pub(crate) inner: calendar::BusinessCalendar,
}

/// A customer account: documents, payments and everything that happened to them, folded
/// from an event history by the core. Held by the core and passed by reference; events
/// (`apply`) and results (queries) cross in the stored JSON shape of docs/json.md.
///
/// @example
/// const account = new Account({ customer: 'ACME', currency: 'EUR' })
/// account.apply({ id: 'e1', date: '2024-01-20', body: { type: 'payment_received', payment_id: 'P-1', amount: '100.00', currency: 'EUR' } })
/// account.unappliedCash() // '100.00'
#[napi]
pub struct Account {
    pub(crate) inner: ledger::Account,
}

/// Options of `earlyPaymentAmounts`.
#[napi(object, object_to_js = false)]
pub struct EarlyPaymentOptions {
    /// How the taxes and the discount are rounded to the currency (default `'half_up'`).
    pub rounding: Option<RoundingMode>,
    /// Which amount a percent discount rounds (default `'discount'`).
    pub discount_rounding: Option<DiscountRounding>,
}

/// Options of `proRataDiscount`, `availableDiscount` and `dynamicDiscount`.
#[napi(object, object_to_js = false)]
pub struct DiscountRoundingOptions {
    /// How the discount is rounded to the currency's minor unit (default `'half_up'`).
    pub rounding: Option<RoundingMode>,
}

/// Options of `statement`: how far ahead items count as due soon and the aging buckets.
#[napi(object, object_to_js = false)]
pub struct StatementOptions {
    /// Items due within this many days after `to` are listed in `due_soon` (default 14; a
    /// whole number, checked).
    pub due_soon_days: Option<f64>,
    /// Inclusive upper bounds of the past-due buckets in days, positive and strictly
    /// increasing (default `[30, 60, 90, 120]`: current, 1-30, 31-60, 61-90, 91-120, over 120).
    pub bucket_bounds: Option<Vec<f64>>,
}

/// The JS type of `value` (`napi_typeof`).
///
/// # Safety
/// `env` and `value` must be the live handles napi passes to a conversion.
pub(crate) unsafe fn type_of(
    env: sys::napi_env,
    value: sys::napi_value,
) -> napi::Result<sys::napi_valuetype> {
    let mut kind = 0;
    // SAFETY: the caller passes live handles
    let status = unsafe { sys::napi_typeof(env, value, &mut kind) };
    match status {
        sys::Status::napi_ok => Ok(kind),
        _ => Err(napi::Error::new(
            napi::Status::from(status),
            "cannot read the argument".to_string(),
        )),
    }
}

/// The instance of class `C` that `value` wraps, if it wraps one: napi's own unwrap for a `&C`
/// argument, which checks the object's type tag (feature `napi8`), so an object that wraps
/// nothing or another class is `None`.
///
/// # Safety
/// As [`type_of`]; the returned borrow is napi's own for a `&C` argument: valid for the call.
unsafe fn instance_of<C: FromNapiRef>(
    env: sys::napi_env,
    value: sys::napi_value,
) -> Option<&'static C> {
    // SAFETY: the caller passes live handles
    unsafe { C::from_napi_ref(env, value) }.ok()
}

/// Terms as an argument: a [`Terms`] instance (by reference), a [`TermsObject`] or a
/// notation string (`'2/10 Net 30'`).
///
/// Not `Either<..>`: napi's `Either` replaces the precise error of a malformed object
/// (`StringExpected ... on Part.percent`) with "none of these types".
pub enum TermsInput {
    /// A `Terms` instance: napi's borrow of the argument, valid for the call.
    Class(&'static Terms),
    /// A plain `TermsObject`.
    Object(TermsObject),
    /// A notation string, parsed by the core.
    Notation(String),
}

impl TypeName for TermsInput {
    fn type_name() -> &'static str {
        "Terms | TermsObject | string"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl FromNapiValue for TermsInput {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY (all three): `env` and `value` are the live handles napi passes here
        match unsafe { type_of(env, value) }? {
            sys::ValueType::napi_string => {
                unsafe { String::from_napi_value(env, value) }.map(TermsInput::Notation)
            }
            sys::ValueType::napi_object => match unsafe { instance_of::<Terms>(env, value) } {
                Some(terms) => Ok(TermsInput::Class(terms)),
                // the conversion checks every field itself
                None => unsafe { TermsObject::from_napi_value(env, value) }.map(TermsInput::Object),
            },
            _ => Err(napi::Error::new(
                napi::Status::InvalidArg,
                "expected terms: a `Terms`, a `TermsObject` or a notation string".to_string(),
            )),
        }
    }
}

/// A calendar as an argument: a [`BusinessCalendar`] instance (by reference) or a
/// [`BusinessCalendarObject`].
pub enum CalendarInput {
    /// A `BusinessCalendar` instance: napi's borrow of the argument, valid for the call.
    Class(&'static BusinessCalendar),
    /// A plain `BusinessCalendarObject`.
    Object(BusinessCalendarObject),
}

impl TypeName for CalendarInput {
    fn type_name() -> &'static str {
        "BusinessCalendar | BusinessCalendarObject"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl FromNapiValue for CalendarInput {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        // SAFETY (all three): `env` and `value` are the live handles napi passes here
        if unsafe { type_of(env, value) }? == sys::ValueType::napi_object {
            if let Some(calendar) = unsafe { instance_of::<BusinessCalendar>(env, value) } {
                return Ok(CalendarInput::Class(calendar));
            }
        }
        // anything else: napi's own checks and errors, as for a plain object argument
        unsafe { BusinessCalendarObject::from_napi_value(env, value) }.map(CalendarInput::Object)
    }
}

/// Options of `schedule` that belong to the host rather than to the terms.
#[napi(object, object_to_js = false)]
pub struct ScheduleOptions {
    /// The calendar for the terms' roll (default: Saturday and Sunday off, no holidays).
    #[napi(ts_type = "BusinessCalendar | BusinessCalendarObject")]
    pub calendar: Option<CalendarInput>,
    /// Round installments to multiples of this decimal string (cash rounding, e.g. `'0.05'`).
    pub cash_increment: Option<String>,
    /// Accept installments opposite in sign to the amount (default `false`).
    pub allow_negative: Option<bool>,
}

// The schedule types below only declare the shape in `index.d.ts`: a schedule crosses as one
// string of fields (`convert::schedule_fields`) that `main.js` builds these objects from.

/// An early-payment discount offered on one installment.
#[napi(object, object_from_js = false)]
pub struct DiscountOffer {
    /// The last day (inclusive) the discount is earned, `'YYYY-MM-DD'`.
    pub deadline: String,
    /// The discount, rounded to the currency (decimal string).
    pub discount: String,
    /// What settles the installment by the deadline: amount minus discount (decimal string).
    pub amount_due: String,
}

/// One installment of a schedule.
#[napi(object, object_from_js = false)]
pub struct Installment {
    /// The due date after the business-day roll, `'YYYY-MM-DD'`.
    pub due_date: String,
    /// The amount due (decimal string with the currency's scale, e.g. `'100.00'`).
    pub amount: String,
    /// Early-payment discounts, one per tier, in the terms' order (empty when none).
    pub discounts: Vec<DiscountOffer>,
    /// How the due date was reached, for people.
    pub reason: String,
}

/// The full schedule of a term for an amount and a base date.
#[napi(object, object_from_js = false)]
pub struct Schedule {
    /// The ISO code of all amounts.
    pub currency: String,
    /// The amount scheduled; the installments sum to it exactly (decimal string).
    pub total: String,
    /// The installments, in the terms' line order.
    pub installments: Vec<Installment>,
}
