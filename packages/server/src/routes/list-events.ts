import type { AnyEventBody, EventPage, ListedEvent } from '@coinslot/protocol';
import { authenticateEventReader } from '../auth/event-log-access.js';
import { jsonResponse } from '../http/json-response.js';
import { ProtocolError } from '../http/protocol-error.js';
import type { RouteHandler } from '../server-context.js';
import type { StoredEvent } from '../store/event-outbox.js';
import { queryFields, type Fields } from '../validation/validators.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** A decimal query parameter in `[min, max]`, or `fallback` when absent; else `400 INVALID_FIELD` naming it. */
function decimalParam(query: Fields, field: string, min: number, max: number, fallback: number): number {
  if (!Object.hasOwn(query, field)) return fallback;
  const text = query[field] as string;
  const value = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ProtocolError('INVALID_FIELD', `${field} must be a decimal integer from ${min} to ${max}`, { field });
  }
  return value;
}

/** An event as the pull API lists it: its stored body with its id and cursor. */
function listed(event: StoredEvent): ListedEvent {
  const body = JSON.parse(event.body) as AnyEventBody;
  return { id: event.id, ...body, cursor: String(event.seq) };
}

/**
 * `GET /v1/events?after=<cursor>&limit=<n>` (protocol §10): the events recorded after the cursor, oldest first, for a
 * game backend that missed webhooks or takes no webhooks at all. Server key only; its own game's events only (the
 * cursor is the server's, so a game sees gaps where other games' events are).
 */
export const listEvents: RouteHandler = async ({ request, url }, ctx) => {
  const identity = await authenticateEventReader(request, ctx.apps);
  await ctx.limits.rate.charge('other', identity, request);
  const query = queryFields(url);
  const after = decimalParam(query, 'after', 0, Number.MAX_SAFE_INTEGER, 0);
  const limit = decimalParam(query, 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT);
  const stored = await ctx.store.listEvents(after, limit + 1, identity.appId);
  const events = stored.slice(0, limit).map(listed);
  const page: EventPage = { events, next: events.at(-1)?.cursor ?? String(after), more: stored.length > limit };
  return jsonResponse(200, page);
};
