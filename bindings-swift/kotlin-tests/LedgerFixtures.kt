// Runs one case of fixtures/ledger/*.json (format in fixtures/README.md) through the Kotlin
// surface: uniffi records are built from the fixture JSON (strictly: an unknown key fails, as
// the core's deny_unknown_fields would), results are turned back into JSON-like values
// (snake_case keys, decimals as BigDecimal, compared as exact strings with their scale) and
// matched against the expectations by subset.

import arcore.*
import java.math.BigDecimal
import java.time.LocalDate

// ---- building records from fixture JSON ----------------------------------------------------

fun Json.only(vararg keys: String): Json {
    val fields = (this as? Json.Obj)?.fields ?: error("expected a JSON object, found $raw")
    val unknown = fields.keys - keys.toSet()
    require(unknown.isEmpty()) { "unknown key(s) $unknown in $raw" }
    return this
}

fun Json.dec(key: String): BigDecimal = BigDecimal(this[key]?.str ?: error("missing `$key` in $raw"))
fun Json.decOrNull(key: String): BigDecimal? = this[key]?.let { BigDecimal(it.str) }
fun Json.date(key: String): LocalDate = LocalDate.parse(this[key]?.str ?: error("missing `$key` in $raw"))
fun Json.dateOrNull(key: String): LocalDate? = this[key]?.let { LocalDate.parse(it.str) }
fun Json.text(key: String): String = this[key]?.str ?: error("missing `$key` in $raw")
/** A u32 of the JSON shape (the whole range: `4294967295` does not fit an Int). */
fun Json.uint(key: String): UInt = uintOrNull(key) ?: error("missing `$key` in $raw")
fun Json.uintOrNull(key: String): UInt? = this[key]?.let { (it as? Json.Num)?.raw?.toUInt() ?: error("expected a u32, found ${it.raw}") }

/**
 * The JSON tag of an enum constant (docs/json.md): the Kotlin name in lower case
 * (CREDIT_NOTE -> `"credit_note"`), except where the tag puts its digits apart
 * (ACTUAL365_FIXED -> `"actual_365_fixed"`, THIRTY360_E -> `"thirty_e_360"`, DAYS365 -> `"days_365"`).
 */
fun jsonTag(e: Enum<*>): String = when (e) {
    DayCount.ACTUAL365_FIXED -> "actual_365_fixed"
    DayCount.ACTUAL360 -> "actual_360"
    DayCount.THIRTY360 -> "thirty_360"
    DayCount.THIRTY360_E -> "thirty_e_360"
    YearBasis.DAYS360 -> "days_360"
    YearBasis.DAYS365 -> "days_365"
    else -> e.name.lowercase()
}

/** A tag of the JSON shape to the Kotlin enum constant (`"credit_note"` -> CREDIT_NOTE). */
inline fun <reified T : Enum<T>> tag(j: Json): T =
    enumValues<T>().firstOrNull { jsonTag(it) == j.str } ?: error("unknown ${T::class.simpleName} `${j.str}`")

fun termsOrNull(j: Json, key: String): Terms? = j[key]?.let { termsFromJson(it.raw) }

private fun shortPayment(j: Json): ShortPaymentPolicy = when (val type = j.text("type")) {
    "leave_residual" -> { j.only("type"); ShortPaymentPolicy.LeaveResidual }
    "deduction" -> { j.only("type", "reason_code"); ShortPaymentPolicy.Deduction(j.text("reason_code")) }
    "write_off" -> { j.only("type", "tolerance", "reason_code"); ShortPaymentPolicy.WriteOff(j.dec("tolerance"), j.text("reason_code")) }
    else -> error("unknown short-payment policy `$type`")
}

fun accountConfig(j: Json): AccountConfig {
    j.only("customer", "currency", "strategy", "short_payment", "reporting_currency", "partial_discount")
    return AccountConfig(
        customer = j.text("customer"),
        currency = j.text("currency"),
        // the JSON shape's defaults (docs/json.md)
        strategy = j["strategy"]?.let { tag<Strategy>(it) } ?: Strategy.OLDEST_DUE_FIRST,
        shortPayment = j["short_payment"]?.let(::shortPayment) ?: ShortPaymentPolicy.LeaveResidual,
        reportingCurrency = j["reporting_currency"]?.str,
        partialDiscount = j["partial_discount"]?.let { tag<PartialDiscount>(it) } ?: PartialDiscount.NONE,
    )
}

