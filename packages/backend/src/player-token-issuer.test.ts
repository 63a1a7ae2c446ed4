import { FIELD_LIMITS } from '@coinslot/protocol';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendError } from './backend-error.js';
import { createPlayerTokenIssuer } from './player-token-issuer.js';
import { generatePlayerTokenKey } from './signing-keys.js';

const base = { issuer: 'https://game.example.test', audience: 'https://pay.example.test' };

afterEach(() => {
  vi.useRealTimers();
});

async function verify(token: string, jwks: { keys: object[] }) {
  return jwtVerify(token, createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]), base);
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!BackendError.isInstance(error)) throw new Error(`expected a BackendError, got ${String(error)}`);
  return error;
}

describe('createPlayerTokenIssuer', () => {
  it('mints an ES256 token with kid in the header and iss, aud, sub, iat, exp that its own JWKS verifies', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_750_000_000_000 });
    const issuer = await createPlayerTokenIssuer(base);
    const token = await issuer.mint('player-42');
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'ES256', kid: issuer.publicKeys[0]!.kid });
    const { payload } = await verify(token, issuer.jwks());
    expect(payload).toMatchObject({
      ...{ iss: base.issuer, aud: base.audience },
      sub: 'player-42',
      iat: 1_750_000_000,
      exp: 1_750_000_600,
    });
  });

  it('lives ttlSeconds when given', async () => {
    const issuer = await createPlayerTokenIssuer({ ...base, ttlSeconds: 60 });
    const { payload } = await verify(await issuer.mint('player-42'), issuer.jwks());
    expect(payload.exp! - payload.iat!).toBe(60);
  });

  it('adds the caller’s own claims', async () => {
    const issuer = await createPlayerTokenIssuer(base);
    const { payload } = await verify(await issuer.mint('player-42', { region: 'eu' }), issuer.jwks());
    expect(payload.region).toBe('eu');
  });

  it('refuses a registered claim in claims with INVALID_CLAIMS', async () => {
    const issuer = await createPlayerTokenIssuer(base);
    expect((await rejection(issuer.mint('player-42', { sub: 'someone-else' }))).code).toBe('INVALID_CLAIMS');
  });

  it.each([
    ['an empty id', ''],
    ['an id past the limit', 'p'.repeat(FIELD_LIMITS.userId.max + 1)],
    ['a number', 42 as unknown as string],
  ])('refuses %s with INVALID_PLAYER_ID', async (_, playerId) => {
    const issuer = await createPlayerTokenIssuer(base);
    expect((await rejection(issuer.mint(playerId))).code).toBe('INVALID_PLAYER_ID');
  });

  it('accepts a player id of exactly the limit', async () => {
    const issuer = await createPlayerTokenIssuer(base);
    const { payload } = await verify(await issuer.mint('p'.repeat(FIELD_LIMITS.userId.max)), issuer.jwks());
    expect(payload.sub).toHaveLength(FIELD_LIMITS.userId.max);
  });

  it('publishes public keys only (no private member)', async () => {
    const issuer = await createPlayerTokenIssuer(base);
    expect(issuer.jwks().keys).toHaveLength(1);
    for (const key of issuer.jwks().keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    }
  });

  it('signs with a stored key under its own kid, and with the kid option when given', async () => {
    const stored = await generatePlayerTokenKey();
    const own = await createPlayerTokenIssuer({ ...base, privateKey: stored });
    expect(decodeProtectedHeader(await own.mint('player-42')).kid).toBe(stored.kid);
    const named = await createPlayerTokenIssuer({ ...base, privateKey: stored, kid: 'backend-2025-06' });
    expect(decodeProtectedHeader(await named.mint('player-42')).kid).toBe('backend-2025-06');
    expect(named.jwks().keys[0]!.kid).toBe('backend-2025-06');
  });

  it('while rotating, signs with the first key and publishes every key', async () => {
    const [next, current] = await Promise.all([generatePlayerTokenKey(), generatePlayerTokenKey()]);
    const issuer = await createPlayerTokenIssuer({ ...base, privateKey: [next, current] });
    expect(issuer.jwks().keys.map((key) => key.kid)).toEqual([next.kid, current.kid]);
    expect(decodeProtectedHeader(await issuer.mint('player-42')).kid).toBe(next.kid);
  });

  it('signs EdDSA with an Ed25519 key', async () => {
    const issuer = await createPlayerTokenIssuer({ ...base, privateKey: await generatePlayerTokenKey('EdDSA') });
    const token = await issuer.mint('player-42');
    expect(decodeProtectedHeader(token).alg).toBe('EdDSA');
    expect((await verify(token, issuer.jwks())).payload.sub).toBe('player-42');
  });

  it.each([
    ['an empty issuer', { ...base, issuer: '' }, /issuer/],
    ['a fractional ttlSeconds', { ...base, ttlSeconds: 1.5 }, /ttlSeconds/],
    ['a public key', { ...base, privateKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' } }, /private JWK/],
    ['an empty key list', { ...base, privateKey: [] }, /empty list/],
  ])('throws a TypeError for %s', async (_, options, message) => {
    await expect(createPlayerTokenIssuer(options)).rejects.toThrow(message);
  });

  it('throws a TypeError for two keys with one kid', async () => {
    const key = await generatePlayerTokenKey();
    await expect(createPlayerTokenIssuer({ ...base, privateKey: [key, key] })).rejects.toThrow(/share the kid/);
  });
});
