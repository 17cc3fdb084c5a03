//! Schedule throughput: the shared 3-line term of `benches/three_line_terms.json` (the same
//! input the Python and Node benches time), `Net 30` and `30/60/90`, plus parsing
//! `3/10, 2/20 Net 30`.
//!
//! Run: `cargo bench -p ar-core --bench schedule`.
//! Before timing, each schedule is checked against amounts worked out by hand, so the numbers
//! are for correct output.

use std::hint::black_box;

use ar_core::money::Currency;
use ar_core::notation::parse;
use ar_core::terms::{schedule, ScheduleOptions, Terms};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rust_decimal::Decimal;

/// The shared bench input.
struct Case {
    terms: Terms,
    base_date: NaiveDate,
    amount: Decimal,
    currency: Currency,
}

fn three_line_case() -> Case {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../benches/three_line_terms.json"
    );
    let text = std::fs::read_to_string(path).expect("benches/three_line_terms.json is readable");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let field = |name: &str| {
        json[name]
            .as_str()
            .unwrap_or_else(|| panic!("`{name}` is a string"))
    };
    Case {
        terms: serde_json::from_value(json["terms"].clone()).expect("terms in the JSON shape"),
        base_date: field("base_date").parse().expect("ISO date"),
        amount: field("amount").parse().expect("decimal amount"),
        currency: Currency::from_code(field("currency")).expect("ISO currency"),
    }
}

fn run(case: &Case, terms: &Terms) -> Vec<(String, String)> {
    let s = schedule(
        terms,
        case.base_date,
        case.amount,
        case.currency,
        &ScheduleOptions::default(),
    )
    .expect("the bench terms schedule");
    s.installments
        .iter()
        .map(|i| (i.due_date.to_string(), i.amount.to_string()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(d, a)| (d.to_string(), a.to_string()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let case = three_line_case();
    let net30 = parse("Net 30").expect("parses");
    let thirds = parse("30/60/90").expect("parses");

    // Expected outputs, by hand, from 31 Jan 2024 and EUR 1000.00:
    // 30 % = 300.00 due +30 days = 1 Mar 2024; 30 % = 300.00 due end of (31 Jan + 1 month =
    // 29 Feb) = 29 Feb 2024; balance 400.00 due end of (31 Jan + 2 months = 31 Mar).
    assert_eq!(
        run(&case, &case.terms),
        pairs(&[
            ("2024-03-01", "300.00"),
            ("2024-02-29", "300.00"),
            ("2024-03-31", "400.00")
        ])
    );
    // Net 30: 1000.00 due 1 Mar 2024.
    assert_eq!(run(&case, &net30), pairs(&[("2024-03-01", "1000.00")]));
    // 30/60/90: 1000.00 / 3 = 333.333.. -> 333.33, 333.33, residual 333.34 on the last line;
    // due 1 Mar, 31 Mar and 30 Apr 2024.
    assert_eq!(
        run(&case, &thirds),
        pairs(&[
            ("2024-03-01", "333.33"),
            ("2024-03-31", "333.33"),
            ("2024-04-30", "333.34")
        ])
    );

    let options = ScheduleOptions::default();
    let mut group = c.benchmark_group("schedule");
    group.throughput(Throughput::Elements(1));
    for (name, terms) in [
        ("three_line_terms", &case.terms),
        ("net_30", &net30),
        ("thirds_30_60_90", &thirds),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                schedule(
                    black_box(terms),
                    black_box(case.base_date),
                    black_box(case.amount),
                    case.currency,
                    &options,
                )
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("notation");
    group.throughput(Throughput::Elements(1));
    group.bench_function("parse_3_10_2_20_net_30", |b| {
        b.iter(|| parse(black_box("3/10, 2/20 Net 30")))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
