import { generateWebhookKey, serveNode } from '@coinslot/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BackendError,
  createEventReceiver,
  createPayServerClient,
  createPlayerTokenIssuer,
  generateServerKey,
  type EventReceiver,
  type ReceivedEvent,
} from '../src/index.js';
import {
  AUDIENCE,
  billBody,
  closeAll,
  ISSUER,
  payThroughSandbox,
  serveJwks,
  startPayServer,
} from './pay-server-fixture.js';
import { newWebhookSecret } from './webhook-signer.js';

afterEach(closeAll);

/** The game backend's webhook endpoint on loopback: `receiver.verify()`, 204 when it verifies, 400 when it throws. */
async function serveReceiver(receiver: EventReceiver) {
  const received: ReceivedEvent[] = [];
  const refused: string[] = [];
  const listener = await serveNode(
    async (request) => {
      try {
        received.push(await receiver.verify(request));
        return new Response(null, { status: 204 });
      } catch (error) {
        if (!BackendError.isInstance(error)) throw error;
        refused.push(error.code);
        return new Response(null, { status: 400 });
      }
    },
    { port: 0 },
  );
  const stop = listener.close;
  return { url: `${listener.url}/coinslot/events`, received, refused, stop };
}

/** A real pay server (server keys) whose webhooks go to `webhookUrl`, signed as `signing` says. */
async function setUp(events: Parameters<typeof startPayServer>[0]['events']) {
  const serverKey = generateServerKey();
  const issuer = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE });
  const server = await startPayServer({ jwksUrl: await serveJwks(issuer), serverKeys: [serverKey], events });
  return { ...server, client: createPayServerClient({ url: server.url, serverKey }) };
}

describe('createEventReceiver against the reference pay server’s webhooks', () => {
  it('verifies the Ed25519-signed bill.paid webhook; its id is the one GET /v1/events lists', async () => {
    const key = await generateWebhookKey();
    const endpoint = await serveReceiver(createEventReceiver({ publicKey: key.publicKey }));
    const { url, payServer, client } = await setUp({
      webhookUrl: endpoint.url,
      signing: { privateKey: key.privateKey },
    });
    const { bill } = await client.createBill({ ...billBody(), userId: 'player-7' });
    await payThroughSandbox(url, bill);
    await payServer.events.drain();
    expect(endpoint.received).toMatchObject([{ type: 'bill.paid', data: { bill: { id: bill.id, state: 'paid' } } }]);
    const page = await client.listEvents();
    expect(page.events.map((event) => event.id)).toEqual([endpoint.received[0]!.id]);
  });

  it('verifies the HMAC-signed webhook with the same secret', async () => {
    const secret = newWebhookSecret();
    const endpoint = await serveReceiver(createEventReceiver({ secret }));
    const { url, payServer, client } = await setUp({ webhookUrl: endpoint.url, signing: { secret } });
    const { bill } = await client.createBill({ ...billBody(), userId: 'player-7' });
    await payThroughSandbox(url, bill);
    await payServer.events.drain();
    expect(endpoint.received.map((event) => [event.type, 'bill' in event.data && event.data.bill.id])).toEqual([
      ['bill.paid', bill.id],
    ]);
  });

  it('refuses a webhook signed by another key (400), so the pay server counts a failed attempt', async () => {
    const endpoint = await serveReceiver(createEventReceiver({ publicKey: (await generateWebhookKey()).publicKey }));
    const key = await generateWebhookKey();
    const { url, payServer, client } = await setUp({
      webhookUrl: endpoint.url,
      signing: { privateKey: key.privateKey },
    });
    await payThroughSandbox(url, (await client.createBill({ ...billBody(), userId: 'player-7' })).bill);
    await payServer.events.flush();
    expect(endpoint).toMatchObject({ received: [], refused: ['WEBHOOK_SIGNATURE_INVALID'] });
    expect(await payServer.events.stats()).toMatchObject({ sent: 0, failedAttempts: 1 });
  });
});

describe('createPayServerClient.listEvents against the reference pay server', () => {
  it('lists a bill’s events oldest first, pages with after and limit', async () => {
    const { url, client } = await setUp(undefined);
    const { bill } = await client.createBill({ ...billBody(), userId: 'player-7' });
    await payThroughSandbox(url, bill);
    await client.deliverBill(bill.id);
    const all = await client.listEvents();
    expect(all.events.map((event) => event.type)).toEqual(['bill.paid', 'bill.delivered']);
    expect(all).toMatchObject({ next: all.events[1]!.cursor, more: false });
    const first = await client.listEvents({ limit: 1 });
    expect(first).toMatchObject({ events: [{ id: all.events[0]!.id }], more: true });
    const rest = await client.listEvents({ after: first.next });
    expect(rest.events.map((event) => event.id)).toEqual([all.events[1]!.id]);
  });
});
