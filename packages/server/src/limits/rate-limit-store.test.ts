import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from './rate-limit-store.js';

const rule = { burst: 3, perMinute: 60 }; // one token a second

describe('MemoryRateLimitStore', () => {
  it('lets a burst through, then refuses with the time until a token is back', () => {
    const store = new MemoryRateLimitStore();
    expect([1, 2, 3].map(() => store.take('k', rule, 0).ok)).toEqual([true, true, true]);
    expect(store.take('k', rule, 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(store.take('k', rule, 400)).toEqual({ ok: false, retryAfterMs: 600 });
  });

  it('refills at the rule’s rate, never past the burst', () => {
    const store = new MemoryRateLimitStore();
    for (let i = 0; i < 3; i += 1) store.take('k', rule, 0);
    expect(store.take('k', rule, 1000).ok).toBe(true);
    expect(store.take('k', rule, 1000).ok).toBe(false);
    const later = 1000 + 60_000;
    expect([1, 2, 3, 4].map(() => store.take('k', rule, later).ok)).toEqual([true, true, true, false]);
  });

  it('keeps one bucket per key', () => {
    const store = new MemoryRateLimitStore();
    for (let i = 0; i < 3; i += 1) store.take('a', rule, 0);
    expect(store.take('a', rule, 0).ok).toBe(false);
    expect(store.take('b', rule, 0).ok).toBe(true);
  });

  it('forgets refilled buckets once it holds many, so memory follows recent clients only', () => {
    const store = new MemoryRateLimitStore();
    for (let i = 0; i < 50_000; i += 1) store.take(`client-${i}`, rule, 0);
    expect(store.size).toBe(50_000);
    store.take('newcomer', rule, 10_000);
    expect(store.size).toBe(1);
  });

  it('sweeps again only once it has doubled, when every bucket is still in use', () => {
    const store = new MemoryRateLimitStore();
    const drained = { burst: 1, perMinute: 1 };
    for (let i = 0; i < 50_000; i += 1) store.take(`busy-${i}`, drained, 0);
    store.take('one-more', drained, 1);
    expect(store.size).toBe(50_001);
    const started = Date.now();
    for (let i = 0; i < 49_999; i += 1) store.take(`later-${i}`, rule, 2);
    expect(Date.now() - started, 'no full sweep per new client').toBeLessThan(3000);
    expect(store.size).toBe(100_000);
    store.take('sweeps-now', rule, 120_000);
    expect(store.size).toBe(1);
  });
});
