import { readSessionParams } from './checkout-session-params.js';
import type { FormObject } from './form-params.js';
import { metadataParam, optionalInteger, optionalText, rejectUnknownParams } from './form-readers.js';
import { listBalanceTransactions } from './balance-transactions.js';
import { listSessions } from './list-sessions.js';
import { refund } from './money-actions.js';
import { invalidParam, noSuch, StripeApiError } from './stripe-api-error.js';
import type { StripeLedger } from './stripe-ledger.js';
import type { RefundObject } from './stripe-objects.js';

/** One call of the emulated API, authenticated and decoded. */
export interface ApiCall {
  method: string;
  path: string;
  params: FormObject;
}

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

function readRefund(ledger: StripeLedger, params: FormObject) {
  rejectUnknownParams(params, ['payment_intent', 'charge', 'amount', 'reason', 'metadata']);
  const reason = optionalText(params, 'reason');
  if (reason !== undefined && !REFUND_REASONS.includes(reason))
    throw invalidParam('reason', `Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`);
  const paymentIntent = optionalText(params, 'payment_intent');
  const charge = optionalText(params, 'charge');
  const amount = optionalInteger(params, 'amount', 'amount', 1);
  return refund(ledger, {
    ...(paymentIntent ? { paymentIntent } : {}),
    ...(charge ? { charge } : {}),
    ...(amount !== undefined ? { amount } : {}),
    ...(reason ? { reason: reason as RefundObject['reason'] } : {}),
    metadata: metadataParam(params, 'metadata'),
  }).refund;
}

function noParams(params: FormObject): void {
  if (params.expand !== undefined)
    throw invalidParam('expand', 'The Stripe emulator does not expand objects; retrieve them by id instead.');
  rejectUnknownParams(params, []);
}

type Route = [method: string, path: RegExp, answer: (ledger: StripeLedger, params: FormObject, id: string) => object];

const ROUTES: Route[] = [
  [
    'POST',
    /^\/v1\/checkout\/sessions$/,
    (ledger, params) => ledger.createSession(readSessionParams(params, ledger.nowSeconds())),
  ],
  ['GET', /^\/v1\/checkout\/sessions$/, (ledger, params) => listSessions(ledger, params)],
  [
    'GET',
    /^\/v1\/checkout\/sessions\/([^/]+)$/,
    (ledger, params, id) => (noParams(params), ledger.session(id).session),
  ],
  [
    'POST',
    /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/,
    (ledger, params, id) => {
      noParams(params);
      const record = ledger.session(id);
      if (record.session.status !== 'open')
        throw new StripeApiError(
          400,
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${record.session.status}".`,
        );
      ledger.expire(record);
      return record.session;
    },
  ],
  ['GET', /^\/v1\/payment_intents\/([^/]+)$/, (ledger, params, id) => (noParams(params), ledger.intent(id))],
  ['GET', /^\/v1\/charges\/([^/]+)$/, (ledger, params, id) => (noParams(params), ledger.charge(id))],
  ['GET', /^\/v1\/disputes\/([^/]+)$/, (ledger, params, id) => (noParams(params), ledger.dispute(id))],
  ['POST', /^\/v1\/refunds$/, (ledger, params) => readRefund(ledger, params)],
  ['GET', /^\/v1\/balance_transactions$/, (ledger, params) => listBalanceTransactions(ledger, params)],
  [
    'GET',
    /^\/v1\/refunds\/([^/]+)$/,
    (ledger, params, id) => {
      noParams(params);
      const found = ledger.refunds.get(id);
      if (!found) throw noSuch('refund', id);
      return found;
    },
  ],
  [
    'GET',
    /^\/v1\/events\/([^/]+)$/,
    (ledger, params, id) => {
      noParams(params);
      const event = ledger.events.find((candidate) => candidate.id === id);
      if (!event) throw noSuch('event', id);
      return event;
    },
  ],
];

/**
 * The emulated subset of Stripe's API (api.stripe.com/v1), each route answering like Stripe's:
 * - `POST /v1/checkout/sessions`, `GET /v1/checkout/sessions/:id`, `GET /v1/checkout/sessions` (list),
 *   `POST /v1/checkout/sessions/:id/expire`;
 * - `GET /v1/payment_intents/:id`, `GET /v1/charges/:id`, `GET /v1/disputes/:id`, `GET /v1/events/:id`;
 * - `POST /v1/refunds` (by `payment_intent` or `charge`), `GET /v1/refunds/:id`;
 * - `GET /v1/balance_transactions` (list, `expand[]=data.source`).
 * @throws StripeApiError for anything Stripe would refuse (the caller answers it in Stripe's error envelope)
 */
export function callApi(ledger: StripeLedger, { method, path, params }: ApiCall): object {
  for (const [routeMethod, pattern, answer] of ROUTES) {
    const match = pattern.exec(path);
    if (match && routeMethod === method) return answer(ledger, params, decodeURIComponent(match[1] ?? ''));
  }
  throw new StripeApiError(404, `Unrecognized request URL (${method}: ${path}).`, { code: 'resource_missing' });
}
