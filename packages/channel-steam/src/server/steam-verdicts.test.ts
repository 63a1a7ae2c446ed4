import { describe, expect, it } from 'vitest';
import { readOrderStatement } from './steam-order-statement.js';
import { paymentOutcome, reversalOf } from './steam-verdicts.js';

/** QueryTxn's params as Steam documents them (the guide's example, with our two items). */
function order(status: string, items = [{ itemid: 100, qty: 1, amount: 99, vat: 9, itemstatus: status }]) {
  return {
    orderid: '1233',
    transid: '1234567890123456788',
    steamid: '76561197972751825',
    status,
    currency: 'USD',
    time: '2024-01-23T18:30:00Z',
    country: 'US',
    usstate: 'WA',
    timecreated: '2024-01-23T18:15:00Z',
    items,
  };
}

const statement = (value: unknown) => {
  const read = readOrderStatement(value);
  if (typeof read === 'string') throw new Error(read);
  return read;
};

describe('Steam statuses in the protocol’s terms', () => {
  it('pays Succeeded (and any reversed status: it was paid first) with the items’ amount, VAT aside, and its transid', () => {
    for (const status of ['Succeeded', 'Refunded', 'Chargedback', 'PartialRefund']) {
      expect(paymentOutcome('b_1', statement(order(status)))).toEqual({
        billId: 'b_1',
        transition: 'paid',
        amount: 99,
        currency: 'USD',
        channelTradeNo: '1234567890123456788',
      });
    }
  });

  it('fails Failed as declined; leaves Init and Approved pending', () => {
    expect(paymentOutcome('b_1', statement(order('Failed')))).toMatchObject({
      transition: 'failed',
      reason: 'declined',
    });
    expect(paymentOutcome('b_1', statement(order('Init')))).toMatchObject({ pending: true });
    expect(paymentOutcome('b_1', statement(order('Approved')))).toMatchObject({ pending: true });
  });

  it('maps reversals: refunds in whole, a partial refund’s refunded items, a chargeback — each naming the order’s transid', () => {
    expect(reversalOf('b_1', statement(order('Refunded')))).toEqual({
      billId: 'b_1',
      transition: 'refunded',
      refundedAmount: 99,
      amount: 99,
      currency: 'USD',
      reason: 'refunded',
      channelTradeNo: '1234567890123456788',
    });
    const partial = order('PartialRefund', [
      { itemid: 100, qty: 1, amount: 99, vat: 9, itemstatus: 'Refunded' },
      { itemid: 101, qty: 1, amount: 1299, vat: 116, itemstatus: 'Succeeded' },
    ]);
    expect(reversalOf('b_1', statement(partial))).toMatchObject({
      transition: 'refunded',
      refundedAmount: 99,
      amount: 1398,
    });
    expect(reversalOf('b_1', statement(order('RefundedFriendlyFraud')))).toMatchObject({
      transition: 'refunded',
      refundedAmount: 99,
      reason: 'friendly_fraud',
    });
    expect(reversalOf('b_1', statement(order('Chargedback')))).toEqual({
      billId: 'b_1',
      transition: 'charged_back',
      amount: 99,
      currency: 'USD',
      reason: 'chargeback',
      channelTradeNo: '1234567890123456788',
    });
    for (const status of ['Init', 'Approved', 'Succeeded', 'Failed'])
      expect(reversalOf('b_1', statement(order(status)))).toBeUndefined();
  });

  it('refuses to read what is not an order statement', () => {
    expect(readOrderStatement({ ...order('Succeeded'), status: 'Paid' })).toMatch(/status/);
    expect(readOrderStatement({ ...order('Succeeded'), orderid: 1233 })).toMatch(/orderid/);
    expect(readOrderStatement({ ...order('Succeeded'), items: [] })).toMatch(/no items/);
    expect(readOrderStatement({ ...order('Succeeded'), items: [{ amount: '99' }] })).toMatch(/amount/);
    expect(readOrderStatement(null)).toMatch(/not an object/);
  });
});
