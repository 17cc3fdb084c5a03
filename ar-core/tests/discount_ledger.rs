//! Early-payment discounts in documents and the ledger: invoices issued with a discount base,
//! and the `pro_rata` partial-discount policy in payment application.
//!
//! Expected numbers are worked by hand in the comments.

mod ledger_common;

use ar_core::application::RemittanceLine;
use ar_core::discounts::{DiscountBase, DiscountRounding, PartialDiscount};
use ar_core::documents::{issue_invoice, InvoiceDraft, InvoiceLine, TaxMode};
use ar_core::ledger::{AccountConfig, EventBody};
use ar_core::money::RoundingMode;
use ar_core::notation;
use ledger_common::*;

/// 1 000.00 net + 21 % VAT (210.00) = 1 210.00 on 2/10 net 30 from 2024-01-01.
fn vat_draft(base: DiscountBase) -> InvoiceDraft {
    InvoiceDraft {
        id: "INV-1".into(),
        customer: "ACME".into(),
        date: day(2024, 1, 1),
        currency: eur(),
        lines: vec![InvoiceLine::new("consulting", d("1"), d("1000.00")).with_tax("VAT21", d("21"))],
        tax_mode: TaxMode::Exclusive,
        terms: Some(notation::parse("2/10 Net 30").unwrap()),
        base_date: None,
        rounding: RoundingMode::HalfUp,
        discount_base: base,
        discount_rounding: DiscountRounding::Discount,
    }
}

#[test]
fn invoice_offers_follow_the_discount_base() {
    // gross: 2 % of 1210.00 = 24.20 -> 1185.80 by 2024-01-11
    // net:   2 % of 1000.00 = 20.00 -> 1190.00
    // mixed: tax 21 % of 980.00 = 205.80, total 1205.80; 2 % of 1000.00 = 20.00 -> 1185.80
    let cases = [
        (DiscountBase::Gross, "1210.00", "210.00", "24.20", "1185.80"),
        (DiscountBase::Net, "1210.00", "210.00", "20.00", "1190.00"),
        (DiscountBase::Mixed, "1205.80", "205.80", "20.00", "1185.80"),
    ];
    for (base, total, tax, discount, due) in cases {
        let (doc, totals) = issue_invoice(&vat_draft(base), &Default::default()).unwrap();
        let offer = &doc.installments[0].discounts[0];
        assert_eq!(
            (
                doc.total.to_string(),
                totals.tax.to_string(),
                offer.discount.to_string(),
                offer.amount_due.to_string(),
                offer.deadline.to_string()
            ),
            (
                total.into(),
                tax.into(),
                discount.into(),
                due.into(),
                "2024-01-11".into()
            ),
            "{base:?}"
        );
        let reduced = totals.taxes[0].discount_percent.map(|p| p.to_string());
        assert_eq!(
            reduced,
            (base == DiscountBase::Mixed).then(|| "2".to_string())
        );
    }
}

