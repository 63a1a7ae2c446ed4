import { SANDBOX_DECISIONS, type SandboxDecision } from './sandbox-options.js';

/** The message the sandbox checkout page posts to `window.opener` before it closes itself. */
export interface SandboxMessage {
  /** Always `coinslot-sandbox`: tells this message apart from any other the game receives. */
  source: 'coinslot-sandbox';
  /** The bill the decision is for. */
  billId: string;
  /** What the player chose. */
  decision: SandboxDecision;
  /** In client mode, the receipt signed by the sandbox, to report to the pay server. */
  proof?: Record<string, unknown>;
}

/** Whether `data` is a well-formed sandbox message about `billId` (anything else is ignored, never trusted). */
export function isSandboxMessage(data: unknown, billId: string): data is SandboxMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Record<string, unknown>;
  return (
    message.source === 'coinslot-sandbox' &&
    message.billId === billId &&
    typeof message.decision === 'string' &&
    SANDBOX_DECISIONS.includes(message.decision as SandboxDecision) &&
    (message.proof === undefined || isPlainObject(message.proof))
  );
}

/**
 * After a `redirect` checkout the sandbox sends the player back to the game's URL with `sandboxResult` (the same
 * message, as JSON) in the query. This reads it, so the game knows which bill to `coinslot.resume()`.
 * The decision in it is only a hint: the purchase's outcome is the pay server's signed result.
 *
 * @returns the message, or `undefined` when the URL carries none (or a malformed one)
 */
export function readSandboxReturn(url: string | URL): SandboxMessage | undefined {
  let data: unknown;
  try {
    data = JSON.parse(new URL(url).searchParams.get('sandboxResult') ?? 'null');
  } catch {
    return undefined;
  }
  const billId = (data as { billId?: unknown } | null)?.billId;
  return typeof billId === 'string' && isSandboxMessage(data, billId) ? data : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
