import { generateServerKey } from '@coinslot/backend';
import { afterAll, beforeAll } from 'vitest';
import { startGameServers, type RunningGameServers } from '../../server/start-game-servers.js';
import { findCoinPack } from '../../src/shared/shop-items.js';

/** The tests read bills as a game backend would: with a server key the pay server accepts (`npm start` gives none). */
export const TEST_SERVER_KEY = generateServerKey();

/**
 * The game's backend and pay server (the code `npm start` runs) on free loopback ports, for one test file. No browser
 * calls them here, so no CORS origin: the default, `app://game`, is refused by the pay server today (its
 * `corsOrigins` takes http(s) origins only; see the README).
 */
export function useGameServers(): () => RunningGameServers {
  let servers: RunningGameServers | undefined;
  beforeAll(async () => {
    servers = await startGameServers({ port: 0, serverKeys: [TEST_SERVER_KEY] });
  });
  afterAll(async () => servers?.close());
  return () => servers!;
}

/** Log in to the game backend as `playerId` and answer a player token for them, as the main process gets one. */
export async function playerTokenFor(gameBackend: string, playerId: string): Promise<string> {
  const post = (path: string, body: unknown, session?: string) =>
    fetch(`${gameBackend}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(session && { authorization: `Bearer ${session}` }) },
      body: JSON.stringify(body),
    });
  const { session } = (await (await post('/api/login', { name: playerId })).json()) as { session: string };
  return ((await (await post('/api/coinslot-token', {}, session)).json()) as { token: string }).token;
}

/** What a test bill is for, and what the sandbox checkout decides (`none`: left unpaid). */
export interface TestBill {
  userId: string;
  itemId?: string;
  quantity?: number;
  decision?: 'approve' | 'decline' | 'cancel' | 'none';
}

/**
 * Create a real bill on the pay server as player `userId` (with a player token from the game backend) and decide it
 * in the sandbox checkout, as a player would (`POST decideUrl`, which makes the sandbox notify the server, signed with
 * its secret). Answers the bill id.
 */
export async function createTestBill(
  servers: RunningGameServers,
  { userId, itemId = 'coins-550', quantity = 1, decision = 'approve' }: TestBill,
): Promise<string> {
  const pack = findCoinPack(itemId) ?? { amount: 100, currency: 'USD' };
  const token = await playerTokenFor(servers.backend.url, userId);
  const created = await fetch(`${servers.config.payServer}/v1/bills`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      itemId,
      quantity,
      amount: pack.amount * quantity,
      currency: pack.currency,
      channel: 'sandbox',
    }),
  });
  if (!created.ok) throw new Error(`POST /v1/bills answered ${created.status}: ${await created.text()}`);
  const { bill, launch } = (await created.json()) as { bill: { id: string }; launch: { decideUrl: string } };
  if (decision !== 'none') {
    const decided = await fetch(launch.decideUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision, mode: 'server' }),
    });
    if (!decided.ok) throw new Error(`the sandbox decision answered ${decided.status}: ${await decided.text()}`);
  }
  return bill.id;
}

/** The bill on the pay server now (`GET /v1/bills/:id` with the tests' server key; unsigned: for assertions only). */
export async function serverBill(payServer: string, billId: string): Promise<{ state: string; userId: string }> {
  const response = await fetch(`${payServer}/v1/bills/${billId}`, {
    headers: { authorization: `Bearer ${TEST_SERVER_KEY}` },
  });
  if (!response.ok) throw new Error(`GET /v1/bills/${billId} answered ${response.status}`);
  return ((await response.json()) as { bill: { state: string; userId: string } }).bill;
}

/** The bill's state on the pay server now. */
export const billState = async (payServer: string, billId: string): Promise<string> =>
  (await serverBill(payServer, billId)).state;
