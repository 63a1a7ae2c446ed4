import type { ResultPublicKey } from '@coinslot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './helpers.js';
import { type Arrival, createOn, expectPaidAndSigned, payOn, waitPatiently } from './multi-instance-client.js';
import { Cluster, type ClusterBus } from './multi-instance-cluster.js';
import { closeTestDatabase } from './postgres-test-database.js';
import { freshRedisPrefix, OwnRedis } from './redis-test-service.js';

/**
 * Issue 13's proof: three coinslot-server processes over one PostgreSQL schema, a held wait on one instance and the
 * channel's notification on another, while the bus's pieces fail. "PostgreSQL restarted" is every connection of every
 * instance ended with pg_terminate_backend: the machine's cluster is shared with other work and is never restarted.
 * Redis is restarted for real: a redis-server this test started on a port of its own.
 */

const HOLD = 10; // seconds each wait asks for
const BILLS = 8;
const SECOND = 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(closeTestDatabase);

/** Waits for one bill on each of `bills`, held on `urls` (re-asked on the next when one is gone). */
function waitAll(urls: string[], billIds: string[]): Promise<Arrival[]> {
  return Promise.all(billIds.map((id) => waitPatiently(urls, id, HOLD)));
}

/** Every arrival came within a second of `since` (a payment, or a recovery), and well within the hold. */
function expectWithinASecondOf(arrivals: Arrival[], since: number | number[]): void {
  arrivals.forEach((arrival, index) => {
    const from = Array.isArray(since) ? since[index]! : since;
    expect(arrival.at - from, `bill ${arrival.billId}`).toBeLessThanOrEqual(SECOND);
  });
}

type Kind = { name: string; restartsRedis: boolean; bus: () => Promise<{ bus: ClusterBus; redis?: OwnRedis }> };
const KINDS: Kind[] = [
  { name: 'the PostgreSQL bus', restartsRedis: false, bus: async () => ({ bus: { kind: 'postgres' } }) },
  {
    name: 'the Redis bus',
    restartsRedis: true,
    bus: async () => {
      const redis = await OwnRedis.start();
      return { bus: { kind: 'redis', url: redis.url, prefix: freshRedisPrefix() }, redis };
    },
  },
];

describe.each(KINDS)('three instances over one PostgreSQL schema with $name', (kind) => {
  let cluster: Cluster;
  let redis: OwnRedis | undefined;
  let keys: ResultPublicKey[];
  const url = (name: string) => cluster.at(name).url;

  beforeAll(async () => {
    const chosen = await kind.bus();
    redis = chosen.redis;
    cluster = await Cluster.start({ bus: chosen.bus });
    keys = (await call({ url: url('a') }, '/v1/keys')).body.keys;
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await redis?.stop();
  }, 60_000);

  /** `BILLS` bills created on `on`, with waits held on `waitOn` (and the instances after it when it is gone). */
  async function heldWaits(on: string, waitOn: string[]) {
    const bills = await Promise.all(Array.from({ length: BILLS }, () => createOn(url(on))));
    const arrivals = waitAll(
      waitOn.map(url),
      bills.map((bill) => bill.id),
    );
    await pause(300); // the waits are held
    return { bills, arrivals };
  }

  it('ends a wait held on A within a second of the notification reaching B', async () => {
    const { bills, arrivals } = await heldWaits('a', ['a']);
    const paidAt = await Promise.all(bills.map((bill) => payOn(url('b'), bill)));
    const got = await arrivals;
    await expectPaidAndSigned(got, keys);
    expectWithinASecondOf(got, paidAt);
    expect(got.every((arrival) => arrival.via === url('a'))).toBe(true);
  }, 60_000);

  it('loses no result when A’s listener connection is killed, each within a second', async () => {
    const { bills, arrivals } = await heldWaits('a', ['a']);
    const killed = redis
      ? await cluster.killSubscriber('a')
      : await cluster.terminateBackends({ name: 'a', statement: 'LISTEN' });
    expect(killed).toBe(1);
    const paidAt = await Promise.all(bills.map((bill) => payOn(url('b'), bill)));
    const got = await arrivals;
    await expectPaidAndSigned(got, keys);
    expectWithinASecondOf(got, paidAt);
  }, 60_000);

  it('loses no result when every PostgreSQL connection of every instance is ended (PostgreSQL "restarted")', async () => {
    const onA = await heldWaits('a', ['a']);
    const onB = await heldWaits('b', ['b']);
    const ended = await cluster.terminateBackends();
    expect(ended).toBeGreaterThanOrEqual(3);
    const bills = [...onA.bills, ...onB.bills];
    const paidAt = await Promise.all(bills.map((bill) => payOn(url('c'), bill)));
    const got = [...(await onA.arrivals), ...(await onB.arrivals)];
    await expectPaidAndSigned(got, keys);
    expectWithinASecondOf(got, paidAt);
  }, 60_000);

  // Only a bus over Redis has a Redis to restart; the PostgreSQL bus's restart is the test above.
  if (kind.restartsRedis)
    it('loses no result when Redis restarts, each within a second of its return', async () => {
      const { bills, arrivals } = await heldWaits('a', ['a']);
      await redis!.stop();
      await Promise.all(bills.map((bill) => payOn(url('b'), bill))); // wake-ups lost, or sent late
      await pause(500);
      await redis!.restart();
      const back = Date.now();
      const got = await arrivals;
      await expectPaidAndSigned(got, keys);
      expectWithinASecondOf(got, back);
    }, 60_000);

  it('loses no result when A is killed with SIGKILL mid-wait: the client asks B again, and C is notified', async () => {
    const { bills, arrivals } = await heldWaits('a', ['a', 'b']);
    await cluster.kill('a');
    await pause(300); // the clients have moved to B
    const paidAt = await Promise.all(bills.map((bill) => payOn(url('c'), bill)));
    const got = await arrivals;
    await expectPaidAndSigned(got, keys);
    expectWithinASecondOf(got, paidAt);
    expect(got.every((arrival) => arrival.via === url('b') && arrival.failures === 1)).toBe(true);
  }, 60_000);
});
