import type { ActivityLog } from '../../activity/activity-log.js';

/** The activity log's outcome of a console logout. */
export const CONSOLE_LOGOUT = 'console logout';

/** How long an instance trusts what it last read of a user's logout, in ms: how late a logout elsewhere takes effect here. */
export const LOGOUT_CHECK_MS = 5000;

/**
 * When each admin user last logged out of the console, on any instance, as the activity log says: a logout ends every
 * session of that user issued before it, everywhere ("log out everywhere"), so a cookie copied before the logout
 * stops working on the other instances too. Read at most once per {@link LOGOUT_CHECK_MS} per user on each instance
 * (one indexed query), and at once for a logout made here.
 */
export class LogoutWatch {
  readonly #seen = new Map<string, { at: number | undefined; checkedAt: number }>();
  /** Logouts made on this instance: in force here even before (or if never) the log's write lands. */
  readonly #here = new Map<string, number>();

  /** When `user` last logged out (ms since epoch), here or on any instance, or `undefined`. */
  async loggedOutAt(user: string, log: ActivityLog, now: number): Promise<number | undefined> {
    let seen = this.#seen.get(user);
    if (!seen || now - seen.checkedAt >= LOGOUT_CHECK_MS || now < seen.checkedAt) {
      seen = { at: await log.lastAdminAction(`admin:${user}`, CONSOLE_LOGOUT), checkedAt: now };
      this.#seen.set(user, seen);
    }
    const here = this.#here.get(user);
    return here === undefined || (seen.at !== undefined && seen.at > here) ? seen.at : here;
  }

  /** A logout of `user` made on this instance at `at`: in force here at once. */
  loggedOut(user: string, at: number): void {
    this.#here.set(user, Math.max(at, this.#here.get(user) ?? at));
  }
}
