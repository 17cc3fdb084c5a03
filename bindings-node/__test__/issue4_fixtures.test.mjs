// Runs every shared fixture of fixtures/discounts/, fixtures/plans/ and fixtures/interest/
// through the Node API, per each folder's README, as the Rust runners
// (ar-core/tests/{discount,plan,interest}_fixtures.rs) do through the core: the `call` is
// mapped to its camelCase function (issue4_calls.mjs), nested `{"$call": ...}` arguments are
// resolved first (depth first; a nested `replay` gives an `Account`, which `reschedule`
// takes), and the result, already in the stored JSON shape, is matched against `expect` by
// subset, or the error's `code` against `error.kind`. Every mismatch of a case is reported.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { CASE_KEYS, FOLDERS, callOf, casesOf, resolveNested } from './issue4_calls.mjs'
import { matchSubset } from './helpers.mjs'

/** At least this many cases per folder: fewer means the folder was not found or emptied. */
const MIN_CASES = { discounts: 25, plans: 40, interest: 50 }

function run(folder, c) {
  for (const key of Object.keys(c)) assert.ok(CASE_KEYS.includes(key), `unknown key \`${key}\``)
  assert.ok(typeof c.source === 'string' && c.source.trim(), '`source` must say where the numbers come from')
  assert.ok(('expect' in c) !== ('error' in c), 'a case has exactly one of `expect` and `error`')
  const args = resolveNested(folder, c.args)
  const spec = callOf(folder, c.call, args)
  let result
  let error = null
  try {
    result = spec.run(args)
  } catch (err) {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    assert.equal(typeof err.code, 'string', `an error without a code: ${err.message}`)
    error = err
  }
  const problems = []
  if ('error' in c) {
    for (const key of Object.keys(c.error)) assert.equal(key, 'kind', '`error` has only `kind`')
    if (error === null) problems.push(`expected error \`${c.error.kind}\`, got a result: ${JSON.stringify(result)}`)
    else if (error.code !== c.error.kind) {
      problems.push(`expected error \`${c.error.kind}\`, got \`${error.code}\`: ${error.message}`)
    }
  } else if (error !== null) {
    problems.push(`failed with \`${error.code}\`: ${error.message}`)
  } else {
    // the discount README has no rule that an expected [] matches a missing list
    const options = { emptyMatchesMissing: folder !== 'discounts' }
    matchSubset('result', c.expect, result, problems, options)
  }
  return problems
}

for (const folder of FOLDERS) {
  describe(`shared ${folder} fixtures`, () => {
    const cases = casesOf(folder)

    test('the folder holds its cases', () => {
      assert.ok(cases.length >= MIN_CASES[folder], `only ${cases.length} cases in fixtures/${folder}/`)
    })

    for (const [file, c] of cases) {
      test(`${folder}: ${c.name}`, () => {
        assert.equal(`${c.name}.json`, file)
        const problems = run(folder, c)
        if (problems.length > 0) assert.fail(`${problems.length} mismatches:\n  ${problems.join('\n  ')}`)
      })
    }
  })
}
