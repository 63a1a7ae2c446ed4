import type { CreateBillResponse } from '@coinslot/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { JournalRecord } from '../journal/journal-record.js';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { fakeBillToken } from '../test-support/fake-auth.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { grantSpy, paidChannel, recordOf } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';

// purchaseBill() against the fake pay server checking credentials: the bill is created by "the game backend" (a
// credential the fake accepts for player-42, standing in for a server key); the client holds no player token.
const { fake } = useFakePayServer();

/** The game backend's create, as `@coinslot/backend` sends it; answers what its client hands the player's client. */
async function backendCreates(): Promise<CreateBillResponse> {
  fake().requireAuth(new Map([['backend-key', 'player-42']]));
  const response = await fetch(`${SERVER}/v1/bills`, {
    method: 'POST',
    headers: { authorization: 'Bearer backend-key', 'idempotency-key': `key-${Math.random()}`.replace('.', '') },
    body: JSON.stringify({ ...gemPack, quantity: 1 }),
  });
  const created = (await response.json()) as CreateBillResponse;
  fake().requests.length = 0;
  return created;
}

/** Every request core sent, as "METHOD path → credential". */
const sent = () => fake().requests.map((r) => `${r.method} ${r.path} → ${r.headers.get('authorization') ?? 'none'}`);

describe('purchaseBill', () => {
  it('journals the bill with its token before launching the channel with the launch payload', async () => {
    const created = await backendCreates();
    const storage = createMemoryStorage();
    let atLaunch: JournalRecord | undefined;
    const channel = fakeChannel(async (ctx) => {
      atLaunch = await recordOf(storage, ctx.bill.id);
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    await testCoinslot(fake(), [channel], { storage }).purchaseBill(created);
    expect(atLaunch).toMatchObject({ state: 'created', billToken: created.billToken, userId: 'player-42' });
    expect(channel.pay.mock.calls[0]![0]).toMatchObject({ bill: { id: created.bill.id }, launch: created.launch });
  });

  it('resolves paid, granted and delivered, sending only the bill token and creating no bill', async () => {
    const created = await backendCreates();
    const grant = grantSpy();
    const coinslot = testCoinslot(fake(), [paidChannel(fake())], { grant });
    const billCreated = vi.fn();
    coinslot.on('bill-created', billCreated);
    const result = await coinslot.purchaseBill(created);
    expect(result).toMatchObject({ status: 'paid', granted: true, grantedHere: true, delivered: true });
    expect(grant).toHaveBeenCalledOnce();
    expect(billCreated).toHaveBeenCalledWith({ bill: expect.objectContaining({ id: created.bill.id }) });
    const token = `Bearer ${fakeBillToken(created.bill.id)}`;
    // The grant re-reads the signed state under the bill's lock: a second result read.
    expect(new Set(sent().filter((line) => !line.startsWith('GET /v1/keys')))).toEqual(
      new Set([
        `GET /v1/bills/${created.bill.id} → ${token}`,
        `GET /v1/bills/${created.bill.id}/result → ${token}`,
        `POST /v1/bills/${created.bill.id}/launch → ${token}`,
        `POST /v1/bills/${created.bill.id}/deliver → ${token}`,
      ]),
    );
  });

  it('sends the cancel of a player who closed the channel with the bill token', async () => {
    const created = await backendCreates();
    const channel = fakeChannel(async () => ({ kind: 'cancelled', reason: 'closed' }));
    expect(await testCoinslot(fake(), [channel]).purchaseBill(created)).toMatchObject({ status: 'cancelled' });
    expect(sent()).toContain(`POST /v1/bills/${created.bill.id}/cancel → Bearer ${fakeBillToken(created.bill.id)}`);
  });

  it('does not launch a bill that was paid meanwhile, and resolves it paid like resume()', async () => {
    const created = await backendCreates();
    fake().settle(created.bill.id, 'paid');
    const channel = fakeChannel();
    const billCreated = vi.fn();
    const coinslot = testCoinslot(fake(), [channel]);
    coinslot.on('bill-created', billCreated);
    expect(await coinslot.purchaseBill(created)).toMatchObject({ status: 'paid', bill: { id: created.bill.id } });
    expect(channel.pay).not.toHaveBeenCalled();
    expect(billCreated).not.toHaveBeenCalled();
  });

  it('rejects a bill token the server refuses with UNAUTHENTICATED, journalling and launching nothing', async () => {
    const created = await backendCreates();
    const storage = createMemoryStorage();
    const channel = fakeChannel();
    const forged = { ...created, billToken: fakeBillToken('b_999') };
    await expect(testCoinslot(fake(), [channel], { storage }).purchaseBill(forged)).rejects.toMatchObject({
      code: 'PAY_SERVER_ERROR',
      serverCode: 'UNAUTHENTICATED',
      status: 401,
    });
    expect(channel.pay).not.toHaveBeenCalled();
    expect(await storage.list('')).toEqual([]);
    expect(fake().bills.get(created.bill.id)?.state).toBe('created');
  });

  it.each([
    ['something that is not a create answer', () => 'b_1', /must be what your backend's create answered/],
    [
      'a bill id that is not the protocol’s',
      (c: CreateBillResponse) => ({ ...c, bill: { ...c.bill, id: 'b/1' } }),
      /bill\.id must be a bill id/,
    ],
    [
      'a channel id that is not one',
      (c: CreateBillResponse) => ({ ...c, bill: { ...c.bill, channel: 'Fake' } }),
      /bill\.channel must be a channel id/,
    ],
    [
      'a launch payload that is not an object',
      (c: CreateBillResponse) => ({ ...c, launch: 'https://x' }),
      /launch must be/,
    ],
    [
      'a bill token without cbt_',
      (c: CreateBillResponse) => ({ ...c, billToken: 'secret-123' }),
      /billToken must be the create's bill token \(cbt_…\)/,
    ],
    ['no bill token', (c: CreateBillResponse) => ({ ...c, billToken: undefined }), /billToken must be/],
  ])('rejects %s as INVALID_REQUEST without any request', async (_, change, message) => {
    const created = await backendCreates();
    const error = await testCoinslot(fake(), [fakeChannel()])
      .purchaseBill(change(created) as never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(message) });
    expect(JSON.stringify(error)).not.toContain('secret-123');
    expect(fake().requests).toHaveLength(0);
  });

  it('rejects a negative deadlineMs as INVALID_REQUEST', async () => {
    const created = await backendCreates();
    await expect(testCoinslot(fake(), [fakeChannel()]).purchaseBill(created, { deadlineMs: -1 })).rejects.toMatchObject(
      { code: 'INVALID_REQUEST', message: expect.stringMatching(/deadlineMs/) },
    );
  });

  it('rejects CHANNEL_UNAVAILABLE when the bill’s channel is not ready, before any request', async () => {
    const created = await backendCreates();
    const coinslot = testCoinslot(fake(), [fakeChannel(undefined, { id: 'other' })]);
    await expect(coinslot.purchaseBill(created)).rejects.toMatchObject({
      code: 'CHANNEL_UNAVAILABLE',
      message: expect.stringMatching(/Channel "fake" is not available.*Ready channels: other\./),
    });
    expect(fake().requests).toHaveLength(0);
  });
});
