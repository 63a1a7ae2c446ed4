import type { SteamDriverState } from './steam-driver-state.js';
import { signNotice, STEAM_SIGNATURE_HEADER, type SteamNoticeKind } from './steam-notice.js';
import { readOrderStatement } from './steam-order-statement.js';
import type { SteamSecrets } from './steam-secrets.js';
import { isReversed } from './steam-verdicts.js';
import type { SteamWebApi } from './steam-web-api.js';
import { SteamApiError } from './steam-api-error.js';

/** Sends a request into the pay server: `ctx.dispatch` in a route, `payServer.handle`, or `fetch` to its URL. */
export type SteamNoticeDispatch = (request: Request) => Promise<Response>;

/** What one poll needs (the driver's `pollReversals` supplies all but `dispatch`). */
export interface SteamReversalPoll {
  api: SteamWebApi;
  appid: string;
  secrets: SteamSecrets;
  state: SteamDriverState;
  dispatch: SteamNoticeDispatch;
  /** Where notices go. @default 'http://localhost/v1/notify/steam' (the path is what `payServer.handle` reads) */
  notifyUrl?: string;
  /** GetReport's `type`. @default 'GAMESALES' */
  reportType?: string;
  /** GetReport's `maxresults`. @default 1000 */
  maxResults?: number;
  /** Where to start without a saved cursor, ms before now. @default 30 days */
  lookbackMs?: number;
  now?: () => number;
  /** Where unknown orders and notices the server did not take are reported. @default none */
  logger?: { warn(message: string, data?: object): void };
}

/** What one poll did. */
export interface SteamReversalReport {
  /** The cursor saved for the next poll (RFC 3339 UTC). */
  cursor: string;
  /** Orders GetReport listed. */
  listed: number;
  /** Reversals the pay server took (applied now, or already applied: a repeat). */
  delivered: number;
  /** Reversed orders whose bill the driver does not know (no state entry): logged, skipped. */
  unknown: string[];
  /** Reversals the pay server refused or could not take now; the cursor stays before the first retryable one. */
  failed: Array<{ orderid: string; status: number }>;
}

const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const steamTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * One round of Steam's refund and chargeback discovery (Steam pushes nothing; its guide asks publishers to call
 * GetReport at least daily): reads GetReport from the saved cursor, and for each reversed order of a known bill sends
 * a signed `reversal` notice to the pay server's notify path, where the driver asks Steam again and the server
 * applies the refund or chargeback (a repeat answers 200 unchanged). A reversal of a bill the server has not seen
 * paid (409) first gets a `payment` notice — the order was captured before it was reversed — then is sent again.
 * The cursor advances to the latest order time handled, but never past an order that failed with 409, 5xx or a
 * network error, so it is sent again next round; a refusal (400) or unknown bill (404) is logged and passed.
 * @throws SteamApiError when GetReport cannot be read (nothing is saved).
 */
export async function pollSteamReversals(poll: SteamReversalPoll): Promise<SteamReversalReport> {
  const now = poll.now ?? Date.now;
  const since = (await poll.state.reportCursor()) ?? steamTime(now() - (poll.lookbackMs ?? 30 * 86_400_000));
  const report = await poll.api.getReport({
    appid: poll.appid,
    type: poll.reportType ?? 'GAMESALES',
    time: since,
    maxresults: String(poll.maxResults ?? 1000),
  });
  if (!report.ok) throw new SteamApiError('GetReport', `refused: ${report.error.errorcode} ${report.error.errordesc}`);
  const orders = Array.isArray(report.params.orders) ? report.params.orders : [];
  const result: SteamReversalReport = { cursor: since, listed: orders.length, delivered: 0, unknown: [], failed: [] };
  let latest = since;
  let held: string | undefined;
  const send = async (kind: SteamNoticeKind, orderid: string, billId: string) => {
    const { body, signature } = await signNotice(poll.secrets, { orderid, billId, kind, issuedAt: now() });
    const request = new Request(poll.notifyUrl ?? 'http://localhost/v1/notify/steam', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [STEAM_SIGNATURE_HEADER]: signature },
      body,
    });
    return poll.dispatch(request).then(
      (response) => response.status,
      () => 0,
    );
  };
  for (const raw of orders) {
    const order = readOrderStatement(raw);
    if (typeof order === 'string' || !RFC3339_UTC.test(order.time)) continue;
    if (order.time > latest) latest = order.time;
    if (!isReversed(order.status)) continue;
    const billId = await poll.state.billForOrder(order.orderid);
    if (billId === undefined) {
      poll.logger?.warn('Steam reversed an order the driver has no bill for', {
        orderid: order.orderid,
        status: order.status,
      });
      result.unknown.push(order.orderid);
      continue;
    }
    let status = await send('reversal', order.orderid, billId);
    if (status === 409 && (await send('payment', order.orderid, billId)) === 200)
      status = await send('reversal', order.orderid, billId);
    if (status === 200) result.delivered += 1;
    else {
      poll.logger?.warn('the pay server did not take a Steam reversal', { orderid: order.orderid, billId, status });
      result.failed.push({ orderid: order.orderid, status });
    }
    if ((status === 0 || status === 409 || status >= 500) && (held === undefined || order.time < held))
      held = order.time;
  }
  result.cursor = held ?? latest;
  await poll.state.saveReportCursor(result.cursor);
  return result;
}
