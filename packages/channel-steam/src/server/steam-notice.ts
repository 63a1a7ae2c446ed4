import { isBillId } from '@coinslot/protocol';
import { isSteamOrderId } from './steam-order-id.js';
import type { SteamSecrets } from './steam-secrets.js';

/** The header carrying a notice's signature: hex HMAC-SHA256 of the raw body with the driver's notification key. */
export const STEAM_SIGNATURE_HEADER = 'x-coinslot-steam-signature';

/**
 * What a notice asks the driver to look at again: the bill's payment (`payment`: settle it from Steam's word) or a
 * reversal of it (`reversal`: report a refund or chargeback Steam shows).
 */
export type SteamNoticeKind = 'payment' | 'reversal';

/**
 * A notice to `POST /v1/notify/steam`. Steam pushes nothing, so the driver's reversal poller (which reads GetReport)
 * sends these to the pay server itself. A notice is only a pointer — "look at order X of bill Y" — signed so nobody
 * else can make the driver call Steam; the verdict always comes from Steam's answer to the driver's own query.
 */
export interface SteamNotice {
  orderid: string;
  billId: string;
  kind: SteamNoticeKind;
  /** When the poller sent it, ms since epoch: the driver refuses one outside its replay window. */
  issuedAt: number;
}

const MEMBERS = ['billId', 'issuedAt', 'kind', 'orderid'];

/** The notice's JSON body and its signature. */
export async function signNotice(
  secrets: SteamSecrets,
  notice: SteamNotice,
): Promise<{ body: string; signature: string }> {
  const body = JSON.stringify(notice);
  return { body, signature: await secrets.signNotification(body) };
}

/** Reads a verified notice body, or answers what is wrong with it. */
export function readNotice(rawBody: Uint8Array): SteamNotice | string {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(rawBody));
  } catch {
    return 'the body is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the body is not a JSON object';
  const notice = value as Record<string, unknown>;
  if (Object.keys(notice).sort().join() !== MEMBERS.join()) return `a notice has exactly ${MEMBERS.join(', ')}`;
  if (!isSteamOrderId(notice.orderid)) return 'orderid is not a Steam order id';
  if (!isBillId(notice.billId)) return 'billId is not a bill id';
  if (notice.kind !== 'payment' && notice.kind !== 'reversal') return 'kind is neither payment nor reversal';
  if (!Number.isSafeInteger(notice.issuedAt)) return 'issuedAt is not an integer';
  return notice as unknown as SteamNotice;
}
