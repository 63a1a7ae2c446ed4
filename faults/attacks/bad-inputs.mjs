// @ts-check
import { postNotification, signNotification } from '../lib/channel-server.mjs';
import { createBody } from './bill-fixtures.mjs';
import { send, sendOversize } from './raw-requests.mjs';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const USER = 'attack-player';
let keys = 0;
/** Headers with a fresh Idempotency-Key, so one refusal cannot make the next one's answer. */
const withKey = () => ({ ...JSON_TYPE, 'Idempotency-Key': `attack-key-${String((keys += 1)).padStart(4, '0')}` });

/**
 * One bad request and the refusal it must get. `send` gets the server URL and the fixture bills.
 * @typedef {{ name: string, status: number, code: string, field?: string,
 *   send: (url: string, fx: import('./bill-fixtures.mjs').Fixtures) => Promise<import('./raw-requests.mjs').Answer> }} BadInput
 */

/** @param {string} url @param {string} body @param {Record<string, string>} [headers] */
const create = (url, body, headers = withKey()) => send(`${url}/v1/bills`, { method: 'POST', headers, body });
/** @param {Record<string, unknown>} change */
const createWith = (change) => JSON.stringify({ ...createBody(USER), ...change });
/** @param {string} url @param {string} path @param {string} [body] */
const post = (url, path, body = '{}') => send(url + path, { method: 'POST', headers: JSON_TYPE, body });
/** @param {string} url @param {string} billId @param {'approve' | 'decline' | 'cancel'} decision @param {{ amount?: number, secret?: string }} [o] */
const notify = (url, billId, decision, o = {}) =>
  postNotification(
    url,
    signNotification({ billId, decision, amount: o.amount ?? 99, currency: 'USD', issuedAt: Date.now() }, o.secret),
  );
/** @param {Promise<{ status: number, code: string | undefined }>} p */
const answered = async (p) => ({ ...(await p), body: undefined });

export { USER as ATTACK_USER };

