// The whole Node surface, with exact strings. Expected values come from hand calculation (in
// the comments) or from the documents named there, never from the engine's own output.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { ar, sum, throwsCode } from './helpers.mjs'

const third = { type: 'fraction', numerator: 1, denominator: 3 }
const weekends = { weekend: ['Sat', 'Sun'], holidays: [] }

describe('currencyInfo', () => {
  test('minor units from the ISO 4217 table', () => {
    assert.deepEqual(ar.currencyInfo('EUR'), { code: 'EUR', name: 'Euro', minorUnits: 2 })
    assert.equal(ar.currencyInfo('JPY').minorUnits, 0)
    assert.equal(ar.currencyInfo('KWD').minorUnits, 3)
    // lookup is case-insensitive; the code comes back upper-case
    assert.equal(ar.currencyInfo('chf').code, 'CHF')
    // gold has no minor unit
    assert.equal(ar.currencyInfo('XAU').minorUnits, null)
  })

  test('unknown currency', () => {
    throwsCode(() => ar.currencyInfo('XYZ'), 'unknown_currency', 'unknown currency `XYZ`')
  })
})

describe('roundMoney', () => {
  test('modes (SPEC 3.1; docs of RoundingMode)', () => {
    assert.equal(ar.roundMoney('2.345', 'EUR'), '2.35') // half_up is the default
    assert.equal(ar.roundMoney('2.345', 'EUR', { mode: 'half_up' }), '2.35')
    assert.equal(ar.roundMoney('-2.345', 'EUR'), '-2.35') // symmetric around zero
    assert.equal(ar.roundMoney('2.345', 'EUR', { mode: 'half_even' }), '2.34')
    assert.equal(ar.roundMoney('2.355', 'EUR', { mode: 'half_even' }), '2.36')
    assert.equal(ar.roundMoney('2.349', 'EUR', { mode: 'down' }), '2.34')
    assert.equal(ar.roundMoney('2.341', 'EUR', { mode: 'up' }), '2.35')
  })

  test('minor units and scale', () => {
    assert.equal(ar.roundMoney('10', 'EUR'), '10.00') // results carry the currency's scale
    assert.equal(ar.roundMoney('1000.5', 'JPY'), '1001')
    assert.equal(ar.roundMoney('1000.5', 'JPY', { mode: 'half_even' }), '1000')
    assert.equal(ar.roundMoney('1.2345', 'KWD'), '1.235')
  })

  test('cash rounding to an increment (CHF 0.05)', () => {
    assert.equal(ar.roundMoney('10.03', 'CHF', { increment: '0.05' }), '10.05')
    assert.equal(ar.roundMoney('10.02', 'CHF', { increment: '0.05' }), '10.00')
    assert.equal(ar.roundMoney('10.02', 'CHF', { mode: 'up', increment: '0.05' }), '10.05')
  })

  test('errors', () => {
    throwsCode(
      () => ar.roundMoney('1', 'CHF', { increment: '0' }),
      'invalid_increment',
      'rounding increment `0` must be greater than zero',
    )
    throwsCode(() => ar.roundMoney('1', 'XAU'), 'no_minor_unit')
    throwsCode(() => ar.roundMoney('1', 'XYZ'), 'unknown_currency')
  })

  test('decimals are strings, never JS numbers', () => {
    throwsCode(() => ar.roundMoney(2.345, 'EUR'), 'StringExpected')
    throwsCode(() => ar.roundMoney('1', 'CHF', { increment: 0.05 }), 'StringExpected')
    // a malformed decimal string is refused, never guessed at
    for (const bad of ['', '1e3', '1_000', '+5', ' 5', '5.', '.5', 'abc', '1.2.3', 'NaN']) {
      throwsCode(
        () => ar.roundMoney(bad, 'EUR'),
        'invalid_amount',
        `invalid amount \`${bad}\`: expected a decimal number such as \`1234.50\``,
      )
    }
    throwsCode(() => ar.roundMoney('1', 'EUR', { mode: 'bankers' }), 'InvalidArg')
  })
})

