// Runs every shared fixture (fixtures/terms/*.json, format in fixtures/README.md) through the
// Node API and compares exact strings. Stored terms (snake_case JSON) go through
// termsFromJson, notation through parseTerms (both give a `Terms` instance); options and
// calendars become the camelCase objects of the Node API. Schedule cases also run with the
// terms given directly (the plain JSON object, or the notation string) and must give the
// same result.
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { describe, test } from 'node:test'

import { ar, camelize, throwsCode } from './helpers.mjs'

const dir = new URL('../../fixtures/terms/', import.meta.url)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()

function scheduleOf(c, direct) {
  let terms
  if (c.notation !== undefined) terms = direct ? c.notation : ar.parseTerms(c.notation)
  else terms = direct ? c.terms : ar.termsFromJson(JSON.stringify(c.terms))
  return ar.schedule(terms, c.base_date, c.amount, c.currency, camelize(c.options ?? {}))
}

/** The parts of a schedule that fixtures compare, in the fixtures' snake_case. */
function comparable(s) {
  return s.installments.map((i) => ({
    due_date: i.dueDate,
    amount: i.amount,
    discounts: i.discounts.map((d) => ({ deadline: d.deadline, discount: d.discount, amount_due: d.amountDue })),
  }))
}

const runners = {
  schedule: (c) => comparable(scheduleOf(c, false)),
  split: (c) => ar.split(c.total, c.currency, c.parts, camelize(c.options ?? {})),
  notation: (c) => {
    const terms = ar.parseTerms(c.input)
    return { printed: ar.printTerms(terms), terms }
  },
  roll: (c) => ar.rollDate(camelize(c.calendar ?? {}), c.date, c.roll),
}

function check(c, got) {
  switch (c.kind) {
    case 'schedule': {
      const want = c.expect.installments.map((i) => ({ ...i, discounts: i.discounts ?? [] }))
      assert.deepEqual(got, want)
      // the same through the direct path (object or notation string given to schedule)
      assert.deepEqual(comparable(scheduleOf(c, true)), got)
      break
    }
    case 'notation':
      assert.equal(got.printed, c.expect.printed)
      if (c.expect.terms !== undefined) {
        assert.deepEqual(got.terms.toObject(), ar.termsFromJson(JSON.stringify(c.expect.terms)).toObject())
        assert.equal(ar.termsToJson(got.terms), ar.termsToJson(ar.termsFromJson(JSON.stringify(c.expect.terms))))
      }
      break
    default:
      assert.deepEqual(got, c.expect)
  }
}

describe('shared fixtures', () => {
  test('the fixture folder is not empty', () => {
    assert.ok(files.length > 0, `no fixtures in ${dir.pathname}`)
  })

  for (const file of files) {
    const c = JSON.parse(readFileSync(new URL(file, dir), 'utf8'))
    test(`${c.kind}: ${c.name}`, () => {
      assert.equal(`${c.name}.json`, file)
      const run = runners[c.kind]
      assert.ok(run, `unknown fixture kind ${c.kind}`)
      if (c.error !== undefined) {
        throwsCode(() => run(c), c.error.kind)
        if (c.kind === 'schedule') throwsCode(() => scheduleOf(c, true), c.error.kind)
      } else {
        check(c, run(c))
      }
    })
  }
})
