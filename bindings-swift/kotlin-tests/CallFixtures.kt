// Runs the "call" fixtures of fixtures/discounts, fixtures/plans and fixtures/interest (each
// folder's README.md) through the Kotlin surface: `call` names the function, `args` are built
// into uniffi records (strictly: an unknown key fails, as the core's deny_unknown_fields
// would; optional arguments take their JSON defaults), nested `{"$call": ..., "args": ...}`
// arguments are resolved depth first, and the result is turned back into a JSON-like value
// (snake_case keys, decimals as BigDecimal compared as exact strings with their scale,
// fractions as "numerator/denominator", fields the JSON omits as null) and matched against
// `expect` by subset (matchSubset in LedgerFixtures.kt), or the error's kind against `error`.

import arcore.*
import java.math.BigDecimal

// ---- arguments: JSON to records ----------------------------------------------------------------

private fun Json.mode(key: String): RoundingMode = this[key]?.let { tag<RoundingMode>(it) } ?: RoundingMode.HALF_UP
private fun Json.decs(key: String): List<BigDecimal> = this[key]?.list?.map { BigDecimal(it.str) } ?: listOf()
private fun Json.obj(key: String): Json = this[key] ?: error("missing `$key` in $raw")

private fun taxedAmount(j: Json): TaxedAmount {
    j.only("net", "taxes")
    return TaxedAmount(j.dec("net"), j["taxes"]?.list?.map {
        it.only("percent", "base")
        TaxPortion(it.dec("percent"), it.dec("base"))
    } ?: listOf())
}

private fun dueDates(j: Json): DueDates = when (val type = j.text("type")) {
    "periodic" -> {
        j.only("type", "frequency", "first_due", "count")
        DueDates.Periodic(tag(j.obj("frequency")), j.date("first_due"), j.uint("count"))
    }
    "custom" -> { j.only("type", "dates"); DueDates.Custom(j.obj("dates").list.map { java.time.LocalDate.parse(it.str) }) }
    else -> error("unknown due dates `$type`")
}

private fun downPayment(j: Json): DownPayment = when (val type = j.text("type")) {
    "amount" -> { j.only("type", "amount", "due_date"); DownPayment.Amount(j.dec("amount"), j.date("due_date")) }
    "percent" -> { j.only("type", "percent", "due_date"); DownPayment.Percent(j.dec("percent"), j.date("due_date")) }
    else -> error("unknown down payment `$type`")
}

private fun planTerms(j: Json): PlanTerms {
    j.only("due", "weights", "down_payment", "rounding", "residual", "roll", "calendar")
    // the JSON defaults (docs/json.md, PlanTerms): half up, residual first, no roll
    return PlanTerms(
        due = dueDates(j.obj("due")), weights = j.decs("weights"), downPayment = j["down_payment"]?.let(::downPayment),
        rounding = j.mode("rounding"), residual = j["residual"]?.let { tag<ResidualPolicy>(it) } ?: ResidualPolicy.FIRST,
        roll = j["roll"]?.let { tag<Roll>(it) } ?: Roll.NONE, calendar = j["calendar"]?.let(::calendar),
    )
}

private fun amortizedTerms(j: Json): AmortizedTerms {
    j.only("annual_rate_percent", "frequency", "first_due", "count", "roll", "calendar")
    return AmortizedTerms(
        j.dec("annual_rate_percent"), tag(j.obj("frequency")), j.date("first_due"), j.uint("count"),
        j["roll"]?.let { tag<Roll>(it) } ?: Roll.NONE, j["calendar"]?.let(::calendar),
    )
}

private fun planSpec(j: Json): PlanSpec = when (val type = j.text("type")) {
    "split" -> { j.only("type", "terms"); PlanSpec.Split(planTerms(j.obj("terms"))) }
    "amortized" -> { j.only("type", "terms"); PlanSpec.Amortized(amortizedTerms(j.obj("terms"))) }
    else -> error("unknown plan spec `$type`")
}

