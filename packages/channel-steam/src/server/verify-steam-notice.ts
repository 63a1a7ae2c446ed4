import type { DriverContext, NotificationVerification } from '@coinslot/server';
import { describeFailure, queryOrder, settleOrder } from './read-steam-order.js';
import { readNotice, STEAM_SIGNATURE_HEADER } from './steam-notice.js';
import { steamOrderId } from './steam-order-id.js';
import type { SteamSecrets } from './steam-secrets.js';
import { paymentOutcome, reversalOf } from './steam-verdicts.js';
import type { SteamWebApi } from './steam-web-api.js';

/** What verifying a notice needs from the driver. */
export interface SteamNoticeDeps {
  api: SteamWebApi;
  appid: string;
  secrets: SteamSecrets;
  /** How far `issuedAt` may be from the server's clock, in ms (older is a replay or a long-delayed notice). */
  windowMs: number;
}

const refuse = (reason: string) => ({ refused: true as const, reason });

/**
 * `POST /v1/notify/steam`: checks the signature over the raw bytes, the replay window and that the order is the
 * bill's, then asks Steam about the order and maps **Steam's** answer — a `payment` notice to paid / failed (an
 * `Approved` order is captured first), a `reversal` notice to a refund or chargeback — or ignores it when Steam
 * shows nothing of the kind. A forged, altered or stale notice is refused before Steam is called.
 */
export async function verifySteamNotice(
  deps: SteamNoticeDeps,
  request: Request,
  rawBody: Uint8Array,
  ctx: DriverContext,
): Promise<NotificationVerification> {
  const signature = request.headers.get(STEAM_SIGNATURE_HEADER);
  if (signature === null) return refuse(`no ${STEAM_SIGNATURE_HEADER} header`);
  if (!(await deps.secrets.verifyNotification(rawBody, signature))) return refuse(`bad ${STEAM_SIGNATURE_HEADER}`);
  const notice = readNotice(rawBody);
  if (typeof notice === 'string') return refuse(notice);
  if (Math.abs(ctx.now() - notice.issuedAt) > deps.windowMs)
    return refuse(`the notice was issued ${Math.round((ctx.now() - notice.issuedAt) / 1000)} s ago: replayed or stale`);
  if (notice.orderid !== (await steamOrderId(notice.billId))) return refuse('the order is not the bill’s');

  const { kind, billId, orderid } = notice;
  const answer =
    kind === 'payment'
      ? await settleOrder(deps.api, deps.appid, orderid)
      : await queryOrder(deps.api, deps.appid, orderid);
  if ('failure' in answer) return refuse(describeFailure('QueryTxn', answer.failure));
  if ('unreadable' in answer) return refuse(answer.unreadable);
  if (kind === 'reversal') {
    const reversal = reversalOf(billId, answer.statement);
    return (
      reversal ?? { ignored: true, reason: `Steam shows order ${orderid} as ${answer.statement.status}: no reversal` }
    );
  }
  const outcome = paymentOutcome(billId, answer.statement);
  return 'pending' in outcome ? { ignored: true, reason: outcome.reason ?? 'not settled at Steam' } : outcome;
}
