import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PostgresBillStore } from '../src/index.js';
import { createPgLoader } from '../src/store/postgres/postgres-driver.js';
import {
  closeTestDatabase,
  dropSchema,
  freshSchemaName,
  openTestPostgresStore,
  queryTestDatabase,
  TEST_DATABASE_URL,
} from './postgres-test-database.js';
import { sampleBill as bill } from './store-kinds.js';

const schemas: string[] = [];
const stores: PostgresBillStore[] = [];
const schema = () => {
  const name = freshSchemaName();
  schemas.push(name);
  return name;
};
const open = async (name: string) => {
  const store = await openTestPostgresStore(name);
  stores.push(store);
  return store;
};

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(schemas.splice(0).map(dropSchema));
});
afterAll(closeTestDatabase);

describe('PostgresBillStore.open', () => {
  it('creates the schema once when six instances start together on an empty one', async () => {
    const name = schema();
    const opened = await Promise.all(Array.from({ length: 6 }, () => open(name)));
    expect(opened.map((store) => store.schema)).toEqual(Array(6).fill(name));
    const tables = await queryTestDatabase<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [name],
    );
    expect(tables.map((row) => row.table_name)).toEqual([
      'activity',
      'bills',
      'coinslot_schema',
      'events',
      'idempotency_records',
      'instances',
      'reconciliation_items',
      'reconciliation_runs',
    ]);
    expect(await queryTestDatabase('SELECT id, version FROM coinslot_schema', [], name)).toEqual([
      { id: 1, version: 2 },
    ]);
  });

  it('keeps bills, keys and events across a close and reopen; seq goes on increasing', async () => {
    const name = schema();
    const first = await open(name);
    await first.claimIdempotencyKey({ appId: 'default', userId: 'u', key: 'k' }, 'h', 10, 0);
    await first.insertBill({ bill: bill('a'), launch: { url: 'x' } }, { appId: 'default', userId: 'u', key: 'k' });
    const event = {
      appId: 'default',
      type: 'bill.paid',
      billId: 'a',
      createdAt: 20,
      body: '{}',
      dispatch: 'pending',
    } as const;
    await first.transition('a', 'created', bill('a', { state: 'paid' }), { ...event, id: 'evt_1' });
    const [claimed] = await first.claimDueEvents(100, 200, 10);
    await first.recordDispatch(claimed!.seq, { state: 'pending', nextAttemptAt: 5_000, error: 'HTTP 503' });
    await first.close();

    const reopened = await open(name);
    expect(await reopened.getBill('a')).toEqual({ bill: bill('a', { state: 'paid' }), launch: { url: 'x' } });
    expect(await reopened.claimIdempotencyKey({ appId: 'default', userId: 'u', key: 'k' }, 'h', 30, 0)).toEqual({
      status: 'done',
      bodyHash: 'h',
      billId: 'a',
    });
    expect(await reopened.oldestPendingEvent()).toEqual({ seq: claimed!.seq, createdAt: 20, nextAttemptAt: 5_000 });
    await reopened.transition('a', 'paid', bill('a', { state: 'delivered' }), { ...event, id: 'evt_2' });
    const events = await reopened.listEvents(0, 10);
    expect(events.map((e) => [e.id, e.attempts])).toEqual([
      ['evt_1', 1],
      ['evt_2', 0],
    ]);
    expect(events[1]!.seq).toBeGreaterThan(events[0]!.seq);
  });

  it('refuses a schema written by a newer @coinslot/server, naming it', async () => {
    const name = schema();
    await (await open(name)).close();
    await queryTestDatabase('UPDATE coinslot_schema SET version = 99', [], name);
    await expect(openTestPostgresStore(name)).rejects.toThrow(
      new RegExp(`schema ${name}\\) holds bill store schema 99; this @coinslot/server knows up to 2: upgrade it`),
    );
  });

  it('refuses a schema name that is not a plain lower-case identifier, before connecting', async () => {
    await expect(
      PostgresBillStore.open({ connectionString: TEST_DATABASE_URL, schema: 'x"; DROP TABLE bills; --' }),
    ).rejects.toThrow(/schema must be a lower-case SQL identifier/);
  });

  it('says where it could not connect, without the password', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.port = '1';
    url.password = 'hunter2-secret';
    const failure = PostgresBillStore.open({ connectionString: url.toString(), connectTimeoutMs: 2000 });
    await expect(failure).rejects.toThrow(
      /^cannot open the PostgreSQL bill store at postgres:\/\/[^:]+@[^/]+:1\/.*ECONNREFUSED/,
    );
    await expect(failure).rejects.not.toThrow(/hunter2-secret/);
  });

  it('says how to install pg when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package 'pg' imported from /app/server.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const loadDriver = createPgLoader(async () => Promise.reject(missing));
    await expect(PostgresBillStore.open({ connectionString: TEST_DATABASE_URL, loadDriver })).rejects.toThrow(
      /needs the optional dependency pg \(node-postgres 8\), which is not installed: run `npm install pg@8`/,
    );
  });
});

describe('@coinslot/server/web and pg', () => {
  it('never reaches the PostgreSQL store or pg from the web entry; the Node entry imports pg lazily only', () => {
    const src = resolve(import.meta.dirname, '../src');
    // What runs: `import type` and `export type` are erased (the web entry exports config types, which name the store's).
    const reachable = (entry: string) => {
      const seen = new Map<string, string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        const text = readFileSync(file, 'utf8');
        seen.set(file, text);
        for (const [, typeOnly, spec] of text.matchAll(/^(?:import|export)\s+(type\s)?[^;]*?from '(\.{1,2}\/[^']+)'/gm))
          if (!typeOnly) visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
      };
      visit(join(src, entry));
      return seen;
    };
    for (const [file, text] of reachable('web.ts')) {
      expect(file, 'reached from web.ts').not.toMatch(/store[\\/]postgres/);
      expect(text, file).not.toMatch(/from 'pg'|import\('pg'\)/);
    }
    const node = reachable('index.ts');
    expect(node.get(join(src, 'store/postgres/postgres-driver.ts'))).toMatch(/\(specifier\) => import\(specifier\)/);
    for (const [file, text] of node) expect(text, file).not.toMatch(/from 'pg'|require\('pg'\)/);
  });
});
