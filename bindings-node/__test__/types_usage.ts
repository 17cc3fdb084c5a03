// Compiled (never run) by __test__/types.test.mjs with `tsc --strict`: the ledger, discount,
// plan, interest and fee API as a TypeScript user writes it. Lines marked @ts-expect-error must fail to compile: a JS number
// for money, a JS Date for a date, a misspelt field or tag.
import {
  Account,
  BusinessCalendar,
  issueInvoice,
  issueSimple,
  statement,
  Terms,
  type AccountConfig,
  type Applied,
  type Document,
  type DocumentState,
  type Event,
  type HistoryEntry,
  type IssuedInvoice,
  type OpenDispute,
  type OpenItem,
  type PaymentState,
  type PromiseToPay,
  type ReportingBalance,
  type Statement,
  type WriteOff,
  type DatedRate,
  accrue,
  accrueAccount,
  amortizedPlan,
  annualizedCost,
  assessFees,
  availableDiscount,
  bestOffer,
  buildPlan,
  dayCountDays,
  documentEarnedDiscount,
  dynamicDiscount,
  earlyPaymentAmounts,
  earnedDiscount,
  euLatePaymentCompensation,
  installmentPlan,
  planStatus,
  principalChanges,
  proRataDiscount,
  rateOn,
  ratesFor,
  reschedule,
  roundFraction,
  ukLatePaymentCompensation,
  validateFeePolicy,
  validatePlan,
  waiveUnpaidCharges,
  yearFraction,
  type AccountInterest,
  type AnnualizedCost,
  type BestOffer,
  type ChargeWaiver,
  type DatedInterestRate,
  type DocumentDiscount,
  type DynamicDiscount,
  type EarlyPayment,
  type EarnedDiscount,
  type FeePolicy,
  type FeeRun,
  type InterestBreakdown,
  type InterestRateTable,
  type ItemPrincipal,
  type Plan,
  type PlanStatus,
  type PlanTerms,
  type ProRata,
  type Rescheduled,
} from '../index.js'

const config: AccountConfig = { customer: 'ACME', currency: 'EUR', reporting_currency: 'USD' }
const invoice: Document = issueSimple({
  kind: 'invoice',
  id: 'INV-1',
  customer: 'ACME',
  date: '2024-01-01',
  currency: 'EUR',
  amount: '400.00',
  terms: new Terms('Net 30'),
})
const issued: IssuedInvoice = issueInvoice(
  {
    id: 'INV-2',
    customer: 'ACME',
    date: '2024-01-10',
    currency: 'EUR',
    tax_mode: 'inclusive',
    lines: [{ description: 'box', quantity: '1', unit_price: '119.00', tax_rates: [{ code: 'VAT19', percent: '19' }] }],
  },
  { calendar: { holidays: ['2024-12-25'] } },
)
const events: Event[] = [
  { id: 'r1', date: '2024-01-01', body: { type: 'rates_published', rates: [{ from: 'EUR', to: 'USD', rate: '1.10' }] } },
  { id: 'e1', date: '2024-01-01', body: { type: 'document_issued', document: invoice } },
  { id: 'e2', date: '2024-01-10', body: { type: 'document_issued', document: issued.document } },
  {
    id: 'e3',
    date: '2024-01-20',
    body: {
      type: 'payment_received',
      payment_id: 'P-1',
      amount: '500.00',
      currency: 'EUR',
      remittance: [{ document: 'INV-1', installment: 0, amount: '400.00' }],
      strategy: 'oldest_due_first',
      short_payment: { type: 'write_off', tolerance: '1.00', reason_code: 'small_balance' },
    },
  },
]
const account: Account = Account.replay(config, events, '2024-01-31')
const again: Account = new Account(JSON.stringify(config))
const applied: Applied = again.apply(events[0])
const allocated: string | undefined = applied.allocations?.[0]?.amount
const items: OpenItem[] = account.openItems()
const balance: string = account.balance()
const cash: string = account.unappliedCash()
const disputed: string = account.disputedTotal()
const disputes: OpenDispute[] = account.openDisputes()
const doc: DocumentState | null = account.document('INV-1')
const history: HistoryEntry[] | null = account.history('INV-1')
const payment: PaymentState | null = account.payment('P-1')
const payments: Record<string, PaymentState> = account.payments()
const documents: Record<string, DocumentState> = account.documents()
const writeOffs: WriteOff[] = account.writeOffs()
const promises: Record<string, PromiseToPay> = account.promises()
const reporting: ReportingBalance = account.reportingBalance('2024-01-31')
const realized: string = account.realizedFx()
const rates: DatedRate[] = account.rates()
const asOf: string | null = account.asOf
const settings: AccountConfig = account.config
const stored: string = account.toJSON()
const restored: Account = Account.fromJSON(stored)
const report: Statement = statement(config, events, '2024-01-01', '2024-01-31', { dueSoonDays: 14, bucketBounds: [30, 60] })
const statementFromText: Statement = statement(JSON.stringify(config), JSON.stringify(events), '2024-01-01', '2024-01-31')

