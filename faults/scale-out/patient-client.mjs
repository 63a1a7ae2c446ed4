// @ts-check
import { createHmac, randomBytes } from 'node:crypto';
import { loadCore } from '../lib/build-snapshot.mjs';
import { SANDBOX_SECRET } from '../lib/server-process.mjs';

const pause = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
const key = () => randomBytes(12).toString('base64url');

/** @typedef {{ id: string, amount: number, currency: string }} Bill */

/**
 * @typedef {object} Arrival what a waiting client got for one bill
 * @property {string} billId
 * @property {string} state
 * @property {number} at Date.now() when it arrived
 * @property {boolean} verified the SDK's verifySignedResult accepted it (key, bill, nonce)
 * @property {number} failures requests that failed (an instance gone) before it
 */

/** Creates a sandbox bill for a player of its own on `url`. @param {string} url @returns {Promise<Bill>} */
export async function createBill(url) {
  const response = await fetch(`${url}/v1/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key() },
    body: JSON.stringify({
      userId: `scale-${key()}`,
      itemId: 'coins-100',
      quantity: 1,
      amount: 99,
      currency: 'USD',
      channel: 'sandbox',
    }),
  });
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return (await response.json()).bill;
}

/**
 * The channel's server: a signed sandbox notification to `url`, sent again on a failure as a channel redelivers.
 * Answers when it was accepted (Date.now()).
 * @param {string} url @param {Bill} bill
 */
export async function pay(url, bill) {
  const body = JSON.stringify({
    billId: bill.id,
    decision: 'approve',
    amount: bill.amount,
    currency: bill.currency,
    issuedAt: Date.now(),
  });
  const signature = createHmac('sha256', SANDBOX_SECRET).update(body).digest('hex');
  for (let attempt = 1; ; attempt += 1) {
    const status = await fetch(`${url}/v1/notify/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sandbox-signature': signature },
      body,
    }).then(
      async (response) => (await response.arrayBuffer(), response.status),
      () => 0,
    );
    if (status === 200) return Date.now();
    if (attempt === 20) throw new Error(`the notification of ${bill.id} answered ${status} 20 times`);
    await pause(100);
  }
}

/**
 * What the SDK does: a held wait of `wait` s on the first of `urls`, asked again when the hold ends unsettled and on
 * the next instance when a request fails, until settled or `giveUpMs`; the answer checked with the SDK's verifier.
 * @param {string[]} urls @param {string} billId @param {number} wait @param {unknown[]} keys @param {number} giveUpMs
 * @returns {Promise<Arrival | undefined>} undefined: nothing settled in time (a lost result)
 */
export async function waitPatiently(urls, billId, wait, keys, giveUpMs) {
  const { verifySignedResult } = await loadCore();
  const deadline = Date.now() + giveUpMs;
  let index = 0;
  let failures = 0;
  while (Date.now() < deadline) {
    const nonce = key();
    const url = /** @type {string} */ (urls[index % urls.length]);
    const left = Math.max(1, Math.min(wait, Math.ceil((deadline - Date.now()) / 1000)));
    try {
      const response = await fetch(`${url}/v1/bills/${billId}/result?wait=${left}&nonce=${nonce}`);
      if (response.status !== 200) {
        await response.arrayBuffer();
        await pause(100);
        continue;
      }
      const answer = await response.json();
      if (!answer.settled) continue;
      const at = Date.now();
      const verified = await verifySignedResult(answer.result, { billId, nonce }, /** @type {any} */ (keys)).then(
        () => true,
        () => false,
      );
      return { billId, state: answer.state, at, verified, failures };
    } catch {
      failures += 1;
      index += 1;
    }
  }
  return undefined;
}
