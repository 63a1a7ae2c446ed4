import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxDriver } from '../src/drivers/sandbox/sandbox-driver.js';
import { generateAdminKey } from '../src/index.js';
import { call, closeAllServers, SANDBOX_SECRET, startTestServer } from './helpers.js';

afterEach(closeAllServers);

const ADMIN_KEY = generateAdminKey();
const SERVER_KEY = `csk_${'k'.repeat(43)}`;

/** A server with real auth (a game's server key) and an admin key. */
function realServer(admin?: { keys: string[] }) {
  return startTestServer({
    auth: { serverKeys: [SERVER_KEY] },
    catalog: { gem: { amount: 499, currency: 'USD' } },
    drivers: [createSandboxDriver({ secret: SANDBOX_SECRET })],
    ...(admin && { admin }),
  });
}

const revenue = '/v1/admin/reports/revenue';
const bearer = (credential: string) => ({ headers: { authorization: `Bearer ${credential}` } });

describe('the admin credential', () => {
  it('answers a report to an admin key', async () => {
    const server = await realServer({ keys: [ADMIN_KEY] });
    const answer = await call(server, revenue, bearer(ADMIN_KEY));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ report: 'revenue', tz: 'UTC', rows: [] });
  });

  it('refuses a game server key with 403 ADMIN_KEY_REQUIRED', async () => {
    const server = await realServer({ keys: [ADMIN_KEY] });
    const answer = await call(server, revenue, bearer(SERVER_KEY));
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: 'ADMIN_KEY_REQUIRED', retryable: false });
  });

  it('refuses a player token with 403 ADMIN_KEY_REQUIRED', async () => {
    const server = await realServer({ keys: [ADMIN_KEY] });
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJwIn0.c2ln';
    const answer = await call(server, revenue, bearer(jwt));
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('ADMIN_KEY_REQUIRED');
  });

  it('refuses no credential, and an admin key that is not configured, with 401 UNAUTHENTICATED', async () => {
    const server = await realServer({ keys: [ADMIN_KEY] });
    const none = await call(server, revenue);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const other = await call(server, revenue, bearer(generateAdminKey()));
    expect(other.status).toBe(401);
    expect(other.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('checks the key before telling whether a report exists', async () => {
    const server = await realServer({ keys: [ADMIN_KEY] });
    expect((await call(server, '/v1/admin/reports/nonsense', bearer(SERVER_KEY))).status).toBe(403);
    const known = await call(server, '/v1/admin/reports/nonsense', bearer(ADMIN_KEY));
    expect(known.status).toBe(404);
    expect(known.body.error.code).toBe('NOT_FOUND');
    // A name an object inherits (Object.prototype's constructor) is not a report either.
    const inherited = await call(server, '/v1/admin/reports/constructor', bearer(ADMIN_KEY));
    expect(inherited.status).toBe(404);
    expect(inherited.body.error.code).toBe('NOT_FOUND');
  });

  it('is not a credential anywhere else: an admin key cannot list a player’s bills', async () => {
    const server = await realServer({ keys: [ADMIN_KEY] });
    const answer = await call(server, '/v1/bills?user=p1', bearer(ADMIN_KEY));
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('leaves the admin API out when no admin key is configured, even for a well-formed admin key', async () => {
    const server = await realServer();
    const answer = await call(server, revenue, bearer(ADMIN_KEY));
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('NOT_FOUND');
  });

  it('refuses a short or foreign admin key when the server is created', async () => {
    await expect(realServer({ keys: ['cak_short'] })).rejects.toThrow(/Invalid admin key/);
    await expect(realServer({ keys: [SERVER_KEY] })).rejects.toThrow(/Invalid admin key/);
  });

  it('names the parameter at fault: an unknown time zone, a reversed range, a bad groupBy', async () => {
    const server = await realServer({ keys: [ADMIN_KEY] });
    const field = async (query: string) => {
      const answer = await call(server, `${revenue}?${query}`, bearer(ADMIN_KEY));
      expect(answer.status).toBe(400);
      return answer.body.error.field;
    };
    expect(await field('tz=Mars/Olympus')).toBe('tz');
    expect(await field('from=2026-03-09&to=2026-03-01')).toBe('from');
    expect(await field('from=2026-02-30')).toBe('from');
    expect(await field('groupBy=day,colour')).toBe('groupBy');
  });
});
