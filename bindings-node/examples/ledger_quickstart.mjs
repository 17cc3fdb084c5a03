// Ledger quickstart: issue invoices, receive a payment, query the account, store it, replay
// the history. Objects are the stored JSON shape of docs/json.md: snake_case keys, decimals and
// dates as strings (a JS number for money throws).
import { Account, Terms, issueSimple, statement } from '@ar-core/node'

const config = { customer: 'ACME', currency: 'EUR' } // oldest due first by default
const account = new Account(config)
const history = [] // what the host stores: the events, in order
const record = (event) => {
  const applied = account.apply(event) // throws, and changes nothing, if the event is invalid
  history.push(event)
  return applied
}

// three invoices of 400.00, due 1 Mar, 1 Feb and 15 Feb
for (const [n, days] of [[1, 60], [2, 30], [3, 43]]) {
  const date = `2024-01-0${n}`
  const document = issueSimple({
    kind: 'invoice', id: `INV-${n}`, customer: 'ACME', date, currency: 'EUR',
    amount: '400.00', terms: new Terms(`Net ${days}`),
  })
  record({ id: `e${n}`, date, body: { type: 'document_issued', document } })
}

// 1000.00 arrives: the February invoices close, 200.00 stays open on March
const applied = record({
  id: 'e4', date: '2024-01-20',
  body: { type: 'payment_received', payment_id: 'P-1', amount: '1000.00', currency: 'EUR' },
})
for (const a of applied.allocations) console.log('paid', a.document, a.amount)
for (const item of account.openItems()) console.log('open', item.document, 'due', item.due_date, item.open)
console.log('balance', account.balance(), account.config.currency)

// the host stores the state (or just the events) and restores it later
const restored = Account.fromJSON(account.toJSON())
console.log('restored', restored.balance(), '/ replayed', Account.replay(config, history, '2024-01-31').balance())

// the payment bounces: everything it closed reopens
record({ id: 'e5', date: '2024-01-25', body: { type: 'payment_reversed', payment_id: 'P-1', reason: 'bounced' } })
console.log('after the bounce', account.balance())
const january = statement(config, history, '2024-01-01', '2024-01-31')
console.log('January:', january.lines.length, 'lines, closing balance', january.closing_balance)

try {
  record({ id: 'e6', date: '2024-01-26', body: { type: 'payment_reversed', payment_id: 'P-9', reason: 'bounced' } })
} catch (err) {
  console.log(err.code, '-', err.message) // errors carry the core's stable kind as `code`
}
