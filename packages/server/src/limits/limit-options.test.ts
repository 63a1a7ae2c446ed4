import { describe, expect, it } from 'vitest';
import { LIMIT_DEFAULTS, resolveLimits } from './limit-options.js';

describe('resolveLimits', () => {
  it('applies the documented defaults when no limit is given', () => {
    const limits = resolveLimits();
    expect(limits).toMatchObject({
      trustProxy: 0,
      unlimitedAddresses: new Set(['127.0.0.1', '::1']),
      create: LIMIT_DEFAULTS.create,
      wait: LIMIT_DEFAULTS.wait,
      other: LIMIT_DEFAULTS.other,
      heldWaitsPerBill: 64,
      heldWaitsPerIdentity: 64,
      heldWaitsPerIp: 1024,
      openBillsPerPlayer: 20,
      retentionMs: 30 * 86_400_000,
      maxConnections: 10_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
    });
  });

  it('takes each given number instead of its default, and false to turn a bucket or retention off', () => {
    const limits = resolveLimits({
      trustProxy: 1,
      create: { perIp: { burst: 3, perMinute: 6 }, perIdentity: false },
      heldWaitsPerBill: 2,
      openBillsPerPlayer: 5,
      retentionDays: false,
      headersTimeoutSeconds: 1,
      requestTimeoutSeconds: 2,
    });
    expect(limits.trustProxy).toBe(1);
    expect(limits.create).toEqual({ perIp: { burst: 3, perMinute: 6 }, perIdentity: undefined });
    expect(limits.wait).toEqual(LIMIT_DEFAULTS.wait);
    expect(limits.heldWaitsPerBill).toBe(2);
    expect(limits.openBillsPerPlayer).toBe(5);
    expect(limits.retentionMs).toBeUndefined();
    expect([limits.headersTimeoutMs, limits.requestTimeoutMs]).toEqual([1000, 2000]);
  });

  it('names the first bad limit', () => {
    expect(() => resolveLimits({ heldWaitsPerBill: 0 })).toThrow(/limits\.heldWaitsPerBill/);
    expect(() => resolveLimits({ trustProxy: -1 })).toThrow(/limits\.trustProxy/);
    expect(() => resolveLimits({ wait: { perIp: { burst: 1.5, perMinute: 1 } } })).toThrow(
      /limits\.wait\.perIp\.burst/,
    );
    expect(() => resolveLimits({ retentionDays: 0.5 })).toThrow(/limits\.retentionDays/);
    expect(() => resolveLimits({ headersTimeoutSeconds: 0 })).toThrow(/limits\.headersTimeoutSeconds/);
  });

  it('refuses a header timeout longer than the request timeout (the headers are part of the request)', () => {
    expect(() => resolveLimits({ headersTimeoutSeconds: 40 })).toThrow(
      /headersTimeoutSeconds must be at most requestTimeoutSeconds/,
    );
  });
});
