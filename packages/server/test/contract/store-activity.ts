import { expect, it } from 'vitest';
import { ALL_APPS, type ActivityEntry, type ActivityLog } from '../../src/activity/activity-log.js';
import { openStore, type StoreKind } from '../store-kinds.js';

const entry = (overrides: Partial<ActivityEntry> = {}): ActivityEntry => ({
  at: 1_000,
  appId: 'game-a',
  kind: 'transition',
  outcome: 'paid',
  actor: 'channel:sandbox',
  ...overrides,
});

const notification = (at: number, outcome: string, overrides: Partial<ActivityEntry> = {}): ActivityEntry =>
  entry({ at, kind: 'notification', outcome, actor: 'channel:sandbox', channel: 'sandbox', ...overrides });

const attempt = (at: number, outcome: 'sent' | 'failed', overrides: Partial<ActivityEntry> = {}): ActivityEntry =>
  entry({ at, kind: 'webhook', outcome, actor: 'pay-server', endpoint: 'https://a.example/hook', ...overrides });

async function activityOf(kind: StoreKind): Promise<ActivityLog> {
  const store = await openStore(kind);
  expect(store.activity).toBeDefined();
  return store.activity!;
}

/** The activity log of every store that keeps one (src/activity/activity-log.ts). */
export function storeActivity(kind: StoreKind): void {
  it('lists one bill’s entries oldest first, at most limit, whatever the order they were appended in', async () => {
    const log = await activityOf(kind);
    await log.append([
      entry({ at: 30, billId: 'b1', outcome: 'delivered', actor: 'game-backend' }),
      entry({ at: 10, billId: 'b1', outcome: 'created', actor: 'player:u1' }),
      entry({ at: 20, billId: 'other', outcome: 'created' }),
    ]);
    await log.append([entry({ at: 20, billId: 'b1', outcome: 'paid' }), entry({ at: 20, billId: 'b1', outcome: 'x' })]);
    await log.append([]);
    const all = await log.listForBill('b1', 10);
    expect(all.map((e) => [e.at, e.outcome])).toEqual([
      [10, 'created'],
      [20, 'paid'],
      [20, 'x'],
      [30, 'delivered'],
    ]);
    expect((await log.listForBill('b1', 2)).map((e) => e.outcome)).toEqual(['created', 'paid']);
    expect(await log.listForBill('nobody', 10)).toEqual([]);
  });

  it('hands out every field it was given, leaves absent ones absent, and cuts detail and endpoint', async () => {
    const log = await activityOf(kind);
    const full: ActivityEntry = {
      at: 5,
      appId: 'game-a',
      kind: 'webhook',
      outcome: 'failed',
      actor: 'pay-server',
      billId: 'full',
      channel: 'stripe',
      channelTradeNo: 'pi_1',
      endpoint: 'https://a.example/hook',
      eventId: 'evt_1',
      detail: 'HTTP 503',
      instanceId: 'i-1',
    };
    const bare = entry({ at: 6, billId: 'bare' });
    const long = entry({
      at: 7,
      billId: 'long',
      detail: 'd'.repeat(300),
      endpoint: `https://e.example/${'e'.repeat(600)}`,
    });
    await log.append([full, bare, long]);
    expect(await log.listForBill('full', 10)).toEqual([full]);
    const [stored] = await log.listForBill('bare', 10);
    expect(stored).toEqual(bare);
    expect(Object.keys(stored!).sort()).toEqual(['actor', 'appId', 'at', 'billId', 'kind', 'outcome']);
    const [cut] = await log.listForBill('long', 10);
    expect(cut!.detail).toBe('d'.repeat(200));
    expect(cut!.endpoint).toBe(long.endpoint!.slice(0, 500));
  });

  it('stores a batch larger than one statement holds, whole', async () => {
    const log = await activityOf(kind);
    await log.append(Array.from({ length: 1_001 }, (_, i) => entry({ at: i, billId: 'big', outcome: `n${i}` })));
    const stored = await log.listForBill('big', 2_000);
    expect(stored).toHaveLength(1_001);
    expect(stored[1_000]!.outcome).toBe('n1000');
  });

  it('hands out copies: changing one changes neither the log nor what it was given', async () => {
    const log = await activityOf(kind);
    const given = entry({ billId: 'b1' });
    await log.append([given]);
    given.outcome = 'changed after';
    const [read] = await log.listForBill('b1', 1);
    read!.outcome = 'changed by reader';
    expect((await log.listForBill('b1', 1))[0]!.outcome).toBe('paid');
  });

  it('finds the bills of a trade number exactly, each once, newest first, at most limit, of one game when asked', async () => {
    const log = await activityOf(kind);
    await log.append([
      notification(10, 'accepted', { billId: 'old', channelTradeNo: 'T-1' }),
      notification(20, 'accepted', { billId: 'new', channelTradeNo: 'T-1' }),
      notification(30, 'accepted', { billId: 'old', channelTradeNo: 'T-1' }),
      notification(25, 'accepted', { billId: 'b-game', appId: 'game-b', channelTradeNo: 'T-1' }),
      notification(40, 'accepted', { billId: 'prefix', channelTradeNo: 'T-10' }),
      notification(50, 'refused', { channelTradeNo: 'T-1' }), // no bill: nothing to find
    ]);
    expect(await log.findBillsByTradeNo('T-1', 10)).toEqual(['old', 'b-game', 'new']);
    expect(await log.findBillsByTradeNo('T-1', 2)).toEqual(['old', 'b-game']);
    expect(await log.findBillsByTradeNo('T-1', 10, 'game-b')).toEqual(['b-game']);
    expect(await log.findBillsByTradeNo('t-1', 10)).toEqual([]);
    expect(await log.findBillsByTradeNo('T-', 10)).toEqual([]);
  });

  it('counts notifications per game and channel by outcome within [from, to), with the last refused', async () => {
    const log = await activityOf(kind);
    await log.append([
      notification(99, 'refused', { detail: 'before the range' }),
      notification(100, 'accepted'),
      notification(110, 'accepted'),
      notification(120, 'ignored'),
      notification(130, 'refused', { detail: 'bad signature' }),
      notification(150, 'refused', { detail: 'no signature header' }),
      notification(140, 'refused', { detail: 'bad signature' }),
      notification(160, 'rejected', { detail: 'amount differs' }),
      notification(200, 'refused', { detail: 'at the end: outside' }),
      notification(120, 'accepted', { channel: 'stripe', actor: 'channel:stripe' }),
      notification(120, 'refused', { appId: 'game-0' }),
      entry({ at: 120, kind: 'transition', outcome: 'paid', channel: 'sandbox' }),
    ]);
    const counts = await log.countNotifications({ from: 100, to: 200 });
    expect(counts).toEqual([
      {
        app: 'game-0',
        channel: 'sandbox',
        accepted: 0,
        ignored: 0,
        refused: 1,
        rejected: 0,
        lastRefusedAt: 120,
      },
      {
        app: 'game-a',
        channel: 'sandbox',
        accepted: 2,
        ignored: 1,
        refused: 3,
        rejected: 1,
        lastRefusedAt: 150,
        lastRefusedReason: 'no signature header',
      },
      { app: 'game-a', channel: 'stripe', accepted: 1, ignored: 0, refused: 0, rejected: 0 },
    ]);
    expect((await log.countNotifications({ appId: 'game-0', from: 100, to: 200 })).map((c) => c.app)).toEqual([
      'game-0',
    ]);
    expect(await log.countNotifications({ from: 300, to: 400 })).toEqual([]);
  });

  it('counts webhook attempts per game and endpoint within [from, to), with the last attempt and failure', async () => {
    const log = await activityOf(kind);
    const other = 'https://b.example/hook';
    await log.append([
      attempt(50, 'failed', { detail: 'before the range' }),
      attempt(100, 'sent'),
      attempt(110, 'failed', { detail: 'HTTP 500' }),
      attempt(130, 'failed', { detail: 'HTTP 502' }),
      attempt(130, 'failed', { detail: 'timeout' }), // the same time: the one stored last is the last
      attempt(140, 'sent'),
      attempt(150, 'sent', { endpoint: other }),
      attempt(160, 'sent', { appId: 'game-b' }),
      attempt(200, 'failed', { detail: 'at the end: outside' }),
      notification(120, 'accepted'),
    ]);
    expect(await log.webhookEndpoints({ from: 100, to: 200 })).toEqual([
      {
        app: 'game-a',
        endpoint: 'https://a.example/hook',
        sent: 2,
        failed: 3,
        lastAttemptAt: 140,
        lastFailedAt: 130,
        lastFailure: 'timeout',
      },
      { app: 'game-a', endpoint: other, sent: 1, failed: 0, lastAttemptAt: 150 },
      { app: 'game-b', endpoint: 'https://a.example/hook', sent: 1, failed: 0, lastAttemptAt: 160 },
    ]);
    expect((await log.webhookEndpoints({ appId: 'game-b', from: 0, to: 1_000 })).map((e) => e.app)).toEqual(['game-b']);
  });

  it('purges entries before a time in batches of at most limit, oldest first, and keeps the rest', async () => {
    const log = await activityOf(kind);
    await log.append([50, 10, 40, 20, 30, 60].map((at) => entry({ at, billId: 'b1', outcome: `at ${at}` })));
    expect(await log.purgeBefore(45, 2)).toBe(2);
    expect((await log.listForBill('b1', 10)).map((e) => e.at)).toEqual([30, 40, 50, 60]);
    expect(await log.purgeBefore(45, 2)).toBe(2);
    expect(await log.purgeBefore(45, 2)).toBe(0);
    expect((await log.listForBill('b1', 10)).map((e) => e.at)).toEqual([50, 60]);
  });

  it('records an instance’s heartbeat, replacing its last one, and lists those seen since a time by id', async () => {
    const log = await activityOf(kind);
    await log.heartbeat({ instanceId: 'i-b', startedAt: 1, seenAt: 100, heldWaits: 3 });
    await log.heartbeat({ instanceId: 'i-a', startedAt: 2, seenAt: 50, heldWaits: 0 });
    await log.heartbeat({ instanceId: 'i-a', startedAt: 2, seenAt: 120, heldWaits: 7 });
    await log.heartbeat({ instanceId: 'i-old', startedAt: 0, seenAt: 10, heldWaits: 1 });
    expect(await log.listInstances(100)).toEqual([
      { instanceId: 'i-a', startedAt: 2, seenAt: 120, heldWaits: 7 },
      { instanceId: 'i-b', startedAt: 1, seenAt: 100, heldWaits: 3 },
    ]);
    expect((await log.listInstances(0)).map((i) => i.instanceId)).toEqual(['i-a', 'i-b', 'i-old']);
  });

  it('forgets instances not heard from since the purge’s time', async () => {
    const log = await activityOf(kind);
    await log.heartbeat({ instanceId: 'i-gone', startedAt: 0, seenAt: 10, heldWaits: 0 });
    await log.heartbeat({ instanceId: 'i-up', startedAt: 0, seenAt: 90, heldWaits: 2 });
    await log.purgeBefore(50, 100);
    expect((await log.listInstances(0)).map((i) => i.instanceId)).toEqual(['i-up']);
  });

  it('lists admin actions newest first: of one game and the whole server, or all; paged by time', async () => {
    const log = await activityOf(kind);
    const admin = (at: number, appId: string, outcome: string) =>
      entry({ at, appId, kind: 'admin', outcome, actor: 'admin:ops' });
    await log.append([
      admin(10, ALL_APPS, 'login'),
      admin(20, 'game-a', 'reconciliation uploaded'),
      entry({ at: 25, appId: 'game-a' }),
      admin(30, 'game-b', 'reconciliation fetched'),
      admin(40, ALL_APPS, 'logout'),
    ]);
    const outcomes = (entries: ActivityEntry[]) => entries.map((e) => e.outcome);
    expect(outcomes(await log.listAdminActions({ limit: 10 }))).toEqual([
      'logout',
      'reconciliation fetched',
      'reconciliation uploaded',
      'login',
    ]);
    expect(outcomes(await log.listAdminActions({ appId: 'game-a', limit: 10 }))).toEqual([
      'logout',
      'reconciliation uploaded',
      'login',
    ]);
    expect(outcomes(await log.listAdminActions({ before: 30, limit: 1 }))).toEqual(['reconciliation uploaded']);
    expect((await log.listAdminActions({ limit: 1 }))[0]).toMatchObject({
      at: 40,
      appId: ALL_APPS,
      actor: 'admin:ops',
    });
  });

  it('answers when an admin last did an action, or nothing', async () => {
    const log = await activityOf(kind);
    const admin = (at: number, actor: string, outcome: string) =>
      entry({ at, appId: ALL_APPS, kind: 'admin', outcome, actor });
    await log.append([
      admin(10, 'admin:ops', 'console logout'),
      admin(30, 'admin:ops', 'console logout'),
      admin(20, 'admin:ops', 'console logout'),
      admin(40, 'admin:ops', 'console login'),
      admin(50, 'admin:other', 'console logout'),
      entry({ at: 60, actor: 'admin:ops', outcome: 'console logout' }), // not an admin entry
    ]);
    expect(await log.lastAdminAction('admin:ops', 'console logout')).toBe(30);
    expect(await log.lastAdminAction('admin:ops', 'console login')).toBe(40);
    expect(await log.lastAdminAction('admin:nobody', 'console logout')).toBeUndefined();
  });
}