describe('split', () => {
  test('5.47 in thirds: 1.82, 1.82, 1.83 (5.47 / 3 = 1.8233..; residual 0.01 on the last)', () => {
    const parts = ar.split('5.47', 'EUR', [third, third, third])
    assert.deepEqual(parts, ['1.82', '1.82', '1.83'])
    assert.equal(sum(parts, 2), '5.47')
  })

  test('1000 JPY in thirds: 333, 333, 334 (no minor unit)', () => {
    const parts = ar.split('1000', 'JPY', [third, third, third])
    assert.deepEqual(parts, ['333', '333', '334'])
    assert.equal(sum(parts, 0), '1000')
  })

  test('percent, percent of remainder, fixed, balance', () => {
    assert.deepEqual(
      ar.split('100.00', 'EUR', [{ type: 'percent', percent: '30' }, { type: 'balance' }]),
      ['30.00', '70.00'],
    )
    // 40 % of 100 = 40; 50 % of the remaining 60 = 30; the balance takes 30
    assert.deepEqual(
      ar.split('100.00', 'EUR', [
        { type: 'percent', percent: '40' },
        { type: 'percent_of_remainder', percent: '50' },
        { type: 'balance' },
      ]),
      ['40.00', '30.00', '30.00'],
    )
    // a fixed part follows the sign of the total (credit note)
    assert.deepEqual(
      ar.split('-300.00', 'EUR', [{ type: 'fixed', amount: '100.00' }, { type: 'balance' }]),
      ['-100.00', '-200.00'],
    )
  })

  test('options: rounding mode, residual policy, increment', () => {
    const halves = [{ type: 'percent', percent: '50' }, { type: 'percent', percent: '50' }]
    // 10.01 / 2 = 5.005: half_up gives 5.01 and the last absorbs -0.01; half_even gives 5.00
    assert.deepEqual(ar.split('10.01', 'EUR', halves), ['5.01', '5.00'])
    assert.deepEqual(ar.split('10.01', 'EUR', halves, { rounding: { mode: 'half_even' } }), [
      '5.00',
      '5.01',
    ])
    // 1000 / 3 = 333.33..: the one-yen residual goes first
    assert.deepEqual(ar.split('1000', 'JPY', [third, third, third], { residual: 'first' }), [
      '334',
      '333',
      '333',
    ])
    // 10.00 / 3 = 3.333..: largest remainders all equal, the tie goes to the earlier part
    assert.deepEqual(
      ar.split('10.00', 'EUR', [third, third, third], { residual: 'largest_remainder' }),
      ['3.34', '3.33', '3.33'],
    )
    // 10.00 / 3 to 0.05: 3.333.. -> 3.35 twice, last 10.00 - 6.70 = 3.30
    assert.deepEqual(
      ar.split('10.00', 'CHF', [third, third, third], { rounding: { increment: '0.05' } }),
      ['3.35', '3.35', '3.30'],
    )
  })

  test('negative parts only when allowed', () => {
    const parts = [{ type: 'fixed', amount: '150' }, { type: 'balance' }]
    throwsCode(
      () => ar.split('100', 'EUR', parts),
      'negative_part',
      'part 1 would be `-50.00`, opposite in sign to the total `100`; opt in with allow_negative',
    )
    assert.deepEqual(ar.split('100', 'EUR', parts, { allowNegative: true }), ['150.00', '-50.00'])
  })

  test('core errors keep their kind and message', () => {
    throwsCode(() => ar.split('1', 'EUR', []), 'no_parts', 'a split needs at least one part')
    throwsCode(
      () => ar.split('1', 'EUR', [{ type: 'percent', percent: '50' }]),
      'parts_do_not_cover',
      'parts add up to `0.5`, not to the total `1`; add a balance part or fix the portions',
    )
    throwsCode(
      () => ar.split('1', 'EUR', [{ type: 'balance' }, { type: 'percent', percent: '1' }]),
      'balance_not_last',
    )
    throwsCode(
      () => ar.split('1', 'EUR', [{ type: 'balance' }, { type: 'balance' }]),
      'multiple_balance_parts',
    )
    throwsCode(
      () => ar.split('1', 'EUR', [{ type: 'fraction', numerator: 1, denominator: 0 }]),
      'invalid_fraction',
    )
    throwsCode(() => ar.split('1.005', 'EUR', [{ type: 'balance' }]), 'amount_not_rounded')
  })

  test('conversion errors', () => {
    throwsCode(() => ar.split(5.47, 'EUR', [third]), 'StringExpected')
    throwsCode(() => ar.split('5.47', 'EUR', [{ type: 'percent', percent: 30 }]), 'StringExpected')
    // napi would truncate 1.5 to 1: the binding checks whole numbers itself
    throwsCode(
      () => ar.split('5.47', 'EUR', [{ type: 'fraction', numerator: 1.5, denominator: 3 }]),
      'InvalidArg',
      '`numerator` must be a whole number from 0 to 4294967295, got `1.5`',
    )
    throwsCode(
      () => ar.split('5.47', 'EUR', [{ type: 'fraction', numerator: -1, denominator: 3 }]),
      'InvalidArg',
    )
    throwsCode(() => ar.split('5.47', 'EUR', [{ type: 'third' }]), 'InvalidArg')
  })
})