fun discountOffer(j: Json): DiscountOffer {
    j.only("deadline", "discount", "amount_due")
    return DiscountOffer(j.date("deadline"), j.dec("discount"), j.dec("amount_due"))
}

fun chargeFor(j: Json): ChargeFor {
    j.only("document", "installment", "key", "from", "through")
    return ChargeFor(j.text("document"), j.uintOrNull("installment"), j.text("key"), j.dateOrNull("from"), j.dateOrNull("through"))
}

fun document(j: Json): Document {
    j.only("id", "kind", "customer", "date", "currency", "total", "installments", "terms", "against", "revision_of", "charge_for")
    return Document(
        id = j.text("id"), kind = tag(j["kind"]!!), customer = j.text("customer"), date = j.date("date"),
        currency = j.text("currency"), total = j.dec("total"),
        installments = j["installments"]!!.list.map {
            it.only("due_date", "amount", "discounts")
            ScheduledItem(it.date("due_date"), it.dec("amount"), it["discounts"]?.list?.map(::discountOffer) ?: listOf())
        },
        terms = termsOrNull(j, "terms"), against = j["against"]?.str, revisionOf = j["revision_of"]?.str,
        chargeFor = j["charge_for"]?.let(::chargeFor),
    )
}

private fun simpleDraft(j: Json): SimpleDraft {
    j.only("kind", "id", "customer", "date", "currency", "amount", "terms", "against", "revision_of", "charge_for")
    return SimpleDraft(
        kind = tag(j["kind"]!!), id = j.text("id"), customer = j.text("customer"), date = j.date("date"),
        currency = j.text("currency"), amount = j.dec("amount"), terms = termsOrNull(j, "terms"),
        against = j["against"]?.str, revisionOf = j["revision_of"]?.str, chargeFor = j["charge_for"]?.let(::chargeFor),
    )
}

fun invoiceDraft(j: Json): InvoiceDraft {
    j.only("id", "customer", "date", "currency", "lines", "tax_mode", "terms", "base_date", "rounding",
        "discount_base", "discount_rounding")
    return InvoiceDraft(
        id = j.text("id"), customer = j.text("customer"), date = j.date("date"), currency = j.text("currency"),
        lines = j["lines"]!!.list.map {
            it.only("description", "quantity", "unit_price", "discount_percent", "tax_rates")
            InvoiceLine(
                it.text("description"), it.dec("quantity"), it.dec("unit_price"),
                it.decOrNull("discount_percent") ?: BigDecimal.ZERO,
                it["tax_rates"]?.list?.map { t -> t.only("code", "percent"); TaxRate(t.text("code"), t.dec("percent")) } ?: listOf(),
            )
        },
        taxMode = j["tax_mode"]?.let { tag<TaxMode>(it) } ?: TaxMode.EXCLUSIVE,
        terms = termsOrNull(j, "terms"), baseDate = j.dateOrNull("base_date"),
        rounding = j["rounding"]?.let { tag<RoundingMode>(it) } ?: RoundingMode.HALF_UP,
        discountBase = j["discount_base"]?.let { tag<DiscountBase>(it) } ?: DiscountBase.GROSS,
        discountRounding = j["discount_rounding"]?.let { tag<DiscountRounding>(it) } ?: DiscountRounding.DISCOUNT,
    )
}

private fun remittanceLine(j: Json): RemittanceLine {
    j.only("document", "installment", "amount", "discount")
    return RemittanceLine(j.text("document"), j.uintOrNull("installment"), j.dec("amount"), j.decOrNull("discount"))
}

