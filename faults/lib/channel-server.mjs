// @ts-check
import { createHmac } from 'node:crypto';
import { SANDBOX_SECRET } from './server-process.mjs';

/**
 * @typedef {object} Statement what the sandbox channel's server says about a bill (protocol §7)
 * @property {string} billId
 * @property {'approve' | 'decline' | 'cancel'} decision
 * @property {number} amount
 * @property {string} currency
 * @property {number} issuedAt
 */

/**
 * The raw body and signature header of a sandbox notification, signed as the channel's server signs it.
 * @param {Statement} statement
 * @param {string} [secret] another secret forges it
 */
export function signNotification(statement, secret = SANDBOX_SECRET) {
  const body = JSON.stringify(statement);
  return { body, signature: createHmac('sha256', secret).update(body).digest('hex') };
}

/**
 * POST one notification once; answers the status and the parsed error code, or status 0 when the server could
 * not be reached.
 * @param {string} serverUrl
 * @param {{ body: string, signature: string }} signed
 */
export async function postNotification(serverUrl, signed) {
  try {
    const response = await fetch(`${serverUrl}/v1/notify/sandbox`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Sandbox-Signature': signed.signature },
      body: signed.body,
    });
    const text = await response.text();
    let code;
    try {
      code = JSON.parse(text)?.error?.code;
    } catch {
      code = undefined;
    }
    return { status: response.status, code };
  } catch {
    return { status: 0, code: 'NETWORK' };
  }
}

/**
 * The harness playing the channel's server: it notifies the pay server of each decision and, like real channels,
 * retries until it sees a `2xx` (backoff 100 ms doubling to 2 s). A `4xx` other than a network failure is final
 * and counted as a refusal: the harness only sends notifications that must be accepted.
 */
export class ChannelServer {
  /** @param {() => string} serverUrl read on every attempt (the server may move) */
  constructor(serverUrl) {
    this.serverUrl = serverUrl;
    /** Notifications the server accepted, by bill id: the decision. @type {Map<string, string>} */
    this.accepted = new Map();
    /**
     * Notifications refused with a 4xx. A refused `approve` is a payment the channel took and the pay server will
     * not honour: always a finding (a late one on an expired or cancelled bill is honoured, protocol §1). A `decline`
     * for a bill that expired or was cancelled first is refused as the protocol says (a closed bill cannot fail).
     * @type {Array<{ billId: string, decision: string, status: number, code: string | undefined }>}
     */
    this.refused = [];
    /** Attempts that found the server down or erroring. */
    this.retries = 0;
    /** @type {Set<Promise<void>>} */
    this.inFlight = new Set();
  }

  /**
   * Notify `copies` identical notifications at once, each retried until `2xx`.
   * @param {Omit<Statement, 'issuedAt'>} decision
   * @param {{ copies?: number, delayMs?: number }} [options]
   */
  notify(decision, { copies = 1, delayMs = 0 } = {}) {
    const work = (async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const signed = signNotification({ ...decision, issuedAt: Date.now() });
      await Promise.all(
        Array.from({ length: copies }, () => this.#deliver(decision.billId, decision.decision, signed)),
      );
    })();
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  /** @param {string} billId @param {string} decision @param {{ body: string, signature: string }} signed */
  async #deliver(billId, decision, signed) {
    for (let attempt = 0; ; attempt += 1) {
      const { status, code } = await postNotification(this.serverUrl(), signed);
      if (status >= 200 && status < 300) return void this.accepted.set(billId, decision);
      if (status >= 400 && status < 500) return void this.refused.push({ billId, decision, status, code });
      this.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
    }
  }

  /** Resolves when every notification sent so far was accepted or refused. */
  async settled() {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
