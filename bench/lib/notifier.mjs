// @ts-check
import { createHmac } from 'node:crypto';
import { nowMs, sleep } from './clock.mjs';
import { RawHttpConnection } from './raw-http-connection.mjs';

const CONNECTIONS = 16;

/**
 * @typedef {object} NotifyRun
 * @property {Map<string, number>} sentAt t0 per bill: the monotonic time right before its POST was written
 * @property {number} failed notifications not answered `200` (or not answered in time)
 * @property {number} seconds how long sending took
 */

/**
 * The notification a channel's server sends for `bill`: `POST /v1/notify/sandbox`, approve, signed with the
 * sandbox secret as protocol §7 says — built in full before the clock starts.
 * @param {string} host @param {string} secret @param {import('./bench-server.mjs').BenchBill} bill
 */
export function notification(host, secret, bill) {
  const body = JSON.stringify({
    billId: bill.id,
    decision: 'approve',
    amount: bill.amount,
    currency: bill.currency,
    issuedAt: Date.now(),
  });
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return (
    `POST /v1/notify/sandbox HTTP/1.1\r\nhost: ${host}\r\ncontent-type: application/json\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nx-sandbox-signature: ${signature}\r\n\r\n${body}`
  );
}

/**
 * Plays the channel's server: one notification per bill at a steady `rate` per second — every millisecond it
 * sends those whose slot has come, each on the least busy of a few keep-alive connections. t0 is taken right
 * before the request is written to its socket.
 * @param {string} server
 * @param {string} secret
 * @param {import('./bench-server.mjs').BenchBill[]} bills in notification order
 * @param {number} rate
 * @param {number} [answerMs] how long to wait for the answers after the last one is sent (a saturated server)
 * @returns {Promise<NotifyRun>}
 */
export async function notifyAtRate(server, secret, bills, rate, answerMs = 10_000) {
  const host = new URL(server).host;
  const requests = bills.map((bill) => notification(host, secret, bill));
  /** @type {RawHttpConnection[]} */
  const connections = await Promise.all(Array.from({ length: CONNECTIONS }, () => RawHttpConnection.open(server)));
  const sentAt = new Map();
  /** @type {Promise<number>[]} */
  const answers = [];
  const started = nowMs();
  for (let i = 0; i < bills.length; ) {
    const due = Math.min(bills.length, Math.floor(((nowMs() - started) * rate) / 1000) + 1);
    for (; i < due; i += 1) {
      const connection = connections.reduce((a, b) => (b.pending < a.pending ? b : a));
      sentAt.set(/** @type {import('./bench-server.mjs').BenchBill} */ (bills[i]).id, nowMs());
      answers.push(connection.send(/** @type {string} */ (requests[i])));
    }
    if (i < bills.length) await sleep(Math.max(1, ((i + 1) * 1000) / rate - (nowMs() - started)));
  }
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const late = new Promise(
    (resolve) =>
      (timer = setTimeout(
        resolve,
        answerMs,
        answers.map(() => 0),
      )),
  );
  const statuses = /** @type {number[]} */ (await Promise.race([Promise.all(answers), late]));
  clearTimeout(timer);
  for (const connection of connections) connection.close();
  return { sentAt, failed: statuses.filter((s) => s !== 200).length, seconds: (nowMs() - started) / 1000 };
}
