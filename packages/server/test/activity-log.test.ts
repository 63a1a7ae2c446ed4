import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Bill } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../src/activity/activity-log.js';
import { hashPassword } from '../src/admin/password-hash.js';
import { type BillStore, generateWebhookKey, MemoryBillStore } from '../src/index.js';
import { call, closeAllServers, newBill, notifySandbox, randomKey, startTestServer, statementFor } from './helpers.js';
import { startTwoGames } from './many-games-server.js';

// The activity log as the server writes it: who did each step of a bill, every notification with its outcome,
// every webhook attempt per endpoint, and each instance's held waits — read back from the store.

afterEach(closeAllServers);

const FAST = { flushIntervalMs: 20, heartbeatIntervalMs: 50, instanceId: 'test-instance-1' };

/** The store's entries of `billId` once `count` of them are written (the recorder writes in batches). */
async function entriesOf(store: MemoryBillStore, billId: string, count: number): Promise<ActivityEntry[]> {
  let entries: ActivityEntry[] = [];
  await expect
    .poll(async () => (entries = await store.activity.listForBill(billId, 100)).length, { timeout: 5000 })
    .toBeGreaterThanOrEqual(count);
  return entries;
}

/** A loopback port that was free a moment ago and is closed now. */
async function closedPort(): Promise<number> {
  const listener = createServer().listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const { port } = listener.address() as AddressInfo;
  await new Promise((done) => listener.close(done));
  return port;
}

const steps = (entries: ActivityEntry[]) => entries.map((e) => `${e.kind} ${e.outcome} by ${e.actor}`);

const PASSWORD = 'a long enough password';

/** A test server over `store` with the fast activity settings and one console user, `ops`, whose password is PASSWORD. */
async function startConsoleServer(store: BillStore) {
  return startTestServer({
    store,
    activity: FAST,
    admin: { keys: [], users: [{ name: 'ops', passwordHash: await hashPassword(PASSWORD) }] },
  });
}

