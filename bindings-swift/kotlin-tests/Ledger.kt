// Tests of the ledger surface (documents, the Account object, statements) on the JVM.
// Expected values are worked out by hand in the comments, never copied from the engine.

import arcore.*
import java.math.BigDecimal
import java.time.LocalDate
import java.util.concurrent.Callable
import java.util.concurrent.Executors

val ACME = AccountConfig("ACME", "EUR", Strategy.OLDEST_DUE_FIRST, ShortPaymentPolicy.LeaveResidual,
    partialDiscount = PartialDiscount.NONE)

/** An invoice with one installment of [amount] due on [due], built as a record (no terms). */
fun invoiceDoc(id: String, date: String, due: String, amount: String, kind: DocumentKind = DocumentKind.INVOICE) =
    Document(id, kind, "ACME", date(date), "EUR", dec(amount), listOf(ScheduledItem(date(due), dec(amount))))

fun issued(doc: Document, eventId: String = "issue ${doc.id}") = Event(eventId, doc.date, EventBody.DocumentIssued(doc))

fun payment(eventId: String, date: String, paymentId: String, amount: String, currency: String = "EUR") =
    Event(eventId, date(date), EventBody.PaymentReceived(paymentId, dec(amount), currency))

fun simple(kind: DocumentKind, id: String, date: String, amount: String, terms: Terms? = null, against: String? = null) =
    SimpleDraft(kind, id, "ACME", date(date), "EUR", dec(amount), terms, against)

fun line(description: String, quantity: String, price: String, vararg taxes: Pair<String, String>, discount: String = "0") =
    InvoiceLine(description, dec(quantity), dec(price), dec(discount), taxes.map { TaxRate(it.first, dec(it.second)) })

fun draft(id: String, vararg lines: InvoiceLine, mode: TaxMode = TaxMode.EXCLUSIVE, terms: Terms? = null) =
    InvoiceDraft(id, "ACME", date("2024-01-10"), "EUR", lines.toList(), mode, terms, null, RoundingMode.HALF_UP,
        DiscountBase.GROSS, DiscountRounding.DISCOUNT)

/** The issue's worked case: three invoices of 400.00 due 1 Mar, 1 Feb and 15 Feb (in that order). */
fun threeInvoices(account: Account) {
    account.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-03-01", "400.00")))
    account.apply(issued(invoiceDoc("INV-2", "2024-01-02", "2024-02-01", "400.00")))
    account.apply(issued(invoiceDoc("INV-3", "2024-01-03", "2024-02-15", "400.00")))
}

fun openOf(account: Account): List<Pair<String, String>> = account.openItems().map { it.document to it.open.toPlainString() }