describe('business days', () => {
  test('isBusinessDay', () => {
    const cal = { weekend: ['Sat', 'Sun'], holidays: ['2024-12-25'] }
    assert.equal(ar.isBusinessDay(cal, '2024-12-24'), true) // Tuesday
    assert.equal(ar.isBusinessDay(cal, '2024-12-25'), false) // holiday
    assert.equal(ar.isBusinessDay(cal, '2024-06-15'), false) // Saturday
    // an empty calendar means Saturday and Sunday off
    assert.equal(ar.isBusinessDay({}, '2024-06-16'), false) // Sunday
    assert.equal(ar.isBusinessDay({ weekend: ['Fri', 'Sat'] }, '2024-06-16'), true)
  })

  test('rollDate conventions', () => {
    // Sat 15 Jun 2024
    assert.equal(ar.rollDate(weekends, '2024-06-15', 'following'), '2024-06-17')
    assert.equal(ar.rollDate(weekends, '2024-06-15', 'preceding'), '2024-06-14')
    assert.equal(ar.rollDate(weekends, '2024-06-15', 'none'), '2024-06-15')
    // Sat 30 Nov 2024: following leaves the month, modified following goes back to Fri 29
    assert.equal(ar.rollDate(weekends, '2024-11-30', 'following'), '2024-12-02')
    assert.equal(ar.rollDate(weekends, '2024-11-30', 'modified_following'), '2024-11-29')
    // Sun 1 Dec 2024: preceding leaves the month, modified preceding goes on to Mon 2
    assert.equal(ar.rollDate(weekends, '2024-12-01', 'modified_preceding'), '2024-12-02')
    // Wed 25 and Thu 26 Dec 2024 are holidays: following gives Fri 27
    const xmas = { holidays: ['2024-12-25', '2024-12-26'] }
    assert.equal(ar.rollDate(xmas, '2024-12-25', 'following'), '2024-12-27')
    // a business day stays
    assert.equal(ar.rollDate(weekends, '2024-06-17', 'following'), '2024-06-17')
  })

  test('errors', () => {
    const allWeek = { weekend: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] }
    throwsCode(
      () => ar.rollDate(allWeek, '2024-01-01', 'following'),
      'no_business_days',
      'the calendar has no business days: all seven weekdays are weekend days',
    )
    throwsCode(() => ar.rollDate(weekends, '2024-01-01', 'sideways'), 'InvalidArg')
    throwsCode(() => ar.rollDate({ weekend: ['Saturday'] }, '2024-01-01', 'following'), 'InvalidArg')
    // dates are 'YYYY-MM-DD' strings: no JS Date, no other layout, no impossible day
    throwsCode(() => ar.rollDate(weekends, new Date(2024, 0, 1), 'following'), 'StringExpected')
    for (const bad of ['2024-1-01', '2024-02-30', '01/02/2024', '2024-01-01T00:00:00Z', '']) {
      throwsCode(
        () => ar.isBusinessDay(weekends, bad),
        'invalid_date',
        `invalid date \`${bad}\`: expected an ISO date \`YYYY-MM-DD\``,
      )
    }
    throwsCode(() => ar.isBusinessDay({ holidays: ['2024-13-01'] }, '2024-01-01'), 'invalid_date')
  })
})