/** `POST /admin/api/login` as `ops` with `password`, from the console's own origin. */
function logIn(server: { url: string }, password: string) {
  return fetch(`${server.url}/admin/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ name: 'ops', password }),
  });
}

describe('the activity log', () => {
  it('records who did each step of a bill: the player, the channel, the game backend', async () => {
    const store = new MemoryBillStore();
    const { server, castle } = await startTwoGames({ store, activity: FAST });
    const token = await castle.playerToken('alice');
    const created = await call<{ bill: Bill }>(server, '/v1/bills', {
      json: { itemId: 'gem', quantity: 1, currency: 'USD', channel: 'sandbox' },
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomKey() },
    });
    expect(created.status).toBe(201);
    const bill = created.body.bill;
    const launched = await call(server, `/v1/bills/${bill.id}/launch`, {
      json: {},
      headers: { authorization: `Bearer ${token}` },
    });
    expect(launched.status).toBe(200);
    expect((await notifySandbox(server, statementFor(bill), castle.sandboxSecret)).status).toBe(200);
    const delivered = await call(server, `/v1/bills/${bill.id}/deliver`, {
      json: {},
      headers: { authorization: `Bearer ${castle.serverKey}` },
    });
    expect(delivered.status).toBe(200);

    // Its webhooks (to castle's endpoint) are logged too, in their own time: the steps without them.
    const entries = (await entriesOf(store, bill.id, 7)).filter((e) => e.kind !== 'webhook');
    expect(steps(entries)).toEqual([
      'transition created by player:alice',
      'transition launched by player:alice',
      'transition paid by channel:sandbox',
      'notification accepted by channel:sandbox',
      'transition delivered by game-backend',
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        appId: 'default',
        billId: bill.id,
        channel: 'sandbox',
        instanceId: FAST.instanceId,
      });
    }
  });

  it('counts notifications per channel by outcome, with the last refusal’s reason', async () => {
    const store = new MemoryBillStore();
    const server = await startTestServer({ store, activity: FAST });
    const bill = await newBill(server);
    expect((await notifySandbox(server, statementFor(bill), 'a-forger-who-lacks-the-secret-000')).status).toBe(400);
    expect((await notifySandbox(server, { ...statementFor(bill), billId: `b_${'x'.repeat(22)}` })).status).toBe(404);
    expect((await notifySandbox(server, statementFor(bill))).status).toBe(200);
    expect((await notifySandbox(server, statementFor(bill))).status).toBe(200); // a repeat
    const range = { from: 0, to: Date.now() + 60_000 };
    await expect
      .poll(() => store.activity.countNotifications(range), { timeout: 5000 })
      .toEqual([
        expect.objectContaining({
          app: 'default',
          channel: 'sandbox',
          accepted: 2,
          ignored: 0,
          rejected: 1,
          refused: 1,
          lastRefusedReason: 'bad X-Sandbox-Signature',
        }),
      ]);
    // Another game, or a range before them, counts none of them.
    expect(await store.activity.countNotifications({ ...range, appId: 'space-miner' })).toEqual([]);
    expect(await store.activity.countNotifications({ from: 0, to: 1 })).toEqual([]);
  });

  it('records each webhook attempt against its endpoint: sent, or failed with why', async () => {
    const store = new MemoryBillStore();
    const signing = await generateWebhookKey();
    // A port nothing listens on any more: every attempt is refused.
    const deadEndpoint = `http://127.0.0.1:${await closedPort()}/coinslot-hook`;
    const server = await startTestServer({
      store,
      activity: FAST,
      events: { webhookUrl: `${deadEndpoint}?token=kept-out-of-the-log`, signing, pollIntervalMs: 3_600_000 },
    });
    const bill = await newBill(server);
    expect((await notifySandbox(server, statementFor(bill))).status).toBe(200);
    await server.payServer.events.flush();
    const range = { from: 0, to: Date.now() + 60_000 };
    await expect
      .poll(() => store.activity.webhookEndpoints(range), { timeout: 5000 })
      .toEqual([expect.objectContaining({ app: 'default', endpoint: deadEndpoint, sent: 0, failed: 1 })]);
    const [endpoint] = await store.activity.webhookEndpoints(range);
    expect(endpoint!.lastFailure).toMatch(/ECONNREFUSED|connect/i);
    const webhook = (await store.activity.listForBill(bill.id, 100)).find((e) => e.kind === 'webhook');
    expect(webhook).toMatchObject({ outcome: 'failed', actor: 'pay-server', endpoint: deadEndpoint });
    expect(webhook!.eventId).toMatch(/^evt_/);
  });

  it('each instance reports its held waits', async () => {
    const store = new MemoryBillStore();
    const server = await startTestServer({ store, activity: FAST, holdSeconds: 5 });
    const bill = await newBill(server);
    const held = call(server, `/v1/bills/${bill.id}/result?wait=3&nonce=${randomKey()}`);
    await expect
      .poll(
        async () => (await store.activity.listInstances(Date.now() - 1000)).map((i) => [i.instanceId, i.heldWaits]),
        {
          timeout: 5000,
        },
      )
      .toEqual([[FAST.instanceId, 1]]);
    expect((await notifySandbox(server, statementFor(bill))).status).toBe(200);
    expect((await held).status).toBe(200);
    await expect
      .poll(async () => (await store.activity.listInstances(Date.now() - 1000))[0]?.heldWaits, { timeout: 5000 })
      .toBe(0);
  });

  it('the console finds a bill by the channel’s trade number, and its timeline says who did what', async () => {
    const store = new MemoryBillStore();
    const server = await startConsoleServer(store);
    const bill = await newBill(server);
    const other = await newBill(server);
    expect((await notifySandbox(server, statementFor(bill))).status).toBe(200);
    // A channel's word with its trade number, as a channel driver reports it (the sandbox's own carries none).
    await store.activity.append([
      {
        at: Date.now(),
        appId: 'default',
        kind: 'notification',
        outcome: 'accepted',
        actor: 'channel:sandbox',
        billId: bill.id,
        channel: 'sandbox',
        channelTradeNo: '2026120722001400001234567890',
      },
    ]);
    const wrong = await logIn(server, 'not the password');
    expect(wrong.status).toBe(401);
    const login = await logIn(server, PASSWORD);
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';', 1)[0]!;
    const get = async (path: string) => {
      const answer = await fetch(`${server.url}/admin/api/${path}`, { headers: { cookie } });
      expect(answer.status).toBe(200);
      return answer.json();
    };
    const found = await get('bills?q=2026120722001400001234567890');
    expect(found.bills.map((b: Bill) => b.id)).toEqual([bill.id]);
    expect((await get('bills?q=2026120722001400000000000000')).bills).toEqual([]);
    const { timeline } = await get(`bills/${bill.id}`);
    const lines = timeline.map((s: { what: string; who: string }) => `${s.what} by ${s.who}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'created by development',
        'paid by channel:sandbox',
        'notification accepted by channel:sandbox',
        'event bill.paid by pay-server',
      ]),
    );
    expect(timeline.some((s: { detail?: string }) => s.detail?.includes('2026120722001400001234567890'))).toBe(true);
    // The failed login and the login, newest first, for the whole server.
    const { actions } = await get('admin-actions');
    expect(actions.map((e: ActivityEntry) => [e.outcome, e.actor, e.appId])).toEqual([
      ['console login', 'admin:ops', '*'],
      ['console login failed', 'admin:ops', '*'],
    ]);
    // The other bill's timeline holds none of this one's steps.
    const { timeline: untouched } = await get(`bills/${other.id}`);
    expect(untouched.map((s: { what: string }) => s.what)).toEqual(['created']);
  });

  it('a store that keeps no log gets one in the instance’s memory, and the console says so', async () => {
    const inner = new MemoryBillStore();
    // A custom store: everything of the memory store's but its activity log.
    const store = new Proxy(inner, {
      get: (target, key) => {
        if (key === 'activity') return undefined;
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const server = await startConsoleServer(store);
    const bill = await newBill(server);
    expect((await notifySandbox(server, statementFor(bill), 'a-forger-who-lacks-the-secret-000')).status).toBe(400);
    const login = await logIn(server, PASSWORD);
    const cookie = login.headers.get('set-cookie')!.split(';', 1)[0]!;
    const today = new Date().toISOString().slice(0, 10);
    const answer = await fetch(`${server.url}/admin/api/health?from=${today}&to=${today}&tz=UTC`, {
      headers: { cookie },
    });
    const health = await answer.json();
    expect(health).toMatchObject({ sharedLog: false, thisInstance: FAST.instanceId });
    expect(health.notifications).toEqual([expect.objectContaining({ channel: 'sandbox', refused: 1 })]);
    expect(health.instances.map((i: { instanceId: string }) => i.instanceId)).toEqual([FAST.instanceId]);
  });
});