#[test]
fn default_draft_json_is_unchanged_and_old_json_reads() {
    // the new fields are omitted when they hold their defaults
    let json = serde_json::to_value(vat_draft(DiscountBase::Gross)).unwrap();
    assert!(json.get("discount_base").is_none() && json.get("discount_rounding").is_none());
    let back: InvoiceDraft = serde_json::from_value(json).unwrap();
    assert_eq!(back, vat_draft(DiscountBase::Gross));
    let json = serde_json::to_value(vat_draft(DiscountBase::Mixed)).unwrap();
    assert_eq!(json["discount_base"], "mixed");
    // an account config without partial_discount reads as `none`, and writes without it
    let config: AccountConfig =
        serde_json::from_str(r#"{"customer":"ACME","currency":"EUR"}"#).unwrap();
    assert_eq!(config.partial_discount, PartialDiscount::None);
    assert!(!serde_json::to_string(&config)
        .unwrap()
        .contains("partial_discount"));
    let config: AccountConfig = serde_json::from_str(
        r#"{"customer":"ACME","currency":"EUR","partial_discount":"pro_rata"}"#,
    )
    .unwrap();
    assert_eq!(config.partial_discount, PartialDiscount::ProRata);
}

#[test]
fn multi_installment_net_base_and_mixed_errors() {
    // 50/50 with 2 % in 10 days on each line, net base: each installment 605.00 carries
    // 605.00 * 2 % * 1000/1210 = 10.00 exactly
    let mut draft = vat_draft(DiscountBase::Net);
    draft.terms = Some(notation::parse("2/10 Net 30").unwrap());
    let mut terms = draft.terms.clone().unwrap();
    let line = terms.lines[0].clone();
    terms.lines = vec![line.clone(), line];
    terms.lines[0].portion = ar_core::allocation::Part::percent(d("50"));
    terms.lines[1].portion = ar_core::allocation::Part::Balance;
    draft.terms = Some(terms);
    let (doc, _) = issue_invoice(&draft, &Default::default()).unwrap();
    let got: Vec<(String, String)> = doc
        .installments
        .iter()
        .map(|i| (i.amount.to_string(), i.discounts[0].discount.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("605.00".to_string(), "10.00".to_string()),
            ("605.00".to_string(), "10.00".to_string())
        ]
    );
    // mixed needs one percent and exclusive prices
    let mut two_tiers = vat_draft(DiscountBase::Mixed);
    two_tiers.terms = Some(notation::parse("2/10 Net 30").unwrap());
    if let Some(t) = two_tiers.terms.as_mut() {
        let mut tier = t.lines[0].discounts[0].clone();
        tier.value = ar_core::terms::DiscountValue::Percent { percent: d("3") };
        tier.deadline = vec![ar_core::terms::DateStep::Days { days: 5 }];
        t.lines[0].discounts.insert(0, tier);
    }
    let err = issue_invoice(&two_tiers, &Default::default()).unwrap_err();
    assert_eq!(err.kind(), "mixed_needs_one_percent");
    assert_eq!(
        err.to_string(),
        "the mixed discount base needs every discount tier to be the same percent, found `3` % and `2` %"
    );
    let mut inclusive = vat_draft(DiscountBase::Mixed);
    inclusive.tax_mode = TaxMode::Inclusive;
    assert_eq!(
        issue_invoice(&inclusive, &Default::default())
            .unwrap_err()
            .kind(),
        "mixed_needs_exclusive_tax"
    );
}

#[test]
fn odoo_rounding_of_the_amount_due_on_an_invoice() {
    // 100.25 at 2 %: the exact discount 2.005 is a half-cent tie; Odoo rounds the amount due
    // 98.245 -> 98.25 (discount 2.00); the default rounds the discount 2.005 -> 2.01 (98.24)
    let mut draft = vat_draft(DiscountBase::Gross);
    draft.lines = vec![InvoiceLine::new("x", d("1"), d("100.25"))];
    let (doc, _) = issue_invoice(&draft, &Default::default()).unwrap();
    assert_eq!(
        doc.installments[0].discounts[0].amount_due.to_string(),
        "98.24"
    );
    draft.discount_rounding = DiscountRounding::AmountDue;
    let (doc, _) = issue_invoice(&draft, &Default::default()).unwrap();
    let offer = &doc.installments[0].discounts[0];
    assert_eq!(
        (offer.discount.to_string(), offer.amount_due.to_string()),
        ("2.00".into(), "98.25".into())
    );
}

/// 1 000.00 on 2/10 net 30 from 2024-01-01 (offer 20.00 until 2024-01-11), pro-rata policy.
fn pro_rata_book() -> Book {
    let config = AccountConfig {
        partial_discount: PartialDiscount::ProRata,
        ..AccountConfig::new("ACME", eur())
    };
    let mut b = Book::with_config(config);
    let mut draft = vat_draft(DiscountBase::Gross);
    draft.lines = vec![InvoiceLine::new("x", d("1"), d("1000.00"))];
    let (doc, _) = issue_invoice(&draft, &Default::default()).unwrap();
    b.issue(doc);
    b
}

#[test]
fn pro_rata_partial_payment_then_the_rest_in_the_window() {
    let mut b = pro_rata_book();
    // 400.00 on 2024-01-05: 20.00 x 400.00 / 980.00 = 8.163... -> 8.16; 591.84 open
    let a = b.pay("P-1", day(2024, 1, 5), "400.00");
    assert_eq!(
        (
            a.allocations[0].amount.to_string(),
            a.allocations[0].discount_taken.to_string()
        ),
        ("400.00".into(), "8.16".into())
    );
    assert_eq!(
        a.allocations[0].reason,
        "oldest due first: INV-1 #1 due 2024-01-31 (open 1000.00); partial payment by the discount deadline, pro rata 8.16 discount taken (20.00 x 400.00 / (1000.00 - 20.00))"
    );
    assert_eq!(b.account.balance().unwrap().to_string(), "591.84");
    // the rest on the deadline: 20.00 x 591.84 / 1000.00 = 11.8368 -> 11.84 still available,
    // so 580.00 closes; 400.00 + 580.00 cash, 8.16 + 11.84 = 20.00 discount in all
    let a = b.pay("P-2", day(2024, 1, 11), "580.00");
    assert_eq!(
        (
            a.allocations[0].amount.to_string(),
            a.allocations[0].discount_taken.to_string()
        ),
        ("580.00".into(), "11.84".into())
    );
    assert_eq!(b.account.balance().unwrap().to_string(), "0.00");
    // reversing the first payment restores exactly what it closed: 408.16
    b.apply(
        day(2024, 1, 20),
        EventBody::PaymentReversed {
            payment_id: "P-1".into(),
            reason: "bounced".into(),
        },
    )
    .unwrap();
    assert_eq!(b.account.balance().unwrap().to_string(), "408.16");
}

#[test]
fn pro_rata_after_the_window_and_policy_none_unchanged() {
    // after the deadline: no discount under either policy
    let mut b = pro_rata_book();
    let a = b.pay("P-1", day(2024, 1, 12), "400.00");
    assert_eq!(a.allocations[0].discount_taken.to_string(), "0.00");
    assert_eq!(b.account.balance().unwrap().to_string(), "600.00");
    // policy none: a partial payment in the window earns nothing, the later full discounted
    // payment takes the whole 20.00 (today's behaviour)
    let mut b = Book::new();
    let mut draft = vat_draft(DiscountBase::Gross);
    draft.lines = vec![InvoiceLine::new("x", d("1"), d("1000.00"))];
    b.issue(issue_invoice(&draft, &Default::default()).unwrap().0);
    let a = b.pay("P-1", day(2024, 1, 5), "400.00");
    assert_eq!(a.allocations[0].discount_taken.to_string(), "0.00");
    let a = b.pay("P-2", day(2024, 1, 11), "580.00");
    assert_eq!(a.allocations[0].discount_taken.to_string(), "20.00");
    assert_eq!(b.account.balance().unwrap().to_string(), "0.00");
}

#[test]
fn pro_rata_remittance_line() {
    let mut b = pro_rata_book();
    // a remittance line of 490.00 for INV-1 in the window: 20.00 x 490 / 980 = 10.00 exactly
    let a = b
        .pay_with(
            "P-1",
            day(2024, 1, 10),
            "490.00",
            vec![RemittanceLine {
                document: "INV-1".into(),
                installment: Some(0),
                amount: d("490.00"),
                discount: None,
            }],
            None,
            None,
        )
        .unwrap();
    assert_eq!(a.allocations[0].discount_taken.to_string(), "10.00");
    assert_eq!(
        a.allocations[0].reason,
        "remittance line 1: INV-1 #1 (open 1000.00); partial payment by the discount deadline, pro rata 10.00 discount taken (20.00 x 490.00 / (1000.00 - 20.00))"
    );
    // 500.00 open; 20.00 x 500 / 1000 = 10.00 still available: 490.00 closes it
    let a = b
        .pay_with(
            "P-2",
            day(2024, 1, 11),
            "490.00",
            vec![RemittanceLine {
                document: "INV-1".into(),
                installment: None,
                amount: d("490.00"),
                discount: None,
            }],
            None,
            None,
        )
        .unwrap();
    assert_eq!(a.allocations[0].discount_taken.to_string(), "10.00");
    assert_eq!(b.account.balance().unwrap().to_string(), "0.00");
    // an explicit discount above what is available is refused
    let mut b = pro_rata_book();
    let err = b
        .pay_with(
            "P-1",
            day(2024, 1, 10),
            "400.00",
            vec![RemittanceLine {
                document: "INV-1".into(),
                installment: Some(0),
                amount: d("400.00"),
                discount: Some(d("20.01")),
            }],
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), "discount_not_available");
}

