import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type BillStore, type PostgresBillStore, SqliteBillStore } from '../src/index.js';
import type { SqliteDatabase } from '../src/store/sqlite/sqlite-driver.js';
import {
  closeTestDatabase,
  dropSchema,
  freshSchemaName,
  openTestPostgresStore,
  queryTestDatabase,
} from './postgres-test-database.js';
import { sampleBill } from './store-kinds.js';

/** Schema 1 as the store before apps wrote it (its bills' JSON has no appId). */
const SCHEMA_1 = (events: string) => [
  'CREATE TABLE coinslot_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)',
  `CREATE TABLE bills (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, state TEXT NOT NULL, created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL, bill TEXT NOT NULL, launch TEXT NOT NULL)`,
  'CREATE INDEX bills_by_user_state ON bills (user_id, state, created_at)',
  'CREATE INDEX bills_by_user_state_expiry ON bills (user_id, state, expires_at)',
  `CREATE TABLE idempotency_keys (user_id TEXT NOT NULL, idem_key TEXT NOT NULL, body_hash TEXT NOT NULL,
    claimed_at BIGINT NOT NULL, bill_id TEXT, PRIMARY KEY (user_id, idem_key))`,
  'CREATE INDEX idempotency_keys_by_claim ON idempotency_keys (claimed_at)',
  `CREATE TABLE events (seq ${events}, id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, bill_id TEXT NOT NULL,
    created_at BIGINT NOT NULL, body TEXT NOT NULL, dispatch TEXT NOT NULL, attempts INTEGER NOT NULL,
    next_attempt_at BIGINT NOT NULL, lease_until BIGINT NOT NULL)`,
  'INSERT INTO coinslot_schema (id, version) VALUES (1, 1)',
];
const { appId: _appId, ...oldBill } = sampleBill('old', { state: 'paid', paidAt: 150 });
const ROWS: [string, unknown[]][] = [
  [
    'INSERT INTO bills (id, user_id, state, created_at, expires_at, bill, launch) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    ['old', 'u', 'paid', oldBill.createdAt, oldBill.expiresAt, JSON.stringify(oldBill), '{}'],
  ],
  [
    'INSERT INTO idempotency_keys (user_id, idem_key, body_hash, claimed_at, bill_id) VALUES ($1, $2, $3, $4, $5)',
    ['u', 'key-0001', 'h', 100, 'old'],
  ],
  [
    'INSERT INTO events (id, type, bill_id, created_at, body, dispatch, attempts, next_attempt_at, lease_until) ' +
      "VALUES ($1, 'bill.paid', $2, 150, '{}', 'pending', 0, 150, 0)",
    ['evt_old', 'old'],
  ],
];

/** What an upgraded store must show: the old rows are the default app's, and new rows can name another app. */
async function expectUpgraded(store: BillStore): Promise<void> {
  expect((await store.getBill('old'))?.bill).toEqual({ ...oldBill, appId: 'default' });
  const scope = { appId: 'default', userId: 'u', key: 'key-0001' };
  expect(await store.claimIdempotencyKey(scope, 'h', 200, 0)).toEqual({ status: 'done', bodyHash: 'h', billId: 'old' });
  expect((await store.listEvents(0, 10, 'default')).map((e) => [e.id, e.appId])).toEqual([['evt_old', 'default']]);
  expect((await store.listBills({ appId: 'default', userId: 'u', state: 'paid', limit: 5 })).map((b) => b.id)).toEqual([
    'old',
  ]);
  await store.insertBill({ bill: sampleBill('new', { appId: 'game-b' }), launch: {} });
  expect(await store.listBills({ appId: 'game-b', userId: 'u', state: 'created', limit: 5 })).toHaveLength(1);
}

const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;
const dirs: string[] = [];
const schemas: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  await Promise.all(schemas.splice(0).map(dropSchema));
});
afterAll(closeTestDatabase);

describe('opening a store written before apps (schema 1)', () => {
  it('SQLite: upgrades it to schema 2 in place, every old row the default app’s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'coinslot-upgrade-'));
    dirs.push(dir);
    const file = join(dir, 'bills.sqlite');
    const db = new Database(file);
    for (const statement of SCHEMA_1('INTEGER PRIMARY KEY AUTOINCREMENT')) db.prepare(statement).run();
    for (const [sql, values] of ROWS) db.prepare(sql.replace(/\$\d/g, '?')).run(...values);
    db.close();

    const store = await SqliteBillStore.open(file);
    try {
      await expectUpgraded(store);
    } finally {
      await store.close();
    }
    const check = new Database(file);
    const version = check.prepare('SELECT version FROM coinslot_schema').get() as { version: number };
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'idem%'").all();
    check.close();
    expect(version.version).toBe(2);
    expect(tables).toEqual([{ name: 'idempotency_records' }]);
  });

  it('PostgreSQL: upgrades it to schema 2 in place, every old row the default app’s', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    await queryTestDatabase(`CREATE SCHEMA ${schema}`);
    for (const statement of SCHEMA_1('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY'))
      await queryTestDatabase(statement, [], schema);
    for (const [sql, values] of ROWS) await queryTestDatabase(sql, values, schema);

    const stores: PostgresBillStore[] = await Promise.all([
      openTestPostgresStore(schema),
      openTestPostgresStore(schema),
    ]);
    try {
      await expectUpgraded(stores[0]!);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
    expect(await queryTestDatabase('SELECT version FROM coinslot_schema', [], schema)).toEqual([{ version: 2 }]);
  });
});
