// @ts-check
import { verifySignedResult } from '@coinslot/core';
import { nowMs } from '../lib/clock.mjs';

/**
 * Microseconds per `verifySignedResult` (the SDK's full check: parse, header rules, pinned key, ES256 signature,
 * payload rules), one after another as a client verifies its answers, after a warm-up.
 * @param {{ jws: string, billId: string, nonce: string, keys: import('@coinslot/core').ResultPublicKey[], count: number }} sample
 * @returns {Promise<number>}
 */
export async function verifyMicros({ jws, billId, nonce, keys, count }) {
  const expect = { billId, nonce };
  for (let i = 0; i < 200; i += 1) await verifySignedResult(jws, expect, keys);
  const started = nowMs();
  for (let i = 0; i < count; i += 1) await verifySignedResult(jws, expect, keys);
  return ((nowMs() - started) * 1000) / count;
}
