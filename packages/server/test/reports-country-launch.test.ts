import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver } from '../src/drivers/sandbox/sandbox-driver.js';
import { generateAdminKey } from '../src/index.js';
import { call, closeAllServers, payBill, randomKey, SANDBOX_SECRET, startTestServer } from './helpers.js';

afterEach(closeAllServers);

const ADMIN_KEY = generateAdminKey();
const SERVER_KEY = `csk_${randomKey(32)}`;
const ISSUER = 'https://backend.example';
const AUDIENCE = 'https://pay.example';

/** A server with player tokens carrying `country`, the game backend's server key, and the admin API. */
async function server() {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  const started = await startTestServer({
    auth: {
      playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys: { keys: [jwk] }, countryClaim: 'country' },
      serverKeys: [SERVER_KEY],
    },
    catalog: { gem: { amount: 499, currency: 'USD' } },
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
    admin: { keys: [ADMIN_KEY] },
  });
  const token = (userId: string, claims: Record<string, unknown> = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(pair.privateKey);
  const create = (credential: string, body: Record<string, unknown> = {}) =>
    call(started, '/v1/bills', {
      json: { itemId: 'gem', quantity: 1, currency: 'USD', channel: 'sandbox', ...body },
      headers: { authorization: `Bearer ${credential}`, 'idempotency-key': randomKey() },
    });
  const report = (name: string) =>
    call(started, `/v1/admin/reports/${name}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  return { started, token, create, report };
}

describe('a bill’s country, from trusted sources only', () => {
  it('takes the player token’s country claim, and the game backend’s create body', async () => {
    const { started, token, create, report } = await server();
    const fromToken = await create(await token('p1', { country: 'DE' }));
    expect(fromToken.status).toBe(201);
    expect(fromToken.body.bill.country).toBe('DE');
    const fromBackend = await create(SERVER_KEY, { userId: 'p2', country: 'JP' });
    expect(fromBackend.body.bill.country).toBe('JP');
    await payBill(started, fromToken.body.bill);
    await payBill(started, fromBackend.body.bill);
    const revenue = await report('revenue');
    expect(revenue.body.rows.map((r: Record<string, unknown>) => [r.country, r.gross])).toEqual([
      ['DE', 499],
      ['JP', 499],
    ]);
  });

  it('refuses a country in a player’s own request body with 403 FORBIDDEN', async () => {
    const { token, create } = await server();
    const answer = await create(await token('p1', { country: 'DE' }), { country: 'US' });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'country' });
  });

  it('records no country for a token without the claim or with a malformed one, and refuses a malformed body value', async () => {
    const { token, create } = await server();
    expect((await create(await token('p1'))).body.bill.country).toBeUndefined();
    expect((await create(await token('p2', { country: 'Germany' }))).body.bill.country).toBeUndefined();
    const bad = await create(SERVER_KEY, { userId: 'p3', country: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_FIELD', field: 'country' });
  });
});

describe('POST /v1/bills/:id/launch', () => {
  it('records launchedAt once, with the bill token, and the funnel counts the bill as launched', async () => {
    const { started, token, create, report } = await server();
    const created = await create(await token('p1'));
    const { bill, billToken } = created.body;
    const launch = () =>
      call(started, `/v1/bills/${bill.id}/launch`, {
        json: {},
        headers: { authorization: `Bearer ${billToken}` },
      });
    const first = await launch();
    expect(first.status).toBe(200);
    expect(typeof first.body.bill.launchedAt).toBe('number');
    const second = await launch();
    expect(second.body.bill.launchedAt).toBe(first.body.bill.launchedAt);
    await create(await token('p2'));
    const funnel = await report('funnel');
    expect(funnel.body.rows).toMatchObject([{ channel: 'sandbox', created: 2, launched: 1, open: 2 }]);
  });

  it('reaches its own bill only: another player’s token answers 404', async () => {
    const { started, token, create } = await server();
    const { bill } = (await create(await token('p1'))).body;
    const other = await call(started, `/v1/bills/${bill.id}/launch`, {
      json: {},
      headers: { authorization: `Bearer ${await token('p2')}` },
    });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('BILL_NOT_FOUND');
  });

  it('leaves a paid bill as it is', async () => {
    const { started, create } = await server();
    const { bill, billToken } = (await create(SERVER_KEY, { userId: 'p1' })).body;
    await payBill(started, bill);
    const answer = await call(started, `/v1/bills/${bill.id}/launch`, {
      json: {},
      headers: { authorization: `Bearer ${billToken}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.bill).toMatchObject({ state: 'paid' });
    expect(answer.body.bill.launchedAt).toBeUndefined();
  });
});
