// Tests of the uniffi surface on the JVM: the same generated Kotlin an Android app uses,
// against the real libar_core_ffi.so. Expected values are worked out by hand in the comments
// (or come from the shared fixtures), never copied from the engine's output.
//
// Usage: java -Djna.library.path=<dir of libar_core_ffi.so> -cp ... MainKt <fixtures dir>
// (its terms/, ledger/, discounts/, plans/ and interest/ folders are run)
// Prints "N passed, 0 failed" and exits non-zero on any failure.

import arcore.*
import java.io.File
import java.math.BigDecimal
import java.time.LocalDate
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import kotlin.system.exitProcess

var passed = 0
var failed = 0

fun test(name: String, body: () -> Unit) {
    try {
        body()
        passed++
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: $e")
    }
}

fun eq(actual: Any?, expected: Any?, what: String = "") {
    if (actual != expected) throw AssertionError("$what expected <$expected> but was <$actual>")
}

/** Runs [body], which must throw ArCoreException of case [case] with [kind]. */
inline fun <reified T : ArCoreException> throws(kind: String, detail: String? = null, body: () -> Unit) {
    try {
        body()
    } catch (e: ArCoreException) {
        if (e !is T) throw AssertionError("expected ${T::class.simpleName}, got $e")
        val (k, d) = kindAndDetail(e)
        eq(k, kind, "kind")
        if (detail != null) eq(d, detail, "detail")
        return
    }
    throw AssertionError("expected ${T::class.simpleName} `$kind`, nothing was thrown")
}

fun kindAndDetail(e: ArCoreException): Pair<String, String> = when (e) {
    is ArCoreException.Money -> e.kind to e.detail
    is ArCoreException.Allocation -> e.kind to e.detail
    is ArCoreException.Calendar -> e.kind to e.detail
    is ArCoreException.Terms -> e.kind to e.detail
    is ArCoreException.Notation -> e.kind to e.detail
    is ArCoreException.Fx -> e.kind to e.detail
    is ArCoreException.Document -> e.kind to e.detail
    is ArCoreException.Ledger -> e.kind to e.detail
    is ArCoreException.Statement -> e.kind to e.detail
    is ArCoreException.Discount -> e.kind to e.detail
    is ArCoreException.Plan -> e.kind to e.detail
    is ArCoreException.Interest -> e.kind to e.detail
    is ArCoreException.Fee -> e.kind to e.detail
}

fun dec(s: String) = BigDecimal(s)
fun date(s: String): LocalDate = LocalDate.parse(s)
fun plain(xs: List<BigDecimal>) = xs.map { it.toPlainString() }

val WEEKENDS = BusinessCalendar(weekend = listOf(Weekday.SAT, Weekday.SUN))
val HALF_UP = Rounding(mode = RoundingMode.HALF_UP)
val SPLIT_DEFAULTS = SplitOptions(rounding = HALF_UP, residual = ResidualPolicy.LAST)
val NO_OPTIONS = ScheduleOptions()

fun terms(vararg lines: TermLine, roll: Roll = Roll.NONE, rounding: RoundingMode = RoundingMode.HALF_UP) =
    Terms(lines.toList(), rounding, ResidualPolicy.LAST, roll, DateBasis.DOCUMENT)

fun thirds() = List(3) { Part.Fraction(1u, 3u) }

