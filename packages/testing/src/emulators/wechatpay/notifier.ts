import { generateKeyPairSync } from 'node:crypto';
import { randomDigits, randomText, type EmulatedMerchant, type EmulatedPlatformKey } from './emulator-credentials.js';
import { chinaTime, encryptResource, signAsWechatPay, type SignedHeaders } from './platform-signing.js';

/**
 * What happens to a notification when it is made:
 * - `send`: posted at once (a non-2xx answer leaves it `failed`, for {@link Notifier.retryUndelivered});
 * - `hold`: kept back, posted by `retryUndelivered` later (out-of-order tests: something else is notified first);
 * - `drop`: never posted (a lost notification: only the query fallback finds the payment);
 * - `duplicate`: posted twice, the second a retry with a fresh signature (the same `id` and body).
 */
export type Delivery = 'send' | 'hold' | 'drop' | 'duplicate';

/** One attempt to post a notification. */
export interface NotificationAttempt {
  /** The pay server's HTTP status, 0 when it gave none. */
  status: number;
  at: number;
  headers: SignedHeaders;
}

/** A notification the emulator made, and what became of it. */
export interface SentNotification {
  /** WeChat Pay's notification id (`EV-…`), the same on every attempt. */
  id: string;
  eventType: string;
  outTradeNo: string;
  url: string;
  /** The exact body, fixed when made. */
  body: string;
  attempts: NotificationAttempt[];
  state: 'held' | 'delivered' | 'failed' | 'dropped';
}

/** How to forge a payment notification (each must be refused by a verifying merchant). */
export type Forgery = 'wrong-key' | 'unknown-serial' | 'tampered-body' | 'signature-probe' | 'wrong-apiv3-key';

/** What one notification is about. */
export interface NotificationContent {
  eventType: string;
  summary: string;
  originalType: 'transaction' | 'refund' | 'complaint';
  resource: Record<string, unknown>;
  outTradeNo: string;
  url: string;
}

/** Makes, signs, posts and records WeChat Pay notifications. */
export class Notifier {
  readonly sent: SentNotification[] = [];

  constructor(
    private readonly key: EmulatedPlatformKey,
    private readonly merchant: EmulatedMerchant,
    private readonly now: () => number,
  ) {}

  #body(content: NotificationContent, apiV3Key = this.merchant.apiV3Key): { id: string; body: string } {
    const id = `EV-${randomDigits(20)}`;
    const body = JSON.stringify({
      id,
      create_time: chinaTime(this.now()),
      resource_type: 'encrypt-resource',
      event_type: content.eventType,
      summary: content.summary,
      resource: encryptResource(apiV3Key, content.originalType, content.resource),
    });
    return { id, body };
  }

  async #post(url: string, body: string, headers: SignedHeaders): Promise<number> {
    try {
      const answer = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Mozilla/4.0' },
        body,
      });
      await answer.arrayBuffer();
      return answer.status;
    } catch {
      return 0;
    }
  }

  /** Post a made notification once more, signed afresh (what WeChat Pay does on each retry). */
  async attempt(notification: SentNotification): Promise<number> {
    const headers = signAsWechatPay(this.key, notification.body, Math.floor(this.now() / 1000));
    const status = await this.#post(notification.url, notification.body, headers);
    notification.attempts.push({ status, at: this.now(), headers });
    notification.state = status >= 200 && status < 300 ? 'delivered' : 'failed';
    return status;
  }

  /** Make a notification and deliver it as `delivery` says. */
  async notify(content: NotificationContent, delivery: Delivery): Promise<SentNotification> {
    const { id, body } = this.#body(content);
    const notification: SentNotification = {
      id,
      eventType: content.eventType,
      outTradeNo: content.outTradeNo,
      url: content.url,
      body,
      attempts: [],
      state: delivery === 'drop' ? 'dropped' : 'held',
    };
    this.sent.push(notification);
    if (delivery === 'send' || delivery === 'duplicate') await this.attempt(notification);
    if (delivery === 'duplicate') await this.attempt(notification);
    return notification;
  }

  /** Post every held or failed notification again, oldest first (WeChat Pay's retries). */
  async retryUndelivered(): Promise<SentNotification[]> {
    const pending = this.sent.filter((n) => n.state === 'held' || n.state === 'failed');
    for (const notification of pending) await this.attempt(notification);
    return pending;
  }

  /** Post a notification's last attempt again byte for byte: its body and its original signed headers. */
  async replay(notification: SentNotification): Promise<number> {
    const last = notification.attempts.at(-1);
    if (last === undefined) throw new Error(`notification ${notification.id} was never posted`);
    return this.#post(notification.url, notification.body, last.headers);
  }

  /** Post a forged notification of `content` (never recorded as sent); answers the pay server's status. */
  async forge(content: NotificationContent, forgery: Forgery): Promise<number> {
    const { body } = this.#body(content, forgery === 'wrong-apiv3-key' ? randomText(32) : undefined);
    const timestamp = Math.floor(this.now() / 1000);
    if (forgery === 'wrong-key' || forgery === 'unknown-serial') {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const id = forgery === 'wrong-key' ? this.key.id : `PUB_KEY_ID_09${randomDigits(26)}`;
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      return this.#post(content.url, body, signAsWechatPay({ id, privateKey: pem }, body, timestamp));
    }
    const headers = signAsWechatPay(this.key, body, timestamp);
    if (forgery === 'signature-probe')
      return this.#post(content.url, body, {
        ...headers,
        'wechatpay-signature': `WECHATPAY/SIGNTEST/${randomText(40)}`,
      });
    if (forgery === 'tampered-body') return this.#post(content.url, body.replace(content.summary, '已篡改'), headers);
    return this.#post(content.url, body, headers);
  }
}
