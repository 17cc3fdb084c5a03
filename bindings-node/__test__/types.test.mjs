// The TypeScript types of the ledger, discounts, plans, interest and fees (hand-written in
// ledger.d.ts, copied into the generated index.d.ts) against what the core really reads and
// writes. Every input of every ledger fixture (configs, events, drafts) and every result the
// Node API gives for them (documents, `Applied`, open items, document and payment states,
// statements, ...), and the arguments and results of every case of fixtures/discounts/,
// fixtures/plans/ (nested calls included) and fixtures/interest/, plus the results of the
// calls no fixture makes, are written into a TypeScript file as object literals annotated with
// their declared types, and compiled with `tsc --strict` together with `types_usage.ts` (the
// API as a TypeScript user writes it).
// Object literals get TypeScript's excess-property check, so a field the core adds, renames
// or drops fails here until ledger.d.ts follows. The compiler is the `typescript` package
// that @napi-rs/cli installs (pinned in package-lock.json).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

import { ar } from './helpers.mjs'
import { CALLS, FOLDERS, casesOf, resolveNested } from './issue4_calls.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const fixtures = new URL('../../fixtures/ledger/', import.meta.url)

/** `[declared type, value]` pairs: the inputs and results of one fixture case. */
function samplesOf(c) {
  const out = [['AccountConfig', c.config]]
  const tryPush = (type, fn) => {
    try {
      const value = fn()
      out.push([type, value])
      return value
    } catch {
      return undefined // rejected inputs are the fixtures' business
    }
  }
  const events = []
  for (const e of c.events) {
    let body = e.body
    if (e.issue_simple !== undefined) {
      out.push(['SimpleDraft', e.issue_simple])
      const document = tryPush('Document', () => ar.issueSimple(e.issue_simple))
      if (document) body = { type: 'document_issued', document }
    } else if (e.issue_invoice !== undefined) {
      out.push(['InvoiceDraft', e.issue_invoice])
      const issued = tryPush('IssuedInvoice', () => ar.issueInvoice(e.issue_invoice))
      if (issued) body = { type: 'document_issued', document: issued.document }
    }
    if (body === undefined) continue
    const event = { id: e.id, date: e.date, body }
    out.push(['Event', event])
    events.push(event)
  }
  const account = new ar.Account(c.config)
  for (const event of events.filter((e) => e.date <= c.as_of)) tryPush('Applied', () => account.apply(event))
  out.push(
    ['OpenItem[]', account.openItems()],
    ['OpenDispute[]', account.openDisputes()],
    ['Record<string, DocumentState>', account.documents()],
    ['Record<string, PaymentState>', account.payments()],
    ['Record<string, PromiseToPay>', account.promises()],
    ['WriteOff[]', account.writeOffs()],
    ['DatedRate[]', account.rates()],
    ['AccountConfig', account.config],
  )
  tryPush('ReportingBalance', () => account.reportingBalance(c.as_of))
  const from = c.expect.statement?.from ?? c.events[0]?.date ?? c.as_of
  const to = c.expect.statement?.to ?? c.as_of
  tryPush('Statement', () => ar.statement(c.config, events, from, to))
  return out
}

/** `[declared type, value]` pairs: the typed arguments and the result of one call. */
function callSamples(folder, call, args, result) {
  const spec = CALLS[folder][call]
  const out = []
  for (const [key, type] of Object.entries(spec.types ?? {})) {
    if (key === '*') out.push([type, args])
    else if (args[key] !== undefined) out.push([type, args[key]])
  }
  if (spec.result !== null && result !== undefined) out.push([spec.result, result])
  return out
}

/** The samples of every case of fixtures/{discounts,plans,interest}/ (issue 4). */
function issue4Samples() {
  const out = []
  for (const folder of FOLDERS) {
    for (const [, c] of casesOf(folder)) {
      const nested = []
      const args = resolveNested(folder, c.args, nested)
      for (const [call, a, r] of nested) out.push(...callSamples(folder, call, a, r))
      let result
      try {
        result = CALLS[folder][c.call].run(args)
      } catch {
        result = undefined // error cases: only their arguments are typed
      }
      out.push(...callSamples(folder, c.call, args, result))
    }
  }
  return out
}

