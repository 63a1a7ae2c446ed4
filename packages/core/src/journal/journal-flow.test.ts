import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../storage/memory-storage.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { advancing, useFakeClock } from '../test-support/fake-clock.js';
import { failingStorage, grantSpy, paidChannel, recordOf } from '../test-support/journal-helpers.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake, server } = useFakePayServer();
useFakeClock();

describe('the bill journal during a purchase', () => {
  it('holds the bill before the channel launches: an adapter that looks sees the record', async () => {
    const storage = createMemoryStorage();
    let seenAtLaunch: unknown;
    const channel = fakeChannel(async (ctx) => {
      seenAtLaunch = await recordOf(storage, ctx.bill.id);
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    const result = await testCoinslot(fake(), [channel], { storage }).purchase(gemPack);
    expect(seenAtLaunch).toMatchObject({
      state: 'created',
      billId: result.bill.id,
      userId: 'player-42',
      channel: 'fake',
      server: SERVER,
    });
    expect(await recordOf(storage, result.bill.id)).toMatchObject({ state: 'paid', bill: { state: 'paid' } });
    expect(result).toMatchObject({ status: 'paid', granted: false, delivered: false });
  });

  it('records waiting, then delivered when the game delivers', async () => {
    const storage = createMemoryStorage();
    const states: string[] = [];
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage });
    const purchase = coinslot.purchase(gemPack);
    await advancing(new Promise((resolve) => setTimeout(resolve, 50)));
    const [entry] = await storage.list('coinslot:bill:');
    states.push((entry!.value as { state: string }).state);
    fake().settle([...fake().bills.keys()][0]!, 'paid');
    const { bill } = await purchase;
    await coinslot.deliver(bill.id);
    states.push((await recordOf(storage, bill.id))!.state);
    expect(states).toEqual(['waiting', 'delivered']);
  });

  it('does not launch a purchase it cannot record: JOURNAL_FAILED, and the bill is cancelled', async () => {
    const channel = fakeChannel();
    const storage = failingStorage(createMemoryStorage(), (key) => key.startsWith('coinslot:bill:'));
    const error = await testCoinslot(fake(), [channel], { storage })
      .purchase(gemPack)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'JOURNAL_FAILED' });
    expect(channel.pay).not.toHaveBeenCalled();
    expect([...fake().bills.values()][0]?.state).toBe('cancelled');
  });

  it('keeps a bill whose deadline passed as pending (deadline-reached); resume() then grants and delivers it', async () => {
    const storage = createMemoryStorage();
    const grant = grantSpy();
    const coinslot = testCoinslot(fake(), [fakeChannel()], { storage, grant, waitSeconds: 1 });
    const first = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 1200 }));
    expect(first).toMatchObject({ status: 'pending', pendingReason: 'deadline-reached', granted: false });
    expect(await recordOf(storage, first.bill.id)).toMatchObject({
      state: 'pending',
      pendingReason: 'deadline-reached',
    });

    fake().settle(first.bill.id, 'paid');
    const resumed = await advancing(coinslot.resume(first.bill.id));
    expect(resumed).toMatchObject({ status: 'paid', granted: true, delivered: true });
    expect(grant).toHaveBeenCalledExactlyOnceWith({
      billId: first.bill.id,
      bill: expect.objectContaining({ id: first.bill.id, state: 'paid' }),
    });
    expect(await recordOf(storage, first.bill.id)).toMatchObject({ state: 'delivered', grantedAt: expect.any(Number) });
    expect(fake().bills.get(first.bill.id)?.state).toBe('delivered');
  });

  it('says network when the server could not be reached until the deadline', async () => {
    server.use(http.get(`${SERVER}/v1/bills/:id/result`, () => HttpResponse.error()));
    const storage = createMemoryStorage();
    const result = await advancing(
      testCoinslot(fake(), [fakeChannel()], { storage, retryLimit: 0 }).purchase({ ...gemPack, deadlineMs: 800 }),
    );
    expect(result).toMatchObject({ status: 'pending', pendingReason: 'network' });
    expect(await recordOf(storage, result.bill.id)).toMatchObject({ state: 'pending', pendingReason: 'network' });
  });

  it('keeps an aborted purchase as pending (aborted), and resume() of an unknown bill records it', async () => {
    const storage = createMemoryStorage();
    const controller = new AbortController();
    const channel = fakeChannel(async () => {
      setTimeout(() => controller.abort(), 20);
      return { kind: 'launched' };
    });
    const coinslot = testCoinslot(fake(), [channel], { storage });
    await expect(advancing(coinslot.purchase({ ...gemPack, signal: controller.signal }))).rejects.toMatchObject({
      code: 'ABORTED',
    });
    const [entry] = await storage.list('coinslot:bill:');
    expect(entry?.value).toMatchObject({ state: 'pending', pendingReason: 'aborted' });

    const other = createMemoryStorage();
    const billId = (entry!.value as { billId: string }).billId;
    fake().settle(billId, 'cancelled');
    expect(await testCoinslot(fake(), [channel], { storage: other }).resume(billId)).toMatchObject({
      status: 'cancelled',
    });
    expect(await recordOf(other, billId)).toMatchObject({ state: 'cancelled' });
  });

  it('marks a journalled bill the server does not know as failed, so recovery stops resuming it', async () => {
    const storage = createMemoryStorage();
    const coinslot = testCoinslot(fake(), [paidChannel(fake())], { storage });
    const { bill } = await coinslot.purchase(gemPack);
    fake().bills.delete(bill.id);
    await expect(coinslot.resume(bill.id)).rejects.toMatchObject({ serverCode: 'BILL_NOT_FOUND' });
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'paid' });
    await storage.set(`coinslot:bill:${bill.id}`, {
      ...(await recordOf(storage, bill.id))!,
      state: 'pending',
      pendingReason: 'network',
    });
    await expect(coinslot.resume(bill.id)).rejects.toMatchObject({ serverCode: 'BILL_NOT_FOUND' });
    expect(await recordOf(storage, bill.id)).toMatchObject({
      state: 'failed',
      bill: { failureReason: 'bill-not-found' },
    });
  });
});
