import type { Bill, ResultPublicKey } from '@coinslot/core';
import { expect } from 'vitest';
import { billBody, call, notifySandbox, randomKey, statementFor } from './helpers.js';
import { verifyJws } from './verify-jws.js';

/** A result as the patient client got it. */
export interface Arrival {
  billId: string;
  state: string;
  /** `Date.now()` when the settled answer arrived. */
  at: number;
  /** The instance that answered it. */
  via: string;
  /** Requests that failed (an instance gone) before it. */
  failures: number;
  result: string;
  nonce: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates a bill (a player of its own each, so no per-player limit is met) on `url`. */
export async function createOn(url: string): Promise<Bill> {
  const answer = await call({ url }, '/v1/bills', {
    json: billBody({ userId: `mi-${randomKey(6)}` }),
    headers: { 'idempotency-key': randomKey() },
  });
  if (answer.status !== 201) throw new Error(`create answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.bill as Bill;
}

/**
 * Pays `bill` through `url` as the sandbox's server would, sending again on a failure as a channel redelivers
 * (a notification that met a connection ended behind the instance's back). Answers when it was accepted.
 */
export async function payOn(url: string, bill: Bill): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await notifySandbox({ url }, statementFor(bill)).catch((error: Error) => ({
      status: 0,
      body: error.message,
    }));
    if (answer.status === 200) return Date.now();
    if (attempt === 10) throw new Error(`notify answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    await pause(100);
  }
}

/**
 * What core's client does: a held wait (`wait` seconds) on the first instance of `urls`, asked again when the hold
 * ends with nothing settled, and on the next instance when a request fails (the instance is gone), until settled.
 */
export async function waitPatiently(urls: string[], billId: string, wait: number, giveUpMs = 60_000): Promise<Arrival> {
  const deadline = Date.now() + giveUpMs;
  let index = 0;
  let failures = 0;
  while (Date.now() < deadline) {
    const url = urls[index % urls.length]!;
    const nonce = randomKey();
    try {
      const answer = await call({ url }, `/v1/bills/${billId}/result?wait=${wait}&nonce=${nonce}`);
      if (answer.status === 200 && answer.body.settled)
        return {
          billId,
          state: answer.body.state,
          at: Date.now(),
          via: url,
          failures,
          result: answer.body.result,
          nonce,
        };
      if (answer.status !== 200) await pause(100);
    } catch {
      failures += 1;
      index += 1;
    }
  }
  throw new Error(`no settled result for ${billId} in ${giveUpMs} ms`);
}

/** Checks every arrival: paid, signed by the deployment's key for its nonce. */
export async function expectPaidAndSigned(arrivals: Arrival[], keys: ResultPublicKey[]): Promise<void> {
  for (const arrival of arrivals) {
    expect(arrival.state).toBe('paid');
    const { valid, payload } = await verifyJws(arrival.result, keys);
    expect(valid).toBe(true);
    expect(payload).toMatchObject({ billId: arrival.billId, state: 'paid', nonce: arrival.nonce });
  }
}
