// @ts-check
import { sleep, until } from '../lib/random.mjs';
import { eachBill } from './row-helpers.mjs';

/**
 * What the channel does to bill `i` (by `i % 7`): repeats, and reversals sent before the payment they reverse.
 * @type {Array<{ name: string, run: (row: import('./fulfilment-case.mjs').RowRun, billId: string) => Promise<void> }>}
 */
const SCENARIOS = [
  {
    name: 'paid ×3 at once, and again once granted',
    run: async (row, billId) => {
      await row.channel.notify({ billId, decision: 'approve' }, { copies: 3 });
      await until(() => row.backend.ledger.grants.has(billId), 3_000);
      await row.channel.notify({ billId, decision: 'approve' });
    },
  },
  {
    name: 'refund before paid',
    run: async (row, billId) => {
      const refund = row.channel.notify({ billId, decision: 'refund', refundedAmount: 99 }, { retryConflicts: true });
      await sleep(100);
      await Promise.all([refund, row.channel.notify({ billId, decision: 'approve' })]);
    },
  },
  {
    name: 'chargeback before paid',
    run: async (row, billId) => {
      const chargeback = row.channel.notify({ billId, decision: 'chargeback' }, { retryConflicts: true });
      await sleep(100);
      await Promise.all([chargeback, row.channel.notify({ billId, decision: 'approve' })]);
    },
  },
  {
    name: 'partial refunds out of order (total 60 and total 30 at once)',
    run: async (row, billId) => {
      await row.channel.notify({ billId, decision: 'approve' });
      await Promise.all([
        row.channel.notify({ billId, decision: 'refund', refundedAmount: 60 }),
        row.channel.notify({ billId, decision: 'refund', refundedAmount: 30 }),
      ]);
    },
  },
  {
    name: 'declined twice',
    run: (row, billId) => row.channel.notify({ billId, decision: 'decline' }, { copies: 2 }),
  },
  {
    name: 'paid again after a refund',
    run: async (row, billId) => {
      await row.channel.notify({ billId, decision: 'approve' });
      await row.channel.notify({ billId, decision: 'refund', refundedAmount: 99 });
      await row.channel.notify({ billId, decision: 'approve' }, { copies: 2 });
    },
  },
  {
    name: 'charged back twice, then a refund',
    run: async (row, billId) => {
      await row.channel.notify({ billId, decision: 'approve' });
      await row.channel.notify({ billId, decision: 'chargeback' }, { copies: 2 });
      await row.channel.notify({ billId, decision: 'refund', refundedAmount: 50 });
    },
  },
];

/** @type {import('./fulfilment-case.mjs').FulfilmentCase} */
export const channelDisorder = {
  name: 'duplicate and out-of-order channel notifications',
  fault: `each bill gets one of ${SCENARIOS.length} notification orders in turn: ${SCENARIOS.map((s) => s.name).join('; ')}; a reversal refused 409 because its payment had not arrived is retried by the channel`,
  async play(row) {
    await eachBill(0, row.bills, async (i) => {
      const bill = await row.createBill(i);
      await /** @type {(typeof SCENARIOS)[number]} */ (SCENARIOS[i % SCENARIOS.length]).run(row, bill.id);
    });
    const conflicts = row.channel.retries;
    row.notes.push(`${conflicts} notifications retried after a 409 (a reversal before its payment)`);
  },
};
