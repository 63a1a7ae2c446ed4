import { createHmac, randomBytes } from 'node:crypto';
import type { Bill } from '@coinslot/core';
import {
  createPayServer,
  createSandboxDriver,
  serveNode,
  type BillStore,
  type NodeListener,
  type PayServer,
  type PayServerOptions,
} from '../src/index.js';

/** The sandbox secret every test server uses, so tests can sign notifications like a channel would. */
export const SANDBOX_SECRET = 'test-sandbox-secret-0123456789';

/** A pay server on a real loopback listener. */
export interface TestServer {
  url: string;
  payServer: PayServer;
  /** The Node listener (its `server`, for socket-level assertions). */
  listener: NodeListener;
  close(): Promise<void>;
}

const running = new Set<TestServer>();

/** Starts a pay server (sandbox driver with {@link SANDBOX_SECRET}, 1 s holds unless told) on port 0. */
export async function startTestServer(options: Partial<PayServerOptions> = {}): Promise<TestServer> {
  const payServer = await createPayServer({
    auth: { development: true },
    holdSeconds: 1,
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
    ...options,
  });
  const node = await serveNode(payServer.handle, { port: 0 });
  const server: TestServer = {
    url: node.url,
    payServer,
    listener: node,
    close: async () => {
      running.delete(server);
      await payServer.close();
      await node.close();
    },
  };
  running.add(server);
  return server;
}

/** Closes every server a test left running (call in `afterEach`). */
export async function closeAllServers(): Promise<void> {
  await Promise.all([...running].map((server) => server.close()));
}

/** A valid create body, with overrides. */
export function billBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    userId: 'player-42',
    itemId: 'gem-pack-small',
    quantity: 1,
    amount: 499,
    currency: 'USD',
    channel: 'sandbox',
    ...overrides,
  };
}

/** A fresh random token of `[A-Za-z0-9_-]` (idempotency keys, nonces). */
export const randomKey = (bytes = 16) => randomBytes(bytes).toString('base64url');

/** An answer, parsed. */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Calls the server with real `fetch`; JSON bodies are serialised and answers parsed. */
export async function call<T = any>(
  server: { url: string },
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<Answer<T>> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(new URL(path, server.url), {
    ...rest,
    headers,
    ...(json !== undefined && { body: JSON.stringify(json), method: rest.method ?? 'POST' }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** `POST /v1/bills` with a fresh (or given) idempotency key. */
export function createBill(server: { url: string }, overrides: Record<string, unknown> = {}, key = randomKey()) {
  return call(server, '/v1/bills', { json: billBody(overrides), headers: { 'idempotency-key': key } });
}

/** Creates a bill and answers it (asserting `201`). */
export async function newBill(server: { url: string }, overrides: Record<string, unknown> = {}): Promise<Bill> {
  const answer = await createBill(server, overrides);
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.bill as Bill;
}

/** Reads a bill back (asserting `200`). */
export async function readBill(server: { url: string }, id: string): Promise<Bill> {
  const answer = await call(server, `/v1/bills/${id}`);
  if (answer.status !== 200) throw new Error(`read answered ${answer.status}`);
  return answer.body.bill as Bill;
}

/** Sends a sandbox notification as the sandbox's "server" would: HMAC of the raw body with `secret`. */
export function notifySandbox(server: { url: string }, statement: Record<string, unknown>, secret = SANDBOX_SECRET) {
  const body = JSON.stringify(statement);
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return call(server, '/v1/notify/sandbox', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
  });
}

/** The statement of a sandbox decision about `bill`. */
export function statementFor(bill: Bill, decision: 'approve' | 'decline' | 'cancel' = 'approve') {
  return { billId: bill.id, decision, amount: bill.amount, currency: bill.currency, issuedAt: Date.now() };
}

/** Marks `bill` paid through a signed sandbox notification. */
export async function payBill(server: { url: string }, bill: Bill): Promise<void> {
  const answer = await notifySandbox(server, statementFor(bill));
  if (answer.status !== 200) throw new Error(`notify answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** `GET …/result` with a fresh nonce; answers the nonce too. */
export async function waitResult(server: { url: string }, id: string, wait: number, nonce = randomKey()) {
  const answer = await call(server, `/v1/bills/${id}/result?wait=${wait}&nonce=${nonce}`);
  return { ...answer, nonce };
}

/** A store that delegates to `inner` except for `overrides` (to delay or fail one method in a test). */
export function wrapStore(inner: BillStore, overrides: Partial<BillStore>): BillStore {
  const methods = [
    'getBill',
    'insertBill',
    'transition',
    'listBills',
    'listExpiredBills',
    'claimIdempotencyKey',
    'completeIdempotencyKey',
    'releaseIdempotencyKey',
    'purgeIdempotencyKeys',
  ] as const;
  const store = Object.fromEntries(
    methods.map((name) => [name, (inner[name] as (...args: unknown[]) => unknown).bind(inner)]),
  );
  // The store's optional one-round-trip change, when it has one, goes through too.
  const optional = inner.moveIfMatches ? { moveIfMatches: inner.moveIfMatches.bind(inner) } : {};
  return { ...(store as unknown as BillStore), ...optional, ...overrides };
}

/** `inner` seen through a store that counts `getBill` per bill id (what a held wait reads, and when it does not). */
export function countingReads(inner: BillStore): { store: BillStore; reads: (id: string) => number } {
  const reads = new Map<string, number>();
  const store = wrapStore(inner, {
    getBill: (id) => {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return inner.getBill(id);
    },
  });
  return { store, reads: (id: string) => reads.get(id) ?? 0 };
}
