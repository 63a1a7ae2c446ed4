import { DEFAULT_APP_ID } from '@coinslot/protocol';
import { decodeJwt } from 'jose';
import type { BillTokens } from '../auth/bill-tokens.js';
import type { App } from './app.js';

/**
 * The games a server runs, and which one a credential belongs to. A server key belongs to the app that lists it; a
 * player token to the app whose issuer and audience it carries (both are checked again when it is verified). Config
 * checks made each mapping unique (resolve-apps.ts).
 */
export class AppRegistry {
  readonly #apps: ReadonlyMap<string, App>;
  readonly #withPlayerTokens: readonly App[];

  constructor(
    apps: readonly App[],
    /** The server's bill tokens: a token is bound to its bill, and the bill to its app. */
    readonly billTokens: BillTokens,
  ) {
    this.#apps = new Map(apps.map((app) => [app.id, app]));
    if (!this.#apps.has(DEFAULT_APP_ID)) throw new TypeError('the default app is missing');
    this.#withPlayerTokens = apps.filter((app) => app.auth.playerTokens !== undefined);
  }

  /** The app of the top-level options. */
  get default(): App {
    return this.#apps.get(DEFAULT_APP_ID)!;
  }

  /** Whether the server runs more than the default app. */
  get several(): boolean {
    return this.#apps.size > 1;
  }

  /** The app with this id, or `undefined`. */
  get(id: string): App | undefined {
    return this.#apps.get(id);
  }

  /** Every app, the default first. */
  all(): App[] {
    return [...this.#apps.values()];
  }

  /** The app that lists `secret` as a server key, or `undefined`. Every app's keys are compared, whichever matches. */
  async appOfServerKey(secret: string): Promise<App | undefined> {
    let found: App | undefined;
    for (const app of this.#apps.values()) {
      if (app.auth.serverKeys && (await app.auth.serverKeys.matches(secret))) found ??= app;
    }
    return found;
  }

  /**
   * The app a player token is for, by its unverified `iss` and `aud` (the app's verifier then checks the signature and
   * both claims): the only app that takes player tokens, else the one whose issuer and audience the token names.
   */
  appOfPlayerToken(jwt: string): App | undefined {
    if (this.#withPlayerTokens.length <= 1) return this.#withPlayerTokens[0];
    let claims: ReturnType<typeof decodeJwt>;
    try {
      claims = decodeJwt(jwt);
    } catch {
      return undefined;
    }
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const matching = this.#withPlayerTokens.filter(
      (app) => app.auth.playerTokens!.issuer === claims.iss && audiences.includes(app.auth.playerTokens!.audience),
    );
    return matching.length === 1 ? matching[0] : undefined;
  }
}
