import { createPayServerClient, generateServerKey, type PayServerClient } from '@coinslot/backend';
import { createSandboxChannel } from '@coinslot/channel-sandbox';
import type { CreateBillResponse } from '@coinslot/protocol';
import { createPayServer, createSandboxDriver, serveNode, type PayServer } from '@coinslot/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Coinslot } from './coinslot.js';
import type { CoinslotOptions } from './coinslot-options.js';
import type { PaymentInterface } from './contract/payment-interface.js';
import { PayServerError } from './errors/pay-server-error.js';
import { createMemoryStorage } from './storage/memory-storage.js';
import type { JournalStorage } from './storage/journal-storage.js';
import { grantSpy, recordOf, snapshot } from './test-support/journal-helpers.js';
import { sandboxGame } from './test-support/sandbox-game.js';

// The server-key mode end to end: the real reference server taking only server keys, the game backend creating the
// bill with @coinslot/backend, and a client with the real core and sandbox adapter (headless) but no player token.
const quiet = { info() {}, warn() {}, error() {} };
const serverKey = generateServerKey();

let payServer: PayServer;
let node: Awaited<ReturnType<typeof serveNode>>;
let backend: PayServerClient;
const games: Coinslot[] = [];

beforeAll(async () => {
  payServer = await createPayServer({
    auth: { serverKeys: [serverKey] },
    catalog: { 'gem-pack': { amount: 499, currency: 'USD' } },
    drivers: [createSandboxDriver({ secret: 'sandbox-secret-for-tests' })],
    logger: quiet,
  });
  node = await serveNode(payServer.handle, { port: 0, host: '127.0.0.1' });
  backend = createPayServerClient({ url: node.url, serverKey });
});
afterEach(async () => {
  await Promise.all(games.splice(0).map((game) => game.dispose()));
});
afterAll(async () => {
  await node?.close();
  await payServer?.close();
});

/** What the game backend hands its player's client: the create's answer. */
const backendCreates = (userId = 'player-42'): Promise<CreateBillResponse> =>
  backend.createBill({ userId, itemId: 'gem-pack', quantity: 1, amount: 499, currency: 'USD', channel: 'sandbox' });

/** The player's client: the sandbox deciding `approve` headless, no getPlayerToken. */
const game = (options: Partial<CoinslotOptions> = {}): Coinslot => sandboxGame(node.url, games, options);

describe('purchaseBill on the reference server in server-key mode', () => {
  it('buys a bill the game backend created: paid through the sandbox, granted and delivered', async () => {
    const created = await backendCreates();
    const grant = grantSpy();
    const storage = createMemoryStorage();
    const result = await game({ grant, storage }).purchaseBill(created);
    expect(result).toMatchObject({
      status: 'paid',
      granted: true,
      delivered: true,
      bill: { id: created.bill.id, userId: 'player-42' },
    });
    expect(grant).toHaveBeenCalledOnce();
    expect(await backend.getBill(created.bill.id)).toMatchObject({ state: 'delivered' });
    expect(await recordOf(storage, created.bill.id)).toMatchObject({
      state: 'delivered',
      billToken: created.billToken,
    });
  });

  it('after a crash once the channel launched, a new instance on the same storage recovers it with the journalled token', async () => {
    const created = await backendCreates();
    const storage = createMemoryStorage();
    let disk: JournalStorage | undefined;
    // The real sandbox approves the bill, then the game dies before it reads the result.
    const sandbox = createSandboxChannel();
    const crashing: PaymentInterface<unknown> = {
      ...(sandbox as PaymentInterface<unknown>),
      async pay(ctx) {
        await sandbox.pay(ctx as never);
        disk = await snapshot(storage);
        return new Promise(() => {});
      },
    };
    const before = game({ storage, channels: { sandbox: async () => crashing } });
    const purchase = before.purchaseBill(created).catch(() => undefined);
    await vi.waitFor(() => expect(disk).toBeDefined());
    await before.dispose();
    await purchase;
    expect(await recordOf(disk!, created.bill.id)).toMatchObject({ state: 'created', billToken: created.billToken });

    const grant = grantSpy();
    const report = await game({ storage: disk!, grant }).recover();
    expect(report).toEqual({
      errors: [],
      bills: [
        {
          billId: created.bill.id,
          source: 'journal',
          result: expect.objectContaining({ status: 'paid', granted: true, delivered: true }),
        },
      ],
    });
    expect(grant).toHaveBeenCalledOnce();
    expect(await backend.getBill(created.bill.id)).toMatchObject({ state: 'delivered' });
  });

  it('refuses a tampered bill token with 401 UNAUTHENTICATED, and the bill stays created', async () => {
    const created = await backendCreates();
    // Change a character that carries MAC bits (the last one also holds bits that encode nothing).
    const at = 10;
    const swapped = created.billToken[at] === 'A' ? 'B' : 'A';
    const tampered = {
      ...created,
      billToken: created.billToken.slice(0, at) + swapped + created.billToken.slice(at + 1),
    };
    const storage = createMemoryStorage();
    const caught = await game({ storage })
      .purchaseBill(tampered)
      .catch((e: unknown) => e);
    expect(PayServerError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ serverCode: 'UNAUTHENTICATED', status: 401 });
    expect(await backend.getBill(created.bill.id)).toMatchObject({ state: 'created' });
    expect(await storage.list('')).toEqual([]);
  });
});
