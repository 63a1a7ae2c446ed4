import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteBillStore } from '../src/index.js';
import { createSqliteLoader, type SqliteDatabase } from '../src/store/sqlite/sqlite-driver.js';
import { sampleBill as bill } from './store-kinds.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;
const dirs: string[] = [];
const stores: SqliteBillStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-sqlite-'));
  dirs.push(dir);
  return join(dir, 'nested', 'bills.sqlite');
}

async function open(file: string): Promise<SqliteBillStore> {
  const store = await SqliteBillStore.open(file);
  stores.push(store);
  return store;
}

describe('SqliteBillStore', () => {
  it('keeps bills and keys across close and reopen, in WAL mode with synchronous=FULL', async () => {
    const file = await tempFile();
    const first = await open(file);
    const scope = { appId: 'default', userId: 'u', key: 'k' };
    await first.claimIdempotencyKey(scope, 'h', 10, 0);
    await first.insertBill({ bill: bill('a'), launch: { url: 'x' } }, scope);
    await first.transition('a', 'created', bill('a', { state: 'paid', paidAt: 7 }));
    await first.close();
    await first.close(); // twice is harmless

    const second = await open(file);
    expect(await second.getBill('a')).toEqual({ bill: bill('a', { state: 'paid', paidAt: 7 }), launch: { url: 'x' } });
    expect(await second.claimIdempotencyKey(scope, 'h', 20, 0)).toEqual({ status: 'done', bodyHash: 'h', billId: 'a' });
    await expect(first.getBill('a')).rejects.toThrow(/not open/);

    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT version FROM coinslot_schema').get()).toEqual({ version: 2 });
    raw.close();
  });

  it('gives one answer to two connections racing on one file (a second process)', async () => {
    const file = await tempFile();
    const [a, b] = [await open(file), await open(file)];
    await a.insertBill({ bill: bill('x'), launch: {} });
    const scope = { appId: 'default', userId: 'u', key: 'k' };
    const claims = await Promise.all([a, b, a, b].map((store) => store.claimIdempotencyKey(scope, 'h', 1, 0)));
    expect(claims.filter((claim) => claim.status === 'claimed')).toHaveLength(1);
    const moves = await Promise.all(
      [a, b].map((store, i) => store.transition('x', 'created', bill('x', { state: 'paid', paidAt: i }))),
    );
    expect(moves.filter((move) => move.applied)).toHaveLength(1);
    expect((await b.getBill('x'))!.bill).toEqual((await a.getBill('x'))!.bill);
  });

  it('refuses a file written by a newer schema', async () => {
    const file = await tempFile();
    await (await open(file)).close();
    const raw = new Database(file);
    raw.prepare('UPDATE coinslot_schema SET version = 99').run();
    raw.close();
    await expect(SqliteBillStore.open(file)).rejects.toThrow(/schema 99; this @coinslot\/server knows up to 2/);
  });

  it('says how to fix a missing better-sqlite3 or a missing native addon', async () => {
    const notFound = (what: string) =>
      Object.assign(new Error(`Cannot find package '${what}' imported from /app/x.js`), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    const missing = createSqliteLoader(async () => Promise.reject(notFound('better-sqlite3')));
    await expect(SqliteBillStore.open(await tempFile(), { loadDriver: missing })).rejects.toThrow(
      /optional dependency better-sqlite3, which is not installed: run `npm install better-sqlite3`, or use the memory store/,
    );
    const brokenDependency = createSqliteLoader(async () => Promise.reject(notFound('bindings')));
    await expect(brokenDependency()).rejects.toThrow(/Cannot find package 'bindings'/);
    const noAddon = class {
      constructor() {
        throw new Error('Could not locate the bindings file. Tried: build/Release/better_sqlite3.node');
      }
    } as unknown as new () => SqliteDatabase;
    await expect(SqliteBillStore.open(await tempFile(), { loadDriver: async () => noAddon })).rejects.toThrow(
      /native addon is missing.*npm install-scripts approve better-sqlite3 && npm rebuild better-sqlite3/,
    );
  });
});
