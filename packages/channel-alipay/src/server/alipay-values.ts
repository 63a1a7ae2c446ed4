/**
 * Alipay's value formats, on the driver's side of the wire: amounts in yuan with at most two decimals
 * (`"12.30"`), times in Beijing time (UTC+8) as `yyyy-MM-dd HH:mm:ss`, whatever the server's time zone.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const YUAN = /^(0|[1-9]\d{0,10})(?:\.(\d{1,2}))?$/;
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** `1230` fen (minor units of CNY) → `"12.30"`. */
export function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** `"12.3"` → `1230` fen, or `undefined` when it is not an amount in yuan (a sign, an exponent, three decimals…). */
export function yuanToFen(yuan: string | undefined): number | undefined {
  const match = YUAN.exec(yuan ?? '');
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** ms since epoch → Beijing time, `yyyy-MM-dd HH:mm:ss`. */
export function beijingTime(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Beijing time `yyyy-MM-dd HH:mm:ss` → ms since epoch, or `undefined` when malformed. */
export function parseBeijingTime(text: string | undefined): number | undefined {
  if (text === undefined || !TIME.test(text)) return undefined;
  const ms = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Alipay's `trade_no` (its own number of the trade, at most 64 characters) as a verdict's `channelTradeNo`: `{}`
 * when the message has none or it is not a plausible trade number.
 */
export function tradeNoOf(tradeNo: unknown): { channelTradeNo?: string } {
  return typeof tradeNo === 'string' && /^[\w-]{1,64}$/.test(tradeNo) ? { channelTradeNo: tradeNo } : {};
}