describe('notation', () => {
  test('"1/10 EOM Net 30" parses and prints back (docs/notation.md)', () => {
    const terms = ar.parseTerms('1/10 EOM Net 30')
    assert.ok(terms instanceof ar.Terms)
    // 1 % until 10 days after the end of the month; net due 30 days after the end of the month
    assert.deepEqual(terms.toObject(), {
      lines: [
        {
          portion: { type: 'balance' },
          due: [{ type: 'end_of_month' }, { type: 'days', days: 30 }],
          discounts: [
            {
              value: { type: 'percent', percent: '1' },
              deadline: [{ type: 'end_of_month' }, { type: 'days', days: 10 }],
            },
          ],
        },
      ],
      rounding: 'half_up',
      residual: 'last',
      roll: 'none',
      basis: 'document',
    })
    assert.equal(ar.printTerms(terms), '1/10 EOM Net 30')
  })

  test('friendly forms', () => {
    assert.deepEqual(ar.parseTerms('Net 30').toObject().lines, [
      { portion: { type: 'balance' }, due: [{ type: 'days', days: 30 }] },
    ])
    assert.deepEqual(ar.parseTerms('Due on receipt').toObject().lines, [{ portion: { type: 'balance' }, due: [] }])
    assert.deepEqual(ar.parseTerms('10th Prox cutoff 25').toObject().lines[0].due, [
      { type: 'proximo', day: 10, cutoff: 25 },
    ])
    assert.deepEqual(ar.parseTerms('30/60/90').toObject().lines, [
      { portion: third, due: [{ type: 'days', days: 30 }] },
      { portion: third, due: [{ type: 'days', days: 60 }] },
      { portion: third, due: [{ type: 'days', days: 90 }] },
    ])
    assert.equal(ar.parseTerms('Net 30 {roll following}').toObject().roll, 'following')
  })

  test('print(parse(s)) round-trips canonical strings', () => {
    for (const s of [
      'Net 30',
      'Due on receipt',
      '2/10 Net 30',
      '3/10, 2/20 Net 30',
      '1/10 EOM Net 30',
      'Net 30 EOM',
      'EOM',
      '10th Prox',
      '10th Prox cutoff 25',
      '30/60/90',
      'Net 30 {roll modified_following}',
    ]) {
      assert.equal(ar.printTerms(ar.parseTerms(s)), s)
      assert.equal(ar.printTerms(s), s) // a notation string is accepted wherever terms are
    }
    // parsing is case-insensitive; printing is canonical
    assert.equal(ar.printTerms('net 30'), 'Net 30')
  })

  test('printTerms of an object built by hand', () => {
    const terms = { lines: [{ portion: { type: 'balance' }, due: [{ type: 'days', days: 30 }] }] }
    assert.equal(ar.printTerms(terms), 'Net 30')
    // a rule without a friendly form prints in the generic form and parses back the same
    const generic = {
      lines: [
        {
          portion: { type: 'balance' },
          due: [{ type: 'days', days: 7 }, { type: 'next_weekday', weekday: 'Fri' }],
        },
      ],
    }
    const printed = ar.printTerms(generic)
    assert.equal(printed, 'Due +7d next Fri')
    assert.deepEqual(ar.parseTerms(printed).toObject().lines, generic.lines)
  })

  test('"Net -5" is a parse error with the position', () => {
    throwsCode(
      () => ar.parseTerms('Net -5'),
      'parse_error',
      'at 4: expected a non-negative number of days after `Net`, found `-5`',
    )
  })
})

