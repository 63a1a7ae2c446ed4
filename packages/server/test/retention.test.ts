import type { Bill, BillState } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createPayServer, type BillStore, type PayServer, type PayServerOptions } from '../src/index.js';
import { STORE_KINDS, closeOpenedStores, openStore, sampleBill } from './store-kinds.js';

const DAY = 86_400_000;
const NOW = 1_000 * DAY;
const servers: PayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await closeOpenedStores();
});

/** A bill of `state` whose payment window closed `daysAgo` days before {@link NOW}. */
const aged = (state: BillState, daysAgo: number): Bill =>
  sampleBill(`${state}-${daysAgo}d`, {
    state,
    createdAt: NOW - daysAgo * DAY - 900_000,
    expiresAt: NOW - daysAgo * DAY,
  });

/** Runs a server with a fast sweep over `store` until the sweep has run, and answers which of `bills` are left. */
async function afterSweep(store: BillStore, bills: Bill[], limits?: PayServerOptions['limits']): Promise<string[]> {
  for (const bill of bills) await store.insertBill({ bill, launch: {} });
  const server = await createPayServer({
    auth: { development: true },
    store,
    now: () => NOW,
    sweepIntervalMs: 10,
    limits,
  });
  servers.push(server);
  await new Promise((resolve) => setTimeout(resolve, 150));
  const left: string[] = [];
  for (const bill of bills) if (await store.getBill(bill.id)) left.push(bill.id);
  return left;
}

describe.each(STORE_KINDS)('retention on $name', (kind) => {
  it('deletes the bills settled unpaid more than 30 days ago by default, and keeps paid and delivered ones', async () => {
    const bills = [
      aged('failed', 31),
      aged('cancelled', 31),
      aged('expired', 31),
      aged('created', 31),
      aged('paid', 400),
      aged('delivered', 400),
      aged('failed', 29),
      aged('cancelled', 29),
      aged('expired', 29),
    ];
    const left = await afterSweep(await openStore(kind), bills);
    expect(left.sort()).toEqual(['cancelled-29d', 'delivered-400d', 'expired-29d', 'failed-29d', 'paid-400d']);
  });

  it('takes its age from limits.retentionDays', async () => {
    const bills = [aged('cancelled', 8), aged('cancelled', 6)];
    expect(await afterSweep(await openStore(kind), bills, { retentionDays: 7 })).toEqual(['cancelled-6d']);
  });

  it('keeps every bill with retentionDays: false', async () => {
    const bills = [aged('failed', 3000), aged('expired', 3000)];
    expect(await afterSweep(await openStore(kind), bills, { retentionDays: false })).toEqual([
      'failed-3000d',
      'expired-3000d',
    ]);
  });
});
