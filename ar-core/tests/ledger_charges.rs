//! Charge references on fee and interest documents (`Document::charge_for`): the ledger checks
//! the principal exists and refuses a second charge with the same key, so a fee or interest
//! run applied twice charges once whatever ids the host gives its documents.

mod ledger_common;

use ar_core::documents::{issue_simple, ChargeFor, Document, DocumentKind, SimpleDraft};
use ar_core::ledger::EventBody;
use ledger_common::*;

fn charge(kind: DocumentKind, id: &str, charge_for: Option<ChargeFor>) -> Document {
    let mut draft = SimpleDraft::new(kind, id, "ACME", day(2024, 3, 1), eur(), d("40.00"));
    draft.charge_for = charge_for;
    issue_simple(&draft, &Default::default()).unwrap()
}

#[test]
fn a_second_charge_with_the_same_key_is_refused_whatever_its_id() {
    let mut book = Book::new();
    book.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "100.00",
    ));
    let key = ChargeFor::new("INV-1", "level-1");
    book.issue(charge(DocumentKind::FeeCharge, "FEE-1", Some(key.clone())));
    let before = serde_json::to_string(&book.account).unwrap();
    let err = book
        .apply(
            day(2024, 3, 2),
            EventBody::DocumentIssued {
                document: charge(DocumentKind::FeeCharge, "FEE-OTHER-ID", Some(key.clone())),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "duplicate_charge");
    assert_eq!(
        err.to_string(),
        "`FEE-OTHER-ID` is a second charge for `INV-1` with key `level-1`: `FEE-1` already charged it"
    );
    assert_eq!(serde_json::to_string(&book.account).unwrap(), before);

    // another key, or the same key for one installment, is a different charge
    book.issue(charge(
        DocumentKind::FeeCharge,
        "FEE-2",
        Some(ChargeFor::new("INV-1", "level-2")),
    ));
    let mut one = key.clone();
    one.installment = Some(0);
    book.issue(charge(DocumentKind::FeeCharge, "FEE-3", Some(one)));

    // a voided charge frees its key (a correction by hand); the fee engine still treats it as
    // taken, so re-running a policy never re-charges it
    book.apply(
        day(2024, 3, 3),
        EventBody::DocumentVoided {
            document: "FEE-1".into(),
        },
    )
    .unwrap();
    book.issue(charge(DocumentKind::FeeCharge, "FEE-1B", Some(key)));
}

#[test]
fn the_reference_must_exist_and_belong_to_a_charge() {
    let mut book = Book::new();
    book.issue(invoice(
        "INV-1",
        day(2024, 1, 1),
        day(2024, 1, 31),
        "100.00",
    ));
    let unknown = charge(
        DocumentKind::InterestCharge,
        "INT-1",
        Some(ChargeFor::new("INV-9", "through-2024-03-01")),
    );
    let err = book
        .apply(
            day(2024, 3, 1),
            EventBody::DocumentIssued { document: unknown },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "unknown_document");

    let mut past = ChargeFor::new("INV-1", "k");
    past.installment = Some(1);
    let err = book
        .apply(
            day(2024, 3, 1),
            EventBody::DocumentIssued {
                document: charge(DocumentKind::FeeCharge, "FEE-1", Some(past)),
            },
        )
        .unwrap_err();
    assert_eq!(err.kind(), "unknown_installment");

    // on an invoice, or with an empty key, the document itself is invalid
    let mut draft = SimpleDraft::new(
        DocumentKind::DebitNote,
        "DN-1",
        "ACME",
        day(2024, 3, 1),
        eur(),
        d("5.00"),
    );
    draft.charge_for = Some(ChargeFor::new("INV-1", "k"));
    let err = issue_simple(&draft, &Default::default()).unwrap_err();
    assert_eq!(err.kind(), "invalid_charge_for");
    assert_eq!(
        err.to_string(),
        "charge reference of `DN-1` is invalid: only a fee or interest charge is charged for a document, not a debit note"
    );
    draft.kind = DocumentKind::FeeCharge;
    draft.charge_for = Some(ChargeFor::new("INV-1", ""));
    assert_eq!(
        issue_simple(&draft, &Default::default())
            .unwrap_err()
            .kind(),
        "invalid_charge_for"
    );
}

#[test]
fn old_json_without_charge_for_reads_the_same() {
    let json = r#"{"id":"INV-1","kind":"invoice","customer":"ACME","date":"2024-01-10","currency":"EUR","total":"71.36","installments":[{"due_date":"2024-02-09","amount":"71.36"}]}"#;
    let doc: Document = serde_json::from_str(json).unwrap();
    assert!(doc.charge_for.is_none());
    assert_eq!(serde_json::to_string(&doc).unwrap(), json);
}
