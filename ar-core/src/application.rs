//! Payment application (cash application): which open items a payment or a credit pays.
//!
//! The strategies, the short-payment policy and the [`Allocation`] record live here; the
//! [`crate::ledger`] validates events, asks this module for a plan, and commits it. Planning
//! never changes the account, so a rejected payment leaves it untouched.
//!
//! | strategy | order |
//! |---|---|
//! | [`Strategy::Remittance`] | the payment's remittance lines, as given |
//! | [`Strategy::OldestDueFirst`] (default) | due date, then document date, then document id, then installment |
//! | [`Strategy::ExactAmountFirst`] | an open item whose open amount equals the payment, else oldest due first |
//! | [`Strategy::Proportional`] | every open item in proportion to its open amount (largest remainder, exact) |
//! | [`Strategy::Statutory`] | fee charges, then interest charges, then principal, each oldest due first (BGB section 367) |
//!
//! Early-payment discounts: the offer eligible on the payment date is the installment's best
//! offer whose deadline (inclusive) is on or after it ([`crate::discounts::best_offer`]). What
//! is still available of it depends on [`AccountConfig::partial_discount`]:
//!
//! - `none` (default): the whole offer, capped at what is open, even after earlier partial
//!   payments. A payment that pays at least `open - discount` closes the installment and
//!   records the discount as taken; a smaller payment earns nothing.
//! - `pro_rata`: the offer scaled to the share still open,
//!   [`crate::discounts::available_discount`] (`offer * open / amount`, the whole offer on an
//!   untouched installment). A payment that pays at least `open - available` closes the
//!   installment with it; a smaller payment `P` (an automatic strategy's cash for the item, or
//!   a remittance line's amount without an explicit `discount`) earns
//!   [`crate::discounts::pro_rata_discount`]: `available * P / (open - available)`, rounded
//!   with the document's terms' rounding mode, and leaves the exact rest open.
//!
//! Proportional application and exact-amount matches take no discounts.
//!
//! [`AccountConfig::partial_discount`]: crate::ledger::AccountConfig::partial_discount
//!
//! ```
//! use ar_core::application::Strategy;
//! assert_eq!(serde_json::to_string(&Strategy::default()).unwrap(), r#""oldest_due_first""#);
//! ```

use std::collections::{btree_set, BTreeMap, BTreeSet};
use std::iter::Peekable;

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::discounts::{available_discount, best_offer, pro_rata_discount, PartialDiscount};
use crate::ledger::{Account, ItemKey, LedgerError};
use crate::money::{Currency, MoneyError, RoundingMode};

/// How a payment is spread over open items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Only the remittance lines; what they leave stays unapplied.
    Remittance,
    /// Oldest due first (default): due date, document date, document id, installment.
    #[default]
    OldestDueFirst,
    /// An open item whose open amount equals the payment exactly, else oldest due first.
    ExactAmountFirst,
    /// Every open item in proportion to its open amount, summing exactly.
    Proportional,
    /// Costs (fee charges), then interest charges, then principal, each oldest due first.
    Statutory,
}

impl Strategy {
    fn label(self) -> &'static str {
        match self {
            Strategy::Remittance => "remittance",
            Strategy::OldestDueFirst => "oldest due first",
            Strategy::ExactAmountFirst => "exact amount first",
            Strategy::Proportional => "proportional",
            Strategy::Statutory => "statutory order",
        }
    }
}

/// What happens to the residual of an item a payment reached but did not close.
///
/// JSON: `{"type":"leave_residual"}`, `{"type":"deduction","reason_code":"damaged"}`,
/// `{"type":"write_off","tolerance":"1.00","reason_code":"small_balance"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ShortPaymentPolicy {
    /// The residual stays open (default).
    #[default]
    LeaveResidual,
    /// The residual stays open and is recorded as a deduction with a reason code (the
    /// customer's claim, to be investigated); it does not change the balance.
    Deduction {
        /// Why the customer short-paid.
        reason_code: String,
    },
    /// A residual at or under `tolerance` is written off; a larger one stays open.
    WriteOff {
        /// The largest residual written off.
        tolerance: Decimal,
        /// The write-off's reason code.
        reason_code: String,
    },
}

