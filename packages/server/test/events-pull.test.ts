import { type EventPage, isBillEvent } from '@coinslot/protocol';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createPayServer, createSandboxDriver, generateWebhookKey } from '../src/index.js';
import { closeAllReceivers, fakeClock, startReceiver } from './events-receiver.js';
import { call, closeAllServers, newBill, payBill, randomKey, SANDBOX_SECRET, type TestServer } from './helpers.js';
import { startsOn } from './store-kind-servers.js';
import { closeOpenedStores, STORE_KINDS } from './store-kinds.js';

afterEach(async () => {
  await closeAllServers();
  await closeAllReceivers();
  await closeOpenedStores();
});

const SERVER_KEY = `csk_${'e'.repeat(43)}`;
const ISSUER = 'https://game.example';
const AUDIENCE = 'https://pay.example';
const DAY_MS = 86_400_000;

const page = (server: TestServer, query = '', key = SERVER_KEY) =>
  call<EventPage & { error?: { code: string } }>(server, `/v1/events${query}`, {
    headers: { authorization: `Bearer ${key}` },
  });

/** Pays `count` bills and delivers the first: `count + 1` events. */
async function makeEvents(server: TestServer, count: number, headers: Record<string, string> = {}) {
  const bills = [];
  for (let i = 0; i < count; i += 1) {
    const created = await call(server, '/v1/bills', {
      json: { userId: 'p1', itemId: 'gem', quantity: 1, amount: 499, currency: 'USD', channel: 'sandbox' },
      headers: { 'idempotency-key': randomKey(), ...headers },
    });
    expect(created.status).toBe(201);
    await payBill(server, created.body.bill);
    bills.push(created.body);
  }
  const delivered = await call(server, `/v1/bills/${bills[0].bill.id}/deliver`, { json: {}, headers });
  expect(delivered.status).toBe(200);
  return bills as Array<{ bill: { id: string }; billToken: string }>;
}

