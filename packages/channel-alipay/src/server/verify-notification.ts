import type { DriverContext, NotificationVerification } from '@coinslot/server';
import type { AlipaySdk } from 'alipay-sdk';
import type { ResolvedAlipayOptions } from './alipay-driver-options.js';
import { parseBeijingTime } from './alipay-values.js';
import { readNotificationForm } from './notification-form.js';
import { tradeVerdict } from './notification-verdict.js';

const refuse = (reason: string): NotificationVerification => ({ refused: true, reason });

/** How far ahead of the server's clock a `notify_time` may be (clock skew), in ms. */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/**
 * Whether Alipay signed these parameters: RSA2 only (`sign_type` must say so), verified by the official SDK's
 * `checkNotifySignV2` with Alipay's public key — every parameter but `sign` and `sign_type`, sorted, as received
 * (the form is already decoded once, so the V2 check, which decodes nothing more, is the right one).
 */
export function isSignedByAlipay(sdk: AlipaySdk, params: Readonly<Record<string, string>>): boolean {
  if (!params.sign || params.sign_type !== 'RSA2') return false;
  return sdk.checkNotifySignV2({ ...params });
}

/**
 * Verifies `POST /v1/notify/alipay` and maps it: the form is read strictly, the RSA2 signature checked before any
 * field is believed, then the app (`app_id` must be this driver's: Alipay's key signs for every app), the age
 * (`notify_time`, Beijing time, signed: a captured notification replayed after the window is refused; inside it a
 * replay is a harmless repeat), and the type (`trade_status_sync`; another verified type is ignored).
 */
export function verifyAlipayNotification(
  sdk: AlipaySdk,
  options: ResolvedAlipayOptions,
  request: Request,
  rawBody: Uint8Array,
  ctx: DriverContext,
): NotificationVerification {
  const params = readNotificationForm(request, rawBody);
  if (typeof params === 'string') return refuse(params);
  if (!params.sign) return refuse('no sign');
  if (params.sign_type !== 'RSA2') return refuse('sign_type is not RSA2');
  if (!isSignedByAlipay(sdk, params)) return refuse('bad signature');
  if (params.app_id !== options.appId) return refuse('the notification is for another app_id');
  const notifiedAt = parseBeijingTime(params.notify_time);
  if (notifiedAt === undefined) return refuse('notify_time is missing or malformed');
  const age = ctx.now() - notifiedAt;
  if (age > options.notificationMaxAgeMs) return refuse(`notify_time is ${Math.round(age / 1000)} s old`);
  if (age < -FUTURE_SKEW_MS) return refuse(`notify_time is ${Math.round(-age / 1000)} s ahead of the server's clock`);
  if (params.notify_type !== 'trade_status_sync')
    return {
      ignored: true,
      reason: `notify_type ${JSON.stringify(String(params.notify_type).slice(0, 40))} is not mapped`,
    };
  return tradeVerdict(params);
}
