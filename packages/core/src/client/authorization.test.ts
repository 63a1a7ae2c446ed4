import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { PayServerError } from '../errors/pay-server-error.js';
import { fakeBillToken } from '../test-support/fake-auth.js';
import { useFakePayServer } from '../test-support/msw-server.js';
import { createPayServerClient, type PayServerClientOptions } from './pay-server-client.js';
import { SERVER } from '../test-support/fake-pay-server.js';

// The client's credentials against the fake pay server checking Authorization as the reference server does.
const { fake } = useFakePayServer();
const signal = new AbortController().signal;
const body = { itemId: 'gem', quantity: 1, amount: 499, currency: 'USD', channel: 'fake' };

/** A fake that accepts these player tokens (token → player), and a client on it. */
function setUp(players: Record<string, string>, options: Partial<PayServerClientOptions> = {}) {
  const accepted = new Map(Object.entries(players));
  fake().requireAuth(accepted);
  const stored = new Map<string, string>();
  const client = createPayServerClient({
    server: SERVER,
    retryLimit: 0,
    storedBillToken: async (billId) => stored.get(billId),
    ...options,
  });
  return { accepted, stored, client };
}

/** The Authorization header of every request so far, as "METHOD path → credential". */
const sent = () => fake().requests.map((r) => `${r.method} ${r.path} → ${r.headers.get('authorization') ?? 'none'}`);