/// One application of a payment or a credit to one installment.
///
/// `amount` is cash (or credit) applied; the installment's open amount went down by
/// `amount + discount_taken + written_off`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// The event that made the allocation.
    pub event: String,
    /// The payment id or credit document id whose money was applied.
    pub source: String,
    /// The document paid.
    pub document: String,
    /// The installment paid (zero-based; reasons print it one-based, `#1`).
    pub installment: u32,
    /// The cash or credit applied.
    pub amount: Decimal,
    /// An early-payment discount taken on this installment.
    pub discount_taken: Decimal,
    /// A residual written off under the short-payment tolerance.
    pub written_off: Decimal,
    /// Why, for people.
    pub reason: String,
    /// With a reporting currency: the FX difference realized on `amount`, in the reporting
    /// currency: `amount` valued at the source's rate (the payment's, or the credit note's)
    /// minus `amount` valued at the document's booking rate, each rounded half up. Positive is
    /// a gain. Discounts and write-offs are valued at the document's rate and realize none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realized_fx: Option<Decimal>,
}

/// A short payment recorded as a deduction: the residual stays open, flagged with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    /// The payment event.
    pub event: String,
    /// The payment id.
    pub payment_id: String,
    /// The document.
    pub document: String,
    /// The installment (zero-based).
    pub installment: u32,
    /// The residual left open.
    pub amount: Decimal,
    /// Why the customer short-paid.
    pub reason_code: String,
}

/// One remittance line: which document (and installment) the customer says the money is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemittanceLine {
    /// The document paid.
    pub document: String,
    /// The installment (zero-based); `None`: the document's installments in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment: Option<u32>,
    /// The cash for this line.
    pub amount: Decimal,
    /// A discount the customer took; must not exceed the offer eligible on the payment date.
    /// Without it, a line paying exactly the discounted amount in the window takes the offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Decimal>,
}

/// The plan for one payment or credit, computed without touching the account.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub allocations: Vec<Allocation>,
    pub deductions: Vec<Deduction>,
    /// The new open amount of each item touched.
    pub new_open: BTreeMap<(String, u32), Decimal>,
}

pub(crate) struct Planner<'a> {
    account: &'a Account,
    event: &'a str,
    source: &'a str,
    date: NaiveDate,
    pub plan: Plan,
    /// Items reached, in order, with their index in `plan.allocations` (last allocation).
    reached: Vec<((String, u32), usize)>,
}

fn overflow() -> LedgerError {
    LedgerError::Money(MoneyError::Overflow {
        operation: "payment application",
    })
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, LedgerError> {
    a.checked_add(b).ok_or_else(overflow)
}

fn sub(a: Decimal, b: Decimal) -> Result<Decimal, LedgerError> {
    a.checked_sub(b).ok_or_else(overflow)
}

/// Merges the three class indexes into one oldest-first iterator.
pub(crate) struct Oldest<'a> {
    iters: Vec<Peekable<btree_set::Iter<'a, ItemKey>>>,
}

impl<'a> Oldest<'a> {
    pub(crate) fn new(sets: &[&'a BTreeSet<ItemKey>]) -> Self {
        Oldest {
            iters: sets.iter().map(|s| s.iter().peekable()).collect(),
        }
    }
}

impl<'a> Iterator for Oldest<'a> {
    type Item = &'a ItemKey;
    fn next(&mut self) -> Option<&'a ItemKey> {
        let mut best: Option<(usize, &'a ItemKey)> = None;
        for (i, it) in self.iters.iter_mut().enumerate() {
            if let Some(&k) = it.peek() {
                let better = match best {
                    None => true,
                    Some((_, b)) => k < b,
                };
                if better {
                    best = Some((i, k));
                }
            }
        }
        let (i, _) = best?;
        self.iters.get_mut(i)?.next()
    }
}

impl<'a> Planner<'a> {
    pub(crate) fn new(
        account: &'a Account,
        event: &'a str,
        source: &'a str,
        date: NaiveDate,
    ) -> Self {
        Planner {
            account,
            event,
            source,
            date,
            plan: Plan::default(),
            reached: Vec::new(),
        }
    }

    /// The open amount of an item, after what this plan already took.
    pub(crate) fn open(&self, document: &str, installment: u32) -> Result<Decimal, LedgerError> {
        if let Some(v) = self.plan.new_open.get(&(document.to_string(), installment)) {
            return Ok(*v);
        }
        self.account.item_open(document, installment)
    }

