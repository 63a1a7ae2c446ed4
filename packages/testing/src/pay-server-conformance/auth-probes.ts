import type { Bill, ServerErrorCode } from '@coinslot/protocol';
import type { BillFactory, CreatedBill } from './bill-factory.js';
import { check, checkEqual } from './check-failure.js';
import type { CheckContext } from './check-context.js';
import { expectOneOf } from './expect-answer.js';
import type { Answer } from './http-client.js';
import type { ResolvedPayServerOptions } from './pay-server-options.js';
import { randomToken } from './random-token.js';

/** A credential to send as `Bearer …` (`null`: no `Authorization`), or a whole `Authorization` header. */
export type Presented = string | null | { header: string };

const init = (presented: Presented) =>
  presented !== null && typeof presented === 'object'
    ? { headers: { authorization: presented.header } }
    : { credential: presented };

/** One endpoint about one bill (docs/protocol.md §2): `paid` says it needs a paid bill to change something. */
export interface BillEndpoint {
  name: string;
  paid: boolean;
  send(ctx: CheckContext, bill: Bill, presented: Presented): Promise<Answer>;
}

/** Every endpoint about one bill, each sent so that it would change the bill if the server let it through. */
export const BILL_ENDPOINTS: readonly BillEndpoint[] = [
  { name: 'GET /v1/bills/:id', paid: false, send: (ctx, bill, p) => ctx.http.call(`/v1/bills/${bill.id}`, init(p)) },
  {
    name: 'GET …/result',
    paid: false,
    send: (ctx, bill, p) => ctx.http.call(`/v1/bills/${bill.id}/result?wait=0&nonce=${randomToken(18)}`, init(p)),
  },
  {
    name: 'POST …/report (a valid approve proof)',
    paid: false,
    send: (ctx, bill, p) =>
      ctx.http.call(`/v1/bills/${bill.id}/report`, {
        json: { proof: ctx.sandbox.proof(ctx.sandbox.statement(bill, 'approve')) },
        ...init(p),
      }),
  },
  {
    name: 'POST …/cancel',
    paid: false,
    send: (ctx, bill, p) => ctx.http.call(`/v1/bills/${bill.id}/cancel`, { json: {}, ...init(p) }),
  },
  {
    name: 'POST …/deliver',
    paid: true,
    send: (ctx, bill, p) => ctx.http.call(`/v1/bills/${bill.id}/deliver`, { json: {}, ...init(p) }),
  },
];

/** An open and a paid bill of one player: what the probes try to read and change. */
export interface Targets {
  open: CreatedBill;
  paid: CreatedBill;
}

export async function targetsOf(bills: BillFactory): Promise<Targets> {
  return { open: await bills.open(), paid: await bills.inState('paid') };
}

/** What identifies a change: the state and `updatedAt`, read with the owner's own credential. */
async function snapshot(ctx: CheckContext, id: string) {
  const { state, updatedAt } = await ctx.bills.read(id);
  return { state, updatedAt };
}

/** Sends `presented` to every bill endpoint of `targets`; each must answer one of `codes` and change nothing. */
export async function expectRefusedOnBills(
  ctx: CheckContext,
  targets: Targets,
  presented: Presented,
  codes: readonly ServerErrorCode[],
  who: string,
): Promise<void> {
  for (const endpoint of BILL_ENDPOINTS) {
    const { bill } = endpoint.paid ? targets.paid : targets.open;
    const before = await snapshot(ctx, bill.id);
    const what = `${who} on ${endpoint.name} of a ${bill.state} bill`;
    expectOneOf(await endpoint.send(ctx, bill, presented), codes, what);
    checkEqual(
      await snapshot(ctx, bill.id),
      before,
      `${what}: the bill's state and updatedAt read with its owner's credential before and after`,
    );
  }
}

/** The ids of `userId`'s bills in `state`, listed with the suite's own credential for that player. */
async function listed(ctx: CheckContext, userId: string, state: string): Promise<string[]> {
  const answer = await ctx.http.call(`/v1/bills?user=${encodeURIComponent(userId)}&state=${state}`);
  check(
    answer.status === 200 && Array.isArray(answer.body?.bills),
    `listing ${userId}'s ${state} bills with their own credential answered ${answer.status}`,
  );
  return answer.body.bills.map((bill: Bill) => bill.id);
}

/** A create for `bills`' player and a listing of its bills with `presented`: each must answer one of `codes`, and no bill is made. */
export async function expectRefusedOnCreateAndList(
  ctx: CheckContext,
  bills: BillFactory,
  presented: Presented,
  codes: readonly ServerErrorCode[],
  who: string,
): Promise<void> {
  const before = await listed(ctx, bills.userId, 'created');
  const create = await ctx.http.call('/v1/bills', {
    json: bills.body(),
    headers: { 'idempotency-key': randomToken() },
    ...init(presented),
  });
  expectOneOf(create, codes, `${who} on POST /v1/bills for ${bills.userId}`);
  checkEqual(
    await listed(ctx, bills.userId, 'created'),
    before,
    `${who}: ${bills.userId}'s open bills before and after the create`,
  );
  const list = await ctx.http.call(`/v1/bills?user=${encodeURIComponent(bills.userId)}&state=paid`, init(presented));
  expectOneOf(list, codes, `${who} on GET /v1/bills?user=${bills.userId}`);
}

/** The bill token a create answered; fails when a server with credentials answered none (§2). */
export function billTokenOf(created: CreatedBill): string {
  check(
    created.billToken !== undefined,
    `POST /v1/bills answered no billToken for bill ${created.bill.id} (§2: the creator gets the bill's token)`,
  );
  return created.billToken;
}

/** Why a credential check cannot run in development mode, or `undefined`. */
export const needsCredentials = ({ auth }: ResolvedPayServerOptions): string | undefined =>
  auth.mode === 'development'
    ? 'development mode has no credentials: every caller acts for any player (§2)'
    : undefined;

/** Why a check about player tokens cannot run in this mode, or `undefined`. */
export const needsPlayerTokens = ({ auth }: ResolvedPayServerOptions): string | undefined =>
  auth.mode === 'player-tokens'
    ? undefined
    : `needs player tokens (auth.mode 'player-tokens'); this run is in ${auth.mode} mode`;
