/**
 * WeChat Pay's `transaction_id` (微信支付订单号, its own number of a paid order, 32 digits) as a verdict's
 * `channelTradeNo` — the number a refund notification names too, and the trade bill's 微信订单号 column: `{}` when the
 * message has none (an order never paid) or it is not a plausible one.
 */
export function transactionIdOf(value: unknown): { channelTradeNo?: string } {
  return typeof value === 'string' && /^[\w-]{1,64}$/.test(value) ? { channelTradeNo: value } : {};
}
