// @ts-check
import { randomBytes } from 'node:crypto';
import { verifySignedResult } from '@coinslot/core';
import { sleep } from '../lib/clock.mjs';

const PERIOD_MS = 1000;

/** @param {string} url */
async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

/**
 * The short-polling BASELINE a game might write instead of the held wait: `GET /v1/bills/:id` once a second
 * (each poller starting at a random phase, as independent players would; a failed poll is simply retried
 * the next second), and once the bill is settled one `GET …/result?wait=0` whose signed result is verified
 * with the SDK's own `verifySignedResult` — the client knows the outcome only then, as with the held wait.
 * @param {string} server
 * @param {string} billId
 * @param {import('@coinslot/core').ResultPublicKey[]} keys
 * @param {() => void} onFirstPoll
 * @param {boolean} randomPhase start within the first period at random (else at once)
 * @param {(error: unknown) => void} onError
 * @returns {Promise<import('@coinslot/core').SignedResultPayload>}
 */
export async function pollBill(server, billId, keys, onFirstPoll, randomPhase, onError) {
  if (randomPhase) await sleep(Math.random() * PERIOD_MS);
  for (let first = true; ; ) {
    const started = performance.now();
    try {
      const { bill } = await getJson(`${server}/v1/bills/${billId}`);
      if (first) onFirstPoll();
      first = false;
      if (bill.state !== 'created') {
        const nonce = randomBytes(18).toString('base64url');
        const { result } = await getJson(`${server}/v1/bills/${billId}/result?wait=0&nonce=${nonce}`);
        return await verifySignedResult(result, { billId, nonce }, keys);
      }
    } catch (error) {
      onError(error);
    }
    await sleep(PERIOD_MS - (performance.now() - started));
  }
}
