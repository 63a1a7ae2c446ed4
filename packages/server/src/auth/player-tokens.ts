import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { FIELD_LIMITS } from '@coinslot/protocol';

/** How the pay server checks player tokens: JWTs the game's backend signs, whose `sub` is the player's id. */
export interface PlayerTokenOptions {
  /** The `iss` every token must carry (the game backend's URL or name). */
  issuer: string;
  /** The `aud` every token must carry (this pay server, e.g. its public URL). */
  audience: string;
  /** Where the backend serves its public keys (JWKS). Either this or `publicKeys`. */
  jwksUrl?: string;
  /** The backend's public keys as a JWKS (`{ keys: [...] }`). Either this or `jwksUrl`. */
  publicKeys?: JSONWebKeySet;
  /** The signature algorithms accepted. @default ['ES256', 'EdDSA', 'RS256'] */
  algorithms?: string[];
  /** The longest a token may live (`exp` − `iat`), in seconds. @default 3600 */
  maxLifetimeSeconds?: number;
  /** Clock skew allowed on `exp`/`nbf`/`iat`, in seconds. @default 30 */
  clockToleranceSeconds?: number;
  /**
   * The claim holding the player's country (ISO 3166-1 alpha-2, e.g. `"country": "DE"`), recorded on the bills the
   * player creates (reports count revenue by it). A value that is not two upper-case letters is left out.
   * @default none: bills a player creates carry no country
   */
  countryClaim?: string;
}

/** A verified player: the token's `sub`, and its country when the token carries one ({@link PlayerTokenOptions.countryClaim}). */
export interface VerifiedPlayer {
  userId: string;
  country?: string;
}

/** Why a player token was refused, fit for the `401` message (never the token itself). */
export class PlayerTokenRejected extends Error {}

/** Verifies player tokens with jose: signature, `iss`, `aud`, `exp` (required), lifetime, and a usable `sub`. */
export class PlayerTokens {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: PlayerTokenOptions) {
    if (typeof options.issuer !== 'string' || options.issuer === '')
      throw new TypeError('Invalid auth.playerTokens.issuer: a non-empty string');
    if (typeof options.audience !== 'string' || options.audience === '')
      throw new TypeError('Invalid auth.playerTokens.audience: a non-empty string');
    if ((options.jwksUrl === undefined) === (options.publicKeys === undefined)) {
      throw new TypeError('Invalid auth.playerTokens: give exactly one of jwksUrl and publicKeys');
    }
    this.keys =
      options.jwksUrl !== undefined
        ? createRemoteJWKSet(new URL(options.jwksUrl))
        : createLocalJWKSet(options.publicKeys!);
  }

  /** The `iss` every token must carry. */
  get issuer(): string {
    return this.options.issuer;
  }

  /** The `aud` every token must carry. */
  get audience(): string {
    return this.options.audience;
  }

  /** The player id (`sub`) of a valid token; throws {@link PlayerTokenRejected} saying why otherwise. */
  async verify(jwt: string): Promise<string> {
    return (await this.verifyPlayer(jwt)).userId;
  }

  /** The player (`sub`, and the country claim) of a valid token; throws {@link PlayerTokenRejected} otherwise. */
  async verifyPlayer(jwt: string): Promise<VerifiedPlayer> {
    const { options } = this;
    const maxLifetime = options.maxLifetimeSeconds ?? 3600;
    try {
      const { payload } = await jwtVerify(jwt, this.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: options.algorithms ?? ['ES256', 'EdDSA', 'RS256'],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: maxLifetime,
      });
      // jose's maxTokenAge bounds the token's age (now − iat), not its lifetime: a token minted now to live a day
      // would pass it. The lifetime is what limits a stolen token's use.
      if (payload.exp! - payload.iat! > maxLifetime) {
        throw new PlayerTokenRejected(
          `the player token lives longer than ${maxLifetime} s (exp − iat): mint shorter-lived tokens`,
        );
      }
      const { sub } = payload;
      if (typeof sub !== 'string' || sub.length < FIELD_LIMITS.userId.min || sub.length > FIELD_LIMITS.userId.max) {
        throw new PlayerTokenRejected(
          `the player token's sub must be a player id of ${FIELD_LIMITS.userId.min}–${FIELD_LIMITS.userId.max} characters`,
        );
      }
      const claim = options.countryClaim === undefined ? undefined : payload[options.countryClaim];
      return typeof claim === 'string' && /^[A-Z]{2}$/.test(claim) ? { userId: sub, country: claim } : { userId: sub };
    } catch (error) {
      if (error instanceof PlayerTokenRejected) throw error;
      throw new PlayerTokenRejected(reasonOf(error));
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the player token has expired: ask the game backend for a new one';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the player token's ${error.claim} claim is not accepted (${error.reason})`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'no trusted key matches the player token';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the player token signature does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the player token algorithm is not accepted';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return 'the player token keys could not be fetched';
  return 'the player token is not a valid JWT';
}
