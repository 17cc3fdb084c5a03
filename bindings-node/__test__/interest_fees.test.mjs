// Interest and fees from Node (ar_core::interest, ar_core::fees): day counts, accrual, rate
// tables and presets, interest charges, fee runs, waivers, every error kind. Expected values
// are worked by hand in the comments (ISDA 2006 4.16 day counts, the statutes' rules, or
// docs/json.md's worked examples); messages follow docs/errors.md.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { ar, throwsCode } from './helpers.mjs'

const { Account } = ar

describe('day counts', () => {
  test('days and exact year fractions', () => {
    // 31 Jan -> 1 Mar 2024: 30 actual days; 30/365 = 6/73, 30/360 = 1/12
    assert.equal(ar.dayCountDays('actual_365_fixed', '2024-01-31', '2024-03-01'), 30)
    assert.equal(ar.yearFraction('actual_365_fixed', '2024-01-31', '2024-03-01'), '6/73')
    assert.equal(ar.yearFraction('actual_360', '2024-01-31', '2024-03-01'), '1/12')
    // Actual/Actual (ISDA): 31 days of 2023 (1 Dec to 1 Jan) / 365 + 30 days of 2024 / 366
    // = (31 × 366 + 30 × 365) / (365 × 366) = 22296 / 133590 = 3716 / 22265
    assert.equal(ar.dayCountDays('actual_actual_isda', '2023-12-01', '2024-01-31'), 61)
    assert.equal(ar.yearFraction('actual_actual_isda', '2023-12-01', '2024-01-31'), '3716/22265')
    // 30/360 from 28 Feb to 31 Mar: D1 = 28 stays, so D2 = 31 stays: 30 + 3 = 33 -> 11/120;
    // 30E/360: D2 31 -> 30: 32 -> 4/45
    assert.equal(ar.dayCountDays('thirty_360', '2024-02-28', '2024-03-31'), 33)
    assert.equal(ar.yearFraction('thirty_360', '2024-02-28', '2024-03-31'), '11/120')
    assert.equal(ar.dayCountDays('thirty_e_360', '2024-02-28', '2024-03-31'), 32)
    assert.equal(ar.yearFraction('thirty_e_360', '2024-02-28', '2024-03-31'), '4/45')
    assert.equal(ar.yearFraction('actual_360', '2024-01-31', '2024-01-31'), '0/1')
  })

  test('errors', () => {
    for (const call of [ar.dayCountDays, ar.yearFraction]) {
      throwsCode(() => call('actual_360', '2024-03-01', '2024-02-01'), 'invalid_day_count_period', 'day-count period from 2024-03-01 to 2024-02-01 ends before it starts')
      throwsCode(() => call('act_365', '2024-01-01', '2024-02-01'), 'InvalidArg', /`DayCount`/)
      throwsCode(() => call('actual_360', '2024-01-01', '2024-02-30'), 'invalid_date')
    }
  })

  test('roundFraction', () => {
    // 840/73 = 11.5068...; 1/8 = 0.125, a tie
    assert.equal(ar.roundFraction('840/73', 2), '11.51')
    assert.equal(ar.roundFraction('1/8', 2), '0.13')
    assert.equal(ar.roundFraction('1/8', 2, 'half_even'), '0.12')
    assert.equal(ar.roundFraction('-1/8', 2, 'half_up'), '-0.13')
    assert.equal(ar.roundFraction('62/360', 4, 'down'), '0.1722')
    throwsCode(() => ar.roundFraction('1/0', 2), 'invalid_fraction_text', 'invalid fraction `1/0`: expected `numerator/denominator` with a non-zero denominator')
    throwsCode(() => ar.roundFraction('0.5', 2), 'invalid_fraction_text')
    throwsCode(() => ar.roundFraction('1/3', 29), 'overflow')
    throwsCode(() => ar.roundFraction('1/3', 1.5), 'InvalidArg', '`scale` must be a whole number from 0 to 4294967295, got `1.5`')
  })
})

