import { createSandboxChannel, type SandboxDecision } from '@coinslot/channel-sandbox';
import { createCoinslot } from '@coinslot/core';
import { describe, expect, it } from 'vitest';
import { useDoubleOnMsw } from '../test-support/double-on-msw.js';
import { createMockChannel } from '../mock-channel/create-mock-channel.js';

// The protocol endpoints a game's tests poke directly, and the sandbox adapter running on the double's checkout.
const env = useDoubleOnMsw({ url: 'https://pay.double.test' });
const { msw, games } = env;

const body = { userId: 'player-7', itemId: 'gem-pack', quantity: 1, amount: 499, currency: 'USD', channel: 'mock' };
const create = (key: string, payload: object = body) =>
  fetch(`${env.double.url}/v1/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(payload),
  });

describe('the double speaks protocol v1', () => {
  it('creates idempotently: a replay answers the same bill, another body is refused', async () => {
    const first = await create('key-00000001');
    const replay = await create('key-00000001');
    const reused = await create('key-00000001', { ...body, amount: 999 });
    expect([first.status, replay.status, reused.status]).toEqual([201, 200, 422]);
    const [a, b] = [await first.json(), await replay.json()];
    expect(b.bill.id).toBe(a.bill.id);
    expect(a.launch).toEqual({
      checkoutUrl: expect.stringContaining(`${env.double.url}/v1/mock/checkout/${a.bill.id}`),
      decideUrl: expect.any(String),
    });
    expect((await reused.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(env.double.bills.size).toBe(1);
  });

  it('lists a player’s unfinished bills and serves its public key', async () => {
    const { bill } = await (await create('key-00000002')).json();
    await env.double.settle(bill.id, 'paid');
    const listed = await (await fetch(`${env.double.url}/v1/bills?user=player-7&state=paid`)).json();
    expect(listed.bills.map((b: { id: string }) => b.id)).toEqual([bill.id]);
    const keys = await (await fetch(`${env.double.url}/v1/keys`)).json();
    expect(keys.keys).toEqual(env.double.publicKeys);
    expect(env.double.publicKeys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
  });

  it('answers the shared error envelope for unknown channels', async () => {
    const answer = await create('key-00000003', { ...body, channel: 'paypal' });
    expect(answer.status).toBe(400);
    expect((await answer.json()).error).toMatchObject({ code: 'UNKNOWN_CHANNEL', retryable: false });
  });

  it('works without msw through env.double.fetch (keys fetched from GET /v1/keys)', async () => {
    msw.resetHandlers();
    const coinslot = createCoinslot({
      server: env.double.url,
      channels: { mock: async () => createMockChannel() },
      fetch: env.double.fetch,
      platform: 'node',
    });
    games.push(coinslot);
    expect(
      (await coinslot.purchase({ channel: 'mock', userId: 'p', itemId: 'i', amount: 1, currency: 'USD' })).status,
    ).toBe('paid');
    expect(env.double.callsTo('GET', '/v1/keys')).toHaveLength(1);
  });

  it('forgets its calls and script rules on reset, and keeps the bills', async () => {
    env.double.script('declined');
    await create('key-00000004');
    env.double.reset();
    expect(env.double.calls).toHaveLength(0);
    expect(env.double.bills.size).toBe(1);
    const { bill } = await (await create('key-00000005')).json();
    await fetch(`${env.double.url}/v1/bills/${bill.id}/result?wait=1&nonce=${'n'.repeat(16)}`);
    expect(env.double.bills.get(bill.id)?.state).toBe('paid');
  });
});

describe('the sandbox adapter on the double’s checkout', () => {
  it.each<[SandboxDecision, 'server' | 'client', string]>([
    ['approve', 'server', 'paid'],
    ['decline', 'server', 'declined'],
    ['cancel', 'server', 'cancelled'],
    ['approve', 'client', 'paid'],
    ['decline', 'client', 'declined'],
  ])('%s in %s mode ends %s', async (decision, mode, status) => {
    const coinslot = createCoinslot({
      server: env.double.url,
      channels: { sandbox: async () => createSandboxChannel({ mode }) },
      channelOptions: { sandbox: { presentation: 'headless', headlessDecision: decision } },
      trustedKeys: env.double.publicKeys,
      platform: 'node',
    });
    games.push(coinslot);
    const result = await coinslot.purchase({
      channel: 'sandbox',
      userId: 'p-1',
      itemId: 'gem',
      amount: 100,
      currency: 'USD',
    });
    expect(result.status).toBe(status);
    expect(env.double.callsTo('POST', /\/decide$/)).toHaveLength(1);
  });

  it('approve still follows the script: the channel may decline an approved payment', async () => {
    env.double.script({ result: 'declined', reason: 'insufficient-funds' });
    const coinslot = createCoinslot({
      server: env.double.url,
      channels: { sandbox: async () => createSandboxChannel() },
      channelOptions: { sandbox: { presentation: 'headless' } },
      trustedKeys: env.double.publicKeys,
      platform: 'node',
    });
    games.push(coinslot);
    expect(
      await coinslot.purchase({ channel: 'sandbox', userId: 'p-2', itemId: 'gem', amount: 100, currency: 'USD' }),
    ).toMatchObject({
      status: 'declined',
      reason: 'insufficient-funds',
    });
  });
});
