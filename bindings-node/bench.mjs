// Times `schedule` on the 3-line term of benches/three_line_terms.json (the same term the
// Rust and Python benchmarks use) and prints one JSON line:
//   {"lang":"node","ns_per_call":...,"ns_per_call_notation":...,"ns_per_call_object":...,"calls":N}
//
//   node bench.mjs [N]        # builds the release addon first (npx napi build --platform --release)
//   AR_CORE_BENCH_NO_BUILD=1 node bench.mjs [N]   # use the addon already built
//
// `ns_per_call`, the main figure, passes a `Terms` built once (as a user who schedules many
// invoices on the same terms does); every call converts the date, amount and currency strings
// and the result, as a user's call does. The extra figures pass the same terms as a notation
// string (parsed on every call) and as a plain `TermsObject` (converted on every call). All
// three results are checked against the expected installments (hand-computed below) before
// timing.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
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

// the package's entry point, as users load it
const { Terms, schedule } = createRequire(import.meta.url)('./main.js')
const bench = JSON.parse(readFileSync(new URL('../benches/three_line_terms.json', import.meta.url), 'utf8'))
// the stored JSON shape is the TermsObject shape
const object = bench.terms
const terms = new Terms(object)
const notation = String(terms)
const calls = {
  ns_per_call: () => schedule(terms, bench.base_date, bench.amount, bench.currency),
  ns_per_call_notation: () => schedule(notation, bench.base_date, bench.amount, bench.currency),
  ns_per_call_object: () => schedule(object, bench.base_date, bench.amount, bench.currency),
}

// 1000.00 EUR from 31 Jan 2024: 30 % = 300.00 due +30 days = 1 Mar (leap February), 2 % of it
// = 6.00 until +10 days = 10 Feb; 30 % = 300.00 due +1 month = 29 Feb, end of month 29 Feb;
// balance 400.00 due +2 months = 31 Mar, end of month 31 Mar.
for (const call of Object.values(calls)) {
  assert.deepEqual(
    call().installments.map((i) => [i.dueDate, i.amount, i.discounts]),
    [
      ['2024-03-01', '300.00', [{ deadline: '2024-02-10', discount: '6.00', amountDue: '294.00' }]],
      ['2024-02-29', '300.00', []],
      ['2024-03-31', '400.00', []],
    ],
  )
}

const n = Number(process.argv[2] ?? 200_000)
assert.ok(Number.isInteger(n) && n > 0, 'N must be a positive whole number')
const result = { lang: 'node' }
for (const [name, call] of Object.entries(calls)) {
  for (let i = 0; i < Math.min(n, 20_000); i++) call() // warm up
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) call()
  result[name] = Number((process.hrtime.bigint() - start) / BigInt(n))
}
console.log(JSON.stringify({ ...result, calls: n }))
