import { describe, expect, it } from 'vitest';
import { billIdOf, outTradeNoOf } from './out-trade-no.js';
import { chinaTime } from './rfc3339.js';

describe('out_trade_no', () => {
  it('is the bill id itself: the reference server’s ids (b_ + 22 base64url characters) fit WeChat Pay’s rule', () => {
    expect(outTradeNoOf('b_Qm9vbGVhbnMtYXJlLWZ1bg')).toBe('b_Qm9vbGVhbnMtYXJlLWZ1bg');
    expect(billIdOf('b_Qm9vbGVhbnMtYXJlLWZ1bg')).toBe('b_Qm9vbGVhbnMtYXJlLWZ1bg');
  });

  it('refuses a bill id shorter than 6 or longer than 32 characters, or with other characters', () => {
    for (const id of ['b_1', 'b'.repeat(33), 'b_ümlaut123']) expect(() => outTradeNoOf(id)).toThrow(/out_trade_no/);
    expect(billIdOf('b.1234567')).toBeUndefined();
    expect(billIdOf(42)).toBeUndefined();
  });
});

describe('time_expire', () => {
  it('is RFC 3339 in China Standard Time, to the second', () => {
    expect(chinaTime(Date.UTC(2026, 11, 6, 16, 30, 5, 999))).toBe('2026-12-07T00:30:05+08:00');
  });
});
