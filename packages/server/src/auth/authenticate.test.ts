import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAuth, type ResolvedAuth } from './auth-options.js';
import { AppRegistry } from '../apps/app-registry.js';
import { authenticate } from './authenticate.js';

const ISSUER = 'https://game.example';
const AUDIENCE = 'https://pay.example';
const SERVER_KEY = `csk_${'k'.repeat(43)}`;
let privateKey: CryptoKey;
let publicJwk: JWK;
let auth: ResolvedAuth;
let apps: AppRegistry;

/** A server running one game with `resolved` as its auth. */
const oneGame = (resolved: ResolvedAuth) =>
  new AppRegistry([{ id: 'default', auth: resolved, catalog: undefined, drivers: new Map() }], resolved.billTokens);

const request = (authorization?: string) =>
  new Request('http://pay.test/v1/bills', authorization === undefined ? {} : { headers: { authorization } });

function token(
  claims: { sub?: string; iss?: string; aud?: string; iat?: number; exp?: number | string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'game-1' });
  jwt
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? AUDIENCE)
    .setIssuedAt(claims.iat ?? now);
  if (claims.sub !== '') jwt.setSubject(claims.sub ?? 'alice');
  jwt.setExpirationTime(claims.exp ?? now + 300);
  return jwt.sign(privateKey);
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (identity) => identity,
    (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
  );

beforeAll(async () => {
  ({ privateKey } = await generateKeyPair('ES256'));
  const pair = await generateKeyPair('ES256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'game-1', alg: 'ES256' };
  auth = await resolveAuth({
    playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys: { keys: [publicJwk] } },
    serverKeys: [SERVER_KEY],
  });
  apps = oneGame(auth);
});

describe('authenticate', () => {
  it('takes the player from a valid token, and the game backend from its key', async () => {
    expect(await authenticate(request(`Bearer ${await token()}`), apps)).toEqual({
      kind: 'player',
      appId: 'default',
      userId: 'alice',
    });
    expect(await authenticate(request(`Bearer ${SERVER_KEY}`), apps)).toEqual({ kind: 'server', appId: 'default' });
    expect(await authenticate(request(), apps)).toEqual({ kind: 'anonymous' });
  });

  it('refuses expired, foreign, over-long-lived and sub-less tokens with 401 saying why', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, Promise<string>]> = [
      ['expired', token({ iat: now - 600, exp: now - 120 })],
      ['issuer', token({ iss: 'https://other.example' })],
      ['aud', token({ aud: 'https://other-pay.example' })],
      ['lifetime', token({ iat: now, exp: now + 7200 })],
      ['sub', token({ sub: '' })],
      ['sub', token({ sub: 'x'.repeat(129) })],
    ];
    for (const [why, jwt] of cases) {
      const result = await outcome(authenticate(request(`Bearer ${await jwt}`), apps));
      expect(result, `${why}: ${JSON.stringify(result)}`).toEqual(expect.stringMatching(/^UNAUTHENTICATED: /));
    }
  });

  it('refuses a token signed by a key the server does not trust, and garbage', async () => {
    const stranger = await generateKeyPair('ES256');
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'game-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    expect(await outcome(authenticate(request(`Bearer ${forged}`), apps))).toMatch(/^UNAUTHENTICATED: .*signature/);
    expect(await outcome(authenticate(request('Bearer not.a.jwt'), apps))).toMatch(/^UNAUTHENTICATED/);
    expect(await outcome(authenticate(request('Basic YWxpY2U6cw=='), apps))).toMatch(/^UNAUTHENTICATED/);
    expect(await outcome(authenticate(request(`Bearer csk_${'x'.repeat(43)}`), apps))).toMatch(/^UNAUTHENTICATED/);
  });

  it("takes a bill token only on its own bill's path", async () => {
    const billToken = await auth.billTokens.mint('b_1');
    expect(await authenticate(request(`Bearer ${billToken}`), apps, 'b_1')).toEqual({ kind: 'bill', billId: 'b_1' });
    expect(await outcome(authenticate(request(`Bearer ${billToken}`), apps, 'b_2'))).toMatch(/^UNAUTHENTICATED/);
    expect(await outcome(authenticate(request(`Bearer ${billToken}`), apps))).toMatch(/^UNAUTHENTICATED/);
  });

  it('answers development only in the development mode, and only without a credential', async () => {
    const dev = oneGame(await resolveAuth({ development: true }));
    expect(await authenticate(request(), dev)).toEqual({ kind: 'development', appId: 'default' });
    expect(await outcome(authenticate(request(`Bearer ${await token()}`), dev))).toMatch(
      /^UNAUTHENTICATED: this server takes no player tokens/,
    );
  });
});

describe('resolveAuth', () => {
  it('needs an auth, refuses development mixed with real credentials, and server delivery without keys', async () => {
    await expect(resolveAuth(undefined)).rejects.toThrow(/auth is required/);
    await expect(resolveAuth({})).rejects.toThrow(/playerTokens, serverKeys, or development/);
    await expect(resolveAuth({ development: true, serverKeys: [SERVER_KEY] })).rejects.toThrow(/cannot be combined/);
    await expect(
      resolveAuth({
        playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys: { keys: [publicJwk] } },
        deliveredBy: 'server',
      }),
    ).rejects.toThrow(/needs serverKeys/);
  });
});
