/** One admin console user (`admin.users[]`). */
export interface AdminUser {
  /** The login name (1–64 of A–Z a–z 0–9 . _ @ -). */
  name: string;
  /** `scrypt$ln=…,r=…,p=…$<salt>$<key>`, as `coinslot-server admin hash-password` prints it. Never the password. */
  passwordHash: string;
}

/** The admin console's limits: every one has a default. */
export interface ConsoleLimits {
  /** A session ends this long after its last request. @default 30 minutes */
  idleTimeoutMs: number;
  /** A session ends this long after its login, however busy. @default 12 hours */
  absoluteTimeoutMs: number;
  /** Failed logins allowed per user name and per client address within {@link loginWindowMs}. @default 5 */
  loginAttempts: number;
  /** The window failed logins are counted over. @default 15 minutes */
  loginWindowMs: number;
}

/** The defaults of {@link ConsoleLimits}. */
export const CONSOLE_LIMITS: ConsoleLimits = {
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 60 * 60_000,
  loginAttempts: 5,
  loginWindowMs: 15 * 60_000,
};

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Checks `users` (unique, well-formed names) and fills `limits`' defaults; throws a message naming the field. */
export function resolveConsoleOptions(
  users: readonly AdminUser[],
  limits: Partial<ConsoleLimits> = {},
): { users: ReadonlyMap<string, AdminUser>; limits: ConsoleLimits } {
  const byName = new Map<string, AdminUser>();
  for (const user of users) {
    if (!NAME.test(user.name))
      throw new Error(`admin.users: "${user.name}" is not a valid name (1–64 of A–Z a–z 0–9 . _ @ -)`);
    if (byName.has(user.name)) throw new Error(`admin.users: "${user.name}" is listed twice`);
    byName.set(user.name, user);
  }
  const resolved = { ...CONSOLE_LIMITS, ...limits };
  for (const [field, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value <= 0) throw new Error(`admin.console.${field} must be a positive integer`);
  }
  return { users: byName, limits: resolved };
}
