// Early-payment discounts from Node (ar_core::discounts): every function with exact strings
// and every error kind with its message. Expected values are worked by hand in the comments
// (or taken from docs/json.md's worked examples, themselves worked by hand); messages follow
// the templates of docs/errors.md. Never copied from the engine's output.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { ar, throwsCode } from './helpers.mjs'

const vat21 = { net: '1000.00', taxes: [{ percent: '21', base: '1000.00' }] }

describe('earlyPaymentAmounts', () => {
  test('1000.00 net with 21 % VAT and 2 %: the three tax-base modes', () => {
    // gross: tax 210.00, gross 1210.00, 2 % of 1210.00 = 24.20 off, 1185.80 early
    const gross = ar.earlyPaymentAmounts(vat21, 'EUR', '2', 'gross')
    assert.deepEqual(
      [gross.discount_base, gross.net, gross.tax, gross.gross, gross.discount, gross.due_early, gross.due_late],
      ['gross', '1000.00', '210.00', '1210.00', '24.20', '1185.80', '1210.00'],
    )
    assert.equal(typeof gross.reason, 'string')
    // net: 2 % of 1000.00 = 20.00 off the same gross: 1190.00 early
    const net = ar.earlyPaymentAmounts(vat21, 'EUR', '2', 'net')
    assert.deepEqual([net.tax, net.discount, net.due_early, net.due_late], ['210.00', '20.00', '1190.00', '1210.00'])
    // mixed: VAT on 980.00 = 205.80, gross 1205.80, 20.00 off: 1185.80 early, 1205.80 late
    const mixed = ar.earlyPaymentAmounts(vat21, 'EUR', '2', 'mixed')
    assert.deepEqual(
      [mixed.tax, mixed.gross, mixed.discount, mixed.due_early, mixed.due_late],
      ['205.80', '1205.80', '20.00', '1185.80', '1205.80'],
    )
  })

  test('options: which amount is rounded, and the rounding mode', () => {
    // 2 % of 100.25 = 2.005 exactly: the discount half up 2.01 (98.24 due); the amount due
    // 98.245 half up 98.25 (2.00 off); the discount half even 2.00 (98.25 due)
    const amount = { net: '100.25' }
    const due = (options) => {
      const e = ar.earlyPaymentAmounts(amount, 'EUR', '2', 'gross', options)
      return [e.discount, e.due_early]
    }
    assert.deepEqual(due(), ['2.01', '98.24'])
    assert.deepEqual(due({ discountRounding: 'discount' }), ['2.01', '98.24'])
    assert.deepEqual(due({ discountRounding: 'amount_due' }), ['2.00', '98.25'])
    assert.deepEqual(due({ rounding: 'half_even' }), ['2.00', '98.25'])
    assert.deepEqual(due({ rounding: 'up' }), ['2.01', '98.24'])
  })

  test('the amount as JSON text', () => {
    assert.deepEqual(ar.earlyPaymentAmounts(JSON.stringify(vat21), 'EUR', '2', 'net'), ar.earlyPaymentAmounts(vat21, 'EUR', '2', 'net'))
  })

  test('errors', () => {
    throwsCode(() => ar.earlyPaymentAmounts(vat21, 'EUR', '101', 'gross'), 'invalid_discount_percent', 'discount percent `101` is out of range 0..=100')
    throwsCode(() => ar.earlyPaymentAmounts(vat21, 'EUR', '-1', 'gross'), 'invalid_discount_percent', 'discount percent `-1` is out of range 0..=100')
    throwsCode(
      () => ar.earlyPaymentAmounts({ net: '100.00', taxes: [{ percent: '-1', base: '100.00' }] }, 'EUR', '2', 'gross'),
      'invalid_tax_percent',
      'tax percent `-1` must not be negative',
    )
    throwsCode(() => ar.earlyPaymentAmounts({ net: '0.00' }, 'EUR', '2', 'gross'), 'amount_not_positive', 'net amount `0.00` must be greater than zero')
    throwsCode(
      () => ar.earlyPaymentAmounts({ net: '100.005' }, 'EUR', '2', 'gross'),
      'amount_not_rounded',
      'amount `100.005` is not a multiple of the rounding unit `0.01`; round it first',
    )
    throwsCode(() => ar.earlyPaymentAmounts(vat21, 'XYZ', '2', 'gross'), 'unknown_currency', 'unknown currency `XYZ`')
    throwsCode(() => ar.earlyPaymentAmounts(vat21, 'XAU', '2', 'gross'), 'no_minor_unit')
    throwsCode(() => ar.earlyPaymentAmounts(vat21, 'EUR', '2 %', 'gross'), 'invalid_amount', 'invalid amount `2 %`: expected a decimal number such as `1234.50`')
    throwsCode(
      () => ar.earlyPaymentAmounts({ net: 1000 }, 'EUR', '2', 'gross'),
      'invalid_json',
      'invalid json in `amount.net`: invalid type: integer `1000`, expected a Decimal type representing a fixed-point number; decimals are strings such as `"12.30"`, never numbers',
    )
    throwsCode(() => ar.earlyPaymentAmounts({ net: '1.00', tax: [] }, 'EUR', '2', 'gross'), 'invalid_json', /^invalid json in `amount.tax`: unknown field `tax`/)
    throwsCode(() => ar.earlyPaymentAmounts(vat21, 'EUR', '2', 'total'), 'InvalidArg', /`DiscountBase`/)
    throwsCode(() => ar.earlyPaymentAmounts(vat21, 'EUR', 2, 'gross'), 'StringExpected')
  })
})

