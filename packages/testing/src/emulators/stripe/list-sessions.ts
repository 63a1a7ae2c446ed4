import type { FormObject } from './form-params.js';
import { objectParam, optionalInteger, optionalText, rejectUnknownParams } from './form-readers.js';
import { invalidParam, noSuch } from './stripe-api-error.js';
import type { StripeLedger } from './stripe-ledger.js';
import type { CheckoutSessionObject } from './stripe-objects.js';

/** A page of a Stripe list: `{ object: 'list', data, has_more, url }`. */
export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** `created` as Stripe takes it: a timestamp, or a range `{ gt?, gte?, lt?, lte? }` (lists of sessions and balance transactions). */
export function createdFilter(params: FormObject): (created: number) => boolean {
  if (params.created === undefined) return () => true;
  if (typeof params.created === 'string') {
    const exact = optionalInteger(params, 'created');
    return (created) => created === exact;
  }
  const range = objectParam(params, 'created');
  rejectUnknownParams(range, ['gt', 'gte', 'lt', 'lte'], 'created');
  const gt = optionalInteger(range, 'gt', 'created[gt]');
  const gte = optionalInteger(range, 'gte', 'created[gte]');
  const lt = optionalInteger(range, 'lt', 'created[lt]');
  const lte = optionalInteger(range, 'lte', 'created[lte]');
  return (created) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}

/**
 * `GET /v1/checkout/sessions`: newest first, filtered by `created`, `status` and `payment_intent`, paged with
 * `limit` (1–100, default 10) and `starting_after` — enough for the official libraries' auto-pagination.
 * `ending_before` and the other filters are refused as unknown.
 */
export function listSessions(ledger: StripeLedger, params: FormObject): ListPage<CheckoutSessionObject> {
  rejectUnknownParams(params, ['created', 'limit', 'starting_after', 'status', 'payment_intent']);
  const limit = optionalInteger(params, 'limit', 'limit', 1) ?? 10;
  if (limit > 100) throw invalidParam('limit', 'Invalid limit: must be at most 100');
  const inRange = createdFilter(params);
  const status = optionalText(params, 'status');
  const intent = optionalText(params, 'payment_intent');
  const all = [...ledger.sessions.keys()]
    .map((id) => ledger.session(id).session)
    .reverse()
    .sort((a, b) => b.created - a.created)
    .filter((session) => inRange(session.created))
    .filter((session) => status === undefined || session.status === status)
    .filter((session) => intent === undefined || session.payment_intent === intent);
  const after = optionalText(params, 'starting_after');
  let start = 0;
  if (after !== undefined) {
    const index = all.findIndex((session) => session.id === after);
    if (index < 0) throw noSuch('checkout.session', after, 'starting_after');
    start = index + 1;
  }
  const data = all.slice(start, start + limit);
  return { object: 'list', data, has_more: start + limit < all.length, url: '/v1/checkout/sessions' };
}
