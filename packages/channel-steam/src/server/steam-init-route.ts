import type { Bill } from '@coinslot/protocol';
import { type DriverRouteContext, ProtocolError } from '@coinslot/server';
import type { SteamDriverState } from './steam-driver-state.js';
import { steamCartLine, type SteamItems } from './steam-items.js';
import { steamWebLanguage } from './steam-languages.js';
import { steamOrderId } from './steam-order-id.js';
import type { SteamSecrets } from './steam-secrets.js';
import type { SteamWebApi } from './steam-web-api.js';

/** What starting a bill's Steam order needs from the driver. */
export interface SteamInitDeps {
  driverId: string;
  api: SteamWebApi;
  appid: string;
  secrets: SteamSecrets;
  state: SteamDriverState;
  items: SteamItems;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/** Whether `value` is the SteamID64 of an individual account in the public universe (`7656119…`). */
export function isIndividualSteamId(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[1-9]\d{16,19}$/.test(value)) return false;
  const id = BigInt(value);
  return id < 2n ** 64n && id >> 56n === 1n && ((id >> 52n) & 0xfn) === 1n && (id & 0xffffffffn) !== 0n;
}

async function readRequest(request: Request, ctx: DriverRouteContext) {
  const body = await ctx.readJson(request);
  const unknown = Object.keys(body).find((key) => key !== 'steamId' && key !== 'language');
  if (unknown !== undefined) throw new ProtocolError('UNKNOWN_FIELD', `unknown field ${unknown}`, { field: unknown });
  if (!isIndividualSteamId(body.steamId))
    throw new ProtocolError('INVALID_FIELD', 'steamId must be a SteamID64 string', { field: 'steamId' });
  if (body.language !== undefined && (typeof body.language !== 'string' || body.language.length > 32))
    throw new ProtocolError('INVALID_FIELD', 'language must be a short string', { field: 'language' });
  return { steamId: body.steamId, language: steamWebLanguage(body.language) };
}

/**
 * `POST /v1/steam/orders/:billId/init?token=T` with `{ steamId, language? }`: the adapter, running where the
 * Steamworks binding is, sends the player's SteamID and game language; the driver calls InitTxn for the bill — its
 * order id, the price list's amount and currency, the configured item — and Steam shows the dialog in that user's
 * overlay. The SteamID is a hint: Steam shows the dialog to the user it names, and FinalizeTxn succeeds only if that
 * user authorized. Answers `200 { orderid, transid }` (also to a repeat while the order is open), `502 { steam:
 * { errorcode, errordesc } }` when Steam refuses, `503 UNAVAILABLE` when it cannot be reached.
 */
export async function initSteamOrder(
  deps: SteamInitDeps,
  bill: Readonly<Bill>,
  request: Request,
  ctx: DriverRouteContext,
): Promise<Response> {
  if (bill.state !== 'created')
    throw new ProtocolError('INVALID_TRANSITION', `bill ${bill.id} is ${bill.state}`, { state: bill.state });
  const { steamId, language } = await readRequest(request, ctx);
  const line = steamCartLine(bill, deps.items);
  if (typeof line === 'string') throw new ProtocolError('INTERNAL', `the Steam driver cannot sell this bill: ${line}`);
  const orderid = await steamOrderId(bill.id);
  const known = await deps.state.billForOrder(orderid);
  if (known !== undefined && known !== bill.id)
    throw new ProtocolError('INTERNAL', `Steam order id ${orderid} is taken`);
  await deps.state.rememberOrder(orderid, bill.id);
  const params = { orderid, steamid: steamId, appid: deps.appid, itemcount: '1', language, currency: bill.currency };
  const started = await deps.api.initTxn({ ...params, usersession: 'client', ...line });
  if (started.ok) return json(200, { orderid, transid: String(started.params.transid ?? '') });
  // A repeat of a started order (the adapter retried after a lost answer) finds it open.
  const open = await deps.api.queryTxn({ orderid, appid: deps.appid });
  if (open.ok && (open.params.status === 'Init' || open.params.status === 'Approved'))
    return json(200, { orderid, transid: String(open.params.transid ?? '') });
  ctx.logger.warn('Steam refused InitTxn', { billId: bill.id, ...started.error });
  return json(502, { steam: started.error });
}
