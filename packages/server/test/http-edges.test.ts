import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  closeAllServers,
  createBill,
  newBill,
  payBill,
  randomKey,
  readBill,
  startTestServer,
} from './helpers.js';

afterEach(closeAllServers);

const preflight = (url: string, origin: string) =>
  fetch(`${url}/v1/bills`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type, idempotency-key',
    },
  });

const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

describe('CORS allow-list', () => {
  it('a preflight from a listed origin allows the Authorization, Content-Type and Idempotency-Key headers', async () => {
    const server = await startTestServer({ corsOrigins: ['https://game.example'] });
    const allowed =
      (await preflight(server.url, 'https://game.example')).headers
        .get('access-control-allow-headers')
        ?.toLowerCase() ?? '';
    for (const header of ['authorization', 'content-type', 'idempotency-key']) expect(allowed).toContain(header);
  });

  it('a listed origin must be an origin: a path or trailing slash is refused at start', async () => {
    await expect(startTestServer({ corsOrigins: ['https://game.example/'] })).rejects.toThrow(/corsOrigins entry/);
    await expect(startTestServer({ corsOrigins: ['app://game/index.html'] })).rejects.toThrow(/corsOrigins entry/);
    await expect(startTestServer({ corsOrigins: ['javascript://x'] })).rejects.toThrow(/corsOrigins entry/);
  });

  it("an Electron app's own scheme (app://game) is an origin it may list, and only it is answered", async () => {
    const server = await startTestServer({ corsOrigins: ['app://game'] });
    const answer = await preflight(server.url, 'app://game');
    expect(answer.headers.get('access-control-allow-origin')).toBe('app://game');
    expect((await preflight(server.url, 'app://other')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('POST bodies need Content-Type: application/json', () => {
  it('deliver without a Content-Type answers 415 and leaves the bill paid', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    await payBill(server, bill);
    const answer = await call(server, `/v1/bills/${bill.id}/deliver`, { method: 'POST' });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await readBill(server, bill.id)).state).toBe('paid');
  });

  it('cancel with a text/plain body (a no-preflight cross-site form) answers 415 and leaves the bill open', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const answer = await call(server, `/v1/bills/${bill.id}/cancel`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
    expect((await readBill(server, bill.id)).state).toBe('created');
  });

  it('an empty body sent as application/json still counts as {} for cancel', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const answer = await call(server, `/v1/bills/${bill.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.bill.state).toBe('cancelled');
  });

  it('POST /v1/notify/:channel without a Content-Type reaches the driver (its body is the channel’s)', async () => {
    const server = await startTestServer();
    const answer = await call(server, '/v1/notify/sandbox', { method: 'POST', body: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_NOTIFICATION');
  });
});

describe('JSON nesting', () => {
  it('30,000 levels deep answers 400 INVALID_JSON, not 500', async () => {
    const server = await startTestServer();
    const body = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const answer = await call(server, '/v1/bills', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'idempotency-key': randomKey() },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_JSON');
  });

  it('64 levels are accepted and 65 refused; brackets inside strings do not count', async () => {
    const server = await startTestServer();
    const send = (extra: string) =>
      call(server, '/v1/bills', {
        method: 'POST',
        body: `{"userId":"p","itemId":"gem","quantity":1,"amount":1,"currency":"USD","channel":"sandbox","passThrough":"${'['.repeat(100)}","extra":${extra}}`,
        headers: { 'content-type': 'application/json', 'idempotency-key': randomKey() },
      });
    expect((await send(nested(63))).status).toBe(201); // 63 in extra + the body itself = 64
    const deeper = await send(nested(64));
    expect(deeper.status).toBe(400);
    expect(deeper.body.error).toMatchObject({ code: 'INVALID_JSON', message: expect.stringContaining('64 levels') });
  });
});

describe('the sandbox checkout page', () => {
  it('cannot be framed: frame-ancestors none and X-Frame-Options DENY', async () => {
    const server = await startTestServer();
    const { body } = await createBill(server);
    const page = await fetch(body.launch.checkoutUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});
