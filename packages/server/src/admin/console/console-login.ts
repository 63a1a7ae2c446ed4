import { ALL_APPS } from '../../activity/activity-log.js';
import { jsonResponse } from '../../http/json-response.js';
import { ProtocolError } from '../../http/protocol-error.js';
import { readJsonObject } from '../../http/read-json-body.js';
import { clientAddress } from '../../limits/client-address.js';
import type { ServerContext } from '../../server-context.js';
import { verifyPassword } from '../password-hash.js';
import type { AdminConsole } from './admin-console.js';
import { isHttps, renewedCookie, requireLiveSession, sessionCookie } from './console-session.js';
import { CONSOLE_LOGOUT, type LOGOUT_CHECK_MS } from './logout-watch.js';
import { type ConsoleSession, SessionTokens } from './session-token.js';

// A real hash of a password nobody has: an unknown user costs as much time as a wrong password.
const DECOY = 'scrypt$ln=17,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Refuses a state-changing request that a browser sent from another site: its `Origin` must be the console's own
 * (the request's origin, or `publicUrl`'s). With the `SameSite=Strict` cookie and the session's CSRF token this is
 * the third lock; a cross-site form POST fails here first.
 */
export function requireSameOrigin(request: Request, url: URL, publicUrl: string | undefined): void {
  const origin = request.headers.get('origin');
  const allowed = [url.origin, publicUrl && new URL(publicUrl).origin];
  if (origin === null || !allowed.includes(origin)) {
    throw new ProtocolError('FORBIDDEN', 'the admin console takes state-changing requests from its own pages only');
  }
}

function whoAmI(session: ConsoleSession, admin: AdminConsole) {
  return {
    user: session.user,
    csrfToken: admin.tokens.csrfToken(session.sid),
    expiresAt: session.issuedAt + admin.limits.absoluteTimeoutMs,
  };
}

/** `POST /admin/api/login` `{ name, password }`: opens a session (cookie) or answers 401; 429 past the login limit. */
export async function login(request: Request, url: URL, ctx: ServerContext, admin: AdminConsole): Promise<Response> {
  requireSameOrigin(request, url, ctx.options.publicUrl);
  const body = await readJsonObject(request, { maxBytes: 4096, allowEmpty: false });
  const name = typeof body.name === 'string' ? body.name.slice(0, 64) : '';
  const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
  const now = ctx.options.now();
  const keys = [`user:${name}`, `ip:${clientAddress(request, ctx.options.limits.trustProxy) ?? 'unknown'}`];
  const wait = admin.limiter.retryAfter(keys, now);
  if (wait > 0) {
    throw new ProtocolError('RATE_LIMITED', 'too many failed logins; try again later', {
      headers: { 'retry-after': String(wait) },
    });
  }
  const user = admin.users.get(name);
  const good = await verifyPassword(password, user?.passwordHash ?? DECOY);
  const from = keys[1]!.slice('ip:'.length);
  const audit = (outcome: string) =>
    ctx.activity.record({ appId: ALL_APPS, kind: 'admin', outcome, actor: `admin:${name}`, detail: `from ${from}` });
  if (!user || !good) {
    admin.limiter.fail(keys, now);
    audit('console login failed');
    throw new ProtocolError('UNAUTHENTICATED', 'wrong name or password');
  }
  audit('console login');
  const session: ConsoleSession = {
    sid: SessionTokens.newId(),
    user: user.name,
    issuedAt: now,
    seenAt: now,
    credential: SessionTokens.credentialOf(user.passwordHash),
  };
  const response = jsonResponse(200, whoAmI(session, admin));
  response.headers.append('set-cookie', renewedCookie(session, admin, now, isHttps(url, ctx.options.publicUrl)));
  return response;
}

/** `GET /admin/api/session`: who is logged in and the session's CSRF token, or 401. */
export async function currentSession(request: Request, ctx: ServerContext, admin: AdminConsole): Promise<Response> {
  const session = await requireLiveSession(request, admin, ctx.options.now(), ctx.activity.log);
  return jsonResponse(200, whoAmI(session, admin));
}

/**
 * `POST /admin/api/logout` (same origin, CSRF token): ends the session and clears the cookie — and, through the
 * activity log, every session of that user issued before now, on every instance (within {@link LOGOUT_CHECK_MS}).
 */
export async function logout(request: Request, url: URL, ctx: ServerContext, admin: AdminConsole): Promise<Response> {
  requireSameOrigin(request, url, ctx.options.publicUrl);
  const now = ctx.options.now();
  const session = await requireLiveSession(request, admin, now, ctx.activity.log);
  if (!admin.tokens.checkCsrf(session.sid, request.headers.get('x-coinslot-csrf'))) {
    throw new ProtocolError('FORBIDDEN', 'the request lacks this session’s CSRF token');
  }
  admin.logouts.loggedOut(session.user, now);
  ctx.activity.record({
    at: now,
    appId: ALL_APPS,
    kind: 'admin',
    outcome: CONSOLE_LOGOUT,
    actor: `admin:${session.user}`,
  });
  // Written now, not with the next batch: the other instances read it for their own copies of the cookie.
  await ctx.activity.flush();
  const response = new Response(null, { status: 204 });
  response.headers.append('set-cookie', sessionCookie('', 0, isHttps(url, ctx.options.publicUrl)));
  return response;
}
