import { afterEach, describe, expect, it } from 'vitest';
import { generateAdminKey } from '../src/index.js';
import { closeAllReceivers } from './events-receiver.js';
import { verifiesWithPublicKey } from './events-verify.js';
import { closeAllServers } from './helpers.js';
import { startTwoGames, buyGem } from './many-games-server.js';
import {
  adminCalls,
  DAY,
  kindsByBill,
  NOON,
  paidGem,
  paidHereOnly,
  refundAtSandbox,
  sandboxFile,
} from './reconciliation-support.js';
import { closeOpenedStores, openStore, STORE_KINDS } from './store-kinds.js';

afterEach(async () => {
  await closeAllServers();
  await closeAllReceivers();
  await closeOpenedStores();
});

describe.each(STORE_KINDS)('reconciliation of the sandbox over $name', (kind) => {
  it('matches fetched and uploaded settlements, stores and replaces the run, exports CSV and sends the mismatch webhook', async () => {
    const store = await openStore(kind);
    const adminKey = generateAdminKey();
    const games = await startTwoGames({ store, admin: { keys: [adminKey] }, now: () => NOON });
    const { server, castle, miner } = games;
    const admin = adminCalls(games, adminKey);

    const a = await paidGem(server, castle, 'ann');
    const b = await paidGem(server, castle, 'bob');
    await refundAtSandbox(server, b.launch);
    const c = await paidGem(server, castle, 'cid');
    const d = await paidGem(server, castle, 'dee');
    // Paid here, but the channel never took the money: planted straight in the store.
    const { bill: x } = await buyGem(server, castle, 'xen');
    expect((await store.transition(x.id, 'created', paidHereOnly(x, NOON))).applied).toBe(true);
    const m = await paidGem(server, miner, 'mia');

    const fetched = await admin.run({ channel: 'sandbox', date: DAY });
    expect(fetched.status).toBe(201);
    expect(fetched.body.reconciliation).toMatchObject({
      appId: 'default',
      channel: 'sandbox',
      date: DAY,
      source: 'fetch',
      lines: 5,
      mismatches: 1,
    });
    expect(kindsByBill(fetched.body.items)).toEqual({
      [a.bill.id]: 'matched',
      [b.bill.id]: 'matched',
      [c.bill.id]: 'matched',
      [d.bill.id]: 'matched',
      [x.id]: 'missing-at-channel',
    });

    const unknown = 'b_01JD4X8Q6J9V2C7Y3F5K0M1N2P';
    const file = sandboxFile([
      [a.bill.id, 'payment', 499, 'USD'],
      [b.bill.id, 'payment', 499, 'USD'],
      [b.bill.id, 'refund', 499, 'USD'],
      [c.bill.id, 'payment', 100, 'USD'],
      [d.bill.id, 'payment', 499, 'USD'],
      [d.bill.id, 'refund', 499, 'USD'],
      [unknown, 'payment', 499, 'USD'],
      [m.bill.id, 'payment', 1299, 'EUR'],
    ]);
    const uploaded = await admin.upload(`channel=sandbox&date=${DAY}`, file);
    expect(uploaded.status).toBe(201);
    const run = uploaded.body.reconciliation;
    expect(run).toMatchObject({ source: 'upload', lines: 8, mismatches: 5 });
    expect(kindsByBill(uploaded.body.items)).toEqual({
      [a.bill.id]: 'matched',
      [b.bill.id]: 'matched',
      [c.bill.id]: 'amount-mismatch',
      [d.bill.id]: 'state-mismatch',
      [unknown]: 'missing-here',
      // Another game's bill is never read for this one: missing here.
      [m.bill.id]: 'missing-here',
      [x.id]: 'missing-at-channel',
    });

    // The upload replaced the fetched run of the same day.
    const list = await admin.get('/v1/admin/reconciliations?app=default');
    expect(list.body.reconciliations.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const stored = await admin.get(`/v1/admin/reconciliations/${run.id}`);
    expect(stored.body).toEqual(uploaded.body);
    expect((await admin.get(`/v1/admin/reconciliations/${fetched.body.reconciliation.id}`)).status).toBe(404);

    const csv = await admin.get(`/v1/admin/reconciliations/${run.id}?format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = String(csv.body)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]!.slice(0, 3)).toEqual(['kind', 'billId', 'channelTradeNo']);
    expect(rows.find((row) => row[1] === c.bill.id)?.[0]).toBe('amount-mismatch');
    expect(rows).toHaveLength(uploaded.body.items.length + 1);

    // Each run with mismatches reached castle's endpoint, signed with castle's key; none reached the miner's.
    const castleKey = server.payServer.events.ofApp('default')!.publicKey!;
    await castle.webhooks.waitFor(1);
    const mismatchHooks = async () => castle.webhooks.received.filter((w) => w.type === 'reconciliation.mismatch');
    await expect.poll(async () => (await mismatchHooks()).length, { timeout: 5000 }).toBe(2);
    const last = (await mismatchHooks())
      .map((w) => JSON.parse(w.body))
      .find((body) => body.data.reconciliation.id === run.id);
    expect(last.data.reconciliation.counts).toMatchObject({
      matched: 2,
      'amount-mismatch': 1,
      'state-mismatch': 1,
      'missing-here': 2,
      'missing-at-channel': 1,
    });
    expect(last.data.items.map((item: { billId: string }) => item.billId).sort()).toEqual(
      [c.bill.id, d.bill.id, unknown, m.bill.id, x.id].sort(),
    );
    for (const hook of await mismatchHooks()) expect(verifiesWithPublicKey(hook, castleKey)).toBe(true);
    expect(miner.webhooks.received.some((w) => w.type === 'reconciliation.mismatch')).toBe(false);

    // The miner's run sees the miner's bill only; the app parameter scopes the list and the reads.
    const minerRun = await admin.run({ app: 'space-miner', channel: 'sandbox', date: DAY });
    expect(kindsByBill(minerRun.body.items)).toEqual({ [m.bill.id]: 'matched' });
    const minerList = await admin.get('/v1/admin/reconciliations?app=space-miner');
    expect(minerList.body.reconciliations.map((r: { id: string }) => r.id)).toEqual([minerRun.body.reconciliation.id]);
    expect((await admin.get(`/v1/admin/reconciliations/${run.id}?app=space-miner`)).status).toBe(404);
    const everyGame = await admin.get('/v1/admin/reconciliations');
    expect(everyGame.body.reconciliations).toHaveLength(2);
  });
});
