import { FIELD_LIMITS } from '@coinslot/protocol';
import { SignJWT } from 'jose';
import { BackendError } from './backend-error.js';
import { generatePlayerTokenKey, importSigningKey, type Jwk, type PublicJwk, type SigningKey } from './signing-keys.js';

/** Options of {@link createPlayerTokenIssuer}. */
export interface PlayerTokenIssuerOptions {
  /** The `iss` of every token: the game backend's URL or name. The pay server's `playerTokens.issuer` must equal it. */
  issuer: string;
  /** The `aud` of every token: the pay server (e.g. its public URL). The pay server's `playerTokens.audience` must equal it. */
  audience: string;
  /**
   * The private JWK that signs (from {@link generatePlayerTokenKey}, kept in a secret store or a file), or several
   * while rotating: the first signs, all are published, so tokens signed by a retired key verify until it is removed.
   * @default a new ES256 key in memory — fine for one process; give a stored key when several backend processes
   * mint tokens or tokens must outlive a restart
   */
  privateKey?: Jwk | readonly Jwk[];
  /** How long a token lives, in seconds. Keep it at most the pay server's `maxLifetimeSeconds` (3600 by default). @default 600 */
  ttlSeconds?: number;
  /** The `kid` of the signing (first) key. @default the JWK's own `kid`, else its RFC 7638 thumbprint */
  kid?: string;
}

/** A JWK Set: what a `jwksUrl` serves. */
export interface JwkSet {
  keys: PublicJwk[];
}

/** Mints player tokens and says which public keys verify them. */
export interface PlayerTokenIssuer {
  /**
   * A signed token (a JWT) for `playerId`, with `iss`, `aud`, `sub` (the player), `iat` and `exp`, and `kid` in its
   * header. `claims` adds claims of your own; the registered ones (`iss`, `sub`, `aud`, `iat`, `exp`, `nbf`) are
   * the issuer's. Rejects with `INVALID_PLAYER_ID` for a player id the pay server would refuse, `INVALID_CLAIMS` for
   * a registered claim in `claims`.
   */
  mint(playerId: string, claims?: Record<string, unknown>): Promise<string>;
  /** The public keys as a JWK Set, for the pay server's `jwksUrl` (see {@link jwksHandler}) or `publicKeys`. */
  jwks(): JwkSet;
  /** The public keys, the signing one first. */
  readonly publicKeys: readonly PublicJwk[];
}

const REGISTERED_CLAIMS = ['iss', 'sub', 'aud', 'iat', 'exp', 'nbf'];

function checkOptions(options: PlayerTokenIssuerOptions): number {
  if (typeof options?.issuer !== 'string' || options.issuer === '') {
    throw new TypeError('Invalid issuer: a non-empty string');
  }
  if (typeof options.audience !== 'string' || options.audience === '') {
    throw new TypeError('Invalid audience: a non-empty string');
  }
  if (options.kid !== undefined && (typeof options.kid !== 'string' || options.kid === '')) {
    throw new TypeError('Invalid kid: a non-empty string');
  }
  const ttl = options.ttlSeconds ?? 600;
  if (!Number.isSafeInteger(ttl) || ttl < 1) {
    throw new TypeError(`Invalid ttlSeconds: ${String(options.ttlSeconds)} (a whole number of seconds above 0)`);
  }
  return ttl;
}

async function loadKeys(options: PlayerTokenIssuerOptions): Promise<SigningKey[]> {
  const given = options.privateKey === undefined ? [await generatePlayerTokenKey()] : [options.privateKey].flat();
  if (given.length === 0) throw new TypeError('Invalid privateKey: an empty list (give at least the key that signs)');
  const keys = await Promise.all(given.map((jwk, i) => importSigningKey(jwk, i === 0 ? options.kid : undefined)));
  const kids = keys.map((key) => key.kid);
  const repeated = kids.find((kid, i) => kids.indexOf(kid) !== i);
  if (repeated !== undefined) throw new TypeError(`Invalid privateKey: two keys share the kid ${repeated}`);
  return keys;
}

/**
 * The game backend's player-token issuer: mints short-lived tokens whose `sub` is the logged-in player, which the
 * pay server verifies (`auth.playerTokens`) against the keys {@link PlayerTokenIssuer.jwks} publishes.
 */
export async function createPlayerTokenIssuer(options: PlayerTokenIssuerOptions): Promise<PlayerTokenIssuer> {
  const ttlSeconds = checkOptions(options);
  const keys = await loadKeys(options);
  const signer = keys[0]!;
  const publicKeys = Object.freeze(keys.map((key) => Object.freeze(key.publicJwk)));
  return {
    async mint(playerId, claims = {}) {
      const { min, max } = FIELD_LIMITS.userId;
      if (typeof playerId !== 'string' || playerId.length < min || playerId.length > max) {
        throw new BackendError('INVALID_PLAYER_ID', `a player id is a string of ${min}–${max} characters`);
      }
      if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
        throw new BackendError('INVALID_CLAIMS', 'claims is a JSON object');
      }
      const registered = REGISTERED_CLAIMS.filter((claim) => Object.hasOwn(claims, claim));
      if (registered.length > 0) {
        throw new BackendError('INVALID_CLAIMS', `claims may not set ${registered.join(', ')}: the issuer sets them`);
      }
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: signer.alg, kid: signer.kid, typ: 'JWT' })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(playerId)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(signer.privateKey);
    },
    jwks: () => ({ keys: publicKeys.map((key) => ({ ...key })) }),
    publicKeys,
  };
}
