import type { Bill, ListedEvent } from '@coinslot/protocol';
import { expectRefusedOnBills, needsCredentials, targetsOf } from '../auth-probes.js';
import { check } from '../check-failure.js';
import type { CheckContext, PayServerCheck } from '../check-context.js';
import { expectStatus } from '../expect-answer.js';
import type { ResolvedPayServerOptions } from '../pay-server-options.js';

/** Why the cross-game checks cannot run with these options, or `undefined`. */
const needsOtherGame = (options: ResolvedPayServerOptions): string | undefined =>
  needsCredentials(options) ??
  (options.otherGame
    ? undefined
    : 'needs the credentials of another game on the same server (otherGame: { serverKey, playerToken })');

/** Game B's credentials as [who, credential]: its server key, and its player token for game A's own player id. */
async function otherGameCredentials(ctx: CheckContext): Promise<Array<[string, string, 'server' | 'player']>> {
  const { serverKey, playerToken } = ctx.options.otherGame!;
  const found: Array<[string, string, 'server' | 'player']> = [];
  if (serverKey) found.push(['game B’s server key', serverKey, 'server']);
  if (playerToken) {
    const who = `game B’s player token for ${ctx.bills.userId} (the same player id as in game A)`;
    found.push([who, await playerToken(ctx.bills.userId), 'player']);
  }
  return found;
}

/** The bill ids `GET /v1/events` lists to `credential`, walking every page (at most 100 of 1 000). */
async function pulledBillIds(ctx: CheckContext, credential: string, who: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let after = '0';
  for (let page = 0; page < 100; page += 1) {
    const answer = await ctx.http.call(`/v1/events?after=${after}&limit=1000`, { credential });
    expectStatus(answer, 200, `${who} on GET /v1/events`);
    // A `reconciliation.mismatch` event (§10) names no bill: only bills' events count here.
    for (const event of answer.body.events as ListedEvent[]) if ('bill' in event.data) ids.add(event.data.bill.id);
    if (!answer.body.more) break;
    after = answer.body.next;
  }
  return ids;
}

/**
 * Game A is the run's own game (its credentials are the suite's `auth`), game B the server's other game
 * (`otherGame`). A credential belongs to one game and reaches that game's bills only (docs/protocol.md §1 "Apps").
 */
export const crossGameChecks: PayServerCheck[] = [
  {
    id: 'cross-game-bills',
    title:
      'another game’s server key, and its player token for the same player id, on each of this game’s bill endpoints (read, wait, report, cancel, deliver) answer 404 BILL_NOT_FOUND and change nothing',
    section: '§1 Apps',
    unavailable: needsOtherGame,
    async run(ctx) {
      const targets = await targetsOf(ctx.bills);
      for (const [who, credential] of await otherGameCredentials(ctx)) {
        await expectRefusedOnBills(ctx, targets, credential, ['BILL_NOT_FOUND'], who);
      }
    },
  },
  {
    id: 'cross-game-list-events',
    title:
      'another game’s credentials list none of this game’s bills (GET /v1/bills), and its server key pulls none of this game’s events (GET /v1/events)',
    section: '§1 Apps, §10 GET /v1/events',
    unavailable: needsOtherGame,
    async run(ctx) {
      const { bill } = await ctx.bills.inState('paid');
      for (const [who, credential, kind] of await otherGameCredentials(ctx)) {
        const query = kind === 'server' ? `user=${encodeURIComponent(ctx.bills.userId)}&state=paid` : 'state=paid';
        const list = await ctx.http.call(`/v1/bills?${query}`, { credential });
        expectStatus(list, 200, `${who} on GET /v1/bills?${query}`);
        const ids = (list.body.bills as Bill[]).map((listed) => listed.id);
        check(!ids.includes(bill.id), `${who} listed game A’s paid bill ${bill.id} (GET /v1/bills?${query})`);
        if (kind !== 'server') continue;
        const pulled = await pulledBillIds(ctx, credential, who);
        check(!pulled.has(bill.id), `${who} pulled game A’s event of bill ${bill.id} from GET /v1/events`);
      }
      const ownKey = ctx.options.auth.serverKey;
      if (ownKey === undefined) return ctx.note('no server key of game A: its own pull (the control) was not read');
      // The control: game A's own key pulls the event, so its absence above is the server's scoping, not a lag.
      const own = await pulledBillIds(ctx, ownKey, 'game A’s server key');
      check(own.has(bill.id), `game A’s server key did not pull the event of its paid bill ${bill.id}`);
    },
  },
];