fun ledgerTests() {
    // ---- documents ---------------------------------------------------------------------
    test("issueSimple: a credit note is stored negative, due on its date") {
        val doc = issueSimple(simple(DocumentKind.CREDIT_NOTE, "CN-1", "2024-01-10", "50.00", against = "INV-1"))
        eq(doc.kind, DocumentKind.CREDIT_NOTE)
        eq(doc.total.toPlainString(), "-50.00")
        eq(doc.installments, listOf(ScheduledItem(date("2024-01-10"), dec("-50.00"))))
        eq(doc.against, "INV-1")
        eq(doc.terms, null)
    }
    test("issueSimple with terms: 2/10 Net 30 offers the discount on the installment") {
        // 100.00 on 15 Jan: due 15 Jan + 30 = 14 Feb; 2 % = 2.00 until 25 Jan, so 98.00 settles it
        val doc = issueSimple(simple(DocumentKind.INVOICE, "INV-9", "2024-01-15", "100.00", parseTerms("2/10 Net 30")))
        val item = doc.installments.single()
        eq(item.dueDate, date("2024-02-14"))
        eq(item.discounts, listOf(DiscountOffer(date("2024-01-25"), dec("2.00"), dec("98.00"))))
        eq(doc.terms, parseTerms("2/10 Net 30"))
    }
    test("issueInvoice exclusive: exact line, tax and gross totals") {
        // 3 x 19.99 = 59.97; VAT 19 % of 59.97 = 11.3943 -> 11.39; gross 59.97 + 11.39 = 71.36;
        // Net 30 from 10 Jan = 9 Feb
        val r = issueInvoice(draft("INV-1", line("widget", "3", "19.99", "VAT19" to "19"), terms = parseTerms("Net 30")))
        eq(plain(r.totals.lines), listOf("59.97"))
        eq(r.totals.taxes, listOf(TaxTotal("VAT19", dec("19"), dec("59.97"), dec("11.39"))))
        eq(listOf(r.totals.net, r.totals.tax, r.totals.gross).map { it.toPlainString() }, listOf("59.97", "11.39", "71.36"))
        eq(r.document.total.toPlainString(), "71.36")
        eq(r.document.kind, DocumentKind.INVOICE)
        eq(r.document.installments.single().dueDate, date("2024-02-09"))
    }
    test("issueInvoice: two tax codes, a line discount") {
        // A: 2 x 10.00 less 10 % = 18.00 at 19 %; B: 1 x 5.00 at 7 %. net 23.00;
        // VAT19 3.42, VAT7 0.35 -> tax 3.77; gross 26.77
        val r = issueInvoice(draft("INV-2",
            line("a", "2", "10.00", "VAT19" to "19", discount = "10"),
            line("b", "1", "5.00", "VAT7" to "7")))
        eq(plain(r.totals.lines), listOf("18.00", "5.00"))
        eq(r.totals.taxes.map { it.code to it.amount.toPlainString() }, listOf("VAT19" to "3.42", "VAT7" to "0.35"))
        eq(r.totals.gross.toPlainString(), "26.77")
        // without terms: one installment due on the invoice date
        eq(r.document.installments, listOf(ScheduledItem(date("2024-01-10"), dec("26.77"))))
    }
    test("issueInvoice inclusive: tax extracted from gross prices") {
        // 119.00 gross at 19 %: tax 119 x 19 / 119 = 19.00, net 100.00
        val r = issueInvoice(draft("INV-3", line("box", "1", "119.00", "VAT19" to "19"), mode = TaxMode.INCLUSIVE))
        eq(listOf(r.totals.net, r.totals.tax, r.totals.gross).map { it.toPlainString() }, listOf("100.00", "19.00", "119.00"))
    }
    test("document errors are typed") {
        throws<ArCoreException.Document>("empty_id", "a document id must not be empty") {
            issueSimple(simple(DocumentKind.INVOICE, "", "2024-01-01", "1.00"))
        }
        throws<ArCoreException.Document>("no_invoice_lines", "invoice `INV-1` needs at least one line") {
            issueInvoice(draft("INV-1"))
        }
        throws<ArCoreException.Document>("invalid_line_discount") { issueInvoice(draft("I", line("x", "1", "1.00", discount = "150"))) }
        throws<ArCoreException.Document>("invalid_tax_rate") { issueInvoice(draft("I", line("x", "1", "1.00", "T" to "-1"))) }
        throws<ArCoreException.Document>("conflicting_tax_rate") {
            issueInvoice(draft("I", line("x", "1", "1.00", "T" to "19"), line("y", "1", "1.00", "T" to "7")))
        }
        throws<ArCoreException.Document>("invalid_total") { issueSimple(simple(DocumentKind.FEE_CHARGE, "F", "2024-01-01", "0")) }
        // without terms, 1.005 EUR is an installment finer than the cent; with terms, the schedule's split refuses it
        throws<ArCoreException.Document>("invalid_installment") { issueSimple(simple(DocumentKind.INVOICE, "I", "2024-01-01", "1.005")) }
        throws<ArCoreException.Allocation>("amount_not_rounded") {
            issueSimple(simple(DocumentKind.INVOICE, "I", "2024-01-01", "1.005", parseTerms("Net 30")))
        }
        throws<ArCoreException.Money>("unknown_currency") {
            issueSimple(simple(DocumentKind.INVOICE, "I", "2024-01-01", "1.00").copy(currency = "XYZ"))
        }
    }

    // ---- the issue's done-when cases ---------------------------------------------------
    test("1000.00 oldest due first closes the February invoices, leaves 200.00 on March") {
        Account(ACME).use { account ->
            threeInvoices(account)
            val applied = account.apply(payment("pay", "2024-01-20", "P-1", "1000.00"))
            // due 1 Feb (INV-2) 400.00, 15 Feb (INV-3) 400.00, then 1 Mar (INV-1) 1000 - 800 = 200.00
            eq(applied.allocations.map { Triple(it.document, it.installment, it.amount.toPlainString()) },
                listOf(Triple("INV-2", 0u, "400.00"), Triple("INV-3", 0u, "400.00"), Triple("INV-1", 0u, "200.00")))
            eq(applied.allocations.map { it.source }.distinct(), listOf("P-1"))
            eq(applied.unappliedChange.toPlainString(), "0.00")
            eq(applied.allocations[0].reason, "oldest due first: INV-2 #1 due 2024-02-01 (open 400.00)")
            // INV-1 keeps 400 - 200 = 200.00
            val open = account.openItems().single()
            eq(listOf(open.document, open.dueDate.toString(), open.original.toPlainString(), open.open.toPlainString()),
                listOf("INV-1", "2024-03-01", "400.00", "200.00"))
            eq(account.balance().toPlainString(), "200.00")
            eq(account.unappliedCash().toPlainString(), "0.00")
        }
    }
    test("a payment larger than every open item leaves the excess unapplied") {
        Account(ACME).use { account ->
            account.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "400.00")))
            account.apply(issued(invoiceDoc("INV-2", "2024-01-05", "2024-02-04", "250.50")))
            // open 400.00 + 250.50 = 650.50; 1000.00 - 650.50 = 349.50 left over
            val applied = account.apply(payment("pay", "2024-01-20", "P-1", "1000.00"))
            eq(applied.unappliedChange.toPlainString(), "349.50")
            eq(account.unappliedCash().toPlainString(), "349.50")
            eq(account.payment("P-1")!!.unapplied.toPlainString(), "349.50")
            eq(account.openItems(), listOf<OpenItem>())
            // nothing owed, 349.50 in the customer's favour
            eq(account.balance().toPlainString(), "-349.50")
        }
    }
    test("a bounced payment restores exactly the open amounts it closed") {
        Account(ACME).use { account ->
            threeInvoices(account)
            // 1300.00: closes all three (1200.00) and leaves 100.00 unapplied
            account.apply(payment("pay", "2024-01-20", "P-1", "1300.00"))
            eq(account.openItems(), listOf<OpenItem>())
            eq(account.unappliedCash().toPlainString(), "100.00")
            val reversed = account.apply(Event("bounce", date("2024-01-25"),
                EventBody.PaymentReversed("P-1", "insufficient funds")))
            // each invoice gets back the 400.00 the payment took; the 100.00 unapplied goes
            eq(reversed.restored.map { Triple(it.document, it.installment, it.amount.toPlainString()) }.sortedBy { it.first },
                listOf(Triple("INV-1", 0u, "400.00"), Triple("INV-2", 0u, "400.00"), Triple("INV-3", 0u, "400.00")))
            eq(reversed.unappliedChange.toPlainString(), "-100.00")
            eq(openOf(account), listOf("INV-2" to "400.00", "INV-3" to "400.00", "INV-1" to "400.00"))
            eq(account.balance().toPlainString(), "1200.00")
            eq(account.unappliedCash().toPlainString(), "0.00")
            val p = account.payment("P-1")!!
            eq(p.reversed, Reversal("bounce", date("2024-01-25"), "insufficient funds", dec("100.00")))
            // nothing left unapplied (its scale is checked by fixtures/ledger/zero_amounts_carry_currency_scale.json)
            eq(p.unapplied.signum(), 0)
        }
    }
    test("a bounced partial payment restores only what it closed") {
        Account(ACME).use { account ->
            threeInvoices(account)
            account.apply(payment("pay", "2024-01-20", "P-1", "1000.00"))
            // INV-1 had 200.00 of its 400.00 paid: the reversal reopens 200.00 there, 400.00 on the others
            val reversed = account.apply(Event("bounce", date("2024-01-25"), EventBody.PaymentReversed("P-1", "bounced")))
            eq(reversed.restored.associate { it.document to it.amount.toPlainString() },
                mapOf("INV-2" to "400.00", "INV-3" to "400.00", "INV-1" to "200.00"))
            eq(openOf(account), listOf("INV-2" to "400.00", "INV-3" to "400.00", "INV-1" to "400.00"))
        }
    }

    // ---- every event body ----------------------------------------------------------------
    test("every event body, one history") {
        Account(ACME).use { a ->
            // INV-1 1000.00 on 1 Jan, Net 30 -> due 31 Jan; INV-2 300.00 and FEE-1 40.00 due on their dates
            a.apply(issued(issueSimple(simple(DocumentKind.INVOICE, "INV-1", "2024-01-01", "1000.00", parseTerms("Net 30")))))
            a.apply(issued(issueSimple(simple(DocumentKind.INVOICE, "INV-2", "2024-01-05", "300.00"))))
            a.apply(issued(issueSimple(simple(DocumentKind.FEE_CHARGE, "FEE-1", "2024-01-06", "40.00"))))
            a.apply(issued(issueSimple(simple(DocumentKind.CREDIT_NOTE, "CN-1", "2024-01-10", "100.00", against = "INV-1"))))
            a.apply(Event("deliver", date("2024-01-02"), EventBody.InvoiceDelivered("INV-1")))
            a.apply(Event("read", date("2024-01-03"), EventBody.InvoiceOpened("INV-1")))
            // the credit note's 100.00 goes to INV-1: 1000 - 100 = 900.00 open; CN-1 used up
            val credit = a.apply(Event("credit", date("2024-01-11"), EventBody.CreditApplied("CN-1", "INV-1", dec("100.00"))))
            eq(credit.allocations.single().let { it.source to it.amount.toPlainString() }, "CN-1" to "100.00")
            // 299.50 remitted for INV-2 (300.00): the 0.50 residual is within the 1.00 tolerance, written off
            val short = a.apply(Event("pay1", date("2024-01-15"), EventBody.PaymentReceived("P-1", dec("299.50"), "EUR",
                remittance = listOf(RemittanceLine("INV-2", 0u, dec("299.50"), null)),
                shortPayment = ShortPaymentPolicy.WriteOff(dec("1.00"), "small_balance"))))
            eq(short.allocations.single().let { listOf(it.document, it.amount.toPlainString(), it.writtenOff.toPlainString()) },
                listOf("INV-2", "299.50", "0.50"))
            // statutory order pays the fee charge before any principal: 40.00 to FEE-1
            val fee = a.apply(Event("pay2", date("2024-01-16"), EventBody.PaymentReceived("P-2", dec("40.00"), "EUR",
                strategy = Strategy.STATUTORY)))
            eq(fee.allocations.single().document, "FEE-1")
            // 10.00 written off INV-1: 900 - 10 = 890.00
            a.apply(Event("wo", date("2024-01-17"), EventBody.WrittenOff("INV-1", 0u, dec("10.00"), "goodwill")))
            eq(a.writeOffs(), listOf(WriteOff("wo", date("2024-01-17"), "INV-1", 0u, dec("10.00"), "goodwill")))
            // 200.00 of INV-1 disputed, then the dispute is rejected
            a.apply(Event("d1", date("2024-01-18"), EventBody.DisputeOpened("D-1", "INV-1", dec("200.00"), "quality")))
            eq(a.disputedTotal().toPlainString(), "200.00")
            eq(a.openItems().single { it.document == "INV-1" }.disputed.toPlainString(), "200.00")
            a.apply(Event("d2", date("2024-01-19"), EventBody.DisputeResolved("D-1", DisputeOutcome.REJECTED)))
            eq(a.disputedTotal().toPlainString(), "0.00")
            a.apply(Event("promise", date("2024-01-20"), EventBody.PromiseToPay("PR-1", dec("890.00"), date("2024-02-15"))))
            eq(a.promises(), mapOf("PR-1" to Promise("promise", date("2024-01-20"), dec("890.00"), date("2024-02-15"))))
            // INV-3 issued by mistake and voided: gone from the open items and the balance
            a.apply(issued(issueSimple(simple(DocumentKind.INVOICE, "INV-3", "2024-01-21", "50.00"))))
            a.apply(Event("void", date("2024-01-21"), EventBody.DocumentVoided("INV-3")))
            eq(a.document("INV-3")!!.voided, true)
            // P-2 bounces: FEE-1 reopens at 40.00
            val bounce = a.apply(Event("bounce", date("2024-01-22"), EventBody.PaymentReversed("P-2", "bounced")))
            eq(bounce.restored, listOf(Restored("FEE-1", 0u, dec("40.00"))))

            // open: FEE-1 40.00 (due 6 Jan), INV-1 890.00 (due 31 Jan); balance 930.00
            eq(openOf(a), listOf("FEE-1" to "40.00", "INV-1" to "890.00"))
            eq(a.balance().toPlainString(), "930.00")
            eq(a.asOf(), date("2024-01-22"))
            val inv1 = a.document("INV-1")!!
            eq(inv1.deliveredOn, date("2024-01-02"))
            eq(inv1.openedOn, date("2024-01-03"))
            eq(inv1.items.single().open.toPlainString(), "890.00")
            eq(a.history("INV-1")!!.map { it.kind }, listOf(HistoryKind.ISSUED, HistoryKind.DELIVERED, HistoryKind.OPENED,
                HistoryKind.CREDIT, HistoryKind.WRITE_OFF, HistoryKind.DISPUTE_OPENED, HistoryKind.DISPUTE_RESOLVED))
            eq(a.document("CN-1")!!.applications.single().document, "INV-1")
            eq(a.payments().keys, setOf("P-1", "P-2"))
            eq(a.history("nope"), null)
            eq(a.payment("nope"), null)
        }
    }

    // ---- errors ----------------------------------------------------------------------------
    test("rejected events are typed and leave the account unchanged") {
        Account(ACME).use { a ->
            a.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "100.00")))
            val before = a.toJson()
            throws<ArCoreException.Ledger>("duplicate_event", "duplicate event id `issue INV-1`") {
                a.apply(issued(invoiceDoc("INV-9", "2024-01-01", "2024-01-31", "1.00"), eventId = "issue INV-1"))
            }
            throws<ArCoreException.Ledger>("duplicate_document") { a.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "1.00"), "e2")) }
            throws<ArCoreException.Ledger>("unknown_document", "unknown document `INV-404`") {
                a.apply(Event("e3", date("2024-01-02"), EventBody.InvoiceOpened("INV-404")))
            }
            throws<ArCoreException.Ledger>("over_allocation") {
                a.apply(Event("e4", date("2024-01-02"), EventBody.WrittenOff("INV-1", null, dec("100.01"), "x")))
            }
            throws<ArCoreException.Ledger>("remittance_exceeds_payment") {
                a.apply(Event("e5", date("2024-01-02"), EventBody.PaymentReceived("P-1", dec("10.00"), "EUR",
                    remittance = listOf(RemittanceLine("INV-1", null, dec("20.00"), null)))))
            }
            throws<ArCoreException.Ledger>("wrong_customer") {
                a.apply(issued(invoiceDoc("X-1", "2024-01-01", "2024-01-31", "1.00").copy(customer = "OTHER")))
            }
            throws<ArCoreException.Ledger>("non_positive_amount") { a.apply(payment("e6", "2024-01-02", "P-1", "0.00")) }
            // errors a ledger passes on land in the case of the module that defines them
            throws<ArCoreException.Money>("currency_mismatch", "currency mismatch: `EUR` and `USD`") {
                a.apply(issued(invoiceDoc("INV-USD", "2024-01-01", "2024-01-31", "1.00").copy(currency = "USD"), "e7"))
            }
            // a payment in another currency needs a rate
            throws<ArCoreException.Fx>("missing_rate") { a.apply(payment("e7", "2024-01-02", "P-1", "10.00", currency = "USD")) }
            throws<ArCoreException.Allocation>("amount_not_rounded") { a.apply(payment("e8", "2024-01-02", "P-1", "10.005")) }
            throws<ArCoreException.Document>("empty_id") { a.apply(issued(invoiceDoc("", "2024-01-01", "2024-01-31", "1.00"), "e9")) }
            throws<ArCoreException.Document>("installments_do_not_sum") {
                a.apply(issued(invoiceDoc("INV-2", "2024-01-01", "2024-01-31", "1.00").copy(total = dec("2.00")), "e10"))
            }
            // values that do not convert are typed too, never a crash
            throws<ArCoreException.Money>("unknown_currency") { a.apply(payment("e11", "2024-01-02", "P-1", "10.00", currency = "XYZ")) }
            throws<ArCoreException.Money>("overflow") { a.apply(payment("e12", "2024-01-02", "P-1", "1E+40")) }
            eq(a.toJson(), before, "account JSON after rejected events")
        }
        throws<ArCoreException.Money>("unknown_currency") { Account(ACME.copy(currency = "XYZ")) }
        throws<ArCoreException.Ledger>("unknown_payment") {
            Account.replay(ACME, listOf(Event("e1", date("2024-01-01"), EventBody.PaymentReversed("P-9", "x"))), date("2024-12-31"))
        }
    }

    // ---- replay and JSON -------------------------------------------------------------------
    test("replay as of a date ignores later events") {
        val events = listOf(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "100.00")),
            payment("pay", "2024-01-20", "P-1", "100.00"))
        // before the payment 100.00 is owed; on its day nothing is
        Account.replay(ACME, events, date("2024-01-10")).use { eq(it.balance().toPlainString(), "100.00"); eq(it.asOf(), date("2024-01-01")) }
        Account.replay(ACME, events, date("2024-01-20")).use { eq(it.balance().toPlainString(), "0.00") }
        Account(ACME).use { eq(it.asOf(), null); eq(it.balance().toPlainString(), "0.00") }
    }
    test("toJson / fromJson round trip; bad JSON is Ledger invalid_json") {
        Account(ACME).use { a ->
            threeInvoices(a)
            a.apply(payment("pay", "2024-01-20", "P-1", "1000.00"))
            val json = a.toJson()
            // decimals are strings in the stored JSON, never numbers
            eq(json.contains("\"unapplied\":\"0.00\""), true, "unapplied as a string")
            Account.fromJson(json).use { b ->
                eq(b.toJson(), json)
                eq(b.openItems(), a.openItems())
                // the restored account goes on: 200.00 closes INV-1
                b.apply(payment("pay2", "2024-01-21", "P-2", "200.00"))
                eq(b.balance().toPlainString(), "0.00")
            }
        }
        throws<ArCoreException.Ledger>("invalid_json") { Account.fromJson("{") }
        throws<ArCoreException.Ledger>("invalid_json") { Account.fromJson("""{"config":{"customer":"ACME","currency":"EUR"}}""") }
    }

    // ---- statements ------------------------------------------------------------------------
    test("statement: opening, lines, closing, aging") {
        // INV-1 400.00 on 5 Jan (due that day), 150.00 paid 10 Feb; statement for February
        val events = listOf(issued(invoiceDoc("INV-1", "2024-01-05", "2024-01-05", "400.00")),
            payment("pay", "2024-02-10", "P-1", "150.00"))
        val s = statement(ACME, events, date("2024-02-01"), date("2024-02-29"))
        eq(s.customer, "ACME")
        eq(s.openingBalance.toPlainString(), "400.00")
        val l = s.lines.single()
        eq(listOf(l.date.toString(), l.event, l.reference, l.amount.toPlainString(), l.balance.toPlainString()),
            listOf("2024-02-10", "pay", "P-1", "-150.00", "250.00"))
        eq(l.kind, LineKind.PAYMENT)
        eq(s.closingBalance.toPlainString(), "250.00")
        // due 5 Jan, on 29 Feb 26 + 29 = 55 days past due: the 31-60 bucket
        eq(s.aging.map { it.label }, listOf("current", "1-30", "31-60", "61-90", "91-120", "over 120"))
        eq(s.aging.map { it.amount.toPlainString() }, listOf("0.00", "0.00", "250.00", "0.00", "0.00", "0.00"))
        eq(s.credits.toPlainString(), "0.00")
        eq(s.dueSoon, listOf<OpenItem>())
        // the January statement has the invoice as its one line; with bounds 10/20, 26 days past due on 31 Jan is over 20
        val jan = statement(ACME, events, date("2024-01-01"), date("2024-01-31"), StatementOptions(7u, listOf(10u, 20u)))
        eq(jan.lines.map { it.kind to it.documentKind }, listOf(LineKind.DOCUMENT to DocumentKind.INVOICE))
        eq(jan.aging.map { it.label to it.amount.toPlainString() },
            listOf("current" to "0.00", "1-10" to "0.00", "11-20" to "0.00", "over 20" to "400.00"))
    }
    test("statement errors") {
        throws<ArCoreException.Statement>("invalid_period",
            "statement period from `2024-02-01` to `2024-01-31` ends before it starts") {
            statement(ACME, listOf(), date("2024-02-01"), date("2024-01-31"))
        }
        throws<ArCoreException.Statement>("invalid_buckets") {
            statement(ACME, listOf(), date("2024-01-01"), date("2024-01-31"), StatementOptions(14u, listOf(30u, 30u)))
        }
        // a rejected event of the history is the ledger's error
        throws<ArCoreException.Ledger>("unknown_payment") {
            statement(ACME, listOf(Event("e1", date("2024-01-02"), EventBody.PaymentReversed("P-9", "x"))),
                date("2024-01-01"), date("2024-01-31"))
        }
    }

    // ---- multi-currency ----------------------------------------------------------------------
    test("a payment in another currency is converted at the bank's rate") {
        Account(ACME).use { a ->
            a.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "100.00")))
            // 108.70 USD at 0.92 = 100.004 EUR -> 100.00 (half up): the invoice closes
            val applied = a.apply(Event("pay", date("2024-01-10"),
                EventBody.PaymentReceived("P-1", dec("108.70"), "USD", rate = dec("0.92"))))
            eq(applied.allocations.single().amount.toPlainString(), "100.00")
            val p = a.payment("P-1")!!
            eq(p.amount.toPlainString(), "100.00")
            eq(p.received, Received(dec("108.70"), "USD", Rate(dec("0.92"), false, date("2024-01-10"))))
            eq(a.balance().toPlainString(), "0.00")
        }
    }
    test("rates published as events; missing and invalid rates are Fx errors") {
        Account(ACME).use { a ->
            a.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "100.00")))
            throws<ArCoreException.Fx>("missing_rate", "no exchange rate `USD` -> `EUR` on or before 2024-01-10") {
                a.apply(Event("pay", date("2024-01-10"), EventBody.PaymentReceived("P-1", dec("50.00"), "USD")))
            }
            throws<ArCoreException.Ledger>("unexpected_rate") {
                a.apply(Event("pay", date("2024-01-10"), EventBody.PaymentReceived("P-1", dec("50.00"), "EUR", rate = dec("1.1"))))
            }
            a.apply(Event("rates", date("2024-01-05"), EventBody.RatesPublished(listOf(RateQuote("USD", "EUR", dec("0.90"))))))
            eq(a.rates(), listOf(DatedRate(date("2024-01-05"), "USD", "EUR", dec("0.90"))))
            // 50.00 USD at the table's 0.90 = 45.00 EUR
            a.apply(Event("pay", date("2024-01-10"), EventBody.PaymentReceived("P-1", dec("50.00"), "USD")))
            eq(a.balance().toPlainString(), "55.00")
        }
    }
    test("reporting currency: realized and unrealized FX") {
        // EUR account reported in USD. 1 EUR = 1.10 USD when INV-1 (1000.00) is booked.
        // 500.00 paid when EUR = 1.12: realized 500 x (1.12 - 1.10) = 10.00 USD gained.
        // On 31 Jan EUR = 1.08: the 500.00 still open was booked at 550.00 USD, is worth
        // 540.00 now: unrealized -10.00.
        val config = ACME.copy(reportingCurrency = "USD")
        fun rate(id: String, day: String, r: String) =
            Event(id, date(day), EventBody.RatesPublished(listOf(RateQuote("EUR", "USD", dec(r)))))
        Account(config).use { a ->
            a.apply(rate("r1", "2024-01-01", "1.10"))
            a.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "1000.00")))
            eq(a.document("INV-1")!!.reportingRate, Rate(dec("1.10"), false, date("2024-01-01")))
            a.apply(rate("r2", "2024-01-20", "1.12"))
            val applied = a.apply(payment("pay", "2024-01-20", "P-1", "500.00"))
            eq(applied.allocations.single().realizedFx?.toPlainString(), "10.00")
            a.apply(rate("r3", "2024-01-31", "1.08"))
            val r = a.reportingBalance(date("2024-01-31"))
            eq(r.currency, "USD")
            eq(r.rate, Rate(dec("1.08"), false, date("2024-01-31")))
            eq(listOf(r.balance, r.booked, r.revalued, r.unrealizedFx, r.realizedFx).map { it.toPlainString() },
                listOf("500.00", "550.00", "540.00", "-10.00", "10.00"))
            eq(a.realizedFx().toPlainString(), "10.00")
            throws<ArCoreException.Fx>("missing_rate") { a.reportingBalance(date("2023-12-31")) }
        }
        // without a reporting currency every rate is 1 and nothing is realized
        Account(ACME).use { a ->
            eq(a.reportingBalance(date("2024-01-01")).currency, "EUR")
            eq(a.realizedFx().toPlainString(), "0.00")
        }
    }

    // ---- threads -----------------------------------------------------------------------------
    test("one account shared between threads") {
        Account(ACME).use { a ->
            a.apply(issued(invoiceDoc("INV-1", "2024-01-01", "2024-01-31", "1000.00")))
            // 200 payments of 1.00 from 4 threads: 1000 - 200 = 800.00 open, whatever the order
            val pool = Executors.newFixedThreadPool(4)
            try {
                pool.invokeAll(List(200) { i -> Callable { a.apply(payment("pay $i", "2024-01-02", "P-$i", "1.00")) } })
                    .forEach { it.get() }
            } finally {
                pool.shutdown()
            }
            eq(a.balance().toPlainString(), "800.00")
            eq(a.payments().size, 200)
        }
    }
}
