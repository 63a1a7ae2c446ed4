import type { SettlementDay, SettlementRecord } from '@coinslot/server';
import { settlementWindow } from '@coinslot/server';
import { SteamApiError } from './steam-api-error.js';
import type { SteamDriverState } from './steam-driver-state.js';
import { reportOrders, steamReportLines } from './steam-report-lines.js';
import type { SteamWebApi } from './steam-web-api.js';

/** GetReport's times are UTC, and so is the day the driver reconciles. */
export const STEAM_SETTLEMENT_TIME_ZONE = 'UTC';
/** Pages of `maxresults` orders read for one day at most (a day of 50 million changes): a bound, not a target. */
const MAX_PAGES = 50;
const steamTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** What a settlement fetch needs: the driver's client and state. */
export interface SteamSettlementDeps {
  api: SteamWebApi;
  appid: string;
  state: SteamDriverState;
  /** GetReport's `maxresults`. @default 1000 */
  maxResults?: number;
}

/**
 * Steam's settlement of `day` (UTC): GetReport (the driver's client, `type` GAMESALES) from the day's start, paged by
 * `time` — the next page starts at the last order's `time`, orders seen twice are kept once — until a page is not
 * full (a full page all in one second, or over 50 pages, fails the run rather than missing orders). GetReport lists
 * every order whose latest change is at or after `time`, so an order paid in the day and reversed later is there too,
 * with its payment at `timecreated`. Each order's bill comes from the driver's state
 * (order → bill, recorded at launch); the engine keeps the lines of the day.
 * @throws SteamApiError when GetReport cannot be read or refuses
 */
export async function fetchSteamSettlement(deps: SteamSettlementDeps, day: SettlementDay): Promise<SettlementRecord[]> {
  const window = settlementWindow(day.date, day.timeZone);
  if (!window) throw new RangeError(`not a settlement day: ${day.date} in ${day.timeZone}`);
  const maxresults = deps.maxResults ?? 1000;
  const orders = new Map<string, unknown>();
  let time = steamTime(window.from);
  for (let page = 0; ; page += 1) {
    if (page === MAX_PAGES)
      throw new SteamApiError('GetReport', `over ${MAX_PAGES} pages from ${steamTime(window.from)}`);
    const report = await deps.api.getReport({
      appid: deps.appid,
      type: 'GAMESALES',
      time,
      maxresults: String(maxresults),
    });
    if (!report.ok)
      throw new SteamApiError('GetReport', `refused: ${report.error.errorcode} ${report.error.errordesc}`);
    const listed = reportOrders({ response: { result: 'OK', params: report.params } });
    for (const order of listed) orders.set(String((order as { orderid?: unknown }).orderid), order);
    const last = listed.at(-1) as { time?: unknown } | undefined;
    if (listed.length < maxresults || typeof last?.time !== 'string') break;
    // Steam pages by time only: a full page all at the cursor's second cannot be paged past.
    if (last.time === time)
      throw new SteamApiError('GetReport', `over ${maxresults} orders changed at ${time}: raise reversals.maxResults`);
    time = last.time;
  }
  const lines: SettlementRecord[] = [];
  for (const order of orders.values()) {
    const orderid = String((order as { orderid?: unknown }).orderid);
    lines.push(...steamReportLines(order, await deps.state.billForOrder(orderid)));
  }
  return lines;
}

/**
 * Parses a saved GetReport answer (the JSON body, one page). Steam's report names orders, not bills: each order's bill
 * is looked up in the driver's state (`billForOrder`, the orders this driver started), so an order this pay server
 * never started stays without a bill (*missing here*).
 * @throws Error when it is not a GetReport answer or an order cannot be read
 */
export async function parseSteamReport(
  bytes: Uint8Array,
  billForOrder: (orderid: string) => Promise<string | undefined>,
): Promise<SettlementRecord[]> {
  const body: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const lines: SettlementRecord[] = [];
  for (const order of reportOrders(body)) {
    const orderid = String((order as { orderid?: unknown }).orderid);
    lines.push(...steamReportLines(order, await billForOrder(orderid)));
  }
  return lines;
}
