// @ts-check
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildAuthModule } from '../lib/auth-module.mjs';
import { startBenchServer } from '../lib/bench-server.mjs';
import { ChildRpc } from '../lib/child-rpc.mjs';
import { nowMs } from '../lib/clock.mjs';
import { createTokenIssuer } from '../lib/player-tokens.mjs';
import { RawHttpConnection } from '../lib/raw-http-connection.mjs';
import { summarize } from '../lib/stats.mjs';

const AUTH_COST = fileURLToPath(new URL('../server/auth-cost.mjs', import.meta.url));
/** The credentials in the order the table shows them; `none` is the development server's request over HTTP. */
export const AUTH_KINDS = ['player token', 'bill token', 'server key', 'none'];

/**
 * @typedef {object} AuthResult
 * @property {Record<string, number[]>} authenticateMicros µs per `authenticate()` call by credential, one figure per run
 * @property {{ calls: number, runs: number }} direct
 * @property {Record<string, number[]>} httpExtraMicros over HTTP, `GET /v1/bills/:id` with each credential on a server
 *   with real auth minus the same request without one on a development server: per round, the difference of the two
 *   blocks' median latencies, µs
 * @property {{ rounds: number, perBlock: number, devMedianMicros: number }} http
 */

/**
 * @param {RawHttpConnection} connection @param {string} request @param {number} count
 * @returns {Promise<number>} the median latency, µs
 */
async function block(connection, request, count) {
  const latencies = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const started = nowMs();
    const status = await connection.send(request);
    latencies[i] = (nowMs() - started) * 1000;
    if (status !== 200) throw new Error(`GET /v1/bills/:id answered ${status}`);
  }
  return summarize(latencies).p50;
}

/**
 * What authentication costs per request (issue 10's Proof: ≤ 0.5 ms at the median for a player token).
 * 1. `authenticate()` alone, in its own process, for each credential: `runs` interleaved runs of `calls` calls
 *    one after another; µs per call.
 * 2. End to end through the real server (its dist build): `GET /v1/bills/:id` one at a time on one keep-alive
 *    connection, in `rounds` rounds of interleaved blocks — the development server without a credential, then the
 *    player-token server with each credential; per round, each credential's block minus the development block.
 * @param {{ calls: number, runs: number, rounds: number, perBlock: number }} p
 * @returns {Promise<AuthResult>}
 */
export async function authPhase({ calls, runs, rounds, perBlock }) {
  const issuer = await createTokenIssuer();
  const serverKey = `csk_${randomBytes(32).toString('base64url')}`;
  const module = await buildAuthModule();
  const costs = new ChildRpc(AUTH_COST);
  /** @type {Record<string, number[]>} */
  let authenticateMicros;
  try {
    const playerToken = await issuer.mint('bench-auth-player');
    const p = { module, playerTokens: issuer.playerTokens, playerToken, serverKey, calls, runs };
    authenticateMicros = await costs.call('measure', p);
  } finally {
    await costs.stop();
  }

  const [dev, real] = await Promise.all([
    startBenchServer('coinslot'),
    startBenchServer('coinslot', { auth: { issuer, serverKeys: [serverKey] } }),
  ]);
  /** @type {RawHttpConnection[]} */
  const connections = [];
  try {
    const [[devBill], [bill]] = await Promise.all([dev.createBills(1, 'auth-dev'), real.createBills(1, 'auth')]);
    if (!devBill || !bill?.auth) throw new Error('no bill');
    const get = (/** @type {string} */ url, /** @type {string} */ id, /** @type {string | undefined} */ credential) =>
      `GET /v1/bills/${id} HTTP/1.1\r\nhost: ${new URL(url).host}\r\naccept: application/json\r\n` +
      `${credential ? `authorization: Bearer ${credential}\r\n` : ''}\r\n`;
    const [devConnection, realConnection] = await Promise.all([
      RawHttpConnection.open(dev.url),
      RawHttpConnection.open(real.url),
    ]);
    connections.push(devConnection, realConnection);
    /** @type {[string, import('../lib/bench-server.mjs').BenchServer, RawHttpConnection, string][]} */
    const cases = [
      ['none', dev, devConnection, get(dev.url, devBill.id, undefined)],
      ['player token', real, realConnection, get(real.url, bill.id, bill.auth.playerToken)],
      ['bill token', real, realConnection, get(real.url, bill.id, bill.auth.billToken)],
      ['server key', real, realConnection, get(real.url, bill.id, serverKey)],
    ];
    for (const [, , connection, request] of cases) await block(connection, request, perBlock); // warm-up
    /** @type {Record<string, number[]>} */
    const httpExtraMicros = {};
    const devMedians = [];
    for (let r = 0; r < rounds; r += 1) {
      /** @type {Record<string, number>} */
      const latency = {};
      for (const [kind, , connection, request] of cases) latency[kind] = await block(connection, request, perBlock);
      const base = latency.none ?? NaN;
      devMedians.push(base);
      for (const [kind] of cases.slice(1)) (httpExtraMicros[kind] ??= []).push((latency[kind] ?? NaN) - base);
    }
    return {
      authenticateMicros,
      direct: { calls, runs },
      httpExtraMicros,
      http: { rounds, perBlock, devMedianMicros: summarize(devMedians).p50 },
    };
  } finally {
    for (const c of connections) c.close();
    await Promise.all([dev.rpc.stop(), real.rpc.stop()]);
  }
}
