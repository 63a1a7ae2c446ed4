// @ts-check
import { KeyObject, sign } from 'node:crypto';
import { nowMs } from '../lib/clock.mjs';

/**
 * @typedef {object} SigningThroughput
 * @property {number} rawPerSecond ES256 signatures of a result-sized JWS input per second (WebCrypto, `inFlight` at once)
 * @property {number} nodePerSecond the same through `node:crypto` (what the server signs with on Node)
 * @property {number} answersPerSecond signed `wait=0` answers per second from the server's own `handle()` (no HTTP)
 */

/**
 * @param {number} count
 * @param {number} inFlight
 * @param {(i: number) => Promise<unknown>} task
 */
async function perSecond(count, inFlight, task) {
  let next = 0;
  const started = nowMs();
  const lane = async () => {
    while (next < count) await task((next += 1));
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return count / ((nowMs() - started) / 1000);
}

/**
 * Signing on the server: the bare ES256 operation (same key type, same input size) through WebCrypto and through
 * `node:crypto`, and the full signed answer for a settled bill through `PayServer.handle()`, which adds the store
 * read, the JSON and the `Response`.
 * @param {import('@coinslot/server').PayServer} payServer
 * @param {string} origin the server's base URL (only used to build `Request` URLs)
 * @param {string} settledBillId a paid bill
 * @param {number} count
 * @returns {Promise<SigningThroughput>}
 */
export async function signingThroughput(payServer, origin, settledBillId, count) {
  const pair = /** @type {CryptoKeyPair} */ (
    await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])
  );
  const sample = await (
    await payServer.handle(new Request(`${origin}/v1/bills/${settledBillId}/result?nonce=${'n'.repeat(24)}`))
  ).json();
  const input = new TextEncoder().encode(String(sample.result).split('.').slice(0, 2).join('.'));
  const params = { name: 'ECDSA', hash: 'SHA-256' };
  const inFlight = 64;
  await perSecond(200, inFlight, () => crypto.subtle.sign(params, pair.privateKey, input));
  const rawPerSecond = await perSecond(count, inFlight, () => crypto.subtle.sign(params, pair.privateKey, input));
  const key = KeyObject.from(pair.privateKey);
  const nodeSign = async () => sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' });
  await perSecond(200, inFlight, nodeSign);
  const nodePerSecond = await perSecond(count, inFlight, nodeSign);
  const answer = async (/** @type {number} */ i) => {
    const url = `${origin}/v1/bills/${settledBillId}/result?wait=0&nonce=bench-nonce-${String(i).padStart(12, '0')}`;
    await (await payServer.handle(new Request(url))).arrayBuffer();
  };
  await perSecond(200, inFlight, answer);
  const answersPerSecond = await perSecond(count, inFlight, answer);
  return { rawPerSecond, nodePerSecond, answersPerSecond };
}
