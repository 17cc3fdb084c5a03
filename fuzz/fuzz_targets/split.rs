//! Any total, currency, parts and options: split never panics, and when it succeeds there is
//! one amount per part and they sum to the total exactly.
#![no_main]

use ar_core::allocation::split;
use ar_core_fuzz as build;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let Ok(currency) = build::currency(&mut u) else {
        return;
    };
    let Ok(increment) = build::increment(&mut u) else {
        return;
    };
    let Ok(total) = build::amount(&mut u, currency, increment) else {
        return;
    };
    let Ok(options) = build::split_options(&mut u, increment) else {
        return;
    };
    let Ok(n) = u.int_in_range(0..=6) else { return };
    let Ok(parts) = (0..n)
        .map(|_| build::part(&mut u))
        .collect::<arbitrary::Result<Vec<_>>>()
    else {
        return;
    };
    if let Ok(amounts) = split(total, currency, &parts, &options) {
        assert_eq!(amounts.len(), parts.len());
        // summed exactly: Decimal addition could overflow or round on huge parts
        let sum = build::exact_sum(amounts.iter().copied());
        assert_eq!(
            sum,
            build::exact(total),
            "{amounts:?}: {parts:?} of {total} {currency}"
        );
    }
});
