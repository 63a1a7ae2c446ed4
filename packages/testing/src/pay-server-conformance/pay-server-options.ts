import { resolveAuth, type PayServerAuth, type ResolvedAuth } from './pay-server-auth.js';

/** A result-signing algorithm of protocol v1 §4. */
export type ResultAlgorithmName = 'ES256' | 'EdDSA';

/** Options of {@link runPayServerConformance}. Only `url` and `sandboxSecret` are required. */
export interface PayServerConformanceOptions {
  /** The running pay server's base URL, e.g. `http://127.0.0.1:8787` (no trailing `/v1`). */
  url: string;
  /**
   * The secret of the server's `sandbox` driver (≥ 16 characters). The suite plays the sandbox channel's server
   * with it: it signs notifications and proofs exactly as the sandbox does (docs/protocol.md §7).
   */
  sandboxSecret: string;
  /**
   * Restarts the server under test and resolves once it answers again on the same `url`. When given, the
   * durability checks (§8) run: bills, idempotency keys and the signing key must survive it. Without it they are
   * reported as skipped.
   */
  restart?: () => Promise<void>;
  /**
   * The result-signing algorithms the server is configured for. Each must have a key in `GET /v1/keys`, and every
   * signed result must use one of them. Run the suite once per configuration to check both.
   * @default any of `ES256` and `EdDSA`, with no key required for either
   */
  algorithms?: readonly ResultAlgorithmName[];
  /** The `Origin` every request sends; the server must allow it (CORS). @default 'https://game.example' */
  origin?: string;
  /** Longest a single check may take, in ms. @default 30000 */
  timeoutMs?: number;
  /**
   * The server's bill lifetime (`expiresAt − createdAt`) in ms, when it is short enough to wait for (≤ 20 s).
   * When given, the expiry checks run (`created → expired`, and a late payment `expired → paid`); otherwise they
   * are reported as skipped.
   */
  billTtlMs?: number;
  /** Run only the checks with these ids (see `PAY_SERVER_CHECKS`). @default every check */
  only?: readonly string[];
  /**
   * How the server authenticates (docs/protocol.md §2): `development` (no credentials), `player-tokens` (the suite
   * gets a token for any player from `playerToken` and uses the bill tokens creates answer) or `server-key` (the
   * suite is the game backend). Every check runs in each mode it applies to; the credential and cross-player checks
   * need a real mode. Run the suite once per mode the server offers.
   * @default { mode: 'development' }
   */
  auth?: PayServerAuth;
  /**
   * Whether the server prices bills from its catalog, with the suite's item `conformance-gem` at 499 USD per unit
   * (the reference server needs a catalog with real auth). The suite's bodies always carry `amount = 499 × quantity`;
   * with a catalog the `catalog-pricing` check runs (a create without `amount` is priced by the server, a wrong one
   * answers `AMOUNT_MISMATCH`) and the "amount at its maximum" acceptance case does not apply.
   * @default false
   */
  catalog?: boolean;
  /**
   * The credentials of ANOTHER game (app) on the same server (docs/protocol.md §1 "Apps"): its server key and/or a
   * way to get its player tokens. With them the cross-game checks run: game B's credentials — its server key, its
   * player token for the very player id the suite uses in game A — reach none of A's bills (404 `BILL_NOT_FOUND`, no
   * change), list none of them, and pull none of A's events. Without them those checks are skipped.
   */
  otherGame?: OtherGameCredentials;
}

/** {@link PayServerConformanceOptions.otherGame}: credentials of a second game on the server under test. */
export interface OtherGameCredentials {
  /** One of the other game's server keys (`csk_…`). */
  serverKey?: string;
  /** A valid player token of the other game for `userId` (its issuer, audience and key). */
  playerToken?(userId: string): Promise<string>;
}

/** {@link PayServerConformanceOptions} with defaults applied. */
export interface ResolvedPayServerOptions {
  url: string;
  sandboxSecret: string;
  restart: (() => Promise<void>) | undefined;
  algorithms: readonly ResultAlgorithmName[] | undefined;
  origin: string;
  timeoutMs: number;
  billTtlMs: number | undefined;
  only: readonly string[] | undefined;
  auth: ResolvedAuth;
  catalog: boolean;
  otherGame: OtherGameCredentials | undefined;
}

/** The longest bill lifetime the expiry checks will wait for. */
export const MAX_WAITED_TTL_MS = 20_000;

function checkOtherGame(otherGame: OtherGameCredentials | undefined): OtherGameCredentials | undefined {
  if (otherGame === undefined) return undefined;
  const { serverKey, playerToken } = otherGame;
  if (serverKey !== undefined && !/^csk_[\x21-\x7e]{32,}$/.test(serverKey))
    throw new TypeError('otherGame.serverKey must be a server key: csk_ and at least 32 more characters');
  if (playerToken !== undefined && typeof playerToken !== 'function')
    throw new TypeError('otherGame.playerToken must be a function (userId) => Promise<string>');
  if (serverKey === undefined && playerToken === undefined)
    throw new TypeError('otherGame needs a serverKey, a playerToken, or both');
  return otherGame;
}

/** Checks the options and applies the defaults. @throws TypeError naming the first bad option. */
export function resolvePayServerOptions(options: PayServerConformanceOptions): ResolvedPayServerOptions {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError(`url must be an absolute http(s) URL, not ${String(options.url)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('url must be an http(s) URL');
  if (typeof options.sandboxSecret !== 'string' || options.sandboxSecret.length < 16) {
    throw new TypeError('sandboxSecret must be the server’s sandbox secret (at least 16 characters)');
  }
  for (const alg of options.algorithms ?? []) {
    if (alg !== 'ES256' && alg !== 'EdDSA') throw new TypeError(`algorithms: ${String(alg)} is not ES256 or EdDSA`);
  }
  const ttl = options.billTtlMs;
  if (ttl !== undefined && !(Number.isFinite(ttl) && ttl > 0))
    throw new TypeError('billTtlMs must be a positive number');
  return {
    url: url.href.replace(/\/+$/, ''),
    sandboxSecret: options.sandboxSecret,
    restart: options.restart,
    algorithms: options.algorithms,
    origin: options.origin ?? 'https://game.example',
    timeoutMs: options.timeoutMs ?? 30_000,
    billTtlMs: ttl,
    only: options.only,
    auth: resolveAuth(options.auth),
    catalog: options.catalog === true,
    otherGame: checkOtherGame(options.otherGame),
  };
}
