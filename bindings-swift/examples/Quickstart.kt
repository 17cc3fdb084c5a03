// Quickstart: ar-core from Kotlin (JVM or Android). Run by ../test.sh.
//
// Money is java.math.BigDecimal, dates are java.time.LocalDate, errors are ArCoreException
// with a stable `kind`.

import arcore.*
import java.math.BigDecimal
import java.time.LocalDate

fun main() {
    // Terms from the text notation: 2 % discount within 10 days, net due in 30
    val terms = parseTerms("2/10 Net 30")
    println(printTerms(terms)) // 2/10 Net 30

    // Preview the schedule of an invoice of USD 1234.56 dated 15 Jan 2024
    val s = schedule(terms, LocalDate.of(2024, 1, 15), BigDecimal("1234.56"), "USD", ScheduleOptions())
    for (i in s.installments) {
        println("due ${i.dueDate}: ${i.amount.toPlainString()} ${s.currency}") // due 2024-02-14: 1234.56 USD
        for (d in i.discounts) {
            // or 1209.87 by 2024-01-25 (discount 24.69)
            println("  or ${d.amountDue.toPlainString()} by ${d.deadline} (discount ${d.discount.toPlainString()})")
        }
    }

    // Split an amount exactly: the parts always sum to the total
    val thirds = List(3) { Part.Fraction(1u, 3u) }
    val options = SplitOptions(Rounding(RoundingMode.HALF_UP), ResidualPolicy.LAST)
    println(split(BigDecimal("5.47"), "EUR", thirds, options).map { it.toPlainString() }) // [1.82, 1.82, 1.83]

    // Business days: Saturday 15 Jun 2024 rolls to Monday 17 Jun
    val calendar = BusinessCalendar(listOf(Weekday.SAT, Weekday.SUN))
    println(rollDate(calendar, LocalDate.of(2024, 6, 15), Roll.FOLLOWING)) // 2024-06-17

    // Errors carry a stable kind and a readable detail
    try {
        currencyInfo("XYZ")
    } catch (e: ArCoreException.Money) {
        println("${e.kind}: ${e.detail}") // unknown_currency: unknown currency `XYZ`
    }
}