    fn pro_rata(&self) -> bool {
        self.account.config().partial_discount == PartialDiscount::ProRata
    }

    /// The rounding mode of a document's discounts: its terms' mode (half up without terms).
    fn discount_mode(&self, document: &str) -> RoundingMode {
        self.account
            .document(document)
            .and_then(|ds| ds.document.terms.as_ref())
            .map(|t| t.rounding)
            .unwrap_or_default()
    }

    /// The discount still available on the payment date: the best offer whose deadline is not
    /// past, capped at `open` (policy `none`) or scaled to the share still open (`pro_rata`).
    fn eligible_discount(
        &self,
        document: &str,
        installment: u32,
        open: Decimal,
    ) -> Result<Decimal, LedgerError> {
        let Some(item) = self.account.scheduled_item(document, installment) else {
            return Ok(Decimal::ZERO);
        };
        let Some((_, offer)) = best_offer(&item.discounts, self.date) else {
            return Ok(Decimal::ZERO);
        };
        if offer.discount <= Decimal::ZERO || open <= Decimal::ZERO {
            return Ok(Decimal::ZERO);
        }
        if !self.pro_rata() {
            return Ok(offer.discount.min(open));
        }
        Ok(available_discount(
            item.amount,
            offer.discount,
            open,
            self.account.config().currency,
            self.discount_mode(document),
        )?)
    }

    /// The pro-rata discount a partial payment of `cash` earns on an item with `open` open and
    /// `available` discount still available (`cash < open - available`).
    fn partial_discount(
        &self,
        document: &str,
        open: Decimal,
        available: Decimal,
        cash: Decimal,
    ) -> Result<Decimal, LedgerError> {
        Ok(pro_rata_discount(
            open,
            available,
            cash,
            self.account.config().currency,
            self.discount_mode(document),
        )?
        .discount)
    }

    /// Records an allocation; `amount + discount + written_off` must not exceed the open amount.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn allocate(
        &mut self,
        document: &str,
        installment: u32,
        amount: Decimal,
        discount: Decimal,
        written_off: Decimal,
        reason: String,
    ) -> Result<(), LedgerError> {
        let open = self.open(document, installment)?;
        let closed = add(add(amount, discount)?, written_off)?;
        let new_open = sub(open, closed)?;
        if new_open < Decimal::ZERO {
            return Err(LedgerError::OverAllocation {
                document: document.to_string(),
                installment,
                amount: closed,
                open,
            });
        }
        let key = (document.to_string(), installment);
        self.plan.new_open.insert(key.clone(), new_open);
        self.plan.allocations.push(Allocation {
            event: self.event.to_string(),
            source: self.source.to_string(),
            document: document.to_string(),
            installment,
            amount: self.account.scaled(amount),
            discount_taken: self.account.scaled(discount),
            written_off: self.account.scaled(written_off),
            reason,
            realized_fx: None,
        });
        let idx = self.plan.allocations.len() - 1;
        match self.reached.iter_mut().find(|(k, _)| *k == key) {
            Some(r) => r.1 = idx,
            None => self.reached.push((key, idx)),
        }
        Ok(())
    }

    /// Pays one item from `cash` (taking an eligible discount); returns the cash used.
    fn pay_item(
        &mut self,
        key: &ItemKey,
        cash: Decimal,
        label: &str,
        discounts: bool,
    ) -> Result<Decimal, LedgerError> {
        let open = self.open(&key.document, key.installment)?;
        if open <= Decimal::ZERO || cash <= Decimal::ZERO {
            return Ok(Decimal::ZERO);
        }
        let mut reason = format!(
            "{label}: {} #{} due {} (open {open})",
            key.document,
            u64::from(key.installment) + 1,
            key.due_date
        );
        let discount = if discounts {
            self.eligible_discount(&key.document, key.installment, open)?
        } else {
            Decimal::ZERO
        };
        let discounted = sub(open, discount)?;
        let (amount, discount) = if discount > Decimal::ZERO && cash >= discounted {
            reason.push_str(&format!(
                "; paid by the discount deadline, {discount} discount taken"
            ));
            (discounted, discount)
        } else if discount > Decimal::ZERO && self.pro_rata() {
            let earned = self.partial_discount(&key.document, open, discount, cash)?;
            reason.push_str(&format!(
                "; partial payment by the discount deadline, pro rata {} discount taken ({discount} x {cash} / ({open} - {discount}))",
                self.account.scaled(earned)
            ));
            (cash, earned)
        } else {
            (cash.min(open), Decimal::ZERO)
        };
        self.allocate(
            &key.document,
            key.installment,
            amount,
            discount,
            Decimal::ZERO,
            reason,
        )?;
        Ok(amount)
    }