describe('accrue', () => {
  const input = {
    currency: 'EUR', principal: '1000.00', due_date: '2024-01-31', as_of: '2024-03-31',
    changes: [{ date: '2024-02-15', amount: '400.00', reason: 'payment P-1' }],
    rates: { type: 'fixed', percent: '10' },
  }

  test('split at a payment (docs/json.md "interest-example")', () => {
    // 1000.00 × 10 % × 15/365 = 300/73 and 600.00 × 10 % × 45/365 = 540/73: 840/73 = 11.5068...
    // -> 11.51; shares 4.10 + 7.39 take one cent each by their remainders .96 and .73
    const b = ar.accrue(input)
    assert.deepEqual([b.currency, b.due_date, b.as_of, b.total_exact, b.total, b.capitalised], ['EUR', '2024-01-31', '2024-03-31', '840/73', '11.51', undefined])
    assert.deepEqual(b.periods.map((p) => [p.from, p.to, p.days, p.basis_days, p.principal, p.rate, p.year_fraction, p.interest_exact, p.interest]), [
      ['2024-02-01', '2024-02-15', 15, 15, '1000.00', '10', '3/73', '300/73', '4.11'],
      ['2024-02-16', '2024-03-31', 45, 45, '600.00', '10', '9/73', '540/73', '7.40'],
    ])
    assert.deepEqual(ar.accrue(JSON.stringify(input)), b)
  })

  test('the due date earns nothing; the day after earns one day', () => {
    const none = ar.accrue({ ...input, as_of: '2024-01-31', changes: [] })
    assert.deepEqual([none.total, none.total_exact, none.periods], ['0.00', '0/1', []])
    // 1000.00 × 10 % / 365 = 20/73 = 0.2739... -> 0.27
    const one = ar.accrue({ ...input, as_of: '2024-02-01', changes: [] })
    assert.deepEqual([one.total_exact, one.total, one.periods.length], ['20/73', '0.27', 1])
  })

  test('compound monthly on 30/360: (1 + 12 %/12)^12 - 1', () => {
    // every month from the 15th is 30 days on 30/360: 1 % a month; 1000 × (1.01^12 - 1) =
    // 126.8250301319697... -> 126.83
    const b = ar.accrue({
      currency: 'EUR', principal: '1000.00', due_date: '2024-01-15', as_of: '2025-01-15',
      rates: { type: 'fixed', percent: '12' }, method: { day_count: 'thirty_360', compounding: 'monthly' },
    })
    assert.equal(b.total, '126.83')
    assert.equal(b.periods.length, 12)
  })

  test('errors', () => {
    throwsCode(() => ar.accrue({ ...input, principal: '-1.00', changes: [] }), 'negative_principal', 'principal `-1.00` must not be negative')
    throwsCode(() => ar.accrue({ ...input, changes: [{ date: '2024-02-15', amount: '0.00' }] }), 'invalid_principal_change', /^principal change of `0.00` on 2024-02-15 is invalid: /)
    throwsCode(
      () => ar.accrue({ ...input, rates: { type: 'table', rates: [{ from: '2024-03-01', percent: '5' }] } }),
      'missing_interest_rate',
      'no interest rate in force on 2024-02-01: the rate table has no rate from that day or earlier',
    )
    throwsCode(() => ar.accrue({ ...input, rates: { type: 'fixed', percent: '-2' } }), 'negative_interest_rate', 'interest rate `-2` % in force from 2024-02-01 is negative')
    const eu = { type: 'eu_late_payment', reference_rates: [{ from: '2023-09-20', percent: '4.50' }] }
    throwsCode(
      () => ar.accrue({ ...input, rates: eu, method: { compounding: 'monthly' } }),
      'statutory_interest_is_simple',
      'statutory late-payment interest is simple interest; compounding `monthly` is not allowed',
    )
    throwsCode(
      () => ar.accrue({ ...input, rates: { ...eu, reference_rates: [{ from: '2024-03-01', percent: '4.50' }] } }),
      'missing_reference_rate',
      'no EU 2011/7/EU (ECB MRO) reference rate in force on 2024-01-01',
    )
    throwsCode(
      () => ar.accrue({ ...input, as_of: '9999-12-31', changes: [], method: { compounding: 'daily' } }),
      'too_many_periods',
      'interest accrual needs more than 100000 periods; shorten the range or compound less often',
    )
    throwsCode(() => ar.accrue({ ...input, principal: 1000 }), 'invalid_json', /^invalid json in `input.principal`: invalid type: integer `1000`/)
    throwsCode(() => ar.accrue({ ...input, method: { day_count: 'act_360' } }), 'invalid_json', /^invalid json in `input.method.day_count`: unknown variant `act_360`/)
  })
})

