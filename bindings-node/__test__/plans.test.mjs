// Installment plans from Node (ar_core::installments): split and amortized plans, plan
// status, rescheduling an account, every error kind. Expected values are worked by hand in
// the comments (or from docs/json.md's worked examples); messages follow docs/errors.md.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { ar, sum, throwsCode } from './helpers.mjs'

const monthly = (first_due, count) => ({ type: 'periodic', frequency: 'monthly', first_due, count })
const rows = (plan) => plan.installments.map((i) => [i.due_date, i.amount])

describe('installmentPlan', () => {
  test('1000.00 in 3 monthly from 31 Jan 2024: month ends from the anchor, residual first', () => {
    // 1000.00 / 3 = 333.33 (half up) each; 0.01 residual to the first; 31 Jan + 1 month is
    // 29 Feb (2024 is a leap year), + 2 months 31 Mar, both from the anchor
    const plan = ar.installmentPlan('1000.00', 'EUR', { due: monthly('2024-01-31', 3) })
    assert.deepEqual(rows(plan), [['2024-01-31', '333.34'], ['2024-02-29', '333.33'], ['2024-03-31', '333.33']])
    assert.deepEqual([plan.currency, plan.principal, plan.interest, plan.total, plan.payment], ['EUR', '1000.00', '0.00', '1000.00', undefined])
    assert.deepEqual(plan.installments.map((i) => [i.installment, i.kind, i.principal, i.interest, i.balance_after]), [
      [0, 'regular', '333.34', '0.00', '666.66'],
      [1, 'regular', '333.33', '0.00', '333.33'],
      [2, 'regular', '333.33', '0.00', '0.00'],
    ])
    assert.equal(sum(plan.installments.map((i) => i.amount), 2), '1000.00')
    // 4 monthly: 30 Apr, the anchor's day clamped again, never drifting to the 29th
    assert.equal(ar.installmentPlan('100.00', 'EUR', { due: monthly('2024-01-31', 4) }).installments[3].due_date, '2024-04-30')
  })

  test('residual last, weights, a percent down payment, JSON text', () => {
    const last = ar.installmentPlan('1000.00', 'EUR', { due: monthly('2024-01-31', 3), residual: 'last' })
    assert.deepEqual(last.installments.map((i) => i.amount), ['333.33', '333.33', '333.34'])
    // weights 1:2:1 = 25 %, 50 %, 25 %
    const weighted = ar.installmentPlan('1000.00', 'EUR', { due: monthly('2024-02-15', 3), weights: ['1', '2', '1'] })
    assert.deepEqual(weighted.installments.map((i) => i.amount), ['250.00', '500.00', '250.00'])
    // 10 % down on 15 Jan = 100.00, then 900.00 / 3 = 300.00
    const down = ar.installmentPlan('1000.00', 'EUR', {
      due: monthly('2024-02-15', 3),
      down_payment: { type: 'percent', percent: '10', due_date: '2024-01-15' },
    })
    assert.deepEqual(down.installments.map((i) => [i.installment, i.kind, i.due_date, i.amount]), [
      [0, 'down_payment', '2024-01-15', '100.00'],
      [1, 'regular', '2024-02-15', '300.00'],
      [2, 'regular', '2024-03-15', '300.00'],
      [3, 'regular', '2024-04-15', '300.00'],
    ])
    const text = JSON.stringify({ due: monthly('2024-01-31', 3) })
    assert.deepEqual(ar.installmentPlan('1000.00', 'EUR', text), ar.installmentPlan('1000.00', 'EUR', JSON.parse(text)))
  })

  test('weekly across the leap day; custom dates rolled by a calendar instance', () => {
    const weekly = ar.installmentPlan('30.00', 'EUR', { due: { type: 'periodic', frequency: 'weekly', first_due: '2024-02-22', count: 3 } })
    assert.deepEqual(weekly.installments.map((i) => i.due_date), ['2024-02-22', '2024-02-29', '2024-03-07'])
    // 25 Dec 2024 is a Wednesday and a holiday: following -> Thursday 26 Dec
    const terms = {
      due: { type: 'custom', dates: ['2024-12-25', '2025-01-25'] },
      roll: 'following',
      calendar: new ar.BusinessCalendar({ holidays: ['2024-12-25'] }),
    }
    // 25 Jan 2025 is a Saturday: Monday 27 Jan
    assert.deepEqual(ar.installmentPlan('20.00', 'EUR', terms).installments.map((i) => i.due_date), ['2024-12-26', '2025-01-27'])
    assert.deepEqual(ar.installmentPlan('20.00', 'EUR', { ...terms, calendar: { holidays: ['2024-12-25'] } }).installments[0].due_date, '2024-12-26')
  })

  test('errors', () => {
    const due = monthly('2024-01-31', 3)
    throwsCode(() => ar.installmentPlan('0.00', 'EUR', { due }), 'invalid_plan_amount', 'plan amount `0.00` must be greater than zero')
    throwsCode(() => ar.installmentPlan('100.00', 'EUR', { due: monthly('2024-01-31', 0) }), 'invalid_installment_count', 'installment count `0` is out of range 1..=10000')
    throwsCode(() => ar.installmentPlan('100.00', 'EUR', { due, weights: ['1', '2'] }), 'invalid_weights', /^invalid weights: /)
    throwsCode(
      () => ar.installmentPlan('100.00', 'EUR', { due: { type: 'custom', dates: ['2024-02-01', '2024-01-01'] } }),
      'plan_dates_not_increasing',
      'due date `2024-01-01` of installment 1 is not after `2024-02-01`; plan dates must be strictly increasing',
    )
    throwsCode(
      () => ar.installmentPlan('100.00', 'EUR', { due, down_payment: { type: 'amount', amount: '10.00', due_date: '2024-01-31' } }),
      'invalid_down_payment',
      /^invalid down payment: /,
    )
    throwsCode(() => ar.installmentPlan('0.02', 'EUR', { due }), 'plan_amount_too_small', /^`0.02` is too small for 3 installments: installment \d+ would be zero$/)
    throwsCode(() => ar.installmentPlan('100.005', 'EUR', { due }), 'amount_not_rounded', 'amount `100.005` is not a multiple of the rounding unit `0.01`; round it first')
    throwsCode(() => ar.installmentPlan('100.00', 'EUR', { due, weights: [1, 2, 1] }), 'invalid_json', /^invalid json in `terms.weights\[0\]`: invalid type: integer `1`, expected a Decimal/)
    throwsCode(() => ar.installmentPlan('100.00', 'EUR', { due: { ...due, frequency: 'fortnightly' } }), 'invalid_json', /^invalid json in `terms.due/)
    throwsCode(() => ar.installmentPlan('100.00', 'EUR', { due, roll: 'following', calendar: { weekend: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] } }), 'no_business_days')
  })
})

describe('amortizedPlan and buildPlan', () => {
  const terms = { annual_rate_percent: '12', frequency: 'monthly', first_due: '2024-02-01', count: 12 }

  test('10 000.00 at 12 % over 12 months', () => {
    // r = 1 %: P = 10000 × 0.01 / (1 - 1.01^-12) = 888.4878... -> 888.49; first interest
    // 10000.00 × 1 % = 100.00, principal 788.49; the last payment takes the rest: 888.47
    const plan = ar.amortizedPlan('10000.00', 'USD', terms)
    assert.equal(plan.payment, '888.49')
    assert.deepEqual([plan.installments[0].interest, plan.installments[0].principal, plan.installments[0].balance_after], ['100.00', '788.49', '9211.51'])
    assert.equal(plan.installments[11].amount, '888.47')
    assert.equal(plan.installments[11].balance_after, '0.00')
    assert.equal(sum(plan.installments.map((i) => i.principal), 2), '10000.00')
    assert.equal(sum(plan.installments.map((i) => i.amount), 2), plan.total)
    // 11 × 888.49 + 888.47 = 10661.86: interest 661.86
    assert.deepEqual([plan.total, plan.interest], ['10661.86', '661.86'])
  })

  test('a zero rate is an equal split, residual last', () => {
    const plan = ar.amortizedPlan('100.00', 'EUR', { ...terms, annual_rate_percent: '0', count: 3 })
    assert.deepEqual(plan.installments.map((i) => i.amount), ['33.33', '33.33', '33.34'])
  })

  test('buildPlan dispatches on the spec', () => {
    const split = { due: monthly('2024-01-31', 3) }
    assert.deepEqual(ar.buildPlan({ type: 'split', terms: split }, '1000.00', 'EUR'), ar.installmentPlan('1000.00', 'EUR', split))
    assert.deepEqual(ar.buildPlan({ type: 'amortized', terms }, '10000.00', 'USD'), ar.amortizedPlan('10000.00', 'USD', terms))
    throwsCode(() => ar.buildPlan({ type: 'balloon', terms }, '1.00', 'USD'), 'invalid_json', /^invalid json in `spec/)
  })

  test('errors', () => {
    throwsCode(() => ar.amortizedPlan('10000.00', 'USD', { ...terms, annual_rate_percent: '-1' }), 'invalid_plan_rate', 'annual interest rate `-1` % must not be negative')
    throwsCode(() => ar.amortizedPlan('-1.00', 'USD', terms), 'invalid_plan_amount', 'plan amount `-1.00` must be greater than zero')
    throwsCode(() => ar.amortizedPlan('1.00', 'USD', { ...terms, count: 10001 }), 'invalid_installment_count', 'installment count `10001` is out of range 1..=10000')
    throwsCode(() => ar.amortizedPlan('1.00', 'USD', { ...terms, annual_rate_percent: 12 }), 'invalid_json', /^invalid json in `terms.annual_rate_percent`/)
  })
})

