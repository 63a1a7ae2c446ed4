import type { Bill } from '@coinslot/protocol';
import type { PayServerClient } from '../client/pay-server-client.js';
import { CoinslotError } from '../errors/coinslot-error.js';
import type { CoinslotEmitter } from '../events/coinslot-emitter.js';
import { throwIfAborted } from '../internal/abort.js';
import type { Operations } from '../internal/operations.js';
import { assertBillId } from '../internal/rules.js';
import type { BillJournal } from '../journal/bill-journal.js';

/** Options of {@link Coinslot.deliver}. */
export interface DeliverOptions {
  /** Stops the request; the promise rejects with `ABORTED`. */
  signal?: AbortSignal;
}

/** What {@link Coinslot.deliver} answers. */
export interface DeliverResult {
  /** The bill, now `delivered`. */
  bill: Bill;
  /** True when an earlier call had already recorded the delivery (nothing changed this time). */
  alreadyDelivered: boolean;
}

/** What recording a delivery uses: the pay server, the journal, and the emitter of `bill-delivered`. */
export interface Delivery {
  client: Pick<PayServerClient, 'deliver'>;
  journal: BillJournal;
  emitter: CoinslotEmitter;
}

/**
 * Record a delivery on the pay server, then in the journal — the `known` bill (the verified one), else the server's
 * answer — and emit `bill-delivered`. For `deliver()` and for core's own delivery after a grant: either way this
 * journal's run granted the bill (`grantedAt`), so a reversal of it is offered to the `revoke` hook.
 */
export async function recordDelivery(
  delivery: Delivery,
  billId: string,
  signal: AbortSignal,
  known?: Bill,
): Promise<DeliverResult> {
  const answer = await delivery.client.deliver(billId, signal);
  await delivery.journal.note(known ? { ...known, deliveredAt: answer.bill.deliveredAt ?? Date.now() } : answer.bill, {
    state: 'delivered',
    granted: true,
  });
  delivery.emitter.emit('bill-delivered', answer);
  return answer;
}

/**
 * `deliver()`: record that the game granted the item; repeating it is harmless. Refused with server fulfilment: the
 * game backend delivers there (a player's credential would get `403 FORBIDDEN`).
 */
export async function deliverBill(
  delivery: Delivery & { fulfilment: 'client' | 'server' },
  operations: Operations,
  billId: string,
  options: DeliverOptions = {},
): Promise<DeliverResult> {
  if (delivery.fulfilment === 'server')
    throw new CoinslotError(
      'INVALID_REQUEST',
      "deliver() is not for fulfilment: 'server', where the game backend delivers.",
    );
  assertBillId(billId);
  const operation = operations.start(options.signal);
  try {
    throwIfAborted(operation.signal);
    return await recordDelivery(delivery, billId, operation.signal);
  } finally {
    operation.release();
  }
}