const offers = [
  { deadline: '2024-01-11', discount: '3.00', amount_due: '97.00' },
  { deadline: '2024-01-21', discount: '2.00', amount_due: '98.00' },
]

describe('bestOffer and earnedDiscount', () => {
  test('the deadline day counts; then the next tier; then nothing', () => {
    assert.deepEqual(ar.bestOffer(offers, '2024-01-11'), { tier: 0, offer: offers[0] })
    assert.deepEqual(ar.bestOffer(offers, '2024-01-12'), { tier: 1, offer: offers[1] })
    assert.equal(ar.bestOffer(offers, '2024-01-22'), null)
    assert.equal(ar.bestOffer([], '2024-01-01'), null)
    // a tie goes to the first listed
    const tie = [{ ...offers[1], deadline: '2024-01-11' }, offers[1]]
    assert.equal(ar.bestOffer(tie, '2024-01-05').tier, 0)
  })

  test('earnedDiscount: what a payment date earns on 100.00', () => {
    assert.deepEqual(ar.earnedDiscount('100.00', offers, '2024-01-11'), {
      date: '2024-01-11',
      tier: 0,
      deadline: '2024-01-11',
      discount: '3.00',
      amount_due: '97.00',
      reason: 'paid 2024-01-11, on or before the deadline 2024-01-11 of tier 1: 3.00 off, 97.00 settles',
    })
    const second = ar.earnedDiscount('100.00', JSON.stringify(offers), '2024-01-21')
    assert.deepEqual([second.tier, second.discount, second.amount_due], [1, '2.00', '98.00'])
    // after the last deadline: no tier, no deadline (absent, not null), zero with the scale
    assert.deepEqual(ar.earnedDiscount('100.00', offers, '2024-01-22'), {
      date: '2024-01-22',
      discount: '0.00',
      amount_due: '100.00',
      reason: 'paid 2024-01-22, after the last discount deadline 2024-01-21: no discount',
    })
    assert.equal(ar.earnedDiscount('50.00', [], '2024-01-01').reason, 'no early-payment discount is offered')
  })

  test('earnedDiscount checks the offers against the amount', () => {
    throwsCode(
      () => ar.earnedDiscount('100.00', [{ deadline: '2024-01-11', discount: '3.00', amount_due: '96.00' }], '2024-01-01'),
      'inconsistent_offer',
      'offer with deadline `2024-01-11`: amount due `96.00` is not the amount `100.00` less the discount `3.00`',
    )
    throwsCode(
      () => ar.earnedDiscount('2.00', offers, '2024-01-01'),
      'discount_out_of_range',
      'discount `3.00` is not between zero and the amount `2.00`',
    )
    throwsCode(() => ar.earnedDiscount('100.00', offers, '2024-02-30'), 'invalid_date', 'invalid date `2024-02-30`: expected an ISO date `YYYY-MM-DD`')
    throwsCode(() => ar.bestOffer([{ deadline: '2024-01-11', discount: 3 }], '2024-01-01'), 'invalid_json', /^invalid json in `offers\[0\]\.discount`: invalid type: integer `3`/)
  })

  test('documentEarnedDiscount: a whole document on a date', () => {
    // 500.00 on 2/10 net 30 from 1 Jan: 2 % = 10.00 until 11 Jan inclusive
    const doc = ar.issueSimple({
      kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-01', currency: 'EUR',
      amount: '500.00', terms: new ar.Terms('2/10 Net 30'),
    })
    const onTime = ar.documentEarnedDiscount(doc, '2024-01-11')
    assert.deepEqual([onTime.date, onTime.discount, onTime.amount_due], ['2024-01-11', '10.00', '490.00'])
    assert.equal(onTime.installments.length, 1)
    assert.equal(onTime.installments[0].deadline, '2024-01-11')
    const late = ar.documentEarnedDiscount(JSON.stringify(doc), '2024-01-12')
    assert.deepEqual([late.discount, late.amount_due], ['0.00', '500.00'])
    const broken = structuredClone(doc)
    broken.installments[0].discounts[0].amount_due = '480.00'
    throwsCode(() => ar.documentEarnedDiscount(broken, '2024-01-11'), 'inconsistent_offer')
    throwsCode(() => ar.documentEarnedDiscount({ ...doc, kind: 'bill' }, '2024-01-11'), 'invalid_json', /^invalid json in `document.kind`: unknown variant `bill`/)
  })
})

