import { describe, expect, it } from 'vitest';
import { FIELD_LIMITS, isExtraObject, isIntegerWithin } from './field-limits.js';
import { DEFAULT_APP_ID, isAppId, isBillId, isChannelId, isIdempotencyKey, isNonce } from './syntax.js';

describe('ids and tokens', () => {
  it('takes channel ids of lower-case letters, digits and dashes, 1–40 long, not starting with a dash', () => {
    expect(['sandbox', 'wechat-pay', '9', 'a'.repeat(40)].every(isChannelId)).toBe(true);
    expect(['', '-x', 'Stripe', 'a_b', 'a'.repeat(41), 7].some(isChannelId)).toBe(false);
  });

  it('takes app ids by the channel id rules, "default" among them', () => {
    expect([DEFAULT_APP_ID, 'space-miner', '2048', 'g'.repeat(40)].every(isAppId)).toBe(true);
    expect(['', '-game', 'Game', 'a_b', 'a/b', 'g'.repeat(41), 1].some(isAppId)).toBe(false);
  });

  it('bounds bill ids, idempotency keys and nonces by their own lengths', () => {
    expect([isBillId('b'), isBillId('b'.repeat(64)), isBillId('b'.repeat(65)), isBillId('a/b')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([
      isIdempotencyKey('k'.repeat(7)),
      isIdempotencyKey('k'.repeat(8)),
      isIdempotencyKey('k'.repeat(129)),
    ]).toEqual([false, true, false]);
    expect([
      isNonce('n'.repeat(15)),
      isNonce('n'.repeat(16)),
      isNonce('n'.repeat(128)),
      isNonce('n'.repeat(129)),
    ]).toEqual([false, true, true, false]);
  });
});

describe('field limits', () => {
  it('takes integers within a limit only', () => {
    expect([1, 10_000].every((q) => isIntegerWithin(q, FIELD_LIMITS.quantity))).toBe(true);
    expect([0, 10_001, 1.5, '1', Number.NaN].some((q) => isIntegerWithin(q, FIELD_LIMITS.quantity))).toBe(false);
  });

  it('takes extra objects up to 4096 bytes serialised', () => {
    expect(isExtraObject({ note: 'x'.repeat(4096 - 11) })).toBe(true);
    expect(isExtraObject({ note: 'x'.repeat(4096 - 10) })).toBe(false);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect([isExtraObject([]), isExtraObject(null), isExtraObject(cycle)]).toEqual([false, false, false]);
  });
});
