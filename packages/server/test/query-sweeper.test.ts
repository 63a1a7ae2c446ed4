import type { Bill } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { AppRegistry } from '../src/apps/app-registry.js';
import type { ResolvedAuth } from '../src/auth/auth-options.js';
import type { BillTokens } from '../src/auth/bill-tokens.js';
import { applyQueryAnswer } from '../src/bills/apply-query-answer.js';
import { BillService } from '../src/bills/bill-service.js';
import { QuerySweeper } from '../src/bills/query-sweeper.js';
import { resolveOptions, type PayServerOptions } from '../src/options.js';
import { WaiterRegistry } from '../src/waits/waiter-registry.js';
import {
  MemoryBillStore,
  type BillStore,
  type ChannelDriver,
  type ChannelStatus,
  type PayServerLogger,
} from '../src/index.js';
import { wrapStore } from './helpers.js';
import { sampleBill } from './store-kinds.js';

const START = 1_795_240_000_000;
const MIN = 60_000;
const TTL = 15 * MIN;

/** A channel whose provider answers `statuses` (pending when unset); records what it was asked, and when. */
function fakeChannel(id = 'fake') {
  const statuses = new Map<string, ChannelStatus | (() => Promise<ChannelStatus>)>();
  const asked: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const driver: ChannelDriver = {
    id,
    resultSource: ['server'],
    launch: () => ({}),
    async query(bill) {
      asked.push(bill.id);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        const status = statuses.get(bill.id) ?? { pending: true };
        return typeof status === 'function' ? await status() : status;
      } finally {
        inFlight -= 1;
      }
    },
  };
  return { driver, statuses, asked, mostInFlight: () => mostInFlight };
}

interface LogLine {
  level: keyof PayServerLogger;
  message: string;
  data: any;
}

/** A logger that keeps every line in `logs`. */
function logger(logs: LogLine[]): PayServerLogger {
  return {
    info: (message, data) => logs.push({ level: 'info', message, data }),
    warn: (message, data) => logs.push({ level: 'warn', message, data }),
    error: (message, data) => logs.push({ level: 'error', message, data }),
  };
}

const sweepers: QuerySweeper[] = [];
afterEach(async () => {
  await Promise.all(sweepers.splice(0).map((sweeper) => sweeper.stop()));
});

/** A sweeper over a memory store, on a clock the test moves, with `drivers`. */
function setup(drivers: ChannelDriver[], options: Partial<PayServerOptions> = {}, inner?: BillStore) {
  const clock = { now: START };
  const logs: LogLine[] = [];
  const store = inner ?? new MemoryBillStore();
  const resolved = resolveOptions({ now: () => clock.now, billTtlMs: TTL, logger: logger(logs), ...options });
  const waiters = new WaiterRegistry();
  const bills = new BillService(store, waiters, resolved.now);
  const sweeper = new QuerySweeper({
    store,
    bills,
    // One game, the default, whose drivers are `drivers`.
    apps: new AppRegistry(
      [
        {
          id: 'default',
          auth: {} as ResolvedAuth,
          catalog: undefined,
          drivers: new Map(drivers.map((d) => [d.id, d])),
        },
      ],
      {} as BillTokens,
    ),
    options: resolved,
  });
  sweepers.push(sweeper);
  /** Stores a new bill of the fake channel, created now. */
  const insert = async (id: string, overrides: Partial<Bill> = {}) => {
    const bill = sampleBill(id, {
      channel: 'fake',
      createdAt: clock.now,
      updatedAt: clock.now,
      expiresAt: clock.now + TTL,
      ...overrides,
    });
    await store.insertBill({ bill, launch: {} });
    return bill;
  };
  const state = async (id: string) => (await store.getBill(id))!.bill;
  const eventTypes = async () => (await store.listEvents(0, 100)).map((event) => event.type);
  return { clock, logs, store, sweeper, waiters, insert, state, eventTypes };
}

