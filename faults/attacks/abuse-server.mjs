// @ts-check
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBackend } from '../lib/build-snapshot.mjs';
import { startServerProcess } from '../lib/server-process.mjs';

/** The player tokens' issuer and audience, as the game backend and the pay server's configuration name them. */
const ISSUER = 'https://game.faults.test';
const AUDIENCE = 'https://pay.faults.test';

/**
 * A fault planted in the server the abuse attacks run against, to show their rows fail when the server is wrong:
 * `dev-auth` starts it with development auth (the body's `userId` believed, no credential needed).
 * @typedef {'dev-auth' | undefined} Plant
 */

/**
 * @typedef {object} AbuseServer
 * @property {import('../lib/server-process.mjs').ServerProcess} process
 * @property {string} url
 * @property {string} dataDir
 * @property {string} serverKey the game backend's `csk_…` key: the harness reads state with it (owner-level, no buckets)
 * @property {(playerId: string) => Promise<string>} mint a real player token, minted as the game backend mints it
 * @property {(playerId: string) => Promise<string>} forge a token of the same shape for `playerId`, signed by a key
 *   the server was never given (an attacker's)
 */

/**
 * The built CLI with a configuration file in the shape a studio deploys — player tokens checked against the game
 * backend's public keys (a JWKS file), a server key for the backend from the environment, the catalog, an explicit
 * (empty) CORS list, SQLite — except `"mode": "development"`: the sandbox is the only channel the CLI has, and
 * production refuses it. The limits are the defaults (the configuration file cannot change them yet).
 * @param {string} dir a fresh folder
 * @param {Plant} [plant]
 * @returns {Promise<AbuseServer>}
 */
export async function startAbuseServer(dir, plant) {
  const { createPlayerTokenIssuer, generateServerKey } = await loadBackend();
  const issuer = await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 600 });
  const serverKey = generateServerKey();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'player-jwks.json'), JSON.stringify(issuer.jwks()));
  const auth =
    plant === 'dev-auth'
      ? { development: true }
      : {
          playerTokens: { issuer: ISSUER, audience: AUDIENCE, publicKeys: { file: 'player-jwks.json' } },
          serverKeys: [{ env: 'FAULTS_SERVER_KEY' }],
          deliveredBy: 'player',
        };
  const config = {
    mode: 'development',
    store: 'sqlite',
    auth,
    corsOrigins: [],
    channels: { sandbox: { secret: { env: 'COINSLOT_SANDBOX_SECRET' } } },
  };
  const server = await startServerProcess(dir, { config, env: { FAULTS_SERVER_KEY: serverKey } });
  return {
    process: server,
    get url() {
      return server.url;
    },
    dataDir: server.dataDir,
    serverKey,
    mint: (playerId) => issuer.mint(playerId),
    forge: async (playerId) => (await createPlayerTokenIssuer({ issuer: ISSUER, audience: AUDIENCE })).mint(playerId),
  };
}

/**
 * `Authorization: Bearer <credential>`, or no header for none.
 * @param {string | undefined} credential
 * @returns {Record<string, string>}
 */
export const bearer = (credential) => (credential === undefined ? {} : { Authorization: `Bearer ${credential}` });
