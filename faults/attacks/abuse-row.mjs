// @ts-check
import { randomUUID } from 'node:crypto';
import { decide } from './bill-fixtures.mjs';
import { bearer } from './abuse-server.mjs';
import { send } from './raw-requests.mjs';

/**
 * One row of the abuse table: the attack, the answer expected, the answer got, and what changed on the server
 * (read with the owner's credential, and the whole store) — which must be nothing beyond what the expected answer
 * allows.
 * @typedef {object} AbuseRow
 * @property {string} kind identity, defaults, keys or limits
 * @property {string} name
 * @property {string} expected
 * @property {string} got
 * @property {string[]} changed what differs (empty: nothing changed)
 * @property {boolean} ok
 */

/** `403 FORBIDDEN`, as the tables print an answer. @param {{ status: number, code?: string | undefined }} answer */
export const describeAnswer = (answer) => `${answer.status} ${answer.code ?? '-'}`;

/** A thousands separator, as the tables print counts. @param {number} n */
export const count = (n) => n.toLocaleString('en-US');

/**
 * Create a bill of `userId` through the real server, with `headers` (the game backend's server key, or none on a
 * development-auth server); answers the bill and its bill token.
 * @param {string} url
 * @param {string} userId
 * @param {Record<string, string>} headers
 */
export async function createFor(url, userId, headers) {
  const answer = await send(`${url}/v1/bills`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `abuse-${randomUUID()}`, ...headers },
    body: JSON.stringify({ userId, itemId: 'coins-100', quantity: 1, amount: 99, currency: 'USD', channel: 'sandbox' }),
  });
  if (answer.status !== 201) throw new Error(`creating a fixture bill answered ${answer.status} ${answer.code}`);
  return { id: /** @type {string} */ (answer.body.bill.id), token: /** @type {string} */ (answer.body.billToken) };
}

/**
 * A paid bill of `userId`: created, then approved by a correctly signed channel notification.
 * @param {string} url
 * @param {string} userId
 * @param {Record<string, string>} headers
 */
export async function paidBillFor(url, userId, headers) {
  const bill = await createFor(url, userId, headers);
  await decide(url, bill.id, 'approve');
  return bill;
}

/**
 * One request with a credential (or none).
 * @param {string} url the full URL
 * @param {string | undefined} credential
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string> }} [init]
 */
export function call(url, credential, { method = 'GET', body, headers = {} } = {}) {
  /** @type {Record<string, string>} */
  const json = body === undefined ? {} : { 'Content-Type': 'application/json' };
  return send(url, {
    method,
    headers: { ...json, ...bearer(credential), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