// issue 4: discounts, plans, interest and fees
const taxed = { net: '1000.00', taxes: [{ percent: '21', base: '1000.00' }] }
const early: EarlyPayment = earlyPaymentAmounts(taxed, 'EUR', '2', 'mixed', { rounding: 'half_up', discountRounding: 'amount_due' })
const offers = [{ deadline: '2024-01-25', discount: '24.69', amount_due: '1209.87' }]
const best: BestOffer | null = bestOffer(offers, '2024-01-25')
const earned: EarnedDiscount = earnedDiscount('1234.56', offers, '2024-01-25')
const onDocument: DocumentDiscount = documentEarnedDiscount(invoice, '2024-01-11')
const proRata: ProRata = proRataDiscount('1000.00', '20.00', '400.00', 'USD', { rounding: 'half_even' })
const available: string = availableDiscount('1000.00', '20.00', '591.84', 'USD')
const cost: AnnualizedCost = annualizedCost('2', 10, 30, 'days_365')
const dynamic: DynamicDiscount = dynamicDiscount('10000.00', 'USD', '12', '2024-03-01', '2024-03-31', 'days_360')
const planTerms: PlanTerms = {
  due: { type: 'periodic', frequency: 'monthly', first_due: '2024-01-31', count: 3 },
  down_payment: { type: 'percent', percent: '10', due_date: '2024-01-15' },
  roll: 'following',
  calendar: new BusinessCalendar({ holidays: ['2024-12-25'] }),
}
const plan: Plan = installmentPlan('1000.00', 'EUR', planTerms)
const annuity: Plan = amortizedPlan('10000.00', 'USD', { annual_rate_percent: '12', frequency: 'monthly', first_due: '2024-02-01', count: 12 })
const built: Plan = buildPlan({ type: 'amortized', terms: { annual_rate_percent: '0', frequency: 'weekly', first_due: '2024-02-01', count: 2 } }, '10.00', 'EUR')
validatePlan(plan)
const status: PlanStatus = planStatus(plan, [{ date: '2024-01-31', amount: '333.34' }], '2024-03-15', { missed_installments: 2 })
const rescheduled: Rescheduled = reschedule(account, '2024-03-01', {
  plan_document: 'PLAN-1',
  credit_note: 'RS-1',
  items: [{ document: 'INV-1', installment: 0 }],
  plan: { type: 'split', terms: { due: { type: 'custom', dates: ['2024-03-31'] } } },
})
const days: number = dayCountDays('thirty_e_360', '2024-02-28', '2024-03-31')
const fraction: string = yearFraction('actual_actual_isda', '2023-12-01', '2024-01-31')
const rounded: string = roundFraction(fraction, 4, 'down')
const breakdown: InterestBreakdown = accrue({
  currency: 'EUR',
  principal: '1000.00',
  due_date: '2024-01-31',
  as_of: '2024-03-31',
  rates: { type: 'eu_late_payment', reference_rates: [{ from: '2023-09-20', percent: '4.50' }] },
  method: { day_count: 'actual_360', compounding: 'none' },
})
const table: InterestRateTable = ratesFor({ type: 'table', rates: [{ from: '2024-01-01', percent: '6' }] }, '2024-01-31', '2024-03-31')
const rate: DatedInterestRate | null = rateOn(table, '2024-02-01')
const principal: ItemPrincipal = principalChanges(account, 'INV-1', 0, '2024-03-31')
const interest: AccountInterest = accrueAccount(account, { rates: { type: 'fixed', percent: '8' }, after_principal_paid: 'waive', charge_terms: new Terms('Net 14') }, '2024-03-31')
const eu: FeePolicy = euLatePaymentCompensation()
const uk: FeePolicy = ukLatePaymentCompensation()
validateFeePolicy(eu)
const fees: FeeRun = assessFees(account, { levels: [{ level: 1, grace_days: 10, fee: { type: 'tiered', tiers: [{ from: '0', fee: { type: 'percent', percent: '1' } }] }, cap: '50.00' }], scope: 'installment' }, '2024-03-31')
const waivers: ChargeWaiver[] = waiveUnpaidCharges(account, 'claimable', '2024-03-31')
const feeDraft: Document = issueSimple({
  kind: 'fee_charge',
  id: 'FEE-1',
  customer: 'ACME',
  date: '2024-02-11',
  currency: 'EUR',
  amount: '25.00',
  charge_for: { document: 'INV-1', installment: 0, key: 'level-1' },
})
const withBase: IssuedInvoice = issueInvoice({
  id: 'INV-3',
  customer: 'ACME',
  date: '2024-01-10',
  currency: 'EUR',
  lines: [{ description: 'box', quantity: '1', unit_price: '100.00' }],
  discount_base: 'net',
  discount_rounding: 'amount_due',
})
const pro: Account = new Account({ customer: 'ACME', currency: 'EUR', partial_discount: 'pro_rata' })