describe('planStatus and validatePlan', () => {
  const plan = ar.installmentPlan('1000.00', 'EUR', { due: monthly('2024-01-31', 3) })
  const policy = { missed_installments: 2, days_past_due: 60 }

  test('in arrears after a partial payment (docs/json.md "Plan example")', () => {
    // 333.34 on 31 Jan covers the first; 200.00 on 5 Mar leaves 133.33 of 29 Feb open, 15 days
    // past due on 15 Mar (29 Feb -> 15 Mar); one missed installment, below both thresholds
    const payments = [{ date: '2024-01-31', amount: '333.34' }, { date: '2024-03-05', amount: '200.00' }]
    const s = ar.planStatus(plan, payments, '2024-03-15', policy)
    assert.deepEqual(
      [s.as_of, s.state, s.paid, s.unapplied, s.outstanding, s.overdue, s.amount_due, s.missed_installments, s.oldest_unpaid_due_date, s.days_past_due, s.default_date, s.accelerated],
      ['2024-03-15', 'in_arrears', '533.34', '0.00', '466.66', '133.33', '133.33', 1, '2024-02-29', 15, undefined, false],
    )
    assert.deepEqual(s.installments.map((i) => [i.installment, i.paid, i.open, i.state, i.paid_on, i.days_late]), [
      [0, '333.34', '0.00', 'paid', '2024-01-31', 0],
      [1, '200.00', '133.33', 'overdue', undefined, 15],
      [2, '0.00', '333.33', 'upcoming', undefined, 0],
    ])
    // the same from JSON text
    assert.deepEqual(ar.planStatus(JSON.stringify(plan), JSON.stringify(payments), '2024-03-15', JSON.stringify(policy)), s)
  })

  test('defaulted with acceleration; paid off; {} never defaults', () => {
    const paid = [{ date: '2024-01-30', amount: '333.34' }]
    const accelerate = { missed_installments: 2, accelerate: true }
    // 1 Apr: 29 Feb and 31 Mar both missed -> defaulted on 1 Apr, the rest 666.66 due
    const s = ar.planStatus(plan, paid, '2024-04-01', accelerate)
    assert.deepEqual([s.state, s.default_date, s.accelerated, s.amount_due], ['defaulted', '2024-04-01', true, '666.66'])
    assert.equal(ar.planStatus(plan, paid, '2024-04-01', {}).state, 'in_arrears')
    assert.equal(ar.planStatus(plan, [{ date: '2024-01-31', amount: '1000.00' }], '2024-01-31', {}).state, 'paid_off')
    assert.equal(ar.planStatus(plan, [], '2024-01-31', {}).state, 'current')
  })

  test('validatePlan, and the errors of planStatus', () => {
    assert.equal(ar.validatePlan(plan), undefined)
    const tampered = { ...plan, total: '1000.01' }
    throwsCode(() => ar.validatePlan(tampered), 'invalid_plan', /^invalid plan: /)
    throwsCode(() => ar.planStatus(tampered, [], '2024-03-15', {}), 'invalid_plan', /^invalid plan: /)
    throwsCode(() => ar.planStatus(plan, [{ date: '2024-01-31', amount: '-1.00' }], '2024-03-15', {}), 'invalid_plan_payment', 'plan payment 0 of `-1.00` must not be negative')
    throwsCode(() => ar.planStatus(plan, [], '2024-03-15', { missed_installments: 0 }), 'invalid_default_policy', /^invalid default policy: /)
    throwsCode(() => ar.planStatus(plan, [], '2024-03-15', { missed: 2 }), 'invalid_json', /^invalid json in `policy.missed`: unknown field `missed`/)
    throwsCode(() => ar.planStatus(plan, [], '2024-03-15'), 'invalid_json', /^invalid json in `policy`: expected an object/)
  })
})

