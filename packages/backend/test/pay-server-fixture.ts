import { createHmac } from 'node:crypto';
import {
  createPayServer,
  createSandboxDriver,
  serveNode,
  type EventOptions,
  type NodeListener,
  type PlayerTokenOptions,
} from '@coinslot/server';
import type { Bill } from '@coinslot/protocol';
import { jwksHandler, type PlayerTokenIssuer } from '../src/index.js';

export const ISSUER = 'https://game.example.test';
export const AUDIENCE = 'https://pay.example.test';
const SANDBOX_SECRET = 'backend-test-sandbox-secret-0123';

const running: Array<() => Promise<unknown>> = [];

/** Closes everything the test started (call in `afterEach`). */
export async function closeAll(): Promise<void> {
  await Promise.all(running.splice(0).map((close) => close()));
}

/** The game backend's JWKS endpoint: `jwksHandler(issuer)` on a real loopback listener. */
export async function serveJwks(issuer: PlayerTokenIssuer): Promise<string> {
  const handle = jwksHandler(issuer);
  const listener: NodeListener = await serveNode(async (request) => handle(request), { port: 0 });
  running.push(listener.close);
  return `${listener.url}/.well-known/jwks.json`;
}

/** The reference pay server (sandbox driver) on 127.0.0.1, verifying player tokens against `jwksUrl`. */
export async function startPayServer(options: {
  jwksUrl: string;
  serverKeys: string[];
  playerTokens?: Partial<PlayerTokenOptions>;
  events?: EventOptions;
}) {
  const payServer = await createPayServer({
    auth: {
      playerTokens: { issuer: ISSUER, audience: AUDIENCE, jwksUrl: options.jwksUrl, ...options.playerTokens },
      serverKeys: options.serverKeys,
    },
    catalog: { 'gem-pack-small': { amount: 499, currency: 'USD' } },
    holdSeconds: 1,
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
    ...(options.events && { events: options.events }),
  });
  const listener = await serveNode(payServer.handle, { port: 0 });
  running.push(async () => {
    await payServer.close();
    await listener.close();
  });
  return { url: listener.url, payServer };
}

/**
 * The reference pay server with development auth (any caller acts for any player) and the sandbox channel on
 * 127.0.0.1, sending its events as `events` says (a webhook URL, its signing).
 */
export async function startDevPayServer(events: EventOptions) {
  const payServer = await createPayServer({
    auth: { development: true },
    holdSeconds: 1,
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
    events,
  });
  const listener = await serveNode(payServer.handle, { port: 0 });
  running.push(async () => {
    await payServer.close();
    await listener.close();
  });
  return { url: listener.url, payServer };
}

/** `POST /v1/bills` with development auth for `userId`; answers the new bill. */
export async function createDevBill(payServerUrl: string, userId: string): Promise<Bill> {
  const response = await fetch(`${payServerUrl}/v1/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(billBody({ userId })),
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${JSON.stringify(body)}`);
  return body.bill;
}

/** A valid create body for the sandbox channel. */
export const billBody = (overrides: Record<string, unknown> = {}) => ({
  itemId: 'gem-pack-small',
  quantity: 1,
  amount: 499,
  currency: 'USD',
  channel: 'sandbox',
  ...overrides,
});

/** `POST /v1/bills` as the player's client would, with `Authorization: Bearer <token>`; answers status and body. */
export async function createAsPlayer(
  payServerUrl: string,
  token: string,
): Promise<{ status: number; body: { bill?: Bill; error?: { code: string } } }> {
  const response = await fetch(`${payServerUrl}/v1/bills`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify(billBody()),
  });
  return { status: response.status, body: await response.json() };
}

/** Pays `bill` as the sandbox channel's server would: a notification signed with HMAC-SHA256 of its raw body. */
export async function payThroughSandbox(payServerUrl: string, bill: Bill): Promise<void> {
  const body = JSON.stringify({
    billId: bill.id,
    decision: 'approve',
    amount: bill.amount,
    currency: bill.currency,
    issuedAt: Date.now(),
  });
  const signature = createHmac('sha256', SANDBOX_SECRET).update(body).digest('hex');
  const response = await fetch(`${payServerUrl}/v1/notify/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
    body,
  });
  if (response.status !== 200) throw new Error(`notify answered ${response.status}: ${await response.text()}`);
}