/** Every variant of the event body JSON (tagged by `type`). */
fun eventBody(j: Json): EventBody = when (val type = j.text("type")) {
    "document_issued" -> { j.only("type", "document"); EventBody.DocumentIssued(document(j["document"]!!)) }
    "payment_received" -> {
        j.only("type", "payment_id", "amount", "currency", "rate", "remittance", "strategy", "short_payment")
        EventBody.PaymentReceived(
            j.text("payment_id"), j.dec("amount"), j.text("currency"), j.decOrNull("rate"),
            j["remittance"]?.list?.map(::remittanceLine) ?: listOf(),
            j["strategy"]?.let { tag<Strategy>(it) }, j["short_payment"]?.let(::shortPayment),
        )
    }
    "payment_reversed" -> { j.only("type", "payment_id", "reason"); EventBody.PaymentReversed(j.text("payment_id"), j.text("reason")) }
    "credit_applied" -> {
        j.only("type", "credit_document", "target_document", "amount")
        EventBody.CreditApplied(j.text("credit_document"), j.text("target_document"), j.dec("amount"))
    }
    "written_off" -> {
        j.only("type", "document", "installment", "amount", "reason_code")
        EventBody.WrittenOff(j.text("document"), j.uintOrNull("installment"), j.dec("amount"), j.text("reason_code"))
    }
    "dispute_opened" -> {
        j.only("type", "dispute_id", "document", "amount", "reason_code")
        EventBody.DisputeOpened(j.text("dispute_id"), j.text("document"), j.decOrNull("amount"), j.text("reason_code"))
    }
    "dispute_resolved" -> {
        j.only("type", "dispute_id", "outcome")
        EventBody.DisputeResolved(j.text("dispute_id"), tag(j["outcome"]!!))
    }
    "promise_to_pay" -> {
        j.only("type", "promise_id", "amount", "promised_date")
        EventBody.PromiseToPay(j.text("promise_id"), j.dec("amount"), j.date("promised_date"))
    }
    "invoice_delivered" -> { j.only("type", "document"); EventBody.InvoiceDelivered(j.text("document")) }
    "invoice_opened" -> { j.only("type", "document"); EventBody.InvoiceOpened(j.text("document")) }
    "document_voided" -> { j.only("type", "document"); EventBody.DocumentVoided(j.text("document")) }
    "rates_published" -> {
        j.only("type", "rates")
        EventBody.RatesPublished(j["rates"]!!.list.map {
            it.only("from", "to", "rate")
            RateQuote(it.text("from"), it.text("to"), it.dec("rate"))
        })
    }
    else -> error("unknown event type `$type`")
}

/** An event of a case: its body as given, or a document issued from a draft with default options. */
private fun event(j: Json): Event {
    j.only("id", "date", "body", "issue_simple", "issue_invoice", "expect_applied", "expect_error")
    val given = listOf("body", "issue_simple", "issue_invoice").filter { j[it] != null }
    require(given.size == 1) { "event `${j["id"]?.raw}` needs exactly one of body, issue_simple, issue_invoice; has $given" }
    val body = when (given.single()) {
        "body" -> eventBody(j["body"]!!)
        "issue_simple" -> EventBody.DocumentIssued(issueSimple(simpleDraft(j["issue_simple"]!!)))
        else -> EventBody.DocumentIssued(issueInvoice(invoiceDraft(j["issue_invoice"]!!)).document)
    }
    return Event(j.text("id"), j.date("date"), body)
}

// ---- results as JSON-like values -------------------------------------------------------------

private fun tagOf(e: Enum<*>): String = jsonTag(e)

fun offerJson(d: DiscountOffer) = mapOf("deadline" to d.deadline, "discount" to d.discount, "amount_due" to d.amountDue)

fun chargeForJson(c: ChargeFor) = mapOf(
    "document" to c.document, "installment" to c.installment, "key" to c.key, "from" to c.from, "through" to c.through,
)

fun documentJson(d: Document) = mapOf(
    "id" to d.id, "kind" to tagOf(d.kind), "customer" to d.customer, "date" to d.date, "currency" to d.currency,
    "total" to d.total,
    "installments" to d.installments.map {
        mapOf("due_date" to it.dueDate, "amount" to it.amount, "discounts" to it.discounts.map(::offerJson))
    },
    "terms" to d.terms?.let { Json.parse(termsToJson(it)) }, "against" to d.against, "revision_of" to d.revisionOf,
    "charge_for" to d.chargeFor?.let(::chargeForJson),
)

private fun allocationJson(a: Allocation) = mapOf(
    "event" to a.event, "source" to a.source, "document" to a.document, "installment" to a.installment,
    "amount" to a.amount, "discount_taken" to a.discountTaken, "written_off" to a.writtenOff, "reason" to a.reason,
    "realized_fx" to a.realizedFx,
)

private fun rateJson(r: Rate) = mapOf("quoted" to r.quoted, "inverse" to r.inverse, "date" to r.date)

private fun reportingBalanceJson(r: ReportingBalance) = mapOf(
    "currency" to r.currency, "date" to r.date, "balance" to r.balance, "rate" to rateJson(r.rate), "booked" to r.booked,
    "revalued" to r.revalued, "unrealized_fx" to r.unrealizedFx, "realized_fx" to r.realizedFx,
)

private fun deductionJson(d: Deduction) = mapOf(
    "event" to d.event, "payment_id" to d.paymentId, "document" to d.document, "installment" to d.installment,
    "amount" to d.amount, "reason_code" to d.reasonCode,
)

