// The classes `Terms` and `BusinessCalendar` (core values converted once, passed by
// reference) and the package's entry point (main.js over the generated loader). Expected
// values are hand-written or from docs/notation.md; the class, the plain object and the
// notation string must give the same results everywhere terms are taken.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, test } from 'node:test'

import { ar, throwsCode } from './helpers.mjs'

const require = createRequire(import.meta.url)

// the 3-line term of benches/three_line_terms.json, as a plain TermsObject
const threeLines = {
  lines: [
    {
      portion: { type: 'percent', percent: '30' },
      due: [{ type: 'days', days: 30 }],
      discounts: [{ value: { type: 'percent', percent: '2' }, deadline: [{ type: 'days', days: 10 }] }],
    },
    { portion: { type: 'percent', percent: '30' }, due: [{ type: 'months', months: 1 }, { type: 'end_of_month' }] },
    { portion: { type: 'balance' }, due: [{ type: 'months', months: 2 }, { type: 'end_of_month' }] },
  ],
}
// its notation (docs/notation.md: percent lines, discount "2/10", "Due +1m EOM")
const threeLinesNotation = '30%: 2/10 Net 30; 30%: Due +1m EOM; balance: Due +2m EOM'
// the same with every option written out, as toObject() gives it
const threeLinesFull = { ...threeLines, rounding: 'half_up', residual: 'last', roll: 'none', basis: 'document' }

describe('Terms', () => {
  test('built from an object, a notation string or another Terms', () => {
    const fromObject = new ar.Terms(threeLines)
    const fromNotation = new ar.Terms(threeLinesNotation)
    const copy = new ar.Terms(fromObject)
    for (const terms of [fromObject, fromNotation, copy]) {
      assert.ok(terms instanceof ar.Terms)
      assert.deepEqual(terms.toObject(), threeLinesFull)
    }
    assert.notEqual(copy, fromObject)
    assert.ok(ar.parseTerms('Net 30') instanceof ar.Terms)
  })

  test('toObject round-trips, toJSON writes the stored JSON, toString the notation', () => {
    const net30 = {
      lines: [{ portion: { type: 'balance' }, due: [{ type: 'days', days: 30 }] }],
      rounding: 'half_up',
      residual: 'last',
      roll: 'none',
      basis: 'document',
    }
    assert.deepEqual(ar.parseTerms('Net 30').toObject(), net30)
    for (const s of ['Net 30', '1/10 EOM Net 30', '30/60/90', '10th Prox cutoff 25', threeLinesNotation]) {
      const terms = ar.parseTerms(s)
      const object = terms.toObject()
      assert.deepEqual(new ar.Terms(object).toObject(), object)
      // a fresh object each time: changing it does not change the terms
      object.lines.length = 0
      assert.notDeepEqual(terms.toObject(), object)
      assert.equal(JSON.stringify(terms), ar.termsToJson(terms))
      assert.equal(String(terms), s)
      assert.equal(`${terms}`, ar.printTerms(terms))
    }
  })

  test('schedule, printTerms and termsToJson give the same for a Terms, its object and its notation', () => {
    const cases = [
      [threeLines, '2024-01-31', '1000.00', 'EUR', undefined],
      ['2/10 Net 30', '2024-01-15', '1234.56', 'USD', undefined],
      ['30/60/90', '2024-01-01', '10.00', 'CHF', { cashIncrement: '0.05' }],
      ['Net 30 {roll following}', '2024-11-25', '10.00', 'EUR', { calendar: { holidays: ['2024-12-25', '2024-12-26'] } }],
    ]
    for (const [given, baseDate, amount, currency, options] of cases) {
      const terms = new ar.Terms(given)
      const object = terms.toObject()
      const notation = String(terms)
      const want = ar.schedule(terms, baseDate, amount, currency, options)
      for (const form of [object, notation]) {
        assert.deepEqual(ar.schedule(form, baseDate, amount, currency, options), want)
        assert.equal(ar.printTerms(form), ar.printTerms(terms))
        assert.equal(ar.termsToJson(form), ar.termsToJson(terms))
      }
    }
    // the bench term by hand (benches/three_line_terms.json): 30 % of 1000.00 = 300.00 due
    // 31 Jan + 30 days = 1 Mar 2024, 2 % of it = 6.00 until 10 Feb; 300.00 on 29 Feb (EOM);
    // the balance 400.00 on 31 Mar
    const s = ar.schedule(new ar.Terms(threeLinesNotation), '2024-01-31', '1000.00', 'EUR')
    assert.deepEqual(s, {
      currency: 'EUR',
      total: '1000.00',
      installments: [
        {
          dueDate: '2024-03-01',
          amount: '300.00',
          discounts: [{ deadline: '2024-02-10', discount: '6.00', amountDue: '294.00' }],
          reason: 'from 2024-01-31, +30 days = 2024-03-01',
        },
        {
          dueDate: '2024-02-29',
          amount: '300.00',
          discounts: [],
          reason: 'from 2024-01-31, +1 month, end of month = 2024-02-29',
        },
        {
          dueDate: '2024-03-31',
          amount: '400.00',
          discounts: [],
          reason: 'from 2024-01-31, +2 months, end of month = 2024-03-31',
        },
      ],
    })
    // plain objects with the fields in the declared order
    assert.deepEqual(Object.keys(s), ['currency', 'total', 'installments'])
    assert.deepEqual(Object.keys(s.installments[0]), ['dueDate', 'amount', 'discounts', 'reason'])
    assert.deepEqual(Object.keys(s.installments[0].discounts[0]), ['deadline', 'discount', 'amountDue'])
    assert.equal(Object.getPrototypeOf(s), Object.prototype)
  })

  test('a Terms is reused across calls and keeps its value', () => {
    const terms = ar.parseTerms('2/10 Net 30')
    for (const [base, due] of [['2024-01-15', '2024-02-14'], ['2024-02-01', '2024-03-02']]) {
      assert.equal(ar.schedule(terms, base, '100.00', 'EUR').installments[0].dueDate, due)
    }
    assert.equal(String(terms), '2/10 Net 30')
  })

  test('errors keep their codes', () => {
    throwsCode(
      () => new ar.Terms('Net -5'),
      'parse_error',
      'at 4: expected a non-negative number of days after `Net`, found `-5`',
    )
    throwsCode(() => new ar.Terms(42), 'InvalidArg')
    throwsCode(() => new ar.Terms(), 'InvalidArg')
    throwsCode(() => new ar.Terms({ lines: [{ portion: { type: 'percent', percent: 30 } }] }), 'StringExpected')
    throwsCode(
      () => new ar.Terms({ lines: [{ portion: { type: 'balance' }, due: [{ type: 'days', days: 2.7 }] }] }),
      'InvalidArg',
      '`days` must be a whole number from -2147483648 to 2147483647, got `2.7`',
    )
    // core rules are checked by the core when scheduling, as for a plain object
    throwsCode(() => ar.schedule(new ar.Terms({ lines: [] }), '2024-01-01', '1.00', 'EUR'), 'no_lines')
    // only a real Terms is unwrapped: another class, or an object that only looks like one,
    // is read as a plain object (and has no `lines`)
    for (const fake of [new ar.BusinessCalendar(), Object.create(ar.Terms.prototype)]) {
      throwsCode(() => ar.schedule(fake, '2024-01-01', '1.00', 'EUR'), 'InvalidArg', 'Missing field `lines`')
      throwsCode(() => ar.printTerms(fake), 'InvalidArg')
    }
    const disguised = Object.setPrototypeOf(new ar.BusinessCalendar(), ar.Terms.prototype)
    throwsCode(() => ar.schedule(disguised, '2024-01-01', '1.00', 'EUR'), 'InvalidArg')
  })
})

