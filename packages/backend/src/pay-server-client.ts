import type { Bill, BillState, CreateBillBody, CreateBillResponse, EventPage } from '@coinslot/protocol';
import { BackendError } from './backend-error.js';
import { randomToken } from './random-token.js';
import { readAnswer, send } from './read-answer.js';
import { isServerKey } from './server-key.js';

/** Options of {@link createPayServerClient}. */
export interface PayServerClientOptions {
  /** The pay server's base URL, e.g. `https://pay.example.com`. */
  url: string;
  /** One of the pay server's `auth.serverKeys` (`csk_…`, from {@link generateServerKey}). */
  serverKey: string;
  /** The `fetch` to use. @default globalThis.fetch */
  fetch?: typeof fetch;
}

/** What a create sends: a bill for the player `userId`, who is required with a server key. */
export interface CreateBillInput extends CreateBillBody {
  userId: string;
}

/** Per-request options. */
export interface RequestOptions {
  /** Aborts the request; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Options of {@link PayServerClient.createBill}. */
export interface CreateBillOptions extends RequestOptions {
  /**
   * The `Idempotency-Key` (8–128 characters of `[A-Za-z0-9_-]`). Pass the same one when you retry a create so the
   * pay server answers the bill it made instead of making another. @default a new random key per call
   */
  idempotencyKey?: string;
}

/** The answer of `POST /v1/bills/:id/deliver`. */
export interface DeliverBillResponse {
  bill: Bill;
  /** True when the bill was already delivered (a repeat): grant nothing again. */
  alreadyDelivered: boolean;
}

/** What {@link PayServerClient.listEvents} asks for. */
export interface ListEventsQuery {
  /** The cursor to list after: a page's `next`, or an event's `cursor`. @default '0' (from the oldest event kept) */
  after?: string;
  /** How many events at most (1–1000). @default 100 (the pay server's) */
  limit?: number;
}

/** The game backend's server-to-server client. Every method rejects with a `BackendError`. */
export interface PayServerClient {
  /** `POST /v1/bills`: creates a bill for `input.userId`; hand the answer (bill, launch payload, bill token) to that player's client. */
  createBill(input: CreateBillInput, options?: CreateBillOptions): Promise<CreateBillResponse>;
  /** `GET /v1/bills/:id`: the bill as the pay server has it now. */
  getBill(billId: string, options?: RequestOptions): Promise<Bill>;
  /** `GET /v1/bills?user=&state=`: a player's bills in one state (`paid` by default), oldest first, at most 100. */
  listBills(query: { userId: string; state?: BillState }, options?: RequestOptions): Promise<Bill[]>;
  /** `POST /v1/bills/:id/deliver`: marks a paid bill delivered, after you granted its item. */
  deliverBill(billId: string, options?: RequestOptions): Promise<DeliverBillResponse>;
  /**
   * `GET /v1/events?after=&limit=`: the events recorded after the cursor, oldest first, the same ones the webhooks
   * carry (kept at least 30 days). Catch up after downtime: keep `page.next`, and ask again at once while
   * `page.more`. Deduplicate on `event.id` as for webhooks.
   */
  listEvents(query?: ListEventsQuery, options?: RequestOptions): Promise<EventPage>;
}

/** A minimal client of the pay server for the game backend, authenticated with a server key. */
export function createPayServerClient(options: PayServerClientOptions): PayServerClient {
  const base = checkUrl(options?.url);
  if (!isServerKey(options.serverKey)) {
    throw new TypeError('Invalid serverKey: "csk_" and at least 32 more characters (see generateServerKey())');
  }
  const fetcher = options.fetch ?? globalThis.fetch;
  const authorization = `Bearer ${options.serverKey}`;

  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal | undefined },
  ) => {
    const headers: Record<string, string> = { accept: 'application/json', authorization, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await send(fetcher, base + path, {
      method,
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      ...(init.signal && { signal: init.signal }),
    });
    return readAnswer<T>(response);
  };
  const billPath = (billId: string) => `/v1/bills/${encodeURIComponent(billId)}`;

  return {
    async createBill(input, { idempotencyKey = randomToken(24), signal } = {}) {
      return call<CreateBillResponse>('POST', '/v1/bills', {
        body: input,
        headers: { 'idempotency-key': idempotencyKey },
        signal,
      });
    },
    async getBill(billId, { signal } = {}) {
      return (await call<{ bill: Bill }>('GET', billPath(billId), { signal })).bill;
    },
    async listBills({ userId, state = 'paid' }, { signal } = {}) {
      const query = new URLSearchParams({ user: userId, state });
      return (await call<{ bills: Bill[] }>('GET', `/v1/bills?${query}`, { signal })).bills;
    },
    async deliverBill(billId, { signal } = {}) {
      return call<DeliverBillResponse>('POST', `${billPath(billId)}/deliver`, { body: {}, signal });
    },
    async listEvents({ after, limit } = {}, { signal } = {}) {
      const query = new URLSearchParams();
      if (after !== undefined) query.set('after', after);
      if (limit !== undefined) query.set('limit', String(limit));
      const search = query.toString() === '' ? '' : `?${query}`;
      const page = await call<EventPage>('GET', `/v1/events${search}`, { signal });
      if (!Array.isArray(page.events) || typeof page.next !== 'string' || typeof page.more !== 'boolean') {
        throw new BackendError(
          'INVALID_RESPONSE',
          'the pay server answered an event page without events, next or more',
        );
      }
      return page;
    },
  };
}

function checkUrl(url: unknown): string {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === 'string' ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.search || parsed.hash) {
    throw new TypeError(`Invalid url: ${String(url)} (the pay server's base URL, e.g. https://pay.example.com)`);
  }
  return parsed.href.replace(/\/+$/, '');
}