private fun appliedJson(a: Applied) = mapOf(
    "event" to a.event, "allocations" to a.allocations.map(::allocationJson), "deductions" to a.deductions.map(::deductionJson),
    "restored" to a.restored.map { mapOf("document" to it.document, "installment" to it.installment, "amount" to it.amount) },
    "unapplied_change" to a.unappliedChange,
)

private fun openItemJson(o: OpenItem) = mapOf(
    "document" to o.document, "kind" to tagOf(o.kind), "installment" to o.installment, "document_date" to o.documentDate,
    "due_date" to o.dueDate, "original" to o.original, "open" to o.open, "disputed" to o.disputed, "deducted" to o.deducted,
)

private fun historyJson(h: HistoryEntry) = mapOf(
    "event" to h.event, "date" to h.date, "kind" to tagOf(h.kind), "installment" to h.installment, "amount" to h.amount,
    "reason" to h.reason,
)

private fun paymentJson(p: PaymentState) = mapOf(
    "event" to p.event, "date" to p.date, "amount" to p.amount,
    "received" to p.received?.let { mapOf("amount" to it.amount, "currency" to it.currency, "rate" to rateJson(it.rate)) },
    "reporting_rate" to p.reportingRate?.let(::rateJson), "allocations" to p.allocations.map(::allocationJson),
    "deductions" to p.deductions.map(::deductionJson), "unapplied" to p.unapplied,
    "reversed" to p.reversed?.let {
        mapOf("event" to it.event, "date" to it.date, "reason" to it.reason, "unapplied_removed" to it.unappliedRemoved)
    },
)

private fun documentStateJson(d: DocumentState) = mapOf(
    "document" to documentJson(d.document), "voided" to d.voided,
    "items" to d.items.map { mapOf("open" to it.open, "deducted" to it.deducted) },
    "applications" to d.applications.map(::allocationJson), "delivered_on" to d.deliveredOn, "opened_on" to d.openedOn,
    "history" to d.history.map(::historyJson), "reporting_rate" to d.reportingRate?.let(::rateJson),
)

private fun statementJson(s: Statement) = mapOf(
    "customer" to s.customer, "from" to s.from, "to" to s.to, "opening_balance" to s.openingBalance,
    "lines" to s.lines.map {
        mapOf("date" to it.date, "event" to it.event, "kind" to tagOf(it.kind), "document_kind" to it.documentKind?.let(::tagOf),
            "reference" to it.reference, "amount" to it.amount, "balance" to it.balance, "description" to it.description)
    },
    "closing_balance" to s.closingBalance,
    "aging" to s.aging.map { mapOf("label" to it.label, "amount" to it.amount) },
    "credits" to s.credits, "disputed" to s.disputed, "due_soon" to s.dueSoon.map(::openItemJson),
)

// ---- subset matching ---------------------------------------------------------------------------

/** The JSON text of a scalar: decimals with their scale, dates ISO, enums as their tag. */
private fun scalarText(v: Any): String = when (v) {
    is BigDecimal -> v.toPlainString()
    is Enum<*> -> tagOf(v)
    is Json -> (v as? Json.Str)?.value ?: v.raw
    else -> v.toString()
}

/** Fails unless [actual] matches [expected] by subset (fixtures/README.md, "Matching"), naming every mismatch. */
fun matchSubset(actual: Any?, expected: Json, path: String) {
    val out = mutableListOf<String>()
    mismatches(actual, expected, path, out)
    if (out.isNotEmpty()) throw AssertionError(out.joinToString("; "))
}

/** Adds to [out] every place where [actual] does not match [expected] by subset, with its path. */
fun mismatches(actual: Any?, expected: Json, path: String, out: MutableList<String>) {
    when (expected) {
        is Json.Null -> if (actual != null && !(actual is Json.Null)) out += "$path: expected null, got $actual"
        is Json.Obj -> {
            val fields: Map<*, *> = when (actual) {
                is Map<*, *> -> actual
                is Json.Obj -> actual.fields
                else -> { out += "$path: expected an object, got $actual"; return }
            }
            for ((key, want) in expected.fields) {
                if (!fields.containsKey(key) && want !is Json.Null) out += "$path: no key `$key` in $fields"
                else mismatches(fields[key], want, "$path.$key", out)
            }
        }
        is Json.Arr -> {
            val items: List<*> = when (actual) {
                is List<*> -> actual
                is Json.Arr -> actual.items
                // an expected [] matches a missing value (empty lists are left out of the JSON)
                null -> if (expected.items.isEmpty()) listOf<Any>() else { out += "$path: expected an array, got null"; return }
                else -> { out += "$path: expected an array, got $actual"; return }
            }
            if (items.size != expected.items.size) {
                out += "$path: expected ${expected.items.size} elements, got ${items.size}: $items"
                return
            }
            for ((i, pair) in items.zip(expected.items).withIndex()) mismatches(pair.first, pair.second, "$path[$i]", out)
        }
        is Json.Str -> if (actual == null || scalarText(actual) != expected.value) {
            out += "$path: expected \"${expected.value}\", got ${actual?.let(::scalarText)}"
        }
        is Json.Num -> if (actual == null || scalarText(actual) != expected.raw) {
            out += "$path: expected ${expected.raw}, got ${actual?.let(::scalarText)}"
        }
        is Json.Bool -> if (actual != expected.value && !(actual is Json.Bool && actual.value == expected.value)) {
            out += "$path: expected ${expected.value}, got $actual"
        }
    }
}

