import type { Bill } from '@coinslot/protocol';
import { generateWebhookKey } from '../src/index.js';
import { hashPassword } from '../src/admin/password-hash.js';
import { startReceiver, type WebhookReceiver } from './events-receiver.js';
import { call, newBill, payBill, startTestServer, type TestServer } from './helpers.js';

/** The console's test user and an admin key for the reports API the page is compared to. */
export const ADMIN = { name: 'ops', password: 'correct horse battery staple' };
export const ADMIN_KEY = `cak_${'k'.repeat(40)}`;

/** A pay server with the admin console, a webhook endpoint, and bills made through its real endpoints. */
export interface ConsoleServer {
  server: TestServer;
  receiver: WebhookReceiver;
  /** Bills as seeded: paid and delivered, paid only, refused (failed), open. */
  bills: Bill[];
}

/** `POST /v1/bills/:id/deliver` as the game backend (development auth). */
async function deliver(server: TestServer, bill: Bill): Promise<void> {
  const answer = await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} });
  if (answer.status !== 200) throw new Error(`deliver answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** Starts the server and seeds it: 3 players, 5 bills in USD through the sandbox channel, two delivered. */
export async function startConsoleServer(limits: { loginAttempts?: number } = {}): Promise<ConsoleServer> {
  const receiver = await startReceiver();
  const server = await startTestServer({
    admin: {
      keys: [ADMIN_KEY],
      users: [{ name: ADMIN.name, passwordHash: await hashPassword(ADMIN.password) }],
      console: limits,
    },
    events: { webhookUrl: receiver.url, signing: await generateWebhookKey(), pollIntervalMs: 3_600_000 },
  });
  const bills: Bill[] = [];
  const amounts: [string, number][] = [
    ['alice', 499],
    ['alice', 999],
    ['bob', 1999],
    ['carol', 299],
    ['carol', 4999],
  ];
  for (const [userId, amount] of amounts) bills.push(await newBill(server, { userId, amount, currency: 'USD' }));
  for (const bill of bills.slice(0, 4)) await payBill(server, bill);
  await deliver(server, bills[0]!);
  await deliver(server, bills[2]!);
  await server.payServer.events.drain();
  return { server, receiver, bills };
}

/** A report from the admin API (the figures the page must show). */
export async function adminReport(server: TestServer, name: string, query: string): Promise<any> {
  const answer = await call(server, `/v1/admin/reports/${name}?${query}`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}`);
  return answer.body;
}
