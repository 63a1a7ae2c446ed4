// @ts-check

/**
 * Runs `work(i)` for i in `[from, to)`, `lanes` at a time (bills bought by many players at once).
 * @param {number} from
 * @param {number} to
 * @param {(i: number) => Promise<void>} work
 * @param {number} [lanes]
 */
export async function eachBill(from, to, work, lanes = 10) {
  let next = from;
  const lane = async () => {
    for (let i = next++; i < to; i = next++) await work(i);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

/**
 * The reversal most rows give some paid bills: 1 in 5 paid bills is refunded in full (`i % 5 === 2`), 1 in 5 charged
 * back (`i % 5 === 4`), the others keep their item.
 * @param {number} i
 * @returns {'refund' | 'chargeback' | undefined}
 */
export const reversalOf = (i) => (i % 5 === 2 ? 'refund' : i % 5 === 4 ? 'chargeback' : undefined);

/**
 * Creates bill `i`, has the channel decide it (9 in 10 approved) and, when approved and {@link reversalOf} says so,
 * reverse it at once; answers the bill and whether it was approved.
 * @param {import('./fulfilment-case.mjs').RowRun} row
 * @param {number} i
 * @param {{ reverse?: boolean }} [options] `reverse: false` leaves the reversal to the row
 */
export async function buyBill(row, i, { reverse = true } = {}) {
  const bill = await row.createBill(i);
  const decision = row.decision(i);
  await row.channel.notify({ billId: bill.id, decision });
  const reversal = reversalOf(i);
  if (reverse && decision === 'approve' && reversal) await reverseBill(row, bill.id, reversal);
  return { bill, approved: decision === 'approve' };
}

/**
 * The channel's reversal of a paid bill: a full refund (99) or a chargeback.
 * @param {import('./fulfilment-case.mjs').RowRun} row
 * @param {string} billId
 * @param {'refund' | 'chargeback'} reversal
 * @param {{ copies?: number }} [options]
 */
export const reverseBill = (row, billId, reversal, { copies = 1 } = {}) =>
  row.channel.notify(
    reversal === 'refund' ? { billId, decision: 'refund', refundedAmount: 99 } : { billId, decision: 'chargeback' },
    { copies },
  );

/** Hours, as the notes print them. @param {number} ms */
export const hours = (ms) => `${(ms / 3_600_000).toFixed(1)} h`;
