import { createSandboxChannel } from '@coinslot/channel-sandbox';
import { createPayServer, createSandboxDriver, serveNode, type PayServer } from '@coinslot/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Coinslot } from './coinslot.js';
import type { CoinslotOptions } from './coinslot-options.js';
import type { PaymentInterface } from './contract/payment-interface.js';
import type { RevokeOffer } from './deliver/revoke-hook.js';
import { createMemoryStorage } from './storage/memory-storage.js';
import { grantSpy, recordOf } from './test-support/journal-helpers.js';
import { sandboxGame } from './test-support/sandbox-game.js';

// Refunds and chargebacks of client-granted bills end to end: the reference server in development mode (the client
// may list a player's bills by userId), the real core and sandbox adapter, and the sandbox's development routes
// `…/refund` and `…/chargeback` playing the channel's server reversing the payment.
const quiet = { info() {}, warn() {}, error() {} };
const gemPack = { channel: 'sandbox', userId: 'player-42', itemId: 'gem-pack', amount: 499, currency: 'USD' } as const;

let payServer: PayServer;
let node: Awaited<ReturnType<typeof serveNode>>;
const games: Coinslot[] = [];

beforeAll(async () => {
  payServer = await createPayServer({
    auth: { development: true },
    catalog: { 'gem-pack': { amount: 499, currency: 'USD' } },
    drivers: [createSandboxDriver({ secret: 'sandbox-secret-for-tests' })],
    logger: quiet,
  });
  node = await serveNode(payServer.handle, { port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await Promise.all(games.splice(0).map((game) => game.dispose()));
});
afterAll(async () => {
  await node?.close();
  await payServer?.close();
});

/** Each bill's sandbox decide URL, as the adapter got it in its launch payload. */
const decideUrls = new Map<string, string>();

/** Reverse a bill's payment through the sandbox's development route, as the channel's server would. */
async function reverse(billId: string, reversal: 'refund' | 'chargeback', body: object = {}): Promise<void> {
  const url = decideUrls.get(billId)!.replace('/decide?', `/${reversal}?`);
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(answer.status).toBe(200);
}

/** The sandbox adapter (headless, approving) recording each launch; `after` runs once it paid. */
function recordingSandbox(after?: (billId: string) => Promise<void>): PaymentInterface<unknown> {
  const sandbox = createSandboxChannel() as PaymentInterface<unknown>;
  return {
    ...sandbox,
    async pay(ctx) {
      decideUrls.set(ctx.bill.id, String((ctx.launch as { decideUrl: string }).decideUrl));
      const outcome = await sandbox.pay(ctx);
      await after?.(ctx.bill.id);
      return outcome;
    },
  };
}

/** A client-granted game recovering by hand for player-42. */
const game = (options: Partial<CoinslotOptions> = {}): Coinslot =>
  sandboxGame(node.url, games, {
    channels: { sandbox: async () => recordingSandbox() },
    userId: 'player-42',
    ...options,
  });

const revokeSpy = () => vi.fn<(offer: RevokeOffer) => Promise<void>>(async () => undefined);

describe('reversals on the reference server (sandbox refund and chargeback routes)', () => {
  it('a refund after the grant: recover() emits bill-refunded and revokes once, across two calls', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const coinslot = game({ storage, grant: grantSpy(), revoke });
    const { bill } = await coinslot.purchase(gemPack);
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'delivered' });
    await reverse(bill.id, 'refund', { amount: 200 });
    const refunded = vi.fn();
    coinslot.on('bill-refunded', refunded);

    const first = await coinslot.recover();
    expect(first).toEqual({
      errors: [],
      bills: [{ billId: bill.id, source: 'server', result: expect.objectContaining({ status: 'refunded' }) }],
    });
    expect(await coinslot.recover()).toEqual({ bills: [], errors: [] });
    expect(revoke).toHaveBeenCalledExactlyOnceWith({
      billId: bill.id,
      bill: expect.objectContaining({ id: bill.id, state: 'refunded', refundedAmount: 200 }),
    });
    expect(refunded).toHaveBeenCalledExactlyOnceWith({
      bill: expect.objectContaining({ refundedAmount: 200 }),
      revoked: true,
    });
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'refunded', revokedAt: expect.any(Number) });
  });

  it('a chargeback after the grant: recover() emits bill-charged-back and revokes once, across two calls', async () => {
    const storage = createMemoryStorage();
    const revoke = revokeSpy();
    const coinslot = game({ storage, grant: grantSpy(), revoke });
    const { bill } = await coinslot.purchase(gemPack);
    await reverse(bill.id, 'chargeback');
    const chargedBack = vi.fn();
    coinslot.on('bill-charged-back', chargedBack);

    await coinslot.recover();
    await coinslot.recover();
    expect(revoke).toHaveBeenCalledExactlyOnceWith({
      billId: bill.id,
      bill: expect.objectContaining({ state: 'charged_back' }),
    });
    expect(chargedBack).toHaveBeenCalledExactlyOnceWith({
      bill: expect.objectContaining({ id: bill.id }),
      revoked: true,
    });
    expect(await recordOf(storage, bill.id)).toMatchObject({ state: 'charged_back', revokedAt: expect.any(Number) });
  });

  it('a bill refunded before its first wait answered is never granted: the purchase ends refunded', async () => {
    const storage = createMemoryStorage();
    const grant = grantSpy();
    const revoke = revokeSpy();
    const coinslot = game({
      storage,
      grant,
      revoke,
      channels: { sandbox: async () => recordingSandbox((billId) => reverse(billId, 'refund')) },
    });
    const refunded = vi.fn();
    coinslot.on('bill-refunded', refunded);

    const result = await coinslot.purchase(gemPack);
    expect(result).toMatchObject({ status: 'refunded', granted: false, bill: { refundedAmount: 499 } });
    expect(grant).not.toHaveBeenCalled();
    expect(revoke).not.toHaveBeenCalled();
    expect(refunded).toHaveBeenCalledExactlyOnceWith({ bill: result.bill, revoked: false });
    expect(await recordOf(storage, result.bill.id)).toMatchObject({ state: 'refunded' });
  });
});