describe('reschedule', () => {
  const config = { customer: 'ACME', currency: 'EUR' }
  const invoice = ar.issueSimple({ kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-10', currency: 'EUR', amount: '900.00' })
  const history = [{ id: 'e1', date: '2024-01-10', body: { type: 'document_issued', document: invoice } }]
  const request = { plan_document: 'PLAN-1', credit_note: 'RS-1', plan: { type: 'split', terms: { due: monthly('2024-03-31', 3) } } }

  test('900.00 overdue since 10 Jan into 3 monthly from 31 Mar', () => {
    const account = ar.Account.replay(config, history, '2024-03-01')
    const before = account.toJSON()
    const done = ar.reschedule(account, '2024-03-01', request)
    assert.equal(account.toJSON(), before) // pure: the account is unchanged
    // 10 Jan -> 1 Mar = 21 (to 31 Jan) + 29 (to 29 Feb) + 1 = 51 days past due
    assert.deepEqual(done.items, [{ document: 'INV-1', installment: 0, due_date: '2024-01-10', open: '900.00', days_past_due: 51 }])
    assert.deepEqual([done.as_of, done.total], ['2024-03-01', '900.00'])
    assert.deepEqual(rows(done.plan), [['2024-03-31', '300.00'], ['2024-04-30', '300.00'], ['2024-05-31', '300.00']])
    assert.deepEqual([done.credit_note.kind, done.credit_note.total], ['credit_note', '-900.00'])
    assert.deepEqual([done.plan_document.kind, done.plan_document.total, done.plan_document.installments.length], ['debit_note', '900.00', 3])
    assert.deepEqual(done.events.map((e) => e.id), ['RS-1:issued', 'RS-1:applied:INV-1', 'PLAN-1:issued'])
    // the host applies the events: the balance is unchanged, the plan's debit note is open
    for (const event of done.events) account.apply(event)
    assert.equal(account.balance(), '900.00')
    assert.deepEqual(account.openItems().map((i) => [i.document, i.due_date, i.open]), [
      ['PLAN-1', '2024-03-31', '300.00'],
      ['PLAN-1', '2024-04-30', '300.00'],
      ['PLAN-1', '2024-05-31', '300.00'],
    ])
  })

  test('errors', () => {
    const account = ar.Account.replay(config, history, '2024-03-01')
    throwsCode(
      () => ar.reschedule(account, '2024-01-05', request),
      'account_after_as_of',
      'the account has events up to `2024-01-10`, after the rescheduling date `2024-01-05`; replay it as of that date',
    )
    // due 10 Jan is not overdue on 10 Jan
    throwsCode(() => ar.reschedule(account, '2024-01-10', request), 'nothing_to_reschedule', 'nothing to reschedule as of `2024-01-10`: no overdue receivable item outside disputes')
    throwsCode(
      () => ar.reschedule(account, '2024-03-01', { ...request, plan: { type: 'split', terms: { due: monthly('2024-02-01', 3) } } }),
      'plan_starts_before_as_of',
      "the plan's first due date `2024-02-01` is before the rescheduling date `2024-03-01`",
    )
    throwsCode(() => ar.reschedule(account, '2024-03-01', { ...request, items: [{ document: 'GONE', installment: 0 }] }), 'invalid_reschedule_item', /^item `GONE` installment 0 cannot be rescheduled: /)
    throwsCode(() => ar.reschedule(account, '2024-03-01', { ...request, plan_document: 'INV-1' }), 'duplicate_document', 'duplicate document id `INV-1`')
    throwsCode(() => ar.reschedule(account, '2024-03-01', { ...request, credit_note: '' }), 'empty_id', 'a document id must not be empty')
    throwsCode(() => ar.reschedule(account, '2024-03-01', { ...request, plan: undefined }), 'invalid_json', 'invalid json in `request`: missing field `plan`')
    // an account, not its config or its state
    throwsCode(() => ar.reschedule(config, '2024-03-01', request), 'InvalidArg')
    throwsCode(() => ar.reschedule(account.toJSON(), '2024-03-01', request), 'InvalidArg')
  })
})
