// @ts-check
import { randomBytes } from 'node:crypto';
import { startBenchServer } from '../lib/bench-server.mjs';
import { ClientWorkers } from '../lib/client-workers.mjs';
import { notifyAtRate } from '../lib/notifier.mjs';

/**
 * @typedef {object} CryptoResult
 * @property {number} signPerSecond raw ES256 signatures per second on the server (WebCrypto, 64 in flight)
 * @property {number} nodeSignPerSecond the same through `node:crypto`
 * @property {number} answersPerSecond signed `wait=0` answers per second from the server's `handle()`
 * @property {number} verifyMicros microseconds per `verifySignedResult` on the client, one after another
 */

/**
 * Signing on the server and verification on the client, each in its own process with nothing else running.
 * @param {number} count operations per figure
 * @returns {Promise<CryptoResult>}
 */
export async function cryptoPhase(count) {
  const server = await startBenchServer('coinslot');
  const workers = await ClientWorkers.start(1, { server: server.url, keys: server.keys, strategy: 'coinslot' });
  try {
    const [bill] = await server.createBills(1, 'crypto');
    if (!bill) throw new Error('no bill');
    await notifyAtRate(server.url, server.secret, [bill], 1000);
    const { rawPerSecond, nodePerSecond, answersPerSecond } = await server.rpc.call('sign', { billId: bill.id, count });
    const nonce = randomBytes(18).toString('base64url');
    const answer = await fetch(`${server.url}/v1/bills/${bill.id}/result?wait=0&nonce=${nonce}`);
    const jws = (await answer.json()).result;
    const verifyMicros = await workers.first.call('verify', { jws, billId: bill.id, nonce, keys: server.keys, count });
    return { signPerSecond: rawPerSecond, nodeSignPerSecond: nodePerSecond, answersPerSecond, verifyMicros };
  } finally {
    await workers.stop();
    await server.rpc.stop();
  }
}