describe('ratesFor and rateOn', () => {
  test('fixed, table, EU by half-year, UK fixed for the whole delay', () => {
    assert.deepEqual(ar.ratesFor({ type: 'fixed', percent: '10' }, '2024-01-31', '2024-03-31'), [{ from: '2024-02-01', percent: '10' }])
    const table = [{ from: '2024-01-01', percent: '6' }, { from: '2024-04-01', percent: '9' }]
    assert.deepEqual(ar.ratesFor({ type: 'table', rates: table }, '2024-01-31', '2024-06-30'), table)
    // EU: interest from 1 Jun 2024; the reference rate on 1 Jan (4.50) + 8 for January-June,
    // on 1 Jul (4.25, from 12 Jun) + 8 for July-December
    const eu = { type: 'eu_late_payment', reference_rates: [{ from: '2023-09-20', percent: '4.50' }, { from: '2024-06-12', percent: '4.25' }] }
    assert.deepEqual(ar.ratesFor(eu, '2024-05-31', '2024-08-31').map((r) => [r.from, r.percent]), [['2024-01-01', '12.50'], ['2024-07-01', '12.25']])
    // UK: interest from 1 Feb 2024 (January-June): Bank Rate on 31 Dec 2023 (5.25) + 8, for good
    const uk = { type: 'uk_late_payment', reference_rates: [{ from: '2023-08-03', percent: '5.25' }, { from: '2024-08-01', percent: '5.00' }] }
    const ukRates = ar.ratesFor(uk, '2024-01-31', '2024-12-31')
    assert.deepEqual(ukRates.map((r) => [r.from, r.percent]), [['2024-02-01', '13.25']])
    assert.match(ukRates[0].note, /Late Payment of Commercial Debts \(Interest\) Act 1998/)
    throwsCode(() => ar.ratesFor({ ...uk, reference_rates: [] }, '2024-01-31', '2024-12-31'), 'missing_reference_rate', 'no UK 1998 Act (Bank Rate) reference rate in force on 2023-12-31')
    throwsCode(() => ar.ratesFor({ type: 'floating' }, '2024-01-31', '2024-12-31'), 'invalid_json', /^invalid json in `rates/)
  })

  test('the statutory presets as rate sources, with the statutes\' 8 points', () => {
    const ecb = [{ from: '2023-09-20', percent: '4.50' }]
    assert.deepEqual(ar.euLatePaymentRates(ecb), { type: 'eu_late_payment', reference_rates: ecb, margin: '8' })
    assert.deepEqual(ar.ukLatePaymentRates(JSON.stringify(ecb)), { type: 'uk_late_payment', reference_rates: ecb, margin: '8' })
    // the same rate as the JSON without a margin: 4.50 + 8 = 12.50 from 1 Jan
    assert.deepEqual(ar.ratesFor(ar.euLatePaymentRates(ecb), '2024-01-31', '2024-03-31'), ar.ratesFor({ type: 'eu_late_payment', reference_rates: ecb }, '2024-01-31', '2024-03-31'))
    assert.equal(ar.ratesFor(ar.euLatePaymentRates(ecb), '2024-01-31', '2024-03-31')[0].percent, '12.50')
    throwsCode(() => ar.euLatePaymentRates([{ from: '2023-09-20', rate: '4.50' }]), 'invalid_json', /^invalid json in `referenceRates\[0\]/)
  })

  test('rateOn: the latest on or before the day', () => {
    const table = [{ from: '2024-04-01', percent: '9' }, { from: '2024-01-01', percent: '6', note: 'base' }]
    assert.deepEqual(ar.rateOn(table, '2024-03-31'), { from: '2024-01-01', percent: '6', note: 'base' })
    assert.deepEqual(ar.rateOn(table, '2024-04-01'), { from: '2024-04-01', percent: '9' })
    assert.equal(ar.rateOn(table, '2023-12-31'), null)
    throwsCode(() => ar.rateOn([{ from: '2024-01-01', percent: 6 }], '2024-03-31'), 'invalid_json', /^invalid json in `rates\[0\]\.percent`/)
  })
})

