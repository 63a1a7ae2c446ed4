import type { Bill, SignedResultPayload } from '@coinslot/protocol';
import { describe, expect, it } from 'vitest';
import { mergeSigned } from './read-signed-result.js';

const bill = {
  id: 'b_1',
  userId: 'unsigned-user',
  itemId: 'unsigned-item',
  quantity: 9,
  amount: 9,
  currency: 'EUR',
  channel: 'unsigned-channel',
  state: 'created',
  failureReason: 'unsigned-reason',
  passThrough: 'unsigned-pass',
  refundedAmount: 7,
  createdAt: 1,
  updatedAt: 2,
  expiresAt: 3,
} as Bill;

const payload: SignedResultPayload = {
  v: 1,
  billId: 'b_1',
  userId: 'alice',
  itemId: 'gem',
  quantity: 2,
  amount: 998,
  currency: 'USD',
  channel: 'sandbox',
  state: 'paid',
  failureReason: null,
  passThrough: 'order-7',
  nonce: 'n'.repeat(16),
  iat: 5,
  kid: 'k',
};

describe('mergeSigned', () => {
  it('takes every bill field the payload signs (userId … refundedAmount) from it, and nothing that describes the answer', () => {
    expect(mergeSigned(bill, payload)).toEqual({
      id: 'b_1',
      userId: 'alice',
      itemId: 'gem',
      quantity: 2,
      amount: 998,
      currency: 'USD',
      channel: 'sandbox',
      state: 'paid',
      passThrough: 'order-7',
      createdAt: 1,
      updatedAt: 2,
      expiresAt: 3,
    });
  });

  it("takes a refunded bill's signed refundedAmount", () => {
    const refunded = mergeSigned(bill, { ...payload, state: 'refunded', refundedAmount: 300 });
    expect(refunded).toMatchObject({ state: 'refunded', refundedAmount: 300, amount: 998 });
  });

  it('leaves the bill as it is without a payload', () => {
    expect(mergeSigned(bill, undefined)).toEqual(bill);
  });
});
