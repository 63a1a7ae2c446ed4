import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  ed25519Entry,
  hmacEntry,
  newWebhookKeyPair,
  newWebhookSecret,
  paidEventBody,
  webhookHeaders,
} from '../test/webhook-signer.js';
import { BackendError } from './backend-error.js';
import { createEventReceiver } from './event-receiver.js';

const NOW_S = 1_750_000_000;
const now = () => NOW_S * 1000;
const ID = 'evt_0001';
const BODY = JSON.stringify(paidEventBody());
const signer = newWebhookKeyPair();
const secret = newWebhookSecret();

/** A webhook signed with the Ed25519 key at `timestamp`, as the pay server sends it. */
const signed = (timestamp = NOW_S, id = ID, body = BODY): { headers: Record<string, string>; body: string } => ({
  headers: webhookHeaders(id, timestamp, [ed25519Entry(signer.privateKey, id, timestamp, body)]),
  body,
});

const ed25519Receiver = (options = {}) => createEventReceiver({ publicKey: signer.publicKey, now, ...options });

async function refusal(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!BackendError.isInstance(error)) throw new Error(`expected a BackendError, got ${String(error)}`);
  return error;
}

describe('createEventReceiver: Ed25519 (v1a)', () => {
  it('returns the verified event: the webhook-id and the body', async () => {
    const event = await ed25519Receiver().verifyRaw(signed());
    expect(event).toEqual({ id: ID, ...paidEventBody() });
  });

  it('verifies a web-standard Request', async () => {
    const { headers, body } = signed();
    const request = new Request('https://game.example.test/coinslot/events', { method: 'POST', headers, body });
    const event = await ed25519Receiver().verify(request);
    expect(event.type === 'bill.paid' && event.data.bill.state).toBe('paid');
  });

  it('returns a reconciliation.mismatch event, which carries no bill', async () => {
    const body = JSON.stringify({
      type: 'reconciliation.mismatch',
      timestamp: '2026-03-10T12:00:00.000Z',
      data: {
        reconciliation: {
          id: 'rec_1',
          appId: 'default',
          channel: 'stripe',
          date: '2026-03-10',
          timeZone: 'UTC',
          source: 'fetch',
          counts: { 'missing-here': 1 },
          mismatches: 1,
        },
        items: [
          { kind: 'missing-here', billId: 'b_1', detail: 'the channel settled it but there is no such bill here' },
        ],
        more: 0,
      },
    });
    const event = await ed25519Receiver().verifyRaw(signed(NOW_S, ID, body));
    expect(event.type === 'reconciliation.mismatch' && event.data.reconciliation.id).toBe('rec_1');
    const noRun = JSON.stringify({ type: 'reconciliation.mismatch', timestamp: '2026-03-10T12:00:00.000Z', data: {} });
    expect((await refusal(ed25519Receiver().verifyRaw(signed(NOW_S, ID, noRun)))).code).toBe('WEBHOOK_MALFORMED');
  });

  it('reads Node-style headers in any case, and the body as bytes', async () => {
    const { headers, body } = signed();
    const upper = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value]));
    const event = await ed25519Receiver().verifyRaw({ headers: upper, body: new TextEncoder().encode(body) });
    expect(event.id).toBe(ID);
  });

  it.each([
    ['the body', { ...signed(), body: BODY.replace('"amount":499', '"amount":1') }],
    ['the webhook-id', { ...signed(), headers: { ...signed().headers, 'webhook-id': 'evt_0002' } }],
    ['the timestamp', { ...signed(), headers: { ...signed().headers, 'webhook-timestamp': String(NOW_S + 1) } }],
  ])('refuses a tampered %s with WEBHOOK_SIGNATURE_INVALID', async (_, webhook) => {
    expect(await refusal(ed25519Receiver().verifyRaw(webhook))).toMatchObject({
      code: 'WEBHOOK_SIGNATURE_INVALID',
      retryable: false,
    });
  });

  it('refuses a signature by another key', async () => {
    const receiver = createEventReceiver({ publicKey: newWebhookKeyPair().publicKey, now });
    expect((await refusal(receiver.verifyRaw(signed()))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('accepts a timestamp exactly 300 s away, either way', async () => {
    const receiver = ed25519Receiver();
    expect((await receiver.verifyRaw(signed(NOW_S - 300))).id).toBe(ID);
    expect((await receiver.verifyRaw(signed(NOW_S + 300))).id).toBe(ID);
  });

  it.each([
    ['old', NOW_S - 301],
    ['future', NOW_S + 301],
  ])('refuses an %s timestamp (301 s away) with WEBHOOK_TIMESTAMP_OUT_OF_RANGE', async (_, timestamp) => {
    expect((await refusal(ed25519Receiver().verifyRaw(signed(timestamp)))).code).toBe('WEBHOOK_TIMESTAMP_OUT_OF_RANGE');
  });

  it('takes another tolerance', async () => {
    const receiver = ed25519Receiver({ toleranceSeconds: 10 });
    expect((await refusal(receiver.verifyRaw(signed(NOW_S - 11)))).code).toBe('WEBHOOK_TIMESTAMP_OUT_OF_RANGE');
    expect((await receiver.verifyRaw(signed(NOW_S - 10))).id).toBe(ID);
  });

  it('accepts a list where one entry of several verifies', async () => {
    const good = ed25519Entry(signer.privateKey, ID, NOW_S, BODY);
    const other = ed25519Entry(newWebhookKeyPair().privateKey, ID, NOW_S, BODY);
    const list = [other, 'v2,AAAA', 'v1a,not-base64!', 'garbage', hmacEntry(secret, ID, NOW_S, BODY), good];
    const event = await ed25519Receiver().verifyRaw({ headers: webhookHeaders(ID, NOW_S, list), body: BODY });
    expect(event.id).toBe(ID);
  });

  it('refuses a list where no entry verifies', async () => {
    const list = [ed25519Entry(newWebhookKeyPair().privateKey, ID, NOW_S, BODY), 'v1a,AAAA'];
    const webhook = { headers: webhookHeaders(ID, NOW_S, list), body: BODY };
    expect((await refusal(ed25519Receiver().verifyRaw(webhook))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('verifies with any of several public keys (the pay server rotating its key)', async () => {
    const receiver = createEventReceiver({ publicKey: [newWebhookKeyPair().publicKey, signer.publicKey], now });
    expect((await receiver.verifyRaw(signed())).id).toBe(ID);
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'refuses a webhook without %s with WEBHOOK_MALFORMED',
    async (name) => {
      const { headers, body } = signed();
      const { [name]: _, ...rest } = headers;
      expect((await refusal(ed25519Receiver().verifyRaw({ headers: rest, body }))).code).toBe('WEBHOOK_MALFORMED');
    },
  );

  it.each(['1750000000.5', '-1750000000', '2025-06-15T12:00:00Z', ''])(
    'refuses the timestamp "%s" (not integer seconds) with WEBHOOK_MALFORMED',
    async (timestamp) => {
      const webhook = signed();
      const headers = { ...webhook.headers, 'webhook-timestamp': timestamp };
      expect((await refusal(ed25519Receiver().verifyRaw({ ...webhook, headers }))).code).toBe('WEBHOOK_MALFORMED');
    },
  );

  it('refuses a correctly signed body that is not an event with WEBHOOK_MALFORMED', async () => {
    const webhook = signed(NOW_S, ID, JSON.stringify({ type: 'bill.shipped', data: {} }));
    expect((await refusal(ed25519Receiver().verifyRaw(webhook))).code).toBe('WEBHOOK_MALFORMED');
  });
});

describe('createEventReceiver: HMAC-SHA256 (v1, Standard Webhooks)', () => {
  const hmacWebhook = (timestamp = NOW_S, body = BODY) => ({
    headers: webhookHeaders(ID, timestamp, [hmacEntry(secret, ID, timestamp, body)]),
    body,
  });

  it('returns the verified event', async () => {
    const event = await createEventReceiver({ secret, now }).verifyRaw(hmacWebhook());
    expect(event).toEqual({ id: ID, ...paidEventBody() });
  });

  it('refuses a tampered body and another secret', async () => {
    const receiver = createEventReceiver({ secret, now });
    const tampered = { ...hmacWebhook(), body: BODY.replace('player-7', 'player-8') };
    expect((await refusal(receiver.verifyRaw(tampered))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const stranger = createEventReceiver({ secret: newWebhookSecret(), now });
    expect((await refusal(stranger.verifyRaw(hmacWebhook()))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('does not take an HMAC entry for an Ed25519 one, nor the reverse', async () => {
    expect((await refusal(ed25519Receiver().verifyRaw(hmacWebhook()))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const hmacOnly = createEventReceiver({ secret, now });
    expect((await refusal(hmacOnly.verifyRaw(signed()))).code).toBe('WEBHOOK_SIGNATURE_INVALID');
  });

  it('verifies what the standardwebhooks package signs', async () => {
    const entry = new Webhook(secret).sign(ID, new Date(NOW_S * 1000), BODY);
    const webhook = { headers: webhookHeaders(ID, NOW_S, [entry]), body: BODY };
    expect((await createEventReceiver({ secret, now }).verifyRaw(webhook)).id).toBe(ID);
  });

  it('signs as the standardwebhooks package verifies: the wire format is its v1 scheme', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const { headers, body } = hmacWebhook(timestamp);
    expect(new Webhook(secret).verify(body, headers)).toEqual(paidEventBody());
    expect((await createEventReceiver({ secret }).verifyRaw({ headers, body })).id).toBe(ID);
  });
});

describe('createEventReceiver: options', () => {
  const pk = signer.publicKey;
  it.each([
    ['no key at all', {}],
    ['a public key without whpk_', { publicKey: pk.slice('whpk_'.length) }],
    ['a secret given as publicKey', { publicKey: secret }],
    ['a public key given as secret', { secret: pk }],
    ['a public key of 31 bytes', { publicKey: `whpk_${Buffer.alloc(31, 1).toString('base64')}` }],
    ['a public key of 33 bytes', { publicKey: `whpk_${Buffer.alloc(33, 1).toString('base64')}` }],
    ['a public key in base64url', { publicKey: `whpk_${Buffer.alloc(32, 0xfb).toString('base64url')}` }],
    ['a public key without padding', { publicKey: pk.replace(/=+$/, '') }],
    [
      'a public key with non-zero unused bits',
      { publicKey: `whpk_${Buffer.alloc(32).toString('base64').replace(/A=$/, 'B=')}` },
    ],
    ['a secret of 23 bytes', { secret: `whsec_${Buffer.alloc(23, 1).toString('base64')}` }],
    ['a secret of 65 bytes', { secret: `whsec_${Buffer.alloc(65, 1).toString('base64')}` }],
    ['a secret that is not base64', { secret: 'whsec_not base64!' }],
    ['a negative tolerance', { publicKey: pk, toleranceSeconds: -1 }],
  ])('throws a TypeError for %s', (_, options) => {
    expect(() => createEventReceiver(options)).toThrow(TypeError);
  });
});
