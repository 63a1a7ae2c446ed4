/**
 * What the driver's return page (`/v1/alipay/return`, Alipay's `return_url`) tells the game after page pay: posted
 * to `window.opener` in a popup, or appended to the game's return URL (query parameter {@link RETURN_PARAMETER})
 * after a redirect. A **hint** to stop watching, never a payment: whether the bill is paid comes from Alipay's
 * signed notification to the pay server and the pay server's signed result.
 */
export interface AlipayReturnMessage {
  /** Always `coinslot-alipay`. */
  source: 'coinslot-alipay';
  /** The bill the buyer came back from (Alipay's `out_trade_no`). */
  billId: string;
}

/** The query parameter of the game's return URL that carries the bill id after a redirect checkout. */
export const RETURN_PARAMETER = 'alipayReturn';

/** Whether `data` is the return page's message about `billId`. */
export function isReturnMessage(data: unknown, billId: string): data is AlipayReturnMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return message.source === 'coinslot-alipay' && message.billId === billId;
}

/**
 * After a `redirect` checkout the return page sends the player back to the game's page with the bill id in the
 * query. This reads it, so the game can `coinslot.resume(billId)` (core also resumes every open bill from its journal
 * on `ready()`).
 * @returns the bill id, or `undefined` when the URL carries none
 */
export function readAlipayReturn(url: string | URL): string | undefined {
  const billId = new URL(url).searchParams.get(RETURN_PARAMETER);
  return billId !== null && /^[A-Za-z0-9_-]{1,64}$/.test(billId) ? billId : undefined;
}
