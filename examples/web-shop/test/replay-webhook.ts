import { createPrivateKey, sign } from 'node:crypto';
import type { WebhookPrivateKey } from '@coinslot/server';
import { EVENTS_PATH } from '../server/create-shop-server.js';
import type { ListedEvent } from './shop-in-chromium.js';

/** How a replayed webhook is sent: when it claims to be signed, and with which key. */
export interface ReplayOptions {
  /** The `webhook-timestamp`, in seconds. @default now */
  timestamp?: number;
}

/**
 * POST `event` to the shop's backend as the pay server sends a webhook (docs/protocol.md §10): the same
 * `webhook-id`, its body, and an Ed25519 `v1a` signature over `${id}.${timestamp}.${body}` with `key`. With the pay
 * server's key it is exactly what a retry looks like; with another key it is a forgery. Answers the HTTP status.
 */
export async function replayWebhook(
  url: string,
  event: ListedEvent,
  key: WebhookPrivateKey,
  { timestamp = Math.floor(Date.now() / 1000) }: ReplayOptions = {},
): Promise<number> {
  const body = JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
  const privateKey = createPrivateKey({ key: { ...key }, format: 'jwk' });
  const signature = sign(null, Buffer.from(`${event.id}.${timestamp}.${body}`), privateKey).toString('base64');
  const response = await fetch(new URL(EVENTS_PATH, url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1a,${signature}`,
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}