fun main(args: Array<String>) {
    val root = File(args.getOrElse(0) { "../fixtures" })
    val fixtures = File(root, "terms")
    val ledgerFixtures = File(root, "ledger")

    // ---- money -------------------------------------------------------------------------
    test("currencyInfo") {
        eq(currencyInfo("EUR"), CurrencyInfo("EUR", "Euro", 2u))
        eq(currencyInfo("jpy").minorUnits, 0u)
        eq(currencyInfo(" kwd ").code, "KWD")
        eq(currencyInfo("KWD").minorUnits, 3u)
        eq(currencyInfo("XAU").minorUnits, null) // gold has no minor unit
    }
    test("unknown currency XYZ") {
        throws<ArCoreException.Money>("unknown_currency", "unknown currency `XYZ`") { currencyInfo("XYZ") }
        throws<ArCoreException.Money>("unknown_currency") { roundMoney(dec("1"), "XYZ", HALF_UP) }
        throws<ArCoreException.Money>("unknown_currency") {
            schedule(parseTerms("Net 30"), date("2024-01-15"), dec("10.00"), "XYZ", NO_OPTIONS)
        }
    }
    test("roundMoney modes") {
        // 2.345: half up -> 2.35, half even -> 2.34 (4 is even); -2.345 half up -> -2.35
        eq(roundMoney(dec("2.345"), "EUR", HALF_UP).toPlainString(), "2.35")
        eq(roundMoney(dec("-2.345"), "EUR", HALF_UP).toPlainString(), "-2.35")
        eq(roundMoney(dec("2.345"), "EUR", Rounding(RoundingMode.HALF_EVEN)).toPlainString(), "2.34")
        eq(roundMoney(dec("2.349"), "EUR", Rounding(RoundingMode.DOWN)).toPlainString(), "2.34")
        eq(roundMoney(dec("2.341"), "EUR", Rounding(RoundingMode.UP)).toPlainString(), "2.35")
        // results carry the currency's scale: 7 EUR -> 7.00; KWD has 3 places; JPY none
        eq(roundMoney(dec("7"), "EUR", HALF_UP).toPlainString(), "7.00")
        eq(roundMoney(dec("1.2345"), "KWD", HALF_UP).toPlainString(), "1.235")
        eq(roundMoney(dec("1000.5"), "JPY", Rounding(RoundingMode.HALF_EVEN)).toPlainString(), "1000")
        // CHF cash rounding to 0.05: 10.03 -> 10.05, 10.02 -> 10.00
        eq(roundMoney(dec("10.03"), "CHF", Rounding(RoundingMode.HALF_UP, dec("0.05"))).toPlainString(), "10.05")
        eq(roundMoney(dec("10.02"), "CHF", Rounding(RoundingMode.HALF_UP, dec("0.05"))).toPlainString(), "10.00")
    }
    test("roundMoney errors") {
        throws<ArCoreException.Money>("invalid_increment", "rounding increment `0` must be greater than zero") {
            roundMoney(dec("1"), "CHF", Rounding(RoundingMode.HALF_UP, dec("0")))
        }
        throws<ArCoreException.Money>("no_minor_unit") { roundMoney(dec("1"), "XAU", HALF_UP) }
    }
    test("unrepresentable BigDecimal is a typed error, not a crash") {
        // rust_decimal holds 28-29 significant digits; 10^40 does not fit
        throws<ArCoreException.Money>("overflow") { roundMoney(dec("1E+40"), "EUR", HALF_UP) }
        throws<ArCoreException.Money>("overflow") { split(dec("1E+40"), "EUR", thirds(), SPLIT_DEFAULTS) }
    }

    // ---- allocation --------------------------------------------------------------------
    test("5.47 EUR in thirds") {
        // 5.47 / 3 = 1.8233.. -> 1.82, 1.82, and the last takes the residual: 5.47 - 3.64 = 1.83
        val parts = split(dec("5.47"), "EUR", thirds(), SPLIT_DEFAULTS)
        eq(plain(parts), listOf("1.82", "1.82", "1.83"))
        eq(parts.fold(BigDecimal.ZERO, BigDecimal::add).toPlainString(), "5.47")
    }
    test("1000 JPY in thirds") {
        // JPY has no minor units: 333.33.. -> 333, 333, last 1000 - 666 = 334; no ".00"
        val parts = split(dec("1000"), "JPY", thirds(), SPLIT_DEFAULTS)
        eq(plain(parts), listOf("333", "333", "334"))
        parts.forEach { eq(it.scale(), 0, "scale") }
    }
    test("split policies and portions") {
        // largest remainder: 10.00/3 = 3.333..; the one spare cent goes to the first (ties -> earlier)
        eq(plain(split(dec("10.00"), "EUR", thirds(), SPLIT_DEFAULTS.copy(residual = ResidualPolicy.LARGEST_REMAINDER))),
            listOf("3.34", "3.33", "3.33"))
        // residual first: 5.47 -> 1.83, 1.82, 1.82
        eq(plain(split(dec("5.47"), "EUR", thirds(), SPLIT_DEFAULTS.copy(residual = ResidualPolicy.FIRST))),
            listOf("1.83", "1.82", "1.82"))
        // Tryton: 40 % of 100 = 40; 50 % of the remaining 60 = 30; balance 30
        eq(plain(split(dec("100.00"), "EUR",
            listOf(Part.Percent(dec("40")), Part.PercentOfRemainder(dec("50")), Part.Balance), SPLIT_DEFAULTS)),
            listOf("40.00", "30.00", "30.00"))
        // a fixed part follows the sign of a credit note
        eq(plain(split(dec("-300.00"), "EUR", listOf(Part.Fixed(dec("100.00")), Part.Balance), SPLIT_DEFAULTS)),
            listOf("-100.00", "-200.00"))
        // opting in to a negative part: 100 = 150 + (-50)
        eq(plain(split(dec("100"), "EUR", listOf(Part.Fixed(dec("150")), Part.Balance), SPLIT_DEFAULTS.copy(allowNegative = true))),
            listOf("150.00", "-50.00"))
    }
    test("split errors") {
        throws<ArCoreException.Allocation>("no_parts") { split(dec("1"), "EUR", listOf(), SPLIT_DEFAULTS) }
        throws<ArCoreException.Allocation>("parts_do_not_cover") {
            split(dec("1"), "EUR", listOf(Part.Percent(dec("50"))), SPLIT_DEFAULTS)
        }
        throws<ArCoreException.Allocation>("negative_part") {
            split(dec("100"), "EUR", listOf(Part.Fixed(dec("150")), Part.Balance), SPLIT_DEFAULTS)
        }
        throws<ArCoreException.Allocation>("amount_not_rounded") { split(dec("1.005"), "EUR", listOf(Part.Balance), SPLIT_DEFAULTS) }
        throws<ArCoreException.Allocation>("invalid_fraction") { split(dec("1"), "EUR", listOf(Part.Fraction(1u, 0u)), SPLIT_DEFAULTS) }
        throws<ArCoreException.Allocation>("balance_not_last") {
            split(dec("1"), "EUR", listOf(Part.Balance, Part.Percent(dec("1"))), SPLIT_DEFAULTS)
        }
    }

    // ---- calendar ----------------------------------------------------------------------
    test("business days") {
        // 15 Jun 2024 is a Saturday; 25 Dec 2024 a Wednesday holiday; 24 Dec a Tuesday
        val xmas = BusinessCalendar(listOf(Weekday.SAT, Weekday.SUN), listOf(date("2024-12-25"), date("2024-12-26")))
        eq(isBusinessDay(WEEKENDS, date("2024-06-15")), false)
        eq(isBusinessDay(xmas, date("2024-12-25")), false)
        eq(isBusinessDay(xmas, date("2024-12-24")), true)
        // a Friday-Saturday weekend
        eq(isBusinessDay(BusinessCalendar(listOf(Weekday.FRI, Weekday.SAT)), date("2024-06-16")), true)
    }
    test("Saturday rolled following is Monday") {
        eq(rollDate(WEEKENDS, date("2024-06-15"), Roll.FOLLOWING), date("2024-06-17"))
        eq(rollDate(WEEKENDS, date("2024-06-15"), Roll.PRECEDING), date("2024-06-14"))
        eq(rollDate(WEEKENDS, date("2024-06-15"), Roll.NONE), date("2024-06-15"))
        // Sat 30 Nov 2024: following leaves the month, so modified following goes back to Fri 29
        eq(rollDate(WEEKENDS, date("2024-11-30"), Roll.MODIFIED_FOLLOWING), date("2024-11-29"))
        // Christmas Wed 25 + Thu 26 off: following is Fri 27
        val xmas = BusinessCalendar(listOf(Weekday.SAT, Weekday.SUN), listOf(date("2024-12-26"), date("2024-12-25")))
        eq(rollDate(xmas, date("2024-12-25"), Roll.FOLLOWING), date("2024-12-27"))
    }
    test("calendar errors") {
        throws<ArCoreException.Calendar>("no_business_days",
            "the calendar has no business days: all seven weekdays are weekend days") {
            rollDate(BusinessCalendar(Weekday.values().toList()), date("2024-01-01"), Roll.FOLLOWING)
        }
        // LocalDate reaches years chrono cannot hold: a typed error, not a crash
        throws<ArCoreException.Calendar>("date_out_of_range") { isBusinessDay(WEEKENDS, LocalDate.of(300000, 1, 1)) }
    }

    // ---- terms: schedules --------------------------------------------------------------
    test("11 Jun 2020 + 1 month, end of month = 31 Jul 2020") {
        val t = terms(TermLine(Part.Balance, listOf(DateStep.Months(1), DateStep.EndOfMonth)))
        val s = schedule(t, date("2020-06-11"), dec("100.00"), "EUR", NO_OPTIONS)
        eq(s.installments.single().dueDate, date("2020-07-31"))
        eq(s.installments.single().amount.toPlainString(), "100.00")
        eq(s.currency, "EUR")
        eq(s.total.toPlainString(), "100.00")
    }
    test("months from the anchor never drift") {
        // 31 Jan 2024 + 1 month = 29 Feb (leap year); + 2 months = 31 Mar (not 29 Mar)
        val t = terms(
            TermLine(Part.Percent(dec("50")), listOf(DateStep.Months(1))),
            TermLine(Part.Balance, listOf(DateStep.Months(2))),
        )
        val s = schedule(t, date("2024-01-31"), dec("100.00"), "EUR", NO_OPTIONS)
        eq(s.installments.map { it.dueDate }, listOf(date("2024-02-29"), date("2024-03-31")))
        eq(s.installments.map { it.amount.toPlainString() }, listOf("50.00", "50.00"))
    }
    test("proximo with cutoff rolls an invoice after the cutoff one month further") {
        // 10th proximo, cutoff 25: 25 Mar -> 10 Apr; 26 Mar (after the cutoff) -> 10 May
        val t = terms(TermLine(Part.Balance, listOf(DateStep.Proximo(10.toUByte(), 25.toByte()))))
        eq(schedule(t, date("2024-03-25"), dec("10.00"), "EUR", NO_OPTIONS).installments[0].dueDate, date("2024-04-10"))
        eq(schedule(t, date("2024-03-26"), dec("10.00"), "EUR", NO_OPTIONS).installments[0].dueDate, date("2024-05-10"))
        // December rolls into the next year: 21 Dec after cutoff 20 -> 10 Feb
        val t20 = terms(TermLine(Part.Balance, listOf(DateStep.Proximo(10.toUByte(), 20.toByte()))))
        eq(schedule(t20, date("2024-12-21"), dec("10.00"), "EUR", NO_OPTIONS).installments[0].dueDate, date("2025-02-10"))
    }
    test("proximo from the notation") {
        val t = parseTerms("10th Prox cutoff 25")
        eq(t.lines.single().due, listOf<DateStep>(DateStep.Proximo(10.toUByte(), 25.toByte())))
        eq(schedule(t, date("2024-03-26"), dec("10.00"), "EUR", NO_OPTIONS).installments[0].dueDate, date("2024-05-10"))
    }
    test("due date on a Saturday rolls following to Monday") {
        // Net 30 from Thu 16 May 2024 = Sat 15 Jun -> Mon 17 Jun
        val t = terms(TermLine(Part.Balance, listOf(DateStep.Days(30))), roll = Roll.FOLLOWING)
        val i = schedule(t, date("2024-05-16"), dec("10.00"), "EUR", ScheduleOptions(calendar = WEEKENDS)).installments[0]
        eq(i.dueDate, date("2024-06-17"))
        eq(i.reason.isNotEmpty(), true)
    }
    test("2/10 Net 30 discount offer") {
        // 2 % of 1234.56 = 24.6912 -> 24.69; 1234.56 - 24.69 = 1209.87; deadline 15 Jan + 10 = 25 Jan
        val t = parseTerms("2/10 Net 30")
        val i = schedule(t, date("2024-01-15"), dec("1234.56"), "USD", NO_OPTIONS).installments.single()
        eq(i.dueDate, date("2024-02-14"))
        eq(i.discounts, listOf(DiscountOffer(date("2024-01-25"), dec("24.69"), dec("1209.87"))))
    }
    test("1/10 EOM Net 30 schedule") {
        // EOM dating: from 15 Jan 2024, end of month 31 Jan; discount until 31 Jan + 10 = 10 Feb,
        // net due 31 Jan + 30 = 1 Mar 2024; 1 % of 1000.00 = 10.00
        val i = schedule(parseTerms("1/10 EOM Net 30"), date("2024-01-15"), dec("1000.00"), "EUR", NO_OPTIONS).installments.single()
        eq(i.dueDate, date("2024-03-01"))
        eq(i.discounts.single().deadline, date("2024-02-10"))
        eq(i.discounts.single().discount.toPlainString(), "10.00")
        eq(i.discounts.single().amountDue.toPlainString(), "990.00")
    }
    test("30/60/90 with CHF cash rounding") {
        // 100.00 / 3 = 33.333.. -> nearest 0.05 is 33.35 twice; the last takes 100 - 66.70 = 33.30
        val s = schedule(parseTerms("30/60/90"), date("2024-01-01"), dec("100.00"), "CHF",
            ScheduleOptions(cashIncrement = dec("0.05")))
        eq(s.installments.map { it.amount.toPlainString() }, listOf("33.35", "33.35", "33.30"))
        eq(s.installments.map { it.dueDate }, listOf(date("2024-01-31"), date("2024-03-01"), date("2024-03-31")))
    }
    test("discount deadline after the due date is an error") {
        // Net 10 with 2 % within 20 days: deadline 21 Jan is after the due date 11 Jan
        val t = terms(TermLine(Part.Balance, listOf(DateStep.Days(10)),
            listOf(DiscountTier(DiscountValue.Percent(dec("2")), listOf(DateStep.Days(20))))))
        throws<ArCoreException.Terms>("discount_after_due_date",
            "discount deadline `2024-01-21` of line 0 is after its due date `2024-01-11`") {
            schedule(t, date("2024-01-01"), dec("100"), "EUR", NO_OPTIONS)
        }
    }
    test("other schedule errors") {
        throws<ArCoreException.Terms>("no_lines", "payment terms need at least one line") {
            schedule(terms(), date("2024-01-01"), dec("100"), "EUR", NO_OPTIONS)
        }
        throws<ArCoreException.Terms>("invalid_month") {
            schedule(terms(TermLine(Part.Balance, listOf(DateStep.Month(13.toUByte())))), date("2024-01-01"), dec("1"), "EUR", NO_OPTIONS)
        }
        // an amount finer than the currency's unit is the allocation's error
        throws<ArCoreException.Allocation>("amount_not_rounded") {
            schedule(parseTerms("Net 30"), date("2024-01-01"), dec("1.005"), "EUR", NO_OPTIONS)
        }
    }

    // ---- notation and JSON ---------------------------------------------------------------
    test("1/10 EOM Net 30 parses and prints back") {
        val t = parseTerms("1/10 EOM Net 30")
        eq(printTerms(t), "1/10 EOM Net 30")
        val line = t.lines.single()
        eq(line.portion, Part.Balance)
        eq(line.due, listOf(DateStep.EndOfMonth, DateStep.Days(30)))
        eq(line.discounts, listOf(DiscountTier(DiscountValue.Percent(dec("1")), listOf(DateStep.EndOfMonth, DateStep.Days(10)))))
    }
    test("canonical notations round-trip") {
        for (s in listOf("Net 30", "Due on receipt", "2/10 Net 30", "Net 30 EOM", "10th Prox", "30/60/90")) {
            eq(printTerms(parseTerms(s)), s, s)
        }
    }
    test("Net -5 is a parse error") {
        throws<ArCoreException.Notation>("parse_error") { parseTerms("Net -5") }
    }
    test("terms JSON round trip") {
        // the stored shape of docs/json.md: decimals as strings, every option written
        val json = """{"lines":[{"portion":{"type":"balance"},"due":[{"type":"days","days":30}],""" +
            """"discounts":[{"value":{"type":"percent","percent":"2"},"deadline":[{"type":"days","days":10}]}]}],""" +
            """"rounding":"half_up","residual":"last","roll":"none","basis":"document"}"""
        val t = termsFromJson(json)
        eq(t, parseTerms("2/10 Net 30"))
        eq(termsToJson(t), json)
        // options default when absent
        eq(termsFromJson("""{"lines":[{"portion":{"type":"balance"}}]}"""),
            terms(TermLine(Part.Balance, listOf())))
    }
    test("bad terms JSON is a typed error") {
        throws<ArCoreException.Terms>("invalid_json") { termsFromJson("{") }
        // a decimal as a JSON number would go through a float: refused
        throws<ArCoreException.Terms>("invalid_json") {
            termsFromJson("""{"lines":[{"portion":{"type":"percent","percent":30}}]}""")
        }
    }

    // ---- threads: the exported functions are safe to call concurrently -------------------
    test("concurrent calls agree") {
        val t = parseTerms("2/10 Net 30")
        val expected = schedule(t, date("2024-01-15"), dec("1234.56"), "USD", NO_OPTIONS)
        val pool = Executors.newFixedThreadPool(4)
        try {
            val results = pool.invokeAll(List(200) { Callable { schedule(t, date("2024-01-15"), dec("1234.56"), "USD", NO_OPTIONS) } })
            results.forEach { eq(it.get(), expected) }
        } finally {
            pool.shutdown()
        }
    }

    // ---- the ledger (Ledger.kt) -----------------------------------------------------------
    ledgerTests()

    // ---- discounts, plans, interest and fees (LatePayment.kt) ------------------------------
    latePaymentTests()

    // ---- the shared fixtures -------------------------------------------------------------
    val files = fixtures.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: listOf()
    println("fixtures: ${files.size} in $fixtures")
    for (file in files) test("fixture ${file.name}") { runFixture(Json.parse(file.readText())) }
    val ledgerFiles = ledgerFixtures.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: listOf()
    println("ledger fixtures: ${ledgerFiles.size} in $ledgerFixtures")
    if (ledgerFiles.isEmpty()) test("ledger fixtures exist") { throw AssertionError("no ledger fixtures in $ledgerFixtures") }
    for (file in ledgerFiles) {
        test("ledger fixture ${file.name}") {
            val case = Json.parse(file.readText())
            eq(case["name"]?.str, file.name.removeSuffix(".json"), "case name")
            runLedgerFixture(case)
        }
    }

    // fixtures/discounts, fixtures/plans, fixtures/interest: one call per case (CallFixtures.kt)
    for (folder in listOf("discounts", "plans", "interest")) {
        val dir = File(root, folder)
        val cases = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: listOf()
        println("$folder fixtures: ${cases.size} in $dir")
        if (cases.isEmpty()) test("$folder fixtures exist") { throw AssertionError("no fixtures in $dir") }
        for (file in cases) {
            test("$folder fixture ${file.name}") {
                val case = Json.parse(file.readText())
                eq(case["name"]?.str, file.name.removeSuffix(".json"), "case name")
                runCallFixture(case)
            }
        }
    }

    println("$passed passed, $failed failed")
    if (failed > 0) exitProcess(1)
}
