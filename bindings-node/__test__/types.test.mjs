// The TypeScript types of the ledger (hand-written in ledger.d.ts, copied into the generated
// index.d.ts) against what the core really reads and writes. Every input of every ledger
// fixture (configs, events, drafts) and every result the Node API gives for them (documents,
// `Applied`, open items, document and payment states, statements, ...) is written into a
// TypeScript file as an object literal annotated with its declared type, and compiled with
// `tsc --strict` together with `types_usage.ts` (the API as a TypeScript user writes it).
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

test('ledger.d.ts types every input and result of the ledger fixtures; types_usage.ts compiles', { timeout: 300_000 }, () => {
  const samples = readdirSync(fixtures)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => samplesOf(JSON.parse(readFileSync(new URL(f, fixtures), 'utf8'))))
  const typesUsed = new Set(['Event'])
  for (const [type, value] of samples) {
    assert.notEqual(value, undefined)
    for (const name of type.match(/[A-Z]\w+/g)) if (name !== 'Record') typesUsed.add(name)
  }
  // every kind of result appears at least once, so none of its types goes unchecked
  for (const name of ['Applied', 'Document', 'IssuedInvoice', 'Statement', 'ReportingBalance']) {
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