// ---- the runner --------------------------------------------------------------------------------

/** Runs one ledger case; returns normally when it passes. */
fun runLedgerFixture(case: Json) {
    case.only("name", "kind", "source", "config", "events", "as_of", "expect")
    require(case.text("kind") == "ledger") { "not a ledger case: ${case["kind"]?.raw}" }
    val name = case.text("name")
    val config = accountConfig(case["config"]!!)
    val asOf = case.date("as_of")
    // the history as the statement sees it: every event that is not expected to fail
    val history = mutableListOf<Event>()
    Account(config).use { account ->
        for (e in case["events"]!!.list) {
            val id = e.text("id")
            val expectError = e["expect_error"]
            if (expectError != null) {
                if (e.date("date") > asOf) continue
                val before = account.toJson()
                try {
                    val applied = account.apply(event(e))
                    throw AssertionError("$name: event `$id` expected error `${expectError.str}`, got $applied")
                } catch (err: ArCoreException) {
                    eq(kindAndDetail(err).first, expectError.str, "$name: event `$id` error kind")
                }
                eq(account.toJson(), before, "$name: account JSON after rejected event `$id`")
                continue
            }
            val ev = event(e)
            history.add(ev)
            if (ev.date > asOf) continue
            val applied = account.apply(ev)
            e["expect_applied"]?.let { matchSubset(appliedJson(applied), it, "$name: event `$id` applied") }
        }

        val expect = case["expect"]!!
        expect.only("open_items", "balance", "unapplied_cash", "disputed_total", "payments", "documents", "history",
            "reporting_balance", "realized_fx", "statement")
        expect["open_items"]?.let { matchSubset(account.openItems().map(::openItemJson), it, "$name: open_items") }
        expect["balance"]?.let { matchSubset(account.balance(), it, "$name: balance") }
        expect["unapplied_cash"]?.let { matchSubset(account.unappliedCash(), it, "$name: unapplied_cash") }
        expect["disputed_total"]?.let { matchSubset(account.disputedTotal(), it, "$name: disputed_total") }
        expect["payments"]?.let { want ->
            for ((id, w) in (want as Json.Obj).fields) {
                matchSubset(account.payment(id)?.let(::paymentJson), w, "$name: payments.$id")
            }
        }
        expect["documents"]?.let { want ->
            for ((id, w) in (want as Json.Obj).fields) {
                matchSubset(account.document(id)?.let(::documentStateJson), w, "$name: documents.$id")
            }
        }
        expect["history"]?.let { want ->
            for ((id, w) in (want as Json.Obj).fields) {
                matchSubset(account.history(id)?.map(::historyJson), w, "$name: history.$id")
            }
        }
        expect["reporting_balance"]?.let {
            matchSubset(reportingBalanceJson(account.reportingBalance(asOf)), it, "$name: reporting_balance")
        }
        expect["realized_fx"]?.let { matchSubset(account.realizedFx(), it, "$name: realized_fx") }
        expect["statement"]?.let { st ->
            st.only("from", "to", "options", "expect")
            val options = st["options"]?.let {
                it.only("due_soon_days", "bucket_bounds")
                // the JSON shape's defaults of StatementOptions (docs/json.md): 14 days, 30/60/90/120
                StatementOptions(
                    it["due_soon_days"]?.int?.toUInt() ?: 14u,
                    it["bucket_bounds"]?.list?.map { b -> b.int.toUInt() } ?: listOf(30u, 60u, 90u, 120u),
                )
            }
            val s = statement(config, history, st.date("from"), st.date("to"), options)
            matchSubset(statementJson(s), st["expect"]!!, "$name: statement")
        }
    }
}
