import { expect, it } from 'vitest';
import type { ReconciliationItem, ReconciliationRun } from '../../src/reconciliation/reconciliation-types.js';
import type { NewEvent } from '../../src/store/event-outbox.js';
import { openStore, sampleBill as bill, type StoreKind } from '../store-kinds.js';

const run = (id: string, date: string, createdAt: number, appId = 'game-a'): ReconciliationRun => ({
  id,
  appId,
  channel: 'sandbox',
  date,
  timeZone: 'UTC',
  source: 'fetch',
  createdAt,
  from: 0,
  to: 1,
  lines: 1,
  counts: {
    matched: 0,
    deferred: 0,
    'missing-at-channel': 1,
    'missing-here': 0,
    'amount-mismatch': 0,
    'currency-mismatch': 0,
    'state-mismatch': 0,
  },
  mismatches: 1,
});

const item = (billId: string): ReconciliationItem => ({
  kind: 'missing-at-channel',
  billId,
  channelTradeNo: null,
  billState: 'paid',
  billAmount: 499,
  billCurrency: 'USD',
  channelPaid: 0,
  channelRefunded: 0,
  channelChargedBack: 0,
  channelCurrency: null,
  detail: 'paid here',
  lines: [],
});

const event = (id: string, runId: string): NewEvent => ({
  id,
  appId: 'game-a',
  type: 'reconciliation.mismatch',
  billId: runId,
  createdAt: 50,
  body: JSON.stringify({ id }),
  dispatch: 'pending',
});

/** Reconciliation runs (docs/reconciliation.md): the bills a run compares, one run per day, its event with it. */
export function storeReconciliations(kind: StoreKind): void {
  it('finds one game’s bills of one channel that moved money in a window, each once', async () => {
    const store = await openStore(kind);
    const runs = store.reconciliations!;
    await store.insertBill({ bill: bill('p1', { appId: 'game-a', state: 'paid', paidAt: 1_000 }), launch: {} });
    await store.insertBill({
      bill: bill('r1', { appId: 'game-a', state: 'refunded', paidAt: 1, refundedAt: 1_500, refundedAmount: 499 }),
      launch: {},
    });
    await store.insertBill({
      bill: bill('both', { appId: 'game-a', state: 'refunded', paidAt: 1_100, refundedAt: 1_200, refundedAmount: 1 }),
      launch: {},
    });
    await store.insertBill({ bill: bill('late', { appId: 'game-a', state: 'paid', paidAt: 2_000 }), launch: {} });
    await store.insertBill({ bill: bill('other-game', { appId: 'game-b', state: 'paid', paidAt: 1_000 }), launch: {} });
    await store.insertBill({
      bill: bill('other-channel', { appId: 'game-a', channel: 'stripe', state: 'paid', paidAt: 1_000 }),
      launch: {},
    });
    const found = await runs.billsMovedBetween('game-a', 'sandbox', 1_000, 2_000);
    expect(found.map((b) => b.id).sort()).toEqual(['both', 'p1', 'r1']);
  });

  it('replaces the run of the same day with its items, keeps other days, and lists newest first', async () => {
    const store = await openStore(kind);
    const runs = store.reconciliations!;
    await runs.saveRun(run('rec_first', '2026-03-10', 10), [item('b1'), item('b2')]);
    await runs.saveRun(run('rec_other_day', '2026-03-11', 20), [item('b3')]);
    await runs.saveRun(run('rec_again', '2026-03-10', 30), [item('b4')]);
    await runs.saveRun(run('rec_game_b', '2026-03-10', 40, 'game-b'), []);
    expect(await runs.getRun('rec_first')).toBeUndefined();
    const again = await runs.getRun('rec_again');
    expect(again?.run).toEqual(run('rec_again', '2026-03-10', 30));
    expect(again?.items).toEqual([item('b4')]);
    const listed = async (appId?: string) =>
      (await runs.listRuns({ ...(appId && { appId }), limit: 10 })).map((r) => r.id);
    expect(await listed('game-a')).toEqual(['rec_again', 'rec_other_day']);
    expect(await listed()).toEqual(['rec_game_b', 'rec_again', 'rec_other_day']);
    expect((await runs.listRuns({ limit: 1 })).map((r) => r.id)).toEqual(['rec_game_b']);
  });

  it('keeps one run of a day when two are saved at once', async () => {
    const store = await openStore(kind);
    const runs = store.reconciliations!;
    const ids = Array.from({ length: 12 }, (_, i) => `rec_at_once_${i}`);
    await Promise.all(ids.map((id, i) => runs.saveRun(run(id, '2026-03-12', 60 + i), [item(`b${i}`)])));
    const left = await runs.listRuns({ appId: 'game-a', limit: 10 });
    expect(left).toHaveLength(1);
    expect((await runs.getRun(left[0]!.id))?.items).toHaveLength(1);
  });

  it('records the run’s event in the same write, keyed by the run in the bill’s place', async () => {
    const store = await openStore(kind);
    await store.reconciliations!.saveRun(run('rec_1', '2026-03-10', 50), [item('b1')], event('evt_rec_1', 'rec_1'));
    const events = await store.listEvents(0, 10, 'game-a');
    expect(events.map((e) => [e.id, e.type, e.billId, e.dispatch])).toEqual([
      ['evt_rec_1', 'reconciliation.mismatch', 'rec_1', 'pending'],
    ]);
    expect((await store.claimDueEvents(50, 1_000, 10)).map((e) => e.id)).toEqual(['evt_rec_1']);
  });
}
