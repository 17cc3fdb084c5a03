// The package's entry point: everything the generated loader (index.js, never edited)
// exports, with `schedule` returning the plain `Schedule` object that index.d.ts declares.
//
// Why this file: building a schedule object in Rust costs one napi call per property and
// string, more than computing the schedule. The addon's `schedule` returns the fields as one
// string instead (`schedule_fields` in src/convert.rs, which documents the order) and
// `fromFields` below builds the objects, which is cheaper than building them through napi
// or parsing JSON. Only the shape is built here: every value is the core's, unchanged.
'use strict'

const native = require('./index.js')

const FIELD_SEPARATOR = '\x1f'

/** The plain `Schedule` object from the fields of `schedule_fields`. */
function fromFields(text) {
  // indexOf and slice: measured faster than split (and than JSON.parse)
  let at = 0
  const next = () => {
    let end = text.indexOf(FIELD_SEPARATOR, at)
    if (end < 0) end = text.length
    const field = text.slice(at, end)
    at = end + 1
    return field
  }
  const currency = next()
  const total = next()
  const installments = []
  for (let i = Number(next()); i > 0; i--) {
    const dueDate = next()
    const amount = next()
    const reason = next()
    const discounts = []
    for (let j = Number(next()); j > 0; j--) {
      discounts.push({ deadline: next(), discount: next(), amountDue: next() })
    }
    installments.push({ dueDate, amount, discounts, reason })
  }
  return { currency, total, installments }
}

function schedule(terms, baseDate, amount, currency, options) {
  return fromFields(native.schedule(terms, baseDate, amount, currency, options))
}

module.exports = { ...require('./index.js'), schedule }
