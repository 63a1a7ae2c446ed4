// @ts-check
// The game backend's side of player identity, as the bench plays it: an ES256 key pair whose public half the pay
// server is configured with (a local JWKS), and one short-lived player token per simulated player (protocol §2).
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const ISSUER = 'https://game.bench.invalid';
const AUDIENCE = 'https://pay.bench.invalid';
const KID = 'bench-game-1';
/** Within the server's default maximum lifetime (3 600 s) and longer than any bench run. */
const LIFETIME_SECONDS = 1800;

/**
 * @typedef {object} TokenIssuer
 * @property {{ issuer: string, audience: string, publicKeys: { keys: import('jose').JWK[] } }} playerTokens the pay
 *   server's `auth.playerTokens`
 * @property {(userId: string) => Promise<string>} mint a fresh player token for `userId`
 */

/** @returns {Promise<TokenIssuer>} */
export async function createTokenIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
  return {
    playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys: { keys: [jwk] } },
    mint: (userId) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: KID })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime(`${LIFETIME_SECONDS}s`)
        .sign(privateKey),
  };
}
