import { isBillId } from '@coinslot/protocol';
import { htmlResponse, jsonResponse } from '../../http/json-response.js';
import { ProtocolError } from '../../http/protocol-error.js';
import { randomToken } from '../../signing/random-token.js';
import { optionalOneOf, rejectUnknownFields, requiredOneOf } from '../../validation/validators.js';
import type { DriverRouteContext } from '../channel-driver.js';
import { checkoutPage, checkoutPolicy } from './checkout-page.js';
import { notifySelf } from './notify-self.js';
import { checkReturnUrl, type ReturnUrlOrigins } from './return-url.js';
import { reverseBill } from './reverse-bill.js';
import type { SandboxSecret } from './sandbox-crypto.js';
import { SANDBOX_DECISIONS, proofSigningText, type SandboxProof, type SandboxStatement } from './sandbox-messages.js';
import type { SandboxLedger } from './sandbox-ledger.js';
import type { SandboxReversal } from './sandbox-reversals.js';

// `/v1/<channel>/checkout/<bill id>[/decide|/refund|/chargeback]`; the bill id is checked with the protocol's rule below.
const CHECKOUT = /^\/v1\/([^/]+)\/checkout\/([^/]+)(?:\/(decide|refund|chargeback))?$/;

async function requireBill(ctx: DriverRouteContext, secret: SandboxSecret, billId: string) {
  const token = ctx.url.searchParams.get('token') ?? '';
  if (!(await secret.checkToken(billId, token))) {
    throw new ProtocolError('INVALID_FIELD', 'token is not this bill’s checkout token', { field: 'token' });
  }
  const bill = await ctx.getBill(billId);
  if (!bill) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${billId}`);
  return bill;
}

/** What the sandbox's routes need from its driver. */
export interface SandboxRouteOptions {
  driverId: string;
  secret: SandboxSecret;
  returnUrlOrigins: ReturnUrlOrigins;
  /** What the sandbox moved: its settlement (sandbox-ledger.ts). */
  ledger: SandboxLedger;
}

/** The checkout page's own headers: no framing (clickjacking), no referrer, its nonce'd script only. */
function pageHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': checkoutPolicy(nonce),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

/**
 * The sandbox channel's pages: `GET /v1/sandbox/checkout/:billId?token=T` (the checkout page) and
 * `POST …/decide?token=T` with `{ decision, mode }`. Server mode sends a signed notification through the
 * pay server's real notify path; client mode answers a signed proof for the adapter to report. For development,
 * `POST …/refund?token=T` and `…/chargeback?token=T` reverse a paid bill's payment (reverse-bill.ts).
 */
export async function sandboxRoutes(
  request: Request,
  ctx: DriverRouteContext,
  { driverId, secret, returnUrlOrigins, ledger }: SandboxRouteOptions,
): Promise<Response | undefined> {
  const match = CHECKOUT.exec(ctx.url.pathname);
  if (!match || match[1] !== driverId || !isBillId(match[2])) return undefined;
  const billId = match[2]!;
  const action = match[3] as 'decide' | SandboxReversal | undefined;
  const method = action ? 'POST' : 'GET';
  if (request.method !== method) {
    throw new ProtocolError('METHOD_NOT_ALLOWED', `${ctx.url.pathname} answers ${method}`, {
      headers: { allow: method },
    });
  }
  const bill = await requireBill(ctx, secret, billId);
  if (action === 'refund' || action === 'chargeback')
    return reverseBill(request, ctx, { driverId, secret, ledger }, bill, action);
  if (!action) {
    const rawReturnUrl = ctx.url.searchParams.get('returnUrl');
    const returnUrl =
      rawReturnUrl === null ? undefined : checkReturnUrl(rawReturnUrl, returnUrlOrigins, new URL(ctx.publicUrl).origin);
    const nonce = randomToken(16);
    const token = encodeURIComponent(ctx.url.searchParams.get('token')!);
    const actionUrl = (name: string) => `${billId}/${name}?token=${token}`;
    const reverseUrls = { refund: actionUrl('refund'), chargeback: actionUrl('chargeback') };
    const page = checkoutPage({ bill, nonce, decideUrl: actionUrl('decide'), reverseUrls, returnUrl });
    return htmlResponse(200, page, pageHeaders(nonce));
  }

  const body = await ctx.readJson(request);
  rejectUnknownFields(body, ['decision', 'mode']);
  const decision = requiredOneOf(body, 'decision', SANDBOX_DECISIONS);
  const mode = optionalOneOf(body, 'mode', ['server', 'client'] as const, 'server');
  const statement: SandboxStatement = {
    billId,
    decision,
    amount: bill.amount,
    currency: bill.currency,
    issuedAt: ctx.now(),
  };
  // The channel took the money once it approved a bill not paid before, whether or not the pay server hears of it.
  if (decision === 'approve' && bill.paidAt === undefined)
    ledger.record(billId, 'payment', bill.amount, bill.currency, statement.issuedAt);
  if (mode === 'client') {
    const proof: SandboxProof = { ...statement, signature: await secret.signHex(proofSigningText(statement)) };
    return jsonResponse(200, { proof });
  }
  const answer = await notifySelf(ctx, driverId, secret, statement);
  return answer.ok ? jsonResponse(200, { ok: true }) : answer;
}
