// The calls of the shared fixtures of fixtures/discounts/, fixtures/plans/ and
// fixtures/interest/ (each folder's README, "Calls" / "Functions": the key is `call`), mapped
// to the Node API: snake_case `call` and `args` keys to the camelCase function and its
// parameters, options of a call camelized into its options object. Used by
// issue4_fixtures.test.mjs (runs every case) and types.test.mjs (compiles every case's
// arguments and results against ledger.d.ts).
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'

import { ar, camelize } from './helpers.mjs'

export const FOLDERS = ['discounts', 'plans', 'interest']
export const CASE_KEYS = ['name', 'source', 'call', 'args', 'expect', 'error']

/** Every case of a folder, sorted by file name: `[file, case]`. */
export function casesOf(folder) {
  const dir = new URL(`../../fixtures/${folder}/`, import.meta.url)
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8'))])
}

/** The account of the interest fixtures' account calls: `Account.replay(config, events, as_of)`. */
const replayed = (a) => ar.Account.replay(a.config, a.events, a.as_of)

/**
 * Per folder and call: the argument keys (`required`, `optional`), the declared TypeScript type
 * of the arguments worth typing (`types`: key -> type; `'*'` is the args object itself), the
 * type of the result (`result`), and `run(args)`, the Node call.
 */
export const CALLS = {
  discounts: {
    early_payment_amounts: {
      required: ['amount', 'currency', 'percent', 'discount_base'],
      optional: ['rounding', 'discount_rounding'],
      types: { amount: 'TaxedAmount', discount_base: 'DiscountBase', rounding: 'RoundingMode', discount_rounding: 'DiscountRounding' },
      result: 'EarlyPayment',
      run: (a) =>
        ar.earlyPaymentAmounts(a.amount, a.currency, a.percent, a.discount_base, {
          rounding: a.rounding,
          discountRounding: a.discount_rounding,
        }),
    },
    earned_discount: {
      required: ['amount', 'offers', 'date'],
      types: { offers: 'ScheduledDiscount[]' },
      result: 'EarnedDiscount',
      run: (a) => ar.earnedDiscount(a.amount, a.offers, a.date),
    },
    pro_rata_discount: {
      required: ['open', 'discount', 'payment', 'currency'],
      optional: ['rounding'],
      types: { rounding: 'RoundingMode' },
      result: 'ProRata',
      run: (a) => ar.proRataDiscount(a.open, a.discount, a.payment, a.currency, { rounding: a.rounding }),
    },
    available_discount: {
      required: ['amount', 'offer', 'open', 'currency'],
      optional: ['rounding'],
      types: { rounding: 'RoundingMode' },
      result: 'DecimalString',
      run: (a) => ar.availableDiscount(a.amount, a.offer, a.open, a.currency, { rounding: a.rounding }),
    },
    annualized_cost: {
      required: ['percent', 'discount_days', 'net_days', 'year'],
      types: { year: 'YearBasis' },
      result: 'AnnualizedCost',
      run: (a) => ar.annualizedCost(a.percent, a.discount_days, a.net_days, a.year),
    },
    dynamic_discount: {
      required: ['amount', 'currency', 'annual_percent', 'payment_date', 'due_date', 'year'],
      optional: ['rounding'],
      types: { year: 'YearBasis', rounding: 'RoundingMode' },
      result: 'DynamicDiscount',
      run: (a) =>
        ar.dynamicDiscount(a.amount, a.currency, a.annual_percent, a.payment_date, a.due_date, a.year, {
          rounding: a.rounding,
        }),
    },
    issue_invoice: {
      required: ['draft'],
      optional: ['options'],
      types: { draft: 'InvoiceDraft' },
      result: 'IssuedInvoice',
      // ScheduleOptions is a Node options object: camelCase
      run: (a) => ar.issueInvoice(a.draft, a.options === undefined ? undefined : camelize(a.options)),
    },
  },
  plans: {
    installment_plan: {
      required: ['amount', 'currency', 'terms'],
      types: { terms: 'PlanTerms' },
      result: 'Plan',
      run: (a) => ar.installmentPlan(a.amount, a.currency, a.terms),
    },
    amortized_plan: {
      required: ['principal', 'currency', 'terms'],
      types: { terms: 'AmortizedTerms' },
      result: 'Plan',
      run: (a) => ar.amortizedPlan(a.principal, a.currency, a.terms),
    },
    plan_status: {
      required: ['plan', 'payments', 'as_of', 'policy'],
      types: { plan: 'Plan', payments: 'PlanPayment[]', policy: 'DefaultPolicy' },
      result: 'PlanStatus',
      run: (a) => ar.planStatus(a.plan, a.payments, a.as_of, a.policy),
    },
    reschedule: {
      required: ['account', 'as_of', 'request'],
      types: { request: 'RescheduleRequest' },
      result: 'Rescheduled',
      // `account` is the Account a nested `replay` made
      run: (a) => ar.reschedule(a.account, a.as_of, a.request),
    },
    replay: {
      required: ['config', 'events', 'as_of'],
      types: { config: 'AccountConfig', events: 'Event[]' },
      result: null, // an Account instance, only used inside nested calls
      run: (a) => ar.Account.replay(a.config, a.events, a.as_of),
    },
  },
  interest: {
    year_fraction: {
      required: ['day_count', 'start', 'end'],
      types: { day_count: 'DayCount' },
      result: '{ days: number; year_fraction: FractionString }',
      // the one result the runner assembles (fixtures/interest/README.md)
      run: (a) => ({
        days: ar.dayCountDays(a.day_count, a.start, a.end),
        year_fraction: ar.yearFraction(a.day_count, a.start, a.end),
      }),
    },
    accrue: {
      required: ['currency', 'principal', 'due_date', 'as_of', 'rates'],
      optional: ['changes', 'method'],
      types: { '*': 'AccrualInput' },
      result: 'InterestBreakdown',
      run: (a) => ar.accrue(a),
    },
    rates_for: {
      required: ['rates', 'due_date', 'as_of'],
      types: { rates: 'RateSource' },
      result: 'InterestRateTable',
      run: (a) => ar.ratesFor(a.rates, a.due_date, a.as_of),
    },
    accrue_account: {
      required: ['config', 'events', 'as_of', 'policy'],
      types: { config: 'AccountConfig', events: 'Event[]', policy: 'InterestPolicy' },
      result: 'AccountInterest',
      run: (a) => ar.accrueAccount(replayed(a), a.policy, a.as_of),
    },
    assess_fees: {
      required: ['config', 'events', 'as_of', 'policy'],
      types: { config: 'AccountConfig', events: 'Event[]', policy: 'FeePolicy' },
      result: 'FeeRun',
      run: (a) => ar.assessFees(replayed(a), a.policy, a.as_of),
    },
    waive_unpaid_charges: {
      required: ['config', 'events', 'as_of', 'policy'],
      types: { config: 'AccountConfig', events: 'Event[]', policy: 'UnpaidChargesPolicy' },
      result: 'ChargeWaiver[]',
      run: (a) => ar.waiveUnpaidCharges(replayed(a), a.policy, a.as_of),
    },
  },
}

