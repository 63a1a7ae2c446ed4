import { CoinslotError, type PayOutcome } from '@coinslot/core';
import type { SandboxLaunch } from './sandbox-launch.js';
import type { SandboxDecision, SandboxMode } from './sandbox-options.js';
import { abortError, sandboxOutcome } from './sandbox-outcome.js';

/**
 * Decide a sandbox checkout without any page: POST `{ decision, mode }` to the launch payload's `decideUrl`,
 * exactly what the checkout page's buttons do. Works wherever `fetch` exists (Node, Electron main, browsers).
 */
export async function payHeadless(
  launch: SandboxLaunch,
  mode: SandboxMode,
  decision: SandboxDecision,
  signal: AbortSignal,
): Promise<PayOutcome> {
  if (signal.aborted) throw abortError(signal);
  let response: Response;
  try {
    response = await fetch(launch.decideUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision, mode }),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw abortError(signal);
    throw new CoinslotError('CHANNEL_LAUNCH_FAILED', `The sandbox decision could not be sent: ${String(error)}`, {
      retryable: true,
      cause: error,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = field(body, 'error');
    const code = typeof field(error, 'code') === 'string' ? ` ${String(field(error, 'code'))}` : '';
    throw new CoinslotError('CHANNEL_LAUNCH_FAILED', `The sandbox refused the decision: ${response.status}${code}`, {
      retryable: response.status >= 500 || response.status === 429,
      cause: error,
    });
  }
  const proof = field(body, 'proof');
  return sandboxOutcome(
    decision,
    mode,
    typeof proof === 'object' && proof !== null ? (proof as Record<string, unknown>) : undefined,
  );
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
