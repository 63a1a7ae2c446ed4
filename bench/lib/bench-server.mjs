// @ts-check
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ChildRpc } from './child-rpc.mjs';
import { createTokenIssuer } from './player-tokens.mjs';

const SCRIPT = fileURLToPath(new URL('../server/bench-server.mjs', import.meta.url));
const BARE_SCRIPT = fileURLToPath(new URL('../server/bare-server.mjs', import.meta.url));

/**
 * @typedef {object} BenchServer
 * @property {ChildRpc} rpc
 * @property {string} url
 * @property {import('@coinslot/core').ResultPublicKey[]} keys the server's public result keys (pinned by the clients)
 * @property {string} secret the sandbox channel's secret, to sign notifications like the channel's server
 * @property {number} fdLimit the server's open-file limit
 * @property {(count: number, tag: string) => Promise<BenchBill[]>} createBills sandbox bills, one player each (with
 *   auth: each created with a fresh player token minted here, the bench playing the game backend)
 */

/**
 * @typedef {object} BenchBill
 * @property {string} id
 * @property {number} amount
 * @property {string} currency
 * @property {BillCredentials} [auth] on a server with real auth: what the player's game holds for the bill
 */

/**
 * @typedef {object} BillCredentials
 * @property {import('@coinslot/core').Bill} bill the bill as the create answered it
 * @property {string} billToken its `cbt_…` token, answered only to its creator
 * @property {string} playerToken the player's token it was created with
 */

/**
 * @typedef {object} BenchAuth real auth for the server (else development auth)
 * @property {import('./player-tokens.mjs').TokenIssuer} issuer the game backend whose player tokens it verifies
 * @property {string[]} [serverKeys]
 */

/**
 * Real auth as the `coinslot-auth` rows have it: a game backend issuing player tokens, and one server key.
 * @returns {Promise<BenchAuth>}
 */
export async function createBenchAuth() {
  return { issuer: await createTokenIssuer(), serverKeys: [`csk_${randomBytes(32).toString('base64url')}`] };
}

/**
 * Starts a pay server in its own process (so its RSS is its own), with GC exposed for the memory figure; for
 * `bare`, the limit row's bare long-poll (`bench/server/bare-server.mjs`) with the same listener settings.
 * With `segments`, the server marks when each notified bill passed each step (`bench/server/segment-marks.mjs`;
 * RPC `segment-marks`).
 * @param {'coinslot' | 'sleep-loop' | 'bare'} variant
 * @param {{ perBill?: boolean, auth?: BenchAuth, segments?: boolean }} [options]
 * @returns {Promise<BenchServer>}
 */
export async function startBenchServer(variant, { perBill = false, auth, segments = false } = {}) {
  const secret = randomBytes(24).toString('hex');
  const args =
    variant === 'bare'
      ? []
      : ['--variant', variant, ...(perBill ? ['--per-bill'] : []), ...(segments ? ['--segments'] : [])];
  // The server keys are secrets: they travel in the child's environment (ChildRpc's `secrets`), as the sandbox's.
  const secrets = {
    secret,
    ...(auth && { auth: JSON.stringify({ playerTokens: auth.issuer.playerTokens, serverKeys: auth.serverKeys }) }),
  };
  const nodeArgs = ['--expose-gc', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const rpc = new ChildRpc(variant === 'bare' ? BARE_SCRIPT : SCRIPT, args, nodeArgs, secrets);
  const info = await rpc.call('info');
  return {
    rpc,
    url: info.url,
    keys: info.keys,
    secret,
    fdLimit: info.fdLimit,
    createBills: async (count, tag) => {
      const tokens = auth
        ? await Promise.all(Array.from({ length: count }, (_, i) => auth.issuer.mint(`bench-${tag}-${i}`)))
        : undefined;
      return rpc.call('create-bills', { count, tag, tokens, serverKey: auth?.serverKeys?.[0] });
    },
  };
}
