import { describe, expect, it } from 'vitest';
import { BILL_STATES } from './bill-states.js';
import { EVENT_TYPES, WEBHOOK_RETRY_DELAYS_MS, eventTypeOf, isBillEvent, isEventType } from './events.js';

describe('events', () => {
  it('has one event type per state a bill can enter, and none for created', () => {
    const types = BILL_STATES.map(eventTypeOf).filter((type) => type !== undefined);
    expect(types.sort()).toEqual(EVENT_TYPES.filter((type) => type.startsWith('bill.')).sort());
    expect(EVENT_TYPES).toContain('reconciliation.mismatch');
    expect(eventTypeOf('created')).toBeUndefined();
    expect(eventTypeOf('charged_back')).toBe('bill.charged_back');
  });

  it('recognises event types only', () => {
    expect(EVENT_TYPES.every(isEventType)).toBe(true);
    expect(['bill.created', 'paid', 'bill.PAID', 1, undefined].some(isEventType)).toBe(false);
  });

  it('tells a bill’s event from a reconciliation’s', () => {
    expect(EVENT_TYPES.filter((type) => isBillEvent({ type }))).toEqual(
      EVENT_TYPES.filter((t) => t.startsWith('bill.')),
    );
    expect(isBillEvent({ type: 'reconciliation.mismatch' })).toBe(false);
  });

  it('retries webhooks over at least 27 hours, first at once', () => {
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
    expect(WEBHOOK_RETRY_DELAYS_MS[0]).toBe(0);
    expect(total).toBeGreaterThanOrEqual(27 * 3_600_000);
  });
});
