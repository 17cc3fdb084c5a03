//! Any terms, base date, amount, currency and options: schedule never panics, and when it
//! succeeds the installments sum to the amount and each discount offer adds up.
#![no_main]

use ar_core::notation::{parse, print};
use ar_core::terms::schedule;
use ar_core_fuzz as build;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(terms) = build::terms(&mut u) else {
        return;
    };
    let Ok(base) = build::date(&mut u) else {
        return;
    };
    let Ok(currency) = build::currency(&mut u) else {
        return;
    };
    let Ok(increment) = build::increment(&mut u) else {
        return;
    };
    let Ok(amount) = build::amount(&mut u, currency, increment) else {
        return;
    };
    let Ok(options) = build::schedule_options(&mut u, increment) else {
        return;
    };

    // printing is total and never panics on any terms, valid or not
    let _ = parse(&print(&terms));

    if let Ok(s) = schedule(&terms, base, amount, currency, &options) {
        assert_eq!(s.installments.len(), terms.lines.len());
        // summed exactly: Decimal addition could overflow or round on huge installments
        let sum = build::exact_sum(s.installments.iter().map(|i| i.amount));
        assert_eq!(
            sum,
            build::exact(amount),
            "{s:?}: {terms:?} {amount} {currency}"
        );
        for i in &s.installments {
            for offer in &i.discounts {
                assert_eq!(
                    build::exact_sum([offer.amount_due, offer.discount]),
                    build::exact(i.amount)
                );
            }
        }
    }
});
