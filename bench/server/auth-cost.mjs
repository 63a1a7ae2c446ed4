// @ts-check
// A bench child process: what `authenticate()` costs per request for each kind of credential, alone in its process.
// The module is the server's own auth code, compiled by `bench/lib/auth-module.mjs`.
import { serveRpc } from '../lib/child-rpc.mjs';
import { nowMs } from '../lib/clock.mjs';

/** Calls of each kind before timing, so the JIT has optimized the path and jose has imported the key. */
const WARM_UP = 500;
const BILL_ID = 'b_01JBENCHAUTHCOST0000000000';

/**
 * @typedef {object} AuthCostSetup
 * @property {string} module the compiled auth module (`file:` URL)
 * @property {unknown} playerTokens the server's `auth.playerTokens` (issuer, audience, local JWKS)
 * @property {string} playerToken a valid player token for it
 * @property {string} serverKey
 * @property {number} calls per run and kind
 * @property {number} runs per kind, interleaved
 */

serveRpc({
  /** @param {AuthCostSetup} p @returns {Promise<Record<string, number[]>>} µs per call, one figure per run */
  async measure({ module, playerTokens, playerToken, serverKey, calls, runs }) {
    /** @type {import('../lib/auth-module.mjs').AuthModule} */
    const { authenticate, authContext } = await import(module);
    const { apps: auth, billTokens } = await authContext({ playerTokens, serverKeys: [serverKey] });
    const billToken = await billTokens.mint(BILL_ID);
    const url = `http://127.0.0.1/v1/bills/${BILL_ID}`;
    const withBearer = (/** @type {string} */ credential) =>
      new Request(url, { headers: { authorization: `Bearer ${credential}` } });
    /** @type {[string, Request, string][]} kind, request, the identity it must give */
    const kinds = [
      ['player token', withBearer(playerToken), 'player'],
      ['bill token', withBearer(billToken), 'bill'],
      ['server key', withBearer(serverKey), 'server'],
      ['none', new Request(url), 'anonymous'],
    ];
    for (const [kind, request, expected] of kinds) {
      for (let i = 0; i < WARM_UP; i += 1) {
        const identity = await authenticate(request, auth, BILL_ID);
        if (identity.kind !== expected) throw new Error(`${kind} gave ${identity.kind}, not ${expected}`);
      }
    }
    /** @type {Record<string, number[]>} */
    const micros = Object.fromEntries(kinds.map(([kind]) => [kind, []]));
    for (let r = 0; r < runs; r += 1) {
      for (const [kind, request] of kinds) {
        const started = nowMs();
        for (let i = 0; i < calls; i += 1) await authenticate(request, auth, BILL_ID);
        micros[kind]?.push(((nowMs() - started) * 1000) / calls);
      }
    }
    return micros;
  },
});
