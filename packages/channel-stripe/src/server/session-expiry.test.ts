import type { Bill } from '@coinslot/core';
import { describe, expect, it } from 'vitest';
import { sessionExpiresAt } from './session-expiry.js';

const NOW = 1_800_000_000_000;
const billExpiring = (inMs: number) => ({ expiresAt: NOW + inMs }) as Bill;

describe("a Checkout Session's expires_at", () => {
  it('is the bill’s expiry when Stripe allows it', () => {
    expect(sessionExpiresAt(billExpiring(2 * 3600_000), NOW)).toBe((NOW + 2 * 3600_000) / 1000);
  });

  it('is 31 minutes away for a bill that expires sooner (Stripe’s minimum is 30)', () => {
    expect(sessionExpiresAt(billExpiring(15 * 60_000), NOW)).toBe(NOW / 1000 + 31 * 60);
  });

  it('is a minute short of 24 hours for a bill that lives longer (Stripe’s maximum)', () => {
    expect(sessionExpiresAt(billExpiring(48 * 3600_000), NOW)).toBe(NOW / 1000 + 24 * 3600 - 60);
  });

  it('is the same for a launch repeated within the minute (one idempotency key, one set of parameters)', () => {
    const bill = { createdAt: NOW - 400, expiresAt: NOW + 15 * 60_000 } as Bill;
    const first = sessionExpiresAt(bill, NOW - 300);
    expect(sessionExpiresAt(bill, NOW + 900)).toBe(first);
    expect(sessionExpiresAt(bill, NOW + 59_000)).toBe(first);
    expect(first).toBe(Math.floor((NOW - 400) / 1000) + 31 * 60);
  });
});
