import { describe, expect, it } from 'vitest';
import { settlementNoon } from './settlement-noon.js';

describe('settlementNoon', () => {
  it('is local noon of the day after the next noon, with that local date', () => {
    // 2026-12-07 11:00 in Beijing (03:00 UTC): the next noon is today's, so the one a day later.
    expect(settlementNoon(Date.parse('2026-12-07T03:00:00Z'), 8)).toEqual({
      at: Date.parse('2026-12-08T04:00:00Z'),
      date: '2026-12-08',
    });
    // 2026-12-07 13:00 in Beijing: today's noon has passed.
    expect(settlementNoon(Date.parse('2026-12-07T05:00:00Z'), 8)).toEqual({
      at: Date.parse('2026-12-09T04:00:00Z'),
      date: '2026-12-09',
    });
  });

  it('works at UTC and west of it, where the local date is behind UTC’s at the same instant', () => {
    expect(settlementNoon(Date.parse('2026-12-07T23:30:00Z'), 0).date).toBe('2026-12-09');
    const lima = settlementNoon(Date.parse('2026-12-07T02:00:00Z'), -5);
    expect(lima).toEqual({ at: Date.parse('2026-12-08T17:00:00Z'), date: '2026-12-08' });
  });
});
