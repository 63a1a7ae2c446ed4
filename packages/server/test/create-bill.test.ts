import { BILL_STATES, isBillId } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBillStore, type BillRecord } from '../src/index.js';
import { billBody, call, closeAllServers, createBill, randomKey, startTestServer, wrapStore } from './helpers.js';

afterEach(closeAllServers);

/** Every bill of a user in every state: "nothing changed" means this did not change. */
async function allBills(server: { url: string }, user = 'player-42') {
  const lists = await Promise.all(BILL_STATES.map((s) => call(server, `/v1/bills?user=${user}&state=${s}`)));
  return lists.flatMap((answer) => answer.body.bills);
}

describe('POST /v1/bills', () => {
  it('creates a bill with the launch payload and stores it', async () => {
    const server = await startTestServer();
    const body = billBody({
      passThrough: 'order-7781',
      os: 'web',
      appVersion: '1.4.0',
      sdkVersion: '0.1.0',
      extra: { campaign: 'winter' },
    });
    const answer = await call(server, '/v1/bills', { json: body, headers: { 'idempotency-key': randomKey() } });
    expect(answer.status).toBe(201);
    const { bill, launch } = answer.body;
    expect(bill).toMatchObject({ ...body, state: 'created' });
    expect(isBillId(bill.id)).toBe(true);
    expect(bill.expiresAt - bill.createdAt).toBe(15 * 60_000);
    expect(bill.updatedAt).toBe(bill.createdAt);
    expect(launch.checkoutUrl).toMatch(
      new RegExp(`^${server.url}/v1/sandbox/checkout/${bill.id}\\?token=[A-Za-z0-9_-]+$`),
    );
    expect(launch.decideUrl).toMatch(new RegExp(`^${server.url}/v1/sandbox/checkout/${bill.id}/decide\\?token=`));
    expect((await call(server, `/v1/bills/${bill.id}`)).body.bill).toEqual(bill);
  });

  it('answers a replay with 200, the same bill in its current state and the same launch payload', async () => {
    const server = await startTestServer();
    const key = randomKey();
    const first = await createBill(server, {}, key);
    // Same body with other key order: equal after parsing and key sorting.
    const reordered = Object.fromEntries(Object.entries(billBody()).reverse());
    const replay = await call(server, '/v1/bills', { json: reordered, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    await call(server, `/v1/bills/${first.body.bill.id}/cancel`, { json: {} });
    const later = await createBill(server, {}, key);
    expect(later.status).toBe(200);
    expect(later.body.bill).toMatchObject({ id: first.body.bill.id, state: 'cancelled' });
    expect(later.body.launch).toEqual(first.body.launch);
    expect(await allBills(server)).toHaveLength(1);
  });

  it('refuses the same key with another body with 422 and creates nothing', async () => {
    const server = await startTestServer();
    const key = randomKey();
    await createBill(server, {}, key);
    const reused = await createBill(server, { amount: 999 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', retryable: false });
    expect(await allBills(server)).toHaveLength(1);
  });

  it('scopes keys per user: two users may use the same key', async () => {
    const server = await startTestServer();
    const key = randomKey();
    const a = await createBill(server, { userId: 'alice' }, key);
    const b = await createBill(server, { userId: 'bob' }, key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.bill.id).not.toBe(b.body.bill.id);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_USE while the first request is in flight, then the bill', async () => {
    let releaseInsert!: () => void;
    const inserting = new Promise<void>((resolve) => (releaseInsert = resolve));
    let insertStarted!: () => void;
    const started = new Promise<void>((resolve) => (insertStarted = resolve));
    const memory = new MemoryBillStore();
    const store = wrapStore(memory, {
      insertBill: async (record) => {
        insertStarted();
        await inserting;
        return memory.insertBill(record);
      },
    });
    const server = await startTestServer({ store });
    const key = randomKey();
    const first = createBill(server, {}, key);
    await started;
    const second = await createBill(server, {}, key);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE', retryable: true });
    const other = await createBill(server, { amount: 1 }, key);
    expect(other.status).toBe(422);
    releaseInsert();
    expect((await first).status).toBe(201);
    const retry = await createBill(server, {}, key);
    expect(retry.status).toBe(200);
    expect(retry.body.bill.id).toBe((await first).body.bill.id);
  });

  it('frees the key when the create fails, so a retry succeeds and nothing was half-stored', async () => {
    let fail = true;
    const memory = new MemoryBillStore();
    const store = wrapStore(memory, {
      insertBill: async (record) => {
        if (fail) throw new Error('disk full');
        return memory.insertBill(record);
      },
    });
    const server = await startTestServer({ store });
    const key = randomKey();
    const failed = await createBill(server, {}, key);
    expect(failed.status).toBe(500);
    expect(failed.body.error).toMatchObject({ code: 'INTERNAL', retryable: true });
    expect(await allBills(server)).toHaveLength(0);
    fail = false;
    expect((await createBill(server, {}, key)).status).toBe(201);
  });

  it('asks the store to complete the key after the insert only when its insert says it did not', async () => {
    for (const completesKey of [true, false]) {
      const memory = new MemoryBillStore();
      let completions = 0;
      const store = wrapStore(memory, {
        // Without: the insert drops the key it is given, as an override that never passes it on would.
        insertBill: (record, createdBy) => memory.insertBill(record, completesKey ? createdBy : undefined),
        completeIdempotencyKey: (scope, billId) => {
          completions += 1;
          return memory.completeIdempotencyKey(scope, billId);
        },
      });
      const server = await startTestServer({ store });
      const key = randomKey();
      const created = await createBill(server, {}, key);
      expect(created.status).toBe(201);
      expect(completions).toBe(completesKey ? 0 : 1);
      const replay = await createBill(server, {}, key);
      expect({ status: replay.status, id: replay.body.bill.id }).toEqual({ status: 200, id: created.body.bill.id });
    }
  });

  it('completes the key itself for a store subclass whose insert override drops it', async () => {
    class Mirrored extends MemoryBillStore {
      readonly seen: string[] = [];
      override async insertBill(record: BillRecord): Promise<void> {
        await super.insertBill(record);
        this.seen.push(record.bill.id);
      }
    }
    const store = new Mirrored();
    const server = await startTestServer({ store });
    const key = randomKey();
    const created = await createBill(server, {}, key);
    const replay = await createBill(server, {}, key);
    expect([created.status, replay.status]).toEqual([201, 200]);
    expect(replay.body.bill.id).toBe(created.body.bill.id);
    expect(store.seen).toEqual([created.body.bill.id]);
  });

  it('needs a valid Idempotency-Key', async () => {
    const server = await startTestServer();
    const missing = await call(server, '/v1/bills', { json: billBody() });
    const short = await call(server, '/v1/bills', { json: billBody(), headers: { 'idempotency-key': 'short' } });
    const badChars = await call(server, '/v1/bills', {
      json: billBody(),
      headers: { 'idempotency-key': 'has spaces in it' },
    });
    for (const answer of [missing, short, badChars]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('MISSING_IDEMPOTENCY_KEY');
    }
    expect(await allBills(server)).toHaveLength(0);
  });

  it('refuses a channel without a driver', async () => {
    const server = await startTestServer();
    const answer = await createBill(server, { channel: 'stripe' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'UNKNOWN_CHANNEL', field: 'channel' });
    expect(await allBills(server)).toHaveLength(0);
  });

  it('checks item, amount (price × quantity) and currency against the catalog', async () => {
    const server = await startTestServer({ catalog: { 'gem-pack-small': { amount: 499, currency: 'USD' } } });
    expect((await createBill(server, { quantity: 3, amount: 1497 })).status).toBe(201);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: 1 }, 'amount'],
      [{ quantity: 2, amount: 499 }, 'amount'],
      [{ currency: 'EUR' }, 'currency'],
      [{ itemId: 'free-gems' }, 'itemId'],
    ];
    for (const [overrides, field] of cases) {
      const answer = await createBill(server, overrides);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'AMOUNT_MISMATCH', field, retryable: false });
    }
    expect(await allBills(server)).toHaveLength(1);
  });

  it('uses publicUrl for launch payload URLs when given', async () => {
    const server = await startTestServer({ publicUrl: 'https://pay.example.com/' });
    const answer = await createBill(server);
    expect(answer.body.launch.checkoutUrl).toMatch(/^https:\/\/pay\.example\.com\/v1\/sandbox\/checkout\//);
  });
});
