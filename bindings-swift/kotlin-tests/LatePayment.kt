// Tests of early-payment discounts, installment plans, late-payment interest and late fees on
// the JVM. Expected values are worked out by hand in the comments, never copied from the engine.

import arcore.*
import java.math.BigDecimal

fun sumOf(xs: List<BigDecimal>) = xs.fold(BigDecimal.ZERO, BigDecimal::add).toPlainString()

/** An account of ACME in EUR with one invoice of [amount] issued and due on [due]. */
fun accountWithInvoice(amount: String, due: String, config: AccountConfig = ACME): Account {
    val account = Account(config)
    account.apply(issued(Document("INV-1", DocumentKind.INVOICE, config.customer, date(due), config.currency, dec(amount),
        listOf(ScheduledItem(date(due), dec(amount))))))
    return account
}

val MONTHLY_3_FROM_31_JAN = DueDates.Periodic(Frequency.MONTHLY, date("2024-01-31"), 3u)
val SIMPLE_ACT365 = InterestMethod(DayCount.ACTUAL365_FIXED, Compounding.NONE, RoundingMode.HALF_UP)

fun latePaymentTests() {
    // ---- early-payment discounts -------------------------------------------------------
    test("done when: 2/10 net 30 costs 37.24 % a year, simple, on a 365-day year") {
        // d = 2 %: 0.02 / 0.98 * 365 / (30 - 10) = 7.3 / 19.6 = 0.37244897959... -> 37.24 %
        val c = annualizedCost(dec("2"), 10u, 30u, YearBasis.DAYS365)
        eq(c.simplePercent.toPlainString(), "37.24")
        eq(c.simpleRate.toPlainString(), "0.3724489796")
        eq(c.year, YearBasis.DAYS365)
        // compounded: (1 / 0.98)^(365 / 20) - 1 = 0.44585... -> 44.59 %
        eq(c.compoundedPercent.toPlainString(), "44.59")
        // on 360 days: 0.02 / 0.98 * 18 = 0.367346... -> 36.73 %
        eq(annualizedCost(dec("2"), 10u, 30u, YearBasis.DAYS360).simplePercent.toPlainString(), "36.73")
    }
    test("annualized cost errors") {
        throws<ArCoreException.Discount>("invalid_discount_period",
            "a discount period of 30 days must be shorter than the net period of 30 days") {
            annualizedCost(dec("2"), 30u, 30u, YearBasis.DAYS365)
        }
        throws<ArCoreException.Discount>("invalid_discount_percent", "discount percent `100` is out of range 0..100") {
            annualizedCost(dec("100"), 10u, 30u, YearBasis.DAYS365)
        }
    }
    test("early payment amounts in the three tax-base modes") {
        // 1000.00 net, VAT 21 % = 210.00, 2 % discount
        val amount = TaxedAmount(dec("1000.00"), listOf(TaxPortion(dec("21"), dec("1000.00"))))
        fun due(base: DiscountBase) = earlyPaymentAmounts(amount, "EUR", dec("2"), base, RoundingMode.HALF_UP,
            DiscountRounding.DISCOUNT).let { listOf(it.tax, it.discount, it.dueEarly, it.dueLate).map { d -> d.toPlainString() } }
        // gross: 2 % of 1210.00 = 24.20; early 1185.80
        eq(due(DiscountBase.GROSS), listOf("210.00", "24.20", "1185.80", "1210.00"))
        // net: 2 % of 1000.00 = 20.00; early 1190.00, the tax not discounted
        eq(due(DiscountBase.NET), listOf("210.00", "20.00", "1190.00", "1210.00"))
        // mixed: tax on 980.00 = 205.80, gross 1205.80; early 1205.80 - 20.00 = 1185.80
        eq(due(DiscountBase.MIXED), listOf("205.80", "20.00", "1185.80", "1205.80"))
    }
    test("discount rounding: a half-cent tie") {
        // 2 % of 100.25 = 2.005: round the discount half up -> 2.01 (98.24 due); round the
        // amount due 98.245 half up -> 98.25, the discount is the rest, 2.00
        val amount = TaxedAmount(dec("100.25"))
        fun off(r: DiscountRounding) = earlyPaymentAmounts(amount, "EUR", dec("2"), DiscountBase.GROSS, RoundingMode.HALF_UP, r)
        eq(off(DiscountRounding.DISCOUNT).discount.toPlainString(), "2.01")
        eq(off(DiscountRounding.AMOUNT_DUE).discount.toPlainString(), "2.00")
        eq(off(DiscountRounding.AMOUNT_DUE).dueEarly.toPlainString(), "98.25")
        throws<ArCoreException.Discount>("invalid_discount_percent") {
            earlyPaymentAmounts(amount, "EUR", dec("101"), DiscountBase.GROSS, RoundingMode.HALF_UP, DiscountRounding.DISCOUNT)
        }
        throws<ArCoreException.Allocation>("amount_not_rounded") {
            earlyPaymentAmounts(TaxedAmount(dec("1.005")), "EUR", dec("2"), DiscountBase.GROSS, RoundingMode.HALF_UP,
                DiscountRounding.DISCOUNT)
        }
    }
    test("the discount a payment date earns, inclusive deadline") {
        // 2/10 Net 30 on 1234.56 from 15 Jan: 24.69 off until 25 Jan (inclusive)
        val item = schedule(parseTerms("2/10 Net 30"), date("2024-01-15"), dec("1234.56"), "USD", NO_OPTIONS).installments.single()
        val onTime = earnedDiscount(item.amount, item.discounts, date("2024-01-25"))
        eq(onTime.tier, 0u)
        eq(onTime.deadline, date("2024-01-25"))
        eq(onTime.amountDue.toPlainString(), "1209.87")
        val late = earnedDiscount(item.amount, item.discounts, date("2024-01-26"))
        eq(late.tier, null)
        eq(late.discount.toPlainString(), "0.00")
        eq(late.amountDue.toPlainString(), "1234.56")
        eq(bestOffer(item.discounts, date("2024-01-25"))?.offer, item.discounts[0])
        eq(bestOffer(item.discounts, date("2024-01-26")), null)
        // an offer whose amount due is not amount - discount
        throws<ArCoreException.Discount>("inconsistent_offer") {
            earnedDiscount(dec("100.00"), listOf(DiscountOffer(date("2024-01-25"), dec("2.00"), dec("97.00"))), date("2024-01-01"))
        }
    }
    test("documentEarnedDiscount sums the installments") {
        // 100.00 on 2/10 Net 30 from 15 Jan: 98.00 settles on 25 Jan
        val doc = issueSimple(simple(DocumentKind.INVOICE, "INV-9", "2024-01-15", "100.00", parseTerms("2/10 Net 30")))
        val all = documentEarnedDiscount(doc, date("2024-01-25"))
        eq(all.installments.size, 1)
        eq(all.discount.toPlainString(), "2.00")
        eq(all.amountDue.toPlainString(), "98.00")
    }
    test("pro-rata discount on a partial payment, and what is left available") {
        // textbook: 1000.00 at 2/10 n/30, 400.00 paid in the window: 20.00 x 400 / 980 = 8.163 -> 8.16,
        // 591.84 open; then 20.00 x 591.84 / 1000.00 = 11.8368 -> 11.84 still available, 580.00 closes
        val p = proRataDiscount(dec("1000.00"), dec("20.00"), dec("400.00"), "USD", RoundingMode.HALF_UP)
        eq(listOf(p.amount, p.discount, p.residual, p.unused).map { it.toPlainString() }, listOf("400.00", "8.16", "591.84", "0.00"))
        eq(availableDiscount(dec("1000.00"), dec("20.00"), dec("591.84"), "USD", RoundingMode.HALF_UP).toPlainString(), "11.84")
        val rest = proRataDiscount(dec("591.84"), dec("11.84"), dec("580.00"), "USD", RoundingMode.HALF_UP)
        eq(listOf(rest.discount, rest.residual).map { it.toPlainString() }, listOf("11.84", "0.00"))
        throws<ArCoreException.Discount>("discount_out_of_range") {
            proRataDiscount(dec("10.00"), dec("11.00"), dec("1.00"), "USD", RoundingMode.HALF_UP)
        }
    }
    test("the ledger under partialDiscount PRO_RATA") {
        // the same numbers through the account: 1000.00 on 2/10 Net 30 dated 1 Jan (offer until 11 Jan)
        val config = ACME.copy(partialDiscount = PartialDiscount.PRO_RATA)
        Account(config).use { account ->
            account.apply(issued(issueSimple(simple(DocumentKind.INVOICE, "INV-1", "2024-01-01", "1000.00", parseTerms("2/10 Net 30")))))
            val first = account.apply(payment("p1", "2024-01-05", "P-1", "400.00"))
            eq(first.allocations.single().discountTaken.toPlainString(), "8.16")
            eq(openOf(account), listOf("INV-1" to "591.84"))
            val second = account.apply(payment("p2", "2024-01-11", "P-2", "580.00"))
            eq(second.allocations.single().discountTaken.toPlainString(), "11.84")
            eq(openOf(account), listOf<Any>())
        }
    }
    test("dynamic discount at 12 % a year, 30 days early") {
        // 10000.00 x 12 % x 30 / 365 = 98.630... -> 98.63; on 360 days exactly 100.00
        val o = dynamicDiscount(dec("10000.00"), "USD", dec("12"), date("2024-03-01"), date("2024-03-31"), YearBasis.DAYS365, RoundingMode.HALF_UP)
        eq(o.daysEarly, 30u)
        eq(o.discount.toPlainString(), "98.63")
        eq(o.amountDue.toPlainString(), "9901.37")
        eq(o.capped, false)
        eq(dynamicDiscount(dec("10000.00"), "USD", dec("12"), date("2024-03-01"), date("2024-03-31"), YearBasis.DAYS360,
            RoundingMode.HALF_UP).discount.toPlainString(), "100.00")
        throws<ArCoreException.Discount>("invalid_annual_rate") {
            dynamicDiscount(dec("1.00"), "USD", dec("-1"), date("2024-03-01"), date("2024-03-31"), YearBasis.DAYS365, RoundingMode.HALF_UP)
        }
    }
    test("issueInvoice with the mixed discount base reduces the VAT") {
        // 1000.00 net, VAT 21 % on 1000.00 less 2 % = 205.80, gross 1205.80; offer 2 % of the net = 20.00
        val d = draft("INV-1", line("consulting", "1", "1000.00", "VAT21" to "21"), terms = parseTerms("2/10 Net 30"))
            .copy(discountBase = DiscountBase.MIXED)
        val r = issueInvoice(d)
        eq(r.totals.taxes, listOf(TaxTotal("VAT21", dec("21"), dec("1000.00"), dec("205.80"), dec("2"))))
        eq(r.document.total.toPlainString(), "1205.80")
        eq(r.document.installments.single().discounts.single().amountDue.toPlainString(), "1185.80")
        throws<ArCoreException.Discount>("mixed_needs_exclusive_tax", "the mixed discount base needs tax-exclusive prices") {
            issueInvoice(d.copy(taxMode = TaxMode.INCLUSIVE))
        }
    }

    // ---- installment plans ---------------------------------------------------------------
    test("done when: 1 000.00 in 3 monthly installments from 31 Jan 2024") {
        // 1000.00 / 3 = 333.33 (half up) x 3 = 999.99; the 0.01 residual goes to the first;
        // every date from the anchor 31 Jan: +1 month = 29 Feb (2024 is a leap year), +2 = 31 Mar
        val plan = installmentPlan(dec("1000.00"), "EUR", newPlanTerms(MONTHLY_3_FROM_31_JAN))
        eq(plan.installments.map { it.dueDate }, listOf(date("2024-01-31"), date("2024-02-29"), date("2024-03-31")))
        eq(plain(plan.installments.map { it.amount }), listOf("333.34", "333.33", "333.33"))
        eq(sumOf(plan.installments.map { it.amount }), "1000.00")
        eq(plan.total.toPlainString(), "1000.00")
        eq(plan.payment, null)
        eq(plan.installments.map { it.kind }.toSet(), setOf(InstallmentKind.REGULAR))
        eq(plain(plan.installments.map { it.balanceAfter }), listOf("666.66", "333.33", "0.00"))
    }
    test("plan terms: residual last, weights, a down payment, a roll") {
        val terms = newPlanTerms(MONTHLY_3_FROM_31_JAN)
        eq(terms.residual, ResidualPolicy.FIRST)
        eq(plain(installmentPlan(dec("1000.00"), "EUR", terms.copy(residual = ResidualPolicy.LAST)).installments.map { it.amount }),
            listOf("333.33", "333.33", "333.34"))
        // 10 % down = 100.00 on 15 Jan; 900.00 split 1:2:1 = 225.00, 450.00, 225.00
        val weighted = installmentPlan(dec("1000.00"), "EUR", terms.copy(
            weights = listOf(dec("1"), dec("2"), dec("1")),
            downPayment = DownPayment.Percent(dec("10"), date("2024-01-15"))))
        eq(plain(weighted.installments.map { it.amount }), listOf("100.00", "225.00", "450.00", "225.00"))
        eq(weighted.installments[0].kind, InstallmentKind.DOWN_PAYMENT)
        // 31 Mar 2024 is a Sunday: following -> Mon 1 Apr
        val rolled = installmentPlan(dec("30.00"), "EUR", terms.copy(roll = Roll.FOLLOWING, calendar = WEEKENDS))
        eq(rolled.installments.map { it.dueDate }, listOf(date("2024-01-31"), date("2024-02-29"), date("2024-04-01")))
    }
    test("amortized plan: 10 000.00 at 12 % over 12 months") {
        // r = 1 %; P = 10000 x 0.01 / (1 - 1.01^-12) = 888.4878... -> 888.49; first interest
        // 10000 x 1 % = 100.00, principal 788.49; the last pays what is left, 888.47
        val terms = AmortizedTerms(dec("12"), Frequency.MONTHLY, date("2024-02-01"), 12u, Roll.NONE)
        val plan = amortizedPlan(dec("10000.00"), "USD", terms)
        eq(plan.payment?.toPlainString(), "888.49")
        eq(plan.installments[0].interest.toPlainString(), "100.00")
        eq(plan.installments[0].principal.toPlainString(), "788.49")
        eq(plan.installments[11].amount.toPlainString(), "888.47")
        eq(plan.installments[11].balanceAfter.toPlainString(), "0.00")
        eq(sumOf(plan.installments.map { it.principal }), "10000.00")
        eq(buildPlan(PlanSpec.Amortized(terms), dec("10000.00"), "USD"), plan)
        throws<ArCoreException.Plan>("invalid_plan_rate") { amortizedPlan(dec("10.00"), "USD", terms.copy(annualRatePercent = dec("-1"))) }
    }
    test("plan status: in arrears, then defaulted") {
        val plan = installmentPlan(dec("1000.00"), "EUR", newPlanTerms(MONTHLY_3_FROM_31_JAN))
        val paid = listOf(PlanPayment(date("2024-01-31"), dec("333.34")), PlanPayment(date("2024-03-05"), dec("200.00")))
        val policy = DefaultPolicy(missedInstallments = 2u, daysPastDue = 60u)
        // 15 Mar: 29 Feb has 200.00 of 333.33 paid, 133.33 open, 15 days past due
        val s = planStatus(plan, paid, date("2024-03-15"), policy)
        eq(s.state, PlanState.IN_ARREARS)
        eq(s.overdue.toPlainString(), "133.33")
        eq(s.daysPastDue, 15u)
        eq(s.oldestUnpaidDueDate, date("2024-02-29"))
        eq(s.installments.map { it.state }, listOf(InstallmentState.PAID, InstallmentState.OVERDUE, InstallmentState.UPCOMING))
        // 1 Apr: 29 Feb and 31 Mar are both missed -> defaulted that day; 133.33 + 333.33 due
        val d = planStatus(plan, paid, date("2024-04-01"), policy)
        eq(d.state, PlanState.DEFAULTED)
        eq(d.defaultDate, date("2024-04-01"))
        eq(d.amountDue.toPlainString(), "466.66")
        eq(planStatus(plan, paid, date("2024-03-15"), DefaultPolicy()).defaultDate, null)
    }
    test("plan errors are typed") {
        throws<ArCoreException.Plan>("invalid_installment_count", "installment count `0` is out of range 1..=10000") {
            installmentPlan(dec("10.00"), "EUR", newPlanTerms(DueDates.Periodic(Frequency.MONTHLY, date("2024-01-31"), 0u)))
        }
        throws<ArCoreException.Plan>("invalid_plan_amount") { installmentPlan(dec("-1.00"), "EUR", newPlanTerms(MONTHLY_3_FROM_31_JAN)) }
        throws<ArCoreException.Allocation>("amount_not_rounded") {
            installmentPlan(dec("10.005"), "EUR", newPlanTerms(MONTHLY_3_FROM_31_JAN))
        }
        throws<ArCoreException.Plan>("plan_dates_not_increasing") {
            installmentPlan(dec("10.00"), "EUR", newPlanTerms(DueDates.Custom(listOf(date("2024-02-01"), date("2024-01-01")))))
        }
        val plan = installmentPlan(dec("90.00"), "EUR", newPlanTerms(MONTHLY_3_FROM_31_JAN))
        validatePlan(plan)
        throws<ArCoreException.Plan>("invalid_plan") { validatePlan(plan.copy(total = dec("91.00"))) }
        throws<ArCoreException.Plan>("invalid_default_policy") {
            planStatus(plan, listOf(), date("2024-02-01"), DefaultPolicy(missedInstallments = 0u))
        }
    }
    test("reschedule an account's overdue items into a plan") {
        // INV-1 900.00 due 10 Jan, overdue on 1 Mar: a credit note closes it, a debit note carries
        // 300.00 on 31 Mar, 30 Apr, 31 May; the balance stays 900.00
        accountWithInvoice("900.00", "2024-01-10").use { account ->
            val request = RescheduleRequest("PLAN-1", "RS-1", null,
                PlanSpec.Split(newPlanTerms(DueDates.Periodic(Frequency.MONTHLY, date("2024-03-31"), 3u))))
            val done = reschedule(account, date("2024-03-01"), request)
            eq(done.total.toPlainString(), "900.00")
            eq(done.items.map { it.document to it.daysPastDue }, listOf("INV-1" to 51u)) // 10 Jan -> 1 Mar: 21 + 29 + 1
            eq(done.creditNote.total.toPlainString(), "-900.00")
            eq(done.planDocument.kind, DocumentKind.DEBIT_NOTE)
            eq(done.planDocument.installments.map { it.dueDate },
                listOf(date("2024-03-31"), date("2024-04-30"), date("2024-05-31")))
            for (e in done.events) account.apply(e)
            eq(account.balance().toPlainString(), "900.00")
            eq(openOf(account), listOf("PLAN-1" to "300.00", "PLAN-1" to "300.00", "PLAN-1" to "300.00"))
            // the account now holds events of 1 Mar: rescheduling as of 29 Feb is refused
            throws<ArCoreException.Plan>("account_after_as_of") { reschedule(account, date("2024-02-29"), request) }
            // nothing is overdue any more
            throws<ArCoreException.Plan>("nothing_to_reschedule") {
                reschedule(account, date("2024-03-01"), request.copy(planDocument = "PLAN-2", creditNote = "RS-2"))
            }
        }
    }

    // ---- interest --------------------------------------------------------------------------
    test("day counts and exact year fractions") {
        // ISDA 4.16(e) Actual/360: 31 Jan -> 1 Mar 2024 = 30 days / 360 = 1/12
        eq(dayCountDays(DayCount.ACTUAL360, date("2024-01-31"), date("2024-03-01")), 30L)
        eq(yearFraction(DayCount.ACTUAL360, date("2024-01-31"), date("2024-03-01")), Fraction("1", "12"))
        // 30/360: D1 31 -> 30; 30 x (2 - 1) + (29 - 30) = 29 days, 29/360
        eq(dayCountDays(DayCount.THIRTY360, date("2024-01-31"), date("2024-02-29")), 29L)
        eq(yearFraction(DayCount.THIRTY360_E, date("2024-01-31"), date("2024-02-29")), Fraction("29", "360"))
        // Actual/Actual (ISDA): 15 Dec 2023 -> 15 Jan 2024 = 17/365 + 14/366 = 11332/133590 = 5666/66795
        eq(yearFraction(DayCount.ACTUAL_ACTUAL_ISDA, date("2023-12-15"), date("2024-01-15")), Fraction("5666", "66795"))
        throws<ArCoreException.Interest>("invalid_day_count_period",
            "day-count period from 2024-03-01 to 2024-01-31 ends before it starts") {
            yearFraction(DayCount.ACTUAL360, date("2024-03-01"), date("2024-01-31"))
        }
    }
    test("fractions cross as numerator and denominator") {
        // 300/73 = 4.10958...: 4.11 half up, 4.10 down; an unreduced fraction reads reduced
        eq(roundFraction(Fraction("300", "73"), 2u, RoundingMode.HALF_UP).toPlainString(), "4.11")
        eq(roundFraction(Fraction("600", "146"), 2u, RoundingMode.DOWN).toPlainString(), "4.10")
        throws<ArCoreException.Interest>("invalid_fraction_text",
            "invalid fraction `1/0`: expected `numerator/denominator` with a non-zero denominator") {
            roundFraction(Fraction("1", "0"), 2u, RoundingMode.HALF_UP)
        }
        throws<ArCoreException.Interest>("invalid_fraction_text") { roundFraction(Fraction("1.5", "2"), 2u, RoundingMode.HALF_UP) }
    }
    test("accrue: 1000.00 at 10 %, 400.00 paid on 15 Feb") {
        // 1 Feb..15 Feb: 1000 x 10 % x 15/365 = 300/73; 16 Feb..31 Mar: 600 x 10 % x 45/365 = 540/73;
        // total 840/73 = 11.5068... -> 11.51, shares 4.11 + 7.40 (largest remainders take the cents)
        val b = accrue(AccrualInput("EUR", dec("1000.00"), date("2024-01-31"), date("2024-03-31"),
            listOf(PrincipalChange(date("2024-02-15"), dec("400.00"), "payment P-1")), RateSource.Fixed(dec("10")), SIMPLE_ACT365))
        eq(b.totalExact, Fraction("840", "73"))
        eq(b.total.toPlainString(), "11.51")
        eq(b.periods.map { it.from to it.to }, listOf(date("2024-02-01") to date("2024-02-15"), date("2024-02-16") to date("2024-03-31")))
        eq(b.periods.map { it.days }, listOf(15L, 45L))
        eq(b.periods.map { it.yearFraction }, listOf(Fraction("3", "73"), Fraction("9", "73")))
        eq(plain(b.periods.map { it.interest }), listOf("4.11", "7.40"))
        eq(b.capitalised.signum(), 0)
    }
    test("accrue errors") {
        val input = AccrualInput("EUR", dec("1000.00"), date("2024-01-31"), date("2024-03-31"), listOf(),
            RateSource.Table(listOf(DatedInterestRate(date("2024-03-01"), dec("5")))), SIMPLE_ACT365)
        throws<ArCoreException.Interest>("missing_interest_rate") { accrue(input) }
        throws<ArCoreException.Interest>("negative_principal") { accrue(input.copy(principal = dec("-1.00"))) }
        throws<ArCoreException.Interest>("statutory_interest_is_simple") {
            accrue(input.copy(rates = euLatePaymentRates(listOf(DatedInterestRate(date("2023-01-01"), dec("4")))),
                method = SIMPLE_ACT365.copy(compounding = Compounding.MONTHLY)))
        }
    }
    test("statutory presets: EU rate by half-year, UK rate fixed for the delay") {
        // ECB MRO 4.50 from 20 Sep 2023, 4.25 from 12 Jun 2024; due 31 May 2024: 1 Jan 4.50 + 8 =
        // 12.50 for the first half-year, 1 Jul 4.25 + 8 = 12.25 for the second
        val mro = listOf(DatedInterestRate(date("2023-09-20"), dec("4.50")), DatedInterestRate(date("2024-06-12"), dec("4.25")))
        val eu = ratesFor(euLatePaymentRates(mro), date("2024-05-31"), date("2024-09-30"))
        eq(eu.map { it.from to it.percent.toPlainString() }, listOf(date("2024-01-01") to "12.50", date("2024-07-01") to "12.25"))
        eq(eu.all { it.note != null }, true)
        // UK: interest from 1 Jun 2024 reads Bank Rate on 31 Dec 2023 (5.25) + 8 = 13.25, for good
        val uk = ratesFor(ukLatePaymentRates(listOf(DatedInterestRate(date("2023-08-03"), dec("5.25")))),
            date("2024-05-31"), date("2024-12-31"))
        eq(uk.map { it.from to it.percent.toPlainString() }, listOf(date("2024-06-01") to "13.25"))
        throws<ArCoreException.Interest>("missing_reference_rate") { ratesFor(euLatePaymentRates(listOf()), date("2024-05-31"), date("2024-09-30")) }
    }
    test("interest on an account: charged once") {
        // 1000.00 due 31 Jan at 8 %, as of 1 Mar: 1000 x 8 % x 30/365 = 6.575... -> 6.58
        accountWithInvoice("1000.00", "2024-01-31").use { account ->
            val policy = newInterestPolicy(RateSource.Fixed(dec("8")))
            eq(policy.idPrefix, "INT-")
            eq(policy.method, SIMPLE_ACT365)
            val run = accrueAccount(account, policy, date("2024-03-01"))
            val charge = run.charges.single()
            eq(charge.id, "INT-INV-1/0/2024-03-01")
            eq(charge.kind, DocumentKind.INTEREST_CHARGE)
            eq(charge.total.toPlainString(), "6.58")
            eq(charge.chargeFor, ChargeFor("INV-1", 0u, "through-2024-03-01", date("2024-02-01"), date("2024-03-01")))
            eq(run.items.single().accrued.totalExact, Fraction("480", "73")) // 1000 x 0.08 x 30/365 = 2400/365 = 480/73
            account.apply(issued(charge, "charge"))
            eq(accrueAccount(account, policy, date("2024-03-01")).charges, listOf<Any>())
            throws<ArCoreException.Ledger>("duplicate_charge") { account.apply(issued(charge.copy(id = "INT-COPY"), "copy")) }
            // after a payment of 400.00 on 15 Mar, the principal history shows it
            account.apply(payment("pay", "2024-03-15", "P-1", "400.00"))
            val p = principalChanges(account, "INV-1", 0u, date("2024-03-31"))
            eq(p.changes.map { it.date to it.amount.toPlainString() }, listOf(date("2024-03-15") to "400.00"))
            eq(p.outstanding.toPlainString(), "600.00")
            throws<ArCoreException.Ledger>("unknown_document") { principalChanges(account, "NOPE", 0u, date("2024-03-31")) }
        }
    }
    test("charges left unpaid once the principal is paid: waived or claimable") {
        accountWithInvoice("100.00", "2024-01-01").use { account ->
            val fee = issueSimple(simple(DocumentKind.FEE_CHARGE, "FEE-1", "2024-02-01", "40.00").copy(chargeFor = ChargeFor("INV-1", key = "level-1")))
            account.apply(issued(fee))
            account.apply(Event("pay", date("2024-02-10"), EventBody.PaymentReceived("P-1", dec("100.00"), "EUR",
                remittance = listOf(RemittanceLine("INV-1", amount = dec("100.00"))))))
            val w = waiveUnpaidCharges(account, UnpaidChargesPolicy.WAIVE, date("2024-02-10")).single()
            eq(w.document to w.amount.toPlainString(), "FEE-1" to "40.00")
            eq(w.event, EventBody.WrittenOff("FEE-1", 0u, dec("40.00"), "waived_principal_paid"))
            eq(waiveUnpaidCharges(account, UnpaidChargesPolicy.CLAIMABLE, date("2024-02-10")), listOf<Any>())
        }
    }

    // ---- fees ------------------------------------------------------------------------------
    test("done when: the fee policy run twice on the same account and level charges once") {
        // 25.00 after 10 days of grace on 1200.00 due 31 Jan: due from 11 Feb
        val policy = newFeePolicy(listOf(FeeLevel(level = 1u, graceDays = 10u, fee = FeeAmount.Fixed(dec("25.00")))))
        accountWithInvoice("1200.00", "2024-01-31").use { account ->
            eq(assessFees(account, policy, date("2024-02-10")).charges, listOf<Any>()) // still in grace
            val first = assessFees(account, policy, date("2024-02-11"))
            eq(first, assessFees(account, policy, date("2024-02-11"))) // pure: the same run twice
            val fee = first.charges.single()
            eq(fee.document.id, "FEE-INV-1/level-1")
            eq(fee.key, "level-1")
            eq(fee.document.chargeFor, ChargeFor("INV-1", key = "level-1"))
            eq(first.total.toPlainString(), "25.00")
            account.apply(issued(fee.document, "fee"))
            val second = assessFees(account, policy, date("2024-02-11"))
            eq(second.charges, listOf<Any>())
            eq(second.total.toPlainString(), "0.00")
            eq(second.skipped.single().reason, "INV-1 level 1: already charged by FEE-INV-1/level-1")
            // the ledger refuses the same fee under another id
            throws<ArCoreException.Ledger>("duplicate_charge",
                "`FEE-COPY` is a second charge for `INV-1` with key `level-1`: `FEE-INV-1/level-1` already charged it") {
                account.apply(issued(fee.document.copy(id = "FEE-COPY"), "copy"))
            }
            eq(account.balance().toPlainString(), "1225.00")
        }
    }
    test("statutory compensation presets") {
        val eu = euLatePaymentCompensation()
        eq(eu.currency, "EUR")
        eq(eu.levels.single().fee, FeeAmount.Fixed(dec("40.00")))
        // UK s.5A: GBP 40 under 1 000, 70 from 1 000
        val gbp = ACME.copy(currency = "GBP")
        for ((amount, fee) in listOf("999.99" to "40.00", "1000.00" to "70.00")) {
            accountWithInvoice(amount, "2024-01-31", gbp).use { account ->
                eq(assessFees(account, ukLatePaymentCompensation(), date("2024-02-01")).total.toPlainString(), fee, amount)
            }
        }
        // the EU preset is in EUR: on a GBP account it is a currency mismatch
        accountWithInvoice("10.00", "2024-01-31", gbp).use { account ->
            throws<ArCoreException.Money>("currency_mismatch", "currency mismatch: `EUR` and `GBP`") {
                assessFees(account, eu, date("2024-02-01"))
            }
        }
    }
    test("the call-fixture runner fails on a wrong expectation, naming every mismatch") {
        val case = { expect: String ->
            Json.parse("""{"name": "x", "source": "a self-test of the runner", "call": "installment_plan",
                "args": {"amount": "1000.00", "currency": "EUR",
                         "terms": {"due": {"type": "periodic", "frequency": "monthly", "first_due": "2024-01-31", "count": 3}}},
                $expect}""")
        }
        runCallFixture(case(""""expect": {"total": "1000.00", "installments": [{"amount": "333.34"}, {}, {}]}"""))
        val wrong = try {
            runCallFixture(case(""""expect": {"total": "1000", "installments": [{"amount": "333.33"}, {}, {}]}"""))
            null
        } catch (e: AssertionError) {
            e.message
        }
        eq(wrong, "x: result.total: expected \"1000\", got 1000.00; x: result.installments[0].amount: expected \"333.33\", got 333.34")
        val wrongKind = try {
            runCallFixture(case(""""error": {"kind": "invalid_plan_amount"}"""))
            null
        } catch (e: AssertionError) {
            e.message?.substringBefore(",")
        }
        eq(wrongKind, "x: expected error `invalid_plan_amount`")
    }
    test("fee policy errors") {
        val level = FeeLevel(level = 1u, fee = FeeAmount.Fixed(dec("5.00")))
        validateFeePolicy(newFeePolicy(listOf(level)))
        throws<ArCoreException.Fee>("duplicate_fee_level", "fee level 1 appears twice") {
            validateFeePolicy(newFeePolicy(listOf(level, level)))
        }
        throws<ArCoreException.Fee>("invalid_fee") {
            validateFeePolicy(newFeePolicy(listOf(level.copy(fee = FeeAmount.Percent(dec("-1"))))))
        }
        throws<ArCoreException.Fee>("invalid_fee_tiers") {
            validateFeePolicy(newFeePolicy(listOf(level.copy(fee = FeeAmount.Tiered(listOf())))))
        }
    }
}
