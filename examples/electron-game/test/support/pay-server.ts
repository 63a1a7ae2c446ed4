import type { RunningPayServer } from '@coinslot/server';
import { afterAll, beforeAll } from 'vitest';
import { startGamePayServer } from '../../server/start-game-pay-server.js';
import { findCoinPack } from '../../src/shared/shop-items.js';

/** The game's pay server (the code `npm start` runs) on a free loopback port, for one test file. */
export function useGamePayServer(): () => RunningPayServer {
  let server: RunningPayServer | undefined;
  beforeAll(async () => {
    server = await startGamePayServer({ port: 0 });
  });
  afterAll(async () => server?.close());
  return () => server!;
}

/** What a test bill is for, and what the sandbox checkout decides (`none`: left unpaid). */
export interface TestBill {
  userId: string;
  itemId?: string;
  quantity?: number;
  decision?: 'approve' | 'decline' | 'cancel' | 'none';
}

/**
 * Create a real bill on the pay server and decide it in the sandbox checkout, as a player would (`POST decideUrl`,
 * which makes the sandbox notify the server, signed with its secret). Answers the bill id.
 */
export async function createTestBill(payServer: string, { userId, itemId = 'coins-550', quantity = 1, decision = 'approve' }: TestBill): Promise<string> {
  const pack = findCoinPack(itemId) ?? { amount: 100, currency: 'USD' };
  const created = await fetch(`${payServer}/v1/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ userId, itemId, quantity, amount: pack.amount * quantity, currency: pack.currency, channel: 'sandbox' }),
  });
  if (!created.ok) throw new Error(`POST /v1/bills answered ${created.status}: ${await created.text()}`);
  const { bill, launch } = (await created.json()) as { bill: { id: string }; launch: { decideUrl: string } };
  if (decision !== 'none') {
    const decided = await fetch(launch.decideUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision, mode: 'server' }) });
    if (!decided.ok) throw new Error(`the sandbox decision answered ${decided.status}: ${await decided.text()}`);
  }
  return bill.id;
}

/** The bill's state on the pay server now (`GET /v1/bills/:id`, unsigned: for assertions only). */
export async function billState(payServer: string, billId: string): Promise<string> {
  const response = await fetch(`${payServer}/v1/bills/${billId}`);
  return ((await response.json()) as { bill: { state: string } }).bill.state;
}
