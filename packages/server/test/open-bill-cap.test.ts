import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver, type PayServerOptions } from '../src/index.js';
import { billBody, call, closeAllServers, randomKey, startTestServer, type TestServer } from './helpers.js';

afterEach(closeAllServers);

const SERVER_KEY = 'csk_open-bill-cap-test-key-0123456789abcdef';
const backend = { authorization: `Bearer ${SERVER_KEY}` };
const real: Partial<PayServerOptions> = {
  auth: { serverKeys: [SERVER_KEY] },
  drivers: [createSandboxDriver()],
  catalog: { 'gem-pack-small': { amount: 499, currency: 'USD' } },
};

/** The game backend creates a bill for `userId` (a server key: no rate limit of its own, so only the cap speaks). */
const create = (server: TestServer, userId: string, key = randomKey()) =>
  call(server, '/v1/bills', { json: billBody({ userId }), headers: { ...backend, 'idempotency-key': key } });

describe('the open-bill cap per player', () => {
  it('refuses the 21st open bill of one player with 409 TOO_MANY_OPEN_BILLS (not retryable), at the default of 20', async () => {
    const server = await startTestServer(real);
    for (let i = 0; i < 20; i += 1) expect((await create(server, 'hoarder')).status).toBe(201);
    const refused = await create(server, 'hoarder');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'TOO_MANY_OPEN_BILLS', retryable: false });
    expect(refused.body.error.message).toMatch(/20 open bills/);
    expect(refused.headers.get('retry-after')).toBeNull();
  });

  it('counts per player: another player still creates', async () => {
    const server = await startTestServer({ ...real, limits: { openBillsPerPlayer: 2 } });
    await create(server, 'hoarder');
    await create(server, 'hoarder');
    expect((await create(server, 'hoarder')).status).toBe(409);
    expect((await create(server, 'someone-else')).status).toBe(201);
  });

  it('takes the cap from limits.openBillsPerPlayer', async () => {
    const server = await startTestServer({ ...real, limits: { openBillsPerPlayer: 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await create(server, 'p')).status);
    expect(statuses).toEqual([201, 201, 201, 409]);
  });

  it('still answers a replay of a create that was made, at the cap', async () => {
    const server = await startTestServer({ ...real, limits: { openBillsPerPlayer: 1 } });
    const key = randomKey();
    const first = await create(server, 'p', key);
    const replay = await create(server, 'p', key);
    expect(replay.status).toBe(200);
    expect(replay.body.bill.id).toBe(first.body.bill.id);
    expect((await create(server, 'p')).status).toBe(409);
  });

  it('frees a place when an open bill is cancelled', async () => {
    const server = await startTestServer({ ...real, limits: { openBillsPerPlayer: 1 } });
    const { body } = await create(server, 'p');
    expect((await create(server, 'p')).status).toBe(409);
    const cancelled = await call(server, `/v1/bills/${body.bill.id}/cancel`, { json: {}, headers: backend });
    expect(cancelled.status).toBe(200);
    expect((await create(server, 'p')).status).toBe(201);
  });

  it('counts a bill past its expiry as closed, even before the sweep expires it', async () => {
    let now = 1_000_000;
    const server = await startTestServer({
      ...real,
      limits: { openBillsPerPlayer: 1 },
      now: () => now,
      billTtlMs: 1000,
    });
    await create(server, 'p');
    expect((await create(server, 'p')).status).toBe(409);
    now += 1001;
    expect((await create(server, 'p')).status).toBe(201);
  });
});
