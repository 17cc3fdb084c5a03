// The quickstart (examples/quickstart.mjs, pasted into the README) runs and prints what the
// comments promise. 30 % of 1234.56 = 370.368 -> 370.37; balance 864.19; 2 % of 370.37 =
// 7.4074 -> 7.41, so 362.96 by 15 Jan + 10 days; due 15 Jan + 30 days = 14 Feb, and
// 15 Jan + 1 month = 15 Feb, end of month = 29 Feb 2024.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

test('examples/quickstart.mjs prints the schedule', () => {
  const script = fileURLToPath(new URL('../examples/quickstart.mjs', import.meta.url))
  const run = spawnSync(process.execPath, [script], { encoding: 'utf8' })
  assert.equal(run.stderr, '')
  assert.equal(run.status, 0)
  assert.equal(
    run.stdout,
    [
      '30%: 2/10 Net 30; balance: Due +1m EOM',
      '2024-02-14 370.37 EUR',
      '  or 362.96 if paid by 2024-01-25',
      '2024-02-29 864.19 EUR',
      'unknown_currency - unknown currency `XYZ`',
      '',
    ].join('\n'),
  )
})
