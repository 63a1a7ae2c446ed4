import { createCoinslot, type Coinslot, type CoinslotOptions } from '@coinslot/core';
import { startPayServer, type RunningPayServer, type StartPayServerOptions } from '@coinslot/server';

/** The catalog every integration test prices against (per item, minor units). */
export const CATALOG = { 'coins-100': { amount: 99, currency: 'USD' }, 'coins-550': { amount: 499, currency: 'USD' } };

/** A real reference pay server on a loopback port, and SDK clients pointed at it. */
export interface TestWorld {
  server: RunningPayServer;
  client(overrides?: Partial<CoinslotOptions>): Coinslot;
  /** Reads a bill straight from the server (unsigned, for assertions). */
  bill(id: string): Promise<{ state: string; deliveredAt?: number } & Record<string, unknown>>;
  /** Every bill of a user in a state, straight from the server. */
  bills(userId: string, state: string): Promise<Array<{ id: string }>>;
  close(): Promise<void>;
}

export async function startTestWorld(options: Partial<StartPayServerOptions> = {}): Promise<TestWorld> {
  const server = await startPayServer({ auth: { development: true }, catalog: CATALOG, ...options });
  const clients: Coinslot[] = [];
  const getJson = async (path: string) => {
    const response = await fetch(server.url + path);
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return response.json();
  };
  return {
    server,
    client(overrides = {}) {
      const client = createCoinslot({
        server: server.url,
        channels: { sandbox: () => import('@coinslot/channel-sandbox') },
        channelOptions: { sandbox: { presentation: 'headless' } },
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    bill: async (id) => (await getJson(`/v1/bills/${id}`)).bill,
    bills: async (userId, state) => (await getJson(`/v1/bills?user=${userId}&state=${state}`)).bills,
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await server.close();
    },
  };
}

/** A purchase request for one small coin pack; spread overrides over it. */
export function coins100(userId: string) {
  return { channel: 'sandbox', userId, itemId: 'coins-100', amount: 99, currency: 'USD' };
}
