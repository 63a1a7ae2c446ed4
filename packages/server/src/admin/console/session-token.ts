import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a console session carries: who, since when, and which password hash it was opened with. */
export interface ConsoleSession {
  /** A random id (128 bits): the session's name in logs, its CSRF token's input and its logout's revocation. */
  sid: string;
  user: string;
  /** Login time and last request time, ms since epoch. */
  issuedAt: number;
  seenAt: number;
  /** A digest of the user's password hash at login: changing the password ends the user's sessions everywhere. */
  credential: string;
}

/**
 * Signs and checks console sessions statelessly (decision in docs/admin-console.md): the cookie holds the session
 * itself, HMAC-SHA256 signed with a key derived (HKDF) from the server's result-signing key. Every instance of a
 * deployment shares that key already, so a session opened on one instance is good on all of them, with no table.
 */
export class SessionTokens {
  readonly #key: Buffer;

  constructor(secret: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, 'coinslot', 'coinslot admin console session v1', 32));
  }

  /** A fresh random session id. */
  static newId(): string {
    return randomBytes(16).toString('base64url');
  }

  /** The digest a session keeps of `passwordHash`. */
  static credentialOf(passwordHash: string): string {
    return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
  }

  #mac(text: string): string {
    return createHmac('sha256', this.#key).update(text).digest('base64url');
  }

  /** `session` as a cookie value. */
  sign(session: ConsoleSession): string {
    const body = Buffer.from(JSON.stringify(session)).toString('base64url');
    return `${body}.${this.#mac(`s.${body}`)}`;
  }

  /** The session in `value`, or `undefined` when it is not one this deployment signed. */
  read(value: string): ConsoleSession | undefined {
    const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!match) return undefined;
    const expected = Buffer.from(this.#mac(`s.${match[1]}`));
    if (!timingSafeEqual(expected, Buffer.from(match[2]!))) return undefined;
    try {
      const session = JSON.parse(Buffer.from(match[1]!, 'base64url').toString()) as ConsoleSession;
      const fine =
        typeof session.sid === 'string' &&
        typeof session.user === 'string' &&
        Number.isFinite(session.issuedAt) &&
        Number.isFinite(session.seenAt) &&
        typeof session.credential === 'string';
      return fine ? session : undefined;
    } catch {
      return undefined;
    }
  }

  /** The CSRF token of a session: state-changing requests send it in `X-Coinslot-Csrf`. */
  csrfToken(sid: string): string {
    return this.#mac(`csrf.${sid}`);
  }

  /** Whether `token` is the CSRF token of `sid`, compared in constant time. */
  checkCsrf(sid: string, token: string | null): boolean {
    if (token === null) return false;
    const expected = Buffer.from(this.csrfToken(sid));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