// @ts-expect-error a JS number is never money, in plan terms either
installmentPlan('1000.00', 'EUR', { due: { type: 'custom', dates: ['2024-01-31'] }, weights: [1] })
// @ts-expect-error the year is named explicitly: 'days_360' or 'days_365'
annualizedCost('2', 10, 30, 365)
// @ts-expect-error an account, not its config
accrueAccount(config, { rates: { type: 'fixed', percent: '8' } }, '2024-03-31')
// @ts-expect-error unknown fee type
assessFees(account, { levels: [{ level: 1, fee: { type: 'flat', amount: '5.00' } }] }, '2024-03-31')
// @ts-expect-error a JS number is never money
account.apply({ id: 'x', date: '2024-02-01', body: { type: 'payment_received', payment_id: 'P', amount: 10, currency: 'EUR' } })
// @ts-expect-error a JS Date is never a date
account.apply({ id: 'x', date: new Date(), body: { type: 'invoice_opened', document: 'INV-1' } })
// @ts-expect-error unknown field
account.apply({ id: 'x', date: '2024-02-01', body: { type: 'invoice_opened', document: 'INV-1', when: 'now' } })
// @ts-expect-error unknown tag
account.apply({ id: 'x', date: '2024-02-01', body: { type: 'invoice_read', document: 'INV-1' } })
// @ts-expect-error the JSON shape is snake_case
new Account({ customer: 'ACME', currency: 'EUR', shortPayment: { type: 'leave_residual' } })

export {
  annuity,
  available,
  best,
  breakdown,
  built,
  cost,
  days,
  dynamic,
  early,
  earned,
  eu,
  feeDraft,
  fees,
  interest,
  onDocument,
  pro,
  principal,
  proRata,
  rate,
  rescheduled,
  rounded,
  status,
  uk,
  waivers,
  withBase,
  allocated,
  asOf,
  balance,
  cash,
  disputed,
  disputes,
  doc,
  documents,
  history,
  items,
  payment,
  payments,
  promises,
  rates,
  realized,
  report,
  reporting,
  restored,
  settings,
  statementFromText,
  writeOffs,
}
