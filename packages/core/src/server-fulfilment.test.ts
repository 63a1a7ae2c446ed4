import { createPayServerClient, generateServerKey, type PayServerClient } from '@coinslot/backend';
import type { CreateBillResponse } from '@coinslot/protocol';
import { createPayServer, createSandboxDriver, serveNode, type PayServer } from '@coinslot/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Coinslot } from './coinslot.js';
import type { CoinslotOptions } from './coinslot-options.js';
import { createMemoryStorage } from './storage/memory-storage.js';
import { recordOf, snapshot } from './test-support/journal-helpers.js';
import { sandboxGame } from './test-support/sandbox-game.js';

// Server fulfilment end to end: the reference server where only the game backend (a server key) may deliver, the
// backend creating bills and delivering them with @coinslot/backend, and a client with the real core and sandbox
// adapter (headless, approving) following each bill with its bill token.
const quiet = { info() {}, warn() {}, error() {} };
const serverKey = generateServerKey();

let payServer: PayServer;
let node: Awaited<ReturnType<typeof serveNode>>;
let backend: PayServerClient;
const games: Coinslot[] = [];

beforeAll(async () => {
  payServer = await createPayServer({
    auth: { serverKeys: [serverKey], deliveredBy: 'server' },
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
const backendCreates = (): Promise<CreateBillResponse> =>
  backend.createBill({
    userId: 'player-42',
    itemId: 'gem-pack',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'sandbox',
  });

/** The player's client in server fulfilment, recording every request it sends as "METHOD path" (and its URLs). */
function game(options: Partial<CoinslotOptions> = {}): { coinslot: Coinslot; sent: string[]; urls: URL[] } {
  const sent: string[] = [];
  const urls: URL[] = [];
  const coinslot = sandboxGame(node.url, games, {
    fulfilment: 'server',
    fetch: (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      urls.push(new URL(request.url));
      return globalThis.fetch(input, init);
    },
    ...options,
  });
  return { coinslot, sent, urls };
}

/** The game backend delivering, as its `bill.paid` handler would after granting. */
const backendDelivers = async (billId: string): Promise<void> => {
  expect(await backend.deliverBill(billId)).toMatchObject({ alreadyDelivered: false });
};

describe('server fulfilment on the reference server (deliveredBy: server)', () => {
  it('the purchase waits through paid and ends delivered once the backend delivers; core never delivers', async () => {
    const created = await backendCreates();
    const storage = createMemoryStorage();
    const { coinslot, sent, urls } = game({ storage });
    const events: string[] = [];
    coinslot.on('bill-paid', () => events.push('bill-paid'));
    coinslot.on('bill-delivered', ({ alreadyDelivered }) => events.push(`bill-delivered ${alreadyDelivered}`));
    // The backend delivers 300 ms after the client saw `paid`: by then core holds a wait with `until=delivered`,
    // which the delivery answers at once (no re-read with backoff).
    let delivering: Promise<void> | undefined;
    let deliveredAt = 0;
    coinslot.on('bill-paid', () => {
      delivering = new Promise((resolve) => setTimeout(resolve, 300))
        .then(() => backendDelivers(created.bill.id))
        .then(() => {
          deliveredAt = Date.now();
        });
    });

    const result = await coinslot.purchaseBill(created, { deadlineMs: 60_000 });
    const answeredAt = Date.now();
    await delivering;
    expect(answeredAt - deliveredAt).toBeLessThan(1_000);
    expect(result).toMatchObject({
      status: 'delivered',
      granted: true,
      grantedHere: false,
      delivered: true,
      bill: { id: created.bill.id, state: 'delivered' },
    });
    expect(events).toEqual(['bill-paid', 'bill-delivered false']);
    expect(sent.filter((line) => line.endsWith('/deliver'))).toEqual([]);
    const reads = urls.filter((url) => url.pathname.endsWith('/result'));
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.at(-1)?.searchParams.get('until')).toBe('delivered');
    expect(await recordOf(storage, created.bill.id)).toMatchObject({ state: 'delivered' });
    expect((await recordOf(storage, created.bill.id))?.grantedAt).toBeUndefined();
  });

  it('a purchase whose budget runs out answers paid, awaiting delivery; resume after the delivery answers delivered', async () => {
    const created = await backendCreates();
    const storage = createMemoryStorage();
    const { coinslot } = game({ storage });
    const first = await coinslot.purchaseBill(created, { deadlineMs: 1_500 });
    expect(first).toMatchObject({
      status: 'paid',
      pendingReason: 'awaiting-delivery',
      granted: false,
      delivered: false,
    });
    expect(await recordOf(storage, created.bill.id)).toMatchObject({ state: 'paid' });

    await backendDelivers(created.bill.id);
    const delivered = vi.fn();
    coinslot.on('bill-delivered', delivered);
    const resumed = await coinslot.resume(created.bill.id, { deadlineMs: 10_000 });
    expect(resumed).toMatchObject({ status: 'delivered', bill: { state: 'delivered' } });
    expect(delivered).toHaveBeenCalledExactlyOnceWith({ bill: resumed.bill, alreadyDelivered: false });
  });

  it("a new instance's recovery waits for the delivery of a bill its journal holds as paid", async () => {
    const created = await backendCreates();
    const storage = createMemoryStorage();
    await game({ storage }).coinslot.purchaseBill(created, { deadlineMs: 1_000 });
    const disk = await snapshot(storage); // the game closed while the backend had not delivered yet

    const { coinslot, sent } = game({ storage: disk });
    coinslot.on('bill-paid', () => void backendDelivers(created.bill.id));
    const report = await coinslot.recover({ deadlineMs: 30_000 });
    expect(report).toEqual({
      errors: [],
      bills: [
        {
          billId: created.bill.id,
          source: 'journal',
          result: expect.objectContaining({ status: 'delivered', granted: true, grantedHere: false }),
        },
      ],
    });
    expect(sent.filter((line) => line.endsWith('/deliver'))).toEqual([]);
    expect(await recordOf(disk, created.bill.id)).toMatchObject({ state: 'delivered' });
  });

  it('a refund before the backend delivered: resume ends refunded and bill-refunded tells the game', async () => {
    const created = await backendCreates();
    const { coinslot } = game();
    const first = await coinslot.purchaseBill(created, { deadlineMs: 1_000 });
    expect(first).toMatchObject({ status: 'paid', pendingReason: 'awaiting-delivery' });
    const refundUrl = String(created.launch.decideUrl).replace('/decide?', '/refund?');
    const refund = await fetch(refundUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 200 }),
    });
    expect(refund.status).toBe(200);

    const refunded = vi.fn();
    coinslot.on('bill-refunded', refunded);
    const resumed = await coinslot.resume(created.bill.id);
    expect(resumed).toMatchObject({ status: 'refunded', granted: false, bill: { refundedAmount: 200 } });
    expect(refunded).toHaveBeenCalledExactlyOnceWith({ bill: resumed.bill, revoked: false });
  });

  it('deliver() rejects with INVALID_REQUEST (the server would answer 403) and the bill stays paid', async () => {
    const created = await backendCreates();
    const { coinslot, sent } = game();
    await coinslot.purchaseBill(created, { deadlineMs: 1_000 });
    await expect(coinslot.deliver(created.bill.id)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(sent.filter((line) => line.endsWith('/deliver'))).toEqual([]);
    const byPlayer = await fetch(`${node.url}/v1/bills/${created.bill.id}/deliver`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.billToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(byPlayer.status).toBe(403);
    expect(await backend.getBill(created.bill.id)).toMatchObject({ state: 'paid' });
  });
});
