import { afterEach, describe, expect, it } from 'vitest';
import { runPayServerConformance } from '../src/pay-server-conformance/index.js';
import {
  createOtherGame,
  createTestIdentity,
  describeAgainstReference,
  ORIGIN,
  SANDBOX_SECRET,
  startReference,
  type HandlerWrap,
  type ReferenceServer,
} from './pay-server-conformance-server.js';

const CROSS_GAME = ['cross-game-bills', 'cross-game-list-events'];

describeAgainstReference(
  'the reference server running two games, player tokens, on the memory store',
  { store: 'memory', auth: 'player-tokens', otherGame: createOtherGame() },
  { only: [...CROSS_GAME, 'cross-player-bills', 'cross-player-create-list', 'own-bill-credentials', 'create-bill'] },
);
describeAgainstReference(
  'the reference server running two games, a server key, on the sqlite store',
  { store: 'sqlite', auth: 'server-key', otherGame: createOtherGame() },
  { only: [...CROSS_GAME, 'cross-player-bills'] },
);

const servers: ReferenceServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Runs the cross-game checks against a two-game reference server whose handler `plant` rewrites. */
async function runPlanted(plant: (ownKey: string, otherKey: string) => HandlerWrap) {
  const identity = createTestIdentity({ auth: 'server-key' });
  const otherGame = createOtherGame();
  const ownKey = (identity.suiteAuth as { serverKey: string }).serverKey;
  const server = await startReference({
    store: 'memory',
    auth: 'server-key',
    identity,
    otherGame,
    wrap: plant(ownKey, otherGame.credentials.serverKey!),
    server: { corsOrigins: [ORIGIN] },
  });
  servers.push(server);
  const report = await runPayServerConformance({
    url: server.url,
    sandboxSecret: SANDBOX_SECRET,
    origin: ORIGIN,
    only: CROSS_GAME,
    auth: server.suiteAuth,
    catalog: true,
    otherGame: otherGame.credentials,
  });
  return Object.fromEntries(report.checks.map((check) => [check.id, `${check.status}: ${check.message ?? ''}`]));
}

/** A server that takes any of its keys for the first game's: one game's key reaches every game's bills. */
const keysNotScoped =
  (ownKey: string, otherKey: string): HandlerWrap =>
  (handle) =>
  async (request) => {
    if (request.headers.get('authorization') !== `Bearer ${otherKey}`) return handle(request);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${ownKey}`);
    const body = request.method === 'GET' ? undefined : await request.text();
    return handle(new Request(request.url, { method: request.method, headers, ...(body ? { body } : {}) }));
  };

describe('the cross-game checks fail a server with a planted fault', () => {
  it('a server key that reaches every game’s bills fails cross-game-bills and cross-game-list-events', async () => {
    const results = await runPlanted(keysNotScoped);
    expect(results['cross-game-bills']).toMatch(
      /^failed: game B’s server key on GET \/v1\/bills\/:id of a created bill: expected 404 BILL_NOT_FOUND, got HTTP 200/,
    );
    expect(results['cross-game-list-events']).toMatch(/^failed: game B’s server key listed game A’s paid bill/);
  });

  it('passes both checks on the same server without the fault (the planted run is the only difference)', async () => {
    const results = await runPlanted(() => (handle) => handle);
    expect(results).toEqual({ 'cross-game-bills': 'passed: ', 'cross-game-list-events': 'passed: ' });
  });
});
