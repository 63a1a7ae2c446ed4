import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWebhookKey } from '@coinslot/server';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAll as closePayServers,
  createDevBill,
  payThroughSandbox,
  startDevPayServer,
} from '../../../packages/backend/test/pay-server-fixture.js';
import {
  ed25519Entry,
  hmacEntry,
  newWebhookKeyPair,
  newWebhookSecret,
  paidEventBody,
  webhookHeaders,
} from '../../../packages/backend/test/webhook-signer.js';
import { startReceiver, stopAllReceivers } from './python-receiver-process.js';

const dirs: string[] = [];

afterEach(async () => {
  await closePayServers();
  await stopAllReceivers();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function eventsFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'coinslot-python-receiver-'));
  dirs.push(dir);
  return join(dir, 'events.sqlite3');
}

const signer = newWebhookKeyPair();
const BODY = JSON.stringify(paidEventBody('b_python000000000001'));
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What a test changes after signing. */
type Tampering = { body?: string; id?: string; timestamp?: number };

/** POSTs a webhook of event `id` signed with the Ed25519 key, as one attempt of the pay server; `change` tampers. */
function post(url: string, id: string, change: Tampering = {}) {
  const timestamp = nowSeconds();
  const headers = webhookHeaders(change.id ?? id, change.timestamp ?? timestamp, [
    ed25519Entry(signer.privateKey, id, timestamp, BODY),
  ]);
  return fetch(url, { method: 'POST', headers, body: change.body ?? BODY });
}

