import { WEBHOOK_RETRY_DELAYS_MS } from '@coinslot/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateWebhookKey, type EventOptions, type PayServerLogger } from '../src/index.js';
import { closeAllReceivers, fakeClock, refusingUrl, startReceiver, type Reply } from './events-receiver.js';
import { verifiesWithPublicKey } from './events-verify.js';
import { call, closeAllServers, newBill, payBill, type TestServer } from './helpers.js';
import { startsOn } from './store-kind-servers.js';
import { closeOpenedStores, openStore, STORE_KINDS } from './store-kinds.js';

afterEach(async () => {
  await closeAllServers();
  await closeAllReceivers();
  await closeOpenedStores();
});

/** A logger that keeps what it was told. */
function recordingLogger() {
  const lines: Array<{ level: string; message: string; data?: any }> = [];
  const logger: PayServerLogger = {
    info: (message, data) => lines.push({ level: 'info', message, data }),
    warn: (message, data) => lines.push({ level: 'warn', message, data }),
    error: (message, data) => lines.push({ level: 'error', message, data }),
  };
  return { logger, lines };
}

/** The stored events as `GET /v1/events` lists them, with the dispatch progress from the store. */
async function storedEvents(server: TestServer) {
  return (await call(server, '/v1/events')).body.events as Array<{ id: string; type: string; data: any }>;
}

