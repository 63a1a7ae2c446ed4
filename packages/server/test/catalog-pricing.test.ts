import { afterEach, describe, expect, it } from 'vitest';
import { createPayServer, createSandboxDriver } from '../src/index.js';
import { billBody, call, closeAllServers, createBill, randomKey, startTestServer } from './helpers.js';

afterEach(closeAllServers);

const catalog = { 'gem-pack-small': { amount: 499, currency: 'USD' } };
const SERVER_KEY = `csk_${'s'.repeat(40)}`;
const withoutAmount = (overrides: Record<string, unknown> = {}) => {
  const { amount: _amount, ...body } = billBody(overrides);
  return body;
};

describe('prices come from the catalog', () => {
  it('a create without amount is priced price × quantity', async () => {
    const server = await startTestServer({ catalog });
    const answer = await call(server, '/v1/bills', {
      json: withoutAmount({ quantity: 3 }),
      headers: { 'idempotency-key': randomKey() },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.bill.amount).toBe(1497);
  });

  it('a sent amount that is not price × quantity answers AMOUNT_MISMATCH', async () => {
    const server = await startTestServer({ catalog });
    const answer = await createBill(server, { quantity: 10_000, amount: 0 });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'AMOUNT_MISMATCH', field: 'amount' });
  });

  it('an item the catalog does not price is refused', async () => {
    const server = await startTestServer({ catalog });
    const answer = await call(server, '/v1/bills', {
      json: withoutAmount({ itemId: 'free-gold' }),
      headers: { 'idempotency-key': randomKey() },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'AMOUNT_MISMATCH', field: 'itemId' });
  });

  it('without a catalog (development auth) amount stays required', async () => {
    const server = await startTestServer();
    const answer = await call(server, '/v1/bills', {
      json: withoutAmount(),
      headers: { 'idempotency-key': randomKey() },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'MISSING_FIELD', field: 'amount' });
  });

  it('a replay without amount of a create that sent it is the same request', async () => {
    const server = await startTestServer({ catalog });
    const key = randomKey();
    const first = await createBill(server, {}, key);
    const replay = await call(server, '/v1/bills', { json: withoutAmount(), headers: { 'idempotency-key': key } });
    expect(replay.status).toBe(200);
    expect(replay.body.bill.id).toBe(first.body.bill.id);
  });
});

describe('createPayServer with real auth', () => {
  const real = { auth: { serverKeys: [SERVER_KEY] }, drivers: [createSandboxDriver()], catalog };

  it('refuses to start without a catalog', async () => {
    await expect(createPayServer({ ...real, catalog: undefined })).rejects.toThrow(
      /catalog is required with real auth/,
    );
  });

  it('refuses to start without drivers instead of running the sandbox', async () => {
    await expect(createPayServer({ ...real, drivers: undefined })).rejects.toThrow(
      /drivers is required with real auth/,
    );
  });

  it("refuses CORS '*'", async () => {
    await expect(createPayServer({ ...real, corsOrigins: '*' })).rejects.toThrow(
      /corsOrigins: '\*' is for development auth only/,
    );
  });

  it('allows no browser origin unless corsOrigins lists it', async () => {
    const server = await startTestServer(real);
    const answer = await fetch(`${server.url}/v1/keys`, { headers: { origin: 'https://game.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});
