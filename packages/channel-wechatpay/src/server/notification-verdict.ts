import type { NotificationVerification } from '@coinslot/server';
import type { WechatPayNotification } from './notification-envelope.js';
import { refundVerdict } from './refund-verdict.js';
import { transactionStatus } from './transaction-status.js';
import type { ResolvedWechatPayOptions } from './wechatpay-driver-options.js';

/**
 * A verified, decrypted notification in the protocol's terms:
 * - `TRANSACTION.SUCCESS` (the only payment event WeChat Pay sends: a failed or closed order is not notified, the
 *   query fallback finds it): the transaction's verdict, `paid` with `amount.total` and `amount.currency`;
 * - `REFUND.SUCCESS`: a refund with its running total (refund-verdict.ts);
 * - anything else — `REFUND.ABNORMAL`, `REFUND.CLOSED` (no money moved), `COMPLAINT.*` (a complaint opened: WeChat
 *   Pay has no chargeback; money goes back only as a refund, which is notified itself) — is ignored.
 */
export async function notificationVerdict(
  notification: WechatPayNotification,
  options: ResolvedWechatPayOptions,
): Promise<NotificationVerification> {
  const { eventType, resource } = notification;
  if (eventType.startsWith('TRANSACTION.')) {
    const status = transactionStatus(resource, options);
    return 'pending' in status ? { ignored: true, reason: `${eventType} with trade_state ${status.reason}` } : status;
  }
  if (eventType === 'REFUND.SUCCESS') return refundVerdict(resource, options);
  return { ignored: true, reason: `unmapped event_type ${JSON.stringify(eventType.slice(0, 60))}` };
}
