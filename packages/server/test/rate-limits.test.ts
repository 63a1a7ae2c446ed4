import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver, type PayServerOptions } from '../src/index.js';
import { billBody, closeAllServers, randomKey, startTestServer, type TestServer } from './helpers.js';
import { callFrom } from './limits-client.js';

afterEach(closeAllServers);

const createFrom = (from: string, server: TestServer, headers: Record<string, string> = {}) =>
  callFrom(from, `${server.url}/v1/bills`, {
    json: billBody(),
    headers: { 'idempotency-key': randomKey(), ...headers },
  });
const waitFrom = (from: string, server: TestServer, billId: string, headers: Record<string, string> = {}) =>
  callFrom(from, `${server.url}/v1/bills/${billId}/result?wait=0&nonce=${randomKey()}`, { headers });

describe('rate limits over real HTTP', () => {
  it('answers a create flood from one IP 429 RATE_LIMITED with Retry-After once the default burst of 120 is spent', async () => {
    const server = await startTestServer();
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, () => createFrom('127.0.0.2', server)));
    // The default refills 120 a minute (2 a second) while the flood runs.
    const refilled = Math.ceil(((Date.now() - started) / 1000) * 2);
    const created = answers.filter((answer) => answer.status === 201).length;
    expect(created).toBeGreaterThanOrEqual(120);
    expect(created).toBeLessThanOrEqual(120 + refilled);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused.length).toBe(200 - created);
    for (const answer of refused) {
      expect(answer.status).toBe(429);
      expect(answer.body.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
      expect(answer.headers['retry-after']).toBe('1');
    }
  });

  it('leaves another IP unaffected by one IP’s flood', async () => {
    const server = await startTestServer({ limits: { create: { perIp: { burst: 3, perMinute: 1 } } } });
    for (let i = 0; i < 3; i += 1) await createFrom('127.0.0.2', server);
    const flooded = await createFrom('127.0.0.2', server);
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers['retry-after'])).toBe(60);
    expect((await createFrom('127.0.0.3', server)).status).toBe(201);
  });

  it('counts signing requests (wait=0 on a bill) against the rate limit', async () => {
    const server = await startTestServer({ limits: { wait: { perIp: { burst: 5, perMinute: 60 } } } });
    const { body } = await createFrom('127.0.0.2', server);
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await waitFrom('127.0.0.2', server, body.bill.id)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('limits per identity too: one bill token, whatever address it comes from', async () => {
    const SERVER_KEY = 'csk_rate-limits-test-key-0123456789abcdefgh';
    const real: Partial<PayServerOptions> = {
      auth: { serverKeys: [SERVER_KEY] },
      drivers: [createSandboxDriver()],
      catalog: { 'gem-pack-small': { amount: 499, currency: 'USD' } },
      limits: { wait: { perIp: false, perIdentity: { burst: 2, perMinute: 60 } } },
    };
    const server = await startTestServer(real);
    const { body } = await createFrom('127.0.0.2', server, { authorization: `Bearer ${SERVER_KEY}` });
    const token = { authorization: `Bearer ${body.billToken}` };
    expect((await waitFrom('127.0.0.2', server, body.bill.id, token)).status).toBe(200);
    expect((await waitFrom('127.0.0.3', server, body.bill.id, token)).status).toBe(200);
    expect((await waitFrom('127.0.0.4', server, body.bill.id, token)).status).toBe(429);
    // The game backend's key has no bucket of its own: it speaks for every player.
    expect((await waitFrom('127.0.0.3', server, body.bill.id, { authorization: `Bearer ${SERVER_KEY}` })).status).toBe(
      200,
    );
  });

  it('never believes X-Forwarded-For by default: a client cannot escape its bucket by sending one', async () => {
    const server = await startTestServer({ limits: { create: { perIp: { burst: 2, perMinute: 1 } } } });
    const statuses = [];
    for (const spoof of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      statuses.push((await createFrom('127.0.0.2', server, { 'x-forwarded-for': spoof })).status);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });

  it('with trustProxy 1, counts each client by the address the proxy saw', async () => {
    const server = await startTestServer({ limits: { trustProxy: 1, create: { perIp: { burst: 1, perMinute: 1 } } } });
    const via = (client: string) => createFrom('127.0.0.2', server, { 'x-forwarded-for': `spoofed, ${client}` });
    expect((await via('198.51.100.1')).status).toBe(201);
    expect((await via('198.51.100.1')).status).toBe(429);
    expect((await via('198.51.100.2')).status).toBe(201);
  });

  it('leaves loopback unlimited per IP by default (a proxy on the same machine), and limits it with unlimitedAddresses: []', async () => {
    const rule = { create: { perIp: { burst: 1, perMinute: 1 } } };
    const open = await startTestServer({ limits: rule });
    const twice = [await createFrom('127.0.0.1', open), await createFrom('127.0.0.1', open)];
    expect(twice.map((answer) => answer.status)).toEqual([201, 201]);
    const strict = await startTestServer({ limits: { ...rule, unlimitedAddresses: [] } });
    const again = [await createFrom('127.0.0.1', strict), await createFrom('127.0.0.1', strict)];
    expect(again.map((answer) => answer.status)).toEqual([201, 429]);
  });
});