/** The call of a folder, after checking that `args` has exactly its keys. */
export function callOf(folder, call, args) {
  const spec = CALLS[folder][call]
  assert.ok(spec, `${folder}: unknown call \`${call}\` (known: ${Object.keys(CALLS[folder]).join(', ')})`)
  assert.ok(args !== null && typeof args === 'object' && !Array.isArray(args), `${call}: \`args\` must be an object`)
  const allowed = [...spec.required, ...(spec.optional ?? [])]
  for (const key of Object.keys(args)) {
    assert.ok(allowed.includes(key), `${call}: unknown argument \`${key}\` (allowed: ${allowed.join(', ')})`)
  }
  for (const key of spec.required) assert.ok(key in args, `${call}: missing argument \`${key}\``)
  return spec
}

const isNested = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && '$call' in v && Object.keys(v).every((k) => k === '$call' || k === 'args')

/**
 * `args` with every nested `{"$call": name, "args": {...}}` replaced by its result, depth first
 * (fixtures/plans/README.md, "Nested calls"). A failing nested call fails the case. `seen`
 * collects `[call, resolved args, result]` of every nested call.
 */
export function resolveNested(folder, value, seen = []) {
  if (Array.isArray(value)) return value.map((v) => resolveNested(folder, v, seen))
  if (value === null || typeof value !== 'object') return value
  if (isNested(value)) {
    const args = resolveNested(folder, value.args, seen)
    const spec = callOf(folder, value.$call, args)
    let result
    try {
      result = spec.run(args)
    } catch (err) {
      assert.fail(`nested call \`${value.$call}\` failed: ${err.code}: ${err.message}`)
    }
    seen.push([value.$call, args, result])
    return result
  }
  const out = {}
  for (const [key, inner] of Object.entries(value)) out[key] = resolveNested(folder, inner, seen)
  return out
}