    /// Pays items from `keys` in order until `cash` runs out; returns what is left.
    fn pay_in_order<'k>(
        &mut self,
        keys: impl Iterator<Item = &'k ItemKey>,
        mut cash: Decimal,
        label: &str,
    ) -> Result<Decimal, LedgerError> {
        for key in keys {
            if cash <= Decimal::ZERO {
                break;
            }
            let used = self.pay_item(key, cash, label, true)?;
            cash = sub(cash, used)?;
        }
        Ok(cash)
    }

    /// Applies `cash` by `strategy` to the receivables of the account; returns what is left.
    pub(crate) fn auto(
        &mut self,
        strategy: Strategy,
        cash: Decimal,
        currency: Currency,
    ) -> Result<Decimal, LedgerError> {
        let account = self.account;
        let idx = account.index();
        let label = strategy.label();
        match strategy {
            Strategy::Remittance => Ok(cash),
            Strategy::OldestDueFirst => self.pay_in_order(
                Oldest::new(&[&idx.classes[0], &idx.classes[1], &idx.classes[2]]),
                cash,
                label,
            ),
            Strategy::Statutory => {
                let mut left = cash;
                for class in &idx.classes {
                    left = self.pay_in_order(class.iter(), left, label)?;
                }
                Ok(left)
            }
            Strategy::ExactAmountFirst => {
                if let Some(keys) = idx.by_amount.get(&cash) {
                    for key in keys {
                        if self.open(&key.document, key.installment)? == cash {
                            let reason = format!(
                                "exact amount: {} #{} due {} is open for exactly {cash}",
                                key.document,
                                u64::from(key.installment) + 1,
                                key.due_date
                            );
                            self.allocate(
                                &key.document,
                                key.installment,
                                cash,
                                Decimal::ZERO,
                                Decimal::ZERO,
                                reason,
                            )?;
                            return Ok(Decimal::ZERO);
                        }
                    }
                }
                self.pay_in_order(
                    Oldest::new(&[&idx.classes[0], &idx.classes[1], &idx.classes[2]]),
                    cash,
                    "exact amount first, no exact match, oldest due first",
                )
            }
            Strategy::Proportional => self.proportional(cash, currency),
        }
    }

    fn proportional(&mut self, cash: Decimal, currency: Currency) -> Result<Decimal, LedgerError> {
        let idx = self.account.index();
        let mut items: Vec<(&ItemKey, Decimal)> = Vec::new();
        let mut total = Decimal::ZERO;
        for key in Oldest::new(&[&idx.classes[0], &idx.classes[1], &idx.classes[2]]) {
            let open = self.open(&key.document, key.installment)?;
            if open > Decimal::ZERO {
                total = add(total, open)?;
                items.push((key, open));
            }
        }
        if items.is_empty() || cash <= Decimal::ZERO {
            return Ok(cash);
        }
        if cash >= total {
            for (key, open) in &items {
                let reason = format!(
                    "proportional: {} #{} due {} (open {open}), the payment covers every open item",
                    key.document,
                    u64::from(key.installment) + 1,
                    key.due_date
                );
                self.allocate(
                    &key.document,
                    key.installment,
                    *open,
                    Decimal::ZERO,
                    Decimal::ZERO,
                    reason,
                )?;
            }
            return sub(cash, total);
        }
        // Exact shares in whole minor units: floor(cash * open / total), then one more unit to
        // the largest remainders (ties to the older item) until the payment is used up.
        let unit = currency.minor_unit()?;
        let scale = currency.minor_units().unwrap_or(0);
        let units = |d: Decimal| -> Result<i128, LedgerError> {
            d.checked_div(unit)
                .and_then(|x| x.trunc().to_i128())
                .ok_or_else(overflow)
        };
        let cash_u = units(cash)?;
        let total_u = units(total)?;
        if total_u <= 0 {
            return Ok(cash);
        }
        let mut shares: Vec<(i128, i128)> = Vec::with_capacity(items.len());
        let mut given: i128 = 0;
        for (_, open) in &items {
            let p = cash_u.checked_mul(units(*open)?).ok_or_else(overflow)?;
            let (q, r) = (p / total_u, p % total_u);
            given = given.checked_add(q).ok_or_else(overflow)?;
            shares.push((q, r));
        }
        let mut order: Vec<usize> = (0..shares.len()).collect();
        order.sort_by(|&a, &b| shares[b].1.cmp(&shares[a].1).then(a.cmp(&b)));
        let mut extra = cash_u.checked_sub(given).ok_or_else(overflow)?;
        for i in order {
            if extra <= 0 {
                break;
            }
            if let Some(s) = shares.get_mut(i) {
                s.0 += 1;
                extra -= 1;
            }
        }
        for ((key, open), (q, _)) in items.iter().zip(&shares) {
            if *q == 0 {
                continue;
            }
            let amount = Decimal::from_i128_with_scale(*q, scale);
            let reason = format!(
                "proportional: {} #{} due {} (open {open}), {amount} of {cash} by open amount {open} of {total}",
                key.document,
                u64::from(key.installment) + 1,
                key.due_date
            );
            self.allocate(
                &key.document,
                key.installment,
                amount,
                Decimal::ZERO,
                Decimal::ZERO,
                reason,
            )?;
        }
        Ok(Decimal::ZERO)
    }

    /// Applies explicit remittance lines; returns the cash left.
    pub(crate) fn remittance(
        &mut self,
        lines: &[RemittanceLine],
        cash: Decimal,
    ) -> Result<Decimal, LedgerError> {
        let mut remitted = Decimal::ZERO;
        for line in lines {
            self.account.check_amount(line.amount)?;
            if let Some(d) = line.discount {
                if !d.is_zero() {
                    self.account.check_amount(d)?;
                }
            }
            remitted = add(remitted, line.amount)?;
        }
        if remitted > cash {
            return Err(LedgerError::RemittanceExceedsPayment {
                payment_id: self.source.to_string(),
                remitted,
                amount: cash,
            });
        }
        let left = sub(cash, remitted)?;
        for (n, line) in lines.iter().enumerate() {
            self.account.check_receivable(&line.document, self.source)?;
            let count = self.account.installment_count(&line.document)?;
            let targets: Vec<u32> = match line.installment {
                Some(i) => {
                    if i >= count {
                        return Err(LedgerError::UnknownInstallment {
                            document: line.document.clone(),
                            installment: i,
                        });
                    }
                    vec![i]
                }
                None => (0..count).collect(),
            };
            if line.discount.is_some() && targets.len() != 1 {
                return Err(LedgerError::AmbiguousDiscount {
                    document: line.document.clone(),
                });
            }
            let mut cash_line = line.amount;
            // a line for a whole document of several installments that pays exactly the sum of
            // their discounted amounts takes every installment's discount
            let whole_discount = if line.discount.is_none() && targets.len() > 1 {
                let (mut due, mut discounts) = (Decimal::ZERO, Decimal::ZERO);
                for &inst in &targets {
                    let open = self.open(&line.document, inst)?;
                    if open > Decimal::ZERO {
                        let eligible = self.eligible_discount(&line.document, inst, open)?;
                        due = add(due, sub(open, eligible)?)?;
                        discounts = add(discounts, eligible)?;
                    }
                }
                discounts > Decimal::ZERO && cash_line == due
            } else {
                false
            };
            for (pos, &inst) in targets.iter().enumerate() {
                let open = self.open(&line.document, inst)?;
                let last = pos + 1 == targets.len();
                if open <= Decimal::ZERO && !last {
                    continue;
                }
                let eligible = self.eligible_discount(&line.document, inst, open)?;
                let discount = match line.discount {
                    Some(d) if d < Decimal::ZERO || d > eligible => {
                        return Err(LedgerError::DiscountNotAvailable {
                            document: line.document.clone(),
                            installment: inst,
                            discount: d,
                            eligible,
                        })
                    }
                    Some(d) => d,
                    None if whole_discount => eligible,
                    None if eligible > Decimal::ZERO && cash_line == sub(open, eligible)? => {
                        eligible
                    }
                    None => Decimal::ZERO,
                };
                let amount = if whole_discount {
                    sub(open, discount)?.max(Decimal::ZERO)
                } else if last {
                    cash_line
                } else {
                    cash_line.min(open)
                };
                if amount <= Decimal::ZERO {
                    break;
                }
                let mut reason = format!(
                    "remittance line {}: {} #{} (open {open})",
                    n + 1,
                    line.document,
                    u64::from(inst) + 1
                );
                // a partial payment by the deadline under the pro-rata policy
                let partial = line.discount.is_none()
                    && !whole_discount
                    && discount.is_zero()
                    && eligible > Decimal::ZERO
                    && self.pro_rata()
                    && amount < sub(open, eligible)?;
                let discount = if partial {
                    let earned = self.partial_discount(&line.document, open, eligible, amount)?;
                    reason.push_str(&format!(
                        "; partial payment by the discount deadline, pro rata {} discount taken ({eligible} x {amount} / ({open} - {eligible}))",
                        self.account.scaled(earned)
                    ));
                    earned
                } else {
                    if discount > Decimal::ZERO {
                        reason.push_str(&format!("; {discount} discount taken"));
                    }
                    discount
                };
                self.allocate(
                    &line.document,
                    inst,
                    amount,
                    discount,
                    Decimal::ZERO,
                    reason,
                )?;
                cash_line = sub(cash_line, amount)?;
            }
        }
        Ok(left)
    }

    /// Spreads `total` over one installment or over a document's installments in order (each
    /// non-last one up to its open amount, the last one the rest), as credit or as a
    /// write-off.
    pub(crate) fn spread(
        &mut self,
        document: &str,
        installment: Option<u32>,
        total: Decimal,
        write_off: bool,
        label: &str,
    ) -> Result<(), LedgerError> {
        let count = self.account.installment_count(document)?;
        let targets: Vec<u32> = match installment {
            Some(i) if i >= count => {
                return Err(LedgerError::UnknownInstallment {
                    document: document.to_string(),
                    installment: i,
                })
            }
            Some(i) => vec![i],
            None => (0..count).collect(),
        };
        let mut left = total;
        for (pos, &inst) in targets.iter().enumerate() {
            if left <= Decimal::ZERO {
                break;
            }
            let open = self.open(document, inst)?;
            let last = pos + 1 == targets.len();
            let take = if last { left } else { left.min(open) };
            if take <= Decimal::ZERO {
                continue;
            }
            let reason = format!("{label}: {document} #{} (open {open})", u64::from(inst) + 1);
            let (amount, written_off) = if write_off {
                (Decimal::ZERO, take)
            } else {
                (take, Decimal::ZERO)
            };
            self.allocate(document, inst, amount, Decimal::ZERO, written_off, reason)?;
            left = sub(left, take)?;
        }
        Ok(())
    }

    /// Applies the short-payment policy to every item reached but not closed.
    pub(crate) fn short_payment(
        &mut self,
        policy: &ShortPaymentPolicy,
        payment_id: &str,
    ) -> Result<(), LedgerError> {
        if matches!(policy, ShortPaymentPolicy::LeaveResidual) {
            return Ok(());
        }
        for ((document, installment), idx) in self.reached.clone() {
            let residual = self.open(&document, installment)?;
            if residual <= Decimal::ZERO {
                continue;
            }
            match policy {
                ShortPaymentPolicy::LeaveResidual => {}
                ShortPaymentPolicy::Deduction { reason_code } => {
                    self.plan.deductions.push(Deduction {
                        event: self.event.to_string(),
                        payment_id: payment_id.to_string(),
                        document,
                        installment,
                        amount: residual,
                        reason_code: reason_code.clone(),
                    });
                }
                ShortPaymentPolicy::WriteOff {
                    tolerance,
                    reason_code,
                } => {
                    if residual > *tolerance {
                        continue;
                    }
                    if let Some(a) = self.plan.allocations.get_mut(idx) {
                        a.written_off = self.account.scaled(add(a.written_off, residual)?);
                        a.reason.push_str(&format!(
                            "; residual {residual} written off (tolerance {tolerance}, {reason_code})"
                        ));
                    }
                    self.plan
                        .new_open
                        .insert((document, installment), self.account.scaled(Decimal::ZERO));
                }
            }
        }
        Ok(())
    }
}
