import type { ActivityLog } from '../../activity/activity-log.js';
import { ProtocolError } from '../../http/protocol-error.js';
import type { AdminConsole } from './admin-console.js';
import { type ConsoleSession, SessionTokens } from './session-token.js';

/** The session cookie's name. */
export const COOKIE = 'coinslot_admin';

/** Whether the console is reached over https (then its cookie is `Secure`): the request's or `publicUrl`'s scheme. */
export function isHttps(url: URL, publicUrl: string | undefined): boolean {
  return url.protocol === 'https:' || (publicUrl?.startsWith('https:') ?? false);
}

/** A `Set-Cookie` value for `value`, kept `maxAgeSeconds` (0 clears it). */
export function sessionCookie(value: string, maxAgeSeconds: number, https: boolean): string {
  const secure = https ? '; Secure' : '';
  return `${COOKIE}=${value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

function cookieValue(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

/**
 * The session of `request` as its cookie shows it: signed by this deployment, within its idle and absolute timeouts,
 * and opened with the user's current password hash. Otherwise `401 UNAUTHENTICATED`.
 */
function requireSession(request: Request, admin: AdminConsole, now: number): ConsoleSession {
  const value = cookieValue(request);
  const session = value === undefined ? undefined : admin.tokens.read(value);
  const user = session && admin.users.get(session.user);
  const { idleTimeoutMs, absoluteTimeoutMs } = admin.limits;
  const live =
    session !== undefined &&
    user !== undefined &&
    now - session.seenAt < idleTimeoutMs &&
    now - session.issuedAt < absoluteTimeoutMs &&
    session.credential === SessionTokens.credentialOf(user.passwordHash);
  if (!live) throw new ProtocolError('UNAUTHENTICATED', 'log in to the admin console');
  return session;
}

/**
 * The live session of `request`: {@link requireSession}, and not ended by its user's logout on any instance (the activity log, {@link LogoutWatch}
 * — checked at most every few seconds per user). Otherwise `401 UNAUTHENTICATED`.
 */
export async function requireLiveSession(
  request: Request,
  admin: AdminConsole,
  now: number,
  log: ActivityLog,
): Promise<ConsoleSession> {
  const session = requireSession(request, admin, now);
  const loggedOutAt = await admin.logouts.loggedOutAt(session.user, log, now);
  if (loggedOutAt !== undefined && session.issuedAt <= loggedOutAt) {
    throw new ProtocolError('UNAUTHENTICATED', 'log in to the admin console');
  }
  return session;
}

/** The cookie that carries `session` on, seen now (the idle timeout starts again), until its absolute end. */
export function renewedCookie(session: ConsoleSession, admin: AdminConsole, now: number, https: boolean): string {
  const renewed = { ...session, seenAt: now };
  const left = Math.ceil((session.issuedAt + admin.limits.absoluteTimeoutMs - now) / 1000);
  return sessionCookie(admin.tokens.sign(renewed), Math.max(0, left), https);
}