describe('examples/python-receiver: receiver.py', () => {
  it('answers 204 for a webhook the pay server signed, and records the event', async () => {
    const receiver = await startReceiver({ publicKey: signer.publicKey, db: await eventsFile() });
    expect((await post(receiver.url, 'evt_py_0001')).status).toBe(204);
    expect(await receiver.recorded(1)).toEqual([
      { id: 'evt_py_0001', type: 'bill.paid', billId: 'b_python000000000001', state: 'paid', duplicate: false },
    ]);
  });

  it('answers 204 for a reconciliation.mismatch event, which names no bill', async () => {
    const receiver = await startReceiver({ publicKey: signer.publicKey, db: await eventsFile() });
    const body = JSON.stringify({
      type: 'reconciliation.mismatch',
      timestamp: new Date().toISOString(),
      data: { reconciliation: { id: 'rec_py_1', mismatches: 2 }, items: [], more: 0 },
    });
    const timestamp = nowSeconds();
    const headers = webhookHeaders('evt_py_rec1', timestamp, [
      ed25519Entry(signer.privateKey, 'evt_py_rec1', timestamp, body),
    ]);
    expect((await fetch(receiver.url, { method: 'POST', headers, body })).status).toBe(204);
    expect(await receiver.recorded(1)).toEqual([
      { id: 'evt_py_rec1', type: 'reconciliation.mismatch', reconciliation: 'rec_py_1', mismatches: 2 },
    ]);
  });

  it('answers 204 to a retry of the same webhook-id and records it as a duplicate', async () => {
    const receiver = await startReceiver({ publicKey: signer.publicKey, db: await eventsFile() });
    expect((await post(receiver.url, 'evt_py_0002')).status).toBe(204);
    expect((await post(receiver.url, 'evt_py_0002')).status).toBe(204);
    expect((await receiver.recorded(2)).map((record) => 'duplicate' in record && record.duplicate)).toEqual([
      false,
      true,
    ]);
  });

  it('still knows an event after a restart with the same SQLite file', async () => {
    const db = await eventsFile();
    const first = await startReceiver({ publicKey: signer.publicKey, db });
    expect((await post(first.url, 'evt_py_0003')).status).toBe(204);
    await first.recorded(1);
    await first.stop();
    const second = await startReceiver({ publicKey: signer.publicKey, db });
    expect((await post(second.url, 'evt_py_0003')).status).toBe(204);
    expect(await second.recorded(1)).toMatchObject([{ id: 'evt_py_0003', duplicate: true }]);
  });

  it.each<[string, Tampering]>([
    ['a tampered body', { body: BODY.replace('"amount":499', '"amount":1') }],
    ['a tampered webhook-id', { id: 'evt_py_other' }],
    ['a tampered timestamp', { timestamp: nowSeconds() - 1 }],
  ])('answers 400 for %s and records nothing', async (_, change) => {
    const receiver = await startReceiver({ publicKey: signer.publicKey, db: await eventsFile() });
    const response = await post(receiver.url, 'evt_py_0004', change);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/no signature verifies/);
    expect(await receiver.recorded(1)).toEqual([
      { refused: expect.any(String), webhookId: change.id ?? 'evt_py_0004' },
    ]);
  });

  it('answers 400 for a signature by another key, an old timestamp and a missing header', async () => {
    const receiver = await startReceiver({ publicKey: newWebhookKeyPair().publicKey, db: await eventsFile() });
    expect((await post(receiver.url, 'evt_py_0005')).status).toBe(400);
    const old = nowSeconds() - 301;
    const oldHeaders = webhookHeaders('evt_py_0005', old, [ed25519Entry(signer.privateKey, 'evt_py_0005', old, BODY)]);
    const stale = await fetch(receiver.url, { method: 'POST', headers: oldHeaders, body: BODY });
    expect([stale.status, (await stale.json()).error]).toEqual([400, expect.stringMatching(/webhook-timestamp/)]);
    const { 'webhook-id': _, ...noId } = webhookHeaders('evt_py_0005', nowSeconds(), ['v1a,AAAA']);
    expect((await fetch(receiver.url, { method: 'POST', headers: noId, body: BODY })).status).toBe(400);
    const records = await receiver.recorded(3);
    expect(records.filter((record) => !('refused' in record))).toEqual([]);
  });

  it('accepts a list where one signature of several verifies', async () => {
    const receiver = await startReceiver({ publicKey: signer.publicKey, db: await eventsFile() });
    const timestamp = nowSeconds();
    const list = [
      ed25519Entry(newWebhookKeyPair().privateKey, 'evt_py_0006', timestamp, BODY),
      'v2,AAAA',
      ed25519Entry(signer.privateKey, 'evt_py_0006', timestamp, BODY),
    ];
    const headers = webhookHeaders('evt_py_0006', timestamp, list);
    expect((await fetch(receiver.url, { method: 'POST', headers, body: BODY })).status).toBe(204);
  });

  it('verifies HMAC-SHA256 (v1) with COINSLOT_WEBHOOK_SECRET, as signed by the wire format and by standardwebhooks', async () => {
    const secret = newWebhookSecret();
    const receiver = await startReceiver({ secret, db: await eventsFile() });
    const timestamp = nowSeconds();
    const ours = webhookHeaders('evt_py_0007', timestamp, [hmacEntry(secret, 'evt_py_0007', timestamp, BODY)]);
    expect((await fetch(receiver.url, { method: 'POST', headers: ours, body: BODY })).status).toBe(204);
    const official = new Webhook(secret).sign('evt_py_0008', new Date(timestamp * 1000), BODY);
    const theirs = webhookHeaders('evt_py_0008', timestamp, [official]);
    expect((await fetch(receiver.url, { method: 'POST', headers: theirs, body: BODY })).status).toBe(204);
    const wrong = webhookHeaders('evt_py_0009', timestamp, [
      hmacEntry(newWebhookSecret(), 'evt_py_0009', timestamp, BODY),
    ]);
    expect((await fetch(receiver.url, { method: 'POST', headers: wrong, body: BODY })).status).toBe(400);
    expect((await receiver.recorded(3)).map((record) => ('id' in record ? record.id : 'refused'))).toEqual([
      'evt_py_0007',
      'evt_py_0008',
      'refused',
    ]);
  });

  it('verifies the webhooks of a real pay server: a bill paid through the sandbox, then delivered', async () => {
    const key = await generateWebhookKey();
    const receiver = await startReceiver({ publicKey: key.publicKey, db: await eventsFile() });
    const { url, payServer } = await startDevPayServer({ webhookUrl: receiver.url, signing: key });
    const bill = await createDevBill(url, 'player-py');
    await payThroughSandbox(url, bill);
    const delivered = await fetch(`${url}/v1/bills/${bill.id}/deliver`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(delivered.status).toBe(200);
    await payServer.events.drain();
    const records = await receiver.recorded(2);
    expect(records).toMatchObject([
      { type: 'bill.paid', billId: bill.id, state: 'paid', duplicate: false },
      { type: 'bill.delivered', billId: bill.id, state: 'delivered', duplicate: false },
    ]);
    expect(await payServer.events.stats()).toMatchObject({ sent: 2, failedAttempts: 0 });
  });
});