/** Results of the issue-4 calls that no fixture makes. */
function moreSamples() {
  const offers = [
    { deadline: '2024-01-11', discount: '3.00', amount_due: '97.00' },
    { deadline: '2024-01-21', discount: '2.00', amount_due: '98.00' },
  ]
  const invoice = ar.issueSimple({
    kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-01', currency: 'EUR',
    amount: '1000.00', terms: new ar.Terms('2/10 Net 30'),
  })
  const fee = ar.issueSimple({
    kind: 'fee_charge', id: 'FEE-1', customer: 'ACME', date: '2024-02-05', currency: 'EUR',
    amount: '40.00', charge_for: { document: 'INV-1', key: 'level-1' },
  })
  const account = ar.Account.replay({ customer: 'ACME', currency: 'EUR', partial_discount: 'pro_rata' }, [
    { id: 'e1', date: '2024-01-01', body: { type: 'document_issued', document: invoice } },
    { id: 'e2', date: '2024-02-05', body: { type: 'document_issued', document: fee } },
    { id: 'e3', date: '2024-02-15', body: { type: 'payment_received', payment_id: 'P-1', amount: '1000.00', currency: 'EUR', remittance: [{ document: 'INV-1', amount: '1000.00' }] } },
  ], '2024-03-31')
  const split = { type: 'split', terms: { due: { type: 'custom', dates: ['2024-05-01', '2024-06-01'] } } }
  return [
    ['Document', fee],
    ['BestOffer | null', ar.bestOffer(offers, '2024-01-11')],
    ['DocumentDiscount', ar.documentEarnedDiscount(invoice, '2024-01-11')],
    ['PlanSpec', split],
    ['Plan', ar.buildPlan(split, '100.00', 'EUR')],
    ['ItemPrincipal', ar.principalChanges(account, 'INV-1', 0, '2024-03-31')],
    ['DatedInterestRate | null', ar.rateOn([{ from: '2024-01-01', percent: '6', note: 'base' }], '2024-03-31')],
    ['ChargeWaiver[]', ar.waiveUnpaidCharges(account, 'waive', '2024-03-31')],
    ['AccountConfig', account.config],
    ['FeePolicy', ar.euLatePaymentCompensation()],
    ['FeePolicy', ar.ukLatePaymentCompensation()],
    ['RateSource', ar.euLatePaymentRates([{ from: '2023-09-20', percent: '4.50' }])],
    ['RateSource', ar.ukLatePaymentRates([{ from: '2023-08-03', percent: '5.25' }])],
  ]
}

test('ledger.d.ts types every input and result of the ledger fixtures; types_usage.ts compiles', { timeout: 300_000 }, () => {
  const samples = readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => samplesOf(JSON.parse(readFileSync(new URL(f, fixtures), 'utf8'))))
    .concat(issue4Samples(), moreSamples())
  const typesUsed = new Set(['Event'])
  for (const [type, value] of samples) {
    assert.notEqual(value, undefined)
    for (const name of type.match(/[A-Z]\w+/g) ?? []) if (name !== 'Record') typesUsed.add(name)
  }
  // every kind of result appears at least once, so none of its types goes unchecked
  const results = ['Applied', 'Document', 'IssuedInvoice', 'Statement', 'ReportingBalance']
  results.push('EarlyPayment', 'EarnedDiscount', 'ProRata', 'AnnualizedCost', 'DynamicDiscount', 'BestOffer')
  results.push('DocumentDiscount', 'Plan', 'PlanStatus', 'Rescheduled', 'InterestBreakdown', 'InterestRateTable')
  results.push('AccountInterest', 'FeeRun', 'ChargeWaiver', 'ItemPrincipal', 'DatedInterestRate', 'FeePolicy')
  for (const name of results) {
    assert.ok(typesUsed.has(name), `no fixture gives a ${name}`)
  }
  const lines = [
    `import type { ${[...typesUsed].sort().join(', ')} } from ${JSON.stringify(join(root, 'index.js'))}`,
    ...samples.map(([type, value], i) => `export const v${i}: ${type} = ${JSON.stringify(value)}`),
  ]
  const dir = mkdtempSync(join(tmpdir(), 'ar-core-node-types-'))
  try {
    const file = join(dir, 'samples.ts')
    writeFileSync(file, lines.join('\n') + '\n')
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext']
    const run = spawnSync(process.execPath, [tsc, ...args, file, join(root, '__test__', 'types_usage.ts')], {
      cwd: root,
      encoding: 'utf8',
    })
    assert.equal(run.status, 0, `tsc found errors (${samples.length} samples in ${file}):\n${run.stdout}${run.stderr}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
