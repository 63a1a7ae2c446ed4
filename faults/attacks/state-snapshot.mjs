// @ts-check
import { isDeepStrictEqual } from 'node:util';
import path from 'node:path';
import Database from 'better-sqlite3';
import { listUserBills, readBills } from '../lib/server-reads.mjs';

/**
 * The tables of the activity log: a refused attack is *meant* to leave a line there (a forged notification counted as
 * a possible forgery, a failed admin login), and the heartbeat rewrites `instances` every few seconds. They are a
 * record of attempts, not state an attack may change, so the snapshot leaves them out.
 */
const RECORD_TABLES = new Set(['activity', 'instances']);

/**
 * Every row of every table of the pay server's SQLite store but the activity log's, read through a separate read-only
 * connection (the server keeps running; WAL lets readers in). Schema-agnostic: tables come from `sqlite_master`.
 * @param {string} dataDir
 * @returns {Record<string, unknown[]>}
 */
export function dumpStore(dataDir) {
  const db = new Database(path.join(dataDir, 'bills.sqlite'), { readonly: true, fileMustExist: true });
  try {
    /** @type {Record<string, unknown[]>} */
    const tables = {};
    const names = /** @type {{ name: string }[]} */ (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
    );
    for (const { name } of names.filter((table) => !RECORD_TABLES.has(table.name)))
      tables[name] = db
        .prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort();
    return tables;
  } finally {
    db.close();
  }
}

/**
 * The server's state as the attacks may touch it: the fixture bills read one by one, the attack player's bills
 * in every state as listed, and the whole store.
 * @param {string} serverUrl
 * @param {string} dataDir
 * @param {string[]} users
 * @param {string[]} billIds
 * @param {Record<string, string>} [headers] the credential to read with (none on a development-auth server)
 */
export async function snapshot(serverUrl, dataDir, users, billIds, headers = {}) {
  const reads = Object.fromEntries(await readBills(serverUrl, billIds, headers));
  const listed = Object.fromEntries(await listUserBills(serverUrl, users, headers));
  return { reads, listed, store: dumpStore(dataDir) };
}

/**
 * What differs between two snapshots, as short descriptions; empty when nothing changed.
 * @param {Awaited<ReturnType<typeof snapshot>>} before
 * @param {Awaited<ReturnType<typeof snapshot>>} after
 */
export function differences(before, after) {
  const found = [];
  for (const part of /** @type {const} */ (['reads', 'listed', 'store'])) {
    const keys = new Set([...Object.keys(before[part]), ...Object.keys(after[part])]);
    for (const key of keys) {
      if (!isDeepStrictEqual(before[part][key], after[part][key])) found.push(`${part}: ${key} changed`);
    }
  }
  return found;
}
