import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHECKOUT_DECISIONS, type CheckoutDecision } from './checkout-actions.js';
import { checkoutPage } from './checkout-page.js';
import type { StripeControls } from './emulator-controls.js';
import { readText, sendHtml, sendJson } from './emulator-http.js';
import { StripeApiError } from './stripe-api-error.js';
import type { StripeLedger } from './stripe-ledger.js';

/** The hosted page of a session: `/c/pay/<session id>` (Stripe's own is `checkout.stripe.com/c/pay/<id>`). */
export const PAGE_PATH = /^\/c\/pay\/([^/]+)$/;

const CONTROL = /^\/_emulator\/(?:checkout\/([^/]+)\/(decide|settle)|disputes(?:\/([^/]+)\/close)?)$/;

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(request);
  const value: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new StripeApiError(400, 'The body must be a JSON object.');
  return value as Record<string, unknown>;
}

const optional = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The emulator's own routes, which Stripe has no API for (they stand for the player, the bank and the card
 * networks): the hosted page, and `POST /_emulator/…` with JSON bodies —
 * `checkout/:id/decide` `{ decision }`, `checkout/:id/settle` `{ outcome: "succeeded" | "failed" }`,
 * `disputes` `{ payment_intent | charge, reason?, inquiry? }` and `disputes/:id/close` `{ status: "won" | "lost" }`.
 * Refunds and expiries use Stripe's real API (`POST /v1/refunds`, `POST /v1/checkout/sessions/:id/expire`).
 * @returns whether the route was one of these
 */
export async function controlRoutes(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  { ledger, controls }: { ledger: StripeLedger; controls: StripeControls },
): Promise<boolean> {
  const page = PAGE_PATH.exec(url.pathname);
  if (page && request.method === 'GET') {
    const record = ledger.sessions.has(page[1]!) ? ledger.session(page[1]!) : undefined;
    if (!record) sendHtml(response, 404, '<!doctype html><title>Not found</title><p>No such Checkout Session.</p>');
    else sendHtml(response, 200, checkoutPage(record, `/_emulator/checkout/${record.session.id}/decide`));
    return true;
  }
  const control = CONTROL.exec(url.pathname);
  if (!control || request.method !== 'POST') return false;
  try {
    const body = await readJson(request);
    const [, sessionId, action, disputeId] = control;
    if (action === 'decide') {
      const decision = body.decision as CheckoutDecision;
      if (!CHECKOUT_DECISIONS.includes(decision))
        throw new StripeApiError(400, `decision must be one of ${CHECKOUT_DECISIONS.join(', ')}`);
      const step = await controls.decide(sessionId!, decision);
      sendJson(response, 200, {
        redirect: step.redirect,
        message: step.message ?? null,
        events: step.events.map((e) => e.id),
      });
    } else if (action === 'settle') {
      if (body.outcome !== 'succeeded' && body.outcome !== 'failed')
        throw new StripeApiError(400, 'outcome must be "succeeded" or "failed"');
      const events = await controls.settleDelayed(sessionId!, body.outcome);
      sendJson(response, 200, { events: events.map((e) => e.id) });
    } else if (disputeId !== undefined) {
      if (body.status !== 'won' && body.status !== 'lost')
        throw new StripeApiError(400, 'status must be "won" or "lost"');
      const events = await controls.closeDispute(disputeId, body.status);
      sendJson(response, 200, { events: events.map((e) => e.id) });
    } else {
      const paymentIntent = optional(body.payment_intent);
      const charge = optional(body.charge);
      const reason = optional(body.reason);
      const dispute = await controls.dispute({
        ...(paymentIntent ? { paymentIntent } : {}),
        ...(charge ? { charge } : {}),
        ...(reason ? { reason } : {}),
        inquiry: body.inquiry === true,
      });
      sendJson(response, 200, dispute);
    }
  } catch (error) {
    const apiError = error instanceof StripeApiError ? error : new StripeApiError(400, String(error));
    sendJson(response, apiError.status, apiError.toJSON());
  }
  return true;
}
