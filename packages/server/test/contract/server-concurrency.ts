import { expect, it } from 'vitest';
import type { BillStore } from '../../src/index.js';
import {
  call,
  createBill,
  newBill,
  notifySandbox,
  payBill,
  randomKey,
  readBill,
  startTestServer,
  statementFor,
  waitResult,
  wrapStore,
} from '../helpers.js';
import { openStore, type StoreKind } from '../store-kinds.js';
import { verifyJws } from '../verify-jws.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `store` with a count of the transitions it applied, whose reads answer 20 ms late: concurrent requests
 * then act on the same stale state, so only the store's compare-and-set keeps them from applying twice (or, for
 * a store with `moveIfMatches`, its conditions checked in the write).
 */
function countingTransitions(store: BillStore) {
  const counter = { applied: 0 };
  const counted = wrapStore(store, {
    getBill: async (id) => {
      const record = await store.getBill(id);
      await sleep(20);
      return record;
    },
    transition: async (...args) => {
      const outcome = await store.transition(...args);
      if (outcome.applied) counter.applied += 1;
      return outcome;
    },
    // A store that pays without a read first (PostgreSQL) applies a notification's change there.
    ...(store.moveIfMatches && {
      moveIfMatches: async (move) => {
        const moved = await store.moveIfMatches!(move);
        if (moved) counter.applied += 1;
        return moved;
      },
    }),
  });
  return { store: counted, counter };
}

/** The pay server's guarantees under concurrent requests, over real HTTP, on `kind`'s store. */
export function serverConcurrency(kind: StoreKind): void {
  it('changes a bill once for 100 duplicate notifications, and every held wait sees paid', async () => {
    const { store, counter } = countingTransitions(await openStore(kind));
    const server = await startTestServer({ store, holdSeconds: 10 });
    const bill = await newBill(server);
    const waits = Array.from({ length: 10 }, () => waitResult(server, bill.id, 10));
    await sleep(200);
    const statement = statementFor(bill);
    const answers = await Promise.all(Array.from({ length: 100 }, () => notifySandbox(server, statement)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
    expect(counter.applied).toBe(1);
    const paid = await readBill(server, bill.id);
    expect(paid.state).toBe('paid');
    const keys = server.payServer.publicKeys();
    for (const wait of await Promise.all(waits)) {
      expect(wait.body).toMatchObject({ state: 'paid', settled: true });
      const { valid, payload } = await verifyJws(wait.body.result, keys);
      expect({ valid, state: payload.state, nonce: payload.nonce }).toEqual({
        valid: true,
        state: 'paid',
        nonce: wait.nonce,
      });
    }
    expect(await readBill(server, bill.id)).toEqual(paid);
  });

  it('makes one transition for 50 concurrent delivers, and every one of them succeeds', async () => {
    const { store, counter } = countingTransitions(await openStore(kind));
    const server = await startTestServer({ store });
    const bill = await newBill(server);
    await payBill(server, bill);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => call(server, `/v1/bills/${bill.id}/deliver`, { json: {} })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    expect(answers.filter((answer) => answer.body.alreadyDelivered === false)).toHaveLength(1);
    expect(counter.applied).toBe(2); // paid, then delivered
    const delivered = await readBill(server, bill.id);
    expect(delivered.state).toBe('delivered');
    for (const answer of answers) expect(answer.body.bill).toEqual(delivered);
  });

  it('creates one bill for 30 concurrent creates with one key; the rest replay it or answer 409', async () => {
    const server = await startTestServer({ store: await openStore(kind) });
    const key = randomKey();
    const answers = await Promise.all(Array.from({ length: 30 }, () => createBill(server, { userId: 'racer' }, key)));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    const created = answers.find((answer) => answer.status === 201)!.body;
    for (const answer of answers) {
      if (answer.status === 409)
        expect(answer.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE', retryable: true });
      else expect(answer.body).toEqual(created);
    }
    expect((await createBill(server, { userId: 'racer' }, key)).body).toEqual(created);
    expect((await call(server, '/v1/bills?user=racer&state=created')).body.bills).toEqual([created.bill]);
  });

  it('refuses the same key with another body (422) and a key still in flight (409), creating nothing extra', async () => {
    const inner = await openStore(kind);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserting!: () => void;
    const started = new Promise<void>((resolve) => (inserting = resolve));
    const store = wrapStore(inner, {
      insertBill: async (...args) => {
        inserting();
        await held;
        return inner.insertBill(...args);
      },
    });
    const server = await startTestServer({ store });
    const key = randomKey();
    const first = createBill(server, { userId: 'slow' }, key);
    await started;
    const inFlight = await createBill(server, { userId: 'slow' }, key);
    expect(inFlight.status).toBe(409);
    expect(inFlight.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE', retryable: true });
    expect((await createBill(server, { userId: 'slow', amount: 1 }, key)).status).toBe(422);
    release();
    const bill = (await first).body.bill;
    const reused = await createBill(server, { userId: 'slow', amount: 1 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', retryable: false });
    expect((await createBill(server, { userId: 'slow' }, key)).body.bill.id).toBe(bill.id);
    expect((await call(server, '/v1/bills?user=slow&state=created')).body.bills).toEqual([bill]);
  });
}
