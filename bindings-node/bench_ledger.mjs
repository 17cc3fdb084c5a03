// Times `Account.apply` from Node on a typical stream of events and prints one JSON line:
//   {"lang":"node","ns_per_apply":...,"ns_per_apply_text":...,"events":N}
//
//   node bench_ledger.mjs [N]        # builds the release addon first (npx napi build --platform --release)
//   AR_CORE_BENCH_NO_BUILD=1 node bench_ledger.mjs [N]   # use the addon already built
//
// The stream: N pairs of events into one EUR account, each pair an invoice of 400.00 issued
// (`document_issued` with a one-installment document) and a payment of 400.00 that closes it
// (`payment_received`, oldest due first: one allocation). `ns_per_apply` passes each event as
// an object (written with JSON.stringify, read by the core's serde) and gets `Applied` back as
// an object, as a user's call does; `ns_per_apply_text` passes the same events as JSON text.
// The results are checked (every invoice closed, balance 0.00) before the timing is reported.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
if (!process.env.AR_CORE_BENCH_NO_BUILD) {
  const build = spawnSync('npx', ['napi', 'build', '--platform', '--release'], {
    cwd: here,
    stdio: ['ignore', process.stderr, process.stderr],
  })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const { Account } = createRequire(import.meta.url)('./main.js')
const config = { customer: 'ACME', currency: 'EUR' }

function events(n) {
  const out = []
  for (let i = 0; i < n; i++) {
    const document = {
      id: `INV-${i}`, kind: 'invoice', customer: 'ACME', date: '2024-01-01', currency: 'EUR',
      total: '400.00', installments: [{ due_date: '2024-01-31', amount: '400.00' }],
    }
    out.push({ id: `i${i}`, date: '2024-01-01', body: { type: 'document_issued', document } })
    out.push({ id: `p${i}`, date: '2024-01-20', body: { type: 'payment_received', payment_id: `P-${i}`, amount: '400.00', currency: 'EUR' } })
  }
  return out
}

function time(stream) {
  const account = new Account(config)
  const start = process.hrtime.bigint()
  for (const e of stream) account.apply(e)
  const ns = Number(process.hrtime.bigint() - start) / stream.length
  assert.equal(account.balance(), '0.00')
  assert.equal(account.openItems().length, 0)
  return Math.round(ns)
}

const n = Number(process.argv[2] ?? 5_000)
assert.ok(Number.isInteger(n) && n > 0, 'N must be a positive whole number')
const objects = events(n)
const texts = objects.map((e) => JSON.stringify(e))
time(events(Math.min(n, 2_000))) // warm up
const result = { lang: 'node', ns_per_apply: Infinity, ns_per_apply_text: Infinity }
for (let round = 0; round < 5; round++) {
  result.ns_per_apply = Math.min(result.ns_per_apply, time(objects))
  result.ns_per_apply_text = Math.min(result.ns_per_apply_text, time(texts))
}
console.log(JSON.stringify({ ...result, events: objects.length }))