describe('BusinessCalendar', () => {
  test('built once from a plain object; toObject gives it back, holidays sorted', () => {
    const calendar = new ar.BusinessCalendar({ weekend: ['Fri', 'Sat'], holidays: ['2024-12-26', '2024-12-25', '2024-12-25'] })
    assert.ok(calendar instanceof ar.BusinessCalendar)
    assert.deepEqual(calendar.toObject(), { weekend: ['Fri', 'Sat'], holidays: ['2024-12-25', '2024-12-26'] })
    assert.equal(JSON.stringify(calendar), '{"weekend":["Fri","Sat"],"holidays":["2024-12-25","2024-12-26"]}')
    // without an object, or with an empty one: Saturday and Sunday off, no holidays
    for (const empty of [new ar.BusinessCalendar(), new ar.BusinessCalendar({}), new ar.BusinessCalendar(null)]) {
      assert.deepEqual(empty.toObject(), { weekend: ['Sat', 'Sun'], holidays: [] })
    }
  })

  test('isBusinessDay, rollDate and schedule give the same for the class and the object', () => {
    const object = { weekend: ['Sat', 'Sun'], holidays: ['2024-12-25', '2024-12-26'] }
    const calendar = new ar.BusinessCalendar(object)
    // Tue 24, Wed 25 (holiday), Sat 28 Dec 2024; Wed 25 rolls following to Fri 27
    for (const [date, business] of [['2024-12-24', true], ['2024-12-25', false], ['2024-12-28', false]]) {
      assert.equal(ar.isBusinessDay(calendar, date), business)
      assert.equal(ar.isBusinessDay(object, date), business)
    }
    assert.equal(ar.rollDate(calendar, '2024-12-25', 'following'), '2024-12-27')
    assert.equal(ar.rollDate(object, '2024-12-25', 'following'), '2024-12-27')
    // 25 Nov 2024 + 30 days = 25 Dec, a holiday like 26 Dec: following gives Fri 27
    for (const cal of [calendar, object]) {
      const s = ar.schedule('Net 30 {roll following}', '2024-11-25', '10.00', 'EUR', { calendar: cal })
      assert.equal(s.installments[0].dueDate, '2024-12-27')
    }
  })

  test('errors keep their codes', () => {
    throwsCode(() => new ar.BusinessCalendar({ holidays: ['2024-13-01'] }), 'invalid_date')
    throwsCode(() => new ar.BusinessCalendar({ weekend: ['Saturday'] }), 'InvalidArg')
    const allWeek = new ar.BusinessCalendar({ weekend: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] })
    throwsCode(() => ar.rollDate(allWeek, '2024-01-01', 'following'), 'no_business_days')
    // a Terms is not a calendar: read as a plain object, whose fields are all optional
    assert.equal(ar.isBusinessDay(ar.parseTerms('Net 30'), '2024-06-15'), false)
  })
})

describe('the package entry point (main.js)', () => {
  test('package.json points at main.js, which exports every name of the generated loader', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    assert.equal(pkg.main, 'main.js')
    assert.equal(pkg.exports['.'].default, './main.js')
    assert.equal(pkg.exports['.'].types, './index.d.ts')
    assert.ok(pkg.files.includes('main.js'))
    const loader = require('../index.js')
    assert.deepEqual(Object.keys(ar).sort(), Object.keys(loader).sort())
    for (const name of Object.keys(loader)) {
      if (name !== 'schedule') assert.equal(ar[name], loader[name], name)
    }
  })

  test('ESM named imports see every name', async () => {
    const esm = await import('@ar-core/node')
    for (const name of Object.keys(ar)) assert.equal(esm[name], ar[name], name)
  })
})
