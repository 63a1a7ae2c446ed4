import type { EventPage } from '@coinslot/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWebhookKey } from '../src/index.js';
import { DURABLE_STORE_KINDS, disposeDurableStores } from './durable-store-kinds.js';
import { closeAllReceivers, fakeClock, startReceiver } from './events-receiver.js';
import { verifiesWithPublicKey } from './events-verify.js';
import { call, closeAllServers, newBill, payBill, startTestServer } from './helpers.js';

afterEach(async () => {
  await closeAllServers();
  await closeAllReceivers();
  await disposeDurableStores();
});

describe.each(DURABLE_STORE_KINDS)(
  'a dispatcher stopped mid-send ($name closed and reopened on the same place)',
  (kind) => {
    it('sends the leased event once its lease ran out: nothing lost, the same id and body', async () => {
      const place = await kind.place();
      const signing = await generateWebhookKey();
      const clock = fakeClock();
      let hangOn: string | undefined;
      const receiver = await startReceiver((webhook) => (webhook.billId === hangOn ? 'hang' : { status: 200 }));
      const events = { webhookUrl: receiver.url, signing, timeoutMs: 10_000, pollIntervalMs: 3_600_000 };

      const storeA = await place.open();
      const before = await startTestServer({ store: storeA, now: clock.now, events });
      const stuck = await newBill(before);
      const other = await newBill(before);
      hangOn = stuck.id;
      await payBill(before, stuck);
      await receiver.waitFor(1);
      expect(receiver.open()).toBe(1); // the attempt is on the wire, its outcome unknown
      await payBill(before, other);
      await receiver.waitFor(2); // another bill is not held up by the stuck one
      for (let i = 0; i < 100 && (await before.payServer.events.stats()).sent < 1; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await before.payServer.events.stats()).toMatchObject({ sent: 1, inFlight: 1 });
      // Killed mid-send: the attempt is cut off and nothing about it is recorded.
      await before.close();
      await storeA.close();
      const interrupted = receiver.received[0]!;
      expect(interrupted.billId).toBe(stuck.id);

      hangOn = undefined;
      const storeB = await place.open();
      const after = await startTestServer({ store: storeB, now: clock.now, events });
      await after.payServer.events.drain();
      expect(receiver.received.filter((w) => w.billId === stuck.id)).toHaveLength(1); // still leased to the dead one
      const stats = await after.payServer.events.stats();
      expect(stats.oldestPending?.seq).toBe(
        Number((await call<EventPage>(after, '/v1/events')).body.events[0]!.cursor),
      );

      clock.advance(events.timeoutMs + 30_000);
      await after.payServer.events.drain();
      const resent = receiver.received.filter((w) => w.billId === stuck.id);
      expect(resent).toHaveLength(2);
      expect(resent[1]!.headers['webhook-id']).toBe(interrupted.headers['webhook-id']);
      expect(resent[1]!.body).toBe(interrupted.body);
      expect(verifiesWithPublicKey(resent[1]!, signing.publicKey)).toBe(true);
      expect(await after.payServer.events.stats()).toMatchObject({ sent: 1, oldestPending: undefined });
      // Every event reached the endpoint; the one recorded as sent before the stop was not sent again.
      expect(new Set(receiver.received.map((w) => w.headers['webhook-id'])).size).toBe(2);
      expect(receiver.received.filter((w) => w.billId === other.id)).toHaveLength(1);
    });
  },
);
