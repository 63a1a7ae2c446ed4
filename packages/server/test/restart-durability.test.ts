import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bill } from '@coinslot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { billBody, call, randomKey, readBill, waitResult } from './helpers.js';
import { killAllClis, killHard, startCli } from './cli-process.js';
import { verifyJws } from './verify-jws.js';

const Database = createRequire(import.meta.url)('better-sqlite3');
const dirs: string[] = [];
afterEach(async () => {
  await killAllClis();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

type Server = { url: string };

/** Creates a bill for `user` with `key`; answers the bill and its launch payload. */
async function create(server: Server, user: string, key: string) {
  const answer = await call(server, '/v1/bills', {
    json: billBody({ userId: user }),
    headers: { 'idempotency-key': key },
  });
  expect(answer.status).toBe(201);
  return answer.body as { bill: Bill; launch: { decideUrl: string } };
}

/**
 * Decides on the sandbox checkout as the player would (the sandbox then notifies the server). Only the path is
 * kept: a restarted test server listens on another port, where a real one keeps its port or `--public-url`.
 */
async function decide(server: Server, launch: { decideUrl: string }, decision: 'approve' | 'decline') {
  const { pathname, search } = new URL(launch.decideUrl);
  const answer = await call(server, pathname + search, { json: { decision } });
  expect(answer.status).toBe(200);
}

describe('a restart after kill -9 (coinslot-server on its default data dir)', () => {
  it('keeps every bill, idempotency key, delivered state, the signing key and the sandbox secret', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'coinslot-restart-'));
    dirs.push(cwd);
    const before = await startCli(cwd);
    const user = 'restart-player';
    const keys = {
      open: randomKey(),
      paid: randomKey(),
      delivered: randomKey(),
      cancelled: randomKey(),
      failed: randomKey(),
    };
    const open = await create(before, user, keys.open);
    const paid = await create(before, user, keys.paid);
    const delivered = await create(before, user, keys.delivered);
    const cancelled = await create(before, user, keys.cancelled);
    const failed = await create(before, user, keys.failed);
    await decide(before, paid.launch, 'approve');
    await decide(before, delivered.launch, 'approve');
    const firstDeliver = await call(before, `/v1/bills/${delivered.bill.id}/deliver`, { json: {} });
    expect(firstDeliver.body.alreadyDelivered).toBe(false);
    await call(before, `/v1/bills/${cancelled.bill.id}/cancel`, { json: {} });
    await decide(before, failed.launch, 'decline');
    const ids = [open, paid, delivered, cancelled, failed].map((created) => created.bill.id);
    const acknowledged = await Promise.all(ids.map((id) => readBill(before, id)));
    expect(acknowledged.map((bill) => bill.state)).toEqual(['created', 'paid', 'delivered', 'cancelled', 'failed']);
    const kid = (await call(before, '/v1/keys')).body.keys[0].kid;
    await killHard(before);

    const after = await startCli(cwd);
    expect(after.output()).not.toContain('Created signing key');
    expect(await Promise.all(ids.map((id) => readBill(after, id)))).toEqual(acknowledged);
    expect((await call(after, '/v1/keys')).body.keys[0].kid).toBe(kid);

    // Idempotency keys: a replayed create answers the same bill and launch payload; another body is refused.
    const replay = await call(after, '/v1/bills', {
      json: billBody({ userId: user }),
      headers: { 'idempotency-key': keys.open },
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(open);
    const replayDelivered = await call(after, '/v1/bills', {
      json: billBody({ userId: user }),
      headers: { 'idempotency-key': keys.delivered },
    });
    expect(replayDelivered.body.bill).toEqual(acknowledged[2]);
    const reused = await call(after, '/v1/bills', {
      json: billBody({ userId: user, amount: 1 }),
      headers: { 'idempotency-key': keys.paid },
    });
    expect(reused.status).toBe(422);

    // Recovery: the paid bill is still owed; the delivered one is never granted twice.
    expect((await call(after, `/v1/bills?user=${user}&state=paid`)).body.bills).toEqual([acknowledged[1]]);
    const again = await call(after, `/v1/bills/${delivered.bill.id}/deliver`, { json: {} });
    expect(again.body).toMatchObject({
      alreadyDelivered: true,
      bill: { deliveredAt: firstDeliver.body.bill.deliveredAt },
    });
    const owed = await call(after, `/v1/bills/${paid.bill.id}/deliver`, { json: {} });
    expect(owed.body.alreadyDelivered).toBe(false);

    // A launch payload handed out before the kill still works (the sandbox secret survived), and results verify.
    await decide(after, open.launch, 'approve');
    const result = await waitResult(after, open.bill.id, 0);
    const verified = await verifyJws(result.body.result, (await call(after, '/v1/keys')).body.keys);
    expect(verified).toMatchObject({ valid: true, header: { kid }, payload: { billId: open.bill.id, state: 'paid' } });
  }, 90_000);

  it('loses no acknowledged write and tears nothing when killed in the middle of a burst', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'coinslot-burst-'));
    dirs.push(cwd);
    const before = await startCli(cwd);
    /** The last state the server acknowledged for each bill, and its create key. */
    const acked = new Map<string, { key: string; state: Bill['state'] }>();
    let killed = false;
    const worker = async (n: number) => {
      for (let i = 0; i < 200 && !killed; i += 1) {
        try {
          const key = randomKey();
          const { bill, launch } = await create(before, `burst-${n}`, key);
          acked.set(bill.id, { key, state: 'created' });
          await decide(before, launch, 'approve');
          acked.set(bill.id, { key, state: 'paid' });
          if (i % 2 === 0) {
            await call(before, `/v1/bills/${bill.id}/deliver`, { json: {} }).then((answer) =>
              expect(answer.status).toBe(200),
            );
            acked.set(bill.id, { key, state: 'delivered' });
          }
        } catch (error) {
          if (!killed) throw error;
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, n) => worker(n));
    while (acked.size < 60) await new Promise((resolve) => setTimeout(resolve, 10));
    killed = true;
    await killHard(before);
    await Promise.all(workers);

    const after = await startCli(cwd);
    for (const [id, { key, state }] of acked) {
      const bill = await readBill(after, id);
      // A write may have landed after its last acknowledgement, never before: the state is at least the acked one.
      const order = ['created', 'paid', 'delivered'];
      expect(order.indexOf(bill.state), `${id} was acknowledged ${state}`).toBeGreaterThanOrEqual(order.indexOf(state));
      const replay = await call(after, '/v1/bills', {
        json: billBody({ userId: bill.userId }),
        headers: { 'idempotency-key': key },
      });
      expect(replay.body.bill?.id).toBe(id);
    }
    const db = new Database(join(cwd, '.coinslot/data/bills.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 90_000);
});