#[test]
fn earned_discount_of_a_document() {
    let (doc, _) = issue_invoice(&vat_draft(DiscountBase::Net), &Default::default()).unwrap();
    let on_time = doc.earned_discount(day(2024, 1, 11)).unwrap();
    assert_eq!(
        (
            on_time.discount.to_string(),
            on_time.amount_due.to_string(),
            on_time.installments[0].tier
        ),
        ("20.00".into(), "1190.00".into(), Some(0))
    );
    let late = doc.earned_discount(day(2024, 1, 12)).unwrap();
    assert_eq!(
        (late.discount.to_string(), late.amount_due.to_string()),
        ("0.00".into(), "1210.00".into())
    );
    assert_eq!(
        late.installments[0].reason,
        "paid 2024-01-12, after the last discount deadline 2024-01-11: no discount"
    );
}

#[test]
fn docs_json_discount_bases_example_is_real() {
    use ar_core::discounts::{early_payment_amounts, EarlyPayment, TaxPortion, TaxedAmount};
    let doc = include_str!("../../docs/json.md");
    let marker = "<!-- discount-bases-example -->\n```json\n";
    let start = doc.find(marker).expect("the marked example exists") + marker.len();
    let end = start + doc[start..].find("```").expect("the block is closed");
    let documented: Vec<EarlyPayment> =
        serde_json::from_str(&doc[start..end]).expect("the example parses");
    let amount = TaxedAmount {
        net: d("1000.00"),
        taxes: vec![TaxPortion {
            percent: d("21"),
            base: d("1000.00"),
        }],
    };
    for want in documented {
        let mut got = early_payment_amounts(
            &amount,
            eur(),
            d("2"),
            want.discount_base,
            RoundingMode::HalfUp,
            DiscountRounding::Discount,
        )
        .unwrap();
        got.reason = want.reason.clone();
        assert_eq!(got, want);
    }
}
