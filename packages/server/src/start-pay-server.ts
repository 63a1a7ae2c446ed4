import type { PayServer } from './create-pay-server.js';
import { createPayServer } from './node/create-node-pay-server.js';
import { serveNode } from './node/serve-node.js';
import type { PayServerOptions } from './options.js';
import { useDataDir } from './store/data-dir.js';

/** Options of {@link startPayServer}: the pay server's and where to listen. */
export interface StartPayServerOptions extends PayServerOptions {
  /** The port; `0` picks a free one. @default 0 */
  port?: number;
  /** The interface. @default '127.0.0.1' */
  host?: string;
  /**
   * A directory for everything a restart must keep: the durable SQLite bill store (`bills.sqlite`, unless
   * `store` is given), the signing key (`server-key.json`, unless `signingKey` is given), the webhook signing key
   * (`webhook-key.json`, when `events.webhookUrl` is set without `events.signing`) and the default sandbox
   * driver's secret (`sandbox-secret`, unless `drivers` is given). Created on first start. Needs the optional
   * dependency `better-sqlite3`. @default none: an in-memory store, lost on exit
   */
  dataDir?: string;
}

/** A running pay server. */
export interface RunningPayServer {
  /** The base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The pay server (for `publicKeys()`, or to call `handle` directly). */
  payServer: PayServer;
  /** Answers held waits, then stops listening, closes every connection and the store it opened. */
  close(): Promise<void>;
}

/** Creates a pay server and serves it over Node's `http` in one call. */
export async function startPayServer(options: StartPayServerOptions): Promise<RunningPayServer> {
  const { port, host, dataDir, ...payOptions } = options;
  const data = dataDir === undefined ? undefined : await useDataDir(dataDir, payOptions);
  let payServer: PayServer | undefined;
  try {
    const server = (payServer = await createPayServer(data?.options ?? payOptions));
    const listener = await serveNode(server.handle, { port, host, limits: payOptions.limits });
    return {
      url: listener.url,
      payServer: server,
      close: async () => {
        await server.close();
        await listener.close();
        await data?.close();
      },
    };
  } catch (error) {
    await payServer?.close();
    await data?.close();
    throw error;
  }
}
