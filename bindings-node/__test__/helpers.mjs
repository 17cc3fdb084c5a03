// Shared helpers of the Node binding's tests. No floats: amounts are summed as BigInt units.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** The binding as users load it: the package's entry point (main.js, over the loader). */
export const ar = require('@ar-core/node')

/** Exact sum of decimal strings, as a decimal string with `scale` places. */
export function sum(amounts, scale) {
  const units = amounts.map((a) => {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(a)
    assert.ok(match, `not a plain decimal string: ${a}`)
    const [, sign, whole, fraction = ''] = match
    assert.ok(fraction.length <= scale, `${a} has more than ${scale} places`)
    const value = BigInt(whole + fraction.padEnd(scale, '0'))
    return sign ? -value : value
  })
  const total = units.reduce((a, b) => a + b, 0n)
  const negative = total < 0n
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0')
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits
  return negative ? `-${text}` : text
}

/**
 * Asserts that `fn` throws a JS `Error` with this `code` (and this exact message when given,
 * or a message matching it when it is a RegExp).
 */
export function throwsCode(fn, code, message) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Error, `not an Error: ${err}`)
    assert.equal(err.code, code, `code of: ${err.message}`)
    if (message instanceof RegExp) assert.match(err.message, message)
    else if (message !== undefined) assert.equal(err.message, message)
    return true
  })
}

/** snake_case keys to camelCase, recursively; `null` values are dropped (= not given). */
export function camelize(value) {
  if (Array.isArray(value)) return value.map(camelize)
  if (value === null || typeof value !== 'object') return value
  const out = {}
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null) continue
    out[key.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = camelize(inner)
  }
  return out
}

/**
 * Subset matching of fixtures/README.md ("Matching"): an expected object names the keys it
 * compares; an expected array has the actual array's length and matches element by element;
 * scalars compare as JSON values (decimals as exact strings, scale included); an expected
 * `null` matches a missing or null value and an expected `[]` a missing one (the core leaves
 * empty lists out; `emptyMatchesMissing: false` for fixtures/discounts/, whose README does not
 * say so). Every mismatch is pushed to `problems` with its path.
 */
export function matchSubset(path, want, got, problems, { emptyMatchesMissing = true } = {}) {
  const show = (v) => (v === undefined ? '<missing>' : JSON.stringify(v))
  const options = { emptyMatchesMissing }
  if (want === null) {
    if (got !== undefined && got !== null) problems.push(`${path}: expected null, got ${show(got)}`)
  } else if (Array.isArray(want)) {
    if (got === undefined && want.length === 0 && emptyMatchesMissing) return
    if (!Array.isArray(got)) {
      problems.push(`${path}: expected a list ${show(want)}, got ${show(got)}`)
      return
    }
    if (got.length !== want.length) {
      problems.push(`${path}: expected ${want.length} elements, got ${got.length}: ${show(got)}`)
    }
    want.forEach((w, i) => {
      if (i < got.length) matchSubset(`${path}[${i}]`, w, got[i], problems, options)
    })
  } else if (typeof want === 'object') {
    if (got === null || typeof got !== 'object' || Array.isArray(got)) {
      problems.push(`${path}: expected an object ${show(want)}, got ${show(got)}`)
      return
    }
    for (const [key, w] of Object.entries(want)) matchSubset(`${path}.${key}`, w, got[key], problems, options)
  } else if (got !== want) {
    problems.push(`${path}: expected ${show(want)}, got ${show(got)}`)
  }
}
