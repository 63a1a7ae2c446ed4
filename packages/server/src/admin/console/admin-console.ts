import type { AdminOptions } from '../admin-api.js';
import { parsePasswordHash } from '../password-hash.js';
import { type AdminUser, type ConsoleLimits, resolveConsoleOptions } from './console-options.js';
import { LoginLimiter } from './login-limiter.js';
import { LogoutWatch } from './logout-watch.js';
import { SessionTokens } from './session-token.js';

/** What the console's routes share: its users, limits, session signer, login limiter and logged-out sessions. */
export interface AdminConsole {
  users: ReadonlyMap<string, AdminUser>;
  limits: ConsoleLimits;
  tokens: SessionTokens;
  limiter: LoginLimiter;
  /** When each user last logged out on any instance (the activity log), so their older sessions end everywhere. */
  logouts: LogoutWatch;
}

/**
 * The admin console for `options`, or `undefined` when no admin user is configured (secure by default: no console,
 * every `/admin` path `404`). `secret` is the server's private result-signing key: sessions are signed with a key
 * derived from it, so every instance sharing the signing key accepts them.
 */
export function createAdminConsole(options: AdminOptions | undefined, secret: string): AdminConsole | undefined {
  const users = options?.users ?? [];
  if (users.length === 0) return undefined;
  // An empty or short secret would make every session forgeable: refuse to start instead.
  if (secret.length < 32) throw new Error('the admin console needs the private result-signing key (signingKey.d)');
  const resolved = resolveConsoleOptions(users, options?.console);
  for (const user of users) {
    if (!parsePasswordHash(user.passwordHash)) {
      throw new Error(
        `admin.users: "${user.name}"'s passwordHash is not a scrypt hash from "coinslot-server admin hash-password"`,
      );
    }
  }
  const { loginAttempts, loginWindowMs } = resolved.limits;
  return {
    ...resolved,
    tokens: new SessionTokens(secret),
    limiter: new LoginLimiter(loginAttempts, loginWindowMs),
    logouts: new LogoutWatch(),
  };
}