private fun plan(j: Json): Plan {
    j.only("currency", "principal", "interest", "total", "payment", "installments")
    return Plan(
        j.text("currency"), j.dec("principal"), j.dec("interest"), j.dec("total"), j.decOrNull("payment"),
        j.obj("installments").list.map {
            it.only("installment", "kind", "due_date", "amount", "principal", "interest", "balance_after", "reason")
            PlanInstallment(
                it.uint("installment"), tag(it.obj("kind")), it.date("due_date"), it.dec("amount"), it.dec("principal"),
                it.dec("interest"), it.dec("balance_after"), it.text("reason"),
            )
        },
    )
}

private fun defaultPolicy(j: Json): DefaultPolicy {
    j.only("missed_installments", "days_past_due", "accelerate")
    return DefaultPolicy(j.uintOrNull("missed_installments"), j.uintOrNull("days_past_due"), j["accelerate"]?.bool ?: false)
}

private fun rescheduleRequest(j: Json): RescheduleRequest {
    j.only("plan_document", "credit_note", "items", "plan")
    return RescheduleRequest(
        j.text("plan_document"), j.text("credit_note"),
        j["items"]?.list?.map { it.only("document", "installment"); ItemRef(it.text("document"), it.uint("installment")) },
        planSpec(j.obj("plan")),
    )
}

private fun rateTable(j: Json): InterestRateTable = j.list.map {
    it.only("from", "percent", "note")
    DatedInterestRate(it.date("from"), it.dec("percent"), it["note"]?.str)
}

private fun rateSource(j: Json): RateSource = when (val type = j.text("type")) {
    "fixed" -> { j.only("type", "percent"); RateSource.Fixed(j.dec("percent")) }
    "table" -> { j.only("type", "rates"); RateSource.Table(rateTable(j.obj("rates"))) }
    // the statutory margin is 8 points when absent (docs/json.md, RateSource)
    "eu_late_payment" -> {
        j.only("type", "reference_rates", "margin")
        RateSource.EuLatePayment(rateTable(j.obj("reference_rates")), j.decOrNull("margin") ?: BigDecimal("8"))
    }
    "uk_late_payment" -> {
        j.only("type", "reference_rates", "margin")
        RateSource.UkLatePayment(rateTable(j.obj("reference_rates")), j.decOrNull("margin") ?: BigDecimal("8"))
    }
    else -> error("unknown rate source `$type`")
}

private fun interestMethod(j: Json?): InterestMethod {
    j?.only("day_count", "compounding", "rounding")
    return InterestMethod(
        j?.get("day_count")?.let { tag<DayCount>(it) } ?: DayCount.ACTUAL365_FIXED,
        j?.get("compounding")?.let { tag<Compounding>(it) } ?: Compounding.NONE,
        j?.mode("rounding") ?: RoundingMode.HALF_UP,
    )
}

private fun accrualInput(j: Json): AccrualInput {
    j.only("currency", "principal", "due_date", "as_of", "changes", "rates", "method")
    return AccrualInput(
        j.text("currency"), j.dec("principal"), j.date("due_date"), j.date("as_of"),
        j["changes"]?.list?.map {
            it.only("date", "amount", "reason")
            PrincipalChange(it.date("date"), it.dec("amount"), it["reason"]?.str ?: "")
        } ?: listOf(),
        rateSource(j.obj("rates")), interestMethod(j["method"]),
    )
}

private fun unpaidCharges(j: Json?): UnpaidChargesPolicy = j?.let { tag<UnpaidChargesPolicy>(it) } ?: UnpaidChargesPolicy.CLAIMABLE

private fun interestPolicy(j: Json): InterestPolicy {
    j.only("rates", "method", "after_principal_paid", "id_prefix", "charge_terms")
    return InterestPolicy(
        rateSource(j.obj("rates")), interestMethod(j["method"]), unpaidCharges(j["after_principal_paid"]),
        j["id_prefix"]?.str ?: "INT-", termsOrNull(j, "charge_terms"),
    )
}

