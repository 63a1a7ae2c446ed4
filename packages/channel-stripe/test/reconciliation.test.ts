import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateAdminKey, generateWebhookKey } from '@coinslot/server';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buy } from './support/buy.js';
import { playCheckout } from './support/checkout-player.js';
import { itemKinds, type ReconciliationAnswer, reconciliationAdmin } from '@coinslot/testing';
import { type FakeBrowser, installFakeBrowser } from '@coinslot/testing/browser-fakes';
import { type StripeStack, startStripeStack } from './support/stripe-stack.js';

// Reconciliation of Stripe (docs/reconciliation.md): the pay server fetches the day's balance transactions from the
// emulator through the official library, or reads an uploaded itemized balance change report, and matches them.
const ADMIN_KEY = generateAdminKey();
const hooks: { headers: Record<string, string>; body: string }[] = [];
const endpoint = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    hooks.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
    res.end();
  });
});
let stack: StripeStack;
let browser: FakeBrowser;
let stripe: Stripe;
let publicKey: string;

beforeAll(async () => {
  browser = installFakeBrowser();
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/events`;
  const key = await generateWebhookKey();
  publicKey = key.publicKey;
  stack = await startStripeStack({
    server: { admin: { keys: [ADMIN_KEY] }, events: { webhookUrl, signing: { privateKey: key.privateKey } } },
  });
  const { secretKey, host, port, protocol } = stack.emulator;
  stripe = new Stripe(secretKey, { host, port, protocol, httpClient: Stripe.createFetchHttpClient() });
});
afterAll(async () => {
  await stack.close();
  browser.uninstall();
  await new Promise((resolve) => endpoint.close(resolve));
});

async function paidBill() {
  const purchase = buy(stack);
  const bill = await purchase.bill;
  await playCheckout(stack.emulator, browser, bill.id, 'pay');
  expect((await purchase.result).status).toBe('paid');
  return { bill, intent: stack.emulator.sessionFor(bill.id)!.payment_intent! };
}

const admin = reconciliationAdmin(() => stack.url, ADMIN_KEY);

function signedBy(hook: (typeof hooks)[number], key: string): boolean {
  const raw = Buffer.from(key.slice('whpk_'.length), 'base64');
  const pub = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  const content = Buffer.from(`${hook.headers['webhook-id']}.${hook.headers['webhook-timestamp']}.${hook.body}`);
  return hook.headers['webhook-signature']!.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    return version === 'v1a' && verify(null, content, pub, Buffer.from(signature ?? '', 'base64'));
  });
}

describe('Stripe reconciliation', () => {
  it('classifies a day fetched from balance transactions and an uploaded report, and sends the signed mismatch event', async () => {
    const a = await paidBill();
    const b = await paidBill();
    const c = await paidBill();
    // The pay server never hears of what happens at Stripe from here on.
    stack.emulator.webhooks.hold();
    await stripe.refunds.create({ payment_intent: b.intent });
    const stray = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'usd', unit_amount: 499, product_data: { name: 'Gems' } }, quantity: 1 }],
      success_url: 'https://game.test/ok',
      cancel_url: 'https://game.test/cancel',
      payment_intent_data: { metadata: { coinslot_bill_id: 'b_01JD4X8Q6J9V2C7Y3F5K0M1N2P' } },
    });
    await stack.emulator.decide(stray.id, 'pay');
    // Paid here, but Stripe never took the money: planted straight in the store.
    const unpaid = await buy(stack).bill;
    const now = Date.now();
    const date = new Date(now).toISOString().slice(0, 10);
    // Paid at the day's noon: a bill paid in the day's last 15 minutes with no line is only deferred (the next day's
    // run decides), so a run near midnight would not call it missing. B goes missing from the uploaded report below,
    // so its payment time moves to noon as well.
    const paidAt = Date.parse(`${date}T12:00:00Z`);
    await stack.store.transition(unpaid.id, 'created', { ...unpaid, state: 'paid', paidAt, updatedAt: paidAt });
    const storedB = (await stack.store.getBill(b.bill.id))!.bill;
    await stack.store.transition(b.bill.id, storedB, { ...storedB, paidAt });

    const fetched = await admin.reconcileDay('stripe', date);
    expect(fetched.status).toBe(201);
    const run = (await fetched.json()) as ReconciliationAnswer;
    const kinds = itemKinds(run);
    expect(kinds).toMatchObject({
      [a.bill.id]: 'matched',
      [b.bill.id]: 'state-mismatch',
      b_01JD4X8Q6J9V2C7Y3F5K0M1N2P: 'missing-here',
      [unpaid.id]: 'missing-at-channel',
    });
    expect(kinds[c.bill.id]).toBe('matched');
    expect(run.items.find((item) => item.billId === a.bill.id)?.channelTradeNo).toBe(a.intent);
    expect(run.reconciliation.mismatches).toBe(3);

    // The same day from an uploaded report: C's charge settled 1.00 short.
    const header =
      'balance_transaction_id,created_utc,currency,gross,fee,net,reporting_category,payment_intent_id,payment_metadata[coinslot_bill_id]';
    const at = new Date(now).toISOString().slice(0, 19).replace('T', ' ');
    const report = [
      header,
      `txn_1,${at},usd,4.99,0.44,4.55,charge,${a.intent},${a.bill.id}`,
      `txn_2,${at},usd,3.99,0.42,3.57,charge,${c.intent},${c.bill.id}`,
    ].join('\n');
    const uploaded = await admin.upload('stripe', date, report);
    expect(uploaded.status).toBe(201);
    const upload = (await uploaded.json()) as ReconciliationAnswer;
    expect(itemKinds(upload)).toMatchObject({
      [a.bill.id]: 'matched',
      [c.bill.id]: 'amount-mismatch',
      [b.bill.id]: 'missing-at-channel',
    });

    await expect
      .poll(() => hooks.filter((hook) => hook.body.includes('"reconciliation.mismatch"')).length, { timeout: 5000 })
      .toBe(2);
    for (const hook of hooks.filter((h) => h.body.includes('"reconciliation.mismatch"')))
      expect(signedBy(hook, publicKey)).toBe(true);
  });

  it('pages through the emulator’s balance transactions with the official library, sources expanded', async () => {
    const seen = [];
    for await (const txn of stripe.balanceTransactions.list({ limit: 2, expand: ['data.source'] })) seen.push(txn);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen.map((txn) => txn.id)).size).toBe(seen.length);
    expect(seen.every((txn) => typeof txn.source === 'object' && txn.object === 'balance_transaction')).toBe(true);
    expect(seen.map((txn) => txn.type)).toContain('refund');
  });
});
