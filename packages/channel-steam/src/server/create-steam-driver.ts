import type { Bill } from '@coinslot/protocol';
import type { ChannelDriver, ChannelStatus, PayServerLogger } from '@coinslot/server';
import { pollSteamReversals, type SteamNoticeDispatch, type SteamReversalReport } from './poll-steam-reversals.js';
import { describeFailure, settleOrder } from './read-steam-order.js';
import { createMemorySteamState } from './steam-driver-state.js';
import { checkSteamDriverOptions, type SteamDriverOptions } from './steam-driver-options.js';
import { steamCartLine } from './steam-items.js';
import { steamOrderId } from './steam-order-id.js';
import { steamRoutes } from './steam-routes.js';
import { fetchSteamSettlement, parseSteamReport, STEAM_SETTLEMENT_TIME_ZONE } from './steam-settlement.js';
import { SteamSecrets } from './steam-secrets.js';
import { paymentOutcome } from './steam-verdicts.js';
import { createSteamWebApi } from './steam-web-api.js';
import { verifySteamNotice } from './verify-steam-notice.js';
import { verifySteamProof } from './verify-steam-proof.js';

/** The Steam driver: a {@link ChannelDriver} plus the reversal poll the pay server has no hook for yet. */
export interface SteamDriver extends ChannelDriver {
  /**
   * Runs one refund and chargeback poll (GetReport → signed notices into the pay server; see `pollSteamReversals`).
   * Call it on a timer — Steam's guide asks for at least daily, every minute is fine — with the pay server's handler:
   * `driver.pollReversals({ dispatch: (request) => payServer.handle(request) })`.
   */
  pollReversals(options: {
    dispatch: SteamNoticeDispatch;
    /** Where unknown orders and notices the server did not take are reported. @default none */
    logger?: Pick<PayServerLogger, 'warn'>;
    /** @default 'http://localhost/v1/notify/steam' */
    notifyUrl?: string;
    /** The clock notices are stamped with (the pay server's). @default Date.now */
    now?: () => number;
  }): Promise<SteamReversalReport>;
}

/**
 * The `steam` channel's driver: Steam microtransactions through the MicroTxn web API (`fetch`, form-encoded POSTs,
 * the publisher key server-side only). Client result source: the adapter reports the overlay's authorization as a
 * proof, which the driver verifies by asking Steam (QueryTxn) and capturing the payment (FinalizeTxn).
 */
export function createSteamDriver(options: SteamDriverOptions): SteamDriver {
  checkSteamDriverOptions(options);
  const id = 'steam';
  const appid = String(options.appId);
  const items = options.items ?? {};
  const state = options.state ?? createMemorySteamState();
  const api = createSteamWebApi({
    baseUrl: options.apiUrl ?? 'https://partner.steam-api.com',
    iface: options.sandbox ? 'ISteamMicroTxnSandbox' : 'ISteamMicroTxn',
    key: options.publisherKey,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const secretsReady = SteamSecrets.create(options.publisherKey);
  const reversals = options.reversals ?? {};
  const pollReversals: SteamDriver['pollReversals'] = async ({ dispatch, notifyUrl, now, logger }) =>
    pollSteamReversals({
      api,
      appid,
      secrets: await secretsReady,
      state,
      dispatch,
      notifyUrl,
      now,
      logger,
      ...reversals,
    });

  return {
    id,
    // client: the adapter's proof; server: the reversal poller's notices (the server takes notifications only from
    // a channel that declares it).
    resultSource: ['client', 'server'],

    async launch(bill: Readonly<Bill>, ctx) {
      const line = steamCartLine(bill, items);
      if (typeof line === 'string') throw new Error(`The Steam driver cannot sell this bill: ${line}`);
      const token = await (await secretsReady).initToken(bill.id);
      return {
        orderid: await steamOrderId(bill.id),
        appId: options.appId,
        initUrl: `${ctx.publicUrl}/v1/${id}/orders/${bill.id}/init?token=${token}`,
      };
    },

    verifyProof: async (bill, proof) =>
      verifySteamProof(api, appid, bill, proof, options.authorizationRecheckMs ?? 1000),

    verifyNotification: async (request, rawBody, ctx) =>
      verifySteamNotice(
        { api, appid, secrets: await secretsReady, windowMs: options.noticeWindowMs ?? 300_000 },
        request,
        rawBody,
        ctx,
      ),

    async query(bill): Promise<ChannelStatus> {
      const answer = await settleOrder(api, appid, await steamOrderId(bill.id));
      if ('failure' in answer) return { pending: true, reason: describeFailure('QueryTxn', answer.failure) };
      if ('unreadable' in answer) return { refused: true, reason: answer.unreadable };
      return paymentOutcome(bill.id, answer.statement);
    },

    routes: async (request, ctx) =>
      steamRoutes(
        {
          driverId: id,
          api,
          appid,
          secrets: await secretsReady,
          state,
          items,
          pollToken: reversals.pollToken,
          poll: (dispatch, notifyUrl, now, logger) => pollReversals({ dispatch, notifyUrl, now, logger }),
        },
        request,
        ctx,
      ),

    pollReversals,

    // Reconciliation (docs/reconciliation.md): GetReport's orders of the UTC day, bills from the driver's state.
    settlementTimeZone: STEAM_SETTLEMENT_TIME_ZONE,
    // Always GAMESALES: a CHARGEBACK report (which the poll may use) lists no payments.
    fetchSettlement: (day) => fetchSteamSettlement({ api, appid, state, maxResults: reversals.maxResults }, day),
    parseSettlementFile: (bytes) => parseSteamReport(bytes, (orderid) => state.billForOrder(orderid)),
  };
}
