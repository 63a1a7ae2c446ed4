// @ts-check
import { createHmac } from 'node:crypto';
import { postNotification } from '../lib/channel-server.mjs';
import { sleep } from '../lib/random.mjs';
import { SANDBOX_SECRET } from '../lib/server-process.mjs';

/**
 * What the sandbox channel's server says about a bill: a checkout decision, or a reversal (`refund` with the running
 * total refunded, `chargeback`), as the sandbox driver reads its signed notifications.
 * @typedef {object} ChannelStatement
 * @property {string} billId
 * @property {'approve' | 'decline' | 'refund' | 'chargeback'} decision
 * @property {number} [refundedAmount] for a refund: the total refunded so far
 */

/** The fault catalog's one price (`coins-100`). */
const PRICE = { amount: 99, currency: 'USD' };

/**
 * The harness as the sandbox channel's server: signs each notification with the sandbox secret and, like real
 * channels, sends it again until it sees a 2xx — after a network error or a 5xx (the pay server down), and after a
 * 409 when told to (a reversal that reached the pay server before its payment: protocol §1 answers 409 so the channel
 * retries). Any other refusal is final and recorded.
 */
export class ReversingChannel {
  /** @param {{ serverUrl: () => string, now?: () => number }} options the clock stamps `issuedAt` */
  constructor({ serverUrl, now = Date.now }) {
    this.serverUrl = serverUrl;
    this.now = now;
    /** Notifications refused for good. @type {Array<{ billId: string, decision: string, status: number, code: string | undefined }>} */
    this.refused = [];
    /** Answers that were retried: the pay server down or erroring, or a 409 retried. */
    this.retries = 0;
  }

  /**
   * Notifies `copies` identical signed notifications at once, each until it is accepted; answers when all are.
   * @param {ChannelStatement} statement
   * @param {{ copies?: number, retryConflicts?: boolean }} [options]
   */
  async notify(statement, { copies = 1, retryConflicts = false } = {}) {
    const body = JSON.stringify({ ...statement, ...PRICE, issuedAt: Math.floor(this.now()) });
    const signed = { body, signature: createHmac('sha256', SANDBOX_SECRET).update(body).digest('hex') };
    const one = async () => {
      for (let attempt = 0; ; attempt += 1) {
        const { status, code } = await postNotification(this.serverUrl(), signed);
        if (status >= 200 && status < 300) return;
        const retry = status === 0 || status >= 500 || (status === 409 && retryConflicts && attempt < 200);
        if (!retry)
          return void this.refused.push({ billId: statement.billId, decision: statement.decision, status, code });
        this.retries += 1;
        await sleep(Math.min(500, 25 * 2 ** attempt));
      }
    };
    await Promise.all(Array.from({ length: copies }, one));
  }
}