// Every store the server ships: leases, attempts and the order per bill are the store's outbox (claimDueEvents).
describe.each(STORE_KINDS)('on $name', (kind) => {
  const startTestServer = startsOn(kind);

  /** A pay server sending webhooks to `webhookUrl`, on `clock` when given; no timer poll (flush drives retries). */
  async function eventServer(webhookUrl: string, events: EventOptions = {}, clock?: { now: () => number }) {
    const key = await generateWebhookKey();
    const { logger, lines } = recordingLogger();
    const server = await startTestServer({
      events: { webhookUrl, signing: key, pollIntervalMs: 3_600_000, ...events },
      logger,
      ...(clock && { now: clock.now }),
    });
    return { server, key, lines };
  }

  describe('webhook dispatch (protocol §10)', () => {
    it('sends the first attempt as soon as the paid change is stored, not at the next poll', async () => {
      const receiver = await startReceiver();
      const { server } = await eventServer(receiver.url);
      const bill = await newBill(server);
      const paidAt = Date.now();
      await payBill(server, bill);
      const [webhook] = await receiver.waitFor(1, 2_000);
      expect(Date.now() - paidAt).toBeLessThan(1_000); // the poll is an hour here: only the wake-up explains this
      expect(webhook).toMatchObject({ type: 'bill.paid', billId: bill.id });
      await server.payServer.events.flush(); // the attempt records its outcome after the answer
      expect(await server.payServer.events.stats()).toMatchObject({ sent: 1, failedAttempts: 0, dead: 0 });
    });

    for (const status of [200, 202, 204]) {
      it(`counts HTTP ${status} as delivered: no second attempt`, async () => {
        const receiver = await startReceiver(() => ({ status }));
        const clock = fakeClock();
        const { server } = await eventServer(receiver.url, {}, clock);
        await payBill(server, await newBill(server));
        await server.payServer.events.drain();
        clock.advance(WEBHOOK_RETRY_DELAYS_MS[1]!);
        await server.payServer.events.drain();
        expect(receiver.received).toHaveLength(1);
        expect(await server.payServer.events.stats()).toMatchObject({
          sent: 1,
          failedAttempts: 0,
          oldestPending: undefined,
        });
      });
    }

    const failures: Array<{ name: string; reply: Reply; error: string | RegExp }> = [
      {
        name: 'a redirect (3xx, not followed)',
        reply: { status: 302, headers: { location: '/ok' } },
        error: 'HTTP 302',
      },
      { name: 'HTTP 400', reply: { status: 400 }, error: 'HTTP 400' },
      { name: 'HTTP 410', reply: { status: 410 }, error: 'HTTP 410' },
      { name: 'HTTP 500', reply: { status: 500 }, error: 'HTTP 500' },
      { name: 'HTTP 503', reply: { status: 503 }, error: 'HTTP 503' },
      { name: 'no answer within the timeout', reply: 'hang', error: 'no answer within 300 ms' },
    ];
    for (const { name, reply, error } of failures) {
      it(`counts ${name} as a failed attempt and retries it 5 s later`, async () => {
        const receiver = await startReceiver(() => reply);
        const clock = fakeClock();
        const { server, lines } = await eventServer(receiver.url, { timeoutMs: 300 }, clock);
        await payBill(server, await newBill(server));
        await server.payServer.events.drain();
        expect(receiver.received).toHaveLength(1); // a redirect is not followed to /ok
        const stats = await server.payServer.events.stats();
        expect(stats).toMatchObject({ sent: 0, failedAttempts: 1, dead: 0, inFlight: 0 });
        expect(stats.oldestPending?.nextAttemptAt).toBe(clock.now() + WEBHOOK_RETRY_DELAYS_MS[1]!);
        expect(lines.find((line) => line.level === 'warn' && line.data?.attempt === 1)?.data.error).toMatch(error);
        receiver.respond = () => ({ status: 200 });
        clock.advance(WEBHOOK_RETRY_DELAYS_MS[1]!);
        await server.payServer.events.drain();
        expect(receiver.received).toHaveLength(2);
        expect(await server.payServer.events.stats()).toMatchObject({ sent: 1, failedAttempts: 1 });
      });
    }

    it('counts a refused connection as a failed attempt', async () => {
      const clock = fakeClock();
      const { server, lines } = await eventServer(await refusingUrl(), {}, clock);
      await payBill(server, await newBill(server));
      await server.payServer.events.drain();
      expect(await server.payServer.events.stats()).toMatchObject({ sent: 0, failedAttempts: 1 });
      expect(lines.find((line) => line.data?.attempt === 1)?.data.error).toBe('ECONNREFUSED');
    });

    it('retries with the same webhook-id and byte-identical body, each attempt signed with its own timestamp', async () => {
      let calls = 0;
      const receiver = await startReceiver(() => ({ status: ++calls < 3 ? 500 : 200 }));
      const clock = fakeClock();
      const { server, key } = await eventServer(receiver.url, {}, clock);
      await payBill(server, await newBill(server));
      await server.payServer.events.drain();
      clock.advance(WEBHOOK_RETRY_DELAYS_MS[1]!);
      await server.payServer.events.drain();
      clock.advance(WEBHOOK_RETRY_DELAYS_MS[2]!);
      await server.payServer.events.drain();

      const [first, second, third] = receiver.received;
      expect(receiver.received).toHaveLength(3);
      expect(new Set(receiver.received.map((w) => w.headers['webhook-id'])).size).toBe(1);
      expect(second!.body).toBe(first!.body);
      expect(third!.body).toBe(first!.body);
      const stamps = receiver.received.map((w) => Number(w.headers['webhook-timestamp']));
      expect(stamps[1]! - stamps[0]!).toBe(WEBHOOK_RETRY_DELAYS_MS[1]! / 1000);
      expect(stamps[2]! - stamps[1]!).toBe(WEBHOOK_RETRY_DELAYS_MS[2]! / 1000);
      for (const webhook of receiver.received) expect(verifiesWithPublicKey(webhook, key.publicKey)).toBe(true);
      expect((await storedEvents(server))[0]!.id).toBe(first!.headers['webhook-id']);
    });

    it('follows the retry schedule to the 8th attempt, never early, then gives up: dead, still listed', async () => {
      const receiver = await startReceiver(() => ({ status: 503 }));
      const clock = fakeClock();
      const { server, lines } = await eventServer(receiver.url, {}, clock);
      const bill = await newBill(server);
      await payBill(server, bill);
      await server.payServer.events.drain();
      expect(receiver.received).toHaveLength(1);
      for (let attempt = 2; attempt <= WEBHOOK_RETRY_DELAYS_MS.length; attempt += 1) {
        clock.advance(WEBHOOK_RETRY_DELAYS_MS[attempt - 1]! - 1);
        await server.payServer.events.drain();
        expect(receiver.received, `attempt ${attempt} not before it is due`).toHaveLength(attempt - 1);
        clock.advance(1);
        await server.payServer.events.drain();
        expect(receiver.received, `attempt ${attempt} when due`).toHaveLength(attempt);
      }
      expect(WEBHOOK_RETRY_DELAYS_MS).toHaveLength(8);
      const stats = await server.payServer.events.stats();
      expect(stats).toMatchObject({ sent: 0, failedAttempts: 8, dead: 1, oldestPending: undefined });
      expect(lines.filter((line) => line.level === 'error').map((line) => line.data.attempt)).toEqual([8]);
      clock.advance(100 * 3_600_000);
      await server.payServer.events.drain();
      expect(receiver.received).toHaveLength(8);
      const [listed] = await storedEvents(server);
      expect(listed).toMatchObject({ id: receiver.received[0]!.headers['webhook-id'], type: 'bill.paid' });
      expect(listed!.data.bill.id).toBe(bill.id);
    });

    it('sends a bill’s events in order: its second waits until its first was sent', async () => {
      let failedOnce = false;
      const receiver = await startReceiver((webhook) => {
        if (webhook.type === 'bill.paid' && !failedOnce) {
          failedOnce = true;
          return { status: 500 };
        }
        return { status: 200 };
      });
      const clock = fakeClock();
      const { server } = await eventServer(receiver.url, {}, clock);
      const bill = await newBill(server);
      await payBill(server, bill);
      await server.payServer.events.drain();
      expect((await call(server, `/v1/bills/${bill.id}/deliver`, { json: {} })).status).toBe(200);
      await server.payServer.events.drain();
      expect(receiver.received.map((w) => w.type)).toEqual(['bill.paid']); // delivered is recorded, and waits

      clock.advance(WEBHOOK_RETRY_DELAYS_MS[1]!);
      await server.payServer.events.drain();
      expect(receiver.received.map((w) => w.type)).toEqual(['bill.paid', 'bill.paid', 'bill.delivered']);
      expect(await server.payServer.events.stats()).toMatchObject({ sent: 2, failedAttempts: 1 });
    });

    it('a failing bill does not hold up the others: bills go in parallel', async () => {
      const receiver = await startReceiver((webhook) => ({ status: webhook.billId === stuck ? 500 : 200 }));
      const clock = fakeClock();
      const { server } = await eventServer(receiver.url, {}, clock);
      const first = await newBill(server);
      const stuck = first.id;
      await payBill(server, first);
      const others = [await newBill(server), await newBill(server)];
      for (const bill of others) await payBill(server, bill);
      await server.payServer.events.drain();
      expect(new Set(receiver.received.map((w) => w.billId))).toEqual(new Set([stuck, ...others.map((b) => b.id)]));
      expect(await server.payServer.events.stats()).toMatchObject({ sent: 2, failedAttempts: 1 });
    });

    it('has several bills’ attempts in flight at once, never more than the concurrency', async () => {
      const release: Array<() => void> = [];
      const receiver = await startReceiver(
        () => new Promise<Reply>((resolve) => release.push(() => resolve({ status: 200 }))),
      );
      const { server } = await eventServer(receiver.url, { concurrency: 3 });
      for (let i = 0; i < 5; i += 1) await payBill(server, await newBill(server));
      await receiver.waitFor(3);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(receiver.open()).toBe(3); // three bills at once, the other two wait for a free slot
      expect((await server.payServer.events.stats()).inFlight).toBe(3);
      const deadline = Date.now() + 5_000;
      while ((receiver.received.length < 5 || release.length > 0) && Date.now() < deadline) {
        for (const go of release.splice(0)) go();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await server.payServer.events.drain();
      expect(receiver.maxOpen()).toBe(3);
      expect(await server.payServer.events.stats()).toMatchObject({ sent: 5, inFlight: 0 });
    });

    it('holds 16 attempts in flight without a listener warning on the shared close signal', async () => {
      const warnings: string[] = [];
      const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
      process.on('warning', onWarning);
      try {
        const release: Array<() => void> = [];
        const receiver = await startReceiver(
          () => new Promise<Reply>((resolve) => release.push(() => resolve({ status: 204 }))),
        );
        const { server } = await eventServer(receiver.url, { concurrency: 16 });
        for (let i = 0; i < 16; i += 1) await payBill(server, await newBill(server));
        await receiver.waitFor(16);
        expect((await server.payServer.events.stats()).inFlight).toBe(16);
        for (const go of release.splice(0)) go();
        await server.payServer.events.drain();
        await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
        expect(warnings.filter((line) => line.startsWith('MaxListenersExceededWarning'))).toEqual([]);
      } finally {
        process.off('warning', onWarning);
      }
    });

    it('close() aborts an attempt in flight at once and leaves none running', async () => {
      const receiver = await startReceiver(() => 'hang');
      const { server } = await eventServer(receiver.url, { timeoutMs: 10_000 });
      await payBill(server, await newBill(server));
      await receiver.waitFor(1);
      const started = Date.now();
      await server.close();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await server.payServer.events.stats()).inFlight).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(receiver.aborted()).toBe(1);
      expect(receiver.received).toHaveLength(1);
    });

    it('keeps events waiting while a restart drops the webhookUrl (with a warning), and sends them once it is back', async () => {
      const receiver = await startReceiver(() => ({ status: 503 }));
      const store = await openStore(kind);
      const signing = await generateWebhookKey();
      const clock = fakeClock();
      const events = { webhookUrl: receiver.url, signing };
      const withWebhook = await startTestServer({ store, now: clock.now, events });
      await payBill(withWebhook, await newBill(withWebhook));
      await withWebhook.payServer.events.drain();
      await withWebhook.close();

      const { logger, lines } = recordingLogger();
      const pullOnly = await startTestServer({ store, now: clock.now, logger });
      clock.advance(WEBHOOK_RETRY_DELAYS_MS[1]!);
      await pullOnly.payServer.events.drain();
      expect(receiver.received).toHaveLength(1);
      await vi.waitFor(() =>
        expect(lines.some((line) => /events\.webhookUrl is not set/.test(line.message))).toBe(true),
      );
      await pullOnly.close();

      receiver.respond = () => ({ status: 200 });
      const back = await startTestServer({ store, now: clock.now, events });
      await back.payServer.events.drain();
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    });
  });
});
