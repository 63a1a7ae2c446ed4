import type { AdminApi } from './admin/admin-api.js';
import type { ResolvedAuth } from './auth/auth-options.js';
import type { BillService } from './bills/bill-service.js';
import type { ChannelDriver, DriverContext } from './drivers/channel-driver.js';
import type { ServerLimits } from './limits/server-limits.js';
import type { ResolvedOptions } from './options.js';
import type { ResultSigner } from './signing/result-signer.js';
import type { BillStore } from './store/bill-store.js';
import type { WaiterRegistry } from './waits/waiter-registry.js';

/** Everything a route needs, built once per server. */
export interface ServerContext {
  options: ResolvedOptions;
  /** Who may do what: the verifiers of player tokens, server keys and bill tokens. */
  auth: ResolvedAuth;
  store: BillStore;
  bills: BillService;
  waiters: WaiterRegistry;
  /** The abuse limits' state: rate-limit buckets, held-wait counts (docs/limits.md). */
  limits: ServerLimits;
  signer: ResultSigner;
  drivers: ReadonlyMap<string, ChannelDriver>;
  /** The admin API (reports), when admin keys are configured. */
  admin?: AdminApi | undefined;
  /** The server's own handler, for drivers that send themselves requests. */
  dispatch(request: Request): Promise<Response>;
}

/** One request as a route sees it. */
export interface RouteRequest {
  request: Request;
  url: URL;
  /** The path's captured segments, e.g. the bill id. */
  params: string[];
}

/** A route: answers one method of one path. */
export type RouteHandler = (req: RouteRequest, ctx: ServerContext) => Promise<Response>;

/** The public base URL for `url`: the `publicUrl` option, else the request's origin. */
export function publicUrlFor(url: URL, ctx: ServerContext): string {
  return ctx.options.publicUrl ?? url.origin;
}

/** The context every driver hook receives. */
export function driverContext(url: URL, ctx: ServerContext): DriverContext {
  return { publicUrl: publicUrlFor(url, ctx), now: ctx.options.now, logger: ctx.options.logger };
}