describe('JSON', () => {
  const net30Json =
    '{"lines":[{"portion":{"type":"balance"},"due":[{"type":"days","days":30}]}],' +
    '"rounding":"half_up","residual":"last","roll":"none","basis":"document"}'

  test('termsToJson writes the stored shape (docs of terms::Terms)', () => {
    assert.equal(ar.termsToJson('Net 30'), net30Json)
    assert.equal(ar.termsToJson(ar.parseTerms('Net 30')), net30Json)
  })

  test('termsFromJson reads it, defaults filled in', () => {
    assert.ok(ar.termsFromJson(net30Json) instanceof ar.Terms)
    assert.deepEqual(ar.termsFromJson(net30Json).toObject(), ar.parseTerms('Net 30').toObject())
    assert.deepEqual(
      ar.termsFromJson('{"lines":[{"portion":{"type":"balance"},"due":[{"type":"days","days":30}]}]}').toObject(),
      ar.parseTerms('Net 30').toObject(),
    )
  })

  test('a TermsObject has exactly the JSON shape', () => {
    for (const s of ['1/10 EOM Net 30', '30/60/90', '10th Prox cutoff 25', '3/10, 2/20 Net 30']) {
      const terms = ar.parseTerms(s).toObject()
      assert.deepEqual(JSON.parse(ar.termsToJson(terms)), terms)
      assert.deepEqual(ar.termsFromJson(JSON.stringify(terms)).toObject(), terms)
    }
  })

  test('errors', () => {
    throwsCode(() => ar.termsFromJson('{'), 'invalid_json')
    // decimals must be strings in JSON too
    throwsCode(
      () => ar.termsFromJson('{"lines":[{"portion":{"type":"percent","percent":30}}]}'),
      'invalid_json',
    )
    throwsCode(() => ar.termsToJson(42), 'InvalidArg')
  })
})

