import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PostgresWakeBus } from '../src/index.js';
import { closeTestDatabase, freshSchemaName, queryTestDatabase, TEST_DATABASE_URL } from './postgres-test-database.js';
import { RecordingListener } from './wake-bus-kinds.js';

const buses: PostgresWakeBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});
afterAll(closeTestDatabase);

/** A bus whose connections carry `application_name` = the answered name, so the test can find and end them. */
async function namedBus(schema: string): Promise<{ bus: PostgresWakeBus; name: string }> {
  const name = `coinslot_bus_${randomBytes(5).toString('hex')}`;
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('application_name', name);
  const bus = await PostgresWakeBus.open({ connectionString: url.toString(), schema });
  buses.push(bus);
  return { bus, name };
}

/** Ends (pg_terminate_backend) the connections named `name` whose last statement starts with `statement`. */
async function terminate(name: string, statement: string): Promise<number> {
  const rows = await queryTestDatabase<{ ended: boolean }>(
    'SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = $1 AND query LIKE $2',
    [name, `${statement}%`],
  );
  return rows.filter((row) => row.ended).length;
}

describe('PostgresWakeBus', () => {
  it('listens on coinslot_wake_<schema>, on a connection of its own', async () => {
    const schema = freshSchemaName();
    const { bus, name } = await namedBus(schema);
    expect(bus.channel).toBe(`coinslot_wake_${schema}`);
    const listening = await queryTestDatabase<{ query: string }>(
      "SELECT query FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'",
      [name],
    );
    expect(listening.map((row) => row.query)).toEqual([`LISTEN "coinslot_wake_${schema}"`]);
  });

  it('listens again after its LISTEN connection is terminated, tells its listeners to re-read, and hears the next NOTIFY', async () => {
    const schema = freshSchemaName();
    const { bus: a, name } = await namedBus(schema);
    const { bus: b } = await namedBus(schema);
    const onA = new RecordingListener();
    await a.subscribe(onA);
    expect(await terminate(name, 'LISTEN')).toBe(1);
    await onA.until(() => onA.reconnects === 1, 'the listener to reconnect');
    await b.publish('bill_after_reconnect');
    await onA.until(() => onA.woken.includes('bill_after_reconnect'), 'the wake-up after the reconnect');
  });

  it('sends the next wake-up after its NOTIFY connection is terminated', async () => {
    const schema = freshSchemaName();
    const { bus: a } = await namedBus(schema);
    const { bus: b, name } = await namedBus(schema);
    const onA = new RecordingListener();
    await a.subscribe(onA);
    await b.publish('bill_first');
    await onA.until(() => onA.woken.includes('bill_first'), 'the first wake-up');
    expect(await terminate(name, 'SELECT pg_notify')).toBe(1);
    await b.publish('bill_second');
    await onA.until(() => onA.woken.includes('bill_second'), 'the wake-up on a new connection');
    expect(onA.reconnects).toBe(0);
  });

  it('refuses to open when PostgreSQL cannot be reached, naming the database without its password', async () => {
    const open = PostgresWakeBus.open({ connectionString: 'postgres://someone:hunter2@127.0.0.1:1/nowhere' });
    await expect(open).rejects.toThrow(/cannot listen for wake-ups at postgres:\/\/someone@127\.0\.0\.1:1\/nowhere/);
    await expect(open).rejects.not.toThrow(/hunter2/);
  });
});