/** Every bad input; each must be refused with its code and change nothing. @type {BadInput[]} */
export const BAD_INPUTS = [
  { name: 'malformed JSON', status: 400, code: 'INVALID_JSON', send: (u) => create(u, '{"userId": "attack-player",') },
  { name: 'JSON that is not an object', status: 400, code: 'INVALID_JSON', send: (u) => create(u, '[1, 2, 3]') },
  {
    name: 'oversize body, by Content-Length (body not sent)',
    status: 413,
    code: 'BODY_TOO_LARGE',
    send: (u) => sendOversize(`${u}/v1/bills`, 'declared', 10_000_000, withKey()),
  },
  {
    name: 'oversize body, complete (70 KiB)',
    status: 413,
    code: 'BODY_TOO_LARGE',
    send: (u) => sendOversize(`${u}/v1/bills`, 'complete', 70 * 1024, withKey()),
  },
  {
    name: 'oversize body, streamed chunked (70 KiB)',
    status: 413,
    code: 'BODY_TOO_LARGE',
    send: (u) => sendOversize(`${u}/v1/bills`, 'streamed', 70 * 1024, withKey()),
  },
  {
    name: 'not application/json',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    send: (u) => create(u, createWith({}), { ...withKey(), 'Content-Type': 'text/plain' }),
  },
  {
    name: 'wrong type: amount "99"',
    status: 400,
    code: 'INVALID_FIELD',
    field: 'amount',
    send: (u) => create(u, createWith({ amount: '99' })),
  },
  {
    name: 'wrong type: quantity 1.5',
    status: 400,
    code: 'INVALID_FIELD',
    field: 'quantity',
    send: (u) => create(u, createWith({ quantity: 1.5 })),
  },
  {
    name: 'wrong type: extra is an array',
    status: 400,
    code: 'INVALID_FIELD',
    field: 'extra',
    send: (u) => create(u, createWith({ extra: [1] })),
  },
  {
    name: 'unknown field',
    status: 400,
    code: 'UNKNOWN_FIELD',
    field: 'colour',
    send: (u) => create(u, createWith({ colour: 'red' })),
  },
  {
    name: 'missing field',
    status: 400,
    code: 'MISSING_FIELD',
    field: 'itemId',
    send: (u) => create(u, createWith({ itemId: undefined })),
  },
  {
    name: 'missing Idempotency-Key',
    status: 400,
    code: 'MISSING_IDEMPOTENCY_KEY',
    send: (u) => create(u, createWith({}), JSON_TYPE),
  },
  {
    name: 'Idempotency-Key reused, another body',
    status: 422,
    code: 'IDEMPOTENCY_KEY_REUSED',
    send: (u, fx) =>
      create(u, createWith({ quantity: 2, amount: 198 }), { ...JSON_TYPE, 'Idempotency-Key': fx.reusedKey }),
  },
  {
    name: 'amount not the catalog price',
    status: 400,
    code: 'AMOUNT_MISMATCH',
    send: (u) => create(u, createWith({ amount: 1 })),
  },
  {
    name: 'unknown channel',
    status: 400,
    code: 'UNKNOWN_CHANNEL',
    send: (u) => create(u, createWith({ channel: 'nope' })),
  },
  {
    name: 'unknown bill: read',
    status: 404,
    code: 'BILL_NOT_FOUND',
    send: (u) => send(`${u}/v1/bills/b_doesnotexist`),
  },
  {
    name: 'unknown bill: wait',
    status: 404,
    code: 'BILL_NOT_FOUND',
    send: (u) => send(`${u}/v1/bills/b_doesnotexist/result?wait=0&nonce=abcdefghijklmnop`),
  },
  {
    name: 'unknown bill: deliver',
    status: 404,
    code: 'BILL_NOT_FOUND',
    send: (u) => post(u, '/v1/bills/b_doesnotexist/deliver'),
  },
  {
    name: 'unknown bill: signed notification',
    status: 404,
    code: 'BILL_NOT_FOUND',
    send: (u) => answered(notify(u, 'b_doesnotexist', 'approve')),
  },
  {
    name: 'wait with a short nonce',
    status: 400,
    code: 'INVALID_FIELD',
    field: 'nonce',
    send: (u, fx) => send(`${u}/v1/bills/${fx.created}/result?wait=0&nonce=short`),
  },
  {
    name: 'deliver with an unknown field',
    status: 400,
    code: 'UNKNOWN_FIELD',
    send: (u, fx) => post(u, `/v1/bills/${fx.paid}/deliver`, '{"force":true}'),
  },
  {
    name: 'forbidden: deliver a created bill',
    status: 409,
    code: 'INVALID_TRANSITION',
    send: (u, fx) => post(u, `/v1/bills/${fx.created}/deliver`),
  },
  {
    name: 'forbidden: deliver a failed bill',
    status: 409,
    code: 'INVALID_TRANSITION',
    send: (u, fx) => post(u, `/v1/bills/${fx.failed}/deliver`),
  },
  {
    name: 'forbidden: cancel a paid bill',
    status: 409,
    code: 'INVALID_TRANSITION',
    send: (u, fx) => post(u, `/v1/bills/${fx.paid}/cancel`),
  },
  {
    name: 'forbidden: cancel a delivered bill',
    status: 409,
    code: 'INVALID_TRANSITION',
    send: (u, fx) => post(u, `/v1/bills/${fx.delivered}/cancel`),
  },
  {
    name: 'forbidden: decline notified on a paid bill',
    status: 409,
    code: 'INVALID_TRANSITION',
    send: (u, fx) => answered(notify(u, fx.paid, 'decline')),
  },
  {
    // (A decline on a cancelled bill is a repeat since protocol §1 made unpaid outcomes on unpaid bills one.)
    name: 'forbidden: cancel notified on a delivered bill',
    status: 409,
    code: 'INVALID_TRANSITION',
    send: (u, fx) => answered(notify(u, fx.delivered, 'cancel')),
  },
  {
    name: 'forbidden: approve notified on a failed bill',
    status: 409,
    code: 'INVALID_TRANSITION',
    send: (u, fx) => answered(notify(u, fx.failed, 'approve')),
  },
  {
    name: 'forged notification: signed with another secret',
    status: 400,
    code: 'INVALID_NOTIFICATION',
    send: (u, fx) => answered(notify(u, fx.created, 'approve', { secret: 'not-the-sandbox-secret-000' })),
  },
  {
    name: 'forged notification: no signature',
    status: 400,
    code: 'INVALID_NOTIFICATION',
    send: (u, fx) =>
      post(
        u,
        '/v1/notify/sandbox',
        JSON.stringify({ billId: fx.created, decision: 'approve', amount: 99, currency: 'USD', issuedAt: Date.now() }),
      ),
  },
  {
    name: 'forged notification: body changed after signing',
    status: 400,
    code: 'INVALID_NOTIFICATION',
    send: (u, fx) => {
      const signed = signNotification({
        billId: fx.created,
        decision: 'decline',
        amount: 99,
        currency: 'USD',
        issuedAt: Date.now(),
      });
      return answered(postNotification(u, { ...signed, body: signed.body.replace('decline', 'approve') }));
    },
  },
  {
    name: 'signed notification, wrong amount',
    status: 400,
    code: 'INVALID_NOTIFICATION',
    send: (u, fx) => answered(notify(u, fx.created, 'approve', { amount: 1 })),
  },
  {
    name: 'forged client proof (report)',
    status: 400,
    code: 'INVALID_PROOF',
    send: (u, fx) =>
      post(
        u,
        `/v1/bills/${fx.created}/report`,
        JSON.stringify({
          proof: {
            billId: fx.created,
            decision: 'approve',
            amount: 99,
            currency: 'USD',
            issuedAt: Date.now(),
            signature: '00'.repeat(32),
          },
        }),
      ),
  },
];
