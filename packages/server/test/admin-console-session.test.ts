import { afterEach, describe, expect, it } from 'vitest';
import { LOGOUT_CHECK_MS } from '../src/admin/console/logout-watch.js';
import { hashPassword } from '../src/admin/password-hash.js';
import { generateSigningKey, MemoryBillStore } from '../src/index.js';
import { call, closeAllServers, startTestServer } from './helpers.js';

const PASSWORD = 'a long enough password';
const MINUTE = 60_000;

/** A console server on a clock the test moves; logs in and answers the session cookie. */
async function loggedIn(limits: Record<string, number> = {}) {
  const clock = { now: Date.parse('2026-03-10T12:00:00Z') };
  const server = await startTestServer({
    now: () => clock.now,
    admin: { keys: [], users: [{ name: 'ops', passwordHash: await hashPassword(PASSWORD) }], console: limits },
  });
  const login = await fetch(`${server.url}/admin/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ name: 'ops', password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const setCookie = login.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/HttpOnly; SameSite=Strict/);
  expect(setCookie).not.toMatch(/Secure/); // plain http on loopback
  const cookie = setCookie.split(';', 1)[0]!;
  const session = async () => {
    const answer = await fetch(`${server.url}/admin/api/session`, { headers: { cookie } });
    return answer.status;
  };
  return { server, clock, cookie, session };
}

describe('admin console sessions', () => {
  afterEach(closeAllServers);

  it('end after the idle timeout (30 min by default) without a request', async () => {
    const { clock, session } = await loggedIn();
    clock.now += 29 * MINUTE;
    expect(await session()).toBe(200);
    clock.now += 2 * MINUTE;
    expect(await session()).toBe(401);
  }, 30_000);

  it('end at the absolute timeout however busy, and a renewed cookie carries the idle timeout forward', async () => {
    const { server, clock, cookie, session } = await loggedIn({ absoluteTimeoutMs: 60 * MINUTE });
    const apps = (value: string) => fetch(`${server.url}/admin/api/apps`, { headers: { cookie: value } });
    let current = cookie;
    for (let i = 0; i < 2; i += 1) {
      clock.now += 20 * MINUTE;
      const answer = await apps(current);
      expect(answer.status).toBe(200);
      current = answer.headers.get('set-cookie')?.split(';', 1)[0] ?? current;
    }
    // 40 minutes after login: the login cookie is past its idle timeout, the renewed one (seen at 20 min) is not.
    expect(current).not.toBe(cookie);
    expect(await session()).toBe(401);
    expect((await apps(current)).status).toBe(200);
    // 60 minutes after login: over the absolute timeout though the last request was 20 minutes ago.
    clock.now += 20 * MINUTE;
    expect((await apps(current)).status).toBe(401);
  }, 30_000);

  it('the admin API takes no session cookie, and the console takes no admin key', async () => {
    const { server, cookie } = await loggedIn();
    expect((await call(server, '/v1/admin/reports/revenue', { headers: { cookie } })).status).toBe(404);
    const withKey = await call(server, '/admin/api/apps', {
      headers: { authorization: `Bearer cak_${'k'.repeat(40)}` },
    });
    expect(withKey.status).toBe(401);
  }, 30_000);

  it('a logout ends that user’s older sessions on every instance sharing the store, within seconds', async () => {
    const clock = { now: Date.parse('2026-03-10T12:00:00Z') };
    const store = new MemoryBillStore();
    const signingKey = await generateSigningKey();
    const users = [{ name: 'ops', passwordHash: await hashPassword(PASSWORD) }];
    const instance = () => startTestServer({ now: () => clock.now, store, signingKey, admin: { keys: [], users } });
    const [a, b] = [await instance(), await instance()];
    const logIn = async (server: { url: string }) => {
      const answer = await fetch(`${server.url}/admin/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ name: 'ops', password: PASSWORD }),
      });
      return answer.headers.get('set-cookie')!.split(';', 1)[0]!;
    };
    const status = async (server: { url: string }, cookie: string) =>
      (await fetch(`${server.url}/admin/api/session`, { headers: { cookie } })).status;
    const copied = await logIn(a);
    // The session works on both instances (one signing key), and B has read that ops never logged out.
    expect([await status(a, copied), await status(b, copied)]).toEqual([200, 200]);
    clock.now += 1000;
    const onA = await logIn(a);
    const { csrfToken } = await (await fetch(`${a.url}/admin/api/session`, { headers: { cookie: onA } })).json();
    const out = await fetch(`${a.url}/admin/api/logout`, {
      method: 'POST',
      headers: { cookie: onA, origin: a.url, 'x-coinslot-csrf': csrfToken },
    });
    expect(out.status).toBe(204);
    // On A at once; on B once its last read of ops's logouts is older than LOGOUT_CHECK_MS.
    expect(await status(a, copied)).toBe(401);
    clock.now += LOGOUT_CHECK_MS + 1;
    expect(await status(b, copied)).toBe(401);
    // A login after the logout is a new session, good everywhere.
    clock.now += 1000;
    const later = await logIn(b);
    expect([await status(a, later), await status(b, later)]).toEqual([200, 200]);
  }, 30_000);
});