describe('proRataDiscount and availableDiscount', () => {
  test('the textbook partial payment: 400.00 of 1000.00 on 2/10 net 30', () => {
    // 20.00 × 400.00 / 980.00 = 8.163... -> 8.16; 1000.00 - 400.00 - 8.16 = 591.84 open
    assert.deepEqual(ar.proRataDiscount('1000.00', '20.00', '400.00', 'USD'), {
      amount: '400.00',
      discount: '8.16',
      residual: '591.84',
      unused: '0.00',
      reason: 'pro rata: 20.00 x 400.00 / (1000.00 - 20.00) = 8.16 (rounded half up); 408.16 settled, 591.84 open',
    })
    // still available on 591.84: 20.00 × 591.84 / 1000.00 = 11.8368 -> 11.84
    assert.equal(ar.availableDiscount('1000.00', '20.00', '591.84', 'USD'), '11.84')
    // 580.00 = 591.84 - 11.84 closes it with the whole 11.84 (8.16 + 11.84 = 20.00)
    const rest = ar.proRataDiscount('591.84', '11.84', '580.00', 'USD')
    assert.deepEqual([rest.amount, rest.discount, rest.residual, rest.unused], ['580.00', '11.84', '0.00', '0.00'])
    // more than that: the excess is unused
    assert.equal(ar.proRataDiscount('591.84', '11.84', '600.00', 'USD').unused, '20.00')
  })

  test('availableDiscount: nothing paid, nothing open', () => {
    assert.equal(ar.availableDiscount('1000.00', '20', '1000.00', 'USD'), '20.00')
    assert.equal(ar.availableDiscount('1000.00', '20.00', '0.00', 'USD'), '0.00')
    assert.equal(ar.availableDiscount('1000', '20', '0', 'JPY'), '0')
  })

  test('the rounding option', () => {
    // 1.00 × 0.50 / (101.00 - 1.00) = 0.005: half up 0.01, half even and down 0.00
    const earned = (rounding) => ar.proRataDiscount('101.00', '1.00', '0.50', 'EUR', { rounding })
    assert.deepEqual([earned().discount, earned().residual], ['0.01', '100.49'])
    assert.deepEqual([earned('half_even').discount, earned('half_even').residual], ['0.00', '100.50'])
    assert.equal(earned('down').discount, '0.00')
    // 1.00 × 1.00 / 200.00 = 0.005
    assert.equal(ar.availableDiscount('200.00', '1.00', '1.00', 'EUR'), '0.01')
    assert.equal(ar.availableDiscount('200.00', '1.00', '1.00', 'EUR', { rounding: 'down' }), '0.00')
  })

  test('errors', () => {
    throwsCode(() => ar.proRataDiscount('1000.00', '20.00', '0.00', 'USD'), 'amount_not_positive', 'payment `0.00` must be greater than zero')
    throwsCode(() => ar.proRataDiscount('0.00', '0.00', '1.00', 'USD'), 'amount_not_positive', 'open amount `0.00` must be greater than zero')
    throwsCode(() => ar.proRataDiscount('10.00', '20.00', '5.00', 'USD'), 'discount_out_of_range', 'discount `20.00` is not between zero and the amount `10.00`')
    throwsCode(() => ar.proRataDiscount('10.001', '0.00', '5.00', 'USD'), 'amount_not_rounded')
    throwsCode(() => ar.proRataDiscount('10.00', '1.00', '5.00', 'USD', { rounding: 'nearest' }), 'InvalidArg')
    throwsCode(() => ar.availableDiscount('100.00', '101.00', '50.00', 'USD'), 'discount_out_of_range', 'discount `101.00` is not between zero and the amount `100.00`')
    throwsCode(() => ar.availableDiscount('0.00', '0.00', '0.00', 'USD'), 'amount_not_positive', 'installment amount `0.00` must be greater than zero')
  })
})

