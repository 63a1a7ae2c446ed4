import type { Params } from './alipay-signing.js';
import { formBody } from './trade-notification.js';

/** What happens to a notification when the emulator makes it: sent now, kept back (sent later on request), or lost. */
export type Delivery = 'send' | 'hold' | 'drop';

/** One notification the emulated Alipay made, and what became of it. */
export interface AlipayNotification {
  /** The emulator's running number, from 1. */
  seq: number;
  /** Where it goes: the trade's `notify_url`. */
  url: string;
  /** The signed parameters. */
  params: Params;
  /** The exact form body sent (the same bytes on every delivery of this object). */
  body: string;
  /** Every delivery attempt: the HTTP status and the answer's text. */
  attempts: Array<{ status: number; answer: string }>;
  /** Whether an attempt was answered with the plain text `success`, as Alipay requires. */
  acknowledged: boolean;
  /** `hold`: not sent yet; `drop`: lost, never sent; `send`: sent at least once. */
  delivery: Delivery;
}

/** Sends notifications and keeps every one of them, retrying on the schedule given. */
export class Notifier {
  readonly sent: AlipayNotification[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly retryDelaysMs: readonly number[]) {}

  /** Records `params` (already signed) for `url` and delivers it as `delivery` says. */
  async notify(url: string, params: Params, delivery: Delivery): Promise<AlipayNotification> {
    const notification: AlipayNotification = {
      seq: this.sent.length + 1,
      url,
      params,
      body: formBody(params),
      attempts: [],
      acknowledged: false,
      delivery,
    };
    this.sent.push(notification);
    if (delivery === 'send') await this.deliver(notification);
    return notification;
  }

  /**
   * POSTs the notification's exact bytes to its URL (again). Alipay counts an answer as received only when it is the
   * plain text `success`; anything else — another text, an error status, no answer — is retried on the schedule.
   */
  async deliver(notification: AlipayNotification, retry = 0): Promise<AlipayNotification> {
    notification.delivery = 'send';
    let status = 0;
    let answer = '';
    try {
      const response = await fetch(notification.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: notification.body,
      });
      status = response.status;
      answer = await response.text();
    } catch (error) {
      answer = `no answer: ${String(error)}`;
    }
    notification.attempts.push({ status, answer });
    if (status === 200 && answer.trim() === 'success') notification.acknowledged = true;
    else this.#scheduleRetry(notification, retry);
    return notification;
  }

  #scheduleRetry(notification: AlipayNotification, retry: number): void {
    const delay = this.retryDelaysMs[retry];
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.deliver(notification, retry + 1);
    }, delay);
    timer.unref?.();
    this.#timers.add(timer);
  }

  /** Sends every held notification, oldest first. */
  async releaseHeld(): Promise<AlipayNotification[]> {
    const held = this.sent.filter((notification) => notification.delivery === 'hold');
    for (const notification of held) await this.deliver(notification);
    return held;
  }

  /** Cancels the retries still scheduled. */
  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
