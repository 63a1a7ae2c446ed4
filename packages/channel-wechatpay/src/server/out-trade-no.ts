/**
 * WeChat Pay's merchant order number (`out_trade_no`): 6 to 32 characters of digits, letters and `_-|*`. Coinslot's
 * reference server makes bill ids of `b_` and 22 base64url characters (digits, letters, `_`, `-`), so a bill id is
 * used as the order number as it is, and a notification's `out_trade_no` is the bill id. A bill id outside that rule
 * (another server's, longer than 32 characters) cannot be a WeChat Pay order: its launch fails.
 */
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;

/**
 * The order number for a bill.
 * @throws Error when the bill id does not fit WeChat Pay's rule
 */
export function outTradeNoOf(billId: string): string {
  if (!OUT_TRADE_NO.test(billId))
    throw new Error(`wechatpay: bill id ${JSON.stringify(billId)} cannot be an out_trade_no (6–32 of [A-Za-z0-9_-|*])`);
  return billId;
}

/** The bill an order number names (the same text), or `undefined` when it is not a valid order number. */
export function billIdOf(outTradeNo: unknown): string | undefined {
  return typeof outTradeNo === 'string' && OUT_TRADE_NO.test(outTradeNo) ? outTradeNo : undefined;
}