private fun flatFee(j: Json): FlatFee = when (val type = j.text("type")) {
    "fixed" -> { j.only("type", "amount"); FlatFee.Fixed(j.dec("amount")) }
    "percent" -> { j.only("type", "percent"); FlatFee.Percent(j.dec("percent")) }
    else -> error("unknown flat fee `$type`")
}

private fun feeAmount(j: Json): FeeAmount = when (val type = j.text("type")) {
    "fixed" -> { j.only("type", "amount"); FeeAmount.Fixed(j.dec("amount")) }
    "percent" -> { j.only("type", "percent"); FeeAmount.Percent(j.dec("percent")) }
    "tiered" -> {
        j.only("type", "tiers")
        FeeAmount.Tiered(j.obj("tiers").list.map { it.only("from", "fee"); FeeTier(it.dec("from"), flatFee(it.obj("fee"))) })
    }
    "graduated" -> {
        j.only("type", "tiers")
        FeeAmount.Graduated(j.obj("tiers").list.map { it.only("from", "percent"); GraduatedTier(it.dec("from"), it.dec("percent")) })
    }
    else -> error("unknown fee amount `$type`")
}

private fun feeLevel(j: Json): FeeLevel {
    j.only("level", "grace_days", "fee", "minimum", "cap", "min_overdue", "repeat", "label")
    return FeeLevel(
        level = j.uint("level"), graceDays = j.uintOrNull("grace_days") ?: 0u, fee = feeAmount(j.obj("fee")),
        minimum = j.decOrNull("minimum"), cap = j.decOrNull("cap"), minOverdue = j.decOrNull("min_overdue"),
        repeat = j["repeat"]?.let { it.only("every_days", "max_charges"); FeeRepeat(it.uint("every_days"), it.uintOrNull("max_charges")) },
        label = j["label"]?.str,
    )
}

private fun feePolicy(j: Json): FeePolicy {
    j.only("levels", "scope", "currency", "rounding", "id_prefix", "charge_terms", "after_principal_paid")
    return FeePolicy(
        levels = j.obj("levels").list.map(::feeLevel), scope = j["scope"]?.let { tag<FeeScope>(it) } ?: FeeScope.DOCUMENT,
        currency = j["currency"]?.str, rounding = j.mode("rounding"), idPrefix = j["id_prefix"]?.str ?: "FEE-",
        chargeTerms = termsOrNull(j, "charge_terms"), afterPrincipalPaid = unpaidCharges(j["after_principal_paid"]),
    )
}

/** The account of an interest or fee call: `config` and `events` replayed as of `as_of`. */
private fun replayed(a: Json): Account =
    Account.replay(accountConfig(a.obj("config")), a.obj("events").list.map(::callEvent), a.date("as_of"))

private fun callEvent(j: Json): Event {
    j.only("id", "date", "body")
    return Event(j.text("id"), j.date("date"), eventBody(j.obj("body")))
}

// ---- results: records to JSON-like values --------------------------------------------------------

private fun fractionText(f: Fraction) = "${f.numerator}/${f.denominator}"

/** A decimal the JSON leaves out when it is zero (compound interest's `capitalised`). */
private fun omittedWhenZero(d: BigDecimal): BigDecimal? = d.takeIf { it.signum() != 0 }

private fun earlyPaymentJson(e: EarlyPayment) = mapOf(
    "discount_base" to e.discountBase, "net" to e.net, "tax" to e.tax, "gross" to e.gross, "discount" to e.discount,
    "due_early" to e.dueEarly, "due_late" to e.dueLate, "reason" to e.reason,
)

private fun earnedJson(e: EarnedDiscount) = mapOf(
    "date" to e.date, "tier" to e.tier, "deadline" to e.deadline, "discount" to e.discount, "amount_due" to e.amountDue,
    "reason" to e.reason,
)

