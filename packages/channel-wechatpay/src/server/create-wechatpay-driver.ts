import type { ChannelDriver, ChannelRefusal } from '@coinslot/server';
import { WECHATPAY_ID } from '../channel-id.js';
import type { WechatPayLaunch } from '../wechatpay-launch.js';
import { placeNativeOrder } from './native-order.js';
import { openNotification } from './notification-envelope.js';
import { notificationVerdict } from './notification-verdict.js';
import { queryOrder } from './query-order.js';
import { StatusTokens, statusRoute, statusUrl } from './status-route.js';
import { fetchTradeBill, WECHATPAY_SETTLEMENT_TIME_ZONE } from './trade-bill-download.js';
import { parseTradeBill } from './trade-bill-file.js';
import { resolveWechatPayOptions, type WechatPayDriverOptions } from './wechatpay-driver-options.js';
import { signatureProblem } from './wechatpay-signature.js';

const refuse = (reason: string): ChannelRefusal => ({ refused: true, reason });

/**
 * The WeChat Pay (API v3, Native pay) channel's **driver**, mounted on the pay server
 * (`createPayServer({ drivers: [createWechatPayDriver(options)] })` from `@coinslot/server`):
 *
 * - `launch(bill)` places a Native order for the bill's amount in fen (`out_trade_no` = the bill id, `time_expire` =
 *   the bill's expiry) and answers `{ codeUrl, statusUrl }`: the QR code's text, and the adapter's status route;
 * - `verifyNotification` takes `POST /v1/notify/wechatpay` only when WeChat Pay's SHA256withRSA signature verifies
 *   under a configured key and its timestamp is within `toleranceSeconds`, then decrypts the resource with the APIv3
 *   key and maps `TRANSACTION.SUCCESS` to paid and `REFUND.SUCCESS` to a refund (other events are ignored);
 * - `acknowledge` answers `204` with no body, as WeChat Pay expects;
 * - `query(bill)` asks WeChat Pay for the order's `trade_state` (the query fallback);
 * - `routes` serves the status route (status-route.ts);
 * - `fetchSettlement` / `parseSettlementFile` read the day's trade bill for reconciliation (docs/reconciliation.md).
 *
 * Node only: it signs and verifies with `node:crypto` (there is no official WeChat Pay SDK for Node).
 *
 * @throws TypeError at once for a missing or malformed option (the pay server does not start)
 */
export function createWechatPayDriver(options: WechatPayDriverOptions): ChannelDriver {
  const resolved = resolveWechatPayOptions(options);
  const tokens = new StatusTokens(resolved.apiV3Key);

  return {
    id: WECHATPAY_ID,
    resultSource: ['server'],

    async launch(bill, ctx) {
      const notifyUrl = resolved.notifyUrl ?? `${ctx.publicUrl}/v1/notify/${WECHATPAY_ID}`;
      const codeUrl = await placeNativeOrder(resolved, bill, notifyUrl, ctx.now());
      const launch: WechatPayLaunch = { codeUrl, statusUrl: statusUrl(ctx.publicUrl, bill.id, tokens) };
      return { ...launch };
    },

    async verifyNotification(request, rawBody, ctx) {
      const problem = signatureProblem(
        resolved.wechatpayKeys,
        { headers: request.headers, body: rawBody },
        ctx.now(),
        resolved.toleranceSeconds,
      );
      if (problem !== undefined) return refuse(problem);
      // Only now is the body WeChat Pay's own, and worth decrypting.
      const notification = openNotification(rawBody, resolved.apiV3Key);
      if (typeof notification === 'string') return refuse(notification);
      return notificationVerdict(notification, resolved);
    },

    acknowledge() {
      return new Response(null, { status: 204 });
    },

    query(bill, ctx) {
      return queryOrder(resolved, bill, ctx.now());
    },

    routes(request, ctx) {
      return statusRoute(request, ctx, tokens);
    },

    settlementTimeZone: WECHATPAY_SETTLEMENT_TIME_ZONE,
    fetchSettlement: (day, ctx) => fetchTradeBill(resolved, day, () => ctx.now()),
    parseSettlementFile: (bytes) => parseTradeBill(bytes),
  };
}
