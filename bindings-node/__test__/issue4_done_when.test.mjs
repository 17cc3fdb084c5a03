// The done-when cases of issue 4, from Node, with the expectations worked by hand:
// - 2/10 net 30 costs 2/98 × 365/20 = 730/1960 = 0.372448979... a year, simple, on a 365-day
//   year: 37.24 % (stated to 2 places, half up; 10 places for the rate);
// - 1 000.00 in 3 monthly installments from 31 Jan 2024: 1000.00 / 3 = 333.33 (half up) each,
//   the 0.01 residual on the first (the documented placement), due on the anchor's day
//   clamped to each month: 31 Jan, 29 Feb (2024 is a leap year), 31 Mar; summing to 1000.00;
// - the fee policy run twice on the same account and level charges once: the second run, after
//   the first run's charge is issued, proposes nothing and says it was already charged; the
//   ledger refuses the same charge under any other id.
// And examples/discounts_plans_interest.mjs runs and prints what its comments promise.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, test } from 'node:test'

import { ar, sum, throwsCode } from './helpers.mjs'

describe("issue 4's done-when cases", () => {
  test('2/10 net 30: simple annual cost on a 365-day year is 37.24 %', () => {
    const cost = ar.annualizedCost('2', 10, 30, 'days_365')
    assert.equal(cost.year, 'days_365')
    assert.equal(cost.simple_percent, '37.24')
    assert.equal(cost.simple_rate, '0.3724489796')
  })

  test('1 000.00 in 3 monthly installments from 31 Jan 2024: 31 Jan, 29 Feb, 31 Mar as 333.34 + 333.33 + 333.33', () => {
    const plan = ar.installmentPlan('1000.00', 'EUR', {
      due: { type: 'periodic', frequency: 'monthly', first_due: '2024-01-31', count: 3 },
    })
    assert.deepEqual(
      plan.installments.map((i) => [i.due_date, i.amount]),
      [['2024-01-31', '333.34'], ['2024-02-29', '333.33'], ['2024-03-31', '333.33']],
    )
    assert.equal(sum(plan.installments.map((i) => i.amount), 2), '1000.00')
    assert.equal(plan.total, '1000.00')
  })

  test('the fee policy run twice on the same account and level charges once', () => {
    const account = new ar.Account({ customer: 'ACME', currency: 'EUR' })
    const invoice = ar.issueSimple({
      kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-01', currency: 'EUR',
      amount: '1200.00', terms: new ar.Terms('Net 30'),
    })
    account.apply({ id: 'e1', date: '2024-01-01', body: { type: 'document_issued', document: invoice } })
    const policy = { levels: [{ level: 1, grace_days: 10, fee: { type: 'fixed', amount: '25.00' } }] }
    const issue = (document, id = document.id) =>
      account.apply({ id: `${id}:issued`, date: document.date, body: { type: 'document_issued', document } })

    // first run, the day after the grace (31 Jan + 10 days + 1): one fee of 25.00
    const first = ar.assessFees(account, policy, '2024-02-11')
    assert.equal(first.total, '25.00')
    assert.equal(first.charges.length, 1)
    const fee = first.charges[0].document
    assert.deepEqual(fee.charge_for, { document: 'INV-1', key: 'level-1' })
    issue(fee)

    // second run, the same day and later: nothing, because level 1 of INV-1 is charged
    for (const day of ['2024-02-11', '2024-03-31']) {
      const again = ar.assessFees(account, policy, day)
      assert.deepEqual([again.total, again.charges], ['0.00', []])
      assert.equal(again.skipped.length, 1)
      assert.deepEqual([again.skipped[0].charged_for, again.skipped[0].key], ['INV-1', 'level-1'])
      assert.match(again.skipped[0].reason, /FEE-INV-1\/level-1/)
    }
    // a host that issues the first run's fee again, under another id, is refused
    throwsCode(() => issue({ ...fee, id: 'FEE-AGAIN' }), 'duplicate_charge', /^`FEE-AGAIN` is a second charge for `INV-1` with key `level-1`/)
    assert.equal(account.balance(), '1225.00')
  })
})

test('examples/discounts_plans_interest.mjs prints the worked cases', () => {
  // interest: 1200.00 × 8 % × 60/365 (1 Feb to 31 Mar) = 5760/365 = 15.78...; the balance
  // 1200.00 + 25.00 + 15.78 = 1240.78; the net-base early amount 1210.00 - 2 % of 1000.00
  const script = fileURLToPath(new URL('../examples/discounts_plans_interest.mjs', import.meta.url))
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' })
  assert.equal(run.stderr, '')
  assert.equal(run.status, 0)
  assert.equal(
    run.stdout,
    [
      '2/10 net 30: 37.24 % simple, 44.59 % compounded',
      'net base: 1190.00 by the deadline, 1210.00 after',
      'installment 1: 2024-01-31 333.34',
      'installment 2: 2024-02-29 333.33',
      'installment 3: 2024-03-31 333.33',
      'on 2024-03-15: in_arrears, 333.33 overdue',
      'fees on 2024-02-11: 25.00',
      'fees on 2024-02-20: 0.00 (already charged: 1)',
      'interest run 1: accrued 15.78, charged 15.78',
      'interest run 2: accrued 15.78, charged 0.00',
      'balance 1240.78',
      'plan_amount_too_small',
      '',
    ].join('\n'),
  )
})
