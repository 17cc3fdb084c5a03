// Quickstart: the payment schedule of an invoice. Decimals are strings, dates 'YYYY-MM-DD'.
import { parseTerms, printTerms, schedule } from '@ar-core/node'

// 30 % in 30 days with 2 % off within 10 days, the rest at the end of next month
const terms = parseTerms('30%: 2/10 Net 30; balance: Due +1m EOM')
console.log(printTerms(terms))

const plan = schedule(terms, '2024-01-15', '1234.56', 'EUR')
for (const { dueDate, amount, discounts } of plan.installments) {
  console.log(dueDate, amount, plan.currency)
  for (const d of discounts) console.log(`  or ${d.amountDue} if paid by ${d.deadline}`)
}

try {
  schedule('Net 30', '2024-01-15', '100.00', 'XYZ')
} catch (err) {
  console.log(err.code, '-', err.message) // errors carry the core's stable kind as `code`
}
