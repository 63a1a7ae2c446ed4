import type { ChannelDriver } from '@coinslot/server';
import { ALIPAY_ID } from '../channel-id.js';
import { parseAlipayBill } from './alipay-bill-file.js';
import { createAlipayClient } from './alipay-client.js';
import { type AlipayDriverOptions, resolveAlipayOptions } from './alipay-driver-options.js';
import { alipayRoutes } from './alipay-routes.js';
import { ALIPAY_SETTLEMENT_TIME_ZONE, fetchAlipaySettlement } from './alipay-settlement.js';
import { launchTrade } from './launch-trade.js';
import { queryTrade } from './query-trade.js';
import { StatusToken } from './status-token.js';
import { verifyAlipayNotification } from './verify-notification.js';

/** Alipay counts a notification as received only when the answer is exactly this text. */
const ACKNOWLEDGEMENT = 'success';
const acknowledgement = () =>
  new Response(ACKNOWLEDGEMENT, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/**
 * The Alipay channel's **driver**, for `createPayServer({ drivers: [createAlipayDriver(options)] })`:
 * - `launch` opens the trade for a CNY bill: page pay (a signed cashier URL) or precreate (a QR code);
 * - `verifyNotification` takes Alipay's form-encoded asynchronous notification to `POST /v1/notify/alipay`,
 *   verifies its RSA2 signature with the official SDK and Alipay's public key, and maps it (paid, cancelled,
 *   refunded with Alipay's running total);
 * - `acknowledge` answers the plain text `success`, the only answer that stops Alipay's retries (ignored
 *   notifications get it too);
 * - `query` asks `alipay.trade.query` for a bill whose notification never came;
 * - `routes` serve the return page and the adapter's status page;
 * - `fetchSettlement` / `parseSettlementFile` read the day's trade bill for reconciliation (docs/reconciliation.md).
 *
 * Node only: the official `alipay-sdk` uses `node:crypto` and `urllib`.
 * @throws TypeError at once for a missing or unreadable option (the pay server does not start)
 */
export function createAlipayDriver(options: AlipayDriverOptions): ChannelDriver {
  const resolved = resolveAlipayOptions(options);
  const sdk = createAlipayClient(resolved);
  const tokens = new StatusToken(resolved.appPrivateKey);
  return {
    id: ALIPAY_ID,
    resultSource: ['server'],
    launch: (bill, ctx) => launchTrade({ options: resolved, sdk, tokens }, bill, ctx),
    async verifyNotification(request, rawBody, ctx) {
      const verification = await verifyAlipayNotification(sdk, resolved, request, rawBody, ctx);
      // A verified notification the server ignores is answered `success` too, or Alipay retries it for a day.
      return 'ignored' in verification ? { ...verification, response: acknowledgement() } : verification;
    },
    acknowledge: acknowledgement,
    query: (bill) => queryTrade(sdk, bill),
    routes: (request, ctx) => alipayRoutes(request, ctx, { tokens, returnUrl: resolved.returnUrl }),
    settlementTimeZone: ALIPAY_SETTLEMENT_TIME_ZONE,
    fetchSettlement: (day) => fetchAlipaySettlement(sdk, day, resolved.timeoutMs),
    parseSettlementFile: (bytes) => parseAlipayBill(bytes),
  };
}
