// @ts-check
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAbuseServer } from './abuse-server.mjs';
import { runIdentityAttacks } from './identity-attacks.mjs';
import { runKeySwap } from './key-swap.mjs';
import { CI_FLOODS, createFlood, FULL_FLOODS, signingFlood, waitFlood } from './limit-attacks.mjs';
import { slowTrickle } from './slow-trickle.mjs';
import { runStartRefusals } from './start-refusals.mjs';

/**
 * The sizes of the abuse attacks: `npm run faults` runs the full size, CI (`faults/faults.test.ts`) the small one.
 * @typedef {import('./limit-attacks.mjs').FloodSizes & { trickleHeaders: number, trickleBodies: number }} AbuseSizes
 */
/** @type {Record<'full' | 'ci', AbuseSizes>} */
export const ABUSE_SIZES = {
  full: { ...FULL_FLOODS, trickleHeaders: 200, trickleBodies: 50 },
  ci: { ...CI_FLOODS, trickleHeaders: 50, trickleBodies: 10 },
};

/**
 * A fault planted to show the rows can fail: `dev-auth` (the server believes the body's userId), `unpinned-sdk`
 * (the game talks to the key-swapping proxy as a local http:// server, without pinned keys).
 * @typedef {'dev-auth' | 'unpinned-sdk'} AbusePlant
 */

/**
 * Every abuse attack against real servers (the built CLI with a player-token configuration, `abuse-server.mjs`):
 * identity, starts a deployment must refuse, the key swap over http://, and the abuse limits. The slow trickles
 * (30 s and more, by the server's default timeouts) run against a second server meanwhile.
 * @param {{ size?: 'full' | 'ci', plant?: AbusePlant, keep?: boolean }} [options]
 */
export async function runAbuse({ size = 'full', plant, keep = false } = {}) {
  const started = Date.now();
  const sizes = ABUSE_SIZES[size];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'coinslot-abuse-'));
  const devAuth = plant === 'dev-auth';
  const server = await startAbuseServer(path.join(dir, 'server'));
  // The planted development auth only concerns the identity rows; the others keep their real server.
  const identityServer = devAuth ? await startAbuseServer(path.join(dir, 'planted-server'), 'dev-auth') : server;
  const trickleServer = await startAbuseServer(path.join(dir, 'trickle-server'));
  try {
    const trickles = slowTrickle(trickleServer, { headers: sizes.trickleHeaders, bodies: sizes.trickleBodies });
    /** @type {import('./abuse-row.mjs').AbuseRow[]} */
    const rows = [];
    rows.push(...(await runIdentityAttacks(identityServer, devAuth)));
    rows.push(...(await runStartRefusals()));
    rows.push(...(await runKeySwap(server, { unpinned: plant === 'unpinned-sdk' })));
    rows.push(await waitFlood(server, sizes.waits));
    rows.push(...(await signingFlood(server, sizes.signs)));
    rows.push(...(await createFlood(server, sizes)));
    rows.push(...(await trickles));
    const alive = server.process.running() && trickleServer.process.running();
    return {
      rows,
      sizes,
      size,
      plant,
      alive,
      ok: alive && rows.every((row) => row.ok),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await server.process.stop();
    await trickleServer.process.stop();
    if (identityServer !== server) await identityServer.process.stop();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}