describe('annualizedCost', () => {
  test('2/10 net 30 on 365 and 360 days, 1/10 net 30', () => {
    // 2/98 × 365/20 = 730/1960 = 0.372448979591... ; compounded (100/98)^(365/20) - 1 = 0.4458529273...
    const c = ar.annualizedCost('2', 10, 30, 'days_365')
    assert.deepEqual(
      [c.year, c.simple_rate, c.simple_percent, c.compounded_rate, c.compounded_percent],
      ['days_365', '0.3724489796', '37.24', '0.4458529273', '44.59'],
    )
    // 2/98 × 360/20 = 36/98 = 0.367346938775...
    const c360 = ar.annualizedCost('2', 10, 30, 'days_360')
    assert.deepEqual([c360.simple_rate, c360.simple_percent], ['0.3673469388', '36.73'])
    // 1/99 × 365/20 = 365/1980 = 0.184343...
    assert.equal(ar.annualizedCost('1', 10, 30, 'days_365').simple_percent, '18.43')
  })

  test('errors', () => {
    throwsCode(
      () => ar.annualizedCost('2', 30, 30, 'days_365'),
      'invalid_discount_period',
      'a discount period of 30 days must be shorter than the net period of 30 days',
    )
    throwsCode(() => ar.annualizedCost('100', 10, 30, 'days_365'), 'invalid_discount_percent', 'discount percent `100` is out of range 0..100')
    throwsCode(() => ar.annualizedCost('2', 10.5, 30, 'days_365'), 'InvalidArg', '`discountDays` must be a whole number from 0 to 4294967295, got `10.5`')
    throwsCode(() => ar.annualizedCost('2', 10, -30, 'days_365'), 'InvalidArg', '`netDays` must be a whole number from 0 to 4294967295, got `-30`')
    throwsCode(() => ar.annualizedCost('2', 10, 30, 'days_366'), 'InvalidArg', /`YearBasis`/)
    throwsCode(() => ar.annualizedCost('2', '10', 30, 'days_365'), 'NumberExpected')
  })
})

