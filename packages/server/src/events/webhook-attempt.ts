import { WEBHOOK_HEADERS, webhookSignedContent } from '@coinslot/protocol';
import type { StoredEvent } from '../store/event-outbox.js';
import type { WebhookSigner } from './webhook-signer.js';

/** Where and how one attempt is sent. */
export interface WebhookTarget {
  url: string;
  signer: WebhookSigner;
  timeoutMs: number;
  /** The server's clock (ms since epoch): the attempt's `webhook-timestamp`. */
  now: () => number;
}

/** What one attempt came to. `aborted`: the server closed mid-attempt, which is no answer from the endpoint. */
export type AttemptResult = { ok: true; status: number } | { ok: false; error: string; aborted: boolean };

const encoder = new TextEncoder();

/** Why a `fetch` failed, in a few words (undici puts the socket error, e.g. `ECONNREFUSED`, in `cause`). */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs `event` once, signed for this attempt (protocol §10): the stored body as it is, `webhook-id` (the event id,
 * the same on every attempt), `webhook-timestamp` (this attempt's, in seconds) and `webhook-signature`. Success is a
 * 2xx within `timeoutMs`; a redirect is not followed (3xx fails). Never throws.
 */
export async function attemptWebhook(
  event: StoredEvent,
  target: WebhookTarget,
  closed: AbortSignal,
): Promise<AttemptResult> {
  const timestamp = Math.floor(target.now() / 1000);
  const signature = await target.signer.sign(encoder.encode(webhookSignedContent(event.id, timestamp, event.body)));
  // One signal for the server's close and this attempt's timeout. `AbortSignal.any` links them without a listener
  // on the shared close signal per attempt (16 attempts in flight would pass Node's listener warning).
  const timeout = AbortSignal.timeout(target.timeoutMs);
  const signal = AbortSignal.any([closed, timeout]);
  try {
    if (closed.aborted) return { ok: false, error: 'the server closed', aborted: true };
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_HEADERS.id]: event.id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signature,
      },
      body: event.body,
      redirect: 'manual',
      signal,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, error: `HTTP ${response.status}`, aborted: false };
  } catch (error) {
    if (closed.aborted) return { ok: false, error: 'the server closed', aborted: true };
    if (timeout.aborted) return { ok: false, error: `no answer within ${target.timeoutMs} ms`, aborted: false };
    return { ok: false, error: describeFailure(error), aborted: false };
  }
}
