// Quickstart: ar-core from Swift (iOS / macOS). Not runnable on Linux (no Swift compiler
// there); the same calls run on the JVM in Quickstart.kt.
//
// Money is Foundation.Decimal, dates are "YYYY-MM-DD" strings, errors are `ArCoreError`
// with a stable `kind`.

import ArCore
import Foundation

do {
    // Terms from the text notation: 2 % discount within 10 days, net due in 30
    let terms = try parseTerms(notation: "2/10 Net 30")
    print(try printTerms(terms: terms)) // 2/10 Net 30

    // Preview the schedule of an invoice of USD 1234.56 dated 15 Jan 2024
    let s = try schedule(
        terms: terms, baseDate: "2024-01-15", amount: Decimal(string: "1234.56")!,
        currency: "USD", options: ScheduleOptions())
    for i in s.installments {
        print("due \(i.dueDate): \(i.amount) \(s.currency)") // due 2024-02-14: 1234.56 USD
        for d in i.discounts {
            print("  or \(d.amountDue) by \(d.deadline) (discount \(d.discount))") // or 1209.87 by 2024-01-25
        }
    }

    // Split an amount exactly: the parts always sum to the total
    let thirds = Array(repeating: Part.fraction(numerator: 1, denominator: 3), count: 3)
    let options = SplitOptions(rounding: Rounding(mode: .halfUp), residual: .last)
    print(try split(total: Decimal(string: "5.47")!, currency: "EUR", parts: thirds, options: options))
    // [1.82, 1.82, 1.83]

    // Business days: Saturday 15 Jun 2024 rolls to Monday 17 Jun
    let calendar = BusinessCalendar(weekend: [.sat, .sun])
    print(try rollDate(calendar: calendar, date: "2024-06-15", roll: .following)) // 2024-06-17
} catch let error as ArCoreError {
    print(error)
}

// Errors carry a stable kind and a readable detail
do {
    _ = try currencyInfo(code: "XYZ")
} catch ArCoreError.Money(let kind, let detail) {
    print("\(kind): \(detail)") // unknown_currency: unknown currency `XYZ`
} catch {
    print(error)
}
