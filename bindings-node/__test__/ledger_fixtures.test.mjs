// Runs every shared ledger fixture (fixtures/ledger/*.json; format in fixtures/README.md,
// section "`ledger/*.json`") through the Node API, as the Rust runner
// (ar-core/tests/ledger_fixtures.rs) does through the core: the events are replayed into one
// `Account` (drafts issued with `issueSimple` / `issueInvoice`, default options), each event's
// `expect_applied` / `expect_error` checked (a rejected event must leave `account.toJSON()`
// byte-identical), then the account as of `as_of` against `expect` by subset matching. Every
// object goes in and comes out in the stored JSON shape, so the fixture's JSON is passed and
// compared as it is; only statement options are camelized (they are a Node options object).
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { describe, test } from 'node:test'

import { ar, camelize, matchSubset } from './helpers.mjs'

const dir = new URL('../../fixtures/ledger/', import.meta.url)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()

const CASE_KEYS = ['name', 'kind', 'source', 'config', 'events', 'as_of', 'expect']
const EVENT_KEYS = ['id', 'date', 'body', 'issue_simple', 'issue_invoice', 'expect_applied', 'expect_error']
const EXPECT_KEYS = [
  'open_items',
  'balance',
  'unapplied_cash',
  'disputed_total',
  'payments',
  'documents',
  'history',
  'reporting_balance',
  'realized_fx',
  'statement',
]
const STATEMENT_KEYS = ['from', 'to', 'options', 'expect']

function onlyKeys(object, allowed, what) {
  for (const key of Object.keys(object)) {
    assert.ok(allowed.includes(key), `${what}: unknown key \`${key}\` (allowed: ${allowed.join(', ')})`)
  }
}

/** The error of a call as `{ code, message }`, or `null` when it returns (into `out.value`). */
function attempt(fn, out = {}) {
  try {
    out.value = fn()
    return null
  } catch (err) {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    return { code: err.code, message: err.message }
  }
}

/** One element of `events`: the event to apply, or the error of issuing its draft. */
function readEvent(e, n) {
  assert.equal(typeof e, 'object', `events[${n}] must be an object`)
  onlyKeys(e, EVENT_KEYS, `events[${n}]`)
  const given = ['body', 'issue_simple', 'issue_invoice'].filter((k) => k in e)
  assert.equal(given.length, 1, `event \`${e.id}\`: give exactly one of body, issue_simple, issue_invoice`)
  assert.ok(!('expect_error' in e && 'expect_applied' in e), `event \`${e.id}\`: at most one expectation`)
  let body
  const out = {}
  let error = null
  if (e.body !== undefined) body = e.body
  else if (e.issue_simple !== undefined) error = attempt(() => ar.issueSimple(e.issue_simple), out)
  else error = attempt(() => ar.issueInvoice(e.issue_invoice).document, out)
  if (body === undefined && error === null) body = { type: 'document_issued', document: out.value }
  return { source: e, event: error ? null : { id: e.id, date: e.date, body }, error }
}

function step(account, ev, problems) {
  const what = `event \`${ev.source.id}\``
  const before = account.toJSON()
  const out = {}
  const error = ev.error ?? attempt(() => account.apply(ev.event), out)
  const want = ev.source.expect_error
  if (error === null) {
    if (want !== undefined) problems.push(`${what}: expected error \`${want}\`, but it was accepted`)
    else if (ev.source.expect_applied !== undefined) {
      matchSubset(`${what} expect_applied`, ev.source.expect_applied, out.value, problems)
    }
    return
  }
  if (want === undefined) {
    problems.push(`${what}: rejected with \`${error.code}\`: ${error.message}`)
    return
  }
  if (error.code !== want) problems.push(`${what}: expected error \`${want}\`, got \`${error.code}\`: ${error.message}`)
  if (account.toJSON() !== before) problems.push(`${what}: rejected, but the account JSON changed`)
}

function checkDecimal(path, want, read, problems) {
  const out = {}
  const error = attempt(read, out)
  if (error) problems.push(`${path}: error \`${error.code}\`: ${error.message}`)
  else matchSubset(path, want, out.value, problems)
}

function run(c) {
  onlyKeys(c, CASE_KEYS, 'case')
  assert.equal(c.kind, 'ledger')
  assert.ok(typeof c.source === 'string' && c.source.trim(), '`source` must say how the expectation was derived')
  onlyKeys(c.expect, EXPECT_KEYS, '`expect`')
  const events = c.events.map(readEvent)
  const problems = []

  // Account.replay semantics: events dated after as_of are skipped, checks included
  const account = new ar.Account(c.config)
  for (const ev of events) {
    if (ev.source.date <= c.as_of) step(account, ev, problems)
  }

  const x = c.expect
  if ('open_items' in x) matchSubset('open_items', x.open_items, account.openItems(), problems)
  if ('balance' in x) checkDecimal('balance', x.balance, () => account.balance(), problems)
  if ('unapplied_cash' in x) checkDecimal('unapplied_cash', x.unapplied_cash, () => account.unappliedCash(), problems)
  if ('disputed_total' in x) checkDecimal('disputed_total', x.disputed_total, () => account.disputedTotal(), problems)
  if ('realized_fx' in x) checkDecimal('realized_fx', x.realized_fx, () => account.realizedFx(), problems)
  for (const [key, lookup] of [
    ['payments', (id) => account.payment(id)],
    ['documents', (id) => account.document(id)],
    ['history', (id) => account.history(id)],
  ]) {
    for (const [id, want] of Object.entries(x[key] ?? {})) matchSubset(`${key}.${id}`, want, lookup(id), problems)
  }
  if ('reporting_balance' in x) {
    checkDecimal('reporting_balance', x.reporting_balance, () => account.reportingBalance(c.as_of), problems)
  }
  if ('statement' in x) {
    const s = x.statement
    onlyKeys(s, STATEMENT_KEYS, '`expect.statement`')
    // the same events, drafts issued the same way, events expecting an error left out
    const history = events.filter((e) => e.source.expect_error === undefined && e.event).map((e) => e.event)
    const options = s.options === undefined ? undefined : camelize(s.options)
    checkDecimal('statement', s.expect, () => ar.statement(c.config, history, s.from, s.to, options), problems)
  }
  return problems
}

describe('shared ledger fixtures', () => {
  test('the fixture folder is not empty', () => {
    assert.ok(files.length > 0, `no fixtures in ${dir.pathname}`)
  })

  for (const file of files) {
    const c = JSON.parse(readFileSync(new URL(file, dir), 'utf8'))
    test(`ledger: ${c.name}`, () => {
      assert.equal(`${c.name}.json`, file)
      const problems = run(c)
      if (problems.length > 0) assert.fail(`${problems.length} mismatches:\n  ${problems.join('\n  ')}`)
    })
  }
})
