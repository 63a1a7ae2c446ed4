const encoder = new TextEncoder();

/**
 * The Steam order id of a bill: InitTxn's `orderid`, "a unique 64-bit number you assign" per app. Derived, not
 * stored: the first 8 bytes of SHA-256(`coinslot-steam/orderid\n<billId>`) with the top bit cleared (so it also fits
 * a signed 64-bit column) — the same bill always gives the same order, across restarts and instances, and an order
 * id names its bill for whoever knows the bill id. Two bills meet on one order id with odds of about n²/2⁶⁴ for n
 * bills; InitTxn then refuses the second, which fails that purchase before any money moves.
 *
 * @returns the order id as a decimal string (Steam's v2+ APIs format 64-bit numbers as strings)
 */
export async function steamOrderId(billId: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', encoder.encode(`coinslot-steam/orderid\n${billId}`)),
  );
  let value = 0n;
  for (const byte of digest.subarray(0, 8)) value = (value << 8n) | BigInt(byte);
  value &= (1n << 63n) - 1n;
  return (value === 0n ? 1n : value).toString();
}

/** Whether `value` is an order id as Steam writes them: a decimal uint64 without leading zeros. */
export function isSteamOrderId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9]\d{0,19}$/.test(value) && BigInt(value) < 2n ** 64n;
}
