// Runs one case of the shared fixtures (fixtures/README.md) through the Kotlin surface.
// Amounts are compared as exact strings, scale included (BigDecimal.toPlainString()).

import arcore.*
import java.math.BigDecimal
import java.time.LocalDate

private fun weekday(name: String): Weekday =
    Weekday.values().firstOrNull { name.lowercase().startsWith(it.name.lowercase()) }
        ?: error("unknown weekday `$name`")

private fun <T> enumTag(values: Array<T>, tag: String): T where T : Enum<T> =
    values.firstOrNull { it.name.lowercase() == tag } ?: error("unknown tag `$tag`")

fun calendar(j: Json): BusinessCalendar = BusinessCalendar(
    weekend = j["weekend"]?.list?.map { weekday(it.str) } ?: listOf(Weekday.SAT, Weekday.SUN),
    holidays = j["holidays"]?.list?.map { LocalDate.parse(it.str) } ?: listOf(),
)

private fun part(j: Json): Part = when (val type = j["type"]!!.str) {
    "percent" -> Part.Percent(BigDecimal(j["percent"]!!.str))
    "percent_of_remainder" -> Part.PercentOfRemainder(BigDecimal(j["percent"]!!.str))
    "fraction" -> Part.Fraction(j["numerator"]!!.int.toUInt(), j["denominator"]!!.int.toUInt())
    "fixed" -> Part.Fixed(BigDecimal(j["amount"]!!.str))
    "balance" -> Part.Balance
    else -> error("unknown part type `$type`")
}

private fun splitOptions(j: Json?): SplitOptions {
    val rounding = j?.get("rounding")
    return SplitOptions(
        rounding = Rounding(
            mode = rounding?.get("mode")?.let { enumTag(RoundingMode.values(), it.str) } ?: RoundingMode.HALF_UP,
            increment = rounding?.get("increment")?.let { BigDecimal(it.str) },
        ),
        residual = j?.get("residual")?.let { enumTag(ResidualPolicy.values(), it.str) } ?: ResidualPolicy.LAST,
        allowNegative = j?.get("allow_negative")?.bool ?: false,
    )
}

fun scheduleOptions(j: Json?): ScheduleOptions = ScheduleOptions(
    calendar = j?.get("calendar")?.let(::calendar),
    cashIncrement = j?.get("cash_increment")?.let { BigDecimal(it.str) },
    allowNegative = j?.get("allow_negative")?.bool ?: false,
)

private fun termsOf(case: Json): Terms {
    val notation = case["notation"]
    val stored = case["terms"]
    require((notation == null) != (stored == null)) { "a case gives exactly one of `notation` and `terms`" }
    return if (notation != null) parseTerms(notation.str) else termsFromJson(stored!!.raw)
}

/** Runs the case; returns normally when it passes. */
fun runFixture(case: Json) {
    val error = case["error"]
    val expect = case["expect"]
    require((error == null) != (expect == null)) { "a case has exactly one of `expect` and `error`" }
    val run: () -> Any = when (val kind = case["kind"]!!.str) {
        "schedule" -> { ->
            schedule(
                termsOf(case), LocalDate.parse(case["base_date"]!!.str), BigDecimal(case["amount"]!!.str),
                case["currency"]!!.str, scheduleOptions(case["options"]),
            )
        }
        "split" -> { ->
            split(BigDecimal(case["total"]!!.str), case["currency"]!!.str, case["parts"]!!.list.map(::part),
                splitOptions(case["options"]))
        }
        "notation" -> { -> parseTerms(case["input"]!!.str) }
        "roll" -> { ->
            rollDate(calendar(case["calendar"] ?: Json.Obj(mapOf(), "{}")), LocalDate.parse(case["date"]!!.str),
                enumTag(Roll.values(), case["roll"]!!.str))
        }
        else -> error("unknown fixture kind `$kind`")
    }

    if (error != null) {
        val want = error["kind"]!!.str
        try {
            val got = run()
            throw AssertionError("expected error `$want`, got $got")
        } catch (e: ArCoreException) {
            eq(kindAndDetail(e).first, want, "error kind")
        }
        return
    }

    when (val result = run()) {
        is Schedule -> {
            val want = expect!!["installments"]!!.list
            eq(result.installments.size, want.size, "installments")
            for ((i, pair) in result.installments.zip(want).withIndex()) {
                val (got, w) = pair
                eq(got.dueDate.toString(), w["due_date"]!!.str, "installment $i due_date")
                eq(got.amount.toPlainString(), w["amount"]!!.str, "installment $i amount")
                val wantDiscounts = w["discounts"]?.list ?: listOf()
                eq(got.discounts.size, wantDiscounts.size, "installment $i discounts")
                for ((d, wd) in got.discounts.zip(wantDiscounts)) {
                    eq(d.deadline.toString(), wd["deadline"]!!.str, "installment $i deadline")
                    eq(d.discount.toPlainString(), wd["discount"]!!.str, "installment $i discount")
                    eq(d.amountDue.toPlainString(), wd["amount_due"]!!.str, "installment $i amount_due")
                }
            }
            // installments always sum to the total
            eq(result.installments.fold(BigDecimal.ZERO) { a, i -> a + i.amount }.compareTo(result.total), 0, "sum")
        }
        is Terms -> {
            eq(printTerms(result), expect!!["printed"]!!.str, "printed")
            expect["terms"]?.let { eq(result, termsFromJson(it.raw), "terms") }
        }
        is LocalDate -> eq(result.toString(), (expect as Json.Str).value, "rolled date")
        is List<*> -> eq(result.map { (it as BigDecimal).toPlainString() }, expect!!.list.map { it.str }, "parts")
        else -> error("unexpected result $result")
    }
}