const config = { customer: 'ACME', currency: 'EUR' }
const invoiceEvent = (id, amount, date = '2024-01-01', terms = 'Net 30', currency = 'EUR') => ({
  id: `e-${id}`,
  date,
  body: {
    type: 'document_issued',
    document: ar.issueSimple({ kind: 'invoice', id, customer: 'ACME', date, currency, amount, terms: new ar.Terms(terms) }),
  },
})
const payment = (id, date, amount, document, currency = 'EUR') => ({
  id: `e-${id}`,
  date,
  body: { type: 'payment_received', payment_id: id, amount, currency, remittance: [{ document, amount }] },
})
const issuing = (document, date) => ({ id: `e-${document.id}`, date, body: { type: 'document_issued', document } })

describe('interest on an account', () => {
  // INV-1 1000.00 due 31 Jan (1 Jan + 30 days); 400.00 paid on 15 Feb
  const history = [invoiceEvent('INV-1', '1000.00'), payment('P-1', '2024-02-15', '400.00', 'INV-1')]

  test('principalChanges', () => {
    const account = Account.replay(config, history, '2024-03-31')
    assert.deepEqual(ar.principalChanges(account, 'INV-1', 0, '2024-03-31'), {
      document: 'INV-1',
      installment: 0,
      due_date: '2024-01-31',
      original: '1000.00',
      changes: [{ date: '2024-02-15', amount: '400.00', reason: 'payment P-1' }],
      outstanding: '600.00',
    })
    throwsCode(() => ar.principalChanges(account, 'GONE', 0, '2024-03-31'), 'unknown_document', 'unknown document `GONE`')
    throwsCode(() => ar.principalChanges(account, 'INV-1', 3, '2024-03-31'), 'unknown_installment', 'document `INV-1` has no installment 3')
    throwsCode(() => ar.principalChanges(account, 'INV-1', -1, '2024-03-31'), 'InvalidArg')
  })

  test('accrueAccount charges the interest once: running it again charges nothing', () => {
    const account = Account.replay(config, history, '2024-03-31')
    const policy = { rates: { type: 'fixed', percent: '10' } }
    // the same interest as accrue's example: 11.51
    const run = ar.accrueAccount(account, policy, '2024-03-31')
    assert.deepEqual([run.as_of, run.currency, run.accrued, run.to_charge], ['2024-03-31', 'EUR', '11.51', '11.51'])
    assert.deepEqual([run.items.length, run.items[0].accrued.total, run.items[0].outstanding, run.items[0].already_charged], [1, '11.51', '600.00', '0.00'])
    assert.equal(run.charges.length, 1)
    const charge = run.charges[0]
    assert.deepEqual([charge.kind, charge.total, charge.date, charge.id], ['interest_charge', '11.51', '2024-03-31', 'INT-INV-1/0/2024-03-31'])
    assert.deepEqual(
      [charge.charge_for.document, charge.charge_for.installment, charge.charge_for.key, charge.charge_for.through],
      ['INV-1', 0, 'through-2024-03-31', '2024-03-31'],
    )
    account.apply(issuing(charge, '2024-03-31'))
    const again = ar.accrueAccount(account, policy, '2024-03-31')
    assert.deepEqual([again.to_charge, again.charges, again.items[0].already_charged, again.items[0].charged_by], ['0.00', [], '11.51', [charge.id]])
    // the ledger refuses a copy under another id
    throwsCode(() => account.apply(issuing({ ...charge, id: 'INT-COPY' }, '2024-03-31')), 'duplicate_charge', /^`INT-COPY` is a second charge for `INV-1` with key `through-2024-03-31`/)
  })

  test('errors', () => {
    const account = Account.replay(config, history, '2024-03-31')
    throwsCode(() => ar.accrueAccount(account, { rates: { type: 'table', rates: [] } }, '2024-03-31'), 'missing_interest_rate')
    throwsCode(() => ar.accrueAccount(account, { rate: { type: 'fixed', percent: '8' } }, '2024-03-31'), 'invalid_json', /^invalid json in `policy.rate`: unknown field `rate`/)
    throwsCode(() => ar.accrueAccount(config, { rates: { type: 'fixed', percent: '8' } }, '2024-03-31'), 'InvalidArg')
  })
})

