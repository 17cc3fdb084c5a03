// Discounts, installment plans, late fees and interest from Node. Objects are the stored JSON
// shape of docs/json.md (snake_case keys, decimals and dates as strings); every call is pure:
// fees and interest come back as documents for the host to issue, so running a policy again
// charges nothing new.
import { Account, Terms, accrueAccount, annualizedCost, assessFees, earlyPaymentAmounts, installmentPlan, issueSimple, planStatus } from '@ar-core/node'

// what a 2/10 net 30 discount is worth a year, on a 365-day year
const cost = annualizedCost('2', 10, 30, 'days_365')
console.log(`2/10 net 30: ${cost.simple_percent} % simple, ${cost.compounded_percent} % compounded`)

// the same 2 % taken on the untaxed amount only, on 1000.00 + 21 % VAT
const early = earlyPaymentAmounts({ net: '1000.00', taxes: [{ percent: '21', base: '1000.00' }] }, 'EUR', '2', 'net')
console.log(`net base: ${early.due_early} by the deadline, ${early.due_late} after`)

// 1000.00 in 3 monthly installments, the first due 31 Jan 2024
const plan = installmentPlan('1000.00', 'EUR', {
  due: { type: 'periodic', frequency: 'monthly', first_due: '2024-01-31', count: 3 },
})
for (const i of plan.installments) console.log(`installment ${i.installment + 1}: ${i.due_date} ${i.amount}`)
const status = planStatus(plan, [{ date: '2024-01-31', amount: '333.34' }], '2024-03-15', { missed_installments: 2 })
console.log(`on 2024-03-15: ${status.state}, ${status.overdue} overdue`)

// an invoice of 1200.00 due 31 Jan, a late fee of 25.00 after 10 days of grace
const account = new Account({ customer: 'ACME', currency: 'EUR' })
const invoice = issueSimple({
  kind: 'invoice', id: 'INV-1', customer: 'ACME', date: '2024-01-01', currency: 'EUR',
  amount: '1200.00', terms: new Terms('Net 30'),
})
account.apply({ id: 'e1', date: '2024-01-01', body: { type: 'document_issued', document: invoice } })
const issue = (document, date) => account.apply({ id: `${document.id}:issued`, date, body: { type: 'document_issued', document } })

const fees = { levels: [{ level: 1, grace_days: 10, fee: { type: 'fixed', amount: '25.00' }, label: 'late fee' }] }
for (const day of ['2024-02-11', '2024-02-20']) {
  const run = assessFees(account, fees, day) // the same policy, run twice
  for (const fee of run.charges) issue(fee.document, day)
  console.log(`fees on ${day}: ${run.total}${run.skipped ? ` (already charged: ${run.skipped.length})` : ''}`)
}

// interest at 8 % a year from 1 Feb, charged up to 31 Mar, then asked again
const interest = { rates: { type: 'fixed', percent: '8' } }
for (let round = 1; round <= 2; round++) {
  const run = accrueAccount(account, interest, '2024-03-31')
  for (const charge of run.charges) issue(charge, '2024-03-31')
  console.log(`interest run ${round}: accrued ${run.accrued}, charged ${run.to_charge}`)
}
console.log(`balance ${account.balance()}`)

try {
  installmentPlan('0.02', 'EUR', { due: { type: 'periodic', frequency: 'monthly', first_due: '2024-01-31', count: 3 } })
} catch (err) {
  console.log(err.code) // errors carry the core's stable kind as `code`
}
