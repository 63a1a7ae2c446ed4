import { createCoinslot, type Bill, type Coinslot, type CoinslotOptions } from '@coinslot/core';
import { startPayServer, type RunningPayServer, type StartPayServerOptions } from '@coinslot/server';
import {
  startSteamEmulator,
  type SteamEmulator,
  type SteamworksStandIn,
  type SteamworksStandInOptions,
} from '@coinslot/testing/emulators';
import { createSteamChannel } from '../src/index.js';
import {
  createMemorySteamState,
  createSteamDriver,
  type SteamDriver,
  type SteamDriverOptions,
  type SteamDriverState,
} from '../src/server/index.js';

/** The price list of these tests, and how Steam shows each item. */
export const CATALOG = {
  'coins-550': { amount: 499, currency: 'USD' },
  'conformance-item': { amount: 100, currency: 'USD' },
};
export const ITEMS = {
  'coins-550': { itemId: 1002, description: 'Chest of coins' },
  'conformance-item': { itemId: 1, description: 'Conformance item' },
};
/** The poll route's bearer token in these tests. */
export const POLL_TOKEN = 'poll-token-for-tests-0123';

/** A clock both Steam and the pay server read, moved by the test (expiry without waiting). */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

/** A REAL pay server with the Steam driver (and only it), pointed at the Steam emulator on loopback. */
export interface SteamStack {
  steam: SteamEmulator;
  server: RunningPayServer;
  driver: SteamDriver;
  state: SteamDriverState;
  clock: TestClock;
  /** The player's Steam client (the steamworks.js stand-in), logged in as `PLAYER_STEAM_ID`. */
  player: SteamworksStandIn;
  /** A Coinslot in the Electron main process with the Steam adapter over `player` (or another client). */
  coinslot(options?: Partial<CoinslotOptions> & { client?: SteamworksStandIn }): Coinslot;
  /** A bill as the pay server has it now. */
  bill(id: string): Promise<Bill>;
  /** A raw request to the pay server. */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export const PLAYER_STEAM_ID = '76561197960287930';

/** Starts the emulator (unless one is given), the driver and the pay server. */
export async function startSteamStack(
  options: {
    steam?: SteamEmulator;
    /** The player's client: a stand-in already connected, or options to connect one. */
    player?: SteamworksStandIn | SteamworksStandInOptions;
    driver?: Partial<SteamDriverOptions>;
    server?: Partial<StartPayServerOptions>;
    clock?: TestClock;
  } = {},
): Promise<SteamStack> {
  const clock = options.clock ?? testClock();
  const steam = options.steam ?? (await startSteamEmulator({ now: clock.now }));
  const given = options.player;
  const player = given && 'overlay' in given ? given : steam.connectClient({ steamId: PLAYER_STEAM_ID, ...given });
  const state = options.driver?.state ?? createMemorySteamState();
  const driver = createSteamDriver({
    publisherKey: steam.publisherKey,
    appId: steam.appId,
    sandbox: true,
    apiUrl: steam.url,
    items: ITEMS,
    reversals: { pollToken: POLL_TOKEN },
    ...options.driver,
    state,
  });
  const server = await startPayServer({
    auth: { development: true },
    drivers: [driver],
    catalog: CATALOG,
    now: clock.now,
    ...options.server,
  });
  const coinslots: Coinslot[] = [];
  const request = (path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);
  return {
    steam,
    server,
    driver,
    state,
    clock,
    player,
    coinslot({ client, ...overrides } = {}) {
      const coinslot = createCoinslot({
        server: server.url,
        trustedKeys: server.payServer.publicKeys(),
        platform: 'electron-main',
        channels: { steam: async () => createSteamChannel({ steam: client ?? player }) },
        ...overrides,
      });
      coinslots.push(coinslot);
      return coinslot;
    },
    async bill(id) {
      const response = await request(`/v1/bills/${id}`);
      if (!response.ok) throw new Error(`GET /v1/bills/${id} answered ${response.status}`);
      return ((await response.json()) as { bill: Bill }).bill;
    },
    request,
    async close() {
      await Promise.all(coinslots.map((coinslot) => coinslot.dispose()));
      await server.close();
      if (!options.steam) await steam.close();
    },
  };
}

let players = 0;

/** A purchase of one chest of coins through core, for a fresh player id. */
export function buyCoins(coinslot: Coinslot, extra: { signal?: AbortSignal; deadlineMs?: number } = {}) {
  return coinslot.purchase({
    channel: 'steam',
    userId: `steam-player-${++players}`,
    itemId: 'coins-550',
    amount: 499,
    currency: 'USD',
    ...extra,
  });
}

/** Creates a bill over HTTP (development auth), as a game would before launching: answers it and its launch payload. */
export async function createBill(
  stack: SteamStack,
  itemId = 'coins-550',
): Promise<{ bill: Bill; launch: Record<string, unknown> }> {
  const response = await stack.request('/v1/bills', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `k-${crypto.randomUUID()}` },
    body: JSON.stringify({
      userId: `steam-player-${++players}`,
      itemId,
      quantity: 1,
      currency: 'USD',
      channel: 'steam',
    }),
  });
  if (response.status !== 201 && response.status !== 200)
    throw new Error(`POST /v1/bills answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { bill: Bill; launch: Record<string, unknown> };
}

/** Starts the bill's Steam order the way the adapter does (`POST initUrl`), for a SteamID. */
export function initOrder(launch: Record<string, unknown>, steamId = PLAYER_STEAM_ID, language = 'english') {
  return fetch(String(launch.initUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ steamId, language }),
  });
}

/** Reports a proof for a bill (`POST /v1/bills/:id/report`), as core does. */
export function report(stack: SteamStack, billId: string, proof: Record<string, unknown>) {
  return stack.request(`/v1/bills/${billId}/report`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ proof }),
  });
}