// Every store the server ships: the log, its cursor and retention are the store's (the outbox contract holds the calls).
describe.each(STORE_KINDS)('on $name', (kind) => {
  const startTestServer = startsOn(kind);

  describe('GET /v1/events (protocol §10)', () => {
    it('pages through the events oldest first: cursor, next and more', async () => {
      const server = await startTestServer({ auth: { development: true } });
      const bills = await makeEvents(server, 3);
      const all = await call<EventPage>(server, '/v1/events');
      expect(all.status).toBe(200);
      expect(all.body.more).toBe(false);
      expect(all.body.events.filter(isBillEvent).map((e) => [e.type, e.data.bill.id])).toEqual([
        ['bill.paid', bills[0]!.bill.id],
        ['bill.paid', bills[1]!.bill.id],
        ['bill.paid', bills[2]!.bill.id],
        ['bill.delivered', bills[0]!.bill.id],
      ]);
      expect(all.body.next).toBe(all.body.events[3]!.cursor);
      for (const event of all.body.events.filter(isBillEvent)) {
        expect(Object.keys(event)).toEqual(['id', 'type', 'timestamp', 'data', 'cursor']);
        expect(event.id).toMatch(/^evt_/);
        expect(event.cursor).toMatch(/^[1-9]\d*$/);
        expect(event.timestamp).toBe(new Date(event.data.bill.updatedAt).toISOString());
      }

      const first = await call<EventPage>(server, '/v1/events?limit=2');
      expect(first.body).toEqual({ events: all.body.events.slice(0, 2), next: all.body.events[1]!.cursor, more: true });
      const second = await call<EventPage>(server, `/v1/events?after=${first.body.next}&limit=2`);
      expect(second.body).toEqual({ events: all.body.events.slice(2), next: all.body.events[3]!.cursor, more: false });
      const caughtUp = await call<EventPage>(server, `/v1/events?after=${second.body.next}`);
      expect(caughtUp.body).toEqual({ events: [], next: second.body.next, more: false });
      const fromZero = await call<EventPage>(server, '/v1/events?after=0&limit=1000');
      expect(fromZero.body.events).toEqual(all.body.events);
    });

    it('lists the same id and body a webhook carries', async () => {
      const receiver = await startReceiver();
      const server = await startTestServer({
        events: { webhookUrl: receiver.url, signing: await generateWebhookKey() },
      });
      await payBill(server, await newBill(server));
      const [webhook] = await receiver.waitFor(1);
      const [listed] = (await call<EventPage>(server, '/v1/events')).body.events;
      expect(listed!.id).toBe(webhook!.headers['webhook-id']);
      const { id: _id, cursor: _cursor, ...body } = listed!;
      expect(body).toEqual(JSON.parse(webhook!.body));
    });

    for (const [query, field] of [
      ['?after=-1', 'after'],
      ['?after=abc', 'after'],
      ['?after=1.5', 'after'],
      ['?after=', 'after'],
      ['?after=99999999999999999', 'after'],
      ['?limit=0', 'limit'],
      ['?limit=1001', 'limit'],
      ['?limit=ten', 'limit'],
      ['?limit=', 'limit'],
    ] as const) {
      it(`answers 400 INVALID_FIELD naming ${field} for ${query}`, async () => {
        const server = await startTestServer({ auth: { development: true } });
        const answer = await call(server, `/v1/events${query}`);
        expect(answer.status).toBe(400);
        expect(answer.body.error).toMatchObject({ code: 'INVALID_FIELD', field, retryable: false });
      });
    }

    it('takes the game backend’s server key only: a player token or a bill token 403, none or a wrong key 401', async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'game-1', alg: 'ES256' };
      const server = await startTestServer({
        auth: {
          serverKeys: [SERVER_KEY],
          playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys: { keys: [jwk] } },
        },
        catalog: { gem: { amount: 499, currency: 'USD' } },
        drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
      });
      const [made] = await makeEvents(server, 1, { authorization: `Bearer ${SERVER_KEY}` });
      const now = Math.floor(Date.now() / 1000);
      const playerToken = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: 'game-1' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('p1')
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(pair.privateKey);

      const allowed = await page(server);
      expect(allowed.status).toBe(200);
      expect(allowed.body.events).toHaveLength(2);
      expect((await page(server, '', playerToken)).body.error?.code).toBe('FORBIDDEN');
      expect((await page(server, '', playerToken)).status).toBe(403);
      expect((await page(server, '', made!.billToken)).status).toBe(403);
      const none = await call(server, '/v1/events');
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe('UNAUTHENTICATED');
      expect((await page(server, '', `csk_${'x'.repeat(43)}`)).status).toBe(401);
    });

    it('answers 405 with Allow: GET for another method', async () => {
      const server = await startTestServer({ auth: { development: true } });
      const answer = await call(server, '/v1/events', { method: 'POST', json: {} });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET');
    });
  });

  describe('event retention (protocol §10)', () => {
    it('purges events older than retentionDays, except those still waiting for webhook attempts', async () => {
      const receiver = await startReceiver((webhook) => ({ status: webhook.billId === failing ? 500 : 200 }));
      const clock = fakeClock();
      const server = await startTestServer({
        now: clock.now,
        events: { webhookUrl: receiver.url, signing: await generateWebhookKey(), pollIntervalMs: 3_600_000 },
      });
      const sent = await newBill(server);
      const waiting = await newBill(server);
      const failing = waiting.id;
      await payBill(server, sent);
      await payBill(server, waiting);
      await server.payServer.events.drain();
      clock.advance(30 * DAY_MS - 1);
      expect(await server.payServer.events.purge()).toBe(0); // not yet 30 days old
      clock.advance(1 + 1);
      const recent = await newBill(server);
      await payBill(server, recent);
      await server.payServer.events.drain();

      expect(await server.payServer.events.purge()).toBe(1);
      const kept = (await call<EventPage>(server, '/v1/events')).body.events
        .filter(isBillEvent)
        .map((e) => e.data.bill.id);
      expect(kept).toEqual([waiting.id, recent.id]); // the pending one stays, however old
      expect((await server.payServer.events.stats()).oldestPending?.seq).toBeDefined();
    });

    it('purges pull-only events after retentionDays too, and keeps them longer when told', async () => {
      const clock = fakeClock();
      const server = await startTestServer({ now: clock.now, events: { retentionDays: 45 } });
      await payBill(server, await newBill(server));
      clock.advance(31 * DAY_MS);
      expect(await server.payServer.events.purge()).toBe(0);
      expect((await call<EventPage>(server, '/v1/events')).body.events).toHaveLength(1);
      clock.advance(14 * DAY_MS + 1);
      expect(await server.payServer.events.purge()).toBe(1);
      expect((await call<EventPage>(server, '/v1/events')).body.events).toEqual([]);
    });

    it('refuses retentionDays under 30', async () => {
      await expect(createPayServer({ auth: { development: true }, events: { retentionDays: 29 } })).rejects.toThrow(
        /Invalid events\.retentionDays: 29 \(a number ≥ 30\)/,
      );
    });
  });
});
