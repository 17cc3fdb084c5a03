// Late payment from Swift (iOS / macOS): what an early-payment discount costs, an installment
// plan, interest and late fees on an account. Not runnable on Linux (no Swift compiler there);
// the same calls run on the JVM in LatePayment.kt.
//
// Every call is pure: it returns documents and events for the host to apply and store. Money is
// Foundation.Decimal (printed without trailing zeros), dates are "YYYY-MM-DD" strings, exact
// fractions `Fraction` (numerator and denominator as integer strings).

import ArCore
import Foundation

do {
    // 2/10 net 30: a customer who skips 2 % to pay 20 days later borrows at 37.24 % a year
    // (0.02 / 0.98 x 365 / 20, simple, on a 365-day year)
    let cost = try annualizedCost(
        percent: Decimal(string: "2")!, discountDays: 10, netDays: 30, year: .days365)
    print("\(cost.simplePercent) % simple, \(cost.compoundedPercent) % compounded")  // 37.24 % simple, 44.59 % compounded

    // 1 000.00 in 3 monthly installments from 31 Jan 2024: every date from the anchor (clamped
    // to the month's end), the rounding residual on the first installment
    let terms = try newPlanTerms(due: .periodic(frequency: .monthly, firstDue: "2024-01-31", count: 3))
    let plan = try installmentPlan(amount: Decimal(string: "1000.00")!, currency: "EUR", terms: terms)
    print(plan.installments.map { "\($0.dueDate) \($0.amount)" })  // ["2024-01-31 333.34", "2024-02-29 333.33", "2024-03-31 333.33"]

    // An invoice of 1 200.00 due 31 Jan 2024, left unpaid
    let config = AccountConfig(
        customer: "ACME", currency: "EUR", strategy: .oldestDueFirst, shortPayment: .leaveResidual,
        partialDiscount: .none)
    let account = try Account(config: config)
    let invoice = Document(
        id: "INV-1", kind: .invoice, customer: "ACME", date: "2024-01-31", currency: "EUR",
        total: Decimal(string: "1200.00")!,
        installments: [ScheduledItem(dueDate: "2024-01-31", amount: Decimal(string: "1200.00")!)])
    _ = try account.apply(event: Event(id: "e1", date: "2024-01-31", body: .documentIssued(document: invoice)))

    // A late fee of 25.00 after 10 days of grace applies from 11 Feb; the run is keyed by
    // document and level, so once its fee is issued, running it again charges nothing
    let fees = try newFeePolicy(levels: [
        FeeLevel(level: 1, graceDays: 10, fee: .fixed(amount: Decimal(string: "25.00")!)),
    ])
    let run = try assessFees(account: account, policy: fees, asOf: "2024-02-11")
    print(run.charges.map { "\($0.document.id) \($0.document.total)" })  // ["FEE-INV-1/level-1 25"]
    for fee in run.charges {
        _ = try account.apply(event: Event(
            id: "fee \(fee.key)", date: "2024-02-11", body: .documentIssued(document: fee.document)))
    }
    print(try assessFees(account: account, policy: fees, asOf: "2024-02-11").charges.count)  // 0

    // Interest at 8 % a year, Actual/365 Fixed, from the day after the due date to 1 Mar:
    // 1200.00 x 8 % x 30/365 = 576/73 = 7.890... -> 7.89 (fees earn no interest)
    let interest = try accrueAccount(
        account: account, policy: try newInterestPolicy(rates: .fixed(percent: Decimal(string: "8")!)),
        asOf: "2024-03-01")
    let exact = interest.items[0].accrued.totalExact
    print("\(exact.numerator)/\(exact.denominator) -> \(interest.toCharge)")  // 576/73 -> 7.89
    print(interest.charges[0].id)  // INT-INV-1/0/2024-03-01
} catch let error as ArCoreError {
    print(error)
}

// Errors carry a stable kind and a readable detail
do {
    _ = try annualizedCost(percent: Decimal(string: "2")!, discountDays: 30, netDays: 30, year: .days365)
} catch ArCoreError.Discount(let kind, let detail) {
    print("\(kind): \(detail)")  // invalid_discount_period: a discount period of 30 days must be shorter than the net period of 30 days
} catch {
    print(error)
}
