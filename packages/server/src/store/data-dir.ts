import { join } from 'node:path';
import { createSandboxDriver } from '../drivers/sandbox/sandbox-driver.js';
import type { PayServerOptions } from '../options.js';
import { readOrCreateKey, readOrCreateSecret } from './secret-files.js';
import { SqliteBillStore } from './sqlite/sqlite-bill-store.js';

/** The files of a data directory. */
export function dataDirFiles(dataDir: string) {
  return {
    /** The SQLite bill store (with its `-wal` and `-shm` companions). */
    bills: join(dataDir, 'bills.sqlite'),
    /** The result-signing key, when none is given. */
    signingKey: join(dataDir, 'server-key.json'),
    /** The sandbox channel's secret, when none is given: launch payloads stored before a restart stay valid. */
    sandboxSecret: join(dataDir, 'sandbox-secret'),
    /** The secret bill tokens derive from, when none is given: tokens handed out before a restart keep working. */
    billTokenSecret: join(dataDir, 'bill-token-secret'),
  };
}

/** Pay server options backed by a data directory, and how to close what it opened. */
export interface DataDirOptions {
  options: PayServerOptions;
  /** Closes the store this opened (not a store that was passed in). */
  close(): Promise<void>;
}

/**
 * Fills what `options` leaves open from `dataDir`: the durable {@link SqliteBillStore}, the signing key, the bill
 * token secret and the default sandbox driver's secret, each created on first use. Everything a restart must keep lives there.
 */
export async function useDataDir(dataDir: string, options: PayServerOptions): Promise<DataDirOptions> {
  const files = dataDirFiles(dataDir);
  const owned = options.store ? undefined : await SqliteBillStore.open(files.bills);
  try {
    const signingKey = options.signingKey ?? (await readOrCreateKey(files.signingKey)).key;
    const drivers = options.drivers ?? [createSandboxDriver({ secret: await readOrCreateSecret(files.sandboxSecret) })];
    const billTokenSecret = options.auth.billTokenSecret ?? (await readOrCreateSecret(files.billTokenSecret));
    return {
      options: { ...options, auth: { ...options.auth, billTokenSecret }, store: owned ?? options.store, signingKey, drivers },
      close: async () => owned?.close(),
    };
  } catch (error) {
    await owned?.close();
    throw error;
  }
}