private fun totalsJson(t: InvoiceTotals) = mapOf(
    "lines" to t.lines,
    "taxes" to t.taxes.map {
        mapOf("code" to it.code, "percent" to it.percent, "base" to it.base, "amount" to it.amount,
            "discount_percent" to it.discountPercent)
    },
    "net" to t.net, "tax" to t.tax, "gross" to t.gross,
)

private fun planJson(p: Plan) = mapOf(
    "currency" to p.currency, "principal" to p.principal, "interest" to p.interest, "total" to p.total, "payment" to p.payment,
    "installments" to p.installments.map {
        mapOf("installment" to it.installment, "kind" to it.kind, "due_date" to it.dueDate, "amount" to it.amount,
            "principal" to it.principal, "interest" to it.interest, "balance_after" to it.balanceAfter, "reason" to it.reason)
    },
)

private fun statusJson(s: PlanStatus) = mapOf(
    "as_of" to s.asOf, "state" to s.state, "paid" to s.paid, "unapplied" to s.unapplied, "outstanding" to s.outstanding,
    "overdue" to s.overdue, "amount_due" to s.amountDue, "missed_installments" to s.missedInstallments,
    "oldest_unpaid_due_date" to s.oldestUnpaidDueDate, "days_past_due" to s.daysPastDue, "default_date" to s.defaultDate,
    "accelerated" to s.accelerated,
    "installments" to s.installments.map {
        mapOf("installment" to it.installment, "due_date" to it.dueDate, "amount" to it.amount, "paid" to it.paid,
            "open" to it.open, "state" to it.state, "paid_on" to it.paidOn, "days_late" to it.daysLate)
    },
    "reason" to s.reason,
)

private fun remittanceJson(r: RemittanceLine) =
    mapOf("document" to r.document, "installment" to r.installment, "amount" to r.amount, "discount" to r.discount)

private fun shortPaymentJson(p: ShortPaymentPolicy) = when (p) {
    is ShortPaymentPolicy.LeaveResidual -> mapOf("type" to "leave_residual")
    is ShortPaymentPolicy.Deduction -> mapOf("type" to "deduction", "reason_code" to p.reasonCode)
    is ShortPaymentPolicy.WriteOff -> mapOf("type" to "write_off", "tolerance" to p.tolerance, "reason_code" to p.reasonCode)
}

/** An event body in its JSON shape, tagged by `type`. */
fun eventBodyJson(b: EventBody): Map<String, Any?> = when (b) {
    is EventBody.DocumentIssued -> mapOf("type" to "document_issued", "document" to documentJson(b.document))
    is EventBody.PaymentReceived -> mapOf(
        "type" to "payment_received", "payment_id" to b.paymentId, "amount" to b.amount, "currency" to b.currency,
        "rate" to b.rate, "remittance" to b.remittance.map(::remittanceJson), "strategy" to b.strategy,
        "short_payment" to b.shortPayment?.let(::shortPaymentJson),
    )
    is EventBody.PaymentReversed -> mapOf("type" to "payment_reversed", "payment_id" to b.paymentId, "reason" to b.reason)
    is EventBody.CreditApplied -> mapOf(
        "type" to "credit_applied", "credit_document" to b.creditDocument, "target_document" to b.targetDocument,
        "amount" to b.amount,
    )
    is EventBody.WrittenOff -> mapOf(
        "type" to "written_off", "document" to b.document, "installment" to b.installment, "amount" to b.amount,
        "reason_code" to b.reasonCode,
    )
    is EventBody.DisputeOpened -> mapOf(
        "type" to "dispute_opened", "dispute_id" to b.disputeId, "document" to b.document, "amount" to b.amount,
        "reason_code" to b.reasonCode,
    )
    is EventBody.DisputeResolved -> mapOf("type" to "dispute_resolved", "dispute_id" to b.disputeId, "outcome" to b.outcome)
    is EventBody.PromiseToPay -> mapOf(
        "type" to "promise_to_pay", "promise_id" to b.promiseId, "amount" to b.amount, "promised_date" to b.promisedDate,
    )
    is EventBody.InvoiceDelivered -> mapOf("type" to "invoice_delivered", "document" to b.document)
    is EventBody.InvoiceOpened -> mapOf("type" to "invoice_opened", "document" to b.document)
    is EventBody.DocumentVoided -> mapOf("type" to "document_voided", "document" to b.document)
    is EventBody.RatesPublished -> mapOf(
        "type" to "rates_published", "rates" to b.rates.map { mapOf("from" to it.from, "to" to it.to, "rate" to it.rate) },
    )
}

