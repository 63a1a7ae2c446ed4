import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CoinslotEventMap } from '../events/event-map.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { SERVER } from '../test-support/fake-pay-server.js';
import { advancing, useFakeClock } from '../test-support/fake-clock.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake, server } = useFakePayServer();
useFakeClock();

describe('held wait', () => {
  it('ends as pending at the deadline, not as an error, and resume() later answers paid', async () => {
    const coinslot = testCoinslot(fake(), [fakeChannel()], { waitSeconds: 1 });
    const retried: CoinslotEventMap['wait-retried'][] = [];
    const pending: CoinslotEventMap['bill-pending'][] = [];
    coinslot.on('wait-retried', (payload) => retried.push(payload));
    coinslot.on('bill-pending', (payload) => pending.push(payload));

    const first = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 1500 }));
    expect(first.status).toBe('pending');
    expect(first.bill.state).toBe('created');
    expect(pending).toEqual([{ bill: first.bill }]);
    expect(retried[0]).toEqual({ billId: first.bill.id, attempt: 1 });

    const waits = fake().requestsTo('GET', `/v1/bills/${first.bill.id}/result`);
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits.every((w) => w.search.get('wait') === '1')).toBe(true);
    expect(new Set(waits.map((w) => w.search.get('nonce'))).size).toBe(waits.length);

    setTimeout(() => fake().settle(first.bill.id, 'paid'), 100);
    const resumed = await advancing(coinslot.resume(first.bill.id, { deadlineMs: 5000 }));
    expect(resumed).toMatchObject({
      status: 'paid',
      bill: { id: first.bill.id, state: 'paid', createdAt: first.bill.createdAt },
    });
  });

  it('asks the server to hold for min(waitSeconds, seconds left)', async () => {
    const channel = fakeChannel(async (ctx) => {
      setTimeout(() => fake().settle(ctx.bill.id, 'paid'), 100);
      return { kind: 'launched' };
    });
    await advancing(testCoinslot(fake(), [channel], { waitSeconds: 25 }).purchase({ ...gemPack, deadlineMs: 4_000 }));
    expect(
      fake()
        .requestsTo('GET', /\/result$/)[0]
        ?.search.get('wait'),
    ).toBe('4');
  });

  it('asks for "still pending" unsigned, takes it as pending, and settles only on a signed result', async () => {
    const asked: (string | null)[] = [];
    server.use(
      http.get(`${SERVER}/v1/bills/:id/result`, ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('pending'));
        if (asked.length > 2) return undefined; // the fake pay server's signed answer
        return HttpResponse.json({ state: 'created', settled: false });
      }),
    );
    const coinslot = testCoinslot(fake(), [fakeChannel()], { waitSeconds: 1 });
    const pending = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 1500 }));
    // Every answer unsigned: pending at the deadline, with the bill as created (nothing unsigned merged in).
    expect(pending).toMatchObject({ status: 'pending', pendingReason: 'deadline-reached', bill: { state: 'created' } });
    expect(asked).toEqual(['unsigned', 'unsigned']);
    setTimeout(() => fake().settle(pending.bill.id, 'paid'), 100);
    const resumed = await advancing(coinslot.resume(pending.bill.id, { deadlineMs: 5000 }));
    expect(resumed).toMatchObject({ status: 'paid', bill: { id: pending.bill.id, state: 'paid' } });
    expect(asked.slice(2).every((value) => value === 'unsigned')).toBe(true);
  });

  it('never takes an unsigned answer that claims the bill settled', async () => {
    server.use(http.get(`${SERVER}/v1/bills/:id/result`, () => HttpResponse.json({ state: 'paid', settled: true })));
    const coinslot = testCoinslot(fake(), [fakeChannel()], { waitSeconds: 1, retryLimit: 0 });
    const outcome = await advancing(coinslot.purchase({ ...gemPack, deadlineMs: 1500 })).catch((error) => error);
    expect(outcome).not.toMatchObject({ status: 'paid' });
    expect(outcome).toMatchObject({ code: 'PAY_SERVER_ERROR' });
  });

  it('keeps waiting through a network failure and a 503', async () => {
    let failures = 0;
    server.use(
      http.get(`${SERVER}/v1/bills/:id/result`, () => {
        failures += 1;
        if (failures === 1) return HttpResponse.error();
        if (failures === 2)
          return HttpResponse.json({ error: { code: 'UNAVAILABLE', message: 'x', retryable: true } }, { status: 503 });
        return undefined;
      }),
    );
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    expect((await advancing(testCoinslot(fake(), [channel], { retryLimit: 0 }).purchase(gemPack))).status).toBe('paid');
    expect(failures).toBe(3);
  });

  it('stops with the error when the bill does not exist (a 404 is never retried)', async () => {
    const coinslot = testCoinslot(fake(), [fakeChannel()]);
    await expect(coinslot.resume('b_missing')).rejects.toMatchObject({
      code: 'PAY_SERVER_ERROR',
      serverCode: 'BILL_NOT_FOUND',
      status: 404,
    });
    expect(fake().requestsTo('GET', '/v1/bills/b_missing')).toHaveLength(1);
  });

  it('rejects a bad bill id before any request', async () => {
    const coinslot = testCoinslot(fake(), [fakeChannel()]);
    await expect(coinslot.resume('../etc')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(coinslot.deliver('')).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(fake().requests).toHaveLength(0);
  });
});
