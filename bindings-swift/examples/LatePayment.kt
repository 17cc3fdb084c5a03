// Late payment from Kotlin (JVM or Android): what an early-payment discount costs, an
// installment plan, interest and late fees on an account. Run by ../test.sh, which checks that
// every println prints what its comment says.
//
// Every call is pure: it returns documents and events for the host to apply and store. Money is
// java.math.BigDecimal, dates java.time.LocalDate, exact fractions `Fraction` (numerator and
// denominator as integer strings).
package quickstart.latepayment

import arcore.*
import java.math.BigDecimal
import java.time.LocalDate

fun main() {
    // 2/10 net 30: a customer who skips 2 % to pay 20 days later borrows at 37.24 % a year
    // (0.02 / 0.98 x 365 / 20, simple, on a 365-day year)
    val cost = annualizedCost(BigDecimal("2"), 10u, 30u, YearBasis.DAYS365)
    println("${cost.simplePercent} % simple, ${cost.compoundedPercent} % compounded") // 37.24 % simple, 44.59 % compounded

    // 1 000.00 in 3 monthly installments from 31 Jan 2024: every date from the anchor (clamped to
    // the month's end), the rounding residual on the first installment
    val terms = newPlanTerms(DueDates.Periodic(Frequency.MONTHLY, LocalDate.parse("2024-01-31"), 3u))
    val plan = installmentPlan(BigDecimal("1000.00"), "EUR", terms)
    println(plan.installments.map { "${it.dueDate} ${it.amount}" }) // [2024-01-31 333.34, 2024-02-29 333.33, 2024-03-31 333.33]

    // An invoice of 1 200.00 due 31 Jan 2024, left unpaid
    val config = AccountConfig("ACME", "EUR", Strategy.OLDEST_DUE_FIRST, ShortPaymentPolicy.LeaveResidual,
        partialDiscount = PartialDiscount.NONE)
    Account(config).use { account ->
        val due = LocalDate.parse("2024-01-31")
        val invoice = Document("INV-1", DocumentKind.INVOICE, "ACME", due, "EUR", BigDecimal("1200.00"),
            listOf(ScheduledItem(due, BigDecimal("1200.00"))))
        account.apply(Event("e1", due, EventBody.DocumentIssued(invoice)))

        // A late fee of 25.00 after 10 days of grace applies from 11 Feb; the run is keyed by
        // document and level, so once its fee is issued, running it again charges nothing
        val fees = newFeePolicy(listOf(FeeLevel(level = 1u, graceDays = 10u, fee = FeeAmount.Fixed(BigDecimal("25.00")))))
        val feb11 = LocalDate.parse("2024-02-11")
        val run = assessFees(account, fees, feb11)
        println(run.charges.map { "${it.document.id} ${it.document.total}" }) // [FEE-INV-1/level-1 25.00]
        run.charges.forEach { account.apply(Event("fee ${it.key}", feb11, EventBody.DocumentIssued(it.document))) }
        println(assessFees(account, fees, feb11).charges.size) // 0

        // Interest at 8 % a year, Actual/365 Fixed, from the day after the due date to 1 Mar:
        // 1200.00 x 8 % x 30/365 = 576/73 = 7.890... -> 7.89 (fees earn no interest)
        val interest = accrueAccount(account, newInterestPolicy(RateSource.Fixed(BigDecimal("8"))), LocalDate.parse("2024-03-01"))
        val exact = interest.items.single().accrued.totalExact
        println("${exact.numerator}/${exact.denominator} -> ${interest.toCharge}") // 576/73 -> 7.89
        println(interest.charges.single().id) // INT-INV-1/0/2024-03-01
    }

    // Errors carry a stable kind and a readable detail
    try {
        annualizedCost(BigDecimal("2"), 30u, 30u, YearBasis.DAYS365)
    } catch (e: ArCoreException.Discount) {
        println("${e.kind}: ${e.detail}") // invalid_discount_period: a discount period of 30 days must be shorter than the net period of 30 days
    }
}
