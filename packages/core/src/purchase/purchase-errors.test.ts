import { describe, expect, it } from 'vitest';
import type { CoinslotError } from '../errors/coinslot-error.js';
import { fakeChannel, gemPack, testCoinslot } from '../test-support/fake-channel.js';
import { advancing, useFakeClock } from '../test-support/fake-clock.js';
import { useFakePayServer } from '../test-support/msw-server.js';

const { fake } = useFakePayServer();
useFakeClock();

describe('purchase failures', () => {
  it.each([
    ['a fractional amount', { amount: 4.99 }, /amount/],
    ['a lower-case currency', { currency: 'usd' }, /currency/],
    ['an empty userId', { userId: '' }, /userId/],
    ['quantity 0', { quantity: 0 }, /quantity/],
    ['a misspelt field', { ammount: 499 }, /unknown field "ammount"/],
    ['an oversized extra', { extra: { blob: 'x'.repeat(5000) } }, /extra/],
  ])('rejects %s as INVALID_REQUEST without any request', async (_, change, message) => {
    const coinslot = testCoinslot(fake(), [fakeChannel()]);
    const error = await coinslot.purchase({ ...gemPack, ...change } as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(message) });
    expect(fake().requests).toHaveLength(0);
  });

  it('names the ready channels, and why the asked one was skipped', async () => {
    const unsupported = fakeChannel(undefined, { id: 'steam', isAvailable: () => false });
    const coinslot = testCoinslot(fake(), [fakeChannel(), unsupported]);
    const skipped = await coinslot.purchase({ ...gemPack, channel: 'steam' }).then(
      () => undefined,
      (e: CoinslotError) => e,
    );
    expect(skipped).toMatchObject({ code: 'CHANNEL_UNAVAILABLE' });
    expect(skipped?.message).toMatch(/skipped \(unsupported/);
    expect(skipped?.message).toMatch(/Ready channels: fake\./);
    const unknown = await coinslot.purchase({ ...gemPack, channel: 'paypal' }).then(
      () => undefined,
      (e: CoinslotError) => e,
    );
    expect(unknown?.message).toMatch(/not configured.*Ready channels: fake\./);
    expect(fake().requests).toHaveLength(0);
  });

  it('turns a launch that throws into CHANNEL_LAUNCH_FAILED and cancels the bill', async () => {
    const boom = new Error('vendor script blocked');
    const coinslot = testCoinslot(fake(), [fakeChannel(() => Promise.reject(boom))]);
    const error = await coinslot.purchase(gemPack).catch((e: CoinslotError) => e);
    expect(error).toMatchObject({ code: 'CHANNEL_LAUNCH_FAILED', cause: boom });
    expect(fake().requestsTo('POST', /\/cancel$/)).toHaveLength(1);
    expect([...fake().bills.values()][0]?.state).toBe('cancelled');
  });

  it('rejects with ABORTED when the caller aborts, and the adapter sees its signal aborted', async () => {
    const controller = new AbortController();
    let adapterSignal: AbortSignal | undefined;
    const channel = fakeChannel(async (ctx) => {
      adapterSignal = ctx.signal;
      setTimeout(() => controller.abort('player left'), 50);
      return { kind: 'launched' };
    });
    const error = await advancing(
      testCoinslot(fake(), [channel]).purchase({ ...gemPack, signal: controller.signal }),
    ).catch((e: CoinslotError) => e);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(adapterSignal?.aborted).toBe(true);
  });

  it('rejects with ABORTED while the adapter is still running, and tells the adapter', async () => {
    const controller = new AbortController();
    const channel = fakeChannel(
      (ctx) =>
        new Promise((_, reject) => {
          ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason));
          controller.abort();
        }),
    );
    await expect(
      testCoinslot(fake(), [channel]).purchase({ ...gemPack, signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    expect(fake().requestsTo('POST', /\/cancel$/)).toHaveLength(0);
  });

  it('rejects with RESULT_REJECTED when the server answers a result signed with another key', async () => {
    const { createResultSigner, resultPayload } = await import('../test-support/result-signer.js');
    const forger = await createResultSigner('ES256', fake().signer.publicKey.kid);
    fake().signResult = (bill, nonce) =>
      forger.sign(resultPayload({ billId: bill.id, nonce, kid: forger.publicKey.kid }));
    const channel = fakeChannel(async (ctx) => {
      fake().settle(ctx.bill.id, 'paid');
      return { kind: 'launched' };
    });
    await expect(testCoinslot(fake(), [channel]).purchase(gemPack)).rejects.toMatchObject({ code: 'RESULT_REJECTED' });
  });

  it('reports a refused proof as the pay server error', async () => {
    const channel = fakeChannel(async () => ({ kind: 'proof', proof: { valid: false } }), { resultSource: 'client' });
    await expect(testCoinslot(fake(), [channel]).purchase(gemPack)).rejects.toMatchObject({
      code: 'PAY_SERVER_ERROR',
      serverCode: 'INVALID_PROOF',
    });
  });
});

describe('an adapter that ignores its signal', () => {
  it('cannot hold the purchase open past an abort or the deadline', async () => {
    const never = fakeChannel(() => new Promise(() => undefined));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(
      advancing(testCoinslot(fake(), [never]).purchase({ ...gemPack, signal: controller.signal })),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    const late = await advancing(
      testCoinslot(fake(), [never], { waitSeconds: 1 }).purchase({ ...gemPack, deadlineMs: 100 }),
    );
    expect(late.status).toBe('pending');
  });
});
