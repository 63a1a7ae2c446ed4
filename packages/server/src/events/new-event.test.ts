import type { Bill, EventBody } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { eventBodyAround, newEventFor } from './new-event.js';

const paid: Bill = {
  id: 'b_1',
  appId: 'default',
  userId: 'u "quoted" é✓',
  itemId: 'gem',
  quantity: 1,
  amount: 499,
  currency: 'USD',
  channel: 'sandbox',
  state: 'paid',
  createdAt: 100,
  updatedAt: 1_795_240_000_000,
  paidAt: 1_795_240_000_000,
  expiresAt: 1_795_250_000_000,
};

describe('an event body', () => {
  it('is the bytes JSON.stringify makes of the EventBody, whichever way it is put together', () => {
    const expected: EventBody = { type: 'bill.paid', timestamp: '2026-11-21T05:46:40.000Z', data: { bill: paid } };
    const event = newEventFor(paid, 'pending')!;
    expect(event.body).toBe(JSON.stringify(expected));
    const { head, tail } = eventBodyAround('bill.paid', paid.updatedAt);
    expect(head + JSON.stringify(paid) + tail).toBe(JSON.stringify(expected));
    // A store that writes the bill text itself (PostgreSQL's rendering of it) still makes a body that parses to it.
    const rendered = JSON.stringify(paid, null, 1);
    expect(JSON.parse(head + rendered + tail)).toEqual(expected);
  });

  it('has no event for a bill just created, and a fresh id per event', () => {
    expect(newEventFor({ ...paid, state: 'created' }, 'none')).toBeUndefined();
    expect(newEventFor(paid, 'none')!.id).not.toBe(newEventFor(paid, 'none')!.id);
    expect(newEventFor(paid, 'none')!.id).toMatch(/^evt_[A-Za-z0-9_-]{22}$/);
  });
});
