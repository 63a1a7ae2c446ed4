import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteBillStore } from '../src/index.js';
import { SQL } from '../src/store/sql/bill-store-sql.js';
import type { SqliteDatabase } from '../src/store/sqlite/sqlite-driver.js';
import { sampleBill as bill } from './store-kinds.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => SqliteDatabase;
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-sqlite-limits-'));
  dirs.push(dir);
  return join(dir, 'bills.sqlite');
}

/** SQLite's plan for `sql`, one line per step. */
function plan(file: string, sql: string, params: unknown[]): string {
  const db = new Database(file);
  try {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return rows.map((row) => row.detail).join('\n');
  } finally {
    db.close();
  }
}

describe('SqliteBillStore: the open-bill count and retention', () => {
  it('opens a database written before the open-bill index and adds it, keeping every bill', async () => {
    const file = await tempFile();
    const first = await SqliteBillStore.open(file);
    await first.insertBill({ bill: bill('kept', { expiresAt: 5000 }), launch: {} });
    await first.close();
    const db = new Database(file);
    db.prepare('DROP INDEX bills_by_app_user_state_expiry').run(); // as a file from before this index
    db.close();

    const reopened = await SqliteBillStore.open(file);
    expect((await reopened.getBill('kept'))?.bill.id).toBe('kept');
    expect(await reopened.countOpenBills('default', 'u', 0)).toBe(1);
    await reopened.close();
    const indexes = new Database(file);
    const names = (
      indexes.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
    ).map((row) => row.name);
    indexes.close();
    expect(names).toContain('bills_by_app_user_state_expiry');
  });

  it('counts open bills from the index alone and purges through the state/expiry index, never a table scan', async () => {
    const file = await tempFile();
    await (await SqliteBillStore.open(file)).close();
    const count = plan(file, SQL.countOpen, ['default', 'u', 'created', 0]);
    expect(count).toMatch(/USING COVERING INDEX bills_by_app_user_state_expiry/);
    const purge = plan(file, SQL.purgeSettled, ['failed', 'cancelled', 'expired', 0, 500]);
    expect(purge).toMatch(/bills_by_state_expiry/);
    expect(purge).not.toMatch(/SCAN bills(?! USING)|TEMP B-TREE/);
  });
});
