import type { Bill } from '@coinslot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExampleHostedDriver } from '../src/driver/index.js';
import { signNotification } from './fake-provider.js';
import { startHostedStack, TEST_KEYS, type HostedStack } from './hosted-stack.js';

// The driver on a REAL pay server: what reaches /v1/notify/example-hosted is either verified and applied, or
// refused with the bill untouched.
let stack: HostedStack;
beforeAll(async () => void (stack = await startHostedStack()));
afterAll(() => stack?.close());

async function createBill(amount = 499): Promise<{ bill: Bill; launch: Record<string, unknown> }> {
  const response = await fetch(`${stack.url}/v1/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `key-${crypto.randomUUID()}` },
    body: JSON.stringify({
      userId: 'p1',
      itemId: 'gem-pack',
      quantity: 1,
      amount,
      currency: 'USD',
      channel: 'example-hosted',
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { bill: Bill; launch: Record<string, unknown> };
}

const event = (bill: Pick<Bill, 'id'>, fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'evt_1',
    type: 'checkout.succeeded',
    session: 'cs_1',
    reference: bill.id,
    amount: 499,
    currency: 'usd',
    created: 1,
    ...fields,
  });

async function notify(body: string, signature: string | undefined): Promise<{ status: number; code?: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== undefined) headers['example-signature'] = signature;
  const response = await fetch(`${stack.url}/v1/notify/example-hosted`, { method: 'POST', headers, body });
  const answer = (await response.json()) as { error?: { code: string } };
  return { status: response.status, ...(answer.error ? { code: answer.error.code } : {}) };
}

async function stored(id: string): Promise<Bill> {
  return ((await (await fetch(`${stack.url}/v1/bills/${id}`)).json()) as { bill: Bill }).bill;
}

describe('launch', () => {
  it('creates a provider session for the bill and answers its checkout page, with no secret in the payload', async () => {
    const { bill, launch } = await createBill();
    expect(launch).toEqual({
      checkoutUrl: expect.stringMatching(new RegExp(`^${stack.provider.url}/pay/cs_`)),
      sessionId: expect.stringMatching(/^cs_/),
    });
    expect(JSON.stringify(launch)).not.toMatch(new RegExp(`${TEST_KEYS.apiKey}|${TEST_KEYS.webhookSecret}`));
    const session = stack.provider.sessions.get(String(launch.sessionId));
    expect(session).toMatchObject({
      reference: bill.id,
      amount: 499,
      currency: 'usd',
      notifyUrl: `${stack.url}/v1/notify/example-hosted`,
    });
  });

  it('fails the create with 500 INTERNAL, storing nothing, when the provider refuses the API key', async () => {
    const { startPayServer } = await import('@coinslot/server');
    const wrongKey = await startPayServer({
      auth: { development: true },
      drivers: [
        createExampleHostedDriver({
          providerUrl: stack.provider.url,
          apiKey: 'sk_wrong',
          webhookSecret: TEST_KEYS.webhookSecret,
        }),
      ],
    });
    try {
      const response = await fetch(`${wrongKey.url}/v1/bills`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'key-wrong-api-key' },
        body: JSON.stringify({
          userId: 'p1',
          itemId: 'gem-pack',
          quantity: 1,
          amount: 499,
          currency: 'USD',
          channel: 'example-hosted',
        }),
      });
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toContain('INTERNAL');
      expect(text).not.toContain('sk_wrong');
      expect(
        ((await (await fetch(`${wrongKey.url}/v1/bills?user=p1&state=created`)).json()) as { bills: unknown[] }).bills,
      ).toEqual([]);
    } finally {
      await wrongKey.close();
    }
  });
});

describe('verifyNotification on the pay server', () => {
  it('applies a notification signed by the provider, and a repeat changes nothing', async () => {
    const { bill } = await createBill();
    const body = event(bill);
    expect(await notify(body, signNotification(TEST_KEYS.webhookSecret, body))).toEqual({ status: 200 });
    const paid = await stored(bill.id);
    expect(paid.state).toBe('paid');
    expect(await notify(body, signNotification(TEST_KEYS.webhookSecret, body))).toEqual({ status: 200 });
    expect((await stored(bill.id)).updatedAt).toBe(paid.updatedAt);
  });

  const refusals: Array<[string, (bill: Bill) => { body: string; signature: string | undefined }]> = [
    [
      'a forged signature (another secret)',
      (bill) => ({ body: event(bill), signature: signNotification('whsec_attacker_guess_000', event(bill)) }),
    ],
    [
      'a body changed after signing',
      (bill) => ({
        body: event(bill, { amount: 1 }),
        signature: signNotification(TEST_KEYS.webhookSecret, event(bill)),
      }),
    ],
    ['no signature header', (bill) => ({ body: event(bill), signature: undefined })],
    ['a malformed signature header', (bill) => ({ body: event(bill), signature: 'v1=abc' })],
    [
      'a stale timestamp (a replay from an hour ago)',
      (bill) => ({
        body: event(bill),
        signature: signNotification(TEST_KEYS.webhookSecret, event(bill), Math.floor(Date.now() / 1000) - 3600),
      }),
    ],
    [
      'a wrong amount, correctly signed',
      (bill) => ({
        body: event(bill, { amount: 1 }),
        signature: signNotification(TEST_KEYS.webhookSecret, event(bill, { amount: 1 })),
      }),
    ],
    [
      'a wrong currency, correctly signed',
      (bill) => ({
        body: event(bill, { currency: 'eur' }),
        signature: signNotification(TEST_KEYS.webhookSecret, event(bill, { currency: 'eur' })),
      }),
    ],
    [
      'an event type the channel does not map, forged',
      (bill) => ({
        body: event(bill, { type: 'refund.created' }),
        signature: signNotification('whsec_attacker_guess_000', event(bill, { type: 'refund.created' })),
      }),
    ],
  ];

  it.each(refusals)('refuses %s with 400 INVALID_NOTIFICATION and leaves the bill created', async (_name, make) => {
    const { bill } = await createBill();
    const { body, signature } = make(bill);
    expect(await notify(body, signature)).toEqual({ status: 400, code: 'INVALID_NOTIFICATION' });
    const after = await stored(bill.id);
    expect(after.state).toBe('created');
    expect(after.updatedAt).toBe(bill.updatedAt);
  });

  it('ignores a correctly signed event type it does not map: 200 { ok, ignored }, the bill untouched, no retry needed', async () => {
    const { bill } = await createBill();
    const refund = JSON.stringify({
      id: 'evt_9',
      type: 'refund.created',
      refund: 're_1',
      reference: bill.id,
      amount: 499,
      created: 1,
    });
    const response = await fetch(`${stack.url}/v1/notify/example-hosted`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'example-signature': signNotification(TEST_KEYS.webhookSecret, refund),
      },
      body: refund,
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { ok: true, ignored: true },
    });
    const after = await stored(bill.id);
    expect(after.state).toBe('created');
    expect(after.updatedAt).toBe(bill.updatedAt);
  });

  it('answers an unknown bill 404 BILL_NOT_FOUND, even correctly signed', async () => {
    const body = event({ id: 'b_no_such_bill' });
    expect(await notify(body, signNotification(TEST_KEYS.webhookSecret, body))).toEqual({
      status: 404,
      code: 'BILL_NOT_FOUND',
    });
  });
});

describe('the driver alone', () => {
  const driver = createExampleHostedDriver({ providerUrl: 'https://api.hosted-pay.example', ...TEST_KEYS });
  const ctx = { publicUrl: 'https://pay.test', now: () => Date.now(), logger: { info() {}, warn() {}, error() {} } };
  const verify = (body: string, signature: string) =>
    driver.verifyNotification!(
      new Request('https://pay.test/v1/notify/example-hosted', {
        method: 'POST',
        headers: { 'example-signature': signature },
      }),
      new TextEncoder().encode(body),
      ctx,
    );

  it("reports what the provider signed, in protocol units; comparing it with the bill is the pay server's job", async () => {
    const body = event({ id: 'b_1' }, { amount: 1, type: 'checkout.declined' });
    expect(await verify(body, signNotification(TEST_KEYS.webhookSecret, body))).toEqual({
      billId: 'b_1',
      transition: 'failed',
      reason: 'declined',
      amount: 1,
      currency: 'USD',
    });
  });

  it('ignores an event type it does not map, whatever its fields, once the signature verified', async () => {
    const body = JSON.stringify({ id: 'evt_9', type: 'payout.paid', payout: 'po_1', amount: 10_000 });
    expect(await verify(body, signNotification(TEST_KEYS.webhookSecret, body))).toEqual({
      ignored: true,
      reason: 'unmapped event type "payout.paid"',
    });
    expect(await verify(body, signNotification('whsec_attacker_guess_000', body))).toEqual({
      refused: true,
      reason: 'bad signature',
    });
  });

  it('never reads a body whose signature does not verify', async () => {
    const body = '{ not json';
    expect(await verify(body, signNotification('whsec_attacker_guess_000', body))).toEqual({
      refused: true,
      reason: 'bad signature',
    });
    expect(await verify(body, signNotification(TEST_KEYS.webhookSecret, body))).toEqual({
      refused: true,
      reason: 'the body is not UTF-8 JSON',
    });
  });
});

describe('createExampleHostedDriver options', () => {
  const valid = { providerUrl: 'https://api.hosted-pay.example', ...TEST_KEYS };
  it.each([
    [{ ...valid, providerUrl: 'ftp://x' }, /providerUrl/],
    [{ ...valid, apiKey: '' }, /apiKey/],
    [{ ...valid, webhookSecret: 'short-secret' }, /webhookSecret/],
    [{ ...valid, toleranceSeconds: 0 }, /toleranceSeconds/],
  ])('refuses a wrong option at once, naming it but never echoing a value (%#)', (options, name) => {
    const thrown = (() => {
      try {
        createExampleHostedDriver(options);
      } catch (error) {
        return error as Error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown!.message).toMatch(name);
    expect(thrown!.message).not.toContain('short-secret');
  });
});
