//! Any text: parsing never panics, and whatever parses prints to a text that parses back to
//! the same terms (scale of decimals included) and prints the same again.
#![no_main]

use ar_core::notation::{parse, print};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(terms) = parse(&text) {
        let printed = print(&terms);
        let again = match parse(&printed) {
            Ok(t) => t,
            Err(e) => panic!("{text:?} printed as {printed:?}, which does not parse: {e}"),
        };
        assert_eq!(again, terms, "{text:?} -> {printed:?}");
        assert_eq!(
            format!("{again:?}"),
            format!("{terms:?}"),
            "scale lost: {printed:?}"
        );
        assert_eq!(print(&again), printed);
    }
});