describe('the query fallback sweep', () => {
  it('asks about a bill still created once at each checkpoint (2, 5, 10 min), never before the first', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert } = setup([channel.driver]);
    await insert('bill-a');
    clock.now += 2 * MIN - 1;
    await sweeper.sweep();
    expect(channel.asked).toEqual([]);
    clock.now += 1;
    await sweeper.sweep();
    await sweeper.sweep();
    expect(channel.asked).toEqual(['bill-a']);
    clock.now = START + 5 * MIN;
    await sweeper.sweep();
    clock.now = START + 9 * MIN;
    await sweeper.sweep();
    expect(channel.asked).toEqual(['bill-a', 'bill-a']);
    clock.now = START + 10 * MIN;
    await sweeper.sweep();
    clock.now = START + TTL;
    await sweeper.sweep();
    expect(channel.asked).toEqual(['bill-a', 'bill-a', 'bill-a']);
  });

  it('settles a paid verdict like a notification: paid, with its event, and the held wait woken', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state, eventTypes, waiters } = setup([channel.driver]);
    const bill = await insert('bill-a');
    const ticket = waiters.register(bill.id);
    const woken = ticket.hold(10_000);
    channel.statuses.set(bill.id, { billId: bill.id, transition: 'paid', amount: 499, currency: 'USD' });
    clock.now += 2 * MIN;
    expect(await sweeper.sweep()).toEqual({ changed: 1 });
    expect(await state(bill.id)).toMatchObject({ state: 'paid', paidAt: clock.now });
    expect(await eventTypes()).toEqual(['bill.paid']);
    expect(await woken).toBe('changed');
    clock.now += 3 * MIN;
    expect(await sweeper.sweep()).toEqual({});
    expect(channel.asked).toEqual([bill.id]);
  });

  it('keeps a pending bill created and asks again at the next checkpoint', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state } = setup([channel.driver]);
    await insert('bill-a');
    clock.now += 2 * MIN;
    expect(await sweeper.sweep()).toEqual({ pending: 1 });
    expect((await state('bill-a')).state).toBe('created');
    channel.statuses.set('bill-a', {
      billId: 'bill-a',
      transition: 'failed',
      reason: 'declined',
      amount: 499,
      currency: 'USD',
    });
    clock.now += 3 * MIN;
    expect(await sweeper.sweep()).toEqual({ changed: 1 });
    expect(await state('bill-a')).toMatchObject({ state: 'failed', failureReason: 'declined' });
  });

  it('asks once after expiry and honours a late payment of an expired or cancelled bill', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state, store } = setup([channel.driver]);
    const expired = await insert('bill-exp');
    const cancelled = await insert('bill-can');
    await insert('bill-none');
    await store.transition(cancelled.id, 'created', { ...cancelled, state: 'cancelled' });
    for (const minutes of [2, 5, 10]) {
      clock.now = START + minutes * MIN;
      await sweeper.sweep();
    }
    expect([...new Set(channel.asked)].sort()).toEqual(['bill-exp', 'bill-none']);
    channel.asked.length = 0;
    clock.now = expired.expiresAt + 1;
    await store.transition(expired.id, 'created', { ...expired, state: 'expired' });
    for (const bill of [expired, cancelled]) {
      channel.statuses.set(bill.id, { billId: bill.id, transition: 'paid', amount: 499, currency: 'USD' });
    }
    clock.now = expired.expiresAt + MIN - 1;
    expect(await sweeper.sweep()).toEqual({});
    clock.now += 1;
    // bill-none is still stored `created` past its expiry (no expiry sweep here): it is asked too.
    expect(await sweeper.sweep()).toEqual({ changed: 2, pending: 1 });
    expect(channel.asked.sort()).toEqual(['bill-can', 'bill-exp', 'bill-none']);
    expect(await state(expired.id)).toMatchObject({ state: 'paid', paidAt: clock.now });
    expect((await state(cancelled.id)).state).toBe('paid');
    expect((await state('bill-none')).state).not.toBe('paid');
    clock.now += 60 * MIN;
    expect(await sweeper.sweep()).toEqual({});
    expect(channel.asked).toHaveLength(3);
  });

  it('skips an open checkpoint at or past the bill’s expiry, leaving it to the check after expiry', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert } = setup([channel.driver]);
    await insert('short', { expiresAt: START + 4 * MIN });
    for (const minutes of [2, 5, 10]) {
      clock.now = START + minutes * MIN;
      await sweeper.sweep();
    }
    expect(channel.asked).toEqual(['short', 'short']);
  });

  it('leaves an open checkpoint reached only after expiry to the check after expiry (unless there is none)', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert } = setup([channel.driver]);
    const bill = await insert('late');
    clock.now = bill.expiresAt;
    expect(await sweeper.sweep()).toEqual({});
    expect(channel.asked).toEqual([]);
    clock.now = bill.expiresAt + MIN;
    expect(await sweeper.sweep()).toEqual({ pending: 1 });
    expect(channel.asked).toEqual(['late']);

    const without = fakeChannel();
    const other = setup([without.driver], { query: { afterExpiryMs: false } });
    const lone = await other.insert('lone');
    other.clock.now = lone.expiresAt + 1;
    expect(await other.sweeper.sweep()).toEqual({ pending: 1 });
    expect(without.asked).toEqual(['lone']);
  });

  it('refuses a verdict that does not match the stored bill, and logs why', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state, logs } = setup([channel.driver]);
    await insert('bill-a');
    await insert('bill-b');
    channel.statuses.set('bill-a', { billId: 'bill-a', transition: 'paid', amount: 1, currency: 'USD' });
    channel.statuses.set('bill-b', { billId: 'bill-a', transition: 'paid', amount: 499, currency: 'USD' });
    clock.now += 2 * MIN;
    expect(await sweeper.sweep()).toEqual({ mismatch: 2 });
    expect((await state('bill-a')).state).toBe('created');
    expect((await state('bill-b')).state).toBe('created');
    const reasons = logs.filter((line) => line.message === 'channel query answer refused').map((l) => l.data.reason);
    expect(reasons.sort()).toEqual(["amount 1 differs from the bill's 499", 'the verdict is about bill bill-a']);
  });

  it('logs a refusal of the driver and changes nothing', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state, logs } = setup([channel.driver]);
    await insert('bill-a');
    channel.statuses.set('bill-a', { refused: true, reason: 'the provider’s answer did not verify' });
    clock.now += 2 * MIN;
    expect(await sweeper.sweep()).toEqual({ refused: 1 });
    expect((await state('bill-a')).state).toBe('created');
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'channel query refused',
      data: { channel: 'fake', billId: 'bill-a', reason: 'the provider’s answer did not verify' },
    });
  });

  it('logs a driver that throws or is too slow, and asks again at the next checkpoint', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state, logs } = setup([channel.driver], { query: { timeoutMs: 50 } });
    await insert('throws');
    await insert('slow');
    channel.statuses.set('throws', () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')));
    channel.statuses.set('slow', () => new Promise(() => {}));
    clock.now += 2 * MIN;
    expect(await sweeper.sweep()).toEqual({ error: 2 });
    const failures = logs.filter((line) => line.message === 'channel query failed').map((line) => line.data);
    expect(failures).toContainEqual({ channel: 'fake', billId: 'throws', error: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(failures).toContainEqual({ channel: 'fake', billId: 'slow', error: 'no answer within 50 ms' });
    channel.statuses.set('slow', { billId: 'slow', transition: 'paid', amount: 499, currency: 'USD' });
    clock.now += 3 * MIN;
    expect(await sweeper.sweep()).toEqual({ changed: 1, error: 1 });
    expect((await state('slow')).state).toBe('paid');
  });

  it('runs at most `concurrency` queries at once and asks each of 450 bills of one millisecond once', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert } = setup([channel.driver], { query: { concurrency: 3 } });
    const ids: string[] = [];
    for (let i = 0; i < 450; i += 1) ids.push((await insert(`bill-${String(i).padStart(3, '0')}`)).id);
    for (const id of ids)
      channel.statuses.set(id, () => new Promise((resolve) => setTimeout(() => resolve({ pending: true }), 1)));
    clock.now += 2 * MIN;
    expect(await sweeper.sweep()).toEqual({ pending: 450 });
    expect(channel.mostInFlight()).toBe(3);
    expect([...channel.asked].sort()).toEqual(ids);
  });

  it('records the payment a reversal implies when the server never saw it (both notifications lost)', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state, eventTypes } = setup([channel.driver]);
    await insert('bill-a');
    channel.statuses.set('bill-a', {
      billId: 'bill-a',
      transition: 'refunded',
      refundedAmount: 499,
      amount: 499,
      currency: 'USD',
      reason: 'requested_by_customer',
    });
    clock.now += 2 * MIN;
    expect(await sweeper.sweep()).toEqual({ changed: 1 });
    expect(await state('bill-a')).toMatchObject({ state: 'refunded', refundedAmount: 499, paidAt: clock.now });
    expect(await eventTypes()).toEqual(['bill.paid', 'bill.refunded']);
  });

  it('logs an error when the channel reports a payment of a bill it had declined', async () => {
    const { store, state, logs, insert } = setup([]);
    const bill = await insert('bill-a');
    await store.transition(bill.id, 'created', { ...bill, state: 'failed', failureReason: 'declined' });
    const bills = new BillService(store, new WaiterRegistry(), () => START);
    const paid = { billId: 'bill-a', transition: 'paid', amount: 499, currency: 'USD' } as const;
    expect(await applyQueryAnswer(bills, 'fake', bill, paid, logger(logs))).toBe('not-applicable');
    expect((await state('bill-a')).state).toBe('failed');
    expect(logs.at(-1)).toMatchObject({ level: 'error', message: 'channel query reports money on a closed bill' });
  });

  it('asks only drivers that have query, and starts no timer when none has', async () => {
    const channel = fakeChannel();
    const silent: ChannelDriver = { id: 'silent', resultSource: ['server'], launch: () => ({}) };
    const both = setup([channel.driver, silent]);
    await both.insert('fake-bill');
    await both.insert('silent-bill', { channel: 'silent' });
    both.clock.now += 2 * MIN;
    expect(await both.sweeper.sweep()).toEqual({ pending: 1 });
    expect(channel.asked).toEqual(['fake-bill']);
    expect(both.sweeper.active).toBe(true);
    expect(setup([silent]).sweeper.active).toBe(false);
    expect(setup([channel.driver], { query: { checkpointsMs: [], afterExpiryMs: false } }).sweeper.active).toBe(false);
  });

  it('warns once and asks nothing when the store cannot list bills to query', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, logs } = setup([channel.driver], {}, wrapStore(new MemoryBillStore(), {}));
    await insert('bill-a');
    clock.now += 2 * MIN;
    await sweeper.sweep();
    await sweeper.sweep();
    expect(channel.asked).toEqual([]);
    expect(logs.filter((line) => line.level === 'warn').map((line) => line.message)).toEqual([
      'the bill store has no listBillsToQuery: channels are never queried for lost notifications',
    ]);
  });

  it('stop cuts a query in flight at once and drops its answer', async () => {
    const channel = fakeChannel();
    const { clock, sweeper, insert, state } = setup([channel.driver]);
    await insert('bill-a');
    let answer: (status: ChannelStatus) => void = () => {};
    channel.statuses.set('bill-a', () => new Promise((resolve) => (answer = resolve)));
    clock.now += 2 * MIN;
    const sweep = sweeper.sweep();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await sweeper.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await sweep).toEqual({ error: 1 });
    answer({ billId: 'bill-a', transition: 'paid', amount: 499, currency: 'USD' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await state('bill-a')).state).toBe('created');
  });
});
