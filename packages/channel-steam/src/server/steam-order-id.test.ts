import { describe, expect, it } from 'vitest';
import { isSteamOrderId, steamOrderId } from './steam-order-id.js';

describe('steamOrderId', () => {
  it('derives the same 63-bit order id from the same bill, another from another bill', async () => {
    const a = await steamOrderId('b_01JD4X8Q6J9V2C7Y3F5K0M1N2P');
    expect(await steamOrderId('b_01JD4X8Q6J9V2C7Y3F5K0M1N2P')).toBe(a);
    expect(await steamOrderId('b_01JD4X8Q6J9V2C7Y3F5K0M1N2Q')).not.toBe(a);
    expect(isSteamOrderId(a)).toBe(true);
    expect(BigInt(a) < 2n ** 63n).toBe(true);
  });

  it('spreads 2,000 bills over 2,000 distinct order ids, all positive and without leading zeros', async () => {
    const ids = await Promise.all(Array.from({ length: 2000 }, (_, i) => steamOrderId(`b_${i}`)));
    expect(new Set(ids).size).toBe(2000);
    expect(ids.every(isSteamOrderId)).toBe(true);
  });

  it('tells Steam order ids from other values', () => {
    for (const value of ['0', '01', '-1', '18446744073709551616', 'abc', 42]) expect(isSteamOrderId(value)).toBe(false);
    expect(isSteamOrderId('18446744073709551615')).toBe(true);
  });
});
