import type { Bill } from '@coinslot/protocol';
import type { Game, TwoGames } from './many-games-server.js';
import { approve, buyGem } from './many-games-server.js';
import { call, type TestServer } from './helpers.js';

/** The test servers' clock: noon UTC of the settlement day the tests reconcile, far from both midnights. */
export const DAY = '2026-03-10';
export const NOON = Date.parse(`${DAY}T12:00:00Z`);

/** Buys a gem in `game` and pays it through the game's sandbox checkout; answers the bill and its launch payload. */
export async function paidGem(server: TestServer, game: Game, userId: string) {
  const { bill, launch } = await buyGem(server, game, userId);
  await approve(server, launch);
  return { bill, launch };
}

/** Refunds a paid bill through its sandbox checkout's control (the channel refunds and tells the server). */
export async function refundAtSandbox(server: TestServer, launch: Record<string, string>): Promise<void> {
  const checkout = new URL(launch.checkoutUrl!);
  const answer = await call(server, `${checkout.pathname}/refund${checkout.search}`, { json: {} });
  if (answer.status !== 200) throw new Error(`refund answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** A sandbox settlement file (docs/reconciliation.md) of `lines`: `[billId, type, amount, currency]`, at noon. */
export function sandboxFile(lines: [string, string, number, string][]): string {
  const rows = lines.map(
    ([billId, type, amount, currency], i) =>
      `sbx_test${i},${billId},${type},${amount},${currency},${DAY}T12:00:00.000Z`,
  );
  return `sandbox_trade_no,bill_id,type,amount,currency,occurred_at\r\n${rows.join('\r\n')}\r\n`;
}

/** The kind of each item by bill id (bill-less items under `''`). */
export function kindsByBill(items: { billId: string | null; kind: string }[]): Record<string, string> {
  return Object.fromEntries(items.map((item) => [item.billId ?? '', item.kind]));
}

/** Admin calls with `key`. */
export function adminCalls(games: TwoGames, key: string) {
  const authorization = `Bearer ${key}`;
  return {
    run: (json: Record<string, unknown>) =>
      call(games.server, '/v1/admin/reconciliations', { json, headers: { authorization } }),
    upload: (query: string, body: string) =>
      call(games.server, `/v1/admin/reconciliations/upload?${query}`, {
        method: 'POST',
        body,
        headers: { authorization, 'content-type': 'text/csv' },
      }),
    get: (path: string) => call(games.server, path, { headers: { authorization } }),
  };
}

/** The bill as the store holds it, paid here without the channel ever taking the money (a planted mismatch). */
export function paidHereOnly(bill: Bill, at: number): Bill {
  return { ...bill, state: 'paid', paidAt: at, updatedAt: at };
}