private fun rescheduledJson(r: Rescheduled) = mapOf(
    "as_of" to r.asOf,
    "items" to r.items.map {
        mapOf("document" to it.document, "installment" to it.installment, "due_date" to it.dueDate, "open" to it.open,
            "days_past_due" to it.daysPastDue)
    },
    "total" to r.total, "plan" to planJson(r.plan), "credit_note" to documentJson(r.creditNote),
    "plan_document" to documentJson(r.planDocument),
    "events" to r.events.map { mapOf("id" to it.id, "date" to it.date, "body" to eventBodyJson(it.body)) },
    "reason" to r.reason,
)

private fun ratesJson(t: InterestRateTable) = t.map { mapOf("from" to it.from, "percent" to it.percent, "note" to it.note) }

private fun breakdownJson(b: InterestBreakdown) = mapOf(
    "currency" to b.currency, "due_date" to b.dueDate, "as_of" to b.asOf, "total_exact" to fractionText(b.totalExact),
    "total" to b.total, "capitalised" to omittedWhenZero(b.capitalised),
    "periods" to b.periods.map {
        mapOf("from" to it.from, "to" to it.to, "days" to it.days, "basis_days" to it.basisDays, "principal" to it.principal,
            "capitalised" to omittedWhenZero(it.capitalised), "rate" to it.rate, "rate_from" to it.rateFrom,
            "year_fraction" to fractionText(it.yearFraction), "interest_exact" to fractionText(it.interestExact),
            "interest" to it.interest, "reason" to it.reason)
    },
)

private fun accountInterestJson(a: AccountInterest) = mapOf(
    "as_of" to a.asOf, "currency" to a.currency,
    "items" to a.items.map {
        mapOf("document" to it.document, "installment" to it.installment, "due_date" to it.dueDate,
            "outstanding" to it.outstanding, "accrued" to breakdownJson(it.accrued), "charged_by" to it.chargedBy,
            "already_charged" to it.alreadyCharged, "charged_through" to it.chargedThrough, "to_charge" to it.toCharge,
            "charge_id" to it.chargeId, "reason" to it.reason)
    },
    "accrued" to a.accrued, "to_charge" to a.toCharge, "charges" to a.charges.map(::documentJson),
)

private fun feeRunJson(r: FeeRun) = mapOf(
    "as_of" to r.asOf, "currency" to r.currency,
    "charges" to r.charges.map {
        mapOf("document" to documentJson(it.document), "charged_for" to it.chargedFor, "installment" to it.installment,
            "level" to it.level, "period" to it.period, "key" to it.key, "applies_from" to it.appliesFrom,
            "basis" to it.basis, "reason" to it.reason)
    },
    "skipped" to r.skipped.map {
        mapOf("charged_for" to it.chargedFor, "installment" to it.installment, "level" to it.level, "period" to it.period,
            "key" to it.key, "applies_from" to it.appliesFrom, "reason" to it.reason)
    },
    "total" to r.total,
)

private fun waiverJson(w: ChargeWaiver) = mapOf(
    "document" to w.document, "charged_for" to w.chargedFor, "installment" to w.installment, "amount" to w.amount,
    "reason" to w.reason, "event" to eventBodyJson(w.event),
)

// ---- the calls ------------------------------------------------------------------------------------

