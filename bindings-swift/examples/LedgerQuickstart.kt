// Quickstart: the customer ledger from Kotlin (JVM or Android). Run by ../test.sh, which
// checks that every println prints what its comment says.
//
// An Account folds events (documents issued, payments received, reversals, ...) into open
// items and balances. The host stores the events or the account's JSON; the core never reads
// a clock. Money is java.math.BigDecimal, dates are java.time.LocalDate.
package quickstart.ledger

import arcore.*
import java.math.BigDecimal
import java.time.LocalDate

fun main() {
    val config = AccountConfig("ACME", "EUR", Strategy.OLDEST_DUE_FIRST, ShortPaymentPolicy.LeaveResidual,
        partialDiscount = PartialDiscount.NONE)
    val events = mutableListOf<Event>() // what the host stores

    Account(config).use { account ->
        fun record(event: Event): Applied = account.apply(event).also { events += event }

        // Three invoices of EUR 400.00 dated 1, 2 and 3 Jan 2024 on Net 60, Net 30 and
        // Net 43: due 1 Mar, 1 Feb and 15 Feb
        for ((i, net) in listOf(60, 30, 43).withIndex()) {
            val date = LocalDate.of(2024, 1, i + 1)
            val draft = SimpleDraft(DocumentKind.INVOICE, "INV-${i + 1}", "ACME", date, "EUR",
                BigDecimal("400.00"), parseTerms("Net $net"))
            record(Event("e${i + 1}", date, EventBody.DocumentIssued(issueSimple(draft))))
        }

        // 1000.00 arrives on 20 Jan and is applied oldest due first
        val paid = record(Event("e4", LocalDate.of(2024, 1, 20),
            EventBody.PaymentReceived("P-1", BigDecimal("1000.00"), "EUR")))
        println(paid.allocations.map { "${it.document} ${it.amount.toPlainString()}" }) // [INV-2 400.00, INV-3 400.00, INV-1 200.00]
        val open = account.openItems().single()
        println("${open.document} due ${open.dueDate}: ${open.open.toPlainString()} open") // INV-1 due 2024-03-01: 200.00 open
        println("balance ${account.balance().toPlainString()}") // balance 200.00

        // Store the account as JSON (decimals as strings) and read it back later
        Account.fromJson(account.toJson()).use { println("restored: ${it.balance().toPlainString()}") } // restored: 200.00

        // The payment bounces: everything it closed reopens
        record(Event("e5", LocalDate.of(2024, 1, 25), EventBody.PaymentReversed("P-1", "insufficient funds")))
        println("after the bounce: ${account.balance().toPlainString()}") // after the bounce: 1200.00
    }

    // The same history as of any date, and a statement for January
    Account.replay(config, events, LocalDate.of(2024, 1, 22)).use {
        println("on 22 Jan: ${it.balance().toPlainString()}") // on 22 Jan: 200.00
    }
    val jan = statement(config, events, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31))
    println("January: ${jan.lines.size} lines, closing ${jan.closingBalance.toPlainString()}") // January: 5 lines, closing 1200.00

    // Errors carry a stable kind and a readable detail; a rejected event changes nothing
    try {
        Account(config).use { it.apply(Event("e1", LocalDate.of(2024, 1, 1), EventBody.PaymentReversed("P-9", "bounced"))) }
    } catch (e: ArCoreException.Ledger) {
        println("${e.kind}: ${e.detail}") // unknown_payment: unknown payment `P-9`
    }
}