describe('dynamicDiscount', () => {
  test('10 000.00 at 12 % paid 30 days early', () => {
    // 10000 × 0.12 × 30 / 365 = 98.630... ; on 360 days 100.00
    assert.deepEqual(
      (({ reason, ...rest }) => rest)(ar.dynamicDiscount('10000.00', 'USD', '12', '2024-03-01', '2024-03-31', 'days_365')),
      { days_early: 30, discount: '98.63', amount_due: '9901.37', capped: false },
    )
    assert.equal(ar.dynamicDiscount('10000.00', 'USD', '12', '2024-03-01', '2024-03-31', 'days_360').discount, '100.00')
  })

  test('on or after the due date nothing; capped at the amount; the rounding option', () => {
    const onTime = ar.dynamicDiscount('10000.00', 'USD', '12', '2024-03-31', '2024-03-31', 'days_365')
    assert.deepEqual([onTime.days_early, onTime.discount, onTime.amount_due, onTime.capped], [0, '0.00', '10000.00', false])
    assert.equal(ar.dynamicDiscount('10000.00', 'USD', '12', '2024-04-30', '2024-03-31', 'days_365').days_early, 0)
    // 100.00 × 1000 % × 365/365 = 1000.00 > 100.00: capped, nothing left to pay
    const capped = ar.dynamicDiscount('100.00', 'USD', '1000', '2023-01-01', '2024-01-01', 'days_365')
    assert.deepEqual([capped.days_early, capped.discount, capped.amount_due, capped.capped], [365, '100.00', '0.00', true])
    // 100.00 × 36.5 % × 1/365 = 0.10 exactly; 1.00 × 18.25 % × 1/365 = 0.0005 -> 0.00 whatever the mode but up
    assert.equal(ar.dynamicDiscount('100.00', 'USD', '36.5', '2024-01-01', '2024-01-02', 'days_365').discount, '0.10')
    assert.equal(ar.dynamicDiscount('1.00', 'USD', '18.25', '2024-01-01', '2024-01-02', 'days_365', { rounding: 'up' }).discount, '0.01')
  })

  test('errors', () => {
    throwsCode(() => ar.dynamicDiscount('100.00', 'USD', '-1', '2024-01-01', '2024-01-31', 'days_365'), 'invalid_annual_rate', 'annual rate `-1` % must not be negative')
    throwsCode(() => ar.dynamicDiscount('0.00', 'USD', '12', '2024-01-01', '2024-01-31', 'days_365'), 'amount_not_positive', 'amount `0.00` must be greater than zero')
    throwsCode(() => ar.dynamicDiscount('1.5', 'JPY', '12', '2024-01-01', '2024-01-31', 'days_365'), 'amount_not_rounded', 'amount `1.5` is not a multiple of the rounding unit `1`; round it first')
    throwsCode(() => ar.dynamicDiscount('100.00', 'USD', '12', '2024-01-01', '31/01/2024', 'days_365'), 'invalid_date')
  })
})

