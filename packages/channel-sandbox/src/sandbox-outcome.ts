import { CoinslotError, type PayOutcome } from '@coinslot/core';
import type { SandboxDecision, SandboxMode } from './sandbox-options.js';

/**
 * What a sandbox decision means for core:
 * - `cancel` → `cancelled` (core asks the pay server to cancel the bill);
 * - `approve` / `decline` in server mode → `launched` (the sandbox notified the pay server; core waits for it);
 * - `approve` / `decline` in client mode → `proof` (core reports the signed receipt; the server verifies it).
 *
 * @throws CoinslotError `CHANNEL_LAUNCH_FAILED` when client mode got no proof.
 */
export function sandboxOutcome(
  decision: SandboxDecision,
  mode: SandboxMode,
  proof: Record<string, unknown> | undefined,
): PayOutcome {
  if (decision === 'cancel') return { kind: 'cancelled', reason: 'cancelled' };
  if (mode === 'server') return { kind: 'launched' };
  if (proof === undefined) {
    throw new CoinslotError(
      'CHANNEL_LAUNCH_FAILED',
      `The sandbox answered "${decision}" without a proof in client mode`,
    );
  }
  return { kind: 'proof', proof };
}

/**
 * The error a sandbox payment rejects with when its signal is aborted: the signal's own reason (an `AbortError`
 * `DOMException` unless the caller gave another), so callers recognise it the standard way.
 */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The sandbox checkout was aborted', 'AbortError');
}
