import { afterEach, describe, expect, it } from 'vitest';
import { RedisWakeBus } from '../src/index.js';
import { freshRedisPrefix, OwnRedis, testRedisUrl } from './redis-test-service.js';
import { RecordingListener } from './wake-bus-kinds.js';
import { Redis } from 'ioredis';

const buses: RedisWakeBus[] = [];
const servers: OwnRedis[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function openBus(url: string, prefix: string): Promise<RedisWakeBus> {
  const bus = await RedisWakeBus.open({ url, prefix });
  buses.push(bus);
  return bus;
}

/** `CLIENT KILL` of the connections named `name` (the bus's subscriber): answers how many were killed. */
async function killClient(url: string, name: string): Promise<number> {
  const admin = new Redis(url, { lazyConnect: true });
  try {
    await admin.connect();
    const list = (await admin.client('LIST')) as string;
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /^id=(\d+)/.exec(line)?.[1]);
    for (const id of ids) await admin.client('KILL', 'ID', id!);
    return ids.length;
  } finally {
    admin.disconnect();
  }
}

describe('RedisWakeBus', () => {
  it('subscribes again after its subscriber connection is killed (CLIENT KILL), tells its listeners to re-read, and hears the next message', async () => {
    const url = await testRedisUrl();
    const prefix = freshRedisPrefix();
    const a = await openBus(url, prefix);
    const b = await openBus(url, prefix);
    expect(a.channel).toBe(`${prefix}wake`);
    const onA = new RecordingListener();
    await a.subscribe(onA);
    expect(await killClient(url, a.subscriberName)).toBe(2); // a's and b's subscriber carry the same name
    await onA.until(() => onA.reconnects === 1, 'the subscriber to reconnect');
    await b.publish('bill_after_kill');
    await onA.until(() => onA.woken.includes('bill_after_kill'), 'the wake-up after the reconnect');
  });

  it('survives a restart of Redis (its own redis-server): re-reads once back, then hears wake-ups again', async () => {
    const redis = await OwnRedis.start();
    servers.push(redis);
    const prefix = freshRedisPrefix();
    const a = await openBus(redis.url, prefix);
    const b = await openBus(redis.url, prefix);
    const onA = new RecordingListener();
    await a.subscribe(onA);
    await redis.stop();
    await b.publish('bill_while_down'); // lost (or sent late): the reconnect's re-read covers it
    await redis.restart();
    await onA.until(() => onA.reconnects >= 1, 'the subscriber to come back', 10_000);
    await b.publish('bill_after_restart');
    await onA.until(() => onA.woken.includes('bill_after_restart'), 'the wake-up after the restart', 10_000);
  });

  it('refuses to open when Redis cannot be reached, without showing the password', async () => {
    const open = RedisWakeBus.open({ url: 'redis://:hunter2@127.0.0.1:1', maxReconnectDelayMs: 50 });
    await expect(open).rejects.toThrow(/cannot listen for wake-ups at redis:\/\/127\.0\.0\.1:1/);
    await expect(open).rejects.not.toThrow(/hunter2/);
  });
});