describe('schedule', () => {
  const invoice = (steps) => ({ lines: [{ portion: { type: 'balance' }, due: steps }] })

  test('11 Jun 2020, months 1 then end_of_month: 31 Jul 2020 (not 30 Jul)', () => {
    const s = ar.schedule(
      invoice([{ type: 'months', months: 1 }, { type: 'end_of_month' }]),
      '2020-06-11',
      '100.00',
      'EUR',
    )
    assert.equal(s.installments[0].dueDate, '2020-07-31')
  })

  test('2/10 Net 30 (docs/bindings.md; 2 % of 1234.56 = 24.6912 -> 24.69)', () => {
    const s = ar.schedule('2/10 Net 30', '2024-01-15', '1234.56', 'USD')
    assert.equal(s.currency, 'USD')
    assert.equal(s.total, '1234.56')
    assert.equal(s.installments.length, 1)
    const [i] = s.installments
    assert.equal(i.dueDate, '2024-02-14') // 15 Jan + 30 days
    assert.equal(i.amount, '1234.56')
    assert.deepEqual(i.discounts, [{ deadline: '2024-01-25', discount: '24.69', amountDue: '1209.87' }])
    assert.equal(i.reason, 'from 2024-01-15, +30 days = 2024-02-14')
  })

  test('the 3-line bench term (benches/three_line_terms.json)', () => {
    const terms = {
      lines: [
        {
          portion: { type: 'percent', percent: '30' },
          due: [{ type: 'days', days: 30 }],
          discounts: [
            { value: { type: 'percent', percent: '2' }, deadline: [{ type: 'days', days: 10 }] },
          ],
        },
        { portion: { type: 'percent', percent: '30' }, due: [{ type: 'months', months: 1 }, { type: 'end_of_month' }] },
        { portion: { type: 'balance' }, due: [{ type: 'months', months: 2 }, { type: 'end_of_month' }] },
      ],
    }
    const s = ar.schedule(terms, '2024-01-31', '1000.00', 'EUR')
    // 31 Jan 2024 + 30 days = 1 Mar (leap February); +1 month = 29 Feb, EOM 29 Feb;
    // +2 months = 31 Mar. 30 % = 300.00, 2 % of it = 6.00 until 31 Jan + 10 = 10 Feb.
    assert.deepEqual(
      s.installments.map((i) => [i.dueDate, i.amount, i.discounts]),
      [
        ['2024-03-01', '300.00', [{ deadline: '2024-02-10', discount: '6.00', amountDue: '294.00' }]],
        ['2024-02-29', '300.00', []],
        ['2024-03-31', '400.00', []],
      ],
    )
    assert.equal(sum(s.installments.map((i) => i.amount), 2), '1000.00')
  })

  test('proximo with a cutoff: after the cutoff, one month further (GnuCash)', () => {
    const terms = invoice([{ type: 'proximo', day: 10, cutoff: 25 }])
    // on the cutoff day (25 Mar): 10th of the next month
    assert.equal(ar.schedule(terms, '2024-03-25', '50.00', 'EUR').installments[0].dueDate, '2024-04-10')
    // after it (26 Mar): 10th of the month after
    assert.equal(ar.schedule(terms, '2024-03-26', '50.00', 'EUR').installments[0].dueDate, '2024-05-10')
    // same through the notation
    assert.equal(
      ar.schedule('10th Prox cutoff 25', '2024-03-26', '50.00', 'EUR').installments[0].dueDate,
      '2024-05-10',
    )
  })

  test('a due date on a Saturday with roll following moves to Monday', () => {
    // Thu 16 May 2024 + 30 days = Sat 15 Jun 2024 -> Mon 17 Jun
    const terms = { ...invoice([{ type: 'days', days: 30 }]), roll: 'following' }
    const [i] = ar.schedule(terms, '2024-05-16', '10.00', 'EUR').installments
    assert.equal(i.dueDate, '2024-06-17')
    assert.equal(
      i.reason,
      'from 2024-05-16, +30 days = 2024-06-15; 2024-06-15 (Sat) is not a business day, rolled following to 2024-06-17 (Mon)',
    )
    // without a roll the date stays on the Saturday
    assert.equal(ar.schedule('Net 30', '2024-05-16', '10.00', 'EUR').installments[0].dueDate, '2024-06-15')
    // the same from the notation
    assert.equal(
      ar.schedule('Net 30 {roll following}', '2024-05-16', '10.00', 'EUR').installments[0].dueDate,
      '2024-06-17',
    )
  })

  test('options: calendar with holidays, cash increment, negative installments', () => {
    // 25 Nov 2024 + 30 days = Wed 25 Dec, a holiday like Thu 26: following gives Fri 27
    const opts = { calendar: { weekend: ['Sat', 'Sun'], holidays: ['2024-12-25', '2024-12-26'] } }
    assert.equal(
      ar.schedule('Net 30 {roll following}', '2024-11-25', '10.00', 'EUR', opts).installments[0].dueDate,
      '2024-12-27',
    )
    // 10.00 CHF in thirds to 0.05: 3.35, 3.35, 3.30 (31 Jan, 1 Mar, 31 Mar 2024)
    const s = ar.schedule('30/60/90', '2024-01-01', '10.00', 'CHF', { cashIncrement: '0.05' })
    assert.deepEqual(
      s.installments.map((i) => [i.dueDate, i.amount]),
      [
        ['2024-01-31', '3.35'],
        ['2024-03-01', '3.35'],
        ['2024-03-31', '3.30'],
      ],
    )
    const deposit = {
      lines: [
        { portion: { type: 'fixed', amount: '150.00' }, due: [] },
        { portion: { type: 'balance' }, due: [{ type: 'days', days: 30 }] },
      ],
    }
    throwsCode(() => ar.schedule(deposit, '2024-01-01', '100.00', 'EUR'), 'negative_part')
    assert.deepEqual(
      ar.schedule(deposit, '2024-01-01', '100.00', 'EUR', { allowNegative: true }).installments.map((i) => i.amount),
      ['150.00', '-50.00'],
    )
  })

  test('optional arguments may be omitted, undefined or null', () => {
    for (const options of [undefined, null, {}]) {
      assert.equal(ar.schedule('Net 30', '2024-01-15', '1.00', 'EUR', options).installments[0].dueDate, '2024-02-14')
      assert.deepEqual(ar.split('1.00', 'EUR', [{ type: 'balance' }], options), ['1.00'])
      assert.equal(ar.roundMoney('1.005', 'EUR', options), '1.01')
    }
    // inside option objects, leave a field out rather than setting it to null
    throwsCode(() => ar.schedule('Net 30', '2024-01-15', '1.00', 'EUR', { cashIncrement: null }), 'StringExpected')
  })

  test('JPY and credit notes', () => {
    const s = ar.schedule('30/60/90', '2024-01-01', '1000', 'JPY')
    assert.deepEqual(s.installments.map((i) => i.amount), ['333', '333', '334'])
    assert.deepEqual(ar.schedule('Net 30', '2024-01-01', '-100.00', 'EUR').installments[0].amount, '-100.00')
  })

  test('must-have errors: Net -5, XYZ, a discount deadline after the due date', () => {
    throwsCode(
      () => ar.schedule('Net -5', '2024-01-01', '100.00', 'EUR'),
      'parse_error',
      'at 4: expected a non-negative number of days after `Net`, found `-5`',
    )
    throwsCode(
      () => ar.schedule('Net 30', '2024-01-01', '100.00', 'XYZ'),
      'unknown_currency',
      'unknown currency `XYZ`',
    )
    // Net 10 from 1 Jan 2024 is due 11 Jan; "2 % within 20 days" would end on 21 Jan
    const late = {
      lines: [
        {
          portion: { type: 'balance' },
          due: [{ type: 'days', days: 10 }],
          discounts: [{ value: { type: 'percent', percent: '2' }, deadline: [{ type: 'days', days: 20 }] }],
        },
      ],
    }
    throwsCode(
      () => ar.schedule(late, '2024-01-01', '100.00', 'EUR'),
      'discount_after_due_date',
      'discount deadline `2024-01-21` of line 0 is after its due date `2024-01-11`',
    )
  })

  test('other core errors', () => {
    throwsCode(() => ar.schedule({ lines: [] }, '2024-01-01', '1.00', 'EUR'), 'no_lines', 'payment terms need at least one line')
    throwsCode(
      () => ar.schedule(invoice([{ type: 'day_of_month', day: 32 }]), '2024-01-01', '1.00', 'EUR'),
      'invalid_day',
    )
    throwsCode(() => ar.schedule(invoice([{ type: 'month', month: 13 }]), '2024-01-01', '1.00', 'EUR'), 'invalid_month')
    throwsCode(
      () => ar.schedule(invoice([{ type: 'proximo', day: 10, cutoff: 40 }]), '2024-01-01', '1.00', 'EUR'),
      'invalid_cutoff',
    )
    const tooMuch = {
      lines: [
        {
          portion: { type: 'balance' },
          due: [{ type: 'days', days: 30 }],
          discounts: [{ value: { type: 'fixed', amount: '500.00' }, deadline: [{ type: 'days', days: 10 }] }],
        },
      ],
    }
    throwsCode(() => ar.schedule(tooMuch, '2024-01-01', '100.00', 'EUR'), 'invalid_discount')
    throwsCode(() => ar.schedule('Net 30', '2024-01-01', '1.005', 'EUR'), 'amount_not_rounded')
    // 2^31 - 1 days (about 5.9 million years) is past the last supported date
    throwsCode(
      () => ar.schedule(invoice([{ type: 'days', days: 2147483647 }]), '2024-01-01', '1.00', 'EUR'),
      'date_out_of_range',
    )
  })

  test('a JS number as an amount throws (decimals are strings)', () => {
    throwsCode(() => ar.schedule('Net 30', '2024-01-01', 100, 'EUR'), 'StringExpected')
    throwsCode(() => ar.schedule('Net 30', '2024-01-01', '100.00', 'EUR', { cashIncrement: 0.05 }), 'StringExpected')
  })

  test('other conversion errors', () => {
    // whole numbers are checked, not truncated (napi would make 2.7 into 2)
    throwsCode(
      () => ar.schedule(invoice([{ type: 'days', days: 2.7 }]), '2024-01-01', '1.00', 'EUR'),
      'InvalidArg',
      '`days` must be a whole number from -2147483648 to 2147483647, got `2.7`',
    )
    throwsCode(() => ar.schedule(invoice([{ type: 'days', days: '30' }]), '2024-01-01', '1.00', 'EUR'), 'NumberExpected')
    throwsCode(() => ar.schedule(invoice([{ type: 'weeks', weeks: 2 }]), '2024-01-01', '1.00', 'EUR'), 'InvalidArg')
    throwsCode(() => ar.schedule('Net 30', new Date(2024, 0, 1), '1.00', 'EUR'), 'StringExpected')
    throwsCode(() => ar.schedule('Net 30', '2024-02-30', '1.00', 'EUR'), 'invalid_date')
    throwsCode(() => ar.schedule(42, '2024-01-01', '1.00', 'EUR'), 'InvalidArg')
    throwsCode(() => ar.schedule({ lines: [{ due: [] }] }, '2024-01-01', '1.00', 'EUR'), 'InvalidArg')
  })
})
