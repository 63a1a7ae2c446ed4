import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPayServer } from '../src/index.js';
import {
  billBody,
  call,
  closeAllServers,
  createBill,
  newBill,
  randomKey,
  readBill,
  startTestServer,
} from './helpers.js';

afterEach(closeAllServers);

/** A body stream that never ends on its own, counting what it handed out and whether it was cancelled. */
function endlessBody(chunkBytes = 16 * 1024) {
  const stats = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(chunkBytes).fill(0x20); // spaces: valid JSON whitespace, forever
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk.slice());
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

async function billCount(server: { url: string }) {
  const answer = await call(server, '/v1/bills?user=player-42&state=created');
  return answer.body.bills.length as number;
}

describe('bad input gets the error envelope and changes nothing', () => {
  it('malformed JSON, non-object JSON and invalid UTF-8 → 400 INVALID_JSON', async () => {
    const server = await startTestServer();
    const bodies: BodyInit[] = ['{"userId": "p",', '[1,2]', 'null', '"text"', new Uint8Array([0x7b, 0xff, 0x7d]), ''];
    for (const body of bodies) {
      const answer = await call(server, '/v1/bills', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'idempotency-key': randomKey() },
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: { code: 'INVALID_JSON', message: expect.any(String), retryable: false } });
    }
    expect(await billCount(server)).toBe(0);
  });

  it('a body that is not application/json → 415', async () => {
    const server = await startTestServer();
    const answer = await call(server, '/v1/bills', {
      method: 'POST',
      body: JSON.stringify(billBody()),
      headers: { 'content-type': 'text/plain', 'idempotency-key': randomKey() },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await billCount(server)).toBe(0);
  });

  it('unknown, missing and wrongly typed fields → 400 naming the field', async () => {
    const server = await startTestServer();
    const without = (field: string) => {
      const body = billBody();
      delete body[field];
      return body;
    };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...billBody(), amout: 499 }, 'UNKNOWN_FIELD', 'amout'],
      [without('userId'), 'MISSING_FIELD', 'userId'],
      [without('itemId'), 'MISSING_FIELD', 'itemId'],
      [without('quantity'), 'MISSING_FIELD', 'quantity'],
      [without('amount'), 'MISSING_FIELD', 'amount'],
      [without('currency'), 'MISSING_FIELD', 'currency'],
      [without('channel'), 'MISSING_FIELD', 'channel'],
      [billBody({ userId: '' }), 'INVALID_FIELD', 'userId'],
      [billBody({ userId: 'u'.repeat(129) }), 'INVALID_FIELD', 'userId'],
      [billBody({ userId: 42 }), 'INVALID_FIELD', 'userId'],
      [billBody({ itemId: null }), 'INVALID_FIELD', 'itemId'],
      [billBody({ quantity: 0 }), 'INVALID_FIELD', 'quantity'],
      [billBody({ quantity: 10_001 }), 'INVALID_FIELD', 'quantity'],
      [billBody({ quantity: 1.5 }), 'INVALID_FIELD', 'quantity'],
      [billBody({ amount: '499' }), 'INVALID_FIELD', 'amount'],
      [billBody({ amount: -1 }), 'INVALID_FIELD', 'amount'],
      [billBody({ amount: 1e12 + 1 }), 'INVALID_FIELD', 'amount'],
      [billBody({ currency: 'usd' }), 'INVALID_FIELD', 'currency'],
      [billBody({ currency: 'USDT' }), 'INVALID_FIELD', 'currency'],
      [billBody({ channel: 'Sandbox' }), 'INVALID_FIELD', 'channel'],
      [billBody({ passThrough: 'x'.repeat(1025) }), 'INVALID_FIELD', 'passThrough'],
      [billBody({ os: 7 }), 'INVALID_FIELD', 'os'],
      [billBody({ appVersion: 'v'.repeat(65) }), 'INVALID_FIELD', 'appVersion'],
      [billBody({ sdkVersion: false }), 'INVALID_FIELD', 'sdkVersion'],
      [billBody({ extra: [1] }), 'INVALID_FIELD', 'extra'],
      [billBody({ extra: 'winter' }), 'INVALID_FIELD', 'extra'],
      [billBody({ extra: { blob: 'x'.repeat(4100) } }), 'INVALID_FIELD', 'extra'],
    ];
    for (const [json, code, field] of cases) {
      const answer = await call(server, '/v1/bills', { json, headers: { 'idempotency-key': randomKey() } });
      expect(answer.status, `${code} ${field}`).toBe(400);
      expect(answer.body.error, `${code} ${field}`).toMatchObject({ code, field, retryable: false });
    }
    expect(await billCount(server)).toBe(0);
    expect((await createBill(server, { passThrough: 'x'.repeat(1024), extra: { ok: true } })).status).toBe(201);
  });

  it('a Content-Length over the limit → 413 before any byte of the body is read', async () => {
    const server = await startTestServer({ maxBodyBytes: 1024 });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/bills`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '5000000', 'idempotency-key': randomKey() },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write('{"userId":'); // only the headers and a few bytes: the answer must not wait for the rest
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'BODY_TOO_LARGE', retryable: false });
    expect(await billCount(server)).toBe(0);
  });

  it('a streamed body over the limit → 413 while reading; the stream is cancelled, not drained', async () => {
    const payServer = await createPayServer({ auth: { development: true }, maxBodyBytes: 65_536 });
    const { stream, stats } = endlessBody();
    const response = await payServer.handle(
      new Request('http://pay.test/v1/bills', {
        method: 'POST',
        body: stream,
        headers: { 'content-type': 'application/json', 'idempotency-key': randomKey() },
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('BODY_TOO_LARGE');
    expect(stats.cancelled).toBe(true);
    // The limit plus the one chunk that crossed it, and what the Request's stream had buffered: never the rest.
    expect(stats.pulled).toBeLessThanOrEqual(65_536 + 4 * 16 * 1024);
    await payServer.close();
  });

  it('over a real connection, an endless upload gets its 413, the server stops reading and closes', async () => {
    const server = await startTestServer();
    const sockets: Socket[] = [];
    server.listener.server.on('connection', (socket) => sockets.push(socket));
    const { stream, stats } = endlessBody();
    const response = await fetch(`${server.url}/v1/bills`, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json', 'idempotency-key': randomKey() },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect((await response.json()).error.code).toBe('BODY_TOO_LARGE');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const pulledAfterAnswer = stats.pulled;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The connection is closed: the client sends nothing more. The server read the limit plus socket
    // buffers, while the client had pushed megabytes into the kernel.
    expect(stats.pulled).toBe(pulledAfterAnswer);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.destroyed).toBe(true);
    expect(sockets[0]!.bytesRead).toBeLessThan(512 * 1024);
    expect(await billCount(server)).toBe(0);
  });

  it('unknown endpoints → 404 NOT_FOUND, wrong methods → 405 with Allow, unknown bills → 404', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    expect((await call(server, '/v1/nothing-here')).body.error.code).toBe('NOT_FOUND');
    expect((await call(server, '/v2/bills')).body.error.code).toBe('NOT_FOUND');
    expect((await call(server, '/')).status).toBe(404);
    const wrongMethod = await call(server, `/v1/bills/${bill.id}/deliver`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect(wrongMethod.body.error.code).toBe('METHOD_NOT_ALLOWED');
    const deleteBill = await call(server, `/v1/bills/${bill.id}`, { method: 'DELETE' });
    expect(deleteBill.status).toBe(405);
    for (const id of ['b_unknown', 'has%20space', 'x'.repeat(65)]) {
      const answer = await call(server, `/v1/bills/${id}`);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('BILL_NOT_FOUND');
    }
    expect(await readBill(server, bill.id)).toEqual(bill);
  });
});
