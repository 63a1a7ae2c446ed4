import { isBillId } from '@coinslot/protocol';
import type { Bill, LaunchPayload } from '@coinslot/core';
import {
  ProtocolError,
  type ChannelDriver,
  type ChannelVerification,
  type DriverRouteContext,
} from '@coinslot/server/web';
import type { ChannelResult, OutcomeRunner } from './outcome-runner.js';

/** The header carrying the double's token on the notifications it sends itself. */
export const DOUBLE_TOKEN_HEADER = 'x-coinslot-double-token';

/** What a scripted driver needs from its double. */
export interface ScriptedDriverSetup {
  /** The channel id. */
  id: string;
  /** A per-double secret: notifications and checkout decisions must carry it. */
  token: string;
  /** Runs each bill's scripted outcome. */
  runner: OutcomeRunner;
  /** Extra launch payload fields for a new bill. */
  launch?: (bill: Readonly<Bill>) => LaunchPayload;
  /** Whether a client proof is genuine. */
  acceptProof: (proof: Record<string, unknown>, bill: Readonly<Bill>) => boolean;
}

const DECISIONS = ['approve', 'decline', 'cancel'] as const;
const TRANSITIONS = { paid: 'paid', declined: 'failed', cancelled: 'cancelled' } as const;
// `/v1/<channel>/checkout/<bill id>[/decide]`; the bill id is checked with the protocol's rule.
const CHECKOUT = /^\/v1\/[^/]+\/checkout\/([^/]+)(\/decide)?$/;

const refuse = (reason: string): ChannelVerification => ({ refused: true, reason });
const verdict = (
  bill: Pick<Bill, 'id' | 'amount' | 'currency'>,
  result: ChannelResult,
  reason?: string,
): ChannelVerification => ({
  billId: bill.id,
  transition: TRANSITIONS[result],
  ...(result === 'declined' ? { reason: reason ?? 'declined' } : {}),
  amount: bill.amount,
  currency: bill.currency,
});

/**
 * A channel driver for the reference server whose channel's server is the double's script. Its checkout speaks
 * the sandbox's language (`checkoutUrl`, `decideUrl`, `{ decision, mode }`), so the sandbox adapter runs on it too.
 */
export function createScriptedDriver(setup: ScriptedDriverSetup): ChannelDriver {
  const { id, token, runner } = setup;
  return {
    id,
    resultSource: ['server', 'client'],

    launch(bill, ctx) {
      const checkoutUrl = `${ctx.publicUrl}/v1/${id}/checkout/${bill.id}?token=${token}`;
      const decideUrl = `${ctx.publicUrl}/v1/${id}/checkout/${bill.id}/decide?token=${token}`;
      return { checkoutUrl, decideUrl, ...setup.launch?.(bill) };
    },

    async verifyNotification(request, rawBody) {
      if (request.headers.get(DOUBLE_TOKEN_HEADER) !== token) return refuse(`no valid ${DOUBLE_TOKEN_HEADER} header`);
      let body: { billId?: unknown; result?: unknown; amount?: unknown; currency?: unknown; reason?: unknown };
      try {
        body = JSON.parse(new TextDecoder().decode(rawBody)) as typeof body;
      } catch {
        return refuse('the body is not JSON');
      }
      const { billId, result, amount, currency, reason } = body;
      if (typeof billId !== 'string' || typeof amount !== 'number' || typeof currency !== 'string')
        return refuse('billId, amount and currency are required');
      if (result !== 'paid' && result !== 'declined' && result !== 'cancelled')
        return refuse('result must be paid, declined or cancelled');
      return verdict({ id: billId, amount, currency }, result, typeof reason === 'string' ? reason : undefined);
    },

    async verifyProof(bill, proof) {
      if (proof.billId !== undefined && proof.billId !== bill.id) return refuse('the proof is for another bill');
      if (!setup.acceptProof(proof, bill)) return refuse('acceptProof refused it');
      if (proof.decision === 'decline') return verdict(bill, 'declined');
      if (proof.decision === 'cancel') return verdict(bill, 'cancelled');
      const spec = await runner.proofResult(bill);
      if (spec.result === 'never')
        return refuse('the scripted outcome is never: the channel never confirms this payment');
      return verdict(bill, spec.result, spec.reason);
    },

    routes: (request, ctx) => checkoutRoutes(request, ctx, setup),
  };
}

async function checkoutRoutes(
  request: Request,
  ctx: DriverRouteContext,
  setup: ScriptedDriverSetup,
): Promise<Response | undefined> {
  const match = CHECKOUT.exec(ctx.url.pathname);
  if (!match || !isBillId(match[1])) return undefined;
  if (ctx.url.searchParams.get('token') !== setup.token) {
    throw new ProtocolError('INVALID_FIELD', 'token is not this checkout’s token', { field: 'token' });
  }
  const bill = await ctx.getBill(match[1]!);
  if (!bill) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${match[1]!}`);
  if (match[2] === undefined) {
    const page = `<!doctype html><title>Coinslot pay-server double</title><p>Checkout for bill ${bill.id} (${bill.amount} ${bill.currency}).</p>`;
    return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
  const body = await ctx.readJson(request);
  const decision = body.decision as (typeof DECISIONS)[number];
  if (!DECISIONS.includes(decision))
    throw new ProtocolError('INVALID_FIELD', 'decision must be approve, decline or cancel', { field: 'decision' });
  if (body.mode === 'client') {
    const proof = {
      billId: bill.id,
      decision,
      amount: bill.amount,
      currency: bill.currency,
      issuedAt: ctx.now(),
      signature: 'double',
    };
    return Response.json({ proof });
  }
  await setup.runner.decide(bill, decision);
  return Response.json({ ok: true });
}
