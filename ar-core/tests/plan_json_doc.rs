//! The installment-plan JSON of docs/json.md is real: every example under the section
//! "Installment plans" deserializes into the type its heading names, and the marked plan
//! example is exactly what `installment_plan` returns.

use ar_core::installments::{
    installment_plan, AmortizedTerms, DefaultPolicy, DownPayment, DueDates, Plan, PlanPayment,
    PlanSpec, PlanTerms, RescheduleRequest,
};
use ar_core::money::Currency;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn section() -> &'static str {
    let doc = include_str!("../../docs/json.md");
    let start = doc
        .find("\n## Installment plans\n")
        .expect("the section exists");
    let rest = &doc[start + 1..];
    let end = rest[3..].find("\n## ").map(|i| i + 3).unwrap_or(rest.len());
    &rest[..end]
}

/// The first ```json block under `### {heading}`.
fn block_under(heading: &str) -> &'static str {
    let s = section();
    let marker = format!("\n### {heading}\n");
    let at = s
        .find(&marker)
        .unwrap_or_else(|| panic!("no heading {heading}"))
        + marker.len();
    let next_heading = s[at..].find("\n### ").map(|i| at + i).unwrap_or(s.len());
    let open = s[at..next_heading]
        .find("```json\n")
        .unwrap_or_else(|| panic!("no json block under {heading}"))
        + at
        + "```json\n".len();
    let close = open + s[open..].find("```").expect("the block is closed");
    &s[open..close]
}

fn marked(marker: &str) -> &'static str {
    let s = section();
    let m = format!("<!-- {marker} -->\n```json\n");
    let open = s.find(&m).expect("the marked example exists") + m.len();
    let close = open + s[open..].find("```").expect("the block is closed");
    &s[open..close]
}

fn each_line<T: DeserializeOwned>(heading: &str) -> usize {
    let mut n = 0;
    for line in block_under(heading)
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        serde_json::from_str::<T>(line)
            .unwrap_or_else(|e| panic!("{heading} example `{line}` does not parse: {e}"));
        n += 1;
    }
    n
}

fn whole<T: DeserializeOwned>(heading: &str) -> T {
    serde_json::from_str(block_under(heading))
        .unwrap_or_else(|e| panic!("{heading} example does not parse: {e}"))
}

#[test]
fn every_example_parses_as_its_type() {
    let _: PlanTerms = whole("PlanTerms");
    assert_eq!(each_line::<DueDates>("DueDates"), 2);
    assert_eq!(each_line::<DownPayment>("DownPayment"), 2);
    let _: AmortizedTerms = whole("AmortizedTerms");
    let _: PlanSpec = whole("PlanSpec");
    let _: PlanPayment = whole("PlanPayment");
    let _: DefaultPolicy = whole("DefaultPolicy");
    let _: RescheduleRequest = whole("RescheduleRequest");
}

#[test]
fn the_plan_example_is_what_installment_plan_returns() {
    let terms: PlanTerms = serde_json::from_str(marked("plan-example-terms")).unwrap();
    let eur = Currency::from_code("EUR").unwrap();
    let plan = installment_plan("1000.00".parse().unwrap(), eur, &terms).unwrap();
    let documented: Value = serde_json::from_str(marked("plan-example-plan")).unwrap();
    assert_eq!(serde_json::to_value(&plan).unwrap(), documented);
    // and it reads back as a Plan
    let back: Plan = serde_json::from_value(documented).unwrap();
    assert_eq!(back, plan);
}
