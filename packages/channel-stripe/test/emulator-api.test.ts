import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type StripeEmulator, startStripeEmulator } from '@coinslot/testing/emulators';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The Stripe emulator as the official `stripe` library sees it (form-encoded requests with bracket keys, idempotency
// keys, auto-pagination, Stripe's error classes), and its webhooks as Stripe's own verifier sees them.
let emulator: StripeEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emulator = await startStripeEmulator();
  stripe = client(emulator.secretKey);
});
afterAll(() => emulator.close());

function client(key: string): Stripe {
  const { host, port, protocol } = emulator;
  return new Stripe(key, { host, port, protocol, httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 0 });
}

const SESSION: Stripe.Checkout.SessionCreateParams = {
  mode: 'payment',
  line_items: [{ quantity: 2, price_data: { currency: 'eur', unit_amount: 250, product_data: { name: 'Gems' } } }],
  client_reference_id: 'b_api',
  metadata: { coinslot_bill_id: 'b_api' },
  payment_intent_data: { metadata: { coinslot_bill_id: 'b_api' } },
  success_url: 'https://pay.test/back?session={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://pay.test/cancelled',
};

describe('the emulated API', () => {
  it('creates and retrieves an open session shaped like Stripe’s, with a hosted page', async () => {
    const session = await stripe.checkout.sessions.create(SESSION);
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 500,
      currency: 'eur',
      livemode: false,
      client_reference_id: 'b_api',
      metadata: { coinslot_bill_id: 'b_api' },
      payment_intent: null,
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.expires_at - session.created).toBe(24 * 3600);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toEqual(session);
    const page = await (await fetch(session.url!)).text();
    expect(page).toContain('data-decision="pay"');
    expect(page).toContain('€5.00');
  });

  it('answers a create repeated with its idempotency key with the same session, and refuses other parameters', async () => {
    const first = await stripe.checkout.sessions.create(SESSION, { idempotencyKey: 'bill-b_api' });
    const again = await stripe.checkout.sessions.create(SESSION, { idempotencyKey: 'bill-b_api' });
    expect(again.id).toBe(first.id);
    await expect(
      stripe.checkout.sessions.create({ ...SESSION, client_reference_id: 'b_other' }, { idempotencyKey: 'bill-b_api' }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it.each<[string, Partial<Stripe.Checkout.SessionCreateParams>, string]>([
    ['expires_at under 30 minutes', { expires_at: Math.floor(Date.now() / 1000) + 600 }, 'expires_at'],
    ['expires_at over 24 hours', { expires_at: Math.floor(Date.now() / 1000) + 25 * 3600 }, 'expires_at'],
    ['another mode', { mode: 'subscription' }, 'mode'],
    ['no line items', { line_items: [] }, 'line_items'],
    ['an unknown parameter', { allow_promotion_codes: true }, 'allow_promotion_codes'],
    ['a success_url that is not a URL', { success_url: 'back' }, 'success_url'],
  ])('refuses %s like Stripe, naming the parameter', async (_, change, param) => {
    const error = await stripe.checkout.sessions.create({ ...SESSION, ...change }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400, param });
  });

  it('refuses a wrong key (401) and answers 404 resource_missing for an unknown object', async () => {
    await expect(client('sk_test_wrongwrongwrong').checkout.sessions.retrieve('cs_x')).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
    });
  });

  it('lists sessions newest first within a created range, across pages', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push((await stripe.checkout.sessions.create(SESSION)).id);
    const listed: string[] = [];
    for await (const session of stripe.checkout.sessions.list({ created: { gte: since }, limit: 2 }))
      listed.push(session.id);
    expect(listed.slice(0, 5)).toEqual(made.reverse());
    const page = await stripe.checkout.sessions.list({ created: { gte: since }, limit: 2 });
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/checkout/sessions' });
    expect((await stripe.checkout.sessions.list({ created: { lt: since - 3600 } })).data).toEqual([]);
  });

  it('expires an open session through the API, and refuses to expire it twice', async () => {
    const session = await stripe.checkout.sessions.create(SESSION);
    expect(await stripe.checkout.sessions.expire(session.id)).toMatchObject({ status: 'expired', url: null });
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400 });
  });

  it('refunds in part and whole, and refuses more than is left', async () => {
    const session = await stripe.checkout.sessions.create(SESSION);
    await emulator.decide(session.id, 'pay');
    const intent = (await stripe.checkout.sessions.retrieve(session.id)).payment_intent as string;
    expect((await stripe.paymentIntents.retrieve(intent)).metadata).toEqual({ coinslot_bill_id: 'b_api' });
    await stripe.refunds.create({ payment_intent: intent, amount: 120 });
    await expect(stripe.refunds.create({ payment_intent: intent, amount: 381 })).rejects.toMatchObject({
      code: 'amount_too_large',
    });
    const rest = await stripe.refunds.create({ payment_intent: intent });
    expect(rest.amount).toBe(380);
    const charge = await stripe.charges.retrieve(
      (await stripe.paymentIntents.retrieve(intent)).latest_charge as string,
    );
    expect(charge).toMatchObject({ amount: 500, amount_refunded: 500, refunded: true });
  });
});

describe('the emulated webhooks', () => {
  it('signs each delivery like Stripe: the official verifier accepts it, and its test helper makes the same header', async () => {
    const received: Array<{ body: string; signature: string }> = [];
    const endpoint = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(request.headers['stripe-signature']),
        });
        response.writeHead(received.length < 3 ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const retrying = await startStripeEmulator({
      webhookUrl: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hook`,
      retryDelaysMs: [20, 20, 20],
    });
    try {
      const { host, port, protocol } = retrying;
      const own = new Stripe(retrying.secretKey, { host, port, protocol, httpClient: Stripe.createFetchHttpClient() });
      const created = await own.checkout.sessions.create(SESSION);
      retrying.webhooks.drop((event) => event.type !== 'checkout.session.expired', 10);
      await retrying.expire(created.id);
      await retrying.webhooks.idle();
      expect(retrying.webhooks.attempts.map((attempt) => [attempt.kind, attempt.status])).toEqual([
        ['delivery', 500],
        ['retry', 500],
        ['retry', 200],
      ]);
      for (const { body, signature } of received) {
        const event = Stripe.webhooks.constructEvent(body, signature, retrying.webhookSecret);
        expect(event).toMatchObject({ type: 'checkout.session.expired', livemode: false, object: 'event' });
        const timestamp = Number(/t=(\d+)/.exec(signature)![1]);
        const helper = Stripe.webhooks.generateTestHeaderString({
          payload: body,
          secret: retrying.webhookSecret,
          timestamp,
        });
        expect(signature).toBe(helper);
      }
      expect(() =>
        Stripe.webhooks.constructEvent(received[0]!.body, received[0]!.signature, 'whsec_notthisone0000'),
      ).toThrow(Stripe.errors.StripeSignatureVerificationError);
    } finally {
      await retrying.close();
      endpoint.close();
    }
  });

  it('plays the hosted page’s buttons through its HTTP routes, as the page’s script does', async () => {
    const session = await stripe.checkout.sessions.create(SESSION);
    const click = (decision: string) =>
      fetch(`${emulator.url}/_emulator/checkout/${session.id}/decide`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision }),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      }));
    expect(await click('decline')).toMatchObject({
      status: 200,
      body: { redirect: null, message: 'Your card was declined.' },
    });
    expect(await click('pay')).toMatchObject({
      status: 200,
      body: { redirect: `https://pay.test/back?session=${session.id}` },
    });
    expect((await click('pay')).status).toBe(400);
    expect((await click('refund')).status).toBe(400);
  });
});