describe('pay-server client credentials', () => {
  it("sends the player token on create and list, and the journal's bill token on every call about the bill", async () => {
    const { stored, client } = setUp({ 'token-a': 'player-a' }, { getPlayerToken: () => 'token-a' });
    const { bill, billToken } = await client.createBill(body, 'key-0123456789', signal);
    expect(bill.userId).toBe('player-a');
    stored.set(bill.id, billToken);
    await client.getBill(bill.id, signal);
    await client.waitResult(bill.id, 0, 'nonce-0123456789abcdef', signal);
    await client.cancel(bill.id, 'closed', signal);
    expect(await client.listBills(undefined, 'cancelled', signal)).toEqual([expect.objectContaining({ id: bill.id })]);
    const token = `Bearer ${fakeBillToken(bill.id)}`;
    expect(sent()).toEqual([
      'POST /v1/bills → Bearer token-a',
      `GET /v1/bills/${bill.id} → ${token}`,
      `GET /v1/bills/${bill.id}/result → ${token}`,
      `POST /v1/bills/${bill.id}/cancel → ${token}`,
      'GET /v1/bills → Bearer token-a',
    ]);
  });

  it('asks getPlayerToken once and keeps the token between calls', async () => {
    const getPlayerToken = vi.fn(async () => 'token-a');
    const { client } = setUp({ 'token-a': 'player-a' }, { getPlayerToken });
    await Promise.all([client.createBill(body, 'key-0000000001', signal), client.listBills(undefined, 'paid', signal)]);
    await client.createBill(body, 'key-0000000002', signal);
    expect(getPlayerToken).toHaveBeenCalledOnce();
  });

  it('after a 401 asks getPlayerToken once more and repeats the request once with the new token', async () => {
    const getPlayerToken = vi.fn<() => string>().mockReturnValueOnce('expired').mockReturnValue('fresh');
    const { client } = setUp({ fresh: 'player-a' }, { getPlayerToken });
    expect((await client.createBill(body, 'key-0123456789', signal)).bill.userId).toBe('player-a');
    expect(sent()).toEqual(['POST /v1/bills → Bearer expired', 'POST /v1/bills → Bearer fresh']);
    await client.listBills(undefined, 'paid', signal);
    expect(getPlayerToken).toHaveBeenCalledTimes(2);
  });

  it('asks once for calls refused together', async () => {
    const getPlayerToken = vi.fn<() => string>().mockReturnValueOnce('expired').mockReturnValue('fresh');
    const { client } = setUp({ fresh: 'player-a' }, { getPlayerToken });
    await Promise.all([1, 2, 3].map((n) => client.listBills(undefined, 'paid', signal).then(() => n)));
    expect(getPlayerToken).toHaveBeenCalledTimes(2);
    expect(sent().filter((line) => line.endsWith('fresh'))).toHaveLength(3);
  });

  it('surfaces a second 401 as PayServerError UNAUTHENTICATED, having repeated the request only once', async () => {
    const getPlayerToken = vi.fn(() => 'expired');
    const { client } = setUp({}, { getPlayerToken });
    const caught = await client.createBill(body, 'key-0123456789', signal).catch((e: unknown) => e);
    expect(PayServerError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: 'PAY_SERVER_ERROR',
      serverCode: 'UNAUTHENTICATED',
      status: 401,
      retryable: false,
    });
    expect(getPlayerToken).toHaveBeenCalledTimes(2);
    expect(fake().requestsTo('POST', '/v1/bills')).toHaveLength(2);
  });

  it('without getPlayerToken sends no credential and does not repeat a 401', async () => {
    const { client } = setUp({});
    await expect(client.createBill(body, 'key-0123456789', signal)).rejects.toMatchObject({
      serverCode: 'UNAUTHENTICATED',
      status: 401,
    });
    expect(sent()).toEqual(['POST /v1/bills → none']);
  });

  it('rejects with what getPlayerToken threw, unrelabelled, and asks again on the next call', async () => {
    const offline = new Error('game backend unreachable');
    const getPlayerToken = vi.fn<() => Promise<string>>().mockRejectedValueOnce(offline).mockResolvedValue('token-a');
    const { client } = setUp({ 'token-a': 'player-a' }, { getPlayerToken });
    await expect(client.createBill(body, 'key-0123456789', signal)).rejects.toBe(offline);
    expect(fake().requests).toEqual([]);
    await expect(client.createBill(body, 'key-0123456789', signal)).resolves.toMatchObject({
      bill: { userId: 'player-a' },
    });
  });

  it('sends the player token instead of a bill token the server refused, from then on', async () => {
    const { stored, client } = setUp({ 'token-a': 'player-a' }, { getPlayerToken: () => 'token-a' });
    const { bill } = await client.createBill(body, 'key-0123456789', signal);
    stored.set(bill.id, fakeBillToken('b_other'));
    await client.getBill(bill.id, signal);
    await client.getBill(bill.id, signal);
    expect(sent().slice(1)).toEqual([
      `GET /v1/bills/${bill.id} → Bearer ${fakeBillToken('b_other')}`,
      `GET /v1/bills/${bill.id} → Bearer token-a`,
      `GET /v1/bills/${bill.id} → Bearer token-a`,
    ]);
  });

  it("answers another player's bill as BILL_NOT_FOUND", async () => {
    const { client } = setUp({ 'token-a': 'player-a', 'token-b': 'player-b' }, { getPlayerToken: () => 'token-a' });
    const { bill } = await client.createBill(body, 'key-0123456789', signal);
    const thief = createPayServerClient({
      server: SERVER,
      retryLimit: 0,
      storedBillToken: async () => undefined,
      getPlayerToken: () => 'token-b',
    });
    await expect(thief.deliver(bill.id, signal)).rejects.toMatchObject({ serverCode: 'BILL_NOT_FOUND', status: 404 });
    await expect(thief.listBills('player-a', 'created', signal)).rejects.toMatchObject({
      serverCode: 'FORBIDDEN',
      status: 403,
    });
  });

  it('keeps every credential out of the error it rejects with, so a logged error shows none', async () => {
    const { stored, client } = setUp({}, { getPlayerToken: () => 'secret-player-token' });
    stored.set('b_1', 'cbt_secret_bill_token');
    fake().bills.set('b_1', { id: 'b_1', userId: 'player-a', state: 'created' } as never);
    const errors = await Promise.all(
      [client.createBill(body, 'key-0123456789', signal), client.getBill('b_1', signal)].map((p) =>
        p.catch((e: unknown) => e),
      ),
    );
    for (const error of errors) {
      expect(error).toMatchObject({ serverCode: 'UNAUTHENTICATED' });
      const shown = inspect(error, { depth: Infinity, showHidden: true });
      expect(shown).not.toMatch(/secret-player-token|cbt_secret_bill_token/);
    }
  });
});
