import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkoutPage } from './fake-provider-page.js';

/** What the player decides on the checkout page. */
export type Decision = 'approve' | 'decline' | 'cancel';

/** One checkout session the fake provider holds. */
export interface FakeSession {
  id: string;
  reference: string;
  amount: number;
  currency: string;
  description: string;
  notifyUrl: string;
  /** The event sent for the decision, kept so a repeat re-sends the same event (as a provider's retry does). */
  event?: Record<string, unknown>;
}

const EVENT_TYPES: Record<Decision, string> = {
  approve: 'checkout.succeeded',
  decline: 'checkout.declined',
  cancel: 'checkout.cancelled',
};
const STATUSES = { approve: 'approved', decline: 'declined', cancel: 'cancelled' } as const;

/** The provider's signature header for `body`: `t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signNotification(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A fake hosted-checkout provider on loopback: its API, its checkout page, and its signed notifications. */
export interface FakeProvider {
  url: string;
  sessions: Map<string, FakeSession>;
  /** Every notification sent, with the pay server's answer status. */
  notifications: Array<{ sessionId: string; body: string; status: number }>;
  /** What the page's button does: `POST <checkoutUrl>/decide`. Resolves the status the page then posts to the game. */
  decide(checkoutUrl: string, decision: Decision): Promise<'approved' | 'declined' | 'cancelled'>;
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
}

/**
 * Start the fake provider. It checks the API key on session creation and signs every notification with
 * `webhookSecret`, exactly as the driver expects a real provider to. A decision is notified (and the pay server's
 * answer awaited) before the page learns it, like the sandbox does; a repeated decision re-sends the same event.
 */
export async function startFakeProvider(keys: { apiKey: string; webhookSecret: string }): Promise<FakeProvider> {
  const sessions = new Map<string, FakeSession>();
  const byReference = new Map<string, FakeSession>();
  const notifications: FakeProvider['notifications'] = [];

  async function notify(session: FakeSession, decision: Decision): Promise<number> {
    session.event ??= {
      id: `evt_${randomBytes(8).toString('hex')}`,
      type: EVENT_TYPES[decision],
      session: session.id,
      reference: session.reference,
      amount: session.amount,
      currency: session.currency,
      created: Math.floor(Date.now() / 1000),
    };
    const body = JSON.stringify(session.event);
    const answer = await fetch(session.notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'example-signature': signNotification(keys.webhookSecret, body) },
      body,
    });
    await answer.arrayBuffer();
    notifications.push({ sessionId: session.id, body, status: answer.status });
    return answer.status;
  }

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://provider');
      const page = /^\/pay\/(cs_[0-9a-f]+)(\/decide)?$/.exec(url.pathname);
      if (request.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
        if (request.headers.authorization !== `Bearer ${keys.apiKey}`)
          return send(response, 401, { error: 'invalid api key' });
        const body = await readJson(request);
        const existing = byReference.get(String(body.reference));
        const session: FakeSession = existing ?? {
          id: `cs_${randomBytes(8).toString('hex')}`,
          reference: String(body.reference),
          amount: Number(body.amount),
          currency: String(body.currency),
          description: String(body.description),
          notifyUrl: String(body.notify_url),
        };
        sessions.set(session.id, session);
        byReference.set(session.reference, session);
        return send(response, existing ? 200 : 201, { id: session.id, url: `${provider.url}/pay/${session.id}` });
      }
      const session = page ? sessions.get(page[1]!) : undefined;
      if (!session) return send(response, 404, { error: 'no such page or session' });
      if (request.method === 'GET' && !page![2])
        return send(response, 200, checkoutPage({ ...session, sessionId: session.id }), 'text/html; charset=utf-8');
      if (request.method !== 'POST' || !page![2]) return send(response, 405, { error: 'method not allowed' });
      const decision = (await readJson(request)).decision as Decision;
      if (!(decision in EVENT_TYPES))
        return send(response, 400, { error: 'decision must be approve, decline or cancel' });
      if (session.event && session.event.type !== EVENT_TYPES[decision])
        return send(response, 409, { error: 'the session is already decided' });
      const status = await notify(session, decision);
      return status < 300
        ? send(response, 200, { status: STATUSES[decision] })
        : send(response, 502, { error: `the pay server answered ${status}` });
    })().catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const provider: FakeProvider = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sessions,
    notifications,
    async decide(checkoutUrl, decision) {
      const answer = await fetch(`${new URL(checkoutUrl).origin}${new URL(checkoutUrl).pathname}/decide`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision }),
      });
      const body = (await answer.json()) as { status?: 'approved' | 'declined' | 'cancelled'; error?: string };
      if (!answer.ok || !body.status)
        throw new Error(`the provider refused the decision: HTTP ${answer.status} ${body.error ?? ''}`);
      return body.status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return provider;
}
