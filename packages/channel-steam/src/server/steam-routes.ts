import { isBillId } from '@coinslot/protocol';
import { type DriverRouteContext, ProtocolError } from '@coinslot/server';
import { SteamApiError } from './steam-api-error.js';
import { initSteamOrder, type SteamInitDeps } from './steam-init-route.js';
import type { SteamReversalReport } from './poll-steam-reversals.js';

/** What the Steam driver's routes need. */
export interface SteamRouteDeps extends SteamInitDeps {
  /** The bearer token of the poll route; without one the route does not exist. */
  pollToken: string | undefined;
  /** One reversal poll that sends its notices to `notifyUrl` through `dispatch`. */
  poll(
    dispatch: (request: Request) => Promise<Response>,
    notifyUrl: string,
    now: () => number,
    logger: DriverRouteContext['logger'],
  ): Promise<SteamReversalReport>;
}

const INIT = /^\/v1\/([^/]+)\/orders\/([^/]+)\/init$/;

function sameToken(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

function requirePost(request: Request, ctx: DriverRouteContext): void {
  if (request.method !== 'POST')
    throw new ProtocolError('METHOD_NOT_ALLOWED', `${ctx.url.pathname} answers POST`, { headers: { allow: 'POST' } });
}

/**
 * The Steam driver's routes: `POST /v1/steam/orders/:billId/init?token=T` (the adapter starts the bill's order, see
 * steam-init-route.ts) and, when a poll token is configured, `POST /v1/steam/reversals/poll` with
 * `Authorization: Bearer <token>` (a scheduler runs one reversal poll; answers its report). Steam unreachable
 * answers `503 UNAVAILABLE`.
 */
export async function steamRoutes(deps: SteamRouteDeps, request: Request, ctx: DriverRouteContext) {
  try {
    if (ctx.url.pathname === `/v1/${deps.driverId}/reversals/poll` && deps.pollToken !== undefined) {
      requirePost(request, ctx);
      const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
      if (!sameToken(given, deps.pollToken)) throw new ProtocolError('UNAUTHENTICATED', 'a poll token is required');
      const notifyUrl = new URL(`/v1/notify/${deps.driverId}`, ctx.url).href;
      const report = await deps.poll((notice) => ctx.dispatch(notice), notifyUrl, ctx.now, ctx.logger);
      return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json; charset=utf-8' } });
    }
    const match = INIT.exec(ctx.url.pathname);
    if (!match || match[1] !== deps.driverId || !isBillId(match[2])) return undefined;
    requirePost(request, ctx);
    const billId = match[2];
    if (!(await deps.secrets.checkInitToken(billId, ctx.url.searchParams.get('token') ?? '')))
      throw new ProtocolError('INVALID_FIELD', 'token is not this bill’s init token', { field: 'token' });
    const bill = await ctx.getBill(billId);
    if (!bill || bill.channel !== deps.driverId) throw new ProtocolError('BILL_NOT_FOUND', `no bill ${billId}`);
    return await initSteamOrder(deps, bill, request, ctx);
  } catch (error) {
    if (!SteamApiError.isInstance(error)) throw error;
    ctx.logger.warn('Steam could not be reached', { method: error.method, message: error.message });
    throw new ProtocolError('UNAVAILABLE', `${error.message}; try again`);
  }
}
