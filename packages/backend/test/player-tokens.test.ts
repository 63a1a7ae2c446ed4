import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPlayerTokenIssuer, generatePlayerTokenKey, generateServerKey, jwksNodeHandler } from '../src/index.js';
import { AUDIENCE, closeAll, createAsPlayer, ISSUER, serveJwks, startPayServer } from './pay-server-fixture.js';

afterEach(async () => {
  vi.useRealTimers();
  await closeAll();
});

/** A pay server that fetches the keys of `jwksIssuer` from a jwksHandler on a real listener. */
async function payServerTrusting(jwksIssuer: Awaited<ReturnType<typeof createPlayerTokenIssuer>>, playerTokens = {}) {
  return startPayServer({ jwksUrl: await serveJwks(jwksIssuer), serverKeys: [generateServerKey()], playerTokens });
}

describe('player tokens against the reference pay server', () => {
  it('a minted token creates a bill owned by its player (201)', async () => {
    const issuer = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE });
    const server = await payServerTrusting(issuer);
    const answer = await createAsPlayer(server.url, await issuer.mint('player-42'));
    expect(answer.status).toBe(201);
    expect(answer.body.bill?.userId).toBe('player-42');
  });

  it('an expired token is refused with 401 UNAUTHENTICATED', async () => {
    const issuer = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE });
    const server = await payServerTrusting(issuer);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 2 * 3600_000);
    const token = await issuer.mint('player-42'); // expired 110 minutes ago
    vi.useRealTimers();
    const answer = await createAsPlayer(server.url, token);
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe('UNAUTHENTICATED');
  });

  it('a token for another audience is refused with 401', async () => {
    const other = await createPlayerTokenIssuer({ issuer: ISSUER, audience: 'https://another-pay-server.test' });
    const server = await payServerTrusting(other);
    const answer = await createAsPlayer(server.url, await other.mint('player-42'));
    expect(answer.status).toBe(401);
  });

  it('a token that lives longer than the pay server allows (ttlSeconds above maxLifetimeSeconds) is refused with 401', async () => {
    const issuer = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 7200 });
    const server = await payServerTrusting(issuer, { maxLifetimeSeconds: 3600 });
    expect((await createAsPlayer(server.url, await issuer.mint('player-42'))).status).toBe(401);
  });

  it('after a rotation, tokens of the old key verify while it is still published, and so do the new key’s', async () => {
    const [oldKey, newKey] = await Promise.all([generatePlayerTokenKey(), generatePlayerTokenKey()]);
    const before = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE, privateKey: oldKey });
    const oldToken = await before.mint('player-old');
    const rotated = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE, privateKey: [newKey, oldKey] });
    const server = await payServerTrusting(rotated);
    expect((await createAsPlayer(server.url, oldToken)).status).toBe(201);
    expect((await createAsPlayer(server.url, await rotated.mint('player-new'))).status).toBe(201);
  });

  it('once the old key is no longer published, its tokens are refused with 401', async () => {
    const [oldKey, newKey] = await Promise.all([generatePlayerTokenKey(), generatePlayerTokenKey()]);
    const oldToken = await (
      await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE, privateKey: oldKey })
    ).mint('player-old');
    const server = await payServerTrusting(
      await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE, privateKey: newKey }),
    );
    expect((await createAsPlayer(server.url, oldToken)).status).toBe(401);
  });

  it('a key loaded from its stored JSON signs tokens the pay server accepts', async () => {
    const stored = JSON.stringify(await generatePlayerTokenKey());
    const issuer = await createPlayerTokenIssuer({
      issuer: ISSUER,
      audience: AUDIENCE,
      privateKey: JSON.parse(stored),
    });
    const server = await payServerTrusting(issuer);
    expect((await createAsPlayer(server.url, await issuer.mint('player-42'))).status).toBe(201);
  });

  it('jwksNodeHandler on node:http serves keys the pay server fetches', async () => {
    const issuer = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE });
    const backend = createServer(jwksNodeHandler(issuer));
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = backend.address() as AddressInfo;
      const server = await startPayServer({
        jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        serverKeys: [generateServerKey()],
      });
      expect((await createAsPlayer(server.url, await issuer.mint('player-42'))).status).toBe(201);
    } finally {
      backend.closeAllConnections();
      await new Promise((resolve) => backend.close(resolve));
    }
  });
});
