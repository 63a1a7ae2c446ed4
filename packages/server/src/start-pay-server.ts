import { createPayServer, type PayServer } from './create-pay-server.js';
import { serveNode } from './node/serve-node.js';
import type { PayServerOptions } from './options.js';

/** Options of {@link startPayServer}: the pay server's and where to listen. */
export interface StartPayServerOptions extends PayServerOptions {
  /** The port; `0` picks a free one. @default 0 */
  port?: number;
  /** The interface. @default '127.0.0.1' */
  host?: string;
}

/** A running pay server. */
export interface RunningPayServer {
  /** The base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The pay server (for `publicKeys()`, or to call `handle` directly). */
  payServer: PayServer;
  /** Answers held waits, then stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Creates a pay server and serves it over Node's `http` in one call. */
export async function startPayServer(options: StartPayServerOptions = {}): Promise<RunningPayServer> {
  const { port, host, ...payOptions } = options;
  const payServer = await createPayServer(payOptions);
  const listener = await serveNode(payServer.handle, { port, host });
  return {
    url: listener.url,
    payServer,
    close: async () => {
      await payServer.close();
      await listener.close();
    },
  };
}
