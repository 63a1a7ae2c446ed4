// @ts-check
import { randomUUID } from 'node:crypto';
import { postNotification, signNotification } from '../lib/channel-server.mjs';
import { send } from './raw-requests.mjs';

/** A valid create body for the fault catalog's one item. @param {string} userId */
export const createBody = (userId) => ({
  userId,
  itemId: 'coins-100',
  quantity: 1,
  amount: 99,
  currency: 'USD',
  channel: 'sandbox',
});

/**
 * Create a bill the way the SDK does (`POST /v1/bills` with an Idempotency-Key).
 * @param {string} serverUrl
 * @param {string} userId
 * @param {string} [key] the Idempotency-Key
 * @returns {Promise<Record<string, any>>}
 */
export async function createBill(serverUrl, userId, key = `fixture-${randomUUID()}`) {
  const answer = await send(`${serverUrl}/v1/bills`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(createBody(userId)),
  });
  if (answer.status !== 201) throw new Error(`creating a fixture bill answered ${answer.status} ${answer.code}`);
  return answer.body.bill;
}

/**
 * Settle a bill as the channel's server would, with a correctly signed notification.
 * @param {string} serverUrl
 * @param {string} billId
 * @param {'approve' | 'decline' | 'cancel'} decision
 */
export async function decide(serverUrl, billId, decision) {
  const answer = await postNotification(
    serverUrl,
    signNotification({ billId, decision, amount: 99, currency: 'USD', issuedAt: Date.now() }),
  );
  if (answer.status !== 200)
    throw new Error(`notifying ${decision} for ${billId} answered ${answer.status} ${answer.code}`);
}

/**
 * One bill of `userId` in each state the attacks need, made through the real server's real paths, and the
 * Idempotency-Key that created the `created` one.
 * @param {string} serverUrl
 * @param {string} userId
 */
export async function prepareBills(serverUrl, userId) {
  const reusedKey = `fixture-${randomUUID()}`;
  const created = await createBill(serverUrl, userId, reusedKey);
  const another = () => createBill(serverUrl, userId);
  const [paid, delivered, failed, cancelled] = await Promise.all([another(), another(), another(), another()]);
  await decide(serverUrl, paid.id, 'approve');
  await decide(serverUrl, delivered.id, 'approve');
  await decide(serverUrl, failed.id, 'decline');
  const deliveredAnswer = await send(`${serverUrl}/v1/bills/${delivered.id}/deliver`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  const cancelAnswer = await send(`${serverUrl}/v1/bills/${cancelled.id}/cancel`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  if (deliveredAnswer.status !== 200 || cancelAnswer.status !== 200)
    throw new Error('preparing the delivered or cancelled fixture failed');
  return {
    reusedKey,
    created: created.id,
    paid: paid.id,
    delivered: delivered.id,
    failed: failed.id,
    cancelled: cancelled.id,
  };
}

/** @typedef {Awaited<ReturnType<typeof prepareBills>>} Fixtures */
