// The ledger quickstart (examples/ledger_quickstart.mjs, shown in the README) runs and prints
// what its comments promise: the worked case (1000.00 oldest due first on 400.00 due
// 1 Feb, 15 Feb and 1 Mar: 400.00 + 400.00 + 200.00, leaving 400.00 - 200.00 = 200.00 on the
// March invoice), the same balance after storing or replaying, 3 × 400.00 = 1200.00 open again
// after the bounce, and five statement lines (three invoices, the payment, its reversal).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

test('examples/ledger_quickstart.mjs prints the worked case', () => {
  const script = fileURLToPath(new URL('../examples/ledger_quickstart.mjs', import.meta.url))
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' })
  assert.equal(run.stderr, '')
  assert.equal(run.status, 0)
  assert.equal(
    run.stdout,
    [
      'paid INV-2 400.00',
      'paid INV-3 400.00',
      'paid INV-1 200.00',
      'open INV-1 due 2024-03-01 200.00',
      'balance 200.00 EUR',
      'restored 200.00 / replayed 200.00',
      'after the bounce 1200.00',
      'January: 5 lines, closing balance 1200.00',
      'unknown_payment - unknown payment `P-9`',
      '',
    ].join('\n'),
  )
})
