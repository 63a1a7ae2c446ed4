import { type StripeEmulator, startStripeEmulator } from '@coinslot/testing/emulators';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The emulator's GET /v1/balance_transactions as the official `stripe` library reads it (reconciliation's source).
let emulator: StripeEmulator;
let stripe: Stripe;
const clock = { now: Date.parse('2026-03-10T12:00:00Z') };
beforeAll(async () => {
  emulator = await startStripeEmulator({ now: () => clock.now });
  const { host, port, protocol } = emulator;
  stripe = new Stripe(emulator.secretKey, {
    host,
    port,
    protocol,
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 0,
  });
});
afterAll(() => emulator.close());

async function paid(billId: string): Promise<string> {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 499, product_data: { name: 'Gems' } } }],
    payment_intent_data: { metadata: { coinslot_bill_id: billId } },
    success_url: 'https://pay.test/back',
    cancel_url: 'https://pay.test/cancelled',
  });
  await emulator.decide(session.id, 'pay');
  return (await stripe.checkout.sessions.retrieve(session.id)).payment_intent as string;
}

describe('GET /v1/balance_transactions', () => {
  it('lists charges and refunds newest first, in pages, with the source and its PaymentIntent expanded', async () => {
    const first = await paid('b_txn_1');
    clock.now += 60_000;
    await paid('b_txn_2');
    clock.now += 60_000;
    await stripe.refunds.create({ payment_intent: first, amount: 100 });
    const seen: Stripe.BalanceTransaction[] = [];
    const list = stripe.balanceTransactions.list({ limit: 2, expand: ['data.source', 'data.source.payment_intent'] });
    for await (const txn of list) seen.push(txn);
    expect(seen.map((txn) => [txn.type, txn.amount, txn.reporting_category])).toEqual([
      ['refund', -100, 'refund'],
      ['charge', 499, 'charge'],
      ['charge', 499, 'charge'],
    ]);
    expect(seen[1]).toMatchObject({
      object: 'balance_transaction',
      currency: 'usd',
      fee: 44,
      net: 455,
      status: 'pending',
    });
    const source = seen[0]!.source as Stripe.Refund;
    expect((source.payment_intent as Stripe.PaymentIntent).metadata.coinslot_bill_id).toBe('b_txn_1');
    const page = await stripe.balanceTransactions.list({ limit: 2 });
    expect([page.data.length, page.has_more, typeof page.data[0]!.source]).toEqual([2, true, 'string']);
  });

  it('filters by created range and type, and refuses what it does not emulate as Stripe would', async () => {
    const day = Math.floor(Date.parse('2026-03-10T00:00:00Z') / 1000);
    const charges = await stripe.balanceTransactions.list({ created: { gte: day, lt: day + 86_400 }, type: 'charge' });
    expect(charges.data.map((txn) => txn.type)).toEqual(['charge', 'charge']);
    const none = await stripe.balanceTransactions.list({ created: { gte: day + 86_400 } });
    expect(none.data).toEqual([]);
    await expect(stripe.balanceTransactions.list({ expand: ['data.source.customer'] })).rejects.toThrow(
      /cannot be expanded/,
    );
  });
});