describe('fees', () => {
  const lateFee = { levels: [{ level: 1, grace_days: 10, fee: { type: 'fixed', amount: '25.00' }, label: 'late fee' }] }

  test('the grace period: its last day charges nothing, the day after 25.00', () => {
    const account = Account.replay(config, [invoiceEvent('INV-1', '1200.00')], '2024-02-11')
    // due 31 Jan + 10 days of grace: 10 Feb is the last day of grace
    assert.deepEqual(ar.assessFees(account, lateFee, '2024-02-10'), { as_of: '2024-02-10', currency: 'EUR', charges: [], total: '0.00' })
    const run = ar.assessFees(account, lateFee, '2024-02-11')
    assert.equal(run.total, '25.00')
    assert.deepEqual(run.charges[0].document, {
      id: 'FEE-INV-1/level-1',
      kind: 'fee_charge',
      customer: 'ACME',
      date: '2024-02-11',
      currency: 'EUR',
      total: '25.00',
      installments: [{ due_date: '2024-02-11', amount: '25.00' }],
      charge_for: { document: 'INV-1', key: 'level-1' },
    })
    const { document, reason, ...rest } = run.charges[0]
    assert.deepEqual(rest, { charged_for: 'INV-1', level: 1, key: 'level-1', applies_from: '2024-02-11', basis: '1200.00' })
  })

  test('percent with a cap; the EU and UK presets', () => {
    // 5 % of 1200.00 = 60.00, capped at 50.00
    const account = Account.replay(config, [invoiceEvent('INV-1', '1200.00')], '2024-03-01')
    const capped = { levels: [{ level: 1, fee: { type: 'percent', percent: '5' }, cap: '50.00' }] }
    assert.equal(ar.assessFees(account, capped, '2024-02-01').total, '50.00')
    // EU art. 6: EUR 40.00 from the day after the due date
    const eu = ar.euLatePaymentCompensation()
    assert.deepEqual([eu.currency, eu.levels[0].fee, eu.levels[0].grace_days], ['EUR', { type: 'fixed', amount: '40.00' }, 0])
    assert.equal(ar.assessFees(account, eu, '2024-02-01').total, '40.00')
    assert.equal(ar.assessFees(account, eu, '2024-01-31').total, '0.00')
    // UK s.5A on GBP debts: 40.00 below 1000.00, 70.00 from 1000.00, 100.00 from 10000.00
    const uk = ar.ukLatePaymentCompensation()
    assert.deepEqual(uk.levels[0].fee.tiers.map((t) => [t.from, t.fee.amount]), [['0.00', '40.00'], ['1000.00', '70.00'], ['10000.00', '100.00']])
    const gbp = { customer: 'ACME', currency: 'GBP' }
    const fixedSum = (amount) => ar.assessFees(Account.replay(gbp, [invoiceEvent('INV-1', amount, '2024-01-01', 'Net 30', 'GBP')], '2024-02-01'), uk, '2024-02-01').total
    assert.deepEqual(['999.99', '1000.00', '9999.99', '10000.00'].map(fixedSum), ['40.00', '70.00', '70.00', '100.00'])
    throwsCode(() => ar.assessFees(account, uk, '2024-02-01'), 'currency_mismatch', 'currency mismatch: `GBP` and `EUR`')
  })

  test('validateFeePolicy and the policy errors', () => {
    const account = Account.replay(config, [invoiceEvent('INV-1', '1200.00')], '2024-03-01')
    assert.equal(ar.validateFeePolicy(lateFee), undefined)
    assert.equal(ar.validateFeePolicy(ar.ukLatePaymentCompensation()), undefined)
    const twice = { levels: [lateFee.levels[0], lateFee.levels[0]] }
    const negative = { levels: [{ level: 2, fee: { type: 'fixed', amount: '-1.00' } }] }
    const noTiers = { levels: [{ level: 3, fee: { type: 'graduated', tiers: [] } }] }
    for (const call of [(p) => ar.validateFeePolicy(p), (p) => ar.assessFees(account, p, '2024-03-01')]) {
      throwsCode(() => call(twice), 'duplicate_fee_level', 'fee level 1 appears twice')
      throwsCode(() => call(negative), 'invalid_fee', 'fee level 2 is invalid: amount `-1.00` is negative')
      throwsCode(() => call(noTiers), 'invalid_fee_tiers', 'fee tiers of level 3 are invalid: there must be at least one tier')
      throwsCode(() => call({ levels: [{ level: 1, fee: { type: 'fixed', amount: 25 } }] }), 'invalid_json', /^invalid json in `policy.levels\[0\]\.fee/)
    }
  })
})

describe('waiveUnpaidCharges', () => {
  test('a fee left open once its principal is paid: waived, or claimable', () => {
    const fee = ar.issueSimple({
      kind: 'fee_charge', id: 'FEE-1', customer: 'ACME', date: '2024-02-05', currency: 'EUR',
      amount: '40.00', charge_for: { document: 'INV-1', key: 'level-1' },
    })
    assert.deepEqual(fee.charge_for, { document: 'INV-1', key: 'level-1' })
    const open = [invoiceEvent('INV-1', '100.00'), issuing(fee, '2024-02-05')]
    // the principal still open: nothing to waive
    assert.deepEqual(ar.waiveUnpaidCharges(Account.replay(config, open, '2024-02-20'), 'waive', '2024-02-20'), [])
    const account = Account.replay(config, [...open, payment('P-1', '2024-02-10', '100.00', 'INV-1')], '2024-02-20')
    assert.deepEqual(ar.waiveUnpaidCharges(account, 'claimable', '2024-02-20'), [])
    const waivers = ar.waiveUnpaidCharges(account, 'waive', '2024-02-20')
    assert.equal(waivers.length, 1)
    const { reason, ...w } = waivers[0]
    assert.deepEqual(w, {
      document: 'FEE-1',
      charged_for: 'INV-1',
      installment: 0,
      amount: '40.00',
      event: { type: 'written_off', document: 'FEE-1', installment: 0, amount: '40.00', reason_code: 'waived_principal_paid' },
    })
    account.apply({ id: 'w1', date: '2024-02-20', body: w.event })
    assert.equal(account.balance(), '0.00')
    throwsCode(() => ar.waiveUnpaidCharges(account, 'forgive', '2024-02-20'), 'InvalidArg', /`UnpaidChargesPolicy`/)
  })

  test('charge_for is refused on a document that is not a charge', () => {
    throwsCode(
      () => ar.issueSimple({ kind: 'invoice', id: 'INV-9', customer: 'ACME', date: '2024-01-01', currency: 'EUR', amount: '1.00', charge_for: { document: 'INV-1', key: 'k' } }),
      'invalid_charge_for',
      /^charge reference of `INV-9` is invalid: /,
    )
  })
})

describe('the account is borrowed for the call', () => {
  test('a policy whose toJSON changes the account is refused, and the account is unchanged', () => {
    const account = Account.replay(config, [invoiceEvent('INV-1', '1200.00')], '2024-03-01')
    const before = account.toJSON()
    const event = { id: 'x', date: '2024-03-01', body: { type: 'invoice_opened', document: 'INV-1' } }
    const sneaky = { toJSON: () => (account.apply(event), { levels: [] }) }
    const cannot = /^invalid json in `policy`: cannot be written as json: /
    throwsCode(() => ar.assessFees(account, sneaky, '2024-03-01'), 'invalid_json', cannot)
    throwsCode(() => ar.accrueAccount(account, sneaky, '2024-03-01'), 'invalid_json', cannot)
    throwsCode(() => ar.reschedule(account, '2024-03-01', sneaky), 'invalid_json', /^invalid json in `request`: cannot be written as json: /)
    assert.equal(account.toJSON(), before)
    // reading it is fine
    const reader = { toJSON: () => (account.balance(), { levels: [] }) }
    assert.equal(ar.assessFees(account, reader, '2024-03-01').total, '0.00')
  })
})
