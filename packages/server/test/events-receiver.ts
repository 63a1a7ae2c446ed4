import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook request as the receiving server saw it. */
export interface ReceivedWebhook {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as sent. */
  body: string;
  /** The event's `type` (from the body). */
  type: string;
  /** The bill id (from the body). */
  billId: string;
}

/** How the receiver answers one request: a status (with headers), or `hang` (never answer). */
export type Reply = { status: number; headers?: Record<string, string> } | 'hang';

/** A real game backend endpoint on loopback (node:http) that records every webhook and answers as told. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Requests received and not answered yet (counting hung ones whose client has not gone). */
  open(): number;
  /** The most requests that were open at once. */
  maxOpen(): number;
  /** Requests whose client went away before an answer (an aborted attempt). */
  aborted(): number;
  /** Decides each answer; may wait (a promise) to hold the request open. @default 200 */
  respond: (webhook: ReceivedWebhook) => Reply | Promise<Reply>;
  /** Resolves once at least `count` webhooks arrived (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

const receivers = new Set<WebhookReceiver>();

/** Starts a {@link WebhookReceiver} on a free loopback port; every request is recorded before it is answered. */
export async function startReceiver(
  respond: WebhookReceiver['respond'] = () => ({ status: 200 }),
): Promise<WebhookReceiver> {
  let open = 0;
  let maxOpen = 0;
  let aborted = 0;
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let parsed: { type?: string; data?: { bill?: { id?: string } } } = {};
      try {
        parsed = JSON.parse(body);
      } catch {
        // not JSON: recorded as is
      }
      const webhook: ReceivedWebhook = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        type: parsed.type ?? '',
        billId: parsed.data?.bill?.id ?? '',
      };
      receiver.received.push(webhook);
      for (const wake of waiters.splice(0)) wake();
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      let answered = false;
      res.on('close', () => {
        if (!answered) aborted += 1;
        if (!answered) open -= 1;
      });
      const reply = await receiver.respond(webhook);
      if (reply === 'hang' || res.destroyed) return;
      answered = true;
      open -= 1;
      res.writeHead(reply.status, reply.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/coinslot/events`,
    received: [],
    open: () => open,
    maxOpen: () => maxOpen,
    aborted: () => aborted,
    respond,
    waitFor: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (receiver.received.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`${receiver.received.length} webhooks arrived, not ${count}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return receiver.received;
    },
    close: async () => {
      receivers.delete(receiver);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  receivers.add(receiver);
  return receiver;
}

/** Closes every receiver a test left running (call in `afterEach`). */
export async function closeAllReceivers(): Promise<void> {
  await Promise.all([...receivers].map((receiver) => receiver.close()));
}

/** A clock the test moves by hand (the server's `now` option), starting at the real time. */
export function fakeClock(start = Date.now()) {
  const clock = {
    t: start,
    now: () => clock.t,
    advance: (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

/** A URL on loopback where nothing listens: a port that was free a moment ago. */
export async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/coinslot/events`;
}
