import { failureAnswer, okAnswer, type SteamAnswer } from './steam-envelope.js';
import { orderView, steamTime } from './steam-order.js';
import type { SteamOrderBook } from './steam-order-book.js';
import { SteamParamError, type SteamParams } from './steam-params.js';
import {
  STEAM_ERRORS,
  STEAM_REVERSED_STATUSES,
  type SteamMicroTxnInterface,
  type SteamMicroTxnMethod,
} from './steam-txn-values.js';
import type { SteamUserSessions } from './steam-user-sessions.js';

/** What every emulated method reads besides its parameters. */
export interface SteamApiContext {
  iface: SteamMicroTxnInterface;
  appId: number;
  book: SteamOrderBook;
  sessions: SteamUserSessions;
}

// The Web API language codes of Steam's fully supported languages (partner.steamgames.com/doc/store/localization/languages).
const LANGUAGES = new Set(
  'ar bg zh-CN zh-TW cs da nl en fi fr de el hu id it ja ko no pl pt pt-BR ro ru es es-419 sv th tr uk vi'.split(' '),
);
const UINT32_MAX = 4_294_967_295;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function requireApp(params: SteamParams, ctx: SteamApiContext): void {
  if (params.integer('appid', 0, UINT32_MAX) !== ctx.appId) throw new SteamParamError('appid', 'is not your app');
}

function initTxn(params: SteamParams, ctx: SteamApiContext): SteamAnswer {
  const orderid = params.unsigned('orderid');
  try {
    requireApp(params, ctx);
    const steamid = params.unsigned('steamid');
    const language = params.text('language', 8);
    if (!LANGUAGES.has(language)) throw new SteamParamError('language', 'is not a supported Web API language code');
    const currency = params.text('currency', 3);
    if (!/^[A-Z]{3}$/.test(currency)) throw new SteamParamError('currency', 'is not an ISO 4217 code');
    const usersession = params.optionalText('usersession', 6) ?? 'client';
    if (usersession !== 'client') throw new SteamParamError('usersession', 'other than "client" is not emulated');
    const itemcount = params.integer('itemcount', 1, 100);
    const items = Array.from({ length: itemcount }, (_, i) => ({
      itemid: params.integer(`itemid[${i}]`, 0, UINT32_MAX),
      qty: params.integer(`qty[${i}]`, 1, 32_767),
      amount: params.integer(`amount[${i}]`, 0, Number.MAX_SAFE_INTEGER),
      vat: 0,
      itemstatus: 'Init' as const,
      description: params.text(`description[${i}]`, 128),
      ...(params.has(`category[${i}]`) ? { category: params.text(`category[${i}]`, 64) } : {}),
    }));
    const session = ctx.sessions.find(steamid, ctx.appId);
    if (!session) return failureAnswer(STEAM_ERRORS.notLoggedIn, { orderid });
    const order = ctx.book.create({
      interface: ctx.iface,
      orderid,
      steamid,
      appid: ctx.appId,
      language,
      currency,
      usersession,
      items,
    });
    if ('errorcode' in order) return failureAnswer(order, { orderid });
    session.show(order);
    return okAnswer({ orderid, transid: order.transid });
  } catch (error) {
    if (error instanceof SteamParamError) return failureAnswer(error.error, { orderid });
    throw error;
  }
}

function existingOrder(params: SteamParams, ctx: SteamApiContext) {
  requireApp(params, ctx);
  const orderid = params.unsigned('orderid');
  const order = ctx.book.get(ctx.iface, orderid);
  if (!order) throw new SteamParamError('orderid', 'is not an order of this app');
  return order;
}

function finalizeTxn(params: SteamParams, ctx: SteamApiContext): SteamAnswer {
  const order = existingOrder(params, ctx);
  const ids = { orderid: order.orderid, transid: order.transid };
  if (order.status === 'Init') return failureAnswer(STEAM_ERRORS.notApproved, ids);
  if (order.status === 'Failed') return failureAnswer(order.failure ?? STEAM_ERRORS.deniedByUser, ids);
  if (order.status !== 'Approved') return failureAnswer(STEAM_ERRORS.alreadyCommitted, ids);
  ctx.book.setStatus(order, 'Succeeded');
  return okAnswer(ids);
}

function queryTxn(params: SteamParams, ctx: SteamApiContext): SteamAnswer {
  if (!params.has('orderid') && params.has('transid')) {
    requireApp(params, ctx);
    const transid = params.unsigned('transid');
    const order = ctx.book.list(ctx.iface).find((candidate) => candidate.transid === transid);
    if (!order) throw new SteamParamError('transid', 'is not a transaction of this app');
    return okAnswer(orderView(order));
  }
  return okAnswer(orderView(existingOrder(params, ctx)));
}

function refundTxn(params: SteamParams, ctx: SteamApiContext): SteamAnswer {
  const order = existingOrder(params, ctx);
  const ids = { orderid: order.orderid, transid: order.transid };
  if (order.status !== 'Succeeded') return failureAnswer(STEAM_ERRORS.failed, ids);
  ctx.book.setStatus(order, 'Refunded');
  return okAnswer(ids);
}

function getReport(params: SteamParams, ctx: SteamApiContext): SteamAnswer {
  requireApp(params, ctx);
  const type = params.optionalText('type', 32) ?? 'GAMESALES';
  const time = params.text('time', 32);
  if (!RFC3339_UTC.test(time) || Number.isNaN(Date.parse(time)))
    throw new SteamParamError('time', 'is not RFC 3339 UTC (2010-01-01T00:00:00Z)');
  const maxresults = params.optionalInteger('maxresults', 1, 50_000, 1000);
  const kinds: Record<string, (status: string) => boolean> = {
    GAMESALES: () => true,
    SETTLEMENT: () => true,
    CHARGEBACK: (status) => (STEAM_REVERSED_STATUSES as readonly string[]).includes(status),
    STEAMSTORESALES: () => false,
    SUBSCRIPTION: () => false,
  };
  const keep = kinds[type];
  if (!keep) throw new SteamParamError('type', 'is not a report type');
  const orders = ctx.book
    .list(ctx.iface)
    .filter((order) => keep(order.status) && steamTime(order.updatedAt) >= time)
    .sort((a, b) => a.updatedAt - b.updatedAt || a.createdAt - b.createdAt)
    .slice(0, maxresults)
    .map(orderView);
  return okAnswer({ count: orders.length, orders });
}

/** The emulated methods, with the HTTP verb and version Steam documents for each. */
export const STEAM_METHODS: Record<
  SteamMicroTxnMethod,
  { verb: 'GET' | 'POST'; version: number; run(params: SteamParams, ctx: SteamApiContext): SteamAnswer }
> = {
  InitTxn: { verb: 'POST', version: 3, run: initTxn },
  FinalizeTxn: { verb: 'POST', version: 2, run: finalizeTxn },
  QueryTxn: { verb: 'GET', version: 3, run: queryTxn },
  RefundTxn: { verb: 'POST', version: 2, run: refundTxn },
  GetReport: { verb: 'GET', version: 5, run: getReport },
};