/** Calls [name] with the (resolved) [a]rguments and returns the result as a JSON-like value. */
fun callFixture(name: String, a: Json): Any? = when (name) {
    // fixtures/discounts
    "early_payment_amounts" -> {
        a.only("amount", "currency", "percent", "discount_base", "rounding", "discount_rounding")
        earlyPaymentJson(earlyPaymentAmounts(
            taxedAmount(a.obj("amount")), a.text("currency"), a.dec("percent"), tag(a.obj("discount_base")),
            a.mode("rounding"), a["discount_rounding"]?.let { tag<DiscountRounding>(it) } ?: DiscountRounding.DISCOUNT,
        ))
    }
    "earned_discount" -> {
        a.only("amount", "offers", "date")
        earnedJson(earnedDiscount(a.dec("amount"), a.obj("offers").list.map(::discountOffer), a.date("date")))
    }
    "pro_rata_discount" -> {
        a.only("open", "discount", "payment", "currency", "rounding")
        proRataDiscount(a.dec("open"), a.dec("discount"), a.dec("payment"), a.text("currency"), a.mode("rounding")).let {
            mapOf("amount" to it.amount, "discount" to it.discount, "residual" to it.residual, "unused" to it.unused,
                "reason" to it.reason)
        }
    }
    "available_discount" -> {
        a.only("amount", "offer", "open", "currency", "rounding")
        availableDiscount(a.dec("amount"), a.dec("offer"), a.dec("open"), a.text("currency"), a.mode("rounding"))
    }
    "annualized_cost" -> {
        a.only("percent", "discount_days", "net_days", "year")
        annualizedCost(a.dec("percent"), a.uint("discount_days"), a.uint("net_days"), tag(a.obj("year"))).let {
            mapOf("year" to it.year, "simple_rate" to it.simpleRate, "simple_percent" to it.simplePercent,
                "compounded_rate" to it.compoundedRate, "compounded_percent" to it.compoundedPercent, "reason" to it.reason)
        }
    }
    "dynamic_discount" -> {
        a.only("amount", "currency", "annual_percent", "payment_date", "due_date", "year", "rounding")
        dynamicDiscount(
            a.dec("amount"), a.text("currency"), a.dec("annual_percent"), a.date("payment_date"), a.date("due_date"),
            tag(a.obj("year")), a.mode("rounding"),
        ).let {
            mapOf("days_early" to it.daysEarly, "discount" to it.discount, "amount_due" to it.amountDue,
                "capped" to it.capped, "reason" to it.reason)
        }
    }
    "issue_invoice" -> {
        a.only("draft", "options")
        val r = issueInvoice(invoiceDraft(a.obj("draft")), scheduleOptions(a["options"]))
        mapOf("document" to documentJson(r.document), "totals" to totalsJson(r.totals))
    }
    // fixtures/plans
    "installment_plan" -> {
        a.only("amount", "currency", "terms")
        planJson(installmentPlan(a.dec("amount"), a.text("currency"), planTerms(a.obj("terms"))))
    }
    "amortized_plan" -> {
        a.only("principal", "currency", "terms")
        planJson(amortizedPlan(a.dec("principal"), a.text("currency"), amortizedTerms(a.obj("terms"))))
    }
    "plan_status" -> {
        a.only("plan", "payments", "as_of", "policy")
        val payments = a.obj("payments").list.map { it.only("date", "amount"); PlanPayment(it.date("date"), it.dec("amount")) }
        statusJson(planStatus(plan(a.obj("plan")), payments, a.date("as_of"), defaultPolicy(a.obj("policy"))))
    }
    "reschedule" -> {
        a.only("account", "as_of", "request")
        // the account arrives as its serialized state (a nested `replay`)
        Account.fromJson(a.obj("account").raw).use { account ->
            rescheduledJson(reschedule(account, a.date("as_of"), rescheduleRequest(a.obj("request"))))
        }
    }
    "replay" -> {
        a.only("config", "events", "as_of")
        replayed(a).use { Json.parse(it.toJson()) }
    }
    // fixtures/interest
    "year_fraction" -> {
        a.only("day_count", "start", "end")
        val dayCount = tag<DayCount>(a.obj("day_count"))
        mapOf(
            "days" to dayCountDays(dayCount, a.date("start"), a.date("end")),
            "year_fraction" to fractionText(yearFraction(dayCount, a.date("start"), a.date("end"))),
        )
    }
    "accrue" -> breakdownJson(accrue(accrualInput(a)))
    "rates_for" -> {
        a.only("rates", "due_date", "as_of")
        ratesJson(ratesFor(rateSource(a.obj("rates")), a.date("due_date"), a.date("as_of")))
    }
    "accrue_account" -> {
        a.only("config", "events", "as_of", "policy")
        replayed(a).use { accountInterestJson(accrueAccount(it, interestPolicy(a.obj("policy")), a.date("as_of"))) }
    }
    "assess_fees" -> {
        a.only("config", "events", "as_of", "policy")
        replayed(a).use { feeRunJson(assessFees(it, feePolicy(a.obj("policy")), a.date("as_of"))) }
    }
    "waive_unpaid_charges" -> {
        a.only("config", "events", "as_of", "policy")
        replayed(a).use { account ->
            waiveUnpaidCharges(account, tag(a.obj("policy")), a.date("as_of")).map(::waiverJson)
        }
    }
    else -> error("unknown call `$name`")
}

