import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createSandboxDriver } from '../drivers/sandbox/sandbox-driver.js';
import type { PayServerLogger, PayServerOptions } from '../options.js';
import { readOrCreateKey, readOrCreateSecret, readOrCreateWebhookKey } from './secret-files.js';
import { SqliteBillStore } from './sqlite/sqlite-bill-store.js';

/** The files of a data directory. */
export function dataDirFiles(dataDir: string) {
  return {
    /** The SQLite bill store (with its `-wal` and `-shm` companions). */
    bills: join(dataDir, 'bills.sqlite'),
    /** The result-signing key, when none is given. */
    signingKey: join(dataDir, 'server-key.json'),
    /** The Ed25519 key that signs webhooks, when a webhook endpoint is set without `events.signing`. */
    webhookKey: join(dataDir, 'webhook-key.json'),
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
 * Warns loudly about a data directory or bill database other users can read: the bills hold player ids and the
 * game's `extra` data. A warning rather than a refusal — a database created 0644 by an older version keeps working —
 * with the command that fixes it. (Key and secret files are refused outright: see secret-files.ts.)
 */
async function warnIfShared(path: string, what: string, logger: PayServerLogger | undefined): Promise<void> {
  if (process.platform === 'win32') return;
  const mode = await stat(path).then(
    (stats) => stats.mode & 0o777,
    () => undefined,
  );
  if (mode === undefined || (mode & 0o077) === 0) return;
  const fix = what === 'directory' ? 700 : 600;
  logger?.warn(
    `WARNING: the ${what} ${path} is open to other users (mode ${mode.toString(8).padStart(4, '0')}): they can read every ` +
      `bill (player ids, extra data) — run: chmod ${fix} ${path}`,
  );
}

/**
 * Fills what `options` leaves open from `dataDir`: the durable {@link SqliteBillStore}, the signing key, the bill
 * token secret, the webhook signing key (when a webhook endpoint is set without signing) and — with development auth
 * only — the default sandbox driver's secret, each created on first use
 * (files 0600, directory 0700). Everything a restart must keep lives there.
 */
export async function useDataDir(dataDir: string, options: PayServerOptions): Promise<DataDirOptions> {
  const files = dataDirFiles(dataDir);
  const owned = options.store ? undefined : await SqliteBillStore.open(files.bills);
  try {
    await warnIfShared(dataDir, 'directory', options.logger);
    if (owned) await warnIfShared(files.bills, 'database', options.logger);
    const signingKey = options.signingKey ?? (await readOrCreateKey(files.signingKey)).key;
    const sandbox =
      options.auth?.development === true
        ? [createSandboxDriver({ secret: await readOrCreateSecret(files.sandboxSecret) })]
        : undefined;
    const drivers = options.drivers ?? sandbox;
    const billTokenSecret = options.auth.billTokenSecret ?? (await readOrCreateSecret(files.billTokenSecret));
    const events =
      options.events?.webhookUrl !== undefined && options.events.signing === undefined
        ? { ...options.events, signing: { privateKey: (await readOrCreateWebhookKey(files.webhookKey)).key } }
        : options.events;
    return {
      options: {
        ...options,
        auth: { ...options.auth, billTokenSecret },
        store: owned ?? options.store,
        signingKey,
        drivers,
        events,
      },
      close: async () => owned?.close(),
    };
  } catch (error) {
    await owned?.close();
    throw error;
  }
}
