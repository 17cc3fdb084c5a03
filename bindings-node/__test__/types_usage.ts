// Compiled (never run) by __test__/types.test.mjs with `tsc --strict`: the ledger API as a
// TypeScript user writes it. Lines marked @ts-expect-error must fail to compile: a JS number
// for money, a JS Date for a date, a misspelt field or tag.
import {
  Account,
  issueInvoice,
  issueSimple,
  statement,
  Terms,
  type AccountConfig,
  type Applied,
  type Document,
  type DocumentState,
  type Event,
  type HistoryEntry,
  type IssuedInvoice,
  type OpenDispute,
  type OpenItem,
  type PaymentState,
  type PromiseToPay,
  type ReportingBalance,
  type Statement,
  type WriteOff,
  type DatedRate,
} from '../index.js'

const config: AccountConfig = { customer: 'ACME', currency: 'EUR', reporting_currency: 'USD' }
const invoice: Document = issueSimple({
  kind: 'invoice',
  id: 'INV-1',
  customer: 'ACME',
  date: '2024-01-01',
  currency: 'EUR',
  amount: '400.00',
  terms: new Terms('Net 30'),
})
const issued: IssuedInvoice = issueInvoice(
  {
    id: 'INV-2',
    customer: 'ACME',
    date: '2024-01-10',
    currency: 'EUR',
    tax_mode: 'inclusive',
    lines: [{ description: 'box', quantity: '1', unit_price: '119.00', tax_rates: [{ code: 'VAT19', percent: '19' }] }],
  },
  { calendar: { holidays: ['2024-12-25'] } },
)
const events: Event[] = [
  { id: 'r1', date: '2024-01-01', body: { type: 'rates_published', rates: [{ from: 'EUR', to: 'USD', rate: '1.10' }] } },
  { id: 'e1', date: '2024-01-01', body: { type: 'document_issued', document: invoice } },
  { id: 'e2', date: '2024-01-10', body: { type: 'document_issued', document: issued.document } },
  {
    id: 'e3',
    date: '2024-01-20',
    body: {
      type: 'payment_received',
      payment_id: 'P-1',
      amount: '500.00',
      currency: 'EUR',
      remittance: [{ document: 'INV-1', installment: 0, amount: '400.00' }],
      strategy: 'oldest_due_first',
      short_payment: { type: 'write_off', tolerance: '1.00', reason_code: 'small_balance' },
    },
  },
]
const account: Account = Account.replay(config, events, '2024-01-31')
const again: Account = new Account(JSON.stringify(config))
const applied: Applied = again.apply(events[0])
const allocated: string | undefined = applied.allocations?.[0]?.amount
const items: OpenItem[] = account.openItems()
const balance: string = account.balance()
const cash: string = account.unappliedCash()
const disputed: string = account.disputedTotal()
const disputes: OpenDispute[] = account.openDisputes()
const doc: DocumentState | null = account.document('INV-1')
const history: HistoryEntry[] | null = account.history('INV-1')
const payment: PaymentState | null = account.payment('P-1')
const payments: Record<string, PaymentState> = account.payments()
const documents: Record<string, DocumentState> = account.documents()
const writeOffs: WriteOff[] = account.writeOffs()
const promises: Record<string, PromiseToPay> = account.promises()
const reporting: ReportingBalance = account.reportingBalance('2024-01-31')
const realized: string = account.realizedFx()
const rates: DatedRate[] = account.rates()
const asOf: string | null = account.asOf
const settings: AccountConfig = account.config
const stored: string = account.toJSON()
const restored: Account = Account.fromJSON(stored)
const report: Statement = statement(config, events, '2024-01-01', '2024-01-31', { dueSoonDays: 14, bucketBounds: [30, 60] })
const statementFromText: Statement = statement(JSON.stringify(config), JSON.stringify(events), '2024-01-01', '2024-01-31')

// @ts-expect-error a JS number is never money
account.apply({ id: 'x', date: '2024-02-01', body: { type: 'payment_received', payment_id: 'P', amount: 10, currency: 'EUR' } })
// @ts-expect-error a JS Date is never a date
account.apply({ id: 'x', date: new Date(), body: { type: 'invoice_opened', document: 'INV-1' } })
// @ts-expect-error unknown field
account.apply({ id: 'x', date: '2024-02-01', body: { type: 'invoice_opened', document: 'INV-1', when: 'now' } })
// @ts-expect-error unknown tag
account.apply({ id: 'x', date: '2024-02-01', body: { type: 'invoice_read', document: 'INV-1' } })
// @ts-expect-error the JSON shape is snake_case
new Account({ customer: 'ACME', currency: 'EUR', shortPayment: { type: 'leave_residual' } })

export {
  allocated,
  asOf,
  balance,
  cash,
  disputed,
  disputes,
  doc,
  documents,
  history,
  items,
  payment,
  payments,
  promises,
  rates,
  realized,
  report,
  reporting,
  restored,
  settings,
  statementFromText,
  writeOffs,
}
