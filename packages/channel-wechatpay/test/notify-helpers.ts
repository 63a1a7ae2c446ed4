import { createCipheriv, createSign, randomBytes } from 'node:crypto';
import type { WechatPaySentNotification as SentNotification } from '@coinslot/testing/emulators';
import { createWechatPayDriver } from '../src/server/index.js';
import type { WechatPayStack } from './wechatpay-stack.js';

/** Create a bill on the pay server straight over HTTP (development auth); answers it with its launch payload. */
export async function createBill(
  stack: WechatPayStack,
  userId: string,
): Promise<{ bill: { id: string; state: string }; launch: { codeUrl: string; statusUrl: string } }> {
  const response = await fetch(`${stack.url}/v1/bills`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomBytes(12).toString('hex') },
    body: JSON.stringify({
      userId,
      itemId: 'gem-pack',
      quantity: 1,
      amount: 600,
      currency: 'CNY',
      channel: 'wechatpay',
    }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/bills answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as never;
}

/**
 * A notification body and headers made here with the emulator's keys (not with its code), for content the emulator
 * never sends on its own: a signed wrong amount, an unknown event type, a body that is not JSON.
 */
export function craftNotification(
  stack: WechatPayStack,
  content: { eventType: string; resource: unknown; rawBody?: string },
  timestampSeconds = Math.floor(stack.clock.now() / 1000),
): { body: string; headers: Record<string, string> } {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(stack.emulator.merchant.apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('transaction'));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(content.resource)), cipher.final(), cipher.getAuthTag()]);
  const body =
    content.rawBody ??
    JSON.stringify({
      id: `EV-${randomBytes(8).toString('hex')}`,
      create_time: new Date().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: content.eventType,
      summary: 'crafted',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext: sealed.toString('base64'),
        associated_data: 'transaction',
        nonce,
      },
    });
  const headerNonce = randomBytes(16).toString('hex');
  const signature = createSign('RSA-SHA256')
    .update(`${timestampSeconds}\n${headerNonce}\n${body}\n`)
    .sign(stack.emulator.platformKey.privateKey, 'base64');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'wechatpay-timestamp': String(timestampSeconds),
      'wechatpay-nonce': headerNonce,
      'wechatpay-signature': signature,
      'wechatpay-serial': stack.emulator.platformKey.id,
    },
  };
}

/** POST a crafted notification to the pay server's notify path; answers the status and the error code if any. */
export async function postNotification(
  stack: WechatPayStack,
  notification: { body: string; headers: Record<string, string> },
): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${stack.url}/v1/notify/wechatpay`, {
    method: 'POST',
    headers: notification.headers,
    body: notification.body,
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, ...(body.error?.code ? { code: body.error.code } : {}) };
}

/**
 * What a driver configured like the stack's makes of a notification the emulator sent, with the headers of its last
 * attempt: the verdict the pay server got, read again outside it (within the five minutes a signature is valid).
 */
export function driverVerdict(stack: WechatPayStack, sent: SentNotification) {
  const driver = createWechatPayDriver(stack.emulator.driverOptions());
  const headers = { 'content-type': 'application/json', ...sent.attempts.at(-1)!.headers };
  const request = new Request(sent.url, { method: 'POST', headers, body: sent.body });
  const logger = { info() {}, warn() {}, error() {} };
  return driver.verifyNotification!(request, new TextEncoder().encode(sent.body), {
    publicUrl: stack.url,
    now: stack.clock.now,
    logger,
  });
}
