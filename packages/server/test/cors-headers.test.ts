import { afterEach, describe, expect, it } from 'vitest';
import { call, closeAllServers, createBill, newBill, randomKey, startTestServer } from './helpers.js';

afterEach(closeAllServers);

const preflight = (url: string, origin: string) =>
  fetch(`${url}/v1/bills`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, idempotency-key',
    },
  });

describe('CORS and cache headers', () => {
  it('answers a preflight allowing Content-Type and Idempotency-Key (any origin by default)', async () => {
    const server = await startTestServer();
    const response = await preflight(server.url, 'https://game.example');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('allows only listed origins when corsOrigins is a list', async () => {
    const server = await startTestServer({ corsOrigins: ['https://game.example'] });
    const allowed = await preflight(server.url, 'https://game.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://game.example');
    expect(allowed.headers.get('vary')).toContain('Origin');
    const refused = await preflight(server.url, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-headers')).toBeNull();
    const read = await call(server, '/v1/keys', { headers: { origin: 'https://game.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('https://game.example');
  });

  it('sends Cache-Control: no-store and CORS on every /v1/ answer, errors included', async () => {
    const server = await startTestServer();
    const bill = await newBill(server);
    const answers = await Promise.all([
      call(server, '/v1/keys'),
      call(server, '/v1/channels'),
      createBill(server),
      call(server, `/v1/bills/${bill.id}`),
      call(server, `/v1/bills/${bill.id}/result?wait=0&nonce=${randomKey()}`),
      call(server, '/v1/bills/b_none'),
      call(server, '/v1/bills', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }),
      call(server, '/v1/unknown'),
      call(server, `${new URL(bill.id, `${server.url}/v1/sandbox/checkout/`).pathname}?token=wrong`),
    ]);
    for (const answer of answers) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('answers GET /v1/channels with the drivers', async () => {
    const server = await startTestServer();
    expect((await call(server, '/v1/channels')).body).toEqual({
      channels: [{ id: 'sandbox', resultSource: ['server', 'client'] }],
    });
  });
});
