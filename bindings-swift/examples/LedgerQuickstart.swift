// Quickstart: the customer ledger from Swift (iOS / macOS). Not runnable on Linux (no Swift
// compiler there); the same calls run on the JVM in LedgerQuickstart.kt.
//
// An Account folds events (documents issued, payments received, reversals, ...) into open
// items and balances. The host stores the events or the account's JSON; the core never reads
// a clock. Money is Foundation.Decimal (printed without trailing zeros), dates are
// "YYYY-MM-DD" strings, errors are `ArCoreError` with a stable `kind`.

import ArCore
import Foundation

let config = AccountConfig(
    customer: "ACME", currency: "EUR", strategy: .oldestDueFirst, shortPayment: .leaveResidual,
    partialDiscount: .none)
var events: [Event] = []  // what the host stores

do {
    let account = try Account(config: config)
    func record(_ event: Event) throws -> Applied {
        let applied = try account.apply(event: event)
        events.append(event)
        return applied
    }

    // Three invoices of EUR 400.00 dated 1, 2 and 3 Jan 2024 on Net 60, Net 30 and Net 43:
    // due 1 Mar, 1 Feb and 15 Feb
    for (i, net) in [60, 30, 43].enumerated() {
        let date = "2024-01-0\(i + 1)"
        let draft = SimpleDraft(
            kind: .invoice, id: "INV-\(i + 1)", customer: "ACME", date: date, currency: "EUR",
            amount: Decimal(string: "400.00")!, terms: try parseTerms(notation: "Net \(net)"))
        _ = try record(Event(id: "e\(i + 1)", date: date,
                             body: .documentIssued(document: try issueSimple(draft: draft))))
    }

    // 1000.00 arrives on 20 Jan and is applied oldest due first
    let paid = try record(Event(
        id: "e4", date: "2024-01-20",
        body: .paymentReceived(paymentId: "P-1", amount: Decimal(string: "1000.00")!, currency: "EUR")))
    print(paid.allocations.map { "\($0.document) \($0.amount)" })  // ["INV-2 400", "INV-3 400", "INV-1 200"]
    let open = account.openItems()[0]
    print("\(open.document) due \(open.dueDate): \(open.open) open")  // INV-1 due 2024-03-01: 200 open
    print("balance \(try account.balance())")  // balance 200

    // Store the account as JSON (decimals as strings) and read it back later
    let restored = try Account.fromJson(json: try account.toJson())
    print("restored: \(try restored.balance())")  // restored: 200

    // The payment bounces: everything it closed reopens
    _ = try record(Event(
        id: "e5", date: "2024-01-25",
        body: .paymentReversed(paymentId: "P-1", reason: "insufficient funds")))
    print("after the bounce: \(try account.balance())")  // after the bounce: 1200

    // The same history as of any date, and a statement for January
    let jan22 = try Account.replay(config: config, events: events, asOf: "2024-01-22")
    print("on 22 Jan: \(try jan22.balance())")  // on 22 Jan: 200
    let jan = try statement(config: config, events: events, from: "2024-01-01", to: "2024-01-31")
    print("January: \(jan.lines.count) lines, closing \(jan.closingBalance)")  // January: 5 lines, closing 1200
} catch let error as ArCoreError {
    print(error)
}

// Errors carry a stable kind and a readable detail; a rejected event changes nothing
do {
    let account = try Account(config: config)
    _ = try account.apply(event: Event(
        id: "e1", date: "2024-01-01", body: .paymentReversed(paymentId: "P-9", reason: "bounced")))
} catch ArCoreError.Ledger(let kind, let detail) {
    print("\(kind): \(detail)")  // unknown_payment: unknown payment `P-9`
} catch {
    print(error)
}
