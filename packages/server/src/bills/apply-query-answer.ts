import type { Bill } from '@coinslot/protocol';
import type { ChannelStatus, NotificationVerdict } from '../drivers/channel-driver.js';
import { ProtocolError } from '../http/protocol-error.js';
import type { PayServerLogger } from '../options.js';
import { applyVerdict, verdictMismatch } from './apply-verdict.js';
import type { BillService } from './bill-service.js';

/** What applying a query answer did, for the sweep's counts and the tests. */
export type QueryOutcome = 'pending' | 'refused' | 'mismatch' | 'changed' | 'unchanged' | 'not-applicable';

const isReversal = (verdict: NotificationVerdict) =>
  verdict.transition === 'refunded' || verdict.transition === 'charged_back';

/** States whose payment the server has not seen: a reversal of one first records the payment it reverses. */
const UNPAID = new Set<Bill['state']>(['created', 'expired', 'cancelled']);

/**
 * Applies what `channel`'s driver answered about `asked` through the same path as a notification (protocol §7): the
 * verdict is checked against the **stored** bill (bill, channel, amount, currency — `verdictMismatch`), the bill is
 * expired when due, and the verdict applied with `applyVerdict` (repeats change nothing; a late payment of an
 * `expired` or `cancelled` bill makes it `paid`). A reversal of a payment the server never saw (both notifications
 * lost) records that payment first: the channel vouches for the original charge, and the bill then shows both
 * changes, each with its event. Pending answers and refusals change nothing; the bill is asked again at its next
 * checkpoint. Never throws a `ProtocolError`: a verdict the state machine refuses is logged.
 */
export async function applyQueryAnswer(
  bills: BillService,
  channel: string,
  asked: Bill,
  status: ChannelStatus,
  logger: PayServerLogger,
): Promise<QueryOutcome> {
  const billId = asked.id;
  // The channel's word, fetched by the server's query: the activity log tells it from a notification.
  const actor = `query:${channel}`;
  if ('pending' in status) return 'pending';
  if ('refused' in status) {
    logger.warn('channel query refused', { channel, billId, reason: status.reason });
    return 'refused';
  }
  const stored = await bills.peek(billId);
  if (!stored) return 'not-applicable';
  const mismatch = verdictMismatch(stored.bill, status, channel);
  if (mismatch) {
    logger.warn('channel query answer refused', { channel, billId, reason: mismatch });
    return 'mismatch';
  }
  try {
    let bill = await bills.expireIfDue(stored.bill);
    const before = bill.state;
    let changed = false;
    if (isReversal(status) && UNPAID.has(bill.state)) {
      const { billId: id, amount, currency, channelTradeNo } = status;
      const payment = { billId: id, transition: 'paid' as const, amount, currency, channelTradeNo };
      const paid = await applyVerdict(bills, bill, payment);
      ({ bill, changed } = paid);
    }
    const applied = await applyVerdict(bills, bill, status, actor);
    if (!changed && !applied.changed) return 'unchanged';
    logger.info('bill settled by a channel query', { channel, billId, from: before, state: applied.bill.state });
    return 'changed';
  } catch (error) {
    if (!ProtocolError.isInstance(error)) throw error;
    if (status.transition === 'failed' || status.transition === 'cancelled') {
      // The bill settled meanwhile (paid, expired, cancelled by the player): nothing to do.
      logger.info('channel query answer changes nothing', {
        channel,
        billId,
        state: error.state,
        to: status.transition,
      });
      return 'not-applicable';
    }
    // Money moved on a bill that can no longer take it (e.g. one the channel had declined): an operator must look.
    logger.error('channel query reports money on a closed bill', {
      channel,
      billId,
      state: error.state,
      to: status.transition,
    });
    return 'not-applicable';
  }
}
