import { BackendError, type EventReceiver, type PayServerClient } from '@coinslot/backend';
import { grantBill, takeBackBill } from './coin-grants.js';
import type { CoinLedger } from './coin-ledger.js';

/** What the webhook endpoint uses. */
export interface CoinslotEventsOptions {
  /** Verifies the pay server's signature (`createEventReceiver({ publicKey: 'whpk_…' })`). */
  receiver: EventReceiver;
  /** The backend's coins. */
  ledger: CoinLedger;
  /** The pay server, called with the backend's server key: it marks bills delivered. */
  payServer: Pick<PayServerClient, 'deliverBill'>;
  /** Where to tell what happened (one line per change). @default nowhere */
  log?: (line: string) => void;
}

const answer = (status: number, body?: unknown): Response =>
  body === undefined
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * `POST /api/coinslot-events`, the pay server's webhooks (docs/receiving-events.md):
 *
 * - a webhook that does not verify answers `400` and changes nothing;
 * - `bill.paid`: grant the bill's coins once (the bill id is written with them), then mark the bill delivered with
 *   the server key. A repeat — a retry, a replayed webhook-id — grants nothing and delivers again, which is harmless;
 *   a delivery that failed for now answers `503`, so the pay server sends the event again and the delivery is retried;
 * - `bill.refunded` / `bill.charged_back`: take the coins back (the refunded share, or all);
 * - anything else: nothing to do.
 *
 * Every answer to a verified event is `204`, except when the ledger or the delivery failed (then the pay server retries).
 */
export function coinslotEventsHandler({
  receiver,
  ledger,
  payServer,
  log = () => {},
}: CoinslotEventsOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const event = await receiver.verify(request).catch((error: unknown) => {
      if (BackendError.isInstance(error)) return error;
      throw error;
    });
    if (BackendError.isInstance(event)) return answer(400, { error: { code: event.code, message: event.message } });
    // A reconciliation found mismatches (docs/reconciliation.md): the shop only logs it; acknowledge it so it is not retried.
    if (event.type === 'reconciliation.mismatch') {
      log(`reconciliation ${event.data.reconciliation.id}: ${event.data.reconciliation.mismatches} mismatch(es)`);
      return answer(204);
    }
    const { bill } = event.data;

    if (event.type === 'bill.paid') {
      if (await grantBill(ledger, bill)) log(`${bill.id}: +${ledger.grantOf(bill.id)?.coins} coins for ${bill.userId}`);
      try {
        await payServer.deliverBill(bill.id);
      } catch (error) {
        // Reversed (or closed) since it was paid: nothing to deliver; its reversal event follows.
        if (BackendError.isInstance(error) && error.code === 'INVALID_TRANSITION') return answer(204);
        log(`${bill.id}: granted, but marking it delivered failed (${String(error)}); the webhook will be retried`);
        return answer(503, { error: { code: 'DELIVERY_FAILED', message: 'marking the bill delivered failed' } });
      }
    } else if (event.type === 'bill.refunded' || event.type === 'bill.charged_back') {
      const taken = await takeBackBill(ledger, bill);
      if (taken > 0) log(`${bill.id}: ${event.type}, -${taken} coins for ${bill.userId}`);
    }
    return answer(204);
  };
}
