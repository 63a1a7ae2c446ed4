import { classifyLoadError } from '@coinslot/core';
import type { PgPoolConstructor, PgQueryable } from '../../store/postgres/postgres-driver.js';

/** A `NOTIFY` as pg's `Client` delivers it. */
export interface PgNotification {
  channel: string;
  payload?: string;
}

/** One connection of its own (pg's `Client`): what the bus's LISTEN connection uses, typed here as the store types pg. */
export interface PgClient extends PgQueryable {
  connect(): Promise<void>;
  /** Closes the connection (a query still running is cut). */
  end(): Promise<void>;
  on(event: 'notification', listener: (message: PgNotification) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners(): unknown;
}

/** The settings of the LISTEN connection (a subset of pg's `ClientConfig`). */
export interface PgClientConfig {
  connectionString: string;
  application_name: string;
  connectionTimeoutMillis: number;
  keepAlive: boolean;
}

/** What the PostgreSQL bus needs from `pg`. */
export interface PgBusDriver {
  Client: new (config: PgClientConfig) => PgClient;
  Pool: PgPoolConstructor;
}

const PACKAGE = 'pg';

/** Loads `pg`'s `Client` and `Pool`, turning "not installed" into what to do (as the store's loader does). */
export async function loadPgBusDriver(
  importModule: (specifier: string) => Promise<unknown> = (specifier) => import(specifier),
): Promise<PgBusDriver> {
  try {
    const module = (await importModule(PACKAGE)) as Partial<PgBusDriver> & { default?: PgBusDriver };
    const Client = module.Client ?? module.default?.Client;
    const Pool = module.Pool ?? module.default?.Pool;
    return { Client: Client!, Pool: Pool! };
  } catch (error) {
    if (classifyLoadError(error, PACKAGE) !== 'not-installed') throw error;
    throw new Error(
      `The PostgreSQL wake-up bus needs the optional dependency ${PACKAGE} (node-postgres 8), which is not installed: run \`npm install ${PACKAGE}@8\`, or use another bus.`,
      { cause: error },
    );
  }
}
