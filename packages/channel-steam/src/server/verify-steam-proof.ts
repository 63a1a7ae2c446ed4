import type { Bill } from '@coinslot/protocol';
import type { ChannelVerification } from '@coinslot/server';
import { describeFailure, settleOrder } from './read-steam-order.js';
import { steamOrderId } from './steam-order-id.js';
import { paymentOutcome, tradeNoOf } from './steam-verdicts.js';
import type { SteamWebApi } from './steam-web-api.js';

const refuse = (reason: string) => ({ refused: true as const, reason });

/**
 * Verifies the adapter's proof `{ orderid, authorized }` — the MicroTxnAuthorizationResponse callback as the game got
 * it — by asking Steam, never by believing it. The proof only says which order to look at and whether the player
 * closed the dialog; the verdict is Steam's:
 * - the order must be this bill's (its derived order id);
 * - `Approved` → FinalizeTxn captures it → `paid` with what Steam charged; `Succeeded` (or reversed since) → `paid`;
 * - `Failed` → `failed` (`declined`);
 * - `Init` (Steam has no authorization): `authorized: false` → `cancelled` (the player closed the dialog);
 *   `authorized: true` is asked about again after `recheckMs`, then refused — a client claiming a payment Steam does
 *   not know of pays nothing.
 * Steam unreachable throws (`500`); the bill stays `created` and the query fallback asks again.
 */
export async function verifySteamProof(
  api: SteamWebApi,
  appid: string,
  bill: Readonly<Bill>,
  proof: Record<string, unknown>,
  recheckMs: number,
): Promise<ChannelVerification> {
  const extra = Object.keys(proof).find((key) => key !== 'orderid' && key !== 'authorized');
  if (extra !== undefined) return refuse(`unexpected member "${extra}" in the proof`);
  const { orderid, authorized } = proof;
  if (typeof orderid !== 'string' || typeof authorized !== 'boolean')
    return refuse('the proof must be { orderid: string, authorized: boolean }');
  if (orderid !== (await steamOrderId(bill.id))) return refuse('the proof names another bill’s Steam order');

  let answer = await settleOrder(api, appid, orderid);
  // The callback may reach the game before Steam's web API shows the authorization: a claimed one that Steam does not
  // show yet is asked about once more before it is refused.
  if (authorized && 'statement' in answer && answer.statement.status === 'Init' && recheckMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, recheckMs));
    answer = await settleOrder(api, appid, orderid);
  }
  if ('failure' in answer) return refuse(describeFailure('QueryTxn', answer.failure));
  if ('unreadable' in answer) return refuse(answer.unreadable);
  const outcome = paymentOutcome(bill.id, answer.statement);
  if (!('pending' in outcome)) return outcome;
  if (answer.finalizeFailure) return refuse(describeFailure('FinalizeTxn', answer.finalizeFailure));
  const { status, amount, currency } = answer.statement;
  if (status === 'Init' && !authorized)
    return { billId: bill.id, transition: 'cancelled', amount, currency, ...tradeNoOf(answer.statement) };
  return refuse(`Steam shows order ${orderid} as ${status}, not authorized: the client's word is not a payment`);
}