describe('the new document and account fields', () => {
  const draft = {
    id: 'INV-1', customer: 'ACME', date: '2024-01-01', currency: 'EUR',
    lines: [{ description: 'consulting', quantity: '1', unit_price: '1000.00', tax_rates: [{ code: 'VAT21', percent: '21' }] }],
    terms: new ar.Terms('2/10 Net 30'),
  }

  test('InvoiceDraft discount_base: mixed reduces the VAT (TaxTotal.discount_percent), net keeps it', () => {
    // mixed: VAT 21 % of 980.00 = 205.80, total 1205.80; the offer 2 % of the net = 20.00
    const mixed = ar.issueInvoice({ ...draft, discount_base: 'mixed' })
    assert.deepEqual(mixed.totals.taxes, [{ code: 'VAT21', percent: '21', base: '1000.00', amount: '205.80', discount_percent: '2' }])
    assert.equal(mixed.document.total, '1205.80')
    assert.deepEqual(mixed.document.installments[0].discounts, [{ deadline: '2024-01-11', discount: '20.00', amount_due: '1185.80' }])
    // net: 1210.00 with an offer of 20.00; gross (default): 24.20; no discount_percent
    const net = ar.issueInvoice({ ...draft, discount_base: 'net' })
    assert.deepEqual([net.document.total, net.document.installments[0].discounts[0].discount], ['1210.00', '20.00'])
    assert.equal(net.totals.taxes[0].discount_percent, undefined)
    assert.equal(ar.issueInvoice(draft).document.installments[0].discounts[0].discount, '24.20')
  })

  test('InvoiceDraft discount_rounding: the amount due rounded, as Odoo', () => {
    // 2 % of 100.25 = 2.005: 'discount' 2.01 off, 'amount_due' 98.245 -> 98.25 due, 2.00 off
    const small = { ...draft, lines: [{ description: 'x', quantity: '1', unit_price: '100.25' }] }
    assert.equal(ar.issueInvoice(small).document.installments[0].discounts[0].discount, '2.01')
    const odoo = ar.issueInvoice({ ...small, discount_rounding: 'amount_due' }).document.installments[0].discounts[0]
    assert.deepEqual([odoo.discount, odoo.amount_due], ['2.00', '98.25'])
  })

  test('the mixed base refuses inclusive prices and two percents', () => {
    throwsCode(
      () => ar.issueInvoice({ ...draft, discount_base: 'mixed', tax_mode: 'inclusive' }),
      'mixed_needs_exclusive_tax',
      'the mixed discount base needs tax-exclusive prices',
    )
    throwsCode(
      () => ar.issueInvoice({ ...draft, discount_base: 'mixed', terms: new ar.Terms('3/10, 2/20 Net 30') }),
      'mixed_needs_one_percent',
      'the mixed discount base needs every discount tier to be the same percent, found `3` % and `2` %',
    )
    throwsCode(() => ar.issueInvoice({ ...draft, discount_base: 'gros' }), 'invalid_json', /^invalid json in `draft.discount_base`: unknown variant `gros`/)
  })

  test("AccountConfig partial_discount 'pro_rata': a partial payment in the window earns its share", () => {
    const document = ar.issueSimple({
      kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-01', currency: 'EUR',
      amount: '1000.00', terms: new ar.Terms('2/10 Net 30'),
    })
    const issued = { id: 'e1', date: '2024-01-01', body: { type: 'document_issued', document } }
    const pay = (id, date, amount) => ({ id, date, body: { type: 'payment_received', payment_id: id, amount, currency: 'EUR' } })
    const pro = new ar.Account({ customer: 'ACME', currency: 'EUR', partial_discount: 'pro_rata' })
    assert.equal(pro.config.partial_discount, 'pro_rata')
    pro.apply(issued)
    // 400.00 on day 4 earns 20.00 × 400.00 / 980.00 = 8.16; then 580.00 closes it with 11.84
    assert.equal(pro.apply(pay('P-1', '2024-01-05', '400.00')).allocations[0].discount_taken, '8.16')
    assert.equal(pro.openItems()[0].open, '591.84')
    assert.equal(pro.apply(pay('P-2', '2024-01-11', '580.00')).allocations[0].discount_taken, '11.84')
    assert.equal(pro.balance(), '0.00')
    // the default earns nothing on a partial payment, and the config leaves the field out
    const none = new ar.Account({ customer: 'ACME', currency: 'EUR' })
    assert.equal('partial_discount' in none.config, false)
    none.apply(issued)
    assert.equal(none.apply(pay('P-1', '2024-01-05', '400.00')).allocations[0].discount_taken, '0.00')
    throwsCode(() => new ar.Account({ customer: 'ACME', currency: 'EUR', partial_discount: 'some' }), 'invalid_json', /^invalid json in `config.partial_discount`/)
  })
})
