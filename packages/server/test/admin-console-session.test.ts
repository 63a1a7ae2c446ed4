import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/admin/password-hash.js';
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
});