// ---- nested calls ---------------------------------------------------------------------------------

/** JSON text of a JSON-like value (the results above, or parsed JSON). */
fun jsonText(v: Any?): String = when (v) {
    null -> "null"
    is Json -> v.raw
    is Map<*, *> -> v.entries.joinToString(",", "{", "}") { "${jsonText(it.key.toString())}:${jsonText(it.value)}" }
    is List<*> -> v.joinToString(",", "[", "]") { jsonText(it) }
    is String -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""
    is BigDecimal -> jsonText(v.toPlainString())
    is Enum<*> -> jsonText(jsonTag(v))
    is Boolean, is Int, is Long, is UInt, is ULong -> v.toString()
    else -> jsonText(v.toString()) // dates (ISO) and currency codes
}

/**
 * [j] with every `{"$call": name, "args": {...}}` replaced by that call's result, depth first
 * (fixtures/plans/README.md, "Nested calls"). A nested call must succeed: its failure breaks the
 * case rather than counting as the expected error.
 */
fun resolveCalls(j: Json): Json = when (j) {
    is Json.Obj -> {
        if (j.fields.containsKey("\$call")) {
            j.only("\$call", "args")
            val name = j.text("\$call")
            val result = try {
                callFixture(name, resolveCalls(j.obj("args")))
            } catch (e: ArCoreException) {
                throw IllegalStateException("nested call `$name` failed: $e")
            }
            Json.parse(jsonText(result))
        } else {
            val fields = j.fields.mapValues { resolveCalls(it.value) }
            Json.Obj(fields, jsonText(fields))
        }
    }
    is Json.Arr -> j.items.map(::resolveCalls).let { Json.Arr(it, jsonText(it)) }
    else -> j
}

/** Runs one case of fixtures/{discounts,plans,interest}; returns normally when it passes. */
fun runCallFixture(case: Json) {
    case.only("name", "source", "call", "args", "expect", "error")
    require(case.text("source").isNotBlank()) { "a case says where its numbers come from" }
    val expect = case["expect"]
    val error = case["error"]
    require((expect == null) != (error == null)) { "a case has exactly one of `expect` and `error`" }
    val name = case.text("name")
    val call = case.text("call")
    val args = resolveCalls(case.obj("args"))
    if (error != null) {
        error.only("kind")
        try {
            val got = callFixture(call, args)
            throw AssertionError("$name: expected error `${error.text("kind")}`, got ${jsonText(got)}")
        } catch (e: ArCoreException) {
            eq(kindAndDetail(e).first, error.text("kind"), "$name: error kind")
        }
    } else {
        matchSubset(callFixture(call, args), expect!!, "$name: result")
    }
}
